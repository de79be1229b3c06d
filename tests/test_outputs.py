"""Outputs (build_tools/outputs/) and the site build (build_tools/site.py) without MkDocs: the
registry, the files each script's site gets, export, and the adapter kept thin."""

from __future__ import annotations

import ast
import pathlib

from build_tools import outputs, pages, pipeline, site
from build_tools.model import HANS, HANT
from tests.conftest import CASES, ROOT


def test_outputs_are_the_modules_of_the_package():
    names = [o.name for o in outputs.registered()]
    assert {"assets", "search"} <= set(names)
    assert len(names) == len(set(names))


def test_outputs_that_read_none_are_made_beside_the_heavy_one():
    """The light outputs go to the process beside the search index; one that reads the index's
    files back (the offline search) stays after it; with nothing heavy, nothing is split off."""
    made = outputs.registered()
    light, rest = outputs.beside(made)
    by_name = {o.name: o for o in made}
    assert [o.name for o in rest if o.heavy] == ["search"]
    assert "offline" in {o.name for o in rest} and by_name["offline"].reads == ("search",)
    assert {"dataset", "captures"} <= {o.name for o in light}
    assert not any(o.heavy or o.reads for o in light)
    assert sorted(light + rest, key=made.index) == list(made)
    assert outputs.beside(tuple(o for o in made if not o.heavy)) == ([], [o for o in made if not o.heavy])


def _fails(message: str) -> None:
    raise outputs.OutputFailed(message)


def test_work_beside_comes_back_with_its_result_or_its_error(tmp_path):
    """processes.beside: the forked process inherits the call (nothing is pickled on the way in)
    and sends back the result or the exception; a process that dies is a BrokenProcessPool."""
    import concurrent.futures.process
    import os

    import pytest

    from build_tools import processes

    here = os.getpid()
    big = ["案例" * 1000] * 2000  # inherited, not sent
    forked = processes.parallel_possible()
    assert processes.beside(lambda items, n: (len(items), n, os.getpid() != here), big, 3).result() == (2000, 3, forked)
    with pytest.raises(outputs.OutputFailed, match="cannot read x.txt"):
        processes.beside(_fails, "cannot read x.txt").result()
    (tmp_path / "f").write_text("", encoding="utf-8")
    with pytest.raises(OSError) as caught:
        processes.beside(lambda: open(tmp_path / "f" / "x", "w")).result()
    assert caught.value.filename == str(tmp_path / "f" / "x")
    if forked:
        with pytest.raises(concurrent.futures.process.BrokenProcessPool):
            processes.beside(os._exit, 3).result()


def test_site_build_without_a_host(tmp_path):
    """The calls a host makes, in order, for one script and then the other (serve: no staging)."""
    build = site.SiteBuild()
    build.start("serve", dirty=False)
    build.configure(site.Settings(tmp_path, CASES, search=False))
    assert build.claim(str(tmp_path / "site"), [tmp_path]) == str(tmp_path / "site")  # serve writes in place
    pages = build.render()
    files = {path: text for path, text, source in build.files()}
    assert {p.path for p in pages} | {"assets/case-archive.css", "assets/case-search.js"} <= set(files)
    assert all(p.path in files for p in pages)
    assert files["index.md"].startswith("---\n") and "lang: zh-Hans" in files["index.md"]
    seen = []

    def traditional() -> None:  # what a host's second build does: it comes back through the same object
        build.render()
        seen.append((build.lang, {path for path, _, _ in build.files()}))

    build.finish_variant(traditional)
    assert seen == [(HANT, set(files))]
    assert build.lang == HANS and not build.variant


def test_backed_files_under_serve_dirty(tmp_path):
    build = site.SiteBuild()
    build.start("serve", dirty=True)
    build.configure(site.Settings(tmp_path, CASES, search=False))
    build.render()
    first = {path: source for path, text, source in build.files()}
    assert all(source and pathlib.Path(source).is_file() for source in first.values())
    mtimes = {path: pathlib.Path(source).stat().st_mtime_ns for path, source in first.items()}
    build.render()
    again = {path: source for path, text, source in build.files(host_pages=["cases/extra.md"])}
    # nothing changed: no page is rewritten, and the host is given only what it must build or
    # resolve links against (the nav's pages, the outputs, a page of its own that one replaces)
    assert again.items() <= first.items()
    assert {path: pathlib.Path(source).stat().st_mtime_ns for path, source in again.items()} == {p: mtimes[p] for p in again}
    assert {path for _, path in pages.nav()} | {"assets/case-archive.css"} <= set(again)
    assert not any(path.startswith("cases/") for path in again)


class _Feed(outputs.Output):
    """An output defined outside the package: given to export by the test only."""

    name = "test-feed"
    export = True

    def files(self, context):
        return [("feed.txt", f"{len(context.cases)} cases\n")]

    def prepare(self, context):
        return sorted(c.case_id for c in context.cases)

    def write(self, folder, state):
        (folder / "ids.txt").write_text("\n".join(state) + "\n", encoding="utf-8")


def test_export_writes_pages_and_the_outputs_marked_for_it(tmp_path, monkeypatch):
    archive = pipeline.load_archive(pipeline.case_files(CASES), display_root=ROOT)
    assert [o.name for o in outputs.registered() if o.export] == ["dataset"]  # the pages, the open dataset
    registered = outputs.registered
    monkeypatch.setattr(outputs, "registered", lambda: (*registered(), _Feed()))
    out = tmp_path / "export"
    count = site.export(archive.cases, out, root=tmp_path)
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    assert count == len([p for p in written if p.endswith(".md")])
    assert {"index.md", f"{HANT}/index.md", "feed.txt", f"{HANT}/feed.txt", "ids.txt"} <= written
    assert {"data/cases.csv", "data/cases.jsonl", "data/datapackage.json"} <= written
    assert not any(p.startswith(("assets/", "pagefind/", "feeds/")) for p in written)  # not marked for export
    assert (out / "feed.txt").read_text(encoding="utf-8") == f"{len(archive.cases)} cases\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]


def test_export_uses_the_theme_custom_dir_of_mkdocs_yml(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_url: !ENV [SITE_URL, '']\ntheme:\n  name: material\n  custom_dir: mine\n",
                                         encoding="utf-8")
    (tmp_path / "mine" / "case-archive").mkdir(parents=True)
    (tmp_path / "mine" / "case-archive" / "case.html").write_text("<p>{{ title }}</p>\n", encoding="utf-8")
    assert site.template_dirs(tmp_path) == (str((tmp_path / "mine").resolve()),)
    archive = pipeline.load_archive(pipeline.case_files(CASES), display_root=ROOT)
    site.export(archive.cases[:1], tmp_path / "out", root=tmp_path)
    page = next((tmp_path / "out" / "cases").glob("*.md")).read_text(encoding="utf-8")
    assert page.endswith("---\n\n<p>" + archive.cases[0].variants[HANS]["title"] + "</p>\n")
    assert site.template_dirs(tmp_path / "nowhere") == ()


def test_only_the_adapter_imports_mkdocs_and_it_stays_thin():
    adapter = ROOT / "build_tools" / "mkdocs"
    for path in sorted((ROOT / "build_tools").rglob("*.py")):
        if adapter in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            modules = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            assert not any(m == "mkdocs" or m.startswith("mkdocs.") for m in modules), path
    lines = [line for path in adapter.rglob("*.py") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) < 150
