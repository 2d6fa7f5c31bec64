"""The statistics page (/thong-ke/): every chart of charts.py on one page."""

from __future__ import annotations

from bangvang.website.charts import statistics_charts
from bangvang.website.pages import Page, PageBuilder

URL = "thong-ke/"


def statistics_pages(builder: PageBuilder) -> list[Page]:
    page = Page(
        URL,
        "Thống kê",
        f"Biểu đồ và số liệu khen thưởng, phong trào thi đua của {builder.site.district}.",
        edit_path="data/awards/",
    )
    return [builder.render("statistics.html", page, chart_list=statistics_charts(builder.index))]
