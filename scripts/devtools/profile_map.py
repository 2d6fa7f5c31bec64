"""What a profile of `mkdocs build` is broken down by, taken from the functions themselves.

Each step is a function object imported here; it is found in a cProfile table by its code's own
file, first line and name (`fn.__code__.co_filename`, `co_firstlineno`, `co_name`). A step that
is renamed or moved makes this module fail to import (ImportError, AttributeError) instead of
reporting 0 s; a step that exists but was not called in the profiled build is reported as such,
never as 0 s. The post-build steps and page providers are read from the build's own lists, so a
new step shows up without editing this file.
"""

from __future__ import annotations

import importlib.util
import inspect
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import bangvang
import jinja2
import markdown
import markupsafe
import material
import mkdocs
import yaml
from bangvang import build as site_build
from bangvang.records.docs_files import check_docs
from bangvang.records.loader import load_dataset
from bangvang.records.rules import check_rules
from bangvang.records.shapecheck import check_shape
from bangvang.records.validation import validate
from bangvang.records.yamlpos import load_yaml
from bangvang.search.from_data import reader_records
from bangvang.search.from_guide import guide_records
from bangvang.search.search_step import SearchStep
from bangvang.website.index import build_index
from bangvang.website.pages import PageBuilder
from mkdocs.commands import build as mkdocs_build
from mkdocs.utils import write_file as mkdocs_write_file

ROOT = Path(__file__).resolve().parents[2]
HOOK_FILE = ROOT / "hooks" / "bangvang_hook.py"


def _load_hook():
    """The hook module, imported from its file as MkDocs does (its folder is not a package)."""
    spec = importlib.util.spec_from_file_location("bangvang_hook_for_profile", HOOK_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_hook = _load_hook()

Key = tuple[str, int, str]  # (real path of the file, first line, name): cProfile's key, resolved


@dataclass(frozen=True)
class Step:
    label: str
    key: Key
    indent: int = 0


def code_key(fn) -> Key:
    """cProfile's key for fn, its file resolved (a mirror of the project reaches it through links)."""
    code = inspect.unwrap(fn).__code__
    return (os.path.realpath(code.co_filename), code.co_firstlineno, code.co_name)


def _name(fn) -> str:
    return f"{fn.__module__.removeprefix('bangvang.')}.{fn.__qualname__}"


def steps() -> list[Step]:
    """The steps of one build, in the order they run, nested by indent."""
    out = [
        Step("validation (load + rules)", code_key(validate)),
        Step("load_dataset (read, parse, shape check)", code_key(load_dataset), 1),
        Step("load_yaml (parse with positions)", code_key(load_yaml), 2),
        Step("check_shape", code_key(check_shape), 2),
        Step("check_docs (docs/ files)", code_key(check_docs), 1),
        Step("check_rules (cross-record)", code_key(check_rules), 1),
        Step("index", code_key(build_index)),
        Step("record and section pages (PageBuilder.build)", code_key(PageBuilder.build)),
        Step("PageBuilder.render (Jinja2)", code_key(PageBuilder.render), 1),
    ]
    out += [Step(f"page provider {_name(fn)}", code_key(fn), 1) for fn in site_build.PAGE_PROVIDERS]
    out += [Step(f"page finisher {_name(fn)}", code_key(fn), 1) for fn in site_build.PAGE_FINISHERS]
    out += [
        Step("on_config: SiteBuild.load (validation + index + all our pages)", code_key(site_build.SiteBuild.load)),
        Step("search: SearchStep.start (records from data, sources, Pagefind started)", code_key(SearchStep.start)),
        Step("reader_records", code_key(reader_records), 1),
        Step("guide_records", code_key(guide_records), 1),
        Step("on_files (stubs)", code_key(_hook.on_files)),
        Step("on_page_content (swap bodies)", code_key(_hook.on_page_content)),
        Step("on_page_context", code_key(_hook.on_page_context)),
        Step("on_post_build: SiteBuild.post_build", code_key(site_build.SiteBuild.post_build)),
    ]
    out += [Step(_name(fn), code_key(fn), 1) for fn in site_build.POST_BUILD_STEPS]
    out += [
        Step("search: SearchStep.finish (wait for Pagefind)", code_key(SearchStep.finish), 2),
        Step("MkDocs: render every page (theme templates)", code_key(mkdocs_build._build_page)),
        Step("MkDocs: read + Markdown per page", code_key(mkdocs_build._populate_page)),
        Step("MkDocs: write page files", code_key(mkdocs_write_file)),
        Step("mkdocs build total", code_key(mkdocs_build.build)),
    ]
    return out


def _folder(module) -> str:
    return os.path.realpath(os.path.dirname(module.__file__)) + os.sep


# Self time by where the code lives, most specific first: folders of the modules themselves.
AREAS: list[tuple[str, str]] = [
    (_folder(bangvang) + "website" + os.sep + "templates" + os.sep, "our page templates (Jinja2)"),
    (_folder(bangvang), "our package"),
    (os.path.realpath(ROOT / "overrides") + os.sep, "theme templates (Material + overrides)"),
    (_folder(material), "theme templates (Material + overrides)"),
    (_folder(jinja2), "Jinja2 runtime"),
    (_folder(markupsafe), "Jinja2 runtime"),
    (_folder(mkdocs), "MkDocs"),
    (_folder(markdown), "Python-Markdown"),
    (_folder(yaml), "PyYAML"),
    (os.path.realpath(HOOK_FILE), "our package"),
]
_asyncio = _folder(sys.modules["asyncio"]) if "asyncio" in sys.modules else None


def area_of(filename: str, resolved: str) -> str:
    if filename == "~":
        return "builtins (C: I/O, str, re, libyaml…)"
    for prefix, label in AREAS:
        if resolved.startswith(prefix) or resolved == prefix.rstrip(os.sep):
            return label
    return "other Python (stdlib…)"
