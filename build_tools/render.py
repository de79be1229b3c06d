"""Render stage: Cases become pages for each script, one page family at a time.

Each kind of page (case pages, tags, regions, timeline, sources, home...) is a *family*: one
module in ``build_tools/pages/`` that declares its paths, nav entry, grouping and pages
(``build_tools/pages/__init__.py``). This module holds what the families share: the escaping
rules, the URL rules, links and paginated listings, and ``Renderer``, the context every family
renders with; ``render`` asks every registered family for its pages.

Article text and front-matter values are untrusted: every value that goes into Markdown passes
through ``md_text`` (HTML-escaped, Markdown syntax backslash-escaped), into HTML through
``html.escape`` (case pages: their template's environment escapes every value that way,
``build_tools/templating.py``), and URLs through ``md_url`` (http and https only).
UI strings are written in Simplified here and converted for the Traditional variant.
"""

from __future__ import annotations

import datetime
import functools
import html
import posixpath
import re
import urllib.parse
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence

import yaml

from build_tools import dates
from build_tools.script import convert
from build_tools.model import HANS, HANT, VARIANTS, Case, Page
from build_tools.rules import Vocabulary
from build_tools.slugs import Slugs, listed_names, slug_collisions, slugify  # noqa: F401 (re-exported)
from build_tools.structure import subheads

_EARLIEST = datetime.date.min  # sorts cases without a date first

# libyaml's emitter when PyYAML was built with it (10x faster); same output as the pure one
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

SITE_NAME = "基层党组织抗疫抗灾案例库"  # when the host gives none (mkdocs.yml site_name)
LIST_PAGE_SIZE = 200  # listings longer than this are split into numbered pages

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+\.)")


def md_text(text: str) -> str:
    """Untrusted text -> Markdown that renders as exactly that text, never as markup."""
    text = html.escape(text, quote=True)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def md_url(url: str) -> str:
    """An http(s) URL made safe for a link target (Markdown or an HTML href), or "" for any
    other scheme (javascript: and data: could run script)."""
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme not in ("http", "https"):
        return ""
    return urllib.parse.quote(url, safe=":/?#&=%+,;@~.-_!$'*")  .replace("(", "%28").replace(")", "%29").replace("'", "%27").replace("*", "%2A")


def rel(from_path: str, to_path: str) -> str:
    """Relative link from one page (docs-relative .md path) to another."""
    return _rel(to_path, posixpath.dirname(from_path) or ".")


@functools.lru_cache(maxsize=262144)
def _rel(to_path: str, from_dir: str) -> str:
    return posixpath.relpath(to_path, from_dir)


def case_path(case: Case) -> str:
    """Where a case's page is (every listing links to it; the search index points to it)."""
    return f"cases/{case.case_id}.md"


# A listing's list of cases, one item per line (``Renderer.case_item``): finished HTML, a raw block
# in the page's Markdown (so the text of a title is shown as it is: no Markdown escapes), which
# the host need not read (build_tools/site.py ``markdown_in``)
CASE_LIST = ("<ul>", "</ul>")

# ids of a case page's two headings (title, citation): the ids Python-Markdown's toc extension
# gives CJK headings, so the page's anchors are those a Markdown page would have
HEADING_IDS = ("_1", "_2")
# ids of the article's section subheads (build_tools/structure.py), numbered in order, the same
# in both scripts; listed in the page's "sections" meta ([id, text] pairs) for the table of contents
SECTION_ID = "section-{}"


def page_url(path: str, directory_urls: bool = True) -> str:
    """Where a .md page is published: tags/x.md -> tags/x/ and a/index.md -> a/ (directory
    URLs), else tags/x.html and a/index.html."""
    stem = path[:-3]
    if not directory_urls:
        return stem + ".html"
    if stem == "index" or stem.endswith("/index"):
        return stem[:-5]
    return stem + "/"


@functools.lru_cache(maxsize=262144)
def _href(from_url: str, to_url: str) -> str:
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else "."
    target = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or not to_url:  # a folder URL keeps its slash
        return "./" if target == "." else target + "/"
    return target


def region_path(slugs: Slugs, levels: list[str]) -> str:
    """A region's listing page (the rule lives with its family, build_tools/pages/regions.py)."""
    from build_tools.pages import regions

    return regions.path(slugs, levels)


# what a case shows only on its own page: its text (and what is made from it)
_TEXT_FIELDS = frozenset({"paragraphs", "warnings", "variants", "sketch", "origins"})


def listed(case: Case) -> tuple:
    """Everything of a case that pages other than its own may show (listings, index pages, the
    neighbours' pagers): every field but its text, in both scripts. Under serve an edit that
    leaves this alone (a change in the article's text) touches the case's own page only."""
    import dataclasses

    shown = tuple(getattr(case, f.name) for f in dataclasses.fields(case) if f.name not in _TEXT_FIELDS)
    # (each script's fields by name: a case read back from the cache has them in another order than
    # one just processed, and an edit then seemed to change every listing that shows the case)
    return shown, tuple((lang, tuple(sorted(((k, v) for k, v in fields.items() if k != "paragraphs"), key=lambda kv: kv[0])))
                        for lang, fields in sorted(case.variants.items()))


def newest_first(cases: Iterable[Case]) -> list[Case]:
    return sorted(cases, key=lambda c: (c.date or _EARLIEST, c.case_id), reverse=True)


class Renderer:
    """What every page family renders with: the archive's cases (oldest first), their slugs,
    the tag vocabulary, the site's URL style and template folders, and the shared helpers."""

    def __init__(self, cases: list[Case], vocabulary: Vocabulary, site_name: str = SITE_NAME,
                 directory_urls: bool = True, template_dirs: Sequence[str] = (), families=None, license: str = ""):
        from build_tools import pages

        self.cases = sorted(cases, key=lambda c: (c.date or _EARLIEST, c.case_id))
        self.directory_urls = directory_urls
        self.vocabulary = vocabulary
        self.site_name = site_name or SITE_NAME
        self.license = license  # the archive's licence id (plugin option), "" when unset
        self.template_dirs = tuple(str(d) for d in template_dirs)  # override folders, first match wins
        self.families = tuple(pages.families() if families is None else families)
        # each listed name's slug is a function of the name alone (build_tools/slugs.py); the
        # names every family lists are resolved together, so two that share a slug both get a longer one
        self.slugs = _slugs(tuple(pages.slug_names(self.cases, self.families)))
        self._sections: dict[tuple[str, ...], tuple[int, ...]] = {}  # paragraphs -> indices of their subheads
        self._groups: dict[str, dict] = {}
        # an incremental build (build_tools/preview.py): the previous build's pages by (lang, path)
        # and the ids of the cases changed, added or removed since (None: render every page)
        self.previous: dict[tuple[str, str], Page] = {}
        self.changed: frozenset[str] | None = None
        self.relisted: frozenset[str] = frozenset()  # of those, the ones whose ``listed`` fields changed
        self.previous_families: dict[str, list[Page]] = {}  # family name -> its pages of the previous build
        self.made: dict[str, list[Page]] = {}  # family name -> its pages of this build (the last script rendered)
        self.reused = 0  # pages taken over from the previous build
        # a full build: case pages' HTML made when the host writes each page (``Page.html``)
        self.deferred = False
        self.items: dict[tuple[str, str], tuple[Case, str]] = {}  # (case id, lang) -> the case, its list item after the URL

    # -- helpers ---------------------------------------------------------------------------
    @staticmethod
    def vv(case: Case, lang: str) -> dict:
        """The case's text fields in the page's script (from the convert stage)."""
        from build_tools.convert import case_variants

        return case.variants.get(lang) or case_variants(case)[lang]

    def sections(self, case: Case) -> tuple[int, ...]:
        """Indices of the case's section subheads, found once from its paragraphs (in the
        capture's script) and used for both scripts, so the headings and ids line up."""
        if case.paragraphs not in self._sections:
            self._sections[case.paragraphs] = subheads(case.paragraphs)
        return self._sections[case.paragraphs]

    def t(self, text: str, lang: str) -> str:
        """UI string (written Simplified) in the page's script."""
        return convert(text, lang)

    def v(self, text: str, lang: str) -> str:
        """A data value in the page's script, escaped for Markdown."""
        return md_text(convert(text, lang))

    def grouped(self, family) -> dict[Hashable, list[Case]]:
        """The family's groups (``family.groups``), each with its cases oldest first; once per build."""
        if family.name not in self._groups:
            groups: dict[Hashable, list[Case]] = defaultdict(list)
            for case in self.cases:
                for key in family.groups(self, case):
                    groups[key].append(case)
            self._groups[family.name] = groups
        return self._groups[family.name]

    def case_item(self, case: Case, lang: str, from_path: str) -> str:
        """A case as an item of a listing's list (``CASE_LIST``), in HTML: its title linked to its
        page, its date and source, a badge when its original is gone."""
        known = self.items.get((case.case_id, lang))
        if known is None or known[0] is not case:  # each case is listed on several pages: its text made once
            fields = self.vv(case, lang)
            extra = [dates.iso(case.date) or ""]
            if case.source:
                extra.append(html.escape(fields["source"]))
            tail = "</a> · " + " · ".join(e for e in extra if e)
            if case.deleted:
                tail += f' <span class="case-deleted-badge" title="{self.t("原网页已删除", lang)} {case.deleted.isoformat()}">{self.t("已删除", lang)}</span>'
            known = self.items[(case.case_id, lang)] = (case, '">' + html.escape(fields["title"] or case.case_id) + tail + "</li>")
        return '<li><a href="' + self.href(from_path, case_path(case)) + known[1]

    def deleted_toggle(self, cases: list[Case], lang: str) -> list[str]:
        """A checkbox that hides the listed cases whose original is gone (CSS only:
        ``:has(...)`` rules in case-archive.css), when the listing has any; else nothing."""
        gone = sum(1 for c in cases if c.deleted)
        if not gone:
            return []
        label = self.t("隐藏原网页已删除的案例", lang) + f"（{gone}）"
        return [f'<label class="case-deleted-toggle"><input type="checkbox" class="case-deleted-toggle__input"> {label}</label>', ""]

    def listing(self, cases: list[Case], lang: str, from_path: str, ordered: bool = False) -> list[str]:
        """The cases newest first (``ordered``: they are) as a list (``CASE_LIST``), lines of a
        page's body (a blank line before and after)."""
        shown = cases if ordered else newest_first(cases)
        return [CASE_LIST[0], *(self.case_item(c, lang, from_path) for c in shown), CASE_LIST[1]] if cases else []

    def kept(self, path: str, lang: str, depends: frozenset[str] | None, own: str | None = None) -> Page | None:
        """In an incremental build, the previous build's page at ``path`` when it is still
        exactly right: it shows the same cases (``depends``) and none of them changed what the
        page shows of it: its ``listed`` fields, and for ``own`` (the case whose page it is) its
        text too. (Whatever else a page shows, the slugs, the vocabulary, the templates, the URL
        style, is the same for the whole build, or nothing is kept: build_tools/preview.py.)
        None: render it."""
        if self.changed is None or depends is None:
            return None
        old = self.previous.get((lang, path))
        if old is None or old.depends != depends or not depends.isdisjoint(self.relisted) or own in self.changed:
            return None
        return old

    def kept_family(self, family) -> list[Page] | None:
        """In an incremental build, all the previous build's pages of ``family`` when no case
        changed what other pages show of it (``listed``) and the family shows no case's text
        (``Family.shows_text``): its pages summarise and list only such fields. None: render them."""
        if self.changed is None or self.relisted or family.shows_text or family.name not in self.previous_families:
            return None
        kept = self.previous_families[family.name]
        self.reused += len(kept)
        return kept

    def page(self, path: str, lang: str, title: str, body: list[str], depends: frozenset[str] | None = None,
             **meta) -> Page:
        return Page(path, lang, {"title": title, "lang": lang, **meta}, "\n".join(body).rstrip() + "\n", depends)

    def paged(self, path: str, lang: str, title: str, intro: list[str], cases: list[Case], toggle: bool = True,
              **meta) -> list[Page]:
        """A listing page, split into numbered pages when it is long. Every numbered page depends
        on every case listed (one more case moves the others from page to page)."""
        kept = self.kept_listing(path, lang, cases)
        if kept:
            return kept
        ordered = newest_first(cases)
        chunks = [ordered[i:i + LIST_PAGE_SIZE] for i in range(0, len(ordered), LIST_PAGE_SIZE)] or [[]]
        depends = frozenset(c.case_id for c in cases)
        numbered = functools.partial(_numbered, path)
        pages = []
        for number, chunk in enumerate(chunks, 1):
            page_path = numbered(number)
            body = [f"# {md_text(title)}", ""] + intro + (self.deleted_toggle(chunk, lang) if toggle else [])
            body += [""] if chunk and body[-1] else []
            body += self.listing(chunk, lang, page_path, ordered=True)  # (a slice of ``ordered``)
            if len(chunks) > 1:
                links = [str(other) if other == number else f"[{other}]({rel(page_path, numbered(other))})"
                         for other in range(1, len(chunks) + 1)]
                body += ["", self.t("页码：", lang) + " ".join(links)]
            pages.append(self.page(page_path, lang, title, body, depends, **meta))
        return pages

    def kept_listing(self, path: str, lang: str, cases: list[Case]) -> list[Page] | None:
        """``paged``'s pages as the previous build made them, when they are all still right
        (see ``kept``): a family may ask first, and skip what it would compute for them."""
        if self.changed is None:
            return None
        depends = frozenset(c.case_id for c in cases)
        count = max(1, -(-len(cases) // LIST_PAGE_SIZE))
        kept = [self.kept(_numbered(path, number), lang, depends) for number in range(1, count + 1)]
        if not all(kept):
            return None
        self.reused += len(kept)
        return kept

    def href(self, from_path: str, to_path: str) -> str:
        """Relative URL between two pages (docs-relative .md paths) as they are published."""
        return _href(page_url(from_path, self.directory_urls), page_url(to_path, self.directory_urls))

    def root_href(self, from_path: str) -> str:
        """Relative URL of the (script's) site root folder from a page, ending in "/" ("../", "./"):
        a prefix for files published beside the pages (the home page's URL is no folder when
        pages are files, as in the offline copy)."""
        return _href(page_url(from_path, self.directory_urls), "")

    # -- pages -----------------------------------------------------------------------------
    def render(self, langs: tuple[str, ...] = VARIANTS) -> list[Page]:
        pages: list[Page] = []
        for lang in langs:
            for family in self.families:
                made = self.kept_family(family) if len(langs) == 1 else None
                if made is None:
                    made = family.pages(self, lang)
                self.made[family.name] = made
                pages += made
        return pages


@functools.lru_cache(maxsize=2)
def _slugs(pairs: tuple[tuple[str, str], ...]) -> Slugs:
    """The slugs of these names, resolved once for both scripts' renders and, under serve, for
    every build that lists the same names (a name not given up front gets the same slug from
    any of them: build_tools/slugs.py)."""
    return Slugs(pairs)


def _numbered(path: str, number: int) -> str:
    """The path of a listing's page ``number``: tags/x.md, tags/x-2.md; regions/a/index.md, regions/a/page-2.md."""
    if number == 1:
        return path
    return path.replace("index.md", f"page-{number}.md") if path.endswith("index.md") else path.replace(".md", f"-{number}.md")


def render(cases: list[Case], vocabulary: Vocabulary, langs: tuple[str, ...] = VARIANTS,
           directory_urls: bool = True, template_dirs: Sequence[str] = (), license: str = "",
           site_name: str = SITE_NAME) -> list[Page]:
    """The pages of the given scripts (each script's pages do not depend on the other's).
    directory_urls: whether pages are published as folders (tags/x/) or files (tags/x.html),
    for the links case pages carry as URLs; template_dirs: folders whose ``case-archive/``
    templates replace the built-in ones (build_tools/templating.py); license: the archive's licence
    id; site_name: the archive's name (Simplified)."""
    return Renderer(cases, vocabulary, site_name, directory_urls=directory_urls, template_dirs=template_dirs,
                    license=license).render(langs)


def page_text(page: Page) -> str:
    """A page as a Markdown file with YAML front matter (deterministic key order)."""
    meta = {k: v for k, v in page.meta.items() if v not in (None, [], {})}
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{page.body}"


def variant_path(page: Page) -> str:
    """Where a page lives in the exported tree: Simplified at the root, Traditional under zh-Hant/."""
    return page.path if page.lang == HANS else f"{HANT}/{page.path}"
