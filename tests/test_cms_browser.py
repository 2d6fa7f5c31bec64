"""The browser editor at /quan-tri/ in Chromium, GitHub's API answered by a local fake (issue 15):
it loads cleanly and talks to nobody but the site and api.github.com; staff sign in with a token,
add an award with two recipients and a model with a photo, and the files it commits (one pull
request each) pass scripts/validate.py."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
import yaml
from bangvang.text import slugify
from devtools import cms_browser as cms
from devtools import fake_github
from helpers import effective_config, make_project

EXISTING = "bang-khen-tinh-giao-vien-gia-khanh"  # tests/fixtures/extra: a date written 15/03/2022
# GraphQL fields Sveltia may ask the fake that it answers with null, as GitHub does for them.
NULL_FIELDS = {"Commit.status"}


@pytest.fixture()
def editor(browser, site_url, fixture_project):
    """A fresh browser context on the built fixture site, GitHub answered by a fake seeded with the
    fixture project's files; yields (page, fake, network, console messages)."""
    gh = fake_github.FakeGitHub(files=cms.repository_files(fixture_project), token=cms.TOKEN)
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    network = cms.Network(gh, site_url).install(context)
    page = context.new_page()
    console: list[tuple[str, str]] = []
    page.on("console", lambda m: console.append((m.type, m.text)))
    page.on("pageerror", lambda e: console.append(("pageerror", str(e))))
    yield page, gh, network, console
    context.close()


def _problems(console) -> list[tuple[str, str]]:
    return [(kind, text) for kind, text in console if kind in ("error", "warning", "pageerror")]


def test_the_editor_loads_in_vietnamese_with_no_error_and_no_other_host(editor, site_url):
    page, gh, network, console = editor
    cms.open_editor(page, site_url)
    assert page.title() == f"Sửa dữ liệu – {effective_config()['site_name']}"  # from config.yml
    cms.sign_in(page, site_url)
    page.get_by_text("Điển hình tiên tiến").first.wait_for()  # the list of kinds, from config.yml
    page.wait_for_timeout(1500)  # the hourly version check and lazy fonts have their turn
    assert _problems(console) == []
    assert network.other_hosts() == [] and network.refused == []
    assert any(u.startswith("https://api.github.com/") for u in network.requests)
    assert f"{site_url}quan-tri/sveltia/version.json" in network.requests  # the version check stays home
    assert ("GET", "/user", 200) in gh.log


def test_an_award_and_a_model_made_in_the_editor_are_records_the_project_accepts(
    editor, site_url, tmp_path, fixture_project
):
    page, gh, network, console = editor
    cms.sign_in(page, site_url)

    # An award of 2022 with two recipients: a unit, and a teacher named with her school.
    cms.new_entry(page, site_url, "awards")
    cms.reveal(page, cms.field(page, "Năm")).get_by_role("spinbutton").fill("2022")
    cms.choose(page, page, "Danh hiệu, hình thức", "Bằng khen của Chủ tịch UBND tỉnh")
    cms.fill(page, page, "Tên như trong văn bản", "Bằng khen của Chủ tịch UBND tỉnh")
    cms.switch_on(page, "Quyết định")
    cms.fill(page, page, "Số quyết định", "1034/QĐ-UBND")
    cms.fill(page, page, "Ngày quyết định", "2022-05-09")
    recipients = cms.field(page, "Danh sách được khen")
    cms.add_item(page, "Danh sách được khen", "người nhận")
    cms.choose(page, recipients, "Tập thể", "Xã Gia Tân", 0)
    cms.add_item(page, "Danh sách được khen", "người nhận")
    cms.fill(page, recipients, "Họ và tên", "Nguyễn Thị Hoa", 1)
    cms.fill(page, recipients, "Chức vụ", "Giáo viên", 1)
    cms.choose(page, recipients, "Tập thể", "Trường THCS Lê Thanh Nghị", 1)
    cms.save(page)

    # A model with a photo uploaded from the computer.
    from PIL import Image

    photo = tmp_path / "nha-mang-gia-tan.png"
    Image.new("RGB", (64, 48), (30, 120, 60)).save(photo)
    cms.new_entry(page, site_url, "models")
    cms.fill(page, page, "Tên điển hình, mô hình", "Mô hình nhà màng ở xã Gia Tân")
    cms.reveal(page, cms.field(page, "Năm")).get_by_role("spinbutton").fill("2022")
    cms.choose(page, page, "Tập thể", "Xã Gia Tân")
    cms.write_markdown(page, "Tóm tắt", "Trồng dưa lưới trong nhà màng: 2 ha, thu 1,2 tỷ đồng mỗi năm.")
    cms.add_item(page, "Ảnh", "ảnh")
    cms.upload_photo(page, photo)
    cms.fill(page, cms.field(page, "Ảnh"), "Mô tả ảnh", "Nhà màng trồng dưa lưới ở xã Gia Tân")
    cms.save(page)

    # An existing award whose proposal date is written 15/03/2022, edited: it keeps that date.
    page.goto(f"{site_url}quan-tri/#/collections/awards/entries/2022/{EXISTING}")
    page.get_by_role("button", name=cms.SAVE, exact=True).wait_for(timeout=cms.TIMEOUT)
    page.mouse.move(640, 450)
    cms.fill(page, page, "Cấp tặng", "Chủ tịch Ủy ban nhân dân tỉnh Hải Dương")
    cms.save(page)

    # Three pull requests sent for review, each on its own branch, touching only its own files.
    award_path = f"data/awards/2022/{slugify('Bằng khen của Chủ tịch UBND tỉnh')}.yml"
    model_path = f"data/models/{slugify('Mô hình nhà màng ở xã Gia Tân')}.yml"
    photo_path = "docs/images/models/nha-mang-gia-tan.png"
    existing_path = f"data/awards/2022/{EXISTING}.yml"
    pulls = {pr.head: pr for pr in gh.repo.pulls.values()}
    assert len(pulls) == 3
    assert all(
        pr.state == "OPEN" and not pr.draft and pr.labels == ["sveltia-cms/pending_review"] for pr in pulls.values()
    )
    changes = {path: status for pr in pulls.values() for path, status in pr.file_changes()}
    assert changes == {award_path: "added", model_path: "added", photo_path: "added", existing_path: "modified"}
    files = {path: gh.repo.read(path, pr.head) for pr in pulls.values() for path, _ in pr.file_changes()}

    award = yaml.safe_load(files[award_path])
    assert list(award) == ["year", "award", "name_as_written", "decision", "recipients"]
    assert award["decision"] == {"number": "1034/QĐ-UBND", "date": date(2022, 5, 9)}  # unquoted YYYY-MM-DD
    assert award["recipients"] == [
        {"unit": "xa-gia-tan"},
        {"name": "Nguyễn Thị Hoa", "position": "Giáo viên", "unit": "truong-thcs-le-thanh-nghi"},
    ]
    model = yaml.safe_load(files[model_path])
    assert model["images"] == [
        {"src": "/images/models/nha-mang-gia-tan.png", "alt": "Nhà màng trồng dưa lưới ở xã Gia Tân"}
    ]
    assert files[photo_path] == photo.read_bytes()
    before = yaml.safe_load((fixture_project / existing_path).read_text(encoding="utf-8"))
    after = yaml.safe_load(files[existing_path])
    assert after["proposal"] == {"number": "45/TTr-UBND", "date": "15/03/2022"} == before["proposal"]
    assert after == {**before, "issuer": "Chủ tịch Ủy ban nhân dân tỉnh Hải Dương"}

    # The project accepts them: the validator, as a pull request check runs it.
    project = make_project(tmp_path / "project", extra=True)
    for path, data in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_bytes(data)
    result = subprocess.run(
        [sys.executable, "scripts/validate.py"], cwd=project, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stdout + result.stderr

    assert _problems(console) == []
    assert network.other_hosts() == []
    assert fake_github.UNKNOWN_FIELDS <= NULL_FIELDS
