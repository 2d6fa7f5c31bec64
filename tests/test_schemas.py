"""The editors' JSON Schemas: generated from schema.py, accept every valid record, refuse typos."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema as jsonschema_lib
import pytest
import yaml
from bangvang.publish import json_schemas as js
from bangvang.records import schema as s
from helpers import SEED_DATA

ROOT = Path(__file__).resolve().parents[1]
DATA = SEED_DATA
SCHEMAS = ROOT / "schemas"
CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


class _DatesAsText(yaml.SafeLoader):
    """YAML as editors read it: an unquoted 2021-01-15 is text, as in JSON."""


_DatesAsText.add_constructor("tag:yaml.org,2002:timestamp", yaml.SafeLoader.construct_yaml_str)


def _load(path: Path):
    return yaml.load(path.read_text(encoding="utf-8-sig"), Loader=_DatesAsText)


def _files(kind: str) -> list[Path]:
    if kind == js.VOCAB_KIND:
        return [DATA / s.VOCAB_PATH]
    pattern = "*/*.yml" if s.KINDS[kind].by_year else "*.yml"
    return sorted((DATA / kind).glob(pattern))


def _check_jsonschema(kind: str, files: list[Path]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(SCHEMAS / js.file_name(kind)), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_committed_schemas_are_up_to_date_with_schema_py():
    assert js.stale(SCHEMAS) == [], "run: python scripts/export_schemas.py"


def test_export_script_check_mode_reports_a_stale_schema(tmp_path):
    script = ROOT / "scripts" / "export_schemas.py"
    assert subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], capture_output=True).returncode == 0
    ok = subprocess.run(
        [sys.executable, str(script), "--check", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert ok.returncode == 0
    (tmp_path / "units.schema.json").write_text("{}", encoding="utf-8")
    stale = subprocess.run(
        [sys.executable, str(script), "--check", "--out", str(tmp_path)], capture_output=True, text=True
    )
    assert stale.returncode == 1 and "units.schema.json" in stale.stderr


@pytest.mark.parametrize("kind", js.all_kinds())
def test_schema_is_a_valid_draft_2020_12_schema_with_vietnamese_titles(kind):
    schema = json.loads((SCHEMAS / js.file_name(kind)).read_text(encoding="utf-8"))
    jsonschema_lib.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    record = schema["items"] if kind == js.VOCAB_KIND else schema
    assert record["additionalProperties"] is False
    shape = s.VOCAB_ENTRY if kind == js.VOCAB_KIND else s.KINDS[kind].shape
    assert set(record["properties"]) == set(shape.keys)
    assert record["required"] == [f.key for f in shape.fields if f.required]
    for spec in shape.fields:
        assert record["properties"][spec.key]["title"] == spec.title


def _nested_objects(node):
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from _nested_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _nested_objects(value)


@pytest.mark.parametrize("kind", js.all_kinds())
def test_every_group_of_fields_refuses_unknown_keys(kind):
    schema = json.loads((SCHEMAS / js.file_name(kind)).read_text(encoding="utf-8"))
    objects = list(_nested_objects(schema))
    assert objects and all(o.get("additionalProperties") is False for o in objects)


@pytest.mark.parametrize("kind", js.all_kinds())
def test_every_record_in_data_passes_the_jsonschema_library(kind):
    files = _files(kind)
    if not files:
        pytest.skip(f"no {kind} records in data/")
    validator = jsonschema_lib.Draft202012Validator(js.kind_schema(kind))
    problems = {
        f"{path.relative_to(ROOT)}: {e.json_path}: {e.message}"
        for path in files
        for e in validator.iter_errors(_load(path))
    }
    assert not problems, "\n".join(sorted(problems))


@pytest.mark.parametrize("kind", js.all_kinds())
def test_check_jsonschema_accepts_every_record_in_data(kind):
    files = _files(kind)
    if not files:
        pytest.skip(f"no {kind} records in data/")
    result = _check_jsonschema(kind, files)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_jsonschema_accepts_dates_quoted_or_not_in_both_formats(tmp_path):
    doc = tmp_path / "chi-thi-1.yml"
    for date in ("2021-01-15", "'2021-01-15'", "15/01/2021", '"5/1/2021"'):
        doc.write_text(f"number: 1/CT\nkind: Chỉ thị\nissuer: UBND huyện\ndate: {date}\n", encoding="utf-8")
        result = _check_jsonschema("documents", [doc])
        assert result.returncode == 0, (date, result.stdout)


def test_check_jsonschema_refuses_an_unknown_key_a_bad_choice_and_a_bad_date(tmp_path):
    person = tmp_path / "nguyen-van-a.yml"
    person.write_text("name: Nguyễn Văn A\nbirth_date: 1980-01-01\n", encoding="utf-8")
    result = _check_jsonschema("people", [person])
    assert result.returncode == 1 and "birth_date" in result.stdout
    unit = tmp_path / "xa-moi.yml"
    unit.write_text("name: Xã Mới\nkind: xaa\n", encoding="utf-8")
    assert _check_jsonschema("units", [unit]).returncode == 1
    doc = tmp_path / "chi-thi-1.yml"
    doc.write_text("number: 1/CT\nkind: Chỉ thị\nissuer: UBND huyện\ndate: 2021-13-45\n", encoding="utf-8")
    assert _check_jsonschema("documents", [doc]).returncode == 1


def test_unknown_key_in_a_nested_group_is_refused():
    validator = jsonschema_lib.Draft202012Validator(js.kind_schema("awards"))
    record = {"year": 2021, "award": "giay-khen-huyen", "recipients": [{"unit": "xa-gia-luong", "phone": "0912345678"}]}
    errors = list(validator.iter_errors(record))
    assert errors and any("phone" in e.message for e in errors)
    del record["recipients"][0]["phone"]
    assert list(validator.iter_errors(record)) == []


def test_required_fields_may_not_be_blank_but_optional_ones_may():
    validator = jsonschema_lib.Draft202012Validator(js.kind_schema("units"))
    assert list(validator.iter_errors({"name": "Xã Mới", "kind": "xa", "commune": None, "summary": ""})) == []
    assert list(validator.iter_errors({"name": "", "kind": "xa"}))
    assert list(validator.iter_errors({"name": None, "kind": "xa"}))
    assert list(validator.iter_errors({"name": "Xã Mới"}))


def test_schemas_are_published_on_the_site(built_site):
    for kind in js.all_kinds():
        published = built_site / "schemas" / js.file_name(kind)
        assert published.is_file(), published
        assert published.read_text(encoding="utf-8") == (SCHEMAS / js.file_name(kind)).read_text(encoding="utf-8")


def test_vscode_maps_every_data_folder_to_its_schema():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert set(mapping) == {f"./schemas/{js.file_name(k)}" for k in js.all_kinds()}
    for schema_file, globs in mapping.items():
        assert (ROOT / schema_file).is_file()
        kind = Path(schema_file).name.removesuffix(".schema.json")
        # the globs, read against the frozen seed (laid out as data/ is)
        files = {p for g in globs for p in SEED_DATA.glob(g.removeprefix("data/"))}
        assert set(_files(kind)) <= files, f"{globs} misses some {kind} records"
    extensions = json.loads((ROOT / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]
