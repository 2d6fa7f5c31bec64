"""One award as a reader sees it: what it is and what for, who conferred it and at which level,
under which decision, to whom. Every lookup and every sentence of an award card is made here,
once per award; templates (macros.html: award_card, award_line) only lay it out."""

from __future__ import annotations

from dataclasses import dataclass, field

from bangvang.records.dataset import DataSet, Record
from bangvang.records.schema import recipient_kind
from bangvang.text import format_date, format_number
from bangvang.urls import award_anchor, recipient_anchors, record_url, year_url
from bangvang.website import provenance as pv
from bangvang.website import wording as w
from bangvang.website.index import RECIPIENT_KEYS, Index, award_status, award_tally
from bangvang.website.site_info import SiteInfo


@dataclass(frozen=True)
class Ref:
    """A text that may link to a page of the site (url relative to the site's root)."""

    text: str
    url: str | None = None


@dataclass(frozen=True)
class RecipientView:
    kind: str  # tap_the | ca_nhan | ho_gia_dinh
    name: Ref
    position: str | None = None
    unit: Ref | None = None
    reason: str | None = None
    anchor: str = ""  # the recipient's stable id on the year page (urls.recipient_anchors)


@dataclass
class AwardCard:
    id: str  # its id on the year page (urls.award_anchor)
    year: int
    status: str  # tang | de_nghi | huy_bo
    anchor: str  # the award on its year page: "khen-thuong/2021/#id"
    form: str  # the vocabulary's name: "Giấy khen của Chủ tịch UBND huyện"
    form_id: str
    category: str
    level: str
    level_label: str  # "Huyện"
    title: str  # form — what for — year
    purpose: Ref | None  # the campaign (linked), else what the reason says it was for
    issuer: str | None
    decision: Ref | None  # "Quyết định số … ngày …", linked to the document when recorded
    proposal_document: Ref | None  # the proposing document of a proposal
    proposal_text: str | None  # "UBND huyện … đề nghị UBND tỉnh … tặng …; chưa có quyết định"
    tag: str | None  # PROPOSAL_TAG on a proposal, ANNULLED_TAG on an annulled award
    tally: dict[str, int]
    tally_text: str  # "3 tập thể, 28 cá nhân"
    recipients: list[RecipientView]
    unnamed: list[str]  # "28 cá nhân — danh sách tên chưa được nhập"
    reason: str | None
    as_written: str | None  # the source's own wording, when it says more than the form's name
    source: Ref | None  # the report the facts come from
    campaign_id: str | None = None
    commune_ids: list[str] = field(default_factory=list)
    unit_ids: list[str] = field(default_factory=list)  # units named as recipients (self-links)
    annulment: Ref | None = None  # "Quyết định số … ngày …" that annulled it
    annulment_reason: str | None = None
    comment: Ref | None = None  # a proposal's public comment period, linked to /lay-y-kien/

    @property
    def is_proposal(self) -> bool:
        return self.status == "de_nghi"

    @property
    def is_annulled(self) -> bool:
        return self.status == "huy_bo"

    @property
    def who(self) -> str:
        """The line of who was honoured: '3 tập thể, 28 cá nhân — danh sách tên chưa được nhập'
        when no name is recorded, else the numbers (the names follow as a list)."""
        if not self.recipients and self.unnamed:
            return f"{self.tally_text} — {w.NAMES_MISSING}"
        return self.tally_text

    @property
    def short_recipients(self) -> list[RecipientView] | None:
        """The named recipients when they are the whole award and few (a list line names them)."""
        named = len(self.recipients)
        if 0 < named <= 3 and not self.unnamed:
            return self.recipients
        return None


class AwardCards:
    """Cards of one build, made once per award and shared by every page that shows it."""

    def __init__(self, index: Index, site: SiteInfo):
        self.index = index
        self.data: DataSet = index.dataset
        self.site = site
        self._cards: dict[str, AwardCard] = {}

    def __call__(self, award: Record) -> AwardCard:
        card = self._cards.get(award.id)
        if card is None:
            card = self._cards[award.id] = self._make(award)
        return card

    def many(self, awards: list[Record]) -> list[AwardCard]:
        return [self(a) for a in awards]

    # -- the parts of a card ------------------------------------------------------------------
    def _make(self, award: Record) -> AwardCard:
        entry = self.data.vocab[award["award"]]
        status = award_status(award)
        campaign = self.data.get("campaigns", award["campaign"]) if award.get("campaign") else None
        purpose = (
            Ref(campaign["title"], record_url("campaigns", campaign.id))
            if campaign
            else Ref(w.purpose_from_reason(award["reason"]))
            if award.get("reason")
            else None
        )
        year = award["year"]
        title = " — ".join(
            [entry["name"]]
            + ([purpose.text] if purpose else [])
            + ([] if purpose and str(year) in purpose.text else [str(year)])
        )
        tally = award_tally(award)
        anchors = recipient_anchors(award.id, award.get("recipients", []))
        recipients = [self._recipient(r, anchor) for r, anchor in zip(award.get("recipients", []), anchors)]
        annulment = award.get("annulment") or {}
        comment = award.get("public_comment") if status == "de_nghi" else None
        report = self.data.get("reports", str(award["source"])) if award.get("source") else None
        as_written = award.get("name_as_written")
        if as_written and (as_written.casefold() in entry["name"].casefold() or len(as_written.split()) <= 2):
            as_written = None  # "Bằng khen" says less than "Bằng khen của Chủ tịch UBND tỉnh"
        card = AwardCard(
            id=award_anchor(award.id),
            year=year,
            status=status,
            anchor=f"{year_url(year)}#{award_anchor(award.id)}",
            form=entry["name"],
            form_id=entry.id,
            category=entry["category"],
            level=entry["level"],
            level_label=w.level_label(entry["level"]),
            title=title,
            purpose=purpose,
            issuer=award.get("issuer"),
            decision=self._act("Quyết định", award.get("decision"), pv.decision_document(self.index, award)),
            proposal_document=(
                self._act("Văn bản đề nghị", award.get("proposal"), pv.proposal_document(self.index, award))
                if status == "de_nghi"
                else None
            ),
            proposal_text=(
                w.proposal_sentence(self._proposer(award, report), award.get("issuer"), entry, tally)
                if status == "de_nghi"
                else None
            ),
            tag=w.PROPOSAL_TAG if status == "de_nghi" else pv.ANNULLED_TAG if status == "huy_bo" else None,
            tally=tally,
            tally_text=w.tally_text(tally),
            recipients=recipients,
            unnamed=self._unnamed(tally, recipients),
            reason=award.get("reason"),
            as_written=as_written,
            source=Ref(report["title"], record_url("reports", report.id)) if report else None,
            campaign_id=campaign.id if campaign else None,
            commune_ids=self._communes(award),
            unit_ids=[r["unit"] for r in award.get("recipients", []) if r.get("unit") and not r.get("name")],
            annulment=(
                self._act("Quyết định hủy bỏ", annulment, pv.annulment_document(self.index, award))
                if status == "huy_bo"
                else None
            ),
            annulment_reason=annulment.get("reason") if status == "huy_bo" else None,
            comment=(
                Ref(
                    f"Lấy ý kiến nhân dân từ {format_date(comment['from'])} đến {format_date(comment['to'])}",
                    f"{pv.COMMENTS_URL}#{award_anchor(award.id)}",
                )
                if isinstance(comment, dict)
                else None
            ),
        )
        return card

    def _act(self, what: str, act: dict | None, document: Record | None) -> Ref | None:
        """'Quyết định số 12/QĐ-UBND ngày 15/01/2022', linked to the document when there is one
        (by reference, or by the same number: provenance.py finds it)."""
        if not act:
            return None
        number = act.get("number") or (document["number"] if document else None)
        day = act.get("date") or (document.get("date") if document else None)
        if what == "Văn bản đề nghị" and document is not None:
            what = document["kind"]
        text = what + (f" số {number}" if number else "") + (f" ngày {format_date(day)}" if day else "")
        return Ref(text, record_url("documents", document.id) if document is not None else None)

    def _proposer(self, award: Record, report: Record | None) -> str:
        """Who proposed: the proposing document's issuer, else the report's, else the district."""
        proposal = award.get("proposal") or {}
        if proposal.get("document"):
            return self._record("documents", proposal["document"])["issuer"]
        if report is not None:
            return report["issuer"]
        return f"UBND {self.site.district}"

    def _recipient(self, r: dict, anchor: str) -> RecipientView:
        kind = recipient_kind(r)
        if r.get("person"):
            person = self._record("people", r["person"])
            unit = self.data.get("units", person["unit"]) if person.get("unit") else None
            return RecipientView(
                kind,
                Ref(person["name"], record_url("people", person.id)),
                person.get("position"),
                self._unit_ref(unit),
                r.get("reason"),
                anchor,
            )
        if r.get("name"):
            unit = self.data.get("units", r["unit"]) if r.get("unit") else None
            unit_ref = self._unit_ref(unit) or (Ref(r["unit_name"]) if r.get("unit_name") else None)
            return RecipientView(kind, Ref(r["name"]), r.get("position"), unit_ref, r.get("reason"), anchor)
        unit = self._record("units", r["unit"])
        return RecipientView(kind, Ref(unit["name"], record_url("units", unit.id)), None, None, r.get("reason"), anchor)

    def _record(self, kind: str, record_id: str) -> Record:
        """A record a valid data set refers to (validation has checked that it exists)."""
        record = self.data.get(kind, record_id)
        assert record is not None, (kind, record_id)
        return record

    @staticmethod
    def _unit_ref(unit: Record | None) -> Ref | None:
        return Ref(unit["name"], record_url("units", unit.id)) if unit is not None else None

    @staticmethod
    def _unnamed(tally: dict[str, int], recipients: list[RecipientView]) -> list[str]:
        """Where the source gives numbers, not names: '28 cá nhân — danh sách tên chưa được nhập'."""
        lines = []
        for k in RECIPIENT_KEYS:
            named = sum(1 for r in recipients if r.kind == k)
            missing = tally.get(k, 0) - named
            if missing > 0:
                other = " khác" if named else ""
                lines.append(f"{format_number(missing)} {w.KIND_WORDS[k]}{other} — {w.NAMES_MISSING}")
        return lines

    def _communes(self, award: Record) -> list[str]:
        ids: list[str] = []
        for r in award.get("recipients", []):
            unit_id = r.get("unit")
            if r.get("person"):
                unit_id = self._record("people", r["person"]).get("unit")
            unit = self.data.get("units", unit_id) if unit_id else None
            commune = self.index.commune_of(unit) if unit is not None else None
            if commune is not None and commune.id not in ids:
                ids.append(commune.id)
        return ids
