"""The search box's core (build_tools/mkdocs/theme/assets/case-search-core.js), tested on its own
with Node's built-in test runner: ``node --test tests/js/`` over an index that
build_tools/searchindex.py writes here (tests/js/fixture.py), so the two sides are checked
against each other without a site build or a browser.

Needs Node.js 18 or later (Debian: ``apt-get install nodejs``); skipped with a message when it is
missing, except where CASE_ARCHIVE_REQUIRE_NODE=1 (CI).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def _node() -> str | None:
    node = os.environ.get("CASE_ARCHIVE_NODE") or shutil.which("node") or shutil.which("nodejs")
    if node is None:
        return None
    version = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    match = re.match(r"v(\d+)\.", version)
    return node if match and int(match.group(1)) >= 18 else None


def test_search_core_under_node(tmp_path):
    node = _node()
    if node is None:
        message = "Node.js 18 or later is needed for the search core's tests (apt-get install nodejs)"
        if os.environ.get("CASE_ARCHIVE_REQUIRE_NODE"):
            pytest.fail(message + " (CASE_ARCHIVE_REQUIRE_NODE=1)")
        pytest.skip(message)
    built = subprocess.run([sys.executable, str(ROOT / "tests" / "js" / "fixture.py"), str(tmp_path)],
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stdout + built.stderr
    env = dict(os.environ, CASE_ARCHIVE_SEARCH_FIXTURE=str(tmp_path))
    result = subprocess.run([node, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True,
                            timeout=300, env=env, cwd=ROOT)
    summary = "\n".join(line for line in result.stdout.splitlines() if line.startswith("# "))
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    assert re.search(r"^# fail 0$", summary, re.M) and not re.search(r"^# tests 0$", summary, re.M), summary
