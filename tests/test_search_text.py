"""The one folding function (text.fold) behind search, slugs and sort keys, on what citizens type;
the text of search records (Markdown to words) and the documents Pagefind indexes."""

from __future__ import annotations

import unicodedata

import pytest
from bangvang.search.bundle_order import _cbor_decode, _cbor_encode
from bangvang.search.plain_text import markdown_text
from bangvang.search.records import SearchRecord
from bangvang.search.sources import SourceWriter
from bangvang.text import fold, slugify, sort_key

NFD = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731


@pytest.mark.parametrize(
    "typed, written",
    [
        ("nong thon moi", "Nông thôn mới"),  # no diacritics at all
        ("pham tran", "Phạm Trấn"),
        ("le thanh nghi", "Lê Thanh Nghị"),
        ("tien tien", "tiên tiến"),
        ("doan thuong", "Đoàn Thượng"),  # đ typed as d
        ("dong", "đồng"),
        ("hoá", "hóa"),  # new and old tone placement
        ("uỷ", "ủy"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        (NFD("Đoàn Thượng"), "Đoàn Thượng"),  # NFD keyboard against NFC text
        (NFD("Ủy ban"), "Uỷ ban"),
        ("ĐOÀN THƯỢNG", "Đoàn Thượng"),  # any letter case
        ("LÊ THANH NGHỊ", "lê thanh nghị"),
    ],
)
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
    record = SearchRecord(
        "tap-the/xa-doan-thuong/",
        "Xã Đoàn Thượng",
        "unit",
        "Đoàn <b>Thượng</b> & Gia Lộc",
        names=("Xã Đoàn Thượng", "Đoàn Thượng"),
        filters={"kind": ("unit",), "commune": ("xa-doan-thuong",), "year": ("2021",)},
    )
    html = SourceWriter().render(record)
    assert "<h1>xa doan thuong</h1>" in html  # what Pagefind indexes
    assert '<p data-pagefind-weight="6">doan thuong</p>' in html  # other names weigh like titles
    assert "<p>doan &lt;b&gt;thuong&lt;/b&gt; &amp; gia loc</p>" in html
    assert '<span data-pagefind-meta="title">Xã Đoàn Thượng</span>' in html  # what readers see
    assert '<span data-pagefind-meta="kind">Tập thể</span>' in html
    assert '<span data-pagefind-meta="names">Xã Đoàn Thượng|Đoàn Thượng</span>' in html
    assert '<span data-pagefind-meta="body">Đoàn &lt;b&gt;Thượng&lt;/b&gt; &amp; Gia Lộc</span>' in html
    assert '<span data-pagefind-filter="commune">xa-doan-thuong</span>' in html  # ids, not labels


def test_folding_keeps_words_aligned_for_snippets():
    text = unicodedata.normalize("NFC", "Xã Đoàn Thượng được UBND tỉnh công nhận, thuỷ lợi & hoà bình")
    assert len(fold(text).split()) == len(text.split())


@pytest.mark.parametrize(
    "markdown, words",
    [
        ("**KẾT QUẢ** năm 2021", "KẾT QUẢ năm 2021"),
        ("Xem [báo cáo](../bao-cao/2021/) và ![ảnh nhà màng](images/a.jpg).", "Xem báo cáo và ảnh nhà màng."),
        ("- Một\n- Hai\n\n1. Ba", "Một Hai Ba"),
        ("| Chỉ số | Số liệu |\n| --- | ---: |\n| Hộ nghèo | 1,96% |", "Chỉ số · Số liệu · Hộ nghèo · 1,96%"),
        ("## Tiêu đề {#muc}\n\n> Trích `mã`", "Tiêu đề Trích mã"),
        (None, ""),
    ],
)
def test_markdown_fields_become_the_words_a_reader_reads(markdown, words):
    assert markdown_text(markdown) == words


def test_filter_files_codec_round_trips():
    value = ["pagefind", [["kind", "vi_1234567"], ["year", "vi_89abcde"]], 5, "Đoàn Thượng", list(range(300))]
    encoded = _cbor_encode(value)
    assert _cbor_decode(encoded, 0) == (value, len(encoded))
