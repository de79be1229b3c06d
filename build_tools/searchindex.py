"""Search index stage: one index over the archive's cases, searched in both scripts.

What a query finds (the guarantee, stated in README.md): a query is split at whitespace into
terms, and a case is found when every term of two or more characters occurs in one of its
fields, where a field is the title, the subtitle, the source, an author, a credited name, a
region name, a tag or one paragraph of the text. Whitespace is ignored on both sides, and ASCII
letters and full-width forms are folded (``Ａｂ`` = ``ab``). A term occurs in a field when the
field's Traditional text contains it as typed, or when its Simplified text contains it read in
Simplified (each Traditional character by its Simplified form from the character table; a
character that the archive's Simplified text also keeps as it is, 乾 in 乾隆 or in 滕乾生, as
itself or its Simplified form). So a query typed in either script finds the same cases on both
sites; results are shown in the site's script. One-character terms only narrow what the other
terms find.

How (case-search-core.js does the searching; this stage writes what it reads, relative to the
site root)::

    pagefind/case-archive.json       manifest: {"pages": N, "shards": [...], "search": {...}}
    pagefind/case-archive/tables.bin the character tables (``tables``)
    pagefind/case-archive/k/<n>.bin  postings: character pairs and triples, whole names -> cases
    pagefind/case-archive/d/<n>.bin  which fragment holds each case's data
    pagefind/case-archive/facets.bin each case's tags, province, year, source, whether deleted (``facet_table``)
    pagefind/, pagefind/shard-<n>/   Pagefind bundles: one fragment per case, its data (``case_data``)

Every file but the manifest is gzip-compressed. Each case gets a number, newest first (by date,
then id): the postings are lists of those numbers. For every field the index holds the
overlapping pairs and triples of characters of its normalised Simplified text, and of its
Traditional text read in Simplified where that differs; each entry also lists the cases that
have it in their title, and each whole name (source, author, credited name, region, tag) is a
key of its own. The search box looks up a two-character term's pair and a longer term's
triples (with a kept character in both forms), intersects the lists, and checks each
candidate against its real text, in order of relevance (the title has every term; each term is
in the title or is a whole name; elsewhere) and then of date, until it has ten results.
Excerpts are cut from the real text, escaped.

Pagefind writes and compresses each case's data (its fragments), in shards of at most about
``SHARD_PAGES``, each cached under a digest of its stub pages; its own word index is not used:
Pagefind's Chinese segmentation misses words cut differently on the page and in the query, and an
index of character pairs in Pagefind measured ~1 MB of indexing memory per case and ~20 KB per
pair and shard downloaded per search. A case's shard is a hash of its id, so adding a case
changes one shard only; a bundle enters the cache under a temporary name, gets a list of its
files with their sizes and digests (``ENTRY_MANIFEST``, written last) and only then its final
name; it is reused only when it still matches that list, so a build killed while copying never
leaves a truncated bundle to be reused. A cache folder that cannot be written is replaced by a
temporary one, with a warning.
"""

from __future__ import annotations

import concurrent.futures
import dataclasses
import gzip
import hashlib
import html
import itertools
import json
import logging
import math
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
import zlib

from build_tools import postings as postings_files
from build_tools import render, script
from build_tools.postings import BUCKET_BYTES, NAME, PAIR, TRIPLE, bucket_of  # noqa: F401 (the search files' format, used by the tests and the search box's fixture)
from build_tools.cache import fault_point, folder_hint
from build_tools.model import HANS, HANT, Case

log = logging.getLogger("mkdocs.plugins.case_archive")
cache_log = logging.getLogger("case_archive.cache")  # cache problems: worked around, never fail a --strict build

SHARD_PAGES = 2000
MANIFEST = "case-archive.json"
INDEX = "case-archive"  # folder of the search files, in pagefind/
TABLES = f"{INDEX}/tables.bin"
FACETS_FILE = f"{INDEX}/facets.bin"
CACHE_KEEP = 3  # cached bundles kept per shard slot
ENTRY_MANIFEST = ".case-archive-entry.json"  # in a cached bundle: {"files": {path: [size, sha256]}}, written last
POSTINGS = "postings"  # cache folder of the postings files, beside the bundles' slots
FORMAT = 1  # of the search files; the search box refuses another
DOC_CHUNK = 128  # cases per file of the fragment table (d/<n>.bin)
STUB_LANG = "zxx"  # no linguistic content: Pagefind neither segments nor stems the stubs

# The text rules the search box shares with this stage (sent to it in the manifest, ``rules``):
# characters ignored when comparing texts (whitespace, and the zero-width space), as inclusive
# code point ranges; and folding, (first, last, offset) applied in order (full-width ASCII to
# ASCII, then A-Z to a-z). Both keep one character for one character.
SPACE = ((0x09, 0x0D), (0x20, 0x20), (0xA0, 0xA0), (0x1680, 0x1680), (0x2000, 0x200B), (0x2028, 0x2029),
         (0x202F, 0x202F), (0x205F, 0x205F), (0x3000, 0x3000), (0xFEFF, 0xFEFF))
FOLD = ((0xFF01, 0xFF5E, -0xFEE0), (0x41, 0x5A, 0x20))

_SPACE = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in SPACE) + "]+")


def _fold_table() -> dict[int, int]:
    table: dict[int, int] = {}
    for first, last, offset in FOLD:
        for code in range(first, last + 1):
            table[code] = code + offset
        for code, target in list(table.items()):  # a later rule applies to an earlier rule's result
            if first <= target <= last:
                table[code] = target + offset
    return table


_FOLD = _fold_table()
_FOLDED = re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b, _ in FOLD) + "]")

# Field kinds, as written in a case's data: title, subtitle, source (outlet), author, credited
# name, region, tag, paragraph. A whole-name match (the relevance tier after the title) is a
# term equal to a field of the NAME_KINDS.
KINDS = "tsoacrgp"
NAME_KINDS = "oacrg"


class SearchIndexError(RuntimeError):
    """Pagefind failed (the message carries its output) or left out a case."""


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


PAGEFIND_VERSION = _pagefind_version()
_CODE = hashlib.sha256(pathlib.Path(__file__).read_bytes()).hexdigest()  # part of the postings' cache key


def rules() -> dict:
    """The text rules the search box applies to queries and texts (in the manifest)."""
    return {"space": [list(r) for r in SPACE], "fold": [list(r) for r in FOLD]}


def compact(text: str) -> str:
    return _SPACE.sub("", text)


def normal(text: str) -> str:
    """What a text is compared as: without whitespace, folded (one character for one)."""
    text = _SPACE.sub("", text)
    return text.translate(_FOLD) if _FOLDED.search(text) else text


@dataclasses.dataclass(frozen=True)
class Field:
    """One searchable field of a case, in both scripts."""

    kind: str  # one of KINDS
    hans: str
    hant: str
    role: tuple[str, str] | None = None  # a credited name's role label (Simplified, Traditional)


@dataclasses.dataclass(frozen=True)
class Record:
    """One case as the search index sees it (plain data from the pipeline's cases)."""

    key: str  # case id: decides the shard
    url: str  # the Simplified page's URL relative to the site root, e.g. "cases/x/"
    date: str  # ISO date, "" when unknown
    fields: tuple[Field, ...]  # the title first
    deleted: str = ""  # ISO date the original was found gone (front matter deleted:), "" when not
    facets: tuple[tuple[str, str, str], ...] = ()  # (facet, Simplified, Traditional): what the results page filters by


def records(cases: list[Case], directory_urls: bool = True) -> list[Record]:
    converted: dict[str, str] = {}  # region and tag names recur: each converted once

    def hant_name(name: str) -> str:
        if name not in converted:
            converted[name] = script.convert(name, HANT)
        return converted[name]

    out = []
    for case in cases:
        hans, hant = case.variants[HANS], case.variants[HANT]
        fields = [Field("t", hans["title"] or case.case_id, hant["title"] or case.case_id)]
        if hans["subtitle"]:
            fields.append(Field("s", hans["subtitle"], hant["subtitle"] or hans["subtitle"]))
        if hans["source"]:
            fields.append(Field("o", hans["source"], hant["source"] or hans["source"]))
        fields += [Field("a", s, t) for s, t in zip(hans["authors"], hant["authors"])]
        for (role, names), (hant_role, hant_names) in zip(hans["credits"], hant["credits"]):
            fields += [Field("c", s, t, (role, hant_role)) for s, t in zip(names, hant_names)]
        fields += [Field("r", name, hant_name(name)) for name in case.region.levels()]
        fields += [Field("g", name, hant_name(name)) for name in case.tags]
        fields += [Field("p", s, t) for s, t in itertools.zip_longest(hans["paragraphs"], hant["paragraphs"], fillvalue="")
                   if s or t]
        unique = list(dict.fromkeys(fields))  # an author also credited as such is one field
        facets = [("tag", name, hant_name(name)) for name in case.tags]
        if case.region.province:
            facets.append(("province", case.region.province, hant_name(case.region.province)))
        if hans["source"]:
            facets.append(("source", hans["source"], hant["source"] or hans["source"]))
        out.append(Record(case.case_id, render.page_url(render.case_path(case), directory_urls),
                          case.date.isoformat() if case.date else "", tuple(unique),
                          case.deleted.isoformat() if case.deleted else "", tuple(facets)))
    return out


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    return max(1, math.ceil(pages / max(1, shard_pages)))


def shard_numbers(keys: list[str], shard_pages: int = SHARD_PAGES) -> dict[str, int]:
    """The bundle each case goes to: shard ``crc32(key) % shards``, empty shards left out and the
    others numbered in order (bundle 0 is the one the page loads first)."""
    shards = shard_count(len(keys), shard_pages)
    slot = {key: zlib.crc32(key.encode("utf-8")) % shards for key in keys}
    used = {s: n for n, s in enumerate(sorted(set(slot.values())))}
    return {key: used[s] for key, s in slot.items()}


def plan(items: list[Record], shard_pages: int = SHARD_PAGES) -> list[list[Record]]:
    numbers = shard_numbers([r.key for r in items], shard_pages)
    groups: list[list[Record]] = [[] for _ in range(len(set(numbers.values())))]
    for record in sorted(items, key=lambda r: r.url):
        groups[numbers[record.key]].append(record)
    return groups


def ordered(items: list[Record]) -> list[Record]:
    """The cases in the order of their numbers in the index: newest first, undated last, then by id."""
    return sorted(sorted(items, key=lambda r: r.key), key=lambda r: r.date, reverse=True)  # stable: ids stay in order


@dataclasses.dataclass(frozen=True)
class Tables:
    """Character tables, cut down to the archive's characters (the search box gets them too).

    ``s2t``: Simplified -> Traditional for the characters of the Simplified texts (a result's
    Traditional text is carried as its differences from this rendering). ``t2s``: Traditional ->
    Simplified for every character of the Traditional texts and every character whose
    Simplified form occurs in the Simplified texts (a reader may type a Traditional form the
    archive does not use), applied until nothing changes. ``kept``: the characters of ``t2s``
    that the Simplified texts also use as they are (乾 in 乾隆), tried in both forms."""

    s2t: dict[str, str]
    t2s: dict[str, str]
    kept: str
    # every character of the Simplified and of the Traditional texts, as written (for the postings)
    hans_chars: frozenset[str] = dataclasses.field(default=frozenset(), repr=False, compare=False)
    hant_chars: frozenset[str] = dataclasses.field(default=frozenset(), repr=False, compare=False)

    def json(self) -> dict:
        return {"s2t": "".join(k + v for k, v in sorted(self.s2t.items())),
                "t2s": "".join(k + v for k, v in sorted(self.t2s.items())), "kept": self.kept}


def tables(items: list[Record]) -> Tables:
    hans_seen: set[str] = set()
    hant_seen: set[str] = set()
    for record in items:
        hans_seen.update("".join(f.hans for f in record.fields))
        hant_seen.update("".join(f.hant for f in record.fields))
    hans_chars, hant_chars = frozenset(hans_seen), frozenset(hant_seen)
    hans_seen, hant_seen = set(normal("".join(hans_seen))), set(normal("".join(hant_seen)))
    s2t, t2s = script.char_tables()

    def simplified(char: str) -> str:
        seen = {char}
        while char in t2s and t2s[char] not in seen:
            char = t2s[char]
            seen.add(char)
        return char

    wanted = {t for t in t2s if t in hant_seen or t2s[t] in hans_seen}
    closed = {t: simplified(t) for t in sorted(wanted)}
    to_hans = {t: s for t, s in closed.items() if s != t}
    return Tables({s: t for s, t in s2t.items() if s in hans_seen}, to_hans, "".join(sorted(t for t in to_hans if t in hans_seen)),
                  hans_chars, hant_chars)


FACETS = ("tag", "province", "year", "source")  # what the results page filters by (its URL parameters)


def facet_table(docs: list[Record]) -> dict:
    """What the results page filters and counts by, for the cases in the order of their numbers
    (``ordered``): ``values``, each facet's values sorted (tags, provinces and sources as
    [Simplified, Traditional]; years as text), and ``docs``, per facet one column with an entry
    per case: the index of its value (-1 for none), for tags the list of indices; and
    ``deleted``, which cases' original is gone (front matter ``deleted:``), a bit per case in hex
    (case n is bit n % 4 of character n // 4; trailing zeros dropped, so "" when none is):
    compressed, on 10,000 made-up cases, about 1.2 bits a case at worst (half deleted at
    random), nearly nothing when few are. One small file for the whole archive (about 3 bytes per case
    compressed), fetched by the results page only."""
    names: dict[str, dict[str, str]] = {"tag": {}, "province": {}, "source": {}}
    for record in docs:
        for facet, hans, hant in record.facets:
            names[facet].setdefault(hans, hant)
    values: dict[str, list] = {facet: sorted(names[facet].items()) for facet in names}
    values["year"] = sorted({r.date[:4] for r in docs if r.date})
    number = {facet: {v[0] if isinstance(v, tuple) else v: i for i, v in enumerate(values[facet])} for facet in FACETS}
    columns: dict[str, list] = {facet: [] for facet in FACETS}
    for record in docs:
        got: dict[str, list[int]] = {facet: [] for facet in FACETS}
        for facet, hans, _ in record.facets:
            got[facet].append(number[facet][hans])
        if record.date:
            got["year"].append(number["year"][record.date[:4]])
        columns["tag"].append(sorted(set(got["tag"])))
        for facet in ("province", "year", "source"):
            columns[facet].append(got[facet][0] if got[facet] else -1)
    return {"values": {facet: [list(v) if isinstance(v, tuple) else v for v in values[facet]] for facet in FACETS},
            "docs": columns, "deleted": _bits([bool(record.deleted) for record in docs])}


def _bits(flags: list[bool]) -> str:
    """``flags`` as hex, four to a character, the first in the lowest bit; trailing zeros dropped."""
    chars = [sum(1 << i for i, flag in enumerate(flags[at:at + 4]) if flag) for at in range(0, len(flags), 4)]
    return "".join(f"{c:x}" for c in chars).rstrip("0")


# -- what a case carries: its data (in its fragment) and its keys (in the postings) -------------

_UNSAFE = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x10000)
                                   if chr(c).isspace() or unicodedata.category(chr(c)) in ("Cc", "Cf", "Zs", "Zl", "Zp"))
                     + "]")


def _meta_json(data) -> str:
    """JSON as Pagefind keeps it in a fragment's metadata: Pagefind collapses whitespace in
    metadata, so every whitespace and invisible character is written as a \\u escape (the JSON
    has no other whitespace)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_SEP = "\0"  # joins a case's fields for one pass over them (a field holding it is handled alone)


def _split(texts: list[str], apply) -> list[str]:
    """``apply`` to each text, in one call over the texts joined when it keeps one character for
    one (translations, ``normal`` keeps the separator)."""
    if any(_SEP in t for t in texts):
        return [apply(t) for t in texts]
    return apply(_SEP.join(texts)).split(_SEP)


def _hant_form(base: str, hant: str):
    """A field's Traditional text as carried, given ``base``, the character table's rendering of
    its Simplified text: 0 when they are equal, else the [position, character] pairs where they
    differ (same length in characters), or the whole text, whichever is shorter."""
    if base == hant:
        return 0
    if len(base) == len(hant):
        diffs = []
        for start in range(0, len(base), 64):  # most 64-character blocks are equal
            a, b = base[start:start + 64], hant[start:start + 64]
            if a != b:
                diffs += [[start + i, y] for i, (x, y) in enumerate(zip(a, b)) if x != y]
        if len(json.dumps(diffs, ensure_ascii=False, separators=(",", ":"))) < len(hant):
            return diffs
    return hant


def case_data(record: Record, s2t: dict[int, str]) -> dict:
    """What the search box reads of a case (its fragment's ``c`` metadata): ``d`` the date and
    ``f`` the fields, each [kind, Simplified, Traditional (see ``_hant_form``)] and for a
    credited name also its role in both scripts; ``x`` the day the original was found gone, only
    for such cases (front matter ``deleted:``)."""
    bases = _split([f.hans for f in record.fields], lambda text: text.translate(s2t))
    fields = []
    for f, base in zip(record.fields, bases):
        entry = [f.kind, f.hans, _hant_form(base, f.hant)]
        if f.role:
            entry += list(f.role)
        fields.append(entry)
    data = {"d": record.date, "f": fields}
    if record.deleted:
        data["x"] = record.deleted
    return data


def stub(record: Record, s2t: dict[int, str]) -> bytes:
    """The page Pagefind makes a case's fragment from: its data as metadata (``case_data``),
    and its id as the only content (Pagefind's own index is not used)."""
    esc = html.escape
    return (f'<!doctype html><html lang="{STUB_LANG}"><head><meta charset="utf-8"><title>{esc(record.key)}</title></head>'
            f'<body><main data-pagefind-body><p>{esc(record.key)}</p></main>'
            f'<div data-pagefind-meta="c">{esc(_meta_json(case_data(record, s2t)))}</div></body></html>').encode("utf-8")


def stub_path(record: Record) -> str:
    return record.url + "index.html" if record.url.endswith("/") or not record.url else record.url


def case_keys(record: Record, t2s: dict[int, str]) -> tuple[dict[int, set[str]], dict[int, set[str]], set[str]]:
    """A case's postings keys: {PAIR: pairs, TRIPLE: triples} of characters of its fields, the
    same for its title alone, and its whole names (each text normalised; Traditional text read
    in Simplified)."""
    hans = _split([f.hans for f in record.fields], normal)
    hant = _split([f.hant for f in record.fields], lambda text: normal(text).translate(t2s))
    pairs: set[str] = set()
    triples: set[str] = set()
    names: set[str] = set()
    title: dict[int, set[str]] = {PAIR: set(), TRIPLE: set()}
    for f, s, t in zip(record.fields, hans, hant):
        two = {s[i:i + 2] for i in range(len(s) - 1)}
        three = {s[i:i + 3] for i in range(len(s) - 2)}
        if t != s:
            two.update(t[i:i + 2] for i in range(len(t) - 1))
            three.update(t[i:i + 3] for i in range(len(t) - 2))
        pairs |= two
        triples |= three
        if f.kind == "t":
            title = {PAIR: two, TRIPLE: three}
        elif f.kind in NAME_KINDS:
            names.update(n for n in (s.translate(t2s), t) if n)
    return {PAIR: pairs, TRIPLE: triples}, title, names


# -- postings (build_tools/postings.py) -------------------------------------------------------

def _case_text(record: Record, t2s: dict[int, str]) -> postings_files.CaseText:
    """What a case gives the postings: its fields without whitespace (``postings`` tells how
    each character is read) and its whole names (``case_keys``)."""
    hans = _split([f.hans for f in record.fields], compact)
    hant = _split([f.hant for f in record.fields], compact)
    title = None
    names: set[str] = set()
    for number, f in enumerate(record.fields):
        if f.kind == "t":
            title = number
        elif f.kind in NAME_KINDS:
            names.update(n for n in (normal(hans[number]).translate(t2s), normal(hant[number]).translate(t2s)) if n)
    return postings_files.CaseText(hans, hant, title, names)


def postings(items: list[Record], table: Tables) -> tuple[int, dict[int, bytes]]:
    """The postings files of ``ordered(items)`` (their keys: ``case_keys``): (number of files,
    {file number: contents}); ``table``: ``tables`` of these items."""
    t2s = str.maketrans(table.t2s)
    hans = {c: c.translate(_FOLD) for c in table.hans_chars}  # one character for one (``normal``)
    hant = {c: c.translate(_FOLD).translate(t2s) for c in table.hant_chars}
    return postings_files.build((_case_text(record, t2s) for record in items), len(items), hans, hant)


def _gzip(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


@dataclasses.dataclass(frozen=True)
class Summary:
    pages: int
    shards: int
    indexed: int  # shards Pagefind had to index (the others came from the cache)
    seconds: float  # spent in Pagefind


@dataclasses.dataclass(frozen=True)
class Prepared:
    """What ``prepare`` leaves for ``write``: small, so the build can free its memory between."""

    pages: int
    shards: tuple[tuple[pathlib.Path, pathlib.Path | None], ...]  # (cached bundle, stub folder to index or None)
    tables: dict[str, str]  # the character tables as written to TABLES
    cache: pathlib.Path
    temporary_cache: bool = False  # the cache folder could not be used: a temporary one, removed by ``write``
    index: pathlib.Path | None = None  # the folder of the postings files (k/<n>.bin)
    buckets: int = 0  # how many postings files there are
    docs: tuple[str, ...] = ()  # the cases' URLs in the order of their numbers
    index_owned: bool = True  # ``index`` is this build's work folder (else the cache's), removed by ``write``
    facets: bytes = b""  # FACETS_FILE, compressed (``facet_table``)
    runs: "_Runs | None" = None  # Pagefind indexing the shards the cache lacks, started by ``prepare``


def prepare(items: list[Record], cache: pathlib.Path, shard_pages: int = SHARD_PAGES) -> Prepared:
    """Work out each shard's digest, write the stub pages of the shards not in the cache (Pagefind
    starts on each as soon as they are written), and write the postings."""
    table = tables(items)
    translation = str.maketrans(table.s2t)
    groups = plan(items, shard_pages) if items else []
    cache, temporary = _usable_cache(cache)
    shards = []
    # Pagefind indexes each shard's stub pages in its own process as soon as they are on disk,
    # while this one writes the next shard's and then the postings
    runs = _Runs(parallel=len(groups) > 1)
    written: list[pathlib.Path] = []  # the stub folders: removed by their runs, or here on failure
    try:
        for number, group in enumerate(groups):
            pages = [(stub_path(r), stub(r, translation)) for r in group]
            digest = hashlib.sha256(f"{PAGEFIND_VERSION}\0{len(groups)}\0{number}".encode())
            for path, data in pages:
                digest.update(path.encode() + b"\0" + data + b"\0")
            cached = cache / f"{len(groups)}-{number}" / digest.hexdigest()[:32]
            work = None
            if not _entry_complete(cached):
                if os.path.lexists(cached):
                    log.info("case-archive: search index cache: %s is incomplete or damaged; indexing shard %d again",
                             cached, number)
                    _remove(cached)
                work = cache / "work" / f"{os.getpid()}-{number}"  # one build's own (builds may share the cache)
                shutil.rmtree(work, ignore_errors=True)
                written.append(work)
                for path, data in pages:
                    target = work / path
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                runs.start(number, work)
            shards.append((cached, work))
        docs = ordered(items)
        index, buckets, owned = _prepare_postings(docs, table, cache, [cached for cached, _ in shards])
        facets = _gzip(json.dumps(facet_table(docs), ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    except BaseException:
        runs.abandon()
        for work in written:
            shutil.rmtree(work, ignore_errors=True)
        raise
    return Prepared(len(items), tuple(shards), table.json(), cache, temporary, index, buckets,
                    tuple(r.url for r in docs), owned, facets, runs)


def _prepare_postings(docs: list[Record], table: Tables, cache: pathlib.Path,
                      bundles: list[pathlib.Path]) -> tuple[pathlib.Path, int, bool]:
    """The postings files, from the cache when nothing they are made of changed (the cases'
    stub pages, their order, the character tables, this module's code), else written now into a
    work folder and stored in the cache (as bundles are). Returns (folder, number of files,
    whether the folder is this build's own)."""
    key = hashlib.sha256(f"{FORMAT}\0{_CODE}\0".encode())
    key.update(json.dumps(table.json(), ensure_ascii=False, sort_keys=True).encode("utf-8"))
    for bundle in bundles:  # each names its stub pages' digest
        key.update(f"{bundle.parent.name}/{bundle.name}\0".encode())
    key.update("\0".join(r.url for r in docs).encode("utf-8"))
    entry = cache / POSTINGS / key.hexdigest()[:32]
    if _entry_complete(entry):
        os.utime(entry)
        return entry, json.loads((entry / "postings.json").read_text(encoding="utf-8"))["buckets"], False
    if os.path.lexists(entry):
        _remove(entry)
    started = time.perf_counter()
    buckets, files = postings(docs, table)
    index = cache / "work" / f"{os.getpid()}-index"
    shutil.rmtree(index, ignore_errors=True)
    (index / "k").mkdir(parents=True)
    for number, data in files.items():
        (index / "k" / f"{number}.bin").write_bytes(_gzip(data))
    _write_json(index / "postings.json", {"buckets": buckets})
    if docs:
        log.info("case-archive: search postings: %d case(s), %d file(s) in %.1fs", len(docs), buckets,
                 time.perf_counter() - started)
        entry.parent.mkdir(parents=True, exist_ok=True)
        problem = _store(index, entry, fault=None)
        if problem is not None:
            cache_log.warning("case-archive: could not store the search postings in the cache %s (%s); the next "
                              "build writes them again", cache, problem.strerror or problem)
        _prune(entry.parent)
    return index, buckets, True


def _fragments(bundle: pathlib.Path, prefix: str) -> dict[str, str]:
    """{page URL: fragment path relative to pagefind/ without its extension} of a Pagefind bundle."""
    out = {}
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        url = json.loads(data[data.index(b"{"):])["url"]
        out[url.lstrip("/")] = f"{prefix}fragment/{path.name.removesuffix('.pf_fragment')}"
    return out


def _write_search(prepared: Prepared, target: pathlib.Path) -> dict:
    """The search files beside the bundles; returns the manifest's ``search`` entry."""
    folder = target / INDEX
    fragments: dict[str, str] = {}
    for number in range(len(prepared.shards)):
        prefix = f"shard-{number}/" if number else ""
        fragments.update(_fragments(target / prefix, prefix))
    missing = [url for url in prepared.docs if url not in fragments]
    if missing:
        raise SearchIndexError(f"Pagefind wrote no fragment for {len(missing)} case(s), e.g. {missing[0]}")
    (folder / "d").mkdir(parents=True)
    for start in range(0, len(prepared.docs), DOC_CHUNK):
        chunk = [fragments[url] for url in prepared.docs[start:start + DOC_CHUNK]]
        (folder / "d" / f"{start // DOC_CHUNK}.bin").write_bytes(
            _gzip(json.dumps(chunk, separators=(",", ":")).encode("utf-8")))
    if prepared.index is not None and (prepared.index / "k").is_dir():
        shutil.copytree(prepared.index / "k", folder / "k")
    else:
        (folder / "k").mkdir()
    (target / TABLES).write_bytes(_gzip(json.dumps(prepared.tables, ensure_ascii=False, sort_keys=True,
                                                   separators=(",", ":")).encode("utf-8")))
    (target / FACETS_FILE).write_bytes(prepared.facets or _gzip(json.dumps(facet_table([])).encode("utf-8")))
    return {"format": FORMAT, "cases": len(prepared.docs), "buckets": prepared.buckets, "chunk": DOC_CHUNK,
            "rules": rules(), "facets": FACETS_FILE}


def write(prepared: Prepared, site: pathlib.Path) -> Summary:
    """Put the bundles into ``site/pagefind``, from the cache or indexed by Pagefind now, and the
    search files beside them."""
    try:
        return _write(prepared, site)
    finally:
        if prepared.runs is not None:
            prepared.runs.abandon()  # written: nothing left; failed: the runs not needed are stopped
        if prepared.index is not None and prepared.index_owned:
            shutil.rmtree(prepared.index, ignore_errors=True)
        if prepared.temporary_cache:
            shutil.rmtree(prepared.cache, ignore_errors=True)


def _write(prepared: Prepared, site: pathlib.Path) -> Summary:
    target = site / "pagefind"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    indexed = unstored = 0
    names = []
    runs = prepared.runs
    if runs is None:
        runs = _Runs(parallel=len(prepared.shards) > 1)
        for number, (_, work) in enumerate(prepared.shards):
            if work is not None:
                runs.start(number, work)
    fresh = runs.wait()
    spent = runs.seconds if fresh else 0.0  # Pagefind's runs, side by side
    for number, (cached, work) in enumerate(prepared.shards):
        bundle = target if number == 0 else target / f"shard-{number}"
        if work is None:
            shutil.copytree(cached, bundle, dirs_exist_ok=True, ignore=shutil.ignore_patterns(ENTRY_MANIFEST))
            os.utime(cached)
        else:
            output = fresh[number]
            shutil.copytree(output, bundle, dirs_exist_ok=True)
            shutil.rmtree(output, ignore_errors=True)
            indexed += 1
            # right after its own copy the site's pagefind/ holds no other shard and no manifest
            problem = _store(bundle, cached)
            if problem is not None and not unstored:
                cache_log.warning("case-archive: could not store a search index bundle in the cache %s (%s); the "
                                  "next build indexes that shard again", prepared.cache, problem.strerror or problem)
            unstored += problem is not None
            _prune(cached.parent)
        if number:
            names.append(f"shard-{number}/")
    search = _write_search(prepared, target)
    _write_json(target / MANIFEST, {"pages": prepared.pages, "shards": names, "search": search})
    if not prepared.temporary_cache and prepared.cache.is_dir():
        prefix = f"{len(prepared.shards)}-"
        for slot in prepared.cache.iterdir():  # bundles of an earlier shard count
            if slot.name not in ("work", POSTINGS) and not slot.name.startswith(prefix):
                _remove(slot)
    summary = Summary(prepared.pages, len(prepared.shards), indexed, spent)
    if prepared.pages:
        log.info("case-archive: search index: %d case(s) in %d shard(s), %d indexed, Pagefind %.1fs",
                 summary.pages, summary.shards, summary.indexed, summary.seconds)
    else:  # a new archive: nothing to index, the search box says so
        log.info("case-archive: search index: no cases")
    return summary


def index_archive(items: list[Record], site: pathlib.Path, cache: pathlib.Path, shard_pages: int = SHARD_PAGES) -> Summary:
    return write(prepare(items, cache, shard_pages), site)


def _write_json(path: pathlib.Path, data: dict) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")), encoding="utf-8")


def _prune(slot: pathlib.Path) -> None:
    try:
        entries = sorted((p for p in slot.iterdir() if p.is_dir() and not p.name.startswith(".")),
                         key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for stale in entries[CACHE_KEEP:]:
        shutil.rmtree(stale, ignore_errors=True)


def _remove(path: pathlib.Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            path.unlink()
        except OSError:
            pass


def _usable_cache(cache: pathlib.Path) -> tuple[pathlib.Path, bool]:
    """The bundle cache folder, made ready (leftovers of killed builds removed); a temporary folder,
    with one warning, when it cannot be written."""
    try:
        cache.mkdir(parents=True, exist_ok=True)
        probe = cache / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        cache_log.warning("case-archive: the search index cache %s cannot be used (%s); this build indexes every "
                          "shard without it. %s", cache, exc.strerror or exc, folder_hint(cache))
        return pathlib.Path(tempfile.mkdtemp(prefix="case-archive-pagefind-")), True
    for leftover in [*cache.glob("work/*"), *cache.glob("*/.part-*")]:
        owner, mark, _ = leftover.name.removeprefix(".part-").partition("-")  # "<pid>-..."
        if not (mark and owner.isdigit() and int(owner) > 0 and _running(int(owner))):
            _remove(leftover)  # a killed build's (or an older layout's)
    return cache, False


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def _file_digest(path: pathlib.Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _bundle_files(folder: pathlib.Path) -> dict[str, pathlib.Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


def _entry_complete(entry: pathlib.Path) -> bool:
    """A cached bundle is reused only when it holds exactly the files its manifest lists, with
    their sizes and digests (the manifest is written last, see ``_store``)."""
    try:
        if not entry.is_dir() or entry.is_symlink():
            return False
        listed = json.loads((entry / ENTRY_MANIFEST).read_text(encoding="utf-8"))["files"]
        files = _bundle_files(entry)
        files.pop(ENTRY_MANIFEST, None)
        if set(files) != set(listed):
            return False
        for name, path in files.items():
            size, digest = listed[name]
            if path.stat().st_size != size or _file_digest(path) != digest:
                return False
        return True
    except (OSError, ValueError, KeyError, TypeError):
        return False


def _store(bundle: pathlib.Path, entry: pathlib.Path, fault: str | None = "pagefind-cache") -> OSError | None:
    """Copy a freshly indexed bundle into the cache: under a temporary name, its manifest written
    last, and renamed to ``entry`` only when complete. A cache that cannot take it is left as it
    was (the bundle is in the site already): the problem is returned."""
    part = entry.parent / f".part-{os.getpid()}-{entry.name}"
    try:
        shutil.rmtree(part, ignore_errors=True)
        files = _bundle_files(bundle)
        listed = {}
        for count, (name, source) in enumerate(files.items()):
            if count == len(files) // 2 and fault:
                fault_point(fault)
            target = part / name
            target.parent.mkdir(parents=True, exist_ok=True)
            data = source.read_bytes()
            target.write_bytes(data)
            listed[name] = [len(data), hashlib.sha256(data).hexdigest()]
        _write_json(part / ENTRY_MANIFEST, {"files": listed})
        _remove(entry)
        try:
            os.rename(part, entry)
        except OSError:
            if not _entry_complete(entry):  # not another build's copy of the same bundle
                raise
    except OSError as exc:
        return exc
    finally:
        shutil.rmtree(part, ignore_errors=True)
    return None


class _Runs:
    """Pagefind on the shards the cache does not hold, each started in the background as soon as
    its stub pages are written (``start``), two at a time on a machine with a second core and more
    than one shard (one run keeps about one core busy); ``wait`` gives {shard: its bundle in a
    work folder}."""

    def __init__(self, parallel: bool = True) -> None:
        self.todo: list[tuple[int, pathlib.Path]] = []
        self.outputs: dict[int, pathlib.Path] = {}
        self.started = time.perf_counter()
        self.seconds = 0.0
        self.runs = 2 if parallel and (os.cpu_count() or 1) > 1 else 1
        self.pool: concurrent.futures.ThreadPoolExecutor | None = None
        self.futures: dict[int, concurrent.futures.Future] = {}

    def start(self, number: int, work: pathlib.Path) -> None:
        """Index shard ``number``'s stub pages (in ``work``, removed when done)."""
        output = work.with_name(f"{work.name}-bundle")
        shutil.rmtree(output, ignore_errors=True)
        if self.pool is None:
            self.started = time.perf_counter()
            self.pool = concurrent.futures.ThreadPoolExecutor(self.runs, thread_name_prefix="case-archive-pagefind")
        self.todo.append((number, work))
        self.outputs[number] = output
        self.futures[number] = self.pool.submit(_run_pagefind, work, output, number)

    def wait(self) -> dict[int, pathlib.Path]:
        done: dict[int, pathlib.Path] = {}
        failure: BaseException | None = None
        for number, future in self.futures.items():
            try:
                future.result()
                done[number] = self.outputs[number]
            except BaseException as exc:  # the first failure is reported; the runs not started are not
                failure = failure or exc
                for other in self.futures.values():
                    other.cancel()
        self.seconds = time.perf_counter() - self.started
        self._close()
        if failure is not None:
            self._remove()
            raise failure
        return done

    def abandon(self) -> None:
        """Stop what has not started, wait for what has, and remove its work (after ``wait``:
        nothing left to do)."""
        if self.pool is None:
            return
        for future in self.futures.values():
            future.cancel()
        self._close()
        self._remove()

    def _close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None

    def _remove(self) -> None:
        for number, work in self.todo:
            shutil.rmtree(self.outputs[number], ignore_errors=True)
            shutil.rmtree(work, ignore_errors=True)


def _run_pagefind(work: pathlib.Path, bundle: pathlib.Path, number: int) -> float:
    """Index one shard's stub pages (laid out with the site's relative paths, so Pagefind records
    the site's URLs) into ``bundle``."""
    started = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(work), "--glob", "**/*.html",
                                 "--output-path", str(bundle), "--silent"], capture_output=True, text=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on search shard {number}:\n{result.stdout}{result.stderr}")
    # Pagefind writes its entry file from a hash map, in a different key order on each run;
    # sorting the keys makes two builds of the same inputs byte-identical.
    entry = bundle / "pagefind-entry.json"
    if entry.exists():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return time.perf_counter() - started
