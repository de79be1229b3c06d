"""Command-line behaviour: export is deterministic, commands never touch cases/."""

import hashlib
import json

from build_tools import pipeline
from tests.conftest import CASES, ROOT, SHIPPED_CASES, case_body, copy_cases, run_cli


def _tree(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(*args, cwd=ROOT):
    return run_cli(*args, cwd=cwd)


def test_export_twice_gives_identical_bytes_and_leaves_cases_alone(tmp_path):
    project = tmp_path / "project"  # the fixture archive in the default place, cases/ under the working folder
    copy_cases(project / "cases")
    before = _tree(project / "cases")
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("export", str(first), cwd=project).returncode == 0
    result = run("export", str(second), cwd=project)
    assert result.returncode == 0 and "(5 cases, 2 scripts)" in result.stdout
    assert _tree(first) == _tree(second)
    assert (first / "index.md").exists() and (first / "zh-Hant" / "index.md").exists()
    assert (first / "cases" / "2020-04-21-wuxi-dangjian-jizhan.md").exists()
    assert (first / "zh-Hant" / "cases" / "2020-04-21-wuxi-dangjian-jizhan.md").exists()
    assert _tree(project / "cases") == before


def test_check_counts_the_cases_it_reads(tmp_path):
    folder = copy_cases(tmp_path / "cases")
    result = run("check", "--cases", str(folder))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 valid, 0 invalid" in result.stdout
    (folder / "2020-01-01-broken.txt").write_text("---\ntitel: x\n---\n正文。", encoding="utf-8")
    result = run("check", "--cases", str(folder), "-q")
    assert result.returncode == 1
    assert "5 valid, 1 invalid" in result.stdout


def test_check_passes_on_shipped_cases():
    """Whatever cases/ holds, every file in it is a valid case (the count follows the folder)."""
    shipped = len(pipeline.case_files(SHIPPED_CASES))
    result = run("check", "-q")
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"\n{shipped} valid, 0 invalid" in "\n" + result.stdout


def test_inspect_json(tmp_path):
    result = run("inspect", str(CASES / "2021-10-21-henan-jiguan-dangjian.txt"), "--json")
    data = json.loads(result.stdout)
    assert data["date"] == "2021-10-21" and data["region"]["province"] == "河南省" and data["script"] == "zh-Hant"
    assert data["body"].startswith("越是緊要關頭")
    assert data["text"].startswith(data["title"])  # the page text as a reader sees it: headline first
    assert all({"line", "text", "why"} <= set(item) for item in data["removed"])


def test_ingest_creates_case_and_refuses_overwrite(tmp_path):
    raw = tmp_path / "raw.txt"
    raw.write_bytes(case_body(CASES / "2020-03-09-longwan-hongse-xibao.txt"))  # a raw capture, no front matter
    folder = tmp_path / "cases"
    result = run("ingest", str(raw), "--cases", str(folder), "--url", "https://example.org/a")
    assert result.returncode == 0, result.stderr
    created = list(folder.glob("*.txt"))
    assert len(created) == 1 and created[0].name.startswith("2020-03-09-")
    assert run("check", "--cases", str(folder)).returncode == 0
    again = run("ingest", str(raw), "--cases", str(folder))
    assert again.returncode == 1 and "not overwritten" in again.stderr
    assert list(folder.iterdir()) == created  # no temporary files left behind


def test_export_never_replaces_a_folder_it_did_not_write(tmp_path):
    """`export .` once deleted the whole repository: every output path is checked first."""
    project = tmp_path / "project"
    copy_cases(project / "cases")
    (project / ".git").mkdir()  # the repository root
    (project / "notes").mkdir()
    (project / "notes" / "todo.txt").write_text("mine", encoding="utf-8")
    (project / "afile.txt").write_text("mine", encoding="utf-8")
    (project / "link").symlink_to(project / "notes")
    (project / "sub").mkdir()
    before = _tree(project)
    refused = {
        ".": "would delete the current directory", "..": "would delete the current directory",
        str(tmp_path): "would delete the current directory", "/": "would delete the current directory",
        "cases": "refusing to export into the cases folder", "cases/new": "refusing to export into the cases folder",
        "notes": "was not written by this tool", "afile.txt": "is an existing file",
        "afile.txt/out": "is a file, so no folder can be made under it", "link": "is a symbolic link",
    }
    for target, words in refused.items():
        result = run("export", target, cwd=project)
        assert result.returncode == 2 and words in result.stderr, (target, result.stderr)
        assert f"{target}: error: " in result.stderr and "(fix: " in result.stderr and "Traceback" not in result.stderr
    # from a subfolder, with the cases given: the repository root contains both
    result = run("export", "..", "--cases", "../cases", cwd=project / "sub")
    assert result.returncode == 2 and "would delete" in result.stderr
    assert _tree(project) == before  # nothing deleted, nothing written
    assert sorted(p.name for p in project.iterdir()) == [".git", "afile.txt", "cases", "link", "notes", "sub"]  # no stray folder


def test_export_creates_missing_folders_and_replaces_only_its_own_output(tmp_path):
    project = copy_cases(tmp_path / "project" / "cases").parent
    result = run("export", "out/deep/pages", cwd=project)  # missing parents are created
    assert result.returncode == 0, result.stderr
    exported = project / "out" / "deep" / "pages"
    assert (exported / "index.md").exists() and (exported / ".case-archive-output").is_file()
    (exported / "stale.md").write_text("old", encoding="utf-8")
    assert run("export", "out/deep/pages", cwd=project).returncode == 0  # its own output is replaced
    assert not (exported / "stale.md").exists() and (exported / "index.md").exists()
    (project / "empty").mkdir()
    assert run("export", "empty", cwd=project).returncode == 0  # an empty folder may be used
    assert sorted(p.name for p in (project / "out" / "deep").iterdir()) == ["pages"]  # no staging folder left
    assert sorted(p.name for p in project.iterdir()) == [".cache", "cases", "empty", "out"]
