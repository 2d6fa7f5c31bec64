"""Find and read every record file under data/, checking each against its record type."""
from __future__ import annotations

from pathlib import Path as FsPath

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet, Record
from bangvang.records.errors import ErrorLog
from bangvang.records.shapecheck import FileCheck, check_shape, check_value
from bangvang.text import is_slug, slugify
from bangvang.records.yamlpos import MAX_FILE_BYTES, Located, YamlProblem, load_yaml

YAML_SUFFIXES = (".yml", ".yaml")


def load_dataset(data_dir: FsPath, log: ErrorLog) -> DataSet:
    """Every record under data_dir, shape-checked; problems go to log, bad records are left out."""
    data_dir = FsPath(data_dir)
    dataset = DataSet()
    for kind in s.KINDS:
        dataset.kind(kind)
    vocab_file = data_dir / s.VOCAB_PATH
    if vocab_file.is_file():
        _load_vocab(vocab_file, _display(data_dir, vocab_file), dataset, log)
    else:
        log.add(f"data/{s.VOCAB_PATH}", 1, 1, "thiếu tệp danh mục danh hiệu, hình thức khen thưởng")
    for file in sorted(p for p in data_dir.rglob("*") if p.is_file() or p.is_symlink()):
        rel = file.relative_to(data_dir).parts
        shown = _display(data_dir, file)
        if any(part.startswith(".") for part in rel) or file.suffix.lower() not in YAML_SUFFIXES:
            continue  # .gitkeep, README.md, images…
        if rel == tuple(s.VOCAB_PATH.split("/")):
            continue
        kind = s.KINDS.get(rel[0])
        if file.is_symlink():
            # a link could point anywhere on the machine that builds the site (/dev/zero, secrets)
            log.add(shown, 1, 1, "không dùng liên kết (symlink) trong data/; hãy đặt tệp thật ở đây")
            continue
        if file.suffix != ".yml":
            log.add(shown, 1, 1, f"đổi đuôi tệp thành .yml ('{file.stem}.yml')")
            continue
        if kind is None:
            log.add(shown, 1, 1, f"thư mục '{rel[0]}' không thuộc loại bản ghi nào; dùng một trong: "
                                 + ", ".join(s.KINDS))
            continue
        expected_depth = 3 if kind.by_year else 2
        if len(rel) != expected_depth:
            where = f"data/{kind.folder}/<năm>/" if kind.by_year else f"data/{kind.folder}/"
            log.add(shown, 1, 1, f"đặt tệp {kind.label} trực tiếp trong {where}")
            continue
        if kind.by_year and not (rel[1].isdigit() and len(rel[1]) == 4):
            log.add(shown, 1, 1, f"thư mục '{rel[1]}' phải là một năm, ví dụ data/{kind.folder}/2021/")
            continue
        record = _load_record(file, shown, kind, log)
        if record is None:
            continue
        existing = dataset.kind(kind.folder).get(record.id)
        if existing is not None:
            log.add(shown, 1, 1, f"mã '{record.id}' đã dùng cho {existing.path}; mỗi {kind.label} một mã riêng")
            continue
        dataset.kind(kind.folder)[record.id] = record
    return dataset


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
        log.add(shown, problem.line, problem.col, problem.message)
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
        fc.error((), f"tên tệp '{file.name}' không phải mã hợp lệ (chữ thường không dấu, số, nối bằng '-'); "
                     f"đổi thành '{slugify(stem) or 'ma-ban-ghi'}.yml'")
    data = check_shape(kind.shape, located.value, (), fc)
    if data is None:
        return None
    if "id" in data and data["id"] != stem:
        fc.error(("id",), f"'id' là '{data['id']}' nhưng tên tệp là '{file.name}'; hai mã phải trùng nhau")
    return Record(kind.folder, stem, shown, data, located, refs=fc.refs)


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
