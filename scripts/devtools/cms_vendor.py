"""The browser editor (Sveltia CMS, npm @sveltia/cms) copied from node_modules into docs/quan-tri/sveltia/.

The site serves the editor itself: no CDN. The npm bundle would still reach other hosts at run
time, so the copy changes a few strings, each checked to occur as often as expected (a new
version that moves them fails here rather than silently calling out):
- its fonts (cdn.jsdelivr.net) come from sveltia/fonts/, copied from the package's npm/assets/;
- its UI translations (unpkg.com) come from sveltia/locales/ (Vietnamese only, with the few strings
  it lacks added: VI_ADDITIONS);
- its hourly "new version?" check (unpkg.com) reads sveltia/version.json, the pinned version;
- GitHub's status page (githubstatus.com) is not polled, and avatars (avatars.githubusercontent.com)
  are not shown;
- the source map comment goes (the map is not copied).
What is left talks to the site and to api.github.com only. `render_files` is the whole copy, so a
test compares docs/quan-tri/sveltia/ with what the pinned npm package gives.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "@sveltia/cms"
VENDOR_DIR = Path("docs") / "quan-tri" / "sveltia"  # under the project root; the page loads sveltia/…
PAGE_PREFIX = "sveltia/"  # the vendored folder as the admin page (/quan-tri/) sees it
LOCALES = ("vi",)  # UI languages shipped (en-US is inside the bundle)
LICENSES = ("LICENSE.txt",)
# Strings of the editor's English that its Vietnamese file lacks (in 0.221.1), for what staff meet
# here: signing in, list items, photos, a save that meets someone else's change. Added to
# locales/vi.json; a key the package comes to translate itself keeps its own words.
VI_ADDITIONS = {
    "sign_in_using_access_token_workflow_note": "Vì mỗi thay đổi được gửi thành một đề nghị thay đổi (pull request), mã này cũng phải có quyền đọc/ghi "
    "đề nghị thay đổi (Pull requests).",
    "select_item": "Chọn {$name}",
    "list_item_options": "Tùy chọn của mục",
    "replace_file": "Thay tệp",
    "replace_image": "Thay ảnh",
    "remove_file": "Gỡ tệp",
    "remove_image": "Gỡ ảnh",
    "show_errors": "Xem lỗi",
    "file_unavailable": "Không có tệp",
    "file_unavailable_description": "Không tải được tệp này. Có thể tệp đã bị chuyển hoặc xóa.",
    "entry_sidebar.slug.title": "Tên tệp",
    "entry_sidebar.slug.generated_on_save": "Tên tệp được tạo từ nội dung khi lưu.",
    "entry_sidebar.slug.unavailable": "Bản ghi này không có tên tệp.",
    "save_conflict.title": "Người khác đã sửa bản ghi này",
    "save_conflict.modified_by": "{$name} đã sửa bản ghi này lúc {$date}, sau khi bạn mở nó.",
    "save_conflict.modified": "Bản ghi đã được sửa trong kho mã sau khi bạn mở nó.",
    "save_conflict.deleted": "Bản ghi đã bị xóa khỏi kho mã sau khi bạn mở nó.",
    "save_conflict.overwrite_warning": "Nếu lưu bây giờ, thay đổi của họ sẽ mất.",
    "save_conflict.recreate_warning": "Nếu lưu bây giờ, bản ghi sẽ được tạo lại.",
    "save_conflict.save_anyway": "Vẫn lưu",
    "save_conflict.branch_moved": "Kho mã vừa được người khác cập nhật trong lúc lưu. Vui lòng thử lại.",
    "remote_change.reload_entry": "Tải lại bản ghi",
    "remote_change.confirm_reloading_entry": "Tải lại bản ghi? Những thay đổi chưa lưu sẽ mất.",
    "relation_field.save_together_hint": "{$name} mới sẽ được lưu cùng bản ghi đang sửa.",
}


class VendorError(RuntimeError):
    """The package is missing, or its bundle no longer has a string the copy must change."""


@dataclass(frozen=True)
class Patch:
    why: str
    pattern: str  # a regular expression over the bundle
    replacement: str
    count: int | None = 1  # occurrences expected; None: at least one


def _patches(bundle: str) -> list[Patch]:
    # the GitHub backend names its status page in a variable; GitLab's backend has one too
    status = re.search(r"(\w+)=`https://www\.githubstatus\.com/`", bundle)
    status_var = re.escape(status[1]) if status else "GITHUB_STATUS_PAGE_NOT_FOUND"
    return [
        Patch(
            "the 'new version' check reads the pinned version from the site",
            r"`\$\{\w+\}/package\.json`",
            f"`{PAGE_PREFIX}version.json`",
        ),
        Patch("UI translations come from the site", r"`\$\{\w+\}@\$\{\w+\}/locales`", f"`{PAGE_PREFIX}locales`"),
        Patch("GitHub's status page is not polled", rf"(statusDashboardURL:{status_var},)checkStatus:\w+,", r"\1"),
        Patch(
            "the signed-in user's avatar is not loaded from avatars.githubusercontent.com",
            r"avatarURL:\w+\.avatar_url\b",
            "avatarURL:void 0",
        ),
        Patch(
            "commit authors' avatars are not loaded either",
            r"authorAvatarURL:\w+\.author\??\.avatar(?:_url|Url)\b",
            "authorAvatarURL:void 0",
            None,
        ),
        Patch("no source map", r"\n//# sourceMappingURL=\S+\s*$", "\n", None),
    ]


_FONT_URL = re.compile(
    r"https://cdn\.jsdelivr\.net/fontsource/fonts/(?P<family>[a-z0-9-]+)(?::vf)?@[0-9.]+/(?P<variant>[a-z0-9-]+)\.woff2"
)


def package_dir(root: Path) -> Path:
    return Path(root) / "node_modules" / PACKAGE


def pinned_version(root: Path) -> str:
    """The exact version package.json asks for."""
    manifest = json.loads((Path(root) / "package.json").read_text(encoding="utf-8"))
    deps = {**manifest.get("dependencies", {}), **manifest.get("devDependencies", {})}
    return deps[PACKAGE]


def render_files(pkg: Path) -> dict[str, bytes]:
    """Every file of the vendored folder, by its path inside it, from the installed package."""
    pkg = Path(pkg)
    if not (pkg / "package.json").is_file():
        raise VendorError(f"{PACKAGE} is not installed (run: npm ci)")
    version = json.loads((pkg / "package.json").read_text(encoding="utf-8"))["version"]
    bundle = (pkg / "dist" / "sveltia-cms.js").read_text(encoding="utf-8")
    files: dict[str, bytes] = {}
    for patch in _patches(bundle):
        bundle, found = re.subn(patch.pattern, patch.replacement, bundle)
        if (patch.count is not None and found != patch.count) or found == 0:
            raise VendorError(
                f"{PACKAGE} {version}: expected {patch.count or 'some'} of {patch.pattern!r} "
                f"({patch.why}), found {found}; review the patches in {__name__}"
            )
    assets = pkg / "npm" / "assets"

    def local_font(match: re.Match) -> str:
        stem = f"{match['family']}-{match['variant']}"
        found = sorted(assets.glob(f"{stem}-*.woff2"))
        if len(found) != 1:
            raise VendorError(f"{PACKAGE} {version}: no single npm/assets/{stem}-*.woff2 for {match[0]}")
        files[f"fonts/{stem}.woff2"] = found[0].read_bytes()
        licence = assets / f"{match['family']}.LICENSE.txt"
        if licence.is_file():
            files[f"fonts/{match['family']}.LICENSE.txt"] = licence.read_bytes()
        return f"{PAGE_PREFIX}fonts/{stem}.woff2"

    bundle = _FONT_URL.sub(local_font, bundle)
    leftovers = sorted(set(re.findall(r"https://cdn\.jsdelivr\.net[^`'\")\s]*", bundle)))
    if leftovers or not any(name.startswith("fonts/") for name in files):
        raise VendorError(f"{PACKAGE} {version}: addresses left in the bundle: {leftovers or 'fonts not found'}")
    files["sveltia-cms.js"] = bundle.encode("utf-8")
    chunks = pkg / "dist" / "chunks"
    for chunk in sorted(chunks.glob("*.js")):  # loaded lazily, beside the bundle (else from unpkg)
        text = chunk.read_text(encoding="utf-8")
        files[f"chunks/{chunk.name}"] = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text).encode("utf-8")
    for locale in LOCALES:
        strings = json.loads((pkg / "locales" / f"{locale}.json").read_text(encoding="utf-8"))
        if locale == "vi":
            for key, text in VI_ADDITIONS.items():
                *parents, last = key.split(".")
                node = strings
                for part in parents:
                    node = node.setdefault(part, {})
                node.setdefault(last, text)
        files[f"locales/{locale}.json"] = (json.dumps(strings, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    files["version.json"] = (json.dumps({"version": version}) + "\n").encode("utf-8")
    for name in LICENSES:
        files[name] = (pkg / name).read_bytes()
    return files


def differences(root: Path) -> list[str]:
    """What differs between docs/quan-tri/sveltia/ and the copy the installed package gives."""
    want = render_files(package_dir(root))
    folder = Path(root) / VENDOR_DIR
    have = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else {}
    out = [f"missing {name}" for name in sorted(set(want) - set(have))]
    out += [f"extra {name}" for name in sorted(set(have) - set(want))]
    out += [f"differs {name}" for name in sorted(set(want) & set(have)) if have[name].read_bytes() != want[name]]
    return out


def write(root: Path) -> list[Path]:
    """Replace docs/quan-tri/sveltia/ with the copy of the installed package."""
    files = render_files(package_dir(root))
    folder = Path(root) / VENDOR_DIR
    if folder.is_dir():
        for old in sorted(folder.rglob("*"), reverse=True):
            if old.is_file():
                old.unlink()
            elif old.is_dir():
                old.rmdir()
    written = []
    for name, data in sorted(files.items()):
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        description="Copy Sveltia CMS from node_modules into docs/quan-tri/sveltia/ "
        "(after changing its version in package.json and running npm ci)."
    )
    parser.add_argument("--check", action="store_true", help="only compare; exit 1 when the copy is out of date")
    args = parser.parse_args(argv)
    root = Path(root or Path.cwd())
    installed = (
        json.loads((package_dir(root) / "package.json").read_text(encoding="utf-8"))["version"]
        if (package_dir(root) / "package.json").is_file()
        else None
    )
    if installed != pinned_version(root):
        print(
            f"node_modules has {PACKAGE} {installed}, package.json pins {pinned_version(root)}: run npm ci",
            file=sys.stderr,
        )
        return 1
    if args.check:
        diff = differences(root)
        for line in diff:
            print(line, file=sys.stderr)
        return 1 if diff else 0
    for path in write(root):
        print(path.relative_to(root).as_posix())
    return 0
