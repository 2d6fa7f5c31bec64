"""The preview's answer to invalid data: under `mkdocs serve`, a page listing every error
(file:line:col, in Vietnamese) takes the place of the site's pages, so the browser never waits on a
build that cannot finish; the next save that fixes the data brings the site back."""

from __future__ import annotations

import html

from bangvang.records.errors import DataError
from bangvang.text import format_number

TITLE = "Dữ liệu đang có lỗi"


def error_page_html(errors: list[DataError]) -> str:
    """The body of the error page: what happened, every error, and what to do next."""
    items = "\n".join(
        f'<li><code>{html.escape(e.path)}:{e.line}:{e.col}</code>: {html.escape(e.message)}</li>' for e in errors
    )
    return (
        '<div class="bv-preview-errors" role="alert">\n'
        f"<p><strong>Dữ liệu có {format_number(len(errors))} lỗi</strong>, nên trang xem trước chưa thể dựng lại. "
        "Sửa các lỗi dưới đây rồi lưu tệp: trang sẽ tự tải lại khi dữ liệu hợp lệ.</p>\n"
        f'<ol class="bv-error-list">\n{items}\n</ol>\n'
        "<p>Mỗi dòng ghi <em>tệp:dòng:cột</em> của chỗ cần sửa. Cách đọc và sửa từng loại lỗi: "
        "xem mục «Lỗi thường gặp» trong hướng dẫn (docs/huong-dan/loi.md).</p>\n"
        "</div>\n"
    )
