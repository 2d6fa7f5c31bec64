"""Issue 11, class 3: characters that editors, browsers, YAML and XML read differently are refused
with file:line:col (the line the editor shows); what is accepted makes well-formed XML.

Control characters written as YAML escapes, bidi overrides and isolates, invisible format
characters, hidden line breaks (U+0085, U+2028, U+2029) and names made of invisible characters
only. The feed written from hostile-but-accepted text is parsed here; the real build's XML files
are parsed in test_hostile_files.py.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET

import pytest
from bangvang.build import SiteBuild
from bangvang.publish.feed import write_feed
from bangvang.records.characters import BIDI_CONTROLS, refused_in_value
from bangvang.website.pages import SiteInfo
from helpers import AWARD, AWARD_FILE, ROOT, UNIT_XA, assert_refused, errors_for, where, write_data

UNIT = "units/xa-a.yml"


def _name(value: str) -> str:
    return UNIT_XA.replace("name: Xã A", f"name: {value}")


# ---------------------------------------------------------------------------------------------
# Control characters written as YAML escapes
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "escape",
    [
        r"\0",
        r"\x01",
        r"\a",
        r"\b",
        r"\e",
        r"\v",
        r"\f",
        r"\r",
        r"\x7f",
        r"\x85",
        r"\x9b",
        r"\u2028",
        r"\u2029",
        r"\uFFFE",
        r"\uFFFF",
        r"\uFDD0",
        r"\U0010FFFF",
        r"\u202E",
        r"\u2066",
        r"\u200B",
        r"\uFEFF",
        r"\U000E0041",
    ],
)
def test_refused_character_written_as_an_escape_is_refused_at_its_value(tmp_path, escape):
    text = _name(f'"Xã {escape}A"')
    _, errors = errors_for(tmp_path, {UNIT: text})
    error = assert_refused(errors, UNIT, where(text, '"Xã'), "ký tự", "U+")
    assert "mã thoát" in error.message


def test_a_lone_surrogate_escape_is_refused(tmp_path):
    text = _name('"Xã \\uD800A"')
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, 1, "mã thoát", "không phải một ký tự hợp lệ")


def test_tab_and_line_break_escapes_are_text(tmp_path):
    dataset, errors = errors_for(tmp_path, {UNIT: _name('"Xã\\tA"') + 'summary: "Dòng 1\\nDòng 2"\n'})
    assert errors == []
    assert dataset.get("units", "xa-a")["name"] == "Xã\tA"


def test_a_refused_key_is_never_printed(tmp_path):
    text = UNIT_XA + '"na\\x1bme": x\n'
    _, errors = errors_for(tmp_path, {UNIT: text})
    error = assert_refused(errors, UNIT, where(text, '"na'), "tên trường", "U+001B")
    assert all("\x1b" not in str(e) for e in errors), error


def test_no_message_ever_holds_a_refused_character(tmp_path):
    text = 'name: "\\e[31mXã\\u202e A"\nkind: "x\\x00a"\nparent: "huyen\\u2028a"\naliases: ["\\u200b", "A\\x85"]\n'
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert len([e for e in errors if e.path == f"data/{UNIT}"]) >= 4
    for error in errors:
        assert refused_in_value(str(error)) is None, repr(str(error))


# ---------------------------------------------------------------------------------------------
# Written as they are in the file: exact line and column, as the editor counts them
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "char",
    list(BIDI_CONTROLS) + ["\u200b", "\u2060", "\ufeff", "\U000e0041", "\x85", "\u2028", "\u2029", "\x7f", "\x9b"],
)
def test_refused_character_in_the_file_is_refused_where_it_stands(tmp_path, char):
    text = f"name: Xã A\nkind: xa\nsummary: Gương {char}tốt\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    error = assert_refused(errors, UNIT, where(text, char), "U+")
    assert unicodedata.name(char, f"U+{ord(char):04X}") in error.message or f"U+{ord(char):04X}" in error.message


@pytest.mark.parametrize("char", ["\x85", "\u2028", "\u2029"])
def test_hidden_line_break_is_reported_on_the_line_the_editor_shows(tmp_path, char):
    """YAML counts these as line breaks, editors do not: the line must be the editor's."""
    text = f"name: Xã A{char}B\nkind: xa\n# ghi chú{char}\nsummary: x\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    first = assert_refused(errors, UNIT, (1, 11), "ngắt dòng ẩn")
    assert_refused(errors, UNIT, (3, 10), "ngắt dòng ẩn")
    assert "số dòng" in first.message


def test_crlf_files_count_lines_as_editors_do(tmp_path):
    text = "name: Xã A\r\nkind: xa\r\nsummary: a\u202eb\r\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, (3, 11), "hướng chữ")


def test_bidi_override_in_a_name_cannot_reverse_it(tmp_path):
    text = _name("'\u202eNguyễn Văn A'")
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, where(text, "\u202e"), "hướng chữ", "RIGHT-TO-LEFT OVERRIDE")


# ---------------------------------------------------------------------------------------------
# Names made of invisible characters only
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "invisible",
    [
        "\u200d",
        "\u200c",
        "\u00ad",
        "\u3164",
        "\u115f",
        "\uffa0",
        "\u2800",
        "\u034f",
        "\u0301",
        "\u00a0\u200d",
        "\u3000\u3164",
        "\ufe0f",
    ],
)
def test_required_name_of_invisible_characters_only_is_refused(tmp_path, invisible):
    text = _name(f"'{invisible}'")
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, (1, 7), "'name'", "vô hình")


def test_invisible_only_items_and_optional_fields_are_refused(tmp_path):
    text = UNIT_XA.replace("aliases: [A]", "aliases: [A, '\u3164']") + "summary: '\u200d'\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, where(text, "'\u3164'"), "vô hình")
    assert_refused(errors, UNIT, where(text, "'\u200d'"), "'summary'", "vô hình")


def test_joiners_and_soft_hyphens_inside_visible_text_are_accepted(tmp_path):
    name = "Hội\u00adnghị 👩\u200d👩\u200d👧 Xã A"
    dataset, errors = errors_for(tmp_path, {UNIT: _name(f"'{name}'")})
    assert errors == []
    assert dataset.get("units", "xa-a")["name"] == name


# ---------------------------------------------------------------------------------------------
# What is accepted makes well-formed XML
# ---------------------------------------------------------------------------------------------

ACCEPTED_HOSTILE = [
    "A & B <c> ]]> \"q\" 'a'",
    "Xã\tA",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀",
    "e\u0301 n\u0303",
    "Hội\u00adnghị",
    "\u00a0Xã\u00a0A",
    "<![CDATA[x]]>",
    "&#0; &#x1b;",
    "\ue000 riêng",
    "\uff1d1+1",
]


def test_feed_of_hostile_but_accepted_text_is_well_formed(tmp_path):
    award = AWARD.replace("Có thành tích xuất sắc", "'" + " ".join(ACCEPTED_HOSTILE).replace("'", "''") + "'")
    award = award.replace(
        "- {name: Trần Thị B, position: Giáo viên, unit: truong-a}",
        "- {name: '" + ACCEPTED_HOSTILE[0].replace("'", "''") + "', position: '" + ACCEPTED_HOSTILE[3] + "'}",
    )
    data = write_data(tmp_path, {AWARD_FILE: award, UNIT: _name("'" + ACCEPTED_HOSTILE[2] + " <x> &amp;'")})
    build = SiteBuild(
        root=ROOT, site=SiteInfo(), data_dir=data, docs_dir=ROOT / "docs", site_url="https://example.org/bv/"
    )
    assert build.load() == []
    site = tmp_path / "site"
    write_feed(build, site)
    feeds = list(site.rglob("*.xml"))
    assert feeds
    for feed in feeds:
        root = ET.parse(feed).getroot()  # raises on anything not well-formed
        text = "".join(root.itertext())
        assert ACCEPTED_HOSTILE[0] in text and "]]>" in text
