"""The site's search index: one Pagefind record per page, written after MkDocs has built the site.

Pagefind folds tone and vowel marks itself but not đ (it has no decomposition), and its index of
marked text is large (measured at 5,000 pages: largest chunk 71 KB, against 32 KB for the same
text folded). So the index holds text.fold() of every record (`doan` finds Đoàn) and the text as
written rides along as metadata; the search box (docs/assets/search.js) folds the query the same
way, puts title matches and then spellings as typed first, and lazy-loads the bundle from
`pagefind/` on first use.
"""
from __future__ import annotations

import gzip
import hashlib
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import jinja2

from bangvang.text import fold, format_date, nfc
from bangvang.urls import record_url

log = logging.getLogger("mkdocs.hooks.bangvang.search")

BUNDLE = "pagefind"
TEMPLATES = Path(__file__).parent / "templates"
# Filter names in the bundle (the search box labels them in Vietnamese).
FILTERS = ("kind", "year", "commune", "field", "award")
# Pagefind's other front ends: the site has its own search box, so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_SKIP_TAGS = {"script", "style", "template", "svg", "h1"}
_SKIP_CLASSES = {"bv-edit", "bv-edit-small"}
# What is indexed of the pages that make up the bulk at province scale (every query downloads
# the index chunks its words fall in, so repeated boilerplate costs every reader):
# a year's awards list records that have pages of their own, so only its headings; people and
# units: names, links (awards, units, models), facts (dd) and prose, without issuers and
# decision numbers repeated on every line.
KEEP = {
    "Khen thưởng": frozenset({"h2", "h3", "h4"}),
    "Cá nhân": frozenset({"h2", "h3", "h4", "a", "dd", "bv-prose"}),
    "Tập thể": frozenset({"h2", "h3", "h4", "a", "dd", "bv-prose"}),
}


@dataclass
class SearchRecord:
    url: str  # site-relative, "tap-the/xa-doan-thuong/"
    title: str
    kind: str
    text: str
    filters: dict[str, list[str]] = field(default_factory=dict)


# ---------------------------------------------------------------------------------------------
# Records: generated pages, documents (rows of one page), hand-written pages under docs/
# ---------------------------------------------------------------------------------------------

def collect_records(build, site_dir: Path) -> list[SearchRecord]:
    records = [_page_record(p) for p in build.pages()]
    records += _document_records(build)
    generated = {_html_path(p.url) for p in build.pages()}
    records += _static_records(site_dir, generated)
    return sorted(records, key=lambda r: r.url)


def _page_record(page) -> SearchRecord:
    search = dict(page.search or {})
    kind = search.pop("kind", None)
    if not kind:
        # Home and section lists: every entry has its own record, so only their title counts.
        return SearchRecord(page.url, page.title, "Trang", page.description)
    text = html_text(page.html, KEEP.get(kind))
    return SearchRecord(page.url, page.title, kind, text, _filters(kind, search))


def _document_records(build) -> list[SearchRecord]:
    records = []
    for doc in build.index.dataset.kind("documents").values():
        title = f"{doc['kind']} {doc['number']}"
        date = doc.get("date")
        text = " ".join(filter(None, [doc.get("title"), doc["issuer"], format_date(date) if date else None]))
        year = [str(date.year)] if hasattr(date, "year") else []
        records.append(SearchRecord(record_url("documents", doc.id), title, "Văn bản", text,
                                    _filters("Văn bản", {"year": year})))
    return records


def _static_records(site_dir: Path, generated: set[str]) -> list[SearchRecord]:
    records = []
    for path in sorted(site_dir.rglob("index.html")):
        rel = path.relative_to(site_dir).as_posix()
        if rel in generated or rel.split("/", 1)[0] in (BUNDLE, "assets"):
            continue
        article = ArticleText()
        article.feed(path.read_text(encoding="utf-8"))
        if not article.title:
            continue
        url = rel[: -len("index.html")]
        kind = "Hướng dẫn" if url.startswith("huong-dan/") else "Trang"
        records.append(SearchRecord(url, article.title, kind, article.text, _filters(kind, {})))
    return records


def _filters(kind: str, search: dict) -> dict[str, list[str]]:
    out = {"kind": [kind]}
    for name in FILTERS[1:]:
        value = search.get(name)
        values = value if isinstance(value, (list, tuple, set)) else [value]
        values = sorted({nfc(str(v)) for v in values if v not in (None, "")})
        if values:
            out[name] = values
    return out


def _html_path(url: str) -> str:
    return url.split("#", 1)[0] + "index.html"


# ---------------------------------------------------------------------------------------------
# Text out of HTML
# ---------------------------------------------------------------------------------------------

# Our own generated HTML is well formed and escaped, so one regular expression reads it, several
# times faster than HTMLParser (this runs once per page: ~26,000 times at province scale).
_TOKEN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|<![^>]*>|([^<]+)")
_CLASS = re.compile(r"""\bclass\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def html_text(html: str, keep: frozenset | None = None) -> str:
    """Visible text of a generated page body, blocks separated by spaces. Left out: the h1 (the
    title is indexed on its own), edit links, and with `keep` all but the text inside those tags
    or classes."""
    parts: list[str] = []
    depth = 0
    skip_at: int | None = None
    keep_at: int | None = None
    for match in _TOKEN.finditer(html):
        closing, tag, attrs, data = match.groups()
        if data is not None:
            if skip_at is None and (keep is None or keep_at is not None):
                parts.append(data)
            continue
        if tag is None:  # comment or doctype
            continue
        parts.append(" ")
        tag = tag.lower()
        if tag in _VOID or (not closing and attrs.endswith("/")):  # void or self-closed: no depth
            if not closing and attrs.endswith("/"):
                parts.append(" ")
            continue
        if closing:
            if skip_at == depth:
                skip_at = None
            if keep_at == depth:
                keep_at = None
            depth = max(0, depth - 1)
            continue
        depth += 1
        found = _CLASS.search(attrs) if "class" in attrs else None
        classes = set((found[1] or found[2] or "").split()) if found else set()
        if skip_at is None and (tag in _SKIP_TAGS or classes & _SKIP_CLASSES):
            skip_at = depth
        if keep is not None and keep_at is None and ({tag} | classes) & keep:
            keep_at = depth
    return nfc(" ".join(unescape("".join(parts)).split()))


class ArticleText(HTMLParser):
    """Title (h1) and text of the article of a page MkDocs rendered (docs/*.md)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self._depth = 0  # nesting inside <article>
        self._skip = 0
        self._in_h1 = False
        self._title: list[str] = []
        self._parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "md-content__inner" in classes:
            self._depth = 1
            return
        if not self._depth:
            return
        if tag == "article":
            self._depth += 1
        if self._skip or tag in ("script", "style", "svg") or "md-content__button" in classes or "headerlink" in classes:
            self._skip += 1 if tag not in _VOID else 0
        if tag == "h1":
            self._in_h1 = True
        self._parts.append(" ")

    def handle_endtag(self, tag):
        if not self._depth:
            return
        if tag == "article":
            self._depth -= 1
        if self._skip and tag not in _VOID:
            self._skip -= 1
        if tag == "h1":
            self._in_h1 = False
        self._parts.append(" ")

    def handle_data(self, data):
        if not self._depth or self._skip:
            return
        (self._title if self._in_h1 and not self._title_done else self._parts).append(data)

    @property
    def _title_done(self) -> bool:
        return bool(self._title) and not self._in_h1

    @property
    def title(self) -> str:
        return nfc(" ".join("".join(self._title).split()))

    @property
    def text(self) -> str:
        return nfc(" ".join("".join(self._parts).split()))


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# ---------------------------------------------------------------------------------------------
# The bundle
# ---------------------------------------------------------------------------------------------

def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_record(record: SearchRecord, template: jinja2.Template) -> str:
    return template.render(
        title=record.title, kind=record.kind, text=record.text, href=record.url,
        folded_title=fold(record.title), folded_text=fold(record.text),
        filters=[(name, record.filters[name]) for name in FILTERS if record.filters.get(name)])


def _write_sources(records: list[SearchRecord], folder: Path) -> None:
    """One small HTML document per record, all in one folder: a result links to its meta "href",
    not to the file's path, and a folder per record cost tens of thousands of mkdir calls."""
    template = _environment().get_template("search_record.html")
    for n, record in enumerate(records):
        (folder / f"r{n:06d}.html").write_text(render_record(record, template), encoding="utf-8")


def _scratch_dir() -> str | None:
    """Memory-backed /dev/shm where there is one: tens of thousands of small files written and read
    once cost seconds on a slow disk."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def _run_pagefind(sources: Path, out: Path) -> None:
    # The command line, not the Python service: the service is stopped as soon as it answers
    # "written", which under load has left files cut short; the command exits when all is on disk.
    from pagefind.service import _must_get_executable

    command = [str(_must_get_executable()), "--site", str(sources), "--output-path", str(out),
               "--force-language", "vi", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError((result.stderr or result.stdout).strip()[-2000:])


# `mkdocs serve` rebuilds the whole site on every edit: the index of its first build is kept
# here and reused, so a preview shows an edit seconds sooner (search lags until a restart).
_preview_bundle: Path | None = None


def write_search_index(build, site_dir: Path) -> None:
    """Post-build step: site/pagefind/ with one record per page, document and guide."""
    global _preview_bundle
    site_dir = Path(site_dir)
    out = site_dir / BUNDLE
    started = time.perf_counter()
    if build.serving and _preview_bundle is not None and _preview_bundle.is_dir():
        shutil.rmtree(out, ignore_errors=True)
        shutil.copytree(_preview_bundle, out)
        log.info("Xem trước: dùng lại chỉ mục tìm kiếm của lần dựng đầu; khởi động lại `mkdocs serve` "
                 "để tìm được nội dung mới sửa")
        return
    records = collect_records(build, site_dir)
    if out.exists():
        shutil.rmtree(out)
    try:
        with tempfile.TemporaryDirectory(prefix="bangvang-search-", dir=_scratch_dir()) as tmp:
            _write_sources(records, Path(tmp))
            _run_pagefind(Path(tmp), out)
    except Exception as err:  # the Pagefind binary missing or failing: say so without a traceback
        log.error("Không tạo được chỉ mục tìm kiếm (Pagefind): %s", err)
        return
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    try:
        settle_filters(out)
    except ValueError as err:  # a Pagefind release with another file layout: leave it as written
        log.warning("Chỉ mục tìm kiếm: không sắp được thứ tự bộ lọc (%s); hai lần xây dựng sẽ khác nhau", err)
    log.info("Chỉ mục tìm kiếm: %d mục, %.1f giây", len(records), time.perf_counter() - started)
    if build.serving:
        _preview_bundle = Path(tempfile.mkdtemp(prefix="bangvang-preview-search-")) / BUNDLE
        shutil.copytree(out, _preview_bundle)


# ---------------------------------------------------------------------------------------------
# Same data, same bytes: Pagefind writes filter values (and the list of filters) in hash-map
# order, which changes from run to run. Re-sort them and rename the files after their content.
# The files are gzip'd "pagefind_dcd" + CBOR; only arrays, text and whole numbers occur in them.
# ---------------------------------------------------------------------------------------------

_SIGNATURE = b"pagefind_dcd"


def settle_filters(out: Path) -> None:
    metas = list(out.glob("pagefind.*.pf_meta"))
    entry_path = out / "pagefind-entry.json"
    if len(metas) != 1 or not entry_path.exists():
        raise ValueError("expected one language")
    meta = _read_cbor(metas[0])
    filters = meta[3] if len(meta) > 3 and isinstance(meta[3], list) else None
    if not filters or not all(isinstance(f, list) and len(f) == 2 for f in filters):
        raise ValueError("no filter list in the metadata")
    lang = metas[0].name.split(".")[1].split("_")[0]
    settled = []
    for name, stem in filters:
        path = out / "filter" / f"{stem}.pf_filter"
        key, values = _read_cbor(path)
        values = sorted([value, sorted(pages)] for value, pages in values)
        new_stem = f"{lang}_{_digest([key, values])[:7]}"
        path.unlink()
        _write_cbor(out / "filter" / f"{new_stem}.pf_filter", [key, values])
        settled.append([name, new_stem])
    meta[3] = sorted(settled)
    new_hash = f"{lang}_{_digest(meta)[:10]}"
    metas[0].unlink()
    _write_cbor(out / f"pagefind.{new_hash}.pf_meta", meta)
    old_hash = metas[0].name.split(".")[1]
    entry = entry_path.read_text(encoding="utf-8")
    entry_path.write_text(entry.replace(f'"{old_hash}"', f'"{new_hash}"'), encoding="utf-8")


def _read_cbor(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(_SIGNATURE):
        raise ValueError(f"{path.name}: unknown format")
    value, end = _cbor_decode(raw, len(_SIGNATURE))
    if end != len(raw) or _cbor_encode(value) != raw[len(_SIGNATURE):]:
        raise ValueError(f"{path.name}: unexpected encoding")
    return value


def _write_cbor(path: Path, value) -> None:
    path.write_bytes(gzip.compress(_SIGNATURE + _cbor_encode(value), mtime=0))


def _digest(value) -> str:
    return hashlib.sha256(_cbor_encode(value)).hexdigest()


def _cbor_decode(data: bytes, pos: int):
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if info < 24:
        arg = info
    elif info <= 27:
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError("indefinite length")
    if major == 0:
        return arg, pos
    if major == 3:
        return data[pos:pos + arg].decode("utf-8"), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _cbor_decode(data, pos)
            items.append(item)
        return items, pos
    raise ValueError(f"CBOR major type {major}")


def _cbor_head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("number too large")


def _cbor_encode(value) -> bytes:
    if isinstance(value, bool) or value is None:
        raise ValueError("unexpected CBOR value")
    if isinstance(value, int):
        return _cbor_head(0, value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _cbor_head(3, len(data)) + data
    if isinstance(value, list):
        return _cbor_head(4, len(value)) + b"".join(_cbor_encode(v) for v in value)
    raise ValueError("unexpected CBOR value")
