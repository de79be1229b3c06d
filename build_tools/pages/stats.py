"""The statistics page: cases per month, per province (a map and bars), per practice tag and per
outlet, drawn at build time as inline SVG (build_tools/charts.py), each with its figures as a
table. The home page shows the month chart and the map from here (``month_chart``, ``map_chart``).
"""

from __future__ import annotations

from collections import Counter

from build_tools import charts, gazetteer
from build_tools.model import Page
from build_tools.pages import Family, regions, sources, tags
from build_tools.render import Renderer, md_text
from build_tools.script import convert, to_hans
from build_tools.slugs import slugify

INDEX = "stats/index.md"
TOP_OUTLETS = 20  # outlets drawn; the sources index lists them all


def _months(r: Renderer) -> list[tuple[int, int]]:
    """Every month from the first case's to the last's, months without a case included."""
    found = sorted({(c.date.year, c.date.month) for c in r.cases if c.date})
    if not found:
        return []
    (y, m), last, out = found[0], found[-1], []
    while (y, m) <= last:
        out.append((y, m))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def month_chart(r: Renderer, lang: str, from_path: str) -> str:
    t = lambda s: r.t(s, lang)  # noqa: E731
    counts = Counter((c.date.year, c.date.month) for c in r.cases if c.date)
    months = _months(r)
    bars = [charts.Bar(f"{y}{t('年')}{m}{t('月')}", counts[(y, m)],  # a month without a case has no page
                       r.href(from_path, f"timeline/{y:04d}-{m:02d}.md") if counts[(y, m)] else None)
            for y, m in months]
    ticks = [(f"{m}\n{y}" if m == 1 or i == 0 else str(m)) if len(months) <= 36 or m in (1, 7) or i == 0 else ""
             for i, (y, m) in enumerate(months)]
    undated = sum(1 for c in r.cases if not c.date)
    span = f"{bars[0].label}—{bars[-1].label}" if bars else "—"
    desc = t(f"柱形图：{span}每月收录的案例数，最多的一个月 {max(counts.values(), default=0)} 篇。") + (
        t(f"另有 {undated} 篇日期不详，未计入。") if undated else "")
    return charts.columns("chart-months", t("每月案例数"), desc, bars, (t("月份"), t("案例数")), t("查看数据表"), t("篇"), ticks)


def map_chart(r: Renderer, lang: str, from_path: str) -> str:
    t = lambda s: r.t(s, lang)  # noqa: E731
    counts = Counter(c.region.province for c in r.cases if c.region)
    places = gazetteer.default()
    provinces = {}
    for item in charts.map_data()["provinces"]:
        name = places.by_code[item["code"]].name
        href = r.href(from_path, regions.path(r.slugs, [name])) if counts[name] else None
        provinces[item["code"]] = (convert(name, lang), counts[name], href)
    unplaced = sum(1 for c in r.cases if not c.region)
    desc = t(f"中国地图，34 个省级行政区按案例数深浅着色，{len(counts)} 个省级行政区有案例；"
             "点击有案例的省份打开该省的案例列表。") + (t(f"另有 {unplaced} 篇未定地区，未计入。") if unplaced else "")
    return charts.province_map("chart-map", t("各省案例分布图"), desc, provinces, (t("省份"), t("案例数")),
                               t("查看数据表"), t("篇"), t("案例数："))


def _hbars(r: Renderer, lang: str, ident: str, title: str, what: str, counts: Counter, href) -> str:
    t = lambda s: r.t(s, lang)  # noqa: E731
    ranked = sorted(counts, key=lambda k: (-counts[k], slugify(k), k))
    bars = [charts.Bar(convert(k, lang), counts[k], href(k)) for k in ranked]
    desc = t(f"条形图：{what}的案例数，从多到少排列。")
    return charts.hbars(ident, title, desc, bars, (t(what), t("案例数")), t("查看数据表"), t("篇"))


class StatsPage(Family):
    name = "stats"
    order = 85
    index = INDEX
    nav = "统计"
    nav_order = 75
    browse = "统计图表"

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        t = lambda s: r.t(s, lang)  # noqa: E731
        here = self.index
        provinces = Counter(c.region.province for c in r.cases if c.region)
        tag_counts = Counter(name for c in r.cases for name in c.tags)
        outlets = Counter(to_hans(c.source) for c in r.cases if c.source)
        top = Counter(dict(sorted(outlets.items(), key=lambda kv: (-kv[1], slugify(kv[0]), kv[0]))[:TOP_OUTLETS]))
        title = t("统计")
        body = [f"# {md_text(title)}", "",
                t(f"本站 {len(r.cases)} 篇案例按月份、省份、实践标签和来源媒体的分布。图下可展开数据表；"
                  "点击柱形、省份或名称打开相应的案例列表。"), "",
                f"## {t('按月份')}", "", month_chart(r, lang, here), "",
                f"## {t('按省份')}", "", map_chart(r, lang, here), "",
                _hbars(r, lang, "chart-provinces", t("各省案例数"), "省份", provinces,
                       lambda k: r.href(here, regions.path(r.slugs, [k]))), "",
                f"## {t('按实践标签')}", "",
                _hbars(r, lang, "chart-tags", t("各实践标签案例数"), "实践标签", tag_counts,
                       lambda k: r.href(here, tags.path(r.vocabulary, k))), "",
                f"## {t('按来源媒体')}", ""]
        if len(outlets) > TOP_OUTLETS:
            body += [t(f"共 {len(outlets)} 家来源媒体，下图为案例最多的 {TOP_OUTLETS} 家；全部见") +
                     f"[{t('来源媒体')}](../sources/index.md)" + t("。"), ""]
        body += [_hbars(r, lang, "chart-outlets", t("各来源媒体案例数"), "来源媒体", top,
                        lambda k: r.href(here, sources.path(r.slugs, k))), ""]
        return [r.page(self.index, lang, title, body, kind="index")]
