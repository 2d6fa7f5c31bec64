"""The package's stages import only earlier stages: data flows one way (ARCHITECTURE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "hooks" / "bangvang"
ORDER = ["records", "website", "publish", "search", "staff"]
SHARED = {"text", "urls"}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.level:
                raise AssertionError(f"{path}: relative import; import by the package's name")
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "bangvang" or len(parts) < 2:
        return None
    return parts[1]


@pytest.mark.parametrize("stage", ORDER)
def test_a_stage_imports_no_later_stage(stage):
    later = set(ORDER[ORDER.index(stage) + 1 :]) | {"build", "settings"}
    offenders = []
    for path in sorted((PACKAGE / stage).rglob("*.py")):
        for module in _imports(path):
            if _stage_of(module) in later:
                offenders.append(f"{path.relative_to(PACKAGE)} imports {module}")
    assert not offenders, offenders


def test_shared_modules_import_no_stage():
    for name in SHARED:
        stages = {_stage_of(m) for m in _imports(PACKAGE / f"{name}.py")} - {None} - SHARED
        assert not stages, f"{name}.py imports {stages}"


def test_nothing_in_the_package_imports_mkdocs():
    for path in PACKAGE.rglob("*.py"):
        assert not any(m.split(".")[0] == "mkdocs" for m in _imports(path)), path
