"""The build's search step: started as soon as the data is loaded, finished after MkDocs has
written the pages, so Pagefind indexes while MkDocs renders.

Two bundles: `pagefind/` holds the reader's pages (records from the data, from_data.py) and is
what the search box loads; `pagefind-huong-dan/` holds the staff guide (from_guide.py), loaded
only when the box's "Hướng dẫn cho cán bộ" filter is chosen. Each is made by writing its records
as source documents (sources.py), running Pagefind on them in the background (pagefind_run.py),
and, once it is done, fixing the order of its filter files (bundle_order.py) and adding the
filter labels (facets.py). Under `mkdocs serve` finished bundles are kept (preview_cache.py).
"""
from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable
from pathlib import Path

from bangvang.search.bundle_order import settle_filters
from bangvang.search.facets import facet_choices, write_facets
from bangvang.search.from_data import reader_records
from bangvang.search.from_guide import guide_records
from bangvang.search.pagefind_run import PagefindError, PagefindRun
from bangvang.search.preview_cache import PreviewCache
from bangvang.search.records import SearchRecord
from bangvang.search.sources import SourceWriter
from bangvang.website.index import Index

log = logging.getLogger("mkdocs.hooks.bangvang.search")

READER_BUNDLE = "pagefind"
GUIDE_BUNDLE = "pagefind-huong-dan"
# Pagefind's own front ends: the site has its own search box, so they are not published.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


def _scratch_dir() -> str | None:
    """Memory-backed /dev/shm where there is one: thousands of small files written and read
    once cost seconds on a slow disk."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


class BundleJob:
    """One Pagefind bundle: sources written and Pagefind started by start(); placed in the site
    by finish()."""

    def __init__(self, name: str, records: list[SearchRecord], facets: dict | None = None,
                 cache: PreviewCache | None = None):
        self.name, self.records, self.facets, self.cache = name, records, facets, cache
        self.digest = ""
        self.run: PagefindRun | None = None
        self.work: Path | None = None
        self.error: str | None = None
        self._sources: list[str] = []

    @property
    def output(self) -> Path:
        assert self.work is not None
        return self.work / "out"

    def start(self) -> BundleJob:
        writer = SourceWriter()
        self._sources = writer.render_all(self.records)
        digest = hashlib.sha256()
        for text in self._sources:
            digest.update(text.encode("utf-8"))
        self.digest = digest.hexdigest()[:16]
        if self.cache is not None and self.cache.bundle(self.digest) is not None:
            return self  # the preview has this very bundle already
        self.work = Path(tempfile.mkdtemp(prefix=f"bangvang-{self.name}-", dir=_scratch_dir()))
        sources = self.work / "src"
        sources.mkdir()
        for n, text in enumerate(self._sources):
            (sources / f"r{n:06d}.html").write_text(text, encoding="utf-8")
        self._sources = []
        try:
            self.run = PagefindRun(sources, self.output).start()
        except (PagefindError, OSError) as err:
            self.error = str(err)
        # A build that stops before finish() (an error, a preview moving on) leaves no process
        # running and no scratch files behind.
        weakref.finalize(self, _discard, self.run, self.work)
        return self

    def finish(self, site_dir: Path, wait: bool = True) -> str:
        """Put the bundle in site_dir; 'built', 'cached', 'stale' (preview: last bundle while this
        one is still being built) or 'failed'."""
        target = Path(site_dir) / self.name
        if self.cache is not None:
            cached = self.cache.bundle(self.digest)
            if cached is not None:
                _replace(cached, target)
                return "cached"
            latest = self.cache.latest()
            if not wait and latest is not None and self.run is not None and not self.run.done():
                _replace(latest, target)
                threading.Thread(target=self._complete_later, daemon=True).start()
                return "stale"
        if not self._complete():
            return "failed"
        if self.cache is not None:
            _replace(self.cache.store(self.digest, self.output), target)
        else:
            shutil.rmtree(target, ignore_errors=True)
            shutil.move(str(self.output), str(target))
        _discard(None, self.work)
        return "built"

    def _complete(self) -> bool:
        if self.error is None and self.run is not None:
            try:
                self.run.wait()
            except PagefindError as err:
                self.error = str(err)
        if self.error is not None:
            log.error("Không tạo được chỉ mục tìm kiếm (Pagefind): %s", self.error)
            return False
        for name in UNUSED:
            (self.output / name).unlink(missing_ok=True)
        try:
            settle_filters(self.output)
        except ValueError as err:  # a Pagefind release with another file layout: leave it as written
            log.warning("Chỉ mục tìm kiếm: không sắp được thứ tự bộ lọc (%s); hai lần xây dựng sẽ khác nhau", err)
        if self.facets is not None:
            write_facets(self.output, self.facets)
        return True

    def _complete_later(self) -> None:
        if self._complete() and self.cache is not None:
            self.cache.store(self.digest, self.output)
            log.info("Chỉ mục tìm kiếm mới đã sẵn sàng: lưu lại trang để dùng")
        _discard(None, self.work)


class SearchStep:
    """Both bundles of one build."""

    def __init__(self, jobs: list[BundleJob], serving: bool = False, start_s: float = 0.0):
        self.jobs, self.serving = jobs, serving
        self.start_s = start_s  # collecting records and writing sources, before MkDocs renders
        self.started = time.perf_counter()
        self.records = sum(len(j.records) for j in jobs)

    @classmethod
    def start(cls, index: Index, pages: Iterable, docs_dir: Path, project_root: Path | None = None,
              serving: bool = False) -> SearchStep:
        """Collect the records from the data and the guide, start Pagefind on each bundle."""
        began = time.perf_counter()
        readers = reader_records(index, pages)
        guide = guide_records(docs_dir)
        facets = facet_choices(readers, index.dataset, extra_kinds=("guide",) if guide else ())

        def cache(name: str) -> PreviewCache | None:
            return PreviewCache(project_root, name) if serving and project_root is not None else None

        jobs = [BundleJob(READER_BUNDLE, readers, facets, cache(READER_BUNDLE))]
        if guide:
            jobs.append(BundleJob(GUIDE_BUNDLE, guide, None, cache(GUIDE_BUNDLE)))
        for job in jobs:
            job.start()
        return cls(jobs, serving, time.perf_counter() - began)

    def finish(self, site_dir: Path) -> None:
        waited = time.perf_counter()
        # The preview's first build waits for its bundles; later rebuilds do not wait for one
        # still running (the last bundle serves meanwhile).
        outcomes = [job.finish(site_dir, wait=not self.serving) for job in self.jobs]
        now = time.perf_counter()
        if "stale" in outcomes:
            log.info("Xem trước: chỉ mục tìm kiếm đang được tạo lại; tạm dùng chỉ mục của lần trước")
        elif "failed" not in outcomes:
            # The seconds the build spent on search: collecting and writing the records before
            # the pages, and waiting for Pagefind after them (it ran meanwhile in parallel).
            log.info("Chỉ mục tìm kiếm: %d mục, %.1f giây (%.1f trước khi dựng trang, chờ %.1f sau; "
                     "Pagefind chạy song song %.1f giây)", self.records, self.start_s + now - waited,
                     self.start_s, now - waited, now - self.started)


def _replace(bundle: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(bundle, target)


def _discard(run: PagefindRun | None, work: Path | None) -> None:
    if run is not None:
        run.stop()
    if work is not None:
        shutil.rmtree(work, ignore_errors=True)
