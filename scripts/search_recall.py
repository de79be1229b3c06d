"""Recall and precision of the site's search, measured in Chromium on a built site.

    python scripts/search_recall.py [--cases 1000] [--queries 500] [--seed 1] [--work DIR] [--keep]
    python scripts/search_recall.py --project DIR     # a project already built (DIR/site), e.g. bench/run.py --keep

Without --project it generates an archive of --cases cases (bench/generate.py) and builds it with
`mkdocs build`. It then samples queries from the cases' texts and metadata, in both scripts:
random substrings of 2-4 characters of a field (text, title, subtitle; whitespace left out),
whole names from authors and credits, region names (with and without 省/市/县/区), tags and
sources, and strings no case contains. Each query runs in Chromium, on the Simplified or the
Traditional site (alternately), through the search code the header box runs (the site's
assets/case-search-core.js and its files under pagefind/): the bytes a fresh search fetches
until its first ten results are counted (nothing cached, manifest and character tables
included), then its complete result list is read. The header box itself is tested in
tests/test_search.py; bench/run.py measures a few words typed into it.

A case should be found for a query when one of its fields contains the query in either script
(whitespace ignored, ASCII and full-width forms folded: build_tools/searchindex.py); recall is
the share of those (case, query) pairs found, precision the share of found pairs that are such.
The last line reads like:

    recall 100.0% precision 100.0% queries 500 bytes/query median 120 KB max 250 KB
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools import pipeline, searchindex  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ABSENT = ["量子纠缠", "火星殖民", "黑洞辐射", "區塊鏈挖礦", "cryptocurrency", "ＡＩ绘画"]
SUFFIXES = "省市县区州盟旗"

# One query through the search code the header box runs (case-search-core.js, loaded from the
# site), in the page: the bytes a fresh search fetches until its first ten results (nothing
# cached: a new index object, every file fetched with cache: "no-store"), and then the complete
# result list (from an index object kept across queries, so files are fetched once), with the
# count the results page shows before checking any case (exact, or "at most").
SEARCH = """async (query) => {
  const input = document.getElementById('case-search-input');
  const bundle = new URL(input.dataset.bundle, document.baseURI);
  const own = document.querySelector('script[src*="case-search.js"]');
  const core = await import(new URL('case-search-core.js', own.src).href);
  let bytes = 0;
  const load = (path) => fetch(new URL(path, bundle), { cache: 'no-store' }).then((r) => {
    if (!r.ok) throw new Error(r.status + ' ' + r.url);
    return r.arrayBuffer();
  }).then((b) => { bytes += b.byteLength; return new Uint8Array(b); });
  const manifest = JSON.parse(new TextDecoder().decode(await load('case-archive.json')));
  const fresh = new core.Index({ manifest, load });
  const shown = await (await fresh.query(query)).next(10);
  const first = bytes;
  if (!window.__recallIndex) window.__recallIndex = new core.Index({ manifest, load });
  const cursor = await window.__recallIndex.query(query);
  const total = await cursor.total();  // the results page's count, before any case is checked
  const all = await cursor.all();
  return { bytes: first, shown: shown.map((h) => h.url), urls: all.map((h) => h.url), total };
}"""


def build(cases: int, work: pathlib.Path) -> pathlib.Path:
    from bench.generate import generate

    project = work / f"recall-{cases}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    generate(cases, project)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=ENV, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{result.stderr[-3000:]}")
    return project


def load_records(project: pathlib.Path) -> list[searchindex.Record]:
    archive = pipeline.load_archive(pipeline.case_files(project / "cases"), display_root=project,
                                    cache_dir=project / ".cache" / "case-archive")
    return searchindex.records(archive.cases)


class Truth:
    """Which cases contain a query in one of their fields, in either script (the fields of a case
    joined with a character no query has, so a match never spans two)."""

    def __init__(self, records: list[searchindex.Record]):
        self.urls = [r.url for r in records]
        self.texts = ["\0".join(searchindex.normal(f.hans) for f in r.fields) + "\0\0" +
                      "\0".join(searchindex.normal(f.hant) for f in r.fields) for r in records]

    def __call__(self, query: str) -> set[str]:
        terms = [searchindex.normal(t) for t in query.split()]
        return {url for url, text in zip(self.urls, self.texts) if all(t in text for t in terms)}


def sample(records: list[searchindex.Record], truth: Truth, count: int, seed: int) -> list[tuple[str, str]]:
    """(kind, query) pairs: substrings, names, places, tags, sources, absent strings."""
    rnd = random.Random(seed)
    pools: dict[str, list[str]] = collections.defaultdict(list)
    for r in records:
        for f in r.fields:
            for text in (f.hans, f.hant):
                if f.kind in "ac":
                    pools["name"].append(text)
                elif f.kind == "r":
                    pools["place"].append(text)
                    if len(text) > 2 and text[-1] in SUFFIXES:
                        pools["place"].append(text[:-1])
                elif f.kind == "g":
                    pools["tag"].append(text)
                elif f.kind == "o":
                    pools["source"].append(text)
    for pool in pools.values():
        pool[:] = sorted(set(p for p in pool if len(searchindex.compact(p)) >= 2))
    chars = sorted({c for r in records for f in r.fields for c in searchindex.compact(f.hans) if "\u4e00" <= c <= "\u9fff"})
    # names, places, tags and sources first (as many distinct ones as there are, up to a share),
    # absent strings, then substrings up to the count
    shares = [("name", 0.12), ("place", 0.12), ("tag", 0.08), ("source", 0.06), ("absent", 0.12), ("substring", 1.0)]
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for kind, share in shares:
        wanted = min(count - len(out), max(1, round(count * share)))
        tries, limit = 0, 200 + wanted * 50
        while wanted and tries < limit:
            tries += 1
            if kind == "substring":
                record = rnd.choice(records)
                field = rnd.choice([f for f in record.fields if f.kind in "tsp"])
                text = searchindex.compact(rnd.choice((field.hans, field.hant)))
                if len(text) < 2:
                    continue
                length = min(len(text), rnd.randint(2, 4))
                start = rnd.randrange(len(text) - length + 1)
                query = text[start:start + length]
            elif kind == "absent":
                query = ABSENT[len([k for k, _ in out if k == "absent"])] if len([k for k, _ in out if k == "absent"]) < len(ABSENT) \
                    else "".join(rnd.choice(chars) for _ in range(rnd.randint(3, 4)))
                if truth(query):
                    continue
            else:
                if not pools[kind]:
                    break
                query = rnd.choice(pools[kind])
            if query in seen:
                continue
            seen.add(query)
            out.append((kind, query))
            wanted -= 1
    rnd.shuffle(out)
    return out


@contextlib.contextmanager
def serving(folder: pathlib.Path):
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()


def run(project: pathlib.Path, queries: int = 500, seed: int = 1, log=print) -> dict:
    from playwright.sync_api import sync_playwright

    chromium = os.environ.get("CASE_ARCHIVE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not pathlib.Path(chromium).exists():
        sys.exit("Debian's chromium is needed (apt-get install chromium), or CASE_ARCHIVE_CHROMIUM")
    site = project / "site"
    records = load_records(project)
    truth = Truth(records)
    plan = sample(records, truth, queries, seed)
    found_pairs = expected_pairs = hit_pairs = 0
    per_kind: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])  # expected, found, right
    per_site: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0, 0])
    sizes: list[int] = []
    misses: list[str] = []
    extra: list[str] = []
    heavy: list[tuple[int, str, str]] = []
    order: list[str] = []
    counts_wrong: list[str] = []
    counts_exact = 0
    started = time.perf_counter()
    with serving(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                    "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        pages = {}
        for prefix in ("", "zh-Hant/"):
            pages[prefix] = browser.new_context().new_page()
            pages[prefix].goto(base + prefix)
        for number, (kind, query) in enumerate(plan):
            prefix = "zh-Hant/" if number % 2 else ""
            answer = pages[prefix].evaluate(SEARCH, query)
            sizes.append(answer["bytes"])
            heavy.append((answer["bytes"], query, kind))
            found = {url.lstrip("/") for url in answer["urls"]}
            if [u.lstrip("/") for u in answer["shown"]] != [u.lstrip("/") for u in answer["urls"][:10]]:
                order.append(query)  # the first page must be the head of the complete list
            expected = truth(query)
            right = len(found & expected)
            expected_pairs += len(expected)
            found_pairs += len(found)
            hit_pairs += right
            for table, key in ((per_kind, kind), (per_site, prefix or "zh-Hans/")):
                table[key][0] += len(expected)
                table[key][1] += len(found)
                table[key][2] += right
            if expected - found:
                misses.append(f"{query} ({kind}, {prefix or 'zh-Hans/'}): missed {sorted(expected - found)[:3]}")
            if found - expected:
                extra.append(f"{query} ({kind}, {prefix or 'zh-Hans/'}): not containing it {sorted(found - expected)[:3]}")
            total = answer["total"]
            if total["exact"] and total["count"] != len(found) or total["count"] < len(found):
                counts_wrong.append(f"{query} ({prefix or 'zh-Hans/'}): count {total['count']}, found {len(found)}")
            counts_exact += total["exact"]
            if (number + 1) % 50 == 0:
                log(f"  {number + 1} queries, {time.perf_counter() - started:.0f}s")
        browser.close()
    pct = lambda a, b: 100.0 * a / b if b else 100.0  # noqa: E731
    return {
        "cases": len(records), "queries": len(plan), "recall": round(pct(hit_pairs, expected_pairs), 2),
        "precision": round(pct(hit_pairs, found_pairs), 2), "pairs": expected_pairs,
        "bytes_median_kb": round(statistics.median(sizes) / 1024, 1), "bytes_max_kb": round(max(sizes) / 1024, 1),
        "bytes_p90_kb": round(sorted(sizes)[int(len(sizes) * 0.9)] / 1024, 1),
        "by_kind": {k: {"recall": round(pct(v[2], v[0]), 2), "precision": round(pct(v[2], v[1]), 2), "pairs": v[0],
                        "queries": sum(1 for kind, _ in plan if kind == k)} for k, v in sorted(per_kind.items())},
        "by_site": {k: {"recall": round(pct(v[2], v[0]), 2), "precision": round(pct(v[2], v[1]), 2)}
                    for k, v in sorted(per_site.items())},
        "misses": misses[:20], "not_containing": extra[:20], "seconds": round(time.perf_counter() - started, 1),
        "heaviest": [f"{query} ({kind}) {size / 1024:.0f} KB" for size, query, kind in sorted(heavy, reverse=True)[:5]],
        "order_differs": order[:20],
        # the results page: its count (exact for counts_exact queries, else at most) against the results
        "counts_exact": counts_exact, "counts_wrong": counts_wrong[:20],
        "facets_kb": round((site / "pagefind" / searchindex.FACETS_FILE).stat().st_size / 1024, 1),
    }


def last_line(result: dict) -> str:
    return (f"recall {result['recall']:.1f}% precision {result['precision']:.1f}% queries {result['queries']} "
            f"bytes/query median {result['bytes_median_kb']:.0f} KB max {result['bytes_max_kb']:.0f} KB")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000, help="cases to generate (default 1000)")
    parser.add_argument("--project", type=pathlib.Path, help="a built project (its site/ and cases/) instead")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--work", type=pathlib.Path, help="working folder (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated project")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON before the last line")
    args = parser.parse_args(argv)
    work = args.work or pathlib.Path(tempfile.mkdtemp(prefix="case-archive-recall-"))
    try:
        if args.project:
            project = args.project.resolve()
        else:
            print(f"generating and building {args.cases} cases in {work}", file=sys.stderr)
            project = build(args.cases, work)
        result = run(project, args.queries, args.seed, log=lambda text: print(text, file=sys.stderr))
    finally:
        if not args.project and not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    for kind, figures in result["by_kind"].items():
        print(f"  {kind:<10} {figures['queries']:>4} queries  recall {figures['recall']:.1f}%  precision {figures['precision']:.1f}%")
    for site, figures in result["by_site"].items():
        print(f"  on {site:<9} recall {figures['recall']:.1f}%  precision {figures['precision']:.1f}%")
    for line in result["misses"] + result["not_containing"]:
        print("  " + line)
    print("  heaviest searches: " + ", ".join(result["heaviest"]))
    if result["order_differs"]:
        print("  first results not the head of the complete list: " + ", ".join(result["order_differs"]))
    if args.json:
        print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    print(last_line(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
