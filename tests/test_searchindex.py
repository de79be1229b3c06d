"""The search index stage with the real Pagefind binary: what each case carries, the postings'
keys, shards, cache reuse and determinism. The search box's side of the format (reading the
files, matching, the Traditional text) is tested under Node against an index written by this
stage (tests/test_search_js.py)."""

from __future__ import annotations

import gzip
import hashlib
import json
import pathlib

from build_tools import searchindex
from build_tools.script import to_hans, to_hant
from build_tools.searchindex import Field, Record


def _record(n: int, text: str | None = None, title: str | None = None, date: str | None = None) -> Record:
    title = title or f"案例{n}：临时党支部"
    text = text or f"第{n}个社区成立临时党支部，党员下沉一线。\n头发、干部和发展。"
    key = f"2020-01-{n + 1:02d}-case-{n}"
    fields = [Field("t", to_hans(title), to_hant(title))]
    fields += [Field("p", to_hans(p), to_hant(p)) for p in text.split("\n")]
    return Record(key, f"cases/{key}/", f"2020-01-{n + 1:02d}" if date is None else date, tuple(fields))


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
    assert {k: manifest[k] for k in ("pages", "shards")} == {"pages": 7, "shards": [f"shard-{n}/" for n in range(1, first.shards)]}
    assert manifest["search"]["cases"] == 7 and manifest["search"]["format"] == searchindex.FORMAT
    for number, group in enumerate(groups):  # each bundle holds exactly its shard's cases
        bundle = site / "pagefind" / (f"shard-{number}" if number else "")
        assert sorted(f["url"] for f in _fragments(bundle)) == sorted("/" + r.url for r in group)
    before = _bundle_digest(site)

    again = searchindex.index_archive(records, tmp_path / "site", cache, shard_pages=3)
    assert again.indexed == 0 and _bundle_digest(site) == before  # all from the cache, same bytes
    prepared = searchindex.prepare(records, cache, 3)
    assert not prepared.index_owned  # the postings too
    searchindex.write(prepared, site)
    assert _bundle_digest(site) == before and prepared.index.is_dir()

    changed = groups[-1][0]
    records[records.index(changed)] = _record(int(changed.key.rsplit("-", 1)[1]), text="共产党员下沉一线。")
    prepared = searchindex.prepare(records, cache, 3)
    assert prepared.index_owned  # a case changed: its postings are written again
    third = searchindex.write(prepared, site)
    assert third.indexed == 1
    after = _bundle_digest(site)
    last = manifest["shards"][-1] if len(groups) > 1 else ""
    # the changed shard's bundle, and the search files over every case
    assert {k for k in after if after.get(k) != before.get(k)} <= {k for k in after if k.startswith(last)} | {
        k for k in before if k.startswith(last)} | {k for k in after if k.startswith(searchindex.INDEX)} | {searchindex.MANIFEST}


def test_what_a_case_carries_survives_pagefind_exactly(tmp_path):
    """Pagefind collapses whitespace in metadata: the case's data is written so that nothing in it
    is whitespace, and comes back as it was (markup, entities, odd spaces, astral characters)."""
    site = tmp_path / "site"
    text = "头发白了的干部说：<script>不要紧</script>\n发展  经济\t&amp; 乾隆年间\u3000的事\u200b。\n\U00020000村\u00a0的干部\ufeff。"
    record = _record(1, text=text)
    odd = Record("odd", "cases/odd/", "", (Field("t", "标题", "標題"), Field("a", " 陈  玲 ", " 陳  玲 "),
                                           Field("c", "何礼", "何禮", ("编辑", "編輯")),
                                           Field("p", "她的头发白了。", "她的頭髮全都白了。")))
    searchindex.index_archive([record, odd], site, tmp_path / "cache")
    s2t = str.maketrans(searchindex.Tables(**_tables(site)).s2t)
    fragments = {f["url"]: f for f in _fragments(site / "pagefind")}
    for r in (record, odd):
        assert json.loads(fragments["/" + r.url]["meta"]["c"]) == searchindex.case_data(r, s2t)
    data = searchindex.case_data(odd, s2t)
    assert data == {"d": "", "f": [["t", "标题", 0], ["a", " 陈  玲 ", 0], ["c", "何礼", 0, "编辑", "編輯"],
                                  ["p", "她的头发白了。", "她的頭髮全都白了。"]]}
    assert searchindex.case_data(record, s2t)["f"][1][2] == [[1, "髮"]]  # where it differs from the table (頭發)


def _tables(site: pathlib.Path) -> dict:
    data = json.loads(gzip.decompress((site / "pagefind" / searchindex.TABLES).read_bytes()))
    pairs = lambda text: dict(zip(text[::2], text[1::2]))  # noqa: E731
    return {"s2t": pairs(data["s2t"]), "t2s": pairs(data["t2s"]), "kept": data["kept"]}


def test_character_tables_cut_to_the_archive_and_closed(tmp_path):
    qianlong = Record("q", "cases/q/", "", (Field("t", "乾隆年间", "乾隆年間"), Field("p", "头发干了", "頭髮乾了")))
    tables = searchindex.tables([qianlong, _record(2)])
    assert tables.s2t["发"] == "發" and tables.t2s["髮"] == "发" and tables.t2s["幹"] == "干"
    assert "乾" in tables.kept and "髮" not in tables.kept  # 乾 is also a Simplified character here
    assert "鬱" not in tables.t2s  # its Simplified form 郁 is nowhere in the archive
    assert all(s not in tables.t2s for s in tables.t2s.values())  # read once is read to the end


def test_keys_pairs_and_triples_of_both_scripts_the_title_and_whole_names():
    t2s = str.maketrans(searchindex.script.char_tables()[1])
    record = Record("k", "cases/k/", "", (Field("t", "党员 Ａb", "黨員 Ａb"), Field("a", "陈玲", "陳玲"),
                                        Field("p", "头发干了", "頭髮乾了")))
    keys, title, names = searchindex.case_keys(record, t2s)
    pair, triple = searchindex.PAIR, searchindex.TRIPLE
    assert {"党员", "员a", "ab", "头发", "发干", "干了"} <= keys[pair]  # whitespace ignored, folded
    assert {"党员a", "员ab", "头发干", "发干了"} <= keys[triple]
    assert title == {pair: {"党员", "员a", "ab"}, triple: {"党员a", "员ab"}}
    assert names == {"陈玲"}  # whole names, read in Simplified
    kept = Record("k", "cases/k/", "", (Field("t", "乾隆年", "乾隆年"),))
    keys = searchindex.case_keys(kept, t2s)[0]  # as kept, and the Traditional text read in Simplified
    assert keys == {pair: {"乾隆", "干隆", "隆年"}, triple: {"乾隆年", "干隆年"}}


def test_cases_numbered_newest_first_undated_last():
    items = [_record(1), _record(2, date=""), _record(3), _record(4, date="2020-01-02")]
    assert [r.key for r in searchindex.ordered(items)] == [
        "2020-01-04-case-3", "2020-01-02-case-1", "2020-01-05-case-4", "2020-01-03-case-2"]


def test_records_carry_the_metadata(cases_by_id):
    [record] = searchindex.records([cases_by_id["2020-03-11-guangan-zuzhibu"]])
    fields = {(f.kind, f.hans, f.hant, f.role) for f in record.fields}
    assert record.fields[0].kind == "t" and record.date == "2020-03-11" and record.url == "cases/2020-03-11-guangan-zuzhibu/"
    assert {("a", "陈玲", "陳玲", None), ("c", "何礼", "何禮", ("编辑", "編輯")), ("o", "中国网", "中國網", None),
            ("r", "广安市", "廣安市", None), ("g", "临时党支部", "臨時黨支部", None)} <= fields
    assert any(f.kind == "p" and "滕乾生" in f.hans and "滕乾生" in f.hant for f in record.fields)


def test_same_cases_same_bytes(tmp_path):
    records = [_record(n) for n in range(5)]
    searchindex.index_archive(records, tmp_path / "a", tmp_path / "cache-a", shard_pages=2)
    searchindex.index_archive(list(reversed(records)), tmp_path / "b", tmp_path / "cache-b", shard_pages=2)
    assert _bundle_digest(tmp_path / "a") == _bundle_digest(tmp_path / "b")


def test_no_cases_gives_an_empty_manifest_not_an_error(tmp_path):
    site = tmp_path / "site"
    summary = searchindex.index_archive([], site, tmp_path / "cache")
    assert summary.pages == 0 and summary.shards == 0
    manifest = json.loads((site / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8"))
    assert {k: manifest[k] for k in ("pages", "shards")} == {"pages": 0, "shards": []} and manifest["search"]["cases"] == 0


def _plain_postings(items: list[Record], table) -> tuple[int, dict[int, bytes]]:
    """The postings files by their definition (build_tools/postings.py, module docstring): every
    key of ``case_keys`` with the cases having it, and having it in their title."""
    import math

    from build_tools import postings

    t2s = str.maketrans(table.t2s)
    found: dict[int, dict[str, list[int]]] = {postings.PAIR: {}, postings.TRIPLE: {}, postings.NAME: {}}
    titles: dict[int, dict[str, list[int]]] = {postings.PAIR: {}, postings.TRIPLE: {}}
    for doc, record in enumerate(items):
        keys, title, names = searchindex.case_keys(record, t2s)
        for kind in (postings.PAIR, postings.TRIPLE):
            for key in keys[kind]:
                found[kind].setdefault(key, []).append(doc)
            for key in title[kind]:
                titles[kind].setdefault(key, []).append(doc)
        for name in names:
            found[postings.NAME].setdefault(name, []).append(doc)
    entries = []
    for kind in (postings.PAIR, postings.NAME, postings.TRIPLE):
        for key in sorted(found[kind]):
            data = key.encode("utf-8")
            entry = bytes([kind]) + postings.varints([len(data)]) + data + postings.encode_list(found[kind][key])
            if kind != postings.NAME:
                entry += postings.encode_list(titles[kind].get(key, []))
            entries.append((kind, key, entry))
    buckets = 1 << max(0, min(16, round(math.log2(max(1, sum(len(e) for *_, e in entries) / postings.BUCKET_BYTES)))))
    files: dict[int, bytearray] = {}
    for kind, key, entry in entries:
        files.setdefault(postings.bucket_of(kind, key, buckets), bytearray()).extend(entry)
    return buckets, {n: bytes(data) for n, data in sorted(files.items())}


def test_postings_hold_every_key_of_every_case_as_defined(monkeypatch):
    """The postings (built in arrays, build_tools/postings.py) are byte for byte the files the
    plain definition gives: pairs and triples of both scripts within each field, whitespace
    ignored, full-width letters folded, Traditional read in Simplified, title lists, whole
    names; hundreds of cases (gaps of two bytes), a character beyond the BMP, a field holding
    the separator, one-character and empty fields; encoded in slices of a few keys. Also when a
    key and a case number do not fit one 64-bit number (a vast alphabet or archive), where the
    module keeps two arrays."""
    import random

    from build_tools import postings

    rnd = random.Random(11)
    chars = "党员干部群众社区防控疫情临时支部乾隆頭髮发展经济黨員幹羣衆ＡＢab \u3000，。\U00020000"

    def text(size: int) -> str:
        return "".join(rnd.choice(chars) for _ in range(size))

    items = []
    for n in range(700):
        title = text(rnd.choice((0, 1, 2, 7)))
        paragraphs = [Field("p", p, to_hant(p) if n % 3 else text(40)) for p in (text(40) for _ in range(rnd.randint(0, 3)))]
        names = [Field("a", text(3), text(3)), Field("r", "广安市", "廣安市")] if n % 2 else []
        if n == 5:
            paragraphs.append(Field("p", "党员\0干部", "黨員\0幹部"))
        items.append(Record(f"c{n}", f"cases/c{n}/", f"2020-{1 + n % 12:02d}-{1 + n % 28:02d}",
                            (Field("t", title, to_hant(title)), *names, *paragraphs)))
    items = searchindex.ordered(items)
    table = searchindex.tables(items)
    expected = _plain_postings(items, table)
    assert searchindex.postings(items, table) == expected
    monkeypatch.setattr(postings, "_SLICE", 7)  # encoded a few keys at a time
    assert searchindex.postings(items, table) == expected
    monkeypatch.setattr(postings, "_WORD_BITS", 0)
    monkeypatch.setattr(postings, "_CHUNK", 1000)  # and the duplicates dropped many times along the way
    assert searchindex.postings(items, table) == expected
