"""The preview without --dirty (`mkdocs serve --livereload`): a rebuild writes the pages whose
inputs did not change from what it kept (kept_pages.py) into a folder in memory
(preview_site.py), and the files beside the pages of a quick rebuild are linked from the last
folder. Whatever it reuses, the preview must serve exactly what a fresh preview of the same data
and settings serves."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from bangvang.preview_site import MemorySite
from bangvang.website.kept_pages import KeptPages, inputs_key
from helpers import make_project

DRIVER = Path(__file__).with_name("preview_rebuilds.py")
PERSON = "data/people/le-van-tuan.yml"
PERSON_PAGE = "ca-nhan/le-van-tuan/index.html"


# -- what is kept ----------------------------------------------------------------------------------


def test_a_page_is_kept_under_every_input_and_forgotten_when_not_served():
    kept = KeptPages()
    key = inputs_key("settings", "/ca-nhan/a/", "<p>Nguyễn Văn A</p>")
    assert key != inputs_key("settings", "/ca-nhan/a/", "<p>Nguyễn Văn B</p>")
    assert key != inputs_key("settings2", "/ca-nhan/a/", "<p>Nguyễn Văn A</p>")
    assert inputs_key("ab", "c") != inputs_key("a", "bc"), "parts must not run into each other"
    kept.put(key, "<html>Nguyễn Văn A</html>")
    kept.rebuild_done()
    assert kept.get(key) == "<html>Nguyễn Văn A</html>"
    kept.rebuild_done()
    kept.rebuild_done()  # a rebuild that did not serve the page
    assert kept.get(key) is None and len(kept) == 0


def test_a_failed_rebuild_forgets_nothing():
    kept = KeptPages()
    kept.put("k", "x")
    kept.rebuild_done()
    kept.rebuild_failed()
    kept.rebuild_done()
    assert kept.get("k") is None, "unused by the rebuild after the failure"
    kept.put("k", "x")
    kept.rebuild_done()
    kept.rebuild_failed()
    assert kept.get("k") == "x"


# -- the folder in memory --------------------------------------------------------------------------


@pytest.fixture()
def temp_dir(tmp_path, monkeypatch):
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    memory = tmp_path / "shm"
    memory.mkdir()
    return temp, memory


def test_only_the_empty_preview_folder_of_mkdocs_moves_to_memory(temp_dir, tmp_path):
    temp, memory = temp_dir
    elsewhere = tmp_path / "mkdocs_site"
    elsewhere.mkdir()
    assert MemorySite.move(elsewhere, memory) is None
    not_empty = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    (not_empty / "index.html").write_text("x")
    assert MemorySite.move(not_empty, memory) is None
    named_otherwise = Path(tempfile.mkdtemp(prefix="site_"))
    assert MemorySite.move(named_otherwise, memory) is None
    assert MemorySite.move(Path(tempfile.mkdtemp(prefix="mkdocs_")), tmp_path / "no-such-folder") is None
    assert not any(memory.iterdir()) and not any(p.is_symlink() for p in temp.iterdir())


def test_a_rebuild_writes_into_a_new_folder_and_keeps_the_last_files(temp_dir):
    temp, memory = temp_dir
    site = Path(tempfile.mkdtemp(prefix="mkdocs_"))
    moved = MemorySite.move(site, memory)
    assert moved is not None and site.is_symlink() and site.resolve().parent.parent == memory.resolve()
    assert os.stat(moved.memory).st_mode & 0o077 == 0, "the folder in memory is private"
    (site / "ca-nhan" / "a").mkdir(parents=True)
    (site / "ca-nhan" / "a" / "index.html").write_text("cũ")
    (site / "du-lieu").mkdir()
    (site / "du-lieu" / "khen-thuong.csv").write_text("số liệu cũ")
    (site / ".pagefind-123").mkdir()  # a search index being swapped in: not taken over

    moved.next_folder()
    assert not any(site.iterdir()), "MkDocs finds an empty folder"
    (site / "ca-nhan" / "a").mkdir(parents=True)
    (site / "ca-nhan" / "a" / "index.html").write_text("mới")
    moved.keep_last_files()
    assert (site / "ca-nhan" / "a" / "index.html").read_text() == "mới"
    assert (site / "du-lieu" / "khen-thuong.csv").read_text() == "số liệu cũ"
    assert not (site / ".pagefind-123").exists()
    moved.finish()
    assert len(list(moved.memory.iterdir())) == 1, "the last folder is gone once the rebuild is served"

    moved.undo()
    assert site.is_dir() and not site.is_symlink() and not any(site.iterdir())
    assert not moved.memory.exists()


def test_folders_left_in_memory_by_a_process_that_is_gone_are_removed(temp_dir):
    temp, memory = temp_dir
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead = memory / f"bangvang-preview-site-{gone.stdout.strip()}-abc123"
    dead_scratch = memory / f"bangvang-pagefind-{gone.stdout.strip()}-xyz_9"
    alive = memory / f"bangvang-preview-site-{os.getpid()}-def456"
    foreign = memory / "other-app-1-abc"
    for folder in (dead, dead_scratch, alive, foreign):
        folder.mkdir()
    moved = MemorySite.move(Path(tempfile.mkdtemp(prefix="mkdocs_")), memory)
    assert moved is not None
    assert not dead.exists() and not dead_scratch.exists()
    assert alive.exists() and foreign.exists()
    moved.undo()


# -- what the preview serves ----------------------------------------------------------------------


def _run_preview(project: Path, out: Path, changes: list, temp: Path) -> str:
    temp.mkdir(parents=True, exist_ok=True)
    changes_file = out.with_suffix(".json")
    changes_file.write_text(json.dumps(changes, ensure_ascii=False), encoding="utf-8")
    env = dict(os.environ, TMPDIR=str(temp), SOURCE_DATE_EPOCH="1700000000", NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, str(DRIVER), str(project), str(out), str(changes_file)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout + done.stderr


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _differences(served: Path, fresh: Path) -> list[str]:
    a, b = _files(served), _files(fresh)
    return sorted(set(a) ^ set(b)) + sorted(name for name in set(a) & set(b) if a[name] != b[name])


EDITS = [
    # a person's position: their page, the year pages and lists that name them change
    [[PERSON, "Chủ tịch UBND huyện", "Chủ tịch UBND huyện (sửa thử)"]],
    # the unit's name: every page's title changes (settings are an input of every page)
    [["mkdocs.yml", "    name: huyện Gia Lộc", "    name: huyện Thử Nghiệm"]],
]


def test_the_preview_serves_after_each_edit_what_a_fresh_preview_serves(tmp_path):
    project = make_project(tmp_path / "project", extra=True)
    log = _run_preview(project, tmp_path / "kept", EDITS, tmp_path / "tmp-kept")
    reused = [int(n) for n in re.findall(r"Xem trước: (\d+) trang giữ nguyên", log)]
    assert reused and max(reused) > 100, "the rebuilds never reused a kept page: this test would prove nothing"
    quick = tmp_path / "kept" / "1-quick"
    assert "Chủ tịch UBND huyện (sửa thử)" in (quick / PERSON_PAGE).read_text(encoding="utf-8")
    for page in ("index.html", PERSON_PAGE):
        assert "huyện Thử Nghiệm</title>" in (tmp_path / "kept" / "2" / page).read_text(encoding="utf-8")

    # The same data and settings, previewed from scratch (nothing kept): the very same files.
    for n in (1, 2):
        fresh_project = make_project(tmp_path / f"fresh-{n}", extra=True)
        for edits in EDITS[:n]:
            for path, old, new in edits:
                file = fresh_project / path
                file.write_text(file.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        _run_preview(fresh_project, tmp_path / f"fresh-{n}-out", [], tmp_path / f"tmp-fresh-{n}")
        differences = _differences(tmp_path / "kept" / str(n), tmp_path / f"fresh-{n}-out" / "0")
        assert not differences, f"after edit {n} the preview differs from a fresh one: {differences[:20]}"


def test_the_preview_leaves_nothing_in_memory_when_it_stops(tmp_path):
    project = make_project(tmp_path / "project")
    temp = tmp_path / "tmp"
    _run_preview(project, tmp_path / "out", [], temp)
    site_dir = Path((tmp_path / "out" / "site_dir").read_text(encoding="utf-8"))
    served_from = Path((tmp_path / "out" / "served_from").read_text(encoding="utf-8"))
    assert site_dir.is_dir() and not site_dir.is_symlink(), "MkDocs gets back a folder it can remove"
    if Path("/dev/shm").is_dir() and os.access("/dev/shm", os.W_OK):
        assert served_from.is_relative_to("/dev/shm"), "the preview was served from memory"
    assert not served_from.exists() and not served_from.parent.exists(), "its folder in memory is removed"
