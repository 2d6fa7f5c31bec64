"""Check every record under data/: `python scripts/validate.py` from the project root."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from bangvang.cli import run, validate_main  # noqa: E402

if __name__ == "__main__":
    run(validate_main)
