"""Removal of pinyin that mirror sites insert after characters, part of the clean stage.

Two styles are seen: tone-marked readings after each character, ``網(wǎng)``, and toneless
readings in brackets followed by a space, ``黨(dang) 旗``. A bracket is removed only when its
content is a pinyin reading of the character before it (checked with pypinyin), so real
parentheses such as ``鄉鎮(街道)`` or ``(covid)`` are never touched.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from pypinyin import Style, pinyin

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_BRACKET = re.compile(rf"(?P<char>[\u3400-\u9fff□?])[(（](?P<syl>[a-zü{_TONE}]{{1,6}})[)）](?P<space> (?=[\u3400-\u9fff]))?")


@functools.lru_cache(maxsize=4096)
def _strip_tone(syllable: str) -> str:
    decomposed = unicodedata.normalize("NFD", syllable.replace("ü", "v"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("v", "u")


@functools.lru_cache(maxsize=20000)
def readings(char: str) -> frozenset[str]:
    """Toneless readings of a character (all heteronyms), e.g. 行 -> {xing, hang, ...}."""
    result = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    return frozenset(_strip_tone(r) for group in result for r in group)


def remove(text: str) -> tuple[str, int]:
    """Return text without inserted pinyin, and how many readings were removed."""
    count = 0

    def replace(match: re.Match[str]) -> str:
        nonlocal count
        char, syllable = match.group("char"), match.group("syl")
        toned = any(c in _TONE for c in syllable)
        plain = _strip_tone(syllable)
        if char in "□?":
            if not toned:
                return match.group(0)
        elif plain not in readings(char):
            return match.group(0)
        count += 1
        # the toneless style inserts a space after the bracket; the tone-marked style does not
        return char if not toned else char + (match.group("space") or "")

    return _BRACKET.sub(replace, text), count
