"""What every build on this machine can share, whatever the archive: the theme's compiled
templates and tables derived from the package's own data (build_tools/templating.py,
build_tools/propernames.py). A new process (each ``mkdocs build``, each ``check``) would otherwise
compile the same templates and derive the same tables again: about a second each time.

The folder is ``$CASE_ARCHIVE_USER_CACHE``, else ``$XDG_CACHE_HOME/case-archive``, else
``~/.cache/case-archive``; ``CASE_ARCHIVE_USER_CACHE=off`` turns it off. Each entry is one file,
named by the caller from a digest of everything it depends on (so a stale entry is never read),
written under a temporary name and moved into place (a reader never sees half of it). Like the
case cache, it is an optimisation and never a reason for a build to fail: a folder that cannot
be created, read or written is passed over without a word (the work is simply done again), and
the callers check what they read.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import tempfile
from typing import Callable, TypeVar

T = TypeVar("T")

OFF = "off"


def folder() -> pathlib.Path | None:
    """The shared cache folder (not created), or None when it is turned off."""
    chosen = os.environ.get("CASE_ARCHIVE_USER_CACHE", "")
    if chosen == OFF:
        return None
    if chosen:
        return pathlib.Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return pathlib.Path(base) / "case-archive"


def read(kind: str, name: str) -> bytes | None:
    """The entry ``kind/name``, or None (absent, unreadable, or the cache is off)."""
    root = folder()
    if root is None:
        return None
    try:
        return (root / kind / name).read_bytes()
    except (OSError, ValueError):
        return None


def write(kind: str, name: str, data: bytes) -> None:
    """Store the entry ``kind/name`` (atomically); nothing happens when that is not possible."""
    root = folder()
    if root is None:
        return
    target = root / kind / name
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, part = tempfile.mkstemp(dir=target.parent, prefix=f".{name}.", suffix=".part")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(part, target)
        except BaseException:
            os.unlink(part)
            raise
    except (OSError, ValueError):
        pass


def derived_json(kind: str, inputs: tuple[pathlib.Path, ...], version: str, derive: Callable[[], object],
                 accept: Callable[[object], T | None]) -> T:
    """A table derived from the package's data files: read from the entry named by a digest of those
    files, the ``inputs`` (the code that derives it) and ``version`` (of a library it uses), else
    ``derive()``d (a JSON value) and stored. ``accept`` turns a JSON value into the table, or gives
    None for one that is not (a damaged or foreign entry, derived again)."""
    from build_tools import cache, rules

    digest = hashlib.sha256((cache.rules_digest() + rules.file_digest(*inputs) + version).encode())
    name = digest.hexdigest() + ".json"
    stored = read(kind, name)
    if stored is not None:
        try:
            table = accept(json.loads(stored))
        except ValueError:  # damaged: derived again and stored anew
            table = None
        if table is not None:
            return table
    value = derive()
    write(kind, name, json.dumps(value, ensure_ascii=False).encode("utf-8"))
    table = accept(value)
    assert table is not None, "a derived table is always accepted"
    return table
