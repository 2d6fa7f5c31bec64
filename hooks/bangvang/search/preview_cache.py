"""Search bundles kept between the rebuilds of `mkdocs serve`.

A preview rebuilds on every save; the search records change only when the data does. Bundles are
kept on disk, keyed by a digest of their source documents: unchanged records reuse the bundle at
once, and while a changed set is still being indexed the preview shows the last bundle (search
lags by one save, never the page). State lives in the cache folder, not in module globals.
"""
from __future__ import annotations

import hashlib
import shutil
import tempfile
from pathlib import Path

KEEP = 3  # bundles kept per project (the newest)


class PreviewCache:
    def __init__(self, project_root: Path, name: str):
        key = hashlib.sha1(f"{Path(project_root).resolve()}\0{name}".encode()).hexdigest()[:12]
        self.folder = Path(tempfile.gettempdir()) / f"bangvang-search-{key}"

    def bundle(self, digest: str) -> Path | None:
        path = self.folder / digest
        return path if path.is_dir() else None

    def latest(self) -> Path | None:
        bundles = [p for p in self.folder.glob("*") if p.is_dir() and not p.name.startswith(".")]
        return max(bundles, key=lambda p: p.stat().st_mtime) if bundles else None

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
        self._prune()
        return target

    def _prune(self) -> None:
        bundles = sorted((p for p in self.folder.glob("*") if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
        for old in bundles[KEEP:]:
            shutil.rmtree(old, ignore_errors=True)
