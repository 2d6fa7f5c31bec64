"""Valid HTML: the Nu Html Checker (vnu-jar from npm) finds no error on any built page, and the
copy of the theme's base.html differs from the installed one only by the documented fix."""

from __future__ import annotations

import difflib
import json
import shutil
import subprocess
from pathlib import Path

from helpers import require_tool

ROOT = Path(__file__).resolve().parents[1]
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_every_built_page_is_valid_html(built_site):
    require_tool(shutil.which("java") is not None, "Java (for vnu-jar)")
    require_tool(VNU.exists(), "vnu-jar (npm ci)")
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    assert len(pages) > 20
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors: dict[str, list[str]] = {}  # message: pages where it occurs
    for m in messages:
        if m.get("type") in ("error", "non-document-error"):
            where = f"{m.get('url', '').split(str(built_site))[-1]}:{m.get('lastLine')}"
            errors.setdefault(m.get("message", ""), []).append(where)
    report = [f"{msg} ({len(w)} pages, e.g. {w[0]})" for msg, w in sorted(errors.items())]
    assert report == [], "\n".join(report)


def test_theme_base_copy_differs_only_by_the_documented_fixes():
    """overrides/base.html is Material's own, less autocomplete="off" on two checkboxes, and with
    media="print" on the print style sheet: after a Material upgrade this fails until the copy is
    redone."""
    material = Path(__import__("material").__file__).parent / "templates" / "base.html"
    theirs = material.read_text(encoding="utf-8").splitlines()
    ours = (ROOT / "overrides" / "base.html").read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(theirs, ours, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    removed = [line[1:] for line in changed if line.startswith("-")]
    added = [line[1:] for line in changed if line.startswith("+")]
    css = '      <link rel="stylesheet" href="{{ path | url }}">'
    assert [line for line in removed if "md-toggle" not in line] == [
        "  This file was automatically generated - do not edit",
        css,
    ]
    toggles = [line for line in removed if "md-toggle" in line]
    assert [t.replace(' autocomplete="off"', "") for t in toggles] == [a for a in added if "md-toggle" in a]
    assert len(toggles) == 2
    assert css[:-1] + '{% if path.endswith("print.css") %} media="print"{% endif %}>' in added
    others = [a for a in added if "md-toggle" not in a and "stylesheet" not in a]
    assert all(a.startswith("  ") or a.startswith("{#") for a in others)
