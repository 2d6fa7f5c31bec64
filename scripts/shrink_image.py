"""Shrink a photo and strip its EXIF (GPS): `python scripts/shrink_image.py docs/images/models/x.jpg`."""

from pathlib import Path

from bangvang.staff.cli import run
from bangvang.staff.shrink_image import shrink_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(shrink_main, root=ROOT)
