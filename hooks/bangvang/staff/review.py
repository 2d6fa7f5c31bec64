"""What the importer tells staff besides the record: refusals, and the "Cần xem lại" list of
every row or cell it skipped, changed or guessed, by the row number Excel shows.

An item is *blocking* when the record may lack something the sheet holds (a row not imported,
counts that differ from the list's own, a value Excel had not computed): the run then does not
end as a success.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class ImportRefused(Exception):
    """The whole import stops and nothing is written (Vietnamese message, no final period)."""


@dataclass
class Item:
    row: int | None  # Excel row; None for the whole file
    message: str
    blocking: bool = False
    sheet: str | None = None
    unconfirmed: bool = False  # a guess that is blocking unless the list's own counts confirm it


@dataclass
class Review:
    items: list[Item] = field(default_factory=list)
    sheet: str | None = None  # the sheet being read, named in lines when several are read
    several_sheets: bool = False

    def note(self, row: int | None, message: str, *, blocking: bool = False, unconfirmed: bool = False) -> None:
        self.items.append(Item(row, message, blocking, self.sheet, unconfirmed))

    def settle(self, counts_confirm: bool) -> None:
        """Guesses the list's own counts can confirm: harmless when they matched, blocking otherwise."""
        for item in self.items:
            if item.unconfirmed:
                item.unconfirmed = False
                item.blocking = not counts_confirm
                if counts_confirm:
                    item.message += " (số lượng ghi trong danh sách khớp)"

    def file_note(self, message: str, *, blocking: bool = False) -> None:
        self.items.append(Item(None, message, blocking, None))

    @property
    def blocking(self) -> list[Item]:
        return [i for i in self.items if i.blocking]

    def lines(self) -> list[str]:
        """One line a row ("dòng 14: …; …"), rows in order, whole-file notes first."""
        order: list[tuple] = []
        grouped: dict[tuple, list[Item]] = {}
        for n, item in enumerate(self.items):
            where: tuple = (item.sheet if self.several_sheets else None, item.row)
            if item.row is None:
                where = (None, None, n)  # whole-file notes: one line each
            if where not in grouped:
                grouped[where] = []
                order.append(where)
            if item.message not in [i.message for i in grouped[where]]:
                grouped[where].append(item)
        sheets: dict = {}
        for where in order:
            sheets.setdefault(where[0], len(sheets))
        order.sort(key=lambda w: (w[1] is not None, sheets[w[0]], w[1] or 0))
        out = []
        for where in order:
            sheet, row = where[0], where[1]
            items = sorted(grouped[where], key=lambda i: not i.blocking)
            text = "; ".join(i.message for i in items)
            place = "" if row is None else f"dòng {row}"
            if sheet and row is not None:
                place = f"trang '{sheet}' {place}"
            mark = BLOCKING_MARK if items[0].blocking else ""
            out.append(f"{mark}{place}: {text}" if place else f"{mark}{text}")
        return out


# Before a line whose row or cell may be missing from the record.
BLOCKING_MARK = "(!) "
