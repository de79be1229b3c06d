"""Page families (build_tools/pages/): the registry gives the nav, not_in_nav, the home page's
browse list and slugs; every page declares the cases it depends on; case pages render through an
overridable template that escapes every value. Runs on the fixture archive."""

from __future__ import annotations

import dataclasses
import html
import os
import posixpath
import re
import shutil
import sys

import pytest

from build_tools import pages, render
from build_tools.model import HANS, HANT, Page
from build_tools.rules import default_vocabulary
from tests.conftest import CASES, ROOT
from tests import forked


@pytest.fixture(scope="module")
def rendered(archive):
    return render.render(archive.cases, default_vocabulary())


def _family_of(path: str) -> str:
    for family in pages.families():
        if path == family.index or (family.folder and path.startswith(family.folder + "/")):
            return family.name
    raise AssertionError(f"{path}: no family declares this path")


def test_families_are_the_modules_of_the_package():
    names = [f.name for f in pages.families()]
    assert {"case", "tags", "regions", "timeline", "sources", "home"} <= set(names)
    assert len(names) == len(set(names))
    assert [f.order for f in pages.families()] == sorted(f.order for f in pages.families())


def test_nav_and_not_in_nav_come_from_the_registry():
    nav = pages.nav()
    assert nav[0] == ("首页", "index.md")
    assert [path for _, path in nav] == [f.index for f in sorted(
        (f for f in pages.families() if f.nav), key=lambda f: (f.order if f.nav_order is None else f.nav_order, f.name))]
    assert {"/cases/", "/tags/", "/regions/", "/timeline/", "/sources/"} <= set(pages.not_in_nav())
    assert "/" not in pages.not_in_nav()  # the home page's family has no folder


def test_every_page_lies_in_its_family_paths(rendered):
    seen = {(_family_of(p.path), p.lang) for p in rendered}
    for family in pages.families():
        assert (family.name, HANS) in seen and (family.name, HANT) in seen, family.name
    for _, path in pages.nav():
        assert any(p.path == path for p in rendered), path
    assert len({(p.lang, p.path) for p in rendered}) == len(rendered)  # no two pages at one path


def _linked_cases(page: Page) -> set[str]:
    """Case ids a page links to (Markdown .md links, or a case page's final URLs)."""
    ids = set()
    for target in re.findall(r"\]\(([^)#]+\.md)\)", page.body):
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), target))
        if path.startswith("cases/"):
            ids.add(path[len("cases/"):-3])
    for target in re.findall(r'href="([^"#]+)"', page.body):
        path = posixpath.normpath(posixpath.join(render.page_url(page.path), target))
        if path.startswith("cases/"):
            ids.add(path[len("cases/"):])
    return ids


def test_pages_declare_the_cases_they_show(archive, rendered):
    ids = {c.case_id for c in archive.cases}
    for page in rendered:
        if page.depends is None:
            continue  # summarises the whole archive
        assert page.depends <= ids, page.path
        assert _linked_cases(page) <= page.depends, page.path
        if page.meta.get("kind") == "case":
            assert page.meta["case_id"] in page.depends
    by_path = {p.path: p for p in rendered if p.lang == HANS}
    assert by_path["index.md"].depends is None and by_path["tags/index.md"].depends is None
    listing = by_path["tags/linshi-dangzhibu.md"]
    assert listing.depends == {c.case_id for c in archive.cases if "临时党支部" in c.tags}


def test_home_browse_list_has_a_line_per_family(rendered):
    home = next(p for p in rendered if p.path == "index.md" and p.lang == HANS)
    browse = home.body.split("## 浏览", 1)[1]
    lines = [line for line in browse.splitlines() if line.startswith("- [")]
    expected = [(f.browse, f.index) for f in pages.families() if f.browse]
    assert [re.match(r"- \[([^]]+)\]\(([^)]+)\)", line).groups() for line in lines] == expected
    assert "- [按实践](tags/index.md)：[临时党支部](tags/linshi-dangzhibu.md)" in browse
    assert "\n- [按来源](sources/index.md)\n" in browse + "\n"


class _Outlets(pages.Family):
    """A family defined outside the package: used when given, never registered."""

    name = "outlet-letters"
    order = 55
    folder = "letters"
    index = "letters/index.md"
    nav = "首字母"
    browse = "按首字母"

    def groups(self, r, case):
        return [case.case_id[:4]]

    def browse_links(self, r, lang):
        return [f"[{year}](letters/{year}.md)" for year in sorted(r.grouped(self))]

    def pages(self, r, lang):
        out = [r.page(self.index, lang, r.t("首字母", lang), ["# x"], kind="index")]
        for key, cases in sorted(r.grouped(self).items()):
            out += r.paged(f"letters/{key}.md", lang, key, [], cases, kind="listing")
        return out


def test_a_new_family_is_one_class(archive):
    assert "outlet-letters" not in [f.name for f in pages.families()]
    chosen = (*pages.families(), _Outlets())
    chosen = tuple(sorted(chosen, key=lambda f: (f.order, f.name)))
    out = render.Renderer(archive.cases, default_vocabulary(), families=chosen).render((HANT,))
    paths = {p.path for p in out}
    assert {"letters/index.md", "letters/2020.md", "letters/2021.md"} <= paths
    assert ("首字母", "letters/index.md") in pages.nav(chosen)
    assert "/letters/" in pages.not_in_nav(chosen)
    home = next(p for p in out if p.path == "index.md")
    assert "- [按首字母](letters/index.md)：[2020](letters/2020.md) · [2021](letters/2021.md)" in home.body


HOSTILE = "<script>alert(\"x\")</script> & 'q'"


def _hostile_case(archive):
    case = next(c for c in archive.cases if c.authors and c.source)
    variants = {lang: dict(fields, title=HOSTILE, paragraphs=[HOSTILE, "正文"], authors=[HOSTILE], note=HOSTILE)
                for lang, fields in case.variants.items()}
    return dataclasses.replace(case, title=HOSTILE, paragraphs=(HOSTILE, "正文"), authors=(HOSTILE,),
                               url="javascript:alert(1)", note=HOSTILE, variants=variants)


def test_case_template_escapes_every_value_as_html_escape_does(archive):
    case = _hostile_case(archive)
    page = next(p for p in render.render([case], default_vocabulary(), (HANS,)) if p.meta.get("kind") == "case")
    escaped = html.escape(HOSTILE, quote=True)
    assert "<script>" not in page.body
    assert "原文地址" not in page.body and 'href="javascript' not in page.body  # only http(s) addresses are links
    assert f'<h1 id="_1">{escaped}</h1>' in page.body
    assert f"<p>{escaped}</p>" in page.body
    assert f"<tr><td>作者</td><td>{escaped}</td></tr>" in page.body
    assert f"<tr><td>编者注</td><td>{escaped}</td></tr>" in page.body


def test_case_template_can_be_overridden(archive, tmp_path):
    folder = tmp_path / "overrides" / "case-archive"
    folder.mkdir(parents=True)
    (folder / "case.html").write_text('<article class="mine">{{ title }}{{ "<b>" }}</article>\n', encoding="utf-8")
    case = _hostile_case(archive)
    page = next(p for p in render.render([case], default_vocabulary(), (HANS,), template_dirs=[tmp_path / "overrides"])
                if p.meta.get("kind") == "case")
    assert page.body == f'<article class="mine">{html.escape(HOSTILE)}&lt;b&gt;</article>\n'  # still escaped
    default = next(p for p in render.render([case], default_vocabulary(), (HANS,)) if p.meta.get("kind") == "case")
    assert default.body.startswith('<div>\n<h1 id="_1">')


def test_built_site_uses_the_theme_custom_dir_template_and_the_registry_nav(tmp_path):
    """A real build: the nav and not_in_nav come from the registry (mkdocs.yml has neither), and
    a case-archive/case.html in the theme's custom_dir replaces the case page template."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\nnot_in_nav:" not in config and "\nnav:" not in config
    config = config.replace("      cases_dir: cases\n", "      cases_dir: cases\n      search: false\n")
    config = config.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n")
    (tmp_path / "mkdocs.yml").write_text(config, encoding="utf-8")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "cases").mkdir()
    shutil.copy(CASES / "2020-04-21-wuxi-dangjian-jizhan.txt", tmp_path / "cases")
    (tmp_path / "overrides" / "case-archive").mkdir(parents=True)
    (tmp_path / "overrides" / "case-archive" / "case.html").write_text(
        '<div class="my-case">{{ title }}</div>\n', encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = forked.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not included in the nav" not in result.stderr
    site = tmp_path / "site"
    for prefix in (site, site / "zh-Hant"):
        page = (prefix / "cases" / "2020-04-21-wuxi-dangjian-jizhan" / "index.html").read_text(encoding="utf-8")
        assert '<div class="my-case">' in page
        home = (prefix / "index.html").read_text(encoding="utf-8")
        tabs = re.findall(r'<li class="md-tabs__item[^"]*">\s*<a href="[^"]*" class="md-tabs__link">\s*(.*?)\s*</a>', home, re.S)
        assert len(tabs) == len(pages.nav())
    assert not (site / "case-archive").exists()  # the override is a template, not a file of the site
