"""The proposals still waiting (/khen-thuong/de-nghi/): every award with status de_nghi, across
years, longest wait first, with how long each has waited.

A wait runs from the proposing document's date (`proposal.date`) or, lacking it, from the end of
the award's year, to the day of the build (SOURCE_DATE_EPOCH, so two builds of one checkout
agree; see settings.build_date).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bangvang.records.dataset import Record
from bangvang.urls import section_url
from bangvang.website.index import award_tally, proposed
from bangvang.website.pages import Page, PageBuilder

URL = section_url("awards") + "de-nghi/"


@dataclass
class Waiting:
    award: Record
    since: dt.date
    dated: bool  # the wait runs from the proposal's own date (else from the year's end)
    waited: str  # "đã chờ 3 năm 2 tháng"


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from start to end (0 when end is before start)."""
    months = (end.year - start.year) * 12 + end.month - start.month - (1 if end.day < start.day else 0)
    return max(months, 0)


def waited_text(start: dt.date, today: dt.date) -> str:
    """'đã chờ 3 năm 2 tháng', 'đã chờ 5 tháng', 'đã chờ 2 năm', 'chờ chưa đến 1 tháng'."""
    if start > today:
        return "chưa tính (ngày đề nghị sau ngày cập nhật trang)"
    years, months = divmod(months_between(start, today), 12)
    parts = ([f"{years} năm"] if years else []) + ([f"{months} tháng"] if months else [])
    return "đã chờ " + " ".join(parts) if parts else "chờ chưa đến 1 tháng"


def waiting_since(award: Record) -> tuple[dt.date, bool]:
    day = (award.get("proposal") or {}).get("date")
    if isinstance(day, dt.date):
        return day, True
    return dt.date(award["year"], 12, 31), False


def waiting_proposals(awards: list[Record], today: dt.date, rank) -> list[Waiting]:
    rows = []
    for award in proposed(awards):
        since, dated = waiting_since(award)
        rows.append(Waiting(award, since, dated, waited_text(since, today)))
    return sorted(rows, key=lambda w: (w.since, rank(w.award)))


def proposals_pages(builder: PageBuilder) -> list[Page]:
    today = builder.site.build_date or dt.date.today()
    awards = [a for year in builder.index.years for a in builder.index.awards_by_year[year]]
    rows = waiting_proposals(awards, today, builder.index.rank)
    page = Page(
        URL,
        "Đề nghị khen thưởng đang chờ",
        "Các đề nghị đã trình cấp trên khen thưởng, chưa có quyết định, và thời gian đã chờ.",
        edit_path="data/awards/",
    )
    return [builder.render("proposals.html", page, rows=rows, today=today, award_tally=award_tally)]
