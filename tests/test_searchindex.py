"""The search index stage with the real Pagefind binary: shards, cache reuse, determinism, and
what the Traditional search box needs to show results in Traditional."""

from __future__ import annotations

import gzip
import hashlib
import json
import pathlib

from build_tools import searchindex
from build_tools.script import to_hans, to_hant


def _record(n: int, text: str | None = None, title: str | None = None) -> searchindex.Record:
    title = title or f"案例{n}：临时党支部"
    text = text or f"第{n}个社区成立临时党支部，党员下沉一线。\n头发、干部和发展。"
    return searchindex.Record(f"2020-01-{n + 1:02d}-case-{n}", f"cases/2020-01-{n + 1:02d}-case-{n}/",
                              to_hans(title), to_hans(text), to_hant(title), to_hant(text))


def _bundle_digest(site: pathlib.Path) -> dict[str, str]:
    root = site / "pagefind"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def _fragments(bundle: pathlib.Path) -> list[dict]:
    out = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        out.append(json.loads(data[data.index(b"{"):]))
    return out


def test_shards_cached_and_only_the_changed_one_reindexed(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    records = [_record(n) for n in range(7)]
    first = searchindex.index_archive(records, site, cache, shard_pages=3)
    groups = searchindex.plan(records, 3)
    assert first.pages == 7 and first.shards == len(groups) >= 2 and first.indexed == first.shards
    manifest = json.loads((site / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8"))
    assert manifest == {"pages": 7, "shards": [f"shard-{n}/" for n in range(1, first.shards)]}
    for number, group in enumerate(groups):  # each bundle holds exactly its shard's cases
        bundle = site / "pagefind" / (f"shard-{number}" if number else "")
        assert sorted(f["url"] for f in _fragments(bundle)) == sorted("/" + r.url for r in group)
    before = _bundle_digest(site)

    again = searchindex.index_archive(records, tmp_path / "site", cache, shard_pages=3)
    assert again.indexed == 0 and _bundle_digest(site) == before  # all from the cache, same bytes

    changed = groups[-1][0]
    records[records.index(changed)] = _record(int(changed.key.rsplit("-", 1)[1]), text="共产党员下沉一线。")
    third = searchindex.index_archive(records, site, cache, shard_pages=3)
    assert third.indexed == 1
    after = _bundle_digest(site)
    last = manifest["shards"][-1] if len(groups) > 1 else ""
    assert {k for k in after if after.get(k) != before.get(k)} <= {k for k in after if k.startswith(last)} | {
        k for k in before if k.startswith(last)} | {searchindex.TABLES}


def test_traditional_text_rebuilt_from_the_index_as_the_search_box_does(tmp_path):
    """What case-search.js does on a Traditional page, done here in Python on Pagefind's own
    output: the compacted content, mapped through the s2t table and corrected at the `hx`
    positions, is the Traditional text; a text that is not aligned is carried whole."""
    site = tmp_path / "site"
    aligned = _record(1, text="头发白了的干部说：<script>不要紧</script>\n发展　经济 & 乾隆年间的事。")
    # an astral character (U+20000) is one character in Python and two UTF-16 units in JS
    astral = _record(2, text="\U00020000村的干部。")
    searchindex.index_archive([aligned, astral], site, tmp_path / "cache")
    tables = json.loads((site / "pagefind" / searchindex.TABLES).read_text(encoding="utf-8"))
    pairs = list(tables["s2t"])
    s2t = dict(zip(pairs[::2], pairs[1::2]))
    pairs = list(tables["t2s"])
    t2s = dict(zip(pairs[::2], pairs[1::2]))
    assert s2t["发"] == "發" and t2s["髮"] == "发" and t2s["幹"] == "干"
    # 乾 is also a Simplified character here (乾隆): the search box looks for it in both forms
    assert "乾" in tables["kept"] and "髮" not in tables["kept"]
    fragments = {f["url"]: f for f in _fragments(site / "pagefind")}

    fragment = fragments["/" + aligned.url]
    content = searchindex.compact(fragment["content"])
    hans = searchindex.compact(aligned.title + aligned.text)
    n = int(fragment["meta"]["n"])
    assert n == len(hans) and content[:n] == hans  # Pagefind's content is the text itself
    chars = [s2t.get(c, c) for c in content[:n]]
    for at, char in json.loads(fragment["meta"]["hx"]):
        chars[at] = char
    assert "".join(chars) == searchindex.compact(aligned.hant_title + aligned.hant_text)
    assert "頭髮" in "".join(chars) and fragment["meta"]["hant_title"] == aligned.hant_title

    fragment = fragments["/" + astral.url]
    assert "hx" not in fragment["meta"]
    assert fragment["meta"]["hant"] == searchindex.compact(astral.hant_title + astral.hant_text)


def test_no_cases_gives_an_empty_manifest_not_an_error(tmp_path):
    site = tmp_path / "site"
    summary = searchindex.index_archive([], site, tmp_path / "cache")
    assert summary.pages == 0 and summary.shards == 0
    assert json.loads((site / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8")) == {"pages": 0, "shards": []}
