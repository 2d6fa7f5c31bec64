"""Driving the browser editor at /quan-tri/ in Chromium with GitHub's API answered by a fake.

Used by tests/test_cms_browser.py and by scripts/cms_screenshots.py (the guide's pictures):
- `Network` routes https://api.github.com to devtools.fake_github.FakeGitHub, lets the site's own
  requests through, refuses every other host and records every request the page makes;
- `sign_in`, `new_entry`, `fill`, `choose`, `add_item`, `upload_photo`, `save` work the editor's
  forms the way staff do, by the labels they read (the editor in Vietnamese). Playwright's route handlers only run while a Playwright
  call is waiting: pauses are page.wait_for_timeout, never time.sleep.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from devtools.fake_github import FakeGitHub

TOKEN = "github_pat_fake_token_for_tests"  # what the fake accepts as a fine-grained token
GITHUB_API = "https://api.github.com"
TIMEOUT = 30_000  # ms: first load reads the whole repository from the fake (slow on a busy machine)
# Labels of the editor (Sveltia's Vietnamese strings, docs/quan-tri/sveltia/locales/vi.json)
SIGN_IN_WITH_TOKEN = "Đăng nhập bằng mã truy cập"
TOKEN_BOX = "Mã truy cập cá nhân"
SIGN_IN = "Đăng nhập"
CREATE = "Tạo bài viết hoặc tải tệp lên"
SAVE = "Lưu"
SEND_FOR_REVIEW = "Gửi duyệt"


def repository_files(project: Path) -> dict[str, bytes]:
    """The files of a project the editor reads: records, photos, mkdocs.yml (as on GitHub)."""
    project = Path(project)
    files = {"mkdocs.yml": (project / "mkdocs.yml").read_bytes()}
    for folder in ("data", "docs/images"):
        for path in sorted((project / folder).rglob("*")):
            if path.is_file():
                files[path.relative_to(project).as_posix()] = path.read_bytes()
    return files


@dataclass
class Network:
    """Every request of a browser context: GitHub's API to the fake, the site through, the rest refused."""

    gh: FakeGitHub
    site: str  # http://127.0.0.1:port/
    requests: list[str] = dataclasses.field(default_factory=list)  # every URL the pages asked for
    refused: list[str] = dataclasses.field(default_factory=list)

    def install(self, context) -> Network:
        context.on("request", lambda request: self.requests.append(request.url))
        context.route("**/*", self._route)
        return self

    def _route(self, route, request) -> None:
        url = request.url
        if url.startswith(GITHUB_API + "/"):
            status, headers, body = self.gh.handle(request.method, url, request.headers, request.post_data_buffer)
            route.fulfill(status=status, headers=headers, body=body)
        elif url.startswith(self.site):
            route.continue_()
        else:
            self.refused.append(url)
            route.abort()

    def other_hosts(self) -> list[str]:
        """Requests to anything but the site and GitHub's API (data: and blob: are the page's own)."""
        site = urlsplit(self.site).netloc
        return sorted(
            {
                u
                for u in self.requests
                if not u.startswith(("data:", "blob:")) and urlsplit(u).netloc not in (site, "api.github.com")
            }
        )


def open_editor(page, site: str) -> None:
    page.goto(site + "quan-tri/")
    page.get_by_role("button", name=SIGN_IN_WITH_TOKEN).wait_for(timeout=TIMEOUT)


def sign_in(page, site: str, token: str = TOKEN, before=None) -> None:
    """Sign in with a personal access token; `before(page)` runs with the token typed in."""
    open_editor(page, site)
    page.get_by_role("button", name=SIGN_IN_WITH_TOKEN).click()
    page.get_by_role("textbox", name=TOKEN_BOX).fill(token)
    if before:
        before(page)
    page.get_by_role("button", name=SIGN_IN, exact=True).click()
    page.get_by_role("button", name=CREATE).wait_for(timeout=TIMEOUT)


def open_collection(page, site: str, name: str) -> None:
    page.goto(f"{site}quan-tri/#/collections/{name}")
    page.get_by_role("button", name=CREATE).wait_for(timeout=TIMEOUT)


def new_entry(page, site: str, collection: str) -> None:
    page.goto(f"{site}quan-tri/#/collections/{collection}/new")
    page.wait_for_url(f"**/#/collections/{collection}/new", timeout=TIMEOUT)
    page.get_by_role("button", name=SAVE, exact=True).wait_for(timeout=TIMEOUT)
    page.mouse.move(640, 450)  # over the form: the wheel scrolls it


def field(scope, label: str):
    """A field of the form (or of a list item) by its label: Sveltia names it “Trường “label””."""
    return scope.get_by_role("group", name=re.compile("^Trường “\u2068?" + re.escape(label) + "\u2069?”$"))


def reveal(page, locator, index: int = 0):
    """The index-th match, once the form has drawn it: fields further down are only drawn when
    scrolled to, so scroll until it is there."""
    for _ in range(60):
        if locator.count() > index:
            found = locator.nth(index)
            found.scroll_into_view_if_needed()
            return found
        page.mouse.wheel(0, 400)
        page.wait_for_timeout(100)
    raise AssertionError(f"not on the form: {locator}")


def fill(page, scope, label: str, text: str, index: int = 0) -> None:
    box = reveal(page, field(scope, label), index)
    box.get_by_role("textbox").fill(text)


def choose(page, scope, label: str, option: str, index: int = 0) -> None:
    """A choice or a reference: a few options are radio buttons; more, a list with a search box."""
    group = reveal(page, field(scope, label), index)
    radio = group.get_by_role("radio", name=option, exact=True)
    if radio.count():
        radio.click()
        return
    group.get_by_role("combobox").click()
    search = page.get_by_role("searchbox")  # the open list's search box, when it has one
    if search.count() and search.first.is_visible():
        search.first.fill(option)
    page.get_by_role("option", name=option, exact=True).click()
    page.wait_for_timeout(100)
    if page.get_by_role("listbox").filter(visible=True).count():  # a list of several choices stays open
        group.get_by_role("heading").first.click()


def switch_on(page, label: str) -> None:
    """An optional group of fields (Quyết định…) starts off: tick “Thêm …”."""
    reveal(page, field(page, label)).get_by_role("checkbox").first.click()


def add_item(page, list_label: str, item_label: str) -> None:
    group = reveal(page, field(page, list_label))
    # the editor wraps names in bidi isolates: "Thêm \u2068người nhận\u2069"
    group.get_by_role("button", name=re.compile(f"^Thêm \u2068?{re.escape(item_label)}\u2069?$")).last.click()
    page.wait_for_timeout(200)


def write_markdown(page, label: str, text: str) -> None:
    box = reveal(page, field(page, label)).get_by_role("textbox").first
    box.click()
    page.keyboard.type(text)


def upload_photo(page, file: Path, index: int = 0) -> None:
    """The photo of the index-th item of “Ảnh”: browse, upload the file, pick it, insert it."""
    group = reveal(page, field(page, "Tệp ảnh"), index)
    group.get_by_role("button", name="Duyệt tệp").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[type=file]").set_input_files(str(file))
    dialog.get_by_role("option", name=Path(file).name).click()
    dialog.get_by_role("button", name="Chèn", exact=True).click()
    dialog.wait_for(state="hidden", timeout=TIMEOUT)
    # the field takes the file a moment after the dialog closes (its preview appears): saving
    # before that commits the record without its photo
    group.locator("img[src^='blob:']").first.wait_for(timeout=TIMEOUT)


def save(page) -> str:
    """Save the entry: a branch, a commit and a draft pull request; then send it for review."""
    page.get_by_role("button", name=SAVE, exact=True).click()
    dialog = page.get_by_role("alertdialog")
    dialog.wait_for(timeout=TIMEOUT)
    text = dialog.inner_text()
    dialog.get_by_role("button", name=SEND_FOR_REVIEW).click()
    dialog.wait_for(state="hidden", timeout=TIMEOUT)
    # the editor closes and goes back to the list: wait, or the next page.goto would be undone
    page.wait_for_url(re.compile(r"#/collections/[^/]+$"), timeout=TIMEOUT)
    page.get_by_role("button", name=CREATE).wait_for(timeout=TIMEOUT)
    return text
