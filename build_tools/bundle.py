"""``python -m build_tools bundle``: the whole site (both scripts) as one zip that works when
unzipped and opened from ``file://`` (double-click index.html), or served by any static server.

The site is built by MkDocs (a subprocess: this module does not import it) with
``CASE_ARCHIVE_OFFLINE=1`` (build_tools/site.py ``OFFLINE_ENV``): the adapter then publishes pages
as files (``tags/x.html``, ``index.html``: a link never names a folder, which file:// would show
as a listing) and drops Material's features that fetch (``FETCHING_FEATURES``); the offline output
(build_tools/outputs/offline.py) makes the search readable without fetch() or modules. The copy
links to itself only: ``SITE_URL`` is cleared for the build and the outputs ignore ``site_url``
(no feeds); a ``site_url`` written in mkdocs.yml only leaves canonical addresses in the pages' heads.

The zip holds one folder, ``case-archive/``, with the site and a note on how to open it
(``NOTE``, Chinese then English). Files only a web server uses (404.html, the sitemaps,
robots.txt) and the Pagefind files the search does not read are left out. The same inputs give
the same bytes: entries sorted, each with a fixed time and mode, and the build's date fixed
(``SOURCE_DATE_EPOCH``, when not set by the caller).
"""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys
import tempfile
import time
import zipfile

from build_tools.model import HANT
from build_tools.outputs.offline import READ
from build_tools.site import OFFLINE_ENV

DEFAULT_OUT = pathlib.Path("case-archive-offline.zip")
FOLDER = "case-archive"  # the one folder in the zip
NOTE_NAME = "使用说明-README.txt"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can hold
SOURCE_DATE = "315532800"  # 1980-01-01 UTC, for SOURCE_DATE_EPOCH when the caller sets none
SERVER_ONLY = {"404.html", "sitemap.xml", "sitemap.xml.gz", "sitemap-index.xml", "robots.txt"}
STORED = (b"\x1f\x8b", b"\x89PNG", b"PK\x03\x04")  # already compressed (gzip, PNG, zip): stored as they are

NOTE = """离线版使用说明
==============

这是本案例库网站的完整离线副本（简体、繁体两种字形，含全部案例和站内搜索）。

打开方法：解压缩后，双击文件夹中的 index.html，用浏览器（Chrome、Edge、Firefox 等）打开即可。
所有链接和搜索都在本机进行，不需要联网。

另一种方法（以网站方式访问）：在解压后的文件夹中打开终端，运行

    python3 -m http.server

然后在浏览器中访问 http://localhost:8000/ 。

繁体版在 zh-Hant 文件夹中，也可以通过页面顶部的“繁體”链接切换。


Offline copy: how to use it
===========================

This is a complete offline copy of the case archive's website (Simplified and Traditional
script, every case, and the site's search).

To open it: unzip it and double-click index.html in the folder; it opens in your browser
(Chrome, Edge, Firefox...). Links and search work on your computer, without a network.

To serve it as a website instead: open a terminal in the unzipped folder, run

    python3 -m http.server

and visit http://localhost:8000/ in your browser.

The Traditional-script site is in the zh-Hant folder, also reached by the "繁體" link at the top
of every page.
"""


class BundleError(Exception):
    """The bundle cannot be written; the message says why and what to do."""


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def output_problem(out: pathlib.Path) -> str | None:
    """Why the zip cannot be written at ``out`` (checked before the site is built), or None."""
    if out.is_dir():
        return f"{out}: error: the output path is a folder (fix: give a file name, e.g. {out / DEFAULT_OUT.name})"
    folder = out.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".bundle-check-"):
            pass
    except OSError as exc:
        return (f"{out}: error: cannot write in {folder}: {exc.strerror or exc} "
                "(fix: give a path in a folder you can write to with -o)")
    return None


def kept(name: str) -> bool:
    """Whether the site's file ``name`` (relative, POSIX) goes into the zip."""
    parts = name.split("/")
    rest = parts[1:] if parts[0] == HANT else parts
    if "/".join(rest) in SERVER_ONLY or any(p.startswith(".") for p in parts):
        return False
    if parts[0] == "pagefind":  # the search reads its own files only (build_tools/searchindex.py)
        inner = "/".join(parts[1:])
        return bool(READ.search(inner.removesuffix(".js")))
    return True


def build_site(site: pathlib.Path, config: pathlib.Path) -> None:
    """The offline build of the project ``config`` into ``site`` (MkDocs' messages are the progress)."""
    env = dict(os.environ, **{OFFLINE_ENV: "1", "SITE_URL": "", "NO_MKDOCS_2_WARNING": "1"})
    env.setdefault("SOURCE_DATE_EPOCH", SOURCE_DATE)
    command = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), "-d", str(site)]
    result = subprocess.run(command, cwd=config.parent, env=env)
    if result.returncode != 0:
        raise BundleError(f"the site build failed (exit status {result.returncode}); see the messages above "
                          "(fix: run 'python -m build_tools check' and 'mkdocs build')")


def write_zip(site: pathlib.Path, out: pathlib.Path) -> tuple[int, int]:
    """Zip ``site`` (and the note) to ``out``, replaced whole once written; (files, bytes)."""
    names = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    names = [n for n in names if kept(n)]
    entries = [(NOTE_NAME, ("\ufeff" + NOTE).replace("\n", "\r\n").encode("utf-8"))]
    fd, part = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".part")
    os.close(fd)
    started = time.monotonic()
    try:
        with zipfile.ZipFile(part, "w") as archive:
            for name, data in entries:
                _add(archive, f"{FOLDER}/{name}", data)
            for done, name in enumerate(names, 1):
                _add(archive, f"{FOLDER}/{name}", (site / name).read_bytes())
                if done % 2000 == 0 or (done == len(names) and time.monotonic() - started > 2):
                    _say(f"bundle: {done}/{len(names)} files zipped")
        os.replace(part, out)
    except BaseException:
        pathlib.Path(part).unlink(missing_ok=True)
        raise
    return len(names) + len(entries), out.stat().st_size


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
    info.create_system = 3  # Unix, on every platform: the mode below is read as such
    info.external_attr = 0o100644 << 16
    info.compress_type = zipfile.ZIP_STORED if data.startswith(STORED) else zipfile.ZIP_DEFLATED
    archive.writestr(info, data, compresslevel=9 if info.compress_type == zipfile.ZIP_DEFLATED else None)


def run(args) -> int:
    out = pathlib.Path(args.out)
    config = pathlib.Path(args.config)
    if not config.is_file():
        _say(f"{config}: error: no site configuration here (fix: run the command in the project folder, "
             "or pass --config path/to/mkdocs.yml)")
        return 2
    problem = output_problem(out)
    if problem:
        _say(problem)
        return 2
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="case-archive-bundle-") as work:
            site = pathlib.Path(work) / "site"
            _say("bundle: building the site for offline use (both scripts; pages as files, search from file://)")
            build_site(site, config.resolve())
            _say("bundle: writing the zip")
            count, size = write_zip(site, out)
    except BundleError as exc:
        _say(f"error: {exc}")
        return 1
    except OSError as exc:
        _say(f"{out}: error: cannot write the bundle: {exc.strerror or exc} "
             "(fix: check that the folder is writable and the disk is not full)")
        return 1
    _say(f"wrote {out} ({count} files, {size / 1e6:.1f} MB) in {time.monotonic() - started:.0f}s; "
         f"unzip it and open {FOLDER}/index.html")
    return 0


def add_parser(sub) -> None:
    bundle = sub.add_parser("bundle", help="write the whole site (both scripts) as one zip that works offline, from file://",
                            description="Build the site for offline use and write it as one zip: unzipped, its "
                                        "index.html opens in a browser from the disk (links, both scripts and the "
                                        "search work without a server or a network); a note inside says how to "
                                        "open or serve it.")
    bundle.add_argument("-o", "--out", default=str(DEFAULT_OUT), help=f"the zip to write (default: {DEFAULT_OUT})")
    bundle.add_argument("--config", default="mkdocs.yml", help="the site configuration (default: mkdocs.yml)")
    bundle.set_defaults(func=run)
