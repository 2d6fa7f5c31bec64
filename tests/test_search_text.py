"""The one folding function (text.fold) behind search, slugs and sort keys, on what citizens type."""
from __future__ import annotations

import unicodedata

import pytest

from bangvang.search.pagefind_index import SearchRecord, html_text, render_record, _environment
from bangvang.text import fold, slugify, sort_key

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


@pytest.mark.parametrize("typed, written", [
    ("nong thon moi", "Nông thôn mới"),          # no diacritics at all
    ("pham tran", "Phạm Trấn"),
    ("le thanh nghi", "Lê Thanh Nghị"),
    ("tien tien", "tiên tiến"),
    ("doan thuong", "Đoàn Thượng"),              # đ typed as d
    ("dong", "đồng"),
    ("hoá", "hóa"),                              # new and old tone placement
    ("uỷ", "ủy"),
    ("thuỷ", "thủy"),
    ("khoẻ", "khỏe"),
    (NFD("Đoàn Thượng"), "Đoàn Thượng"),          # NFD keyboard against NFC text
    (NFD("Ủy ban"), "Uỷ ban"),
    ("ĐOÀN THƯỢNG", "Đoàn Thượng"),              # any letter case
    ("LÊ THANH NGHỊ", "lê thanh nghị"),
])
def test_typed_and_written_forms_fold_to_the_same_key(typed, written):
    assert fold(typed) == fold(written)


@pytest.mark.parametrize("a, b", [("Đoàn", "Doan"), ("hoa", "hóa")])
def test_fold_is_blind_to_marks_but_words_stay_apart(a, b):
    assert fold(a) == fold(b)
    assert fold("hoa") != fold("hoan")


def test_fold_output_is_plain_lower_case_ascii_for_vietnamese():
    text = "Tập thể lao động tiên tiến Ủy ban nhân dân xã Đoàn Thượng, huyện Gia Lộc"
    assert fold(text).isascii()
    assert fold(text) == fold(text).lower()


def test_slugs_and_sort_keys_agree_with_fold():
    assert slugify("Xã Đoàn Thượng") == "xa-doan-thuong" == slugify(NFD("XÃ ĐOÀN THƯỢNG"))
    assert slugify("Thủy lợi") == slugify("Thuỷ lợi")
    # Sort keys keep đ after d (dictionary order) while fold puts them together.
    assert sort_key("Dương")[0] < sort_key("Đoàn")[0]


def test_index_record_holds_folded_text_and_the_text_as_written_escaped():
    record = SearchRecord("tap-the/xa-doan-thuong/", "Xã Đoàn Thượng", "Tập thể", "Đoàn <b>Thượng</b> & Gia Lộc",
                          {"kind": ["Tập thể"], "commune": ["Xã Đoàn Thượng"], "year": ["2021"]})
    html = render_record(record, _environment().get_template("search_record.html"))
    assert "<h1>xa doan thuong</h1>" in html                      # what Pagefind indexes
    assert "<p>doan &lt;b&gt;thuong&lt;/b&gt; &amp; gia loc</p>" in html
    assert '<span data-pagefind-meta="title">Xã Đoàn Thượng</span>' in html  # what readers see
    assert '<span data-pagefind-meta="body">Đoàn &lt;b&gt;Thượng&lt;/b&gt; &amp; Gia Lộc</span>' in html
    assert '<span data-pagefind-filter="commune">Xã Đoàn Thượng</span>' in html


def test_folding_keeps_words_aligned_for_snippets():
    text = unicodedata.normalize("NFC", "Xã Đoàn Thượng được UBND tỉnh công nhận, thuỷ lợi & hoà bình")
    assert len(fold(text).split()) == len(text.split())


def test_page_text_drops_tags_scripts_and_the_title():
    html = "<h1>Tiêu đề</h1><p>Xã <a href='x'>Phạm Trấn</a></p><script>var a = 1;</script><td>12</td>"
    assert html_text(html) == "Xã Phạm Trấn 12"
