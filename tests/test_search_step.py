"""The search step of a build (issue 16 point 4): Pagefind started from records of the data before
the pages are rendered and waited for after; the same data gives the same bytes; under
`mkdocs serve` the last bundle serves at once and the new one is swapped in when ready."""

from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path

import pytest
from bangvang.records.validation import validate
from bangvang.search.preview_cache import PreviewCache
from bangvang.search.search_step import DIGEST_FILE, GUIDE_BUNDLE, READER_BUNDLE, UNUSED, SearchStep
from bangvang.website.index import build_index
from helpers import write_data

pytest.importorskip("pagefind")


def _project(root: Path, changes: dict | None = None):
    data = write_data(root, changes)
    guide = root / "docs" / "huong-dan"
    guide.mkdir(parents=True, exist_ok=True)
    (guide / "index.md").write_text("# Hướng dẫn cập nhật\n\n## Sửa bản ghi\n\nMở tệp YAML.\n", encoding="utf-8")
    dataset, errors = validate(data, root / "docs")
    assert errors == []
    return build_index(dataset)


def _files(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_build_writes_both_bundles_the_same_bytes_every_time(tmp_path):
    index = _project(tmp_path / "p")
    sites = []
    for n in range(2):
        site = tmp_path / f"site{n}"
        site.mkdir()
        step = SearchStep.start(index, [], tmp_path / "p" / "docs")
        assert isinstance(step, SearchStep)
        step.finish(site)
        sites.append(site)
    readers, guide = sites[0] / READER_BUNDLE, sites[0] / GUIDE_BUNDLE
    assert (readers / "pagefind-entry.json").is_file() and (readers / "facets.json").is_file()
    assert (guide / "pagefind-entry.json").is_file() and not (guide / "facets.json").exists()
    assert not [name for name in UNUSED if (readers / name).exists()]
    assert not (readers / DIGEST_FILE).exists()  # only a preview's bundles carry it
    assert _files(sites[0] / READER_BUNDLE) == _files(sites[1] / READER_BUNDLE)
    assert _files(sites[0] / GUIDE_BUNDLE) == _files(sites[1] / GUIDE_BUNDLE)


def test_the_preview_never_waits_for_search_after_its_first_build(tmp_path):
    root = tmp_path / "p"
    cache = PreviewCache(root, READER_BUNDLE)
    try:
        site = tmp_path / "site"
        site.mkdir()
        first = SearchStep.start(_project(root), [], root / "docs", project_root=root, serving=True)
        first.finish(site)  # the first build waits: search works from the start
        before = (site / READER_BUNDLE / DIGEST_FILE).read_text(encoding="utf-8")

        changed = _project(root, {"units/xa-a.yml": "name: Xã A Mới\nkind: xa\nparent: huyen-a\n"})
        SearchStep.start(changed, [], root / "docs", project_root=root, serving=True).finish(site)
        # At once: the last bundle is in place; soon: the new one replaces it.
        assert (site / READER_BUNDLE / "pagefind-entry.json").is_file()
        deadline = time.monotonic() + 120
        while (site / READER_BUNDLE / DIGEST_FILE).read_text(encoding="utf-8") == before:
            assert time.monotonic() < deadline, "the new bundle never came"
            time.sleep(0.2)
        assert cache.bundle((site / READER_BUNDLE / DIGEST_FILE).read_text(encoding="utf-8")) is not None
        assert not [p for p in site.iterdir() if p.name.startswith(".")], "swap leftovers"
    finally:
        shutil.rmtree(cache.folder, ignore_errors=True)
        shutil.rmtree(PreviewCache(root, GUIDE_BUNDLE).folder, ignore_errors=True)


def test_preview_cache_keeps_the_newest_bundles(tmp_path):
    cache = PreviewCache(tmp_path / "project", "pagefind")
    try:
        for n in range(5):
            bundle = tmp_path / f"b{n}"
            bundle.mkdir()
            (bundle / "x").write_text(str(n), encoding="utf-8")
            cache.store(f"d{n}", bundle)
            time.sleep(0.01)
        assert cache.latest() == cache.folder / "d4"
        assert cache.bundle("d0") is None and cache.bundle("d2") is not None
        cache.mark("g2")
        assert cache.marked("g2") and not cache.marked("g1")
    finally:
        shutil.rmtree(cache.folder, ignore_errors=True)
