"""Where an award comes from and how a reader checks it (issue 14): the documents behind awards
(decision, proposal, annulment), the proof line of every recipient (/xac-minh/<year>/#anchor),
comment periods and units through time, as lookups that every template can call.

Made once per build and kept on the index (`provenance(index)`); pages and exports read it, they
never search the records themselves. Nothing here renders a page.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from bangvang.records.dataset import Record
from bangvang.records.provenance_rules import number_key, part_date
from bangvang.urls import file_link, recipient_anchors
from bangvang.website.index import Index, award_status, unit_predecessors, unit_successors

ANNULLED_TAG = "Đã hủy bỏ"
VERIFY_URL = "xac-minh/"  # how to check a certificate; one proof page a year below it
COMMENTS_URL = "lay-y-kien/"  # public comment on proposals
VERIFIABLE = ("tang", "huy_bo")  # a certificate exists for a conferred award, annulled later or not
# QR codes are made for the awards of the most recent years with awards: certificates are printed
# when an award is decided (older ones were printed without a code), and a code costs milliseconds
# to make (thousands at a province's scale). Every proof line keeps its address forever.
QR_RECENT_YEARS = 2


@dataclass
class DocumentUses:
    """What one document did: the awards it decided, proposed or annulled, the units it ended."""

    decided: list[Record] = field(default_factory=list)
    proposed: list[Record] = field(default_factory=list)
    annulled: list[Record] = field(default_factory=list)
    ended: list[Record] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.decided or self.proposed or self.annulled or self.ended)


class Provenance:
    """The documents of every award, found once: by reference (`decision.document`) or, for a
    decision written inline, by its number (and date, or year) matching a document record."""

    def __init__(self, index: Index):
        self.index = index
        data = index.dataset
        self._by_number: dict[str, list[Record]] = defaultdict(list)
        for doc in data.kind("documents").values():
            if doc.get("number"):
                self._by_number[number_key(doc["number"])].append(doc)
        self.uses: dict[str, DocumentUses] = defaultdict(DocumentUses)
        self._documents: dict[tuple[str, str], Record | None] = {}
        for award in sorted(data.kind("awards").values(), key=lambda a: (-a["year"], index.rank(a))):
            for key, bucket in (("decision", "decided"), ("proposal", "proposed"), ("annulment", "annulled")):
                found = self._find(award, key)
                self._documents[(award.id, key)] = found
                if found is not None:
                    getattr(self.uses[found.id], bucket).append(award)
        for unit in index.sorted_units():
            if unit.get("ended_by") in data.kind("documents"):
                self.uses[unit["ended_by"]].ended.append(unit)

    def _find(self, award: Record, key: str) -> Record | None:
        part = award.get(key)
        if not isinstance(part, dict):
            return None
        docs = self.index.dataset.kind("documents")
        if part.get("document"):
            return docs.get(part["document"])
        if not part.get("number"):
            return None
        candidates = self._by_number.get(number_key(part["number"]), [])
        if isinstance(part.get("date"), dt.date):
            candidates = [d for d in candidates if d.get("date") in (None, part["date"])]
        else:  # numbers start again every year: a dated document must be of the award's year or the next
            candidates = [
                d
                for d in candidates
                if not isinstance(d.get("date"), dt.date) or d["date"].year in (award["year"], award["year"] + 1)
            ]
        return candidates[0] if len(candidates) == 1 else None

    def document(self, award: Record, key: str) -> Record | None:
        return self._documents.get((award.id, key))

    def date(self, award: Record, key: str) -> dt.date | None:
        return part_date(award, key, self.index.dataset)


def provenance(index: Index) -> Provenance:
    """The build's Provenance, made on first use and kept on the index."""
    found = index.__dict__.get("_provenance")
    if found is None:
        found = index.__dict__["_provenance"] = Provenance(index)
    return found


# ---------------------------------------------------------------------------------------------
# Lookups for templates and exports
# ---------------------------------------------------------------------------------------------


def decision_document(index: Index, award: Record) -> Record | None:
    """The document that decided the award: its `decision.document`, or a document with the
    inline decision's number (and date). None when no record exists."""
    return provenance(index).document(award, "decision")


def proposal_document(index: Index, award: Record) -> Record | None:
    return provenance(index).document(award, "proposal")


def annulment_document(index: Index, award: Record) -> Record | None:
    return provenance(index).document(award, "annulment")


def decision_date(index: Index, award: Record) -> dt.date | None:
    """The decision's date, written on the award or on its document."""
    return provenance(index).date(award, "decision")


def is_verifiable(award: Record) -> bool:
    """The award has a proof line (a certificate may exist): conferred, annulled or not."""
    return award_status(award) in VERIFIABLE


def verify_page_url(year: int) -> str:
    return f"{VERIFY_URL}{year}/"


def verify_url(award: Record, anchor: str | None = None) -> str:
    """Site-relative address of an award's (or one recipient's) proof line."""
    return f"{verify_page_url(award['year'])}#{anchor or award.id}"


def qr_file(award: Record, anchor: str | None = None) -> str:
    """Site-relative path of the QR code (SVG) that points at verify_url(award, anchor)."""
    return f"{verify_page_url(award['year'])}qr/{anchor or award.id}.svg"


def qr_years(index: Index) -> frozenset[int]:
    """The years whose awards get QR codes: the QR_RECENT_YEARS most recent years with awards."""
    return frozenset(index.years[:QR_RECENT_YEARS])


def has_qr(index: Index, award: Record) -> bool:
    return is_verifiable(award) and award["year"] in qr_years(index)


def anchors_of(award: Record) -> list[str]:
    """The stable id of every named recipient of an award (urls.recipient_anchors)."""
    return recipient_anchors(award.id, award.get("recipients") or [])


def has_public_comment(awards: list[Record]) -> bool:
    """One of these awards carries a comment period (the page should link /lay-y-kien/)."""
    return any(isinstance(a.get("public_comment"), dict) for a in awards)


@dataclass
class UnitHistory:
    until: dt.date | None
    successors: list[Record]
    predecessors: list[Record]
    ended_by: Record | None

    def __bool__(self) -> bool:
        return bool(self.until or self.successors or self.predecessors)


def unit_history(index: Index, unit: Record) -> UnitHistory:
    """A unit through time: the day it ended, the units that took it over, those it took over."""
    ended_by = index.dataset.get("documents", unit["ended_by"]) if unit.get("ended_by") else None
    return UnitHistory(unit.get("until"), unit_successors(index, unit), unit_predecessors(index, unit), ended_by)


def template_globals() -> dict:
    """What templates may call (pages.py adds these to its Jinja globals)."""
    return dict(
        decision_document=decision_document,
        proposal_document=proposal_document,
        annulment_document=annulment_document,
        decision_date=decision_date,
        verify_url=verify_url,
        qr_file=qr_file,
        recipient_anchors=recipient_anchors,
        anchors_of=anchors_of,
        is_verifiable=is_verifiable,
        has_qr=has_qr,
        has_public_comment=has_public_comment,
        unit_history=unit_history,
        file_link=file_link,
        ANNULLED_TAG=ANNULLED_TAG,
        COMMENTS_URL=COMMENTS_URL,
        VERIFY_URL=VERIFY_URL,
    )
