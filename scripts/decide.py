"""A proposal decided: `python scripts/decide.py ID --decision 456/QĐ-UBND --date 10/02/2022`."""

from pathlib import Path

from bangvang.staff.cli import run
from bangvang.staff.decide import decide_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(decide_main, root=ROOT)
