"""Read a spreadsheet (.xlsx) or a delimited text file (.csv, .tsv, .txt) into rows of text.

Time and memory follow what the file really holds, never what it declares: a sheet is streamed
cell by cell (a 5 KB file whose one cell is XFD1048576 is one row and one cell, not a billion),
only rows holding a value are kept, and the file is refused early, with a Vietnamese message,
past fixed limits (file size, unpacked size, rows, cells, characters in a cell).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError, iterparse

from bangvang.staff.review import ImportRefused, Review
from bangvang.text import format_number, nfc

MAX_FILE_BYTES = 20 * 1024 * 1024  # the file on disk
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts of an .xlsx, unpacked
MAX_SHEET_XML_BYTES = 60 * 1024 * 1024  # one sheet's XML, unpacked
MAX_DATA_ROWS = 20_000  # rows holding a value; a district list has hundreds
MAX_XML_ROWS = 200_000  # rows in the XML, empty ones included
MAX_XML_CELLS = 2_000_000  # cells in the XML, empty ones included
MAX_COLUMNS = 60  # columns A…BH; a list has fewer than 15
MAX_CELL_CHARS = 10_000  # one cell; a "Thành tích" paragraph is under 2.000
HEAD_ROWS = 40  # rows read to find a list's header

TEXT_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class Merge:
    min_row: int
    min_col: int  # 1-based
    max_row: int
    max_col: int

    @property
    def ref(self) -> str:
        return f"{column_letter(self.min_col - 1)}{self.min_row}:{column_letter(self.max_col - 1)}{self.max_row}"


@dataclass
class Row:
    number: int  # as Excel shows it
    cells: list[str]
    filled: dict[int, Merge] = field(default_factory=dict)  # 0-based column → merge copied down into it

    def get(self, column: int | None) -> str:
        return self.cells[column] if column is not None and column < len(self.cells) else ""


@dataclass
class Table:
    name: str | None  # the sheet's name; None for a text file
    rows: list[Row]  # rows holding a value, in order
    merges: list[Merge] = field(default_factory=list)
    description: str = ""
    unknown: dict[tuple[int, int], str] = field(default_factory=dict)  # (row, col 0-based) → why no value
    changed: dict[tuple[int, int], str] = field(default_factory=dict)  # cells whose text was cleaned


@dataclass
class SheetInfo:
    index: int  # 1-based, in tab order
    name: str
    is_chart: bool
    hidden: bool
    active: bool


def column_letter(index: int) -> str:
    """0-based column → "A", "B", … "XFD"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_name(row: int, column: int) -> str:
    return f"{column_letter(column)}{row}"


# ---------------------------------------------------------------------------------------------
# Cell text
# ---------------------------------------------------------------------------------------------

# Controls, bidi overrides, zero-width and non-characters: invisible in Excel, harmful in a record.
_INVISIBLE = re.compile(
    "[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f\u00ad\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff\ud800-\udfff]"
)


def cell_text(value) -> tuple[str, bool]:
    """A cell as one line of NFC text; True when invisible characters had to be removed."""
    if value is None:
        return "", False
    if isinstance(value, bool):
        return ("Đúng" if value else "Sai"), False
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y"), False
    if isinstance(value, float):
        return format_number(value), False
    text = str(value)
    cleaned = _INVISIBLE.sub("", text)
    return nfc(" ".join(cleaned.split())), cleaned != text


def _check_length(text, where: str) -> None:
    if isinstance(text, str) and len(text) > MAX_CELL_CHARS:
        raise ImportRefused(
            f"ô {where} dài {format_number(len(text))} ký tự, quá giới hạn "
            f"{format_number(MAX_CELL_CHARS)} ký tự của một ô; một danh sách khen thưởng "
            "không có ô dài như vậy, hãy kiểm tra lại tệp (có thể dán nhầm)"
        )


# ---------------------------------------------------------------------------------------------
# Which reader
# ---------------------------------------------------------------------------------------------


def file_kind(path: Path) -> str:
    """'xlsx' or 'text', by the file's first bytes (the suffix only helps)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise ImportRefused(f"không đọc được tệp {path.name} ({exc.strerror or exc})") from None
    if size > MAX_FILE_BYTES:
        raise ImportRefused(
            f"tệp {path.name} nặng {format_number(round(size / 1048576, 1))} MB, quá giới hạn "
            f"{MAX_FILE_BYTES // 1048576} MB; một danh sách khen thưởng chỉ vài trăm KB"
        )
    suffix = path.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportRefused(
            "đây là tệp Excel cũ (.xls) hoặc tệp có đặt mật khẩu; mở bằng Excel, bỏ mật khẩu "
            "nếu có, rồi lưu lại dạng .xlsx (Tệp → Lưu thành → Sổ làm việc Excel)"
        )
    if head.startswith(b"PK\x03\x04"):
        if suffix in (".ods", ".numbers"):
            raise ImportRefused(f"chỉ đọc được .xlsx hoặc .csv (tệp đang là '{suffix}'); lưu lại dạng .xlsx")
        return "xlsx"
    if suffix in XLSX_SUFFIXES:
        raise ImportRefused(f"không mở được {path.name} như một tệp Excel .xlsx (tệp hỏng hoặc không phải .xlsx)")
    if suffix in TEXT_SUFFIXES:
        return "text"
    raise ImportRefused(
        f"chỉ đọc được tệp .xlsx hoặc .csv (tệp đang là '{path.suffix or 'không đuôi'}'); "
        "với tệp .xls cũ, mở bằng Excel và lưu lại dạng .xlsx"
    )


# ---------------------------------------------------------------------------------------------
# .xlsx
# ---------------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


class Workbook:
    """An .xlsx opened for reading its sheets one at a time; use as a context manager."""

    def __init__(self, path: Path):
        self.path = path
        self._check_zip()
        from openpyxl import load_workbook

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                self.book = load_workbook(path, read_only=True, data_only=True, keep_links=False)
        except Exception:  # noqa: BLE001 - openpyxl raises many kinds for a damaged or foreign file
            raise ImportRefused(
                f"không mở được {path.name} như một tệp Excel .xlsx "
                "(tệp hỏng, hoặc lưu bằng chương trình khác: mở bằng Excel rồi lưu lại)"
            ) from None
        try:
            active = self.book.active
        except Exception:  # noqa: BLE001 - a workbook whose active index points nowhere
            active = None
        self.sheets: list[SheetInfo] = []
        self._objects = {}
        for i, name in enumerate(self.book.sheetnames, 1):
            sheet = self.book[name]
            self._objects[name] = sheet
            self.sheets.append(
                SheetInfo(
                    i,
                    name,
                    is_chart=not hasattr(sheet, "_get_source"),
                    hidden=getattr(sheet, "sheet_state", "visible") != "visible",
                    active=sheet is active,
                )
            )

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.book.close()
        except Exception:  # noqa: BLE001 - closing must never hide the real outcome
            pass

    def _check_zip(self) -> None:
        try:
            with zipfile.ZipFile(self.path) as archive:
                infos = archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ImportRefused(f"không mở được {self.path.name} như một tệp Excel .xlsx (tệp hỏng)") from None
        total = sum(i.file_size for i in infos)
        if len(infos) > 10_000 or total > MAX_UNPACKED_BYTES:
            raise ImportRefused(
                f"tệp {self.path.name} giải nén ra {format_number(total // 1048576)} MB, quá giới "
                f"hạn {MAX_UNPACKED_BYTES // 1048576} MB; đây không phải một danh sách bình thường"
            )
        self._sizes = {i.filename: i.file_size for i in infos}

    def read(self, info: SheetInfo, head_only: bool = False) -> Table:
        """The rows of one worksheet (the first HEAD_ROWS rows holding a value when head_only)."""
        if info.is_chart:
            raise ImportRefused(f"trang '{info.name}' là trang biểu đồ, không có bảng để đọc")
        sheet = self._objects[info.name]
        xml_path = getattr(sheet, "_worksheet_path", "")
        if self._sizes.get(xml_path, 0) > MAX_SHEET_XML_BYTES:
            raise ImportRefused(
                f"trang '{info.name}' quá lớn ({format_number(self._sizes[xml_path] // 1048576)} MB "
                "khi giải nén); chép riêng phần danh sách sang một tệp mới"
            )
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return self._stream(sheet, info, head_only)
        except ImportRefused:
            raise
        except (ParseError, KeyError, IndexError, ValueError, TypeError, OSError, zipfile.BadZipFile):
            raise ImportRefused(
                f"trang '{info.name}' của {self.path.name} bị hỏng, không đọc được; mở bằng Excel rồi lưu lại"
            ) from None

    def _stream(self, sheet, info: SheetInfo, head_only: bool) -> Table:
        from openpyxl.worksheet._reader import WorkSheetParser

        book = self.book
        parser = WorkSheetParser(
            None,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=getattr(book, "_date_formats", set()),
            timedelta_formats=getattr(book, "_timedelta_formats", set()),
        )
        table = Table(info.name, [], description=f"trang tính '{info.name}'")
        far: list[str] = []
        xml_rows = xml_cells = 0
        row_number = 0
        current: dict[int, str] = {}
        row_element = sheet_data = None
        with sheet._get_source() as source:
            for event, element in iterparse(source, events=("start", "end")):
                tag = _local(element.tag)
                if event == "start":
                    if tag == "row":
                        xml_rows += 1
                        if xml_rows > MAX_XML_ROWS:
                            raise ImportRefused(
                                f"trang '{info.name}' có hơn {format_number(MAX_XML_ROWS)} hàng "
                                "(kể cả hàng trống có định dạng); chép riêng phần danh sách "
                                "sang một tệp mới"
                            )
                        r = element.get("r")
                        row_number = int(float(r)) if r else row_number + 1
                        parser.row_counter, parser.col_counter = row_number, 0
                        current, row_element = {}, element
                    elif tag == "sheetData":
                        sheet_data = element
                    continue
                if tag == "c":
                    xml_cells += 1
                    if xml_cells > MAX_XML_CELLS:
                        raise ImportRefused(
                            f"trang '{info.name}' có hơn {format_number(MAX_XML_CELLS)} ô "
                            "(kể cả ô trống có định dạng); chép riêng phần danh sách sang tệp mới"
                        )
                    self._cell(parser, element, row_number, current, table, far)
                    if row_element is not None and len(row_element) and row_element[-1] is element:
                        del row_element[-1]  # keep memory flat however wide the row is
                elif tag == "row":
                    if sheet_data is not None and len(sheet_data) and sheet_data[-1] is element:
                        del sheet_data[-1]
                    row_element = None
                    if current:
                        width = max(current) + 1
                        table.rows.append(Row(row_number, [current.get(j, "") for j in range(width)]))
                        if len(table.rows) > MAX_DATA_ROWS:
                            raise ImportRefused(
                                f"trang '{info.name}' có hơn {format_number(MAX_DATA_ROWS)} dòng có dữ liệu; "
                                "danh sách khen thưởng của một quyết định không dài như vậy — kiểm tra lại tệp, "
                                "hoặc chia danh sách thành nhiều tệp"
                            )
                        if head_only and len(table.rows) >= HEAD_ROWS:
                            break
                elif tag == "mergeCell":
                    self._merge(element.get("ref", ""), table)
                    if len(table.merges) > MAX_DATA_ROWS * 4:
                        raise ImportRefused(
                            f"trang '{info.name}' có quá nhiều ô gộp; chép riêng phần danh sách sang một tệp mới"
                        )
        table.rows.sort(key=lambda r: r.number)
        if far:
            table.unknown[(0, -1)] = (
                f"{len(far)} ô có dữ liệu nằm ngoài vùng đọc (sau cột "
                f"{column_letter(MAX_COLUMNS - 1)}), bỏ qua: " + ", ".join(far[:3]) + (" …" if len(far) > 3 else "")
            )
        return table

    @staticmethod
    def _cell(parser, element, row_number: int, current: dict, table: Table, far: list) -> None:
        cell = parser.parse_cell(element)
        column = cell["column"] - 1
        value = cell["value"]
        has_formula = any(_local(child.tag) == "f" for child in element)
        element.clear()
        if value is None:
            if has_formula:
                _note_unknown(
                    table,
                    row_number,
                    column,
                    "công thức chưa có giá trị tính sẵn (mở tệp bằng Excel rồi lưu lại để Excel tính)",
                )
            return
        if column >= MAX_COLUMNS:
            far.append(cell_name(row_number, column))
            return
        _check_length(value, cell_name(row_number, column))
        text, changed = cell_text(value)
        if cell["data_type"] == "e":
            _note_unknown(table, row_number, column, f"ô báo lỗi công thức {text}")
            return
        if not text:
            return
        if changed:
            table.changed[(row_number, column)] = "bỏ ký tự ẩn hoặc ký tự điều khiển"
        current[column] = text

    @staticmethod
    def _merge(ref: str, table: Table) -> None:
        from openpyxl.utils.cell import range_boundaries

        try:
            min_col, min_row, max_col, max_row = range_boundaries(ref)
        except (ValueError, TypeError):
            return
        if None in (min_col, min_row, max_col, max_row):
            return
        table.merges.append(Merge(min_row, min_col, max_row, max_col))


def _note_unknown(table: Table, row: int, column: int, why: str) -> None:
    if column < MAX_COLUMNS:
        table.unknown[(row, column)] = why


# ---------------------------------------------------------------------------------------------
# .csv, .tsv, .txt
# ---------------------------------------------------------------------------------------------

_VIETNAMESE = set()
for _base in "aăâeêioôơuưy":
    for _tone in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"):
        _VIETNAMESE.add(nfc(_base + _tone))
_VIETNAMESE |= {"đ"}

DELIMITER_NAMES = {",": "dấu phẩy (,)", ";": "dấu chấm phẩy (;)", "\t": "dấu tab", "|": "dấu gạch đứng (|)"}


def _vietnamese_score(text: str) -> int:
    """Letters of Vietnamese minus other accented letters: which legacy code page reads right."""
    score = 0
    for ch in nfc(text[:200_000]).lower():
        if ord(ch) < 128 or not ch.isalpha():
            continue
        score += 1 if ch in _VIETNAMESE else -1
    return score


def decode(data: bytes, review: Review, name: str) -> tuple[str, str]:
    """(text, encoding shown to staff): UTF-8 with or without BOM, UTF-16 with BOM (Excel's
    "Unicode text"), else the Windows code page that reads the most Vietnamese letters."""
    if data.startswith(b"\xef\xbb\xbf"):
        if _utf8(data[3:]):
            return data[3:].decode("utf-8"), "UTF-8"
        raise ImportRefused(
            f"tệp {name} ghi là UTF-8 nhưng có byte sai mã; trong Excel: Lưu thành → "
            "'CSV UTF-8 (phân cách bằng dấu phẩy)'"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ImportRefused(
                f"tệp {name} hỏng (mã UTF-16 không đọc được); trong Excel: Lưu thành → "
                "'CSV UTF-8 (phân cách bằng dấu phẩy)'"
            ) from None
    if _utf8(data):
        return data.decode("utf-8"), "UTF-8"
    readings = []
    for codec, label in (("cp1258", "Windows-1258 (tiếng Việt)"), ("cp1252", "Windows-1252")):
        try:
            text = data.decode(codec, "strict")
        except UnicodeDecodeError:
            continue
        readings.append((_vietnamese_score(text), label, text))
    if not readings:
        raise ImportRefused(
            f"tệp {name} không lưu bằng mã UTF-8 và không đọc được theo bảng mã Windows; "
            "trong Excel: Lưu thành → 'CSV UTF-8 (phân cách bằng dấu phẩy)'"
        )
    score, label, text = max(readings, key=lambda r: r[0])
    if score < 0:
        raise ImportRefused(
            f"tệp {name} không lưu bằng mã UTF-8 và không nhận ra bảng mã (TCVN3, VNI?); "
            "mở bằng Excel, đổi phông sang Unicode nếu cần, rồi Lưu thành → 'CSV UTF-8'"
        )
    review.file_note(
        f"tệp CSV không lưu bằng mã UTF-8; đã đọc theo bảng mã {label}: kiểm tra dấu tiếng Việt "
        "của các tên trong tệp kết quả (tốt nhất: lưu lại bằng 'CSV UTF-8')"
    )
    return text, label


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8", "strict")
        return True
    except UnicodeDecodeError:
        return False


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the most lines into the same number of cells (Excel with a
    Vietnamese locale writes ';', "Unicode text" writes tabs)."""
    sample = text[:200_000].splitlines()[:300]
    best, best_score = ",", (0, 0)
    for delimiter in ("\t", ";", ",", "|"):
        try:
            widths = [len(r) for r in csv.reader(sample, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        if not widths:
            continue
        width, _ = Counter(widths).most_common(1)[0]
        if width < 2:
            continue
        score = (sum(1 for w in widths if w == width) * 10 // len(widths), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def read_text_table(path: Path, review: Review) -> Table:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportRefused(f"không đọc được tệp {path.name} ({exc.strerror or exc})") from None
    text, encoding = decode(data, review, path.name)
    if "\x00" in text:
        raise ImportRefused(
            f"tệp {path.name} không phải văn bản CSV (có ký tự NUL); trong Excel: Lưu thành → "
            "'CSV UTF-8 (phân cách bằng dấu phẩy)'"
        )
    skipped = 0
    m = re.match(r"sep=(.)\r?\n", text)  # Excel's hint line; Excel does not show it as a row
    if m:
        delimiter, text, skipped = m[1], text[m.end() :], 0
    else:
        delimiter = detect_delimiter(text)
    table = Table(
        None,
        [],
        description=f"tệp văn bản, mã {encoding}, phân cách bằng {DELIMITER_NAMES.get(delimiter, repr(delimiter))}",
    )
    # strict: a quote never closed is an error, not the rest of the file swallowed into one cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    far: list[str] = []
    number = skipped
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_CELL_CHARS + 1)
    try:
        for cells in reader:
            number += 1
            current: dict[int, str] = {}
            for j, raw in enumerate(cells):
                if not raw.strip():
                    continue
                if j >= MAX_COLUMNS:
                    far.append(cell_name(number, j))
                    continue
                _check_length(raw, cell_name(number, j))
                value, changed = cell_text(raw)
                if value:
                    current[j] = value
                    if changed:
                        table.changed[(number, j)] = "bỏ ký tự ẩn hoặc ký tự điều khiển"
            if current:
                table.rows.append(Row(number, [current.get(j, "") for j in range(max(current) + 1)]))
                if len(table.rows) > MAX_DATA_ROWS:
                    raise ImportRefused(
                        f"tệp {path.name} có hơn {format_number(MAX_DATA_ROWS)} dòng có dữ liệu; "
                        "danh sách khen thưởng của một quyết định không dài như vậy — kiểm tra "
                        "lại tệp, hoặc chia danh sách thành nhiều tệp"
                    )
    except csv.Error:
        raise ImportRefused(
            f"tệp {path.name}, dòng {number + 1}: một ô dài quá {format_number(MAX_CELL_CHARS)} ký tự "
            "hoặc có dấu ngoặc kép (\") không đóng; mở bằng Excel và lưu lại dạng 'CSV UTF-8'"
        ) from None
    finally:
        csv.field_size_limit(old_limit)
    if far:
        table.unknown[(0, -1)] = (
            f"{len(far)} ô có dữ liệu nằm ngoài vùng đọc (sau cột "
            f"{column_letter(MAX_COLUMNS - 1)}), bỏ qua: " + ", ".join(far[:3]) + (" …" if len(far) > 3 else "")
        )
    return table
