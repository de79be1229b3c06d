"""The user's cache folder (build_tools/usercache.py) saves work and never decides an output:
what is read from it equals what is derived, and a damaged, foreign or unusable entry or folder
is passed over."""

import json

import jinja2
import pytest

from build_tools import propernames, slugs, templating, usercache


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("CASE_ARCHIVE_USER_CACHE", str(tmp_path / "cache"))
    propernames.place_pairs.cache_clear()
    slugs.ambiguous_region_names.cache_clear()
    yield tmp_path / "cache"
    propernames.place_pairs.cache_clear()
    slugs.ambiguous_region_names.cache_clear()


def test_place_pairs_read_back_equal_the_derived_ones_and_damage_is_passed_over(folder):
    derived = propernames._derive_place_pairs()
    assert propernames.place_pairs() == derived  # derived, then stored
    [entry] = (folder / "place-pairs").iterdir()
    propernames.place_pairs.cache_clear()
    assert propernames.place_pairs() == derived  # read back, in the same order
    assert [list(d) for d in propernames.place_pairs()] == [list(d) for d in derived]
    for damage in (b"\x00garbage", b'["not", "pairs"]', json.dumps([{"x": "y"}]).encode()[:5]):
        entry.write_bytes(damage)
        propernames.place_pairs.cache_clear()
        assert propernames.place_pairs() == derived


def test_ambiguous_region_names_read_back_equal_the_derived_ones_and_damage_is_passed_over(folder):
    derived = slugs._derive_ambiguous_region_names()
    assert all(isinstance(name, str) for name in derived)  # (empty for the 2023 table: see slugs.py)
    assert slugs.ambiguous_region_names() == derived  # derived, then stored
    [entry] = (folder / "region-slugs").iterdir()
    slugs.ambiguous_region_names.cache_clear()
    entry.write_bytes(json.dumps(["甲县"], ensure_ascii=False).encode())  # a stored entry is what is read
    assert slugs.ambiguous_region_names() == {"甲县"}
    for damage in (b"\x00garbage", b'{"not": "names"}', b"[1, 2]", json.dumps(sorted(derived)).encode()[:5]):
        entry.write_bytes(damage)
        slugs.ambiguous_region_names.cache_clear()
        assert slugs.ambiguous_region_names() == derived


def test_compiled_templates_survive_a_new_process_and_damage(folder):
    loader = jinja2.DictLoader({"t.html": "<p>{{ x }}</p>"})

    def render() -> str:
        cache = templating.MemoryBytecodeCache()  # an empty memory: as in a new process
        return jinja2.Environment(loader=loader, bytecode_cache=cache).get_template("t.html").render(x="甲")

    assert render() == "<p>甲</p>"
    [entry] = (folder / "templates").iterdir()
    assert render() == "<p>甲</p>"  # from the folder
    for damage in (b"", b"\x00garbage", entry.read_bytes()[:20]):
        entry.write_bytes(damage)
        assert render() == "<p>甲</p>"


def test_an_unusable_folder_or_off_changes_nothing(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    for setting in (str(blocker / "cache"), usercache.OFF):
        monkeypatch.setenv("CASE_ARCHIVE_USER_CACHE", setting)
        usercache.write("kind", "name", b"data")  # no error
        assert usercache.read("kind", "name") is None
        propernames.place_pairs.cache_clear()
        assert propernames.place_pairs() == propernames._derive_place_pairs()
    propernames.place_pairs.cache_clear()
