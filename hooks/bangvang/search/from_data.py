"""Search records for readers, made from the data set (never from the pages' HTML).

One record per page of a record (unit, person, campaign, model, document, report), and one per
thing inside a page that a reader may be looking for, pointing at its anchor: each section of a
report, each award form on a year's page and each award act. The recipients named in an award
without a page of their own are parts of their act's record, each with the anchor of its line
(one record each would have made the index every reader downloads a third larger). Pages that
only list others (home, sections, statistics…) get their title and description. The anchors come
from bangvang.urls, the functions the page templates use. An award's `note` is internal and never
indexed; annulled awards are not honours and are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.search.plain_text import join, markdown_text
from bangvang.search.records import SearchRecord, filter_values
from bangvang.text import format_date, nfc
from bangvang.urls import (
    award_anchor,
    award_form_anchor,
    recipient_anchors,
    record_url,
    report_section_anchor,
    year_url,
)
from bangvang.website import wording
from bangvang.website.index import Index, award_status, award_tally, names_through_time

# Where a recipient of each kind is listed by the search box.
RECIPIENT_RESULT_KIND = {"ca_nhan": "person", "tap_the": "unit", "ho_gia_dinh": "household"}
# Award statuses with a place on the year's page (conferred, and proposals listed apart).
LISTED_STATUSES = ("tang", "de_nghi")


class ReaderRecords:
    """Collects the records of one data set; lookups shared by several kinds are made once."""

    def __init__(self, index: Index):
        self.index = index
        self.data = index.dataset
        self.vocab = self.data.vocab
        self._communes: dict[str, str | None] = {}

    # -- all of them ---------------------------------------------------------------------------
    def collect(self, pages: Iterable = ()) -> list[SearchRecord]:
        """Every reader record, and a list record for each page in `pages` (objects with url,
        title and description) not already the page of a record."""
        records: list[SearchRecord] = []
        for unit in self.data.kind("units").values():
            records.append(self.unit(unit))
        for person in self.data.kind("people").values():
            records.append(self.person(person))
        for campaign in self.data.kind("campaigns").values():
            records.append(self.campaign(campaign))
        for model in self.data.kind("models").values():
            records.append(self.model(model))
        for document in self.data.kind("documents").values():
            records.append(self.document(document))
        for report in self.data.kind("reports").values():
            records += self.report(report)
        for year in self.index.years:
            records += self.year(year)
        covered = {r.url for r in records}
        for page in pages:
            if page.url not in covered:
                records.append(
                    SearchRecord(
                        page.url,
                        nfc(page.title),
                        "list",
                        nfc(page.description or ""),
                        names=(nfc(page.title),),
                        listing=True,
                        filters=filter_values(kind="list"),
                    )
                )
        return sorted(records, key=lambda r: r.url)

    # -- lookups -------------------------------------------------------------------------------
    def commune_id(self, unit_id: str | None) -> str | None:
        if not unit_id:
            return None
        if unit_id not in self._communes:
            unit = self.data.get("units", unit_id)
            commune = self.index.commune_of(unit) if unit is not None else None
            self._communes[unit_id] = commune.id if commune is not None else None
        return self._communes[unit_id]

    def unit_name(self, unit_id: str | None) -> str | None:
        unit = self.data.get("units", unit_id) if unit_id else None
        return unit["name"] if unit is not None else None

    def form_name(self, award: Record) -> str:
        entry = self.vocab.get(award["award"])
        return entry["name"] if entry is not None else award["award"]

    def campaign_of(self, award_or_model: Record) -> Record | None:
        campaign = award_or_model.get("campaign")
        return self.data.get("campaigns", campaign) if campaign else None

    def award_facets(self, awards: list[Record]) -> dict:
        given = [a for a in awards if award_status(a) == "tang"]
        return {"award": [a["award"] for a in given], "year": [a["year"] for a in given]}

    # -- record pages --------------------------------------------------------------------------
    def unit(self, unit: Record) -> SearchRecord:
        awards = self.index.awards_by_unit.get(unit.id, [])
        commune_id = self.commune_id(unit.id)
        where = [
            self.unit_name(commune_id) if commune_id and commune_id != unit.id else None,
            self.unit_name(unit.get("parent")),
        ]
        # Units merged into others: an old commune is found by today's name and the reverse.
        through_time = tuple(nfc(n) for n in names_through_time(self.index, unit))
        aliases = tuple(nfc(a) for a in unit.get("aliases", []))
        text = join(
            s.UNIT_KINDS.label(unit["kind"]) if unit.get("kind") in s.UNIT_KINDS.choices else None,
            ", ".join(w for w in where if w) or None,
            ("Tên gọi khác: " + ", ".join(aliases)) if aliases else None,
            markdown_text(unit.get("summary")),
            ("Tên qua các thời kỳ: " + ", ".join(through_time)) if through_time else None,
        )
        return SearchRecord(
            record_url("units", unit.id),
            nfc(unit["name"]),
            "unit",
            text,
            names=(nfc(unit["name"]),) + aliases + through_time,
            filters=filter_values(kind="unit", commune=commune_id, **self.award_facets(awards)),
        )

    def person(self, person: Record) -> SearchRecord:
        awards = self.index.awards_by_person.get(person.id, [])
        unit_id = person.get("unit")
        commune_id = self.commune_id(unit_id)
        text = join(
            join(person.get("position"), self.unit_name(unit_id), sep=", ") or None,
            self.unit_name(commune_id) if commune_id != unit_id else None,
        )
        return SearchRecord(
            record_url("people", person.id),
            nfc(person["name"]),
            "person",
            nfc(text),
            names=(nfc(person["name"]),),
            filters=filter_values(kind="person", commune=commune_id, **self.award_facets(awards)),
        )

    def campaign(self, campaign: Record) -> SearchRecord:
        awards = self.index.awards_by_campaign.get(campaign.id, [])
        basis = [self.data.get("documents", d) for d in campaign.get("basis", [])]
        since, until = campaign.get("since"), campaign.get("until")
        period = "–".join(str(getattr(v, "year", v)) for v in (since, until) if v)
        results = [
            join(f"Năm {r['year']}", markdown_text(r.get("text")), ", ".join(f["label"] for f in r.get("figures", [])))
            for r in campaign.get("results", [])
        ]
        text = join(
            s.CAMPAIGN_KINDS.label(campaign["kind"]) if campaign.get("kind") else None,
            s.FIELDS.label(campaign["field"]),
            campaign.get("launched_by"),
            period or None,
            markdown_text(campaign.get("summary")),
            *results,
            ("Căn cứ: " + ", ".join(f"{d['kind']} {d['number']}" for d in basis if d is not None)) if basis else None,
        )
        facets = self.award_facets(awards)
        facets["year"] += [r["year"] for r in campaign.get("results", [])]
        return SearchRecord(
            record_url("campaigns", campaign.id),
            nfc(campaign["title"]),
            "campaign",
            text,
            names=(nfc(campaign["title"]),),
            filters=filter_values(kind="campaign", field=campaign["field"], **facets),
        )

    def model(self, model: Record) -> SearchRecord:
        campaign = self.campaign_of(model)
        units = [self.data.get("units", u) for u in model.get("units", [])]
        people = [self.data.get("people", p) for p in model.get("people", [])]
        text = join(
            f"Năm {model['year']}",
            markdown_text(model.get("summary")),
            markdown_text(model.get("body")),
            campaign["title"] if campaign else None,
            ", ".join(u["name"] for u in units if u is not None) or None,
            ", ".join(p["name"] for p in people if p is not None) or None,
        )
        return SearchRecord(
            record_url("models", model.id),
            nfc(model["title"]),
            "model",
            text,
            names=(nfc(model["title"]),),
            filters=filter_values(
                kind="model",
                year=model["year"],
                field=campaign["field"] if campaign else "khac",
                commune=[self.commune_id(u) for u in model.get("units", [])],
            ),
        )

    def document(self, doc: Record) -> SearchRecord:
        date = doc.get("date")
        signer = doc.get("signed_by") or {}
        text = join(
            doc.get("title"),
            doc.get("issuer"),
            format_date(date) if date else None,
            join(signer.get("name"), signer.get("position"), sep=", ") or None,
        )
        return SearchRecord(
            record_url("documents", doc.id),
            nfc(f"{doc['kind']} {doc['number']}"),
            "document",
            text,
            names=(nfc(doc["number"]), nfc(f"{doc['kind']} {doc['number']}")),
            filters=filter_values(kind="document", year=getattr(date, "year", None)),
        )

    def report(self, report: Record) -> list[SearchRecord]:
        url = record_url("reports", report.id)
        signer = report.get("signed_by") or {}
        title = nfc(report["title"])
        facets = filter_values(kind="report", year=report["year"])
        records = [
            SearchRecord(
                url,
                title,
                "report",
                join(
                    report.get("issuer"),
                    report.get("number"),
                    format_date(report["date"]) if report.get("date") else None,
                    join(signer.get("name"), signer.get("position"), sep=", ") or None,
                    ", ".join(f["label"] for f in report.get("targets", [])) or None,
                ),
                names=(title,),
                filters=facets,
            )
        ]
        # Headings typed in capitals are shown in sentence case, as the report's page shows them
        # (the same call as website/pages.py's report page).
        sections = report.get("sections", [])
        known = (
            wording.casing_of_words(
                [sec.get("text") or "" for sec in sections]
                + [u["name"] for u in self.data.kind("units").values()]
                + [c["title"] for c in self.data.kind("campaigns").values()]
            )
            if any(sec["heading"].isupper() for sec in sections)
            else {}
        )
        for n, section in enumerate(sections, start=1):
            heading = wording.sentence_case(section["heading"], known)
            records.append(
                SearchRecord(
                    f"{url}#{report_section_anchor(n)}",
                    nfc(heading),
                    "report",
                    markdown_text(section.get("text")),
                    context=title,
                    filters=facets,
                )
            )
        return records

    # -- a year's awards ------------------------------------------------------------------------
    def year(self, year: int) -> list[SearchRecord]:
        url = year_url(year)
        awards = [a for a in self.index.awards_by_year[year] if award_status(a) in LISTED_STATUSES]
        title = f"Khen thưởng năm {year}"
        records = [
            SearchRecord(
                url,
                title,
                "award",
                f"Khen thưởng năm {year}: danh hiệu thi đua và hình thức khen thưởng.",
                names=(title,),
                listing=True,
                filters=filter_values(kind="award", year=year, award=self.award_facets(awards)["award"]),
            )
        ]
        groups: dict[str, list[Record]] = defaultdict(list)
        for award in awards:
            if award_status(award) == "tang":
                groups[award["award"]].append(award)
        for vocab_id, group in groups.items():
            records.append(self.award_form(year, vocab_id, group))
        for award in awards:
            records.append(self.award_act(award))
        return records

    def award_form(self, year: int, vocab_id: str, awards: list[Record]) -> SearchRecord:
        entry = self.vocab.get(vocab_id)
        name = nfc(entry["name"]) if entry is not None else vocab_id
        aliases = tuple(nfc(a) for a in (entry.get("aliases", []) if entry is not None else []))
        tally = {k: 0 for k in s.RECIPIENT_KINDS.choices}
        for award in awards:
            for k, v in award_tally(award).items():
                tally[k] += v
        campaigns = [c for c in (self.campaign_of(a) for a in awards) if c is not None]
        text = join(
            ("Tên gọi khác: " + ", ".join(aliases)) if aliases else None,
            join(
                s.AWARD_CATEGORIES.label(entry["category"]),
                "cấp " + s.AWARD_LEVELS.label(entry["level"]).lower(),
                sep=", ",
            )
            if entry is not None
            else None,
            _tally_text(tally),
            ", ".join(dict.fromkeys(a["issuer"] for a in awards if a.get("issuer"))) or None,
            ", ".join(dict.fromkeys(c["title"] for c in campaigns)) or None,
        )
        return SearchRecord(
            f"{year_url(year)}#{award_form_anchor(vocab_id)}",
            f"{name} năm {year}",
            "award",
            text,
            names=(name,) + aliases,
            context=f"Khen thưởng năm {year}",
            filters=filter_values(
                kind="award",
                year=year,
                award=vocab_id,
                field=[c["field"] for c in campaigns],
                commune=self.recipient_communes(awards),
            ),
        )

    def award_act(self, award: Record) -> SearchRecord:
        """One award act, its recipients listed in its text; each recipient is a part of the text
        with the anchor of its line, so a match on a recipient opens that line."""
        entry = self.vocab.get(award["award"])
        proposal = award_status(award) == "de_nghi"
        campaign = self.campaign_of(award)
        decision = award.get("proposal" if proposal else "decision") or {}
        written = award.get("name_as_written")
        text = join(
            ("Theo văn bản: " + written) if written and written != self.form_name(award) else None,
            ", ".join(entry.get("aliases", [])) if entry is not None else None,
            award.get("issuer"),
            join(
                ("Tờ trình" if proposal else "Quyết định")
                + (f" số {decision['number']}" if decision.get("number") else ""),
                f"ngày {format_date(decision['date'])}" if decision.get("date") else None,
                sep=" ",
            )
            if decision.get("number") or decision.get("date")
            else None,
            campaign["title"] if campaign else None,
            award.get("reason"),
            _tally_text(award_tally(award)),
        )
        text, parts, written_names = self._with_recipients(nfc(text), award)
        year = award["year"]
        context = f"{'Đề nghị khen thưởng' if proposal else 'Khen thưởng'} năm {year}"
        if campaign:
            context += f" · {campaign['title']}"
        title = ("Đề nghị " + _lower_first(self.form_name(award))) if proposal else self.form_name(award)
        kinds = {RECIPIENT_RESULT_KIND[s.recipient_kind(r)] for r in award.get("recipients", []) if r.get("name")}
        return SearchRecord(
            f"{year_url(year)}#{award_anchor(award.id)}",
            nfc(title),
            "award",
            text,
            names=written_names,
            context=nfc(context),
            parts=parts,
            filters=filter_values(
                kind=["award", *sorted(kinds)],
                year=year,
                award=award["award"] if not proposal else None,
                field=campaign["field"] if campaign else None,
                commune=self.recipient_communes([award]),
            ),
        )

    def _with_recipients(self, text: str, award: Record) -> tuple[str, tuple, tuple[str, ...]]:
        """The act's text followed by the recipients named in the award itself ("Name, position,
        unit; …": people and collectives without a page of their own; those with a page are found
        there), the parts (where each starts in the text, how long its name is, the anchor of its
        line) and their names (a query equal to one is "exactly named")."""
        recipients = award.get("recipients", [])
        if not any(r.get("name") for r in recipients):
            return text, (), ()
        anchors = recipient_anchors(award.id, recipients)
        pieces, parts, names = [], [], []
        pos = _utf16_len(text) + len(" · Người nhận: ") if text else len("Người nhận: ")
        for recipient, anchor in zip(recipients, anchors):
            if not recipient.get("name"):
                continue
            name = nfc(recipient["name"])
            unit = self.unit_name(recipient.get("unit")) or recipient.get("unit_name")
            piece = nfc(join(name, recipient.get("position"), unit, recipient.get("reason"), sep=", "))
            parts.append((pos, _utf16_len(name), anchor))
            pieces.append(piece)
            names.append(name)
            pos += _utf16_len(piece) + len("; ")
        listing = "Người nhận: " + "; ".join(pieces)
        return (f"{text} · {listing}" if text else listing), tuple(parts), tuple(dict.fromkeys(names))

    def recipient_communes(self, awards: list[Record]) -> list[str | None]:
        communes = []
        for award in awards:
            for r in award.get("recipients", []):
                unit_id = r.get("unit")
                if r.get("person"):
                    person = self.data.get("people", r["person"])
                    unit_id = person.get("unit") if person is not None else None
                communes.append(self.commune_id(unit_id))
        return communes


def reader_records(index: Index, pages: Iterable = ()) -> list[SearchRecord]:
    return ReaderRecords(index).collect(pages)


def _utf16_len(text: str) -> int:
    """Length as the browser counts it (UTF-16 code units): parts are read by search.js."""
    return len(text.encode("utf-16-le")) // 2


def _tally_text(tally: dict[str, int]) -> str | None:
    parts = [f"{tally[k]} {label.lower()}" for k, label in s.RECIPIENT_KINDS.labels if tally.get(k)]
    return ", ".join(parts) or None


def _lower_first(text: str) -> str:
    """'Bằng khen của…' -> 'bằng khen của…' after 'Đề nghị' (names of bodies keep their capitals)."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
