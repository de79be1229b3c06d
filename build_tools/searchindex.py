"""Search index stage: Pagefind bundles over one script's built case pages.

Pagefind's indexer holds every page it indexes in memory (about 0.55 MB per case page of this
archive, measured with Pagefind 1.5 extended), so one run over 10,000 pages needs ~5.5 GB. The
case pages are therefore split into shards of at most about ``SHARD_PAGES`` pages, each indexed
by its own Pagefind run into its own bundle; the header search box searches the shards one
after another until it has enough results (case-search.js). Layout, relative to the script's
site folder::

    pagefind/                    shard 0 (the bundle the page loads first)
    pagefind/shard-1/ ...        the other shards
    pagefind/case-archive.json   {"pages": N, "shards": ["shard-1/", ...]}

A page's shard is a hash of its case folder name, so adding a case changes one shard only; each
shard's bundle is cached under a digest of its pages' bytes and reused when they did not change.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import math
import os
import pathlib
import shutil
import subprocess
import sys
import time
import zlib

log = logging.getLogger("mkdocs.plugins.case_archive")

SHARD_PAGES = 2000
MANIFEST = "case-archive.json"
CACHE_KEEP = 3  # cached bundles kept per shard slot (build and serve differ in site_url)


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message carries its output."""


def _pagefind_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("pagefind")
    except PackageNotFoundError:
        return "unknown"


PAGEFIND_VERSION = _pagefind_version()


def shard_count(pages: int, shard_pages: int = SHARD_PAGES) -> int:
    return max(1, math.ceil(pages / max(1, shard_pages)))


def shard_of(name: str, shards: int) -> int:
    return zlib.crc32(name.encode("utf-8")) % shards


def plan(folder: pathlib.Path, shard_pages: int = SHARD_PAGES) -> list[list[pathlib.Path]]:
    """The case pages of one script's site folder grouped by shard, empty shards left out (the
    first group's bundle is the one the page loads; one empty group when there are no pages)."""
    pages = sorted((folder / "cases").glob("*/index.html"))
    shards = shard_count(len(pages), shard_pages)
    groups: list[list[pathlib.Path]] = [[] for _ in range(shards)]
    for page in pages:
        groups[shard_of(page.parent.name, shards)].append(page)
    return [g for g in groups if g] or [[]]


@dataclasses.dataclass(frozen=True)
class Summary:
    pages: int
    shards: int
    indexed: int  # shards Pagefind had to index (the others came from the cache)
    seconds: float  # spent in Pagefind


def index_script(folder: pathlib.Path, label: str, cache: pathlib.Path, shard_pages: int = SHARD_PAGES) -> Summary:
    """Write the sharded Pagefind bundles for one script's site folder."""
    groups = plan(folder, shard_pages)
    target = folder / "pagefind"
    shutil.rmtree(target, ignore_errors=True)
    if not groups[0]:  # no case pages (a new archive): nothing to index, the search box says so
        target.mkdir(parents=True)
        (target / MANIFEST).write_text(json.dumps({"pages": 0, "shards": []}, separators=(",", ":")), encoding="utf-8")
        log.info("case-archive: search index for %s: no case pages", label)
        return Summary(0, 0, 0, 0.0)
    spent = 0.0
    indexed = 0
    names = []
    for number, group in enumerate(groups):
        bundle = target if number == 0 else target / f"shard-{number}"
        digest = hashlib.sha256(f"{PAGEFIND_VERSION}\0{len(groups)}\0{number}".encode())
        for page in group:
            digest.update(page.relative_to(folder).as_posix().encode() + b"\0" + page.read_bytes())
        slot = cache / label / f"{len(groups)}-{number}"
        cached = slot / digest.hexdigest()[:32]
        if cached.is_dir():
            _copy_bundle(cached, bundle)
            os.utime(cached)
        else:
            spent += _run_pagefind(folder, group, bundle, cache / "work" / f"{label}-{number}", label)
            indexed += 1
            shutil.rmtree(cached, ignore_errors=True)
            _copy_bundle(bundle, cached)
            _prune(slot)
        if number:
            names.append(f"shard-{number}/")
    pages = sum(map(len, groups))
    (target / MANIFEST).write_text(json.dumps({"pages": pages, "shards": names}, separators=(",", ":")), encoding="utf-8")
    for slot in (cache / label).iterdir():  # bundles of an earlier shard count
        if not slot.name.startswith(f"{len(groups)}-"):
            shutil.rmtree(slot, ignore_errors=True)
    summary = Summary(pages, len(groups), indexed, spent)
    log.info("case-archive: search index for %s: %d page(s) in %d shard(s), %d indexed, Pagefind %.1fs",
             label, summary.pages, summary.shards, summary.indexed, summary.seconds)
    return summary


def _copy_bundle(source: pathlib.Path, dest: pathlib.Path) -> None:
    # a shard's bundle is cached right after its own run: the site's pagefind/ folder then holds
    # no other shard and no manifest yet (both are written after shard 0)
    shutil.copytree(source, dest, dirs_exist_ok=True)


def _prune(slot: pathlib.Path) -> None:
    entries = sorted((p for p in slot.iterdir() if p.is_dir()), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in entries[CACHE_KEEP:]:
        shutil.rmtree(stale, ignore_errors=True)


def _run_pagefind(folder: pathlib.Path, group: list[pathlib.Path], bundle: pathlib.Path,
                  work: pathlib.Path, label: str) -> float:
    """Index one shard: its pages are hard-linked (copied where links fail) into a work folder
    with the site's relative paths, so Pagefind records the same URLs as for the whole site."""
    started = time.perf_counter()
    shutil.rmtree(work, ignore_errors=True)
    for page in group:
        link = work / page.relative_to(folder)
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(page, link)
        except OSError:
            shutil.copyfile(page, link)
    (work / "cases").mkdir(parents=True, exist_ok=True)
    try:
        result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(work), "--glob", "cases/**/*.html",
                                 "--output-path", str(bundle), "--silent"], capture_output=True, text=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if result.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on the {label} case pages:\n{result.stdout}{result.stderr}")
    # Pagefind writes its entry file from a hash map, in a different key order on each run;
    # sorting the keys makes two builds of the same inputs byte-identical.
    entry = bundle / "pagefind-entry.json"
    if entry.exists():
        data = json.loads(entry.read_text(encoding="utf-8"))
        entry.write_text(json.dumps(data, sort_keys=True, separators=(",", ":")), encoding="utf-8")
    return time.perf_counter() - started
