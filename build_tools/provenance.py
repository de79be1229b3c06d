"""Provenance of a case: its snapshot addresses (front matter ``archive:``), its capture date
(``captured:``, by default the day the case file was first committed) and where its verbatim
capture is published.

Snapshot addresses must point at a web archive that keeps pages for good. ``ARCHIVES`` is the
documented list (README, "快照地址"): the Wayback Machine (``web.archive.org/web/<timestamp>/<url>``),
the archive.today family (archive.ph, .is, .today, .li, .md, .vn, .fo) and a short list of other
public archives. Anything else is refused with the list in the fix.
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import pathlib
import re
import subprocess
import urllib.parse

from build_tools.model import Case

log = logging.getLogger("mkdocs.plugins.case_archive")

WAYBACK_HOSTS = ("web.archive.org",)
ARCHIVE_TODAY_HOSTS = ("archive.ph", "archive.is", "archive.today", "archive.li", "archive.md", "archive.vn", "archive.fo")
OTHER_HOSTS = (
    "ghostarchive.org",  # Ghost Archive
    "webcitation.org", "www.webcitation.org",  # WebCite (read-only since 2019)
    "arquivo.pt",  # Arquivo.pt, the Portuguese web archive (international collection)
    "perma.cc",  # Perma.cc (Harvard Law School Library)
    "webarchive.org.uk", "www.webarchive.org.uk",  # UK Web Archive
)
ARCHIVES = WAYBACK_HOSTS + ARCHIVE_TODAY_HOSTS + OTHER_HOSTS
_WAYBACK_PATH = re.compile(r"^/web/(\d{4,14})(?:[a-z]{2}_|\*)?/(.+)$")
_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


def snapshot_problem(url: object) -> str | None:
    """Why ``url`` is not a snapshot address this archive accepts, or None."""
    if not isinstance(url, str) or not _URL.match(url.strip()):
        return f"{url!r} is not an http(s) address without spaces or quotes"
    parts = urllib.parse.urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if host in WAYBACK_HOSTS:
        if not _WAYBACK_PATH.match(parts.path + (("?" + parts.query) if parts.query else "")):
            return f"{url} is not a Wayback Machine snapshot (web.archive.org/web/<timestamp>/<original address>)"
        return None
    if host in ARCHIVE_TODAY_HOSTS:
        if parts.path in ("", "/"):
            return f"{url} is archive.today's home page, not a snapshot"
        return None
    if host in OTHER_HOSTS:
        return None if parts.path not in ("", "/") else f"{url} is an archive's home page, not a snapshot"
    return f"{url} is not on a known web archive ({host or 'no host'})"


def snapshot_label(url: str) -> str:
    """Short text for a snapshot link: the archive's host, and the day of a Wayback snapshot."""
    parts = urllib.parse.urlsplit(url)
    host = (parts.hostname or "").lower()
    found = _WAYBACK_PATH.match(parts.path) if host in WAYBACK_HOSTS else None
    if found and len(found.group(1)) >= 8:
        stamp = found.group(1)
        return f"{host} {stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}"
    return host


def capture_path(case: Case) -> str:
    """Where the verbatim case file is published, from the site root (both scripts link to it)."""
    return f"captures/{case.case_id}.txt"


# -- the capture date from git ----------------------------------------------------------------

def git_added_dates(folder: pathlib.Path) -> dict[pathlib.Path, datetime.date] | None:
    """The day (author date, in the author's time zone) each file under ``folder`` was first
    added to git, by resolved path; None when git cannot say (no git, not a repository, or a
    shallow clone, where every file would look added by the oldest fetched commit). The same
    repository history always gives the same days. A renamed file counts from its rename
    (``--no-renames``: each name is added once)."""
    def git(*words: str) -> str | None:
        try:
            result = subprocess.run(["git", "-C", str(folder), *words], capture_output=True, text=True, timeout=120)
        except (OSError, subprocess.SubprocessError):
            return None
        return result.stdout if result.returncode == 0 else None

    top = git("rev-parse", "--show-toplevel")
    if top is None:
        return None
    if (git("rev-parse", "--is-shallow-repository") or "").strip() == "true":
        # info, not a warning: a strict build (mkdocs build --strict) must not fail over it
        log.info("case-archive: shallow git clone: capture dates from git are not known "
                    "(fetch the whole history, e.g. actions/checkout with fetch-depth: 0)")
        return None
    out = git("log", "--no-renames", "--diff-filter=A", "--format=%x00%as", "--name-only", "-z", "--", ".")
    if out is None:
        return None
    root = pathlib.Path(top.strip())
    dates: dict[pathlib.Path, datetime.date] = {}
    day = None
    for token in out.split("\0"):
        token = token.strip("\n")
        if not token:
            continue
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", token):
            day = datetime.date.fromisoformat(token)
        elif day is not None:
            dates[(root / token).resolve()] = day  # newest first: the oldest commit's day is written last
    return dates


def with_capture_dates(cases: list[Case], root: pathlib.Path, cases_dir: pathlib.Path) -> list[Case]:
    """The cases, each without ``captured:`` given the day its file was first committed (when
    git knows it; otherwise it stays unknown and the page shows no capture date)."""
    if all(case.captured for case in cases):
        return cases
    added = git_added_dates(cases_dir)
    if not added:
        return cases
    out = []
    for case in cases:
        if case.captured is None:
            day = added.get((root / case.path).resolve())
            if day is not None:
                case = dataclasses.replace(case, captured=day, origins={**case.origins, "captured": "git"})
        out.append(case)
    return out
