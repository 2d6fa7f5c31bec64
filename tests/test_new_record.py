"""scripts/new.py: a scaffold for every kind, every field explained, clashes refused, valid once filled."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bangvang.records import schema as s
from bangvang.records.validation import validate
from bangvang.staff.scaffold import KIND_FOLDERS
from bangvang.text import slugify

# (kind, name given, extra arguments)
CASES = [
    ("unit", "Trường THCS Thử Nghiệm Mới", []),
    ("person", "Nguyễn Thị Thử", []),
    ("document", "Quyết định 999/QĐ-UBND", []),
    ("campaign", "Thi đua thử nghiệm chuyển đổi số", []),
    ("model", "Mô hình thử nghiệm nhà lưới", []),
    ("award", "Giấy khen thử nghiệm", ["--year", "2022"]),
    ("report", "2030", []),
]


def _new(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/new.py", *args], cwd=project, capture_output=True, text=True, timeout=120
    )


def _expected_path(project: Path, kind: str, name: str, extra: list[str]) -> Path:
    folder = KIND_FOLDERS[kind]
    if kind == "award":
        return project / "data" / folder / extra[1] / f"{slugify(name)}.yml"
    return project / "data" / folder / f"{slugify(name)}.yml"


def _errors_of(project: Path, path: Path) -> list[str]:
    _, errors = validate(project / "data", project / "docs")
    shown = path.relative_to(project).as_posix()
    return [str(e) for e in errors if e.path == shown]


def _plain_vocab_entry(project: Path, recipient_kind: str) -> str:
    """An award the vocabulary gives to this kind of recipient at any date."""
    entries = yaml.safe_load((project / "data" / s.VOCAB_PATH).read_text(encoding="utf-8"))
    return next(
        e["id"]
        for e in entries
        if recipient_kind in e["recipients"] and not e.get("valid_from") and not e.get("valid_until")
    )


def _fill(text: str, values: dict[str, str]) -> str:
    """Fill blanks as staff would: `key:` (alone, maybe after '- ' or '# ') becomes `key: value`."""
    for key, value in values.items():
        pattern = re.compile(rf"^(\s*)(?:# )?(- )?{re.escape(key)}:(\s+#.*)?$", re.M)
        assert pattern.search(text), f"no blank for {key}"
        text = pattern.sub(lambda m, key=key, value=value: f"{m[1]}{m[2] or ''}{key}: {value}", text, count=1)
    return text


FILL = {
    "unit": {"kind": "xa"},
    "person": {},
    "document": {"issuer": "UBND huyện"},
    "campaign": {"kind": "chuyen_de", "field": "khac"},
    "model": {"year": "2022", "summary": "Tóm tắt một đoạn."},
    "award": {"tap_the": "2"},  # award: filled below from the vocabulary
    "report": {
        "title": "Báo cáo tổng kết năm 2030",
        "issuer": "UBND huyện",
        "heading": "Kết quả",
        "text": "Nội dung **chính**.",
    },
}


@pytest.mark.parametrize("kind,name,extra", CASES, ids=[c[0] for c in CASES])
def test_scaffold_has_every_field_explained_and_validates_once_filled(project_copy, kind, name, extra):
    result = _new(project_copy, kind, name, *extra)
    assert result.returncode == 0, result.stderr
    path = _expected_path(project_copy, kind, name, extra)
    assert path.is_file(), result.stdout
    assert "Đã tạo" in result.stdout
    text = path.read_text(encoding="utf-8")
    shape = s.KINDS[KIND_FOLDERS[kind]].shape

    # every field is there (nested ones maybe commented out), each top-level one under its own comment
    for key in shape.all_keys():
        assert re.search(rf"^\s*(#\s*)?(-\s*)?{key}:", text, re.M), f"{key} missing from the scaffold"
    for spec in shape.fields:
        assert f"# {spec.title}:" in text or f"# {spec.title}." in text, f"no comment for {spec.key}"
    assert "CCCD" in text  # the reminder of what must never be written

    # as written, the required blanks are reported (and printed by the command)
    blank_required = [f.key for f in shape.fields if f.required and re.search(rf"^{f.key}:\s*$", text, re.M)]
    for key in blank_required:
        assert key in result.stdout
    errors = _errors_of(project_copy, path)
    if blank_required:
        assert errors, "a scaffold with blank required fields must not validate"

    values = dict(FILL[kind])
    if kind == "award":
        if re.search(r"^award:\s*$", text, re.M):
            values["award"] = _plain_vocab_entry(project_copy, "tap_the")
    filled = _fill(text, values)
    path.write_text(filled, encoding="utf-8")
    assert _errors_of(project_copy, path) == []
    check = subprocess.run(
        [
            str(Path(sys.executable).parent / "check-jsonschema"),
            "--schemafile",
            str(project_copy / "schemas" / f"{KIND_FOLDERS[kind]}.schema.json"),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize("kind,name,extra", CASES, ids=[c[0] for c in CASES])
def test_a_clash_is_refused_and_the_file_is_kept(project_copy, kind, name, extra):
    assert _new(project_copy, kind, name, *extra).returncode == 0
    path = _expected_path(project_copy, kind, name, extra)
    path.write_text(path.read_text(encoding="utf-8") + "# sửa tay\n", encoding="utf-8")
    before = path.read_text(encoding="utf-8")
    again = _new(project_copy, kind, name.upper() if kind != "report" else name, *extra)
    assert again.returncode == 1
    assert "Không tạo tệp" in again.stderr and "đã có tệp" in again.stderr
    assert "Traceback" not in again.stderr
    assert path.read_text(encoding="utf-8") == before


def test_an_award_id_clashes_across_years(project_copy):
    assert _new(project_copy, "award", "Giấy khen thử nghiệm", "--year", "2022").returncode == 0
    again = _new(project_copy, "award", "Giấy khen thử nghiệm", "--year", "2023")
    assert again.returncode == 1 and "2022" in again.stderr
    assert not (project_copy / "data" / "awards" / "2023" / "giay-khen-thu-nghiem.yml").exists()


def test_an_existing_record_is_a_clash(project_copy):
    units = sorted((project_copy / "data" / "units").glob("*.yml"))
    named = [(p, yaml.safe_load(p.read_text(encoding="utf-8"))["name"]) for p in units]
    same = [(p, name) for p, name in named if slugify(name) == p.stem]
    if not same:
        pytest.skip("no seed unit whose id is its folded name")
    existing, name = same[0]
    before = existing.read_bytes()
    result = _new(project_copy, "unit", name)
    assert result.returncode == 1 and existing.name in result.stderr
    assert existing.read_bytes() == before


def test_award_named_after_a_vocabulary_entry_gets_its_id(project_copy):
    entries = yaml.safe_load((project_copy / "data" / s.VOCAB_PATH).read_text(encoding="utf-8"))
    entry = entries[0]
    result = _new(project_copy, "award", f"{entry['name']} cho ngành giáo dục", "--year", "2022")
    assert result.returncode == 0, result.stderr
    path = project_copy / "data" / "awards" / "2022" / f"{slugify(entry['name'] + ' cho ngành giáo dục')}.yml"
    assert re.search(rf"^award: {re.escape(entry['id'])}$", path.read_text(encoding="utf-8"), re.M)


def test_document_name_gives_kind_and_number(project_copy):
    assert _new(project_copy, "document", "Chỉ thị 99-CT/TU").returncode == 0
    data = yaml.safe_load((project_copy / "data" / "documents" / "chi-thi-99-ct-tu.yml").read_text(encoding="utf-8"))
    assert data["kind"] == "Chỉ thị" and data["number"] == "99-CT/TU"


@pytest.mark.parametrize(
    "args,message",
    [
        (["report", "năm nay"], "năm"),
        (["unit", "!!!"], "không có chữ"),
        (["school", "Trường A"], "không có loại bản ghi"),
    ],
)
def test_bad_requests_are_refused_in_vietnamese(project_copy, args, message):
    result = _new(project_copy, *args)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
