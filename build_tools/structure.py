"""Structure stage helper: which paragraphs of an article are section subheads.

Articles mark their sections with short lines of their own between paragraphs: '一、突出主题',
'（二）压实责任', '1. 建强队伍', '【战疫一线】', or two short phrases side by side
('速动员 凝聚战“疫”向心力'). Rendered as headings they give a long case page a table of
contents. A false heading is worse than a missed one, so the test is strict: the line is short,
has no sentence punctuation (commas only after an enumerator such as '一、'), is not a caption,
a metadata or chrome line, a date or a quotation, and stands alone between two paragraphs of
running text (so the short lines of a poem, a diary or a list never qualify).

Pure and deterministic: the same paragraphs give the same indices in either script (the
characters tested are the same in Simplified and Traditional, or listed in both forms).
"""

from __future__ import annotations

import re

MIN_CHARS = 4
MAX_CHARS = 30
RUNNING_TEXT_CHARS = 30  # a neighbour this long (or ending a sentence) is running text

_SENTENCE_END = re.compile(r"[。！？!?；;…][\"'”’」』）)]*$")
_COLON_END = re.compile(r"[：:][\"'”’」』）)]*$")
# punctuation a subhead never contains (a comma is allowed only after an enumerator)
_NEVER_INSIDE = re.compile(r"[。！？!?；;：:…|｜/\\#@＃＠=<>]|https?|www\.", re.IGNORECASE)
_COMMA = re.compile(r"[，,]")
_IDEOGRAPH = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NUMERAL = "一二三四五六七八九十"
_ENUMERATED = re.compile(
    rf"^(?:[{_NUMERAL}]{{1,3}}、"  # 一、
    rf"|[（(][{_NUMERAL}]{{1,3}}[）)]"  # （一）
    r"|\d{1,2}[、．.](?!\d)"  # 1. / 1、 (not 1.5万)
    r")\s*(?=\S)")
_BRACKETED = re.compile(r"^【[^【】]+】")
# a date or a time anywhere in the line: '2020年', '3月4日', '2020-03-04', '16:45'
_DATE = re.compile(r"\d{4}\s*[年\-/.]|\d{1,2}\s*月\s*\d{1,2}\s*[日号號]|\d{1,2}[:：]\d{2}")
# photo captions and credits: '张三 摄', '（新华社记者 李四 摄）', '图为…', '图片来源'
_CAPTION = re.compile(r"[摄攝]\s*[)）】]*$|^[（(【]?\s*[图圖](?:[为為：:/|｜片示\s]|$)|[图圖]片|[摄攝]影|供[图圖]|photo|image|视频|視頻",
                      re.IGNORECASE)
# metadata labels and page chrome that can stand on a short line of their own
_LABEL_START = re.compile(
    r"^[（(【\[]?\s*(?:来源|來源|出处|出處|稿源|作者|文|图|圖|记者|記者|通讯员|通訊員|撰稿|执笔|執筆|责任编辑|責任編輯|责编|責編|"
    r"编辑|編輯|审核|審核|终审|終審|审稿|審稿|审校|審校|校对|校對|签发|簽發|摄影|攝影|供稿|监制|監製|主编|主編|"
    r"策划|策劃|统筹|統籌|出品|制作|製作|发布|發布|發佈|时间|時間|日期|浏览|瀏覽|阅读|閱讀|点击|點擊)(?:\s|$|[:：|｜】\]）)])")
_CHROME = re.compile(r"上一篇|下一篇|上一页|上一頁|下一页|下一頁|返回|顶部|頂部|打印|关闭|關閉|分享|收藏|字号|字號|扫一扫|掃一掃|二维码|二維碼|"
                     r"点击|點擊|阅读|閱讀|浏览|瀏覽|相关|相關|推荐|推薦|版权|版權|声明|聲明|原标题|原標題|原文|转载|轉載|编者按|編者按|"
                     r"附件|链接|鏈接|链结|鏈結|下载|下載|登录|登錄|注册|註冊|评论|評論|留言|完\s*[)）]")
_OPEN_QUOTES = "“‘「『\"'"
_CLOSE_QUOTES = "”’」』\"'"
_SPACES = re.compile(r"\s+")


def subheads(paragraphs) -> tuple[int, ...]:
    """Indices of the paragraphs that are section subheads, in order."""
    paragraphs = [p.strip() if isinstance(p, str) else "" for p in paragraphs]
    found = []
    for index in range(1, len(paragraphs) - 1):
        before, line, after = paragraphs[index - 1], paragraphs[index], paragraphs[index + 1]
        if (is_subhead_line(line) and is_running_text(before) and is_running_text(after)
                and not _COLON_END.search(before)):
            found.append(index)
    return tuple(found)


def is_running_text(paragraph: str) -> bool:
    """A paragraph of running text: long, or a sentence (not a heading, a label or a verse)."""
    paragraph = paragraph.strip()
    return len(paragraph) >= RUNNING_TEXT_CHARS or bool(_SENTENCE_END.search(paragraph))


def is_subhead_line(line: str) -> bool:
    """The shape of a subhead, whatever surrounds it (see subheads() for the context test)."""
    line = line.strip()
    if not MIN_CHARS <= len(line) <= MAX_CHARS or len(_IDEOGRAPH.findall(line)) < MIN_CHARS:
        return False
    if line[-1] in "。！？!?；;…：:，,、（(—-~～·" or line[0] in "—-~～·、，,":
        return False
    if _NEVER_INSIDE.search(line) or _DATE.search(line) or _CAPTION.search(line):
        return False
    if _LABEL_START.search(line) or _CHROME.search(line):
        return False
    enumerated = _ENUMERATED.match(line)
    if _COMMA.search(line) and not enumerated:
        return False
    if not _balanced(line):
        return False
    if line[0] in _OPEN_QUOTES and line[-1] in _CLOSE_QUOTES and _quote_spans_line(line):
        return False  # a quotation or slogan standing alone, not a section title
    if line[-1] in ")）" and not enumerated:
        return False  # a trailing parenthesis: a credit, '（完）', a caption
    if line.startswith("【") and not _BRACKETED.match(line):
        return False
    if line[0] == "《" and line[-1] == "》":
        return False  # a document or book title standing alone
    words = _SPACES.split(line)
    if len(words) > 1 and not enumerated:
        # two phrases side by side ('速动员 凝聚战“疫”向心力'), not a list of names or labels
        if len(words) > 3 or max(len(w) for w in words) < 4 or min(len(w) for w in words) < 2:
            return False
    return True


def _balanced(line: str) -> bool:
    pairs = ("“”", "‘’", "「」", "『』", "（）", "()", "【】", "《》")
    return all(line.count(a) == line.count(b) for a, b in pairs)


def _quote_spans_line(line: str) -> bool:
    """True when the opening quote at the start closes only at the end of the line."""
    depth = 0
    for position, char in enumerate(line):
        if char in "“‘「『":
            depth += 1
        elif char in "”’」』":
            depth -= 1
            if depth == 0:
                return position == len(line) - 1
    return line[0] in "\"'" and line.count(line[0]) == 2
