"""Imported once by the fork server of tests/forked.py: what every build imports, and the tables and
patterns that the first case a process reads loads (the gazetteer, the names), so that each forked
build starts where a new interpreter would be two seconds later. Nothing else: no build, no cache."""

import pathlib

import material  # noqa: F401
import mkdocs.__main__  # noqa: F401
import mkdocs.commands.build  # noqa: F401

import build_tools.mkdocs.plugin  # noqa: F401
from build_tools import pipeline

_sample = sorted((pathlib.Path(__file__).resolve().parent / "fixtures" / "cases").glob("*.txt"))[0]
pipeline._process_file((str(_sample), _sample.name, _sample.read_bytes()))
