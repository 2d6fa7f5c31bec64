"""Personal data that must never be published (NĐ 13/2023/NĐ-CP): caught before it is committed
to a record, with a message that says why. Git history is permanent, so the check is strict."""

from __future__ import annotations

import re

from bangvang.text import fold

# Folded fragments of field names staff might add for data the site must not hold.
_PRIVATE_KEYS = (
    ("số CCCD/CMND", ("cccd", "cmnd", "can cuoc", "chung minh", "id card", "identity")),
    ("ngày sinh", ("ngay sinh", "sinh ngay", "nam sinh", "birth", "dob")),
    ("địa chỉ nhà", ("dia chi", "address", "que quan", "noi o", "thuong tru")),
    ("số điện thoại", ("dien thoai", "phone", "sdt", "mobile")),
    ("thư điện tử", ("email", "e-mail", "thu dien tu")),
    ("số tài khoản, bảo hiểm", ("tai khoan", "ngan hang", "bank", "bhxh", "bhyt", "bao hiem", "insurance")),
    ("dân tộc, tôn giáo, sức khỏe", ("dan toc", "ethnic", "ton giao", "religion", "suc khoe", "health")),
)

# Possessive runs, and a match only tried where a run starts: linear in the text, whatever it is
# (the plain pattern tried every start of a long word again: 20,000 letters took a second).
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)+")
_PHONE = re.compile(r"(?<![\d/.,])(?:\+84|0)(?:[ .]?\d){9}(?![\d/])")
_ID_NUMBER = re.compile(r"(?<![\d/.,-])(?:\d{12}|\d{9})(?![\d/.,-])")


def private_key(key: str) -> str | None:
    """What kind of personal data a field name announces, or None."""
    folded = fold(key).replace("_", " ")
    for label, fragments in _PRIVATE_KEYS:
        if any(fragment in folded for fragment in fragments):
            return label
    return None


def private_value(text: str) -> str | None:
    """What personal data a text seems to contain (e-mail, phone or ID-card number), or None."""
    if _EMAIL.search(text):
        return "một địa chỉ thư điện tử"
    if _PHONE.search(text):
        return "một số điện thoại"
    if _ID_NUMBER.search(text):
        return "một số CCCD/CMND"
    return None
