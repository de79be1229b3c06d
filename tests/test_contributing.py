"""The contributor path: workflows lint clean, PR summary, issue-form ingest, pre-commit hook.

Each test works in its own git repository holding the fixture archive, never the shipped cases/.
"""

import os
import pathlib
import shutil
import subprocess
import sys

import pytest
import yaml

from tests.conftest import CASES, ROOT, case_body, copy_cases, run_cli

GITHUB = ROOT / ".github"


def _bin(name: str) -> str:
    found = shutil.which(name, path=os.pathsep.join([str(pathlib.Path(sys.executable).parent), os.environ.get("PATH", "")]))
    assert found, f"{name} is not installed (pip install -e '.[test]')"
    return found


@pytest.mark.parametrize("schema,files", [
    ("vendor.github-workflows", sorted((GITHUB / "workflows").glob("*.yml"))),
    ("vendor.github-issue-forms", [GITHUB / "ISSUE_TEMPLATE" / "submit-case.yml"]),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
])
def test_github_files_lint_clean(schema, files):
    assert files
    result = subprocess.run([_bin("check-jsonschema"), "--builtin-schema", schema, *map(str, files)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_do_what_the_project_needs():
    pr = yaml.safe_load((GITHUB / "workflows" / "pull-request.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") + step.get("uses", "") for step in pr["jobs"]["check"]["steps"]]
    assert any("build_tools check" in s and "--github" in s for s in steps)
    assert any("pytest" in s for s in steps) and any("mkdocs build --strict" in s for s in steps)
    assert any("setup-python" in s for s in steps)
    deploy = yaml.safe_load((GITHUB / "workflows" / "deploy.yml").read_text(encoding="utf-8"))
    uses = [step.get("uses", "") for job in deploy["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["permissions"]["pages"] == "write" and deploy["permissions"]["id-token"] == "write"


def git(folder, *words):
    return subprocess.run(["git", *words], cwd=folder, capture_output=True, text=True, check=True,
                          env=dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.org",
                                   GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.org"))


@pytest.fixture
def repo(tmp_path):
    copy_cases(tmp_path / "cases")
    shutil.copy(ROOT / ".gitignore", tmp_path / ".gitignore")  # .cache/ is never committed
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "cases")
    return tmp_path


def run(folder, *args):
    return run_cli(*args, cwd=folder)


def test_check_changed_summarises_only_new_cases(repo):
    longwan = repo / "cases" / "2020-03-09-longwan-hongse-xibao.txt"
    content = longwan.read_bytes()
    longwan.unlink()
    git(repo, "commit", "-qam", "remove one case")
    longwan.write_bytes(content)  # comes back as a new, valid case
    copy = repo / "cases" / "2021-10-21-henan-copy.txt"
    copy.write_text("---\ntitle: 另一篇\n---\n" + (CASES / "2021-10-21-henan-jiguan-dangjian.txt")
                    .read_text(encoding="utf-8").replace("在大戰大考中", "在大戰中"), encoding="utf-8")
    result = run(repo, "check", "--changed", "--base", "main", "--site-url", "https://preview.example.org/")
    summary = result.stdout
    assert "2 个改动的案例" in summary
    assert "### ✅ `2020-03-09-longwan-hongse-xibao.txt`" in summary
    assert "| 标题 | 激活“红色细胞”提供坚强保障 | 正文提取 |" in summary
    assert "https://preview.example.org/zh-Hant/cases/2020-03-09-longwan-hongse-xibao/" in summary
    assert "### ❌ `2021-10-21-henan-copy.txt`" in summary
    assert "nearly the same article text" in summary  # reported on the new file, not the old one
    assert "henan-jiguan-dangjian.txt`" not in summary
    assert result.returncode == 1


ISSUE = """### 原文网址

https://example.org/longwan

### 发布日期

2020-03-09

### 地区

温州市龙湾区

### 文章全文

```text
{text}
```
"""


def test_ingest_issue_form_makes_a_valid_case(repo):
    text = case_body(CASES / "2020-03-09-longwan-hongse-xibao.txt").decode("utf-8")  # the raw capture
    (repo / "cases" / "2020-03-09-longwan-hongse-xibao.txt").unlink()
    issue = repo / "issue.md"
    issue.write_text(ISSUE.format(text=text), encoding="utf-8")
    result = run(repo, "ingest", "--issue", str(issue))
    assert result.returncode == 0, result.stderr
    created = pathlib.Path(repo, result.stdout.split()[1])
    content = created.read_text(encoding="utf-8")
    assert "url: https://example.org/longwan" in content and "region: 温州市龙湾区" in content
    assert content.endswith(text + "\n") or content.endswith(text)
    assert run(repo, "check", str(created)).returncode == 0


def test_pre_commit_hook_checks_staged_case_files(repo):
    shutil.copy(ROOT / ".pre-commit-config.yaml", repo / ".pre-commit-config.yaml")
    bad = repo / "cases" / "2020-01-01-bad.txt"
    bad.write_text("---\ntitel: x\n---\n正文。", encoding="utf-8")
    git(repo, "add", "-A")
    env = dict(os.environ, PYTHONPATH=str(ROOT), PRE_COMMIT_HOME=str(repo / ".pre-commit-cache"),
               PATH=os.pathsep.join([str(pathlib.Path(sys.executable).parent), os.environ.get("PATH", "")]))
    result = subprocess.run([_bin("pre-commit"), "run", "--files", str(bad.relative_to(repo))], cwd=repo,
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode != 0
    assert "did you mean 'title'" in result.stdout
    bad.write_text((CASES / "2020-03-09-longwan-hongse-xibao.txt").read_text(encoding="utf-8"), encoding="utf-8")
    (repo / "cases" / "2020-03-09-longwan-hongse-xibao.txt").unlink()
    git(repo, "add", "-A")
    result = subprocess.run([_bin("pre-commit"), "run", "--files", "cases/2020-01-01-bad.txt"], cwd=repo,
                            capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
