"""One date rule for every source of a case date: front matter, extracted text, file names.

Dates are `datetime.date` values, validated once here (a real calendar day in a plausible
range); they are formatted only when written out.
"""

from __future__ import annotations

import datetime as _dt
import re

EARLIEST = _dt.date(1949, 10, 1)

# Year, month and day in the shapes captures use: 2020-04-21, 2020/4/21, 2020.04.21,
# 2020年4月21日, with optional spaces ('2020 年 4 月 21 日'), a blog's '2021-1月-11' or a portal's '2025 08/02', then an optional time. The part
# after the day is matched once and never given back ('(?=(?P<x>…))(?P=x)': Python 3.10 has no
# atomic groups): patterns that continue after a date with more white space ('… 编辑') would
# otherwise try every way to share a long run of spaces between them (quadratic time).
DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d{2})(?:\s*[-/.年]\s*|\s(?=\d{1,2}/\d{1,2}(?![\d/])))(?P<m>\d{1,2})\s*(?:[-/.]|月-?)\s*(?P<d>\d{1,2})(?!\d)"
    r"(?=(?P<date_tail>\s*日?(?:\s*(?P<time>\d{1,2}[:：]\d{2}(?:[:：]\d{2})?))?))(?P=date_tail)")


# Month/day/year as some portals print it ('8/17/2021 10:44:31 AM').
US_DATE = re.compile(r"(?<![\d/])(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>(?:19|20)\d{2})(?![\d/])")


# Day.month.year with dots, as pages in a European layout print it ('02.02.2020 12:25'); a
# dotted date with the year last is never month-first (that order uses slashes: US_DATE).
DMY_DATE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>(?:19|20)\d{2})(?![\d.])")

PATTERNS = (DATE, US_DATE, DMY_DATE)


def make(year: int, month: int, day: int, today: _dt.date | None = None) -> _dt.date | None:
    """The date, or None when it is not a real calendar day in the plausible range."""
    try:
        value = _dt.date(year, month, day)
    except ValueError:
        return None
    if not EARLIEST <= value <= (today or _dt.date.today()):
        return None
    return value


def parse(text: str) -> _dt.date | None:
    """The first valid date written in ``text`` (None if there is none, or it is not a real day)."""
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            value = make(int(match["y"]), int(match["m"]), int(match["d"]))
            if value:
                return value
    return None


def out_of_range(text: str, today: _dt.date | None = None) -> list[_dt.date]:
    """The real calendar days written in ``text`` that are outside the plausible range (before
    EARLIEST or after today): make() refuses them like impossible days, but they deserve a word."""
    found = []
    for pattern in PATTERNS:
        for match in pattern.finditer(text):
            try:
                value = _dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
            except ValueError:
                continue
            if not EARLIEST <= value <= (today or _dt.date.today()) and value not in found:
                found.append(value)
    return found


def parse_iso(text: str) -> _dt.date | None:
    """A date written exactly as YYYY-MM-DD (front matter, file names)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return None
    year, month, day = map(int, text.strip().split("-"))
    return make(year, month, day)


def iso(value: _dt.date | str | None) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, _dt.date) else str(value)
