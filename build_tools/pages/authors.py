"""Author pages: an index of the cases' authors (by the first letter of their pinyin) and one
listing per author, in both scripts.

An author is known by the Simplified form of the name as the convert stage gives it (names are
converted character by character, so 于建华 and 於建華 are one author); the page's URL is a
function of that name alone (build_tools/slugs.py: pinyin and four hex digits of the name's
hash, as for sources): 陈玲 -> ``authors/chenling-xxxx.md``, the same in both scripts.
"""

from __future__ import annotations

from build_tools.convert import case_variants
from build_tools.model import HANS, Case, Page
from build_tools.pages import Family
from build_tools.render import Renderer, md_text, rel
from build_tools.slugs import Slugs, slugify

NAMESPACE = "author"


def _names(case: Case, lang: str = HANS) -> list[str]:
    if not case.authors:
        return []
    return list((case.variants.get(lang) or case_variants(case)[lang])["authors"])


def path(slugs: Slugs, name: str) -> str:
    """The listing page of an author (the Simplified form of the name)."""
    return f"authors/{slugs.get(NAMESPACE, name)}.md"


class AuthorPages(Family):
    name = "authors"
    order = 60
    folder = "authors"
    index = "authors/index.md"
    browse = "按作者"

    def names(self, case):
        return [(NAMESPACE, name) for name in _names(case)]

    def groups(self, r: Renderer, case):
        return list(dict.fromkeys(path(r.slugs, name) for name in _names(case)))

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        by_path = r.grouped(self)
        # each page shows its first case's form of the name, in the page's script; both scripts
        # list the authors in the order of the Simplified names' pinyin
        hans: dict[str, str] = {}
        shown: dict[str, str] = {}
        for case in r.cases:
            for simplified, name in zip(_names(case), _names(case, lang)):
                hans.setdefault(path(r.slugs, simplified), simplified)
                shown.setdefault(path(r.slugs, simplified), name)
        title = r.t("作者", lang)
        body = [f"# {title}", "", r.t("按作者浏览案例（括号内为案例数）。", lang)]
        letter = None
        for page in sorted(by_path, key=lambda p: (slugify(hans[p]), hans[p], p)):
            if slugify(hans[page])[:1].upper() != letter:
                letter = slugify(hans[page])[:1].upper()
                body += ["", f"## {letter}", ""]
            body.append(f"- [{md_text(shown[page])}]({rel(self.index, page)}) ({len(by_path[page])})")
        pages = [r.page(self.index, lang, title, body, kind="index")]
        for page, cases in sorted(by_path.items()):
            pages += r.paged(page, lang, shown[page], [], cases, kind="listing")
        return pages
