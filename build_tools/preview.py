"""Incremental preview: what a long-running ``mkdocs serve --dirty`` keeps from one build to the next.

An edit rebuilds only what it touches, and the site served afterwards is exactly the site a
clean build of the same files gives (tests/test_incremental.py):

* ``Loader``: the archive's cases, with only the case files whose size, mtime or inode changed
  read and processed again (the others are the previous build's ``Case`` objects). An edit that
  could change which cases are duplicates of which (a changed case's address, title and date, or
  text nearly the same as another case's), an invalid case, changed rule data or many changed
  files: the whole archive is loaded as a clean build loads it.
* ``Preview``: the previous build's pages of each script and its cases. A page is kept, not
  rendered again, when it shows the same cases as before and none of them changed what the page
  shows of it (``Page.depends``, declared by the page families: build_tools/pages/;
  ``Renderer.kept``): a page other than a case's own shows only the cases' ``render.listed``
  fields (not their text), so an edit of an article's text renders that case's page only. Pages
  that summarise the whole archive (``depends`` None: the home and index pages) are rendered
  again when any case's listed fields changed, or always when they show text
  (``Family.shows_text``: the download page's file sizes; ``Renderer.kept_family``). Anything else a
  page shows is the same for every page of a build, and when it changes (the URL style, the
  template folders, the rule data, the Traditional standard, the config file, a slug moved by a
  new name) every page is rendered again (a new ``generation``) and the served folder is emptied
  first, so no page is left from before.
* ``prune``: a page that is gone (a deleted case, a tag no case carries any more) is removed from
  the served folder, with the folders it leaves empty.

The host renders to HTML only the pages whose text changed (the site build backs each page by a
file rewritten only when its text changes: build_tools/site.py), so an edit costs the changed
cases, the listings that show them, and the index pages.
"""

from __future__ import annotations

import dataclasses
import datetime
import itertools
import os
import pathlib
import shutil
import threading
from collections import Counter

from build_tools import dedupe, pipeline
from build_tools.model import Case, Page
from build_tools.render import Renderer, listed, page_url
from build_tools.script import to_hans

_GENERATIONS = itertools.count(1)  # unique in the process: a host may key what it keeps by it
MANY = 200  # more changed files than this: load the whole archive (as after `git checkout`)


def _shown(path: pathlib.Path, display_root: pathlib.Path | None) -> str:
    """A case file's name as pipeline.load_archive gives it (``Case.path``)."""
    return str(path.relative_to(display_root)) if display_root and path.is_relative_to(display_root) else str(path)


def _signature(path: pathlib.Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size, st.st_ino


class Loader:
    """``pipeline.load_archive`` for a process that loads the same archive again and again."""

    def __init__(self) -> None:
        self.archive: pipeline.Archive | None = None
        self.signatures: dict[pathlib.Path, tuple[int, int, int] | None] = {}
        self.by_path: dict[str, Case] = {}  # Case.path -> case, of the last archive (all valid)
        self._near: _Duplicates | None = None  # built after a whole load (``warm``) or at the first partial one
        self._near_lock = threading.Lock()
        self.partial = False  # whether the last load read only the changed files
        self.rules: tuple = ()
        self._names: dict[tuple[pathlib.Path, pathlib.Path | None], str] = {}  # (path, display root) -> Case.path

    def _name(self, path: pathlib.Path, display_root: pathlib.Path | None) -> str:
        """``_shown``, found once per file (Path.relative_to, in Python, for each of 10,000 files
        took a third of a second of every rebuild)."""
        key = (path, display_root)
        name = self._names.get(key)
        if name is None:
            name = self._names[key] = _shown(path, display_root)
        return name

    def forget(self) -> None:
        with self._near_lock:
            self.archive, self.signatures, self.by_path, self._near = None, {}, {}, None

    def warm(self) -> None:
        """Build the duplicate index of the last whole load now (the preview calls it in the
        background while it waits for an edit): else the first edit after a start pays for it
        (half a second at 10,000 cases)."""
        self._index()

    def load(self, paths: list[pathlib.Path], display_root: pathlib.Path | None, cache_dir: pathlib.Path | None,
             rules: tuple = ()) -> pipeline.Archive:
        """The archive of ``paths`` (``rules``: what else processing a case depends on, the rule
        data and the Traditional standard; when it changes, every case is processed again)."""
        signatures = {path: _signature(path) for path in paths}
        changed = [path for path in paths if signatures[path] is None or self.signatures.get(path) != signatures[path]]
        removed = [path for path in self.signatures if path not in signatures]
        self.partial = False
        if self.archive is None or self.archive.errors or rules != self.rules or len(changed) + len(removed) > MANY:
            self.rules = rules
            return self._full(paths, signatures, display_root, cache_dir)
        if not changed and not removed:
            self.partial = True
            return self.archive
        part = pipeline.load_archive(changed, display_root=display_root, cache_dir=cache_dir, workers=1)
        if part.errors:
            return self._full(paths, signatures, display_root, cache_dir)  # the errors as a clean build reports them
        by_path = dict(self.by_path)
        gone = [self._name(path, display_root) for path in [*changed, *removed]]
        for shown in gone:
            by_path.pop(shown, None)
        index = self._index()
        for shown in gone:
            if shown in self.by_path:
                index.remove(self.by_path[shown])
        clash = index.clashes(part.cases)
        for case in part.cases:
            index.add(case)
            by_path[case.path] = case
        if clash:
            return self._full(paths, signatures, display_root, cache_dir)
        self.by_path, self.signatures, self.partial = by_path, signatures, True
        ordered = [by_path[self._name(path, display_root)] for path in paths]  # path order, as load_archive
        archive = pipeline.Archive(sorted(ordered, key=lambda c: (c.date or datetime.date.min, c.case_id)),
                                   [w for case in ordered for w in case.warnings])
        self.archive = archive
        return archive

    def _full(self, paths, signatures, display_root, cache_dir) -> pipeline.Archive:
        archive = pipeline.load_archive(paths, display_root=display_root, cache_dir=cache_dir)
        with self._near_lock:
            self.archive, self.signatures, self._near = archive, signatures, None
            self.by_path = {case.path: case for case in archive.cases}
        return archive

    def _index(self) -> _Duplicates:
        with self._near_lock:  # (built once, by whichever of the build and ``warm`` comes first)
            if self._near is None:
                near = _Duplicates()
                for case in self.by_path.values():
                    near.add(case)
                self._near = near
            return self._near


class _Duplicates:
    """What makes two cases duplicates (pipeline.load_archive): the same address, the same
    title and date, nearly the same text; over every case, so that a changed case can be checked
    against all the others. Unlike ``dedupe.Index`` every sketch hash is followed (no posting
    list skipped), so a near duplicate is never missed."""

    def __init__(self) -> None:
        self.urls: Counter = Counter()
        self.titles: Counter = Counter()
        self.near: dict[int, set[str]] = {}
        self.sketches: dict[str, tuple[int, ...]] = {}

    def add(self, case: Case) -> None:
        if case.url:
            self.urls[case.url] += 1
        self.titles[(to_hans(case.title), case.date)] += 1
        self.sketches[case.path] = case.sketch
        for h in case.sketch:
            self.near.setdefault(h, set()).add(case.path)

    def remove(self, case: Case) -> None:
        if case.url:
            self.urls[case.url] -= 1
        self.titles[(to_hans(case.title), case.date)] -= 1
        self.sketches.pop(case.path, None)
        for h in case.sketch:
            self.near.get(h, set()).discard(case.path)

    def clashes(self, fresh: list[Case]) -> bool:
        """Whether a case of ``fresh`` (not added yet) may be a duplicate of another case,
        added or in ``fresh``: then only a whole load decides, as a clean build does. (The last
        archive had no duplicate, having no errors: only pairs with a changed case can be one.)"""
        urls = Counter(case.url for case in fresh if case.url)  # added to the others' counts (not copied)
        titles = Counter((to_hans(case.title), case.date) for case in fresh)
        mine = {case.path: case.sketch for case in fresh}
        for case in fresh:
            title = (to_hans(case.title), case.date)
            if (case.url and self.urls[case.url] + urls[case.url] > 1) or self.titles[title] + titles[title] > 1:
                return True
            shared: Counter = Counter()  # sketch hashes each other case shares with this one
            for h in set(case.sketch):
                shared.update(self.near.get(h, ()))
            for path in mine.keys() - {case.path}:
                shared[path] = len(set(case.sketch) & set(mine[path]))
            for path, count in shared.items():
                other = mine[path] if path in mine else self.sketches[path]
                # (similarity counts shared hashes among at least min(SKETCH, the longer sketch's length):
                # fewer shared than that fraction of them cannot reach the threshold)
                if count >= dedupe.THRESHOLD * min(dedupe.SKETCH, max(len(set(case.sketch)), len(set(other)))) \
                        and dedupe.similarity(case.sketch, other) >= dedupe.THRESHOLD:
                    return True
        return False


@dataclasses.dataclass
class Preview:
    """The previous build's cases and pages (see the module docstring)."""

    loader: Loader = dataclasses.field(default_factory=Loader)
    key: tuple | None = None  # what every page shows besides its cases
    cases: dict[str, Case] = dataclasses.field(default_factory=dict)
    pages: dict[str, dict[str, Page]] = dataclasses.field(default_factory=dict)  # lang -> path -> page
    slugs: dict[str, dict] = dataclasses.field(default_factory=dict)  # lang -> the slugs of its last render
    changed: frozenset[str] | None = None  # case ids changed since the last build; None: every page
    relisted: frozenset[str] = frozenset()  # of those, the ones whose render.listed fields changed (or added, removed)
    families: dict[str, dict[str, list[Page]]] = dataclasses.field(default_factory=dict)  # lang -> family -> its pages
    generation: int = 0  # a new one (in this process) each time every page is rendered again
    reset: bool = False  # this build starts from an empty served folder
    items: dict = dataclasses.field(default_factory=dict)  # Renderer.items, across builds

    def begin(self, cases: list[Case], key: tuple) -> None:
        """A new build (of the Simplified site; the Traditional one follows with the same cases)."""
        new = {case.case_id: case for case in cases}
        if key != self.key or not self.pages:
            self.changed, self.reset = None, bool(self.pages)
            self.generation = next(_GENERATIONS)
            self.pages, self.slugs, self.items, self.families = {}, {}, {}, {}
            self.relisted = frozenset()
        else:
            old = self.cases
            self.changed = frozenset({i for i, c in new.items() if old.get(i) is not c and old.get(i) != c}
                                     | (old.keys() - new.keys()))
            self.relisted = frozenset(i for i in self.changed if i not in old or i not in new or listed(old[i]) != listed(new[i]))
            self.reset = False
        self.key, self.cases = key, new

    def prepare(self, renderer: Renderer, lang: str) -> None:
        """Let ``renderer`` keep this script's pages that no change touches."""
        renderer.items = self.items  # the cases' list items, made again only for a changed case
        if self.changed is None or lang not in self.pages:
            return
        previous = self.slugs.get(lang, {})
        if any(previous.get(name, slug) != slug for name, slug in renderer.slugs.resolved.items()):
            return  # a new name took a slug another name had: links may change anywhere
        renderer.previous = {(lang, path): page for path, page in self.pages[lang].items()}
        renderer.previous_families = self.families.get(lang, {})
        renderer.changed, renderer.relisted = self.changed, self.relisted

    def remember(self, renderer: Renderer, lang: str, pages: list[Page]) -> tuple[list[str], list[str]]:
        """Keep this build's pages of ``lang``; returns the paths of the pages that are gone
        since the last build and of those that are new."""
        old = self.pages.get(lang, {})
        new = {page.path: page for page in pages}
        self.pages[lang], self.slugs[lang] = new, renderer.slugs.resolved
        self.families[lang] = dict(renderer.made)
        return [path for path in old if path not in new], [path for path in new if path not in old]


def prune(site_dir: pathlib.Path, path: str, directory_urls: bool) -> None:
    """Remove the published page of ``path`` (docs-relative .md) from ``site_dir``, and the
    folders that leaves empty."""
    url = page_url(path, directory_urls)
    remove(site_dir, site_dir / (url + "index.html" if not url or url.endswith("/") else url))


def remove(site_dir: pathlib.Path, target: pathlib.Path) -> None:
    """Remove the file ``target`` from ``site_dir``, and the folders that leaves empty."""
    try:
        target.unlink()
    except FileNotFoundError:
        return
    folder = target.parent
    while folder != site_dir and site_dir in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            break  # not empty
        folder = folder.parent


def empty(site_dir: pathlib.Path) -> None:
    """Remove everything in ``site_dir`` (a full rebuild under serve starts from nothing)."""
    if not site_dir.is_dir():
        return
    for entry in os.scandir(site_dir):
        if entry.is_dir(follow_symlinks=False):
            shutil.rmtree(entry.path, ignore_errors=True)
        else:
            os.unlink(entry.path)
