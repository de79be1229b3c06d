"""Case pages: one page per case, in both scripts, at ``cases/<case id>.md``.

They are most of the site, so they are written as finished HTML (template
``build_tools/templates/case.html``, which a site may replace: build_tools/templating.py), not
Markdown: the MkDocs adapter hands them to the theme without a Markdown pass. Links in them are
final URLs (``Renderer.href``). Every value the template prints is HTML-escaped by its
environment; the front matter (``meta``) is data, escaped by the adapter for the theme.
"""

from __future__ import annotations

import dataclasses
import functools

from build_tools import citation as cite
from build_tools import dates, provenance, templating
from build_tools.model import HANT, Case, Page
from build_tools.pages import Family, regions, sources, tags
from build_tools.render import HEADING_IDS, SECTION_ID, Renderer, case_path, md_url
from build_tools.script import convert

TEMPLATE = "case.html"


class Link:
    """A link for the template: ``href`` (a relative URL) and ``text``, both printed escaped."""

    __slots__ = ("href", "text")

    def __init__(self, href: str, text: str):
        self.href, self.text = href, text


def citation(r: Renderer, case: Case, lang: str) -> dict:
    """The case's reference (build_tools/citation.py) for the template: GB/T 7714-2015 text around
    the access date (``before``, ``accessed``, ``after``) and the formats of its menu
    (``formats``: [label, file name, media type, text])."""
    f = cite.fields(case, r.vv(case, lang), lang)
    before, after = cite.gbt7714(f, r.t("等", lang))
    return {
        "before": before, "accessed": r.t(cite.ACCESSED, lang), "after": after,
        "formats": [("BibTeX", f"{case.case_id}.bib", "application/x-bibtex", cite.bibtex(f)),
                    ("RIS", f"{case.case_id}.ris", "application/x-research-info-systems", cite.ris(f)),
                    ("CSL-JSON", f"{case.case_id}.json", "application/vnd.citationstyles.csl+json", cite.csl(f))],
    }


def _c(value: str | None, lang: str) -> str | None:
    return convert(value, lang) if value else None


class CasePages(Family):
    name = "case"
    order = 10
    shows_text = True
    folder = "cases"

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        template = templating.template(TEMPLATE, r.template_dirs)
        t = lambda text: r.t(text, lang)  # noqa: E731
        pages = []
        for index, case in enumerate(r.cases):
            path = case_path(case)
            neighbours = {}
            if index > 0:
                neighbours["previous"] = r.cases[index - 1]
            if index + 1 < len(r.cases):
                neighbours["next"] = r.cases[index + 1]
            # the page shows its case and its neighbours' titles: kept when its case did not
            # change and its neighbours' titles did not
            depends = frozenset([case.case_id, *(other.case_id for other in neighbours.values())])
            kept = r.kept(path, lang, depends, own=case.case_id)
            if kept is not None:
                r.reused += 1
                pages.append(kept)
                continue
            fields = r.vv(case, lang)
            title = fields["title"] or case.case_id

            def link(target: str, text: str) -> Link:
                return Link(r.href(path, target), text)

            origin = t("网页采集稿，经自动清理（去除网站导航、插入拼音与乱码）")
            if case.script != lang:
                origin += (t("；原文为") + t("繁体" if case.script == HANT else "简体")
                           + t("，本页由程序转换字形"))
            levels = case.region.levels() if case.region else []
            url = md_url(case.url) if case.url else ""
            paragraphs = fields["paragraphs"]
            # each script's paragraphs are the capture's, converted one for one (convert.case_variants)
            marks = r.sections(case) if len(paragraphs) == len(case.paragraphs) else ()
            heads = {i: SECTION_ID.format(n) for n, i in enumerate(marks, 1)}
            values = dict(
                t=t, lang=lang, case=case, fields=fields, ids=HEADING_IDS, title=title,
                subtitle=fields["subtitle"] if case.subtitle else None,
                date=dates.iso(case.date) or "",
                source=link(sources.path(r.slugs, case.source), fields["source"]) if case.source else None,
                authors=fields["authors"] if case.authors else [],
                credits=fields["credits"],
                region=[link(regions.path(r.slugs, levels[:i + 1]), convert(name, lang)) for i, name in enumerate(levels)],
                tags=[link(tags.path(r.vocabulary, name), convert(name, lang)) for name in case.tags],
                url=Link(url, case.url) if url else None,
                snapshots=[Link(md_url(s), provenance.snapshot_label(s)) for s in case.archive if md_url(s)],
                captured=dates.iso(case.captured), deleted=dates.iso(case.deleted),
                capture=Link(r.root_href(path) + ("../" if lang == HANT else "") + provenance.capture_path(case),
                             t("查看提交时的原文（纯文本）")),
                origin=origin,
                note=fields["note"] if case.note else None,
                paragraphs=[(heads.get(i), text) for i, text in enumerate(paragraphs)],
                citation=citation(r, case, lang),
                pager=[(t("上一篇" if key == "previous" else "下一篇"),
                        link(case_path(other), r.vv(other, lang)["title"] or other.case_id))
                       for key, other in neighbours.items()],
            )
            meta = {
                "date": dates.iso(case.date), "source": fields["source"],
                "authors": list(fields["authors"]),
                "credits": {role: list(names) for role, names in fields["credits"]},
                "region": {"province": _c(case.region.province, lang), "city": _c(case.region.city, lang),
                           "county": _c(case.region.county, lang)},
                "tags": [convert(name, lang) for name in case.tags], "url": case.url, "script": case.script,
                "archive": list(case.archive), "captured": dates.iso(case.captured), "deleted": dates.iso(case.deleted),
                "subtitle": fields["subtitle"], "case_id": case.case_id,
                "kind": "case", "headings": [title, t("引用本文")], "case_file": case.path,
                "description": cite.summary(paragraphs),
            }
            if heads:
                meta["sections"] = [[heads[i], paragraphs[i].strip()] for i in marks]
            if r.deferred:  # the HTML when the page is written: Page.html
                page = r.page(path, lang, title, [], depends, **meta)
                pages.append(dataclasses.replace(page, body="", html=functools.partial(_html, template, values)))
            else:
                pages.append(r.page(path, lang, title, [_html(template, values)], depends, **meta))
        return pages


def _html(template, values: dict) -> str:
    """A case page's HTML, as the host reads it from the page's Markdown file (Renderer.page)."""
    return (template.render(**values).rstrip() + "\n").lstrip("\n")
