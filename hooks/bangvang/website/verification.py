"""Verifiable honourees (issue 14, point 2): every named recipient of a conferred award has a
proof line with a stable id, `/xac-minh/<year>/#<award-id>--<who>` (urls.recipient_anchors), and
a QR code (SVG, segno) that points at its absolute address, to print on the certificate. Each
award act has one too (`#<award-id>`). /xac-minh/ tells a reader how to check a certificate.

The QR codes are files (`/xac-minh/<year>/qr/<anchor>.svg`), never inlined in pages: a page links
them. Making one costs milliseconds (segno tries the eight masks of the standard), so they are
kept in a cache folder keyed by their content and made again only when an address is new.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bangvang.records import schema as s
from bangvang.records.dataset import Record
from bangvang.text import format_date
from bangvang.urls import record_url, year_url
from bangvang.website.breadcrumbs import Crumb
from bangvang.website.index import Index, award_status, award_tally
from bangvang.website.pages import Page, PageBuilder
from bangvang.website.provenance import (
    QR_RECENT_YEARS,
    VERIFY_URL,
    anchors_of,
    annulment_document,
    decision_document,
    has_qr,
    is_verifiable,
    qr_file,
    qr_years,
    verify_page_url,
    verify_url,
)

log = logging.getLogger("mkdocs.hooks.bangvang.verification")

QR_ERROR = "m"  # 15% of the code may be damaged or covered (a stamp, a fold) and it still reads
QR_SCALE = 4  # px per module in the SVG's own size; it scales without loss
QR_BORDER = 4  # the quiet zone the standard asks for, in modules
QR_CACHE_ENV = "BANGVANG_QR_CACHE"  # a folder kept between builds (CI can cache it)
KIND_WORDS = {"tap_the": "tập thể", "ca_nhan": "cá nhân", "ho_gia_dinh": "hộ gia đình"}


# ---------------------------------------------------------------------------------------------
# What a proof line shows
# ---------------------------------------------------------------------------------------------


@dataclass
class RecipientLine:
    anchor: str  # the id on the proof page: "<award-id>--<who>"
    name: str
    url: str | None  # the unit's or person's own page
    position: str | None
    unit_name: str | None
    unit_url: str | None
    kind_label: str | None  # for a written name that is a collective or a household
    reason: str | None
    qr: str | None  # site-relative path of its QR code (None: no code for this year)
    verify: str  # site-relative address of its proof line


@dataclass
class AwardEntry:
    award: Record
    form: str  # the award form's name, from the vocabulary
    year: int
    status: str
    issuer: str | None
    decision_text: str | None  # "Quyết định số … ngày …"
    decision_doc: Record | None
    annulment_text: str | None
    annulment_doc: Record | None
    annulment_reason: str | None
    tally_text: str
    unnamed: str | None  # "28 cá nhân chưa có danh sách tên"
    recipients: list[RecipientLine]
    verify: str
    qr: str | None
    year_url: str


def _document_text(part: dict | None, doc: Record | None, word: str) -> str | None:
    """'Quyết định số 12/QĐ-UBND ngày 15/01/2022 của UBND huyện …' from the inline fields or the document."""
    part = part if isinstance(part, dict) else {}
    number = part.get("number") or (doc.get("number") if doc else None)
    date = part.get("date") or (doc.get("date") if doc else None)
    if not number and not date:
        return None
    text = " ".join(filter(None, [word, f"số {number}" if number else "", f"ngày {format_date(date)}" if date else ""]))
    return text + (f" của {doc['issuer']}" if doc is not None and doc.get("issuer") else "")


def tally_text(tally: dict[str, int]) -> str:
    parts = [f"{v:,}".replace(",", ".") + f" {KIND_WORDS[k]}" for k, v in tally.items() if v]
    return ", ".join(parts) if parts else "—"


def recipient_lines(index: Index, award: Record) -> list[RecipientLine]:
    data = index.dataset
    lines = []
    coded = has_qr(index, award)
    for recipient, anchor in zip(award.get("recipients") or [], anchors_of(award)):
        name, url, position, unit_name, unit_url, kind_label = "", None, None, None, None, None
        if recipient.get("person"):
            person = data.ref("people", recipient["person"])
            name, url, position = person["name"], record_url("people", person.id), person.get("position")
            unit = data.ref("units", person["unit"]) if person.get("unit") else None
        elif recipient.get("name"):
            name, position = recipient["name"], recipient.get("position")
            unit = data.get("units", recipient["unit"]) if recipient.get("unit") else None
            unit_name = recipient.get("unit_name")
            if recipient.get("kind") in ("tap_the", "ho_gia_dinh"):
                kind_label = KIND_WORDS[recipient["kind"]]
        else:
            unit = data.ref("units", recipient["unit"])
            name, url = unit["name"], record_url("units", unit.id)
            unit = None
        if unit is not None:
            unit_name, unit_url = unit["name"], record_url("units", unit.id)
        lines.append(
            RecipientLine(
                anchor,
                name,
                url,
                position,
                unit_name,
                unit_url,
                kind_label,
                recipient.get("reason"),
                qr_file(award, anchor) if coded else None,
                verify_url(award, anchor),
            )
        )
    return lines


def award_entry(index: Index, award: Record) -> AwardEntry:
    data = index.dataset
    decision_doc, annulment_doc = decision_document(index, award), annulment_document(index, award)
    tally = award_tally(award)
    named = {k: 0 for k in tally}
    for recipient in award.get("recipients") or []:
        named[s.recipient_kind(recipient)] += 1
    missing = {k: tally[k] - named[k] for k in tally if tally[k] > named[k]}
    annulment = award.get("annulment") if isinstance(award.get("annulment"), dict) else None
    status = award_status(award)
    return AwardEntry(
        award=award,
        form=data.vocab[award["award"]]["name"],
        year=award["year"],
        status=status,
        issuer=award.get("issuer"),
        decision_text=_document_text(award.get("decision"), decision_doc, "Quyết định"),
        decision_doc=decision_doc,
        annulment_text=_document_text(annulment, annulment_doc, "Quyết định hủy bỏ") if annulment else None,
        annulment_doc=annulment_doc,
        annulment_reason=annulment.get("reason") if annulment else None,
        tally_text=tally_text(tally),
        unnamed=(tally_text(missing) + " chưa có danh sách tên") if missing else None,
        recipients=recipient_lines(index, award),
        verify=verify_url(award),
        qr=qr_file(award) if has_qr(index, award) else None,
        year_url=year_url(award["year"]) + (f"#{award.id}" if status == "tang" else ""),
    )


def verifiable_awards(index: Index, year: int) -> list[Record]:
    """The awards of a year that may have certificates: conferred, annulled or not; by form."""
    return [a for a in index.awards_by_year.get(year, []) if is_verifiable(a)]


# ---------------------------------------------------------------------------------------------
# Pages: /xac-minh/ and /xac-minh/<year>/
# ---------------------------------------------------------------------------------------------


def verification_pages(builder: PageBuilder) -> list[Page]:
    index = builder.index
    years = [y for y in index.years if verifiable_awards(index, y)]
    counts = {y: sum(len(a.get("recipients") or []) for a in verifiable_awards(index, y)) for y in years}
    acts = {y: len(verifiable_awards(index, y)) for y in years}
    home = Page(
        VERIFY_URL,
        "Xác minh khen thưởng",
        f"Cách kiểm tra một giấy khen, bằng khen của {builder.site.district}: quét mã QR hoặc tra tên, "
        "đối chiếu quyết định và bản quét.",
        edit_path="data/awards/",
    )
    pages = [
        builder.render(
            "verify.html",
            home,
            years=years,
            counts=counts,
            acts=acts,
            site_url=builder.site.site_url,
            recent=QR_RECENT_YEARS,
        )
    ]
    for year in years:
        entries = [award_entry(index, a) for a in verifiable_awards(index, year)]
        page = Page(
            verify_page_url(year),
            f"Xác minh khen thưởng năm {year}",
            f"Danh sách đối chiếu các khen thưởng năm {year} của {builder.site.district}: mỗi tập thể, "
            "cá nhân một dòng, kèm quyết định và mã QR.",
            edit_path=f"data/awards/{year}/",
            breadcrumbs=[Crumb("Trang chủ", ""), Crumb(home.title, VERIFY_URL), Crumb(f"Năm {year}", None)],
        )
        pages.append(
            builder.render(
                "verify_year.html",
                page,
                year=year,
                entries=entries,
                coded=year in qr_years(index),
                recent=QR_RECENT_YEARS,
            )
        )
    return pages


# ---------------------------------------------------------------------------------------------
# QR codes
# ---------------------------------------------------------------------------------------------


def absolute(site_url: str, url: str) -> str:
    """The address a QR code carries: absolute under the site's published address."""
    return (site_url.rstrip("/") + "/" + url) if site_url else "/" + url


def qr_svg(content: str) -> bytes:
    """The QR code of `content` as a small SVG (one path), with a title for assistive technology."""
    import segno  # only when codes are made

    code = segno.make(content, error=QR_ERROR, micro=False, boost_error=False)
    out = io.BytesIO()
    code.save(
        out,
        kind="svg",
        scale=QR_SCALE,
        border=QR_BORDER,
        xmldecl=True,
        svgns=True,
        title=content,
        svgclass=None,
        lineclass=None,
        dark="#000",
        light="#fff",
        encoding="utf-8",
    )
    width, height = code.symbol_size(scale=QR_SCALE, border=QR_BORDER)
    # a viewBox as well as the size: printed or shown at any size, the code scales without loss
    return out.getvalue().replace(b"<svg ", f'<svg viewBox="0 0 {width} {height}" '.encode(), 1)


def qr_codes(index: Index) -> dict[str, str]:
    """Every QR code of the site: site-relative file → site-relative address it points at."""
    codes: dict[str, str] = {}
    for year in sorted(qr_years(index)):
        for award in verifiable_awards(index, year):
            codes[qr_file(award)] = verify_url(award)
            for anchor in anchors_of(award):
                codes[qr_file(award, anchor)] = verify_url(award, anchor)
    return codes


def _cache_dir() -> Path:
    configured = os.environ.get(QR_CACHE_ENV)
    folder = Path(configured) if configured else Path(tempfile.gettempdir()) / "bangvang-qr-cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _cache_key(content: str) -> str:
    import segno

    recipe = f"{segno.__version__}|{QR_ERROR}|{QR_SCALE}|{QR_BORDER}|{content}"
    return hashlib.sha256(recipe.encode("utf-8")).hexdigest()


def write_qr_codes(build, site_dir: Path) -> None:
    """Post-build step: /xac-minh/<year>/qr/*.svg, one per award act and per named recipient."""
    codes = qr_codes(build.index)
    if not codes:
        return
    base = build.site.site_url or build.site_url
    if not base:
        log.warning(
            "Mã QR: mkdocs.yml chưa có extra.district.site_url, nên mã QR chỉ chứa đường dẫn "
            "tương đối, không quét được từ giấy in; ghi địa chỉ trang vào site_url"
        )
    cache = _cache_dir()
    made = 0
    for path, url in codes.items():
        content = absolute(base, url)
        cached = cache / f"{_cache_key(content)}.svg"
        if not cached.is_file():
            tmp = cached.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(qr_svg(content))
            os.replace(tmp, cached)
            made += 1
        target = Path(site_dir) / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, target)
    log.info("Mã QR: %d tệp (%d mới tạo)", len(codes), made)
