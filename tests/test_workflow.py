"""The checks before merge: the GitHub workflow and the pre-commit hooks."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent


def _workflow() -> dict:
    # PyYAML (YAML 1.1) reads the key `on` as True; GitHub reads it as "on".
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def _steps(job: dict) -> list[dict]:
    return job.get("steps", [])


def test_workflow_is_valid_for_github():
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_is_the_only_one():
    assert [p.name for p in (ROOT / ".github" / "workflows").glob("*.y*ml")] == ["site.yml"]


def _step_index(steps: list[dict], needle: str) -> int:
    return next(i for i, step in enumerate(steps) if needle in (step.get("run", "") + step.get("uses", "")))


def test_pull_requests_are_checked_data_first_then_build_then_tests():
    flow = _workflow()
    assert {"pull_request", "push", "workflow_dispatch"} <= set(flow["on"])
    # one run per pull request: pushes only trigger runs on main (a PR branch's push is its PR's run)
    assert flow["on"]["push"] == {"branches": ["main"]}
    steps = _steps(flow["jobs"]["build"])
    setup = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert str(setup["with"]["python-version"]) == "3.11"
    validation, build, tests = (
        _step_index(steps, "scripts/pr_check.py"),
        _step_index(steps, "mkdocs build"),
        _step_index(steps, "bash .ci/run"),
    )
    assert validation < build < tests
    assert "--strict" in shlex.split(steps[build]["run"])
    assert "--base" in steps[validation]["run"]
    upload = _step_index(steps, "actions/upload-pages-artifact@")
    assert upload > tests  # nothing is published before every check has run


def test_superseded_runs_are_cancelled_and_installs_cached():
    flow = _workflow()
    assert "pull_request" in flow["concurrency"]["group"]
    assert "pull_request" in str(flow["concurrency"]["cancel-in-progress"])
    steps = _steps(flow["jobs"]["build"])
    python = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python@"))
    node = next(s for s in steps if s.get("uses", "").startswith("actions/setup-node@"))
    assert python["with"]["cache"] == "pip" and node["with"]["cache"] == "npm"
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # the base branch is there to compare with


def test_a_pull_requests_built_site_is_uploaded_to_look_at():
    steps = _steps(_workflow()["jobs"]["build"])
    artifact = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert artifact["if"] == "github.event_name == 'pull_request'"
    assert artifact["with"]["path"] == "site"


def test_the_workflow_runs_the_same_commands_as_ci_run():
    """Tests are run by .ci/run itself (never a second, diverging command list in the workflow)."""
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pytest" in ci_run
    for job in _workflow()["jobs"].values():
        for step in _steps(job):
            assert "pytest" not in step.get("run", ""), "run the tests through .ci/run"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    build_cmd = next(s.get("run") for s in _steps(_workflow()["jobs"]["build"]) if "mkdocs build" in s.get("run", ""))
    assert build_cmd.strip() in readme, "the workflow builds as the README says"


def test_only_main_deploys_to_pages_on_push_or_a_manual_run():
    flow = _workflow()
    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    upload = next(s for s in _steps(build) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    for condition in (upload["if"], deploy["if"]):
        assert "github.event_name != 'pull_request'" in condition and "refs/heads/main" in condition
    assert upload["with"]["path"] == "site"
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in _steps(deploy))
    assert flow["permissions"] == {"contents": "read"}  # least privilege outside the deploy job


def _project_files() -> list[str]:
    skip = {".venv", "site", "node_modules", ".git", "__pycache__", ".pytest_cache"}
    return sorted(
        p.relative_to(ROOT).as_posix()
        for p in ROOT.rglob("*")
        if p.is_file() and not skip & set(p.relative_to(ROOT).parts)
    )


def _hooks() -> list[dict]:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_runs_validation_once_in_vietnamese_and_keeps_schemas_current():
    hooks = _hooks()
    assert hooks and all({"id", "name", "entry", "language"} <= set(h) for h in hooks)
    entries = [h["entry"] for h in hooks]
    assert sum("scripts/validate.py" in e for e in entries) == 1
    assert any("export_schemas.py --check" in e for e in entries)
    # no second, English report of the same errors (validate.py checks all the schemas do)
    assert not any("check-jsonschema" in e for e in entries)
    validate_hook = next(h for h in hooks if "scripts/validate.py" in h["entry"])
    assert re.search(validate_hook["files"], "data/awards/2022/x.yml")
    assert re.search(validate_hook["files"], "docs/images/models/anh.jpg")  # photos are checked too
    for hook in hooks:
        assert hook.get("files"), f"{hook['id']} runs on every file"


@pytest.mark.parametrize("hook", _hooks(), ids=lambda h: h["id"])
def test_each_pre_commit_hook_passes_on_the_seed_data(hook):
    if not (ROOT / ".venv").is_dir():
        pytest.skip("hooks run from the project's .venv")
    files = [f for f in _project_files() if re.search(hook.get("files", ""), f)]
    if hook.get("pass_filenames", True) and not files:
        pytest.skip(f"no file for {hook['id']}")
    cmd = shlex.split(hook["entry"]) + (files if hook.get("pass_filenames", True) else [])
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def test_editor_schema_still_refuses_a_typo(tmp_path):
    """The JSON Schemas serve editors (VS Code underlines a typo as staff type)."""
    bad = tmp_path / "xa-moi.yml"
    bad.write_text("name: Xã Mới\nkind: xa\nnmae: lỗi gõ\n", encoding="utf-8")
    cmd = [str(BIN / "check-jsonschema"), "--schemafile", str(ROOT / "schemas" / "units.schema.json"), str(bad)]
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "nmae" in result.stdout
