"""Score script conversion on a phrase list, the archive's converter beside plain OpenCC.

    python scripts/conversion_score.py [LIST.tsv ...] [--standard tw|hk|opencc] [--failures]

A list is tab-separated with the header ``direction input expected family keep note``
(tests/conversion/README.md): ``s2t`` (a Simplified capture -> the Traditional page), ``t2s`` (a
Traditional capture -> the Simplified page), ``t2t`` (a Traditional capture -> the Traditional
page). ``keep`` lists names a case declares (``|``-separated). The archive's converter is what
the build applies (build_tools.script.convert_text); plain OpenCC is scored on the same rows:
``s2t`` and ``s2tw`` on the rows with a Traditional result, ``t2s`` on the others.
Prints one table per list and exits 1 when the archive's converter misses a row.
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools import script  # noqa: E402
from build_tools.model import HANS, HANT  # noqa: E402

DEFAULT_LIST = ROOT / "tests" / "conversion" / "phrases.tsv"
COLUMNS = ("direction", "input", "expected", "family", "keep", "note")


def read_list(path: pathlib.Path) -> list[dict]:
    rows = []
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or tuple(lines[0].split("\t")) != COLUMNS:
        raise SystemExit(f"{path}:1: the header must be {' '.join(COLUMNS)} (tab-separated)")
    for number, line in enumerate(lines[1:], 2):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        parts += [""] * (len(COLUMNS) - len(parts))
        row = dict(zip(COLUMNS, parts))
        if row["direction"] not in ("s2t", "t2s", "t2t") or not row["input"] or not row["expected"]:
            raise SystemExit(f"{path}:{number}: a row needs a direction (s2t, t2s, t2t), an input and an expected output")
        row["line"] = number
        rows.append(row)
    return rows


def ours(row: dict) -> str:
    names = tuple(n for n in row["keep"].split("|") if n)
    return script.convert_text(row["input"], HANS if row["direction"] == "t2s" else HANT, names)


def plain(config: str, text: str) -> str:
    return script._run(f"{config}-base", text)


def score(rows: list[dict]) -> tuple[dict, list[tuple[dict, str]]]:
    """{column: (right, total)} and the rows the archive's converter gets wrong."""
    table: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    failures = []
    for row in rows:
        got = ours(row)
        table["archive"][0] += got == row["expected"]
        table["archive"][1] += 1
        if got != row["expected"]:
            failures.append((row, got))
        configs = ("t2s",) if row["direction"] == "t2s" else ("s2t", "s2tw")
        for config in configs:
            table[config][0] += plain(config, row["input"]) == row["expected"]
            table[config][1] += 1
    return table, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lists", nargs="*", type=pathlib.Path, default=[DEFAULT_LIST])
    parser.add_argument("--standard", default=script.DEFAULT_STANDARD, choices=sorted(script.STANDARDS))
    parser.add_argument("--failures", action="store_true", help="list every row the archive's converter misses")
    args = parser.parse_args(argv)
    script.use_standard(args.standard)
    missed = 0
    for path in args.lists:
        rows = read_list(path)
        table, failures = score(rows)
        print(f"{path}: {len(rows)} rows")
        by_direction = collections.Counter(r["direction"] for r in rows)
        print("  rows: " + ", ".join(f"{d} {n}" for d, n in sorted(by_direction.items())))
        for column in ("archive", "s2t", "s2tw", "t2s"):
            right, total = table[column]
            if total:
                print(f"  {column:8} {right:4}/{total:<4} {100 * right / total:5.1f}%")
        families = collections.defaultdict(lambda: [0, 0])
        failed = {id(r) for r, _ in failures}
        for row in rows:
            families[row["family"]][0] += id(row) not in failed
            families[row["family"]][1] += 1
        print("  archive by family: " + ", ".join(f"{f} {r}/{t}" for f, (r, t) in sorted(families.items())))
        if args.failures or len(failures) <= 20:
            for row, got in failures:
                print(f"  {path.name}:{row['line']}: {row['direction']} {row['input']} -> {got} (expected {row['expected']})")
        missed += len(failures)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
