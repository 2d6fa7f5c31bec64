"""Find and read every record file under data/, checking each against its record type.

Nothing under data/ is passed over in silence: every file and folder is either read as a record
or reported (a symlink, a record saved as .yaml, .yml.txt or with no extension, a stray file or
folder), with the only exceptions named in IGNORED_NAMES.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path as FsPath

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet, Record
from bangvang.records.errors import ErrorLog
from bangvang.records.record_cache import RecordCache
from bangvang.records.shapecheck import FileCheck, check_shape, check_value
from bangvang.records.yamlpos import MAX_FILE_BYTES, Located, YamlProblem, load_yaml
from bangvang.text import is_slug, slugify

YAML_SUFFIXES = (".yml", ".yaml")
# Files that are never records and never published, left alone wherever they are: git's marker
# that keeps an empty folder, and the folder metadata macOS and Windows write by themselves
# (an error for those would reappear at every save).
IGNORED_NAMES = {".gitkeep", ".ds_store", "thumbs.db", "desktop.ini"}
# "x.yml.txt": Windows hides the last extension, so a record saved by Notepad looks right.
_HIDDEN_EXTENSION = re.compile(r"(?i)(.+)\.ya?ml\.[^.]+")
FIRST_YEAR, LAST_YEAR = 1900, 2100


def load_dataset(data_dir: FsPath, log: ErrorLog, cache: RecordCache | None = None) -> DataSet:
    """Every record under data_dir, shape-checked; problems go to log, bad records are left out.
    With a cache (the preview's), files unchanged since the last call are not parsed again."""
    data_dir = FsPath(data_dir)
    dataset = DataSet()
    for kind in s.KINDS:
        dataset.kind(kind)
    if data_dir.is_symlink():
        log.add("data/", 1, 1, "thư mục data/ là một liên kết (symlink); hãy đặt dữ liệu thật trong kho")
        return dataset
    vocab_file = data_dir / s.VOCAB_PATH
    if vocab_file.is_file() and not _linked(data_dir, vocab_file):
        _load_vocab(vocab_file, _display(data_dir, vocab_file), dataset, log)
    elif not vocab_file.is_symlink():
        log.add(f"data/{s.VOCAB_PATH}", 1, 1, "thiếu tệp danh mục danh hiệu, hình thức khen thưởng")
    for file, record_kind in _record_files(data_dir, log):
        shown = _display(data_dir, file)
        record = (
            cache.load(file, shown, record_kind, log, _load_record)
            if cache is not None
            else _load_record(file, shown, record_kind, log)
        )
        if record is None:
            continue
        existing = dataset.kind(record_kind.folder).get(record.id)
        if existing is not None:
            log.add(shown, 1, 1, f"mã '{record.id}' đã dùng cho {existing.path}; mỗi {record_kind.label} một mã riêng")
            continue
        dataset.kind(record_kind.folder)[record.id] = record
    return dataset


def _linked(data_dir: FsPath, path: FsPath) -> bool:
    """Whether path, or a folder between data_dir and it, is a symlink."""
    current = path
    while current != data_dir and current != current.parent:
        if current.is_symlink():
            return True
        current = current.parent
    return False


def _record_files(data_dir: FsPath, log: ErrorLog) -> list[tuple[FsPath, s.Kind]]:
    """The record files under data_dir, sorted; every other entry is reported (links never followed).
    A file in a misplaced folder is reported by name; a misplaced folder with nothing in it, by its own."""
    found: list[tuple[FsPath, s.Kind]] = []
    pending: list[tuple[FsPath, str | None]] = [(data_dir, None)]  # a folder and what is wrong with it
    while pending:
        folder, misplaced = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            log.add(_display(data_dir, folder) + "/", 1, 1, f"không đọc được thư mục ({exc.strerror})")
            continue
        entries = [e for e in entries if not _ignored(e)]
        if misplaced and not entries:
            log.add(_display(data_dir, folder) + "/", 1, 1, misplaced)
        for entry in entries:
            path = FsPath(entry.path)
            rel = path.relative_to(data_dir).parts
            shown = _display(data_dir, path)
            if entry.is_symlink():
                # a link could point anywhere on the machine that builds the site (/etc/passwd, /dev/zero)
                log.add(shown, 1, 1, "không dùng liên kết (symlink) trong data/; hãy đặt tệp hoặc thư mục thật ở đây")
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                log.add(shown, 1, 1, f"không đọc được ({exc.strerror})")
                continue
            if stat.S_ISDIR(mode):
                pending.append((path, misplaced or _folder_problem(entry.name, rel)))
            elif not stat.S_ISREG(mode):
                log.add(shown, 1, 1, "không phải một tệp thường (thiết bị, ống, socket…); xóa nó khỏi data/")
            else:
                problem = misplaced or _file_problem(entry.name, rel)
                if problem == "record":
                    found.append((path, s.KINDS[rel[0]]))
                elif problem:
                    log.add(shown, 1, 1, problem)
    return sorted(found, key=lambda item: item[0])


def _ignored(entry: os.DirEntry) -> bool:
    return entry.name.lower() in IGNORED_NAMES and not entry.is_symlink() and entry.is_file(follow_symlinks=False)


def _folder_problem(name: str, rel: tuple[str, ...]) -> str | None:
    """None for a folder whose records are read, else why its files are not read."""
    if len(rel) == 1:
        if name in s.KINDS or name == s.VOCAB_PATH.split("/")[0]:
            return None
        return (
            f"thư mục '{name}' không thuộc loại bản ghi nào nên tệp trong đó không được đọc; dùng một trong: "
            + ", ".join(s.KINDS)
        )
    kind = s.KINDS.get(rel[0])
    if kind is not None and kind.by_year and len(rel) == 2:
        if name.isascii() and name.isdigit() and len(name) == 4 and FIRST_YEAR <= int(name) <= LAST_YEAR:
            return None
        return f"thư mục '{name}' phải là một năm, ví dụ data/{kind.folder}/2021/; tệp trong đó không được đọc"
    if kind is None:
        return f"data/{rel[0]}/ không có thư mục con; tệp trong '{name}' không được đọc"
    where = f"data/{kind.folder}/<năm>/" if kind.by_year else f"data/{kind.folder}/"
    return f"đặt tệp {kind.label} trực tiếp trong {where}, không trong thư mục con '{name}' (tệp ở đó không được đọc)"


def _file_problem(name: str, rel: tuple[str, ...]) -> str | None:
    """'record' for a record file in its place, None for the vocabulary, else why it is not read."""
    kind = s.KINDS.get(rel[0]) if len(rel) > 1 else None
    if len(rel) > 1 and "/".join(rel) == s.VOCAB_PATH:
        return None  # read on its own, before the records
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    hidden = _HIDDEN_EXTENSION.fullmatch(name)
    if name.startswith("."):
        fix = (
            "xóa tệp ẩn này"
            if not name.lower().endswith(YAML_SUFFIXES)
            else f"đổi tên thành '{slugify(name) or 'ma-ban-ghi'}.yml' nếu đây là bản ghi"
        )
        return f"tệp ẩn '{name}' không phải bản ghi nên không được đọc; {fix}"
    if hidden:
        return (
            f"tệp '{name}' có đuôi thừa '.{suffix}' (Windows thường ẩn đuôi tệp) nên không được đọc; "
            f"đổi tên thành '{hidden.group(1)}.yml'"
        )
    if f".{suffix}".lower() in YAML_SUFFIXES and f".{suffix}" != ".yml":
        return f"đổi đuôi tệp thành .yml ('{stem}.yml'); tệp '{name}' chưa được đọc"
    if f".{suffix}" != ".yml":
        what = f"có đuôi '.{suffix}'" if suffix else "không có đuôi"
        return (
            f"tệp '{name}' {what}, không phải bản ghi (.yml) nên không được đọc; nếu là bản ghi, đổi tên "
            f"thành '{stem}.yml', nếu không, chuyển nó ra khỏi data/ (ảnh, tệp PDF đặt trong docs/)"
        )
    if len(rel) == 1:
        return f"tệp '{name}' nằm ngay trong data/ nên không được đọc; đặt nó vào thư mục loại bản ghi: " + ", ".join(
            f"data/{k}/" for k in s.KINDS
        )
    if kind is None:  # data/vocab/<other>.yml
        return f"data/{s.VOCAB_PATH.split('/')[0]}/ chỉ có tệp {s.VOCAB_PATH.split('/')[1]}; tệp này không được đọc"
    expected_depth = 3 if kind.by_year else 2
    if len(rel) != expected_depth:
        where = f"data/{kind.folder}/<năm>/" if kind.by_year else f"data/{kind.folder}/"
        return f"đặt tệp {kind.label} trực tiếp trong {where}"
    return "record"


def _display(data_dir: FsPath, file: FsPath) -> str:
    return "data/" + file.relative_to(data_dir).as_posix()


def _read(file: FsPath, shown: str, log: ErrorLog) -> Located | None:
    try:
        with file.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)  # never more: a huge file is refused unread
        if len(data) > MAX_FILE_BYTES:
            size = f"{file.stat().st_size:,}".replace(",", ".")
            raise YamlProblem(1, 1, f"tệp quá lớn ({size} byte; tối đa {MAX_FILE_BYTES:,})".replace(",", "."))
        located = load_yaml(data)
    except YamlProblem as problem:
        for line, col, message in problem.all():
            log.add(shown, line, col, message)
        return None
    except OSError as exc:
        log.add(shown, 1, 1, f"không đọc được tệp ({exc.strerror})")
        return None
    if located.value is None:
        log.add(shown, 1, 1, "tệp rỗng: cần ít nhất các trường bắt buộc")
        return None
    return located


def _load_record(file: FsPath, shown: str, kind: s.Kind, log: ErrorLog) -> Record | None:
    located = _read(file, shown, log)
    if located is None:
        return None
    fc = FileCheck(shown, located, log)
    for path, message in located.problems:
        fc.error(path, message)
    stem = file.stem
    if not is_slug(stem):
        fc.error(
            (),
            f"tên tệp '{file.name}' không phải mã hợp lệ (chữ thường không dấu, số, nối bằng '-'); "
            f"đổi thành '{slugify(stem) or 'ma-ban-ghi'}.yml'",
        )
    data = check_shape(kind.shape, located.value, (), fc)
    if data is None:
        return None
    _photos_from_docs(data)
    if "id" in data and data["id"] != stem:
        fc.error(("id",), f"'id' là '{data['id']}' nhưng tên tệp là '{file.name}'; hai mã phải trùng nhau")
    return Record(kind.folder, stem, shown, data, located, refs=fc.refs)


def _photos_from_docs(data: dict) -> None:
    """A photo written from the site's root, "/images/models/x.jpg" (as the browser editor at
    /quan-tri/ writes it), is the file docs/images/models/x.jpg: every later step sees one form,
    "images/models/x.jpg". Only one "/" goes: "//x.jpg" is still refused by the photo checks."""
    for image in data.get("images") or []:
        if isinstance(image, dict) and isinstance(image.get("src"), str) and image["src"].startswith("/"):
            image["src"] = image["src"][1:]


def _load_vocab(file: FsPath, shown: str, dataset: DataSet, log: ErrorLog) -> None:
    located = _read(file, shown, log)
    if located is None:
        return
    fc = FileCheck(shown, located, log)
    for path, message in located.problems:
        fc.error(path, message)
    entries = located.value
    if not isinstance(entries, list):
        fc.error((), "danh mục phải là một danh sách, mỗi mục bắt đầu bằng '- '")
        return
    for i, entry in enumerate(entries):
        data = check_value(s.VOCAB_ENTRY, entry, (i,), fc)
        if not data or "id" not in data:
            continue
        if data["id"] in dataset.vocab:
            fc.error((i, "id"), f"mã '{data['id']}' bị lặp trong danh mục")
            continue
        dataset.vocab[data["id"]] = Record("vocab", data["id"], shown, data, located, base=(i,))
