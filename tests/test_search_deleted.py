"""The search results page's filter by whether a case's original is gone (front matter
``deleted:``, ``search/?q=…&deleted=1|0``) and the 已删除 badge on such results (results page and
the header box), on a built site in a real Chromium, in both scripts.

The project: the fixture archive and 12 generated cases (tests/test_search.py ``write_project``),
with every other case containing 党员 marked deleted here. What each page must show is worked out
from the pipeline's records (scripts/search_recall.py), never hard-coded.
"""

from __future__ import annotations

import urllib.parse

import pytest

from build_tools import fmedit, script
from scripts.search_recall import Truth, load_records
from tests.test_search import write_project
from tests.test_search_page import DONE, count, every_url, open_results, site_urls
from tests.test_site import built_project, serving  # noqa: F401,F811 (fixtures)

pytestmark = pytest.mark.browser

QUERY = {"": "党员", "zh-Hant/": "黨員"}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = write_project(tmp_path_factory.mktemp("deleted"), generated=12)
    hits = sorted(p for p in (folder / "cases").glob("*.txt") if "党员" in p.read_text(encoding="utf-8"))
    for path in hits[::2]:
        path.write_bytes(fmedit.with_key(path.read_bytes(), "deleted", "2024-03-05"))
    return built_project(folder)


@pytest.fixture(scope="module")
def server(built):
    with serving(built / "site") as url:
        yield url


@pytest.fixture(scope="module")
def expected(built):
    """The cases 党员 finds: (all, those whose original is gone)."""
    records = load_records(built)
    found = Truth(records)("党员")
    gone = {r.url for r in records if r.deleted} & found
    assert gone and found - gone, "the fixture has deleted and kept cases among the hits"
    return found, gone


def say(text: str, prefix: str) -> str:
    return script.convert(text, "zh-Hant") if prefix else text


def badged(page) -> set[str]:
    """The results (their paths) shown with the 已删除 badge."""
    items = page.locator(".case-result")
    out = set()
    for i in range(items.count()):
        item = items.nth(i)
        if item.locator(".case-deleted-badge").count():
            out.add(urllib.parse.urlparse(item.locator(".case-result__title").get_attribute("href")).path)
    return out


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_the_filter_narrows_counts_and_is_shared_by_url(page, browser, server, expected, prefix):  # noqa: F811
    found, gone = expected
    open_results(page, server, prefix, q=QUERY[prefix])
    assert count(page) == ("共", len(found))
    every_url(page)
    assert badged(page) == site_urls(gone, prefix)  # the badge, on exactly the deleted cases
    assert page.locator(".case-deleted-badge").first.inner_text() == say("已删除", prefix)
    facet = page.locator("details.case-facet").filter(has_text=say("原网页", prefix))
    assert facet.count() == 1
    values = facet.locator(".case-facet__value")
    shown = [(values.nth(i).locator(".case-facet__name").inner_text(), int(values.nth(i).locator(".case-facet__count").inner_text()))
             for i in range(values.count())]
    assert shown == [(say("已删除", prefix), len(gone)), (say("未标记删除", prefix), len(found - gone))]
    # choose 已删除: the count narrows, every result has the badge, the URL says so
    facet.locator('.case-facet__value[data-value="1"]').click()
    page.wait_for_function(DONE)
    page.wait_for_url("**deleted=1**")
    assert count(page) == ("共", len(gone))
    assert set(every_url(page)) == badged(page) == site_urls(gone, prefix)
    shared = page.url
    # the shared URL, opened elsewhere, gives the same results
    other = browser.new_context().new_page()
    try:
        other.goto(shared)
        other.wait_for_function(DONE)
        assert count(other) == ("共", len(gone))
        assert set(every_url(other)) == site_urls(gone, prefix)
        assert other.locator(".case-results__chip").inner_text().startswith(say("已删除", prefix))
    finally:
        other.context.close()
    # the other value: the kept cases, no badge
    open_results(page, server, prefix, q=QUERY[prefix], deleted="0")
    assert count(page) == ("共", len(found - gone))
    assert set(every_url(page)) == site_urls(found - gone, prefix)
    assert badged(page) == set()


def test_a_search_without_deleted_results_has_no_such_filter(page, server, built):
    records = load_records(built)
    kept = {r.url for r in records if not r.deleted}
    truth = Truth(records)
    titles = [r.fields[0].hans for r in records if r.url in kept]
    query = next(q for t in titles for q in (t[i:i + 3] for i in range(len(t) - 2))
                 if (hits := truth(q)) and hits <= kept)
    open_results(page, server, q=query)
    assert page.locator("details.case-facet").count() >= 1
    assert page.locator("details.case-facet").filter(has_text="原网页").count() == 0
    assert page.locator(".case-deleted-badge").count() == 0


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_the_header_box_shows_the_badge(page, server, expected, prefix):
    found, gone = expected
    page.goto(server + prefix)
    page.fill("#case-search-input", QUERY[prefix])
    box = page.locator("#case-search-results")
    page.wait_for_function("() => { const b = document.querySelector('#case-search-results');"
                           " return !b.hidden && b.getAttribute('aria-busy') === 'false' && b.querySelector('.case-search__hit'); }")
    hits = box.locator(".case-search__hit")
    with_badge = set()
    for i in range(hits.count()):
        hit = hits.nth(i)
        path = urllib.parse.urlparse(hit.locator("a").first.get_attribute("href")).path
        if hit.locator(".case-deleted-badge").count():
            assert hit.locator(".case-deleted-badge").inner_text() == say("已删除", prefix)
            with_badge.add(path)
        else:
            assert path not in site_urls(gone, prefix)
    assert with_badge and with_badge <= site_urls(gone, prefix)
