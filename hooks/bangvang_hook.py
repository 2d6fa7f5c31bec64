"""MkDocs hook: connects MkDocs events to the bangvang package, and does nothing else.

on_config loads and checks data/ (an invalid data set stops the build before anything is
written); on_files adds one generated page per record and section; on_page_content swaps in
the page's pre-rendered body; on_post_build writes the exports. A build holds a lock beside its
site folder from on_config to its end (two builds into one folder wait for each other), and
on_files refuses any file of docs/ or the theme overrides that is a link (nothing from outside
the repository is published).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

import jinja2
from bangvang.build import SiteBuild, SiteLock, SiteLockProblem, preview_stub_dir, unsafe_sources
from bangvang.records.record_cache import RecordCache
from bangvang.settings import district_settings, last_commit_epoch
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

log = logging.getLogger("mkdocs.hooks.bangvang")

# One build at a time per process; `mkdocs serve` imports this module once, so it is reset in
# on_config at every rebuild.
_build: SiteBuild | None = None
_serving = False
_dirty = False
_lock: SiteLock | None = None  # held by `mkdocs build` from on_config to the end of the build
# The preview only: records kept between rebuilds, a folder the preview watches (a file touched
# there asks for one more rebuild once every page of a quick rebuild is made), the last stubs.
_records = RecordCache()
_refresh_dir: Path | None = None
_previous_stubs: SiteBuild | None = None


def on_startup(command, dirty):
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = dirty


def on_config(config):
    global _build, _lock
    root = Path(config["config_file_path"]).parent
    if not _serving:  # (`mkdocs serve` builds into a folder of its own)
        _release()
        _lock = SiteLock(Path(config["site_dir"]))
        try:
            _lock.acquire(waiting=lambda: log.info("Đang chờ một lần dựng trang khác vào cùng thư mục xong…"))
        except SiteLockProblem as problem:
            _lock = None
            raise PluginError(str(problem)) from None
    # The sitemap's dates come from SOURCE_DATE_EPOCH when set: the last commit's time makes two
    # builds of the same checkout identical whatever day they run.
    if "SOURCE_DATE_EPOCH" not in os.environ:
        epoch = last_commit_epoch(root)
        if epoch:
            os.environ["SOURCE_DATE_EPOCH"] = epoch
    for key, value in district_settings((config["extra"] or {}).get("district") or {}).items():
        config[key] = value
    previous = _build
    _build = SiteBuild.from_config(root, config)
    _build.serving = _serving
    if _serving:
        _build.record_cache = _records
    errors = _build.load(previous if _serving else None)
    if errors:
        if not _serving:
            raise PluginError("\n" + _build.error_report(errors))
        # The preview must not hang on a build that cannot finish: it serves the error list in
        # place of the pages the reader may be looking at, and recovers at the next valid save.
        log.error("\n" + _build.error_report(errors))
        if previous is not None:
            _build.keep_urls_of(previous)
        _build.show_errors(errors)
    elif not (_build.provisional and _dirty):  # (a quick rebuild keeps the last search bundle)
        _build.start_search()  # indexes while MkDocs renders; on_post_build waits for it
    return config


def on_serve(server, config, builder):
    global _refresh_dir
    _refresh_dir = Path(tempfile.mkdtemp(prefix="bangvang-refresh-"))
    server.watch(str(_refresh_dir))
    return server


class _KeptBytecode(jinja2.BytecodeCache):
    """The preview's theme templates compiled once per process: MkDocs makes a new theme
    environment at every rebuild, which compiled Material's templates again each time. (Jinja
    checks each template's source against what was compiled, so an edited one is compiled anew.)"""

    def __init__(self) -> None:
        self._kept: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        code = self._kept.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket) -> None:
        self._kept[bucket.key] = bucket.bytecode_to_string()


_theme_bytecode = _KeptBytecode()


def on_env(env, config, files):
    if _serving:
        env.bytecode_cache = _theme_bytecode
    return env


def on_files(files, config):
    # Last check before MkDocs copies them: nothing from docs/ or the theme overrides is a link
    # (validation refuses those in docs/ already). The preview leaves such files out and says so.
    unsafe = unsafe_sources(
        [(f.src_dir, f.abs_src_path) for f in files], [config["docs_dir"], config["theme"].custom_dir]
    )
    if unsafe and not _serving:
        raise PluginError("\n" + "\n".join(message for _, message in unsafe))
    for path, message in unsafe:
        log.error(message)
        files.remove(next(f for f in files if f.abs_src_path == path))
    if _serving and _dirty:
        # `mkdocs serve --dirty` re-renders only files newer than their output; generated files
        # always count as new, so the preview gets real stub files, rewritten only when a page
        # changed (the stub carries a fingerprint of the page's body).
        stubs = _build.write_stubs(preview_stub_dir(Path(config["config_file_path"]).parent), _previous_stubs)
        for page in _build.pages():
            files.append(File(page.src_uri, str(stubs), config["site_dir"], config["use_directory_urls"]))
        return files
    for page in _build.pages():
        files.append(File.generated(config, page.src_uri, content=_build.stub(page)))
    return files


def on_page_content(html, page, config, files):
    generated = _build.page_for(page.file.src_uri)
    return generated.html if generated is not None else html


def on_page_context(context, page, config, nav):
    generated = _build.page_for(page.file.src_uri)
    if generated is not None:
        page.edit_url = _build.edit_url(generated)
    return context


def on_post_build(config):
    global _previous_stubs
    try:
        if not (_build.provisional and _dirty):  # a quick rebuild leaves the last files in place
            _build.post_build(Path(config["site_dir"]))
        if _build.provisional and _refresh_dir is not None:
            _build.complete(_completed)
        if _build.stubs_folder is not None:
            _previous_stubs = _build
    finally:
        _release()


def _completed(build: SiteBuild) -> None:
    """Every page of a quick rebuild is made: one more rebuild serves them (unless a newer edit
    started a rebuild of its own meanwhile)."""
    if build is _build and _refresh_dir is not None:
        (_refresh_dir / "refresh").write_text(str(time.time()), encoding="utf-8")


def on_build_error(error):
    _release()


def on_shutdown():
    _release()
    if _refresh_dir is not None:
        shutil.rmtree(_refresh_dir, ignore_errors=True)


def _release():
    global _lock
    if _lock is not None:
        _lock.release()
        _lock = None
