"""Figures drawn at build time: the numbers of each chart and the geometry of its bars.

A Chart is rows (years, forms, communes…) of values per series (levels, kinds of recipient…);
templates/charts.html draws it as inline SVG (no JavaScript, no library) with a table beside it
for screen readers and print. Numbers count conferred awards only (proposals are not honours),
each award by its tally (bangvang.index.award_tally), so charts agree with the year tables.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.website.index import RECIPIENT_KEYS, Index, award_tally, conferred
from bangvang.text import sort_key

# Colours with a contrast of at least 3:1 against white (WCAG 1.4.11), and against each other
# separated by a white gap; each chart also has a legend and a table.
PALETTE = ("#b71c1c", "#1565c0", "#2e7d32", "#6a1b9a", "#bf360c", "#37474f")
LEVEL_COLOURS = dict(zip(s.AWARD_LEVELS.choices, PALETTE))
KIND_COLOURS = dict(zip(RECIPIENT_KEYS, PALETTE))

# Geometry of the SVG, in its own units (it scales to the column width).
WIDTH = 560
LABEL_HEIGHT = 18  # the row's label sits above its bar
BAR_HEIGHT = 18
ROW_GAP = 12
VALUE_ROOM = 64  # space right of the longest bar for its total
MIN_BAR = 3
MAX_COMMUNES = 30  # a province has hundreds: the chart shows the top ones


@dataclass(frozen=True)
class Series:
    key: str
    label: str
    colour: str


@dataclass
class Row:
    label: str
    values: list[int]

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass
class Chart:
    id: str
    title: str
    row_header: str  # heading of the label column of the table
    series: list[Series]
    rows: list[Row]
    note: str = ""
    unit: str = ""  # what is counted, for the total column ("Tổng")
    bars: list[dict] = field(default_factory=list)  # filled by layout()
    height: int = 0
    width: int = WIDTH

    @property
    def totals(self) -> list[int]:
        return [sum(r.values[i] for r in self.rows) for i in range(len(self.series))]

    @property
    def grand_total(self) -> int:
        return sum(r.total for r in self.rows)


def layout(chart: Chart) -> Chart:
    """Positions of every label, bar segment and total (horizontal stacked bars)."""
    top = max((r.total for r in chart.rows), default=0) or 1
    span = WIDTH - VALUE_ROOM
    y = 0
    chart.bars = []
    for row in chart.rows:
        x = 0.0
        segments = []
        shown = [(series, value) for series, value in zip(chart.series, row.values) if value]
        for i, (series, value) in enumerate(shown):
            # every non-zero value stays visible (MIN_BAR), and a 1-unit gap parts neighbours
            w = max(value / top * span, MIN_BAR)
            gap = 1 if i < len(shown) - 1 else 0
            segments.append({"x": round(x, 2), "width": round(w - gap, 2), "colour": series.colour,
                             "value": value, "series": series.label})
            x += w
        bar_y = y + LABEL_HEIGHT
        chart.bars.append({"row": row, "label_y": y + 13, "bar_y": bar_y, "segments": segments,
                           "total_x": round(x + 6, 2), "total_y": bar_y + 13})
        y = bar_y + BAR_HEIGHT + ROW_GAP
    chart.height = max(y - ROW_GAP + 2, 1)
    return chart


# ---------------------------------------------------------------------------------------------
# The numbers
# ---------------------------------------------------------------------------------------------

def _kinds_series() -> list[Series]:
    return [Series(k, label, KIND_COLOURS[k]) for k, label in s.RECIPIENT_KINDS.labels]


def _level_series() -> list[Series]:
    return [Series(k, label, LEVEL_COLOURS[k]) for k, label in s.AWARD_LEVELS.labels]


def _drop_empty_series(chart: Chart) -> Chart:
    keep = [i for i, total in enumerate(chart.totals) if total]
    chart.series = [chart.series[i] for i in keep]
    for row in chart.rows:
        row.values = [row.values[i] for i in keep]
    return chart


def by_year_and_level(ix: Index) -> Chart:
    rows = []
    for year in ix.years:
        values = dict.fromkeys(s.AWARD_LEVELS.choices, 0)
        for award in conferred(ix.awards_by_year[year]):
            values[ix.vocab(award["award"])["level"]] += sum(award_tally(award).values())
        rows.append(Row(f"Năm {year}", list(values.values())))
    return Chart("theo-nam-cap-khen", "Số tập thể, cá nhân, hộ gia đình được khen thưởng theo năm và cấp khen",
                 "Năm", _level_series(), rows, unit="lượt")


def by_year_and_kind(ix: Index) -> Chart:
    rows = []
    for year in ix.years:
        values = dict.fromkeys(RECIPIENT_KEYS, 0)
        for award in conferred(ix.awards_by_year[year]):
            for k, v in award_tally(award).items():
                values[k] += v
        rows.append(Row(f"Năm {year}", list(values.values())))
    return Chart("tap-the-ca-nhan", "Tập thể, cá nhân và hộ gia đình được khen thưởng theo năm",
                 "Năm", _kinds_series(), rows, unit="lượt")


def by_level(ix: Index, awards: list[Record], chart_id: str, title: str) -> Chart:
    values: dict[str, dict[str, int]] = {lvl: dict.fromkeys(RECIPIENT_KEYS, 0) for lvl in s.AWARD_LEVELS.choices}
    for award in conferred(awards):
        for k, v in award_tally(award).items():
            values[ix.vocab(award["award"])["level"]][k] += v
    rows = [Row(f"Cấp {label.lower()}" if lvl != "co_quan" else label, list(values[lvl].values()))
            for lvl, label in s.AWARD_LEVELS.labels if sum(values[lvl].values())]
    return Chart(chart_id, title, "Cấp khen", _kinds_series(), rows, unit="lượt")


def by_form(ix: Index, awards: list[Record], chart_id: str, title: str) -> Chart:
    values: dict[str, dict[str, int]] = {}
    for award in sorted(conferred(awards), key=ix.rank):
        tally = values.setdefault(award["award"], dict.fromkeys(RECIPIENT_KEYS, 0))
        for k, v in award_tally(award).items():
            tally[k] += v
    rows = [Row(ix.vocab(form)["name"], list(v.values())) for form, v in values.items() if sum(v.values())]
    return Chart(chart_id, title, "Danh hiệu, hình thức", _kinds_series(), rows, unit="lượt")


def by_commune(ix: Index, awards: list[Record], chart_id: str, title: str) -> Chart:
    """Named recipients per commune: a unit's commune, or the commune of a person's unit."""
    counts: dict[str, int] = defaultdict(int)
    for award in conferred(awards):
        for recipient in award.get("recipients", []):
            unit_id = recipient.get("unit")
            if recipient.get("person"):
                person = ix.dataset.get("people", recipient["person"])
                unit_id = person.get("unit") if person is not None else None
            unit = ix.dataset.get("units", unit_id) if unit_id else None
            commune = ix.commune_of(unit) if unit is not None else None
            if commune is not None:
                counts[commune.id] += 1
    communes = sorted(counts, key=lambda c: (-counts[c], sort_key(ix.dataset.get("units", c)["name"])))
    rows = [Row(ix.dataset.get("units", c)["name"], [counts[c]]) for c in communes[:MAX_COMMUNES]]
    more = (f" Biểu đồ nêu {MAX_COMMUNES} xã, thị trấn có nhiều người nhận nhất (trong {len(communes)})."
            if len(communes) > MAX_COMMUNES else "")
    return Chart(chart_id, title, "Xã, thị trấn", [Series("named", "Người nhận có tên", PALETTE[0])], rows,
                 unit="lượt",
                 note="Chỉ tính người nhận có tên thuộc một xã, thị trấn (tập thể đóng trên địa bàn, cá nhân "
                      "theo đơn vị công tác); khen thưởng chỉ ghi số lượng không gắn được với xã nào." + more)


def campaigns_by_field(ix: Index) -> Chart:
    values = {f: dict.fromkeys(s.CAMPAIGN_KINDS.choices, 0) for f in s.FIELDS.choices}
    for campaign in ix.dataset.kind("campaigns").values():
        values[campaign["field"]][campaign["kind"]] += 1
    rows = [Row(label, list(values[f].values())) for f, label in s.FIELDS.labels if sum(values[f].values())]
    series = [Series(k, label, PALETTE[i + 1]) for i, (k, label) in enumerate(s.CAMPAIGN_KINDS.labels)]
    return Chart("phong-trao-linh-vuc", "Phong trào thi đua theo lĩnh vực", "Lĩnh vực", series, rows,
                 unit="phong trào")


# ---------------------------------------------------------------------------------------------
# The charts of each page
# ---------------------------------------------------------------------------------------------

def _ready(charts: list[Chart], keep_empty: bool = False) -> list[Chart]:
    """Charts laid out; one with nothing to count is dropped, or kept (and says so) when asked."""
    out = []
    for chart in charts:
        if not chart.grand_total:
            if not keep_empty:
                continue
            chart.rows = []
        out.append(layout(_drop_empty_series(chart)))
    return out


def statistics_charts(ix: Index) -> list[Chart]:
    every = [a for y in ix.years for a in ix.awards_by_year[y]]
    return _ready([
        by_year_and_level(ix),
        by_year_and_kind(ix),
        by_form(ix, every, "theo-hinh-thuc", "Khen thưởng theo danh hiệu, hình thức (tất cả các năm)"),
        by_commune(ix, every, "theo-xa", "Người nhận có tên theo xã, thị trấn (tất cả các năm)"),
        campaigns_by_field(ix),
    ], keep_empty=True)


def year_charts(ix: Index, year: int) -> list[Chart]:
    awards = ix.awards_by_year.get(year, [])
    return _ready([
        by_level(ix, awards, f"cap-khen-{year}", f"Khen thưởng năm {year} theo cấp khen"),
        by_form(ix, awards, f"hinh-thuc-{year}", f"Khen thưởng năm {year} theo danh hiệu, hình thức"),
        by_commune(ix, awards, f"xa-{year}", f"Người nhận có tên năm {year} theo xã, thị trấn"),
    ])
