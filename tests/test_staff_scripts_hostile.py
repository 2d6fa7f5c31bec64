"""Hostile input to the staff scripts (issue 11, point 7): every refusal in Vietnamese, no
traceback, never "Lỗi không mong đợi"; time and memory bounded by what a sheet really holds;
clashes checked before anything is written.

No test here measures time: a hang would hit the subprocess timeout (a guard, not a benchmark).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from honour_sheets import (
    Sheet,
    add_merges,
    awards_in,
    file_errors,
    record,
    review_lines,
    run_import,
    write_book,
    write_csv,
    write_xlsx,
)
from openpyxl import Workbook

LIST = [["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn Một", "Giáo viên"], [2, "Trần Thị Hai", "Kế toán"]]
ENGLISH = (
    "usage:",
    "error:",
    "the following",
    "invalid",
    "expected",
    "unrecognized",
    "show this help",
    "positional arguments",
    "options:",
)


def _script(project: Path, name: str, *args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(project / "scripts" / name), *args], cwd=cwd or project, capture_output=True, timeout=300
    )


def _text(result) -> tuple[str, str]:
    return result.stdout.decode("utf-8"), result.stderr.decode("utf-8")


def _clean(out: str, err: str) -> None:
    for text in (out, err):
        assert "Traceback" not in text and "Lỗi không mong đợi" not in text, text


@pytest.fixture()
def sheet(tmp_path) -> Path:
    return write_xlsx(tmp_path / "ds.xlsx", LIST)


# ---------------------------------------------------------------------------------------------
# Command lines
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("script", ["new.py", "import_awards.py", "validate.py"])
def test_help_is_vietnamese(project_copy, script):
    out, err = _text(_script(project_copy, script, "--help"))
    assert out.startswith("Cách dùng: ") and "tùy chọn:" in out and "in hướng dẫn này rồi thoát" in out
    assert not any(word in out for word in ENGLISH)
    _clean(out, err)


def test_import_help_documents_the_outcome(project_copy):
    out, _ = _text(_script(project_copy, "import_awards.py", "--help"))
    for words in ("Cần xem lại", "(!)", "CHƯA XONG", "Mã thoát", "CẬP NHẬT", "--sheet"):
        assert words in out, words


WRONG = [
    ("import_awards.py", [], "thiếu tham số bắt buộc"),
    ("import_awards.py", ["ds.xlsx", "--award", "giay-khen-huyen"], "thiếu tham số bắt buộc: --year"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "２０２２"], "năm phải là 4 chữ số"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "0x7E6"], "năm phải là 4 chữ số"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "3022"], "nằm ngoài 1900–2100"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--status", "xong"], "không phải một lựa chọn"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--date", "15.3.2022"], "DD/MM/YYYY"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--date", "31/02/2022"], "không có thật"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--decision", "1" * 300], "quá giới hạn 60"),
    ("import_awards.py", ["ds.xlsx", "--award", "x" * 300, "--year", "2022"], "quá giới hạn 200"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--issuer", "UBND\x1b[31m"], "ký tự điều khiển"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--issuer", "A\u202eB"], "ký tự ẩn"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--bogus"], "không hiểu tham số: --bogus"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--dec", "5"], "không hiểu tham số"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--out"], "cần một giá trị"),
    ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--sheet", "a" * 101], "quá giới hạn 100"),
    ("new.py", ["unit"], "thiếu tham số bắt buộc: TÊN"),
    ("new.py", ["unit", "--"], "thiếu tham số bắt buộc: TÊN"),
    ("new.py", ["unit", "Trường " + "A" * 300], "quá giới hạn 200"),
    ("new.py", ["award", "Giấy khen", "--year", "20x2"], "năm phải là 4 chữ số"),
    ("new.py", ["unit", "x" * 5000], "quá giới hạn 4096"),
    ("validate.py", ["--bogus"], "không hiểu tham số: --bogus"),
]


@pytest.mark.parametrize("script,args,message", WRONG, ids=[f"{w[0]}-{i}" for i, w in enumerate(WRONG)])
def test_wrong_command_lines_are_refused_in_vietnamese(project_copy, sheet, script, args, message):
    args = [str(sheet) if a == "ds.xlsx" else a for a in args]
    result = _script(project_copy, script, *args)
    out, err = _text(result)
    assert result.returncode == 2, out + err
    assert err.startswith("Cách dùng: ") and "lỗi: " in err and message in err, err
    assert not any(word in err for word in ENGLISH), err
    _clean(out, err)
    assert awards_in(project_copy, 2022) == []


@pytest.mark.parametrize(
    "script,args",
    [
        ("new.py", ["unit", b"Tr\xff\xfeng"]),
        ("import_awards.py", [b"danh-s\xe1ch.xlsx", "--award", "x", "--year", "2022"]),
        ("import_awards.py", ["ds.xlsx", "--award", "x", "--year", "2022", "--issuer", b"Ch\xe9 t\xe9ch"]),
        ("validate.py", ["--data", b"d\xe2ta"]),
    ],
)
def test_arguments_that_are_not_utf8(project_copy, sheet, script, args):
    args = [str(sheet) if a == "ds.xlsx" else a for a in args]
    result = subprocess.run(
        [sys.executable.encode(), str(project_copy / "scripts" / script).encode(), *args],
        cwd=project_copy,
        capture_output=True,
        timeout=120,
    )
    out, err = _text(result)  # the output itself is valid UTF-8
    assert result.returncode == 2, out + err
    assert "không phải chữ UTF-8" in err and "Cách dùng: " in err
    _clean(out, err)


def test_dashes_as_a_name(project_copy, sheet):
    result = _script(project_copy, "new.py", "unit", "--", "--")
    out, err = _text(result)
    assert result.returncode == 1 and "Không tạo tệp: tên '--' không có chữ hay số nào" in err
    _clean(out, err)
    result = _script(project_copy, "new.py", "--", "unit", "Xã Dấu Gạch")  # "--" before ordinary values
    assert result.returncode == 0 and (project_copy / "data" / "units" / "xa-dau-gach.yml").exists()
    result = _script(project_copy, "import_awards.py", "--award", "giay-khen-huyen", "--year", "2022", "--", "--")
    out, err = _text(result)
    assert result.returncode == 1 and "Không nhập: không tìm thấy tệp --" in err
    _clean(out, err)


# ---------------------------------------------------------------------------------------------
# Sheets that declare more than they hold, or hold too much
# ---------------------------------------------------------------------------------------------


def test_one_cell_at_xfd1048576(project_copy, tmp_path):
    """A 5 KB file whose used range is the whole sheet: read as the three rows it holds."""
    book = Workbook()
    for row in LIST:
        book.active.append(row)
    book.active["XFD1048576"] = "x"
    path = tmp_path / "xa.xlsx"
    book.save(path)
    assert path.stat().st_size < 10_000
    result = run_import(
        project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", "data/awards/2022/xa.yml"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert any("ngoài vùng đọc" in line and "XFD1048576" in line for line in review_lines(result.stdout))
    assert len(record(project_copy / "data/awards/2022/xa.yml")["recipients"]) == 2


def test_a_merge_down_to_the_last_row(project_copy, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
        [1, "Nguyễn Văn Một", "Giáo viên", "Trường THCS Lê Thanh Nghị"],
        [2, "Trần Thị Hai", "Kế toán", None],
    ]
    path = add_merges(write_xlsx(tmp_path / "m.xlsx", rows), ["D2:D1048576", "F1:XFD1048576"])
    result = run_import(
        project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", "data/awards/2022/gop.yml"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert [r["unit"] for r in record(project_copy / "data/awards/2022/gop.yml")["recipients"]] == [
        "truong-thcs-le-thanh-nghi"
    ] * 2


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_fifty_thousand_rows_are_refused_early(project_copy, tmp_path, kind):
    rows = [["STT", "Họ và tên"]] + [[i, f"Người {i}"] for i in range(1, 50_001)]
    if kind == "csv":
        path = write_csv(tmp_path / "lon.csv", rows)
    else:
        book = Workbook(write_only=True)
        ws = book.create_sheet("Danh sách")
        for row in rows:
            ws.append(row)
        path = tmp_path / "lon.xlsx"
        book.save(path)
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022)
    assert result.returncode == 1
    assert "hơn 20.000 dòng có dữ liệu" in result.stderr
    assert len((result.stdout + result.stderr).splitlines()) < 10  # refused before any listing
    _clean(result.stdout, result.stderr)
    assert awards_in(project_copy, 2022) == []


def test_a_three_megabyte_cell(project_copy, tmp_path):
    rows = LIST + [[3, "Lê Văn Ba", "x" * 3_000_000]]
    result = run_import(project_copy, write_csv(tmp_path / "o.csv", rows), "--award", "giay-khen-huyen", "--year", 2022)
    assert result.returncode == 1 and "dòng 4" in result.stderr and "dài quá 10.000 ký tự" in result.stderr
    _clean(result.stdout, result.stderr)
    path = write_xlsx(tmp_path / "o.xlsx", LIST + [[3, "Lê Văn Ba", "x" * 30_000]])
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022)
    assert result.returncode == 1 and "ô C4 dài 30.000 ký tự" in result.stderr
    _clean(result.stdout, result.stderr)
    assert awards_in(project_copy, 2022) == []


@pytest.mark.parametrize(
    "content,message",
    [
        (b"PK\x03\x04 not a zip at all", "không mở được"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "tệp Excel cũ (.xls)"),
        (b"", "không tìm thấy dòng tiêu đề"),
        (b"STT,H\xe4 t\xean\x00\x00\n", "NUL"),
        (b'STT,H\xe1\xbb\x8d v\xc3\xa0 t\xc3\xaan\n1,"Nguy\xe1\xbb\x85n\n2,Tr\xe1\xba\xa7n\n', "không đóng"),
    ],
)
def test_broken_files_are_refused(project_copy, tmp_path, content, message):
    suffix = ".xlsx" if content.startswith((b"PK", b"\xd0")) else ".csv"
    path = tmp_path / f"hong{suffix}"
    path.write_bytes(content)
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022)
    assert result.returncode == 1 and message in result.stderr, result.stdout + result.stderr
    _clean(result.stdout, result.stderr)


def test_not_a_file(project_copy, tmp_path):
    result = run_import(project_copy, tmp_path, "--award", "giay-khen-huyen", "--year", 2022)
    assert result.returncode == 1 and "không phải một tệp" in result.stderr
    fifo = tmp_path / "ong.csv"
    os.mkfifo(fifo)
    result = run_import(project_copy, fifo, "--award", "giay-khen-huyen", "--year", 2022)
    assert result.returncode == 1 and "không phải một tệp" in result.stderr
    result = run_import(project_copy, tmp_path / "khong-co.xlsx", "--award", "giay-khen-huyen", "--year", 2022)
    assert result.returncode == 1 and "không tìm thấy tệp" in result.stderr
    _clean(result.stdout, result.stderr)


def test_invisible_characters_and_uncomputed_formulas(project_copy, tmp_path):
    rows = LIST + [[3, "Lê\u200b Văn\u202e Ba", "Giáo viên"], [4, "=CONCATENATE(\"Trần\",\" Bốn\")", "Kế toán"]]
    path = write_xlsx(tmp_path / "f.xlsx", rows)  # openpyxl stores formulas without a computed value
    result = run_import(
        project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", "data/awards/2022/an.yml"
    )
    assert result.returncode == 1 and "CHƯA XONG" in result.stderr
    rec = record(project_copy / "data/awards/2022/an.yml")
    assert {"name": "Lê Văn Ba", "position": "Giáo viên"} in rec["recipients"]
    lines = review_lines(result.stdout)
    assert any(line.startswith("dòng 4:") and "ký tự ẩn" in line for line in lines), lines
    assert any(line.startswith("(!) dòng 5:") and "công thức chưa có giá trị" in line for line in lines), lines
    assert file_errors(project_copy, project_copy / "data/awards/2022/an.yml") == []


def test_a_file_name_that_would_break_the_yaml(project_copy, tmp_path):
    path = write_csv(tmp_path / "ds\nyear: 1999 #.csv", LIST)
    result = run_import(
        project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", "data/awards/2022/ten-la.yml"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    written = project_copy / "data/awards/2022/ten-la.yml"
    assert record(written)["year"] == 2022 and file_errors(project_copy, written) == []


# ---------------------------------------------------------------------------------------------
# Where the record goes: checked before writing
# ---------------------------------------------------------------------------------------------


def test_a_relative_out_is_inside_the_project(project_copy, sheet, tmp_path):
    elsewhere = tmp_path / "tai-ve"
    elsewhere.mkdir()
    result = run_import(
        project_copy,
        sheet,
        "--award",
        "giay-khen-huyen",
        "--year",
        2022,
        "--out",
        "data/awards/2022/tuong-doi.yml",
        cwd=elsewhere,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (project_copy / "data/awards/2022/tuong-doi.yml").is_file()
    assert "Đã ghi data/awards/2022/tuong-doi.yml" in result.stdout
    assert not (elsewhere / "data").exists()


def test_out_onto_an_id_of_another_year_is_refused_before_writing(project_copy, sheet):
    taken = sorted((project_copy / "data/awards/2021").glob("*.yml"))[0].stem
    result = run_import(
        project_copy, sheet, "--award", "giay-khen-huyen", "--year", 2022, "--out", f"data/awards/2022/{taken}.yml"
    )
    assert result.returncode == 1
    assert f"mã '{taken}' đã dùng cho data/awards/2021/{taken}.yml (năm 2021)" in result.stderr
    assert "hợp lệ" not in result.stdout + result.stderr and awards_in(project_copy, 2022) == []
    _clean(result.stdout, result.stderr)


@pytest.mark.parametrize(
    "out,message",
    [
        ("data/awards/2021/moi.yml", "phải nằm ở data/awards/2022/"),
        ("data/units/moi.yml", "phải nằm ở data/awards/2022/"),
        ("data/awards/2022/Bằng khen.yml", "chữ thường không dấu"),
        ("data/awards/2022/moi.txt", "phải là một tệp .yml"),
        ("data/awards/2022/" + "a" * 120 + ".yml", "tối đa 100 ký tự"),
        ("/proc/khong-ghi-duoc.yml", "không ghi được /proc/khong-ghi-duoc.yml"),
    ],
)
def test_out_where_no_award_can_be(project_copy, sheet, out, message):
    result = run_import(project_copy, sheet, "--award", "giay-khen-huyen", "--year", 2022, "--out", out)
    assert result.returncode == 1 and message in result.stderr, result.stderr
    _clean(result.stdout, result.stderr)
    assert awards_in(project_copy, 2022) == []


def test_out_onto_another_record_is_refused(project_copy, sheet):
    existing = sorted((project_copy / "data/awards/2021").glob("*.yml"))[0]
    before = existing.read_bytes()
    award = record(existing)["award"]
    other = "giay-khen-huyen" if award != "giay-khen-huyen" else "bang-khen-tinh"
    result = run_import(project_copy, sheet, "--award", other, "--year", 2021, "--out", existing)
    assert result.returncode == 1 and "là khen thưởng khác" in result.stderr
    assert existing.read_bytes() == before
    _clean(result.stdout, result.stderr)


def test_an_invalid_record_is_never_written(project_copy, sheet):
    """A person list for an award only collectives receive: the record would not validate."""
    result = run_import(project_copy, sheet, "--award", "co-thi-dua-tinh", "--year", 2022)
    assert result.returncode == 1 and "chưa hợp lệ nên KHÔNG GHI" in result.stderr
    assert awards_in(project_copy, 2022) == []
    _clean(result.stdout, result.stderr)


def test_the_chart_sheet_workbook_with_only_charts(project_copy, tmp_path):
    path = write_book(
        tmp_path / "chi-bieu-do.xlsx", [Sheet("Số liệu", [["Năm", "Số"], [2021, 3], [2022, 4]])], chart_sheet="Biểu đồ"
    )
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022)
    assert (
        result.returncode == 1 and "không tìm thấy dòng tiêu đề danh sách ở trang tính nào ('Số liệu')" in result.stderr
    )
    _clean(result.stdout, result.stderr)
