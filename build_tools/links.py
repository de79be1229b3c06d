"""``python -m build_tools links``: check every case's original address (``url:``) and snapshot
addresses (``archive:``), report what answers, and propose ``deleted:`` for originals that are gone.

Requests go out with bounded concurrency (``--concurrency`` in all, two at a time per host),
a time limit per attempt (``--timeout``) and retries (``--retries``, with a short back-off)
for timeouts, resets, other network errors, 429 and 5xx answers, through ``httpx``. Each
address is fetched with GET (many servers refuse HEAD) and only the headers are read.

An answer is classified as:

* ``ok``: 2xx at the address; ``redirect``: 2xx after redirects to another page;
* ``gone``: 404 or 410, or redirects that end on the site's home page (or a "404" page);
* ``http-error``: any other status (403, 500...); ``timeout``: no answer within the limit;
* ``reset``: the connection was reset or closed without an answer; ``error``: anything else
  (name not found, connection refused, TLS, too many redirects).

The report (``links.json``, and ``links.md`` for CI) lists every address with its class; for
each gone original without ``deleted:`` it proposes ``deleted: <today>``. Case files are only
edited with ``--write``: the one line is added to the front matter (build_tools/fmedit.py).
"""

from __future__ import annotations

import asyncio
import dataclasses
import datetime
import json
import pathlib
import re
import sys
import time
import urllib.parse
from collections import Counter

from build_tools import __version__, fmedit, pipeline, reader
from build_tools.model import CaseError, Diagnostic, one_line

STATUSES = ("ok", "redirect", "gone", "http-error", "timeout", "reset", "error")
RETRIED = ("timeout", "reset", "error")
PER_HOST = 2  # requests at a time to one host: archives (web.archive.org) throttle hard
USER_AGENT = f"case-archive-links/{__version__} (link check of a case archive; python-httpx)"
_HOME_PATHS = re.compile(r"^/?(?:(?:index|default|home)\.(?:html?|shtml|php|aspx?|jsp))?$", re.IGNORECASE)
_NOT_FOUND_PAGE = re.compile(r"(?:^|/)(?:404|notfound|not[-_]found|error404)(?:\.\w+)?/?$", re.IGNORECASE)
TABLE_ROWS = 200  # rows per table in the Markdown summary
MARKDOWN_LIMIT = 60000  # characters of the Markdown summary (a GitHub issue's body holds 65,536)


@dataclasses.dataclass(frozen=True)
class Target:
    """One address of one case."""

    case: str  # the case file, as shown
    line: int | None  # its front-matter line
    kind: str  # "original" or "snapshot"
    url: str
    deleted: str | None = None  # the case's deleted: date, if any


@dataclasses.dataclass
class Answer:
    status: str
    http: int | None = None
    final_url: str | None = None
    error: str | None = None
    attempts: int = 0


def is_home(url: str) -> bool:
    return bool(_HOME_PATHS.match(urllib.parse.urlsplit(url).path))


def classify(url: str, code: int, final_url: str, redirected: bool) -> str:
    """The class of an HTTP answer (the final one, after redirects)."""
    if code in (404, 410):
        return "gone"
    if redirected and final_url != url:
        if (is_home(final_url) and not is_home(url)) or _NOT_FOUND_PAGE.search(urllib.parse.urlsplit(final_url).path):
            return "gone"
    if 200 <= code < 300:
        return "redirect" if redirected and final_url != url else "ok"
    return "http-error"


def _network_class(exc: BaseException) -> str:
    import httpx

    if isinstance(exc, (httpx.TimeoutException, asyncio.TimeoutError)):
        return "timeout"
    if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError, ConnectionResetError)):
        return "reset"
    return "error"


async def _fetch_once(client, url: str, timeout: float) -> Answer:
    import httpx

    async def go() -> Answer:
        async with client.stream("GET", url) as response:  # headers only: the body is never read
            final = str(response.url)
            return Answer(classify(url, response.status_code, final, bool(response.history)), response.status_code,
                          final if final != url else None)

    try:
        return await asyncio.wait_for(go(), timeout)  # the whole attempt, redirects included
    except (httpx.HTTPError, httpx.InvalidURL, OSError, asyncio.TimeoutError) as exc:
        return Answer(_network_class(exc), error=(type(exc).__name__ + (f": {exc}" if str(exc) else ""))[:300])


async def check_urls(urls: list[str], concurrency: int = 8, timeout: float = 20.0, retries: int = 2,
                     backoff: float = 1.0, progress=None, per_host: int = PER_HOST) -> dict[str, Answer]:
    """Every address's answer; ``progress(done, total, counts)`` after each one."""
    import httpx

    limit = asyncio.Semaphore(max(1, concurrency))
    hosts: dict[str, asyncio.Semaphore] = {}
    answers: dict[str, Answer] = {}
    counts: Counter = Counter()
    limits = httpx.Limits(max_connections=max(1, concurrency), max_keepalive_connections=max(1, concurrency))
    async with httpx.AsyncClient(follow_redirects=True, timeout=httpx.Timeout(timeout), limits=limits,
                                 headers={"User-Agent": USER_AGENT}, max_redirects=10) as client:
        async def one(url: str) -> None:
            host = hosts.setdefault(urllib.parse.urlsplit(url).hostname or "", asyncio.Semaphore(max(1, per_host)))
            answer = Answer("error")
            for attempt in range(retries + 1):
                if attempt:
                    await asyncio.sleep(backoff * 2 ** (attempt - 1))
                async with host, limit:
                    answer = await _fetch_once(client, url, timeout)
                answer.attempts = attempt + 1
                if answer.status not in RETRIED and not (answer.http and (answer.http == 429 or answer.http >= 500)):
                    break
            answers[url] = answer
            counts[answer.status] += 1
            if progress:
                progress(len(answers), len(urls), counts)

        await asyncio.gather(*(one(url) for url in urls))
    return answers


def targets(paths: list[pathlib.Path], display_root: pathlib.Path | None = None) -> tuple[list[Target], list[Diagnostic]]:
    """Every original and snapshot address of the case files, and the files that cannot be read."""
    found, problems = [], []
    for path in paths:
        shown = str(path.relative_to(display_root)) if display_root and path.is_relative_to(display_root) else str(path)
        try:
            raw = reader.read_case(path, shown)
        except CaseError as exc:
            problems += exc.diagnostics
            continue
        fm, lines = raw.front_matter, raw.front_matter_lines
        deleted = fm["deleted"].isoformat() if fm.get("deleted") else None
        if fm.get("url"):
            found.append(Target(shown, lines.get("url"), "original", fm["url"], deleted))
        for number, url in enumerate(fm.get("archive", ())):
            found.append(Target(shown, lines.get(f"archive[{number}]", lines.get("archive")), "snapshot", url, deleted))
    return found, problems


def report(found: list[Target], answers: dict[str, Answer], today: str, problems: list[Diagnostic],
           settings: dict) -> dict:
    results = []
    for target in sorted(found, key=lambda t: (t.case, t.kind != "original", t.url)):
        answer = answers[target.url]
        results.append({"case": target.case, "line": target.line, "kind": target.kind, "url": target.url,
                        "status": answer.status, "http": answer.http, "final_url": answer.final_url,
                        "error": answer.error, "attempts": answer.attempts, "deleted": target.deleted})
    proposals = [{"case": r["case"], "url": r["url"], "deleted": today, "written": False}
                 for r in results if r["kind"] == "original" and r["status"] == "gone" and not r["deleted"]]
    back = [r for r in results if r["kind"] == "original" and r["deleted"] and r["status"] in ("ok", "redirect")]
    return {"date": today, "tool": USER_AGENT, "settings": settings,
            "counts": {status: sum(1 for r in results if r["status"] == status) for status in STATUSES},
            "addresses": len(results), "results": results, "proposals": proposals,
            "answer_again": [{"case": r["case"], "url": r["url"], "deleted": r["deleted"]} for r in back],
            "unreadable": [d.format() for d in problems]}


def _cell(text) -> str:
    return one_line(str(text if text is not None else "")).replace("|", "\\|").replace("`", "'")


def markdown(data: dict, write: bool) -> str:
    """The report as Markdown, for a CI summary or an issue."""
    counts = data["counts"]
    lines = ["# 链接检查报告 / Link check report", "",
             f"{data['date']}：{data['addresses']} 个地址（原文与快照）。", "",
             "| " + " | ".join(STATUSES) + " |", "|" + "---|" * len(STATUSES),
             "| " + " | ".join(str(counts[s]) for s in STATUSES) + " |", ""]

    def table(title: str, rows: list[dict], columns: list[tuple[str, str]]) -> None:
        if not rows:
            return
        lines.extend([f"## {title}（{len(rows)}）", "", "| " + " | ".join(c for c, _ in columns) + " |",
                      "|" + "---|" * len(columns)])
        for row in rows[:TABLE_ROWS]:
            lines.append("| " + " | ".join(_cell(row.get(key)) for _, key in columns) + " |")
        if len(rows) > TABLE_ROWS:
            lines.append(f"| … {len(rows) - TABLE_ROWS} more in links.json |" + " |" * (len(columns) - 1))
        lines.append("")

    done = "已写入案例文件" if write else "建议写入（python -m build_tools links --write）"
    table(f"原网页已失效：{done} deleted:", data["proposals"], [("案例", "case"), ("原文地址", "url"), ("deleted", "deleted")])
    results = data["results"]
    table("快照失效", [r for r in results if r["kind"] == "snapshot" and r["status"] == "gone"],
          [("案例", "case"), ("快照", "url"), ("HTTP", "http")])
    table("已标记删除但仍可访问（请核对）", data["answer_again"], [("案例", "case"), ("原文地址", "url"), ("deleted", "deleted")])
    table("其他问题（可能是暂时的）", [r for r in results if r["status"] in ("http-error", "timeout", "reset", "error")],
          [("案例", "case"), ("类型", "kind"), ("地址", "url"), ("结果", "status"), ("HTTP", "http"), ("详情", "error")])
    table("跳转到别处", [r for r in results if r["status"] == "redirect"],
          [("案例", "case"), ("地址", "url"), ("跳转到", "final_url")])
    if data["unreadable"]:
        lines += ["## 无法读取的案例文件", ""] + [f"- `{_cell(d)}`" for d in data["unreadable"]] + [""]
    text = "\n".join(lines)
    if len(text) > MARKDOWN_LIMIT:
        cut = text.rfind("\n", 0, MARKDOWN_LIMIT - 200)
        text = text[:cut] + "\n\n…（报告过长，已截断；完整结果见 links.json / truncated: the full results are in links.json）"
    return text


def run(args) -> int:
    cases_dir = args.cases
    paths = [pathlib.Path(f) for f in args.files] if args.files else (
        pipeline.case_files(cases_dir) if cases_dir.is_dir() else None)
    if paths is None:
        print(Diagnostic("error", str(cases_dir), None, "the cases folder does not exist",
                         "run the command from the repository root or pass --cases DIR").format(), file=sys.stderr)
        return 2
    for name, value, least in (("--concurrency", args.concurrency, 1), ("--timeout", args.timeout, 0.001),
                               ("--retries", args.retries, 0)):
        if value < least:
            print(f"links: {name} must be at least {least} (got {value})", file=sys.stderr)
            return 2
    if args.date and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.date):
        print(f"links: --date must be YYYY-MM-DD (got {args.date!r})", file=sys.stderr)
        return 2
    found, problems = targets(paths, pathlib.Path.cwd())
    for diag in problems:
        print(diag.format(), file=sys.stderr)
    urls = sorted({t.url for t in found})
    today = args.date or datetime.datetime.now(datetime.timezone.utc).date().isoformat()
    started = time.monotonic()
    print(f"links: checking {len(urls)} addresses of {len({t.case for t in found})} cases "
          f"(concurrency {args.concurrency}, timeout {args.timeout:g} s, {args.retries} retries)", file=sys.stderr, flush=True)
    step = max(1, len(urls) // 20)
    last = [started]

    def progress(done: int, total: int, counts: Counter) -> None:
        now = time.monotonic()
        if done == total or done % step == 0 or now - last[0] >= 10:
            last[0] = now
            shown = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
            print(f"  {done}/{total} checked in {now - started:.0f} s ({shown})", file=sys.stderr, flush=True)

    answers = asyncio.run(check_urls(urls, args.concurrency, args.timeout, args.retries, args.backoff, progress,
                                            args.per_host)) if urls else {}
    data = report(found, answers, today, problems, {"concurrency": args.concurrency, "timeout": args.timeout,
                                                    "retries": args.retries})
    if args.write:
        for proposal in data["proposals"]:
            try:
                proposal["written"] = fmedit.add_key(pathlib.Path(proposal["case"]), "deleted", proposal["deleted"])
            except (CaseError, OSError) as exc:
                print(f"links: {proposal['case']}: not edited: {exc}", file=sys.stderr)
    out = pathlib.Path(args.report_dir)
    out.mkdir(parents=True, exist_ok=True)
    (out / "links.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    (out / "links.md").write_text(markdown(data, args.write) + "\n", encoding="utf-8")
    gone = len(data["proposals"])
    verb = "marked" if args.write else "proposed (run with --write to add them)"
    print(f"links: {data['addresses']} addresses in {time.monotonic() - started:.1f} s; "
          + ", ".join(f"{n} {s}" for s, n in data["counts"].items() if n)
          + f"; deleted: {verb} for {gone} case(s); report in {out / 'links.md'} and {out / 'links.json'}")
    return 1 if problems else 0


def add_parser(sub) -> None:
    links = sub.add_parser("links", help="check every original and snapshot address; report, and propose deleted: for gone originals")
    links.add_argument("files", nargs="*", help="case files (default: every file in --cases)")
    links.add_argument("--cases", type=pathlib.Path, default=pathlib.Path("cases"), help="cases folder (default: cases)")
    links.add_argument("--write", action="store_true", help="add the proposed deleted: lines to the case files")
    links.add_argument("--concurrency", type=int, default=8, help="requests at a time (default: 8; 2 per host)")
    links.add_argument("--timeout", type=float, default=20.0, help="seconds per attempt (default: 20)")
    links.add_argument("--retries", type=int, default=2, help="more attempts after a timeout, reset, 429 or 5xx (default: 2)")
    links.add_argument("--per-host", type=int, default=PER_HOST, help=f"requests at a time to one host (default: {PER_HOST})")
    links.add_argument("--backoff", type=float, default=1.0, help=argparse_hidden())
    links.add_argument("--report-dir", default="link-report", help="where links.json and links.md go (default: link-report)")
    links.add_argument("--date", help="the date written into deleted: (default: today, UTC)")
    links.set_defaults(func=run)


def argparse_hidden():
    import argparse

    return argparse.SUPPRESS
