"""Proper names in script conversion: places with their correct forms, person names found and
converted character by character.

OpenCC converts by word; a name is not a word it knows. 新干县 would become 新幹縣 (干 read as
幹), 滕乾生 on a Simplified page 滕干生, 于建华 on a Traditional page 於建華. This module gives
build_tools/script.py:

* ``place_pairs``: OpenCC user-dictionary entries for every place of the gazetteer and the town
  table whose correct form OpenCC's dictionaries miss. The Traditional form of a place is
  OpenCC's, except that characters of ``PLACE_KEEP`` stay as the official Simplified name writes
  them (a place is named 新干, 于都, 谷城, 采育, 巨鹿, not 新幹, 於都, 穀城, 採育, 鉅鹿), and
  ``places.tsv`` (curated) overrides both.
* ``name_spans``: where person names stand in a text: the names a case gives (credits, authors,
  its ``names:`` list), the archive's ``names.txt``, and names found by their context (a surname
  after a role word such as 记者 or 书记, or before 同志, 说, 表示 …; ``name_context.yml``).
* ``name_form``: a name converted character by character with ``name_chars.tsv`` (乾, 於, 瞭,
  藉, 著 stay in Simplified names; 于, 范, 余, 谷, 干, 党 stay in Traditional ones).
"""

from __future__ import annotations

import functools
import re

import yaml

from build_tools.model import HANS, CaseError, Diagnostic

# Characters a place name keeps as the official Simplified name writes them (each is itself a
# standard Traditional character; OpenCC's default reads it as another word).
PLACE_KEEP = frozenset("干于范谷采巨拐升里")


def _data():
    from build_tools.script import DATA
    return DATA


@functools.lru_cache(maxsize=None)
def _name_chars() -> tuple[dict[str, str], dict[str, str]]:
    """name_chars.tsv: 'to_hans|to_hant <TAB> character <TAB> form in a name'."""
    from build_tools.script import read_table

    tables: dict[str, dict[str, str]] = {"to_hans": {}, "to_hant": {}}
    path = _data() / "name_chars.tsv"
    for number, key, value in read_table(path):
        direction, _, char = key.partition(" ")
        if direction not in tables or len(char) != 1 or len(value) != 1:
            raise CaseError(Diagnostic("error", str(path), number, f"bad name character row {key!r}",
                                       "write 'to_hans 乾<TAB>乾' or 'to_hant 于<TAB>于'"))
        tables[direction][char] = value
    return tables["to_hans"], tables["to_hant"]


def name_form(name: str, lang: str) -> str:
    """A person's name in a script, character by character, through its Simplified form: the
    name tables first (乾 stays 乾 in Simplified, 于 stays 于 in Traditional), otherwise each
    character's plain form. A Traditional capture's machine-converted surname is repaired on the
    way (範 → 范 → 范, 鐘 → 钟 → 鍾)."""
    from build_tools.script import _hant_plain, to_hans_char

    to_hans, to_hant = _name_chars()
    out = []
    for char in name:
        simple = to_hans.get(char) or to_hans_char(char)
        if lang == HANS:
            out.append(simple)
        else:
            out.append(to_hant.get(simple) or _hant_plain(simple))
    return "".join(out)


# -- person names in a text ------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def _context() -> dict:
    """name_context.yml: surnames, the words before and after a name, words that are not names.
    Every word is taken in both scripts."""
    path = _data() / "name_context.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise CaseError(Diagnostic("error", str(path), None, f"cannot read the name context rules: {exc}",
                                   "restore build_tools/data/conversion/name_context.yml from git")) from None
    keys = ("surnames", "weak_surnames", "compound_surnames", "before", "after", "after_function", "not_given", "not_names")
    if not isinstance(data, dict) or any(not isinstance(data.get(k), str if k in ("surnames", "weak_surnames", "after_function", "not_given") else list) for k in keys):
        raise CaseError(Diagnostic("error", str(path), None, f"the name context rules need the lists {', '.join(keys)}",
                                   "restore the file from git"))
    from build_tools.script import _hant_plain, char_tables, to_hans

    def both(words) -> frozenset[str]:
        return frozenset(w for word in words for w in (str(word), _hant_plain(str(word)), to_hans(str(word))))

    to_hans_table, to_hant_table = _name_chars()
    surnames = both(c for word in data["surnames"] for c in str(word))
    weak = both(c for word in data["weak_surnames"] for c in str(word))
    _, t2s = char_tables()
    return {
        # with every Traditional character a machine converter may have written for one (穀 for 谷)
        "surnames": surnames | {t for t, s in t2s.items() if s in surnames},
        "weak": weak | {t for t, s in t2s.items() if s in weak},
        "compound": both(data["compound_surnames"]),
        "before": both(data["before"]),
        "after": both(data["after"]),
        "after_function": both(c for word in data["after_function"] for c in str(word)),
        "not_given": both(c for word in data["not_given"] for c in str(word)),
        # characters protected on Simplified pages may stand anywhere in a name (滕乾生)
        "anywhere": frozenset(to_hans_table),
        "not_names": both(data["not_names"]),
        "before_max": max(map(len, both(data["before"])), default=0),
        "after_max": max(map(len, both(data["after"])), default=0),
        # the characters a name protects (and their Traditional forms, 範 for 范): only around
        # them is a name worth finding
        "sensitive": re.compile("[" + re.escape("".join(sorted(_sensitive(to_hans_table, to_hant_table)))) + "]"),
    }


def _sensitive(to_hans_table: dict, to_hant_table: dict) -> set[str]:
    from build_tools.script import char_tables

    _, t2s = char_tables()
    return set(to_hans_table) | set(to_hant_table) | {t for t, s in t2s.items() if s in to_hant_table}


def _is_han(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def _found_names(text: str) -> set[str]:
    """Names found by their context around the characters a name protects (linear in the text:
    a bounded number of windows around each such character).

    A window is a surname and one or two given characters, with a name's edges on both sides: a
    role word (记者, 书记), punctuation or a space before it; a following word (同志, 说), a
    function word (是, 在) or punctuation after it. A character protected for Traditional pages
    (于, 范, 余) counts only as the surname; one protected for Simplified pages (乾, 於) may
    stand anywhere in the name. Windows starting with an ordinary word (于是, 干部, 范围),
    holding a function word (在, 的), or following a number (70余条) never count."""
    ctx = _context()
    found = set()
    for match in ctx["sensitive"].finditer(text):
        p = match.start()
        anywhere = text[p] in ctx["anywhere"]
        best, best_rank = None, 0
        for start in range(max(0, p - 3), p + 1):
            if start != p and not anywhere:
                continue
            surname = 2 if text[start:start + 2] in ctx["compound"] else 1 \
                if text[start] in ctx["surnames"] or text[start] in ctx["weak"] else 0
            if not surname:
                continue
            before = ""  # (the edge before the window, the same for both lengths: found once, when needed)
            for given in (2, 1):
                end = start + surname + given
                if end <= p or end > len(text) or not all(_is_han(c) for c in text[start:end]):
                    continue
                if any(c in ctx["not_given"] for c in text[start + surname:end]):
                    continue
                if before == "":
                    before = _edge_before(text, start, ctx)
                if not before:
                    break
                after = _edge_after(text, end, ctx)
                if not after:
                    continue
                rank = 1 + (before == "word") + (after == "word")
                # a role word on both sides outweighs a window that starts like a word (通讯员
                # 范文斌 报道); a surname that is more often a word needs exactly that
                weak = surname == 1 and text[start] in ctx["weak"]
                if text[start:end] in ctx["not_names"] or (weak and text[start:start + 2] in ctx["not_names"]):
                    continue
                if rank < 3 and (weak or text[start:start + 2] in ctx["not_names"]):
                    continue
                if rank > best_rank or (rank == best_rank and best and end - start > best[1] - best[0]):
                    best, best_rank = (start, end), rank
        if best:
            found.add(text[best[0]:best[1]])
    return found


def is_surname(char: str) -> bool:
    """Whether a character is a surname of name_context.yml (either script), weak ones excluded."""
    ctx = _context()
    return char in ctx["surnames"] and char not in ctx["weak"]


def is_name_at(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] reads as a person's name here: a surname, one or two given
    characters, and a name's edges on both sides (the rules of ``_found_names``)."""
    ctx = _context()
    given = end - start - 1
    if not 1 <= given <= 2 or text[start] not in ctx["surnames"] or text[start:end] in ctx["not_names"]:
        return False
    if not all(_is_han(c) for c in text[start:end]):
        return False
    return bool(_edge_before(text, start, ctx) and _edge_after(text, end, ctx))


def _edge_before(text: str, start: int, ctx: dict) -> str | None:
    """'word' after a role word (spaces or a colon between allowed), 'edge' at the start or after
    punctuation, else None."""
    at = start
    while at > 0 and start - at < 3 and text[at - 1] in " \u3000:：":
        at -= 1
    before = ctx["before"]
    for n in range(1, min(at, ctx["before_max"]) + 1):  # (a loop, not any(): this runs for every window)
        if text[at - n:at] in before:
            return "word"
    if start == 0:
        return "edge"
    previous = text[start - 1]
    if previous.isdigit() or previous in "〇一二三四五六七八九十百千万萬亿億两兩几幾多":
        return None
    return "edge" if not _is_han(previous) else None


def _edge_after(text: str, end: int, ctx: dict) -> str | None:
    """'word' before a word that follows names (同志, 说), 'edge' at the end, before
    punctuation or before a function word (是, 在, 的), else None."""
    at = end
    while at < len(text) and at - end < 3 and text[at] in " \u3000":
        at += 1
    after = ctx["after"]
    for n in range(1, min(len(text) - at, ctx["after_max"]) + 1):
        if text[at:at + n] in after:
            return "word"
    if end >= len(text) or not _is_han(text[end]) or text[end] in ctx["after_function"]:
        return "edge"
    return None


@functools.lru_cache(maxsize=None)
def archive_names() -> frozenset[str]:
    """names.txt: person names the whole archive keeps as written (one per line, '#' comments)."""
    path = _data() / "names.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(Diagnostic("error", str(path), None, f"cannot read the archive's names: {exc}",
                                   "restore build_tools/data/conversion/names.txt from git")) from None
    return frozenset(n for n in (line.split("#", 1)[0].strip() for line in lines) if n)


def name_spans(text: str, names=()) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of person names in a text: the names given, the archive's,
    and the names found by their context, each at every place it occurs (a name found once in
    a byline is kept wherever the article repeats it), longest first."""
    taken = bytearray(len(text))
    spans = []
    for name in sorted(set(names) | archive_names() | _found_names(text), key=lambda n: (-len(n), n)):
        if len(name) < 2:
            continue
        at = text.find(name)
        while at >= 0:
            if not any(taken[at:at + len(name)]):
                spans.append((at, at + len(name)))
                taken[at:at + len(name)] = b"\1" * len(name)
            at = text.find(name, at + len(name))
    return sorted(spans)


# -- places ----------------------------------------------------------------------------------

@functools.lru_cache(maxsize=None)
def place_pairs() -> tuple[dict[str, str], dict[str, str]]:
    """(Simplified -> Traditional, Traditional or Simplified -> Simplified) user-dictionary
    entries for the places whose correct form OpenCC's own dictionaries would miss. Derived once
    per machine and kept in the user's cache folder (build_tools/usercache.py), under a digest of
    the package's data files, this module and the script module (the derivation) and OpenCC's
    version: 40,000 place names through OpenCC take a third of a second in every new process."""
    import pathlib

    import opencc

    from build_tools import usercache

    here = pathlib.Path(__file__)

    def accept(pairs):
        if isinstance(pairs, (list, tuple)) and len(pairs) == 2 and all(isinstance(d, dict) for d in pairs):
            return pairs[0], pairs[1]
        return None

    return usercache.derived_json("place-pairs", (here, here.with_name("script.py")), str(getattr(opencc, "__version__", "")),
                                  _derive_place_pairs, accept)


def _derive_place_pairs() -> tuple[dict[str, str], dict[str, str]]:
    from build_tools import gazetteer
    from build_tools.script import _run, read_table

    gaz = gazetteer.default()
    curated = {k: v for _, k, v in read_table(_data() / "places.tsv")}
    # the rule applies to full names (新干县, 东升镇); a short form (道里 for 道里区) is far more
    # often an ordinary word (楼道里), so only a curated row changes one
    full = sorted({*gaz.full, *gaz.towns} | set(curated))
    shorts = sorted({s for s in gaz.short if len(s) >= 2} - set(full))
    names = full + shorts
    plain = _run("s2t-base", "\n".join(names)).split("\n")
    s2t, t2s = {}, {}
    for index, (name, hant) in enumerate(zip(names, plain)):
        if name in curated:
            right = curated[name]
        elif index < len(full) and len(hant) == len(name):
            right = "".join(s if s in PLACE_KEEP else t for s, t in zip(name, hant))
        else:
            right = hant
        if right != hant:
            s2t[name] = right
        t2s[right] = name
        t2s[name] = name
    back = _run("t2s-base", "\n".join(t2s)).split("\n")
    t2s = {k: v for (k, v), b in zip(t2s.items(), back) if b != v}
    return s2t, t2s
