"""Script conversion as a reader of either script would sign it off: the archive's phrase list
(tests/conversion/phrases.tsv) converts exactly, one Traditional standard on every page, names
and places kept. Everything runs the real OpenCC with the archive's dictionaries."""

import os
import pathlib
import subprocess
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))

import conversion_score  # noqa: E402
from build_tools import propernames, script  # noqa: E402
from build_tools.model import HANS, HANT, CaseError  # noqa: E402
from tests import forked

LIST = ROOT / "tests" / "conversion" / "phrases.tsv"


@pytest.fixture
def standard():
    """Select a standard for one test and restore the default afterwards."""
    chosen = []

    def use(name):
        chosen.append(name)
        script.use_standard(name)

    yield use
    script.use_standard(script.DEFAULT_STANDARD)


def test_the_phrase_list_converts_exactly():
    rows = conversion_score.read_list(LIST)
    assert len(rows) >= 300
    directions = {row["direction"] for row in rows}
    assert directions == {"s2t", "t2s", "t2t"}
    _, failures = conversion_score.score(rows)
    assert not failures, "\n".join(f"{LIST.name}:{r['line']}: {r['input']} -> {got} (expected {r['expected']})"
                                   for r, got in failures)


def test_the_scorer_puts_plain_opencc_beside_the_archive():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "conversion_score.py"), str(LIST)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    columns = {line.split()[0] for line in result.stdout.splitlines() if line.startswith("  ") and "/" in line}
    assert {"archive", "s2t", "s2tw", "t2s"} <= columns
    assert "100.0%" in next(line for line in result.stdout.splitlines() if line.strip().startswith("archive "))


@pytest.mark.parametrize("name,forms,other", [("tw", "為群眾著裡", "爲羣衆着裏"), ("opencc", "爲羣衆着裏", "為群眾著裡"),
                                               ("hk", "為羣眾着裏", "爲衆著裡")])
def test_one_standard_whatever_the_capture(standard, name, forms, other):
    standard(name)
    captures = ["为人民服务，群众看着这里", "爲人民服務，羣衆看着這裏", "為人民服務，群眾看著這裡"]
    pages = {script.convert_text(text, HANT) for text in captures}
    assert len(pages) == 1, pages  # the same page whatever the capture's script or standard
    page = pages.pop()
    assert all(c in page for c in forms) and not any(c in page for c in other), page


def test_a_traditional_name_keeps_its_characters_in_simplified():
    text = "市委組織部幹部滕乾生一接到電話便返崗。返崗後，滕乾生每天加班。"
    simplified = script.convert_text(text, HANS)
    assert simplified.count("滕乾生") == 2  # found once by its context, kept wherever it occurs
    assert "干部" in simplified  # the word around it still converts


def test_names_a_case_gives_are_kept():
    # 干 is far more often a word than a surname: without a role word before it, only the case's
    # list says 干小平 is a name
    assert script.convert_text("干小平主动请缨", HANT, ("干小平",)) == "干小平主動請纓"
    assert script.convert_text("干小平主动请缨", HANT) == "幹小平主動請纓"
    assert script.convert_text("党员干小平主动请缨", HANT) == "黨員干小平主動請纓"  # role word and verb around it


@pytest.mark.parametrize("text,expected", [
    ("记者于建华报道", "記者于建華報道"),
    ("村党支部书记范志强说", "村黨支部書記范志強說"),
    ("（通讯员 余丽 摄）", "（通訊員 余麗 攝）"),
    ("信息70余条，于是大家", "信息70餘條，於是大家"),  # numbers and words are not names
    ("他们来自于各个社区", "他們來自於各個社區"),
    ("新干县党员干部连夜转移群众", "新干縣黨員幹部連夜轉移群眾"),  # a word between role words is no name
    ("記者 谷曉明 通訊員 範文斌 報道", "記者 谷曉明 通訊員 范文斌 報道"),  # a machine-converted surname repaired
])
def test_names_found_by_context(text, expected):
    assert script.convert_text(text, HANT) == expected


@pytest.mark.parametrize("text,hant,hans", [
    ("江西省新干县", "江西省新干縣", "江西省新干县"),
    ("陕西省乾县", "陝西省乾縣", "陕西省乾县"),
    ("赣州市于都县", "贛州市于都縣", "赣州市于都县"),
    ("在楼道里喷洒消毒液", "在樓道裡噴灑消毒液", "在楼道里喷洒消毒液"),  # 道里 is a place only with 区
])
def test_places_keep_their_names(text, hant, hans):
    assert script.convert_text(text, HANT) == hant
    assert script.convert_text(script.convert_text(text, HANT), HANS) == hans


def test_machine_converted_traditional_is_corrected_and_right_choices_stay():
    assert script.convert_text("農歷新年，沖鋒在前，收獲滿滿，舍小家", HANT) == "農曆新年，衝鋒在前，收穫滿滿，捨小家"
    assert script.convert_text("嚴格落實值班製度，學校騰出宿捨", HANT) == "嚴格落實值班制度，學校騰出宿舍"
    assert script.convert_text("頭髮乾淨，乾杯", HANT) == "頭髮乾淨，乾杯"


def test_simplified_uses_zhe_for_the_particle_and_keeps_zhu():
    assert script.convert_text("孕育著希望，寫著標語，著名學者，顯著成效，土著居民", HANS) == "孕育着希望，写着标语，著名学者，显著成效，土著居民"


def test_name_detection_is_linear():
    import time

    def timed(n):
        # the CPU time of this thread: the suite's other worker and its browser take the core away for
        # milliseconds at a time, which wall time would count (a 10-fold text once measured 36-fold)
        text = ("于" * 3 + "，余于范" * 2) * n
        start = time.thread_time()
        propernames.name_spans(text)
        return time.thread_time() - start

    timed(100)
    small = min(timed(2000) for _ in range(3))
    large = timed(20000)
    for _ in range(2):  # measured again only when slow: a pause (a page fault, a cache flushed) is not growth
        if large < small * 30:
            break
        large = min(large, timed(20000))
    assert large < small * 30  # ten times the text: about ten times the time, never a hundred


def test_a_broken_conversion_table_names_its_line(tmp_path):
    table = tmp_path / "s2t.txt"
    table.write_text("# comment\n舍小家\t捨小家\n只有一列\n", encoding="utf-8")
    with pytest.raises(CaseError) as error:
        script.read_table(table)
    assert error.value.diagnostics[0].line == 3 if hasattr(error.value, "diagnostics") else ":3" in str(error.value)
    assert "s2t.txt" in str(error.value)


def test_the_site_setting_chooses_the_standard(tmp_path):
    """`traditional:` in mkdocs.yml decides the forms of every Traditional page (a real build)."""
    import os
    import re
    import shutil

    from conftest import copy_cases

    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      traditional: tw\n" in config
    (tmp_path / "mkdocs.yml").write_text(config.replace("      traditional: tw\n", "      traditional: opencc\n      search: false\n"),
                                         encoding="utf-8")
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    copy_cases(tmp_path / "cases")
    result = forked.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"),
                             "-d", str(tmp_path / "site")], cwd=tmp_path, capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", CASE_ARCHIVE_NO_CACHE="1"))
    assert result.returncode == 0, result.stdout + result.stderr
    text = "".join(re.sub(r"<[^>]+>", "", re.search(r"<article.*?</article>", p.read_text(encoding="utf-8"), re.S).group(0))
                   for p in (tmp_path / "site" / "zh-Hant" / "cases").rglob("index.html"))
    assert "羣衆" in text or "羣眾" in text or "爲" in text  # OpenCC's standard forms
    assert not re.search("[為眾]", text)


def _convert_cli(*args, text: str, cwd=ROOT) -> subprocess.CompletedProcess:
    from conftest import run_cli

    return run_cli("convert", *args, input=text, cwd=cwd)


def test_the_convert_command_applies_what_the_build_applies(tmp_path):
    """`convert --case FILE` keeps the case's names (front matter names:, credits) as the build does:
    its output is the case page's text."""
    from build_tools import pipeline

    case = tmp_path / "2020-05-01-ceshi.txt"
    case.write_text("---\ntitle: 党员突击队\ndate: 2020-05-01\nnames: [干小平]\n---\n干小平主动请缨，带领党员干部连夜巡堤。\n\n记者 于建华 报道\n", encoding="utf-8")
    archive = pipeline.load_archive([case])
    assert not archive.errors, archive.errors
    built = archive.cases[0].variants[HANT]["paragraphs"][0]
    result = _convert_cli("--to", "zh-Hant", "--case", str(case), text=archive.cases[0].paragraphs[0])
    assert result.returncode == 0, result.stderr
    assert result.stdout == built == "干小平主動請纓，帶領黨員幹部連夜巡堤。"
    assert _convert_cli("--to", "zh-Hant", text="干小平主动请缨").stdout == "幹小平主動請纓"  # no case, no name
    assert _convert_cli("--to", "zh-Hans", text="孕育著希望").stdout == "孕育着希望"


def test_the_convert_command_follows_the_site_setting(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nsite_url: !ENV [SITE_URL, '']\nplugins:\n  - case-archive:\n"
                                         "      traditional: opencc\n", encoding="utf-8")
    env_text = "为人民服务，群众"
    assert _convert_cli("--to", "zh-Hant", text=env_text, cwd=tmp_path).stdout == "爲人民服務，羣衆"
    assert _convert_cli("--to", "zh-Hant", text=env_text).stdout == "為人民服務，群眾"  # the repository's: tw
    assert _convert_cli("--to", "zh-Hant", "--standard", "hk", text=env_text).stdout == "為人民服務，羣眾"


def test_the_convert_command_reports_a_missing_case_file(tmp_path):
    result = _convert_cli("--to", "zh-Hant", "--case", str(tmp_path / "none.txt"), text="")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "none.txt: error: cannot read the case file" in result.stderr


def test_edited_conversion_lists_are_picked_up_without_a_restart(tmp_path, monkeypatch):
    """`mkdocs serve` reloads the rule data when a file changes: an archive-wide name added to
    names.txt is kept from the next conversion on."""
    import shutil

    data = tmp_path / "conversion"
    shutil.copytree(script.DATA, data)
    monkeypatch.setattr(script, "DATA", data)
    script.reload_rules()
    try:
        assert script.convert_text("干小平主动请缨", HANT) == "幹小平主動請纓"
        with open(data / "names.txt", "a", encoding="utf-8") as names:
            names.write("干小平\n")
        script.reload_rules()
        assert script.convert_text("干小平主动请缨", HANT) == "干小平主動請纓"
    finally:
        monkeypatch.undo()
        script.reload_rules()


def test_a_long_run_of_articles_keeps_only_the_last_few_long_conversions():
    """A worker converting thousands of articles must not keep every one (it grew by ~100 MB per
    1,000 cases); short texts (names, labels) stay cached, and caching never changes a result."""
    script.forget_texts()
    paragraph = "社区党支部组织党员志愿者开展防控工作，为居民配送生活物资。"
    articles = [f"{paragraph}第{n}篇。{paragraph}" for n in range(300)]
    first = [script.to_hant(text) for text in articles]
    (_, long_texts) = script.to_hant.cache_info()
    assert long_texts.currsize <= 32
    assert [script.to_hant(text) for text in articles] == first  # the same results when converted again
    assert script.to_hant("党员") == "黨員"
    short, _ = script.to_hant.cache_info()
    assert short.currsize >= 1
    script.forget_texts()
    assert script.to_hant.cache_info()[0].currsize == 0


FORK_SCRIPT = r"""
import os, signal, sys
from build_tools import script
script.to_hant("党员")  # the parent's converters
pid = os.fork()
if pid == 0:  # a forked build process makes its own converter while the parent goes on
    script._converter.cache_clear()
    sys.exit(0 if script.to_hant("临时党支部") == "臨時黨支部" else 3)
script._converter.cache_clear()
assert script.to_hans("黨員幹部") == "党员干部"  # made while the child makes its own
_, status = os.waitpid(pid, 0)
assert os.waitstatus_to_exitcode(status) == 0, "the child's converter"
pid = os.fork()
if pid == 0:  # a process killed by a signal once it has made its converters
    script._converter.cache_clear()
    script.to_hant("防汛")
    os.kill(os.getpid(), signal.SIGKILL)
os.waitpid(pid, 0)
print("ok")
"""


def test_converters_are_made_apart_and_leave_no_folder_however_a_process_ends(tmp_path):
    """A build killed or ended in its forked Traditional process once left the parent reading an
    OpenCC configuration the child was writing ('Error parsing JSON'), and every process stopped by
    a signal (a preview ended with Ctrl-C) left its configuration folder in /tmp."""
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", FORK_SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr[-2000:]
    assert [p.name for p in tmp_path.iterdir()] == []
