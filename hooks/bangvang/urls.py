"""The site's stable Vietnamese URLs, and links between pages that work under any base path."""

from __future__ import annotations

import functools
import posixpath

from bangvang.text import slugify

SECTION = {
    "campaigns": "phong-trao",
    "models": "dien-hinh",
    "units": "tap-the",
    "people": "ca-nhan",
    "awards": "khen-thuong",
    "reports": "bao-cao",
    "documents": "van-ban",
}


def record_url(kind: str, record_id: str | int) -> str:
    """Directory-style URL of a record's page, relative to the site root ('' is the home page).
    Every document has its own page too (van-ban/<id>/); van-ban/ lists them all."""
    return f"{SECTION[kind]}/{record_id}/"


def year_url(year: int) -> str:
    return f"{SECTION['awards']}/{year}/"


def section_url(kind: str) -> str:
    return f"{SECTION[kind]}/"


def src_uri(url: str) -> str:
    """The generated file behind a directory URL: 'phong-trao/x/' → 'phong-trao/x.md'."""
    if not url:
        return "index.md"
    return url.rstrip("/") + ("/index.md" if url.count("/") == 1 else ".md")


def relative(target: str, from_url: str) -> str:
    """Link from one page to another; relative so the site works under /<repo>/ on GitHub Pages."""
    path, _, fragment = target.partition("#")
    # '' is the home page; only '#…' alone stays on this page
    rel = "." if target.startswith("#") else _relpath(path, from_url)
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def file_link(path: str, from_url: str) -> str:
    """Link from a page to a file of the site (a photo under docs/): 'images/a.jpg' from
    'dien-hinh/x/' is '../../images/a.jpg' (a page's own folder is not the site's root)."""
    return _relpath(path, from_url)


def _relpath(path: str, from_url: str) -> str:
    """posixpath.relpath for site URLs, by splitting strings: relpath asks the OS for the
    working directory at every call, and pages make hundreds of thousands of links."""
    to, base = _segments(path), _segments(from_url)
    if to is None or base is None:
        return posixpath.relpath(path.rstrip("/") or ".", from_url.rstrip("/") or ".")  # not a site URL
    common, most = 0, min(len(to), len(base))
    while common < most and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + list(to[common:])) or "."


@functools.lru_cache(maxsize=1 << 17)
def _segments(url: str) -> tuple[str, ...] | None:
    """The parts of a site URL ('ca-nhan/x/' → ('ca-nhan', 'x')), or None when it is not one (a
    leading '/', or '.' or '..' in it). Kept: the same few thousand URLs are split for every page."""
    if url.startswith("/"):
        return None
    parts = tuple(p for p in url.split("/") if p)
    return None if "." in parts or ".." in parts else parts


# ---------------------------------------------------------------------------------------------
# Anchors inside pages: the page templates give these ids to elements and search results link to
# them, so both call the same functions (a renamed id cannot leave search pointing nowhere).
# ---------------------------------------------------------------------------------------------


def award_anchor(award_id: str) -> str:
    """One award act on its year's page."""
    return award_id


def award_form_anchor(vocab_id: str) -> str:
    """The section of one award form (danh hiệu, hình thức) on a year's page."""
    return f"hinh-thuc-{vocab_id}"


def recipient_key(recipient: dict) -> str:
    """Who a recipient is, as a slug that does not depend on the list's order: the unit's or
    the person's id, else the written name with its unit (id, or folded unit_name)."""
    if recipient.get("person"):
        return str(recipient["person"])
    if recipient.get("unit") and not recipient.get("name"):
        return str(recipient["unit"])
    name = slugify(str(recipient.get("name") or "")) or "nguoi-nhan"
    where = recipient.get("unit") or slugify(str(recipient.get("unit_name") or ""))
    return f"{name}-{where}" if where else name


def recipient_anchors(award_id: str, recipients: list[dict]) -> list[str]:
    """The id of every recipient of one award act, in the record's order: '<award-id>--<who>'
    (recipient_key), stable when lines are reordered, added or removed. Only two lines with the
    same key are told apart: by the written position, then by a number in their order."""
    keys = [recipient_key(r) for r in recipients]
    seen = {k: keys.count(k) for k in keys}
    keys = [
        f"{k}-{slugify(str(r['position']))}"
        if seen[k] > 1 and r.get("name") and r.get("position") and slugify(str(r["position"]))
        else k
        for k, r in zip(keys, recipients)
    ]
    taken = {k: keys.count(k) for k in keys}
    used: set[str] = set(k for k in keys if taken[k] == 1)
    anchors = []
    for key in keys:
        if taken[key] > 1:
            n = 1
            while f"{key}-{n}" in used:
                n += 1
            used.add(f"{key}-{n}")
            key = f"{key}-{n}"
        anchors.append(f"{award_id}--{key}")
    return anchors


def report_section_anchor(position: int) -> str:
    """One section of a report; position counts from 1 in the report's `sections`."""
    return f"muc-{position}"
