"""Atom feeds: the whole archive, each tag, each province and each outlet, in both scripts.

Each feed belongs to a page (``feed_path``): the home page's is ``feeds/all.xml``, the tag page
``tags/x.md``'s is ``feeds/tags/x.xml``, a province's ``regions/a/index.md`` has
``feeds/regions/a.xml``, an outlet's ``sources/x.md`` has ``feeds/sources/x.xml``; the Traditional
feeds, with converted text, are at the same paths under ``zh-Hant/``. Those pages carry the feed
in their meta (``page_meta``) and the theme links it (``<link rel="alternate">`` and a visible
link, build_tools/mkdocs/theme/main.html).

A feed lists the ``LIMIT`` newest cases by article date (undated cases are left out: a feed
orders by date), each with its title, date, a summary (the text's first ``SUMMARY`` characters)
and its page's address. Atom needs absolute addresses, so feeds are written only when the site
has ``site_url`` (mkdocs.yml; ``mkdocs serve`` sets its own); without it the build says so once
and writes none, and the theme shows no feed links. ``updated`` is the newest entry's date, never
the clock, so two builds of one archive give the same bytes. The XML is written by ``feedgen``.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import re

from build_tools.model import HANS, HANT, VARIANTS, Case
from build_tools.outputs import Output
from build_tools.script import convert, to_hans

LIMIT = 50  # entries per feed
SUMMARY = 140  # characters of text in an entry's summary
FOLDER = "feeds"
CHINA = datetime.timezone(datetime.timedelta(hours=8))  # article dates are dates in China
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)  # an archive without any dated case
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")  # lxml refuses these
LABEL = "订阅更新（Atom）"

log = logging.getLogger("mkdocs.plugins.case_archive")

# what a feed's title says after the archive's name, by the folder of its page
_KINDS = {"tags": "标签", "regions": "地区", "sources": "来源"}


def feed_path(page_path: str) -> str:
    """The feed of a page (docs-relative .md path), relative to its script's site root."""
    stem = page_path[:-3]
    if stem == "index":
        stem = "all"
    elif stem.endswith("/index"):
        stem = stem[:-6]
    return f"{FOLDER}/{stem}.xml"


def feed_title(site_name: str, page_path: str, name: str | None, lang: str) -> str:
    kind = _KINDS.get(page_path.split("/", 1)[0])
    title = f"{site_name} · {kind}：{name}" if kind and name else site_name
    return convert(title, lang)


def page_meta(site_name: str, page_path: str, lang: str, name: str | None = None) -> dict:
    """What a page that has a feed carries in its meta for the theme (Simplified ``name``)."""
    return {"feed": feed_path(page_path), "feed_title": feed_title(site_name, page_path, name, lang),
            "feed_label": convert(LABEL, lang)}


@dataclasses.dataclass(frozen=True)
class Entry:
    case_id: str
    page: str  # the case page's URL, relative to a script's site root
    updated: datetime.datetime
    title: dict[str, str]  # by script
    summary: dict[str, str]
    authors: dict[str, tuple[str, ...]]
    tags: dict[str, tuple[str, ...]]


@dataclasses.dataclass(frozen=True)
class Feed:
    path: str  # feeds/...xml
    page: str  # the page it belongs to (URL relative to a script's site root)
    title: dict[str, str]
    entries: tuple[Entry, ...]


@dataclasses.dataclass(frozen=True)
class Prepared:
    base: str  # the site's address, ending in /
    site_name: str
    updated: datetime.datetime  # of a feed without entries: the archive's newest case
    feeds: tuple[Feed, ...]


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)


def _summary(paragraphs: list[str]) -> str:
    text = " ".join(p.strip() for p in paragraphs if p.strip())
    return text if len(text) <= SUMMARY else text[:SUMMARY].rstrip() + "…"


def _entry(r, case: Case) -> Entry:
    from build_tools.render import case_path, page_url

    fields = {lang: r.vv(case, lang) for lang in VARIANTS}
    return Entry(
        case.case_id, page_url(case_path(case), r.directory_urls),
        datetime.datetime.combine(case.date, datetime.time(0), tzinfo=CHINA),
        {lang: _xml(f["title"] or case.case_id) for lang, f in fields.items()},
        {lang: _xml(_summary(f["paragraphs"])) for lang, f in fields.items()},
        {lang: tuple(_xml(a) for a in f["authors"]) for lang, f in fields.items()},
        {lang: tuple(convert(t, lang) for t in case.tags) for lang in VARIANTS})


def feeds_of(r) -> list[tuple[str, str | None, list[Case]]]:
    """(page path, Simplified name, cases) of every page with a feed, from the page families."""
    from build_tools.pages import families, regions, sources, tags

    by_name = {f.name: f for f in families()}
    out: list[tuple[str, str | None, list[Case]]] = [("index.md", None, r.cases)]
    if "tags" in by_name:
        grouped = r.grouped(by_name["tags"])
        out += [(tags.path(r.vocabulary, t.name), t.name, grouped.get(t.name, [])) for t in r.vocabulary.tags]
    if "regions" in by_name:
        out += [(regions.path(r.slugs, list(key)), key[0], cases)
                for key, cases in sorted(r.grouped(by_name["regions"]).items()) if len(key) == 1]
    if "sources" in by_name:
        out += [(sources.path(r.slugs, name), to_hans(name), cases)
                for name, cases in sorted(r.grouped(by_name["sources"]).items())]
    return out


class Feeds(Output):
    name = "feeds"
    title = "Atom feeds"
    order = 30

    def prepare(self, context):
        if not context.site_url:
            log.info("case-archive: no Atom feeds: site_url is not set (set site_url in mkdocs.yml, "
                     "or the SITE_URL environment variable, to the published address)")
            return None
        from build_tools.render import Renderer, newest_first, page_url
        from build_tools.rules import default_vocabulary

        r = Renderer(context.cases, default_vocabulary(), context.site_name, directory_urls=context.directory_urls)
        entries: dict[str, Entry] = {}
        feeds = []
        for page, name, cases in feeds_of(r):
            newest = [c for c in newest_first(cases) if c.date][:LIMIT]
            chosen = tuple(entries.get(c.case_id) or entries.setdefault(c.case_id, _entry(r, c)) for c in newest)
            feeds.append(Feed(feed_path(page), page_url(page, r.directory_urls),
                              {lang: _xml(feed_title(r.site_name, page, name, lang)) for lang in VARIANTS}, chosen))
        dated = [c.date for c in r.cases if c.date]
        updated = datetime.datetime.combine(max(dated), datetime.time(0), tzinfo=CHINA) if dated else _EPOCH
        return Prepared(context.site_url.rstrip("/") + "/", r.site_name, updated, tuple(feeds))

    def write(self, site, state):
        if state is None:
            return
        for lang in VARIANTS:
            base = state.base if lang == HANS else f"{state.base}{HANT}/"
            root = site if lang == HANS else site / HANT
            for feed in state.feeds:
                target = root / feed.path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(atom(feed, lang, base, state))


def atom(feed: Feed, lang: str, base: str, state: Prepared) -> bytes:
    """One feed's Atom XML in one script (``base``: that script's site address)."""
    from feedgen.feed import FeedGenerator

    fg = FeedGenerator()
    fg.id(base + feed.path)
    fg.title(feed.title[lang])
    fg.subtitle(convert(f"按文章日期从新到旧，最多 {LIMIT} 篇案例", lang))
    fg.author({"name": _xml(convert(state.site_name, lang))})
    fg.link(href=base + feed.page, rel="alternate", type="text/html")
    fg.link(href=base + feed.path, rel="self", type="application/atom+xml")
    fg.language(lang)
    fg.generator("case-archive")
    fg.updated(feed.entries[0].updated if feed.entries else state.updated)
    for item in feed.entries:
        fe = fg.add_entry(order="append")
        url = base + item.page
        fe.id(url)
        fe.title(item.title[lang])
        fe.link(href=url, rel="alternate", type="text/html")
        fe.published(item.updated)
        fe.updated(item.updated)
        fe.summary(item.summary[lang] or item.title[lang])
        for name in item.authors[lang]:
            fe.author({"name": name})
        for tag in item.tags[lang]:
            fe.category(term=tag)
    return fg.atom_str(pretty=True)
