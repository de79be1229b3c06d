"""Mojibake repair, part of the clean stage.

The family seen on captured pages: GBK bytes decoded one byte out of step. A lost lead byte
shows as '?', the following double-byte characters pair the wrong halves (懊拷, ◤), and the
decoder falls back into step at the next ASCII byte. Re-encoding the stretch as GBK and decoding
it again with each possible lead byte recovers the original when the bytes are all there;
character frequencies decide which reading is text.

Hand-written because no library covers it: ftfy fixes UTF-8/Latin-1 mix-ups, not misaligned
double-byte streams. What cannot be recovered is replaced by □ (the editorial mark for an
illegible character) and reported as a warning, never kept silently as text.
"""

from __future__ import annotations

import re

from build_tools.textstats import PUNCTUATION, char_score, plausibility

ILLEGIBLE = "□"
_FULLWIDTH = {"!": "！", "(": "（", ")": "）", ",": "，", ":": "：", ";": "；", "?": "？"}
_STRETCH = re.compile(r"\?((?:[^\x00-\x7f]|[!(),:;?]){1,12}?)([A-Za-z0-9])")
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# '?' followed by a tone-marked reading: the mirror annotated a character the capture then lost
# (sometimes together with the '(' byte, leaving 'qǐng)').
_LOST_BEFORE_PINYIN = re.compile(rf"\?[(（]?[a-zü]*[{_TONE}][a-zü]*[)）]")
_KNOWN_GARBAGE = re.compile("(?:锟斤拷|錕斤拷|\ufffd)+")
# Next to an illegible mark, the out-of-step decode leaves rare characters, stray ASCII letters
# and symbols, and readings the mirror added to them; they are part of the damage.
RARE = 3.2
_DAMAGE_TOKEN = re.compile(rf"[(（][a-zü{_TONE}]{{1,6}}[)）]|[A-Za-z@#$%^&*~`|?\\]|[\u3400-\u9fff]")


def _decodes(body: str, resync: str) -> list[str]:
    """Readings of a stretch with each possible lost lead byte put back.

    When the decoder met an invalid pair where it fell back into step, it left U+FFFD for a
    byte whose value is gone: the character it belonged to is marked illegible, the rest is
    recovered."""
    lost_last = body.endswith("\ufffd")
    if lost_last:
        body = body[:-1]
    try:
        tail = "".join(_FULLWIDTH.get(c, c) for c in body).encode("gbk")
    except UnicodeEncodeError:
        return []
    # with the trail byte lost, the last byte of the re-aligned stream is that character's lead
    # byte, which cannot be decoded: it is dropped and the character marked illegible
    ending = ILLEGIBLE + resync if lost_last else ""
    readings = []
    for lead in range(0x81, 0xFF):
        data = bytes([lead]) + tail
        data = data[:-1] if lost_last else data + resync.encode("ascii")
        try:
            readings.append(data.decode("gbk") + ending)
        except UnicodeDecodeError:
            continue
    return readings


def _clean_reading(text: str) -> bool:
    return all(("\u3400" <= c <= "\u9fff" and char_score(c) > 1.0) or c in PUNCTUATION or c.isascii() or c == ILLEGIBLE
               for c in text)


def repair(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Return text with mojibake stretches repaired or marked, and one (line index, warning) per
    stretch. Replacements never add or remove line breaks, so line indexes stay valid."""
    warnings: list[tuple[int, str]] = []

    def fix_stretch(match: re.Match[str]) -> str:
        original = match.group(0)
        readings = [r for r in _decodes(match.group(1), match.group(2)) if _clean_reading(r)]
        if not readings:
            return original
        best = max(readings, key=plausibility)
        # the leading '?' is the lost byte, not punctuation: judge what follows it
        if plausibility(best) < plausibility(original[1:]) + 0.8:
            return original
        warnings.append((match.string.count("\n", 0, match.start()), f"repaired mojibake '{original}' as '{best}'"))
        return best

    text = _STRETCH.sub(fix_stretch, text)

    def mark(match: re.Match[str]) -> str:
        source = match.string
        start = max(0, match.start() - 6, source.rfind("\n", 0, match.start()) + 1)
        warnings.append((source.count("\n", 0, match.start()),
                         f"illegible character(s) after '{source[start:match.start()]}' marked {ILLEGIBLE} (capture lost the bytes)"))
        return ILLEGIBLE

    text = _LOST_BEFORE_PINYIN.sub(mark, text)
    text = _KNOWN_GARBAGE.sub(mark, text)
    if ILLEGIBLE in text:
        text = _absorb_damage(text)
    return text, warnings


def _absorb_damage(text: str) -> str:
    """Fold the damaged characters right after each □ (at most 4 tokens) into the mark."""
    out, index = [], 0
    while index < len(text):
        char = text[index]
        out.append(char)
        index += 1
        if char != ILLEGIBLE:
            continue
        for _ in range(4):
            match = _DAMAGE_TOKEN.match(text, index)
            if not match:
                break
            token = match.group(0)
            if len(token) == 1 and "\u3400" <= token <= "\u9fff" and char_score(token) >= RARE:
                break
            following = text[match.end():match.end() + 1]
            if token == "?" and (following.isalnum() or "\u3400" <= following <= "\u9fff"):
                # a question mark followed by ordinary text is punctuation, not damage
                break
            index = match.end()
        while text.startswith(ILLEGIBLE, index) and out[-1] == ILLEGIBLE:
            index += 1
    return "".join(out)
