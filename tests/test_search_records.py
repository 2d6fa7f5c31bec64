"""Search records are made from the data (issue 16 point 4, issue 17): one per record page and one
per thing inside a page a reader looks for, each at the anchor the page gives it; filters keyed by
ids; nothing internal indexed; the staff guide apart."""

from __future__ import annotations

from pathlib import Path

import pytest
from bangvang.records.validation import validate
from bangvang.search.facets import facet_choices
from bangvang.search.from_data import reader_records
from bangvang.search.from_guide import guide_records, page_records
from bangvang.search.records import KINDS, SearchRecord, filter_values
from bangvang.urls import award_anchor, award_form_anchor, recipient_anchors, report_section_anchor, year_url
from bangvang.website.index import build_index
from helpers import AWARD, AWARD_FILE, write_data

PROPOSAL = """\
year: 2021
award: bang-khen-tinh
status: de_nghi
issuer: Chủ tịch UBND tỉnh
proposal: {number: 45/TTr-UBND, date: 15/03/2021}
recipients:
  - {name: Phạm Văn C, position: Giáo viên, unit_name: Trường Tiểu học Xa}
"""
ANNULLED = """\
year: 2021
award: giay-khen-huyen
status: huy_bo
issuer: Chủ tịch UBND huyện A
annulment: {number: 9/QĐ-UBND, date: 15/06/2021, reason: Kê khai không đúng}
recipients:
  - {name: Đỗ Văn Huỷ, position: Cán bộ}
"""
MERGED = "name: Xã Cũ\nkind: xa\nparent: huyen-a\nuntil: 2025-06-30\nsuccessors: [xa-a]\n"


def _records(tmp_path: Path, changes: dict | None = None) -> tuple[list[SearchRecord], object]:
    data = write_data(tmp_path, changes)
    dataset, errors = validate(data, tmp_path / "docs")
    assert errors == []
    index = build_index(dataset)
    return reader_records(index), index


@pytest.fixture()
def records(tmp_path):
    found, _ = _records(
        tmp_path,
        {
            AWARD_FILE: AWARD + "note: GHI CHÚ NỘI BỘ không công bố\n",
            "awards/2021/de-nghi.yml": PROPOSAL,
            "awards/2021/huy-bo.yml": ANNULLED,
            "units/xa-cu.yml": MERGED,
        },
    )
    return {r.url: r for r in found}


def test_one_record_per_record_page(records):
    for url, kind, title in [
        ("tap-the/truong-a/", "unit", "Trường Tiểu học A"),
        ("ca-nhan/nguyen-van-a/", "person", "Nguyễn Văn A"),
        ("phong-trao/day-tot-hoc-tot/", "campaign", "Dạy tốt - Học tốt"),
        ("dien-hinh/truong-dat-chuan/", "model", "Trường đạt chuẩn mức độ 2"),
        ("van-ban/chi-thi-34-ct-tw/", "document", "Chỉ thị 34-CT/TW"),
        ("bao-cao/2021/", "report", "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2021"),
        (year_url(2021), "award", "Khen thưởng năm 2021"),
    ]:
        assert records[url].kind == kind and records[url].title == title, url


def test_things_inside_pages_point_at_their_anchors(records):
    year = year_url(2021)
    form = records[f"{year}#{award_form_anchor('giay-khen-huyen')}"]
    assert form.title == "Giấy khen của Chủ tịch UBND huyện năm 2021"
    assert "Giấy khen UBND huyện" in form.names  # the vocabulary's alias: searchable, "exactly named"
    act = records[f"{year}#{award_anchor('giay-khen-truong-a')}"]
    assert act.title == "Giấy khen của Chủ tịch UBND huyện" and "12/QĐ-UBND" in act.text
    section = records[f"bao-cao/2021/#{report_section_anchor(1)}"]
    assert section.title == "Mở đầu" and section.context.startswith("Báo cáo tổng kết")


def test_a_recipient_named_in_the_award_is_a_part_of_it_that_lands_on_its_line(records):
    data_recipients = [
        {"unit": "truong-a"},
        {"person": "nguyen-van-a"},
        {"name": "Trần Thị B", "position": "Giáo viên", "unit": "truong-a"},
    ]
    anchor = recipient_anchors("giay-khen-truong-a", data_recipients)[2]
    act = records[f"{year_url(2021)}#{award_anchor('giay-khen-truong-a')}"]
    [(start, length, part_anchor)] = act.parts
    assert part_anchor == anchor
    assert act.text[start : start + length] == "Trần Thị B"  # offsets in UTF-16 units: the same here (BMP)
    assert act.text[start:].startswith("Trần Thị B, Giáo viên, Trường Tiểu học A")
    assert act.names == ("Trần Thị B",)  # "exactly named" by the name written in the award
    assert set(act.filters["kind"]) == {"award", "person"}  # the "Cá nhân" filter finds it too
    assert act.filters["commune"] == ("xa-a",) and act.filters["award"] == ("giay-khen-huyen",)
    # Recipients with a page of their own are found there, not in the award's text.
    assert "Nguyễn Văn A" not in act.text


def test_parts_count_in_utf16_units_as_the_browser_does(tmp_path):
    award = AWARD.replace("{name: Trần Thị B,", "{name: 𠀋 Thị B,")  # a character outside the BMP
    found, _ = _records(tmp_path, {AWARD_FILE: award})
    act = next(r for r in found if r.url.endswith("#giay-khen-truong-a"))
    [(start, length, _)] = act.parts
    utf16 = act.text.encode("utf-16-le")
    assert utf16[2 * start : 2 * (start + length)].decode("utf-16-le") == "𠀋 Thị B"


def test_proposals_are_indexed_as_proposals_and_annulled_awards_not_at_all(records):
    proposal = records[f"{year_url(2021)}#{award_anchor('de-nghi')}"]
    assert proposal.title == "Đề nghị bằng khen của Chủ tịch UBND tỉnh" and "45/TTr-UBND" in proposal.text
    assert proposal.context.startswith("Đề nghị khen thưởng năm 2021")
    assert "award" not in proposal.filters  # not an honour: no award facet
    assert proposal.names == ("Phạm Văn C",)
    assert not [r for r in records.values() if "huy-bo" in r.url or "Đỗ Văn Huỷ" in r.text]


def test_internal_notes_are_never_indexed(records):
    assert not [r.url for r in records.values() if "NỘI BỘ" in r.text or "NỘI BỘ" in r.context]


def test_filters_are_ids_from_the_data(records):
    unit = records["tap-the/truong-a/"]
    assert unit.filters == {"kind": ("unit",), "commune": ("xa-a",), "award": ("giay-khen-huyen",), "year": ("2021",)}
    assert records["phong-trao/day-tot-hoc-tot/"].filters["field"] == ("giao-duc",)
    for record in records.values():
        assert record.kind in KINDS and record.kind in record.filters["kind"]
        for name, values in record.filters.items():
            assert all(v == v.strip() and " " not in v for v in values), (record.url, name, values)


def test_an_old_unit_is_found_by_its_successors_name_and_the_reverse(records):
    assert "Xã A" in records["tap-the/xa-cu/"].names and "Xã A" in records["tap-the/xa-cu/"].text
    assert "Xã Cũ" in records["tap-the/xa-a/"].names


def test_aliases_are_names_of_the_record(records):
    assert records["tap-the/truong-a/"].names == ("Trường Tiểu học A", "TH A")


def test_list_pages_get_title_and_description_only(tmp_path):
    class Page:
        def __init__(self, url, title, description):
            self.url, self.title, self.description = url, title, description

    data = write_data(tmp_path)
    dataset, _ = validate(data)
    found = reader_records(
        build_index(dataset),
        [Page("tap-the/", "Tập thể", "Các tập thể"), Page("tap-the/truong-a/", "Trường Tiểu học A", "x")],
    )
    lists = [r for r in found if r.url == "tap-the/"]
    assert len(lists) == 1 and lists[0].listing and lists[0].kind == "list" and lists[0].text == "Các tập thể"
    assert [r.kind for r in found if r.url == "tap-the/truong-a/"] == ["unit"]  # the record, once


def test_facet_labels_for_the_ids_in_use(tmp_path):
    found, index = _records(tmp_path)
    choices = facet_choices(found, index.dataset, extra_kinds=("guide",))
    assert ["xa-a", "Xã A"] in choices["commune"]
    assert ["giay-khen-huyen", "Giấy khen của Chủ tịch UBND huyện"] in choices["award"]
    assert ["giao-duc", "Giáo dục"] in choices["field"]
    assert ["guide", "Hướng dẫn cho cán bộ"] in choices["kind"]
    assert [k for k, _ in choices["kind"]] == [k for k in KINDS if k in {k for k, _ in choices["kind"]}]


def test_filter_values_are_sorted_unique_strings():
    assert filter_values(year=[2021, 2019, 2021], commune=None, award=[]) == {"year": ("2019", "2021")}
    with pytest.raises(ValueError):
        SearchRecord("x/", "X", "Hướng dẫn")  # a label is not a kind


GUIDE_PAGE = """\
---
title: Định dạng bản ghi
description: Các trường của mỗi loại bản ghi.
---

# Định dạng bản ghi

Mỗi bản ghi là một tệp **YAML**, xem [hướng dẫn](index.md).

## Tập thể — `data/units/<mã>.yml`

Tên, loại, xã.

## Đọc kết quả kiểm tra {#doc-ket-qua-kiem-tra}

Dòng lỗi có dạng `tệp:dòng:cột`.
"""


def test_guide_pages_and_sections_are_records_of_their_own_kind():
    found = page_records(GUIDE_PAGE, "huong-dan/dinh-dang/")
    assert [(r.url, r.title) for r in found] == [
        ("huong-dan/dinh-dang/", "Định dạng bản ghi"),
        ("huong-dan/dinh-dang/#tap-the-dataunitsmayml", "Tập thể — data/units/<mã>.yml"),
        ("huong-dan/dinh-dang/#doc-ket-qua-kiem-tra", "Đọc kết quả kiểm tra"),
    ]
    assert found[0].text == "Mỗi bản ghi là một tệp YAML, xem hướng dẫn."
    assert {r.kind for r in found} == {"guide"} and found[1].context == "Định dạng bản ghi"


def test_the_guide_is_read_from_docs(tmp_path):
    (tmp_path / "huong-dan").mkdir()
    (tmp_path / "huong-dan" / "index.md").write_text("# Hướng dẫn\n\nChào.\n", encoding="utf-8")
    (tmp_path / "benchmark.md").write_text("# Đo\n", encoding="utf-8")
    assert [r.url for r in guide_records(tmp_path)] == ["huong-dan/"]
