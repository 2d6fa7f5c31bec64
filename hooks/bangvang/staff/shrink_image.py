"""Make a photo fit for the site: `python scripts/shrink_image.py FILE [FILE…]`.

Turns it upright (the phone's orientation flag), scales it to at most MAX_SIDE pixels on its
longer side, saves it again in its own format, and drops every metadata block except the colour
profile: EXIF (GPS position, camera, date), XMP and comments. The file is replaced in place
unless --out says where to write.
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path

from bangvang.records.images import EXTENSIONS, MAX_BYTES, sniff

MAX_SIDE = 2000  # sharp on a large screen; a phone photo becomes ~0.5 MB
QUALITY = 82


class ShrinkError(Exception):
    """A file that cannot be shrunk, with the reason in Vietnamese."""


@dataclass
class Shrunk:
    before: tuple[int, int]
    after: tuple[int, int]
    bytes_before: int
    bytes_after: int


def shrink(source: Path, out: Path | None = None, max_side: int = MAX_SIDE) -> Shrunk:
    """Write the shrunk, metadata-free copy of source to out (default: over source)."""
    from PIL import Image, ImageOps

    out = out or source
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise ShrinkError(f"không đọc được {source} ({exc.strerror})") from None
    kind = sniff(data[:16])
    if kind is None:
        raise ShrinkError(
            f"{source} không phải ảnh JPEG, PNG hay WebP; mở ảnh bằng một chương trình xem ảnh rồi lưu lại dạng JPEG"
        )
    target = EXTENSIONS.get(out.suffix.lower(), kind)
    try:
        with Image.open(io.BytesIO(data)) as opened:
            before = opened.size
            image = ImageOps.exif_transpose(opened)  # upright; the orientation flag goes with the EXIF
            image.load()
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds of errors on a broken file
        raise ShrinkError(f"không đọc được ảnh {source} ({exc.__class__.__name__})") from None
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    icc = image.info.get("icc_profile")
    image.info = {}  # nothing of the original's metadata is carried over
    if target == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    options: dict = {"icc_profile": icc} if icc else {}
    if target == "JPEG":
        image.save(buffer, "JPEG", quality=QUALITY, optimize=True, progressive=True, **options)
    elif target == "WEBP":
        image.save(buffer, "WEBP", quality=QUALITY, method=6, **options)
    else:
        image.save(buffer, "PNG", optimize=True, **options)
    out.write_bytes(buffer.getvalue())
    return Shrunk(before, image.size, len(data), len(buffer.getvalue()))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.2f}".replace(".", ",")


def shrink_main(argv: list[str] | None = None) -> int:
    from bangvang.staff import cli
    from bangvang.staff.cli import _utf8_output

    parser = cli.StaffArgumentParser(
        prog="shrink_image.py", description="Thu nhỏ ảnh cho bảng vàng và xóa thông tin EXIF (vị trí GPS, máy chụp)."
    )
    parser.add_argument("files", type=cli.path_arg, nargs="+", metavar="TỆP", help="ảnh .jpg, .png hoặc .webp")
    parser.add_argument(
        "--max-side",
        type=int,
        default=MAX_SIDE,
        help=f"cạnh dài nhất sau khi thu nhỏ, tính bằng điểm ảnh (mặc định {MAX_SIDE})",
    )
    parser.add_argument("--out", type=cli.path_arg, help="ghi ra tệp này thay vì ghi đè (chỉ khi có một TỆP)")
    args = parser.parse_args(argv)
    _utf8_output()
    if args.out and len(args.files) > 1:
        print("Không thu nhỏ: --out chỉ dùng với một tệp.", file=sys.stderr)
        return 1
    if args.max_side < 100:
        print("Không thu nhỏ: --max-side phải từ 100 trở lên.", file=sys.stderr)
        return 1
    failed = 0
    for source in args.files:
        try:
            done = shrink(source, args.out, args.max_side)
        except ShrinkError as problem:
            print(f"Không thu nhỏ: {problem}.", file=sys.stderr)
            failed += 1
            continue
        (w0, h0), (w1, h1) = done.before, done.after
        print(
            f"{args.out or source}: {w0}×{h0} → {w1}×{h1} điểm ảnh, {_mb(done.bytes_before)} MB → "
            f"{_mb(done.bytes_after)} MB; đã xóa thông tin EXIF (vị trí GPS, máy chụp, ngày giờ)."
        )
        if done.bytes_after > MAX_BYTES:
            print(f"  Vẫn lớn hơn {_mb(MAX_BYTES)} MB: chạy lại với --max-side 1600.", file=sys.stderr)
            failed += 1
    return 1 if failed else 0
