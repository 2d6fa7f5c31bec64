"""JSON Schemas (draft 2020-12) for editors, generated from the record types in schema.py.

VS Code (redhat.vscode-yaml) and check-jsonschema read them: completion, Vietnamese hover text
and inline errors while a record is typed. They mirror what shapecheck.py accepts (a blank
optional field, an unquoted or quoted date, a number written as text); relations between
fields and between records (references, tallies, rules) stay with the validator.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from bangvang.records import schema as s
from bangvang.text import fold

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
ISO_DATE = r"\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])"
VN_DATE = r"(0?[1-9]|[12]\d|3[01])/(0?[1-9]|1[0-2])/\d{4}"
DATE_PATTERN = rf"^({ISO_DATE}|{VN_DATE})$"
YEAR_PATTERN = r"^(19\d\d|20\d\d|2100)$"
URL_PATTERN = r"^[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*$"
NOT_BLANK = r"\S"
VOCAB_KIND = "vocab"

# Text-like values may be written as numbers or yes/no words ("name: 2021"): the validator keeps
# what was written, so the schema must not refuse them either.
_TEXTLIKE = ["string", "number", "boolean"]


def ref_hint(kind: str) -> str:
    """Where the records a reference points to live, for staff."""
    if kind == VOCAB_KIND:
        return f"mã một {s.VOCAB_LABEL} trong data/{s.VOCAB_PATH}"
    return f"mã một {s.KINDS[kind].label} trong data/{kind}/"


@functools.singledispatch
def type_hint(typ) -> str:
    """What a value of this type looks like, in Vietnamese (hover text and scaffold comments)."""
    return typ.name


@type_hint.register
def _(typ: s.Shape) -> str:
    return f"nhóm trường ({typ.title.lower()})"


@type_hint.register
def _(typ: s.ListOf) -> str:
    return f"danh sách, mỗi mục: {type_hint(typ.item)}"


@type_hint.register
def _(typ: s.Enum) -> str:
    return "chọn một trong: " + ", ".join(
        value if value == label else f"{value} ({label})" for value, label in typ.labels
    )


@type_hint.register
def _(typ: s.Ref) -> str:
    return ref_hint(typ.kind)


@type_hint.register
def _(typ: s.Date) -> str:
    return "ngày, ví dụ 2021-12-20 hoặc 20/12/2021"


@type_hint.register
def _(typ: s.Year) -> str:
    return "năm, ví dụ 2021"


@type_hint.register
def _(typ: s.YearOrDate) -> str:
    return "năm (2021) hoặc ngày (2021-12-20 hoặc 20/12/2021)"


@type_hint.register
def _(typ: s.Text) -> str:
    return "chữ, được dùng Markdown" if typ.markdown else typ.name


@type_hint.register
def _(typ: s.Integer) -> str:
    if typ.maximum is not None:
        return f"số nguyên từ {typ.minimum} đến {typ.maximum}"
    return f"số nguyên ≥ {typ.minimum}"


def field_description(spec: s.Field) -> str:
    """The field's description, then what its value looks like (unless the description says it)."""
    parts = [spec.description.strip()] if spec.description else []
    hint = type_hint(spec.type)
    said = fold(spec.description)
    plain_text = isinstance(spec.type, s.Text) and not spec.type.markdown
    if not plain_text and fold(hint) not in said and not ("markdown" in said and isinstance(spec.type, s.Text)):
        parts.append(hint[0].upper() + hint[1:] + ".")
    if spec.required:
        parts.insert(0, "Bắt buộc.")
    return " ".join(parts)


@functools.singledispatch
def _value_schema(typ, required: bool) -> dict:
    """The schema of one value; `required` ones may not be blank."""
    raise TypeError(f"no JSON Schema for field type {typ!r}")  # a new type in schema.py needs a case here


@_value_schema.register
def _(typ: s.Shape, required: bool) -> dict:
    return shape_schema(typ)


@_value_schema.register
def _(typ: s.ListOf, required: bool) -> dict:
    out: dict = {"type": "array", "items": _value_schema(typ.item, True)}
    if required:
        out["minItems"] = 1
    return out


@_value_schema.register
def _(typ: s.Enum, required: bool) -> dict:
    return {"enum": list(typ.choices), "enumDescriptions": [label for _, label in typ.labels]}


@_value_schema.register
def _(typ: s.Slug, required: bool) -> dict:
    return {"anyOf": [{"type": "string", "pattern": SLUG_PATTERN}, {"type": "integer", "minimum": 0}]}


@_value_schema.register
def _(typ: s.Ref, required: bool) -> dict:
    return {"anyOf": [{"type": "string", "pattern": NOT_BLANK}, {"type": "number"}]}


@_value_schema.register
def _(typ: s.Date, required: bool) -> dict:
    return {"type": "string", "pattern": DATE_PATTERN}


@_value_schema.register
def _(typ: s.Year, required: bool) -> dict:
    return _year()


@_value_schema.register
def _(typ: s.YearOrDate, required: bool) -> dict:
    return {"anyOf": [_year(), {"type": "string", "pattern": DATE_PATTERN}]}


@_value_schema.register
def _(typ: s.Integer, required: bool) -> dict:
    out: dict = {"type": "integer", "minimum": typ.minimum}
    if typ.maximum is not None:
        out["maximum"] = typ.maximum
    return out


@_value_schema.register
def _(typ: s.Number, required: bool) -> dict:
    return {"type": "number"}


@_value_schema.register
def _(typ: s.Url, required: bool) -> dict:
    return {"type": "string", "pattern": URL_PATTERN}


@_value_schema.register
def _(typ: s.Text, required: bool) -> dict:
    if required:
        return {"anyOf": [{"type": "string", "pattern": NOT_BLANK}, {"type": ["number", "boolean"]}]}
    return {"type": _TEXTLIKE}


def _year() -> dict:
    return {
        "anyOf": [{"type": "integer", "minimum": 1900, "maximum": 2100}, {"type": "string", "pattern": YEAR_PATTERN}]
    }


def _field_schema(spec: s.Field) -> dict:
    value = _value_schema(spec.type, spec.required)
    annotations = {"title": spec.title, "description": field_description(spec)}
    if spec.required:
        return {**annotations, **value}
    # An optional field left blank ("commune:" or "commune: ''") is the same as leaving it out.
    return {**annotations, "anyOf": [value, {"type": "null"}, {"const": ""}]}


def shape_schema(shape: s.Shape) -> dict:
    out: dict = {
        "type": "object",
        "title": shape.title,
        "properties": {f.key: _field_schema(f) for f in shape.fields},
        "additionalProperties": False,
    }
    required = [f.key for f in shape.fields if f.required]
    if required:
        out["required"] = required
    return out


def kind_schema(kind: str) -> dict:
    """The whole schema of one record kind (a folder of data/, or "vocab" for the award list)."""
    if kind == VOCAB_KIND:
        body = {
            "type": "array",
            "title": s.VOCAB_LABEL[0].upper() + s.VOCAB_LABEL[1:],
            "description": f"Tệp data/{s.VOCAB_PATH}: danh mục danh hiệu thi đua và hình thức khen thưởng; "
            "mã đã có thì giữ nguyên, chỉ thêm mục mới.",
            "items": shape_schema(s.VOCAB_ENTRY),
        }
    else:
        spec = s.KINDS[kind]
        where = f"data/{kind}/<năm>/<mã>.yml" if spec.by_year else f"data/{kind}/<mã>.yml"
        body = shape_schema(spec.shape)
        body["description"] = f"Một bản ghi {spec.label}: tệp {where}, tên tệp là mã bản ghi."
    return {"$schema": DRAFT, **body}


def all_kinds() -> list[str]:
    return [*s.KINDS, VOCAB_KIND]


def render(kind: str) -> str:
    """The file text: stable key order and a final newline, so regenerating changes nothing."""
    return json.dumps(kind_schema(kind), ensure_ascii=False, indent=2) + "\n"


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def write_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in all_kinds():
        path = out_dir / file_name(kind)
        path.write_text(render(kind), encoding="utf-8")
        written.append(path)
    return written


def stale(out_dir: Path) -> list[str]:
    """Names of the schema files in out_dir that differ from schema.py (or are missing)."""
    out = []
    for kind in all_kinds():
        path = out_dir / file_name(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != render(kind):
            out.append(file_name(kind))
    return out


def publish(build, site_dir: Path) -> None:
    """Post-build step: the schemas at /schemas/<kind>.schema.json on the site."""
    write_all(Path(site_dir) / "schemas")
