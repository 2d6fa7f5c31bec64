"""Where a page sits: the trail from the home page (Trang chủ › Khen thưởng › 2021), shown above
each record page's heading, and the menu entry of its kind (marked active by the hook)."""

from __future__ import annotations

from dataclasses import dataclass

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.urls import record_url, section_url

# The menu's name of each section (mkdocs.yml `nav`), as the trail shows it.
SECTION_TITLES = {
    "campaigns": "Phong trào thi đua",
    "models": "Điển hình tiên tiến",
    "awards": "Khen thưởng",
    "units": "Tập thể",
    "people": "Cá nhân",
    "reports": "Báo cáo tổng kết",
    "documents": "Văn bản",
}


@dataclass(frozen=True)
class Crumb:
    title: str
    url: str | None  # None: the page itself (the last crumb)


def trail(kind: str, *middle: Crumb, title: str) -> list[Crumb]:
    """Trang chủ › <section of kind> › <middle…> › title."""
    return [Crumb("Trang chủ", ""), Crumb(SECTION_TITLES[kind], section_url(kind)), *middle, Crumb(title, None)]


def for_campaign(record: Record) -> list[Crumb]:
    field = Crumb(s.FIELDS.label(record["field"]), f"{section_url('campaigns')}#linh-vuc-{record['field']}")
    return trail("campaigns", field, title=record["title"])


def for_model(record: Record) -> list[Crumb]:
    return trail("models", title=record["title"])


def for_unit(record: Record, commune: Record | None) -> list[Crumb]:
    middle = (
        [Crumb(commune["name"], record_url("units", commune.id))]
        if commune is not None and commune.id != record.id
        else []
    )
    return trail("units", *middle, title=record["name"])


def for_person(record: Record, unit: Record | None) -> list[Crumb]:
    middle = [Crumb(unit["name"], record_url("units", unit.id))] if unit is not None else []
    return trail("people", *middle, title=record["name"])


def for_report(record: Record) -> list[Crumb]:
    return trail("reports", title=f"Năm {record['year']}")


def for_year(year: int) -> list[Crumb]:
    return trail("awards", title=str(year))


def for_document(record: Record) -> list[Crumb]:
    return trail("documents", title=f"{record['kind']} số {record['number']}")


def for_section_page(kind: str, title: str) -> list[Crumb]:
    """A page inside a section that is not a record (e.g. /khen-thuong/de-nghi/)."""
    return trail(kind, title=title)
