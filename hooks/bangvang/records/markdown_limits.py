"""Limits on Markdown fields that keep rendering linear in the size of the text.

Python-Markdown is fast on prose but slow on some inputs: a paragraph's inline patterns are
matched again from its start after every match, a `[` with no closing `]` is followed to the end
of the paragraph, a run of backticks is tried against every later run (time grows with the cube
of its length), and nested lists and quotes recurse once per level (600 levels end in a
RecursionError). A record's text never needs any of that, so validation refuses it with its
place and the limit: a field's length, lists and quotes nested deeper than MAX_NESTING, more than
a few dozen of a Markdown mark in one paragraph, long runs of backticks or `#`. Under these
limits the work per character is bounded, whatever the text (scripts/bench_hostile.py measures
it; tests/test_fuzz.py checks it).

The scan itself is linear: one pass over the lines, and one count per mark and paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 50_000  # one Markdown field: a report section of twenty pages
MAX_NESTING = 8  # lists and quotes inside one another (4 spaces of indentation count as one level)

# At most this many of a Markdown mark in one paragraph (text between blank lines), with what it
# is for, so the message can say what to cut. Prose uses a handful; every `[` costs a scan of the
# rest of its paragraph, and every other mark one more pass of the paragraph's patterns.
PER_PARAGRAPH = (
    ("[", 16, "dấu '['", "liên kết, ảnh"),
    ("`", 32, "dấu '`'", "mã"),
    ("*", 200, "dấu '*'", "chữ đậm, nghiêng"),
    ("_", 200, "dấu '_'", "chữ đậm, nghiêng"),
    ("<", 64, "dấu '<'", "liên kết <https://…>"),
    ("&", 200, "dấu '&'", "ký hiệu &…;"),
    ("\\", 200, "dấu '\\'", "ký tự thoát"),
    ("  \n", 100, "dòng kết thúc bằng hai dấu cách", "xuống dòng giữ nguyên"),
)
# Longest run of one mark (a longer one is never formatting): backticks, heading marks.
MAX_RUN = {"`": 3, "#": 6}

_BLANK = re.compile(r"[ \t]*")
# One level of nesting at the start of a line: a quote mark or a list marker.
_LEVEL = re.compile(r"[ \t]*(?:>|[-*+](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))")
_RUNS = {mark: re.compile(f"{re.escape(mark)}{{{limit + 1},}}") for mark, limit in MAX_RUN.items()}


@dataclass(frozen=True)
class MarkdownProblem:
    offset: int  # where in the text (character index), to place the message in the file
    message: str  # Vietnamese, naming the limit and the fix


def markdown_problems(text: str) -> list[MarkdownProblem]:
    """Every way a Markdown text exceeds the limits (the first one of each kind), in text order."""
    if len(text) > MAX_CHARS:
        return [
            MarkdownProblem(
                MAX_CHARS,
                f"nội dung Markdown dài {_n(len(text))} ký tự, tối đa {_n(MAX_CHARS)}; "
                "tách thành nhiều mục hoặc rút gọn",
            )
        ]
    problems: list[MarkdownProblem] = []
    nesting = runs = False
    counted: set[str] = set()
    paragraph_start = 0
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        blank = _BLANK.fullmatch(line) is not None
        if not nesting and not blank and _depth(line) > MAX_NESTING:
            nesting = True
            problems.append(
                MarkdownProblem(
                    offset,
                    "danh sách, trích dẫn hoặc thụt lề lồng nhau quá sâu "
                    f"(tối đa {MAX_NESTING} cấp); bớt cấp lồng nhau",
                )
            )
        if blank or number == len(lines) - 1:
            end = offset + len(line) + (0 if blank else 1)
            _check_paragraph(text, paragraph_start, end, counted, problems)
            paragraph_start = end
        offset += len(line) + 1
    for mark, pattern in _RUNS.items():
        match = pattern.search(text)
        if match and not runs:
            runs = True
            problems.append(
                MarkdownProblem(
                    match.start(),
                    f"{len(match.group())} dấu '{mark}' liền nhau, tối đa {MAX_RUN[mark]}; bớt dấu '{mark}'",
                )
            )
    return sorted(problems, key=lambda p: p.offset)


def _check_paragraph(text: str, start: int, end: int, counted: set[str], problems: list[MarkdownProblem]) -> None:
    for mark, limit, name, use in PER_PARAGRAPH:
        if mark in counted:
            continue
        count = text.count(mark, start, end)
        if count > limit:
            counted.add(mark)
            at = start
            for _ in range(limit + 1):
                at = text.index(mark, at) + 1
            problems.append(
                MarkdownProblem(
                    at - 1,
                    f"một đoạn có {count} {name} "
                    f"(dùng cho {use}); tối đa {limit} trong một đoạn: "
                    "tách đoạn bằng một dòng trống, hoặc bớt dấu",
                )
            )


def _depth(line: str) -> int:
    """Nesting level of a line: its indentation in steps of 4 columns, plus quote and list marks."""
    indent = len(line) - len(line.lstrip(" \t"))
    columns = len(line[:indent].expandtabs(4))
    levels, pos = 0, 0
    while levels <= MAX_NESTING:
        match = _LEVEL.match(line, pos)
        if match is None or match.end() == pos:
            break
        levels, pos = levels + 1, match.end()
    return columns // 4 + levels


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")
