"""Pagefind's command line over a folder of source documents, run in the background.

The command line rather than Pagefind's Python service: the service is stopped as soon as it
answers "written", which under load has left files cut short; the command exits when all is on
disk. The build starts it as soon as the search records are written and waits only at the end.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from pagefind.service import get_executable


class PagefindError(RuntimeError):
    """Pagefind is missing or failed; the message says why (for the build's log)."""


class PagefindRun:
    """One `pagefind --site sources --output-path output` process."""

    def __init__(self, sources: Path, output: Path, language: str = "vi"):
        self.sources, self.output, self.language = Path(sources), Path(output), language
        self._process: subprocess.Popen | None = None

    def start(self) -> PagefindRun:
        executable = get_executable()
        if executable is None:
            raise PagefindError("không tìm thấy chương trình Pagefind (gói pagefind[bin])")
        command = [
            str(executable),
            "--site",
            str(self.sources),
            "--output-path",
            str(self.output),
            "--force-language",
            self.language,
            "--silent",
        ]
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        return self

    def done(self) -> bool:
        return self._process is not None and self._process.poll() is not None

    def wait(self, timeout: float = 1800) -> None:
        if self._process is None:
            raise PagefindError("Pagefind chưa được chạy")
        try:
            out, err = self._process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise PagefindError(f"Pagefind chạy quá {timeout:.0f} giây") from None
        if self._process.returncode != 0:
            raise PagefindError((err or out or f"mã lỗi {self._process.returncode}").strip()[-2000:])

    def stop(self) -> None:
        """End the process if it still runs (a build that failed, or a preview moving on)."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.communicate()
