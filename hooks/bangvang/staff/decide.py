"""A proposal decided: `python scripts/decide.py ID --decision 456/QĐ-UBND --date 10/02/2022`.

Turns an award with `status: de_nghi` into a conferred one: the status line goes (tang is the
default), `decision` is written, a proposing document recorded under `decision` moves to
`proposal`, and a file whose id says "de-nghi" is renamed so that ids carry no status. The file's
text is edited line by line (comments, key order and the other values stay as written). The
whole data set is checked before and after; a result that is not valid is rolled back.
"""

from __future__ import annotations

import difflib
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bangvang.records import schema as s
from bangvang.records.errors import DataError
from bangvang.records.validation import validate
from bangvang.records.yamlpos import YamlProblem, load_yaml
from bangvang.text import format_date, is_slug, parse_date

STATUS_WORDS = ("de", "nghi")  # "de-nghi" in an id: the status, which ids no longer carry
KEY_ORDER = [f.key for f in s.AWARD.fields]


class DecideError(Exception):
    """A refusal, in Vietnamese, phrased as what to do."""


@dataclass
class Decided:
    old_path: Path
    path: Path
    award_id: str
    year: int | None
    moved_to_proposal: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def renamed(self) -> bool:
        return self.old_path != self.path


def id_without_status(record_id: str) -> str:
    """The id with its status words dropped: 'thuong-xuyen-de-nghi-bang-khen-tinh' →
    'thuong-xuyen-bang-khen-tinh' ('' when nothing else is left)."""
    words, out, i = record_id.split("-"), [], 0
    while i < len(words):
        if tuple(words[i : i + 2]) == STATUS_WORDS:
            i += 2
            continue
        out.append(words[i])
        i += 1
    return "-".join(out)


# ---------------------------------------------------------------------------------------------
# Editing the text of a record: top-level keys as blocks of lines
# ---------------------------------------------------------------------------------------------


@dataclass
class _Block:
    key: str | None  # None: the lines before the first key
    lead: list[str]  # comment and blank lines just above the key (they stay with it)
    body: list[str]  # the key's line and its value's lines


def _blocks(lines: list[str], key_lines: dict[str, int]) -> list[_Block]:
    starts = sorted((line, key) for key, line in key_lines.items())
    blocks = [_Block(None, [], lines[: starts[0][0]] if starts else lines)]
    for n, (start, key) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        body = lines[start:end]
        trailing: list[str] = []
        if n + 1 < len(starts):  # comments and blank lines before the next key belong to it
            while len(body) > 1 and (not body[-1].strip() or body[-1].startswith("#")):
                trailing.insert(0, body.pop())
        blocks.append(_Block(key, [], body))
        if trailing:
            blocks.append(_Block("", trailing, []))  # kept in place, attached to nothing
    return blocks


def _scalar(value: str, flow: bool) -> str:
    """value as YAML: plain when it reads back as the same text, else double-quoted."""
    plain = value.strip() == value and "\n" not in value and value != ""
    if plain:
        try:
            loaded = yaml.safe_load("{k: " + value + "}" if flow else "k: " + value)
        except yaml.YAMLError:
            loaded = None
        if loaded == {"k": value}:
            return value
    return json.dumps(value, ensure_ascii=False)


def _mapping(values: dict[str, str]) -> str:
    return "{" + ", ".join(f"{k}: {_scalar(v, flow=True)}" for k, v in values.items()) + "}"


def _set(blocks: list[_Block], key: str, line: str) -> None:
    """Replace key's block by one line, or insert the line where the record type orders it."""
    for block in blocks:
        if block.key == key:
            block.body = [line]
            return
    rank = KEY_ORDER.index(key)
    for n, block in enumerate(blocks):
        if block.key and block.key in KEY_ORDER and KEY_ORDER.index(block.key) > rank:
            # above the comments that describe the next key (an empty "attached to nothing" block)
            at = n - 1 if n > 0 and blocks[n - 1].key == "" else n
            blocks.insert(at, _Block(key, [], [line]))
            return
    if blocks[-1].body and not blocks[-1].body[-1].endswith("\n"):
        blocks[-1].body[-1] += "\n"
    blocks.append(_Block(key, [], [line]))


def _text(blocks: list[_Block]) -> str:
    return "".join("".join(b.lead) + "".join(b.body) for b in blocks)


# ---------------------------------------------------------------------------------------------
# The command's work
# ---------------------------------------------------------------------------------------------


def _shown(path: Path, data_dir: Path) -> str:
    try:
        return "data/" + path.relative_to(data_dir).as_posix()
    except ValueError:
        return str(path)


def _find(data_dir: Path, wanted: str) -> Path:
    record_id = Path(wanted).stem if wanted.endswith(".yml") or "/" in wanted else wanted
    if not is_slug(record_id):
        raise DecideError(
            f"'{record_id}' không phải mã khen thưởng (chữ thường không dấu, số, nối bằng '-'); "
            "mã là tên tệp trong data/awards/<năm>/, không có đuôi .yml"
        )
    found = sorted((data_dir / "awards").glob(f"*/{record_id}.yml"))
    if found:
        return found[0]
    proposals = sorted(p.stem for p in (data_dir / "awards").glob("*/*.yml"))
    close = difflib.get_close_matches(record_id, proposals, n=1, cutoff=0.75)
    hint = (
        f"; có phải ý bạn là '{close[0]}'?" if close else "; mã là tên tệp trong data/awards/<năm>/, không có đuôi .yml"
    )
    raise DecideError(f"không có khen thưởng nào mã '{record_id}' trong data/awards/{hint}")


def _report(errors: list[DataError]) -> str:
    return "\n".join(f"  {e}" for e in errors)


def decide(
    data_dir: Path,
    wanted: str,
    number: str | None,
    date_text: str | None,
    document: str | None = None,
    issuer: str | None = None,
    new_id: str | None = None,
    docs_dir: Path | None = None,
) -> Decided:
    """Record the decision on a proposal; raise DecideError (nothing written) on a refusal."""
    data_dir = Path(data_dir)
    docs_dir = docs_dir if docs_dir is not None else data_dir.parent / "docs"
    number = " ".join(number.split()) if number else None
    if not number and not document:
        raise DecideError("cần số quyết định: --decision 456/QĐ-UBND (hoặc mã văn bản: --document MÃ)")
    day = None
    if date_text is not None:
        day = parse_date(date_text)
        if day is None:
            other = re.fullmatch(r"\s*(\d{1,2})[.\-\s](\d{1,2})[.\-\s](\d{4})\s*", date_text)
            guess = parse_date(f"{other[1]}/{other[2]}/{other[3]}") if other else None
            hint = f"; có phải {format_date(guess)}?" if guess else "."
            raise DecideError(
                f"ngày '{date_text}' sai dạng hoặc không có thật{hint} Viết DD/MM/YYYY "
                "(ví dụ 10/02/2022) hoặc YYYY-MM-DD (ví dụ 2022-02-10)"
            )
    elif not document:
        raise DecideError("cần ngày quyết định: --date 10/02/2022")
    if document and not (data_dir / "documents" / f"{document}.yml").is_file():
        raise DecideError(
            f"không có văn bản nào mã '{document}' trong data/documents/; tạo bằng: "
            f"python scripts/new.py document \"Quyết định {number or 'SỐ'}\", hoặc bỏ --document"
        )
    if issuer is not None and not issuer.strip():
        raise DecideError("--issuer trống; ghi cấp quyết định, ví dụ \"Chủ tịch UBND tỉnh Hải Dương\"")
    path = _find(data_dir, wanted)
    shown = _shown(path, data_dir)
    record_id = path.stem

    _, before = validate(data_dir, docs_dir)
    if before:
        raise DecideError(
            "dữ liệu đang có lỗi; sửa xong (python scripts/validate.py) rồi chạy lại lệnh này:\n" + _report(before)
        )

    raw = path.read_bytes()
    bom = raw.startswith(b"\xef\xbb\xbf")
    text = raw[3:].decode("utf-8") if bom else raw.decode("utf-8")
    try:
        located = load_yaml(raw)
    except YamlProblem as problem:  # (validation passed, so this is a file changed meanwhile)
        raise DecideError(f"{shown}:{problem.line}:{problem.col}: {problem.message}") from None
    record = located.value
    status = record.get("status") or "tang"
    if status != "de_nghi":
        what = "đã là khen thưởng được tặng" if status == "tang" else "là khen thưởng đã hủy bỏ"
        raise DecideError(f"{shown} {what} (status: {status}), không phải đề nghị (status: de_nghi); không đổi gì")

    target_id = new_id if new_id is not None else id_without_status(record_id)
    if new_id is not None and (not is_slug(new_id) or id_without_status(new_id) != new_id):
        raise DecideError(
            f"--new-id '{new_id}' phải là mã: chữ thường không dấu, số, nối bằng '-', không chứa 'de-nghi'"
        )
    if not target_id:
        raise DecideError(f"mã '{record_id}' bỏ chữ 'de-nghi' thì không còn gì; đặt mã mới bằng --new-id MÃ")
    target = path.with_name(f"{target_id}.yml")
    if target_id != record_id:
        taken = sorted((data_dir / "awards").glob(f"*/{target_id}.yml"))
        if taken:
            raise DecideError(
                f"cần đổi tên tệp thành '{target_id}.yml' (mã không ghi trạng thái) nhưng đã có "
                f"{_shown(taken[0], data_dir)}; chọn mã khác bằng --new-id MÃ, "
                "ví dụ thêm số quyết định vào cuối mã"
            )

    top = {key[0]: pos for key, pos in located.key_positions.items() if len(key) == 1}
    if not isinstance(record, dict) or any(col != 1 for _, col in top.values()):
        raise DecideError(f"{shown} không viết theo dạng thường (mỗi trường một dòng, sát lề trái); sửa tay")
    key_lines = {key: line - 1 for key, (line, _) in top.items()}
    lines = text.splitlines(keepends=True)
    blocks = _blocks(lines, key_lines)
    result = Decided(path, target, target_id, record.get("year"))

    def present(key: str) -> bool:
        return record.get(key) not in (None, {}, "")

    # 1. the status goes: conferred is the default
    blocks = [b for b in blocks if b.key != "status"]
    # 2. what a proposal recorded as its "decision" was the proposing document
    if present("decision"):
        if present("proposal"):
            raise DecideError(
                f"{shown} có cả 'decision' và 'proposal'; đề nghị chưa có quyết định thì "
                "'decision' phải trống: sửa tay rồi chạy lại"
            )
        old = next(b for b in blocks if b.key == "decision")
        moved = [old.body[0].replace("decision", "proposal", 1)] + old.body[1:]
        empty_proposal = next((b for b in blocks if b.key == "proposal"), None)
        if empty_proposal is not None:
            empty_proposal.body = moved
            old.body = []
            old.key = "#removed"
        else:
            old.key, old.body = "proposal", moved
        result.moved_to_proposal = True
    # 3. the decision, where the record type orders it
    decision = {}
    if number:
        decision["number"] = number
    if day:
        decision["date"] = format_date(day)
    if document:
        decision["document"] = document
    _set(blocks, "decision", f"decision: {_mapping(decision)}\n")
    if issuer:
        _set(blocks, "issuer", f"issuer: {_scalar(' '.join(issuer.split()), flow=False)}\n")
    if target_id != record_id and present("id"):
        _set(blocks, "id", f"id: {target_id}\n")
    new_text = _text(blocks)
    if "\r\n" in text:  # a file saved on Windows keeps its line endings
        new_text = new_text.replace("\r\n", "\n").replace("\n", "\r\n")

    # 4. write, check everything, roll back on any error
    target.write_bytes((b"\xef\xbb\xbf" if bom else b"") + new_text.encode("utf-8"))
    if target != path:
        path.unlink()
    _, after = validate(data_dir, docs_dir)
    if after:
        if target != path:
            target.unlink()
        path.write_bytes(raw)
        raise DecideError("bản ghi sau khi sửa chưa hợp lệ nên không ghi gì:\n" + _report(after))
    return result


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def decide_main(argv: list[str] | None = None) -> int:
    from bangvang.staff import cli
    from bangvang.staff.cli import PROJECT_ROOT, _utf8_output

    parser = cli.StaffArgumentParser(
        prog="decide.py",
        description="Ghi quyết định khen thưởng cho một đề nghị (status: de_nghi): đề nghị trở "
        "thành khen thưởng được tặng.",
    )
    parser.add_argument(
        "award",
        metavar="MÃ",
        type=cli.text_arg(200, "mã khen thưởng"),
        help="mã khen thưởng (tên tệp trong data/awards/<năm>/, không có .yml)",
    )
    parser.add_argument(
        "--decision", metavar="SỐ", type=cli.text_arg(100, "số quyết định"), help="số quyết định, ví dụ 456/QĐ-UBND"
    )
    parser.add_argument(
        "--date",
        metavar="NGÀY",
        type=cli.text_arg(40, "ngày quyết định"),
        help="ngày quyết định, DD/MM/YYYY hoặc YYYY-MM-DD",
    )
    parser.add_argument(
        "--document",
        metavar="MÃ_VĂN_BẢN",
        type=cli.text_arg(200, "mã văn bản"),
        help="mã văn bản quyết định trong data/documents/ (nếu có)",
    )
    parser.add_argument(
        "--issuer",
        metavar="CẤP",
        type=cli.text_arg(200, "cấp quyết định"),
        help="cấp quyết định, nếu khác 'issuer' đang ghi",
    )
    parser.add_argument(
        "--new-id",
        metavar="MÃ_MỚI",
        type=cli.text_arg(200, "mã mới"),
        help="mã mới của tệp (mặc định: mã cũ bỏ chữ 'de-nghi')",
    )
    parser.add_argument(
        "--data", type=cli.path_arg, default=PROJECT_ROOT / "data", help="thư mục dữ liệu (mặc định: data/)"
    )
    args = parser.parse_args(argv)
    args.data = cli.project_path(args.data)
    _utf8_output()
    try:
        done = decide(args.data, args.award, args.decision, args.date, args.document, args.issuer, args.new_id)
    except DecideError as problem:
        print(f"Không ghi: {problem}", file=sys.stderr)
        return 1
    when = f" ngày {format_date(parse_date(args.date))}" if args.date else ""
    what = f"số {' '.join(args.decision.split())}" if args.decision else f"văn bản {args.document}"
    shown_new, shown_old = _shown(done.path, args.data), _shown(done.old_path, args.data)
    print(f"Đã ghi quyết định {what}{when} vào {shown_new}: đề nghị năm {done.year} nay là khen thưởng được tặng.")
    if done.moved_to_proposal:
        print("Văn bản đã ghi ở 'decision' (văn bản đề nghị) được chuyển sang 'proposal'.")
    if done.renamed:
        print(f"Đã đổi tên tệp để mã không ghi trạng thái: {shown_old} → {shown_new}")
        print(f"Đưa cả hai vào git (ghi nhận việc đổi tên): git add {shown_old} {shown_new}")
    else:
        print(f"Đưa vào git: git add {shown_new}")
    print("Dữ liệu hợp lệ.")
    return 0
