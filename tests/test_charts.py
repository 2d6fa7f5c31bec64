"""Charts drawn at build time: the numbers in each drawing and its table are the tallies of the
records (counted here independently of the production tally); each colour means one thing on every chart,
colour-blind safe; labels are at least 14 px; empty charts are left out; and the charts really
show in Chromium."""

from __future__ import annotations

import base64
import html as htmllib
import itertools
import math
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest
from bangvang.records import schema as s
from bangvang.records.validation import validate
from bangvang.website import charts
from bangvang.website.index import build_index
from helpers import SEED_DATA

ROOT = Path(__file__).resolve().parents[1]
KIND_LABELS = dict(s.RECIPIENT_KINDS.labels)
RECIPIENT_KEYS = ("tap_the", "ca_nhan", "ho_gia_dinh")


def award_tally(award) -> dict[str, int]:
    """The test's own oracle (never the production award_tally): the count where the record
    gives one, else its named recipients by kind (a unit is a collective; a person or a name is an
    individual unless the inline recipient says `kind`)."""
    named = dict.fromkeys(RECIPIENT_KEYS, 0)
    for r in award.get("recipients") or []:
        if r.get("unit") and not r.get("name"):
            named["tap_the"] += 1
        else:
            named[r.get("kind") or "ca_nhan"] += 1
    count = award.get("count") or {}
    return {k: count.get(k, v) for k, v in named.items()}


LEVEL_LABELS = dict(s.AWARD_LEVELS.labels)


@pytest.fixture(scope="module")
def dataset(fixture_project):
    """The records the shared built site was made from (the seed and the fixture extras)."""
    data, errors = validate(fixture_project / "data", fixture_project / "docs")
    assert not errors
    return data


def _conferred(dataset, year=None):
    return [
        a
        for a in dataset.kind("awards").values()
        if a.get("status", "tang") == "tang" and (year is None or a["year"] == year)
    ]


def _number(text: str) -> int:
    """'1.527' (Vietnamese grouping) → 1527."""
    return int(text.replace(".", "").strip())


def _figure(page: str, chart_id: str) -> str:
    m = re.search(rf'<figure class="bv-chart" id="bieu-do-{chart_id}">(.*?)</figure>', page, re.S)
    assert m, f"chart {chart_id} not on the page"
    return m[1]


def _cells(row: str) -> list[str]:
    return [
        htmllib.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
    ]


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
    """The totals written at the end of the drawing's bars."""
    return [_number(t) for t in re.findall(r'<span class="bv-chart__value">([^<]*)</span>', figure)]


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
    assert _svg_totals(figure) == [numbers[-1] for numbers in rows.values()], "drawn totals = table totals"


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
        "count: {tap_the: 7, ca_nhan: 9}\n",
        encoding="utf-8",
    )
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
    plots = re.findall(r'<div class="bv-chart__plot" role="img" aria-label="([^"]+)">', page)
    assert len(plots) >= 4
    assert all(label.strip() for label in plots)
    assert page.count('<table class="bv-chart__table">') >= len(plots)
    assert "<script" not in page.split('id="bieu-do-')[1].split("</figure>")[0], "no JavaScript in a chart"


# ---------------------------------------------------------------------------------------------
# One palette by meaning, colour-blind safe
# ---------------------------------------------------------------------------------------------


def _linear(h: str) -> list[float]:
    def one(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return [one(int(h[i : i + 2], 16)) for i in (1, 3, 5)]


def _contrast_on_white(h: str) -> float:
    r, g, b = _linear(h)
    return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05)


# Machado, Oliveira & Fernandes (2009), severity 1: how protanopes and deuteranopes see a colour.
_CVD = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
}


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = lambda t: t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116  # noqa: E731
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def _seen(h: str, vision: str | None) -> tuple[float, float, float]:
    rgb = _linear(h)
    if vision:
        rgb = [max(0.0, min(1.0, sum(m * c for m, c in zip(row, rgb)))) for row in _CVD[vision]]
    return _lab(rgb)


def _site_charts(built_site) -> list[str]:
    pages = [built_site / "thong-ke" / "index.html", *sorted((built_site / "khen-thuong").glob("*/index.html"))]
    figures = []
    for page in pages:
        figures += re.findall(r'<figure class="bv-chart".*?</figure>', page.read_text(encoding="utf-8"), re.S)
    return figures


def test_each_colour_means_one_thing_on_every_chart(built_site):
    """A series key (tập thể, cá nhân, a level…) has its colour of charts.COLOURS in every bar and
    legend of the site, and no two meanings share a colour."""
    assert len(set(charts.COLOURS.values())) == len(charts.COLOURS), "two meanings share a colour"
    figures = _site_charts(built_site)
    assert len(figures) >= 5
    seen: dict[str, set[str]] = defaultdict(set)
    for figure in figures:
        segments = re.findall(
            r'class="bv-chart__seg" data-series="([^"]+)" data-colour="([^"]+)" '
            r'style="width: [\d.]+%; background-color: ([^"]+)"',
            figure,
        )
        assert segments, "every drawn chart has bars"
        for key, colour, painted in segments:
            seen[key] |= {colour.lower(), painted.lower()}
        for key, colour in re.findall(
            r'<li data-series="([^"]+)"><span class="bv-chart__key" '
            r'style="background-color: ([^"]+)">',
            figure,
        ):
            seen[key].add(colour.lower())
    assert {"tap_the", "ca_nhan"} <= set(seen)
    for key, colours in seen.items():
        assert colours == {charts.COLOURS[key]}, f"{key} drawn in {sorted(colours)}"
    # every recipient kind and the proposals have a colour, whether or not the seed draws them
    for key in [*RECIPIENT_KEYS, "de_nghi", *s.AWARD_LEVELS.choices, *s.CAMPAIGN_KINDS.choices]:
        assert key in charts.COLOURS


def test_chart_colours_are_visible_and_colour_blind_safe():
    """Every colour stands out from the white page (3:1, WCAG 1.4.11). Colours that stand for
    different things (kinds of recipient, proposals, kinds of campaign) stay far apart (ΔE ≥ 20) for
    protanopes and deuteranopes too: no red/green pair. The ordered levels of award are shades of one
    hue, darker for higher levels, each at least 8 L* from the next."""
    for key, colour in charts.COLOURS.items():
        assert _contrast_on_white(colour) >= 3, (key, colour)
    categorical = [*RECIPIENT_KEYS, "de_nghi", "named"]
    for group in (categorical, list(s.CAMPAIGN_KINDS.choices)):
        for a, b in itertools.combinations(group, 2):
            for vision in (None, "protanopia", "deuteranopia"):
                distance = math.dist(_seen(charts.COLOURS[a], vision), _seen(charts.COLOURS[b], vision))
                assert distance >= 20, f"{a} and {b} look alike ({vision or 'normal vision'}: ΔE {distance:.0f})"
    lightness = [_seen(charts.COLOURS[level], None)[0] for level in s.AWARD_LEVELS.choices]
    assert all(b - a >= 8 for a, b in zip(lightness, lightness[1:])), lightness


def test_empty_charts_are_left_out(tmp_path):
    """A year with only proposals draws no chart (nothing conferred): no empty frame is shown."""
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    (data / "awards" / "2030").mkdir(parents=True)
    (data / "awards" / "2030" / "zz-de-nghi.yml").write_text(
        "year: 2030\naward: giay-khen-huyen\nstatus: de_nghi\ncount: {ca_nhan: 3}\n", encoding="utf-8"
    )
    dataset, errors = validate(data, ROOT / "docs")
    assert not errors, errors
    ix = build_index(dataset)
    assert charts.year_charts(ix, 2030) == []
    assert all(c.rows and c.grand_total for c in charts.statistics_charts(ix))


def test_chart_labels_are_at_least_14_px(built_site, browser):
    """Labels, totals, legends and notes of the charts, at a phone's width and a desktop's."""
    for width in (390, 1280):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto((built_site / "thong-ke" / "index.html").as_uri())
        sizes = page.evaluate("""() => [...document.querySelectorAll(
            '.bv-chart__label, .bv-chart__value, .bv-chart__legend li, .bv-chart__note, .bv-chart__title')]
            .filter(e => e.offsetParent !== null).map(e => parseFloat(getComputedStyle(e).fontSize))""")
        page.close()
        assert sizes and min(sizes) >= 14, (width, min(sizes))


def test_charts_show_in_headless_chromium(built_site, browser, tmp_path):
    """Each bar is painted in its colour: the screenshot's pixel at the middle of every bar segment
    (read back through a canvas in the browser itself) is that segment's fill colour."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((built_site / "thong-ke" / "index.html").as_uri())
    shot = tmp_path / "thong-ke.png"
    page.screenshot(path=str(shot), full_page=True)
    shutil.copy(shot, Path(tmp_path.parent) / "thong-ke-charts.png")  # kept for a human to look at
    bars = page.evaluate("""() => [...document.querySelectorAll('.bv-chart__seg')].map(r => {
        const b = r.getBoundingClientRect();
        const gap = parseFloat(getComputedStyle(r).borderLeftWidth) || 0;
        return {x: b.x + window.scrollX + gap + (b.width - gap) / 2, y: b.y + window.scrollY + b.height / 2,
                w: b.width - gap, h: b.height, fill: r.getAttribute('data-colour')};
    })""")
    assert len(bars) >= 10
    assert all(b["w"] >= 2 and b["h"] >= 10 for b in bars), "every bar has a visible size"
    page.set_content("<canvas id=c></canvas>")
    colours = page.evaluate(
        """async ([png, points]) => {
        const img = new Image();
        img.src = 'data:image/png;base64,' + png;
        await img.decode();
        const c = document.getElementById('c');
        c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        return points.map(p => Array.from(ctx.getImageData(Math.floor(p.x), Math.floor(p.y), 1, 1).data.slice(0, 3)));
    }""",
        [base64.b64encode(shot.read_bytes()).decode(), bars],
    )
    page.close()
    for bar, rgb in zip(bars, colours):
        want = [int(bar["fill"][i : i + 2], 16) for i in (1, 3, 5)]
        assert all(abs(a - b) <= 8 for a, b in zip(rgb, want)), (bar, rgb)
