"""What one search result is: a typed record, with its kind and its filters keyed by ids.

Every other module of the search stage hands these on: `from_data` and `from_guide` make them,
`sources` writes them for Pagefind, `facets` lists the filter values for the search box.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of result: id -> label the search box shows. Ids travel in the index (filter `kind`);
# labels are written once, in the facets file the box reads (facets.py).
KINDS: dict[str, str] = {
    "unit": "Tập thể",
    "person": "Cá nhân",
    "household": "Hộ gia đình",
    "campaign": "Phong trào",
    "model": "Điển hình",
    "award": "Khen thưởng",
    "report": "Báo cáo",
    "document": "Văn bản",
    "list": "Danh sách",
    "guide": "Hướng dẫn cho cán bộ",
}
_KIND_IDS = frozenset(KINDS)
# Filters in the index, in the order the search box shows them. Values are ids from the data:
# kind (above), year ("2021"), commune (unit id), field (schema.FIELDS), award (vocabulary id).
FILTERS = ("kind", "year", "commune", "field", "award")
_FILTER_NAMES = frozenset(FILTERS)


@dataclass(frozen=True)
class SearchRecord:
    """One result. Text is kept as written (shown in results); the index gets it folded."""

    url: str  # site-relative, with the anchor it lands on: "khen-thuong/2021/#hinh-thuc-x"
    title: str
    kind: str  # a KINDS id
    text: str = ""  # body, one line
    # Other names of the record (aliases, the award form's other names): weighed like the title,
    # and a query equal to one of them (or to the title) is "exactly named".
    names: tuple[str, ...] = ()
    # Where the result sits (shown under its title): "Khen thưởng năm 2021", "Báo cáo … 2021".
    context: str = ""
    listing: bool = False  # a page listing other records (ranked below a record that matches)
    # Places inside the text with an anchor of their own (an award act's recipients): (where the
    # part starts in `text` and how long its name is, both in UTF-16 code units as the browser
    # counts them, and the anchor). A match inside a part opens the page at the part's anchor.
    parts: tuple[tuple[int, int, str], ...] = ()
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in _KIND_IDS or not _KIND_IDS.issuperset(self.filters.get("kind", ())):
            raise ValueError(f"unknown search kind {self.kind!r} or {self.filters.get('kind')!r}")
        if not _FILTER_NAMES.issuperset(self.filters):
            raise ValueError(f"unknown search filters {sorted(set(self.filters) - _FILTER_NAMES)}")


def filter_values(**values) -> dict[str, tuple[str, ...]]:
    """Filters from keyword arguments: a value, a list of values, or None; empty ones dropped,
    values as sorted unique strings (so two builds write the same index)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, value in values.items():
        items = value if isinstance(value, (list, tuple, set, frozenset)) else [value]
        cleaned = sorted({str(v) for v in items if v not in (None, "")})
        if cleaned:
            out[name] = tuple(cleaned)
    return out
