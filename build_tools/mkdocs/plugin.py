"""MkDocs plugin: translates MkDocs' events into the site build's calls (``SiteBuild``, build_tools/site.py;
nav and ``not_in_nav`` from build_tools/pages/). MkDocs reuses one plugin instance for every config it loads:
the Traditional site's build (``zh-Hant/``, a second MkDocs build) comes back through it (``variant``)."""

from __future__ import annotations

import functools
import logging
import pathlib

import pathspec
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, MkDocsException, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import get_toc

from build_tools import cache, pages, searchindex, site, templating, watching
from build_tools.model import HANS, HANT
from build_tools.rules import DATA_DIR
from build_tools.script import convert
from build_tools.templating import BYTECODE_CACHE

THEME_DIR = pathlib.Path(__file__).resolve().parent / "theme"
ROOT_ONLY = ("sitemap-index.xml", "robots.txt")  # theme templates of the Simplified (root) site only


def _translated(event):
    @functools.wraps(event)  # a core BuildError becomes MkDocs' PluginError (one message, no traceback)
    def run(*args, **kwargs):
        try:
            return event(*args, **kwargs)
        except site.BuildError as exc:
            raise PluginError(f"case-archive: {exc}") from None
    return run


class CaseArchiveConfig(Config):
    cases_dir = c.Type(str, default="cases")
    search = c.Type(bool, default=True)
    search_shard_pages = c.Type(int, default=searchindex.SHARD_PAGES)  # cases per Pagefind run
    traditional = c.Choice(("tw", "hk", "opencc"), default="tw")  # the Traditional standard
    license = c.Type(str, default="")  # the archive's licence (SPDX id) for its open dataset


class CaseArchivePlugin(BasePlugin[CaseArchiveConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.site = site.SiteBuild()
        self.watcher = watching.Watcher()  # serve: the folders' changes, told by the kernel
        self._html: dict[str, tuple | None] = {}  # page src_uri -> what site.markdown_in set aside
        self._kept: dict[tuple, dict[str, File]] = {}  # serve --dirty: each page's File (and its Page) across rebuilds

    def on_startup(self, *, command, dirty):
        self.site.start(command, dirty)
        site.show_cache_warnings(logging.getLogger("mkdocs"), "MkDocsStreamHandler")

    @_translated
    def on_config(self, config):
        root = pathlib.Path(config.config_file_path).resolve().parent
        cases_dir = (root / self.config.cases_dir).resolve()
        self.site.configure(site.Settings(root, cases_dir, self.config.search, self.config.search_shard_pages,
                                          self.config.traditional, config.site_url or "", config.site_name,
                                          self.config.license, pathlib.Path(config.config_file_path)))
        config.site_dir = self.site.claim(config.site_dir, [root, cases_dir, pathlib.Path(config.docs_dir)])
        lang = HANT if self.site.variant else HANS
        config.theme["language"] = lang
        if THEME_DIR.as_posix() not in [getattr(d, "as_posix", lambda: d)() for d in config.theme.dirs]:
            config.theme.dirs.insert(0, str(THEME_DIR))
        config.extra_css = list(config.extra_css) + ["assets/case-archive.css"]
        config.nav = [{convert(title, lang): path} for title, path in pages.nav()]
        hidden = pathspec.gitignore.GitIgnoreSpec.from_lines(pages.not_in_nav())
        config.not_in_nav = hidden + config.not_in_nav if config.not_in_nav else hidden
        config.site_name = convert(config.site_name, lang)
        config.copyright = convert(config.copyright, lang) if config.copyright else config.copyright
        if not self.site.variant:  # one sitemap index (and robots.txt) for both scripts, at the root
            config.theme.static_templates.update(ROOT_ONLY)
        if self.site.settings.offline:  # the offline copy (build_tools/bundle.py): pages as files, nothing fetched
            config.use_directory_urls = False
            config.theme["features"] = [f for f in config.theme.get("features") or [] if f not in site.FETCHING_FEATURES]
        custom = (config.theme.custom_dir,) if config.theme.custom_dir else ()
        self.site.render(directory_urls=config.use_directory_urls, template_dirs=custom)
        if self.site.incremental:  # serve --dirty: the theme's thousands of file names (icons) filtered once
            config.theme.get_env = functools.partial(templating.listed_once, config.theme.get_env, (*config.theme.dirs, self.site.generation, self.site.variant))
            if self.site.same_pages:  # the sitemap lists the same pages, 404.html and the root files show no case: kept
                config.theme.static_templates.clear()
        return config

    def on_files(self, files: Files, *, config):
        for file in [f for f in files if self.site.variant and f.src_uri in ROOT_ONLY]:  # else copied from the theme folder as they are
            files.remove(file)
        self.site.fork_variant(functools.partial(_build_variant, config, False), explained=(MkDocsException,))
        kept = self._kept.setdefault((config.site_dir, self.site.generation), {}) if self.site.incremental else {}
        present = {file.src_uri for file in files}  # the docs folder's few pages: not looked up for each of thousands
        for path, content, source in self.site.files(present):
            if path in present and (existing := files.get_file_from_path(path)) is not None:
                files.remove(existing)
            file = kept.get(source) if source else File.generated(config, path, content=content)
            if file is None:  # serve --dirty: kept with its Page; MkDocs builds it when the core rewrote its file
                file = kept[source] = File.generated(config, path, abs_src_path=source)
                file.is_modified = functools.partial(self.site.modified, source, file.is_modified)
            files.append(file)
        return files

    def on_env(self, env, *, config, files):
        env.bytecode_cache = BYTECODE_CACHE  # compiled templates kept across builds (both scripts, serve)
        return env

    def on_page_markdown(self, markdown, *, page, config, files):
        meta, page.meta = page.meta, site.escaped({k: v for k, v in page.meta.items() if k not in site.TOC_META})  # templates print page.meta unescaped
        if not self.site.serving and page.file.generated_by is not None and page.file.abs_src_path is None:
            page.file.content_string = ""  # read once, as `markdown`: not kept twice until the pages are written
        markdown, self._html[page.file.src_uri] = site.markdown_in(meta, markdown)  # finished HTML: no Markdown pass
        return markdown

    def on_page_content(self, html_text, *, page, config, files):
        html_text, toc = site.markdown_out(html_text, self._html.pop(page.file.src_uri, None))
        if toc is not None:  # the table of contents Markdown would have made
            page.toc = get_toc(toc)
        return html_text

    def on_post_page(self, output, *, page, config):
        page.content = None  # a written page's HTML is not read again: at 10,000 cases, most of the memory
        cache.fault_point("render-hant" if self.site.variant else "render")  # test hook, inert
        return output

    def on_page_context(self, context, *, page, config, nav):
        page.content = self.site.html(page.file.src_uri, page.content)  # a case page's HTML, made as it is written
        context.update(site.page_context(self.site.lang, context.get("base_url"), page.url or "", self.config.search,
                                         config.site_url or ""))
        return context

    def on_template_context(self, context, *, template_name, config):
        if template_name == "404.html":  # the header's switcher and search box, on the not-found page too
            context.update(site.page_context(self.site.lang, context.get("base_url"), "", self.config.search), alternates=None)
        return context

    @_translated
    def on_post_build(self, *, config):
        if not self.site.variant:
            self.site.finish_variant(functools.partial(_build_variant, config, self.site.dirty))
            self.site.write_outputs(pathlib.Path(config.site_dir))

    def on_build_error(self, *, error):
        self.site.fail(error)

    def on_shutdown(self):
        self.watcher.stop()
        if self.site.end():
            raise Abort("Aborted with a BuildError!")

    def on_serve(self, server, *, config, builder):
        folders = [str(self.site.settings.cases_dir), str(DATA_DIR)]
        if hasattr(server, "_rebuild_cond") and self.watcher.start([*folders, config.docs_dir], functools.partial(_rebuild, server)):
            server.unwatch(config.docs_dir)  # told by the kernel, not polled (build_tools/watching.py)
        else:
            for folder in folders:  # polled by MkDocs
                server.watch(folder)
        return server


def _rebuild(server) -> None:  # what MkDocs' own watcher does on a change: ask the server's build loop for a rebuild
    with server._rebuild_cond:
        server._want_rebuild = True
        server._rebuild_cond.notify_all()


def _build_variant(config, dirty: bool) -> None:
    """The Traditional site: a second MkDocs build into site_dir/zh-Hant, theme language switched."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    hant = load_config(config_file=config.config_file_path, site_dir=str(pathlib.Path(config.site_dir) / HANT),
                       strict=config.strict)
    hant.site_url = config.site_url.rstrip("/") + f"/{HANT}/" if config.site_url else hant.site_url
    build(hant, dirty=dirty)
