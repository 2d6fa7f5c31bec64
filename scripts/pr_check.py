"""The pull request's data check: `python scripts/pr_check.py --base origin/main`.

Errors as `file:line:col: message` (and, on GitHub Actions, as annotations on the changed lines);
a Vietnamese summary of the change (records added, changed, removed; totals by year before → after)
into $GITHUB_STEP_SUMMARY or --summary FILE.
"""

from pathlib import Path

from bangvang.staff.cli import run
from bangvang.staff.pr_report import pr_check_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(pr_check_main, root=ROOT)
