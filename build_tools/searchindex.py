"""Search index stage: one Pagefind index over the archive's cases, searched in both scripts.

Pagefind indexes the Simplified text of every case (title, subtitle, paragraphs), from small
pages this stage writes from the pipeline's data, not from the built site, so changing the
theme never re-indexes. The Traditional search box searches the same index: it turns the
reader's query into Simplified with a character table, and shows each result in Traditional from
what the result carries (see ``stub``): its Traditional title, and its Traditional text as the
few places where that differs from the character table's rendering of the Simplified text, or
whole where the two texts are not aligned character for character. One index instead of one per
script halves the indexing time, which at 10,000 cases is most of a cold build.

Pagefind's indexer holds every page it indexes in memory (about 0.55 MB per case, measured with
Pagefind 1.5 extended), so one run over 10,000 cases needs ~5.5 GB. The cases are therefore
split into shards of at most about ``SHARD_PAGES``, each indexed by its own Pagefind run into its
own bundle; the header search box searches the shards one after another until it has enough
results (case-search.js). Layout, relative to the site root::

    pagefind/                         shard 0 (the bundle the page loads first)
    pagefind/shard-1/ ...             the other shards
    pagefind/case-archive.json        {"pages": N, "shards": ["shard-1/", ...]}
    pagefind/case-archive-hant.json   {"s2t": "简簡…", "t2s": "簡简…", "kept": "乾…"}: see ``tables``

A case's shard is a hash of its id, so adding a case changes one shard only; each shard's
bundle is cached under a digest of its stub pages and reused when they did not change. A bundle
enters the cache under a temporary name, gets a list of its files with their sizes and digests
(``ENTRY_MANIFEST``, written last) and only then its final name; it is reused only when it
still matches that list, so a build killed while copying never leaves a truncated bundle to be
reused. A cache folder that cannot be written is replaced by a temporary one, with a warning.
"""

from __future__ import annotations

import dataclasses
import hashlib
import html
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
import zlib

from build_tools import render, script
from build_tools.cache import fault_point, folder_hint
from build_tools.model import HANS, HANT, Case

log = logging.getLogger("mkdocs.plugins.case_archive")
cache_log = logging.getLogger("case_archive.cache")  # cache problems: worked around, never fail a --strict build

SHARD_PAGES = 2000
MANIFEST = "case-archive.json"
TABLES = "case-archive-hant.json"
CACHE_KEEP = 3  # cached bundles kept per shard slot
ENTRY_MANIFEST = ".case-archive-entry.json"  # in a cached bundle: {"files": {path: [size, sha256]}}, written last

# What case-search.js strips before comparing texts (its `compact`): whitespace, and the
# zero-width space Pagefind puts between the words it segments. Both sides must agree exactly.
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")  # one character, two UTF-16 units in JS


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


PAGEFIND_VERSION = _pagefind_version()


@dataclasses.dataclass(frozen=True)
class Record:
    """One case as the search index sees it (plain data from the pipeline's cases)."""

    key: str  # case id: decides the shard
    url: str  # the Simplified page's URL relative to the site root, e.g. "cases/x/"
    title: str
    text: str  # subtitle and paragraphs, one per line (Simplified)
    hant_title: str
    hant_text: str


def records(cases: list[Case], directory_urls: bool = True) -> list[Record]:
    out = []
    for case in cases:
        hans, hant = case.variants[HANS], case.variants[HANT]

        def text(fields: dict) -> str:
            return "\n".join(([fields["subtitle"]] if fields["subtitle"] else []) + list(fields["paragraphs"]))

        out.append(Record(case.case_id, render.page_url(render.case_path(case), directory_urls),
                          hans["title"] or case.case_id, text(hans), hant["title"] or case.case_id, text(hant)))
    return out


def compact(text: str) -> str:
    return _SPACE.sub("", text)


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


def tables(items: list[Record]) -> tuple[dict[str, str], dict[str, str], str]:
    """Character tables for the Traditional search box, cut down to the archive's characters:
    Simplified -> Traditional for the characters of its Simplified texts; Traditional ->
    Simplified for every character whose Simplified form occurs in them (a reader may type a
    Traditional form the archive does not use; it still finds the Simplified text); and the
    Traditional characters of that table that the Simplified texts also use as they are (乾 in
    乾隆), which the search box looks for in both forms."""
    seen: set[str] = set()
    for record in items:
        seen.update(record.title)
        seen.update(record.text)
    s2t, t2s = script.char_tables()
    return ({s: t for s, t in s2t.items() if s in seen}, {t: s for t, s in t2s.items() if s in seen},
            "".join(sorted(t for t in t2s if t in seen)))


def stub(record: Record, s2t: dict[int, str]) -> bytes:
    """The page Pagefind indexes for a case: its Simplified title and text in one block (so
    Pagefind's content is the text itself, without separators between blocks), and as metadata
    the Traditional title and, for the Traditional search box's excerpts, either ``n`` and ``hx``
    (the compacted Simplified text's length and the positions where the Traditional text differs
    from its character-table rendering, as JSON [[position, character], ...]) or ``hant`` (the
    whole compacted Traditional text, when the two are not aligned character for character)."""
    esc = html.escape
    hans = compact(record.title + record.text)
    hant = compact(record.hant_title + record.hant_text)
    meta = {"title": record.title, "hant_title": record.hant_title}
    if len(hans) == len(hant) and not _ASTRAL.search(hans) and not _ASTRAL.search(hant):
        base = hans.translate(s2t)
        meta["n"] = str(len(hans))
        meta["hx"] = json.dumps(_differences(base, hant), ensure_ascii=False, separators=(",", ":"))
    else:
        meta["hant"] = hant
    fields = "".join(f'<div data-pagefind-meta="{key}">{esc(value)}</div>' for key, value in meta.items())
    return (f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{esc(record.title)}</title></head>'
            f'<body><main data-pagefind-body><p>{esc(record.title)}\n{esc(record.text)}</p></main>{fields}</body></html>'
            ).encode("utf-8")


def _differences(base: str, target: str) -> list:
    # most 64-character blocks are equal: compare blocks in C, characters only inside unequal ones
    out = []
    for start in range(0, len(base), 64):
        a, b = base[start:start + 64], target[start:start + 64]
        if a != b:
            out += [[start + i, y] for i, (x, y) in enumerate(zip(a, b)) if x != y]
    return out


def stub_path(record: Record) -> str:
    return record.url + "index.html" if record.url.endswith("/") or not record.url else record.url


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


def prepare(items: list[Record], cache: pathlib.Path, shard_pages: int = SHARD_PAGES) -> Prepared:
    """Work out each shard's digest, and write the stub pages of the shards not in the cache."""
    s2t, t2s, kept = tables(items)
    translation = str.maketrans(s2t)
    groups = plan(items, shard_pages) if items else []
    cache, temporary = _usable_cache(cache)
    shards = []
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
            for path, data in pages:
                target = work / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
        shards.append((cached, work))
    table_json = {"s2t": "".join(k + v for k, v in sorted(s2t.items())), "t2s": "".join(k + v for k, v in sorted(t2s.items())),
                  "kept": kept}
    return Prepared(len(items), tuple(shards), table_json, cache, temporary)


def write(prepared: Prepared, site: pathlib.Path) -> Summary:
    """Put the bundles into ``site/pagefind``: from the cache, or indexed by Pagefind now."""
    try:
        return _write(prepared, site)
    finally:
        if prepared.temporary_cache:
            shutil.rmtree(prepared.cache, ignore_errors=True)


def _write(prepared: Prepared, site: pathlib.Path) -> Summary:
    target = site / "pagefind"
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    spent = 0.0
    indexed = unstored = 0
    names = []
    for number, (cached, work) in enumerate(prepared.shards):
        bundle = target if number == 0 else target / f"shard-{number}"
        if work is None:
            shutil.copytree(cached, bundle, dirs_exist_ok=True, ignore=shutil.ignore_patterns(ENTRY_MANIFEST))
            os.utime(cached)
        else:
            spent += _run_pagefind(work, bundle, number)
            indexed += 1
            # right after its own run the site's pagefind/ holds no other shard and no manifest
            problem = _store(bundle, cached)
            if problem is not None and not unstored:
                cache_log.warning("case-archive: could not store a search index bundle in the cache %s (%s); the "
                                  "next build indexes that shard again", prepared.cache, problem.strerror or problem)
            unstored += problem is not None
            _prune(cached.parent)
        if number:
            names.append(f"shard-{number}/")
    _write_json(target / MANIFEST, {"pages": prepared.pages, "shards": names})
    _write_json(target / TABLES, prepared.tables)
    if not prepared.temporary_cache and prepared.cache.is_dir():
        prefix = f"{len(prepared.shards)}-"
        for slot in prepared.cache.iterdir():  # bundles of an earlier shard count
            if slot.name != "work" and not slot.name.startswith(prefix):
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


def _store(bundle: pathlib.Path, entry: pathlib.Path) -> OSError | None:
    """Copy a freshly indexed bundle into the cache: under a temporary name, its manifest written
    last, and renamed to ``entry`` only when complete. A cache that cannot take it is left as it
    was (the bundle is in the site already): the problem is returned."""
    part = entry.parent / f".part-{os.getpid()}-{entry.name}"
    try:
        shutil.rmtree(part, ignore_errors=True)
        files = _bundle_files(bundle)
        listed = {}
        for count, (name, source) in enumerate(files.items()):
            if count == len(files) // 2:
                fault_point("pagefind-cache")
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
