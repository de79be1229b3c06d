"""The open dataset: every case as one row, metadata and clean text in both scripts.

Three files, published once for both scripts at ``data/`` (build_tools/outputs/dataset.py):
``cases.csv`` and ``cases.jsonl`` (one case a line), the same rows in two formats, and
``datapackage.json``, a Frictionless Data Package that describes them (field types and
descriptions, sizes and hashes, the archive's licence). The download page
(build_tools/pages/download.py) explains the fields from ``FIELDS`` and shows the sizes.

The rows are written one at a time (``chunks``), so no file is ever held whole in memory; the
bytes depend on the cases alone (oldest first, then by id), never on the clock.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime
import hashlib
import io
import json
import weakref
from collections.abc import Iterator

from build_tools import dates
from build_tools.model import HANS, HANT, Case
from build_tools.script import convert

FOLDER = "data"  # where the files are published, at the site root
CSV, JSONL, PACKAGE = "cases.csv", "cases.jsonl", "datapackage.json"
_EARLIEST = datetime.date.min

# Licences the download page can name and link; any other id is shown as it is.
KNOWN_LICENSES = {
    "CC-BY-4.0": ("知识共享署名 4.0 国际", "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("知识共享署名-相同方式共享 4.0 国际", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("知识共享署名-非商业性使用 4.0 国际", "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC0-1.0": ("CC0 1.0 公有领域贡献", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "ODbL-1.0": ("开放数据库许可 1.0", "https://opendatacommons.org/licenses/odbl/1-0/"),
}
# id(case) -> (weak reference to the case, its page URL, its CSV row's bytes, its JSON Lines row's
# bytes): under serve an edit changes one case, and the download page's sizes need only that
# case's row again (the memo keeps no case alive; entries of cases gone are dropped)
_ROW_SIZES: dict[int, tuple[weakref.ref, str, int, int]] = {}
# the last sizes found, with their cases (in order) and settings: both scripts' download pages of
# a build show the same sizes (found once per build, not once per script)
_LAST_SIZES: tuple[list[weakref.ref], tuple, dict[str, int]] | None = None
UNDECIDED = "LicenseRef-undecided"  # the placeholder mkdocs.yml sets until the archive's licence is decided


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    type: str  # Frictionless Table Schema type: string, date, array
    description: str  # Simplified; converted on the Traditional download page


def _both(name: str, what: str, type_: str = "string") -> tuple[Field, Field]:
    return (Field(f"{name}_hans", type_, f"{what}（简体）"), Field(f"{name}_hant", type_, f"{what}（繁体）"))


FIELDS: tuple[Field, ...] = (
    Field("id", "string", "案例编号：案例文件名（不含 .txt），也是案例页地址的一部分，唯一"),
    Field("date", "date", "文章日期（YYYY-MM-DD）；未能确定时为空"),
    *_both("title", "标题"),
    *_both("subtitle", "副标题；没有时为空"),
    *_both("source", "来源媒体；未知时为空"),
    *_both("authors", "作者名单（JSON 数组）", "array"),
    *_both("credits", "其他署名（JSON 数组，每项为 {\"role\": 角色, \"names\": [姓名]}，如编辑、摄影）", "array"),
    *_both("province", "省级地区（官方名称）；未定地区时为空"),
    *_both("city", "地级地区；未知时为空"),
    *_both("county", "县级地区；未知时为空"),
    *_both("tags", "实践标签（JSON 数组）", "array"),
    *_both("note", "编者注；没有时为空"),
    Field("url", "string", "原文网址；未知时为空"),
    Field("script", "string", "原始采集文本的字形：zh-Hans（简体）或 zh-Hant（繁体）"),
    Field("page", "string", "案例页在本站的路径（相对网站根目录，简体站；繁体站在 zh-Hant/ 下同一路径）"),
    Field("case_file", "string", "案例源文件在仓库中的路径"),
    *_both("text", "清理后的正文，段落之间以换行符分隔"),
)


def ordered(cases: list[Case]) -> list[Case]:
    return sorted(cases, key=lambda c: (c.date or _EARLIEST, c.case_id))


def row(case: Case, page: str) -> dict:
    """One case as the dataset's row (``FIELDS`` order; lists as lists)."""
    from build_tools.convert import case_variants

    variants = case.variants or case_variants(case)
    out: dict = {"id": case.case_id, "date": dates.iso(case.date) or ""}
    region = case.region
    for suffix, lang in (("hans", HANS), ("hant", HANT)):
        v = variants[lang]
        out[f"title_{suffix}"] = v["title"] or ""
        out[f"subtitle_{suffix}"] = v["subtitle"] or ""
        out[f"source_{suffix}"] = v["source"] or ""
        out[f"authors_{suffix}"] = list(v["authors"])
        out[f"credits_{suffix}"] = [{"role": role, "names": list(names)} for role, names in v["credits"]]
        out[f"province_{suffix}"] = convert(region.province, lang) if region.province else ""
        out[f"city_{suffix}"] = convert(region.city, lang) if region.city else ""
        out[f"county_{suffix}"] = convert(region.county, lang) if region.county else ""
        out[f"tags_{suffix}"] = [convert(tag, lang) for tag in case.tags]
        out[f"note_{suffix}"] = v["note"] or ""
        out[f"text_{suffix}"] = "\n".join(v["paragraphs"])
    out.update(url=case.url or "", script=case.script, page=page, case_file=case.path)
    return {f.name: out[f.name] for f in FIELDS}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def csv_chunks(rows) -> Iterator[str]:
    """The CSV file (RFC 4180: comma, double quotes, CRLF; arrays as JSON), a line at a time."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([f.name for f in FIELDS])
    yield flush()
    for r in rows:
        writer.writerow([_json(r[f.name]) if f.type == "array" else r[f.name] for f in FIELDS])
        yield flush()


def _row_sizes(case: Case, page: str) -> tuple[int, int]:
    """Bytes of the case's CSV line and JSON Lines line (``_ROW_SIZES``)."""
    known = _ROW_SIZES.get(id(case))
    if known is not None and known[0]() is case and known[1] == page:
        return known[2], known[3]
    r = row(case, page)
    _, line = csv_chunks([r])
    sizes = len(line.encode("utf-8")), len(next(jsonl_chunks([r])).encode("utf-8"))
    _ROW_SIZES[id(case)] = (weakref.ref(case), page, *sizes)
    return sizes


def jsonl_chunks(rows) -> Iterator[str]:
    """The JSON Lines file: one JSON object a line, keys in ``FIELDS`` order."""
    for r in rows:
        yield _json(r) + "\n"


@dataclasses.dataclass(frozen=True)
class Digest:
    bytes: int
    sha256: str


def digest(chunks) -> Digest:
    h, size = hashlib.sha256(), 0
    for chunk in chunks:
        data = chunk.encode("utf-8")
        h.update(data)
        size += len(data)
    return Digest(size, h.hexdigest())


def license_entry(license: str) -> dict:
    """The Data Package's ``licenses`` entry for a licence id."""
    license = license or UNDECIDED
    title, path = KNOWN_LICENSES.get(license, (None, None))
    if license == UNDECIDED:
        title = "许可尚未确定（占位）"
    entry = {"name": license, "title": title or license}
    if path:
        entry["path"] = path
    return entry


def package(site_name: str, license: str, csv_digest: Digest, jsonl_digest: Digest, cases: int) -> str:
    """datapackage.json's text (keys in a fixed order)."""
    schema = {"fields": [{"name": f.name, "type": f.type, "description": f.description} for f in FIELDS],
              "primaryKey": ["id"]}
    common = {"encoding": "utf-8", "schema": schema}
    descriptor = {
        "profile": "tabular-data-package",
        "name": "case-archive",
        "title": site_name,
        "description": f"{cases} 篇案例的元数据与清理后的正文，简体、繁体两种字形；"
                       "cases.csv 与 cases.jsonl 内容相同，格式不同。",
        "licenses": [license_entry(license)],
        "resources": [
            {"name": "cases-csv", "path": CSV, "profile": "tabular-data-resource", "format": "csv",
             "mediatype": "text/csv", "bytes": csv_digest.bytes, "hash": f"sha256:{csv_digest.sha256}",
             "dialect": {"delimiter": ",", "quoteChar": "\"", "lineTerminator": "\r\n", "header": True}, **common},
            {"name": "cases-jsonl", "path": JSONL, "profile": "tabular-data-resource", "format": "jsonl",
             "mediatype": "application/jsonl", "bytes": jsonl_digest.bytes,
             "hash": f"sha256:{jsonl_digest.sha256}", **common},
        ],
    }
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"


class Dataset:
    """The dataset of an archive: its rows, and the three files' sizes (computed once, by
    writing the files into nothing)."""

    def __init__(self, cases: list[Case], site_name: str = "", license: str = "", directory_urls: bool = True):
        from build_tools.render import SITE_NAME, case_path, page_url

        self.cases = ordered(cases)
        self.site_name, self.license = site_name or SITE_NAME, license
        self._page = lambda case: page_url(case_path(case), directory_urls)
        self._key = (self.site_name, license, directory_urls)
        self._sizes: dict[str, int] | None = None

    def rows(self) -> Iterator[dict]:
        return (row(case, self._page(case)) for case in self.cases)

    def package_text(self, csv_digest: Digest, jsonl_digest: Digest) -> str:
        return package(self.site_name, self.license, csv_digest, jsonl_digest, len(self.cases))

    def sizes(self) -> dict[str, int]:
        """Each file's size in bytes, by name, without writing the files: the sum of the rows'
        sizes (each row's found once per case object: ``_ROW_SIZES``); datapackage.json's from
        its text with a placeholder hash (a SHA-256 is always 64 hex digits)."""
        global _LAST_SIZES
        if self._sizes is None and _LAST_SIZES is not None and _LAST_SIZES[1] == self._key \
                and len(_LAST_SIZES[0]) == len(self.cases) and all(a() is b for a, b in zip(_LAST_SIZES[0], self.cases)):
            self._sizes = dict(_LAST_SIZES[2])  # the same case objects as the last dataset (the other script's page)
        if self._sizes is None:
            header = len(next(csv_chunks([])).encode("utf-8"))
            rows = [_row_sizes(case, self._page(case)) for case in self.cases]
            csv_bytes, jsonl_bytes = header + sum(c for c, _ in rows), sum(j for _, j in rows)
            package_bytes = len(self.package_text(Digest(csv_bytes, "0" * 64), Digest(jsonl_bytes, "0" * 64)).encode("utf-8"))
            self._sizes = {CSV: csv_bytes, JSONL: jsonl_bytes, PACKAGE: package_bytes}
            if len(_ROW_SIZES) > 2 * len(self.cases):  # forget the rows of cases no longer built
                for key in [key for key, entry in _ROW_SIZES.items() if entry[0]() is None]:
                    del _ROW_SIZES[key]
            _LAST_SIZES = ([weakref.ref(case) for case in self.cases], self._key, dict(self._sizes))  # (weakly: not kept alive)
        return self._sizes

    def write(self, folder) -> None:
        """The three files into ``folder`` (created)."""
        folder.mkdir(parents=True, exist_ok=True)
        digests = {}
        for name, chunks in ((CSV, csv_chunks), (JSONL, jsonl_chunks)):
            h, size = hashlib.sha256(), 0
            with open(folder / name, "wb") as out:
                for chunk in chunks(self.rows()):
                    data = chunk.encode("utf-8")
                    out.write(data)
                    h.update(data)
                    size += len(data)
            digests[name] = Digest(size, h.hexdigest())
        (folder / PACKAGE).write_bytes(self.package_text(digests[CSV], digests[JSONL]).encode("utf-8"))
