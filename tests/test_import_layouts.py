"""scripts/import_awards.py on the layouts honour lists really have: each layout gives the record
it must give AND the "Cần xem lại" lines it must give (issue 10, point 3).

Every sheet is built here with openpyxl (merged cells included) and imported as staff do, into
a throwaway copy of the project whose data is the frozen seed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from honour_sheets import (
    COLLECTIVE_REASON,
    PERSON_REASON,
    Sheet,
    awards_in,
    decision_456,
    file_errors,
    record,
    review_lines,
    review_of,
    run_import,
    write_book,
    write_csv,
    write_xlsx,
)

OUT = "data/awards/2022/thu-nhap.yml"


def _ok(result) -> None:
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Xong: bản ghi hợp lệ" in result.stdout
    _no_crash(result)


def _unfinished(result) -> None:
    """Something may be missing: non-zero, a different closing line, never 'hợp lệ'."""
    assert result.returncode == 1, result.stdout + result.stderr
    assert "CHƯA XONG" in result.stderr
    assert "hợp lệ" not in result.stdout + result.stderr
    _no_crash(result)


def _no_crash(result) -> None:
    for text in (result.stdout, result.stderr):
        assert "Traceback" not in text and "Lỗi không mong đợi" not in text


def _only(project: Path, year: int = 2022) -> dict:
    files = awards_in(project, year)
    assert len(files) == 1, files
    assert file_errors(project, files[0]) == []
    return record(files[0])


# ---------------------------------------------------------------------------------------------
# The province's decision as the issue describes it
# ---------------------------------------------------------------------------------------------


@pytest.fixture()
def decision(tmp_path):
    sheet, facts = decision_456()
    return write_book(tmp_path / "QĐ 456 danh sách.xlsx", [sheet]), facts


def test_the_decision_list_is_read_right(project_copy, decision):
    path, facts = decision
    result = run_import(project_copy, path, "--award", "bang-khen-tinh", "--year", 2022)
    _ok(result)
    files = awards_in(project_copy, 2022)
    assert [f.name for f in files] == ["bang-khen-tinh-456-qd-ubnd.yml"]
    rec = _only(project_copy)
    # the decision, its date and issuer come from the title "(Kèm theo Quyết định số …)"
    assert rec["decision"] == {"number": "456/QĐ-UBND", "date": dt.date(2022, 2, 10)}
    assert rec["issuer"] == "Chủ tịch UBND tỉnh Hải Dương"
    assert "reason" not in rec  # collectives and people have different "Thành tích"
    expected = list(facts["expected"].values())
    reasons = [COLLECTIVE_REASON] * 6 + [PERSON_REASON] * 25
    assert rec["recipients"] == [{**want, "reason": why} for want, why in zip(expected, reasons)]
    # key order and style of the records
    text = files[0].read_text(encoding="utf-8")
    assert list(rec) == ["year", "award", "issuer", "decision", "recipients"]
    assert "\n  - unit: truong-thcs-le-thanh-nghi\n" in text and "date: 2022-02-10\n" in text
    assert "1980" not in text  # "Ngày sinh" is never imported
    # what was read is told
    out = result.stdout
    assert "tiêu đề bảng ở dòng 8–9; dòng đánh số cột: dòng 10; 31 dòng danh sách" in out
    assert "F 'Ngày sinh'" in out
    assert (
        f"dòng {facts['closing']} 'Ấn định danh sách có 06 tập thể và 25 cá nhân./.': đọc được 6 tập thể và "
        "25 cá nhân, khớp" in out
    )


def test_the_decision_list_review_lines(project_copy, decision):
    path, facts = decision
    result = run_import(project_copy, path, "--award", "bang-khen-tinh", "--year", 2022)
    _ok(result)
    teacher, chairman = facts["teacher_row"], facts["chairman_row"]
    # the teacher who shares the chairman's name is not the chairman
    line = review_of(result, teacher)
    assert "bỏ danh xưng 'Ông'" in line and "trùng tên với bản ghi cá nhân le-van-tuan" in line
    assert "person: le-van-tuan" in line and not line.startswith("(!)")
    # the chairman (his unit agrees) is the record: nothing to review but the honorific
    assert review_of(result, chairman) == f"dòng {chairman}: bỏ danh xưng 'Ông' trước tên 'Lê Văn Tuấn'"
    # the unit cell merged down, told once at its top row
    assert (
        f"ô gộp D{teacher}:D{teacher + 2} ('Đơn vị'): 'Trường THCS Lê Thanh Nghị' được dùng cho từng dòng "
        f"{teacher}–{teacher + 2}" in review_of(result, teacher)
    )
    # a known unit inside the position, without and with a comma
    assert "tách ra thành unit: truong-mam-non-gia-tan, chức vụ 'Giáo viên'" in review_of(result, teacher + 5)
    assert "tách ra thành unit: truong-thcs-le-thanh-nghi, chức vụ 'Hiệu trưởng'" in review_of(result, teacher + 6)
    # the guesses from the title
    assert "số quyết định lấy từ tiêu đề bảng: 456/QĐ-UBND" in review_of(result, 6)
    # a collective without a record
    assert "tập thể 'UBND xã Gia Tân' chưa có bản ghi" in review_of(result, 13)
    assert not any(line.startswith("(!)") for line in review_lines(result.stdout))


def test_a_row_lost_from_the_list_is_caught_by_the_closing_line(project_copy, tmp_path):
    sheet, facts = decision_456()
    victim = facts["person_rows"][3]
    sheet.rows[victim - 1][0] = "4a"  # a typing slip in STT: the row cannot be read
    path = write_book(tmp_path / "ds.xlsx", [sheet])
    result = run_import(project_copy, path, "--award", "bang-khen-tinh", "--year", 2022)
    _unfinished(result)
    assert review_of(result, victim).startswith(f"(!) dòng {victim}: cột STT phải là một số (đang là '4a')")
    closing = review_of(result, facts["closing"])
    assert closing.startswith("(!)") and "ghi 6 tập thể và 25 cá nhân nhưng đọc được 6 tập thể và 24 cá nhân" in closing
    assert "ghi 25 cá nhân nhưng đọc được 24 cá nhân" in review_of(result, 18)
    # the record is written to be looked at, and it is valid
    assert len(_only(project_copy)["recipients"]) == 30


def test_a_closing_line_with_people_only(project_copy, tmp_path):
    rows = [
        ["DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN"],
        [],
        ["TT", "Họ và tên", "Chức vụ", "Đơn vị công tác"],
        [1, "Bà Nguyễn Thị Hoa", "Giáo viên", "Trường THCS Lê Thanh Nghị"],
        [2, "Ông Trần Văn Bình", "Hiệu trưởng", "Trường Tiểu học Gia Khánh"],
        ["Ấn định danh sách có 02 cá nhân./."],
    ]
    result = run_import(
        project_copy, write_xlsx(tmp_path / "a.xlsx", rows), "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT
    )
    _ok(result)
    assert _only(project_copy)["recipients"] == [
        {"name": "Nguyễn Thị Hoa", "position": "Giáo viên", "unit": "truong-thcs-le-thanh-nghi"},
        {"name": "Trần Văn Bình", "position": "Hiệu trưởng", "unit": "truong-tieu-hoc-gia-khanh"},
    ]
    assert "đọc được 2 cá nhân, khớp" in result.stdout
    bad = write_xlsx(tmp_path / "b.xlsx", rows[:-1] + [["Ấn định danh sách có 03 cá nhân./."]])
    result = run_import(project_copy, bad, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _unfinished(result)
    assert review_of(result, 6).startswith(
        "(!) dòng 6: dòng 'Ấn định danh sách có 03 cá nhân./.' ghi 3 cá nhân nhưng đọc được 2 cá nhân"
    )


# ---------------------------------------------------------------------------------------------
# Section rows: anywhere, one cell or merged, with or without counts
# ---------------------------------------------------------------------------------------------

SECTIONED = [
    ["STT", "Tên tập thể, cá nhân", "Chức vụ", "Đơn vị"],  # row 1
    [None, "TẬP THỂ", None, None],  # row 2: one cell, in the name column, no count
    [1, "Xã Đoàn Thượng", None, None],
    [2, "Tổ Toán", None, "Trường THCS Lê Thanh Nghị"],  # row 4: a collective inside a unit
    ["B", "CÁ NHÂN (02)", None, None],  # row 5: a letter in STT, a bare count
    [3, "Đoàn Văn Bình", "Giáo viên", "Trường THCS Lê Thanh Nghị"],
    [4, "Vũ Thị Mai", "Kế toán", None],
    [None, None, "Tổng cộng: 02 tập thể", None],  # row 8: a total in another column, of one kind only
]


def test_sections_in_any_column_with_or_without_counts(project_copy, tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", SECTIONED, merges=["B2:D2"])
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _ok(result)
    rec = _only(project_copy)
    assert rec["recipients"] == [
        {"unit": "xa-doan-thuong"},
        {"name": "Tổ Toán", "unit": "truong-thcs-le-thanh-nghi", "kind": "tap_the"},
        {"name": "Đoàn Văn Bình", "position": "Giáo viên", "unit": "truong-thcs-le-thanh-nghi"},
        {"name": "Vũ Thị Mai", "position": "Kế toán"},
    ]
    assert "Mục ở dòng 2: 'TẬP THỂ' → tập thể" in result.stdout
    assert "Mục ở dòng 5: 'B. CÁ NHÂN (02)' → cá nhân" in result.stdout
    assert "dòng 5 'B. CÁ NHÂN (02)': đọc được 2 cá nhân, khớp" in result.stdout
    assert "dòng 8 'Tổng cộng: 02 tập thể': đọc được 2 tập thể, khớp" in result.stdout
    assert review_of(result, 4).startswith("dòng 4: tập thể 'Tổ Toán' chưa có bản ghi")
    # a wrong count in a heading stops the run
    rows = [list(r) for r in SECTIONED]
    rows[4][1] = "CÁ NHÂN (03)"
    result = run_import(
        project_copy,
        write_xlsx(tmp_path / "s2.xlsx", rows, merges=["B2:D2"]),
        "--award",
        "giay-khen-huyen",
        "--year",
        2022,
        "--out",
        OUT,
    )
    _unfinished(result)
    assert review_of(result, 5) == "(!) dòng 5: mục 'B. CÁ NHÂN (03)' ghi 3 cá nhân nhưng đọc được 2 cá nhân"


def test_sections_merged_across_in_a_list_without_stt(project_copy, tmp_path):
    rows = [
        ["Họ và tên", "Chức vụ, đơn vị công tác", "Lý do"],
        ["I. TẬP THỂ (01 tập thể)", None, None],
        ["Trường Tiểu học Gia Khánh", None, "Hoàn thành xuất sắc nhiệm vụ"],
        ["II. CÁ NHÂN (01 cá nhân)", None, None],
        ["Ông bà Nguyễn Văn Quý", "Giáo viên Trường THCS Lê Thanh Nghị", "Hoàn thành xuất sắc nhiệm vụ"],
        ["Danh sách có 01 tập thể và 01 cá nhân"],
        ["Người lập biểu"],
        ["Nguyễn Thị Lập"],
    ]
    path = write_xlsx(tmp_path / "n.xlsx", rows, merges=["A2:C2", "A4:C4"])
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _ok(result)
    rec = _only(project_copy)
    assert rec["reason"] == "Hoàn thành xuất sắc nhiệm vụ"  # one shared "Lý do" → the award's reason
    assert rec["recipients"] == [
        {"unit": "truong-tieu-hoc-gia-khanh"},
        {"name": "Nguyễn Văn Quý", "position": "Giáo viên", "unit": "truong-thcs-le-thanh-nghi"},
    ]
    assert "bỏ danh xưng 'Ông bà'" in review_of(result, 5)
    assert "Phần cuối văn bản (chữ ký, nơi nhận…), không nhập: dòng 7–8" in result.stdout


def test_a_unit_heading_without_stt_groups_the_people_under_it(project_copy, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Chức vụ"],
        [None, "Trường THCS Lê Thanh Nghị", None],  # row 2: a heading naming the unit
        [1, "Nguyễn Thị Hoa", "Hiệu trưởng"],
        [2, "Lê Văn Tuấn", "Giáo viên"],
        ["Ấn định danh sách có 02 cá nhân"],
    ]
    path = write_xlsx(tmp_path / "g.xlsx", rows, merges=["B2:C2"])
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _ok(result)
    assert _only(project_copy)["recipients"] == [
        {"name": "Nguyễn Thị Hoa", "position": "Hiệu trưởng", "unit": "truong-thcs-le-thanh-nghi"},
        {"name": "Lê Văn Tuấn", "position": "Giáo viên", "unit": "truong-thcs-le-thanh-nghi"},
    ]
    assert "coi là tiêu đề nhóm" in review_of(result, 2) and "(số lượng ghi trong danh sách khớp)" in review_of(
        result, 2
    )
    assert "đơn vị lấy từ tiêu đề nhóm ở dòng 2" in review_of(result, 3)
    # without a closing line to confirm it, the same guess stops the run
    path = write_xlsx(tmp_path / "g2.xlsx", rows[:-1], merges=["B2:C2"])
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _unfinished(result)
    assert review_of(result, 2).startswith("(!) dòng 2:")


# ---------------------------------------------------------------------------------------------
# Headers
# ---------------------------------------------------------------------------------------------


def test_a_name_split_under_a_merged_header_and_a_plain_column_number_row(project_copy, tmp_path):
    rows = [
        ["STT", "Họ và tên", None, "Chức vụ", "Nơi công tác"],
        [None, "Họ đệm", "Tên", None, None],
        [1, 2, 3, 4, 5],
        [1, "Nguyễn Thị", "Hoa", "Hiệu trưởng", "TH Gia Khánh"],  # an alias as the unit
        [2, "Lê Văn", "Tuấn", "Chủ tịch UBND huyện", None],
    ]  # the chairman, by his position
    path = write_xlsx(tmp_path / "h.xlsx", rows, merges=["A1:A2", "B1:C1", "D1:D2", "E1:E2"])
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _ok(result)
    assert _only(project_copy)["recipients"] == [
        {"name": "Nguyễn Thị Hoa", "position": "Hiệu trưởng", "unit": "truong-tieu-hoc-gia-khanh"},
        {"person": "le-van-tuan"},
    ]
    assert "tiêu đề bảng ở dòng 1–2; dòng đánh số cột: dòng 3" in result.stdout


def test_one_position_and_unit_column_is_split(project_copy, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Thành tích"],
        [1, "Phạm Văn Khoa", "Giáo viên Trường THCS Lê Thanh Nghị", "Giáo viên dạy giỏi cấp tỉnh"],
        [2, "Đinh Thị Nga", "Hiệu trưởng, Trường TH Gia Khánh", "Trường đạt chuẩn quốc gia"],
        [3, "Bùi Văn Sơn", "Kế toán, Công ty TNHH Hòa Bình", None],
        [4, "Lý Thị Tâm", "Phó Chủ tịch UBND xã Gia Tân", None],
    ]
    result = run_import(
        project_copy, write_xlsx(tmp_path / "c.xlsx", rows), "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT
    )
    _ok(result)
    rec = _only(project_copy)
    assert "reason" not in rec
    assert rec["recipients"] == [
        {
            "name": "Phạm Văn Khoa",
            "position": "Giáo viên",
            "unit": "truong-thcs-le-thanh-nghi",
            "reason": "Giáo viên dạy giỏi cấp tỉnh",
        },
        {
            "name": "Đinh Thị Nga",
            "position": "Hiệu trưởng",
            "unit": "truong-tieu-hoc-gia-khanh",
            "reason": "Trường đạt chuẩn quốc gia",
        },
        {"name": "Bùi Văn Sơn", "position": "Kế toán", "unit_name": "Công ty TNHH Hòa Bình"},
        {"name": "Lý Thị Tâm", "position": "Phó Chủ tịch", "unit_name": "UBND xã Gia Tân"},  # not "Xã Gia Tân"
    ]
    assert "tách 'Giáo viên Trường THCS Lê Thanh Nghị' thành chức vụ 'Giáo viên'" in review_of(result, 2)
    assert "tách 'Kế toán, Công ty TNHH Hòa Bình' ở dấu phẩy" in review_of(result, 4)
    assert "đoán 'Phó Chủ tịch UBND xã Gia Tân' gồm chức vụ 'Phó Chủ tịch'" in review_of(result, 5)


def test_repeated_header_on_a_second_page_and_a_note_column(project_copy, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Ghi chú"],
        [1, "Nguyễn Văn Một", "Giáo viên", None],
        ["STT", "Họ và tên", "Chức vụ", "Ghi chú"],  # printed again on page 2
        [2, "Nguyễn Văn Hai", "Giáo viên", "Truy tặng"],
        [3, "Nguyễn Văn Một", "Giáo viên", None],
    ]  # listed twice
    result = run_import(
        project_copy, write_xlsx(tmp_path / "p.xlsx", rows), "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT
    )
    _unfinished(result)
    assert review_of(result, 3) == "dòng 3: dòng tiêu đề bảng lặp lại, bỏ qua"
    assert "'Ghi chú' ghi 'Truy tặng': không nhập" in review_of(result, 4)
    assert review_of(result, 5) == "(!) dòng 5: 'Nguyễn Văn Một' trùng với dòng 2, không nhập lần nữa"
    assert len(_only(project_copy)["recipients"]) == 2


def test_households_and_a_stray_line_inside_the_list(project_copy, tmp_path):
    rows = [
        ["STT", "Họ và tên chủ hộ", "Thôn"],
        ["I. HỘ GIA ĐÌNH", None, None],
        [1, "Ông bà Nguyễn Văn Quý", "Thôn Đông"],
        [None, None, "(xem tiếp trang sau)"],
        [2, "Hộ bà Trần Thị Lụa", "Thôn Tây"],
    ]
    result = run_import(
        project_copy, write_xlsx(tmp_path / "hh.xlsx", rows), "--award", "giay-khen-xa", "--year", 2022, "--out", OUT
    )
    _ok(result)
    assert _only(project_copy)["recipients"] == [
        {"name": "Nguyễn Văn Quý", "kind": "ho_gia_dinh"},
        {"name": "Hộ bà Trần Thị Lụa", "kind": "ho_gia_dinh"},
    ]
    assert review_of(result, 4) == "dòng 4: dòng chữ '(xem tiếp trang sau)' không phải người nhận, bỏ qua"
    assert "cột C 'Thôn' có dữ liệu nhưng không được nhập" in result.stdout


# ---------------------------------------------------------------------------------------------
# CSV as Excel writes it
# ---------------------------------------------------------------------------------------------


def _tones_apart(text: str) -> str:
    import unicodedata

    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.combining(ch) and ch not in tones and out:
            out[-1] = unicodedata.normalize("NFC", out[-1] + ch)
        else:
            out.append(ch)
    # a tone mark written after a vowel mark: "ế" is "ê" + acute
    text = "".join(out)
    for tone in tones:
        text = text.replace(tone, "\x00" + tone)
    parts = text.split("\x00")
    return "".join(parts)


CSV_ROWS = [
    ["DANH SÁCH KHEN THƯỞNG"],
    ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
    [1, "Nguyễn Thị Hoa", "Giáo viên, tổ trưởng", "Trường THCS Lê Thanh Nghị"],
    [2, "Lê Thị Ngọc Ánh", "Nhân viên", "Phòng Giáo dục và Đào tạo"],
]
CSV_WANT = [
    {"name": "Nguyễn Thị Hoa", "position": "Giáo viên, tổ trưởng", "unit": "truong-thcs-le-thanh-nghi"},
    {"name": "Lê Thị Ngọc Ánh", "position": "Nhân viên", "unit": "phong-giao-duc-va-dao-tao"},
]


@pytest.mark.parametrize(
    "sep,encoding,bom,shown",
    [
        (";", "utf-8", True, "mã UTF-8, phân cách bằng dấu chấm phẩy (;)"),
        (";", "utf-8", False, "mã UTF-8, phân cách bằng dấu chấm phẩy (;)"),
        ("\t", "utf-16", False, "mã UTF-16, phân cách bằng dấu tab"),
        (",", "utf-8", False, "mã UTF-8, phân cách bằng dấu phẩy (,)"),
        (";", "cp1258", False, "mã Windows-1258 (tiếng Việt), phân cách bằng dấu chấm phẩy (;)"),
    ],
    ids=["semicolon-bom", "semicolon", "tab-utf16", "comma", "cp1258"],
)
def test_csv_delimiters_and_encodings(project_copy, tmp_path, sep, encoding, bom, shown):
    rows = CSV_ROWS
    if encoding == "cp1258":  # Windows-1258 has ă â ê ô ơ ư đ, and writes the five tones as combining marks
        rows = [[_tones_apart(c) if isinstance(c, str) else c for c in row] for row in rows]
    path = write_csv(tmp_path / "ds.csv", rows, sep=sep, encoding=encoding, bom=bom)
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _ok(result)
    assert shown in result.stdout
    assert _only(project_copy)["recipients"] == CSV_WANT
    said = any("bảng mã Windows-1258" in line for line in review_lines(result.stdout))
    assert said == (encoding == "cp1258")


# ---------------------------------------------------------------------------------------------
# Which sheet
# ---------------------------------------------------------------------------------------------

LIST = [["STT", "Họ và tên", "Chức vụ"], [1, "Nguyễn Văn Một", "Giáo viên"]]
OTHER = [["STT", "Họ và tên", "Chức vụ"], [1, "Trần Thị Hai", "Kế toán"]]


def test_a_list_not_on_the_first_sheet_is_found(project_copy, tmp_path):
    path = write_book(
        tmp_path / "w.xlsx", [Sheet("Hướng dẫn", [["Điền danh sách ở trang sau"]]), Sheet("Danh sách", LIST)]
    )
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _ok(result)
    assert _only(project_copy)["recipients"] == [{"name": "Nguyễn Văn Một", "position": "Giáo viên"}]
    assert any("danh sách ở trang tính 'Danh sách' (trang thứ 2)" in line for line in review_lines(result.stdout))


def test_a_chart_sheet_as_the_active_sheet(project_copy, tmp_path):
    path = write_book(tmp_path / "c.xlsx", [Sheet("Danh sách", LIST)], chart_sheet="Biểu đồ")
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _ok(result)
    assert any("biểu đồ 'Biểu đồ'" in line for line in review_lines(result.stdout))
    result = run_import(
        project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT, "--sheet", "Biểu đồ"
    )
    assert result.returncode == 1 and "là trang biểu đồ" in result.stderr
    _no_crash(result)


def test_two_sheets_with_lists(project_copy, tmp_path):
    path = write_book(tmp_path / "two.xlsx", [Sheet("Tập thể", LIST), Sheet("Cá nhân", OTHER)])
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT)
    _unfinished(result)  # the second list is not silently left out
    assert any(
        line.startswith("(!)") and "'Cá nhân'" in line and "CHƯA được nhập" in line
        for line in review_lines(result.stdout)
    )
    result = run_import(
        project_copy,
        path,
        "--award",
        "giay-khen-huyen",
        "--year",
        2022,
        "--out",
        OUT,
        "--sheet",
        "Tập thể",
        "--sheet",
        "2",
    )
    _ok(result)
    assert [r["name"] for r in _only(project_copy)["recipients"]] == ["Nguyễn Văn Một", "Trần Thị Hai"]
    result = run_import(
        project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--out", OUT, "--sheet", "cá nhân"
    )  # the name, folded
    _ok(result)
    assert [r["name"] for r in _only(project_copy)["recipients"]] == ["Trần Thị Hai"]
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022, "--sheet", "9")
    assert result.returncode == 1 and "không có trang tính '9'" in result.stderr and "'Cá nhân'" in result.stderr


# ---------------------------------------------------------------------------------------------
# Importing the same decision again
# ---------------------------------------------------------------------------------------------


def test_importing_again_updates_and_keeps_hand_edits(project_copy, tmp_path):
    rows = [
        ["STT", "Họ và tên", "Chức vụ", "Đơn vị"],
        [1, "Nguyễn Văn Một", "Giáo viên", "Trường THCS Lê Thanh Nghị"],
        [2, "Lê Văn Tuấn", "Giáo viên", "Trường THCS Lê Thanh Nghị"],
    ]
    path = write_xlsx(tmp_path / "d.xlsx", rows)
    args = ("--award", "giay-khen-huyen", "--year", 2022, "--decision", "12/QĐ-UBND", "--date", "15/03/2022")
    _ok(run_import(project_copy, path, *args))
    [file] = awards_in(project_copy, 2022)
    # staff edit by hand what the sheet does not say
    text = file.read_text(encoding="utf-8")
    text = text.replace("award: giay-khen-huyen\n", "award: giay-khen-huyen\nissuer: Chủ tịch UBND huyện Gia Lộc\n")
    text = text.replace("recipients:\n", "campaign: thi-dua-thuong-xuyen\nnote: Đã đối chiếu bản giấy.\nrecipients:\n")
    text = text.replace(
        "    unit: truong-thcs-le-thanh-nghi\n",
        "    unit: truong-thcs-le-thanh-nghi\n    reason: Giáo viên dạy giỏi\n",
        1,
    )
    file.write_text(text, encoding="utf-8")
    assert file_errors(project_copy, file) == []
    # the sheet gains a row; import again
    rows.append([3, "Phạm Thị Ba", "Kế toán", "Trường THCS Lê Thanh Nghị"])
    result = run_import(project_copy, write_xlsx(tmp_path / "d.xlsx", rows), *args)
    _ok(result)
    assert "Đã cập nhật data/awards/2022/giay-khen-huyen-12-qd-ubnd.yml" in result.stdout
    assert "giữ nguyên các trường sửa tay: issuer, campaign, note" in result.stdout
    rec = _only(project_copy)
    assert rec["issuer"] == "Chủ tịch UBND huyện Gia Lộc" and rec["campaign"] == "thi-dua-thuong-xuyen"
    assert rec["note"] == "Đã đối chiếu bản giấy."
    assert rec["recipients"][0]["reason"] == "Giáo viên dạy giỏi"
    assert [r["name"] for r in rec["recipients"]] == ["Nguyễn Văn Một", "Lê Văn Tuấn", "Phạm Thị Ba"]
    assert list(rec) == ["year", "award", "issuer", "decision", "campaign", "note", "recipients"]
    # a person record chosen by hand for a name stays chosen
    text = file.read_text(encoding="utf-8").replace(
        "  - name: Lê Văn Tuấn\n    position: Giáo viên\n    unit: truong-thcs-le-thanh-nghi\n",
        "  - person: le-van-tuan\n",
    )
    file.write_text(text, encoding="utf-8")
    result = run_import(project_copy, path, *args, "--out", file.relative_to(project_copy))
    _ok(result)
    assert {"person": "le-van-tuan"} in _only(project_copy)["recipients"]
    assert any("giữ 'person: le-van-tuan' đã chọn bằng tay" in line for line in review_lines(result.stdout))


def test_without_decision_the_same_list_updates_its_own_file(project_copy, tmp_path):
    path = write_xlsx(tmp_path / "ds-truong.xlsx", LIST)
    _ok(run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022))
    result = run_import(project_copy, path, "--award", "giay-khen-huyen", "--year", 2022)
    _ok(result)
    assert [f.name for f in awards_in(project_copy, 2022)] == ["giay-khen-huyen-ds-truong.yml"]
