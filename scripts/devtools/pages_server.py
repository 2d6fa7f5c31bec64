"""Serve a built site as GitHub Pages serves it, for measurements (scripts/lighthouse.py): under the
site's path (/bang-vang/), text files gzip-compressed when the browser accepts it, the cache
header GitHub Pages sends (10 minutes), keep-alive connections, and 404.html with status 404 at
any missing address."""

from __future__ import annotations

import email.utils
import functools
import gzip
import http.server
import threading
from pathlib import Path

COMPRESSED = {".html", ".js", ".mjs", ".css", ".json", ".svg", ".xml", ".txt", ".webmanifest"}
MAX_AGE = 600  # seconds: GitHub Pages' Cache-Control


class PagesHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a browser gets from GitHub Pages
    prefix = "/"
    site: Path = Path(".")
    _gzipped: dict[Path, bytes] = {}

    def log_message(self, *args):
        pass

    def translate_path(self, path):
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(self.site / "__missing__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def end_headers(self):
        self.send_header("Cache-Control", f"max-age={MAX_AGE}")
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        page = self.site / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        self._send(page, 404)

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().do_GET()  # the redirect to the address with its slash
            path = path / "index.html"
        if not path.is_file():
            return self.send_error(404)
        self._send(path, 200)

    def do_HEAD(self):
        self.do_GET()

    def _send(self, path: Path, status: int) -> None:
        body = path.read_bytes()
        zipped = path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            if path not in self._gzipped:
                self._gzipped[path] = gzip.compress(body, compresslevel=9, mtime=0)
            body = self._gzipped[path]
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(site: Path, prefix: str = "/") -> tuple[str, http.server.ThreadingHTTPServer]:
    """Serve site on 127.0.0.1 (a free port) under prefix; returns (base URL, server). Stop it with
    server.shutdown()."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = type("Handler", (PagesHandler,), {"prefix": prefix, "site": Path(site), "_gzipped": {}})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}{prefix}", server
