"""Start a new record: `python scripts/new.py KIND "Tên"` writes data/<folder>/<mã>.yml to fill in."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from bangvang.cli import run  # noqa: E402
from bangvang.scaffold import new_main  # noqa: E402

if __name__ == "__main__":
    run(new_main)
