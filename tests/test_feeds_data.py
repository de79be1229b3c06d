"""Atom feeds and the open dataset, on a site built with real MkDocs from an archive written here
(never the shipped cases): feeds parsed with feedparser, the dataset validated with frictionless,
the links on the pages they belong to, determinism, and the download page in Chromium."""

from __future__ import annotations

import csv
import datetime
import json
import os
import pathlib
import posixpath
import re
import shutil
import subprocess
import sys
import urllib.parse

import pytest

from build_tools.outputs import feeds
from tests.conftest import ROOT, run_cli, site_project
from tests.test_site import _tree, build_site, serving  # noqa: F401,F811 (fixtures)

SITE_URL = "https://example.org/archive/"
TAG, TAG_SLUG = "临时党支部", "linshi-dangzhibu"
FLOOD_SLUG = "fangxun-jiuzai"

# Look-alike cases written for these tests (id, front matter, text). Dates deliberately out of order.
CASES = {
    "2020-05-03-xishan-tujidui": ("""title: 社区党员突击队守好防线
date: 2020-05-03
source: 锡山日报
authors: [李明]
region: {province: 江苏省, city: 无锡市, county: 锡山区}
tags: [临时党支部, 党员突击队]""", "锡山区东亭街道成立临时党支部，组织党员突击队在小区门口轮班值守，登记往来人员，为居民代购生活物资。\n"
                                   "突击队员每天晚上在群里通报当天情况，居民说心里踏实多了。"),
    "2020-02-01-jiangning-linshi": ("""title: 防控卡口上的临时党支部
date: 2020-02-01
source: 南京晨讯
region: {province: 江苏省, city: 南京市, county: 江宁区}
tags: [临时党支部]""", "春节假期，江宁区在高速出口卡口设立临时党支部，二十多名党员分成四个小组昼夜值班。\n"
                        "党支部书记说，哪里任务最重，党员就站在哪里。"),
    "2021-07-20-zhengzhou-fangxun": ("""title: 暴雨中的党员服务队
date: 2021-07-20
source: 中原快报
region: {province: 河南省, city: 郑州市}
tags: [临时党支部, 防汛救灾]""", "特大暴雨之后，郑州市金水区的社区临时党支部连夜转移老人和儿童，党员服务队在积水路段设置警示标志。\n"
                                 "志愿者用橡皮艇把药品送到被困居民家中。"),
    "2020-03-15-chengdu-fugong": ("""title: 企業黨支部幫助復工復產
date: 2020-03-15
source: 錦城觀察
region: {province: 四川省, city: 成都市}
tags: [临时党支部, 复工复产]""", "成都一家電子企業的黨支部在復工前組織黨員逐一聯繫返崗員工，為每條生產線安排黨員責任人。\n"
                                 "企業負責人說，黨支部把防疫和生產兩件事都抓在手上。"),
    "2020-04-08-hostile-feed": ("""title: "<script>window.__pwned=1</script>标题 & 符号"
date: 2020-04-08
source: 测试周报
region: {province: 江苏省, city: 无锡市}
tags: [志愿服务]""", "志愿者在社区开展义诊活动，<b>正文里的标记</b>不应成为页面或订阅中的标签，这一段文字足够长。\n"
                      "第二段说明活动持续了三天，服务居民两百多人次。"),
}
FLOOD_CASES = 52  # more than a feed's LIMIT, all tagged 防汛救灾
ORDERED_TAG = ["2021-07-20-zhengzhou-fangxun", "2020-05-03-xishan-tujidui", "2020-03-15-chengdu-fugong",
               "2020-02-01-jiangning-linshi"]  # the tag's cases, newest first
TITLES_HANT = {"2020-05-03-xishan-tujidui": "社區黨員突擊隊守好防線", "2020-03-15-chengdu-fugong": "企業黨支部幫助復工復產"}

_PLACES = ["湖北省", "湖南省", "江西省", "安徽省"]
_VERBS = ["加固堤坝", "转移群众", "巡查河道", "抢运物资", "清理淤泥", "搭建帐篷", "排查险情", "疏通管网"]
_WHO = ["镇党委", "村党支部", "社区党委", "街道党工委", "机关党支部", "企业党委", "学校党总支"]
# phrases drawn in a different order for each case, so no two texts look alike (the dedupe stage)
_PHRASES = ["连夜打桩", "沙袋垒成长墙", "老党员带头值守", "年轻干部背起老人", "渔船改作渡船", "广播一遍遍提醒",
            "食堂送来热饭", "卫生院医生巡诊", "电工抢修线路", "水文站每小时报数", "民兵扛起木料", "妇女组缝制编织袋",
            "学生志愿者登记物资", "退伍军人组成巡堤队", "村医背着药箱", "超市老板捐出矿泉水", "货车司机义务运输",
            "夜里打着手电查管涌", "小学腾出教室安置群众", "镇里调来抽水机", "党员家门口挂起责任牌", "群众自发送来姜汤",
            "堤上搭起临时党小组", "雨停后清点损失", "孩子们写信感谢", "干部三天没有回家", "卫星电话接通外界",
            "无人机航拍水情", "冲锋舟来回十几趟", "粮站开仓应急"]


def flood_case(i: int) -> tuple[str, str, str]:
    import random

    date = datetime.date(2020, 6, 1) + datetime.timedelta(days=7 * i)
    who, verb = _WHO[i % len(_WHO)], _VERBS[i % len(_VERBS)]
    case_id = f"{date.isoformat()}-fangxun-{i:03d}"
    front = f"title: 防汛第{i + 1}线：{who}{verb}\ndate: {date.isoformat()}\nsource: 江河日报\nregion: {_PLACES[i % 4]}\ntags: [防汛救灾]"
    phrases = random.Random(i).sample(_PHRASES, 12)
    text = (f"第{i + 1}号洪峰来临前，{who}组织{10 + i}名党员{verb}：" + "，".join(phrases[:6]) + "。\n"
            + "，".join(phrases[6:]) + f"，编号{i * 7919 % 10007}的记录表写满了值守人员的名字。")
    return case_id, front, text


def write_project(folder: pathlib.Path, site_url: str | None = SITE_URL, license: str | None = None) -> pathlib.Path:
    def edit(config: str) -> str:
        config = re.sub(r"(?m)^site_url:.*$", f"site_url: {site_url}" if site_url else "site_url: ''", config)
        return config if license is None else re.sub(r"(?m)^(\s+license:).*$", rf"\1 {license}", config)

    items = [(k, *v) for k, v in CASES.items()] + [flood_case(i) for i in range(FLOOD_CASES)]
    return site_project(folder, {f"{case_id}.txt": f"---\n{front}\n---\n{text}\n" for case_id, front, text in items}, edit=edit)


def build(folder: pathlib.Path, seed: str = "0") -> pathlib.Path:
    result = build_site(folder, folder / "site", seed=seed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    folder.joinpath("build.log").write_text(result.stderr, encoding="utf-8")
    return folder / "site"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(write_project(tmp_path_factory.mktemp("feeds")))


def parse(path: pathlib.Path):
    import feedparser

    parsed = feedparser.parse(path.read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def case_id(link: str, lang: str) -> str:
    prefix = SITE_URL + ("" if lang == "zh-Hans" else "zh-Hant/") + "cases/"
    assert link.startswith(prefix) and link.endswith("/"), link
    return link[len(prefix):-1]


@pytest.mark.parametrize("lang", ["zh-Hans", "zh-Hant"])
def test_tag_feed_lists_the_tags_cases_newest_first(site, lang):
    root = site if lang == "zh-Hans" else site / "zh-Hant"
    parsed = parse(root / "feeds" / "tags" / f"{TAG_SLUG}.xml")
    assert [case_id(e.link, lang) for e in parsed.entries] == ORDERED_TAG
    assert parsed.feed.language == lang
    assert parsed.feed.updated == "2021-07-20T00:00:00+08:00"  # the newest case's date, not the build's
    prefix = SITE_URL + ("" if lang == "zh-Hans" else "zh-Hant/")
    assert parsed.feed.link == prefix + f"tags/{TAG_SLUG}/"
    assert parsed.feed.id == prefix + f"feeds/tags/{TAG_SLUG}.xml"
    assert "临时党支部" in parsed.feed.title if lang == "zh-Hans" else "臨時黨支部" in parsed.feed.title
    entries = {case_id(e.link, lang): e for e in parsed.entries}
    first = entries["2020-05-03-xishan-tujidui"]
    assert first.updated.startswith("2020-05-03") and first.published.startswith("2020-05-03")
    if lang == "zh-Hans":
        assert first.title == "社区党员突击队守好防线"
        assert first.summary.startswith("锡山区东亭街道成立临时党支部")
        assert entries["2020-03-15-chengdu-fugong"].title == "企业党支部帮助复工复产"  # captured in Traditional
    else:
        assert first.title == TITLES_HANT["2020-05-03-xishan-tujidui"]
        assert first.summary.startswith("錫山區東亭街道成立臨時黨支部")
        assert entries["2020-03-15-chengdu-fugong"].title == TITLES_HANT["2020-03-15-chengdu-fugong"]
    assert [a.name for a in first.authors] == ["李明"]
    assert {t.term for t in first.tags} >= ({"临时党支部", "党员突击队"} if lang == "zh-Hans" else {"臨時黨支部", "黨員突擊隊"})


def test_whole_archive_feed_is_capped_and_newest_first(site):
    parsed = parse(site / "feeds" / "all.xml")
    assert len(parsed.entries) == feeds.LIMIT < len(CASES) + FLOOD_CASES
    dates = [e.updated for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    assert case_id(parsed.entries[0].link, "zh-Hans") == "2021-07-20-zhengzhou-fangxun"
    flood = parse(site / "feeds" / "tags" / f"{FLOOD_SLUG}.xml")
    assert len(flood.entries) == feeds.LIMIT
    tagged = ["2021-07-20-zhengzhou-fangxun", *(flood_case(i)[0] for i in range(FLOOD_CASES))]  # ids start with the date
    assert [case_id(e.link, "zh-Hans") for e in flood.entries] == sorted(tagged, reverse=True)[:feeds.LIMIT]


def test_province_and_outlet_feeds(site):
    jiangsu = parse(site / "feeds" / "regions" / "jiangsusheng.xml")
    assert [case_id(e.link, "zh-Hans") for e in jiangsu.entries] == [
        "2020-05-03-xishan-tujidui", "2020-04-08-hostile-feed", "2020-02-01-jiangning-linshi"]
    assert not (site / "feeds" / "regions" / "jiangsusheng").exists()  # cities and counties have none
    outlet = next((site / "sources").glob("jinchengguancha-*"))  # 錦城觀察, known by its Simplified name
    parsed = parse(site / "feeds" / "sources" / f"{outlet.name}.xml")
    assert [case_id(e.link, "zh-Hans") for e in parsed.entries] == ["2020-03-15-chengdu-fugong"]
    hant = parse(site / "zh-Hant" / "feeds" / "sources" / f"{outlet.name}.xml")
    assert "錦城觀察" in hant.feed.title


def test_untrusted_text_is_text_in_feeds(site):
    raw = (site / "feeds" / "regions" / "jiangsusheng.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw and "<b>" not in raw
    entry = next(e for e in parse(site / "feeds" / "regions" / "jiangsusheng.xml").entries if "hostile" in e.link)
    assert entry.title == "<script>window.__pwned=1</script>标题 & 符号"


def alternates(html: str) -> list[str]:
    return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)"', html)


def page_feed(site: pathlib.Path, path: str) -> list[str]:
    """The feeds a published page links (site-root-relative paths of existing files)."""
    found = []
    for href in alternates((site / path).read_text(encoding="utf-8")):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(path), href))
        assert (site / target).is_file(), (path, href)
        found.append(target)
    return found


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_pages_link_their_feeds(site, prefix):
    expect = {
        "index.html": "feeds/all.xml",
        f"tags/{TAG_SLUG}/index.html": f"feeds/tags/{TAG_SLUG}.xml",
        "regions/jiangsusheng/index.html": "feeds/regions/jiangsusheng.xml",
    }
    for path, feed in expect.items():
        assert page_feed(site, prefix + path) == [prefix + feed]
        html = (site / prefix / path).read_text(encoding="utf-8")
        assert 'class="ca-feed"' in html  # the visible link
    outlet = next((site / "sources").glob("jinchengguancha-*")).name
    assert page_feed(site, f"{prefix}sources/{outlet}/index.html") == [f"{prefix}feeds/sources/{outlet}.xml"]
    for path in ("regions/jiangsusheng/wuxishi/index.html", "cases/2020-05-03-xishan-tujidui/index.html",
                 "tags/index.html", "data/index.html"):
        assert page_feed(site, prefix + path) == [], path
        assert 'class="ca-feed"' not in (site / prefix / path).read_text(encoding="utf-8")


def test_dataset_validates_and_rows_match_the_cases(site):
    from frictionless import Package

    folder = site / "data"
    report = Package(str(folder / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"] == [{"name": "LicenseRef-undecided", "title": "许可尚未确定（占位）"}]
    with open(folder / "cases.csv", encoding="utf-8", newline="") as f:
        csv_rows = list(csv.DictReader(f))
    jsonl_rows = [json.loads(line) for line in (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines()]
    ids = sorted([*CASES, *(flood_case(i)[0] for i in range(FLOOD_CASES))], key=lambda i: (i[:10], i))
    assert [r["id"] for r in jsonl_rows] == [r["id"] for r in csv_rows] == ids
    fields = [f["name"] for f in descriptor["resources"][0]["schema"]["fields"]]
    for c, j in zip(csv_rows, jsonl_rows):
        assert list(j) == list(c) == fields
        for name in fields:
            assert (json.loads(c[name]) if isinstance(j[name], list) else c[name]) == j[name], name
    row = {r["id"]: r for r in jsonl_rows}["2020-05-03-xishan-tujidui"]
    assert row["date"] == "2020-05-03" and row["title_hant"] == TITLES_HANT["2020-05-03-xishan-tujidui"]
    assert row["authors_hans"] == ["李明"] and row["tags_hans"] == ["临时党支部", "党员突击队"]
    assert row["tags_hant"] == ["臨時黨支部", "黨員突擊隊"]
    assert (row["province_hans"], row["city_hant"], row["county_hant"]) == ("江苏省", "無錫市", "錫山區")
    assert row["text_hans"] == CASES["2020-05-03-xishan-tujidui"][1]
    assert row["text_hant"].startswith("錫山區東亭街道成立臨時黨支部") and row["script"] == "zh-Hans"
    assert row["page"] == "cases/2020-05-03-xishan-tujidui/" and (site / row["page"] / "index.html").is_file()
    traditional = {r["id"]: r for r in jsonl_rows}["2020-03-15-chengdu-fugong"]
    assert traditional["script"] == "zh-Hant" and traditional["title_hans"] == "企业党支部帮助复工复产"
    hostile = {r["id"]: r for r in jsonl_rows}["2020-04-08-hostile-feed"]
    assert hostile["title_hans"] == "<script>window.__pwned=1</script>标题 & 符号"  # data keeps the text; pages escape it
    for resource in descriptor["resources"]:
        assert resource["bytes"] == (folder / resource["path"]).stat().st_size


def test_tampered_dataset_fails_validation(site, tmp_path):
    from frictionless import Package

    shutil.copytree(site / "data", tmp_path / "data")
    path = tmp_path / "data" / "cases.csv"
    path.write_bytes(path.read_bytes().replace("2020-05-03,".encode(), b"2020-05-32,", 1))
    assert not Package(str(tmp_path / "data" / "datapackage.json")).validate().valid


def test_download_page_explains_every_field_with_sizes(site):
    from build_tools import dataset

    for prefix in ("", "zh-Hant/"):
        html = (site / prefix / "data" / "index.html").read_text(encoding="utf-8")
        for field in dataset.FIELDS:
            assert f'<code class="ca-field">{field.name}</code>' in html, field.name
        for name in (dataset.CSV, dataset.JSONL, dataset.PACKAGE):
            size = (site / "data" / name).stat().st_size
            assert f"{size:,}" in html, name
    assert "字段說明" in (site / "zh-Hant" / "data" / "index.html").read_text(encoding="utf-8")


def test_download_page_describes_the_dataset_in_json_ld(site):
    """schema.org Dataset in the download page's head: every distribution is a file the site has."""
    from build_tools import dataset

    for prefix in ("", "zh-Hant/"):
        html = (site / prefix / "data" / "index.html").read_text(encoding="utf-8")
        blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
        found = [b for b in blocks if b.get("@type") == "Dataset"]
        assert len(found) == 1, blocks
        urls = [d["contentUrl"] for d in found[0]["distribution"]]
        assert [u.rsplit("/", 1)[-1] for u in urls] == [dataset.CSV, dataset.JSONL, dataset.PACKAGE]
        for url in urls:
            assert url.startswith(SITE_URL.rstrip("/") + "/data/"), url
            assert (site / url[len(SITE_URL.rstrip("/")) + 1:]).is_file(), url
        assert str(len(json.loads("[" + ",".join((site / "data" / dataset.JSONL).read_text(encoding="utf-8").splitlines()) + "]"))) \
            in found[0]["description"]


@pytest.mark.skipif(not shutil.which("taskset"), reason="taskset (util-linux) is needed to build on one core")
def test_a_one_core_build_with_another_hash_seed_gives_the_same_bytes(site, tmp_path):
    """Same inputs, same bytes: another process hash seed, and one core, where the Traditional
    site is built in the same process before the outputs instead of in a second one."""
    project = write_project(tmp_path / "one")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONHASHSEED="777")
    result = subprocess.run(["taskset", "-c", "0", sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site"],
                            cwd=project, capture_output=True, text=True, timeout=600, env=env)
    assert result.returncode == 0, result.stderr
    assert "second process" not in result.stderr
    assert _tree(project / "site") == _tree(site)
    assert any(p.startswith("feeds/") for p in _tree(site)) and "data/cases.jsonl" in _tree(site)


def test_without_site_url_no_feeds_and_a_notice(tmp_path):
    site = build(write_project(tmp_path / "nourl", site_url=None, license="CC-BY-4.0"))
    assert not (site / "feeds").exists() and not (site / "zh-Hant" / "feeds").exists()
    for path in ("index.html", f"tags/{TAG_SLUG}/index.html", "zh-Hant/index.html"):
        html = (site / path).read_text(encoding="utf-8")
        assert not alternates(html) and 'class="ca-feed"' not in html
    assert "no Atom feeds: site_url is not set" in (tmp_path / "nourl" / "build.log").read_text(encoding="utf-8")
    descriptor = json.loads((site / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"] == [{"name": "CC-BY-4.0", "title": "知识共享署名 4.0 国际",
                                       "path": "https://creativecommons.org/licenses/by/4.0/"}]
    assert "creativecommons.org/licenses/by/4.0/" in (site / "data" / "index.html").read_text(encoding="utf-8")


def test_a_bad_licence_id_fails_with_the_key_and_the_fix(tmp_path):
    project = write_project(tmp_path / "bad", license="'CC BY 4.0'")
    result = build_site(project, project / "site")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "plugins.case-archive.license" in result.stderr and "SPDX" in result.stderr


def test_export_writes_the_dataset(tmp_path):
    project = write_project(tmp_path / "export")
    result = run_cli("export", "--cases", "cases", "out", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = (project / "out" / "data" / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(CASES) + FLOOD_CASES


# -- in Chromium --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server(site):
    with serving(site) as url:
        yield url


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_download_page_links_fetch_the_files(page, server, site, prefix):
    page.goto(server + prefix + "data/")
    links = page.locator("a.ca-data-file")
    assert links.count() == 3
    for i in range(3):
        link = links.nth(i)
        assert link.is_visible()
        href = urllib.parse.urljoin(page.url, link.get_attribute("href"))
        response = page.request.get(href)
        assert response.ok, href
        name = link.inner_text()
        assert response.body() == (site / "data" / name).read_bytes()
    with page.expect_download() as download:
        links.nth(0).click()
    assert download.value.suggested_filename == "cases.csv"


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_feed_link_is_visible_and_opens_the_feed(page, server, prefix, width):
    page.set_viewport_size({"width": width, "height": 900})
    for path, feed in (("", "feeds/all.xml"), (f"tags/{TAG_SLUG}/", f"feeds/tags/{TAG_SLUG}.xml")):
        page.goto(server + prefix + path)
        link = page.locator("a.ca-feed")
        assert link.is_visible()
        box = link.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] < 400  # on the first screen
        assert link.inner_text().strip() == ("订阅更新（Atom）" if not prefix else "訂閱更新（Atom）")
        href = urllib.parse.urljoin(page.url, link.get_attribute("href"))
        assert href == server + prefix + feed
        response = page.request.get(href)
        assert response.ok and response.body().startswith(b"<?xml")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
