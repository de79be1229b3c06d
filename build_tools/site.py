"""The site build: both scripts' pages and every output, safely into the site folder.

Independent of the program that turns pages into HTML (MkDocs with Material today): a host
adapter (build_tools/mkdocs/plugin.py) translates its events into the calls of ``SiteBuild``, in
this order, and renders the pages it is given:

* ``start(command, dirty)`` once per command; ``configure(settings)`` once per build;
* ``claim(site_dir, protected)``: a build that writes the site folder locks it and gets a
  staging folder of its own, swapped in by ``end`` only when everything succeeded
  (build_tools/staging.py), so a failed build leaves the previous site whole;
* ``render(...)``: the cases (``load``: the pipeline's valid cases; under serve, the last good
  ones when a case is invalid) and the pages of the script being built (build_tools/render.py):
  Simplified, or Traditional while ``variant`` is set; under ``serve --dirty``, incrementally:
  only the changed case files are read again and only the pages they touch rendered again, the
  others kept from the previous build (build_tools/preview.py);
* ``files()``: each page's Markdown text, and the outputs' files (build_tools/outputs/) that
  belong to each script's site; under ``serve --dirty`` a page is backed by a file rewritten only
  when its text changes, so the host rebuilds just the pages an edit touched, and a page that is
  gone is removed from the served folder;
* ``fork_variant(run)`` / ``finish_variant(run)``: the Traditional site, built by ``run`` (the
  host's own build of ``site_dir/zh-Hant``), in a forked process on more than one core while this
  process builds the Simplified one, or here after it;
* ``write_outputs(site)``: the outputs written once into the finished site (the search index;
  in the background under serve), after giving back the memory the builds used; on more than
  one core the light ones in a forked process beside the heavy one (the search index);
* ``fail(error)`` when the host's build failed, and ``end()`` always.

Problems end the build with ``BuildError`` (a message that names the cause and the fix, never a
traceback); problems with the output folder or the disk are reported once by ``end``.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import dataclasses
import functools
import html
import logging
import multiprocessing
import os
import pathlib
import posixpath
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator

from build_tools import outputs, pipeline, preview, processes, provenance, render, searchindex, staging
from build_tools import pages as page_families
from build_tools.model import HANS, HANT, Case, Page
from build_tools.rules import default_vocabulary

log = logging.getLogger("mkdocs.plugins.case_archive")

OFFLINE_ENV = "CASE_ARCHIVE_OFFLINE"  # "1": this build is the offline copy's (build_tools/bundle.py)
# Material's features that fetch pages or files as the reader moves (fetch() fails on file://)
FETCHING_FEATURES = ("navigation.instant", "navigation.instant.prefetch", "navigation.instant.progress",
                     "navigation.instant.preview")
# from this many cases on, the build gives memory back between its phases (a full garbage
# collection and malloc_trim: ~0.1 s each, worth it only where the phases hold hundreds of MB)
RELEASE_AT = 1000
LICENSE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")  # an SPDX id or LicenseRef-...


class BuildError(Exception):
    """The build cannot go on; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Settings:
    root: pathlib.Path  # the project folder (mkdocs.yml's)
    cases_dir: pathlib.Path
    search: bool = True
    # cases per Pagefind run: its indexer needs ~0.55 MB per case; more shards cost more index
    # fetches per search (see build_tools/searchindex.py)
    shard_pages: int = searchindex.SHARD_PAGES
    traditional: str = "tw"  # the one Traditional standard of every Traditional page (script.STANDARDS)
    site_url: str = ""  # the published address (mkdocs.yml site_url): feeds need absolute links
    site_name: str = ""
    license: str = ""  # the archive's licence for its open dataset (plugin option ``license``)
    config_file: pathlib.Path | None = None  # the host's configuration (a change renders every page again)
    # the offline copy's build (build_tools/bundle.py sets OFFLINE_ENV): pages as files, not
    # folders, no host feature that fetches, and the search files readable from file:// too
    offline: bool = dataclasses.field(default_factory=lambda: os.environ.get(OFFLINE_ENV) == "1")

    @property
    def cache(self) -> pathlib.Path:
        return self.root / ".cache" / "case-archive"


_MD_LINK = re.compile(r"(?:\]\(|href=\")(?!\w+:|/)([^()\s\"#]+\.md)(?=[#)\"])")


def _linked_pages(path: str, text: str) -> set[str]:
    """The docs-relative paths of the pages a Markdown page links to."""
    folder = posixpath.dirname(path)
    return {posixpath.normpath(posixpath.join(folder, target)) for target in _MD_LINK.findall(text)}


class SiteBuild:
    """One host process's builds (one object for every build under ``mkdocs serve``)."""

    def __init__(self) -> None:
        self.settings: Settings | None = None
        self.serving = self.dirty = self.staged = self.guarded = False
        self.lang = HANS  # the script being built
        self.variant = False  # True while the Traditional site is being built (through this same object)
        self.cases: list[Case] = []
        self.pages: list[Page] = []  # this build's pages (one script)
        self._deferred: tuple | None = None  # the render ``files`` does first (see ``render``)
        self._html: dict[str, Callable[[], str]] = {}  # page path -> its HTML, made when the host writes it
        self.directory_urls = True
        self.last_good: list[Case] | None = None
        self._backed: dict[tuple[str, str], tuple[Page, str]] = {}  # (lang, path) -> page last written under serve --dirty, file
        self.preview = preview.Preview()  # serve --dirty: the previous build's cases and pages
        self._site_dirs: dict[str, pathlib.Path] = {}  # lang -> the folder its pages are published in
        self._gone: list[str] = []  # pages of the last render that the previous build had and this one has not
        self.same_pages = False  # serve --dirty: this build publishes the same pages as the last one (texts aside)
        self._written: set[str] = set()  # serve --dirty: the pages' files rewritten by this build
        self._site: staging.StagedSite | None = None
        self._child: multiprocessing.Process | None = None
        self._child_errors = None  # the Traditional build process's OSError, if it met one
        self._failed = self._complete = False  # complete: every step ran (a Ctrl-C leaves it False)
        self._error: BaseException | None = None

    # -- one command, one build --------------------------------------------------------------
    def start(self, command: str, dirty: bool) -> None:
        self.serving, self.dirty = command == "serve", dirty
        self.staged = command == "build" and not dirty
        self.guarded = command in ("build", "gh-deploy")  # writes site_dir: locked, only into a folder it wrote
        self._site, self._failed, self._complete, self._error = None, False, False, None
        self.preview, self._backed = preview.Preview(), {}  # a new command keeps nothing of an earlier one
        if self.guarded:
            staging.quiet_reported_errors()

    def configure(self, settings: Settings) -> None:
        from build_tools import script

        if settings.shard_pages < 1:
            raise BuildError(f"search_shard_pages must be at least 1 (got {settings.shard_pages}); "
                             f"the default is {searchindex.SHARD_PAGES}")
        script.use_standard(settings.traditional)
        if self.variant and self.settings is not None:
            # the Traditional build's host config has the zh-Hant/ address; the outputs, written
            # after it by the Simplified build, need the site's own
            settings = dataclasses.replace(settings, site_url=self.settings.site_url)
        if settings.offline:  # the offline copy links to itself only: no feeds, no absolute addresses in outputs
            settings = dataclasses.replace(settings, site_url="")
        if settings.license and not LICENSE_ID.match(settings.license):
            raise BuildError(f"plugins.case-archive.license in mkdocs.yml is {settings.license!r}: give an SPDX "
                             f"licence id such as CC-BY-4.0, or LicenseRef-<name>")
        self.settings = settings

    def claim(self, site_dir: str, protected: list[pathlib.Path]) -> str:
        """Where this build writes: for ``mkdocs build``, the site folder is locked and a new
        staging folder beside it returned (the first call of a command; other builds, the
        Traditional site's included, get ``site_dir`` back)."""
        self._site_dirs[HANT if self.variant else HANS] = pathlib.Path(site_dir)
        if not self.guarded or self.variant or self._site is not None:
            return site_dir
        site = staging.StagedSite(pathlib.Path(site_dir).resolve(), protected=protected)
        try:
            target = site.start(staged=self.staged)
        except staging.OutputError as exc:
            site.release()
            raise BuildError(str(exc)) from None
        self._site = site
        return str(target)

    def load(self) -> list[Case]:
        """The archive's valid cases (under serve, the last good ones when a case is invalid)."""
        if self.variant:
            return self.cases  # the Traditional site shows the cases the Simplified one was built from
        settings = self.settings
        if not settings.cases_dir.is_dir():
            raise BuildError(f"cases folder {settings.cases_dir} does not exist (set plugins.case-archive.cases_dir)")
        if pipeline.refresh_rules():
            log.info("case-archive: rule data changed, reloaded")
        from build_tools.cli import cache_dir

        paths = pipeline.case_files(settings.cases_dir)
        if self.incremental:
            archive = self.preview.loader.load(paths, settings.root, cache_dir(settings.root), rules=_rules())
        else:
            archive = pipeline.load_archive(paths, display_root=settings.root, cache_dir=cache_dir(settings.root))
        if archive.errors:
            for diag in archive.errors:
                log.error(diag.format())
            if self.serving and self.last_good is not None:
                log.error("case-archive: %d invalid case(s); still serving the last good version", len(archive.errors))
                return self.last_good
            raise BuildError(f"{len(archive.errors)} invalid case(s); run 'python -m build_tools check' for details")
        if log.isEnabledFor(logging.DEBUG):  # thousands of them at 10,000 cases: not formatted for nothing
            for diag in archive.diagnostics:
                log.debug(diag.format())
        for notice in pipeline.skipped_files(settings.cases_dir, display_root=settings.root):
            log.info("case-archive: %s", notice.format())  # a hidden file is not published: say so
        # captured: defaults to the day the case file was first committed (git's history, when there is one)
        self.last_good = provenance.with_capture_dates(archive.cases, settings.root, settings.cases_dir)
        return self.last_good

    def render(self, directory_urls: bool = True, template_dirs: tuple[str, ...] = ()) -> list[Page]:
        """Load the cases and render the pages of the script being built."""
        started = time.perf_counter()
        self.lang = HANT if self.variant else HANS
        self.cases = cases = self.load()
        self.directory_urls = directory_urls
        if not self.incremental:
            # rendered when the host asks for the files (``files``): after the Traditional build
            # has been forked, which so inherits the cases but not this script's pages
            self._deferred = (directory_urls, template_dirs, started)
            return []
        return self._render(directory_urls, template_dirs, started)

    def _render(self, directory_urls: bool, template_dirs: tuple[str, ...], started: float) -> list[Page]:
        cases = self.cases
        renderer = render.Renderer(cases, default_vocabulary(), self.settings.site_name,
                                   directory_urls=directory_urls, template_dirs=template_dirs,
                                   license=self.settings.license)
        renderer.deferred = not self.incremental  # serve --dirty compares pages' texts with the last build's
        if self.incremental:
            if not self.variant:
                self._written = set()
                # the build date: MkDocs' sitemap dates each page by it
                key = (directory_urls, tuple(template_dirs), *_rules(), self._config_digest(), _build_date())
                self.preview.begin(cases, key)
                if self.preview.reset:  # every page again: none is left from before
                    with _OUTPUT_LOCK:
                        preview.empty(self._site_dirs[HANS])
            self.preview.prepare(renderer, self.lang)
        self.pages = renderer.render((self.lang,))
        if self.incremental:
            self._gone, added = self.preview.remember(renderer, self.lang, self.pages)
            self.same_pages = self.preview.changed is not None and not self._gone and not added
        kept = f", {renderer.reused} kept from the previous build" if renderer.reused else ""
        log.info("case-archive: %d cases -> %d pages (%s%s) in %.1fs", len(cases), len(self.pages), self.lang, kept,
                 time.perf_counter() - started)
        return self.pages

    @property
    def incremental(self) -> bool:
        """Under ``serve --dirty``: builds keep what no change touched (build_tools/preview.py)."""
        return self.serving and self.dirty

    @property
    def generation(self) -> int:
        """Under ``serve --dirty``, a new number each time every page is built again."""
        return self.preview.generation

    def modified(self, source: str, fallback: Callable[[], bool]) -> bool:
        """Whether the host must render the page backed by the file ``source`` again: under
        ``serve --dirty``, when this build rewrote it (or builds every page); ``fallback`` (the
        host's own test) otherwise."""
        if not self.incremental:
            return fallback()
        return self.preview.changed is None or source in self._written

    def _config_digest(self) -> str:
        import hashlib

        path = self.settings.config_file
        try:
            return hashlib.sha256(path.read_bytes()).hexdigest() if path else ""
        except OSError:
            return ""

    def files(self, host_pages: Iterable[str] = ()) -> Iterator[tuple[str, str | None, str | None]]:
        """(path, text, None) for every page and output file of the script being built, or
        (path, None, file) where a file on disk holds the text (serve --dirty).

        Under serve --dirty, a rebuild that publishes the same pages as the last one leaves out
        the pages it did not rewrite: the host published them before and would skip them, but
        still walks each page it is given (at 10,000 cases, a third of a second of every edit in
        each script). Given all the same: the pages the nav names (every page's nav links to
        them), the pages a rewritten Markdown page links to (the host resolves its links against
        the pages it is given) and any path of ``host_pages`` (a page of the host's own that a
        generated one replaces)."""
        for path in self._gone:  # a page the previous build had: out of the served site
            preview.prune(self._site_dirs[self.lang], path, self.directory_urls)
            (self.settings.cache / "serve" / self.lang / path).unlink(missing_ok=True)
            self._backed.pop((self.lang, path), None)
        self._gone = []
        deferred, self._deferred = self._deferred, None
        if deferred is not None:
            self._render(*deferred)
        entries = map(self._page_file, self.pages)  # one at a time: a full build holds no list of every text
        if self.incremental and self.same_pages:
            entries = self._needed(list(entries), host_pages)
        yield from entries
        if not self.serving:
            # a build holds every page's text until it writes them all: keep one copy, the host's
            # (serve compares the next rebuild's pages with these)
            self.pages = []
        context = self._context()
        for output in outputs.registered():
            for path, text in output.files(context):
                yield self._file(path, lambda text=text: text)

    def _page_file(self, page: Page) -> tuple[str, str | None, str | None]:
        if page.html is not None:
            self._html[page.path] = page.html
        return self._file(page.path, functools.partial(render.page_text, page), key=page)

    def _needed(self, entries: list[tuple[str, str | None, str | None]], host_pages: Iterable[str]) -> list:
        """Of this script's page files (``entries``, in ``self.pages``' order), those the host must be
        given when the set of pages is the same as last time (see ``files``)."""
        needed = {path for _, path in page_families.nav()}.union(host_pages)
        for page, (path, _, source) in zip(self.pages, entries):
            if source in self._written:
                needed.add(path)
                if page.html is None:  # a Markdown page: what it links to
                    needed.update(_linked_pages(path, pathlib.Path(source).read_text(encoding="utf-8")))
        return [entry for entry in entries if entry[0] in needed]

    def html(self, path: str, content: str | None) -> str | None:
        """A page's HTML as the host writes it: a case page's of a full build is made now
        (``Page.html``, once), any other page's is the ``content`` the host made."""
        made = self._html.pop(path, None)
        return made() if made is not None else content

    def _file(self, path: str, text: Callable[[], str], key: Page | None = None) -> tuple[str, str | None, str | None]:
        if not self.dirty:
            return path, text(), None
        backed = self._backed.get((self.lang, path))
        if key is not None and backed is not None and backed[0] == key and self.incremental:
            return path, None, backed[1]  # serve --dirty: the file of an unchanged page, as it was written
        target = self.settings.cache / "serve" / self.lang / path
        # under serve, a page equal to the one written by the previous rebuild is not serialised
        # again (most of a one-case edit's rebuild would otherwise be YAML)
        if key is None or backed is None or backed[0] != key or not target.exists():
            data = text().encode("utf-8")
            if not target.exists() or target.read_bytes() != data:
                target.parent.mkdir(parents=True, exist_ok=True)
                part = target.with_name(f".{target.name}.part-{os.getpid()}")
                part.write_bytes(data)
                os.replace(part, target)  # never a half-written page under its name
                self._written.add(str(target))
            if key is not None:
                self._backed[(self.lang, path)] = (key, str(target))
        return path, None, str(target)

    # -- the Traditional site ----------------------------------------------------------------
    def build_variant(self, run: Callable[[], None]) -> None:
        """Build the Traditional site with ``run`` (which comes back through this object)."""
        started = time.perf_counter()
        self.variant = True
        try:
            run()
        finally:
            self.variant, self.lang = False, HANS
        log.info("case-archive: Traditional site built in %.1fs", time.perf_counter() - started)

    def fork_variant(self, run: Callable[[], None], explained: tuple[type[BaseException], ...] = ()) -> None:
        """On more than one core, when building into a staging folder: start the Traditional
        build in a forked process (``explained``: errors the host has already reported)."""
        if self.variant or not self.staged or not processes.parallel_possible():
            return
        log.info("case-archive: building the Traditional site in a second process")
        context = multiprocessing.get_context("fork")
        self._child_errors, errors = context.Pipe(duplex=False)
        self._child = context.Process(target=self._variant_process, args=(run, explained, errors, os.getpid()),
                                      name="case-archive-zh-Hant", daemon=True)
        self._release()  # the pipeline's text caches: not inherited
        with processes.frozen_heap():
            self._child.start()
        errors.close()

    def _variant_process(self, run, explained, errors, parent: int) -> None:
        staging.die_with_parent(parent)
        try:
            self.build_variant(run)
        except explained as exc:  # strict mode, plugin errors...: already explained
            log.error("case-archive: Traditional build: %s", exc)
            sys.exit(1)
        except OSError as exc:  # disk full, read-only folder...: the parent reports it once, with the fix
            errors.send((exc.errno, exc.strerror, exc.filename))
            sys.exit(1)

    def finish_variant(self, run: Callable[[], None]) -> None:
        """Wait for the forked Traditional build, or build it here when none was started."""
        child, self._child = self._child, None
        if child is None:
            self.build_variant(run)
            return
        self._release()  # while the Traditional build runs: this one's pages are written
        child.join()
        errors, self._child_errors = self._child_errors, None
        failure = errors.recv() if errors is not None and child.exitcode != 0 and errors.poll() else None
        if errors is not None:
            errors.close()
        if failure is not None:
            raise OSError(*failure)  # reported once, with the fix, by end()
        if child.exitcode and child.exitcode < 0:
            raise BuildError(f"the Traditional (zh-Hant) build process was killed "
                             f"({signal.Signals(-child.exitcode).name}; out of memory?)")
        if child.exitcode != 0:
            raise BuildError("the Traditional (zh-Hant) build failed; see the messages above")

    def _stop_child(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.terminate()
            child.join()
        errors, self._child_errors = self._child_errors, None
        if errors is not None:
            errors.close()

    # -- outputs and the end -----------------------------------------------------------------
    def _context(self) -> outputs.Context:
        settings = self.settings
        return outputs.Context(cases=self.cases, root=settings.root, cache=settings.cache,
                               directory_urls=self.directory_urls, search=settings.search,
                               shard_pages=settings.shard_pages, site_url=settings.site_url,
                               site_name=settings.site_name, license=settings.license, offline=settings.offline)

    def write_outputs(self, site: pathlib.Path) -> None:
        """Write every output into the finished site (both scripts' pages are in)."""
        context = self._context()
        if self.serving:
            # the preview is served at once; the outputs (the search index) follow a few seconds later
            threading.Thread(target=_write_in_background, args=(context, site, self.preview.loader.warm if self.incremental else None),
                             name="case-archive-outputs", daemon=True).start()
        else:
            try:
                large = self._release()  # what the pages took: before the search postings need theirs
                here, lane = list(outputs.registered()), None
                light, rest = outputs.beside(outputs.registered())
                if light and processes.parallel_possible():
                    # the light outputs (the dataset, the captures...) are made in a forked process
                    # beside the heavy one, which keeps a core busy on its own (the search index)
                    lane = processes.beside(_make_outputs, light, context, site, os.getpid())
                    here = rest
                try:
                    prepared = [(output, output.prepare(context)) for output in here]
                    # Pagefind holds a shard's pages in memory: give back what the builds used first
                    context = None
                    self.pages, self.cases, self.last_good = [], [], None
                    if large:
                        release_memory()
                    for output, state in prepared:
                        output.write(site, state)
                finally:
                    if lane is not None:  # never left writing into a site folder that is discarded
                        concurrent.futures.wait([lane])
                if lane is not None:
                    lane.result()
            except outputs.OutputFailed as exc:
                raise BuildError(str(exc)) from None
            except concurrent.futures.process.BrokenProcessPool:
                raise BuildError("the process writing the outputs beside the search index was killed "
                                 "(out of memory?)") from None
        self._complete = True

    def _release(self) -> bool:
        """Give memory back between phases (``release_memory``) when the archive is large enough
        for it to matter (``RELEASE_AT``); whether it did."""
        large = len(self.cases) >= RELEASE_AT
        if large:
            release_memory()
        return large

    def fail(self, error: BaseException) -> None:
        self.preview.key = None  # serve: a page may be half built; the next build builds every page
        if self.variant:
            return  # the Traditional build (forked, or nested in this one): the outer build reports
        self._failed, self._error = True, error
        self._stop_child()

    def end(self) -> bool:
        """Swap the new site in when every step succeeded, else discard it; True when the host
        must stop with an error (already reported)."""
        self._stop_child()  # still running only when the build was interrupted (Ctrl-C)
        site, self._site = self._site, None
        if site is None:
            return False
        try:
            if self._failed or not self._complete:
                site.discard()
                if isinstance(self._error, OSError):
                    log.error(staging.describe(self._error, site.final, kept=self.staged))
                    return True
                if self.staged:
                    log.error("case-archive: build failed; %s was left as it was", site.final)
                return False
            site.commit()
        except OSError as exc:
            log.error(staging.describe(exc, site.final))
            return True
        finally:
            site.release()
        return False


_OUTPUT_LOCK = threading.Lock()


def _build_date() -> str:
    """The date the host stamps on pages (``SOURCE_DATE_EPOCH``, as MkDocs reads it, or today, UTC)."""
    import datetime

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch else \
        datetime.datetime.now(datetime.timezone.utc)
    return moment.date().isoformat()


def _rules() -> tuple[str, str]:
    """What every case and page depends on besides its own file: the rule data, the Traditional standard."""
    from build_tools import cache, script

    return cache.rules_digest(), script.standard()


_PUBLISHED: dict[tuple[str, str], set[str]] = {}  # (site folder, output) -> the files it last published there


def _make_outputs(made: list[outputs.Output], context: outputs.Context, site: pathlib.Path, parent: int) -> None:
    """In a forked process (``write_outputs``): prepare, then write, each of ``made``."""
    staging.die_with_parent(parent)
    for output, state in [(output, output.prepare(context)) for output in made]:
        output.write(site, state)


def _write_in_background(context: outputs.Context, site: pathlib.Path, then: Callable[[], None] | None = None) -> None:
    started = time.perf_counter()
    with _OUTPUT_LOCK:
        for output in outputs.registered():
            try:
                _publish(output, output.prepare(context), site)
            except (outputs.OutputFailed, OSError) as exc:
                log.error("case-archive: %s not updated: %s", output.title, exc)
    if then is not None:
        then()  # the preview's own preparation for the next edit
    # (the preview is idle from here until the next change: bench/run.py times edits from it)
    log.info("case-archive: outputs updated in %.1fs", time.perf_counter() - started)


def _publish(output: outputs.Output, state, site: pathlib.Path) -> None:
    """Under serve the site folder is not emptied between builds: the output is written into an
    empty folder, its files moved into the site where they differ, and the files it published
    last time and writes no more (a deleted case's capture, a feed no case is left on) removed,
    so the folder holds what a clean build writes."""
    import shutil
    import tempfile

    fresh = pathlib.Path(tempfile.mkdtemp(prefix=f".{output.name}-", dir=site.parent))
    try:
        output.write(fresh, state)
        files = {str(p.relative_to(fresh)) for p in fresh.rglob("*") if p.is_file()}
        for name in sorted(files):
            source, target = fresh / name, site / name
            if not target.is_file() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
        for name in _PUBLISHED.get((str(site), output.name), set()) - files:
            preview.remove(site, site / name)
        _PUBLISHED[(str(site), output.name)] = files
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def page_context(lang: str, base_url: str, url: str, search: bool, site_url: str = "") -> dict:
    """What the theme's header needs on a page (``url``, relative to its script's site root,
    reached through ``base_url``): the other script's copy of the page, the search index, and
    both copies as ``alternates`` ([hreflang, URL] pairs; x-default is the Simplified page):
    absolute when ``site_url`` (this script's site's) is known, else relative."""
    base = base_url or "."
    if lang == HANS:
        switch = posixpath.join(base, HANT, url) if url else posixpath.join(base, HANT) + "/"
    else:
        switch = posixpath.join(base, "..", url) if url else posixpath.join(base, "..") + "/"
    here = posixpath.join(base, url) if url else base.rstrip("/") + "/"
    if site_url:
        root = site_url.rstrip("/") + "/"
        if lang == HANT and root.endswith(f"/{HANT}/"):
            root = root[:-len(HANT) - 1]
        hans, hant = root + url, root + f"{HANT}/" + url
    else:
        hans, hant = (here, switch) if lang == HANS else (switch, here)
    alternates = [[HANS, hans], [HANT, hant], ["x-default", hans]]
    return {
        "switch_url": switch,
        # one search index for both scripts, at the site root (build_tools/searchindex.py)
        "pagefind_url": posixpath.join(base, "pagefind" if lang == HANS else "../pagefind") + "/",
        "search_script": lang,
        "search_prefix": "" if lang == HANS else f"{HANT}/",
        "switch_label": "繁體" if lang == HANS else "简体",
        "switch_lang": HANT if lang == HANS else HANS,
        "case_search": search,
        "search_more": "更多结果" if lang == HANS else "更多結果",
        "alternates": alternates,
    }


def escaped(value):
    """A page's front-matter values HTML-escaped (themes print page meta unescaped; article
    metadata is untrusted text)."""
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: escaped(v) for k, v in value.items()}
    return value


TOC_META = ("headings", "sections")  # front matter of a finished page: its table of contents (``markdown_in``)
_SET_ASIDE = "CASEARCHIVELIST"  # stands for a listing's list of cases while Markdown runs


def markdown_in(meta: dict, markdown: str) -> tuple[str, tuple | None]:
    """What the host's Markdown pass gets of a page, and what ``markdown_out`` needs to finish
    it: a case page is finished HTML (no Markdown pass at all); a listing's list of cases
    (``render.CASE_LIST``, finished HTML, most of such a page) is set aside, so that Markdown
    does not read its thousands of lines (at 10,000 cases, half a minute of a build)."""
    headings = meta.get("headings")
    if meta.get("kind") == "case" and headings:
        return "", (markdown, headings, meta.get("sections") or [])
    if meta.get("kind") in ("listing", "home"):
        first, last = (f"\n\n{render.CASE_LIST[0]}\n", f"\n{render.CASE_LIST[1]}\n")
        start = markdown.find(first)
        end = markdown.find(last, start)
        if start >= 0 and end >= 0:
            block = markdown[start + 2:end + len(last) - 1]
            return f"{markdown[:start]}\n\n{_SET_ASIDE}\n{markdown[end + len(last):]}", (block,)
    return markdown, None


def markdown_out(html_text: str, kept: tuple | None) -> tuple[str, list[dict] | None]:
    """A page's HTML from the host's Markdown pass and what ``markdown_in`` kept: (the HTML, the
    table of contents of a page that had no Markdown pass, as the host's toc extension would
    give it, else None)."""
    if kept is None:
        return html_text, None
    if len(kept) == 1:
        return html_text.replace(f"<p>{_SET_ASIDE}</p>", kept[0], 1), None
    body, (title, section), sections = kept
    h2s = [{"level": 2, "id": id_, "name": html.escape(name), "children": []} for id_, name in sections]
    h2s.append({"level": 2, "id": render.HEADING_IDS[1], "name": html.escape(section), "children": []})
    return body, [{"level": 1, "id": render.HEADING_IDS[0], "name": html.escape(title), "children": h2s}]


def release_memory() -> None:
    """Drop the text caches of the pipeline, collect garbage and hand freed heap pages back to
    the system (glibc keeps them otherwise)."""
    import ctypes
    import ctypes.util
    import gc

    from build_tools import cache, script

    cache.forget_recent()
    script.forget_texts()
    for memo in (render._href, render._rel, render._slugs):
        memo.cache_clear()
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to trim


def show_cache_warnings(host: logging.Logger, handler_name: str) -> None:
    """The caches warn on logger 'case_archive' (build_tools/cache.py): shown through the host
    logger's handler named ``handler_name`` at the host's level, but outside the host's own
    loggers, so a damaged or locked cache, which the build works around, does not fail a strict build."""
    ours = logging.getLogger("case_archive")
    handler = next((h for h in host.handlers if h.get_name() == handler_name), None)
    level = host.getEffectiveLevel()
    if handler is not None and not ours.handlers:
        ours.addHandler(handler)
        ours.propagate = False
        ours.setLevel(level)


def _project_config(root: pathlib.Path) -> dict:
    """The project's mkdocs.yml as plain data, for commands that run without MkDocs ({} when unreadable)."""
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # !ENV and other tags: unused here
    try:
        config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    except (OSError, yaml.YAMLError):
        return {}
    return config if isinstance(config, dict) else {}


def template_dirs(root: pathlib.Path) -> tuple[str, ...]:
    """The theme's ``custom_dir`` in the project's mkdocs.yml, where templates are overridden
    (build_tools/templating.py), for commands that run without MkDocs; () when it has none."""
    theme = _project_config(root).get("theme")
    custom = theme.get("custom_dir") if isinstance(theme, dict) else None
    return (str((root / custom).resolve()),) if isinstance(custom, str) and custom else ()


def plugin_options(root: pathlib.Path) -> dict:
    """The case-archive plugin's options in the project's mkdocs.yml ({} when it has none)."""
    for entry in _project_config(root).get("plugins") or []:
        if isinstance(entry, dict) and isinstance(entry.get("case-archive"), dict):
            return entry["case-archive"]
    return {}


def export(cases: list[Case], out: pathlib.Path, root: pathlib.Path | None = None) -> int:
    """Write the site's pages (both scripts: Markdown with YAML front matter, case pages with an
    HTML body; Traditional under zh-Hant/) and the outputs marked ``export`` into ``out``,
    replacing it whole once everything is written; returns the number of pages."""
    import shutil
    import tempfile

    root = pathlib.Path.cwd() if root is None else root
    config, options = _project_config(root), plugin_options(root)
    name, license = config.get("site_name"), options.get("license")
    license = license if isinstance(license, str) and LICENSE_ID.match(license) else ""
    name = name if isinstance(name, str) else ""
    pages = render.render(cases, default_vocabulary(), template_dirs=template_dirs(root), license=license,
                          site_name=name)
    work = pathlib.Path(tempfile.mkdtemp(prefix=".export-", dir=out.parent if out.parent.exists() else None))

    def put(path: str, text: str) -> None:
        target = work / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")

    try:
        for page in pages:
            put(render.variant_path(page), render.page_text(page))
        context = outputs.Context(cases=cases, root=root, cache=root / ".cache" / "case-archive",
                                  site_name=name, license=license)
        for output in outputs.registered():
            if output.export:
                for path, text in output.files(context):
                    for prefix in ("", f"{HANT}/"):
                        put(prefix + path, text)
                output.write(work, output.prepare(context))
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    if out.exists():
        shutil.rmtree(out)
    work.rename(out)
    return len(pages)
