"""/tap-the/ separates the bodies that confer awards from the units that receive them (issue 12
point 9): a unit named as an award's issuer, and given nothing, is listed under "Cơ quan khen
thưởng", nowhere else."""

from __future__ import annotations

import re

from bangvang.records.dataset import Record
from bangvang.records.validation import validate
from bangvang.website.conferring_bodies import awards_conferred_by, confers
from bangvang.website.index import build_index


def _unit(name: str, *aliases: str) -> Record:
    return Record("units", "u", "data/units/u.yml", {"name": name, "kind": "co_quan", "aliases": list(aliases)})


def test_an_issuer_names_a_body_alone_or_after_a_leaders_title():
    ubnd = _unit("UBND huyện Gia Lộc", "Ủy ban nhân dân huyện Gia Lộc")
    district = _unit("Huyện Gia Lộc", "Gia Lộc", "huyện Gia Lộc")
    assert confers(ubnd, "UBND huyện Gia Lộc")
    assert confers(ubnd, "Chủ tịch UBND huyện Gia Lộc")
    assert confers(ubnd, "chủ tịch ủy ban nhân dân huyện gia lộc")  # case and marks as typed
    assert not confers(district, "UBND huyện Gia Lộc"), "a bare place is not the body"
    assert not confers(district, "Chủ tịch UBND huyện Gia Lộc")
    assert not confers(ubnd, "UBND tỉnh Hải Dương")


def _section(html: str, heading_id: str) -> str:
    start = html.index(f'<h2 id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_units_page_lists_conferring_bodies_apart(built_site, fixture_project):
    data, errors = validate(fixture_project / "data", fixture_project / "docs")
    assert not errors
    ix = build_index(data)
    units = ix.sorted_units()
    awards = [a for y in ix.years for a in ix.awards_by_year[y]]
    issued = awards_conferred_by(units, awards)
    bodies = {u.id for u in units if u.id in issued and not ix.awards_by_unit.get(u.id)}
    assert bodies, "the seed names bodies (UBND tỉnh, UBND huyện…) as issuers"
    html = (built_site / "tap-the" / "index.html").read_text(encoding="utf-8")
    section = _section(html, "co-quan-khen-thuong")
    listed = set(re.findall(r'<a href="(?:\.\./)?(?:tap-the/)?([^"/]+)/">', section))
    assert listed == bodies
    rest = html[html.index('<article') : html.index('<h2 id="co-quan-khen-thuong"')]
    for unit_id in bodies:
        assert f'href="{unit_id}/"' not in rest, f"{unit_id} is listed among the recipients too"


def test_the_table_of_names_finds_what_confers_finds_pair_by_pair():
    """awards_conferred_by looks names up in a table (linear in units + awards); the pairwise rule
    `confers` is its oracle: same units, same awards, same order."""
    units = [
        Record("units", f"u{i}", f"data/units/u{i}.yml", {"name": name, "kind": "co_quan", "aliases": aliases})
        for i, (name, aliases) in enumerate(
            [
                ("UBND huyện Gia Lộc", ["Ủy ban nhân dân huyện Gia Lộc"]),
                ("Huyện Gia Lộc", ["Gia Lộc"]),
                ("UBND tỉnh Hải Dương", []),
                ("ubnd  tỉnh hải dương", []),
                ("Sở Nội vụ", ["Sở  Nội Vụ tỉnh"]),
                ("Bộ Công an", []),
                ("Phó Chủ tịch", []),
            ]
        )
    ]
    issuers = [
        "UBND huyện Gia Lộc",
        "Chủ tịch UBND huyện Gia Lộc",
        "Phó Chủ tịch  UBND tỉnh Hải Dương",
        "chủ tịch ủy ban nhân dân huyện gia lộc",
        "Giám đốc Sở Nội vụ",
        "Giám đốc Sở Nội vụ tỉnh",
        "Bộ trưởng Bộ Công an",
        "Huyện Gia Lộc",
        "Gia Lộc",
        "Trưởng Phó Chủ tịch",
        "Phó Chủ tịch",
        "Thủ tướng Chính phủ",
        "",
        "  ",
        "Chủ tịch",
    ]
    awards = [
        Record("awards", f"a{i}", f"data/awards/a{i}.yml", {"issuer": issuer} if issuer else {})
        for i, issuer in enumerate(issuers)
    ]
    expected: dict[str, list[str]] = {}
    for award in awards:
        for unit in units:
            if award.get("issuer") and confers(unit, award["issuer"]):
                expected.setdefault(unit.id, []).append(award.id)
    found = {uid: [a.id for a in found] for uid, found in awards_conferred_by(units, awards).items()}
    assert found == expected and list(found) == list(expected)
    assert len(found) >= 5
