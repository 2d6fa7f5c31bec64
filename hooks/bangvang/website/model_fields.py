"""The field (lĩnh vực) of an exemplary model, so that "Khác" is shown only when nothing better is
known: the field of its campaign; when that campaign's field is "Khác" (movements of the mass
organisations often are) or there is no campaign, the one field named by the model's own title."""

from __future__ import annotations

import re

from bangvang.records.dataset import Record
from bangvang.text import fold

OTHER = "khac"

# Words of a title that name one field beyond doubt (folded: no marks, đ → d, lower case).
FIELD_WORDS = {
    "nong-nghiep": (
        "thuy san",
        "chan nuoi",
        "trong trot",
        "cay trong",
        "rau mau",
        "nha mang",
        "nha luoi",
        "trang trai",
        "nong nghiep",
        "lua",
    ),
    "nong-thon-moi": ("nong thon moi",),
    "giao-duc": ("truong hoc", "cong truong", "hoc sinh", "giao duc", "khuyen hoc", "mam non", "tieu hoc", "thcs"),
    "y-te": ("y te", "suc khoe", "benh vien", "tram y te"),
    "an-sinh-xa-hoi": ("giam ngheo", "ho ngheo", "nguoi ngheo", "an sinh", "nguoi co cong"),
    "van-hoa-the-thao": ("van hoa", "the thao", "van nghe"),
    "quoc-phong-an-ninh": ("an ninh", "quoc phong", "quan su", "trat tu"),
    "chuyen-doi-so": ("chuyen doi so",),
}
_PATTERNS = {
    field: re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") for field, words in FIELD_WORDS.items()
}


def field_from_title(title: str) -> str | None:
    """The one field whose words the title holds; None when none or several do."""
    text = fold(title)
    found = [field for field, pattern in _PATTERNS.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def model_field(model: Record, campaign: Record | None) -> str:
    if campaign is not None and campaign["field"] != OTHER:
        return campaign["field"]
    return field_from_title(model["title"]) or OTHER
