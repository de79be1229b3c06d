"""How plausible a stretch of Chinese text is, from character frequencies (data/charfreq.tsv).

Used to tell text from noise: which legacy encoding a file is in, and which reading of a
mojibake stretch is the real one.
"""

from __future__ import annotations

import functools
import pathlib

CHARFREQ = pathlib.Path(__file__).resolve().parent / "data" / "charfreq.tsv"
PUNCTUATION = set("，。、；：？！“”‘’（）《》〈〉【】—…·「」『』,.;:?!()- ")
# Punctuation marks are the most frequent "characters" of Chinese text, above any Han character.
PUNCTUATION_SCORE = 5.5


@functools.lru_cache(maxsize=1)
def frequencies() -> dict[str, float]:
    table: dict[str, float] = {}
    for line in CHARFREQ.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            char, value = line.split("\t")
            table[char] = float(value)
    return table


def char_score(char: str) -> float:
    """log10 frequency for Han characters (Traditional looked up via Simplified), 0 if unknown."""
    from build_tools.script import to_hans_char

    table = frequencies()
    return max(table.get(char, 0.0), table.get(to_hans_char(char), 0.0))


def plausibility(text: str) -> float:
    """Mean score per character: Han by frequency, punctuation and ASCII alnum neutral-good,
    other symbols (box drawing, geometric shapes, private use) bad."""
    if not text:
        return 0.0
    total = 0.0
    for char in text:
        if "\u3400" <= char <= "\u9fff":
            total += char_score(char)
        elif char in PUNCTUATION:
            total += PUNCTUATION_SCORE
        elif char.isascii() and char.isalnum():
            total += 3.0
        else:
            total -= 2.0
    return total / len(text)
