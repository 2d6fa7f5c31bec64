"""Read one YAML file safely and keep the file:line:col of every value.

The file is composed into nodes with PyYAML's safe loader and turned into plain Python values
by our own code, so no tag can build an object, an alias cannot multiply a document (aliases
are refused outright: records never need them), duplicate keys are caught, and every string is
NFC. Positions are kept beside the values, keyed by the path to the value.

Characters that editors, browsers or XML show differently from YAML (hidden line breaks, bidi
controls, control characters, also when written as escapes such as "\\e") are refused where
they stand (characters.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor

from bangvang.records.characters import cleaned, refused_in_file, refused_in_value
from bangvang.text import nfc

MAX_FILE_BYTES = 1_000_000  # a record is a few KB; anything this large is a mistake or an attack
MAX_SCALAR_CHARS = 200_000
MAX_NUMBER_DIGITS = 30

Path = tuple  # keys and list indexes from the document root


@dataclass
class Located:
    """A document's values plus where each came from (1-based line and column)."""

    value: Any
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path, str] = field(default_factory=dict)  # the scalar as written
    quoted: set = field(default_factory=set)
    problems: list[tuple[Path, str]] = field(default_factory=list)  # value-level errors
    literal: set = field(default_factory=set)  # values written as literal blocks (`key: |`)
    source: str = ""  # the file's text, to place a problem inside a literal block
    _lines: list[str] | None = field(default=None, repr=False)

    def text_pos(self, path: Path, offset: int) -> tuple[int, int]:
        """Where character `offset` of the text value at path is in the file: exact inside a
        literal block (`|`), where the value starts for any other spelling."""
        path = tuple(path)
        if path not in self.literal or path not in self.positions or not self.source:
            return self.pos(path)
        value_lines = self.raw_value_lines(path)
        index, start = 0, 0
        for index, line in enumerate(value_lines):  # noqa: B007 - index is read after the loop
            if offset <= start + len(line):
                break
            start += len(line) + 1
        first = self.positions[path][0] + 1  # the block's lines start below its `|`
        if self._lines is None:  # split once per file, however many problems it has
            self._lines = self.source.splitlines()
        lines = self._lines
        content = [line for line in lines[first - 1 : first - 1 + len(value_lines)] if line.strip()]
        indent = len(content[0]) - len(content[0].lstrip(" ")) if content else 0
        return first + index, indent + (offset - start) + 1

    def raw_value_lines(self, path: Path) -> list[str]:
        return self.raw.get(tuple(path), "").split("\n")

    def pos(self, path: Path) -> tuple[int, int]:
        """Position of the value at path, or of the nearest enclosing value."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def key_pos(self, path: Path) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.pos(path)


class YamlProblem(Exception):
    """A file that cannot be read; `others` holds further problems of the same file, if any."""

    def __init__(self, line: int, col: int, message: str, others: list[tuple[int, int, str]] | None = None):
        self.line, self.col, self.message = line, col, message
        self.others = others or []
        super().__init__(message)

    def all(self) -> list[tuple[int, int, str]]:
        return [(self.line, self.col, self.message), *self.others]


# Values are built from the parser's events with an explicit stack: linear in the file's size,
# no recursion however deep the nesting, and an alias is refused where it stands, before it
# could be expanded. libyaml's parser is used when PyYAML has it (it is much faster).
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 64


_YAML_PROBLEMS_VI = [
    ("mapping values are not allowed", "dấu ':' đặt sai chỗ; nếu giá trị có dấu ':' hãy đặt nó trong ngoặc kép"),
    ("could not find expected ':'", "thiếu dấu ':' sau tên trường"),
    ("found character '\\t'", "không dùng phím Tab để thụt lề; hãy dùng dấu cách"),
    ("found character '\t'", "không dùng phím Tab để thụt lề; hãy dùng dấu cách"),
    ("found unexpected end of stream", "thiếu dấu ngoặc kép đóng"),
    ("did not find expected key", "thụt lề không đúng: các trường cùng cấp phải thẳng hàng"),
    ("did not find expected '-' indicator", "thụt lề không đúng trong danh sách"),
    ("expected <block end>", "thụt lề không đúng: các trường cùng cấp phải thẳng hàng"),
    ("found unknown escape character", "ký tự thoát không hợp lệ trong chuỗi ngoặc kép"),
    ("found invalid Unicode character escape code", "mã thoát '\\u…' không phải một ký tự hợp lệ"),
    ("found undefined tag handle", "thẻ YAML không được phép"),
    ("cannot start any token", "ký tự không thể bắt đầu một giá trị; hãy đặt giá trị trong ngoặc kép"),
    ("found duplicate anchor", "không dùng neo YAML (&tên)"),
    ("found undefined alias", "không dùng tham chiếu YAML (*tên)"),
    ("expected a single document", "mỗi tệp chỉ chứa một bản ghi (không dùng '---' lần hai)"),
    ("special characters are not allowed", "tệp chứa ký tự điều khiển không hợp lệ"),
    ("unacceptable character", "tệp chứa ký tự điều khiển không hợp lệ"),
]


def _translate(problem: str) -> str:
    for needle, message in _YAML_PROBLEMS_VI:
        if needle in problem:
            return f"lỗi cú pháp YAML: {message}"
    return f"lỗi cú pháp YAML ({problem})"


_ALLOWED_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


def load_yaml(data: bytes) -> Located:
    """Parse one document; raise YamlProblem (line, col, Vietnamese message) on the first problem.

    Value-level problems (duplicate keys, refused tags) are collected in `problems` of the result
    instead, so a file reports all of them at once.
    """
    if len(data) > MAX_FILE_BYTES:
        raise YamlProblem(1, 1, f"tệp quá lớn ({len(data):,} byte; tối đa {MAX_FILE_BYTES:,})".replace(",", "."))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise YamlProblem(1, 1, "tệp phải lưu bằng mã UTF-8 (đang là UTF-16)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlProblem(line, col, "tệp phải lưu bằng mã UTF-8 (có byte không hợp lệ)") from None
    refused = refused_in_file(text)
    if refused:
        # checked before parsing: a hidden line break would shift every line number after it
        raise YamlProblem(*refused[0], others=refused[1:])
    located = Located(None, source=text)
    loader = _Loader(text)
    try:
        _build_from_events(loader, located)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = str(exc.problem or exc.context)
        if mark is not None and text[mark.index : mark.index + 1] == "\t":
            problem = "found character '\\t'"
        raise YamlProblem(line, col, _translate(problem)) from None
    except yaml.reader.ReaderError as exc:
        raise YamlProblem(*_reader_pos(text, exc.position), _translate(str(exc))) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(1, 1, _translate(str(exc))) from None
    finally:
        loader.dispose()
    return located


def _reader_pos(text: str, position: int) -> tuple[int, int]:
    """Line and column of a bad character: libyaml counts UTF-8 bytes, pure PyYAML characters."""
    if _Loader is not yaml.SafeLoader:
        position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
    before = text[:position]
    return before.count("\n") + 1, position - (before.rfind("\n") + 1) + 1


_constructor = SafeConstructor()


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


class _Container:
    """A mapping or sequence being filled; for a mapping, `key` waits for its value."""

    __slots__ = ("value", "path", "key", "skip")

    def __init__(self, value, path):
        self.value, self.path, self.key, self.skip = value, path, None, False

    def next_path(self):
        if isinstance(self.value, list):
            return self.path + (len(self.value),)
        return self.path + (self.key,)


def _build_from_events(loader, located: Located) -> None:
    stack: list[_Container] = []
    documents = 0
    while True:
        event = loader.get_event()
        if event is None or isinstance(event, yaml.StreamEndEvent):
            return
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlProblem(*_pos(event.start_mark), "mỗi tệp chỉ chứa một bản ghi (không dùng '---' lần hai)")
            continue
        if isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent)):
            continue
        parent = stack[-1] if stack else None
        # A scalar in key position of a mapping is a key, not a value.
        if (
            parent is not None
            and isinstance(parent.value, dict)
            and parent.key is None
            and not isinstance(event, (yaml.MappingEndEvent,))
        ):
            if not isinstance(event, yaml.ScalarEvent):
                raise YamlProblem(*_pos(event.start_mark), "tên trường phải là chữ")
            _take_key(parent, event, located)
            continue
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            done = stack.pop()
            if stack:
                _store(stack[-1], done.value)
            else:
                located.value = done.value
            continue
        path = parent.next_path() if parent is not None else ()
        located.positions[path] = _pos(event.start_mark)
        if isinstance(event, yaml.AliasEvent):
            # refused where it stands, once: an alias bomb must not turn into a flood of errors
            raise YamlProblem(
                *_pos(event.start_mark), "không dùng neo và tham chiếu YAML (&tên, *tên); hãy viết đầy đủ giá trị"
            )
        elif isinstance(event, yaml.ScalarEvent):
            value = _scalar(loader, event, located, path)
        else:
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(*_pos(event.start_mark), "cấu trúc lồng quá sâu")
            _check_tag(event.tag, located, path)
            container: dict | list = {} if isinstance(event, yaml.MappingStartEvent) else []
            stack.append(_Container(container, path))
            continue
        if parent is None:
            located.value = value
        else:
            _store(parent, value)


def _store(parent: _Container, value) -> None:
    if isinstance(parent.value, list):
        parent.value.append(value)
        return
    if not parent.skip:
        parent.value[parent.key] = value
    parent.key, parent.skip = None, False


def _take_key(parent: _Container, event, located: Located) -> None:
    key = nfc(event.value)
    kpath = parent.path + (key,)
    where = _pos(event.start_mark)
    parent.key = key
    bad = refused_in_value(key) if len(key) <= MAX_SCALAR_CHARS else "tên trường quá dài"
    if bad:
        # never echoed in a later message: the key's value is read and dropped
        kpath = parent.path + (f"#key{len(located.problems)}",)
        located.positions[kpath] = where
        located.problems.append((kpath, f"tên trường: {bad}"))
        parent.key = f"\0bad{len(located.problems)}"
        parent.skip = True
    elif key == "<<":
        located.positions[kpath] = where
        located.problems.append((kpath, "không dùng khóa gộp YAML '<<'"))
        parent.skip = True
    elif key in parent.value or kpath in located.key_positions:
        first = located.key_positions[kpath]
        located.positions[kpath + ("#dup",)] = where
        located.problems.append(
            (kpath + ("#dup",), f"trường '{key}' bị lặp (đã có ở dòng {first[0]}); mỗi trường chỉ ghi một lần")
        )
        parent.key = key + "\0dup"  # the duplicate's value is read and dropped
        parent.skip = True
    else:
        located.key_positions[kpath] = where


def _check_tag(tag, located: Located, path: Path) -> bool:
    if tag is None or tag in ("!",) or tag in _ALLOWED_TAGS:
        return True
    located.problems.append(
        (path, f"thẻ YAML '{tag.replace('tag:yaml.org,2002:', '!!')}' không được phép; chỉ ghi giá trị thường")
    )
    return False


def _scalar(loader, event, located: Located, path: Path):
    value = event.value
    located.raw[path] = nfc(value) if len(value) <= MAX_SCALAR_CHARS else ""
    if len(value) > MAX_SCALAR_CHARS:
        located.problems.append((path, f"giá trị quá dài ({len(value)} ký tự)"))
        return None
    if not _check_tag(event.tag, located, path):
        return None
    bad = refused_in_value(value)
    if bad:
        # reported once here; the value goes on with U+FFFD in place of each refused character, so
        # no later message prints one, and no other error (empty, unknown id) follows from it
        located.problems.append((path, bad))
        value = cleaned(value)
        located.raw[path] = nfc(value)
    if event.style in ("'", '"'):
        located.quoted.add(path)
    elif event.style == "|":
        located.literal.add(path)
    tag = event.tag if event.tag not in (None, "!") else loader.resolve(yaml.ScalarNode, value, event.implicit)
    node = yaml.ScalarNode(tag, value)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _constructor.construct_yaml_bool(node)
    if tag in ("tag:yaml.org,2002:int", "tag:yaml.org,2002:float"):
        if len(value) > MAX_NUMBER_DIGITS:
            located.problems.append((path, "số quá lớn"))
            return None
        try:
            if tag.endswith("int"):
                return _constructor.construct_yaml_int(node)
            return _constructor.construct_yaml_float(node)
        except (ValueError, TypeError):
            return nfc(value)
    # timestamps stay text: the schema reads both date formats and checks the day is real
    return nfc(value)
