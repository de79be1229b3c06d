"""The capture corpus (tests/corpus): each family of noise comes out as expected."""

import subprocess
import sys

import pytest
import yaml

from build_tools.cli import inspect_capture
from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from accuracy import PINYIN, norm  # noqa: E402

CORPUS = ROOT / "tests" / "corpus"
ITEMS = sorted(p.stem for p in CORPUS.glob("c*.yml"))


def test_corpus_covers_every_family():
    families = " ".join(" ".join(map(str, yaml.safe_load((CORPUS / f"{name}.yml").read_text("utf-8"))["families"]))
                        for name in ITEMS)
    for family in ("tone-marked pinyin", "toneless pinyin", "breadcrumb", "share", "counter", "e-paper", "captcha",
                   "login", "comment", "police", "forum", "junk", "HTML", "Markdown", "entit",
                   "spam", "mojibake", "kicker", "subtitle", "repeated", "no title", "round-up", "same-name", "implies",
                   "site owner", "passing mention", "epithet"):
        assert family.lower() in families.lower(), family
    assert len(ITEMS) >= 12


@pytest.mark.parametrize("name", ITEMS)
def test_capture(name):
    want = yaml.safe_load((CORPUS / f"{name}.yml").read_text("utf-8"))
    got = inspect_capture((CORPUS / f"{name}.txt").read_bytes(), f"{name}.txt")
    for field in ("title", "subtitle", "source", "authors"):
        assert norm(got[field]) == norm(want[field]), (field, got[field])
        if want[field] is None:
            assert got[field] is None or got[field] == [], field
    assert str(got["date"] or "") == str(want["date"] or "")
    assert got["region"] == want["region"]
    assert got["script"] == want["script"]
    assert got["body"].split("\n\n") == want["text"].rstrip("\n").split("\n\n") or norm(got["body"]) == norm(want["text"])
    assert len(got["body"].split("\n\n")) == len(want["text"].rstrip("\n").split("\n\n"))
    for chrome in want["chrome"]:
        if norm(chrome):  # strings of punctuation only, like '![]()', are checked as written
            assert norm(chrome) not in norm(got["text"]), chrome
        else:
            assert chrome not in got["text"], chrome
    assert not PINYIN.search(got["text"])


def test_accuracy_report_runs_and_is_perfect_on_the_corpus():
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "accuracy.py")], capture_output=True, text=True,
                            timeout=300)
    assert "captures" in result.stdout and "article characters kept: 100.0%" in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout


def test_every_literary_name_points_to_one_province_or_city():
    """region_words.yml's literary names, nicknames and service apps ('三晋', '魔都', '粤康码') each name a province or a city of the
    gazetteer by its full name: a misspelt one would never place a story, silently."""
    from build_tools import classify, gazetteer

    table = gazetteer.default()
    _, names = classify._literary_names()
    assert names
    for nickname, place in names.items():
        matches = [d for d in table.by_code.values() if d.level in ("province", "city") and d.name == place]
        assert len(matches) == 1, f"region_words.yml literary_names: {nickname}: {place!r} names {len(matches)} divisions"


@pytest.mark.parametrize("name", [n for n in ITEMS if "《" in str(yaml.safe_load((CORPUS / f"{n}.yml").read_text("utf-8"))["source"] or "")])
def test_source_keeps_its_title_marks(name):
    """The comparison above ignores punctuation; a source shown to readers keeps its title marks
    balanced and as the capture prints them ('来源:《当代陕西》—陕西网')."""
    want = yaml.safe_load((CORPUS / f"{name}.yml").read_text("utf-8"))["source"]
    got = inspect_capture((CORPUS / f"{name}.txt").read_bytes(), f"{name}.txt")["source"]
    assert got.count("《") == got.count("》") and want.count("《") == got.count("《"), got
