"""Benchmark the site build at several data scales against a plain MkDocs Material site.

    .venv/bin/python scripts/bench.py                  # S = 1, 3, 10; writes benchmarks/build.md
    .venv/bin/python scripts/bench.py --scales 1,3     # fewer scales
    .venv/bin/python scripts/bench.py --serve          # also: mkdocs serve --livereload at S=1

For each scale S it generates a synthetic data set (scripts/devtools/sample.py), builds our site
with `mkdocs build` on a mirror of the project whose data/ is that set, and builds a plain
Material site with as many Markdown pages of the same average content size, kept out of the
sidebar as ours are (the fair baseline). Each build runs in its own process; its wall time and
peak memory (wait4's ru_maxrss) are measured. Nothing is written into the project's data/.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import metadata
from pathlib import Path

import jinja2
import markdown as md
import yaml
from babel.numbers import format_decimal

ROOT = Path(__file__).resolve().parents[1]

from devtools import sample
from bangvang.records.validation import validate

MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
# The project's top-level entries a mirror must not share: its data, its output, its own config.
NOT_MIRRORED = {"data", "site", "mkdocs.yml", ".git"}
ARTICLE = re.compile(rb"<article[^>]*>(.*?)</article>", re.S)


# ---------------------------------------------------------------------------------------------
# Running and measuring one build
# ---------------------------------------------------------------------------------------------

def run_measured(cmd: list[str], cwd: Path) -> tuple[float, float, float, str]:
    """Wall seconds, peak resident MB, CPU seconds (user + system) of one command's process tree, and its log.

    CPU time is reported beside wall time because a shared machine's load stretches the latter."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{stderr[-3000:]}")
    return seconds, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, stderr


def mirror_project(dest: Path, data_dir: Path) -> Path:
    """A folder that looks like the project (symlinks) but whose data/ is data_dir."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in NOT_MIRRORED:
            (dest / entry.name).symlink_to(entry)
    (dest / "data").symlink_to(data_dir.resolve())
    # INHERIT keeps every setting of the project's mkdocs.yml; relative paths resolve in the mirror.
    (dest / "mkdocs.yml").write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\nwatch:\n  - {data_dir.resolve()}\n  - {ROOT / 'hooks'}\n",
        encoding="utf-8")
    return dest


def site_stats(site: Path) -> dict:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    page_bytes = [p.stat().st_size for p in pages]
    content = 0
    for p in pages:
        m = ARTICLE.search(p.read_bytes())
        content += len(m.group(1)) if m else 0
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {"pages": len(pages), "site_mb": total / 2**20, "avg_page_kb": sum(page_bytes) / len(pages) / 1024,
            "avg_content_bytes": content / len(pages), "search_kb": search_kb(site)}


def search_kb(site: Path) -> str | float:
    """Bytes a reader downloads for a first query: Pagefind's entry, script, wasm, metadata,
    the largest index chunk (one chunk answers a one-word query) and the filter chunks."""
    pf = site / "pagefind"
    if pf.is_dir():
        picked = [pf / "pagefind-entry.json", pf / "pagefind.js"]
        picked += list(pf.glob("wasm.*.pagefind")) + list(pf.glob("*.pf_meta"))
        chunks = sorted((pf / "index").glob("*.pf_index"), key=lambda p: p.stat().st_size)
        picked += chunks[-1:] + list((pf / "filter").glob("*.pf_filter"))
        return sum(p.stat().st_size for p in picked if p.is_file()) / 1024
    lunr = site / "search" / "search_index.json"
    if lunr.is_file():  # Material's built-in search: the whole index is the first download
        return f"lunr {lunr.stat().st_size / 1024:,.0f}"
    return "n/a"


# ---------------------------------------------------------------------------------------------
# The plain baseline: Material, Markdown pages, no hooks, record pages out of the sidebar
# ---------------------------------------------------------------------------------------------

PLAIN_CONFIG = """site_name: Trang mẫu đối chứng
site_url: https://example.org/plain/
repo_url: https://github.com/example/plain
edit_uri: edit/main/docs/
theme:
  name: material
  language: vi
  font: false
  features: [content.action.edit, navigation.sections, navigation.top]
markdown_extensions: [attr_list, tables, {{toc: {{permalink: false}}}}]
# Material's default plugins, so its built-in search (lunr) is on: a plain site a district would
# publish has search, as ours has (Pagefind, counted in our time).
not_in_nav: |
{not_in_nav}
nav:
{nav}
"""


def plain_block(i: int) -> str:
    """One chunk of ordinary Markdown: a paragraph, a short list of links, a small table."""
    return (f"## Mục {i}\n\nNăm 2021, phong trào thi đua được triển khai rộng khắp; "
            f"**{i % 40 + 5}** tập thể và {i % 300 + 20} cá nhân có thành tích tiêu biểu.\n\n"
            f"- [Trang {i}](index.md) — Giáo viên, Trường THCS Lê Thanh Nghị\n"
            f"- Nguyễn Thị Hoa — Chủ tịch UBND xã Gia Tân\n\n"
            f"| Danh hiệu | Tập thể | Cá nhân |\n| --- | ---: | ---: |\n| Lao động tiên tiến | {i % 9} | {i % 97} |\n\n")


# What Material puts in a plain page's <article> besides the Markdown's HTML (the edit button, the
# h1's id): measured once, so that the bodies are sized to match ours.
ARTICLE_OVERHEAD = 510
FILLER = "Phong trào thi đua yêu nước được triển khai sâu rộng ở các xã, thị trấn trong huyện. "


def plain_body(content_bytes: float) -> str:
    """Markdown whose page <article> is about content_bytes long: whole blocks, then filler words."""
    def html_len(text: str) -> int:
        return len(md.markdown("# Trang 1\n\n" + text, extensions=["tables", "attr_list", "toc"]).encode("utf-8"))
    target = content_bytes - ARTICLE_OVERHEAD
    body, n = "", 0
    while html_len(body + plain_block(n)) <= target:
        body += plain_block(n)
        n += 1
    words = FILLER.split()
    filler: list[str] = []
    while html_len(body + " ".join(filler + [words[len(filler) % len(words)]])) <= target:
        filler.append(words[len(filler) % len(words)])
    return body + " ".join(filler) + "\n"


def project_nav_shape() -> tuple[int, list[int]]:
    """The project's sidebar: how many top-level pages, and how many pages in each section.

    Material renders the whole sidebar on every page, so the baseline gets one of the same size."""
    class Lenient(yaml.SafeLoader):  # mkdocs.yml may hold !ENV or !!python/name tags
        pass
    Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
    Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Lenient) or {}
    leaves, sections = 0, []
    for item in config.get("nav") or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            sections.append(len(value))
        else:
            leaves += 1
    return max(leaves, 1), sections


def make_plain(dest: Path, pages: int, content_bytes: float) -> Path:
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    leaves, groups = project_nav_shape()
    body = plain_body(content_bytes)
    # Top-level pages: the home page and one index per folder of (unlisted) record-like pages.
    folders = [f"muc-{n}" for n in range(1, leaves)] or ["muc-1"]
    nav = ["  - Trang chủ: index.md"]
    (docs).mkdir(parents=True)
    (docs / "index.md").write_text(f"# Trang chủ\n\n{body}", encoding="utf-8")
    for folder in folders:
        (docs / folder).mkdir()
        (docs / folder / "index.md").write_text(f"# Mục {folder}\n\n{body}", encoding="utf-8")
        nav.append(f"  - Mục {folder}: {folder}/index.md")
    # Sections listed in the sidebar with all their pages, as the project's guides are.
    listed = 1 + len(folders)
    for g, size in enumerate(groups, start=1):
        (docs / f"nhom-{g}").mkdir()
        nav.append(f"  - Nhóm {g}:")
        for k in range(size):
            name = "index.md" if k == 0 else f"trang-{k}.md"
            (docs / f"nhom-{g}" / name).write_text(f"# Nhóm {g}, trang {k}\n\n{body}", encoding="utf-8")
            nav.append(f"      - nhom-{g}/{name}")
        listed += size
    for n in range(max(0, pages - listed)):
        folder = folders[n % len(folders)]
        (docs / folder / f"trang-{n}.md").write_text(f"# Trang {n}\n\n{body}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(PLAIN_CONFIG.format(
        not_in_nav="\n".join(f"  /{f}/*" for f in folders), nav="\n".join(nav)), encoding="utf-8")
    return dest


# ---------------------------------------------------------------------------------------------
# One scale
# ---------------------------------------------------------------------------------------------

def best_of(repeat: int, cmd: list[str], cwd: Path, site: Path) -> tuple[float, float, float, str]:
    """The run with the least CPU time of `repeat` builds (a shared machine only ever adds time)."""
    runs = []
    for _ in range(max(1, repeat)):
        shutil.rmtree(site, ignore_errors=True)
        runs.append(run_measured(cmd, cwd))
    return min(runs, key=lambda r: r[2])


def bench_scale(scale: int, work: Path, seed: int, repeat: int = 1) -> dict:
    base = work / f"s{scale}"
    base.mkdir(parents=True, exist_ok=True)
    data_dir = base / "data"
    t0 = time.perf_counter()
    sample.write(sample.generate(scale, seed), data_dir)
    gen_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    dataset, errors = validate(data_dir, ROOT / "docs")
    validate_s = time.perf_counter() - t0
    if errors:
        raise RuntimeError(f"generated data at S={scale} is invalid: {errors[:3]}")
    records = sum(len(v) for k, v in dataset.records.items() if k != "vocab")
    recipients = sum(len(a.get("recipients", [])) for a in dataset.kind("awards").values())
    del dataset

    project = mirror_project(base / "project", data_dir)
    ours_site = base / "site"
    build_s, peak_mb, cpu_s, log = best_of(repeat, MKDOCS + ["build", "-d", str(ours_site)], project, ours_site)
    (base / "build.log").write_text(log, encoding="utf-8")
    # The search step logs its own duration ("Chỉ mục tìm kiếm: N mục, X giây").
    found = re.search(r"Chỉ mục tìm kiếm: [\d.]+ mục, ([\d.,]+) giây", log)
    search_s = float(found[1].replace(",", ".")) if found else None
    ours = site_stats(ours_site)
    ours.update(records=records, recipients=recipients, build_s=build_s, peak_mb=peak_mb, cpu_s=cpu_s,
                search_s=search_s,
                validate_s=validate_s, generate_s=gen_s)

    plain_dir = make_plain(base / "plain", ours["pages"], ours["avg_content_bytes"])
    plain_site = base / "plain-site"
    p_build_s, p_peak_mb, p_cpu_s, _ = best_of(repeat, MKDOCS + ["build", "-q", "-d", str(plain_site)], plain_dir,
                                               plain_site)
    plain = site_stats(plain_site)
    plain.update(records=0, build_s=p_build_s, peak_mb=p_peak_mb, cpu_s=p_cpu_s, validate_s=None, search_s=None)
    for site in (ours_site, plain_site):
        shutil.rmtree(site, ignore_errors=True)
    return {"scale": scale, "ours": ours, "plain": plain}


# ---------------------------------------------------------------------------------------------
# mkdocs serve --livereload: from saving a record to the page served with the change
# ---------------------------------------------------------------------------------------------

def bench_serve(work: Path, seed: int, rounds: int = 3, port: int = 8765, flags: tuple = ()) -> dict:
    base = work / ("serve" + "".join(f.replace("-", "_") for f in flags))
    base.mkdir(parents=True, exist_ok=True)
    data_dir = base / "data"
    sample.write(sample.generate(1, seed), data_dir)
    project = mirror_project(base / "project", data_dir)
    person = sorted((data_dir / "people").glob("*.yml"))[len(list((data_dir / "people").glob("*.yml"))) // 2]
    log = open(base / "serve.log", "wb")
    t0 = time.perf_counter()
    server = subprocess.Popen(MKDOCS + ["serve", "--livereload", *flags, "-a", f"127.0.0.1:{port}"], cwd=project,
                              env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        root = _wait_for(f"http://127.0.0.1:{port}/", lambda body: True, timeout=600)
        first_s = time.perf_counter() - t0
        url = root.rstrip("/") + f"/ca-nhan/{person.stem}/"
        _wait_for(url, lambda body: True, timeout=60)
        original = person.read_text(encoding="utf-8")
        times = []
        for n in range(rounds):
            marker = f"Chức vụ thử {n} {int(time.time())}"
            text = re.sub(r"(?m)^position: .*$", f"position: {marker}", original)
            if "position:" not in original:
                text = original + f"position: {marker}\n"
            start = time.perf_counter()
            person.write_text(text, encoding="utf-8")
            _wait_for(url, lambda body: marker in body, timeout=300)
            times.append(time.perf_counter() - start)
            time.sleep(2)
        person.write_text(original, encoding="utf-8")
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    log_text = (base / "serve.log").read_text(encoding="utf-8", errors="replace")
    built = [float(x) for x in re.findall(r"Documentation built in ([\d.]+) seconds", log_text)]
    search = [float(x.replace(",", ".")) for x in re.findall(r"Chỉ mục tìm kiếm: [\d.]+ mục, ([\d.,]+) giây", log_text)]
    return {"first_s": first_s, "times": times, "median_s": statistics.median(times),
            "rebuild_s": statistics.median(built[1:]) if len(built) > 1 else None,
            "search_s": statistics.median(search[1:]) if len(search) > 1 else None}


def _wait_for(url: str, ok, timeout: float) -> str:
    """Poll url every 0.1 s until it answers and ok(body); returns the final URL (redirects followed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                body = resp.read().decode("utf-8", "replace")
                if ok(body):
                    return resp.geturl()
        except OSError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"{url} did not show the change within {timeout} s")


# ---------------------------------------------------------------------------------------------
# Profile: where a build's time goes (cProfile of one `mkdocs build`)
# ---------------------------------------------------------------------------------------------

# Steps of our hook, by (file suffix, function name): cumulative seconds of each.
OUR_STEPS = [
    ("bangvang/validation.py", "validate", "validation (load + rules)"),
    ("bangvang/index.py", "build_index", "index"),
    ("bangvang/pages.py", "build", "record and section pages (Jinja2)"),
    ("bangvang/build.py", "load", "on_config total (validation + index + all our pages)"),
    ("bangvang_hook.py", "on_files", "on_files (stubs)"),
    ("bangvang_hook.py", "on_page_content", "on_page_content (swap bodies)"),
    ("bangvang_hook.py", "on_page_context", "on_page_context"),
    ("bangvang/build.py", "post_build", "on_post_build total"),
    ("bangvang/exports.py", "write_open_data", "  open data"),
    ("bangvang/feed.py", "write_feed", "  feed"),
    ("bangvang/search.py", "write_search_index", "  search index (Pagefind)"),
    ("bangvang/jsonschema.py", "publish", "  schemas"),
    ("mkdocs/commands/build.py", "_build_page", "MkDocs: render every page (theme templates, Markdown stubs)"),
    ("mkdocs/commands/build.py", "_populate_page", "MkDocs: read + Markdown per page"),
    ("mkdocs/utils/__init__.py", "write_file", "MkDocs: write page files"),
    ("mkdocs/commands/build.py", "build", "mkdocs build total"),
]
# Self time by where the code lives.
AREAS = [("/bangvang/", "our package"), ("/overrides/", "theme templates (Material + overrides)"),
         ("/material/", "theme templates (Material + overrides)"), ("/jinja2/", "Jinja2 runtime"),
         ("/markupsafe/", "Jinja2 runtime"), ("/mkdocs/", "MkDocs"), ("/markdown/", "Python-Markdown"),
         ("/yaml/", "PyYAML"), ("/babel/", "Babel"), ("/pagefind/", "Pagefind client"),
         ("/asyncio/", "waiting on Pagefind (asyncio)"), ("selectors", "waiting on Pagefind (asyncio)")]


def profile_build(scale: int, work: Path, seed: int) -> str:
    base = work / f"profile-s{scale}"
    base.mkdir(parents=True, exist_ok=True)
    data_dir = base / "data"
    sample.write(sample.generate(scale, seed), data_dir)
    project = mirror_project(base / "project", data_dir)
    prof = base / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(prof), "-m", "mkdocs", "build", "-q", "-d", str(base / "site")]
    wall, _, _, _ = run_measured(cmd, project)
    return summarize_profile(prof, scale, wall)


def summarize_profile(prof: Path, scale: int, wall: float) -> str:
    import pstats

    stats = pstats.Stats(str(prof)).stats
    total = max(ct for (_, _, name), (_, _, _, ct, _) in stats.items() if name == "<module>")
    steps = []
    for suffix, func, label in OUR_STEPS:
        cum = sum(ct for (file, _, name), (_, _, _, ct, _) in stats.items() if file.endswith(suffix) and name == func)
        steps.append((label, cum))
    areas: dict[str, float] = {}
    for (file, _, name), (_, _, tt, _, _) in stats.items():
        label = next((lab for key, lab in AREAS if key in file), None)
        if label is None:
            label = "builtins (I/O, str, re…)" if file == "~" else "other Python (stdlib…)"
        areas[label] = areas.get(label, 0.0) + tt
    ours = sorted(((tt, f"{Path(file).name}:{line} {name}") for (file, line, name), (_, _, tt, _, _) in stats.items()
                   if "/bangvang" in file), reverse=True)[:15]
    return PROFILE.render(scale=scale, wall=wall, total=total, steps=steps,
                          areas=sorted(areas.items(), key=lambda kv: -kv[1]), ours=ours)


PROFILE = jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True).from_string("""\
Profile of `mkdocs build` at S={{ scale }} (cProfile; {{ '%.1f'|format(wall) }} s wall with the profiler, {{ '%.1f'|format(total) }} s profiled)

| step | cumulative s | % |
| --- | ---: | ---: |
{% for label, s in steps %}
| {{ label }} | {{ '%.2f'|format(s) }} | {{ '%.0f'|format(100 * s / total) }} |
{% endfor %}

| self time by area | s | % |
| --- | ---: | ---: |
{% for label, s in areas %}
| {{ label }} | {{ '%.2f'|format(s) }} | {{ '%.0f'|format(100 * s / total) }} |
{% endfor %}

Hottest functions of our package (self time):
{% for tt, name in ours %}
- {{ '%.2f'|format(tt) }} s `{{ name }}`
{% endfor %}
""")


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------

def vi_number(value: float, digits: int = 1) -> str:
    """A number as Vietnamese text writes it (CLDR vi): 1.160 · 19,9 · 1,04."""
    return format_decimal(round(value, digits), format="#,##0" + ("." + "0" * digits if digits else ""), locale="vi")


_REPORT_ENV = jinja2.Environment(autoescape=False, trim_blocks=True, lstrip_blocks=True)
_REPORT_ENV.filters["vi"] = vi_number
# The page is kept out of the sidebar, where Material's table of contents would point at a control
# that only pages in the sidebar have: so no h2 headings (no table of contents), bold titles instead.
REPORT = _REPORT_ENV.from_string("""\
# Đo tốc độ xây dựng trang

Bảng dưới đây do `scripts/bench.py` tạo ra: dữ liệu mẫu giả lập (`scripts/generate_sample.py`;
S=1 ≈ một huyện trong 10 năm, S=10 ≈ một tỉnh) được dựng thành trang bằng `mkdocs build`, và so
với một trang MkDocs Material thuần có cùng số trang Markdown, cùng cỡ nội dung trung bình, một thanh
điều hướng cùng số mục như của dự án, các trang còn lại cũng nằm ngoài thanh điều hướng (mốc so sánh
công bằng).

Máy đo: {{ machine.cpu }}, {{ machine.nproc }} lõi, {{ machine.ram_gb }} GB RAM; Python {{ machine.python }},
MkDocs {{ machine.mkdocs }}, Material {{ machine.material }}; ngày {{ machine.date }}; tải trung bình
lúc bắt đầu/kết thúc: {{ machine.load_start }} / {{ machine.load_end }} (máy dùng chung: “build s” là thời gian thực,
“CPU s” là thời gian CPU của tiến trình dựng và các tiến trình con, ít bị ảnh hưởng bởi tải).

| S | site | records | recipients | pages | build s | CPU s | ms/page (CPU) | peak MB | site MB | avg page KB | avg content KB | validation s (% of build) | search index s | search KB (first query) |
| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
{% for r in rows %}
| {{ r.scale }} | ours | {{ r.ours.records }} | {{ r.ours.recipients }} | {{ r.ours.pages }} | {{ '%.1f'|format(r.ours.build_s) }} | {{ '%.1f'|format(r.ours.cpu_s) }} | {{ '%.2f'|format(1000 * r.ours.cpu_s / r.ours.pages) }} | {{ '%.0f'|format(r.ours.peak_mb) }} | {{ '%.1f'|format(r.ours.site_mb) }} | {{ '%.1f'|format(r.ours.avg_page_kb) }} | {{ '%.2f'|format(r.ours.avg_content_bytes / 1024) }} | {{ '%.2f'|format(r.ours.validate_s) }} ({{ '%.1f'|format(100 * r.ours.validate_s / r.ours.build_s) }}%) | {{ '%.1f'|format(r.ours.search_s) if r.ours.search_s is not none else 'n/a' }} | {{ kb(r.ours.search_kb) }} |
| {{ r.scale }} | plain | – | – | {{ r.plain.pages }} | {{ '%.1f'|format(r.plain.build_s) }} | {{ '%.1f'|format(r.plain.cpu_s) }} | {{ '%.2f'|format(1000 * r.plain.cpu_s / r.plain.pages) }} | {{ '%.0f'|format(r.plain.peak_mb) }} | {{ '%.1f'|format(r.plain.site_mb) }} | {{ '%.1f'|format(r.plain.avg_page_kb) }} | {{ '%.2f'|format(r.plain.avg_content_bytes / 1024) }} | – | – | {{ kb(r.plain.search_kb) }} |
{% endfor %}

Ours / plain:

| S | build (wall) | build (CPU) | build (CPU) without the search index step | peak memory | site size |
| ---: | ---: | ---: | ---: | ---: | ---: |
{% for r in rows %}
| {{ r.scale }} | {{ '%.2f'|format(r.ours.build_s / r.plain.build_s) }}× | {{ '%.2f'|format(r.ours.cpu_s / r.plain.cpu_s) }}× | {{ '%.2f×'|format((r.ours.cpu_s - r.ours.search_s) / r.plain.cpu_s) if r.ours.search_s is not none else 'n/a' }} | {{ '%.2f'|format(r.ours.peak_mb / r.plain.peak_mb) }}× | {{ '%.2f'|format(r.ours.site_mb / r.plain.site_mb) }}× |
{% endfor %}
{% if goals %}

Goals of issue 7 (computed from the table above):

| goal | measured | met |
| --- | --- | :---: |
{% for g in goals %}
| {{ g.goal }} | {{ g.measured }} | {{ 'yes' if g.met else '**no**' }} |
{% endfor %}
{% endif %}
{% if notes %}

Nhận xét (tính từ bảng trên):

- Không tính bước tạo chỉ mục tìm kiếm, bản dựng của dự án tốn {{ notes.bare|vi(2) }}× thời gian CPU của trang
  thuần cùng số trang (S={{ notes.scale }}); phần chênh lệch còn lại là chỉ mục Pagefind:
  {{ notes.search_s|vi(1) }} s, {{ notes.search_pct|vi(0) }}% thời gian dựng. Phần lớn bộ nhớ đỉnh ({{ notes.peak|vi(0) }} MB)
  cũng là của chương trình Pagefind.
- Phần lớn thời gian còn lại là của MkDocs và Material: mỗi trang được dựng qua toàn bộ mẫu giao diện
  (xem hồ sơ cProfile bên dưới), như ở trang thuần.
{% endif %}
{% if linear %}

CPU seconds per page at S={{ linear.high }} / S={{ linear.low }}: {{ '%.2f'|format(linear.ratio) }}× (1.00× = linear;
wall: {{ '%.2f'|format(linear.wall_ratio) }}×).
{% endif %}
{% if serve %}

**Xem trước khi sửa (`mkdocs serve --livereload`, S=1)**

Lần dựng đầu: {{ serve.first_s|vi(1) }} s. Từ lúc lưu một tệp `data/people/*.yml` đến khi trang của
người đó được phục vụ với nội dung mới: {{ serve.median_s|vi(1) }} s (trung vị của
{{ serve.times|length }} lần: {{ serve.times|map('vi', 1)|join(' · ') }} s).
{% if serve.rebuild_s %}
Mỗi lần sửa, MkDocs dựng lại toàn bộ trang: {{ serve.rebuild_s|vi(1) }} s theo nhật ký của `mkdocs serve`{% if serve.search_s %},
trong đó tạo chỉ mục tìm kiếm {{ serve.search_s|vi(1) }} s{% endif %}; phần còn lại là thời gian chờ phát hiện thay đổi và tải lại.
MkDocs 1.6 dựng lại mọi trang ở mỗi lần thay đổi, nên thời gian này tăng theo số trang.
{% endif %}
{% if serve.dirty %}

Với `mkdocs serve --livereload --dirty` (xem trước nhanh: khi xem trước, mỗi trang sinh ra là một tệp
chỉ được ghi lại khi nội dung trang đổi, nên MkDocs chỉ dựng lại những trang đó): từ lúc lưu đến khi
trang hiện nội dung mới {{ serve.dirty.median_s|vi(1) }} s (trung vị của {{ serve.dirty.times|length }} lần:
{{ serve.dirty.times|map('vi', 1)|join(' · ') }} s){% if serve.dirty.rebuild_s %}; MkDocs ghi trong nhật ký
{{ serve.dirty.rebuild_s|vi(1) }} s cho mỗi lần dựng lại{% endif %}.
{% endif %}
{% endif %}

Cách đo: mỗi lần dựng chạy trong một tiến trình riêng; “peak MB” là `ru_maxrss` của tiến trình đó;
“validation s” là thời gian `bangvang.validation.validate` đọc và kiểm tra toàn bộ dữ liệu (một phần
của thời gian dựng); “search KB” là số byte một lần tìm đầu tiên tải về: với Pagefind là
pagefind-entry.json + pagefind.js + wasm + pf_meta + mảnh chỉ mục lớn nhất + các mảnh bộ lọc;
“lunr” là search_index.json của công cụ tìm kiếm sẵn có của Material (tải toàn bộ); “search index s” là
thời gian bước tạo chỉ mục Pagefind tự ghi trong nhật ký dựng, và cột “without the search index step”
lấy thời gian CPU trừ đi thời gian đó (ước lượng; trang đối chứng vẫn có tìm kiếm lunr sẵn có của Material).
{% if repeat > 1 %}Mỗi lần dựng được chạy {{ repeat }} lần; bảng lấy lần ít thời gian CPU nhất.
{% endif %}
{% if profile %}

**Hồ sơ thời gian (cProfile)**

{{ profile }}
{% endif %}
""")


def machine() -> dict:
    cpu = platform.processor() or "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        ram = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1]) / 2**20
    except (OSError, TypeError):
        ram = 0
    return {"cpu": cpu, "nproc": os.cpu_count(), "ram_gb": f"{ram:.0f}", "python": platform.python_version(),
            "mkdocs": metadata.version("mkdocs"), "material": metadata.version("mkdocs-material"),
            "date": dt.datetime.now(dt.timezone.utc).strftime("%d/%m/%Y %H:%M UTC")}


def render_report(rows: list[dict], serve: dict | None, load_start: str, profile: str = "", repeat: int = 1,
                  info: dict | None = None) -> str:
    linear = None
    if len(rows) >= 2:
        low, high = rows[0], rows[-1]
        def per_page(r, key):
            return r["ours"][key] / r["ours"]["pages"]
        linear = {"low": low["scale"], "high": high["scale"],
                  "ratio": per_page(high, "cpu_s") / per_page(low, "cpu_s"),
                  "wall_ratio": per_page(high, "build_s") / per_page(low, "build_s")}

    def kb(value):
        return f"{value:,.0f}" if isinstance(value, float) else value

    goals = goal_rows(rows)
    notes = None
    if rows and rows[-1]["ours"].get("search_s") is not None:
        top = rows[-1]
        notes = {"scale": top["scale"], "search_s": top["ours"]["search_s"],
                 "bare": (top["ours"]["cpu_s"] - top["ours"]["search_s"]) / top["plain"]["cpu_s"],
                 "search_pct": 100 * top["ours"]["search_s"] / top["ours"]["build_s"],
                 "peak": top["ours"]["peak_mb"]}
    if info is None:
        info = machine()
        info.update(load_start=load_start, load_end=load_average())
    return REPORT.render(rows=rows, serve=serve, linear=linear, machine=info, kb=kb, profile=profile, goals=goals, notes=notes,
                         repeat=repeat)


def goal_rows(rows: list[dict]) -> list[dict]:
    """The targets of issue 7, each with what this run measured (CPU time where time is asked)."""
    if not rows:
        return []
    goals = []
    ratios = [r["ours"]["cpu_s"] / r["plain"]["cpu_s"] for r in rows]
    goals.append({"goal": "build ≤ 1.25× plain MkDocs (CPU), every S",
                  "measured": " · ".join(f"S={r['scale']}: {x:.2f}×" for r, x in zip(rows, ratios)),
                  "met": max(ratios) <= 1.25})
    if all(r["ours"].get("search_s") is not None for r in rows):
        bare = [(r["ours"]["cpu_s"] - r["ours"]["search_s"]) / r["plain"]["cpu_s"] for r in rows]
        goals.append({"goal": "… ours without its search index step (plain keeps its lunr search)",
                      "measured": " · ".join(f"S={r['scale']}: {x:.2f}×" for r, x in zip(rows, bare)),
                      "met": max(bare) <= 1.25})
    low, high = rows[0], rows[-1]
    if high["scale"] > low["scale"]:
        def per_page(r):
            return r["ours"]["cpu_s"] / r["ours"]["pages"]
        lin = per_page(high) / per_page(low)
        goals.append({"goal": f"s/page at S={high['scale']} ≤ 1.2× S={low['scale']} (CPU)",
                      "measured": f"{1000 * per_page(low):.2f} → {1000 * per_page(high):.2f} ms ({lin:.2f}×)",
                      "met": lin <= 1.2})
        sizes = [r["ours"]["avg_page_kb"] for r in rows]
        goals.append({"goal": "average page size independent of S (±10%)",
                      "measured": " · ".join(f"{s:.1f}" for s in sizes) + " KB",
                      "met": max(sizes) <= 1.1 * min(sizes)})
    share = high["ours"]["validate_s"] / high["ours"]["build_s"]
    goals.append({"goal": f"validation < 10% of the build at S={high['scale']}",
                  "measured": f"{high['ours']['validate_s']:.1f} s of {high['ours']['build_s']:.1f} s ({100 * share:.1f}%)",
                  "met": share < 0.10})
    goals.append({"goal": f"peak memory < 2 GB at S={high['scale']}",
                  "measured": f"{high['ours']['peak_mb']:.0f} MB", "met": high["ours"]["peak_mb"] < 2048})
    return goals


def load_average() -> str:
    try:
        return " ".join(f"{v:.1f}" for v in os.getloadavg())
    except OSError:
        return "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo thời gian dựng trang theo quy mô dữ liệu.")
    parser.add_argument("--scales", default="1,3,10", help="các quy mô, cách nhau bởi dấu phẩy (mặc định 1,3,10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="dựng mỗi trang N lần, lấy lần ít thời gian CPU nhất")
    parser.add_argument("--serve", action="store_true", help="đo thêm mkdocs serve --livereload ở S=1")
    parser.add_argument("--work", type=Path, help="thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
    parser.add_argument("--report", type=Path, default=ROOT / "benchmarks" / "build.md",
                        help="tệp ghi bảng kết quả (mặc định benchmarks/build.md); '-' để không ghi")
    parser.add_argument("--json", type=Path, help="ghi thêm số liệu thô ra tệp JSON")
    parser.add_argument("--from-json", type=Path, help="không đo: viết lại bảng từ tệp JSON của một lần chạy trước")
    parser.add_argument("--profile", type=int, metavar="S",
                        help="thêm: cProfile một lần dựng ở quy mô S (với --scales '' thì chỉ in hồ sơ này)")
    args = parser.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        report = render_report(saved["rows"], saved.get("serve"), saved.get("load_start", "?"),
                               saved.get("profile", ""), saved.get("repeat", 1), saved.get("machine"))
        print(report)
        if str(args.report) != "-":
            args.report.write_text(report, encoding="utf-8")
        return 0
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="bangvang-bench-"))
    rows, serve, profile = [], None, ""
    load_start = load_average()
    try:
        for scale in scales:
            print(f"S={scale}…", file=sys.stderr, flush=True)
            rows.append(bench_scale(scale, work, args.seed, args.repeat))
            print(json.dumps(rows[-1], default=str), file=sys.stderr, flush=True)
        if args.serve:
            print("serve…", file=sys.stderr, flush=True)
            serve = bench_serve(work, args.seed)
            # The fast preview: only pages whose content changed are rendered again.
            serve["dirty"] = bench_serve(work, args.seed, port=8766, flags=("--dirty",))
        if args.profile:
            print(f"profile S={args.profile}…", file=sys.stderr, flush=True)
            profile = profile_build(args.profile, work, args.seed)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    info = machine()
    info.update(load_start=load_start, load_end=load_average())
    report = render_report(rows, serve, load_start, profile, args.repeat, info) if rows or serve else profile
    print(report)
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "serve": serve, "profile": profile, "load_start": load_start,
                                         "repeat": args.repeat, "machine": info}, default=str, indent=1),
                             encoding="utf-8")
    if str(args.report) != "-" and rows:
        args.report.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
