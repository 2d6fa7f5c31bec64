"""Command-line entries shared by scripts/: exit codes and Vietnamese output, never a traceback.

Conventions for every staff script (scripts/new.py, import_awards.py, validate.py, decide.py…):
- build the parser with `StaffArgumentParser`: usage, help and argument errors in Vietnamese,
  exit code 2 for a wrong command line, no traceback; arguments that are not UTF-8 (surrogate
  escapes on Linux) or longer than `MAX_ARG_CHARS` are refused before anything runs; `--` ends
  the options and a later `--` is an ordinary value (a name "--" reaches the script as text);
- type every option with the helpers below (`text_arg`, `year_arg`, `date_arg`, `path_arg`) so
  that lengths, control characters and non-ASCII digits are refused with a Vietnamese message;
- a refusal after parsing prints one Vietnamese line on stderr and returns 1;
- run the entry through `run(main, root=ROOT)`: output in UTF-8, Ctrl-C exits 130, and any bug
  left ends in one line asking to report it, never a traceback;
- a relative path given for a project file (--out, --data) is resolved against the project
  (`project_path`), not the folder the command was started from.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path

from bangvang.records.errors import format_report
from bangvang.records.validation import validate
from bangvang.text import format_number, nfc, parse_date

PROJECT_ROOT = Path(__file__).resolve().parents[3]

MAX_ARG_CHARS = 4096  # any single argument (paths included)
MAX_TEXT_CHARS = 200  # names, issuers: longer is a paste accident, not a name
_END_OF_OPTIONS = "--"
_LATER_DASHES = "\u2063--\u2063"  # stands for a "--" after the first one while argparse runs

# argparse's English messages (Python 3.11–3.13) and their Vietnamese wording.
_MESSAGES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"the following arguments are required: (.*)", re.S), "thiếu tham số bắt buộc: {0}"),
    (re.compile(r"unrecognized arguments: (.*)", re.S), "không hiểu tham số: {0}"),
    (re.compile(r"expected one argument"), "cần một giá trị, viết ngay sau tên tham số"),
    (re.compile(r"expected at most one argument"), "chỉ nhận nhiều nhất một giá trị"),
    (re.compile(r"expected at least one argument"), "cần ít nhất một giá trị"),
    (re.compile(r"expected (\d+) arguments?"), "cần {0} giá trị"),
    (
        re.compile(r"invalid choice: (.*?) \(choose from (.*)\)", re.S),
        "{0} không phải một lựa chọn; chọn một trong: {1}",
    ),
    (re.compile(r"invalid (\S+) value: (.*)", re.S), "giá trị {1} không đúng dạng"),
    (re.compile(r"ambiguous option: (\S+) could match (.*)", re.S), "'{0}' có thể là {1}; viết đủ tên tham số"),
    (re.compile(r"not allowed with argument (.*)", re.S), "không dùng cùng lúc với {0}"),
    (re.compile(r"ignored explicit argument (.*)", re.S), "không nhận giá trị {0}"),
    (re.compile(r"one of the arguments (.*) is required", re.S), "cần một trong các tham số: {0}"),
    (re.compile(r"unexpected option string: (.*)", re.S), "không hiểu tham số {0}"),
]

# How the summary line names each kind of record ("33 tập thể, 1 cá nhân, …").
KIND_COUNT_WORDS = {
    "units": "tập thể",
    "people": "cá nhân",
    "documents": "văn bản",
    "campaigns": "phong trào",
    "models": "điển hình",
    "awards": "khen thưởng",
    "reports": "báo cáo",
    "vocab": "danh hiệu, hình thức",
}


def translate(message: str) -> str:
    """argparse's English error in Vietnamese (a message already in Vietnamese is kept)."""
    m = re.fullmatch(r"argument (\S+?): (.*)", message, re.S)
    if m:
        return f"tham số {m[1]}: {translate(m[2])}"
    for pattern, wording in _MESSAGES:
        m = pattern.fullmatch(message)
        if m:
            return wording.format(*m.groups())
    if re.search(r"[^\x00-\x7f]", message) or not re.search(r"[a-z]{3}", message):
        return message
    return f"tham số không đúng ({message})"


def shown_argument(text: str) -> str:
    """An argument as it can be printed: undecodable bytes as '?', controls as '?', cut short."""
    clean = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    clean = "".join("?" if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") else ch for ch in clean)
    return clean if len(clean) <= 60 else clean[:57] + "…"


class StaffArgumentParser(argparse.ArgumentParser):
    """argparse with Vietnamese usage, help and errors; exit 2 on a wrong command line."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("add_help", False)
        kwargs.setdefault("allow_abbrev", False)  # `--dec` must not silently mean --decision
        kwargs.setdefault("formatter_class", argparse.RawDescriptionHelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "tham số"
        self._optionals.title = "tùy chọn"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="in hướng dẫn này rồi thoát")

    # --- Vietnamese help ---------------------------------------------------------------------
    def format_usage(self) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix="Cách dùng: ")
        return formatter.format_help()

    def format_help(self) -> str:
        formatter = self._get_formatter()
        formatter.add_usage(self.usage, self._actions, self._mutually_exclusive_groups, prefix="Cách dùng: ")
        formatter.add_text(self.description)
        for group in self._action_groups:
            formatter.start_section(group.title)
            formatter.add_text(group.description)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
        formatter.add_text(self.epilog)
        return formatter.format_help()

    def print_help(self, file=None) -> None:
        _utf8_output()
        super().print_help(file)

    def error(self, message: str):  # noqa: D401 - argparse's hook
        _utf8_output()
        self.print_usage(sys.stderr)
        text = translate(message).replace(_LATER_DASHES, _END_OF_OPTIONS)
        self.exit(2, f"{self.prog}: lỗi: {text}\n")

    # --- hostile command lines ---------------------------------------------------------------
    def parse_known_args(self, args=None, namespace=None):
        args = list(sys.argv[1:] if args is None else args)
        for i, arg in enumerate(args, 1):
            arg = str(arg)
            if any("\udc80" <= ch <= "\udcff" for ch in arg):
                self.error(
                    f"tham số thứ {i} ('{shown_argument(arg)}') có byte không phải chữ UTF-8; "
                    "gõ lại bằng bộ gõ tiếng Việt Unicode hoặc đổi tên tệp cho khỏi ký tự lạ"
                )
            if len(arg) > MAX_ARG_CHARS:
                self.error(f"tham số thứ {i} dài {len(arg)} ký tự, quá giới hạn {MAX_ARG_CHARS}")
        # argparse (3.11) drops every "--" and then mangles a value that was one; only the first
        # ends the options, so later ones are hidden from it and given back as text.
        if _END_OF_OPTIONS in args:
            first = args.index(_END_OF_OPTIONS)
            args = args[: first + 1] + [_LATER_DASHES if a == _END_OF_OPTIONS else a for a in args[first + 1 :]]
        parsed, rest = super().parse_known_args(args, namespace)
        for name, value in vars(parsed).items():
            if isinstance(value, str) and _LATER_DASHES in value:
                setattr(parsed, name, value.replace(_LATER_DASHES, _END_OF_OPTIONS))
        return parsed, [a.replace(_LATER_DASHES, _END_OF_OPTIONS) for a in rest]


# The name some scripts already use for it.


# ---------------------------------------------------------------------------------------------
# Argument types: each refuses with a Vietnamese message (argparse adds the option's name)
# ---------------------------------------------------------------------------------------------

_INVISIBLE = re.compile(
    "[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ufffe\uffff]"
)


def text_arg(max_chars: int = MAX_TEXT_CHARS, what: str = "giá trị"):
    """Plain one-line text, NFC, spaces tidied; refused when too long, empty or holding controls."""

    def convert(raw: str) -> str:
        raw = raw.replace(_LATER_DASHES, _END_OF_OPTIONS)
        if _INVISIBLE.search(raw):
            raise argparse.ArgumentTypeError(f"{what} có ký tự điều khiển hoặc ký tự ẩn; gõ lại cho sạch")
        text = " ".join(nfc(raw).split())
        if not text:
            raise argparse.ArgumentTypeError(f"{what} để trống")
        if len(text) > max_chars:
            raise argparse.ArgumentTypeError(f"{what} dài {len(text)} ký tự, quá giới hạn {max_chars}")
        return text

    return convert


def year_arg(raw: str) -> int:
    """A year 1900–2100 in ASCII digits ('２０２２' or '0x7E6' are refused, not reinterpreted)."""
    if not re.fullmatch(r"[0-9]{4}", raw.strip()):
        raise argparse.ArgumentTypeError(f"năm phải là 4 chữ số, ví dụ 2022 (đang là '{shown_argument(raw)}')")
    year = int(raw)
    if not 1900 <= year <= 2100:
        raise argparse.ArgumentTypeError(f"năm {year} nằm ngoài 1900–2100")
    return year


def date_arg(raw: str) -> dt.date:
    """DD/MM/YYYY or YYYY-MM-DD, a real day."""
    text = raw.strip()
    day = parse_date(text) if re.fullmatch(r"[0-9/\-]{8,10}", text) else None
    if day is None:
        raise argparse.ArgumentTypeError(
            f"ngày '{shown_argument(raw)}' không đúng hoặc không có thật; viết DD/MM/YYYY (15/03/2022) hoặc YYYY-MM-DD"
        )
    return day


def path_arg(raw: str) -> Path:
    raw = raw.replace(_LATER_DASHES, _END_OF_OPTIONS)
    if not raw.strip():
        raise argparse.ArgumentTypeError("đường dẫn để trống")
    if "\x00" in raw:
        raise argparse.ArgumentTypeError("đường dẫn có ký tự NUL")
    return Path(raw)


def project_path(path: Path) -> Path:
    """A path given for a project file: a relative one is inside the project, wherever the command runs."""
    return path if path.is_absolute() else PROJECT_ROOT / path


def shown_path(path: Path) -> str:
    """A path as staff should read it: relative to the project when inside it."""
    try:
        return Path(path).resolve().relative_to(PROJECT_ROOT.resolve()).as_posix()
    except (ValueError, OSError):
        return shown_argument(str(path))


# ---------------------------------------------------------------------------------------------
# scripts/validate.py
# ---------------------------------------------------------------------------------------------


def validate_main(argv: list[str] | None = None) -> int:
    parser = StaffArgumentParser(prog="validate.py", description="Kiểm tra toàn bộ dữ liệu trong data/.")
    parser.add_argument(
        "--data",
        type=path_arg,
        default=PROJECT_ROOT / "data",
        metavar="THƯ_MỤC",
        help="thư mục dữ liệu (mặc định: data/)",
    )
    parser.add_argument(
        "--docs", type=path_arg, default=PROJECT_ROOT / "docs", metavar="THƯ_MỤC", help="thư mục docs/ (ảnh)"
    )
    args = parser.parse_args(argv)
    _utf8_output()
    if not args.data.is_dir():
        print(f"{args.data}:1:1: không tìm thấy thư mục dữ liệu", file=sys.stderr)
        return 1
    dataset, errors = validate(args.data, args.docs)
    if errors:
        print(format_report(errors), file=sys.stderr)
        return 1
    counts = ", ".join(f"{format_number(len(dataset.kind(k)))} {KIND_COUNT_WORDS.get(k, k)}" for k in dataset.records)
    print(f"Dữ liệu hợp lệ: {counts}.")
    return 0


def _utf8_output() -> None:
    # Windows consoles and CI logs must not turn Vietnamese into a UnicodeEncodeError; whatever
    # cannot be encoded (a stray surrogate) is replaced rather than crashing the report.
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[union-attr]
        except (AttributeError, ValueError):
            pass


def run(main, argv: list[str] | None = None, root: Path | None = None) -> None:
    """Run a command so that no Python traceback ever reaches staff. `root`: the project the
    script belongs to (its data/ and docs/ are the defaults), whichever copy of it that is."""
    global PROJECT_ROOT
    if root is not None:
        PROJECT_ROOT = Path(root)
    _utf8_output()
    try:
        code = main(argv)
    except KeyboardInterrupt:
        code = 130
    except MemoryError:
        print("Không đủ bộ nhớ để chạy lệnh; tệp đầu vào quá lớn. Hãy báo cho nhóm kỹ thuật.", file=sys.stderr)
        code = 2
    except Exception as exc:  # noqa: BLE001 - last line of defence for staff-facing commands
        print(
            f"Lỗi không mong đợi: {exc.__class__.__name__}: {shown_argument(str(exc))}. Hãy báo cho nhóm kỹ thuật.",
            file=sys.stderr,
        )
        code = 2
    sys.exit(code)
