"""Rebuilds of the preview (`mkdocs serve` without --dirty), in one process, as the server runs
them, with the served folder copied out after each: the tests compare those copies.

    python tests/preview_rebuilds.py PROJECT OUT CHANGES.json

CHANGES.json: a list of edits, each a list of [path in PROJECT, old text, new text]. The first
build is copied to OUT/0; after each edit the preview rebuilds (the quick rebuild), copied to
OUT/<n>-quick, then the rebuild that serves every page (as the preview asks once every page is
made again), copied to OUT/<n>. The preview's own Pagefind bundles, and the hidden folders they
are swapped in through, are left out of the copies (a background task swaps them in on its own time).
"""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

SERVE_URL = "http://127.0.0.1:8000/"


class _Server:
    def watch(self, path):
        pass


def main(project: Path, out: Path, changes: list) -> None:
    site_dir = tempfile.mkdtemp(prefix="mkdocs_")  # as `mkdocs serve` makes it

    def rebuild():
        config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site_dir)
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL)
        return config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    config = rebuild()
    config.plugins.on_serve(_Server(), config=config, builder=rebuild)
    _copy(Path(site_dir), out / "0")
    (out / "served_from").write_text(str(Path(site_dir).resolve()), encoding="utf-8")
    try:
        for n, edits in enumerate(changes, 1):
            for path, old, new in edits:
                file = project / path
                text = file.read_text(encoding="utf-8")
                assert old in text, f"{path}: {old!r} not found"
                file.write_text(text.replace(old, new), encoding="utf-8")
            rebuild()
            _copy(Path(site_dir), out / f"{n}-quick")
            for thread in threading.enumerate():
                if thread.name == "bangvang-complete-pages":
                    thread.join()
            rebuild()
            _copy(Path(site_dir), out / str(n))
    finally:
        config.plugins.on_shutdown()
    (out / "site_dir").write_text(site_dir, encoding="utf-8")


def _copy(site: Path, dest: Path) -> None:
    # (with the folders a bundle is swapped in through: `.pagefind-<n>`, there and gone meanwhile)
    bundles = shutil.ignore_patterns("pagefind", "pagefind-huong-dan", ".pagefind*")
    shutil.copytree(site.resolve(), dest, ignore=bundles)


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    main(Path(sys.argv[1]), Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")))
