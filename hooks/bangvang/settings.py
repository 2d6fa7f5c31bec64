"""Settings of the site that come from the project rather than from the records: the publishing
unit's block in mkdocs.yml (`extra.district`), and the date that makes builds reproducible."""
from __future__ import annotations

import subprocess
from pathlib import Path


def last_commit_epoch(root: Path) -> str | None:
    """Seconds since 1970 of the checkout's last commit, or None outside git."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True,
                                text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    return stamp if result.returncode == 0 and stamp.isdigit() else None


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

