"""Command-line entries shared by scripts/: exit codes and Vietnamese output, never a traceback."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bangvang.records.errors import format_report
from bangvang.records.validation import validate

PROJECT_ROOT = Path(__file__).resolve().parents[3]


def validate_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Kiểm tra toàn bộ dữ liệu trong data/.")
    parser.add_argument("--data", type=Path, default=PROJECT_ROOT / "data", help="thư mục dữ liệu (mặc định: data/)")
    parser.add_argument("--docs", type=Path, default=PROJECT_ROOT / "docs", help="thư mục docs/ (ảnh)")
    args = parser.parse_args(argv)
    _utf8_output()
    if not args.data.is_dir():
        print(f"{args.data}:1:1: không tìm thấy thư mục dữ liệu", file=sys.stderr)
        return 1
    dataset, errors = validate(args.data, args.docs)
    if errors:
        print(format_report(errors), file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(dataset.kind(k))} {k}" for k in dataset.records)
    print(f"Dữ liệu hợp lệ: {counts}.")
    return 0


def _utf8_output() -> None:
    # Windows consoles and CI logs must not turn Vietnamese into a UnicodeEncodeError.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def run(main, argv: list[str] | None = None, root: Path | None = None) -> None:
    """Run a command so that no Python traceback ever reaches staff. `root`: the project the
    script belongs to (its data/ and docs/ are the defaults), whichever copy of it that is."""
    global PROJECT_ROOT
    if root is not None:
        PROJECT_ROOT = Path(root)
    try:
        code = main(argv)
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # noqa: BLE001 - last line of defence for staff-facing commands
        print(f"Lỗi không mong đợi: {exc.__class__.__name__}: {exc}. Hãy báo cho nhóm kỹ thuật.", file=sys.stderr)
        code = 2
    sys.exit(code)
