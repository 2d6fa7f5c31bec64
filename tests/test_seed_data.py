"""The 2021 report as data: it validates clean, and the records give back the report's figures.

Every expected number below is copied from the source report (../shared/seeds/000_*.txt); the
totals are recomputed from data/awards/2021/*.yml. Records are picked by award form, status and
their campaign or note (what the report says the award was for), never by file name.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bangvang.records.validation import validate
from bangvang.text import fold
from bangvang.website.index import award_status, award_tally
from helpers import SEED_DATA

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dataset():
    data, errors = validate(SEED_DATA, ROOT / "docs")
    assert errors == [], "\n".join(map(str, errors))
    return data


@pytest.fixture(scope="module")
def awards(dataset):
    found = [a for a in dataset.kind("awards").values() if a["year"] == 2021]
    assert found, "no award records for 2021 yet"
    return found


def test_seed_data_validates_clean():
    result = subprocess.run(
        [sys.executable, "scripts/validate.py"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


# ---------------------------------------------------------------------------------------------
# Award tallies
# ---------------------------------------------------------------------------------------------


def _context(award, dataset) -> str:
    """What the report says an award was for: its campaign's title, its note and reason, folded."""
    campaign = dataset.get("campaigns", award.get("campaign") or "")
    parts = [
        campaign["title"] if campaign else "",
        award.get("campaign") or "",
        award.get("note") or "",
        award.get("reason") or "",
    ]
    return fold(" ".join(parts))


def _total(awards, form: str, status: str = "tang", where=lambda a: True) -> Counter:
    total: Counter = Counter()
    for award in awards:
        if award["award"] == form and award_status(award) == status and where(award):
            total.update(award_tally(award))
    return total


# Conferred in 2021 ("được tặng", "đạt", "khen thưởng"), summed over the whole report, per form:
# (form, collectives, individuals) — each total is the sum of the report's own figures.
CONFERRED_TOTALS = [
    ("lao-dong-tien-tien", 0, 1356 + 171),
    ("chien-si-thi-dua-co-so", 0, 201 + 32),
    ("tap-the-lao-dong-tien-tien", 63 + 46, 0),
    ("tap-the-lao-dong-xuat-sac", 9, 0),
    ("chien-si-thi-dua-tinh", 0, 3),
    ("bang-khen-thu-tuong", 0, 2),
    ("co-thi-dua-chinh-phu", 1, 0),
    ("co-thi-dua-tinh", 3, 0),
    # giáo dục 3+28, Chỉ thị 05 1+2, Ban CHQS 1, Công an 1, bầu cử 3+6, nhiệm kỳ (Chủ tịch UBND tỉnh) 3+5
    ("bang-khen-tinh", 3 + 1 + 1 + 1 + 3 + 3, 28 + 2 + 6 + 5),
    ("bang-khen-hdnd-tinh", 3, 2),
    # văn hoá 29, giáo dục 13+72, y tế 14+31, quốc phòng 5+8, an ninh 2+5 and 7+3, bầu cử 39+39,
    # nhiệm kỳ 9+11, thường xuyên 8+102
    ("giay-khen-huyen", 29 + 13 + 14 + 5 + 2 + 7 + 39 + 9 + 8, 72 + 31 + 8 + 5 + 3 + 39 + 11 + 102),
    ("giay-khen-hdnd-huyen", 6, 22),
    ("don-vi-quyet-thang", 1, 0),
]


@pytest.mark.parametrize("form, collectives, individuals", CONFERRED_TOTALS)
def test_conferred_total_per_form_equals_the_report(awards, form, collectives, individuals):
    total = _total(awards, form)
    assert (total["tap_the"], total["ca_nhan"]) == (collectives, individuals)


def test_no_other_form_was_conferred(awards):
    forms = {a["award"] for a in awards if award_status(a) == "tang"}
    assert forms == {form for form, _, _ in CONFERRED_TOTALS}


# Proposed to a higher level ("đã trình", "xét trình"): shown apart, never counted as conferred.
PROPOSED_TOTALS = [
    ("bang-khen-thu-tuong", 3, 0),
    ("tap-the-lao-dong-xuat-sac", 8, 0),
    ("co-thi-dua-tinh", 1, 0),
    ("bang-khen-tinh", 5, 8),
]


@pytest.mark.parametrize("form, collectives, individuals", PROPOSED_TOTALS)
def test_proposals_are_recorded_as_proposals(awards, form, collectives, individuals):
    total = _total(awards, form, status="de_nghi")
    assert (total["tap_the"], total["ca_nhan"]) == (collectives, individuals)


def test_only_the_four_proposals_of_the_report_are_proposals(awards):
    proposed = Counter(a["award"] for a in awards if award_status(a) == "de_nghi")
    assert proposed == Counter(form for form, _, _ in PROPOSED_TOTALS)


def test_proposals_belong_to_the_2021_regular_campaign(awards):
    for award in awards:
        if award_status(award) == "de_nghi":
            assert award.get("campaign") == "thi-dua-thuong-xuyen", award.path


def test_proposed_emulation_flag_names_pham_tran(awards):
    flags = [a for a in awards if a["award"] == "co-thi-dua-tinh" and award_status(a) == "de_nghi"]
    assert [r.get("unit") for a in flags for r in a.get("recipients", [])] == ["xa-pham-tran"]


def test_proposed_prime_minister_awards_are_not_honours(awards):
    conferred = _total(awards, "bang-khen-thu-tuong")
    proposed = _total(awards, "bang-khen-thu-tuong", status="de_nghi")
    assert conferred["tap_the"] == 0 and proposed["tap_the"] == 3


# The report's figures per context: (what it was for, form, status, collectives, individuals).
# The context is matched against the folded campaign title, note and reason of the record.
EDUCATION = "nam hoc 2020-2021"
REGULAR = "thi-dua-thuong-xuyen"
BY_CONTEXT = [
    ("van hoa", "giay-khen-huyen", "tang", 29, 0),
    (EDUCATION, "bang-khen-thu-tuong", "tang", 0, 2),
    (EDUCATION, "co-thi-dua-chinh-phu", "tang", 1, 0),
    (EDUCATION, "co-thi-dua-tinh", "tang", 3, 0),
    (EDUCATION, "tap-the-lao-dong-xuat-sac", "tang", 9, 0),
    (EDUCATION, "bang-khen-tinh", "tang", 3, 28),
    (EDUCATION, "chien-si-thi-dua-tinh", "tang", 0, 3),
    (EDUCATION, "tap-the-lao-dong-tien-tien", "tang", 63, 0),
    (EDUCATION, "chien-si-thi-dua-co-so", "tang", 0, 201),
    (EDUCATION, "lao-dong-tien-tien", "tang", 0, 1356),
    (EDUCATION, "giay-khen-huyen", "tang", 13, 72),
    ("covid", "giay-khen-huyen", "tang", 14, 31),
    ("ho chi minh", "bang-khen-tinh", "tang", 1, 2),
    ("quyet thang", "bang-khen-tinh", "tang", 1, 0),
    ("quyet thang", "giay-khen-huyen", "tang", 5, 8),
    ("toan dan bao ve an ninh to quoc", "giay-khen-huyen", "tang", 2, 5),
    ("lang an toan", "giay-khen-huyen", "tang", 7, 3),
    ("vi an ninh to quoc", "bang-khen-tinh", "tang", 1, 0),
    ("bau cu", "bang-khen-tinh", "tang", 3, 6),
    ("bau cu", "giay-khen-huyen", "tang", 39, 39),
    ("nhiem ky 2016-2021", "bang-khen-hdnd-tinh", "tang", 3, 2),
    ("nhiem ky 2016-2021", "bang-khen-tinh", "tang", 3, 5),
    ("nhiem ky 2016-2021", "giay-khen-hdnd-huyen", "tang", 6, 22),
    ("nhiem ky 2016-2021", "giay-khen-huyen", "tang", 9, 11),
    (REGULAR, "tap-the-lao-dong-tien-tien", "tang", 46, 0),
    (REGULAR, "lao-dong-tien-tien", "tang", 0, 171),
    (REGULAR, "chien-si-thi-dua-co-so", "tang", 0, 32),
    (REGULAR, "giay-khen-huyen", "tang", 8, 102),
    (REGULAR, "bang-khen-thu-tuong", "de_nghi", 3, 0),
    (REGULAR, "tap-the-lao-dong-xuat-sac", "de_nghi", 8, 0),
    (REGULAR, "co-thi-dua-tinh", "de_nghi", 1, 0),
    (REGULAR, "bang-khen-tinh", "de_nghi", 5, 8),
]


@pytest.mark.parametrize("context, form, status, collectives, individuals", BY_CONTEXT)
def test_tally_of_each_reported_award_equals_the_report(
    dataset, awards, context, form, status, collectives, individuals
):
    def about(award):
        if context == REGULAR:
            return award.get("campaign") == REGULAR
        return context in _context(award, dataset)

    total = _total(awards, form, status, where=about)
    assert (total["tap_the"], total["ca_nhan"]) == (collectives, individuals)


def test_education_records_are_told_apart_from_the_regular_campaign(dataset, awards):
    for award in awards:
        if EDUCATION in _context(award, dataset):
            assert award.get("campaign") != REGULAR, award.path


def test_named_recipients_of_the_report(awards):
    named = {(a["award"], r.get("unit")) for a in awards if award_status(a) == "tang" for r in a.get("recipients", [])}
    assert ("co-thi-dua-chinh-phu", "truong-thcs-le-thanh-nghi") in named
    assert ("bang-khen-tinh", "ban-chi-huy-quan-su-huyen") in named
    assert ("don-vi-quyet-thang", "cong-an-huyen-gia-loc") in named
    assert ("bang-khen-tinh", "cong-an-huyen-gia-loc") in named


def test_every_award_keeps_the_source_wording_and_source(awards):
    for award in awards:
        assert award.get("name_as_written"), award.path
        assert award.get("source") == "2021", award.path


# ---------------------------------------------------------------------------------------------
# The report record: issuer, signer, the eleven 2022 targets
# ---------------------------------------------------------------------------------------------


def _values(figure) -> list:
    """A figure's numbers: its value (and value_max), then those of its items."""
    own = [figure[k] for k in ("value", "value_max") if figure.get(k) is not None]
    return own + [v for item in figure.get("items", []) for v in _values(item)]


TARGETS_2022 = [
    [1.2],
    [12.4],
    [11.3],
    [23.3, 48.9, 27.8],
    [271580, 488810],
    [1.96],
    [90, 90],
    [100],
    [4],
    [80, 8, 10],
    [100, 70, 30],
]


def test_report_2021_issuer_signer_and_targets(dataset):
    report = dataset.get("reports", "2021")
    assert report is not None
    assert report["issuer"] == "UBND huyện Gia Lộc"
    assert report["signed_by"]["name"] == "Lê Văn Tuấn"
    assert [_values(t) for t in report.get("targets", [])] == TARGETS_2022


def test_report_sections_are_in_the_source_order(dataset):
    headings = [fold(s["heading"]) for s in dataset.get("reports", "2021")["sections"]]
    order = [
        "mo dau",
        "phan thu nhat",
        "cong tac lanh dao",
        "phat trien nong nghiep",
        "nong thon moi",
        "van hoa",
        "ho chi minh",
        "quoc phong",
        "xay dung dang",
        "cai cach hanh chinh",
        "thuong xuyen",
        "danh gia chung",
        "phan thu hai",
        "i. muc tieu",
        "ii. nhiem vu",
    ]
    positions = []
    for word in order:
        hits = [i for i, h in enumerate(headings) if word in h]
        assert hits, f"no section heading with '{word}'"
        positions.append(hits[0])
    assert positions == sorted(positions)


# ---------------------------------------------------------------------------------------------
# Campaign and model figures, documents, units
# ---------------------------------------------------------------------------------------------

# Every figure the report gives for 2021 (percentages as written: 95,12 % → 95.12). The y tế
# figure (18 xã, thị trấn) belongs to no named campaign: it stays in the report text and award note.
REPORT_FIGURES_2021 = [
    34,
    656,
    45,
    682,
    30000,
    150514,
    2,
    95.12,
    100,
    3,
    6,
    1,
    80,
    54,
    8,
    16,
    29,
    99.89,
    15,
    7,
    5,
    0.83,
    304,
    14,
    490,
    19,
    92,
    67,
    1259,
    224,
    50,
    34521,
    5487,
    15.9,
    34240,
    98.9,
    98.5,
    33,
    454,
]


def _figure_values(dataset) -> set:
    values = set()
    for record in list(dataset.kind("campaigns").values()) + list(dataset.kind("models").values()):
        figures = list(record.get("figures", []))
        for result in record.get("results", []):
            figures += result.get("figures", [])
        for figure in figures:
            values.update(v for v in _values(figure) if v is not None)
    return values


def test_every_2021_figure_of_the_report_is_a_figure_of_a_campaign_or_model(dataset):
    values = _figure_values(dataset)
    missing = [v for v in REPORT_FIGURES_2021 if v not in values]
    assert not missing, f"figures of the report missing from campaigns/models: {missing}"


@pytest.mark.parametrize(
    "value, words",
    [
        (656, ("lua",)),
        (682, ("chuyen canh",)),
        (150514, ("nha mang",)),
        (95.12, ("gia dinh van hoa",)),
        (0.83, ("ngheo",)),
        (34521, ("tiep nhan",)),
        (454, ("hdnd",)),
        (98.5, ("cu tri",)),
    ],
)
def test_key_figures_carry_their_label(dataset, value, words):
    labelled = []
    for record in list(dataset.kind("campaigns").values()) + list(dataset.kind("models").values()):
        figures = list(record.get("figures", []))
        for result in record.get("results", []):
            figures += result.get("figures", [])
        for figure in figures:
            for item in [figure] + list(figure.get("items", [])):
                if item.get("value") == value:
                    labelled.append(fold(item.get("label", "") + " " + figure.get("label", "")))
    assert any(all(w in label for w in words) for label in labelled), (value, labelled)


DOCUMENTS = [
    ("34-CT/TW", dt.date(2014, 4, 7)),
    ("13/CT-UBND", dt.date(2021, 8, 25)),
    ("91/2017/NĐ-CP", dt.date(2017, 7, 31)),
    ("31/KH-UBND", dt.date(2021, 1, 5)),
    ("01/KH-HĐTĐKT", dt.date(2021, 1, 15)),
    ("114/KH-UBND", dt.date(2021, 9, 15)),
    ("68/NQ-CP", dt.date(2021, 7, 1)),
    ("05-CT/TW", dt.date(2016, 5, 15)),
]


def test_every_cited_document_with_its_number_and_date(dataset):
    found = {(d["number"], d.get("date")) for d in dataset.kind("documents").values()}
    assert set(DOCUMENTS) <= found


COMMUNES = [
    "Gia Lương",
    "Yết Kiêu",
    "Phạm Trấn",
    "Hoàng Diệu",
    "Đoàn Thượng",
    "Hồng Hưng",
    "Thống Nhất",
    "Gia Tân",
    "Gia Khánh",
]


def test_every_commune_the_report_names_is_a_unit(dataset):
    communes = {fold(u["name"]) for u in dataset.kind("units").values() if u["kind"] in ("xa", "thi_tran")}
    missing = [c for c in COMMUNES if not any(fold(c) in name for name in communes)]
    assert not missing


SOURCE_TYPOS = [
    "tiến tiến",
    "Thủ tưởng",
    "dnah hiệu",
    "chuyên cacnh",
    "Hoàn thàn ",
    "dậy nghề",
    "trở lên sôi nổi",
    "bảo vệ ninh",
    "trong đó trong đó",
    "với chủ đề với chủ đề",
    "phong trào thia",
    "Phạm trấn",
    "34/CT-TW",
]


def test_typos_of_the_source_are_corrected():
    texts = {p: p.read_text(encoding="utf-8") for p in SEED_DATA.rglob("*.yml")}
    left = [(wrong, str(p.relative_to(ROOT))) for wrong in SOURCE_TYPOS for p, t in texts.items() if wrong in t]
    assert not left
