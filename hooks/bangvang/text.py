"""Vietnamese text: normalisation, folding, slugs, collation keys and display formats.

One folding function serves search, slugs, sort keys and name matching, so that "Đoàn",
"doan", "ĐOÀN" and an NFD "Đoàn" are the same word everywhere.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import unicodedata

from babel.numbers import format_decimal

# ---------------------------------------------------------------------------------------------
# Normalisation and folding
# ---------------------------------------------------------------------------------------------


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_STROKE_D = str.maketrans({"đ": "d", "Đ": "D"})


def fold(text: str) -> str:
    """Lower-case ASCII-ish key: no tone or vowel marks, đ → d, NFC/NFD and tone style ignored."""
    # Words and names repeat across thousands of pages and search records: remember short ones.
    return _fold_short(text) if len(text) <= 64 else _fold(text)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKE_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_STROKE_D).casefold()


_fold_short = functools.lru_cache(maxsize=1 << 16)(_fold)


# Old-style tone placement (hòa, thủy) and new style (hoà, thuỷ) render the same word; NFC keeps
# them apart. Moving the tone to one canonical vowel lets exact comparisons ignore the style.
_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
_MOVABLE_PAIRS = ("oa", "oe", "uy")


def unify_tone_style(text: str) -> str:
    """Rewrite "oà/uỳ/oẻ" style syllables to the old style ("òa/ùy/òe"), case kept, NFC out."""
    out = []
    for word in re.split(r"(\W+)", nfc(text)):
        out.append(_unify_word(word))
    return "".join(out)


def _unify_word(word: str) -> str:
    base = fold(word)
    for pair in _MOVABLE_PAIRS:
        pos = base.find(pair)
        # Only the final "oa/oe/uy" of a syllable moves ("hoàn" keeps its tone on "a").
        if pos < 0 or pos + 2 != len(base) or len(word) != len(base):
            continue
        decomposed = [unicodedata.normalize("NFD", ch) for ch in word]
        second = decomposed[pos + 1]
        tone = [m for m in second if m in _TONE_MARKS]
        if not tone:
            continue
        decomposed[pos + 1] = "".join(m for m in second if m not in _TONE_MARKS)
        decomposed[pos] = decomposed[pos] + tone[0]
        return nfc("".join(decomposed))
    return word


# ---------------------------------------------------------------------------------------------
# Slugs
# ---------------------------------------------------------------------------------------------

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def slugify(text: str) -> str:
    """ "Xã Đoàn Thượng" → "xa-doan-thuong"."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def is_slug(text: str) -> bool:
    return bool(SLUG_RE.match(text))


# ---------------------------------------------------------------------------------------------
# Collation: syllable by syllable, letters (a ă â b c d đ e ê …) then tone
# ---------------------------------------------------------------------------------------------

_ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_LETTER_RANK = {ch: i for i, ch in enumerate(_ALPHABET)}
# CLDR order: ngang < huyền < hỏi < ngã < sắc < nặng.
_TONE_RANK = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _syllable_key(syllable: str) -> tuple:
    letters: list[int] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", syllable.casefold()):
        if ch in _TONE_RANK:
            tone = _TONE_RANK[ch]
        elif unicodedata.combining(ch) and letters:
            # breve, circumflex, horn make a new letter of the previous base letter
            prev = _ALPHABET[letters[-1]] if letters[-1] < len(_ALPHABET) else ""
            composed = nfc(prev + ch) if prev else ""
            if composed in _LETTER_RANK:
                letters[-1] = _LETTER_RANK[composed]
        elif ch in _LETTER_RANK:
            letters.append(_LETTER_RANK[ch])
        elif ch.isdecimal():  # (not isdigit: "²" is a digit that int() refuses)
            letters.append(-10 + int(ch))  # digits before letters
        elif ch.isalnum():
            letters.append(100 + ord(ch))
    return (tuple(letters), tone)


def sort_key(text: str) -> tuple:
    """Dictionary order: "ba lô" < "bà" < "bà con" < "bả" < "bã" < "bá" < "bạ" < "bác"."""
    syllables = [s for s in re.split(r"[\s\-–,.()/]+", nfc(text)) if s]
    return (tuple(_syllable_key(s) for s in syllables), text)


def person_sort_key(name: str, given_name: str | None = None) -> tuple:
    """Given name first, then family and middle name ("Nguyễn Thị Hoa" sorts under Hoa)."""
    words = nfc(name).split()
    given = nfc(given_name) if given_name else (words[-1] if words else "")
    rest = " ".join(words[:-1]) if not given_name else nfc(name).replace(given, "", 1)
    return (sort_key(given)[0], sort_key(rest)[0], name)


def initial_letter(word: str) -> str:
    """The letter a name is listed under: "Ánh" → A, "Ấn" → Â, "Đạt" → Đ (tone dropped, letter kept)."""
    first = unicodedata.normalize("NFD", word[:1].upper())
    return nfc("".join(ch for ch in first if ch not in _TONE_MARKS))


# ---------------------------------------------------------------------------------------------
# Display formats (CLDR vi): 1.356 · 95,12% · 150.514 m² · 15/01/2021
# ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192, typed=True)  # Babel takes ~0.1 ms a call; pages repeat small numbers
def format_number(value: int | float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return format_decimal(value, locale="vi")


def format_quantity(value: int | float, unit: str | None = None) -> str:
    number = format_number(value)
    if not unit:
        return number
    return f"{number}{unit}" if unit == "%" else f"{number} {unit}"


def format_date(value: _dt.date | str | int | None) -> str:
    if isinstance(value, _dt.date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def guess_date(text: str) -> _dt.date | None:
    """The real day a date in another spelling most likely means (15.3.2022, 15-03-2022, 2022/3/15,
    15/3/22 is not guessed: the century is unknown); None when there is no single reading."""
    text = text.strip()
    sep = r"(?:[ ]?[.\-][ ]?|[ ])"  # one separator, at most one space around it: no backtracking
    m = re.fullmatch(rf"(\d{{1,2}}){sep}(\d{{1,2}}){sep}(\d{{4}})", text)
    if m:
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    else:
        m = re.fullmatch(r"(\d{4}) ?[./] ?(\d{1,2}) ?[./] ?(\d{1,2})", text) or re.fullmatch(
            r"(\d{4})-(\d{1,2})-(\d{1,2})", text
        )
        if not m:
            return None
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def parse_date(text: str) -> _dt.date | None:
    """YYYY-MM-DD or DD/MM/YYYY (also D/M/YYYY); None when it is no real day."""
    text = text.strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
        if not m:
            return None
        day, month, year = int(m[1]), int(m[2]), int(m[3])
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None
