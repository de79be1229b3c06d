"""Tag pages: an index of the practice tags (build_tools/data/tags.yml) and one listing per tag."""

from __future__ import annotations

from build_tools.model import Page
from build_tools.outputs.feeds import page_meta
from build_tools.pages import Family
from build_tools.render import Renderer, rel
from build_tools.rules import Vocabulary
from build_tools.script import convert


def path(vocabulary: Vocabulary, name: str) -> str:
    """The listing page of the tag ``name`` (Simplified, from the vocabulary)."""
    return f"tags/{vocabulary.by_name()[name].slug}.md"


class TagPages(Family):
    name = "tags"
    order = 20
    folder = "tags"
    index = "tags/index.md"
    nav = "实践标签"
    browse = "按实践"

    def groups(self, r: Renderer, case):
        return case.tags

    def browse_links(self, r: Renderer, lang: str) -> list[str]:
        return [f"[{r.v(tag.name, lang)}]({path(r.vocabulary, tag.name)})" for tag in r.vocabulary.tags]

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        by_tag = r.grouped(self)
        title = r.t("实践标签", lang)
        body = [f"# {title}", "", r.t("按基层党组织的做法浏览案例。", lang), "",
                f"| {r.t('标签', lang)} | {r.t('说明', lang)} | {r.t('案例数', lang)} |", "|---|---|---|"]
        for tag in r.vocabulary.tags:
            body.append(f"| [{r.v(tag.name, lang)}]({rel(self.index, path(r.vocabulary, tag.name))}) | "
                        f"{r.v(tag.description, lang)} | {len(by_tag.get(tag.name, []))} |")
        pages = [r.page(self.index, lang, title, body, kind="index")]
        for tag in r.vocabulary.tags:
            cases = by_tag.get(tag.name, [])
            here = path(r.vocabulary, tag.name)
            pages += r.paged(here, lang, convert(tag.name, lang),
                             [r.v(tag.description, lang), "", f"{r.t('共', lang)} {len(cases)} {r.t('篇', lang)}", ""],
                             cases, kind="listing", **page_meta(r.site_name, here, lang, tag.name))
        return pages
