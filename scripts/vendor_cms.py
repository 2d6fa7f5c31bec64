"""Copy the browser editor (npm @sveltia/cms, pinned in package.json) into docs/quan-tri/sveltia/.

After changing its version in package.json: `npm ci`, then `python scripts/vendor_cms.py`
(`--check`: only compare). The logic and the list of changes to the bundle are in
scripts/devtools/cms_vendor.py.
"""

from pathlib import Path

from bangvang.staff.cli import run
from devtools.cms_vendor import main

ROOT = Path(__file__).resolve().parents[1]

if __name__ == "__main__":
    run(lambda argv: main(argv, root=ROOT), root=ROOT)
