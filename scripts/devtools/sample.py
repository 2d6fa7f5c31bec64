"""A synthetic data set in the data contract's format, for benchmarks and scale tests.

Scale 1 is about one district over a decade (≈460 units, 2,000 people, 500 award acts with
≈7,000 named recipients, 120 models); scale S is S districts of one province. Everything comes
from one seeded random generator and is written in a fixed order, so the same seed gives
byte-identical files. The set is fiction: names are drawn from common Vietnamese family,
middle and given names, and every decision number is made up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bangvang.records import schema as s
from bangvang.text import nfc, slugify

# A file beside the output folder that marks it as ours, so a re-run may replace it (and nothing
# else). It is kept outside data/: validation reports every stray file in data/, hidden ones too.
MARKER = ".generated-sample"


def _marker(data_dir: Path) -> Path:
    return data_dir.parent / f".{data_dir.name}{MARKER}"


FIRST_YEAR, YEARS = 2015, 10

# ---------------------------------------------------------------------------------------------
# Word lists
# ---------------------------------------------------------------------------------------------

# Family names with rough weights (Nguyễn is about a third of the population).
FAMILY = [
    ("Nguyễn", 32),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 7),
    ("Hoàng", 4),
    ("Vũ", 5),
    ("Phan", 3),
    ("Đặng", 2),
    ("Bùi", 3),
    ("Đỗ", 3),
    ("Hồ", 1),
    ("Ngô", 2),
    ("Dương", 2),
    ("Lý", 1),
    ("Đào", 2),
    ("Đinh", 2),
    ("Lương", 1),
    ("Mạc", 1),
    ("Nhữ", 1),
    ("Tăng", 1),
    ("Trịnh", 1),
    ("Cao", 1),
]
MIDDLE_M = [
    "Văn",
    "Văn",
    "Văn",
    "Đức",
    "Minh",
    "Quang",
    "Hữu",
    "Thanh",
    "Xuân",
    "Công",
    "Mạnh",
    "Tiến",
    "Ngọc",
    "Duy",
    "Trọng",
    "Đình",
    "Quốc",
    "Bá",
]
MIDDLE_F = ["Thị", "Thị", "Thị", "Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương", "Kim", "Bích", "Thùy", "Lan"]
GIVEN_M = [
    "Tuấn",
    "Hùng",
    "Dũng",
    "Nam",
    "Long",
    "Hải",
    "Sơn",
    "Thắng",
    "Cường",
    "Hưng",
    "Quân",
    "Trung",
    "Hiếu",
    "Đức",
    "Phong",
    "Tùng",
    "Bình",
    "Khánh",
    "Toàn",
    "Thành",
    "Lâm",
    "Hòa",
    "Thủy",
    "Vượng",
    "Định",
    "Chiến",
    "Tiến",
    "Nghĩa",
    "Tâm",
    "Huy",
    "Kiên",
    "Lực",
    "Quyết",
    "Thịnh",
    "Đạt",
    "Việt",
]
GIVEN_F = [
    "Hoa",
    "Lan",
    "Hương",
    "Huyền",
    "Trang",
    "Thảo",
    "Linh",
    "Hằng",
    "Nga",
    "Hạnh",
    "Mai",
    "Yến",
    "Nhung",
    "Phượng",
    "Dung",
    "Thúy",
    "Hoài",
    "Loan",
    "Oanh",
    "Quyên",
    "Ánh",
    "Ngọc",
    "Vân",
    "Hà",
    "Thoa",
    "Liên",
    "Thủy",
    "Hòa",
    "Chi",
    "Giang",
    "Duyên",
    "Uyên",
    "Xuân",
    "Hiền",
    "Tuyết",
    "Lý",
]

# Districts of the province (S=1 is only the first); commune names are built from syllables.
DISTRICTS = [
    "Gia Lộc",
    "Tứ Kỳ",
    "Thanh Miện",
    "Ninh Giang",
    "Cẩm Giàng",
    "Bình Giang",
    "Kim Thành",
    "Nam Sách",
    "Thanh Hà",
    "Kinh Môn",
    "Chí Linh",
    "Cẩm Bình",
]
PLACE_A = [
    "Gia",
    "Đoàn",
    "Hồng",
    "Yết",
    "Phạm",
    "Hoàng",
    "Thống",
    "Nhật",
    "Toàn",
    "Quang",
    "Đức",
    "Lê",
    "Tân",
    "An",
    "Hưng",
    "Thái",
    "Đông",
    "Tây",
    "Nam",
    "Bắc",
    "Cao",
    "Văn",
    "Ngọc",
    "Phúc",
    "Thượng",
    "Hợp",
    "Liên",
    "Kim",
    "Vĩnh",
    "Bình",
    "Minh",
    "Tiên",
    "Hòa",
    "Thanh",
    "Cẩm",
    "Lạc",
]
PLACE_B = [
    "Tân",
    "Khánh",
    "Thượng",
    "Hưng",
    "Kiêu",
    "Trấn",
    "Diệu",
    "Nhất",
    "Quang",
    "Thắng",
    "Xương",
    "Phúc",
    "Lương",
    "Tiến",
    "Lợi",
    "Thịnh",
    "Hòa",
    "Sơn",
    "Lạc",
    "Điền",
    "Xuyên",
    "Đạo",
    "Hà",
    "Thủy",
    "Cường",
    "Phong",
    "Vinh",
    "An",
    "Bình",
    "Trung",
    "Đông",
    "Lĩnh",
    "Châu",
    "Hải",
    "Yên",
]
VILLAGE_A = ["Thôn", "Thôn", "Thôn", "Khu dân cư", "Tổ dân phố"]
VILLAGE_B = [
    "Đông",
    "Đoài",
    "Nam",
    "Bắc",
    "Thượng",
    "Hạ",
    "Trung",
    "Cầu",
    "Chùa",
    "Đình",
    "Mới",
    "Cựu",
    "Lạc",
    "Phú",
    "An",
    "Tràng",
    "Vạn",
    "Kim",
    "Bến",
    "Ngọc",
]

AGENCIES = [
    "Văn phòng HĐND và UBND huyện {d}",
    "Phòng Nội vụ huyện {d}",
    "Phòng Tài chính - Kế hoạch huyện {d}",
    "Phòng Nông nghiệp và Phát triển nông thôn huyện {d}",
    "Phòng Giáo dục và Đào tạo huyện {d}",
    "Phòng Y tế huyện {d}",
    "Phòng Văn hóa và Thông tin huyện {d}",
    "Phòng Lao động - Thương binh và Xã hội huyện {d}",
    "Phòng Tư pháp huyện {d}",
    "Phòng Tài nguyên và Môi trường huyện {d}",
    "Phòng Kinh tế - Hạ tầng huyện {d}",
    "Thanh tra huyện {d}",
    "Trung tâm Y tế huyện {d}",
    "Trung tâm Văn hóa - Thể thao huyện {d}",
    "Chi cục Thuế khu vực {d}",
    "Kho bạc Nhà nước {d}",
    "Bảo hiểm xã hội huyện {d}",
    "Chi cục Thống kê huyện {d}",
    "Văn phòng Huyện ủy {d}",
    "Ban Tổ chức Huyện ủy {d}",
    "Ban Tuyên giáo Huyện ủy {d}",
    "Ủy ban Kiểm tra Huyện ủy {d}",
    "Ban Dân vận Huyện ủy {d}",
    "Trung tâm Chính trị huyện {d}",
    "Ban Quản lý dự án đầu tư xây dựng huyện {d}",
    "Ngân hàng Chính sách xã hội huyện {d}",
    "Hạt Kiểm lâm huyện {d}",
]
MASS_ORGS = [
    "Ủy ban MTTQ Việt Nam huyện {d}",
    "Huyện đoàn {d}",
    "Hội Liên hiệp Phụ nữ huyện {d}",
    "Hội Nông dân huyện {d}",
    "Hội Cựu chiến binh huyện {d}",
    "Liên đoàn Lao động huyện {d}",
    "Hội Chữ thập đỏ huyện {d}",
    "Hội Người cao tuổi huyện {d}",
    "Hội Khuyến học huyện {d}",
]
FORCES = ["Công an huyện {d}", "Ban Chỉ huy Quân sự huyện {d}", "Đội Phòng cháy chữa cháy khu vực {d}"]
BUSINESS_A = ["Công ty TNHH", "Công ty Cổ phần", "Hợp tác xã", "Hợp tác xã dịch vụ nông nghiệp", "Doanh nghiệp tư nhân"]
BUSINESS_B = [
    "May mặc",
    "Cơ khí",
    "Chế biến nông sản",
    "Xây dựng",
    "Thương mại",
    "Vận tải",
    "Điện tử",
    "Gốm sứ",
    "Thực phẩm",
    "Bao bì",
    "Vật liệu xây dựng",
    "Rau an toàn",
]
POSITIONS_AGENCY = ["Trưởng phòng", "Phó Trưởng phòng", "Chuyên viên", "Kế toán", "Cán bộ", "Văn thư"]
POSITIONS_COMMUNE = [
    "Chủ tịch UBND xã",
    "Phó Chủ tịch UBND xã",
    "Bí thư Đảng ủy xã",
    "Công chức Văn hóa - Xã hội",
    "Công chức Tư pháp - Hộ tịch",
    "Trưởng thôn",
    "Chủ tịch Hội Nông dân xã",
    "Bí thư Đoàn xã",
    "Chủ tịch Hội Phụ nữ xã",
    "Trưởng Công an xã",
]
POSITIONS_SCHOOL = [
    "Hiệu trưởng",
    "Phó Hiệu trưởng",
    "Giáo viên",
    "Giáo viên",
    "Giáo viên",
    "Tổng phụ trách Đội",
    "Nhân viên",
]
POSITIONS_OTHER = ["Hội viên", "Đoàn viên", "Công nhân", "Nông dân", "Chiến sĩ", "Cán bộ"]

REASONS = [
    "Đã có thành tích xuất sắc trong phong trào thi đua năm {y}",
    "Đã hoàn thành xuất sắc nhiệm vụ năm {y}",
    "Đã có thành tích trong xây dựng nông thôn mới nâng cao, nông thôn mới kiểu mẫu",
    "Đã có thành tích xuất sắc trong công tác phòng, chống dịch bệnh",
    "Đã có nhiều đóng góp trong phong trào học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    "Đã có thành tích trong công tác bảo đảm an ninh, trật tự",
    "Đã có thành tích trong phong trào “Toàn dân đoàn kết xây dựng đời sống văn hóa”",
    "Đã có thành tích trong công tác giáo dục và đào tạo năm học {y1}-{y}",
    "Đã có thành tích trong phong trào “Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau”",
]

MODEL_TOPICS = [
    ("Mô hình trồng rau an toàn trong nhà màng ở {c}", "nong-nghiep"),
    ("Cánh đồng mẫu lớn sản xuất lúa chất lượng cao ở {c}", "nong-nghiep"),
    ("Trang trại chăn nuôi khép kín ở {c}", "nong-nghiep"),
    ("Khu dân cư kiểu mẫu ở {c}", "nong-thon-moi"),
    ("Tuyến đường hoa, đường cây xanh ở {c}", "nong-thon-moi"),
    ("Mô hình “Dân vận khéo” ở {c}", "hoc-tap-lam-theo-bac"),
    ("Câu lạc bộ văn nghệ dân gian ở {c}", "van-hoa-the-thao"),
    ("Mô hình “Camera an ninh” ở {c}", "quoc-phong-an-ninh"),
    ("Mô hình phân loại rác thải tại nguồn ở {c}", "nong-thon-moi"),
    ("Mô hình “Một cửa điện tử” ở {c}", "cai-cach-hanh-chinh"),
    ("Mô hình thanh toán không dùng tiền mặt ở {c}", "chuyen-doi-so"),
    ("Tủ sách khuyến học dòng họ ở {c}", "giao-duc"),
    ("Mô hình hỗ trợ hộ nghèo nuôi bò sinh sản ở {c}", "an-sinh-xa-hoi"),
    ("Trạm y tế đạt chuẩn quốc gia ở {c}", "y-te"),
    ("Làng nghề truyền thống ở {c}", "cong-nghiep-dich-vu"),
]

CAMPAIGN_TITLES = [
    ("Thi đua yêu nước thường xuyên năm", "thuong_xuyen", "khac"),
    ("Chung sức xây dựng nông thôn mới", "chuyen_de", "nong-thon-moi"),
    ("Toàn dân đoàn kết xây dựng đời sống văn hóa", "chuyen_de", "van-hoa-the-thao"),
    ("Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau", "chuyen_de", "an-sinh-xa-hoi"),
    ("Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "chuyen_de", "hoc-tap-lam-theo-bac"),
    ("Toàn dân bảo vệ an ninh Tổ quốc", "chuyen_de", "quoc-phong-an-ninh"),
    ("Đổi mới, sáng tạo trong dạy và học", "chuyen_de", "giao-duc"),
    ("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở", "chuyen_de", "cai-cach-hanh-chinh"),
    ("Chuyển đổi số trong cơ quan nhà nước", "chuyen_de", "chuyen-doi-so"),
    ("Phát triển sản xuất nông nghiệp hàng hóa", "chuyen_de", "nong-nghiep"),
    ("Lao động giỏi, lao động sáng tạo", "chuyen_de", "cong-nghiep-dich-vu"),
    ("Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh", "chuyen_de", "xay-dung-dang"),
    ("Y tế cơ sở làm theo lời Bác", "chuyen_de", "y-te"),
]

NATIONAL_DOCS = [
    ("06/2022/QH15", "Luật", "Quốc hội", "2022-06-15", "Luật Thi đua, khen thưởng"),
    (
        "98/2023/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "2023-12-31",
        "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    ),
    (
        "91/2017/NĐ-CP",
        "Nghị định",
        "Chính phủ",
        "2017-07-31",
        "Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng",
    ),
    ("34-CT/TW", "Chỉ thị", "Bộ Chính trị", "2014-04-07", "Về tiếp tục đổi mới công tác thi đua, khen thưởng"),
    (
        "05-CT/TW",
        "Chỉ thị",
        "Bộ Chính trị",
        "2016-05-15",
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    ),
    (
        "41-CT/TW",
        "Chỉ thị",
        "Ban Bí thư",
        "2020-03-26",
        "Về tăng cường sự lãnh đạo của Đảng đối với công tác thi đua, khen thưởng",
    ),
]


# ---------------------------------------------------------------------------------------------
# Generation
# ---------------------------------------------------------------------------------------------


@dataclass
class Sample:
    """The records of one synthetic data set, as {relative path: data}, in writing order."""

    files: dict[str, object] = field(default_factory=dict)

    def add(self, path: str, data) -> None:
        self.files[path] = data


class _Ids:
    """Unique slugs within one kind: the second "Nguyễn Văn Hùng" becomes nguyen-van-hung-2."""

    def __init__(self):
        self.used: dict[str, int] = {}

    def make(self, text: str, prefer: str = "") -> str:
        base = slugify(text)
        if base in self.used and prefer:
            base = f"{base}-{slugify(prefer)}"
        n = self.used.get(base, 0) + 1
        self.used[base] = n
        return base if n == 1 else f"{base}-{n}"


def generate(scale: int, seed: int = 1) -> Sample:
    return _Generator(int(scale), seed).run()


class _Generator:
    def __init__(self, scale: int, seed: int):
        if scale < 1:
            raise ValueError("scale must be at least 1")
        self.scale = scale
        self.rng = random.Random(f"bangvang-sample:{seed}")
        self.out = Sample()
        self.vocab = _load_vocab()
        self.units: dict[str, dict] = {}  # id -> record data
        self.people: dict[str, dict] = {}
        self.communes: list[str] = []
        self.villages: list[str] = []
        self.villages_of: dict[str, list[str]] = {}
        self.orgs: list[str] = []  # units that are not villages
        self.campaigns: list[str] = []
        self.documents: list[str] = []
        self.unit_ids, self.person_ids = _Ids(), _Ids()

    def run(self) -> Sample:
        place_names = self._place_names()
        province_ids = self._province()
        for d in range(self.scale):
            self._district(
                DISTRICTS[d] if d < len(DISTRICTS) else f"{DISTRICTS[d % len(DISTRICTS)]} {d // len(DISTRICTS) + 1}",
                place_names,
                province_ids,
            )
        for unit_id in sorted(self.units):
            self.out.add(f"units/{unit_id}.yml", self.units[unit_id])
        self._people()
        self._documents()
        self._campaigns()
        self._models()
        self._reports()
        self._awards()
        return self.out

    # -- units ------------------------------------------------------------------------------------
    def _unit(
        self,
        name: str,
        kind: str,
        *,
        commune: str | None = None,
        parent: str | None = None,
        prefer: str = "",
        summary: str | None = None,
    ) -> str:
        unit_id = self.unit_ids.make(name, prefer)
        data = {"name": name, "kind": kind}
        if commune:
            data["commune"] = commune
        if parent:
            data["parent"] = parent
        if summary:
            data["summary"] = summary
        self.units[unit_id] = data
        if kind in s.COMMUNE_KINDS:
            self.communes.append(unit_id)
        elif kind == "khac":
            self.villages.append(unit_id)
        if kind != "khac":
            self.orgs.append(unit_id)
        return unit_id

    def _place_names(self) -> list[str]:
        names = sorted({f"{a} {b}" for a in PLACE_A for b in PLACE_B if a != b})
        self.rng.shuffle(names)
        return names

    def _next_place(self, pool: list[str]) -> str:
        if not pool:  # past ~60 districts the syllable pairs run out: start over (ids stay unique)
            pool.extend(self._place_names())
        return pool.pop()

    def _province(self) -> dict[str, str]:
        return {
            "ubnd": self._unit("UBND tỉnh Hải Dương", "co_quan"),
            "so-noi-vu": self._unit("Sở Nội vụ tỉnh Hải Dương", "co_quan"),
            "so-gd": self._unit("Sở Giáo dục và Đào tạo tỉnh Hải Dương", "co_quan"),
        }

    def _district(self, district: str, place_names: list[str], province: dict[str, str]) -> None:
        rng = self.rng
        self._unit(
            f"Huyện {district}",
            "huyen",
            summary=f"Huyện {district}, tỉnh Hải Dương: dữ liệu mẫu để đo tốc độ xây dựng trang.",
        )
        ubnd = self._unit(f"UBND huyện {district}", "co_quan", parent=province["ubnd"])
        self._unit(f"HĐND huyện {district}", "co_quan")
        self._unit(f"Huyện ủy {district}", "co_quan")
        agencies = [self._unit(a.format(d=district), "co_quan", parent=ubnd) for a in AGENCIES]
        phong_gd = agencies[4]
        for org in MASS_ORGS:
            self._unit(org.format(d=district), "doan_the")
        for force in FORCES:
            self._unit(force.format(d=district), "luc_luong_vu_trang")
        town = self._next_place(place_names)
        communes = [self._unit(f"Thị trấn {town}", "thi_tran", prefer=district)]
        for _ in range(19):
            communes.append(self._unit(f"Xã {self._next_place(place_names)}", "xa", prefer=district))
        for c_id in communes:
            short = _place_of(self.units[c_id]["name"])
            for school in ("Trường Mầm non", "Trường Tiểu học", "Trường THCS"):
                self._unit(f"{school} {short}", "truong_hoc", commune=c_id, parent=phong_gd, prefer=district)
            in_text = _lower_first(self.units[c_id]["name"])  # "xã Gia Tân", as running text writes it
            self._unit(f"Trạm Y tế {in_text}", "co_quan", commune=c_id, prefer=district)
            for village in sorted(rng.sample(range(len(VILLAGE_B)), 14)):
                label = VILLAGE_A[village % len(VILLAGE_A)]
                v_id = self._unit(f"{label} {VILLAGE_B[village]}, {in_text}", "khac", commune=c_id, prefer=district)
                self.villages_of.setdefault(c_id, []).append(v_id)
        for n, name in enumerate(
            (
                "Trường THPT {d}",
                "Trường THPT {t}",
                "Trường THPT Đoàn Thượng {d}",
                "Trung tâm Giáo dục nghề nghiệp - GDTX huyện {d}",
            )
        ):
            self._unit(
                name.format(d=district, t=town),
                "truong_hoc",
                commune=communes[n % len(communes)],
                parent=province["so-gd"],
            )
        for _ in range(30):
            name = f"{rng.choice(BUSINESS_A)} {rng.choice(BUSINESS_B)} {rng.choice(PLACE_A)} {rng.choice(PLACE_B)}"
            self._unit(name, "doanh_nghiep", commune=rng.choice(communes))

    # -- people -----------------------------------------------------------------------------------
    def _name(self) -> str:
        rng = self.rng
        family = rng.choices([f for f, _ in FAMILY], weights=[w for _, w in FAMILY])[0]
        if rng.random() < 0.5:
            return f"{family} {rng.choice(MIDDLE_F)} {rng.choice(GIVEN_F)}"
        return f"{family} {rng.choice(MIDDLE_M)} {rng.choice(GIVEN_M)}"

    def _position(self, unit_id: str) -> str:
        kind = self.units[unit_id]["kind"]
        table = {
            "truong_hoc": POSITIONS_SCHOOL,
            "xa": POSITIONS_COMMUNE,
            "thi_tran": POSITIONS_COMMUNE,
            "co_quan": POSITIONS_AGENCY,
        }.get(kind, POSITIONS_OTHER)
        return self.rng.choice(table)

    def _people(self) -> None:
        for _ in range(2000 * self.scale):
            name = self._name()
            unit_id = self.rng.choice(self.orgs)
            person_id = self.person_ids.make(name)
            data = {"name": nfc(name), "position": self._position(unit_id), "unit": unit_id}
            self.people[person_id] = data
        for person_id in sorted(self.people):
            self.out.add(f"people/{person_id}.yml", self.people[person_id])

    # -- documents and campaigns -----------------------------------------------------------------
    def _documents(self) -> None:
        ids = _Ids()
        docs = [
            dict(number=n, kind=k, issuer=i, date=dt.date.fromisoformat(d), title=t) for n, k, i, d, t in NATIONAL_DOCS
        ]
        for n in range(10 * self.scale):
            year = FIRST_YEAR + n % YEARS
            number = f"{self.rng.randint(10, 250)}/KH-UBND"
            docs.append(
                dict(
                    number=number,
                    kind="Kế hoạch",
                    issuer=f"UBND huyện {self._district_name(n)}",
                    date=dt.date(year, self.rng.randint(1, 3), self.rng.randint(1, 28)),
                    title=f"Phát động phong trào thi đua năm {year}",
                )
            )
        for doc in docs:
            day: dt.date = doc["date"]  # type: ignore[assignment]
            doc_id = ids.make(f"{doc['kind']} {doc['number']} {day.year}")
            self.documents.append(doc_id)
            self.out.add(f"documents/{doc_id}.yml", doc)

    def _district_name(self, n: int) -> str:
        return DISTRICTS[n % min(self.scale, len(DISTRICTS))]

    def _campaigns(self) -> None:
        ids = _Ids()
        for n in range(15 * self.scale):
            title, kind, fld = CAMPAIGN_TITLES[n % len(CAMPAIGN_TITLES)]
            district = self._district_name(n)
            since = FIRST_YEAR + self.rng.randrange(YEARS)
            full = f"{title} {since}" if kind == "thuong_xuyen" else f"{title} ở huyện {district}"
            data = {
                "title": full,
                "kind": kind,
                "field": fld,
                "launched_by": f"UBND huyện {district}",
                "since": since,
                "basis": sorted(self.rng.sample(self.documents[:6], 2)),
            }
            if kind == "thuong_xuyen":
                data["until"] = since
            data["summary"] = (
                f"Phong trào “{full}” do UBND huyện {district} phát động, "
                f"hướng tới các mục tiêu của lĩnh vực {s.FIELDS.label(fld).lower()}."
            )
            last = since if kind == "thuong_xuyen" else min(since + 2, FIRST_YEAR + YEARS - 1)
            data["results"] = [self._result(year) for year in range(since, last + 1)]
            campaign_id = ids.make(full)
            self.campaigns.append(campaign_id)
            self.out.add(f"campaigns/{campaign_id}.yml", data)

    def _result(self, year: int) -> dict:
        rng = self.rng
        return {
            "year": year,
            "text": (
                f"Năm {year}, phong trào được triển khai rộng khắp; **{rng.randint(5, 40)}** tập thể và "
                f"{rng.randint(20, 300)} cá nhân có thành tích tiêu biểu.\n\n"
                f"Các xã đã tổ chức {rng.randint(10, 90)} hội nghị sơ kết, tổng kết."
            ),
            "figures": [
                {"label": "Tập thể được khen thưởng", "value": rng.randint(5, 40), "unit": "tập thể"},
                {"label": "Tỉ lệ hoàn thành chỉ tiêu", "value": round(rng.uniform(80, 100), 2), "unit": "%"},
            ],
        }

    # -- models -----------------------------------------------------------------------------------
    def _models(self) -> None:
        ids = _Ids()
        person_ids = sorted(self.people)
        by_field: dict[str, list[str]] = {}
        for i, campaign_id in enumerate(self.campaigns):
            by_field.setdefault(CAMPAIGN_TITLES[i % len(CAMPAIGN_TITLES)][2], []).append(campaign_id)
        for _ in range(120 * self.scale):
            rng = self.rng
            topic, fld = rng.choice(MODEL_TOPICS)
            commune = rng.choice(self.communes)
            title = topic.format(c=_lower_first(self.units[commune]["name"]))
            data = {"title": title, "year": FIRST_YEAR + rng.randrange(YEARS)}
            if by_field.get(fld):
                data["campaign"] = rng.choice(by_field[fld])
            data["units"] = [commune] + sorted(rng.sample(self.villages_of[commune], rng.randint(0, 2)))
            if rng.random() < 0.5:
                data["people"] = sorted(rng.sample(person_ids, rng.randint(1, 3)))
            data["summary"] = (
                f"{title}: cách làm hiệu quả, được nhân rộng trong huyện; "
                f"thu nhập bình quân tăng {rng.randint(10, 45)}% so với trước."
            )
            if rng.random() < 0.6:
                data["body"] = (
                    "Mô hình bắt đầu từ một nhóm hộ tiên phong, được xã hỗ trợ vốn và kỹ thuật.\n\n"
                    "- Tổ chức lại sản xuất theo chuỗi\n- Ứng dụng tiến bộ kỹ thuật\n"
                    "- Chia sẻ kinh nghiệm cho các thôn khác"
                )
                data["figures"] = [
                    {"label": "Số hộ tham gia", "value": rng.randint(10, 300), "unit": "hộ"},
                    {"label": "Diện tích", "value": round(rng.uniform(1, 60), 1), "unit": "ha"},
                ]
            self.out.add(f"models/{ids.make(title)}.yml", data)

    # -- reports ----------------------------------------------------------------------------------
    def _reports(self) -> None:
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            rng = self.rng
            self.out.add(
                f"reports/{year}.yml",
                {
                    "year": year,
                    "title": f"Báo cáo tổng kết công tác thi đua, khen thưởng năm {year}",
                    "issuer": f"UBND huyện {DISTRICTS[0]}",
                    "number": f"{rng.randint(100, 400)}/BC-UBND",
                    "signed_by": {"name": self._name(), "position": "Chủ tịch"},
                    "date": dt.date(year, 12, rng.randint(10, 28)),
                    "sections": [
                        {
                            "heading": "Kết quả thực hiện các phong trào thi đua",
                            "text": (
                                f"Năm {year}, các phong trào thi đua được triển khai sâu rộng tới {len(self.communes)} "
                                f"xã, thị trấn. Giá trị sản xuất tăng {rng.uniform(3, 9):.1f}% so với năm trước."
                            ),
                        },
                        {
                            "heading": "Công tác khen thưởng",
                            "text": "Công tác khen thưởng bảo đảm đúng người, đúng thành tích, kịp thời.\n\n"
                            "- Khen thưởng thường xuyên\n- Khen thưởng theo chuyên đề\n- Khen thưởng đột xuất",
                        },
                        {
                            "heading": "Phương hướng, nhiệm vụ năm sau",
                            "text": "Tiếp tục đổi mới nội dung, hình thức tổ chức các phong trào thi đua.",
                        },
                    ],
                    "targets": [
                        {"label": "Tốc độ tăng giá trị sản xuất", "value": round(rng.uniform(5, 9), 1), "unit": "%"},
                        {"label": "Xã đạt chuẩn nông thôn mới nâng cao", "value": rng.randint(1, 6), "unit": "xã"},
                    ],
                },
            )

    # -- awards -----------------------------------------------------------------------------------
    # (vocab id, weight, named recipients (min, max), share of acts given as a tally only)
    AWARD_PLAN = [
        ("giay-khen-huyen", 90, (5, 40), 0.1),
        ("lao-dong-tien-tien", 40, (20, 80), 0.15),
        ("chien-si-thi-dua-co-so", 40, (5, 30), 0.05),
        ("tap-the-lao-dong-tien-tien", 40, (5, 30), 0.1),
        ("thon-to-dan-pho-van-hoa", 25, (5, 30), 0.2),
        ("gia-dinh-van-hoa", 10, (0, 0), 1.0),
        ("giay-khen-xa", 20, (3, 15), 0.2),
        ("giay-khen-co-quan", 25, (3, 20), 0.1),
        ("giay-khen-hdnd-huyen", 8, (2, 10), 0.0),
        ("don-vi-tien-tien", 10, (3, 12), 0.1),
        ("bang-khen-tinh", 60, (2, 20), 0.1),
        ("bang-khen-hdnd-tinh", 5, (1, 5), 0.0),
        ("tap-the-lao-dong-xuat-sac", 15, (2, 10), 0.0),
        ("chien-si-thi-dua-tinh", 12, (1, 6), 0.0),
        ("co-thi-dua-tinh", 10, (1, 3), 0.0),
        ("ky-niem-chuong", 10, (3, 20), 0.0),
        ("huy-hieu", 5, (2, 12), 0.0),
        ("xa-phuong-thi-tran-tieu-bieu", 3, (1, 2), 0.0),
        ("don-vi-quyet-thang", 4, (1, 3), 0.0),
        ("khen-thuong-to-chuc", 20, (2, 25), 0.2),
        ("bang-khen-thu-tuong", 10, (1, 4), 0.0),
        ("co-thi-dua-chinh-phu", 3, (1, 1), 0.0),
        ("chien-si-thi-dua-toan-quoc", 2, (1, 1), 0.0),
        ("huan-chuong-lao-dong", 5, (1, 3), 0.0),
        ("huan-chuong-bao-ve-to-quoc", 2, (1, 1), 0.0),
        ("nha-giao-uu-tu", 2, (1, 2), 0.0),
        ("thay-thuoc-uu-tu", 1, (1, 1), 0.0),
        ("huy-chuong", 2, (1, 4), 0.0),
    ]
    ISSUERS = {
        "trung_uong": "Chủ tịch nước",
        "tinh": "Chủ tịch UBND tỉnh Hải Dương",
        "huyen": "Chủ tịch UBND huyện {d}",
        "xa": "Chủ tịch UBND {c}",
        "co_quan": "Thủ trưởng {o}",
    }
    BY_PRIME_MINISTER = ("bang-khen-thu-tuong", "co-thi-dua-chinh-phu", "chien-si-thi-dua-toan-quoc")
    DECISION_SUFFIX = {"trung_uong": "QĐ-CTN", "tinh": "QĐ-UBND", "huyen": "QĐ-UBND", "xa": "QĐ-UBND", "co_quan": "QĐ"}

    def _awards(self) -> None:
        plan = [p for p in self.AWARD_PLAN if p[0] in self.vocab]
        weights = [p[1] for p in plan]
        person_ids = sorted(self.people)
        seq: dict[int, int] = {}
        for _ in range(500 * self.scale):
            rng = self.rng
            year = FIRST_YEAR + rng.randrange(YEARS)
            date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            vocab_id, _, (low, high), tally_share = rng.choices(plan, weights=weights)[0]
            entry = self.vocab[vocab_id]
            if not _valid_on(entry, date):
                vocab_id, entry = "giay-khen-huyen", self.vocab["giay-khen-huyen"]
                low, high, tally_share = 5, 40, 0.1
            allowed = entry["recipients"]
            district = self._district_name(rng.randrange(self.scale))
            data: dict = {"year": year, "award": vocab_id}
            if (
                entry["level"] == "trung_uong"
                and rng.random() < 0.4
                or entry["level"] == "tinh"
                and rng.random() < 0.15
            ):
                data["status"] = "de_nghi"
            else:
                level = entry["level"]
                issuer = self.ISSUERS[level].format(
                    d=district,
                    c=self.units[rng.choice(self.communes)]["name"],
                    o=self.units[rng.choice(self.orgs)]["name"],
                )
                if vocab_id == "khen-thuong-to-chuc":
                    issuer = rng.choice(
                        [
                            "Ban Chấp hành Liên đoàn Lao động tỉnh",
                            "Ủy ban MTTQ Việt Nam tỉnh",
                            "Ban Chấp hành Tỉnh đoàn",
                            "Hội Nông dân tỉnh",
                        ]
                    )
                suffix = self.DECISION_SUFFIX[level]
                if vocab_id in self.BY_PRIME_MINISTER:
                    issuer, suffix = "Thủ tướng Chính phủ", "QĐ-TTg"
                data["issuer"] = issuer
                data["decision"] = {"number": f"{rng.randint(1, 4999)}/{suffix}", "date": date}
            if self.campaigns and rng.random() < 0.5:
                data["campaign"] = rng.choice(self.campaigns)
            data["reason"] = rng.choice(REASONS).format(y=year, y1=year - 1)
            recipients: list[dict] = []
            count: dict[str, int] = {}
            if rng.random() >= tally_share:
                for _ in range(rng.randint(low, high)):
                    kind = rng.choice([k for k in allowed if k != "ho_gia_dinh"] or ["ca_nhan"])
                    if kind == "tap_the":
                        pool = (
                            self.villages
                            if vocab_id == "thon-to-dan-pho-van-hoa"
                            else self.communes
                            if vocab_id == "xa-phuong-thi-tran-tieu-bieu"
                            else self.orgs
                        )
                        recipients.append({"unit": rng.choice(pool)})
                    elif rng.random() < 0.45:
                        recipients.append({"person": rng.choice(person_ids)})
                    else:
                        unit_id = rng.choice(self.orgs)
                        inline = {"name": self._name(), "position": self._position(unit_id)}
                        if rng.random() < 0.5:
                            inline["unit"] = unit_id
                        recipients.append(inline)
                recipients = _dedupe(recipients)
            if not recipients or rng.random() < 0.1:
                for kind in allowed:
                    named = sum(1 for r in recipients if _kind_of(r) == kind)
                    count[kind] = named + (rng.randint(1, 60) if not recipients else rng.randint(0, 10))
                if "ho_gia_dinh" in count:
                    count["ho_gia_dinh"] = rng.randint(800, 3000)
            if recipients:
                data["recipients"] = recipients
            if count:
                data["count"] = count
            if rng.random() < 0.3:
                data["source"] = str(year)
            seq[year] = seq.get(year, 0) + 1
            self.out.add(f"awards/{year}/{year}-{seq[year]:04d}-{vocab_id}.yml", data)


def _kind_of(recipient: dict) -> str:
    return "tap_the" if "unit" in recipient and "name" not in recipient else "ca_nhan"


def _lower_first(name: str) -> str:
    for prefix in ("Thị trấn ", "Xã "):
        if name.startswith(prefix):
            return prefix.lower() + name[len(prefix) :]
    return name


def _place_of(name: str) -> str:
    """ "Thị trấn Gia Lộc" → "Gia Lộc"."""
    for prefix in ("Thị trấn ", "Xã "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _dedupe(recipients: list[dict]) -> list[dict]:
    """One unit or person record named once per act (inline names may repeat: namesakes exist)."""
    seen, out = set(), []
    for r in recipients:
        key = r.get("unit") or r.get("person")
        if key and key in seen:
            continue
        if key:
            seen.add(key)
        out.append(r)
    return out


def _valid_on(entry: dict, day: dt.date) -> bool:
    start, end = entry.get("valid_from"), entry.get("valid_until")
    return not (start and day < start) and not (end and day > end)


def _load_vocab() -> dict[str, dict]:
    with open(VOCAB_SOURCE, encoding="utf-8") as fh:
        return {e["id"]: e for e in yaml.safe_load(fh)}


VOCAB_SOURCE = Path(__file__).resolve().parents[2] / "data" / s.VOCAB_PATH


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

_BaseDumper: type = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):
    """Multi-line text as a literal block (how staff write Markdown), everything else plain."""


def _represent_str(dumper, value: str):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


def write(sample: Sample, data_dir: Path) -> int:
    """Write the set into data_dir (replacing an earlier sample there); returns the file count."""
    data_dir = Path(data_dir)
    if data_dir.exists():
        # (a sample written before the marker moved out of data/ carries it inside)
        if not (_marker(data_dir).is_file() or (data_dir / MARKER).is_file()):
            raise FileExistsError(f"{data_dir} exists and is not a generated sample; choose an empty folder")
        shutil.rmtree(data_dir)
    (data_dir / "vocab").mkdir(parents=True)
    shutil.copyfile(VOCAB_SOURCE, data_dir / s.VOCAB_PATH)
    _marker(data_dir).write_text("Synthetic data from scripts/generate_sample.py; safe to delete.\n", encoding="utf-8")
    made: set[Path] = set()
    for rel, data in sample.files.items():
        path = data_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        text = yaml.dump(
            data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False
        )
        path.write_bytes(nfc(text).encode("utf-8"))
    return len(sample.files) + 1


def is_project_data(out_dir: Path) -> bool:
    """True when out_dir/data would be (or be inside, or contain) the project's own data/."""
    target = (Path(out_dir) / "data").resolve()
    project_data = VOCAB_SOURCE.parents[1].resolve()
    return target == project_data or project_data in target.parents or target in project_data.parents


# ---------------------------------------------------------------------------------------------
# Command line (scripts/generate_sample.py)
# ---------------------------------------------------------------------------------------------


def generate_main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Tạo bộ dữ liệu mẫu (giả lập) để đo tốc độ xây dựng trang.")
    parser.add_argument("--scale", type=int, default=1, help="1 ≈ một huyện trong 10 năm; 10 ≈ một tỉnh")
    parser.add_argument("--out", type=Path, required=True, help="thư mục đích; dữ liệu ghi vào <out>/data")
    parser.add_argument("--seed", type=int, default=1, help="cùng seed → cùng dữ liệu (mặc định 1)")
    args = parser.parse_args(argv)
    if args.scale < 1:
        print("--scale phải từ 1 trở lên", file=sys.stderr)
        return 1
    if is_project_data(args.out):
        print(
            f"Không ghi dữ liệu mẫu vào thư mục data/ của dự án ({args.out / 'data'}); chọn thư mục khác.",
            file=sys.stderr,
        )
        return 1
    try:
        count = write(generate(args.scale, args.seed), args.out / "data")
    except FileExistsError:
        print(f"{args.out / 'data'} đã có và không phải dữ liệu mẫu; chọn thư mục trống.", file=sys.stderr)
        return 1
    print(f"Đã ghi {count} tệp vào {args.out / 'data'} (scale {args.scale}, seed {args.seed}).")
    return 0
