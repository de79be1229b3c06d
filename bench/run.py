"""Benchmark the archive build on a synthetic archive of N cases (see bench/README.md).

Measures, in one run: the pipeline alone (cold and warm cache) with its share per stage; the
full `mkdocs build` (cold, warm with no change) and a baseline measured alongside it (plain
MkDocs + Material building the same exported Markdown pages with the same nav policy, without
the plugin and without search); Pagefind's indexing time; peak memory; site size and page
count; what a reader downloads for a case page and for a search (a common word in both scripts,
a rare word, a word no case contains); the results page's time to its first results with a warm
cache, and its bytes; with --recall, the search's recall and precision
(scripts/search_recall.py); and preview latency under `mkdocs serve`. Prints a table and, as its
last line, one JSON object.

Usage: python bench/run.py --cases 1000 [--work DIR] [--keep] [--no-preview] [--no-browser] [--recall [QUERIES]]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import pathlib
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.generate import generate  # noqa: E402
from build_tools import pages, pipeline, render  # noqa: E402
from build_tools.model import HANT  # noqa: E402
from build_tools.rules import default_vocabulary  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
ABSENT_WORD = "量子纠缠"  # no case contains it
RSS_WRAPPER = ("import resource, subprocess, sys\n"
               "code = subprocess.run(sys.argv[1:]).returncode\n"
               "print('PEAK_RSS_KB', resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
               "sys.exit(code)\n")


def timed(command: list[str], cwd: pathlib.Path, env=None) -> tuple[float, int, int, str]:
    """Run a command; wall seconds, peak RSS in KB of the largest single process in its tree
    (exact, from the kernel's accounting), peak memory in KB of the whole tree at once (the sum
    of its processes' PSS, so pages a forked process shares with its parent count once; sampled
    every 200 ms with psutil, so a short spike may be missed), and stderr."""
    import psutil

    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        process = subprocess.Popen([sys.executable, "-c", RSS_WRAPPER, *command], cwd=cwd, env=env or ENV,
                                   stdout=subprocess.DEVNULL, stderr=err)
        root = psutil.Process(process.pid)
        tree_peak = 0
        while process.poll() is None:
            total = 0
            try:
                for member in [root, *root.children(recursive=True)]:
                    try:
                        total += member.memory_full_info().pss
                    except psutil.Error:
                        pass
            except psutil.Error:
                pass
            tree_peak = max(tree_peak, total)
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    if process.returncode != 0:
        sys.exit(f"benchmark step failed: {' '.join(command)}\n{stderr[-3000:]}")
    peak = int(re.search(r"PEAK_RSS_KB (\d+)", stderr).group(1))
    return elapsed, peak, tree_peak // 1024, stderr


def folder_size(folder: pathlib.Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), sum(1 for p in files if p.suffix == ".html")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def case_page_download(site: pathlib.Path) -> dict:
    page = sorted((site / "cases").glob("*/index.html"))[len(list((site / "cases").glob("*/index.html"))) // 2]
    html = page.read_bytes()
    text = html.decode("utf-8")
    css = [m for m in re.findall(r'<link rel="stylesheet" href="([^"]+)"', text) if not m.startswith("http")]
    js = [m for m in re.findall(r'<script src="([^"]+)"', text) if not m.startswith("http")]
    resolve = lambda ref: (page.parent / ref.split("?")[0]).resolve()  # noqa: E731
    css_bytes = sum(gz(resolve(r).read_bytes()) for r in css if resolve(r).exists())
    js_bytes = sum(gz(resolve(r).read_bytes()) for r in js if resolve(r).exists())
    return {"html_kb": len(html) / 1024, "html_gz_kb": gz(html) / 1024, "css_gz_kb": css_bytes / 1024,
            "js_gz_kb": js_bytes / 1024, "page": str(page.relative_to(site))}


class Server:
    def __init__(self, folder: pathlib.Path):
        import functools
        import http.server
        import threading

        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder)))
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()


def search_download(site: pathlib.Path, query: str, prefix: str = "") -> dict | None:
    """Bytes fetched from /pagefind/ for one search typed into the header box, in Chromium, on the
    home page of the script at ``prefix`` ("" or "zh-Hant/"), until its first results are shown
    (the box's results are no longer busy). Counted by kind: the manifest and character tables
    (``tables_kb``, once per visit), postings (``postings_kb``), the table of fragments
    (``docs_kb``), the cases' fragments (``fragments_kb``, ``fragments`` files); ``wasm_kb``
    stays 0 (the search does not use Pagefind's WebAssembly)."""
    chromium = os.environ.get("CASE_ARCHIVE_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        return None
    from playwright.sync_api import sync_playwright

    server = Server(site)
    sizes: dict[str, int] = {}
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                        "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            page.on("response", lambda r: "/pagefind/" in r.url and r.ok and sizes.__setitem__(r.url, len(r.body())))
            page.goto(server.url + prefix)
            page.fill("#case-search-input", query)
            page.wait_for_function("""q => {
                const input = document.querySelector('#case-search-input');
                const box = document.querySelector('#case-search-results');
                return input.value === q && !box.hidden && box.getAttribute('aria-busy') === 'false';
            }""", arg=query, timeout=120000)
            page.wait_for_load_state("networkidle")
            hits = page.locator(".case-search__hit").count()
            browser.close()
    finally:
        server.close()
    kb = lambda test: sum(v for k, v in sizes.items() if test(k)) / 1024  # noqa: E731
    return {"search_kb": kb(lambda k: True), "postings_kb": kb(lambda k: "/case-archive/k/" in k),
            "docs_kb": kb(lambda k: "/case-archive/d/" in k), "fragments_kb": kb(lambda k: k.endswith(".pf_fragment")),
            "tables_kb": kb(lambda k: k.endswith((".json", "/tables.bin"))), "fragments": sum(1 for k in sizes if k.endswith(".pf_fragment")),
            "wasm_kb": kb(lambda k: k.endswith(".pagefind")), "hits": hits}


def results_page(site: pathlib.Path, query: str) -> dict | None:
    """The results page (search/?q=…) in Chromium: opened once (cold: bytes fetched from
    /pagefind/, the facets file among them), then opened again in the same browser (warm cache):
    milliseconds from navigation to the first results shown (the page's ``case-results-first``
    performance mark: count, filters and first twenty results rendered), and the count shown."""
    chromium = os.environ.get("CASE_ARCHIVE_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        return None
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    server = Server(site)
    sizes: dict[str, int] = {}
    done = """() => document.querySelector('#case-results-list').getAttribute('aria-busy') === 'false'
        && performance.getEntriesByName('case-results-first').length > 0"""
    mark = "() => performance.getEntriesByName('case-results-first')[0].startTime"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                        "--disable-background-networking", "--disable-component-update", "--disable-sync"])
            page = browser.new_page()
            page.on("response", lambda r: "/pagefind/" in r.url and r.ok and sizes.__setitem__(r.url, len(r.body())))
            url = server.url + "search/?q=" + quote(query)
            page.goto(url)
            page.wait_for_function(done, timeout=120000)
            cold_ms = page.evaluate(mark)
            page.wait_for_load_state("networkidle")
            cold = dict(sizes)
            warm = []
            for _ in range(3):
                page.goto(url)
                page.wait_for_function(done, timeout=120000)
                warm.append(page.evaluate(mark))
            shown = page.locator("#case-results-count").inner_text()
            browser.close()
    finally:
        server.close()
    return {"first_results_warm_ms": round(sorted(warm)[1]), "first_results_cold_ms": round(cold_ms),
            "cold_kb": round(sum(cold.values()) / 1024, 1),
            "facets_kb": round(sum(v for k, v in cold.items() if k.endswith("/facets.bin")) / 1024, 1), "count": shown}


def preview_latency(project: pathlib.Path, startup_timeout: float, edits: int = 3) -> list[float] | None:
    """Seconds from saving a changed case file to the rebuilt page being served by ``mkdocs serve
    --dirty``, for ``edits`` edits of different cases. Each edit is saved when the preview is idle:
    after the previous build's outputs (the search index, the feeds, the dataset) were written in
    the background (a real editor's pause between two saves; without it an edit would be timed
    against the previous build's indexing)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log_path = project / "serve.log"
    log = open(log_path, "w")
    # the README's preview command: incremental rebuilds (--dirty)
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"], cwd=project,
                               stdout=log, stderr=subprocess.STDOUT, env=ENV)
    # cases whose text the edit changes (it inserts a marker before a common phrase)
    cases = [case for case in sorted((project / "cases").glob("*.txt"))
             if any(phrase in case.read_text(encoding="utf-8") for phrase in ("各级党组织", "各級黨組織"))]

    def fetch(url: str) -> str:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode("utf-8")
        except OSError:
            return ""

    def indexed() -> int:  # builds whose background outputs are all written
        return log_path.read_text(encoding="utf-8", errors="replace").count("case-archive: outputs updated in ")

    def wait(test, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while not test():
            if time.monotonic() > deadline or process.poll() is not None:
                return False
            time.sleep(0.1)
        return True

    times = []
    try:
        if not wait(lambda: "case-meta" in fetch(f"http://127.0.0.1:{port}/cases/{cases[0].stem}/"), startup_timeout):
            return None
        for number in range(edits):
            if not wait(lambda: indexed() > number, startup_timeout):
                return None
            time.sleep(1.0)
            case = cases[number * len(cases) // edits]
            marker = "基准测试修改标记" + "甲乙丙丁戊己庚辛壬癸"[number % 10]  # (digits do not survive the cleaner)
            text = case.read_text(encoding="utf-8")
            started = time.monotonic()
            case.write_text(text.replace("各级党组织", marker + "各级党组织", 1).replace("各級黨組織", marker + "各級黨組織", 1),
                            encoding="utf-8")
            if not wait(lambda: marker in fetch(f"http://127.0.0.1:{port}/cases/{case.stem}/"), 600):
                return None
            times.append(time.monotonic() - started)
        return times
    finally:
        process.terminate()
        process.wait(timeout=60)
        log.close()


def write_project(folder: pathlib.Path) -> None:
    shutil.copy(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", folder / "docs", dirs_exist_ok=True)


def baseline_yml() -> str:
    """mkdocs.yml of the baseline: plain MkDocs + Material, the nav and not_in_nav of the page
    registry (build_tools/pages/), the Traditional pages as one more folder, no plugin."""
    nav = "".join(f"  - {title}: {path}\n" for title, path in pages.nav()) + f"  - 繁體: {HANT}/index.md\n"
    hidden = "".join(f"  {pattern}\n" for pattern in [*pages.not_in_nav(), f"/{HANT}/"])
    return f"""site_name: 基层党组织抗疫抗灾案例库
docs_dir: docs
site_dir: site
theme:
  name: material
  language: zh
  features: [navigation.tabs, content.code.copy]
plugins: []
markdown_extensions:
  - tables
  - md_in_html
  - toc:
      permalink: false
nav:
{nav}not_in_nav: |
{hidden}"""


def run(n: int, work: pathlib.Path, preview: bool, browser: bool, recall_queries: int = 0) -> dict:
    project = work / f"archive-{n}"
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    t0 = time.perf_counter()
    generate(n, project)
    generate_s = time.perf_counter() - t0
    write_project(project)
    cache = project / ".cache" / "case-archive"
    paths = pipeline.case_files(project / "cases")
    vocabulary = default_vocabulary()

    # 1. the pipeline alone, cold and warm
    timer = pipeline.Timer()
    t0 = time.perf_counter()
    archive = pipeline.load_archive(paths, display_root=project, cache_dir=cache, timer=timer)
    pages = render.render(archive.cases, vocabulary)
    timer.lap("render")
    pipeline_cold = time.perf_counter() - t0
    assert not archive.errors, archive.errors[:3]
    stage_seconds = dict(timer.seconds)
    t0 = time.perf_counter()
    warm_archive = pipeline.load_archive(paths, display_root=project, cache_dir=cache)
    render.render(warm_archive.cases, vocabulary)
    pipeline_warm = time.perf_counter() - t0

    # 2. baseline: plain MkDocs + Material on the exported pages, same nav policy, no search
    baseline = work / f"baseline-{n}"
    if baseline.exists():
        shutil.rmtree(baseline)
    (baseline / "docs").mkdir(parents=True)
    for page in pages:
        target = baseline / "docs" / render.variant_path(page)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render.page_text(page), encoding="utf-8")
    (baseline / "mkdocs.yml").write_text(baseline_yml(), encoding="utf-8")
    baseline_s, baseline_rss, baseline_tree, _ = timed([sys.executable, "-m", "mkdocs", "build", "-q"], baseline)

    # 3. our build: cold (no cache) and warm (cache, no change)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    build_s, build_rss, build_tree, log = timed([sys.executable, "-m", "mkdocs", "build"], project)
    pagefind_s = sum(float(x) for x in re.findall(r"search index: .*, Pagefind ([\d.]+)s", log))
    shards = re.findall(r"search index: (\d+) case\(s\) in (\d+) shard", log)
    warm_s, warm_rss, warm_tree, warm_log = timed([sys.executable, "-m", "mkdocs", "build"], project)
    site_bytes, html_pages = folder_size(project / "site")
    baseline_bytes, baseline_pages = folder_size(baseline / "site")

    case_page = case_page_download(project / "site")
    search = search_download(project / "site", "临时党支部") if browser else None
    # the same search on a Traditional page (one index for both scripts: the query is converted)
    search_hant = search_download(project / "site", "臨時黨支部", "zh-Hant/") if browser else None
    # a word few cases contain (the middle case page's county)
    rare_word = re.findall(r'<a href="[./]*regions/[^"]*">([^<]+)</a>', (project / "site" / case_page["page"]).read_text(encoding="utf-8"))[-1]
    rare = search_download(project / "site", rare_word) if browser else None
    # a word no case contains
    absent = search_download(project / "site", ABSENT_WORD) if browser else None
    # the results page (search/?q=…): a common word and a tag's name
    results = {q: results_page(project / "site", q) for q in ("党员", "临时党支部")} if browser else {}
    recall = None
    if browser and recall_queries:
        from scripts import search_recall

        recall = search_recall.run(project, recall_queries, log=lambda text: print(text, file=sys.stderr))
    latencies = preview_latency(project, startup_timeout=max(120.0, build_s * 3)) if preview else None
    latency = sorted(latencies)[len(latencies) // 2] if latencies else None
    total_stage = sum(stage_seconds.values()) or 1.0
    return {
        "cases": n, "generate_s": round(generate_s, 2),
        "pipeline_cold_s": round(pipeline_cold, 2), "pipeline_warm_s": round(pipeline_warm, 2),
        "stages": {k: round(v, 2) for k, v in stage_seconds.items()},
        "stage_share": {k: round(v / total_stage, 3) for k, v in stage_seconds.items()},
        "converter_share_of_build": round(stage_seconds["convert"] / build_s, 3),
        "build_s": round(build_s, 2), "warm_build_s": round(warm_s, 2), "baseline_s": round(baseline_s, 2),
        "ratio": round(build_s / baseline_s, 2), "warm_ratio": round(warm_s / baseline_s, 2),
        "pagefind_s": round(pagefind_s, 2), "search_shards": int(shards[0][1]) if shards else 0,
        "peak_rss_mb": round(max(build_rss, warm_rss) / 1024, 1),
        "peak_tree_rss_mb": round(max(build_tree, warm_tree) / 1024, 1),
        "baseline_peak_rss_mb": round(baseline_rss / 1024, 1), "baseline_tree_rss_mb": round(baseline_tree / 1024, 1),
        "site_mb": round(site_bytes / 2**20, 1), "html_pages": html_pages,
        "baseline_site_mb": round(baseline_bytes / 2**20, 1), "baseline_html_pages": baseline_pages,
        "case_page_kb": round(case_page["html_kb"], 1), "case_page_gz_kb": round(case_page["html_gz_kb"], 1),
        "case_css_gz_kb": round(case_page["css_gz_kb"], 1), "case_js_gz_kb": round(case_page["js_gz_kb"], 1),
        "search_kb": round(search["search_kb"], 1) if search else None,
        "search_rare_word": rare_word, "search_rare_kb": round(rare["search_kb"], 1) if rare else None,
        "search_rare_detail": {k: round(v, 1) if isinstance(v, float) else v for k, v in rare.items()} if rare else None,
        "search_detail": {k: round(v, 1) if isinstance(v, float) else v for k, v in search.items()} if search else None,
        "search_hant_kb": round(search_hant["search_kb"], 1) if search_hant else None,
        "search_hant_detail": {k: round(v, 1) if isinstance(v, float) else v for k, v in search_hant.items()} if search_hant else None,
        "search_absent_word": ABSENT_WORD, "search_absent_kb": round(absent["search_kb"], 1) if absent else None,
        "search_absent_detail": {k: round(v, 1) if isinstance(v, float) else v for k, v in absent.items()} if absent else None,
        "search_postings_s": round(sum(float(x) for x in re.findall(r"search postings: .* in ([\d.]+)s", log)), 2),
        "recall": recall,
        "results_page": results,
        "preview_s": round(latency, 2) if latency is not None else None,  # the median of three edits
        "preview_edits_s": [round(t, 2) for t in latencies] if latencies else None,
        "pipeline_warm_s_in_build": None,
    }


def table(result: dict) -> str:
    rows = [
        ("cases", result["cases"]),
        ("pipeline cold / warm (s)", f"{result['pipeline_cold_s']} / {result['pipeline_warm_s']}"),
        ("  stage seconds (summed over workers)", ", ".join(f"{k} {v}" for k, v in result["stages"].items())),
        ("  stage share", ", ".join(f"{k} {v:.0%}" for k, v in result["stage_share"].items())),
        ("  converter share of cold build", f"{result['converter_share_of_build']:.1%}"),
        ("mkdocs build cold / warm (s)", f"{result['build_s']} / {result['warm_build_s']}"),
        ("baseline: plain MkDocs + Material (s)", result["baseline_s"]),
        ("ratio cold / warm to baseline", f"{result['ratio']} / {result['warm_ratio']}"),
        ("Pagefind indexing (s), shards", f"{result['pagefind_s']}, {result['search_shards']}"),
        ("peak RSS largest process, ours / baseline (MB)", f"{result['peak_rss_mb']} / {result['baseline_peak_rss_mb']}"),
        ("peak memory whole build (PSS), ours / baseline (MB)", f"{result['peak_tree_rss_mb']} / {result['baseline_tree_rss_mb']}"),
        ("site size (MB), HTML pages", f"{result['site_mb']}, {result['html_pages']}  (baseline {result['baseline_site_mb']}, {result['baseline_html_pages']})"),
        ("case page HTML raw / gz (KB)", f"{result['case_page_kb']} / {result['case_page_gz_kb']}"),
        ("case page CSS / JS gz (KB)", f"{result['case_css_gz_kb']} / {result['case_js_gz_kb']}"),
        ("search postings (s)", result["search_postings_s"]),
        ("one search, 临时党支部 (KB)", result["search_kb"] if result["search_kb"] is not None else "n/a (no chromium)"),
        ("  search detail", json.dumps(result["search_detail"], ensure_ascii=False) if result["search_detail"] else "n/a"),
        ("one search on a Traditional page, 臨時黨支部 (KB)", result["search_hant_kb"] if result["search_hant_kb"] is not None else "n/a"),
        ("  search detail", json.dumps(result["search_hant_detail"], ensure_ascii=False) if result["search_hant_detail"] else "n/a"),
        (f"one search for a rare word ({result['search_rare_word']}) (KB)", result["search_rare_kb"] if result["search_rare_kb"] is not None else "n/a"),
        ("  search detail", json.dumps(result["search_rare_detail"], ensure_ascii=False) if result["search_rare_detail"] else "n/a"),
        (f"one search for a word no case contains ({result['search_absent_word']}) (KB)",
         result["search_absent_kb"] if result["search_absent_kb"] is not None else "n/a"),
        ("  search detail", json.dumps(result["search_absent_detail"], ensure_ascii=False) if result["search_absent_detail"] else "n/a"),
        *((f"results page search/?q={q}: first results, warm cache (ms)",
           f"{r['first_results_warm_ms']}  {json.dumps(r, ensure_ascii=False)}" if r else "n/a")
          for q, r in (result.get("results_page") or {"党员": None}).items()),
        ("search recall (scripts/search_recall.py)", search_recall_line(result["recall"]) if result["recall"] else "n/a (--recall)"),
        ("preview: save -> page served (s), median of 3 edits", f"{result['preview_s']} ({result['preview_edits_s']})"
         if result["preview_s"] is not None else "n/a"),
    ]
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {value}" for name, value in rows)


def search_recall_line(recall: dict) -> str:
    from scripts import search_recall

    return search_recall.last_line(recall)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True, help="number of synthetic cases (e.g. 1000, 10000)")
    parser.add_argument("--work", type=pathlib.Path, help="working folder (default: a temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the generated archive and sites")
    parser.add_argument("--no-preview", action="store_true", help="skip the mkdocs serve latency measurement")
    parser.add_argument("--no-browser", action="store_true", help="skip the search download measurement")
    parser.add_argument("--recall", type=int, nargs="?", const=500, default=0, metavar="QUERIES",
                        help="also measure search recall and precision (scripts/search_recall.py; 500 queries)")
    args = parser.parse_args(argv)
    work = args.work or pathlib.Path(tempfile.mkdtemp(prefix="case-archive-bench-"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; work folder {work}",
          file=sys.stderr)
    try:
        result = run(args.cases, work, preview=not args.no_preview, browser=not args.no_browser, recall_queries=args.recall)
    finally:
        if not args.keep and not args.work:
            shutil.rmtree(work, ignore_errors=True)
    result.pop("pipeline_warm_s_in_build")
    print(table(result))
    print(json.dumps(result, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
