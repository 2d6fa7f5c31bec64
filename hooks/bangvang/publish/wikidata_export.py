"""The honours in Wikidata's terms (issue 14, point 6): /du-lieu/wikidata.json.

One statement per named recipient of a conferred award, modelled as Wikidata models an honour:
the recipient (item to find or create) *award received* (P166) the award form, with the
qualifiers *point in time* (P585: the decision's day, else the year) and *conferred by* (P1027:
the conferring body), and a *reference URL* (P854: the recipient's proof line on this site).
Items are given by label (Vietnamese) and this site's own ids, not by Wikidata Q-ids, which the
records do not hold: a contributor matches them (OpenRefine, QuickStatements) before uploading.
Annulled awards and proposals are not honours and are left out; so are awards given only as a
count (there is nobody to name).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from bangvang.records.dataset import Record
from bangvang.urls import record_url
from bangvang.website.index import Index, conferred
from bangvang.website.provenance import anchors_of, decision_date, verify_url

OUT = "du-lieu/wikidata.json"
PROPERTIES = {
    "P166": "award received (khen thưởng, danh hiệu được nhận)",
    "P585": "point in time (thời điểm: ngày quyết định, hoặc năm)",
    "P1027": "conferred by (cấp khen)",
    "P854": "reference URL (đường dẫn đối chiếu trên trang này)",
    "P31": "instance of (Q5: người; Q43229: tổ chức)",
}
HUMAN, ORGANIZATION = "Q5", "Q43229"
PRECISION_DAY, PRECISION_YEAR = 11, 9


def _time(day: dt.date | None, year: int) -> dict:
    """A Wikidata time value: the day when known (precision 11), else the year (precision 9)."""
    if day is not None:
        return {"time": f"+{day.isoformat()}T00:00:00Z", "precision": PRECISION_DAY, "calendarmodel": "Q1985727"}
    return {"time": f"+{year:04d}-00-00T00:00:00Z", "precision": PRECISION_YEAR, "calendarmodel": "Q1985727"}


def _absolute(base: str, url: str) -> str:
    return f"{base}/{url}" if base else f"/{url}"


def _subject(index: Index, recipient: dict, base: str) -> dict:
    data = index.dataset
    if recipient.get("person"):
        person = data.ref("people", recipient["person"])
        unit = data.ref("units", person["unit"]) if person.get("unit") else None
        return {
            "label": person["name"],
            "P31": HUMAN,
            "local_id": f"people/{person.id}",
            "url": _absolute(base, record_url("people", person.id)),
            "description": ", ".join(filter(None, [person.get("position"), unit["name"] if unit else None])),
        }
    if recipient.get("name"):
        unit = data.ref("units", recipient["unit"]) if recipient.get("unit") else None
        human = recipient.get("kind", "ca_nhan") == "ca_nhan"
        return {
            "label": recipient["name"],
            "P31": HUMAN if human else ORGANIZATION,
            "local_id": None,
            "url": None,
            "description": ", ".join(
                filter(None, [recipient.get("position"), unit["name"] if unit else recipient.get("unit_name")])
            ),
        }
    unit = data.ref("units", recipient["unit"])
    return {
        "label": unit["name"],
        "P31": ORGANIZATION,
        "local_id": f"units/{unit.id}",
        "url": _absolute(base, record_url("units", unit.id)),
        "description": "",
    }


def statements(index: Index, site_url: str) -> list[dict]:
    base = site_url.rstrip("/")
    out = []
    awards = sorted(conferred(list(index.dataset.kind("awards").values())), key=lambda a: (a["year"], a.id))
    for award in awards:
        entry: Record = index.dataset.vocab[award["award"]]
        when = _time(decision_date(index, award), award["year"])
        for recipient, anchor in zip(award.get("recipients") or [], anchors_of(award)):
            statement: dict = {
                "subject": _subject(index, recipient, base),
                "property": "P166",
                "value": {"label": entry["name"], "local_id": f"vocab/{entry.id}"},
                "qualifiers": {"P585": when} | ({"P1027": {"label": award["issuer"]}} if award.get("issuer") else {}),
                "references": [{"P854": _absolute(base, verify_url(award, anchor))}],
                "award_record": f"awards/{award.id}",
            }
            out.append(statement)
    return out


def wikidata_document(index: Index, site_url: str, district: str) -> dict:
    return {
        "description": f"Khen thưởng của {district} theo thuật ngữ Wikidata: mỗi mục là một tập thể, cá nhân "
        "(subject) được nhận (P166) một hình thức khen thưởng (value), thời điểm (P585), cấp khen "
        "(P1027) và đường dẫn đối chiếu (P854). Các mục chưa có mã Wikidata (Q-id): ghi theo tên.",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "language": "vi",
        "properties": PROPERTIES,
        "statements": statements(index, site_url),
    }


def write_wikidata(build, site_dir: Path) -> None:
    """Post-build step: /du-lieu/wikidata.json."""
    path = Path(site_dir) / OUT
    path.parent.mkdir(parents=True, exist_ok=True)
    document = wikidata_document(build.index, build.site.site_url or build.site_url, build.site.district)
    path.write_text(json.dumps(document, ensure_ascii=False, sort_keys=True, indent=1) + "\n", encoding="utf-8")
