"""Outputs: every file the site ships besides its pages, one small module each.

An output is a subclass of ``Output`` in a module of this package; it is registered by being
defined (``registered`` imports the package's modules), so a new output (a feed, a dataset, an
offline bundle) is one new module. Its hooks, each optional:

* ``files(context)``: small files that belong to each script's site (the Simplified site at the
  root, the Traditional one under ``zh-Hant/``), as ``(path, text)`` pairs; the host publishes
  them with the pages (the stylesheet, the search box's script).
* ``prepare(context)`` and ``write(site, state)``: files written once into the finished site
  (both scripts' pages are in), such as the search index both scripts share. ``prepare`` reads
  the cases and returns what ``write`` needs (small: the build gives back the memory the pages
  and cases took before any ``write`` runs). Under ``mkdocs serve`` both run in the background.

``reads``: the names of the outputs whose written files this one's ``write`` reads back (the
offline search reads the search index); they come earlier in ``order``.

``heavy``: the output keeps a core busy on its own for a while (the search index: Pagefind's
runs beside its postings). On a machine with a second core the build makes the outputs that
are neither heavy nor read others' files in a forked process beside the rest
(build_tools/site.py ``write_outputs``), so what such an output's ``prepare`` returns is used
in that process only (it is never sent back).

``export``: whether ``python -m build_tools export`` writes the output too (build_tools/site.py
``export``). Problems are ``OutputFailed`` with a message that says what to do.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import pathlib
import pkgutil
from collections.abc import Iterable
from typing import Any, ClassVar

from build_tools.model import Case


class OutputFailed(Exception):
    """An output could not be written; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class Context:
    """What outputs are made from."""

    cases: list[Case]
    root: pathlib.Path  # the project folder
    cache: pathlib.Path  # the project's cache folder (.cache/case-archive)
    directory_urls: bool = True  # pages published as folders (cases/x/) or files (cases/x.html)
    search: bool = True  # the site has its search box and index
    shard_pages: int = 2000  # cases per search index shard (build_tools/searchindex.py)
    site_url: str = ""  # the published address (mkdocs.yml site_url), "" when unset
    site_name: str = ""  # mkdocs.yml site_name (Simplified)
    license: str = ""  # the archive's licence id (plugin option ``license``), "" when unset
    offline: bool = False  # the offline copy's build (build_tools/bundle.py): its search reads files from file:// too


class Output:
    name: ClassVar[str] = ""  # unique, e.g. "search"
    title: ClassVar[str] = ""  # for messages, e.g. "search index"
    order: ClassVar[int] = 100
    heavy: ClassVar[bool] = False
    reads: ClassVar[tuple[str, ...]] = ()
    export: ClassVar[bool] = False

    def files(self, context: Context) -> Iterable[tuple[str, str]]:
        return ()

    def prepare(self, context: Context) -> Any:
        return None

    def write(self, site: pathlib.Path, state: Any) -> None:
        pass


@functools.lru_cache(maxsize=1)
def registered() -> tuple[Output, ...]:
    """Every output defined in this package's modules, in ``order``."""
    for module in sorted(info.name for info in pkgutil.iter_modules(__path__)):
        importlib.import_module(f"{__name__}.{module}")
    found: dict[str, Output] = {}
    pending = list(Output.__subclasses__())
    while pending:
        cls = pending.pop()
        pending += cls.__subclasses__()
        if cls.name and cls.__module__.startswith(__name__ + "."):
            if cls.name in found:
                raise ValueError(f"two outputs are named {cls.name!r}")
            found[cls.name] = cls()
    ordered = tuple(sorted(found.values(), key=lambda o: (o.order, o.name)))
    for number, output in enumerate(ordered):
        earlier = {o.name for o in ordered[:number]}
        if any(name not in earlier for name in output.reads):
            raise ValueError(f"output {output.name!r} reads {output.reads!r}: each must be an output of a lower order")
    return ordered


def beside(made: tuple[Output, ...]) -> tuple[list[Output], list[Output]]:
    """``made`` split in two: (what can be made in a process beside the rest: the outputs that
    are neither ``heavy`` nor read other outputs' files, the rest), each in order; all in the
    second when there is nothing heavy to be beside."""
    if not any(o.heavy for o in made):
        return [], list(made)
    return [o for o in made if not o.heavy and not o.reads], [o for o in made if o.heavy or o.reads]
