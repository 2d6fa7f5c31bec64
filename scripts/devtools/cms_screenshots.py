"""The pictures of the guide page "Sửa trên trình duyệt" (docs/huong-dan/sua-tren-trinh-duyet.md).

Builds the project into a temporary folder, serves it, opens /quan-tri/ in Debian's chromium at
1280 px with GitHub's API answered by devtools.fake_github (seeded with the project's own files),
and goes through what the guide tells staff to do: sign in with a token, the list, an award with
two recipients, a model with a photo, "send for review", the workflow board. Each picture is
written to docs/huong-dan/anh-chup/ as PNG, reduced to a palette when it is over ~150 KB.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

from devtools import cms_browser as cms
from devtools.fake_github import FakeGitHub

OUT = Path("docs") / "huong-dan" / "anh-chup"
PREFIX = "sua-tren-trinh-duyet-"
WIDTH, HEIGHT = 1280, 800
MAX_BYTES = 150_000
SIGN_IN_CLIP = {"x": 300, "y": 200, "width": 680, "height": 400}  # the sign-in dialog, legible in the guide
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--font-render-hinting=none",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _save(png: bytes, path: Path) -> None:
    """Write a screenshot; a large one is reduced to 256 colours (text stays sharp)."""
    if len(png) > MAX_BYTES:
        from PIL import Image

        with Image.open(io.BytesIO(png)) as image:
            buffer = io.BytesIO()
            image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
                buffer, "PNG", optimize=True
            )
            png = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    print(f"{path} ({len(png) // 1024} KB)")


def _photo(folder: Path) -> Path:
    from PIL import Image, ImageDraw

    path = folder / "nha-mang-gia-tan.jpg"
    image = Image.new("RGB", (640, 420), (200, 225, 205))
    draw = ImageDraw.Draw(image)
    for x in range(0, 640, 80):  # rows of a greenhouse
        draw.polygon([(x, 420), (x + 40, 150), (x + 80, 420)], fill=(120, 170, 130), outline=(90, 130, 100))
    image.save(path, "JPEG", quality=85)
    return path


def take(root: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    root, out = Path(root), Path(out)
    shots: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)],
            cwd=root,
            env=env,
            check=True,
            timeout=900,
        )
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        site = f"http://127.0.0.1:{server.server_address[1]}/"
        gh = FakeGitHub(files=cms.repository_files(root), token=cms.TOKEN)
        photo = _photo(Path(tmp))

        def shot(page, name: str, clip: dict | None = None) -> None:
            page.wait_for_timeout(400)  # fonts and transitions settle
            path = out / f"{PREFIX}{name}.png"
            _save(page.screenshot(clip=clip) if clip else page.screenshot(), path)
            shots.append(path)

        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
                context = browser.new_context(locale="vi-VN", viewport={"width": WIDTH, "height": HEIGHT})
                cms.Network(gh, site).install(context)
                page = context.new_page()

                cms.sign_in(page, site, before=lambda page: shot(page, "dang-nhap", SIGN_IN_CLIP))
                cms.open_collection(page, site, "awards")
                shot(page, "danh-sach")

                cms.new_entry(page, site, "awards")
                cms.reveal(page, cms.field(page, "Năm")).get_by_role("spinbutton").fill("2024")
                cms.choose(page, page, "Danh hiệu, hình thức", "Bằng khen của Chủ tịch UBND tỉnh")
                cms.fill(page, page, "Tên như trong văn bản", "Bằng khen của Chủ tịch UBND tỉnh")
                cms.fill(page, page, "Cấp tặng", "Chủ tịch UBND tỉnh Hải Dương")
                cms.switch_on(page, "Quyết định")
                cms.fill(page, page, "Số quyết định", "1034/QĐ-UBND")
                cms.fill(page, page, "Ngày quyết định", "09/05/2024")
                cms.field(page, "Danh hiệu, hình thức").evaluate("e => e.scrollIntoView({block: 'start'})")
                shot(page, "khen-thuong")
                recipients = cms.field(page, "Danh sách được khen")
                cms.add_item(page, "Danh sách được khen", "người nhận")
                cms.choose(page, recipients, "Tập thể", "Xã Gia Tân", 0)
                cms.add_item(page, "Danh sách được khen", "người nhận")
                cms.fill(page, recipients, "Họ và tên", "Nguyễn Thị Hoa", 1)
                cms.fill(page, recipients, "Chức vụ", "Giáo viên", 1)
                cms.choose(page, recipients, "Tập thể", "Trường THCS Lê Thanh Nghị", 1)
                # the first recipient folded to its summary line, the second one open below it
                recipients.get_by_role("button", name="Thu gọn", exact=True).nth(1).click()
                recipients.evaluate("e => e.scrollIntoView({block: 'start'})")
                shot(page, "nguoi-nhan")
                page.get_by_role("button", name=cms.SAVE, exact=True).click()
                page.get_by_role("alertdialog").wait_for(timeout=cms.TIMEOUT)
                shot(page, "gui-duyet")
                page.get_by_role("alertdialog").get_by_role("button", name=cms.SEND_FOR_REVIEW).click()
                page.wait_for_url("**/#/collections/awards", timeout=cms.TIMEOUT)

                cms.new_entry(page, site, "models")
                cms.fill(page, page, "Tên điển hình, mô hình", "Mô hình nhà màng trồng dưa lưới ở xã Gia Tân")
                cms.reveal(page, cms.field(page, "Năm")).get_by_role("spinbutton").fill("2024")
                cms.choose(page, page, "Tập thể", "Xã Gia Tân")
                cms.write_markdown(page, "Tóm tắt", "Hai héc-ta nhà màng trồng dưa lưới, thu 1,2 tỷ đồng mỗi năm.")
                cms.add_item(page, "Ảnh", "ảnh")
                cms.upload_photo(page, photo)
                cms.fill(page, cms.field(page, "Ảnh"), "Mô tả ảnh", "Nhà màng trồng dưa lưới ở xã Gia Tân")
                shot(page, "anh")
                cms.field(page, "Tên điển hình, mô hình").scroll_into_view_if_needed()
                shot(page, "dien-hinh")
                cms.save(page)

                page.goto(f"{site}quan-tri/#/workflow")
                page.get_by_text("Mô hình nhà màng").first.wait_for(timeout=cms.TIMEOUT)
                shot(page, "quy-trinh")
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return shots


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Chụp lại ảnh màn hình của trang hướng dẫn Sửa trên trình duyệt.")
    parser.add_argument("--out", type=Path, default=None, help=f"thư mục ghi ảnh (mặc định: {OUT})")
    args = parser.parse_args(argv)
    root = Path(root or Path.cwd())
    take(root, args.out or root / OUT)
    return 0
