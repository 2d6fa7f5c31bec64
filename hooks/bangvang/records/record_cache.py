"""Records kept between the rebuilds of one preview (`mkdocs serve`): a record file whose bytes
have not changed since the last rebuild is not parsed and shape-checked again.

Only files that loaded without any error are kept, each under a hash of its content (the path
and its size and time alone could miss an edit saved within the same second). A hit gives a
fresh Record (its values unpickled, so nothing a later step does to them reaches the next
rebuild), without positions: validation.validate() checks the whole set again without the cache
as soon as any error is found, so every message still has its line and column.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

from bangvang.records.dataset import Record
from bangvang.records.errors import ErrorLog
from bangvang.records.yamlpos import MAX_FILE_BYTES


class RecordCache:
    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[bytes, bytes]] = {}  # (shown, kind) → (content hash, pickled record)
        self.hits = 0
        self.misses = 0

    def load(self, file: Path, shown: str, kind, log: ErrorLog, load_record) -> Record | None:
        """load_record(file, shown, kind, log), or the record it gave for the same bytes last time."""
        key = (shown, kind.folder)
        before = _digest(file)
        kept = self._kept.get(key)
        if before is not None and kept is not None and kept[0] == before:
            self.hits += 1
            record_id, data, refs = pickle.loads(kept[1])
            return Record(kind.folder, record_id, shown, data, refs=refs)
        self.misses += 1
        seen = log.per_file.get(shown, 0)
        record = load_record(file, shown, kind, log)
        # kept only when clean, and when the file did not change while it was read
        if record is not None and log.per_file.get(shown, 0) == seen and before is not None \
                and _digest(file) == before:
            self._kept[key] = (before, pickle.dumps((record.id, record.data, record.refs), protocol=pickle.HIGHEST_PROTOCOL))
        else:
            self._kept.pop(key, None)
        return record


def _digest(file: Path) -> bytes | None:
    try:
        with open(file, "rb") as handle:
            # never more than the loader reads: a larger file is refused, so never kept
            return hashlib.blake2b(handle.read(MAX_FILE_BYTES + 1), digest_size=20).digest()
    except OSError:
        return None
