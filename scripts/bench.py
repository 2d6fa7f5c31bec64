"""Benchmark the site build at several data scales against a plain MkDocs Material site.

    .venv/bin/python scripts/bench.py                         # S = 1, 3, 10; writes benchmarks/build.md
    .venv/bin/python scripts/bench.py --scales 1,3 --repeat 2 # fewer scales, best of 2
    .venv/bin/python scripts/bench.py --serve                 # also: the preview (mkdocs serve) at S=1
    .venv/bin/python scripts/bench.py --scales '' --profile 3 # only a cProfile of one build at S=3

For each scale S it generates a synthetic data set (scripts/devtools/sample.py), builds our site
with `mkdocs build` on a mirror of the project whose data/ is that set, measures what our pages
are (size, headings, table-of-contents entries), and builds a plain Material site shaped like
them (the fair baseline, see make_plain). Builds alternate between ours and plain, each pinned to
1 and to 2 cores, in a process of its own; wall time, CPU time (user + sys of the process and its
children) and peak memory are measured. Nothing is written into the project's data/. The report
itself is scripts/devtools/bench_report.py; the profile's map, scripts/devtools/profile_map.py.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

import markdown as md
import yaml

ROOT = Path(__file__).resolve().parents[1]

from bangvang.website.verification import QR_CACHE_ENV  # noqa: E402  (where QR codes are kept between builds)
from devtools import bench_report, sample  # noqa: E402  (scripts/ is on sys.path when run as a script)

MKDOCS = [sys.executable, "-m", "mkdocs"]

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
# The project's entries a mirror does not link: its data, output and config (the mirror has its
# own), and the folders its config names by absolute path (validation refuses a linked docs/).
NOT_MIRRORED = {"data", "site", "mkdocs.yml", ".git", "docs", "overrides"}
SEARCH_LOG = re.compile(
    r"Chỉ mục tìm kiếm: (\d+) mục, ([\d.,]+) giây \(([\d.,]+) trước khi dựng trang, "
    r"chờ ([\d.,]+) sau; Pagefind chạy song song ([\d.,]+) giây\)"
)


# ---------------------------------------------------------------------------------------------
# Running and measuring one build
# ---------------------------------------------------------------------------------------------


@dataclass
class Run:
    wall_s: float
    cpu_s: float  # user + sys of the process and the children it waited for (Pagefind)
    peak_mb: float  # ru_maxrss: the largest single process of the tree
    tree_peak_mb: float  # the whole tree's resident memory at once, sampled
    log: str = ""


def usable_cores() -> list[int]:
    return sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else list(range(os.cpu_count() or 1))


def _tree_rss_mb(root: int) -> float:
    """Resident memory of root and all its descendants, from /proc (0 where it is missing)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
                parents[int(entry.name)] = int(fields[1])
            except (OSError, IndexError, ValueError):
                pass
    tree, grew = {root}, True
    while grew:
        more = {pid for pid, parent in parents.items() if parent in tree and pid not in tree}
        tree |= more
        grew = bool(more)
    total = 0
    for pid in tree:
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            pass
    return total / 2**20


def run_measured(cmd: list[str], cwd: Path, cores: int | None = None) -> Run:
    """One command, pinned to its first `cores` usable CPUs; fails with its log if it fails."""
    cpus = set(usable_cores()[:cores]) if cores else None
    peak = [0.0]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            cwd=cwd,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=err,
            preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
        )
        done = threading.Event()

        def sample_memory():
            while not done.wait(0.2):
                peak[0] = max(peak[0], _tree_rss_mb(proc.pid))

        sampler = threading.Thread(target=sample_memory, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        log = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}:\n{log[-3000:]}")
    maxrss = usage.ru_maxrss / 1024
    return Run(seconds, usage.ru_utime + usage.ru_stime, maxrss, max(peak[0], maxrss), log)


# The project a mirror links to: the working tree, or a snapshot of it (--snapshot) that edits made
# by others while a long run goes on cannot change.
SOURCE = ROOT
SNAPSHOT_LEAVES_OUT = shutil.ignore_patterns(
    "data", "site", ".git", ".venv", "node_modules", "__pycache__", ".*cache", ".hypothesis", "tests"
)


def snapshot_project(dest: Path) -> Path:
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(ROOT, dest, ignore=SNAPSHOT_LEAVES_OUT, symlinks=True)
    for name in (".venv", "node_modules"):
        if (ROOT / name).exists():
            (dest / name).symlink_to(ROOT / name)
    return dest


def mirror_project(dest: Path) -> Path:
    """A folder that looks like the project (links) but has a data/ of its own (filled by the caller)."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    for entry in SOURCE.iterdir():
        if entry.name not in NOT_MIRRORED:
            (dest / entry.name).symlink_to(entry)
    # INHERIT keeps every setting of the project's mkdocs.yml; relative paths resolve in the mirror.
    (dest / "mkdocs.yml").write_text(
        f"INHERIT: {SOURCE / 'mkdocs.yml'}\ndocs_dir: {SOURCE / 'docs'}\ntheme:\n  custom_dir: {SOURCE / 'overrides'}\n",
        encoding="utf-8",
    )
    return dest


# ---------------------------------------------------------------------------------------------
# What the pages of a built site are: size and headings of each <article>, TOC entries
# ---------------------------------------------------------------------------------------------

_MAIN_ARTICLE = re.compile(r'<article class="md-content__inner[^>]*>')
_ARTICLE_TAG = re.compile(r"<(/?)article\b")
_TOC_LINK = re.compile(r'class="md-nav__link')
_TAGS = re.compile(r"<[^>]+>")


def main_article(page: str) -> str:
    """The page's <article class="md-content__inner"> content (our bodies nest <article>s)."""
    found = _MAIN_ARTICLE.search(page)
    if not found:
        return ""
    depth = 1
    for tag in _ARTICLE_TAG.finditer(page, found.end()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return page[found.end() : tag.start()]
    return ""


def toc_entries(page: str) -> int:
    """Entries of Material's table of contents (the secondary sidebar) of one page."""
    start = page.find("md-nav--secondary")
    if start < 0:
        return 0
    return len(_TOC_LINK.findall(page, start, page.find("</nav>", start)))


@dataclass
class PageShape:
    article_bytes: int
    h2: int
    h3: int
    toc: int


def page_shapes(site: Path) -> list[PageShape]:
    shapes = []
    for p in sorted(site.rglob("*.html")):
        if p.name == "404.html" or p.parts[len(site.parts) :][:1] in (("pagefind",), ("pagefind-huong-dan",)):
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        article = main_article(text)
        shapes.append(
            PageShape(
                len(article.encode("utf-8")),
                len(re.findall(r"<h2\b", article)),
                len(re.findall(r"<h3\b", article)),
                toc_entries(text),
            )
        )
    return shapes


def site_stats(site: Path) -> tuple[dict, list[PageShape]]:
    shapes = page_shapes(site)
    n = len(shapes) or 1
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return {
        "pages": len(shapes),
        "site_mb": total / 2**20,
        "avg_content_bytes": sum(s.article_bytes for s in shapes) / n,
        "h2": sum(s.h2 for s in shapes) / n,
        "h3": sum(s.h3 for s in shapes) / n,
        "toc": sum(s.toc for s in shapes) / n,
    }, shapes


# ---------------------------------------------------------------------------------------------
# The plain baseline: Material, Markdown pages, no hooks, record pages out of the sidebar
# ---------------------------------------------------------------------------------------------


def project_config() -> dict:
    class Lenient(yaml.SafeLoader):  # mkdocs.yml may hold !ENV or !!python/name tags
        pass

    Lenient.add_multi_constructor("!", lambda loader, suffix, node: None)
    Lenient.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
    return yaml.load((SOURCE / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Lenient) or {}


def plain_config(folders: list[str], nav: list[str], search: bool = True) -> str:
    """The plain site's mkdocs.yml: the project's theme settings (not its overrides, hook or CSS)."""
    theme = project_config().get("theme") or {}
    config = {
        "site_name": "Trang mẫu đối chứng",
        "site_url": "https://example.org/plain/",
        "repo_url": "https://github.com/example/plain",
        "edit_uri": "edit/main/docs/",
        "theme": {
            "name": "material",
            **{k: theme[k] for k in ("language", "font", "features", "palette") if k in theme},
        },
        "markdown_extensions": ["attr_list", "tables", {"toc": {"permalink": False}}],
        "not_in_nav": "\n".join(f"/{f}/*" for f in folders) + "\n",
    }
    # Material's default plugin (search, lunr) stays on: a plain site has search, as ours has
    # (Pagefind, counted in our time). `search=False` is the sensitivity variant without it.
    if not search:
        config["plugins"] = []
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False) + "nav:\n" + "\n".join(nav) + "\n"


def plain_block(i: int) -> str:
    """One chunk of ordinary Markdown without a heading: a paragraph, a short list with a link, a small table."""
    return (
        f"Năm 2021, phong trào thi đua được triển khai rộng khắp; "
        f"**{i % 40 + 5}** tập thể và {i % 300 + 20} cá nhân có thành tích tiêu biểu.\n\n"
        f"- [Trang {i}](../index.md) — Giáo viên, Trường THCS Lê Thanh Nghị\n"
        f"- Nguyễn Thị Hoa — Chủ tịch UBND xã Gia Tân\n\n"
        f"| Danh hiệu | Tập thể | Cá nhân |\n| --- | ---: | ---: |\n| Lao động tiên tiến | {i % 9} | {i % 97} |\n\n"
    )


FILLER = "Phong trào thi đua yêu nước được triển khai sâu rộng ở các xã, thị trấn trong huyện."

_MD = md.Markdown(extensions=["tables", "attr_list", "toc"])


def _html_len(text: str) -> int:
    _MD.reset()
    return len(_MD.convert(text).encode("utf-8"))


def headings(toc_h2: int, toc_h3: int, html_h2: int, html_h3: int) -> list[str]:
    """The page's headings: Markdown ones (they make TOC entries), then HTML ones (in the article,
    not in the TOC: as our bodies' headings, swapped in after MkDocs made the TOC)."""
    out = [f"## Mục {k}\n\n" for k in range(toc_h2)] + [f"### Mục con {k}\n\n" for k in range(toc_h3)]
    out += [f'<h2 id="phan-{k}">Phần {k}</h2>\n\n' for k in range(html_h2)]
    out += [f'<h3 id="phan-con-{k}">Phần con {k}</h3>\n\n' for k in range(html_h3)]
    return out


_BLOCK_BYTES: list[int] = []  # cumulative HTML bytes of plain_block(0..n-1)


def _blocks_bytes(n: int) -> int:
    while len(_BLOCK_BYTES) <= n:
        i = len(_BLOCK_BYTES)
        _BLOCK_BYTES.append((_BLOCK_BYTES[-1] if _BLOCK_BYTES else 0) + (_html_len(plain_block(i - 1)) + 1 if i else 0))
    return _BLOCK_BYTES[n]


def compose(n_blocks: int, words: int, heads: list[str]) -> str:
    """n_blocks blocks with the headings spread over them (heading j before block j·n/len(heads)),
    then a paragraph of `words` filler words."""
    text, h = "", 0
    for b in range(n_blocks):
        while h < len(heads) and h * n_blocks // len(heads) <= b:
            text += heads[h]
            h += 1
        text += plain_block(b)
    text += "".join(heads[h:])
    filler = (FILLER + " ") * (words // len(FILLER.split()) + 1)
    return text + " ".join(filler.split()[:words]) + "\n"


def plain_body(target_bytes: float, heads: list[str]) -> str:
    """Markdown whose HTML is about target_bytes long: whole blocks with the headings among them,
    then filler words. Sized by adding up the HTML of its parts (Markdown blocks are independent),
    then corrected once on the whole."""
    word_bytes = (_html_len(compose(0, 400, [])) - _html_len(compose(0, 200, []))) / 200
    budget = target_bytes - sum(_html_len(h) + 1 for h in heads)
    n = 0
    while _blocks_bytes(n + 1) <= budget:
        n += 1
    words = max(0, int((budget - _blocks_bytes(n)) / word_bytes))
    for _ in range(2):
        missing = target_bytes - _html_len(compose(n, words, heads))
        words = max(0, words + int(missing / word_bytes))
    return compose(n, words, heads)


def article_overhead(work: Path) -> int:
    """What Material puts in a plain page's <article> besides the Markdown's HTML (the h1 and its
    id…): measured on a two-page plain site."""
    dest = work / "plain-calibration"
    shutil.rmtree(dest, ignore_errors=True)
    (dest / "docs").mkdir(parents=True)
    body = plain_body(3000, [])
    (dest / "docs" / "index.md").write_text(f"# Trang chủ\n\n{body}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(plain_config([], ["  - Trang chủ: index.md"]), encoding="utf-8")
    run_measured(MKDOCS + ["build", "-q", "-d", str(dest / "site")], dest)
    article = main_article((dest / "site" / "index.html").read_text(encoding="utf-8"))
    return len(article.encode("utf-8")) - _html_len(body)


def project_nav_shape() -> tuple[int, list[int]]:
    """The project's sidebar: how many top-level pages, and how many pages in each section.

    Material renders the whole sidebar on every page, so the baseline gets one of the same size."""
    leaves, sections = 0, []
    for item in project_config().get("nav") or []:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            sections.append(len(value))
        else:
            leaves += 1
    return max(leaves, 1), sections


def make_plain(
    dest: Path,
    shapes: list[PageShape],
    content_bytes: float,
    overhead: int,
    all_in_toc: bool = False,
    search: bool = True,
    page_sizes: bool = False,
) -> Path:
    """A plain site with one page per page of ours: each page has the average content size of
    ours and the headings of one of our pages (the same multiset): as many TOC entries as that
    page has, its other h2/h3 as HTML headings (no TOC entry). `all_in_toc`: every heading a
    Markdown heading (a sensitivity variant, more than ours); `page_sizes`: each page the size of
    its page of ours (to within 3%) instead of the average (another variant)."""
    if dest.exists():
        shutil.rmtree(dest)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    leaves, groups = project_nav_shape()
    bodies: dict[tuple, str] = {}

    def body(shape: PageShape) -> str:
        toc_h2 = min(shape.toc, shape.h2)  # TOC entries are the h2s first, then h3s
        toc_h3 = min(shape.toc - toc_h2, shape.h3)
        if all_in_toc:
            toc_h2, toc_h3 = shape.h2, shape.h3
        size = content_bytes
        if page_sizes:  # sizes on a 3% grid, so that bodies are shared
            size = round(1.03 ** round(math.log(max(shape.article_bytes, overhead + 200), 1.03)))
        key = (toc_h2, toc_h3, shape.h2 - toc_h2, shape.h3 - toc_h3, size)
        if key not in bodies:
            bodies[key] = plain_body(size - overhead, headings(*key[:4]))
        return bodies[key]

    pending = iter(shapes)
    folders = [f"muc-{n}" for n in range(1, leaves)] or ["muc-1"]
    nav = ["  - Trang chủ: index.md"]
    (docs / "index.md").write_text(f"# Trang chủ\n\n{body(next(pending))}", encoding="utf-8")
    for folder in folders:
        (docs / folder).mkdir()
        (docs / folder / "index.md").write_text(f"# Mục {folder}\n\n{body(next(pending))}", encoding="utf-8")
        nav.append(f"  - Mục {folder}: {folder}/index.md")
    # Sections listed in the sidebar with all their pages.
    for g, size in enumerate(groups, start=1):
        (docs / f"nhom-{g}").mkdir()
        nav.append(f"  - Nhóm {g}:")
        for k in range(size):
            name = "index.md" if k == 0 else f"trang-{k}.md"
            (docs / f"nhom-{g}" / name).write_text(f"# Nhóm {g}, trang {k}\n\n{body(next(pending))}", encoding="utf-8")
            nav.append(f"      - nhom-{g}/{name}")
    for n, shape in enumerate(pending):
        folder = folders[n % len(folders)]
        (docs / folder / f"trang-{n}.md").write_text(f"# Trang {n}\n\n{body(shape)}", encoding="utf-8")
    (dest / "mkdocs.yml").write_text(plain_config(folders, nav, search), encoding="utf-8")
    return dest


# ---------------------------------------------------------------------------------------------
# One scale
# ---------------------------------------------------------------------------------------------


def search_numbers(log: str) -> dict | None:
    found = SEARCH_LOG.search(log)
    if not found:
        return None
    num = [float(x.replace(",", ".")) for x in found.groups()[1:]]
    return {"records": int(found[1]), "total": num[0], "before": num[1], "waited": num[2], "parallel": num[3]}


def bench_scale(
    scale: int, work: Path, seed: int, repeat: int, cores: list[int], overhead: int, variants: bool = False
) -> dict:
    base = work / f"s{scale}"
    base.mkdir(parents=True, exist_ok=True)
    project = mirror_project(base / "project")
    sample.write(sample.generate(scale, seed), project / "data")
    ours_site, plain_site = base / "site", base / "plain-site"
    ours_cmd = MKDOCS + ["build", "-d", str(ours_site)]
    plain_cmd = MKDOCS + ["build", "-q", "-d", str(plain_site)]

    # One build of ours first, with an empty QR-code cache (a first build on a new machine; the
    # preview and CI keep the cache): the plain site is shaped after its pages. Not in the minimum.
    qr_cache = base / "qr-cache"
    shutil.rmtree(qr_cache, ignore_errors=True)
    ENV[QR_CACHE_ENV] = str(qr_cache)
    shutil.rmtree(ours_site, ignore_errors=True)
    print(f"  S={scale} ours, first build (empty QR cache)", file=sys.stderr, flush=True)
    first = run_measured(ours_cmd, project, cores[-1])
    ours, shapes = site_stats(ours_site)
    ours["cold"] = {k: v for k, v in asdict(first).items() if k != "log"}
    plain_dir = make_plain(base / "plain", shapes, ours["avg_content_bytes"], overhead)
    runs: dict[str, dict[int, list[Run]]] = {"ours": {c: [] for c in cores}, "plain": {c: [] for c in cores}}
    for n in range(repeat):
        for c in cores:  # alternating, so both sites see the same load
            for name, cmd, cwd, site in (
                ("ours", ours_cmd, project, ours_site),
                ("plain", plain_cmd, plain_dir, plain_site),
            ):
                shutil.rmtree(site, ignore_errors=True)
                print(f"  S={scale} {name} {c} core(s), run {n + 1}", file=sys.stderr, flush=True)
                runs[name][c].append(run_measured(cmd, cwd, c))
    plain, _ = site_stats(plain_site)
    row = {"scale": scale}
    for name, stats in (("ours", ours), ("plain", plain)):
        chosen = {c: min(rs, key=lambda r: r.cpu_s) for c, rs in runs[name].items()}
        stats["runs"] = {str(c): {k: v for k, v in asdict(r).items() if k != "log"} for c, r in chosen.items()}
        stats["all_cpu_s"] = {str(c): [round(r.cpu_s, 2) for r in rs] for c, rs in runs[name].items()}
        row[name] = stats
    best_ours = min(runs["ours"][cores[-1]], key=lambda r: r.cpu_s)
    (base / "build.log").write_text(best_ours.log, encoding="utf-8")
    row["ours"]["search"] = search_numbers(best_ours.log)
    row["ours"]["records"] = len(list((project / "data").rglob("*.yml")))
    if variants:
        row["variants"] = plain_variants(
            base,
            shapes,
            ours["avg_content_bytes"],
            overhead,
            cores[-1],
            repeat,
            row["plain"]["runs"][str(cores[-1])]["cpu_s"],
            row["ours"]["runs"][str(cores[-1])]["cpu_s"],
        )
    for site in (ours_site, plain_site):
        shutil.rmtree(site, ignore_errors=True)
    return row


def plain_variants(base: Path, shapes, content_bytes, overhead, cores, repeat, plain_cpu, ours_cpu) -> dict:
    """The baseline's sensitivity: how much lighter or heavier other readings of "plain" are."""
    rows = [{"label": "the baseline above (same headings, same TOC entries as ours, lunr search)", "cpu_s": plain_cpu}]
    for label, kwargs in (
        ("every h2/h3 a Markdown heading (TOC entries as many as the article's headings)", {"all_in_toc": True}),
        ("without Material's search plugin (no lunr index)", {"search": False}),
        ("each page the size of its page of ours (same distribution; the baseline: the average)", {"page_sizes": True}),
        ("every page at the median size of ours", {"median": True}),
    ):
        size = content_bytes
        if kwargs.pop("median", False):
            size = statistics.median(s.article_bytes for s in shapes)
        dest = make_plain(base / "plain-variant", shapes, size, overhead, **kwargs)
        cpu = []
        for _ in range(repeat):
            shutil.rmtree(base / "plain-variant-site", ignore_errors=True)
            cpu.append(
                run_measured(MKDOCS + ["build", "-q", "-d", str(base / "plain-variant-site")], dest, cores).cpu_s
            )
        rows.append({"label": label, "cpu_s": min(cpu)})
        shutil.rmtree(dest, ignore_errors=True)
        shutil.rmtree(base / "plain-variant-site", ignore_errors=True)
    return {"rows": rows, "ours_cpu": ours_cpu}


# ---------------------------------------------------------------------------------------------
# mkdocs serve --livereload: from saving a record to the page served with the change
# ---------------------------------------------------------------------------------------------

PREVIEW_LOG = re.compile(r"Xem trước: (.*)")


def free_port() -> int:
    """A port no one listens on now (the machine is shared: a fixed one may be taken)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_serve(
    work: Path, seed: int, rounds: int = 5, port: int | None = None, flags: tuple = (), cores: int | None = None
) -> dict:
    base = work / ("serve" + "".join(f.replace("-", "_") for f in flags))
    base.mkdir(parents=True, exist_ok=True)
    project = mirror_project(base / "project")
    data_dir = project / "data"
    sample.write(sample.generate(1, seed), data_dir)
    # A person named in an award act: their page shows the edit at once; the award's year page,
    # which lists them, shows it once every page is made again (the preview's quick rebuild).
    people = sorted((data_dir / "people").glob("*.yml"))
    person, year = people[len(people) // 2], None
    for award in sorted((data_dir / "awards").rglob("*.yml")):
        named = re.search(r"(?m)^\s*(?:- )?person: ([a-z0-9-]+)\s*$", award.read_text(encoding="utf-8"))
        if named and (data_dir / "people" / f"{named[1]}.yml").is_file():
            person, year = data_dir / "people" / f"{named[1]}.yml", award.parent.name
            break
    log = open(base / "serve.log", "wb")
    cpus = set(usable_cores()[:cores]) if cores else None
    port = port or free_port()
    t0 = time.perf_counter()
    server = subprocess.Popen(
        MKDOCS + ["serve", "--livereload", *flags, "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
        preexec_fn=(lambda: os.sched_setaffinity(0, cpus)) if cpus else None,
    )
    try:
        root = _wait_for(f"http://127.0.0.1:{port}/", lambda body: True, timeout=900)
        first_s = time.perf_counter() - t0
        url = root.rstrip("/") + f"/ca-nhan/{person.stem}/"
        _wait_for(url, lambda body: True, timeout=60)
        time.sleep(3)  # let the first build's background work (search bundle) settle
        original = person.read_text(encoding="utf-8")
        times, everywhere = [], []
        elsewhere = root.rstrip("/") + f"/khen-thuong/{year}/" if year else None
        for n in range(rounds):
            marker = f"Chức vụ thử {n} {int(time.time())}"
            text = re.sub(r"(?m)^position: .*$", f"position: {marker}", original)
            if "position:" not in original:
                text = original + f"position: {marker}\n"
            start = time.perf_counter()
            person.write_text(text, encoding="utf-8")
            _wait_for(url, lambda body, m=marker: m in body, timeout=300)
            times.append(time.perf_counter() - start)
            if elsewhere:
                try:
                    _wait_for(elsewhere, lambda body, m=marker: m in body, timeout=120)
                    everywhere.append(time.perf_counter() - start)
                except TimeoutError:
                    pass
            time.sleep(3)
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
    return {
        "first_s": first_s,
        "times": times,
        "median_s": statistics.median(times),
        "everywhere": everywhere,
        "everywhere_s": statistics.median(everywhere) if everywhere else None,
        "rebuilds": built[1:],
        "rebuild_s": statistics.median(built[1:]) if len(built) > 1 else None,
        "steps": None,
    }


def _wait_for(url: str, ok, timeout: float) -> str:
    """Poll url every 0.05 s until it answers and ok(body); returns the final URL (redirects followed)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=10) as resp:
                body = resp.read().decode("utf-8", "replace")
                if ok(body):
                    return resp.geturl()
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not show the change within {timeout} s")


# ---------------------------------------------------------------------------------------------
# Profile: where a build's time goes (cProfile of one `mkdocs build`)
# ---------------------------------------------------------------------------------------------


def profile_build(scale: int, work: Path, seed: int) -> str:
    from devtools import profile_map  # noqa: F401  (fails now, not after the build, if a step was renamed)

    base = work / f"profile-s{scale}"
    base.mkdir(parents=True, exist_ok=True)
    project = mirror_project(base / "project")
    sample.write(sample.generate(scale, seed), project / "data")
    # A warm QR-code cache, as the measured builds have (the same seed makes the same codes).
    qr_cache = work / f"s{scale}" / "qr-cache"
    ENV[QR_CACHE_ENV] = str(qr_cache if qr_cache.is_dir() else base / "qr-cache")
    if not qr_cache.is_dir():
        run_measured(MKDOCS + ["build", "-q", "-d", str(base / "site")], project)
    prof = base / "build.prof"
    # CPU time, not wall time, as the profiler's clock: the machine is shared.
    cmd = [sys.executable, "-c", PROFILE_RUN, str(prof), "build", "-q", "-d", str(base / "site")]
    run = run_measured(cmd, project)
    return bench_report.summarize_profile(prof, scale, run.cpu_s, SOURCE)


PROFILE_RUN = """\
import cProfile, runpy, sys, time
out, sys.argv = sys.argv[1], ["mkdocs", *sys.argv[2:]]
profiler = cProfile.Profile(time.process_time)
try:
    profiler.runcall(runpy.run_module, "mkdocs", run_name="__main__")
except SystemExit:
    pass
finally:
    profiler.dump_stats(out)
"""


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def code_version() -> str:
    """The commit measured, and whether uncommitted changes were in the tree (the snapshot's)."""
    try:
        head = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=30
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "hooks", "overrides", "docs", "mkdocs.yml"],
            capture_output=True,
            text=True,
            timeout=30,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "?"
    return f"{head}{' + uncommitted changes' if dirty else ''}" + (" (snapshot)" if SOURCE != ROOT else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo thời gian dựng trang theo quy mô dữ liệu.")
    parser.add_argument("--scales", default="1,3,10", help="các quy mô, cách nhau bởi dấu phẩy (mặc định 1,3,10)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="dựng mỗi cấu hình N lần, lấy lần ít thời gian CPU nhất")
    parser.add_argument(
        "--cores", default="1,2", help="số lõi ghim cho mỗi lần dựng (mặc định 1,2; bỏ số lớn hơn số lõi của máy)"
    )
    parser.add_argument("--serve", action="store_true", help="đo thêm bản xem trước (mkdocs serve) ở S=1")
    parser.add_argument(
        "--variants", action="store_true", help="đo thêm các biến thể của trang thuần ở quy mô nhỏ nhất"
    )
    parser.add_argument(
        "--snapshot",
        action="store_true",
        help="dựng từ một bản sao mã nguồn chụp lúc bắt đầu (người khác đang sửa kho trong lúc đo)",
    )
    parser.add_argument("--source", type=Path, help="dựng từ bản sao mã nguồn đã có ở thư mục này")
    parser.add_argument("--work", type=Path, help="thư mục làm việc (mặc định: thư mục tạm, xóa khi xong)")
    parser.add_argument(
        "--report",
        type=Path,
        default=ROOT / "benchmarks" / "build.md",
        help="tệp ghi bảng kết quả (mặc định benchmarks/build.md); '-' để không ghi",
    )
    parser.add_argument("--json", type=Path, help="ghi thêm số liệu thô ra tệp JSON")
    parser.add_argument(
        "--from-json",
        type=Path,
        action="append",
        help="không đo: viết lại bảng từ tệp JSON của lần chạy trước (nhiều tệp: gộp lại)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        metavar="S",
        help="thêm: cProfile một lần dựng ở quy mô S (với --scales '' thì chỉ in hồ sơ này)",
    )
    parser.add_argument("--remarks", type=Path, help="tệp Markdown: nhận xét của người đo, in nguyên văn trong báo cáo")
    args = parser.parse_args(argv)
    remarks = args.remarks.read_text(encoding="utf-8") if args.remarks else ""
    available = len(usable_cores())
    cores = sorted({int(c) for c in args.cores.split(",") if c.strip() and int(c) <= available}) or [available]
    if args.from_json:
        merged: dict = {"rows": [], "serve": None, "profile": "", "variants": None}
        for path in args.from_json:
            saved = json.loads(path.read_text(encoding="utf-8"))
            merged["rows"] += saved.get("rows") or []
            for key in ("serve", "profile", "variants", "machine", "cores", "repeat"):
                if saved.get(key):
                    merged[key] = saved[key]
        merged["rows"].sort(key=lambda r: r["scale"])
        report = bench_report.render_report(
            merged["rows"],
            merged["serve"],
            merged["machine"],
            merged["cores"],
            merged.get("repeat", 1),
            merged["profile"],
            merged["variants"],
            remarks,
        )
        print(report)
        if str(args.report) != "-":
            args.report.write_text(report, encoding="utf-8")
        return 0
    if args.profile:
        from devtools import profile_map  # noqa: F401  (a renamed step fails here, before any build)
    scales = [int(s) for s in args.scales.split(",") if s.strip()]
    work = args.work or Path(tempfile.mkdtemp(prefix="bangvang-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    global SOURCE
    if args.source:
        SOURCE = args.source.resolve()
    elif args.snapshot:
        SOURCE = snapshot_project(work / "source")
    rows, serve, profile, variants = [], None, "", None
    info = bench_report.machine()
    info["code"] = code_version()
    info["load_start"] = bench_report.load_average()

    def save() -> None:
        if args.json:
            args.json.write_text(
                json.dumps(
                    {
                        "rows": rows,
                        "serve": serve,
                        "profile": profile,
                        "variants": variants,
                        "repeat": args.repeat,
                        "cores": cores,
                        "machine": info,
                    },
                    default=str,
                    indent=1,
                ),
                encoding="utf-8",
            )

    try:
        overhead = article_overhead(work) if scales else 0
        for scale in scales:
            print(f"S={scale}…", file=sys.stderr, flush=True)
            rows.append(
                bench_scale(
                    scale, work, args.seed, args.repeat, cores, overhead, variants=args.variants and scale == scales[0]
                )
            )
            variants = variants or rows[-1].pop("variants", None)
            if variants:
                variants["scale"] = scales[0]
            info["load_end"] = bench_report.load_average()
            save()
            print(json.dumps(rows[-1], default=str), file=sys.stderr, flush=True)
        if args.serve:
            serve = {}
            for key, flags in (("dirty", ("--dirty",)), ("full", ())):
                print(f"serve {flags}…", file=sys.stderr, flush=True)
                serve[key] = bench_serve(work, args.seed, flags=flags, cores=cores[-1])
                save()
        if args.profile:
            print(f"profile S={args.profile}…", file=sys.stderr, flush=True)
            profile = profile_build(args.profile, work, args.seed)
            save()
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    info["load_end"] = bench_report.load_average()
    save()
    report = (
        bench_report.render_report(rows, serve, info, cores, args.repeat, profile, variants, remarks)
        if rows or serve
        else profile
    )
    print(report)
    if str(args.report) != "-" and rows:
        args.report.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
