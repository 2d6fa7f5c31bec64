"""Write a synthetic data set: `python scripts/generate_sample.py --scale 1 --out /tmp/mau [--seed 1]`.

The records go to <out>/data (never the project's own data/); the logic is in
hooks/bangvang/sample.py.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from bangvang.cli import run  # noqa: E402
from bangvang.sample import generate_main  # noqa: E402

if __name__ == "__main__":
    run(generate_main)
