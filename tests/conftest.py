"""Shared fixtures: the fixture project built once, throwaway projects, a browser. Helpers that
are plain functions live in helpers.py."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from pathlib import Path

import pytest
from bangvang.records.validation import validate
from helpers import CHROMIUM_ARGS, ROOT, make_project, require_tool, run_mkdocs_build


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def fixture_project(tmp_path_factory) -> Path:
    """The project with the frozen seed and the fixture extras as its data (never the live data/)."""
    return make_project(tmp_path_factory.mktemp("fixture") / "project", extra=True)


@pytest.fixture(scope="session")
def site_data_dir(fixture_project) -> Path:
    """The data/ the shared built site was made from (the frozen seed plus the fixture extras)."""
    return fixture_project / "data"


@pytest.fixture(scope="session")
def site_dataset(fixture_project):
    """The records of the shared built site, loaded and checked (tests compare its pages with them)."""
    dataset, errors = validate(fixture_project / "data", fixture_project / "docs")
    assert errors == [], errors
    return dataset


@pytest.fixture(scope="session")
def built_site(fixture_project, tmp_path_factory) -> Path:
    """The fixture project built once with `mkdocs build --strict`; tests read its HTML."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs_build(fixture_project, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture()
def project_copy(tmp_path) -> Path:
    """A throwaway copy of the project, its data the frozen seed, to change or break on purpose."""
    return make_project(tmp_path / "project")


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    require_tool(path is not None, "Debian's chromium")
    return path


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built fixture site served on 127.0.0.1 (a free port), as a reader's browser reaches it."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(chromium_path):
    """Debian's chromium driven by playwright (never a downloaded browser)."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
