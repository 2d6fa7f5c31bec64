"""The home page (issue 12 point 4): a search field first, then the latest awards by decision
date with what they were for, then the models, short."""

from __future__ import annotations

import datetime as dt
import re

from helpers import read


def _day(data, award) -> dt.date:
    """The decision's date, or its document's, else the last day of the award's year."""
    decision = award.get("decision") or {}
    if decision.get("date"):
        return decision["date"]
    if decision.get("document"):
        document = data.get("documents", decision["document"])
        if document.get("date"):
            return document["date"]
    if decision.get("number"):  # an inline number that a document record carries
        for document in data.kind("documents").values():
            if document["number"] == decision["number"] and document.get("date"):
                return document["date"]
    return dt.date(award["year"], 12, 31)


def test_search_field_comes_first_and_works_without_javascript(built_site):
    doc = read(built_site, "")
    content = doc.html[doc.html.index("<h1") :]
    form = re.search(
        r'<form class="bv-home-search" role="search" action="([^"]+)" method="get">(.*?)</form>', content, re.S
    )
    assert form, "no search form on the home page"
    assert content.index("<form") < content.index("<h2"), "the search field comes before every section"
    assert doc.resolve(form.group(1)) == "tim-kiem/"
    assert '<label for="bv-home-search">Tìm tên người, xã, đơn vị…</label>' in form.group(2)
    assert re.search(r'<input id="bv-home-search" name="q" type="search"', form.group(2))
    assert '<button type="submit">' in form.group(2)
    # Where it lands without JavaScript: a page that leads to the lists.
    landing = read(built_site, "tim-kiem")
    assert 'id="bv-home-search"' in landing.html
    for section in ("tap-the/", "ca-nhan/", "khen-thuong/"):
        assert landing.has_link(section), section


def test_latest_awards_by_decision_date_with_what_they_were_for(built_site, site_dataset):
    doc = read(built_site, "")
    section = re.search(r'<section aria-labelledby="moi-nhat">(.*?)</section>', doc.html, re.S).group(1)
    anchors = re.findall(
        r'<li class="bv-award-line[^"]*"><a href="khen-thuong/(\d{4})/#([a-z0-9-]+)">(.*?)</a>', section
    )
    assert anchors
    awards = site_dataset.kind("awards")
    conferred = [a for a in awards.values() if a.get("status", "tang") == "tang"]
    days = [_day(site_dataset, awards[aid]) for _, aid, _ in anchors]
    assert all(awards[aid].get("status", "tang") == "tang" for _, aid, _ in anchors), "only honours are listed"
    assert days == sorted(days, reverse=True), days
    assert days[0] == max(_day(site_dataset, a) for a in conferred)
    for _, aid, title in anchors:
        award = awards[aid]
        what = site_dataset.get("campaigns", award["campaign"])["title"] if award.get("campaign") else None
        assert title.startswith(site_dataset.vocab[award["award"]]["name"] + " — "), title
        if what:
            assert " ".join(what.split()) in title


def test_models_come_after_the_awards_and_are_short(built_site):
    doc = read(built_site, "")
    html = doc.html
    assert html.index('id="moi-nhat"') < html.index('id="dien-hinh"')
    models = re.search(r'<section aria-labelledby="dien-hinh">(.*?)</section>', html, re.S).group(1)
    assert "bv-card" not in models, "the home page lists models by title, not as long cards"
    assert len(re.findall(r'href="dien-hinh/[a-z0-9-]+/"', models)) <= 6


def test_home_search_field_is_the_first_thing_to_type_in(browser, site_url):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    try:
        page.goto(site_url)
        box = page.locator("#bv-home-search")
        assert box.is_visible()
        top = box.bounding_box()["y"]
        assert top < 844, "the search field is on the first screen of a phone"
    finally:
        page.close()
