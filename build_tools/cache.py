"""Per-case cache keyed by content hash: an unchanged case costs nothing on the next build.

The key covers the case file's bytes and name, the rule data files (boilerplate, tags,
gazetteer, character frequencies) and the pipeline version, so any change that could alter a
case's output invalidates it. Values are JSON (never pickle: the cache folder is just files on
disk), stored in one SQLite database under .cache/ (never committed).

The cache is an optimisation, never a reason for a build to fail: a database that is damaged
(garbage, truncated) is replaced by a new one; one that cannot be used (a folder in its place,
read-only, locked by another process) is left alone. Either way one warning says what happened and
what to do, and the build goes on without it. SQLite's transactions make each write all or
nothing; an entry that does not decode into a case is computed again.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import importlib.metadata
import json
import logging
import os
import pathlib
import signal
import sqlite3
import time

from build_tools import PIPELINE_VERSION
from build_tools.model import Case, Credit, Diagnostic, Region
from build_tools import rules
from build_tools.rules import file_digest


@functools.lru_cache(maxsize=1)
def rules_digest() -> str:
    """Digest of every rule data file (build_tools/data and its folders, such as conversion/)."""
    return file_digest(*sorted(p for p in rules.DATA_DIR.rglob("*") if p.is_file()))


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the pipeline's own code: a changed stage invalidates the entries it produced,
    with nothing to bump by hand."""
    here = pathlib.Path(__file__).resolve().parent
    return file_digest(*sorted(here.glob("*.py")))


# the libraries whose output becomes part of a cached case: an upgrade (OpenCC's dictionaries, pypinyin's readings)
# invalidates the entries made with the old release
LIBRARIES = ("opencc", "pypinyin", "PyYAML", "python-frontmatter")


@functools.lru_cache(maxsize=1)
def library_versions() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name}={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return ";".join(found)


def case_key(display_path: str, data: bytes) -> str:
    digest = hashlib.sha256()
    from build_tools import script

    # the archive's Traditional standard (a setting) decides every Traditional variant
    for part in (PIPELINE_VERSION, code_digest(), rules_digest(), library_versions(), script.standard(), display_path):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def to_json(case: Case) -> str:
    data = dataclasses.asdict(case)
    for key in ("date", "captured", "deleted"):
        data[key] = getattr(case, key).isoformat() if getattr(case, key) else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Case:
    data = json.loads(text)
    data["region"] = Region(**data["region"])
    for key in ("date", "captured", "deleted"):
        data[key] = datetime.date.fromisoformat(data[key]) if data.get(key) else None
    data["credits"] = tuple(Credit(c["role"], tuple(c["names"])) for c in data["credits"])
    data["warnings"] = tuple(Diagnostic(**w) for w in data["warnings"])
    for key in ("authors", "tags", "paragraphs", "sketch", "names", "archive"):
        data[key] = tuple(data.get(key, ()))
    # a paragraph a script leaves as it is: one string for the capture and that script (as the
    # convert stage made it), not a second decoded copy
    for fields in data.get("variants", {}).values():
        lines = fields.get("paragraphs")
        if lines and len(lines) == len(data["paragraphs"]):
            fields["paragraphs"] = [old if old == new else new for old, new in zip(data["paragraphs"], lines)]
    return Case(**data)


# The cases of the last lookup, decoded, by key: a long-running process (`mkdocs serve`)
# rebuilding after a one-case edit skips decoding every unchanged case again. Keys cover the
# bytes and the rules, so an entry here is exactly what the database holds; Case is immutable.
_RECENT: dict[str, Case] = {}


def forget_recent() -> None:
    """Drop the decoded cases kept for the next lookup (a one-shot build has no next lookup)."""
    _RECENT.clear()


# Warnings go to this logger, not MkDocs' own: the MkDocs plugin shows them like its messages, but
# a cache problem, worked around, must not fail a --strict build (see plugin._show_cache_warnings).
log = logging.getLogger("case_archive.cache")

BUSY_SECONDS = 3.0  # how long a read or write waits for another process that holds the database


def busy_seconds() -> float:
    """BUSY_SECONDS, or CASE_ARCHIVE_TEST_BUSY_SECONDS (a test hook, like ``fault_point``'s: the
    test of a locked cache need not wait three seconds in each process)."""
    return float(os.environ.get("CASE_ARCHIVE_TEST_BUSY_SECONDS") or BUSY_SECONDS)


class CaseCache:
    def __init__(self, folder: pathlib.Path):
        self.path = folder / "cases.sqlite"
        self.db: sqlite3.Connection | None = None
        self._warned = False
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self._warn(f"case-archive: the case cache folder {folder} cannot be made ({exc.strerror or exc}); this "
                       f"run goes on without the cache. {folder_hint(folder)}")
            return
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError) as exc:
            self._trouble(exc)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(str(self.path), timeout=busy_seconds())
        try:
            if db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'").fetchone() is None:
                db.execute("CREATE TABLE IF NOT EXISTS cases (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        except BaseException:
            db.close()
            raise
        return db

    def _trouble(self, exc: Exception) -> None:
        """Step aside after a problem with the database: replace a damaged one by a new one;
        otherwise go on without the cache. One warning per run says which and why."""
        if self.db is not None:
            self.db.close()
            self.db = None
        path = self.path
        damaged = isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, sqlite3.OperationalError)
        if damaged and path.is_file() and not path.is_symlink():
            try:
                for leftover in (path, path.with_name(path.name + "-journal"), path.with_name(path.name + "-wal"),
                                 path.with_name(path.name + "-shm")):
                    leftover.unlink(missing_ok=True)
                self.db = self._open()
                self._warn(f"case-archive: the case cache {path} was damaged ({exc}); it was replaced by a new one, "
                           "and this run processes every case again")
                return
            except (sqlite3.Error, OSError) as again:
                exc = again
        self._warn(f"case-archive: the case cache {path} cannot be used ({_reason(exc)}); this run goes on "
                   f"without it. {_fix(path, exc)}")

    def _warn(self, message: str) -> None:
        if not self._warned:
            self._warned = True
            log.warning(message)

    def get_many(self, keys: list[str]) -> dict[str, Case]:
        global _RECENT
        found: dict[str, Case] = {key: _RECENT[key] for key in keys if key in _RECENT}
        missing = [key for key in keys if key not in found]
        stored: dict[str, Case] = {}
        try:
            for start in range(0, len(missing), 500) if self.db is not None else ():
                chunk = missing[start:start + 500]
                rows = self.db.execute(f"SELECT key, value FROM cases WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, value in rows:
                    try:
                        stored[key] = from_json(value)
                    except (ValueError, TypeError, KeyError, AttributeError):
                        continue  # an entry from an older layout, or damaged: recompute it
        except sqlite3.Error as exc:
            self._trouble(exc)
            stored = {}  # rows read before the problem may come from a damaged file
        found.update(stored)
        _RECENT = dict(found)
        return found

    def put_many(self, items: list[tuple[str, Case]]) -> None:
        _RECENT.update(items)
        if self.db is None or not items:
            return
        try:
            with self.db:
                self.db.executemany("INSERT OR REPLACE INTO cases VALUES (?, ?)", [(k, to_json(c)) for k, c in items])
        except sqlite3.Error as exc:
            self._trouble(exc)
            if self.db is not None:  # replaced by a new database: store this run's cases there
                try:
                    with self.db:
                        self.db.executemany("INSERT OR REPLACE INTO cases VALUES (?, ?)",
                                            [(k, to_json(c)) for k, c in items])
                except sqlite3.Error:
                    self.close()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None


def _reason(exc: Exception) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _fix(path: pathlib.Path, exc: Exception) -> str:
    """What to do so the next build can use the cache again."""
    text = str(exc).lower()
    if path.is_dir():
        return f"It is a folder, not a database file: remove it (rm -r {path}); the next build makes a new cache."
    if "locked" in text or "busy" in text:
        return "Another process (a build or check still running?) holds it; the next build uses it again."
    if "readonly" in text or "read-only" in text or not os.access(path.parent, os.W_OK) or (
            path.exists() and not os.access(path, os.W_OK)):
        return f"Make it and its folder writable (chmod u+w {path} {path.parent}) or delete {path}."
    return f"Delete it (rm {path}); the next build makes a new cache."


def folder_hint(folder: pathlib.Path) -> str:
    """What to do about a cache folder that cannot be made or written."""
    existing = next((p for p in (folder, *folder.parents) if os.path.lexists(p)), None)
    if existing is not None and not existing.is_dir():
        return f"{existing} is a file, not a folder: remove it; the next build makes a new cache."
    return f"Make {existing or folder} writable, or remove it; the next build makes a new cache."


def fault_point(name: str) -> None:
    """Test hook for tests/test_faults.py, inert unless its environment variables are set.

    ``CASE_ARCHIVE_TEST_KILL_AT=<name>`` makes the process kill itself with SIGKILL when it reaches
    the point ``name`` (as a power cut or the OOM killer would: no cleanup runs);
    ``CASE_ARCHIVE_TEST_PAUSE_AT=<name>:<seconds>`` makes it sleep there. Points: ``locked`` (the
    build lock was just taken), ``render`` / ``render-hant`` (a page of the Simplified /
    Traditional site was written), ``pagefind-cache`` (half of a Pagefind bundle copied into the
    cache), ``swap`` (the new site swapped in, the old one not yet deleted)."""
    if os.environ.get("CASE_ARCHIVE_TEST_KILL_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)
    pause = os.environ.get("CASE_ARCHIVE_TEST_PAUSE_AT", "")
    if pause.rpartition(":")[0] == name:
        time.sleep(float(pause.rpartition(":")[2]))
