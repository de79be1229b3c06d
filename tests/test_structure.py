"""Section subheads (build_tools/structure.py) and how case pages render them.

All article text here is written for these tests.
"""

from __future__ import annotations

import datetime
import os
import pathlib
import re
import shutil
import sys

import pytest

from build_tools import render
from build_tools.model import HANS, Case, Region
from build_tools.rules import default_vocabulary
from build_tools.structure import is_subhead_line, subheads
from tests.conftest import ROOT, site_project
from tests import forked

# running text: long sentences, as between the sections of a report
LONG_A = "社区党支部第一时间成立防控专班，组织党员干部分组值守小区出入口，逐户登记返乡人员信息，确保情况清楚、底数准确。"
LONG_B = "街道党工委把机关干部编入网格，每天上门送菜送药，帮助独居老人解决生活困难，群众纷纷点赞。"
LONG_C = "在复工复产阶段，园区党委组织党员志愿者走进企业，协助制定防疫方案，帮助企业协调原料和用工。"
SHORT_SENTENCE = "大家都说好。"


def around(line: str) -> list[str]:
    return [LONG_A, line, LONG_B]


@pytest.mark.parametrize("line", [
    "速动员 凝聚战“疫”向心力",
    "強化組織力 築牢防控線",  # Traditional
    "一、压实责任，织密社区防控网",
    "二、建强队伍 提升服务质量",
    "（二）党员带头冲锋在前",
    "(三)落实关爱激励措施",
    "1. 建立联系包保机制",
    "【战疫一线】",
    "“小网格”撑起“大防线”",
    "党建引领联防联控",
])
def test_subhead_between_paragraphs(line):
    assert subheads(around(line)) == (1,)


def test_several_sections_in_order():
    paragraphs = [LONG_A, "一、迅速行动 压实责任", LONG_B, LONG_C, "二、精准服务 温暖人心", LONG_A,
                  SHORT_SENTENCE, "三、强化保障 激励担当", LONG_B]
    assert subheads(paragraphs) == (1, 4, 7)


@pytest.mark.parametrize("line", [
    "大家都说，这样的党员让人放心",  # a comma without an enumerator: part of a sentence
    "党员干部冲在最前面。",  # a sentence
    "谁来守护这道防线？",
    "主要做法如下：",  # introduces a list
    "具体措施包括以下几点:",
    "志愿者在卡口为过往车辆测温 张明 摄",  # photo caption
    "（通讯员 李华 摄）",
    "图为党员志愿者在社区值守",
    "图片由街道党工委提供",
    "来源 示范区融媒体中心",  # metadata label lines
    "责任编辑 王小明",
    "编辑：赵晓",
    "2020年3月5日",  # dates
    "3月5日 社区全面封闭管理",
    "“一个党员就是一面旗帜”",  # a quotation standing alone
    "（完）",
    "上一篇 下一篇",
    "张伟 李娜 王强 刘洋",  # a list of names
    "好",  # too short
    "党员干部下沉社区开展联防联控工作并协助基层落实各项防疫措施获得好评",  # too long
    "——记社区党支部书记张红",  # an attribution
    "《致全体党员的一封信》",  # a document title standing alone
    "一、",  # an enumerator alone
])
def test_not_a_subhead(line):
    assert subheads(around(line)) == ()


def test_first_and_last_paragraphs_are_never_subheads():
    assert subheads(["速动员 凝聚向心力", LONG_A, LONG_B]) == ()
    assert subheads([LONG_A, LONG_B, "作表率 真抓实干显担当"]) == ()
    assert subheads(["速动员 凝聚向心力"]) == ()
    assert subheads([]) == ()


def test_poem_of_short_lines_is_not_split_into_sections():
    poem = [LONG_A, "春风吹过小小村庄", "红旗插在山岗之上", "党员守在路口两旁", "灯火照亮回家方向", LONG_B]
    assert subheads(poem) == ()


def test_two_short_lines_side_by_side_are_not_subheads():
    # a couplet, or a heading with a second line: conservative, neither is taken
    assert subheads([LONG_A, "组织与发动相结合", "党建引领联防联控", LONG_B]) == ()


def test_neighbours_must_be_running_text():
    assert subheads(["街道办事处", "速动员 凝聚向心力", LONG_B]) == ()  # a short label before
    assert subheads([LONG_A, "速动员 凝聚向心力", "一线纪实"]) == ()  # a short line after
    assert subheads([SHORT_SENTENCE, "速动员 凝聚向心力", SHORT_SENTENCE]) == (1,)  # short sentences are running text
    # a long paragraph ending with a colon introduces a list: what follows is an item
    intro = "为做好防控工作，社区党支部结合实际制定了一系列措施，主要包括以下几个方面的内容，现整理如下："
    assert subheads([intro, "一、加强人员排查，做好登记", LONG_B]) == ()


def test_shape_alone():
    assert is_subhead_line("速动员 凝聚战“疫”向心力")
    assert not is_subhead_line("速动员，凝聚战“疫”向心力")
    assert not is_subhead_line("")


def _case(paragraphs) -> Case:
    return Case(case_id="2020-02-15-structure-test", path="cases/2020-02-15-structure-test.txt", script=HANS,
                title="某社区党支部筑牢防线", subtitle=None, date=datetime.date(2020, 2, 15), source="示例新闻网", authors=("张明",),
                credits=(), url=None, note=None, region=Region(), tags=("临时党支部",), paragraphs=tuple(paragraphs))


def test_case_page_renders_subheads_as_headings_in_both_scripts():
    paragraphs = [LONG_A, "速动员 凝聚战“疫”向心力", LONG_B, "一、强化保障 激励担当", LONG_C]
    pages = render.render([_case(paragraphs)], default_vocabulary())
    case_pages = {p.lang: p for p in pages if p.meta.get("kind") == "case"}
    hans, hant = case_pages["zh-Hans"], case_pages["zh-Hant"]
    assert '<h2 id="section-1">速动员 凝聚战“疫”向心力</h2>' in hans.body
    assert '<h2 id="section-2">一、强化保障 激励担当</h2>' in hans.body
    assert '<h2 id="section-1">速動員 凝聚戰“疫”向心力</h2>' in hant.body
    assert "<p>速动员" not in hans.body and f"<p>{LONG_B}</p>" in hans.body
    # the table-of-contents data the plugin reads: the page's two headings, and the sections
    assert hans.meta["headings"] == ["某社区党支部筑牢防线", "引用本文"]
    assert hans.meta["sections"] == [["section-1", "速动员 凝聚战“疫”向心力"], ["section-2", "一、强化保障 激励担当"]]
    assert [s[0] for s in hant.meta["sections"]] == ["section-1", "section-2"]
    assert "sections:" in render.page_text(hans)
    # the ids line up across scripts, and come before the citation heading
    assert re.findall(r'<h2 id="([^"]+)"', hans.body) == re.findall(r'<h2 id="([^"]+)"', hant.body) == \
        ["section-1", "section-2", render.HEADING_IDS[1]]


def test_case_page_without_subheads_is_unchanged():
    case = _case([LONG_A, LONG_B, LONG_C])
    page = next(p for p in render.render([case], default_vocabulary()) if p.meta.get("kind") == "case")
    assert "sections" not in page.meta and "<h2" not in page.body.split("</div>\n\n")[0]
    assert page.body.count("<p>") >= 3


def test_subheads_are_escaped():
    line = '一、"红马甲"&志愿者 冲锋在前'
    page = next(p for p in render.render([_case([LONG_A, line, LONG_B])], default_vocabulary())
                if p.meta.get("kind") == "case" and p.lang == "zh-Hans")
    assert '<h2 id="section-1">一、&quot;红马甲&quot;&amp;志愿者 冲锋在前</h2>' in page.body
    assert subheads([LONG_A, "一、<b>党员</b> 冲锋在前", LONG_B]) == ()  # markup residue is not a heading


# -- a real MkDocs build of a small archive -------------------------------------------------

CAPTURE = f"""---
title: 某社区党支部筑牢防线
date: 2020-02-15
source: 示例新闻网
tags: [临时党支部]
---
{LONG_A}
速动员 凝聚战“疫”向心力
{LONG_B}
出实招 关怀激励强引擎
{LONG_C}
"""


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    folder = site_project(tmp_path_factory.mktemp("structure"), {"2020-02-15-shequ-fangxian.txt": CAPTURE}, options="search: false")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = forked.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml"),
                             "-d", str(folder / "site")], cwd=folder, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


def _built(site: pathlib.Path, lang: str) -> str:
    prefix = site / "zh-Hant" if lang == "zh-Hant" else site
    return (prefix / "cases" / "2020-02-15-shequ-fangxian" / "index.html").read_text(encoding="utf-8")


def _toc(page_html: str) -> list[tuple[str, str]]:
    nav = re.search(r'<nav class="md-nav md-nav--secondary".*?</nav>\s*</div>', page_html, re.S)
    assert nav, "no table of contents"
    return re.findall(r'<a href="#([^"]+)" class="md-nav__link">\s*<span class="md-ellipsis">\s*(.*?)\s*</span>',
                      nav.group(0), re.S)


@pytest.mark.parametrize("lang, first", [("zh-Hans", "速动员 凝聚战“疫”向心力"), ("zh-Hant", "速動員 凝聚戰“疫”向心力")])
def test_built_page_has_section_headings(small_site, lang, first):
    page_html = _built(small_site, lang)
    assert f'<h2 id="section-1">{first}</h2>' in page_html
    assert '<h2 id="section-2">' in page_html


@pytest.mark.parametrize("lang, first", [("zh-Hans", "速动员 凝聚战“疫”向心力"), ("zh-Hant", "速動員 凝聚戰“疫”向心力")])
def test_built_page_table_of_contents_lists_sections(small_site, lang, first):
    toc = _toc(_built(small_site, lang))
    assert toc[0] == ("section-1", first)
    assert [anchor for anchor, _ in toc] == ["section-1", "section-2", render.HEADING_IDS[1]]
