"""Where am I (issue 12 point 3) and the rest (point 9, in part): a trail on every record page,
a heading that stands out, no page linking to itself, "Khác" only when nothing better is known."""

from __future__ import annotations

import re

import pytest
from helpers import read

SECTIONS = {
    "campaigns": ("phong-trao", "Phong trào thi đua", "title"),
    "models": ("dien-hinh", "Điển hình tiên tiến", "title"),
    "units": ("tap-the", "Tập thể", "name"),
    "people": ("ca-nhan", "Cá nhân", "name"),
    "reports": ("bao-cao", "Báo cáo tổng kết", "title"),
}
FIELD_LABELS = {
    "nong-nghiep": "Nông nghiệp",
    "nong-thon-moi": "Nông thôn mới",
    "cong-nghiep-dich-vu": "Công nghiệp, dịch vụ",
    "van-hoa-the-thao": "Văn hóa, thể thao",
    "giao-duc": "Giáo dục",
    "y-te": "Y tế",
    "an-sinh-xa-hoi": "An sinh xã hội",
    "hoc-tap-lam-theo-bac": "Học tập và làm theo Bác",
    "quoc-phong-an-ninh": "Quốc phòng, an ninh",
    "xay-dung-dang": "Xây dựng Đảng",
    "cai-cach-hanh-chinh": "Cải cách hành chính",
    "chuyen-doi-so": "Chuyển đổi số",
    "khac": "Khác",
}


def trail(doc) -> list[tuple[str | None, str]]:
    """The breadcrumbs: (resolved link or None, text), home first."""
    nav = re.search(r'<nav class="bv-breadcrumbs" aria-label="Đường dẫn">(.*?)</nav>', doc.html, re.S)
    assert nav, f"/{doc.url}: no breadcrumbs"
    items = re.findall(r"<li>(.*?)</li>", nav.group(1), re.S)
    out = []
    for item in items:
        link = re.search(r'<a href="([^"]*)">(.*?)</a>', item)
        if link:
            out.append((doc.resolve(link.group(1)), link.group(2)))
        else:
            current = re.search(r'<span aria-current="page">(.*?)</span>', item)
            assert current, item
            out.append((None, current.group(1)))
    return out


def test_every_record_page_has_its_trail(built_site, site_dataset):
    for kind, (section, title, _) in SECTIONS.items():
        for record in site_dataset.kind(kind).values():
            doc = read(built_site, f"{section}/{record.id}")
            crumbs = trail(doc)
            assert crumbs[0] == ("", "Trang chủ"), crumbs
            assert crumbs[1] == (f"{section}/", title), crumbs
            assert crumbs[-1][0] is None  # the page itself, not a link
            assert all(url is not None for url, _ in crumbs[:-1])
            # the trail comes before the page's heading
            assert doc.html.index('class="bv-breadcrumbs"') < doc.html.index("<h1")
    for year in {a["year"] for a in site_dataset.kind("awards").values()}:
        crumbs = trail(read(built_site, f"khen-thuong/{year}"))
        assert crumbs == [("", "Trang chủ"), ("khen-thuong/", "Khen thưởng"), (None, str(year))]


def test_a_unit_trail_passes_through_its_commune(built_site, site_dataset):
    checked = 0
    for unit in site_dataset.kind("units").values():
        if unit.get("commune") and unit["commune"] != unit.id:
            commune = site_dataset.get("units", unit["commune"])
            assert trail(read(built_site, f"tap-the/{unit.id}"))[2] == (f"tap-the/{commune.id}/", commune["name"])
            checked += 1
    assert checked


def test_no_page_links_to_itself(built_site, site_dataset):
    for kind, (section, _, _) in SECTIONS.items():
        for record in site_dataset.kind(kind).values():
            doc = read(built_site, f"{section}/{record.id}")
            # links inside the content to the page itself (a jump within the page, "#…", is fine)
            selves = [
                doc.resolve(h)
                for h, _ in doc.links
                if not h.startswith("#") and doc.resolve(h).partition("#")[0] == doc.url
            ]
            assert not selves, f"/{doc.url} links to itself: {selves}"


def test_a_units_own_name_on_its_page_is_no_link(built_site, site_dataset):
    checked = 0
    for award in site_dataset.kind("awards").values():
        for r in award.get("recipients", []):
            if r.get("unit") and not r.get("name"):
                unit = site_dataset.get("units", r["unit"])
                html = read(built_site, f"tap-the/{unit.id}").html
                assert f"<strong>{unit['name']}</strong>" in html
                checked += 1
    assert checked


def test_khac_only_when_nothing_better_is_known(built_site, site_dataset):
    doc = read(built_site, "dien-hinh")
    rows = dict(
        re.findall(r'<td><a href="([a-z0-9-]+)/">.*?</a></td>\s*<td>\d+</td>\s*<td>([^<]*)</td>', doc.html, re.S)
    )
    models = site_dataset.kind("models").values()
    assert set(rows) == {m.id for m in models}
    by_campaign_other = 0
    for model in models:
        campaign = site_dataset.get("campaigns", model["campaign"]) if model.get("campaign") else None
        if campaign and campaign["field"] != "khac":
            assert rows[model.id] == FIELD_LABELS[campaign["field"]], model.id
        else:
            by_campaign_other += 1
    shown_other = sum(1 for label in rows.values() if label == "Khác")
    assert by_campaign_other >= 4, "the seed has models whose campaign's field is Khác"
    assert shown_other < by_campaign_other, "titles such as 'thâm canh thủy sản' name a field"
    assert rows["clb-tham-canh-thuy-san-tap-trung"] == "Nông nghiệp"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_heading_is_clearly_larger_than_section_headings(browser, site_url, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto(site_url + "khen-thuong/2021/")
        sizes = page.evaluate("""() => ['h1', 'h2#tong-hop', '.bv-group h3'].map(t => parseFloat(getComputedStyle(
            document.querySelector('.md-content ' + t)).fontSize))""")
        h1, h2, h3 = sizes
        assert h1 >= 1.2 * h2, sizes
        assert h2 > h3, sizes
    finally:
        page.close()
