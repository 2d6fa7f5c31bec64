"""The preview's cheap rebuilds give what a full build gives (issue 16 point 5): records kept
between rebuilds (records/record_cache.py) and the quick rebuild of build.py, which makes only the
edited records' pages at once and every page in the background."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from bangvang.build import SiteBuild
from bangvang.records.record_cache import RecordCache
from bangvang.records.validation import validate
from bangvang.settings import district_settings
from helpers import SEED_DATA, effective_config, make_project, write_data


def _records(dataset) -> dict:
    return {(r.folder, r.id): (r.data, r.refs) for r in dataset.all()}


def test_records_from_the_cache_are_those_of_a_fresh_check(tmp_path):
    data = shutil.copytree(SEED_DATA, tmp_path / "data")
    cache = RecordCache()
    first, errors = validate(data, None, cache)
    assert not errors and cache.misses and not cache.hits
    again, errors = validate(data, None, cache)
    assert not errors and cache.hits == cache.misses
    fresh, _ = validate(data, None)
    assert _records(again) == _records(fresh) == _records(first)
    # An edit is read again: the edited file only.
    person = sorted((data / "people").glob("*.yml"))[0]
    person.write_text(person.read_text(encoding="utf-8") + "# một dòng ghi chú\n", encoding="utf-8")
    misses = cache.misses
    edited, errors = validate(data, None, cache)
    assert not errors and cache.misses == misses + 1
    assert _records(edited) == _records(validate(data, None)[0])


def test_a_record_from_the_cache_is_a_fresh_copy(tmp_path):
    data = shutil.copytree(SEED_DATA, tmp_path / "data")
    cache = RecordCache()
    first, _ = validate(data, None, cache)
    unit = next(iter(first.kind("units").values()))
    unit.data["name"] = "changed by a later step"
    again, _ = validate(data, None, cache)
    assert again.get("units", unit.id)["name"] != "changed by a later step"


@pytest.mark.parametrize(
    "changes",
    [
        {"people/nguyen-van-a.yml": "id: nguyen-van-a\nname: [\n"},  # YAML error
        {"units/truong-a.yml": None},  # a reference to it breaks in files that did not change
        {"people/nguyen-van-a.yml": "id: nguyen-van-a\nname: Nguyễn Văn A\nunit: khong-co\nbogus: 1\n"},
    ],
)
def test_errors_with_the_cache_are_exactly_those_without(tmp_path, changes):
    data = write_data(tmp_path)
    cache = RecordCache()
    assert validate(data, None, cache)[1] == []
    data = write_data(tmp_path, changes)
    for rel, content in changes.items():
        if content is None:
            (data / rel).unlink(missing_ok=True)
    with_cache = validate(data, None, cache)[1]
    assert with_cache, "the broken set has errors"
    assert with_cache == validate(data, None)[1]  # same messages, same lines and columns


# ---------------------------------------------------------------------------------------------
# The quick rebuild
# ---------------------------------------------------------------------------------------------


def _build(project: Path, cache: RecordCache) -> SiteBuild:
    config = effective_config()
    config.update(district_settings(config["extra"]["district"]))
    config["docs_dir"] = str(project / "docs")
    build = SiteBuild.from_config(project, config)
    build.serving = True
    build.record_cache = cache
    return build


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("preview") / "project", extra=True)
    cache = RecordCache()
    first = _build(project, cache)
    assert first.load() == []
    return project, cache, first


def _complete(build: SiteBuild) -> dict:
    done = threading.Event()
    build.complete(lambda b: done.set())
    assert done.wait(300)
    return build.completed


def test_an_edit_makes_the_records_page_at_once_and_every_page_later(preview):
    project, cache, first = preview
    person = next(
        p for p in sorted((project / "data" / "people").glob("*.yml")) if "position:" in p.read_text(encoding="utf-8")
    )
    original = person.read_text(encoding="utf-8")
    try:
        lines = [
            ("position: Chức vụ đã sửa" if line.startswith("position:") else line) for line in original.splitlines()
        ]
        person.write_text("\n".join(lines) + "\n", encoding="utf-8")
        quick = _build(project, cache)
        assert quick.load(first) == []
        assert quick.provisional
        full = _build(project, RecordCache())
        assert full.load() == []
        expected = {p.src_uri: p.html for p in full.pages()}
        own = f"ca-nhan/{person.stem}.md"
        assert quick.page_for(own).html == expected[own]
        assert "Chức vụ đã sửa" in quick.page_for(own).html
        completed = _complete(quick)
        assert {uri: p.html for uri, p in completed.items()} == expected
        # The next rebuild (asked for by complete()) serves every page, without making them again.
        after = _build(project, cache)
        assert after.load(quick) == []
        assert not after.provisional
        assert {p.src_uri: p.html for p in after.pages()} == expected
    finally:
        person.write_text(original, encoding="utf-8")


def test_a_new_record_makes_every_page_again(preview):
    project, cache, first = preview
    unit = project / "data" / "units" / "don-vi-moi-xem-truoc.yml"
    unit.write_text("id: don-vi-moi-xem-truoc\nname: Đơn vị mới xem trước\nkind: co_quan\n", encoding="utf-8")
    try:
        build = _build(project, cache)
        assert build.load(first) == []
        assert not build.provisional
        assert build.page_for("tap-the/don-vi-moi-xem-truoc.md") is not None
    finally:
        unit.unlink()


def test_mkdocs_build_never_takes_the_quick_path(preview):
    project, cache, first = preview
    build = _build(project, RecordCache())
    build.serving = False
    assert build.load() == [] and not build.provisional
