"""Script utilities: Simplified/Traditional conversion with OpenCC, script detection, and the
character tables the search box uses. Every stage that needs a script's form imports it from here.

The one place that knows which OpenCC implementation is used, so it can be swapped after
measuring. It is the official OpenCC binding (PyPI ``opencc``): on this project's corpus it gives
exactly the same output as opencc-python-reimplemented and converts ~46 MB/s instead of ~1 MB/s,
which matters at 10,000 cases (see README, notes on dependencies, and bench/README.md).
Traditional output is always produced from the Simplified form, so a capture that was badly
machine-converted (黨員干部) comes out right (黨員幹部).
"""

from __future__ import annotations

import functools

import opencc

from build_tools.model import HANS, HANT


@functools.lru_cache(maxsize=None)
def _converter(config: str) -> "opencc.OpenCC":
    try:
        return opencc.OpenCC(f"{config}.json")  # official binding's configuration file name
    except Exception:  # noqa: BLE001 - other builds of the binding take the bare name
        return opencc.OpenCC(config)


@functools.lru_cache(maxsize=65536)
def to_hans(text: str) -> str:
    return _converter("t2s").convert(text) if text else text


@functools.lru_cache(maxsize=65536)
def to_hant(text: str) -> str:
    """Traditional, via Simplified, so mainland-form errors in the input are corrected.

    The round trip is taken only where the input character is itself a Simplified or shared
    mainland form (干, 里, 后); a character that is already distinctly Traditional (乾 in a
    name like 滕乾生) is kept, so the round trip cannot damage correct Traditional text.
    """
    if not text:
        return text
    round_trip = _converter("s2t").convert(to_hans(text))
    if len(round_trip) != len(text):
        return round_trip
    return "".join(new if _is_mainland_form(old) else old for old, new in zip(text, round_trip))


@functools.lru_cache(maxsize=16384)
def _is_mainland_form(char: str) -> bool:
    """True when OpenCC would change the character going to Traditional (a Simplified form)."""
    return _converter("s2t").convert(char) != char or to_hans_char(char) == char


@functools.lru_cache(maxsize=16384)
def to_hans_char(char: str) -> str:
    return _converter("t2s").convert(char)


def convert(text: str, lang: str) -> str:
    return to_hans(text) if lang == HANS else to_hant(text)


def detect_script(text: str) -> str:
    """HANT when more characters change going to Simplified than going to Traditional."""
    sample = text[:4000]
    simplified = to_hans(sample)
    traditional = _converter("s2t").convert(sample)
    to_s = sum(a != b for a, b in zip(sample, simplified))
    to_t = sum(a != b for a, b in zip(sample, traditional))
    return HANT if to_s > to_t else HANS


@functools.lru_cache(maxsize=None)
def char_tables() -> tuple[dict[str, str], dict[str, str]]:
    """Character-level Simplified -> Traditional and Traditional -> Simplified for every CJK
    ideograph (the unified blocks and compatibility ideographs) that OpenCC changes, each
    character taken alone (its first candidate). The search box converts with these in the
    browser, where phrase-level conversion is not available (build_tools/searchindex.py)."""
    chars = [chr(c) for c in (*range(0x3400, 0xA000), *range(0xF900, 0xFB00))]
    joined = "\n".join(chars)  # one conversion each way; phrases never span a line break
    tables = []
    for config in ("s2t", "t2s"):
        converted = _converter(config).convert(joined).split("\n")
        assert len(converted) == len(chars)
        tables.append({c: t for c, t in zip(chars, converted) if t != c and len(t) == 1})
    return tables[0], tables[1]
