"""ASCII slugs (pinyin) for URLs; the same in both script variants."""

from __future__ import annotations

import functools
import re

from pypinyin import Style, lazy_pinyin

from build_tools.script import to_hans


@functools.lru_cache(maxsize=65536)
def slugify(text: str, max_syllables: int = 0, separator: str = "") -> str:
    syllables = lazy_pinyin(to_hans(text), style=Style.NORMAL, errors=lambda chars: [c for c in chars])
    words = [re.sub(r"[^a-z0-9]", "", s.lower().replace("ü", "v")) for s in syllables]
    words = [w for w in words if w]
    if max_syllables:
        words = words[:max_syllables]
    return separator.join(words) or "x"
