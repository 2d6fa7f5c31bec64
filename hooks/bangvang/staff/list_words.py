"""The words of Vietnamese honour lists, as the importer recognises them: folded keys, column
labels, section and closing lines, honorifics before names, words that begin a collective's name.

Everything is compared on `key()`: case, diacritics, đ/d, tone placement (hòa/hoà), NFC/NFD
and punctuation do not matter ("Họ và tên", "HỌ VÀ TÊN", "Ho va ten:" are one label).
"""

from __future__ import annotations

import re

from bangvang.text import fold, nfc


def key(text: str) -> str:
    """Matching key: folded, punctuation and runs of spaces ignored."""
    return " ".join(re.sub(r"[^\w]+", " ", fold(nfc(str(text)))).replace("_", " ").split())


# ---------------------------------------------------------------------------------------------
# Column labels (folded). A label may add words after them: "Họ và tên (ghi đầy đủ)".
# ---------------------------------------------------------------------------------------------

COLUMN_WORDS: dict[str, tuple[str, ...]] = {
    "stt": ("so thu tu", "so tt", "stt", "tt"),
    "mixed_name": (
        "ten tap the ca nhan",
        "tap the ca nhan",
        "ten tap the va ca nhan",
        "ho ten tap the ca nhan",
        "ho va ten tap the ca nhan",
        "ten don vi ca nhan",
        "don vi ca nhan",
        "ten tap the ho va ten",
        "ho va ten ten tap the",
        "tap the ho gia dinh ca nhan",
        "ten tap the ho gia dinh ca nhan",
    ),
    "person_name": ("ho va ten", "ho ten", "ten ca nhan", "ho va ten ca nhan", "ho ten ca nhan"),
    "household_name": ("ten ho gia dinh", "ho gia dinh", "chu ho"),
    "unit_name": (
        "ten tap the",
        "ten don vi",
        "tap the",
        "don vi duoc khen",
        "ten co quan don vi",
        "ten tap the duoc khen",
    ),
    "position_unit": (
        "chuc vu don vi cong tac",
        "chuc vu noi cong tac",
        "chuc vu don vi",
        "chuc danh don vi",
        "chuc vu co quan don vi",
        "chuc vu chuc danh don vi",
        "chuc danh noi cong tac",
        "chuc vu va don vi cong tac",
        "chuc vu va noi cong tac",
        "chuc danh don vi cong tac",
    ),
    "position": ("chuc vu", "chuc danh", "chuc vu chuc danh", "nghe nghiep chuc vu"),
    "unit": ("don vi cong tac", "noi cong tac", "co quan don vi", "co quan cong tac", "don vi", "co quan"),
    "reason": (
        "thanh tich",
        "ly do",
        "thanh tich dat duoc",
        "noi dung thanh tich",
        "tom tat thanh tich",
        "ly do khen thuong",
        "thanh tich khen thuong",
        "ly do khen",
    ),
    "note": ("ghi chu",),
    "form": ("hinh thuc khen thuong", "hinh thuc khen", "danh hieu", "hinh thuc"),
}
NAME_KINDS = ("mixed_name", "person_name", "unit_name", "household_name")
# Columns never imported because they hold personal data (NĐ 13/2023): named, never echoed.
PRIVATE_WORDS = (
    "ngay sinh",
    "nam sinh",
    "ngay thang nam sinh",
    "que quan",
    "noi sinh",
    "dia chi",
    "noi o",
    "cccd",
    "cmnd",
    "can cuoc",
    "so dinh danh",
    "so dien thoai",
    "dien thoai",
    "email",
    "gioi tinh",
    "nam nu",
    "dan toc",
    "ton giao",
    "so tai khoan",
    "bhxh",
)

_LABELS = sorted(((w, kind) for kind, words in COLUMN_WORDS.items() for w in words), key=lambda x: -len(x[0]))


def column_kind(label: str) -> str | None:
    """The column a header label names (longest known wording first), or None."""
    k = key(label)
    if not k or len(k) > 80:
        return None
    for word, kind in _LABELS:
        if k == word or k.startswith(word + " "):
            return kind
    return None


def is_private_label(label: str) -> bool:
    k = key(label)
    return any(k == w or k.startswith(w + " ") or f" {w}" in f" {k}" for w in PRIVATE_WORDS)


# ---------------------------------------------------------------------------------------------
# Rows inside a list: numbers, section headings, closing line, signatures
# ---------------------------------------------------------------------------------------------

ROMAN = re.compile(r"(?i)^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
# "1", "01", "1.", "1)", "1.2" — the STT of a data row
ROW_NUMBER = re.compile(r"^\d{1,5}(?:\.\d{1,3})*[.)]?$")
# "(1)", "1", "(A)" alone in a cell: a row numbering the columns
COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$")
# a heading's marker at the start of a cell: "I.", "II -", "A)", "1.", "2/", "Phần I:"
SECTION_MARK = re.compile(
    r"^\s*(?:(?:phan|muc)\s+)?([ivxlc]+|[a-z]|\d{1,2})\s*[.):/-]\s*(?=\S)|"
    r"^\s*(?:(?:phan|muc)\s+)([ivxlc]+|\d{1,2})\s+"
)

KIND_WORDS = (("ho gia dinh", "household"), ("gia dinh", "household"), ("tap the", "unit"), ("ca nhan", "person"))
# Headings that group rows without saying their kind ("1. Khối trường học", "Cụm thi đua số 2").
GROUP_WORDS = ("khoi", "cum", "linh vuc", "nhom", "phan")
# The closing line: "Ấn định danh sách có 06 tập thể và 25 cá nhân./.", "Tổng cộng: 31".
CLOSING_WORDS = (
    "an dinh danh sach",
    "tong cong",
    "tong so",
    "danh sach nay co",
    "danh sach nay gom",
    "danh sach co",
    "danh sach gom",
    "tong danh sach",
    "cong danh sach",
)
COUNT = re.compile(r"(\d{1,6})\s*(tap the|ca nhan|ho gia dinh|ho|nguoi|don vi|dong chi)\b")
COUNT_KIND = {
    "tap the": "unit",
    "don vi": "unit",
    "ca nhan": "person",
    "nguoi": "person",
    "dong chi": "person",
    "ho gia dinh": "household",
    "ho": "household",
}
# Lines of the signature block and the document's foot ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH").
END_WORDS = (
    "tm ",
    "t m ",
    "kt ",
    "k t ",
    "chu tich",
    "pho chu tich",
    "giam doc",
    "pho giam doc",
    "nguoi lap",
    "noi nhan",
    "da ky",
    "truong phong",
    "thu truong",
    "xac nhan",
    "ky ghi ro",
    "ky ten",
    "con dau",
    "luu vt",
    "luu van thu",
    "nguoi ky",
)
DATE_LINE = re.compile(r"\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}\b")


def is_roman_or_letter(text: str) -> bool:
    """A section marker in the STT column: "I", "II.", "A", "B)" (capitals), or "a)", "b." (a
    small letter needs its punctuation: a bare "x" is a typing slip, not a heading)."""
    raw = text.strip()
    t = raw.rstrip(".):-/").strip()
    if not t or not t.isascii() or not t.isalpha():
        return False
    if t.isupper():
        return bool(ROMAN.match(t)) or len(t) == 1
    return len(t) == 1 and t != raw


def split_mark(text: str) -> tuple[str, str | None]:
    """("tap the 06 tap the", "i") for "I. TẬP THỂ (06 tập thể)": a heading's marker apart, the
    rest as a key. Without punctuation only a Roman numeral before a heading word counts."""
    folded = fold(nfc(str(text))).strip()
    m = SECTION_MARK.match(folded)
    if m:
        return key(folded[m.end() :]), (m.group(1) or m.group(2))
    words = key(text).split()
    if len(words) > 1 and ROMAN.match(words[0]):
        rest = " ".join(words[1:])
        if any(rest.startswith(w) for w, _ in KIND_WORDS) or rest.split()[0] in GROUP_WORDS:
            return rest, words[0]
    return key(text), None


_MARK_AS_WRITTEN = re.compile(
    r"^\s*(?:(?:phần|mục)\s+)?([IVXLCivxlc]+|[A-Za-z]|\d{1,2})\s*[.):/-]\s*(?=\S)", re.IGNORECASE
)
# Words of a heading that name no one: "CÁ NHÂN ĐƯỢC TẶNG BẰNG KHEN (25 cá nhân)".
_FILLER = {
    "va",
    "duoc",
    "khen",
    "thuong",
    "tang",
    "danh",
    "sach",
    "cac",
    "gom",
    "co",
    "bang",
    "giay",
    "thuoc",
    "de",
    "nghi",
    "cong",
    "nhan",
    "dat",
    "hieu",
    "so",
    "luong",
    "tong",
    "xuat",
    "sac",
    "tieu",
    "bieu",
    "nam",
}


def mark_as_written(text: str) -> str | None:
    """The marker of a heading with its case ("II" in "II. CÁ NHÂN"), or None."""
    m = _MARK_AS_WRITTEN.match(text)
    if m:
        return m.group(1)
    _rest, folded_mark = split_mark(text)
    if folded_mark is not None:
        first = text.split()[0]
        return first if key(first) == folded_mark else folded_mark
    return None


def heading_text(title: str) -> str:
    """A heading as written without its marker and counts: "1. Trường THCS X (05)" → "Trường THCS X"."""
    text = _MARK_AS_WRITTEN.sub("", title, count=1)
    text = re.sub(r"\([^()]*\)", " ", text)
    return " ".join(text.split()).strip(" :.-")


def is_heading_text(text: str) -> bool:
    """A line that heads a part of the list rather than naming a recipient: "TẬP THỂ",
    "II. CÁ NHÂN (25 cá nhân)", "Khối trường học"; not "Tập thể lớp 9A"."""
    rest, mark = split_mark(text)
    words = rest.split()
    if not words:
        return mark is not None
    if words[0] in GROUP_WORDS:
        return True
    if heading_kind(text) is None:
        return False
    for phrase, _kind in KIND_WORDS:
        rest = re.sub(rf"(^| ){phrase}( |$)", " ", rest)
    rest = COUNT.sub(" ", rest)
    remaining = [w for w in rest.split() if w not in _FILLER and not w.isdigit()]
    return not remaining or remaining[0] in GROUP_WORDS


def heading_kind(text: str) -> str | None:
    """unit, person, household or mixed for a heading that names what follows, else None."""
    words, _ = split_mark(text)
    found = []
    for phrase, kind in KIND_WORDS:
        if re.search(rf"(^| ){phrase}( |$)", words) and kind not in found:
            found.append(kind)
            words = re.sub(rf"(^| ){phrase}( |$)", " ", words)
    if "unit" in found and "person" in found:
        return "mixed"
    return found[0] if found else None


def counts_in(text: str, default_kind: str | None = None) -> dict[str, int]:
    """{"unit": 6, "person": 25} from "(06 tập thể và 25 cá nhân)"; "(06)" counts default_kind."""
    words = key(text)
    counts: dict[str, int] = {}
    for number, noun in COUNT.findall(words):
        kind = COUNT_KIND[noun]
        counts[kind] = counts.get(kind, 0) + int(number)
    if not counts and default_kind in ("unit", "person", "household"):
        m = re.search(r"\(\s*(\d{1,6})\s*\)", text)
        if m:
            counts[default_kind] = int(m[1])
    return counts


def is_closing(text: str) -> bool:
    words = key(text)
    return any(words.startswith(w) or f" {w} " in f" {words} " for w in CLOSING_WORDS[:1]) or (
        any(words.startswith(w) for w in CLOSING_WORDS) and bool(COUNT.search(words))
    )


def is_end_matter(text: str) -> bool:
    """A line of the signature block or the date line of the document."""
    words = key(text) + " "
    return any(words.startswith(w) for w in END_WORDS) or bool(DATE_LINE.search(words))


# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

# Honorifics written before a person's name; longest first. Matched on the exact letters (not
# folded): "Bà" is an honorific, "Bá" is not.
HONORIFICS = ("ông bà", "đồng chí", "đ/c", "đ.c", "đ/ c", "ông", "bà")
_HONORIFIC = re.compile(
    r"^(" + "|".join(re.escape(h) for h in HONORIFICS) + r")(?:\s*[:.]\s*|\s+)(?=\S)", re.IGNORECASE
)


def strip_honorific(name: str) -> tuple[str, str | None]:
    """("Nguyễn Văn A", "Ông") for "Ông Nguyễn Văn A"; the name unchanged and None otherwise."""
    from bangvang.text import unify_tone_style

    m = _HONORIFIC.match(unify_tone_style(name))
    if not m:
        return name, None
    rest = name[m.end() :].strip()
    if not re.search(r"[^\W\d_]", rest):
        return name, None
    return rest, name[: m.end()].strip().rstrip(":.").strip()


# First words of a collective's name, with their marks: "Trường" begins a school, "Trương" is a
# family name; "Tổ" a team, "Tô" a family name. Whole words only.
UNIT_WORDS = (
    "trường",
    "xã",
    "thị trấn",
    "phường",
    "phòng",
    "ubnd",
    "ủy ban",
    "hđnd",
    "hội",
    "hội đồng",
    "công ty",
    "chi bộ",
    "đảng bộ",
    "đảng ủy",
    "trạm",
    "bệnh viện",
    "trung tâm",
    "htx",
    "hợp tác xã",
    "tổ",
    "tổ dân phố",
    "lớp",
    "thôn",
    "làng",
    "xóm",
    "khu dân cư",
    "công an",
    "ban",
    "ban chỉ huy",
    "văn phòng",
    "chi cục",
    "cục",
    "sở",
    "bộ",
    "vụ",
    "tòa án",
    "viện kiểm sát",
    "ngân hàng",
    "liên đoàn",
    "mặt trận",
    "ubmttq",
    "huyện",
    "huyện ủy",
    "huyện đoàn",
    "tỉnh",
    "cơ quan",
    "doanh nghiệp",
    "nhà máy",
    "bưu điện",
    "chi nhánh",
    "câu lạc bộ",
    "clb",
    "đoàn thanh niên",
    "đội",
    "tiểu đoàn",
    "đại đội",
    "thư viện",
    "nhà văn hóa",
    "đài",
    "kho bạc",
    "khoa",
    "khối",
    "ngành",
    "tập thể",
    "ban quản lý",
    "hợp tác",
    "quỹ",
    "điểm trường",
    "nhóm",
)


def marked_key(text: str) -> str:
    """Lower-case words with their marks kept (tone style unified): "Trường" ≠ "Trương"."""
    from bangvang.text import unify_tone_style

    return " ".join(re.sub(r"[^\w]+", " ", unify_tone_style(nfc(str(text))).lower()).replace("_", " ").split())


_UNIT_WORD_KEYS = sorted({marked_key(w) for w in UNIT_WORDS}, key=len, reverse=True)
_UNIT_WORD_FOLDED = sorted({key(w) for w in UNIT_WORDS}, key=len, reverse=True)


def starts_like_unit(name: str) -> str | None:
    """The word a collective's name starts with ("Trường THCS…" → "trường"), or None. A name
    typed without any marks ("Truong THCS…") is compared without them."""
    marked = marked_key(name)
    unmarked = marked == key(name)
    words = (key(name) if unmarked else marked) + " "
    for w in _UNIT_WORD_FOLDED if unmarked else _UNIT_WORD_KEYS:
        if words.startswith(w + " ") and len(words.split()) > len(w.split()):
            return w
    return None
