"""The staff guide (/huong-dan/): on the site, complete, and right about the data and the errors."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from bangvang.records import schema as s
from bangvang.records.validation import validate
from helpers import effective_config, run_mkdocs_build

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "huong-dan"


def _guide_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(GUIDE.glob("*.md")))


def test_guide_is_out_of_the_readers_menu_and_links_every_page():
    """Readers first (issue 12): the guide is reached from one footer link on every page
    (tests/test_chrome_pages.py), not from the main menu; its index links its other pages."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    assert not any("huong-dan" in str(item) for item in config["nav"])
    assert "/huong-dan/*.md" in config["not_in_nav"]
    index = (GUIDE / "index.md").read_text(encoding="utf-8")
    for page in GUIDE.glob("*.md"):
        if page.name != "index.md":
            assert f"({page.name})" in index, f"the guide's index does not link {page.name}"


def test_format_page_documents_every_field_of_every_kind():
    text = (GUIDE / "dinh-dang.md").read_text(encoding="utf-8")
    shapes = [k.shape for k in s.KINDS.values()] + [s.VOCAB_ENTRY]
    missing = sorted({key for shape in shapes for key in shape.all_keys() if f"`{key}`" not in text})
    assert missing == []
    for kind in s.KINDS:
        assert f"data/{kind}/" in text
    for enum in (s.UNIT_KINDS, s.CAMPAIGN_KINDS, s.FIELDS, s.AWARD_STATUS, s.AWARD_CATEGORIES, s.AWARD_LEVELS):
        for choice in enum.choices:
            assert f"`{choice}`" in text, choice


def test_guide_names_what_must_never_be_written():
    text = (GUIDE / "rieng-tu.md").read_text(encoding="utf-8").lower()
    for word in ("cccd", "cmnd", "ngày sinh", "địa chỉ", "số điện thoại", "e-mail", "lịch sử"):
        assert word in text, word


def _fixed_part(message: str) -> str:
    """The words of a message that do not depend on the record: its longest unquoted stretch."""
    parts = re.split(r"'[^']*'|\([^)]*\)|\d+", message)
    longest = max(parts, key=lambda p: len(p.strip())).strip(" ;:,.")
    return " ".join(longest.split()[:4])


def test_error_page_explains_the_messages_staff_meet(project_copy):
    data = project_copy / "data"
    units = sorted((data / "units").glob("*.yml"))
    (data / "units" / "xa-moi.yml").write_text(
        "name: Xã Mới\nkind: xaa\nparent: khong-co-ma-nay\nnmae: lỗi gõ\n", encoding="utf-8"
    )
    (data / "units" / "Xa Hoa.yml").write_text("name: Xã Hoa\nkind: xa\n", encoding="utf-8")
    (data / "people" / "nguyen-van-a.yml").write_text("name:\nposition: [a, b]\n", encoding="utf-8")
    (data / "documents" / "cv-1.yml").write_text(
        "number: 1/CV\nkind: Công văn\nissuer: UBND\ndate: 31/02/2021\nurl: ftp://x\n", encoding="utf-8"
    )
    (data / "documents" / "cv-2.yml").write_text("number: 2/CV\n\tkind: Công văn\n", encoding="utf-8")
    (data / "models" / "mo-hinh.yml").write_text(
        "title: Mô hình\nyear: 20211\nsummary: x\nfigures: [{label: Diện tích, value: '1.356,5'}]\n", encoding="utf-8"
    )
    assert units, "seed units needed"
    _, errors = validate(data, project_copy / "docs")
    guide = _guide_text()
    unexplained = sorted({_fixed_part(e.message) for e in errors if _fixed_part(e.message) not in guide})
    assert len(errors) >= 8
    assert unexplained == []


def test_site_builds_from_an_empty_data_folder_with_only_the_vocabulary(project_copy, tmp_path):
    data = project_copy / "data"
    for path in sorted(data.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(data).as_posix() != s.VOCAB_PATH:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    assert [p.relative_to(data).as_posix() for p in data.rglob("*") if p.is_file()] == [s.VOCAB_PATH]
    site = tmp_path / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    assert (site / "index.html").is_file()
    assert (site / "huong-dan" / "index.html").is_file()
    assert (site / "schemas" / "awards.schema.json").is_file()


def test_guide_pages_are_on_the_site_with_an_edit_link(built_site):
    repo = effective_config()["repo_url"].rstrip("/")
    for page in sorted(GUIDE.glob("*.md")):
        out = built_site / "huong-dan" / ("index.html" if page.stem == "index" else f"{page.stem}/index.html")
        html = out.read_text(encoding="utf-8")
        assert f'href="{repo}/edit/main/docs/huong-dan/{page.name}"' in html, page.name
        assert '<html lang="vi"' in html
