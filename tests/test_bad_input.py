"""Bad case files end in a clear message naming file and line, never a traceback."""

import os
import pathlib
import subprocess
import sys

import pytest

from tests import forked
from tests.conftest import CASES, ROOT, run_cli

GOOD = (CASES / "2020-03-09-longwan-hongse-xibao.txt").read_text(encoding="utf-8")


def run_check(folder: pathlib.Path, *extra: str) -> subprocess.CompletedProcess:
    return run_cli("check", "--cases", str(folder), "-q", *extra)


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
    "nul-in-text": ("正文第一段。\n正文\x00第二段。", "NUL characters", ":2"),
    "title-number": ("---\ntitle: 123\n---\n" + GOOD, "'title' must be non-empty text", ":2"),
    "title-empty": ('---\ntitle: ""\n---\n' + GOOD, "'title' must be non-empty text", ":2"),
    "authors-number": ("---\nauthors: 5\n---\n" + GOOD, "'authors' must be a list of names", ":2"),
    "tags-mapping": ("---\ntags: {a: b}\n---\n" + GOOD, "'tags' must be a list of names", ":2"),
    "credits-list": ("---\ncredits: [a]\n---\n" + GOOD, "'credits' must map a role to names", ":2"),
    "region-number": ("---\nregion: 5\n---\n" + GOOD, "'region' must be a place name", ":2"),
    "region-unknown-key": ("---\nregion: {town: 城关镇}\n---\n" + GOOD, "'region' must be a place name", ":2"),
    "region-unknown": ("---\nregion: 火星市\n---\n" + GOOD, "not a place in the gazetteer", ":2"),
    "region-mismatch": ("---\nregion: {province: 江苏省, city: 广州市}\n---\n" + GOOD, "does not match exactly one place", ":2"),
    "date-number": ("---\ndate: 12\n---\n" + GOOD, "must be YYYY-MM-DD", ":2"),
    "date-too-old": ("---\ndate: 1900-01-01\n---\n" + GOOD, "outside the plausible range", ":2"),
    "data-url": ("---\nurl: data:text/html,<script>alert(1)</script>\n---\n" + GOOD, "'url' must be an http", ":2"),
    "url-space": ("---\nurl: https://example.org/a b\n---\n" + GOOD, "'url' must be an http", ":2"),
    "misspelt-tags": ("---\ntag: [临时党支部]\n---\n" + GOOD, "did you mean 'tags'", ":2"),
    "numeric-key": ("---\n1: x\n---\n" + GOOD, "unknown front-matter key '1'", ":2"),
    "duplicate-key": ("---\ntitle: a\ntitle: b\n---\n" + GOOD, "key 'title' appears twice", ":3"),
    "tab-indent": ("---\ntitle: x\n\tdate: 2020-01-01\n---\n" + GOOD, "not valid YAML", ":3"),
    "billion-laughs": ("---\na: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n---\n" + GOOD, "aliases", ":3"),
    "front-matter-only": ("---\ntitle: x\ndate: 2020-01-01\n---\n", "body is empty", ":5"),
    "huge-file": ("正文。" * (20 * 1024 * 1024 // 9), "larger than the 5 MB limit", ""),
    # front matter that once ended in a traceback without the file's name
    "deep-nesting": ("---\ntitle: x\nnote: " + "[" * 400 + "]" * 400 + "\n---\n" + GOOD, "nested more than 20 levels deep", ":3"),
    "deep-mapping": ("---\nnote: " + "{a: " * 300 + "1" + "}" * 300 + "\n---\n" + GOOD, "nested more than 20 levels deep", ":2"),
    "huge-integer": ("---\ntitle: x\nsource: " + "7" * 5000 + "\n---\n" + GOOD, "a number with 5000 characters is too long (fix: quote it", ":3"),
    "huge-integer-key": ("---\n? " + "7" * 5000 + "\n: x\n---\n" + GOOD, "a number with 5000 characters is too long", ":2"),
    "lone-surrogate": ('---\ntitle: "\\ud800"\n---\n' + GOOD, "'title' holds U+D800, half of a UTF-16 surrogate pair", ":2"),
    "lone-surrogate-key": ('---\n"\\udc00x": a\n---\n' + GOOD, "a front-matter key holds U+DC00", ":2"),
    "surrogate-in-list": ('---\nauthors: [a, "b\\ud83d"]\n---\n' + GOOD, "'authors' holds U+D83D", ":2"),
    # single-line fields: invisible text, bidi controls and control characters
    "zero-width-title": ('---\ntitle: "\\u200b\\u200b\\ufeff"\n---\n' + GOOD, "'title' must be non-empty text; it has only invisible", ":2"),
    "bidi-title": ('---\ntitle: "激活\\u202e细胞"\n---\n' + GOOD, "'title' holds U+202E, an invisible bidirectional control", ":2"),
    "bidi-isolate-source": ('---\nsource: "某某\\u2066网"\n---\n' + GOOD, "'source' holds U+2066", ":2"),
    "control-in-source": ('---\nsource: "某某\\a网"\n---\n' + GOOD, "'source' holds U+0007, a control character", ":2"),
    "invisible-author": ('---\nauthors: [陈玲, "\\u2060"]\n---\n' + GOOD, "'authors' must be a list of names; one has only invisible", ":2"),
    "invisible-region": ('---\nregion: "\\u200d"\n---\n' + GOOD, "'region' must be a place name", ":2"),
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


def test_lone_cr_and_very_long_lines_are_accepted(tmp_path):
    one_line = GOOD.replace("\n", "")  # the whole capture on one line, 40 KB
    write(tmp_path, "2020-03-09-long-line.txt", "---\ntitle: 长行\n---\n" + one_line * 20)
    write(tmp_path, "2020-03-08-lone-cr.txt", ("---\ntitle: 回车\n---\n" + GOOD).replace("\n", "\r")
          .replace("激活", "激发"))
    result = run_check(tmp_path)
    assert "Traceback" not in result.stdout + result.stderr
    assert "2020-03-08-lone-cr.txt: ok" in result.stdout


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


def test_same_url_is_refused(tmp_path):
    write(tmp_path, "2020-03-09-first.txt", "---\nurl: https://example.org/a\n---\n" + GOOD)
    other = (CASES / "2021-10-21-henan-jiguan-dangjian.txt").read_text(encoding="utf-8")
    write(tmp_path, "2021-10-21-second.txt", "---\nurl: https://example.org/a\n---\n" + other)
    result = run_check(tmp_path)
    assert result.returncode == 1 and "same original address" in result.stdout


def test_near_identical_text_from_another_site_is_refused(tmp_path):
    write(tmp_path, "2020-03-09-first.txt", GOOD)
    body = GOOD.split("习近平总书记指出", 1)[1].split("您需要登录后")[0]
    edited = "某某网 > 党建 > 正文\n激活红色细胞 提供坚强保障\n来源：另一网站 2020-03-10\n习近平总书记指出" + body.replace("一是", "第一，", 2)
    write(tmp_path, "2020-03-10-copy.txt", edited)
    result = run_check(tmp_path)
    assert result.returncode == 1 and "nearly the same article text" in result.stdout, result.stdout


def test_same_file_twice_is_refused(tmp_path):
    path = write(tmp_path, "2020-03-09-once.txt", GOOD)
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "-q", str(path), str(path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "given twice" in result.stdout


def test_other_files_in_cases_folder_are_reported(tmp_path):
    write(tmp_path, "2020-03-09-good.txt", GOOD)
    write(tmp_path, "notes.md", "# notes")
    (tmp_path / "2020-01-01-folder.txt").mkdir()
    result = run_check(tmp_path)
    assert result.returncode == 1 and "Traceback" not in result.stdout + result.stderr
    assert "notes.md" in result.stdout and "2020-01-01-folder.txt" in result.stdout


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


BROKEN_DATA = {
    "tags.yml": [
        ("tags:\n  - name: 临时党支部\n    slug: Bad Slug\n    signals: [临时]\n", "needs an ASCII 'slug'", 2),
        ("tags:\n  - name: a\n    slug: a\n    signals: []\n", "non-empty 'signals'", 2),
        ("tags:\n  - name: a\n    slug: a\n    signals: [x]\n  - name: a\n    slug: b\n    signals: [y]\n", "defined twice", 5),
        ("tags: [\n", "invalid YAML", 1),
        ("tags:\n  - name: a\n    slug: a\n    signals: [x]\n    colour: red\n", "unknown key", 2),
    ],
    "boilerplate.yml": [
        ("drop_lines:\n  - '(unclosed'\n", "invalid regular expression", 2),
        ("drop_lines: 5\n", "must be a list", 1),
        ("tail_fraction: 2\n", "must be a number in (0, 1]", 1),
        ("edge_lines:\n  - '[unclosed'\n", "invalid regular expression", 2),
        ("footer_words: 版权\n", "must be a list", 1),
        ("footer_min_words: 1\n", "must be a whole number of 2 or more", 1),
        ("widget_words: 更多\n", "must be a list", 1),
        ("widget_share: 0\n", "must be a number in (0, 1]", 1),
        ("account_labels: 微信公众号\n", "must be a list", 1),
    ],
    "meta_labels.yml": [
        ("labels:\n  来源: 来源\n  责编: 主编\n", "unknown role", 3),
        ("labels:\n  来源: 来源\n  'Date ': 时间\n", "must be one to eight Chinese characters", 3),
        ("labels: [来源]\n", "must have a 'labels:' mapping", 1),
    ],
    "gazetteer.csv": [
        ("code,name\n320000,江苏省\n320200\n", "bad gazetteer row", 3),
        ("code,name\n320200,无锡市\n", "has no province row", 2),
        ("code,name\n320000,江苏省\n320000,江苏\n", "appears twice", 3),
        ("name,code\n", "must start with the header", 1),
    ],
    "towns.csv": [
        ("code,name\n32020000,某镇\n", "bad town table row", 2),
        ("# comment\ncode,name\n320200001,\n", "bad town table row", 3),
        ("name,code\n", "must start with the header", 1),
    ],
    "landmarks.csv": [
        ("code,name\n320200,某坝\n", "no division has the code", 2),
        ("# comment\ncode,name\n320000,坝\n", "too short", 3),
        ("code,name\n3200,某坝\n", "bad landmark table row", 2),
    ],
}


@pytest.mark.parametrize("name,index", [(n, i) for n, items in BROKEN_DATA.items() for i in range(len(items))])
def test_broken_data_file_gives_clear_error(tmp_path, name, index):
    from build_tools import gazetteer, rules
    from build_tools.model import CaseError

    content, message, line = BROKEN_DATA[name][index]
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    loader = {"tags.yml": rules.load_vocabulary, "boilerplate.yml": rules.load_boilerplate,
              "meta_labels.yml": rules.load_meta_labels, "gazetteer.csv": gazetteer.load,
              "towns.csv": lambda p: gazetteer.load_towns(p, {}),
              "landmarks.csv": lambda p: gazetteer.load_landmarks(p, {"320000": gazetteer.Division("320000", "江苏省", "province", "320000", None)})}[name]
    with pytest.raises(CaseError) as caught:
        loader(path)
    diagnostic = caught.value.diagnostic
    assert message in diagnostic.message and diagnostic.line == line and diagnostic.path.endswith(name)


def test_check_reports_every_error_of_a_case_at_once(tmp_path):
    """A contributor fixes a file in one pass: every problem is listed, each at its line."""
    write(tmp_path, "2020-03-09-many-problems.txt",
          "---\ntitel: x\nurl: ftp://example.org/a\nauthors: 7\n---\n" + GOOD)
    result = run_check(tmp_path)
    assert result.returncode == 1
    for line, words in ((2, "unknown front-matter key 'titel'"), (3, "'url' must be"), (4, "'authors' must be")):
        assert f"2020-03-09-many-problems.txt:{line}: error: {words}" in result.stdout, result.stdout
    write(tmp_path, "2020-03-09-many-problems.txt",
          "---\ntags: [没有这个标签]\ndrop: [没有这一行]\n---\n党员干部下沉社区，协助开展防控工作，守好家门口的关卡。\n")
    result = run_check(tmp_path)
    for words in ("no title found", "no publication date found", "unknown tag '没有这个标签'", "drop: '没有这一行' matches no line"):
        assert words in result.stdout, (words, result.stdout)


def test_front_matter_breakers_fail_the_mkdocs_build_cleanly(tmp_path):
    """The same files under `mkdocs build`: a build error naming file and line, no traceback."""
    import shutil

    from tests.conftest import copy_cases

    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    copy_cases(tmp_path / "cases")
    for name, kind in (("2020-01-01-deep.txt", "deep-nesting"), ("2020-01-02-digits.txt", "huge-integer"),
                       ("2020-01-03-surrogate.txt", "lone-surrogate")):
        write(tmp_path / "cases", name, CASES_BAD[kind][0])
    result = forked.run([sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
                            cwd=tmp_path, capture_output=True, text=True, timeout=600, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"))
    assert result.returncode != 0 and "Traceback" not in result.stdout + result.stderr
    for where in ("2020-01-01-deep.txt:3: error: front matter is nested", "2020-01-02-digits.txt:3: error: a number with 5000",
                  "2020-01-03-surrogate.txt:2: error: 'title' holds U+D800"):
        assert where in result.stderr, result.stderr


def test_line_breaks_in_single_line_fields_become_spaces(tmp_path):
    """A title or source with line breaks once put Markdown structure (a list item, a rule, a
    broken link) into the listing pages: they are joined into one line."""
    write(tmp_path, "2020-03-09-breaks.txt",
          '---\ntitle: "激活红色细胞\\n- 伪造的列表项\\n\\n---\\n[链接](x"\nsource: "某某\\r\\n网"\n'
          'authors: ["陈\\u2028玲"]\nnote: |\n  第一行\n\n  # 第二段\n---\n' + GOOD)
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "--cases", str(tmp_path)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "  title    激活红色细胞 - 伪造的列表项 --- [链接](x  [front matter]" in result.stdout
    assert "  source   某某 网  [front matter]" in result.stdout and "  authors  陈 玲  [front matter]" in result.stdout
    from build_tools import reader

    raw = reader.read_case(tmp_path / "2020-03-09-breaks.txt")
    assert raw.front_matter["note"] == "第一行 # 第二段"


def test_hidden_files_in_the_cases_folder_get_a_notice(tmp_path):
    write(tmp_path, "2020-03-09-good.txt", GOOD)
    write(tmp_path, ".2020-03-10-hidden.txt", GOOD)
    write(tmp_path, ".notes", "x")
    result = run_check(tmp_path)
    assert result.returncode == 0, result.stdout  # a notice is not a problem
    assert ".2020-03-10-hidden.txt: notice: hidden file: not read as a case (fix: if it is a case, rename it" in result.stdout
    assert ".notes: notice: hidden file" in result.stdout
    assert "1 valid, 0 invalid" in result.stdout
    lines = run_check(tmp_path, "--strict", "--github").stdout.splitlines()
    hidden = [line for line in lines if ".2020-03-10-hidden.txt" in line]
    assert len(hidden) == 1 and hidden[0].startswith("::notice file=")  # --strict makes warnings errors, not notices


def test_github_annotations_cannot_be_forged(tmp_path):
    """A front-matter key with a line break once printed a second annotation of the case's
    choosing; every message and property is escaped as GitHub workflow commands require."""
    folder = tmp_path / "odd,folder:name"
    folder.mkdir()
    write(folder, "2020-03-09-forged.txt",
          '---\n"x\\n::warning file=README.md,line=1::forged 100%": 1\n---\n' + GOOD)
    result = run_check(folder, "--github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert not any(line.startswith("::warning file=README.md") for line in lines), result.stdout
    annotation = next(line for line in lines if line.startswith("::error "))
    assert "file=" + str(folder).replace(":", "%3A").replace(",", "%2C") + "/2020-03-09-forged.txt,line=2::" in annotation
    assert "unknown front-matter key 'x\\n%3A%3Awarning" not in annotation  # (messages escape only % and line breaks)
    assert "unknown front-matter key 'x\\n::warning file=README.md,line=1::forged 100%25'" in annotation
    plain = run_check(folder)  # without --github, too, no line of the output starts a command
    assert not any(line.lstrip().startswith("::") for line in plain.stdout.splitlines()), plain.stdout


def test_github_escaping_of_messages_and_properties():
    from build_tools.cli import github_data, github_property

    assert github_data("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d"
    assert github_property("100% a\r\nb:c,d") == "100%25 a%0D%0Ab%3Ac%2Cd"


@pytest.mark.parametrize("written", ["2020年2月30日", "2099年1月1日", "1900年1月1日", "2021-13-01"])
def test_dates_in_the_text_pass_the_calendar_and_range_checks(tmp_path, written):
    """An impossible day is not taken; a real day outside 1949-10-01..today is not taken either,
    with a warning at its line; no rename is ever suggested with such a date."""
    text = "党员干部下沉社区，协助开展防控工作，守好家门口的关卡。\n疫情发生以来，各社区党委迅速行动，组织党员挨家挨户排查登记。\n"
    write(tmp_path, "2020-03-09-dated.txt", f"激活红色细胞提供坚强保障\n发布时间：{written} 来源：某某网\n" + text)
    result = run_check(tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "no publication date found in the text" in output, output
    iso = "-".join(part.zfill(2) for part in __import__("re").findall(r"\d+", written))
    assert f"rename the file to {iso}" not in output and f"date     {iso}" not in output
    if written in ("2099年1月1日", "1900年1月1日"):
        assert f"2020-03-09-dated.txt:2: warning: the date {iso} in the text is outside the plausible range (1949-10-01 to today)" in output
    else:
        assert "outside the plausible range" not in output
    # with a good date elsewhere in the header, the good one is taken and the rename uses it
    write(tmp_path, "2020-03-09-dated.txt", f"激活红色细胞提供坚强保障\n发布时间：{written} 来源：某某网\n日期：2020-03-08\n" + text)
    output = run_check(tmp_path, "--strict").stdout
    assert "rename the file to 2020-03-08-dated.txt" in output and f"rename the file to {iso}" not in output


def test_a_hidden_case_file_is_named_in_the_build_log(tmp_path):
    """`mkdocs build` says which hidden files it did not publish, as `check` does."""
    import shutil

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(config.replace("      cases_dir: cases\n", "      cases_dir: cases\n      search: false\n"),
                                         encoding="utf-8")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    (tmp_path / "cases").mkdir()
    write(tmp_path / "cases", "2020-03-10-shown.txt", GOOD)
    write(tmp_path / "cases", ".2020-03-11-hidden.txt", GOOD)
    result = forked.run([sys.executable, "-m", "mkdocs", "build", "-f", str(tmp_path / "mkdocs.yml"), "-d",
                             str(tmp_path / "site")], cwd=tmp_path, capture_output=True, text=True, timeout=300,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", CASE_ARCHIVE_NO_CACHE="1"))
    assert result.returncode == 0, result.stderr
    assert ".2020-03-11-hidden.txt: notice: hidden file: not read as a case" in result.stderr
