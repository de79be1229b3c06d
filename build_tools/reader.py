"""Read stage: a case file's bytes become a RawCase (front matter + verbatim capture).

UTF-8 is the case format. A UTF-8 BOM and CRLF/CR line ends are accepted and normalised in
memory (the file is never rewritten). Any other encoding is rejected with a message that names
the encoding the bytes look like and the command that converts them.
"""

from __future__ import annotations

import codecs
import datetime as _dt
import difflib
import hashlib
import pathlib
import re
from typing import Any

import frontmatter
import yaml

from build_tools import dates
from build_tools.model import CaseError, Diagnostic, RawCase

MAX_FILE_BYTES = 5 * 1024 * 1024  # the longest real article is ~100 KB; 5 MB is generous
CASE_ID_RE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$")

# The curated front-matter keys a person may write, with the type each must have.
FRONT_MATTER_KEYS: dict[str, str] = {
    "title": "text",
    "subtitle": "text",
    "date": "date",
    "source": "text",
    "authors": "list of text",
    "credits": "mapping of role to names",
    "url": "http(s) address",
    "region": "mapping with province/city/county, or a place name",
    "tags": "list of tag names",
    "note": "text",
    "names": "list of person names kept as written in both scripts",
    "drop": "list of text pieces or line numbers the cleaner should remove",
    "keep": "list of text pieces of lines the cleaner removed that are article text",
}


# The library's boundary pattern ends in \s*$, which can swallow blank lines after the closing
# '---'; this one stops at the end of the delimiter line.
_BOUNDARY = re.compile(r"^-{3,}[ \t]*$", re.MULTILINE)


def _error(path: str, line: int | None, message: str, fix: str = "", field: str | None = None):
    return CaseError(Diagnostic("error", path, line, message, fix, field))


def _looks_like(data: bytes) -> str | None:
    """Name the legacy Chinese encoding that decodes ``data`` most plausibly, if any."""
    from build_tools.textstats import plausibility

    best, best_score = None, float("-inf")
    for encoding in ("gb18030", "big5"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score > best_score:
            best, best_score = encoding, score
    return best


def decode(data: bytes, path: str) -> str:
    """Decode case bytes as UTF-8 or raise a CaseError that says what they look like."""
    if not data.strip():
        raise _error(path, 1, "the file is empty", "paste the captured article into the file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(data) > 3 and data[1:2] == b"\0" and data[3:4] == b"\0"
    ):
        raise _error(
            path, 1, "the file is UTF-16, not UTF-8",
            f"save it as UTF-8, e.g. iconv -f UTF-16 -t UTF-8 '{path}' > new.txt && mv new.txt '{path}'",
        )
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if b"\0" in data:
            raise _error(path, line, "the file is binary (it contains NUL bytes), not text",
                         "paste the article text into a plain UTF-8 text file") from None
        guess = _looks_like(data)
        if guess:
            label = {"gb18030": "GB18030/GBK", "big5": "Big5"}[guess]
            raise _error(
                path, line, f"the file is not UTF-8; its bytes look like {label}",
                f"convert it: iconv -f {guess.upper()} -t UTF-8 '{path}' > new.txt && mv new.txt '{path}'",
            ) from None
        raise _error(path, line, f"the file is not valid UTF-8 (byte {exc.start})",
                     "save the file as UTF-8 text") from None
    if "\0" in text:
        line = text[: text.index("\0")].count("\n") + 1
        raise _error(path, line, "the file contains NUL characters (binary data)",
                     "paste the article text into a plain UTF-8 text file")
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML loader that refuses anchors/aliases (no 'billion laughs')."""

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, "aliases (*name) are not allowed", event.start_mark)
        return super().compose_node(parent, index)


# Keep dates as text so that we validate them ourselves with a line number.
_NoAliasLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_front_matter(fm_text: str, path: str, offset: int) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        node = yaml.compose(fm_text, Loader=_NoAliasLoader)
        data = yaml.load(fm_text, Loader=_NoAliasLoader) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        from build_tools.rules import yaml_error_line

        line = yaml_error_line(fm_text, exc, offset)
        problem = exc.problem or str(exc)
        raise _error(path, line, f"front matter is not valid YAML: {problem}",
                     "check the indentation and quote values that contain ':'") from None
    except yaml.YAMLError as exc:
        raise _error(path, 2, f"front matter is not valid YAML: {exc}",
                     "check the front matter between the '---' lines") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise _error(path, 2, "front matter must be a mapping of 'key: value' lines",
                     "write one 'key: value' per line, e.g. 'title: ...'")
    lines: dict[str, int] = {}
    for key_node, _value in node.value:
        key = key_node.value
        if str(key) in lines:
            raise _error(path, offset + key_node.start_mark.line, f"front-matter key '{key}' appears twice",
                         "keep one of the two lines", str(key))
        lines[str(key)] = offset + key_node.start_mark.line
    return data, lines


def _unknown_keys(data: dict, lines: dict[str, int], path: str) -> list[Diagnostic]:
    problems = []
    for key in data:
        if not isinstance(key, str) or key not in FRONT_MATTER_KEYS:
            suggestion = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1, cutoff=0.6)
            fix = (f"did you mean '{suggestion[0]}'?" if suggestion
                   else "allowed keys: " + ", ".join(FRONT_MATTER_KEYS))
            problems.append(_error(path, lines.get(str(key), 2), f"unknown front-matter key '{key}'", fix, str(key)).diagnostic)
    return problems


def parse(text: str, path: str, case_id: str, digest: str) -> RawCase:
    """Split decoded text into front matter and body (body kept exactly)."""
    handler = frontmatter.YAMLHandler()
    fm: dict[str, Any] = {}
    fm_lines: dict[str, int] = {}
    body, body_line = text, 1
    if handler.detect(text):
        # python-frontmatter finds the '---' boundaries; its split() strips the body, so the
        # body is cut at the boundary positions to keep the capture exactly as it is.
        bounds = list(_BOUNDARY.finditer(text))
        if len(bounds) < 2:
            raise _error(path, 1, "front matter starts with '---' but has no closing '---' line",
                         "add a line with just '---' after the last front-matter key")
        fm_text = text[bounds[0].end():bounds[1].start()]
        # YAML line 0 is the rest of the opening '---' line (normally empty): file line 1
        offset = 1 if fm_text.startswith("\n") else 2
        fm, fm_lines = _load_front_matter(fm_text, path, offset)
        content = text[bounds[1].end():]
        if content.startswith("\n"):
            content = content[1:]
        body = content
        body_line = text[: len(text) - len(content)].count("\n") + 1
    validate_front_matter(fm, fm_lines, path)
    if not body.strip():
        raise _error(path, body_line, "the article body is empty",
                     "paste the captured article below the front matter")
    return RawCase(path, case_id, fm, fm_lines, body, body_line, digest)


def _text_list(value: Any) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    return None


def _text(key: str, value: Any, fail) -> str:
    if not (isinstance(value, str) and value.strip()):
        raise fail(key, f"'{key}' must be non-empty text", f"write '{key}: ...' with the text, or remove the line")
    return value


def _names(key: str, value: Any, fail) -> list[str]:
    items = _text_list(value)
    if items is None or not all(item.strip() for item in items):
        raise fail(key, f"'{key}' must be a list of names", f"write e.g. '{key}: [name1, name2]'")
    return [item.strip() for item in items]


def _pieces(key: str, value: Any, fail) -> list:
    value = value if isinstance(value, list) else [value]
    allowed = (str, int) if key == "drop" else (str,)
    if not value or not all(isinstance(v, allowed) and not isinstance(v, bool) and (not isinstance(v, str) or v.strip())
                            and (not isinstance(v, int) or v > 0) for v in value):
        example = "drop: ['分享到微信', 12]" if key == "drop" else "keep: ['上级要求各村：']"
        raise fail(key, f"'{key}' must be a list of " + ("text pieces or line numbers" if key == "drop" else "text pieces"),
                   f"write e.g. {example}")
    return [v.strip() if isinstance(v, str) else v for v in value]


def _credits(key: str, value: Any, fail) -> dict:
    if not isinstance(value, dict) or not all(isinstance(k, str) and _text_list(v) is not None for k, v in value.items()):
        raise fail("credits", "'credits' must map a role to names", "write e.g. 'credits: {编辑: [何礼]}'")
    return {k: _text_list(v) for k, v in value.items()}


def _url(key: str, value: Any, fail) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^\s<>\"'`]+$", value.strip()):
        raise fail("url", "'url' must be an http:// or https:// address without spaces or quotes",
                   "copy the original address from the browser's address bar")
    return value.strip()


def _region(key: str, value: Any, fail):
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, dict) and value and set(value) <= {"province", "city", "county"} and all(
            v is None or (isinstance(v, str) and v.strip()) for v in value.values()):
        return value
    raise fail("region", "'region' must be a place name or a mapping of province/city/county",
               "write e.g. 'region: 无锡市' or 'region: {province: 江苏省, city: 无锡市}'")


# One processor per front-matter key: it validates the value and returns it normalised.
PROCESSORS = {
    "title": _text, "subtitle": _text, "source": _text, "note": _text,
    "date": lambda key, value, fail: parse_curated_date(value, fail),
    "authors": _names, "tags": _names, "names": _names, "drop": _pieces, "keep": _pieces,
    "credits": _credits, "url": _url, "region": _region,
}


def validate_front_matter(fm: dict[str, Any], lines: dict[str, int], path: str) -> None:
    """Check every curated value with its key's processor; raise one CaseError that lists every
    problem (unknown keys included), each naming its key and line."""

    def fail(key: str, message: str, fix: str) -> CaseError:
        return _error(path, lines.get(key), message, fix, key)

    problems = _unknown_keys(fm, lines, path)
    for key in list(fm):
        processor = PROCESSORS.get(key) if isinstance(key, str) else None
        if processor is None:
            continue
        try:
            fm[key] = processor(key, fm[key], fail)
        except CaseError as exc:
            problems.extend(exc.diagnostics)
    if problems:
        problems.sort(key=lambda d: d.line or 0)
        raise CaseError(*problems)


def parse_curated_date(value: Any, fail) -> _dt.date:
    text = value.isoformat() if isinstance(value, _dt.date) else value
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise fail("date", f"'date' must be YYYY-MM-DD, got {value!r}", "write e.g. 'date: 2020-04-21'")
    day = dates.parse_iso(text)
    if day is None:
        year, month, number = map(int, text.strip().split("-"))
        if not _real_day(year, month, number):
            raise fail("date", f"'date' {text!r} is not a real calendar day", "check the month and the day")
        raise fail("date", f"'date' {text} is outside the plausible range", "use the article's publication date")
    return day


def _real_day(year: int, month: int, day: int) -> bool:
    try:
        _dt.date(year, month, day)
    except ValueError:
        return False
    return True


def read_case(path: pathlib.Path, display: str | None = None) -> RawCase:
    """Read one case file from disk."""
    shown = display or str(path)
    data = read_bytes(path, shown)
    return parse(decode(data, shown), shown, path.stem, hashlib.sha256(data).hexdigest())


def read_bytes(path: pathlib.Path, shown: str) -> bytes:
    """The bytes of a case file, after checking its name, type and size."""
    if not CASE_ID_RE.match(path.stem) or path.suffix != ".txt":
        raise _error(shown, None, f"case file name '{path.name}' does not follow the convention",
                     "name it YYYY-MM-DD-ascii-slug.txt, e.g. 2020-04-21-wuxi-dangjian.txt (lowercase a-z, 0-9, '-')")
    try:
        if path.is_symlink():
            raise _error(shown, None, "case files must be regular files, not symbolic links",
                         "copy the file into cases/ instead of linking it")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _error(shown, None, f"the file is {size // 1024} KB, larger than the {MAX_FILE_BYTES // 1024 // 1024} MB limit for one article",
                         "keep only the article text; split a collection into one file per article")
        if not path.is_file():
            raise _error(shown, None, "not a regular file", "cases/ holds one .txt file per article and nothing else")
        return path.read_bytes()
    except OSError as exc:
        raise _error(shown, None, f"cannot read the file: {exc.strerror}", "check that the file exists and is readable") from None
