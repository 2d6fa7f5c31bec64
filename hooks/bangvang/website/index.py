"""Lookups across records, computed once per build: what each page needs to list."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from bangvang.records.dataset import DataSet, Record
from bangvang.records.schema import COMMUNE_KINDS, recipient_kind
from bangvang.text import person_sort_key, sort_key

RECIPIENT_KEYS = ("tap_the", "ca_nhan", "ho_gia_dinh")


def award_status(award: Record) -> str:
    return award.get("status", "tang")


def conferred(awards: list[Record]) -> list[Record]:
    """Honours given; tallies and honour lists count only these. The one place that decides what
    counts: proposals (de_nghi) and annulled awards (huy_bo) are out of every total."""
    return [a for a in awards if award_status(a) == "tang"]


def annulled(awards: list[Record]) -> list[Record]:
    """Awards conferred and later annulled (status huy_bo): shown struck through, never counted."""
    return [a for a in awards if award_status(a) == "huy_bo"]


def proposed(awards: list[Record]) -> list[Record]:
    """Proposals to a higher level: shown apart, never counted as honours."""
    return [a for a in awards if award_status(a) == "de_nghi"]


def award_day(award: Record) -> dt.date:
    """The decision date, or else the last day of the award's year."""
    decision = (award.get("decision") or {}).get("date")
    return decision or dt.date(award["year"], 12, 31)


def award_tally(award: Record) -> dict[str, int]:
    """Collectives, individuals and households of one award act: the count where given, else the names."""
    named = {k: 0 for k in RECIPIENT_KEYS}
    for recipient in award.get("recipients", []):
        named[recipient_kind(recipient)] += 1
    count = award.get("count", {})
    return {k: count.get(k, named[k]) for k in RECIPIENT_KEYS}


@dataclass
class Index:
    dataset: DataSet
    awards_by_year: dict[int, list[Record]] = field(default_factory=lambda: defaultdict(list))
    awards_by_unit: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    awards_by_person: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    # Awards naming people of a unit (a person recorded there, or a name given with the unit).
    awards_by_member_unit: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    awards_by_campaign: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    models_by_campaign: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    models_by_unit: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    models_by_person: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    units_by_commune: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    children_by_unit: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    people_by_unit: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    campaigns_by_document: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))

    # -- record access -------------------------------------------------------------------------
    def vocab(self, award_id: str) -> Record:
        return self.dataset.vocab[award_id]

    def rank(self, award: Record) -> tuple:
        entry = self.dataset.vocab.get(award.get("award"))
        return (entry.get("rank", 999) if entry else 999, award.get("award", ""), award.id)

    def commune_of(self, unit: Record) -> Record | None:
        """A unit's commune: its own record when it is one, else the one it is located in."""
        if unit.get("kind") in COMMUNE_KINDS:
            return unit
        commune = unit.get("commune")
        return self.dataset.get("units", commune) if commune else None

    @property
    def years(self) -> list[int]:
        return sorted(self.awards_by_year, reverse=True)

    @property
    def latest_year(self) -> int | None:
        years = set(self.awards_by_year) | {r["year"] for r in self.dataset.kind("reports").values()}
        return max(years) if years else None

    def sorted_units(self) -> list[Record]:
        return sorted(self.dataset.kind("units").values(), key=lambda r: sort_key(r["name"]))

    def sorted_models(self) -> list[Record]:
        """Newest year first, then by title."""
        return sorted(self.dataset.kind("models").values(), key=lambda r: (-r["year"], sort_key(r["title"])))

    def sorted_people(self) -> list[Record]:
        return sorted(
            self.dataset.kind("people").values(), key=lambda r: person_sort_key(r["name"], r.get("given_name"))
        )


def build_index(dataset: DataSet) -> Index:
    index = Index(dataset)
    for award in sorted(dataset.kind("awards").values(), key=index.rank):
        index.awards_by_year[award["year"]].append(award)
        if award.get("campaign"):
            index.awards_by_campaign[award["campaign"]].append(award)
        for recipient in award.get("recipients", []):
            if recipient.get("person"):
                _append_once(index.awards_by_person[recipient["person"]], award)
                member_of = dataset.ref("people", recipient["person"]).get("unit")
            elif recipient.get("unit") and not recipient.get("name"):
                _append_once(index.awards_by_unit[recipient["unit"]], award)
                member_of = None
            else:
                member_of = recipient.get("unit")
            if member_of:
                _append_once(index.awards_by_member_unit[member_of], award)
    for model in index.sorted_models():
        if model.get("campaign"):
            index.models_by_campaign[model["campaign"]].append(model)
        for unit_id in model.get("units", []):
            index.models_by_unit[unit_id].append(model)
        for person_id in model.get("people", []):
            index.models_by_person[person_id].append(model)
    for unit in index.sorted_units():
        if unit.get("commune"):
            index.units_by_commune[unit["commune"]].append(unit)
        if unit.get("parent"):
            index.children_by_unit[unit["parent"]].append(unit)
    for person in index.sorted_people():
        if person.get("unit"):
            index.people_by_unit[person["unit"]].append(person)
    for campaign in sorted(dataset.kind("campaigns").values(), key=lambda r: sort_key(r["title"])):
        for doc_id in campaign.get("basis", []):
            index.campaigns_by_document[doc_id].append(campaign)
    return index


def _append_once(items: list[Record], record: Record) -> None:
    if not items or items[-1] is not record:
        items.append(record)


# ---------------------------------------------------------------------------------------------
# Units through time: a unit that ended (`until`) and the units that took it over (`successors`)
# ---------------------------------------------------------------------------------------------


def unit_successors(index: Index, unit: Record) -> list[Record]:
    """The units that took this one over, as recorded (missing ids left out)."""
    units = index.dataset.kind("units")
    return [units[u] for u in unit.get("successors") or [] if u in units and u != unit.id]


def _predecessor_ids(index: Index) -> dict[str, list[str]]:
    """unit id → ids of the units that name it a successor; made once per index."""
    cached = index.__dict__.get("_predecessor_ids")
    if cached is None:
        cached = defaultdict(list)
        for record in index.sorted_units():
            for successor in record.get("successors") or []:
                if successor != record.id:
                    cached[successor].append(record.id)
        index.__dict__["_predecessor_ids"] = cached
    return cached


def unit_predecessors(index: Index, unit: Record) -> list[Record]:
    """The units that ended into this one, by name."""
    units = index.dataset.kind("units")
    return [units[u] for u in _predecessor_ids(index).get(unit.id, []) if u in units]


def names_through_time(index: Index, unit: Record) -> list[str]:
    """Names (and aliases) of the units before and after this one, however many steps away: the
    words that let a reader find an old commune by today's name and the reverse (search)."""
    units = index.dataset.kind("units")
    before = _predecessor_ids(index)
    names: list[str] = []
    for step in (lambda r: r.get("successors") or [], lambda r: before.get(r.id, [])):
        queue, seen = list(step(unit)), {unit.id}
        while queue:
            uid = queue.pop(0)
            if uid in seen or uid not in units:
                continue
            seen.add(uid)
            record = units[uid]
            names += [record["name"], *(record.get("aliases") or [])]
            queue += step(record)
    return list(dict.fromkeys(names))
