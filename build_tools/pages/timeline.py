"""Timeline pages: an index (years > months), one page per year listing its months, and one
paginated listing per month, so no page grows with the archive beyond its month."""

from __future__ import annotations

from build_tools.model import Page
from build_tools.pages import Family
from build_tools.render import Renderer


class TimelinePages(Family):
    name = "timeline"
    order = 40
    folder = "timeline"
    index = "timeline/index.md"
    nav = "时间线"
    browse = "按时间"

    def groups(self, r: Renderer, case):
        return [(f"{case.date.year:04d}", f"{case.date.month:02d}")] if case.date else []

    def browse_links(self, r: Renderer, lang: str) -> list[str]:
        years = sorted({f"{c.date.year:04d}" for c in r.cases if c.date})
        return [f"[{y}](timeline/{y}.md)" for y in years]

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        by_month = r.grouped(self)
        years = sorted({year for year, _ in by_month})
        title = r.t("时间线", lang)
        body = [f"# {title}", ""]
        for year in years:
            months = sorted(m for y, m in by_month if y == year)
            body.append(f"- [{year}{r.t('年', lang)}]({year}.md) ({sum(len(by_month[(year, m)]) for m in months)})")
            body += [f"    - [{int(m)}{r.t('月', lang)}]({year}-{m}.md) ({len(by_month[(year, m)])})" for m in months]
        pages = [r.page(self.index, lang, title, body, kind="index")]
        for year in years:
            months = sorted(m for y, m in by_month if y == year)
            year_title = f"{year}{r.t('年', lang)}"
            body = [f"# {year_title}", ""]
            body += [f"- [{int(m)}{r.t('月', lang)}]({year}-{m}.md) ({len(by_month[(year, m)])})" for m in months]
            depends = frozenset(c.case_id for m in months for c in by_month[(year, m)])
            pages.append(r.page(f"timeline/{year}.md", lang, year_title, body, depends, kind="index"))
            for month in months:
                month_title = f"{year}{r.t('年', lang)}{int(month)}{r.t('月', lang)}"
                intro = [f"[{year_title}]({year}.md) › {month_title}", ""]
                pages += r.paged(f"timeline/{year}-{month}.md", lang, month_title, intro, by_month[(year, month)], kind="listing")
        return pages
