"""The official statistics forms of Thông tư 02/2023/TT-BNV (Biểu 0601–0605, chế độ báo cáo
thống kê ngành Nội vụ, lĩnh vực thi đua, khen thưởng) as an .xlsx workbook, from the records.

Layouts (rows, their codes "mã số", columns) follow the forms as laid out in the public
repository lifephongphanmem/thiduakhenthuong_php8, resources/views/BaoCao/TT022023/Mau0601–0605
(read at commit dc8c198, 24/10/2024). Two slips of that copy are corrected and noted: the form
0603's second group is numbered "2." (it prints "3."), the last row of 0605 has code 15 (it
prints 14 twice).

A cell gets a number only when the records determine it exactly; otherwise it stays empty and
the sheet "Ghi chú" names it (form, cell, row, column) with the reason, so the unit completes it
by hand. Cells filled by a stated rule (the awards of a district reach the Prime Minister through
the province: row 3 of 0602) are listed there too. Counts are of conferred awards of the year
(index.conferred: proposals and annulled awards are out), in turns (lượt) as the year pages count
them: collectives (with households, as the forms' "Tập thể" columns do) and individuals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bangvang.records.dataset import Record
from bangvang.website.index import Index, award_tally, conferred

CIRCULAR = "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
RECEIVED = "Ngày nhận báo cáo: ngày 15 tháng 12 năm báo cáo"
EMPTY, RULE = "để trống", "tính theo quy ước"


@dataclass
class Cell:
    value: int | None = None
    reason: str = ""  # why it is empty, or the rule that filled it
    rule: bool = False  # filled by a stated rule (listed in the notes)


@dataclass
class Row:
    code: str  # "01"; "" for a heading
    label: str
    unit: str = ""  # đơn vị tính (forms 0602–0604)
    cells: list[Cell] = field(default_factory=list)

    @property
    def heading(self) -> bool:
        return not self.code


@dataclass
class Form:
    number: str  # "0601"
    title: str
    measure: str  # "Đơn vị tính: Phong trào" (or "" when the form gives it per row)
    headers: list[list[tuple[str, int]]]  # header rows above the data columns: (text, span)
    columns: list[str]  # one name per data column, for the notes ("Cột 2: Cấp Trung ương")
    rows: list[Row]
    has_unit_column: bool = False

    @property
    def sheet(self) -> str:
        return f"Biểu {self.number}"


def _unknown(reason: str, n: int) -> list[Cell]:
    return [Cell(None, reason) for _ in range(n)]


# ---------------------------------------------------------------------------------------------
# Biểu 0601: Số phong trào thi đua
# ---------------------------------------------------------------------------------------------


def _year_of(value) -> int | None:
    return value.year if isinstance(value, dt.date) else int(value) if value is not None else None


def active_campaigns(index: Index, year: int) -> list[Record]:
    """Campaigns under way in the year: its span covers the year, or (without a span) it has
    results for the year."""
    found = []
    for campaign in index.dataset.kind("campaigns").values():
        since, until = _year_of(campaign.get("since")), _year_of(campaign.get("until"))
        has_result = any(r.get("year") == year for r in campaign.get("results", []))
        if since is None and until is None:
            if has_result:
                found.append(campaign)
        elif (since is None or since <= year) and (until is None or until >= year):
            found.append(campaign)
    return found


def duration_row(campaign: Record) -> str | None:
    """The 0601 row of a campaign's length: 06 under a year … 10 five years or more; None when
    its span is not recorded. A span given in years counts whole calendar years (2021–2025: 5)."""
    since, until = campaign.get("since"), campaign.get("until")
    if since is None or until is None:
        return None
    if isinstance(since, dt.date) and isinstance(until, dt.date):
        years = ((until - since).days + 1) / 365.25
    else:
        first, last = _year_of(since), _year_of(until)
        years = (last - first + 1) if first is not None and last is not None else 0
    if years < 0.99:
        return "06"
    if years < 1.01:
        return "07"
    return "08" if years < 3 else "09" if years < 5 else "10"


def form_0601(index: Index, year: int) -> Form:
    campaigns = active_campaigns(index, year)
    level = "bản ghi phong trào chỉ ghi cơ quan phát động bằng chữ ('launched_by'), không ghi cấp chủ trì"
    rows = [
        Row("01", "Tổng số", cells=[Cell(len(campaigns))] + _unknown(level, 3)),
        Row("", "1. Chia theo phạm vi tổ chức thi đua"),
    ]
    scope = "bản ghi phong trào không ghi phạm vi tổ chức thi đua"
    for code, label in (
        ("02", "- Toàn quốc"),
        ("03", "- Bộ, ban, ngành đoàn thể, địa phương"),
        ("04", "- Cụm, khối thi đua do Hội đồng Thi đua - Khen thưởng các cấp tổ chức"),
        ("05", "- Cơ quan, tổ chức, đơn vị"),
    ):
        rows.append(Row(code, label, cells=_unknown(scope, 4)))
    rows.append(Row("", "2. Chia theo thời hạn thi đua"))
    spans = [duration_row(c) for c in campaigns]
    unknown = sum(1 for s in spans if s is None)
    for code, label in (
        ("06", "- Dưới 1 năm"),
        ("07", "- 1 năm"),
        ("08", "- Từ 1 năm đến dưới 3 năm"),
        ("09", "- Từ 3 năm đến dưới 5 năm"),
        ("10", "- Từ 5 năm trở lên"),
    ):
        first = (
            Cell(sum(1 for s in spans if s == code))
            if not unknown
            else Cell(None, f"{unknown} phong trào không ghi đủ thời gian (since, until)")
        )
        rows.append(Row(code, label, cells=[first] + _unknown(level, 3)))
    rows.append(Row("", "3. Chia theo phương thức tổ chức phong trào thi đua"))
    for code, label, kind in (
        ("11", "- Thi đua theo chuyên đề", "chuyen_de"),
        ("12", "- Thi đua thường xuyên hàng năm", "thuong_xuyen"),
    ):
        rows.append(
            Row(code, label, cells=[Cell(sum(1 for c in campaigns if c.get("kind") == kind))] + _unknown(level, 3))
        )
    return Form(
        "0601",
        "SỐ PHONG TRÀO THI ĐUA",
        "Đơn vị tính: Phong trào",
        headers=[
            [("Tổng số", 1), ("Số phong trào thi đua chia theo cấp chủ trì phát động thi đua", 3)],
            [
                ("", 1),
                ("Cấp Trung ương (Hội đồng Thi đua - Khen thưởng Trung ương)", 1),
                ("Cấp bộ, ban ngành đoàn thể trung ương, tỉnh, thành phố trực thuộc Trung ương", 1),
                ("Cơ quan, tổ chức, đơn vị", 1),
            ],
        ],
        columns=["1 Tổng số", "2 Cấp Trung ương", "3 Cấp bộ, ngành, tỉnh", "4 Cơ quan, tổ chức, đơn vị"],
        rows=rows,
    )


# ---------------------------------------------------------------------------------------------
# Award forms 0602 (state level) and 0603 (ministry and province level)
# ---------------------------------------------------------------------------------------------


@dataclass
class AwardColumn:
    name: str  # for the notes
    forms: tuple[str, ...]  # vocabulary ids counted here; () when the vocabulary lacks the form
    kind: str | None  # "tap_the" (with households), "ca_nhan", or None (every kind)
    missing: str = ""  # why the records cannot give it (a form not in the vocabulary)


def _count(awards: list[Record], kinds: tuple[str, ...]) -> int:
    return sum(award_tally(a)[k] for a in awards for k in kinds)


class AwardCounter:
    """The conferred awards of a year and the counts the award forms ask for."""

    def __init__(self, index: Index, year: int):
        self.index = index
        self.awards = conferred(index.awards_by_year.get(year, []))

    def of(self, column: AwardColumn) -> list[Record]:
        return [a for a in self.awards if a["award"] in column.forms]

    def cell(self, column: AwardColumn, row: str) -> Cell:
        if column.missing:
            return Cell(None, column.missing)
        awards = self.of(column)
        col_kinds = {
            "tap_the": ("tap_the", "ho_gia_dinh"),
            "ca_nhan": ("ca_nhan",),
            None: ("tap_the", "ho_gia_dinh", "ca_nhan"),
        }[column.kind]
        row_kinds = {
            "total": col_kinds,
            "tap_the": ("tap_the",),
            "ho_gia_dinh": ("ho_gia_dinh",),
            "ca_nhan": ("ca_nhan",),
        }.get(row)
        if row_kinds is not None:
            return Cell(_count(awards, tuple(k for k in row_kinds if k in col_kinds)))
        if row == "doanh_nghiep":
            if "tap_the" not in col_kinds:
                return Cell(0)
            unnamed = 0
            firms = 0
            for award in awards:
                units = [r for r in award.get("recipients", []) if r.get("unit") and not r.get("name")]
                unnamed += award_tally(award)["tap_the"] - len(units)
                records = [self.index.dataset.get("units", r["unit"]) for r in units]
                firms += sum(1 for u in records if u is not None and u.get("kind") == "doanh_nghiep")
            if unnamed:
                return Cell(
                    None,
                    f"{unnamed} lượt tập thể chỉ có số lượng hoặc chưa có bản ghi tập thể "
                    "(không biết có phải doanh nghiệp)",
                )
            return Cell(firms)
        if row in ("thuong_xuyen", "chuyen_de"):
            loose = [
                a for a in awards if not a.get("campaign") or a["campaign"] not in self.index.dataset.kind("campaigns")
            ]
            if loose:
                return Cell(
                    None,
                    f"{len(loose)} lượt khen thưởng không gắn phong trào (campaign), không biết "
                    "phương thức khen thưởng",
                )
            chosen = [a for a in awards if self.index.dataset.ref("campaigns", a["campaign"]).get("kind") == row]
            return Cell(_count(chosen, col_kinds))
        raise ValueError(row)


LEADERS = "chức vụ ghi bằng chữ tự do; bản ghi không phân loại cá nhân theo cấp lãnh đạo, doanh nhân"
OTHER_METHODS = "bản ghi không ghi phương thức khen thưởng đột xuất, đối ngoại, cống hiến, niên hạn, kháng chiến"
SUBJECT_ROWS = [
    ("tap_the", "- Tập thể", "Tập thể"),
    ("doanh_nghiep", "Trong đó: Doanh nghiệp", "Doanh nghiệp"),
    ("ho_gia_dinh", "- Hộ gia đình", "Hộ"),
    ("ca_nhan", "- Cá nhân", "Người"),
]
PEOPLE_ROWS = [
    "+ Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên",
    "+ Lãnh đạo cấp vụ, sở, ngành và tương đương",
    "+ Doanh nhân",
    "+ Các cấp lãnh đạo khác từ phó phòng trở lên",
    "+ Người trực tiếp công tác, lao động, học tập, chiến đấu và phục vụ chiến đấu (công nhân, nông dân,...)",
]
METHOD_ROWS = [
    ("thuong_xuyen", "- Thường xuyên"),
    ("chuyen_de", "- Chuyên đề"),
    (None, "- Đột xuất"),
    (None, "- Đối ngoại"),
    (None, "- Cống hiến"),
    (None, "- Niên hạn"),
    (None, "- Kháng chiến"),
]


def _award_rows(counter: AwardCounter, columns: list[AwardColumn], codes: list[str], proposer_rows: bool) -> list[Row]:
    """The rows shared by 0602 and 0603; `codes` are the forms' own codes, in order."""
    code = iter(codes)

    def row(label: str, unit: str, key: str | None, reason: str = "") -> Row:
        cells = [counter.cell(c, key) if key else Cell(None, reason) for c in columns]
        return Row(next(code), label, unit, [_total(cells, columns, reason)] + cells)

    rows = [row("Tổng số", "", "total")]
    if proposer_rows:
        total = rows[0].cells
        rows.append(Row("", "1. Chia theo đơn vị ban hành tờ trình Thủ tướng Chính phủ về khen thưởng"))
        rule = (
            "khen thưởng cấp Nhà nước của đơn vị cấp huyện, xã do Chủ tịch UBND tỉnh trình Thủ tướng: "
            "cả năm tính vào dòng tỉnh, thành phố"
        )
        rows.append(
            Row(
                next(code),
                "- Bộ, ban, ngành, đoàn thể Trung ương",
                "Bộ, ngành",
                [
                    Cell(
                        0 if c.value is not None else None,
                        rule if c.value is not None else c.reason,
                        c.value is not None,
                    )
                    for c in total
                ],
            )
        )
        rows.append(
            Row(
                next(code),
                "- Tỉnh, thành phố trực thuộc Trung ương",
                "Tỉnh, TP",
                [Cell(c.value, rule if c.value is not None else c.reason, c.value is not None) for c in total],
            )
        )
        rows.append(Row("", "2. Chia theo đối tượng khen thưởng"))
    else:
        rows.append(Row("", "1. Chia theo đối tượng khen thưởng"))
    for key, label, unit in SUBJECT_ROWS:
        rows.append(row(label, unit, key))
    for label in PEOPLE_ROWS:
        rows.append(row(label, "Người", None, LEADERS))
    rows.append(Row("", f"{3 if proposer_rows else 2}. Chia theo phương thức khen thưởng"))
    for method, label in METHOD_ROWS:
        rows.append(row(label, "", method, OTHER_METHODS))
    return rows


def _total(cells: list[Cell], columns: list[AwardColumn], reason: str) -> Cell:
    """The row's total: the sum of its columns; when only forms missing from the vocabulary are
    unknown, the sum of the others, said so in the notes."""
    unknown = [(c, col) for c, col in zip(cells, columns) if c.value is None]
    if not unknown:
        return Cell(sum(c.value or 0 for c in cells))
    if all(col.missing for _, col in unknown):
        names = ", ".join(col.name.rsplit(" – ", 1)[0] for _, col in unknown)
        return Cell(
            sum(c.value for c in cells if c.value is not None),
            f"tổng các cột tính được; không gồm {names} (danh mục chưa có hình thức này)",
            rule=True,
        )
    return Cell(None, reason or f"có cột không tính được ({unknown[0][0].reason})")


def _state_columns(index: Index) -> tuple[list[tuple[str, int]], list[tuple[str, int]], list[AwardColumn]]:
    """The columns of 0602 from the vocabulary's state-level forms, grouped as the form groups them."""
    entries = sorted(
        (e for e in index.dataset.vocab.values() if e.get("level") == "trung_uong"),
        key=lambda e: (e.get("rank", 999), e.id),
    )
    honours_titles = ("anh-hung-", "ba-me-", "nha-giao-", "thay-thuoc-", "nghe-nhan-")
    named = {"co-thi-dua-chinh-phu", "bang-khen-thu-tuong", "chien-si-thi-dua-toan-quoc"}
    medals = [e for e in entries if e.id.startswith("huan-chuong-") or e.id == "huy-chuong"]
    titles = [e for e in entries if e.id.startswith(honours_titles)]
    others = [e for e in entries if e not in medals and e not in titles and e.id not in named]
    absent = "danh mục danh hiệu, hình thức khen thưởng (data/vocab/awards.yml) chưa có hình thức này"
    groups: list[tuple[str, list[AwardColumn]]] = []
    groups.append(
        (
            "Các loại huân chương, huy chương",
            [
                AwardColumn(f"{e['name']} – {w}", (e.id,), k)
                for e in medals
                for k, w in (("tap_the", "Tập thể"), ("ca_nhan", "Cá nhân"))
            ],
        )
    )
    groups.append(
        ("Giải thưởng Hồ Chí Minh", [AwardColumn("Giải thưởng Hồ Chí Minh – Cá nhân", (), "ca_nhan", absent)])
    )
    groups.append(("Giải thưởng Nhà nước", [AwardColumn("Giải thưởng Nhà nước – Cá nhân", (), "ca_nhan", absent)]))
    groups.append(
        (
            "Danh hiệu vinh dự nhà nước",
            [
                AwardColumn(f"{e['name']} – {w}", (e.id,), k)
                for e in titles
                for k, w in (("tap_the", "Tập thể"), ("ca_nhan", "Cá nhân"))
            ],
        )
    )
    groups.append(
        (
            "Cờ thi đua của Chính phủ",
            [AwardColumn("Cờ thi đua của Chính phủ – Tập thể", ("co-thi-dua-chinh-phu",), "tap_the")],
        )
    )
    groups.append(
        (
            "Bằng khen của Thủ tướng Chính phủ",
            [
                AwardColumn("Bằng khen của Thủ tướng Chính phủ – Tập thể", ("bang-khen-thu-tuong",), "tap_the"),
                AwardColumn("Bằng khen của Thủ tướng Chính phủ – Cá nhân", ("bang-khen-thu-tuong",), "ca_nhan"),
            ],
        )
    )
    groups.append(
        (
            "Chiến sĩ thi đua toàn quốc",
            [AwardColumn("Chiến sĩ thi đua toàn quốc – Cá nhân", ("chien-si-thi-dua-toan-quoc",), "ca_nhan")],
        )
    )
    groups.append(
        (
            "Các hình thức khen thưởng khác",
            [
                AwardColumn(f"{e['name']} – {w}", (e.id,), k)
                for e in others
                for k, w in (("tap_the", "Tập thể"), ("ca_nhan", "Cá nhân"))
            ],
        )
    )
    top = [(name, len(cols)) for name, cols in groups if cols]
    middle = []
    for _, cols in groups:
        for col in cols:
            middle.append((col.name.rsplit(" – ", 1)[1], 1))
    columns = [c for _, cols in groups for c in cols]
    return top, middle, columns


def form_0602(index: Index, year: int) -> Form:
    top, kinds, columns = _state_columns(index)
    rows = _award_rows(
        AwardCounter(index, year),
        columns,
        ["1", "2", "3", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "20", "21"],
        proposer_rows=True,
    )
    names = [c.name.rsplit(" – ", 1)[0] for c in columns]
    return Form(
        "0602",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP NHÀ NƯỚC",
        "",
        headers=[[("Tổng số", 1)] + top, [("", 1)] + [(n, 1) for n in names], [("", 1)] + kinds],
        columns=["1 Tổng số"] + [c.name for c in columns],
        rows=rows,
        has_unit_column=True,
    )


def form_0603(index: Index, year: int) -> Form:
    columns = [
        AwardColumn("Bằng khen", ("bang-khen-tinh", "bang-khen-hdnd-tinh"), None),
        AwardColumn("Chiến sĩ thi đua cấp bộ, cấp tỉnh", ("chien-si-thi-dua-tinh",), None),
        AwardColumn(
            "Cờ thi đua của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
            ("co-thi-dua-tinh",),
            None,
        ),
        AwardColumn(
            "Huy hiệu (kỷ niệm chương) của bộ, ban, ngành, đoàn thể Trung ương, tỉnh, thành phố trực thuộc Trung ương",
            ("huy-hieu", "ky-niem-chuong"),
            None,
        ),
    ]
    rows = _award_rows(
        AwardCounter(index, year),
        columns,
        ["01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17"],
        proposer_rows=False,
    )
    return Form(
        "0603",
        "SỐ LƯỢNG KHEN THƯỞNG CẤP BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG ƯƠNG VÀ TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        "",
        headers=[[("Tổng số", 1), ("Chia ra", 4)], [("", 1)] + [(c.name, 1) for c in columns]],
        columns=["1 Tổng số"] + [f"{i} {c.name}" for i, c in enumerate(columns, 2)],
        rows=rows,
        has_unit_column=True,
    )


# ---------------------------------------------------------------------------------------------
# Forms 0604, 0605: the organisation and staff of emulation work (nothing in the records)
# ---------------------------------------------------------------------------------------------

NO_STAFF = "bản ghi bảng vàng không có dữ liệu về tổ chức, công chức làm công tác thi đua, khen thưởng"


def form_0604(index: Index, year: int) -> Form:
    rows = [Row("01", "Tổng số", "Tổ chức", _unknown(NO_STAFF, 1)), Row("", "Chia theo cơ cấu tổ chức bộ máy")]
    for code, label, unit in (
        ("02", "- Cấp Vụ thuộc bộ, ban, ngành, đoàn thể Trung ương", "Vụ"),
        ("03", "- Cấp phòng, ban hoặc bộ phận thuộc Vụ", "Phòng"),
        ("04", "- Cấp ban thuộc Sở Nội vụ", "Ban"),
        ("05", "- Cấp phòng thuộc Sở Nội vụ", "Phòng"),
    ):
        rows.append(Row(code, label, unit, _unknown(NO_STAFF, 1)))
    return Form(
        "0604",
        "SỐ LƯỢNG TỔ CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH, ĐOÀN THỂ TRUNG "
        "ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        "",
        headers=[[("Số lượng", 1)]],
        columns=["1 Số lượng"],
        rows=rows,
        has_unit_column=True,
    )


def form_0605(index: Index, year: int) -> Form:
    rows = [Row("01", "Tổng số", cells=_unknown(NO_STAFF, 2))]
    groups = [
        (
            "1. Chia theo độ tuổi",
            [
                "- Từ 30 trở xuống",
                "- Từ 31 đến 40",
                "- Từ 41 đến 50",
                "- Từ 51 đến 55",
                "- Từ 56 đến 60",
                "- Trên 60 tuổi",
            ],
        ),
        ("2. Chia theo trình độ đào tạo", ["- Sơ cấp", "- Trung cấp", "- Cao đẳng", "- Đại học", "- Trên đại học"]),
        (
            "3. Chia theo thâm niên công tác trong lĩnh vực thi đua, khen thưởng",
            ["- Dưới 5 năm", "- Từ 5 đến 10 năm", "- Từ 10 năm trở lên"],
        ),
    ]
    n = 2
    for heading, labels in groups:
        rows.append(Row("", heading))
        for label in labels:
            rows.append(Row(f"{n:02d}", label, cells=_unknown(NO_STAFF, 2)))
            n += 1
    return Form(
        "0605",
        "SỐ LƯỢNG CÔNG CHỨC LÀM CÔNG TÁC THI ĐUA, KHEN THƯỞNG CỦA BỘ, BAN, NGÀNH ĐOÀN THỂ TRUNG "
        "ƯƠNG, TỈNH, THÀNH PHỐ TRỰC THUỘC TRUNG ƯƠNG",
        "Đơn vị tính: Người",
        headers=[[("Số lượng (Người)", 2)], [("Tổng số", 1), ("Trong đó: Nữ", 1)]],
        columns=["1 Tổng số", "2 Trong đó: Nữ"],
        rows=rows,
    )


FORMS: list[Callable[[Index, int], Form]] = [form_0601, form_0602, form_0603, form_0604, form_0605]


def build_forms(index: Index, year: int) -> list[Form]:
    return [make(index, year) for make in FORMS]


# ---------------------------------------------------------------------------------------------
# The workbook
# ---------------------------------------------------------------------------------------------


def write_workbook(forms: list[Form], path: Path, year: int, reporter: str) -> list[tuple]:
    """Write the forms and the notes sheet; returns the notes (form, cell, row, column, state, why)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    left = Alignment(wrap_text=True, vertical="center", horizontal="left")
    grey = PatternFill("solid", fgColor="EDEDED")
    bold = Font(bold=True)
    notes: list[tuple] = []
    book = Workbook()
    book.remove(book.active)
    for form in forms:
        ws = book.create_sheet(form.sheet)
        lead = 3 if form.has_unit_column else 2  # A label, B code, (C unit)
        width = lead + len(form.columns)
        ws.cell(1, 1, f"Biểu số: {form.number}.N/BNV-TĐKT").font = bold
        ws.cell(1, 4 if width > 4 else 3, f"Đơn vị báo cáo: {reporter}")
        ws.cell(2, 1, CIRCULAR)
        ws.cell(2, 4 if width > 4 else 3, "Đơn vị nhận báo cáo:")
        ws.cell(3, 1, RECEIVED)
        ws.cell(4, 1, form.title).font = Font(bold=True, size=13)
        ws.merge_cells(start_row=4, start_column=1, end_row=4, end_column=width)
        ws.cell(4, 1).alignment = wrap
        ws.cell(5, 1, f"Thời điểm báo cáo: năm {year}").alignment = wrap
        ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=width)
        if form.measure:
            ws.cell(6, width, form.measure).alignment = Alignment(horizontal="right")
        top = 7
        depth = len(form.headers)
        ws.cell(top, 1, "")
        ws.cell(top, 2, "Mã số")
        if form.has_unit_column:
            ws.cell(top, 3, "Đơn vị tính")
        for c in range(1, lead + 1):
            if depth > 1:
                ws.merge_cells(start_row=top, start_column=c, end_row=top + depth - 1, end_column=c)
        for level, header in enumerate(form.headers):
            col = lead + 1
            for text, span in header:
                if text:
                    ws.cell(top + level, col, text)
                if span > 1:
                    ws.merge_cells(
                        start_row=top + level, start_column=col, end_row=top + level, end_column=col + span - 1
                    )
                col += span
        for r in range(top, top + depth):
            for c in range(1, width + 1):
                ws.cell(r, c).border = box
                ws.cell(r, c).alignment = wrap
                ws.cell(r, c).font = bold
        index_row = top + depth
        labels = (
            ["A", "B"] + (["C"] if form.has_unit_column else []) + [str(i) for i in range(1, len(form.columns) + 1)]
        )
        if form.number == "0601":
            labels[2] = "1=(2+3+4)"
        for c, text in enumerate(labels, 1):
            cell = ws.cell(index_row, c, text)
            cell.border, cell.alignment, cell.font = box, wrap, bold
        r = index_row + 1
        for row in form.rows:
            ws.cell(r, 1, row.label).alignment = left
            ws.cell(r, 2, row.code).alignment = wrap
            if form.has_unit_column:
                ws.cell(r, 3, row.unit).alignment = wrap
            if row.heading or row.code in ("01", "1"):
                ws.cell(r, 1).font = bold
            for i, cell in enumerate(row.cells):
                target = ws.cell(r, lead + 1 + i)
                if cell.value is not None:
                    target.value = cell.value
                    target.number_format = "#,##0"
                else:
                    target.fill = grey
                if cell.value is None or cell.rule:
                    notes.append(
                        (
                            form.sheet,
                            f"{get_column_letter(lead + 1 + i)}{r}",
                            f"{row.code} {row.label}",
                            form.columns[i],
                            EMPTY if cell.value is None else RULE,
                            cell.reason,
                        )
                    )
            for c in range(1, width + 1):
                ws.cell(r, c).border = box
            r += 1
        r += 1
        ws.cell(r, 2, "Người lập biểu").font = bold
        ws.cell(r, width, "Thủ trưởng đơn vị").font = bold
        ws.cell(r + 1, 2, "(Ký, họ tên)")
        ws.cell(r + 1, width, "(Ký, họ tên, đóng dấu)")
        ws.column_dimensions["A"].width = 48
        ws.column_dimensions["B"].width = 7
        if form.has_unit_column:
            ws.column_dimensions["C"].width = 11
        for c in range(lead + 1, width + 1):
            ws.column_dimensions[get_column_letter(c)].width = 14
        ws.freeze_panes = ws.cell(index_row + 1, lead + 1)
    sheet = book.create_sheet("Ghi chú")
    sheet.append([f"Các ô để trống hoặc tính theo quy ước — số liệu năm {year}, từ dữ liệu bảng vàng"])
    sheet["A1"].font = bold
    sheet.append(
        [
            "Ô để trống: dữ liệu bảng vàng không xác định được số liệu; đơn vị tự điền. Ô có số liệu: "
            "tính từ các khen thưởng đã được tặng trong năm (không tính đề nghị và khen thưởng đã hủy bỏ), "
            "đếm theo lượt như trang khen thưởng năm."
        ]
    )
    sheet.append(["Biểu", "Ô", "Dòng", "Cột", "Trạng thái", "Lý do, cách tính"])
    for c in range(1, 7):
        sheet.cell(3, c).font = bold
    for note in _grouped(notes):
        sheet.append(list(note))
    for letter, w in zip("ABCDEF", (11, 14, 48, 40, 16, 90)):
        sheet.column_dimensions[letter].width = w
    book.save(path)
    return notes


def _grouped(notes: list[tuple]) -> list[tuple]:
    """Notes of neighbouring cells of one row with the same reason as one line ('E12:H12')."""
    out: list[list] = []
    for sheet, cell, row, column, state, why in notes:
        last = out[-1] if out else None
        if last and last[0] == sheet and last[2] == row and last[4] == state and last[5] == why:
            start = last[1].split(":")[0]
            last[1] = f"{start}:{cell}"
            last[3] = f"{last[3].split(' … ')[0]} … {column}"
        else:
            out.append([sheet, cell, row, column, state, why])
    return [tuple(n) for n in out]


# ---------------------------------------------------------------------------------------------
# scripts/bieu_mau.py
# ---------------------------------------------------------------------------------------------


def bieu_mau_main(argv: list[str] | None = None) -> int:
    import sys

    from bangvang.records.errors import format_report
    from bangvang.records.validation import validate
    from bangvang.staff import cli
    from bangvang.website.index import build_index

    parser = cli.StaffArgumentParser(
        prog="bieu_mau.py",
        description="Lập các biểu mẫu thống kê thi đua, khen thưởng theo Thông tư 02/2023/TT-BNV "
        "(Biểu 0601–0605) từ dữ liệu bảng vàng, thành một tệp Excel (.xlsx). Ô nào dữ liệu "
        "không cho biết thì để trống và được nêu tên trong trang \"Ghi chú\".",
    )
    parser.add_argument("year", type=cli.year_arg, metavar="NĂM", help="năm báo cáo, ví dụ 2024")
    parser.add_argument(
        "--out",
        type=cli.path_arg,
        metavar="TỆP",
        help="tệp .xlsx sẽ ghi (mặc định: bieu-mau-TT02-<năm>.xlsx trong thư mục dự án)",
    )
    parser.add_argument("--data", type=cli.path_arg, metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data/)")
    parser.add_argument(
        "--reporter",
        type=cli.text_arg(what="tên đơn vị báo cáo"),
        metavar="TÊN",
        help="đơn vị báo cáo ghi ở đầu biểu (mặc định: Ủy ban nhân dân + tên trong mkdocs.yml)",
    )
    args = parser.parse_args(argv)
    data = cli.project_path(args.data) if args.data else cli.PROJECT_ROOT / "data"
    out = cli.project_path(args.out) if args.out else cli.PROJECT_ROOT / f"bieu-mau-TT02-{args.year}.xlsx"
    if out.suffix.lower() != ".xlsx":
        print(f"{cli.shown_path(out)}: tệp ghi ra phải có đuôi .xlsx", file=sys.stderr)
        return 1
    if not data.is_dir():
        print(f"{cli.shown_path(data)}:1:1: không tìm thấy thư mục dữ liệu", file=sys.stderr)
        return 1
    if not out.parent.is_dir():
        print(
            f"{cli.shown_path(out.parent)}: không có thư mục này; tạo thư mục trước hoặc chọn --out khác",
            file=sys.stderr,
        )
        return 1
    dataset, errors = validate(data, None)  # the records only: scans and photos do not change a figure
    if errors:
        print(format_report(errors), file=sys.stderr)
        return 1
    index = build_index(dataset)
    reporter = args.reporter or f"Ủy ban nhân dân {_district_name()}"
    notes = write_workbook(build_forms(index, args.year), out, args.year, reporter)
    empty = sum(1 for n in notes if n[4] == EMPTY)
    print(
        f"Đã ghi {cli.shown_path(out)}: Biểu 0601–0605 năm {args.year}; {empty} ô để trống, "
        "xem trang \"Ghi chú\" để biết ô nào cần đơn vị tự điền."
    )
    return 0


def _district_name() -> str:
    """The publishing unit's name from mkdocs.yml (extra.district.name), for the forms' header."""
    import yaml

    from bangvang.staff import cli

    try:
        config = yaml.load((cli.PROJECT_ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
        return " ".join(str(config["extra"]["district"]["name"]).split()) or "huyện"
    except (OSError, KeyError, TypeError, yaml.YAMLError):
        return "huyện"
