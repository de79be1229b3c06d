"""The search index stage with the real Pagefind binary: shards, cache reuse, determinism."""

from __future__ import annotations

import hashlib
import json
import pathlib

from build_tools import searchindex

PAGE = """<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{title}</title></head>
<body><div data-pagefind-body><h1>{title}</h1><p>{text}</p></div></body></html>"""


def _site(folder: pathlib.Path, count: int) -> pathlib.Path:
    for n in range(count):
        page = folder / "cases" / f"2020-01-{n + 1:02d}-case-{n}" / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(PAGE.format(title=f"案例{n}", text=f"第{n}个社区成立临时党支部，党员下沉一线。"), encoding="utf-8")
    return folder


def _bundle_digest(folder: pathlib.Path) -> dict[str, str]:
    root = folder / "pagefind"
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_shards_cached_and_only_the_changed_one_reindexed(tmp_path):
    site, cache = _site(tmp_path / "site", 7), tmp_path / "cache"
    first = searchindex.index_script(site, "zh-Hans", cache, shard_pages=3)
    groups = searchindex.plan(site, 3)
    assert first.pages == 7 and first.shards == len(groups) >= 2 and first.indexed == first.shards
    manifest = json.loads((site / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8"))
    assert manifest["shards"] == [f"shard-{n}/" for n in range(1, first.shards)]
    for name in manifest["shards"]:
        assert (site / "pagefind" / name / "pagefind-entry.json").is_file()
    before = _bundle_digest(site)

    again = searchindex.index_script(site, "zh-Hans", cache, shard_pages=3)
    assert again.indexed == 0 and _bundle_digest(site) == before  # all from the cache, same bytes

    changed = groups[-1][0]
    changed.write_text(changed.read_text(encoding="utf-8").replace("党员", "共产党员"), encoding="utf-8")
    third = searchindex.index_script(site, "zh-Hans", cache, shard_pages=3)
    assert third.indexed == 1
    after = _bundle_digest(site)
    last = manifest["shards"][-1] if len(groups) > 1 else ""
    assert {k for k in after if after.get(k) != before.get(k)} <= {k for k in after if k.startswith(last)} | {
        k for k in before if k.startswith(last)}


def test_no_cases_gives_an_empty_manifest_not_an_error(tmp_path):
    site = tmp_path / "site"
    (site / "cases").mkdir(parents=True)
    summary = searchindex.index_script(site, "zh-Hans", tmp_path / "cache")
    assert summary.pages == 0 and summary.shards == 0
    assert json.loads((site / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8")) == {"pages": 0, "shards": []}
