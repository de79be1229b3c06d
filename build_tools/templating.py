"""Templates of the pages the generator writes as HTML (case pages), rendered with Jinja.

A template ``NAME`` is looked up first as ``case-archive/NAME`` in each override folder the site
gives (the theme's ``custom_dir``, as Material's partials are overridden), then in the package's
``build_tools/templates/``. Autoescape is on, and every ``{{ value }}`` is escaped exactly as
``html.escape`` escapes (``& < > " '``), whichever template prints it: article text is untrusted.
Values marked safe (macros' output, ``markupsafe.Markup``) are printed as they are.

Compiled templates are kept in memory and in the user's cache folder (``BYTECODE_CACHE``,
checked against their source), for these templates and for the theme's, which a host such as
MkDocs loads again for every build and every new process compiles again.
"""

from __future__ import annotations

import functools
import html
import pathlib
from collections.abc import Sequence

import jinja2
import markupsafe

from build_tools import usercache

PACKAGE_DIR = pathlib.Path(__file__).resolve().parent / "templates"
OVERRIDE_FOLDER = "case-archive"  # inside an override folder: case-archive/case.html


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Compiled templates, kept for the life of the process and in the user's cache folder for
    the next process (build_tools/usercache.py). Jinja stores with each its template's source
    checksum and its own format's and Python's version marks, and takes nothing whose marks or
    checksum differ (an entry for an edited template, or one written by another Python)."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket) -> None:
        data = self.store.get(bucket.key)
        if data is None:
            data = usercache.read("templates", bucket.key)
        if data is not None:
            try:
                bucket.bytecode_from_string(data)
            except Exception:  # a damaged entry (Jinja checks marks and checksum, not the pickle before them)
                bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        self.store[bucket.key] = data = bucket.bytecode_to_string()
        usercache.write("templates", bucket.key, data)


BYTECODE_CACHE = MemoryBytecodeCache()


def _escape(value, _markup=markupsafe.Markup, _escape_html=html.escape) -> markupsafe.Markup:
    """Jinja's ``finalize``: every printed value escaped as ``html.escape`` does (autoescape then
    leaves the result alone); already-safe values unchanged."""
    if value.__class__ is str:
        return _markup(_escape_html(value, True))
    if hasattr(value, "__html__"):
        return value
    return _markup(_escape_html(str(value), True))


@functools.lru_cache(maxsize=16)
def environment(dirs: tuple[str, ...] = ()) -> jinja2.Environment:
    loaders = [jinja2.FileSystemLoader(str(pathlib.Path(d) / OVERRIDE_FOLDER)) for d in dirs]
    loaders.append(jinja2.FileSystemLoader(str(PACKAGE_DIR)))
    return jinja2.Environment(loader=jinja2.ChoiceLoader(loaders), autoescape=True, finalize=_escape,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              bytecode_cache=BYTECODE_CACHE)


def template(name: str, dirs: Sequence[str] = ()) -> jinja2.Template:
    """The template ``name``: the first override folder's copy, else the package's."""
    return environment(tuple(str(d) for d in dirs)).get_template(name)


_LISTED: dict[tuple, list[str]] = {}


def listed_once(get_env, key: tuple):
    """``get_env()``'s Jinja environment, its ``list_templates`` answered from the first call made
    with ``key`` (a host listing its theme's static files at every build, thousands of icons
    filtered name by name, does it once; ``key`` names the folders and the filter)."""
    env, listed = get_env(), _LISTED.get(key)
    env.list_templates = lambda names=env.list_templates, **kw: _LISTED.setdefault(key, listed or names(**kw))
    return env
