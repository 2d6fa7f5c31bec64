"""Issue 11, class 9: a fuzzer. Hypothesis generates records (with YAML spellings of numbers, dates,
escapes, control and invisible characters), plain text and Markdown, and checks that

- validation and the page builders never raise: a problem is a DataError (file:line:col, message);
- everything validation accepts renders: pages, open data, and a feed that parses as XML;
- the work never grows faster than the input: counted, not timed (cProfile's call count is
  deterministic), both as a bound per character and by comparing the input at 1, 2 and 4 times
  its size.

The budget is fixed and the examples derandomised, so CI runs the same cases every time:
BANGVANG_FUZZ_EXAMPLES (set in .ci/run) scales every property; locally a smaller default keeps the
run short. Timings of the worst accepted inputs are in scripts/bench_hostile.py.
"""

from __future__ import annotations

import cProfile
import csv
import functools
import io
import json
import os
import pstats
import shutil
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bangvang.build import SiteBuild
from bangvang.publish.feed import write_feed
from bangvang.publish.open_data_files import write_open_data
from bangvang.records.characters import refused_in_value
from bangvang.records.errors import DataError
from bangvang.records.markdown_limits import markdown_problems
from bangvang.text import nfc
from bangvang.website import pages as pages_module
from bangvang.website.pages import SiteInfo
from bangvang.website.safe_markdown import markdown_to_html, stub_heading
from helpers import ROOT, VALID, write_data
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("BANGVANG_FUZZ_EXAMPLES", "30"))


def budget(share: float = 1.0, **extra):
    """Hypothesis settings: a fixed number of examples (a share of the budget), no deadline
    (2 shared cores), the same examples every run, nothing written into the repository."""
    return settings(
        max_examples=max(5, int(EXAMPLES * share)),
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
        **extra,
    )


@pytest.fixture(autouse=True, scope="module")
def _templates_compiled_once():
    """Every build here uses one Jinja environment: compiling the templates again for each example
    would be most of the run (the pages are rendered anew each time)."""
    original = pages_module._environment
    pages_module._environment = functools.lru_cache(maxsize=1)(original)
    yield
    pages_module._environment = original


@pytest.fixture(scope="module")
def template_data(tmp_path_factory) -> Path:
    return write_data(tmp_path_factory.mktemp("fuzz-template"))


def _data_with(template: Path, changes: dict[str, str], folder: Path) -> Path:
    data = folder / "data"
    shutil.copytree(template, data)
    for rel, text in changes.items():
        path = data / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return data


def _calls(function, *args) -> int:
    """How much work a call does, deterministically: the number of function calls it makes."""
    profile = cProfile.Profile()
    profile.enable()
    try:
        function(*args)
    finally:
        profile.disable()
    return pstats.Stats(profile).total_calls


def _check_errors(errors: list) -> None:
    for error in errors:
        assert isinstance(error, DataError)
        assert error.path.startswith(("data/", "docs/")) and error.line >= 1 and error.col >= 1, error
        assert error.message.strip() and refused_in_value(str(error)) is None, repr(str(error))


def _build_and_publish(data: Path, folder: Path) -> SiteBuild | None:
    """Validate and, when valid, build every page and write the open data and the feed; None when
    the data was refused (its errors checked)."""
    build = SiteBuild(
        root=ROOT, site=SiteInfo(), data_dir=data, docs_dir=ROOT / "docs", site_url="https://example.org/bv/"
    )
    errors = build.load()
    _check_errors(errors)
    if errors:
        return None
    assert build.pages() and all(isinstance(p.html, str) and p.html for p in build.pages())
    for page in build.pages():
        build.stub(page)
    site = folder / "site"
    write_open_data(build, site)
    write_feed(build, site)
    for path in site.rglob("*.xml"):
        ET.parse(path)
    for path in site.rglob("*.json"):
        json.loads(path.read_text(encoding="utf-8"))
    for path in site.rglob("*.csv"):
        list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    return build


# ---------------------------------------------------------------------------------------------
# Strategies: YAML spellings, text, Markdown
# ---------------------------------------------------------------------------------------------

NUMBER_SPELLINGS = [
    "010",
    "0x1F",
    "1:20",
    "0o17",
    "1_000",
    "0b101",
    "1e3",
    "1.0e+25",
    ".5",
    "+5",
    "-0",
    ".inf",
    ".nan",
    "1.",
    "99999999999999999999",
    "２０２１",
    "²⁰²¹",
    "٢٠٢١",
    "2021",
    "95.12",
    "-3",
    "0",
    "1000000000000000",
    "1000000000000001",
    "0.0000001",
    "1356",
    "3",
    "2100",
    "1899",
    "~",
    "yes",
    "'12'",
    '"7"',
    "[1]",
    "{a: 1}",
    "",
    "1,5",
    "１",
]
DATE_SPELLINGS = [
    "2021-01-15",
    "15/01/2021",
    "1/2/2021",
    "31/02/2021",
    "2021-13-01",
    "0001-01-01",
    "2101-01-01",
    "1900-01-01",
    "2100-12-31",
    "'2021-01-15'",
    "15.01.2021",
    "2021",
    "١٥/٠١/٢٠٢١",
    "2021-1-5",
    "~",
    "1:20",
    "yes",
]
VALID_NUMBERS = ["0", "1", "2021", "95.12", "-3.5", "1000000000000000", "3"]
VALID_DATES = ["2021-01-15", "15/01/2021", "1/2/2021", "2021", "2100-12-31", "1900-01-01"]
ESCAPES = [
    "\\0",
    "\\x01",
    "\\a",
    "\\e",
    "\\x85",
    "\\uFFFE",
    "\\u2028",
    "\\u2029",
    "\\u202e",
    "\\u2066",
    "\\u200b",
    "\\t",
    "\\n",
    "\\\\",
    '\\"',
    "\\uD800",
    "\\x7f",
    "\\r",
    "\\N",
    "\\_",
    "\\L",
    "\\P",
    "\\u00e9",
    "\\/",
]
WEIRD = [
    "\u202e",
    "\u2066",
    "\u200b",
    "\u200d",
    "\u00ad",
    "\u3164",
    "\u2800",
    "\u0301",
    "\u00a0",
    "\u2028",
    "\x85",
    "\ufeff",
    "\t",
    "😀",
    "𝔘",
    "<",
    ">",
    "&",
    "]]>",
    "'",
    '"',
    "#",
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "*",
    "`",
    "|",
    "@",
    "=",
    "%",
    "!",
    "\\",
    "\r",
    "\n",
    "\x00",
    "\x1b",
    "Đoàn",
    "e\u0301",
]

text_piece = st.one_of(st.text(max_size=12), st.sampled_from(WEIRD), st.sampled_from(["Xã A", "Nguyễn Văn", "chữ"]))
free_text = st.lists(text_piece, max_size=6).map("".join)


@st.composite
def scalar(draw, kind: str = "text"):
    """A value as it might be written in a record file, in any YAML spelling."""
    style = draw(st.sampled_from(["plain", "single", "double", "escaped", "spelling", "valid", "valid"]))
    if style == "valid":
        return draw(
            st.sampled_from(
                VALID_NUMBERS
                if kind == "number"
                else VALID_DATES
                if kind == "date"
                else ["Xã A", "'Nguyễn Văn A'", '"Trường <THCS> & \\"A\\""', "2021", "'=1+1'", "Hội nghị 😀", "'a: b'"]
            )
        )
    if style == "spelling":
        return draw(
            st.sampled_from(
                NUMBER_SPELLINGS
                if kind == "number"
                else DATE_SPELLINGS
                if kind == "date"
                else NUMBER_SPELLINGS + DATE_SPELLINGS
            )
        )
    text = draw(free_text)
    if style == "plain":
        return text.replace("\n", " ") or "x"
    if style == "single":
        return "'" + text.replace("'", "''").replace("\n", " ") + "'"
    escapes = draw(st.lists(st.sampled_from(ESCAPES), max_size=3))
    if style == "escaped":
        return '"' + "".join(escapes) + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


MARKDOWN_TOKENS = [
    "`",
    "``",
    "```",
    "````",
    "[",
    "]",
    "(",
    ")",
    "![",
    "*",
    "**",
    "_",
    "__",
    "<",
    ">",
    "&",
    "&amp;",
    "&#0;",
    "\\",
    "#",
    "###",
    "- ",
    "* ",
    "1. ",
    "> ",
    "    ",
    "\t",
    "\n",
    "\n\n",
    "|",
    "| - |",
    "  \n",
    "a",
    "chữ ",
    "https://x.org",
    "<https://x.org>",
    "{",
    "}",
    ":",
    "[a](https://x.org)",
    "[a]: https://x.org\n",
    "---\n",
    "===\n",
    "<b>",
    "<script>",
    "\u00a0",
    "😀",
]
markdown_text = st.lists(st.one_of(st.sampled_from(MARKDOWN_TOKENS), st.text(max_size=8)), max_size=60).map("".join)
# Short runs of one token: the shapes that used to be slow (backticks, brackets, nesting…).
markdown_runs = st.tuples(st.sampled_from(MARKDOWN_TOKENS), st.integers(1, 40), markdown_text).map(
    lambda t: t[0] * t[1] + t[2]
)
any_markdown = st.one_of(markdown_text, markdown_runs)


def _literal_block(text: str, indent: int) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line.strip() else "" for line in text.split("\n"))


# ---------------------------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------------------------

# Work allowed per character of accepted Markdown: the worst shapes at the limits take about 100
# calls a character (tables, nested quotes); this bound is far below any super-linear growth.
CALLS_PER_CHAR, CALLS_BASE = 250, 20_000


@budget(4)
@given(any_markdown)
def test_markdown_is_refused_or_renders_within_a_linear_budget(text):
    problems = markdown_problems(text)
    if problems:
        assert all(p.message and 0 <= p.offset <= len(text) for p in problems)
        assert markdown_to_html(text).startswith("<p>") or not text.strip()
        return
    assert isinstance(markdown_to_html(text), str)
    assert _calls(markdown_to_html, text) <= CALLS_BASE + CALLS_PER_CHAR * len(text)


@budget(2)
@given(any_markdown)
def test_markdown_work_grows_linearly_with_the_number_of_paragraphs(text):
    """The same paragraph 1, 2 and 4 times: the work of the second doubling is about that of the first."""
    if not text.strip() or markdown_problems(text):
        return
    sizes = ["\n\n".join([text] * n) for n in (1, 2, 4)]
    if any(markdown_problems(s) for s in sizes):
        return
    c1, c2, c4 = (_calls(markdown_to_html, s) for s in sizes)
    assert c4 - c2 <= 2.5 * (c2 - c1) + 2_000, (c1, c2, c4)


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------

# Record files with slots; each slot has a valid value, and an example respells one to three of them
# (a value that breaks the whole set at once would hide what the others do).
TEMPLATES = {
    "units/xa-a.yml": (
        "name: {name}\nkind: xa\nparent: huyen-a\naliases: [{alias}]\nsummary: {summary}\n",
        {"name": ("text", "Xã A"), "alias": ("text", "A"), "summary": ("markdown 2", "Xã **tốt**.")},
    ),
    "campaigns/day-tot-hoc-tot.yml": (
        "title: {title}\nkind: chuyen_de\nfield: giao-duc\nsince: {since}\nuntil: {until}\nbasis: [chi-thi-34-ct-tw]\n"
        "summary: {summary}\nresults:\n  - year: {year}\n    text: {text}\n    figures:\n      - label: {label}\n"
        "        value: {value}\n        value_max: {value_max}\n        unit: {unit}\n",
        {
            "title": ("text", "Dạy tốt"),
            "since": ("date", "2021"),
            "until": ("number", "2025"),
            "summary": ("text", "Phong trào."),
            "year": ("number", "2021"),
            "text": ("markdown 6", "Kết quả."),
            "label": ("text", "Tốt nghiệp"),
            "value": ("number", "99.89"),
            "value_max": ("number", "100"),
            "unit": ("text", "'%'"),
        },
    ),
    "awards/2021/giay-khen-truong-a.yml": (
        "year: {year}\naward: giay-khen-huyen\ndecision: {{number: {number}, date: {date}}}\nreason: {reason}\n"
        "recipients:\n  - unit: truong-a\n  - name: {name}\n    position: {position}\ncount:\n  tap_the: {count}\n",
        {
            "year": ("number", "2021"),
            "number": ("text", "12/QĐ-UBND"),
            "date": ("date", "15/01/2021"),
            "reason": ("text", "Thành tích"),
            "name": ("text", "Trần Thị B"),
            "position": ("text", "Giáo viên"),
            "count": ("number", "3"),
        },
    ),
    "documents/chi-thi-34-ct-tw.yml": (
        "number: {number}\nkind: Chỉ thị\nissuer: {issuer}\ndate: {date}\nurl: {url}\n",
        {
            "number": ("text", "34-CT/TW"),
            "issuer": ("text", "Bộ Chính trị"),
            "date": ("date", "2014-04-07"),
            "url": ("url", "https://example.org/a"),
        },
    ),
    "reports/2021.yml": (
        "year: 2021\ntitle: {title}\nissuer: {issuer}\nsections:\n  - heading: {heading}\n    text: {empty}\n"
        "  - heading: H\n    level: {level}\n    text: {text}\n",
        {
            "title": ("text", "Báo cáo"),
            "issuer": ("text", "UBND"),
            "heading": ("text", "Mở đầu"),
            "empty": ("empty", "''"),
            "level": ("number", "2"),
            "text": ("markdown 6", "Năm 2021."),
        },
    ),
}
SLOTS = [(rel, slot) for rel, (_, slots) in TEMPLATES.items() for slot in slots]
URLS = [
    "https://a.vn/x",
    "https://u:p@a.vn/",
    "https://token@a.vn/",
    "http://a.vn:99999/",
    "http://a.vn:x/",
    "ftp://a.vn",
    "https://a.vn:8443/x",
    "http://[::1]/",
    "http://[bad/",
    "https://",
]


@st.composite
def records(draw):
    """The minimal valid set with one to three values respelled, in any YAML spelling."""
    chosen = draw(st.lists(st.sampled_from(SLOTS), min_size=1, max_size=3, unique=True))
    changes = {}
    for rel in {rel for rel, _ in chosen}:
        template, slots = TEMPLATES[rel]
        values = {}
        for slot, (kind, default) in slots.items():
            if (rel, slot) not in chosen:
                values[slot] = default
            elif kind.startswith("markdown"):
                values[slot] = _literal_block(draw(any_markdown), int(kind.split()[1]))
            elif kind == "url":
                values[slot] = draw(st.one_of(st.sampled_from(URLS), scalar()))
            elif kind == "empty":
                values[slot] = draw(st.sampled_from(["''", '""', "~", "' '", "", "x"]))
            else:
                values[slot] = draw(scalar(kind))
        changes[rel] = template.format(**values)
    return changes


@budget(3)
@given(records())
def test_records_in_any_spelling_are_refused_with_a_place_or_render(template_data, changes):
    with tempfile.TemporaryDirectory() as folder:
        _build_and_publish(_data_with(template_data, changes, Path(folder)), Path(folder))


def test_the_record_strategy_reaches_accepted_records_too(template_data):
    """A sanity check of the fuzzer itself: the untouched set builds and publishes."""
    with tempfile.TemporaryDirectory() as folder:
        assert _build_and_publish(_data_with(template_data, dict(VALID), Path(folder)), Path(folder)) is not None


# ---------------------------------------------------------------------------------------------
# Plain text: names and titles
# ---------------------------------------------------------------------------------------------

names = st.one_of(st.text(min_size=1, max_size=40), free_text.filter(bool), any_markdown.filter(bool))


@budget(3)
@given(names)
def test_any_name_is_refused_or_shown_exactly_as_written(template_data, name):
    quoted = json.dumps(name, ensure_ascii=False)  # a YAML double-quoted scalar
    with tempfile.TemporaryDirectory() as folder:
        build = _build_and_publish(
            _data_with(template_data, {"units/xa-a.yml": f"name: {quoted}\nkind: xa\nparent: huyen-a\n"}, Path(folder)),
            Path(folder),
        )
        if build is None:
            return
        page = next(p for p in build.pages() if p.url == "tap-the/xa-a/")
        assert page.title == nfc(name)
        heading = stub_heading(name)
        assert not set(heading[2 : heading.index("{#")]) & set("\\`*_[]!<>&#{}|")


@budget(0.5)
@given(st.lists(st.sampled_from(WEIRD + MARKDOWN_TOKENS), min_size=1, max_size=20).map("".join))
def test_page_building_work_grows_linearly_with_a_names_length(template_data, chunk):
    """A unit named with a chunk repeated 1, 2 and 4 times: the work of building every page grows
    by about as much for the second doubling as for the first."""
    sizes = []
    with tempfile.TemporaryDirectory() as folder:
        for n in (40, 80, 160):
            name = json.dumps("Xã " + chunk * n, ensure_ascii=False)
            data = _data_with(
                template_data, {"units/xa-a.yml": f"name: {name}\nkind: xa\nparent: huyen-a\n"}, Path(folder) / str(n)
            )
            build = SiteBuild(root=ROOT, site=SiteInfo(), data_dir=data, docs_dir=ROOT / "docs")
            sizes.append((_calls(build.load), build))
        if any(b.index is None for _, b in sizes):
            return  # refused (a character no name may hold): nothing is built
        c1, c2, c4 = (c for c, _ in sizes)
        assert c4 - c2 <= 2.5 * (c2 - c1) + 20_000, (c1, c2, c4)
