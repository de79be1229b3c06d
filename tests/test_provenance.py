"""Provenance front matter (archive:, captured:, deleted:): validated where every key is, with
every problem reported at once at its file line; the capture date's default from git; what the
case page and the cache keep."""

from __future__ import annotations

import dataclasses
import datetime
import os
import subprocess

import pytest

from build_tools import cache, pipeline, provenance, reader, render
from build_tools.model import HANS, HANT, CaseError
from build_tools.rules import default_vocabulary
from tests.conftest import run_cli

GOOD = """---
title: 出处测试
date: 2020-04-21
url: https://news.example.cn/a.html
archive:
  - https://web.archive.org/web/20200421083000/https://news.example.cn/a.html
  - https://archive.ph/AbCdE
  - http://archive.today/2020.04.21-083000/https://news.example.cn/a.html
  - https://ghostarchive.org/archive/AbCdE
captured: 2020-04-22
deleted: 2023-05-01
---
某市某社区党委在疫情防控中成立临时党支部，组织党员志愿者上门服务居民，这是一段足够长的正文。
"""


def parse(text: str):
    return reader.parse(text, "cases/2020-04-21-chuchu.txt", "2020-04-21-chuchu", "")


def test_valid_provenance_is_kept():
    raw = parse(GOOD)
    assert raw.front_matter["archive"][1] == "https://archive.ph/AbCdE"
    assert raw.front_matter["captured"] == datetime.date(2020, 4, 22)
    assert raw.front_matter["deleted"] == datetime.date(2023, 5, 1)
    single = parse(GOOD.replace("archive:\n  - https://web.archive.org", "archive: https://web.archive.org", 1)
                   .replace("  - https://archive.ph/AbCdE\n", "").replace("  - http://archive.today/2020.04.21-083000/https://news.example.cn/a.html\n", "")
                   .replace("  - https://ghostarchive.org/archive/AbCdE\n", ""))
    assert single.front_matter["archive"] == ["https://web.archive.org/web/20200421083000/https://news.example.cn/a.html"]


def test_every_problem_is_reported_at_once_at_its_line():
    bad = GOOD.replace("https://archive.ph/AbCdE", "https://example.com/copy.html").replace(
        "https://ghostarchive.org/archive/AbCdE", "https://web.archive.org/save/https://x.cn").replace(
        "captured: 2020-04-22", "captured: 2020-02-30").replace("deleted: 2023-05-01", "deleted: 2023/05/01")
    with pytest.raises(CaseError) as caught:
        parse(bad)
    lines = [d.format() for d in caught.value.diagnostics]
    assert len(lines) == 4, lines
    assert lines[0].startswith("cases/2020-04-21-chuchu.txt:7: error: 'archive' entry 2: https://example.com/copy.html "
                               "is not on a known web archive")
    assert "web.archive.org/web/<timestamp>" in lines[0] and "archive.ph" in lines[0] and "ghostarchive.org" in lines[0]
    assert lines[1].startswith("cases/2020-04-21-chuchu.txt:9: error: 'archive' entry 4:")
    assert "is not a Wayback Machine snapshot" in lines[1]
    assert lines[2].startswith("cases/2020-04-21-chuchu.txt:10: error: 'captured' '2020-02-30' is not a real calendar day")
    assert lines[3].startswith("cases/2020-04-21-chuchu.txt:11: error: 'deleted' must be YYYY-MM-DD")


@pytest.mark.parametrize("value,problem", [
    ("javascript:alert(1)", "is not an http(s) address"),
    ("https://archive.ph/", "home page"),
    ("https://web.archive.org/", "is not a Wayback Machine snapshot"),
    ("https://archive.org.evil.example/web/2020/https://x.cn", "is not on a known web archive"),
])
def test_snapshot_addresses(value, problem):
    assert problem in provenance.snapshot_problem(value)


def test_check_command_lists_the_problems(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "2020-04-21-chuchu.txt").write_text(GOOD.replace("https://archive.ph/AbCdE", "https://pan.example.cn/x"),
                                                   encoding="utf-8")
    result = run_cli("check", "--cases", str(folder), cwd=tmp_path, env={"CASE_ARCHIVE_NO_CACHE": "1"})
    assert result.returncode == 1
    assert "cases/2020-04-21-chuchu.txt:7: error: 'archive' entry 2" in result.stdout
    assert "Traceback" not in result.stderr


def _git(folder, *words, date="2021-03-04"):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org", GIT_COMMITTER_NAME="t",
               GIT_COMMITTER_EMAIL="t@example.org", GIT_AUTHOR_DATE=f"{date}T23:30:00+08:00",
               GIT_COMMITTER_DATE=f"{date}T23:30:00+08:00")
    subprocess.run(["git", "-C", str(folder), *words], check=True, capture_output=True, env=env)


def _load(root):
    archive = pipeline.load_archive(pipeline.case_files(root / "cases"), display_root=root)
    assert not archive.errors, archive.errors
    return {c.case_id: c for c in provenance.with_capture_dates(archive.cases, root, root / "cases")}


def test_capture_date_defaults_to_the_first_commit_of_the_file(tmp_path):
    (tmp_path / "cases").mkdir()
    without = GOOD.replace("captured: 2020-04-22\n", "")
    (tmp_path / "cases" / "2020-04-21-chuchu.txt").write_text(without, encoding="utf-8")
    (tmp_path / "cases" / "2020-04-21-given.txt").write_text(GOOD.replace("出处测试", "给定日期").replace(
        "news.example.cn/a.html", "news.example.cn/b.html").replace(
        "某市某社区党委在疫情防控中成立临时党支部", "某县某村党支部在防汛救灾中组织党员突击队转移群众"), encoding="utf-8")
    # no git repository: no capture date is invented (the build's day would change every build)
    assert _load(tmp_path)["2020-04-21-chuchu"].captured is None
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "add", date="2021-03-04")
    (tmp_path / "cases" / "2020-04-21-chuchu.txt").write_text(without + "补充一行。\n", encoding="utf-8")
    _git(tmp_path, "commit", "-qam", "edit", date="2022-01-01")
    cases = _load(tmp_path)
    # the author's day in the author's time zone (23:30 +08:00), from the first commit, not the edit
    assert cases["2020-04-21-chuchu"].captured == datetime.date(2021, 3, 4)
    assert cases["2020-04-21-chuchu"].origins["captured"] == "git"
    assert cases["2020-04-21-given"].captured == datetime.date(2020, 4, 22)  # front matter wins


def test_a_shallow_clone_gives_no_capture_dates(tmp_path):
    origin = tmp_path / "origin"
    (origin / "cases").mkdir(parents=True)
    (origin / "cases" / "2020-04-21-chuchu.txt").write_text(GOOD.replace("captured: 2020-04-22\n", ""), encoding="utf-8")
    _git(origin, "init", "-q")
    _git(origin, "add", ".")
    _git(origin, "commit", "-qm", "one", date="2021-03-04")
    (origin / "x").write_text("x")
    _git(origin, "add", ".")
    _git(origin, "commit", "-qm", "two", date="2022-03-04")
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{origin}", str(tmp_path / "shallow")], check=True,
                   capture_output=True)
    assert provenance.git_added_dates(tmp_path / "shallow" / "cases") is None
    assert _load(tmp_path / "shallow")["2020-04-21-chuchu"].captured is None


def test_case_page_and_cache_keep_provenance(tmp_path):
    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "2020-04-21-chuchu.txt").write_text(GOOD, encoding="utf-8")
    case = _load(tmp_path)["2020-04-21-chuchu"]
    assert cache.from_json(cache.to_json(case)) == case
    for lang, badge in ((HANS, "已删除"), (HANT, "已刪除")):
        page = next(p for p in render.render([case], default_vocabulary(), (lang,)) if p.meta.get("kind") == "case")
        assert f'<span class="case-deleted-badge">{badge}</span>' in page.body
        assert ('href="../../captures/2020-04-21-chuchu.txt"' if lang == HANS
                else 'href="../../../captures/2020-04-21-chuchu.txt"') in page.body
        assert page.meta["deleted"] == "2023-05-01" and page.meta["captured"] == "2020-04-22"
        assert len(page.meta["archive"]) == 4
    kept = dataclasses.replace(case, deleted=None, archive=())
    page = next(p for p in render.render([kept], default_vocabulary(), (HANS,)) if p.meta.get("kind") == "case")
    assert "case-deleted-badge" not in page.body and "网页快照" not in page.body and "原始采集稿" in page.body


def test_search_data_carries_the_deletion_day(tmp_path):
    from build_tools import searchindex

    (tmp_path / "cases").mkdir()
    (tmp_path / "cases" / "2020-04-21-chuchu.txt").write_text(GOOD, encoding="utf-8")
    case = _load(tmp_path)["2020-04-21-chuchu"]
    gone, kept = searchindex.records([case, dataclasses.replace(case, deleted=None)])
    assert searchindex.case_data(gone, {})["x"] == "2023-05-01"
    assert "x" not in searchindex.case_data(kept, {})
