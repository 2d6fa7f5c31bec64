"""The site's search index: one Pagefind record per page, written after MkDocs has built the site.

Pagefind folds tone and vowel marks itself (and ranks exact spellings first) but not đ, which has
no decomposition: each record also carries the folded spelling of its đ-words, so `doan` finds
Đoàn. The browser side (docs/assets/search.js) lazy-loads the bundle from `pagefind/`.
"""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
import time
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import jinja2

from .text import fold, format_date, nfc
from .urls import record_url

log = logging.getLogger("mkdocs.hooks.bangvang.search")

BUNDLE = "pagefind"
TEMPLATES = Path(__file__).parent / "templates"
# Filter names in the bundle (the search box labels them in Vietnamese).
FILTERS = ("kind", "year", "commune", "field", "award")
# Pagefind's other front ends: the site has its own search box, so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")
_WORD = re.compile(r"\w+")
_SKIP_TAGS = {"script", "style", "template", "svg", "h1"}


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
    return SearchRecord(page.url, page.title, kind, html_text(page.html), _filters(kind, search))


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

class _TextParser(HTMLParser):
    """Visible text of an HTML fragment, blocks separated by spaces; h1 (the title) left out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self._skip += 1
        self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS and self._skip:
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join("".join(self.parts).split())


def html_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return nfc(parser.text)


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

def folded_extras(text: str) -> list[str]:
    """Folded spellings of the words Pagefind's own folding misses (those with đ), once each."""
    seen: dict[str, None] = {}
    for word in _WORD.findall(nfc(text)):
        if "đ" in word.casefold():
            seen.setdefault(fold(word), None)
    return list(seen)


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_record(record: SearchRecord, template: jinja2.Template) -> str:
    title_extra = folded_extras(record.title)
    body_extra = [w for w in folded_extras(record.text) if w not in title_extra]
    return template.render(
        title=record.title, kind=record.kind, text=record.text,
        title_extra=" ".join(title_extra), body_extra=" ".join(body_extra),
        extra_words=len(title_extra) + len(body_extra),
        filters=[(name, record.filters[name]) for name in FILTERS if record.filters.get(name)])


def _write_sources(records: list[SearchRecord], folder: Path) -> None:
    """One small HTML document per record, at the record's own path (documents: van-ban/<id>/)."""
    template = _environment().get_template("search_record.html")
    for record in records:
        path = folder / record.url.replace("#", "") / "index.html" if record.url else folder / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render_record(record, template), encoding="utf-8")


def _run_pagefind(sources: Path, out: Path) -> None:
    # The command line, not the Python service: the service is stopped as soon as it answers
    # "written", which under load has left files cut short; the command exits when all is on disk.
    from pagefind.service import _must_get_executable

    command = [str(_must_get_executable()), "--site", str(sources), "--output-path", str(out),
               "--force-language", "vi", "--silent"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800)
    if result.returncode != 0:
        raise RuntimeError((result.stderr or result.stdout).strip()[-2000:])


def write_search_index(build, site_dir: Path) -> None:
    """Post-build step: site/pagefind/ with one record per page, document and guide."""
    site_dir = Path(site_dir)
    out = site_dir / BUNDLE
    started = time.perf_counter()
    records = collect_records(build, site_dir)
    if out.exists():
        shutil.rmtree(out)
    try:
        with tempfile.TemporaryDirectory(prefix="bangvang-search-") as tmp:
            _write_sources(records, Path(tmp))
            _run_pagefind(Path(tmp), out)
    except Exception as err:  # the Pagefind binary missing or failing: say so without a traceback
        log.error("Không tạo được chỉ mục tìm kiếm (Pagefind): %s", err)
        return
    for name in UNUSED:
        (out / name).unlink(missing_ok=True)
    log.info("Chỉ mục tìm kiếm: %d mục, %.1f giây", len(records), time.perf_counter() - started)
