"""Check every record under data/: `python scripts/validate.py` from the project root."""

from pathlib import Path

from bangvang.staff.cli import run, validate_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(validate_main, root=ROOT)
