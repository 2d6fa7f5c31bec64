"""Write the statistics forms of Thông tư 02/2023/TT-BNV (Biểu 0601–0605) for a year as .xlsx:
`python scripts/bieu_mau.py 2024 [--out bieu-mau-2024.xlsx]` from the project root."""

from pathlib import Path

from bangvang.staff.cli import run
from bangvang.staff.statistics_forms import bieu_mau_main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(bieu_mau_main, root=ROOT)
