"""The statistics page and the home page's charts (issue 18, item 3), on a site built with real
MkDocs from an archive written here (never the shipped cases), read in Chromium: the page in both
scripts, bars as long as the fixture's counts, a province on the map that opens its region page,
nothing loaded from elsewhere, no sideways scrolling at 390 px, the same bytes from two builds."""

from __future__ import annotations

import json
import pathlib
import re
import shutil

import pytest

from build_tools import charts, gazetteer
from tests.conftest import ROOT, site_project
from tests.test_site import build_site, serving  # noqa: F401 (fixtures)

# Look-alike cases written for these tests: (id, front matter, text)
CASES = [
    ("2020-02-01-jiangning-kakou", "title: 卡口上的临时党支部\ndate: 2020-02-01\nsource: 南京晨讯\n"
     "region: {province: 江苏省, city: 南京市}\ntags: [临时党支部]",
     "春节假期，江宁区在高速出口卡口设立临时党支部，二十多名党员分成四个小组昼夜值班，登记往来车辆。"),
    ("2020-03-05-xishan-tujidui", "title: 社区党员突击队守好防线\ndate: 2020-03-05\nsource: 锡山日报\n"
     "region: {province: 江苏省, city: 无锡市}\ntags: [党员突击队, 临时党支部]",
     "锡山区东亭街道组织党员突击队在小区门口轮班值守，为居民代购生活物资，每天晚上在群里通报情况。"),
    ("2020-03-20-xishan-fugong", "title: 园区党委帮企业复工\ndate: 2020-03-20\nsource: 锡山日报\n"
     "region: {province: 江苏省, city: 无锡市}\ntags: [复工复产]",
     "园区党委派出党员联络员，逐家走访企业，帮助解决口罩、用工和物流难题，推动企业尽快复工复产。"),
    ("2020-05-10-chengdu-qiye", "title: 企業黨支部幫助復工復產\ndate: 2020-05-10\nsource: 錦城觀察\n"
     "region: {province: 四川省, city: 成都市}\ntags: [复工复产]",
     "成都一家電子企業的黨支部在復工前組織黨員逐一聯繫返崗員工，為每條生產線安排黨員責任人。"),
    ("2021-07-20-zhengzhou-fangxun", "title: 暴雨中的党员服务队\ndate: 2021-07-20\nsource: 甲&乙<快报>\n"
     "region: {province: 河南省, city: 郑州市}\ntags: [防汛救灾]",
     "特大暴雨之后，郑州市金水区的社区党组织连夜转移老人和儿童，党员服务队在积水路段设置警示标志。"),
]
PROVINCES = {"江苏省": 3, "四川省": 1, "河南省": 1}
MONTHS = {"2020年2月": 1, "2020年3月": 2, "2020年5月": 1, "2021年7月": 1}  # and 14 months without a case
OUTLETS = {"锡山日报": 2, "南京晨讯": 1, "锦城观察": 1, "甲&乙<快报>": 1}
TAGS = {"临时党支部": 2, "复工复产": 2, "党员突击队": 1, "防汛救灾": 1}
SCRIPTS = ["", "zh-Hant/"]


def write_project(folder: pathlib.Path) -> pathlib.Path:
    return site_project(folder, {f"{case_id}.txt": f"---\n{front}\n---\n{text}\n" for case_id, front, text in CASES})


def build(folder: pathlib.Path, seed: str = "0") -> pathlib.Path:
    result = build_site(folder, folder / "site", seed=seed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build(write_project(tmp_path_factory.mktemp("stats")))


@pytest.fixture(scope="module")
def server(built):
    with serving(built) as url:
        yield url


def _rows(page, chart: str) -> dict[str, tuple[int, float]]:
    """label -> (count, drawn bar length in CSS pixels) of one chart, as the browser lays it out."""
    found = page.evaluate("""id => [...document.querySelectorAll('#' + id + ' .ca-chart__row')].map(g => {
        const bar = g.querySelector('.ca-chart__bar'); const box = bar.getBoundingClientRect();
        return [g.dataset.label, +g.dataset.count, id === 'chart-months' ? box.height : box.width]; })""", chart)
    return {label: (count, length) for label, count, length in found}


# -- the page in both scripts -----------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix, lang, heading, outlet, province", [
    ("", "zh-Hans", "统计", "锦城观察", "江苏省"), ("zh-Hant/", "zh-Hant", "統計", "錦城觀察", "江蘇省")])
def test_statistics_page_renders_in_both_scripts(page, server, prefix, lang, heading, outlet, province):
    page.goto(server + prefix + "stats/")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("article h1").inner_text() == heading
    assert page.locator(".md-tabs").get_by_role("link", name=heading).count() == 1  # a nav tab
    charts_ = page.locator("figure.ca-chart")
    assert charts_.count() == 5
    for svg in page.locator("figure.ca-chart > svg").all():  # each chart is named and described
        title, desc = svg.evaluate("s => [s.querySelector(':scope > title').textContent, s.querySelector(':scope > desc').textContent]")
        assert title and desc
        assert svg.evaluate("s => s.getAttribute('aria-labelledby').split(' ').every(id => document.getElementById(id))")
    outlets = _rows(page, "chart-outlets")
    assert outlet in outlets and province in _rows(page, "chart-provinces")
    # the data table under a chart holds the same figures
    page.locator("#chart-outlets summary").click()
    table = page.locator("#chart-outlets table")
    assert table.is_visible()
    cells = {row.locator("td").first.inner_text(): int(row.locator("td").nth(1).inner_text()) for row in table.locator("tbody tr").all()}
    assert cells == {label: count for label, (count, _) in outlets.items()}
    # an outlet's hostile name is text, never markup
    assert page.locator("#chart-outlets svg").evaluate("s => s.querySelectorAll('快报').length") == 0


@pytest.mark.browser
def test_bars_are_as_long_as_the_counts(page, server):
    page.goto(server + "stats/")
    for chart, expected in (("chart-provinces", PROVINCES), ("chart-tags", TAGS), ("chart-outlets", OUTLETS)):
        rows = _rows(page, chart)
        assert {label: count for label, (count, _) in rows.items()} == expected, chart
        unit = max(length for _, length in rows.values()) / max(expected.values())
        for label, (count, length) in rows.items():
            assert length == pytest.approx(count * unit, rel=0.02), (chart, label)
    months = _rows(page, "chart-months")
    assert len(months) == 18  # 2020-02 .. 2021-07, the empty months drawn as zero
    assert {label: count for label, (count, _) in months.items() if count} == MONTHS
    assert months["2020年3月"][1] == pytest.approx(2 * months["2020年2月"][1], rel=0.02)
    assert months["2020年4月"] == (0, 0)
    # every month with cases opens its timeline page; a month without one links nowhere
    hrefs = page.locator("#chart-months > svg a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert hrefs == ["../timeline/2020-02/", "../timeline/2020-03/", "../timeline/2020-05/", "../timeline/2021-07/"]
    assert page.locator("#chart-months table a").count() == 4


# -- the map ----------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix, name", [("", "河南省"), ("zh-Hant/", "河南省")])
def test_a_province_on_the_map_opens_its_region_page(page, server, prefix, name):
    page.goto(server + prefix + "stats/")
    links = page.locator("#chart-map a.ca-map__link")
    assert sorted(links.evaluate_all("as => as.map(a => a.dataset.code)")) == ["320000", "410000", "510000"]
    assert page.locator("#chart-map [data-code]").count() == 34  # every provincial-level division drawn
    henan = page.locator('#chart-map a[data-code="410000"]')
    assert henan.get_attribute("aria-label").startswith(name)
    henan.click()
    page.wait_for_load_state()
    assert page.url == server + prefix + "regions/henansheng/"
    assert page.locator("article h1").inner_text() == name
    assert page.locator("article").get_by_text("暴雨中的").count() >= 1  # the province's case is listed


@pytest.mark.browser
def test_every_province_link_on_the_map_exists(built, page, server):
    page.goto(server + "stats/")
    hrefs = page.locator("#chart-map a.ca-map__link").evaluate_all("as => as.map(a => new URL(a.getAttribute('href'), location.href).href)")
    for href in hrefs:
        assert (built / href[len(server):] / "index.html").is_file(), href
    # the most cases, the darkest shade; a province without a case is not shaded
    assert "ca-map__area--4" in page.locator('#chart-map [data-code="320000"] path').get_attribute("class")
    assert "ca-map__area--0" in page.locator('#chart-map [data-code="110000"] path').get_attribute("class")


# -- the home page --------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix", SCRIPTS)
def test_home_page_shows_the_month_chart_and_the_map(page, server, prefix):
    page.goto(server + prefix)
    assert page.locator("#chart-months > svg").is_visible() and page.locator("#chart-map > svg").is_visible()
    assert {label: count for label, (count, _) in _rows(page, "chart-months").items() if count} == MONTHS
    page.locator('#chart-map a[data-code="510000"]').click()
    assert page.url == server + prefix + "regions/sichuansheng/"


# -- a reader anywhere ----------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix", SCRIPTS)
def test_no_request_leaves_the_origin(page, server, prefix):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in ("", "stats/"):  # the two pages with charts and the map, one after the other in one tab
        requests.clear()
        page.goto(server + prefix + path)
        page.wait_for_load_state("networkidle")
        assert requests and [u for u in requests if not u.startswith(server) and not u.startswith(("data:", "blob:"))] == [], path


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix", SCRIPTS)
@pytest.mark.parametrize("path", ["", "stats/"])
def test_phone_width_does_not_scroll_sideways(page, server, prefix, path, scheme):
    page.set_viewport_size({"width": 390, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(server + prefix + path)
    assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    widths = page.locator("figure.ca-chart svg").evaluate_all("ss => ss.map(s => s.getBoundingClientRect().right)")
    assert widths and max(widths) <= 390
    # chart text is drawn in the page's text colour (readable in both palettes), not a fixed colour
    fill, colour = page.locator("figure.ca-chart svg").first.evaluate(
        "s => [getComputedStyle(s.querySelector('text')).fill, getComputedStyle(s).color]")
    assert fill == colour


# -- determinism and the data -----------------------------------------------------------------
def test_the_map_has_the_34_provincial_level_divisions():
    data = json.loads(charts.MAP_FILE.read_text(encoding="utf-8"))
    places = gazetteer.default()
    codes = [p["code"] for p in data["provinces"]]
    assert len(codes) == len(set(codes)) == 34
    assert all(places.by_code[code].level == "province" for code in codes)
    assert "Apache-2.0" in data["license"] and "echarts 4.9.0" in data["source"]
    assert all(re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]*z)*", p["d"]) for p in data["provinces"])


def test_shades_grow_with_the_count():
    assert charts.shade(0, 9) == 0
    shades = [charts.shade(c, 9) for c in range(1, 10)]
    assert shades == sorted(shades) and shades[0] == 1 and shades[-1] == charts.STEPS - 1
    assert charts.shade(1, 1) == charts.STEPS - 1
