"""ASCII slugs (pinyin) for URLs; the same in both script variants.

The URL of a listing page is a function of the listed name alone, never of which other names
the archive holds, so a page keeps its URL when other cases arrive. The rule (``name_slug``):

* Every name is first put in its Simplified form (``to_hans``), so both scripts share a slug.
* Its *pinyin* is the toneless pinyin of that form, lowercase ASCII letters and digits, the
  syllables run together (``旗帜网`` -> ``qizhiwang``); 陕西 is spelt ``shaanxi``, its official
  romanisation, which tells it from 山西 ``shanxi``.
* Its *hash* is the hex SHA-1 of the UTF-8 Simplified form (``hashlib.sha1``).
* **Sources** (an open set of names: any outlet may arrive) always get ``pinyin-hash4``, the
  pinyin and the first four hex digits of the hash: ``旗帜网`` -> ``qizhiwang-a979`` and
  ``奇志网`` -> ``qizhiwang-c58a``. Plain pinyin cannot be kept for any of them: 旗帜网 and 奇志网
  read alike, tones included, and nothing in a single name says which one would own the plain
  form. The pinyin is cut after the syllable that reaches 60 characters (the hash keeps the
  name apart).
* **Regions** are official division names from the closed gazetteer table
  (``build_tools/data/gazetteer.csv``), so they keep plain pinyin (``zhejiangsheng``,
  ``shanxisheng``, ``shaanxisheng``), unless the *gazetteer* (not the archive) has two divisions
  under one parent whose pinyin is the same: then every name of such a pair gets
  ``pinyin-hash4``. With the official spelling of 陕西 no pair exists in the 2023 table.
* A **reserved** slug (``RESERVED``: ``index``, which every folder's index page uses, the
  site's fixed folder names, and ``page-N``, a region listing's numbered pages) is never given
  to a name: a region whose plain pinyin is reserved gets ``pinyin-hash4``, and a hashed slug
  that is reserved gets a longer hash. A source's numbered pages (``qizhiwang-a979-2``) have
  two dashes, so they can never be another source's slug.

Plain slugs have no dash and hashed ones exactly one, so the two forms never meet.

Two different names can still share a slug (two names with the same pinyin and the same four
hex digits; or names that are not in the gazetteer): ``Slugs`` then gives *neither* the shared
slug but ``pinyin-hash8`` (longer if needed), so an old URL never shows another name's page,
and ``slug_collisions`` lists such cases for ``check`` to report.
"""

from __future__ import annotations

import functools
import hashlib
import pathlib
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable

from pypinyin import Style, lazy_pinyin

from build_tools.script import to_hans

HASH_LENGTH = 4  # hex digits of a name's hash in its slug
LONG_HASH_LENGTHS = (8, 12, 16, 24, 40)  # for names that still share a slug, shortest first
MAX_PINYIN = 60  # characters of pinyin kept in a hashed slug (file names stay well under 255 bytes)

# Slugs no name may have: the index page of every listing folder, the site's fixed folders and
# files (for names that would sit at the root), and a region folder's numbered pages (page-N).
RESERVED = frozenset({
    "index", "assets", "search", "pagefind", "zh-hant", "zh-hans", "feeds", "feed", "rss", "atom",
    "sitemap", "404", "cases", "tags", "regions", "timeline", "sources", "static", "js", "css",
})
_RESERVED_PATTERN = re.compile(r"page-\d+")

# Official romanisations that plain pinyin gets wrong, as (characters, syllables): 陕西 is
# Shaanxi (the Hanyu Pinyin spelling adopted to tell it from 山西 Shanxi).
OFFICIAL_SYLLABLES = (("陕西", ("shaan", "xi")),)


def _syllables(hans: str) -> list[str]:
    """Toneless lowercase syllables of a Simplified text; other characters one by one."""
    syllables = lazy_pinyin(hans, style=Style.NORMAL, errors=lambda chars: [c for c in chars])
    if len(syllables) == len(hans):  # one item per character: official spellings apply
        for chars, spelling in OFFICIAL_SYLLABLES:
            start = hans.find(chars)
            while start >= 0:
                syllables[start:start + len(chars)] = spelling
                start = hans.find(chars, start + len(chars))
    words = [re.sub(r"[^a-z0-9]", "", s.lower().replace("ü", "v")) for s in syllables]
    return [w for w in words if w]


@functools.lru_cache(maxsize=65536)
def slugify(text: str, max_syllables: int = 0, separator: str = "") -> str:
    """Plain pinyin of a text (Traditional is converted to Simplified first): 旗幟網 -> qizhiwang."""
    words = _syllables(to_hans(text))
    if max_syllables:
        words = words[:max_syllables]
    return separator.join(words) or "x"


def is_reserved(slug: str) -> bool:
    return slug in RESERVED or bool(_RESERVED_PATTERN.fullmatch(slug))


def name_hash(name: str) -> str:
    """Hex SHA-1 of the name's Simplified form (UTF-8)."""
    return hashlib.sha1(to_hans(name).encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=65536)
def hashed_slug(name: str, length: int = HASH_LENGTH) -> str:
    """``pinyin-hash``: the name's pinyin (cut at MAX_PINYIN) and the first ``length`` hex digits
    of its hash, lengthened while the result is reserved."""
    pinyin = ""
    for word in _syllables(to_hans(name)):
        pinyin += word
        if len(pinyin) >= MAX_PINYIN:
            break
    digest = name_hash(name)
    for size in sorted({length, *(n for n in LONG_HASH_LENGTHS if n > length)}):
        slug = f"{pinyin or 'x'}-{digest[:size]}"
        if not is_reserved(slug):
            return slug
    return slug + "x"  # page-<40 digits>: not a reachable case, but never a reserved slug


@functools.lru_cache(maxsize=1)
def ambiguous_region_names() -> frozenset[str]:
    """Gazetteer names that share their plain pinyin with another division under the same
    parent (a fact of the national table, not of the archive): these get hashed slugs. Derived
    once per machine and kept in the user's cache folder (build_tools/usercache.py) under a
    digest of the package's data files, this module, the script module and pypinyin's version:
    the pinyin of 3,000 names takes half a second in every new process (each build, each check)."""
    from importlib.metadata import PackageNotFoundError, version

    from build_tools import usercache

    try:
        pinyin_version = version("pypinyin")
    except PackageNotFoundError:  # (a copy of pypinyin without metadata: the digest of the rest still applies)
        pinyin_version = ""
    here = pathlib.Path(__file__)
    return usercache.derived_json(
        "region-slugs", (here, here.with_name("script.py")), pinyin_version,
        lambda: sorted(_derive_ambiguous_region_names()),
        lambda names: frozenset(names) if isinstance(names, list) and all(isinstance(n, str) for n in names) else None)


def _derive_ambiguous_region_names() -> frozenset[str]:
    from build_tools import gazetteer

    table = gazetteer.default()
    siblings: dict[tuple[tuple[str, ...], str], set[str]] = defaultdict(set)
    for division in table.by_code.values():
        levels = [name for name in table.names(division) if name]
        siblings[(tuple(levels[:-1]), slugify(levels[-1]))].add(levels[-1])
    return frozenset(name for names in siblings.values() if len(names) > 1 for name in names)


@functools.lru_cache(maxsize=65536)
def region_slug(name: str) -> str:
    plain = slugify(name)
    if is_reserved(plain) or to_hans(name) in ambiguous_region_names():
        return hashed_slug(name)
    return plain


def source_slug(name: str) -> str:
    return hashed_slug(name)


def name_slug(namespace: str, name: str) -> str:
    """The slug of a name in its namespace ("source", or "region:<parent path>"), by the rule in
    this module's docstring: a function of the name alone."""
    return region_slug(name) if namespace.startswith("region") else source_slug(name)


@dataclass(frozen=True)
class SlugCollision:
    """Different names of one namespace that the rule gives the same slug; none of them gets it."""

    namespace: str
    slug: str  # the slug the rule gives all of them
    names: tuple[str, ...]  # sorted
    resolved: tuple[str, ...]  # the slug each name gets instead, in the order of names

    @property
    def kind(self) -> str:
        return "region" if self.namespace.startswith("region") else self.namespace

    def message(self) -> str:
        where = self.namespace.partition(":")[2]
        listing = "、".join(f"{name} -> {slug}" for name, slug in zip(self.names, self.resolved))
        return (f"{self.kind} names {'、'.join(self.names)}{' under ' + where if where else ''} share the URL slug "
                f"'{self.slug}'; none of them gets it, they are published as {listing}")


def resolve(namespace: str, names: Iterable[str]) -> tuple[dict[str, str], list[SlugCollision]]:
    """Slugs for every name of one namespace: each name's own slug, except that names sharing
    one get longer hashes (all of them, so none keeps the shared URL). A name and its other
    script's form (陕西省, 陝西省) are one name."""
    given = set(names)
    forms = {name: to_hans(name) for name in given}
    names = sorted(set(forms.values()))
    own = {name: name_slug(namespace, name) for name in names}
    level = dict.fromkeys(names, 0)  # 0: own slug; n: hashed with LONG_HASH_LENGTHS[n - 1]
    shared: dict[str, set[str]] = {}
    while True:
        final = {name: own[name] if not level[name] else hashed_slug(name, LONG_HASH_LENGTHS[level[name] - 1])
                 for name in names}
        groups: dict[str, list[str]] = defaultdict(list)
        for name in names:
            groups[final[name]].append(name)
        clashes = [(slug, group) for slug, group in groups.items() if len(group) > 1]
        if not clashes:
            break
        for slug, group in clashes:
            shared.setdefault(slug, set()).update(group)
            for name in group:
                if level[name] == len(LONG_HASH_LENGTHS):
                    raise ValueError(f"names {group} have the same SHA-1 pinyin slug '{slug}'")
                level[name] += 1
    collisions = [SlugCollision(namespace, slug, tuple(sorted(group)), tuple(final[n] for n in sorted(group)))
                  for slug, group in sorted(shared.items())]
    return {name: final[forms[name]] for name in given}, collisions


def listed_names(cases) -> list[tuple[str, str]]:
    """The (namespace, name) pairs the archive's listing pages are made for, as each page family
    declares them (``names`` in build_tools/pages/): each source in its Simplified form, each
    region level namespaced by its parent path, ..."""
    from build_tools import pages

    return pages.slug_names(cases)


class Slugs:
    """The slugs of one build: ``get(namespace, name)``. Names given up front are resolved
    together, so two of them that share a slug are both moved to longer hashes (and listed in
    ``collisions``); a name not given up front gets its own slug."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        by_namespace: dict[str, set[str]] = defaultdict(set)
        for namespace, name in pairs:
            by_namespace[namespace].add(name)
        self._taken: dict[tuple[str, str], str] = {}
        self.collisions: list[SlugCollision] = []
        for namespace in sorted(by_namespace):
            final, collisions = resolve(namespace, by_namespace[namespace])
            self._taken.update(((namespace, name), slug) for name, slug in final.items())
            self.collisions += collisions
        self.resolved = dict(self._taken)  # the names given up front and their slugs

    def get(self, namespace: str, name: str) -> str:
        key = (namespace, name)
        if key not in self._taken:
            self._taken[key] = name_slug(namespace, name)
        return self._taken[key]


def slug_collisions(cases_or_names) -> list[SlugCollision]:
    """Names that share a URL slug (so that none of them gets it): for ``check`` to report.
    Takes cases (their sources and regions), source names (strings), or (namespace, name) pairs."""
    items = list(cases_or_names)
    pairs = []
    cases = [item for item in items if not isinstance(item, (str, tuple))]
    pairs += listed_names(cases)
    pairs += [("source", to_hans(item)) for item in items if isinstance(item, str)]
    pairs += [item for item in items if isinstance(item, tuple)]
    return Slugs(pairs).collisions


def slug_diagnostics(cases) -> list:
    """``slug_collisions`` as warnings on the case files that name the colliding names (sources, regions...)."""
    from build_tools.model import Diagnostic

    collisions = slug_collisions(cases)
    out = []
    for collision in collisions:
        clashing = {(collision.namespace, name) for name in collision.names}
        for case in sorted(cases, key=lambda c: str(c.path)):
            if clashing & set(listed_names([case])):
                out.append(Diagnostic("warning", str(case.path), None, collision.message(),
                                      "nothing breaks: the shared URL now finds no page rather than the other name's, "
                                      "and both names keep the longer URLs while both are in the archive",
                                      collision.kind))
    return out
