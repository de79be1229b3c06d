"""A case's reference in the formats readers paste: GB/T 7714-2015 text, BibTeX, RIS and
CSL-JSON (the page's schema.org ``Article`` is written by the theme, build_tools/mkdocs/theme/main.html).

Everything here is a function of the case and the page's script, so two builds give the same
bytes. The access date that GB/T 7714 (``[引用日期]``), BibTeX (``urldate``), RIS (``Y2``) and
CSL-JSON (``accessed``) ask for is the reader's, not the build's: the case page's script
(assets/case-archive.js) fills it in when the reader copies or downloads a reference.
"""

from __future__ import annotations

import json
import re

import bibtexparser
import rispy
from bibtexparser import model as bib

from build_tools import dates
from build_tools.model import Case

ACCESSED = "[引用日期]"  # GB/T 7714-2015's access date, in the page's script; filled in by the reader's browser
_SPACE = re.compile(r"\s+")
# BibTeX counts every brace, escaped or not: an unbalanced one in untrusted text would swallow
# the rest of the entry, so braces and backslashes become their full-width forms; LaTeX's other
# special characters are escaped
_BIBTEX = str.maketrans({"{": "｛", "}": "｝", "\\": "＼", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#",
                         "_": r"\_", "~": "～", "^": "＾"})


def _one_line(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


class _Ris(rispy.RisWriter):
    def set_header(self, count: int) -> str:
        return ""  # one reference per file: no "1." counter line before it


def fields(case: Case, variant: dict, lang: str) -> dict:
    """The reference's fields in the page's script (``variant``: the case's text fields in it)."""
    title = _one_line(variant["title"]) or case.case_id
    subtitle = _one_line(variant["subtitle"]) if case.subtitle else ""
    return {
        "id": case.case_id, "lang": lang, "title": title, "subtitle": subtitle,
        "authors": [_one_line(a) for a in (variant["authors"] if case.authors else ()) if _one_line(a)],
        "source": _one_line(variant["source"]) if case.source else "",
        "date": dates.iso(case.date) or "", "url": case.url or "",
    }


def gbt7714(f: dict, et_al: str) -> tuple[str, str]:
    """GB/T 7714-2015 reference of an online article, as (text before the access date, text after):
    主要责任者. 题名[EB/OL]. 出版者, 出版日期[引用日期]. 获取和访问路径."""
    head = ""
    if f["authors"]:
        head = ", ".join(f["authors"][:3]) + (f", {et_al}" if len(f["authors"]) > 3 else "") + ". "
    head += f["title"] + (f"：{f['subtitle']}" if f["subtitle"] else "") + "[EB/OL]. "
    if f["source"]:
        head += f["source"] + ", " + f["date"]
    elif f["date"]:
        head += f"({f['date']})"
    tail = f". {f['url']}." if f["url"] else "."
    return head, tail


def bibtex(f: dict) -> str:
    entry = [bib.Field("title", "{" + (f["title"] + (": " + f["subtitle"] if f["subtitle"] else "")).translate(_BIBTEX) + "}")]
    if f["authors"]:
        entry.insert(0, bib.Field("author", " and ".join("{" + a.translate(_BIBTEX) + "}" for a in f["authors"])))
    if f["source"]:
        entry.append(bib.Field("organization", f["source"].translate(_BIBTEX)))
    if f["date"]:
        entry.append(bib.Field("date", f["date"]))
    if f["url"]:
        entry.append(bib.Field("url", f["url"].translate(str.maketrans({"{": "%7B", "}": "%7D", "\\": "%5C"}))))
    entry.append(bib.Field("langid", "chinese"))
    library = bibtexparser.Library()
    library.add(bib.Entry("online", f["id"], entry))
    return bibtexparser.write_string(library).strip() + "\n"


def ris(f: dict) -> str:
    ref = {"type_of_reference": "ELEC", "title": f["title"] + (": " + f["subtitle"] if f["subtitle"] else "")}
    if f["authors"]:
        ref["authors"] = f["authors"]
    if f["source"]:
        ref["publisher"] = f["source"]
    if f["date"]:
        ref["date"] = f["date"].replace("-", "/")
        ref["year"] = f["date"][:4]
    if f["url"]:
        ref["urls"] = [f["url"]]
    ref["language"] = f["lang"]
    return rispy.dumps([ref], implementation=_Ris).replace("\r\n", "\n")


def csl(f: dict) -> str:
    item = {"id": f["id"], "type": "webpage", "title": f["title"], "language": f["lang"]}
    if f["subtitle"]:
        item["title"] += "：" + f["subtitle"]
    if f["authors"]:
        item["author"] = [{"literal": a} for a in f["authors"]]
    if f["source"]:
        item["container-title"] = f["source"]
        item["publisher"] = f["source"]
    if f["date"]:
        item["issued"] = {"date-parts": [[int(p) for p in f["date"].split("-")]]}
    if f["url"]:
        item["URL"] = f["url"]
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def summary(paragraphs, limit: int = 120) -> str:
    """The first ``limit`` characters of the article (the page's description)."""
    text = _one_line(" ".join(paragraphs[:3]))
    return text if len(text) <= limit else text[:limit].rstrip() + "…"
