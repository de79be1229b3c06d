"""`python -m build_tools links` against a local threaded HTTP server (no test reaches the
internet: every connection is checked to go to 127.0.0.1): each kind of answer classified, the
run within its time bound, the report, the proposals, and --write's one-line edit."""

from __future__ import annotations

import asyncio
import concurrent.futures
import http.server
import json
import socket
import struct
import threading
import time

import pytest

from build_tools import cli, fmedit, links, reader

SLOW = 8.0  # seconds the slow page waits; the checks' timeout is far shorter
TIMEOUT = 1.0  # generous for a local answer on a loaded machine


class Handler(http.server.BaseHTTPRequestHandler):
    flaky: dict[str, int] = {}

    def log_message(self, *args):
        pass

    def answer(self, code: int, location: str | None = None):
        self.send_response(code)
        if location:
            self.send_header("Location", location)
        body = f"<html><body>{code}</body></html>".encode()
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = self.path
        if path in ("/", "/ok", "/elsewhere/new", "/a/page.html"):
            return self.answer(200)
        if path == "/missing":
            return self.answer(404)
        if path == "/removed":
            return self.answer(410)
        if path == "/forbidden":
            return self.answer(403)
        if path == "/to-home":
            return self.answer(302, "/")
        if path == "/to-elsewhere":
            return self.answer(301, "/elsewhere/new")
        if path == "/slow":
            time.sleep(SLOW)
            return self.answer(200)
        if path == "/flaky":  # 503 once, then 200: a retry makes it ok
            count = Handler.flaky[path] = Handler.flaky.get(path, 0) + 1
            return self.answer(503 if count == 1 else 200)
        if path == "/reset":
            # SO_LINGER with a zero timeout: close() sends a TCP reset instead of a FIN
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
            return None
        return self.answer(404)


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # the slow page's thread is not waited for

    def handle_error(self, request, client_address):
        pass  # the reset page's own socket error


@pytest.fixture(scope="module")
def server():
    httpd = Server(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def local_only(monkeypatch):
    """Every connection the tests open goes to this machine's loopback, none through a proxy."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    real = socket.socket.connect

    def connect(self, address):
        assert isinstance(address, tuple) and address[0] in ("127.0.0.1", "::1"), f"a test tried to reach {address}"
        return real(self, address)

    monkeypatch.setattr(socket.socket, "connect", connect)


EXPECTED = {"/ok": "ok", "/missing": "gone", "/removed": "gone", "/to-home": "gone", "/to-elsewhere": "redirect",
            "/forbidden": "http-error", "/slow": "timeout", "/reset": "reset", "/flaky": "ok"}


def test_every_answer_is_classified_within_the_time_bound(server):
    Handler.flaky.clear()
    urls = [server + path for path in EXPECTED]
    started = time.monotonic()
    answers = own_thread(asyncio.run, links.check_urls(urls, concurrency=4, timeout=TIMEOUT, retries=1, backoff=0.05))
    elapsed = time.monotonic() - started
    assert {url[len(server):]: answer.status for url, answer in answers.items()} == EXPECTED
    assert answers[server + "/slow"].attempts == 2 and answers[server + "/reset"].attempts == 2
    assert answers[server + "/flaky"].attempts == 2 and answers[server + "/ok"].attempts == 1
    assert answers[server + "/missing"].http == 404 and answers[server + "/removed"].http == 410
    assert answers[server + "/to-home"].final_url == server + "/"
    assert answers[server + "/to-elsewhere"].final_url == server + "/elsewhere/new"
    # the slow page: two attempts of TIMEOUT seconds and a back-off, never its SLOW seconds
    assert elapsed < 2 * TIMEOUT + 0.05 + 3 < SLOW


def test_a_redirect_to_a_home_page_is_gone_only_from_another_page():
    assert links.classify("http://x.cn/a/1.html", 200, "http://x.cn/", True) == "gone"
    assert links.classify("http://x.cn/a/1.html", 200, "http://x.cn/index.html", True) == "gone"
    assert links.classify("http://x.cn/a/1.html", 200, "http://x.cn/404.html", True) == "gone"
    assert links.classify("http://x.cn/", 200, "http://x.cn/index.html", True) != "gone"
    assert links.classify("http://x.cn/a/1.html", 200, "http://x.cn/b/1.html", True) == "redirect"
    assert links.classify("http://x.cn/a/1.html", 500, "http://x.cn/a/1.html", False) == "http-error"


CASE = """---
title: 测试{n}
date: 2020-04-21
# a comment the edit keeps
url: {url}
---
正文第一行
"""


def write_cases(folder, server, paths):
    folder.mkdir()
    files = {}
    for n, path in enumerate(paths, 1):
        slug = path.strip("/").replace("/", "-") or "home"
        file = folder / f"2020-04-21-case-{slug}.txt"
        file.write_text(CASE.format(n=n, url=server + path), encoding="utf-8")
        files[path] = file
    return files


def own_thread(function, *args):
    """``function(*args)`` in a thread of its own, as the command line runs it: a browser test in
    the same test process leaves Playwright's event loop running in this thread, and asyncio.run
    refuses to start inside a running loop."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(function, *args).result()


def run_links(tmp_path, monkeypatch, *extra):
    monkeypatch.chdir(tmp_path)
    return own_thread(cli.main, ["links", "--timeout", str(TIMEOUT), "--retries", "0", "--concurrency", "4",
                                 "--report-dir", "report", "--date", "2026-11-30", *extra])


def test_report_proposes_deleted_and_edits_nothing(server, tmp_path, monkeypatch, capsys):
    files = write_cases(tmp_path / "cases", server, ["/ok", "/missing", "/removed", "/to-home", "/to-elsewhere", "/reset"])
    before = {path: file.read_bytes() for path, file in files.items()}
    assert run_links(tmp_path, monkeypatch) == 0
    assert {path: file.read_bytes() for path, file in files.items()} == before  # no --write: no edit
    data = json.loads((tmp_path / "report" / "links.json").read_text(encoding="utf-8"))
    by_url = {r["url"][len(server):]: r for r in data["results"]}
    assert {p: r["status"] for p, r in by_url.items()} == {p: EXPECTED[p] for p in files}
    assert by_url["/missing"]["line"] == 5 and by_url["/missing"]["case"] == "cases/2020-04-21-case-missing.txt"
    assert sorted(p["url"][len(server):] for p in data["proposals"]) == ["/missing", "/removed", "/to-home"]
    assert all(p["deleted"] == "2026-11-30" and not p["written"] for p in data["proposals"])
    summary = (tmp_path / "report" / "links.md").read_text(encoding="utf-8")
    assert "cases/2020-04-21-case-to-home.txt" in summary and "--write" in summary
    err = capsys.readouterr().err
    assert "links: checking 6 addresses of 6 cases" in err and "6/6 checked" in err


def test_write_adds_one_line_and_changes_nothing_else(server, tmp_path, monkeypatch):
    files = write_cases(tmp_path / "cases", server, ["/ok", "/missing"])
    crlf = files["/missing"].read_bytes().replace(b"\n", b"\r\n")
    files["/missing"].write_bytes(b"\xef\xbb\xbf" + crlf)  # a BOM and CRLF line ends stay as they are
    ok_before = files["/ok"].read_bytes()
    assert run_links(tmp_path, monkeypatch, "--write") == 0
    assert files["/ok"].read_bytes() == ok_before
    after = files["/missing"].read_bytes()
    assert after == b"\xef\xbb\xbf" + crlf.replace(b"\r\n---\r\n", b"\r\ndeleted: 2026-11-30\r\n---\r\n", 1)
    raw = reader.read_case(files["/missing"])
    assert raw.front_matter["deleted"].isoformat() == "2026-11-30" and raw.body == "正文第一行\n"
    data = json.loads((tmp_path / "report" / "links.json").read_text(encoding="utf-8"))
    assert [p["written"] for p in data["proposals"]] == [True]
    # a second run finds the case marked: nothing more to propose, nothing edited
    assert run_links(tmp_path, monkeypatch, "--write") == 0
    assert files["/missing"].read_bytes() == after
    data = json.loads((tmp_path / "report" / "links.json").read_text(encoding="utf-8"))
    assert data["proposals"] == []


def test_the_edit_keeps_every_other_byte():
    data = "---\ntitle: 甲\nurl: https://x.cn/1\n---\n---\n正文 key: value\n".encode()
    assert fmedit.with_key(data, "deleted", "2023-01-01") == data.replace(b"url: https://x.cn/1\n",
                                                                         b"url: https://x.cn/1\ndeleted: 2023-01-01\n")
    assert fmedit.with_key(data.replace(b"title", b"deleted"), "deleted", "2023-01-01") == data.replace(b"title", b"deleted")
    bare = "正文\n".encode()
    assert fmedit.with_key(bare, "deleted", "2023-01-01") == b"---\ndeleted: 2023-01-01\n---\n" + bare


def test_snapshot_addresses_are_checked_with_their_lines(tmp_path):
    case = tmp_path / "2020-04-21-kuaizhao.txt"
    case.write_text("---\ntitle: 甲\nurl: https://x.cn/1\narchive:\n  - https://web.archive.org/web/2020/https://x.cn/1\n"
                    "  - https://archive.ph/abc\ndeleted: 2023-01-01\n---\n正文\n", encoding="utf-8")
    found, problems = links.targets([case])
    assert problems == []
    assert [(t.kind, t.line, t.url, t.deleted) for t in found] == [
        ("original", 3, "https://x.cn/1", "2023-01-01"),
        ("snapshot", 5, "https://web.archive.org/web/2020/https://x.cn/1", "2023-01-01"),
        ("snapshot", 6, "https://archive.ph/abc", "2023-01-01")]


def test_bad_options_are_refused(tmp_path, monkeypatch, capsys):
    (tmp_path / "cases").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli.main(["links", "--concurrency", "0"]) == 2
    assert cli.main(["links", "--date", "yesterday"]) == 2
    assert "--concurrency must be at least 1" in capsys.readouterr().err


def test_weekly_workflow_runs_links_and_files_one_issue():
    import yaml

    from tests.conftest import ROOT

    workflows = ROOT / ".github" / "workflows"
    flow = yaml.safe_load((workflows / "links.yml").read_text(encoding="utf-8"))
    triggers = flow[True]  # YAML 1.1 reads the key 'on' as true
    assert triggers["schedule"][0]["cron"].split()[2:] == ["*", "*", "1"]  # weekly
    assert "workflow_dispatch" in triggers
    assert flow["permissions"] == {"contents": "read", "issues": "write"}
    steps = flow["jobs"]["links"]["steps"]
    runs = "\n".join(step.get("run", "") for step in steps)
    assert "python -m build_tools links --report-dir link-report" in runs and "--write" not in runs
    assert "gh issue edit" in runs and "gh issue create" in runs and "--label link-report" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    deploy = yaml.safe_load((workflows / "deploy.yml").read_text(encoding="utf-8"))
    checkout = next(s for s in deploy["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0  # capture dates come from the whole history


def test_the_summary_fits_in_an_issue():
    results = [{"case": f"cases/2020-01-01-c{n}.txt", "line": 3, "kind": "original", "url": f"https://x.cn/{n}" * 5,
                "status": "timeout", "http": None, "final_url": None, "error": "ReadTimeout" * 10, "attempts": 3,
                "deleted": None} for n in range(3000)]
    data = {"date": "2026-11-30", "addresses": 3000, "counts": {s: 0 for s in links.STATUSES}, "results": results,
            "proposals": [], "answer_again": [], "unreadable": []}
    assert len(links.markdown(data, False)) <= 65536
