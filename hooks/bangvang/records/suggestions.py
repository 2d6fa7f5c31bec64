"""What to tell staff when a reference names no record: the id of the record they named by its
name or alias, a typo's one likely fix, the ids that begin with what they wrote, or the next step
(make the record, or write the name inline). Never a guess that names a different award: a
suggestion is made only when the words agree but for one small slip (so 'ubnd' never becomes
'hdnd', nor 'huyen' 'tinh')."""

from __future__ import annotations

import difflib

from bangvang.records.dataset import DataSet, Record
from bangvang.text import slugify

# Words that carry no meaning for telling two names apart.
_FILLER = {"cua", "cho", "va", "ve"}
MAX_LISTED = 6


def _words(text: str) -> frozenset[str]:
    return frozenset(w for w in slugify(text).split("-") if w and w not in _FILLER)


def _names(record: Record) -> list[str]:
    names = [record.id]
    for key in ("name", "title", "number"):
        if isinstance(record.get(key), str):
            names.append(record[key])
    names += [a for a in record.get("aliases") or [] if isinstance(a, str)]
    return names


def _one_slip(written: list[str], candidate: list[str]) -> bool:
    """The same words in the same order but one, and that one a near spelling of the other
    (tinhh ~ tinh, tott ~ tot); a different word (ubnd, hdnd) is no slip."""
    if len(written) != len(candidate):
        return False
    pairs = [(a, b) for a, b in zip(written, candidate) if a != b]
    if len(pairs) != 1:
        return False
    a, b = pairs[0]
    return min(len(a), len(b)) >= 3 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.75


def _describe(record: Record) -> str:
    name = record.get("name") or record.get("title") or record.get("number")
    return f"'{record.id}' ({name})" if isinstance(name, str) and name else f"'{record.id}'"


def suggest_reference(kind: str, written: str, dataset: DataSet) -> str:
    """A hint to append to 'no record with id X', beginning with '; ' (or '')."""
    targets = dataset.kind(kind)
    words = _words(written)
    if words:
        by_name = [r for r in targets.values() if any(_words(n) == words for n in _names(r))]
        if len(by_name) == 1:
            found = by_name[0]
            name = found.get("name") or found.get("title") or found.get("number") or found.id
            return f"; ở đây ghi mã, không ghi tên: mã của '{name}' là '{found.id}'"
        written_ids = slugify(written).split("-")
        slips = [r for r in targets.values() if _one_slip(written_ids, r.id.split("-"))]
        if len(slips) == 1:
            return f"; có phải ý bạn là {_describe(slips[0])}?"
    prefix = slugify(written)
    starting = sorted(r.id for r in targets.values() if prefix and r.id.startswith(prefix + "-"))
    if starting:
        shown = ", ".join(_describe(targets[i]) for i in starting[:MAX_LISTED])
        more = f" và {len(starting) - MAX_LISTED} mã khác" if len(starting) > MAX_LISTED else ""
        return f"; các mã bắt đầu bằng '{prefix}': {shown}{more}"
    return _next_step(kind, written)


def _next_step(kind: str, written: str) -> str:
    # a name as staff wrote it is reused in the command; an id-like word is not a name
    typed = written.strip() if (" " in written.strip() or not written.isascii()) else ""
    if kind == "units":
        name = typed or "Tên tập thể"
        return (
            f"; nếu là tập thể chưa có bản ghi: tạo bằng python scripts/new.py unit \"{name}\", "
            "hoặc thay 'unit' bằng 'name: <tên tập thể>' kèm 'kind: tap_the'"
        )
    if kind == "people":
        name = typed or "Họ và tên"
        return (
            f"; nếu là cá nhân chưa có bản ghi: tạo bằng python scripts/new.py person \"{name}\", "
            "hoặc thay 'person' bằng 'name: <họ và tên>'"
        )
    if kind in ("documents", "campaigns", "models"):
        word = {"documents": "document", "campaigns": "campaign", "models": "model"}[kind]
        name = typed or "Tên"
        return f"; nếu chưa có bản ghi: tạo bằng python scripts/new.py {word} \"{name}\""
    if kind == "vocab":
        return "; xem các mã trong data/vocab/awards.yml"
    return ""
