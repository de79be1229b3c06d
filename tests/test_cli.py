"""Command-line behaviour: export is deterministic, commands never touch cases/."""

import hashlib
import subprocess
import sys

from tests.conftest import CASES, ROOT


def _tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


def test_export_twice_gives_identical_bytes_and_leaves_cases_alone(tmp_path):
    before = _tree(CASES)
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("export", str(first)).returncode == 0
    result = run("export", str(second))
    assert result.returncode == 0 and "exported" in result.stdout
    assert _tree(first) == _tree(second)
    assert (first / "index.md").exists() and (first / "zh-Hant" / "index.md").exists()
    assert _tree(CASES) == before


def test_check_passes_on_shipped_cases():
    result = run("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 valid, 0 invalid" in result.stdout


def test_inspect_json(tmp_path):
    import json

    result = run("inspect", str(CASES / "2021-10-21-henan-jiguan-dangjian.txt"), "--json")
    data = json.loads(result.stdout)
    assert data["date"] == "2021-10-21" and data["region"]["province"] == "河南省" and data["script"] == "zh-Hant"
    assert data["text"].startswith("越是緊要關頭")


def test_ingest_creates_case_and_refuses_overwrite(tmp_path):
    raw = tmp_path / "raw.txt"
    raw.write_bytes((ROOT.parent / "shared" / "seeds" / "003_171faa88950b6691.txt").read_bytes())
    folder = tmp_path / "cases"
    result = run("ingest", str(raw), "--cases", str(folder), "--url", "https://example.org/a")
    assert result.returncode == 0, result.stderr
    created = list(folder.glob("*.txt"))
    assert len(created) == 1 and created[0].name.startswith("2020-03-09-")
    assert run("check", "--cases", str(folder)).returncode == 0
    again = run("ingest", str(raw), "--cases", str(folder))
    assert again.returncode == 1 and "not overwritten" in again.stderr
    assert list(folder.iterdir()) == created  # no temporary files left behind
