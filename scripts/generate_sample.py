"""Write a synthetic data set: `python scripts/generate_sample.py --scale 1 --out /tmp/mau [--seed 1]`.

The records go to <out>/data (never the project's own data/); the logic is in
scripts/devtools/sample.py.
"""

from pathlib import Path

from bangvang.staff.cli import run
from devtools.sample import generate_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(generate_main, root=ROOT)
