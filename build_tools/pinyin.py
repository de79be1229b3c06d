"""Removal of pinyin that mirror sites insert after characters, part of the clean stage.

Two styles are seen: tone-marked readings after each character, ``網(wǎng)``, and toneless
readings in brackets followed by a space, ``黨(dang) 旗``. A bracket is removed only when its
content is a pinyin reading of the character before it (checked with pypinyin), so real
parentheses such as ``鄉鎮(街道)`` or ``(covid)`` are never touched.

Where the capture lost the character but kept the reading the mirror put after it (``日□(bào)``),
:func:`recover` chooses the character back from that reading (the mojibake repair calls it).
"""

from __future__ import annotations

import collections
import functools
import re
import unicodedata

from pypinyin import Style, pinyin

_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_BRACKET = re.compile(rf"(?P<char>[\u3400-\u9fff□?])[(（](?P<syl>[a-zü{_TONE}]{{1,6}})[)）](?P<space> (?=[\u3400-\u9fff]))?")
# a third style reads a whole word, its syllables run together: 清理(qīnglǐ), 党员（dǎngyuán); or, as a
# dictionary prints it, spaced out in square brackets: 涿州[zhuō zhōu]
_WORD_BRACKET = re.compile(rf"(?P<word>[\u3400-\u9fff]{{2,4}})(?:[(（](?P<syl>[a-zü{_TONE}]{{2,24}})[)）]"
                           rf"|\[(?P<spaced>[a-zü{_TONE}]{{1,6}}(?: [a-zü{_TONE}]{{1,6}}){{1,3}})\])")


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
        toned = _inserted(char, syllable)
        if toned is None:
            return match.group(0)
        count += 1
        # the toneless style inserts a space after the bracket; the tone-marked style does not
        return char if not toned else char + (match.group("space") or "")

    def replace_word(match: re.Match[str]) -> str:
        nonlocal count
        word, syllables = match.group("word"), match.group("syl") or match.group("spaced").replace(" ", "")
        for size in range(len(word), 1, -1):  # the word's last characters the reading covers
            if _word_reading(word[-size:], syllables):
                count += 1
                return word
        return match.group(0)

    text = _BRACKET.sub(replace, text)
    if "(" in text or "（" in text or "[" in text:
        text = _WORD_BRACKET.sub(replace_word, text)
    return text, count


@functools.lru_cache(maxsize=65536)
def _word_reading(word: str, syllables: str) -> bool:
    """Whether a run of syllables ('qīnglǐ') reads the characters of `word` one by one, with tone
    marks on at least one of them (a toneless run may be a word in Latin letters: '(covid)')."""
    if not any(c in _TONE for c in syllables):
        return False
    flat = _strip_tone(syllables)

    def fits(index: int, at: int) -> bool:
        if index == len(word):
            return at == len(flat)
        return any(flat.startswith(r, at) and fits(index + 1, at + len(r)) for r in readings(word[index]) if r)

    return fits(0, 0)


@functools.lru_cache(maxsize=65536)
def _inserted(char: str, syllable: str) -> bool | None:
    """Whether a syllable in brackets after a character is a reading inserted after it: None when
    it is not, else whether it carries tone marks (the same few pairs recur on every page)."""
    toned = any(c in _TONE for c in syllable)
    if char in "□?":
        return toned or None
    return toned if _strip_tone(syllable) in readings(char) else None


# Recovering a lost character from the reading inserted after it. Hand-written on top of pypinyin:
# pypinyin, like every pinyin library, maps characters to readings, and no library maps a reading
# plus its context back to a character. pypinyin supplies the data (its table of readings per
# character, reversed here, and its phrase list); the project's character frequencies
# (textstats) and the words of the page itself rank the characters that have the reading.
_READING = re.compile(rf"[(（][a-zü{_TONE}]{{1,6}}[)）] ?")


@functools.lru_cache(maxsize=1)
def _by_reading() -> dict[str, frozenset[str]]:
    """Reading -> characters, keyed both toned ('bào') and toneless ('bao'); built once."""
    from pypinyin.pinyin_dict import pinyin_dict

    index: dict[str, set[str]] = collections.defaultdict(set)
    for code, value in pinyin_dict.items():
        if 0x3400 <= code <= 0x9FFF:
            for reading in value.split(","):
                reading = unicodedata.normalize("NFC", reading)
                index[reading].add(chr(code))
                index[_strip_tone(reading)].add(chr(code))
    return {reading: frozenset(chars) for reading, chars in index.items()}


def _normal(syllable: str) -> str:
    """An inserted syllable as the index keys it: composed tone marks, or toneless without ü."""
    syllable = unicodedata.normalize("NFC", syllable)
    return syllable if any(c in _TONE for c in syllable) else _strip_tone(syllable)


def _matches(syllable: str, reading: str) -> bool:
    """A syllable (as _normal gives it) against a dictionary reading."""
    if any(c in _TONE for c in syllable):
        return unicodedata.normalize("NFC", reading) == syllable
    return _strip_tone(reading) == syllable


# pypinyin lists every reading of a character, down to rare literary ones (有 wěi, 机 wèi); a
# character is read its first (usual) reading far more often, taken here as 10^1.5 times.
SECONDARY_READING = 1.5
# A character is chosen only when it forms more words with its neighbours than any other, or is
# at least 10^0.5 (about 3) times likelier than the next. Measured on the seed cases, each
# character in turn lost before its reading, with the rest of the page as evidence: 87% of the
# positions recovered and 95% of those right (toneless readings: 80%, 91%); without the margin
# every position is recovered and 89% right (81%).
MARGIN = 0.5


@functools.lru_cache(maxsize=2048)
def candidates(syllable: str) -> tuple[tuple[str, float], ...]:
    """Characters read `syllable`, in Simplified (or shared) form and known to the frequency
    table, with how likely each is (log10 frequency, less when the reading is not the
    character's usual one), likeliest first. Empty when `syllable` is not a pinyin reading."""
    from pypinyin.pinyin_dict import pinyin_dict

    from build_tools.script import to_hans_char
    from build_tools.textstats import char_score, frequencies

    syllable = _normal(syllable)
    table = frequencies()
    scored = []
    for char in _by_reading().get(syllable, ()):
        if char in table and to_hans_char(char) == char:
            usual = pinyin_dict[ord(char)].split(",")[0]
            scored.append((char, char_score(char) - (0.0 if _matches(syllable, usual) else SECONDARY_READING)))
    return tuple(sorted(scored, key=lambda item: (-item[1], item[0])))


def page_text(text: str) -> str:
    """A capture in Simplified without inserted readings, to look its words up in."""
    from build_tools.script import to_hans

    return to_hans(_READING.sub("", text))


# words of newspaper names that pypinyin's phrase list lacks, though its rarer homophones are in it
# ('日报' missing while '暴客' is there: '人民日?(bào)客户端' came back as '人民日暴客户端')
_PAPER_WORDS = {"日报": "rì bào", "晚报": "wǎn bào", "早报": "zǎo bào", "晨报": "chén bào", "时报": "shí bào",
                "商报": "shāng bào", "报社": "bào shè", "党报": "dǎng bào"}


def _in_phrases(word: str, position: int, syllable: str) -> bool:
    from pypinyin.phrases_dict import phrases_dict

    if word in _PAPER_WORDS:
        return _matches(syllable, _PAPER_WORDS[word].split()[position])
    readings_ = phrases_dict.get(word)
    return bool(readings_) and any(_matches(syllable, r) for r in readings_[position])


def recover(syllable: str, before: str = "", after: str = "", page: str = "",
            traditional: bool = False) -> str | None:
    """The character most likely lost before an inserted reading, or None if nothing tells.

    before/after are the neighbouring characters (either script), page the capture as
    :func:`page_text` gives it (words it uses elsewhere count as evidence). A candidate that
    forms a word with a neighbour, in pypinyin's phrase list with the same reading or elsewhere
    on the page, wins over one that does not; likelihood (see :func:`candidates`) decides the
    rest, and only by MARGIN. The character is returned in Traditional when `traditional`,
    converted together with its neighbours."""
    from build_tools.script import to_hans_char, to_hant

    syllable = _normal(syllable)
    chars = candidates(syllable)
    if not chars:
        return None
    before = to_hans_char(before) if before else ""
    after = to_hans_char(after) if after else ""

    def score(item: tuple[str, float]) -> tuple[int, float]:
        char, likelihood = item
        words = 0
        for word, position, neighbour in ((before + char, 1, before), (char + after, 0, after)):
            words += bool(neighbour) and (_in_phrases(word, position, syllable) or word in page)
        return words, likelihood

    ranked = sorted(chars, key=score, reverse=True)
    if len(ranked) > 1:
        (words, likelihood), (next_words, next_likelihood) = score(ranked[0]), score(ranked[1])
        if words == next_words and likelihood - next_likelihood < MARGIN:
            return None  # two characters about as likely: the reading does not tell which
    best = ranked[0][0]
    if traditional:
        converted = to_hant(before + best + after)
        if len(converted) == len(before + best + after):
            hant = converted[len(before)]
            if _strip_tone(syllable) in readings(hant):  # pinyin.remove will take the reading out
                return hant
    return best
