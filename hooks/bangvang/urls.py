"""The site's stable Vietnamese URLs, and links between pages that work under any base path."""
from __future__ import annotations

import posixpath

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
    """Directory-style URL of a record's page, relative to the site root ('' is the home page)."""
    if kind == "documents":
        return f"{SECTION['documents']}/#{record_id}"
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
    rel = _relpath(path, from_url) if path else "."
    rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{fragment}" if fragment else "")


def _relpath(path: str, from_url: str) -> str:
    """posixpath.relpath for site URLs, by splitting strings: relpath asks the OS for the
    working directory at every call, and pages make tens of thousands of links."""
    to, base = [p for p in path.split("/") if p], [p for p in from_url.split("/") if p]
    if path.startswith("/") or from_url.startswith("/") or any(p in (".", "..") for p in to + base):
        return posixpath.relpath(path.rstrip("/") or ".", from_url.rstrip("/") or ".")  # not a site URL
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."
