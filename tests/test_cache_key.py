"""A cached case is reused only when everything that made it is the same: the stages' code, the rule
data, the libraries the stages call, the Traditional standard, the file's name and bytes. Nothing is
bumped by hand."""

import importlib.metadata

from build_tools import cache


def _key(**kwargs) -> str:
    cache.library_versions.cache_clear()
    try:
        return cache.case_key(kwargs.get("name", "cases/a.txt"), kwargs.get("data", "党员冲在前面".encode()))
    finally:
        cache.library_versions.cache_clear()


def test_same_inputs_same_key():
    assert _key() == _key()
    assert _key() != _key(name="cases/b.txt")
    assert _key() != _key(data="党员冲在前面。".encode())


def test_the_installed_libraries_are_part_of_the_key():
    versions = cache.library_versions()
    assert f"opencc={importlib.metadata.version('opencc')}" in versions
    assert f"pypinyin={importlib.metadata.version('pypinyin')}" in versions


def test_an_upgraded_library_invalidates_the_entries(monkeypatch):
    before = _key()
    real = importlib.metadata.version
    # OpenCC's next release (its dictionaries decide every Traditional variant) as the installed one
    monkeypatch.setattr(importlib.metadata, "version", lambda name: "999.0" if name == "opencc" else real(name))
    assert _key() != before
    monkeypatch.undo()
    assert _key() == before
