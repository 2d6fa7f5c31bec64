"""Import an honour list (the spreadsheet that comes with a decision) as one award record.

Reads .xlsx or .csv, finds the header row wherever it is, matches each name to a unit or person
record by name or alias (folded: case, diacritics, tone placement and NFC/NFD do not matter),
keeps unmatched individuals as inline recipients, and refuses rows it cannot read, by number.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet, Record
from bangvang.text import fold, nfc, slugify, unify_tone_style

HEADER_SEARCH_ROWS = 20
MAX_NAME_CHARS = 200

# Header words, folded, longest first within each column (a header may add words after them:
# "Họ và tên (ghi đầy đủ)").
COLUMNS: list[tuple[str, tuple[str, ...]]] = [
    ("position_unit", ("chuc vu don vi cong tac", "chuc vu noi cong tac", "chuc vu don vi", "chuc danh don vi")),
    ("stt", ("so thu tu", "so tt", "stt", "tt")),
    ("mixed_name", ("ten tap the ca nhan", "tap the ca nhan", "ten tap the va ca nhan")),
    ("person_name", ("ho va ten", "ho ten", "ten ca nhan")),
    ("unit_name", ("ten tap the", "ten don vi", "tap the", "don vi duoc khen")),
    ("position", ("chuc vu", "chuc danh")),
    ("unit", ("don vi cong tac", "noi cong tac", "co quan don vi", "don vi", "co quan")),
]
NAME_COLUMNS = ("person_name", "unit_name", "mixed_name")
# Words that start the name of a collective, for lists that mix units and people.
# Whole words only, and none that is also a family name (Đoàn, Tô…).
UNIT_WORDS = ("truong", "xa", "thi tran", "phong", "ubnd", "uy ban", "hoi", "cong ty", "ban chi", "chi bo",
              "dang bo", "tram", "benh vien", "trung tam", "htx", "hop tac xa", "to dan pho", "lop", "thon",
              "cong an", "quan su", "van phong", "chi cuc", "toa an", "vien kiem sat", "ngan hang", "lien doan",
              "mat tran", "huyen", "co quan", "doanh nghiep", "nha may", "buu dien", "chi nhanh", "cau lac bo",
              "doan thanh nien", "huyen doan", "khu dan cu")
SECTION_UNIT = ("tap the",)
SECTION_PERSON = ("ca nhan",)


class ListUnreadable(Exception):
    """A refusal of the whole file (Vietnamese message)."""


def key(text: str) -> str:
    """Matching key: folded, punctuation and runs of spaces ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(nfc(str(text)))).split())


@dataclass
class Row:
    number: int  # 1-based row of the sheet, as staff see it in Excel
    cells: list[str]


@dataclass
class Entry:
    row: int
    name: str
    kind: str  # "unit" or "person" ("mixed" until matched, in lists of both)
    position: str = ""
    unit_text: str = ""
    position_unit: str = ""  # one column "Chức vụ, đơn vị công tác"
    record: Record | None = None
    unit_record: Record | None = None
    note: str = ""  # why a name was not matched


@dataclass
class Result:
    header_row: int
    entries: list[Entry] = field(default_factory=list)
    bad_rows: list[tuple[int, str]] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------

def read_rows(path: Path) -> list[Row]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _read_csv(path)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    raise ListUnreadable(f"chỉ đọc được tệp .xlsx hoặc .csv (tệp đang là '{path.suffix or 'không đuôi'}'); "
                       "với tệp .xls cũ, mở bằng Excel và lưu lại dạng .xlsx")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(" ".join(str(value).split()))


def _read_csv(path: Path) -> list[Row]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise ListUnreadable(f"không đọc được tệp {path.name} ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ListUnreadable("tệp CSV phải lưu bằng mã UTF-8 (trong Excel: Lưu thành → 'CSV UTF-8')") from None
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [Row(i, [_cell(c) for c in cells]) for i, cells in enumerate(csv.reader(io.StringIO(text), dialect), 1)]


def _read_xlsx(path: Path) -> list[Row]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged or foreign file
        raise ListUnreadable(f"không mở được {path.name} như một tệp Excel .xlsx") from None
    try:
        sheet = book.active if book.active is not None else book.worksheets[0]
        return [Row(i, [_cell(c) for c in cells]) for i, cells in enumerate(sheet.iter_rows(values_only=True), 1)]
    finally:
        book.close()


# ---------------------------------------------------------------------------------------------
# Header and rows
# ---------------------------------------------------------------------------------------------

def _column_of(header: str) -> str | None:
    k = key(header)
    for column, words in COLUMNS:
        for word in words:
            if k == word or k.startswith(word + " "):
                return column
    return None


def find_header(rows: list[Row]) -> tuple[int, dict[str, int]]:
    """(index in rows, {column: cell index}) of the first row with "STT" and a name column."""
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        for j, cell in enumerate(row.cells):
            column = _column_of(cell) if cell else None
            if column and column not in columns:
                columns[column] = j
        if "stt" in columns and any(c in columns for c in NAME_COLUMNS):
            return i, columns
    raise ListUnreadable(f"không tìm thấy dòng tiêu đề trong {HEADER_SEARCH_ROWS} dòng đầu: cần cột 'STT' và "
                       "một cột tên ('Họ và tên', 'Họ tên', 'Tên tập thể' hoặc 'Tên đơn vị')")


_ROMAN_OR_LETTER = re.compile(r"^([ivxlc]+|[a-z])$")


def _number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,5}[.)]?", text))


def parse(rows: list[Row]) -> Result:
    start, columns = find_header(rows)
    name_col = next(columns[c] for c in NAME_COLUMNS if c in columns)
    default = {"person_name": "person", "unit_name": "unit", "mixed_name": "mixed"}[
        next(c for c in NAME_COLUMNS if c in columns)]
    mode = default
    result = Result(header_row=rows[start].number)

    def get(row: Row, column: str) -> str:
        j = columns.get(column)
        return row.cells[j] if j is not None and j < len(row.cells) else ""

    for row in rows[start + 1:]:
        filled = [c for c in row.cells if c]
        if not filled:
            continue
        stt = get(row, "stt")
        name = row.cells[name_col] if name_col < len(row.cells) else ""
        if filled == [stt]:
            continue  # a numbered but empty line of a template
        if len(filled) == 1 or (stt and _ROMAN_OR_LETTER.match(key(stt))):
            # A heading inside the list ("I. Tập thể", "B. CÁ NHÂN") switches the kind; other lone
            # text (titles, totals, signatures) is not part of the list.
            words = re.sub(r"^([ivxlc]+|[a-z]|\d+)\s+", "", key(" ".join(filled)))
            if words.startswith(SECTION_UNIT):
                mode = "unit"
            elif words.startswith(SECTION_PERSON):
                mode = "person"
            if len(filled) == 1 or words.startswith(SECTION_UNIT + SECTION_PERSON):
                continue
        problem = _row_problem(stt, name)
        if problem:
            result.bad_rows.append((row.number, problem))
            continue
        position, unit_text = get(row, "position"), get(row, "unit")
        combined = get(row, "position_unit")
        result.entries.append(Entry(row.number, name, mode, position, unit_text, position_unit=combined))
    return result


def _looks_like_unit(name: str) -> bool:
    words = key(name) + " "
    return any(words.startswith(w + " ") for w in UNIT_WORDS)


def _row_problem(stt: str, name: str) -> str | None:
    if not stt:
        return "thiếu số thứ tự (cột STT) ở một dòng có nội dung"
    if not _number(stt):
        return f"cột STT phải là một số (đang là '{stt}')"
    if not name:
        return "thiếu tên (cột họ tên / tên tập thể để trống)"
    if len(name) > MAX_NAME_CHARS:
        return f"tên dài quá {MAX_NAME_CHARS} ký tự"
    if not re.search(r"[^\W\d_]", name):
        return f"tên '{name}' không có chữ cái nào"
    return None


# ---------------------------------------------------------------------------------------------
# Matching
# ---------------------------------------------------------------------------------------------

class Matcher:
    """Looks records up by folded name or alias; prefers an exact spelling when several fold alike."""

    def __init__(self, records: dict[str, Record]):
        self.by_key: dict[str, list[Record]] = {}
        for record in records.values():
            for label in [record.get("name", ""), *(record.get("aliases") or [])]:
                if label:
                    self.by_key.setdefault(key(label), []).append(record)

    def find(self, name: str, unit: Record | None = None) -> tuple[Record | None, str]:
        found = list({r.id: r for r in self.by_key.get(key(name), [])}.values())  # one record may match twice
        if len(found) > 1 and unit is not None:
            found = [r for r in found if r.get("unit") == unit.id] or found
        if len(found) > 1:
            spelled = unify_tone_style(name).casefold()
            exact = [r for r in found if unify_tone_style(r.get("name", "")).casefold() == spelled]
            found = exact if len(exact) == 1 else found
        if len(found) > 1:
            return None, "trùng tên với nhiều bản ghi: " + ", ".join(r.id for r in found)
        return (found[0], "") if found else (None, "")


def match(result: Result, dataset: DataSet) -> None:
    units, people = Matcher(dataset.kind("units")), Matcher(dataset.kind("people"))
    for entry in result.entries:
        if entry.position_unit and not entry.unit_text and not entry.position:
            entry.position, entry.unit_record = _split_position_unit(entry.position_unit, units)
        elif entry.unit_text:
            entry.unit_record, _ = units.find(entry.unit_text)
        if entry.kind == "mixed":
            # a name that is a known unit or person says what it is; otherwise its first words do
            if units.find(entry.name)[0] is not None:
                entry.kind = "unit"
            elif people.find(entry.name, entry.unit_record)[0] is not None:
                entry.kind = "person"
            else:
                entry.kind = "unit" if _looks_like_unit(entry.name) else "person"
        if entry.kind == "unit":
            entry.record, entry.note = units.find(entry.name)
        else:
            entry.record, entry.note = people.find(entry.name, entry.unit_record)


def _split_position_unit(text: str, units: Matcher) -> tuple[str, Record | None]:
    """"Giáo viên, Trường THCS Lê Thanh Nghị" → ("Giáo viên", the school) when the school is known."""
    parts = [p.strip() for p in text.split(",")]
    for i in range(len(parts)):
        record, _ = units.find(", ".join(parts[i:]))
        if record is not None:
            return ", ".join(parts[:i]), record
    return text, None


# ---------------------------------------------------------------------------------------------
# The award record
# ---------------------------------------------------------------------------------------------

def recipients_of(result: Result) -> tuple[list[dict], list[Entry], list[tuple[int, str]]]:
    """(recipients, units without a record, duplicates) in list order; a name listed twice counts once."""
    recipients: list[dict] = []
    unknown_units: list[Entry] = []
    seen: set = set()
    duplicates: list[tuple[int, str]] = []
    for entry in result.entries:
        ident = (entry.kind, entry.record.id if entry.record else key(entry.name),
                 None if entry.record else (entry.unit_record.id if entry.unit_record else key(entry.unit_text)))
        if ident in seen:
            duplicates.append((entry.row, entry.name))
            continue
        seen.add(ident)
        if entry.record is not None:
            recipients.append({"unit" if entry.kind == "unit" else "person": entry.record.id})
        elif entry.kind == "unit":
            unknown_units.append(entry)
        else:
            item = {"name": entry.name}
            position = entry.position
            if entry.unit_text and entry.unit_record is None:
                # a unit without a record cannot be referred to; keep its name with the position
                position = ", ".join(p for p in (position, entry.unit_text) if p)
            if position:
                item["position"] = position
            if entry.unit_record is not None:
                item["unit"] = entry.unit_record.id
            recipients.append(item)
    return recipients, unknown_units, duplicates


def award_record(*, year: int, award: str, recipients: list[dict], unknown_units: list[Entry],
                 decision: str | None, date: str | None, issuer: str | None, campaign: str | None,
                 status: str | None, name_as_written: str | None) -> dict:
    record: dict = {"year": year, "award": award}
    if status:
        record["status"] = status
    if name_as_written:
        record["name_as_written"] = name_as_written
    if issuer:
        record["issuer"] = issuer
    if decision or date:
        record["decision"] = {k: v for k, v in (("number", decision), ("date", date)) if v}
    if campaign:
        record["campaign"] = campaign
    if recipients:
        record["recipients"] = recipients
    if unknown_units:
        # A collective needs a unit record to be named; until then it is counted, and listed in the note.
        named_units = sum(1 for r in recipients if "unit" in r and "name" not in r)
        record["count"] = {"tap_the": named_units + len(unknown_units)}
        record["note"] = "Tập thể chưa có bản ghi: " + "; ".join(e.name for e in unknown_units) + "."
    return record


def record_id(award: str, decision: str | None, source: Path) -> str:
    return slugify(f"{award} {decision}") if decision else slugify(f"{award} {source.stem}")


def find_vocab(dataset: DataSet, wanted: str) -> Record | None:
    """The vocabulary entry by id, or by folded name or alias."""
    if wanted in dataset.vocab:
        return dataset.vocab[wanted]
    for entry in dataset.vocab.values():
        if key(wanted) in {key(x) for x in [entry.get("name", ""), *(entry.get("aliases") or [])]}:
            return entry
    return None


KIND_LABEL = {"unit": s.KINDS["units"].label, "person": s.KINDS["people"].label}


# ---------------------------------------------------------------------------------------------
# Command line: scripts/import_awards.py
# ---------------------------------------------------------------------------------------------

def _yaml_text(record: dict, source: Path) -> str:
    import yaml

    body = yaml.safe_dump(record, allow_unicode=True, sort_keys=False, default_flow_style=None, width=10_000)
    return f"# Nhập từ tệp {source.name} bằng scripts/import_awards.py; kiểm tra lại trước khi gửi.\n{body}"


def _validate_file(data_dir: Path, out: Path, year: int, docs_dir: Path | None) -> list[str]:
    """Errors of the written file, as the validator reports them (other files' errors are not ours)."""
    import shutil
    import tempfile

    from bangvang.records.validation import validate

    try:
        inside = out.resolve().relative_to(data_dir.resolve())
    except ValueError:
        inside = None
    if inside is not None:
        _, errors = validate(data_dir, docs_dir)
        shown = "data/" + inside.as_posix()
        return [str(e) for e in errors if e.path == shown]
    # Written elsewhere (--out): check it as if it were in data/awards/<year>/ of a copy.
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(data_dir, copy)
        target = copy / "awards" / str(year) / out.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(out, target)
        _, errors = validate(copy, docs_dir)
        shown = f"data/awards/{year}/{out.name}"
        return [str(e).replace(shown, str(out), 1) for e in errors if e.path == shown]


def import_main(argv: list[str] | None = None) -> int:
    import argparse
    import sys

    from bangvang.staff.cli import PROJECT_ROOT, _utf8_output
    from bangvang.records.errors import ErrorLog
    from bangvang.records.loader import load_dataset
    from bangvang.text import parse_date

    parser = argparse.ArgumentParser(
        description="Nhập danh sách khen thưởng (.xlsx hoặc .csv) thành một bản ghi khen thưởng.")
    parser.add_argument("file", type=Path, metavar="TỆP", help="tệp .xlsx hoặc .csv (UTF-8)")
    parser.add_argument("--award", required=True, help="mã danh hiệu/hình thức trong data/vocab/awards.yml (hoặc tên)")
    parser.add_argument("--year", required=True, type=int, help="năm khen thưởng")
    parser.add_argument("--decision", help="số quyết định, ví dụ 1034/QĐ-UBND")
    parser.add_argument("--date", help="ngày quyết định, YYYY-MM-DD hoặc DD/MM/YYYY")
    parser.add_argument("--issuer", help="cấp tặng, ví dụ 'Chủ tịch UBND tỉnh Hải Dương'")
    parser.add_argument("--campaign", help="mã phong trào thi đua")
    parser.add_argument("--status", choices=[c for c in s.AWARD_STATUS.choices], help="tang (mặc định) hoặc de_nghi")
    parser.add_argument("--out", type=Path, help="tệp ghi ra (mặc định: data/awards/<năm>/<mã>.yml)")
    parser.add_argument("--data", type=Path, default=PROJECT_ROOT / "data", help="thư mục dữ liệu (mặc định: data/)")
    args = parser.parse_args(argv)
    _utf8_output()

    def warn(line: str) -> None:
        sys.stdout.flush()  # keep the report in order when both streams go to one console
        print(line, file=sys.stderr, flush=True)

    def refuse(message: str) -> int:
        warn(f"Không nhập: {message}.")
        return 1

    if not 1900 <= args.year <= 2100:
        return refuse(f"năm {args.year} không hợp lệ")
    date = None
    if args.date:
        day = parse_date(args.date)
        if day is None:
            return refuse(f"ngày '{args.date}' không có thật; viết YYYY-MM-DD hoặc DD/MM/YYYY")
        date = day.isoformat()
    dataset = load_dataset(args.data, ErrorLog())
    entry = find_vocab(dataset, args.award)
    if entry is None:
        return refuse(f"không có danh hiệu, hình thức nào mã hoặc tên '{args.award}' trong data/{s.VOCAB_PATH}")
    if args.campaign and args.campaign not in dataset.kind("campaigns"):
        return refuse(f"không có phong trào nào mã '{args.campaign}' trong data/campaigns/")
    if not args.file.is_file():
        return refuse(f"không tìm thấy tệp {args.file}")
    try:
        result = parse(read_rows(args.file))
    except ListUnreadable as problem:
        return refuse(str(problem))
    match(result, dataset)
    recipients, unknown_units, duplicates = recipients_of(result)

    print(f"Đọc {args.file.name}: dòng tiêu đề là dòng {result.header_row}; {len(result.entries)} dòng danh sách.")
    matched = [e for e in result.entries if e.record is not None]
    if matched:
        print(f"Đã khớp với bản ghi có sẵn ({len(matched)}):")
        for e in matched:
            print(f"  dòng {e.row}: {e.name} → {KIND_LABEL[e.kind]} {e.record.id}")
    inline = [e for e in result.entries if e.record is None and e.kind == "person"]
    if inline:
        print(f"Không khớp, ghi họ tên trực tiếp trong bản ghi ({len(inline)}):")
        for e in inline:
            where = f"; đơn vị {e.unit_record.id}" if e.unit_record else (
                f"; đơn vị '{e.unit_text}' chưa có bản ghi" if e.unit_text else "")
            why = f" ({e.note})" if e.note else ""
            print(f"  dòng {e.row}: {e.name}{where}{why}")
    if unknown_units:
        print(f"Tập thể chưa có bản ghi, chỉ được đếm vào số lượng ({len(unknown_units)}); "
              "tạo bằng scripts/new.py unit \"Tên\" rồi nhập lại để ghi tên:")
        for e in unknown_units:
            why = f" ({e.note})" if e.note else ""
            print(f"  dòng {e.row}: {e.name}{why}")
    for row, name in duplicates:
        print(f"  dòng {row}: {name} đã có ở dòng trên, bỏ qua")
    if result.bad_rows:
        warn(f"Dòng không đọc được, không nhập ({len(result.bad_rows)}):")
        for row, problem in result.bad_rows:
            warn(f"  dòng {row}: {problem}")
    if not recipients and not unknown_units:
        return refuse("không có dòng nào nhập được")

    rid = args.out.stem if args.out else record_id(entry.id, args.decision, args.file)
    out = args.out or args.data / "awards" / str(args.year) / f"{rid}.yml"
    clash = sorted((args.data / "awards").glob(f"*/{rid}.yml")) if not args.out else ([out] if out.exists() else [])
    if clash:
        return refuse(f"đã có tệp {clash[0]}; xóa hoặc đặt tên khác bằng --out")
    record = award_record(year=args.year, award=entry.id, recipients=recipients, unknown_units=unknown_units,
                          decision=args.decision, date=date, issuer=args.issuer, campaign=args.campaign,
                          status=args.status, name_as_written=None)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(_yaml_text(record, args.file), encoding="utf-8")
    errors = _validate_file(args.data, out, args.year, args.data.parent / "docs")
    if errors:
        out.unlink()
        warn("Bản ghi tạo ra chưa hợp lệ nên không ghi:")
        for line in errors:
            warn(f"  {line}")
        return 1
    shown = out.relative_to(PROJECT_ROOT) if out.resolve().is_relative_to(PROJECT_ROOT) else out
    print(f"Đã ghi {shown} ({len(recipients)} người nhận có tên"
          + (f", {len(unknown_units)} tập thể chỉ đếm số lượng" if unknown_units else "") + "). Bản ghi hợp lệ.")
    return 0
