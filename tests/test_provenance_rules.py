"""Issue 14: the rules of provenance (records/provenance_rules.py): a document's scan is a real,
small PDF inside docs/files/; decisions, proposals and annulments agree with the documents they
cite; a comment period ends after it starts; a unit's successors are other units, with `until`."""

from __future__ import annotations

import os

import pytest
from bangvang.records.provenance_rules import MAX_PDF_BYTES, same_number
from bangvang.urls import recipient_anchors, recipient_key
from helpers import AWARD_FILE, VALID, assert_refused, errors_for, only_in, where

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
DOC = "documents/qd-12.yml"
DOC_TEXT = (
    "number: 12/QĐ-UBND\nkind: Quyết định\nissuer: UBND huyện A\ndate: 2021-01-15\n"
    "signed_by: {name: Nguyễn Văn A, position: Chủ tịch}\nfile: files/qd-12.pdf\n"
)


def _with_scan(tmp_path, content: bytes = PDF, name: str = "qd-12.pdf"):
    folder = tmp_path / "docs" / "files"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(content)
    return folder / name


def test_a_document_with_a_real_pdf_scan_is_valid(tmp_path):
    _with_scan(tmp_path)
    _, errors = errors_for(tmp_path, {DOC: DOC_TEXT})
    assert errors == []


@pytest.mark.parametrize(
    "content, words",
    [
        (b"<html><body>not a pdf</body></html>", ("không phải là PDF", "%PDF-")),
        (b"\x89PNG\r\n\x1a\n" + b"0" * 100, ("không phải là PDF",)),
    ],
)
def test_a_scan_that_is_no_pdf_is_refused_at_its_file_line(tmp_path, content, words):
    _with_scan(tmp_path, content)
    _, errors = errors_for(tmp_path, {DOC: DOC_TEXT})
    assert_refused(errors, DOC, where(DOC_TEXT, "files/qd-12.pdf"), *words)
    only_in(errors, DOC)


def test_a_scan_too_large_missing_or_outside_files_is_refused(tmp_path):
    path = _with_scan(tmp_path)
    with path.open("wb") as handle:  # sparse: large without writing the bytes
        handle.write(PDF)
        handle.truncate(MAX_PDF_BYTES + 1)
    _, errors = errors_for(tmp_path, {DOC: DOC_TEXT})
    assert_refused(errors, DOC, where(DOC_TEXT, "files/qd-12.pdf"), "quá lớn", "MB")
    for file, words in (
        ("files/khong-co.pdf", ("không có tệp docs/files/khong-co.pdf",)),
        ("images/qd-12.pdf", ("docs/files/",)),
        ("files/../files/qd-12.pdf", ("docs/files/",)),
        ("/etc/passwd", ("docs/files/",)),
        ("files/qd-12.docx", (".pdf",)),
    ):
        text = DOC_TEXT.replace("files/qd-12.pdf", file)
        _, errors = errors_for(tmp_path, {DOC: text})
        assert_refused(errors, DOC, where(text, file), *words)


@pytest.mark.skipif(os.name == "nt", reason="symlinks")
def test_a_scan_that_is_a_symlink_is_refused(tmp_path):
    target = tmp_path / "outside.pdf"
    target.write_bytes(PDF)
    (tmp_path / "docs" / "files").mkdir(parents=True)
    (tmp_path / "docs" / "files" / "qd-12.pdf").symlink_to(target)
    _, errors = errors_for(tmp_path, {DOC: DOC_TEXT})
    assert_refused(errors, DOC, where(DOC_TEXT, "files/qd-12.pdf"), "symlink")


def test_a_decision_that_contradicts_its_document_is_refused(tmp_path):
    _with_scan(tmp_path)
    award = VALID[AWARD_FILE].replace(
        "decision: {number: 12/QĐ-UBND, date: 15/01/2021}",
        "decision: {document: qd-12, number: 13/QĐ-UBND, date: 16/01/2021}",
    )
    _, errors = errors_for(tmp_path, {DOC: DOC_TEXT, AWARD_FILE: award})
    assert_refused(errors, AWARD_FILE, where(award, "13/QĐ-UBND"), "'decision.number'", "12/QĐ-UBND")
    assert_refused(errors, AWARD_FILE, where(award, "16/01/2021"), "'decision.date'", "15/01/2021")
    # The same number written another way is the same number.
    same = VALID[AWARD_FILE].replace(
        "decision: {number: 12/QĐ-UBND, date: 15/01/2021}", "decision: {document: qd-12, number: 12 / qđ-ubnd}"
    )
    _, errors = errors_for(tmp_path, {DOC: DOC_TEXT, AWARD_FILE: same})
    assert errors == []
    assert same_number("1034/QĐ-UBND", "1034 / qđ-ubnd") and not same_number("1034/QĐ-UBND", "1035/QĐ-UBND")


def test_a_decision_must_be_a_deciding_document(tmp_path):
    plan = DOC_TEXT.replace("kind: Quyết định", "kind: Kế hoạch").replace("file: files/qd-12.pdf\n", "")
    award = VALID[AWARD_FILE].replace("decision: {number: 12/QĐ-UBND, date: 15/01/2021}", "decision: {document: qd-12}")
    _, errors = errors_for(tmp_path, {DOC: plan, AWARD_FILE: award})
    assert_refused(errors, AWARD_FILE, where(award, "qd-12"), "Kế hoạch", "Quyết định")


def test_an_annulment_before_its_decision_and_a_period_ending_before_it_starts_are_refused(tmp_path):
    award = (
        VALID[AWARD_FILE].replace("status: tang\n", "status: huy_bo\n")
        + "annulment: {number: 3/QĐ-UBND, date: 01/01/2021, reason: Kê khai không trung thực}\n"
        + "public_comment: {from: 2021-01-10, to: 2021-01-05}\n"
    )
    _, errors = errors_for(tmp_path, {AWARD_FILE: award})
    assert_refused(errors, AWARD_FILE, where(award, "{number: 3/QĐ-UBND"), "hủy bỏ", "trước")
    assert_refused(errors, AWARD_FILE, where(award, "2021-01-05"), "'public_comment.to'", "10/01/2021")
    only_in(errors, AWARD_FILE)


def test_units_through_time_successors_need_an_end_and_no_cycle(tmp_path):
    xa_b = "name: Xã B\nkind: xa\nuntil: 2025-07-01\nsuccessors: [xa-a]\n"
    changes = {
        "units/xa-a.yml": "name: Xã A\nkind: xa\nsuccessors: [xa-a, xa-b]\n",  # itself; no `until`
        "units/xa-b.yml": xa_b,
    }
    _, errors = errors_for(tmp_path, changes)
    text = changes["units/xa-a.yml"]
    assert_refused(errors, "units/xa-a.yml", where(text, "xa-a, xa-b"), "chính tập thể này")
    assert any(e.path == "data/units/xa-a.yml" and "'until'" in e.message for e in errors)
    assert any(e.path == "data/units/xa-b.yml" and "vòng lặp" in e.message for e in errors)
    ok = {"units/xa-b.yml": "name: Xã B\nkind: xa\nuntil: 2025-07-01\nsuccessors: [xa-a]\nended_by: chi-thi-34-ct-tw\n"}
    _, errors = errors_for(tmp_path, ok)
    assert errors == []


def test_recipient_anchors_follow_identity_not_position():
    lines = [
        {"unit": "truong-a"},
        {"person": "nguyen-van-a"},
        {"name": "Trần Thị B", "position": "Giáo viên", "unit": "truong-a"},
        {"name": "Lê Văn C", "unit_name": "Công ty Bình Minh"},
    ]
    anchors = dict(zip(map(recipient_key, lines), recipient_anchors("gk", lines)))
    assert anchors == {
        "truong-a": "gk--truong-a",
        "nguyen-van-a": "gk--nguyen-van-a",
        "tran-thi-b-truong-a": "gk--tran-thi-b-truong-a",
        "le-van-c-cong-ty-binh-minh": "gk--le-van-c-cong-ty-binh-minh",
    }
    # Reordering, inserting or removing other lines leaves every anchor as it was.
    moved = [lines[3], {"name": "Mới Thêm"}, lines[1], lines[0], lines[2]]
    assert set(recipient_anchors("gk", moved)) - {"gk--moi-them"} == set(anchors.values())
    assert recipient_anchors("gk", lines[2:3]) == ["gk--tran-thi-b-truong-a"]
    # Two lines of one name and unit are told apart by position, then by order; ids stay unique.
    twins = [
        {"name": "An", "unit": "u", "position": "Kế toán"},
        {"name": "An", "unit": "u", "position": "Thủ quỹ"},
        {"name": "An", "unit": "u"},
        {"name": "An", "unit": "u"},
    ]
    got = recipient_anchors("gk", twins)
    assert got[:2] == ["gk--an-u-ke-toan", "gk--an-u-thu-quy"]
    assert len(set(got)) == 4
