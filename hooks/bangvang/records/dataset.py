"""The loaded records: one Record per file (or per vocabulary entry), grouped by kind."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bangvang.records.yamlpos import Located, Path


@dataclass
class Record:
    folder: (
        str  # kind of record, as its folder name: units, people, documents, campaigns, models, awards, reports, vocab
    )
    id: str
    path: str  # "data/units/xa-gia-luong.yml", as staff see it
    data: dict[str, Any]
    located: Located | None = None
    base: Path = ()  # where the record sits inside its file (vocabulary entries share one file)
    refs: list = field(default_factory=list)

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass
class DataSet:
    records: dict[str, dict[str, Record]] = field(default_factory=dict)

    def kind(self, kind: str) -> dict[str, Record]:
        return self.records.setdefault(kind, {})

    def get(self, kind: str, record_id: str) -> Record | None:
        return self.records.get(kind, {}).get(record_id)

    def ref(self, kind: str, record_id: str) -> Record:
        """The record a checked reference points to: after validation it always exists (a
        KeyError here is a programming error, never a data error)."""
        return self.records[kind][record_id]

    def all(self) -> Iterator[Record]:
        for by_id in self.records.values():
            yield from by_id.values()

    @property
    def vocab(self) -> dict[str, Record]:
        return self.kind("vocab")
