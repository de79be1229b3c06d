"""Measure the article extractors on the saved pages in tests/corpus_html: trafilatura and GNE,
each as its own text output on the same decoded page, and the archive's whole reading of the
page (GNE's article node written out, then the cleaner and the extractor: what `inspect` shows).

Per page and in total: article paragraphs kept whole (a paragraph of the .yml is a line of the
output), kept at all (its characters appear, perhaps run together with others), chrome strings
leaked (navigation, footer, script text... listed in the .yml), title and date right, time
(the fastest of three runs after a first one).

trafilatura is not a dependency of the archive: install it to compare (pip install trafilatura);
without it, its rows are left out.

Usage: python scripts/html_extractors.py [--corpus tests/corpus_html] [--json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import pathlib
import sys
import time

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools import dates, webpage  # noqa: E402
from build_tools.cli import inspect_capture  # noqa: E402


def _flat(text: str) -> str:
    return "".join((text or "").split())


def _page_html(path: pathlib.Path) -> str:
    data = path.read_bytes()
    declared = None
    if path.suffix.lower() in webpage.MHTML_SUFFIXES:
        data, declared, _ = webpage.read_mhtml(data, str(path))
    return webpage.decode(data, str(path), declared)[0]


def run_trafilatura(html: str) -> dict:
    import trafilatura

    doc = trafilatura.bare_extraction(html, with_metadata=True)
    if doc is None:
        return {"text": "", "title": None, "date": None}
    return {"text": doc.text or "", "title": doc.title, "date": doc.date}


def run_gne(html: str) -> dict:
    from gne import GeneralNewsExtractor

    try:
        found = GeneralNewsExtractor().extract(html)
    except Exception:  # noqa: BLE001 - GNE raises NoContentException and lxml errors alike; a miss is a result
        return {"text": "", "title": None, "date": None}
    return {"text": found["content"], "title": found["title"], "date": found["publish_time"]}


def run_archive(path: pathlib.Path) -> dict:
    result = inspect_capture(path.read_bytes(), str(path))
    return {"text": result["body"], "title": result["title"], "date": result["date"], "source": result["source"]}


def _timed(run) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def score(found: dict, expected: dict) -> dict:
    lines = {_flat(line) for line in found["text"].splitlines()}
    flat = _flat(found["text"])
    paragraphs = [_flat(p) for p in expected["paragraphs"]]
    leaked = [c for c in expected["chrome"] if c in found["text"]]
    return {
        "whole": sum(p in lines for p in paragraphs),
        "present": sum(p in flat for p in paragraphs),
        "paragraphs": len(paragraphs),
        "leaked": leaked,
        "chrome": len(expected["chrome"]),
        "title": _flat(found["title"]) == _flat(expected["title"]),
        "date": dates.iso(dates.parse(found["date"] or "")) == expected["date"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=pathlib.Path, default=ROOT / "tests" / "corpus_html")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rows = []
    for spec_path in sorted(args.corpus.glob("*.yml")):
        expected = yaml.safe_load(spec_path.read_text(encoding="utf-8"))
        page = next(p for p in sorted(args.corpus.glob(spec_path.stem + ".*")) if p.suffix != ".yml")
        html = _page_html(page)
        for name, run in (("trafilatura", lambda: run_trafilatura(html)), ("gne", lambda: run_gne(html)),
                          ("archive (gne + clean + extract)", lambda: run_archive(page))):
            if name == "trafilatura" and importlib.util.find_spec("trafilatura") is None:
                continue
            found = run()  # the first call also loads models and caches: time the next three
            seconds = min(_timed(run) for _ in range(3))
            rows.append({"page": page.name, "extractor": name, "ms": round(seconds * 1000, 1), **score(found, expected)})
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    print("| page | extractor | paragraphs whole | paragraphs kept | chrome leaked | title | date | ms |")
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(f"| {row['page']} | {row['extractor']} | {row['whole']}/{row['paragraphs']} | {row['present']}/{row['paragraphs']} "
              f"| {len(row['leaked'])}/{row['chrome']} {'(' + ', '.join(row['leaked'][:4]) + ')' if row['leaked'] else ''} "
              f"| {'yes' if row['title'] else 'no'} | {'yes' if row['date'] else 'no'} | {row['ms']} |")
    print()
    print("| extractor | paragraphs whole | paragraphs kept | chrome leaked | titles | dates |")
    print("|---|---|---|---|---|---|")
    for name in dict.fromkeys(row["extractor"] for row in rows):
        mine = [row for row in rows if row["extractor"] == name]
        total = sum(r["paragraphs"] for r in mine)
        print(f"| {name} | {sum(r['whole'] for r in mine)}/{total} | {sum(r['present'] for r in mine)}/{total} "
              f"| {sum(len(r['leaked']) for r in mine)}/{sum(r['chrome'] for r in mine)} "
              f"| {sum(r['title'] for r in mine)}/{len(mine)} | {sum(r['date'] for r in mine)}/{len(mine)} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
