"""Check one parsed record against its Shape: types, required and unknown keys, choices.

Returns the record's values normalised (dates as datetime.date, text NFC, numbers as numbers)
and reports problems with their file:line:col. References are only collected here; rules.py
resolves them once every record is known.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bangvang.records import schema as s
from bangvang.records.characters import has_visible
from bangvang.records.errors import ErrorLog
from bangvang.records.markdown_limits import markdown_problems
from bangvang.records.privacy import private_key, private_value
from bangvang.records.yamlpos import Located, Path
from bangvang.text import guess_date, is_slug, parse_date

MAX_CHOICES_SHOWN = 13
# What the site can show: figures up to a million billion, whole numbers (tallies, ranks) up to a
# billion, years and dates from 1900 to 2100.
MAX_FIGURE = 10**15
MAX_INTEGER = 10**9
FIRST_YEAR, LAST_YEAR = 1900, 2100
# A number as staff write it: digits 0-9, an optional sign and decimal part. YAML 1.1 also reads
# 010 (octal 8), 0x1F, 0b101, 1_000, 1:20 (base 60: 80), 1e3 and .5 as numbers: those are refused.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?", re.ASCII)


@dataclass
class RefUse:
    kind: str
    target: str
    path: Path
    field: str


@dataclass
class FileCheck:
    """What checking one file needs: where it is, its positions, and where errors go."""

    file: str
    located: Located
    log: ErrorLog
    refs: list[RefUse] = field(default_factory=list)

    def error(self, path: Path, message: str, at_key: bool = False) -> None:
        line, col = self.located.key_pos(path) if at_key else self.located.pos(path)
        self.log.add(self.file, line, col, message)


# What one item of a list field is called in messages: "người nhận thứ 3", not "recipients[2]".
LIST_ITEM_WORDS = {
    "recipients": "người nhận",
    "figures": "số liệu",
    "items": "số liệu thành phần",
    "sections": "mục",
    "targets": "chỉ tiêu",
    "results": "kết quả",
    "images": "ảnh",
    "basis": "văn bản căn cứ",
    "units": "tập thể",
    "people": "cá nhân",
    "aliases": "tên gọi khác",
    "successors": "đơn vị kế thừa",
}


def _label(path: Path) -> str:
    """A place in a record as staff read it: 'count.tap_the', 'unit của người nhận thứ 3',
    'value của số liệu thứ 2 của kết quả thứ 1' (never 'recipients[2]')."""
    levels: list[str] = []
    keys: list[str] = []
    for part in path:
        if isinstance(part, int):
            field = keys.pop() if keys else ""
            if keys:
                levels.append(".".join(keys))
            keys = []
            item = LIST_ITEM_WORDS.get(field)
            levels.append(f"{item} thứ {part + 1}" if item else f"mục thứ {part + 1} của {field or 'danh sách'}")
        else:
            keys.append(str(part))
    if keys:
        levels.append(".".join(keys))
    return " của ".join(reversed(levels)) if levels else "bản ghi"


def _suggest(word: str, choices) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; có phải ý bạn là '{close[0]}'?" if close else ""


def _choices_text(choices) -> str:
    choices = list(choices)
    if len(choices) <= MAX_CHOICES_SHOWN:
        return "; chọn một trong: " + ", ".join(choices)
    return ""


def check_shape(shape: s.Shape, value: Any, path: Path, fc: FileCheck) -> dict | None:
    if not isinstance(value, dict):
        fc.error(
            path,
            f"'{_label(path)}' phải là một nhóm trường ({shape.title}), dạng 'tên: giá trị'"
            if path
            else f"bản ghi phải là các dòng 'tên: giá trị' ({shape.title})",
        )
        return None
    out: dict = {}
    for key, item in value.items():
        spec = shape.field(key)
        if spec is None:
            private = private_key(key)
            if private:
                fc.error(
                    path + (key,),
                    f"trường '{key}' không có trong mẫu {shape.title.lower()}: {private} là dữ "
                    "liệu cá nhân, không bao giờ được công bố; xóa cả dòng này",
                    at_key=True,
                )
                continue
            hint = _suggest(key, shape.keys) or (
                "; các trường hợp lệ: " + ", ".join(shape.keys) if len(shape.keys) <= MAX_CHOICES_SHOWN else ""
            )
            fc.error(path + (key,), f"trường '{key}' không có trong mẫu {shape.title.lower()}{hint}", at_key=True)
            continue
        if item is None or (isinstance(item, str) and not item.strip()):
            if spec.required:
                fc.error(path + (key,), f"trường bắt buộc '{key}' ({spec.title}) đang để trống")
            elif isinstance(item, str) and isinstance(spec.type, s.Text):
                out[key] = ""  # `text: ''` stays an empty text (the open data gives back what was written)
            continue
        checked = check_value(spec.type, item, path + (key,), fc)
        if spec.required and checked == []:
            fc.error(path + (key,), f"danh sách bắt buộc '{key}' ({spec.title}) cần ít nhất một mục")
        if checked is not None:
            out[key] = checked
    for spec in shape.fields:
        if spec.required and spec.key not in value:
            where = f" trong '{_label(path)}'" if path else ""
            fc.error(path, f"thiếu trường bắt buộc '{spec.key}' ({spec.title}){where}")
    for rule in shape.rules:
        rule(
            value,
            lambda key, msg: fc.error(
                path + (key,) if key else path, msg + (f" (trong '{_label(path)}')" if path else ""), at_key=bool(key)
            ),
        )
    return out


def _text_of(value: Any, path: Path, fc: FileCheck) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # a number or a date-like word written as text is still text ("name: 2021")
        return fc.located.raw.get(path, str(value))
    if isinstance(value, bool):
        return fc.located.raw.get(path, str(value))
    return None


def check_value(typ, value: Any, path: Path, fc: FileCheck):
    """The value checked against its field type (one function a type, below), or None when refused."""
    if isinstance(value, (dict, list)) and not isinstance(typ, (s.Shape, s.ListOf)):
        fc.error(path, f"'{_label(path)}' phải là một giá trị đơn ({typ.name}), không phải danh sách hay nhóm")
        return None
    return _check(typ, value, path, fc, _label(path))


@functools.singledispatch
def _check(typ, value: Any, path: Path, fc: FileCheck, label: str):
    raise TypeError(f"unknown field type {typ!r}")  # a programming error, never data


@_check.register
def _(typ: s.Shape, value: Any, path: Path, fc: FileCheck, label: str):
    return check_shape(typ, value, path, fc)


@_check.register
def _(typ: s.ListOf, value: Any, path: Path, fc: FileCheck, label: str):
    if not isinstance(value, list):
        fc.error(path, f"'{label}' phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ')")
        return None
    items = []
    for i, item in enumerate(value):
        if item is None:
            fc.error(path + (i,), f"mục thứ {i + 1} của '{label}' đang để trống")
            continue
        checked = check_value(typ.item, item, path + (i,), fc)
        if checked is not None:
            items.append(checked)
    return items


@_check.register
def _(typ: s.Text, value: Any, path: Path, fc: FileCheck, label: str):
    text = _text_of(value, path, fc)
    if text is None:
        fc.error(path, f"'{label}' phải là chữ")
        return None
    if text.strip() and not has_visible(text):
        fc.error(
            path,
            f"'{label}' chỉ gồm ký tự vô hình (khoảng trắng đặc biệt, ký tự nối, ký tự lấp chỗ); "
            "ghi chữ thấy được hoặc xóa trường",
        )
        return None
    if private_value(text):
        fc.error(path, f"'{label}' có vẻ chứa {private_value(text)}: dữ liệu cá nhân không được công bố; xóa phần đó")
    if typ.markdown:
        for too_much in markdown_problems(text):
            line, col = fc.located.text_pos(path, too_much.offset)
            fc.log.add(fc.file, line, col, f"'{label}': {too_much.message}")
    return text


@_check.register
def _(typ: s.Slug, value: Any, path: Path, fc: FileCheck, label: str):
    text = _text_of(value, path, fc)
    if text is None or not is_slug(text):
        fc.error(path, f"'{label}': '{text}' không phải mã hợp lệ (chữ thường không dấu, số, nối bằng '-')")
        return None
    return text


@_check.register
def _(typ: s.Ref, value: Any, path: Path, fc: FileCheck, label: str):
    text = _text_of(value, path, fc)
    if text is None or not text.strip():
        fc.error(path, f"'{label}' phải là mã của một bản ghi")
        return None
    fc.refs.append(RefUse(typ.kind, text.strip(), path, label))
    return text.strip()


@_check.register
def _(typ: s.Enum, value: Any, path: Path, fc: FileCheck, label: str):
    text = _text_of(value, path, fc)
    if text not in typ.choices:
        fc.error(
            path, f"'{label}': '{text}' không hợp lệ{_suggest(str(text), typ.choices)}{_choices_text(typ.choices)}"
        )
        return None
    return text


@_check.register
def _(typ: s.Date, value: Any, path: Path, fc: FileCheck, label: str):
    return _date(value, path, fc, label)


@_check.register
def _(typ: s.Year, value: Any, path: Path, fc: FileCheck, label: str):
    return _year(value, path, fc, label)


@_check.register
def _(typ: s.YearOrDate, value: Any, path: Path, fc: FileCheck, label: str):
    if isinstance(value, int) and not isinstance(value, bool):
        return _year(value, path, fc, label)
    text = _text_of(value, path, fc) or ""
    if text.strip().isdigit():
        return _year(text, path, fc, label)
    return _date(value, path, fc, label)


@_check.register
def _(typ: s.Integer, value: Any, path: Path, fc: FileCheck, label: str):
    if isinstance(value, bool) or not isinstance(value, int):
        fc.error(path, f"'{label}' phải là số nguyên (đang là '{fc.located.raw.get(path, value)}')")
        return None
    if not _spelled_plainly(value, path, fc, label):
        return None
    if value < typ.minimum or (typ.maximum is not None and value > typ.maximum):
        bound = f"từ {typ.minimum} đến {typ.maximum}" if typ.maximum is not None else f"≥ {typ.minimum}"
        fc.error(path, f"'{label}' phải là số nguyên {bound} (đang là {value})")
        return None
    if value > MAX_INTEGER:
        fc.error(path, f"'{label}' quá lớn ({value}); tối đa {_n(MAX_INTEGER)}")
        return None
    return value


@_check.register
def _(typ: s.Number, value: Any, path: Path, fc: FileCheck, label: str):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raw = fc.located.raw.get(path, str(value))
        hint = "; viết dấu chấm thập phân và không phân nhóm: 1356, 95.12" if any(c in raw for c in ",.") else ""
        fc.error(path, f"'{label}' phải là một con số (đang là '{raw}'){hint}")
        return None
    if not _spelled_plainly(value, path, fc, label):
        return None
    if abs(value) > MAX_FIGURE:
        fc.error(
            path,
            f"'{label}' quá lớn ({fc.located.raw.get(path, value)}); trang chỉ hiện số "
            f"từ -{_n(MAX_FIGURE)} đến {_n(MAX_FIGURE)}",
        )
        return None
    return value


@_check.register
def _(typ: s.Url, value: Any, path: Path, fc: FileCheck, label: str):
    text = _text_of(value, path, fc) or ""
    if not text.lower().startswith(("http://", "https://")) or any(c.isspace() for c in text) or not _has_host(text):
        fc.error(path, f"'{label}' chỉ nhận địa chỉ bắt đầu bằng http:// hoặc https:// (đang là '{text}')")
        return None
    problem = _url_problem(text)
    if problem:
        fc.error(path, f"'{label}': {problem}")
        return None
    return text


def _url_problem(url: str) -> str | None:
    """What makes a web address unfit to publish: a user name or password in it, or a port that
    cannot exist."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        return (
            "địa chỉ có tên đăng nhập hoặc mật khẩu (phần trước '@'); không công bố những thông tin đó: "
            "chỉ ghi https://tên-miền/…"
        )
    try:
        port = parts.port
    except ValueError:
        return "cổng (số sau dấu ':' của tên miền) không hợp lệ; cổng là số từ 1 đến 65535, thường bỏ trống"
    if port == 0:
        return "cổng (số sau dấu ':' của tên miền) không hợp lệ; cổng là số từ 1 đến 65535, thường bỏ trống"
    return None


def _spelled_plainly(value: Any, path: Path, fc: FileCheck, label: str) -> bool:
    """Whether a number read from the file was written as digits (not a YAML 1.1 spelling that
    changes its value: 010 is 8, 0x1F is 31, 1:20 is 80); reports the problem when not."""
    raw = fc.located.raw.get(path)
    if raw is None or _PLAIN_NUMBER.fullmatch(raw.strip()):
        return True
    digits = raw.strip().lstrip("+")
    if re.fullmatch(r"-?0+[0-9]+(\.[0-9]+)?", digits):
        suggestion = ("-" if digits.startswith("-") else "") + (digits.lstrip("-").lstrip("0") or "0")
        if suggestion.lstrip("-").startswith("."):
            suggestion = suggestion.replace(".", "0.", 1)
    elif isinstance(value, float) and value.is_integer() and abs(value) <= MAX_FIGURE:
        suggestion = str(int(value))
    elif isinstance(value, float) and abs(value) <= MAX_FIGURE:
        suggestion = repr(value)
    elif isinstance(value, int) and abs(value) <= MAX_FIGURE:
        suggestion = str(value)
    else:
        suggestion = "số đầy đủ, không dạng mũ"
    fc.error(
        path,
        f"'{label}': '{raw}' là cách viết số của YAML 1.1, máy đọc thành {value!r}; viết số thường "
        f"bằng chữ số 0–9 ({suggestion}), hoặc đặt trong ngoặc kép nếu đây là chữ",
    )
    return False


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _has_host(url: str) -> bool:
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # "http://[bad" and other unparsable addresses
        return False


def _date(value: Any, path: Path, fc: FileCheck, label: str):
    text = fc.located.raw.get(path) if not isinstance(value, str) else value
    if text and any(c.isdigit() and not c.isascii() for c in text):
        fc.error(
            path, f"'{label}': ngày chỉ viết bằng chữ số 0–9 và dấu '-' hoặc '/', ví dụ 15/03/2022 hoặc 2022-03-15"
        )
        return None
    day = parse_date(text or "")
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        fc.error(path, f"'{label}': ngày {text} nằm ngoài khoảng {FIRST_YEAR}–{LAST_YEAR} mà trang hiển thị")
        return None
    if day is None:
        # (a date is short: a long text is never guessed, so guessing stays cheap)
        guess = guess_date(text or "") if len(text or "") <= 40 else None
        if guess is not None:
            fc.error(
                path,
                f"'{label}': '{text}' sai dạng, có phải {guess.strftime('%d/%m/%Y')}? "
                "Viết DD/MM/YYYY (ví dụ 15/03/2022) hoặc YYYY-MM-DD",
            )
        else:
            fc.error(
                path,
                f"'{label}': '{text}' không phải một ngày có thật; viết DD/MM/YYYY (ví dụ 15/03/2022) hoặc YYYY-MM-DD",
            )
    return day


def _year(value: Any, path: Path, fc: FileCheck, label: str):
    if isinstance(value, str):
        digits = value.strip()
        if digits.isdigit() and not digits.isascii():
            fc.error(path, f"'{label}': năm chỉ viết bằng chữ số 0–9, ví dụ 2021")
            return None
        if digits.isdigit() and len(digits) <= 6:
            value = int(digits)
    elif isinstance(value, int) and not isinstance(value, bool) and not _spelled_plainly(value, path, fc, label):
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not FIRST_YEAR <= value <= LAST_YEAR:
        fc.error(path, f"'{label}' phải là một năm, ví dụ 2021 (đang là '{fc.located.raw.get(path, value)}')")
        return None
    return value
