"""Templates (issue 17 point 3): one base page that every page kind extends (breadcrumbs, h1,
body), each template opening with a comment that names the context it receives; the tally
wording made once, so the feed says what the cards say."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from helpers import ROOT

TEMPLATES = ROOT / "hooks" / "bangvang" / "website" / "templates"
# The page kinds of issue 12's reader pages (other helpers' templates are checked by their tests).
PAGE_KINDS = (
    "home",
    "search",
    "campaigns",
    "campaign",
    "models",
    "model",
    "awards",
    "year",
    "units",
    "unit",
    "people",
    "person",
    "documents",
    "reports",
    "report",
)
KINDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}
ATOM = "{http://www.w3.org/2005/Atom}"


def test_every_page_kind_extends_the_base_and_says_its_context():
    base = (TEMPLATES / "base.html").read_text(encoding="utf-8")
    assert base.lstrip().startswith("{#") and "Context" in base.split("#}")[0]
    assert "<h1 " in base and "{% block content %}" in base and "breadcrumbs" in base
    for name in PAGE_KINDS:
        text = (TEMPLATES / f"{name}.html").read_text(encoding="utf-8")
        head = text.split("#}")[0]
        assert text.startswith("{#"), f"{name}.html does not open with a comment"
        assert "Context" in head or "context" in head, f"{name}.html: the opening comment names no context"
        assert "{% extends 'base.html' %}" in text, f"{name}.html does not extend base.html"
        assert "<h1" not in text, f"{name}.html writes its own h1 (base.html does)"
        assert "Sửa bản ghi" not in text and "edit_footer" not in text, name


def test_templates_do_not_look_records_up(built_site):
    """Lookups are made in Python: the new page templates do not call the data set."""
    for name in ("home", "year", "unit", "person", "campaign", "report", "awards", "people", "units"):
        text = (TEMPLATES / f"{name}.html").read_text(encoding="utf-8")
        assert not re.search(r"\bdata\.(get|kind|vocab)\b|\bix\.", text), name


def test_the_feed_counts_with_the_words_of_the_cards(built_site, site_dataset):
    tree = ET.parse(built_site / "khen-thuong" / "feed.xml")
    entries = tree.getroot().findall(f"{ATOM}entry")
    assert entries
    for entry in entries:
        link = entry.find(f"{ATOM}link").get("href")
        award = site_dataset.get("awards", link.rsplit("#", 1)[1])
        if award is None:
            continue  # another kind of entry (an annulment's proof line)
        named = {k: 0 for k in KINDS}
        for r in award.get("recipients", []):
            named[r.get("kind") or ("ca_nhan" if (r.get("person") or r.get("name")) else "tap_the")] += 1
        tally = {k: award.get("count", {}).get(k, v) for k, v in named.items()}
        words = ", ".join(f"{tally[k]:,} {KINDS[k]}".replace(",", ".") for k in KINDS if tally[k])
        title = entry.find(f"{ATOM}title").text
        assert title.endswith(": " + words), (title, words)
        card = (built_site / "khen-thuong" / str(award["year"]) / "index.html").read_text(encoding="utf-8")
        block = re.search(rf'id="{award.id}".*?</article>', card, re.S).group(0)
        assert words in " ".join(re.sub(r"<[^>]+>", " ", block).split())
