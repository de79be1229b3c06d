"""Incremental preview (`mkdocs serve --dirty`): an edit rebuilds the pages it touches, and the
site served afterwards is byte for byte the site a clean build of the same files gives.

The preview is driven the way `mkdocs serve --dirty` drives it (MkDocs' own build function, one
process, one plugin instance, the same served folder from build to build); the clean builds run
in a fresh process each. A last test edits and deletes a case under the real `mkdocs serve
--dirty` and reads the pages over HTTP.
"""

from __future__ import annotations

import os
import pathlib
import random
import shutil
import subprocess
import sys
import textwrap
import threading
import urllib.error
import urllib.request

import pytest

from build_tools import pipeline
from build_tools.script import to_hans
from tests.conftest import CASES, ROOT, site_project
from tests.test_serve import _free_port, _wait_for

SERVE_URL = "http://127.0.0.1:8000/"  # the address `mkdocs serve` gives the site (canonical links, sitemap)
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
TAGS = ["临时党支部", "党员突击队", "下沉社区", "复工复产", "志愿服务"]
PLACES = ["无锡市锡山区", "温州市龙湾区", "西宁市城东区", "广安市广安区", "郑州市金水区", "武汉市江岸区"]
OUTLETS = ["人民网", "新华网", "光明网", "央广网"]
CLEAN_BUILD = textwrap.dedent("""
    import sys
    import threading
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    config = load_config(config_file=sys.argv[1], site_dir=sys.argv[2])
    config.plugins.on_startup(command="serve", dirty=False)
    config.site_url = sys.argv[3]
    try:
        build(config, serve_url=sys.argv[3], dirty=False)
        for thread in threading.enumerate():  # the outputs written in the background under serve
            if thread.name == "case-archive-outputs":
                thread.join()
    finally:
        config.plugins.on_shutdown()
""")


def _paragraphs() -> list[str]:
    archive = pipeline.load_archive(pipeline.case_files(CASES))
    return [to_hans(p) for case in archive.cases for p in case.paragraphs if len(p) >= 40]


def case_text(number: int, paragraphs: list[str], title: str | None = None, tags: list[str] | None = None,
              place: str | None = None) -> str:
    """A look-alike case: front matter and an article of fixture paragraphs, its own opening line."""
    rng = random.Random(number)
    body = rng.sample(paragraphs, 3)
    return (f"---\ntitle: {title or f'第{number}号案例：基层党组织战疫纪实'}\n"
            f"date: 2020-{1 + number % 12:02d}-{1 + number % 27:02d}\nsource: {OUTLETS[number % len(OUTLETS)]}\n"
            f"region: {place or PLACES[number % len(PLACES)]}\ntags: [{', '.join(tags or [TAGS[number % len(TAGS)]])}]\n---\n"
            f"编号{number}的社区在第{number * 7}天组织了{number + 3}名党员。\n\n" + "\n\n".join(body) + "\n")


def case_path(folder: pathlib.Path, number: int) -> pathlib.Path:
    return folder / "cases" / f"2020-{1 + number % 12:02d}-{1 + number % 27:02d}-anli-{number}.txt"


def write_project(folder: pathlib.Path, count: int = 24) -> pathlib.Path:
    paragraphs = _paragraphs()
    # no search index: it is written in the background after each build (build_tools/site.py)
    return site_project(folder, {case_path(folder, number).name: case_text(number, paragraphs) for number in range(count)},
                        options="search: false")


def tree(site: pathlib.Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def mtimes(site: pathlib.Path) -> dict[str, int]:
    return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("*.html")}


class Preview:
    """`mkdocs serve --dirty` without the HTTP server: the same build calls, in this process."""

    def __init__(self, project: pathlib.Path, site: pathlib.Path):
        from mkdocs.config import load_config

        self.project, self.site = project, site
        self.load = lambda: load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site))
        config = self.load()
        config.plugins.on_startup(command="serve", dirty=True)
        self.plugins = config.plugins
        self.build(config)

    def build(self, config=None) -> None:
        from mkdocs.commands.build import build

        config = config or self.load()
        config.site_url = SERVE_URL
        build(config, serve_url=SERVE_URL, dirty=True)
        for thread in threading.enumerate():  # the outputs written in the background after each build
            if thread.name == "case-archive-outputs":
                thread.join()

    def close(self) -> None:
        self.plugins.on_shutdown()


def clean_build(project: pathlib.Path, site: pathlib.Path) -> dict[str, bytes]:
    shutil.rmtree(site, ignore_errors=True)
    result = subprocess.run([sys.executable, "-c", CLEAN_BUILD, str(project / "mkdocs.yml"), str(site), SERVE_URL],
                            cwd=project, env=ENV, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return tree(site)


def assert_same_site(preview: Preview, project: pathlib.Path, reference: pathlib.Path) -> None:
    served, clean = tree(preview.site), clean_build(project, reference)
    assert sorted(set(served) ^ set(clean)) == [], "files only in one of the two sites"
    assert [path for path in clean if served[path] != clean[path]] == []


def page(site: pathlib.Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def edit_text_only(preview: Preview, edited: int, before: dict[str, int]) -> dict[str, int]:
    """Edit case ``edited``'s article text only (title, date, tags and the rest as they were) and
    rebuild: its page and the download page (the data files' sizes) are rendered again, no other
    (404.html aside: a theme template); returns the pages' mtimes after."""
    project, site = preview.project, preview.site
    edited_id = case_path(project, edited).stem
    text = case_path(project, edited).read_text(encoding="utf-8")
    case_path(project, edited).write_text(text.replace(f"编号{edited}的社区", f"编号{edited}的社区连夜排查后", 1), encoding="utf-8")
    preview.build()
    after = mtimes(site)
    assert "连夜排查后" in page(site, f"cases/{edited_id}/")
    again = sorted(p for p in before if after.get(p) != before[p] and not p.startswith("zh-Hant/") and p != "404.html")
    assert again == sorted([f"cases/{edited_id}/index.html", "data/index.html"]), again
    build = preview.plugins["case-archive"].site
    assert build.preview.changed == {edited_id} and build.preview.relisted == frozenset()
    return after


@pytest.fixture
def preview(tmp_path):
    project = write_project(tmp_path / "project")
    preview = Preview(project, tmp_path / "served")
    yield preview
    preview.close()


def test_the_duplicate_index_is_built_while_the_preview_waits_for_the_first_edit(preview):
    """The index that tells whether an edited case may duplicate another is built in the
    background after a whole load, not by the first edit (half a second at 10,000 cases)."""
    loader = preview.plugins["case-archive"].site.preview.loader
    assert loader._near is not None and sorted(loader._near.sketches) == sorted(loader.by_path)
    assert len(loader.by_path) == 24


def test_an_edit_rebuilds_its_pages_and_the_listings_that_show_it(preview, tmp_path):
    project, site = preview.project, preview.site
    paragraphs = _paragraphs()
    edited, far = 5, 1  # 2020-06-06 and 2020-02-02: neither is next to the other by date
    edited_id, far_id = case_path(project, edited).stem, case_path(project, far).stem
    tag = TAGS[edited % len(TAGS)]
    before = mtimes(site)
    tag_pages = [path for path in before if path.startswith("tags/") and path != "tags/index.html"]
    other_tag = next(p for p in tag_pages if tag not in page(site, p[:-len("index.html")]))
    assert tag in page(site, f"cases/{edited_id}/")

    # an edit of the article's text only (title, date, tags and the rest as they were) changes nothing
    # any other page shows but the data files' sizes: its page and the download page are rendered
    # again; its neighbours, its listings and the index pages are not (404.html: MkDocs renders its
    # theme's static templates at every build)
    after = edit_text_only(preview, edited, before)

    # an edit of its title: the listings that show it too
    before = after
    case_path(project, edited).write_text(case_text(edited, paragraphs, title="改过标题的第5号案例"), encoding="utf-8")
    preview.build()
    after = mtimes(site)
    assert "改过标题的第5号案例" in page(site, f"cases/{edited_id}/")
    listing = next(p for p in tag_pages if "改过标题的第5号案例" in page(site, p[:-len("index.html")]))
    assert after[listing] != before[listing]  # the tag page that lists it
    assert after[f"cases/{edited_id}/index.html"] != before[f"cases/{edited_id}/index.html"]
    # a case page that shows neither the edited case nor a neighbour of it, and another tag's page: not rendered again
    assert after[f"cases/{far_id}/index.html"] == before[f"cases/{far_id}/index.html"]
    assert after[other_tag] == before[other_tag]
    build = preview.plugins["case-archive"].site  # the build's own report: one file read again, pages kept
    assert build.preview.loader.partial and build.preview.changed == {edited_id}
    unchanged = [p for p in before if after.get(p) == before[p]]
    assert len(unchanged) > len(before) * 0.6, "most pages are not rendered again"
    assert_same_site(preview, project, tmp_path / "clean")


def test_a_text_edit_renders_its_page_only_when_the_cases_come_from_the_cache(tmp_path):
    """The usual preview: the archive was built before, so the preview's first build reads the
    cases back from the case cache, and the edited one is processed afresh; the two must still
    compare as the same listing entries (the cache stores each script's fields in another order)."""
    project = write_project(tmp_path / "project")
    clean_build(project, tmp_path / "first")  # fills the project's case cache
    preview = Preview(project, tmp_path / "served")
    try:
        edit_text_only(preview, 5, mtimes(preview.site))
    finally:
        preview.close()


def test_tag_change_added_and_deleted_cases_as_a_clean_build(preview, tmp_path):
    project, site = preview.project, preview.site
    paragraphs = _paragraphs()
    moved = 7
    moved_id = case_path(project, moved).stem
    old_tag, new_tag = TAGS[moved % len(TAGS)], "火线入党"  # no other case carries the new tag
    # a tag change (and a place of its own: a new region page; the old county keeps its other cases)
    case_path(project, moved).write_text(case_text(moved, paragraphs, tags=[new_tag], place="昆明市五华区"), encoding="utf-8")
    preview.build()
    assert "五华区" in page(site, f"cases/{moved_id}/")
    assert "火线入党" in page(site, f"cases/{moved_id}/") and old_tag not in page(site, f"cases/{moved_id}/")
    assert_same_site(preview, project, tmp_path / "clean")

    # an added case
    case_path(project, 40).write_text(case_text(40, paragraphs, title="新加入的第40号案例"), encoding="utf-8")
    preview.build()
    added_id = case_path(project, 40).stem
    assert "新加入的第40号案例" in page(site, f"cases/{added_id}/")
    assert_same_site(preview, project, tmp_path / "clean")

    # deleted cases: the moved one (its region and tag pages go with it) and the added one
    case_path(project, moved).unlink()
    case_path(project, 40).unlink()
    preview.build()
    assert not (site / "cases" / moved_id).exists() and not (site / "cases" / added_id).exists()
    assert not (site / "zh-Hant" / "cases" / moved_id).exists()
    assert_same_site(preview, project, tmp_path / "clean")


def test_mkdocs_serve_shows_an_edit_and_drops_a_deleted_case(tmp_path):
    project = write_project(tmp_path / "project", count=12)
    paragraphs = _paragraphs()
    port = _free_port()
    base = f"http://127.0.0.1:{port}/"
    edited, deleted = case_path(project, 3), case_path(project, 8)

    def get(url: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(base + url, timeout=5) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except OSError:
            return 0, ""

    with open(tmp_path / "serve.log", "w+") as log:
        process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                   cwd=project, stdout=log, stderr=subprocess.STDOUT, env=ENV)
        try:
            assert _wait_for(lambda: get(f"cases/{deleted.stem}/")[0] == 200, 180) is not None, "serve did not start"
            edited.write_text(case_text(3, paragraphs, title="预览中改过的标题"), encoding="utf-8")
            assert _wait_for(lambda: "預覽中改過的標題" in get(f"zh-Hant/cases/{edited.stem}/")[1], 60) is not None
            assert "预览中改过的标题" in get(f"cases/{edited.stem}/")[1]
            deleted.unlink()
            assert _wait_for(lambda: get(f"cases/{deleted.stem}/")[0] == 404, 60) is not None
            assert get(f"zh-Hant/cases/{deleted.stem}/")[0] == 404
            log.seek(0)
            output = log.read()
            assert "kept from the previous build" in output and "Traceback" not in output
        finally:
            process.terminate()
            process.wait(timeout=30)
