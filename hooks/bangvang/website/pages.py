"""Every page of the site, built from the index with one Jinja2 template per page kind.

A Page holds its finished HTML body; the hook hands MkDocs a small Markdown stub per page (for
the title and metadata) and swaps in this body, so record text never passes through Markdown
unless its field is `markdown` (render.py), and template syntax inside data is never evaluated.
"""
from __future__ import annotations

import datetime as dt
import html
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
import markdown
from markdown.extensions.toc import slugify as toc_slugify

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.website.charts import year_charts
from bangvang.website.index import RECIPIENT_KEYS, Index, award_day, award_status, award_tally, conferred, proposed
from bangvang.website.safe_markdown import markdown_to_html
from bangvang.text import fold, format_date, format_number, format_quantity, initial_letter, sort_key
from bangvang.urls import record_url, relative, section_url, src_uri, year_url

TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class Page:
    url: str
    title: str
    description: str
    html: str = ""
    edit_path: str | None = None  # the YAML file (or folder) behind the page
    search: dict = field(default_factory=dict)  # kind and filters for the search index

    @property
    def src_uri(self) -> str:
        return src_uri(self.url)


@dataclass
class SiteInfo:
    """What templates need from mkdocs.yml's `extra:` (the district that publishes the site)."""

    district: str = "huyện Gia Lộc"
    province: str = "tỉnh Hải Dương"
    contact: str = ""
    edit_base: str | None = None  # https://github.com/<owner>/<repo>/edit/main/

    def edit_url(self, path: str | None) -> str | None:
        """GitHub's editor for a record file; for a folder, its listing."""
        if not path or not self.edit_base:
            return None
        if path.endswith("/"):
            return self.edit_base.replace("/edit/", "/tree/", 1) + path.rstrip("/")
        return self.edit_base + path


def _environment() -> jinja2.Environment:
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
    )
    env.globals.update(
        FIELDS=s.FIELDS, UNIT_KINDS=s.UNIT_KINDS, CAMPAIGN_KINDS=s.CAMPAIGN_KINDS,
        RECIPIENT_KINDS=s.RECIPIENT_KINDS, AWARD_LEVELS=s.AWARD_LEVELS, AWARD_CATEGORIES=s.AWARD_CATEGORIES,
        RECIPIENT_KEYS=RECIPIENT_KEYS, record_url=record_url, year_url=year_url, section_url=section_url,
        award_tally=award_tally, award_status=award_status,
        year_charts=year_charts,
    )
    return env


class PageBuilder:
    def __init__(self, index: Index, site: SiteInfo):
        self.index = index
        self.data = index.dataset
        self.site = site
        self.env = _environment()
        self._templates: dict[str, jinja2.Template] = {}

    # -- rendering -------------------------------------------------------------------------------
    def render(self, template: str, page: Page, **context) -> Page:
        if template not in self._templates:
            self._templates[template] = self.env.get_template(template)
        page.html = self._templates[template].render(
            page=page, heading_id=_heading_id(page.title),
            link=lambda target: relative(target, page.url), ix=self.index, data=self.data,
            site=self.site, edit_url=self.site.edit_url(page.edit_path), edit_for=self.site.edit_url, **context)
        return page

    # -- all pages --------------------------------------------------------------------------------
    def build(self) -> list[Page]:
        pages = [self.home(), self.campaigns_index(), self.models_index(), self.awards_index(),
                 self.units_index(), self.people_index(), self.documents_index(), self.reports_index()]
        pages += [self.campaign(r) for r in self.data.kind("campaigns").values()]
        pages += [self.model(r) for r in self.data.kind("models").values()]
        pages += [self.unit(r) for r in self.data.kind("units").values()]
        pages += [self.person(r) for r in self.data.kind("people").values()]
        pages += [self.report(r) for r in self.data.kind("reports").values()]
        pages += [self.year(y) for y in self.index.years]
        return pages

    # -- home and sections ---------------------------------------------------------------------
    def home(self) -> Page:
        year = self.index.latest_year
        awards = conferred(self.index.awards_by_year.get(year, [])) if year else []
        newest = sorted(self.data.kind("awards").values(), key=_newest_first)[:8]
        models = [m for m in self.index.sorted_models() if m["year"] == year][:6] if year else []
        report = self.data.get("reports", str(year)) if year else None
        page = Page("", f"Bảng vàng thi đua, khen thưởng {self.site.district}",
                    f"Phong trào thi đua, điển hình tiên tiến và khen thưởng của {self.site.district}, {self.site.province}.",
                    edit_path="data/")
        return self.render("home.html", page, year=year, totals=_totals(awards), newest=newest,
                           models=models, report=report)

    def campaigns_index(self) -> Page:
        groups = defaultdict(list)
        for campaign in sorted(self.data.kind("campaigns").values(), key=lambda r: sort_key(r["title"])):
            groups[campaign["field"]].append(campaign)
        page = Page(section_url("campaigns"), "Phong trào thi đua",
                    "Các phong trào thi đua, theo lĩnh vực.", edit_path="data/campaigns/")
        return self.render("campaigns.html", page, groups=[(v, l, groups[v]) for v, l in s.FIELDS.labels if groups[v]])

    def models_index(self) -> Page:
        models = self.index.sorted_models()
        rows = [self._model_row(m) for m in models]
        page = Page(section_url("models"), "Điển hình tiên tiến",
                    "Điển hình tiên tiến, mô hình tiêu biểu theo lĩnh vực, xã và năm.", edit_path="data/models/")
        return self.render("models.html", page, rows=rows,
                           years=sorted({m["year"] for m in models}, reverse=True),
                           fields=[(v, l) for v, l in s.FIELDS.labels if any(r["field"] == v for r in rows)],
                           communes=sorted({c.id: c for r in rows for c in r["communes"]}.values(),
                                           key=lambda u: sort_key(u["name"])))

    def _model_row(self, model: Record) -> dict:
        campaign = self.data.get("campaigns", model.get("campaign")) if model.get("campaign") else None
        communes = {}
        for unit_id in model.get("units", []):
            commune = self.index.commune_of(self.data.get("units", unit_id))
            if commune is not None:
                communes[commune.id] = commune
        return {"model": model, "campaign": campaign, "field": campaign["field"] if campaign else "khac",
                "communes": sorted(communes.values(), key=lambda u: sort_key(u["name"]))}

    def awards_index(self) -> Page:
        years = [(y, _totals(conferred(self.index.awards_by_year[y])),
                  len(proposed(self.index.awards_by_year[y])))
                 for y in self.index.years]
        page = Page(section_url("awards"), "Khen thưởng", "Khen thưởng theo năm.", edit_path="data/awards/")
        return self.render("awards.html", page, years=years)

    def units_index(self) -> Page:
        groups = defaultdict(list)
        for unit in self.index.sorted_units():
            groups[unit["kind"]].append(unit)
        page = Page(section_url("units"), "Tập thể", "Các tập thể: xã, thị trấn, cơ quan, trường học…",
                    edit_path="data/units/")
        return self.render("units.html", page,
                           groups=[(v, l, groups[v]) for v, l in s.UNIT_KINDS.labels if groups[v]])

    def people_index(self) -> Page:
        groups: dict[str, list] = {}
        for person in self.index.sorted_people():
            given = person.get("given_name") or person["name"].split()[-1]
            groups.setdefault(initial_letter(given), []).append(person)
        page = Page(section_url("people"), "Cá nhân",
                    "Cá nhân được khen thưởng, theo thứ tự chữ cái của tên.", edit_path="data/people/")
        return self.render("people.html", page, groups=list(groups.items()))

    def documents_index(self) -> Page:
        docs = sorted(self.data.kind("documents").values(),
                      key=lambda r: (r.get("date") or dt.date.min, r["number"]), reverse=True)
        page = Page(section_url("documents"), "Văn bản",
                    "Văn bản làm căn cứ cho các phong trào thi đua, khen thưởng.", edit_path="data/documents/")
        return self.render("documents.html", page, documents=docs)

    def reports_index(self) -> Page:
        reports = sorted(self.data.kind("reports").values(), key=lambda r: r["year"], reverse=True)
        page = Page(section_url("reports"), "Báo cáo tổng kết", "Báo cáo tổng kết công tác thi đua, khen thưởng hằng năm.",
                    edit_path="data/reports/")
        return self.render("reports.html", page, reports=reports)

    # -- record pages -------------------------------------------------------------------------------
    def campaign(self, record: Record) -> Page:
        awards = self.index.awards_by_campaign.get(record.id, [])
        page = Page(record_url("campaigns", record.id), record["title"],
                    _line(f"Phong trào thi đua “{record['title']}”: kết quả, điển hình và khen thưởng."),
                    edit_path=record.path,
                    search={"kind": "Phong trào", "field": s.FIELDS.label(record["field"]), **self._award_facets(awards)})
        return self.render("campaign.html", page, r=record,
                           documents=[self.data.get("documents", d) for d in record.get("basis", [])],
                           models=self.index.models_by_campaign.get(record.id, []),
                           awards=conferred(awards),
                           proposals=proposed(awards))

    def model(self, record: Record) -> Page:
        row = self._model_row(record)
        page = Page(record_url("models", record.id), record["title"], _plain(record["summary"]),
                    edit_path=record.path,
                    search={"kind": "Điển hình", "year": str(record["year"]),
                            "field": s.FIELDS.label(row["field"]),
                            "commune": [c["name"] for c in row["communes"]]})
        return self.render("model.html", page, r=record, row=row,
                           units=[self.data.get("units", u) for u in record.get("units", [])],
                           people=[self.data.get("people", p) for p in record.get("people", [])])

    def unit(self, record: Record) -> Page:
        awards = self.index.awards_by_unit.get(record.id, [])
        commune = self.index.commune_of(record)
        page = Page(record_url("units", record.id), record["name"],
                    _line(f"{record['name']}: khen thưởng và điển hình tiên tiến."), edit_path=record.path,
                    search={"kind": "Tập thể", "commune": [commune["name"]] if commune else [],
                            **self._award_facets(awards)})
        return self.render("unit.html", page, r=record,
                           commune=self.data.get("units", record.get("commune")) if record.get("commune") else None,
                           parent=self.data.get("units", record.get("parent")) if record.get("parent") else None,
                           awards=conferred(awards),
                           proposals=proposed(awards),
                           models=self.index.models_by_unit.get(record.id, []),
                           located=self.index.units_by_commune.get(record.id, []),
                           children=self.index.children_by_unit.get(record.id, []),
                           people=self.index.people_by_unit.get(record.id, []))

    def person(self, record: Record) -> Page:
        awards = self.index.awards_by_person.get(record.id, [])
        unit = self.data.get("units", record.get("unit")) if record.get("unit") else None
        page = Page(record_url("people", record.id), record["name"],
                    _line(", ".join(filter(None, [record["name"], record.get("position"), unit["name"] if unit else None]))),
                    edit_path=record.path, search={"kind": "Cá nhân", **self._award_facets(awards),
                                                    "commune": self._communes_of_unit(unit)})
        return self.render("person.html", page, r=record, unit=unit,
                           awards=conferred(awards),
                           proposals=proposed(awards),
                           models=self.index.models_by_person.get(record.id, []))

    def report(self, record: Record) -> Page:
        page = Page(record_url("reports", record.id), record["title"], _line(f"{record['title']}, {record['issuer']}."),
                    edit_path=record.path, search={"kind": "Báo cáo", "year": str(record["year"])})
        return self.render("report.html", page, r=record,
                           has_awards=record["year"] in self.index.awards_by_year)

    def year(self, year: int) -> Page:
        awards = self.index.awards_by_year[year]
        given, proposals = conferred(awards), proposed(awards)
        page = Page(year_url(year), f"Khen thưởng năm {year}",
                    f"Khen thưởng năm {year}: danh hiệu thi đua và hình thức khen thưởng.",
                    edit_path=f"data/awards/{year}/",
                    search={"kind": "Khen thưởng", **self._award_facets(awards), "year": str(year)})
        return self.render("year.html", page, year=year, groups=self._by_form(given),
                           proposal_groups=self._by_form(proposals), totals=_totals(given),
                           by_form=self._totals_by(given, lambda e: (e["rank"], e["name"]), lambda e: e["name"]),
                           by_level=self._totals_by(given, lambda e: s.AWARD_LEVELS.choices.index(e["level"]),
                                                    lambda e: s.AWARD_LEVELS.label(e["level"])),
                           report=self.data.get("reports", str(year)))

    def _award_facets(self, awards: list[Record]) -> dict:
        """Search filters of a page listing awards: the award forms and years (conferred only)."""
        given = conferred(awards)
        return {"award": sorted({self.data.vocab[a["award"]]["name"] for a in given if a["award"] in self.data.vocab}),
                "year": sorted({str(a["year"]) for a in given})}

    def _communes_of_unit(self, unit: Record | None) -> list[str]:
        commune = self.index.commune_of(unit) if unit else None
        return [commune["name"]] if commune else []

    def _by_form(self, awards: list[Record]) -> list[tuple[Record, list[Record]]]:
        groups: dict[str, list[Record]] = {}
        for award in sorted(awards, key=self.index.rank):
            groups.setdefault(award["award"], []).append(award)
        return [(self.data.vocab[k], v) for k, v in groups.items()]

    def _totals_by(self, awards, order, label) -> list[tuple[str, dict]]:
        rows: dict[str, tuple] = {}
        for award in awards:
            entry = self.data.vocab[award["award"]]
            key = label(entry)
            _, tally = rows.setdefault(key, (order(entry), {k: 0 for k in RECIPIENT_KEYS}))
            for k, v in award_tally(award).items():
                tally[k] += v
        return [(k, t) for k, (o, t) in sorted(rows.items(), key=lambda kv: kv[1][0])]


def _totals(awards: list[Record]) -> dict[str, int]:
    totals = {k: 0 for k in RECIPIENT_KEYS}
    for award in awards:
        for k, v in award_tally(award).items():
            totals[k] += v
    totals["acts"] = len(awards)
    return totals


def _newest_first(award: Record) -> tuple:
    return (-award_day(award).toordinal(), award.id)


_TOC = markdown.Markdown(extensions=["attr_list", "toc"])


def stub_text(text: str) -> str:
    """Plain text as the HTML the theme prints unescaped (page title and description): one line,
    with <, >, & and quotes as entities, so that a title from data is never markup."""
    return html.escape(" ".join(str(text).split()), quote=True)


# A title of only these characters is plain text to Markdown: its h1 id is the toc extension's
# slug of it, without converting a whole document (that was half the cost of making our pages).
_PLAIN_TITLE = re.compile(r"[\w\s,.;:()/%+\-–—“”‘’…]+")


def _heading_id(title: str) -> str:
    """The id MkDocs gives the page's h1 (from the stub `# title`): the theme's skip link and
    table of contents point there, so the swapped-in body's h1 must carry it too."""
    text = stub_text(title)
    if _PLAIN_TITLE.fullmatch(text) and text.strip():
        return toc_slugify(text, "-") or "_1"
    _TOC.reset()
    _TOC.convert("# " + text)
    return _TOC.toc_tokens[0]["id"] if _TOC.toc_tokens else "noi-dung"


def _plain(text: str, limit: int = 200) -> str:
    """A one-line description for metadata from a Markdown field: marks dropped, cut at a word."""
    return _line(str(text).replace("*", "").replace("_", " ").replace("#", ""), limit)


def _line(text: str, limit: int = 200) -> str:
    """A one-line description for metadata from plain text (shown as written), cut at a word."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[:limit].rsplit(" ", 1)[0] + "…"


def build_pages(index: Index, site: SiteInfo) -> list[Page]:
    return PageBuilder(index, site).build()
