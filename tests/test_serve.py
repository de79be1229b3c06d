"""`mkdocs serve`: a saved case shows up within seconds; a broken case keeps the last good site."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import CASES, ROOT

CASE = "2020-03-09-longwan-hongse-xibao"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _wait_for(predicate, timeout: float) -> float | None:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if predicate():
            return time.monotonic() - start
        time.sleep(0.2)
    return None


@pytest.fixture(params=["full", "--dirty"])
def served(tmp_path, request):
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copytree(CASES, tmp_path / "cases")
    port = _free_port()
    log = open(tmp_path / "serve.log", "w+")
    extra = ["--dirty"] if request.param == "--dirty" else []
    process = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", *extra, "-a", f"127.0.0.1:{port}"], cwd=tmp_path, stdout=log, stderr=subprocess.STDOUT,
                               env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    base = f"http://127.0.0.1:{port}/"
    try:
        assert _wait_for(lambda: "红色细胞" in _get(base + f"cases/{CASE}/"), 120) is not None, "serve did not start"
        yield tmp_path, base, log
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def test_edit_is_served_and_broken_case_keeps_last_good_site(served):
    folder, base, log = served
    case = folder / "cases" / f"{CASE}.txt"
    case.write_text(case.read_text(encoding="utf-8").replace("提供坚强保障", "提供坚强保障新版"), encoding="utf-8")
    elapsed = _wait_for(lambda: "堅強保障新版" in _get(base + f"zh-Hant/cases/{CASE}/"), 30)
    assert elapsed is not None, "the edited case did not show up"
    assert elapsed < 10
    (folder / "cases" / "2020-01-01-broken.txt").write_text("---\ntitle: [\n---\n正文。", encoding="utf-8")
    def logged():
        log.seek(0)
        return "still serving the last good version" in log.read()
    assert _wait_for(logged, 30) is not None
    log.seek(0)
    output = log.read()
    assert "2020-01-01-broken.txt:2" in output and "Traceback" not in output
    assert "提供坚强保障新版" in _get(base + f"cases/{CASE}/")


def test_rule_data_edited_while_serving_is_reloaded(tmp_path, monkeypatch):
    """A long-running process (mkdocs serve) sees an edit of build_tools/data at its next rebuild."""
    import shutil

    from build_tools import cache, pipeline, rules

    data = tmp_path / "data"
    shutil.copytree(rules.DATA_DIR, data)
    monkeypatch.setattr(rules, "DATA_DIR", data)
    pipeline.refresh_rules()
    rules.default_vocabulary.cache_clear()
    cache.rules_digest.cache_clear()
    before, digest = {t.name for t in rules.default_vocabulary().tags}, cache.rules_digest()
    assert pipeline.refresh_rules() is False  # nothing changed
    text = (data / "tags.yml").read_text(encoding="utf-8")
    (data / "tags.yml").write_text(text.rstrip("\n") + "\n  - name: 测试新标签\n    slug: ceshi-xin-biaoqian\n"
                                   "    description: 测试\n    signals: [测试新标签]\n", encoding="utf-8")
    assert pipeline.refresh_rules() is True
    assert {t.name for t in rules.default_vocabulary().tags} == before | {"测试新标签"}
    assert cache.rules_digest() != digest  # cached cases are recomputed under the new rules
    monkeypatch.undo()
    pipeline.refresh_rules()
    rules.default_vocabulary.cache_clear()
    cache.rules_digest.cache_clear()
