"""How much of the honour roll has names: the reports mostly give numbers ("201 cá nhân đạt danh
hiệu Chiến sĩ thi đua cơ sở"), so most honourees are counted but not named. Pages say so plainly,
and say whom to ask (the office in `extra.district`)."""

from __future__ import annotations

from dataclasses import dataclass

from bangvang.records.dataset import Record
from bangvang.records.schema import recipient_kind
from bangvang.text import format_number
from bangvang.website.index import RECIPIENT_KEYS, award_tally, conferred
from bangvang.website.site_info import SiteInfo
from bangvang.website.wording import KIND_WORDS, turns_text


@dataclass(frozen=True)
class Coverage:
    """Conferred honours of some awards: counted (lượt) and named, by kind of recipient."""

    counted: dict[str, int]
    named: dict[str, int]

    @property
    def complete(self) -> bool:
        return all(self.named[k] >= self.counted[k] for k in RECIPIENT_KEYS)

    def sentence(self, kinds: tuple[str, ...] = RECIPIENT_KEYS) -> str:
        """'Các báo cáo ghi 257 lượt tập thể, 2.101 lượt cá nhân được khen thưởng; dữ liệu có tên
        của 5 tập thể, 0 cá nhân: với các khen thưởng còn lại, nguồn chỉ ghi số lượng, danh sách
        tên chưa được nhập.'"""
        counted = {k: self.counted[k] for k in kinds}
        if not any(counted.values()):
            return "Chưa có khen thưởng nào được ghi."
        named = ", ".join(f"{format_number(self.named[k])} {KIND_WORDS[k]}" for k in kinds if self.counted[k])
        head = f"Các báo cáo ghi {turns_text(counted)} được khen thưởng"
        if self.complete:
            return head + "; tất cả đều có tên trong dữ liệu."
        return (
            head + f"; dữ liệu mới có tên của {named}. Với các khen thưởng còn lại, nguồn chỉ ghi "
            "số lượng: danh sách tên chưa được nhập."
        )

    def names_sentence(self, kinds: tuple[str, ...] = RECIPIENT_KEYS) -> str:
        """'Dữ liệu mới có tên của 4 tập thể, 0 cá nhân; với các khen thưởng còn lại, nguồn chỉ ghi
        số lượng: danh sách tên chưa được nhập.' (for a page that already gave the numbers)."""
        clause = self.names_clause(kinds)
        return clause[0].upper() + clause[1:]

    def names_clause(self, kinds: tuple[str, ...] = RECIPIENT_KEYS) -> str:
        """names_sentence, to follow a colon (lower-case first letter)."""
        named = ", ".join(f"{format_number(self.named[k])} {KIND_WORDS[k]}" for k in kinds if self.counted[k])
        return (
            f"dữ liệu mới có tên của {named}; với các khen thưởng còn lại, nguồn chỉ ghi số lượng: "
            "danh sách tên chưa được nhập."
        )


def coverage(awards: list[Record]) -> Coverage:
    counted = {k: 0 for k in RECIPIENT_KEYS}
    named = {k: 0 for k in RECIPIENT_KEYS}
    for award in conferred(awards):
        for k, v in award_tally(award).items():
            counted[k] += v
        for r in award.get("recipients", []):
            named[recipient_kind(r)] += 1
    return Coverage(counted, named)


@dataclass(frozen=True)
class ContactLine:
    label: str
    text: str
    href: str | None = None  # tel: or mailto:


def contact_lines(site: SiteInfo) -> list[ContactLine]:
    """The office readers can ask, one line each (address, phone, e-mail); lines without a value
    are left out rather than filled with a guess."""
    lines = []
    if site.contact:
        lines.append(ContactLine("Cơ quan", site.contact))
    if site.address:
        lines.append(ContactLine("Địa chỉ", site.address))
    if site.phone:
        lines.append(
            ContactLine("Điện thoại", site.phone, "tel:" + "".join(c for c in site.phone if c.isdigit() or c == "+"))
        )
    if site.email:
        lines.append(ContactLine("Thư điện tử", site.email, "mailto:" + site.email))
    return lines
