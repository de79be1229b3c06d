"""The five seed captures come out right: metadata, clean text, both scripts.

They are read from the fixture archive (tests/fixtures/cases), not from cases/, so these
expectations hold whatever a pull request does to the shipped cases.
"""

import hashlib
import re

import pytest

from build_tools import pipeline, render
from build_tools.script import to_hans
from build_tools.rules import default_vocabulary
from tests.conftest import CASES, SEEDS, case_body

# SHA-256 of each seed capture (../shared/seeds, tests/corpus/seeds.yml): each fixture case is
# one of them kept byte for byte under its front matter.
SEED_SHA256 = {
    "2020-04-21-wuxi-dangjian-jizhan": ("000_7312cc313797dc21.txt", "f699e753a85cf25740b48fee6f98d3be69852a0a66442aa29359a5ce44312174"),
    "2020-04-01-xining-dongchuan-yuanqu": ("001_d4955fed3019d925.txt", "c71421097b83f447b5d2f2176c41ba8b37d5c99cb18a4cd35a43b6501ba4a312"),
    "2020-03-11-guangan-zuzhibu": ("002_aaa37c9fef399a86.txt", "f406c79ba93a2306cbd1e930a16c41c4127840e9ac33843646bc5f11bf7ea218"),
    "2020-03-09-longwan-hongse-xibao": ("003_171faa88950b6691.txt", "1bc1887a39c6a890d90fb95370594350ce1a0593333bd680ab3e2c1fb2a84414"),
    "2021-10-21-henan-jiguan-dangjian": ("004_e9cb74737c07315b.txt", "300a7841e3876c191fdcd2436eb28b23b77a75d2333fe715ad9916023c274480"),
}

EXPECTED = {
    "2020-04-21-wuxi-dangjian-jizhan": dict(
        title="“党建基站”聚起强大战疫力", subtitle="无锡在应对疫情中探索基层党建新路", date="2020-04-21",
        source="中国共产党新闻网", authors=(), region=("江苏省", "无锡市", None), script="zh-Hant"),
    "2020-04-01-xining-dongchuan-yuanqu": dict(
        date="2020-04-01", source=None, authors=("赵文荣",), region=("青海省", "西宁市", None), script="zh-Hant"),
    "2020-03-11-guangan-zuzhibu": dict(
        title="市委组织部：让党的力量汇聚抗疫一线", date="2020-03-11", source="中国网", authors=("陈玲",),
        region=("四川省", "广安市", None), script="zh-Hant"),
    "2020-03-09-longwan-hongse-xibao": dict(
        title="激活“红色细胞”提供坚强保障", date="2020-03-09", source="柒零叁网", authors=(),
        region=("浙江省", "温州市", "龙湾区"), script="zh-Hans"),
    "2021-10-21-henan-jiguan-dangjian": dict(
        title="在大战大考中彰显机关党建强大力量", date="2021-10-21", source="旗帜网", authors=("刘方军", "凌巍", "彭云"),
        region=("河南省", "郑州市", None), script="zh-Hant"),
}


def test_fixture_archive_keeps_every_seed_byte_for_byte():
    files = {p.stem: p for p in pipeline.case_files(CASES)}
    assert sorted(files) == sorted(EXPECTED) == sorted(SEED_SHA256)
    for case_id, (seed, digest) in SEED_SHA256.items():
        assert hashlib.sha256(case_body(files[case_id])).hexdigest() == digest, f"{case_id} is not seed {seed} verbatim"


def test_seed_digests_match_the_seed_files():
    if not SEEDS.is_dir():
        pytest.skip(f"the raw seed captures are not here ({SEEDS}); only maintainers have them")
    for seed, digest in SEED_SHA256.values():
        assert hashlib.sha256((SEEDS / seed).read_bytes()).hexdigest() == digest, seed


def test_archive_has_no_errors(archive):
    assert archive.errors == []
    assert sorted(case.case_id for case in archive.cases) == sorted(EXPECTED)


@pytest.mark.parametrize("case_id", sorted(EXPECTED))
def test_seed_metadata(cases_by_id, case_id):
    case, want = cases_by_id[case_id], EXPECTED[case_id]
    if "title" in want:
        assert to_hans(case.title) == want["title"]
    if "subtitle" in want:
        assert to_hans(case.subtitle) == want["subtitle"]
    assert case.date.isoformat() == want["date"]  # a datetime.date, formatted only when written out
    assert (to_hans(case.source) if case.source else None) == want["source"]
    assert tuple(to_hans(a) for a in case.authors) == want["authors"]
    assert (case.region.province, case.region.city, case.region.county) == want["region"]
    assert case.script == want["script"]


def test_credits_leave_the_body(cases_by_id):
    henan = cases_by_id["2021-10-21-henan-jiguan-dangjian"]
    roles = {c.role: [to_hans(n) for n in c.names] for c in henan.credits}
    assert roles["编辑"] == ["贾泽娟"] and roles["签发"] == ["钟鸣"] and roles["作者单位"] == ["河南省直机关工委"]
    text = "".join(henan.paragraphs)
    assert "執筆" not in text and "簽發" not in text and "來源" not in text
    xining = cases_by_id["2020-04-01-xining-dongchuan-yuanqu"]
    assert "作者單位" not in "".join(xining.paragraphs)
    assert xining.paragraphs[0].startswith("西寧經濟技術開發區")  # the byline name left the body
    guangan = cases_by_id["2020-03-11-guangan-zuzhibu"]
    assert guangan.paragraphs[-1].endswith("阻擊戰！")  # trailing (outlet name) taken out


@pytest.fixture(scope="module")
def pages(archive):
    return render.render(archive.cases, default_vocabulary())


PINYIN = re.compile(r"[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[)）]")
CHROME = ["分享到", "相關鏈接", "相关链接", "查看: 8618", "您需要登录", "Powered by", "ICP备", "找回密码", "投稿郵箱",
          "站內搜索", "文字縮放", "旗幟網>>", "复制链接", "m6oY3YYoAaFYGaZA", "显示全部楼层", "河南機關黨建網 黨建動態"]
MOJIBAKE = ["懊拷", "◤", "卞a", "\ufffd", "閺倪", "?qǐng", "?!"]


def test_no_pinyin_chrome_or_mojibake_in_any_page(pages):
    assert len(pages) > 20
    for page in pages:
        if page.meta.get("kind") != "case":
            continue
        assert not PINYIN.search(page.body), (page.path, PINYIN.search(page.body))
        for needle in CHROME + MOJIBAKE:
            assert needle not in page.body, (page.path, page.lang, needle)


def test_traditional_variant_uses_correct_forms(pages):
    hant = {p.path: p.body for p in pages if p.lang == "zh-Hant"}
    wuxi = hant["cases/2020-04-21-wuxi-dangjian-jizhan.md"]
    assert "黨員幹部" in wuxi and "黨員干部" not in wuxi
    guangan = hant["cases/2020-03-11-guangan-zuzhibu.md"]
    assert "滕乾生" in guangan  # a correct Traditional name survives the round trip
    hans = {p.path: p.body for p in pages if p.lang == "zh-Hans"}
    assert "党员干部" in hans["cases/2020-04-21-wuxi-dangjian-jizhan.md"]
    assert "黨" not in hans["cases/2020-04-21-wuxi-dangjian-jizhan.md"]


def test_same_relative_paths_in_both_variants(pages):
    hans = sorted(p.path for p in pages if p.lang == "zh-Hans")
    hant = sorted(p.path for p in pages if p.lang == "zh-Hant")
    assert hans == hant
    assert all(re.fullmatch(r"[a-z0-9/._-]+", p) for p in hans)


def test_case_front_matter_fields(pages):
    case_pages = [p for p in pages if p.meta.get("kind") == "case"]
    assert len(case_pages) == 2 * len(EXPECTED)  # every case, in both scripts
    for page in case_pages:
        for key in ("title", "date", "source", "authors", "region", "tags", "url", "lang"):
            assert key in page.meta
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", page.meta["date"])
        assert set(page.meta["region"]) == {"province", "city", "county"}
