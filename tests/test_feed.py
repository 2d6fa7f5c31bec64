"""The Atom feed of honours (/khen-thuong/feed.xml): valid Atom, newest first, each entry a link
to its award on the year page, proposals left out, the same bytes for the same data."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bangvang.publish.feed import MAX_ENTRIES
from helpers import effective_config

ROOT = Path(__file__).resolve().parents[1]
A = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def feed(built_site):
    return ET.parse(built_site / "khen-thuong" / "feed.xml").getroot()


@pytest.fixture(scope="module")
def site_url():
    return effective_config()["site_url"].rstrip("/") + "/"


def _when(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


def test_feed_is_atom_with_the_required_elements(feed, site_url):
    assert feed.tag == f"{A}feed"
    for tag in ("id", "title", "updated", "author"):
        assert feed.find(f"{A}{tag}") is not None, tag
    assert feed.find(f"{A}author/{A}name").text.strip()
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link.get("href") == site_url + "khen-thuong/feed.xml"
    entries = feed.findall(f"{A}entry")
    assert entries, "the seed has conferred awards"
    for entry in entries:
        for tag in ("id", "title", "updated", "link"):
            assert entry.find(f"{A}{tag}") is not None, tag
        _when(entry.find(f"{A}updated").text)  # RFC 3339, parseable
    assert len({e.find(f"{A}id").text for e in entries}) == len(entries), "entry ids are unique"


def test_entries_are_newest_first_and_the_feed_updated_is_the_newest(feed):
    stamps = [_when(e.find(f"{A}updated").text) for e in feed.findall(f"{A}entry")]
    assert stamps == sorted(stamps, reverse=True)
    assert _when(feed.find(f"{A}updated").text) == stamps[0]


def test_entries_are_the_conferred_awards_dated_by_decision(feed, site_dataset):
    dataset = site_dataset
    awards = dataset.kind("awards")
    conferred = {a.id for a in awards.values() if a.get("status", "tang") == "tang"}
    honours = [e for e in feed.findall(f"{A}entry") if "/xac-minh/" not in e.find(f"{A}link").get("href")]
    linked = [e.find(f"{A}link").get("href").rsplit("#", 1)[1] for e in honours]
    assert set(linked) <= conferred, "proposals and annulled awards are not honours"
    assert len(linked) == min(len(conferred), MAX_ENTRIES)
    for entry in honours:  # (annulments have entries of their own, at /xac-minh/: tests/test_provenance_pages.py)
        award = awards[entry.find(f"{A}link").get("href").rsplit("#", 1)[1]]
        day = (award.get("decision") or {}).get("date") or dt.date(award["year"], 12, 31)
        assert _when(entry.find(f"{A}updated").text).date() == day


def test_each_entry_links_to_its_award_on_the_year_page(feed, built_site, site_url):
    for entry in feed.findall(f"{A}entry"):
        href = entry.find(f"{A}link").get("href")
        if "/xac-minh/" in href:  # an annulment, at the award's proof line
            continue
        m = re.fullmatch(re.escape(site_url) + r"khen-thuong/(\d{4})/#([a-z0-9-]+)", href)
        assert m, href
        page = (built_site / "khen-thuong" / m[1] / "index.html").read_text(encoding="utf-8")
        assert f'id="{m[2]}"' in page, f"{href}: no such anchor on the year page"


def test_the_feed_is_linked_from_the_awards_page_and_every_head(built_site):
    awards_page = (built_site / "khen-thuong" / "index.html").read_text(encoding="utf-8")
    assert 'href="feed.xml"' in awards_page
    for page in ("index.html", "khen-thuong/index.html", "du-lieu/index.html"):
        head = (built_site / page).read_text(encoding="utf-8").split("</head>")[0]
        href = re.search(r'<link rel="alternate" type="application/atom\+xml"[^>]* href="([^"]+)"', head)
        assert href, f"{page}: no feed link in <head>"
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), href[1]))
        assert target == "khen-thuong/feed.xml", (page, href[1])
