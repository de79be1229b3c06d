"""Extract stage: metadata (title, date, source, authors, credits) read from the cleaned lines.

Captures carry their metadata as text in many shapes: header lines with any mix of labels
(来源 / 时间 / 作者 / 编辑 …, either script, with ':', '：', '|' or spaces), a byline under the
title, a trailing '(广安日报 陈玲)', '(作者单位:…)' or '(编辑:… 签发:…)'. Labels are matched on
the Simplified form of a line; values are taken from the capture's own script. Credits leave
the article text and go into metadata.
"""

from __future__ import annotations

import re

from build_tools.convert import to_hans
from build_tools.model import Cleaned, Credit, Extracted

# label (Simplified) -> role. Roles in AUTHOR_ROLES become authors; the rest are credits.
LABELS = {
    "来源": "来源", "出处": "来源", "稿源": "来源",
    "发布时间": "时间", "信息时间": "时间", "发表时间": "时间", "时间": "时间", "日期": "时间", "发表于": "时间", "发布日期": "时间",
    "作者": "作者", "文": "作者", "记者": "记者", "通讯员": "通讯员", "撰稿人": "撰稿", "撰稿": "撰稿", "执笔": "执笔",
    "责任编辑": "责任编辑", "责编": "责任编辑", "编辑": "编辑", "审核": "审核", "终审": "终审", "审稿人": "审稿",
    "审稿": "审稿", "审校": "审校", "校对": "校对", "送签": "送签", "签发": "签发", "摄影": "摄影", "图": "摄影",
    "作者单位": "作者单位", "供稿": "供稿", "浏览": "浏览",
}
AUTHOR_ROLES = ("作者", "记者", "通讯员", "撰稿", "执笔")
_LABEL_ALT = "|".join(sorted(LABELS, key=len, reverse=True))
# A label must start the line or follow white space / punctuation, and be followed by a separator.
_LABEL = re.compile(rf"(?:^|(?<=[\s|｜（(；;，,]))(?P<label>{_LABEL_ALT})\s*(?:[:：|｜]\s*|\s+(?=\S))")
_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?"
    r"(?:\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?))?")
_DATE_LINE = re.compile(r"[\s(（]*" + _DATE.pattern + r"[\s)）]*")
_SENTENCE_END = re.compile(r"[。！？!?…]['”’」』）)]*$")
_ORG = re.compile(r"(委|部|局|办|厅|院|会|中心|支部|党委|工委|政府|街道|社区|公司|集团|大学|学院|学校|医院|报社|日报|晚报|网|站|组)$")
_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤滕乾常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滑粱佟")
_NAME_SPLIT = re.compile(r"[、,，;；/\s]+")
_TRAILING_CREDIT = re.compile(r"[（(]\s*(?P<outlet>[^（）()\s：:]{2,16}?)\s+(?P<names>[^\s（）()：:，。]{2,4}(?:[\s、][^\s（）()：:，。]{2,4}){0,3})\s*[)）]$")


def _simplified_aligned(line: str) -> str:
    simplified = to_hans(line)
    return simplified if len(simplified) == len(line) else line


def is_person_name(text: str) -> bool:
    text = to_hans(text.strip())
    return 2 <= len(text) <= 4 and text[0] in _SURNAMES and all("\u4e00" <= c <= "\u9fff" for c in text)


def is_paragraph(line: str) -> bool:
    """A line of running text rather than a heading, title or label."""
    return len(line) >= 60 or (len(line) >= 8 and bool(_SENTENCE_END.search(line)))


def parse_date(text: str) -> str | None:
    match = _DATE.search(text)
    if not match:
        return None
    year, month, day = int(match["y"]), int(match["m"]), int(match["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def parse_labelled(line: str) -> list[tuple[str, str]] | None:
    """Split a metadata line into (role, value) pairs; None when it is not a metadata line."""
    simplified = _simplified_aligned(line)
    matches = list(_LABEL.finditer(simplified))
    if not matches:
        return None
    prefix = simplified[: matches[0].start()].strip(" （(|｜")
    if prefix and not re.fullmatch(r"[\d\s:：\-/年月日]*", prefix):
        return None  # text before the first label: a sentence that mentions a label word
    pairs = []
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        value, *rest = re.split(r"\s*[|｜]\s*", line[match.end():end])
        pairs.append((LABELS[match["label"]], value.strip(" ；;，,）)")))
        for segment in rest:  # unlabelled segments after '|': a date is kept, counters are not
            if _DATE.search(segment):
                pairs.append(("时间", segment))
    return pairs


def split_names(value: str) -> tuple[str, ...]:
    return tuple(name for name in _NAME_SPLIT.split(value.strip(" （()）")) if name)


class _Builder:
    def __init__(self) -> None:
        self.date: str | None = None
        self.source: str | None = None
        self.authors: list[str] = []
        self.credits: dict[str, list[str]] = {}

    def add(self, role: str, value: str) -> None:
        value = value.strip()
        if not value:
            return
        if role == "时间":
            self.date = self.date or parse_date(value)
            return
        date = _DATE.search(value)
        if date:
            # a date run into another field ('来源：旗帜网2021年10月21日16:45', '通讯员 陈佳 2020年7月15日')
            self.date = self.date or parse_date(value)
            value = (value[: date.start()] + value[date.end():]).strip()
        if not value:
            return
        if role == "来源":
            if self.source is None:
                self.source = value
            else:
                self.credits.setdefault("原载", []).append(value)
        elif role in AUTHOR_ROLES:
            for name in split_names(value):
                if name not in self.authors:
                    self.authors.append(name)
        elif role != "浏览":
            self.credits.setdefault(role, []).extend(split_names(value) if role != "作者单位" else [value])


def extract(cleaned: Cleaned) -> Extracted:
    lines = list(cleaned.lines)
    meta = _Builder()
    first_paragraph = next((i for i, line in enumerate(lines) if is_paragraph(line)), len(lines))
    header, body = lines[:first_paragraph], lines[first_paragraph:]

    # Header zone: metadata lines, title (+ subtitle), byline.
    title_lines: list[str] = []
    for line in header:
        if _DATE_LINE.fullmatch(line):
            meta.add("时间", line)
            continue
        pairs = parse_labelled(line)
        if pairs is not None:
            for role, value in pairs:
                meta.add(role, value)
            continue
        if title_lines and (is_person_name(line) or (len(line) <= 20 and _ORG.search(to_hans(line)) and not _SENTENCE_END.search(line))):
            (meta.authors.append(line) if is_person_name(line) else meta.credits.setdefault("作者单位", []).append(line))
            continue
        if not title_lines and is_person_name(line):
            meta.authors.append(line)
            continue
        if line not in title_lines:
            title_lines.append(line)
    # Metadata lines right after the first paragraph are rare but seen (forum printable views).
    title, subtitle = None, None
    if title_lines:
        title = title_lines[0]
        rest = title_lines[1:]
        if rest and rest[0].startswith("——"):
            subtitle = rest.pop(0)
        if rest and not subtitle and len(rest[0]) >= len(title) and not _SENTENCE_END.search(title):
            title = rest.pop(0)  # the first line was a kicker above the main title
        body = rest + body
        if "——" in title and not title.startswith("——"):
            title, _, tail = title.partition("——")
            subtitle = subtitle or tail
        subtitle = subtitle.lstrip("—").strip() if subtitle else None
        title = title.strip()
        if len(title) < 4:
            body.insert(0, title)
            title = None

    # Trailing zone: credit lines in brackets at the end, and a trailing '(outlet name)'.
    while body:
        last = body[-1]
        inner = last.strip()
        if inner[:1] in "（(" and inner[-1:] in "）)":
            pairs = parse_labelled(inner[1:-1].strip())
            if pairs is not None:
                for part in re.split(r"[；;]", inner[1:-1]):
                    for role, value in parse_labelled(part.strip()) or []:
                        meta.add(role, value)
                body.pop()
                continue
        break
    if body:
        match = _TRAILING_CREDIT.search(body[-1])
        if match:
            outlet, names = match["outlet"], split_names(match["names"])
            if all(is_person_name(n) or "□" in n for n in names):
                meta.add("来源", outlet)
                for name in names:
                    meta.add("作者", name)
                body[-1] = body[-1][: match.start()].rstrip()
                if not body[-1]:
                    body.pop()

    # With no labelled outlet, the site name in an ICP footer line names it.
    if meta.source is None:
        for line in cleaned.removed:
            footer = re.search(r"([^\s|｜]{2,12})\s*[（(]\s*[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP", to_hans(line))
            if footer:
                meta.source = footer.group(1)
                break

    body = [line for line in body if line != title and parse_labelled(line) is None or is_paragraph(line)]
    credits = tuple(Credit(role, tuple(dict.fromkeys(names))) for role, names in meta.credits.items() if names)
    return Extracted(
        title=title, subtitle=subtitle or None, date=meta.date, source=meta.source,
        authors=tuple(meta.authors), credits=credits, paragraphs=tuple(body),
    )
