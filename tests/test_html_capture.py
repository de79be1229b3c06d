"""Saved web pages as captures: `inspect` and `ingest` of .html/.htm and .mhtml files.

The pages in tests/corpus_html are look-alikes written for this project (a news page with
navigation, sidebar, related links, comment box and footer; a forum thread; a GBK page declared
by <meta charset>, one declared only by http-equiv; an e-paper page; a single-file MHTML save).
Each NAME.yml holds what the archive must make of the page: title, date, source, authors,
address, script, the article's paragraphs and chrome strings that must be gone. Everything runs
through the real command line; the ingested cases go through `check` and a real MkDocs build.
"""

from __future__ import annotations

import codecs
import json
import os
import pathlib
import re
import shutil
import sys

import pytest
import yaml

from tests.conftest import ROOT, run_cli
from tests import forked

CORPUS = ROOT / "tests" / "corpus_html"
PAGES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".yml")


def run(*args, cwd=ROOT):
    return run_cli(*args, cwd=cwd, env={"CASE_ARCHIVE_NO_CACHE": "1"})


def expected(page: pathlib.Path) -> dict:
    return yaml.safe_load((CORPUS / (page.stem + ".yml")).read_text(encoding="utf-8"))


def inspect(path: pathlib.Path) -> dict:
    result = run("inspect", "--json", str(path))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def inspected() -> dict[str, dict]:
    return {page.name: inspect(page) for page in PAGES}


def test_the_corpus_has_every_page_type():
    assert {p.suffix for p in PAGES} == {".html", ".mhtml"}
    assert len(PAGES) >= 6 and all((CORPUS / (p.stem + ".yml")).exists() for p in PAGES)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_metadata_is_right(page, inspected):
    found, want = inspected[page.name], expected(page)
    for key in ("title", "subtitle", "date", "source", "url", "script"):
        assert found[key] == want[key], (key, found[key], want[key])
    assert found["authors"] == want["authors"]
    assert found["page"]["encoding"] == want["encoding"]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_article_paragraphs_are_kept_whole_and_chrome_is_gone(page, inspected):
    found, want = inspected[page.name], expected(page)
    paragraphs = [_flat(p) for p in found["body"].split("\n\n")]
    for paragraph in want["paragraphs"]:
        assert _flat(paragraph) in paragraphs, paragraph
    for chrome in want["chrome"]:
        for key in ("title", "subtitle", "source", "body", "text"):
            assert chrome not in (found[key] or ""), (chrome, key)
    # nothing but the article: every paragraph of the text is one of the expected ones (or the
    # photo caption the news page puts inside its article)
    extra = [p for p in paragraphs if p not in {_flat(x) for x in want["paragraphs"]}]
    assert extra in ([], ["党员志愿者在小区门口为居民测量体温。"]), extra


def test_gbk_pages_decode_right(inspected):
    meta_page = inspected["gbk-meta-charset.html"]
    assert "白沙村党员中心户赵珺说" in meta_page["body"]  # 珺 is in GBK, not in GB2312
    assert meta_page["page"]["encoding"] == "gb18030"
    http_equiv = inspected["gbk-http-equiv.html"]  # declared gb2312, holds GBK-only 喆 and 堃
    assert http_equiv["authors"] == ["周喆", "刘堃"] and "\ufffd" not in http_equiv["text"]


def test_page_metadata_is_named_as_the_origin(inspected):
    news = inspected["news-portal.html"]
    assert news["origins"]["title"] == "page metadata" and news["origins"]["date"] == "page metadata"
    assert news["origins"]["url"] == "page metadata"
    assert news["origins"]["source"] == "text"  # '来源：无锡日报' in the page beats the site's name
    assert inspected["forum-thread.html"]["origins"]["source"] == "page metadata"  # the forum's name, as a fallback


def _hostile_page() -> str:
    return """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>街道党员守护居民安全</title>
<style>h1::before { content: "样式标题"; } body { color: red }</style>
<script>document.title = "脚本标题"; var leak = "脚本正文";</script>
</head><body>
<nav><a href="/">导航首页</a> <a href="/x">导航栏目</a></nav>
<h1><script>var inTitle = "标题里的脚本";</script>街道党员守护居民安全</h1>
<div class="info">2020-03-01 来源：城南日报</div>
<div class="content">
<p>疫情期间，城南街道组织党员志愿者每天在小区门口值守，为居民测量体温、登记出入信息，守护居民安全。</p>
<style>.content p { margin: 0 } /* 正文里的样式 */</style>
<p onclick="alert('事件属性')">党员志愿者还为独居老人送菜送药，帮助他们解决生活上的困难，让居民感受到组织的温暖。<script>alert("段落里的脚本")</script></p>
<noscript>请启用脚本</noscript><template><p>模板里的文字不显示</p></template>
<p>街道党工委表示，将继续发挥党员先锋模范作用，做好疫情防控和服务群众工作，确保辖区平安稳定。</p>
</div>
<script>console.log("页尾脚本")</script>
</body></html>"""


def test_script_and_style_never_leak(tmp_path):
    page = tmp_path / "hostile.html"
    page.write_text(_hostile_page(), encoding="utf-8")
    found = inspect(page)
    assert found["title"] == "街道党员守护居民安全" and found["date"] == "2020-03-01" and found["source"] == "城南日报"
    shown = json.dumps({k: found[k] for k in ("title", "subtitle", "source", "text", "body", "authors")}, ensure_ascii=False)
    for leak in ("样式", "脚本", "事件属性", "模板", "请启用", "导航", "color", "alert", "content:"):
        assert leak not in shown, leak
    assert len(found["body"].split("\n\n")) == 3


def test_undeclared_and_misdeclared_charsets_are_detected(tmp_path):
    html = (CORPUS / "news-portal.html").read_text(encoding="utf-8")
    undeclared = tmp_path / "undeclared.htm"
    undeclared.write_bytes(html.replace('<meta charset="utf-8">', "").encode("gb18030"))
    wrong = tmp_path / "wrong.html"  # says UTF-8, holds GBK bytes
    wrong.write_bytes(html.encode("gb18030"))
    bom = tmp_path / "bom.html"  # says nothing, starts with a UTF-8 byte-order mark
    bom.write_bytes(codecs.BOM_UTF8 + html.replace('<meta charset="utf-8">', "").encode("utf-8"))
    for path in (undeclared, wrong, bom):
        found = inspect(path)
        assert found["title"] == "社区党员筑起防疫“红色堡垒”" and found["source"] == "无锡日报", path.name
        assert "退休党员王建国已经连续值守了十二天" in found["body"], path.name


@pytest.mark.parametrize("name, data, message", [
    ("empty.html", b"  \n", "the file is empty"),
    ("picture.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4, "binary"),
    ("notes.html", "这只是一段文字，没有网页标签。".encode("utf-8"), "does not look like a web page"),
    ("garbled.html", b'<html><head><meta charset="x-made-up"></head><body><p>' + bytes([0x81, 0x30, 0xff, 0xfe, 0x80, 0x9f, 0xa0, 0x01]) * 300
     + b"</p></body></html>", "cannot tell the page's character encoding"),
    ("noarticle.mhtml", b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b\"\r\n\r\n--b\r\n"
     b"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n", "no HTML part"),
    ("empty-body.html", b"<html><head><title>t</title></head><body></body></html>", "no article text"),
])
def test_bad_pages_give_a_clear_error(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    for command in (("inspect", str(path)), ("ingest", str(path), "--cases", str(tmp_path / "cases"))):
        result = run(*command)
        assert result.returncode != 0, command
        assert "Traceback" not in result.stderr
        assert str(path) in result.stderr and message in result.stderr and "(fix: " in result.stderr, result.stderr
    assert not (tmp_path / "cases").exists() or not any((tmp_path / "cases").iterdir())


@pytest.fixture(scope="module")
def ingested(tmp_path_factory) -> pathlib.Path:
    """A project with the repository's site config and a cases folder made by ingesting every page."""
    project = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", project / "docs")
    for page in PAGES:
        result = run("ingest", str(page), "--cases", str(project / "cases"))
        assert result.returncode == 0, result.stderr
    return project


def _case_for(project: pathlib.Path, page: pathlib.Path) -> pathlib.Path:
    want = expected(page)
    matches = [p for p in (project / "cases").glob("*.txt") if f"title: {want['title']}" in p.read_text(encoding="utf-8")]
    assert len(matches) == 1, page.name
    return matches[0]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_ingest_writes_the_text_and_front_matter_not_the_html(ingested, page):
    want = expected(page)
    case = _case_for(ingested, page)
    assert case.name.startswith(want["date"] + "-")
    text = case.read_text(encoding="utf-8")
    front, body = re.match(r"---\n(.*?)\n---\n(.*)", text, re.S).groups()
    meta = yaml.safe_load(front)
    assert meta["title"] == want["title"] and str(meta["date"]) == want["date"] and meta.get("source") == want["source"]
    assert meta.get("url") == want["url"]
    # a single-file save says when it was made: the capture date (provenance)
    assert str(meta.get("captured")) == ("2020-03-18" if page.suffix == ".mhtml" else "None")
    assert not re.search(r"<\s*/?\s*(html|head|body|p|div|script|style|meta|table)\b", text, re.I)  # no HTML kept
    for paragraph in want["paragraphs"]:
        assert paragraph.strip() in body
    for leak in ("脚本", "腳本", "text-indent", "display:flex"):
        assert leak not in text


def test_ingested_cases_pass_check_and_build(ingested):
    from build_tools.script import to_hans

    result = run("check", "--cases", str(ingested / "cases"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(PAGES)} valid, 0 invalid" in result.stdout
    site = ingested / "site"
    built = forked.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ingested / "mkdocs.yml"), "-d", str(site)],
                           cwd=ingested, capture_output=True, text=True, timeout=600,
                           env=dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT)))
    assert built.returncode == 0, built.stderr
    for page in PAGES:
        want = expected(page)
        case = _case_for(ingested, page)
        for variant in ("", "zh-Hant/"):
            html = (site / variant / "cases" / case.stem / "index.html").read_text(encoding="utf-8")
            article = re.search(r"<article.*?</article>", html, re.S).group(0)
            heading = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", article, re.S).group(1))
            # the case's text: the paragraphs between the metadata table and the citation
            region = re.search(r'class="case-meta">.*?</table>\s*</div>(.*?)<h2 id=', article, re.S).group(1)
            text = re.sub(r"<[^>]+>", "", region)
            if not variant:  # the Simplified page: the capture's text, converted when it was Traditional
                assert heading.strip() == to_hans(want["title"])
                shown = [re.sub(r"<[^>]+>", "", p).strip() for p in re.findall(r"<p>(.*?)</p>", region, re.S)]
                assert shown[0] == to_hans(want["paragraphs"][0].strip()), (page.name, shown[:2])  # no repeated headline
                for paragraph in want["paragraphs"]:
                    assert to_hans(paragraph.strip()) in text, paragraph
            for chrome in want["chrome"]:
                for form in {chrome, to_hans(chrome)}:
                    assert form not in text and form not in heading, (page.name, variant, chrome)
            assert "<script" not in article


def test_big5_page_and_gbk_mhtml_part_decode_right(tmp_path):
    """A Big5 page declared by http-equiv, and a single-file save whose HTML part is GBK,
    declared only in the part's own header (quoted-printable), as some browsers write it."""
    import email.charset
    import email.mime.multipart
    import email.mime.text

    traditional = (CORPUS / "news-portal.html").read_text(encoding="utf-8").replace(
        '<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=big5">')
    traditional = traditional.replace("社区党员筑起防疫“红色堡垒”", "社區黨員築起防疫「紅色堡壘」").replace(
        "退休党员王建国已经连续值守了十二天", "退休黨員王建國已經連續值守了十二天")
    big5 = tmp_path / "big5.htm"
    big5.write_bytes(traditional.encode("big5hkscs", errors="replace"))
    found = inspect(big5)
    assert found["title"] == "社區黨員築起防疫「紅色堡壘」" and found["page"]["encoding"] == "big5hkscs"
    assert "退休黨員王建國已經連續值守了十二天" in found["body"]

    html = (CORPUS / "gbk-meta-charset.html").read_bytes().decode("gb18030").replace('<meta charset="gbk">', "")
    charset = email.charset.Charset("gbk")
    charset.body_encoding = email.charset.QP
    message = email.mime.multipart.MIMEMultipart("related")
    message["Snapshot-Content-Location"] = "https://www.qingshui.example.gov.cn/zwgk/202002/t20200210_1.html"
    part = email.mime.text.MIMEText(html, "html", charset)
    message.attach(part)
    saved = tmp_path / "gbk.mht"
    saved.write_bytes(message.as_bytes())
    assert b"charset=\"gbk\"" in saved.read_bytes() and "赵珺".encode("gbk") not in saved.read_bytes()  # quoted-printable
    found = inspect(saved)
    want = expected(CORPUS / "gbk-meta-charset.html")
    assert found["title"] == want["title"] and found["date"] == want["date"] and found["page"]["encoding"] == "gb18030"
    assert found["url"] == "https://www.qingshui.example.gov.cn/zwgk/202002/t20200210_1.html"
    assert "白沙村党员中心户赵珺说" in found["body"]


def test_a_complete_save_names_its_address(tmp_path):
    """'Web page, complete' marks the page with <!-- saved from url=(N)ADDRESS -->: the original
    address when the page names no canonical one."""
    html = (CORPUS / "gbk-http-equiv.html").read_bytes()
    page = tmp_path / "saved.html"
    page.write_bytes(b"<!-- saved from url=(0045)https://www.pingjiang.example.cn/news/1.html -->\n" + html)
    found = inspect(page)
    assert found["url"] == "https://www.pingjiang.example.cn/news/1.html" and found["origins"]["url"] == "page metadata"
