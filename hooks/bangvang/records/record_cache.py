"""Records kept between the rebuilds of one preview (`mkdocs serve`): a record file whose bytes
have not changed since the last rebuild is not parsed and shape-checked again.

Only files that loaded without any error are kept, each under a hash of its content; a file
whose size, modification time (in nanoseconds) and inode are those seen last time is not even
read again, any other is read and compared by its hash (a save that changed nothing, or a file
put back as it was, is still a hit). A hit gives a
fresh Record (its values unpickled, so nothing a later step does to them reaches the next
rebuild), without positions: validation.validate() checks the whole set again without the cache
as soon as any error is found, so every message still has its line and column.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from bangvang.records.dataset import Record
from bangvang.records.errors import ErrorLog
from bangvang.records.yamlpos import MAX_FILE_BYTES


class RecordCache:
    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[bytes, bytes]] = {}  # (shown, kind) → (content hash, pickled record)
        self._seen: dict[tuple[str, str], tuple[tuple, bytes]] = {}  # (shown, kind) → (stat, content hash)
        self.hits = 0
        self.misses = 0

    def load(self, file: Path, shown: str, kind, log: ErrorLog, load_record) -> Record | None:
        """load_record(file, shown, kind, log), or the record it gave for the same bytes last time."""
        key = (shown, kind.folder)
        kept = self._kept.get(key)
        before = self._unchanged(key, file) if kept is not None else None
        if before is None:
            before = _digest(file)
        if before is not None and kept is not None and kept[0] == before:
            self.hits += 1
            if key not in self._seen or self._seen[key][1] != before or self._unchanged(key, file) is None:
                self._remember(key, file, before)
            record_id, data, refs = pickle.loads(kept[1])
            return Record(kind.folder, record_id, shown, data, refs=refs)
        self.misses += 1
        seen = log.per_file.get(shown, 0)
        record = load_record(file, shown, kind, log)
        # kept only when clean, and when the file did not change while it was read
        if record is not None and log.per_file.get(shown, 0) == seen and before is not None and _digest(file) == before:
            self._kept[key] = (
                before,
                pickle.dumps((record.id, record.data, record.refs), protocol=pickle.HIGHEST_PROTOCOL),
            )
            self._remember(key, file, before)
        else:
            self._kept.pop(key, None)
        return record

    def _unchanged(self, key, file: Path) -> bytes | None:
        """The content hash seen last time, when the file's size, time and inode are the same."""
        seen = self._seen.get(key)
        try:
            info = os.stat(file)
        except OSError:
            return None
        return seen[1] if seen is not None and seen[0] == _signature(info) else None

    def _remember(self, key, file: Path, digest: bytes) -> None:
        """Keep the file's size, time and inode with its hash, if they held still while it was hashed."""
        self._seen.pop(key, None)
        try:
            first = _signature(os.stat(file))
            same = _digest(file) == digest
            if same and _signature(os.stat(file)) == first:
                self._seen[key] = (first, digest)
        except OSError:
            pass


def _signature(info: os.stat_result) -> tuple:
    return (info.st_size, info.st_mtime_ns, info.st_ino, info.st_dev)


def _digest(file: Path) -> bytes | None:
    try:
        with open(file, "rb") as handle:
            # never more than the loader reads: a larger file is refused, so never kept
            return hashlib.blake2b(handle.read(MAX_FILE_BYTES + 1), digest_size=20).digest()
    except OSError:
        return None
