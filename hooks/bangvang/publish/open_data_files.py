"""Open data: every record kind as JSON (lossless) and CSV (flattened for spreadsheets).

JSON is the faithful copy: one list per kind, each record its `id` plus every field exactly as
loaded from the YAML (dates as ISO strings). CSV is the spreadsheet view; how nested values are
flattened is described once here (FLATTENING) and shown on the /du-lieu/ page.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet, Record

OUT_DIR = "du-lieu"
VOCAB = "vocab"
KIND_ORDER = tuple(s.KINDS)  # units, people, documents, campaigns, models, awards, reports
LIST_SEPARATOR = "; "

# The recipient columns of awards.csv: one row per named recipient.
RECIPIENT_COLUMNS = tuple(f"recipients.{f.key}" for f in s.RECIPIENT.fields)

# What a reader of the CSV needs to know, in Vietnamese (the /du-lieu/ page lists these).
FLATTENING = (
    "Mỗi dòng là một bản ghi; cột đầu tiên là mã (id). Tên cột là tên trường trong tệp YAML.",
    "Ngày viết theo ISO: YYYY-MM-DD. Số viết dấu chấm thập phân, không phân nhóm (95.12; 1356).",
    "Danh sách giá trị đơn (tên gọi khác, mã văn bản căn cứ, mã tập thể…) nối bằng “; ” trong một ô.",
    "Nhóm trường (quyết định, số lượng, người ký) tách thành các cột có dấu chấm: decision.number, "
    "decision.date, count.tap_the…",
    "Khen thưởng (awards.csv): mỗi người nhận có tên là một dòng, trong các cột recipients.unit, "
    "recipients.person, recipients.name, recipients.position; cột recipients.index là thứ tự người nhận "
    "(1, 2…). Khen thưởng chỉ nêu số lượng, không nêu tên, có đúng một dòng với các cột người nhận để trống. "
    "Các cột khác (kể cả count.*) lặp lại trên mọi dòng của cùng một khen thưởng: khi cộng số lượng, "
    "chỉ tính mỗi mã (id) một lần.",
    "Danh sách nhiều trường (kết quả theo năm, số liệu, ảnh, các mục báo cáo, chỉ tiêu) ghi nguyên dạng JSON "
    "trong một ô, giống hệt tệp JSON.",
    "Ô chữ bắt đầu bằng =, +, -, @, dấu Tab hoặc ký tự CR được thêm một dấu nháy đơn (') ở đầu, để Excel và "
    "các bảng tính khác không chạy nó như một công thức (cách phòng chèn công thức CSV mà OWASP khuyến nghị); "
    "khi dùng lại, bỏ dấu nháy đơn đầu ô đó. Tệp JSON giữ nguyên giá trị gốc.",
)
# The first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# ---------------------------------------------------------------------------------------------
# JSON: the records as they are
# ---------------------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A loaded value as JSON data: dates as ISO strings, containers walked."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def record_json(record: Record) -> dict:
    return {**plain(record.data), "id": record.id}


def kind_records(dataset: DataSet, kind: str) -> list[Record]:
    """A kind's records in a stable order: by id (the vocabulary too)."""
    return sorted(dataset.kind(kind).values(), key=lambda r: r.id)


def to_json(records: Iterable[dict]) -> str:
    return json.dumps(list(records), ensure_ascii=False, sort_keys=True, indent=2) + "\n"


# ---------------------------------------------------------------------------------------------
# CSV: one table per kind
# ---------------------------------------------------------------------------------------------


def shape_of(kind: str) -> s.Shape:
    return s.VOCAB_ENTRY if kind == VOCAB else s.KINDS[kind].shape


def columns(kind: str) -> list[str]:
    """Header of a kind's CSV, from the record type (id first, nested groups dotted)."""
    cols = ["id"]
    for f in shape_of(kind).fields:
        if f.key == "id":
            continue
        if kind == "awards" and f.key == "recipients":
            cols += ["recipients.index", *RECIPIENT_COLUMNS]
        elif isinstance(f.type, s.Shape):
            cols += [f"{f.key}.{sub.key}" for sub in f.type.fields]
        else:
            cols.append(f.key)
    return cols


def _cell(value: Any) -> str:
    """A value as one CSV cell; text that a spreadsheet would run as a formula starts with a quote."""
    text = _cell_text(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return text  # a number (-5, 1.2) is data, never a formula
    return neutralise(text)


def neutralise(text: str) -> str:
    """'=1+1' → "'=1+1": a leading single quote, as OWASP advises against CSV formula injection."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return LIST_SEPARATOR.join(_cell_text(v) for v in value)
        return json.dumps(plain(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, dict):
        return json.dumps(plain(value), ensure_ascii=False, sort_keys=True)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def csv_rows(kind: str, record: Record) -> list[dict[str, str]]:
    """A record as CSV rows: one row, or for an award one row per named recipient."""
    row: dict[str, str] = {"id": record.id}
    for f in shape_of(kind).fields:
        value = record.get(f.key)
        if f.key == "id" or (kind == "awards" and f.key == "recipients"):
            continue
        if isinstance(f.type, s.Shape):
            for sub in f.type.fields:
                row[f"{f.key}.{sub.key}"] = _cell((value or {}).get(sub.key))
        else:
            row[f.key] = _cell(value)
    if kind != "awards" or not record.get("recipients"):
        return [row]
    rows = []
    for i, recipient in enumerate(record["recipients"], start=1):
        rows.append(
            {
                **row,
                "recipients.index": str(i),
                **{col: _cell(recipient.get(col.split(".", 1)[1])) for col in RECIPIENT_COLUMNS},
            }
        )
    return rows


def to_csv(kind: str, records: Iterable[Record]) -> str:
    """The CSV text, with a BOM so that Excel reads it as UTF-8."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns(kind), restval="", lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerows(csv_rows(kind, record))
    return "\ufeff" + out.getvalue()


# ---------------------------------------------------------------------------------------------
# The post-build step
# ---------------------------------------------------------------------------------------------


def export_kinds() -> tuple[str, ...]:
    return KIND_ORDER + (VOCAB,)


def write_open_data(build, site_dir: Path) -> None:
    """/du-lieu/<kind>.json and .csv for every kind and the award vocabulary."""
    dataset = build.index.dataset
    out = Path(site_dir) / OUT_DIR
    out.mkdir(parents=True, exist_ok=True)
    for kind in export_kinds():
        records = kind_records(dataset, kind)
        (out / f"{kind}.json").write_text(to_json(record_json(r) for r in records), encoding="utf-8")
        (out / f"{kind}.csv").write_text(to_csv(kind, records), encoding="utf-8", newline="")
