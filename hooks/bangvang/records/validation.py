"""One call that loads and checks the whole data set: what the build and scripts/validate.py use."""
from __future__ import annotations

from pathlib import Path

from bangvang.records.dataset import DataSet
from bangvang.records.docs_files import check_docs
from bangvang.records.errors import DataError, ErrorLog
from bangvang.records.loader import load_dataset
from bangvang.records.rules import check_rules


def validate(data_dir: Path, docs_dir: Path | None = None) -> tuple[DataSet, list[DataError]]:
    """The data set and every error in it, sorted (an empty list when the data is valid)."""
    log = ErrorLog()
    dataset = load_dataset(Path(data_dir), log)
    if docs_dir is not None:
        check_docs(Path(docs_dir), log)  # what MkDocs would publish from docs/: no links, no stray types
    check_rules(dataset, log, docs_dir)
    for record in dataset.all():
        record.located = None  # positions are only needed for messages; free them for the build
    return dataset, log.sorted()
