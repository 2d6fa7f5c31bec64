"""Every page kind in Debian's Chromium, as a reader sees it on a phone (390 px) and a desktop
(1280 px): no console error, no request to another host, no axe-core violation at all (every
scrolling box reachable by keyboard, every landmark named…); and the models filter works."""

from __future__ import annotations

from pathlib import Path

import pytest
from bangvang.records.validation import validate
from helpers import SEED_DATA, require_tool

playwright_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parents[1]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _page_kinds() -> dict[str, str]:
    """One page of every kind, picked from the seed records."""
    data, errors = validate(SEED_DATA, ROOT / "docs")
    assert errors == []
    campaigns = data.kind("campaigns").values()
    campaign = next((c for c in campaigns if c.get("basis")), next(iter(campaigns)))
    units = data.kind("units").values()
    commune = next((u for u in units if u["kind"] in ("xa", "thi_tran")), next(iter(units)))
    year = max(a["year"] for a in data.kind("awards").values())
    return {
        "trang chủ": "",
        "phong trào": "phong-trao/",
        "một phong trào": f"phong-trao/{campaign.id}/",
        "điển hình": "dien-hinh/",
        "một điển hình": f"dien-hinh/{next(iter(data.kind('models')))}/",
        "khen thưởng": "khen-thuong/",
        "một năm": f"khen-thuong/{year}/",
        "tập thể": "tap-the/",
        "một xã": f"tap-the/{commune.id}/",
        "cá nhân": "ca-nhan/",
        "một cá nhân": f"ca-nhan/{next(iter(data.kind('people')))}/",
        "báo cáo": "bao-cao/",
        "một báo cáo": f"bao-cao/{next(iter(data.kind('reports')))}/",
        "văn bản": "van-ban/",
        "thống kê": "thong-ke/",
        "dữ liệu mở": "du-lieu/",
        "hướng dẫn": "huong-dan/",
        "một trang hướng dẫn": "huong-dan/dinh-dang/",
    }


PAGE_KINDS = _page_kinds()


def open_page(browser, site_url: str, path: str, viewport: dict):
    """The page loaded, with every console error, failed response and outside request it caused."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith((site_url, "data:", "blob:", "about:"))
            else problems.append(f"outside request: {r.url}")
        ),
    )
    page.goto(site_url + path, wait_until="networkidle")
    return context, page, problems


def axe_violations(page) -> list[str]:
    """Every axe-core violation on the page as it is now, whatever its impact; with the rules
    Lighthouse adds to axe's defaults (target-size: targets of at least 24 px, WCAG 2.5.8)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations'],
            rules: {'target-size': {enabled: true}}}))
        .violations.map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("kind", list(PAGE_KINDS))
def test_page_kind_is_accessible(browser, site_url, kind, width):
    require_tool(AXE.exists(), "axe-core (npm ci)")
    viewport = PHONE if width == "phone" else DESKTOP
    context, page, problems = open_page(browser, site_url, PAGE_KINDS[kind], viewport)
    try:
        assert page.locator("h1").first.is_visible()
        # Nothing wider than the screen: tables wrap, stack or scroll inside their own box.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"the page is {overflow}px wider than the screen"
        # Every box that scrolls sideways can be reached by Tab; a table's box is a named region
        # (a code block, which Material makes focusable, reads as code).
        unreachable = page.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(e => {
            const s = getComputedStyle(e);
            if (!['auto', 'scroll'].includes(s.overflowX) || e.scrollWidth <= e.clientWidth + 1) return false;
            if (e.tabIndex < 0) return true;
            return e.tagName !== 'CODE' && !(e.getAttribute('role') === 'region' && e.getAttribute('aria-label'));
        }).map(e => e.tagName + '.' + e.className)""")
        assert unreachable == []
        violations = axe_violations(page)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    assert violations == []
    assert problems == []


@pytest.mark.parametrize("kind", ["trang chủ", "một năm", "một báo cáo"])
def test_page_kind_on_a_desktop(browser, site_url, kind):
    context, page, problems = open_page(browser, site_url, PAGE_KINDS[kind], DESKTOP)
    try:
        assert page.locator("h1").first.is_visible()
        assert page.locator(".md-sidebar--primary").first.is_visible(), "the sections are listed beside the page"
    finally:
        context.close()
    assert problems == []


def test_models_filter_by_commune(browser, site_url, fixture_project):
    data, _ = validate(fixture_project / "data", fixture_project / "docs")  # what the site was built from
    units = data.kind("units")

    def communes(model) -> set[str]:
        found = set()
        for unit_id in model.get("units", []):
            unit = units[unit_id]
            if unit["kind"] in ("xa", "thi_tran"):
                found.add(unit.id)
            elif unit.get("commune"):
                found.add(unit["commune"])
        return found

    models = list(data.kind("models").values())
    context, page, problems = open_page(browser, site_url, "dien-hinh/", PHONE)
    try:
        form = page.locator("form[data-bv-filter]")
        assert form.is_visible(), "with JavaScript the filter form shows"
        commune = form.locator("select[name=commune] option").nth(1).get_attribute("value")
        form.locator("select[name=commune]").select_option(commune)
        shown = page.locator("table.bv-models tbody tr:visible td:first-child a").evaluate_all(
            "links => links.map(a => a.getAttribute('href'))"
        )
        expected = {m.id for m in models if commune in communes(m)}
        assert {h.strip("/").split("/")[-1] for h in shown} == expected
        assert f"Hiển thị {len(expected)} trên {len(models)} điển hình" in form.inner_text()
        form.locator("select[name=commune]").select_option("")
        assert page.locator("table.bv-models tbody tr:visible").count() == len(models)
    finally:
        context.close()
    assert problems == []
