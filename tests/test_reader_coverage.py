"""Honest coverage (issue 12 point 2): where the sources give numbers, not names, the home page,
the lists and the empty states say so plainly, and say whom to ask: the office of
`extra.district` in mkdocs.yml (its address, phone and e-mail when given), never a person."""

from __future__ import annotations

import re

import yaml
from helpers import ROOT, read

KINDS = ("tap_the", "ca_nhan")


def vn(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _district() -> dict:
    return yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["district"]


def _counts(data, year=None) -> tuple[dict, dict]:
    """Conferred honours counted (the count, else the names) and named, by kind."""
    counted, named = {k: 0 for k in KINDS}, {k: 0 for k in KINDS}
    for a in data.kind("awards").values():
        if a.get("status", "tang") != "tang" or (year and a["year"] != year):
            continue
        names = {k: 0 for k in KINDS}
        for r in a.get("recipients", []):
            kind = r.get("kind") or ("ca_nhan" if (r.get("person") or r.get("name")) else "tap_the")
            if kind in names:
                names[kind] += 1
        for k in KINDS:
            counted[k] += a.get("count", {}).get(k, names[k])
            named[k] += names[k]
    return counted, named


def _contact_shown(text: str, html: str) -> None:
    district = _district()
    assert district.get("address"), "mkdocs.yml gives the office's address"
    assert district["address"] in text
    assert district["contact"] in text
    for key, scheme in (("phone", "tel:"), ("email", "mailto:")):
        if district.get(key):
            assert district[key] in text
        else:  # no public value: no line, and no guessed link
            assert scheme not in html


def test_the_office_to_ask_is_in_extra_district():
    district = _district()
    assert district["address"].startswith("Phòng Nội vụ")
    for key in ("phone", "email"):
        assert key in district, f"extra.district.{key} exists (empty when no public value is known)"


def test_home_says_names_are_missing_and_whom_to_ask(built_site, site_dataset):
    doc = read(built_site, "")
    counted, named = _counts(site_dataset)  # over every year
    assert any(named[k] < counted[k] for k in KINDS), "the seed has counts without names"
    box = re.search(r'<div class="bv-coverage">(.*?)</div>\s*</section>', doc.html, re.S).group(1)
    text = " ".join(re.sub(r"<[^>]+>", " ", box).split())
    assert "Vì sao không thấy tên?" in text
    assert f"dữ liệu mới có tên của {vn(named['tap_the'])} tập thể, {vn(named['ca_nhan'])} cá nhân" in text
    assert "danh sách tên chưa được nhập" in text
    _contact_shown(text, box)


def test_lists_say_they_are_incomplete(built_site, site_dataset):
    counted, named = _counts(site_dataset)
    people = read(built_site, "ca-nhan")
    assert "Danh sách này chưa đầy đủ." in people.text
    assert f"Các báo cáo ghi {vn(counted['ca_nhan'])} lượt cá nhân được khen thưởng" in people.text
    _contact_shown(people.text, people.html)
    units = read(built_site, "tap-the")
    assert f"Các báo cáo ghi {vn(counted['tap_the'])} lượt tập thể được khen thưởng" in units.text
    _contact_shown(units.text, units.html)


def test_every_named_individual_is_on_the_people_list(built_site, site_dataset):
    doc = read(built_site, "ca-nhan")
    names = [
        site_dataset.get("people", r["person"])["name"] if r.get("person") else r["name"]
        for a in site_dataset.kind("awards").values()
        for r in a.get("recipients", [])
        if r.get("person") or (r.get("name") and r.get("kind", "ca_nhan") == "ca_nhan")
    ]
    assert len(names) >= 3
    shown = {text for _, text in doc.links}
    for name in names:
        assert name in shown, name


def test_empty_unit_and_person_pages_say_why_and_whom_to_ask(built_site, site_dataset):
    checked = 0
    for unit in site_dataset.kind("units").values():
        named = any(
            r.get("unit") == unit.id and not r.get("name")
            for a in site_dataset.kind("awards").values()
            for r in a.get("recipients", [])
        )
        if named:
            continue
        doc = read(built_site, f"tap-the/{unit.id}")
        assert f"Chưa có khen thưởng nào ghi tên {unit['name']} trong dữ liệu." in doc.text
        assert "Điều đó chưa có nghĩa là chưa được khen thưởng" in doc.text
        assert f"Muốn biết {unit['name']} có được khen thưởng hay không, xin hỏi:" in doc.text
        _contact_shown(doc.text, doc.html)
        checked += 1
    assert checked >= 20, "most units of the seed are named by no award"
