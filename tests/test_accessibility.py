"""No serious or critical axe-core violation on any page family, both scripts, desktop and phone
widths, light and dark schemes (issue 18, item 8), in a real Chromium.

axe-core (the accessibility engine, npm registry, MPL-2.0) is not committed: tests/axe/package.json
and its package-lock.json pin it, and this module installs it with ``npm ci`` into
tests/axe/node_modules the first time (git-ignored). Without npm or the registry the tests are
skipped, unless CASE_ARCHIVE_REQUIRE_BROWSER is set (CI), where that is a failure.

The site: test_reader_site's small archive (written there, never the shipped cases).
"""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.conftest import ROOT
from tests.test_reader_site import HARD, built, server  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

AXE_DIR = ROOT / "tests" / "axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "tags/", "regions/", "timeline/", "sources/", "authors/", "stats/", f"cases/{HARD}/", "404.html"]


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE_JS.is_file():
        npm = shutil.which("npm")
        result = None
        if npm is not None:
            result = subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=AXE_DIR,
                                    capture_output=True, text=True, timeout=300)
        if not AXE_JS.is_file():
            why = "npm not found" if npm is None else f"npm ci failed: {result.stderr[-500:]}"
            if os.environ.get("CASE_ARCHIVE_REQUIRE_BROWSER"):
                pytest.fail(f"axe-core is required here (CASE_ARCHIVE_REQUIRE_BROWSER=1): {why}")
            pytest.skip(f"accessibility tests skipped: {why}")
    return AXE_JS.read_text(encoding="utf-8")


def serious(page, axe: str, within: str | None = None) -> list[str]:
    """The serious and critical violations on the page (``within``: in the element it selects only)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(content=axe)
    found = page.evaluate("""within => axe.run(within ? document.querySelector(within) : document, {resultTypes: ['violations']}).then(r => r.violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' (' + ((n.any[0] || {}).message || '') + ')').join('; ')))""", within)
    return found


# Every page family in both scripts, and in both layouts and both palettes: each family is checked
# once per script, the Simplified and the Traditional site taking opposite views (1280 px light and
# 390 px dark, swapped from one family to the next), so every family is seen at both widths and in
# both palettes; the two pages with the most kinds of element (home and a case page) are checked in
# all four width/palette combinations on the Simplified site and in both views on the Traditional
# one. This rather than the full product keeps the suite inside its time budget (each run is a page
# load and an axe pass).
VIEWS = [(1280, "light"), (390, "dark")]
ALL_VIEWS = [(1280, "light"), (390, "dark"), (390, "light"), (1280, "dark")]
FULL = ("", f"cases/{HARD}/")
MATRIX = [(path, prefix, *VIEWS[(index + script) % 2]) for index, path in enumerate(PAGES) if path not in FULL
          for script, prefix in enumerate(("", "zh-Hant/"))] + \
    [(path, prefix, width, scheme) for path in FULL for prefix in ("", "zh-Hant/")
     for width, scheme in (ALL_VIEWS if prefix == "" else VIEWS)]


@pytest.fixture(scope="module")
def views(browser):
    """One browser page per (width, palette), reused by the page families seen in that view: each
    check is a fresh navigation (a reader going from page to page), and a new page's renderer
    process and cold asset loads cost more than the axe pass itself on this machine."""
    opened: dict[tuple[int, str], object] = {}

    def view(width: int, scheme: str):
        if (width, scheme) not in opened:
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            opened[width, scheme] = context.new_page()
        return opened[width, scheme]

    yield view
    for page in opened.values():
        page.context.close()


@pytest.mark.parametrize("path,prefix,width,scheme", MATRIX)
def test_no_serious_violation(views, server, axe_source, path, prefix, width, scheme):
    page = views(width, scheme)
    page.goto(server + prefix + path)
    page.wait_for_load_state("load")
    assert page.evaluate("() => matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
    assert serious(page, axe_source) == []
    if path.startswith("cases/"):
        page.click(".case-cite__menu > summary")  # the citation's formats, open: what opening them added
        assert page.locator(".case-cite__menu[open]").count() == 1
        assert serious(page, axe_source, within=".case-cite__menu") == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("prefix,query", [("", "党支部"), ("zh-Hant/", "黨支部")])
def test_search_results_and_highlights(views, server, axe_source, prefix, query, scheme):
    page = views(1280, scheme)
    page.goto(server + prefix)
    page.fill("#case-search-input", query)
    page.wait_for_function("""() => { const box = document.querySelector('#case-search-results');
        return !box.hidden && box.getAttribute('aria-busy') === 'false' && box.querySelector('mark'); }""")
    assert serious(page, axe_source) == []
