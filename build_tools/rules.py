"""Rules as data: load and validate the editable data files in build_tools/data/.

A broken data file is an input error like a broken case: it is reported with the file, the line
and the fix, never as a traceback.
"""

from __future__ import annotations

import functools
import hashlib
import pathlib
import re
from dataclasses import dataclass, field

import yaml

from build_tools.model import CaseError, Diagnostic

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"


def _fail(path: pathlib.Path, line: int | None, message: str, fix: str) -> CaseError:
    return CaseError(Diagnostic("error", _display(path), line, message, fix))


def _display(path: pathlib.Path) -> str:
    try:
        return str(path.relative_to(pathlib.Path.cwd()))
    except ValueError:
        return str(path)


def yaml_error_line(text: str, exc: yaml.MarkedYAMLError, offset: int = 1) -> int:
    """File line to blame for a YAML error: where the broken construct starts, or, for an error
    found only at the end of the text, the last line written."""
    mark = exc.context_mark or exc.problem_mark
    lines = text.split("\n")
    index = mark.line if mark else 0
    if index >= len(lines) - 1 or not lines[index].strip():
        index = max((i for i, line in enumerate(lines) if line.strip()), default=index)
    return offset + index


# libyaml's loader (the same safe constructors, ten times faster than the pure-Python one on the
# rule files, which every build reads) where PyYAML was built with it
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load_yaml(path: pathlib.Path) -> tuple[object, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise _fail(path, None, f"cannot read data file: {exc}", "restore it from git") from None
    loader = _FAST_LOADER(text)
    try:  # composed once; the data is constructed from the same nodes (their marks give the lines)
        node = loader.get_single_node()
        return (loader.construct_document(node) if node is not None else None), node
    except yaml.MarkedYAMLError as exc:
        raise _fail(path, yaml_error_line(text, exc), f"invalid YAML: {exc.problem}",
                    "fix the indentation or quoting at that line") from None
    except yaml.YAMLError as exc:
        raise _fail(path, None, f"invalid YAML: {exc}", "fix the YAML syntax") from None
    finally:
        loader.dispose()


def _line_of(node: yaml.Node | None, *keys) -> int | None:
    """Line (1-based) of a nested key/index in a composed YAML node, best effort."""
    current = node
    for key in keys:
        if isinstance(current, yaml.MappingNode):
            match = [v for k, v in current.value if k.value == key]
            if not match:
                return current.start_mark.line + 1
            current = match[0]
        elif isinstance(current, yaml.SequenceNode) and isinstance(key, int) and key < len(current.value):
            current = current.value[key]
        else:
            break
    return current.start_mark.line + 1 if current is not None else None


def file_digest(*paths: pathlib.Path) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Boilerplate:
    drop_lines: tuple[re.Pattern[str], ...]
    chrome_words: frozenset[str]
    nav_separators: tuple[str, ...]
    tail_markers: tuple[re.Pattern[str], ...]
    tail_fraction: float
    spam_words: tuple[str, ...]
    bare_entities: dict[str, str]
    counter_words: frozenset[str] = frozenset()
    menu_endings: tuple[str, ...] = ()
    edge_lines: tuple[re.Pattern[str], ...] = ()
    footer_words: tuple[str, ...] = ()
    footer_min_words: int = 3
    inline_spam: tuple[re.Pattern[str], ...] = ()
    farm_framing: tuple[re.Pattern[str], ...] = ()
    glued_chrome: tuple[re.Pattern[str], ...] = ()
    injected_words: tuple[str, ...] = ()
    widget_words: tuple[str, ...] = ()
    widget_share: float = 0.6
    account_labels: tuple[str, ...] = ()
    # every drop_lines rule in one expression: most lines are article text, which one pass of the engine
    # tells apart faster than a hundred calls from Python; None when the rules cannot be joined (two
    # rules with one group name), and then each rule is tried in turn
    _drop_any: re.Pattern[str] | None = field(init=False, repr=False, compare=False, default=None)

    def __post_init__(self) -> None:
        try:
            joined = re.compile("|".join(f"(?:{p.pattern})" for p in self.drop_lines)) if self.drop_lines else None
        except re.error:
            joined = None
        object.__setattr__(self, "_drop_any", joined)

    def drops(self, line: str) -> bool:
        """Whether a drop_lines rule matches the whole line."""
        if self._drop_any is not None:
            return self._drop_any.fullmatch(line) is not None
        return any(p.fullmatch(line) for p in self.drop_lines)


def _patterns(path, node, data, key) -> tuple[re.Pattern[str], ...]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise _fail(path, _line_of(node, key), f"'{key}' must be a list of regular expressions", "write one '- pattern' per line")
    compiled = []
    for index, value in enumerate(values):
        try:
            compiled.append(re.compile(str(value)))
        except re.error as exc:
            raise _fail(path, _line_of(node, key, index), f"invalid regular expression in '{key}': {exc}",
                        "escape special characters such as ( ) [ ] with a backslash") from None
    return tuple(compiled)


def load_boilerplate(path: pathlib.Path | None = None) -> Boilerplate:
    path = path or DATA_DIR / "boilerplate.yml"
    data, node = _load_yaml(path)
    if not isinstance(data, dict):
        raise _fail(path, 1, "the boilerplate file must be a mapping", "see the comments at the top of the file")
    words = data.get("chrome_words", [])
    seps = data.get("nav_separators", [])
    spam = data.get("spam_words", [])
    entities = data.get("bare_entities", {})
    counters = data.get("counter_words", [])
    menu = data.get("menu_endings", [])
    footer = data.get("footer_words", [])
    injected = data.get("injected_words", [])
    widgets = data.get("widget_words", [])
    accounts = data.get("account_labels", [])
    for key, value, kind in (("widget_words", widgets, list), ("account_labels", accounts, list),("chrome_words", words, list), ("nav_separators", seps, list), ("counter_words", counters, list),
                             ("menu_endings", menu, list), ("footer_words", footer, list), ("injected_words", injected, list),
                             ("spam_words", spam, list), ("bare_entities", entities, dict)):
        if not isinstance(value, kind):
            raise _fail(path, _line_of(node, key), f"'{key}' must be a {kind.__name__}", "see the comments in the file")
    fraction = data.get("tail_fraction", 0.5)
    if not isinstance(fraction, (int, float)) or not 0 < fraction <= 1:
        raise _fail(path, _line_of(node, "tail_fraction"), "'tail_fraction' must be a number in (0, 1]", "e.g. tail_fraction: 0.5")
    footer_min = data.get("footer_min_words", 3)
    if isinstance(footer_min, bool) or not isinstance(footer_min, int) or footer_min < 2:
        raise _fail(path, _line_of(node, "footer_min_words"), "'footer_min_words' must be a whole number of 2 or more", "e.g. footer_min_words: 3")
    share = data.get("widget_share", 0.6)
    if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 < share <= 1:
        raise _fail(path, _line_of(node, "widget_share"), "'widget_share' must be a number in (0, 1]", "e.g. widget_share: 0.6")
    return Boilerplate(
        drop_lines=_patterns(path, node, data, "drop_lines"),
        chrome_words=frozenset(map(str, words)),
        nav_separators=tuple(map(str, seps)),
        tail_markers=_patterns(path, node, data, "tail_markers"),
        tail_fraction=float(fraction),
        spam_words=tuple(map(str, spam)),
        bare_entities={str(k): str(v) for k, v in entities.items()},
        counter_words=frozenset(map(str, counters)),
        menu_endings=tuple(map(str, menu)),
        edge_lines=_patterns(path, node, data, "edge_lines"),
        footer_words=tuple(map(str, footer)),
        footer_min_words=footer_min,
        inline_spam=_patterns(path, node, data, "inline_spam"),
        farm_framing=_patterns(path, node, data, "farm_framing"),
        glued_chrome=_patterns(path, node, data, "glued_chrome"),
        injected_words=tuple(map(str, injected)),
        widget_words=tuple(str(w) for w in widgets if str(w)),
        widget_share=float(share),
        account_labels=tuple(str(w) for w in accounts if str(w)),
    )


@dataclass(frozen=True)
class Tag:
    name: str
    slug: str
    description: str
    signals: tuple[str, ...]
    min_hits: int


@dataclass(frozen=True)
class Vocabulary:
    tags: tuple[Tag, ...]

    def by_name(self) -> dict[str, Tag]:
        return {tag.name: tag for tag in self.tags}


SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def load_vocabulary(path: pathlib.Path | None = None) -> Vocabulary:
    path = path or DATA_DIR / "tags.yml"
    data, node = _load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("tags"), list):
        raise _fail(path, 1, "the tag file must have a 'tags:' list", "see the comments at the top of the file")
    tags, names, slugs = [], set(), set()
    for index, entry in enumerate(data["tags"]):
        line = _line_of(node, "tags", index)
        if not isinstance(entry, dict):
            raise _fail(path, line, "each tag must be a mapping with name, slug, description, signals", "copy an existing entry")
        unknown = set(entry) - {"name", "slug", "description", "signals", "min_hits"}
        if unknown:
            raise _fail(path, line, f"unknown key(s) {sorted(unknown)} in tag entry", "allowed: name, slug, description, signals, min_hits")
        name, slug = entry.get("name"), entry.get("slug")
        signals = entry.get("signals", [])
        if not isinstance(name, str) or not name.strip():
            raise _fail(path, line, "tag entry without a 'name'", "add 'name: <Simplified tag name>'")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            raise _fail(path, line, f"tag '{name}' needs an ASCII 'slug' (lowercase, digits, '-')", "e.g. slug: linshi-dangzhibu")
        if not isinstance(signals, list) or not signals or not all(isinstance(s, str) and s for s in signals):
            raise _fail(path, line, f"tag '{name}' needs a non-empty 'signals' list of words", "e.g. signals: [临时党支部]")
        min_hits = entry.get("min_hits", 3)
        if not isinstance(min_hits, int) or min_hits < 1:
            raise _fail(path, line, f"tag '{name}': 'min_hits' must be a positive whole number", "e.g. min_hits: 2")
        if name in names or slug in slugs:
            raise _fail(path, line, f"tag '{name}' ({slug}) is defined twice", "remove or rename one of the entries")
        names.add(name)
        slugs.add(slug)
        tags.append(Tag(name.strip(), slug, str(entry.get("description", "")), tuple(signals), min_hits))
    return Vocabulary(tuple(tags))


META_ROLES = frozenset({"来源", "时间", "作者", "记者", "通讯员", "撰稿", "执笔", "成文日期", "责任编辑", "编辑", "审核", "终审",
                        "审稿", "审校", "校对", "送签", "签发", "摄影", "作者单位", "供稿", "监制", "策划", "统筹", "视觉", "事件", "-"})


def load_meta_labels(path: pathlib.Path | None = None) -> dict[str, str]:
    """The extractor's metadata labels (meta_labels.yml): label -> role."""
    path = path or DATA_DIR / "meta_labels.yml"
    data, node = _load_yaml(path)
    if not isinstance(data, dict) or not isinstance(data.get("labels"), dict) or not data["labels"]:
        raise _fail(path, 1, "the label file must have a 'labels:' mapping", "see the comments at the top of the file")
    labels = {}
    for label, role in data["labels"].items():
        line = _line_of(node, "labels", label)
        if not isinstance(label, str) or not re.fullmatch(r"[\u4e00-\u9fff]{1,8}|[a-z]{2,12}", label):
            raise _fail(path, line, f"label {label!r} must be one to eight Chinese characters or a lower-case English word",
                        "write the label in Simplified characters, without spaces or punctuation")
        if role not in META_ROLES:
            raise _fail(path, line, f"label '{label}' has an unknown role {role!r}",
                        "use one of: " + " ".join(sorted(META_ROLES)) + " (quote '-')")
        labels[label] = role
    return labels


@functools.lru_cache(maxsize=None)
def default_meta_labels() -> dict[str, str]:
    return load_meta_labels()


@functools.lru_cache(maxsize=None)
def default_boilerplate() -> Boilerplate:
    return load_boilerplate()


@functools.lru_cache(maxsize=None)
def default_vocabulary() -> Vocabulary:
    return load_vocabulary()
