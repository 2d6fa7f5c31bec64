"""Honour lists as staff receive them, built in the tests (no binary fixtures): .xlsx with merged
cells, chart sheets and several sheets; CSV in the encodings and delimiters Excel writes; and
running scripts/import_awards.py the way staff do."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bangvang.records.validation import validate
from openpyxl import Workbook


@dataclass
class Sheet:
    title: str
    rows: list[list]
    merges: list[str] = field(default_factory=list)  # "A1:F1"
    hidden: bool = False


def write_book(path: Path, sheets: list[Sheet], active: int = 0, chart_sheet: str | None = None) -> Path:
    """An .xlsx with these sheets; `chart_sheet`: a chart sheet of that name put first and made active."""
    book = Workbook()
    book.remove(book.active)
    for spec in sheets:
        ws = book.create_sheet(spec.title)
        for r, row in enumerate(spec.rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(r, c, value)
        for ref in spec.merges:
            ws.merge_cells(ref)
        if spec.hidden:
            ws.sheet_state = "hidden"
    book.active = active
    if chart_sheet:
        from openpyxl.chart import BarChart, Reference

        chart = BarChart()
        first = book.worksheets[0]
        chart.add_data(Reference(first, min_col=1, min_row=1, max_row=3))
        cs = book.create_chartsheet(chart_sheet, 0)
        cs.add_chart(chart)
        book.active = 0
    book.save(path)
    return path


def add_merges(path: Path, refs: list[str]) -> Path:
    """Merged ranges written straight into the first sheet's XML: openpyxl itself would create
    every cell of a range like F1:XFD1048576 (as a hostile file declares, cheaply)."""
    import zipfile

    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    name = "xl/worksheets/sheet1.xml"
    xml = parts[name].decode("utf-8")
    cells = "".join(f'<mergeCell ref="{ref}"/>' for ref in refs)
    xml = xml.replace("</sheetData>", f'</sheetData><mergeCells count="{len(refs)}">{cells}</mergeCells>', 1)
    parts[name] = xml.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return path


def write_xlsx(path: Path, rows: list[list], merges: list[str] = (), title: str = "Danh sách") -> Path:
    return write_book(path, [Sheet(title, rows, list(merges))])


def write_csv(path: Path, rows: list[list], sep: str = ",", encoding: str = "utf-8", bom: bool = False) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
    return path


def run_import(project: Path, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """`.venv/bin/python scripts/import_awards.py FILE --award ID --year YYYY …` as staff run it."""
    script = project / "scripts" / "import_awards.py"
    return subprocess.run(
        [sys.executable, str(script) if cwd else "scripts/import_awards.py", *map(str, args)],
        cwd=cwd or project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def review_lines(output: str) -> list[str]:
    """The lines of the "Cần xem lại" list, without their indent."""
    lines = output.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Cần xem lại")), None)
    if start is None:
        return []
    out = []
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        out.append(line.strip())
    return out


def review_of(result: subprocess.CompletedProcess, row: int) -> str:
    """The "Cần xem lại" line of one Excel row ('' when it has none)."""
    for line in review_lines(result.stdout):
        text = line.removeprefix("(!) ")
        if text.startswith(f"dòng {row}:"):
            return line
    return ""


def awards_in(project: Path, year: int) -> list[Path]:
    folder = project / "data" / "awards" / str(year)
    return sorted(folder.glob("*.yml")) if folder.is_dir() else []


def record(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def file_errors(project: Path, path: Path) -> list[str]:
    _, errors = validate(project / "data", project / "docs")
    shown = path.relative_to(project).as_posix()
    return [str(e) for e in errors if e.path == shown]


# ---------------------------------------------------------------------------------------------
# The province's 2022 decision as the issue describes it: national motto block, merged title,
# a two-row merged header, a column-number row, section rows merged across, a unit cell merged
# down over several people, the closing line and the signature block. Units and the chairman
# are the frozen seed's.
# ---------------------------------------------------------------------------------------------

COLLECTIVE_REASON = "Đã có thành tích xuất sắc trong phong trào thi đua năm 2021"
PERSON_REASON = "Đã có thành tích xuất sắc trong công tác năm 2021"

COLLECTIVES = [  # (name as written, expected recipient)
    ("Trường THCS Lê Thanh Nghị", {"unit": "truong-thcs-le-thanh-nghi"}),
    ("UBND xã Gia Tân", {"name": "UBND xã Gia Tân", "kind": "tap_the"}),
    ("Phòng Giáo dục và Đào tạo", {"unit": "phong-giao-duc-va-dao-tao"}),
    ("Xã Đoàn Thượng", {"unit": "xa-doan-thuong"}),
    (
        "Tổ dân phố Nguyễn Chế Nghĩa, thị trấn Gia Lộc",
        {"name": "Tổ dân phố Nguyễn Chế Nghĩa, thị trấn Gia Lộc", "kind": "tap_the"},
    ),
    ("Trường Mầm non Gia Tân", {"unit": "truong-mam-non-gia-tan"}),
]
# (name as written, position cell, unit cell or None when merged from above, expected recipient)
SCHOOL_PEOPLE = [
    (
        "Ông Lê Văn Tuấn",
        "Giáo viên",
        "Trường THCS Lê Thanh Nghị",
        {"name": "Lê Văn Tuấn", "position": "Giáo viên", "unit": "truong-thcs-le-thanh-nghi"},
    ),
    (
        "Bà Nguyễn Thị Hoa",
        "Hiệu trưởng",
        None,
        {"name": "Nguyễn Thị Hoa", "position": "Hiệu trưởng", "unit": "truong-thcs-le-thanh-nghi"},
    ),
    (
        "Bà Phạm Thị Lan",
        "Giáo viên",
        None,
        {"name": "Phạm Thị Lan", "position": "Giáo viên", "unit": "truong-thcs-le-thanh-nghi"},
    ),
    (
        "Ông Trần Văn Bình",
        "Hiệu trưởng",
        "Trường Tiểu học Gia Khánh",
        {"name": "Trần Văn Bình", "position": "Hiệu trưởng", "unit": "truong-tieu-hoc-gia-khanh"},
    ),
    (
        "Bà Vũ Thị Mai",
        "Giáo viên",
        None,
        {"name": "Vũ Thị Mai", "position": "Giáo viên", "unit": "truong-tieu-hoc-gia-khanh"},
    ),
    (
        "Bà Đỗ Thị Hằng",
        "Giáo viên Trường Mầm non Gia Tân",
        "",
        {"name": "Đỗ Thị Hằng", "position": "Giáo viên", "unit": "truong-mam-non-gia-tan"},
    ),
    (
        "Ông Trương Văn Nam",
        "Hiệu trưởng, Trường THCS Lê Thanh Nghị",
        "",
        {"name": "Trương Văn Nam", "position": "Hiệu trưởng", "unit": "truong-thcs-le-thanh-nghi"},
    ),
    (
        "Bà Tô Thị Thu",
        "Kế toán",
        "Trường Tiểu học Gia Xuyên",
        {"name": "Tô Thị Thu", "position": "Kế toán", "unit_name": "Trường Tiểu học Gia Xuyên"},
    ),
]
OFFICE_PEOPLE = [
    ("Ông Lê Văn Tuấn", "Chủ tịch", "UBND huyện Gia Lộc", {"person": "le-van-tuan"}),
]
for i, (given, pos) in enumerate(
    [
        ("An", "Chuyên viên"),
        ("Bảo", "Chuyên viên"),
        ("Cường", "Phó Trưởng phòng"),
        ("Dũng", "Chuyên viên"),
        ("Giang", "Văn thư"),
        ("Hải", "Kế toán"),
        ("Khánh", "Chuyên viên"),
        ("Long", "Chuyên viên"),
    ]
):
    OFFICE_PEOPLE.append(
        (
            f"Đ/c Nguyễn Văn {given}",
            pos,
            "Phòng Giáo dục và Đào tạo" if i == 0 else None,
            {"name": f"Nguyễn Văn {given}", "position": pos, "unit": "phong-giao-duc-va-dao-tao"},
        )
    )
COMMUNE_PEOPLE = []
for given in ("Hưng", "Kiên", "Lâm", "Minh", "Nghĩa", "Oanh", "Phúc", "Quang"):
    COMMUNE_PEOPLE.append(
        (
            f"Bà Hoàng Thị {given}",
            "Công chức Văn phòng - Thống kê",
            "UBND xã Gia Tân",
            {
                "name": f"Hoàng Thị {given}",
                "position": "Công chức Văn phòng - Thống kê",
                "unit_name": "UBND xã Gia Tân",
            },
        )
    )


def decision_456() -> tuple[Sheet, dict]:
    """The sheet, and what the import must give: {row: expected recipient}, section rows, etc."""
    rows: list[list] = [
        ["UBND TỈNH HẢI DƯƠNG", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", None, None],
        [None, None, None, "Độc lập - Tự do - Hạnh phúc", None, None],
        [None] * 6,
        ["DANH SÁCH", None, None, None, None, None],
        ["Tập thể, cá nhân được tặng Bằng khen của Chủ tịch UBND tỉnh", None, None, None, None, None],
        [
            "(Kèm theo Quyết định số 456/QĐ-UBND ngày 10/02/2022 của Chủ tịch UBND tỉnh Hải Dương)",
            None,
            None,
            None,
            None,
            None,
        ],
        [None] * 6,
        ["STT", "Họ và tên", "Chức vụ, đơn vị", None, "Thành tích", "Ngày sinh"],  # row 8
        [None, None, "Chức vụ", "Đơn vị", None, None],  # row 9
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)"],  # row 10
        ["I. TẬP THỂ (06 tập thể)", None, None, None, None, None],  # row 11
    ]
    merges = [
        "A1:C1",
        "D1:F1",
        "D2:F2",
        "A4:F4",
        "A5:F5",
        "A6:F6",
        "A8:A9",
        "B8:B9",
        "C8:D8",
        "E8:E9",
        "F8:F9",
        "A11:F11",
    ]
    expected: dict[int, dict] = {}
    n = 0
    for name, want in COLLECTIVES:
        n += 1
        rows.append([n, name, None, None, COLLECTIVE_REASON, None])
        expected[len(rows)] = want
    merges.append(f"E{len(rows) - 5}:E{len(rows)}")  # one reason merged down over the collectives
    rows.append(["II. CÁ NHÂN (25 cá nhân)", None, None, None, None, None])
    merges.append(f"A{len(rows)}:F{len(rows)}")
    person_rows = []

    def people(block):
        nonlocal n
        start = None
        for name, position, unit, want in block:
            n += 1
            rows.append([n, name, position, unit or None, PERSON_REASON, "01/01/1980"])
            expected[len(rows)] = want
            person_rows.append(len(rows))
            if unit is None and start is not None:
                continue
            start = len(rows) if unit else None
        return None

    rows.append(["1. Khối trường học", None, None, None, None, None])
    merges.append(f"A{len(rows)}:F{len(rows)}")
    first_school = len(rows) + 1
    people(SCHOOL_PEOPLE)
    merges += [f"D{first_school}:D{first_school + 2}", f"D{first_school + 3}:D{first_school + 4}"]
    rows.append([None, "2. Khối cơ quan", None, None, None, None])  # a heading in the name column only
    first_office = len(rows) + 1
    people(OFFICE_PEOPLE)
    merges.append(f"D{first_office + 1}:D{first_office + 8}")
    rows.append(["3", "Khối xã, thị trấn", None, None, None, None])  # a heading with a number in STT
    first_commune = len(rows) + 1
    people(COMMUNE_PEOPLE)
    merges.append(f"D{first_commune}:D{first_commune + 7}")
    merges.append(f"E{person_rows[0]}:E{person_rows[-1]}")
    rows.append(["Ấn định danh sách có 06 tập thể và 25 cá nhân./.", None, None, None, None, None])
    closing = len(rows)
    merges.append(f"A{closing}:F{closing}")
    rows.append([None] * 6)
    rows.append([None, None, None, "TM. ỦY BAN NHÂN DÂN", None, None])
    rows.append([None, None, None, "CHỦ TỊCH", None, None])
    rows.append([None, None, None, "(Đã ký)", None, None])
    rows.append([None, None, None, "Nguyễn Văn Hùng", None, None])
    facts = {
        "expected": expected,
        "closing": closing,
        "person_rows": person_rows,
        "people": 25,
        "units": 6,
        "teacher_row": first_school,
        "chairman_row": first_office,
    }
    return Sheet("QĐ 456", rows, merges), facts
