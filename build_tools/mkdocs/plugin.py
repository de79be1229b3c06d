"""MkDocs plugin: runs the case pipeline and hands its pages to MkDocs as virtual files.

Kept thin on purpose (see DESIGN.md): all archive logic lives in the pipeline; this module only
translates between it and MkDocs' events.

* ``mkdocs build`` builds the Simplified site at the root and the Traditional site into
  ``zh-Hant/`` with the same relative paths (a second MkDocs build with the theme language
  switched; on more than one core it runs at the same time, in a forked process), then indexes
  the cases with Pagefind, one index that both scripts' search boxes use (``build_tools.searchindex``).
* ``mkdocs serve`` also watches ``cases/`` and the rule data files; a case that becomes invalid
  while serving is reported in the terminal and the last good pages are kept.
* A build never leaves a broken or mixed site: it holds a lock on the site folder, writes into a
  staging folder of its own and swaps it in whole when everything succeeded, and replaces only a
  folder that it wrote (``build_tools/mkdocs/staging.py``). Problems with the output folder or the
  disk end the build with one error that names the folder and the fix, never a traceback.
"""

from __future__ import annotations

import functools
import html
import logging
import multiprocessing
import os
import pathlib
import posixpath
import signal
import sys
import threading
import time

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from build_tools import pipeline, render, searchindex
from build_tools.mkdocs import staging
from build_tools.model import HANS, HANT
from build_tools.rules import DATA_DIR, default_vocabulary

log = logging.getLogger("mkdocs.plugins.case_archive")
THEME_DIR = pathlib.Path(__file__).resolve().parent / "theme"


NAV = [("首页", "index.md"), ("实践标签", "tags/index.md"), ("地区", "regions/index.md"),
       ("时间线", "timeline/index.md"), ("来源媒体", "sources/index.md")]


# MkDocs reuses one plugin instance for every config it loads (also across rebuilds under
# `mkdocs serve`), so the Traditional build started from on_post_build gets its variant and the
# already-processed cases through this explicit handoff, set only while that build runs.
_NESTED: dict | None = None


class CaseArchiveConfig(Config):
    cases_dir = c.Type(str, default="cases")
    search = c.Type(bool, default=True)
    # cases per Pagefind run: its indexer needs ~0.55 MB per case; more shards cost more
    # index fetches per search (see build_tools/searchindex.py)
    search_shard_pages = c.Type(int, default=searchindex.SHARD_PAGES)
    # the one Traditional standard of every Traditional page (build_tools/script.py STANDARDS)
    traditional = c.Choice(("tw", "hk", "opencc"), default="tw")


class CaseArchivePlugin(BasePlugin[CaseArchiveConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self._pages: list = []  # this build's pages (one script)
        self._cases: list = []
        self._serving = False
        self._dirty = False
        self._staged = False
        self._guarded = False  # a build that writes site_dir: locked, and only into a folder it wrote
        self._failed = False
        self._complete = False  # every step of the build ran (a Ctrl-C leaves it False)
        self._error: BaseException | None = None
        self._site: staging.StagedSite | None = None
        self._last_good: list | None = None
        self._child: multiprocessing.Process | None = None
        self._child_errors = None  # the Traditional build process's OSError, if it met one
        self._html: dict[str, tuple[str, list, list]] = {}  # case page src_uri -> (HTML, headings, sections), on_page_markdown -> on_page_content
        self._backed: dict[tuple[str, str], object] = {}  # (lang, path) -> Page last written under serve --dirty
        self.lang = HANS

    # -- configuration -----------------------------------------------------------------
    def on_startup(self, *, command, dirty):
        self._serving = command == "serve"
        self._dirty = dirty
        self._staged = command == "build" and not dirty
        self._guarded = command in ("build", "gh-deploy")
        self._site = None
        self._failed = self._complete = False
        self._error = None
        if self._guarded:
            staging.quiet_reported_errors()
        _show_cache_warnings()

    def on_config(self, config):
        self.root = pathlib.Path(config.config_file_path).resolve().parent
        self.cases_dir = (self.root / self.config.cases_dir).resolve()
        if self.config.search_shard_pages < 1:
            raise PluginError("case-archive: search_shard_pages must be at least 1 "
                              f"(got {self.config.search_shard_pages}); the default is {searchindex.SHARD_PAGES}")
        from build_tools import script
        script.use_standard(self.config.traditional)
        nested = _NESTED
        if not nested and self._guarded and self._site is None:
            config.site_dir = str(self._claim_site(config))
        self.lang = lang = nested["variant"] if nested else HANS
        config.theme["language"] = "zh-Hant" if lang == HANT else "zh-Hans"
        if THEME_DIR.as_posix() not in [getattr(d, "as_posix", lambda: d)() for d in config.theme.dirs]:
            config.theme.dirs.insert(0, str(THEME_DIR))
        config.extra_css = list(config.extra_css) + ["assets/case-archive.css"]
        from build_tools.script import convert
        config.nav = [{convert(title, lang): path} for title, path in NAV]
        config.site_name = convert(config.site_name, lang)
        started = time.perf_counter()
        self._cases = cases = nested["cases"] if nested else self._run_pipeline()
        self._pages = render.render(cases, default_vocabulary(), (lang,), directory_urls=config.use_directory_urls)
        log.info("case-archive: %d cases -> %d pages (%s) in %.1fs", len(cases), len(self._pages), lang,
                 time.perf_counter() - started)
        return config

    def _claim_site(self, config) -> pathlib.Path:
        """Lock the site folder and return where this build writes: for ``mkdocs build``, a new
        staging folder beside site/, swapped in by on_shutdown only when everything (both scripts,
        search index, strict checks) succeeded, so a failed build leaves the previous site whole."""
        final = pathlib.Path(config.site_dir).resolve()
        site = staging.StagedSite(final, protected=[self.root, self.cases_dir, pathlib.Path(config.docs_dir)])
        try:
            target = site.start(staged=self._staged)
        except staging.OutputError as exc:
            site.release()
            raise PluginError(f"case-archive: {exc}") from None
        self._site = site
        return target

    def _run_pipeline(self) -> list:
        """The archive's valid cases (under serve, the last good ones when a case is invalid)."""
        from build_tools.cli import cache_dir

        if not self.cases_dir.is_dir():
            raise PluginError(f"case-archive: cases folder {self.cases_dir} does not exist (set plugins.case-archive.cases_dir)")
        if pipeline.refresh_rules():
            log.info("case-archive: rule data changed, reloaded")
        archive = pipeline.load_archive(pipeline.case_files(self.cases_dir), display_root=self.root,
                                        cache_dir=cache_dir(self.root))
        if archive.errors:
            for diag in archive.errors:
                log.error(diag.format())
            if self._serving and self._last_good is not None:
                log.error("case-archive: %d invalid case(s); still serving the last good version", len(archive.errors))
                return self._last_good
            raise PluginError(f"case-archive: {len(archive.errors)} invalid case(s); "
                              "run 'python -m build_tools check' for details")
        for diag in archive.diagnostics:
            log.debug(diag.format())
        self._last_good = archive.cases
        return archive.cases

    # -- files and pages -----------------------------------------------------------------
    def on_files(self, files: Files, *, config):
        # Under `mkdocs serve --dirty`, pages are backed by files that are rewritten only when
        # their content changes, so MkDocs rebuilds just the pages an edit touched.
        backing = (self.root / ".cache" / "case-archive" / "serve" / self.lang) if self._dirty else None

        def add(path: str, content, key=None) -> None:
            """content: the file's text, or a callable giving it (called only when needed)."""
            existing = files.get_file_from_path(path)
            if existing is not None:
                files.remove(existing)
            if backing is None:
                files.append(File.generated(config, path, content=content() if callable(content) else content))
                return
            target = backing / path
            # under serve, a page equal to the one written by the previous rebuild is not
            # serialised again (most of a one-case edit's rebuild would otherwise be YAML)
            if key is None or self._backed.get((self.lang, path)) != key or not target.exists():
                data = (content() if callable(content) else content).encode("utf-8")
                if not target.exists() or target.read_bytes() != data:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    part = target.with_name(f".{target.name}.part-{os.getpid()}")
                    part.write_bytes(data)
                    os.replace(part, target)  # never a half-written page under its name
                if key is not None:
                    self._backed[(self.lang, path)] = key
            files.append(File.generated(config, path, abs_src_path=str(target)))

        for page in self._pages:
            add(page.path, functools.partial(render.page_text, page), key=page)
        if not self._serving:
            # a build holds every page's text until it writes them all: keep one copy, the
            # File's (serve compares the next rebuild's pages with these)
            self._pages = []
        for asset in ("case-archive.css", "case-search.js"):
            add(f"assets/{asset}", (THEME_DIR / "assets" / asset).read_text(encoding="utf-8"))
        if _NESTED is None and self._staged and _parallel_possible():
            # `mkdocs build` on more than one core: the Traditional site is built by a forked
            # process while this one builds the Simplified site (the site folder was cleaned
            # just before this event, so neither build removes the other's files).
            log.info("case-archive: building the Traditional site in a second process")
            context = multiprocessing.get_context("fork")
            self._child_errors, errors = context.Pipe(duplex=False)
            self._child = context.Process(target=_variant_process, args=(config, self._cases, errors, os.getpid()),
                                          name="case-archive-zh-Hant", daemon=True)
            self._child.start()
            errors.close()
        return files

    def on_env(self, env, *, config, files):
        # MkDocs makes a new Jinja environment for every build; compiled templates are kept
        # across builds (both scripts, every serve rebuild), checked against their source.
        env.bytecode_cache = _TEMPLATE_CACHE
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        # Templates print page.meta values unescaped; article metadata is untrusted text.
        headings = page.meta.pop("headings", None)
        sections = page.meta.pop("sections", None) or []  # [id, text] of the article's subheads
        page.meta = {k: _escape(v) for k, v in page.meta.items()}
        if not self._serving and page.file.generated_by is not None and page.file.abs_src_path is None:
            page.file.content_string = ""  # read once, as `markdown`: not kept twice until the pages are written
        if page.meta.get("kind") == "case" and headings:
            # Case pages come from the render stage as finished HTML (values escaped there):
            # they skip the Markdown pass, most of the build's time (on_page_content puts the
            # HTML back, with the table of contents a Markdown pass would have produced).
            self._html[page.file.src_uri] = (markdown, headings, sections)
            return ""
        return markdown

    def on_page_content(self, html_text, *, page, config, files):
        stashed = self._html.pop(page.file.src_uri, None)
        if stashed is None:
            return html_text
        body, headings, sections = stashed
        title, section = headings  # h1, and the h2s under it, nested as Markdown's toc nests them
        h2s = [{"level": 2, "id": id_, "name": html.escape(name), "children": []} for id_, name in sections]
        h2s.append({"level": 2, "id": render.HEADING_IDS[1], "name": html.escape(section), "children": []})
        page.toc = get_toc([{"level": 1, "id": render.HEADING_IDS[0], "name": html.escape(title), "children": h2s}])
        return body

    def on_post_page(self, output, *, page, config):
        # A written page's HTML is not read again (anchors were collected while rendering); at
        # 10,000 cases these strings are most of a build's memory.
        page.content = None
        staging.fault_point("render" if _NESTED is None else "render-hant")  # test hook, inert
        return output

    def on_page_context(self, context, *, page, config, nav):
        lang = self.lang
        base = context.get("base_url") or "."
        url = page.url or ""
        if lang == HANS:
            context["switch_url"] = posixpath.join(base, HANT, url) if url else posixpath.join(base, HANT) + "/"
        else:
            context["switch_url"] = posixpath.join(base, "..", url) if url else posixpath.join(base, "..") + "/"
        # one search index for both scripts, at the site root (build_tools/searchindex.py)
        context["pagefind_url"] = posixpath.join(base, "pagefind" if lang == HANS else "../pagefind") + "/"
        context["search_script"] = lang
        context["search_prefix"] = "" if lang == HANS else f"{HANT}/"
        context["switch_label"] = "繁體" if lang == HANS else "简体"
        context["switch_lang"] = HANT if lang == HANS else HANS
        context["case_search"] = self.config.search
        context["search_more"] = "更多结果" if lang == HANS else "更多結果"
        return context

    # -- second variant and search -------------------------------------------------------
    def on_post_build(self, *, config):
        if _NESTED is not None:
            return  # the Traditional build itself
        site = pathlib.Path(config.site_dir)
        cache = self.root / ".cache" / "case-archive" / "pagefind"
        child, self._child = self._child, None
        if child is not None:
            # the Traditional build runs in its own process, started in on_files
            child.join()
            errors, self._child_errors = self._child_errors, None
            failure = errors.recv() if errors is not None and child.exitcode != 0 and errors.poll() else None
            if errors is not None:
                errors.close()
            if failure is not None:
                raise OSError(*failure)  # reported once, with the fix, by on_shutdown
            if child.exitcode and child.exitcode < 0:
                raise PluginError(f"case-archive: the Traditional (zh-Hant) build process was killed "
                                  f"({signal.Signals(-child.exitcode).name}; out of memory?)")
            if child.exitcode != 0:
                raise PluginError("case-archive: the Traditional (zh-Hant) build failed; see the messages above")
        else:
            _build_variant(config, self._cases, self._dirty)
            self.lang = HANS  # the nested build ran through this same plugin instance
        if self.config.search:
            records = searchindex.records(self._cases, config.use_directory_urls)
            if self._serving:
                # the preview is served at once; the search index follows a few seconds later
                _background_index(records, site, cache, self.config.search_shard_pages)
            else:
                prepared = _search_step(searchindex.prepare, records, cache, self.config.search_shard_pages)
                # Pagefind holds a shard's pages in memory: give back what the builds used first
                self._pages, self._cases, self._last_good, records = [], [], None, []
                _release_memory()
                _search_step(searchindex.write, prepared, site)
        self._complete = True

    def on_build_error(self, *, error):
        if _NESTED is not None:
            return  # the Traditional build (in the forked process, or nested in this one): the outer build reports
        self._failed = True
        self._error = error
        self._stop_child()

    def _stop_child(self) -> None:
        child, self._child = self._child, None
        if child is not None:
            child.terminate()
            child.join()
        errors, self._child_errors = self._child_errors, None
        if errors is not None:
            errors.close()

    def on_shutdown(self):
        self._stop_child()  # still running only when the build was interrupted (Ctrl-C)
        site, self._site = self._site, None
        if site is None:
            return
        try:
            if self._failed or not self._complete:
                site.discard()
                if isinstance(self._error, OSError):
                    log.error(staging.describe(self._error, site.final, kept=self._staged))
                    raise Abort("Aborted with a BuildError!")
                if self._staged:
                    log.error("case-archive: build failed; %s was left as it was", site.final)
                return
            site.commit()
        except OSError as exc:
            log.error(staging.describe(exc, site.final))
            raise Abort("Aborted with a BuildError!") from None
        finally:
            site.release()

    def on_serve(self, server, *, config, builder):
        server.watch(str(self.cases_dir))
        server.watch(str(DATA_DIR))
        return server


class _MemoryBytecodeCache(jinja2.BytecodeCache):
    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])  # ignored by Jinja if the source changed

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_TEMPLATE_CACHE = _MemoryBytecodeCache()


def _escape(value):
    if isinstance(value, str):
        return html.escape(value, quote=True)
    if isinstance(value, list):
        return [_escape(v) for v in value]
    if isinstance(value, dict):
        return {k: _escape(v) for k, v in value.items()}
    return value


def _build_variant(config, cases: list, dirty: bool) -> None:
    """Build the Traditional site into site_dir/zh-Hant: a second MkDocs build, theme language switched."""
    global _NESTED
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    started = time.perf_counter()
    _NESTED = {"variant": HANT, "cases": cases}
    try:
        hant = load_config(config_file=config.config_file_path, site_dir=str(pathlib.Path(config.site_dir) / HANT),
                           strict=config.strict)
        if config.site_url:
            hant.site_url = config.site_url.rstrip("/") + f"/{HANT}/"
        build(hant, dirty=dirty)
    finally:
        _NESTED = None
    log.info("case-archive: Traditional site built in %.1fs", time.perf_counter() - started)


def _search_step(step, *args):
    try:
        return step(*args)
    except searchindex.SearchIndexError as exc:
        raise PluginError(f"case-archive: {exc}") from None


def _variant_process(config, cases: list, errors, parent: int) -> None:
    """The forked process that builds the Traditional site (search is indexed by the parent)."""
    from mkdocs.exceptions import MkDocsException

    staging.die_with_parent(parent)
    try:
        _build_variant(config, cases, dirty=False)
    except MkDocsException as exc:  # Abort (strict mode), PluginError, BuildError: already explained
        log.error("case-archive: Traditional build: %s", exc)
        sys.exit(1)
    except OSError as exc:  # disk full, read-only folder...: the parent reports it once, with the fix
        errors.send((exc.errno, exc.strerror, exc.filename))
        sys.exit(1)


def _show_cache_warnings() -> None:
    """The caches warn on logger 'case_archive' (build_tools/cache.py): shown like MkDocs' own
    messages, but outside the 'mkdocs' logger, so a damaged or locked cache, which the build
    works around, does not fail a --strict build."""
    ours, theirs = logging.getLogger("case_archive"), logging.getLogger("mkdocs")
    if ours.handlers:
        return
    for handler in theirs.handlers:
        if handler.get_name() == "MkDocsStreamHandler":
            ours.addHandler(handler)
            ours.propagate = False
            ours.setLevel(theirs.getEffectiveLevel())  # mkdocs build -q silences them too


def _release_memory() -> None:
    """Drop the text caches of the pipeline, collect garbage and hand freed heap pages back to
    the system (glibc keeps them otherwise)."""
    import ctypes
    import ctypes.util
    import gc

    from build_tools import cache, script

    cache.forget_recent()
    for memo in (script.to_hans, script.to_hant, render._href, render._rel):
        memo.cache_clear()
    gc.collect()
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: nothing to trim


def _parallel_possible() -> bool:
    if "fork" not in multiprocessing.get_all_start_methods():
        return False
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:
        return (os.cpu_count() or 1) > 1


_INDEX_LOCK = threading.Lock()


def _background_index(records: list, site: pathlib.Path, cache: pathlib.Path, shard_pages: int) -> None:
    def work() -> None:
        with _INDEX_LOCK:
            try:
                _search_step(searchindex.index_archive, records, site, cache, shard_pages)
            except (PluginError, OSError) as exc:
                log.error("case-archive: search index not updated: %s", exc)

    threading.Thread(target=work, name="case-archive-pagefind", daemon=True).start()
