"""The open-data page (/du-lieu/): what the files are, their licence and their fields.

The field lists are generated from schema.py (titles, types, descriptions), never written by
hand, so the page cannot drift from the records it describes.
"""
from __future__ import annotations

from dataclasses import dataclass

from bangvang.records import schema as s
from bangvang.publish.open_data_files import FLATTENING, OUT_DIR, VOCAB, export_kinds, shape_of
from bangvang.publish.feed import FEED_PATH, feed_awards
from bangvang.website.pages import Page, PageBuilder

URL = f"{OUT_DIR}/"
LICENCE = {"name": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
           "url": "https://creativecommons.org/licenses/by/4.0/deed.vi"}


@dataclass
class FieldDoc:
    path: str  # "decision.number", "recipients[].unit"
    title: str
    type: str
    required: bool
    description: str
    depth: int


def type_text(typ) -> str:
    """A field type in Vietnamese, with its choices or the kind it refers to."""
    if isinstance(typ, s.Enum):
        return "một trong: " + ", ".join(v if v == label else f"{v} ({label})" for v, label in typ.labels)
    if isinstance(typ, s.Ref):
        kind = s.KINDS.get(typ.kind)
        return f"mã {kind.label}" if kind else "mã trong danh mục danh hiệu, hình thức"
    if isinstance(typ, s.Text):
        return "chữ (Markdown)" if typ.markdown else "chữ"
    if isinstance(typ, s.ListOf):
        return "danh sách, mỗi mục: " + (typ.item.title.lower() if isinstance(typ.item, s.Shape) else type_text(typ.item))
    if isinstance(typ, s.Shape):
        return "nhóm trường: " + typ.title.lower()
    if isinstance(typ, (s.Date, s.YearOrDate)):
        return typ.name.replace("YYYY-MM-DD hoặc DD/MM/YYYY", "YYYY-MM-DD")
    return typ.name


def field_docs(shape: s.Shape, prefix: str = "", depth: int = 0) -> list[FieldDoc]:
    docs = []
    for f in shape.fields:
        path = prefix + f.key
        docs.append(FieldDoc(path, f.title, type_text(f.type), f.required, f.description, depth))
        inner = f.type.item if isinstance(f.type, s.ListOf) else f.type
        if isinstance(inner, s.Shape) and depth < 2:
            docs += field_docs(inner, path + ("[]." if isinstance(f.type, s.ListOf) else "."), depth + 1)
    return docs


def kind_docs(dataset) -> list[dict]:
    out = []
    for kind in export_kinds():
        shape = shape_of(kind)
        out.append({"kind": kind, "title": shape.title if kind != VOCAB else s.VOCAB_LABEL.capitalize(),
                    "count": len(dataset.kind(kind)), "fields": field_docs(shape),
                    "source": f"data/{s.VOCAB_PATH}" if kind == VOCAB else f"data/{kind}/"})
    return out


def open_data_pages(builder: PageBuilder) -> list[Page]:
    dataset = builder.index.dataset
    newest = feed_awards(dataset)[:1]
    page = Page(URL, "Dữ liệu mở",
                f"Toàn bộ dữ liệu khen thưởng, phong trào thi đua của {builder.site.district} dạng JSON và CSV, "
                "giấy phép CC BY 4.0.", edit_path="data/")
    return [builder.render("opendata.html", page, kinds=kind_docs(dataset), flattening=FLATTENING,
                           licence=LICENCE, feed=f"../{FEED_PATH}",
                           newest=newest[0] if newest else None)]
