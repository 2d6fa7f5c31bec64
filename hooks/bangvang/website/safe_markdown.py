"""Markdown fields to safe HTML: no raw HTML, no images from elsewhere, only http(s) links; and
plain text (names, titles) kept out of Markdown altogether.

Markdown fields are rendered within the limits that validation enforces (records/markdown_limits.py),
which keep Python-Markdown's work linear in the text; a text over the limits (never one that
passed validation) is shown as plain paragraphs instead of being rendered. The page heading that
MkDocs reads from each page's stub is made of the title's inert characters only, with its id
given explicitly: a title never reaches Markdown's inline patterns.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3
from markdown.extensions.toc import slugify as toc_slugify

from bangvang.records.markdown_limits import markdown_problems

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}


def _converter() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
    # Raw HTML in a record is shown as text, never as markup.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _converter()


def markdown_to_html(text: str | None) -> str:
    if not text:
        return ""
    if markdown_problems(text):
        return plain_paragraphs(text)
    _MD.reset()
    html_text = _MD.convert(text)
    # Headings inside a record must not outrank the page's own (h1) and sections (h2).
    for level in (1, 2):
        html_text = html_text.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def plain_paragraphs(text: str) -> str:
    """Text shown as written: escaped, one <p> per paragraph (linear, no Markdown)."""
    paragraphs = [p.strip() for p in re.split(r"\n[ \t]*\n", text) if p.strip()]
    return "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)


# ---------------------------------------------------------------------------------------------
# Page titles: plain text, never Markdown
# ---------------------------------------------------------------------------------------------

# Characters that start Markdown syntax in a heading line (emphasis, code, links, escapes,
# entities, attribute lists, the heading's closing marks, table pipes).
_ACTIVE = re.compile(r"[\\`*_\[\]!<>&#{}|~^]+")


MAX_ID_CHARS = 120


def heading_id(title: str) -> str:
    """The id of a page's h1: a slug of the title as plain text (what Python-Markdown's toc
    extension gives a plain title), without `_` (emphasis to Markdown) and at most MAX_ID_CHARS
    long. The stub's heading carries it explicitly."""
    text = html.escape(" ".join(str(title).split()), quote=True)
    slug = re.sub(r"[-_]+", "-", toc_slugify(text, "-")).strip("-")
    if len(slug) > MAX_ID_CHARS:
        slug = slug[:MAX_ID_CHARS].rsplit("-", 1)[0] or slug[:MAX_ID_CHARS]
    return slug or "noi-dung"


def stub_heading(title: str) -> str:
    """The stub's `# heading` line: the title's inert characters and its id (`{#id}`, attr_list),
    so Markdown sees no syntax in it whatever the title holds; the page shows our own h1."""
    text = " ".join(_ACTIVE.sub(" ", " ".join(str(title).split())).split()) or "Nội dung"
    return f"# {text} {{#{heading_id(title)}}}\n"
