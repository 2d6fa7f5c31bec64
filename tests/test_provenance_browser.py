"""Issue 14's pages in Debian's chromium, on a phone and a desktop: no axe-core violation, nothing
wider than the screen, no console error; a certificate's QR address opens its proof line."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import require_tool

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
PAGES = {
    "a decision": "van-ban/qd-456-qd-ubnd-2024/",
    "verification": "xac-minh/",
    "a year's proof lines": "xac-minh/2024/",
    "public comment": "lay-y-kien/",
    "a merged commune": "tap-the/xa-thong-kenh/",
}


def _open(browser, site_url: str, path: str, viewport: dict):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.goto(site_url + path, wait_until="networkidle")
    return context, page, problems


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("kind", list(PAGES))
def test_provenance_pages_are_accessible(browser, site_url, kind, width):
    require_tool(AXE.exists(), "axe-core (npm ci)")
    context, page, problems = _open(browser, site_url, PAGES[kind], PHONE if width == "phone" else DESKTOP)
    try:
        assert page.locator("h1").first.is_visible()
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the screen"
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']}))
            .violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
    finally:
        context.close()
    assert violations == []
    assert problems == []


def test_a_qr_address_opens_the_recipients_line_highlighted(browser, site_url):
    anchor = "giay-khen-huyen-thong-kenh-2024--tran-van-binh-xa-thong-kenh"
    context, page, problems = _open(browser, site_url, f"xac-minh/2024/#{anchor}", PHONE)
    try:
        line = page.locator(f"#{anchor}")
        assert line.is_visible() and "Trần Văn Bình" in line.inner_text()
        assert (
            page.evaluate(f"getComputedStyle(document.getElementById('{anchor}')).backgroundColor")
            != "rgba(0, 0, 0, 0)"
        )
        box = line.bounding_box()
        assert box is not None and 0 <= box["y"] < PHONE["height"], "the line is on screen"
    finally:
        context.close()
    assert problems == []
