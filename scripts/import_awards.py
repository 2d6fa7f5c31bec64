"""Import an honour list: `python scripts/import_awards.py FILE --award ID --year YYYY [...]`."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "hooks"))

from bangvang.cli import run  # noqa: E402
from bangvang.importer import import_main  # noqa: E402

if __name__ == "__main__":
    run(import_main)
