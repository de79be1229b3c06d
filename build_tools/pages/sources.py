"""Source pages: an index of the outlets the cases come from and one listing per outlet.

An outlet is known by its Simplified name (both scripts share its page); its URL is a function
of that name alone (build_tools/slugs.py: pinyin and four hex digits of the name's hash)."""

from __future__ import annotations

from build_tools.model import Page
from build_tools.outputs.feeds import page_meta
from build_tools.pages import Family
from build_tools.render import Renderer, rel
from build_tools.script import convert, to_hans
from build_tools.slugs import Slugs, slugify

NAMESPACE = "source"


def path(slugs: Slugs, source: str) -> str:
    """The listing page of an outlet (either script's form of its name)."""
    return f"sources/{slugs.get(NAMESPACE, to_hans(source))}.md"


class SourcePages(Family):
    name = "sources"
    order = 50
    folder = "sources"
    index = "sources/index.md"
    nav = "来源媒体"
    browse = "按来源"

    def names(self, case):
        return [(NAMESPACE, to_hans(case.source))] if case.source else []

    def groups(self, r: Renderer, case):
        return [to_hans(case.source)] if case.source else []

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        by_source = r.grouped(self)
        title = r.t("来源媒体", lang)
        body = [f"# {title}", "", f"| {r.t('来源', lang)} | {r.t('案例数', lang)} |", "|---|---|"]
        for name in sorted(by_source, key=lambda n: (-len(by_source[n]), slugify(n), n)):
            body.append(f"| [{r.v(name, lang)}]({rel(self.index, path(r.slugs, name))}) | {len(by_source[name])} |")
        pages = [r.page(self.index, lang, title, body, kind="index")]
        for name, cases in sorted(by_source.items()):
            here = path(r.slugs, name)
            pages += r.paged(here, lang, convert(name, lang), [], cases, kind="listing",
                             **page_meta(r.site_name, here, lang, name))
        return pages
