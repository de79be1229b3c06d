"""Clean stage: a verbatim capture becomes article lines without chrome, pinyin or mojibake.

Line patterns come from data/boilerplate.yml; they are matched against the Simplified form of
each line, so the same rules serve Traditional captures. Header and credit lines (来源, 作者, a
trailing '(广安日报 陈玲)') are kept here: the extract stage takes them out as metadata.

Every pattern here runs in time linear in the length of the line (a capture may be one line of
megabytes): no two parts of a pattern may compete for the same characters, such as a bar with
the white space around it tried at every space of a long run of spaces. tests/test_linear_time.py
times each pattern on adversarial lines at two lengths.
"""

from __future__ import annotations

import functools
import html
import os
import re

from build_tools import mojibake, pinyin
from build_tools.script import to_hans
from build_tools.model import Cleaned, Removal
from build_tools.rules import Boilerplate, default_boilerplate

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
# a closing tag whose '<' a broken encoding swallowed with the full stop before it ('…尽职尽责?!?/span>',
# GBK '。<' read wrongly): the stop is restored; only common tag names, after a character that cannot
# end a path ('/p>' after a letter or digit stays)
_ORPHAN_CLOSE = re.compile(r"(?<![A-Za-z0-9<./_-])([?!]{0,3})/(?:span|p|div|font|strong|em|b|i|a|u|td|tr|li|ul|ol|h[1-6]|section|br)>")
# a forum's BBCode left as text ('[size=0.48]', '[color=#333333]', '[/b]', '[S2/]'); an attachment's or a picture's code
# goes whole ('[attach]123[/attach]', '[img]…[/img]')
_BBCODE_BLOCK = re.compile(r"\[(attach|img)(?:=[^\[\]]{0,60})?\][^\[\]]{0,300}\[/\1\]", re.I)
_BBCODE = re.compile(r"\[/?(?:size|color|colour|font|align|backcolor|b|i|u|s|url|quote|indent|p|float|list|hr|hide|free|table|tr|td)"
                     r"(?:=[^\[\]\s]{0,60})?\]|\[[A-Za-z]{1,4}\d{0,2}\s?/\]", re.I)  # (or a self-closed code: '[S2/]', '[br/]')
_ENTITY = re.compile(r"&(?:#\d{1,6}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_SPACES = re.compile(r"[ \t\u00a0\u3000\u2002-\u200b\ufeff]+")
# Bidirectional embeddings, overrides and isolates: invisible, they make text display in another
# order than it is stored (a title that reads differently from what is indexed).
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CJK = "\u3400-\u9fff"
_CJK_PUNCT = "，。、；：？！“”‘’（）《》【】「」『』〈〉〔〕—…"
# (and after a comma inside a sentence before a figure: '堤上， 1300多个' from a spaced '堤上 , 1300'; not
# after a full stop, where a site's watermark or junk token starts after the space: '。 example.net')
_SPACE_AROUND_CJK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}]) (?=[{_CJK_PUNCT}])|(?<=[{_CJK_PUNCT}]) (?=[{_CJK}])|(?<=[，、]) (?=\d)")
# A web address: used only as a test (search), not to cut text. A domain ('a-b.com') is looked for
# from the start of a run of [a-z0-9-] only, which has a word boundary there or inside it: trying
# '\b[a-z0-9-]+\.' from every position of a long run 'a-a-a-…' took quadratic time.
_URL = re.compile(r"(https?://|www\.)\S+|(?<![a-z0-9-])(?:\b|(?=[a-z0-9]*-)(?=-*[a-z0-9]))[a-z0-9-]+\.(com|cn|net|org|cc|vip|top)\b", re.I)
# '\s*[|｜]\s*' (a bar and the white space around it), tried only where a run of white space
# starts: from every space of a long run it took quadratic time. Same matches.
BAR = re.compile(r"(?:(?<!\s)\s*|(?<=\s))[|｜]\s*")
_SENTENCE = re.compile(r"[。！？!?；;，,]")
# Anti-scraping junk some forums insert: short runs of mixed ASCII letters, digits, symbols.
_JUNK_INLINE = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}])[A-Za-z0-9!-/:-@\[-`{{-~]{{4,12}}(?=[{_CJK}{_CJK_PUNCT}])")
_MODEL = re.compile(r"^(?:[A-Z]{1,6}-?\d{1,5}[A-Z]?|\d+(?:\.\d+)?%?|[A-Za-z]+|\d{4}[-./]\d{1,2}(?:[-./]\d{1,2})?|[-./]?\d{4}[-./]|\d{1,2}[:/]\d{2}(?:[:/]\d{2,4})?|[A-Z0-9]+)[,.;:!?%]?$")


# a figure of the text: digits with their separators, brackets and at most a unit ('80%,4900', '77-79,',
# '......1' before '月23日', '(05)', '.1mm'); anti-copy junk mixes in letters and other symbols
_FIGURE = re.compile(r"[\d.,%~\-/:+…()]+(?:(?:mm|cm|km|m|kg|mg|g|t|ml|L|kW|MW|kV|m2|m3)(?![A-Za-z])[\d.,%~\-/:+…()]*)?")


def _is_junk_token(token: str) -> bool:
    if _MODEL.match(token) or _URL.search(token) or "@" in token and "." in token or _FIGURE.fullmatch(token) and re.search(r"\d", token):
        return False
    if re.fullmatch(r"[|(\[]?\d{1,6}(?:[.:/-]\d{1,4}){0,2}[)\]]?", token):
        return False  # a number or date by a bar or bracket ('哨位|600米…', '[某栏目 2021.10.2]'), not junk
    if re.fullmatch(r"[\"']?\d{1,6}(?:\.\d{1,4})?%?[\"']?", token):
        return False  # a number by a quotation mark folded to ASCII ('苍南龙港800"新村民"'), not junk
    if re.fullmatch(r"[_\-][A-Z]{2,6}|[_\-][A-Z][a-z]{2,12}", token):
        return False  # a separator and a brand or acronym in a page title ('某某网_SEO三人行', '-IT之家')
    if re.match(r"[(（]?ID[:：]", token):
        return False  # a social-media account's handle ('来源丨某某号(ID:abc)'), not junk
    classes = sum(bool(re.search(p, token)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^A-Za-z0-9]"))
    return classes >= 2


def strip_md_images(line: str) -> str:
    """Markdown images '![alt](address)' taken out in linear time, as a regular expression
    '![', no ']', ']', '(', no ')', ')' would: that pattern was retried from every '![' of a line
    such as '![![![…'.
    An image runs from '![' to the first ']' after it, which must be followed by '(' and then
    a ')'; when it is not, no '![' before that ']' starts an image either."""
    if "![" not in line:
        return line
    out: list[str] = []
    position = 0
    while True:
        start = line.find("![", position)
        if start < 0:
            break
        close = line.find("]", start + 2)
        if close < 0:
            break  # no ']' after here: no image starts later either
        if line.startswith("(", close + 1):
            end = line.find(")", close + 2)
            if end < 0:
                break  # no ')' after here: no later image can end
            out.append(line[position:start])
            position = end + 1
            continue
        out.append(line[position:close + 1])  # every '![' before this ']' starts no image
        position = close + 1
    out.append(line[position:])
    return "".join(out)


# the word a reader view or a copy leaves where a photo was ('Image', alone or before the date line)
_IMAGE_PLACEHOLDER = re.compile(r"^(?:Image(?:\s+|$))+")


# an HTML tag the end of a capture cut off before its '>' ('…的温暖。</p> <p class="ql-block')
_CUT_TAG = re.compile(r"<(?:p|div|span|section|a|img|b|strong|em|font|li|ul|ol|table|tbody|tr|td|br|h[1-6]|i|u|iframe|script|style|figure)(?:\s[^<>]*)?$", re.I)


# a list item's number or bullet alone ('1.', '•')
_LIST_MARK = re.compile(r"(?:\d{1,3}[.．、)]|[-*•·])")
# an image element a reader view writes where a photo was, its source inside it
# ('<image>data:image/s3,"s3://crabby-images/…" alt=""</image>'): the whole element is markup
_IMAGE_ELEMENT = re.compile(r"<image>[^<>]{0,2000}?</image>", re.I)


def strip_markup(line: str, rules: Boilerplate) -> str:
    """HTML tags and entities, Markdown image/heading/table residue, photo placeholders, bare entity
    names, bidi controls."""
    line = _IMAGE_PLACEHOLDER.sub("", strip_md_images(_IMAGE_ELEMENT.sub("", line) if "<image>" in line.lower() else line))
    line = _CUT_TAG.sub("", _TAG.sub("", line))
    if "[" in line:
        line = _BBCODE.sub("", _BBCODE_BLOCK.sub("", line))
    line = _ORPHAN_CLOSE.sub(lambda m: _orphan_close_stop(m, line), line)
    line = _ENTITY.sub(lambda m: html.unescape(m.group(0)), line)
    if rules.bare_entities:
        line = _entity_pattern(tuple(rules.bare_entities)).sub(lambda m: rules.bare_entities[m.group(1)], line)
    # (white space and bidi controls first: a heading mark after a tab, '\t#\tText', is a heading mark too,
    # and cleaning the cleaned text again finds nothing more)
    line = _MD_HEADING.sub("", BIDI_CONTROLS.sub("", line).strip()).strip()
    if line.startswith("|") or line.endswith("|"):
        line = line.strip("|").strip()
    return line.replace("\ufffd", mojibake.ILLEGIBLE)


def _orphan_close_stop(match: re.Match[str], line: str) -> str:
    """What an orphaned closing tag stands for: nothing, or the full stop the broken encoding took
    with its '<'. '?!?' is three characters' bytes: the stop's ('?!'), then one more whose first
    byte is the stop's (GBK A1) and whose second went with the '<'; inside a quotation still open
    on the line that is the closing quotation mark ('…接受组织的考验?!?/p>' for '…考验。”')."""
    if not match.group(1):
        return ""
    before = line[: match.start()]
    return "。”" if match.group(1) == "?!?" and before.count("“") > before.count("”") else "。"


_OPEN_PAREN = re.compile(rf"\((?=\s*[{_CJK}□])|(?<=[{_CJK}])\(")
# After Chinese text or punctuation, half-width marks and closing brackets become full-width
# ('一),:' -> '一）：'). Each converted mark is Chinese punctuation that the next one follows, so
# a whole run of them is converted at once: one mark per pass took a pass per mark.
# (also after one space: a content farm spaces its marks, '事实上 , “直播带货”')
_HALF_RUN = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT}□])(?: ?[,;:!?]|\s*\))+")
_FULL = str.maketrans({",": "，", ";": "；", ":": "：", "!": "！", "?": "？", ")": "）"})
_SMALL_BRACKETS = str.maketrans({"\ufe59": "（", "\ufe5a": "）"})
_DOUBLED_COMMA = re.compile(r"，(?=[，、。！？；：])")
# a comma or a semicolon after a figure and before Chinese text ('年近70,最小的', '11:30,“爱心菜”'): the text's own mark
# (between two figures it is a thousands separator or a list of numbers, and stays)
_FIGURE_COMMA = re.compile(rf"(?<=[0-9%])[,;](?=[{_CJK}“「])")
_SPACE_AFTER_PAREN = re.compile(r"（\s+")


def _full_width(run: re.Match[str]) -> str:
    """A run of marks and closing brackets (white space only before a bracket) in full width."""
    return "".join(run.group(0).split()).translate(_FULL)


def _close_full_width(line: str) -> str:
    """A ')' that closes a bracket opened full width ('（131)' after '…在行动'): full width too, so
    that the pair matches ('（131）'). One pass, a stack of the open brackets."""
    chars, opened = list(line), []
    for index, char in enumerate(chars):
        if char in "（(":
            opened.append(char)
        elif char in "）)" and opened:
            if char == ")" and opened[-1] == "（":
                chars[index] = "）"
            opened.pop()
    return "".join(chars)


def normalise_space(line: str) -> str:
    """Collapse white space; full-width punctuation next to Chinese text (mirrors turn ，into ,).

    One pass in this order reaches what repeating every step until nothing changes would: an
    opening bracket depends only on its neighbours, which no step changes; a converted mark or
    closing bracket only enables the conversion of the one right after it (the run above); and
    removing a space next to Chinese punctuation enables nothing."""
    # (each pattern is tried only when the line has the character it needs: most lines have none)
    line = _SPACES.sub(" ", line).strip().replace("﹔", "；")
    if "\ufe31" in line or "\ufe33" in line:
        line = line.replace("\ufe31", "｜").replace("\ufe33", "｜")  # vertical bars in presentation form ('文︳某某客户端')
    if "\u2015\u2015" in line:
        line = line.replace("\u2015\u2015", "——")  # a dash of two horizontal bars, as a GB2312 decoder writes '——'
    if "\ufe59" in line or "\ufe5a" in line:
        line = line.translate(_SMALL_BRACKETS)  # small-form brackets ('﹙某某﹚') read as '（某某）'
    if "(" in line:
        line = _OPEN_PAREN.sub("（", line)
    if "（" in line:
        line = _SPACE_AFTER_PAREN.sub("（", line)
    if any(mark in line for mark in ",;:!?)"):
        line = _HALF_RUN.sub(_full_width, line)
        line = _FIGURE_COMMA.sub(lambda m: m.group(0).translate(_FULL), line) if "," in line or ";" in line else line
    if "（" in line and ")" in line:
        line = _close_full_width(line)
    if " " in line:
        line = _SPACE_AROUND_CJK.sub("", line)
    # mirrors double the punctuation ('你好，，麻烦', '笑道，。', '客厅，、闲屋'): a comma right before another mark goes
    return _DOUBLED_COMMA.sub("", line) if "，" in line else line


@functools.lru_cache(maxsize=8)
def _entity_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    """Bare entity names ('ldquo', '&nbsp;'), compiled once per rule set."""
    alternatives = "|".join(sorted(map(re.escape, names), key=len, reverse=True))
    return re.compile(rf"(?<![A-Za-z])&?({alternatives});?(?![A-Za-z])")


@functools.lru_cache(maxsize=8)
def _separator_pattern(separators: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, sorted(separators, key=len, reverse=True))))


def _segments(line: str, separators: tuple[str, ...]) -> list[str]:
    return [part.strip() for part in _separator_pattern(separators).split(line)]


_COUNTER_TOKEN = re.compile(r"\d{1,7}(?:个|条|则)?(?:留言|评论|回复|点赞|赞)")


def _is_chrome_words(simplified: str, rules: Boilerplate) -> bool:
    """A line of navigation or widget words only; a toolbar may start with one site label
    ('某某网来稿 打印 纠错 投稿须知 投稿', '某某网首页 | 新闻热线 | 在线投稿')."""
    tokens = [t for t in re.split(r"[\s|｜\[\]【】、]+", simplified) if t]
    # (a counter among them too: '0个留言', '12条评论')
    chrome = [t in rules.chrome_words or t.isdigit() or bool(_COUNTER_TOKEN.fullmatch(t)) for t in tokens]
    if not tokens:
        return False
    return all(chrome) or (len(tokens) >= 3 and not chrome[0] and all(chrome[1:]) and len(tokens[0]) <= 10)


# a forum post's header whose time is relative ('只看楼主 倒序阅读 使用道具 楼主 发表于：前天 00:02'): it gives
# no date, and its other words are widget words
# (every run bounded: the white space between parts cannot be shared out in many ways on a long line)
_RELATIVE_POST = re.compile(r"(?P<head>[^:：]{0,60}?)\s{0,3}发表于\s{0,3}(?:[:：]\s{0,3})?(?:前天|昨天|今天|刚刚|半小时前|\d{1,2}\s?(?:秒|分钟|小时|天)前)"
                            r"(?:\s{0,3}\d{1,2}:\d{2}(?::\d{2})?)?\s{0,3}(?P<tail>[^:：]{0,60})")


_YEAR_LINE = re.compile(r"\s*(?:19|20)\d{2}\s*")
_MONTH_DAY_LINE = re.compile(r"\s*\d{1,2}\s*[/.\-]\s*\d{1,2}\s*")


def _year_of_split_date(texts: list[str], index: int, line: str) -> bool:
    """A year alone on its line with the month and day alone on the next ('2020' over '01/26'):
    a template's date over lines, not a page number."""
    # (or the day alone in large type over the year and month: '17' over '2022.03')
    return index + 1 < len(texts) and (bool(_YEAR_LINE.fullmatch(line)) and bool(_MONTH_DAY_LINE.fullmatch(texts[index + 1]))
                                       or bool(re.fullmatch(r"\s*(?:0?[1-9]|[12]\d|3[01])\s*", line))
                                       and bool(re.fullmatch(r"\s*(?:19|20)\d{2}\s*[-./]\s*(?:0?[1-9]|1[0-2])\s*", texts[index + 1])))


_FOOTER_LINK = re.compile(r"(关于|联系|合作|友情|加入|广告|投稿|隐私|版权|法律|免责|网站|站点)")


def _is_place_menu(words: list[str]) -> bool:
    """A site's menu of cities or counties ('广州 深圳 珠海 汕头 佛山 …'): six or more space-separated
    short words, at least five in six of them names of the gazetteer (a list of people's names is not);
    or a menu of sister sites, each a brand word and a place ('今日潍坊 今日青州 今日诸城 …'), the word they
    share set aside."""
    prefix = os.path.commonprefix(words)
    suffix = os.path.commonprefix([w[::-1] for w in words])[::-1]
    for shared, cut in ((prefix, lambda w: w[len(prefix):]), (suffix, lambda w: w[: len(w) - len(suffix)])):
        if len(shared) >= 2 and all(len(w) > len(shared) for w in words):
            words = [cut(w) for w in words]
            break
    if not all(re.fullmatch(r"[\u4e00-\u9fff]{2,5}", w) for w in words):
        return False
    from build_tools import gazetteer  # imported here: the gazetteer is loaded only for such a line
    places = gazetteer.default()
    return sum(bool(places.lookup(w)) for w in words) * 6 >= len(words) * 5


# a net that a headline weaves or builds, not a site's name ending in 网 ('织密…防护网' / '筑牢…安全网' /
# '…联防联控网'): a verb of weaving first, or a kind of safety net last
_WOVEN_NET = re.compile(r"^(?:织|筑|编|构|拉|张|撒|结)|(?:防护|保护|安全|防控|防疫|保障|责任|服务|关爱|平安|监测|预警|联控|天罗地|互联|网格)网$")


def _is_nav(simplified: str, rules: Boilerplate, position: int) -> bool:
    """Breadcrumbs and navigation bars: short segments and no sentence, either joined by an
    arrow-like separator, or (near the top) space-separated column names after a site name; or a
    cloud of eight or more '|' links nearly all short ('利川市 | 科尔 | 花莲县 | … | 区。 | …') or most of
    them in other scripts (a site's language versions)."""
    if simplified.count("|") + simplified.count("｜") >= 7:
        links = [p.strip() for p in re.split(r"[|｜]", simplified) if p.strip()]
        if len(links) >= 8 and sum(len(p) <= 8 for p in links) * 10 >= len(links) * 9:
            return True
        # a site's language versions ('中文 | English | Français | Русский язык | …'): most links in other scripts
        if len(links) >= 8 and all(len(p) <= 20 for p in links) and sum(not _HAN.search(p) for p in links) * 2 >= len(links):
            return True
    if _SENTENCE.search(simplified.replace("|", "")):
        return False
    parts = [p for p in _segments(simplified, rules.nav_separators) if p]
    if len(parts) == 1 and len(parts[0]) <= 6 and re.fullmatch(r"[^|｜]+[|｜]", simplified.replace(" ", "")):
        return True  # a menu bar whose other links lost their text in the copy ('新媒体 | |||||||||||' -> '新媒体 |')
    if len(parts) >= 2 and any(s in simplified for s in (">>", "»", ">", "→", " -- ")):
        return all(len(p) <= 20 for p in parts)
    if len(parts) >= 4 and all(len(p.replace(" ", "")) <= 8 for p in parts):
        return True  # a menu bar: '首页 | 新闻频道 | 今日某地 | 乡镇网闻 | …'
    if len(parts) >= 8 and all(len(p.replace(" ", "")) <= 12 for p in parts):
        return True  # (or one of grouped channels: '首页 | 新闻 原创 视听 | 问政 评论 专题 | … | 万花瞳 百姓故事 公益 | 信用')
    # a footer's link row naming the site in its links ('合作网站 | 联系《某某网》 | 关于《某某网》'):
    # three or more '|' links, short, most of them chrome words or about/contact/partner links
    if len(parts) >= 3 and ("|" in simplified or "｜" in simplified) and all(len(p) <= 14 for p in parts) \
            and sum(p in rules.chrome_words or bool(_FOOTER_LINK.match(p)) for p in parts) * 3 >= len(parts) * 2:
        return True

    # a bar of links to governments' and papers' sites ('中央人民政府 | 西藏人民政府 某某报')
    links = [w for w in re.split(r"[\s|｜]+", simplified) if w]
    if len(links) >= 2 and any(w.endswith("政府") for w in links) \
            and all(re.fullmatch(r"[\u4e00-\u9fff]{1,10}(?:人民政府|政府|政府网|网|报|电视台)", w) for w in links):
        return True
    words = simplified.split(" ")
    if re.search(r"记者|通讯员|实习生|(?:^|\s)[\u4e00-\u9fff]{0,6}报道$", simplified):
        return False  # a byline of many names spaced out ('某某网记者 张某 李某 … 通讯员 王某 某地报道'), no menu
    if len(words) >= 6 and _is_place_menu(words):
        return True
    if position < 5 and len(words) >= 8 and sum(not re.fullmatch(r"[\u4e00-\u9fff]{1,6}|[\u4e00-\u9fff]{1,4}[@·][\u4e00-\u9fff]{1,4}", w)
                                                for w in words[:-1]) == 0 and re.fullmatch(r"[\u4e00-\u9fff]{1,16}", words[-1]):
        return True  # a channel menu spaced out at the top ('最新原创 专题 新经济 曝光台 中国访谈 …'): no headline has eight spaced
        # words (the last may be several channels run together: '… 服务 某某故事 某某青年说风味某某融媒报道')
    if position < 5 and len(words) >= 6 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", w) for w in words) \
            and sum(len(w) <= 3 for w in words) * 2 >= len(words):
        return True  # (or six short words, half of them of two or three characters, a forum's hot topics without their
        # label: '校外培训 高考 中考 择校 房产税 …'; a slogan's spaced phrases have four characters each)
    if position < 5 and len(words) >= 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,10}", w) for w in words):
        # (a site's name, not a net a headline weaves: '设立党群先锋义站 织密家门口防护网' / '织牢群防群控安全网')
        return any(re.search(r"(网|网站|首页|频道|在线)$", w) and not _WOVEN_NET.search(w) for w in words) \
            or words[-1] in ("正文", "列表", "详情", "内容")
    return False


def _menu_rows(lines: list[str], rules: Boilerplate) -> set[int]:
    """Indexes of a navigation bar's further rows near the top: lines of three or more short words set
    off by spaces, nothing else on them, right under a line that is a navigation bar ('网站首页 高层关注
    媒体聚疫 …' / '战疫文化 谈古论今 战疫论坛 …' / '疫情与节约 疫情与浪费 疫情与效率'). A headline of
    three spaced phrases stands alone, under no menu."""
    found: set[int] = set()
    for index, line in enumerate(lines[:12]):
        if index in found or not _is_nav(to_hans(line), rules, 0) or re.search(r">|»|→", line):
            continue  # (a breadcrumb has no further rows: spaced phrases under it are a kicker, '党员带头 依靠群众 齐抓齐防')
        below = index + 1
        while below < len(lines) and len(words := lines[below].split()) >= 3 \
                and all(re.fullmatch(r"[\u4e00-\u9fff]{2,6}", w) for w in words):
            found.add(below)
            below += 1
    return found


def _drop_segments(line: str, simplified: str, rules: Boilerplate) -> str:
    """In a '|'-separated line, drop the segments that are chrome (发表于 … | 只看该作者 | 来自江苏)."""
    if "|" not in line and "｜" not in line:
        return line
    kept = []
    for original, simple in zip(BAR.split(line), BAR.split(simplified)):
        simple = simple.strip()
        if not simple or simple in rules.chrome_words or re.fullmatch(r"来自\S{2,4}", simple) \
                or rules.drops(simple):
            continue
        kept.append(original.strip())
    return " | ".join(kept)


def _tail_cut(lines: list[str], rules: Boilerplate, bounds: tuple[int, int] | None | bool = False) -> int:
    """Index of a tail marker ('相关链接') in the last part of the lines or after the article's first
    paragraph (a short capture whose comments follow one paragraph), else len(lines). ``bounds``:
    the lines' body bounds when the caller has them already."""
    cut = len(lines)
    bounds = _body_bounds(lines, rules) if bounds is False else bounds
    for index in range(len(lines) - 1, -1, -1):
        early = index < len(lines) * (1 - rules.tail_fraction)
        if early and (bounds is None or index <= bounds[0]):
            break
        marker = to_hans(lines[index]).strip(" •·●▪◆■★☆-–—|｜>》»")  # '• 相关内容'
        if any(p.fullmatch(marker) for p in rules.tail_markers):
            # before the last part of the page, or above the article's first paragraph, a marker ends
            # the article only when less of the article's prose follows it than precedes it (an inline
            # '相关文章' box in a long story is not its end, nor is the '• 更多>>' of a site's menu over
            # a short capture's story)
            above = bounds is not None and index < bounds[0]
            if (early or above) and _prose(lines[index + 1:]) > _prose(lines[:index]):
                continue
            cut = index
    return cut


def _headline_strip(items: list[tuple[int | None, str]], cut: int) -> int | None:
    """Index of a strip of other stories' headlines set on one line right above the tail marker,
    on the line next to it ('某地游客合影走红 网友点赞 某某时报评论：…' over '相关阅读：'): spaced
    pieces, two or more of them of six or more characters, sixteen in all, the line not ending like a
    sentence, under a line that does; else None. (A writer's or editor's sign-off there is short pieces or bracketed.)"""
    if not 2 <= cut < len(items):
        return None
    (number, line), (marker, _) = items[cut - 1], items[cut]
    if number is None or marker is None or marker - number != 1:
        return None
    long_pieces = [p for p in line.split() if len(re.findall(r"[\u4e00-\u9fff]", p)) >= 6]
    if len(long_pieces) < 2 or len(re.findall(r"[\u4e00-\u9fff]", line)) < 16 \
            or line.rstrip()[-1:] in "。！？!?…”」）)" or re.match(r"\s*[（(【\[]", line):
        return None
    return cut - 1 if items[cut - 2][1].rstrip()[-1:] in "。！？!?…”」" else None


# a post's header in a forum thread's print view ('作者: 某某    时间: 2021-4-10 15:31')
_POST_HEADER = re.compile(r"\s*(?:作者|發表者|发表者|楼主|樓主)\s*[:：]\s*(?P<who>\S{1,20})\s+(?:时间|時間|发表时间|發表時間)\s*[:：]\s*"
                          r"(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*")


# the same in a forum archiver's plain view ('某某 发表于 2020-7-21 12:32:54')
_ARCHIVER_POST = re.compile(r"\s*(?P<who>[^\s:：]{1,20})\s+(?:发表于|發表於)\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*")


def _reply_cut(lines: list[str]) -> int:
    """Index of the first reply in a forum thread's print view: the first post header by another
    member than the first post's (the thread's author may go on in a second post; once another
    member answers, what follows is the replies), else len(lines)."""
    first = None
    for index, line in enumerate(lines):
        post = _POST_HEADER.fullmatch(to_hans(line)) or _ARCHIVER_POST.fullmatch(to_hans(line))
        if post is None:
            continue
        if first is None:
            first = post["who"]
        elif post["who"] != first:
            return index
    return len(lines)


def _prose(lines: list[str]) -> int:
    """Characters of the lines that read as article prose (long, ending like a sentence)."""
    return sum(len(line) for line in lines if len(line) >= 40 and line.rstrip()[-1:] in "。！？”」）)")


def _bare(simplified: str) -> str:
    """A short line without bullets, brackets and inner spaces ('】 【打 印】' -> '打印')."""
    return re.sub(r"[\s•·●▪◆■★☆\-–—|｜\[\]【】+＋]+", "", simplified)


def _counter(simplified: str, rules: Boilerplate) -> bool:
    """Counters and forum statistics: labels from `counter_words` with numbers and nothing else
    ('查看: 6420|回复: 8', '鲜花( 0) 鸡蛋( 0)', '共1条评论', '2020-02-23 17:57回复 0')."""
    if not re.search(r"\d", simplified) or (len(simplified) > 40 and not re.fullmatch(r"[\d\s,:|｜\-]+", simplified)):
        return False
    rest = re.sub(r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}:\d{2}(:\d{2})?|[\d\s:：|｜()（）\[\]\-/.,，·•]+", " ", simplified)
    words = [w for w in re.split(r"\s+", rest) if w]
    if not words:
        return len(re.findall(r"\d{4}-\d{1,2}-\d{1,2}", simplified)) >= 2  # a list of dates with counts
    return all(any(w == c or (w.startswith(c) and w[len(c):] in rules.counter_words) for c in rules.counter_words)
               or w in rules.counter_words for w in words)


_METADATA_LABEL = re.compile(r"[^“”\"'「」]{0,4}(来源|稿源|作者|记者|发布时间|发布日期|日期)[:：]")
_METADATA_DATE = re.compile(r"(19|20)\d{2}[-/.年]\d{1,2}")


def _footer_score(simplified: str, rules: Boilerplate) -> int:
    """Points of the notice classifier: how many different words of `footer_words` a line has. A
    line that also carries metadata (a date, or a label at its start: '新闻来源：… 于2020-07-13 提示：
    新闻观点不代表本网立场'; not one quoted inside the notice, '凡标注为“来源：某某网”的稿件…') scores
    0: the metadata stage reads it first."""
    if _METADATA_DATE.search(simplified) or _METADATA_LABEL.match(simplified):
        return 0
    return sum(word in simplified for word in rules.footer_words)


_BRACKET_GROUP = re.compile(r"【[^【】]{1,16}】")


def _bracket_bar(simplified: str) -> bool:
    """A bar of bracketed widgets with at most a few short links around them ('留园网首页 · 新闻速递首页 ·
    【繁体阅读】 【网友评论：103 条】 【 热门新闻排行 】'): three or more short 【…】 groups and no sentence."""
    groups = _BRACKET_GROUP.findall(simplified)
    if len(groups) < 3 or any(_SENTENCE.search(g) for g in groups):
        return False
    rest = [p for p in re.split(r"[\s·•|｜/]+", _BRACKET_GROUP.sub(" ", simplified)) if p]
    return all(len(p) <= 8 and not _SENTENCE.search(p) for p in rest)


@functools.lru_cache(maxsize=8)
def _widget_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """The widget words as one alternation, longest first, compiled once per rule set (literal
    alternatives: a scan in linear time)."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


_LETTERS = re.compile(r"[\u3400-\u9fff]|[A-Za-z]{3,}")
_SENTENCE_END = re.compile(r"[。！？!?；;]")


def _letters(line: str) -> str:
    """The Chinese characters and the Latin words of three or more letters of a line ('720P',
    't:0.00 pg:1' have none)."""
    return "".join(_LETTERS.findall(line))


# a link or a label with nothing after it ('更多>>', '相关文章：', '分享:')
_LINK_END = re.compile(r"(?:>>|»|→|>|[:：])\s*$")
_WIDGET_MAX = 40  # letters: a longer line is a sentence or a notice, not a widget's label


def _widget_score(simplified: str, rules: Boilerplate) -> float:
    """Points of the widget classifier for a short line: the share of its letters (Chinese
    characters and Latin letters) that are words of `widget_words` (comment boxes, 'more' links,
    app promotions, toolbars: '目前没有评论，欢迎您发表观点', '验证码：查看评论', '热门话题更多>>'),
    plus 0.2 when it ends like a link or an empty label ('>>', '：'). A line with metadata (a date,
    a label such as 来源：, a credit) scores 0: the metadata stage reads it."""
    if not rules.widget_words or len(simplified) > 2 * _WIDGET_MAX or _METADATA_DATE.search(simplified) \
            or _METADATA_LABEL.match(simplified) or _CREDIT_LABEL.match(simplified):
        return 0.0
    letters = _letters(simplified)
    if not letters or len(letters) > _WIDGET_MAX:
        return 0.0
    covered = sum(len(m.group(0)) for m in _widget_pattern(rules.widget_words).finditer(letters))
    return covered / len(letters) + (0.2 if _LINK_END.search(simplified) else 0.0)


def _widget_reason(simplified: str, rules: Boilerplate, before_body: bool) -> str | None:
    """A widget line outside the article body. Above the first paragraph, where the headline is,
    the classifier needs 0.2 more points than under the last one."""
    score = _widget_score(simplified, rules)
    if score >= rules.widget_share + (0.2 if before_body else 0.0):
        return f"chrome: widget line (score {score:.2f} of boilerplate.yml widget_words)"
    return None


_BLOCK_LINE = 30  # characters: a line of a widget block is short and no sentence


def _widget_blocks(lines: list[str], rules: Boilerplate, outside: set[int]) -> set[int]:
    """Indexes of widget blocks outside the article body: a run of short lines without a sentence
    end with three or more widget lines (`widget_share`), at least half of its widget-like lines
    (some widget words, or no letters and no date): a video player's controls ('播放' / '00:49' /
    '倍速' / '网页全屏'), an app's 'open in the browser' steps. In such a block a line also goes when
    it scores half the share, or has no letters and no date ('00:49', '720P'); a line of other words
    (a headline, a metadata line) stays."""
    found: set[int] = set()
    if not rules.widget_words:
        return found
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and end in outside and len(lines[end]) <= _BLOCK_LINE and not _SENTENCE_END.search(lines[end]):
            end += 1
        if end - index >= 3:
            # the widget-like lines of the run: some widget words, or no letters and no date
            scores = {i: _widget_score(to_hans(lines[i]), rules) for i in range(index, end)}
            bare = {i for i in scores if not _letters(lines[i]) and not _METADATA_DATE.search(lines[i])}
            widgetish = {i for i, score in scores.items() if score > 0} | bare
            strong = sum(score >= rules.widget_share for score in scores.values())
            if strong >= 3 and strong * 2 >= len(widgetish):
                found.update(i for i in widgetish if i in bare or scores[i] >= rules.widget_share / 2)
        index = max(end, index + 1)
    return found


# a magazine's column head in capitals ('CROSS-STRAIT', 'COVER STORY'), alone or after the column's Chinese name
_CAPS_HEAD = re.compile(r"[A-Z][A-Z&'\- ]{2,30}")
_WORDS_HEAD = re.compile(r"[A-Za-z]{2,12}(?: [A-Za-z]{2,12}){1,3}")
_COLUMN_HEAD = re.compile(r"([\u4e00-\u9fff]{2,8})\s+[A-Z][A-Z&'\- ]{2,30}")


def _column_heads(lines: list[str], outside: set[int]) -> set[int]:
    """Indexes of a magazine's bilingual column head above the article ('海峡两岸' over 'CROSS-STRAIT',
    '封面故事 COVER STORY' on one line): a short Chinese name next to its English name in capitals."""
    found: set[int] = set()
    for index in sorted(outside):
        line = lines[index].strip()
        if _COLUMN_HEAD.fullmatch(line):
            found.add(index)
        elif _CAPS_HEAD.fullmatch(line) and index - 1 in outside and re.fullmatch(r"[\u4e00-\u9fff]{2,8}", lines[index - 1].strip()):
            found.update((index - 1, index))
        elif _WORDS_HEAD.fullmatch(line) and index + 1 in outside and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", lines[index + 1].strip()):
            found.update((index, index + 1))  # (or the English name in small letters over it: 'company news' / '公司要闻')
    return found


# how the name of a site or an outlet ends ('某某先锋网', '某某日报', '某某发布'): a headline such as
# '打造红色微信公众号' glued to the label is no account's name
_OUTLET_ENDINGS = ("网", "網", "报", "報", "台", "发布", "發布", "新闻", "新聞", "在线", "在線", "融媒", "中心", "之窗", "头条", "頭條")


def _account_names(lines: list[str], rules: Boilerplate, outside: set[int]) -> dict[int, str]:
    """Indexes of a site's social-media account labels outside the article body, with the reason:
    a short name line right above a label of `account_labels` ('某某报网' over '微信公众号'), or
    the name glued to the label ('某某先锋网微信公众号'); the name ends like an outlet's (网, 报, 台,
    发布, …). The label line alone is a chrome word."""
    found: dict[int, str] = {}
    if not rules.account_labels:
        return found
    for index in sorted(outside):
        bare = _bare(to_hans(lines[index]))
        if not bare or len(bare) > 24 or _SENTENCE.search(bare):
            continue
        if bare in rules.account_labels:
            above = index - 1
            name = _bare(to_hans(lines[above])) if above in outside else ""
            if name and len(name) <= 12 and name.endswith(_OUTLET_ENDINGS) and not _SENTENCE.search(name) \
                    and not re.search(r"\d", name) and not _METADATA_LABEL.match(name) and name not in rules.account_labels:
                found[above] = f"chrome: an account's name above its label '{bare}'"
        elif bare.endswith(rules.account_labels) and not re.search(r"\d", bare):
            label = next(a for a in sorted(rules.account_labels, key=len, reverse=True) if bare.endswith(a))
            name = bare[: len(bare) - len(label)]
            if 2 <= len(name) <= 12 and name.endswith(_OUTLET_ENDINGS):
                found[index] = f"chrome: an account label '{label}' with the site's name"
    return found


# a line of emoji alone (a mirror's decoration between its brand lines: '🦗'), with their joiners
# and variation selectors; signs of the text's own planes ('★', '※') are not counted
# (and the clock and hourglass signs of the technical block a spam line wraps its name in: '⏲…⏳')
_EMOJI = re.compile(r"[\U0001F000-\U0001FAFF\u231a\u231b\u23e9-\u23fa]")
_EMOJI_LINE = re.compile(r"[\U0001F000-\U0001FAFF\u231a\u231b\u23e9-\u23fa\u200d\ufe0f\s]+")  # (with _EMOJI: one emoji at least)


# an outlet's English name alone near the top ('Beijing Daily' under the headline): the source, which
# extraction reads, not a site's tag
LATIN_OUTLET = re.compile(r"(?:[A-Z][a-z]+ ){1,3}(?:Daily|Times|Post|News|Weekly|Herald|Tribune)")
_LATIN_OUTLET_LINES = 6


def _why_chrome(line: str, simplified: str, rules: Boilerplate, position: int) -> str | None:
    """The reason a whole line is chrome, or None when it may be article text."""
    unbulleted = simplified.lstrip("•·●▪◆■★☆ ")  # '• 上一篇文章：'
    if rules.drops(simplified) or unbulleted != simplified and rules.drops(unbulleted):
        for index, pattern in enumerate(rules.drop_lines):  # the rule that matched, for the removal report
            if pattern.fullmatch(simplified) or unbulleted != simplified and pattern.fullmatch(unbulleted):
                return f"chrome: boilerplate.yml drop_lines[{index}] '{pattern.pattern}'"
    if rules.footer_words and _footer_score(simplified, rules) >= rules.footer_min_words:
        return f"chrome: notice ({_footer_score(simplified, rules)} words of boilerplate.yml footer_words)"
    if _bracket_bar(simplified):
        return "chrome: bar of bracketed widgets"
    if _is_chrome_words(simplified, rules):
        return "chrome: navigation/forum words"
    post = _RELATIVE_POST.fullmatch(simplified)
    if post and all(not part.strip() or _is_chrome_words(part, rules) for part in (post["head"], post["tail"])):
        return "chrome: a forum post's header with a relative time (no date)"
    bare = _bare(simplified)
    if bare and len(bare) <= 12 and (bare in rules.chrome_words or _is_chrome_words(re.sub(r"[•·●▪【】\[\]]", " ", simplified), rules)):
        return "chrome: navigation/forum words"
    if _is_nav(simplified, rules, position):
        return "chrome: breadcrumb or navigation bar"
    if _counter(simplified, rules):
        return "chrome: counter or forum statistics"
    spam = {w for w in rules.spam_words if w in simplified}
    if len(spam) >= 2 or (spam and _URL.search(simplified)):
        trimmed = _trim_spam(line, simplified, rules)
        if trimmed == line or any(w in to_hans(trimmed) for w in rules.spam_words):
            return "spam: " + "、".join(sorted(spam))
        # else an article run into one line after an advert: the advert alone is cut (_transform)
    if _EMOJI_LINE.fullmatch(line) and _EMOJI.search(line):
        return "chrome: a line of emoji"
    if re.fullmatch(r"[A-Za-z0-9!-/:-@\[-`{-~]{4,40}", line) and _is_junk_token(line):
        return "chrome: anti-copy junk"
    tokens = line.split()
    if 2 <= len(tokens) <= 6 and all(re.fullmatch(r"[!-~]{1,4}", t) for t in tokens) and _is_spaced_junk(line):
        return "chrome: anti-copy junk"
    if re.fullmatch(r"_?[A-Za-z][A-Za-z_.\- ]{1,30}", line) and len(line.split()) <= 3 and line not in ("COVID-19",) \
            and not (position < _LATIN_OUTLET_LINES and LATIN_OUTLET.fullmatch(line.strip())):
        return "chrome: site tag in Latin letters"
    if _POST_LIST_ITEM.fullmatch(simplified.strip()):
        return "chrome: a blog's list of its posts (a title and its month)"
    if _truncated_titles(simplified):
        return "chrome: a ticker of other stories' titles cut short ('…...')"
    if _SEO_TITLE.fullmatch(simplified.strip()):
        return "spam: a keyword page's title (the keyword asked again in brackets)"
    return None


_TRUNCATION = re.compile(r"(?<![.…])(?:\.{3}|…)(?![.…])")


def _truncated_titles(simplified: str) -> bool:
    """A site's ticker of its latest titles on one line, three or more cut short with '...' and no sentence
    among them ('最新资讯 生活百科|多吃南瓜能降血糖? 官宣|第二十七届年会活动... 自贸港AI之光闪耀全国赛场!海南...
    …'); a story's own ellipsis is '……' and its sentences end."""
    marks = _TRUNCATION.findall(simplified)
    if len(marks) < 3 or re.search(r"[。；;]", simplified):
        return False
    pieces = _TRUNCATION.split(simplified)
    return all(len(_HAN.findall(piece)) <= 40 for piece in pieces)


# an item of a blog's list of its posts, a dash, the title and the month in brackets ('- 某某日记 [2020/02]')
_POST_LIST_ITEM = re.compile(r"[-•·]\s?[^\s\[\]][^\[\]]{1,40}\s\[(?:19|20)\d{2}[/-]\d{1,2}\]")
# a spam mirror's page title for a search keyword, the keyword asked again in brackets
# ('某某代码(某某代码是什么)', '某某(某某怎么样)'), over a story copied from elsewhere
_SEO_TITLE = re.compile(r"(?P<k>[^()（）]{3,30}?)\s?[（(](?P=k)\s?(?:是什么意思|是什么|什么意思|怎么样|怎么办|怎么弄|有哪些|多少钱|在哪里|是哪里|好不好|是真的吗)[)）]")


def _mood_lines(lines: list[str]) -> set[int]:
    """A Discuz member's mood under 'TA的每日心情' (the label itself is a drop_lines rule): the
    mood's word and the time it was set ('奋斗' / '2015-12-7 20:09'), which is no article's date."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if line.strip(" •·●▪◆■") != "TA的每日心情":  # (the same in both scripts)
            continue
        for below in range(index + 1, min(index + 3, len(lines))):
            text = lines[below].strip(" •·●▪◆■")
            if re.fullmatch(r"[\u4e00-\u9fff]{1,4}|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?", text):
                found.add(below)
            else:
                break
    return found


def _pairs(values: list[bool], label_first: bool) -> int:
    """How many label-and-value pairs a run of short lines holds (values: which lines are numbers),
    the label above its value or below it."""
    pairs, at = 0, 0
    while at + 1 < len(values):
        if values[at] != label_first and values[at + 1] == label_first:
            pairs, at = pairs + 1, at + 2
        else:
            at += 1
    return pairs


def _sidebar_blocks(lines: list[str], counter_words: frozenset[str]) -> set[int]:
    """Indexes of flattened profile sidebars: runs of 4+ very short lines, at least half of them
    numbers ('- UID', '- 35987', '- 积分', '- 456'). A poem's short lines have no such numbers."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and len(_bare(lines[end])) <= 8 and not _SENTENCE.search(lines[end]):
            end += 1
        run = lines[index:end]
        values = [bool(re.fullmatch(r"\d+(\.\d+)?\S{0,2}", _bare(x))) for x in run]
        numbers = sum(values)
        labels = sum(_bare(x) in counter_words for x in run)
        # (or a profile's fields, each label over its value: '- 桐币' / '- 376', '- 注册时间' / '- 2009-5-12';
        # or each value over its label, as a forum's poster block has them: '8万' / '主题' / '26万' / '积分')
        pairs = max(_pairs(values, label_first=True), _pairs(values, label_first=False))
        if len(run) >= 4 and numbers >= 2 and (numbers * 2 >= len(run) or (numbers + labels) * 5 >= len(run) * 4
                                                or pairs >= 3 and pairs * 3 >= len(run)):
            found.update(range(index, end))
        index = max(end, index + 1)
    return found


def _tag_cloud(lines: list[str]) -> set[int]:
    """Indexes of a blog's keyword tags under the story, one word a line ('工作队' / '驻村' / '积水' /
    '汛情' / …): the last lines of the page, six or more, each of one to four characters with no
    punctuation, under a paragraph. A poem's lines are longer or end in punctuation."""
    end = len(lines)
    start = end
    while start > 0 and re.fullmatch(r"[\u3400-\u9fff]{1,4}", _bare(to_hans(lines[start - 1]))) and not re.search(r"[，。！？、,.!?：:]", lines[start - 1]):
        start -= 1
    if end - start >= 6 and start > 0 and len(_HAN.findall(lines[start - 1])) >= 20:
        return set(range(start, end))
    return set()


_PAGE_LABEL = re.compile(r"第[A-Za-z]?\d{1,3}版")


def _menu_runs(lines: list[str], rules: Boilerplate, cells: set[int] = frozenset()) -> set[int]:
    """Indexes of a site menu flattened one link a line above the first paragraph: runs of 5+
    short lines without sentence punctuation or quotation marks, at least half of them ending in a
    menu word (boilerplate.yml menu_endings), being chrome words, an e-paper's page label or a
    table's cell (``cells``: the line ended in the '|' a flattened table puts after each cell). A
    poem's lines end otherwise."""
    found: set[int] = set()
    first = next((i for i, line in enumerate(lines) if len(line) >= 30 and _SENTENCE.search(line)), len(lines))
    index = 0
    while index < first:
        end = index
        while end < first and 0 < len(_bare(to_hans(lines[end]))) <= 10 and not _SENTENCE.search(lines[end]) \
                and not re.search(r"\d{4}|[“”「」]", lines[end]):
            end += 1
        run = [_bare(to_hans(x)) for x in lines[index:end]]
        # (an e-paper's vertical 版面目录 alternates page labels and page names: '第01版' / '要闻')
        menu = sum(x.endswith(rules.menu_endings) or x in rules.chrome_words or bool(_PAGE_LABEL.fullmatch(x)) or i in cells
                   for i, x in enumerate(run, start=index))
        if len(run) >= 5 and menu * 2 >= len(run):
            found.update(range(index, end))
        index = max(end, index + 1)
    return found


# a credit under the story ('记者 某某', '编辑 某某') is metadata, never a menu link
_CREDIT_WORD = re.compile(r"记者|编辑|责编|作者|通讯员|摄影|来源|审核|校对|供稿|撰稿")


def _tail_menu(lines: list[str], rules: Boilerplate, bounds: tuple[int, int] | None) -> set[int]:
    """Indexes of a site menu flattened one link a line that ends the capture under the last
    paragraph ('新闻' / '思想者' / '共青团' / '视频'): four or more very short lines (six characters at
    most, no sentence punctuation, no digits), at least half of them menu words (`menu_endings`,
    chrome words). A poem's or a list's lines are longer or end otherwise."""
    if bounds is None:
        return set()
    index = len(lines)
    while index - 1 > bounds[1] and 0 < len(_bare(to_hans(lines[index - 1]))) <= 6 \
            and not _SENTENCE.search(lines[index - 1]) and not re.search(r"\d", lines[index - 1]) \
            and not _CREDIT_WORD.search(to_hans(lines[index - 1])):
        index -= 1
    run = [_bare(to_hans(x)) for x in lines[index:]]
    menu = sum(x.endswith(rules.menu_endings) or x in rules.chrome_words for x in run)
    return set(range(index, len(lines))) if len(run) >= 4 and menu * 2 >= len(run) else set()


# an e-paper's jump line glued to the end of a paragraph ('…人就不撤。（下转第二版）')
_JUMP = re.compile(r"[（(](?:下[转轉]|上接|接上|[转轉]下|下接)第?\s?[^\s（()）]{1,4}\s?版[）)]\s*$")


_HAN = re.compile(r"[\u3400-\u9fff]")
_BODY_HAN = 10  # Chinese characters a paragraph has at least (a web address with a '?' is no paragraph)
# a line with that many: matched from its start, stopping at the tenth (a count of all of them, line
# after line, cost more); each character either is one or is not, so the match is linear
_ENOUGH_HAN = re.compile(r"(?:[^\u3400-\u9fff]*[\u3400-\u9fff]){%d}" % _BODY_HAN)
# a short paragraph ends like a sentence; a headline of 30-59 characters with a '！' inside does not
_PARAGRAPH_END = re.compile(r"[。！？!?…”」）)；;]\s*$")


def _body_bounds(lines: list[str], rules: Boilerplate) -> tuple[int, int] | None:
    """Indexes of the article's first and last paragraph: lines of 30+ characters with sentence
    punctuation and 10+ Chinese characters that neither a drop or edge pattern, the notice classifier
    nor three spam words claim; None without any."""
    body = []
    for i, line in enumerate(lines):
        if len(line) < 30 or not _SENTENCE.search(line) or not _ENOUGH_HAN.match(line) \
                or len(line) < 60 and not _PARAGRAPH_END.search(line):
            continue
        simplified = to_hans(line)
        if _edge_pattern(simplified, rules) is None and _footer_score(simplified, rules) < rules.footer_min_words \
                and sum(w in simplified for w in rules.spam_words) < 3 and not rules.drops(simplified):
            # (nor a mirror's spam header, '…成人…日韩…久久…', nor a line a drop rule claims: '您的IE浏览器版本太低，请升级…。')
            body.append(i)
    return (body[0], body[-1]) if body else None


def _footer_list_item(line: str) -> bool:
    """A line of a headline or link list: short, not ending a sentence, not a label and value or
    a bracketed credit (those are metadata, read by the next stage)."""
    return len(line) <= 40 and not re.search(r"[。；;]$|^[（(].*[)）]$|^\S{1,6}\s?[:：]", line.strip())


# A list of related headlines under the article with no label over it: at least this many short
# lines, none a sentence, running to the end of the capture (chrome lines may sit among them), most
# of them headline-long. A poem or a run of captions ending an article is shorter, or has sentences.
_TAIL_LIST_MIN = 8
_TAIL_LIST_MEDIAN = 12


# (a bar also separates a credit's label from the name: '图文|某某')
_CREDIT_LABEL = re.compile(r"^[^，。]{0,4}(来源|來源|稿源|作者|记者|記者|编辑|編輯|责编|責編|审核|審核|校对|校對|通讯员|通訊員|摄影|攝影|供稿|出处|出處|图文|圖文)\s?[:：|｜丨]")


def _headline_item(line: str) -> bool:
    """A line of a headline list: short, no sentence end anywhere, not a bracketed or labelled credit
    (those are metadata, read by the next stage). A headline may have a colon ('某某：…')."""
    return len(line) <= 40 and not re.search(r"[。；;！？!?]", line) and not re.fullmatch(r"[（(].*[)）]", line.strip()) \
        and not _CREDIT_LABEL.match(line)


# the editor's bracketed credit that closes a news site's story ('（总台记者 某某）【编辑：某某】')
_EDITOR_CLOSE = re.compile(r"[【\[](?:责任编辑|编辑|责编)[:：]\s?[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4})?[】\]]$")


# a link's title cut short by its list, two or three full stops of ASCII after a character ('某某活动..')
_TRUNCATED_LINK = re.compile(r"[^.。…\s]\.{2,3}$")


# the writers' names alone in brackets on the line that closes a story ('（林某某 林某某）')
_SIGNATURE_ALONE = re.compile(r"[（(](?:通讯员|记者|作者|文)?\s?[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,3}[)）]")
# the story's last sentence signed by its writer in brackets ('…结束。（通讯员 某某）', '…。(记者 某某 某某)')
# (or with what they made after the names: '…。（记者 某某某 文/图）')
_SIGNED_END = re.compile(r"[。！？”][（(](?:通讯员|记者|作者|文|文/图|撰稿)?\s?[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,3}"
                         r"(?:\s?(?:文/图|图/文|摄|供图))?[)）]$")


# an item of a list of headlines each tagged with a keyword and a bar ('- 心理健康 | 某某社区开展…讲座')
_TAGGED_ITEM = re.compile(r"[-•·]\s*[\u4e00-\u9fff]{1,8}\s?[|｜]\s?[^。；;]{4,48}")


def _tail_list(lines: list[str], rules: Boilerplate, bounds: tuple[int, int] | None) -> set[int]:
    """Indexes of an unlabelled list of headlines that ends the capture after the last paragraph;
    below the editor's closing credit, any headline-long lines (a question's too), however few."""
    if bounds is None:
        return set()
    # a content farm's list of its other copies, each headline tagged with its keyword and a bar ('- 汤阴 | 出发！…'),
    # the last item maybe cut short by the copy ('- 基层民'): whatever the headlines say
    tagged: list[int] = []
    index = len(lines) - 1
    if index > bounds[1] and re.fullmatch(r"[-•·]\s*[\u4e00-\u9fff]{1,8}", lines[index].strip()):
        tagged.append(index)
        index -= 1
    while index > bounds[1] and _TAGGED_ITEM.fullmatch(lines[index].strip()):
        tagged.append(index)
        index -= 1
    if len(tagged) >= 3 and sum(1 for i in tagged if _TAGGED_ITEM.fullmatch(lines[i].strip())) >= 3:
        return set(tagged)
    items: list[int] = []
    questions = False  # a headline ending in '？' or '！' (a list only below the editor's credit)
    index = len(lines) - 1
    while index > bounds[1]:
        line = lines[index]
        simplified = to_hans(line)
        if _EDITOR_CLOSE.search(simplified.strip()):
            return set(items)
        if _SIGNATURE_ALONE.fullmatch(simplified.strip()) and len(items) >= 3 and all(len(lines[i].strip()) <= 40 for i in items):
            return set(items)  # (below the writers' names in brackets that close the story, as below an editor's credit)
        if _headline_item(line):
            items.append(index)
        elif _why_chrome(line, simplified, rules, index) is None and _edge_pattern(simplified, rules) is None:
            if len(line) > 40 or re.search(r"[。；;]|^[（(]", line.strip()):
                return set()  # article text (or a line no rule claims) below the run: no list
            items.append(index)
            questions = True
        index -= 1
    if len(items) >= 3 and _SIGNED_END.search(to_hans(lines[bounds[1]]).rstrip()) and all(len(lines[i].strip()) <= 40 for i in items) \
            and not any(re.match(r"\s*(?:图为|圖為|▲|△)", lines[i]) for i in items):
        # below the story's last line signed by its reporter ('…结束。（通讯员 某某）'), as below an editor's credit
        # (not the photos' captions under it: '图为党员为居民送菜')
        return set(items)
    if questions:
        return set()
    if len(items) >= 2 and all(len(lines[i].strip()) <= 40 and _TRUNCATED_LINK.search(lines[i].strip()) for i in items):
        return set(items)  # link titles cut to the list's width ('不忘初心，扛起…--我院..' / '感 谢 信..'), however few
    lengths = sorted(len(lines[i]) for i in items)
    if len(items) < _TAIL_LIST_MIN or lengths[len(lengths) // 2] < _TAIL_LIST_MEDIAN:
        return set()
    return set(items)


# a link of a dated list: a headline with its date at the end, glued or spaced ('>某某党支部助力…2022-11-21',
# '- 某某公告 11-18'); no sentence end, no metadata label
_DATED_ITEM = re.compile(r"[^。！？!?；;]{0,72}?[\u3400-\u9fff][^。！？!?；;\d]{0,3}(?:(?:19|20)\d{2}[-/.])?\d{1,2}[-/.]\d{1,2}")
_DATED_LIST_MIN = 3  # items: two dated lines are a headline and its time as often as a list


def _dated_lists(lines: list[str], bounds: tuple[int, int] | None) -> set[int]:
    """Indexes of a list of links with their dates above the article ('latest news' on a portal's
    column page): runs of 3+ lines, each a short headline ending in its date. A story's header has
    one such line at most (the headline glued to its time); its metadata lines carry labels."""
    if bounds is None:
        return set()
    found: set[int] = set()
    index = 0
    while index < bounds[0]:
        end = index
        while end < bounds[0] and len(lines[end]) <= 80 and _DATED_ITEM.fullmatch(lines[end].strip()) \
                and not _METADATA_LABEL.match(to_hans(lines[end])):
            end += 1
        if end - index >= _DATED_LIST_MIN:
            found.update(range(index, end))
        index = max(end, index + 1)
    return found


# a teaser: a story's first words cut short by a list ('8月13日下午16点，首届某某文化...')
_CUT_TEASER = re.compile(r".{4,60}?(?:\.{3}|…{1,2})\s*")
_TEASER_LIST_MIN = 3  # teasers in one run: a story may end one paragraph with '…' and start the next with a head


def _teaser_lists(lines: list[str]) -> set[int]:
    """Indexes of a sidebar's list of other stories: runs of a headline (short, no sentence end) over the story's
    first words cut short with '...', three of them or more ('某某文化节圆满落幕' / '8月13日下午16点，首届…...')."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        run: list[int] = []
        at = index
        while at + 1 < len(lines) and len(lines[at]) <= 60 and not re.search(r"[。！？!?]$", lines[at].strip()) \
                and not _CUT_TEASER.fullmatch(lines[at].strip()) and _CUT_TEASER.fullmatch(lines[at + 1].strip()):
            run += [at, at + 1]
            at += 2
        if len(run) >= 2 * _TEASER_LIST_MIN:
            found.update(run)
        index = max(at, index + 1)
    return found


# how far an injected phrase reaches on either side of its word (a repeated paragraph is no phrase)
_INJECTED_REACH = 12


_WATERMARK_LINE = (4, 24)  # characters of a watermark line


def _line_end_watermarks(lines: list[str]) -> list[str]:
    """Watermarks a copy glued to the end of many lines and left alone on others ('…非常的感动。某某天涯网',
    '视察卫河河堤修复某某天涯网', '某某天涯网'): a short line without a sentence end that stands alone three
    times or more and ends three or more other lines. (A repeated title, caption or e-paper page name does
    not do both.)"""
    counts: dict[str, int] = {}
    for line in lines:
        line = line.strip()
        if _WATERMARK_LINE[0] <= len(line) <= _WATERMARK_LINE[1] and not _SENTENCE_END.search(line):
            counts[line] = counts.get(line, 0) + 1
    candidates = sorted((c for c, n in counts.items() if n >= 3), key=len, reverse=True)[:5]
    return [c for c in candidates if sum(line.rstrip().endswith(c) and len(line.strip()) > len(c) for line in lines) >= 3]


BRAND = "spam: a brand a mirror printed alone and glued before the text"
# a brand's name: Latin letters, or digits between characters ('南宫28平台', 'lovebet爱博体育'), never a
# date, a figure with its unit or a class ('7月3日', '2020年', '19级学生', '3班')
_BRAND_SHAPE = re.compile(r"[A-Za-z]{2,}|[\u4e00-\u9fff]\d{1,4}(?![\d年月日时号点分秒个名人户万亿米%级届班期岁栋层楼室组队次天周余多支家所座辆台])[\u4e00-\u9fff]")


def _brand_core(line: str) -> str:
    """A line without its emoji, symbols and spaces ('🦕南宫28平台🦖' -> '南宫28平台')."""
    return "".join(c for c in line if c.isalnum())


def _line_start_brands(lines: list[str]) -> set[str]:
    """Brands a gambling mirror prints alone on a line (between emoji) and glues before a paragraph
    ('南宫28平台' / '🦕南宫28平台🦖' / '南宫28平台澎湃新闻7月3日下午…'): a short name of a brand's shape
    (_BRAND_SHAPE) that stands alone at least once and opens a longer line at least once."""
    alone: dict[str, int] = {}
    for line in lines:
        core = _brand_core(line)
        if 4 <= len(core) <= 24 and len(line.strip()) <= 40 and not _SENTENCE_END.search(line) \
                and _HAN.search(core) and _BRAND_SHAPE.search(core):
            alone[core] = alone.get(core, 0) + 1
    if not alone:
        return set()
    # (each line's start and count of characters once, not once per candidate)
    opened = [(line.lstrip(), len(_HAN.findall(line))) for line in lines]
    return {core for core in alone
            if any(start.startswith(core) and han >= len(_HAN.findall(core)) + 10 for start, han in opened)}


WATERMARK = "chrome: the site's watermark glued to the ends of paragraphs"
# what a watermark holds: a site's name or its slogan ('某某新闻网|今日某某|某某新闻信息权威发布平台')
_WATERMARK_CUE = re.compile(r"网|網|平台|平臺|官网|官網|客户端|客戶端|APP|App|新闻|新聞")
# where a paragraph's own words end: a sentence end, maybe closed by quotes or brackets
_WORDS_END = re.compile(r"[。！？!?…][”’」』）)]*")


def _glued_watermark(lines: list[str]) -> str | None:
    """A site's watermark that an anti-copy script glued after the last sentence of paragraph after
    paragraph ('…劝返群众百余人。4Bl某某新闻网|今日某某|某某新闻信息权威发布平台'): the same tail of 6
    to 60 characters, naming a site, after the sentence end of two lines or more. Written by hand:
    the tails are compared whole, no library finds them."""
    tails: dict[str, int] = {}
    for line in lines:
        stripped = line.rstrip()
        ends = list(_WORDS_END.finditer(stripped))
        if not ends or ends[-1].end() == len(stripped):
            continue
        tail = stripped[ends[-1].end():].strip()
        if 6 <= len(tail.replace(" ", "")) <= 60 and _WATERMARK_CUE.search(tail) and not _WORDS_END.search(tail):
            tails[tail.replace(" ", "")] = tails.get(tail.replace(" ", ""), 0) + 1
    best = max(tails.items(), key=lambda item: (item[1], len(item[0])), default=None)
    return best[0] if best and best[1] >= 2 else None


def _cut_watermark(line: str, watermark: str) -> tuple[str, str] | None:
    """The line without the watermark at its end, spaced or not ('某某网|今日某某' and '某某网 | 今日某某'),
    and what was cut; only after anything but a Chinese character (the words' end, a file name) or
    alone. None when the line does not end so. (Walked by hand from the end: a regular expression
    with optional spaces between the characters takes quadratic time on long runs of spaces.)"""
    wanted = watermark.replace(" ", "")
    at, seen = len(line), []
    while at > 0 and len(seen) < len(wanted):
        at -= 1
        if not line[at].isspace():
            seen.append(line[at])
    if "".join(reversed(seen)) != wanted:
        return None
    kept = line[:at].rstrip()
    if kept and _HAN.match(kept[-1]):
        return None
    return kept, line[at:].strip()


def _injected_phrases(lines: list[str], rules: Boilerplate) -> list[str]:
    """Keyword phrases a spun page injected into its sentences: for each word of `injected_words` the
    text has twice or more, the run of Chinese characters around it that is the same at every place
    (the sentences around differ). Linear in the text: each step compares one character per place."""
    text = "\n".join(lines)
    simplified = to_hans(text)
    simplified = simplified if len(simplified) == len(text) else text
    phrases = []
    for word in rules.injected_words:
        starts, at = [], simplified.find(word)
        while at >= 0:
            starts.append(at)
            at = simplified.find(word, at + len(word))
        if len(starts) < 2:
            continue
        left = 0
        while left < _INJECTED_REACH and all(s - left > 0 and _HAN.match(text[s - left - 1]) for s in starts) \
                and len({text[s - left - 1] for s in starts}) == 1:
            left += 1
        right = 0
        ends = [s + len(word) for s in starts]
        while right < _INJECTED_REACH and all(e + right < len(text) and _HAN.match(text[e + right]) for e in ends) \
                and len({text[e + right] for e in ends}) == 1:
            right += 1
        phrases.append(text[starts[0] - left: ends[0] + right])
    return phrases


def _cut_inline_spam(line: str, phrases: list[str], rules: Boilerplate) -> tuple[str, list[str]]:
    """The line without injected keyword phrases and `inline_spam` matches; and what was cut."""
    cut: list[str] = []
    for phrase in phrases:
        if phrase in line:
            # (with the space a mirror put after it before the sentence goes on: '…干部包养网 们…')
            pattern = re.compile(re.escape(phrase) + r"(?:\s(?=[\u4e00-\u9fff]))?")
            cut.extend(m.group(0) for m in pattern.finditer(line))
            line = pattern.sub("", line)
    for pattern in rules.inline_spam:
        line = _cut_pattern(line, pattern, cut)
    return line, cut


def _cut_pattern(line: str, pattern: re.Pattern[str], cut: list[str]) -> str:
    """The line without the pattern's matches on its Simplified form; what was cut goes to ``cut``."""
    simplified = to_hans(line)
    spans = [m.span() for m in pattern.finditer(simplified)] if len(simplified) == len(line) else []
    for start, end in reversed(spans):
        cut.append(line[start:end])
        line = line[:start] + line[end:]
    return line


# a site's label or an advert keyword glued before the story's first words ('某某网导读:连日来…',
# '某某墙体广告 面对突如其来的…,'); the advert form only where a sentence follows, not in a headline
_LEAD_LABEL = re.compile(r"^[^\s，。！？：:]{2,12}(?:导读|導讀)[:：]\s*(?=\S)|^[^\s，。！？：:]{2,10}(?:广告|廣告)\s+(?=[^\s]*[，,。])")


def _edge_pattern(simplified: str, rules: Boilerplate) -> int | None:
    """Index of the first `edge_lines` pattern the whole line matches, else None."""
    return next((i for i, p in enumerate(rules.edge_lines) if p.fullmatch(simplified)), None)


def _split_markup_blocks(line: str) -> list[str]:
    """Raw HTML pasted with the text: block tags end a paragraph ('<p>…</p><p>…</p>' on one line)."""
    if "<" not in line:
        return [line]
    return _BLOCK_BREAK.split(line)


_BLOCK_BREAK = re.compile(r"<br\s*/?>|</?(?:p|div|section|li|h[1-6]|tr|td|blockquote)(?:\s[^<>]*)?>", re.I)
_EMOTICON = re.compile(r"\{:[A-Za-z0-9_]{1,20}:\}")
# widget words in brackets inside a line ('【纠错】 [责任编辑: …]'); both scripts
_WIDGET = re.compile(r"[【\[]\s*(?:纠错|糾錯|打印|列印|关闭|關閉|收藏|分享|复制链接|複製鏈接|打印本页|打印本頁|关闭窗口|關閉窗口|关闭页面|關閉頁面|返回顶部|返回頂部)\s*[】\]]")
# Discuz 'jammer' text between and inside lines: runs of short ASCII tokens ('8 n8 F/ X4 Q0 ]* ]'),
# with a lone colon, comma or exclamation mark that opens the run after a sentence ('…党员。 : k7 W' b. e; R- [',
# by here often '…党员。：k7 …', '…守护。! ~7 L! r+'): it is the jammer's too, and left behind it runs the line on
_SPACED_JUNK = re.compile(r"(?:(?<=^)|(?<=[\s\u3400-\u9fff，。！？、：；“”》」』）]))(?P<lead>(?<=[。！？”])\s?[：；，:;,]\s?|(?<=[。”])\s?[！？!?]\s?)?"
                          r"(?P<run>(?:[!-~]{1,3} ){3,}[!-~]{1,3})(?=$|\s|[\u3400-\u9fff，。！？、：；“”（])")
# what a copy glued before the text of a line: a scholarly database's body marker ('<正>社区是…')
# and a photo caption with its credit ('帮助业主搬运物资 易军 摄   （专题）标题 中新网…电')
_LEADING_JUNK = re.compile(r"^(?:[<＜〈]正[>＞〉]|[^\s。！？!?]{4,40} [\u4e00-\u9fff]{2,4}(?: [\u4e00-\u9fff]{2,4}){0,2} (?:摄|攝)(?=[ （(]))\s*")
_TRAILING_JUNK = re.compile(rf"(?<=[{_CJK}{_CJK_PUNCT},.!?;:)）])\s+([A-Za-z0-9!-/:-@\[-`{{-~]{{4,12}})$")


# a listing page's teaser cut short with a link to the whole text ('…共17…阅读全文', '……查看全文>>')
_READ_MORE = re.compile(r"(?:(?<=…)|(?<=\.\.\.))\s*[\[【]?(?:阅读全文|閱讀全文|查看全文|展开全文|展開全文|全文阅读|全文閱讀)[\]】]?\s*[>»]*\s*$")


# a site's watermark a copy left between two sentences of a paragraph ('…损失惨重。 xiushui.Net 然而…',
# '……某某网 www.example.net 在全丰镇…'): a web address after a sentence's end, before the next one
_WATERMARK = re.compile(r"(?<=[。！？!?…”」）)])(?:\s*[\u4e00-\u9fff]{2,8}[网網]\s+|\s+)(?:www\.)?[A-Za-z0-9][A-Za-z0-9-]{0,30}"
                        r"(?:\.[A-Za-z0-9-]{1,30}){0,2}\.(?:com|net|org|cn|cc)\b(?=\s+[\u4e00-\u9fff“「]|\s*$)", re.I)
# a web address glued after a paragraph's last sentence, a copy's link to itself ('…带向全国，全世界。http://www.example.com/…')
_TRAILING_URL = re.compile(r"(?<=[。！？!?…”」])[ \t]?https?://[!-~]{4,200}$")
# a run of stars or hashes glued to the end of a headline by a spam mirror ('…重点工作******')
_TRAILING_STARS = re.compile(r"(?<=[\u4e00-\u9fff，。！？”）])[*#＊]{3,}$")


def _is_spaced_junk(run: str) -> bool:
    tokens = run.split()
    symbols = sum(bool(re.search(r"[^A-Za-z0-9]", t)) for t in tokens)
    mixed = sum(bool(re.search(r"[A-Za-z]", t) and re.search(r"\d", t)) for t in tokens)
    # (or two tokens or more of the jammer's own signs, braces, '%', '&', '$', '#': '2 {% r {6 D K')
    jammer = sum(bool(re.search(r"[{}%&$#^~`\\]", t)) for t in tokens)
    return symbols + mixed >= max(2, len(tokens) // 2) or len(tokens) >= 4 and jammer >= 2


_JUNK = "chrome: emoticon code or anti-copy junk"


# a web address's percent-encoded text pasted into a sentence by spam ('同舟%E3%80%90WhatsApp%20+86%20…radio农田'): three
# encoded bytes or more in one run of URL characters, which no article's text holds
# (never a web address's own path or query: the run starts after no URL character)
_PERCENT_RUN = re.compile(r"(?<![A-Za-z0-9+._~%\-/=?&#:])[A-Za-z0-9+._~%\-]{9,}")
_PERCENT_BYTE = re.compile(r"%[0-9A-Fa-f]{2}")


def _take_spaced_junk(match: re.Match[str], cut: list[tuple[str, str]]) -> str:
    """Cut a run of anti-copy junk, but give back the digits its last token shares with a number of the
    text glued after it ('\\& e7月1日晚': the junk ends at 'e', the day is '7月1日')."""
    run = match.group(0)
    digits = run[len(run.rstrip("0123456789")):]
    back = digits if match.string.startswith(_NUMBER_UNITS, match.end()) else ""
    cut.append((run[: len(run) - len(back)], _JUNK))
    return back


# what follows a number in a text ('7月', '3人'): the digits before it are no junk's
_NUMBER_UNITS = tuple("年月日时号点分秒万亿元人名个次米度")


def _strip_inline_junk(line: str) -> tuple[str, list[tuple[str, str]]]:
    """Emoticon codes, anti-copy junk and widget words in a line, and a caption or a database marker
    glued before its text; returns the line and what was cut, each piece with its reason."""
    cut: list[tuple[str, str]] = []

    def taker(reason: str):
        def take(match: re.Match[str]) -> str:
            cut.append((match.group(0), reason))
            return ""
        return take

    take = taker(_JUNK)
    line = _EMOTICON.sub(take, line)
    if "%" in line:
        line = _PERCENT_RUN.sub(lambda m: take(m) if len(_PERCENT_BYTE.findall(m.group(0))) >= 3 else m.group(0), line)
    line = _READ_MORE.sub(taker("chrome: a listing's link to the whole text"), line)
    line = _LEADING_JUNK.sub(taker("chrome: a photo caption or a database marker glued before the text"), line, count=1)
    line = _WIDGET.sub(taker("chrome: widget words in brackets"), line).strip()
    line = _WATERMARK.sub(taker("chrome: a site's watermark between sentences"), line) if "." in line else line
    line = _TRAILING_STARS.sub(take, line)
    if "://" in line:
        line = _TRAILING_URL.sub(taker("chrome: a web address glued after the last sentence"), line)
    line = _SPACED_JUNK.sub(lambda m: _take_spaced_junk(m, cut) if _is_spaced_junk(m.group("run")) else m.group(0), line).strip()
    match = _TRAILING_JUNK.search(line)
    if match and _is_junk_token(match.group(1)):
        cut.append((match.group(1), _JUNK))
        line = line[: match.start()].rstrip()
    return line, cut


# A line longer than this is not dropped for spam words: a capture that runs the whole article
# into one line keeps it, and only the spam pieces at its start are cut (``_trim_spam``).
_SPAM_LINE = 200
# An e-paper's or a blog's pager glued to the end of a line ('2021年11月02日 星期二上一期下一期').
_PAGER_WORDS = ("上一期", "下一期", "上一版", "下一版", "上一篇", "下一篇")


# A site's script switch glued to the end of a line ('…(STR/AFP via Getty Images)正體簡體', '…简体 繁體'): two
# of its words or more (one such word may end a sentence's own words)
_SCRIPT_SWITCH_WORDS = ("简体版", "繁体版", "繁體版", "簡體版", "简体", "繁体", "簡體", "繁體", "正體", "正体")


def _trailing_words(line: str, words: tuple[str, ...], least: int = 1) -> int | None:
    """Where a run of ``words`` glued to the end of ``line`` starts, with the white space and the '|'
    before it, or None (fewer than ``least`` of them): its words are read from the end of the line,
    each after optional white space and a '|'. (A regular expression for it, searched from every
    word of a line made of them, took quadratic time.)"""

    def skip_space(index: int) -> int:
        while index > 0 and line[index - 1].isspace():
            index -= 1
        return index

    end = skip_space(len(line))
    start, count = None, 0
    while True:
        word = next((w for w in words if line.endswith(w, 0, end)), None)
        if word is None:
            break
        start, count = end - len(word), count + 1
        end = skip_space(start)
        if end > 0 and line[end - 1] in "|｜/":
            end = skip_space(end - 1)
    return None if start is None or count < least else end


def _trailing_pager(line: str) -> int | None:
    """Where a pager (or a script switch) glued to the end of ``line`` starts, or None."""
    pager = _trailing_words(line, _PAGER_WORDS)
    return pager if pager is not None else _trailing_words(line, _SCRIPT_SWITCH_WORDS, least=2)


def _trim_spam(line: str, simplified: str, rules: Boilerplate) -> str:
    """Cut the spam pieces (an advert and its web address) at the start of a long line."""
    tokens = line.split(" ")
    simple_tokens = simplified.split(" ")
    if len(line) <= _SPAM_LINE or len(tokens) != len(simple_tokens):
        return line
    cut = 0
    for token in simple_tokens[:6]:
        # (a sentence that names a site's address, '…安徽财经网(www.…)、掌中安徽记者沿着…', is no advert; nor is
        # a long one with a single such word, '…集中隔离点、养老院、棋牌室、高速公路交通卡口等…')
        words = sum(w in token for w in rules.spam_words)
        if words >= 2 or words == 1 and len(token) <= 30 or _URL.search(token) and len(_HAN.findall(token)) < 20:
            cut += 1
        else:
            break
    # (never the whole line: a line of spam alone is judged as a whole, and says so)
    return " ".join(tokens[cut:]) if 0 < cut < len(tokens) else line


# a junk token that ends with a bracket and the figure opening the next sentence ('(ID:xsha)56人遇难'):
# the figure is article text
_JUNK_THEN_FIGURE = re.compile(r"[)\]](\d[\d.,%]*)$")


def _junk_replacement(match: re.Match[str]) -> str:
    token = match.group(0)
    if not _is_junk_token(token):
        return token
    figure = _JUNK_THEN_FIGURE.search(token)
    return figure.group(1) if figure else ""


_SHARE_BUTTONS = ("我要分享", "一键分享", "分享到：", "分享到:", "分享到")


def _trailing_share(line: str) -> str:
    """A short line without its share button, set off by a space after a name ('省某某办 我要分享' -> '省某某办'):
    the name is the page's metadata, the button chrome. (Matched with endswith: linear in a long line.)"""
    stripped = line.rstrip()
    for word in _SHARE_BUTTONS:
        before = stripped[: -len(word)]
        if stripped.endswith(word) and before.endswith((" ", "\u3000")) and 2 <= len(_HAN.findall(before)) <= 16 \
                and not _SENTENCE.search(before):
            return before.rstrip()
    return line


def _transform(line: str, simplified: str, rules: Boilerplate) -> str:
    """Per-line repairs: inline junk, chrome segments, a glued pager, spam at the start of a run-on
    line, pinyin brought together, white space."""
    line = _JUNK_INLINE.sub(_junk_replacement, line)
    line = _drop_segments(line, simplified, rules)
    pager = _trailing_pager(line)
    if pager is not None:
        line = line[:pager]
    line = _trailing_share(line)
    line = _trim_spam(line, normalise_space(to_hans(line)), rules)
    return normalise_space(pinyin.remove(line)[0])


def clean(body: str, rules: Boilerplate | None = None, drop: tuple = (), keep: tuple = ()) -> Cleaned:
    """Clean a capture: the kept lines (with their body line numbers), every removed line with
    the reason, and warnings. ``drop`` (strings or body line numbers) and ``keep`` (strings) are
    a person's corrections from the front matter; entries that match nothing come back in
    ``unused``."""
    rules = rules or default_boilerplate()
    warnings: list[tuple[int, str]] = []
    text, repairs = mojibake.repair(body)
    warnings.extend(repairs)
    text, _count = pinyin.remove(text)
    used: set[int] = set()
    removed: list[Removal] = []

    items: list[tuple[int, str]] = []  # (1-based body line, normalised line)
    cells: set[int] = set()  # body lines that ended in a flattened table's '|'
    for number, original in enumerate(text.split("\n"), start=1):
        for part in _split_markup_blocks(original):
            if "?" in part and _LOST_SPACE.search(part):
                removed.append(Removal(number, "?" * len(_LOST_SPACE.findall(part)), "chrome: '?' where a copy lost a space between words"))
                part = _LOST_SPACE.sub(" ", part)
            line = normalise_space(strip_markup(part, rules))
            if line and _LIST_MARK.fullmatch(line) and _TAG.search(part):
                # (a list item's number or bullet whose item was markup only: '1. <small id="x"></small>')
                removed.append(Removal(number, part.strip()[:200], "chrome: markup only (HTML tags, image code)"))
                continue
            if not line:
                if _HAN.search(part):  # (an image tag's alt text, '<img alt="点击查看高清原图" …>': markup, said so)
                    removed.append(Removal(number, part.strip()[:200], "chrome: markup only (HTML tags, image code)"))
                continue
            for index, entry in enumerate(drop):
                if isinstance(entry, int) and entry == number:
                    used.add(index)
                    removed.append(Removal(number, line, "front matter drop"))
                    line = ""
                    break
                if isinstance(entry, str) and entry and entry in line:
                    used.add(index)
                    removed.append(Removal(number, entry, "front matter drop"))
                    line = normalise_space(line.replace(entry, " "))
            line, junk = _strip_inline_junk(line) if line else ("", [])
            removed.extend(Removal(number, piece, why) for piece, why in junk)
            player = _PLAYER_FALLBACK.search(line)
            if player:  # (run into the story by a page flattened to one line)
                removed.append(Removal(number, player.group(0), "chrome: a video player's fallback text"))
                line = normalise_space(line[: player.start()] + " " + line[player.end():])
            gaps = [m.group(0) for m in _DATE_GAPS.finditer(line) if "?" in m.group(0) or "？" in m.group(0)] if "?" in line or "？" in line else []
            if gaps:
                removed.append(Removal(number, "".join(re.sub(r"[^?？]", "", g) for g in gaps),
                                       "chrome: '?' where a copy lost the spaces in a date"))
                line = _DATE_GAPS.sub(lambda m: re.sub("[?？]", "", m.group(0)), line)
            lost = _LOST_INDENT.match(line)
            if lost:
                removed.append(Removal(number, lost.group(0), "chrome: '?' where a copy lost the indentation or an icon"))
                line = line[lost.end():]
            jump = _JUMP.search(line)
            if jump and jump.start() > 0:  # alone on its line it is a drop_lines pattern
                removed.append(Removal(number, jump.group(0), "chrome: an e-paper's jump line after the paragraph"))
                line = line[:jump.start()].rstrip()
            if line:
                if part.rstrip().endswith(("|", "｜")):
                    cells.add(number)
                items.append((number, line))

    stamp = _DATE_STAMP.match(items[0][1]) if items else None
    if stamp:  # ('date 2025-08-07 快訊' / 'date 2021-07 【某某新聞】'): the stamp's date, then the line's own words
        number = items[0][0]
        rest = [(number, stamp["rest"])] if stamp["rest"] else []
        if stamp["day"]:
            removed.append(Removal(number, "date", DATE_STAMP))
            items[:1] = [(number, stamp["date"])] + rest
        else:
            removed.append(Removal(number, stamp.group(0)[: stamp.start("rest")].strip(), DATE_STAMP + " (no day)"))
            items[:1] = rest
    marks = _line_end_watermarks([line for _, line in items])
    if marks:
        marked: list[tuple[int, str]] = []
        for number, line in items:
            for mark in marks:
                if line.strip() == mark or line.rstrip().endswith(mark):
                    removed.append(Removal(number, mark, "chrome: a watermark repeated at the end of lines"))
                    line = line.rstrip()[: -len(mark)].rstrip()
                    break
            if line:
                marked.append((number, line))
        items = marked
    brands = _line_start_brands([line for _, line in items])
    if brands:
        branded: list[tuple[int, str]] = []
        for number, line in items:
            if _brand_core(line) in brands:
                removed.append(Removal(number, line, BRAND))
                continue
            head = next((b for b in brands if line.lstrip().startswith(b)), None)
            if head:
                removed.append(Removal(number, head, BRAND))
                line = line.lstrip()[len(head):]
            branded.append((number, line))
        items = branded
    watermark = _glued_watermark([line for _, line in items])
    if watermark:
        marked_off: list[tuple[int, str]] = []
        for number, line in items:
            cut = _cut_watermark(line, watermark)
            if cut:
                removed.append(Removal(number, cut[1], WATERMARK))
                line = cut[0]
                if not line.strip():
                    continue
            marked_off.append((number, line))
        items = marked_off
    phrases = _injected_phrases([line for _, line in items], rules) if rules.injected_words else []
    if phrases or rules.inline_spam or rules.farm_framing or rules.glued_chrome:
        cleaned_items = []
        for number, line in items:
            line, cut = _cut_inline_spam(line, phrases, rules)
            removed.extend(Removal(number, c, "spam: a keyword phrase injected into the text") for c in cut)
            framing: list[str] = []
            before = line
            for pattern in rules.farm_framing:
                line = _cut_pattern(line, pattern, framing)
            if framing and before.startswith(line.rstrip()) and line.rstrip().endswith(("，", ",")) and len(line.strip()) <= 120:
                # (the clauses the framing's sentence opened with: '在撰写事迹时，应该突出…，下面是某某小编…')
                framing.append(line.strip())
                line = ""
            removed.extend(Removal(number, c, "chrome: boilerplate.yml farm_framing (a content farm's words around the copy)") for c in framing)
            glued: list[str] = []
            for pattern in rules.glued_chrome:
                line = _cut_pattern(line, pattern, glued)
            removed.extend(Removal(number, c, "chrome: boilerplate.yml glued_chrome (chrome glued to a line of text)") for c in glued)
            if line.strip():
                cleaned_items.append((number, line))
        items = cleaned_items

    # a keep: entry is used when it is a piece of some line (it may also protect nothing)
    kept_keep: set[int] = {i for i, entry in enumerate(keep) if str(entry) and any(str(entry) in line for _, line in items)}

    def kept_by_person(number: int, line: str) -> bool:
        hits = [i for i, entry in enumerate(keep) if str(entry) and str(entry) in line]
        kept_keep.update(hits)
        return bool(hits)

    texts = [line for _, line in items]
    sidebar = _sidebar_blocks(texts, rules.counter_words)
    moods = _mood_lines(texts)
    menus = _menu_runs(texts, rules, {i for i, (number, _) in enumerate(items) if number in cells}) if rules.menu_endings else set()
    menu_rows = _menu_rows(texts, rules)
    cloud = _tag_cloud(texts)
    bounds = _body_bounds(texts, rules)
    cut = min(_tail_cut(texts, rules, bounds), _reply_cut(texts))
    strip = _headline_strip(items, cut)
    outside = set(range(bounds[0])) | set(range(bounds[1] + 1, len(items))) if bounds and rules.edge_lines else set()
    # lists of other stories' links, each with the reason a line of it goes
    lists = ((_tail_list(texts, rules, bounds), "chrome: a list of headlines under the article (no label)"),
             (_dated_lists(texts, bounds), "chrome: a list of links with their dates above the article"),
             (_teaser_lists(texts), "chrome: a list of other stories (each headline and its first words, cut short)"))
    accounts = _account_names(texts, rules, outside)
    blocks = _widget_blocks(texts, rules, outside)
    menus |= _tail_menu(texts, rules, bounds) if rules.menu_endings else set()
    heads = _column_heads(texts, outside & set(range(bounds[0]))) if bounds else set()
    kept: list[tuple[int, str]] = []
    footer_seen = False  # a notice or an edge line removed after the article's last paragraph
    for index, (number, line) in enumerate(items):
        if index >= cut and not kept_by_person(number, line):
            removed.append(Removal(number, line, f"tail: after '{items[cut][1]}'", weak=True))
            continue
        if index == strip and not kept_by_person(number, line):
            removed.append(Removal(number, line, f"chrome: other stories' headlines on one line, right above '{items[cut][1].strip()}'"))
            continue
        if index in moods and not kept_by_person(number, line):
            removed.append(Removal(number, line, "chrome: a forum member's mood and its time (under 'TA的每日心情')"))
            continue
        if index in sidebar and not kept_by_person(number, line):
            removed.append(Removal(number, line, "chrome: profile sidebar (short lines and numbers)"))
            continue
        if index in cloud and not kept_by_person(number, line):
            removed.append(Removal(number, line, "chrome: a cloud of keyword tags under the story (one word a line)"))
            continue
        if index in menu_rows and not kept_by_person(number, line):
            removed.append(Removal(number, line, "chrome: a navigation bar's further rows (short words set off by spaces)"))
            continue
        if index in menus and not kept_by_person(number, line):
            removed.append(Removal(number, line, "chrome: navigation menu (one link a line)"))
            continue
        lead = _LEAD_LABEL.match(line) if bounds and index <= bounds[0] else None
        if lead and not kept_by_person(number, line):
            removed.append(Removal(number, lead.group(0).strip(), "chrome: a site label or advert keyword before the story"))
            line = line[lead.end():]
        after_body = bool(bounds) and index > bounds[1]
        listed = next((why for found, why in lists if index in found), None)
        if listed and not kept_by_person(number, line):
            removed.append(Removal(number, line, listed))
            continue
        if footer_seen and after_body and _footer_list_item(line) and not kept_by_person(number, line):
            removed.append(Removal(number, line, "chrome: a list under the page's footer (headlines, links)"))
            continue
        edge = _edge_pattern(to_hans(line), rules) if index in outside else None
        if edge is not None and not kept_by_person(number, line):
            removed.append(Removal(number, line, f"chrome: boilerplate.yml edge_lines[{edge}] outside the article body"))
            footer_seen = footer_seen or after_body
            continue
        widget = (accounts.get(index) or (index in blocks and "chrome: a block of widget lines (boilerplate.yml widget_words)")
                  or (index in heads and "chrome: a magazine's column head in two languages")
                  or _widget_reason(to_hans(line), rules, index < bounds[0])) if index in outside else None
        if widget and _why_chrome(line, to_hans(line), rules, len(kept)) is None and not kept_by_person(number, line):
            removed.append(Removal(number, line, widget))
            continue
        # Transform each line to a fixed point and judge it in its final form, so that cleaning
        # the output again finds nothing more to do.
        for _ in range(10):  # each pass only removes material; 10 is far more than ever needed
            why = _why_chrome(line, to_hans(line), rules, len(kept))
            if why and _year_of_split_date(texts, index, line):
                why = None  # the year of a date printed over lines: the extractor joins the pieces
            if why and not kept_by_person(number, line):
                removed.append(Removal(number, line, why))
                # (a notice, or a footer's link row: '合作网站 | 联系我们 | 关于我们' over a slogan)
                # (or a row of widget words: '打印 关闭' over '宣传教育' / '财政预决算公开' / the footer)
                footer_seen = footer_seen or (after_body and (why.startswith(("chrome: notice", "chrome: breadcrumb or navigation bar"))
                                                              or _is_chrome_words(to_hans(line), rules)))
                line = ""
                break
            new = _transform(line, to_hans(line), rules)
            if new != line and new:
                dropped = _difference(line, new)
                if dropped and _layout_free(line) != _layout_free(new):  # (white space or punctuation width alone: nothing dropped)
                    removed.append(Removal(number, dropped, "chrome: a segment of the line (a '|' part, a pager or a script switch glued to its end, inline junk)"))
            if not new:
                # (every part of the line was chrome a transformation cuts: it goes, and says so)
                removed.append(Removal(number, line, "chrome: segments of a line, all chrome"))
                line = new
                break
            if new == line:
                break
            line = new
        if line:
            kept.append((number, line))
    kept = _drop_crumb_repeats(kept, removed, items[bounds[0]][0] if bounds else None, kept_by_person)
    kept = _drop_toolbar_owner(kept, removed, kept_by_person)
    while True:  # (to a fixed point: taking a spliced summary out may bring a teaser above its story's opening)
        before = len(kept)
        kept = _drop_teasers(kept, removed, kept_by_person)
        kept = _drop_spliced_summary(kept, removed, kept_by_person)
        kept = _drop_doubled_paragraphs(kept, removed, kept_by_person)
        kept = _drop_repeated_paragraphs(kept, removed, kept_by_person)
        if len(kept) == before:
            break
    kept = _drop_keyword_lists(kept, removed, rules, kept_by_person)
    kept = _drop_alt_text_runs(kept, removed, kept_by_person)
    cut = _tail_cut([line for _, line in kept], rules)
    for number, line in kept[cut:]:
        if kept_by_person(number, line):
            continue
        removed.append(Removal(number, line, f"tail: after '{kept[cut][1]}'", weak=True))
    kept = kept[:cut] + [item for item in kept[cut:] if kept_by_person(*item)]
    kept = _drop_last_link(kept, removed, items[bounds[1]][0] if bounds else None, kept_by_person)
    unused = tuple(("drop", entry) for i, entry in enumerate(drop) if i not in used) + \
        tuple(("keep", entry) for i, entry in enumerate(keep) if i not in kept_keep)
    removed.sort(key=lambda r: (r.line or 0))
    return Cleaned(tuple(line for _, line in kept), tuple(removed), tuple(warnings),
                   tuple(number for number, _ in kept), unused)


def _drop_last_link(kept: list[tuple[int, str]], removed: list[Removal], last_paragraph: int | None,
                    kept_by_person) -> list[tuple[int, str]]:
    """The capture's last line when it is a lone link under the page's chrome: a few Chinese
    characters, no punctuation ('家装活动', an advert's link under a forum post's device
    signature), right below a line a chrome rule removed, below the article's last paragraph.
    (What may be a writer's name there, four characters at most opening with a surname, is
    metadata the next stage reads: left alone.)"""
    from build_tools.propernames import is_surname

    if not kept or last_paragraph is None:
        return kept
    number, line = kept[-1]
    if number is None or number <= last_paragraph or not re.fullmatch(r"[\u4e00-\u9fff]{2,8}", line.strip()) \
            or (len(line.strip()) <= 4 and is_surname(to_hans(line.strip())[0])) or kept_by_person(number, line):
        return kept
    above = max((r for r in removed if r.line is not None and last_paragraph < r.line < number), key=lambda r: r.line, default=None)
    previous = kept[-2][0] if len(kept) >= 2 else None
    if above is None or not above.why.startswith("chrome:") or (previous is not None and previous > above.line):
        return kept
    removed.append(Removal(number, line, f"chrome: a lone link at the end of the page, below '{above.text}'"))
    return kept[:-1]


_CRUMB_SEPARATOR = re.compile(r"(?:>>|>|»|→)")
# what opens a teaser: a summary's label, a video player's loading text ('[摘要]', '导读：', '视频加载中...')
# (or a shop-site CMS's '核心提示：' over the story's first words cut short)
_TEASER_LABEL = re.compile(r"^\s*(?:[\[【]\s*(?:摘要|摘\s*要|导读|導讀|内容提要|內容提要)\s*[\]】]\s*[:：]?|(?:摘要|导读|導讀|内容提要|內容提要|核心提示)\s*[:：]"
                           r"|(?:视频|視頻)(?:加载中|加載中)[.。…]*)")
TEASER = "chrome: a teaser repeating the story's opening"
# a labelled teaser's copy of the opening may come after the story's dateline ('内容提要：『…』' over '某某网讯：“…”'):
# this many characters of it at most
_TEASER_DATELINE = 16
_TEASER_ALONE = re.compile(r"[\[【]?(?:摘要|导读|導讀|内容提要|內容提要|核心提示)[\]】]?[:：]?")


_TOOLBAR = re.compile(r"设为首页|設為首頁|加入收藏|收藏本站")


def _drop_toolbar_owner(kept: list[tuple[int, str]], removed: list[Removal], kept_by_person) -> list[tuple[int, str]]:
    """The first line of a page right above the site's toolbar ('江苏某某网315和解平台' / '设为首页 | 收藏本站'):
    the site's name, not a headline."""
    if not kept:
        return kept
    number, line = kept[0]
    below = next((r for r in removed if r.line is not None and number < r.line <= number + 2 and _TOOLBAR.search(r.text)), None)
    if below is None or len(line) > 24 \
            or re.search(r"[，。！？：；、,!?:;“”]", line) or kept_by_person(number, line) \
            or any(n < below.line for n, _ in kept[1:2]):
        return kept
    removed.append(Removal(number, line, "chrome: the site's name above its toolbar"))
    return kept[1:]


SPLICED = "chrome: a page summary spliced from the headline, the deck and sentences of the story"


def _drop_spliced_summary(kept: list[tuple[int, str]], removed: list[Removal], kept_by_person) -> list[tuple[int, str]]:
    """A page's summary near the top, spliced from pieces the page prints below: its headline, its deck and
    sentences of the story ('HEADLINE  ——副题  编者按  2021年新年伊始，…。…当晚，…'): it opens with the headline as
    printed alone below, and three pieces or more, most of it, are found further down. (A story's own paragraph is
    not made of repeats.)"""
    for index in range(min(len(kept), 6)):
        number, line = kept[index]
        pieces = re.split(r"\s+|(?<=[。！？!?])|(?=——)", line.strip())
        hans = [h for h in ("".join(_HAN.findall(p)) for p in pieces) if h]
        lines_below = {"".join(_HAN.findall(x)) for _, x in kept[index + 1:]}
        if len(hans) < 3 or hans[0] not in lines_below or kept_by_person(number, line):
            continue  # (it opens with a line printed alone below: the headline)
        below = "".join(_HAN.findall("".join(x for _, x in kept[index + 1:])))
        # (in the order the page prints them, each after the one before: the same characters
        # found twice over are not two of its pieces)
        found, at = [], 0
        for h in hans:
            position = below.find(h, at)
            if position >= 0:
                found.append(h)
                at = position + len(h)
        # (one piece may be missing: a capture cut short loses the sentence the summary copies last)
        if len(found) >= 3 and len(found) >= len(hans) - 1 and sum(map(len, found)) >= 30:
            removed.append(Removal(number, line, SPLICED))
            return kept[:index] + kept[index + 1:]
    return kept


def _drop_teasers(kept: list[tuple[int, str]], removed: list[Removal], kept_by_person) -> list[tuple[int, str]]:
    """A teaser near the top that repeats the story's opening, cut short ('[摘要]7月19日凌晨起，我市普降…
    在凶猛的雨势和不...' over the story that opens with the same words; a video player's '视频加载中...'
    before the first sentences): a listing's or a player's copy, not the text. Its label alone on the
    line above goes with it ('导读'). Compared as written: a teaser and its story share one script.
    Repeated until nothing more goes: "near the top" counts lines, and a line dropped brings the
    lines below it nearer (cleaning the output again must find nothing more)."""
    while True:
        drop = _teasers(kept, kept_by_person)
        if not drop:
            return kept
        rest: dict[int, str] = {}
        for index in sorted(drop):
            number, line = kept[index]
            tail = _teaser_tail(line, kept[index + 1: index + 16])
            if tail:
                rest[index] = tail
                removed.append(Removal(number, line[:len(line) - len(tail)].rstrip(), TEASER))
            else:
                removed.append(Removal(number, line, TEASER))
        kept = [(item[0], rest[index]) if index in rest else item for index, item in enumerate(kept) if index not in drop or index in rest]


def _teaser_tail(line: str, below: list[tuple[int, str]]) -> str | None:
    """What a teaser carries after the sentences it repeats, when the story below does not have it (a
    photo's caption glued to '[摘要]' and the opening it copies): the story's own words, kept. None when
    every sentence of the teaser is found below."""
    following = "".join(_HAN.findall("".join(x for _, x in below)))
    label = _TEASER_LABEL.match(line)
    sentences = re.findall(r"[^。！？!?]+[。！？!?]*", line[label.end():] if label else line)
    at = len(sentences)
    while at > 0 and "".join(_HAN.findall(sentences[at - 1])) not in following:
        at -= 1
    tail = "".join(sentences[at:]).strip()
    return tail if at > 0 and len(_HAN.findall(tail)) >= 12 else None


def _teasers(kept: list[tuple[int, str]], kept_by_person) -> set[int]:
    """The positions of the teasers in ``kept`` and of their labels alone on the line above."""
    drop: set[int] = set()
    hans = ["".join(_HAN.findall(x)) for _, x in kept[:18]]  # (each line's characters once)
    for index in range(min(len(kept), 15)):
        number, line = kept[index]
        label = _TEASER_LABEL.match(line)
        han = "".join(_HAN.findall(line[label.end():])) if label else hans[index]
        if not label and len(han) >= 30 and 1 <= index <= 2 and re.search(r"[。！？!?”」』）)]$", line.rstrip()) \
                and len(hans[index - 1]) >= 4 and hans[index - 1] in hans[index + 1: index + 5] \
                and any(han in later for later in hans[index + 2: index + 12]) and not kept_by_person(number, line):
            # (a page's description between its title and the title printed again over the story, the
            # story's opening sentence whole: 'HEADLINE' / '某地…冲在一线。' / 'HEADLINE' / date / '某某网消息：某地…冲在一线。')
            drop.add(index)
            continue
        if len(han) < 30 or not label and re.search(r"[。！？!?”」』）)]$", line.rstrip()):
            continue  # (a whole paragraph printed twice is no teaser: labelled or cut short, it is)
        if not label and index + 1 < len(hans) and hans[index + 1] == han:
            continue  # (the same line twice: a copy's repetition, not a teaser cut short; labelled, the
            # copy is a summary box over the paragraph it repeats whole: '核心提示：…' / '…')
        following = "".join(hans[index + 1: index + 4])
        # (a labelled teaser may sit over the headline, and its copy of the opening may differ further on,
        # a caption printed once where the story prints it twice: its first forty characters tell)
        starts = ["".join(hans[start: start + 3]) for start in range(index + 2, index + 4)] if label and len(han) >= 40 else []
        if (len(following) > len(han) and following.startswith(han)
                or label and any(len(f) > 40 and 0 <= f.find(han[:40]) <= _TEASER_DATELINE for f in [following] + starts)) \
                and not kept_by_person(number, line):
            drop.add(index)
            if index > 0 and _TEASER_ALONE.fullmatch(kept[index - 1][1].replace(" ", "")) and not kept_by_person(*kept[index - 1]):
                drop.add(index - 1)
    return drop


# a paragraph at least this long (characters) printed twice in a row is a copy's repetition; a short
# line (a slogan, a poem's refrain: '加油！') may be repeated on purpose
_DOUBLED_PARAGRAPH = 30
DOUBLED = "chrome: a paragraph printed twice in a row"
_SLIDE_COUNTER = re.compile(r"\d{1,3}\s+/\s+\d{1,3}")


def _drop_doubled_paragraphs(kept: list[tuple[int, str]], removed: list[Removal], kept_by_person) -> list[tuple[int, str]]:
    """A long paragraph printed twice in a row (a page's summary above a story that opens with the
    same paragraph, a copy pasted twice), or a block of up to six lines printed twice in a row with
    such a paragraph in it (a lead box: '【核心提示】' / two paragraphs / a subhead, then the same
    again): the last copy stays, the ones before it go (cleaning the output again finds nothing more)."""
    # (a short caption too, printed on both sides of a gallery's slide counter: '…转移群众。' / '1 / 6' / the same)
    counters = {r.line for r in removed if r.line is not None and _SLIDE_COUNTER.fullmatch(r.text.strip())}
    while True:  # (until no block is doubled: taking one copy out may bring two others together)
        texts = [line.strip() for _, line in kept]
        out: list[tuple[int, str]] = []
        index = 0
        while index < len(kept):
            size = next((k for k in range(1, 7) if index + 2 * k <= len(kept) and texts[index: index + k] == texts[index + k: index + 2 * k]
                         and (max(len(_HAN.findall(x)) for x in texts[index: index + k]) >= _DOUBLED_PARAGRAPH
                              or k == 1 and kept[index][0] is not None and kept[index][0] + 1 in counters
                              and kept[index + 1][0] == kept[index][0] + 2)), 0)
            if size and not any(kept_by_person(n, x) for n, x in kept[index: index + size]):
                removed.extend(Removal(n, x, DOUBLED) for n, x in kept[index: index + size])
                index += size
                continue
            out.append(kept[index])
            index += 1
        if len(out) == len(kept):
            return out
        kept = out


# a paragraph at least this long (Chinese characters) printed again further down, not in a row, is a
# gallery's text under each slide or a copy pasted over itself; a story never repeats one whole
_REPEATED_PARAGRAPH = 80
REPEATED = "chrome: a long paragraph printed again further down (a gallery's text under each slide)"


def _drop_repeated_paragraphs(kept: list[tuple[int, str]], removed: list[Removal], kept_by_person) -> list[tuple[int, str]]:
    """Later copies of a long paragraph already printed higher up go; the first stays."""
    seen: set[str] = set()
    out: list[tuple[int, str]] = []
    for number, line in kept:
        key = line.strip()
        if len(_HAN.findall(key)) >= _REPEATED_PARAGRAPH and key in seen and not kept_by_person(number, line):
            removed.append(Removal(number, line, REPEATED))
            continue
        seen.add(key)
        out.append((number, line))
    return out


ALT_TEXT_RUN = "chrome: the same short alt text of pictures, three times or more in a row"
_ALT_TEXT_LINE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]{1,6}")


def _drop_alt_text_runs(kept: list[tuple[int, str]], removed: list[Removal], kept_by_person) -> list[tuple[int, str]]:
    """A run of three or more lines that each say the same short word ('名单' / '名单' / '名单' …): the alt text of
    pictures that held a list or a page, whose images the copy lost. A poem's refrain is never three lines alike in a row."""
    out: list[tuple[int, str]] = []
    index = 0
    while index < len(kept):
        key = kept[index][1].strip()
        end = index
        while end < len(kept) and kept[end][1].strip() == key:
            end += 1
        if end - index >= 3 and _ALT_TEXT_LINE.fullmatch(key) and not any(kept_by_person(n, x) for n, x in kept[index:end]):
            removed.extend(Removal(n, x, ALT_TEXT_RUN) for n, x in kept[index:end])
        else:
            out.extend(kept[index:end])
        index = end
    return out


# an item of a numbered list of short phrases ('1. 某某特殊服务HD小说'): no sentence in it
_KEYWORD_ITEM = re.compile(r"\d{1,2}\s*[.．、]\s*[^，。！？,!?；;：:]{2,30}")
KEYWORD_LIST = "spam: a spam site's list of its keyword under its page title"


def _drop_keyword_lists(kept: list[tuple[int, str]], removed: list[Removal], rules: Boilerplate, kept_by_person) -> list[tuple[int, str]]:
    """A numbered list of short phrases near the top that repeats the spam keyword a mirror glued to
    the page title above it ('某某的声音|人妻特殊服务hd' / '1. 人妻特殊服务HD小说' / '2. …' / '3. 特殊服务员'):
    the whole list goes (items without the word belong to it). A list without a spam word the title
    also has stays: it may be the story's own."""
    if len(kept) < 3:
        return kept
    head = "\n".join(to_hans(line) for _, line in kept[:2])
    words = [w for w in rules.spam_words if w in head]
    if not words:
        return kept
    drop: set[int] = set()
    index = 0
    while index < min(len(kept), 12):
        end = index
        while end < len(kept) and _KEYWORD_ITEM.fullmatch(kept[end][1].strip()):
            end += 1
        if end - index >= 2 and any(w in to_hans(kept[i][1]) for i in range(index, end) for w in words) \
                and not any(kept_by_person(*kept[i]) for i in range(index, end)):
            drop.update(range(index, end))
        index = max(end, index + 1)
    for index in sorted(drop):
        removed.append(Removal(kept[index][0], kept[index][1], KEYWORD_LIST))
    return [item for index, item in enumerate(kept) if index not in drop]


def _drop_crumb_repeats(kept: list[tuple[int, str]], removed: list[Removal], first: int | None, kept_by_person) -> list[tuple[int, str]]:
    """A column's name above the first paragraph that repeats a crumb of the removed breadcrumb
    ('您现在的位置: 某某网 > 2021年专题区 > … > 正文' over '2021年专题区'): the column, not the headline
    (the breadcrumb's last crumb may be the headline: it is not counted)."""
    if first is None:
        return kept
    crumbs: set[str] = set()
    for removal in removed:
        if removal.line is not None and removal.line < first and (">" in removal.text or "»" in removal.text):
            parts = [to_hans(p).strip(" :：\u3000\t") for p in _CRUMB_SEPARATOR.split(removal.text)]
            crumbs.update(p for p in parts[1:-1] if 2 <= len(p) <= 12)
    if not crumbs:
        return kept
    out = []
    for number, line in kept:
        if number < first and to_hans(line).strip() in crumbs and not kept_by_person(number, line):
            removed.append(Removal(number, line, "chrome: a column named in the breadcrumb"))
            continue
        out.append((number, line))
    return out


# a run of '?' opening a paragraph: the full-width spaces of its indentation lost in a copy to a
# narrower encoding ('????連日來，…'); a sentence never starts with two question marks
# what a browser without the video's format shows in its place ('Your browser does not support the video tag')
_PLAYER_FALLBACK = re.compile(r"Your browser does not support the video(?: tag| element)?\.?|您的浏览器不支持(?:video|HTML5|html5)?(?:视频|video)?(?:播放)?(?:标签)?[。.！!]?")
# the date a copy stamped before the page's first line ('date 2025-08-07 快訊'): a date line of its own
_DATE_STAMP = re.compile(r"date\s+(?P<date>\d{4}-\d{1,2}(?P<day>-\d{1,2})?)(?![\d-])\s*(?P<rest>.*)$", re.S)
DATE_STAMP = "metadata: the capture's date stamp"
# one '?' and a space opening a line: an icon or an emoji a copy could not encode ('?  焦点访谈丨…')
# (or a date: '????2021年7月23日' under a signature, '? 7月2日上午8时，…' opening a paragraph)
# '?' where a copy lost the thin spaces of a date set in a typeface that spaces figures ('2021?年?10?月?7?日')
_DATE_GAPS = re.compile(r"(?:19|20)\d{2}[?？]?年[?？]?\d{1,2}[?？]?月(?:[?？]?\d{1,2}[?？]?日)?")
# '?' after white space inside a line of CJK text: a copy lost a wide space the page set between two
# phrases of a headline ('暴雨中 ?他们牵挂…'); a question mark never follows white space
_LOST_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000\xa0]+\?(?=[\u4e00-\u9fff])")
_LOST_INDENT = re.compile(r"(?:[?？]{2,}\s*|[?？]\s+)(?=[\u4e00-\u9fff“「]|(?:19|20)\d{2}年|\d{1,2}月\d{1,2}日)")


def _layout_free(line: str) -> str:
    """A line without white space and '|', its punctuation full width: what a transformation that only
    adjusts layout leaves unchanged."""
    return re.sub(r"[\s|｜]+", "", line.translate(_FULL).replace("(", "（"))


def _difference(before: str, after: str) -> str:
    """What a transformation took out of a line, for the record. Transformations delete material
    (junk, chrome segments) and adjust spacing, so a linear walk over ``before`` that keeps the
    characters of ``after`` in order finds the deleted runs; when ``after`` is not a subsequence
    (punctuation was also widened), the changed middle is reported. Linear: lines can be long."""
    runs: list[str] = []
    current: list[str] = []
    j = 0
    for char in before:
        if j < len(after) and char == after[j]:
            j += 1
            if current:
                runs.append("".join(current))
                current = []
        else:
            current.append(char)
    if current:
        runs.append("".join(current))
    if j == len(after):
        return " ".join(r.strip(" |｜") for r in runs if r.strip(" |｜"))
    start = 0
    while start < min(len(before), len(after)) and before[start] == after[start]:
        start += 1
    end = 0
    while end < min(len(before), len(after)) - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return before[start: len(before) - end].strip(" |｜")


def clean_text(body: str, rules: Boilerplate | None = None) -> str:
    """The cleaned capture as text, one line per paragraph (used by tests and `inspect`)."""
    return "\n".join(clean(body, rules).lines)
