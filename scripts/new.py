"""Start a new record: `python scripts/new.py KIND "Tên"` writes data/<folder>/<mã>.yml to fill in."""

from pathlib import Path

from bangvang.staff.cli import run
from bangvang.staff.scaffold import new_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(new_main, root=ROOT)
