"""Data errors: where (file:line:col) and what, in Vietnamese, phrased as the fix."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class DataError:
    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


MAX_ERRORS_PER_FILE = 500  # a hostile or badly broken file must not flood the report or the memory


@dataclass
class ErrorLog:
    """Collects every error of a run so that staff see them all at once."""

    errors: list[DataError] = field(default_factory=list)
    per_file: dict[str, int] = field(default_factory=dict)

    def add(self, path: str, line: int, col: int, message: str) -> None:
        seen = self.per_file.get(path, 0)
        self.per_file[path] = seen + 1
        if seen < MAX_ERRORS_PER_FILE:
            self.errors.append(DataError(path, line, col, message))

    def sorted(self) -> list[DataError]:
        errors = set(self.errors)
        for path, seen in self.per_file.items():
            if seen > MAX_ERRORS_PER_FILE:
                last = max(e for e in errors if e.path == path)
                errors.add(
                    DataError(
                        path,
                        last.line,
                        last.col,
                        f"… và {seen - MAX_ERRORS_PER_FILE} lỗi khác trong tệp này; sửa các lỗi trên rồi chạy lại",
                    )
                )
        return sorted(errors)

    def __bool__(self) -> bool:
        return bool(self.errors)


def format_report(errors: list[DataError]) -> str:
    lines = [str(e) for e in errors]
    lines.append(f"Dữ liệu có {len(errors)} lỗi; chưa xuất bản gì. Sửa các lỗi trên rồi chạy lại.")
    return "\n".join(lines)
