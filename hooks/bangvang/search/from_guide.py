"""Search records for staff: the guide (docs/huong-dan/*.md), read from its Markdown.

The guide is searched apart from the reader's pages (its own bundle, the search box's "Hướng dẫn
cho cán bộ" filter). One record per page and one per second-level section, at the section's id:
the id MkDocs' toc extension gives the heading ({#id} when written, else its slug).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from markdown.extensions.toc import slugify as toc_slugify

from bangvang.search.plain_text import markdown_text
from bangvang.search.records import SearchRecord, filter_values
from bangvang.text import nfc

GUIDE = "huong-dan"
_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.S)
_HEADING = re.compile(r"^(#{1,2})\s+(.*?)\s*#*\s*$", re.M)
_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)  # code: commands, not headings
_EXPLICIT_ID = re.compile(r"\s*\{[^}]*#([\w-]+)[^}]*\}\s*$")
_INLINE = re.compile(r"[`*]")


def guide_records(docs_dir: Path) -> list[SearchRecord]:
    folder = Path(docs_dir) / GUIDE
    if not folder.is_dir():
        return []
    records: list[SearchRecord] = []
    for path in sorted(folder.rglob("*.md")):
        records += page_records(path.read_text(encoding="utf-8"), _url(path.relative_to(docs_dir).as_posix()))
    return records


def page_records(source: str, url: str) -> list[SearchRecord]:
    meta: dict = {}
    match = _FRONT_MATTER.match(source)
    if match:
        meta = yaml.safe_load(match[1]) or {}
        source = source[match.end() :]
    source = _FENCE.sub("", source)
    parts = _HEADING.split(source)  # text, (hashes, heading, text)*
    title = meta.get("title")
    intro = [parts[0]]
    sections: list[tuple[str, str]] = []
    seen: dict[str, int] = {}
    for i in range(1, len(parts), 3):
        hashes, heading, text = parts[i], parts[i + 1], parts[i + 2]
        if len(hashes) == 1 and not sections:
            title = title or _heading_text(heading)[0]
            intro.append(text)
            continue
        sections.append((heading, text))
    title = nfc(str(title or url))
    facets = filter_values(kind="guide")
    records = [
        SearchRecord(
            url,
            title,
            "guide",
            markdown_text("\n".join(intro)) or nfc(str(meta.get("description", ""))),
            names=(title,),
            filters=facets,
        )
    ]
    for heading, text in sections:
        name, anchor = _heading_text(heading)
        anchor = anchor or _unique(toc_slugify(name, "-"), seen)
        records.append(
            SearchRecord(f"{url}#{anchor}", nfc(name), "guide", markdown_text(text), context=title, filters=facets)
        )
    return records


def _heading_text(heading: str) -> tuple[str, str | None]:
    """The heading as shown and its explicit id ({#id}), if written."""
    found = _EXPLICIT_ID.search(heading)
    anchor = found[1] if found else None
    text = _EXPLICIT_ID.sub("", heading)
    return " ".join(_INLINE.sub("", markdown_text(text) or text).split()), anchor


def _unique(slug: str, seen: dict[str, int]) -> str:
    """As the toc extension does: a repeated id gets _1, _2…"""
    if slug not in seen:
        seen[slug] = 0
        return slug
    seen[slug] += 1
    return f"{slug}_{seen[slug]}"


def _url(rel: str) -> str:
    """docs-relative Markdown path -> directory URL ('huong-dan/index.md' -> 'huong-dan/')."""
    stem = rel[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"
