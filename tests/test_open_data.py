"""Open data at /du-lieu/: the JSON gives back exactly the records, the CSV opens in a spreadsheet
with Vietnamese intact, and the page documents every field and links every file."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
import yaml
from bangvang.records import schema as s

ROOT = Path(__file__).resolve().parents[1]
KINDS = list(s.KINDS) + ["vocab"]


@pytest.fixture(scope="module")
def dataset(site_dataset):
    return site_dataset


def _as_json(value):
    """What a record value must look like once read back from JSON (dates as ISO strings)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _read_csv(site: Path, kind: str) -> tuple[bytes, list[dict]]:
    raw = (site / "du-lieu" / f"{kind}.csv").read_bytes()
    return raw, list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("kind", KINDS)
def test_every_json_export_reads_back_as_the_records(built_site, dataset, kind):
    exported = json.loads((built_site / "du-lieu" / f"{kind}.json").read_text(encoding="utf-8"))
    records = dataset.kind(kind)
    assert len(records) > 0, f"the seed data has no {kind}"
    assert [r["id"] for r in exported] == sorted(records), "one entry per record, ordered by id"
    for entry in exported:
        expected = {"id": entry["id"], **_as_json(records[entry["id"]].data)}
        assert entry == expected


def test_nothing_in_the_yaml_files_is_missing_from_the_json(built_site, site_data_dir):
    """Independent of the loader: every key written in a record file is in its JSON record."""
    for kind in s.KINDS:
        exported = {r["id"]: r for r in json.loads((built_site / "du-lieu" / f"{kind}.json").read_text("utf-8"))}
        for file in sorted((site_data_dir / kind).rglob("*.yml")):
            written = yaml.safe_load(file.read_text(encoding="utf-8-sig"))
            keys = {k for k, v in written.items() if v not in (None, "", [])}
            assert keys <= set(exported[file.stem]), f"{file}: {keys - set(exported[file.stem])} lost"


@pytest.mark.parametrize("kind", KINDS)
def test_csv_has_a_bom_opens_with_the_csv_module_and_keeps_vietnamese(built_site, dataset, kind):
    raw, rows = _read_csv(built_site, kind)
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so that Excel reads Vietnamese"
    records = dataset.kind(kind)
    assert {r["id"] for r in rows} == set(records)
    if kind == "awards":
        assert len(rows) == sum(max(1, len(r.get("recipients", []))) for r in records.values())
    else:
        assert len(rows) == len(records)
    text_field = next(
        (
            f.key
            for f in (s.VOCAB_ENTRY if kind == "vocab" else s.KINDS[kind].shape).fields
            if f.required and isinstance(f.type, s.Text)
        ),
        None,
    )
    for row in rows if text_field else []:
        assert row[text_field] == records[row["id"]][text_field]


def test_vietnamese_text_survives_the_csv_byte_for_byte(built_site, dataset):
    _, rows = _read_csv(built_site, "units")
    names = {r["id"]: r["name"] for r in rows}
    with_marks = [u for u in dataset.kind("units").values() if re.search(r"[^\x00-\x7f]", u["name"])]
    assert with_marks, "the seed has Vietnamese unit names"
    for unit in with_marks:
        assert names[unit.id] == unit["name"]


def test_award_csv_has_one_row_per_named_recipient_and_the_counts(built_site, dataset):
    _, rows = _read_csv(built_site, "awards")
    by_id: dict[str, list[dict]] = {}
    for row in rows:
        by_id.setdefault(row["id"], []).append(row)
    for award in dataset.kind("awards").values():
        mine = by_id[award.id]
        recipients = award.get("recipients", [])
        if not recipients:
            assert len(mine) == 1 and mine[0]["recipients.index"] == ""
        for i, (row, recipient) in enumerate(zip(mine, recipients), start=1):
            assert row["recipients.index"] == str(i)
            for key in ("unit", "person", "name", "position"):
                assert row[f"recipients.{key}"] == recipient.get(key, "")
        for row in mine:
            for key in ("tap_the", "ca_nhan", "ho_gia_dinh"):
                count = award.get("count", {}).get(key)
                assert row[f"count.{key}"] == ("" if count is None else str(count))
            date = (award.get("decision") or {}).get("date")
            assert row["decision.date"] == (date.isoformat() if date else "")


def test_list_fields_are_joined_with_semicolons(built_site, dataset):
    _, rows = _read_csv(built_site, "campaigns")
    with_basis = [c for c in dataset.kind("campaigns").values() if len(c.get("basis", [])) > 1]
    assert with_basis
    by_id = {r["id"]: r for r in rows}
    for campaign in with_basis:
        assert by_id[campaign.id]["basis"].split("; ") == campaign["basis"]


def test_open_data_page_documents_every_field_and_links_every_file(built_site):
    html = (built_site / "du-lieu" / "index.html").read_text(encoding="utf-8")
    assert "CC BY 4.0" in html and "creativecommons.org/licenses/by/4.0" in html
    for kind in KINDS:
        for suffix in (".json", ".csv"):
            assert f'href="{kind}{suffix}"' in html
            assert (built_site / "du-lieu" / f"{kind}{suffix}").is_file()
        assert f'href="../schemas/{kind}.schema.json"' in html
        assert (built_site / "schemas" / f"{kind}.schema.json").is_file()
        shape = s.VOCAB_ENTRY if kind == "vocab" else s.KINDS[kind].shape
        for field in shape.fields:  # the field list comes from schema.py, so none may be missing
            assert f"<code>{field.key}</code>" in html, f"{kind}.{field.key} undocumented"
    assert "recipients[].unit" in html  # nested fields are listed too
    assert 'href="../khen-thuong/feed.xml"' in html
