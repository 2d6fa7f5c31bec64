"""Issue 11, class 8: builds and preview. Two builds into one site folder run one after the other
(a lock beside the folder), so neither fails and the site is wholly one of them; the preview's
stub folder in the temp folder is private to its user and never a folder someone else prepared."""

from __future__ import annotations

import gzip
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bangvang import build as build_module
from bangvang.build import SiteLock, SiteLockProblem, preview_stub_dir
from helpers import UNIT_XA, make_project, write_data

# ---------------------------------------------------------------------------------------------
# The lock
# ---------------------------------------------------------------------------------------------


def test_a_second_build_waits_for_the_first(tmp_path):
    site = tmp_path / "site"
    first, second = SiteLock(site), SiteLock(site)
    first.acquire()
    waiting, acquired = threading.Event(), threading.Event()

    def other_build():
        second.acquire(waiting=waiting.set)
        acquired.set()

    thread = threading.Thread(target=other_build)
    thread.start()
    assert waiting.wait(30), "the second build did not find the lock taken"
    assert not acquired.is_set()
    first.release()
    thread.join(30)
    assert acquired.is_set()
    second.release()
    assert first.path == tmp_path / ".site.lock"
    assert stat.S_IMODE(first.path.stat().st_mode) == 0o600


def test_a_planted_link_as_lock_file_is_refused_not_followed(tmp_path):
    target = tmp_path / "target"
    target.write_text("keep")
    (tmp_path / ".site.lock").symlink_to(target)
    with pytest.raises(SiteLockProblem, match=r"\.site\.lock:1:1: không dùng được tệp khóa"):
        SiteLock(tmp_path / "site").acquire()
    assert target.read_text() == "keep"


def test_concurrent_builds_into_one_site_folder_give_one_whole_site(tmp_path):
    """Two projects that differ in one unit's name build into the same folder at once: both
    succeed, and every page, export and search fragment of the result is from the same one."""
    names = {"a": "Xã Tên Riêng Anpha", "b": "Xã Tên Riêng Bêta"}
    projects = {}
    for key, name in names.items():
        project = make_project(tmp_path / f"project-{key}", data=None)
        write_data(project, {"units/xa-a.yml": UNIT_XA.replace("Xã A", name)})
        projects[key] = project
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    runs = {
        key: subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(site)],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for key, project in projects.items()
    }
    for key, run in runs.items():
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, (key, out, err)
    units = json.loads((site / "du-lieu" / "units.json").read_text(encoding="utf-8"))
    winner = next(key for key, name in names.items() if any(u["name"] == name for u in units))
    loser = names["b" if winner == "a" else "a"]
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".gz"):
            data = gzip.decompress(data)
        assert loser.encode("utf-8") not in data, f"{path} is from the other build"
    page = (site / "tap-the" / "xa-a" / "index.html").read_text(encoding="utf-8")
    assert names[winner] in page


# ---------------------------------------------------------------------------------------------
# The preview's stub folder
# ---------------------------------------------------------------------------------------------


@pytest.fixture()
def temp_folder(tmp_path, monkeypatch):
    """The temp folder the preview uses, here a folder of the test's own; no folder remembered."""
    import tempfile

    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(build_module, "_fresh_stub_dirs", {})
    return folder


def _expected_name(root: Path) -> str:
    import hashlib

    key = hashlib.sha1(str(root.resolve()).encode("utf-8")).hexdigest()[:12]
    return f"bangvang-preview-{os.getuid()}-{key}"


def _private(path: Path) -> bool:
    info = os.lstat(path)
    return stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) == 0o700


def test_stub_folder_is_private_and_stable(temp_folder, tmp_path):
    folder = preview_stub_dir(tmp_path / "project")
    assert folder == temp_folder / _expected_name(tmp_path / "project")
    assert _private(folder)
    assert preview_stub_dir(tmp_path / "project") == folder  # a restarted preview finds its stubs


@pytest.mark.parametrize("planted", ["open folder", "link", "file"])
def test_a_folder_prepared_under_that_name_is_not_used(temp_folder, tmp_path, planted):
    name = temp_folder / _expected_name(tmp_path / "project")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    if planted == "open folder":
        name.mkdir()
        name.chmod(0o777)
    elif planted == "link":
        name.symlink_to(elsewhere, target_is_directory=True)
    else:
        name.write_text("x")
    folder = preview_stub_dir(tmp_path / "project")
    assert folder != name and _private(folder) and folder.parent == temp_folder
    assert preview_stub_dir(tmp_path / "project") == folder  # the same fresh folder for this process
    assert list(elsewhere.iterdir()) == []


def test_the_lock_goes_inside_the_site_folder_when_the_folder_above_is_read_only(tmp_path, monkeypatch):
    beside = tmp_path / ".site.lock"
    real_open = os.open

    def read_only_above(path, *args):
        if Path(path) == beside:
            raise PermissionError(13, "Permission denied")
        return real_open(path, *args)

    monkeypatch.setattr(os, "open", read_only_above)
    lock = SiteLock(tmp_path / "site")
    lock.acquire()
    assert lock.path == tmp_path / "site" / ".bangvang-build.lock" and lock.path.is_file()
    lock.release()
