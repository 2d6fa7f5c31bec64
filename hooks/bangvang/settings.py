"""Settings of the site that come from the project rather than from the records: the publishing
unit's block in mkdocs.yml (`extra.district`), and the date that makes builds reproducible."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from pathlib import Path

from bangvang.website.site_info import SiteInfo

VIETNAM = dt.timezone(dt.timedelta(hours=7))


def last_commit_epoch(root: Path) -> str | None:
    """Seconds since 1970 of the checkout's last commit, or None outside git."""
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


def build_date() -> dt.date | None:
    """The day a build stands for, in Vietnam: from SOURCE_DATE_EPOCH when set (the hook sets it
    to the last commit's time), so that "waited 2 years" reads the same in every build of a
    checkout; None when unset (then the clock decides)."""
    stamp = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not stamp.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(stamp), VIETNAM).date()


def district_settings(district: dict) -> dict[str, str]:
    """MkDocs settings that follow from `extra.district`, the one place a fork edits: the site's
    name, description and copyright from the unit's name and province, its address and repository."""
    name, province = district.get("name"), district.get("province")
    settings: dict[str, str] = {}
    if name:
        settings["site_name"] = f"Bảng vàng thi đua, khen thưởng {name}"
        where = f"{name}, {province}" if province else name
        settings["site_description"] = f"Phong trào thi đua, điển hình tiên tiến và khen thưởng của {where}."
        settings["copyright"] = f"Ủy ban nhân dân {where}"
    if district.get("site_url"):
        settings["site_url"] = district["site_url"].rstrip("/") + "/"
    if district.get("repo"):
        settings["repo_url"] = f"https://github.com/{district['repo']}"
        settings["repo_name"] = district["repo"]
    return settings


def site_info(config) -> SiteInfo:
    """What the pages show about the site, from mkdocs.yml (`extra.district`, `repo_url`,
    `site_url`): the one place site settings are read; their defaults are SiteInfo's."""
    extra = config.get("extra") or {}
    district = extra.get("district") or {}
    repo_url = (config.get("repo_url") or "").rstrip("/")
    texts = {
        key: " ".join(str(district[key]).split())
        for key in ("name", "province", "contact", "address", "phone", "email")
        if district.get(key)
    }
    if "name" in texts:
        texts["district"] = texts.pop("name")
    return SiteInfo(
        **texts,
        site_url=config.get("site_url") or "",
        edit_base=f"{repo_url}/edit/{extra.get('branch', 'main')}/" if repo_url else None,
        docs_dir=Path(config["docs_dir"]) if config.get("docs_dir") else None,
        build_date=build_date(),
    )
