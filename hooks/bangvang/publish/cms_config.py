"""The browser editor's configuration (Sveltia CMS at /quan-tri/), generated from schema.py.

One folder collection per record kind (awards in one folder per year), every field of the record
type with its Vietnamese label and hint, the required ones marked; choices for the vocabularies
(the award forms by their names, read from data/vocab/awards.yml), relations for references,
dates as the contract writes them (2022-05-09 or 09/05/2022), photos uploaded under docs/images/. The GitHub backend saves every change
as a branch and a pull request (editorial workflow) that the PR checks then judge; publishing is
left to GitHub, after the checks, so the editor shows no "publish" button.

Written at the end of each build as site/quan-tri/config.yml (the page and the vendored editor
are static files under docs/quan-tri/). The repository comes from mkdocs.yml's
`extra.district.repo`; a unit that runs an OAuth authenticator names it in
`extra.district.cms_auth_url`, which adds "sign in with GitHub" beside the access token.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bangvang.publish.json_schemas import (
    DATE_PATTERN,
    ISO_DATE,
    SLUG_PATTERN,
    URL_PATTERN,
    VN_DATE,
    YEAR_PATTERN,
    field_description,
)
from bangvang.records import schema as s
from bangvang.records.images import MAX_BYTES

ADMIN_DIR = "quan-tri"  # /quan-tri/ on the site; docs/quan-tri/ holds the page and the editor
CONFIG_NAME = "config.yml"  # Sveltia reads the config.yml beside its page
# Sveltia prints a tip on localhost unless the file names its schema (nothing is fetched from it).
SCHEMA_LINE = "# yaml-language-server: $schema=https://unpkg.com/@sveltia/cms/schema/sveltia-cms.json"
MEDIA_FOLDER = "docs/images"  # photos go under docs/ (records name them from there: images/…)
PHOTO_TYPES = "image/jpeg,image/png,image/webp"  # what records/images.py accepts
DATE_MESSAGE = "Ghi ngày dạng 2022-05-09 hoặc 09/05/2022 (một ngày có thật)"
YEAR_RANGE = (1900, 2100)
MARKDOWN_BUTTONS = ["bold", "italic", "link", "bulleted-list", "numbered-list", "quote"]
RICH_TEXT_HINT = "Chữ có thể in đậm, in nghiêng, có liên kết và danh sách."

# The list shows the kinds staff add most often first.
FIRST_KINDS = ("awards", "models", "campaigns", "units", "people", "documents", "reports")

# Per kind: the field whose text names a new file (as scripts/new.py names it), and what the
# list and the reference pickers show of a record.
SLUGS = {
    "units": "{{name}}",
    "people": "{{name}}",
    "documents": "{{kind}} {{number}}",
    "campaigns": "{{title}}",
    "models": "{{title}}",
    "reports": "{{year}}",
    "awards": "{{name_as_written | default('khen-thuong')}}",
}
IDENTIFIERS = {
    "units": "name",
    "people": "name",
    "documents": "number",
    "campaigns": "title",
    "models": "title",
    "awards": "name_as_written",
    "reports": "title",
}
# (a number in a summary would be shown with a thousands dot, "2.021": years are groups instead)
SUMMARIES = {
    "documents": "{{kind}} {{number}}",
    "awards": "{{award}}{{name_as_written | ternary(' · ', '')}}{{name_as_written}}",
}
BY_YEAR = {"awards", "models"}  # listed in groups by year, the latest first
DISPLAY = {  # relation pickers: (display_fields, search_fields); plain fields only (a list wildcard
    # in search_fields breaks Sveltia's form)
    "units": (["{{name}}"], ["name"]),
    "people": (["{{name}}"], ["name"]),
    "documents": (["{{kind}} {{number}}"], ["number", "title"]),
    "campaigns": (["{{title}}"], ["title"]),
    "reports": (["{{title}}"], ["title"]),
}
# List items shown folded: a recipient by its unit, person or name; a photo by its description.
ITEM_SUMMARIES = {
    id(s.RECIPIENT): "{{fields.name}}{{fields.name | ternary(' · ', '')}}{{fields.unit}}{{fields.unit_name}}"
    "{{fields.person}}",
    id(s.IMAGE): "{{fields.alt}}",
    id(s.FIGURE): "{{fields.label}}",
    id(s.SUB_FIGURE): "{{fields.label}}",
    id(s.RESULT): "{{fields.year}}",
    id(s.SECTION): "{{fields.heading}}",
}


@dataclass(frozen=True)
class CmsSettings:
    """What the editor needs to know about the site, from mkdocs.yml's `extra` block."""

    repo: str = ""  # GitHub owner/name
    branch: str = "main"
    auth_url: str = ""  # an OAuth authenticator's origin (Sveltia CMS Authenticator), optional
    site_url: str = ""
    site_name: str = "Bảng vàng thi đua, khen thưởng"

    @classmethod
    def from_extra(cls, extra: dict | None, site_url: str = "", site_name: str = "") -> CmsSettings:
        extra = extra or {}
        district = extra.get("district") or {}
        return cls(
            repo=str(district.get("repo") or "").strip(),
            branch=str(extra.get("branch") or "main"),
            auth_url=str(district.get("cms_auth_url") or "").strip().rstrip("/"),
            site_url=site_url or str(district.get("site_url") or ""),
            site_name=site_name or cls.site_name,
        )


# ---------------------------------------------------------------------------------------------
# Fields
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Context:
    vocab: tuple[tuple[str, str], ...]  # (id, name) of every award form, in the file's order
    folder: str  # the record kind whose fields these are (photos of models go to images/models/)


@functools.singledispatch
def _widget(typ, ctx: _Context) -> dict:
    """The Sveltia field options for a value of this type (name, label, hint added by _field)."""
    raise TypeError(f"no CMS widget for field type {typ!r}")  # a new type in schema.py needs a case here


@_widget.register
def _(typ: s.Text, ctx: _Context) -> dict:
    if typ.markdown:
        return {
            "widget": "markdown",
            "buttons": MARKDOWN_BUTTONS,
            "editor_components": [],
            "minimal": True,
            "use_emoji_autocomplete": False,
        }
    return {"widget": "string", "use_emoji_autocomplete": False}


@_widget.register
def _(typ: s.Slug, ctx: _Context) -> dict:
    # `id` repeats the file name; the editor names the file itself and keeps an `id` it finds
    return {"widget": "hidden"}


@_widget.register
def _(typ: s.Ref, ctx: _Context) -> dict:
    if typ.kind == "vocab":
        if not ctx.vocab:
            return {"widget": "string", "pattern": [SLUG_PATTERN, "Mã trong data/vocab/awards.yml"]}
        return {"widget": "select", "options": [{"value": i, "label": name} for i, name in ctx.vocab]}
    display, search = DISPLAY[typ.kind]
    return {
        "widget": "relation",
        "collection": typ.kind,
        "value_field": "{{slug}}",
        "display_fields": display,
        "search_fields": search,
    }


@_widget.register
def _(typ: s.Enum, ctx: _Context) -> dict:
    return {"widget": "select", "options": [{"value": v, "label": label} for v, label in typ.labels]}


@_widget.register
def _(typ: s.Date, ctx: _Context) -> dict:
    # A text box, not Sveltia's date picker: the picker drops a date it cannot read in its one
    # format (an existing "15/03/2022" vanished on save), and the contract takes both forms.
    return {"widget": "string", "pattern": [DATE_PATTERN, DATE_MESSAGE]}


@_widget.register
def _(typ: s.Year, ctx: _Context) -> dict:
    return {"widget": "number", "value_type": "int", "min": YEAR_RANGE[0], "max": YEAR_RANGE[1], "step": 1}


@_widget.register
def _(typ: s.YearOrDate, ctx: _Context) -> dict:
    year = YEAR_PATTERN.removeprefix("^").removesuffix("$")
    return {
        "widget": "string",
        "pattern": [f"^({year}|{ISO_DATE}|{VN_DATE})$", "Ghi năm (2021) hoặc ngày (2021-12-20 hoặc 20/12/2021)"],
    }


@_widget.register
def _(typ: s.Integer, ctx: _Context) -> dict:
    out: dict = {"widget": "number", "value_type": "int", "min": typ.minimum, "step": 1}
    if typ.maximum is not None:
        out["max"] = typ.maximum
    return out


@_widget.register
def _(typ: s.Number, ctx: _Context) -> dict:
    return {"widget": "number", "value_type": "float"}


@_widget.register
def _(typ: s.Url, ctx: _Context) -> dict:
    return {"widget": "string", "type": "url", "pattern": [URL_PATTERN, "Địa chỉ bắt đầu bằng http:// hoặc https://"]}


@_widget.register
def _(typ: s.Shape, ctx: _Context) -> dict:
    return {"widget": "object", "fields": _fields(typ, ctx)}


@_widget.register
def _(typ: s.ListOf, ctx: _Context) -> dict:
    item = typ.item
    if isinstance(item, s.Ref) and item.kind != "vocab":
        return {**_widget(item, ctx), "multiple": True}
    if isinstance(item, s.Enum):
        return {**_widget(item, ctx), "multiple": True}
    if isinstance(item, s.Shape):
        out = {"widget": "list", "label_singular": item.title.lower(), "fields": _fields(item, ctx)}
        if id(item) in ITEM_SUMMARIES:
            out["summary"] = ITEM_SUMMARIES[id(item)]
        return out
    return {"widget": "list"}  # a list of plain texts (aliases): one line each


# Where schema.py's descriptions name YAML keys and values (for those who edit the files), the
# editor's hint names its own fields and choices instead.
CMS_HINTS = {
    (id(s.CAMPAIGN), "kind"): "Thường xuyên, hoặc theo chuyên đề.",
    (id(s.FIGURE), "value_max"): "Khi chỉ tiêu là một khoảng, ví dụ 8-10: Giá trị 8, Giá trị tối đa 10.",
    (id(s.SUB_FIGURE), "value_max"): "Khi chỉ tiêu là một khoảng, ví dụ 8-10: Giá trị 8, Giá trị tối đa 10.",
    (id(s.AWARD), "award"): "Chọn trong danh mục danh hiệu, hình thức khen thưởng (data/vocab/awards.yml).",
    (id(s.AWARD), "status"): "Để trống (hoặc Được tặng) khi đã có quyết định khen thưởng; Đề nghị cấp trên khi mới "
    "trình, chưa được tặng; Đã hủy bỏ kèm mục Hủy bỏ.",
    (id(s.AWARD), "annulment"): "Chỉ khi khen thưởng bị hủy bỏ (Trạng thái: Đã hủy bỏ): quyết định và lý do.",
    (id(s.AWARD), "public_comment"): "Thời gian công khai lấy ý kiến nhân dân về đề nghị khen thưởng.",
    (id(s.AWARD), "recipients"): "Mỗi người nhận: chọn một Tập thể, hoặc một Cá nhân đã có bản ghi, hoặc ghi Họ và tên "
    "(kèm Chức vụ và Tập thể hoặc Tên đơn vị).",
    (id(s.AWARD), "count"): "Khi văn bản chỉ nêu số lượng (tập thể, cá nhân, hộ gia đình), không nêu tên.",
    (id(s.AWARD), "source"): "Báo cáo tổng kết nêu khen thưởng này.",
    (id(s.RECIPIENT), "unit"): "Tập thể được khen; hoặc, kèm Họ và tên, đơn vị công tác của người đó.",
    (id(s.RECIPIENT), "position"): "Chức vụ (kèm Họ và tên).",
    (id(s.IMAGE), "src"): f"Chọn ảnh đã có hoặc tải ảnh lên: JPEG, PNG hoặc WebP, tối đa {MAX_BYTES // 2**20} MB, "
    "không ghi vị trí GPS; ảnh được lưu trong docs/images/.",
    (id(s.RECIPIENT), "unit_name"): "Đơn vị công tác khi đơn vị chưa có bản ghi (kèm Họ và tên).",
    (id(s.RECIPIENT), "kind"): "Chỉ khi ghi Họ và tên: Cá nhân (mặc định), Tập thể chưa có bản ghi, hoặc Hộ gia đình.",
}
_PLAIN_HINT = (s.Ref, s.Enum, s.Slug, s.Shape, s.ListOf, s.Number)  # the widget shows what the value is
# Plain texts that get a box of several lines.
LONG_TEXT = {(id(s.AWARD), "reason"), (id(s.AWARD), "note"), (id(s.RECIPIENT), "reason"), (id(s.ANNULMENT), "reason")}


def _hint(spec: s.Field, shape: s.Shape) -> str:
    """The field's description, and what its value looks like where the widget does not show it
    (a picker needs no "mã một tập thể trong data/units/"); required fields carry Sveltia's mark."""
    if (id(shape), spec.key) in CMS_HINTS:
        return CMS_HINTS[(id(shape), spec.key)]
    if isinstance(spec.type, s.Text) and spec.type.markdown:  # a rich-text box: no word of Markdown
        text = re.sub(r"^Markdown[.;]\s*|\s*\(Markdown\)", "", spec.description.strip())
        return (text[:1].upper() + text[1:]) or RICH_TEXT_HINT
    if isinstance(spec.type, _PLAIN_HINT):
        inner = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
        hint = _picked(spec.description) if isinstance(inner, s.Ref) else spec.description.strip()
        return "" if hint.rstrip(".").casefold() == spec.title.casefold() else hint  # no "Cá nhân." under "Cá nhân"
    return field_description(spec).removeprefix("Bắt buộc.").strip()


def _picked(description: str) -> str:
    """A reference's description as the picker's hint: "Mã của đơn vị cấp trên." → "Đơn vị cấp trên."."""
    text = re.sub(r"^Mã (của |các )?", "", description.strip())
    text = re.sub(r" trong data/\S+", "", text)
    return text[:1].upper() + text[1:]


def _field(spec: s.Field, ctx: _Context, shape: s.Shape) -> dict:
    out = {"name": spec.key, "label": spec.title, **_widget(spec.type, ctx)}
    if (id(shape), spec.key) in LONG_TEXT:
        out["widget"] = "text"
    if shape is s.IMAGE and spec.key == "src":
        # a photo: picked or uploaded, stored under docs/images/<kind>/ (the record names it
        # "/images/<kind>/x.jpg": the loader reads a leading "/" as docs/)
        out = {
            "name": spec.key,
            "label": spec.title,
            "widget": "image",
            "accept": PHOTO_TYPES,
            "choose_url": False,
            "media_folder": f"/{MEDIA_FOLDER}/{ctx.folder}",
            "public_folder": f"/images/{ctx.folder}",
        }
    if out["widget"] != "hidden":
        out["required"] = spec.required
        hint = _hint(spec, shape)
        if hint:
            out["hint"] = hint
    return out


# The editor writes keys in the order of its fields: a recipient named in the award reads as the
# records write one, {name, position, unit}.
FIELD_ORDER = {id(s.RECIPIENT): ("name", "position", "unit", "unit_name", "kind", "person", "reason")}


def _fields(shape: s.Shape, ctx: _Context) -> list[dict]:
    specs = list(shape.fields)
    order = FIELD_ORDER.get(id(shape))
    if order:
        specs.sort(key=lambda spec: order.index(spec.key) if spec.key in order else len(order))
    return [_field(spec, ctx, shape) for spec in specs]


# ---------------------------------------------------------------------------------------------
# The whole configuration
# ---------------------------------------------------------------------------------------------


def _collection(folder: str, vocab: tuple[tuple[str, str], ...]) -> dict:
    kind = s.KINDS[folder]
    where = f"data/{folder}/<năm>/<mã>.yml" if kind.by_year else f"data/{folder}/<mã>.yml"
    out: dict = {
        "name": folder,
        "label": kind.shape.title,
        "label_singular": kind.label,
        "description": f"Mỗi {kind.label} một tệp {where}; tên tệp (mã) được tạo từ tên, bỏ dấu.",
        "folder": f"data/{folder}",
        "format": "yml",
        "extension": "yml",
        "identifier_field": IDENTIFIERS[folder],
        "slug": SLUGS[folder],
        "summary": SUMMARIES.get(folder, "{{" + IDENTIFIERS[folder] + "}}"),
        "aliases_field": False,  # our `aliases` are other names, not the URL redirects Sveltia means
        "publish": False,  # merged on GitHub once the checks pass, never from the editor
        "fields": _fields(kind.shape, _Context(vocab, folder)),
    }
    if kind.by_year:
        out["path"] = "{{fields.year}}/{{slug}}"  # NOT {{year}}: that is the day of saving
    if folder in BY_YEAR:
        out["sortable_fields"] = {
            "fields": ["year", IDENTIFIERS[folder]],
            "default": {"field": "year", "direction": "descending"},
        }
        out["view_groups"] = {"groups": [{"name": "nam", "label": "Năm", "field": "year"}], "default": "nam"}
    if folder == "models":
        out["media_folder"] = f"/{MEDIA_FOLDER}/models"
        out["public_folder"] = "/images/models"
    return out


def cms_config(settings: CmsSettings, vocab: list[tuple[str, str]] | None = None) -> dict:
    """The configuration as a mapping; `vocab` is (id, name) of each award form."""
    vocab_items = tuple(vocab or ())
    backend: dict = {
        "name": "github",
        "repo": settings.repo,
        "branch": settings.branch,
        "auth_methods": ["oauth", "token"] if settings.auth_url else ["token"],
        "commit_messages": {
            "create": "Thêm {{collection}} “{{slug}}”",
            "update": "Sửa {{collection}} “{{slug}}”",
            "delete": "Xóa {{collection}} “{{slug}}”",
            "uploadMedia": "Tải lên “{{path}}”",
            "deleteMedia": "Xóa “{{path}}”",
        },
    }
    if settings.auth_url:
        backend["base_url"] = settings.auth_url
    config: dict = {
        "backend": backend,
        "publish_mode": "editorial_workflow",
        "app_title": f"Sửa dữ liệu – {settings.site_name}",
        "media_folder": MEDIA_FOLDER,
        "public_folder": "/images",
        "media_libraries": {
            "default": {"config": {"max_file_size": MAX_BYTES, "slugify_filename": True}},
            "stock_assets": False,
        },
        "show_preview_links": False,
        "editor": {"preview": False},
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "none", "indent_sequences": True}},
        "collections": [_collection(folder, vocab_items) for folder in _kind_order()],
    }
    if settings.site_url:
        config["site_url"] = settings.site_url
    return config


def _kind_order() -> list[str]:
    return sorted(s.KINDS, key=lambda k: FIRST_KINDS.index(k) if k in FIRST_KINDS else len(FIRST_KINDS))


def render(settings: CmsSettings, vocab: list[tuple[str, str]] | None = None) -> str:
    head = [
        SCHEMA_LINE,
        "# Cấu hình trang sửa dữ liệu /quan-tri/ (Sveltia CMS), tạo khi dựng trang từ",
        "# hooks/bangvang/records/schema.py và data/vocab/awards.yml: đừng sửa tệp này.",
        "",
    ]
    body = yaml.safe_dump(cms_config(settings, vocab), allow_unicode=True, sort_keys=False, width=1000)
    return "\n".join(head) + body


def vocab_choices(dataset) -> list[tuple[str, str]]:
    """(id, name) of each award form, in the order of data/vocab/awards.yml."""
    return [(entry_id, str(entry.get("name") or entry_id)) for entry_id, entry in dataset.vocab.items()]


def write_cms_config(build, site_dir: Path) -> None:
    """Post-build step: site/quan-tri/config.yml, beside the editor's page."""
    settings = CmsSettings.from_extra(
        getattr(build, "extra", None), site_url=build.site.site_url, site_name=build.site.name
    )
    out = Path(site_dir) / ADMIN_DIR / CONFIG_NAME
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(settings, vocab_choices(build.index.dataset)), encoding="utf-8")
