"""The search box's filter choices: the ids in the index, with the labels readers see.

Filters in the index are keyed by ids made from the data (kinds, years, commune unit ids, field
and award-form ids); this file gives each id present in the index its label, in the order the
box lists them. It is small and fetched only when the reader opens the filters.
"""

from __future__ import annotations

import json
from pathlib import Path

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet
from bangvang.search.records import FILTERS, KINDS, SearchRecord
from bangvang.text import sort_key

FILE = "facets.json"


def facet_choices(records: list[SearchRecord], data: DataSet, extra_kinds: tuple[str, ...] = ()) -> dict:
    """{filter: [[id, label], …]} for every filter value some record has, in display order."""
    used: dict[str, set[str]] = {name: set() for name in FILTERS}
    for record in records:
        for name, values in record.filters.items():
            used[name].update(values)
    used["kind"].update(extra_kinds)
    units = data.kind("units")
    vocab = data.vocab
    fields = dict(s.FIELDS.labels)
    choices = {
        "kind": [[k, label] for k, label in KINDS.items() if k in used["kind"]],
        "year": [[y, y] for y in sorted(used["year"], reverse=True)],
        "commune": sorted(
            ([u, units[u]["name"]] for u in used["commune"] if u in units), key=lambda pair: sort_key(pair[1])
        ),
        "field": [[f, label] for f, label in s.FIELDS.labels if f in used["field"]]
        + [[f, f] for f in sorted(used["field"] - set(fields))],
        "award": sorted(
            ([a, vocab[a]["name"]] for a in used["award"] if a in vocab),
            key=lambda pair: (vocab[pair[0]].get("rank", 999), sort_key(pair[1])),
        ),
    }
    return {name: choices[name] for name in FILTERS}


def write_facets(folder: Path, choices: dict) -> None:
    text = json.dumps(choices, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    (Path(folder) / FILE).write_text(text, encoding="utf-8")
