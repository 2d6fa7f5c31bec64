"""What pages need to know about the site itself: the district that publishes it and the office
readers can ask. Read from mkdocs.yml's `extra.district` by bangvang.settings.site_info (the one
place that reads site settings); the defaults are here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SiteInfo:
    district: str = "huyện Gia Lộc"
    province: str = "tỉnh Hải Dương"
    contact: str = ""  # the office that answers for the content, e.g. "Phòng Nội vụ huyện Gia Lộc"
    address: str = ""  # its public postal address
    phone: str = ""  # its public phone number (never a person's)
    email: str = ""  # its public e-mail address (never a person's)
    site_url: str = ""  # absolute base of the published site, for printed pages and the feed
    edit_base: str | None = None  # https://github.com/<owner>/<repo>/edit/main/
    docs_dir: Path | None = None  # where the models' photos are (their size, their phone copy)
    build_date: dt.date | None = None  # "today" of the build (SOURCE_DATE_EPOCH); None: the clock

    @property
    def name(self) -> str:
        return f"Bảng vàng thi đua, khen thưởng {self.district}"

    @property
    def has_contact(self) -> bool:
        return bool(self.contact or self.address or self.phone or self.email)

    def absolute_url(self, url: str) -> str:
        """A page's address as printed on paper: absolute when the site's address is known."""
        return (self.site_url.rstrip("/") + "/" + url) if self.site_url else "/" + url

    def edit_url(self, path: str | None) -> str | None:
        """GitHub's editor for a record file; for a folder, its listing."""
        if not path or not self.edit_base:
            return None
        if path.endswith("/"):
            return self.edit_base.replace("/edit/", "/tree/", 1) + path.rstrip("/")
        return self.edit_base + path
