"""The build's search step: started as soon as the data is loaded, finished after MkDocs has
written the pages, so Pagefind indexes while MkDocs renders.

Two bundles: `pagefind/` holds the reader's pages (records from the data, from_data.py) and is
what the search box loads; `pagefind-huong-dan/` holds the staff guide (from_guide.py), loaded
only when the box's "Hướng dẫn cho cán bộ" filter is chosen. Each is made by writing its records
as source documents (sources.py), running Pagefind on them in the background (pagefind_run.py),
and, once it is done, fixing the order of its filter files (bundle_order.py) and adding the
filter labels (facets.py).

Under `mkdocs serve` (PreviewSearch) nothing of this is on the way of the page the staff member
is looking at: the last bundle is put in place at once and the new one is made in the background
after the pages, kept on disk (preview_cache.py) and swapped in when ready.
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
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# In a preview's bundle: which records it was made from (not published: `mkdocs build` has none).
DIGEST_FILE = ".bangvang-digest"


def _scratch_dir() -> str | None:
    """Memory-backed /dev/shm where there is one: thousands of small files written and read
    once cost seconds on a slow disk."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


def bundle_jobs(index: Index, pages: Iterable, docs_dir: Path) -> list[BundleJob]:
    """The bundles of one data set and guide, their records collected (not yet started)."""
    readers = reader_records(index, pages)
    guide = guide_records(docs_dir)
    facets = facet_choices(readers, index.dataset, extra_kinds=("guide",) if guide else ())
    jobs = [BundleJob(READER_BUNDLE, readers, facets)]
    if guide:
        jobs.append(BundleJob(GUIDE_BUNDLE, guide))
    return jobs


class BundleJob:
    """One Pagefind bundle: its source documents written and Pagefind started by start(); the
    finished bundle in `output` after complete()."""

    def __init__(self, name: str, records: list[SearchRecord], facets: dict | None = None):
        self.name, self.records, self.facets = name, records, facets
        self.run: PagefindRun | None = None
        self.work: Path | None = None
        self.error: str | None = None
        self._sources = SourceWriter().render_all(records)
        digest = hashlib.sha256()
        for text in self._sources:
            digest.update(text.encode("utf-8"))
        self.digest = digest.hexdigest()[:16]  # names the bundle in a preview's cache

    @property
    def output(self) -> Path:
        assert self.work is not None
        return self.work / "out"

    def start(self) -> BundleJob:
        # (the process id in the name: a later preview removes what a killed one left in memory)
        self.work = Path(tempfile.mkdtemp(prefix=f"bangvang-{self.name}-{os.getpid()}-", dir=_scratch_dir()))
        sources = self.work / "src"
        sources.mkdir()
        for n, text in enumerate(self._sources):
            (sources / f"r{n:06d}.html").write_text(text, encoding="utf-8")
        self._sources = []
        try:
            self.run = PagefindRun(sources, self.output).start()
        except (PagefindError, OSError) as err:
            self.error = str(err)
        # A build that stops before its end (an error, a preview moving on) leaves no process
        # running and no scratch files behind.
        weakref.finalize(self, _discard, self.run, self.work)
        return self

    def complete(self) -> bool:
        """Wait for Pagefind, then leave out the unused front ends, settle the filter files and
        add the filter labels. False (and the reason logged) when Pagefind failed."""
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

    def move_to(self, site_dir: Path) -> None:
        target = Path(site_dir) / self.name
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(self.output), str(target))
        self.discard()

    def discard(self) -> None:
        _discard(self.run, self.work)


class SearchStep:
    """`mkdocs build`: both bundles started before MkDocs renders, waited for after."""

    def __init__(self, jobs: list[BundleJob], start_s: float):
        self.jobs = jobs
        self.start_s = start_s  # collecting records and writing sources, before MkDocs renders
        self.started = time.perf_counter()
        self.records = sum(len(j.records) for j in jobs)

    @classmethod
    def start(
        cls, index: Index, pages: Iterable, docs_dir: Path, project_root: Path | None = None, serving: bool = False
    ) -> SearchStep | PreviewSearch:
        """Collect the records from the data and the guide, start Pagefind on each bundle (under
        `mkdocs serve`: only note what to index, see PreviewSearch)."""
        if serving and project_root is not None:
            return PreviewSearch(index, list(pages), docs_dir, project_root)
        began = time.perf_counter()
        jobs = [job.start() for job in bundle_jobs(index, pages, docs_dir)]
        return cls(jobs, time.perf_counter() - began)

    def finish(self, site_dir: Path) -> None:
        waited = time.perf_counter()
        done = [job.complete() for job in self.jobs]
        for job, ok in zip(self.jobs, done):
            if ok:
                job.move_to(site_dir)
            else:
                job.discard()
        now = time.perf_counter()
        if all(done):
            # The seconds the build spent on search: collecting and writing the records before
            # the pages, and waiting for Pagefind after them (it ran meanwhile in parallel).
            log.info(
                "Chỉ mục tìm kiếm: %d mục, %.1f giây (%.1f trước khi dựng trang, chờ %.1f sau; "
                "Pagefind chạy song song %.1f giây)",
                self.records,
                self.start_s + now - waited,
                self.start_s,
                now - waited,
                now - self.started,
            )


class PreviewSearch:
    """`mkdocs serve`: the preview shows an edit without waiting for search. After the pages,
    the last bundle goes in place at once, and the records of this build are indexed in the
    background (a bundle already made from the very same records is reused), stored in the
    project's cache and swapped into the site when ready: search lags a few seconds behind an
    edit, the page never does. The first build of a project waits, so search works from the start."""

    def __init__(self, index: Index, pages: list, docs_dir: Path, project_root: Path):
        self.index, self.pages, self.docs_dir = index, pages, docs_dir
        self.caches = {name: PreviewCache(project_root, name) for name in (READER_BUNDLE, GUIDE_BUNDLE)}
        self.generation = f"{time.time_ns()}"

    def finish(self, site_dir: Path) -> None:
        site_dir = Path(site_dir)
        if self.caches[READER_BUNDLE].latest() is None:
            self._refresh(site_dir)
            return
        for name, cache in self.caches.items():
            latest = cache.latest()
            if latest is not None and _digest_of(site_dir / name) != _digest_of(latest):
                _swap_in(latest, site_dir / name)
        self.caches[READER_BUNDLE].mark(self.generation)
        threading.Thread(target=self._refresh, args=(site_dir,), daemon=True).start()

    def _refresh(self, site_dir: Path) -> None:
        began = time.perf_counter()
        jobs = bundle_jobs(self.index, self.pages, self.docs_dir)
        made = 0
        for job in jobs:
            cache = self.caches[job.name]
            bundle = cache.bundle(job.digest)
            if bundle is None:
                if not job.start().complete():
                    job.discard()
                    continue
                (job.output / DIGEST_FILE).write_text(job.digest, encoding="utf-8")
                bundle = cache.store(job.digest, job.output)
                job.discard()
                made += 1
            # A newer build of the preview has started: its own refresh puts its bundle in place.
            if self.caches[READER_BUNDLE].marked(self.generation) and _digest_of(site_dir / job.name) != job.digest:
                _swap_in(bundle, site_dir / job.name)
        if made:
            log.info(
                "Chỉ mục tìm kiếm đã cập nhật: %d mục, %.1f giây",
                sum(len(j.records) for j in jobs),
                time.perf_counter() - began,
            )


def _digest_of(bundle: Path) -> str | None:
    try:
        return (bundle / DIGEST_FILE).read_text(encoding="utf-8")
    except OSError:
        return None


def _swap_in(bundle: Path, target: Path) -> None:
    """Copy a bundle to target, replacing what is there with one rename (the preview's server
    never sees half a bundle)."""
    staging = target.with_name(f".{target.name}-{time.time_ns()}")
    try:
        shutil.copytree(bundle, staging)
        old = target.with_name(f".{target.name}-old-{time.time_ns()}")
        if target.exists():
            target.rename(old)
        staging.rename(target)
        shutil.rmtree(old, ignore_errors=True)
    except OSError as err:  # the preview cleaned its folder meanwhile: the next build places it
        log.debug("search bundle not swapped in: %s", err)
        shutil.rmtree(staging, ignore_errors=True)


def _discard(run: PagefindRun | None, work: Path | None) -> None:
    if run is not None:
        run.stop()
    if work is not None:
        shutil.rmtree(work, ignore_errors=True)
