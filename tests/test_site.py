"""The published site, built with real MkDocs and opened in a real Chromium.

Browser tests need Debian's chromium (CASE_ARCHIVE_CHROMIUM or /usr/bin/chromium). They are
skipped with a message when it is missing, except in CI (CASE_ARCHIVE_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import threading

import pytest

from build_tools import searchindex
from tests.conftest import ROOT, copy_cases

SHARD_PAGES = 2

HOSTILE = """---
title: <script>window.__pwned='title'</script>惡意標題
source: <img src=x onerror="window.__pwned='source'">網
url: https://example.org/a)](javascript:window.__pwned=1)
tags: [临时党支部]
date: 2020-05-01
---
注入測試文章
<script>window.__pwned='body'</script>
<img src=x onerror="window.__pwned='img'">
[點我](javascript:window.__pwned='link') <iframe src="javascript:window.__pwned='iframe'"></iframe>
{: onclick="window.__pwned='attr'" }
各級黨組織和黨員幹部在疫情防控第一線發揮戰鬥堡壘作用和先鋒模範作用，成立臨時黨支部，這是一段足夠長的正文。
村裏有一座乾隆年間的古橋。
"""


def _chromium() -> str | None:
    candidate = os.environ.get("CASE_ARCHIVE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return candidate if candidate and pathlib.Path(candidate).exists() else None


def _tree(folder: pathlib.Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_site(project: pathlib.Path, site: pathlib.Path, seed: str = "0") -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=seed)
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          cwd=project, capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The repository's site config and docs with the fixture archive (not the shipped cases), plus one hostile case."""
    folder = tmp_path_factory.mktemp("project")
    # two case pages per search index shard, so every search below goes through several shards
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      cases_dir: cases\n" in config
    (folder / "mkdocs.yml").write_text(config.replace("      cases_dir: cases\n", "      cases_dir: cases\n"
                                                      f"      search_shard_pages: {SHARD_PAGES}\n"), encoding="utf-8")
    shutil.copytree(ROOT / "docs", folder / "docs")
    copy_cases(folder / "cases")
    (folder / "cases" / "2020-05-01-zhuru-ceshi.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def site(project):
    before = _tree(project / "cases")
    result = build_site(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    assert _tree(project / "cases") == before
    return project / "site"


def test_build_is_deterministic(project, site, tmp_path):
    result = build_site(project, tmp_path / "again", seed="4242")
    assert result.returncode == 0, result.stderr
    assert _tree(site) == _tree(tmp_path / "again")


def test_traditional_pages_follow_one_standard(site):
    """Every Traditional page uses the declared standard's forms (Taiwan by default: 為 群 眾 著
    裡), whether its case was captured in Simplified or in Traditional; no OpenCC-standard form."""
    other_standard = re.compile("[爲羣衆着裏綫啓峯]")
    pages = list((site / "zh-Hant" / "cases").rglob("index.html"))
    assert pages
    for path in pages:
        article = re.search(r"<article.*?</article>", path.read_text(encoding="utf-8"), re.S).group(0)
        found = other_standard.findall(re.sub(r"<[^>]+>", "", article))
        assert not found, (path, found)


def test_both_variants_have_same_paths(site):
    hans = {p.relative_to(site) for p in site.rglob("*.html") if "zh-Hant" not in p.parts}
    hant = {p.relative_to(site / "zh-Hant") for p in (site / "zh-Hant").rglob("*.html")}
    assert hans == hant and len(hans) > 30


def test_invalid_case_fails_build_without_traceback(project, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(project, broken, ignore=shutil.ignore_patterns("site"))
    (broken / "cases" / "2020-01-01-broken.txt").write_text("---\ntitle: [\n---\n正文。", encoding="utf-8")
    result = build_site(broken, broken / "site")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "2020-01-01-broken.txt:2" in result.stderr


@contextlib.contextmanager
def serving(folder: pathlib.Path):
    """A static HTTP server for a built site; yields its base URL."""
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


@pytest.fixture(scope="module")
def server(site):
    with serving(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("CASE_ARCHIVE_REQUIRE_BROWSER"):
            pytest.fail("Chromium is required here (CASE_ARCHIVE_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("browser tests skipped: Debian's chromium is not installed (apt-get install chromium)")
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        instance = p.chromium.launch(executable_path=executable, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


pytestmark = pytest.mark.browser


def test_home_tag_to_case(page, server):
    page.goto(server)
    assert page.get_attribute("html", "lang") == "zh-Hans"
    assert page.locator("h1").first.inner_text() == "基层党组织抗疫抗灾案例库"
    page.locator("article a", has_text="临时党支部").first.click()
    assert "/tags/linshi-dangzhibu/" in page.url
    page.locator("article li a", has_text="强大战疫力").first.click()
    assert "/cases/2020-04-21-wuxi-dangjian-jizhan/" in page.url
    meta = page.locator(".case-meta").inner_text()
    assert "2020-04-21" in meta and "中国共产党新闻网" in meta and "江苏省" in meta


def test_region_to_case_and_switch_script(page, server):
    page.goto(server + "regions/")
    page.locator("article a", has_text="浙江省").first.click()
    page.locator("article a", has_text="温州市").first.click()
    page.locator("article a", has_text="龙湾区").first.click()
    assert page.url.endswith("/regions/zhejiangsheng/wenzhoushi/longwanqu/")
    page.locator("article li a", has_text="红色细胞").first.click()
    case_url = page.url
    assert "/cases/2020-03-09-longwan-hongse-xibao/" in case_url
    page.locator("[data-case-switch]").click()
    assert page.url == case_url.replace(server, server + "zh-Hant/")
    assert page.get_attribute("html", "lang") == "zh-Hant"
    assert "激活“紅色細胞”提供堅強保障" in page.locator("article h1").first.inner_text()
    page.locator("[data-case-switch]").click()
    assert page.url == case_url and page.get_attribute("html", "lang") == "zh-Hans"


def _search(page, query):
    page.fill("#case-search-input", query)
    page.wait_for_selector("#case-search-results:not([hidden])")
    page.wait_for_function("() => document.querySelector('#case-search-results').innerText.length > 0")
    return page.locator("#case-search-results")


@pytest.mark.parametrize("prefix,query", [("", "党员"), ("", "临时党支部"), ("zh-Hant/", "黨員"), ("zh-Hant/", "臨時黨支部")])
def test_search_finds_and_opens_case(page, server, prefix, query):
    page.goto(server + prefix)
    results = _search(page, query)
    hits = results.locator(".case-search__hit")
    assert hits.count() >= 2
    for index in range(hits.count()):
        assert query in hits.nth(index).locator("mark").first.inner_text()
    title = hits.first.locator("a").inner_text()
    hits.first.locator("a").click()
    assert "/cases/" in page.url and (("/zh-Hant/" in page.url) == bool(prefix))
    assert query in page.locator("article").inner_text()
    assert page.locator("article h1").inner_text() == title  # the result's title, in the page's script


@pytest.mark.parametrize("prefix,query", [("zh-Hant/", "滕乾生"), ("", "滕乾生"), ("zh-Hant/", "乾隆"), ("", "乾隆"), ("zh-Hant/", "古橋")])
def test_traditional_query_through_the_simplified_index(page, server, prefix, query):
    """One index of Simplified text serves both scripts. A person's name keeps its characters on
    the Simplified page (滕乾生 from a Traditional capture, not 滕干生), so it is found as typed in
    either box; 乾隆 stays 乾隆 (a character kept in a Simplified word); either way the result
    and its excerpt are shown in the page's script."""
    page.goto(server + prefix)
    hits = _search(page, query).locator(".case-search__hit")
    assert hits.count() >= 1
    assert hits.first.locator("mark").first.inner_text() == query
    hits.first.locator("a").click()
    assert query in page.locator("article").inner_text()


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_search_goes_through_every_shard(page, server, site, prefix):
    # one index for both scripts: a Traditional result is a Simplified case shown in Traditional
    shard_of = searchindex.shard_numbers([p.parent.name for p in (site / "cases").glob("*/index.html")], SHARD_PAGES)
    assert len(set(shard_of.values())) >= 2
    page.goto(server + prefix)
    hits = _search(page, "黨員" if prefix else "党员").locator(".case-search__hit a")
    found = {shard_of[href.rstrip("/").rsplit("/", 1)[-1]] for href in
             (hits.nth(i).get_attribute("href") for i in range(hits.count()))}
    assert len(found) >= 2, found  # results came from more than one shard's bundle


@pytest.mark.parametrize("prefix,query,simplified", [("", "临时党支部", "临时党支部"), ("", "党支部", "党支部"),
                                                     ("zh-Hant/", "臨時黨支部", "临时党支部")])
def test_search_finds_every_case_with_the_word(page, server, site, prefix, query, simplified):
    """Every case whose text has the word is listed (fewer than ten here), though Pagefind splits
    the query (党|支部) and some pages (党支部) differently."""
    expected = set()
    for path in (site / "cases").glob("*/index.html"):
        article = path.read_text(encoding="utf-8").split("<article", 1)[1].split("</article>", 1)[0]
        # the article's title and text: not its metadata table (tag names), citation or pager
        article = re.sub(r'<div class="case-(meta|pager)">.*?</div>|<pre>.*?</pre>', "", article, flags=re.S)
        if simplified in re.sub(r"<[^>]+>|\s+", "", article):
            expected.add(path.parent.name)
    assert len(expected) >= 2
    page.goto(server + prefix)
    _search(page, query)
    page.wait_for_timeout(500)  # a round may still add results after the first ones are shown
    hits = page.locator(".case-search__hit a")
    assert {hits.nth(i).get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for i in range(hits.count())} == expected


def test_word_inside_longer_word_is_found(page, server):
    # 党员 also matches pages that only say 共产党员 / 党员干部 as part of longer words
    page.goto(server)
    assert _search(page, "共产党员").locator(".case-search__hit").count() >= 1


@pytest.mark.parametrize("query", ["量子纠缠", "火星殖民"])
def test_search_for_absent_word_finds_nothing(page, server, query):
    page.goto(server)
    results = _search(page, query)
    assert results.locator(".case-search__hit").count() == 0
    assert "没有找到" in results.inner_text()


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_injected_markup_never_runs(page, server, prefix):
    page.goto(server + prefix + "cases/2020-05-01-zhuru-ceshi/")
    text = page.locator("article").inner_text()
    assert "<script>" in text  # shown as text
    for link in page.locator("article a").all():
        href = link.get_attribute("href") or ""
        assert not href.lower().startswith(("javascript:", "data:"))
    assert page.locator("article script, article iframe, article img[onerror], [onclick], [onmouseover]").count() == 0
    page.mouse.move(300, 300)
    page.goto(server + prefix + "tags/linshi-dangzhibu/")
    page.goto(server + prefix)
    _search(page, "注入")
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []


@pytest.mark.parametrize("shard_pages,shards", [(15, 3), (2000, 1)])
def test_more_results_go_on(page, tmp_path, shard_pages, shards):
    """Ten results at first (from as few shards as give them); "more" shows ten more, none twice,
    from the other shards or, with one shard, from the same one."""
    from bench.generate import generate

    folder = tmp_path / "many"
    generate(60, folder)
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (folder / "mkdocs.yml").write_text(config.replace("      cases_dir: cases\n", "      cases_dir: cases\n"
                                                      f"      search_shard_pages: {shard_pages}\n"), encoding="utf-8")
    shutil.copytree(ROOT / "docs", folder / "docs")
    result = build_site(folder, folder / "site")
    assert result.returncode == 0, result.stderr
    manifest = json.loads((folder / "site" / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8"))
    assert 1 + len(manifest["shards"]) >= shards and manifest["pages"] == 60

    with serving(folder / "site") as url:
        page.goto(url)
        hits = _search(page, "党员").locator(".case-search__hit")
        assert hits.count() == 10
        page.click(".case-search__more")
        page.wait_for_function("() => document.querySelectorAll('.case-search__hit').length > 10")
        links = [hits.nth(i).locator("a").get_attribute("href") for i in range(hits.count())]
        assert 10 < len(links) <= 20 and len(set(links)) == len(links)
        for i in range(hits.count()):
            assert "党员" in hits.nth(i).locator("mark").first.inner_text()


def test_archive_without_cases_builds_and_searches_nothing(page, project, tmp_path):
    empty = tmp_path / "empty"
    shutil.copytree(project, empty, ignore=shutil.ignore_patterns("site", "cases"))
    (empty / "cases").mkdir()
    result = build_site(empty, empty / "site")
    assert result.returncode == 0, result.stderr
    with serving(empty / "site") as url:
        page.goto(url + "zh-Hant/")
        results = _search(page, "黨員")
        assert results.locator(".case-search__hit").count() == 0
        assert "沒有找到" in results.inner_text() or "没有找到" in results.inner_text()


def test_failed_build_leaves_previous_site_whole(project, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(copy / "mkdocs.yml")]
    assert subprocess.run(command, cwd=copy, capture_output=True, env=env).returncode == 0
    before = _tree(copy / "site")
    # a late failure: strict mode aborts after every page, both scripts and the index were built
    (copy / "docs" / "extra.md").write_text("# 附录\n\n[坏链接](missing.md)\n", encoding="utf-8")
    result = subprocess.run(command + ["--strict"], cwd=copy, capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "missing.md" in result.stderr
    assert _tree(copy / "site") == before
    assert sorted(p.name for p in copy.iterdir() if p.name.startswith(".site")) == []
