"""A proposal is not an honour (issue 12 point 1): wherever one appears — year, unit, person,
campaign, report and home pages, the lists — its card or line carries the visible tag
"Đề nghị — chưa có quyết định", and its card says what happened ("… đề nghị … tặng …")."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from helpers import Doc, read

TAG = "Đề nghị — chưa có quyết định"
# Pages whose whole subject is proposals, titled so (their lines need no tag of their own).
ALL_PROPOSALS = ("khen-thuong/de-nghi/", "lay-y-kien/")


class Lines(HTMLParser):
    """For each link, the text of the nearest enclosing <li>, <tr> or <article> (its 'line')."""

    CONTAINERS = ("li", "tr", "article")

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, list[str], list[str]]] = []  # (tag, texts, hrefs)
        self.lines: list[tuple[list[str], str]] = []  # (hrefs, text)
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.CONTAINERS:
            self.stack.append((tag, [], []))
        if tag == "a" and self.stack:
            self.stack[-1][2].append(attrs.get("href", ""))
        if tag == "article" and attrs.get("id"):
            self.stack[-1][2].append("#" + attrs["id"])

    def handle_endtag(self, tag):
        if tag in self.CONTAINERS and self.stack and self.stack[-1][0] == tag:
            _, texts, hrefs = self.stack.pop()
            text = " ".join(" ".join(texts).split())
            self.lines.append((hrefs, text))
            if self.stack:  # the outer line holds the inner one's text too
                self.stack[-1][1].append(text)

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][1].append(data)


def _proposals(data) -> dict[str, object]:
    return {a.id: a for a in data.kind("awards").values() if a.get("status") == "de_nghi"}


def _content(html: str) -> str:
    m = re.search(r'<article class="md-content__inner[^"]*">(.*)</article>\s*</div>', html, re.S)
    return m.group(1) if m else html


def test_every_line_showing_a_proposal_is_tagged(built_site, site_dataset):
    proposals = _proposals(site_dataset)
    assert proposals, "the seed and the fixture have proposals"
    pages_with_proposals = set()
    for path in sorted(built_site.rglob("index.html")):
        url = path.parent.relative_to(built_site).as_posix() + "/" if path.parent != built_site else ""
        if url.startswith(("huong-dan/",) + ALL_PROPOSALS):
            continue
        doc = Doc("", url)
        for hrefs, text in Lines(_content(path.read_text(encoding="utf-8"))).lines:
            targets = {doc.resolve(h) for h in hrefs}
            shown = [
                pid
                for pid, a in proposals.items()
                if f"khen-thuong/{a['year']}/#{pid}" in targets or (f"#{pid}" in hrefs)
            ]
            if shown:
                pages_with_proposals.add(url)
                assert TAG in text, f"/{url}: a line showing proposal {shown} has no tag: {text[:160]}"
    kinds = {re.sub(r"/[^/]+/$", "/*/", u) if u.count("/") == 2 else u for u in pages_with_proposals}
    for kind in ("khen-thuong/*/", "tap-the/*/", "phong-trao/*/", "ca-nhan/"):
        assert kind in kinds, f"no page of kind /{kind} shows a proposal: {sorted(kinds)}"
    # The home page counts the proposals waiting, tagged, and leads to them.
    home = read(built_site, "")
    waiting = re.search(r'<p class="bv-waiting">(.*?)</p>', home.html, re.S)
    assert waiting and TAG in waiting.group(1) and 'href="khen-thuong/de-nghi/"' in waiting.group(1)
    assert f"{len(proposals)} đề nghị gửi cấp trên đang chờ quyết định" in home.text


def test_proposal_cards_say_what_happened(built_site, site_dataset):
    for pid, award in _proposals(site_dataset).items():
        doc = read(built_site, f"khen-thuong/{award['year']}")
        card = re.search(rf'<article class="[^"]*" id="{pid}".*?</article>', doc.html, re.S).group(0)
        text = " ".join(re.sub(r"<[^>]+>", " ", card).split())
        assert TAG in text
        issuer = award.get("issuer") or "cấp trên"
        assert re.search(rf"\S+ đề nghị {re.escape(issuer)} tặng ", text), (pid, text[:300])
        assert "chưa có quyết định khen thưởng" in text
        proposal = award.get("proposal") or {}
        if proposal.get("document"):
            document = site_dataset.get("documents", proposal["document"])
            assert f"{document['kind']} số {document['number']}" in text
            assert f'href="../../van-ban/{document.id}/"' in card or f'href="../../van-ban/#{document.id}"' in card


def test_proposals_stand_apart_on_unit_and_campaign_pages(built_site, site_dataset):
    """Shown after the honours, under their own heading, never among them."""
    checked = 0
    for pid, award in _proposals(site_dataset).items():
        pages = [f"phong-trao/{award['campaign']}"] if award.get("campaign") else []
        pages += [f"tap-the/{r['unit']}" for r in award.get("recipients", []) if r.get("unit") and not r.get("name")]
        for url in pages:
            html = read(built_site, url).html
            apart = html.find("Đề nghị gửi cấp trên — chưa có quyết định</h3>")
            assert apart != -1, url
            assert html.index(f'href="../../khen-thuong/{award["year"]}/#{pid}"') > apart, (url, pid)
            checked += 1
    assert checked >= 3


def test_lists_mark_units_with_proposals(built_site, site_dataset):
    doc = read(built_site, "tap-the")
    for award in _proposals(site_dataset).values():
        for r in award.get("recipients", []):
            if r.get("unit") and not r.get("name"):
                name = site_dataset.get("units", r["unit"])["name"]
                line = re.search(
                    rf'<li><a href="{re.escape(r["unit"])}/">{re.escape(name)}</a>.*?</li>', doc.html, re.S
                )
                assert line and TAG in line.group(0), r["unit"]
    # Names given in a proposal only are listed on /ca-nhan/, tagged.
    people = read(built_site, "ca-nhan")
    inline = [r["name"] for a in _proposals(site_dataset).values() for r in a.get("recipients", []) if r.get("name")]
    for name in inline:
        line = re.search(rf"<li><a [^>]*>{re.escape(name)}</a>.*?</li>", people.html, re.S)
        assert line and TAG in line.group(0), name
