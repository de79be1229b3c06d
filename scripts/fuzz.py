"""Time-boxed fuzz run of the reader and the text stages on mutated real captures.

Each round takes a shipped case, mutates its bytes (flips, inserts, deletes, splices with another
case, truncates, duplicates a stretch) and runs read -> clean -> extract -> classify on it. Any
exception other than a clear CaseError is a bug, and so is a round that takes too long or
cleaning that is not idempotent. Deterministic for a given --seed.

Usage: python scripts/fuzz.py [--seconds 60] [--seed 1] [--cases cases]
"""

from __future__ import annotations

import argparse
import pathlib
import random
import sys
import time
import traceback

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools import classify, clean, extract, gazetteer, reader  # noqa: E402
from build_tools.script import to_hans  # noqa: E402
from build_tools.model import CaseError  # noqa: E402
from build_tools.rules import default_vocabulary  # noqa: E402

SLOW_ROUND = 5.0  # seconds; a real capture takes a few milliseconds


def mutate(data: bytes, other: bytes, rnd: random.Random) -> bytes:
    data = bytearray(data)
    for _ in range(rnd.randint(1, 8)):
        choice = rnd.randrange(7)
        position = rnd.randrange(len(data) + 1)
        if choice == 0 and data:
            data[min(position, len(data) - 1)] = rnd.randrange(256)
        elif choice == 1:
            data[position:position] = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 16)))
        elif choice == 2:
            del data[position:position + rnd.randint(1, 64)]
        elif choice == 3:
            start = rnd.randrange(len(other) + 1)
            data[position:position] = other[start:start + rnd.randint(1, 400)]
        elif choice == 4:
            del data[position:]
        elif choice == 5 and data:
            start = rnd.randrange(len(data))
            data[position:position] = data[start:start + rnd.randint(1, 200)] * rnd.randint(1, 20)
        else:
            data[position:position] = rnd.choice([b"---\n", b"\n---\n", b"(w\xc7\x8eng)", b"?", b"\r", b"\xef\xbb\xbf",
                                                  b"&nbsp;", b"<script>", b"| ", b"\xe2\x80\x94\xe2\x80\x94", b"\x00"])
    return bytes(data)


def one_round(data: bytes, gaz, vocabulary) -> None:
    try:
        raw = reader.parse(reader.decode(data, "fuzz.txt"), "fuzz.txt", "fuzz", "")
    except CaseError:
        return
    cleaned = clean.clean(raw.body)
    text = "\n".join(cleaned.lines)
    again = "\n".join(clean.clean(text).lines)
    if again != text:
        raise AssertionError(f"cleaning is not idempotent:\n{text[:300]!r}\n{again[:300]!r}")
    ex = extract.extract(cleaned)
    hans = to_hans((ex.title or "") + "\n".join(ex.paragraphs))
    classify.resolve_region(hans, gaz)
    classify.resolve_tags(hans, vocabulary)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cases", type=pathlib.Path, default=ROOT / "cases")
    args = parser.parse_args(argv)
    seeds = [p.read_bytes() for p in sorted(args.cases.glob("*.txt"))]
    if not seeds:
        print(f"error: no case files in {args.cases}", file=sys.stderr)
        return 2
    rnd = random.Random(args.seed)
    gaz, vocabulary = gazetteer.default(), default_vocabulary()
    deadline = time.monotonic() + args.seconds
    rounds = slowest = 0
    while time.monotonic() < deadline:
        data = mutate(rnd.choice(seeds), rnd.choice(seeds), rnd)
        started = time.monotonic()
        try:
            one_round(data, gaz, vocabulary)
        except Exception:
            crash = pathlib.Path(f"fuzz-crash-{args.seed}-{rounds}.bin")
            crash.write_bytes(data)
            traceback.print_exc()
            print(f"FAILED after {rounds} rounds; input saved to {crash}", file=sys.stderr)
            return 1
        elapsed = time.monotonic() - started
        slowest = max(slowest, elapsed)
        if elapsed > SLOW_ROUND:
            print(f"FAILED: one round took {elapsed:.1f}s (limit {SLOW_ROUND}s)", file=sys.stderr)
            return 1
        rounds += 1
    print(f"fuzz: {rounds} rounds in {args.seconds:.0f}s, no crash, slowest round {slowest * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
