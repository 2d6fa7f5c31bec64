"""The preview never hangs: under `mkdocs serve`, invalid data serves a page listing the errors
(file:line:col, in Vietnamese), and the preview recovers when the file is fixed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _wait_for(url: str, wanted, timeout: float = 120) -> str:
    """Poll the preview until the page satisfies `wanted` (the serve rebuild takes seconds)."""
    deadline = time.monotonic() + timeout
    page = None
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and wanted(page):
            return page
        time.sleep(0.5)
    raise AssertionError(f"the preview never showed what was expected at {url}; last page:\n{(page or '')[:2000]}")


@pytest.fixture()
def preview(project_copy, tmp_path):
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    log = open(tmp_path / "serve.log", "wb")  # a file, not a pipe: a full pipe would stall the server
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{port}"],
        cwd=project_copy,
        env=env,
        stdout=log,
        stderr=log,
    )
    try:
        yield project_copy, f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def test_invalid_data_shows_the_errors_and_the_preview_recovers(preview):
    project, base = preview
    _wait_for(base, lambda page: "Phong trào thi đua" in page)
    unit = project / "data" / "units" / "xa-gia-luong.yml"
    good = unit.read_text(encoding="utf-8")
    unit.write_text(good.replace("kind: xa", "kind: xaa"), encoding="utf-8")
    page = _wait_for(base, lambda page: "bv-preview-errors" in page)
    assert "data/units/xa-gia-luong.yml:" in page and "Dữ liệu có 1 lỗi" in page
    # a record page the reader was on shows the same list instead of spinning
    assert "bv-preview-errors" in _wait_for(base + "tap-the/xa-gia-luong/", lambda page: "bv-preview-errors" in page)
    unit.write_text(good, encoding="utf-8")
    _wait_for(base + "tap-the/xa-gia-luong/", lambda page: "bv-preview-errors" not in page and "Gia Lương" in page)


def test_a_fresh_skeleton_from_new_py_is_explained_not_hung(preview):
    project, base = preview
    _wait_for(base, lambda page: "Phong trào thi đua" in page)
    made = subprocess.run(
        [sys.executable, str(project / "scripts" / "new.py"), "unit", "Trường Tiểu học Mới"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    skeleton = project / "data" / "units" / "truong-tieu-hoc-moi.yml"
    assert skeleton.is_file()
    text = skeleton.read_text(encoding="utf-8")
    page = _wait_for(base, lambda page: "bv-preview-errors" in page or "Trường Tiểu học Mới" in page)
    if "bv-preview-errors" in page:  # a skeleton with blanks to fill is listed, with its file
        assert "data/units/truong-tieu-hoc-moi.yml:" in page
    skeleton.unlink()
    _wait_for(base, lambda page: "bv-preview-errors" not in page)
    assert text  # the skeleton was a real file staff could open
