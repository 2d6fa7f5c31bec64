"""`python scripts/validate.py` and `mkdocs build` as staff run them: every error in one run,
sorted, as path:line:col: message, exit code 1, and never a Python traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from helpers import AWARD_FILE, run_mkdocs_build, write_data

ROOT = Path(__file__).resolve().parents[1]
ERROR_LINE = re.compile(r"^(data/[^:]+):(\d+):(\d+): (.+)$")


def run_validate(data: Path, *extra: str, **env_vars: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, **env_vars)
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "validate.py"), "--data", str(data), *extra],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )


def error_lines(result: subprocess.CompletedProcess) -> list[tuple[str, int, int, str]]:
    text = result.stderr.decode("utf-8")
    found = []
    for line in text.splitlines():
        match = ERROR_LINE.match(line)
        if match:
            found.append((match[1], int(match[2]), int(match[3]), match[4]))
    return found


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    for stream in (result.stdout, result.stderr):
        text = stream.decode("utf-8", "replace")
        assert "Traceback" not in text and "Lỗi không mong đợi" not in text, text[-3000:]


BROKEN = {
    # three files, several errors each, written out of alphabetical order
    "units/xa-a.yml": "name: Xã A\nkind: commune\nparnet: huyen-a\n",
    AWARD_FILE: ("year: 2020\naward: lao-dong-tien-tien\nrecipients:\n  - unit: truong-a\ncount:\n  ca_nhan: -3\n"),
    "documents/chi-thi-34-ct-tw.yml": "number: 1\nkind: Chỉ thị\nissuer: X\ndate: 30/02/2021\nurl: javascript:x\n",
}
EXPECTED = [
    ("data/awards/2021/giay-khen-truong-a.yml", 1, 7, "'year'"),
    ("data/awards/2021/giay-khen-truong-a.yml", 4, 5, "không tặng cho tập thể"),
    ("data/awards/2021/giay-khen-truong-a.yml", 6, 12, "≥ 0"),
    ("data/documents/chi-thi-34-ct-tw.yml", 4, 7, "ngày có thật"),
    ("data/documents/chi-thi-34-ct-tw.yml", 5, 6, "http"),
    ("data/units/xa-a.yml", 2, 7, "'commune' không hợp lệ"),
    ("data/units/xa-a.yml", 3, 1, "'parent'"),
]


def test_valid_data_exits_0(tmp_path):
    result = run_validate(write_data(tmp_path))
    assert_no_traceback(result)
    assert result.returncode == 0, result.stderr.decode()
    assert "hợp lệ" in result.stdout.decode("utf-8")


def test_all_errors_of_several_files_in_one_run_sorted_exit_1(tmp_path):
    result = run_validate(write_data(tmp_path, BROKEN))
    assert_no_traceback(result)
    assert result.returncode == 1
    found = error_lines(result)
    for path, line, col, word in EXPECTED:
        assert any(f[:3] == (path, line, col) and word in f[3] for f in found), (path, line, col, word, found)
    assert found == sorted(found, key=lambda f: (f[0], f[1], f[2]))
    assert len({f[0] for f in found}) >= 3
    summary = result.stderr.decode("utf-8").strip().splitlines()[-1]
    assert f"{len(found)} lỗi" in summary


def test_hostile_files_are_refused_without_traceback(tmp_path):
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 9) + "]\n" for i in range(8)
    )
    hostile = {
        "units/bom-alias.yml": bomb,
        "units/lon-qua.yml": "name: X\nkind: xa\nsummary: '" + "a" * (5 * 1024 * 1024) + "'\n",
        "units/long-sau.yml": "name: " + "[" * 100_000 + "]" * 100_000 + "\nkind: xa\n",
        "units/utf-16.yml": "name: Xã\nkind: xa\n".encode("utf-16"),
        "units/python.yml": "name: !!python/object/apply:os.system ['echo pwned']\nkind: xa\n",
        "units/so-lon.yml": "name: X\nkind: xa\nparent: " + "9" * 100_000 + "\n",
        "units/hong.yml": b"name: \xff\xfe\x00\nkind: xa\n",
    }
    result = run_validate(write_data(tmp_path, hostile))
    assert_no_traceback(result)
    assert result.returncode == 1
    assert b"pwned" not in result.stdout
    named = {f[0] for f in error_lines(result)}
    assert {f"data/{rel}" for rel in hostile} <= named


def test_missing_data_folder_is_an_error_not_a_traceback(tmp_path):
    result = run_validate(tmp_path / "khong-co")
    assert_no_traceback(result)
    assert result.returncode == 1
    assert "không tìm thấy" in result.stderr.decode("utf-8")


def test_vietnamese_output_survives_a_non_utf8_console(tmp_path):
    result = run_validate(write_data(tmp_path, BROKEN), PYTHONIOENCODING="ascii", LC_ALL="C")
    assert_no_traceback(result)
    assert "ngày có thật" in result.stderr.decode("utf-8")


def test_mkdocs_build_with_a_broken_record_fails_and_writes_no_site(project_copy, tmp_path):
    broken = project_copy / "data" / "units" / "zz-ban-ghi-hong.yml"
    broken.write_text("name: Đơn vị hỏng\nkind: co_quan\ncomune: xa-gia-luong\n", encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(project_copy, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "data/units/zz-ban-ghi-hong.yml:3:1:" in output
    assert "'commune'" in output
    assert "Traceback" not in output
    assert not (site / "index.html").exists()


def test_the_summary_counts_records_in_vietnamese(tmp_path):
    data = write_data(tmp_path)
    result = run_validate(data)
    assert result.returncode == 0
    line = result.stdout.decode("utf-8").strip()
    assert line.startswith("Dữ liệu hợp lệ: ") and "tập thể" in line and "khen thưởng" in line
    assert not any(word in line for word in ("units", "people", "awards", "vocab"))
