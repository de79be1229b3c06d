"""Mojibake repair, part of the clean stage.

The family seen on captured pages: GBK bytes decoded one byte out of step. A lost lead byte
shows as '?', the following double-byte characters pair the wrong halves (懊拷, ◤), and the
decoder falls back into step at the next ASCII byte (or, having lost a trail byte too, at the
punctuation after a second '?'). Re-encoding the stretch as GBK and decoding it again with each
possible lead byte recovers the original when the bytes are all there; character frequencies
decide which reading is text. The lost lead byte's own character is a guess: it is put back only
when the guess is clear (``_settle_lead``), else marked □.

Hand-written because no library covers it: ftfy fixes UTF-8/Latin-1 mix-ups, not misaligned
double-byte streams. What cannot be recovered is replaced by □ (the editorial mark for an
illegible character) and reported as a warning, never kept silently as text.

One exception where the bytes are gone but the page still tells: a lost character ('?', U+FFFD
or □) right before a whole bracketed reading the mirror inserted, '日?(bào)'. The '(' shows the
decoder was back in step, so the reading is the lost character's own; pinyin.recover picks the
character from it and its neighbours, and the reading is removed later like any other. A reading
whose '(' was lost with the character ('?qū)崿F' for 實現) comes out of the misaligned bytes and
tells nothing: that position is marked □, except in the pair pinyin mirrors make of one
character, '日?qǐng)?bào)', where the second reading is the character's own (``_TWO_READINGS``).
"""

from __future__ import annotations

import re

from build_tools import pinyin, propernames
from build_tools.script import detect_script
from build_tools.model import HANT
from build_tools.textstats import PUNCTUATION, char_score, plausibility

ILLEGIBLE = "□"
# ASCII marks in a stretch stand for the full-width forms GBK's row A3 holds (a copy that normalised
# them, NFKC, turned '＝' into '='): each is encoded as its full-width form. Only marks below 0x40:
# no GBK trail byte has their values, while '@', '[', '~' and the like are trail bytes, where the
# decoder is back in step ('?yàn)閺倪@' is 為從這, 這 ending in the byte '@').
_FULLWIDTH_MARKS = "!(),:;?=+*%&#"
_FULLWIDTH = {c: chr(ord(c) + 0xFEE0) for c in _FULLWIDTH_MARKS}
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
# An out-of-step stretch: the '?' of the lost lead byte (maybe followed by a reading the mirror
# inserted there, its '(' lost with the byte: '當?shù)厝罕姺Q為' for 當地群眾稱為), the mispaired
# characters, and where the decoder fell back into step: an ASCII byte ('…懊拷M'), or a lost trail
# byte ('?') before punctuation ('河?;氐酱謇?，' for 河。回到村里，, the last character illegible).
_STRETCH = re.compile(rf"\?(?:[a-zü]{{0,5}}[{_TONE}][a-zü]{{0,5}}[)）])?((?:[^\x00-\x7f]|[!(),:;?=+*%&#]){{1,12}}?)"
                      r"([A-Za-z0-9@\[\]^_`{|}~]|[?\ufffd](?=[，。、；：！？,.;:!]))")
# How close (in mean plausibility) another lead byte's reading may come before the first
# character counts as a guess (see _settle_lead).
_LEAD_MARGIN = 0.15
# A sentence mark guessed for the lost lead byte needs this many characters of a clause before it.
_LEAST_CLAUSE = 3
# '?' followed by a tone-marked reading: the mirror annotated a character the capture then lost
# (sometimes together with the '(' byte, leaving 'qǐng)').
_LOST_BEFORE_PINYIN = re.compile(rf"\?[(（]?[a-zü]*[{_TONE}][a-zü]*[)）]")
# A lost character and the whole reading inserted after it (with the space the toneless style
# puts after it).
_SYLLABLE = rf"[a-zü{_TONE}]{{1,6}}"
_LOST_WITH_READING = re.compile(
    rf"(?P<mark>[?\ufffd{ILLEGIBLE}])(?P<reading>[(（](?P<syl>{_SYLLABLE})[)）])(?P<space> (?=[\u3400-\u9fff]))?")
# Two lost characters each followed by a reading whose '(' went with it, '日?qǐng)?bào)' for 日報:
# pinyin mirrors turn one character into this pair, and the second reading is the character's own
# (seen on four mirrors of four sets, always so); the pair is read as that one lost character.
_TWO_READINGS = re.compile(rf"\?{_SYLLABLE}[)）]\?(?P<syl>{_SYLLABLE})[)）]")
_BEFORE = re.compile(rf"([\u3400-\u9fff])(?:[(（]{_SYLLABLE}[)）] ?)?$")
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


def _settle_lead(readings: list[str], before: str, run: int = 99) -> str:
    """The reading to put in: the most plausible one, its first character (whose lead byte was
    lost, so each reading guesses it) marked illegible unless the guess is clear. It is clear when
    no other guess comes within _LEAD_MARGIN, when it is a sentence mark, or when it alone of the
    close ones forms a word (pypinyin's phrase list) with the character before the stretch or the
    one after it ('當?' + '地群眾' for 當地). All readings share what follows the first character.
    ``run``: the characters since the line's start or the last mark before the stretch; a mark after
    fewer than _LEAST_CLAUSE of them would cut a word ('高?;鶎狱h組織' is 高校基層黨組織, not '高。基層')."""
    from pypinyin.phrases_dict import phrases_dict

    from build_tools.script import to_hans

    scores = {r: plausibility(r) for r in readings}
    best = max(readings, key=scores.__getitem__)
    close = [r for r in readings if r[:1] != best[:1] and scores[r] >= scores[best] - _LEAD_MARGIN]
    # a sentence mark is far commoner in text than any character close to it ('。' some thirty
    # times '常' or '海', which share its trail byte), which the mean's flat punctuation score hides
    if best[:1] in "。，、；：！？" and run < _LEAST_CLAUSE:
        # (no mark can come here: the characters' readings compete, as below)
        close = [r for r in readings if r[:1] not in "。，、；：！？" and scores[r] >= scores[best] - _LEAD_MARGIN]
        if not close:
            return ILLEGIBLE + best[1:]
        best = max(close, key=scores.__getitem__)
        close = [r for r in close if r[:1] != best[:1]]
    if not close or best[:1] in "。，、；：！？":
        return best

    def in_a_word(reading: str) -> bool:
        first = to_hans(reading[:1])
        return any(len(w) == 2 and w in phrases_dict for w in (to_hans(before) + first, first + to_hans(reading[1:2])))

    if in_a_word(best) and not any(in_a_word(r) for r in close):
        return best
    return ILLEGIBLE + best[1:]


def _clean_reading(text: str) -> bool:
    return all(("\u3400" <= c <= "\u9fff" and char_score(c) > 1.0) or c in PUNCTUATION or c.isascii() or c == ILLEGIBLE
               for c in text)


def repair(text: str) -> tuple[str, list[tuple[int, str]]]:
    """Return text with mojibake stretches repaired or marked, and one (line index, warning) per
    stretch. Replacements never add or remove line breaks, so line indexes stay valid."""
    warnings: list[tuple[int, str]] = []
    if "?" in text:
        text = _TWO_READINGS.sub(r"?(\g<syl>)", text)
    text = _recover_from_readings(text, warnings)

    def fix_stretch(match: re.Match[str]) -> str:
        original = match.group(0)
        body, resync = match.group(1), match.group(2)
        after = match.string[match.end():match.end() + 1]
        if "\u3400" <= after <= "\u9fff" and char_score(after) < RARE or after.isascii() and after.isalpha():
            return original  # (the text after it is still out of step: that byte was no fall back into step)
        lost_trail = resync in "?\ufffd"
        if lost_trail and len(body) < 2:
            return original  # (one character before a lost trail byte: nothing confirms where the bytes stand)
        readings = [r for r in _decodes(body + "\ufffd" if lost_trail else body, "" if lost_trail else resync)
                    if _clean_reading(r)]
        if not readings:
            return original
        before = _BEFORE.search(match.string, max(0, match.start() - 10), match.start())
        # (marks right before the stretch are the damage's own, '好多木柴,?!崩': the clause before them counts)
        ahead = match.string[max(0, match.start() - 2 * _LEAST_CLAUSE): match.start()].rstrip("。，、；：！？,;:!? ")
        run = len(re.split(r"[\n。，、；：！？,;:!?—]", ahead)[-1].strip())
        best = _settle_lead(readings, before.group(1) if before else "", run)
        # the leading '?' (and an inserted reading after it) is the lost byte, not text: judge what follows it
        # (and a lost trail byte's '?' against the □ put for it, nor a first character marked
        # illegible: neither is text)
        judged = best[:-1] if lost_trail else best
        judged = judged[1:] if judged.startswith(ILLEGIBLE) else judged
        if plausibility(judged) < plausibility(body if lost_trail else body + resync) + 0.8:
            return original
        warnings.append((match.string.count("\n", 0, match.start()), f"repaired mojibake '{original}' as '{best}'"))
        return best

    text = _STRETCH.sub(fix_stretch, text)

    def mark(match: re.Match[str]) -> str:
        source = match.string
        warnings.append((source.count("\n", 0, match.start()), _marked(source, match.start())))
        return ILLEGIBLE

    text = _LOST_BEFORE_PINYIN.sub(mark, text)
    text = _KNOWN_GARBAGE.sub(mark, text)
    if ILLEGIBLE in text:
        text = _absorb_damage(text)
    return text, warnings


def _context(source: str, index: int) -> str:
    """Up to 6 characters before index on its line, to name a position in a warning."""
    return source[max(0, index - 6, source.rfind("\n", 0, index) + 1):index]


def _marked(source: str, index: int) -> str:
    return f"illegible character(s) after '{_context(source, index)}' marked {ILLEGIBLE} (capture lost the bytes)"


def _recover_from_readings(text: str, warnings: list[tuple[int, str]]) -> str:
    """Put back each lost character whose inserted reading survived, with a warning saying so
    (the reading stays, for pinyin.remove). Where the reading does not tell which character it
    was, the position is marked □ and the reading dropped."""
    if not _LOST_WITH_READING.search(text):
        return text
    page: list[str] = []  # the capture's words and script, worked out once, when first needed
    traditional: list[bool] = []

    def recover(match: re.Match[str]) -> str:
        mark, syllable, space = match.group("mark"), match.group("syl"), match.group("space") or ""
        toned = any(c in _TONE for c in syllable)
        after = text[match.end():match.end() + 1]
        after = after if "\u3400" <= after <= "\u9fff" else ""
        # a toneless bracket after '?' is a reading only where the next character follows it
        # (ordinary text does not put '(ma)' after a question mark); tone marks always tell
        if mark == "?" and not toned and not after or not pinyin.candidates(syllable):
            return match.group(0)
        if not page:
            page.append(pinyin.page_text(text))
            traditional.append(detect_script(text) == HANT)
        before = _BEFORE.search(text, max(0, match.start() - 10), match.start())
        char = pinyin.recover(syllable, before.group(1) if before else "", after, page[0], traditional[0])
        line = text.count("\n", 0, match.start())
        if char:
            warnings.append((line, f"illegible character after '{_context(text, match.start())}' recovered as "
                                   f"'{char}' from the inserted reading '({syllable})'"))
            return char + match.group("reading") + space
        if mark != ILLEGIBLE:  # a □ already in the capture was not lost by it
            warnings.append((line, _marked(text, match.start())))
        return ILLEGIBLE + (space if toned else "")

    return _LOST_WITH_READING.sub(recover, text)


# a writer's name alone on the line after a box ('□胥某某', '□ 王某 李某')
_BOXED_NAME = re.compile(r"[\u4e00-\u9fff]{2,4}(?:[ \u3000、][\u4e00-\u9fff]{2,4}){0,3}[ \u3000]*(?:\n|$)")


def _absorb_damage(text: str) -> str:
    """Fold the damaged characters right after each □ (at most 4 tokens) into the mark."""
    out, index = [], 0
    while index < len(text):
        char = text[index]
        out.append(char)
        index += 1
        if char != ILLEGIBLE:
            continue
        if (index == 1 or text[index - 2] == "\n") and _BOXED_NAME.match(text, index) and propernames.is_surname(text[index]):
            continue  # an e-paper's box before its writer's name ('□胥某某'): a mark of the layout, the name whole
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
