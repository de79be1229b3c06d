"""The site as a reader meets it, in a real Chromium (issue 18, items 4-8): nothing loads from
another origin, the not-found page in both scripts, phone widths without horizontal scrolling,
the citation and its formats, the two scripts as alternates of each other, the sitemap index,
the report-an-error link, one palette for both scripts, and the switcher keeping the #anchor.

The project: the repository's mkdocs.yml and docs/ with a small archive written here (look-alike
articles, one of them with braces, ampersands, four authors and a long URL), never the shipped
cases; site_url and repo_url are set as the deploy workflow sets them.
"""

from __future__ import annotations

import datetime
import html as htmllib
import json
import pathlib
import re
import shutil
import urllib.parse
import xml.etree.ElementTree as ET

import bibtexparser
import pytest
import rispy

from build_tools import citation
from tests.conftest import ROOT, shared_build, site_project
from tests.test_site import build_site, serving  # noqa: F401 (fixtures)

SITE_URL = "https://archive.example.org/"
REPO_URL = "https://github.com/example/case-archive"
HARD = "2020-05-02-ceshi-yinyong"

CASES = {
    HARD: """---
title: 某县{社区}党支部 & 志愿者_联防联控筑牢疫情防线的一段很长很长的标题
subtitle: 记一线党员的一百个日夜
source: 某某日报
authors: [张三, 李四, 王五, 赵六]
date: 2020-05-02
url: https://example.org/news/2020/05/02/a-very-long-path-segment-without-any-break-point-0123456789abcdef.html?from=share&id={7}
tags: [临时党支部]
archive: https://web.archive.org/web/20200503000000/https://example.org/news/2020/05/02/a.html
deleted: 2021-01-01
---
浙江省温州市龙湾区各级党组织和党员干部在疫情防控第一线发挥战斗堡垒作用，成立临时党支部，这是一段足够长的正文。
社区党支部组织志愿者分组值守，每天两次入户排查，登记返乡人员的健康情况。
""",
    "2020-03-09-longwan-zhiyuanzhe": """---
title: 龙湾区党员志愿者守护社区
---
来源：某某网 时间：2020-03-09
浙江省温州市龙湾区的党员志愿者连续多日在社区卡口值守，测量体温、登记信息，帮助居民代购生活物资。
党支部书记说，疫情就是命令，防控就是责任，党员要冲在最前面。
""",
    "2021-07-25-zhengzhou-fangxun": """---
title: 郑州某街道党工委组织防汛救灾
date: 2021-07-25
source: 某某晚报
authors: [钱七]
---
河南省郑州市金水区某街道党工委连夜组织党员突击队转移群众，搭建临时安置点，保障受灾群众的饮食和住宿。
""",
}


def write_project(folder: pathlib.Path) -> pathlib.Path:
    def edit(config: str) -> str:
        for key, value in (("site_url", SITE_URL), ("repo_url", REPO_URL)):
            line = f'{key}: !ENV [{key.upper()}, ""]'
            assert line in config
            config = config.replace(line, f"{key}: {value}")
        return config

    return site_project(folder, {f"{name}.txt": text for name, text in CASES.items()}, edit=edit)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The site, built once for this module and test_accessibility.py (which read it only)."""
    def make(folder):
        write_project(folder)
        result = build_site(folder, folder / "site")
        assert result.returncode == 0, result.stdout + result.stderr
        return folder / "site"

    return shared_build(tmp_path_factory, "reader", make)


@pytest.fixture(scope="module")
def server(built):
    with serving(built) as url:
        yield url


def local(url: str, site: pathlib.Path) -> pathlib.Path:
    """The file a published URL of the site is served from."""
    assert url.startswith(SITE_URL), url
    path = site / urllib.parse.unquote(url[len(SITE_URL):])
    return path / "index.html" if url.endswith("/") else path


PAGES = ["", "tags/", "regions/", "timeline/", "sources/", f"cases/{HARD}/", "404.html"]
SCRIPTS = ["", "zh-Hant/"]


# -- no request leaves the origin -----------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix", SCRIPTS)
def test_no_request_leaves_the_origin(page, server, prefix):
    """Every page kind, opened one after the other in one tab: each asks only its own site."""
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    for path in PAGES:
        requests.clear()
        page.goto(server + prefix + path)
        page.wait_for_load_state("networkidle")  # nothing asked for half a second: the page is done
        assert requests, path
        elsewhere = [url for url in requests if not url.startswith(server) and not url.startswith(("data:", "blob:"))]
        assert elsewhere == [], path


def test_no_web_fonts_or_remote_sources_in_pages(built):
    for html in built.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        assert "fonts.googleapis.com" not in text and "fonts.gstatic.com" not in text, html
        assert 'data-md-component="source"' not in text, html  # Material would ask the GitHub API for stars


# -- the not-found page and the footer --------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix,lang,heading,other", [("", "zh-Hans", "找不到这个页面", "zh-Hant"),
                                                       ("zh-Hant/", "zh-Hant", "找不到這個頁面", "zh-Hans")])
def test_not_found_page_in_each_script(page, server, prefix, lang, heading, other):
    page.goto(server + prefix + "404.html")
    assert page.locator("html").get_attribute("lang") == lang
    assert page.locator("article h1").inner_text() == heading
    assert "404 - Not found" not in page.content()
    switch = page.locator("a[data-case-switch]")
    assert switch.get_attribute("hreflang") == other
    switch.click()
    assert page.locator("html").get_attribute("lang") == other  # the other script's home page
    page.goto(server + prefix + "404.html")
    page.fill("#case-notfound-input", "党支部" if lang == "zh-Hans" else "黨支部")
    page.wait_for_function("""() => {
        const box = document.querySelector('#case-search-results');
        return !box.hidden && box.getAttribute('aria-busy') === 'false' && box.querySelector('.case-search__hit');
    }""")


@pytest.mark.browser
@pytest.mark.parametrize("prefix,credit", [("", "著作权归原作者"), ("zh-Hant/", "著作權歸原作者")])
def test_footer_states_the_archives_credits(page, server, prefix, credit):
    page.goto(server + prefix)
    footer = page.locator("footer").inner_text()
    assert credit in footer and "MIT" in footer
    assert "Made with" not in footer and "Material for MkDocs" not in footer
    assert page.locator(f'footer a[href="{REPO_URL}"]').count() == 1


# -- phones -------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix", SCRIPTS)
@pytest.mark.parametrize("path", ["", "tags/", "regions/", f"cases/{HARD}/"])
def test_phone_widths_do_not_scroll_sideways(page, server, prefix, path):
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(server + prefix + path)
    for width in (360, 390, 414):  # the page laid out again at each phone width (a rotated or resized window)
        page.set_viewport_size({"width": width, "height": 800})
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
        # the site's title shows whole (on two lines if need be), not cut to its first character
        title = page.locator(".md-header__topic:first-child .md-ellipsis")
        assert title.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && e.scrollWidth <= e.clientWidth + 1"), width
        if path.startswith("cases/"):
            # every metadata label on one line (日期, not 日 over 期)
            lines = page.evaluate("""() => [...document.querySelectorAll('.case-meta td:first-child')].map(td => {
                const range = document.createRange(); range.selectNodeContents(td);
                return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size; })""")
            assert lines and set(lines) == {1}, width
            text = page.locator("[data-cite-text]")
            assert text.evaluate("e => e.scrollWidth <= e.clientWidth"), width  # the citation wraps, long URL included


# -- the citation -------------------------------------------------------------------------
def _overlap(a, b) -> bool:
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", SCRIPTS)
def test_citation_wraps_copies_and_downloads_with_the_access_date(browser, server, tmp_path, width, prefix):
    context = browser.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(server + prefix + f"cases/{HARD}/")
        today = page.evaluate("""() => { const d = new Date(), p = n => String(n).padStart(2, '0');
            return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; }""")
        text = page.locator("[data-cite-text]")
        shown = text.inner_text()
        assert shown.startswith("张三, 李四, 王五, 等. " if not prefix else "張三, 李四, 王五, 等. ")
        assert f"[EB/OL]. " in shown and f"2020-05-02[{today}]. https://example.org/news/" in shown
        assert text.evaluate("e => e.scrollWidth <= e.clientWidth")
        copy = page.locator("[data-cite-copy]")
        for button in (copy, page.locator(".case-cite__menu > summary")):
            assert not _overlap(button.bounding_box(), text.bounding_box())
        copy.click()
        page.wait_for_function("() => navigator.clipboard.readText().then(t => t.length > 0)")
        assert page.evaluate("navigator.clipboard.readText()") == shown.strip()

        page.locator(".case-cite__menu > summary").click()
        files = {}
        for label in ("BibTeX", "RIS", "CSL-JSON"):
            with page.expect_download() as info:
                page.click(f'.case-cite__format:has(pre[data-cite-format="{label}"]) [data-cite-download]')
            target = tmp_path / info.value.suggested_filename
            info.value.save_as(target)
            files[label] = target.read_text(encoding="utf-8")
        title = "某县" if not prefix else "某縣"
        entry = bibtexparser.parse_string(files["BibTeX"]).entries
        assert len(entry) == 1 and entry[0].key == HARD and entry[0].entry_type == "online"
        assert title in entry[0]["title"] and entry[0]["urldate"] == today and entry[0]["date"] == "2020-05-02"
        assert entry[0]["author"].count(" and ") == 3
        ris = rispy.loads(files["RIS"])
        assert len(ris) == 1 and ris[0]["type_of_reference"] == "ELEC" and ris[0]["access_date"] == today.replace("-", "/")
        assert len(ris[0]["authors"]) == 4 and ris[0]["urls"][0].startswith("https://example.org/news/")
        items = json.loads(files["CSL-JSON"])
        assert items[0]["type"] == "webpage" and items[0]["title"].startswith(title)
        assert items[0]["accessed"] == {"date-parts": [[int(p) for p in today.split("-")]]}
        assert items[0]["issued"] == {"date-parts": [[2020, 5, 2]]}
    finally:
        context.close()


def test_citation_formats_without_javascript_parse(built):
    """The formats as the build writes them (shown in the menu, to copy without script): no access date."""
    html = (built / "cases" / HARD / "index.html").read_text(encoding="utf-8")
    texts = {label: htmllib.unescape(text)
             for label, text in re.findall(r'<pre data-cite-format="([^"]+)">(.*?)</pre>', html, re.S)}
    assert set(texts) == {"BibTeX", "RIS", "CSL-JSON"}
    assert bibtexparser.parse_string(texts["BibTeX"]).entries[0]["title"].count("{") == 1
    assert rispy.loads(texts["RIS"])[0]["publisher"] == "某某日报"
    assert json.loads(texts["CSL-JSON"])[0]["id"] == HARD
    assert citation.ACCESSED in html  # the build leaves the access date to the reader's browser


def test_bibtex_of_hostile_text_stays_one_entry():
    fields = {"id": "x", "lang": "zh-Hans", "title": "标题}\n@misc{evil, title={x", "subtitle": "",
              "authors": ["A}", "{B"], "source": "50% & #1_", "date": "2020-01-02", "url": "https://e.org/{a}"}
    entries = bibtexparser.parse_string(citation.bibtex(fields)).entries
    assert [e.key for e in entries] == ["x"]
    assert "evil" in entries[0]["title"] and entries[0]["url"] == "https://e.org/%7Ba%7D"


# -- found by others ------------------------------------------------------------------------
@pytest.mark.parametrize("prefix", SCRIPTS)
def test_case_page_head_alternates_open_graph_and_json_ld(built, prefix):
    html = (built / prefix / "cases" / HARD / "index.html").read_text(encoding="utf-8")
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', html))
    assert alternates == {"zh-Hans": f"{SITE_URL}cases/{HARD}/", "zh-Hant": f"{SITE_URL}zh-Hant/cases/{HARD}/",
                          "x-default": f"{SITE_URL}cases/{HARD}/"}
    for url in alternates.values():
        assert local(url, built).is_file()
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical == f"{SITE_URL}{prefix}cases/{HARD}/"
    og = dict(re.findall(r'<meta property="([^"]+)" content="([^"]*)">', html))
    assert og["og:type"] == "article" and og["og:url"] == canonical and og["article:published_time"] == "2020-05-02"
    assert og["og:locale"] == ("zh_TW" if prefix else "zh_CN") and "&amp;" in og["og:title"]
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    assert data["@type"] == "Article" and data["datePublished"] == "2020-05-02" and len(data["author"]) == 4
    assert data["inLanguage"] == ("zh-Hant" if prefix else "zh-Hans") and "<" not in blocks[0]


@pytest.mark.parametrize("prefix", SCRIPTS)
def test_every_page_names_both_scripts(built, prefix):
    pages = [html for html in (built / prefix).rglob("*.html")
             if html.name != "404.html" and (prefix or html.relative_to(built).parts[0] != "zh-Hant")]
    assert len(pages) > len(CASES)
    for html in pages:
        text = html.read_text(encoding="utf-8")
        langs = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', text)
        assert [lang for lang, _ in langs] == ["zh-Hans", "zh-Hant", "x-default"], html
        for _, url in langs:
            assert local(url, built).is_file(), (html, url)


def test_one_sitemap_index_for_both_scripts_with_case_dates(built):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    index = ET.parse(built / "sitemap-index.xml").getroot()
    maps = [loc.text for loc in index.findall("s:sitemap/s:loc", ns)]
    assert maps == [f"{SITE_URL}sitemap.xml", f"{SITE_URL}zh-Hant/sitemap.xml"]
    assert not (built / "zh-Hant" / "sitemap-index.xml").exists()
    assert f"Sitemap: {SITE_URL}sitemap-index.xml" in (built / "robots.txt").read_text(encoding="utf-8")
    dates = {name: datetime.date.fromisoformat(name[:10]).isoformat() for name in CASES}
    seen = 0
    for sitemap in maps:
        for url in ET.parse(local(sitemap, built)).getroot().findall("s:url", ns):
            loc = url.find("s:loc", ns).text
            assert local(loc, built).is_file(), loc
            lastmod = url.find("s:lastmod", ns)
            match = re.search(r"/cases/([^/]+)/$", loc)
            if match:
                seen += 1
                assert lastmod is not None and lastmod.text == dates[match.group(1)]
            else:
                assert lastmod is None  # listings summarise the archive: no build date passed off as theirs
    assert seen == 2 * len(CASES)


# -- report an error --------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.parametrize("prefix", SCRIPTS)
def test_case_page_links_to_a_prefilled_error_report(page, server, prefix):
    page.goto(server + prefix + f"cases/{HARD}/")
    link = page.locator(".case-report a")
    href = link.get_attribute("href")
    parsed = urllib.parse.urlsplit(href)
    query = urllib.parse.parse_qs(parsed.query)
    assert f"{parsed.scheme}://{parsed.netloc}{parsed.path}" == f"{REPO_URL}/issues/new"
    assert query["case_file"] == [f"cases/{HARD}.txt"]
    assert query["page"] == [f"{SITE_URL}{prefix}cases/{HARD}/"] and HARD in query["title"][0]
    form = ROOT / ".github" / "ISSUE_TEMPLATE" / query["template"][0]
    import yaml

    ids = [item.get("id") for item in yaml.safe_load(form.read_text(encoding="utf-8"))["body"]]
    assert "case_file" in ids and "page" in ids  # the query fills these fields of the form


# -- one palette, the anchor kept ------------------------------------------------------------
@pytest.mark.browser
def test_palette_chosen_on_one_script_holds_on_the_other(page, server):
    page.goto(server + f"cases/{HARD}/")
    before = page.locator("body").get_attribute("data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    chosen = page.locator("body").get_attribute("data-md-color-scheme")
    assert chosen != before
    page.goto(server + "zh-Hant/tags/")
    assert page.locator("body").get_attribute("data-md-color-scheme") == chosen
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.goto(server)
    assert page.locator("body").get_attribute("data-md-color-scheme") == before


@pytest.mark.browser
@pytest.mark.parametrize("prefix,other", [("", "zh-Hant/"), ("zh-Hant/", "")])
def test_script_switcher_keeps_the_anchor(page, server, prefix, other):
    page.goto(server + prefix + f"cases/{HARD}/#_2")
    page.click("a[data-case-switch]")
    page.wait_for_url(server + other + f"cases/{HARD}/#_2")
