"""Print (issue 12 point 8): a year's honour roll on at most 10 A4 pages, no forced page breaks
for short groups, charts not printed (the summary tables carry their numbers), and on paper a
line naming the site, its address, the page's address and the day it was printed."""

from __future__ import annotations

import re

import yaml
from helpers import ROOT

MAX_PAGES = 10


def test_a_year_prints_on_at_most_ten_a4_pages(browser, site_url, tmp_path):
    page = browser.new_page()
    try:
        page.goto(site_url + "khen-thuong/2021/", wait_until="load")
        pdf = tmp_path / "year.pdf"
        page.pdf(path=str(pdf), format="A4")
    finally:
        page.close()
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
    assert 1 <= pages <= MAX_PAGES, f"{pages} A4 pages"


def test_paper_says_where_it_comes_from_and_leaves_out_charts(browser, site_url):
    district = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["district"]
    page = browser.new_page(viewport={"width": 794, "height": 1123})
    try:
        page.emulate_media(media="print")
        page.goto(site_url + "khen-thuong/2021/", wait_until="load")
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        head = page.locator(".bv-print-head")
        assert head.is_visible()
        text = head.inner_text()
        assert f"Bảng vàng thi đua, khen thưởng {district['name']}" in text
        assert district["address"] in text
        assert "In từ " in text and "khen-thuong/2021/" in text
        assert re.search(r"ngày \d{2}/\d{2}/\d{4}", text), text
        assert not page.locator(".bv-charts-fold").is_visible()
        assert not page.locator("nav.bv-jump").is_visible()
        assert page.locator("table.bv-totals").first.is_visible()
        breaks = page.evaluate("""() => [...document.querySelectorAll('.bv-group, .bv-level, section')]
            .map(e => getComputedStyle(e).breakBefore).filter(b => b === 'page')""")
        assert breaks == [], "no forced page break before a group"
    finally:
        page.close()


def test_the_print_line_is_hidden_on_screen(browser, site_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(site_url + "khen-thuong/2021/")
        assert not page.locator(".bv-print-head").is_visible()
    finally:
        page.close()
