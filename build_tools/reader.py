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
import unicodedata
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
    "archive": "list of snapshot addresses on a web archive (build_tools/provenance.py)",
    "captured": "date (YYYY-MM-DD) the article was captured",
    "deleted": "date (YYYY-MM-DD) the original was found gone",
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


MAX_NESTING = 20  # front matter needs three levels (credits: {role: [names]}); YAML is parsed recursively


class _FrontMatterError(yaml.MarkedYAMLError):
    """A YAML construct the front matter refuses, with its own fix."""

    def __init__(self, problem: str, fix: str, mark):
        super().__init__(None, None, problem, mark)
        self.fix = fix


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML loader that refuses anchors/aliases (no 'billion laughs'), nesting deeper than
    MAX_NESTING (the composer recurses: hundreds of levels would exhaust Python's stack) and
    integers too long for Python to convert."""

    _depth = 0

    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _FrontMatterError("aliases (*name) are not allowed", "write the value out instead of '*name'", event.start_mark)
        if self._depth >= MAX_NESTING:
            raise _FrontMatterError(f"front matter is nested more than {MAX_NESTING} levels deep",
                                    "write text, a list of text, or a mapping of text; remove the extra brackets or indentation",
                                    self.peek_event().start_mark)
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_yaml_int(self, node):  # type: ignore[override]
        try:
            return super().construct_yaml_int(node)
        except ValueError:  # more digits than Python converts (sys.get_int_max_str_digits)
            raise _FrontMatterError(f"a number with {len(node.value)} characters is too long",
                                    "quote it if it is text, or remove it", node.start_mark) from None


_NoAliasLoader.add_constructor("tag:yaml.org,2002:int", _NoAliasLoader.construct_yaml_int)


# Keep dates as text so that we validate them ourselves with a line number.
_NoAliasLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load_front_matter(fm_text: str, path: str, offset: int) -> tuple[dict[str, Any], dict[str, int]]:
    try:
        node = yaml.compose(fm_text, Loader=_NoAliasLoader)
        data = yaml.load(fm_text, Loader=_NoAliasLoader) if node is not None else None
    except _FrontMatterError as exc:
        raise _error(path, offset + exc.problem_mark.line, exc.problem, exc.fix) from None
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
            raise _error(path, offset + key_node.start_mark.line, f"front-matter key {str(key)!r} appears twice",
                         "keep one of the two lines", str(key))
        lines[str(key)] = offset + key_node.start_mark.line
        if isinstance(_value, yaml.SequenceNode):  # 'key[0]': the line of each item, for messages
            for number, item in enumerate(_value.value):
                lines[f"{key}[{number}]"] = offset + item.start_mark.line
    return data, lines


def _unknown_keys(data: dict, lines: dict[str, int], path: str) -> list[Diagnostic]:
    problems = []
    for key in data:
        if not isinstance(key, str) or key not in FRONT_MATTER_KEYS:
            suggestion = difflib.get_close_matches(str(key), FRONT_MATTER_KEYS, n=1, cutoff=0.6)
            fix = (f"did you mean '{suggestion[0]}'?" if suggestion
                   else "allowed keys: " + ", ".join(FRONT_MATTER_KEYS))
            problems.append(_error(path, lines.get(str(key), 2), f"unknown front-matter key {str(key)!r}", fix, str(key)).diagnostic)
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


# Front-matter text is shown on pages, in lists of links and in Markdown tables: one line of
# visible text. Line breaks (and tabs and other breaking white space) become one space;
# bidirectional controls and other control characters are refused; a value with nothing visible
# is refused. Everything else is kept as written.
_BREAKING_SPACE = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]")
_BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")  # fillers that show nothing


def _visible(text: str) -> bool:
    return any(not c.isspace() and c not in _BLANK_LETTERS and unicodedata.category(c) != "Cf" for c in text)


def _one_line(text: str) -> str:
    """``text`` on one line: each run of white space holding a line break or a tab becomes a space."""
    return re.sub(r"\s+", lambda m: " " if _BREAKING_SPACE.search(m.group(0)) else m.group(0), text).strip()


def _character_problem(text: str) -> tuple[str, str] | None:
    """(message, fix) for a character no front-matter text may hold, else None."""
    for pattern, what, fix in (
        (_SURROGATE, "half of a UTF-16 surrogate pair (written as an escape such as \\ud800), which is not a character",
         "write the character itself, or one escape such as \\U0001F600 for a character beyond \\uFFFF"),
        (_BIDI_CONTROL, "an invisible bidirectional control character, which makes text display in another order than it is stored",
         "delete it: retype the text around it"),
        (_CONTROL, "a control character", "delete it: an escape such as \\x07 or \\0 in a quoted value writes one"),
    ):
        found = pattern.search(text)
        if found:
            return f"U+{ord(found.group(0)):04X}, {what}", fix
    return None


def _join_surrogates(value: Any) -> Any:
    """YAML reads the escapes '\\ud83d\\ude00' as two halves of a pair: join them into the
    character they stand for (a lone half stays, to be refused)."""
    if isinstance(value, str):
        if not _SURROGATE.search(value):
            return value
        try:
            return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le")
        except UnicodeDecodeError:
            return value
    if isinstance(value, list):
        return [_join_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_join_surrogates(k): _join_surrogates(v) for k, v in value.items()}
    return value


def _strings(value: Any):
    """Every text in a front-matter value, mapping keys included (values are at most a few levels deep)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)


def _text(key: str, value: Any, fail) -> str:
    if not (isinstance(value, str) and value.strip()):
        raise fail(key, f"'{key}' must be non-empty text", f"write '{key}: ...' with the text, or remove the line")
    if not _visible(value):
        raise fail(key, f"'{key}' must be non-empty text; it has only invisible characters",
                   f"write '{key}: ...' with the text, or remove the line")
    return _one_line(value)


def _names(key: str, value: Any, fail) -> list[str]:
    items = _text_list(value)
    if items is None or not all(item.strip() for item in items):
        raise fail(key, f"'{key}' must be a list of names", f"write e.g. '{key}: [name1, name2]'")
    if not all(_visible(item) for item in items):
        raise fail(key, f"'{key}' must be a list of names; one has only invisible characters", f"write e.g. '{key}: [name1, name2]'")
    return [_one_line(item) for item in items]


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
    if not isinstance(value, dict) or not all(isinstance(k, str) and _visible(k) and _text_list(v) is not None
                                              and all(_visible(name) for name in _text_list(v)) for k, v in value.items()):
        raise fail("credits", "'credits' must map a role to names", "write e.g. 'credits: {编辑: [何礼]}'")
    return {_one_line(k): [_one_line(name) for name in _text_list(v)] for k, v in value.items()}


def _url(key: str, value: Any, fail) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^\s<>\"'`]+$", value.strip()):
        raise fail("url", "'url' must be an http:// or https:// address without spaces or quotes",
                   "copy the original address from the browser's address bar")
    return value.strip()


def _region(key: str, value: Any, fail):
    if isinstance(value, str) and _visible(value):
        return _one_line(value)
    if isinstance(value, dict) and value and set(value) <= {"province", "city", "county"} and all(
            v is None or (isinstance(v, str) and _visible(v)) for v in value.values()):
        return {k: v if v is None else _one_line(v) for k, v in value.items()}
    raise fail("region", "'region' must be a place name or a mapping of province/city/county",
               "write e.g. 'region: 无锡市' or 'region: {province: 江苏省, city: 无锡市}'")


def _snapshots(key: str, value: Any, fail) -> list[str]:
    from build_tools import provenance

    items = value if isinstance(value, list) else [value]
    if not items:
        raise fail(key, "'archive' is an empty list", "list snapshot addresses, e.g. 'archive: [https://web.archive.org/web/20200421000000/https://example.cn/a.html]', or remove the line")
    problems = []
    for number, item in enumerate(items):
        problem = provenance.snapshot_problem(item)
        if problem:
            where = f"{key}[{number}]" if isinstance(value, list) else key
            problems.append(fail(where, f"'archive' entry {number + 1}: {problem}",
                                 "give a snapshot on the Wayback Machine (https://web.archive.org/web/<timestamp>/<address>), "
                                 "archive.today (archive.ph/.is/.today/.li/.md/.vn/.fo) or "
                                 + ", ".join(_other_archives())).diagnostic)
    if problems:
        raise CaseError(*problems)
    return [item.strip() for item in items]


def _other_archives() -> list[str]:
    from build_tools import provenance

    return sorted({host.removeprefix("www.") for host in provenance.OTHER_HOSTS})


def _day(key: str, value: Any, fail) -> _dt.date:
    """A provenance date: a real calendar day between 1990 and 2100, written YYYY-MM-DD."""
    text = value.isoformat() if isinstance(value, _dt.date) else value
    example = f"write e.g. '{key}: 2023-05-01'"
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        raise fail(key, f"'{key}' must be YYYY-MM-DD, got {value!r}", example)
    year, month, number = map(int, text.strip().split("-"))
    if not _real_day(year, month, number):
        raise fail(key, f"'{key}' {text!r} is not a real calendar day", "check the month and the day")
    if not 1990 <= year <= 2100:
        raise fail(key, f"'{key}' {text} is outside 1990-2100", example)
    return _dt.date(year, month, number)


# One processor per front-matter key: it validates the value and returns it normalised.
PROCESSORS = {
    "title": _text, "subtitle": _text, "source": _text, "note": _text,
    "date": lambda key, value, fail: parse_curated_date(value, fail),
    "authors": _names, "tags": _names, "names": _names, "drop": _pieces, "keep": _pieces,
    "credits": _credits, "url": _url, "region": _region,
    "archive": _snapshots, "captured": _day, "deleted": _day,
}


def validate_front_matter(fm: dict[str, Any], lines: dict[str, int], path: str) -> None:
    """Check every curated value with its key's processor; raise one CaseError that lists every
    problem (unknown keys included), each naming its key and line."""

    def fail(key: str, message: str, fix: str) -> CaseError:
        return _error(path, lines.get(key, lines.get(key.split("[")[0])), message, fix, key.split("[")[0])

    problems: list[Diagnostic] = []
    for key in list(fm):
        value = _join_surrogates(fm.pop(key))
        key = _join_surrogates(key)
        fm[key] = value
        for text in _strings([key, value]):
            problem = _character_problem(text)
            if problem:
                where = repr(key) if isinstance(key, str) and not _character_problem(key) else "a front-matter key"
                problems.append(_error(path, lines.get(str(key)), f"{where} holds {problem[0]}", problem[1], str(key)).diagnostic)
                del fm[key]
                break
    problems += _unknown_keys(fm, lines, path)
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
    if path.suffix.lower() in (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht"):
        raise _error(shown, None, "a saved web page is not a case file",
                     f"turn it into one: python -m build_tools ingest '{shown}' --cases '{pathlib.Path(shown).parent}', then delete the page")
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
