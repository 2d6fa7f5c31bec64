"""Reading YAML files: syntax errors, tags, duplicates, encodings and hostile input.

Each test writes one record into an otherwise valid data set (helper in test_validation_rules)
and checks what staff are told: the file:line:col and a key word of the Vietnamese message.
Hostile files (alias bombs, 5 MB, 100 000 levels of nesting) must be refused without hanging
or exhausting memory; pytest's own run time shows a regression, no timing is asserted here.
"""

from __future__ import annotations

import unicodedata

import pytest
from bangvang.records.errors import MAX_ERRORS_PER_FILE
from helpers import UNIT_XA, assert_refused, errors_for, where

UNIT = "units/xa-a.yml"


# ---------------------------------------------------------------------------------------------
# Syntax
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, pos, word",
    [
        ("name: Xã A\nkind: xa\n  parent: huyen-a\n", (3, 9), "dấu ':'"),
        ("name: Xã A\nkind xa\nparent: huyen-a\n", None, "cú pháp YAML"),
        ("name: 'Xã A\nkind: xa\n", None, "cú pháp YAML"),
        ("name: Xã A\n\tkind: xa\n", (2, 1), "Tab"),
        ("name: Xã A\nkind: [xa\n", None, "cú pháp YAML"),
        ("name: Xã A\nkind: xa\nsummary: a: b\n", (3, 11), "ngoặc kép"),
        ("name: \"Xã \\q A\"\nkind: xa\n", (1, 11), "ký tự thoát"),
    ],
)
def test_yaml_syntax_error_is_reported_with_its_line(tmp_path, text, pos, word):
    _, errors = errors_for(tmp_path, {UNIT: text})
    mine = [e for e in errors if e.path == f"data/{UNIT}"]
    assert len(mine) == 1, mine
    error = mine[0]
    assert "YAML" in error.message and word in error.message
    if pos is not None:
        assert (error.line, error.col) == pos
    else:
        assert 1 <= error.line <= text.count("\n") + 1


def test_second_document_in_a_file_is_refused(tmp_path):
    text = UNIT_XA + "---\nname: Xã B\nkind: xa\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, where(text, "---"), "một bản ghi")


def test_empty_file_is_refused(tmp_path):
    _, errors = errors_for(tmp_path, {UNIT: "# chỉ có chú thích\n"})
    assert_refused(errors, UNIT, (1, 1), "tệp rỗng")


def test_record_that_is_not_a_mapping_is_refused(tmp_path):
    _, errors = errors_for(tmp_path, {UNIT: "- name: Xã A\n- kind: xa\n"})
    assert_refused(errors, UNIT, (1, 1), "tên: giá trị")


@pytest.mark.parametrize(
    "text, needle",
    [
        ("name: !!python/object:os.system Xã A\nkind: xa\n", "!!python/object:os.system"),
        ("name: !!python/object/apply:os.system ['ls']\nkind: xa\n", "!!python/object/apply"),
        ("name: !!python/name:os.system ''\nkind: xa\n", "!!python/name"),
        ("name: !!binary aGVsbG8=\nkind: xa\n", "!!binary"),
        ("name: !la Xã A\nkind: xa\n", "!la"),
    ],
)
def test_python_and_other_tags_are_refused(tmp_path, text, needle):
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, where(text, needle), "không được phép")


def test_python_tag_is_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"name: !!python/object/apply:os.system ['touch {marker}']\nkind: xa\n"
    errors_for(tmp_path, {UNIT: text})
    assert not marker.exists()


def test_duplicate_key_is_refused_at_the_second_occurrence(tmp_path):
    text = "name: Xã A\nkind: xa\nname: Xã B\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    error = assert_refused(errors, UNIT, where(text, "name", 1), "'name'", "bị lặp")
    assert "dòng 1" in error.message


def test_duplicate_key_inside_a_nested_mapping_is_refused(tmp_path):
    text = "year: 2021\naward: giay-khen-huyen\ncount:\n  tap_the: 1\n  tap_the: 2\n"
    _, errors = errors_for(tmp_path, {"awards/2021/giay-khen-truong-a.yml": text})
    assert_refused(errors, "awards/2021/giay-khen-truong-a.yml", where(text, "tap_the", 1), "'tap_the'", "bị lặp")


def test_duplicate_keys_of_one_file_are_all_reported(tmp_path):
    text = "name: Xã A\nkind: xa\nname: Xã B\nkind: xa\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, where(text, "name", 1), "bị lặp")
    assert_refused(errors, UNIT, where(text, "kind", 1), "bị lặp")


def test_merge_key_is_refused(tmp_path):
    text = "name: Xã A\n<<: {kind: xa}\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, 2, "'<<'")


# ---------------------------------------------------------------------------------------------
# Encodings and Unicode
# ---------------------------------------------------------------------------------------------


def test_utf8_bom_is_tolerated(tmp_path):
    dataset, errors = errors_for(tmp_path, {UNIT: b"\xef\xbb\xbf" + UNIT_XA.encode("utf-8")})
    assert errors == []
    assert dataset.get("units", "xa-a")["name"] == "Xã A"


def test_nfd_text_is_normalised_to_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", "name: Xã Đoàn Thượng\nkind: xa\naliases: [Đoàn Thượng]\n")
    assert nfd != unicodedata.normalize("NFC", nfd)
    dataset, errors = errors_for(tmp_path, {UNIT: nfd})
    assert errors == []
    unit = dataset.get("units", "xa-a")
    assert unit["name"] == "Xã Đoàn Thượng" and unicodedata.is_normalized("NFC", unit["name"])
    assert unit["aliases"] == ["Đoàn Thượng"]


def test_nfd_choice_matches_its_nfc_spelling(tmp_path):
    text = unicodedata.normalize("NFD", "number: 1\nkind: Quyết định\nissuer: Chủ tịch UBND tỉnh\n")
    dataset, errors = errors_for(tmp_path, {"documents/chi-thi-34-ct-tw.yml": text})
    assert errors == []
    assert dataset.get("documents", "chi-thi-34-ct-tw")["kind"] == "Quyết định"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_file_is_refused(tmp_path, encoding):
    _, errors = errors_for(tmp_path, {UNIT: UNIT_XA.encode(encoding)})
    error = assert_refused(errors, UNIT, 1, "UTF-8")
    assert error.path == f"data/{UNIT}"


@pytest.mark.parametrize("encoding", ["latin-1", "cp1258"])
def test_invalid_utf8_is_refused_at_the_bad_byte(tmp_path, encoding):
    text = "kind: xa\nname: Hà Tây\n"
    _, errors = errors_for(tmp_path, {UNIT: text.encode(encoding)})
    assert_refused(errors, UNIT, where(text, "à"), "UTF-8", "không hợp lệ")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_character_is_refused_where_it_stands(tmp_path, char):
    text = f"name: Xã A\nkind: xa\nsummary: Gương{char} tốt\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, where(text, char), "ký tự điều khiển")


# ---------------------------------------------------------------------------------------------
# Hostile input
# ---------------------------------------------------------------------------------------------


def _billion_laughs(levels: int = 9) -> str:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels):
        name, prev = chr(97 + i), chr(96 + i)
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_with_one_message(tmp_path):
    text = _billion_laughs()
    _, errors = errors_for(tmp_path, {UNIT: text})
    aliases = [e for e in errors if "tham chiếu YAML" in e.message]
    assert len(aliases) == 1
    assert (aliases[0].line, aliases[0].col) == where(text, "*a")


def test_file_made_of_aliases_does_not_flood_the_report(tmp_path):
    text = "name: &n Xã A\nkind: xa\naliases: [" + "*n," * 200_000 + "*n]\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert [e for e in errors if e.path == f"data/{UNIT}"] == [
        assert_refused(errors, UNIT, where(text, "*n"), "tham chiếu YAML")
    ]


def test_a_file_with_thousands_of_errors_is_reported_in_short(tmp_path):
    text = "name: Xã A\nkind: xa\naliases: [" + "~," * 200_000 + "~]\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    mine = [e for e in errors if e.path == f"data/{UNIT}"]
    assert 1 < len(mine) <= MAX_ERRORS_PER_FILE + 1  # the rest is summed up in one last line
    assert "trống" in mine[0].message and "lỗi khác" in mine[-1].message


def test_recursive_alias_is_refused(tmp_path):
    text = "name: &a [*a]\nkind: xa\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, where(text, "*a"), "tham chiếu YAML")


def test_anchor_without_alias_is_harmless(tmp_path):
    _, errors = errors_for(tmp_path, {UNIT: "name: &ten Xã A\nkind: xa\n"})
    assert errors == []


def test_five_megabyte_file_is_refused(tmp_path):
    text = "name: Xã A\nkind: xa\nsummary: '" + "a" * (5 * 1024 * 1024) + "'\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, (1, 1), "tệp quá lớn")


@pytest.mark.parametrize("opening, closing", [("[", "]"), ("{a: ", "}")])
def test_deep_flow_nesting_is_refused_without_crash(tmp_path, opening, closing):
    text = "name: " + opening * 100_000 + closing * 100_000 + "\nkind: xa\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    mine = [e for e in errors if e.path == f"data/{UNIT}"]
    assert len(mine) == 1 and "lồng quá sâu" in mine[0].message and mine[0].line == 1


def test_unclosed_deep_nesting_is_refused_without_crash(tmp_path):
    _, errors = errors_for(tmp_path, {UNIT: "name: " + "[" * 100_000 + "\n"})
    assert_refused(errors, UNIT, 1, "lồng quá sâu")


def test_deep_block_nesting_is_refused_without_crash(tmp_path):
    text = "name: Xã A\nkind: xa\naliases:\n" + "".join(" " * i + "-\n" for i in range(500))
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert any(e.path == f"data/{UNIT}" and "lồng quá sâu" in e.message for e in errors)


@pytest.mark.parametrize("digits", [5000, 100_000])
def test_huge_integer_is_refused(tmp_path, digits):
    text = "year: 2021\naward: giay-khen-huyen\ncount:\n  tap_the: " + "9" * digits + "\n"
    _, errors = errors_for(tmp_path, {"awards/2021/giay-khen-truong-a.yml": text})
    assert_refused(errors, "awards/2021/giay-khen-truong-a.yml", where(text, "999"), "số quá lớn")


def test_huge_year_is_refused(tmp_path):
    text = "year: 99999999999999999999\naward: giay-khen-huyen\ncount: {tap_the: 1}\n"
    _, errors = errors_for(tmp_path, {"awards/2021/giay-khen-truong-a.yml": text})
    assert_refused(errors, "awards/2021/giay-khen-truong-a.yml", (1, 7), "'year'")


def test_very_long_value_is_refused(tmp_path):
    text = "name: Xã A\nkind: xa\nsummary: " + "ạ" * 300_000 + "\n"
    _, errors = errors_for(tmp_path, {UNIT: text})
    assert_refused(errors, UNIT, (3, 10), "quá dài")


def test_hostile_file_does_not_hide_the_errors_of_other_files(tmp_path):
    other = "name: Trường A\nkind: truong_hoc\ncomune: xa-a\n"
    _, errors = errors_for(tmp_path, {UNIT: _billion_laughs(), "units/truong-a.yml": other})
    assert_refused(errors, "units/truong-a.yml", where(other, "comune"), "'commune'")
    assert any(e.path == f"data/{UNIT}" for e in errors)
