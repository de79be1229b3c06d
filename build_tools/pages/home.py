"""The home page: what the archive is, its numbers, the newest cases, and the browse list (one
line per family that declares ``browse``, from the registry)."""

from __future__ import annotations

from build_tools import dates
from build_tools.model import Page
from build_tools.outputs.feeds import page_meta
from build_tools.pages import Family
from build_tools.render import Renderer, md_text
from build_tools.script import convert, to_hans

NEWEST = 10  # newest cases listed


class HomePage(Family):
    name = "home"
    order = 90  # rendered last: it summarises the others
    index = "index.md"
    nav = "首页"
    nav_order = 0

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        t = lambda s: r.t(s, lang)  # noqa: E731
        days = [dates.iso(c.date) for c in r.cases if c.date]
        provinces = {c.region.province for c in r.cases if c.region}
        sources = {to_hans(c.source) for c in r.cases if c.source}
        body = [f"# {md_text(convert(r.site_name, lang))}", "",
                t("本站收录2020—2021年各地基层党组织组织抗击新冠肺炎疫情和防汛救灾的案例文章。文章采自网络，经程序清理（去除网站导航、插入拼音和乱码），提取标题、日期、来源、作者与地区，并提供简体、繁体两种字形。"), "",
                f"## {t('概况')}", "",
                f"| {t('案例')} | {t('省份')} | {t('来源媒体')} | {t('实践标签')} | {t('时间范围')} |", "|---|---|---|---|---|",
                f"| {len(r.cases)} | {len(provinces)} | {len(sources)} | {len(r.vocabulary.tags)} | {(min(days) + ' — ' + max(days)) if days else '—'} |", "",
                f"## {t('最新收录')}", ""]
        body += r.listing(r.cases[-NEWEST:], lang, self.index)
        body += ["", f"## {t('浏览')}", ""]
        for family in r.families:
            if family.browse and family.index:
                links = family.browse_links(r, lang)
                body.append(f"- [{t(family.browse)}]({family.index})" + ("：" + " · ".join(links) if links else ""))
        return [r.page(self.index, lang, t("首页"), body, kind="home", **page_meta(r.site_name, self.index, lang))]
