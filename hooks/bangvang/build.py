"""One site build: load and check the data, make the pages, write the exports.

Kept apart from the hook so that tests and benchmarks can drive a build without MkDocs events.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

from bangvang.publish.cms_config import write_cms_config
from bangvang.publish.comments_feed import write_comments_feed
from bangvang.publish.feed import write_feed
from bangvang.publish.json_schemas import publish as publish_schemas
from bangvang.publish.open_data_files import write_open_data
from bangvang.publish.open_data_page import open_data_pages
from bangvang.publish.photo_copies import write_photo_copies
from bangvang.publish.wikidata_export import write_wikidata
from bangvang.records.dataset import DataSet, Record
from bangvang.records.errors import DataError, format_report
from bangvang.records.record_cache import RecordCache
from bangvang.records.validation import validate
from bangvang.search.search_step import PreviewSearch, SearchStep
from bangvang.settings import site_info
from bangvang.urls import src_uri
from bangvang.website.comment_period import comment_pages
from bangvang.website.document_pages import document_pages
from bangvang.website.error_page import TITLE as ERROR_TITLE
from bangvang.website.error_page import error_page_html
from bangvang.website.index import Index, build_index
from bangvang.website.pages import TEMPLATES, Page, PageBuilder, SiteInfo, stub_text
from bangvang.website.proposals_page import proposals_pages
from bangvang.website.safe_markdown import stub_heading
from bangvang.website.statistics_page import statistics_pages
from bangvang.website.structured_data import add_structured_data
from bangvang.website.verification import verification_pages, write_qr_codes

log = logging.getLogger("mkdocs.hooks.bangvang")


@dataclass
class SiteBuild:
    root: Path
    site: SiteInfo
    data_dir: Path
    docs_dir: Path
    site_url: str = ""  # absolute base for the feed and other files read off-site
    serving: bool = False  # `mkdocs serve`: a preview rebuilt on every edit, so keep rebuilds cheap
    index: Index | None = None
    _pages: dict[str, Page] = field(default_factory=dict)
    failed: bool = False  # the data had errors: the preview shows them instead of the site
    search: SearchStep | PreviewSearch | None = None  # the search index, built while MkDocs renders the pages
    extra: dict = field(default_factory=dict)  # mkdocs.yml's `extra:` (the browser editor reads the repository there)
    # The preview (`mkdocs serve`) only: records kept between rebuilds, and the quick rebuild (below).
    record_cache: RecordCache | None = None
    provisional: bool = False  # only the edited records' pages were made again; complete() makes the rest
    completed: dict[str, Page] | None = None  # every page, made by complete() for this very data
    inputs: str = ""  # a digest of what pages are made of besides the data: docs/ files, templates, settings
    stubs_folder: Path | None = None  # where write_stubs wrote, and what
    stubs_written: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_config(cls, root: Path, config) -> SiteBuild:
        extra = config.get("extra") or {}
        return cls(
            root=root,
            site=site_info(config),
            data_dir=root / extra.get("data_dir", "data"),
            docs_dir=Path(config["docs_dir"]),
            site_url=config.get("site_url") or "",
            extra=extra,
        )

    def load(self, previous: SiteBuild | None = None) -> list[DataError]:
        """Load and check the data, then make the pages. With `previous` (a preview's last valid
        build), a rebuild after a few records were edited is quick: see _quick_pages."""
        dataset, errors = validate(self.data_dir, self.docs_dir, self.record_cache)
        if errors:
            return errors
        self.index = build_index(dataset)
        if previous is not None and previous.index is not None and not previous.failed:
            self.inputs = _inputs_digest(self.docs_dir, self.site)
            if self._quick_pages(previous):
                return []
        self._pages = {p.src_uri: p for p in self._all_pages()}
        return []

    def _all_pages(self) -> list[Page]:
        assert self.index is not None
        builder = PageBuilder(self.index, self.site)
        pages = builder.build()
        for provider in PAGE_PROVIDERS:
            pages += provider(builder)
        for finish in PAGE_FINISHERS:
            finish(builder, pages)
        return pages

    # -- the preview's quick rebuild ---------------------------------------------------------------
    # A preview rebuild makes again at once only the pages of the records whose values changed (a
    # person's, a unit's page, the year page of an award) and serves every other page as it was;
    # complete(), run after MkDocs has written those pages, makes every page in the background and
    # asks the preview for one more rebuild, which serves them all (the pages that show the edited
    # record elsewhere lag by that much). `mkdocs build` never takes this path.

    def _quick_pages(self, previous: SiteBuild) -> bool:
        assert self.index is not None and previous.index is not None
        changed = _changed_records(previous.index.dataset, self.index.dataset)
        if changed is None:
            return False  # records added, removed or the vocabulary changed: every page again
        if not changed and previous.completed is not None and previous.inputs == self.inputs:
            self._pages = dict(previous.completed)  # the data complete() made every page for
            return True
        base = previous.completed if previous.completed is not None else previous._pages
        builder = PageBuilder(self.index, self.site)
        makers = {
            "people": builder.person,
            "units": builder.unit,
            "campaigns": builder.campaign,
            "models": builder.model,
            "reports": builder.report,
        }
        quick: list[Page] = []
        years: set[int] = set()
        for record in changed:
            if record.folder in makers:
                quick.append(makers[record.folder](record))
            elif record.folder == "awards":
                old = previous.index.dataset.get("awards", record.id)
                years |= {record["year"], old["year"] if old is not None else record["year"]}
        quick += [builder.year(y) for y in sorted(years) if y in self.index.awards_by_year]
        for finish in PAGE_FINISHERS:
            finish(builder, quick)
        self._pages = dict(base)
        self._pages.update({p.src_uri: p for p in quick})
        self.provisional = True
        log.info(
            "Xem trước: dựng ngay %d trang của bản ghi vừa sửa; các trang khác được dựng lại ngay sau đó", len(quick)
        )
        return True

    def complete(self, when_done) -> None:
        """Provisional builds: make every page in a background thread, then call when_done(self)."""

        def run() -> None:
            try:
                self.completed = {p.src_uri: p for p in self._all_pages()}
            except Exception:  # the next full rebuild reports it; a preview must not die of it
                log.exception("Xem trước: không dựng lại được toàn bộ trang")
                return
            when_done(self)

        threading.Thread(target=run, name="bangvang-complete-pages", daemon=True).start()

    @staticmethod
    def error_report(errors: list[DataError]) -> str:
        return format_report(errors)

    def keep_urls_of(self, previous: SiteBuild) -> None:
        """Take over the page URLs of the last build (the preview's pages stay where they were)."""
        self._pages = dict(previous._pages)

    def show_errors(self, errors: list[DataError]) -> None:
        """Preview only: every page this build knows (or the home page) shows the error list, so
        the page being looked at reloads into it; nothing else is written until the data is valid."""
        known = [p.url for p in self._pages.values()] or [""]
        body = error_page_html(errors)
        self._pages = {src_uri(url): Page(url, ERROR_TITLE, ERROR_TITLE, html=body) for url in known}
        if "index.md" not in self._pages:
            self._pages["index.md"] = Page("", ERROR_TITLE, ERROR_TITLE, html=body)
        self.failed = True

    def pages(self) -> list[Page]:
        return list(self._pages.values())

    def page_for(self, src_uri: str) -> Page | None:
        return self._pages.get(src_uri)

    def edit_url(self, page: Page) -> str | None:
        return self.site.edit_url(page.edit_path)

    @staticmethod
    def stub(page: Page) -> str:
        """The Markdown MkDocs sees: metadata only; the body is swapped in after rendering."""
        # The theme prints title and description without escaping them: they go in as HTML text.
        title = stub_text(page.title).replace("\\", "\\\\").replace('"', '\\"')
        description = stub_text(page.description).replace("\\", "\\\\").replace('"', '\\"')
        # The home page is titled by the site's name alone (a title of its own would repeat it).
        meta = (
            f'description: "{description}"\n' if not page.url else f'title: "{title}"\ndescription: "{description}"\n'
        )
        # The heading gives MkDocs the page's h1 id (skip link, table of contents): the title's
        # inert characters with the id given explicitly, so a title never goes through Markdown.
        return f'---\n{meta}---\n\n{stub_heading(page.title)}'

    def write_stubs(self, folder: Path, previous: SiteBuild | None = None) -> Path:
        """Every page's stub as a file under folder, written only when it changed (its mtime then
        tells `mkdocs serve --dirty` which pages to render again). The stubs `previous` wrote are
        known without reading them back."""
        same_folder = previous is not None and previous.stubs_folder == folder
        known = previous.stubs_written if previous is not None and same_folder else {}
        served = previous._pages if previous is not None and same_folder else {}
        for uri, page in self._pages.items():
            if served.get(uri) is page and uri in known and (folder / uri).is_file():  # the very page, kept
                self.stubs_written[uri] = known[uri]
                continue
            text = self.stub(page).replace("---\n", f"---\nfingerprint: {_fingerprint(page)}\n", 1)
            path = folder / page.src_uri
            if known.get(page.src_uri) == text and path.is_file():
                self.stubs_written[page.src_uri] = text
                continue
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8")
            self.stubs_written[page.src_uri] = text
        self.stubs_folder = folder
        return folder

    def start_search(self) -> None:
        """Start indexing for search (records from the data, Pagefind in the background); the
        post-build step waits for it. Called once the data is loaded and valid."""
        assert self.index is not None, "start_search runs after load()"
        self.search = SearchStep.start(self.index, self.pages(), self.docs_dir, self.root, self.serving)

    def post_build(self, site_dir: Path) -> None:
        """Files beside the pages: open data, feed, schemas, search index (each module writes its own)."""
        if self.failed:
            return  # the preview shows the data's errors; exports wait for valid data
        for step in POST_BUILD_STEPS:
            step(self, site_dir)


def _finish_search(build: SiteBuild, site_dir: Path) -> None:
    if build.search is not None:
        build.search.finish(site_dir)


# Pages beyond the record pages (statistics, open data…): functions (PageBuilder) -> list[Page].
PAGE_PROVIDERS: list = [
    open_data_pages,
    statistics_pages,
    proposals_pages,
    document_pages,
    verification_pages,
    comment_pages,
]

# Steps over every page once all are made, in order; each takes (PageBuilder, pages) and may add
# to a page's HTML (the JSON-LD block of structured_data.py).
PAGE_FINISHERS: list = [add_structured_data]

# Steps run after MkDocs has written the pages, in order; each takes (build, site_dir).
POST_BUILD_STEPS: list = [
    write_open_data,
    write_feed,
    _finish_search,
    publish_schemas,
    write_photo_copies,
    write_qr_codes,
    write_comments_feed,
    write_wikidata,
    write_cms_config,
]


def _changed_records(before: DataSet, after: DataSet) -> list[Record] | None:
    """The records whose values differ between two data sets, or None when records were added
    or removed, or the vocabulary changed (then every page is made again)."""
    if before.records.keys() != after.records.keys():
        return None
    changed = []
    for kind, records in after.records.items():
        old = before.records[kind]
        if records.keys() != old.keys():
            return None
        for record_id, record in records.items():
            if record.data != old[record_id].data:
                if kind == "vocab":
                    return None
                changed.append(record)
    return changed


def _inputs_digest(docs_dir: Path, site: SiteInfo) -> str:
    """What the pages are made of besides the data, as of now: the size and time of every file
    under docs/ (photos, scans, the guide) and of the page templates, and the site's settings."""
    digest = hashlib.sha1(repr(site).encode("utf-8"))
    for folder in (Path(docs_dir), TEMPLATES):
        for current, dirs, files in os.walk(folder):
            dirs.sort()
            for name in sorted(files):
                try:
                    info = os.stat(os.path.join(current, name))
                except OSError:
                    continue
                digest.update(f"{current}/{name}\0{info.st_size}\0{info.st_mtime_ns}\n".encode("utf-8", "replace"))
    return digest.hexdigest()


def _fingerprint(page: Page) -> str:
    return hashlib.sha1(f"{page.html}\0{page.edit_path}".encode()).hexdigest()


def preview_stub_dir(root: Path) -> Path:
    """Where `mkdocs serve --dirty` keeps the stubs of one project, outside the project: a folder
    in the temp folder that only this user can enter (mode 0700, owned, not a link). Its name is
    stable, so a restarted preview reuses its stubs; when a folder of that name is not ours and
    private (another user can create it first, or plant links in it), a fresh private folder is
    made instead for the rest of this process."""
    key = hashlib.sha1(str(root.resolve()).encode("utf-8")).hexdigest()[:12]
    if key in _fresh_stub_dirs:
        return _fresh_stub_dirs[key]
    uid = os.getuid() if hasattr(os, "getuid") else None
    wanted = Path(tempfile.gettempdir()) / f"bangvang-preview-{uid if uid is not None else 'u'}-{key}"
    try:
        os.mkdir(wanted, 0o700)
        made = True
    except FileExistsError:
        made = True  # ours from an earlier preview, or not: checked below
    except OSError:
        made = False
    if made and _private_folder(wanted, uid):
        return wanted
    fresh = Path(tempfile.mkdtemp(prefix=f"bangvang-preview-{key}-"))
    _fresh_stub_dirs[key] = fresh
    return fresh


_fresh_stub_dirs: dict[str, Path] = {}


def _private_folder(path: Path, uid: int | None) -> bool:
    """A real folder (not a link), owned by this user, that no one else may read or write."""
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and (uid is None or info.st_uid == uid)
        and (os.name == "nt" or info.st_mode & 0o077 == 0)
    )


# ---------------------------------------------------------------------------------------------
# One build at a time into a site folder, and nothing published from outside the project
# ---------------------------------------------------------------------------------------------


class SiteLockProblem(Exception):
    """The lock file cannot be used (a link, a file of another user…): the message says which."""


class SiteLock:
    """An exclusive lock on a file beside the site folder (`.site.lock` for `site/`), held from the
    start of a build (on_config) to its end (on_post_build, or the error): MkDocs empties and
    refills the site folder, and two builds doing that at once fail or mix their search indexes.
    A second build waits for the first. When the folder above the site cannot be written, the
    lock is a hidden file inside the site folder (MkDocs never deletes hidden files there).
    Without fcntl (Windows) builds are not locked."""

    def __init__(self, site_dir: Path):
        site_dir = Path(site_dir).absolute()
        self.path = site_dir.parent / f".{site_dir.name}.lock"
        self._inside = site_dir / ".bangvang-build.lock"
        self._fd: int | None = None

    def acquire(self, waiting=None) -> None:
        """Take the lock, calling `waiting()` once first if another build holds it."""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            return
        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, flags, 0o600)  # never through a link planted under that name
            except PermissionError:
                self.path = self._inside
                self.path.parent.mkdir(parents=True, exist_ok=True)
                fd = os.open(self.path, flags, 0o600)
        except OSError as exc:
            raise SiteLockProblem(
                f"{self.path}:1:1: không dùng được tệp khóa của lần dựng trang ({exc.strerror}); "
                "nếu đó là một liên kết hay tệp của người khác, hãy xóa nó"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if waiting is not None:
                waiting()
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        import fcntl

        fd, self._fd = self._fd, None
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def unsafe_sources(sources, folders) -> list[tuple[str, str]]:
    """Files MkDocs would copy into the site from one of `folders` (docs/, the theme overrides)
    that are links or lead outside their folder: (abs_src_path, `path:1:1: message`) for each.
    `sources` are (src_dir, abs_src_path) pairs; validation refuses these already (docs/), this
    is the last check before MkDocs copies anything."""
    roots = {os.path.realpath(f) for f in folders if f}
    problems = []
    for src_dir, path in sources:
        if not path or not src_dir or os.path.realpath(src_dir) not in roots:
            continue
        real_root = os.path.realpath(src_dir)
        linked, current = False, os.path.abspath(path)
        while current.startswith(os.path.abspath(src_dir)) and current != os.path.abspath(src_dir):
            linked = linked or os.path.islink(current)
            current = os.path.dirname(current)
        inside = os.path.realpath(path).startswith(real_root + os.sep)
        if linked or not inside:
            shown = os.path.relpath(path, os.path.dirname(os.path.abspath(src_dir))).replace(os.sep, "/")
            problems.append(
                (
                    path,
                    f"{shown}:1:1: không xuất bản liên kết (symlink) hay tệp ngoài thư mục "
                    f"{os.path.basename(os.path.abspath(src_dir))}/; hãy đặt tệp thật ở đây",
                )
            )
    return problems
