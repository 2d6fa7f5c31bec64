"""New record files for staff: every field of the record type, each under a Vietnamese comment.

The text is written from schema.py (fields, titles, descriptions) so a scaffold never drifts
from what the validator accepts. Required fields are blanks to fill; optional ones are blank
(a blank optional field is the same as no field); optional groups and lists of groups are
shown as commented lines to uncomment.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from bangvang.publish.json_schemas import field_description
from bangvang.records import schema as s
from bangvang.staff.decide import id_without_status
from bangvang.text import fold, slugify

# scripts/new.py KIND → folder of data/
KIND_FOLDERS = {
    "unit": "units",
    "person": "people",
    "document": "documents",
    "campaign": "campaigns",
    "model": "models",
    "award": "awards",
    "report": "reports",
}
# The field the name given on the command line goes into.
NAME_FIELDS = {
    "units": "name",
    "people": "name",
    "documents": "number",
    "campaigns": "title",
    "models": "title",
    "awards": "name_as_written",
    "reports": "year",
}
INDENT = "  "


class ScaffoldError(Exception):
    """A refusal to show staff as is (Vietnamese)."""


@dataclass
class Scaffold:
    path: Path  # where the file goes
    text: str
    required: list[str]  # keys staff must fill


def _scalar(value) -> str:
    """A YAML scalar; quoted (JSON style is valid YAML) whenever plain could be misread."""
    if isinstance(value, int):
        return str(value)
    text = str(value)
    plain_ok = (
        text
        and text == text.strip()
        and not any(c in text for c in ":#{}[],&*!|>'\"%@`")
        and text[0] not in "-?"
        and not text.replace(".", "").isdigit()
        and fold(text) not in {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}
    )
    return text if plain_ok else json.dumps(text, ensure_ascii=False)


def _comment(spec: s.Field) -> str:
    text = field_description(spec)
    return f"# {spec.title}: {text}" if text else f"# {spec.title}."


def _short(spec: s.Field) -> str:
    """The trailing comment of a line inside a commented-out group."""
    text = field_description(spec)
    return f"{spec.title}: {text}" if text else spec.title


def _field_lines(spec: s.Field, values: dict, indent: str, key_prefix: str, commented: bool) -> list[str]:
    """One field: its comment, its key line and, for groups, what goes under it."""
    typ, key_line = spec.type, f"{indent}{key_prefix}{spec.key}:"
    inner = indent + " " * len(key_prefix) + INDENT
    if commented:
        lines = [f"{key_line}  # {_short(spec)}"]
    else:
        lines = [f"{indent}{_comment(spec)}", key_line]
    if spec.key in values:
        lines[-1] = lines[-1].replace(f"{spec.key}:", f"{spec.key}: {_scalar(values[spec.key])}", 1)
    elif isinstance(typ, s.Shape) or (isinstance(typ, s.ListOf) and isinstance(typ.item, s.Shape)):
        shape, as_item = (typ, False) if isinstance(typ, s.Shape) else (typ.item, True)
        assert isinstance(shape, s.Shape)
        if commented:  # already inside a commented-out group: no second '# '
            lines += _shape_lines(shape, {}, inner, as_item=as_item, commented=True)
        else:
            lines += _group(shape, inner, not spec.required, as_item=as_item)
    elif isinstance(typ, s.ListOf):
        lines[-1] = lines[-1].replace(f"{spec.key}:", f"{spec.key}: []", 1)
    return lines


def _group(shape: s.Shape, indent: str, commented: bool, as_item: bool) -> list[str]:
    """The fields of a group; an optional group is written commented out, ready to uncomment."""
    if not commented:
        return _shape_lines(shape, {}, indent, as_item=as_item, commented=False)
    lead = "# Bỏ '# ' ở đầu các dòng dưới để dùng" + ("; mỗi mục bắt đầu bằng '- ':" if as_item else ":")
    plain = _shape_lines(shape, {}, "", as_item=as_item, commented=True)
    return [indent + lead] + [f"{indent}# {line}" for line in plain]


def _shape_lines(shape: s.Shape, values: dict, indent: str, as_item: bool, commented: bool) -> list[str]:
    lines: list[str] = []
    for i, spec in enumerate(shape.fields):
        prefix = ("- " if i == 0 else "  ") if as_item else ""
        if not commented and as_item and i > 0:
            lines += _field_lines(spec, values, indent + "  ", "", commented)
        else:
            lines += _field_lines(spec, values, indent, prefix, commented)
    return lines


def render(folder: str, record_id: str, values: dict) -> str:
    kind = s.KINDS[folder]
    shape = kind.shape
    required = [f.key for f in shape.fields if f.required and f.key not in values]
    head = [
        f"# {shape.title}: bản ghi mới, tạo bằng scripts/new.py.",
        "# Mỗi trường có một dòng chú thích (#) ở trên. Điền giá trị sau dấu ':'.",
        "# Trường bắt buộc còn trống: " + (", ".join(required) if required else "không có") + ".",
        "# Trường không dùng thì để trống. Nhóm trường đang ẩn sau '# ': bỏ '# ' ở đầu dòng để dùng.",
        "# Văn bản nhiều dòng (Markdown): viết 'tên: |' rồi các dòng bên dưới, thụt vào 2 dấu cách.",
        "# KHÔNG ghi số CCCD/CMND, ngày sinh, địa chỉ, số điện thoại, e-mail của bất kỳ ai.",
        "# Kiểm tra: python scripts/validate.py",
        "",
    ]
    return "\n".join(head + _shape_lines(shape, {"id": record_id, **values}, "", as_item=False, commented=False)) + "\n"


def _award_from_name(name: str, vocab: dict[str, dict]) -> str | None:
    """The vocabulary id whose name or alias the given name starts with (longest first)."""
    key = fold(name)
    best = None
    for entry_id, entry in vocab.items():
        for label in [entry.get("name", ""), *(entry.get("aliases") or [])]:
            folded = fold(str(label))
            if folded and (key == folded or key.startswith(folded + " ")):
                if best is None or len(folded) > best[0]:
                    best = (len(folded), entry_id)
    return best[1] if best else None


def _document_values(name: str) -> dict:
    """ "Chỉ thị 34-CT/TW" → kind Chỉ thị, number 34-CT/TW."""
    for kind in s.DOCUMENT_KINDS.choices:
        if fold(name).startswith(fold(kind) + " "):
            return {"kind": kind, "number": name[len(kind) :].strip()}
    return {"number": name}


def plan(
    data_dir: Path, kind_word: str, name: str, year: int | None = None, vocab: dict[str, dict] | None = None
) -> Scaffold:
    """The file to write for `new.py KIND "Tên"`; raises ScaffoldError on a clash or a bad name."""
    folder = KIND_FOLDERS.get(kind_word)
    if folder is None:
        raise ScaffoldError(f"không có loại bản ghi '{kind_word}'; chọn một trong: {', '.join(KIND_FOLDERS)}")
    name = " ".join(name.split())
    values: dict = {}
    if folder == "reports":
        if not (name.isdigit() and len(name) == 4 and 1900 <= int(name) <= 2100):
            raise ScaffoldError(f"tên của báo cáo là năm của nó, ví dụ: new.py report 2022 (đang là '{name}')")
        values["year"] = int(name)
        record_id = name
    else:
        if folder == "awards" and fold(name).startswith("de nghi "):
            # "Đề nghị Bằng khen…": a proposal; the status goes in `status`, never in the id
            name, values["status"] = name[len("Đề nghị") :].strip(), "de_nghi"
        record_id = id_without_status(slugify(name)) if folder == "awards" else slugify(name)
        if not record_id:
            raise ScaffoldError(f"tên '{name}' không có chữ hay số nào để làm mã tệp")
        if folder == "documents":
            values.update(_document_values(name))
        else:
            values[NAME_FIELDS[folder]] = name
    if folder == "awards":
        year = year or dt.date.today().year
        if not 1900 <= year <= 2100:
            raise ScaffoldError(f"năm {year} không hợp lệ")
        values = {"year": year, **values}
        award_id = _award_from_name(name, vocab or {})
        if award_id:
            values["award"] = award_id
        path = data_dir / folder / str(year) / f"{record_id}.yml"
        clashes = sorted((data_dir / folder).glob(f"*/{record_id}.yml"))
    else:
        path = data_dir / folder / f"{record_id}.yml"
        clashes = [path] if path.exists() else []
    if clashes:
        shown = (
            clashes[0].relative_to(data_dir.parent).as_posix()
            if clashes[0].is_relative_to(data_dir.parent)
            else str(clashes[0])
        )
        raise ScaffoldError(f"đã có tệp {shown} (mã '{record_id}'); sửa tệp đó, hoặc đặt tên khác để có mã khác")
    text = render(folder, record_id, values)
    required = [f.key for f in s.KINDS[folder].shape.fields if f.required and f.key not in values]
    return Scaffold(path, text, required)


def _read_vocab(data_dir: Path) -> dict[str, dict]:
    """The award vocabulary as plain entries (for guessing `award:` from the name); {} if unreadable."""
    from bangvang.records.yamlpos import YamlProblem, load_yaml

    try:
        entries = load_yaml((data_dir / s.VOCAB_PATH).read_bytes()).value
    except (OSError, YamlProblem):
        return {}
    if not isinstance(entries, list):
        return {}
    return {str(e["id"]): e for e in entries if isinstance(e, dict) and e.get("id")}


def new_main(argv: list[str] | None = None) -> int:
    import sys

    from bangvang.staff import cli
    from bangvang.staff.cli import PROJECT_ROOT, _utf8_output

    parser = cli.StaffArgumentParser(
        prog="new.py",
        description="Tạo tệp bản ghi mới, có sẵn mọi trường và chú thích tiếng Việt.",
        epilog='Ví dụ: python scripts/new.py unit "Trường THCS Lê Thanh Nghị"; '
        'python scripts/new.py award "Bằng khen của Chủ tịch UBND tỉnh" --year 2022; '
        "python scripts/new.py report 2022",
    )
    parser.add_argument(
        "kind", metavar="LOẠI", type=cli.text_arg(20, "loại bản ghi"), help="một trong: " + ", ".join(KIND_FOLDERS)
    )
    parser.add_argument(
        "name", metavar="TÊN", type=cli.text_arg(cli.MAX_TEXT_CHARS, "tên"), help="tên bản ghi (báo cáo: năm)"
    )
    parser.add_argument(
        "--year", type=cli.year_arg, metavar="NĂM", help="năm khen thưởng (chỉ dùng cho award; mặc định: năm nay)"
    )
    parser.add_argument(
        "--data", type=cli.path_arg, default=None, metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data/)"
    )
    args = parser.parse_args(argv)
    args.data = cli.project_path(args.data) if args.data else PROJECT_ROOT / "data"
    _utf8_output()
    try:
        made = plan(args.data, args.kind, args.name, year=args.year, vocab=_read_vocab(args.data))
    except ScaffoldError as refusal:
        print(f"Không tạo tệp: {refusal}.", file=sys.stderr)
        return 1
    made.path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with made.path.open("x", encoding="utf-8") as out:  # "x": never overwrite a file
            out.write(made.text)
    except FileExistsError:
        print(f"Không tạo tệp: đã có tệp {made.path}.", file=sys.stderr)
        return 1
    shown = made.path.relative_to(PROJECT_ROOT) if made.path.is_relative_to(PROJECT_ROOT) else made.path
    print(f"Đã tạo {shown.as_posix()}.")
    if made.required:
        print("Mở tệp và điền các trường bắt buộc: " + ", ".join(made.required) + ".")
    print("Xong thì kiểm tra: python scripts/validate.py")
    return 0
