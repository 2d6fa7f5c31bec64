"""Walk the rows under a list's header: entries, section headings, the closing line, and what
the title above the header says (decision number, date, issuer).

- A section heading is a row with one text (one cell, or cells merged across), in any column,
  or a Roman numeral or letter in the STT column: "I. TẬP THỂ (06 tập thể)", "II. CÁ NHÂN",
  "1. Khối trường học". "Tập thể" / "Cá nhân" / "Hộ gia đình" in it say what the rows under it
  are; a count in it is checked against the rows read.
- The closing line "Ấn định danh sách có 06 tập thể và 25 cá nhân./." is checked the same way;
  the signature block after it is not part of the list.
- A cell merged down over several rows (a unit shared by several people) is read for each row.
- Every row skipped, and every value changed or guessed, goes to the review with its row number.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from bangvang.staff.column_mapping import Layout, is_column_number_row
from bangvang.staff.list_words import (
    ROMAN,
    ROW_NUMBER,
    column_kind,
    counts_in,
    heading_kind,
    heading_text,
    is_closing,
    is_end_matter,
    is_heading_text,
    is_roman_or_letter,
    key,
    mark_as_written,
    starts_like_unit,
    strip_honorific,
)
from bangvang.staff.review import Review
from bangvang.staff.sheet_reading import MAX_COLUMNS, Row, Table, cell_name, column_letter

MAX_NAME_CHARS = 200
KIND_OF_NAME_COLUMN = {
    "person_name": "person",
    "unit_name": "unit",
    "mixed_name": "mixed",
    "household_name": "household",
}
KIND_WORDS_VI = {"unit": "tập thể", "person": "cá nhân", "household": "hộ gia đình"}


@dataclass
class Section:
    row: int
    title: str
    kind: str | None  # unit | person | household | mixed | None (a group that does not say)
    declared: dict[str, int]
    level: int  # 1: "I.", "A."; 2: "1.", "a)"
    style: str  # roman | letter | arabic | none
    entries: list = field(default_factory=list)
    group_unit: str = ""  # a heading that names a unit: the people under it work there


@dataclass
class Entry:
    row: int
    name: str
    kind: str  # unit | person | household | mixed
    kind_from: str  # section | header
    position: str = ""
    unit_text: str = ""
    combined: str = ""  # "Chức vụ, đơn vị" in one column
    reason: str = ""
    form: str = ""
    group_unit: str = ""
    group_row: int | None = None
    sections: list[Section] = field(default_factory=list)


@dataclass
class Closing:
    row: int
    text: str
    counts: dict[str, int]
    final: bool  # "Ấn định danh sách…": the whole list; otherwise a running total
    since: int  # index of the first entry it counts


@dataclass
class HonourList:
    table: Table
    layout: Layout
    entries: list[Entry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closings: list[Closing] = field(default_factory=list)
    title_lines: list[tuple[int, str]] = field(default_factory=list)
    end_rows: list[int] = field(default_factory=list)
    decision_number: str | None = None
    decision_date: dt.date | None = None
    decision_row: int | None = None
    issuer: str | None = None


# ---------------------------------------------------------------------------------------------


def fill_down(table: Table, layout: Layout) -> None:
    """Give each row the value of a cell merged down over it (only under the header)."""
    numbers = [r.number for r in table.rows]
    for merge in table.merges:
        if merge.max_row <= merge.min_row or merge.min_row <= layout.header_end or merge.min_col > MAX_COLUMNS:
            continue
        top = bisect.bisect_left(numbers, merge.min_row)
        if top >= len(numbers) or numbers[top] != merge.min_row:
            continue
        column = merge.min_col - 1
        value = table.rows[top].get(column)
        if not value:
            continue
        for i in range(top + 1, bisect.bisect_right(numbers, merge.max_row)):
            row = table.rows[i]
            if row.get(column):
                continue
            if len(row.cells) <= column:
                row.cells.extend([""] * (column + 1 - len(row.cells)))
            row.cells[column] = value
            row.filled[column] = merge


class _Walker:
    def __init__(self, result: HonourList, review: Review):
        self.result, self.review = result, review
        self.layout = result.layout
        self.table = result.table
        self.mode = KIND_OF_NAME_COLUMN[self.layout.name_kind]
        self.mode_from = "header"
        self.top: Section | None = None
        self.sub: Section | None = None
        self.ended = False
        self.loose: list[tuple[int, str, bool]] = []  # (row, text, in name column): lone text, not a heading
        self.last: Entry | None = None
        self.since = 0
        self.merges_told: set[int] = set()

    # --- helpers -----------------------------------------------------------------------------
    def value(self, row: Row, kind: str, joiner: str = ", ") -> str:
        parts = [row.get(c) for c in self.layout.columns.get(kind, [])]
        return joiner.join(p for p in parts if p)

    def used_columns(self) -> set[int]:
        used = set()
        for kind in ("stt", self.layout.name_kind, "position", "unit", "position_unit", "reason", "form"):
            used.update(self.layout.columns.get(kind, []))
        return used

    # --- the walk ----------------------------------------------------------------------------
    def walk(self) -> None:
        rows = self.table.rows[self.layout.body_start :]
        stt_col = self.layout.first("stt")
        name_cols = self.layout.name_columns
        for row in rows:
            own = {c: v for c, v in enumerate(row.cells) if v and c not in row.filled}
            if not own:
                continue
            texts = list(dict.fromkeys(own.values()))
            if self._repeated_header(row, own):
                continue
            stt = own.get(stt_col, "") if stt_col is not None else ""
            name_own = any(c in own for c in name_cols)
            name = " ".join(row.get(c) for c in name_cols if row.get(c))
            numbered = bool(stt) and bool(ROW_NUMBER.match(stt))
            if own.keys() == {stt_col} and numbered:
                self.review.note(row.number, f"chỉ có số thứ tự '{stt}', không có tên: bỏ qua")
                continue
            if self.ended:
                if name_own and (numbered or stt_col is None) and len(texts) > 1:
                    self.review.note(row.number, f"'{name}' nằm sau dòng kết thúc danh sách, không nhập", blocking=True)
                else:
                    self.result.end_rows.append(row.number)
                continue
            if len(texts) == 1 and not numbered:
                self._lone(row, texts[0], min(own), stt_col, name_cols)
                continue
            if stt and is_roman_or_letter(stt) and not ROW_NUMBER.match(stt):
                rest = [v for c, v in own.items() if c != stt_col]
                self._section(row, f"{stt.rstrip('.')}. " + " ".join(dict.fromkeys(rest)), marker=stt)
                continue
            if name and not name_own and any(c in row.filled for c in name_cols):
                self._continuation(row, own)
                continue
            if not name:
                unknown = [
                    self.table.unknown[(row.number, c)] for c in name_cols if (row.number, c) in self.table.unknown
                ]
                why = f"ô tên là {unknown[0]}" if unknown else "thiếu tên (ô họ tên / tên tập thể để trống)"
                self.review.note(row.number, f"{why}, không nhập", blocking=True)
                continue
            if stt_col is not None and not stt and stt_col not in row.filled:
                self.review.note(
                    row.number,
                    f"'{name}' không có số thứ tự (cột STT để trống), không nhập; "
                    "ghi STT rồi nhập lại nếu đây là người nhận",
                    blocking=True,
                )
                continue
            if stt and not numbered:
                self.review.note(
                    row.number, f"cột STT phải là một số (đang là '{stt}'), không nhập dòng '{name}'", blocking=True
                )
                continue
            others = [c for c in own if c not in name_cols and c != stt_col]
            if not others and is_heading_text(name):
                self._section(row, f"{stt} {name}", marker=stt)
                continue
            self._entry(row, name)

    def _repeated_header(self, row: Row, own: dict[int, str]) -> bool:
        """The header printed again on each page, or its column-number row."""
        if is_column_number_row(row) and len(own) >= 2:
            self.review.note(row.number, "dòng đánh số cột (1), (2)… lặp lại, bỏ qua")
            return True
        if len(own) >= 2 and all(column_kind(v) for v in own.values()):
            self.review.note(row.number, "dòng tiêu đề bảng lặp lại, bỏ qua")
            return True
        return False

    def _lone(self, row: Row, text: str, column: int, stt_col: int | None, name_cols: list[int]) -> None:
        if is_closing(text):
            final = key(text).startswith("an dinh") or " an dinh " in f" {key(text)} "
            counts = counts_in(text)
            self.result.closings.append(Closing(row.number, text, counts, final, self.since))
            self.since = len(self.result.entries)
            if final:
                self.ended = True
            return
        mark = mark_as_written(text)
        if mark is not None or is_heading_text(text):
            self._section(row, text, marker=mark)
            return
        if is_end_matter(text):
            self.ended = True
            self.result.end_rows.append(row.number)
            return
        if column in name_cols and stt_col is None:
            self._entry(row, text)
            return
        if column in name_cols and starts_like_unit(text):
            self._section(row, text, marker=None)
            self.review.note(
                row.number,
                f"'{_short(text)}' không có STT: coi là tiêu đề nhóm (đơn vị của các dòng "
                "dưới), không nhập như một người nhận",
                unconfirmed=True,
            )
            return
        self.loose.append((row.number, text, column in name_cols))

    def _section(self, row: Row, title: str, marker: str | None) -> None:
        marker = (marker or "").strip().rstrip(".):-/")
        if not marker:
            style = "none"
        elif marker.isdigit():
            style = "arabic"
        elif marker.isupper() and ROMAN.match(marker) and (len(marker) > 1 or marker in "IVX"):
            style = "roman"
        elif marker.isupper() and len(marker) == 1:
            style = "letter"
        else:
            style = "arabic"  # "a)", "b)": below the top level
        kind = heading_kind(title)
        if style == "none":
            level = 1 if kind else 2
        elif style == "arabic":
            level = 2
        else:
            level = 1 if self.top is None or self.top.style in (style, "none") else 2
        inherited = kind or (self.top.kind if level == 2 and self.top else None)
        declared = counts_in(title, inherited if inherited in ("unit", "person", "household") else None)
        section = Section(row.number, title, kind, declared, level, style)
        if level == 2 and not kind:
            section.group_unit = heading_text(title)
        if level == 1:
            self.top, self.sub = section, None
        else:
            self.sub = section
        if kind:
            self.mode, self.mode_from = kind, "section"
        elif level == 1:
            self.mode = KIND_OF_NAME_COLUMN[self.layout.name_kind]
            self.mode_from = "header"
        self.result.sections.append(section)

    def _continuation(self, row: Row, own: dict[int, str]) -> None:
        entry = self.last
        if entry is None:
            self.review.note(
                row.number, "dòng nối tiếp ô gộp nhưng không có dòng người nhận ở trên, bỏ qua", blocking=True
            )
            return
        for kind, attr in (
            ("position", "position"),
            ("unit", "unit_text"),
            ("position_unit", "combined"),
            ("reason", "reason"),
        ):
            extra = " ".join(own[c] for c in self.layout.columns.get(kind, []) if c in own)
            if extra:
                setattr(entry, attr, " ".join(p for p in (getattr(entry, attr), extra) if p))
        self.review.note(row.number, f"ô tên gộp với dòng {entry.row}: nội dung dòng này được nối vào '{entry.name}'")

    def _entry(self, row: Row, name: str) -> None:
        if len(name) > MAX_NAME_CHARS:
            self.review.note(
                row.number, f"tên dài {len(name)} ký tự, quá {MAX_NAME_CHARS} ký tự, không nhập", blocking=True
            )
            return
        if not re.search(r"[^\W\d_]", name):
            self.review.note(row.number, f"tên '{name}' không có chữ cái nào, không nhập", blocking=True)
            return
        entry = Entry(row.number, name, self.mode, self.mode_from)
        if entry.kind in ("person", "household", "mixed"):
            bare, honorific = strip_honorific(name)
            if honorific:
                entry.name = bare
                self.review.note(row.number, f"bỏ danh xưng '{honorific}' trước tên '{bare}'")
        entry.position = self.value(row, "position")
        entry.unit_text = self.value(row, "unit")
        entry.combined = self.value(row, "position_unit")
        entry.reason = self.value(row, "reason", joiner=" ")
        entry.form = self.value(row, "form")
        entry.sections = [s for s in (self.top, self.sub) if s is not None]
        group = self.sub or self.top
        if group is not None and group.group_unit:
            entry.group_unit, entry.group_row = group.group_unit, group.row
        for s in entry.sections:
            s.entries.append(entry)
        used = self.used_columns()
        for column, merge in sorted(row.filled.items()):
            if column in used and id(merge) not in self.merges_told:
                self.merges_told.add(id(merge))
                label = self.layout.labels.get(column, column_letter(column)).split(" / ")[-1]
                self.review.note(
                    merge.min_row,
                    f"ô gộp {merge.ref} ('{label}'): '{_short(row.get(column))}' được "
                    f"dùng cho từng dòng {merge.min_row}–{merge.max_row}",
                )
        for column in self.layout.columns.get("note", []):
            if row.get(column):
                self.review.note(
                    row.number,
                    f"cột '{self.layout.labels[column]}' ghi '{_short(row.get(column))}': "
                    "không nhập (thêm vào 'reason' hoặc 'note' nếu cần)",
                )
        for (number, column), why in self.table.unknown.items():
            if number == row.number and column in used:
                self.review.note(
                    row.number, f"ô {cell_name(number, column)}: {why}; giá trị chưa được nhập", blocking=True
                )
        for (number, column), why in self.table.changed.items():
            if number == row.number and column in used:
                self.review.note(row.number, f"ô {cell_name(number, column)}: {why}")
        self.result.entries.append(entry)
        self.last = entry

    def finish_loose(self) -> None:
        last_entry = self.result.entries[-1].row if self.result.entries else 0
        for number, text, in_name_column in self.loose:
            if number > last_entry:
                self.result.end_rows.append(number)
            else:
                self.review.note(
                    number, f"dòng chữ '{_short(text)}' không phải người nhận, bỏ qua", blocking=in_name_column
                )


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# The title above the header
# ---------------------------------------------------------------------------------------------

_DECISION = re.compile(
    r"(?:quyết\s+định|qđ)\s*(?:số)?\s*:?\s*(\d{1,6}(?:/\d{4})?/[^\s,;()]*[A-Za-zĐđ][^\s,;()]*)", re.IGNORECASE
)
_DATE_NUMERIC = re.compile(r"ngày\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.IGNORECASE)
_DATE_WORDS = re.compile(r"ngày\s*(\d{1,2})\s*tháng\s*(\d{1,2})\s*năm\s*(\d{4})", re.IGNORECASE)
_ISSUER = re.compile(r"\bcủa\s+([^()]{3,120}?)\s*\)", re.IGNORECASE)


def _title_facts(result: HonourList) -> None:
    """ "(Kèm theo Quyết định số 456/QĐ-UBND ngày 10/02/2022 của Chủ tịch UBND tỉnh Hải Dương)"."""
    for number, text in result.title_lines:
        m = _DECISION.search(text)
        if not m:
            continue
        result.decision_number = m[1].rstrip(".")
        result.decision_row = number
        after = text[m.end() :]
        d = _DATE_NUMERIC.search(after) or _DATE_WORDS.search(after)
        if d:
            try:
                result.decision_date = dt.date(int(d[3]), int(d[2]), int(d[1]))
            except ValueError:
                result.decision_date = None
        i = _ISSUER.search(after)
        if i:
            result.issuer = " ".join(i[1].split())
        return


def parse_list(table: Table, layout: Layout, review: Review) -> HonourList:
    """The entries, sections and closing lines of a table whose header is known."""
    result = HonourList(table, layout)
    result.title_lines = [
        (r.number, " ".join(dict.fromkeys(c for c in r.cells if c)))
        for r in table.rows
        if r.number < layout.header_rows[0]
    ]
    _title_facts(result)
    fill_down(table, layout)
    walker = _Walker(result, review)
    walker.walk()
    walker.finish_loose()
    return result


def describe_count(counts: dict[str, int]) -> str:
    parts = [f"{n} {KIND_WORDS_VI[k]}" for k, n in counts.items() if n or len(counts) == 1]
    return " và ".join(parts) if parts else "0"
