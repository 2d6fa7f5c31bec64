"""Write the imported award record: where it goes, what an earlier import (or a hand edit) of
the same decision keeps, the text in the style of the records, and the check before writing.

- The file is data/awards/<year>/<award>-<decision>.yml, or the file of the same award and
  decision already in that year, or --out (relative to the project). An id used in another year
  is refused before anything is written.
- Importing the same decision again updates that record: the sheet's fields (recipients, the
  shared reason) and the options given replace theirs; everything else (campaign, note,
  issuer, status, a `person:` chosen by hand…) stays as edited.
- The record is checked as scripts/validate.py would, in a copy of data/, and written only when
  valid; the file on disk is replaced in one step (never half written).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet
from bangvang.records.yamlpos import YamlProblem, load_yaml
from bangvang.staff.list_words import key
from bangvang.staff.review import ImportRefused, Review
from bangvang.text import is_slug, slugify

MAX_ID_CHARS = 100
HEADER_PREFIX = "# Nhập từ tệp "
AWARD_ORDER = [f.key for f in s.AWARD.fields]
DECISION_ORDER = [f.key for f in s.DECISION.fields]
# Inline recipients read as a sentence: who, their position, where; refs first.
RECIPIENT_ORDER = ["unit", "person", "name", "position", "unit_name", "kind", "reason"]
INLINE_UNIT_ORDER = ["name", "position", "unit", "unit_name", "kind", "reason"]


@dataclass
class Target:
    path: Path
    record_id: str
    year: int
    inside_data: bool
    existing: dict | None = None
    existing_text: str = ""
    why: str = ""  # how the file was chosen, for the report


# ---------------------------------------------------------------------------------------------
# Where the record goes
# ---------------------------------------------------------------------------------------------


def default_id(award_id: str, decision: str | None, source: Path, year: int) -> str:
    base = slugify(f"{award_id} {decision}") if decision else slugify(f"{award_id} {source.stem}")
    if len(base) > MAX_ID_CHARS:
        base = base[:MAX_ID_CHARS].rsplit("-", 1)[0]
    return base or f"{award_id}-{year}"


def plan_target(
    *,
    data_dir: Path,
    dataset: DataSet,
    out: Path | None,
    year: int,
    award_id: str,
    decision: str | None,
    source: Path,
    shown,
) -> Target:
    """The file to write, checked for clashes before anything is written."""
    awards = data_dir / "awards"
    if out is not None:
        path = out
        if path.suffix != ".yml":
            raise ImportRefused(f"--out phải là một tệp .yml (đang là '{shown(path)}')")
        record_id = path.stem
        if not is_slug(record_id) or len(record_id) > MAX_ID_CHARS:
            better = slugify(record_id)[:MAX_ID_CHARS] or f"{award_id}-{year}"
            raise ImportRefused(
                f"tên tệp --out là mã của bản ghi: chữ thường không dấu, số và '-', tối đa "
                f"{MAX_ID_CHARS} ký tự, ví dụ '{better}.yml' (đang là '{shown(path)}')"
            )
        try:
            inside = path.resolve().relative_to(data_dir.resolve())
        except (ValueError, OSError):
            inside = None
        if inside is not None and inside.parts[:2] != ("awards", str(year)):
            raise ImportRefused(
                f"--out trong data/ phải nằm ở data/awards/{year}/ (năm --year {year}); đang là '{shown(path)}'"
            )
        target = Target(path, record_id, year, inside is not None)
    else:
        record_id = default_id(award_id, decision, source, year)
        target = Target(awards / str(year) / f"{record_id}.yml", record_id, year, True)
        same = _same_decision(dataset, data_dir, year, award_id, decision)
        if same is not None and same != target.path:
            target = Target(same, same.stem, year, True, why=f"cùng danh hiệu và cùng quyết định {decision}")
    _refuse_clash(target, dataset, data_dir, shown)
    _load_existing(target, award_id, decision, shown)
    return target


def _same_decision(dataset: DataSet, data_dir: Path, year: int, award_id: str, decision: str | None) -> Path | None:
    if not decision:
        return None
    for record in dataset.kind("awards").values():
        number = (record.get("decision") or {}).get("number") if isinstance(record.get("decision"), dict) else None
        if record.get("award") == award_id and record.get("year") == year and number and key(number) == key(decision):
            return data_dir.parent / record.path
    return None


def _refuse_clash(target: Target, dataset: DataSet, data_dir: Path, shown) -> None:
    """The id of an award is unique across years: refuse before writing, not after."""
    clashes = []
    record = dataset.get("awards", target.record_id)
    if record is not None:
        clashes.append(data_dir.parent / record.path)
    clashes += sorted((data_dir / "awards").glob(f"*/{target.record_id}.yml"))
    for path in clashes:
        if path.parent.name != str(target.year):
            raise ImportRefused(
                f"mã '{target.record_id}' đã dùng cho {shown(path)} (năm {path.parent.name}); mỗi "
                f"khen thưởng một mã riêng: đặt tên khác bằng --out "
                f"data/awards/{target.year}/<mã-khác>.yml"
            )


def _load_existing(target: Target, award_id: str, decision: str | None, shown) -> None:
    path = target.path
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise ImportRefused(f"{shown(path)} không phải một tệp thường (liên kết hoặc thư mục); chọn --out khác")
    if not path.exists():
        return
    try:
        raw = path.read_bytes()
        if len(raw) > 1_000_000:
            raise ImportRefused(f"{shown(path)} đã có và quá lớn để cập nhật; chọn --out khác")
        text = raw.decode("utf-8-sig")
        value = load_yaml(raw).value
    except (OSError, UnicodeDecodeError, YamlProblem):
        raise ImportRefused(
            f"{shown(path)} đã có nhưng không đọc được (YAML hỏng); sửa tệp đó "
            "(scripts/validate.py chỉ chỗ lỗi) hoặc chọn --out khác"
        ) from None
    if not isinstance(value, dict):
        raise ImportRefused(f"{shown(path)} đã có nhưng không phải một bản ghi khen thưởng; chọn --out khác")
    if value.get("award") not in (None, award_id):
        raise ImportRefused(
            f"{shown(path)} đã có và là khen thưởng khác (award: {value.get('award')}); chọn --out khác"
        )
    old_decision = value.get("decision")
    old_number = old_decision.get("number") if isinstance(old_decision, dict) else None
    if decision and old_number and key(str(old_number)) != key(decision):
        raise ImportRefused(f"{shown(path)} đã có và là quyết định khác ({old_number}); chọn --out khác")
    if "year" in value and value.get("year") != target.year:
        raise ImportRefused(f"{shown(path)} đã có và là khen thưởng năm {value.get('year')}; chọn --out khác")
    target.existing, target.existing_text = value, text
    target.why = target.why or "đã có tệp này"


# ---------------------------------------------------------------------------------------------
# Keeping what the sheet does not carry
# ---------------------------------------------------------------------------------------------


@dataclass
class Merged:
    record: dict
    kept: list[str] = field(default_factory=list)  # fields kept from the earlier file


def merge(
    existing: dict | None,
    fresh: dict,
    carried: set[str],
    sheet_recipient_keys: set[str],
    dataset: DataSet,
    review: Review,
) -> Merged:
    """The record to write: `fresh` for the `carried` fields, the earlier file for the rest."""
    if existing is None:
        return Merged(ordered(fresh))
    result = dict(existing)
    for field_key in carried:
        if field_key == "decision" and isinstance(existing.get("decision"), dict):
            result["decision"] = {**existing["decision"], **fresh.get("decision", {})}
        elif field_key in fresh:
            if field_key == "reason" and existing.get("reason") and key(existing["reason"]) != key(fresh["reason"]):
                review.file_note(
                    f"thành tích chung '{_short(existing['reason'])}' của tệp cũ được thay bằng "
                    f"'{_short(fresh['reason'])}' từ bảng"
                )
            result[field_key] = fresh[field_key]
    result["recipients"] = _recipients(
        existing.get("recipients"), fresh.get("recipients", []), sheet_recipient_keys, dataset, review
    )
    if "count" in existing and isinstance(existing["count"], dict):
        result["count"] = _count(existing["count"], result["recipients"], review)
    kept = [k for k in existing if k not in carried and k not in ("recipients", "id") and existing[k] not in (None, "")]
    return Merged(ordered(result), kept)


def _recipients(old, fresh: list[dict], sheet_keys: set[str], dataset: DataSet, review: Review) -> list[dict]:
    if not isinstance(old, list):
        return fresh
    by_name: dict[tuple[str, str], dict] = {}
    for item in old:
        if not isinstance(item, dict):
            continue
        for label, kind in _labels(item, dataset):
            by_name.setdefault((kind, label), item)
    out = []
    for item in fresh:
        kind = s.recipient_kind(item)
        if "name" in item:
            earlier = by_name.get((kind, key(item["name"])))
            if earlier is not None and ("person" in earlier or "unit" in earlier and "name" not in earlier):
                ref = f"person: {earlier['person']}" if "person" in earlier else f"unit: {earlier['unit']}"
                review.file_note(f"'{item['name']}': giữ '{ref}' đã chọn bằng tay ở tệp cũ")
                item = dict(earlier)
            elif earlier is not None:
                item = _keep_hand_keys(item, earlier, sheet_keys)
        else:
            ref_key = "person" if "person" in item else "unit"
            same = next((o for o in old if isinstance(o, dict) and o.get(ref_key) == item.get(ref_key)), None)
            if same is not None:
                item = _keep_hand_keys(item, same, sheet_keys)
        out.append(item)
    return out


def _labels(item: dict, dataset: DataSet) -> list[tuple[str, str]]:
    kind = s.recipient_kind(item)
    if "person" in item:
        record = dataset.get("people", str(item["person"]))
        return [(key(record.get("name", "")), kind)] if record is not None else []
    if "unit" in item and "name" not in item:
        record = dataset.get("units", str(item["unit"]))
        if record is None:
            return []
        return [(key(x), kind) for x in [record.get("name", ""), *(record.get("aliases") or [])] if isinstance(x, str)]
    if "name" in item:
        return [(key(str(item["name"])), kind)]
    return []


def _keep_hand_keys(fresh: dict, earlier: dict, sheet_keys: set[str]) -> dict:
    """Keys of an earlier recipient the sheet says nothing about (a reason added by hand…)."""
    item = dict(fresh)
    for k, v in earlier.items():
        if k in item or k in sheet_keys or k not in RECIPIENT_ORDER:
            continue
        if k in ("unit", "unit_name") and ({"unit", "unit_name"} & item.keys() or "person" in item):
            continue
        if "person" in item and k in ("name", "position", "kind", "unit_name"):
            continue
        if "unit" in item and "name" not in item and k in ("position", "unit_name", "kind"):
            continue
        item[k] = v
    return item


def _count(old: dict, recipients: list[dict], review: Review) -> dict:
    named: dict[str, int] = {}
    for item in recipients:
        kind = s.recipient_kind(item)
        named[kind] = named.get(kind, 0) + 1
    count = dict(old)
    for kind, n in named.items():
        value = count.get(kind)
        if isinstance(value, int) and not isinstance(value, bool) and value < n:
            review.file_note(
                f"số lượng '{kind}' của tệp cũ ({value}) nhỏ hơn số người nhận có tên ({n}): sửa thành {n}"
            )
            count[kind] = n
    return count


# ---------------------------------------------------------------------------------------------
# The text
# ---------------------------------------------------------------------------------------------


def ordered(record: dict) -> dict:
    """Keys in the order of the records (the schema's), unknown keys last."""
    out = {k: record[k] for k in AWARD_ORDER if k in record}
    out.update({k: v for k, v in record.items() if k not in out})
    if isinstance(out.get("decision"), dict):
        d = out["decision"]
        out["decision"] = {
            **{k: d[k] for k in DECISION_ORDER if k in d},
            **{k: v for k, v in d.items() if k not in DECISION_ORDER},
        }
    if isinstance(out.get("recipients"), list):
        out["recipients"] = [_ordered_recipient(r) if isinstance(r, dict) else r for r in out["recipients"]]
    return out


def _ordered_recipient(item: dict) -> dict:
    order = INLINE_UNIT_ORDER if "name" in item else RECIPIENT_ORDER
    out = {k: item[k] for k in order if k in item}
    out.update({k: v for k, v in item.items() if k not in out})
    return out


class _RecordDumper(yaml.SafeDumper):
    """Block style with list items indented under their key, as the records are written."""

    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _plain_dates(value):
    """Dates written as the records write them (2022-02-10, unquoted)."""
    if isinstance(value, dict):
        return {k: _plain_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain_dates(v) for v in value]
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def safe_comment(text: str) -> str:
    """A file name fit for a one-line YAML comment."""
    return "".join(ch if ch.isprintable() and ch not in "\u2028\u2029\u0085" else "?" for ch in text)[:120]


def yaml_text(record: dict, source_name: str, today: dt.date) -> str:
    body = yaml.dump(
        _plain_dates(record),
        Dumper=_RecordDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=10_000,
    )
    return (
        f"{HEADER_PREFIX}{safe_comment(source_name)} bằng scripts/import_awards.py ngày "
        f"{today.strftime('%d/%m/%Y')}; đọc lại trước khi gửi.\n{body}"
    )


def hand_comments(text: str) -> int:
    """Comment lines of an earlier file other than the importer's own first line."""
    return sum(1 for line in text.splitlines() if line.lstrip().startswith("#") and not line.startswith(HEADER_PREFIX))


# ---------------------------------------------------------------------------------------------
# Check, then write
# ---------------------------------------------------------------------------------------------


def check(text: str, target: Target, data_dir: Path, docs_dir: Path, shown) -> list[str]:
    """Errors of the record as scripts/validate.py reports them, checked in a copy of data/."""
    from bangvang.records.validation import validate

    rel = f"awards/{target.year}/{target.record_id}.yml"
    with tempfile.TemporaryDirectory(prefix="bangvang-import-") as tmp:
        copy = Path(tmp) / "data"
        if data_dir.is_dir():
            shutil.copytree(data_dir, copy, symlinks=True)
        else:
            copy.mkdir()
        if target.inside_data and target.path.exists():
            try:
                (copy / target.path.resolve().relative_to(data_dir.resolve())).unlink(missing_ok=True)
            except ValueError:
                pass
        (copy / rel).parent.mkdir(parents=True, exist_ok=True)
        (copy / rel).write_text(text, encoding="utf-8")
        _, errors = validate(copy, docs_dir)
    shown_rel = f"data/{rel}"
    return [str(e).replace(shown_rel, shown(target.path), 1) for e in errors if e.path == shown_rel]


def write(text: str, path: Path) -> None:
    """Replace the file in one step: a crash never leaves half a record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".import-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _short(text: str, limit: int = 60) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
