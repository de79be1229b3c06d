"""Nothing lost silently: every line the cleaner takes out is accounted for, a person corrects the
cleaner with front-matter drop:/keep:, and inspect shows what the build publishes."""

import pathlib
import subprocess

import pytest

from build_tools import mojibake, pipeline, reader
from build_tools.cli import inspect_capture
from tests.conftest import ROOT, run_cli

CORPUS = ROOT / "tests" / "corpus"

BYLINE_CAPTURE = """党员服务队走进隔离点
2020年3月2日 来源：东川日报
东川区组建党员服务队，每天为隔离点送去生活物资和药品，解决群众的实际困难。
服务队还开通了热线电话，帮助隔离人员联系家人、预约就诊。
（记者 刘思远 通讯员 陈光明）
责任编辑：赵一
Copyright © 2020 东川日报社 版权所有
"""


def _han(text: str) -> str:
    return "".join(c for c in text if "\u4e00" <= c <= "\u9fff")


def test_every_removed_line_is_accounted_for():
    got = inspect_capture(BYLINE_CAPTURE.encode(), "byline.txt")
    assert got["authors"] == ["刘思远", "陈光明"]
    assert got["credits"].get("责任编辑") == ["赵一"]
    assert got["source"] == "东川日报" and got["date"] == "2020-03-02"
    # each line of the capture is either in the page text or in the record, with a reason
    shown = _han(got["text"])
    recorded = {item["line"]: item for item in got["removed"]}
    for number, line in enumerate(BYLINE_CAPTURE.splitlines(), start=1):
        if _han(line) and _han(line) not in shown:
            assert number in recorded, line
            assert recorded[number]["why"], line
    reasons = {item["text"]: item["why"] for item in got["removed"]}
    assert reasons["（记者 刘思远 通讯员 陈光明）"].startswith("metadata")
    assert reasons["责任编辑：赵一"].startswith("metadata")
    assert any(why.startswith("chrome") for text, why in reasons.items() if "Copyright" in text)


@pytest.mark.parametrize("name", sorted(p.stem for p in CORPUS.glob("c*.txt")))
def test_no_corpus_line_vanishes(name):
    """Every line of every look-alike capture with Chinese text in it is shown, or recorded as removed with a
    reason (a title, metadata, chrome): a rule that empties a line must say so. Compared after the capture's own
    mojibake repair, which changes characters on purpose."""
    raw = (CORPUS / f"{name}.txt").read_bytes()
    got = inspect_capture(raw, f"{name}.txt")
    shown = _han(got["text"])
    recorded = {item["line"] for item in got["removed"]}
    removed_text = _han(" ".join(item["text"] for item in got["removed"]))
    text, _ = mojibake.repair(raw.decode("utf-8"))
    lines = text.split("\n")
    if lines[0].strip() == "---" and "---" in [x.strip() for x in lines[1:]]:
        lines = lines[[x.strip() for x in lines].index("---", 1) + 1:]  # line numbers count from the body
    for number, line in enumerate(lines, start=1):
        if _han(line) and _han(line) not in shown and _han(line) not in removed_text:
            assert number in recorded, (number, line)


def _case(tmp_path: pathlib.Path, front: str, body: str) -> pathlib.Path:
    path = tmp_path / "2020-03-02-dangyuan-fuwudui.txt"
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    return path


def _check(path: pathlib.Path) -> subprocess.CompletedProcess:
    return run_cli("check", str(path), cwd=path.parent, env={"CASE_ARCHIVE_NO_CACHE": "1"})


def test_drop_and_keep_correct_the_cleaner(tmp_path):
    body = ("党员服务队走进隔离点\n2020年3月2日 来源：东川日报\n"
            "东川区组建党员服务队，每天为隔离点送去生活物资和药品。广告：点此领取优惠券\n"
            "相关阅读\n服务队还开通了热线电话，帮助隔离人员联系家人、预约就诊。\n")
    # without corrections: the advertisement stays, the last paragraph is cut as a related list
    plain = inspect_capture(_case(tmp_path, "title: 党员服务队走进隔离点\n", body).read_bytes(), "x.txt")
    assert "优惠券" in plain["text"] and "热线电话" not in plain["text"]
    assert any("keep" in w and "热线电话" in w for w in plain["warnings"])
    fixed = _case(tmp_path, "title: 党员服务队走进隔离点\ndrop: ['广告：点此领取优惠券', 9]\nkeep: ['热线电话']\n", body)
    got = inspect_capture(fixed.read_bytes(), "x.txt")
    assert "优惠券" not in got["text"] and "热线电话" in got["text"]
    assert "相关阅读" not in got["text"]  # line 9 of the file, dropped by number
    assert {"front matter drop"} <= {item["why"] for item in got["removed"]}
    result = _check(fixed)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("front, message", [
    ("drop: ['没有这一行']\n", "drop: '没有这一行' matches no line"),
    ("keep: ['没有这一行']\n", "keep: '没有这一行' matches no line"),
    ("keep: [3]\n", "'keep' must be a list of text pieces"),
    ("drop: [{a: 1}]\n", "'drop' must be a list of text pieces or line numbers"),
])
def test_drop_and_keep_are_validated_at_their_line(tmp_path, front, message):
    path = _case(tmp_path, "title: 党员服务队走进隔离点\ndate: 2020-03-02\n" + front,
                 "东川区组建党员服务队，每天为隔离点送去生活物资和药品。\n")
    result = _check(path)
    assert result.returncode == 1
    assert f"{path.name}:4: error: {message}" in result.stdout.replace(str(path.parent) + "/", "")


def test_impossible_extracted_date_is_not_a_date():
    got = inspect_capture("某镇党员值守卡口\n时间：2020年2月30日\n党员们在卡口值守，登记过往车辆和人员，测量体温。\n".encode(), "d.txt")
    assert got["date"] is None


@pytest.mark.parametrize("name", sorted(p.stem for p in CORPUS.glob("c*.txt")))
def test_inspect_and_build_agree(name):
    """inspect goes through the build's own stages and merge: the same fields for every capture."""
    data = (CORPUS / f"{name}.txt").read_bytes()
    got = inspect_capture(data, f"{name}.txt")
    raw = reader.parse(reader.decode(data, name), name, name, "")
    try:
        case = pipeline.process(raw, pipeline.Rules.default())
    except Exception as exc:  # the build refuses a capture without title or date: inspect says which is missing
        assert got["title"] is None or got["date"] is None, exc
        return
    assert (case.title, case.subtitle, case.date.isoformat(), case.source) == (got["title"], got["subtitle"], got["date"], got["source"])
    assert list(case.authors) == got["authors"] and list(case.tags) == got["tags"]
    assert "\n\n".join(case.paragraphs) == got["body"]
    assert (case.region.province, case.region.city, case.region.county) == tuple(got["region"].values())


@pytest.mark.parametrize("text", ["9月2日上午8:00,在支部书记的带领下，党员志愿者到达现场。",
                                  "发布时间:2021.09.27，党员干部下沉社区开展志愿服务。",
                                  "截至12:30。全村党员已经全部到岗，分成四个小组轮流值守。"])
def test_times_and_dates_in_text_are_not_junk(text):
    from build_tools.clean import clean_text
    digits = [c for c in text if c.isdigit()]
    assert [c for c in clean_text(text) if c.isdigit()] == digits


def test_jammer_strings_are_junk():
    from build_tools.clean import clean
    cleaned = clean("党员们Qk7#pLz2在卡口值守，登记过往车辆。8 n8 F/ X4 Q0 ]* ]\n")
    assert cleaned.lines == ("党员们在卡口值守，登记过往车辆。",)
    removed = " ".join(r.text for r in cleaned.removed)
    assert "Qk7#pLz2" in removed and "8 n8 F/ X4 Q0" in removed  # each accounted for
    assert all(r.why.startswith("chrome") and r.line == 1 for r in cleaned.removed)


def test_a_line_only_respaced_reports_nothing_removed():
    """A '|' line whose separators the cleaner only re-spaces (and whose ':' it widens) loses nothing:
    the record names no segment of it as removed chrome; the whole line goes into metadata."""
    capture = "某某村党员冲在前\n\n抗疫一线|来源:某某网2020-03-05 11:01:30|网络编辑:罗某某\n\n" \
              "某某村党支部组织党员突击队日夜巡堤，加固拦水坝，确保群众安全度汛，党员们说只要水位不退，突击队就不撤。\n"
    got = inspect_capture(capture.encode(), "bar.txt")
    assert got["source"] == "某某网" and got["date"] == "2020-03-05"
    reasons = [item["why"] for item in got["removed"] if item["line"] == 3]
    assert reasons and not any("segment" in why for why in reasons), got["removed"]
    assert "网络编辑" not in got["text"]
