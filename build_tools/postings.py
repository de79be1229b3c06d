"""The search index's postings: for every key (a pair or a triple of characters, a whole name),
the numbers of the cases that have it, and of those that have it in their title; written as the
files ``pagefind/case-archive/k/<n>.bin`` (build_tools/searchindex.py says what the keys are;
case-search-core.js reads the files).

At 10,000 cases there are about 40 million (key, case) pairs. Done with Python sets, dicts and
per-number loops this took 45 s of CPU (30 s of a cold build with a second process); here, 9 s:
every case's keys are numbers in NumPy
arrays (each character replaced by its rank in the archive's alphabet, so a key and its case
number fit one 64-bit integer whose order is the keys' text order), sorted once, and the lists
are varint-encoded in bulk. The bytes are those the plain definition gives
(tests/test_searchindex.py compares them with one built from ``searchindex.case_keys``).

A file is a sequence of entries, each: kind (1 byte: PAIR, TRIPLE or NAME), the key's length and
UTF-8 bytes, the list of cases having it (``encode_list``), and for a PAIR or TRIPLE the list of
those having it in their title. Entries are sorted by kind and key; each key's file is
``bucket_of``.
"""

from __future__ import annotations

import math
import operator
import itertools
import zlib
from collections.abc import Iterable, Iterator

import numpy as np

PAIR, NAME, TRIPLE = 0, 1, 2  # kinds of keys: 2 characters, a whole name, 3 characters
BUCKET_BYTES = 6144  # aimed-at uncompressed size of a postings file


class CaseText:
    """What one case contributes: ``hans`` its fields' Simplified texts, ``hant`` the same fields'
    Traditional texts, without whitespace (each character read as ``build`` is told: a key is
    any pair or triple of consecutive characters inside one field, in either script), ``title``
    the index of the title among the fields (None: no title), ``names`` its whole names."""

    __slots__ = ("hans", "hant", "title", "names")

    def __init__(self, hans: list[str], hant: list[str], title: int | None, names: Iterable[str]):
        self.hans, self.hant, self.title, self.names = hans, hant, title, set(names)


def varints(numbers: list[int]) -> bytes:
    if not numbers or max(numbers) < 0x80:
        return bytes(numbers)
    out = bytearray()
    for n in numbers:
        while n >= 0x80:
            out.append((n & 0x7F) | 0x80)
            n >>= 7
        out.append(n)
    return bytes(out)


def encode_list(docs) -> bytes:
    """A sorted list of case numbers: its length, then the gaps from the number before (the
    first from -1), as varints."""
    return varints([len(docs)]) + varints(list(map(operator.sub, docs, itertools.chain((-1,), docs))))


def bucket_of(kind: int, key: str, buckets: int) -> int:
    """The postings file of a key (the search box computes the same)."""
    return zlib.crc32(bytes([kind]) + key.encode("utf-8")) % buckets


def build(cases: Iterable[CaseText], count: int, hans: dict[str, str], hant: dict[str, str]) -> tuple[int, dict[int, bytes]]:
    """The postings files of the ``count`` cases, numbered in the order given: (number of files,
    {file number: contents}). ``hans``, ``hant``: for every character the Simplified and the
    Traditional texts may hold (more do no harm), the one it stands for in a key (one character
    for one: a full-width letter for its ASCII form, a Traditional character for its Simplified
    form)."""
    ranks = _Ranks(hans, hant)
    pairs, triples = _Collector(2, ranks, count), _Collector(3, ranks, count)
    names: dict[str, list[int]] = {}
    for doc, case in enumerate(cases):
        hans, hant = ranks.of(case.hans), ranks.of(case.hant, simplified=True)
        for collector in (pairs, triples):
            collector.add(doc, hans, hant, case.title)
        for name in case.names:
            names.setdefault(name, []).append(doc)
    entries: list[tuple[int, str, bytes]] = list(pairs.entries(PAIR))
    for name in sorted(names):
        data = name.encode("utf-8")
        entries.append((NAME, name, bytes([NAME]) + varints([len(data)]) + data + encode_list(names[name])))
    entries += triples.entries(TRIPLE)
    total = sum(len(e) for _, _, e in entries)
    buckets = 1 << max(0, min(16, round(math.log2(max(1, total / BUCKET_BYTES)))))
    files: dict[int, bytearray] = {}
    for kind, key, entry in entries:
        files.setdefault(bucket_of(kind, key, buckets), bytearray()).extend(entry)
    return buckets, {n: bytes(data) for n, data in sorted(files.items())}


_MISSING = np.uint64(2**64 - 1)


class _Ranks:
    """Characters as numbers: each character of the texts as the rank, in the sorted set of the
    characters keys are made of, of the one it stands for in a key (so keys compare as numbers
    as their texts do)."""

    def __init__(self, hans: dict[str, str], hant: dict[str, str]):
        self.alphabet = sorted(set(hans.values()) | set(hant.values()))
        if any(len(c) != 1 for c in self.alphabet):
            raise ValueError("a character must stand for one character")
        self.bits = max(1, (len(self.alphabet) - 1).bit_length())  # at most 21: three fit in 64 bits
        rank = {c: n for n, c in enumerate(self.alphabet)}
        self.hans, self.hant = self._table(hans, rank), self._table(hant, rank)

    @staticmethod
    def _table(mapping: dict[str, str], rank: dict[str, int]) -> np.ndarray:
        table = np.full(max(map(ord, mapping), default=0) + 1, _MISSING, dtype=np.uint64)
        if mapping:
            pairs = np.array([(ord(c), rank[k]) for c, k in mapping.items()], dtype=np.int64)
            table[pairs[:, 0]] = pairs[:, 1].astype(np.uint64)
        return table

    def of(self, texts: list[str], simplified: bool = False) -> "_Text":
        table = self.hant if simplified else self.hans
        codes = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype=np.uint32)
        lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
        ends = np.cumsum(lengths + 1) - 1  # each text's separator (the last one past the end)
        if len(codes):
            codes = codes.astype(np.int64)
            codes[ends[:-1]] = 0  # a separator's own rank does not matter: no key spans it
            if int(codes.max()) >= len(table):
                raise ValueError("a character the mapping does not give")
            codes = table[codes]
            codes[ends[:-1]] = 0
            if (codes == _MISSING).any():
                raise ValueError("a character the mapping does not give")
        return _Text(codes, ends - lengths, ends)

    def text(self, key: int, size: int) -> str:
        mask = (1 << self.bits) - 1
        return "".join(self.alphabet[(key >> (self.bits * (size - 1 - i))) & mask] for i in range(size))


class _Text:
    """A case's fields as one array of ranks, and where each field starts and ends."""

    __slots__ = ("codes", "starts", "ends")

    def __init__(self, codes: np.ndarray, starts: np.ndarray, ends: np.ndarray):
        self.codes, self.starts, self.ends = codes, starts, ends

    def same_fields(self, other: "_Text") -> bool:
        return len(self.codes) == len(other.codes) and np.array_equal(self.ends, other.ends)


_WORD_BITS = 64  # of the numbers a key and a case number are combined in
_CHUNK = 1 << 22  # (key, case) numbers gathered before their duplicates are dropped
_SLICE = 1 << 21  # (key, case) numbers encoded at a time


class _Collector:
    """The keys of ``size`` characters of every case, and those of its title: each key a number
    made of its characters' ranks."""

    def __init__(self, size: int, ranks: _Ranks, count: int):
        self.size, self.ranks = size, ranks
        self.found = _Pairs(size * ranks.bits, count)
        self.titles = _Pairs(size * ranks.bits, count)

    def _windows(self, text: _Text) -> np.ndarray:
        """Every window's key (a window spanning a separator gives a key no one looks up: such
        windows are dropped by ``_valid``)."""
        size, bits, codes = self.size, self.ranks.bits, text.codes
        n = len(codes) - size + 1
        if n <= 0:
            return np.zeros(0, dtype=np.uint64)
        keys = codes[:n] << np.uint64(bits * (size - 1))
        for offset in range(1, size):
            keys = keys | (codes[offset:offset + n] << np.uint64(bits * (size - 1 - offset)))
        return keys

    def _valid(self, text: _Text, n: int) -> np.ndarray:
        valid = np.ones(n, dtype=bool)
        for back in range(self.size):  # no key spans a separator
            cut = text.ends[:-1] - back
            valid[cut[(cut >= 0) & (cut < n)]] = False
        return valid

    def add(self, doc: int, hans: _Text, hant: _Text, title: int | None) -> None:
        keys = self._windows(hans)
        valid = self._valid(hans, len(keys))
        found = [keys[valid]]
        title_keys = []
        if title is not None:
            title_keys.append(keys[hans.starts[title]:max(hans.starts[title], hans.ends[title] - self.size + 1)])
        if hans.same_fields(hant):
            # most of a case's Traditional text reads as its Simplified text: only the windows
            # over a character that differs add keys
            differ = np.flatnonzero(hans.codes != hant.codes)
            if len(differ):
                other = self._windows(hant)
                starts = _distinct((differ[:, None] - np.arange(self.size)).ravel())
                starts = starts[(starts >= 0) & (starts < len(other))]
                found.append(other[starts[valid[starts]]])
                if title is not None:
                    low, high = hant.starts[title], hant.ends[title] - self.size + 1
                    found_title = starts[(starts >= low) & (starts < high)]
                    title_keys.append(other[found_title])
        else:
            other = self._windows(hant)
            found.append(other[self._valid(hant, len(other))])
            if title is not None:
                title_keys.append(other[hant.starts[title]:max(hant.starts[title], hant.ends[title] - self.size + 1)])
        self.found.add(doc, found)
        if title_keys:
            self.titles.add(doc, title_keys)

    def entries(self, kind: int) -> Iterator[tuple[int, str, bytes]]:
        keys, lists, spans = self.found.grouped()
        title_keys, title_lists, title_spans = self.titles.grouped()
        at = np.searchsorted(title_keys, keys) if len(title_keys) else np.zeros(len(keys), dtype=np.int64)
        size, text = self.size, self.ranks.text
        head = bytes([kind])
        title_keys = title_keys.tolist()
        for i, key in enumerate(keys.tolist()):
            word = text(key, size)
            data = word.encode("utf-8")
            start, end, number = spans[i]
            entry = head + varints([len(data)]) + data + varints([number]) + lists[start:end]
            j = int(at[i])
            if j < len(title_keys) and title_keys[j] == key:
                t_start, t_end, t_number = title_spans[j]
                entry += varints([t_number]) + title_lists[t_start:t_end]
            else:
                entry += b"\0"
            yield kind, word, entry


class _Pairs:
    """(key, case number) pairs, each once, gathered case by case in case-number order. When a
    key and a case number fit in 64 bits, as one number each (key in the high bits), the
    duplicates of many cases dropped at once; else as two arrays, case by case."""

    def __init__(self, key_bits: int, count: int):
        self.doc_bits = max(1, (count - 1).bit_length()) if count > 1 else 1
        self.combined = key_bits + self.doc_bits <= _WORD_BITS
        self.parts: list[np.ndarray] = []
        self.docs: list[np.ndarray] = []
        self.pending: list[np.ndarray] = []
        self.size = 0

    def add(self, doc: int, keys: list[np.ndarray]) -> None:
        found = np.concatenate(keys) if len(keys) > 1 else keys[0]
        if not len(found):
            return
        if not self.combined:
            unique = _distinct(found)
            self.parts.append(unique)
            self.docs.append(np.full(len(unique), doc, dtype=np.uint32))
            return
        self.pending.append((found << np.uint64(self.doc_bits)) | np.uint64(doc))
        self.size += len(found)
        if self.size >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.parts.append(_distinct(np.concatenate(self.pending)))
        self.pending, self.size = [], 0

    def grouped(self) -> tuple[np.ndarray, bytes, list[tuple[int, int, int]]]:
        """The distinct keys in order, every key's case numbers as varint gaps in one byte string,
        and each key's (start, end) in it and its number of cases (the pairs are given up)."""
        self._flush()
        parts, docs, self.parts, self.docs = self.parts, self.docs, [], []
        if not parts:
            return np.zeros(0, dtype=np.uint64), b"", []
        every = np.empty(sum(len(p) for p in parts), dtype=np.uint64)
        at = 0
        while parts:  # one copy at a time, each part let go once copied
            part = parts.pop(0)
            every[at:at + len(part)] = part
            at += len(part)
        if not self.combined:
            numbers = np.concatenate(docs)
            order = np.argsort(every, kind="stable")  # the case numbers stay in order under each key
            return _grouped(every[order], numbers[order])
        every.sort(kind="stable")  # sorted runs, one per chunk: merged (measured 4x faster than the default)
        bits, low = np.uint64(self.doc_bits), np.uint64((1 << self.doc_bits) - 1)
        keys, encoded, spans = [], [], []
        start, written = 0, 0
        while start < len(every):  # in slices that end at a key's last pair: little memory beside ``every``
            stop = min(len(every), start + _SLICE)
            if stop < len(every):
                after = (int(every[stop - 1] >> bits) + 1) << self.doc_bits  # the first number of the next key
                stop = len(every) if after >= 1 << 64 else int(np.searchsorted(every, np.uint64(after)))
            part = every[start:stop]
            distinct, data, where = _grouped(part >> bits, (part & low).astype(np.uint32))
            keys.append(distinct)
            encoded.append(data)
            spans += [(a + written, b + written, n) for a, b, n in where]
            written += len(data)
            start = stop
        return np.concatenate(keys), b"".join(encoded), spans


def _distinct(values: np.ndarray) -> np.ndarray:
    """The distinct values in order (``np.unique``, whose hashing path measured twenty times
    slower on these arrays)."""
    values = np.sort(values)
    keep = np.ones(len(values), dtype=bool)
    keep[1:] = values[1:] != values[:-1]
    return values[keep]


def _grouped(keys: np.ndarray, numbers: np.ndarray) -> tuple[np.ndarray, bytes, list[tuple[int, int, int]]]:
    """Given keys in order and under each its case numbers in order: the distinct keys, every
    key's case numbers as varint gaps in one byte string, and each key's (start, end) in it and
    its number of cases."""
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    del first
    numbers = numbers.astype(np.uint32, copy=False)
    gaps = np.empty(len(numbers), dtype=np.uint32)
    np.subtract(numbers[1:], numbers[:-1], out=gaps[1:])  # across two keys: replaced just below
    gaps[starts] = numbers[starts] + 1  # a key's first number, from -1
    encoded, offsets = _varint_array(gaps)
    del gaps
    ends = np.append(starts[1:], len(keys))
    spans = list(zip(offsets[starts].tolist(), offsets[ends].tolist(), (ends - starts).tolist()))
    return keys[starts], encoded, spans


def _varint_array(values: np.ndarray) -> tuple[bytes, np.ndarray]:
    """Every value as a varint, in one byte string; and where each starts (one more: the end)."""
    widths = np.ones(len(values), dtype=np.uint8)
    for shift in range(7, int(values.max()).bit_length() if len(values) else 0, 7):
        widths += values >= (1 << shift)
    offsets = np.zeros(len(values) + 1, dtype=np.int64)
    np.cumsum(widths, out=offsets[1:])
    most = int(widths.max()) if len(widths) else 0
    # one row per value, one column per byte it may take: the bytes it does take, read row by row
    rows = np.empty((len(values), most), dtype=np.uint8)
    for byte in range(most):
        rows[:, byte] = ((values >> (7 * byte)) & 0x7F).astype(np.uint8) | ((widths > byte + 1).astype(np.uint8) << 7)
    taken = np.arange(most, dtype=np.uint8) < widths[:, None]
    return rows[taken].tobytes(), offsets
