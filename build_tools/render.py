"""Render stage: Cases become pages for each script: case pages as HTML, index pages as Markdown.

Article text and front-matter values are untrusted: every value that goes into Markdown passes
through ``md_text`` (HTML-escaped, Markdown syntax backslash-escaped), into HTML through
``html.escape``, and URLs through ``md_url`` (http and https only).
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

import yaml

from build_tools import dates
from build_tools.script import convert, to_hans
from build_tools.model import HANS, HANT, VARIANTS, Case, Page
from build_tools.rules import Vocabulary
from build_tools.slugs import Slugs, listed_names, slug_collisions, slugify  # noqa: F401 (re-exported)

_EARLIEST = datetime.date.min  # sorts cases without a date first
from build_tools.structure import subheads

# libyaml's emitter when PyYAML was built with it (10x faster); same output as the pure one
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

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
    return f"cases/{case.case_id}.md"


# ids of a case page's two headings, as MkDocs' toc extension would give them for CJK titles
HEADING_IDS = ("_1", "_2")
# ids of the article's section subheads (build_tools/structure.py), numbered in order, the same
# in both scripts; listed in the page's "sections" meta ([id, text] pairs) for the table of contents
SECTION_ID = "section-{}"


def page_url(path: str, directory_urls: bool = True) -> str:
    """Where MkDocs publishes a .md page: tags/x.md -> tags/x/ and a/index.md -> a/ (with
    use_directory_urls), else tags/x.html and a/index.html."""
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
    parts = [slugs.get("region:" + "/".join(levels[:i]), name) for i, name in enumerate(levels)]
    return "regions/" + "/".join(parts) + "/index.md"


class Renderer:
    def __init__(self, cases: list[Case], vocabulary: Vocabulary, site_name: str = "基层党组织抗疫抗灾案例库",
                 directory_urls: bool = True):
        self.cases = sorted(cases, key=lambda c: (c.date or _EARLIEST, c.case_id))
        self.directory_urls = directory_urls
        self.vocabulary = vocabulary
        self.site_name = site_name
        # each source's and region's slug is a function of its name alone (build_tools/slugs.py);
        # all names are resolved together so that two that share a slug both get a longer one
        self.slugs = Slugs(listed_names(self.cases))
        self._sections: dict[tuple[str, ...], tuple[int, ...]] = {}  # paragraphs -> indices of their subheads

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

    def tag_path(self, name: str) -> str:
        tag = self.vocabulary.by_name()[name]
        return f"tags/{tag.slug}.md"

    def source_path(self, source: str) -> str:
        return f"sources/{self.slugs.get('source', to_hans(source))}.md"

    def case_link(self, case: Case, lang: str, from_path: str) -> str:
        fields = self.vv(case, lang)
        title = md_text(fields["title"] or case.case_id)
        extra = [dates.iso(case.date) or ""]
        if case.source:
            extra.append(md_text(fields["source"]))
        return f"[{title}]({rel(from_path, case_path(case))}) · " + " · ".join(e for e in extra if e)

    def listing(self, cases: list[Case], lang: str, from_path: str) -> list[str]:
        return [f"- {self.case_link(c, lang, from_path)}" for c in sorted(cases, key=lambda c: (c.date or _EARLIEST, c.case_id), reverse=True)]

    def page(self, path: str, lang: str, title: str, body: list[str], **meta) -> Page:
        return Page(path, lang, {"title": title, "lang": lang, **meta}, "\n".join(body).rstrip() + "\n")

    def paged(self, path: str, lang: str, title: str, intro: list[str], cases: list[Case], **meta) -> list[Page]:
        """A listing page, split into numbered pages when it is long."""
        ordered = sorted(cases, key=lambda c: (c.date or _EARLIEST, c.case_id), reverse=True)
        chunks = [ordered[i:i + LIST_PAGE_SIZE] for i in range(0, len(ordered), LIST_PAGE_SIZE)] or [[]]

        def numbered(number: int) -> str:  # tags/x.md, tags/x-2.md; regions/a/index.md, regions/a/page-2.md
            if number == 1:
                return path
            return path.replace("index.md", f"page-{number}.md") if path.endswith("index.md") else path.replace(".md", f"-{number}.md")

        pages = []
        for number, chunk in enumerate(chunks, 1):
            page_path = numbered(number)
            body = [f"# {md_text(title)}", ""] + intro
            body += [f"- {self.case_link(c, lang, page_path)}" for c in chunk]
            if len(chunks) > 1:
                links = [str(other) if other == number else f"[{other}]({rel(page_path, numbered(other))})"
                         for other in range(1, len(chunks) + 1)]
                body += ["", self.t("页码：", lang) + " ".join(links)]
            pages.append(self.page(page_path, lang, title, body, **meta))
        return pages

    # -- pages -----------------------------------------------------------------------------
    def render(self, langs: tuple[str, ...] = VARIANTS) -> list[Page]:
        pages: list[Page] = []
        for lang in langs:
            pages += self.case_pages(lang)
            pages += self.tag_pages(lang)
            pages += self.region_pages(lang)
            pages += self.timeline_pages(lang)
            pages += self.source_pages(lang)
            pages.append(self.home(lang))
        return pages

    def case_pages(self, lang: str) -> list[Page]:
        """Case pages are written as HTML (every value through ``html.escape``), not Markdown:
        they are most of the site, and the MkDocs plugin hands them to the theme without a
        Markdown pass (build_tools/mkdocs/plugin.py). Links are final URLs (``href``)."""
        pages = []
        esc = html.escape
        for index, case in enumerate(self.cases):
            path = case_path(case)
            fields = self.vv(case, lang)
            title = fields["title"] or case.case_id

            def link(target: str, text: str) -> str:
                return f'<a href="{esc(self.href(path, target))}">{esc(text)}</a>'

            body = ["<div>", f'<h1 id="{HEADING_IDS[0]}">{esc(title)}</h1>']
            if case.subtitle:
                body.append(f'<p class="case-subtitle">——{esc(fields["subtitle"])}</p>')
            rows = [(self.t("日期", lang), esc(dates.iso(case.date) or ""))]
            if case.source:
                rows.append((self.t("来源", lang), link(self.source_path(case.source), fields["source"])))
            if case.authors:
                rows.append((self.t("作者", lang), "、".join(esc(a) for a in fields["authors"])))
            for role, names in fields["credits"]:
                rows.append((esc(role), "、".join(esc(n) for n in names)))
            if case.region:
                levels = case.region.levels()
                rows.append((self.t("地区", lang), " › ".join(link(region_path(self.slugs, levels[:i + 1]), convert(name, lang))
                                                             for i, name in enumerate(levels))))
            if case.tags:
                rows.append((self.t("标签", lang), " · ".join(link(self.tag_path(t), convert(t, lang)) for t in case.tags)))
            url = md_url(case.url) if case.url else ""
            if url:
                rows.append((self.t("原文地址", lang), f'<a href="{esc(url)}">{esc(case.url)}</a>'))
            origin = self.t("网页采集稿，经自动清理（去除网站导航、插入拼音与乱码）", lang)
            if case.script != lang:
                origin += self.t("；原文为", lang) + self.t("繁体" if case.script == HANT else "简体", lang) + self.t("，本页由程序转换字形", lang)
            rows.append((self.t("文本", lang), esc(origin)))
            if case.note:
                rows.append((self.t("编者注", lang), esc(fields["note"])))
            body += ['<div class="case-meta">', "<table>",
                     f"<thead><tr><th>{self.t('项目', lang)}</th><th>{self.t('内容', lang)}</th></tr></thead>", "<tbody>"]
            body += [f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in rows]
            body += ["</tbody>", "</table>", "</div>"]
            paragraphs = fields["paragraphs"]
            # each script's paragraphs are the capture's, converted one for one (convert.case_variants)
            marks = self.sections(case) if len(paragraphs) == len(case.paragraphs) else ()
            heads = {i: SECTION_ID.format(n) for n, i in enumerate(marks, 1)}
            body += [f'<h2 id="{heads[i]}">{esc(p)}</h2>' if i in heads else f"<p>{esc(p)}</p>"
                     for i, p in enumerate(paragraphs)]
            body += ["</div>", "", f'<h2 id="{HEADING_IDS[1]}">{self.t("引用本文", lang)}</h2>', "",
                     f"<pre><code>{esc(self.citation(case, lang))}\n</code></pre>", ""]
            nav = []
            if index > 0:
                prev = self.cases[index - 1]
                nav.append(f"{self.t('上一篇', lang)}：{link(case_path(prev), self.vv(prev, lang)['title'] or prev.case_id)}")
            if index + 1 < len(self.cases):
                nxt = self.cases[index + 1]
                nav.append(f"{self.t('下一篇', lang)}：{link(case_path(nxt), self.vv(nxt, lang)['title'] or nxt.case_id)}")
            if nav:
                body += ['<div class="case-pager">', "<p>" + "<br>\n".join(nav) + "</p>", "</div>"]
            meta = {
                "date": dates.iso(case.date), "source": fields["source"],
                "authors": list(fields["authors"]),
                "credits": {role: list(names) for role, names in fields["credits"]},
                "region": {"province": self._c(case.region.province, lang), "city": self._c(case.region.city, lang),
                           "county": self._c(case.region.county, lang)},
                "tags": [convert(t, lang) for t in case.tags], "url": case.url, "script": case.script,
                "subtitle": fields["subtitle"], "case_id": case.case_id,
                "kind": "case", "headings": [title, self.t("引用本文", lang)],
            }
            if heads:
                meta["sections"] = [[heads[i], paragraphs[i].strip()] for i in marks]
            pages.append(self.page(path, lang, title, body, **meta))
        return pages

    def href(self, from_path: str, to_path: str) -> str:
        """Relative URL between two pages (docs-relative .md paths) as MkDocs publishes them."""
        return _href(page_url(from_path, self.directory_urls), page_url(to_path, self.directory_urls))

    @staticmethod
    def _c(value: str | None, lang: str) -> str | None:
        return convert(value, lang) if value else None

    def citation(self, case: Case, lang: str) -> str:
        """GB/T 7714-style reference for an online article."""
        fields = self.vv(case, lang)
        parts = []
        if case.authors:
            parts.append("，".join(fields["authors"][:3]) + (self.t("，等", lang) if len(case.authors) > 3 else "") + ". ")
        title = (fields["title"] or "") + (("——" + fields["subtitle"]) if fields["subtitle"] else "")
        parts.append(f"{title}[EB/OL]. ")
        if case.source:
            parts.append(f"{fields['source']}, ")
        parts.append(f"{case.date}.")
        if case.url:
            parts.append(f" {case.url}.")
        return "".join(parts)

    def tag_pages(self, lang: str) -> list[Page]:
        by_tag: dict[str, list[Case]] = defaultdict(list)
        for case in self.cases:
            for tag in case.tags:
                by_tag[tag].append(case)
        title = self.t("实践标签", lang)
        body = [f"# {title}", "", self.t("按基层党组织的做法浏览案例。", lang), "", f"| {self.t('标签', lang)} | {self.t('说明', lang)} | {self.t('案例数', lang)} |", "|---|---|---|"]
        for tag in self.vocabulary.tags:
            body.append(f"| [{self.v(tag.name, lang)}]({rel('tags/index.md', f'tags/{tag.slug}.md')}) | {self.v(tag.description, lang)} | {len(by_tag[tag.name])} |")
        pages = [self.page("tags/index.md", lang, title, body, kind="index")]
        for tag in self.vocabulary.tags:
            pages += self.paged(f"tags/{tag.slug}.md", lang, convert(tag.name, lang),
                                [self.v(tag.description, lang), "", f"{self.t('共', lang)} {len(by_tag[tag.name])} {self.t('篇', lang)}", ""],
                                by_tag[tag.name], kind="listing")
        return pages

    def region_pages(self, lang: str) -> list[Page]:
        tree: dict[tuple[str, ...], list[Case]] = defaultdict(list)
        for case in self.cases:
            levels = case.region.levels()
            for depth in range(1, len(levels) + 1):
                tree[tuple(levels[:depth])].append(case)
        title = self.t("地区", lang)
        body = [f"# {title}", "", self.t("按省、市、县浏览案例（括号内为案例数）。", lang), ""]
        for key in sorted(tree, key=lambda k: ([slugify(x) for x in k], k)):
            indent = "    " * (len(key) - 1)
            body.append(f"{indent}- [{self.v(key[-1], lang)}]({rel('regions/index.md', region_path(self.slugs, list(key)))}) ({len(tree[key])})")
        unplaced = [c for c in self.cases if not c.region]
        if unplaced:
            body += ["", f"{self.t('未定地区（全国性或多地）', lang)}：{len(unplaced)} {self.t('篇', lang)}"]
        pages = [self.page("regions/index.md", lang, title, body, kind="index")]
        children_of: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for key in tree:
            if len(key) > 1:
                children_of[key[:-1]].append(key)
        for key, cases in sorted(tree.items()):
            path = region_path(self.slugs, list(key))
            crumbs = [f"[{self.v(name, lang)}]({rel(path, region_path(self.slugs, list(key[:i + 1])))})" for i, name in enumerate(key[:-1])]
            children = sorted(children_of[key])
            intro = []
            if crumbs:
                intro += [" › ".join(crumbs + [self.v(key[-1], lang)]), ""]
            if children:
                intro += [self.t("下级地区：", lang) + " · ".join(
                    f"[{self.v(k[-1], lang)}]({rel(path, region_path(self.slugs, list(k)))}) ({len(tree[k])})" for k in children), ""]
            pages += self.paged(path, lang, convert(key[-1], lang), intro, cases, kind="listing")
        return pages

    def timeline_pages(self, lang: str) -> list[Page]:
        """Timeline index (years > months), one page per year listing its months, and one
        paginated listing per month, so no page grows with the archive beyond its month."""
        by_month: dict[tuple[str, str], list[Case]] = defaultdict(list)
        for case in self.cases:
            by_month[(f"{case.date.year:04d}", f"{case.date.month:02d}")].append(case)
        years = sorted({year for year, _ in by_month})
        title = self.t("时间线", lang)
        body = [f"# {title}", ""]
        for year in years:
            months = sorted(m for y, m in by_month if y == year)
            body.append(f"- [{year}{self.t('年', lang)}]({year}.md) ({sum(len(by_month[(year, m)]) for m in months)})")
            body += [f"    - [{int(m)}{self.t('月', lang)}]({year}-{m}.md) ({len(by_month[(year, m)])})" for m in months]
        pages = [self.page("timeline/index.md", lang, title, body, kind="index")]
        for year in years:
            months = sorted(m for y, m in by_month if y == year)
            year_title = f"{year}{self.t('年', lang)}"
            body = [f"# {year_title}", ""]
            body += [f"- [{int(m)}{self.t('月', lang)}]({year}-{m}.md) ({len(by_month[(year, m)])})" for m in months]
            pages.append(self.page(f"timeline/{year}.md", lang, year_title, body, kind="index"))
            for month in months:
                month_title = f"{year}{self.t('年', lang)}{int(month)}{self.t('月', lang)}"
                intro = [f"[{year_title}]({year}.md) › {month_title}", ""]
                pages += self.paged(f"timeline/{year}-{month}.md", lang, month_title, intro, by_month[(year, month)], kind="listing")
        return pages

    def source_pages(self, lang: str) -> list[Page]:
        by_source: dict[str, list[Case]] = defaultdict(list)
        for case in self.cases:
            if case.source:
                by_source[to_hans(case.source)].append(case)
        title = self.t("来源媒体", lang)
        body = [f"# {title}", "", f"| {self.t('来源', lang)} | {self.t('案例数', lang)} |", "|---|---|"]
        for name in sorted(by_source, key=lambda n: (-len(by_source[n]), slugify(n), n)):
            body.append(f"| [{self.v(name, lang)}]({rel('sources/index.md', self.source_path(name))}) | {len(by_source[name])} |")
        pages = [self.page("sources/index.md", lang, title, body, kind="index")]
        for name, cases in sorted(by_source.items()):
            pages += self.paged(self.source_path(name), lang, convert(name, lang), [], cases, kind="listing")
        return pages

    def home(self, lang: str) -> Page:
        t = lambda s: self.t(s, lang)  # noqa: E731
        days = [dates.iso(c.date) for c in self.cases if c.date]
        provinces = {c.region.province for c in self.cases if c.region}
        sources = {to_hans(c.source) for c in self.cases if c.source}
        body = [f"# {md_text(convert(self.site_name, lang))}", "",
                t("本站收录2020—2021年各地基层党组织组织抗击新冠肺炎疫情和防汛救灾的案例文章。文章采自网络，经程序清理（去除网站导航、插入拼音和乱码），提取标题、日期、来源、作者与地区，并提供简体、繁体两种字形。"), "",
                f"## {t('概况')}", "",
                f"| {t('案例')} | {t('省份')} | {t('来源媒体')} | {t('实践标签')} | {t('时间范围')} |", "|---|---|---|---|---|",
                f"| {len(self.cases)} | {len(provinces)} | {len(sources)} | {len(self.vocabulary.tags)} | {(min(days) + ' — ' + max(days)) if days else '—'} |", "",
                f"## {t('最新收录')}", ""]
        body += self.listing(self.cases[-10:], lang, "index.md")
        body += ["", f"## {t('浏览')}", "",
                 f"- [{t('按实践')}](tags/index.md)：" + " · ".join(f"[{self.v(tag.name, lang)}](tags/{tag.slug}.md)" for tag in self.vocabulary.tags),
                 f"- [{t('按地区')}](regions/index.md)：" + " · ".join(f"[{self.v(p, lang)}]({region_path(self.slugs, [p])})" for p in sorted(provinces, key=lambda p: (slugify(p), p))),
                 f"- [{t('按时间')}](timeline/index.md)：" + " · ".join(f"[{y}](timeline/{y}.md)" for y in sorted({d[:4] for d in days})),
                 f"- [{t('按来源')}](sources/index.md)"]
        return self.page("index.md", lang, t("首页"), body, kind="home")


def render(cases: list[Case], vocabulary: Vocabulary, langs: tuple[str, ...] = VARIANTS,
           directory_urls: bool = True) -> list[Page]:
    """The pages of the given scripts (each script's pages do not depend on the other's).
    directory_urls: MkDocs' use_directory_urls, for the links case pages carry as URLs."""
    return Renderer(cases, vocabulary, directory_urls=directory_urls).render(langs)


def page_text(page: Page) -> str:
    """A page as a Markdown file with YAML front matter (deterministic key order)."""
    meta = {k: v for k, v in page.meta.items() if v not in (None, [], {})}
    front = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=True, width=1000)
    return f"---\n{front}---\n\n{page.body}"


def variant_path(page: Page) -> str:
    """Where a page lives in the exported tree: Simplified at the root, Traditional under zh-Hant/."""
    return page.path if page.lang == HANS else f"{HANT}/{page.path}"
