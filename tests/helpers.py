"""Helpers shared by the test modules (fixtures are in conftest.py): where the fixture data is,
making a throwaway project, building it, reading a built page, and a minimal valid data set."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from bangvang.records.validation import validate

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI") == "true"
# The 2021 seed report's records, frozen: the facts of the report are proven on this copy, never
# on the live data/ (which staff change).
SEED_DATA = ROOT / "tests" / "fixtures" / "seed"
# Records for what the seed does not use (photos, decisions, inline recipients, proposals…),
# laid over the seed in the shared built site: data/ and docs/ as in a project.
EXTRA = ROOT / "tests" / "fixtures" / "extra"
VOCAB = SEED_DATA / "vocab" / "awards.yml"
# Top-level entries of the project a throwaway copy leaves out (built output, environments…).
NOT_COPIED = {".venv", "site", "node_modules", ".git", ".pytest_cache", "data", "tests"}


def make_project(dest: Path, data: Path | None = SEED_DATA, extra: bool = False) -> Path:
    """A copy of the project at dest whose data/ is `data` (the frozen seed by default; None:
    an empty data/), with the fixture extras laid over it when asked."""
    ignore = shutil.ignore_patterns("__pycache__", ".pytest_cache")
    dest.mkdir(parents=True, exist_ok=True)
    for entry in ROOT.iterdir():
        if entry.name in NOT_COPIED:
            continue
        if entry.is_dir():
            shutil.copytree(entry, dest / entry.name, ignore=ignore, symlinks=True)
        else:
            shutil.copy2(entry, dest / entry.name)
    if data is not None:
        shutil.copytree(data, dest / "data")
    else:
        (dest / "data").mkdir()
    if extra and EXTRA.is_dir():
        shutil.copytree(EXTRA, dest, dirs_exist_ok=True)
    return dest


def effective_config() -> dict:
    """mkdocs.yml as a build sees it: with what the hook derives from `extra.district`."""
    from bangvang.settings import district_settings

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config.update(district_settings(config["extra"]["district"]))
    return config


def require_tool(available: bool, what: str) -> None:
    """Skip locally when a system tool is missing; in CI a missing tool is a failure."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{what} is required in CI (.ci/run installs it)")
    pytest.skip(f"{what} is not installed")


def run_mkdocs_build(project: Path, site_dir: Path, strict: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site_dir)]
    if strict:
        cmd.append("--strict")
    return subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, timeout=600)


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Doc(HTMLParser):
    """One built page: the text and links of its content (<article>), every id, every element."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html: str, url: str = ""):
        super().__init__(convert_charrefs=True)
        self.html = html
        self.url = url  # "phong-trao/x/": where the page is, to resolve its relative links
        self.ids: list[str] = []
        self.elements: list[tuple[str, dict]] = []  # (tag, attrs) of the whole page
        self.links: list[tuple[str, str]] = []  # (href, text) inside the content
        self.headings: list[tuple[str, str | None, str]] = []  # (tag, id, text) inside the content
        self.chrome_text: list[str] = []  # visible text outside the content
        self._text: list[str] = []
        self._depth = 0  # open elements inside <article class="md-content__inner">
        self._anchor: list | None = None
        self._heading: list | None = None
        self._skip = 0  # inside <script>/<style>
        self.feed(html)
        self.text = " ".join(" ".join(self._text).split())

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.elements.append((tag, attrs))
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        if tag in ("script", "style"):
            self._skip += 1
        if self._depth:
            if tag not in self.VOID:
                self._depth += 1
            if tag == "a":
                self._anchor = [attrs.get("href", ""), []]
            if re.fullmatch(r"h[1-6]", tag):
                self._heading = [tag, attrs.get("id"), []]
        elif tag == "article" and "md-content__inner" in (attrs.get("class") or ""):
            self._depth = 1

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1
        if not self._depth:
            return
        if tag == "a" and self._anchor is not None:
            self.links.append((self._anchor[0], " ".join(" ".join(self._anchor[1]).split())))
            self._anchor = None
        if self._heading is not None and tag == self._heading[0]:
            self.headings.append((tag, self._heading[1], " ".join(" ".join(self._heading[2]).split())))
            self._heading = None
        self._depth -= 1

    def handle_data(self, data):
        if self._skip:
            return
        if self._depth:
            self._text.append(data)
            if self._anchor is not None:
                self._anchor[1].append(data)
            if self._heading is not None:
                self._heading[2].append(data)
        elif data.strip():
            self.chrome_text.append(data.strip())

    def resolve(self, href: str) -> str:
        """A link as a path from the site root ("tap-the/x/", "van-ban/#id"); web addresses as they are."""
        if re.match(r"[a-z]+:", href):
            return href
        path, hash_, fragment = href.partition("#")
        if not path:
            return self.url + hash_ + fragment
        resolved = posixpath.normpath(posixpath.join(self.url or ".", path))
        resolved = "" if resolved == "." else resolved + ("/" if path.endswith("/") else "")
        return resolved + hash_ + fragment

    def hrefs(self) -> list[str]:
        return [self.resolve(href) for href, _ in self.links]

    def has_link(self, target: str) -> bool:
        """A link in the content to this site path or web address."""
        return target in self.hrefs()


def read(site: Path, url: str) -> Doc:
    path = site / url / "index.html" if url else site / "index.html"
    assert path.exists(), f"no page at /{url}"
    return Doc(path.read_text(encoding="utf-8"), f"{url}/" if url else "")


UNIT_HUYEN = "name: Huyện A\nkind: huyen\n"
UNIT_XA = "name: Xã A\nkind: xa\nparent: huyen-a\naliases: [A]\n"
UNIT_SCHOOL = """\
name: Trường Tiểu học A
kind: truong_hoc
commune: xa-a
parent: huyen-a
aliases: [TH A]
summary: Trường **tiêu biểu** của xã.
"""
PERSON = "name: Nguyễn Văn A\nposition: Hiệu trưởng\nunit: truong-a\n"
DOCUMENT = """\
number: 34-CT/TW
kind: Chỉ thị
issuer: Bộ Chính trị
date: 2014-04-07
title: Về tiếp tục đổi mới công tác thi đua, khen thưởng
url: https://example.org/chi-thi-34
"""
CAMPAIGN = """\
title: Dạy tốt - Học tốt
kind: chuyen_de
field: giao-duc
launched_by: Phòng Giáo dục
since: 2021
until: 2025
basis: [chi-thi-34-ct-tw]
summary: Phong trào của ngành giáo dục.
results:
  - year: 2021
    text: Kết quả tốt.
    figures:
      - {label: Tốt nghiệp THCS, value: 99.89, unit: '%'}
"""
MODEL = """\
title: Trường đạt chuẩn mức độ 2
year: 2021
campaign: day-tot-hoc-tot
units: [truong-a]
people: [nguyen-van-a]
summary: Một đoạn **Markdown**.
figures: [{label: 'Diện tích nhà màng, nhà lưới', value: 150514, unit: m²}]
"""
AWARD = """\
year: 2021
award: giay-khen-huyen
status: tang
name_as_written: Giấy khen của Chủ tịch UBND huyện
issuer: Chủ tịch UBND huyện A
decision: {number: 12/QĐ-UBND, date: 15/01/2021}
campaign: day-tot-hoc-tot
reason: Có thành tích xuất sắc
recipients:
  - unit: truong-a
  - person: nguyen-van-a
  - {name: Trần Thị B, position: Giáo viên, unit: truong-a}
count: {tap_the: 3, ca_nhan: 5}
source: '2021'
"""
REPORT = """\
year: 2021
title: Báo cáo tổng kết công tác thi đua, khen thưởng năm 2021
issuer: UBND huyện A
signed_by: {name: Nguyễn Văn A, position: Chủ tịch}
sections:
  - {heading: Mở đầu, text: Năm 2021 …}
targets:
  - {label: 'Giá trị sản xuất nông nghiệp, thủy sản tăng', value: 1.2, unit: '%'}
"""

VALID = {
    "units/huyen-a.yml": UNIT_HUYEN,
    "units/xa-a.yml": UNIT_XA,
    "units/truong-a.yml": UNIT_SCHOOL,
    "people/nguyen-van-a.yml": PERSON,
    "documents/chi-thi-34-ct-tw.yml": DOCUMENT,
    "campaigns/day-tot-hoc-tot.yml": CAMPAIGN,
    "models/truong-dat-chuan.yml": MODEL,
    "awards/2021/giay-khen-truong-a.yml": AWARD,
    "reports/2021.yml": REPORT,
}
AWARD_FILE = "awards/2021/giay-khen-truong-a.yml"


def write_data(root: Path, changes: dict[str, str | bytes | None] | None = None) -> Path:
    """A valid data set under root/data, with `changes` applied (a None value deletes the file)."""
    data = root / "data"
    (data / "vocab").mkdir(parents=True, exist_ok=True)
    shutil.copy(VOCAB, data / "vocab" / "awards.yml")
    files = dict(VALID)
    files.update(changes or {})
    for rel, content in files.items():
        if content is None:
            continue
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return data


def errors_for(tmp_path: Path, changes: dict | None = None):
    data = write_data(tmp_path, changes)
    return validate(data, tmp_path / "docs")


def where(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle in text."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def assert_refused(errors, rel: str, pos: tuple[int, int] | int, *words: str):
    """An error in data/<rel> at pos (line, col) or line, whose message holds every word."""
    path = f"data/{rel}"
    line, col = pos if isinstance(pos, tuple) else (pos, None)
    here = [e for e in errors if e.path == path and e.line == line and (col is None or e.col == col)]
    assert here, f"no error at {path}:{line}:{col or ''}; got:\n" + "\n".join(map(str, errors))
    matching = [e for e in here if all(w in e.message for w in words)]
    assert matching, f"no message with {words} at {path}:{line}; got:\n" + "\n".join(map(str, here))
    return matching[0]


def only_in(errors, rel: str) -> None:
    others = [str(e) for e in errors if e.path != f"data/{rel}"]
    assert not others, "errors outside the broken file:\n" + "\n".join(others)
