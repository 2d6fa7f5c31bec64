"""Rules between records: references, the award vocabulary, tallies, places and years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path as FsPath

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet, Record
from bangvang.records.errors import ErrorLog
from bangvang.records.images import check_images
from bangvang.records.provenance_rules import check_provenance
from bangvang.records.suggestions import suggest_reference
from bangvang.records.yamlpos import Path
from bangvang.text import format_date

RECIPIENT_LABEL = dict(s.RECIPIENT_KINDS.labels)
MAX_SUGGESTIONS = 20


class _Reporter:
    def __init__(self, log: ErrorLog):
        self.log = log

    def __call__(self, record: Record, path: Path, message: str, at_key: bool = False) -> None:
        located = record.located
        full = tuple(record.base) + tuple(path)
        line, col = (located.key_pos(full) if at_key else located.pos(full)) if located else (1, 1)
        self.log.add(record.path, line, col, message)


def check_rules(dataset: DataSet, log: ErrorLog, docs_dir: FsPath | None = None) -> None:
    err = _Reporter(log)
    _check_refs(dataset, err)
    _check_vocab(dataset, err)
    for unit in dataset.kind("units").values():
        _check_unit(unit, dataset, err)
    for person in dataset.kind("people").values():
        _check_person(person, err)
    for campaign in dataset.kind("campaigns").values():
        _check_campaign(campaign, err)
    check_images(dataset.kind("models").values(), err, docs_dir)  # the models' photos (images.py)
    check_provenance(dataset, err, docs_dir)  # scans, decisions, annulments, comment periods, units' end
    for award in dataset.kind("awards").values():
        _check_award(award, dataset, err)
    for report in dataset.kind("reports").values():
        if report.get("year") is not None and str(report["year"]) != report.id:
            err(
                report,
                ("year",),
                f"'year' là {report['year']} nhưng tên tệp là '{report.id}.yml'; "
                f"tệp báo cáo năm {report['year']} phải là data/reports/{report['year']}.yml",
            )


# ---------------------------------------------------------------------------------------------
# References
# ---------------------------------------------------------------------------------------------


def _check_refs(dataset: DataSet, err: _Reporter) -> None:
    for record in list(dataset.all()):
        missing = 0
        for use in record.refs:
            targets = dataset.kind(use.kind)
            if use.target in targets:
                continue
            label = s.VOCAB_LABEL if use.kind == "vocab" else s.KINDS[use.kind].label
            where = "data/vocab/awards.yml" if use.kind == "vocab" else f"data/{use.kind}/"
            missing += 1
            # suggestions cost a comparison with every id: only for the first few of a file
            hint = suggest_reference(use.kind, use.target, dataset) if missing <= MAX_SUGGESTIONS else ""
            err(record, use.path, f"'{use.field}': không có {label} nào mã '{use.target}' (trong {where}){hint}")
        record.refs = [u for u in record.refs if u.target in dataset.kind(u.kind)]


# ---------------------------------------------------------------------------------------------
# Per kind
# ---------------------------------------------------------------------------------------------


def _check_vocab(dataset: DataSet, err: _Reporter) -> None:
    for entry in dataset.vocab.values():
        start, end = entry.get("valid_from"), entry.get("valid_until")
        if start and end and end < start:
            err(entry, ("valid_until",), "'valid_until' phải sau 'valid_from'")


def _check_unit(unit: Record, dataset: DataSet, err: _Reporter) -> None:
    commune_id = unit.get("commune")
    commune = dataset.get("units", commune_id) if commune_id else None
    if commune_id == unit.id:
        err(unit, ("commune",), "'commune' không thể là chính tập thể này")
    elif commune is not None and commune.get("kind") and commune.get("kind") not in s.COMMUNE_KINDS:
        # (a commune without a valid kind has its own error already)
        err(
            unit,
            ("commune",),
            f"'commune' phải là mã của một xã hoặc thị trấn; '{commune_id}' là "
            f"{s.UNIT_KINDS.label(commune.get('kind', '')).lower()}",
        )
    # A chain of parents must end: a → b → a would make the tree of units endless.
    seen, current = {unit.id}, unit.get("parent")
    while current:
        if current in seen:
            err(
                unit,
                ("parent",),
                f"'parent' tạo thành vòng lặp ({unit.id} → … → {current}); "
                "đơn vị cấp trên không thể là chính nó hay cấp dưới của nó",
            )
            break
        seen.add(current)
        parent = dataset.get("units", current)
        current = parent.get("parent") if parent else None


def _check_person(person: Record, err: _Reporter) -> None:
    given = person.get("given_name")
    # a given name may be two words ("Kim Anh"): whole words of the full name, in order
    if given and f" {' '.join(given.split())} " not in f" {' '.join(person.get('name', '').split())} ":
        err(
            person,
            ("given_name",),
            f"'given_name' ('{given}') phải là một hoặc vài chữ liền nhau trong họ tên '{person.get('name')}'",
        )


def _check_campaign(campaign: Record, err: _Reporter) -> None:
    since, until = campaign.get("since"), campaign.get("until")
    if since is not None and until is not None and _year_of(until) < _year_of(since):
        err(campaign, ("until",), "'until' phải từ 'since' trở về sau")
    seen: set[int] = set()
    for i, result in enumerate(campaign.get("results", [])):
        year = result.get("year")
        if year in seen:
            err(campaign, ("results", i, "year"), f"năm {year} đã có kết quả; gộp vào một mục mỗi năm")
        seen.add(year)


def _year_of(value) -> int:
    return value.year if isinstance(value, dt.date) else int(value)


def _check_award(award: Record, dataset: DataSet, err: _Reporter) -> None:
    folder = award.path.split("/")[-2]
    if award.get("year") is not None and str(award["year"]) != folder:
        err(
            award,
            ("year",),
            f"'year' là {award['year']} nhưng tệp nằm trong thư mục data/awards/{folder}/; chuyển tệp hoặc sửa năm",
        )
    entry = dataset.vocab.get(award.get("award", ""))
    recipients = award.get("recipients", [])
    named = {"tap_the": 0, "ca_nhan": 0, "ho_gia_dinh": 0}
    for recipient in recipients:
        named[s.recipient_kind(recipient)] += 1
    count = award.get("count", {})
    for key, value in count.items():
        if value < named[key]:
            err(
                award,
                ("count", key),
                f"'count.{key}' là {value} nhưng danh sách có {named[key]} "
                f"{RECIPIENT_LABEL[key].lower()} được nêu tên; số lượng không thể ít hơn",
            )
    if entry is None:
        return
    name = entry.get("name", entry.id)
    allowed = entry.get("recipients", [])
    allowed_text = ", ".join(f"{k} ({RECIPIENT_LABEL[k].lower()})" for k in allowed)
    for i, recipient in enumerate(recipients):
        kind = s.recipient_kind(recipient)
        if kind not in allowed:
            err(
                award,
                ("recipients", i),
                f"'{name}' không tặng cho {RECIPIENT_LABEL[kind].lower()}; chỉ tặng cho: {allowed_text}",
            )
    for key in count:
        if key not in allowed:
            err(
                award,
                ("count", key),
                f"'{name}' không tặng cho {RECIPIENT_LABEL[key].lower()} ('count.{key}'); chỉ tặng cho: {allowed_text}",
                at_key=True,
            )
    _check_validity(award, entry, err)


def _check_validity(award: Record, entry: Record, err: _Reporter) -> None:
    start, end = entry.get("valid_from"), entry.get("valid_until")
    if not start and not end:
        return
    decision_date = (award.get("decision") or {}).get("date")
    if decision_date:
        first = last = decision_date
        path: tuple[str, ...] = ("decision", "date")
        what = f"ngày quyết định {format_date(decision_date)}"
    elif award.get("year"):
        first, last = dt.date(award["year"], 1, 1), dt.date(award["year"], 12, 31)
        path, what = ("year",), f"năm {award['year']}"
    else:
        return
    if (start and last < start) or (end and first > end):
        span = " ".join(
            filter(None, [f"từ {format_date(start)}" if start else "", f"đến {format_date(end)}" if end else ""])
        )
        err(award, path, f"'{entry.get('name', entry.id)}' chỉ được áp dụng {span}; {what} nằm ngoài thời gian đó")
