"""The built site, page kind by page kind: what a reader must see, in Vietnamese.

Expectations come from the records (read here independently of the page code) or, where the
issue names them, from the 2021 report itself (1.356 individuals named Lao động tiên tiến).
"""

from __future__ import annotations

import filecmp
import posixpath
import re
from pathlib import Path

import pytest
from helpers import Doc, read, run_mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
EDIT_BASE = "https://github.com/gia-loc/bang-vang/edit/main/"
TREE_BASE = "https://github.com/gia-loc/bang-vang/tree/main/"


# ---------------------------------------------------------------------------------------------
# Reading a built page
# ---------------------------------------------------------------------------------------------


def vn_number(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def tally(award) -> dict[str, int]:
    """Recomputed here, not imported: the count where given, else the named recipients."""
    named = {"tap_the": 0, "ca_nhan": 0, "ho_gia_dinh": 0}
    for r in award.get("recipients", []):
        named["ca_nhan" if (r.get("person") or r.get("name")) else "tap_the"] += 1
    return {k: award.get("count", {}).get(k, v) for k, v in named.items()}


@pytest.fixture(scope="module")
def data(site_dataset):
    return site_dataset


def page_hrefs(doc: Doc) -> list[str]:
    """Every link of the page, content and chrome (the edit link is in the site's footer)."""
    return [a.get("href", "") for t, a in doc.elements if t == "a"]


def conferred(data, year=None):
    return [
        a
        for a in data.kind("awards").values()
        if a.get("status", "tang") == "tang" and (year is None or a["year"] == year)
    ]


# ---------------------------------------------------------------------------------------------
# Every page kind exists, titled, with its edit link (one, in the footer: issue 12)
# ---------------------------------------------------------------------------------------------

RECORD_SECTIONS = {
    "campaigns": ("phong-trao", "title"),
    "models": ("dien-hinh", "title"),
    "units": ("tap-the", "name"),
    "people": ("ca-nhan", "name"),
    "reports": ("bao-cao", "title"),
}


def test_every_record_has_its_page_with_title_and_edit_link(built_site, data):
    for kind, (section, title_key) in RECORD_SECTIONS.items():
        records = list(data.kind(kind).values())
        assert records, f"the seed has no {kind}"
        for record in records:
            doc = read(built_site, f"{section}/{record.id}")
            h1 = [h for h in doc.headings if h[0] == "h1"]
            assert h1 and h1[0][2] == " ".join(record[title_key].split()), record.path
            assert EDIT_BASE + record.path in page_hrefs(doc), (
                f"{section}/{record.id}/ has no edit link to {record.path}"
            )
            # No "Sửa bản ghi này" among the content: the page's one edit link is in its footer.
            assert not [h for h, _ in doc.links if h.startswith(EDIT_BASE)], (
                f"{section}/{record.id}/: edit links in the content"
            )


def test_section_and_year_pages_link_to_their_data_folder(built_site, data):
    folders = {
        "": "data",
        "phong-trao": "data/campaigns",
        "dien-hinh": "data/models",
        "khen-thuong": "data/awards",
        "tap-the": "data/units",
        "ca-nhan": "data/people",
        "bao-cao": "data/reports",
        "van-ban": "data/documents",
    }
    years = {a["year"] for a in data.kind("awards").values()}
    folders.update({f"khen-thuong/{y}": f"data/awards/{y}" for y in years})
    for url, folder in folders.items():
        doc = read(built_site, url)
        assert TREE_BASE + folder in page_hrefs(doc), f"/{url} has no link to {folder}"
        assert not [h for h, _ in doc.links if h.startswith((EDIT_BASE, TREE_BASE))], (
            f"/{url}: edit links in the content"
        )


def test_pages_are_in_vietnamese_and_the_skip_link_lands_on_the_heading(built_site):
    for path in sorted(built_site.rglob("index.html")):
        doc = Doc(path.read_text(encoding="utf-8"))
        assert '<html lang="vi"' in doc.html, path
        skip = [a for t, a in doc.elements if t == "a" and "md-skip" in (a.get("class") or "")]
        if skip:
            target = skip[0]["href"].lstrip("#")
            assert target in doc.ids, f"{path}: skip link to #{target}, which is not on the page"
        duplicates = {i for i in doc.ids if doc.ids.count(i) > 1}
        assert not duplicates, f"{path}: ids used twice: {duplicates}"


def _english_labels() -> set[str]:
    """The theme's English labels (its en.html), and the ones issue 3 names."""
    en = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages" / "en.html"
    pairs = re.findall(r'"([a-z.]+)": "([^"]+)"', en.read_text(encoding="utf-8"))
    labels = {v for k, v in pairs if not k.startswith(("language", "direction", "search.config")) and len(v) >= 4}
    return labels | {"Search", "Skip to content", "Back to top", "Edit this page", "Made with", "Previous", "Next"}


def test_no_english_label_in_the_interface(built_site):
    patterns = {
        label: re.compile(r"(?<![\w])" + re.escape(label).replace("\\#", r"\d+") + r"(?![\w])")
        for label in _english_labels()
    }
    for path in sorted(built_site.rglob("*.html")):
        doc = Doc(path.read_text(encoding="utf-8"))
        # The theme's text around the content, and every label given to assistive technology.
        shown = doc.chrome_text + [
            value
            for _, attrs in doc.elements
            for name, value in attrs.items()
            if name in ("aria-label", "title", "placeholder", "alt", "aria-roledescription") and value
        ]
        config = re.search(r'<script id="__config" type="application/json">(.*?)</script>', doc.html, re.S)
        if config:  # labels the theme's scripts show later (search results, copy button)
            shown.append(config.group(1))
        found = sorted({label for label, pattern in patterns.items() for text in shown if pattern.search(text)})
        assert found == [], f"{path.relative_to(built_site)}: English labels {found}"


# ---------------------------------------------------------------------------------------------
# What each page kind shows
# ---------------------------------------------------------------------------------------------


def test_home_shows_latest_year_figures_models_and_every_section(built_site, data):
    doc = read(built_site, "")
    # The figures are those of the latest year with conferred awards.
    year = max(a["year"] for a in conferred(data))
    totals = {k: sum(tally(a)[k] for a in conferred(data, year)) for k in ("tap_the", "ca_nhan")}
    assert f"Năm {year} qua những con số" in doc.text
    assert f"{vn_number(totals['ca_nhan'])} lượt cá nhân" in doc.text
    assert f"{vn_number(totals['tap_the'])} lượt tập thể" in doc.text
    assert doc.has_link(f"khen-thuong/{year}/")
    assert any(doc.has_link(f"dien-hinh/{m.id}/") for m in data.kind("models").values())
    for section in ("phong-trao/", "dien-hinh/", "khen-thuong/", "tap-the/", "ca-nhan/", "bao-cao/", "van-ban/"):
        assert doc.has_link(section), section


def test_campaigns_grouped_by_field_and_each_listed(built_site, data):
    doc = read(built_site, "phong-trao")
    for campaign in data.kind("campaigns").values():
        assert doc.has_link(f"phong-trao/{campaign.id}/"), campaign.id
    group_ids = [h[1] for h in doc.headings if h[0] == "h2"]
    assert group_ids and all(g.startswith("linh-vuc-") for g in group_ids)


def test_campaign_page_shows_basis_models_and_honours(built_site, data):
    checked = {"basis": 0, "models": 0, "awards": 0}
    for campaign in data.kind("campaigns").values():
        doc = read(built_site, f"phong-trao/{campaign.id}")
        for doc_id in campaign.get("basis", []):
            document = data.get("documents", doc_id)
            assert doc.has_link(f"van-ban/#{doc_id}") or doc.has_link(f"van-ban/{doc_id}/"), (campaign.id, doc_id)
            assert document["number"] in doc.text
            checked["basis"] += 1
        for model in data.kind("models").values():
            if model.get("campaign") == campaign.id:
                assert doc.has_link(f"dien-hinh/{model.id}/"), (campaign.id, model.id)
                checked["models"] += 1
        for award in conferred(data):
            if award.get("campaign") == campaign.id:
                assert doc.has_link(f"khen-thuong/{award['year']}/#{award.id}"), (campaign.id, award.id)
                checked["awards"] += 1
        if campaign.get("launched_by"):
            assert " ".join(campaign["launched_by"].split()) in doc.text
    assert all(checked.values()), f"the seed exercises every part of a campaign page: {checked}"


def test_models_list_has_every_model_and_a_hidden_filter_form(built_site, data):
    doc = read(built_site, "dien-hinh")
    for model in data.kind("models").values():
        assert doc.has_link(f"dien-hinh/{model.id}/"), model.id
    forms = [a for t, a in doc.elements if t == "form" and "data-bv-filter" in a]
    assert forms and "hidden" in forms[0], "without JavaScript the filter form must stay hidden"
    form = re.search(r"<form[^>]*data-bv-filter.*?</form>", doc.html, re.S).group(0)
    assert re.findall(r'<select name="([a-z]+)"', form) == ["field", "commune", "year"]


def test_model_page_shows_figures_in_vietnamese_format(built_site, data):
    shown = 0
    for model in data.kind("models").values():
        doc = read(built_site, f"dien-hinh/{model.id}")
        assert str(model["year"]) in doc.text
        for unit_id in model.get("units", []):
            assert doc.has_link(f"tap-the/{unit_id}/")
        for figure in model.get("figures", []):
            if isinstance(figure.get("value"), int) and figure["value"] >= 1000:
                assert vn_number(figure["value"]) in doc.text, (model.id, figure)
                shown += 1
    assert shown, "the seed has a model figure of four digits or more (150.514 m²)"


def test_year_page_totals_by_form_and_level_groups_in_rank_order(built_site, data):
    year = 2021
    doc = read(built_site, f"khen-thuong/{year}")
    awards = conferred(data, year)
    # 1.356 teachers named Lao động tiên tiến (the report, section on education).
    assert "1.356" in doc.text
    totals = {k: sum(tally(a)[k] for a in awards) for k in ("tap_the", "ca_nhan")}
    # Totals over several forms are "lượt" (one recipient of one form), the word defined once.
    assert f"{vn_number(totals['tap_the'])} lượt tập thể, {vn_number(totals['ca_nhan'])} lượt cá nhân" in doc.text
    assert "Theo danh hiệu, hình thức" in doc.text and "Theo cấp khen" in doc.text
    # Groups: one h2 per level (Trung ương first), one h3 per form, in the vocabulary's rank order.
    forms = [
        h[1].removeprefix("hinh-thuc-") for h in doc.headings if h[0] == "h3" and (h[1] or "").startswith("hinh-thuc-")
    ]
    assert set(forms) == {a["award"] for a in awards}
    levels = ["trung_uong", "tinh", "huyen", "xa", "co_quan"]
    order = [(levels.index(data.vocab[f]["level"]), data.vocab[f]["rank"]) for f in forms]
    assert order == sorted(order)
    shown_levels = [h[1].removeprefix("cap-") for h in doc.headings if h[0] == "h2" and (h[1] or "").startswith("cap-")]
    assert shown_levels == sorted({data.vocab[f]["level"] for f in forms}, key=levels.index)
    # Every named recipient links to its page; every act has its anchor.
    for award in awards:
        assert award.id in doc.ids
        for r in award.get("recipients", []):
            if r.get("unit") and not r.get("name"):
                assert doc.has_link(f"tap-the/{r['unit']}/")
            if r.get("person"):
                assert doc.has_link(f"ca-nhan/{r['person']}/")
        if award.get("decision", {}).get("date"):
            assert award["decision"]["date"].strftime("%d/%m/%Y") in doc.text


def test_year_page_shows_proposals_apart_and_outside_the_totals(built_site, data):
    year = 2021
    proposals = [a for a in data.kind("awards").values() if a["year"] == year and a.get("status") == "de_nghi"]
    assert proposals, "the 2021 report has proposals to higher levels"
    html = read(built_site, f"khen-thuong/{year}").html
    apart = html.index('id="de-nghi"')
    for award in proposals:
        assert html.index(f'id="{award.id}"') > apart, f"{award.id} is shown among the conferred awards"
    # The totals by form count only conferred awards (first column: collectives).
    counted = sum(tally(a)["tap_the"] for a in conferred(data, year))
    tfoot = re.search(r"<tfoot>(.*?)</tfoot>", html, re.S).group(1)
    assert re.findall(r'<td class="bv-num">([^<]*)</td>', tfoot)[0] == vn_number(counted)


def test_awards_index_lists_every_year(built_site, data):
    doc = read(built_site, "khen-thuong")
    for year in {a["year"] for a in data.kind("awards").values()}:
        assert doc.has_link(f"khen-thuong/{year}/")


def test_unit_pages_list_honours_models_and_units_of_a_commune(built_site, data):
    seen = {"awards": 0, "located": 0}
    for unit in data.kind("units").values():
        doc = read(built_site, f"tap-the/{unit.id}")
        for award in conferred(data):
            if any(r.get("unit") == unit.id and not r.get("name") for r in award.get("recipients", [])):
                assert doc.has_link(f"khen-thuong/{award['year']}/#{award.id}"), (unit.id, award.id)
                seen["awards"] += 1
        for model in data.kind("models").values():
            if unit.id in model.get("units", []):
                assert doc.has_link(f"dien-hinh/{model.id}/")
        for other in data.kind("units").values():
            if other.get("commune") == unit.id:
                assert doc.has_link(f"tap-the/{other.id}/"), (unit.id, other.id)
                seen["located"] += 1
    assert all(seen.values()), seen


def test_units_index_lists_every_unit(built_site, data):
    doc = read(built_site, "tap-the")
    for unit in data.kind("units").values():
        assert doc.has_link(f"tap-the/{unit.id}/")


def test_person_page_lists_every_honour_of_the_person(built_site, data):
    for person in data.kind("people").values():
        doc = read(built_site, f"ca-nhan/{person.id}")
        if person.get("position"):
            assert person["position"] in doc.text
        for award in data.kind("awards").values():
            if any(r.get("person") == person.id for r in award.get("recipients", [])):
                assert doc.has_link(f"khen-thuong/{award['year']}/#{award.id}")


def test_report_page_shows_every_target_and_section(built_site, data):
    for report in data.kind("reports").values():
        doc = read(built_site, f"bao-cao/{report.id}")
        for section in report["sections"]:
            # Headings typed in capitals are shown in sentence case.
            assert " ".join(section["heading"].split()).casefold() in doc.text.casefold()
            # Every figure of the report's text is on the page, as written ("1.356", "95,12%").
            for number in re.findall(r"\d+(?:[.,]\d+)*", section.get("text") or ""):
                assert number in doc.text, (section["heading"], number)
        targets = report.get("targets", [])
        for target in targets:
            assert " ".join(target["label"].split()) in doc.text
            for item in [target] + target.get("items", []):
                if (
                    isinstance(item.get("value"), (int, float))
                    and item.get("unit") == "%"
                    and item.get("value_max") is None
                ):
                    value = f"{item['value']:g}".replace(".", ",") + "%"
                    assert value in doc.text, (item["label"], value)
        headings = [int(tag[1]) for tag, _, _ in doc.headings]
        assert all(b - a <= 1 for a, b in zip(headings, headings[1:])), "a heading level is skipped"


def test_documents_page_numbers_and_dates(built_site, data):
    doc = read(built_site, "van-ban")
    for document in data.kind("documents").values():
        assert document.id in doc.ids
        assert document["number"] in doc.text
        if document.get("date"):
            assert document["date"].strftime("%d/%m/%Y") in doc.text
            assert document["date"].isoformat() not in doc.text


def test_record_pages_stay_out_of_the_sidebar(built_site, data):
    """Index pages list the records; the sidebar of every page only holds the sections."""
    records = {f"{section}/{r.id}/" for kind, (section, _) in RECORD_SECTIONS.items() for r in data.kind(kind).values()}
    url = f"phong-trao/{next(iter(data.kind('campaigns')))}/"
    doc = read(built_site, url.rstrip("/"))
    nav_links = [a.get("href", "") for t, a in doc.elements if t == "a" and "md-nav__link" in (a.get("class") or "")]
    assert nav_links, "the page has a navigation"
    targets = {posixpath.normpath(posixpath.join(url, h)) + "/" for h in nav_links}
    assert not targets & records


# ---------------------------------------------------------------------------------------------
# People in Vietnamese order, built from added records
# ---------------------------------------------------------------------------------------------

PEOPLE = {  # id: name; the expected order is by given name (a ă â b c d đ …, tones), then the rest
    "nguyen-thi-hoa": "Nguyễn Thị Hoa",
    "le-thi-hoa": "Lê Thị Hoa",
    "tran-van-binh": "Trần Văn Bình",
    "pham-thi-anh": "Phạm Thị Ánh",
    "vu-thi-an-mu": "Vũ Thị Ân",
    "do-van-an": "Đỗ Văn An",
    "bui-duc-dat": "Bùi Đức Đạt",
    "hoang-van-dung": "Hoàng Văn Dũng",
    "ngo-van-ba": "Ngô Văn Bá",
    "dinh-van-ba": "Đinh Văn Bà",
    "mai-van-ba": "Mai Văn Ba",
}
EXPECTED_ORDER = [
    "Đỗ Văn An",
    "Phạm Thị Ánh",
    "Vũ Thị Ân",
    "Mai Văn Ba",
    "Đinh Văn Bà",
    "Ngô Văn Bá",
    "Trần Văn Bình",
    "Hoàng Văn Dũng",
    "Bùi Đức Đạt",
    "Lê Thị Hoa",
    "Nguyễn Thị Hoa",
]


def test_people_list_in_vietnamese_order(project_copy, tmp_path):
    people = project_copy / "data" / "people"
    for person_id, name in PEOPLE.items():
        (people / f"{person_id}.yml").write_text(f"name: {name}\n", encoding="utf-8")
    result = run_mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    doc = read(tmp_path / "site", "ca-nhan")
    shown = [text for href, text in doc.links if href.rstrip("/").split("/")[-1] in PEOPLE]
    assert shown == EXPECTED_ORDER
    letters = [h[2] for h in doc.headings if h[0] == "h2"]
    assert letters.index("A") < letters.index("Â") < letters.index("B") < letters.index("D") < letters.index("Đ")


# ---------------------------------------------------------------------------------------------
# Reproducible
# ---------------------------------------------------------------------------------------------


def test_two_builds_of_the_same_data_are_byte_identical(built_site, fixture_project, tmp_path):
    again = tmp_path / "again"
    result = run_mkdocs_build(fixture_project, again)  # the data built_site was built from
    assert result.returncode == 0, result.stderr
    first = {str(p.relative_to(built_site)) for p in built_site.rglob("*") if p.is_file()}
    second = {str(p.relative_to(again)) for p in again.rglob("*") if p.is_file()}
    assert sorted(first ^ second) == [], "files written by one build only"
    differ = sorted(p for p in first if not filecmp.cmp(built_site / p, again / p, shallow=False))
    assert differ == [], "files that differ between two builds"
