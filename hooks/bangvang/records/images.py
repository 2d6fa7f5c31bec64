"""Checks of the photos that models show (`images: [{src, alt}]`, files under docs/).

A photo must be a real JPEG, PNG or WebP (by its content, not its name), a plain file inside
docs/ (no link, no way out of docs/), small enough for the site (with the command that shrinks
it), free of GPS positions, and, in a git checkout, tracked by git (else the build passes on the
editor's machine and the published site has no photo). Every problem of every photo is reported
at the position of its `src`. Pillow is only imported when a record has photos.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024  # a phone photo is 2-8 MB; the site wants < 1 MB (scripts/shrink_image.py)
MAX_PIXELS = 40_000_000  # 40 MP: beyond, decoding one photo takes hundreds of MB
SHRINK = "python scripts/shrink_image.py"
EXTENSIONS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
FORMAT_LABEL = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WebP"}
GPS_IFD = 0x8825
# XMP (text inside the file) can carry the position too, whatever the EXIF says.
_XMP_GPS = re.compile(rb"exif:GPS(Latitude|Longitude)|GPSLatitude=|<exif:GPSLatitude")

# Content checks per file, kept while its size and time are unchanged (`mkdocs serve` rebuilds
# on every edit and must not decode every photo again); a photo found clean is also remembered
# on disk by its content hash, so the next run (validate, build, pre-commit) skips decoding it.
_content_cache: dict[tuple[str, int, int], list[str]] = {}
CHECK_VERSION = 1  # change when the content checks change: photos are then checked again


def cache_dir() -> Path:
    """Where photo work is kept between runs (BANGVANG_PHOTO_CACHE, or the temp folder)."""
    return Path(os.environ.get("BANGVANG_PHOTO_CACHE") or Path(tempfile.gettempdir()) / "bangvang-photo-cache")


def check_images(models, err, docs_dir: Path | None) -> None:
    """Every problem of every model's photos; `err(record, path, message)` reports one."""
    tracked_wanted: list[tuple[object, tuple, str]] = []  # (model, path to src, src) of files that exist
    for model in models:
        for i, image in enumerate(model.get("images", [])):
            src = image.get("src") if isinstance(image, dict) else None
            if not isinstance(src, str) or not src:
                continue  # a missing src has its own error (required field)
            where = ("images", i, "src")
            problems, exists = _file_problems(src, docs_dir)
            for message in problems:
                err(model, where, message)
            if exists:
                tracked_wanted.append((model, where, src))
    if docs_dir is None or not tracked_wanted:
        return
    untracked = _untracked(Path(docs_dir), sorted({src for _, _, src in tracked_wanted}))
    for model, where, src in tracked_wanted:
        if src in untracked:
            shown = _shown(docs_dir, src)
            err(
                model,
                where,
                f"ảnh {shown} chưa được đưa vào git nên sẽ không có trên trang đã xuất bản; chạy: git add {shown}",
            )


def _shown(docs_dir: Path | None, src: str) -> str:
    """The photo as staff see it from the project folder: docs/images/models/x.jpg."""
    return f"{Path(docs_dir).name if docs_dir else 'docs'}/{src}"


def _file_problems(src: str, docs_dir: Path | None) -> tuple[list[str], bool]:
    """The problems of one photo, and whether the file exists (so git may be asked about it)."""
    shown = _shown(docs_dir, src)
    parts = src.split("/")
    if (
        src.startswith(("/", "\\"))
        or re.match(r"[A-Za-z]:", src)
        or "\\" in src
        or ".." in parts
        or ":" in src
        or "" in parts
        or "." in parts
    ):
        hint = "; bỏ 'docs/' ở đầu" if src.startswith("docs/") else ""
        return [
            "'src' phải là đường dẫn tới tệp trong docs/ (tính từ docs/, dấu '/', không có '..'), "
            f"ví dụ images/models/anh.jpg{hint}"
        ], False
    if src.startswith("docs/") and docs_dir is not None and not (Path(docs_dir) / src).exists():
        return [f"'src' tính từ thư mục docs/: bỏ 'docs/' ở đầu, viết '{src[5:]}'"], False
    if docs_dir is None:
        return [], False
    docs = Path(docs_dir)
    path = docs
    for depth, part in enumerate(parts, 1):
        path = path / part
        if path.is_symlink():
            return [
                f"{_shown(docs_dir, '/'.join(parts[:depth]))} là liên kết (symlink); "
                "hãy đặt tệp ảnh thật vào thư mục docs/"
            ], False
    if not path.exists():
        return [f"không có tệp ảnh {shown}{_case_hint(path)}"], False
    if not path.is_file():
        return [f"{shown} không phải là tệp ảnh"], False
    try:
        inside = path.resolve().is_relative_to(docs.resolve())
    except OSError:
        inside = False
    if not inside:
        return [f"ảnh {shown} phải nằm trong thư mục docs/"], False
    problems = []
    expected = EXTENSIONS.get(path.suffix.lower())
    if expected is None:
        problems.append(f"ảnh phải là tệp .jpg, .png hoặc .webp (đang là '{path.suffix or 'không có đuôi'}')")
    stat = path.stat()
    if stat.st_size > MAX_BYTES:
        problems.append(
            f"ảnh {shown} quá lớn ({_megabytes(stat.st_size)} MB; tối đa {_megabytes(MAX_BYTES)} MB); "
            f"thu nhỏ bằng: {SHRINK} {shown}"
        )
        return problems, True
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _content_cache:
        _content_cache[key] = _checked(path, shown, expected)
    return problems + _content_cache[key], True


def _checked(path: Path, shown: str, expected: str | None) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [f"không đọc được ảnh {shown} ({exc.strerror})"]
    marker = cache_dir() / "checks" / f"{hashlib.sha256(data).hexdigest()}-{expected}-v{CHECK_VERSION}.ok"
    if marker.is_file():
        return []
    problems = _content_problems(data, path, shown, expected)
    if not problems:
        try:
            marker.parent.mkdir(parents=True, exist_ok=True)
            marker.touch()
        except OSError:
            pass  # a read-only machine just checks again next time
    return problems


def _case_hint(path: Path) -> str:
    """The same name in another case: it works on Windows and macOS, not on the published site."""
    try:
        names = os.listdir(path.parent)
    except OSError:
        return ""
    same = [n for n in names if n.lower() == path.name.lower()]
    return f"; trong thư mục có '{same[0]}' (chữ hoa, chữ thường phải đúng như tên tệp)" if same else ""


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def sniff(head: bytes) -> str | None:
    """The image format of a file from its first bytes (magic numbers): JPEG, PNG, WEBP or None."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    return None


def _what_it_is(head: bytes) -> str:
    """Words for a file that is no photo, from its first bytes."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<svg", b"<?xml")) and b"<svg" in head.lower():
        return "ảnh SVG (có thể chứa mã chạy trên trang)"
    if text.startswith((b"<!doctype", b"<html", b"<head", b"<body", b"<")):
        return "trang HTML (thường do tải nhầm trang web thay vì ảnh)"
    if head.startswith(b"GIF8"):
        return "ảnh GIF"
    if head[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        return "ảnh HEIC của iPhone"
    if head.startswith(b"%PDF"):
        return "tệp PDF"
    try:
        head.decode("utf-8")
        return "tệp chữ"
    except UnicodeDecodeError:
        return "tệp không phải ảnh"


def _content_problems(data: bytes, path: Path, shown: str, expected: str | None) -> list[str]:
    found = sniff(data[:16])
    if found is None:
        return [
            f"{shown} không phải ảnh JPEG, PNG hay WebP thật: nội dung là {_what_it_is(data[:64])}; "
            "mở ảnh gốc bằng chương trình xem ảnh, lưu lại dạng JPEG rồi chép vào docs/"
        ]
    problems = []
    if expected is not None and found != expected:
        right = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}[found]
        problems.append(
            f"{shown} có đuôi {path.suffix} nhưng nội dung là ảnh {FORMAT_LABEL[found]}; "
            f"đổi đuôi tệp thành {right} (và sửa 'src')"
        )
    import io
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    return problems + [
                        f"ảnh {shown} có {width}×{height} điểm ảnh, quá lớn; thu nhỏ bằng: {SHRINK} {shown}"
                    ]
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                if image.format == "JPEG":  # decoded at 1/8 scale: a cut-off file still fails, faster
                    image.draft("RGB", (max(1, width // 8), max(1, height // 8)))
                image.load()  # verify() does not decode JPEG data: a cut-off file fails here
                exif = image.getexif()
                gps = bool(exif.get_ifd(GPS_IFD)) or GPS_IFD in exif
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        return problems + [f"ảnh {shown} quá lớn (số điểm ảnh); thu nhỏ bằng: {SHRINK} {shown}"]
    except Exception:  # noqa: BLE001 - Pillow raises many kinds of errors on a broken file
        return problems + [
            f"ảnh {shown} bị hỏng hoặc không đọc được; mở ảnh gốc và lưu lại, hoặc chạy {SHRINK} {shown}"
        ]
    if gps or _XMP_GPS.search(data):
        problems.append(
            f"ảnh {shown} có ghi vị trí GPS (nơi chụp, có thể là nhà riêng của người trong ảnh); "
            f"xóa thông tin đó bằng: {SHRINK} {shown}"
        )
    return problems


def _untracked(docs_dir: Path, sources: list[str]) -> set[str]:
    """The photos git does not track, when docs/ is in a git checkout; nothing outside git."""
    try:
        inside = subprocess.run(
            ["git", "rev-parse", "--is-inside-work-tree"], cwd=docs_dir, capture_output=True, text=True, timeout=30
        )
        if inside.returncode != 0 or inside.stdout.strip() != "true":
            return set()
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--", *sources], cwd=docs_dir, capture_output=True, timeout=60
        )
    except (OSError, subprocess.SubprocessError):
        return set()  # no git on this machine: nothing to compare with
    if listed.returncode != 0:
        return set()
    known = {p.decode("utf-8", "replace") for p in listed.stdout.split(b"\0") if p}
    return {src for src in sources if src not in known}
