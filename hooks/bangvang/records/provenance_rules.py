"""Rules of provenance between records (issue 14): a document's scan, an award's decision,
proposal and annulment against the documents they cite, a comment period, a unit's end.

- A document's `file` is a real PDF (by its first bytes, `%PDF-`), a plain file under
  docs/files/ (no link, no way out), at most MAX_PDF_BYTES.
- An award's `decision`, `proposal` or `annulment` that names a `document` and also writes a
  number or a date must agree with that document; a decision or annulment is a decision-kind
  document; an annulment comes after the decision it annuls.
- A comment period ends on or after the day it starts.
- A unit's `successors` are other units, listed once, without a cycle; `successors` and
  `ended_by` go with `until` (the day the unit ended).

`err(record, path, message)` reports one error at the position of `path` in the record.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bangvang.records.dataset import DataSet, Record
from bangvang.text import fold, format_date

FILES_DIR = "files"  # scans live in docs/files/ and are published at /files/
MAX_PDF_BYTES = 10 * 1024 * 1024  # a scanned decision of a few pages is 0.3-3 MB
PDF_MAGIC = b"%PDF-"
# The kinds of document that decide (confer or annul) an award.
DECIDING_KINDS = ("Quyết định", "Nghị quyết", "Khác")

# Content checks per file while its size and time are unchanged (`mkdocs serve` rebuilds often).
_pdf_cache: dict[tuple[str, int, int], str | None] = {}


def check_provenance(dataset: DataSet, err, docs_dir: Path | None) -> None:
    """Every provenance problem of the data set, each reported through `err`."""
    for document in dataset.kind("documents").values():
        if document.get("file") is not None:
            for message in pdf_problems(document.get("file"), docs_dir):
                err(document, ("file",), message)
    for award in dataset.kind("awards").values():
        _check_award(award, dataset, err)
    for unit in dataset.kind("units").values():
        _check_unit(unit, dataset, err)


# ---------------------------------------------------------------------------------------------
# Scans
# ---------------------------------------------------------------------------------------------


def pdf_problems(file: object, docs_dir: Path | None) -> list[str]:
    """What is wrong with a document's scan (`file`, relative to docs/), in Vietnamese."""
    if not isinstance(file, str) or not file:
        return []  # a missing or non-text value has its own error
    parts = file.split("/")
    if (
        file.startswith(("/", "\\"))
        or re.match(r"[A-Za-z]:", file)
        or "\\" in file
        or ":" in file
        or any(p in ("", ".", "..") for p in parts)
        or parts[0] != FILES_DIR
        or len(parts) < 2
    ):
        hint = "; bỏ 'docs/' ở đầu" if file.startswith("docs/") else ""
        return [
            f"'file' phải là đường dẫn tới tệp PDF trong docs/{FILES_DIR}/, tính từ docs/, "
            f"ví dụ {FILES_DIR}/qd-456-qd-ubnd.pdf{hint}"
        ]
    if not file.lower().endswith(".pdf"):
        return [f"'file' phải là tệp .pdf (bản quét văn bản); '{parts[-1]}' không có đuôi .pdf"]
    if docs_dir is None:
        return []
    docs = Path(docs_dir)
    path = docs
    for depth, part in enumerate(parts, 1):
        path = path / part
        if path.is_symlink():
            return [f"docs/{'/'.join(parts[:depth])} là liên kết (symlink); hãy đặt tệp PDF thật vào docs/{FILES_DIR}/"]
    if not path.is_file():
        return [f"không có tệp docs/{file}; chép bản quét vào đó (tên tệp phải đúng cả chữ hoa, chữ thường)"]
    try:
        inside = path.resolve().is_relative_to((docs / FILES_DIR).resolve())
    except OSError:
        inside = False
    if not inside:
        return [f"tệp docs/{file} phải nằm trong thư mục docs/{FILES_DIR}/"]
    stat = path.stat()
    if stat.st_size > MAX_PDF_BYTES:
        return [
            f"tệp docs/{file} quá lớn ({_megabytes(stat.st_size)} MB; tối đa {_megabytes(MAX_PDF_BYTES)} MB); "
            "quét lại ở độ phân giải 150-200 dpi, đen trắng, hoặc nén bản PDF"
        ]
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _pdf_cache:
        with path.open("rb") as handle:
            head = handle.read(1024)
        _pdf_cache[key] = (
            None
            if head.startswith(PDF_MAGIC)
            else (
                f"tệp docs/{file} không phải là PDF (nội dung không bắt đầu bằng '%PDF-'); "
                "lưu bản quét dưới dạng PDF rồi chép lại"
            )
        )
    problem = _pdf_cache[key]
    return [problem] if problem else []


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


# ---------------------------------------------------------------------------------------------
# Awards: decision, proposal, annulment, comment period
# ---------------------------------------------------------------------------------------------


def same_number(a: str, b: str) -> bool:
    """Two document numbers as printed are the same whatever the spaces, case and marks:
    '1034/QĐ-UBND' = '1034/qđ-ubnd' = '1034 / QĐ-UBND'."""
    return number_key(a) == number_key(b)


def number_key(number: str) -> str:
    return re.sub(r"\s+", "", fold(str(number)))


LABELS = {"decision": "quyết định", "proposal": "văn bản đề nghị", "annulment": "quyết định hủy bỏ"}


def _check_award(award: Record, dataset: DataSet, err) -> None:
    for key in ("decision", "proposal", "annulment"):
        part = award.get(key)
        if not isinstance(part, dict):
            continue
        doc = dataset.get("documents", str(part["document"])) if part.get("document") else None
        if doc is None:
            continue  # no document, or a missing one (reported by the reference check)
        if part.get("number") and doc.get("number") and not same_number(part["number"], doc["number"]):
            err(
                award,
                (key, "number"),
                f"'{key}.number' là '{part['number']}' nhưng văn bản '{doc.id}' "
                f"có số '{doc['number']}'; sửa cho khớp hoặc bỏ 'number' (đã có 'document')",
            )
        if (
            isinstance(part.get("date"), dt.date)
            and isinstance(doc.get("date"), dt.date)
            and part["date"] != doc["date"]
        ):
            err(
                award,
                (key, "date"),
                f"'{key}.date' là {format_date(part['date'])} nhưng văn bản '{doc.id}' "
                f"ngày {format_date(doc['date'])}; sửa cho khớp hoặc bỏ 'date' (đã có 'document')",
            )
        if key != "proposal" and doc.get("kind") and doc["kind"] not in DECIDING_KINDS:
            err(
                award,
                (key, "document"),
                f"'{key}.document' trỏ tới {doc['kind']} '{doc.id}'; {LABELS[key]} "
                f"phải là văn bản loại {', '.join(DECIDING_KINDS[:-1])} (hoặc Khác)",
            )
    decided, annulled = part_date(award, "decision", dataset), part_date(award, "annulment", dataset)
    if decided and annulled and annulled < decided:
        err(
            award,
            ("annulment",),
            f"quyết định hủy bỏ ngày {format_date(annulled)} trước quyết định khen "
            f"thưởng ngày {format_date(decided)}; kiểm tra lại ngày",
        )
    period = award.get("public_comment")
    if isinstance(period, dict):
        start, end = period.get("from"), period.get("to")
        if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
            err(
                award,
                ("public_comment", "to"),
                f"'public_comment.to' ({format_date(end)}) phải từ ngày "
                f"'public_comment.from' ({format_date(start)}) trở về sau",
            )


def part_date(award: Record, key: str, dataset: DataSet) -> dt.date | None:
    """The date of an award's decision, proposal or annulment: its own, else its document's."""
    part = award.get(key)
    if not isinstance(part, dict):
        return None
    if isinstance(part.get("date"), dt.date):
        return part["date"]
    doc = dataset.get("documents", str(part["document"])) if part.get("document") else None
    return doc.get("date") if doc is not None and isinstance(doc.get("date"), dt.date) else None


# ---------------------------------------------------------------------------------------------
# Units through time
# ---------------------------------------------------------------------------------------------


def _check_unit(unit: Record, dataset: DataSet, err) -> None:
    successors = (
        [s for s in unit.get("successors") or [] if isinstance(s, str)]
        if isinstance(unit.get("successors"), list)
        else []
    )
    seen: set[str] = set()
    for i, successor in enumerate(successors):
        if successor == unit.id:
            err(unit, ("successors", i), "'successors' không thể là chính tập thể này; ghi mã của đơn vị tiếp nhận")
        elif successor in seen:
            err(unit, ("successors", i), f"'{successor}' đã có trong 'successors'; mỗi đơn vị ghi một lần")
        seen.add(successor)
    for key in ("successors", "ended_by"):
        if unit.get(key) and not unit.get("until"):
            err(unit, (key,), f"có '{key}' thì cần ghi 'until': ngày đơn vị kết thúc (ví dụ 2025-07-01)")
    # A chain of successors must not come back: a → b → a would say each became the other.
    current = [s for s in successors if s != unit.id]
    visited: set[str] = set()
    while current:
        nxt = []
        for sid in current:
            if sid == unit.id:
                err(
                    unit,
                    ("successors",),
                    f"'successors' tạo thành vòng lặp ({unit.id} → … → {unit.id}); "
                    "đơn vị kế thừa không thể lại được chính đơn vị này kế thừa",
                )
                return
            if sid in visited:
                continue
            visited.add(sid)
            record = dataset.get("units", sid)
            if record is not None:
                nxt += list(record.get("successors") or [])
        current = nxt
