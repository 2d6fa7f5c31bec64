"""Turn the entries of a list into award recipients.

- A collective is its unit record when its name or an alias matches (folded: case, marks, tone
  style, NFC/NFD do not matter); otherwise it is written by name with `kind: tap_the`.
- A person is an existing person record only when the list's unit or position agrees with the
  record too: two people may share a name (a teacher Lê Văn Tuấn is not the district chairman
  Lê Văn Tuấn). Otherwise the name stays in the award with position and unit, and the
  near-match goes to "Cần xem lại".
- A known unit written inside the position ("Giáo viên Trường THCS Lê Thanh Nghị", "Hiệu
  trưởng, Trường TH Gia Khánh") becomes the unit; the rest is the position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bangvang.records.dataset import DataSet, Record
from bangvang.staff.list_parsing import Entry
from bangvang.staff.list_words import key, marked_key, starts_like_unit
from bangvang.staff.review import Review
from bangvang.text import unify_tone_style

# A match that ends a longer unit's name is no match: "mầm non Gia Tân" is not "Xã Gia Tân",
# "UBND xã Gia Tân" is not "Xã Gia Tân".
# Compared with their marks: "trưởng" (Hiệu trưởng) is no "trường", "viên" (Giáo viên) no "viện".
_TAIL_OF_A_NAME = {
    marked_key(w)
    for w in (
        "non",
        "học",
        "thcs",
        "thpt",
        "th",
        "mn",
        "trường",
        "xã",
        "phường",
        "huyện",
        "tỉnh",
        "trấn",
        "ubnd",
        "hđnd",
        "ban",
        "phòng",
        "sở",
        "hội",
        "ty",
        "thôn",
        "cục",
        "đoàn",
        "bộ",
        "viện",
        "tâm",
        "đảng",
        "ủy",
        "tập",
        "thể",
        "khu",
        "tổ",
        "lớp",
        "an",
        "sự",
        "xóm",
        "làng",
        "đội",
        "nhánh",
        "máy",
    )
}


@dataclass
class Recipient:
    entry: Entry
    data: dict  # as written in the award
    kind: str  # tap_the | ca_nhan | ho_gia_dinh
    record: Record | None = None  # the unit or person record it is
    unit_record: Record | None = None  # where an individual works
    unit_text: str = ""  # the unit as the list writes it, when it has no record

    @property
    def identity(self) -> tuple:
        if self.record is not None:
            return ("ref", self.record.folder, self.record.id)
        where = self.unit_record.id if self.unit_record else key(self.unit_text)
        return ("name", self.kind, key(self.data.get("name", "")), where, key(self.data.get("position", "")))


class _Index:
    """Records by folded name and alias."""

    def __init__(self, records: dict[str, Record]):
        self.by_key: dict[str, list[Record]] = {}
        for record in records.values():
            for label in [record.get("name", ""), *(record.get("aliases") or [])]:
                if isinstance(label, str) and label:
                    found = self.by_key.setdefault(key(label), [])
                    if record not in found:
                        found.append(record)

    def all(self, name: str) -> list[Record]:
        return list(self.by_key.get(key(name), []))

    def one(self, name: str) -> tuple[Record | None, list[Record]]:
        """(the record, []) or (None, the candidates when several fold alike)."""
        found = self.all(name)
        if len(found) > 1:
            spelled = unify_tone_style(name).casefold()
            exact = [r for r in found if unify_tone_style(r.get("name", "")).casefold() == spelled]
            found = exact if len(exact) == 1 else found
        if len(found) == 1:
            return found[0], []
        return None, found


class Directory:
    def __init__(self, dataset: DataSet):
        self.dataset = dataset
        self.units = _Index(dataset.kind("units"))
        self.people = _Index(dataset.kind("people"))
        labels = []
        for record in dataset.kind("units").values():
            for i, label in enumerate([record.get("name", ""), *(record.get("aliases") or [])]):
                if isinstance(label, str) and key(label):
                    labels.append((tuple(key(label).split()), record, label, i == 0))
        self.unit_labels = sorted(labels, key=lambda x: -len(x[0]))

    def unit(self, text: str) -> tuple[Record | None, list[Record]]:
        """A unit by its name or alias, also written as the first word of its name before an
        alias ("Trường TH Gia Khánh": "Trường" + the alias "TH Gia Khánh")."""
        record, several = self.units.one(text)
        if record is not None or several:
            return record, several
        words = key(text).split()
        if len(words) > 2:
            found = [r for r in self.units.all(" ".join(words[1:])) if key(r.get("name", "")).split()[:1] == words[:1]]
            if len(found) == 1:
                return found[0], []
        return None, []

    def unit_keys(self, unit_id: str | None) -> set[str]:
        record = self.dataset.get("units", unit_id) if unit_id else None
        if record is None:
            return set()
        return {key(x) for x in [record.get("name", ""), *(record.get("aliases") or [])] if isinstance(x, str)}

    def unit_in_text(self, text: str) -> tuple[str, Record, str] | None:
        """("Giáo viên", the school, "Trường THCS Lê Thanh Nghị") when a known unit ends the text."""
        words = [(m.start(), key(m.group()), marked_key(m.group())) for m in re.finditer(r"[^\W_]+", text)]
        words = [w for w in words if w[1]]
        tokens = tuple(w[1] for w in words)
        for label_tokens, record, label, is_name in self.unit_labels:
            n = len(label_tokens)
            if n >= len(tokens) or tokens[-n:] != label_tokens:
                continue
            if not is_name and n < 2:
                continue  # a one-word alias inside a sentence is too easy to meet by chance
            start = len(words) - n
            if words[start - 1][2] in _TAIL_OF_A_NAME:
                # "Trường" + the alias "TH Gia Khánh" is the school itself; otherwise the match only
                # ends the name of another unit
                if is_name or key(record.get("name", "")).split()[:1] != [words[start - 1][1]] or start < 2:
                    continue
                start -= 1
                if words[start - 1][2] in _TAIL_OF_A_NAME:
                    continue
                label = text[words[start][0] :].strip()
            position = text[: words[start][0]].rstrip(" ,;:-–—(").strip()
            if re.search(r"[^\W\d_]", position):
                return position, record, label
        return None


def split_unit_words(text: str) -> tuple[str, str] | None:
    """("Phó Chủ tịch", "UBND xã Gia Tân") from "Phó Chủ tịch UBND xã Gia Tân": the first
    capitalised word that begins a collective's name, after at least one word of position."""
    for m in re.finditer(r"(?<=\s)(?=[A-ZĐÀ-Ỹ])", text):
        rest = text[m.start() :]
        head = text[: m.start()].rstrip(" ,;:-–—").strip()
        if head and starts_like_unit(rest) and rest[:1].isupper():
            return head, rest.strip()
    return None


def positions_agree(listed: str, recorded: str, strict: bool) -> bool:
    a, b = key(listed), key(recorded)
    if not a or not b:
        return False
    if a == b:
        return True
    if strict:
        return False
    short, long_ = sorted((a, b), key=len)
    return len(short.split()) >= 2 and f" {short} " in f" {long_} "


class Resolver:
    def __init__(self, dataset: DataSet, review: Review, has_unit_column: bool):
        self.directory = Directory(dataset)
        self.review = review
        self.has_unit_column = has_unit_column
        self.unknown_units: dict[str, list[int]] = {}  # unit as written → rows
        self.unknown_collectives: list[tuple[int, str]] = []

    # --- where an entry works ----------------------------------------------------------------
    def _workplace(self, entry: Entry) -> tuple[str, Record | None, str]:
        """(position, unit record, unit text without a record)."""
        note = self.review.note
        position, unit_text = entry.position, entry.unit_text
        if entry.combined:
            combined = entry.combined
            found = self.directory.unit_in_text(combined)
            if found:
                rest, record, label = found
                position = ", ".join(p for p in (position, rest) if p)
                note(entry.row, f"tách '{combined}' thành chức vụ '{rest}' và đơn vị '{label}' (unit: {record.id})")
                return position, record, ""
            if key(combined) and self.directory.unit(combined)[0] is not None:
                return position, self.directory.unit(combined)[0], ""
            if "," in combined:
                head, _, tail = combined.partition(",")
                position = ", ".join(p for p in (position, head.strip()) if p)
                unit_text = unit_text or tail.strip()
                note(entry.row, f"tách '{combined}' ở dấu phẩy: chức vụ '{head.strip()}', đơn vị '{tail.strip()}'")
            else:
                split = split_unit_words(combined)
                if split:
                    position = ", ".join(p for p in (position, split[0]) if p)
                    unit_text = unit_text or split[1]
                    note(entry.row, f"đoán '{combined}' gồm chức vụ '{split[0]}' và đơn vị '{split[1]}'")
                else:
                    position = ", ".join(p for p in (position, combined) if p)
        if not unit_text and position:
            found = self.directory.unit_in_text(position)
            if found:
                rest, record, label = found
                note(
                    entry.row,
                    f"đơn vị '{label}' ghi trong chức vụ '{position}': tách ra thành unit: {record.id}, "
                    f"chức vụ '{rest}'",
                )
                return rest, record, ""
            split = split_unit_words(position)
            if split:
                note(entry.row, f"đoán '{position}' gồm chức vụ '{split[0]}' và đơn vị '{split[1]}'")
                position, unit_text = split
        if not unit_text and entry.group_unit:
            grouped, _ = self.directory.unit(entry.group_unit)
            if grouped is not None or starts_like_unit(entry.group_unit):
                note(entry.row, f"đơn vị lấy từ tiêu đề nhóm ở dòng {entry.group_row}: '{entry.group_unit}'")
                if grouped is not None:
                    return position, grouped, ""
                unit_text = entry.group_unit
        if unit_text:
            known, several = self.directory.unit(unit_text)
            if known is not None:
                return position, known, ""
            if several:
                note(
                    entry.row,
                    f"đơn vị '{unit_text}' trùng tên với nhiều bản ghi ("
                    + ", ".join(r.id for r in several)
                    + "): ghi tên đơn vị, chọn mã bằng tay",
                )
            else:
                self.unknown_units.setdefault(unit_text, []).append(entry.row)
        return position, None, unit_text

    # --- one entry ---------------------------------------------------------------------------
    def resolve(self, entry: Entry) -> Recipient:
        kind = entry.kind
        note = self.review.note
        if kind in ("person", "mixed"):
            unit, _ = self.directory.unit(entry.name)
            looks = starts_like_unit(entry.name)
            if kind == "mixed" or entry.kind_from == "header":
                if unit is not None:
                    kind = "unit"
                    if entry.kind == "person":
                        note(entry.row, f"'{entry.name}' là tên tập thể {unit.id}: nhập như tập thể")
                elif looks and not self._known_person(entry.name):
                    kind = "unit"
                    note(entry.row, f"đoán '{entry.name}' là tập thể (tên bắt đầu bằng '{looks}')")
                elif kind == "mixed":
                    kind = "person"
                    note(entry.row, f"đoán '{entry.name}' là cá nhân")
        if kind == "unit":
            return self._collective(entry)
        if kind == "household":
            data = {"name": entry.name, "kind": "ho_gia_dinh"}
            return Recipient(entry, data, "ho_gia_dinh")
        return self._person(entry)

    def _known_person(self, name: str) -> bool:
        return bool(self.directory.people.all(name))

    def _collective(self, entry: Entry) -> Recipient:
        record, several = self.directory.unit(entry.name)
        if record is not None:
            return Recipient(entry, {"unit": record.id}, "tap_the", record=record)
        position, unit_record, unit_text = self._workplace(entry)
        if several:
            self.review.note(
                entry.row,
                f"tập thể '{entry.name}' trùng tên với nhiều bản ghi ("
                + ", ".join(r.id for r in several)
                + "): ghi tên trực tiếp, chọn mã bằng tay",
            )
        else:
            self.unknown_collectives.append((entry.row, entry.name))
        if position:
            self.review.note(entry.row, f"chức vụ '{position}' của tập thể '{entry.name}' không được nhập")
        data: dict = {"name": entry.name}
        if unit_record is not None and unit_record.id != "":
            data["unit"] = unit_record.id
        elif unit_text:
            data["unit_name"] = unit_text
        data["kind"] = "tap_the"
        return Recipient(entry, data, "tap_the", unit_record=unit_record, unit_text=unit_text)

    def _person(self, entry: Entry) -> Recipient:
        position, unit_record, unit_text = self._workplace(entry)
        candidates = self.directory.people.all(entry.name)
        agreeing = [r for r in candidates if self._agrees(r, position, unit_record, unit_text)]
        if len(agreeing) == 1:
            record = agreeing[0]
            recorded = record.get("position") or ""
            if position and recorded and not positions_agree(position, recorded, strict=False):
                self.review.note(
                    entry.row,
                    f"khớp bản ghi cá nhân {record.id} theo đơn vị; chức vụ trong danh sách "
                    f"'{position}' khác bản ghi '{recorded}'",
                )
            return Recipient(entry, {"person": record.id}, "ca_nhan", record=record, unit_record=unit_record)
        data: dict = {"name": entry.name}
        if position:
            data["position"] = position
        if unit_record is not None:
            data["unit"] = unit_record.id
        elif unit_text:
            data["unit_name"] = unit_text
        if len(agreeing) > 1:
            self.review.note(
                entry.row,
                f"'{entry.name}' khớp nhiều bản ghi cá nhân ("
                + ", ".join(r.id for r in agreeing)
                + "): ghi họ tên trực tiếp; chọn 'person: mã' "
                "bằng tay nếu đúng",
            )
        elif candidates:
            for record in candidates:
                self.review.note(
                    entry.row,
                    f"'{entry.name}' trùng tên với bản ghi cá nhân {record.id} ("
                    + self._describe(record)
                    + f") nhưng {self._why_not(record, position, unit_record, unit_text)}: "
                    f"ghi họ tên trực tiếp; nếu đúng là một người, sửa thành 'person: {record.id}'",
                )
        return Recipient(entry, data, "ca_nhan", unit_record=unit_record, unit_text=unit_text)

    # --- agreement ---------------------------------------------------------------------------
    def _agrees(self, record: Record, position: str, unit_record: Record | None, unit_text: str) -> bool:
        recorded_unit = record.get("unit")
        recorded_position = record.get("position") or ""
        listed_unit = unit_record is not None or bool(unit_text)
        if listed_unit and recorded_unit:
            if unit_record is not None:
                return unit_record.id == recorded_unit
            return key(unit_text) in self.directory.unit_keys(recorded_unit)
        if position and recorded_position:
            return positions_agree(position, recorded_position, strict=listed_unit)
        return False

    def _describe(self, record: Record) -> str:
        parts = [record.get("position") or ""]
        unit = self.directory.dataset.get("units", record.get("unit")) if record.get("unit") else None
        parts.append(unit.get("name", unit.id) if unit is not None else (record.get("unit") or ""))
        shown = ", ".join(p for p in parts if p)
        return shown or "bản ghi không ghi chức vụ, đơn vị"

    def _why_not(self, record: Record, position: str, unit_record: Record | None, unit_text: str) -> str:
        if not position and unit_record is None and not unit_text:
            return "danh sách không ghi chức vụ, đơn vị để đối chiếu"
        if not record.get("unit") and not record.get("position"):
            return "bản ghi không có chức vụ, đơn vị để đối chiếu"
        listed = ", ".join(p for p in (position, unit_record.get("name", "") if unit_record else unit_text) if p)
        return f"danh sách ghi '{listed}'"

    def file_notes(self) -> None:
        for unit_text, rows in self.unknown_units.items():
            shown = ", ".join(str(r) for r in rows[:8]) + (" …" if len(rows) > 8 else "")
            self.review.file_note(
                f"đơn vị '{unit_text}' (dòng {shown}) chưa có bản ghi: ghi tên trong 'unit_name'; "
                f"muốn liên kết thì tạo bằng scripts/new.py unit \"{unit_text}\" (hoặc thêm tên "
                "này vào 'aliases' của đơn vị đúng) rồi nhập lại"
            )
        for row, name in self.unknown_collectives:
            self.review.note(
                row,
                f"tập thể '{name}' chưa có bản ghi: ghi tên trực tiếp (kind: tap_the); muốn có "
                f"trang riêng thì tạo bằng scripts/new.py unit \"{name}\" rồi nhập lại",
            )
