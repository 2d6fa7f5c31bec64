"""Models' photos: shown on the built page (a real file at the address the page gives, decoded by
a browser), a smaller copy for phones, and every way a photo can be wrong refused at its `src`."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bangvang.publish import photo_copies
from bangvang.records.images import MAX_BYTES
from bangvang.website.photos import SMALL_WIDTH, phone_copy, small_src
from helpers import EXTRA, MODEL, ROOT, assert_refused, errors_for, read, where
from PIL import Image

MODEL_FILE = "models/truong-dat-chuan.yml"
FIXTURE_MODEL = "vuon-rau-nha-mang-2022"


def _fixture_images() -> list[dict]:
    record = yaml.safe_load((EXTRA / "data" / "models" / f"{FIXTURE_MODEL}.yml").read_text(encoding="utf-8"))
    return record["images"]


def _jpeg(size=(1200, 900), exif: Image.Exif | None = None, colour=(30, 120, 60)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG", quality=80, **({"exif": exif} if exif else {}))
    return buffer.getvalue()


def _png(size=(300, 200)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (10, 20, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def _gps_exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x0110] = "Điện thoại"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (20.0, 51.0, 30.0), 3: "E", 4: (106.0, 16.0, 12.0)})
    return exif


def _with_photos(tmp_path: Path, photos: dict[str, bytes], srcs: list[str]) -> tuple[str, list]:
    for rel, content in photos.items():
        path = tmp_path / "docs" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    text = MODEL + "images:\n" + "".join(f"  - {{src: {src}, alt: Ảnh {n}}}\n" for n, src in enumerate(srcs))
    _, errors = errors_for(tmp_path, {MODEL_FILE: text})
    return text, errors


# ---------------------------------------------------------------------------------------------
# On the built page
# ---------------------------------------------------------------------------------------------


def _images_of(doc) -> list[dict]:
    return [
        attrs
        for tag, attrs in doc.elements
        if tag == "img"
        and "bv-figure" not in (attrs.get("class") or "")
        and (attrs.get("src") or "").split("/")[-1] in {Path(i["src"]).name for i in _fixture_images()}
    ]


def test_the_photo_is_a_real_file_at_the_address_the_page_gives(built_site):
    doc = read(built_site, f"dien-hinh/{FIXTURE_MODEL}")
    images = _images_of(doc)
    assert [i["alt"] for i in images] == [i["alt"] for i in _fixture_images()]
    for attrs in images:
        src = doc.resolve(attrs["src"])
        assert not src.startswith(("/", "http")), "a link relative to the page works under any base path"
        file = built_site / src
        assert file.is_file(), f"{attrs['src']} from /{doc.url} is /{src}, which the site does not have"
        with Image.open(file) as image:
            assert (int(attrs["width"]), int(attrs["height"])) == image.size
        assert attrs["loading"] == "lazy"


def test_a_wide_photo_has_a_smaller_webp_copy_for_phones(built_site):
    doc = read(built_site, f"dien-hinh/{FIXTURE_MODEL}")
    wide, small = _images_of(doc)
    candidates = dict(reversed(c.strip().rsplit(" ", 1)) for c in wide["srcset"].split(","))
    copy = built_site / doc.resolve(candidates[f"{SMALL_WIDTH}w"])
    assert copy.is_file()
    with Image.open(copy) as image, Image.open(built_site / doc.resolve(wide["src"])) as original:
        assert image.format == "WEBP" and image.width == SMALL_WIDTH
        assert abs(image.height - original.height * SMALL_WIDTH / original.width) <= 1
        assert not image.getexif()
    assert copy.stat().st_size < (built_site / doc.resolve(wide["src"])).stat().st_size
    assert f"{original.width}w" in candidates and wide["sizes"]
    assert "srcset" not in small, "a photo no wider than the phone copy needs no copy"


def test_the_photo_is_decoded_by_a_browser_on_a_phone(browser, site_url, tmp_path):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(f"{site_url}dien-hinh/{FIXTURE_MODEL}/")
        image = page.locator("figure.bv-figure img").first
        image.scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=image.element_handle(), timeout=10_000
        )
        natural, current = image.evaluate("img => [img.naturalWidth, img.currentSrc]")
        assert natural > 0
        assert current.endswith(small_src(_fixture_images()[0]["src"]).split("/")[-1]), current
        box = image.bounding_box()
        assert box and box["width"] <= 390, "the photo fits the phone's screen"
        page.screenshot(path=str(tmp_path / "model-390.png"), full_page=True)
    finally:
        page.close()


# ---------------------------------------------------------------------------------------------
# Validation
# ---------------------------------------------------------------------------------------------


def test_real_photos_are_accepted(tmp_path):
    _, errors = _with_photos(
        tmp_path,
        {"images/models/a.jpg": _jpeg(), "images/models/b.png": _png()},
        ["images/models/a.jpg", "images/models/b.png"],
    )
    assert errors == []


@pytest.mark.parametrize(
    "content, words",
    [
        (b"<!DOCTYPE html><html><body>404</body></html>", ("không phải ảnh", "HTML")),
        (
            b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            ("không phải ảnh", "SVG"),
        ),
        ("Ảnh nhà màng".encode(), ("không phải ảnh", "tệp chữ")),
        (b"GIF89a" + b"\0" * 40, ("không phải ảnh", "GIF")),
        (b"\xff\xd8\xff\xe0" + b"\0" * 200, ("hỏng",)),
    ],
)
def test_a_file_that_is_not_a_real_photo_is_refused_by_its_content(tmp_path, content, words):
    text, errors = _with_photos(tmp_path, {"images/models/a.jpg": content}, ["images/models/a.jpg"])
    assert_refused(errors, MODEL_FILE, where(text, "images/models/a.jpg"), *words)


def test_a_photo_whose_name_lies_about_its_format_is_refused(tmp_path):
    text, errors = _with_photos(tmp_path, {"images/models/a.jpg": _png()}, ["images/models/a.jpg"])
    assert_refused(errors, MODEL_FILE, where(text, "images/models/a.jpg"), "PNG", ".png")


def test_a_photo_with_a_gps_position_is_refused_with_the_command_that_strips_it(tmp_path):
    text, errors = _with_photos(tmp_path, {"images/models/a.jpg": _jpeg(exif=_gps_exif())}, ["images/models/a.jpg"])
    error = assert_refused(
        errors,
        MODEL_FILE,
        where(text, "images/models/a.jpg"),
        "GPS",
        "scripts/shrink_image.py docs/images/models/a.jpg",
    )
    assert "nhà riêng" in error.message  # why it matters


def test_a_photo_over_the_size_limit_is_refused_with_the_command_that_shrinks_it(tmp_path):
    big = _jpeg() + b"\0" * (MAX_BYTES + 1)
    text, errors = _with_photos(tmp_path, {"images/models/a.jpg": big}, ["images/models/a.jpg"])
    assert_refused(
        errors,
        MODEL_FILE,
        where(text, "images/models/a.jpg"),
        "quá lớn",
        "MB",
        "scripts/shrink_image.py docs/images/models/a.jpg",
    )


@pytest.mark.skipif(sys.platform == "win32", reason="symlinks need privileges on Windows")
def test_a_symlinked_photo_is_refused(tmp_path):
    outside = tmp_path / "elsewhere.jpg"
    outside.write_bytes(_jpeg())
    (tmp_path / "docs" / "images").mkdir(parents=True)
    (tmp_path / "docs" / "images" / "a.jpg").symlink_to(outside)
    text, errors = _with_photos(tmp_path, {}, ["images/a.jpg"])
    assert_refused(errors, MODEL_FILE, where(text, "images/a.jpg"), "symlink")


# (one leading "/" means docs/, as the browser editor writes it: "//etc/x.jpg" is still outside)
@pytest.mark.parametrize("src", ["../secret.jpg", "//etc/x.jpg", "images/../../x.jpg", "C:/anh.jpg"])
def test_a_photo_outside_docs_is_refused(tmp_path, src):
    (tmp_path / "secret.jpg").write_bytes(_jpeg())
    text, errors = _with_photos(tmp_path, {}, [src])
    assert_refused(errors, MODEL_FILE, where(text, src), "'src'", "docs/")


def test_a_missing_photo_and_one_named_in_another_case_are_refused(tmp_path):
    text, errors = _with_photos(
        tmp_path, {"images/models/Anh.JPG": _jpeg()}, ["images/models/khong-co.jpg", "images/models/anh.jpg"]
    )
    assert_refused(errors, MODEL_FILE, where(text, "images/models/khong-co.jpg"), "docs/images/models/khong-co.jpg")
    assert_refused(errors, MODEL_FILE, where(text, "images/models/anh.jpg"), "Anh.JPG")


def test_every_problem_of_every_photo_is_reported_at_once(tmp_path):
    photos = {"images/a.jpg": b"<html></html>", "images/b.jpg": _jpeg(exif=_gps_exif()), "images/c.png": _jpeg()}
    text, errors = _with_photos(tmp_path, photos, ["images/a.jpg", "images/b.jpg", "images/c.png", "images/d.jpg"])
    lines = {e.line for e in errors if e.path == f"data/{MODEL_FILE}"}
    assert lines == {where(text, f"images/{n}")[0] for n in "abcd"}
    assert all(not e.message.isascii() for e in errors), "messages are in Vietnamese"


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(
        ["git", *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        env=dict(
            os.environ,
            GIT_AUTHOR_NAME="t",
            GIT_AUTHOR_EMAIL="t@example.org",
            GIT_COMMITTER_NAME="t",
            GIT_COMMITTER_EMAIL="t@example.org",
        ),
    )


def test_in_a_git_checkout_a_photo_git_does_not_track_is_refused_with_the_git_add_line(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    _git(tmp_path, "init", "-q")
    text, errors = _with_photos(tmp_path, {"images/models/a.jpg": _jpeg()}, ["images/models/a.jpg"])
    assert_refused(errors, MODEL_FILE, where(text, "images/models/a.jpg"), "git add docs/images/models/a.jpg")
    _git(tmp_path, "add", "docs/images/models/a.jpg")
    _, errors = _with_photos(tmp_path, {}, ["images/models/a.jpg"])
    assert errors == []


def test_outside_git_the_tracking_check_is_skipped(tmp_path):
    _, errors = _with_photos(tmp_path, {"images/a.jpg": _jpeg()}, ["images/a.jpg"])
    assert errors == []


# ---------------------------------------------------------------------------------------------
# scripts/shrink_image.py
# ---------------------------------------------------------------------------------------------


def test_shrink_script_makes_a_refused_photo_acceptable(tmp_path):
    photo = tmp_path / "docs" / "images" / "a.jpg"
    photo.parent.mkdir(parents=True)
    exif = _gps_exif()
    exif[0x0112] = 6  # taken with the phone turned: shown rotated
    photo.write_bytes(_jpeg(size=(3000, 2000), exif=exif))
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "shrink_image.py"), str(photo)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "EXIF" in result.stdout and "Traceback" not in result.stderr
    with Image.open(photo) as image:
        assert max(image.size) <= 2000 and image.height > image.width, "upright, at most 2000 px"
        assert not image.getexif()
    _, errors = _with_photos(tmp_path, {}, ["images/a.jpg"])
    assert errors == []


def test_shrink_script_refuses_what_is_no_photo_in_vietnamese(tmp_path):
    fake = tmp_path / "a.jpg"
    fake.write_text("<html></html>", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "shrink_image.py"), str(fake)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "không phải ảnh" in result.stderr and "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# Phone copies: cached by content, nothing done for a site without photos
# ---------------------------------------------------------------------------------------------


class _Build:
    """What write_photo_copies reads of a SiteBuild."""

    def __init__(self, docs_dir: Path, srcs: list[str]):
        from bangvang.records.dataset import DataSet, Record

        dataset = DataSet()
        dataset.kind("models")["m"] = Record(
            "models", "m", "data/models/m.yml", {"images": [{"src": s, "alt": "a"} for s in srcs]}
        )
        self.docs_dir = docs_dir
        self.index = type("Index", (), {"dataset": dataset})()


def test_phone_copies_are_made_once_and_then_taken_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("BANGVANG_PHOTO_CACHE", str(tmp_path / "cache"))
    docs = tmp_path / "docs"
    (docs / "images").mkdir(parents=True)
    (docs / "images" / "a.jpg").write_bytes(_jpeg(size=(1600, 1200)))
    build = _Build(docs, ["images/a.jpg"])
    photo_copies.write_photo_copies(build, tmp_path / "site1")
    copy = phone_copy(docs, "images/a.jpg")
    assert (tmp_path / "site1" / copy.src).is_file()
    assert len(list((tmp_path / "cache" / "copies").iterdir())) == 1

    def refuse(*args):
        raise AssertionError("an unchanged photo is not decoded again")

    monkeypatch.setattr(photo_copies, "make_copy", refuse)
    photo_copies.write_photo_copies(build, tmp_path / "site2")
    assert (tmp_path / "site2" / copy.src).read_bytes() == (tmp_path / "site1" / copy.src).read_bytes()


def test_a_site_without_photos_never_loads_the_image_library(tmp_path):
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bangvang.records.validation import validate\n"
        "from bangvang.website.index import build_index\n"
        "from bangvang.website.pages import PageBuilder, SiteInfo\n"
        "from bangvang.publish.photo_copies import write_photo_copies\n"
        f"dataset, errors = validate(Path({str(ROOT / 'tests' / 'fixtures' / 'seed')!r}), Path({str(tmp_path)!r}))\n"
        "assert not errors, errors\n"
        "index = build_index(dataset)\n"
        f"PageBuilder(index, SiteInfo(docs_dir=Path({str(tmp_path)!r}))).build()\n"
        "build = type('B', (), {'index': index, 'docs_dir': Path('.')})()\n"
        f"write_photo_copies(build, Path({str(tmp_path / 'site')!r}))\n"
        "print('PIL' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"
