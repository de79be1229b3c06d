"""Plain data passed between pipeline stages. No behaviour beyond small conveniences."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from collections.abc import Callable
from typing import Any

HANS = "zh-Hans"
HANT = "zh-Hant"
VARIANTS = (HANS, HANT)


@dataclass(frozen=True)
class Diagnostic:
    """One problem found in an input file, located as precisely as we can."""

    severity: str  # "error" or "warning"
    path: str
    line: int | None
    message: str
    fix: str = ""
    field: str | None = None

    def format(self) -> str:
        """'path:line: severity: message (fix: …)', always one line: a line break from the input
        (a key, a file name) is shown as an escape, so that no input can start a line of its own
        (CI reads lines starting with '::' as commands)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity}: {self.message}"
        if self.fix:
            text += f" (fix: {self.fix})"
        return one_line(text)


# the characters str.splitlines() breaks at, shown as escapes
_LINE_BREAKS = {ord(c): c.encode("unicode_escape").decode("ascii") for c in "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"}


def one_line(text: str) -> str:
    """``text`` with its line breaks written as escapes ('\\n')."""
    return text.translate(_LINE_BREAKS)


class CaseError(Exception):
    """An input problem that stops a case (or a data file) from being used."""

    def __init__(self, diagnostic: Diagnostic, *more: Diagnostic):
        self.diagnostic = diagnostic  # the first problem
        self.diagnostics = [diagnostic, *more]  # every problem found in the file, in order
        super().__init__("\n".join(d.format() for d in self.diagnostics))


@dataclass(frozen=True)
class RawCase:
    """A case file as read: curated front matter plus the verbatim capture."""

    path: str  # as given/relative, for messages
    case_id: str  # file stem, also the page slug
    front_matter: dict[str, Any]
    front_matter_lines: dict[str, int]  # key -> line number in the file
    body: str  # decoded capture, newlines normalised to \n
    body_line: int  # line number of the first body line in the file
    digest: str  # sha256 of the file bytes


@dataclass(frozen=True)
class Region:
    province: str | None = None
    city: str | None = None
    county: str | None = None

    def levels(self) -> list[str]:
        return [name for name in (self.province, self.city, self.county) if name]

    def __bool__(self) -> bool:
        return bool(self.province)


@dataclass(frozen=True)
class Credit:
    role: str  # Simplified role label, e.g. "编辑"
    names: tuple[str, ...]


@dataclass(frozen=True)
class Removal:
    """A line (or part of one) taken out of the article text, and why."""

    line: int | None  # 1-based line of the capture body (None when unknown)
    text: str
    why: str  # e.g. "chrome: share bar", "metadata: 来源", "front matter drop"
    weak: bool = False  # removed by position or context rather than by a rule about the line itself


@dataclass(frozen=True)
class Cleaned:
    """Output of the clean stage: article lines in the capture's script, plus what was removed."""

    lines: tuple[str, ...]  # non-empty lines, in order, still including header/credit lines
    removed: tuple[Removal, ...]  # chrome lines dropped, with the rule that dropped them
    warnings: tuple[tuple[int, str], ...]  # (line index in the body, message)
    numbers: tuple[int, ...] = ()  # 1-based body line of each kept line
    unused: tuple[tuple[str, object], ...] = ()  # ("drop"|"keep", entry) that matched no line


@dataclass(frozen=True)
class Hints:
    """Metadata a saved web page declares (its headline, meta tags, canonical address), for the
    one merge in pipeline.analyse: curated front matter wins over both; ``over_text`` fields win
    over what the text gives, ``fallback`` fields only fill what it leaves open."""

    over_text: dict[str, Any] = field(default_factory=dict)
    fallback: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Extracted:
    title: str | None
    subtitle: str | None
    date: datetime.date | None
    source: str | None
    authors: tuple[str, ...]
    credits: tuple[Credit, ...]
    paragraphs: tuple[str, ...]  # article text with header and credit lines taken out
    taken: tuple[Removal, ...] = ()  # lines moved out of the text into metadata (title, credits)
    warnings: tuple[tuple[int | None, str], ...] = ()  # (1-based body line, message): e.g. a date out of range


@dataclass(frozen=True)
class Case:
    """A fully processed case, text in the capture's own script."""

    case_id: str
    path: str
    script: str  # script of the capture: HANS or HANT
    title: str | None
    subtitle: str | None
    date: datetime.date | None  # formatted only when written out (dates.iso)
    source: str | None
    authors: tuple[str, ...]
    credits: tuple[Credit, ...]
    url: str | None
    note: str | None
    region: Region
    tags: tuple[str, ...]  # tag names (Simplified, from the vocabulary)
    paragraphs: tuple[str, ...]
    names: tuple[str, ...] = ()  # person names conversion keeps as written (front matter 'names:')
    archive: tuple[str, ...] = ()  # snapshot addresses (front matter 'archive:', build_tools/provenance.py)
    captured: datetime.date | None = None  # capture date ('captured:', else the day the file was first committed)
    deleted: datetime.date | None = None  # the day the original was found gone ('deleted:')
    origins: dict[str, str] = field(default_factory=dict)  # field -> "front matter" | "text"
    warnings: tuple[Diagnostic, ...] = ()
    # convert stage: every text field in each script, {lang: {field: value}}
    variants: dict[str, dict[str, Any]] = field(default_factory=dict)
    sketch: tuple[int, ...] = ()  # dedupe stage: bottom-k shingle sketch of the text


@dataclass(frozen=True)
class Page:
    """A generated Markdown page: path relative to the site root of its variant."""

    path: str  # e.g. "cases/2020-04-21-wuxi.md"; same in both variants
    lang: str
    meta: dict[str, Any]
    body: str
    # ids of the cases whose data the page shows (an edit of any other case leaves it as it is);
    # None: it summarises the whole archive (counts, newest cases), so any edit may change it
    depends: frozenset[str] | None = None
    # a case page of a full build (``Renderer.deferred``): its finished HTML, made when the host
    # writes the page (``body`` is empty until then), so the site's pages are not all held at once
    html: Callable[[], str] | None = field(default=None, compare=False, repr=False)
