"""The search results page (search/?q=…) on a built site, in a real Chromium: the count, the
filters and their counts, the state in the URL (shared, reloaded, back button), either script,
keyboard use, the header box leading to it, and the hit mark's contrast in both palettes.

The project: the fixture archive (tests/fixtures/cases), a case with markup in every field and
20 generated cases (tests/test_search.py ``write_project``). What each page must show is worked
out here from the pipeline's cases (which cases contain a query: scripts/search_recall.py's
``Truth``; their tags, province, year and source), never hard-coded.
"""

from __future__ import annotations

import re
import urllib.parse

import pytest

from scripts.search_recall import Truth, load_records
from tests.conftest import shared_build
from tests.test_search import write_project
from tests.test_site import built_project, serving  # noqa: F401,F811 (fixtures)

pytestmark = pytest.mark.browser

DONE = """() => {
  const list = document.querySelector('#case-results-list');
  const count = document.querySelector('#case-results-count');
  return list.getAttribute('aria-busy') === 'false' && count.textContent && !count.textContent.startsWith('正在');
}"""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The project, built once for test_search.py and test_search_page.py (which read it only)."""
    return shared_build(tmp_path_factory, "search", lambda folder: built_project(write_project(folder)))


@pytest.fixture(scope="module")
def server(built):
    with serving(built / "site") as url:
        yield url


class Archive:
    """What the results page should show, from the cases themselves."""

    def __init__(self, project):
        self.records = load_records(project)
        self.truth = Truth(self.records)
        self.facets = {}
        for r in self.records:
            values = {"tag": set(), "province": set(), "source": set(), "year": {r.date[:4]} if r.date else set()}
            for facet, hans, _ in r.facets:
                values[facet].add(hans)
            self.facets[r.url] = values

    def found(self, query: str, **filters) -> set[str]:
        """The cases a query finds with filters (tags: all of them; others: any of them)."""
        out = set()
        for url in self.truth(query):
            have = self.facets[url]
            if all(set(v) <= have[f] if f == "tag" else bool(set(v) & have[f]) for f, v in filters.items()):
                out.add(url)
        return out


@pytest.fixture(scope="module")
def archive(built):
    return Archive(built)


def open_results(page, server, prefix="", **params):
    page.goto(server + prefix + "search/?" + urllib.parse.urlencode(params, doseq=True))
    page.wait_for_function(DONE)


def count(page) -> tuple[str, int]:
    """("共" or "至多", N) from the count line; ("", 0) when nothing is found."""
    text = page.locator("#case-results-count").inner_text()
    match = re.match(r"(共|至多) (\d+) [条條]結?结?果", text)
    return (match.group(1), int(match.group(2))) if match else ("", 0)


def shown_urls(page) -> list[str]:
    links = page.locator(".case-result__title")
    return [urllib.parse.urlparse(links.nth(i).get_attribute("href")).path for i in range(links.count())]


def every_url(page) -> list[str]:
    while page.locator(".case-results__more").count():
        n = page.locator(".case-result").count()
        page.click(".case-results__more")
        page.wait_for_function("n => document.querySelector('#case-results-list').getAttribute('aria-busy') === 'false'"
                               " && (document.querySelectorAll('.case-result').length > n"
                               " || !document.querySelector('.case-results__more'))", arg=n)
    return shown_urls(page)


def site_urls(urls, prefix="") -> set[str]:
    return {"/" + prefix + u for u in urls}


@pytest.mark.parametrize("prefix,query", [("", "党员"), ("zh-Hant/", "黨員"), ("", "复工"), ("zh-Hant/", "防汛")])
def test_count_is_shown_and_right(page, server, archive, prefix, query):
    open_results(page, server, prefix, q=query)
    expected = archive.found(query)
    assert len(expected) >= 3
    assert count(page) == ("共", len(expected))
    assert page.locator(".case-result").count() == min(20, len(expected))
    assert set(every_url(page)) == site_urls(expected, prefix)
    assert (page.locator("html").get_attribute("lang") == "zh-Hant") == bool(prefix)


def test_a_long_term_is_counted_at_most_then_exactly(page, server, archive):
    open_results(page, server, q="临时党支部")
    expected = archive.found("临时党支部")
    kind, n = count(page)
    assert (kind == "至多" and n >= len(expected)) or (kind, n) == ("共", len(expected))
    assert set(every_url(page)) == site_urls(expected)
    assert count(page) == ("共", len(expected))


def facet_values(page, facet: str) -> dict[str, tuple[str, int]]:
    """{URL value: (shown name, count)} of a facet's listed values (all of them)."""
    box = page.locator(f'.case-facet:has([data-facet="{facet}"])')
    if box.locator(".case-facet__all").count():
        box.locator(".case-facet__all").click()
    out = {}
    for button in box.locator(".case-facet__value").all():
        out[button.get_attribute("data-value")] = (button.locator(".case-facet__name").inner_text(),
                                                    int(button.locator(".case-facet__count").inner_text()))
    return out


def choose(page, facet: str, value: str):
    before = page.url
    page.click(f'.case-facet__value[data-facet="{facet}"][data-value="{value}"]')
    page.wait_for_function("u => location.href !== u", arg=before)
    page.wait_for_function(DONE)


@pytest.mark.parametrize("prefix,query", [("", "党员"), ("zh-Hant/", "黨員")])
def test_filters_show_counts_and_narrow_the_count(page, server, archive, prefix, query):
    open_results(page, server, prefix, q=query)
    whole = archive.found(query)
    for facet in ("tag", "province", "year", "source"):
        values = facet_values(page, facet)
        expected = {}
        for url in whole:
            for v in archive.facets[url][facet]:
                expected[v] = expected.get(v, 0) + 1
        assert {v: c for v, (_, c) in values.items()} == expected, facet
    tags = facet_values(page, "tag")
    tag = max((v for v in tags if tags[v][1] < len(whole)), key=lambda v: tags[v][1])
    if prefix:
        assert any(name != value for value, (name, _) in tags.items())  # names in the page's script
    choose(page, "tag", tag)
    narrowed = archive.found(query, tag=[tag])
    assert count(page) == ("共", len(narrowed)) and len(narrowed) == tags[tag][1] < len(whole)
    assert urllib.parse.parse_qs(urllib.parse.urlparse(page.url).query)["tag"] == [tag]
    years = facet_values(page, "year")
    year = min(years, key=lambda v: years[v][1])
    choose(page, "year", year)
    both = archive.found(query, tag=[tag], year=[year])
    assert count(page)[1] == len(both) == years[year][1] and len(both) <= len(narrowed)
    assert set(every_url(page)) == site_urls(both, prefix)
    for date in page.locator(".case-result__meta time").all():
        assert date.inner_text().startswith(year)
    # a second year adds its cases; the chip takes a filter away again
    years = facet_values(page, "year")
    other = [v for v in years if v != year]
    if other:
        choose(page, "year", other[0])
        assert count(page)[1] == len(archive.found(query, tag=[tag], year=[year, other[0]]))
    before = page.url
    page.click(f'.case-results__chip[data-facet="tag"][data-value="{tag}"]')
    page.wait_for_function("u => location.href !== u", arg=before)
    page.wait_for_function(DONE)
    assert "tag=" not in page.url
    assert count(page)[1] == len(archive.found(query, year=[year] + other[:1]))


def test_a_shared_url_reproduces_the_results_and_back_returns(page, server, archive, browser):  # noqa: F811
    open_results(page, server, q="党员")
    first_count, first_urls = count(page), shown_urls(page)
    tags = facet_values(page, "tag")
    tag = max((v for v in tags if tags[v][1] < first_count[1]), key=lambda v: tags[v][1])
    choose(page, "tag", tag)
    shared = page.url
    shown, urls = count(page), shown_urls(page)
    assert shown != first_count
    # another reader opens the shared address
    other = browser.new_context().new_page()
    try:
        other.goto(shared)
        other.wait_for_function(DONE)
        assert count(other) == shown and shown_urls(other) == urls
        assert other.locator(f'.case-facet__value[data-value="{tag}"]').get_attribute("aria-pressed") == "true"
        assert other.locator("#case-results-input").input_value() == "党员"
    finally:
        other.context.close()
    page.reload()
    page.wait_for_function(DONE)
    assert count(page) == shown and shown_urls(page) == urls
    page.go_back()
    page.wait_for_function("() => !location.search.includes('tag=')")
    page.wait_for_function(DONE)
    assert count(page) == first_count and shown_urls(page) == first_urls


@pytest.mark.parametrize("prefix,typed,own", [("", "黨員", "党员"), ("zh-Hant/", "临时党支部", "臨時黨支部")])
def test_a_query_in_the_other_script(page, server, prefix, typed, own):
    open_results(page, server, prefix, q=own)
    expected = every_url(page), count(page)
    open_results(page, server, prefix, q=typed)
    assert (every_url(page), count(page)) == expected and expected[0]
    marks = {m.inner_text() for m in page.locator(".case-result mark").all()}
    assert own in marks and typed not in marks  # shown in the site's script


@pytest.mark.parametrize("prefix,query,label", [("", "陈玲", "作者"), ("zh-Hant/", "陳玲", "作者")])
def test_an_author_query(page, server, archive, prefix, query, label):
    open_results(page, server, prefix, q=query)
    expected = archive.found(query)
    assert expected and count(page) == ("共", len(expected))
    first = page.locator(".case-result").first
    assert first.locator(".case-result__excerpt").inner_text().startswith(label + "：")
    assert first.locator(".case-result__excerpt mark").inner_text() == query


def test_title_date_source_and_excerpt_are_kept_apart(page, server, archive):
    open_results(page, server, q="广安")
    hit = page.locator(".case-result").first
    title = hit.locator(".case-result__title").inner_text()
    excerpt = hit.locator(".case-result__excerpt").inner_text()
    assert title and excerpt and not excerpt.startswith(title)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", hit.locator(".case-result__meta time").inner_text())
    assert "广安" in [m.inner_text() for m in hit.locator("mark").all()]


def test_keyboard_slash_arrows_enter_escape(page, server):
    open_results(page, server, q="党员")
    page.locator("h1").first.click()
    page.keyboard.press("/")
    assert page.evaluate("() => document.activeElement.id") == "case-results-input"
    page.keyboard.press("ArrowDown")
    links = page.locator(".case-result__title")
    assert page.evaluate("() => document.activeElement.classList.contains('case-result__title')")
    page.keyboard.press("ArrowDown")
    second = links.nth(1)
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == second.get_attribute("href")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowDown")
    title = second.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cases/"))
    assert page.locator("article h1").inner_text() == title
    page.go_back()
    page.wait_for_function(DONE)
    page.focus("#case-results-input")
    page.keyboard.press("Escape")
    page.wait_for_function("() => !location.search")
    page.wait_for_function(DONE)
    assert page.locator("#case-results-input").input_value() == ""
    assert page.locator(".case-result").count() == 0
    # typing searches (replacing the history entry)
    page.keyboard.type("防汛")
    page.wait_for_function("() => location.search.includes('q=')")
    page.wait_for_function(DONE)
    assert page.locator(".case-result").count() > 0


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_the_header_box_leads_to_the_results_page(page, server, archive, prefix):
    page.goto(server + prefix)
    query = "党员" if not prefix else "黨員"
    page.fill("#case-search-input", query)
    page.press("#case-search-input", "Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert urllib.parse.urlparse(page.url).path == "/" + prefix + "search/"
    page.wait_for_function(DONE)
    assert count(page) == ("共", len(archive.found(query)))
    assert page.locator("#case-results-input").input_value() == query


def test_one_character_and_nothing_found(page, server):
    open_results(page, server, q="党")
    assert "请至少输入两个字" in page.locator("#case-results-count").inner_text()
    open_results(page, server, "zh-Hant/", q="火星殖民")
    assert page.locator("#case-results-count").inner_text() == "沒有找到結果"
    open_results(page, server, q="党员", province="火星省")
    assert page.locator("#case-results-count").inner_text() == "没有找到结果"
    assert page.locator('.case-facet__value[data-value="火星省"]').get_attribute("aria-pressed") == "true"


def test_injected_markup_never_runs(page, server):
    for query in ["注入", "惡意標題", "onerror"]:
        open_results(page, server, q=query)
        assert page.locator(".case-result").count() >= 1, query
        assert page.locator("#case-results script, #case-results img, #case-results iframe, [onerror]").count() == 0
    open_results(page, server, q="<img src=x onerror=alert(1)>", tag="<b>x</b>")
    assert page.evaluate("() => window.__pwned") is None and page.dialogs == []


def _luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in re.findall(r"\d+", rgb)[:3]]
    linear = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme,palette", [("light", "default"), ("dark", "slate")])
def test_the_hit_mark_is_clearly_visible_in_both_palettes(page, server, scheme, palette):  # noqa: F811
    """WCAG AA: marked text against the mark's background at least 4.5:1; the mark's background
    stands apart from the page's (results page and header box)."""
    page.emulate_media(color_scheme=scheme)
    page.goto(server + "search/?q=" + urllib.parse.quote("党员"))
    page.wait_for_function(DONE)
    assert page.get_attribute("body", "data-md-color-scheme") == palette
    style = """m => { const s = getComputedStyle(m); return [s.color, s.backgroundColor,
        getComputedStyle(document.body).backgroundColor]; }"""
    marks = page.locator(".case-result__title mark").all()[:3] + page.locator(".case-result__excerpt mark").all()[:3]
    assert marks
    for mark in marks:
        color, background, page_background = mark.evaluate(style)
        assert contrast(color, background) >= 4.5, (scheme, color, background)
        assert contrast(background, page_background) >= 1.5, (scheme, background, page_background)
    page.fill("#case-search-input", "党员")
    page.wait_for_selector(".case-search__hit mark")
    color, background, _ = page.locator(".case-search__hit mark").first.evaluate(style)
    assert contrast(color, background) >= 4.5
