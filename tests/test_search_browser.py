"""The header search box of the built seed site, typed into in Chromium as a citizen would."""
from __future__ import annotations

import functools
import unicodedata
from pathlib import Path

import pytest

from helpers import require_tool

playwright_api = pytest.importorskip("playwright.sync_api")

NFD = functools.partial(unicodedata.normalize, "NFD")








@pytest.fixture()
def page(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(site_url) or r.url.startswith("data:") else outside.append(r.url))
    page.goto(site_url + "tap-the/")
    yield page
    context.close()
    assert outside == [], "requests left the site"


def search(page, query: str) -> list[dict]:
    """Type the query into the header box; the shown results as {title, kind, text}."""
    box = page.locator("#bv-search-input")
    box.fill("")
    box.click()
    page.keyboard.type(query, delay=10)
    typed = box.input_value()
    page.wait_for_function("q => document.querySelector('[data-bv-search]').getAttribute('data-bv-query') === q",
                           arg=unicodedata.normalize("NFC", typed).strip())
    return page.eval_on_selector_all(".bv-result", """els => els.map(e => ({
        title: e.querySelector('.bv-result__title').textContent,
        kind: e.querySelector('.bv-result__kind').textContent,
        text: e.textContent}))""")


def titles(results) -> list[str]:
    return [r["title"] for r in results]


@pytest.mark.parametrize("query, expected", [
    ("le thanh nghi", "Trường THCS Lê Thanh Nghị"),          # no diacritics
    ("doan thuong", "Xã Đoàn Thượng"),                       # đ typed as d
    ("pham tran", "Xã Phạm Trấn"),
    ("nong thon moi", "Chung sức xây dựng nông thôn mới"),
    (NFD("Xã Đoàn Thượng"), "Xã Đoàn Thượng"),              # NFD keyboard
    ("XÃ PHẠM TRẤN", "Xã Phạm Trấn"),                       # upper case
    ("LE THANH NGHI", "Trường THCS Lê Thanh Nghị"),
])
def test_typed_forms_find_the_record(page, query, expected):
    found = search(page, query)
    assert expected in titles(found), titles(found)
    shown = page.locator(".bv-result", has_text=expected).first
    assert shown.locator("mark").count() > 0 or expected in shown.locator(".bv-result__title").inner_text()


def test_search_box_replaces_materials_and_results_carry_kind_and_highlight(page):
    assert page.locator(".md-search").count() == 0
    found = search(page, "doan thuong")
    first = found[0]
    assert first["title"] == "Xã Đoàn Thượng" and first["kind"] == "Tập thể"
    marks = page.locator(".bv-result").first.locator("mark").all_inner_texts()
    assert {m.casefold() for m in marks} >= {"đoàn", "thượng"}
    assert page.get_attribute("#bv-search-input", "aria-expanded") == "true"


def test_tien_tien_finds_the_award_titles(page):
    found = search(page, "tien tien")
    assert any("lao động tiên tiến" in r["text"].casefold() for r in found), found


@pytest.mark.parametrize("new_style, old_style", [("hoá", "hóa"), ("uỷ", "ủy"), ("thuỷ", "thủy")])
def test_tone_placement_does_not_change_results(page, new_style, old_style):
    first, second = search(page, new_style), search(page, old_style)
    assert first and first == second
    assert page.locator("#bv-search-status").inner_text() != ""


def test_exact_spelling_ranks_above_folded(page):
    commune, trade = "Xã Đoàn Thượng", "Phong trào thi đua trong lĩnh vực thương mại, dịch vụ"
    exact_thuong = titles(search(page, "Thượng"))
    assert exact_thuong.index(commune) < exact_thuong.index(trade)
    exact_thuong = titles(search(page, "thương"))
    assert exact_thuong.index(trade) < exact_thuong.index(commune)


def test_a_filter_narrows_the_results(page):
    everything = search(page, "gia loc")
    kinds = {r["kind"] for r in everything}
    assert "Tập thể" in kinds
    page.hover("select[name=kind]")  # the filter lists load when the reader reaches for them
    page.wait_for_selector("select[name=kind] option[value='Phong trào']", state="attached")
    page.select_option("select[name=kind]", "Phong trào")
    page.wait_for_function("() => [...document.querySelectorAll('.bv-result__kind')].every(e => e.textContent === 'Phong trào')")
    narrowed = page.eval_on_selector_all(".bv-result__kind", "els => els.map(e => e.textContent)")
    assert narrowed and set(narrowed) == {"Phong trào"}


def test_word_found_nowhere_gives_no_results_rather_than_being_ignored(page):
    assert search(page, "le thanh nghi xyzzy") == []
    assert "Không tìm thấy" in page.locator("#bv-search-status").inner_text()


def test_keyboard_moves_through_results_and_opens_one(page):
    found = search(page, "pham tran")
    box = page.locator("#bv-search-input")
    box.press("ArrowDown")
    box.press("ArrowDown")
    active = page.get_attribute("#bv-search-input", "aria-activedescendant")
    assert active == "bv-search-option-1"
    assert page.get_attribute(f"#{active}", "aria-selected") == "true"
    box.press("ArrowUp")
    box.press("Escape")
    assert page.locator("#bv-search-panel").is_hidden()
    assert page.get_attribute("#bv-search-input", "aria-expanded") == "false"
    box.press("ArrowDown")  # reopens on the first result
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("article h1").first.inner_text() == found[0]["title"] == "Xã Phạm Trấn"


def test_bundle_loads_only_when_the_box_is_used(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    page.goto(site_url)
    page.wait_for_load_state("networkidle")
    assert not [u for u in fetched if "/pagefind/" in u]
    page.locator("#bv-search-input").focus()
    page.wait_for_function("() => performance.getEntriesByType('resource').some(e => e.name.includes('/pagefind/'))")
    context.close()


def test_works_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(site_url)
    assert page.locator("#bv-search-input").is_visible()
    found = search(page, "pham tran")
    assert "Xã Phạm Trấn" in titles(found)
    box = page.locator(".bv-result").first.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


AXE = Path(__file__).resolve().parents[1] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.mark.parametrize("width", [1280, 390])
def test_open_results_and_filters_have_no_serious_accessibility_violation(browser, site_url, width):
    require_tool(AXE.exists(), "axe-core (npm ci)")
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(site_url)
        search(page, "doan thuong")
        page.hover("select[name=kind]")
        page.wait_for_selector("select[name=kind] option[value='Tập thể']", state="attached")
        page.locator("#bv-search-input").press("ArrowDown")
        page.add_script_tag(path=str(AXE))
        violations = page.evaluate("""async () => (await axe.run(document.querySelector('[data-bv-search]'),
                {resultTypes: ['violations']})).violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))""")
    finally:
        context.close()
    assert violations == []


def test_the_search_box_folds_queries_exactly_as_the_index_does(browser, project_root):
    """The browser cannot call text.fold, so search.js carries a copy: on every name and title of
    the seed data, in NFC and NFD, upper and lower case, both must give the same key."""
    from bangvang.text import fold
    from bangvang.records.validation import validate

    source = (project_root / "docs" / "assets" / "search.js").read_text(encoding="utf-8")
    js_fold = source[source.index("function fold(text)"):]
    js_fold = js_fold[: js_fold.index("\n  }") + 4]
    dataset, _ = validate(project_root / "data", project_root / "docs")
    samples = sorted({r.get("name") or r.get("title") for r in dataset.all() if r.get("name") or r.get("title")})
    samples += ["Hoà Thuỷ Uỷ ban", "hòa thủy Ủy ban", "ĐOÀN THƯỢNG", "khoẻ khỏe", "Quý Thúy"]
    samples += [NFD(s) for s in samples] + [s.upper() for s in samples]
    page = browser.new_page()
    folded = page.evaluate(f"(samples) => {{ {js_fold}; return samples.map(fold); }}", samples)
    page.close()
    mismatches = [(s, js, fold(s)) for s, js in zip(samples, folded) if js != fold(s)]
    assert mismatches == []
