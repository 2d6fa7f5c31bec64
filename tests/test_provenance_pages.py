"""Issue 14 on the built fixture site: decisions as documents with their recipients and scan,
verifiable honourees (stable anchors, QR codes that carry the anchor's address), annulled awards
out of every total and in the feed, units through time, structured data and the Wikidata file.
Fixture records: tests/fixtures/extra/data (2024 awards, decision 456/QĐ-UBND with its PDF,
Xã Thống Kênh merged into Xã Gia Phúc)."""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import segno
from bangvang.publish.feed import build_feed, feed_awards
from bangvang.records.validation import validate
from bangvang.urls import recipient_anchors
from bangvang.website.charts import statistics_charts, year_charts
from bangvang.website.index import annulled, award_tally, build_index, conferred, names_through_time
from bangvang.website.verification import QR_BORDER, QR_ERROR, QR_SCALE
from helpers import EXTRA, effective_config, make_project, read, run_mkdocs_build

DOC = "qd-456-qd-ubnd-2024"
AWARD = "giay-khen-huyen-thong-kenh-2024"
ANNULLED = "giay-khen-huyen-huy-bo-2024"
INLINE = "giay-khen-huyen-gia-phuc-2024"
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = effective_config()["site_url"]


@pytest.fixture(scope="module")
def ix(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("provenance") / "project", extra=True)
    dataset, errors = validate(project / "data", project / "docs")
    assert errors == []
    return build_index(dataset)


def json_ld(doc) -> list[dict]:
    """Every JSON-LD node of a page (the @graph of each block), parsed."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', doc.html, re.S)
    nodes = []
    for block in blocks:
        data = json.loads(block)
        assert data["@context"] == "https://schema.org"
        nodes += data.get("@graph", [data])
    return nodes


# ---------------------------------------------------------------------------------------------
# 1. Decisions as documents
# ---------------------------------------------------------------------------------------------


def test_a_decision_page_lists_its_awards_and_recipients_with_their_anchors(built_site, ix):
    doc = read(built_site, f"van-ban/{DOC}")
    assert [t for tag, _, t in doc.headings if tag == "h1"] == ["Quyết định số 456/QĐ-UBND"]
    for words in (
        "Ủy ban nhân dân huyện Gia Lộc",
        "20/12/2024",
        "Nguyễn Văn Mẫu, Chủ tịch UBND huyện",
        "Vũ Thị Hạnh",
        "Trần Văn Bình, Trưởng thôn",
        "Phạm Thị Cúc, Xã viên, Hợp tác xã Thống Kênh",
        "Đã hủy bỏ",
        "Kê khai không trung thực thành tích",
    ):
        assert words in doc.text, words
    award = ix.dataset.get("awards", AWARD)
    for anchor in recipient_anchors(AWARD, award["recipients"]):
        assert anchor in doc.ids, anchor
    assert doc.has_link("tap-the/xa-thong-kenh/") and doc.has_link("ca-nhan/vu-thi-hanh-thong-kenh/")
    assert doc.has_link("van-ban/qd-789-qd-ubnd-2025/")  # the annulling decision
    # The scan: a link to the PDF and its SHA-256, which is the file's.
    scan = EXTRA / "docs" / "files" / f"{DOC}.pdf"
    assert doc.has_link(f"files/{DOC}.pdf")
    assert hashlib.sha256(scan.read_bytes()).hexdigest() in doc.text
    assert (built_site / "files" / f"{DOC}.pdf").read_bytes() == scan.read_bytes()


def test_a_decision_written_inline_finds_its_document_by_number(built_site):
    doc = read(built_site, "van-ban/qd-457-qd-ubnd-2024")
    assert INLINE in doc.ids and "Xã Gia Phúc" in doc.text


def test_every_document_has_its_page_and_the_list_links_them(built_site, ix):
    listing = read(built_site, "van-ban")
    for doc_id in ix.dataset.kind("documents"):
        assert listing.has_link(f"van-ban/{doc_id}/"), doc_id
        assert doc_id in listing.ids
        assert (built_site / "van-ban" / doc_id / "index.html").is_file()


def test_awards_link_to_their_decision_page(built_site):
    unit = read(built_site, "tap-the/xa-thong-kenh")
    assert unit.has_link(f"van-ban/{DOC}/")
    proof = read(built_site, "xac-minh/2024")
    assert proof.has_link(f"van-ban/{DOC}/") and proof.has_link("van-ban/qd-457-qd-ubnd-2024/")


# ---------------------------------------------------------------------------------------------
# 2. Verifiable honourees: anchors and QR codes
# ---------------------------------------------------------------------------------------------


def svg_matrix(svg: str) -> list[list[int]]:
    """The modules of a segno SVG (one path of horizontal runs 'M x y h n m dx dy …'), as rows of
    0/1 without the quiet zone: what a scanner reads."""
    size = int(re.search(r'width="(\d+)"', svg).group(1)) // QR_SCALE
    grid = [[0] * size for _ in range(size)]
    path = re.search(r'<path[^>]*stroke="#000"[^>]*\sd="([^"]+)"', svg) or re.search(
        r'<path[^>]*\sd="(M[^"]+)"[^>]*stroke', svg
    )
    x = y = 0.0
    for op, a, b in re.findall(r"([MmHhVv])\s*(-?[\d.]+)(?:[\s,]+(-?[\d.]+))?", path.group(1)):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        elif op == "h":
            for col in range(int(x), int(x + float(a))):
                grid[int(y)][col] = 1
            x += float(a)
    inner = size - 2 * QR_BORDER
    return [row[QR_BORDER : QR_BORDER + inner] for row in grid[QR_BORDER : QR_BORDER + inner]]


def test_a_recipients_qr_code_carries_the_absolute_address_of_its_anchor(built_site, ix):
    award = ix.dataset.get("awards", AWARD)
    anchor = recipient_anchors(AWARD, award["recipients"])[2]  # Trần Văn Bình, a name written in the award
    url = f"{SITE_URL}xac-minh/2024/#{anchor}"
    svg = (built_site / "xac-minh" / "2024" / "qr" / f"{anchor}.svg").read_text(encoding="utf-8")
    expected = segno.make(url, error=QR_ERROR, micro=False, boost_error=False)
    assert svg_matrix(svg) == [list(map(int, row)) for row in expected.matrix]
    assert svg_matrix(svg) != [
        list(map(int, row)) for row in segno.make(url + "x", error=QR_ERROR, micro=False, boost_error=False).matrix
    ]
    assert f"<title>{url}</title>" in svg and "viewBox=" in svg
    # The address lands on the proof line: the id is on the page, with the name, the decision, the QR.
    proof = read(built_site, "xac-minh/2024")
    assert anchor in proof.ids and AWARD in proof.ids
    assert "Trần Văn Bình" in proof.text and "456/QĐ-UBND" in proof.text
    assert any(href.endswith(f"qr/{anchor}.svg") for href, _ in proof.links)


def test_every_award_and_named_recipient_has_a_qr_code_and_pages_stay_small(built_site, ix):
    qr = built_site / "xac-minh" / "2024" / "qr"
    for award in ix.awards_by_year[2024]:
        if award.get("status") == "de_nghi":
            assert not (qr / f"{award.id}.svg").exists()
            continue
        assert (qr / f"{award.id}.svg").is_file()
        for anchor in recipient_anchors(award.id, award.get("recipients", [])):
            assert (qr / f"{anchor}.svg").is_file(), anchor
    page = (built_site / "xac-minh" / "2024" / "index.html").read_text(encoding="utf-8")
    assert page.count("<svg") < 10  # codes are linked files, never inlined
    # Older years (certificates printed long ago, without codes) keep their proof lines, not codes.
    assert not (built_site / "xac-minh" / "2021" / "qr").exists()
    old = read(built_site, "xac-minh/2021")
    assert "Mã QR" in old.text and not any(href.endswith(".svg") for href, _ in old.links)


def test_the_verification_page_explains_how_to_check_a_certificate(built_site):
    doc = read(built_site, "xac-minh")
    assert [t for tag, _, t in doc.headings if tag == "h1"] == ["Xác minh khen thưởng"]
    for words in ("Quét mã QR", "Đối chiếu", "Đã hủy bỏ", "SHA-256", "certutil", "sha256sum"):
        assert words in doc.text, words
    assert doc.has_link("xac-minh/2024/") and doc.has_link("xac-minh/2021/")


# ---------------------------------------------------------------------------------------------
# 3. Annulment
# ---------------------------------------------------------------------------------------------


def test_an_annulled_award_is_out_of_every_total(ix):
    awards = ix.awards_by_year[2024]
    gone = ix.dataset.get("awards", ANNULLED)
    assert gone in annulled(awards) and gone not in conferred(awards)
    given = sum(sum(award_tally(a).values()) for a in conferred(awards))
    assert given == 5  # Xã Thống Kênh + 3 people; Xã Gia Phúc: not the annulled award's 3 individuals
    charts = {c.id: c.grand_total for c in year_charts(ix, 2024)}
    assert charts["cap-khen-2024"] == charts["hinh-thuc-2024"] == given
    by_year = next(c for c in statistics_charts(ix) if c.id == "theo-nam-cap-khen")
    assert next(r.total for r in by_year.rows if r.label == "Năm 2024") == given
    assert all(gone is not a for a in feed_awards(ix.dataset))


def test_an_annulled_award_is_struck_through_with_its_reason_and_in_the_feed(built_site, ix):
    proof = read(built_site, "xac-minh/2024")
    block = proof.html.split(f'id="{ANNULLED}"', 1)[1].split("</article>", 1)[0]
    assert "<del>" in block and "Đã hủy bỏ" in block and "Kê khai không trung thực thành tích" in block
    assert "789/QĐ-UBND" in block
    feed = ET.parse(built_site / "khen-thuong" / "feed.xml").getroot()
    entries = {e.find(f"{ATOM}id").text: e for e in feed.findall(f"{ATOM}entry")}
    annulment = entries[f"{SITE_URL}xac-minh/2024/#{ANNULLED}"]
    assert annulment.find(f"{ATOM}title").text.startswith("Hủy bỏ khen thưởng")
    assert annulment.find(f"{ATOM}updated").text == "2025-03-10T00:00:00+07:00"
    assert "Kê khai không trung thực thành tích" in annulment.find(f"{ATOM}summary").text
    assert f"{SITE_URL}khen-thuong/2024/#{ANNULLED}" not in entries
    tree = build_feed(ix.dataset, SITE_URL, "t", "a")
    assert tree.getroot().find(f"{ATOM}updated").text >= "2025-03-10"


# ---------------------------------------------------------------------------------------------
# 5. Units through time
# ---------------------------------------------------------------------------------------------


def test_a_merged_commune_shows_its_successor_and_the_successor_its_predecessor(built_site):
    old = read(built_site, "tap-the/xa-thong-kenh")
    assert "Từ 01/07/2025 thuộc Xã Gia Phúc" in old.text
    assert old.has_link("tap-the/xa-gia-phuc/") and old.has_link("van-ban/nq-sap-xep-xa-2025/")
    new = read(built_site, "tap-the/xa-gia-phuc")
    assert "Hình thành từ" in new.text and new.has_link("tap-the/xa-thong-kenh/")


def test_a_merged_commune_is_found_by_its_new_name_and_the_reverse(ix):
    from bangvang.search.from_data import reader_records
    from bangvang.text import fold

    old, new = ix.dataset.get("units", "xa-thong-kenh"), ix.dataset.get("units", "xa-gia-phuc")
    assert "Xã Gia Phúc" in names_through_time(ix, old) and "Xã Thống Kênh" in names_through_time(ix, new)
    records = {r.url: r for r in reader_records(ix)}
    found_old = records["tap-the/xa-thong-kenh/"]
    found_new = records["tap-the/xa-gia-phuc/"]
    assert fold("Gia Phúc") in fold(found_old.text + " " + " ".join(getattr(found_old, "names", ())))
    assert fold("Thống Kênh") in fold(found_new.text + " " + " ".join(getattr(found_new, "names", ())))


def test_the_archive_notice_is_on_every_page_when_the_site_is_an_archive(tmp_path):
    project = make_project(tmp_path / "project", extra=False)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace(
        "    repo: gia-loc/bang-vang",
        "    archive: {until: 2025-07-01, successor: UBND xã Gia Lộc, "
        "note: Dữ liệu không còn được cập nhật.}\n    repo: gia-loc/bang-vang",
        1,
    )
    config.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(project, site)
    assert result.returncode == 0, result.stderr
    for url in ("", "khen-thuong/2021", "tap-the/xa-gia-khanh", "xac-minh", "huong-dan"):
        page = read(site, url)
        assert "Trang lưu trữ." in page.chrome_text, url
        notice = page.html.split('class="bv-archive-notice"', 1)[1].split("</p>", 1)[0]
        assert "Huyện Gia Lộc đã kết thúc hoạt động từ ngày 01/07/2025" in notice
        assert "UBND xã Gia Lộc" in notice and "Dữ liệu không còn được cập nhật." in notice


def test_no_archive_notice_by_default(built_site):
    assert 'bv-archive-notice' not in (built_site / "index.html").read_text(encoding="utf-8")
    assert 'md-banner' not in (built_site / "index.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# 6. Structured data and Wikidata
# ---------------------------------------------------------------------------------------------


def test_json_ld_parses_and_names_the_award(built_site):
    person = json_ld(read(built_site, "ca-nhan/vu-thi-hanh-thong-kenh"))
    node = next(n for n in person if n["@type"] == "Person")
    assert node["name"] == "Vũ Thị Hạnh" and "Giấy khen của Chủ tịch UBND huyện (2024)" in node["award"]
    assert node["worksFor"]["name"] == "Xã Thống Kênh"
    unit = json_ld(read(built_site, "tap-the/xa-thong-kenh"))
    org = next(n for n in unit if n["@type"] == "GovernmentOrganization")
    assert "Giấy khen của Chủ tịch UBND huyện (2024)" in org["award"] and org["dissolutionDate"] == "2025-07-01"
    crumbs = next(n for n in unit if n["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][0]["name"] == "Trang chủ"
    assert crumbs["itemListElement"][-1]["item"] == f"{SITE_URL}tap-the/xa-thong-kenh/"


def test_json_ld_of_documents_reports_and_the_open_data(built_site):
    law = next(n for n in json_ld(read(built_site, f"van-ban/{DOC}")) if n["@type"] == "Legislation")
    assert law["legislationIdentifier"] == "456/QĐ-UBND"
    assert law["legislationPassedBy"] == {"@type": "GovernmentOrganization", "name": "Ủy ban nhân dân huyện Gia Lộc"}
    assert law["associatedMedia"]["contentUrl"] == f"{SITE_URL}files/{DOC}.pdf"
    report = next(n for n in json_ld(read(built_site, "bao-cao/2021")) if n["@type"] == "Report")
    assert report["author"]["@type"] == "GovernmentOrganization"
    dataset = next(n for n in json_ld(read(built_site, "du-lieu")) if n["@type"] == "Dataset")
    downloads = {d["contentUrl"]: d for d in dataset["distribution"]}
    assert all(d["@type"] == "DataDownload" for d in downloads.values())
    assert f"{SITE_URL}du-lieu/awards.json" in downloads and f"{SITE_URL}du-lieu/wikidata.json" in downloads
    for url in downloads:
        assert (built_site / url[len(SITE_URL) :]).is_file(), url


def test_every_record_page_has_json_ld_that_closes_no_script(built_site, ix):
    for kind, section in (
        ("units", "tap-the"),
        ("people", "ca-nhan"),
        ("campaigns", "phong-trao"),
        ("models", "dien-hinh"),
        ("documents", "van-ban"),
        ("reports", "bao-cao"),
    ):
        for record_id in list(ix.dataset.kind(kind))[:5]:
            nodes = json_ld(read(built_site, f"{section}/{record_id}"))
            assert len(nodes) >= 2, (kind, record_id)


def test_wikidata_file_states_award_received_point_in_time_and_conferred_by(built_site):
    data = json.loads((built_site / "du-lieu" / "wikidata.json").read_text(encoding="utf-8"))
    assert {"P166", "P585", "P1027"} <= set(data["properties"])
    mine = [s for s in data["statements"] if s["award_record"] == f"awards/{AWARD}"]
    assert len(mine) == 4
    person = next(s for s in mine if s["subject"]["label"] == "Vũ Thị Hạnh")
    assert person["property"] == "P166" and person["value"]["label"] == "Giấy khen của Chủ tịch UBND huyện"
    assert person["qualifiers"]["P585"]["time"] == "+2024-12-20T00:00:00Z"  # the decision document's date
    assert person["qualifiers"]["P1027"]["label"] == "Chủ tịch UBND huyện Gia Lộc"
    assert person["references"][0]["P854"].startswith(f"{SITE_URL}xac-minh/2024/#{AWARD}--")
    assert not [s for s in data["statements"] if s["award_record"] == f"awards/{ANNULLED}"]
    assert read(built_site, "du-lieu").has_link("du-lieu/wikidata.json")


def test_the_seed_keeps_its_pages(built_site):
    for url in ("", "khen-thuong/2021", "tap-the/xa-gia-khanh", "van-ban", "phong-trao", "bao-cao/2021"):
        assert (built_site / url / "index.html").is_file(), url
    assert Path(built_site / "van-ban" / "chi-thi-34-ct-tw" / "index.html").is_file()
