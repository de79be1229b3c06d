"""The cases whose original page is gone (front matter ``deleted:``), newest first: the archive's
copies that matter most. Every other listing marks such cases with a badge and can hide them."""

from __future__ import annotations

from build_tools.model import Page
from build_tools.pages import Family
from build_tools.render import Renderer


class DeletedPages(Family):
    name = "deleted"
    order = 60
    folder = "deleted"
    index = "deleted/index.md"
    browse = "原网页已删除的案例"

    def groups(self, r: Renderer, case):
        return ["deleted"] if case.deleted else []

    def browse_links(self, r: Renderer, lang: str) -> list[str]:
        count = len(r.grouped(self).get("deleted", []))
        return [f"{count} {r.t('篇', lang)}"]

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        cases = r.grouped(self).get("deleted", [])
        intro = [r.t("这些案例的原网页已被删除（日期为发现删除的日期）；每篇的页面列出网页快照和原始采集稿。", lang), "",
                 f"{r.t('共', lang)} {len(cases)} {r.t('篇', lang)}", ""]
        return r.paged(self.index, lang, r.t("原网页已删除的案例", lang), intro, cases, toggle=False, kind="listing")
