"""The browser editor at /quan-tri/: its configuration follows schema.py, its page is the site's
own, the editor is the pinned npm version, and what it writes is accepted (issue 15)."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
import yaml
from bangvang.publish import cms_config as cms
from bangvang.publish.json_schemas import DATE_PATTERN
from bangvang.records import schema as s
from bangvang.staff.scaffold import NAME_FIELDS
from devtools import cms_vendor
from helpers import MODEL, ROOT, VOCAB, Doc, assert_refused, effective_config, errors_for, require_tool, where

SVELTIA = ROOT / "node_modules" / "@sveltia" / "cms"
SEED_VOCAB = [(e["id"], e["name"]) for e in yaml.safe_load(VOCAB.read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def config() -> dict:
    extra = effective_config()["extra"]
    return cms.cms_config(cms.CmsSettings.from_extra(extra), SEED_VOCAB)


def _collection(config: dict, name: str) -> dict:
    return next(c for c in config["collections"] if c["name"] == name)


def _pairs(shape: s.Shape, fields: list[dict], path: str = ""):
    """(schema field, editor field, path) for every field of shape, nested ones included."""
    by_name = {f["name"]: f for f in fields}
    for spec in shape.fields:
        where = f"{path}{spec.key}"
        editor = by_name.get(spec.key)
        yield spec, editor, where
        inner = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
        if isinstance(inner, s.Shape) and editor is not None:
            yield from _pairs(inner, editor.get("fields", []), where + ".")


# ---------------------------------------------------------------------------------------------
# The configuration follows schema.py
# ---------------------------------------------------------------------------------------------


def _extra_fields(shape: s.Shape, fields: list[dict], path: str = "") -> list[str]:
    """Editor fields, at any depth, that the shape does not have (an unknown key is an error in a record)."""
    extra = [f"{path}{f['name']}" for f in fields if f["name"] not in shape.keys]
    for spec in shape.fields:
        inner = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
        sub = next((f for f in fields if f["name"] == spec.key), None)
        if isinstance(inner, s.Shape) and sub is not None:
            extra += _extra_fields(inner, sub["fields"], f"{path}{spec.key}.")
    return extra


def test_every_kind_and_every_field_of_schema_py_is_in_the_editor(config):
    """A kind or a field added to schema.py (at any depth) that the editor lacks fails here."""
    assert sorted(c["name"] for c in config["collections"]) == sorted(s.KINDS)
    missing, extra = [], []
    for folder, kind in s.KINDS.items():
        fields = _collection(config, folder)["fields"]
        missing += [f"{folder}: {path}" for _, editor, path in _pairs(kind.shape, fields) if editor is None]
        extra += [f"{folder}: {path}" for path in _extra_fields(kind.shape, fields)]
    assert missing == [], "fields of schema.py the editor lacks"
    assert extra == [], "editor fields schema.py does not have"


def test_labels_are_the_vietnamese_titles_and_required_fields_are_marked(config):
    for folder, kind in s.KINDS.items():
        collection = _collection(config, folder)
        assert collection["label"] == kind.shape.title
        for spec, editor, path in _pairs(kind.shape, collection["fields"]):
            assert editor["label"] == spec.title, path
            if isinstance(spec.type, s.Slug):  # `id`: the file name; kept when a record has one
                assert editor["widget"] == "hidden", path
                continue
            assert editor["required"] is spec.required, f"{folder}: {path}"  # Sveltia's default is required
            if spec.description and spec.required:
                assert editor.get("hint"), f"{folder}: {path} has no hint"
            assert "Bắt buộc" not in editor.get("hint", ""), path  # the editor marks required fields itself


def test_references_pick_records_of_their_kind(config):
    names = {c["name"]: c for c in config["collections"]}
    seen = 0
    for folder, kind in s.KINDS.items():
        for spec, editor, path in _pairs(kind.shape, _collection(config, folder)["fields"]):
            inner = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
            if not isinstance(inner, s.Ref) or inner.kind == "vocab":
                continue
            seen += 1
            assert editor["widget"] == "relation", path
            assert editor["collection"] == inner.kind, f"{folder}: {path}"
            assert editor["value_field"] == "{{slug}}", path  # the record id is the file name
            assert editor.get("multiple", False) is isinstance(spec.type, s.ListOf), path
            target = {f["name"] for f in names[inner.kind]["fields"]}
            assert set(editor["search_fields"]) <= target, path  # plain fields (a list wildcard breaks the form)
            for shown in editor["display_fields"]:
                assert set(re.findall(r"\{\{(\w+)\}\}", shown)) <= target, path
    assert seen >= 15  # units, people, campaigns, documents, reports are all referred to somewhere


def test_award_forms_are_chosen_by_name_from_the_vocabulary(config):
    award = next(f for f in _collection(config, "awards")["fields"] if f["name"] == "award")
    assert award["widget"] == "select"
    assert [(o["value"], o["label"]) for o in award["options"]] == SEED_VOCAB
    assert ("bang-khen-tinh", "Bằng khen của Chủ tịch UBND tỉnh") in SEED_VOCAB


def test_vocabularies_are_choices_with_their_labels(config):
    for folder, kind in s.KINDS.items():
        for spec, editor, path in _pairs(kind.shape, _collection(config, folder)["fields"]):
            inner = spec.type.item if isinstance(spec.type, s.ListOf) else spec.type
            if isinstance(inner, s.Enum):
                assert editor["widget"] == "select", path
                assert [(o["value"], o["label"]) for o in editor["options"]] == list(inner.labels), path
    recipient = next(f for f in _collection(config, "awards")["fields"] if f["name"] == "recipients")
    kinds = next(f for f in recipient["fields"] if f["name"] == "kind")
    assert {o["value"] for o in kinds["options"]} == {"tap_the", "ca_nhan", "ho_gia_dinh"}


def test_dates_are_written_as_the_contract_writes_them(config):
    dates = 0
    for folder, kind in s.KINDS.items():
        for spec, editor, path in _pairs(kind.shape, _collection(config, folder)["fields"]):
            if isinstance(spec.type, s.Date):
                dates += 1
                # a text box checked against both forms of the contract (a date picker would drop
                # the 15/03/2022 of an existing record: tests/test_cms_browser.py)
                assert (editor["widget"], editor["pattern"][0]) == ("string", DATE_PATTERN), path
            if isinstance(spec.type, s.Year):
                assert (editor["widget"], editor["value_type"]) == ("number", "int"), path
    assert dates >= 8  # decision, proposal, annulment, comment period, documents, reports, units


def test_recipients_are_a_list_with_the_newer_keys(config):
    recipients = next(f for f in _collection(config, "awards")["fields"] if f["name"] == "recipients")
    assert recipients["widget"] == "list"
    keys = [f["name"] for f in recipients["fields"]]
    assert set(keys) == {"unit", "person", "name", "position", "unit_name", "kind", "reason"}
    assert keys[:3] == ["name", "position", "unit"]  # written in the records' order: {name, position, unit}
    assert not any(f["required"] for f in recipients["fields"])  # one of unit, person, name: the validator says which


def test_photos_are_uploaded_under_docs_images_with_their_description_required(config):
    images = next(f for f in _collection(config, "models")["fields"] if f["name"] == "images")
    src, alt = images["fields"]
    assert (src["name"], src["widget"], src["required"]) == ("src", "image", True)
    assert src["media_folder"] == "/docs/images/models" and src["public_folder"] == "/images/models"
    assert set(src["accept"].split(",")) == {"image/jpeg", "image/png", "image/webp"}
    assert (alt["name"], alt["required"]) == ("alt", True)
    assert config["media_libraries"]["default"]["config"]["slugify_filename"] is True  # "Ảnh 1.JPG" → anh-1.jpg
    assert config["media_libraries"]["stock_assets"] is False  # no stock photo sites


def test_files_are_named_from_the_title_as_scripts_new_py_names_them(config):
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}
    for folder in s.KINDS:
        collection = _collection(config, folder)
        named_by = NAME_FIELDS[folder]
        assert "{{" + named_by in collection["slug"], folder
        assert collection["folder"] == f"data/{folder}" and collection["extension"] == "yml"
    assert _collection(config, "awards")["path"] == "{{fields.year}}/{{slug}}"  # data/awards/<year>/, not today's year


def test_backend_is_the_district_repository_and_every_save_a_pull_request(config):
    extra = effective_config()["extra"]
    assert config["backend"]["name"] == "github"
    assert config["backend"]["repo"] == extra["district"]["repo"]
    assert config["backend"]["branch"] == extra.get("branch", "main")
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["auth_methods"] == ["token"]  # no OAuth server named
    assert all(c["publish"] is False for c in config["collections"])  # merged on GitHub after the checks
    with_oauth = cms.cms_config(
        cms.CmsSettings.from_extra(
            {"district": {"repo": "x/y", "cms_auth_url": "https://auth.example.org/"}, "branch": "trunk"}
        )
    )
    assert with_oauth["backend"]["base_url"] == "https://auth.example.org"
    assert with_oauth["backend"]["auth_methods"] == ["oauth", "token"]
    assert (with_oauth["backend"]["repo"], with_oauth["backend"]["branch"]) == ("x/y", "trunk")


def test_the_file_parses_and_sveltia_accepts_it(config):
    settings = cms.CmsSettings.from_extra(effective_config()["extra"])
    text = cms.render(settings, SEED_VOCAB)
    assert text.startswith(cms.SCHEMA_LINE + "\n")  # no schema tip in the console on localhost
    assert yaml.safe_load(text) == config
    require_tool((SVELTIA / "schema" / "sveltia-cms.json").is_file(), "@sveltia/cms (npm ci)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SVELTIA / "schema" / "sveltia-cms.json").read_text(encoding="utf-8"))
    problems = [
        f"{list(e.absolute_path)}: {e.message[:200]}"
        for e in jsonschema.Draft7Validator(schema).iter_errors(yaml.safe_load(text))
    ]
    assert problems == []


# ---------------------------------------------------------------------------------------------
# On the built site
# ---------------------------------------------------------------------------------------------


def test_the_build_writes_the_configuration_from_its_own_data(built_site, fixture_project):
    vocab = [
        (e["id"], e["name"])
        for e in yaml.safe_load((fixture_project / "data" / "vocab" / "awards.yml").read_text(encoding="utf-8"))
    ]
    config = effective_config()
    settings = cms.CmsSettings.from_extra(config["extra"], site_url=config["site_url"], site_name=config["site_name"])
    written = (built_site / "quan-tri" / "config.yml").read_text(encoding="utf-8")
    assert written == cms.render(settings, vocab)


def test_the_editor_page_is_apart_from_the_site(built_site):
    page = built_site / "quan-tri" / "index.html"
    doc = Doc(page.read_text(encoding="utf-8"))
    assert '<html lang="vi"' in doc.html
    assert ("meta", {"name": "robots", "content": "noindex, nofollow"}) in doc.elements
    scripts = [a.get("src") for t, a in doc.elements if t == "script" and a.get("src")]
    assert scripts == ["sveltia/sveltia-cms.js"]  # from the site itself, relative (a project subpath works)
    assert (built_site / "quan-tri" / "sveltia" / "sveltia-cms.js").is_file()
    assert "quan-tri" not in (built_site / "sitemap.xml").read_text(encoding="utf-8")
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "quan-tri" not in home  # not in the menu
    guide = (built_site / "huong-dan" / "sua-tren-trinh-duyet" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./quan-tri/(index\.html)?"', guide)


# ---------------------------------------------------------------------------------------------
# The vendored editor is the pinned npm version
# ---------------------------------------------------------------------------------------------


def test_the_editor_version_is_pinned_exactly():
    pinned = cms_vendor.pinned_version(ROOT)
    assert re.fullmatch(r"\d+\.\d+\.\d+", pinned), "pin @sveltia/cms exactly (npm install --save-exact)"
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/@sveltia/cms"]["version"] == pinned  # the lock agrees (npm ci)
    vendored = ROOT / cms_vendor.VENDOR_DIR
    assert json.loads((vendored / "version.json").read_text(encoding="utf-8")) == {"version": pinned}


def test_the_vendored_editor_calls_no_other_host():
    """Fonts, translations and the version check from the site; no status page, no avatars."""
    bundle = (ROOT / cms_vendor.VENDOR_DIR / "sveltia-cms.js").read_text(encoding="utf-8")
    assert "cdn.jsdelivr.net" not in bundle and "sveltia/fonts/" in bundle
    assert "`sveltia/version.json`" in bundle and not re.search(r"`\$\{\w+\}/package\.json`", bundle)
    assert "`sveltia/locales`" in bundle and not re.search(r"`\$\{\w+\}@\$\{\w+\}/locales`", bundle)
    status = re.search(r"(\w+)=`https://www\.githubstatus\.com/`", bundle)[1]
    assert f"statusDashboardURL:{status}," in bundle and f"statusDashboardURL:{status},checkStatus:" not in bundle
    assert not re.search(r"avatarURL:\w+\.avatar_url\b|authorAvatarURL:\w+\.author\??\.avatar(_url|Url)", bundle)
    assert "sourceMappingURL" not in bundle[-200:]


def test_the_vendored_editor_equals_the_pinned_npm_package():
    require_tool((SVELTIA / "package.json").is_file(), "@sveltia/cms (npm ci)")
    installed = json.loads((SVELTIA / "package.json").read_text(encoding="utf-8"))["version"]
    assert installed == cms_vendor.pinned_version(ROOT), "node_modules is stale: npm ci"
    assert cms_vendor.differences(ROOT) == [], "refresh it: python scripts/vendor_cms.py"
    check = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vendor_cms.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stderr


# ---------------------------------------------------------------------------------------------
# What the editor writes is a record the project accepts
# ---------------------------------------------------------------------------------------------


def test_a_photo_named_from_the_site_root_is_the_file_under_docs(tmp_path):
    """The editor writes `src: /images/models/x.png`; the records mean docs/images/models/x.png."""
    from PIL import Image

    photo = tmp_path / "docs" / "images" / "models" / "nha-mang.png"
    photo.parent.mkdir(parents=True)
    Image.new("RGB", (40, 30), (30, 120, 60)).save(photo)
    text = MODEL + "images:\n  - src: /images/models/nha-mang.png\n    alt: Nhà màng\n"
    dataset, errors = errors_for(tmp_path, {"models/truong-dat-chuan.yml": text})
    assert errors == []
    assert dataset.get("models", "truong-dat-chuan")["images"][0]["src"] == "images/models/nha-mang.png"
    text = MODEL + "images:\n  - src: /images/models/khong-co.png\n    alt: Nhà màng\n"
    _, errors = errors_for(tmp_path, {"models/truong-dat-chuan.yml": text})
    assert_refused(
        errors,
        "models/truong-dat-chuan.yml",
        where(text, "/images/models/khong-co.png"),
        "docs/images/models/khong-co.png",
    )
