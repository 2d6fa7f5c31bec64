"""Which files under docs/ may be published: MkDocs copies every file of docs/ into the site, so
a symlink there (used by a record or by nothing) would publish whatever it points to (/etc/passwd,
/proc/self/environ). Symlinks anywhere in docs/ are refused, and the folders that records fill
(docs/images/, docs/files/) hold only photos and PDF scans."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from bangvang.records.errors import ErrorLog

# Folders of docs/ that records point into, and the only file types published from them.
RECORD_FOLDERS = ("images", "files")
PUBLISHED_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".pdf")
# Never published by MkDocs (it leaves out names starting with a dot) and written by git or the
# operating system by themselves.
IGNORED_NAMES = {".gitkeep", ".ds_store"}


def check_docs(docs_dir: Path, log: ErrorLog) -> None:
    """Report every symlink and special file under docs_dir, and every file of another type in its
    record folders, as `docs/<path>:1:1`."""
    docs_dir = Path(docs_dir)
    if docs_dir.is_symlink():
        log.add(docs_dir.name + "/", 1, 1, _LINK)
        return
    if not docs_dir.is_dir():
        return
    pending = [docs_dir]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            log.add(_shown(docs_dir, Path(folder)) + "/", 1, 1, f"không đọc được thư mục ({exc.strerror})")
            continue
        for entry in entries:
            path = Path(entry.path)
            shown = _shown(docs_dir, path)
            if entry.is_symlink():
                log.add(shown, 1, 1, _LINK)
                continue
            try:
                mode = entry.stat(follow_symlinks=False).st_mode
            except OSError as exc:
                log.add(shown, 1, 1, f"không đọc được ({exc.strerror})")
                continue
            if stat.S_ISDIR(mode):
                pending.append(path)
            elif not stat.S_ISREG(mode):
                log.add(shown, 1, 1, "không phải một tệp thường (thiết bị, ống, socket…); xóa nó khỏi docs/")
            elif (
                _in_record_folder(docs_dir, path)
                and entry.name.lower() not in IGNORED_NAMES
                and path.suffix.lower() not in PUBLISHED_TYPES
            ):
                log.add(
                    shown,
                    1,
                    1,
                    f"docs/{'/'.join(path.relative_to(docs_dir).parts[:1])}/ chỉ chứa ảnh "
                    "(.jpg, .jpeg, .png, .webp) và tệp PDF; tệp "
                    f"'{entry.name}' sẽ bị xuất bản lên trang: xóa nó hoặc chuyển ra khỏi docs/",
                )


_LINK = (
    "không dùng liên kết (symlink) trong docs/: trang sẽ xuất bản tệp mà nó trỏ tới, kể cả tệp ngoài kho "
    "dữ liệu; hãy đặt tệp thật ở đây"
)


def _in_record_folder(docs_dir: Path, path: Path) -> bool:
    return path.relative_to(docs_dir).parts[0] in RECORD_FOLDERS


def _shown(docs_dir: Path, path: Path) -> str:
    rel = path.relative_to(docs_dir).as_posix()
    return f"{docs_dir.name}/{rel}" if rel != "." else docs_dir.name
