"""The Atom feed of public comment periods: /lay-y-kien/feed.xml, newest period first.

Deterministic: an entry's <updated> is the day its period starts, the feed's the newest of them
(never the build's clock), so an unchanged data set gives the same bytes. Each entry links to the
period on /lay-y-kien/ (the award's anchor) and says when and where to send comments.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

from bangvang.text import format_date
from bangvang.website.comment_period import CLOSED, OPEN, comment_periods
from bangvang.website.provenance import COMMENTS_URL

ATOM = "http://www.w3.org/2005/Atom"
FEED_PATH = f"{COMMENTS_URL}feed.xml"
TIMEZONE = "+07:00"
MAX_ENTRIES = 200


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00{TIMEZONE}"


def entry_summary(period) -> str:
    names = "; ".join(r.name for r in period.recipients) or period.tally_text
    parts = [
        f"Lấy ý kiến từ {format_date(period.start)} đến hết {format_date(period.end)} ({period.length} ngày làm việc)",
        f"Được đề nghị: {names}",
    ]
    if period.award.get("reason"):
        parts.append(f"Thành tích: {period.award['reason']}")
    if period.where:
        parts.append(f"Gửi ý kiến: {period.where}")
    if period.state == CLOSED:
        parts.append("Đã hết thời gian lấy ý kiến")
    return ". ".join(parts) + "."


def build_comments_feed(index, site, site_url: str) -> ET.ElementTree:
    base = site_url.rstrip("/") + "/" if site_url else "/"
    periods = sorted(comment_periods(index, site), key=lambda p: (-p.start.toordinal(), p.award.id))[:MAX_ENTRIES]
    ET.register_namespace("", ATOM)

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "vi"})
    sub(feed, "id", base + FEED_PATH)
    sub(feed, "title", f"Lấy ý kiến về đề nghị khen thưởng – {site.district}")
    sub(feed, "link", rel="self", type="application/atom+xml", href=base + FEED_PATH)
    sub(feed, "link", rel="alternate", type="text/html", href=base + COMMENTS_URL)
    sub(feed, "updated", _stamp(periods[0].start if periods else dt.date(1970, 1, 1)))
    sub(sub(feed, "author"), "name", f"Ủy ban nhân dân {site.district}")
    for period in periods:
        award = period.award
        url = f"{base}{COMMENTS_URL}#{award.id}"
        entry = sub(feed, "entry")
        sub(entry, "id", url)
        form = index.dataset.vocab[award["award"]]["name"]
        prefix = "Đang lấy ý kiến" if period.state == OPEN else "Lấy ý kiến"
        sub(entry, "title", f"{prefix}: đề nghị tặng {form} ({format_date(period.start)} – {format_date(period.end)})")
        sub(entry, "link", rel="alternate", type="text/html", href=url)
        sub(entry, "published", _stamp(period.start))
        sub(entry, "updated", _stamp(period.start))
        sub(entry, "summary", entry_summary(period))
    ET.indent(feed)
    return ET.ElementTree(feed)


def write_comments_feed(build, site_dir: Path) -> None:
    """Post-build step: /lay-y-kien/feed.xml."""
    tree = build_comments_feed(build.index, build.site, build.site.site_url or build.site_url)
    path = Path(site_dir) / FEED_PATH
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)
