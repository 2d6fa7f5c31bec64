"""The page's chrome in the built HTML (issue 12): the footer line "Báo sai sót hoặc sửa trang này",
the office's contact and the last update, the staff guide behind one footer link, no repository
badge or pencil, benchmark pages kept out of the site, the menu entry of a record page's list,
the Vietnamese 404 page, and what Lighthouse checks on every page (description, language,
nothing from another host, image sizes)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml
from helpers import ROOT, Doc, effective_config, run_mkdocs_build

CONFIG = effective_config()
DISTRICT = CONFIG["extra"]["district"]
REPO_URL = CONFIG["repo_url"].rstrip("/")
SITE_URL = CONFIG["site_url"]
REPORT = "Báo sai sót hoặc sửa trang này"


def _pages(site: Path) -> dict[str, str]:
    """Every built page but the 404 and the browser editor (quan-tri/, an application): {url: html}."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site).parent.as_posix()
        if rel == "quan-tri" or rel.startswith("quan-tri/"):
            continue
        out["" if rel == "." else rel + "/"] = path.read_text(encoding="utf-8")
    return out


def _footer(html: str) -> str:
    return html[html.index('<footer class="md-footer">') : html.index("</footer>")]


def _links(html: str) -> list[tuple[str, str]]:
    """(href, text) of every link in a piece of HTML."""
    return [
        (h.replace("&amp;", "&"), re.sub(r"<[^>]+>|\s+", " ", t).strip())
        for h, t in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', html, re.S)
    ]


def _record_pages(site: Path) -> dict[str, str]:
    """One page of each record kind (the first under each list that has pages below it)."""
    found = {}
    for section in ("phong-trao", "dien-hinh", "tap-the", "ca-nhan", "khen-thuong", "bao-cao", "van-ban"):
        below = (
            sorted(p for p in (site / section).iterdir() if (p / "index.html").is_file())
            if (site / section).is_dir()
            else []
        )
        if below:
            found[section] = f"{section}/{below[0].name}/"
    return found


# ---------------------------------------------------------------------------------------------
# Footer: report a mistake, contact, last update, the staff guide
# ---------------------------------------------------------------------------------------------


def test_every_page_offers_to_report_a_mistake(built_site):
    """One discreet line per page: a GitHub issue prefilled with the page's title and address (and
    its data file when it has one), the office's e-mail when set, the edit link of its record."""
    pages = _pages(built_site)
    assert len(pages) > 20
    for url, html in pages.items():
        footer = _footer(html)
        assert footer.count(REPORT) == 1, url
        line = footer[footer.index(REPORT) : footer.index("</p>", footer.index(REPORT))]
        links = dict((text, href) for href, text in _links(line))
        issue = urlsplit(links["báo qua GitHub"])
        assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{REPO_URL}/issues/new", url
        query = parse_qs(issue.query)
        assert query["title"][0].startswith("Báo sai sót: ")
        assert f"Trang: {SITE_URL}{url}" in query["body"][0], url
        if "sửa trên GitHub" in links:
            data_file = links["sửa trên GitHub"].split("/main/", 1)[1]
            assert f"Tệp dữ liệu: {data_file}" in query["body"][0], url
        has_mail = any(h.startswith("mailto:") for h in links.values())
        assert has_mail == bool(DISTRICT.get("email")), url


def test_record_page_issue_names_its_record_file(built_site):
    for section, url in _record_pages(built_site).items():
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        line = _footer(html)
        issue = next(h for h, t in _links(line) if t == "báo qua GitHub")
        body = parse_qs(urlsplit(issue).query)["body"][0]
        edit = next(h for h, t in _links(line) if t == "sửa trên GitHub")
        assert re.fullmatch(rf"{re.escape(REPO_URL)}/(edit|tree)/main/data/\S+", edit), (url, edit)
        assert f"Tệp dữ liệu: {edit.split('/main/', 1)[1]}" in body, url
        if section != "khen-thuong":  # a year page stands for a folder of records
            assert re.search(r"Tệp dữ liệu: data/[a-z]+/\S+\.yml", body), body


def test_footer_gives_the_office_and_the_last_update(built_site):
    for url, html in _pages(built_site).items():
        footer = _footer(html)
        text = " ".join(re.sub(r"<[^>]+>", " ", footer).split())
        assert CONFIG["copyright"] in text
        assert f"Liên hệ: {DISTRICT['contact']}" in text, url
        if DISTRICT.get("address"):
            assert f"Địa chỉ: {DISTRICT['address']}" in text, url
        m = re.search(
            r'Cập nhật lần cuối: <time datetime="(\d{4})-(\d{2})-(\d{2})">(\d{2})/(\d{2})/(\d{4})</time>', footer
        )
        assert m, url
        assert (m[4], m[5], m[6]) == (m[3], m[2], m[1])


def test_staff_guide_is_one_footer_link_away_not_in_the_menu(built_site):
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    assert not any("huong-dan" in str(entry) for entry in config["nav"])
    for url, html in _pages(built_site).items():
        doc = Doc(html, url)
        footer_links = [t for h, t in _links(_footer(html)) if doc.resolve(h) == "huong-dan/"]
        assert footer_links == ["Dành cho cán bộ cập nhật"], url
        nav = html[
            html.index('class="md-nav md-nav--primary"') : html.index(
                "</nav>", html.index('class="md-nav md-nav--primary"')
            )
        ]
        assert "huong-dan" not in nav, url
    for page in (ROOT / "docs" / "huong-dan").glob("*.md"):
        out = "huong-dan/" if page.stem == "index" else f"huong-dan/{page.stem}/"
        assert (built_site / out / "index.html").is_file(), out


def test_no_repository_badge_and_no_pencil(built_site):
    features = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))["theme"][
        "features"
    ]
    assert "content.action.edit" not in features
    for url, html in _pages(built_site).items():
        assert "md-source" not in html, url
        assert "md-content__button" not in html, url


def test_benchmark_pages_stay_in_the_repository_not_on_the_site(built_site):
    assert not [p for p in built_site.rglob("*") if "benchmark" in p.name]
    assert "benchmark" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert not list((ROOT / "docs").glob("benchmark*"))
    assert (ROOT / "benchmarks" / "build.md").is_file() and (ROOT / "benchmarks" / "search.md").is_file()
    for script, report in (("bench.py", "benchmarks/build.md"), ("bench_search.py", "benchmarks/search.md")):
        assert report in (ROOT / "scripts" / script).read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Header and menu
# ---------------------------------------------------------------------------------------------


def test_record_pages_mark_their_list_in_the_menu(built_site):
    records = _record_pages(built_site)
    assert {"phong-trao", "dien-hinh", "tap-the", "ca-nhan", "khen-thuong", "bao-cao"} <= set(records)
    for section, url in records.items():
        html = (built_site / url / "index.html").read_text(encoding="utf-8")
        nav = html[html.index('<nav id="bv-drawer" class="md-nav md-nav--primary"') :]
        nav = nav[: nav.index("</nav>")]
        active = re.findall(r'<a href="([^"]+)" class="md-nav__link md-nav__link--active[^"]*"([^>]*)>', nav)
        assert len(active) == 1, (url, active)
        href, attributes = active[0]
        assert Doc(html, url).resolve(href) == f"{section}/", url
        assert 'aria-current="true"' in attributes


def test_header_has_the_districts_short_name_and_a_menu_button(built_site):
    for url, html in _pages(built_site).items():
        header = html[html.index('<header class="md-header') : html.index("</header>")]
        assert f'<span class="bv-brand__name md-ellipsis">{DISTRICT["name"]}</span>' in header, url
        assert re.search(
            r'<button type="button" class="md-header__button md-icon bv-menu-button" '
            r'aria-label="[^"]+" aria-expanded="false" aria-controls="bv-drawer" hidden>',
            header,
        ), url
        assert 'id="bv-drawer"' in html, url


# ---------------------------------------------------------------------------------------------
# 404
# ---------------------------------------------------------------------------------------------


def test_404_page_is_in_vietnamese_with_search_and_the_main_lists(built_site):
    html = (built_site / "404.html").read_text(encoding="utf-8")
    doc = Doc(html)
    assert '<html lang="vi"' in html
    assert "<title>Không tìm thấy trang - " in html
    assert ("h1", "khong-tim-thay-trang", "Không tìm thấy trang") in doc.headings
    assert "404 - Not found" not in html and "Not found" not in doc.text
    assert re.search(
        r'<form [^>]*role="search"[^>]*>\s*<label for="bv-home-search">[^<]+</label>\s*<input id="bv-home-search"', html
    )
    assert '<meta name="robots" content="noindex">' in html
    prefix = urlsplit(SITE_URL).path
    hrefs = {h for h, _ in doc.links}
    for entry in CONFIG["nav"]:
        target = next(iter(entry.values())).removesuffix("index.md")
        assert f"{prefix}{target}" in hrefs, target
    # GitHub Pages serves it at any address: every asset from the site's root path
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)
    assert assets and all(a.startswith(prefix) for a in assets), assets


# ---------------------------------------------------------------------------------------------
# What Lighthouse checks (SEO, best practices), on every page
# ---------------------------------------------------------------------------------------------


def test_every_page_has_what_lighthouse_checks(built_site):
    host = urlsplit(SITE_URL).netloc
    for url, html in {**_pages(built_site), "404": (built_site / "404.html").read_text(encoding="utf-8")}.items():
        head = html[: html.index("</head>")]
        assert '<html lang="vi"' in html, url
        assert '<meta name="viewport" content="width=device-width,initial-scale=1">' in head, url
        description = re.search(r'<meta name="description" content="([^"]*)">', head)
        assert description and len(description[1].strip()) >= 20, url
        assert re.search(r"<title>[^<]{5,}</title>", head), url
        # nothing render-blocking or tracking from another host
        for tag, attr in (("script", "src"), ("link", "href")):
            for value in re.findall(rf"<{tag} [^>]*{attr}=\"([^\"]+)\"", html):
                where = urlsplit(value).netloc
                assert where in ("", host), (url, value)
        # scripts in the head are inline: the page shows before any file script runs
        assert not re.search(r"<script [^>]*src=", head), url
        for img in re.findall(r"<img [^>]*>", html):
            assert re.search(r'\bwidth="\d+"', img) and re.search(r'\bheight="\d+"', img), (url, img)
            assert re.search(r'\balt="', img), (url, img)


# ---------------------------------------------------------------------------------------------
# A district with a public e-mail and phone, built on a day of its own
# ---------------------------------------------------------------------------------------------


def test_office_email_and_phone_and_the_commit_date(project_copy, tmp_path, monkeypatch):
    config_path = project_copy / "mkdocs.yml"
    text = config_path.read_text(encoding="utf-8")
    text = re.sub(r"(\n    phone: )''", r"\1'0220 3716 123'", text)
    text = re.sub(r"(\n    email: )''", r"\1noivu.gialoc@example.gov.vn", text)
    if "email:" not in text:
        text = text.replace(
            "\n    contact:", "\n    email: noivu.gialoc@example.gov.vn\n    phone: '0220 3716 123'\n    contact:", 1
        )
    config_path.write_text(text, encoding="utf-8")
    # 20:30 UTC on 31/12/2024 is already 01/01/2025 in Vietnam
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2024, 12, 31, 20, 30, tzinfo=dt.UTC).timestamp())))
    site = tmp_path / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stderr
    for url in ("", "tap-the/"):
        footer = _footer((site / url / "index.html").read_text(encoding="utf-8"))
        assert 'Cập nhật lần cuối: <time datetime="2025-01-01">01/01/2025</time>' in footer
        links = _links(footer)
        assert ("tel:02203716123", "0220 3716 123") in links
        assert ("mailto:noivu.gialoc@example.gov.vn", "noivu.gialoc@example.gov.vn") in links
        mail = next(h for h, t in links if h.startswith("mailto:") and "?" in h)
        query = parse_qs(urlsplit(mail).query)
        assert query["subject"][0].startswith("Báo sai sót: ")
        assert f"Trang: {SITE_URL}{url}" in query["body"][0]
