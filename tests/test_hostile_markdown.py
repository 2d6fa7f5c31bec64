"""Issue 11, class 1: Markdown that would make the build super-linear is refused with its place and
the limit; text at the limits renders; plain text (names, titles) never goes through Markdown.

No test here is timed (speed is measured by scripts/bench_hostile.py): the hostile examples are
refused before any rendering, and what is accepted is bounded by the limits, which
tests/test_fuzz.py checks by counting the renderer's work.
"""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from bangvang.build import SiteBuild
from bangvang.records import markdown_limits as limits
from bangvang.records.markdown_limits import markdown_problems
from bangvang.website.pages import SiteInfo
from bangvang.website.safe_markdown import heading_id, markdown_to_html, stub_heading
from helpers import ROOT, UNIT_XA, assert_refused, errors_for, write_data

UNIT = "units/xa-a.yml"
MODEL = "models/truong-dat-chuan.yml"


def _unit_with_summary(text: str) -> str:
    """A unit whose summary is `text` as a literal block (line 4 of the file is the text's first)."""
    body = "\n".join("  " + line if line else "" for line in text.split("\n"))
    return f"name: Xã A\nkind: xa\nsummary: |\n{body}\n"


def _refused(tmp_path, text: str, *words: str, line: int | None = None, col: int | None = None):
    _, errors = errors_for(tmp_path, {UNIT: _unit_with_summary(text)})
    mine = [e for e in errors if e.path == f"data/{UNIT}"]
    assert mine, "accepted: " + text[:80]
    pos = (line, col) if col is not None else (line if line is not None else mine[0].line)
    return assert_refused(errors, UNIT, pos, "'summary'", *words)


# ---------------------------------------------------------------------------------------------
# The examples of the issue, and the rest of the class
# ---------------------------------------------------------------------------------------------


def test_two_kilobytes_of_backticks_are_refused_where_they_start(tmp_path):
    error = _refused(tmp_path, "Mở đầu.\n\n" + "`" * 2000, "liền nhau", "tối đa 3", line=6, col=3)
    assert "2000" in error.message


def test_twenty_thousand_brackets_are_refused(tmp_path):
    error = _refused(tmp_path, "[" * 20_000, "dấu '['", "tối đa 16", line=4)
    assert "20000" in error.message


def test_six_hundred_nested_list_markers_are_refused_not_a_recursion_error(tmp_path):
    _refused(tmp_path, "- " * 600 + "x", "lồng nhau", f"{limits.MAX_NESTING} cấp", line=4, col=3)


REST_OF_THE_CLASS = {
    "nested by indentation": ("\n".join("    " * i + "- mục" for i in range(100)), ("lồng nhau",)),
    "nested numbered": ("\n".join("    " * i + "1. mục" for i in range(100)), ("lồng nhau",)),
    "nested quotes": (">" * 600 + " trích dẫn", ("lồng nhau",)),
    "quotes and lists": ("> - > - > - > - > - x", ("lồng nhau",)),
    "star run": ("*" * 20_000, ("dấu '*'",)),
    "underscores": ("_a" * 10_000, ("dấu '_'",)),
    "bold openers": ("**a" * 5_000, ("dấu '*'",)),
    "images": ("![" * 5_000, ("dấu '['",)),
    "unclosed links": ("[a](" * 5_000, ("dấu '['",)),
    "reference definitions": ("[a]: http://x\n" * 1_000, ("dấu '['",)),
    "code spans": ("`a" * 5_000, ("dấu '`'",)),
    "angle brackets": ("<" * 20_000, ("dấu '<'",)),
    "autolinks": ("<http://a" * 2_000, ("dấu '<'",)),
    "entities": ("&amp;" * 5_000, ("dấu '&'",)),
    "escapes": ("\\*" * 5_000, ("dấu '\\'",)),
    "hard line breaks": ("dòng  \n" * 1_000, ("hai dấu cách",)),
    "heading marks": ("####### " + "#" * 5_000 + " x", ("dấu '#'",)),
    "too long": ("a" * (limits.MAX_CHARS + 1), ("tối đa 50.000",)),
}


@pytest.mark.parametrize("case", list(REST_OF_THE_CLASS))
def test_the_rest_of_the_class_is_refused_with_the_limit(tmp_path, case):
    text, words = REST_OF_THE_CLASS[case]
    error = _refused(tmp_path, text, *words)
    assert "tối đa" in error.message and error.line >= 4


def test_every_markdown_field_is_checked(tmp_path):
    """Summaries, bodies, results and report sections: each is refused at its own place."""
    hostile = "`" * 100
    model = f"title: T\nyear: 2021\nsummary: '{hostile}'\nbody: |\n  Đoạn.\n\n  {hostile}\n"
    campaign = (
        f"title: T\nkind: chuyen_de\nfield: khac\nsummary: x\nresults:\n  - year: 2021\n    text: \"{hostile}\"\n"
    )
    report = f"year: 2021\ntitle: T\nissuer: I\nsections:\n  - heading: H\n    text: |\n      a\n\n      b {hostile}\n"
    _, errors = errors_for(
        tmp_path, {MODEL: model, "campaigns/day-tot-hoc-tot.yml": campaign, "reports/2021.yml": report}
    )
    assert_refused(errors, MODEL, (3, 10), "'summary'", "liền nhau")
    assert_refused(errors, MODEL, (7, 3), "'body'", "liền nhau")
    assert_refused(errors, "campaigns/day-tot-hoc-tot.yml", (7, 11), "liền nhau")
    assert_refused(errors, "reports/2021.yml", (9, 9), "liền nhau")


def test_only_the_first_problem_of_each_kind_is_reported(tmp_path):
    text = "\n\n".join(["[" * 40] * 50)
    _, errors = errors_for(tmp_path, {UNIT: _unit_with_summary(text)})
    assert len([e for e in errors if "dấu '['" in e.message]) == 1


# ---------------------------------------------------------------------------------------------
# Text at the limits is accepted and renders
# ---------------------------------------------------------------------------------------------


def _at_the_limits() -> dict[str, str]:
    word = "chữ "
    return {
        "brackets": " ".join(["[liên kết](https://example.org/a)"] * 16),
        "backticks": " ".join(["```mã```"] * 5) + " `a`",
        "emphasis": " ".join(["**đậm** *nghiêng*"] * 33) + " _a_ " * 50,
        "nesting": "\n".join("    " * i + "- mục" for i in range(limits.MAX_NESTING)),
        "quotes": ">" * limits.MAX_NESTING + " trích dẫn",
        "autolinks": " ".join(["<https://example.org>"] * 64),
        "entities": "&amp; " * 200,
        "breaks": "dòng  \n" * 100,
        "headings": "###### Tiêu đề\n\n" * 50,
        "table": "| a | b |\n| - | - |\n" + "| 1 | 2 |\n" * 500,
        "long": ("Đoạn văn dài. " * 60 + "\n\n") * (limits.MAX_CHARS // 860),
        "everything": "\n\n".join([" ".join(["[a](https://x.org)"] * 16) + " `b` " * 10 + " **c**" * 50] * 20),
        # (a literal block ends with a line break, which counts)
        "max length": (word * (limits.MAX_CHARS // len(word)))[: limits.MAX_CHARS - 1],
    }


@pytest.mark.parametrize("name", list(_at_the_limits()))
def test_text_at_the_limits_is_accepted_and_renders(tmp_path, name):
    text = _at_the_limits()[name]
    assert markdown_problems(text) == [], name
    html = markdown_to_html(text)
    assert html.startswith("<") and "RecursionError" not in html
    dataset, errors = errors_for(tmp_path, {UNIT: _unit_with_summary(text)})
    assert errors == []
    assert dataset.get("units", "xa-a")["summary"].rstrip("\n") == text.rstrip("\n")


def test_nesting_at_the_limit_renders_as_nested_lists():
    html = markdown_to_html("\n".join("    " * i + "- mục" for i in range(limits.MAX_NESTING)))
    assert html.count("<ul>") == limits.MAX_NESTING


def test_text_over_the_limits_is_never_rendered_as_markdown():
    """A caller that skipped validation still gets the text, escaped, in linear time."""
    html = markdown_to_html("[" * 20_000 + "\n\n<b>x</b>")
    assert html == "<p>" + "[" * 20_000 + "</p><p>&lt;b&gt;x&lt;/b&gt;</p>"


# ---------------------------------------------------------------------------------------------
# Plain text never goes through Markdown
# ---------------------------------------------------------------------------------------------

HOSTILE_NAMES = {
    "backticks": "Xã " + "`" * 2000,
    "brackets": "Xã " + "[" * 20_000,
    "list markers": "- " * 600 + "Xã",
    "quotes": ">" * 600 + " Xã",
    "emphasis": "*_" * 5000 + "Xã",
    "html": "<" * 5000 + "Xã &amp; <b>",
    "heading marks": "Xã {#id} ## ###",
}


def _build_pages(data: Path) -> SiteBuild:
    build = SiteBuild(root=ROOT, site=SiteInfo(), data_dir=data, docs_dir=ROOT / "docs")
    assert build.load() == []
    return build


def test_names_and_titles_never_reach_markdown(tmp_path, monkeypatch):
    """Every hostile name is accepted (it is plain text), and no Markdown conversion of the page
    building or of the stubs MkDocs reads ever sees it."""
    changes = {UNIT: UNIT_XA.replace("name: Xã A", "name: '" + HOSTILE_NAMES["backticks"] + "'")}
    for i, name in enumerate(HOSTILE_NAMES.values()):
        quoted = "'" + name.replace("'", "''") + "'"
        changes[f"units/xa-{i}.yml"] = f"name: {quoted}\nkind: xa\n"
        changes[f"campaigns/phong-trao-{i}.yml"] = f"title: {quoted}\nkind: chuyen_de\nfield: khac\n"
    data = write_data(tmp_path, changes)
    seen: list[str] = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda self, text: seen.append(text) or convert(self, text))
    build = _build_pages(data)
    stubs = {page.src_uri: build.stub(page) for page in build.pages()}
    # What MkDocs does with a stub: its own Markdown, with this project's extensions.
    mkdocs_md = markdown.Markdown(extensions=["attr_list", "tables", "toc"])
    for i, name in enumerate(HOSTILE_NAMES.values()):
        for url in (f"tap-the/xa-{i}/", f"phong-trao/phong-trao-{i}/"):
            page = next(p for p in build.pages() if p.url == url)
            assert page.title == name
            stub = stubs[page.src_uri]
            heading = stub.split("---\n")[-1]
            mkdocs_md.reset()
            mkdocs_md.convert(heading)
            assert [t["id"] for t in mkdocs_md.toc_tokens] == [heading_id(name)], "the h1 id MkDocs gives"
            assert f'<h1 id="{heading_id(name)}">' in page.html
    # a title's Markdown syntax never reaches Markdown: neither in the page building nor in the
    # stub, whose heading holds the title's inert characters only ("- - -" is text in a heading)
    for text in seen:
        for name in HOSTILE_NAMES.values():
            assert not (set(name) & ACTIVE and name in text)
    for name in HOSTILE_NAMES.values():
        line = stub_heading(name)
        assert not set(line[2 : line.index("{#")]) & ACTIVE, line[:80]


ACTIVE = set("\\`*_[]!<>&#{}|")


@pytest.mark.parametrize(
    "title, expected",
    [
        ("Khen thưởng năm 2021", "khen-thuong-nam-2021"),
        ("Xã Gia Lương", "xa-gia-luong"),
        ("", "noi-dung"),
        ("…", "noi-dung"),
    ],
)
def test_heading_id_is_the_slug_of_the_plain_title(title, expected):
    assert heading_id(title) == expected
    assert stub_heading(title).endswith(f"{{#{expected}}}\n")
