"""One call that loads and checks the whole data set: what the build and scripts/validate.py use."""

from __future__ import annotations

from pathlib import Path

from bangvang.records.dataset import DataSet
from bangvang.records.docs_files import check_docs
from bangvang.records.errors import DataError, ErrorLog
from bangvang.records.loader import load_dataset
from bangvang.records.record_cache import RecordCache
from bangvang.records.rules import check_rules


def validate(
    data_dir: Path, docs_dir: Path | None = None, cache: RecordCache | None = None
) -> tuple[DataSet, list[DataError]]:
    """The data set and every error in it, sorted (an empty list when the data is valid).

    `cache` (the preview's): unchanged files are taken from it; records taken from it carry no
    positions, so when anything is wrong the whole set is checked again without it, and every
    message is exactly what it would have been."""
    if cache is not None:
        dataset, errors = _validate(Path(data_dir), docs_dir, cache)
        if not errors:
            return dataset, errors
    return _validate(Path(data_dir), docs_dir, None)


def _validate(data_dir: Path, docs_dir: Path | None, cache: RecordCache | None) -> tuple[DataSet, list[DataError]]:
    log = ErrorLog()
    dataset = load_dataset(data_dir, log, cache)
    if docs_dir is not None:
        check_docs(Path(docs_dir), log)  # what MkDocs would publish from docs/: no links, no stray types
    check_rules(dataset, log, docs_dir)
    for record in dataset.all():
        record.located = None  # positions are only needed for messages; free them for the build
    return dataset, log.sorted()
