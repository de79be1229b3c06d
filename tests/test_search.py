"""The header search box on a built site, in a real Chromium: what a reader types in either
script's box, what is found and how it is shown. The search's rules are specified under Node
(tests/js/, run by tests/test_search_js.py); these tests check that the built site wires them up.

The project: the fixture archive (tests/fixtures/cases), one case with markup in every field and
a character the Simplified text keeps (乾隆), and 20 generated cases (bench/generate.py), in shards
of 10 cases so that results come from several of Pagefind's bundles.
"""

from __future__ import annotations

import json
import random
import re
import shutil

import pytest

from build_tools import pipeline, searchindex
from tests.conftest import CASES, ROOT, shared_build, site_project
from tests.test_site import build_site, built_project, serving  # noqa: F401,F811 (fixtures)

pytestmark = pytest.mark.browser

SHARD_PAGES = 10
GUANGAN = "2020-03-11-guangan-zuzhibu"
HOSTILE = """---
title: <script>window.__pwned='title'</script>惡意標題
source: <img src=x onerror="window.__pwned='source'">網
tags: [临时党支部]
date: 2020-05-01
---
注入測試文章
<script>window.__pwned='body'</script>
<img src=x onerror="window.__pwned='img'">
[點我](javascript:window.__pwned='link') <iframe src="javascript:window.__pwned='iframe'"></iframe>
各級黨組織和黨員幹部在疫情防控第一線發揮戰鬥堡壘作用和先鋒模範作用，成立臨時黨支部，這是一段足夠長的正文。
村裏有一座乾隆年間的古橋。
"""


def write_project(folder, cases=True, generated=20):
    from bench.generate import generate

    site_project(folder, {}, options=f"search_shard_pages: {SHARD_PAGES}")
    if not cases:
        return folder
    if generated:
        generate(generated, folder)
    for path in CASES.glob("*.txt"):
        shutil.copy(path, folder / "cases" / path.name)
    (folder / "cases" / "2020-05-01-zhuru-ceshi.txt").write_text(HOSTILE, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The project, built once for test_search.py and test_search_page.py (which read it only)."""
    return shared_build(tmp_path_factory, "search", lambda folder: built_project(write_project(folder)))


@pytest.fixture(scope="module")
def server(built):
    with serving(built / "site") as url:
        yield url


def search(page, query, prefix=None, server=None):
    """Type a query into the header box; the results box once the search is over."""
    if prefix is not None:
        page.goto(server + prefix)
    page.fill("#case-search-input", query)
    page.wait_for_function("""q => {
        const input = document.querySelector('#case-search-input');
        const box = document.querySelector('#case-search-results');
        return input.value === q && !box.hidden && box.getAttribute('aria-busy') === 'false';
    }""", arg=query)
    return page.locator("#case-search-results")


def more(page):
    count = page.locator(".case-search__hit").count()
    page.click(".case-search__more")
    page.wait_for_function("""n => document.querySelector('#case-search-results').getAttribute('aria-busy') === 'false'
        && (document.querySelectorAll('.case-search__hit').length > n || !document.querySelector('.case-search__more'))""",
                           arg=count)


def case_ids(results) -> list[str]:
    hits = results.locator(".case-search__hit > a")
    return [hits.nth(i).get_attribute("href").rstrip("/").rsplit("/", 1)[-1] for i in range(hits.count())]


def finds(page, case_id: str) -> bool:
    """Whether the case is among the results, going on with "more" until it is or there are no more."""
    results = page.locator("#case-search-results")
    while case_id not in case_ids(results):
        if not page.locator(".case-search__more").count():
            return False
        more(page)
    return True


def every_result(page) -> list[str]:
    results = page.locator("#case-search-results")
    while page.locator(".case-search__more").count():
        more(page)
    return case_ids(results)


@pytest.mark.parametrize("prefix,query", [("", "党员"), ("", "临时党支部"), ("zh-Hant/", "黨員"), ("zh-Hant/", "臨時黨支部")])
def test_search_finds_and_opens_case(page, server, prefix, query):
    results = search(page, query, prefix, server)
    hits = results.locator(".case-search__hit")
    assert hits.count() >= 2
    for index in range(hits.count()):
        assert query in [m.inner_text() for m in hits.nth(index).locator("mark").all()]
    title = hits.first.locator("a").inner_text()
    hits.first.locator("a").click()
    assert "/cases/" in page.url and (("/zh-Hant/" in page.url) == bool(prefix))
    assert page.locator("article h1").inner_text() == title  # the result's title, in the page's script


@pytest.mark.parametrize("prefix,query,shown", [("", "滕乾生", "滕乾生"), ("zh-Hant/", "滕乾生", "滕乾生"),
                                                ("", "劉小林", "刘小林"), ("zh-Hant/", "广安市人民医院", "廣安市人民醫院")])
def test_names_and_places_in_the_text_are_found_from_both_boxes(page, server, prefix, query, shown):
    """Shown in the page's script: a person's name keeps its characters (滕乾生 on both sites)."""
    search(page, query, prefix, server)
    assert finds(page, GUANGAN)
    hit = page.locator(f'.case-search__hit:has(a[href*="{GUANGAN}"])')
    assert shown in [m.inner_text() for m in hit.locator("mark").all()]


@pytest.mark.parametrize("prefix,typed,other", [("", "臨時黨支部", "临时党支部"), ("zh-Hant/", "临时党支部", "臨時黨支部"),
                                                ("", "乾隆", "乾隆"), ("zh-Hant/", "古桥", "古橋")])
def test_either_script_in_either_box(page, server, prefix, typed, other):
    """A Traditional query on the Simplified site, and the reverse: the same cases as the query
    in the site's own script, shown in the site's script."""
    search(page, other, prefix, server)
    expected = every_result(page)
    results = search(page, typed)
    assert every_result(page) == expected and expected
    marks = {m.inner_text() for m in results.locator(".case-search__hit mark").all()}
    assert other in marks


@pytest.mark.parametrize("prefix,query,label", [("", "陈玲", "作者"), ("zh-Hant/", "何禮", "編輯"),
                                                ("zh-Hant/", "中国共产党新闻网", "來源")])
def test_metadata_is_searchable(page, server, prefix, query, label):
    results = search(page, query, prefix, server)
    first = results.locator(".case-search__hit").first
    assert first.locator("p").inner_text().startswith(label + "：")  # a whole name: first, with its label
    assert first.locator("p mark").inner_text() == (query if "新闻" not in query else "中國共產黨新聞網")


@pytest.mark.parametrize("prefix,query", [("zh-Hant/", "火星殖民"), ("", "党员 量子")])
def test_a_query_no_case_contains_finds_nothing_and_fetches_no_case(page, server, prefix, query):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    results = search(page, query, prefix, server)
    assert results.locator(".case-search__hit").count() == 0
    assert ("沒有找到" if prefix else "没有找到") in results.inner_text()
    assert not [url for url in fetched if url.endswith(".pf_fragment")]


def test_one_character_asks_for_two(page, server):
    assert "请至少输入两个字" in search(page, "党", "", server).inner_text()
    assert "請至少輸入兩個字" in search(page, "黨", "zh-Hant/", server).inner_text()


def test_random_substrings_of_a_case_find_it(page, server):
    """A property over 16 substrings of 2-5 characters of one case's text and metadata, taken from
    both scripts and typed into both boxes: the case is among the results. (scripts/search_recall.py
    runs 500 such queries over a generated archive: bench/run.py --recall.)"""
    archive = pipeline.load_archive(pipeline.case_files(CASES), display_root=ROOT)
    [record] = searchindex.records([c for c in archive.cases if c.case_id == GUANGAN])
    rnd = random.Random(15)
    page.goto(server)
    for n in range(16):
        field = rnd.choice(record.fields)
        text = searchindex.compact(field.hant if n % 2 else field.hans)
        length = min(len(text), rnd.randint(2, 5))
        start = rnd.randrange(len(text) - length + 1)
        query = text[start:start + length]
        if n == 8:
            page.goto(server + "zh-Hant/")
        search(page, query)
        assert finds(page, GUANGAN), query


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_injected_markup_in_results_never_runs(page, server, prefix):
    for query in ["注入", "惡意標題", "网", "onerror", "<script>"]:
        results = search(page, query, prefix, server)
        if query != "网":
            assert results.locator(".case-search__hit").count() >= 1, query
        assert results.locator("script, img, iframe, [onerror], [onclick]").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    assert page.dialogs == []


def test_more_results_go_on_without_repeats_from_every_shard(page, server, built):
    """Ten results at first; "more" shows ten more, none twice; together they come from more
    than one of Pagefind's bundles (which hold each case's text)."""
    manifest = json.loads((built / "site" / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["shards"]) >= 2
    results = search(page, "党员", "", server)
    assert results.locator(".case-search__hit").count() == 10
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    more(page)
    ids = case_ids(results)
    assert 10 < len(ids) <= 20 and len(set(ids)) == len(ids)
    shards = re.compile(r"/pagefind/(shard-\d+/)?fragment/")
    assert len({shards.search(url).group(1) for url in fetched if shards.search(url)}) >= 2
    for mark in results.locator(".case-search__hit").all():
        assert "党员" in [m.inner_text() for m in mark.locator("mark").all()]


def test_archive_without_cases_builds_and_searches_nothing(page, tmp_path):
    empty = write_project(tmp_path / "empty", cases=False)
    result = build_site(empty, empty / "site")
    assert result.returncode == 0, result.stderr
    with serving(empty / "site") as url:
        results = search(page, "黨員", "zh-Hant/", url)
        assert results.locator(".case-search__hit").count() == 0
        assert "沒有找到" in results.inner_text()
