"""Search bundles kept between the rebuilds of `mkdocs serve`, on disk, per project.

A preview rebuilds on every save; the search records change only when the data does. Bundles
are kept under a digest of their source documents: unchanged records reuse theirs at once, and
the newest one serves while another is being made. The state lives in the cache folder, not in
module globals: one folder per project and bundle, in the system's temporary directory.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

KEEP = 3  # bundles kept per project and bundle name (the newest)
_MARK = ".generation"  # which preview build may still put its bundle in place


class PreviewCache:
    def __init__(self, project_root: Path, name: str):
        key = hashlib.sha1(f"{Path(project_root).resolve()}\0{name}".encode()).hexdigest()[:12]
        self.folder = Path(tempfile.gettempdir()) / f"bangvang-search-{key}"

    def bundle(self, digest: str) -> Path | None:
        path = self.folder / digest
        return path if path.is_dir() else None

    def latest(self) -> Path | None:
        bundles = self._bundles()
        return bundles[0] if bundles else None

    def store(self, digest: str, bundle: Path) -> Path:
        """Keep a copy of a finished bundle under its digest (atomically: a rename)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / digest
        if not target.is_dir():
            staging = Path(tempfile.mkdtemp(prefix=".incoming-", dir=self.folder))
            shutil.copytree(bundle, staging / "b")
            try:
                (staging / "b").rename(target)
            except OSError:  # another build stored it first
                pass
            shutil.rmtree(staging, ignore_errors=True)
        target.touch()
        for old in self._bundles()[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
        return target

    def mark(self, generation: str) -> None:
        """Note the newest preview build: older builds' background work no longer swaps in."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / _MARK).write_text(generation, encoding="utf-8")

    def marked(self, generation: str) -> bool:
        try:
            return (self.folder / _MARK).read_text(encoding="utf-8") in ("", generation)
        except OSError:
            return True

    def _bundles(self) -> list[Path]:
        if not self.folder.is_dir():
            return []
        found = [p for p in self.folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
        return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)
