"""Rendering at archive scale: long listings are paginated and every link resolves."""

import dataclasses
import datetime
import posixpath
import re

from build_tools import render
from build_tools.rules import default_vocabulary


def test_long_listings_are_paginated_and_links_resolve(archive):
    template = next(c for c in archive.cases if "临时党支部" in c.tags)
    cases = [dataclasses.replace(template, case_id=f"2020-{(i % 12) + 1:02d}-{(i % 28) + 1:02d}-many-{i:04d}",
                                 date=datetime.date(2020, (i % 12) + 1, (i % 28) + 1), title=f"案例{i}")
             for i in range(450)]
    pages = render.render(cases, default_vocabulary())
    paths = {p.path for p in pages if p.lang == "zh-Hans"}
    assert {"tags/linshi-dangzhibu.md", "tags/linshi-dangzhibu-2.md", "tags/linshi-dangzhibu-3.md"} <= paths
    assert "tags/linshi-dangzhibu-4.md" not in paths
    biggest = max(len(p.body) for p in pages if p.meta.get("kind") != "index")
    assert biggest < 60_000  # no listing grows with the archive beyond one page of entries
    urls = {render.page_url(path) for path in paths}
    checked = 0
    for page in pages:
        for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", page.body):  # Markdown pages: .md links
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page.path), target))
            assert resolved in paths, (page.path, target)
            checked += 1
        for target in re.findall(r'href="([^"#]+)"', page.body):  # HTML case pages: final URLs
            if target.startswith(("http:", "https:")):
                continue
            if page.meta.get("kind") == "download":  # the open dataset's files, one copy at the site root's data/
                where = render.page_url(page.path) if page.lang == "zh-Hans" else f"zh-Hant/{render.page_url(page.path)}"
                assert posixpath.normpath(posixpath.join(where, target)) in {
                    "data/cases.csv", "data/cases.jsonl", "data/datapackage.json"}, target
                continue
            resolved = posixpath.normpath(posixpath.join(render.page_url(page.path), target))
            if target.endswith(".txt"):  # the verbatim capture, one file at the site root for both scripts
                case_id = page.path[len("cases/"):-len(".md")]
                assert resolved == ("" if page.lang == "zh-Hans" else "../") + f"captures/{case_id}.txt", (page.path, target)
                continue
            resolved += "/"
            assert resolved.lstrip("./") in urls or resolved == "./", (page.path, target)
            checked += 1
    assert checked > 5000
