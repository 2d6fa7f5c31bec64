"""The page's chrome in Debian's Chromium (issue 12): keyboard order on a phone, the menu button and
the closed menu, the district's name in the phone header, the 404 page as GitHub Pages serves it,
and pages that do not move once shown (CLS 0, as Lighthouse measures it)."""

from __future__ import annotations

import functools
import http.server
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from helpers import effective_config, require_tool
from test_site_browser import AXE, DESKTOP, PAGE_KINDS, PHONE, axe_violations, open_page

playwright_api = pytest.importorskip("playwright.sync_api")

CONFIG = effective_config()
DISTRICT = CONFIG["extra"]["district"]["name"]

# What has the keyboard's focus, and where it is.
FOCUS = """() => {
    const e = document.activeElement;
    return {tag: e.tagName.toLowerCase(), id: e.id, cls: String(e.className || ''),
            name: (e.getAttribute('aria-label') || e.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 50),
            inDrawer: !!e.closest('.md-sidebar--primary'), inContent: !!e.closest('.md-content'),
            inHeader: !!e.closest('.md-header'),
            shown: e === document.body || e.checkVisibility({visibilityProperty: true})};
}"""


def tab_stops(page, most: int = 400) -> list[dict]:
    """Every element Tab reaches from the top of the page, in order, once round."""
    stops: list[dict] = []
    for _ in range(most):
        page.keyboard.press("Tab")
        stop = page.evaluate(FOCUS)
        if stop["tag"] == "body" or (stops and stop == stops[0]):
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("kind", ["trang chủ", "một xã", "một năm", "dữ liệu mở"])
def test_focus_order_on_a_phone(browser, site_url, kind):
    """Tab from the top: the skip link, the menu button, the search box, then the page; never a
    link of the closed menu, never an element that cannot be seen."""
    context, page, problems = open_page(browser, site_url, PAGE_KINDS[kind], PHONE)
    try:
        stops = tab_stops(page)
    finally:
        context.close()
    assert problems == []
    assert "md-skip" in stops[0]["cls"], stops[:3]
    assert "bv-menu-button" in stops[1]["cls"], stops[:3]
    search = next(i for i, s in enumerate(stops) if s["id"] == "bv-search-input")
    content = next(i for i, s in enumerate(stops) if s["inContent"])
    assert 1 < search < content
    assert [s for s in stops if s["inDrawer"]] == [], "the closed menu is out of the Tab order"
    assert [s for s in stops if not s["shown"]] == [], "every stop can be seen"


def test_menu_button_opens_and_closes_the_menu_by_keyboard(browser, site_url):
    context, page, problems = open_page(browser, site_url, PAGE_KINDS["một xã"], PHONE)
    try:
        button = page.locator("button.bv-menu-button")
        assert button.is_visible() and page.locator("label.bv-menu-label").is_hidden()
        assert button.get_attribute("aria-controls") == "bv-drawer"
        assert page.locator("#bv-drawer").count() == 1
        for key in ("Enter", " "):
            button.focus()
            page.keyboard.press(key)
            assert page.locator("#__drawer").is_checked()
            assert button.get_attribute("aria-expanded") == "true"
            assert page.evaluate(FOCUS)["inDrawer"], "the focus moves into the open menu"
            assert page.locator("#bv-drawer a.bv-nav__link--here").is_visible()
            page.keyboard.press("Escape")
            assert not page.locator("#__drawer").is_checked()
            assert button.get_attribute("aria-expanded") == "false"
            assert "bv-menu-button" in page.evaluate(FOCUS)["cls"], "the focus is back on the button"
        page.wait_for_timeout(400)  # the slide-out
        assert page.evaluate("getComputedStyle(document.querySelector('.md-sidebar--primary')).visibility") == "hidden"
    finally:
        context.close()
    assert problems == []


def test_without_javascript_the_theme_label_opens_the_menu(browser, site_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGE_KINDS["một xã"])
        assert page.locator("button.bv-menu-button").is_hidden()
        label = page.locator("label.bv-menu-label")
        assert label.is_visible()
        label.click()
        page.wait_for_timeout(400)
        assert page.locator("#bv-drawer a.bv-nav__link--here").is_visible()
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["trang chủ", "một xã", "một năm"])
def test_phone_header_keeps_the_districts_name(browser, site_url, kind):
    context, page, problems = open_page(browser, site_url, PAGE_KINDS[kind], PHONE)
    try:
        name = page.locator(".md-header__topic:first-child .bv-brand__name")
        assert name.is_visible()
        assert name.inner_text().strip().lower() == DISTRICT.lower()
        assert name.evaluate("e => e.scrollWidth <= e.clientWidth"), "the district's name is not cut"
        box = name.bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"]
    finally:
        context.close()
    assert problems == []


# The pages Lighthouse measures (scripts/lighthouse.py), and the one whose filter used to move it.
@pytest.mark.parametrize("kind", ["trang chủ", "một năm", "một xã", "điển hình"])
def test_pages_do_not_move_once_shown(browser, site_url, kind):
    """No layout shift while the page loads and its scripts run (the models' filter keeps its
    room from the first paint)."""
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.add_init_script("""window.__shift = 0; window.__shifts = [];
            new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) {
                window.__shift += e.value;
                window.__shifts.push(e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : '?').join(' '));
            } }).observe({type: 'layout-shift', buffered: true});""")
        page.goto(site_url + PAGE_KINDS[kind], wait_until="networkidle")
        page.wait_for_timeout(300)
        shift, moved = page.evaluate("[window.__shift, window.__shifts]")
    finally:
        context.close()
    assert shift == 0, moved


# ---------------------------------------------------------------------------------------------
# The 404 page, served as GitHub Pages serves it: at any missing address under the site's path
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages_url(built_site):
    prefix = urlsplit(CONFIG["site_url"]).path or "/"

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            if not path.startswith(prefix):
                return str(Path(built_site) / "__missing__")
            return super().translate_path("/" + path[len(prefix) :])

        def send_error(self, code, message=None, explain=None):
            if code != 404:
                return super().send_error(code, message, explain)
            body = (Path(built_site) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(built_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_404_page_in_the_browser(browser, pages_url, viewport):
    require_tool(AXE.exists(), "axe-core (npm ci)")
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        failed: list[str] = []
        page.on(
            "response",
            lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 and "khong-co" not in r.url else None,
        )
        response = page.goto(pages_url + "khong-co-trang-nay/", wait_until="networkidle")
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Không tìm thấy trang"
        assert page.locator("form[role=search] input#bv-home-search").is_visible()
        links = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
        assert len(links) >= 5
        for href in links:
            assert page.request.get(href).status == 200, href
        assert failed == [], "the 404 page's styles and scripts load from any address"
        violations = axe_violations(page)
    finally:
        context.close()
    assert violations == []
