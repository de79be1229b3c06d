"""Bad case files end in a clear message naming file and line, never a traceback."""

import pathlib
import subprocess
import sys

import pytest

from tests.conftest import CASES, ROOT

GOOD = (CASES / "2020-03-09-longwan-hongse-xibao.txt").read_text(encoding="utf-8")


def run_check(folder: pathlib.Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "build_tools", "check", "--cases", str(folder), "-q", *extra],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)


def write(folder: pathlib.Path, name: str, content) -> pathlib.Path:
    path = folder / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


CASES_BAD = {
    "bad-yaml": ("---\ntitle: [unclosed\n---\n" + GOOD, "front matter is not valid YAML", ":2"),
    "not-mapping": ("---\n- a\n- b\n---\n" + GOOD, "must be a mapping", ":2"),
    "unknown-key": ("---\ntitel: x\n---\n" + GOOD, "did you mean 'title'", ":2"),
    "bad-date": ("---\ndate: 2020-02-30\n---\n" + GOOD, "not a real calendar day", ":2"),
    "date-format": ("---\ndate: March 2020\n---\n" + GOOD, "must be YYYY-MM-DD", ":2"),
    "future-date": ("---\ndate: 2099-01-01\n---\n" + GOOD, "outside the plausible range", ":2"),
    "empty-body": ("---\ntitle: x\n---\n\n  \n", "body is empty", ":4"),
    "empty-file": ("", "the file is empty", ":1"),
    "unknown-tag": ("---\ntags: [抗疫英雄]\n---\n" + GOOD, "unknown tag '抗疫英雄'", ":2"),
    "bad-url": ("---\nurl: javascript:alert(1)\n---\n" + GOOD, "'url' must be an http", ":2"),
    "alias": ("---\na: &x [1]\ntitle: *x\n---\n" + GOOD, "aliases", ":3"),
    "ambiguous-region": ("---\nregion: 朝阳区\n---\n" + GOOD, "ambiguous", ":2"),
    "unterminated": ("---\ntitle: x\n" + GOOD, "no closing '---'", ":1"),
    "all-chrome": ("找回密码\n注册\n搜索\n分享到:\n", "no article text is left", ""),
    "gbk": (GOOD.encode("gb18030"), "look like GB18030/GBK (fix: convert it: iconv -f GB18030", ":1"),
    "big5": ("激活紅色細胞提供堅強保障。黨員幹部在疫情防控第一線發揮作用。".encode("big5"), "look like Big5 (fix: convert it: iconv -f BIG5", ":1"),
    "utf16": (GOOD.encode("utf-16"), "UTF-16", ""),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary", ""),
}


@pytest.mark.parametrize("kind", sorted(CASES_BAD))
def test_bad_case_gives_clear_error(tmp_path, kind):
    content, message, location = CASES_BAD[kind]
    write(tmp_path, "2020-03-09-bad-case.txt", content)
    before = {p: p.read_bytes() for p in tmp_path.iterdir()}
    result = run_check(tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert message in output, output
    assert "2020-03-09-bad-case.txt" + location in output, output
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before  # check never writes


def test_bom_and_crlf_are_accepted(tmp_path):
    write(tmp_path, "2020-03-09-bom-crlf.txt", b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode("utf-8"))
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_duplicate_capture_is_refused(tmp_path):
    write(tmp_path, "2020-03-09-first.txt", GOOD)
    write(tmp_path, "2020-03-09-second.txt", "---\nsource: 别处\n---\n" + GOOD)
    result = run_check(tmp_path)
    assert result.returncode == 1
    assert "duplicate case: " in result.stdout and "2020-03-09-first.txt" in result.stdout


def test_badly_named_file_is_refused(tmp_path):
    write(tmp_path, "My Case.txt", GOOD)
    result = run_check(tmp_path)
    assert result.returncode == 1 and "does not follow the convention" in result.stdout


def test_symlink_is_refused(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD, encoding="utf-8")
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "2020-03-09-link.txt").symlink_to(outside)
    result = run_check(folder)
    assert result.returncode == 1 and "symbolic link" in result.stdout


def test_strict_promotes_warnings_and_github_annotations(tmp_path):
    write(tmp_path, "2020-03-09-longwan.txt", GOOD.replace("柒零叁网 ( 浙ICP备08111123号-1 )", ""))
    assert run_check(tmp_path).returncode == 0
    result = run_check(tmp_path, "--strict", "--github")
    assert result.returncode == 1
    assert "::error file=" in result.stdout and "no source outlet found" in result.stdout
