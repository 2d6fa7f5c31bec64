"""Benchmark the header search on a generated site of about 5,000 pages (issues 4, 13).

    .venv/bin/python scripts/bench_search.py                 # scale 2 (~5,000 pages); writes benchmarks/search.md
    .venv/bin/python scripts/bench_search.py --scale 1 --no-write

It generates a synthetic data set (scripts/generate_sample.py), builds the site twice on a mirror
of the project whose data/ is that set (the second build checks that the search bundle is
byte-identical), serves it on 127.0.0.1 and, in headless Chromium, types queries into the real
search box. For each first query (a fresh browser context: empty cache) it counts the bytes the
local server sends after the page has loaded (counted in the server, so the requests of
Pagefind's Web Worker count too: headers and body as sent) and the time from the last keystroke to the
results on screen (the box's data-bv-query attribute, set after rendering). A second query in
the same context shows what later queries cost. Not a test: numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import hashlib
import http.server
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bangvang.text import format_number

ROOT = Path(__file__).resolve().parents[1]

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
QUERIES = [
    "doan thuong",
    "nguyen van",
    "le thanh nghi",
    "nong thon moi",
    "tien tien",
    "hoá",
    "uỷ ban",
    "bang khen thu tuong",
    "tap the lao dong xuat sac",
    "giay khen chu tich ubnd huyen",
    "Phạm Trấn",
]
SECOND = "gia loc"
DELAYS = (60, 200)  # ms between keystrokes: a fast typist (results at the end) and a slow one (as they type)
TEXT = {".html", ".js", ".css", ".json", ".svg", ".xml", ".txt"}  # what GitHub Pages compresses


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site as GitHub Pages does (text files gzip-compressed when the browser accepts
    it) and notes the bytes sent for each request (headers and body) and the bytes unpacked."""

    sent: list[tuple[str, int, int]] = []  # path, bytes on the wire, bytes of the file
    protocol_version = "HTTP/1.0"  # one request a connection: bytes counted per request

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.suffix in TEXT and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", ""):
            raw = path.read_bytes()
            body = gzip.compress(raw, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.raw_size = len(raw)
            return
        self.raw_size = path.stat().st_size if path.is_file() else 0
        super().do_GET()

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def finish(self):
        try:
            super().finish()
        finally:
            _Counting.sent.append((getattr(self, "path", "?"), self.wfile.count, getattr(self, "raw_size", 0)))

    def log_message(self, *args):
        pass


class _CountingWriter:
    def __init__(self, raw):
        self.raw, self.count = raw, 0

    def write(self, data):
        self.count += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Counting, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def mirror_project(dest: Path, data_dir: Path) -> Path:
    """A folder that looks like the project but whose data/ is a copy of data_dir: symlinks to
    the code, copies of docs/ and data/ (the build refuses symlinks and hidden files there)."""
    dest.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name not in ("data", "docs", "site", "mkdocs.yml", ".git"):
            (dest / entry.name).symlink_to(entry)
    shutil.copytree(ROOT / "docs", dest / "docs")
    shutil.copytree(data_dir, dest / "data", ignore=shutil.ignore_patterns(".*"))
    (dest / "mkdocs.yml").write_text(f"INHERIT: {ROOT / 'mkdocs.yml'}\n", encoding="utf-8")
    return dest


def build(project: Path, site: Path) -> float:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
        cwd=project,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def bundle_files(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted((site / "pagefind").rglob("*"))
        if p.is_file()
    }


def bundle_difference(a: Path, b: Path) -> list[str]:
    """Which kinds of bundle file differ between two builds (file names carry content hashes)."""
    one, two = bundle_files(a), bundle_files(b)
    differ = set(one.items()) ^ set(two.items())
    return sorted({path.split("/")[1] if path.count("/") > 1 else path.rsplit(".", 1)[-1] for path, _ in differ})


def bundle_stats(site: Path) -> dict:
    pf = site / "pagefind"
    files = [p for p in pf.rglob("*") if p.is_file()]
    return {
        "files": len(files),
        "kb": sum(p.stat().st_size for p in files) / 1024,
        "records": len(list((pf / "fragment").glob("*.pf_fragment"))),
        "meta_kb": sum(p.stat().st_size for p in pf.glob("*.pf_meta")) / 1024,
        "pages": sum(1 for p in site.rglob("index.html") if "pagefind" not in p.parts),
    }


def type_and_wait(page, query: str, delay: int) -> float:
    """Type like a person; ms from the last keystroke to the results rendered for that query."""
    page.evaluate("""() => {
        const input = document.querySelector('#bv-search-input');
        window.__lastKey = 0;
        input.addEventListener('input', () => { window.__lastKey = performance.now(); });
        const box = document.querySelector('[data-bv-search]');
        new MutationObserver(() => { window.__shown = performance.now(); })
            .observe(box, {attributes: true, attributeFilter: ['data-bv-query']});
    }""")
    page.locator("#bv-search-input").click()
    page.keyboard.type(query, delay=delay)
    page.wait_for_function(
        "q => document.querySelector('[data-bv-search]').getAttribute('data-bv-query') === q", arg=query, timeout=20000
    )
    return page.evaluate("window.__shown - window.__lastKey")


def _outside_recorder(site_url: str, outside: list[str]):
    """A request listener noting every address that is not the site's own."""

    def note(request) -> None:
        if not request.url.startswith(site_url):
            outside.append(request.url)

    return note


def measure(site_url: str, start_page: str, delay: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for query in QUERIES:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            outside: list[str] = []
            page.on("request", _outside_recorder(site_url, outside))
            _Counting.sent.clear()
            page.goto(site_url + start_page)
            page.wait_for_load_state("networkidle")
            page_bytes = sum(n for _, n, _ in _Counting.sent)
            mark = len(_Counting.sent)
            first_ms = type_and_wait(page, query, delay)
            page.wait_for_timeout(500)  # let late responses finish counting
            first = _Counting.sent[mark:]
            shown = page.locator(".bv-result").count()
            status = page.locator("#bv-search-status").inner_text()
            mark = len(_Counting.sent)
            page.locator("#bv-search-input").fill("")
            second_ms = type_and_wait(page, SECOND, delay)
            page.wait_for_timeout(500)
            second = _Counting.sent[mark:]
            rows.append(
                {
                    "query": query,
                    "delay": delay,
                    "page_kb": page_bytes / 1024,
                    "first_kb": sum(n for _, n, _ in first) / 1024,
                    "first_raw_kb": sum(r for _, _, r in first) / 1024,
                    "first_requests": len(first),
                    "first_ms": first_ms,
                    "shown": shown,
                    "status": status,
                    "second_kb": sum(n for _, n, _ in second) / 1024,
                    "second_ms": second_ms,
                    "largest": sorted(((n / 1024, path) for path, n, _ in first), reverse=True)[:4],
                    "outside": outside,
                }
            )
            context.close()
        browser.close()
    return rows


def report(scale: int, stats: dict, build_s: list[float], differ: list[str], rows: list[dict]) -> str:
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True).stdout.strip()
    lines = [
        "# Đo tìm kiếm (issues 4, 13)",
        "",
        f"Đo ngày {dt.date.today():%d/%m/%Y} bằng `scripts/bench_search.py --scale {scale}` trên máy này "
        f"({platform.processor() or platform.machine()}, {chromium}, Python {platform.python_version()}). "
        "Không phải bài kiểm thử: con số thay đổi theo máy.",
        "",
        f"- Trang mẫu: {format_number(stats['pages'])} trang (dữ liệu giả lập, `scripts/generate_sample.py --scale {scale}`).",
        f"- Gói tìm kiếm `site/pagefind/`: {format_number(stats['files'])} tệp, {format_number(round(stats['kb']))} KB; "
        f"{format_number(stats['records'])} mục tìm kiếm (trang, nhóm khen thưởng, lượt khen, người nhận có tên, mục báo cáo); "
        f"tệp mô tả `pf_meta` {format_number(round(stats['meta_kb']))} KB.",
        f"- Xây dựng trang (cả bước lập chỉ mục): {' và '.join(format_number(round(s, 1)) for s in build_s)} giây.",
        "- Hai lần xây dựng cho gói tìm kiếm giống hệt nhau từng byte: "
        + (
            "có."
            if not differ
            else "KHÔNG: khác nhau ở "
            + ", ".join(f"`{d}`" for d in differ)
            + " (Pagefind ghi các giá trị của bộ lọc theo thứ tự bảng băm, đổi mỗi lần chạy; tên tệp là mã "
            "băm nội dung nên tệp mô tả `pf_meta` và `pagefind-entry.json` đổi theo). Chỉ mục từ và mảnh "
            "kết quả giống hệt nhau."
        ),
        "",
        "Truy vấn đầu tiên: trình duyệt mới (bộ nhớ đệm trống), mở một trang cá nhân, gõ truy vấn vào ô tìm "
        "kiếm, 60 ms giữa hai phím (gõ nhanh: kết quả hiện khi gõ xong) hoặc 200 ms (gõ chậm: kết quả hiện "
        "theo từng chữ, nên tải nhiều mảnh hơn). KB = số byte máy chủ cục bộ gửi đi (tiêu đề và thân) cho "
        "mọi yêu cầu sau khi trang đã tải xong; cột \"trang\" là chính trang đó, chưa có gì của tìm kiếm. "
        "Thời gian: từ phím cuối đến khi danh sách kết quả hiện (gồm 70 ms chờ gõ xong). Truy vấn sau: "
        f"xoá ô rồi gõ `{SECOND}` trong cùng trình duyệt.",
        "",
        "| gõ cách (ms) | truy vấn | trang (KB) | truy vấn đầu: KB (gzip) | KB (không nén) | yêu cầu | ms | kết quả | truy vấn sau: KB | ms |",
        "| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for r in rows:
        lines.append(
            f"| {r['delay']} | `{r['query']}` | {r['page_kb']:.0f} | {r['first_kb']:.0f} | {r['first_raw_kb']:.0f} | "
            f"{r['first_requests']} | {r['first_ms']:.0f} | {r['status']} | {r['second_kb']:.0f} | {r['second_ms']:.0f} |"
        )
    first_kb = [r["first_kb"] for r in rows]
    first_raw = [r["first_raw_kb"] for r in rows]
    first_ms = [r["first_ms"] for r in rows]
    load = os.getloadavg()[0]
    lines += [
        "",
        f"Truy vấn đầu: tối đa {max(first_kb):.0f} KB gzip như GitHub Pages gửi (trung vị "
        f"{statistics.median(first_kb):.0f} KB), tối đa {max(first_raw):.0f} KB nếu không nén gì; "
        f"tối đa {max(first_ms):.0f} ms (trung vị {statistics.median(first_ms):.0f} ms). "
        "Mục tiêu của issue 4 và 13: ≤ 300 KB và ≤ 300 ms. "
        f"Tải trung bình của máy khi đo: {format_number(round(load, 1))} (máy dùng chung, {os.cpu_count()} CPU).",
        "",
        "Tệp lớn nhất của truy vấn đầu (`"
        + rows[0]["query"]
        + "`): "
        + ", ".join(f"`{u}` {kb:.0f} KB" for kb, u in rows[0]["largest"])
        + ".",
        "",
        "Không yêu cầu nào ra ngoài trang: "
        + (
            "đúng."
            if not any(r["outside"] for r in rows)
            else "SAI: " + ", ".join(sum((r["outside"] for r in rows), []))
        ),
        "",
        "Máy chủ đo gửi tệp văn bản (`.js`, `.html`, `.css`, `.json`) nén gzip như GitHub Pages; các tệp "
        "chỉ mục, wasm và mảnh kết quả của Pagefind vốn đã nén sẵn. Cột \"không nén\" là tổng kích thước "
        "các tệp đã tải, cho máy chủ không nén gì.",
        "",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="print the report only")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        work = Path(tmp)
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "scripts" / "generate_sample.py"),
                "--scale",
                str(args.scale),
                "--out",
                str(work / "gen"),
                "--seed",
                str(args.seed),
            ],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        project = mirror_project(work / "project", work / "gen" / "data")
        sites, seconds = [work / "site-a", work / "site-b"], []
        for site in sites:
            seconds.append(build(project, site))
        differ = bundle_difference(sites[0], sites[1])
        stats = bundle_stats(sites[0])
        people = sorted((sites[0] / "ca-nhan").iterdir())
        start = f"ca-nhan/{people[len(people) // 2].name}/" if people else ""
        server, url = serve(sites[0])
        try:
            rows = [row for delay in DELAYS for row in measure(url, start, delay)]
        finally:
            server.shutdown()
    text = report(args.scale, stats, seconds, differ, rows)
    print(text)
    if not args.no_write:
        (ROOT / "benchmarks" / "search.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
