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

import os
import pathlib
import tempfile

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
