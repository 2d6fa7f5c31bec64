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
    "không được tính.")

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
    return (f"{proposer} đề nghị{to} tặng {form_phrase(entry)}"
            + (f" cho {whom}" if whom else "") + "; chưa có quyết định khen thưởng.")


def level_label(level: str) -> str:
    """'Trung ương', 'Tỉnh', 'Huyện' … (the vocabulary's level: who confers the form)."""
    return s.AWARD_LEVELS.label(level)


def level_heading(level: str) -> str:
    """'Cấp Trung ương', 'Cấp tỉnh', 'Cấp cơ quan, đơn vị'."""
    label = level_label(level)
    return "Cấp " + (label if level == "trung_uong" else label[0].lower() + label[1:])


_REASON_LEAD = re.compile(
    r"^có thành tích(?: (?:tiêu biểu|xuất sắc|tiêu biểu, xuất sắc|xuất sắc, tiêu biểu))?"
    r"(?: (?:trong|về))?(?: (?:thực hiện|công tác))?\s+", re.IGNORECASE)


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
    sentence case ('II. Kết quả các phong trào thi đua năm 2021'). `known` maps a lower-case word
    to how the text around writes it ('gia' → 'Gia', 'ubnd' → 'UBND'): proper names and
    abbreviations keep their capitals. Headings not in capitals are returned as written."""
    letters = [c for c in heading if c.isalpha()]
    if not letters or any(c.islower() for c in letters):
        return heading
    m = re.match(r"^((?:[IVXLC]+|\d+(?:\.\d+)*|[A-Z])[.)]\s+)?(.*)$", heading, re.S)
    number, text = m.group(1) or "", m.group(2)
    words = re.split(r"(\W+)", text.lower())
    out = [known.get(w, w) for w in words]
    first = next((i for i, w in enumerate(out) if w and w[0].isalpha()), None)
    if first is not None:
        out[first] = out[first][0].upper() + out[first][1:]
    return number + "".join(out)


def casing_of_words(texts: list[str]) -> dict[str, str]:
    """From running text, the words always written with capitals (names, 'UBND'): lower-case form
    → the form used. A word seen once in lower case, or only at a sentence start, is not kept."""
    seen: dict[str, set[str]] = {}
    starts: set[str] = set()
    for text in texts:
        for m in re.finditer(r"\w+", text):
            word = m.group(0)
            if word[0].isdigit():
                continue
            before = text[:m.start()].rstrip()
            if not before or before[-1] in ".:;!?\n-–—*#(“\"":
                starts.add(word)
            seen.setdefault(word.lower(), set()).add(word)
    known = {}
    for lower, forms in seen.items():
        if lower in forms or len(forms) != 1:
            continue
        form = next(iter(forms))
        if form in starts and not form.isupper():
            continue  # only seen where any word is capitalised
        known[lower] = form
    return known


def overlap_sentence(higher: tuple[str, int], base: tuple[str, int], campaign: str | None = None) -> str:
    """'Trong phong trào “…”, 32 cá nhân được tặng danh hiệu “Chiến sĩ thi đua cơ sở” là những người
    đã đạt danh hiệu “Lao động tiên tiến” (171 cá nhân): mỗi người được tính ở cả hai danh hiệu.'"""
    (higher_name, n), (base_name, m) = higher, base
    where = f"Trong phong trào “{campaign}”, " if campaign else ""
    sentence = (f"{where}{format_number(n)} cá nhân được tặng danh hiệu “{higher_name}” là những người đã đạt "
                f"danh hiệu “{base_name}” ({format_number(m)} cá nhân), vì Luật Thi đua, khen thưởng chỉ xét "
                f"danh hiệu “{higher_name}” cho người đạt “{base_name}”: mỗi người này được tính ở cả hai danh hiệu.")
    return sentence[0].upper() + sentence[1:]
