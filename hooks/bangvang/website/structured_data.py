"""Structured data (issue 14, point 6): a JSON-LD block (schema.org) at the end of every record
page, so that search engines and other machines read who was honoured with what, by whom.

- unit → Organization (GovernmentOrganization for communes and agencies, EducationalOrganization
  for schools) and person → Person, each with `award`: one text per conferred award ("Giấy khen
  của Chủ tịch UBND huyện (2022)"); annulled awards and proposals are not awards;
- document → Legislation passed by a GovernmentOrganization (its issuer), with its scan;
- report → Report by a GovernmentOrganization; campaign and model → CreativeWork;
- every page → BreadcrumbList (Trang chủ › section › page);
- /du-lieu/ → Dataset with a DataDownload per published file.

Addresses are absolute under `extra.district.site_url` (none are written without it). The JSON is
escaped for a <script> element: '<', '>' and '&' as \\u escapes, so no text from the data can
close the element.
"""

from __future__ import annotations

import json
from typing import Any

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.urls import SECTION, record_url
from bangvang.website.index import Index, conferred
from bangvang.website.pages import Page, PageBuilder
from bangvang.website.provenance import COMMENTS_URL, VERIFY_URL

CONTEXT = "https://schema.org"
GOVERNMENT_KINDS = ("huyen", "xa", "thi_tran", "co_quan")
# The first segment of a page's address → the name of its section in the trail.
SECTION_TITLES = {
    SECTION["campaigns"]: "Phong trào thi đua",
    SECTION["models"]: "Điển hình tiên tiến",
    SECTION["awards"]: "Khen thưởng",
    SECTION["units"]: "Tập thể",
    SECTION["people"]: "Cá nhân",
    SECTION["reports"]: "Báo cáo tổng kết",
    SECTION["documents"]: "Văn bản",
    VERIFY_URL.rstrip("/"): "Xác minh khen thưởng",
    COMMENTS_URL.rstrip("/"): "Lấy ý kiến",
    "du-lieu": "Dữ liệu mở",
    "thong-ke": "Thống kê",
}


def script(data: dict) -> str:
    """A <script type="application/ld+json"> element holding `data`, safe inside HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'


class StructuredData:
    def __init__(self, builder: PageBuilder):
        self.index: Index = builder.index
        self.data = builder.index.dataset
        self.site = builder.site
        self.base = (builder.site.site_url or "").rstrip("/")
        self.by_path = {r.path: r for r in self.data.all() if r.folder != "vocab"}

    def url(self, url: str) -> str | None:
        return f"{self.base}/{url}" if self.base else None

    def _with_url(self, node: dict, url: str) -> dict:
        absolute = self.url(url)
        if absolute:
            node["url"] = absolute
            node["@id"] = absolute + "#" + node["@type"].lower()
        return node

    def publisher(self) -> dict:
        return {"@type": "GovernmentOrganization", "name": f"Ủy ban nhân dân {self.site.district}"}

    # -- one node per record kind ----------------------------------------------------------------
    def award_texts(self, awards: list[Record]) -> list[str]:
        return [
            f"{self.data.vocab[a['award']]['name']} ({a['year']})"
            for a in conferred(awards)
            if a["award"] in self.data.vocab
        ]

    def organization(self, unit: Record) -> dict:
        kind = unit.get("kind")
        typ = (
            "GovernmentOrganization"
            if kind in GOVERNMENT_KINDS
            else "EducationalOrganization"
            if kind == "truong_hoc"
            else "Organization"
        )
        node: dict[str, Any] = {"@type": typ, "name": unit["name"]}
        return self._with_url(node, record_url("units", unit.id))

    def unit(self, unit: Record) -> dict:
        node = self.organization(unit)
        if unit.get("aliases"):
            node["alternateName"] = list(unit["aliases"])
        awards = self.award_texts(self.index.awards_by_unit.get(unit.id, []))
        if awards:
            node["award"] = awards
        parent = self.data.get("units", unit.get("parent")) if unit.get("parent") else None
        if parent is not None:
            node["parentOrganization"] = self.organization(parent)
        if unit.get("until"):
            node["dissolutionDate"] = unit["until"].isoformat()
        return node

    def person(self, person: Record) -> dict:
        node: dict[str, Any] = self._with_url(
            {"@type": "Person", "name": person["name"]}, record_url("people", person.id)
        )
        if person.get("position"):
            node["jobTitle"] = person["position"]
        unit = self.data.get("units", person.get("unit")) if person.get("unit") else None
        if unit is not None:
            node["worksFor"] = self.organization(unit)
        awards = self.award_texts(self.index.awards_by_person.get(person.id, []))
        if awards:
            node["award"] = awards
        return node

    def document(self, doc: Record) -> dict:
        node: dict[str, Any] = self._with_url(
            {
                "@type": "Legislation",
                "name": f"{doc['kind']} số {doc['number']}",
                "legislationIdentifier": doc["number"],
                "legislationType": doc["kind"],
                "legislationPassedBy": {"@type": "GovernmentOrganization", "name": doc["issuer"]},
                "inLanguage": "vi",
            },
            record_url("documents", doc.id),
        )
        if doc.get("date"):
            node["legislationDate"] = doc["date"].isoformat()
        if doc.get("title"):
            node["abstract"] = doc["title"]
        if doc.get("signed_by"):
            node["author"] = {
                "@type": "Person",
                "name": doc["signed_by"]["name"],
                **({"jobTitle": doc["signed_by"]["position"]} if doc["signed_by"].get("position") else {}),
            }
        if doc.get("file") and self.base:
            node["associatedMedia"] = {
                "@type": "MediaObject",
                "encodingFormat": "application/pdf",
                "contentUrl": f"{self.base}/{doc['file']}",
            }
        if doc.get("url"):
            node["sameAs"] = doc["url"]
        return node

    def report(self, report: Record) -> dict:
        node: dict[str, Any] = self._with_url(
            {
                "@type": "Report",
                "name": report["title"],
                "inLanguage": "vi",
                "author": {"@type": "GovernmentOrganization", "name": report["issuer"]},
            },
            record_url("reports", report.id),
        )
        if report.get("number"):
            node["reportNumber"] = report["number"]
        if report.get("date"):
            node["datePublished"] = report["date"].isoformat()
        node["temporalCoverage"] = str(report["year"])
        return node

    def campaign(self, campaign: Record) -> dict:
        node: dict[str, Any] = self._with_url(
            {"@type": "CreativeWork", "name": campaign["title"], "inLanguage": "vi"},
            record_url("campaigns", campaign.id),
        )
        if campaign.get("launched_by"):
            node["creator"] = {"@type": "GovernmentOrganization", "name": campaign["launched_by"]}
        return node

    def model(self, model: Record) -> dict:
        node: dict[str, Any] = self._with_url(
            {"@type": "CreativeWork", "name": model["title"], "inLanguage": "vi", "dateCreated": str(model["year"])},
            record_url("models", model.id),
        )
        about = [self.organization(self.data.ref("units", u)) for u in model.get("units", [])]
        if about:
            node["about"] = about
        return node

    def record_node(self, record: Record) -> dict | None:
        maker = {
            "units": self.unit,
            "people": self.person,
            "documents": self.document,
            "reports": self.report,
            "campaigns": self.campaign,
            "models": self.model,
        }.get(record.folder)
        return maker(record) if maker else None

    # -- pages ----------------------------------------------------------------------------------
    def breadcrumbs(self, page: Page) -> dict | None:
        if not page.url:
            return None
        shown = getattr(page, "breadcrumbs", None) or []
        if shown:  # the trail the page shows (breadcrumbs.py): the same words for machines
            crumbs = [(c.title, page.url if c.url is None else c.url) for c in shown]
        else:
            parts = [p for p in page.url.split("#")[0].split("/") if p]
            crumbs = [("Trang chủ", "")]
            if parts and parts[0] in SECTION_TITLES and len(parts) > 1:
                crumbs.append((SECTION_TITLES[parts[0]], parts[0] + "/"))
            crumbs.append((page.title, page.url))
        items = []
        for position, (name, url) in enumerate(crumbs, 1):
            item: dict[str, Any] = {"@type": "ListItem", "position": position, "name": name}
            if self.url(url) is not None:
                item["item"] = self.url(url)
            items.append(item)
        return {"@type": "BreadcrumbList", "itemListElement": items}

    def dataset(self, page: Page, files: list[tuple[str, str, str]]) -> dict:
        """Dataset with one DataDownload per (file, format, name) of /du-lieu/."""
        years = sorted(self.index.awards_by_year)
        node: dict[str, Any] = {
            "@type": "Dataset",
            "name": f"Dữ liệu thi đua, khen thưởng {self.site.district}",
            "description": page.description,
            "inLanguage": "vi",
            "isAccessibleForFree": True,
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "creator": self.publisher(),
            "publisher": self.publisher(),
            "spatialCoverage": {"@type": "Place", "name": f"{self.site.district}, {self.site.province}"},
            "keywords": ["thi đua", "khen thưởng", "danh hiệu thi đua", "điển hình tiên tiến"],
            "distribution": [
                {
                    "@type": "DataDownload",
                    "encodingFormat": fmt,
                    "name": name,
                    "contentUrl": self.url(f"du-lieu/{file}") or f"/du-lieu/{file}",
                }
                for file, fmt, name in files
            ],
        }
        if years:
            node["temporalCoverage"] = f"{years[0]}/{years[-1]}"
        return self._with_url(node, page.url)

    def for_page(self, page: Page, files: list[tuple[str, str, str]]) -> list[dict]:
        nodes = []
        record = self.by_path.get(page.edit_path or "")
        if record is not None and page.url == record_url(record.folder, record.id):
            node = self.record_node(record)
            if node is not None:
                nodes.append(node)
        if page.url == "du-lieu/":
            nodes.append(self.dataset(page, files))
        crumbs = self.breadcrumbs(page)
        if crumbs is not None:
            nodes.append(crumbs)
        return nodes


def open_data_files() -> list[tuple[str, str, str]]:
    """(file, media type, name) of every file on /du-lieu/ (open_data_files writes them)."""
    files = []
    for kind in (*s.KINDS, "vocab"):
        files.append((f"{kind}.json", "application/json", f"{kind}.json"))
        files.append((f"{kind}.csv", "text/csv", f"{kind}.csv"))
    files.append(("wikidata.json", "application/json", "wikidata.json (theo thuật ngữ Wikidata)"))
    return files


def add_structured_data(builder: PageBuilder, pages: list[Page]) -> None:
    """Page finisher: append the JSON-LD block to every page that describes something."""
    maker = StructuredData(builder)
    files = open_data_files()
    for page in pages:
        nodes = maker.for_page(page, files)
        if nodes:
            page.html += "\n" + script({"@context": CONTEXT, "@graph": nodes})
