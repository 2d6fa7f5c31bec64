"""Models' photos on their pages: the link from the page to the file, its size, its phone copy.

A photo's `src` is a path under docs/ (images/models/x.jpg), which MkDocs copies to the same
path of the site; a page links it relative to the page's own URL so the site works under any
base path. A photo wider than SMALL_WIDTH also gets a smaller WebP copy for phones, written
after the build (publish/photo_copies.py) at the path small_src() names, and offered with
srcset/sizes; width and height keep the page from jumping while the photo loads.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from bangvang.urls import file_link

SMALL_WIDTH = 800  # the phone copy's width (px): a phone screen at 2x is 750-860 px wide
SIZES = f"(max-width: {SMALL_WIDTH}px) 100vw, {SMALL_WIDTH}px"
_ORIENTATION = 0x0112
_TURNED = {5, 6, 7, 8}  # EXIF orientations that swap width and height

_size_cache: dict[tuple[str, int, int], tuple[int, int] | None] = {}


@dataclass(frozen=True)
class Photo:
    """One photo as a page prints it (links relative to that page)."""

    src: str
    alt: str
    width: int | None = None
    height: int | None = None
    srcset: str | None = None
    sizes: str | None = None


@dataclass(frozen=True)
class PhoneCopy:
    """The smaller copy of one photo: where it goes in the site and its size."""

    source: Path  # the original under docs/
    src: str  # site path of the copy
    width: int
    height: int


def small_src(src: str) -> str:
    """Where a photo's phone copy goes: images/models/x.jpg → images/models/x-jpg-800w.webp
    (the extension stays in the name, so x.jpg and x.png never share a copy)."""
    folder, _, name = src.rpartition("/")
    stem, dot, ext = name.rpartition(".")
    base = f"{stem}-{ext.lower()}" if dot else name
    return f"{folder}/{base}-{SMALL_WIDTH}w.webp" if folder else f"{base}-{SMALL_WIDTH}w.webp"


def photo_size(path: Path) -> tuple[int, int] | None:
    """Width and height as shown (upright, after the EXIF orientation); None when unreadable.
    Only the header is read; the answer is kept while the file is unchanged."""
    try:
        stat = path.stat()
    except OSError:
        return None
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _size_cache:
        from PIL import Image

        try:
            with Image.open(path) as image:
                width, height = image.size
                if image.getexif().get(_ORIENTATION) in _TURNED:
                    width, height = height, width
            _size_cache[key] = (width, height)
        except Exception:  # noqa: BLE001 - validation reports broken files; the page just has no size
            _size_cache[key] = None
    return _size_cache[key]


def phone_copy(docs_dir: Path | None, src: str) -> PhoneCopy | None:
    """The phone copy a photo needs, or None (small enough already, or unreadable)."""
    if docs_dir is None:
        return None
    source = Path(docs_dir) / src
    size = photo_size(source)
    if size is None or size[0] <= SMALL_WIDTH:
        return None
    width, height = size
    return PhoneCopy(source, small_src(src), SMALL_WIDTH, max(1, round(height * SMALL_WIDTH / width)))


def photos_for(docs_dir: Path | None, images: list[dict], page_url: str) -> list[Photo]:
    """The photos of a record as its page at page_url shows them."""
    photos = []
    for image in images:
        src = image["src"]
        href = _href(src, page_url)
        size = photo_size(Path(docs_dir) / src) if docs_dir is not None else None
        copy = phone_copy(docs_dir, src)
        srcset = f"{_href(copy.src, page_url)} {copy.width}w, {href} {size[0]}w" if copy and size else None
        photos.append(
            Photo(
                href,
                image["alt"],
                size[0] if size else None,
                size[1] if size else None,
                srcset,
                SIZES if srcset else None,
            )
        )
    return photos


def _href(src: str, page_url: str) -> str:
    return quote(file_link(src, page_url), safe="/.-_~")
