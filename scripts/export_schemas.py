"""Write the editors' JSON Schemas to schemas/ from the record types (`--check`: only compare)."""

import sys
from pathlib import Path

from bangvang.publish import json_schemas as jsonschema
from bangvang.staff.cli import StaffArgumentParser, run

ROOT = Path(__file__).resolve().parents[1]


def main(argv=None) -> int:
    parser = StaffArgumentParser(
        prog="export_schemas.py", description="Tạo lại các tệp schemas/<loại>.schema.json từ schema.py."
    )
    parser.add_argument("--check", action="store_true", help="chỉ kiểm tra, không ghi (lỗi nếu tệp đã cũ)")
    parser.add_argument("--out", type=Path, default=ROOT / "schemas", help="thư mục ghi (mặc định: schemas/)")
    args = parser.parse_args(argv)
    if args.check:
        old = jsonschema.stale(args.out)
        if old:
            print(
                "Các tệp schema đã cũ so với hooks/bangvang/records/schema.py: "
                + ", ".join(old)
                + ". Chạy: python scripts/export_schemas.py",
                file=sys.stderr,
            )
            return 1
        print("Các tệp schema khớp với schema.py.")
        return 0
    for path in jsonschema.write_all(args.out):
        print(f"Đã ghi {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    run(main, root=ROOT)
