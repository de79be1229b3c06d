"""Accuracy report over the capture corpus (tests/corpus) and the seed captures.

For each capture it runs what `python -m build_tools inspect --json` runs and compares with the
expectations in the matching .yml: per field, how many captures were right; for text, the share
of chrome strings removed and of expected article characters kept, and whether any inserted
pinyin is left. Titles and sources are compared after normalising script (to Simplified),
width and punctuation.

Usage: python scripts/accuracy.py [--corpus tests/corpus] [--seeds ../shared/seeds] [--verbose]
"""

from __future__ import annotations

import argparse
import difflib
import pathlib
import re
import sys
import unicodedata

import yaml

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools.cli import inspect_capture  # noqa: E402
from build_tools.script import to_hans  # noqa: E402

FIELDS = ("title", "subtitle", "date", "source", "authors", "province", "city", "county", "script", "text")
PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")


def norm(value) -> str:
    """Compare text across script, width and punctuation."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "|".join(norm(v) for v in value)
    text = to_hans(unicodedata.normalize("NFKC", str(value)))
    return "".join(c for c in text if not (c.isspace() or unicodedata.category(c).startswith("P")))


def cases(corpus: pathlib.Path, seeds: pathlib.Path | None) -> list[tuple[str, bytes, dict]]:
    found = []
    for expected in sorted(corpus.glob("*.yml")):
        if expected.name == "seeds.yml":
            continue
        found.append((expected.stem, (corpus / f"{expected.stem}.txt").read_bytes(), yaml.safe_load(expected.read_text("utf-8"))))
    seed_file = corpus / "seeds.yml"
    if seeds and seeds.is_dir() and seed_file.exists():
        for name, want in yaml.safe_load(seed_file.read_text("utf-8")).items():
            found.append((f"seed {name}", (seeds / name).read_bytes(), want))
    return found


def evaluate(name: str, data: bytes, want: dict) -> dict:
    got = inspect_capture(data, name)
    region_want = want.get("region") or {}
    checks = {}
    for field in ("title", "subtitle", "source", "authors"):
        if field in want:
            checks[field] = norm(got[field]) == norm(want[field])
    if "date" in want:
        checks["date"] = str(got["date"] or "") == str(want["date"] or "")
    for level in ("province", "city", "county"):
        if level in region_want:
            checks[level] = got["region"][level] == region_want[level]
    if "script" in want:
        checks["script"] = got["script"] == want["script"]
    text = got["body"]
    kept = None
    if "text" in want:
        expected = norm(want["text"])
        matcher = difflib.SequenceMatcher(None, expected, norm(text), autojunk=False)
        kept = sum(block.size for block in matcher.get_matching_blocks()) / max(1, len(expected))
        checks["text"] = norm(text) == expected
    chrome = want.get("chrome") or []
    chrome_left = [c for c in chrome if norm(c) and norm(c) in norm(text)]
    return {"name": name, "checks": checks, "kept": kept, "chrome": len(chrome), "chrome_left": chrome_left,
            "pinyin_left": PINYIN.findall(text), "got": got}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=pathlib.Path, default=ROOT / "tests" / "corpus")
    parser.add_argument("--seeds", type=pathlib.Path, default=ROOT.parent / "shared" / "seeds")
    parser.add_argument("--verbose", "-v", action="store_true", help="show every wrong field")
    args = parser.parse_args(argv)
    results = [evaluate(*item) for item in cases(args.corpus, args.seeds)]
    print(f"{len(results)} captures")
    for field in FIELDS:
        relevant = [r for r in results if field in r["checks"]]
        right = sum(r["checks"][field] for r in relevant)
        wrong = [r["name"] for r in relevant if not r["checks"][field]]
        print(f"  {field:<9} {right}/{len(relevant)} right" + (f"   wrong: {', '.join(wrong)}" if wrong else ""))
        if args.verbose:
            for r in relevant:
                if not r["checks"][field]:
                    key = field if field not in ("province", "city", "county") else "region"
                    print(f"      {r['name']}: got {r['got'][key]!r}")
    chrome = sum(r["chrome"] for r in results)
    left = sum(len(r["chrome_left"]) for r in results)
    kept = [r["kept"] for r in results if r["kept"] is not None]
    pinyin = sum(len(r["pinyin_left"]) for r in results)
    print(f"  chrome and spam strings removed: {chrome - left}/{chrome} ({(chrome - left) / max(1, chrome):.1%})"
          + (f"   left: {[(r['name'], r['chrome_left']) for r in results if r['chrome_left']]}" if left else ""))
    print(f"  article characters kept: {sum(kept) / max(1, len(kept)):.1%} (mean over {len(kept)} captures with expected text)")
    print(f"  inserted pinyin left: {pinyin}")
    perfect = all(all(r["checks"].values()) and not r["chrome_left"] and not r["pinyin_left"] for r in results)
    return 0 if perfect else 1


if __name__ == "__main__":
    raise SystemExit(main())
