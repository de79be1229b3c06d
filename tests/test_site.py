"""The published site, built with real MkDocs and opened in a real Chromium.

Browser tests need Debian's chromium (CASE_ARCHIVE_CHROMIUM or /usr/bin/chromium). They are
skipped with a message when it is missing, except in CI (CASE_ARCHIVE_REQUIRE_BROWSER=1).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import http.server
import os
import pathlib
import re
import shutil
import subprocess
import sys
import threading

import pytest

from tests.conftest import ROOT, copy_cases
from tests import forked

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


# a title that Markdown would change: listings show it as written (build_tools/render.py CASE_LIST)
MARKUP_TITLE = "1.5万名党员~守一线 *战*疫_先锋_ [突击队] \\ #2 + - |"
MARKUP_CASE = f"""---
title: "{MARKUP_TITLE.replace(chr(92), chr(92) * 2)}"
tags: [临时党支部]
date: 2020-05-02
---
各级党组织和党员干部在疫情防控第一线发挥战斗堡垒作用和先锋模范作用，成立临时党支部，这是一段足够长的正文。
"""


def _tree(folder: pathlib.Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_site(project: pathlib.Path, site: pathlib.Path, seed: str = "0") -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED=seed)
    return forked.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                          cwd=project, capture_output=True, text=True, timeout=600, env=env)


def built_project(folder: pathlib.Path) -> pathlib.Path:
    """Build a project folder's site into ``folder/site`` with real MkDocs; the folder, once it built."""
    result = build_site(folder, folder / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The repository's site config and docs with the fixture archive (not the shipped cases), plus one hostile case."""
    folder = tmp_path_factory.mktemp("project")
    # two case pages per search index shard, so the determinism test covers several shards
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      cases_dir: cases\n" in config
    (folder / "mkdocs.yml").write_text(config.replace("      cases_dir: cases\n", "      cases_dir: cases\n"
                                                      f"      search_shard_pages: {SHARD_PAGES}\n"), encoding="utf-8")
    shutil.copytree(ROOT / "docs", folder / "docs")
    copy_cases(folder / "cases")
    (folder / "cases" / "2020-05-01-zhuru-ceshi.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "cases" / "2020-05-02-biaoti-fuhao.txt").write_text(MARKUP_CASE, encoding="utf-8")
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
    assert page.evaluate("() => window.__pwned") is None  # search results: tests/test_search.py
    assert page.dialogs == []


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_listings_show_titles_as_written(page, server, prefix):
    """A title with Markdown's characters (a leading '1.', '~', '*', '_', brackets, a backslash)
    is listed as written, and its link opens its page."""
    page.goto(server + prefix + "tags/linshi-dangzhibu/")
    link = page.locator("article li a", has_text="~")
    expected = MARKUP_TITLE if not prefix else "1.5萬名黨員~守一線 *戰*疫_先鋒_ [突擊隊] \\ #2 + - |"
    assert link.inner_text() == expected
    link.click()
    assert page.url.endswith(prefix + "cases/2020-05-02-biaoti-fuhao/")
    assert page.locator("article h1").first.inner_text() == expected


def test_failed_build_leaves_previous_site_whole(project, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site"))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(copy / "mkdocs.yml")]
    assert forked.run(command, cwd=copy, env=env).returncode == 0
    before = _tree(copy / "site")
    # a late failure: strict mode aborts after every page, both scripts and the index were built
    (copy / "docs" / "extra.md").write_text("# 附录\n\n[坏链接](missing.md)\n", encoding="utf-8")
    result = forked.run(command + ["--strict"], cwd=copy, env=env)
    assert result.returncode != 0 and "missing.md" in result.stderr
    assert _tree(copy / "site") == before
    assert sorted(p.name for p in copy.iterdir() if p.name.startswith(".site")) == []
