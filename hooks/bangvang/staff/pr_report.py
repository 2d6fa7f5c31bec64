"""The pull-request check: validation errors as GitHub annotations, and a Vietnamese summary of
what the change does to the records (added, changed, removed; each year's totals before → after).

The base of the comparison is read straight from git (`git archive BASE data`), so the summary
needs no second checkout; outside git, or with no base, "before" is empty and the summary says so.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bangvang.records.errors import DataError, format_report
from bangvang.records.validation import validate
from bangvang.text import format_number
from bangvang.website.index import RECIPIENT_KEYS, award_tally, conferred, proposed

KIND_WORDS = {
    "units": "tập thể",
    "people": "cá nhân",
    "documents": "văn bản",
    "campaigns": "phong trào",
    "models": "điển hình",
    "awards": "khen thưởng",
    "reports": "báo cáo",
    "vocab": "danh mục",
}
TALLY_WORDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}
MAX_ANNOTATIONS = 50  # GitHub shows at most 10 error annotations a step; the log keeps every line


# ---------------------------------------------------------------------------------------------
# Annotations
# ---------------------------------------------------------------------------------------------


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(error: DataError) -> str:
    """One workflow command that GitHub shows on the file and line of the pull request."""
    return (
        f"::error file={_escape_property(error.path)},line={error.line},col={error.col},"
        f"title={_escape_property('Lỗi dữ liệu')}::{_escape_data(error.message)}"
    )


# ---------------------------------------------------------------------------------------------
# What changed
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileChanges:
    added: list[str]
    changed: list[str]
    removed: list[str]


def _record_files(data_dir: Path) -> dict[str, bytes]:
    if not data_dir.is_dir():
        return {}
    return {
        p.relative_to(data_dir).as_posix(): p.read_bytes()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


def compare(before: Path | None, after: Path) -> FileChanges:
    old = _record_files(before) if before else {}
    new = _record_files(after)
    return FileChanges(
        added=sorted(set(new) - set(old)),
        changed=sorted(k for k in set(new) & set(old) if new[k] != old[k]),
        removed=sorted(set(old) - set(new)),
    )


def extract_base(data_dir: Path, base: str, dest: Path) -> Path | None:
    """The data folder as it is at git revision `base` (in the repository that holds data_dir),
    written under dest; None when git cannot give it (no repository, unknown revision)."""
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=data_dir, capture_output=True, text=True, timeout=60
        )
        if top.returncode != 0:
            return None
        inside = data_dir.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
        result = subprocess.run(
            ["git", "archive", "--format=tar", base, inside], cwd=top.stdout.strip(), capture_output=True, timeout=120
        )
    except (OSError, ValueError, subprocess.SubprocessError):
        return None
    if result.returncode != 0:
        return None
    with tarfile.open(fileobj=io.BytesIO(result.stdout)) as archive:
        members = [m for m in archive.getmembers() if m.isfile() or m.isdir()]  # no links from git
        archive.extractall(dest, members=members, filter="data")
    return dest / inside


# ---------------------------------------------------------------------------------------------
# Totals by year
# ---------------------------------------------------------------------------------------------


def year_totals(data_dir: Path | None, docs_dir: Path | None) -> tuple[dict[int, dict[str, int]], int]:
    """Conferred recipients by year and kind (plus proposals as 'de_nghi'), and the error count."""
    if data_dir is None or not data_dir.is_dir():
        return {}, 0
    dataset, errors = validate(data_dir, docs_dir)
    totals: dict[int, dict[str, int]] = {}
    awards = list(dataset.kind("awards").values())
    for award in conferred(awards):
        row = totals.setdefault(int(award["year"]), dict.fromkeys((*RECIPIENT_KEYS, "de_nghi"), 0))
        for key, value in award_tally(award).items():
            row[key] += value
    for award in proposed(awards):
        row = totals.setdefault(int(award["year"]), dict.fromkeys((*RECIPIENT_KEYS, "de_nghi"), 0))
        row["de_nghi"] += 1
    return totals, len(errors)


def _totals_cell(row: dict[str, int] | None) -> str:
    if not row:
        return "—"
    parts = [f"{format_number(row[k])} {TALLY_WORDS[k]}" for k in RECIPIENT_KEYS if row.get(k)]
    if row.get("de_nghi"):
        parts.append(f"{format_number(row['de_nghi'])} đề nghị")
    return ", ".join(parts) or "0"


def _kind_of(rel: str) -> str:
    folder = rel.split("/", 1)[0]
    return KIND_WORDS.get(folder, folder)


def summary_markdown(changes: FileChanges, before: dict, after: dict, errors: list[DataError], base_known: bool) -> str:
    lines = ["## Kiểm tra dữ liệu", ""]
    if errors:
        lines.append(
            f"**Dữ liệu có {format_number(len(errors))} lỗi** — chưa thể xuất bản. "
            "Mỗi lỗi được đánh dấu ngay trên dòng của tệp trong tab *Files changed*."
        )
        lines += ["", "```text", *(str(e) for e in errors[:MAX_ANNOTATIONS]), "```"]
        if len(errors) > MAX_ANNOTATIONS:
            lines.append(f"… và {format_number(len(errors) - MAX_ANNOTATIONS)} lỗi khác (xem nhật ký của bước này).")
    else:
        lines.append("Dữ liệu hợp lệ.")
    lines += ["", "### Bản ghi thay đổi", ""]
    if not base_known:
        lines.append("_Không đọc được dữ liệu của nhánh gốc để so sánh; mọi tệp được coi là mới._")
        lines.append("")
    for title, files in (("Thêm", changes.added), ("Sửa", changes.changed), ("Xóa", changes.removed)):
        lines.append(f"- {title}: {format_number(len(files))} tệp")
        for rel in files[:30]:
            lines.append(f"  - `data/{rel}` ({_kind_of(rel)})")
        if len(files) > 30:
            lines.append(f"  - … và {format_number(len(files) - 30)} tệp khác")
    years = sorted(set(before) | set(after))
    lines += ["", "### Số được khen thưởng theo năm (trước → sau)", ""]
    if not years:
        lines.append("Chưa có khen thưởng nào.")
    else:
        lines += ["| Năm | Trước | Sau |", "| --- | --- | --- |"]
        for year in years:
            old, new = before.get(year), after.get(year)
            mark = "" if old == new else " **(thay đổi)**"
            lines.append(f"| {year} | {_totals_cell(old)} | {_totals_cell(new)}{mark} |")
        lines.append("")
        lines.append(
            "_Chỉ tính khen thưởng đã được tặng; \"đề nghị\" là số bản ghi đề nghị cấp trên, chưa có quyết định._"
        )
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Command
# ---------------------------------------------------------------------------------------------


def pr_check_main(argv: list[str] | None = None) -> int:
    from bangvang.staff.cli import PROJECT_ROOT, StaffArgumentParser, _utf8_output

    parser = StaffArgumentParser(
        prog="pr_check.py",
        description="Kiểm tra dữ liệu của một pull request: lỗi (kèm chú thích trên GitHub) và tóm tắt thay đổi.",
    )
    parser.add_argument("--data", type=Path, default=PROJECT_ROOT / "data", help="thư mục dữ liệu (mặc định: data/)")
    parser.add_argument("--docs", type=Path, default=PROJECT_ROOT / "docs", help="thư mục docs/ (ảnh, tệp)")
    parser.add_argument("--base", help="nhánh hoặc commit gốc để so sánh, ví dụ origin/main")
    parser.add_argument(
        "--summary",
        type=Path,
        default=os.environ.get("GITHUB_STEP_SUMMARY") or None,
        help="tệp ghi tóm tắt Markdown (mặc định: $GITHUB_STEP_SUMMARY)",
    )
    parser.add_argument(
        "--annotations",
        action="store_true",
        default=os.environ.get("GITHUB_ACTIONS") == "true",
        help="in lỗi dạng chú thích của GitHub (mặc định khi chạy trên GitHub Actions)",
    )
    args = parser.parse_args(argv)
    _utf8_output()
    data_dir = args.data.resolve()
    if not data_dir.is_dir():
        print(f"{args.data}:1:1: không tìm thấy thư mục dữ liệu", file=sys.stderr)
        return 1
    _, errors = validate(data_dir, args.docs)
    if errors:
        print(format_report(errors), file=sys.stderr)
        if args.annotations:
            for error in errors[:MAX_ANNOTATIONS]:
                print(annotation(error))
    if args.summary:
        with tempfile.TemporaryDirectory(prefix="bangvang-base-") as tmp:
            base_data = extract_base(data_dir, args.base, Path(tmp)) if args.base else None
            changes = compare(base_data, data_dir)
            before, _ = year_totals(base_data, args.docs)
        after, _ = year_totals(data_dir, args.docs)  # with errors: what could be read
        text = summary_markdown(changes, before, after, errors, base_known=base_data is not None)
        with open(args.summary, "a", encoding="utf-8") as out:
            out.write(text)
    if not errors:
        print("Dữ liệu hợp lệ.")
    return 1 if errors else 0
