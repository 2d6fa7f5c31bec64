"""The record types: every kind of record, its fields, their types and Vietnamese labels.

This is the one description of the data contract. Validation (checks.py) walks it, the JSON
Schema for editors (jsonschema.py) is generated from it, and the scaffolds of scripts/new.py
are written from it, so a field is never described twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field as _field

# ---------------------------------------------------------------------------------------------
# Field types
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Type:
    """Base of the value types; `name` is what staff read in messages."""

    name: str = "giá trị"


@dataclass(frozen=True)
class Text(Type):
    name: str = "chữ"
    markdown: bool = False


@dataclass(frozen=True)
class Slug(Type):
    name: str = "mã (chữ thường không dấu, nối bằng '-')"


@dataclass(frozen=True)
class Ref(Type):
    kind: str = ""  # folder name of the kind referred to, or "vocab"
    name: str = "mã bản ghi"


@dataclass(frozen=True)
class Date(Type):
    name: str = "ngày (YYYY-MM-DD hoặc DD/MM/YYYY)"


@dataclass(frozen=True)
class Year(Type):
    name: str = "năm (4 chữ số)"


@dataclass(frozen=True)
class YearOrDate(Type):
    name: str = "năm hoặc ngày"


@dataclass(frozen=True)
class Integer(Type):
    name: str = "số nguyên ≥ 0"
    minimum: int = 0
    maximum: int | None = None


@dataclass(frozen=True)
class Number(Type):
    name: str = "số (dấu chấm thập phân, ví dụ 95.12)"


@dataclass(frozen=True)
class Enum(Type):
    name: str = "một lựa chọn"
    labels: tuple[tuple[str, str], ...] = ()  # (value, Vietnamese label), in display order

    @property
    def choices(self) -> tuple[str, ...]:
        return tuple(v for v, _ in self.labels)

    def label(self, value: str) -> str:
        return dict(self.labels).get(value, value)


@dataclass(frozen=True)
class Url(Type):
    name: str = "địa chỉ http:// hoặc https://"


@dataclass(frozen=True)
class ListOf(Type):
    item: Type | Shape = _field(default_factory=Text)
    name: str = "danh sách"


@dataclass(frozen=True)
class Field:
    key: str
    type: Type | Shape
    title: str
    description: str = ""
    required: bool = False


@dataclass(frozen=True)
class Shape:
    """A mapping with known keys; `rules` check relations between its own fields."""

    title: str
    fields: tuple[Field, ...]
    rules: tuple[Callable, ...] = ()
    name: str = "nhóm trường"

    def field(self, key: str) -> Field | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def all_keys(self) -> set[str]:
        """Every key of this shape and of the shapes nested in it (lists of shapes included)."""
        keys = set(self.keys)
        for spec in self.fields:
            inner = spec.type.item if isinstance(spec.type, ListOf) else spec.type
            if isinstance(inner, Shape):
                keys |= inner.all_keys()
        return keys


# ---------------------------------------------------------------------------------------------
# Vocabularies of the contract
# ---------------------------------------------------------------------------------------------

UNIT_KINDS = Enum(
    labels=(
        ("huyen", "Huyện"),
        ("xa", "Xã"),
        ("thi_tran", "Thị trấn"),
        ("co_quan", "Cơ quan"),
        ("truong_hoc", "Trường học"),
        ("doanh_nghiep", "Doanh nghiệp"),
        ("doan_the", "Đoàn thể"),
        ("luc_luong_vu_trang", "Lực lượng vũ trang"),
        ("khac", "Khác"),
    )
)
COMMUNE_KINDS = ("xa", "thi_tran")

DOCUMENT_KINDS = Enum(
    labels=tuple(
        (k, k)
        for k in (
            "Luật",
            "Nghị quyết",
            "Nghị định",
            "Chỉ thị",
            "Quyết định",
            "Kế hoạch",
            "Thông tư",
            "Công văn",
            "Tờ trình",
            "Thông báo",
            "Báo cáo",
            "Khác",
        )
    )
)

CAMPAIGN_KINDS = Enum(labels=(("thuong_xuyen", "Thường xuyên"), ("chuyen_de", "Theo chuyên đề")))

FIELDS = Enum(
    labels=(
        ("nong-nghiep", "Nông nghiệp"),
        ("nong-thon-moi", "Nông thôn mới"),
        ("cong-nghiep-dich-vu", "Công nghiệp, dịch vụ"),
        ("van-hoa-the-thao", "Văn hóa, thể thao"),
        ("giao-duc", "Giáo dục"),
        ("y-te", "Y tế"),
        ("an-sinh-xa-hoi", "An sinh xã hội"),
        ("hoc-tap-lam-theo-bac", "Học tập và làm theo Bác"),
        ("quoc-phong-an-ninh", "Quốc phòng, an ninh"),
        ("xay-dung-dang", "Xây dựng Đảng"),
        ("cai-cach-hanh-chinh", "Cải cách hành chính"),
        ("chuyen-doi-so", "Chuyển đổi số"),
        ("khac", "Khác"),
    )
)

RECIPIENT_KINDS = Enum(labels=(("tap_the", "Tập thể"), ("ca_nhan", "Cá nhân"), ("ho_gia_dinh", "Hộ gia đình")))

AWARD_CATEGORIES = Enum(
    labels=(
        ("danh_hieu_thi_dua", "Danh hiệu thi đua"),
        ("hinh_thuc_khen_thuong", "Hình thức khen thưởng"),
        ("khac", "Khác"),
    )
)

AWARD_LEVELS = Enum(
    labels=(
        ("trung_uong", "Trung ương"),
        ("tinh", "Tỉnh"),
        ("huyen", "Huyện"),
        ("xa", "Xã"),
        ("co_quan", "Cơ quan, đơn vị"),
    )
)

AWARD_STATUS = Enum(labels=(("tang", "Được tặng"), ("de_nghi", "Đề nghị cấp trên"), ("huy_bo", "Đã hủy bỏ")))

# ---------------------------------------------------------------------------------------------
# Rules inside one mapping (they get the mapping and report through `err(key, message)`)
# ---------------------------------------------------------------------------------------------


def _one_of(*keys: str, exactly: bool = False) -> Callable:
    def rule(value: dict, err) -> None:
        present = [k for k in keys if value.get(k) not in (None, [], {}, "")]  # `count: {}` is no tally
        names = ", ".join(f"'{k}'" for k in keys)
        if not present:
            err(
                None,
                f"cần ít nhất một trong các trường {names}"
                if not exactly
                else f"cần đúng một trong các trường {names}",
            )
        elif exactly and len(present) > 1:
            err(present[1], f"chỉ ghi một trong các trường {names}, không ghi cùng lúc")

    return rule


def recipient_kind(recipient: dict) -> str:
    """tap_the for a unit, ca_nhan for a person record; a name written in the award is ca_nhan
    unless its `kind` says otherwise (a collective or household not yet in data/units/)."""
    if recipient.get("name") and recipient.get("kind"):
        return recipient["kind"]
    return "ca_nhan" if (recipient.get("person") or recipient.get("name")) else "tap_the"


def _recipient(value: dict, err) -> None:
    """A recipient is a unit, a person record, or a name written here (with position and unit)."""
    # a blank value ("name: ''") counts as absent, as the shape check leaves it out of the record
    has = {
        k
        for k in ("unit", "person", "name", "position", "kind", "unit_name")
        if value.get(k) is not None and not (isinstance(value.get(k), str) and not value[k].strip())
    }
    if not has & {"unit", "person", "name"}:
        err(None, "mỗi người nhận cần 'unit' (tập thể), 'person' (cá nhân có bản ghi) hoặc 'name' (họ tên)")
    elif "person" in has and has & {"unit", "name", "position"}:
        extra = sorted(has & {"unit", "name", "position"})[0]
        err(extra, f"người nhận có 'person' thì không ghi thêm '{extra}' (chức vụ, đơn vị nằm trong bản ghi cá nhân)")
    elif "person" in has and has & {"kind", "unit_name"}:
        extra = sorted(has & {"kind", "unit_name"})[0]
        err(extra, f"người nhận có 'person' thì không ghi thêm '{extra}'")
    elif "position" in has and "name" not in has:
        err("position", "'position' chỉ dùng kèm 'name' (người nhận ghi họ tên trực tiếp)")
    elif has & {"kind", "unit_name"} and "name" not in has:
        extra = sorted(has & {"kind", "unit_name"})[0]
        err(extra, f"'{extra}' chỉ dùng kèm 'name' (người nhận ghi tên trực tiếp)")
    elif "unit" in has and "unit_name" in has:
        err("unit_name", "đã có 'unit' (mã tập thể) thì không ghi thêm 'unit_name'")


def _annulled_with_decision(value: dict, err) -> None:
    """An annulled award names the annulling decision; the decision only goes with that status."""
    if value.get("status") == "huy_bo" and not value.get("annulment"):
        err("status", "khen thưởng đã hủy bỏ (huy_bo) cần 'annulment' ghi quyết định hủy bỏ và lý do")
    elif value.get("annulment") and value.get("status") != "huy_bo":
        err("annulment", "'annulment' chỉ ghi khi 'status: huy_bo' (khen thưởng đã bị hủy bỏ)")


def _range_ordered(value: dict, err) -> None:
    low, high = value.get("value"), value.get("value_max")
    if isinstance(low, (int, float)) and isinstance(high, (int, float)) and high < low:
        err("value_max", "'value_max' phải lớn hơn hoặc bằng 'value'")


# ---------------------------------------------------------------------------------------------
# Shared pieces
# ---------------------------------------------------------------------------------------------

ID_FIELD = Field("id", Slug(), "Mã", "Không bắt buộc; nếu ghi thì phải trùng tên tệp (không có đuôi .yml).")
ALIASES = Field(
    "aliases", ListOf(item=Text()), "Tên gọi khác", "Các cách viết khác của tên, dùng cho tìm kiếm và nhập danh sách."
)

_FIGURE_FIELDS = (
    Field("label", Text(), "Chỉ số", "Tên của số liệu, ví dụ 'Diện tích nhà màng, nhà lưới'.", required=True),
    Field("value", Number(), "Giá trị", "Con số, dấu chấm thập phân: 95.12; không dùng dấu chấm phân nhóm."),
    Field("value_max", Number(), "Giá trị tối đa", "Khi chỉ tiêu là một khoảng, ví dụ 8-10: value 8, value_max 10."),
    Field("unit", Text(), "Đơn vị", "Ví dụ: %, ha, m², xã, tập thể."),
    Field("note", Text(), "Ghi chú"),
)
SUB_FIGURE = Shape("Số liệu thành phần", _FIGURE_FIELDS, rules=(_one_of("value"), _range_ordered))
FIGURE = Shape(
    "Số liệu",
    _FIGURE_FIELDS
    + (Field("items", ListOf(item=SUB_FIGURE), "Các số liệu thành phần", "Khi một chỉ tiêu gồm nhiều con số."),),
    rules=(_one_of("value", "items"), _range_ordered),
)

# ---------------------------------------------------------------------------------------------
# Record kinds
# ---------------------------------------------------------------------------------------------

VOCAB_ENTRY = Shape(
    "Danh hiệu, hình thức khen thưởng",
    (
        Field("id", Slug(), "Mã", "Mã ổn định; chỉ thêm mới, không đổi tên.", required=True),
        Field("name", Text(), "Tên", required=True),
        ALIASES,
        Field("category", AWARD_CATEGORIES, "Loại", required=True),
        Field("recipients", ListOf(item=RECIPIENT_KINDS), "Đối tượng được tặng", required=True),
        Field("level", AWARD_LEVELS, "Cấp khen", required=True),
        Field("rank", Integer(minimum=0), "Thứ bậc", "Số nhỏ hơn là hình thức cao hơn.", required=True),
        Field("valid_from", Date(), "Áp dụng từ ngày"),
        Field("valid_until", Date(), "Áp dụng đến ngày"),
    ),
)

UNIT = Shape(
    "Tập thể",
    (
        ID_FIELD,
        Field("name", Text(), "Tên tập thể", "Tên đầy đủ, ví dụ 'Trường THCS Lê Thanh Nghị'.", required=True),
        Field("kind", UNIT_KINDS, "Loại tập thể", required=True),
        Field("commune", Ref(kind="units"), "Xã, thị trấn", "Mã của xã hoặc thị trấn nơi đơn vị đóng."),
        Field("parent", Ref(kind="units"), "Đơn vị cấp trên", "Mã của đơn vị cấp trên."),
        ALIASES,
        Field("summary", Text(markdown=True), "Giới thiệu", "Đoạn giới thiệu ngắn (Markdown)."),
        Field(
            "until",
            Date(),
            "Ngừng hoạt động từ ngày",
            "Ngày đơn vị kết thúc (sáp nhập, giải thể), ví dụ 2025-07-01; để trống khi còn hoạt động.",
        ),
        Field(
            "successors",
            ListOf(item=Ref(kind="units")),
            "Đơn vị kế thừa",
            "Mã các đơn vị tiếp nhận (ví dụ xã mới sau sáp nhập).",
        ),
        Field("ended_by", Ref(kind="documents"), "Văn bản sáp nhập, giải thể", "Mã văn bản quy định việc kết thúc."),
    ),
)

PERSON = Shape(
    "Cá nhân",
    (
        ID_FIELD,
        Field("name", Text(), "Họ và tên", "Họ, tên đệm và tên, ví dụ 'Nguyễn Thị Hoa'.", required=True),
        Field("given_name", Text(), "Tên", "Chỉ ghi khi tên (để sắp xếp) không phải là chữ cuối."),
        Field("position", Text(), "Chức vụ"),
        Field("unit", Ref(kind="units"), "Đơn vị công tác", "Mã của tập thể."),
        ALIASES,
    ),
)

SIGNER = Shape(
    "Người ký",
    (
        Field("name", Text(), "Họ và tên", required=True),
        Field("position", Text(), "Chức vụ"),
    ),
)

DOCUMENT = Shape(
    "Văn bản",
    (
        ID_FIELD,
        Field("number", Text(), "Số hiệu", "Như in trên văn bản, ví dụ '34-CT/TW', '91/2017/NĐ-CP'.", required=True),
        Field("kind", DOCUMENT_KINDS, "Loại văn bản", required=True),
        Field("issuer", Text(), "Cơ quan ban hành", required=True),
        Field("date", Date(), "Ngày ban hành"),
        Field("title", Text(), "Trích yếu"),
        Field("url", Url(), "Đường dẫn", "Chỉ địa chỉ http:// hoặc https://."),
        Field("signed_by", SIGNER, "Người ký", "Họ tên và chức vụ người ký văn bản."),
        Field("file", Text(), "Bản quét (PDF)", "Tệp PDF trong docs/files/, ví dụ files/qd-456-qd-ubnd.pdf."),
    ),
)

RESULT = Shape(
    "Kết quả một năm",
    (
        Field("year", Year(), "Năm", required=True),
        Field("text", Text(markdown=True), "Kết quả", "Nội dung (Markdown)."),
        Field("figures", ListOf(item=FIGURE), "Số liệu"),
    ),
)

CAMPAIGN = Shape(
    "Phong trào thi đua",
    (
        ID_FIELD,
        Field("title", Text(), "Tên phong trào", required=True),
        Field(
            "kind",
            CAMPAIGN_KINDS,
            "Hình thức",
            "thuong_xuyen (thường xuyên) hoặc chuyen_de (theo chuyên đề).",
            required=True,
        ),
        Field("field", FIELDS, "Lĩnh vực", required=True),
        Field("launched_by", Text(), "Cơ quan phát động"),
        Field("since", YearOrDate(), "Từ năm"),
        Field("until", YearOrDate(), "Đến năm"),
        Field("basis", ListOf(item=Ref(kind="documents")), "Căn cứ", "Mã các văn bản làm căn cứ."),
        ALIASES,
        Field("summary", Text(markdown=True), "Giới thiệu", "Markdown."),
        Field("results", ListOf(item=RESULT), "Kết quả theo năm", "Mỗi năm một mục."),
    ),
)

IMAGE = Shape(
    "Ảnh",
    (
        Field(
            "src",
            Text(),
            "Tệp ảnh",
            "Đường dẫn tới tệp ảnh trong docs/, ví dụ images/models/nha-mang.jpg.",
            required=True,
        ),
        Field("alt", Text(), "Mô tả ảnh", "Mô tả cho người không xem được ảnh (bắt buộc).", required=True),
    ),
)

MODEL = Shape(
    "Điển hình tiên tiến",
    (
        ID_FIELD,
        Field("title", Text(), "Tên điển hình, mô hình", required=True),
        Field("year", Year(), "Năm", required=True),
        Field("campaign", Ref(kind="campaigns"), "Phong trào", "Mã phong trào thi đua."),
        Field("units", ListOf(item=Ref(kind="units")), "Tập thể", "Mã các tập thể, xã tham gia."),
        Field("people", ListOf(item=Ref(kind="people")), "Cá nhân", "Mã các cá nhân."),
        Field("summary", Text(markdown=True), "Tóm tắt", "Một đoạn (Markdown).", required=True),
        Field("body", Text(markdown=True), "Nội dung", "Markdown."),
        Field("figures", ListOf(item=FIGURE), "Số liệu"),
        Field("images", ListOf(item=IMAGE), "Ảnh"),
    ),
)

DECISION = Shape(
    "Quyết định khen thưởng",
    (
        Field("number", Text(), "Số quyết định", "Như in, ví dụ '1034/QĐ-UBND'."),
        Field("date", Date(), "Ngày quyết định"),
        Field("document", Ref(kind="documents"), "Văn bản", "Mã văn bản trong data/documents/ (khi đã có bản ghi)."),
    ),
    rules=(_one_of("number", "date", "document"),),
)

PROPOSAL = Shape(
    "Văn bản đề nghị",
    (
        Field("number", Text(), "Số tờ trình, văn bản đề nghị", "Như in, ví dụ '45/TTr-UBND'."),
        Field("date", Date(), "Ngày đề nghị"),
        Field("document", Ref(kind="documents"), "Văn bản", "Mã văn bản trong data/documents/ (khi đã có bản ghi)."),
    ),
    rules=(_one_of("number", "date", "document"),),
)

ANNULMENT = Shape(
    "Hủy bỏ khen thưởng",
    (
        Field("number", Text(), "Số quyết định hủy bỏ", "Như in, ví dụ '789/QĐ-UBND'."),
        Field("date", Date(), "Ngày quyết định hủy bỏ"),
        Field("document", Ref(kind="documents"), "Văn bản", "Mã văn bản trong data/documents/ (khi đã có bản ghi)."),
        Field("reason", Text(), "Lý do hủy bỏ", "Ví dụ: kê khai không trung thực thành tích.", required=True),
    ),
    rules=(_one_of("number", "date", "document"),),
)

PUBLIC_COMMENT = Shape(
    "Lấy ý kiến nhân dân",
    (
        Field("from", Date(), "Từ ngày", required=True),
        Field("to", Date(), "Đến ngày", required=True),
        Field(
            "where",
            Text(),
            "Nơi nhận ý kiến",
            "Cách gửi ý kiến, ví dụ địa chỉ cơ quan; để trống thì dùng địa chỉ liên hệ của trang.",
        ),
    ),
)

RECIPIENT = Shape(
    "Người nhận",
    (
        Field("unit", Ref(kind="units"), "Tập thể", "Mã tập thể (khi là tập thể)."),
        Field("person", Ref(kind="people"), "Cá nhân", "Mã cá nhân (khi đã có bản ghi)."),
        Field("name", Text(), "Họ và tên", "Tên cá nhân chỉ ghi ở đây (khi chưa có bản ghi)."),
        Field("position", Text(), "Chức vụ", "Chức vụ (kèm 'name')."),
        Field("unit_name", Text(), "Tên đơn vị", "Đơn vị công tác khi đơn vị chưa có bản ghi (kèm 'name')."),
        Field(
            "kind",
            RECIPIENT_KINDS,
            "Loại người nhận",
            "Kèm 'name': ca_nhan (mặc định), tap_the (tập thể chưa có bản ghi) hoặc ho_gia_dinh.",
        ),
        Field("reason", Text(), "Thành tích riêng", "Thành tích của riêng người nhận này, khi khác nhau từng người."),
    ),
    rules=(_recipient,),
)

COUNT = Shape(
    "Số lượng",
    (
        Field("tap_the", Integer(), "Tập thể"),
        Field("ca_nhan", Integer(), "Cá nhân"),
        Field("ho_gia_dinh", Integer(), "Hộ gia đình"),
    ),
)

AWARD = Shape(
    "Khen thưởng",
    (
        ID_FIELD,
        Field("year", Year(), "Năm", "Trùng với tên thư mục.", required=True),
        Field("award", Ref(kind="vocab"), "Danh hiệu, hình thức", "Mã trong data/vocab/awards.yml.", required=True),
        Field(
            "status",
            AWARD_STATUS,
            "Trạng thái",
            "tang (đã được tặng, mặc định) hoặc de_nghi (đã trình cấp trên, chưa được tặng).",
        ),
        Field("name_as_written", Text(), "Tên như trong văn bản"),
        Field("issuer", Text(), "Cấp tặng", "Ai quyết định khen thưởng, ví dụ 'Chủ tịch UBND tỉnh Hải Dương'."),
        Field("decision", DECISION, "Quyết định", "Số và ngày quyết định khen thưởng, hoặc mã văn bản."),
        Field(
            "proposal", PROPOSAL, "Văn bản đề nghị", "Tờ trình, văn bản đề nghị khen thưởng (số, ngày hoặc mã văn bản)."
        ),
        Field("annulment", ANNULMENT, "Hủy bỏ", "Khi khen thưởng bị hủy bỏ (status: huy_bo): quyết định và lý do."),
        Field(
            "public_comment",
            PUBLIC_COMMENT,
            "Lấy ý kiến",
            "Thời gian công khai lấy ý kiến nhân dân về đề nghị khen thưởng (from, to).",
        ),
        Field("campaign", Ref(kind="campaigns"), "Phong trào", "Mã phong trào thi đua."),
        Field("reason", Text(), "Thành tích", "Lý do khen thưởng (chữ thường, không Markdown)."),
        Field("note", Text(), "Ghi chú nội bộ", "Ghi chú cho người cập nhật; không hiển thị trên trang."),
        Field(
            "recipients",
            ListOf(item=RECIPIENT),
            "Danh sách được khen",
            "Mỗi mục là unit (tập thể), person (cá nhân có bản ghi) hoặc name (+ position, unit).",
        ),
        Field("count", COUNT, "Số lượng", "Khi văn bản chỉ nêu số lượng: tap_the, ca_nhan, ho_gia_dinh."),
        Field("source", Ref(kind="reports"), "Nguồn", "Năm của báo cáo nêu khen thưởng này, ví dụ '2021'."),
    ),
    rules=(_one_of("recipients", "count"), _annulled_with_decision),
)

SECTION = Shape(
    "Mục của báo cáo",
    (
        Field("heading", Text(), "Tiêu đề mục", required=True),
        # optional: a heading that only opens its subsections ("II. KẾT QUẢ …", "Phần thứ hai") has no text
        Field("text", Text(markdown=True), "Nội dung", "Markdown; để trống khi mục chỉ gồm các mục con."),
        Field("level", Integer(minimum=1, maximum=3), "Cấp tiêu đề", "1, 2 hoặc 3."),
    ),
)

REPORT = Shape(
    "Báo cáo tổng kết",
    (
        ID_FIELD,
        Field("year", Year(), "Năm", "Trùng với tên tệp.", required=True),
        Field("title", Text(), "Tiêu đề", required=True),
        Field("issuer", Text(), "Cơ quan ban hành", required=True),
        Field("number", Text(), "Số hiệu"),
        Field("signed_by", SIGNER, "Người ký"),
        Field("date", Date(), "Ngày ban hành"),
        Field("sections", ListOf(item=SECTION), "Nội dung", "Các mục của báo cáo, theo thứ tự.", required=True),
        Field("targets", ListOf(item=FIGURE), "Chỉ tiêu năm sau"),
    ),
)


@dataclass(frozen=True)
class Kind:
    """A folder of records: what one record is, and how it is named in Vietnamese."""

    folder: str
    shape: Shape
    label: str  # "tập thể", used in messages
    by_year: bool = False  # files live in data/<folder>/<year>/


KINDS: dict[str, Kind] = {
    k.folder: k
    for k in (
        Kind("units", UNIT, "tập thể"),
        Kind("people", PERSON, "cá nhân"),
        Kind("documents", DOCUMENT, "văn bản"),
        Kind("campaigns", CAMPAIGN, "phong trào"),
        Kind("models", MODEL, "điển hình"),
        Kind("awards", AWARD, "khen thưởng", by_year=True),
        Kind("reports", REPORT, "báo cáo"),
    )
}
VOCAB_PATH = "vocab/awards.yml"
VOCAB_LABEL = "danh hiệu, hình thức khen thưởng"
