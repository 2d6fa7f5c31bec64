"""Issue 14, point 4: public comment on proposals, counted in Vietnamese working days (weekends,
Tết and the other public holidays of the Labour Code 2019, their make-up days and the
Government's swaps), on /lay-y-kien/ and in its own Atom feed."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from bangvang.publish.comments_feed import build_comments_feed
from bangvang.records.validation import validate
from bangvang.website.comment_period import (
    CLOSED,
    OPEN,
    TET,
    UPCOMING,
    comment_periods,
    holidays,
    is_working_day,
    working_days,
)
from bangvang.website.index import build_index
from bangvang.website.site_info import SiteInfo
from helpers import make_project, read

D = dt.date
ATOM = "{http://www.w3.org/2005/Atom}"
PROPOSAL = "de-nghi-bang-khen-tinh-gia-phuc-2024"  # tests/fixtures/extra: comment 21/04–09/05/2025


@pytest.mark.parametrize(
    "day",
    [
        D(2024, 1, 1),
        D(2024, 2, 8),
        D(2024, 2, 9),
        D(2024, 2, 12),
        D(2024, 2, 13),
        D(2024, 2, 14),  # Tết Giáp Thìn
        D(2024, 4, 18),  # Giỗ Tổ Hùng Vương (10/3 âm lịch)
        D(2024, 4, 29),  # the Government's swap, worked on Saturday 04/5
        D(2024, 4, 30),
        D(2024, 5, 1),
        D(2024, 9, 2),
        D(2024, 9, 3),  # 02/9 and the day after (a Monday)
        D(2025, 1, 27),
        D(2025, 1, 28),
        D(2025, 1, 29),
        D(2025, 1, 30),
        D(2025, 1, 31),  # Tết Ất Tỵ
        D(2025, 4, 7),
        D(2025, 5, 2),
        D(2025, 9, 1),
        D(2025, 9, 2),
        D(2023, 1, 2),  # 01/01/2023 was a Sunday: made up on Monday
        D(2026, 11, 24),  # Ngày Văn hóa Việt Nam, from 2026
    ],
)
def test_public_holidays_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [D(2024, 5, 4), D(2025, 4, 26), D(2024, 2, 15), D(2025, 9, 3), D(2024, 4, 17)])
def test_swapped_saturdays_and_ordinary_days_are_working_days(day):
    assert is_working_day(day)


def test_tet_table_is_the_lunar_new_year_of_vietnam():
    assert all(D(y, 1, 21) <= d <= D(y, 2, 20) and d.year == y for y, d in TET.items())
    assert TET[2030] == D(2030, 2, 2)  # Vietnam (UTC+7), a day before China's
    assert len(holidays(2025)) >= 11


def test_working_days_of_a_period():
    # 21/04–09/05/2025: 15 weekdays less 30/4, 1/5, 2/5, plus Saturday 26/4 worked (swap).
    assert working_days(D(2025, 4, 21), D(2025, 5, 9)) == 13
    assert working_days(D(2025, 4, 29), D(2025, 5, 9)) == 6
    assert working_days(D(2025, 5, 10), D(2025, 5, 9)) == 0


@pytest.fixture(scope="module")
def fixture_index(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("comments") / "project", extra=True)
    dataset, errors = validate(project / "data", project / "docs")
    assert errors == []
    return build_index(dataset)


SITE = SiteInfo(
    district="huyện Gia Lộc",
    address="Phòng Nội vụ, UBND huyện Gia Lộc",
    email="noivu@example.org",
    site_url="https://example.org/bang-vang/",
)


@pytest.mark.parametrize(
    "today, state, left",
    [
        (D(2025, 4, 20), UPCOMING, 0),
        (D(2025, 4, 29), OPEN, 6),
        (D(2025, 5, 9), OPEN, 1),
        (D(2025, 5, 3), OPEN, 5),  # a Saturday: what is left starts on Monday
        (D(2025, 5, 10), CLOSED, 0),
    ],
)
def test_an_open_comment_period_counts_working_days_left_at_the_build_date(fixture_index, today, state, left):
    period = next(p for p in comment_periods(fixture_index, SITE, today) if p.award.id == PROPOSAL)
    assert (period.state, period.left, period.length) == (state, left, 13)
    assert period.proposal is not None and period.proposal.id == "ttr-12-ttr-ubnd-2025"
    assert period.where.startswith("Phòng Nội vụ huyện Gia Lộc, số 1")
    if state == OPEN:
        assert period.left_text == f"còn {left} ngày làm việc"


def test_open_periods_come_first(fixture_index):
    award = fixture_index.dataset.get("awards", PROPOSAL)
    closed = type(award)(
        award.folder,
        "da-xong",
        award.path,
        {**award.data, "public_comment": {"from": D(2025, 1, 2), "to": D(2025, 1, 20)}},
    )
    fixture_index.dataset.kind("awards")["da-xong"] = closed
    try:
        periods = comment_periods(fixture_index, SITE, D(2025, 4, 29))
    finally:
        del fixture_index.dataset.kind("awards")["da-xong"]
    states = [p.state for p in periods]
    assert states == sorted(states, key=[OPEN, UPCOMING, CLOSED].index)
    assert [p.award.id for p in periods][:1] == [PROPOSAL]
    # Without a `where`, comments go to the office of extra.district (address and e-mail).
    assert periods[-1].where == "Phòng Nội vụ, UBND huyện Gia Lộc; thư điện tử: noivu@example.org"


def test_comments_feed_is_well_formed_atom_with_the_period(fixture_index):
    tree = build_comments_feed(fixture_index, SITE, SITE.site_url)
    root = ET.fromstring(ET.tostring(tree.getroot(), encoding="utf-8"))
    assert root.tag == f"{ATOM}feed"
    assert root.find(f"{ATOM}id").text == "https://example.org/bang-vang/lay-y-kien/feed.xml"
    entries = root.findall(f"{ATOM}entry")
    entry = next(e for e in entries if e.find(f"{ATOM}id").text.endswith(f"#{PROPOSAL}"))
    assert entry.find(f"{ATOM}updated").text == "2025-04-21T00:00:00+07:00"
    assert "Bằng khen của Chủ tịch UBND tỉnh" in entry.find(f"{ATOM}title").text
    summary = entry.find(f"{ATOM}summary").text
    assert "21/04/2025" in summary and "09/05/2025" in summary and "Xã Gia Phúc" in summary
    assert root.find(f"{ATOM}updated").text == "2025-04-21T00:00:00+07:00"


def test_the_built_site_has_the_comment_page_and_its_feed(built_site):
    doc = read(built_site, "lay-y-kien")
    assert PROPOSAL in doc.ids and "Xã Gia Phúc" in doc.text and "ngày làm việc" in doc.text
    assert doc.has_link("van-ban/ttr-12-ttr-ubnd-2025/")
    feed = ET.parse(built_site / "lay-y-kien" / "feed.xml").getroot()
    assert [e for e in feed.findall(f"{ATOM}entry") if e.find(f"{ATOM}id").text.endswith(f"#{PROPOSAL}")]
