"""Region pages: the province > city > county tree, and one listing per region at every level.

A region's URL is the chain of its levels' slugs (official gazetteer names in plain pinyin,
build_tools/slugs.py): ``regions/zhejiangsheng/wuxishi/index.md``."""

from __future__ import annotations

from collections import defaultdict

from build_tools.model import Page
from build_tools.outputs.feeds import page_meta
from build_tools.pages import Family
from build_tools.render import Renderer, rel
from build_tools.script import convert
from build_tools.slugs import Slugs, slugify


def namespace(parents: list[str]) -> str:
    """Slug namespace of a region name: its parent levels (two counties of one name in two cities differ)."""
    return "region:" + "/".join(parents)


def path(slugs: Slugs, levels: list[str]) -> str:
    parts = [slugs.get(namespace(levels[:i]), name) for i, name in enumerate(levels)]
    return "regions/" + "/".join(parts) + "/index.md"


class RegionPages(Family):
    name = "regions"
    order = 30
    folder = "regions"
    index = "regions/index.md"
    nav = "地区"
    browse = "按地区"

    def names(self, case):
        levels = case.region.levels() if case.region else []
        return [(namespace(levels[:depth]), name) for depth, name in enumerate(levels)]

    def groups(self, r: Renderer, case):
        levels = case.region.levels()
        return [tuple(levels[:depth]) for depth in range(1, len(levels) + 1)]

    def browse_links(self, r: Renderer, lang: str) -> list[str]:
        provinces = {c.region.province for c in r.cases if c.region}
        return [f"[{r.v(p, lang)}]({path(r.slugs, [p])})" for p in sorted(provinces, key=lambda p: (slugify(p), p))]

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        tree = r.grouped(self)
        title = r.t("地区", lang)
        body = [f"# {title}", "", r.t("按省、市、县浏览案例（括号内为案例数）。", lang), ""]
        for key in sorted(tree, key=lambda k: ([slugify(x) for x in k], k)):
            indent = "    " * (len(key) - 1)
            body.append(f"{indent}- [{r.v(key[-1], lang)}]({rel(self.index, path(r.slugs, list(key)))}) ({len(tree[key])})")
        unplaced = [c for c in r.cases if not c.region]
        if unplaced:
            body += ["", f"{r.t('未定地区（全国性或多地）', lang)}：{len(unplaced)} {r.t('篇', lang)}"]
        pages = [r.page(self.index, lang, title, body, kind="index")]
        children_of: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
        for key in tree:
            if len(key) > 1:
                children_of[key[:-1]].append(key)
        for key, cases in sorted(tree.items()):
            here = path(r.slugs, list(key))
            kept = r.kept_listing(here, lang, cases)  # an incremental build: the pages need no intro
            if kept:
                pages += kept
                continue
            crumbs = [f"[{r.v(name, lang)}]({rel(here, path(r.slugs, list(key[:i + 1])))})" for i, name in enumerate(key[:-1])]
            children = sorted(children_of[key])
            intro = []
            if crumbs:
                intro += [" › ".join(crumbs + [r.v(key[-1], lang)]), ""]
            if children:
                intro += [r.t("下级地区：", lang) + " · ".join(
                    f"[{r.v(k[-1], lang)}]({rel(here, path(r.slugs, list(k)))}) ({len(tree[k])})" for k in children), ""]
            feed = page_meta(r.site_name, here, lang, key[0]) if len(key) == 1 else {}  # provinces have feeds
            pages += r.paged(here, lang, convert(key[-1], lang), intro, cases, kind="listing", **feed)
        return pages
