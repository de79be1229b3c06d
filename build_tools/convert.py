"""Convert stage: every text field of a case in both scripts (zh-Hans and zh-Hant).

The conversion itself (OpenCC, which implementation, the mainland-form rules) lives in
build_tools/script.py, below the stages; this stage only applies it to a case.
"""

from __future__ import annotations

from build_tools.model import HANS, HANT
from build_tools.script import convert


def case_variants(case) -> dict[str, dict]:
    """Every text field of a case in both scripts (the convert stage's output)."""
    variants = {}
    for lang in (HANS, HANT):
        variants[lang] = {
            "title": convert(case.title, lang) if case.title else None,
            "subtitle": convert(case.subtitle, lang) if case.subtitle else None,
            "source": convert(case.source, lang) if case.source else None,
            "authors": [convert(a, lang) for a in case.authors],
            "credits": [[convert(c.role, lang), [convert(n, lang) for n in c.names]] for c in case.credits],
            "note": convert(case.note, lang) if case.note else None,
            "paragraphs": convert("\n".join(case.paragraphs), lang).split("\n") if case.paragraphs else [],
        }
    return variants
