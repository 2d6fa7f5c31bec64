"""Which characters a record may hold: no control characters, no hidden line breaks, no bidi
overrides, no invisible format characters, and no text made of invisible characters only.

A record file is read by people in an editor and by machines (YAML, XML feeds, spreadsheets,
browsers); a character that one of them shows differently from the others (a line break the
editor does not show, text the browser draws reversed, a name nobody can see) is refused with
its exact place, so that what staff see is what is published.
"""

from __future__ import annotations

import re
import unicodedata

# Line breaks for YAML that editors do not show as such: line numbers after them would differ.
HIDDEN_LINE_BREAKS = "\x85\u2028\u2029"
# Unicode's Bidi_Control characters: they make a browser draw text in another order than stored.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Format characters that only hide or glue text (zero-width space, word joiner, invisible
# operators, byte order mark, interlinear annotations, Mongolian vowel separator). Soft hyphen
# and zero-width (non-)joiner are allowed inside text: word processors and emoji use them.
INVISIBLE_FORMAT = "\u180e\u200b\u2060\u2061\u2062\u2063\u2064\ufeff\ufff9\ufffa\ufffb"

_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
_TAGS = "\U000e0000-\U000e007f"

# Refused anywhere in a record file, as written (tab, LF and CR are the file's own layout).
_REFUSED_IN_FILE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
    + HIDDEN_LINE_BREAKS[1:]
    + BIDI_CONTROLS
    + INVISIBLE_FORMAT
    + _NONCHARACTERS
    + _TAGS
    + "]"
)
# Refused in a value, however written (a YAML escape such as "\0", "\e", "\x85", "\u202e").
_REFUSED_IN_VALUE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    + HIDDEN_LINE_BREAKS[1:]
    + BIDI_CONTROLS
    + INVISIBLE_FORMAT
    + _NONCHARACTERS
    + _TAGS
    + "\ud800-\udfff]"
)

# Characters that draw nothing, beyond the whitespace, format and combining categories.
_BLANK_LETTERS = set("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5")
_INVISIBLE_CATEGORIES = {"Cc", "Cf", "Cs", "Zs", "Zl", "Zp", "Mn", "Me"}
_LINE_BREAK = re.compile(r"\r\n?|\n")
MAX_REPORTED = 20  # per file: the first few show what to fix


def describe(char: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)': how a message names a character nobody can see."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def problem_with(char: str) -> str:
    """What is wrong with a refused character, and the fix, in Vietnamese."""
    code = describe(char)
    if char in HIDDEN_LINE_BREAKS:
        return (
            f"ký tự ngắt dòng ẩn {code}: trình soạn thảo không hiện nó là xuống dòng nhưng YAML thì có, "
            "nên số dòng bị lệch; xóa ký tự này (xuống dòng bằng phím Enter)"
        )
    if char in BIDI_CONTROLS:
        return f"ký tự điều khiển hướng chữ {code} làm chữ hiển thị sai thứ tự (đảo ngược); xóa ký tự này"
    if char in INVISIBLE_FORMAT or 0xE0000 <= ord(char) <= 0xE007F:
        return f"ký tự vô hình {code} không được phép; xóa ký tự này"
    if 0xD800 <= ord(char) <= 0xDFFF or unicodedata.category(char) == "Cn":
        return f"mã ký tự {code} không phải một ký tự hợp lệ; xóa nó"
    return f"ký tự điều khiển {code} không được phép; xóa ký tự này"


def refused_in_file(text: str) -> list[tuple[int, int, str]]:
    """(line, column, message) of each refused character of a file's text (the first few), with
    lines counted as an editor counts them (LF, CRLF or CR)."""
    found = []
    line, line_start, scanned = 1, 0, 0
    for match in _REFUSED_IN_FILE.finditer(text):
        pos = match.start()
        for brk in _LINE_BREAK.finditer(text, scanned, pos):
            line, line_start = line + 1, brk.end()
        scanned = pos
        found.append((line, pos - line_start + 1, problem_with(match.group())))
        if len(found) >= MAX_REPORTED:
            break
    return found


def refused_in_value(text: str) -> str | None:
    """The problem with the first refused character of a value (written as a YAML escape), or None."""
    match = _REFUSED_IN_VALUE.search(text)
    if match is None:
        return None
    return problem_with(match.group()) + " (trong chuỗi có mã thoát '\\')"


def cleaned(text: str) -> str:
    """The text with each refused character replaced by U+FFFD (a message may then quote it)."""
    return _REFUSED_IN_VALUE.sub("\ufffd", text)


def is_visible(char: str) -> bool:
    return not (char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES)


def has_visible(text: str) -> bool:
    """Whether a text shows anything: not only spaces, joiners, fillers or combining marks."""
    return any(is_visible(char) for char in text)
