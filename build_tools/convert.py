"""Convert stage: every text field of a case in both scripts (zh-Hans and zh-Hant).

The conversion itself (OpenCC, the archive's Traditional standard, phrase lists, places and
person names) lives in build_tools/script.py and build_tools/propernames.py, below the stages;
this stage applies it to a case, protecting the names the case gives: its authors, the names in
its credits and its front matter's ``names:`` list.
"""

from __future__ import annotations

from build_tools.model import HANS, HANT
from build_tools.propernames import name_spans
from build_tools.script import convert_text


def protected_names(case) -> frozenset[str]:
    names = {*case.authors, *(n for c in case.credits for n in c.names), *getattr(case, "names", ())}
    return frozenset(n for n in names if n and len(n) <= 8)


def case_variants(case) -> dict[str, dict]:
    """Every text field of a case in both scripts (the convert stage's output)."""
    names = protected_names(case)

    spans: dict[str, list] = {}  # each text's names found once, for both scripts

    def conv(text, lang):
        if not text:
            return text
        if text not in spans:
            spans[text] = name_spans(text, names)
        converted = convert_text(text, lang, names, spans[text])
        return text if converted == text else converted  # the capture's own string: held once

    def lines(paragraphs, lang):
        converted = conv("\n".join(paragraphs), lang).split("\n") if paragraphs else []
        if len(converted) != len(paragraphs):
            return converted
        return [old if old == new else new for old, new in zip(paragraphs, converted)]

    variants = {}
    for lang in (HANS, HANT):
        variants[lang] = {
            "title": conv(case.title, lang) or None,
            "subtitle": conv(case.subtitle, lang) or None,
            "source": conv(case.source, lang) or None,
            "authors": [conv(a, lang) for a in case.authors],
            "credits": [[conv(c.role, lang), [conv(n, lang) for n in c.names]] for c in case.credits],
            "note": conv(case.note, lang) or None,
            "paragraphs": lines(case.paragraphs, lang),
        }
    return variants
