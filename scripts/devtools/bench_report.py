"""The report of scripts/bench.py (benchmarks/build.md): templates and the numbers derived from a run.

bench.py measures; this module only turns its rows into Markdown: the tables, the goals of
issue 16 computed from them, the machine they ran on, and the profile summary.
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import re
from importlib import metadata
from pathlib import Path

import jinja2
from babel.numbers import format_decimal

ROOT = Path(__file__).resolve().parents[2]

# Issue 16's targets.
RATIO_GOAL = 1.10  # our build's CPU time / the plain site's, 2 cores, every S
LINEAR_GOAL = 1.15  # CPU ms per page at the largest S / at the smallest
MEMORY_GOAL_MB = 2048  # at the largest S
DIRTY_GOAL_S = 1.5  # one record edit visible under `mkdocs serve --livereload --dirty`, S=1
FULL_GOAL_S = 5.0  # … without --dirty


def vi_number(value: float, digits: int = 1) -> str:
    """A number as Vietnamese text writes it (CLDR vi): 1.160 · 19,9 · 1,04."""
    return format_decimal(round(value, digits), format="#,##0" + ("." + "0" * digits if digits else ""), locale="vi")


def machine() -> dict:
    cpu, ram = platform.processor() or "?", 0.0
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1]) / 2**20
    except (OSError, TypeError):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {
        "cpu": cpu,
        "nproc": usable,
        "ram_gb": f"{ram:.0f}",
        "python": platform.python_version(),
        "mkdocs": metadata.version("mkdocs"),
        "material": metadata.version("mkdocs-material"),
        "pagefind": _version("pagefind"),
        "date": dt.datetime.now(dt.UTC).strftime("%d/%m/%Y %H:%M UTC"),
    }


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "?"


def load_average() -> str:
    try:
        return " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "?"


# ---------------------------------------------------------------------------------------------
# Numbers derived from the rows
# ---------------------------------------------------------------------------------------------


def best(site: dict, cores: int) -> dict | None:
    return site["runs"].get(str(cores))


def ratios(row: dict, cores: int) -> dict | None:
    ours, plain = best(row["ours"], cores), best(row["plain"], cores)
    if ours is None or plain is None:
        return None
    return {
        "cpu": ours["cpu_s"] / plain["cpu_s"],
        "wall": ours["wall_s"] / plain["wall_s"],
        "peak": ours["tree_peak_mb"] / plain["tree_peak_mb"],
    }


def goal_rows(rows: list[dict], serve: dict | None, cores: int) -> list[dict]:
    """Issue 16's targets, each with what this run measured."""
    goals: list[dict] = []
    if rows:
        measured = [(r["scale"], ratios(r, cores)) for r in rows]
        measured = [(s, x["cpu"]) for s, x in measured if x is not None]
        if measured:
            goals.append(
                {
                    "goal": f"build ≤ {RATIO_GOAL:.2f}× plain Material (CPU, {cores} cores), every S",
                    "measured": " · ".join(f"S={s}: {x:.2f}×" for s, x in measured),
                    "met": max(x for _, x in measured) <= RATIO_GOAL,
                }
            )
        low, high = rows[0], rows[-1]
        if high["scale"] > low["scale"] and best(high["ours"], cores) and best(low["ours"], cores):

            def per_page(r):
                return best(r["ours"], cores)["cpu_s"] / r["ours"]["pages"]

            lin = per_page(high) / per_page(low)
            goals.append(
                {
                    "goal": f"linear: CPU ms/page at S={high['scale']} ≤ {LINEAR_GOAL:.2f}× S={low['scale']}",
                    "measured": f"{1000 * per_page(low):.2f} → {1000 * per_page(high):.2f} ms ({lin:.2f}×)",
                    "met": lin <= LINEAR_GOAL,
                }
            )
            # The same slope measured against the plain site built alternately in the same run
            # (same load): on a shared machine CPU time of one build moves more than the slope.
            low_ratio, high_ratio = ratios(low, cores), ratios(high, cores)
            if low_ratio is not None and high_ratio is not None:
                relative = high_ratio["cpu"] / low_ratio["cpu"]
                goals.append(
                    {
                        "goal": f"linear against plain Material of the same run: ours/plain CPU at "
                        f"S={high['scale']} ≤ {LINEAR_GOAL:.2f}× S={low['scale']}",
                        "measured": f"{low_ratio['cpu']:.2f}× → {high_ratio['cpu']:.2f}× ({relative:.2f}×)",
                        "met": relative <= LINEAR_GOAL,
                    }
                )
        top = best(high["ours"], cores)
        if top is not None:
            goals.append(
                {
                    "goal": f"peak memory < 2 GB at S={high['scale']} (all processes of the build at once)",
                    "measured": f"{top['tree_peak_mb']:.0f} MB (largest single process {top['peak_mb']:.0f} MB)",
                    "met": top["tree_peak_mb"] < MEMORY_GOAL_MB,
                }
            )
    if serve and serve.get("dirty"):
        d = serve["dirty"]
        goals.append(
            {
                "goal": f"preview with --dirty: one record edit visible < {DIRTY_GOAL_S} s (S=1)",
                "measured": f"median {d['median_s']:.2f} s (max {max(d['times']):.2f} s)",
                "met": d["median_s"] < DIRTY_GOAL_S,
            }
        )
    if serve and serve.get("full"):
        f = serve["full"]
        goals.append(
            {
                "goal": f"preview without --dirty: < {FULL_GOAL_S:.0f} s (S=1)",
                "measured": f"median {f['median_s']:.2f} s (max {max(f['times']):.2f} s)",
                "met": f["median_s"] < FULL_GOAL_S,
            }
        )
    return goals


def linear(rows: list[dict], cores: int) -> dict | None:
    if len(rows) < 2:
        return None
    low, high = rows[0], rows[-1]
    if not (best(low["ours"], cores) and best(high["ours"], cores)):
        return None

    def per_page(r, site, key):
        return best(r[site], cores)[key] / r[site]["pages"]

    return {
        "low": low["scale"],
        "high": high["scale"],
        "ours": per_page(high, "ours", "cpu_s") / per_page(low, "ours", "cpu_s"),
        "plain": per_page(high, "plain", "cpu_s") / per_page(low, "plain", "cpu_s"),
    }


# ---------------------------------------------------------------------------------------------
# The report
# ---------------------------------------------------------------------------------------------

_ENV = jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined)
_ENV.filters["vi"] = vi_number
_ENV.globals.update(best=best, ratios=ratios)

# The page is kept out of the sidebar, where Material's table of contents would point at a control
# that only pages in the sidebar have: so no h2 headings (no table of contents), bold titles instead.
REPORT = _ENV.from_string("""\
# Đo tốc độ xây dựng trang

Bảng dưới đây do `scripts/bench.py` tạo ra: dữ liệu mẫu giả lập (`scripts/generate_sample.py`;
S=1 ≈ một huyện trong 10 năm, S=10 ≈ một tỉnh) được dựng thành trang bằng `mkdocs build`, và so
với một trang MkDocs Material thuần (mốc so sánh): cùng số trang, cùng các tính năng giao diện
(`theme.features`, `palette`, `font` của mkdocs.yml), cùng thanh điều hướng (số mục, các trang còn
lại nằm ngoài thanh điều hướng như trang bản ghi của dự án), cùng cỡ nội dung trung bình trong
`<article>`, và cùng cấu trúc tiêu đề: mỗi trang thuần mang đúng số tiêu đề h2/h3 của một trang
của dự án (cả tập hợp số đếm, không chỉ trung bình), trong đó số tiêu đề vào mục lục (thanh mục lục bên
phải của Material) bằng số mục lục mà trang của dự án thực sự có; các tiêu đề còn lại được viết
bằng HTML nên có trong bài mà không vào mục lục — như trang của dự án, vốn ghép phần thân vào sau khi
Material dựng trang. Trang thuần giữ ô tìm kiếm sẵn có của Material (lunr), như trang của dự án có
ô tìm kiếm của nó (Pagefind, tính trong thời gian dựng).

Máy đo: {{ machine.cpu }}, {{ machine.nproc }} lõi, {{ machine.ram_gb }} GB RAM; Python {{ machine.python }},
MkDocs {{ machine.mkdocs }}, Material {{ machine.material }}, Pagefind {{ machine.pagefind }}; mã nguồn
{{ machine.code|default('?') }}; ngày {{ machine.date }};
tải trung bình lúc bắt đầu/kết thúc: {{ machine.load_start }} / {{ machine.load_end }}. Máy dùng chung với
những người khác đang chạy kiểm thử: “wall” là thời gian thực, dễ bị kéo dài bởi tải; “CPU” là thời gian
CPU (user + sys) của tiến trình dựng cộng các tiến trình con của nó (Pagefind), ít phụ thuộc tải hơn,
nên là số đo chính. Mỗi lần dựng được ghim vào {{ cores|join(' và ') }} lõi (`os.sched_setaffinity`);
issue 16 đòi đo ở 2 và 4 lõi, máy này chỉ có {{ machine.nproc }} lõi nên chỉ đo được {{ cores|join(' và ') }}.
Mỗi cấu hình chạy {{ repeat }} lần, xen kẽ dự án và trang thuần; bảng lấy lần ít CPU nhất.

| S | site | pages | avg content KB | h2 / h3 per page (article) | TOC entries per page | {% for c in cores %}CPU s ({{ c }} core{{ 's' if c > 1 }}) | wall s ({{ c }} core{{ 's' if c > 1 }}) | {% endfor %}ms/page (CPU, {{ main }} cores) | peak MB (largest process) | peak MB (all processes) | site MB | first build, empty QR cache: CPU s / wall s |
| ---: | --- | ---: | ---: | ---: | ---: | {% for c in cores %}---: | ---: | {% endfor %}---: | ---: | ---: | ---: | ---: |
{% for r in rows %}
{% for name in ('ours', 'plain') %}
{% set s = r[name] %}
| {{ r.scale }} | {{ name }} | {{ s.pages }} | {{ '%.2f'|format(s.avg_content_bytes / 1024) }} | {{ '%.2f'|format(s.h2) }} / {{ '%.2f'|format(s.h3) }} | {{ '%.3f'|format(s.toc) }} | {% for c in cores %}{% set b = best(s, c) %}{{ '%.1f'|format(b.cpu_s) if b else '–' }} | {{ '%.1f'|format(b.wall_s) if b else '–' }} | {% endfor %}{% set b = best(s, main) %}{{ '%.2f'|format(1000 * b.cpu_s / s.pages) if b else '–' }} | {{ '%.0f'|format(b.peak_mb) if b else '–' }} | {{ '%.0f'|format(b.tree_peak_mb) if b else '–' }} | {{ '%.1f'|format(s.site_mb) }} | {{ '%.1f / %.1f'|format(s.cold.cpu_s, s.cold.wall_s) if s.cold is defined else '–' }} |
{% endfor %}
{% endfor %}

Ours / plain:

| S | {% for c in cores %}CPU ({{ c }} core{{ 's' if c > 1 }}) | wall ({{ c }} core{{ 's' if c > 1 }}) | {% endfor %}peak memory (all processes, {{ main }} cores) |
| ---: | {% for c in cores %}---: | ---: | {% endfor %}---: |
{% for r in rows %}
| {{ r.scale }} | {% for c in cores %}{% set x = ratios(r, c) %}{{ '%.2f×'|format(x.cpu) if x else '–' }} | {{ '%.2f×'|format(x.wall) if x else '–' }} | {% endfor %}{% set x = ratios(r, main) %}{{ '%.2f×'|format(x.peak) if x else '–' }} |
{% endfor %}
{% if linear %}

CPU ms/page ở S={{ linear.high }} so với S={{ linear.low }}: dự án {{ linear.ours|vi(2) }}×, trang thuần
{{ linear.plain|vi(2) }}× (1,00× = tuyến tính).
{% endif %}
{% if goals %}

Goals of issue 16 (computed from the tables on this page):

| goal | measured | met |
| --- | --- | :---: |
{% for g in goals %}
| {{ g.goal }} | {{ g.measured }} | {{ 'yes' if g.met else '**no**' }} |
{% endfor %}
{% endif %}
{% if remarks %}

**Nhận xét** (viết tay bởi người chạy đo, từ các bảng trên)

{{ remarks }}
{% endif %}
{% if searches %}

**Bước tìm kiếm (Pagefind, song song với MkDocs)**, theo nhật ký của lần dựng được chọn ({{ main }} lõi):

| S | records | before MkDocs renders s | waited after s | Pagefind ran s (in parallel) |
| ---: | ---: | ---: | ---: | ---: |
{% for s in searches %}
| {{ s.scale }} | {{ s.records }} | {{ '%.1f'|format(s.before) }} | {{ '%.1f'|format(s.waited) }} | {{ '%.1f'|format(s.parallel) }} |
{% endfor %}
{% endif %}
{% if variants %}

**Độ nhạy của mốc so sánh** (S={{ variants.scale }}, {{ main }} lõi, CPU s; các biến thể của trang thuần, chỉ để
thấy mốc so sánh nặng nhẹ thế nào, không dùng cho mục tiêu):

| plain variant | CPU s | ours / it |
| --- | ---: | ---: |
{% for v in variants.rows %}
| {{ v.label }} | {{ '%.1f'|format(v.cpu_s) }} | {{ '%.2f×'|format(variants.ours_cpu / v.cpu_s) }} |
{% endfor %}
{% endif %}
{% if serve %}

**Xem trước khi sửa (`mkdocs serve --livereload`, S=1)**

{% for key, label in (('dirty', 'Với `--dirty`'), ('full', 'Không có `--dirty`')) %}
{% if serve[key] %}
{% set v = serve[key] %}
- {{ label }}: lần dựng đầu {{ v.first_s|vi(1) }} s; từ lúc lưu một tệp `data/people/*.yml` đến khi trang
  của người đó được phục vụ với nội dung mới: **{{ v.median_s|vi(2) }} s** (trung vị của {{ v.times|length }} lần:
  {{ v.times|map('vi', 2)|join(' · ') }} s){% if v.everywhere %}; đến khi trang năm khen thưởng có tên người đó
  (một trang khác hiện bản ghi vừa sửa) cũng hiện nội dung mới: {{ v.everywhere_s|vi(2) }} s (trung vị của
  {{ v.everywhere|length }} lần){% endif %}{% if v.rebuilds %}; thời gian MkDocs ghi cho các lần dựng lại:
  {{ v.rebuilds|map('vi', 2)|join(' · ') }} s{% endif %}.
{% endif %}
{% endfor %}
{% endif %}

Cách đo: mỗi lần dựng chạy trong một tiến trình riêng; “peak MB (largest process)” là `ru_maxrss` của
`wait4` (tiến trình lớn nhất trong cây tiến trình), “peak MB (all processes)” là tổng bộ nhớ thường trú của
tiến trình dựng và mọi tiến trình con cùng lúc (đo 5 lần mỗi giây), vì Pagefind chạy song song với MkDocs;
“TOC entries” là số mục trong thanh mục lục bên phải mà Material dựng cho trang; “h2 / h3” đếm trong
`<article>` của trang. Mã QR của các trang xác minh được giữ trong một thư mục đệm giữa các lần dựng
(`BANGVANG_QR_CACHE`; bản xem trước và CI giữ nó): các lần đo dùng thư mục đệm đã có sẵn, còn lần dựng đầu
tiên với thư mục đệm trống (như trên một máy mới) được ghi riêng ở cột cuối, không tính vào phép so sánh.
{% if profile %}

**Hồ sơ thời gian (cProfile)**

{{ profile }}
{% endif %}
""")


def render_report(
    rows: list[dict],
    serve: dict | None,
    info: dict,
    cores: list[int],
    repeat: int = 1,
    profile: str = "",
    variants: dict | None = None,
    remarks: str = "",
) -> str:
    main = max(c for c in cores if c <= 2) if any(c <= 2 for c in cores) else cores[0]
    searches = [dict(scale=r["scale"], **r["ours"]["search"]) for r in rows if r["ours"].get("search")]
    return REPORT.render(
        rows=rows,
        serve=serve,
        machine=info,
        cores=cores,
        main=main,
        repeat=repeat,
        linear=linear(rows, main),
        goals=goal_rows(rows, serve, main),
        searches=searches,
        variants=variants,
        profile=profile,
        remarks=remarks.strip(),
    )


PROFILE = _ENV.from_string("""\
Profile of `mkdocs build` at S={{ scale }} (cProfile with CPU time as its clock; {{ '%.1f'|format(wall) }} s CPU with the
profiler, {{ '%.1f'|format(total) }} s profiled in the MkDocs process; Pagefind runs in a process of its own and is not
in it; the profiler inflates code that makes many small calls, so shares are only indicative).
Steps are found by the functions' own code objects (scripts/devtools/profile_map.py).

| step | cumulative s | % |
| --- | ---: | ---: |
{% for label, s in steps %}
| {{ label }} | {{ '%.2f'|format(s) if s is not none else 'not called' }} | {{ '%.0f'|format(100 * s / total) if s is not none else '' }} |
{% endfor %}

| self time by area | s | % |
| --- | ---: | ---: |
{% for label, s in areas %}
| {{ label }} | {{ '%.2f'|format(s) }} | {{ '%.0f'|format(100 * s / total) }} |
{% endfor %}

Hottest functions of our package and templates (self time):
{% for tt, name in ours %}
- {{ '%.2f'|format(tt) }} s `{{ name }}`
{% endfor %}
""")


def summarize_profile(
    prof: Path, scale: int, wall: float, source: Path | None = None
) -> str:  # wall: CPU s of the profiled run
    """The profile table: each step of profile_map by its code object, self time by area."""
    import pstats

    from devtools import profile_map

    stats = pstats.Stats(str(prof)).stats
    # A build of a snapshot (bench.py --snapshot/--source) ran the snapshot's copy of our code: its
    # files are read as the working tree's, where profile_map found the functions.
    here, there = os.path.realpath(ROOT) + os.sep, os.path.realpath(source) + os.sep if source else None

    def real(file: str) -> str:
        path = os.path.realpath(file)
        return here + path[len(there) :] if there and path.startswith(there) else path

    resolved = {file: real(file) if file != "~" else "~" for (file, _, _) in stats}
    by_key: dict = {}
    for (file, line, name), (_, _, _, ct, _) in stats.items():
        key = (resolved[file], line, name)
        by_key[key] = by_key.get(key, 0.0) + ct
    by_name: dict = {}
    for (file, _, name), ct in by_key.items():
        by_name.setdefault((file, name), []).append(ct)
    total = max(ct for (_, _, _, ct, _) in stats.values())

    def cumulative(key):
        # by file, line and name; by file and name alone when the file was edited since (one such function)
        if key in by_key:
            return by_key[key]
        same = by_name.get((key[0], key[2]), [])
        return same[0] if len(same) == 1 else None

    steps = [("&nbsp;" * 4 * step.indent + step.label, cumulative(step.key)) for step in profile_map.steps()]
    areas: dict[str, float] = {}
    ours = []
    for (file, line, name), (_, _, tt, _, _) in stats.items():
        area = profile_map.area_of(file, resolved[file])
        areas[area] = areas.get(area, 0.0) + tt
        if area.startswith("our "):
            ours.append((tt, f"{Path(file).name}:{line} {name}"))
    return PROFILE.render(
        scale=scale,
        wall=wall,
        total=total,
        steps=steps,
        areas=sorted(areas.items(), key=lambda kv: -kv[1]),
        ours=sorted(ours, reverse=True)[:20],
    )
