"""The pull request's data check as GitHub runs it: every error as an annotation on its file and
line, and a Vietnamese summary of what the change does to the records and to each year's totals."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT, SEED_DATA

GIT = ["git", "-c", "user.email=can-bo@example.org", "-c", "user.name=Cán bộ"]


@pytest.fixture()
def repo(tmp_path) -> Path:
    """A git checkout whose main holds the frozen seed."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shutil.copytree(SEED_DATA, tmp_path / "data")
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "add", "-A"], cwd=tmp_path, check=True)
    subprocess.run([*GIT, "commit", "-qm", "seed"], cwd=tmp_path, check=True)
    return tmp_path


def pr_check(repo: Path, *args: str, **env) -> tuple[subprocess.CompletedProcess, str]:
    summary = repo / "summary.md"
    environ = dict(os.environ, GITHUB_STEP_SUMMARY=str(summary), **env)
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "pr_check.py"),
            "--data",
            str(repo / "data"),
            "--docs",
            str(repo / "docs"),
            *args,
        ],
        cwd=repo,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return result, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_a_valid_change_is_summarised_with_each_years_totals_before_and_after(repo):
    award = repo / "data" / "awards" / "2022" / "giay-khen-giao-vien-2022.yml"
    award.parent.mkdir()
    award.write_text(
        "year: 2022\naward: giay-khen-huyen\nissuer: Chủ tịch UBND huyện Gia Lộc\ncount: {ca_nhan: 12}\n",
        encoding="utf-8",
    )
    unit = repo / "data" / "units" / "xa-gia-luong.yml"
    unit.write_text(unit.read_text(encoding="utf-8").replace("Gia Lương", "Gia Lương (mới)", 1), encoding="utf-8")
    removed = next((repo / "data" / "models").glob("*.yml"))
    removed.unlink()
    result, summary = pr_check(repo, "--base", "main")
    assert result.returncode == 0, result.stderr
    assert "Dữ liệu hợp lệ" in summary
    assert "- Thêm: 1 tệp" in summary and "data/awards/2022/giay-khen-giao-vien-2022.yml" in summary
    assert "- Sửa: 1 tệp" in summary and "data/units/xa-gia-luong.yml" in summary
    assert "- Xóa: 1 tệp" in summary and f"data/models/{removed.name}" in summary
    row_2022 = next(line for line in summary.splitlines() if line.startswith("| 2022 |"))
    assert row_2022.split("|")[2].strip() == "—" and "12 cá nhân" in row_2022.split("|")[3]
    row_2021 = next(line for line in summary.splitlines() if line.startswith("| 2021 |"))
    assert "(thay đổi)" not in row_2021  # the seed year is untouched by this change


def test_errors_become_annotations_on_their_file_and_line(repo):
    bad = repo / "data" / "awards" / "2021" / "sai.yml"
    bad.write_text("year: 2021\naward: khong-co\ncount: {ca_nhan: 1}\n", encoding="utf-8")
    result, summary = pr_check(repo, "--base", "main", GITHUB_ACTIONS="true")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert annotations, result.stdout
    assert annotations[0].startswith("::error file=data/awards/2021/sai.yml,line=2,col=8,")
    assert "data/awards/2021/sai.yml:2:8:" in result.stderr  # the same error, as staff read it locally
    assert "**Dữ liệu có 1 lỗi**" in summary
    assert "Traceback" not in result.stderr


def test_annotation_text_is_escaped_as_github_requires():
    from bangvang.records.errors import DataError
    from bangvang.staff.pr_report import annotation

    line = annotation(DataError("data/units/a,b.yml", 3, 4, "50% sai\ndòng hai"))
    assert line == "::error file=data/units/a%2Cb.yml,line=3,col=4,title=Lỗi dữ liệu::50%25 sai%0Adòng hai"


def test_without_a_base_the_summary_says_it_could_not_compare(repo):
    result, summary = pr_check(repo, "--base", "khong-co-nhanh-nay")
    assert result.returncode == 0
    assert "Không đọc được dữ liệu của nhánh gốc" in summary
