"""The search results page, ``search/`` in each script: a search box, the count of results,
filters by tag, province, year and source, and the results. The page is a frame the browser
fills in (build_tools/mkdocs/theme/assets/case-search-page.js, with the search core beside it);
the query and filters are in its URL (``search/?q=党员&tag=临时党支部&year=2020``), so a search
can be shared and reloaded. Its texts are written here in Simplified and converted for the
Traditional site, like every UI text."""

from __future__ import annotations

import html
import json

from build_tools.model import Page
from build_tools.pages import Family
from build_tools.render import Renderer

INDEX = "search/index.md"

# The page's texts, handed to its script (``{n}``: a number).
TEXTS = {
    "count": "共 {n} 条结果",
    "about": "至多 {n} 条结果（长词逐条核对后可能略少）",
    "none": "没有找到结果",
    "short": "请至少输入两个字",
    "empty": "输入字词后按回车搜索。多个词用空格分开，每个词都要出现。",
    "failed": "搜索暂时无法使用，请重新加载页面",
    "more": "更多结果",
    "clear": "清除筛选",
    "filters": "筛选",
    "remove": "取消筛选：",
    "all": "显示全部 {n} 项",
    "year": "{n}年",
    "source": "来源",
    "loading": "正在搜索…",
    "facet_tag": "标签",
    "facet_province": "省份",
    "facet_year": "年份",
    "facet_source": "来源",
}
LABELS = {"s": "副标题", "o": "来源", "a": "作者", "r": "地区", "g": "标签"}  # the excerpt's field labels


class SearchPage(Family):
    name = "search"
    order = 85
    folder = "search"
    index = INDEX

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        t = lambda s: r.t(s, lang)  # noqa: E731
        texts = json.dumps({k: t(v) for k, v in TEXTS.items()}, ensure_ascii=False, sort_keys=True)
        labels = json.dumps({k: t(v) for k, v in LABELS.items()}, ensure_ascii=False, sort_keys=True)
        attr = lambda s: html.escape(s, quote=True)  # noqa: E731
        title = t("搜索")
        body = [
            f"# {title}", "",
            f'<div class="case-results" id="case-results" data-texts="{attr(texts)}" data-labels="{attr(labels)}">',
            '<form class="case-results__form" role="search" action="." method="get">',
            f'<input class="case-results__input" id="case-results-input" type="search" name="q" autocomplete="off" '
            f'aria-label="{attr(t("搜索案例"))}" placeholder="{attr(t("输入要搜索的字词"))}" aria-keyshortcuts="/">',
            f'<button class="md-button md-button--primary case-results__go" type="submit">{attr(title)}</button>',
            "</form>",
            f'<p class="case-results__keys">{attr(t("按 / 到搜索框，↑ ↓ 在结果间移动，回车打开，Esc 清空。"))}</p>',
            '<p class="case-results__count" id="case-results-count" role="status" aria-live="polite"></p>',
            '<div class="case-results__chosen" id="case-results-chosen"></div>',
            '<div class="case-results__body">',
            f'<div class="case-results__facets" id="case-results-facets" aria-label="{attr(t("筛选"))}" role="group"></div>',
            '<div class="case-results__main">',
            '<ol class="case-results__list" id="case-results-list" aria-busy="true"></ol>',
            "</div>",
            "</div>",
            f'<noscript><p>{attr(t("搜索需要浏览器启用 JavaScript。也可以按标签、地区、时间或来源浏览。"))}</p></noscript>',
            "</div>",
        ]
        # the facets take the place of the nav and contents sidebars (Material's ``hide``)
        return [r.page(INDEX, lang, title, body, frozenset(), kind="search", hide=["navigation", "toc"])]
