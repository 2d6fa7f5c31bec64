"""Search records as the small HTML documents Pagefind reads (templates/search_record.html)."""

from __future__ import annotations

from pathlib import Path

import jinja2

from bangvang.search.records import FILTERS, KINDS, SearchRecord
from bangvang.text import fold, nfc

TEMPLATES = Path(__file__).parent / "templates"


def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env.get_template("search_record.html")


def _context(record: SearchRecord) -> dict:
    title, text = nfc(record.title), nfc(record.text)
    names = tuple(nfc(n.replace("|", " ")) for n in record.names)
    return {
        "title": title,
        "kind": KINDS[record.kind],
        "href": record.url,
        "text": text,
        "names": names,
        "context": nfc(record.context),
        "listing": record.listing,
        "parts": "|".join(f"{start}:{length}:{anchor}" for start, length, anchor in record.parts),
        "filters": [(name, record.filters[name]) for name in FILTERS if record.filters.get(name)],
        "folded_title": fold(title),
        "folded_names": fold(" ".join(n for n in names if n != title)),
        "folded_text": fold(text),
    }


class SourceWriter:
    """Writes records as documents in one folder: a result links to its meta "href", not to the
    file's path, and a folder per record would cost tens of thousands of mkdir calls."""

    def __init__(self):
        self.template = _template()

    def render(self, record: SearchRecord) -> str:
        return self.template.render(r=_context(record))

    def render_all(self, records: list[SearchRecord]) -> list[str]:
        return [self.render(r) for r in records]

    def write(self, records: list[SearchRecord], folder: Path) -> None:
        for n, text in enumerate(self.render_all(records)):
            (folder / f"r{n:06d}.html").write_text(text, encoding="utf-8")
