"""Figures drawn at build time: the numbers of each chart and the geometry of its bars.

A Chart is rows (years, forms, communes…) of values per series (levels, kinds of recipient…);
templates/charts.html draws it as HTML bars sized in per cent (no JavaScript, no library: the
labels are text at the page's size, at least 14 px on a phone) with a table beside it for screen
readers and print. Numbers count conferred awards only (proposals are not honours),
each award by its tally (bangvang.index.award_tally), so charts agree with the year tables.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.text import sort_key
from bangvang.website.index import RECIPIENT_KEYS, Index, award_tally, conferred

# One colour per meaning, the same on every chart of the site: "tập thể" is always blue, "cá nhân"
# always orange… Okabe–Ito's colour-blind-safe hues (blue, orange, bluish green) and a violet,
# darkened where needed so every colour has a contrast of at least 3:1 against white (WCAG 1.4.11);
# no red/green pair. The levels of award, which are ordered, are shades of one hue, darkest for
# the highest. Neighbouring segments are parted by a white gap; each chart has a legend and a table.
COLOURS: dict[str, str] = {
    # who was honoured (schema.RECIPIENT_KINDS)
    "tap_the": "#0072b2",
    "ca_nhan": "#b86e00",
    "ho_gia_dinh": "#009e73",
    # a proposal to a higher level, not yet an honour (schema.AWARD_STATUS)
    "de_nghi": "#8a3ffc",
    # every named recipient, whatever their kind
    "named": "#3d3d3d",
    # the level of the award (schema.AWARD_LEVELS), from the highest
    "trung_uong": "#0e2960",
    "tinh": "#30417c",
    "huyen": "#4e5a99",
    "xa": "#6b75b6",
    "co_quan": "#808acd",
    # the kind of campaign (schema.CAMPAIGN_KINDS)
    "thuong_xuyen": "#882255",
    "chuyen_de": "#8a8a8a",
}

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

    @property
    def totals(self) -> list[int]:
        return [sum(r.values[i] for r in self.rows) for i in range(len(self.series))]

    @property
    def grand_total(self) -> int:
        return sum(r.total for r in self.rows)


def layout(chart: Chart) -> Chart:
    """Each row's stacked bar: the width of every segment in per cent of the longest row's total
    (the longest bar fills the track; charts.css keeps every non-zero segment visible and parts
    neighbours with a white gap)."""
    top = max((r.total for r in chart.rows), default=0) or 1
    chart.bars = []
    for row in chart.rows:
        segments = [
            {
                "width": round(value / top * 100, 3),
                "colour": series.colour,
                "value": value,
                "key": series.key,
                "series": series.label,
            }
            for series, value in zip(chart.series, row.values)
            if value
        ]
        chart.bars.append({"row": row, "segments": segments})
    return chart


# ---------------------------------------------------------------------------------------------
# The numbers
# ---------------------------------------------------------------------------------------------


def _kinds_series() -> list[Series]:
    return [Series(k, label, COLOURS[k]) for k, label in s.RECIPIENT_KINDS.labels]


def _level_series() -> list[Series]:
    return [Series(k, label, COLOURS[k]) for k, label in s.AWARD_LEVELS.labels]


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
        if sum(values.values()):  # a year with only proposals has no bar
            rows.append(Row(f"Năm {year}", list(values.values())))
    return Chart(
        "theo-nam-cap-khen",
        "Số tập thể, cá nhân, hộ gia đình được khen thưởng theo năm và cấp khen",
        "Năm",
        _level_series(),
        rows,
        unit="lượt",
    )


def by_year_and_kind(ix: Index) -> Chart:
    rows = []
    for year in ix.years:
        values = dict.fromkeys(RECIPIENT_KEYS, 0)
        for award in conferred(ix.awards_by_year[year]):
            for k, v in award_tally(award).items():
                values[k] += v
        if sum(values.values()):  # a year with only proposals has no bar
            rows.append(Row(f"Năm {year}", list(values.values())))
    return Chart(
        "tap-the-ca-nhan",
        "Tập thể, cá nhân và hộ gia đình được khen thưởng theo năm",
        "Năm",
        _kinds_series(),
        rows,
        unit="lượt",
    )


def by_level(ix: Index, awards: list[Record], chart_id: str, title: str) -> Chart:
    values: dict[str, dict[str, int]] = {lvl: dict.fromkeys(RECIPIENT_KEYS, 0) for lvl in s.AWARD_LEVELS.choices}
    for award in conferred(awards):
        for k, v in award_tally(award).items():
            values[ix.vocab(award["award"])["level"]][k] += v
    rows = [
        Row(f"Cấp {label.lower()}" if lvl != "co_quan" else label, list(values[lvl].values()))
        for lvl, label in s.AWARD_LEVELS.labels
        if sum(values[lvl].values())
    ]
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
    units = ix.dataset.kind("units")
    communes = sorted(counts, key=lambda c: (-counts[c], sort_key(units[c]["name"])))
    rows = [Row(units[c]["name"], [counts[c]]) for c in communes[:MAX_COMMUNES]]
    more = (
        f" Biểu đồ nêu {MAX_COMMUNES} xã, thị trấn có nhiều người nhận nhất (trong {len(communes)})."
        if len(communes) > MAX_COMMUNES
        else ""
    )
    return Chart(
        chart_id,
        title,
        "Xã, thị trấn",
        [Series("named", "Người nhận có tên", COLOURS["named"])],
        rows,
        unit="lượt",
        note="Chỉ tính người nhận có tên thuộc một xã, thị trấn (tập thể đóng trên địa bàn, cá nhân "
        "theo đơn vị công tác); khen thưởng chỉ ghi số lượng không gắn được với xã nào." + more,
    )


def campaigns_by_field(ix: Index) -> Chart:
    values = {f: dict.fromkeys(s.CAMPAIGN_KINDS.choices, 0) for f in s.FIELDS.choices}
    for campaign in ix.dataset.kind("campaigns").values():
        values[campaign["field"]][campaign["kind"]] += 1
    rows = [Row(label, list(values[f].values())) for f, label in s.FIELDS.labels if sum(values[f].values())]
    series = [Series(k, label, COLOURS[k]) for k, label in s.CAMPAIGN_KINDS.labels]
    return Chart("phong-trao-linh-vuc", "Phong trào thi đua theo lĩnh vực", "Lĩnh vực", series, rows, unit="phong trào")


# ---------------------------------------------------------------------------------------------
# The charts of each page
# ---------------------------------------------------------------------------------------------


def _ready(charts: list[Chart]) -> list[Chart]:
    """Charts laid out; one with nothing to count is left out (no empty frame on the page)."""
    return [layout(_drop_empty_series(chart)) for chart in charts if chart.grand_total]


def statistics_charts(ix: Index) -> list[Chart]:
    every = [a for y in ix.years for a in ix.awards_by_year[y]]
    return _ready(
        [
            by_year_and_level(ix),
            by_year_and_kind(ix),
            by_form(ix, every, "theo-hinh-thuc", "Khen thưởng theo danh hiệu, hình thức (tất cả các năm)"),
            by_commune(ix, every, "theo-xa", "Người nhận có tên theo xã, thị trấn (tất cả các năm)"),
            campaigns_by_field(ix),
        ]
    )


def year_charts(ix: Index, year: int) -> list[Chart]:
    awards = ix.awards_by_year.get(year, [])
    return _ready(
        [
            by_level(ix, awards, f"cap-khen-{year}", f"Khen thưởng năm {year} theo cấp khen"),
            by_form(ix, awards, f"hinh-thuc-{year}", f"Khen thưởng năm {year} theo danh hiệu, hình thức"),
            by_commune(ix, awards, f"xa-{year}", f"Người nhận có tên năm {year} theo xã, thị trấn"),
        ]
    )
