"""The open-data page (/du-lieu/): what the files are, their licence and their fields.

The field lists are generated from schema.py (titles, types, descriptions), never written by
hand, so the page cannot drift from the records it describes.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from bangvang.publish.feed import FEED_PATH, feed_awards
from bangvang.publish.open_data_files import FLATTENING, OUT_DIR, VOCAB, export_kinds, shape_of
from bangvang.records import schema as s
from bangvang.website.pages import Page, PageBuilder

URL = f"{OUT_DIR}/"
LICENCE = {
    "name": "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)",
    "url": "https://creativecommons.org/licenses/by/4.0/deed.vi",
}


@dataclass
class FieldDoc:
    path: str  # "decision.number", "recipients[].unit"
    title: str
    type: str
    required: bool
    description: str
    depth: int


@functools.singledispatch
def type_text(typ) -> str:
    """A field type in Vietnamese, with its choices or the kind it refers to."""
    return typ.name


@type_text.register
def _(typ: s.Enum) -> str:
    return "một trong: " + ", ".join(v if v == label else f"{v} ({label})" for v, label in typ.labels)


@type_text.register
def _(typ: s.Ref) -> str:
    kind = s.KINDS.get(typ.kind)
    return f"mã {kind.label}" if kind else "mã trong danh mục danh hiệu, hình thức"


@type_text.register
def _(typ: s.Text) -> str:
    return "chữ (Markdown)" if typ.markdown else "chữ"


@type_text.register
def _(typ: s.ListOf) -> str:
    return "danh sách, mỗi mục: " + (typ.item.title.lower() if isinstance(typ.item, s.Shape) else type_text(typ.item))


@type_text.register
def _(typ: s.Shape) -> str:
    return "nhóm trường: " + typ.title.lower()


@type_text.register(s.Date)
@type_text.register(s.YearOrDate)
def _(typ) -> str:
    return typ.name.replace("YYYY-MM-DD hoặc DD/MM/YYYY", "YYYY-MM-DD")


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
        out.append(
            {
                "kind": kind,
                "title": shape.title if kind != VOCAB else s.VOCAB_LABEL.capitalize(),
                "count": len(dataset.kind(kind)),
                "fields": field_docs(shape),
                "source": f"data/{s.VOCAB_PATH}" if kind == VOCAB else f"data/{kind}/",
            }
        )
    return out


def open_data_pages(builder: PageBuilder) -> list[Page]:
    dataset = builder.index.dataset
    newest = feed_awards(dataset)[:1]
    page = Page(
        URL,
        "Dữ liệu mở",
        f"Toàn bộ dữ liệu khen thưởng, phong trào thi đua của {builder.site.district} dạng JSON và CSV, "
        "giấy phép CC BY 4.0.",
        edit_path="data/",
    )
    return [
        builder.render(
            "opendata.html",
            page,
            kinds=kind_docs(dataset),
            flattening=FLATTENING,
            licence=LICENCE,
            feed=f"../{FEED_PATH}",
            newest=newest[0] if newest else None,
        )
    ]
