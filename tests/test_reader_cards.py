"""Award cards that answer the reader (issue 12 point 1): what the award is and what for, who
conferred it and at which level, under which decision, to whom; one meaning for each count
word; overlaps stated; one edit link per page, none on cards.

Expectations are computed here from the records of the built site (seed + tests/fixtures/extra),
never with the page code."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from helpers import Doc, read

LEVELS = {"trung_uong": "Trung ương", "tinh": "Tỉnh", "huyen": "Huyện", "xa": "Xã", "co_quan": "Cơ quan, đơn vị"}
KINDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}
EDIT_BASE = "https://github.com/gia-loc/bang-vang/edit/main/"


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def tally(award) -> dict[str, int]:
    named = {k: 0 for k in KINDS}
    for r in award.get("recipients", []):
        named[r.get("kind") or ("ca_nhan" if (r.get("person") or r.get("name")) else "tap_the")] += 1
    return {k: award.get("count", {}).get(k, v) for k, v in named.items()}


def status(award) -> str:
    return award.get("status", "tang")


class Cards(HTMLParser):
    """The text and links of each <article class="bv-award"> of a page, by its id."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.cards: dict[str, dict] = {}
        self._stack: list[dict] = []
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "article" and "bv-award" in (attrs.get("class") or "").split():
            card = {"text": [], "links": [], "titles": [], "tag": None}
            self.cards[attrs["id"]] = card
            self._stack.append(card)
            self._depth = 0
        if self._stack:
            if tag not in Doc.VOID:
                self._depth += 1
            if tag == "a":
                self._stack[-1]["links"].append(attrs.get("href", ""))
            if re.fullmatch(r"h[1-6]", tag) and "bv-award__title" in (attrs.get("class") or ""):
                self._stack[-1]["tag"] = tag

    def handle_endtag(self, tag):
        if self._stack:
            self._depth -= 1
            if self._depth == 0:
                card = self._stack.pop()
                card["text"] = " ".join(" ".join(card["text"]).split())

    def handle_data(self, data):
        if self._stack:
            self._stack[-1]["text"].append(data)


def card_text(site, url: str, award_id: str) -> str:
    cards = Cards(read(site, url).html).cards
    assert award_id in cards, f"/{url}: no card #{award_id}"
    return cards[award_id]["text"]


# ---------------------------------------------------------------------------------------------


def test_every_card_names_form_purpose_year_issuer_level_and_decision(built_site, site_dataset):
    data = site_dataset
    for award in data.kind("awards").values():
        entry = data.vocab[award["award"]]
        text = card_text(built_site, f"khen-thuong/{award['year']}", award.id)
        campaign = data.get("campaigns", award["campaign"]) if award.get("campaign") else None
        # Title: form — what for — year (the year is left out when the purpose names it).
        assert text.startswith(entry["name"] + " — "), (award.id, text[:120])
        if campaign:
            assert f"{entry['name']} — {' '.join(campaign['title'].split())}" in text, award.id
        assert str(award["year"]) in text.split(" Cơ quan")[0].split(" Cấp khen")[0], award.id
        # The conferring body and the level of the form, on lines of their own.
        if award.get("issuer"):
            assert (
                f"Cơ quan khen thưởng {award['issuer']}" in text or f"Cơ quan xét khen thưởng {award['issuer']}" in text
            )
        assert f"Cấp khen {LEVELS[entry['level']]}" in text, award.id
        # The decision: its number and date, or plainly that none is recorded.
        decision = award.get("decision") or {}
        document = data.get("documents", decision["document"]) if decision.get("document") else None
        number = decision.get("number") or (document["number"] if document else None)
        if number:
            assert f"Quyết định số {number}" in text, award.id
        elif status(award) == "tang" and not decision:
            assert "Chưa ghi số quyết định" in text, award.id
        elif status(award) == "de_nghi":
            assert "Chưa có quyết định" in text, award.id


def test_a_decision_with_a_document_links_to_it(built_site, site_dataset):
    data = site_dataset
    checked = 0
    for award in data.kind("awards").values():
        document_id = (award.get("decision") or {}).get("document")
        if not document_id:
            continue
        url = f"khen-thuong/{award['year']}"
        card = Cards(read(built_site, url).html).cards[award.id]
        doc = Doc("", f"{url}/")
        targets = {doc.resolve(h) for h in card["links"]}
        assert f"van-ban/{document_id}/" in targets or f"van-ban/#{document_id}" in targets, (award.id, targets)
        document = data.get("documents", document_id)
        assert f"Quyết định số {document['number']}" in card["text"]
        if document.get("date"):
            assert document["date"].strftime("%d/%m/%Y") in card["text"]
        checked += 1
    assert checked, "the fixture has an award whose decision is a document record"


def test_recipients_are_named_with_their_unit_and_missing_names_said(built_site, site_dataset):
    data = site_dataset
    seen = {"unit": 0, "unit_name": 0, "missing": 0, "partial": 0}
    for award in data.kind("awards").values():
        text = card_text(built_site, f"khen-thuong/{award['year']}", award.id)
        recipients = award.get("recipients", [])
        for r in recipients:
            if r.get("name"):
                unit = data.get("units", r["unit"])["name"] if r.get("unit") else r.get("unit_name")
                expected = ", ".join(filter(None, [r["name"], r.get("position"), unit]))
                assert expected in text, (award.id, expected)
                seen["unit" if r.get("unit") else "unit_name"] += 1 if unit else 0
        counted = tally(award)
        for kind, word in KINDS.items():
            named = sum(
                1
                for r in recipients
                if (r.get("kind") or ("ca_nhan" if (r.get("person") or r.get("name")) else "tap_the")) == kind
            )
            missing = counted[kind] - named
            if missing > 0 and named == 0 and not recipients:
                assert "danh sách tên chưa được nhập" in text, award.id
                seen["missing"] += 1
            elif missing > 0:
                assert (
                    f"{vn(missing)} {word} khác — danh sách tên chưa được nhập" in text
                    or f"{vn(missing)} {word} — danh sách tên chưa được nhập" in text
                ), (award.id, kind)
                seen["partial"] += 1
    assert all(seen.values()), f"the fixture exercises every kind of recipient line: {seen}"


def test_seed_counts_without_names_read_as_numbers_and_missing_names(built_site):
    # The 2021 report gives 28 individuals honoured by the province's Bằng khen in education.
    text = card_text(built_site, "khen-thuong/2021", "giao-duc-bang-khen-tinh")
    assert "3 tập thể, 28 cá nhân — danh sách tên chưa được nhập" in text


def test_no_edit_link_on_cards_and_one_edit_link_per_page(built_site, site_dataset):
    data = site_dataset
    for award in data.kind("awards").values():
        cards = Cards(read(built_site, f"khen-thuong/{award['year']}").html).cards
        assert not [h for h in cards[award.id]["links"] if h.startswith(EDIT_BASE)], award.id
        assert "Sửa bản ghi này" not in cards[award.id]["text"]
    for path in sorted(built_site.rglob("index.html")):
        if path.relative_to(built_site).parts[0] == "huong-dan":
            continue  # the staff guide may name the old link
        html = path.read_text(encoding="utf-8")
        assert html.count("Sửa bản ghi này") == 0, path
        edits = set(re.findall(r'href="(https://github\.com/gia-loc/bang-vang/edit/[^"]+)"', html))
        assert len(edits) <= 1, f"{path}: {edits}"


def test_internal_notes_are_never_published(built_site, site_dataset):
    data = site_dataset
    for award in data.kind("awards").values():
        if award.get("note"):
            html = read(built_site, f"khen-thuong/{award['year']}").html
            assert " ".join(award["note"].split()) not in " ".join(html.split()), award.id


# ---------------------------------------------------------------------------------------------
# Count words: "lượt" defined once; proposals counted as what they are; overlaps stated
# ---------------------------------------------------------------------------------------------


def test_luot_is_defined_once_and_totals_link_to_it(built_site):
    definitions = []
    for path in sorted(built_site.rglob("index.html")):
        doc = Doc(path.read_text(encoding="utf-8"))
        if "cach-dem" in doc.ids:
            definitions.append(path.relative_to(built_site).as_posix())
    assert definitions == ["khen-thuong/index.html"]
    index = read(built_site, "khen-thuong")
    assert "một lượt là một tập thể hoặc một cá nhân nhận một danh hiệu hay hình thức khen thưởng" in index.text
    for url in ("", "khen-thuong/2021", "bao-cao/2021"):
        doc = read(built_site, url)
        assert "lượt" in doc.text
        assert doc.has_link("khen-thuong/#cach-dem"), f"/{url} counts lượt without linking the definition"


def test_proposals_are_counted_by_recipients_not_records(built_site, site_dataset):
    data = site_dataset
    doc = read(built_site, "khen-thuong")
    assert "(lượt)" not in doc.text  # the old column counted records under a word that counts people
    for year in {a["year"] for a in data.kind("awards").values()}:
        proposals = [a for a in data.kind("awards").values() if a["year"] == year and status(a) == "de_nghi"]
        if proposals:
            total = {k: sum(tally(a)[k] for a in proposals) for k in KINDS}
            words = ", ".join(f"{vn(total[k])} {KINDS[k]}" for k in KINDS if total[k])
            row = re.search(rf'<tr><th scope="row"><a [^>]*>Năm {year}</a></th>(.*?)</tr>', doc.html, re.S).group(1)
            assert words in re.sub(r"<[^>]+>", "", row), (year, words)


def test_people_counted_under_two_titles_are_said_so(built_site, site_dataset):
    """The 2021 report: 171 Lao động tiên tiến 'trong đó' 32 Chiến sĩ thi đua cơ sở (same campaign)."""
    data = site_dataset
    checked = 0
    for year in sorted({a["year"] for a in data.kind("awards").values()}):
        text = read(built_site, f"khen-thuong/{year}").text
        by_campaign: dict[str, dict[str, int]] = {}
        for a in data.kind("awards").values():
            if a["year"] == year and status(a) == "tang" and a.get("campaign"):
                counts = by_campaign.setdefault(a["campaign"], {})
                counts[a["award"]] = counts.get(a["award"], 0) + tally(a)["ca_nhan"]
        for campaign, counts in by_campaign.items():
            higher, base = counts.get("chien-si-thi-dua-co-so", 0), counts.get("lao-dong-tien-tien", 0)
            if higher and base:
                title = " ".join(data.get("campaigns", campaign)["title"].split())
                assert (
                    f"Trong phong trào “{title}”, {vn(higher)} cá nhân được tặng danh hiệu “Chiến sĩ thi đua cơ sở” "
                    f"cũng nằm trong số {vn(base)} cá nhân đạt danh hiệu “Lao động tiên tiến”"
                ) in text, (year, campaign)
                checked += 1
    assert checked >= 2, "the seed (2021) and the fixture (2023) both count people twice"
