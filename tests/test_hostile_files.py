"""Issue 11, classes 2 and 5: files. No file from outside the repository is published (symlinks in
docs/ and data/ are refused and fail the build; the record folders of docs/ publish photos and
PDF scans only), and nothing under data/ is passed over in silence.

Real builds of throwaway projects show it end to end: one with planted links fails and writes
nothing; one with hostile but accepted records builds, and its site holds no link, nothing from
outside the project, and only well-formed XML.
"""

from __future__ import annotations

import gzip
import html as htmllib
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bangvang.build import unsafe_sources
from bangvang.records.validation import validate
from bangvang.staff.cli import validate_main
from bangvang.text import nfc
from helpers import AWARD, SEED_DATA, errors_for, make_project, run_mkdocs_build, write_data

SECRET = "bv-secret-4f1c: root:x:0:0"


@pytest.fixture()
def secret(tmp_path) -> Path:
    """A file outside every project, standing for /etc/passwd or /proc/self/environ."""
    path = tmp_path / "outside" / "passwd"
    path.parent.mkdir()
    path.write_text(SECRET + "\n", encoding="utf-8")
    return path


def _errors_at(errors, path: str) -> list[str]:
    return [e.message for e in errors if e.path == path and (e.line, e.col) == (1, 1)]


# ---------------------------------------------------------------------------------------------
# Class 2: docs/
# ---------------------------------------------------------------------------------------------


def test_symlinks_anywhere_in_docs_are_refused(tmp_path, secret):
    docs = tmp_path / "docs"
    (docs / "images" / "models").mkdir(parents=True)
    (docs / "assets").mkdir()
    (docs / "images" / "models" / "anh.jpg").symlink_to(secret)  # used by a record
    (docs / "assets" / "x.css").symlink_to(secret)  # used by nothing
    (docs / "mat-khau").symlink_to(secret.parent)  # a linked folder
    (docs / "files").mkdir()
    (docs / "files" / "qd.pdf").symlink_to("/proc/self/environ")
    model = "title: T\nyear: 2021\nsummary: S\nimages:\n  - {src: images/models/anh.jpg, alt: Ảnh}\n"
    data = write_data(tmp_path, {"models/truong-dat-chuan.yml": model})
    _, errors = validate(data, docs)
    for path in ("docs/images/models/anh.jpg", "docs/assets/x.css", "docs/mat-khau", "docs/files/qd.pdf"):
        assert any("symlink" in m for m in _errors_at(errors, path)), (path, errors)


@pytest.mark.parametrize(
    "name, refused",
    [
        ("images/models/trang.html", True),
        ("images/x.svg", True),
        ("files/qd.exe", True),
        ("files/ghi-chu", True),
        ("images/Thumbs.db", True),
        ("images/models/a.jpg", False),
        ("images/models/B.JPEG", False),
        ("images/c.png", False),
        ("images/d.webp", False),
        ("files/qd-1.pdf", False),
        ("images/.gitkeep", False),
        ("assets/trang.html", False),
    ],
)
def test_record_folders_of_docs_publish_photos_and_pdfs_only(tmp_path, name, refused):
    docs = tmp_path / "docs"
    (docs / name).parent.mkdir(parents=True, exist_ok=True)
    (docs / name).write_bytes(b"x")
    data = write_data(tmp_path)
    _, errors = validate(data, docs)
    messages = _errors_at(errors, f"docs/{name}")
    assert bool(messages) == refused, errors
    if refused:
        assert ".jpg" in messages[0] and "PDF" in messages[0]


def test_theme_overrides_and_docs_links_are_stopped_before_mkdocs_copies_them(tmp_path, secret):
    """The hook's last check, for folders validation does not read (the theme's overrides)."""
    overrides = tmp_path / "overrides"
    overrides.mkdir()
    (overrides / "robots.txt").symlink_to(secret)
    (overrides / "ok.html").write_text("x")
    inner = tmp_path / "docs" / "a"
    inner.mkdir(parents=True)
    (tmp_path / "docs" / "b").symlink_to(inner)
    (inner / "c.md").write_text("x")
    sources = [
        (str(overrides), str(overrides / "robots.txt")),
        (str(overrides), str(overrides / "ok.html")),
        (str(tmp_path / "docs"), str(tmp_path / "docs" / "b" / "c.md")),
        (str(tmp_path / "docs"), str(inner / "c.md")),
        ("/usr/lib/theme", "/usr/lib/theme/x.css"),
    ]
    problems = unsafe_sources(sources, [str(tmp_path / "docs"), str(overrides)])
    assert [message.split(":1:1")[0] for _, message in problems] == ["overrides/robots.txt", "docs/b/c.md"]


# ---------------------------------------------------------------------------------------------
# Class 5: nothing under data/ is ignored
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel, words",
    [
        ("units/xa-b.yml.txt", ("đuôi thừa", "'xa-b.yml'")),
        ("units/xa-b.yaml.txt", ("đuôi thừa", "'xa-b.yml'")),
        ("units/xa-b.yaml", (".yml",)),
        ("units/XA-B.YML", (".yml",)),
        ("units/xa-b", ("không có đuôi", "'xa-b.yml'")),
        ("units/xa-b.txt", ("'.txt'",)),
        ("units/.xa-b.yml", ("tệp ẩn",)),
        ("units/.ghi-chu", ("tệp ẩn",)),
        ("README.md", ("không được đọc",)),
        ("xa-b.yml", ("nằm ngay trong data/",)),
        ("vocab/khac.yml", ("awards.yml",)),
        ("don-vi/xa-b.yml", ("'don-vi'", "không thuộc loại bản ghi")),
        ("units/nhom/xa-b.yml", ("trực tiếp",)),
        ("awards/2021/thang-12/x.yml", ("trực tiếp",)),
        ("awards/1850/x.yml", ("'1850'", "phải là một năm")),
        ("awards/２０２１/x.yml", ("phải là một năm",)),
    ],
)
def test_every_file_that_is_not_read_is_named(tmp_path, rel, words):
    _, errors = errors_for(tmp_path, {rel: "name: Xã B\nkind: xa\n"})
    messages = _errors_at(errors, f"data/{rel}")
    assert messages and all(w in messages[0] for w in words), errors


def test_empty_misplaced_folders_are_named(tmp_path):
    data = write_data(tmp_path)
    (data / "anh").mkdir()
    (data / "units" / "cu").mkdir()
    (data / "awards" / "nam-nay").mkdir()
    _, errors = validate(data)
    for folder in ("data/anh/", "data/units/cu/", "data/awards/nam-nay/"):
        assert _errors_at(errors, folder), (folder, errors)


def test_symlinked_year_folder_and_record_are_refused_not_valid(tmp_path, capsys):
    data = write_data(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "2022").mkdir(parents=True)
    (elsewhere / "2022" / "x.yml").write_text(AWARD.replace("2021", "2022"), encoding="utf-8")
    (data / "awards" / "2022").symlink_to(elsewhere / "2022", target_is_directory=True)
    (data / "units" / "xa-c.yml").symlink_to(data / "units" / "xa-a.yml")
    (data / "campaigns-link").symlink_to(data / "campaigns", target_is_directory=True)
    _, errors = validate(data)
    for path in ("data/awards/2022", "data/units/xa-c.yml", "data/campaigns-link"):
        assert any("symlink" in m for m in _errors_at(errors, path)), (path, errors)
    assert validate_main(["--data", str(data), "--docs", str(tmp_path / "docs")]) == 1
    assert "hợp lệ:" not in capsys.readouterr().out


def test_special_files_are_refused_not_read(tmp_path):
    data = write_data(tmp_path)
    os.mkfifo(data / "units" / "xa-d.yml")  # reading it would wait for ever
    _, errors = validate(data)
    assert any("tệp thường" in m for m in _errors_at(errors, "data/units/xa-d.yml"))


def test_operating_system_litter_and_gitkeep_are_left_alone(tmp_path):
    data = write_data(tmp_path)
    for name in (".gitkeep", ".DS_Store", "Thumbs.db", "desktop.ini"):
        (data / "units" / name).write_bytes(b"\0\1")
        (data / name).write_bytes(b"\0\1")
    (data / "awards" / "2022").mkdir()
    (data / "awards" / "2022" / ".gitkeep").write_text("")
    dataset, errors = validate(data)
    assert errors == [] and len(dataset.kind("units")) == 3


# ---------------------------------------------------------------------------------------------
# Real builds
# ---------------------------------------------------------------------------------------------


def test_build_with_planted_links_fails_and_publishes_nothing(tmp_path, secret):
    project = make_project(tmp_path / "project")
    (project / "docs" / "images").mkdir(exist_ok=True)
    (project / "docs" / "images" / "passwd.jpg").symlink_to(secret)
    (project / "docs" / "env.txt").symlink_to("/proc/self/environ")
    year = tmp_path / "outside" / "2030"
    year.mkdir()
    (project / "data" / "awards" / "2030").symlink_to(year, target_is_directory=True)
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode != 0
    for where in ("docs/images/passwd.jpg:1:1", "docs/env.txt:1:1", "data/awards/2030:1:1"):
        assert where in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    published = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    assert published == []


def test_build_with_a_linked_theme_override_fails(tmp_path, secret):
    project = make_project(tmp_path / "project", data=None)
    write_data(project)
    (project / "overrides" / "robots.txt").symlink_to(secret)
    result = run_mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0 and "overrides/robots.txt:1:1" in result.stderr
    assert not any(SECRET in p.read_text(errors="replace") for p in (tmp_path / "site").rglob("*") if p.is_file())


HOSTILE_UNITS = {
    "xa-ten-la-1": "Xã " + "`" * 2000,  # plain text that was super-linear through Markdown
    "xa-ten-la-2": "Xã " + "[" * 20_000,
    "xa-ten-la-3": "- " * 600 + "Xã",
    "xa-ten-la-4": "=HYPERLINK(\"http://x\";\"Xã\") & <b>]]></b> 'a' \"b\" 😀 e\u0301 Hội\u00adnghị",
    "xa-ten-la-5": "@Xã\tA +1 -1",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    """The seed plus records with hostile but accepted text, built with `mkdocs build --strict`."""
    root = tmp_path_factory.mktemp("hostile")
    project = make_project(root / "project", data=SEED_DATA)
    for unit_id, name in HOSTILE_UNITS.items():
        quoted = "'" + name.replace("'", "''") + "'"
        (project / "data" / "units" / f"{unit_id}.yml").write_text(
            f"name: {quoted}\nkind: xa\naliases: [{quoted}]\n", encoding="utf-8"
        )
    award = AWARD.replace(
        "recipients:\n  - unit: truong-a\n  - person: nguyen-van-a\n"
        "  - {name: Trần Thị B, position: Giáo viên, unit: truong-a}\n",
        "recipients:\n" + "".join(f"  - unit: {u}\n" for u in HOSTILE_UNITS),
    )
    award = award.replace("campaign: day-tot-hoc-tot\n", "").replace("source: '2021'\n", "")
    award = award.replace("count: {tap_the: 3, ca_nhan: 5}", "count: {tap_the: 5}")
    award = award.replace("Có thành tích xuất sắc", "'=1+1 <x> & ]]> \"q\"'")
    (project / "data" / "awards" / "2021" / "khen-thuong-doc-hai.yml").write_text(award, encoding="utf-8")
    site = root / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_hostile_but_accepted_site_builds_without_links_or_outside_files(hostile_site):
    for path in hostile_site.rglob("*"):
        assert not path.is_symlink(), path
        if path.is_file():
            data = path.read_bytes()
            assert SECRET.encode() not in data and b"root:x:0:0" not in data, path


def test_every_xml_file_the_build_writes_parses(hostile_site):
    xml_files = sorted(hostile_site.rglob("*.xml"))
    assert any(p.name == "feed.xml" for p in xml_files) and any(p.name == "sitemap.xml" for p in xml_files)
    for path in xml_files:
        ET.parse(path)  # raises on anything not well-formed
    for path in hostile_site.rglob("*.xml.gz"):
        ET.fromstring(gzip.decompress(path.read_bytes()))


def test_hostile_names_are_on_their_pages_as_written(hostile_site):
    for unit_id, name in HOSTILE_UNITS.items():
        page = (hostile_site / "tap-the" / unit_id / "index.html").read_text(encoding="utf-8")
        h1 = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
        assert h1 and " ".join(htmllib.unescape(h1.group(1)).split()) == " ".join(nfc(name).split())
