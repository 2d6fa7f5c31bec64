"""Every page of the site, built from the index with one Jinja2 template per page kind.

A Page holds its finished HTML body; the hook hands MkDocs a small Markdown stub per page (for
the title and metadata) and swaps in this body, so record text never passes through Markdown
unless its field is `markdown` (safe_markdown.py), and template syntax inside data is never evaluated.

Each method below gathers what its page shows (lookups, sorting, sentences) into plain values;
the templates (templates/, all extending base.html) only lay them out. Award cards come from
award_cards.py, count words and sentences from wording.py, the trail from breadcrumbs.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import zlib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.text import fold, format_date, format_number, format_quantity, initial_letter, person_sort_key, sort_key
from bangvang.urls import award_form_anchor, record_url, relative, report_section_anchor, section_url, src_uri, year_url
from bangvang.website import breadcrumbs as bc
from bangvang.website import wording as w
from bangvang.website.award_cards import AwardCard, AwardCards
from bangvang.website.charts import year_charts
from bangvang.website.conferring_bodies import awards_conferred_by
from bangvang.website.coverage import contact_lines, coverage
from bangvang.website.index import (
    RECIPIENT_KEYS,
    Index,
    annulled,
    award_day,
    award_status,
    award_tally,
    conferred,
    proposed,
)
from bangvang.website.mention_links import Mention, MentionLinker
from bangvang.website.model_fields import model_field
from bangvang.website.photos import photos_for
from bangvang.website.provenance import COMMENTS_URL, decision_date, has_public_comment
from bangvang.website.provenance import template_globals as provenance_globals
from bangvang.website.safe_markdown import heading_id, markdown_to_html
from bangvang.website.site_info import SiteInfo

TEMPLATES = Path(__file__).parent / "templates"
SEARCH_URL = "tim-kiem/"  # the home page's search form submits here (works without JavaScript)
PROPOSALS_URL = section_url("awards") + "de-nghi/"  # proposals_page.py
LATEST_AWARDS = 6
HOME_MODELS = 6

__all__ = ["Page", "PageBuilder", "SiteInfo", "stub_text"]


class _Compressed:
    """A text field kept compressed: a site holds every page's body from the start of the build
    to its end (tens of thousands at a province's scale), and compressed they take a tenth of the
    memory (issue 16: peak memory); a page is read back once, when MkDocs writes it."""

    def __set_name__(self, owner, name: str) -> None:
        self._slot = "_compressed_" + name

    def __get__(self, page, owner=None) -> str:
        if page is None:
            return ""  # (the default of the dataclass field)
        return zlib.decompress(getattr(page, self._slot)).decode("utf-8", "surrogatepass")

    def __set__(self, page, text: str) -> None:
        setattr(page, self._slot, zlib.compress(text.encode("utf-8", "surrogatepass"), 1))

    def packed(self, page) -> bytes:
        return getattr(page, self._slot, b"")


@dataclass
class Page:
    url: str
    title: str
    description: str
    html: _Compressed = _Compressed()
    edit_path: str | None = None  # the YAML file (or folder) behind the page
    search: dict = field(default_factory=dict)  # unused by search since it reads the data (kept for callers)
    breadcrumbs: list = field(default_factory=list)  # breadcrumbs.Crumb, home first; empty on top pages

    @property
    def src_uri(self) -> str:
        return src_uri(self.url)

    def html_fingerprint(self) -> bytes:
        """The body as kept (compressed): equal bodies, equal bytes, and a few times shorter to
        compare than the text (the preview compares every page at each save)."""
        return vars(Page)["html"].packed(self)


@dataclass(frozen=True)
class Row:
    """A line of a summary table: its label, where it leads on the page, its numbers."""

    label: str
    anchor: str
    tally: dict


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    """One environment per process: its templates are compiled once, not at every rebuild of the
    preview (it still reloads a template whose file changed)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        number=format_number,
        quantity=lambda v, unit=None: format_quantity(v, unit),
        date=format_date,
        markdown=lambda text: jinja2.utils.markupsafe.Markup(markdown_to_html(text)),
        fold=fold,
        tally=w.tally_text,
        turns=w.turns_text,
    )
    env.globals.update(
        FIELDS=s.FIELDS,
        UNIT_KINDS=s.UNIT_KINDS,
        CAMPAIGN_KINDS=s.CAMPAIGN_KINDS,
        RECIPIENT_KINDS=s.RECIPIENT_KINDS,
        AWARD_LEVELS=s.AWARD_LEVELS,
        AWARD_CATEGORIES=s.AWARD_CATEGORIES,
        RECIPIENT_KEYS=RECIPIENT_KEYS,
        record_url=record_url,
        year_url=year_url,
        section_url=section_url,
        award_tally=award_tally,
        award_status=award_status,
        words=w,
    )
    env.globals.update(provenance_globals())  # decisions, proof lines, comment periods, units' end (issue 14)
    return env


class PageBuilder:
    def __init__(self, index: Index, site: SiteInfo):
        self.index = index
        self.data = index.dataset
        self.site = site
        self.env = _environment()
        self._templates: dict[str, jinja2.Template] = {}
        self.cards = AwardCards(index, site)
        self.contact = contact_lines(site)
        self.coverage_all = coverage(self._every_award())  # names recorded over every year

    # -- rendering -------------------------------------------------------------------------------
    def render(self, template: str, page: Page, **context) -> Page:
        if template not in self._templates:
            self._templates[template] = self.env.get_template(template)
        here = page.url.partition("#")[0]
        page.html = self._templates[template].render(
            page=page,
            heading_id=_heading_id(page.title),
            link=lambda target: relative(target, page.url),
            here=lambda target: bool(target is not None) and target.partition("#")[0] == here,
            ix=self.index,
            data=self.data,
            site=self.site,
            contact=self.contact,
            print_url=self.site.absolute_url(page.url),
            edit_url=self.site.edit_url(page.edit_path),
            edit_for=self.site.edit_url,
            **context,
        )
        return page

    # -- all pages --------------------------------------------------------------------------------
    def build(self) -> list[Page]:
        pages = [
            self.home(),
            self.search_page(),
            self.campaigns_index(),
            self.models_index(),
            self.awards_index(),
            self.units_index(),
            self.people_index(),
            self.documents_index(),
            self.reports_index(),
        ]
        pages += [self.campaign(r) for r in self.data.kind("campaigns").values()]
        pages += [self.model(r) for r in self.data.kind("models").values()]
        pages += [self.unit(r) for r in self.data.kind("units").values()]
        pages += [self.person(r) for r in self.data.kind("people").values()]
        pages += [self.report(r) for r in self.data.kind("reports").values()]
        pages += [self.year(y) for y in self.index.years]
        return pages

    # -- home and sections ---------------------------------------------------------------------
    def home(self) -> Page:
        # The figures are those of the latest year with conferred awards (a year of proposals
        # alone has no honours to count), else of the latest year with anything.
        given_years = [y for y in self.index.years if conferred(self.index.awards_by_year[y])]
        year = given_years[0] if given_years else self.index.latest_year
        of_year = self.index.awards_by_year.get(year, []) if year else []
        every = self._every_award()
        # Newest decision first: its date, or its document's, else the end of the award's year.
        latest = sorted(
            conferred(every),
            key=lambda a: (-(decision_date(self.index, a) or award_day(a)).toordinal(), self.index.rank(a)),
        )
        waiting = proposed(every)
        models = self.index.sorted_models()[:HOME_MODELS]
        report = self.data.get("reports", str(year)) if year else None
        page = Page(
            "",
            f"Bảng vàng thi đua, khen thưởng {self.site.district}",
            f"Phong trào thi đua, điển hình tiên tiến và khen thưởng của {self.site.district}, {self.site.province}.",
            edit_path="data/",
        )
        return self.render(
            "home.html",
            page,
            year=year,
            totals=_totals(conferred(of_year)),
            coverage=self.coverage_all,
            latest=self.cards.many(latest[:LATEST_AWARDS]),
            more_latest=len(latest) > LATEST_AWARDS,
            waiting=len(waiting),
            waiting_tally=_totals(waiting),
            proposals_url=PROPOSALS_URL,
            search_url=SEARCH_URL,
            models=[self._model_row(m) for m in models],
            more_models=len(self.data.kind("models")) > len(models),
            report=report,
            campaigns=len(self.data.kind("campaigns")),
            model_count=len(self.data.kind("models")),
        )

    def search_page(self) -> Page:
        """Where the home page's search form lands: with JavaScript, the site's search box takes the
        query (docs/assets/search.js); without it, the lists that lead to every record."""
        page = Page(SEARCH_URL, "Tìm kiếm", f"Tìm tập thể, cá nhân, phong trào, khen thưởng của {self.site.district}.")
        return self.render("search.html", page)

    def campaigns_index(self) -> Page:
        groups = defaultdict(list)
        for campaign in sorted(self.data.kind("campaigns").values(), key=lambda r: sort_key(r["title"])):
            groups[campaign["field"]].append(campaign)
        page = Page(
            section_url("campaigns"),
            "Phong trào thi đua",
            "Các phong trào thi đua, theo lĩnh vực.",
            edit_path="data/campaigns/",
        )
        return self.render(
            "campaigns.html", page, groups=[(v, label, groups[v]) for v, label in s.FIELDS.labels if groups[v]]
        )

    def models_index(self) -> Page:
        models = self.index.sorted_models()
        rows = [self._model_row(m) for m in models]
        page = Page(
            section_url("models"),
            "Điển hình tiên tiến",
            "Điển hình tiên tiến, mô hình tiêu biểu theo lĩnh vực, xã và năm.",
            edit_path="data/models/",
        )
        return self.render(
            "models.html",
            page,
            rows=rows,
            years=sorted({m["year"] for m in models}, reverse=True),
            fields=[(v, label) for v, label in s.FIELDS.labels if any(r["field"] == v for r in rows)],
            communes=sorted({c.id: c for r in rows for c in r["communes"]}.values(), key=lambda u: sort_key(u["name"])),
        )

    def _model_row(self, model: Record) -> dict:
        campaign = self.data.get("campaigns", model.get("campaign")) if model.get("campaign") else None
        communes = {}
        for unit_id in model.get("units", []):
            commune = self.index.commune_of(self._record("units", unit_id))
            if commune is not None:
                communes[commune.id] = commune
        field_id = model_field(model, campaign)
        return {
            "model": model,
            "campaign": campaign,
            "field": field_id,
            "field_label": s.FIELDS.label(field_id),
            "communes": sorted(communes.values(), key=lambda u: sort_key(u["name"])),
        }

    def awards_index(self) -> Page:
        years: list[dict] = []
        for y in self.index.years:
            awards = self.index.awards_by_year[y]
            years.append(
                {
                    "year": y,
                    "totals": _totals(conferred(awards)),
                    "proposals": _totals(proposed(awards)),
                    "coverage": coverage(awards),
                }
            )
        households = any(r["totals"]["ho_gia_dinh"] for r in years)
        page = Page(section_url("awards"), "Khen thưởng", "Khen thưởng theo năm.", edit_path="data/awards/")
        return self.render(
            "awards.html",
            page,
            years=years,
            proposals_url=PROPOSALS_URL,
            cols=[k for k in RECIPIENT_KEYS if k != "ho_gia_dinh" or households],
        )

    def units_index(self) -> Page:
        """Units by kind; the bodies that confer awards (and received none) in a list of their own."""
        groups = defaultdict(list)
        units = self.index.sorted_units()
        issued = awards_conferred_by(units, self._every_award())
        bodies = []
        for unit in units:
            received = self.index.awards_by_unit.get(unit.id, [])
            if unit.id in issued and not received:
                given = conferred(issued[unit.id])
                note = f"đã tặng {format_number(len(given))} khen thưởng" if given else "nơi nhận đề nghị khen thưởng"
                bodies.append(
                    {
                        "name": unit["name"],
                        "url": record_url("units", unit.id),
                        "detail": None,
                        "note": note,
                        "proposal": None,
                    }
                )
                continue
            groups[unit["kind"]].append(self._listed(unit["name"], record_url("units", unit.id), None, received))
        page = Page(
            section_url("units"), "Tập thể", "Các tập thể: xã, thị trấn, cơ quan, trường học…", edit_path="data/units/"
        )
        return self.render(
            "units.html",
            page,
            coverage=self.coverage_all,
            bodies=bodies,
            groups=[(v, label, groups[v]) for v, label in s.UNIT_KINDS.labels if groups[v]],
        )

    def people_index(self) -> Page:
        """Everyone named as an individual: people with a record (their own page) and names given
        in an award only (linked to that award), in Vietnamese order of given name."""
        entries = []
        for person in self.index.sorted_people():
            entry = self._listed(
                person["name"],
                record_url("people", person.id),
                person.get("position"),
                self.index.awards_by_person.get(person.id, []),
            )
            entries.append((person_sort_key(person["name"], person.get("given_name")), person.get("given_name"), entry))
        for award in self._every_award():
            card = self.cards(award)
            for rv in card.recipients:
                if rv.kind == "ca_nhan" and rv.name.url is None:
                    detail = ", ".join(filter(None, [rv.position, rv.unit.text if rv.unit else None]))
                    entries.append(
                        (
                            person_sort_key(rv.name.text),
                            None,
                            {
                                "name": rv.name.text,
                                "url": card.anchor,
                                "detail": detail,
                                "note": card.title,
                                "proposal": card.tag,
                            },
                        )
                    )
        groups: dict[str, list] = {}
        for _, given, entry in sorted(entries, key=lambda e: e[0]):
            groups.setdefault(initial_letter(given or entry["name"].split()[-1]), []).append(entry)
        page = Page(
            section_url("people"),
            "Cá nhân",
            "Cá nhân có tên trong dữ liệu khen thưởng, theo thứ tự chữ cái của tên.",
            edit_path="data/people/",
        )
        return self.render("people.html", page, groups=list(groups.items()), coverage=self.coverage_all)

    def _record(self, kind: str, record_id: str) -> Record:
        """A record a valid data set refers to (validation has checked that it exists)."""
        record = self.data.get(kind, record_id)
        assert record is not None, (kind, record_id)
        return record

    def _newest_year_first(self, awards: list[Record]) -> list[Record]:
        """A record's awards as its page lists them: the latest year first, then by rank."""
        return sorted(awards, key=lambda a: (-a["year"], self.index.rank(a)))

    def _every_award(self) -> list[Record]:
        return [a for y in self.index.years for a in self.index.awards_by_year[y]]

    @staticmethod
    def _listed(name: str, url: str, detail: str | None, awards: list[Record]) -> dict:
        """One line of /tap-the/ or /ca-nhan/: who, where their page is, and what they have been
        given or proposed for."""
        given, waiting = conferred(awards), proposed(awards)
        note = f"{format_number(len(given))} khen thưởng" if given else "chưa có khen thưởng ghi tên"
        return {
            "name": name,
            "url": url,
            "detail": detail,
            "note": note,
            "proposal": w.PROPOSAL_TAG if waiting else None,
        }

    def documents_index(self) -> Page:
        docs = sorted(
            self.data.kind("documents").values(),
            key=lambda r: (r.get("date") or dt.date.min, r["number"]),
            reverse=True,
        )
        page = Page(
            section_url("documents"),
            "Văn bản",
            "Văn bản làm căn cứ cho các phong trào thi đua, khen thưởng.",
            edit_path="data/documents/",
        )
        return self.render("documents.html", page, documents=docs)

    def reports_index(self) -> Page:
        reports = sorted(self.data.kind("reports").values(), key=lambda r: r["year"], reverse=True)
        page = Page(
            section_url("reports"),
            "Báo cáo tổng kết",
            "Báo cáo tổng kết công tác thi đua, khen thưởng hằng năm.",
            edit_path="data/reports/",
        )
        return self.render("reports.html", page, reports=reports)

    # -- record pages -------------------------------------------------------------------------------
    def campaign(self, record: Record) -> Page:
        awards = self._newest_year_first(self.index.awards_by_campaign.get(record.id, []))
        page = Page(
            record_url("campaigns", record.id),
            record["title"],
            _line(f"Phong trào thi đua “{record['title']}”: kết quả, điển hình và khen thưởng."),
            edit_path=record.path,
            breadcrumbs=bc.for_campaign(record),
        )
        given = self.cards.many(conferred(awards))
        return self.render(
            "campaign.html",
            page,
            r=record,
            documents=[self.data.get("documents", d) for d in record.get("basis", [])],
            models=[self._model_row(m) for m in self.index.models_by_campaign.get(record.id, [])],
            awards=given,
            proposals=self.cards.many(proposed(awards)),
            annulled=self.cards.many(annulled(awards)),
            comments_url=_comments(awards),
            overlaps=_overlaps(given, by_campaign=False),
            empty="Chưa có khen thưởng nào gắn với phong trào này trong dữ liệu.",
        )

    def model(self, record: Record) -> Page:
        row = self._model_row(record)
        page = Page(
            record_url("models", record.id),
            record["title"],
            _plain(record["summary"]),
            edit_path=record.path,
            breadcrumbs=bc.for_model(record),
        )
        return self.render(
            "model.html",
            page,
            r=record,
            row=row,
            photos=photos_for(self.site.docs_dir, record.get("images", []), page.url),
            units=[self.data.get("units", u) for u in record.get("units", [])],
            people=[self.data.get("people", p) for p in record.get("people", [])],
        )

    def unit(self, record: Record) -> Page:
        awards = self._newest_year_first(self.index.awards_by_unit.get(record.id, []))
        members = self._newest_year_first(
            [a for a in self.index.awards_by_member_unit.get(record.id, []) if a not in awards]
        )
        commune = self.index.commune_of(record)
        parent = self.data.get("units", record.get("parent")) if record.get("parent") else None
        page = Page(
            record_url("units", record.id),
            record["name"],
            _line(f"{record['name']}: khen thưởng và điển hình tiên tiến."),
            edit_path=record.path,
            breadcrumbs=bc.for_unit(record, commune),
        )
        return self.render(
            "unit.html",
            page,
            r=record,
            commune=commune if commune is not None and commune.id != record.id else None,
            parent=parent if parent is not None and parent.id != record.id else None,
            awards=self.cards.many(conferred(awards)),
            proposals=self.cards.many(proposed(awards)),
            annulled=self.cards.many(annulled(awards)),
            comments_url=_comments(awards),
            member_awards=self.cards.many(conferred(members)),
            member_proposals=self.cards.many(proposed(members)),
            member_annulled=self.cards.many(annulled(members)),
            coverage=self.coverage_all,
            empty=f"Chưa có khen thưởng nào ghi tên {record['name']} trong dữ liệu.",
            ask=f"Muốn biết {record['name']} có được khen thưởng hay không, xin hỏi:",
            models=[self._model_row(m) for m in self.index.models_by_unit.get(record.id, [])],
            located=[u for u in self.index.units_by_commune.get(record.id, []) if u.id != record.id],
            children=[u for u in self.index.children_by_unit.get(record.id, []) if u.id != record.id],
            people=self.index.people_by_unit.get(record.id, []),
        )

    def person(self, record: Record) -> Page:
        awards = self._newest_year_first(self.index.awards_by_person.get(record.id, []))
        unit = self.data.get("units", record.get("unit")) if record.get("unit") else None
        page = Page(
            record_url("people", record.id),
            record["name"],
            _line(", ".join(filter(None, [record["name"], record.get("position"), unit["name"] if unit else None]))),
            edit_path=record.path,
            breadcrumbs=bc.for_person(record, unit),
        )
        return self.render(
            "person.html",
            page,
            r=record,
            unit=unit,
            awards=self.cards.many(conferred(awards)),
            proposals=self.cards.many(proposed(awards)),
            annulled=self.cards.many(annulled(awards)),
            comments_url=_comments(awards),
            coverage=self.coverage_all,
            empty=f"Chưa có khen thưởng nào ghi tên {record['name']} trong dữ liệu.",
            ask=f"Muốn biết {record['name']} có được khen thưởng hay không, xin hỏi:",
            models=[self._model_row(m) for m in self.index.models_by_person.get(record.id, [])],
        )

    def report(self, record: Record) -> Page:
        year = record["year"]
        awards = self.index.awards_by_year.get(year, [])
        page = Page(
            record_url("reports", record.id),
            record["title"],
            _line(f"{record['title']}, {record['issuer']}."),
            edit_path=record.path,
            breadcrumbs=bc.for_report(record),
        )
        known = w.casing_of_words(
            [sec.get("text") or "" for sec in record["sections"]]
            + [u["name"] for u in self.data.kind("units").values()]
            + [c["title"] for c in self.data.kind("campaigns").values()]
        )
        linker = MentionLinker(self._mentions(year))
        sections = []
        for i, sec in enumerate(record["sections"], start=1):
            body = markdown_to_html(sec.get("text"))
            sections.append(
                {
                    "id": report_section_anchor(i),
                    "level": sec.get("level", 2),
                    "heading": w.sentence_case(sec["heading"], known),
                    "html": jinja2.utils.markupsafe.Markup(
                        linker(body, lambda target: relative(target, page.url), set())
                    ),
                }
            )
        campaigns = [
            c for c in self.data.kind("campaigns").values() if any(res["year"] == year for res in c.get("results", []))
        ]
        models = [m for m in self.index.sorted_models() if m["year"] == year]
        return self.render(
            "report.html",
            page,
            r=record,
            sections=sections,
            has_awards=year in self.index.awards_by_year,
            totals=_totals(conferred(awards)),
            proposals=_totals(proposed(awards)),
            proposal_count=len(proposed(awards)),
            campaigns=len(campaigns),
            model_count=len(models),
            original=self._original_of(record),
        )

    def _mentions(self, year: int) -> list[Mention]:
        """What a report's text may name that has a page: campaigns, documents (by number) and the
        forms of award of its year (on the year page)."""
        mentions = []
        for campaign in self.data.kind("campaigns").values():
            url = record_url("campaigns", campaign.id)
            for name in [campaign["title"], *campaign.get("aliases", [])]:
                if len(name.split()) >= 3:
                    mentions.append(Mention(name, url))
        for document in self.data.kind("documents").values():
            mentions.append(
                Mention(
                    document["number"],
                    record_url("documents", document.id),
                    f"{document['kind']} số {document['number']}",
                )
            )
        forms = {a["award"] for a in self.index.awards_by_year.get(year, []) if award_status(a) in ("tang", "de_nghi")}
        for form in sorted(forms):
            entry = self.data.vocab[form]
            for name in [entry["name"], *entry.get("aliases", [])]:
                if len(name.split()) >= 3:
                    mentions.append(
                        Mention(
                            name,
                            f"{year_url(year)}#{award_form_anchor(form)}",
                            f"Khen thưởng năm {year}: {entry['name']}",
                        )
                    )
        return mentions

    def _original_of(self, report: Record) -> dict | None:
        """The report as issued, when a document record holds it (same number, kind Báo cáo)."""
        for document in self.data.kind("documents").values():
            if document["kind"] != "Báo cáo":
                continue
            same_number = report.get("number") and document["number"] == report["number"]
            same_day = (
                report.get("date") and document.get("date") == report["date"] and document["issuer"] == report["issuer"]
            )
            if same_number or same_day:
                return {
                    "document": document,
                    "url": record_url("documents", document.id),
                    "file": document.get("file"),
                    "web": document.get("url"),
                }
        return None

    def year(self, year: int) -> Page:
        awards = self.index.awards_by_year[year]
        given, waiting = self.cards.many(conferred(awards)), self.cards.many(proposed(awards))
        page = Page(
            year_url(year),
            f"Khen thưởng năm {year}",
            f"Khen thưởng năm {year}: danh hiệu thi đua và hình thức khen thưởng.",
            edit_path=f"data/awards/{year}/",
            breadcrumbs=bc.for_year(year),
        )
        levels = _by_level_and_form(given)
        totals = _totals(conferred(awards))
        by_form = [Row(f["name"], "#" + f["anchor"], f["tally"]) for lv in levels for f in lv["forms"]]
        by_level = [
            Row(
                w.level_label(lv["level"]),
                f"#cap-{lv['level']}",
                _card_totals([c for f in lv["forms"] for c in f["cards"]]),
            )
            for lv in levels
        ]
        communes = sorted(
            {cid: self._record("units", cid) for c in given + waiting for cid in c.commune_ids}.values(),
            key=lambda u: sort_key(u["name"]),
        )
        campaigns = sorted(
            {
                c.campaign_id: self._record("campaigns", c.campaign_id) for c in given + waiting if c.campaign_id
            }.values(),
            key=lambda r: sort_key(r["title"]),
        )
        return self.render(
            "year.html",
            page,
            year=year,
            levels=levels,
            proposals=waiting,
            chart_list=year_charts(self.index, year),
            annulled=self.cards.many(annulled(awards)),
            comments_url=_comments(awards),
            totals=totals,
            by_form=by_form,
            by_level=by_level,
            cols=[k for k in RECIPIENT_KEYS if k != "ho_gia_dinh" or totals["ho_gia_dinh"]],
            coverage=coverage(awards),
            overlaps=_overlaps(given, by_campaign=True),
            communes=communes,
            campaigns=campaigns,
            report=self.data.get("reports", str(year)),
        )


def _by_level_and_form(cards: list[AwardCard]) -> list[dict]:
    """[{level, heading 'Cấp tỉnh', forms: [{id, anchor, name, category, tally, cards}…]}…]: levels from
    Trung ương down, forms by rank (the cards come in rank order from the index)."""
    levels: dict[str, dict[str, list[AwardCard]]] = {}
    for card in cards:
        levels.setdefault(card.level, {}).setdefault(card.form_id, []).append(card)
    order = s.AWARD_LEVELS.choices
    return [
        {
            "level": level,
            "heading": w.level_heading(level),
            "forms": [
                {
                    "id": form_id,
                    "anchor": award_form_anchor(form_id),
                    "name": group[0].form,
                    "category": s.AWARD_CATEGORIES.label(group[0].category),
                    "tally": _card_totals(group),
                    "cards": group,
                }
                for form_id, group in levels[level].items()
            ],
        }
        for level in sorted(levels, key=lambda lv: order.index(lv) if lv in order else len(order))
    ]


def _comments(awards: list[Record]) -> str | None:
    """The public comment page, when one of these proposals is put to public comment."""
    return COMMENTS_URL if has_public_comment(proposed(awards)) else None


def _card_totals(cards: list[AwardCard]) -> dict[str, int]:
    totals = {k: 0 for k in RECIPIENT_KEYS}
    for card in cards:
        for k in RECIPIENT_KEYS:
            totals[k] += card.tally.get(k, 0)
    return totals


def _overlaps(cards: list[AwardCard], by_campaign: bool) -> list[str]:
    """Sentences naming people counted under two titles (wording.INCLUDED_IN), from the counts."""
    groups: dict[str | None, dict[str, tuple[str, int]]] = {}
    titles: dict[str | None, str] = {}
    for card in cards:
        key = card.campaign_id if by_campaign else None
        counts = groups.setdefault(key, {})
        name, n = counts.get(card.form_id, (card.form, 0))
        counts[card.form_id] = (name, n + card.tally.get("ca_nhan", 0))
        if key and card.purpose:
            titles[key] = card.purpose.text
    sentences = []
    for key, counts in groups.items():
        for higher, base in w.INCLUDED_IN:
            if counts.get(higher, ("", 0))[1] and counts.get(base, ("", 0))[1]:
                sentences.append(w.overlap_sentence(counts[higher], counts[base], titles.get(key)))
    return sentences


def _totals(awards: list[Record]) -> dict[str, int]:
    totals = {k: 0 for k in RECIPIENT_KEYS}
    for award in awards:
        for k, v in award_tally(award).items():
            totals[k] += v
    totals["acts"] = len(awards)
    return totals


def stub_text(text: str) -> str:
    """Plain text as the HTML the theme prints unescaped (page title and description): one line,
    with <, >, & and quotes as entities, so that a title from data is never markup."""
    return html.escape(" ".join(str(text).split()), quote=True)


def _heading_id(title: str) -> str:
    """The id of the page's h1, which the stub's heading carries too (the theme's skip link and
    table of contents point there); from the title as plain text, never through Markdown."""
    return heading_id(title)


def _plain(text: str, limit: int = 200) -> str:
    """A one-line description for metadata from a Markdown field: marks dropped, cut at a word."""
    return _line(str(text).replace("*", "").replace("_", " ").replace("#", ""), limit)


def _line(text: str, limit: int = 200) -> str:
    """A one-line description for metadata from plain text (shown as written), cut at a word."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"
