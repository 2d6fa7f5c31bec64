"""The synthetic data set of scripts/generate_sample.py: valid, deterministic, district-sized."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from bangvang.records.validation import validate
from bangvang.website.index import award_tally

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "generate_sample.py"


def generate(out: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(SCRIPT), "--scale", "1", "--out", str(out), *extra],
        capture_output=True,
        text=True,
        timeout=300,
    )


def snapshot(data_dir: Path) -> dict[str, bytes]:
    return {p.relative_to(data_dir).as_posix(): p.read_bytes() for p in sorted(data_dir.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def sample_s1(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("sample-a")
    result = generate(out, "--seed", "7")
    assert result.returncode == 0, result.stderr
    return out / "data"


def test_same_seed_gives_identical_files(sample_s1, tmp_path):
    result = generate(tmp_path, "--seed", "7")
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path / "data") == snapshot(sample_s1)


def test_another_seed_gives_other_records(sample_s1, tmp_path):
    assert generate(tmp_path, "--seed", "8").returncode == 0
    assert snapshot(tmp_path / "data") != snapshot(sample_s1)


def test_scale_one_is_a_valid_district_sized_data_set(sample_s1):
    dataset, errors = validate(sample_s1, ROOT / "docs")
    assert errors == []
    assert len(dataset.kind("units")) >= 400
    assert len(dataset.kind("people")) >= 1800
    assert len(dataset.kind("models")) >= 100
    awards = list(dataset.kind("awards").values())
    assert len(awards) >= 450
    assert len(dataset.kind("reports")) == 10
    named = sum(len(a.get("recipients", [])) for a in awards)
    assert 5000 <= named <= 9000
    # Both kinds of award acts appear: proposals to a higher level, and tallies without names.
    assert {a.get("status", "tang") for a in awards} == {"tang", "de_nghi"}
    assert any("count" in a.data and "recipients" not in a.data for a in awards)
    assert sum(award_tally(a)["ho_gia_dinh"] for a in awards) > 0
    # Schools, villages and the like sit in communes that exist.
    communes = {u.id for u in dataset.kind("units").values() if u["kind"] in ("xa", "thi_tran")}
    located = [u for u in dataset.kind("units").values() if u.get("commune")]
    assert len(communes) >= 15 and len(located) >= 300
    assert all(u["commune"] in communes for u in located)


def test_names_are_vietnamese_and_nfc(sample_s1):
    people = list((sample_s1 / "people").glob("*.yml"))
    texts = [p.read_text(encoding="utf-8") for p in people[:300]]
    assert all(unicodedata.is_normalized("NFC", t) for t in texts)
    assert sum("Nguyễn" in t for t in texts) > 30
    assert any("Thị" in t for t in texts)


def test_refuses_to_write_into_the_projects_data(tmp_path):
    before = snapshot(ROOT / "data")
    result = generate(ROOT)
    assert result.returncode != 0
    assert "data/" in result.stderr
    assert snapshot(ROOT / "data") == before


def test_refuses_to_replace_a_folder_it_did_not_make(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "notes.yml").write_text("name: x\n", encoding="utf-8")
    result = generate(tmp_path)
    assert result.returncode != 0
    assert (tmp_path / "data" / "notes.yml").is_file()
