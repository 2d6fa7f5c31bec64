"""Import an honour list: `python scripts/import_awards.py FILE --award ID --year YYYY [...]`."""

from pathlib import Path

from bangvang.staff.cli import run
from bangvang.staff.importer import import_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(import_main, root=ROOT)
