"""Page families: every kind of page the site has is one small module of this package.

A family is a subclass of ``Family`` in a module here; it is registered by being defined (the
modules of this package are imported by ``families``), so a new kind of page is one new module.
It declares:

* its **paths**: ``folder`` (where its pages live, ``tags`` for ``tags/...``; "" for pages at the
  site root), ``index`` (its index page) and, for the families others link to, a ``path``
  function in its module;
* its **nav entry**: ``nav``, the title (written in Simplified, converted for the Traditional
  site) of a nav tab that opens its index page, or None; ``nav_order`` places the tab;
* its line in the home page's **browse list**: ``browse``, a label, and ``browse_links``;
* its **grouping**: ``groups(r, case)``, the keys of the group pages that list a case (tag
  names, region paths, months...), and ``names(case)``, the (namespace, name) pairs whose URL
  slugs must be resolved together (build_tools/slugs.py);
* its **pages**: ``pages(r, lang)``, each ``Page`` with ``depends``, the ids of the cases it
  shows (None for pages that summarise the whole archive), and ``shows_text``, whether any of
  them shows a case's text (under serve, an edit of a text only renders again the families that do).

``order`` is the order in which families render (and so the order of pages in the site's
sitemap) and of the browse list. The nav, ``not_in_nav`` (every family's folder: pages reached
from listings, search and links, never from the nav), the home page's browse list, the slugs
and the benchmark's baseline all come from this registry.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import weakref
from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from build_tools.model import Case, Page
    from build_tools.render import Renderer


class Family:
    """One kind of page (see the module docstring). Subclasses set the class attributes and
    implement ``pages``; the other methods default to nothing."""

    name: ClassVar[str] = ""  # unique, e.g. "tags"
    order: ClassVar[int] = 100
    folder: ClassVar[str] = ""
    index: ClassVar[str | None] = None  # docs-relative path of its index page, e.g. "tags/index.md"
    nav: ClassVar[str | None] = None
    nav_order: ClassVar[int | None] = None  # default: order
    browse: ClassVar[str | None] = None  # label of its line in the home page's browse list
    # whether its pages show any case's text (or what is made from it); a family that shows only
    # cases' other fields (render.listed) keeps its pages under serve when an edit changed a text only
    shows_text: ClassVar[bool] = False

    def names(self, case: Case) -> Iterable[tuple[str, str]]:
        return ()

    def groups(self, r: Renderer, case: Case) -> Iterable[Hashable]:
        return ()

    def browse_links(self, r: Renderer, lang: str) -> list[str]:
        """Markdown links (relative to the home page) after the browse line's label."""
        return []

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        raise NotImplementedError


@functools.lru_cache(maxsize=1)
def families() -> tuple[Family, ...]:
    """Every family defined in this package's modules, in ``order``."""
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
    found: dict[str, Family] = {}
    for cls in _subclasses(Family):
        if not cls.name or not cls.__module__.startswith(__name__ + "."):
            continue  # an abstract helper, or a family defined elsewhere (a test's): not registered
        if cls.name in found:
            raise ValueError(f"two page families are named {cls.name!r}: {type(found[cls.name]).__module__} "
                             f"and {cls.__module__}")
        found[cls.name] = cls()
    return tuple(sorted(found.values(), key=lambda f: (f.order, f.name)))


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def nav(chosen: Iterable[Family] | None = None) -> list[tuple[str, str]]:
    """The site's nav: (title in Simplified, index page path), in nav order."""
    chosen = families() if chosen is None else chosen
    entries = [f for f in chosen if f.nav and f.index]
    entries.sort(key=lambda f: (f.order if f.nav_order is None else f.nav_order, f.name))
    return [(f.nav, f.index) for f in entries]


def not_in_nav(chosen: Iterable[Family] | None = None) -> list[str]:
    """Patterns (MkDocs' not_in_nav, gitignore style) for the folders of listing pages."""
    chosen = families() if chosen is None else chosen
    return list(dict.fromkeys(f"/{f.folder.strip('/')}/" for f in chosen if f.folder))


# id(case) -> (the case, weakly; the families asked; its pairs): each case's names found once per
# case object, for both scripts and across preview rebuilds (at 10,000 cases, a quarter of a
# second per script and rebuild otherwise)
_NAMES: dict[int, tuple[weakref.ref, tuple[Family, ...], tuple[tuple[str, str], ...]]] = {}


def slug_names(cases: Iterable[Case], chosen: Iterable[Family] | None = None) -> list[tuple[str, str]]:
    """The (namespace, name) pairs the archive's listing pages are made for, sorted."""
    chosen = tuple(families() if chosen is None else chosen)
    found: set[tuple[str, str]] = set()
    count = 0
    for case in cases:
        count += 1
        known = _NAMES.get(id(case))
        if known is None or known[0]() is not case or known[1] != chosen:
            pairs = tuple(pair for family in chosen for pair in family.names(case))
            try:
                known = _NAMES[id(case)] = (weakref.ref(case), chosen, pairs)
            except TypeError:  # an object that takes no weak reference (a test's stand-in): not remembered
                known = (None, chosen, pairs)
        found.update(known[2])
    if len(_NAMES) > 2 * count:  # forget the cases no longer built
        for key in [key for key, known in _NAMES.items() if known[0]() is None]:
            del _NAMES[key]
    return sorted(found)
