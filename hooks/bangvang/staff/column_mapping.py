"""Find a list's header and say what each column holds.

The header is the first row (of the first HEAD_ROWS rows holding a value) with a name column
("Họ và tên", "Tên tập thể", "Tên tập thể, cá nhân"…) and one more known column. A header may
span several rows: cells merged down ("Họ và tên" over two rows), a cell merged across with
sub-headers under it ("Chức vụ, đơn vị" over "Chức vụ" | "Đơn vị"); each column is named by its
lowest known label. A row numbering the columns, "(1) (2) (3)…", right under it is recognised.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bangvang.staff.list_words import (
    COLUMN_NUMBER,
    NAME_KINDS,
    ROW_NUMBER,
    column_kind,
    is_heading_text,
    is_private_label,
)
from bangvang.staff.sheet_reading import HEAD_ROWS, MAX_COLUMNS, Merge, Row, Table, column_letter

MAX_HEADER_ROWS = 4


@dataclass
class Layout:
    header_rows: list[int]  # row numbers, top to bottom
    body_start: int  # index in table.rows of the first row under the header (and number row)
    columns: dict[str, list[int]]  # column kind → its columns (0-based), left to right
    labels: dict[int, str]  # column → its label(s) as written, "Chức vụ, đơn vị / Đơn vị"
    name_kind: str  # person_name | unit_name | mixed_name | household_name
    number_row: int | None = None
    unused: dict[int, str] = field(default_factory=dict)  # labelled columns not imported
    private: dict[int, str] = field(default_factory=dict)  # personal-data columns, never imported
    assumed: list[str] = field(default_factory=list)  # guesses about columns, for "Cần xem lại"

    def first(self, kind: str) -> int | None:
        return self.columns[kind][0] if self.columns.get(kind) else None

    @property
    def name_columns(self) -> list[int]:
        return self.columns[self.name_kind]

    @property
    def header_end(self) -> int:
        return self.header_rows[-1]


class _Grid:
    """Values of the head of a table, a merged cell's value seen from every cell it covers."""

    def __init__(self, table: Table, rows: list[Row]):
        self.rows = {r.number: r for r in rows}
        self.width = min(MAX_COLUMNS, max([len(r.cells) for r in rows] + [0]))
        self.cover: dict[tuple[int, int], Merge] = {}
        numbers = sorted(self.rows)
        last = numbers[-1] if numbers else 0
        for merge in table.merges:
            if merge.min_row > last or merge.max_row < (numbers[0] if numbers else 0):
                continue
            self.width = max(self.width, min(MAX_COLUMNS, merge.max_col))
            for number in numbers:
                if merge.min_row <= number <= merge.max_row:
                    for c in range(merge.min_col - 1, min(merge.max_col, MAX_COLUMNS)):
                        self.cover[(number, c)] = merge

    def own(self, number: int, column: int) -> str:
        row = self.rows.get(number)
        return row.get(column) if row else ""

    def value(self, number: int, column: int) -> str:
        text = self.own(number, column)
        if text:
            return text
        merge = self.cover.get((number, column))
        return self.own(merge.min_row, merge.min_col - 1) if merge else ""

    def kinds(self, number: int) -> dict[str, list[int]]:
        found: dict[str, list[int]] = {}
        for c in range(self.width):
            label = self.value(number, c)
            kind = column_kind(label) if label else None
            if kind:
                found.setdefault(kind, []).append(c)
        return found


def is_column_number_row(row: Row) -> bool:
    """ "(1) (2) (3)…" or "1 2 3…" or "A B C": every filled cell a short number or letter."""
    filled = [c for c in row.cells if c]
    if len(filled) < 2 or not all(COLUMN_NUMBER.match(c) for c in filled):
        return False
    digits = [int(c.strip("() ")) for c in filled if c.strip("() ").isdigit()]
    return digits == sorted(digits) and len(set(digits)) == len(digits)


def find_layout(table: Table) -> Layout | None:
    head = table.rows[:HEAD_ROWS]
    grid = _Grid(table, head)
    for index, row in enumerate(head):
        kinds = grid.kinds(row.number)
        names = [k for k in NAME_KINDS if k in kinds]
        if not names or len(kinds) < 2:
            continue
        return _layout(table, grid, index)
    return None


def _layout(table: Table, grid: _Grid, index: int) -> Layout:
    top = table.rows[index].number
    # rows above that hold the upper part of cells merged down into the header row
    start = top
    for c in range(grid.width):
        merge = grid.cover.get((top, c))
        if merge and top - MAX_HEADER_ROWS < merge.min_row < start and merge.min_row in grid.rows:
            start = merge.min_row
    header = [n for n in sorted(grid.rows) if start <= n <= top]
    # rows below: covered by a header cell merged down, or sub-headers under a cell merged across
    position = index + 1
    while position < len(table.rows) and len(header) < MAX_HEADER_ROWS:
        below = table.rows[position]
        if below.number != header[-1] + 1 or not _continues_header(grid, header, below):
            break
        header.append(below.number)
        position += 1

    columns: dict[str, list[int]] = {}
    labels: dict[int, str] = {}
    unused: dict[int, str] = {}
    private: dict[int, str] = {}
    for c in range(grid.width):
        levels: list[str] = []
        for number in header:
            text = grid.value(number, c)
            if text and (not levels or levels[-1] != text):
                levels.append(text)
        if not levels:
            continue
        labels[c] = " / ".join(levels)
        kind = None
        for label in reversed(levels):
            if is_private_label(label):
                private[c] = labels[c]
                break
            kind = column_kind(label)
            if kind:
                break
        if c in private:
            continue
        if kind:
            columns.setdefault(kind, []).append(c)
        else:
            unused[c] = labels[c]
    name_kind = min((k for k in NAME_KINDS if k in columns), key=lambda k: columns[k][0])
    for other in NAME_KINDS:
        if other != name_kind and other in columns:
            for c in columns.pop(other):
                unused[c] = labels[c]
    if "stt" in columns and len(columns["stt"]) > 1:
        for c in columns["stt"][1:]:
            unused[c] = labels[c]
        columns["stt"] = columns["stt"][:1]
    layout = Layout(header, position, columns, labels, name_kind, unused=unused, private=private)
    for kind in ("position_unit",):
        if len(columns.get(kind, [])) > 1:
            shown = ", ".join(column_letter(c) for c in columns[kind])
            layout.assumed.append(
                f"cột {shown} cùng tiêu đề '{labels[columns[kind][0]]}' mà không có tiêu đề "
                "con: đọc nối lại thành một chức vụ, đơn vị"
            )
    if (
        position < len(table.rows)
        and table.rows[position].number == header[-1] + 1
        and is_column_number_row(table.rows[position])
    ):
        layout.number_row = table.rows[position].number
        layout.body_start = position + 1
    return layout


def _continues_header(grid: _Grid, header: list[int], row: Row) -> bool:
    """A header cell merged down over this row makes it part of the header (its own cells are
    then sub-labels); otherwise every filled cell must be a label."""
    merged_down = any(merge.min_row in header for (number, _c), merge in grid.cover.items() if number == row.number)
    return _only_labels(grid, header, row, lenient=merged_down)


def _only_labels(grid: _Grid, header: list[int], row: Row, lenient: bool) -> bool:
    """Every filled cell is a label: a known one, or (under a cell merged across, or in a row a
    header cell is merged down over) a short text that is no number."""
    filled = [(c, text) for c, text in enumerate(row.cells) if text]
    if not filled or is_column_number_row(row):
        return False
    if len(filled) == 1 and (not lenient or is_heading_text(filled[0][1])):
        return False  # one text alone ("TẬP THỂ", merged across or not) heads a section, not a column
    for c, text in filled:
        if ROW_NUMBER.match(text):
            return False
        if column_kind(text) or is_private_label(text):
            continue
        above = grid.cover.get((header[-1], c))
        under_merged = above is not None and above.max_col > above.min_col
        if (lenient or under_merged) and len(text) <= 40:
            continue
        return False
    return True
