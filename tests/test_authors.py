"""The author index (build_tools/pages/authors.py): an index and one page per author in both
scripts, at URLs that depend on the name alone. Runs on the fixture archive."""

from __future__ import annotations

import dataclasses

from build_tools import pages, render, slugs
from build_tools.model import HANS, HANT
from build_tools.rules import default_vocabulary


def _pages(cases, lang=HANS):
    return {p.path: p for p in render.render(cases, default_vocabulary(), (lang,))}


def test_one_page_per_author_in_both_scripts(archive):
    authors = {name for c in archive.cases for name in c.variants[HANS]["authors"]}
    assert {"陈玲", "刘方军"} <= authors
    hans, hant = _pages(archive.cases, HANS), _pages(archive.cases, HANT)
    listed = {p for p in hans if p.startswith("authors/") and p != "authors/index.md"}
    assert listed == {f"authors/{slugs.hashed_slug(name)}.md" for name in authors}
    assert set(p for p in hant if p.startswith("authors/")) == listed | {"authors/index.md"}
    chen = f"authors/{slugs.hashed_slug('陈玲')}.md"
    assert chen.startswith("authors/chenling-")
    assert hans[chen].meta["title"] == "陈玲" and hant[chen].meta["title"] == "陳玲"
    guangan = [c.case_id for c in archive.cases if "陈玲" in c.variants[HANS]["authors"]]
    assert hans[chen].depends == frozenset(guangan)
    assert f'href="../../cases/{guangan[0]}/"' in hans[chen].body  # the published URL (render.CASE_LIST)
    index = hans["authors/index.md"].body
    assert "## C\n\n- [陈玲](chenling-" in index and "## L\n\n- [凌巍](lingwei-" in index
    assert "- [陳玲](chenling-" in hant["authors/index.md"].body


def test_author_urls_depend_on_the_name_alone(archive):
    one = next(c for c in archive.cases if "陈玲" in c.variants[HANS]["authors"])
    alone = {p for p in _pages([one]) if p.startswith("authors/")}
    everyone = {p for p in _pages(archive.cases) if p.startswith("authors/")}
    assert alone <= everyone


def test_a_traditional_and_a_simplified_capture_share_one_page(archive):
    case = next(c for c in archive.cases if "陈玲" in c.variants[HANS]["authors"])
    twin = dataclasses.replace(case, case_id=case.case_id + "-twin", script=HANS, authors=("陈玲",), variants={})
    out = _pages([case, twin], HANT)
    page = out[f"authors/{slugs.hashed_slug('陈玲')}.md"]
    assert page.depends == {case.case_id, twin.case_id} and page.meta["title"] == "陳玲"


def test_registered_without_a_nav_tab(archive):
    family = next(f for f in pages.families() if f.name == "authors")
    assert "/authors/" in pages.not_in_nav()
    assert family.index not in [path for _, path in pages.nav()]  # reached from the home page
    assert "- [按作者](authors/index.md)" in _pages(archive.cases)["index.md"].body
