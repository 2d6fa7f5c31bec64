"""Public comment on proposals (/lay-y-kien/): open periods first with the working days left,
then those to come, then closed ones; and the Vietnamese working-day calendar they are counted in.

The law: lists proposed for high honours are published for comment before the emulation council
meets (Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP), counted in working days.

Working days: Monday to Friday, less the public holidays of the Labour Code 2019 (Bộ luật Lao
động số 45/2019/QH14, Điều 112): 01/01; Tết Nguyên đán, 5 days (the last day of the lunar year
and the first four of the new one); Giỗ Tổ Hùng Vương (10/3 lunar); 30/4; 01/5; 02/9 and one
day next to it (01/9 or 03/9, the one that joins a weekend, as the Government has chosen every
year since 2021). A holiday on a Saturday or a Sunday is made up on the next working day (Điều
112 khoản 3); a Tết day on a Saturday is taken the working day before (as the Government's
yearly notices do). From 2026, 24/11 (Ngày Văn hóa Việt Nam) too. SWAPS holds the few years when
the Government moved a working day to join two holidays.

Lunar dates: Tết (mùng 1 tháng Giêng) and Giỗ Tổ (10/3) of the Vietnamese lunar calendar (UTC+7,
which differs from China's in 2007 and 2030), 2015–2035, as tabulated in the Vietnamese calendar of
Hồ Ngọc Đức and in python-holidays (vacanza/holidays, `VIETNAMESE_CALENDAR`, MIT); checked
against each other. Outside those years the lunar holidays are not known here: a period then
counts them as working days, and the page says the count is approximate (`Calendar.exact`).

"Today" is the day the site was built: SOURCE_DATE_EPOCH (the hook sets it to the last commit's
time) read in Vietnam's time, else the clock; the page prints it ("tính đến ngày …").
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

from bangvang.records.dataset import Record
from bangvang.text import format_date
from bangvang.website.index import award_status, award_tally
from bangvang.website.pages import Page, PageBuilder
from bangvang.website.provenance import COMMENTS_URL, proposal_document
from bangvang.website.verification import recipient_lines, tally_text

VIETNAM = dt.timezone(dt.timedelta(hours=7))
D = dt.date

# Mùng 1 Tết (lunar new year's day) in Vietnam.
TET = {
    2015: D(2015, 2, 19),
    2016: D(2016, 2, 8),
    2017: D(2017, 1, 28),
    2018: D(2018, 2, 16),
    2019: D(2019, 2, 5),
    2020: D(2020, 1, 25),
    2021: D(2021, 2, 12),
    2022: D(2022, 2, 1),
    2023: D(2023, 1, 22),
    2024: D(2024, 2, 10),
    2025: D(2025, 1, 29),
    2026: D(2026, 2, 17),
    2027: D(2027, 2, 6),
    2028: D(2028, 1, 26),
    2029: D(2029, 2, 13),
    2030: D(2030, 2, 2),
    2031: D(2031, 1, 23),
    2032: D(2032, 2, 11),
    2033: D(2033, 1, 31),
    2034: D(2034, 2, 19),
    2035: D(2035, 2, 8),
}
# Giỗ Tổ Hùng Vương, 10 tháng 3 âm lịch.
HUNG_KINGS = {
    2015: D(2015, 4, 28),
    2016: D(2016, 4, 16),
    2017: D(2017, 4, 6),
    2018: D(2018, 4, 25),
    2019: D(2019, 4, 14),
    2020: D(2020, 4, 2),
    2021: D(2021, 4, 21),
    2022: D(2022, 4, 10),
    2023: D(2023, 4, 29),
    2024: D(2024, 4, 18),
    2025: D(2025, 4, 7),
    2026: D(2026, 4, 26),
    2027: D(2027, 4, 16),
    2028: D(2028, 4, 4),
    2029: D(2029, 4, 23),
    2030: D(2030, 4, 12),
    2031: D(2031, 4, 1),
    2032: D(2032, 4, 19),
    2033: D(2033, 4, 9),
    2034: D(2034, 4, 28),
    2035: D(2035, 4, 17),
}
# Working days moved by the Government to join holidays: (day off, the Saturday worked instead),
# from its yearly notices as collected by python-holidays (VietnamStaticHolidays).
SWAPS = {
    2015: ((D(2015, 1, 2), D(2014, 12, 27)), (D(2015, 2, 16), D(2015, 2, 14)), (D(2015, 4, 29), D(2015, 4, 25))),
    2018: ((D(2018, 12, 31), D(2019, 1, 5)),),
    2019: ((D(2019, 4, 29), D(2019, 5, 4)),),
    2024: ((D(2024, 4, 29), D(2024, 5, 4)),),
    2025: ((D(2025, 5, 2), D(2025, 4, 26)),),
    2026: ((D(2026, 8, 31), D(2026, 8, 22)),),
}
FIRST_YEAR, LAST_YEAR = min(TET), max(TET)
SATURDAY, SUNDAY = 5, 6


@functools.lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[dt.date]:
    """The days off of a year (holidays and their make-up days), without ordinary weekends."""
    days: set[dt.date] = set()
    fixed = [D(year, 1, 1), D(year, 4, 30), D(year, 5, 1), D(year, 9, 2)]
    if year >= 2021:  # Labour Code 2019: 02/9 and the day before or after it
        weekday = D(year, 9, 2).weekday()
        fixed.append(D(year, 9, 3) if weekday in (0, 3, 6) else D(year, 9, 1))
    if year >= 2026:
        fixed.append(D(year, 11, 24))
    if year in HUNG_KINGS:
        fixed.append(HUNG_KINGS[year])
    for day in sorted(fixed):
        days.add(day)
        if day.weekday() >= SATURDAY:  # made up on the next working day not already off
            extra = day + dt.timedelta(days=1)
            while extra.weekday() >= SATURDAY or extra in days or extra in fixed:
                extra += dt.timedelta(days=1)
            days.add(extra)
    for tet in (TET.get(year), TET.get(year + 1)):  # Tết may begin in the last days of December
        if tet is None:
            continue
        tet_days = [tet + dt.timedelta(days=n) for n in range(-1, 4)]
        for day in tet_days:
            if day.weekday() == SATURDAY:
                before = day - dt.timedelta(days=1)
                while before.weekday() >= SATURDAY or before in tet_days or before in days:
                    before -= dt.timedelta(days=1)
                days.add(before)
            elif day.weekday() == SUNDAY:
                after = day + dt.timedelta(days=1)
                while after.weekday() >= SATURDAY or after in tet_days or after in days:
                    after += dt.timedelta(days=1)
                days.add(after)
            days.add(day)
    for off, _worked in SWAPS.get(year, ()) + SWAPS.get(year + 1, ()):
        days.add(off)
    return frozenset(d for d in days if d.year == year)


@functools.lru_cache(maxsize=64)
def _worked_saturdays(year: int) -> frozenset[dt.date]:
    return frozenset(w for swaps in SWAPS.values() for _, w in swaps if w.year == year)


def is_working_day(day: dt.date) -> bool:
    if day in _worked_saturdays(day.year):
        return True
    return day.weekday() < SATURDAY and day not in holidays(day.year)


def working_days(start: dt.date, end: dt.date) -> int:
    """Working days from start to end, both included (0 when end is before start)."""
    count, day = 0, start
    while day <= end:
        count += is_working_day(day)
        day += dt.timedelta(days=1)
    return count


def exact_for(start: dt.date, end: dt.date) -> bool:
    """The lunar holidays of every year of the span are known (else a count is approximate)."""
    return FIRST_YEAR <= start.year and end.year <= LAST_YEAR


def build_day(site) -> dt.date:
    """The build's "today" in Vietnam (settings.build_date from SOURCE_DATE_EPOCH), else the clock."""
    return getattr(site, "build_date", None) or dt.datetime.now(VIETNAM).date()


# ---------------------------------------------------------------------------------------------
# The periods
# ---------------------------------------------------------------------------------------------

OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"


@dataclass
class CommentPeriod:
    award: Record
    start: dt.date
    end: dt.date
    where: str  # how to send comments (the record's, else the office's address and e-mail)
    state: str  # open | upcoming | closed
    length: int  # working days from start to end
    left: int  # working days from today (included) to the end; 0 when not open
    exact: bool  # every lunar holiday of the span is known
    proposal: Record | None  # the proposing document, when it has a record
    recipients: list = field(default_factory=list)  # verification.RecipientLine of each named one
    tally_text: str = ""  # "3 tập thể, 5 cá nhân"

    @property
    def left_text(self) -> str:
        if self.state == UPCOMING:
            return f"bắt đầu từ {format_date(self.start)}"
        if self.state == CLOSED:
            return f"đã kết thúc ngày {format_date(self.end)}"
        about = "" if self.exact else "khoảng "
        return f"còn {about}{self.left} ngày làm việc"


def office_address(site) -> str:
    """Where comments go when the record does not say: the office, its address and e-mail."""
    text = getattr(site, "address", "") or getattr(site, "contact", "")  # the address names the office
    email = getattr(site, "email", "")
    if email:
        text = f"{text}; thư điện tử: {email}" if text else f"thư điện tử: {email}"
    return text


def comment_periods(index, site, today: dt.date | None = None) -> list[CommentPeriod]:
    """Every award with a comment period, open first (ending soonest first), then upcoming
    (starting soonest), then closed (most recent first)."""
    today = today or build_day(site)
    fallback = office_address(site)
    periods = []
    for award in index.dataset.kind("awards").values():
        period = award.get("public_comment")
        if (
            not isinstance(period, dict)
            or not isinstance(period.get("from"), dt.date)
            or not isinstance(period.get("to"), dt.date)
        ):
            continue
        start, end = period["from"], period["to"]
        state = UPCOMING if today < start else CLOSED if today > end else OPEN
        periods.append(
            CommentPeriod(
                award=award,
                start=start,
                end=end,
                where=period.get("where") or fallback,
                state=state,
                length=working_days(start, end),
                left=working_days(today, end) if state == OPEN else 0,
                exact=exact_for(min(start, today), max(end, today)),
                proposal=proposal_document(index, award),
                recipients=recipient_lines(index, award),
                tally_text=tally_text(award_tally(award)),
            )
        )
    order = {OPEN: 0, UPCOMING: 1, CLOSED: 2}
    return sorted(
        periods,
        key=lambda p: (
            order[p.state],
            p.end.toordinal()
            if p.state == OPEN
            else p.start.toordinal()
            if p.state == UPCOMING
            else -p.end.toordinal(),
            p.award.id,
        ),
    )


def comment_pages(builder: PageBuilder) -> list[Page]:
    """/lay-y-kien/: every comment period, with the working days left at the build date."""
    today = build_day(builder.site)
    periods = comment_periods(builder.index, builder.site, today)
    page = Page(
        COMMENTS_URL,
        "Lấy ý kiến nhân dân về đề nghị khen thưởng",
        f"Danh sách đề nghị khen thưởng của {builder.site.district} đang được công khai lấy ý kiến "
        "nhân dân: thời hạn, số ngày làm việc còn lại và nơi gửi ý kiến.",
        edit_path="data/awards/",
    )
    return [
        builder.render(
            "comments.html",
            page,
            today=today,
            periods=periods,
            groups=[(state, [p for p in periods if p.state == state]) for state in (OPEN, UPCOMING, CLOSED)],
            fallback=office_address(builder.site),
            status=award_status,
        )
    ]
