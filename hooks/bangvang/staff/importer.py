"""scripts/import_awards.py: an honour list (.xlsx or .csv) becomes one award record, and
nothing is misread silently.

The steps, each in its own module: sheet_reading (the file, bounded by what it holds),
column_mapping (the header), list_parsing (rows, sections, closing line, title),
recipient_matching (records), award_writing (the file). This module runs them and tells staff
what happened; every run ends with the "Cần xem lại" list.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bangvang.records import schema as s
from bangvang.records.dataset import DataSet, Record
from bangvang.staff import award_writing, cli
from bangvang.staff.column_mapping import Layout, find_layout
from bangvang.staff.list_parsing import KIND_WORDS_VI, HonourList, describe_count, parse_list
from bangvang.staff.list_words import key
from bangvang.staff.recipient_matching import Recipient, Resolver
from bangvang.staff.review import BLOCKING_MARK, ImportRefused, Review
from bangvang.staff.sheet_reading import SheetInfo, Table, Workbook, column_letter, file_kind, read_text_table

RECIPIENT_TO_COUNT = {"tap_the": "unit", "ca_nhan": "person", "ho_gia_dinh": "household"}
COLUMN_NAMES = {
    "stt": "số thứ tự",
    "person_name": "họ tên",
    "unit_name": "tên tập thể",
    "mixed_name": "tên tập thể, cá nhân",
    "household_name": "tên hộ gia đình",
    "position": "chức vụ",
    "unit": "đơn vị",
    "position_unit": "chức vụ, đơn vị",
    "reason": "thành tích (reason)",
    "note": "ghi chú (không nhập)",
    "form": "hình thức khen thưởng (để đối chiếu)",
}

DESCRIPTION = """\
Nhập danh sách khen thưởng (.xlsx hoặc .csv) thành MỘT bản ghi khen thưởng trong
data/awards/<năm>/. Đọc được danh sách kèm quyết định như thường gặp: quốc hiệu và tiêu đề ở
trên, tiêu đề bảng hai tầng có ô gộp, dòng đánh số cột (1) (2) (3), các mục "I. TẬP THỂ",
"II. CÁ NHÂN", "1. Khối trường học", ô đơn vị gộp cho nhiều người, dòng "Ấn định danh sách có
… tập thể và … cá nhân" (được đối chiếu với số dòng đọc được)."""

EPILOG = """\
Kết quả:
  Lệnh in những gì đã đọc, rồi danh sách "Cần xem lại": mọi dòng, ô đã bỏ qua, đã sửa
  (bỏ "Ông/Bà", tách đơn vị khỏi chức vụ…) hoặc đã đoán, theo số dòng trong Excel.
  Dòng bắt đầu bằng "(!)" là chỗ bản ghi có thể THIẾU so với bảng: một dòng không nhập
  được, hoặc số lượng đọc được khác số ghi trong danh sách.

Mã thoát:
  0  đã ghi bản ghi, hợp lệ, không có mục "(!)" (vẫn đọc "Cần xem lại" nếu có);
  1  có mục "(!)": bản ghi VẪN ĐƯỢC GHI để xem, nhưng dòng cuối là "CHƯA XONG" — sửa bảng
     rồi nhập lại, hoặc sửa tệp bằng tay; hoặc lệnh từ chối, không ghi gì ("Không nhập: …");
  2  sai cách gọi lệnh (thiếu tham số, tham số lạ).

Nhập lại cùng quyết định (cùng --out, hoặc cùng danh hiệu và số quyết định) thì CẬP NHẬT
bản ghi đó: người nhận và thành tích lấy từ bảng; các trường bảng không có (campaign, note,
issuer, status…, "person: mã" đã chọn tay) được giữ nguyên.

Ví dụ:
  python scripts/import_awards.py danh-sach.xlsx --award bang-khen-tinh --year 2022 \\
      --decision 456/QĐ-UBND --date 10/02/2022 --issuer "Chủ tịch UBND tỉnh Hải Dương"
Hướng dẫn đầy đủ: docs/huong-dan/tren-may.md, mục "Nhập danh sách khen thưởng từ Excel"."""


def build_parser() -> cli.StaffArgumentParser:
    parser = cli.StaffArgumentParser(prog="import_awards.py", description=DESCRIPTION, epilog=EPILOG)
    parser.add_argument(
        "file",
        type=cli.path_arg,
        metavar="TỆP",
        help="tệp .xlsx, hoặc .csv (UTF-8; dấu phẩy, chấm phẩy hoặc tab đều được)",
    )
    parser.add_argument(
        "--award",
        required=True,
        type=cli.text_arg(200, "mã danh hiệu"),
        metavar="MÃ",
        help="mã danh hiệu, hình thức trong data/vocab/awards.yml (hoặc đúng tên của nó)",
    )
    parser.add_argument("--year", required=True, type=cli.year_arg, metavar="NĂM", help="năm khen thưởng")
    parser.add_argument(
        "--decision",
        type=cli.text_arg(60, "số quyết định"),
        metavar="SỐ",
        help="số quyết định, ví dụ 456/QĐ-UBND (bỏ trống: lấy từ tiêu đề bảng nếu có)",
    )
    parser.add_argument("--date", type=cli.date_arg, metavar="NGÀY", help="ngày quyết định, DD/MM/YYYY")
    parser.add_argument(
        "--issuer",
        type=cli.text_arg(200, "cấp tặng"),
        metavar="CẤP_TẶNG",
        help="ai quyết định khen thưởng, ví dụ 'Chủ tịch UBND tỉnh Hải Dương'",
    )
    parser.add_argument(
        "--campaign",
        type=cli.text_arg(100, "mã phong trào"),
        metavar="MÃ",
        help="mã phong trào thi đua trong data/campaigns/",
    )
    parser.add_argument(
        "--status",
        choices=list(s.AWARD_STATUS.choices)[:2],
        metavar="TRẠNG_THÁI",
        help="tang (đã tặng, mặc định) hoặc de_nghi (đề nghị cấp trên)",
    )
    parser.add_argument(
        "--sheet",
        action="append",
        type=cli.text_arg(100, "tên trang tính"),
        metavar="TRANG",
        help="trang tính cần đọc: tên hoặc số thứ tự (1 là trang đầu); ghi nhiều lần để gộp "
        "nhiều trang vào một bản ghi. Mặc định: trang có dòng tiêu đề danh sách",
    )
    parser.add_argument(
        "--out",
        type=cli.path_arg,
        metavar="TỆP_RA",
        help="tệp ghi ra, tính từ thư mục dự án (mặc định: data/awards/<năm>/<mã danh hiệu>-<số quyết định>.yml)",
    )
    parser.add_argument(
        "--data", type=cli.path_arg, default=None, metavar="THƯ_MỤC", help="thư mục dữ liệu (mặc định: data/ của dự án)"
    )
    return parser


def find_vocab(dataset: DataSet, wanted: str) -> Record | None:
    """The vocabulary entry by id, or by folded name or alias."""
    if wanted in dataset.vocab:
        return dataset.vocab[wanted]
    for entry in dataset.vocab.values():
        if key(wanted) in {
            key(x) for x in [entry.get("name", ""), *(entry.get("aliases") or [])] if isinstance(x, str)
        }:
            return entry
    return None


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------


def say(line: str = "") -> None:
    print(line, flush=True)


def warn(line: str) -> None:
    sys.stdout.flush()  # keep the report in order when both streams go to one console
    print(line, file=sys.stderr, flush=True)


def print_review(review: Review) -> None:
    lines = review.lines()
    blocking = len(review.blocking)
    if not lines:
        say("Cần xem lại: không có.")
        return
    head = f"Cần xem lại ({len(lines)} mục"
    head += (
        f"; {blocking} chỗ đánh dấu {BLOCKING_MARK.strip()} là chỗ bản ghi có thể thiếu so với bảng):"
        if blocking
        else "):"
    )
    say(head)
    for line in lines:
        say(f"  {line}")


# ---------------------------------------------------------------------------------------------
# Reading the file
# ---------------------------------------------------------------------------------------------


@dataclass
class Read:
    lists: list[HonourList] = field(default_factory=list)
    description: str = ""


def read_lists(path: Path, sheets: list[str] | None, review: Review) -> Read:
    kind = file_kind(path)
    if kind == "text":
        if sheets:
            review.file_note("--sheet chỉ dùng cho tệp .xlsx; tệp CSV chỉ có một bảng")
        table = read_text_table(path, review)
        return Read([_list_of(table, review, path)], table.description)
    with Workbook(path) as book:
        worksheets = [i for i in book.sheets if not i.is_chart]
        if not worksheets:
            raise ImportRefused(f"{path.name} không có trang tính nào có bảng (chỉ có biểu đồ)")
        if sheets:
            chosen = [_sheet(book.sheets, wanted) for wanted in dict.fromkeys(sheets)]
            review.several_sheets = len(chosen) > 1
            lists = []
            for info in chosen:
                review.sheet = info.name
                lists.append(_list_of(book.read(info), review, path, info))
            review.sheet = None
            return Read(lists, ", ".join(f"trang tính '{i.name}'" for i in chosen))
        active = next((i for i in book.sheets if i.active), None)
        order = sorted(worksheets, key=lambda i: (not i.active, i.hidden, i.index))
        found: list[SheetInfo] = []
        for info in order:
            if find_layout(book.read(info, head_only=True)) is not None:
                found.append(info)
        if not found:
            names = ", ".join(f"'{i.name}'" for i in worksheets)
            raise ImportRefused(
                f"không tìm thấy dòng tiêu đề danh sách ở trang tính nào ({names}): cần một dòng có "
                "cột tên ('Họ và tên', 'Tên tập thể' hoặc 'Tên tập thể, cá nhân') và ít nhất một cột "
                "khác ('STT', 'Chức vụ', 'Đơn vị', 'Thành tích'…) trong "
                "40 dòng đầu"
            )
        info = found[0]
        if active is not None and active.is_chart:
            review.file_note(
                f"trang đang mở của tệp là biểu đồ '{active.name}': đọc danh sách ở trang tính '{info.name}'"
            )
        elif info.index != 1 or (active is not None and info is not active):
            review.file_note(
                f"danh sách ở trang tính '{info.name}' (trang thứ {info.index}), không phải trang "
                "đầu: kiểm tra đúng trang; chọn trang khác bằng --sheet"
            )
        if len(found) > 1:
            others = ", ".join(f"'{i.name}'" for i in found[1:])
            review.file_note(
                f"tệp còn {len(found) - 1} trang tính khác cũng có danh sách ({others}) nhưng CHƯA "
                "được nhập: gộp vào bản ghi này bằng --sheet cho từng trang (ví dụ --sheet "
                f"'{info.name}' --sheet {others.split(', ')[0]}), hoặc nhập riêng với --out khác",
                blocking=True,
            )
        table = book.read(info)
        return Read([_list_of(table, review, path, info)], f"trang tính '{info.name}'")


def _sheet(sheets: list[SheetInfo], wanted: str) -> SheetInfo:
    names = ", ".join(f"{i.index} '{i.name}'" + (" (biểu đồ)" if i.is_chart else "") for i in sheets)
    if wanted.isdigit() and wanted.isascii():
        number = int(wanted)
        found = next((i for i in sheets if i.index == number), None)
    else:
        found = next((i for i in sheets if i.name == wanted), None) or next(
            (i for i in sheets if key(i.name) == key(wanted)), None
        )
    if found is None:
        raise ImportRefused(f"không có trang tính '{wanted}'; tệp có: {names}")
    if found.is_chart:
        raise ImportRefused(f"trang '{found.name}' là trang biểu đồ, không có bảng; tệp có: {names}")
    return found


def _list_of(table: Table, review: Review, path: Path, info: SheetInfo | None = None) -> HonourList:
    layout = find_layout(table)
    if layout is None:
        where = f"trang tính '{info.name}'" if info else path.name
        raise ImportRefused(
            f"không tìm thấy dòng tiêu đề danh sách trong {where}: cần một dòng (trong 40 dòng đầu "
            "có dữ liệu) có cột tên ('Họ và tên', 'Tên tập thể' hoặc 'Tên tập thể, cá nhân') và ít "
            "nhất một cột khác ('STT', 'Chức vụ', 'Đơn vị', 'Thành tích'…)"
        )
    for text in layout.assumed:
        review.note(layout.header_end, text)
    if (0, -1) in table.unknown:
        review.file_note(table.unknown[(0, -1)])
    return parse_list(table, layout, review)


# ---------------------------------------------------------------------------------------------
# Counts
# ---------------------------------------------------------------------------------------------


def check_counts(
    lists: list[HonourList], recipients: list[Recipient], review: Review, agreed: list[str] | None = None
) -> bool | None:
    """Compare the list's own counts with what was read: True all agree, False one differs,
    None the list states no count. Counts that agree are added to `agreed` (for the report)."""
    agreed = agreed if agreed is not None else []
    kind_of = {id(r.entry): RECIPIENT_TO_COUNT[r.kind] for r in recipients}
    stated = False
    agree = True

    def tally(entries) -> dict[str, int]:
        out: dict[str, int] = {}
        for e in entries:
            k = kind_of.get(id(e))
            if k:
                out[k] = out.get(k, 0) + 1
        return out

    for hl in lists:
        review.sheet = hl.table.name if review.several_sheets else None
        for section in hl.sections:
            if not section.declared:
                continue
            stated = True
            read = tally(section.entries)
            wrong = {k: n for k, n in section.declared.items() if read.get(k, 0) != n}
            if not wrong:
                agreed.append(
                    f"dòng {section.row} '{section.title}': đọc được {describe_count(section.declared)}, khớp"
                )
            if wrong:
                agree = False
                review.note(
                    section.row,
                    f"mục '{section.title}' ghi {describe_count(section.declared)} nhưng đọc được "
                    f"{describe_count({k: read.get(k, 0) for k in section.declared})}",
                    blocking=True,
                )
        for closing in hl.closings:
            entries = hl.entries if closing.final else hl.entries[closing.since :]
            read = tally(entries)
            if not closing.counts:
                continue
            stated = True
            wrong = {k: n for k, n in closing.counts.items() if read.get(k, 0) != n}
            missing = {k: n for k, n in read.items() if n and k not in closing.counts} if closing.final else {}
            if not (wrong or missing):
                agreed.append(f"dòng {closing.row} '{closing.text}': đọc được {describe_count(closing.counts)}, khớp")
            if wrong or missing:
                agree = False
                shown = {**{k: read.get(k, 0) for k in closing.counts}, **missing}
                review.note(
                    closing.row,
                    f"dòng '{closing.text}' ghi {describe_count(closing.counts)} nhưng đọc "
                    f"được {describe_count(shown)}",
                    blocking=True,
                )
    review.sheet = None
    return agree if stated else None


# ---------------------------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------------------------


def import_main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    review = Review()
    read_anything = [False]
    try:
        return _import(args, review, read_anything)
    except ImportRefused as refusal:
        if read_anything[0]:
            print_review(review)
        warn(f"Không nhập: {refusal}. Chưa ghi tệp nào.")
        return 1


def _import(args, review: Review, read_anything: list) -> int:
    from bangvang.records.errors import ErrorLog
    from bangvang.records.loader import load_dataset

    data_dir = cli.project_path(args.data) if args.data else cli.PROJECT_ROOT / "data"
    shown = cli.shown_path
    if not data_dir.is_dir():
        raise ImportRefused(f"không tìm thấy thư mục dữ liệu {shown(data_dir)}")
    dataset = load_dataset(data_dir, ErrorLog())
    entry = find_vocab(dataset, args.award)
    if entry is None:
        raise ImportRefused(
            f"không có danh hiệu, hình thức nào mã hoặc tên '{args.award}' trong "
            f"data/{s.VOCAB_PATH}; mở tệp đó để xem các mã"
        )
    if args.campaign and args.campaign not in dataset.kind("campaigns"):
        raise ImportRefused(f"không có phong trào nào mã '{args.campaign}' trong data/campaigns/")
    source: Path = args.file
    if not source.exists():
        raise ImportRefused(f"không tìm thấy tệp {cli.shown_argument(str(source))}")
    if not source.is_file():
        raise ImportRefused(f"{cli.shown_argument(str(source))} không phải một tệp (thư mục hoặc thiết bị)")
    out = cli.project_path(args.out) if args.out else None

    read = read_lists(source, args.sheet, review)
    read_anything[0] = True
    lists = read.lists
    for hl in lists:
        _describe_list(source, hl, review)

    has_unit_column = any("unit" in hl.layout.columns or "position_unit" in hl.layout.columns for hl in lists)
    resolver = Resolver(dataset, review, has_unit_column)
    recipients: list[Recipient] = []
    for hl in lists:
        review.sheet = hl.table.name if review.several_sheets else None
        for e in hl.entries:
            recipients.append(resolver.resolve(e))
    review.sheet = None
    resolver.file_notes()
    agreed: list[str] = []
    confirmed = check_counts(lists, recipients, review, agreed)
    if agreed:
        say("Đối chiếu số lượng với danh sách:")
        for line in agreed:
            say(f"  {line}")
    if confirmed is None:
        totals: dict[str, int] = {}
        for r in recipients:
            totals[RECIPIENT_TO_COUNT[r.kind]] = totals.get(RECIPIENT_TO_COUNT[r.kind], 0) + 1
        review.file_note(
            "danh sách không có dòng ghi số lượng (như 'Ấn định danh sách có … tập thể và … cá nhân'): "
            f"không đối chiếu được; đếm lại trên bản giấy: đọc được {describe_count(totals)}"
        )
    review.settle(bool(confirmed))

    recipients = _without_duplicates(recipients, review)
    if not recipients:
        print_review(review)
        raise ImportRefused("không có dòng nào nhập được")
    reason, reasons_apart = _reasons(lists, recipients)
    _check_form(lists, entry, review)

    decision, date, issuer = _decision(args, lists, review)
    if date is not None and date.year != args.year:
        review.file_note(f"ngày quyết định {date.strftime('%d/%m/%Y')} không thuộc năm {args.year} (--year)")
    fresh: dict = {"year": args.year, "award": entry.id}
    carried = {"year", "award", "recipients"}
    if args.status:
        fresh["status"] = args.status
        carried.add("status")
    if issuer:
        fresh["issuer"] = issuer
        carried.add("issuer")
    if decision or date:
        fresh["decision"] = {k: v for k, v in (("number", decision), ("date", date.isoformat() if date else None)) if v}
        carried.add("decision")
    if args.campaign:
        fresh["campaign"] = args.campaign
        carried.add("campaign")
    if reason:
        fresh["reason"] = reason
        carried.add("reason")
    fresh["recipients"] = [r.data for r in recipients]
    for r in recipients:
        if reasons_apart and r.entry.reason:
            r.data["reason"] = r.entry.reason
    sheet_keys = {"name", "kind"}
    if any(c in hl.layout.columns for hl in lists for c in ("position", "position_unit")):
        sheet_keys.add("position")
    if has_unit_column:
        sheet_keys |= {"unit", "unit_name"}
    if any("reason" in hl.layout.columns for hl in lists):
        sheet_keys.add("reason")

    target = award_writing.plan_target(
        data_dir=data_dir,
        dataset=dataset,
        out=out,
        year=args.year,
        award_id=entry.id,
        decision=decision,
        source=source,
        shown=shown,
    )
    if target.existing is not None and "issuer" in carried and not args.issuer and target.existing.get("issuer"):
        carried.discard("issuer")  # the title's issuer never replaces one written by hand
    merged = award_writing.merge(target.existing, fresh, carried, sheet_keys, dataset, review)
    merged.kept = [k for k in merged.kept if fresh.get(k) != (target.existing or {}).get(k)]
    if target.existing is not None and award_writing.hand_comments(target.existing_text):
        review.file_note(
            f"các dòng chú thích (#) viết tay trong {shown(target.path)} không giữ được khi cập nhật; "
            "chép lại vào 'note' nếu cần"
        )
    text = award_writing.yaml_text(merged.record, source.name, dt.date.today())
    try:
        errors = award_writing.check(text, target, data_dir, cli.PROJECT_ROOT / "docs", shown)
    except OSError as exc:
        raise ImportRefused(
            f"không kiểm tra được bản ghi: không đọc được {cli.shown_argument(str(exc.filename))} "
            f"({exc.strerror or exc})"
        ) from None
    _summary(recipients)
    if errors:
        print_review(review)
        warn("Bản ghi tạo ra chưa hợp lệ nên KHÔNG GHI:")
        for line in errors:
            warn(f"  {line}")
        return 1
    try:
        award_writing.write(text, target.path)
    except OSError as exc:
        raise ImportRefused(
            f"không ghi được {shown(target.path)} ({exc.strerror or exc}); kiểm tra quyền ghi "
            "thư mục, hoặc chọn --out khác"
        ) from None
    counted = _counted(recipients)
    if target.existing is not None:
        kept = f"; giữ nguyên các trường sửa tay: {', '.join(merged.kept)}" if merged.kept else ""
        say(f"Đã cập nhật {shown(target.path)} ({target.why}): {counted}{kept}.")
    else:
        say(f"Đã ghi {shown(target.path)}: {counted}.")
    print_review(review)
    if review.blocking:
        warn(
            f"CHƯA XONG: {len(review.blocking)} mục đánh dấu {BLOCKING_MARK.strip()} ở trên — bảng có dòng không "
            "nhập được hoặc số lượng không khớp với danh sách, nên bản ghi có thể thiếu. Tệp đã ghi để xem; sửa "
            "bảng tính rồi chạy lại lệnh (lệnh cập nhật đúng tệp này), hoặc sửa tệp bằng tay trước khi gửi."
        )
        return 1
    say("Xong: bản ghi hợp lệ (đã kiểm tra như scripts/validate.py). Mở tệp đọc lại trước khi gửi.")
    return 0


def _describe_list(source: Path, hl: HonourList, review: Review) -> None:
    layout: Layout = hl.layout
    rows = layout.header_rows
    header = f"dòng {rows[0]}" if len(rows) == 1 else f"dòng {rows[0]}–{rows[-1]}"
    where = f"trang tính '{hl.table.name}'" if hl.table.name else hl.table.description
    extra = f"; dòng đánh số cột: dòng {layout.number_row}" if layout.number_row else ""
    say(f"Đọc {source.name}, {where}: tiêu đề bảng ở {header}{extra}; {len(hl.entries)} dòng danh sách.")
    if hl.title_lines:
        first, last = hl.title_lines[0][0], hl.title_lines[-1][0]
        say(
            f"  Phần đầu văn bản (quốc hiệu, tiêu đề), không nhập: dòng {first}" + (f"–{last}" if last != first else "")
        )
    used = []
    for kind, cols in layout.columns.items():
        for c in cols:
            used.append((c, f"{column_letter(c)} '{layout.labels[c]}' → {COLUMN_NAMES.get(kind, kind)}"))
    say("  Cột: " + "; ".join(text for _, text in sorted(used)))
    if layout.private:
        say(
            "  Không bao giờ nhập (thông tin cá nhân): "
            + ", ".join(f"{column_letter(c)} '{label}'" for c, label in sorted(layout.private.items()))
        )
    review.sheet = hl.table.name if review.several_sheets else None
    for c, label in sorted(layout.unused.items()):
        filled = [r.number for r in hl.table.rows[layout.body_start :] if r.get(c)]
        if filled:
            review.note(None, f"cột {column_letter(c)} '{label}' có dữ liệu nhưng không được nhập")
    review.sheet = None
    for section in hl.sections:
        kind = KIND_WORDS_VI.get(section.kind or "", "(nhóm)" if not section.kind else "tập thể, cá nhân")
        say(f"  Mục ở dòng {section.row}: '{section.title}' → {kind}")
    for closing in hl.closings:
        say(f"  Dòng số lượng ở dòng {closing.row}: '{closing.text}'")
    if hl.end_rows:
        say(
            f"  Phần cuối văn bản (chữ ký, nơi nhận…), không nhập: dòng {hl.end_rows[0]}"
            + (f"–{hl.end_rows[-1]}" if hl.end_rows[-1] != hl.end_rows[0] else "")
        )


def _without_duplicates(recipients: list[Recipient], review: Review) -> list[Recipient]:
    seen: dict[tuple, Recipient] = {}
    out = []
    for r in recipients:
        first = seen.get(r.identity)
        if first is not None:
            review.note(
                r.entry.row, f"'{r.entry.name}' trùng với dòng {first.entry.row}, không nhập lần nữa", blocking=True
            )
            continue
        seen[r.identity] = r
        out.append(r)
    return out


def _reasons(lists: list[HonourList], recipients: list[Recipient]) -> tuple[str | None, bool]:
    """(the award's reason, whether reasons differ per recipient): one shared value goes to the
    award; differing values stay with each recipient."""
    if not any("reason" in hl.layout.columns for hl in lists):
        return None, False
    values = [r.entry.reason for r in recipients]
    given = [v for v in values if v]
    if not given:
        return None, False
    if len(given) == len(values) and len({key(v) for v in given}) == 1:
        return given[0], False
    return None, True


def _check_form(lists: list[HonourList], entry: Record, review: Review) -> None:
    forms: dict[str, tuple[str, int]] = {}
    for hl in lists:
        for e in hl.entries:
            if e.form:
                forms.setdefault(key(e.form), (e.form, e.row))
    if len(forms) > 1:
        shown = "; ".join(f"'{text}' (dòng {row})" for text, row in forms.values())
        review.file_note(
            f"cột hình thức khen thưởng có {len(forms)} giá trị khác nhau ({shown}) mà một bản ghi chỉ "
            "có một hình thức (--award): tách danh sách theo hình thức rồi nhập từng phần",
            blocking=True,
        )
    elif forms:
        text, row = next(iter(forms.values()))
        names = {key(x) for x in [entry.get("name", ""), *(entry.get("aliases") or [])] if isinstance(x, str)}
        if key(text) not in names:
            review.note(
                row,
                f"danh sách ghi hình thức '{text}'; bản ghi dùng --award {entry.id} "
                f"('{entry.get('name', '')}'): kiểm tra đúng danh hiệu",
            )


def _decision(args, lists: list[HonourList], review: Review) -> tuple[str | None, dt.date | None, str | None]:
    hl = next((h for h in lists if h.decision_number), None)
    number, date, issuer = args.decision, args.date, args.issuer
    if hl is None:
        return number, date, issuer
    row = hl.decision_row
    review.sheet = hl.table.name if review.several_sheets else None
    if number is None:
        number = hl.decision_number
        review.note(row, f"số quyết định lấy từ tiêu đề bảng: {number} (đổi bằng --decision)")
    elif key(number) != key(hl.decision_number or ""):
        review.note(row, f"tiêu đề bảng ghi quyết định {hl.decision_number}, khác --decision {number}: kiểm tra lại")
    if hl.decision_date is not None:
        if date is None:
            date = hl.decision_date
            review.note(row, f"ngày quyết định lấy từ tiêu đề bảng: {date.strftime('%d/%m/%Y')} (đổi bằng --date)")
        elif date != hl.decision_date:
            review.note(
                row,
                f"tiêu đề bảng ghi ngày {hl.decision_date.strftime('%d/%m/%Y')}, khác --date "
                f"{date.strftime('%d/%m/%Y')}: kiểm tra lại",
            )
    if issuer is None and hl.issuer:
        issuer = hl.issuer
        review.note(row, f"cấp tặng lấy từ tiêu đề bảng: '{issuer}' (đổi bằng --issuer)")
    review.sheet = None
    return number, date, issuer


def _counted(recipients: list[Recipient]) -> str:
    totals: dict[str, int] = {}
    for r in recipients:
        totals[RECIPIENT_TO_COUNT[r.kind]] = totals.get(RECIPIENT_TO_COUNT[r.kind], 0) + 1
    return describe_count(totals)


def _summary(recipients: list[Recipient]) -> None:
    matched = [r for r in recipients if r.record is not None]
    if matched:
        say(f"Khớp với bản ghi có sẵn ({len(matched)}):")
        for r in matched:
            assert r.record is not None
            label = "tập thể" if r.record.folder == "units" else "cá nhân"
            say(f"  dòng {r.entry.row}: {r.entry.name} → {label} {r.record.id}")
    inline = [r for r in recipients if r.record is None]
    if inline:
        say(f"Ghi tên trực tiếp trong bản ghi, chưa có bản ghi riêng ({len(inline)}):")
        for r in inline:
            parts = [r.data.get("position", "")]
            if r.data.get("unit"):
                parts.append(f"đơn vị {r.data['unit']}")
            elif r.data.get("unit_name"):
                parts.append(f"đơn vị '{r.data['unit_name']}' (chưa có bản ghi)")
            label = {"tap_the": "tập thể", "ho_gia_dinh": "hộ gia đình"}.get(r.kind, "")
            detail = ", ".join(p for p in [label] + parts if p)
            say(f"  dòng {r.entry.row}: {r.entry.name}" + (f" — {detail}" if detail else ""))
