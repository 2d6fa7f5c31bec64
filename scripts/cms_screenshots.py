"""Retake the pictures of the guide page "Sửa trên trình duyệt" (docs/huong-dan/anh-chup/): the
browser editor at /quan-tri/ in Debian's chromium, GitHub answered by a local fake. The logic is
in scripts/devtools/cms_screenshots.py."""

from pathlib import Path

from bangvang.staff.cli import run
from devtools.cms_screenshots import main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(lambda argv: main(argv, root=ROOT), root=ROOT)
