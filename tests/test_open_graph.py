"""Sharing metadata: every page carries Open Graph title, description, type, URL and locale."""

from __future__ import annotations

import html as htmllib
import re

META = re.compile(r'<meta property="og:(\w+)" content="([^"]*)"')


def _og(page: str) -> dict[str, str]:
    head = page.split("</head>")[0]
    return {k: htmllib.unescape(v) for k, v in META.findall(head)}


def test_every_page_has_open_graph_metadata(built_site):
    pages = [
        p
        for p in built_site.rglob("index.html")
        if not p.relative_to(built_site).as_posix().startswith(("assets", "pagefind", "quan-tri/"))
    ]
    assert len(pages) > 20
    for path in pages:
        text = path.read_text(encoding="utf-8")
        og = _og(text)
        for key in ("title", "description", "type", "url", "locale"):
            assert og.get(key, "").strip(), f"{path}: og:{key} missing"
        assert og["locale"] == "vi_VN"
        title = htmllib.unescape(re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S)[1])
        assert og["title"] == re.sub(r"<[^>]+>", "", title).strip(), path
        rel = path.relative_to(built_site).as_posix().removesuffix("index.html")
        assert og["url"].endswith("/" + rel) or (rel == "" and og["url"].endswith("/")), path


def test_record_pages_describe_themselves(built_site):
    og = _og((built_site / "khen-thuong" / "2021" / "index.html").read_text(encoding="utf-8"))
    assert "2021" in og["title"] and "2021" in og["description"]
    assert og["type"] == "article"
    assert _og((built_site / "index.html").read_text(encoding="utf-8"))["type"] == "website"
