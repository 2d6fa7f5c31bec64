"""The phone copies of the models' photos, written beside the originals in site/ after a build.

Which photos need one, where it goes and its size are decided with the pages
(website/photos.py), so the pages' srcset and the files always agree. Making a copy decodes the
photo; copies are kept in a cache folder keyed by the photo's content hash, so a rebuild (or
`mkdocs serve`) only copies a file. A site without photos imports no image library at all.
"""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import tempfile
from pathlib import Path

from bangvang.records.images import cache_dir
from bangvang.website.photos import phone_copy

QUALITY = 78
VERSION = 1  # change when the way copies are made changes: old cached copies are then unused


def write_photo_copies(build, site_dir: Path) -> None:
    sources = sorted(
        {image["src"] for model in build.index.dataset.kind("models").values() for image in model.get("images", [])}
    )
    for src in sources:
        copy = phone_copy(build.docs_dir, src)
        if copy is None:
            continue
        made = _cached_copy(copy.source, copy.width, copy.height)
        out = Path(site_dir) / copy.src
        out.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made, out)


def _cached_copy(source: Path, width: int, height: int) -> Path:
    data = source.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    folder = cache_dir() / "copies"
    path = folder / f"{key}-{width}x{height}-q{QUALITY}-v{VERSION}.webp"
    if path.is_file():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    payload = make_copy(data, width, height)
    # written whole under a temporary name, then renamed: two builds at once never read half a file
    handle, temporary = tempfile.mkstemp(dir=folder, suffix=".part")
    with os.fdopen(handle, "wb") as stream:
        stream.write(payload)
    os.replace(temporary, path)
    return path


def make_copy(data: bytes, width: int, height: int) -> bytes:
    """The photo upright, at width×height, as WebP without metadata."""
    from PIL import Image, ImageOps

    with Image.open(io.BytesIO(data)) as opened:
        image = ImageOps.exif_transpose(opened)
        image = image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")
        image = image.resize((width, height), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=QUALITY, method=4)
    return buffer.getvalue()
