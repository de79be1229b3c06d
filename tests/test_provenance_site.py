"""Provenance on a built site, in a real Chromium: a case page's original address, snapshots,
capture date and deleted badge in both scripts; the verbatim capture opened as plain text (its
markup inert); listings that mark deleted cases and hide them on request; the index of deleted
originals. The project is the fixture archive plus two cases written here, in a git repository
whose history gives one case its capture date."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from playwright.sync_api import expect

from tests.conftest import CASES, ROOT, site_project
from tests.test_site import build_site, serving  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

GONE = "2020-06-02-shequ-kuaizhao"
KEPT = "2020-06-03-cunli-jilu"
GONE_CASE = """---
title: 社区快照测试<script>window.__pwned='title'</script>
date: 2020-06-02
source: 测试日报
url: https://news.example.cn/2020/0602/a.html
archive:
  - https://web.archive.org/web/20200603010203/https://news.example.cn/2020/0602/a.html
  - https://archive.ph/AbCdE
captured: 2020-06-04
deleted: 2023-05-01
tags: [临时党支部]
---
社区快照测试
<script>window.__pwned='capture'</script>
<img src=x onerror="window.__pwned='img'">
某市某社区党委在疫情防控中成立临时党支部，组织党员志愿者上门服务居民，这是一段足够长的正文，用来检验出处信息。
"""
KEPT_CASE = """---
title: 村里记录测试
date: 2020-06-03
source: 测试日报
url: https://news.example.cn/2020/0603/b.html
tags: [临时党支部]
---
村里记录测试
某县某村党支部在防汛救灾中组织党员突击队转移群众，临时党支部发挥作用，这是另一段足够长的正文。
"""
GIT_DAY = "2021-03-04"


def _git(folder, *words, date=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org")
    if date:
        env.update(GIT_AUTHOR_DATE=f"{date}T12:00:00+08:00", GIT_COMMITTER_DATE=f"{date}T12:00:00+08:00")
    subprocess.run(["git", "-C", str(folder), *words], check=True, capture_output=True, env=env)


def write_project(folder):
    site_project(folder, CASES)
    (folder / "cases" / f"{GONE}.txt").write_text(GONE_CASE, encoding="utf-8")
    _git(folder, "init", "-q")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "archive", date="2020-12-31")
    (folder / "cases" / f"{KEPT}.txt").write_text(KEPT_CASE, encoding="utf-8")
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "one more case", date=GIT_DAY)
    return folder


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = write_project(tmp_path_factory.mktemp("provenance"))
    result = build_site(folder, folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    with serving(folder / "site") as url:
        yield url


def test_case_page_shows_provenance_in_both_scripts(page, server):
    for prefix, gone, snapshot, captured, deleted in (
            ("", "已删除", "网页快照", "采集日期", "原网页于"), ("zh-Hant/", "已刪除", "網頁快照", "採集日期", "原網頁於")):
        page.goto(f"{server}{prefix}cases/{GONE}/")
        block = page.locator(".case-provenance")
        text = block.inner_text()
        assert block.locator(".case-deleted-badge").inner_text() == gone
        assert f"{deleted} 2023-05-01" in text
        assert f"{captured}\n2020-06-04" in text or f"{captured}\t2020-06-04" in text, text
        assert snapshot in text
        links = block.locator("a")
        hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
        assert "https://news.example.cn/2020/0602/a.html" in hrefs
        assert "https://web.archive.org/web/20200603010203/https://news.example.cn/2020/0602/a.html" in hrefs
        assert "https://archive.ph/AbCdE" in hrefs
        assert block.locator("a", has_text="web.archive.org 2020-06-03").count() == 1
        assert not page.evaluate("window.__pwned || null")


def test_capture_date_defaults_to_the_day_the_file_was_committed(page, server):
    page.goto(f"{server}cases/{KEPT}/")
    block = page.locator(".case-provenance")
    assert GIT_DAY in block.inner_text()
    assert block.locator(".case-deleted-badge").count() == 0
    assert "网页快照" not in block.inner_text()


def test_verbatim_capture_opens_as_inert_text(page, server):
    for prefix in ("", "zh-Hant/"):
        page.goto(f"{server}{prefix}cases/{GONE}/")
        with page.expect_navigation():
            page.locator('.case-provenance a[type="text/plain"]').click()
        assert page.url == f"{server}captures/{GONE}.txt"  # one file for both scripts
        assert page.evaluate("document.contentType") == "text/plain"
        shown = page.locator("body").inner_text()
        assert "<script>window.__pwned='capture'</script>" in shown  # shown as text...
        assert "deleted: 2023-05-01" in shown and "社区快照测试" in shown
        assert page.locator("script").count() == 0 and page.locator("img").count() == 0  # ...never as markup
        assert not page.evaluate("window.__pwned || null")


def test_listings_mark_and_hide_deleted_cases(page, server):
    for prefix, label in (("", "隐藏原网页已删除的案例"), ("zh-Hant/", "隱藏原網頁已刪除的案例")):
        page.goto(f"{server}{prefix}tags/linshi-dangzhibu/")
        gone = page.locator("article li", has_text="社区快照测试" if not prefix else "社區快照測試")
        kept = page.locator("article li", has_text="村里记录测试" if not prefix else "村裡記錄測試")
        assert gone.locator(".case-deleted-badge").count() == 1 and kept.locator(".case-deleted-badge").count() == 0
        toggle = page.get_by_label(label + "（1）")
        assert gone.is_visible() and kept.is_visible()
        toggle.check()
        assert not gone.is_visible() and kept.is_visible()
        toggle.uncheck()
        assert gone.is_visible()


def test_listings_without_deleted_cases_have_no_toggle(page, server):
    page.goto(f"{server}timeline/2020-04/")
    assert page.locator(".case-deleted-toggle").count() == 0


def test_index_of_deleted_originals_from_the_home_page(page, server):
    for prefix in ("", "zh-Hant/"):
        page.goto(server + prefix)
        page.locator("article a", has_text="已删除" if not prefix else "已刪除").first.click()
        page.wait_for_url(f"**/{prefix}deleted/")
        page.wait_for_load_state()
        items = page.locator("article li")
        expect(items).to_have_count(1)
        items.locator("a").first.click()
        assert page.url.endswith(f"{prefix}cases/{GONE}/")
