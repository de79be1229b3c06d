"""Per-case cache keyed by content hash: an unchanged case costs nothing on the next build.

The key covers the case file's bytes and name, the rule data files (boilerplate, tags,
gazetteer, character frequencies) and the pipeline version, so any change that could alter a
case's output invalidates it. Values are JSON (never pickle: the cache folder is just files on
disk), stored in one SQLite database under .cache/ (never committed).
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import hashlib
import json
import pathlib
import sqlite3

from build_tools import PIPELINE_VERSION
from build_tools.model import Case, Credit, Diagnostic, Region
from build_tools import rules
from build_tools.rules import file_digest


@functools.lru_cache(maxsize=1)
def rules_digest() -> str:
    return file_digest(*sorted(p for p in rules.DATA_DIR.iterdir() if p.is_file()))


@functools.lru_cache(maxsize=1)
def code_digest() -> str:
    """Digest of the pipeline's own code: a changed stage invalidates the entries it produced,
    with nothing to bump by hand."""
    here = pathlib.Path(__file__).resolve().parent
    return file_digest(*sorted(here.glob("*.py")))


def case_key(display_path: str, data: bytes) -> str:
    digest = hashlib.sha256()
    for part in (PIPELINE_VERSION, code_digest(), rules_digest(), display_path):
        digest.update(part.encode() + b"\0")
    digest.update(data)
    return digest.hexdigest()


def to_json(case: Case) -> str:
    data = dataclasses.asdict(case)
    data["date"] = case.date.isoformat() if case.date else None
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def from_json(text: str) -> Case:
    data = json.loads(text)
    data["region"] = Region(**data["region"])
    data["date"] = datetime.date.fromisoformat(data["date"]) if data["date"] else None
    data["credits"] = tuple(Credit(c["role"], tuple(c["names"])) for c in data["credits"])
    data["warnings"] = tuple(Diagnostic(**w) for w in data["warnings"])
    for key in ("authors", "tags", "paragraphs", "sketch"):
        data[key] = tuple(data[key])
    return Case(**data)


# The cases of the last lookup, decoded, by key: a long-running process (`mkdocs serve`)
# rebuilding after a one-case edit skips decoding every unchanged case again. Keys cover the
# bytes and the rules, so an entry here is exactly what the database holds; Case is immutable.
_RECENT: dict[str, Case] = {}


def forget_recent() -> None:
    """Drop the decoded cases kept for the next lookup (a one-shot build has no next lookup)."""
    _RECENT.clear()


class CaseCache:
    def __init__(self, folder: pathlib.Path):
        folder.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(folder / "cases.sqlite"))
        self.db.execute("CREATE TABLE IF NOT EXISTS cases (key TEXT PRIMARY KEY, value TEXT NOT NULL)")

    def get_many(self, keys: list[str]) -> dict[str, Case]:
        global _RECENT
        found: dict[str, Case] = {key: _RECENT[key] for key in keys if key in _RECENT}
        missing = [key for key in keys if key not in found]
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            rows = self.db.execute(f"SELECT key, value FROM cases WHERE key IN ({','.join('?' * len(chunk))})", chunk)
            for key, value in rows:
                try:
                    found[key] = from_json(value)
                except (ValueError, TypeError, KeyError):
                    continue  # an entry from an older layout: recompute it
        _RECENT = dict(found)
        return found

    def put_many(self, items: list[tuple[str, Case]]) -> None:
        _RECENT.update(items)
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO cases VALUES (?, ?)", [(k, to_json(c)) for k, c in items])

    def close(self) -> None:
        self.db.close()
