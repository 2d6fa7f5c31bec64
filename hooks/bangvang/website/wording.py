"""The words the site counts and reports with, defined once: what a tally says, what "lượt" means,
how a proposal is worded, which honours overlap. Pages, the feed and the search index use these,
so a count word means the same thing everywhere."""

from __future__ import annotations

import re

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.text import format_number
from bangvang.urls import section_url
from bangvang.website.index import RECIPIENT_KEYS

# A recipient kind in running text ("3 tập thể, 28 cá nhân").
KIND_WORDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}

# The one place "lượt" is defined (the awards index); totals across several forms link here.
COUNT_ANCHOR = "cach-dem"
COUNT_URL = section_url("awards") + "#" + COUNT_ANCHOR
COUNT_DEFINITION = (
    "Mỗi khen thưởng ghi số tập thể, cá nhân được tặng danh hiệu hoặc hình thức đó. Khi cộng nhiều "
    "danh hiệu, hình thức với nhau, kết quả là số lượt: một lượt là một tập thể hoặc một cá nhân "
    "nhận một danh hiệu hay hình thức khen thưởng. Người nhận hai danh hiệu trong cùng năm được tính "
    "hai lượt, nên số lượt có thể lớn hơn số người. Đề nghị gửi cấp trên chưa phải là khen thưởng và "
    "không được tính."
)

PROPOSAL_TAG = "Đề nghị — chưa có quyết định"
NO_DECISION = "Chưa ghi số quyết định"
NAMES_MISSING = "danh sách tên chưa được nhập"

# Honours that by law are given only to holders of another one in the same year, so one person
# is counted under both: (the higher title, the title it requires). Luật Thi đua, khen thưởng
# 2003 Điều 23 and 2022 Điều 23: "Chiến sĩ thi đua cơ sở" requires "Lao động tiên tiến".
INCLUDED_IN = (("chien-si-thi-dua-co-so", "lao-dong-tien-tien"),)


def tally_text(tally: dict[str, int], empty: str = "—") -> str:
    """'3 tập thể, 28 cá nhân': the kinds with a number, in a fixed order."""
    parts = [f"{format_number(tally[k])} {KIND_WORDS[k]}" for k in RECIPIENT_KEYS if tally.get(k)]
    return ", ".join(parts) if parts else empty


def turns_text(tally: dict[str, int], empty: str = "—") -> str:
    """'257 lượt tập thể, 2.101 lượt cá nhân': a total over several forms (see COUNT_DEFINITION)."""
    parts = [f"{format_number(tally[k])} lượt {KIND_WORDS[k]}" for k in RECIPIENT_KEYS if tally.get(k)]
    return ", ".join(parts) if parts else empty


def form_phrase(entry: Record | dict) -> str:
    """How a form is named after a verb: 'danh hiệu “Lao động tiên tiến”', 'Bằng khen của …'."""
    if entry.get("category") == "danh_hieu_thi_dua":
        return f"danh hiệu “{entry['name']}”"
    return entry["name"]


def proposal_sentence(proposer: str, issuer: str | None, entry: Record | dict, tally: dict[str, int]) -> str:
    """What happened, in the words of the reports: 'UBND huyện Gia Lộc đề nghị UBND tỉnh Hải Dương
    tặng Bằng khen của Chủ tịch UBND tỉnh cho 5 tập thể, 8 cá nhân; chưa có quyết định.'"""
    whom = tally_text(tally, empty="")
    to = f" {issuer}" if issuer else " cấp trên"
    return (
        f"{proposer} đề nghị{to} tặng {form_phrase(entry)}"
        + (f" cho {whom}" if whom else "")
        + "; chưa có quyết định khen thưởng."
    )


def level_label(level: str) -> str:
    """'Trung ương', 'Tỉnh', 'Huyện' … (the vocabulary's level: who confers the form)."""
    return s.AWARD_LEVELS.label(level)


def level_heading(level: str) -> str:
    """'Cấp Trung ương', 'Cấp tỉnh', 'Cấp cơ quan, đơn vị'."""
    label = level_label(level)
    return "Cấp " + (label if level == "trung_uong" else label[0].lower() + label[1:])


_REASON_LEAD = re.compile(
    r"^có thành tích(?: (?:tiêu biểu|xuất sắc|tiêu biểu, xuất sắc|xuất sắc, tiêu biểu))?"
    r"(?: (?:trong|về))?(?: (?:thực hiện|công tác))?\s+",
    re.IGNORECASE,
)


def purpose_from_reason(reason: str) -> str:
    """What an award was for, from its reason, as a title part: 'Có thành tích xuất sắc trong
    hoạt động của HĐND …' → 'Hoạt động của HĐND …'; the reason as written when nothing is left."""
    text = " ".join(reason.split()).rstrip(".")
    rest = _REASON_LEAD.sub("", text, count=1)
    if rest != text and len(rest.split()) >= 3:
        return rest[0].upper() + rest[1:]
    return text


def sentence_case(heading: str, known: dict[str, str]) -> str:
    """A heading typed in capitals ('II. KẾT QUẢ CÁC PHONG TRÀO THI ĐUA NĂM 2021') in Vietnamese
    sentence case ('II. Kết quả các phong trào thi đua năm 2021'). `known` maps lower-case names
    and words to how the text around writes them ('gia lộc' → 'Gia Lộc', 'ubnd' → 'UBND'):
    proper names and abbreviations keep their capitals. Headings not in capitals are kept."""
    letters = [c for c in heading if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return heading
    m = re.match(r"^((?:[IVXLC]+|\d+(?:\.\d+)*|[A-Z])[.)]\s+)?(.*)$", heading, re.S)
    assert m is not None  # the pattern matches any text
    number, text = m.group(1) or "", m.group(2).lower()
    if known:
        phrases = sorted(known, key=len, reverse=True)
        pattern = re.compile(r"(?<!\w)(" + "|".join(re.escape(p) for p in phrases) + r")(?!\w)")
        text = pattern.sub(lambda found: known[found.group(1)], text)
    first = next((i for i, c in enumerate(text) if c.isalpha()), None)
    if first is not None:
        text = text[:first] + text[first].upper() + text[first + 1 :]
    return number + text


_WORD = re.compile(r"\w+")
_SENTENCE_START = ".:;!?-–—*#(“\"\n"


def casing_of_words(texts: list[str]) -> dict[str, str]:
    """From running text, the names and abbreviations always written with capitals: lower-case
    form → the form used. Runs of capitalised words ('Gia Lộc', 'Hồ Chí Minh') are kept as
    names; a single word only when it is never written otherwise ('UBND'). The first word of a
    sentence proves nothing and is left out of a run."""
    phrases: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    for text in texts:
        run: list[str] = []
        prev_end = -1
        found = list(_WORD.finditer(text))
        for i, m in enumerate(found):
            word = m.group(0)
            before = text[: m.start()].rstrip()
            start = not before or before[-1] in _SENTENCE_START
            capital = word[0].isalpha() and word[0].isupper() and not start
            if capital and run and text[prev_end : m.start()] == " ":
                run.append(word)
            else:
                _keep_run(run, phrases)
                run = [word] if capital else []
            prev_end = m.end()
            if word[0].isdigit():
                continue
            if word.isupper() and len(word) > 1:
                # an abbreviation ("UBND") stands in lower-case text; a word of a line in capitals does not
                near = [found[j].group(0) for j in (i - 1, i + 1) if 0 <= j < len(found)]
                if any(n.isupper() and len(n) > 1 for n in near):
                    continue
                words.setdefault(word.lower(), set()).add(word)
            elif not start:
                words.setdefault(word.lower(), set()).add(word)
        _keep_run(run, phrases)
    known = {lower: next(iter(forms)) for lower, forms in phrases.items() if len(forms) == 1}
    for lower, forms in words.items():
        if len(forms) == 1 and lower not in forms:
            known.setdefault(lower, next(iter(forms)))
    return known


def _keep_run(run: list[str], phrases: dict[str, set[str]]) -> None:
    """A run of two or more capitalised words is a name, unless it is a line typed in capitals."""
    if len(run) >= 2 and not all(word.isupper() for word in run):
        phrase = " ".join(run)
        phrases.setdefault(phrase.lower(), set()).add(phrase)


def overlap_sentence(higher: tuple[str, int], base: tuple[str, int], campaign: str | None = None) -> str:
    """'Trong phong trào “…”, 32 cá nhân được tặng danh hiệu “Chiến sĩ thi đua cơ sở” cũng nằm trong
    số 171 cá nhân đạt danh hiệu “Lao động tiên tiến” …, nên được tính ở cả hai danh hiệu.'"""
    (higher_name, n), (base_name, m) = higher, base
    where = f"Trong phong trào “{campaign}”, " if campaign else ""
    sentence = (
        f"{where}{format_number(n)} cá nhân được tặng danh hiệu “{higher_name}” cũng nằm trong số "
        f"{format_number(m)} cá nhân đạt danh hiệu “{base_name}” (theo Luật Thi đua, khen thưởng, chỉ "
        f"người đạt “{base_name}” mới được xét “{higher_name}”), nên được tính ở cả hai danh hiệu."
    )
    return sentence[0].upper() + sentence[1:]
