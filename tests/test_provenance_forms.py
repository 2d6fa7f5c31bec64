"""Issue 14, point 7: `scripts/bieu_mau.py YEAR` writes the statistics forms of Thông tư
02/2023/TT-BNV (Biểu 0601–0605) as .xlsx from the records: figures the records give, the other
cells empty and named on the sheet "Ghi chú"; annulled awards and proposals are not counted."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from bangvang.records.validation import validate
from bangvang.website.index import award_tally, build_index, conferred
from helpers import ROOT, SEED_DATA, write_data

SCRIPT = ROOT / "scripts" / "bieu_mau.py"
SHEETS = ["Biểu 0601", "Biểu 0602", "Biểu 0603", "Biểu 0604", "Biểu 0605", "Ghi chú"]
PROVINCE_FORMS = {
    "bang-khen-tinh",
    "bang-khen-hdnd-tinh",
    "chien-si-thi-dua-tinh",
    "co-thi-dua-tinh",
    "huy-hieu",
    "ky-niem-chuong",
}


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *map(str, args)], capture_output=True, text=True, encoding="utf-8", timeout=120
    )


def cell_of(sheet, code: str, column: int):
    """The value in a form's data row with mã số `code`, data column `column` (1 = Tổng số)."""
    lead = 3 if sheet.cell(7, 3).value == "Đơn vị tính" else 2
    for row in sheet.iter_rows(min_row=8):
        if row[1].value == code:
            return row[lead + column - 1].value
    raise KeyError(code)


@pytest.fixture(scope="module")
def seed_book(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms") / "bieu-mau-2021.xlsx"
    result = run(2021, "--data", SEED_DATA, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "Biểu 0601–0605 năm 2021" in result.stdout and "Ghi chú" in result.stdout
    return openpyxl.load_workbook(out)


def test_the_workbook_opens_with_every_form_and_the_notes(seed_book):
    assert seed_book.sheetnames == SHEETS
    for name in SHEETS[:5]:
        sheet = seed_book[name]
        assert sheet["A1"].value == f"Biểu số: {name[-4:]}.N/BNV-TĐKT"
        assert sheet["A2"].value == "Ban hành theo Thông tư số 02/2023/TT-BNV ngày 23/3/2023"
        assert "năm 2021" in sheet["A5"].value


def test_figures_come_from_the_conferred_awards_of_the_year(seed_book):
    dataset, errors = validate(SEED_DATA, None)
    assert errors == []
    ix = build_index(dataset)
    given = conferred(ix.awards_by_year[2021])
    province = [a for a in given if a["award"] in PROVINCE_FORMS]
    sheet = seed_book["Biểu 0603"]
    assert cell_of(sheet, "01", 1) == sum(sum(award_tally(a).values()) for a in province)
    assert cell_of(sheet, "05", 1) == sum(award_tally(a)["ca_nhan"] for a in province)
    state = [a for a in given if dataset.vocab[a["award"]]["level"] == "trung_uong"]
    assert cell_of(seed_book["Biểu 0602"], "1", 1) == sum(sum(award_tally(a).values()) for a in state)
    campaigns = seed_book["Biểu 0601"]
    assert cell_of(campaigns, "11", 1) + cell_of(campaigns, "12", 1) == cell_of(campaigns, "01", 1)


def test_cells_the_records_cannot_give_are_empty_and_named(seed_book):
    notes = list(seed_book["Ghi chú"].iter_rows(min_row=4, values_only=True))
    named = {(n[0], n[1]) for n in notes}
    staff = seed_book["Biểu 0605"]
    assert cell_of(staff, "01", 1) is None and cell_of(staff, "01", 2) is None
    assert any(sheet == "Biểu 0605" for sheet, _ in named)
    leaders = seed_book["Biểu 0603"]
    assert cell_of(leaders, "06", 1) is None
    assert any(n[0] == "Biểu 0603" and n[2].startswith("06 ") and n[4] == "để trống" and n[5] for n in notes)
    # every empty data cell of every form is covered by a note (single cells or ranges like E12:H12)
    from openpyxl.utils import range_boundaries

    covered = {}
    for sheet, ref, *_ in notes:
        lo_c, lo_r, hi_c, hi_r = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
        for r in range(lo_r, hi_r + 1):
            for c in range(lo_c, hi_c + 1):
                covered.setdefault(sheet, set()).add((r, c))
    for name in SHEETS[:5]:
        sheet = seed_book[name]
        lead = 3 if sheet.cell(7, 3).value == "Đơn vị tính" else 2
        for row in sheet.iter_rows(min_row=8):
            if not (row[1].value or "").strip().isdigit():
                continue
            for cell in row[lead:]:
                if cell.value is None:
                    assert (cell.row, cell.column) in covered.get(name, set()), (name, cell.coordinate)


def test_annulled_awards_and_proposals_are_not_counted(tmp_path):
    base = "year: 2021\naward: bang-khen-tinh\nissuer: Chủ tịch UBND tỉnh\n"
    data = write_data(
        tmp_path,
        {
            "awards/2021/bk-tinh.yml": base + "count: {ca_nhan: 2}\n",
            "awards/2021/bk-tinh-huy.yml": base
            + "status: huy_bo\nannulment: {number: 9/QĐ-UBND, reason: Sai thành tích}\n"
            "count: {ca_nhan: 5}\n",
            "awards/2021/bk-tinh-de-nghi.yml": base + "status: de_nghi\ncount: {ca_nhan: 7}\n",
        },
    )
    out = tmp_path / "bm.xlsx"
    result = run(2021, "--data", data, "--out", out)
    assert result.returncode == 0, result.stderr
    sheet = openpyxl.load_workbook(out)["Biểu 0603"]
    assert cell_of(sheet, "01", 1) == 2 and cell_of(sheet, "01", 2) == 2


def test_wrong_command_lines_get_vietnamese_messages(tmp_path):
    result = run("năm-ngoái")
    assert result.returncode == 2 and "năm phải là 4 chữ số" in result.stderr and "Traceback" not in result.stderr
    result = run(2021, "--data", tmp_path / "khong-co", "--out", tmp_path / "x.xlsx")
    assert result.returncode == 1 and "không tìm thấy thư mục dữ liệu" in result.stderr
    result = run(2021, "--data", SEED_DATA, "--out", tmp_path / "x.csv")
    assert result.returncode == 1 and ".xlsx" in result.stderr
