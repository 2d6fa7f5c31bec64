"""Lighthouse scores of the site's page kinds on a phone, served as GitHub Pages serves them
(gzip, under the site's path) — issue 12, point 10. A measurement, not a test: scores move with
the machine's load; the table of the last run is kept in benchmarks/lighthouse.md.

    .venv/bin/python scripts/lighthouse.py                   # build, measure, write benchmarks/lighthouse.md
    .venv/bin/python scripts/lighthouse.py --site site --runs 3
    .venv/bin/python scripts/lighthouse.py --check --out -   # CI: fail below the goals, write nothing

Pages: the home page, the latest year of awards, the largest unit page and the list of models
(or --pages). Lighthouse 12 (npm, `npm ci`) drives Debian's chromium with its mobile profile
(simulated slow 4G, 4× slower CPU, 412 px screen). Goals: performance ≥ 95, CLS 0,
accessibility, best practices and SEO 100.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from devtools.pages_server import serve

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = ROOT / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LABELS = {"performance": "Hiệu năng", "accessibility": "Trợ năng", "best-practices": "Thực hành tốt", "seo": "SEO"}
METRICS = (
    ("first-contentful-paint", "FCP s", 1000),
    ("largest-contentful-paint", "LCP s", 1000),
    ("total-blocking-time", "TBT ms", 1),
    ("cumulative-layout-shift", "CLS", None),
    ("speed-index", "Speed Index s", 1000),
    ("total-byte-weight", "tải KB", 1024),
)


def _site_prefix() -> str:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!!python", "#"))
    url = (config.get("extra", {}).get("district", {}) or {}).get("site_url") or config.get("site_url") or "/"
    return urlsplit(url).path or "/"


def build(dest: Path) -> Path:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(dest)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.exit("mkdocs build thất bại:\n" + (result.stdout + result.stderr)[-3000:])
    return dest


def default_pages(site: Path) -> dict[str, str]:
    """{kind: path}: home, the latest year, the largest unit page, the models' list."""
    pages = {"Trang chủ": ""}
    years = sorted(
        p.name for p in (site / "khen-thuong").iterdir() if p.name.isdigit() and (p / "index.html").is_file()
    )
    if years:
        pages[f"Năm {years[-1]}"] = f"khen-thuong/{years[-1]}/"
    units = [p for p in (site / "tap-the").glob("*/index.html")]
    if units:
        largest = max(units, key=lambda p: (p.stat().st_size, p.parent.name))
        pages["Một tập thể"] = f"tap-the/{largest.parent.name}/"
    pages["Điển hình tiên tiến"] = "dien-hinh/"
    return pages


def run_lighthouse(url: str, out: Path) -> dict:
    cmd = [
        "node",
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    result = subprocess.run(
        cmd, env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=300
    )
    if result.returncode or not out.is_file():
        sys.exit(f"Lighthouse thất bại trên {url}:\n{result.stderr[-3000:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def summary(report: dict) -> dict:
    """Scores (0–100), metrics, and the audits that keep a category below 100."""
    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    audits = report["audits"]
    metrics = {key: audits[key]["numericValue"] for key, _, _ in METRICS if key in audits}
    missing = {}
    for c in CATEGORIES:
        refs = report["categories"][c]["auditRefs"]
        missing[c] = [
            f"{r['id']} ({audits[r['id']]['score']})"
            for r in refs
            if r.get("weight") and audits[r["id"]]["score"] is not None and audits[r["id"]]["score"] < 1
        ]
    return {
        "scores": scores,
        "metrics": metrics,
        "missing": missing,
        "cpu": report.get("environment", {}).get("benchmarkIndex"),
        "lighthouse": report.get("lighthouseVersion"),
        "browser": report.get("environment", {}).get("hostUserAgent", ""),
    }


def median_run(runs: list[dict]) -> dict:
    """The run of median performance (as Lighthouse advises), ties broken by LCP."""
    ordered = sorted(runs, key=lambda r: (r["scores"]["performance"], -r["metrics"].get("largest-contentful-paint", 0)))
    return ordered[(len(ordered) - 1) // 2]


def _number(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def report_text(results: dict[str, tuple[str, dict, list[dict]]], runs: int) -> str:
    first = next(iter(results.values()))[1]
    chrome = next(
        (part for part in first["browser"].split() if part.startswith(("Chrome/", "HeadlessChrome/"))), "Chromium"
    )
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    head = [
        "# Đo Lighthouse (issue 12)",
        "",
        f"Đo ngày {dt.datetime.now(dt.UTC):%d/%m/%Y %H:%M} UTC bằng `scripts/lighthouse.py` trên máy này "
        f"({platform.machine()}, {os.cpu_count()} lõi, tải trung bình lúc kết thúc {load}); Lighthouse "
        f"{first['lighthouse']}, {chrome.replace('HeadlessChrome', 'Chromium')}, cấu hình điện thoại (mạng 4G chậm mô "
        "phỏng, CPU chậm 4 lần, màn hình 412 px). Trang được phục vụ như GitHub Pages (nén gzip, dưới đường dẫn của "
        f"trang). Mỗi trang đo {runs} lần, ghi lần có điểm hiệu năng ở giữa. Không phải bài kiểm thử: điểm thay đổi "
        "theo máy và tải.",
        "",
        "Mục tiêu: hiệu năng ≥ 95, CLS 0; trợ năng, thực hành tốt và SEO 100.",
        "",
        "Cột CPU: chỉ số tốc độ máy Lighthouse đo trước mỗi lần (benchmarkIndex; càng cao máy càng rảnh). "
        "Máy dùng chung bận thì chỉ số thấp, các tác vụ chạy lâu hơn và điểm hiệu năng (TBT) giảm theo.",
        "",
        "| Trang | Địa chỉ | "
        + " | ".join(LABELS[c] for c in CATEGORIES)
        + " | "
        + " | ".join(label for _, label, _ in METRICS)
        + " | CPU |",
        "| --- | --- | "
        + " | ".join("---:" for _ in CATEGORIES)
        + " | "
        + " | ".join("---:" for _ in METRICS)
        + " | ---: |",
    ]
    rows, notes = [], []
    for kind, (path, best, all_runs) in results.items():
        cells = [kind, f"`/{path}`"] + [str(best["scores"][c]) for c in CATEGORIES]
        for key, _, scale in METRICS:
            value = best["metrics"].get(key)
            cells.append(
                "–"
                if value is None
                else (_number(value, 3) if scale is None else _number(value / scale, 0 if scale in (1, 1024) else 1))
            )
        cells.append(_number(best["cpu"], 0) if best.get("cpu") else "–")
        rows.append("| " + " | ".join(cells) + " |")
        if runs > 1:
            perf = [r["scores"]["performance"] for r in all_runs]
            notes.append(
                f"- {kind}: hiệu năng các lần đo {', '.join(map(str, perf))} (trung vị {statistics.median(perf):g})."
            )
        for c in CATEGORIES:
            if best["missing"][c] and (c != "performance" or best["scores"][c] < 100):
                notes.append(f"- {kind}, {LABELS[c].lower()}: chưa đạt {', '.join(best['missing'][c])}.")
    return "\n".join(head + rows + ([""] + notes if notes else [])) + "\n"


def failures(results: dict[str, tuple[str, dict, list[dict]]], min_performance: int) -> list[str]:
    out = []
    for path, best, _ in results.values():
        s = best["scores"]
        for c in ("accessibility", "best-practices", "seo"):
            if s[c] < 100:
                out.append(f"/{path}: {LABELS[c]} {s[c]} < 100 ({', '.join(best['missing'][c])})")
        if s["performance"] < min_performance:
            out.append(f"/{path}: {LABELS['performance']} {s['performance']} < {min_performance}")
        cls = best["metrics"].get("cumulative-layout-shift", 0)
        if cls > 0:
            out.append(f"/{path}: CLS {cls:.3f} > 0")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Đo Lighthouse các loại trang trên điện thoại.")
    parser.add_argument("--site", type=Path, help="thư mục trang đã dựng (mặc định: dựng mới vào thư mục tạm)")
    parser.add_argument(
        "--pages",
        help="các đường dẫn cần đo, cách nhau bởi dấu phẩy (mặc định: trang chủ, "
        "năm mới nhất, trang tập thể lớn nhất, danh sách điển hình)",
    )
    parser.add_argument("--runs", type=int, default=1, help="số lần đo mỗi trang, ghi lần ở giữa (mặc định 1)")
    parser.add_argument(
        "--out",
        default=str(ROOT / "benchmarks" / "lighthouse.md"),
        help="tệp ghi bảng kết quả (mặc định benchmarks/lighthouse.md); '-' để không ghi",
    )
    parser.add_argument("--json", type=Path, help="giữ các báo cáo JSON của Lighthouse trong thư mục này")
    parser.add_argument("--check", action="store_true", help="thoát với mã lỗi nếu chưa đạt mục tiêu")
    parser.add_argument("--min-performance", type=int, default=95, help="điểm hiệu năng tối thiểu khi --check")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        sys.exit("Chưa cài Lighthouse: chạy `npm ci` ở thư mục dự án.")
    if not Path(CHROMIUM).exists():
        sys.exit(f"Không thấy Chromium ở {CHROMIUM} (apt-get install chromium, hoặc đặt CHROME_PATH).")
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = args.site or build(Path(tmp) / "site")
        if args.pages:
            paths = [p.strip().strip("/") for p in args.pages.split(",")]
            pages = {f"/{p}/" if p else "/": f"{p}/" if p else "" for p in paths}
        else:
            pages = default_pages(site)
        reports = args.json or Path(tmp) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        base, server = serve(site, _site_prefix())
        results = {}
        try:
            for kind, path in pages.items():
                runs = []
                for n in range(args.runs):
                    name = (path.strip("/").replace("/", "-") or "home") + f"-{n + 1}.json"
                    runs.append(summary(run_lighthouse(base + path, reports / name)))
                    print(
                        f"/{path} lần {n + 1}: "
                        + ", ".join(f"{LABELS[c]} {runs[-1]['scores'][c]}" for c in CATEGORIES),
                        file=sys.stderr,
                    )
                results[kind] = (path, median_run(runs), runs)
        finally:
            server.shutdown()
    text = report_text(results, args.runs)
    print(text)
    if args.out != "-":
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        Path(args.out).write_text(text, encoding="utf-8")
    if args.check:
        problems = failures(results, args.min_performance)
        for p in problems:
            print("chưa đạt: " + p, file=sys.stderr)
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
