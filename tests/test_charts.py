"""Charts drawn at build time: the numbers in each SVG and its table are the tallies of the records
(counted here independently with award_tally), and the charts really show in Chromium."""
from __future__ import annotations

import base64
import html as htmllib
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from bangvang.website import charts
from bangvang.records import schema as s
from bangvang.website.index import RECIPIENT_KEYS, award_tally, build_index
from bangvang.records.validation import validate

from helpers import SEED_DATA

ROOT = Path(__file__).resolve().parents[1]
KIND_LABELS = dict(s.RECIPIENT_KINDS.labels)
LEVEL_LABELS = dict(s.AWARD_LEVELS.labels)


@pytest.fixture(scope="module")
def dataset():
    data, errors = validate(SEED_DATA, ROOT / "docs")
    assert not errors
    return data


def _conferred(dataset, year=None):
    return [a for a in dataset.kind("awards").values()
            if a.get("status", "tang") == "tang" and (year is None or a["year"] == year)]


def _number(text: str) -> int:
    """'1.527' (Vietnamese grouping) → 1527."""
    return int(text.replace(".", "").strip())


def _figure(page: str, chart_id: str) -> str:
    m = re.search(rf'<figure class="bv-chart" id="bieu-do-{chart_id}">(.*?)</figure>', page, re.S)
    assert m, f"chart {chart_id} not on the page"
    return m[1]


def _cells(row: str) -> list[str]:
    return [htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]


def _table(figure: str) -> tuple[list[str], dict[str, list[int]]]:
    """Header labels and {row label: numbers} of the chart's table (body rows only)."""
    head = _cells(re.search(r"<thead>(.*?)</thead>", figure, re.S)[1])
    body = re.search(r"<tbody>(.*?)</tbody>", figure, re.S)[1]
    rows = {}
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        label, *numbers = _cells(tr)
        rows[label] = [_number(n) for n in numbers]
    return head, rows


def _svg_totals(figure: str) -> list[int]:
    return [_number(t) for t in re.findall(r'<text [^>]*class="bv-chart__value">([^<]*)</text>', figure)]


def _check(figure: str, expected: dict[str, dict[str, int]], series_labels: dict[str, str]) -> None:
    """The table and the SVG of one chart against expected {row label: {series key: value}}."""
    head, rows = _table(figure)
    expected = {label: v for label, v in expected.items() if sum(v.values())}
    assert set(rows) == set(expected)
    shown = [k for k in series_labels if any(v.get(k) for v in expected.values())]
    for label, numbers in rows.items():
        want = expected[label]
        if len(shown) > 1:
            assert head[1:-1] == [series_labels[k] for k in shown]
            assert numbers[:-1] == [want.get(k, 0) for k in shown], label
        assert numbers[-1] == sum(want.values()), label
    assert _svg_totals(figure) == [numbers[-1] for numbers in rows.values()], "SVG totals = table totals"


def test_statistics_by_year_and_kind_equal_the_tallies(built_site, dataset):
    page = (built_site / "thong-ke" / "index.html").read_text(encoding="utf-8")
    expected = defaultdict(lambda: dict.fromkeys(RECIPIENT_KEYS, 0))
    for award in _conferred(dataset):
        for k, v in award_tally(award).items():
            expected[f"Năm {award['year']}"][k] += v
    assert expected, "the seed has conferred awards"
    _check(_figure(page, "tap-the-ca-nhan"), dict(expected), KIND_LABELS)


def test_statistics_by_year_and_level_equal_the_tallies(built_site, dataset):
    page = (built_site / "thong-ke" / "index.html").read_text(encoding="utf-8")
    expected = defaultdict(lambda: dict.fromkeys(LEVEL_LABELS, 0))
    for award in _conferred(dataset):
        level = dataset.vocab[award["award"]]["level"]
        expected[f"Năm {award['year']}"][level] += sum(award_tally(award).values())
    _check(_figure(page, "theo-nam-cap-khen"), dict(expected), LEVEL_LABELS)


def test_statistics_by_form_equal_the_tallies(built_site, dataset):
    page = (built_site / "thong-ke" / "index.html").read_text(encoding="utf-8")
    expected = defaultdict(lambda: dict.fromkeys(RECIPIENT_KEYS, 0))
    for award in _conferred(dataset):
        for k, v in award_tally(award).items():
            expected[dataset.vocab[award["award"]]["name"]][k] += v
    _check(_figure(page, "theo-hinh-thuc"), dict(expected), KIND_LABELS)


def test_campaigns_by_field_count_every_campaign(built_site, dataset):
    page = (built_site / "thong-ke" / "index.html").read_text(encoding="utf-8")
    expected = defaultdict(lambda: dict.fromkeys(s.CAMPAIGN_KINDS.choices, 0))
    for campaign in dataset.kind("campaigns").values():
        expected[s.FIELDS.label(campaign["field"])][campaign["kind"]] += 1
    _check(_figure(page, "phong-trao-linh-vuc"), dict(expected), dict(s.CAMPAIGN_KINDS.labels))
    assert sum(_svg_totals(_figure(page, "phong-trao-linh-vuc"))) == len(dataset.kind("campaigns"))


def test_year_page_charts_equal_that_years_tallies(built_site, dataset):
    years = sorted({a["year"] for a in _conferred(dataset)})
    assert years
    for year in years:
        page = (built_site / "khen-thuong" / str(year) / "index.html").read_text(encoding="utf-8")
        by_level = defaultdict(lambda: dict.fromkeys(RECIPIENT_KEYS, 0))
        by_form = defaultdict(lambda: dict.fromkeys(RECIPIENT_KEYS, 0))
        for award in _conferred(dataset, year):
            entry = dataset.vocab[award["award"]]
            level = LEVEL_LABELS[entry["level"]]
            label = level if entry["level"] == "co_quan" else f"Cấp {level.lower()}"
            for k, v in award_tally(award).items():
                by_level[label][k] += v
                by_form[entry["name"]][k] += v
        _check(_figure(page, f"cap-khen-{year}"), dict(by_level), KIND_LABELS)
        _check(_figure(page, f"hinh-thuc-{year}"), dict(by_form), KIND_LABELS)


def test_commune_chart_counts_named_recipients_by_their_commune(tmp_path):
    """On a copy of the data with one more award: units in a commune, a commune itself, a named
    individual of a school: each counts once for its commune; a tally without names counts nowhere."""
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    dataset, _ = validate(data, ROOT / "docs")
    communes = [u for u in dataset.kind("units").values() if u["kind"] in ("xa", "thi_tran")]
    located = [u for u in dataset.kind("units").values() if u.get("commune")]
    assert communes and located, "the seed has communes and units located in them"
    school = located[0]
    (data / "awards" / "2021" / "zz-kiem-thu-xa.yml").write_text(
        "year: 2021\naward: giay-khen-huyen\n"
        "recipients:\n"
        f"  - unit: {communes[0].id}\n"
        f"  - unit: {school.id}\n"
        f"  - {{name: Nguyễn Thị Hoa, position: Giáo viên, unit: {school.id}}}\n"
        "count: {tap_the: 7, ca_nhan: 9}\n", encoding="utf-8")
    dataset, errors = validate(data, ROOT / "docs")
    assert not errors, errors
    ix = build_index(dataset)
    expected: dict[str, int] = defaultdict(int)
    for award in _conferred(dataset):
        for r in award.get("recipients", []):
            unit_id = dataset.get("people", r["person"]).get("unit") if r.get("person") else r.get("unit")
            unit = dataset.get("units", unit_id) if unit_id else None
            if unit is None:
                continue
            commune = unit if unit["kind"] in ("xa", "thi_tran") else dataset.get("units", unit.get("commune") or "")
            if commune is not None:
                expected[commune["name"]] += 1
    chart = charts.by_commune(ix, _conferred(dataset), "xa", "Theo xã")
    assert {r.label: r.total for r in chart.rows} == dict(expected)
    assert expected[dataset.get("units", school["commune"])["name"]] >= 2
    assert chart.rows == sorted(chart.rows, key=lambda r: -r.total) or len(chart.rows) < 2


def test_charts_are_accessible_images_with_a_table(built_site):
    page = (built_site / "thong-ke" / "index.html").read_text(encoding="utf-8")
    svgs = re.findall(r"<svg class=\"bv-chart__svg\"[^>]*>\s*<title id=\"([^\"]+)\">([^<]+)</title>", page)
    assert len(svgs) >= 4
    for title_id, title in svgs:
        assert f'role="img" aria-labelledby="{title_id}"' in page
        assert title.strip()
    assert page.count('<table class="bv-chart__table">') >= len(svgs)
    assert "<script" not in page.split('id="bieu-do-')[1].split("</figure>")[0], "no JavaScript in a chart"


def test_charts_show_in_headless_chromium(built_site, browser, tmp_path):
    """Each bar is painted in its colour: the screenshot's pixel at the middle of every bar segment
    (read back through a canvas in the browser itself) is that segment's fill colour."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((built_site / "thong-ke" / "index.html").as_uri())
    shot = tmp_path / "thong-ke.png"
    page.screenshot(path=str(shot), full_page=True)
    shutil.copy(shot, Path(tmp_path.parent) / "thong-ke-charts.png")  # kept for a human to look at
    bars = page.evaluate("""() => [...document.querySelectorAll('.bv-chart__svg rect')].map(r => {
        const b = r.getBoundingClientRect();
        return {x: b.x + window.scrollX + b.width / 2, y: b.y + window.scrollY + b.height / 2,
                w: b.width, h: b.height, fill: r.getAttribute('fill')};
    })""")
    assert len(bars) >= 10
    assert all(b["w"] >= 2 and b["h"] >= 10 for b in bars), "every bar has a visible size"
    page.set_content("<canvas id=c></canvas>")
    colours = page.evaluate("""async ([png, points]) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + png;
        await img.decode();
        const c = document.getElementById('c');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return points.map(p => Array.from(ctx.getImageData(Math.floor(p.x), Math.floor(p.y), 1, 1).data.slice(0, 3)));
    }""", [base64.b64encode(shot.read_bytes()).decode(), bars])
    page.close()
    for bar, rgb in zip(bars, colours):
        want = [int(bar["fill"][i:i + 2], 16) for i in (1, 3, 5)]
        assert all(abs(a - b) <= 8 for a, b in zip(rgb, want)), (bar, rgb)
