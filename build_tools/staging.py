"""Build safety for the output folder: one build at a time, staged, swapped in whole.

* **Lock.** A build holds an exclusive lock on ``.<site>.lock`` beside the site folder (``flock``;
  released by the system when the process dies, so a killed build never leaves a stale lock). A
  second build of the same folder waits for it, saying so, up to ``CASE_ARCHIVE_LOCK_TIMEOUT``
  seconds (default 600), then fails with a clear error.
* **Staging.** A build writes into a folder of its own beside the site, ``.<site>.building-<id>``,
  and swaps it in only when everything succeeded: an atomic exchange of the two folders where the
  system offers one (Linux ``renameat2``), so the site folder is at every moment either the whole
  old site or the whole new one.
* **Marker.** Every folder a build writes carries ``MARKER`` (fixed text, no timestamp, so two
  builds stay byte-identical). A build replaces an existing site folder only when it carries the
  marker or is empty: ``site_dir: .``, ``site_dir: cases`` or a folder holding the repository is
  never deleted. ``check_replaceable`` and ``write_marker`` are the helpers for any command that
  replaces a folder it wrote.
* **Leftovers** of an interrupted build (``.<site>.building-*``, ``.<site>.old-*``) are removed
  by the next build, under the lock.

Problems are ``OutputError`` with a message that names the folder and the fix; the site build
(build_tools/site.py) reports them, and a host adapter turns them into its own errors.
"""

from __future__ import annotations

import ctypes
import errno
import logging
import os
import pathlib
import secrets
import shutil
import signal
import time
from collections.abc import Callable, Iterable

from build_tools.cache import fault_point

log = logging.getLogger("mkdocs.plugins.case_archive")

MARKER = ".case-archive-output"
MARKER_TEXT = ("This folder was written by the case archive's build (mkdocs build, or python -m build_tools export).\n"
               "The next build replaces it whole: keep nothing else in it.\n")
LOCK_TIMEOUT = 600.0  # seconds a build waits for another build of the same folder


class OutputError(Exception):
    """The output folder cannot be written or replaced; the message names it and the fix."""


# -- marker ------------------------------------------------------------------------------------
def write_marker(folder: pathlib.Path) -> None:
    """Mark ``folder`` as written by this tool (so a later build or export may replace it)."""
    (folder / MARKER).write_text(MARKER_TEXT, encoding="utf-8")


def has_marker(folder: pathlib.Path) -> bool:
    return (folder / MARKER).is_file()


def check_replaceable(folder: pathlib.Path, protected: Iterable[pathlib.Path] = (), option: str = "site_dir") -> None:
    """Raise ``OutputError`` unless ``folder`` may be deleted and replaced by a build: it does not
    exist, or it is a folder that is empty or carries the marker, and it is none of the
    ``protected`` paths (the project, its cases and docs) nor holds one of them."""
    folder = pathlib.Path(os.path.abspath(folder))
    for path in protected:
        path = pathlib.Path(os.path.abspath(path))
        if folder == path or folder in path.parents:
            what = "is" if folder == path else "holds"
            raise OutputError(f"refusing to use {folder} as the output folder: it {what} {path}, which a build must "
                              f"never delete; set {option} to a folder of its own (the default is 'site')")
    if not os.path.lexists(folder):
        return
    if not folder.is_dir():
        raise OutputError(f"refusing to replace {folder}: it is a file, not a folder; remove it or set {option} "
                          "to another folder")
    if has_marker(folder):
        return
    try:
        empty = next(os.scandir(folder), None) is None
    except OSError as exc:
        raise OutputError(f"cannot read the output folder {folder}: {exc.strerror}; fix its permissions or set "
                          f"{option} to another folder") from None
    if not empty:
        old_build = (folder / "pagefind" / "case-archive.json").is_file()
        if old_build and not any(os.path.lexists(folder / name) for name in (".git", "cases", "mkdocs.yml", "docs")):
            return  # a site built before builds marked their folder: replaced (and marked) as before
        raise OutputError(f"refusing to replace {folder}: it is not empty and was not written by this tool (it has "
                          f"no {MARKER} file); set {option} to a new or empty folder, or, if it only holds an "
                          "old build of this site, delete it yourself and build again"
                          + (f" (it looks like a site built before builds marked their folder: rm -r {folder})"
                             if old_build else ""))


# -- lock --------------------------------------------------------------------------------------
class BuildLock:
    """An exclusive lock on a file, waited for with a message and a bounded wait.

    The file is deleted when the lock is released (so nothing is left beside the site); a waiting
    process that got the lock on a file deleted meanwhile notices and tries again."""

    def __init__(self, path: pathlib.Path, what: str):
        self.path = path
        self.what = what  # for messages: "another build of /x/site"
        self._fd: int | None = None

    def acquire(self, timeout: float | None = None, on_wait: Callable[[str], None] = log.info) -> None:
        if timeout is None:
            timeout = float(os.environ.get("CASE_ARCHIVE_LOCK_TIMEOUT") or LOCK_TIMEOUT)
        deadline = time.monotonic() + timeout
        told = False
        while True:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if _try_lock(fd):
                try:
                    same = os.path.samestat(os.fstat(fd), os.stat(self.path))
                except FileNotFoundError:
                    same = False
                if same:
                    os.ftruncate(fd, 0)
                    os.write(fd, f"{os.getpid()}\n".encode())
                    self._fd = fd
                    return
                os.close(fd)  # the holder deleted the file as it finished: lock the new one
                continue
            holder = _read_pid(fd)
            os.close(fd)
            if time.monotonic() >= deadline:
                raise OutputError(f"{self.what} (process {holder or '?'}) is still running after {timeout:.0f} s "
                                  f"(lock file {self.path}); wait for it to finish or stop it, then build again "
                                  "(CASE_ARCHIVE_LOCK_TIMEOUT sets how many seconds to wait)")
            if not told:
                on_wait(f"case-archive: waiting for {self.what} (process {holder or '?'}) to finish "
                        f"(at most {timeout:.0f} s)")
                told = True
            time.sleep(0.2)

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            os.unlink(self.path)  # while still holding it: see the class docstring
        except OSError:
            pass
        os.close(fd)

    @property
    def held(self) -> bool:
        return self._fd is not None


def _try_lock(fd: int) -> bool:
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _read_pid(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip() if hasattr(os, "pread") else ""
    except OSError:
        return ""


# -- staged build ------------------------------------------------------------------------------
class StagedSite:
    """One build of the site folder ``final``: ``start`` (lock, checks, leftovers, a staging
    folder), then ``commit`` (swap in) or ``discard``; ``release`` always."""

    def __init__(self, final: pathlib.Path, protected: Iterable[pathlib.Path] = ()):
        self.final = final
        self.protected = list(protected)
        self.staging: pathlib.Path | None = None
        self.lock = BuildLock(final.parent / f".{final.name}.lock", f"another build of {final}")

    def _leftover(self, name: str) -> bool:
        stem = f".{self.final.name}."
        return any(name == stem + kind or name.startswith(stem + kind + "-") for kind in ("building", "old"))

    def start(self, staged: bool = True) -> pathlib.Path:
        """Take the lock and check the site folder; with ``staged``, make and return a new
        staging folder (marked), otherwise prepare the site folder itself for writing in place."""
        final = self.final
        check_replaceable(final, self.protected)
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            if not self.lock.held:
                self.lock.acquire()
        except OSError as exc:
            raise OutputError(_cannot_write(final.parent, exc, final)) from None
        fault_point("locked")
        self._clean_leftovers()
        if not staged:
            try:
                final.mkdir(exist_ok=True)
                write_marker(final)
            except OSError as exc:
                raise OutputError(_cannot_write(final, exc, final)) from None
            return final
        _check_deletable(final)
        while True:
            staging = final.parent / f".{final.name}.building-{os.getpid()}-{secrets.token_hex(4)}"
            try:
                staging.mkdir()
                write_marker(staging)
                break
            except FileExistsError:
                continue
            except OSError as exc:
                shutil.rmtree(staging, ignore_errors=True)
                raise OutputError(_cannot_write(final.parent, exc, final)) from None
        self.staging = staging
        return staging

    def _clean_leftovers(self) -> None:
        try:
            names = sorted(os.listdir(self.final.parent))
        except OSError:
            return
        for name in names:
            if not self._leftover(name):
                continue
            path = self.final.parent / name
            if not path.is_dir() or path.is_symlink():
                continue
            _make_writable(path)
            shutil.rmtree(path, ignore_errors=True)
            if path.exists():
                log.warning("case-archive: could not remove %s, left by an interrupted build; remove it yourself "
                            "(it is not part of the site)", path)
            else:
                log.info("case-archive: removed %s, left by an interrupted build", path)

    def commit(self) -> None:
        """Swap the staging folder in; the site folder is never missing or mixed (see the module
        docstring). Raises OSError when the swap itself fails; the old site is then left whole."""
        staging, final = self.staging, self.final
        if staging is None:
            return
        try:
            if not os.path.lexists(final):
                os.rename(staging, final)
                self.staging = None
                return
            if _exchange(staging, final):
                old = staging  # now holds the previous site
            else:  # no atomic exchange here: two renames, with a moment without a site folder
                old = final.parent / f".{final.name}.old-{os.getpid()}-{secrets.token_hex(4)}"
                os.rename(final, old)
                try:
                    os.rename(staging, final)
                except OSError:
                    os.rename(old, final)
                    raise
        except OSError:
            self.discard()
            raise
        self.staging = None
        fault_point("swap")
        shutil.rmtree(old, ignore_errors=True)
        if old.exists():
            log.warning("case-archive: the new site is in %s, but the previous one could not be deleted from %s; "
                        "the next build removes it, or remove it yourself", final, old)

    def discard(self) -> None:
        staging, self.staging = self.staging, None
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)

    def release(self) -> None:
        self.lock.release()


def _check_deletable(final: pathlib.Path) -> None:
    """The previous site must be deletable once the new one is in: refuse before building when it
    is not (read-only folders, a read-only disk, a mount point), so it is never left half deleted."""
    if not final.is_dir():
        return
    if os.path.ismount(final):
        raise OutputError(f"cannot replace {final}: it is a mount point, and a build replaces the folder whole; "
                          "set site_dir to a folder inside it")
    for folder in [final.parent, final] + [pathlib.Path(root) / d for root, dirs, _ in os.walk(final) for d in dirs]:
        if not os.access(folder, os.W_OK | os.X_OK):
            raise OutputError(f"cannot replace {final}: {folder} is read-only, so the previous site could not be "
                              f"deleted; make it writable (chmod -R u+w {final}) or remove it, then build again")


def _make_writable(path: pathlib.Path) -> None:
    """Leftovers of the old read-only-site failure: make their folders writable so they can be removed."""
    for root, dirs, _ in os.walk(path):
        for folder in [root] + [os.path.join(root, d) for d in dirs]:
            try:
                os.chmod(folder, os.stat(folder).st_mode | 0o700)
            except OSError:
                pass


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: pathlib.Path, b: pathlib.Path) -> bool:
    """Atomically exchange two folders (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(b))


def _cannot_write(folder: pathlib.Path, exc: OSError, final: pathlib.Path) -> str:
    return f"cannot write in {folder}: {exc.strerror}; " + hint(exc, final)


def hint(exc: OSError, final: pathlib.Path) -> str:
    """What to do about an OSError met while building the site ``final``."""
    named = [pathlib.Path(p) for p in (exc.filename, getattr(exc, "filename2", None)) if p]
    output = not named or any(_in_output(p, final) for p in named)
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"free some space on the disk that holds {final.parent if output else named[0]} and build again"
    if not output:
        return "fix that file's problem and build again"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return (f"make {final.parent} and {final} writable (or set site_dir, mkdocs build -d, to a folder you can "
                "write), then build again")
    return "fix the cause above (or set site_dir to another folder) and build again"


def _in_output(path: pathlib.Path, final: pathlib.Path) -> bool:
    """Whether ``path`` is the site folder, a staging folder beside it, or inside one of them."""
    path = pathlib.Path(os.path.abspath(path))
    return any(p == final or (p.parent == final.parent and p.name.startswith(f".{final.name}."))
               for p in (path, *path.parents))


def describe(exc: OSError, final: pathlib.Path, kept: bool = True) -> str:
    """One clear sentence for an OSError that stopped a build of ``final`` (``kept``: staged, so
    the previous site is untouched)."""
    named = " -> ".join(str(p) for p in (exc.filename, getattr(exc, "filename2", None)) if p)
    where = f" ({named})" if named else ""
    return (f"case-archive: the build stopped: {exc.strerror or exc}{where}; {hint(exc, final)}."
            + (f" {final} was left as it was." if kept else ""))


# -- the forked Traditional build and MkDocs' messages ------------------------------------------
def die_with_parent(parent: int) -> None:
    """Linux: a forked build process ends when the build that started it dies (killed, out of
    memory) instead of writing on into a staging folder nobody will use."""
    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:
        os._exit(1)  # the parent died before prctl took effect


class _ReportedElsewhere(logging.Filter):
    """MkDocs logs 'Error building page ...: [Errno 28] No space left on device' as the error goes
    by; the plugin reports the same error once, with the folder and the fix (``describe``)."""

    def filter(self, record) -> bool:
        message = record.getMessage()
        return not (message.startswith("Error building page") and "[Errno " in message)


def quiet_reported_errors() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _ReportedElsewhere) for f in logger.filters):
        logger.addFilter(_ReportedElsewhere())
