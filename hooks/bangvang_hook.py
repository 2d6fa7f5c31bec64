"""MkDocs hook: connects MkDocs events to the bangvang package, and does nothing else.

on_config loads and checks data/ (an invalid data set stops the build before anything is
written); on_files adds one generated page per record and section; on_page_content swaps in
the page's pre-rendered body; on_post_build writes the exports. A build holds a lock beside its
site folder from on_config to its end (two builds into one folder wait for each other), and
on_files refuses any file of docs/ or the theme overrides that is a link (nothing from outside
the repository is published).

The preview (`mkdocs serve`) only: on_config moves its folder to memory (preview_site.py);
on_pre_build starts a new generation of that folder; on_env writes back, unrendered, every page
whose inputs are those of a page kept from the last rebuild (kept_pages.py), on_post_page keeps
the others; on_serve and on_shutdown make sure the folder in memory goes with the server.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import jinja2
from bangvang.build import SiteBuild, SiteLock, SiteLockProblem, preview_stub_dir, unsafe_sources
from bangvang.preview_site import MemorySite
from bangvang.records.record_cache import RecordCache
from bangvang.settings import district_settings, last_commit_epoch
from bangvang.website.kept_pages import KeptPages, inputs_key
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File
from mkdocs.utils import get_build_datetime

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
# The preview without --dirty: rendered pages kept between rebuilds (see kept_pages.py), the
# template that writes one back, and this rebuild's navigation (its titles are known in on_env).
_kept = KeptPages()
KEPT_TEMPLATE = "bangvang-kept-page.html"
_nav = None
_memory_site: MemorySite | None = None  # the preview's folder, moved to memory (preview_site.py)


def on_startup(command, dirty):
    global _serving, _dirty
    _serving = command == "serve"
    _dirty = dirty


def on_config(config):
    global _build, _lock, _memory_site
    root = Path(config["config_file_path"]).parent
    if _serving and _memory_site is None:
        _memory_site = MemorySite.move(config["site_dir"])
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
    elif not (_build.provisional and _keeps_last_files()):  # (a quick rebuild keeps the last search bundle)
        _build.start_search()  # indexes while MkDocs renders; on_post_build waits for it
    return config


def _keeps_last_files() -> bool:
    """The preview's quick rebuilds leave the files beside the pages as they were: --dirty leaves
    them in place, the folder in memory links them from the last rebuild's folder."""
    return _serving and (_dirty or _memory_site is not None)


def on_pre_build(config):
    if _memory_site is not None and not _dirty:
        _memory_site.next_folder()  # before MkDocs empties the preview's folder


def on_serve(server, config, builder):
    global _refresh_dir
    # A preview stopped by a service manager or `kill` (SIGTERM) shuts down as after Ctrl-C, so
    # on_shutdown removes its folders (the one in memory above all).
    if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _stop_preview)
    _refresh_dir = Path(tempfile.mkdtemp(prefix="bangvang-refresh-"))
    server.watch(str(_refresh_dir))
    return server


def _stop_preview(signum, frame):
    raise KeyboardInterrupt  # `mkdocs serve` shuts down on it and runs on_shutdown


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


def on_nav(nav, config, files):
    global _nav
    _nav = nav
    return nav


def on_env(env, config, files):
    if _serving:
        env.bytecode_cache = _theme_bytecode
        if not _dirty:
            env.loader = jinja2.ChoiceLoader(
                [jinja2.DictLoader({KEPT_TEMPLATE: "{{ page.bangvang_kept }}"}), env.loader]
            )
            _reuse_kept_pages(files, config)
    return env


def _reuse_kept_pages(files, config) -> None:
    """The preview without --dirty: every generated page whose inputs are those of a page the
    last rebuild rendered is written from what was kept (the theme is not run for it again)."""
    site = _site_inputs(config)
    reused = 0
    for file in files.documentation_pages():
        page, generated = file.page, _build.page_for(file.src_uri)
        if page is None or generated is None:
            continue  # the guide's own pages are few: MkDocs renders them
        neighbours = [(p.url, p.title) if p is not None else None for p in (page.previous_page, page.next_page)]
        key = inputs_key(
            site,
            page.url,
            page.title,
            sorted(page.meta.items()),
            page.toc,
            generated.html_fingerprint(),
            _build.edit_url(generated),
            neighbours,
            page.is_homepage,
        )
        if key in _kept:  # (read back in on_page_context: one page in memory at a time)
            page.meta["template"] = KEPT_TEMPLATE
            page.bangvang_kept_key = key
            reused += 1
        else:
            page.bangvang_key = key
    if reused:
        log.info("Xem trước: %d trang giữ nguyên từ lần dựng trước (không dựng lại)", reused)


def _site_inputs(config) -> str:
    """What the theme reads for every page besides the page: settings, navigation, templates."""
    settings = [(key, repr(value)) for key, value in sorted(config.items()) if key not in ("plugins", "hooks")]

    def entries(items):
        for item in items or ():
            yield type(item).__name__, item.title, getattr(item, "url", None), list(entries(item.children))

    templates = []
    for folder in config["theme"].dirs:
        if folder != config["theme"].custom_dir:
            templates.append(folder)  # an installed theme does not change under a running preview
            continue
        for current, dirs, names in os.walk(folder):
            dirs.sort()
            for name in sorted(names):
                info = os.stat(os.path.join(current, name))
                templates.append(f"{current}/{name}:{info.st_size}:{info.st_mtime_ns}")
    # The footer shows the day of the build in Vietnam (UTC+7).
    day = (get_build_datetime().timestamp() + 7 * 3600) // 86400
    return inputs_key(settings, list(entries(_nav.items if _nav is not None else [])), templates, day)


def on_post_page(output, page, config):
    key = getattr(page, "bangvang_key", None)
    if key is not None:
        _kept.put(key, output)
    if _build.page_for(page.file.src_uri) is not None:
        page.content = page.bangvang_kept = ""  # written: not needed again (see on_page_content)
    return output


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
    # A generated page's body is handed over in on_page_context, just before the theme renders
    # it: MkDocs reads every page before it writes the first, and holding every body at once
    # (uncompressed) was most of a large site's peak memory.
    return "" if _build.page_for(page.file.src_uri) is not None else html


def on_page_context(context, page, config, nav):
    generated = _build.page_for(page.file.src_uri)
    if generated is not None:
        kept_key = getattr(page, "bangvang_kept_key", None)
        if kept_key is not None:
            page.bangvang_kept = _kept.get(kept_key)  # written back as it was
        else:
            page.content = generated.html
        page.edit_url = _build.edit_url(generated)
    return context


def on_post_build(config):
    global _previous_stubs
    if _serving and not _dirty:
        _kept.rebuild_done()
    try:
        if not (_build.provisional and _keeps_last_files()):
            _build.post_build(Path(config["site_dir"]))
        elif _memory_site is not None and not _dirty:
            _memory_site.keep_last_files()
        if _memory_site is not None:
            _memory_site.finish()
        if _build.stubs_folder is not None:
            _previous_stubs = _build
        # Last: the background thread that makes every page would slow any file work after it
        # (each system call waits for the interpreter lock).
        if _build.provisional and _refresh_dir is not None:
            _build.complete(_completed)
    finally:
        _release()


def _completed(build: SiteBuild) -> None:
    """Every page of a quick rebuild is made: one more rebuild serves them (unless a newer edit
    started a rebuild of its own meanwhile)."""
    if build is _build and _refresh_dir is not None:
        (_refresh_dir / "refresh").write_text(str(time.time()), encoding="utf-8")


def on_build_error(error):
    _kept.rebuild_failed()
    _release()


def on_shutdown():
    _release()
    if _memory_site is not None:
        _memory_site.undo()
    if _refresh_dir is not None:
        shutil.rmtree(_refresh_dir, ignore_errors=True)


def _release():
    global _lock
    if _lock is not None:
        _lock.release()
        _lock = None
