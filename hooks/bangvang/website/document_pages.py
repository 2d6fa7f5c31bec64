"""Decisions as documents (issue 14, point 1): one page per document, /van-ban/<id>/, with its
kind, number, issuer, signer, date, its scan (a PDF under docs/files/, with its size and SHA-256)
and everything it did: the awards it decided (each recipient on its own line, with the stable id
of /xac-minh/ and a QR code), proposed or annulled, the campaigns citing it, the units it ended.

An award is the document's when it refers to it (`decision.document`) or when its inline decision
has the document's number (and date, or year): provenance.Provenance finds both.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from bangvang.records.dataset import Record
from bangvang.text import format_date
from bangvang.urls import file_link, record_url
from bangvang.website import breadcrumbs as bc
from bangvang.website.index import award_status, award_tally
from bangvang.website.pages import Page, PageBuilder
from bangvang.website.provenance import DocumentUses, provenance
from bangvang.website.verification import award_entry, tally_text

# SHA-256 of each scan while its size and time are unchanged (`mkdocs serve` rebuilds often).
_hash_cache: dict[tuple[str, int, int], str] = {}


@dataclass(frozen=True)
class ScanInfo:
    path: str  # relative to docs/ (and to the site's root): files/qd-12.pdf
    link: str  # relative to the document's page
    size: int
    sha256: str

    @property
    def size_text(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / (1024 * 1024):.1f} MB".replace(".", ",")
        return f"{max(1, round(self.size / 1024))} KB"


def sha256_of(path: Path) -> str:
    stat = path.stat()
    key = (str(path), stat.st_mtime_ns, stat.st_size)
    if key not in _hash_cache:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        _hash_cache[key] = digest.hexdigest()
    return _hash_cache[key]


def scan_info(document: Record, docs_dir: Path | None, page_url: str) -> ScanInfo | None:
    """The document's scan as the page shows it; None without one (or outside a build with docs/).
    The file was checked by records/provenance_rules.py: a real PDF inside docs/files/."""
    file = document.get("file")
    if not file or docs_dir is None:
        return None
    path = Path(docs_dir) / file
    if not path.is_file():
        return None
    return ScanInfo(file, file_link(file, page_url), path.stat().st_size, sha256_of(path))


def document_title(document: Record) -> str:
    """'Quyết định số 12/QĐ-UBND' (the page's title)."""
    return f"{document['kind']} số {document['number']}"


def document_pages(builder: PageBuilder) -> list[Page]:
    index = builder.index
    prov = provenance(index)
    pages = []
    for doc in index.dataset.kind("documents").values():
        uses = prov.uses.get(doc.id) or DocumentUses()
        date = doc.get("date")
        description = ", ".join(
            filter(
                None,
                [
                    document_title(doc),
                    f"ngày {format_date(date)}" if date else None,
                    doc.get("issuer"),
                    doc.get("title"),
                ],
            )
        )
        page = Page(
            record_url("documents", doc.id),
            document_title(doc),
            description,
            edit_path=doc.path,
            search={"kind": "Văn bản", "year": [str(date.year)] if hasattr(date, "year") else []},
            breadcrumbs=bc.for_document(doc),
        )
        decided = [a for a in uses.decided if award_status(a) in ("tang", "huy_bo")]
        pages.append(
            builder.render(
                "document.html",
                page,
                d=doc,
                uses=uses,
                scan=scan_info(doc, builder.site.docs_dir, page.url),
                campaigns=index.campaigns_by_document.get(doc.id, []),
                awards=[award_entry(index, a) for a in decided],
                status=award_status,
                tally=lambda a: tally_text(award_tally(a)),
            )
        )
    return pages
