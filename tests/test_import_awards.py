"""scripts/import_awards.py: honour lists from Excel or CSV become one valid award record."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from bangvang.records import schema as s
from bangvang.records.validation import validate
from bangvang.text import fold
from honour_sheets import review_lines
from openpyxl import Workbook


def _records(project: Path, folder: str) -> dict[str, dict]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((project / "data" / folder).glob("*.yml"))
    }


def _award_for_everyone(project: Path) -> str:
    entries = yaml.safe_load((project / "data" / s.VOCAB_PATH).read_text(encoding="utf-8"))
    return next(
        e["id"]
        for e in entries
        if {"ca_nhan", "tap_the"} <= set(e["recipients"]) and not e.get("valid_from") and not e.get("valid_until")
    )


def _unaccented(text: str) -> str:
    """What a keyboard without Vietnamese input gives: no marks, đ as d, case kept."""
    out = []
    for ch in text:
        base = fold(ch)
        out.append(base.upper() if ch.isupper() else base)
    return "".join(out)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.fixture()
def known(project_copy):
    """A unit and a person of the seed data, with a second unit for the person's workplace."""
    units, people = _records(project_copy, "units"), _records(project_copy, "people")
    if len(units) < 2 or not people:
        pytest.skip("seed data has too few units or people")
    (unit_id, unit), (work_id, work) = list(units.items())[:2]
    person_id, person = next(iter(people.items()))
    return {
        "unit_id": unit_id,
        "unit": unit["name"],
        "work_id": work_id,
        "work": work["name"],
        "person_id": person_id,
        "person": person["name"],
        "award": _award_for_everyone(project_copy),
    }


def _run(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/import_awards.py", *map(str, args)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _written(project: Path, year: int) -> list[Path]:
    return (
        sorted((project / "data" / "awards" / str(year)).glob("*.yml"))
        if (project / "data" / "awards" / str(year)).is_dir()
        else []
    )


def _file_errors(project: Path, path: Path) -> list[str]:
    _, errors = validate(project / "data", project / "docs")
    shown = path.relative_to(project).as_posix()
    return [str(e) for e in errors if e.path == shown]


def _write_xlsx(path: Path, rows: list[list]) -> Path:
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _write_csv(path: Path, rows: list[list], bom: bool = True, sep: str = ",") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=sep).writerows(rows)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def _list_rows(k: dict) -> list[list]:
    """A decision's annex: title lines first, header on row 5, units then people, one bad row."""
    return [
        ["ỦY BAN NHÂN DÂN HUYỆN", None, None, None],
        ["DANH SÁCH", None, None, None],
        ["Tập thể, cá nhân được tặng Giấy khen", None, None, None],
        [None, None, None, None],
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị công tác"],  # row 5
        ["I", "Tập thể", None, None],  # row 6
        [1, _nfd(k["unit"]).upper(), None, None],  # row 7: NFD, capitals
        [2, "Tổ dân phố Chưa Có Bản Ghi", None, None],  # row 8
        ["II", "Cá nhân", None, None],  # row 9
        [3, _unaccented(k["person"]).lower(), "Chủ tịch", None],  # row 10: no marks at all
        [4, "Nguyễn Văn Mới", "Giáo viên", _unaccented(k["work"])],  # row 11: unknown person, known unit
        [5, "Trần Thị Khác", "Kế toán", "Công ty Chưa Có"],  # row 12: unknown person and unit
        ["x", "Dòng hỏng", None, None],  # row 13: bad STT
        [6, None, "Giáo viên", "Trường nào đó"],  # row 14: no name
        [None, None, None, None],
        ["Người lập biểu", None, None, None],
    ]


def _check_result(project: Path, result: subprocess.CompletedProcess, k: dict, year: int) -> dict:
    # Two rows of the list cannot be imported: the record is written to be looked at, but the
    # run does not end as a success (exit 1, "CHƯA XONG", never "hợp lệ").
    assert result.returncode == 1, result.stderr
    assert "CHƯA XONG" in result.stderr and "hợp lệ" not in result.stdout + result.stderr
    files = _written(project, year)
    assert len(files) == 1, result.stdout
    assert _file_errors(project, files[0]) == []
    record = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    recipients = record["recipients"]
    assert {"unit": k["unit_id"]} in recipients
    assert {"person": k["person_id"]} in recipients  # "Chủ tịch" agrees with the record's position
    assert {"name": "Nguyễn Văn Mới", "position": "Giáo viên", "unit": k["work_id"]} in recipients
    assert {"name": "Trần Thị Khác", "position": "Kế toán", "unit_name": "Công ty Chưa Có"} in recipients
    assert "Dòng hỏng" not in files[0].read_text(encoding="utf-8")
    # a collective without a record is named as a collective, not counted away in a note
    assert {"name": "Tổ dân phố Chưa Có Bản Ghi", "kind": "tap_the"} in recipients
    assert "count" not in record and "note" not in record
    # what happened is told, with row numbers as Excel shows them
    assert "tiêu đề bảng ở dòng 5" in result.stdout
    assert f"dòng 7: {unicodedata.normalize('NFC', _nfd(k['unit']).upper())} → tập thể {k['unit_id']}" in result.stdout
    assert f"→ cá nhân {k['person_id']}" in result.stdout
    assert "dòng 11: Nguyễn Văn Mới" in result.stdout
    review = review_lines(result.stdout)
    assert any(line.startswith("(!) dòng 13:") and "STT" in line for line in review), review
    assert any(line.startswith("(!) dòng 14:") and "thiếu tên" in line for line in review), review
    assert any(line.startswith("dòng 8:") and "chưa có bản ghi" in line for line in review), review
    assert "Traceback" not in result.stderr
    return record


def test_xlsx_with_offset_header_nfd_and_unaccented_names(project_copy, known, tmp_path):
    sheet = _write_xlsx(tmp_path / "danh-sach.xlsx", _list_rows(known))
    result = _run(
        project_copy,
        sheet,
        "--award",
        known["award"],
        "--year",
        2022,
        "--decision",
        "1034/QĐ-UBND",
        "--date",
        "20/12/2022",
        "--issuer",
        "Chủ tịch UBND huyện",
    )
    record = _check_result(project_copy, result, known, 2022)
    # the date is written as the records write dates (2022-12-20, unquoted: YAML reads it as a date)
    assert record["decision"] == {"number": "1034/QĐ-UBND", "date": dt.date(2022, 12, 20)}
    assert record["issuer"] == "Chủ tịch UBND huyện" and record["year"] == 2022
    path = _written(project_copy, 2022)[0]
    assert path.name == f"{known['award']}-1034-qd-ubnd.yml"
    schema = project_copy / "schemas" / "awards.schema.json"
    check = subprocess.run(
        [str(Path(sys.executable).parent / "check-jsonschema"), "--schemafile", str(schema), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout


def test_csv_with_bom_semicolons_and_short_headers(project_copy, known, tmp_path):
    rows = _list_rows(known)
    rows[4] = ["TT", "Họ tên", "Chức vụ", "Đơn vị"]
    table = _write_csv(tmp_path / "danh-sach.csv", rows, bom=True, sep=";")
    result = _run(project_copy, table, "--award", known["award"], "--year", 2023, "--decision", "7/QĐ-UBND")
    _check_result(project_copy, result, known, 2023)


def test_csv_without_bom_and_a_unit_list(project_copy, known, tmp_path):
    rows = [
        ["Danh sách tập thể"],
        ["STT", "Tên tập thể", "Ghi chú"],
        [1, _unaccented(known["unit"]).lower(), ""],
        [2, _nfd(known["work"]), "có thành tích"],
    ]
    table = _write_csv(tmp_path / "tap-the.csv", rows, bom=False)
    result = _run(project_copy, table, "--award", known["award"], "--year", 2024, "--status", "de_nghi")
    assert result.returncode == 0, result.stderr
    path = _written(project_copy, 2024)[0]
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert record["recipients"] == [{"unit": known["unit_id"]}, {"unit": known["work_id"]}]
    assert record["status"] == "de_nghi" and "count" not in record
    assert _file_errors(project_copy, path) == []


def test_alias_matches(project_copy, known, tmp_path):
    units = _records(project_copy, "units")
    with_alias = [(uid, u["aliases"][0]) for uid, u in units.items() if u.get("aliases")]
    if not with_alias:
        pytest.skip("no unit with an alias")
    unit_id, alias = with_alias[0]
    table = _write_csv(tmp_path / "a.csv", [["STT", "Tên đơn vị"], [1, alias.upper()]])
    result = _run(
        project_copy,
        table,
        "--award",
        known["award"],
        "--year",
        2025,
        "--out",
        project_copy / "data" / "awards" / "2025" / "thu-alias.yml",
    )
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load((project_copy / "data" / "awards" / "2025" / "thu-alias.yml").read_text(encoding="utf-8"))
    assert record["recipients"] == [{"unit": unit_id}]


def test_nothing_importable_is_refused_with_row_numbers(project_copy, known, tmp_path):
    table = _write_csv(
        tmp_path / "hong.csv",
        [["", "", ""], ["STT", "Họ và tên", "Chức vụ"], ["a1", "Nguyễn Văn A", ""], [2, "", "Giáo viên"]],
    )
    result = _run(project_copy, table, "--award", known["award"], "--year", 2022)
    assert result.returncode == 1
    review = review_lines(result.stdout)
    assert any(line.startswith("(!) dòng 3:") for line in review) and any(
        line.startswith("(!) dòng 4:") for line in review
    ), review
    assert "không có dòng nào nhập được" in result.stderr
    assert _written(project_copy, 2022) == []


@pytest.mark.parametrize(
    "content,message",
    [
        ([["Số", "Nội dung"], ["1", "Nguyễn Văn A"]], "không tìm thấy dòng tiêu đề"),  # no name column
        ([["Họ và tên"], ["Nguyễn Văn A"]], "không tìm thấy dòng tiêu đề"),  # a name column alone is no header
    ],
)
def test_a_list_without_header_is_refused(project_copy, known, tmp_path, content, message):
    table = _write_csv(tmp_path / "x.csv", content)
    result = _run(project_copy, table, "--award", known["award"], "--year", 2022)
    assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_unreadable_csv_unknown_award_are_refused_and_a_second_import_updates(project_copy, known, tmp_path):
    broken = tmp_path / "cu.csv"
    broken.write_bytes(b"STT,H\x81 t\xean\n1,Nguy\x81n V\x81n A\n")  # no code page reads 0x81
    result = _run(project_copy, broken, "--award", known["award"], "--year", 2022)
    assert result.returncode == 1 and "UTF-8" in result.stderr and "Traceback" not in result.stderr

    good = _write_csv(tmp_path / "ok.csv", [["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn A", "Giáo viên"]])
    result = _run(project_copy, good, "--award", "khong-co-danh-hieu-nay", "--year", 2022)
    assert result.returncode == 1 and "khong-co-danh-hieu-nay" in result.stderr

    first = _run(project_copy, good, "--award", known["award"], "--year", 2022, "--decision", "5/QĐ")
    assert first.returncode == 0, first.stdout + first.stderr
    again = _run(project_copy, good, "--award", known["award"], "--year", 2022, "--decision", "5/QĐ")
    assert again.returncode == 0 and "Đã cập nhật" in again.stdout
    assert len(_written(project_copy, 2022)) == 1


def test_an_award_that_does_not_fit_the_list_writes_nothing(project_copy, known, tmp_path):
    entries = yaml.safe_load((project_copy / "data" / s.VOCAB_PATH).read_text(encoding="utf-8"))
    units_only = next((e["id"] for e in entries if e["recipients"] == ["tap_the"]), None)
    if units_only is None:
        pytest.skip("no award only for collectives")
    table = _write_csv(tmp_path / "ca-nhan.csv", [["STT", "Họ và tên"], [1, "Nguyễn Văn A"]])
    result = _run(project_copy, table, "--award", units_only, "--year", 2022)
    assert result.returncode == 1 and "chưa hợp lệ" in result.stderr
    assert _written(project_copy, 2022) == []


def test_mixed_list_with_one_position_and_unit_column(project_copy, known, tmp_path):
    rows = [
        ["STT", "Tên tập thể, cá nhân", "Chức vụ, đơn vị công tác"],
        [1, known["unit"], None],
        [2, "Nguyễn Thị Mai", f"Giáo viên, {known['work'].upper()}"],
        [3, "Đoàn Văn Bình", "Nhân viên"],
    ]  # a family name that is also a word for a unit ("đoàn")
    sheet = _write_xlsx(tmp_path / "hon-hop.xlsx", rows)
    result = _run(project_copy, sheet, "--award", known["award"], "--year", 2022, "--decision", "9/QĐ")
    assert result.returncode == 0, result.stderr
    record = yaml.safe_load(_written(project_copy, 2022)[0].read_text(encoding="utf-8"))
    assert record["recipients"] == [
        {"unit": known["unit_id"]},
        {"name": "Nguyễn Thị Mai", "position": "Giáo viên", "unit": known["work_id"]},
        {"name": "Đoàn Văn Bình", "position": "Nhân viên"},
    ]


def test_a_damaged_spreadsheet_is_refused_without_traceback(project_copy, known, tmp_path):
    fake = tmp_path / "hong.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a spreadsheet")
    result = _run(project_copy, fake, "--award", known["award"], "--year", 2022)
    assert result.returncode == 1 and "không mở được" in result.stderr and "Traceback" not in result.stderr
    old = tmp_path / "cu.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    result = _run(project_copy, old, "--award", known["award"], "--year", 2022)
    assert result.returncode == 1 and ".xlsx" in result.stderr
