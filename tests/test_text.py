"""Vietnamese text: folding, slugs, dictionary order, names, numbers and dates as readers see them."""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

import pytest
from bangvang.text import (
    fold,
    format_date,
    format_number,
    format_quantity,
    parse_date,
    person_sort_key,
    slugify,
    sort_key,
)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Đoàn Thượng", "doan thuong"),
        ("ĐOÀN THƯỢNG", "doan thuong"),
        (nfd("Đoàn Thượng"), "doan thuong"),
        ("hoá", "hóa"),
        ("uỷ ban", "ủy ban"),
        ("Thuỷ sản", "thủy sản"),
        ("Hoà", "hòa"),
        ("Gia Lộc", "GIA LOC"),
    ],
)
def test_fold_makes_spellings_equal(a, b):
    assert fold(a) == fold(b)


def test_fold_is_ascii_lowercase():
    assert fold("Xã Đoàn Thượng, Gia Lộc") == "xa doan thuong, gia loc"


@pytest.mark.parametrize("a, b", [("Gia Lương", "Gia Luân"), ("Hồng Hưng", "Hoàng Hưng"), ("Tân", "Tấn Phát")])
def test_fold_keeps_different_words_apart(a, b):
    assert fold(a) != fold(b)


@pytest.mark.parametrize(
    "text, slug",
    [
        ("Xã Đoàn Thượng", "xa-doan-thuong"),
        (nfd("Xã Đoàn Thượng"), "xa-doan-thuong"),
        ("Trường THCS Lê Thanh Nghị", "truong-thcs-le-thanh-nghi"),
        ("Chỉ thị 34-CT/TW", "chi-thi-34-ct-tw"),
        ("  Ủy ban — nhân dân!! ", "uy-ban-nhan-dan"),
        ("Nghị định 91/2017/NĐ-CP", "nghi-dinh-91-2017-nd-cp"),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


DICTIONARY = ["ba lô", "bà", "bà con", "bả", "bã", "bá", "bạ", "bác"]


def test_sort_key_dictionary_order():
    shuffled = DICTIONARY[:]
    random.Random(7).shuffle(shuffled)
    assert sorted(shuffled, key=sort_key) == DICTIONARY


def test_sort_key_alphabet_order():
    alphabet = [
        "a",
        "ă",
        "â",
        "b",
        "c",
        "d",
        "đ",
        "e",
        "ê",
        "g",
        "h",
        "i",
        "k",
        "l",
        "m",
        "n",
        "o",
        "ô",
        "ơ",
        "p",
        "q",
        "r",
        "s",
        "t",
        "u",
        "ư",
        "v",
        "x",
        "y",
    ]
    shuffled = alphabet[::-1]
    assert sorted(shuffled, key=sort_key) == alphabet


@pytest.mark.parametrize(
    "words",
    [
        ["an", "ăn", "ân", "bán"],
        ["da", "dê", "đa", "đen"],
        ["on", "ôn", "ơn", "pha"],
        ["Gia Khánh", "Gia Lộc", "Gia Lương", "Gia Tân"],
        ["Thống Nhất", "Thượng Đạt", "Toàn Thắng"],
    ],
)
def test_sort_key_orders_vietnamese_words(words):
    assert sorted(words[::-1], key=sort_key) == words


def test_sort_key_ignores_case_normal_form_and_tone_style():
    assert sort_key("hoá")[0] == sort_key("hóa")[0]
    assert sort_key("Uỷ ban")[0] == sort_key("ủy ban")[0]
    assert sort_key(nfd("Thủy"))[0] == sort_key("thuỷ")[0]


def test_person_sort_key_sorts_by_given_name():
    names = ["Lê Văn Tuấn", "Nguyễn Thị Hoa", "Trần Văn An", "Phạm Bình", "Đỗ Thị Hoa"]
    ordered = sorted(names, key=person_sort_key)
    assert ordered == ["Trần Văn An", "Phạm Bình", "Đỗ Thị Hoa", "Nguyễn Thị Hoa", "Lê Văn Tuấn"]


def test_person_sort_key_uses_an_explicit_given_name():
    # Without given_name the last word ("Anh") is the key; with it, "Kim Anh" is (after "Hải").
    assert person_sort_key("Lê Thị Kim Anh", "Kim Anh") > person_sort_key("Trần Văn Hải")
    assert person_sort_key("Lê Thị Kim Anh") < person_sort_key("Trần Văn Hải")


@pytest.mark.parametrize(
    "value, shown",
    [
        (1356, "1.356"),
        (150514, "150.514"),
        (34521, "34.521"),
        (95.12, "95,12"),
        (0.83, "0,83"),
        (1.2, "1,2"),
        (2.0, "2"),
        (0, "0"),
        (271580, "271.580"),
        (-3, "-3"),
    ],
)
def test_format_number(value, shown):
    assert format_number(value) == shown


@pytest.mark.parametrize(
    "value, unit, shown",
    [
        (95.12, "%", "95,12%"),
        (150514, "m²", "150.514 m²"),
        (656, "ha", "656 ha"),
        (1356, None, "1.356"),
        (271580, "triệu đồng", "271.580 triệu đồng"),
    ],
)
def test_format_quantity(value, unit, shown):
    assert format_quantity(value, unit) == shown


@pytest.mark.parametrize(
    "text, day",
    [
        ("2021-01-15", dt.date(2021, 1, 15)),
        ("15/01/2021", dt.date(2021, 1, 15)),
        ("5/7/2021", dt.date(2021, 7, 5)),
        (" 25/08/2021 ", dt.date(2021, 8, 25)),
        ("29/02/2020", dt.date(2020, 2, 29)),
    ],
)
def test_parse_date_both_formats(text, day):
    assert parse_date(text) == day


@pytest.mark.parametrize(
    "text", ["30/02/2021", "2021-02-30", "29/02/2021", "2021-1-15", "15-01-2021", "01/13/2021", "", "năm 2021"]
)
def test_parse_date_refuses_impossible_or_malformed(text):
    assert parse_date(text) is None


def test_format_date_is_day_month_year():
    assert format_date(dt.date(2021, 1, 5)) == "05/01/2021"
