"""The Atom feed of honours: /khen-thuong/feed.xml, newest decision first.

Deterministic: the feed's <updated> is the newest decision date, never the build time, so an
unchanged data set gives a byte-identical feed. Proposals to a higher level are not honours and
are left out. Each entry links to its award on the year page (the award's anchor). An annulled
award is no honour either: it has an entry of its own, "Hủy bỏ khen thưởng", dated by the
annulling decision and linked to its struck-through proof line (/xac-minh/<year>/#<id>).
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from bangvang.records.dataset import DataSet, Record
from bangvang.records.provenance_rules import part_date
from bangvang.text import format_date, format_number
from bangvang.urls import SECTION, year_url
from bangvang.website.index import annulled, award_day, award_tally, conferred
from bangvang.website.provenance import verify_url
from bangvang.website.wording import tally_text

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = f"{SECTION['awards']}/feed.xml"
MAX_ENTRIES = 200  # a feed is for news; the full list is in /du-lieu/awards.json
MAX_NAMES = 10
TIMEZONE = "+07:00"  # decisions are dated in Vietnam
KIND_WORDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}


def feed_awards(dataset: DataSet) -> list[Record]:
    """Conferred awards, newest first (ties by year page order: id)."""
    awards = conferred(list(dataset.kind("awards").values()))
    return sorted(awards, key=lambda a: (-award_day(a).toordinal(), a.id))[:MAX_ENTRIES]


def annulment_day(dataset: DataSet, award: Record) -> dt.date:
    """The day an award was annulled: its annulling decision's date (inline or its document's),
    else the day it was conferred."""
    return part_date(award, "annulment", dataset) or award_day(award)


def feed_annulments(dataset: DataSet) -> list[Record]:
    """Annulled awards (status huy_bo), newest annulment first: each is news of its own, as the
    UK Gazette publishes a forfeiture; the award itself is no longer an honour (not in feed_awards)."""
    awards = annulled(list(dataset.kind("awards").values()))
    return sorted(awards, key=lambda a: (-annulment_day(dataset, a).toordinal(), a.id))[:MAX_ENTRIES]


def annulment_summary(dataset: DataSet, award: Record) -> str:
    annulment = award.get("annulment") or {}
    doc = dataset.ref("documents", annulment["document"]) if annulment.get("document") else None
    number = annulment.get("number") or (doc.get("number") if doc else None)
    parts = [
        f"Năm {award['year']}",
        " ".join(
            filter(
                None,
                [
                    "hủy bỏ theo quyết định",
                    f"số {number}" if number else "",
                    f"ngày {format_date(annulment_day(dataset, award))}",
                ],
            )
        ),
    ]
    if annulment.get("reason"):
        parts.append(f"lý do: {annulment['reason']}")
    names = recipient_names(dataset, award)
    if names:
        more = f" và {format_number(len(names) - MAX_NAMES)} người nhận khác" if len(names) > MAX_NAMES else ""
        parts.append("người nhận: " + ", ".join(names[:MAX_NAMES]) + more)
    return ". ".join(p[0].upper() + p[1:] for p in parts) + "."


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00{TIMEZONE}"


def tally_words(award: Record) -> str:
    """'3 tập thể, 28 cá nhân': the site's own wording (website/wording.py), as on its award cards."""
    return tally_text(award_tally(award), empty="")


def recipient_names(dataset: DataSet, award: Record) -> list[str]:
    names = []
    for r in award.get("recipients", []):
        if r.get("person"):
            names.append(dataset.ref("people", r["person"])["name"])
        elif r.get("name"):
            names.append(r["name"])
        elif r.get("unit"):
            names.append(dataset.ref("units", r["unit"])["name"])
    return names


def entry_summary(dataset: DataSet, award: Record) -> str:
    parts = [f"Năm {award['year']}"]
    if award.get("issuer"):
        parts.append(f"cấp khen: {award['issuer']}")
    decision = award.get("decision") or {}
    if decision:
        number = f"số {decision['number']}" if decision.get("number") else ""
        day = f"ngày {format_date(decision['date'])}" if decision.get("date") else ""
        parts.append(" ".join(filter(None, ["quyết định", number, day])))
    names = recipient_names(dataset, award)
    if names:
        more = f" và {format_number(len(names) - MAX_NAMES)} người nhận khác" if len(names) > MAX_NAMES else ""
        parts.append("người nhận: " + ", ".join(names[:MAX_NAMES]) + more)
    if award.get("reason"):
        parts.append(award["reason"])
    return ". ".join(p[0].upper() + p[1:] for p in parts) + "."


def build_feed(dataset: DataSet, site_url: str, title: str, author: str) -> ET.ElementTree:
    base = site_url.rstrip("/") + "/" if site_url else "/"
    awards = feed_awards(dataset)
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    sub(feed, "id", base + FEED_PATH)
    sub(feed, "title", title)
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    sub(feed, "link", rel="alternate", type="text/html", href=base + SECTION["awards"] + "/")
    annulments = feed_annulments(dataset)
    newest = max(
        [award_day(a) for a in awards[:1]] + [annulment_day(dataset, a) for a in annulments[:1]],
        default=dt.date(1970, 1, 1),
    )
    sub(feed, "updated", _stamp(newest))
    sub(sub(feed, "author"), "name", author)
    # Conferrals and annulments in one list, newest first (an annulment is dated by its decision).
    news = sorted(
        [(award_day(a), a.id, False, a) for a in awards]
        + [(annulment_day(dataset, a), a.id, True, a) for a in annulments],
        key=lambda n: (-n[0].toordinal(), n[1], n[2]),
    )
    for day, _, is_annulment, award in news:
        entry_name = dataset.vocab[award["award"]]["name"]
        words = tally_words(award)
        if is_annulment:  # at the award's proof line, struck through with its reason
            url = f"{base}{verify_url(award)}"
            title = f"Hủy bỏ khen thưởng: {entry_name}" + (f": {words}" if words else "")
            summary = annulment_summary(dataset, award)
        else:
            url = f"{base}{year_url(award['year'])}#{award.id}"
            title = f"{entry_name}: {words}" if words else entry_name
            summary = entry_summary(dataset, award)
        entry = sub(feed, "entry")
        sub(entry, "id", url)
        sub(entry, "title", title)
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "updated", _stamp(day))
        sub(entry, "summary", summary)
    ET.indent(feed)
    return ET.ElementTree(feed)


def write_feed(build, site_dir: Path) -> None:
    district = build.site.district
    tree = build_feed(
        build.index.dataset, build.site_url, title=f"Khen thưởng mới – {district}", author=f"Ủy ban nhân dân {district}"
    )
    path = Path(site_dir) / FEED_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
