"""The offline copy (``python -m build_tools bundle``, build_tools/bundle.py): one zip built from a
fixture project, unzipped, and opened from ``file://`` in a real Chromium as a reader would: home
→ tag → case by clicking, the switch to the Traditional site, the header box and the results
page finding cases in both scripts (a Simplified and a Traditional query), no request leaving the
file and no folder ever linked. One test walks the same path in a real Firefox (Debian's
firefox-esr, headless, driven over Marionette with the ``marionette-driver`` client, as
Playwright's own Firefox build cannot be installed here): CASE_ARCHIVE_FIREFOX or firefox-esr /
firefox on PATH; skipped with the reason when missing, a failure in CI (CASE_ARCHIVE_REQUIRE_BROWSER).

The project: the fixture archive, the case with markup in every field and 6 generated cases
(tests/test_search.py ``write_project``). Which cases a query finds is worked out from the
pipeline's cases (scripts/search_recall.py ``Truth``), never hard-coded. Determinism: a second
bundle of the same project (another hash seed) is byte-identical to the first.
"""

from __future__ import annotations

import contextlib
import html
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import urllib.parse
import zipfile

import psutil
import pytest

from build_tools import bundle, pipeline, script, searchindex
from scripts.search_recall import Truth
from tests.test_search import write_project
from tests.test_site import serving  # noqa: F401,F811 (fixtures)

QUERIES = {"": ("党员", "黨員"), "zh-Hant/": ("黨員", "党员")}  # per site: a query in its script and one in the other


def run_bundle(project: pathlib.Path, out: pathlib.Path | str, seed: str = "0") -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONHASHSEED=seed, NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", "build_tools", "bundle", "-o", str(out)], cwd=project,
                          capture_output=True, text=True, timeout=600, env=env)


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return write_project(tmp_path_factory.mktemp("bundle"), generated=6)


@pytest.fixture(scope="module")
def zipped(project):
    result = run_bundle(project, project / "out" / "offline.zip")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "bundle: building the site" in result.stderr and "wrote " in result.stderr  # progress, then the result
    assert "Traceback" not in result.stderr and "WARNING" not in result.stderr
    return project / "out" / "offline.zip"


@pytest.fixture(scope="module")
def root(zipped, tmp_path_factory):
    folder = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(folder)
    return folder / bundle.FOLDER


@pytest.fixture(scope="module")
def truth(project):
    """Which cases (their page paths in the copy, e.g. cases/x.html) a query finds."""
    archive = pipeline.load_archive(pipeline.case_files(project / "cases"), display_root=project)
    return Truth(searchindex.records(archive.cases, directory_urls=False))


@pytest.fixture
def reader(page, root):  # noqa: F811
    """A page that records every request and script error; ``goto(path)`` opens a file of the copy."""
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("requestfailed", lambda request: page.errors.append(f"{request.url}: {request.failure}"))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: page.errors.append(message.text) if message.type == "error" else None)
    page.goto_file = lambda path: page.goto((root / path).as_uri())
    yield page
    assert [url for url in page.requests if not url.startswith("file://")] == []  # nothing leaves the copy
    assert page.errors == []
    assert page.evaluate("window.__pwned") is None  # the case with markup in every field ran nothing


def here(page, root) -> str:  # noqa: F811
    """The open page's path in the copy, e.g. "tags/x.html"."""
    path = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(page.url).path))
    return path.relative_to(root).as_posix()


def test_the_zip_holds_one_folder_the_note_and_no_server_files(zipped):
    with zipfile.ZipFile(zipped) as archive:
        names = archive.namelist()
        note = archive.read(f"{bundle.FOLDER}/{bundle.NOTE_NAME}").decode("utf-8-sig")
        times = {info.date_time for info in archive.infolist()}
    assert names == sorted(names[:1]) + sorted(names[1:]) and all(n.startswith(bundle.FOLDER + "/") for n in names)
    assert {f"{bundle.FOLDER}/index.html", f"{bundle.FOLDER}/zh-Hant/index.html"} <= set(names)
    assert not [n for n in names if n.rsplit("/", 1)[-1] in ("404.html", "sitemap.xml", "robots.txt")]
    assert times == {bundle.ZIP_TIME}
    assert note.index("双击") < note.index("double-click") and "python3 -m http.server" in note


def test_every_link_names_a_file(root):
    """Every link, script and stylesheet of every page resolves to a file of the copy: none names a
    folder (file:// would show a listing) or leaves it for a page of the site."""
    pages = sorted(root.rglob("*.html"))
    assert len(pages) > 60
    missing = set()
    for path in pages:
        for url in re.findall(r'\b(?:href|src|data-page)="([^"]*)"', path.read_text(encoding="utf-8")):
            url = html.unescape(url)
            if re.match(r"^(?:[a-z]+:|#|$)", url):
                continue
            target = path.parent / urllib.parse.unquote(urllib.parse.urlparse(url).path)
            if not target.is_file():
                missing.add((path.relative_to(root).as_posix(), url))
    assert missing == set()


@pytest.mark.browser
def test_home_tag_case_and_the_switch_to_traditional(reader, root):
    reader.goto_file("index.html")
    assert reader.get_attribute("html", "lang") == "zh-Hans"
    reader.locator("article a[href^='tags/']:not([href$='index.html'])").first.click()
    reader.wait_for_load_state("load")  # a busy machine: the next page is read once it is there
    assert re.fullmatch(r"tags/[a-z0-9-]+\.html", here(reader, root))
    reader.locator("article li a[href*='cases/']").first.click()
    reader.wait_for_load_state("load")  # a busy machine: the next page is read once it is there
    case = here(reader, root)
    assert re.fullmatch(r"cases/[a-z0-9-]+\.html", case) and reader.locator(".case-meta").count() == 1
    reader.locator("[data-case-switch]").click()
    reader.wait_for_load_state("load")
    assert here(reader, root) == "zh-Hant/" + case
    assert reader.get_attribute("html", "lang") == "zh-Hant" and reader.locator(".case-meta").count() == 1
    reader.locator(".md-header__button.md-logo").click()  # home of the Traditional site
    reader.wait_for_load_state("load")
    assert here(reader, root) == "zh-Hant/index.html"
    reader.locator("[data-case-switch]").click()
    reader.wait_for_load_state("load")
    assert here(reader, root) == "index.html"


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_search_in_the_header_box_and_on_the_results_page(reader, root, truth, prefix):
    reader.goto_file(prefix + "index.html")
    for query in QUERIES[prefix]:
        expected = {prefix + url for url in truth(query)}
        assert len(expected) >= 3
        reader.fill("#case-search-input", query)
        reader.wait_for_function("() => document.querySelector('#case-search-results').getAttribute('aria-busy') === 'false'"
                                 " && document.querySelector('.case-search__hit')")
        links = reader.locator(".case-search__hit a")
        shown = {here_of(links.nth(i).get_attribute("href"), root) for i in range(links.count())}
        assert len(shown) == min(10, len(expected)) and shown <= expected
    first = reader.locator(".case-search__hit a").first
    target = here_of(first.get_attribute("href"), root)
    with reader.expect_navigation():  # the clicked page read once it is there (a busy machine is slow to go)
        first.click()
    assert here(reader, root) == target and reader.locator(".case-meta").count() == 1
    # Enter opens the results page: the count and every result, in the site's script
    query = QUERIES[prefix][1]
    reader.fill("#case-search-input", query)
    reader.press("#case-search-input", "Enter")
    reader.wait_for_function("() => { const c = document.querySelector('#case-results-count');"
                             " return c && /[条條]/.test(c.textContent)"
                             " && document.querySelector('#case-results-list').getAttribute('aria-busy') === 'false'; }")
    assert here(reader, root) == prefix + "search/index.html"
    expected = {prefix + url for url in truth(query)}
    assert reader.locator("#case-results-count").inner_text().startswith(("共 %d " % len(expected)))
    while reader.locator(".case-results__more").count():
        reader.click(".case-results__more")
        reader.wait_for_function("() => document.querySelector('#case-results-list').getAttribute('aria-busy') === 'false'")
    links = reader.locator(".case-result__title")
    assert {here_of(links.nth(i).get_attribute("href"), root) for i in range(links.count())} == expected
    assert reader.get_attribute("html", "lang") == ("zh-Hant" if prefix else "zh-Hans")
    with reader.expect_navigation():
        links.first.click()
    assert here(reader, root).startswith(prefix + "cases/")


def here_of(href: str, root: pathlib.Path) -> str:
    path = pathlib.Path(urllib.parse.unquote(urllib.parse.urlparse(href).path))
    return path.relative_to(root).as_posix()


@pytest.mark.browser
def test_served_over_http_the_copy_searches_as_the_site_does(page, root, truth):  # noqa: F811
    """The note's other way: the unzipped folder served by a static server (the search fetches its files)."""
    with serving(root) as url:
        page.goto(url + "zh-Hant/index.html")
        page.fill("#case-search-input", "党员")
        page.wait_for_selector(".case-search__hit")
        links = page.locator(".case-search__hit a")
        shown = {urllib.parse.urlparse(links.nth(i).get_attribute("href")).path for i in range(links.count())}
    assert shown and shown <= {"/zh-Hant/" + u for u in truth("党员")}


def test_the_classic_core_refuses_what_it_cannot_turn_into_a_script():
    from build_tools.outputs import OutputFailed, offline

    assert "window.CaseSearchCore" in offline.classic_core("export const A = 1;\nexport async function b() {}\n")
    for module in ('import { x } from "./y.js";\nexport function f() {}\n', "const a = 1;\nexport { a };\n",
                   "export default function () {}\n"):
        with pytest.raises(OutputFailed, match="line"):
            offline.classic_core(module)


def test_the_same_project_gives_the_same_bytes(project, zipped):
    """A second bundle, built again from scratch with another hash seed, is byte-identical."""
    again = run_bundle(project, project / "again.zip", seed="4242")
    assert again.returncode == 0, again.stderr
    assert (project / "again.zip").read_bytes() == zipped.read_bytes()


def test_an_output_path_that_cannot_be_written_is_a_clear_error(project, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = run_bundle(project, blocker / "offline.zip")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "cannot write in" in result.stderr and "fix:" in result.stderr
    result = run_bundle(project, tmp_path)
    assert result.returncode == 2 and "is a folder" in result.stderr


def test_the_deploy_workflow_attaches_the_bundle_to_each_release():
    import yaml

    from tests.conftest import ROOT

    flow = yaml.safe_load((ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    assert flow[True]["release"]["types"] == ["published"]  # YAML 1.1 reads the key 'on' as true
    job = flow["jobs"]["bundle"]
    assert job["if"] == "github.event_name == 'release'" and job["permissions"] == {"contents": "write"}
    runs = "\n".join(step.get("run", "") for step in job["steps"])
    assert "python -m build_tools bundle -o" in runs and "gh release upload" in runs
    assert all(flow["jobs"][name]["if"] == "github.event_name != 'release'" for name in ("build", "deploy"))


# --- Firefox: Debian's firefox-esr, headless, driven over Marionette (Firefox's own remote protocol;
# Playwright's Firefox build cannot be installed here). One test walks what the Chromium tests above
# check, so the copy is known to work in both browsers the note names.

FIREFOX_WATCH = """
// In the browser's chrome: record, and stop before it is sent, every HTTP(S) request a page opens
// (Firefox's own background requests carry the system principal and are left alone).
if (!window.caseArchiveRequests) {
  const seen = window.caseArchiveRequests = [];
  Services.obs.addObserver({ observe(subject) {
    const channel = subject.QueryInterface(Ci.nsIChannel);
    if (channel.loadInfo.triggeringPrincipal.isSystemPrincipal) return;
    seen.push(channel.URI.spec);
    channel.cancel(Cr.NS_BINDING_ABORTED);
  } }, "http-on-opening-request");
}
"""
FIREFOX_ERRORS = """
return Services.console.getMessageArray()
  .filter((m) => m instanceof Ci.nsIScriptError && !m.isFromChromeContext && m.logLevel === Ci.nsIConsoleMessage.error)
  .map((m) => `${m.sourceName}: ${m.errorMessage}`);
"""


try:  # the test extra's Marionette client; without it the Firefox test says so
    from marionette_driver.by import By
    from marionette_driver.errors import TimeoutException
    from marionette_driver.keys import Keys
    from marionette_driver.marionette import Marionette
    from marionette_driver.wait import Wait
except ImportError:
    Marionette = None


def _firefox() -> str | None:
    return os.environ.get("CASE_ARCHIVE_FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox")


@pytest.fixture(scope="module")
def firefox(tmp_path_factory):
    """A headless Firefox (Marionette client) with a fresh profile in a temporary folder, watching
    requests and script errors (a probe page shows both are seen). Quit in the finalizer, even when
    the test failed: Firefox and every process it started are ended by their ids and checked gone."""
    binary, required = _firefox(), os.environ.get("CASE_ARCHIVE_REQUIRE_BROWSER")
    if binary is None or Marionette is None:
        why = ("Firefox is not installed (apt-get install firefox-esr, or set CASE_ARCHIVE_FIREFOX)" if binary is None
               else "marionette-driver is not installed (pip install -e '.[test]')")
        if required:
            pytest.fail(f"Firefox is required here (CASE_ARCHIVE_REQUIRE_BROWSER=1): {why}")
        pytest.skip(f"Firefox test skipped: {why}")
    work = tmp_path_factory.mktemp("firefox")
    client, processes = None, []
    try:
        client = Marionette(bin=binary, port=0, headless=True, workspace=str(work), gecko_log=str(work / "gecko.log"),
                            startup_timeout=60)
        client.start_session()
        client.timeout.implicit = 0
        main = psutil.Process(client.process_id)
        with client.using_context("chrome"):
            client.execute_script(FIREFOX_WATCH)
        probe = work / "probe.html"
        probe.write_text("<!doctype html><meta charset=utf-8><title>probe</title><script>"
                         "fetch('http://example.invalid/probe').catch(() => {}); throw new Error('probe');</script>",
                         encoding="utf-8")
        client.navigate(probe.as_uri())
        with client.using_context("chrome"):
            Wait(client, timeout=10).until(lambda c: c.execute_script("return window.caseArchiveRequests.length"))
            assert client.execute_script("return window.caseArchiveRequests.splice(0)") == ["http://example.invalid/probe"]
            assert [e for e in client.execute_script(FIREFOX_ERRORS) if "probe" in e]
            client.execute_script("Services.console.reset()")
        processes = [main, *main.children(recursive=True)]
        yield client
    finally:
        if client is not None:
            with contextlib.suppress(psutil.Error):
                processes = processes or [psutil.Process(client.process_id)]
                processes += [p for p in processes[0].children(recursive=True) if p not in processes]
            client.cleanup()  # quits Firefox, removes its profile
        _, left = psutil.wait_procs(processes, timeout=10)
        for process in left:
            with contextlib.suppress(psutil.Error):
                process.kill()
        assert left == [], f"Firefox left processes running: {left}"


@pytest.mark.browser
def test_in_firefox_links_scripts_and_search_work_from_file(firefox, root, truth):
    """Opened from file:// in Firefox: home → tag → case by clicking (each a page, never a folder
    listing), the switch to the Traditional site and back, the header box finding cases and Enter
    opening the results page with its count, in both scripts; no request leaves the copy and no
    script error is logged."""
    def at() -> str:
        return here_of(firefox.get_url(), root)

    def settle(condition: str) -> None:
        """Wait until the page's script ``condition`` is true; on a timeout, fail with the script errors."""
        try:
            Wait(firefox, timeout=10).until(lambda c: c.execute_script(condition))
        except TimeoutException:
            with firefox.using_context("chrome"):
                errors = firefox.execute_script(FIREFOX_ERRORS)
            pytest.fail(f"timed out at {firefox.get_url()} waiting for: {condition}\nscript errors: {errors}")

    def text(selector: str) -> str:
        return firefox.find_element(By.CSS_SELECTOR, selector).text

    def click(selector: str) -> str:
        element = firefox.find_element(By.CSS_SELECTOR, selector)
        label, before = element.text, firefox.get_url()
        element.click()
        settle("return document.readyState === 'complete' && location.href !== %s" % json.dumps(before))
        assert firefox.find_elements(By.CSS_SELECTOR, "article, .md-content")  # a page of the site, not "Index of …"
        return label

    def results(prefix: str, expected: set[str]) -> list[str]:
        """The results page of the site at prefix: its count, and the cases it lists (all expected)."""
        settle("const c = document.querySelector('#case-results-count'); return c && /[条條]/.test(c.textContent)"
               " && document.querySelector('#case-results-list').getAttribute('aria-busy') === 'false'")
        assert at() == prefix + "search/index.html"
        assert text("#case-results-count").startswith("共 %d " % len(expected))
        listed = [here_of(a.get_attribute("href"), root) for a in firefox.find_elements(By.CSS_SELECTOR, ".case-result__title")]
        assert listed and set(listed) <= {prefix + url for url in expected}
        return listed

    firefox.navigate((root / "index.html").as_uri())
    assert firefox.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "zh-Hans"
    tag = click("article a[href^='tags/']:not([href$='index.html'])")
    assert re.fullmatch(r"tags/[a-z0-9-]+\.html", at()) and text("article h1") == tag
    title = click("article li a[href*='cases/']")
    case = at()
    assert re.fullmatch(r"cases/[a-z0-9-]+\.html", case) and text("article h1") == title
    assert firefox.find_elements(By.CSS_SELECTOR, ".case-meta")
    click("[data-case-switch]")
    assert at() == "zh-Hant/" + case and firefox.find_element(By.CSS_SELECTOR, "html").get_attribute("lang") == "zh-Hant"
    assert script.to_hans(text("article h1")) == title and text("article h1") == script.to_hant(title)
    click("[data-case-switch]")
    assert at() == case and text("article h1") == title

    # per site: the case's title typed in the header box finds it, Enter opens the results page with
    # the count; then the results page for a query in the other script, opened by its address
    for prefix, convert, broad in (("", str, QUERIES[""][1]), ("zh-Hant/", script.to_hant, QUERIES["zh-Hant/"][1])):
        if prefix:
            click(".md-header__button.md-logo")  # home, then the switch to the Traditional site
            click("[data-case-switch]")
            assert at() == "zh-Hant/index.html"
        query = convert(title)
        box = firefox.find_element(By.CSS_SELECTOR, "#case-search-input")
        box.send_keys(query)
        settle("return document.querySelector('#case-search-results').getAttribute('aria-busy') === 'false'"
               " && document.querySelectorAll('.case-search__hit').length")
        hits = {here_of(hit.get_attribute("href"), root): hit.text
                for hit in firefox.find_elements(By.CSS_SELECTOR, ".case-search__hit a")}
        assert hits[prefix + case] == query and set(hits) <= {prefix + url for url in truth(title)}
        box.send_keys(Keys.ENTER)
        assert prefix + case in results(prefix, truth(title))
        firefox.navigate((root / prefix / "search" / "index.html").as_uri() + "?q=" + urllib.parse.quote(broad))
        results(prefix, truth(broad))
        assert len(truth(broad)) >= 3

    assert firefox.execute_script("return window.__pwned") is None  # the case with markup in every field ran nothing
    with firefox.using_context("chrome"):
        assert firefox.execute_script("return window.caseArchiveRequests") == []  # nothing leaves the copy
        assert firefox.execute_script(FIREFOX_ERRORS) == []
