"""The preview's site folder in memory (`mkdocs serve`).

MkDocs empties the preview's folder and writes every page and file again at each save, into a
folder it makes in the system's temporary directory. On a disk that is slow to create files (the
build machine's: 2,700 pages took 1-6 s, slower at every rebuild) that alone cost more than the
rest of a rebuild. Where the system has a memory-backed /dev/shm, the preview's folder becomes a
link to a private folder there; on_shutdown puts an empty folder back for MkDocs to remove. A
preview killed without shutting down leaves its folder in memory: the next preview of this user
removes the folders of processes that are gone.

Each rebuild gets a new empty folder (the link is switched before MkDocs empties it), so the last
one is still there while the new one is written: a quick rebuild, which makes only the edited
records' pages at once, takes every other file (exports, search index, QR codes) from it as links
instead of making them again; the rebuild that follows makes them all.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

MEMORY = Path("/dev/shm")
PREFIX = "bangvang-preview-site-"
# Folders in memory named `<prefix><pid>-<random>` by this project (the preview's site, the
# search step's scratch): a process that is gone leaves them behind.
OWN_PREFIXES = (PREFIX, "bangvang-pagefind-")


class MemorySite:
    """One preview's folder moved to memory; undo() restores an empty folder in its place."""

    def __init__(self, site_dir: Path, memory: Path, current: Path):
        self.site_dir, self.memory = site_dir, memory  # (memory: this preview's folder in /dev/shm)
        self.current = current  # the folder the preview's link points to
        self.previous: Path | None = None  # the last rebuild's, until finish()
        self._made = 0

    @classmethod
    def move(cls, site_dir: str | Path, memory: Path = MEMORY) -> MemorySite | None:
        """Only MkDocs' own empty preview folder (`mkdocs_…` in the temporary directory) is
        replaced; anything else, or no usable memory folder, leaves it as it is (None)."""
        site = Path(site_dir)
        if not _preview_folder_of_mkdocs(site) or not _usable(memory):
            return None
        _remove_orphans(memory)
        own = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-", dir=memory))  # mode 0700
        current = own / "0"
        try:
            current.mkdir()
            site.rmdir()
            site.symlink_to(current, target_is_directory=True)
        except OSError:
            shutil.rmtree(own, ignore_errors=True)
            if not site.exists():
                site.mkdir()
            return None
        return cls(site, own, current)

    def next_folder(self) -> None:
        """Before MkDocs empties the site: the link points at a new empty folder (switched in one
        rename), the last one is kept as `previous` until finish()."""
        self._made += 1
        new = self.memory / str(self._made)
        new.mkdir()
        switch = self.site_dir.with_name(f".{self.site_dir.name}.next")
        if switch.is_symlink():
            switch.unlink()
        switch.symlink_to(new, target_is_directory=True)
        os.replace(switch, self.site_dir)
        if self.previous is not None:  # the rebuild before stopped half way
            shutil.rmtree(self.previous, ignore_errors=True)
        self.previous, self.current = self.current, new

    def keep_last_files(self) -> int:
        """Every file of the last folder that this rebuild did not write, linked in (tmpfs: no
        copy). Hidden entries at the top (a search index being swapped in) are left out."""
        if self.previous is None:
            return 0
        linked = 0
        for current, dirs, names in os.walk(self.previous):
            here = Path(current)
            inside = self.current / here.relative_to(self.previous)
            if here == self.previous:
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                names = [n for n in names if not n.startswith(".")]
            inside.mkdir(exist_ok=True)
            for name in names:
                target = inside / name
                if os.path.lexists(target):
                    continue
                try:
                    os.link(here / name, target)
                except OSError:
                    shutil.copy2(here / name, target)
                linked += 1
        return linked

    def finish(self) -> None:
        """The rebuild is served: the last folder goes."""
        if self.previous is not None:
            shutil.rmtree(self.previous, ignore_errors=True)
            self.previous = None

    def undo(self) -> None:
        try:
            if self.site_dir.is_symlink():
                self.site_dir.unlink()
                self.site_dir.mkdir()
        finally:
            shutil.rmtree(self.memory, ignore_errors=True)


def _preview_folder_of_mkdocs(site: Path) -> bool:
    try:
        info = os.lstat(site)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and site.name.startswith("mkdocs_")
        and site.parent.resolve() == Path(tempfile.gettempdir()).resolve()
        and not any(site.iterdir())
    )


def _usable(memory: Path) -> bool:
    return os.name == "posix" and memory.is_dir() and os.access(memory, os.W_OK | os.X_OK)


def _remove_orphans(memory: Path) -> None:
    """Folders of earlier previews and builds of this user whose process is gone."""
    uid = os.getuid()
    for entry in memory.iterdir():
        if not entry.name.startswith(OWN_PREFIXES) or entry.name.count("-") < 3:
            continue
        pid = entry.name.rsplit("-", 2)[-2]  # (mkdtemp's random part has no '-')
        try:
            owned = os.lstat(entry).st_uid == uid and not entry.is_symlink()
        except OSError:
            continue
        if owned and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
