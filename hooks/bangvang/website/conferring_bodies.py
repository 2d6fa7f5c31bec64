"""Which units of the data are bodies that confer awards rather than receive them (/tap-the/).

An award names who conferred it as text (`issuer`: "UBND tỉnh Hải Dương", "Chủ tịch UBND huyện
Gia Lộc"). A unit confers an award when that text is the unit's name or one of its aliases, alone
or after a leader's title ("Chủ tịch …"), compared folded (marks, case and đ ignored). A bare
place ("huyện Gia Lộc" in "UBND huyện Gia Lộc") is not a match: the body is the UBND.
"""

from __future__ import annotations

from bangvang.records.dataset import Record
from bangvang.text import fold

# Titles of the person who signs for a body ("Chủ tịch UBND tỉnh" = the UBND tỉnh confers).
LEADER_TITLES = frozenset(
    fold(t)
    for t in (
        "Chủ tịch",
        "Phó Chủ tịch",
        "Giám đốc",
        "Phó Giám đốc",
        "Trưởng ban",
        "Thủ trưởng",
        "Bộ trưởng",
        "Bí thư",
        "Tổng Giám đốc",
        "Trưởng",
    )
)


def _names(unit: Record) -> list[str]:
    return [fold(n).strip() for n in [unit["name"], *unit.get("aliases", [])] if n and n.strip()]


def confers(unit: Record, issuer: str) -> bool:
    """True when the award's issuer text names this unit (alone or after a leader's title)."""
    said = " ".join(fold(issuer).split())
    for name in _names(unit):
        name = " ".join(name.split())
        if said == name:
            return True
        if said.endswith(" " + name) and said[: -len(name)].strip() in LEADER_TITLES:
            return True
    return False


def awards_conferred_by(units: list[Record], awards: list[Record]) -> dict[str, list[Record]]:
    """{unit id: the awards (conferred or proposed) whose issuer names it}, for units named at least once.

    The same matches as `confers` for every unit and award, found through a table of the units'
    folded names (an issuer is its name, or a leader's title, a space and its name), so the work
    grows with units + awards, not units × awards."""
    by_name: dict[str, list[int]] = {}
    for position, unit in enumerate(units):
        for name in _names(unit):
            by_name.setdefault(" ".join(name.split()), []).append(position)
    out: dict[str, list[Record]] = {}
    for award in awards:
        issuer = award.get("issuer")
        if not issuer:
            continue
        said = " ".join(fold(issuer).split())
        found = set(by_name.get(said, ()))
        for title in LEADER_TITLES:
            if said.startswith(title + " "):
                found.update(by_name.get(said[len(title) + 1 :], ()))
        for position in sorted(found):  # in the order of `units`, as one pass over them would find them
            out.setdefault(units[position].id, []).append(award)
    return out
