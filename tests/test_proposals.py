"""Proposals (status de_nghi): decided with scripts/decide.py (the file edited minimally, renamed
so that ids carry no status, the data valid after), and listed while they wait."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from bangvang.records.validation import validate
from bangvang.settings import build_date
from bangvang.staff.decide import id_without_status
from bangvang.website.index import build_index
from bangvang.website.pages import PageBuilder, SiteInfo
from bangvang.website.proposals_page import URL, proposals_pages, waited_text
from helpers import EXTRA, Doc, make_project, read

SEED_PROPOSAL = "thuong-xuyen-de-nghi-bang-khen-tinh"
FIXTURE_PROPOSAL = "bang-khen-tinh-giao-vien-gia-khanh"


def _decide(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "scripts/decide.py", *args], cwd=project, capture_output=True, text=True, timeout=300
    )


def _proposals(data: Path) -> list[Path]:
    return sorted(
        p
        for p in (data / "awards").glob("*/*.yml")
        if (yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("status") == "de_nghi"
    )


def _snapshot(data: Path) -> dict[str, bytes]:
    return {p.relative_to(data).as_posix(): p.read_bytes() for p in sorted(data.rglob("*.yml"))}


def test_id_without_status():
    assert id_without_status("thuong-xuyen-de-nghi-bang-khen-tinh") == "thuong-xuyen-bang-khen-tinh"
    assert id_without_status("de-nghi-bang-khen") == "bang-khen"
    assert id_without_status("bang-khen-tinh-2022") == "bang-khen-tinh-2022"
    assert id_without_status("de-nghi") == ""
    assert id_without_status("xa-de-tham") == "xa-de-tham"


# ---------------------------------------------------------------------------------------------
# scripts/decide.py
# ---------------------------------------------------------------------------------------------


def test_a_seed_proposal_decided_is_conferred_renamed_and_valid(project_copy):
    data = project_copy / "data"
    old = data / "awards" / "2021" / f"{SEED_PROPOSAL}.yml"
    before = old.read_text(encoding="utf-8")
    result = _decide(project_copy, SEED_PROPOSAL, "--decision", "456/QĐ-UBND", "--date", "10/02/2022")
    assert result.returncode == 0, result.stderr
    new = data / "awards" / "2021" / f"{id_without_status(SEED_PROPOSAL)}.yml"
    assert not old.exists() and new.is_file()
    # what was renamed, and the git line that records it
    assert f"data/awards/2021/{SEED_PROPOSAL}.yml → data/awards/2021/{new.name}" in result.stdout
    assert f"git add data/awards/2021/{SEED_PROPOSAL}.yml data/awards/2021/{new.name}" in result.stdout
    # the text: the status line gone, one decision line where the record type orders it
    after = new.read_text(encoding="utf-8")
    expected = [line for line in before.splitlines() if not line.startswith("status:")]
    expected.insert(
        next(i for i, line in enumerate(expected) if line.startswith("issuer:")) + 1,
        "decision: {number: 456/QĐ-UBND, date: 10/02/2022}",
    )
    assert after.splitlines() == expected
    record = yaml.safe_load(after)
    assert "status" not in record and record["decision"] == {"number": "456/QĐ-UBND", "date": "10/02/2022"}
    # the data set stays valid: the command's own check and scripts/validate.py agree
    _, errors = validate(data, project_copy / "docs")
    assert errors == []
    check = subprocess.run(
        [sys.executable, "scripts/validate.py"], cwd=project_copy, capture_output=True, text=True, timeout=300
    )
    assert check.returncode == 0, check.stderr


def test_the_proposing_document_is_kept_under_proposal(tmp_path):
    project = make_project(tmp_path / "project", extra=True)
    path = project / "data" / "awards" / "2022" / f"{FIXTURE_PROPOSAL}.yml"
    result = _decide(
        project,
        FIXTURE_PROPOSAL,
        "--decision",
        "88/QĐ-UBND",
        "--date",
        "2023-01-05",
        "--issuer",
        "Chủ tịch UBND tỉnh Hải Dương",
    )
    assert result.returncode == 0, result.stderr
    assert path.is_file(), "an id without status is not renamed"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Fixture:"), "comments stay"
    record = yaml.safe_load(text)
    assert record["proposal"] == {"number": "45/TTr-UBND", "date": "15/03/2022"}
    assert record["decision"] == {"number": "88/QĐ-UBND", "date": "05/01/2023"}
    keys = list(record)
    assert keys.index("issuer") < keys.index("decision") < keys.index("proposal") < keys.index("recipients")


def test_a_proposing_document_written_as_decision_moves_to_proposal(project_copy):
    path = project_copy / "data" / "awards" / "2021" / f"{SEED_PROPOSAL}.yml"
    text = path.read_text(encoding="utf-8").replace(
        "campaign:", "decision: {number: 30/TTr-UBND, date: 20/12/2021}\ncampaign:", 1
    )
    path.write_text(text, encoding="utf-8")
    result = _decide(project_copy, SEED_PROPOSAL, "--decision", "456/QĐ-UBND", "--date", "10/02/2022")
    assert result.returncode == 0, result.stderr
    assert "'proposal'" in result.stdout
    record = yaml.safe_load(path.with_name(f"{id_without_status(SEED_PROPOSAL)}.yml").read_text(encoding="utf-8"))
    assert record["proposal"] == {"number": "30/TTr-UBND", "date": "20/12/2021"}
    assert record["decision"] == {"number": "456/QĐ-UBND", "date": "10/02/2022"}


def test_a_scaffolded_proposal_keeps_its_comments_and_its_id_follows_the_rename(project_copy):
    made = subprocess.run(
        [sys.executable, "scripts/new.py", "award", "Đề nghị Bằng khen của Chủ tịch UBND tỉnh", "--year", "2023"],
        cwd=project_copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    (path,) = (project_copy / "data" / "awards" / "2023").glob("*.yml")
    assert "de-nghi" not in path.stem, "new tooling never puts the status in an id"
    text = path.read_text(encoding="utf-8")
    assert "\nstatus: de_nghi\n" in text
    text = text.replace("\ncount:\n", "\ncount:\n  ca_nhan: 2\n")
    path.write_text(text, encoding="utf-8")
    # an id with the status, from before: renamed, and its `id:` with it
    old = path.with_name(f"de-nghi-{path.stem}.yml")
    old.write_text(text.replace(f"id: {path.stem}", f"id: {old.stem}"), encoding="utf-8")
    path.unlink()
    result = _decide(project_copy, old.stem, "--decision", "7/QĐ-UBND", "--date", "01/02/2024")
    assert result.returncode == 0, result.stderr
    after = path.read_text(encoding="utf-8")
    assert f"\nid: {path.stem}\n" in after and not old.exists()
    assert after.count("\n#") == text.count("\n#"), "every comment line stays"
    assert "\ndecision: {number: 7/QĐ-UBND, date: 01/02/2024}\n" in after


@pytest.mark.parametrize(
    "args, words",
    [
        (["--decision", "456/QĐ-UBND", "--date", "10.2.2022"], ["sai dạng", "có phải 10/02/2022?"]),
        (["--decision", "456/QĐ-UBND", "--date", "31/02/2022"], ["không có thật", "DD/MM/YYYY"]),
        (["--decision", "456/QĐ-UBND"], ["cần ngày quyết định"]),
        (["--date", "10/02/2022"], ["cần số quyết định"]),
        (["--decision", "456/QĐ-UBND", "--date", "10/02/2022", "--document", "khong-co"], ["không có văn bản"]),
    ],
)
def test_wrong_arguments_are_refused_in_vietnamese_and_nothing_changes(project_copy, args, words):
    data = project_copy / "data"
    before = _snapshot(data)
    result = _decide(project_copy, SEED_PROPOSAL, *args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("Không ghi: ")
    for word in words:
        assert word in result.stderr
    assert _snapshot(data) == before


def test_an_award_that_is_no_proposal_is_refused(project_copy):
    conferred = next(
        p
        for p in sorted((project_copy / "data" / "awards" / "2021").glob("*.yml"))
        if p not in _proposals(project_copy / "data")
    )
    result = _decide(project_copy, conferred.stem, "--decision", "1/QĐ-UBND", "--date", "10/02/2022")
    assert result.returncode == 1 and "không phải đề nghị" in result.stderr


def test_an_unknown_id_is_answered_with_the_closest_one(project_copy):
    result = _decide(project_copy, SEED_PROPOSAL + "x", "--decision", "1/QĐ-UBND", "--date", "10/02/2022")
    assert result.returncode == 1 and f"'{SEED_PROPOSAL}'" in result.stderr


def test_the_rename_is_refused_when_the_id_is_taken(project_copy):
    data = project_copy / "data"
    taken = data / "awards" / "2021" / f"{id_without_status(SEED_PROPOSAL)}.yml"
    taken.write_text(
        (data / "awards" / "2021" / f"{SEED_PROPOSAL}.yml")
        .read_text(encoding="utf-8")
        .replace("status: de_nghi\n", ""),
        encoding="utf-8",
    )
    before = _snapshot(data)
    result = _decide(project_copy, SEED_PROPOSAL, "--decision", "456/QĐ-UBND", "--date", "10/02/2022")
    assert result.returncode == 1
    assert "đã có" in result.stderr and "--new-id" in result.stderr
    assert _snapshot(data) == before
    # with a new id of one's own choosing
    result = _decide(
        project_copy,
        SEED_PROPOSAL,
        "--decision",
        "456/QĐ-UBND",
        "--date",
        "10/02/2022",
        "--new-id",
        "thuong-xuyen-bang-khen-tinh-456",
    )
    assert result.returncode == 0, result.stderr
    assert (data / "awards" / "2021" / "thuong-xuyen-bang-khen-tinh-456.yml").is_file()


def test_a_result_that_is_not_valid_is_rolled_back(project_copy):
    data = project_copy / "data"
    # Huy hiệu exists until 2023: a decision dated 2024 cannot confer it
    path = data / "awards" / "2023" / "huy-hieu-xa-a.yml"
    path.parent.mkdir(parents=True)
    path.write_text("year: 2023\naward: huy-hieu\nstatus: de_nghi\ncount: {ca_nhan: 1}\n", encoding="utf-8")
    before = _snapshot(data)
    result = _decide(project_copy, path.stem, "--decision", "9/QĐ-UBND", "--date", "05/01/2024")
    assert result.returncode == 1
    assert "data/awards/2023/huy-hieu-xa-a.yml:" in result.stderr and "Traceback" not in result.stderr
    assert _snapshot(data) == before


# ---------------------------------------------------------------------------------------------
# The page of the proposals still waiting
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "start, end, text",
    [
        ((2019, 1, 15), (2022, 3, 20), "đã chờ 3 năm 2 tháng"),
        ((2019, 1, 15), (2022, 3, 14), "đã chờ 3 năm 1 tháng"),
        ((2021, 12, 31), (2023, 12, 31), "đã chờ 2 năm"),
        ((2022, 3, 15), (2022, 8, 16), "đã chờ 5 tháng"),
        ((2022, 3, 15), (2022, 4, 1), "chờ chưa đến 1 tháng"),
    ],
)
def test_waited_text(start, end, text):
    assert waited_text(dt.date(*start), dt.date(*end)) == text


def _rows(doc: Doc) -> list[str]:
    body = doc.html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        " ".join(Doc(f"<article class='md-content__inner'>{row}</article>").text.split())
        for row in body.split("<tr>")[1:]
    ]


def test_the_waiting_proposals_page_lists_every_proposal_with_its_wait(built_site, fixture_project):
    doc = read(built_site, URL.rstrip("/"))
    rows = _rows(doc)
    proposals = _proposals(fixture_project / "data")
    assert len(rows) == len(proposals) >= 2
    fixture = next(r for r in rows if "45/TTr-UBND" in r)
    assert "từ ngày 15/03/2022" in fixture and "đã chờ" in fixture and "Nguyễn Thị Hoa" in fixture
    undated = [r for r in rows if "từ cuối năm 2021" in r]
    assert undated and all("chưa ghi" in r for r in undated)
    assert rows.index(undated[-1]) < rows.index(fixture), "longest wait first"
    # each row links the proposal on its year's page, where it is
    for href in [h for h in doc.hrefs() if "#" in h and h.startswith("khen-thuong/20")]:
        page, anchor = href.split("#")
        assert anchor in read(built_site, page.rstrip("/")).ids
    assert read(built_site, "khen-thuong").has_link(URL)


def test_the_year_page_shows_the_proposing_document(built_site):
    doc = read(built_site, "khen-thuong/2022")
    assert "Văn bản đề nghị số 45/TTr-UBND ngày 15/03/2022" in doc.text


def test_the_wait_is_counted_to_the_build_date_from_source_date_epoch(monkeypatch, tmp_path):
    epoch = int(dt.datetime(2024, 3, 20, 12, tzinfo=dt.UTC).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    assert build_date() == dt.date(2024, 3, 20)
    project = make_project(tmp_path / "project", extra=True)
    dataset, errors = validate(project / "data", project / "docs")
    assert errors == []
    builder = PageBuilder(build_index(dataset), SiteInfo(build_date=build_date()))
    (page,) = proposals_pages(builder)
    text = Doc(f"<article class='md-content__inner'>{page.html}</article>").text
    assert "đến ngày 20/03/2024" in text
    assert "đã chờ 2 năm từ ngày 15/03/2022" in text
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_date() is None


def test_fixture_proposal_is_a_new_record_of_its_own():
    assert (EXTRA / "data" / "awards" / "2022" / f"{FIXTURE_PROPOSAL}.yml").is_file()
