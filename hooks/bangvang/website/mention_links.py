"""Links in the text of our own records: where a report names a campaign, a document number or a
form of award that has a page, the first mention in each section links to it.

Works on the HTML that safe_markdown made from a record (sanitised, so its markup is ours) and
changes text nodes only: never inside a tag, an existing link or code.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

_TAG = re.compile(r"(<[^>]*>)")
_NO_LINK_INSIDE = ("a", "code", "pre")


@dataclass(frozen=True)
class Mention:
    phrase: str  # as written in the text (matched ignoring case)
    url: str  # the page it links to, relative to the site's root
    title: str = ""  # what the link leads to, when the phrase alone does not say


class MentionLinker:
    def __init__(self, mentions: list[Mention]):
        by_phrase: dict[str, Mention] = {}
        for mention in mentions:
            phrase = " ".join(mention.phrase.split())
            if len(phrase) >= 4:
                by_phrase.setdefault(html.escape(phrase, quote=False).casefold(), mention)
        self._mentions = by_phrase
        # Longest first, so "Tập thể lao động tiên tiến" wins over "Lao động tiên tiến".
        alternatives = sorted(by_phrase, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w/-])(" + "|".join(re.escape(p) for p in alternatives) + r")(?![\w/-])", re.IGNORECASE)
            if alternatives
            else None
        )

    def __call__(self, fragment: str, link: Callable[[str], str], seen: set[str] | None = None) -> str:
        """The fragment with its first mention of each target linked (targets in `seen` are
        skipped and added: pass one set per section)."""
        if self._pattern is None or not fragment:
            return fragment
        seen = set() if seen is None else seen
        out: list[str] = []
        depth = {name: 0 for name in _NO_LINK_INSIDE}
        for piece in _TAG.split(fragment):
            if piece.startswith("<"):
                m = re.match(r"<(/?)([a-zA-Z0-9]+)", piece)
                if m and m.group(2).lower() in depth:
                    depth[m.group(2).lower()] += -1 if m.group(1) else 1
                out.append(piece)
                continue
            if any(depth.values()) or not piece.strip():
                out.append(piece)
                continue
            out.append(self._pattern.sub(lambda m: self._link(m, link, seen), piece))
        return "".join(out)

    def _link(self, match: re.Match, link: Callable[[str], str], seen: set[str]) -> str:
        mention = self._mentions.get(match.group(1).casefold())
        if mention is None or mention.url in seen:
            return match.group(0)
        seen.add(mention.url)
        title = f' title="{html.escape(mention.title)}"' if mention.title else ""
        return f'<a href="{html.escape(link(mention.url))}"{title}>{match.group(1)}</a>'
