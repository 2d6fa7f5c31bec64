"""The fast preview (`mkdocs serve --livereload --dirty`): generated pages become stub files that
are rewritten only when their page changed, so MkDocs renders only those pages again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from bangvang.build import SiteBuild
from bangvang.website.pages import SiteInfo
from helpers import SEED_DATA

ROOT = Path(__file__).resolve().parents[1]


def _stubs(data: Path, folder: Path) -> dict[str, int]:
    build = SiteBuild(root=ROOT, site=SiteInfo(), data_dir=data, docs_dir=ROOT / "docs")
    assert build.load() == []
    build.write_stubs(folder)
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.md")}


def test_only_the_pages_an_edit_touches_are_written_again(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SEED_DATA, data)
    stubs = tmp_path / "stubs"
    before = _stubs(data, stubs)
    assert "ca-nhan/le-van-tuan.md" in before and "phong-trao/index.md" in before
    for path in stubs.rglob("*.md"):  # make any rewrite visible whatever the clock's resolution
        os.utime(path, ns=(1, 1))
    assert _stubs(data, stubs).keys() == before.keys()
    assert {p.stat().st_mtime_ns for p in stubs.rglob("*.md")} == {1}, "an unchanged data set rewrote stubs"

    person = data / "people" / "le-van-tuan.yml"
    person.write_text(
        person.read_text(encoding="utf-8").replace("Chủ tịch UBND huyện", "Chủ tịch UBND huyện (sửa)"), encoding="utf-8"
    )
    after = _stubs(data, stubs)
    rewritten = {name for name, mtime in after.items() if mtime != 1}
    assert "ca-nhan/le-van-tuan.md" in rewritten
    assert "phong-trao/index.md" not in rewritten
    assert len(rewritten) < len(after) // 10
