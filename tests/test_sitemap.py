"""sitemap.xml lists every page the build writes (generated record pages included), and nothing else."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from helpers import effective_config

ROOT = Path(__file__).resolve().parents[1]
NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NOT_PAGES = ("assets", "search", "pagefind", "schemas", "du-lieu/", "khen-thuong/feed", "quan-tri/")


def _site_url() -> str:
    return effective_config()["site_url"].rstrip("/") + "/"


def test_sitemap_lists_every_built_page(built_site):
    base = _site_url()
    listed = {loc.text for loc in ET.parse(built_site / "sitemap.xml").getroot().iter(f"{NS}loc")}
    built = set()
    for html in built_site.rglob("*.html"):
        rel = html.relative_to(built_site).as_posix()
        if rel == "404.html" or (rel.startswith(NOT_PAGES) and rel != "du-lieu/index.html"):
            continue
        built.add(base + rel.removesuffix("index.html"))
    for must in ("", "thong-ke/", "du-lieu/", "khen-thuong/", "khen-thuong/2021/"):
        assert base + must in built, f"{must or 'home'} was not built"
    assert built - listed == set(), "pages missing from the sitemap"
    assert listed - built == set(), "sitemap entries without a page"
