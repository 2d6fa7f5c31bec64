"""Markdown fields as the words a reader reads: marks, link targets and list bullets dropped.

Search records are made from the data, so a field written in Markdown (summaries, report
sections, the staff guide) is reduced here to its words, on one line, without rendering it.
"""

from __future__ import annotations

import re

from bangvang.text import nfc

_FENCE = re.compile(r"^(```|~~~).*?^\1[^\n]*$", re.M | re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]*)\]\[[^\]]*\]")
_ATTRS = re.compile(r"\s*\{[#.][^}]*\}")  # attr_list: "## Title {#id}"
_LINE_MARKS = re.compile(r"^\s*(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+|\|)", re.M)
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$|^\s*\|?\s*:?-{3,}.*$", re.M)
_EMPHASIS = re.compile(r"(\*\*|__|\*|`)")
_PIPES = re.compile(r"\s*\|\s*")


def markdown_text(text: str | None) -> str:
    """'**Kết quả**: xem [báo cáo](x.md)' -> 'Kết quả: xem báo cáo'."""
    if not text:
        return ""
    text = _FENCE.sub(" ", str(text))
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _REF_LINK.sub(r"\1", text)
    text = _ATTRS.sub("", text)
    text = _RULE.sub(" ", text)
    text = _LINE_MARKS.sub(" ", text)
    text = _EMPHASIS.sub("", text)
    text = _PIPES.sub(" · ", text)
    return nfc(" ".join(text.split())).strip(" ·")


def join(*parts: str | None, sep: str = " · ") -> str:
    """Non-empty parts on one line."""
    return sep.join(" ".join(str(p).split()) for p in parts if p and str(p).strip())
