"""Issue 11, class 4: numbers. Whatever validation accepts renders; numbers in YAML 1.1 spellings
that silently change their value are refused with the plain number suggested; every figure,
count, year and date is bounded by what the site can show; only ASCII digits count as digits."""

from __future__ import annotations

import re

import pytest
from bangvang.build import SiteBuild
from bangvang.staff.cli import validate_main
from bangvang.website.pages import SiteInfo
from helpers import AWARD, AWARD_FILE, CAMPAIGN, MODEL, ROOT, assert_refused, errors_for, where, write_data

CAMPAIGN_FILE = "campaigns/day-tot-hoc-tot.yml"
MODEL_FILE = "models/truong-dat-chuan.yml"


def _figure(value: str) -> str:
    return CAMPAIGN.replace("value: 99.89", f"value: {value}")


# ---------------------------------------------------------------------------------------------
# YAML 1.1 spellings
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, read_as, suggested",
    [
        ("010", "8", "10"),
        ("0x1F", "31", "31"),
        ("1:20", "80", "80"),
        ("190:20:30", "685230", "685230"),
        ("0b101", "5", "5"),
        ("1_000", "1000", "1000"),
        ("012.5", "12.5", "12.5"),
        ("1.0e+25", "1e+25", "không dạng mũ"),
        ("1.5e+3", "1500.0", "1500"),
        (".5", "0.5", "0.5"),
        ("1.", "1.0", "1"),
    ],
)
def test_yaml_1_1_number_in_a_figure_is_refused_with_the_plain_number(tmp_path, raw, read_as, suggested):
    text = _figure(raw)
    _, errors = errors_for(tmp_path, {CAMPAIGN_FILE: text})
    error = assert_refused(
        errors, CAMPAIGN_FILE, where(text, raw + "," if raw + "," in text else raw), f"'{raw}'", "YAML 1.1", "ngoặc kép"
    )
    assert read_as in error.message and suggested in error.message


@pytest.mark.parametrize(
    "field, raw",
    [
        ("count:\n  tap_the: 010", "010"),
        ("count:\n  tap_the: 0x1F", "0x1F"),
        ("count:\n  tap_the: 1_0", "1_0"),
        ("count:\n  tap_the: 1:5", "1:5"),
    ],
)
def test_yaml_1_1_count_is_refused(tmp_path, field, raw):
    text = AWARD.replace("count: {tap_the: 3, ca_nhan: 5}", field)
    _, errors = errors_for(tmp_path, {AWARD_FILE: text})
    assert_refused(errors, AWARD_FILE, where(text, raw), "YAML 1.1")


@pytest.mark.parametrize("raw", ["0x7E5", "03745", "0b11111100101", "33:41", "2_021"])
def test_yaml_1_1_year_is_refused_with_2021_suggested(tmp_path, raw):
    text = AWARD.replace("year: 2021", f"year: {raw}")
    _, errors = errors_for(tmp_path, {AWARD_FILE: text})
    error = assert_refused(errors, AWARD_FILE, (1, 7), "'year'", "YAML 1.1")
    assert "2021" in error.message


def test_yaml_1_1_forms_that_stay_text_are_refused_as_numbers(tmp_path):
    for raw in ("0o17", "1e3", "08", "0x", "1.2.3"):
        _, errors = errors_for(tmp_path / raw, {CAMPAIGN_FILE: _figure(raw)})
        assert any(e.path == f"data/{CAMPAIGN_FILE}" and "con số" in e.message for e in errors), raw


def test_quoted_spellings_in_text_fields_stay_as_written(tmp_path):
    text = MODEL.replace("title: Trường đạt chuẩn mức độ 2", "title: 0x1F")
    text = text.replace("unit: m²}", "unit: '1:20', note: 010}")
    dataset, errors = errors_for(tmp_path, {MODEL_FILE: text})
    assert errors == []
    model = dataset.get("models", "truong-dat-chuan")
    assert model["title"] == "0x1F" and model["figures"][0]["unit"] == "1:20" and model["figures"][0]["note"] == "010"


# ---------------------------------------------------------------------------------------------
# Digits that are not 0-9
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["２０２１", "²⁰²¹", "٢٠٢١", "२०२१"])
def test_non_ascii_digits_in_a_year_are_refused_not_a_crash(tmp_path, year):
    text = AWARD.replace("year: 2021", f"year: {year}")
    _, errors = errors_for(tmp_path, {AWARD_FILE: text})
    assert_refused(errors, AWARD_FILE, (1, 7), "'year'")


@pytest.mark.parametrize("since", ["２０２１", "²⁰²¹", "'٢٠٢١'", "१५/०१/२०२१"])
def test_non_ascii_digits_in_a_year_or_date_are_refused(tmp_path, since):
    text = CAMPAIGN.replace("since: 2021", f"since: {since}")
    _, errors = errors_for(tmp_path, {CAMPAIGN_FILE: text})
    assert_refused(errors, CAMPAIGN_FILE, where(text, since), "'since'")


@pytest.mark.parametrize("date", ["'١٥/٠١/٢٠٢١'", "２０２１-01-15", "'15/01/²⁰²¹'"])
def test_non_ascii_digits_in_a_date_are_refused(tmp_path, date):
    text = AWARD.replace("date: 15/01/2021", f"date: {date}")
    _, errors = errors_for(tmp_path, {AWARD_FILE: text})
    assert_refused(errors, AWARD_FILE, where(text, date), "chữ số 0–9")


def test_validate_command_exits_1_not_2_on_strange_digits(tmp_path, capsys):
    data = write_data(tmp_path, {AWARD_FILE: AWARD.replace("year: 2021", "year: ²⁰²¹"), "awards/２０２１/x.yml": AWARD})
    code = validate_main(["--data", str(data), "--docs", str(tmp_path / "docs")])
    err = capsys.readouterr().err
    assert code == 1 and "Lỗi không mong đợi" not in err
    assert "data/awards/２０２１/x.yml:1:1" in err


# ---------------------------------------------------------------------------------------------
# Bounds: what the site can show
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw", ["1000000000000001", "-1000000000000001", "99999999999999999999.5", ".inf", "-.inf", ".nan"]
)
def test_figure_beyond_what_the_site_shows_is_refused(tmp_path, raw):
    text = _figure(raw)
    _, errors = errors_for(tmp_path, {CAMPAIGN_FILE: text})
    assert any(
        e.path == f"data/{CAMPAIGN_FILE}"
        and ("quá lớn" in e.message or "con số" in e.message or "YAML 1.1" in e.message)
        for e in errors
    ), errors


def test_count_beyond_a_billion_is_refused(tmp_path):
    text = AWARD.replace("count: {tap_the: 3, ca_nhan: 5}", "count: {tap_the: 3, ca_nhan: 1000000001}")
    _, errors = errors_for(tmp_path, {AWARD_FILE: text})
    assert_refused(errors, AWARD_FILE, where(text, "1000000001"), "quá lớn", "1.000.000.000")


@pytest.mark.parametrize("date", ["1899-12-31", "2101-01-01", "0001-01-01", "31/12/9999"])
def test_date_beyond_1900_2100_is_refused(tmp_path, date):
    text = AWARD.replace("date: 15/01/2021", f"date: {date}")
    _, errors = errors_for(tmp_path, {AWARD_FILE: text})
    assert_refused(errors, AWARD_FILE, where(text, date), "1900–2100")


@pytest.mark.parametrize("year", ["1899", "2101", "0", "-2021"])
def test_year_beyond_1900_2100_is_refused(tmp_path, year):
    text = CAMPAIGN.replace("since: 2021", f"since: {year}")
    _, errors = errors_for(tmp_path, {CAMPAIGN_FILE: text})
    assert_refused(errors, CAMPAIGN_FILE, where(text, f"since: {year}")[0], "'since'")


# ---------------------------------------------------------------------------------------------
# Everything accepted renders
# ---------------------------------------------------------------------------------------------

# As written, and as the page shows it (CLDR vi: dot for thousands, comma for decimals).
ACCEPTED = {
    "0": "0",
    "-0": "0",
    "+5": "5",
    "0.0000001": "0",
    "999999999999999.9": "999.999.999.999.999,9",
    "1000000000000000": "1.000.000.000.000.000",
    "-1000000000000000": "-1.000.000.000.000.000",
    "95.12": "95,12",
    "1356": "1.356",
    "0.5": "0,5",
    "-3.25": "-3,25",
}


def test_every_accepted_figure_renders(tmp_path):
    figures = "".join(f"      - {{label: 'Số {i}', value: {raw}}}\n" for i, raw in enumerate(ACCEPTED))
    text = CAMPAIGN.replace("      - {label: Tốt nghiệp THCS, value: 99.89, unit: '%'}\n", figures)
    text = text.replace("since: 2021\nuntil: 2025", "since: 1900-01-01\nuntil: 2100")
    award = AWARD.replace("count: {tap_the: 3, ca_nhan: 5}", "count: {tap_the: 1000000000, ca_nhan: 5}")
    data = write_data(tmp_path, {CAMPAIGN_FILE: text, AWARD_FILE: award})
    build = SiteBuild(root=ROOT, site=SiteInfo(), data_dir=data, docs_dir=ROOT / "docs")
    assert build.load() == []
    page = next(p for p in build.pages() if p.url == "phong-trao/day-tot-hoc-tot/")
    for i, shown in enumerate(ACCEPTED.values()):
        assert re.search(rf"Số {i}\b.*?{re.escape(shown)}", page.html, re.S), (i, shown)
    assert "01/01/1900" in page.html
    year = next(p for p in build.pages() if p.url == "khen-thuong/2021/")
    assert "1.000.000.000" in year.html
