"""Hostile text in records comes out as harmless text, and no page asks another site for anything.

Records with script tags, event attributes, javascript: links and template syntax are added to a
copy of the project, which is built as staff would build it; the HTML is then read back.
"""

from __future__ import annotations

import re
from pathlib import Path

from helpers import Doc, read, run_mkdocs_build

SCRIPT = '<script>alert("bv-xss-1")</script>'
IMG = '<img src=x onerror=alert("bv-xss-2")>'
JS_LINK = '[bấm vào đây](javascript:alert("bv-xss-3"))'
RAW_LINK = '<a href="javascript:alert(\'bv-xss-4\')">liên kết</a>'
MUSTACHE = "{{ 7*7 }}"
STATEMENT = "{% if true %}bv-tpl{% endif %}"
MARKDOWN = f"""Đoạn đầu {SCRIPT} và {IMG}.

{JS_LINK} · [ảnh](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) · {RAW_LINK}

{MUSTACHE} {STATEMENT} {{{{ config.site_name }}}}

<div onclick="alert('bv-xss-5')">khối</div>
"""


def _yaml_block(text: str, indent: int = 2) -> str:
    pad = " " * indent
    return "|\n" + "\n".join(pad + line if line else "" for line in text.splitlines()) + "\n"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


UNIT_NAME = f"Xã {SCRIPT} {MUSTACHE}"
PERSON_NAME = f'Nguyễn {STATEMENT} <b onmouseover=alert("bv-xss-6")>Hại</b>'
CAMPAIGN_TITLE = f"Phong trào {IMG} {MUSTACHE}"

RECORDS = {
    "units/xa-doc-hai.yml": f"name: {_quoted(UNIT_NAME)}\nkind: xa\naliases: [{_quoted(RAW_LINK)}]\n"
    f"summary: {_yaml_block(MARKDOWN)}",
    "people/nguoi-doc-hai.yml": f"name: {_quoted(PERSON_NAME)}\nposition: {_quoted(MUSTACHE)}\nunit: xa-doc-hai\n",
    "documents/van-ban-doc-hai.yml": f"number: {_quoted('99/KH-' + SCRIPT)}\nkind: Kế hoạch\n"
    f"issuer: {_quoted(STATEMENT)}\ntitle: {_quoted(IMG)}\n",
    "campaigns/phong-trao-doc-hai.yml": (
        f"title: {_quoted(CAMPAIGN_TITLE)}\nkind: chuyen_de\nfield: khac\nlaunched_by: {_quoted(SCRIPT)}\n"
        f"basis: [van-ban-doc-hai]\nsummary: {_yaml_block(MARKDOWN)}results:\n  - year: 2021\n"
        f"    text: {_yaml_block(MARKDOWN, 6)}    figures:\n      - label: {_quoted(SCRIPT)}\n        value: 1\n"
    ),
    "models/mo-hinh-doc-hai.yml": (
        f"title: {_quoted('Mô hình ' + MUSTACHE + ' ' + SCRIPT)}\nyear: 2021\ncampaign: phong-trao-doc-hai\n"
        f"units: [xa-doc-hai]\npeople: [nguoi-doc-hai]\nsummary: {_yaml_block(MARKDOWN)}"
        f"body: {_yaml_block(MARKDOWN)}"
    ),
    "awards/2021/khen-thuong-doc-hai.yml": (
        f"year: 2021\naward: bang-khen-tinh\nissuer: {_quoted(SCRIPT)}\ncampaign: phong-trao-doc-hai\n"
        f"name_as_written: {_quoted(MUSTACHE)}\nreason: {_quoted(IMG + ' ' + STATEMENT)}\n"
        f"note: {_quoted(RAW_LINK)}\ndecision: {{number: {_quoted('1/QĐ-' + SCRIPT)}, date: 2021-12-20}}\n"
        "recipients:\n  - unit: xa-doc-hai\n  - person: nguoi-doc-hai\n"
        f"  - name: {_quoted(SCRIPT)}\n    position: {_quoted(MUSTACHE)}\n"
    ),
}

PAGES = [
    "tap-the/xa-doc-hai",
    "ca-nhan/nguoi-doc-hai",
    "phong-trao/phong-trao-doc-hai",
    "dien-hinh/mo-hinh-doc-hai",
    "khen-thuong/2021",
    "van-ban",
    "tap-the",
    "ca-nhan",
    "phong-trao",
    "dien-hinh",
    "",
]


def test_hostile_records_come_out_as_harmless_text(project_copy, tmp_path):
    for name, text in RECORDS.items():
        (project_copy / "data" / name).write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(project_copy, site)
    assert result.returncode == 0, result.stdout + result.stderr
    _no_script_event_attribute_or_javascript_link(site)
    _hostile_text_is_shown_literally(site)


def _no_script_event_attribute_or_javascript_link(hostile_site: Path) -> None:
    for url in PAGES:
        doc = read(hostile_site, url)
        for tag, attrs in doc.elements:
            handlers = [name for name in attrs if name.startswith("on")]
            assert not handlers, f"/{url}: <{tag}> carries {handlers}"
            for name in ("href", "src", "action", "formaction"):
                value = (attrs.get(name) or "").strip().lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), f"/{url}: <{tag} {name}={value}>"
            assert tag not in ("iframe", "object", "embed"), f"/{url}: <{tag}> from data"
            if tag == "img":
                assert (attrs.get("src") or "") != "x", f"/{url}: an <img> from data"
        for opening, body in re.findall(r"(<script\b[^>]*>)(.*?)</script>", doc.html, re.S | re.I):
            if "application/ld+json" in opening:
                # structured data may quote record text, but as JSON that cannot end the element
                assert "<" not in body and "-->" not in body, f"/{url}: markup inside JSON-LD"
            else:
                assert "bv-xss" not in body, f"/{url}: a script from data runs"


def _hostile_text_is_shown_literally(hostile_site: Path) -> None:
    unit = read(hostile_site, "tap-the/xa-doc-hai")
    h1 = [text for tag, _, text in unit.headings if tag == "h1"]
    assert h1 == [UNIT_NAME], "the name is shown as written, tags and braces included"
    assert "<title>" in unit.html and "&lt;script&gt;" in unit.html.split("<title>", 1)[1].split("</title>", 1)[0]
    # The Markdown summary: raw HTML is text, the javascript: link keeps only its words.
    assert SCRIPT in unit.text and "bấm vào đây" in unit.text
    assert MUSTACHE in unit.text and STATEMENT in unit.text and "{{ config.site_name }}" in unit.text

    person = read(hostile_site, "ca-nhan/nguoi-doc-hai")
    assert [t for tag, _, t in person.headings if tag == "h1"] == [PERSON_NAME]
    assert MUSTACHE in person.text and "49" not in person.text

    year = read(hostile_site, "khen-thuong/2021")
    assert year.has_link("tap-the/xa-doc-hai/") and year.has_link("ca-nhan/nguoi-doc-hai/")
    assert SCRIPT in year.text and STATEMENT in year.text and IMG in year.text
    assert "bv-tpl" not in year.text.replace(STATEMENT, "")

    campaign = read(hostile_site, "phong-trao/phong-trao-doc-hai")
    assert [t for tag, _, t in campaign.headings if tag == "h1"] == [CAMPAIGN_TITLE]
    assert campaign.has_link("van-ban/van-ban-doc-hai/")  # every document has its page (issue 14)


def test_no_page_loads_anything_from_another_site(built_site):
    """Fonts, scripts, styles, images and frames all come from the site itself."""
    for path in sorted(built_site.rglob("*.html")):
        doc = Doc(path.read_text(encoding="utf-8"))
        for tag, attrs in doc.elements:
            urls = []
            if tag in ("script", "img", "iframe", "audio", "video", "source", "embed"):
                urls.append(attrs.get("src") or "")
            if tag == "link" and set((attrs.get("rel") or "").split()) & {
                "stylesheet",
                "icon",
                "preload",
                "preconnect",
                "dns-prefetch",
                "modulepreload",
            }:
                urls.append(attrs.get("href") or "")
            for url in urls:
                assert not re.match(r"([a-z]+:)?//", url, re.I), f"{path}: <{tag}> loads {url}"
        assert "fonts.googleapis" not in doc.html and "fonts.gstatic" not in doc.html, path
    for css in built_site.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"@import\s+(url\()?['\"]?https?:|url\(['\"]?https?:", text), css
