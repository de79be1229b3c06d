"""Listing URLs (sources, regions) are a function of the listed name alone.

A page keeps its URL when other cases arrive: an outlet that reads like an existing one (奇志网 for
旗帜网), a province that reads like an existing one (山西省 for 陕西省), or a source whose name is
a reserved page name (``index``) never moves or replaces another page. Rule: build_tools/slugs.py.
"""

from __future__ import annotations

import html
import os
import pathlib
import posixpath
import re
import shutil
import subprocess
import sys
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from build_tools import slugs
from build_tools.model import Region
from build_tools.render import region_path
from build_tools.script import to_hans
from build_tools.slugs import Slugs, name_slug, slug_collisions
from tests.conftest import ROOT, copy_cases
from tests import forked

HENAN = "2021-10-21-henan-jiguan-dangjian"  # fixture case from 旗幟網 (captured in Traditional)
LONGWAN = "2020-03-09-longwan-hongse-xibao"  # fixture case in 浙江省 › 温州市 › 龙湾区

BODIES = {  # distinct articles (near-duplicate captures are refused)
    "西安": "西安市雁塔区各社区党组织成立临时党支部，组织党员志愿者深入小区开展排查、宣传和服务群众工作，"
          "社区党委书记带头值守卡口，党员突击队轮流上岗，确保辖区群众生活物资供应。",
    "奇志": "郑州市金水区机关党员下沉社区报到，与社区干部一起入户走访独居老人，登记困难群众需求，"
          "帮助采购药品和蔬菜，党员先锋岗在小区门口连续值守四十多天。",
    "太原": "太原市小店区农村党支部书记组织村民修复被洪水冲毁的道路和水渠，党员带头捐款捐物，"
          "驻村工作队协调农机抢种补种，受灾农户在入冬前住进了修缮后的房屋。",
    "index": "郑州市二七区街道党工委把防汛物资仓库设在社区党群服务中心，党员应急分队二十四小时待命，"
             "暴雨当晚转移群众三百多人，并组织志愿者为滞留旅客送去热饭和毛毯。",
}


def _case(title: str, date: str, source: str, region: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsource: {source}\nregion: {region}\n---\n{title}\n{BODIES[body]}\n"


SHAANXI = ("2020-06-01-shaanxi-xian-dangyuan.txt",
           _case("西安市党员志愿者坚守社区一线", "2020-06-01", "西安日报", "{province: 陕西省, city: 西安市}", "西安"))
EXTRA = [
    ("2020-06-02-qizhi-wang.txt", _case("奇志网报道社区党支部抗疫", "2020-06-02", "奇志网", "{province: 河南省, city: 郑州市}", "奇志")),
    ("2020-06-03-shanxi-taiyuan.txt", _case("太原市社区党组织筑牢防线", "2020-06-03", "山西日报", "{province: 山西省, city: 太原市}", "太原")),
    ("2020-06-04-index-source.txt", _case("临时党支部在抗疫一线", "2020-06-04", "index", "{province: 河南省, city: 郑州市}", "index")),
]


def _project(folder: pathlib.Path, extra: list[tuple[str, str]]) -> pathlib.Path:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "      cases_dir: cases\n" in config
    # the search index is not what these tests are about
    (folder / "mkdocs.yml").write_text(config.replace("      cases_dir: cases\n", "      cases_dir: cases\n      search: false\n"),
                                       encoding="utf-8")
    shutil.copytree(ROOT / "docs", folder / "docs")
    copy_cases(folder / "cases")
    for name, text in [SHAANXI, *extra]:
        (folder / "cases" / name).write_text(text, encoding="utf-8")
    result = forked.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(folder / "mkdocs.yml"),
                             "-d", str(folder / "site")], cwd=folder, capture_output=True, text=True, timeout=600,
                            env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="0"))
    assert result.returncode == 0, result.stdout + result.stderr
    return folder / "site"


@pytest.fixture(scope="module")
def before(tmp_path_factory):
    """The fixture archive and a 陕西省 case."""
    return _project(tmp_path_factory.mktemp("before"), [])


@pytest.fixture(scope="module")
def after(tmp_path_factory):
    """The same, and cases from 奇志网, from 山西省 and from a source named 'index'."""
    return _project(tmp_path_factory.mktemp("after"), EXTRA)


def _links(site: pathlib.Path, page_url: str) -> list[tuple[str, str]]:
    """(site-relative URL, text) of the links in a page's article."""
    text = (site / page_url / "index.html").read_text(encoding="utf-8")
    out = []
    for href, label in re.findall(r'<a href="([^"#]*)"[^>]*>(.*?)</a>', _article(text)):
        if href.startswith(("http:", "https:")):
            continue
        target = posixpath.normpath(posixpath.join(page_url, href))
        out.append((target.strip("/") + "/", html.unescape(re.sub(r"<[^>]+>", "", label))))
    return out


def _article(page: str) -> str:
    start = page.index("<article")
    return page[start:page.index("</article>", start)]


def _link_to(site: pathlib.Path, page_url: str, folder: str, label: str) -> str:
    found = [url for url, text in _links(site, page_url) if url.startswith(folder) and text == label]
    assert found, (label, _links(site, page_url))
    return found[0]


def _h1(site: pathlib.Path, url: str) -> str:
    page = (site / url / "index.html").read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", _article(page), re.S).group(1))).strip()


def _case_ids(site: pathlib.Path, url: str) -> set[str]:
    return {m.group(1) for u, _ in _links(site, url) for m in [re.fullmatch(r"(?:zh-Hant/)?cases/([^/]+)/", u)] if m}


@pytest.mark.parametrize("prefix, label, newcomer", [("", "旗帜网", "奇志网"), ("zh-Hant/", "旗幟網", "奇志網")])
def test_a_homophone_outlet_does_not_move_an_outlet(before, after, prefix, label, newcomer):
    url = _link_to(before, f"{prefix}cases/{HENAN}/", f"{prefix}sources/", label)
    assert _link_to(after, f"{prefix}cases/{HENAN}/", f"{prefix}sources/", label) == url
    assert _h1(after, url) == label and _case_ids(after, url) == _case_ids(before, url) == {HENAN}
    # the page is the same page, byte for byte
    assert _article((after / url / "index.html").read_text(encoding="utf-8")) == \
        _article((before / url / "index.html").read_text(encoding="utf-8"))
    other = _link_to(after, f"{prefix}cases/2020-06-02-qizhi-wang/", f"{prefix}sources/", newcomer)
    assert other != url and _h1(after, other) == newcomer


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_a_homophone_province_does_not_move_a_province(before, after, prefix):
    label = "陕西省" if not prefix else "陝西省"
    case = f"{prefix}cases/2020-06-01-shaanxi-xian-dangyuan/"
    url = _link_to(before, case, f"{prefix}regions/", label)
    assert _link_to(after, case, f"{prefix}regions/", label) == url
    assert _h1(after, url) == label and _case_ids(after, url) == _case_ids(before, url) == {"2020-06-01-shaanxi-xian-dangyuan"}
    other = _link_to(after, f"{prefix}cases/2020-06-03-shanxi-taiyuan/", f"{prefix}regions/", label.replace("陕", "山").replace("陝", "山"))
    assert other != url and _h1(after, other).startswith("山西")


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_a_source_named_index_does_not_replace_the_sources_index(before, after, prefix):
    title = _h1(before, f"{prefix}sources/")
    assert _h1(after, f"{prefix}sources/") == title
    url = _link_to(after, f"{prefix}cases/2020-06-04-index-source/", f"{prefix}sources/", "index")
    assert url != f"{prefix}sources/" and _h1(after, url) == "index"
    listed = {u for u, _ in _links(after, f"{prefix}sources/") if u.startswith(f"{prefix}sources/")}
    assert url in listed and len(listed) == len({u for u, _ in _links(before, f"{prefix}sources/")}) + 3


def test_existing_urls_of_the_fixture_archive(before):
    """The slugs these fixture names are published under (golden values: a pypinyin upgrade that
    reads one of them differently fails here, before a URL moves)."""
    assert _link_to(before, f"cases/{HENAN}/", "sources/", "旗帜网") == "sources/qizhiwang-a979/"
    assert _link_to(before, f"cases/{LONGWAN}/", "regions/", "龙湾区") == "regions/zhejiangsheng/wenzhoushi/longwanqu/"
    assert _link_to(before, "cases/2020-06-01-shaanxi-xian-dangyuan/", "regions/", "陕西省") == "regions/shaanxisheng/"


# -- the rule, without a site ------------------------------------------------------------------

def test_slugs_of_names():
    assert name_slug("source", "旗帜网") == name_slug("source", "旗幟網") == "qizhiwang-a979"
    assert name_slug("source", "奇志网") == "qizhiwang-c58a"
    assert name_slug("region:", "山西省") == "shanxisheng"
    assert name_slug("region:", "陕西省") == name_slug("region:", "陝西省") == "shaanxisheng"
    assert name_slug("region:浙江省/温州市", "龙湾区") == "longwanqu"
    assert slugs.ambiguous_region_names() == frozenset()  # the gazetteer has no homophone siblings


def test_reserved_names_get_safe_slugs():
    for namespace in ("source", "region:", "region:河南省"):
        slug = name_slug(namespace, "index")
        assert slug != "index" and not slugs.is_reserved(slug) and slug.startswith("index-")
    # 帕格 reads 'page' and its hash starts with four decimal digits: page-5414 would be a
    # region folder's numbered page 5414, so the hash is lengthened (a plain 'page' is no page)
    assert slugs.name_hash("帕格")[:4].isdigit()
    assert name_slug("source", "帕格") == slugs.hashed_slug("帕格") == "page-5414c0ad"
    assert name_slug("region:河南省", "帕格") == "page"
    for name in slugs.RESERVED:
        assert not slugs.is_reserved(name_slug("region:", name)) and not slugs.is_reserved(name_slug("source", name))


def test_gazetteer_names_have_distinct_slugs_under_each_parent():
    from build_tools import gazetteer

    table = gazetteer.default()
    seen: dict[tuple[str, str], str] = {}
    for division in table.by_code.values():
        levels = [n for n in table.names(division) if n]
        key = ("region:" + "/".join(levels[:-1]), name_slug("region:" + "/".join(levels[:-1]), levels[-1]))
        assert seen.setdefault(key, levels[-1]) == levels[-1], (key, seen[key], levels[-1])
        assert "-" not in key[1]  # plain pinyin: region URLs carry no hash today


def test_true_collisions_are_reported_and_give_the_slug_to_neither():
    # same pinyin and the same first four hex digits of the hash
    a, b = "奇致网", "奇值往"
    assert name_slug("source", a) == name_slug("source", b) == "qizhiwang-d1f7"
    table = Slugs([("source", a), ("source", b), ("source", "旗帜网")])
    assert table.get("source", "旗帜网") == "qizhiwang-a979"
    ga, gb = table.get("source", a), table.get("source", b)
    assert len({ga, gb, "qizhiwang-d1f7"}) == 3
    assert ga == "qizhiwang-" + slugs.name_hash(a)[:8] and gb == "qizhiwang-" + slugs.name_hash(b)[:8]
    [collision] = slug_collisions([a, b, "旗帜网"])
    assert (collision.slug, collision.names, collision.resolved) == ("qizhiwang-d1f7", (b, a), (gb, ga))  # names sorted
    assert a in collision.message() and "qizhiwang-d1f7" in collision.message()
    assert slug_collisions(["旗帜网", "奇志网", "index"]) == []


def test_collisions_from_cases_and_their_diagnostics():
    # the fields of build_tools.model.Case that slugs read (the page families' names: build_tools/pages/)
    cases = [SimpleNamespace(path=f"cases/2020-01-0{i}-x.txt", source=source, region=Region("河南省", "郑州市"), authors=())
             for i, source in enumerate(["奇致网", "奇值往", "旗幟網"], 1)]
    [collision] = slug_collisions(cases)
    assert collision.names == ("奇值往", "奇致网")
    diags = slugs.slug_diagnostics(cases)
    assert [d.path for d in diags] == ["cases/2020-01-01-x.txt", "cases/2020-01-02-x.txt"]
    assert all(d.severity == "warning" and "qizhiwang-d1f7" in d.message for d in diags)


HOMOPHONES = "其奇旗期七起气齐企器之支知志只直治指制质网王往望忘旺山陕西省市县区index帕格"
NAMES = ["旗帜网", "旗幟網", "奇志网", "山西省", "陕西省", "陝西省", "index", "Index", "pagefind", "帕格", "奇致网", "奇值往",
         "中国网", "中國網", "人民网", "新华网", "page-2", "assets", "zh-Hant"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.one_of(st.sampled_from(NAMES), st.text(alphabet=HOMOPHONES, min_size=1, max_size=4)),
       others=st.lists(st.one_of(st.sampled_from(NAMES), st.text(alphabet=HOMOPHONES, min_size=1, max_size=4)), max_size=12),
       namespace=st.sampled_from(["source", "region:", "region:河南省"]))
def test_a_names_slug_does_not_depend_on_the_other_names(name, others, namespace):
    """Whatever other names a build has, a name's slug is its own (unless it truly shares its
    slug with one of them, which is reported); no two names of a build share a slug."""
    alone = Slugs([(namespace, name)]).get(namespace, name)
    assert alone == name_slug(namespace, name)
    table = Slugs([(namespace, n) for n in others + [name]])
    shared = {n for c in table.collisions for n in c.names}
    if to_hans(name) not in shared:  # collisions name the Simplified forms
        assert table.get(namespace, name) == alone
    else:
        assert table.get(namespace, name) != alone
    given_slugs = {to_hans(n): table.get(namespace, n) for n in set(others + [name])}  # one name in both scripts
    assert len(set(given_slugs.values())) == len(given_slugs)
    assert not any(slugs.is_reserved(s) for s in given_slugs.values())
    assert all(re.fullmatch(r"[a-z0-9]+(-[0-9a-f]{4,40}x?)?", s) for s in given_slugs.values())


def test_region_paths_are_the_same_in_both_scripts():
    table = Slugs()
    assert region_path(table, ["陕西省", "西安市"]) == region_path(table, ["陝西省", "西安市"]) == "regions/shaanxisheng/xianshi/index.md"


def test_check_reports_two_names_that_share_a_url(tmp_path):
    """`check` warns on both case files when their outlets' names would share one URL."""
    cases = tmp_path / "cases"
    cases.mkdir()
    for index, (source, body) in enumerate((("奇致网", "index"), ("奇值往", "奇志"))):
        (cases / f"2020-06-0{index + 1}-qizhi-{index}.txt").write_text(
            _case(f"临时党支部在抗疫一线{index}", f"2020-06-0{index + 1}", source, "{province: 河南省, city: 郑州市}", body),
            encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "build_tools", "check", "-q", "--cases", str(cases)], cwd=tmp_path,
                            capture_output=True, text=True, timeout=120, env=dict(os.environ, CASE_ARCHIVE_NO_CACHE="1"))
    warnings = [line for line in (result.stdout + result.stderr).splitlines() if "qizhiwang" in line]
    assert len(warnings) == 2, result.stdout + result.stderr
    assert {"2020-06-01-qizhi-0.txt", "2020-06-02-qizhi-1.txt"} == {w.split(":")[0].strip().rsplit("/", 1)[-1] for w in warnings}
