"""Another unit forks the site: it edits only `extra.district` in mkdocs.yml and empties data/
(keeping the award vocabulary), and the site it builds is its own everywhere a reader looks."""

from __future__ import annotations

import shutil

import yaml
from helpers import run_mkdocs_build


def _fork(project, tmp_path):
    config_path = project / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    config = yaml.safe_load(text)
    old = config["extra"]["district"]
    for key, new in (
        ("name", "huyện Bình Giang"),
        ("contact", "Phòng Nội vụ huyện Bình Giang"),
        ("address", "Phòng Nội vụ, UBND huyện Bình Giang, thị trấn Kẻ Sặt, tỉnh Hải Dương"),
        ("site_url", "https://binh-giang.github.io/bang-vang/"),
        ("repo", "binh-giang/bang-vang"),
    ):
        if old.get(key):
            text = text.replace(f"{key}: {old[key]}", f"{key}: {new}", 1)
    config_path.write_text(text, encoding="utf-8")
    for folder in (project / "data").iterdir():
        if folder.name != "vocab":
            shutil.rmtree(folder)
    site = tmp_path / "fork-site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_a_fork_changes_one_block_and_the_site_is_its_own(project_copy, tmp_path):
    site = _fork(project_copy, tmp_path)
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>Bảng vàng thi đua, khen thưởng huyện Bình Giang</title>" in home
    assert "Ủy ban nhân dân huyện Bình Giang, tỉnh Hải Dương" in home  # copyright line
    assert "Phòng Nội vụ huyện Bình Giang" in home  # contact
    assert "Gia Lộc" not in home
    guide = (site / "huong-dan" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://github.com/binh-giang/bang-vang/edit/main/docs/huong-dan/index.md"' in guide
    units = (site / "tap-the" / "index.html").read_text(encoding="utf-8")
    assert "https://github.com/binh-giang/bang-vang/tree/main/data/units" in units
    assert "<loc>https://binh-giang.github.io/bang-vang/</loc>" in (site / "sitemap.xml").read_text(encoding="utf-8")
