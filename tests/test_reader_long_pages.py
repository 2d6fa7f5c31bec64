"""Long pages (issue 12 point 5). A year page: a jump list, summary rows linked to their
sections, filters (level, campaign, commune) that work without JavaScript through anchors and
with it through a form, charts folded after the awards. A report page: key figures first, the
year's results before next year's targets, headings in sentence case, the campaigns, documents
and awards it names linked, the original linked where there is one."""

from __future__ import annotations

import re

from bangvang.website.mention_links import Mention, MentionLinker
from bangvang.website.wording import casing_of_words, sentence_case
from helpers import read

LEVELS = ["trung_uong", "tinh", "huyen", "xa", "co_quan"]


def _conferred(data, year):
    return [a for a in data.kind("awards").values() if a["year"] == year and a.get("status", "tang") == "tang"]


def test_year_page_jump_list_reaches_every_level_and_form(built_site, site_dataset):
    for year in sorted({a["year"] for a in site_dataset.kind("awards").values()}):
        doc = read(built_site, f"khen-thuong/{year}")
        jump = re.search(r'<nav class="bv-jump"[^>]*>(.*?)</nav>', doc.html, re.S)
        assert jump, year
        targets = re.findall(r'href="#([^"]+)"', jump.group(1))
        forms = {a["award"] for a in _conferred(site_dataset, year)}
        levels = {site_dataset.vocab[f]["level"] for f in forms}
        for form in forms:
            assert f"hinh-thuc-{form}" in targets, (year, form)
        for level in levels:
            assert f"cap-{level}" in targets, (year, level)
        assert all(t in doc.ids for t in targets), [t for t in targets if t not in doc.ids]
        assert doc.html.index('class="bv-jump"') < doc.html.index('id="tong-hop"')


def test_summary_rows_lead_to_their_sections(built_site, site_dataset):
    doc = read(built_site, "khen-thuong/2021")
    tables = re.findall(r'<table class="bv-totals">(.*?)</table>', doc.html, re.S)
    assert len(tables) == 2
    by_form = re.findall(r'<tr><th scope="row"><a href="#([^"]+)">([^<]+)</a></th>', tables[0])
    by_level = re.findall(r'<tr><th scope="row"><a href="#([^"]+)">([^<]+)</a></th>', tables[1])
    forms = {a["award"] for a in _conferred(site_dataset, 2021)}
    assert {anchor for anchor, _ in by_form} == {f"hinh-thuc-{f}" for f in forms}
    assert [anchor for anchor, _ in by_level] == [
        f"cap-{lv}" for lv in LEVELS if any(site_dataset.vocab[f]["level"] == lv for f in forms)
    ]
    for anchor, _ in by_form + by_level:
        assert anchor in doc.ids


def test_filters_without_javascript_are_anchors_and_with_it_a_form(built_site, site_dataset):
    doc = read(built_site, "khen-thuong/2023")
    form = re.search(r'<form class="bv-filters" data-bv-filter="year-awards" hidden>(.*?)</form>', doc.html, re.S)
    assert form, "the filter form is in the page, hidden until the script shows it"
    assert re.findall(r'<select name="([a-z]+)"', form.group(1))[:2] == ["level", "campaign"]
    # Without JavaScript: the campaigns of the year lead to their pages' honours.
    campaigns = {a["campaign"] for a in site_dataset.kind("awards").values() if a["year"] == 2023 and a.get("campaign")}
    for campaign in campaigns:
        assert doc.has_link(f"phong-trao/{campaign}/#khen-thuong"), campaign
    # Every card carries what the form filters on.
    for award in site_dataset.kind("awards").values():
        if award["year"] == 2023:
            card = re.search(rf'<article class="bv-award[^"]*" id="{award.id}"([^>]*)>', doc.html).group(1)
            level = site_dataset.vocab[award["award"]]["level"]
            assert f'data-level="{level}"' in card and f'data-campaign="{award.get("campaign", "")}"' in card


def test_the_year_filter_hides_other_cards(browser, site_url, site_dataset):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(site_url + "khen-thuong/2021/")
        assert page.locator('form[data-bv-filter="year-awards"]').is_visible()
        page.select_option('form[data-bv-filter="year-awards"] select[name="level"]', "trung_uong")
        visible = page.evaluate("""() => [...document.querySelectorAll('article.bv-award[data-level]')]
            .filter(a => a.offsetParent !== null).map(a => a.id)""")
        # conferred awards and proposals alike
        expected = sorted(
            a.id
            for a in site_dataset.kind("awards").values()
            if a["year"] == 2021
            and a.get("status", "tang") in ("tang", "de_nghi")
            and site_dataset.vocab[a["award"]]["level"] == "trung_uong"
        )
        assert sorted(visible) == expected
        assert "Hiển thị" in page.locator('form[data-bv-filter="year-awards"] [data-bv-count]').inner_text()
    finally:
        page.close()


def test_charts_are_folded_after_the_awards(built_site, site_dataset):
    html = read(built_site, "khen-thuong/2021").html
    fold = html.index('<details class="bv-charts-fold"')
    last_card = max(html.index(f'id="{a.id}"') for a in _conferred(site_dataset, 2021))
    assert fold > last_card
    assert html.index('class="bv-chart', fold) > fold  # the charts are inside the fold


# ---------------------------------------------------------------------------------------------
# Report pages
# ---------------------------------------------------------------------------------------------


def test_report_opens_with_key_figures_and_ends_with_next_years_targets(built_site, site_dataset):
    for report in site_dataset.kind("reports").values():
        doc = read(built_site, f"bao-cao/{report.id}")
        ids = [h[1] for h in doc.headings if h[0] == "h2"]
        assert ids[0] == "so-lieu-chinh", ids
        assert ids.index("so-lieu-chinh") < ids.index("muc-luc") < ids.index("noi-dung")
        if report.get("targets"):
            assert ids[-1] == "chi-tieu", ids
        conferred = _conferred(site_dataset, report["year"])
        people = sum(
            a.get("count", {}).get(
                "ca_nhan", sum(1 for r in a.get("recipients", []) if r.get("person") or r.get("name"))
            )
            for a in conferred
        )
        figures = re.search(r'<section aria-labelledby="so-lieu-chinh">(.*?)</section>', doc.html, re.S).group(1)
        assert f"{people:,}".replace(",", ".") in figures


def test_report_headings_are_in_sentence_case(built_site, site_dataset):
    for report in site_dataset.kind("reports").values():
        doc = read(built_site, f"bao-cao/{report.id}")
        for _, _, text in doc.headings:
            words = [w for w in re.findall(r"[^\W\d_]+", text) if len(w) > 1]
            shouting = [w for w in words if w.isupper() and w not in ("UBND", "HĐND", "THCS", "THPT", "MTTQ")]
            assert len(shouting) < 2, (report.id, text)
    doc = read(built_site, "bao-cao/2023")
    assert "II. Phương hướng năm 2024 của huyện Gia Lộc" in [h[2] for h in doc.headings]


def test_report_links_what_it_names(built_site, site_dataset):
    doc = read(built_site, "bao-cao/2023")
    text_links = dict((doc.resolve(h), t) for h, t in doc.links)
    document = next(d for d in site_dataset.kind("documents").values() if d["number"] == "114/KH-UBND")
    assert any(
        t == "114/KH-UBND" and (u == f"van-ban/{document.id}/" or u == f"van-ban/#{document.id}")
        for u, t in text_links.items()
    )
    assert text_links.get("phong-trao/day-tot-hoc-tot/") == "Dạy tốt - Học tốt"
    assert text_links.get("khen-thuong/2023/#hinh-thuc-chien-si-thi-dua-co-so") == "Chiến sĩ thi đua cơ sở"
    # The original: the document of the same number, and its full text.
    original = next(d for d in site_dataset.kind("documents").values() if d["number"] == "99/BC-UBND")
    assert doc.has_link(f"van-ban/{original.id}/") or doc.has_link(f"van-ban/#{original.id}")
    assert doc.has_link(original["url"])


def test_mentions_are_linked_in_text_only():
    link = MentionLinker([Mention("Dạy tốt - Học tốt", "phong-trao/x/"), Mention("114/KH-UBND", "van-ban/y/")])
    html = (
        '<p>Xem <a href="z">Dạy tốt - Học tốt</a>; phong trào dạy tốt - học tốt và Dạy tốt - Học tốt, '
        '<code>114/KH-UBND</code>, số 114/KH-UBND và 2114/KH-UBND.</p>'
    )
    out = link(html, lambda target: "../" + target)
    assert out.count('href="../phong-trao/x/"') == 1
    assert '<a href="../phong-trao/x/">dạy tốt - học tốt</a>' in out  # first mention in text, as written
    assert "<code>114/KH-UBND</code>" in out
    assert 'số <a href="../van-ban/y/">114/KH-UBND</a>' in out
    assert "2114/KH-UBND" in out and out.count('href="../van-ban/y/"') == 1


def test_sentence_case_keeps_names_and_abbreviations():
    known = casing_of_words(["Báo cáo của UBND huyện Gia Lộc. Tư tưởng Hồ Chí Minh; xây dựng gia đình văn hóa."])
    assert sentence_case("II. KẾT QUẢ NĂM 2021 CỦA HUYỆN GIA LỘC", known) == "II. Kết quả năm 2021 của huyện Gia Lộc"
    assert (
        sentence_case("HỌC TẬP TƯ TƯỞNG HỒ CHÍ MINH, GIA ĐÌNH VÀ UBND", known)
        == "Học tập tư tưởng Hồ Chí Minh, gia đình và UBND"
    )
    assert sentence_case("1. Phong trào thi đua Quyết thắng", known) == "1. Phong trào thi đua Quyết thắng"
