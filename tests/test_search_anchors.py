"""Every search result of the built fixture site opens a page that exists, at an anchor that exists
on it (issue 13, "land on the answer"); the readers' bundle holds readers' records only, the
guide has its own, and no developer page is indexed or published."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest
from bangvang.build import SiteBuild
from bangvang.search.from_data import reader_records
from bangvang.search.from_guide import guide_records
from bangvang.search.search_step import GUIDE_BUNDLE, READER_BUNDLE
from bangvang.website.pages import SiteInfo
from helpers import read


@pytest.fixture(scope="module")
def records(fixture_project):
    build = SiteBuild(
        root=fixture_project, site=SiteInfo(), data_dir=fixture_project / "data", docs_dir=fixture_project / "docs"
    )
    assert build.load() == []
    return reader_records(build.index, build.pages()), guide_records(fixture_project / "docs")


def _by_page(records):
    """Page -> the anchors results open it at: the record's own, and its parts' (recipients)."""
    pages = defaultdict(set)
    for record in records:
        page, _, anchor = record.url.partition("#")
        pages[page].add(anchor)
        pages[page].update(part_anchor for _, _, part_anchor in record.parts)
    return pages


def test_every_reader_result_opens_an_existing_page_at_an_existing_anchor(records, built_site):
    missing = []
    for page, anchors in sorted(_by_page(records[0]).items()):
        doc = read(built_site, page.rstrip("/"))
        missing += [f"/{page}#{a}" for a in sorted(anchors) if a and a not in doc.ids]
    assert missing == []


def test_every_guide_result_opens_an_existing_section(records, built_site):
    assert records[1], "the guide has records"
    missing = []
    for page, anchors in sorted(_by_page(records[1]).items()):
        doc = read(built_site, page.rstrip("/"))
        missing += [f"/{page}#{a}" for a in sorted(anchors) if a and a not in doc.ids]
    assert missing == []


def test_readers_and_staff_have_separate_bundles(records, built_site):
    readers, guide = records
    assert len(list((built_site / READER_BUNDLE / "fragment").glob("*.pf_fragment"))) == len(readers)
    assert len(list((built_site / GUIDE_BUNDLE / "fragment").glob("*.pf_fragment"))) == len(guide)
    assert not [r.url for r in readers if r.url.startswith("huong-dan/")]
    assert {r.kind for r in guide} == {"guide"}


def test_no_developer_page_is_indexed_or_published(records, built_site):
    urls = [r.url for r in records[0] + records[1]]
    assert not [u for u in urls if "benchmark" in u]
    assert not list(built_site.glob("benchmark*"))


def test_filter_labels_cover_the_ids_in_the_index(records, built_site):
    choices = json.loads((built_site / READER_BUNDLE / "facets.json").read_text(encoding="utf-8"))
    for name in ("kind", "year", "commune", "field", "award"):
        used = {v for r in records[0] for v in r.filters.get(name, ())}
        labelled = {value for value, _ in choices[name]}
        assert used <= labelled, name
    assert ["guide", "Hướng dẫn cho cán bộ"] in choices["kind"]
    assert "Hướng dẫn" not in {label for _, label in choices["kind"]}
