"""Extract stage: metadata (title, date, source, authors, credits) read from the cleaned lines.

Captures carry their metadata as text in many shapes: header lines with any mix of labels
(来源 / 时间 / 作者 / 编辑 …, either script, with ':', '：', '|' or spaces), a byline under the
title, a date-and-names line with no labels, a forum's 'poster 发表于 date', a trailing
'(广安日报 陈玲)', '(作者单位:…)' or '(编辑:… 签发:…)', a print-edition line '《人民日报》(2020年
9月1日 04 版)', and datelines that name the outlet ('新华社合肥7月13日电', '央视网消息', 'XX日报讯').

The headline is chosen by scoring the short lines above the first paragraph (what follows
them, whether they repeat elsewhere, whether they look like a site or column name) rather than
by taking the first one: pages put site names, column rubrics and widgets above it. A page whose
text starts with a paragraph has no title. Every line taken out of the text is recorded in
``Extracted.taken`` with the reason. Labels are matched on the Simplified form of a line;
values are taken from the capture's own script.

Every pattern runs in time linear in the length of the line (see clean.py): white space next to
a part that may itself hold white space is matched by one part only.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

from build_tools import dates, gazetteer
from build_tools.clean import BAR, DATE_STAMP, LATIN_OUTLET, normalise_space
from build_tools.propernames import is_surname
from build_tools.script import to_hans
from build_tools.model import CaseError, Cleaned, Credit, Extracted, Removal
from build_tools.rules import default_boilerplate, default_meta_labels

# label (Simplified) -> role, from build_tools/data/meta_labels.yml (rules as data). Roles in
# AUTHOR_ROLES become authors; the rest are credits; '-' marks page metadata that is dropped.
# (A broken label file stops the program here with the file, the line and the fix, as every data file does.)
try:
    LABELS = default_meta_labels()
except CaseError as _error:
    raise SystemExit(f"error: {_error}") from None
AUTHOR_ROLES = ("作者", "记者", "通讯员", "撰稿", "执笔")
_LABEL_ALT = "|".join(sorted(LABELS, key=len, reverse=True))
# A label starts the line or follows white space / punctuation, and is followed by a separator;
# 记者/通讯员 may run straight into a name ('记者柯利华').
# A few labels are glued to the value before them by some templates ('来源：某某网作者：某某',
# '来源：河北日报发布时间：…'): they count when a colon follows and the characters before them do
# not make a word of them (工作者, 著作者, 原作者).
# (or an outlet's reporter or editor with a bar before the name: '某某新闻记者 | 某某', '某某新闻编辑 | 某某';
# or a bare '时间' glued to a paper's name before a date: '来源:某某报时间:2022-04-07')
_GLUED_LABEL = r"(?:(?=(?:来源|作者|发布时间|发布日期|发表时间|发表日期|发布者|责任编辑|采访记者)\s*[:：])(?<![工著创译原读笔])|(?=(?:date|author)\s*[:：])(?<![A-Za-z])" \
               r"|(?<=[闻报网台社])(?=(?:记者|编辑)\s?[|｜丨]\s?[\u4e00-\u9fff]{2,4}$)|(?<=[报网台社刊])(?=时间\s*[:：]\s*\d))"
_LABEL = re.compile(rf"(?:^|(?<=[\s|｜（(；;，,\d【\[》」”）)】\]+▌▍▎■●◆▶►•·])|{_GLUED_LABEL}|(?<=[:：])(?=(?:{_LABEL_ALT})[:：]))(?P<label>{_LABEL_ALT})(?:\s*[:：|｜丨]\s*|(?:(?<=^文)|(?<=^图文|^文图|^编辑|^編輯|^责编|^責編))\s*[/／]\s*(?=[\u4e00-\u9fff])|(?<=^来源|^來源|^作者|^编辑|^編輯)[;；]\s*|\s+(?=\S)|(?<=记者)(?!了解|获悉|看到|注意到|发现|来到|走进|采访|从|在|随|跟随|调查|观察|注意|留意|联系|询问|问|一行|日前|近日|获知|得知)(?=[\u4e00-\u9fff]{{2,4}}(?:[、,，\s]|$))|(?<=通讯员)(?=[\u4e00-\u9fff]{{2,4}}(?:[、,，\s]|$))|(?<=撰稿)(?=[\u4e00-\u9fff]{{2,4}}\s))")
# words before a label that make it a picture's credit ('图片来源：某某图库', '头图来自…')
_PICTURE_QUALIFIERS = ("图片", "配图", "头图", "题图", "图", "组图", "视频", "封面图", "插图")
_GLUED_COUNTER = re.compile(r"(点击率|点击数|点击量|点击|浏览量|浏览次数|浏览|阅读量|阅读次数|阅读|访问量|访问次数|访问|赞一个|点赞)[:：]?\s*(?:[（(][\d\-]+[)）]\s*|[\d\-]+\s*)?$")
_SPACED_LABEL = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,3})(?=\s*[:：])")
_DATE = dates.DATE
_WEEKDAY = r"(?:\s*(?:星期|周|禮拜|礼拜)[一二三四五六日天])?"
# a diary's header: the day, the weekday and the weather ('2020年7月17日 星期五 雨')
_WEATHER = r"(?:\s+(?:晴|阴|多云|[小中大]?雨|暴雨|大暴雨|雷阵雨|阵雨|[小中大]?雪|雾|霾)(?:转(?:晴|阴|多云|[小中大]?雨|暴雨|雷阵雨|阵雨))?)?"
# (a blog's stamp goes on with the time after the weekday and the time zone: '2021-1月-11 周一 18:09 +0800')
# (or a read-aloud button's label after it: '2021-11-06 09:01:28 智能朗读：')
_DATE_LINE = re.compile(r"[\s(（•·\-/|｜]*" + _DATE.pattern + _WEEKDAY + r"(?:\s*\d{1,2}:\d{2}(?::\d{2})?\s*[+-]\d{4})?" + _WEATHER
                        + r"(?:\s+(?:智能朗读|智能朗讀|语音播报|語音播報|听新闻|聽新聞|朗读|朗讀)[:：]?)?[\s)）]*")
# a digest's or a column's name and its day on one line ('某某镜像.新闻汇总 2020-08-01', '每日要闻 2020年8月1日')
_DIGEST_DATE = re.compile(r"[^\s，。！？：:、]{0,12}(?:汇总|汇编|要闻|快讯|简报|速递|播报|精选)\s*" + _DATE.pattern)
# an e-paper's issue line: the date, then the page ('2021-07-27 第09版：司法行政')
_EDITION_DATE = re.compile(r"\s*(" + _DATE.pattern.replace("(?P<", "(?P<e_") .replace("(?P=date_tail)", "(?P=e_date_tail)")
                           + r")\s*(?:星期[一二三四五六日天])?\s*第\s*[A-Za-z]?\d{1,3}\s*版")
# an e-paper's location line: the paper, the issue's day and the page ('当前位置:某某日报 第2018-09-16期 第A2版:要闻')
_EPAPER_LOCATION = re.compile(r"\s*(?:当前位置|您当前的位置|您的位置|当前位置是)\s*[:：]\s*(?P<o>[\u4e00-\u9fff]{2,10}(?:日报|晚报|报))\s*"
                              r"(?:第\s*)?(?P<d>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)\s*期")
# (with a view counter after it: '26.03.2022 16:39:22 浏览数:0')
_DMY_LINE = re.compile(r"\s*" + dates.DMY_DATE.pattern + r"(?:\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?(?:\s+(?:浏览|瀏覽|阅读|閱讀|点击|點擊)(?:数|數|量|次数|次數)?[:：](?:\s*\d{1,9})?)?\s*")
_SENTENCE_END = re.compile(r"[。！？!?…]['”’」』）)]*$")
_CLAUSE = re.compile(r"[，,；;：:。]")
# (not a net a headline weaves: '…织密乡村防汛责任网', '…筑牢安全网')
_WOVEN = "".join(f"(?<!{w})" for w in ("防护", "防護", "保护", "保護", "安全", "防控", "防疫", "保障", "责任", "責任", "服务", "服務",
                                          "关爱", "關愛", "平安", "监测", "監測", "预警", "預警", "联控", "聯控", "罗地", "羅地", "网格", "網格"))
_ORG = re.compile(r"(委|(?<!干)部|局|办|厅|院|(?<!体)会|中心|支部|党委|工委|政府|街道|社区|公司|集团|大学|学院|学校|医院|报社|日报|晚报|"
                  + _WOVEN + r"网|站|组|室|处|所|馆)$")
_SURNAMES = set("仇初阎卓屈窦戚闵储栾邝蔺晏褚鞠缪隋臧苟赖傅洪王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤滕乾常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滑粱佟"
                 # rare surnames whose characters are hardly ever anything else ('（李某某 庹某某）')
                 "庹禤亓郄逯訾隗昝晁笪郗酆阙邬鄢郦郜嵇卞钮邸冼闾谌綦濮扈佘荀邰胥芮阚仝牟")
# (or in square brackets, a news site's editor: '…的流程。【编辑:某某某】')
# a Taiwanese byline under the headline: the reporters or the desk, a slash, where they report from
# ('記者王某某/台北報導', '政治中心/綜合報導', '記者某某、某某／綜合外電報導'), matched in Simplified
_TW_BYLINE = re.compile(r"\s*(?:(?:记者|撰文)\s?(?P<n>[\u4e00-\u9fff]{2,4}(?:[、，,\s]+[\u4e00-\u9fff]{2,4}){0,3})|(?P<desk>[\u4e00-\u9fff]{2,8}?(?:中心|组|部)))"
                        r"\s?[/／]\s?[\u4e00-\u9fff]{0,6}?(?:综合)?(?:外电)?(?:报导|报道)\s*")
_CREDIT_FIELD = r"(?:通讯员|通訊員|作者|记者|記者|撰稿|编辑|編輯|责任编辑|責任編輯|审核|審核)\s?[:：]\s?[\u4e00-\u9fff]{2,4}(?:[、 ][\u4e00-\u9fff]{2,4}){0,3}"
_RUN_ON_CREDIT = re.compile(rf"(?<=[。！？!?”])\s*{_CREDIT_FIELD}(?: {_CREDIT_FIELD}){{0,3}}(?:\s*[|｜])?\s*$")
_BRACKET_REPORTERS = re.compile(r"[（(]\s*(?:特约|本报|本网|实习|见习)?(?:记者|通讯员)(?:\s*[:：])?\s*(?P<n>[\u4e00-\u9fff]{2,4}(?:[、，, ][\u4e00-\u9fff]{2,4}){0,4})\s*[)）](?=[\u4e00-\u9fff“「])")
# (or the writers marked by what they made, the photographers after them; some templates lose the
# closing bracket: '（通讯员 某某 某某/文 某某/摄）', '(某某/文 某某 某某/摄疫情发生后…', '（文/某某 图/某某）')
_CREDIT_NAMES = r"[\u4e00-\u9fff]{2,4}(?:[、，, ][\u4e00-\u9fff]{2,4}){0,4}"
_BRACKET_WRITERS = re.compile(rf"[（(]\s*(?:(?:(?:特约|本报|本网|实习|见习)?(?:记者|通讯员)\s*)?(?P<n>{_CREDIT_NAMES})\s*[/／]\s*文"
                              rf"(?:\s+{_CREDIT_NAMES}\s*[/／]\s*(?:图|摄|摄影))?\s*[)）]?"
                              rf"|文\s*[/／]\s*(?P<m>{_CREDIT_NAMES})(?:\s+(?:图|摄|摄影)\s*[/／]\s*{_CREDIT_NAMES})?\s*[)）])(?=[\u4e00-\u9fff“「])")
# what follows an outlet's name where a page names it as one: its home page, its site, its dateline
_NAMED_OUTLET_AFTER = re.compile(r"首页|网|\d{1,2}月\d{1,2}日\s*(?:讯|电)")
_UNIT_WRITER = re.compile(r"(?P<o>[\u4e00-\u9fff]{2,16}?(?:乡|镇|街道|村|社区|局|委|办|中心|站|所|院|公司|学校|支部|党委|党总支|党支部))\s*[:：]\s*(?P<n>[\u4e00-\u9fff]{2,4})")
_BRACKET_TAIL = re.compile(r"(?<=[。！？!?”」』\"])\s*[（(【\[]\s*(?P<c>[^()（）【】\[\]。]{2,60}?)\s*[)）】\]]\s*$")
_FONT_WIDGET = frozenset(("-", "+", "－", "＋", "小", "中", "大", "A", "A+", "A-"))
_NAME_SPLIT = re.compile(r"[、,，;；/\s]+")
_TRAILING_CREDIT = re.compile(r"[（(]\s*(?P<outlet>[^（）()\s：:]{2,16}?)(?:\s*[:：]\s*|\s+)(?P<names>[^\s（）()：:，。]{2,4}(?:[\s、][^\s（）()：:，。]{2,4}){0,3})\s*[)）]$")
_OUTLET_END = r"(?:通讯社|新闻社|社|网|台|报|电讯|客户端|新闻|在线|融媒|发布|卫视|记者站)"
# the end of an outlet's name standing alone on a line (not 网 or 台: site and column names)
_OUTLET_BARE_END = r"(?:新闻|日报|晚报|早报|商报|时报|晨报|新报|周报|都市报|电视台|客户端|融媒|头条|经济报道|微博)"
# a news app mirror's keyword tags, then the outlet and the day under the headline
# ('某市 湘江 某县 暴雨 某某日报 2019-07-29'), matched in Simplified; five words or more may end in a name
# with no outlet word (then the line gives the day only: '某市暴雨 广播 农村 发现某某 某某大众 2019-08-18';
# fewer are a WeChat header's writer and account, read elsewhere)
_TAGS_OUTLET_DATE = re.compile(rf"\s*(?:(?:[\u4e00-\u9fffA-Za-z0-9·]{{1,8}}\s+){{2,12}}(?P<o>[\u4e00-\u9fff]{{2,10}}?(?:{_OUTLET_BARE_END}|报|网))\s+"
                               r"|(?:[\u4e00-\u9fffA-Za-z0-9·]{1,8}\s+){5,12})"
                               r"(?P<d>(?:19|20)\d{2}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*")
# the end of a news portal's name that is no outlet word elsewhere ('某某热线', '某某之窗', '某某资讯'): a
# site's name beside its page's date, never a person's ('2022-04-02 10:03 万家热线')
_PORTAL_END = r"(?:热线|之窗|视窗|资讯|传媒|信息港|周刊)"
# a picture's credit alone on a line, under its caption ('本报记者 王某摄', '李某某摄(某某视觉)', '（某某社记者 王某 摄）',
# '某某报·某某网记者某某/摄')
# (or the role before the names, '（图/某某）'; a bracket a copy left open, '(某某医院  某某  /图')
_PHOTO_CREDIT = re.compile(r"[（(]?(?P<pre>(?:图|圖|摄影|攝影) ?[/／] ?)?(?:[\u4e00-\u9fff·]{0,14}?(?:记者|通讯员|記者|通訊員) ?)?"
                           r"(?P<n>[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,3})"
                           r"(?(pre)| ?(?:[/／]? ?(?:摄|攝)(?:影)?|[/／] ?(?:图|圖))) ?(?:[(（][^()（）]{2,12}[)）])?[)）]?")
# a credit for photographers after the last sentence of a line: at most 40 characters of names and reporters' titles,
# then 摄 ('…工作。 某某某 本报记者 某某 某某摄'); see _run_on_photo
_RUN_ON_PHOTO = re.compile(r"[。！？!?][”’」』]?(?P<c>[ \u3000]*[\u4e00-\u9fff][\u4e00-\u9fff \u3000、]{1,38}?)[ \u3000]?(?:摄|攝)(?:影)?[ \u3000]*$")
_PHOTO_ROLES = re.compile(r"(?:本报|本報|本刊|本台|本网|本網)?(?:特约|特約|首席|实习|實習|摄影|攝影)?(?:记者|記者|通讯员|通訊員)|[、\u3000]")
# a byline with no spaces: the reporter's name and the place filed from before '报道' ('本报记者某某某晋中报道')
_FILED_BYLINE = re.compile(r"(?:本报|本刊|本台|本网)?(?:特约|首席|实习|见习)?记者(?P<r>[\u4e00-\u9fff]{2,12})报道")
# the signs of a forum's page in its site name or first lines ('某某论坛', 'bbs.example.cn', '回帖')
_FORUM_SIGN = re.compile(r"论坛|bbs|BBS|贴吧|楼主|回帖|发帖|去评论")
# the writers' credit with their outlet under a story ('文/某某日报·某某记者：某某 实习生 某某 通讯员 某某 图/…')
_WRITTEN_BY = re.compile(rf"(?:文|文字)[/／](?P<o>[\u4e00-\u9fff·]{{2,20}}?{_OUTLET_END}(?:·[\u4e00-\u9fff]{{2,6}})?)(?:全媒体|融媒体)?(?:特约|首席|实习|见习)?记者[:：]?\s*")
# a reporter's title before a name in a byline's list ('特约记者', '本报实习记者', '实习生')
_REPORTER_TITLE = re.compile(r"^(?:(?:本报|本報)?(?:特约|特約|首席|实习|實習|见习|見習|摄影|攝影)?(?:记者|記者|通讯员|通訊員)|实习生|實習生)[:：]?")
# the column and number a gallery prints before the headline over each picture ('（防汛抗洪·图文互动）(1)')
_GALLERY_PREFIX = re.compile(r"^(?:\s*[（(【\[][^（）()【】\[\]]{1,20}[）)】\]])+\s*")
# an author's label with nothing after it, its value on the next line ('记录人：')
_EMPTY_WRITER_LABEL = re.compile(r"(?:记录人|作者|撰稿|撰文|执笔|文|口述|讲述)\s*[:：]")
# a writer's unit (maybe with a title) and name on a line of their own ('某某街道退休党支部党员叶某某', '叶某某')
_UNIT_AND_NAME = re.compile(r"(?P<u>[\u4e00-\u9fff]{0,24}?(?:党员|书记|主任|干部|志愿者|老师|教师|队员|社工|网格员|医生|护士|民警|退休职工)?)"
                            r"(?P<n>(?<=[员记任部者师工生士警])[\u4e00-\u9fff]{2,3}|(?<![\u4e00-\u9fff])[\u4e00-\u9fff]{2,3})")
_PRODUCER = re.compile(r"[\u4e00-\u9fff·]{2,20}出品")
_BARE_OUTLET_LINE = re.compile(rf"[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_BARE_END}")
# (or a site's or an agency's: '新华网', '中新社')
_NAMED_OUTLET_LINE = re.compile(rf"[\u4e00-\u9fff·]{{2,12}}?(?:{_OUTLET_BARE_END}|网|社)")
# an outlet's reporters in brackets at the end of the last paragraph ('(某某日报记者 王某 李某)',
# '(中央广播电视总台央视记者 某某)', '(某某市融媒体中心通讯员 某某 报道)'), maybe with the editor's tag after
# it ('(总台央视记者 某某)【编辑:某某】'); the national broadcaster's short names alone ('（总台记者 某某 某某）')
_TRAILING_REPORTERS = re.compile(rf"[（(](?P<o>总台央视|总台|央视|央广|[\u4e00-\u9fff·]{{2,20}}?(?:融媒体中心|融媒中心|新闻中心|传媒中心|{_OUTLET_END}|央视|广电))(?:全媒体|融媒体|全媒|新媒体)?(?:记者|通讯员)"
                                 r"\s?(?P<names>[\u4e00-\u9fff][^()（）]{1,60})[)）]"
                                 r"(?:\s*[【\[](?:责任编辑|编辑|责编)[:：]\s?(?P<editor>[\u4e00-\u9fff]{2,4})[】\]])?$")
# a CMS account's login name where a source or an author should be ('来源：xianfeng 作者：xianfeng')
_LOGIN_NAME = re.compile(r"[a-z][a-z0-9_]{2,19}")
# an outlet's editor in brackets after the last sentence ('。（某某新闻编辑付某某）', '。（责任编辑：李某）')
_TRAILING_EDITOR = re.compile(r"(?<=[。！？!?”」])[（(](?:[\u4e00-\u9fff]{2,12}?(?:新闻|网|报|台|融媒体中心))?(?:责任编辑|编辑|责编)[:：]?\s?"
                              r"(?P<n>[\u4e00-\u9fff]{2,4})[)）]$")
# an editor's credit without a colon under the story ('编辑张某', '责任编辑 李某某')
_GLUED_EDITOR = re.compile(r"(?:责任编辑|编辑|责编)\s?(?P<n>[\u4e00-\u9fff]{2,4})")
# an outlet whose name ends in no outlet word, '讯' and its reporters in brackets opening the story
# ('某某中国讯(王某 李某 通讯员张某)为切实加强疫情防控，…'; never '本报讯', see _NOT_SOURCE)
_BARE_NAME_NEWS = re.compile(r"^(?P<o>[\u4e00-\u9fff]{2,6}?)(?:讯|訊)[（(](?=[^()（）]{0,30}?(?:记者|通讯员)[^()（）]{2,40}[)）])")
# Datelines that name the outlet at the start of the story.
_DATELINES = (
    # (a space may set the date off: '某某新闻网 2月3日讯')
    # (or by the day alone: '新华社北京9日电', '本报9日讯')
    # (or several outlets reporting together: '某某客户端、某某网、某某报9月12日消息')
    # (an outlet word inside the name is not its end: '某某新闻网眉山2月2日讯' is no '某某新闻' in '网眉山')
    # (the day's '日' may be lost after its month: '某某客户端6月3讯')
    # (or the full date: '某某客户端·某某新闻网2022年1月11日讯')
    re.compile(rf"^[（(]?(?P<o>[\u4e00-\u9fff·\-]{{1,12}}?{_OUTLET_END})(?![网網络絡])(?:、[\u4e00-\u9fff]{{2,10}}?{_OUTLET_END}){{0,3}}\s?[\u4e00-\u9fff]{{0,8}}"
               r"(?:(?P<d>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)|\d{1,2}月\d{1,2}日?|\d{1,2}日)\s*(?:电|電|消息|讯|訊)"),
    # (or the day before the place: '某某网7月15日南京讯')
    re.compile(rf"^[（(]?(?P<o>[\u4e00-\u9fff·\-]{{1,12}}?{_OUTLET_END})\s?(?:\d{{1,2}}月)?\d{{1,2}}日[\u4e00-\u9fff]{{2,4}}?(?:电|電|讯|訊)"),
    # (a local portal's name too: '某某信息港讯（通讯员…）'; or its reporters glued on before '报道：',
    # '某某网讯吴某、记者王某某报道：')
    # (or with the papers and sites of one group after it: '某某晚报 某某网 某某新闻讯')
    # (each maybe with its web address in brackets: '某某星报、某某财经网（m.example.cn）、掌中某某讯')
    re.compile(rf"^(?P<o>[\u4e00-\u9fff·\-]{{1,12}}?(?:{_OUTLET_END}|{_PORTAL_END}))(?![网網络絡])(?:[(（][A-Za-z0-9.\-]{{4,40}}[)）])?(?:(?:、|\s)[\u4e00-\u9fff]{{2,12}}?{_OUTLET_END}(?:[(（][A-Za-z0-9.\-]{{4,40}}[)）])?){{0,2}}(?:(?:、|\s)[\u4e00-\u9fff]{{2,12}}?{_OUTLET_END}?)?(?:[(（][^()（）]{{1,30}}[)）])?"
               rf"(?:[\u4e00-\u9fff]{{2,3}}(?=讯|訊|消息)|[\u4e00-\u9fff]{{2,4}}频道(?=讯|訊))?(?:消息|讯(?!员)|訊(?!員)|报道|報道)(?:\s*[(（:：]|\s*(?=[“「])|\s+(?=[\u4e00-\u9fff\d])|[，,](?=[\u4e00-\u9fff\d“「])"
               r"|(?=[^。！？：:“”]{0,30}?(?:记者|通讯员)[^。！？：:“”]{2,30}?报道[:：]))"),
    # an overseas outlet's bracketed dateline with the full date ('【某某元2023年08月10日讯】', '【看某某2021年7月30日訊】')
    re.compile(r"^[【\[](?P<o>[\u4e00-\u9fff]{2,8}?)(?P<d>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)(?:讯|訊|电|電)[】\]]"),
    # the same in brackets ("【某某网讯】")
    # (or with the bracket left open, the reporters after a dash: '【某某新闻网讯-某报融媒体记者 某某 通讯员 某某“…')
    re.compile(rf"^[【\[](?P<o>[\u4e00-\u9fff·\-]{{1,12}}?{_OUTLET_END})(?:消息|讯|訊|报道|報道)(?:[】\]]|[-－—]\s?(?=[\u4e00-\u9fff]))"),
    re.compile(r"^(?P<o>[\u4e00-\u9fff]{2,10}?)(?:报道|報道)\s*[（(]\s*[\u4e00-\u9fff]{0,8}?(?:记者|記者|通讯员|通訊員)"),
    re.compile(r"^《(?P<o>[^《》]{2,12})》\s*(?:记者|記者|讯|訊)"),
    # an outlet's byline run into the first paragraph ('某某手机报记者王某某 贾鲁河从…')
    re.compile(rf"^(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})(?:全媒体|融媒体|全媒|新媒体)?记者\s?(?P<n>[\u4e00-\u9fff]{{2,4}})(?=\s)"),
    # an outlet's tag with its credit in brackets opening the story ('某某之声(文图/编辑王某某)今天下午，…')
    re.compile(rf"^(?P<o>[\u4e00-\u9fff·]{{2,10}}?(?:{_OUTLET_END}|之声))\s?[(（](?:文|图|文图|图文|摄影|摄|编辑|记者)"
               r"(?:\s?[/／、]\s?(?:文|图|摄影|摄|编辑|记者))*\s?[:：]?\s?(?P<n>[\u4e00-\u9fff]{2,4})[)）](?=[\u4e00-\u9fff“「])"),
    # an agency's name, a slash and the place and day, a Taiwanese agency's style ('中央社／ 台北7日電')
    re.compile(rf"^(?P<o>[\u4e00-\u9fff]{{2,10}}?{_OUTLET_END})\s?[／/]\s?[\u4e00-\u9fff]{{2,6}}?\d{{1,2}}日\s?(?:电|電)"),
    # place, outlet and day set off by commas before a dash, a wire style that reworded copies keep
    # ('某地,某某网,2月24日——…')
    re.compile(rf"^(?:[\u4e00-\u9fff]{{2,6}}[,，]\s?)?(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})[,，]\s?(?:\d{{1,2}}月)?\d{{1,2}}日\s?(?:——|—|－－|--)"),
    # an outlet whose name ends in no outlet word before '讯' and its reporters in brackets (_BARE_NAME_NEWS)
    _BARE_NAME_NEWS,
    # an outlet's reporter's title glued to the story's first words, the name not set off ('某某新闻记者邓某春节来临，…'):
    # the outlet only (where the name ends is not told)
    re.compile(rf"^(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})(?:全媒体|融媒体|全媒|新媒体)?(?:首席)?记者(?=[\u4e00-\u9fff]{{2}}[\u4e00-\u9fff\d“「])"),
)
# an app's name before an outlet's dateline ('某某网客户端—某某网消息')
_APP_PREFIX = re.compile(r"[\u4e00-\u9fff]{2,10}(?:客户端|APP|App|app)\s*[—－\-]{1,2}\s*(?=[\u4e00-\u9fff])")
# a dateline with its reporters in brackets ('某某网消息（通讯员 某某、某某）'), also after photo captions
_DATELINE_CREDITED = re.compile(rf"^(?:{_APP_PREFIX.pattern})?[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END}"
                                r"(?:\d{1,2}月\d{1,2}日?)?(?:消息|讯)\s*[（(]\s*(?:(?:文|图|文图|图文)[/／])?(?:[\u4e00-\u9fff]{0,10}?(?:记者|通讯员))")
# the bracket after a dateline that names its reporters ('新华社某地1月28日电（记者王某、李某）')
# (a content farm that rewrites '记者' as '采访人员' too: '某某讯（张某某采访人员谌某某）')
_DATELINE_REPORTERS = re.compile(r"(?:[^()（）]|[(（][A-Za-z0-9.\-]{4,40}[)）]){0,40}?[(（](?P<c>[^()（）]{0,30}?(?:记者|通讯员|采访人员)[^()（）]{1,60}?)[)）]")
# (bare names, no role word: '某某网某地11月3日电（王某某）')
# (or with what they made after them: '…讯（某某某 文/图）')
_DATELINE_BARE_NAMES = re.compile(r"[ \u3000]*[（(][ \u3000]*(?P<c>[\u4e00-\u9fff]{2,4}(?:[、，, \u3000]+[\u4e00-\u9fff]{2,4}){0,3})"
                                  r"(?:[ \u3000]+(?:文[/／]图|图[/／]文|文图|图文|摄影|摄))?[ \u3000]*[)）]")
# (or with no brackets, before '报道：': '某某网讯 通讯员张某、记者王某某报道：“…')
# (or before the lead's opening quote when a bracket was left open: '【某某网讯-某报记者 张某 通讯员 赵某“…')
_DATELINE_REPORTED = re.compile(r"[ \u3000]*(?P<c>[^。！？：:“”「（()）]{0,30}?(?:记者|通讯员)[^。！？：:“”「（()）]{2,30}?)(?:[ \u3000]?报道[:：]|(?=[“「]))")
# the outlet in a reporter's title ('某某日报全媒体记者', '某某网通讯员')
_REPORTER_OUTLET = re.compile(rf"[ \u3000]*(?P<o>[\u4e00-\u9fff·]{{2,20}}?{_OUTLET_END})(?:全媒体|融媒体|全媒|新媒体)?(?:首席)?(?:记者|通讯员)")
# a wire page's topic in brackets before its headline ('（抗击新冠肺炎）', '(聚焦防汛)'); it may be absent
_TOPIC_BEFORE_HEAD = re.compile(r"[ \u3000]*(?:[（(][\u4e00-\u9fff·]{2,12}[)）][ \u3000]*)?")
_DATELINE_INSIDE = re.compile(r"(?<=[\s”」])" + _DATELINES[0].pattern.lstrip("^"))
# a repost's note naming where the article first appeared ('本文来自微信公众号：某某（ID：…）')
# (or a reposted account credit before the story: '来源丨某某号(ID:xxxx)56人…')
# (or, without a colon, '本文首发于某某周末 未经授权 不得转载': the outlet ends at white space or a mark)
_ORIGIN_NOTE = re.compile(r"(?:本文(?:来自|转自|转载自|来源于|首发于) ?(?:微信)?[\u4e00-\u9fff]{0,3}?号? ?[:：]\s*|(?<![\u4e00-\u9fff])来源丨(?=[\u4e00-\u9fff]{2,12}[（(]ID[:：])"
                          r"|本文(?:首发于|首发在|原载于|原刊于) ?(?=[\u4e00-\u9fff]{2,12}(?:[\s，,。；;]|$)))"
                          r"(?P<o>[\u4e00-\u9fff]{2,12})")
# an account's note that the piece is its own ('*本文为「某某周刊」原创内容', '本文系某某日报独家原创稿件，未经授权不得转载')
_ORIGINAL_NOTE = re.compile(r"[*※＊]?\s*本文(?:为|系|是)\s*[「“《]?(?P<o>[\u4e00-\u9fffA-Za-z0-9]{2,16}?)[」”》]?\s*(?:独家)?原创(?:内容|稿件|作品|文章)?"
                            r"(?:[，,；;\s][^。！!]{0,30})?[。！!]?")
_BRACKET_SOURCE = re.compile(r"\s*[「【\[]\s*(?:本文|文章|稿件)?来源\s*[:：]\s*(?P<o>[\u4e00-\u9fff·]{2,16})\s*[」】\]]\s*")
_NOTE_AUTHORS = re.compile(r"作者 ?[:：] ?(?P<names>[\u4e00-\u9fff][\u4e00-\u9fff、 ]{1,29}?)(?=[，,。（(]|$)")
_TAG_LINE = re.compile(r"[\u4e00-\u9fff]{2,6}(?: [\u4e00-\u9fff]{2,6}){1,4}")
# an outlet's reporter opening a byline or an author field, with the reporter's post between them
# ('文/某某晚报特派江西记者 王某 李某', '作者：某某周末记者 王某', '某某日报驻京记者')
_REPORTER_OF = re.compile(rf"^(?:(?:文|图|摄|文图|图文|摄影)\s*[/／|｜]\s*)?(?P<o>[\u4e00-\u9fff·]{{2,12}}?(?:{_OUTLET_END}|周末|周刊|杂志))"
                          r"(?:全媒体|融媒体|全媒|新媒体|特派[\u4e00-\u9fff]{0,4}?|驻[\u4e00-\u9fff]{1,4}?|首席|特约|见习|实习|市民)?(?:记者|通讯员)\s*(?=[\u4e00-\u9fff])")
# the outlet named again before a later reporter's title in a byline ('南方周末记者 某某 南方周末实习生 某某')
_OUTLET_WORD_BEFORE_ROLE = rf"[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END}"
# a byline line that names the outlet, the reporters and nothing long ('某某新闻·某某晨报记者 王某 实习生 李某',
# or glued: '某某日报全媒体记者王某通讯员李某'; a magazine's with where they filed from: '某某周末记者 王某 发自广东广州')
# (correspondents' bare names may come first, and a second outlet after the first: '王某 沈某某 某某星报、某某网记者 张某 文/图')
_OUTLET_BYLINE = re.compile(rf"^[（(]?(?:(?P<pre>[\u4e00-\u9fff]{{2,4}}(?: [\u4e00-\u9fff]{{2,4}}){{0,3}}) )?"
                            rf"(?P<o>[\u4e00-\u9fff·]{{2,20}}?(?:融媒体中心|融媒中心|新闻中心|传媒中心|{_OUTLET_END}))(?:、[\u4e00-\u9fff]{{2,10}}?{_OUTLET_END})?"
                            # (its owner in brackets after it: '某某新闻网（某某融媒体中心） 记者 某某')
                            r"(?:[（(][\u4e00-\u9fff]{2,16}[)）])?"
                            r"(?:全媒体|融媒体|全媒|新媒体)?(?:\s?|\s*[|｜丨]\s*)(?:记者|通讯员)(?:[:：]\s*|\s*)"
                            rf"[\u4e00-\u9fff]{{2,4}}(?:(?:[\s、]+(?:(?:{_OUTLET_WORD_BEFORE_ROLE})?(?:实习生|通讯员|记者)\s*)?|(?:实习生|通讯员|记者)\s*)[\u4e00-\u9fff][\u4e00-\u9fff?？□]{{1,3}}){{0,5}}"
                            rf"(?:\s+[\u4e00-\u9fff]{{2,12}}\s*供图)?(?:\s+(?:文/图|图/文|文图|图文|摄影|摄|[\u4e00-\u9fff]{{0,4}}报道))?"
                            r"(?:\s?发自[\u4e00-\u9fff]{2,10})?\s*[)）]?$")
# the bylines of a team from several outlets, each group its outlet, a reporter's title and names joined by
# '、', maybe after the team's name ('某某日报武汉一线报道组 某某日报记者王某、李某 某某日报见习记者陈某
# 某某网记者张某、赵某'); each group ends at white space or the line's end
_BYLINE_GROUP = rf"[\u4e00-\u9fff·]{{2,20}}?{_OUTLET_END}(?:见习|特约|实习|首席)?记者\s?[\u4e00-\u9fff]{{2,4}}(?:、[\u4e00-\u9fff]{{2,4}}){{0,15}}(?=\s|$)"
_TEAM_BYLINES = re.compile(rf"^(?P<team>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END}[\u4e00-\u9fff]{{0,8}}?(?:报道组|采访组|报道团)\s+)?"
                           rf"(?P<groups>{_BYLINE_GROUP}(?:\s+{_BYLINE_GROUP})*)")
_GROUP_NAMES = re.compile(rf"(?P<o>[\u4e00-\u9fff·]{{2,20}}?{_OUTLET_END})(?:见习|特约|实习|首席)?记者\s?(?P<n>[\u4e00-\u9fff、]+)")


def _team_bylines(simple: str) -> re.Match[str] | None:
    """_TEAM_BYLINES at the start of a line, when it is a team's (named, or two groups or more)."""
    match = _TEAM_BYLINES.match(simple)
    if match and (match["team"] or sum(1 for _ in _GROUP_NAMES.finditer(match["groups"])) >= 2):
        return match
    return None


# an outlet's name glued before the page's print and share buttons under the headline ('共产党员网 打印 纠错'),
# a line the cleaner takes out as a widget bar
_OUTLET_BAR = re.compile(rf"(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})\s+[\[【]?(?:打印|打印本页|纠错|分享|收藏)[\]】]?(?:\s|$)")
# a reporters' title with the outlet's name, maybe with its Latin brand ('某某新闻Knews记者')
_OUTLET_REPORTER_TOKEN = re.compile(rf"(?P<o>[\u4e00-\u9fff]{{2,10}}?(?:{_OUTLET_BARE_END}|{_OUTLET_END})[A-Za-z]{{0,8}})(?:全媒体|融媒体)?(?:记者|通讯员)")
# a programme and its outlet's app, or two outlets, on one line ('某某现场、某某客户端')
_OUTLET_LIST = re.compile(rf"(?:[\u4e00-\u9fff]{{2,8}}、){{1,3}}[\u4e00-\u9fff]{{2,8}}?(?:{_OUTLET_BARE_END}|网)")
# a news site's regional channel alone on a line under the headline ('人民网-安徽频道', '新华网 湖北频道')
# a site and the paper it carries the story from ('某某网—《某某日报》')
_SITE_AND_PAPER = re.compile(r"[\u4e00-\u9fff]{2,8}网\s?[—\-－]{1,2}\s?《[^《》]{2,12}》")
_CHANNEL_LINE = re.compile(r"[\u4e00-\u9fff]{2,8}网\s?[-－—·]?\s?[\u4e00-\u9fff]{2,6}频道")
# a breadcrumb's first step ('首页 » …', '当前位置：首页 > …')
_CRUMB_START = re.compile(r"(?:(?:您现在的位置|您的位置|当前位置|所在位置)\s*[:：]\s*)?(?:首页|网站首页|主页)\s*(?:»|>>|>|→|/)")
# the card of the platform account that posted the story, under it ('郑州日报官方正观号', '某某发布官方澎湃号')
_ACCOUNT_CARD = re.compile(rf"(?P<o>[\u4e00-\u9fff]{{2,16}}?(?:融媒体中心|{_OUTLET_END}))官方(?:[\u4e00-\u9fff]{{1,3}}号)")
# an outlet naming itself with its web address before its reporter ('某某新闻(www.example.cn)记者从…获悉')
_OUTLET_WITH_ADDRESS = re.compile(rf"(?P<o>[\u4e00-\u9fff]{{2,10}}?(?:{_OUTLET_END}))\s?[（(](?:www\.|https?://)[A-Za-z0-9.\-/]{{3,40}}[)）]\s?记者")
# (or acting in the story's own words after its address: '某某新闻（www.example.cn）辗转于…')
_OUTLET_ADDRESS_ACTS = re.compile(rf"(?:^|[，,。])(?!据|来自|转自|援引|引自)(?P<o>[\u4e00-\u9fff]{{2,10}}?(?:{_OUTLET_END}))\s?[（(](?:www\.|https?://)[A-Za-z0-9.\-/]{{3,40}}[)）]\s?"
                                  r"(?:辗转|深入|走进|来到|赶赴|前往|探访|采访|跟随|记录|连线|调查|获悉|了解到|独家)")
# a notice that the story is an outlet's own work ('声明：某某市融媒体中心原创新闻，未经授权不得转载', '本文系某某日报原创稿件')
# (or several of one group, the first named: '某某日报、某某+客户端原创，未经授权')
_ORIGINAL_WORK = re.compile(rf"(?:声明[:：]\s*|本文系|本文为|本稿系|^|[\s，。])(?P<o>[\u4e00-\u9fff]{{2,16}}?(?:融媒体中心|融媒中心|{_OUTLET_END}))"
                            r"(?:、[\u4e00-\u9fff+＋]{2,12}){0,2}(?:独家)?原创(?:新闻|稿件|作品|内容|文章|稿)?(?:[，,。]|$)")
# an e-paper's page chrome ('多媒体数字报', '当前版：01版', '第02版：要闻', '展开通版')
_EPAPER_PAGE = re.compile(r"\s*(?:0*\d{1,5}\s*版\s*[:：]|第\s*[A-Za-z]?\d{1,3}\s*版\s*[:：])")
# an e-paper's page footer under the story: the paper, the page's name and number, the headline and the
# day ('某某日报 某某专版 00003 追风记 2019-08-10 某某日报2019-08-1000010 2 2019年08月10日 星期六')
_EPAPER_FOOTER = re.compile(r"(?P<o>[\u4e00-\u9fff]{2,10}?(?:日报|晚报|报))\s.{0,60}?\s0*\d{1,5}\s.{0,60}?(?P<d>(?:19|20)\d{2}-\d{2}-\d{2})\s.{0,80}")
# a photo's caption naming someone at work: a name, maybe where they stand in the picture, '在' and what they
# do, no punctuation ('张某某在村口巡视汛情')
_PERSON_AT_WORK = re.compile(r"(?P<n>[\u4e00-\u9fff]{2,3})(?:[（(](?:前|后|中|左|右)[左右中一二三四]?[)）])?在[\u4e00-\u9fff“”]{4,24}")
# an e-paper's masthead: the paper's name and what edition it is ('某某报数字报纸', '某某日报电子版')
_EPAPER_MASTHEAD = re.compile(r"(?:数字报纸?|电子报纸?|电子版|数字版|数字报刊)$")
_EPAPER_CHROME = re.compile(r"数字报|电子报|通版|当前版|版面导航|第\s*[A-Za-z]?\d{1,3}\s*版")
# an outlet's reporting team as the byline ('光明日报武汉一线报道组', '某某日报前方报道组')
_REPORTING_TEAM = re.compile(rf"(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})[\u4e00-\u9fff]{{0,8}}?(?:报道组|采访组|记者组|报道团|采访团|报道小组|采访小组)")
# a writer and the outlet after a slash ('申华/大河网')
_WRITER_OUTLET = re.compile(rf"\s*(?P<n>[\u4e00-\u9fff]{{2,4}})\s?[/／]\s?(?P<o>[\u4e00-\u9fff]{{2,12}}?{_OUTLET_END})\s*")
_GLUED_BYLINE = re.compile(rf"^(?P<o>[\u4e00-\u9fff]{{2,14}}?(?:网站|{_OUTLET_END}))(?:记者)?(?P<n>[\u4e00-\u9fff]{{2,3}}?)"
                           r"通讯员(?P<m>[\u4e00-\u9fff]{2,3}?)(?=[“「])")
# the same byline spaced out ('某某报 记者 王某 李某') with the story run on after white space (the
# story's first word is long: a reporter's name is followed by white space); a glued '某某报记者王某'
# before a one-line page's headline is left to the header
_OUTLET_BYLINE_RUN = re.compile(rf"^(?P<o>[\u4e00-\u9fff·]{{2,20}}?{_OUTLET_END})(?:全媒体|融媒体|全媒|新媒体)?(?:\s(?:记者|通讯员)\s*|(?:记者|通讯员)\s)"
                                rf"[\u4e00-\u9fff]{{2,4}}(?:[\s、]+(?:(?:实习生|通讯员|记者)\s*)?[\u4e00-\u9fff]{{2,4}}){{0,5}}\s+(?=[^\s]{{6}})")
# (the outlet and the date start and end with a visible character, so that the white space
# around them belongs to one part of the pattern only)
_PRINT_EDITION = re.compile(r"^[（(]?\s*《\s*(?P<o>[^《》\s][^《》]{0,14}?[^《》\s])\s*》\s*[(（]\s*(?P<date>\S.{4,14}?\S)\s*(?:(?:第\s*)?\d{1,3}\s*版\s*)?[)）]\s*[)）]?$")
# a periodical's name and issue on their own line: '大学生 2020年3期', '《党建》2021年第5期'
# or its citation with year, volume, issue and pages: '某某学报(社会科学版) 2020,36(05),91-97'
_ISSUE = re.compile(r"《?(?P<o>[\u4e00-\u9fff]{2,16}(?:[（(][\u4e00-\u9fff]{2,8}[)）])?)》?\s*(?:19|20)\d{2}\s*"
                    r"(?:年\s*(?:第\s*)?\d{1,2}\s*期|[,，]\s*\d{1,3}\s*[（(]\s*\d{1,2}\s*[)）](?:\s*[,，:：]\s*\d{1,4}(?:\s*[-–—~]\s*\d{1,4})?)?)")
_TITLE_LABEL = re.compile(r"^(?P<label>原标题|原標題|本文标题|文章标题|标题|標題|标[ \u3000]{1,3}题|標[ \u3000]{1,3}題|题目|題目|查看完整版本|查看完整版本)[ \u3000]*[:：]\s*(?P<t>.*?\S|.)\s*(?:[\[【]\s*(?:打印本页|打印本頁|打印|关闭|關閉)\s*[\]】])?$")
# (a mirror may put '?' where the dateline had a wide space: '新华社重庆7月27日电? 题:…')
# (or with its byline and lead run on after the headline: '…电 题：HEADLINE新华社记者王某、李某破晓时分…')
_DATELINE_TITLE = re.compile(r"(?:电|電|消息)[\s?？\u00a0]*(?:题|題)\s*[:：]\s*(?P<t>.{4,80}?)"
                             r"(?:$|(?=(?:新华社|新華社|[\u4e00-\u9fff]{2,8}?(?:日报|日報|报|報|网|網|台))?(?:记者|記者)\s?[\u4e00-\u9fff]{2,4}))")
# a page's label for the article being read, before its headline ('正在阅读：…')
_READING_LABEL = re.compile(r"(?:您)?(?:正在阅读|当前阅读|正在浏览|当前文章|文章标题|标题|正文)\s*[:：]")
_EDIT_STAMP = re.compile(r"^本帖最后由\s*(?P<who>\S{1,20}?)\s*于\s*" + _DATE.pattern + r"\s*编辑\s*")
# (not a headline and its subtitle after a double dash: '某某熠熠生辉 --某某检察院驻村工作队工作纪实')
_POSTED = re.compile(r"^(?P<who>[^\s:：]{1,20}?)\s+(?:发表于|發表於|发表在|-(?![-—])|—(?![-—]))\s*(?P<rest>.*)$")
# a forum's poster glued to the post's date and time ('某某用户2020-07-26 22:09')
_POSTED_GLUED = re.compile(r"^(?P<who>[^\s:：\d]{1,20}?)(?P<rest>(?:19|20)\d{2}-\d{1,2}-\d{1,2} {1,2}\d{1,2}:\d{2}(?::\d{2})?)$")
# a community post's poster line: name, account blurb, then the post's date and time ('某某-某某官方账号-
# 一个…的网友，毕业于某大学。2021-07-30 10:26'), the blurb saying it is an account or ending its sentence
_PROFILE_STAMP = re.compile(r"^(?P<who>[^\s:：\d]{1,20}?)[-—|｜·]\S.{0,80}?(?:账号|帐号|认证|粉丝|博主|创作者|领域|[。.！!])\s*"
                            r"(?P<rest>(?:19|20)\d{2}-\d{1,2}-\d{1,2} {1,2}\d{1,2}:\d{2}(?::\d{2})?)$")
# an author's position alone on a line under the headline (an essay's or a commentary's byline)
_AUTHOR_POSITION = re.compile(r"[\u4e00-\u9fff]{4,22}(?:会长|理事长|秘书长|教授|研究员|院长|所长|主任)")
# a CMS account's default name in the author field ('作者：站点管理员', '系统管理员'): no one named
_CMS_ACCOUNT = re.compile(r"(?:站点|网站|系统|超级|后台)?管理员")
_POSTER_STATUS = re.compile(r"(?:在线|离线)\s*[^\s:：，。]{2,20}")  # a forum poster's status and name ('在线某某')
_RELATIVE_TIME = re.compile(r"(?<!\d)\d+\s*(?:年|个月|天|小时|小時|分钟|分鐘)前")
# (a CMS template's default values are no outlet either: '主站站点', '管理员', 'admin')
_NOT_SOURCE = re.compile(r"^(本报|本網|本网|本站|未知|不详|不詳|网络|網絡|互联网|互聯網|原创|原創|转载|轉載|综合|綜合|佚名"
                         r"|现场|現場|其他|其它|默认|默認|自采|自採|原稿"
                         r"|(?:精选|精選|热点|熱點|推荐|推薦|今日|每日|最新)(?:热点|熱點|资讯|資訊|新闻|新聞|推荐|推薦)(?:资讯|資訊)?"  # a farm's column ('稿源：(精选热点资讯)')
                         r"|(?:媒体|媒體|新闻|新聞|即时|即時)?(?:滚动|滾動)(?:新闻|新聞)?"  # a portal's rolling-news column ('来源：媒体滚动')
                         r"|(?:新闻|新聞|资讯|資訊|综合|綜合)(?:门户|門戶)(?:网|網|网站|網站)?"  # a template's generic filler ('来源：新闻门户')
                         r"|网络整理|網絡整理|网络转载|網絡轉載|网络来源|網絡來源|整理|综合整理|綜合整理|网友投稿|網友投稿|网友|網友"
                         r"|(?:本站|本网|本網)(?:原创|原創)"  # ('来源：本站原创'; the site is no outlet named)
                         r"|主站|主站站点|主站站點|站点|站點|网站|網站|(?:站点|站點|网站|網站|系统|系統|超级|超級|后台|後台)?(?:管理员|管理員)|admin|administrator"
                         r"|图/文|圖/文|文/图|文/圖|图文|圖文|文图|文圖|图|圖|文|摄|攝|摄影|攝影|图片|圖片|供图|供圖|供稿|撰稿|编辑|編輯|来稿|來稿"
                         r"|(?:文|图|圖|文图|文圖|图文|圖文)?[/／]?(?:记者|記者|通讯员|通訊員))$", re.I)
_SITE_NAME = re.compile(_WOVEN + r"(网|網|论坛|論壇|频道|頻道|首页|首頁|主页|官网|官網|门户|門戶|之家|在线|在線|棋友会|家园|家園|数据库|資料庫|资料库|电子版|數字報|数字报|网络版)(?:[（(]\d{4}\s*[-—–]\s*\d{4}[)）])?$")
# a forum's board or post tag before a headline: '[海丰]', '【原创】'; a 【column】 label
# ('【抗洪一线党旗红】…') is part of the headline, as readers and editors cite it
# (a board's tag is a word of one to four characters, '[讨论]', '[摄影作品]'; a campaign's slogan, '[夺取双胜利]', is the headline's)
_BOARD_TAG = re.compile(r"^(?:[\[［][^\]］]{1,4}[\]］]|【(?:原创|原創|转帖|轉帖|转载|轉載|分享|求助|讨论|討論|推荐|推薦|置顶|置頂|精华|精華|热帖|熱帖|公告|新人报到)】)\s*(?=\S)")
# (not a series' name ending in '报道': '【某某联合报道】')
_OUTLET_TAG = re.compile(rf"^【(?P<o>[^【】]{{2,12}}?{_OUTLET_END}(?!道)[^【】]{{0,4}})】\s*(?=\S)")
# the outlet a portal's column took the story from, glued before the headline with a colon
# ('新华社客户端：合肥包河：党员群众…' in a 媒体关注 column), or a mirror's copy of an account's
# headline with its name and a bar before it, maybe twice ('某某新闻网|某某新闻网丨全力以赴…'), or the
# outlet in title marks ('《某某网》：…'): the source, not part of the headline
_OUTLET_COLON = re.compile(r"^(?P<b>《)?(?P<o>[\u4e00-\u9fff·]{1,12}?(?:客户端|通讯社|新闻社|新华社|(?<=^[\u4e00-\u9fff]{2})新闻|日报|晚报|早报|时报|晨报|都市报|青年报|导报|法制报|法治报|"
                           r"农民报|科技报|教育报|工人报|妇女报|商报|网|電視台|电视台|广播电视台))(?(b)》)(?:[:：]\s*|\s*[|｜丨]\s*(?:(?P=o)\s*[|｜丨]\s*)?)")
# a column's tag before a headline that opens with its subject and a colon ('【战“疫”进行时】某某村：…')
# (the subject a place, a unit or an outlet: '某某村：', '某某新闻：'; not a person, '某某书记王某：', nor a phrase,
# '村干部在防控一线：'). Only an outlet after the tag takes the tag off the headline (_clean_title): before a place
# or a unit the tag is kept, as readers quote it.
_COLUMN_BEFORE_NAMED = re.compile(r"\s*【[^【】]{2,20}】\s*(?=[^\s【】：:，,。！？]{1,10}(?:村|镇|鎮|乡|鄉|街道|社区|社區|区|區|县|縣|市|州|旗|局|院|校|所|站|委|办|辦|"
                                  r"公司|集团|集團|中心|支部|党委|黨委|新闻|新聞|日报|日報|晚报|晚報|网|網|客户端|客戶端)[：:]\s*\S)")
# a dateline and its reporters alone on the last line ('某某在线讯 全媒体记者 胡 越')
_TRAILING_DATELINE = re.compile(rf"(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})讯\s*(?:全媒体|融媒体|全媒|新媒体)?(?:记者|通讯员)\s*"
                                r"(?P<names>[\u4e00-\u9fff]{1,4}(?:[ \u3000、]{1,2}[\u4e00-\u9fff]{1,4}){0,5})")
# a page widget's words, never a credited name
# (or a comment link: '责任编辑：某某 我来说两句')
_WIDGET_WORDS = re.compile(r"点击|點擊|浏览|瀏覽|下一页|下一頁|上一页|上一頁|打印|关闭|關閉|分享|收藏|我来说两句|我來說兩句|评论|評論|留言|纠错|糾錯|参与讨论|參與討論")
# a content farm's closing line: the headline again in corner brackets, the outlets and the reporter
# ('【HEADLINE】某某晨报、39 度视频采访人员某某某')
_FARM_CLOSING = re.compile(rf"【(?P<t>[^【】]{{4,80}})】\s*(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})(?:[、,，][^、,，【】]{{2,14}}?)*?"
                           r"(?:记者|采访人员)\s?(?P<n>[\u4e00-\u9fff]{2,4}(?:[、\s][\u4e00-\u9fff]{2,4}){0,3})")
# a literary account's page title: its tag, the writer and the headline, maybe in brackets, with its genre
# ('【某某文学】某某：【HEADLINE】（散文）', '【某某文学】某某 | HEADLINE')
_ACCOUNT_PAGE_TITLE = re.compile(r"【(?P<acc>[^【】]{2,10})】\s?(?:(?P<n>[\u4e00-\u9fff]{2,4})\s?[:：|｜]\s?)?【?(?P<t>[^【】()（）]{2,60}?)】?"
                                 r"\s?(?:[（(](?:散文|诗歌|小说|随笔|杂文|诗|词|报告文学|纪实|日记|美文)[)）])?")
# a news agency and its reporters' names without their title ('新华社某某、某某')
_AGENCY_NAMES = re.compile(r"(?P<o>新华社|中新社|中国新闻社)\s?(?P<n>[\u4e00-\u9fff]{2,3}(?:[、，,\s]+[\u4e00-\u9fff]{2,3}){0,3})")
# an outlet's reporters with their roles and names spaced out, nothing else ('某某时刻记者 张某 李某 实习记者 王某 通讯员
# 赵某 某地报道'); the tokens after the title are roles, names and where they reported from
_SPACED_BYLINE = re.compile(rf"(?P<o>[\u4e00-\u9fff·]{{1,12}}?(?:{_OUTLET_END}|网[\u4e00-\u9fff]{{1,3}}?))(?:全媒体|融媒体|全媒|新媒体)?(?:首席)?记者"
                            r"(?P<rest>(?:\s+[\u4e00-\u9fff]{2,6})+)")
# an outlet's '讯' tag before the headline ('某某网库讯：…'; not '喜讯：', '快讯：', '简讯：', which are the headline's words)
_NEWS_TAG = re.compile(r"^(?P<o>[\u4e00-\u9fff]{2,8})(?<![喜快简簡资資通音佳警速捷])(?:讯|訊)\s?[:：]\s*")
# labelled credits after the last sentence of a paragraph ('…占92.5%。 来源:某某 作者:某某')
# (or after a divider a public account's template draws: '…风雨无阻的 巡堤查险人 ////////// 来源:某某融媒体中心 文稿:某某 |')
_GLUED_CREDITS = re.compile(r"(?:(?<=[。！？!?”])|(?<=[/／=*]{6}))\s*(?P<cut>(?:来源|作者|编辑|责任编辑|责编)\s*[:：][^。！？!?]{1,60})$")
_GLUED_SOURCE = re.compile(r"(?<=[。！？!?”])\s*(?P<cut>(?:来源|稿源|信息来源)[:：]?\s*(?P<o>[^\s:：，。（）()]{2,16}))\s*$")
# (maybe after the writer's name in its own brackets: '…力量。（陈某某）（某某日报新疆记者站）')
# (or a unit that supplied the story, '供稿' after its name: '…实效。（区委组织部供稿）')
_BARE_OUTLET = re.compile(r"(?<=[。！？!?”])\s*(?P<cut>(?:[（(](?P<n>[\u4e00-\u9fff]{2,4})[)）]\s*)?[（(]\s*(?P<o>[\u4e00-\u9fff·]{3,16}?)(?:供稿)?\s*[)）])\s*$")
_PRINT_EDITION_IN = re.compile(r"《\s*(?P<o>[^《》\s][^《》]{0,14}?[^《》\s])\s*》\s*[(（]\s*(?P<date>(?:19|20)\d{2}\s*[年-]\s*\d{1,2}\s*[月-]\s*\d{1,2}(?:\s*日)?)\s*(?:(?:第\s*)?\d{1,3}\s*版\s*)?[)）]")
# (white space before a separator is taken from where its run starts, or not at all: see clean.BAR)
_REMOVED_HEAD_DATE = re.compile(
    r"(?:(?P<d>(?:(?:19|20)\d{2}|(?P<yy>[12]\d))-\d{1,2}-\d{1,2} {1,3}\d{1,2}:\d{2}(?::\d{2})?|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})"
    r"(?: {0,3}(?:\d{1,9} ?次?(?:浏览|阅读|点击)|(?:浏览|阅读|点击)(?:次数|量|数)?[:：]? ?(?:\d{1,9}|\[ ?\])|(?:浏览|阅读|点击)(?:次数|量|数)?[:：]|(?P<o>[\u4e00-\u9fff]{2,10}?"
    r"(?:通讯社|新闻社|社|网|台|报|客户端|微博|微信|公众号|新闻|在线|融媒))))?|(?P<d8>(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])))")
_LABELLED_DATE_IN = re.compile(r"(?:" + "|".join(sorted((re.escape(label) for label, role in LABELS.items() if role == "时间"), key=len, reverse=True))
                               + r")\s*[:：]\s*(?P<d>(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2})")
_THREAD_TITLE_MARKS = frozenset(("[复制链接]", "［复制链接］", "【复制链接】", "[複製鏈接]", "[打印本页]", "[列印本頁]"))
_PUBLISHER_OFFICE = re.compile(r"[\u4e00-\u9fff]{2,16}(?:人民政府|政府办公室|融媒体中心|新闻中心|宣传部|组织部|协会|联合会|总工会|妇联|科协|委员会)")
_REPRINT_NOTE = re.compile(r"(?:声明[:：]\s?)?(?:本文)?(?:如需)?转载(?:请|须|务必)?注明(?:来源|出处)(?:于|为|自)?[:：]?\s?[《“]?"
                           r"(?P<o>[\u4e00-\u9fff]{2,12}?(?:日报|晚报|早报|都市报|报|网|电视台|杂志))[》”]?(?:官方)?"
                           r"(?:微信|微博|公众号|客户端|网站)?[。！.]?")
_MEMBER_DATE = re.compile(r"注册|登录|登陆|加入时间|入党|生日|到期")
_SLOGAN_END = re.compile(r"(?:平台|门户|网站|窗口|阵地|媒体|频道|之窗|之声|家园)$")  # a site's slogan ('…信息服务平台')
_BULLET = re.compile(r"[○□●■◆◇★☆◎]\s*")
# an e-paper pads a two-character name to the width of three ('□曾 茂 张某某'): one name
_PADDED_NAME = re.compile(r"(?<![\u4e00-\u9fff])([\u4e00-\u9fff])[ \u3000]([\u4e00-\u9fff])(?![\u4e00-\u9fff])")
# an e-paper's byline after a box, maybe with the writer's age ('□本报记者 某某', '□某某某（72岁）')
_BOXED_BYLINE = re.compile(r"[□■]\s*(?P<n>(?:(?:本报)?(?:记者|通讯员)\s*)?[\u4e00-\u9fff]{2,4}(?:\s+[\u4e00-\u9fff]{2,4}){0,3})\s*(?:[（(]\d{1,3}岁[)）])?")
# (or with its outlet, and what the reporter made: '□某某新闻·某某报记者王某某文图')
_BOXED_OUTLET_BYLINE = re.compile(rf"[□■]\s*(?P<o>(?:[\u4e00-\u9fff]{{2,10}}?{_OUTLET_END}·)?[\u4e00-\u9fff]{{2,10}}?{_OUTLET_END})"
                                  r"(?:全媒体|融媒体|全媒|新媒体)?(?:首席|特约)?记者\s*(?P<n>[\u4e00-\u9fff]{2,4}(?: [\u4e00-\u9fff]{2,4}){0,3}?)"
                                  r"\s*(?:文图|图文|文/图|摄影|摄|文)?")
# an editor's note in brackets on where the text comes from ('【本文来自《某某》评论区，标题为小编添加】')
_EDITOR_NOTE = re.compile(r"[【\[](?:本文|编者|编辑)[^【】\[\]]{4,80}[】\]]")
_GLUED_DIGITS = re.compile(r"\d{1,7}(?=[\u4e00-\u9fff])")
_SOURCE_WIDGETS = re.compile(r"(?<!\s)\s+(?=(?:原文链接|原文鏈接|阅读原文|閱讀原文|查看原文|评论|評論|分享|收藏|打印|列印|字号|字號|(?:选择|選擇)?(?:阅读|閱讀)?字[号號])(?:\s*\d{1,7}\s*条?)?[:：]?(?:\s|$))")
# a print or close button in brackets glued to the end of a field ('某某新闻网【打印本稿】')
_PRINT_BUTTON = re.compile(r"[【\[](?:打印本稿|打印本页|打印本頁|打印|列印|关闭|關閉|收藏|纠错|糾錯)[】\]]?$")
# the issue a magazine story appeared in ('发于2021.1.25总第982期《某某周刊》')
_MAGAZINE_ISSUE = re.compile(r"\s*(?:发于|刊于|原载于?)\s*(?P<date>(?:19|20)\d{2}[.\-/年]\d{1,2}[.\-/月]\d{1,2}日?)\s*(?:总第\s*\d{1,5}\s*期\s*)?"
                             r"《\s*(?P<o>[^《》\s]{2,16})\s*》\s*")
# a picture's number beside the headline ('… - 1', '(2)…')
# (or the number glued to the headline's last word, a picture's alt text: '…救助工作1')
_PICTURE_INDEX = re.compile(r"\s[-–]\s?\d{1,2}\s*$|[（(]\d{1,2}[)）]|(?<=[\u4e00-\u9fff”」])\d{1,2}\s*$")
# a slogan of four-character phrases ('抗击疫情 人人有责', '众志成城，共克时艰！')
# a headline of two phrases set off by one space, eleven characters or more ('设立某某义站 织密家门口防护网')
# (or one of four beside a longer one: '戴上党徽 提醒村民有困难找党员')
_SPACED_HEADLINE = re.compile(r"(?=\S{4,16} \S{4,16}$)(?=.{12,})[^\s，,。！？!?：:；;]{4,16} [^\s，,。！？!?：:；;]{4,16}")
_SLOGAN = re.compile(r"[\u4e00-\u9fff]{4}(?:[ \u3000，,]+[\u4e00-\u9fff]{4}){1,3}[！!]?")
_LIST_MARK = re.compile(r"[-*+•·]\s+(?=\S)")  # a Markdown or plain list item's mark
# an info line led by a bullet and a short label ('●队伍：某某选派的10名党员', '●地点：…'): a fact box, text
_BULLET_INFO = re.compile(r"[○□●■◆◇★☆◎]\s*[\u4e00-\u9fff]{2,4}[:：]")
_SECTION_NUMBER = re.compile(r"\s*(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[)）]|\d{1,2}、"
                             r"|(?:引言|前言|结语|结束语|正文)\s*[:：])")  # (or an essay's part label: '引言：…')
_TITLE_SEPARATORS = re.compile(r"(?:(?<!\s)\s*|(?<=\s))(?:[|｜_]|\s-\s|\s—\s|(?<=[\u4e00-\u9fff”」])-(?=[\u4e00-\u9fff]{1,8}[A-Za-z]{2,}))\s*")


# a page title's tail after the headline: a separator and a site's or a column's name ('_某某网',
# ' - 每日快讯（日常热点指南）'), no sentence inside
# (no white space before the separator in the pattern, and a bounded run after it: tried from
# every separator of a long line, each try stops within 33 characters)
_SITE_TAIL = re.compile(r"(?:[_|｜]|(?<=\s)[-–—](?=\s)|(?<=[\u4e00-\u9fff”」])-(?=[A-Za-z]))\s{0,3}[^_|｜，。！？,!?\s][^_|｜，。！？,!?]{1,29}$")


def _with_site_tails(line: str, title: str) -> bool:
    """Whether a line is the headline (or the headline without its column, '焦点访谈丨') followed by one
    to three site or column names or spam keywords, each after a separator (a browser's page title
    printed above the page)."""
    head = _han(title)
    for _ in range(3):
        tail = _SITE_TAIL.search(line)
        if not tail:
            return False
        line = line[: tail.start()].rstrip()
        rest = _han(line)
        if rest == head or (len(rest) >= 8 and rest in head):
            return True
    return False


def _simplified_aligned(line: str) -> str:
    simplified = to_hans(line)
    return simplified if len(simplified) == len(line) else line


def _han(text: str) -> str:
    return "".join(re.findall(r"[\u3400-\u9fff]", to_hans(text or "")))


def is_person_name(text: str) -> bool:
    text = to_hans(text.strip().lstrip("•·-").strip())
    return 2 <= len(text) <= 4 and text[0] in _SURNAMES and all("\u4e00" <= c <= "\u9fff" for c in text)


def _is_place_label(line: str) -> bool:
    """A line that is only the name of a province or a city (full or short), as a local portal prints
    its place above the page ('温州')."""
    from build_tools import gazetteer  # (the region stage's table: loaded once per process)

    table = gazetteer.default()
    name = to_hans(line.strip())
    return any(d.level in ("province", "city") for d in table.full.get(name, []) + table.short.get(name, []))


# a dateline whose outlet has a name of its own ('某某时刻常德2月3日讯（通讯员 某某）'): what comes before a
# place's name (see _dateline_outlet)
_DATELINE_PLACE = re.compile(r"^(?P<pre>[\u4e00-\u9fff]{3,14}?)\d{1,2}月\d{1,2}日\s*(?:讯|电)\s*[（(][^()（）]{0,12}(?:记者|通讯员)")


def _opens_with_dateline(line: str) -> bool:
    """Whether a line opens with a dated dateline ('某某网2月18日讯（记者 某某）…'): a story's lead."""
    simple = to_hans(line)
    app = _APP_PREFIX.match(simple)  # (after an app's name: '某某网客户端—某某网消息')
    simple = simple[app.end():] if app else simple
    return any(pattern.match(simple) for pattern in _DATELINES[:3])


def _dateline_outlet(line: str) -> tuple[int, int] | None:
    """Where the outlet is in a dateline that names a place before its date and a reporter after it,
    when the outlet's name ends in no outlet word ('红网时刻常德2月3日讯（通讯员 某某）'): the two to eight
    characters before a province's, city's or county's name; never '本报' and the like."""
    from build_tools import gazetteer  # (the region stage's table: loaded once per process)

    simple = to_hans(line)
    match = _DATELINE_PLACE.match(simple)
    if not match:
        return None
    table = gazetteer.default()
    pre = match["pre"]
    for cut in range(2, min(len(pre) - 1, 8) + 1):
        outlet, place = pre[:cut], pre[cut:]
        if (place in table.full or place in table.short) \
                and not any(outlet[i:] in table.full or outlet[i:] in table.short for i in range(len(outlet) - 1)) \
                and not outlet.startswith(("本", "我", "今日", "昨日", "近日")):
            return 0, cut
    return None


# an app's or a channel's name and '报道：' opening the story ('云上某州报道：在疫情防控工作中…'): an
# outlet when its name holds a place's name (_names_place), never '据报道：' or '记者报道：'
_PLACE_OUTLET_REPORT = re.compile(r"^(?P<o>[\u4e00-\u9fff]{3,8}?)(?:报道|報道)[:：]")


def _place_pair(token: str) -> bool:
    """Whether a token is a place's name and one of its counties' or cities' after it, nothing else
    ('上海普陀', '江苏盐城'): an official account's name, as a WeChat mirror prints it by the date."""
    from build_tools import gazetteer  # (the region stage's table: loaded once per process)

    table = gazetteer.default()
    if not 4 <= len(token) <= 8 or not re.fullmatch(r"[\u4e00-\u9fff]+", token):
        return False
    for cut in range(2, len(token) - 1):
        upper = [d for d in table.full.get(token[:cut], []) + table.short.get(token[:cut], []) if d.level in ("province", "city")]
        lower = table.full.get(token[cut:], []) + table.short.get(token[cut:], [])
        if any(d.level in ("city", "county") and up.code in (d.province, d.city) for up in upper for d in lower):
            return True
    return False


def _names_place(outlet: str) -> bool:
    """Whether a would-be outlet's name holds the name of a province, city or county after at most
    two characters of its own ('云上某州', '掌上某县'), and is no reporter's or 'this paper's' credit."""
    from build_tools import gazetteer  # (the region stage's table: loaded once per process)

    if re.search(r"记者|通讯员|本报|本网|本台|我台|据|综合|专题|特别|深度|相关|新闻", outlet):
        return False
    table = gazetteer.default()
    return any(d.level in ("province", "city", "county")
               for start in range(0, min(3, len(outlet) - 1)) for end in range(start + 2, len(outlet) + 1)
               for d in table.full.get(outlet[start:end], []) + table.short.get(outlet[start:end], []))


def is_credit_name(text: str) -> bool:
    """A name where a credit puts one (after 记者 or 通讯员 in a byline, alone in brackets after the last
    sentence): a common surname, or three characters led by any surname of name_context.yml
    ('佘某某', '那某某', '宗某某'; a rarer surname alone is too often a word's first character)."""
    text = to_hans(text.strip())
    return is_person_name(text) or (len(text) == 3 and all("\u4e00" <= c <= "\u9fff" for c in text) and is_surname(text[0]))


def is_paragraph(line: str) -> bool:
    """A line of running text rather than a heading, title or label. A headline may end with
    '！', '？' or '……' but has no clause inside that ends with a comma or a full stop."""
    if len(line) >= 60:
        return True
    if len(line) < 8 or not _SENTENCE_END.search(line):
        return bool(re.search(r"[（(][^()（）]{0,16}摄[)）]?$", line)) and len(line) >= 20  # a photo caption
    if line.rstrip("'”’」』）)").endswith(("。", ".")):
        return True
    clauses = _CLAUSE.findall(line[:-1])
    if len(line) <= 40 and re.search(r"[^—]——[^—]", line) and line.rstrip("”’」』").endswith(("！", "？", "!", "?")) \
            and not re.search(r"[。；;]", line):
        return False  # a headline and its deck joined by '——', exclaimed ('…：抗疫情，国企担当——某公司在行动！')
    if clauses == ["："] and len(line) <= 40 and line.rstrip("”’」』").endswith(("？", "！", "?", "!")) \
            and not re.search(r"(?:说|說|道|问|問|讲|講|表示|称|稱)：", line):
        return False  # a headline's topic and its question ('记者直击：封闭管理后 社区如何保供给？'), no speech
    return bool(clauses)


def parse_date(text: str) -> str | None:
    """The first valid date in ``text``, as YYYY-MM-DD (an impossible day such as 2月30日 is none)."""
    return dates.iso(dates.parse(text))


# a compiler's field of a reposting site ('作者/整理：某某 来源：互联网 2020-02-13'): the author's label
_COMPOUND_LABEL = re.compile(r"(?<![\u4e00-\u9fff])作者[/／](?:整理|编辑|編輯)(?=\s*[:：])")


def _unspace_labels(line: str) -> str:
    """'索 引 号:' -> '索引号:' (labels spaced out for layout); '作者/整理:' -> '作者:'."""
    return _COMPOUND_LABEL.sub("作者", _SPACED_LABEL.sub(lambda m: re.sub(r"[ \u3000]+", "", m.group(1)), line))


_ISSUE_PAGE = re.compile(r"(?=第)(?:第\s*\d{1,5}\s*期\s*(?:[:：]\s*)?)?(?:第\s*[A-Za-z]?\d{1,3}\s*版(?:\s*(?:[:：]\s*)?[\u4e00-\u9fff]{1,8})?)?")


# labels whose value a template may print on the next line, alone ('来源:' / '某某网')
# ('-': page metadata, its value dropped with it: '地址：' / '某省某市某路78号')
_VALUE_BELOW_ROLES = ("来源", "作者", "记者", "通讯员", "撰稿", "执笔", "编辑", "责任编辑", "摄影", "-")


def parse_labelled(line: str) -> list[tuple[str, str]] | None:
    """Split a metadata line into (role, value) pairs; None when it is not a metadata line.
    A date or a poster name before the first label is kept ('2020-02-06 14:44 来源: 新华网')."""
    line = _unspace_labels(line)
    # (a field in corner brackets, alone on its line: '「本文来源：某某网客户端」')
    line = re.sub(r"^\s*[「『]([^「」『』]{2,40})[」』]\s*$", r"\1", line)
    # (who wrote and who took the pictures, one credit: '文、图/某某晚报记者某某' is '图文/…')
    line = re.sub(r"^(\s*)文[、，,]\s*(?:图|圖)(?=\s*[/／])", r"\1图文", line)
    simplified = _simplified_aligned(line)
    # (an English label counts only right before a colon: 'from the…' in a sentence is no label)
    matches = [m for m in _LABEL.finditer(simplified)
               if not m["label"].isascii() or re.match(r"[ \t]*[:：]", simplified[m.end("label"):])]
    if not matches:
        return None
    prefix = re.sub(r"[\[【][^\]】]{1,8}[\]】]", " ", simplified[: matches[0].start()]).strip(" （(|｜•·[【▌▍▎■●◆▶►")
    if re.fullmatch(r"[^()（）]*[)）]", prefix) and re.match(r"\s*[（(]", simplified):
        prefix = prefix[:-1].rstrip()  # a date in brackets before the labels ('(2021/8/5 20:25:01)  来源:…')
    prefix = re.sub(r"^(?:字号|字体)\s*(?:[:：]\s*)?(?:[+\-＋－]|[大中小](?:\s*[大中小]){1,2})", "", prefix).strip()  # a font-size widget glued before the labels
    prefix = re.sub(r"(?:标签|关键词|关键字|Tags?)\s*[:：]$", "", prefix, flags=re.I).strip()  # an empty tags field ('2020-03-23 标签： 来源：…')
    # an empty or counted views field after the date ('2020-02-08 浏览( 来源:', '2020-02-08 浏览(125) 来源:')
    prefix = re.sub(r"(?:浏览|阅读|点击)(?:量|数|次数|数量)?\s?[(（:：]?\s?\d{0,9}\s?[)）]?$", "", prefix).strip()
    # a mirror's own address glued to the date ('http://example.com?2021-09-22 10:47:38 某某')
    prefix = re.sub(r"(?:https?://|www\.)[^\s?#]*[?#/]?(?=(?:19|20)\d{2}[-/.年])|(?:https?://|www\.)\S+", " ", prefix).strip()
    pairs: list[tuple[str, str]] = []
    picture = False  # '图片来源：…' names where a picture comes from, not the article
    if prefix:
        date = _DATE.search(prefix)
        # the names as the capture writes them (the simplified line is aligned with it)
        original = line[: matches[0].start()] if len(simplified) == len(line) else simplified[: matches[0].start()]
        original = re.sub(r"(?:https?://|www\.)[^\s?#]*[?#/]?(?=(?:19|20)\d{2}[-/.年])|(?:https?://|www\.)\S+|[\[【][^\]】]{1,8}[\]】]",
                          " ", original)
        names = _DATE.sub(" ", original).strip(" （(|｜•·[【").split() if date else []
        short_year = re.fullmatch(r"(?P<y>[12]\d)-(?P<m>\d{1,2})-(?P<d>\d{1,2})\s+\d{1,2}[:：]\d{2}(?:[:：]\d{2})?", prefix)
        if short_year and not date:
            pairs.append(("时间", "20" + prefix))  # a two-digit year with its time ('22-05-02 10:50 来源：…')
        elif date and not re.sub(r"[\d\s:：\-/.年月日?？星期一二三四五六天]", "", _DATE.sub("", prefix)):
            pairs.append(("时间", prefix))
        elif date and names and all(is_person_name(n) for n in names):
            pairs.append(("时间", date.group(0)))  # a date and the authors before the labels
            pairs.append(("作者", "、".join(names)))
        elif date and date.start() == 0 and re.fullmatch(r"\s*(?:\d{1,2}:\d{2}(?::\d{2})?\s+)?(?:\d{1,7}\s+)?[\u4e00-\u9fff]{2,8}(?:\s+[\u4e00-\u9fff]{2,8})?\s*",
                                                    prefix[date.end():]):
            pairs.append(("时间", date.group(0)))  # the date, a views count and the column before the labels ('2020-08-03 0 新闻公告 来源：…')
        elif len(prefix) <= 4 and re.fullmatch(r"[\u4e00-\u9fff]+", prefix) and simplified[matches[0].end() - 1] in ":：":
            picture = prefix in _PICTURE_QUALIFIERS  # a qualifier glued to the label: '幻灯片作者:', '图片来源:'
        elif not date and 1 <= len(spaced := _join_spaced_names(tuple(prefix.split()))) <= 3 and all(is_person_name(n) for n in spaced):
            pairs.append(("作者", "、".join(spaced)))  # the author before the labels, maybe spaced out ('朱 磊 发布时间：…')
        elif re.fullmatch(r"[\u4e00-\u9fff]{2,8}(?:\s+[\u4e00-\u9fff]{2,8}){0,2}", prefix) and _DATE.search(simplified[matches[0].start():]):
            # a column and the outlet before the labels of a dated line ('社会新闻 封面新闻 作者：某某 2020-08-19')
            # (or a site's name set off by a dot: '某某网 · 通讯员某某 | 发布时间…')
            outlet = prefix.split()[-1]
            # (or a trade paper glued to the first label: '某某电网报发布时间:…'; or the company whose site it is,
            # '某某电网公司发布时间:…')
            if re.fullmatch(rf"[\u4e00-\u9fff]{{2,8}}?{_OUTLET_BARE_END}|[\u4e00-\u9fff]{{1,8}}网|[\u4e00-\u9fff]{{3,8}}(?<![汇通情简快喜捷])报"
                            r"|[\u4e00-\u9fff]{2,8}(?:公司|集团)", outlet):
                pairs.append(("来源", line[: matches[0].start()].strip(" ·•|｜").split()[-1] if len(simplified) == len(line) else outlet))
        elif re.search(r"[|｜]\s*$", simplified[: matches[0].start()]) and len(prefix) <= 16 and not _CLAUSE.search(prefix) \
                and (len(matches) >= 2 or _DATE.search(simplified[matches[0].start():])):
            pass  # a column's name before the labels, set off by '|' ('某某一线|来源:某某网2020-03-05 11:01|网络编辑:某某')
        elif len(matches) == 1 and LABELS[matches[0]["label"]] in ("记者", "编辑") and re.fullmatch(rf"[\u4e00-\u9fff]{{2,8}}?{_OUTLET_BARE_END}|[\u4e00-\u9fff]{{1,8}}[报网台社]", prefix) \
                and re.match(r"\s?[|｜丨]", simplified[matches[0].end("label"):]):
            if LABELS[matches[0]["label"]] == "记者":
                pairs.append(("来源", line[: matches[0].start()].strip() if len(simplified) == len(line) else prefix))
            # (the outlet before its reporter's or editor's title: '某某新闻记者 | 某某', '某某新闻编辑 | 某某')
        elif editor := _OUTLET_EDITOR.fullmatch(prefix):
            # the outlet's editor, the title glued to the outlet's name, before the other labels
            # ('（某某在线编辑 张某某 通讯员：王某某）'); the name as the capture writes it
            written = _OUTLET_EDITOR.search(simplified, 0, matches[0].start()) if len(simplified) == len(line) else None
            pairs.append(("编辑", line[written.start("n"): written.end("n")] if written else editor["n"]))
        elif date and re.fullmatch(r"[\u4e00-\u9fff]{2,12}(?:网站|网)", _DATE.sub(" ", prefix).strip()):
            pairs.append(("时间", date.group(0)))  # the site's name, its address taken out, and the date ('某某门户网站 www.… 2010年07月28日 来源:…')
        elif _ISSUE_PAGE.fullmatch(prefix) or re.fullmatch(r"版次\s*[:：]\s*[A-Za-z]?\d{1,3}", prefix):
            pass  # an e-paper's issue and page before the labels ('第2205期：第03版 本期出版日期：2020-03-12', '版次：09 作者：…')
        elif not re.fullmatch(r"[\d\s:：\-/年月日]*", prefix):
            return None  # text before the first label: a sentence that mentions a label word
    if to_hans(matches[0]["label"]) == "记者" and (re.search(r"[？?]", line[matches[0].end():])
                                                   or len(matches) == 1 and re.search(r"[。！!]$", line.rstrip()) and len(_han(line[matches[0].end():])) >= 5):
        return None  # an interviewer's question or words in a transcript ('记者：他们当时紧张吗？', '记者：她要从这儿过去。'), no byline
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(line)
        value, *rest = BAR.split(line[match.end():end])
        value = _GLUED_COUNTER.sub("", value)
        role = "摄影" if picture and index == 0 and LABELS[match["label"]] in ("来源", "作者") else LABELS[match["label"]]
        if role == "作者" and parse_date(value.strip()) and _DATE.fullmatch(value.strip()):
            role = "时间"  # a date in an e-paper's mislabelled author field ('作者：2020年06月19日')
        pairs.append((role, value.strip(" ；;，,）)]】[【（(")))  # (brackets around fields: '[来源:某某网] [作者:某某]')
        for segment in rest:  # unlabelled segments after '|': a date is kept, counters are not
            if _DATE.search(segment):
                pairs.append(("时间", segment))
            origin = re.fullmatch(r"\s*(?:来自|來自)\s*[:：]\s*(?P<o>[^\s:：|｜]{2,20})\s*", segment)
            if origin:  # (a portal's '…|来自: 某某日报' segment: the source; a forum's '来自江苏' has no colon)
                pairs.append(("来源", origin["o"]))
    return pairs


# an outlet's editor, the title glued to the outlet's name ('某某在线编辑 张某某')
_OUTLET_EDITOR = re.compile(rf"(?P<o>[\u4e00-\u9fff]{{2,8}}?(?:{_OUTLET_END}|在线))编辑\s*(?P<n>[\u4e00-\u9fff□?？]{{2,4}})")


def _join_spaced_names(names: tuple[str, ...]) -> list[str]:
    """E-papers space out two-character names ('王 洋 李小军'): join single characters in pairs."""
    out: list[str] = []
    index = 0
    while index < len(names):
        if len(names[index]) == 1 and index + 1 < len(names) and len(names[index + 1]) == 1:
            out.append(names[index] + names[index + 1])
            index += 2
        else:
            out.append(names[index])
            index += 1
    return out


def _reporter_names(credit: str) -> list[str]:
    """The people a reporters' credit names ('记者 王某 李某', '通讯员 王某 某某导报记者 李某 文/图'):
    role words, an outlet before its reporter and a picture credit are not names."""
    credit = re.sub(r"(?:文/图|图/文|文图|图文|摄影|摄|报道)\s*$", " ", credit)
    # (what each made, before the names: '文/记者 赵某 图/记者 陈某')
    credit = re.sub(r"(?:文|图|圖|视频|視頻)\s*[/／]", " ", credit)
    # an editor named among them is no reporter ('（编辑 张某某 通讯员 李某 程某某）')
    credit = re.sub(r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編)[:：]?\s*(?:[\u4e00-\u9fff]{2,4}[\s、，,]*){1,3}?"
                    r"(?=记者|記者|通讯员|通訊員|实习生|實習生|$)", " ", credit)
    # (the role's colon goes with it: '记者:王某、孙某')
    credit = re.sub(r"(?:记者|記者|通讯员|通訊員|实习生|實習生|采访人员|採訪人員|全媒体|融媒体|全媒|新媒体)\s*[:：]?", " ", credit)
    names = _join_spaced_names(split_names(credit))
    listed = _listed_names(names)
    return [name for name in names if (is_credit_name(name) or name in listed)
            and not re.search(_OUTLET_END + "$", to_hans(name)) and not _ORG.search(to_hans(name))]  # (not '某某报记者')


def _byline_parts(line: str, match: re.Match[str]) -> tuple[list[str], int]:
    """The correspondents an outlet's byline names before the outlet ('王某 沈某某 某某星报记者 张某'),
    and where the rest of the line starts: after the outlet and a second one joined to it by '、'
    ('某某星报、某某网记者 …'). ``match`` is _OUTLET_BYLINE's on the line in Simplified, whose
    positions are the line's (OpenCC maps character to character here)."""
    names = line[match.start("pre"): match.end("pre")].split() if match["pre"] else []
    second = re.match(rf"、[\u4e00-\u9fff]{{2,10}}?{_OUTLET_END}", to_hans(line[match.end("o"):]))
    return names, match.end("o") + (second.end() if second else 0)


def _listed_names(names: list[str] | tuple[str, ...]) -> set[str]:
    """The items of a byline's list of names that are names by their place in it: in a list that holds
    a common name, two or three characters led by a rarer surname ('胡某、连某、吴某某': 连某)."""
    if len(names) < 2 or not any(is_person_name(n) for n in names):
        return set()
    return {n for n in names if 2 <= len(n) <= 3 and all("\u4e00" <= c <= "\u9fff" for c in n) and is_surname(to_hans(n)[0])}


def _photo_credit(line: str) -> list[str] | None:
    """The photographers a picture's credit line names ('本报记者 王某摄', '李某某摄(某某视觉)'); None
    for any other line."""
    match = _PHOTO_CREDIT.fullmatch(re.sub(r"\s+", " ", to_hans(line.strip()))) if len(line) <= 40 else None
    if match and match["pre"] and re.search(r"记者|通讯员", match.group(0)):
        return None  # ('图/某某晚报记者 某某' under a headline: a byline with its role, read as one)
    names = _join_spaced_names(split_names(match["n"])) if match else []
    if len(names) >= 2 and _ORG.search(names[0]):
        names = names[1:]  # the photographer's unit before the name ('（某某医院 某某 /图')
    return names if names and all(is_person_name(n) for n in names) else None


def _bare_names(line: str) -> list[str]:
    """One to three people's names alone on a line ('某某某', '某某、某某某'), or nothing: a writer's
    signature, or a label's value the page broke onto the line below it."""
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,3}(?:[ \u3000、，,]+[\u4e00-\u9fff]{2,3}){0,2}", line.strip()):
        return []
    names = split_names(line.strip())
    return names if all(is_person_name(n) for n in names) else []


def _run_on_photo(line: str) -> tuple[int, list[str]] | None:
    """A photographers' credit after the last sentence of a line ('…封闭管理工作。 某某某 本报记者 某某 某某摄',
    '…工作。本报记者某某摄'): where it starts and the names, the reporters' titles left out; None for
    anything else. Names glued together are split only where a run of six characters is two names
    of three."""
    match = _RUN_ON_PHOTO.search(line)
    if not match:
        return None
    names: list[str] = []
    for part in _PHOTO_ROLES.split(to_hans(match["c"])):
        for name in part.split():
            if is_credit_name(name):
                names.append(name)
            elif len(name) == 6 and is_credit_name(name[:3]) and is_credit_name(name[3:]):
                names += [name[:3], name[3:]]
            else:
                return None
    return (match.start("c"), names) if names else None


def _filed_byline(simple: str) -> str | None:
    """The reporter of a byline written without spaces, the place it was filed from glued after the
    name ('本报记者某某某晋中报道'): the name, where the rest before '报道' is empty or a place the
    gazetteer knows; None for anything else."""
    match = _FILED_BYLINE.fullmatch(simple.strip()) if len(simple) <= 24 else None
    if not match:
        return None
    from build_tools import gazetteer  # (the region stage's table: loaded once per process)

    run = match["r"]
    for length in (2, 3, 4):
        name, place = run[:length], run[length:]
        if is_credit_name(name) and (not place or gazetteer.default().lookup(place)):
            return name
    return None


def split_names(value: str) -> tuple[str, ...]:
    return tuple(name for name in _NAME_SPLIT.split(value.strip(" （()）")) if name)


def _unlabelled_meta(line: str) -> tuple[str | None, list[str]] | None:
    """A header line with a date and nothing but short names or an address
    ('2022-04-25 10:35:53 黄建章 何青', 'http://www.example.hk 2020-08-05 09:28:37'):
    returns (date, names); None for anything else."""
    match = _DATE.search(line)
    if not match:
        # (a day and time without the year, then the publishing office: '08-12 15:09   中共某某县委组织部')
        # (or after a media app's mark: '©原创 02-14 13:58 某某县融媒体中心')
        office = re.fullmatch(r"\s*(?:©\s*原[创創]\s+)?\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?\s+(?P<o>[\u4e00-\u9fff]{4,20})\s*", line)
        return (None, []) if office and _PUBLISHER_OFFICE.fullmatch(to_hans(office["o"])) else None
    # (a bare number after the date is its view counter: '某栏 2021-08-03 10:30 56185'; so is one before it
    # beside an unknown author: '0 不详 2020年02月24日')
    before = line[: match.start()]
    if re.search(r"(?<!\S)(?:不详|不詳|佚名|未知)(?!\S)", before):
        before = re.sub(r"(?<!\S)\d{1,7}(?!\S)", " ", before)
    after = _unglue_counter(line)[match.end():]
    rest = (before + " " + re.sub(r"(?<!\S)\d{1,7}(?!\S)", " ", after))
    rest = re.sub(r"(https?://|www\.)\S+|[?？•·|｜]|(?:星期|周)[一二三四五六日天]|(?<!\S)[-–—](?!\S)", " ", rest)  # (or a dash between: '… 08:35:18 - 某某发布')
    rest = re.sub(r"©|原创|原創|发布于\S{1,6}|發佈於\S{1,6}|(?:阅读|閱讀|浏览|瀏覽|点击|點擊)(?:数|數|量|次数)?[:：]?\s*\d*", " ", rest)
    rest = re.sub(r"(?<!\d)\d{1,2}[时時点點]\d{1,2}分(?:\d{1,2}秒)?", " ", rest)  # (the time in words: '17时29分')
    # (a reporter's title with the outlet's name is no name: '2022-04-26 18:40:08 某某新闻Knews记者 王某某 李某某')
    tokens = [n for t in rest.split() if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z]{0,16}(?:记者|記者|通讯员|通訊員)", t)
              for n in (_glued_names(t) or [t])]
    orgs = [t for t in tokens if 5 <= len(t) <= 20 and (_ORG.search(to_hans(t)) or _outlet_token(t)) and re.fullmatch(r"\d{0,3}[\u4e00-\u9fff]+", t)
            or _ACCOUNT_TOKEN.fullmatch(to_hans(t)) or _SITE_DASH_PAPER.fullmatch(to_hans(t))]
    if len(tokens) > 4 or len(orgs) > 1 or not all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", t) or t in orgs for t in tokens):
        # (or one word in the source's slot before a date and its time: '某某娱乐场 2020-02-06 23:17:46',
        # a spam mirror's name put in the outlet's place)
        time = re.fullmatch(r"\s*\d{1,2}:\d{2}(?::\d{2})?\s*", line[match.end():]) or (
            not line[match.end():].strip() and re.search(r"\d{1,2}:\d{2}", match.group()))
        # (or a date with its clock among a few short words, a content farm's category tags or its outlets joined
        # by a dash: '360影视 动漫周边 2025-08-08 09:38 1', 'http://… 2005年07月13日08:43 红网-湖南日报'; a
        # headline never tells the time)
        clock = re.search(r"\d{1,2}:\d{2}", match.group()) or re.match(r"\s*\d{1,2}:\d{2}", line[match.end():])
        # (or a date in figures first and an account's name after it: '2020-02-22   某某在行动', a video page's poster; a
        # headline never opens with its date)
        account = len(tokens) == 1 and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", tokens[0]) and not before.strip() \
            and line.rstrip().endswith(" " + tokens[0]) and re.match(r"\s*(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}\s", line)
        if not (len(tokens) == 1 and re.fullmatch(r"[\u4e00-\u9fff]{2,12}", tokens[0]) and line.lstrip().startswith(tokens[0]) and time) \
                and not account \
                and not (clock and len(tokens) <= 3 and all(re.fullmatch(r"[\u4e00-\u9fff\dA-Za-z]{1,10}(?:[-－][\u4e00-\u9fff]{2,10})?", t)
                                                            for t in tokens)):
            return None
    names = [t for t in tokens if is_person_name(t) and not _is_site(t)]
    if names and re.search(r"(?:记者|記者|通讯员|通訊員)\s", line):
        # (after a reporter's title every short name is a reporter's, rare surname or not: '…记者 陈某某 师某某')
        names = [t for t in tokens if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", t) and not _is_site(t) and t not in orgs]
    return parse_date(line[match.start():match.end()]), names


# a site and its paper joined by a dash, as one token of a metadata line ('某某零距离网-某某日报')
_SITE_DASH_PAPER = re.compile(rf"[\u4e00-\u9fff]{{2,12}}?{_OUTLET_END}[-－—][\u4e00-\u9fff]{{2,12}}?{_OUTLET_END}")
# a public account named beside the day ('某某总台《某某之声》微信公众号 | 2021年07月22日 19:49')
_ACCOUNT_TOKEN = re.compile(r"(?P<o>[\u4e00-\u9fff]{0,12}《[\u4e00-\u9fff]{2,12}》|[\u4e00-\u9fff]{2,16}?)(?:微信)?公众号")


def _unglue_counter(line: str) -> str:
    """The line with a view counter glued to its date's time set apart ('2020-02-04 16:550项城网' ->
    '2020-02-04 16:55 项城网'); never the digits of a name before the date ('21世纪经济报道2021-07-23')."""
    stamp = _DATE.search(line)
    glued = _GLUED_DIGITS.match(line, stamp.end()) if stamp and re.search(r":\d{2}$", stamp.group()) else None
    return line[:glued.start()] + " " + line[glued.end():] if glued else line


def _is_site(token: str) -> bool:
    """A name-like token that is a website or paper ('岳阳网', '某某日报'), not a person."""
    return bool(re.search(rf"(?:网|{_OUTLET_BARE_END}|{_PORTAL_END})$", to_hans(token)))


def _glued_names(token: str) -> list[str] | None:
    """Two or three names written without a space ('张玉美张国祥'): each piece two or three
    characters starting with a surname, three-character pieces preferred; None when the run
    does not split so."""
    if not 4 <= len(token) <= 12 or not re.fullmatch(r"[\u4e00-\u9fff]+", token):
        return None
    for size in (3, 2):
        if len(token) % size == 0 and 2 <= len(token) // size <= 3:
            pieces = [token[i: i + size] for i in range(0, len(token), size)]
            if all(is_person_name(p) for p in pieces):
                return pieces
    return None


def _outlet_token(token: str) -> str | None:
    """The outlet in a token that names one, maybe followed by an edition's place
    ('每日经济新闻', '现代快报南京' -> '现代快报'): the name up to its outlet ending."""
    match = re.fullmatch(rf"(?P<o>\d{{0,3}}[\u4e00-\u9fff]{{2,10}}?(?:{_OUTLET_BARE_END}|报|网|台))[\u4e00-\u9fff]{{0,2}}", to_hans(token))
    return token[: match.end("o")] if match else None


# a WeChat article's header as mirrors copy it: the writer, the account, the day ('某某 某某生活周刊 2022-01-19',
# '原创 某某 某某日报 2021-07-21'); and a poster's handle, the day and a view counter under a thread's title
# ('abc926 2021-10-13 517')
_ACCOUNT_HEADER = re.compile(r"\s*(?:(?P<orig>原创|原創)\s+)?(?P<who>[\u4e00-\u9fff]{2,4})\s+(?P<acc>[\u4e00-\u9fffA-Za-z0-9]{2,16})\s+"
                             r"(?P<d>(?:19|20)\d{2}-\d{2}-\d{2})(?:\s+\d{1,2}:\d{2})?\s*")
# a WeChat article's stamp since 2022: the account, the day and the province of the poster's address
# ('某某市摄影家协会 2022-07-18 16:29 发表于广东'), over the story or after its opening paragraphs
_WECHAT_STAMP = re.compile(r"\s*(?P<acc>[\u4e00-\u9fffA-Za-z0-9]{2,20})\s+(?P<d>(?:19|20)\d{2}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2})?"
                           r"\s+发表于[\u4e00-\u9fff]{2,8}\s*")
# a blog platform's poster handle alone under the headline ('@某某有约')
_AT_HANDLE = re.compile(r"\s*[@＠](?P<who>[\u4e00-\u9fffA-Za-z0-9_·]{2,20})\s*")
_HANDLE_STAMP = re.compile(r"\s*(?P<who>[A-Za-z][A-Za-z0-9_]{2,19})\s+(?P<d>(?:19|20)\d{2}-\d{1,2}-\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?(?:\s+\d{1,7})?\s*")


def _account_header(line: str) -> re.Match[str] | None:
    """A WeChat header (_ACCOUNT_HEADER) whose writer is a name, or that opens with '原创'."""
    match = _ACCOUNT_HEADER.fullmatch(line)
    if match and (match["orig"] or is_person_name(match["who"])) and not is_person_name(match["acc"]):
        return match
    return None


def _take_wechat_stamp(line: str, meta: _Builder) -> bool:
    """Read a WeChat stamp (_WECHAT_STAMP) into the metadata: its day, and the account as the source."""
    stamp = _WECHAT_STAMP.fullmatch(to_hans(line))
    if not stamp:
        return False
    meta.add_date(stamp["d"], rank=1)
    meta.add_source(line[stamp.start("acc"): stamp.end("acc")], rank=2)
    return True


_RUN_IN_META = re.compile(r"^(?P<head>\S.{3,60}?)\s+(?P<meta>(?:(?P<who>[\u4e00-\u9fff]{2,4})\s+)?(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?"
                          r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|來源|作者|编辑|編輯|发布|發佈)\s*[:：].*)$")
# a headline with its labelled metadata after it on one line, the labels first ('HEADLINE 作者:某某 编辑:某某 … 更新时间:…')
_RUN_IN_LABELS = re.compile(r"^(?P<head>[^。！？!?\s][^。！？!?]{4,60}?)\s+(?P<meta>(?:作者|来源|编辑|文章来源|发布时间|发布日期|发表时间|时间)\s?[:：].*)$")
# a labelled metadata run with the story run into it ('某某 2020-3-09 来源:某某 国务院…于…举行…。'):
# a label, its value of one word, white space, then running text
# a headline with a date label glued to its end and the story after the date
# ('…助力疫情防控時間:2022-11-25 某某社四川讯(…)近日…'), matched on the Simplified line
_GLUED_DATE_LABEL = re.compile(r"^(?P<head>[^。！？!?:：]{6,60}?|[^。！？!?:：]{2,12}[:：][^。！？!?:：]{4,50}?)(?P<meta>(?:时间|日期|发布时间|发布日期|发表时间|发表日期)[:：]\s?" + _DATE.pattern + r")\s*(?P<rest>\S.{19,})$")
_RUN_IN_DATED = re.compile(r"^(?P<head>\S.{3,60}?)\s+(?P<meta>(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?"
                           r"(?:\s+(?P<who>[\u4e00-\u9fff]{2,4}))?(?:\s+\d{1,7})?)\s+(?P<rest>[^\s\d].{19,})$")
_RUN_IN_STORY = re.compile(r"^(?P<meta>.{0,40}?(?:来源|作者|编辑|责任编辑|发布时间|发表时间|时间)\s*[:：]\s*\S{2,20})\s+(?P<rest>\S.{29,})$")


# a headline glued to the story's dateline where the outlet's start is plain: 'this paper' or a site
# and its paper of one name ('…防疫一线本报讯（记者 某某）', '…一线某某网-某某报讯（记者 某某）')
_GLUED_NEWS_DATELINE = re.compile(r"^(?P<head>[^。！？!?\s]{6,50}?)(?P<rest>(?:本报|本网|(?P<stem>[\u4e00-\u9fff]{2,6})网[-－](?P=stem)[\u4e00-\u9fff]{0,2}报)讯\s?[（(]\s?(?:记者|通讯员).{20,})$")


def _split_run_in_title(lines: list[str], numbers: list[int | None]) -> None:
    """'HEADLINE 2022-03-15 16:34:42 来源：某某晨报' -> the headline and its metadata line; an author
    may stand before the date ('HEADLINE 某某君 2020-3-09 来源:…'), and the story may run on after
    the metadata (a page flattened to one line): it becomes a line of its own. A headline glued to
    its story's dateline ('HEADLINE本报讯（记者 某某）…') is set apart too."""
    for index in range(min(len(lines), 3)):
        glued = _GLUED_NEWS_DATELINE.match(_simplified_aligned(lines[index]))
        if glued and len(_han(glued["head"])) >= 6:
            lines[index: index + 1] = [lines[index][: glued.end("head")], lines[index][glued.start("rest"):]]
            numbers[index: index + 1] = [numbers[index]] * 2
            return
    for index in range(min(len(lines), 6)):
        glued = _GLUED_DATE_LABEL.match(_simplified_aligned(lines[index]))
        if glued and is_paragraph(glued["rest"]) and not _DATE.search(glued["head"]):
            parts = [lines[index][: glued.end("head")], lines[index][glued.start("meta"): glued.end("meta")],
                     lines[index][glued.start("rest"):]]
            lines[index: index + 1] = parts
            numbers[index: index + 1] = [numbers[index]] * 3
            return
        match = _RUN_IN_META.match(lines[index])
        if match and match["who"] and not is_person_name(match["who"]):
            match = None  # (a word of the headline before the date, not its author)
        if match and re.search(r"https?://|www\.", match["head"]):
            match = None  # (a site's name and address before the date: no headline carries an address)
        # (a headline may end in '！': '某地遭遇特大暴雨 抢险救援正在进行! 2021-08-12 15:18:22来源:…')
        if match and not (_SENTENCE_END.search(match["head"]) and (match["head"].rstrip()[-1] in "。…" or len(match["head"]) > 40)) \
                and len(_han(match["head"])) >= 6:
            parts = [match["head"], match["meta"]]
            story = _RUN_IN_STORY.match(to_hans(match["meta"]))
            if story and is_paragraph(story["rest"]) and parse_labelled(match["meta"][: story.end("meta")]) is not None:
                parts[1:] = [match["meta"][: story.end("meta")], match["meta"][story.start("rest"):]]
            lines[index: index + 1] = parts
            numbers[index: index + 1] = [numbers[index]] * len(parts)
            return
        # (the labels first: 'HEADLINE 作者: 作者:某某 编辑:某某 文章来源:某某 点击数: 9665 更新时间:2020/2/4 10:08:04')
        labels = _RUN_IN_LABELS.match(_simplified_aligned(lines[index]))
        if labels and len(_han(labels["head"])) >= 6 and _DATE.search(labels["meta"]) \
                and len(parse_labelled(labels["meta"]) or ()) >= 3 and parse_labelled(labels["head"]) is None \
                and not re.search(r"字体|字号|字號|字體|打印|关闭|收藏|分享|浏览|点击", labels["head"]):  # ('放大字体 缩小字体 发布日期:…')
            lines[index: index + 1] = [lines[index][: labels.end("head")], lines[index][labels.start("meta"):]]
            numbers[index: index + 1] = [numbers[index]] * 2
            return
        # (no label: 'HEADLINE 2021-07-28 15:45 某某某 0 近日，…', the poster and a counter after
        # the date and time, the story after them)
        dated = _RUN_IN_DATED.match(lines[index])
        if dated and (not dated["who"] or is_person_name(dated["who"])) and not _SENTENCE_END.search(dated["head"]) \
                and len(_han(dated["head"])) >= 4 and not _DATE.search(dated["head"]) and is_paragraph(dated["rest"]):
            lines[index: index + 1] = [dated["head"], dated["meta"], dated["rest"]]
            numbers[index: index + 1] = [numbers[index]] * 3
            return


@dataclass
class _Builder:
    """Collects metadata candidates; the best of each kind wins at the end."""

    dates: list[tuple[int, str]] = field(default_factory=list)  # (rank, YYYY-MM-DD); lower rank wins
    sources: list[tuple[int, str]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    credits: dict[str, list[str]] = field(default_factory=dict)
    title_hint: str = ""
    series: str | None = None  # a column or series name printed after the headline
    line: int | None = None  # body line of the line being read, for warnings
    warnings: list[tuple[int | None, str]] = field(default_factory=list)
    logins: set[str] = field(default_factory=set)  # CMS login names met in a source field
    person_like: list[str] = field(default_factory=list)  # source fields that read like a person's name ('来源：文明风')
    posters: set[str] = field(default_factory=set)  # the names of a thread's posters, who may only have reposted it

    def add_date(self, text: str, rank: int = 1) -> None:
        value = parse_date(text)
        if value:
            self.dates.append((rank, value))
        else:
            self.refuse_dates(text)

    def refuse_dates(self, text: str) -> None:
        """Warn about real days in ``text`` that are not taken for being outside the plausible
        range (an impossible day such as 2月30日 is not taken either, without a word: it is
        more often a number that only looks like a date)."""
        for day in dates.out_of_range(text):
            message = (f"the date {day} in the text is outside the plausible range "
                       f"({dates.EARLIEST} to today); it is not used")
            if all(message != known for _, known in self.warnings):
                self.warnings.append((self.line, message))

    def add_source(self, value: str, rank: int = 1, person_like: bool = False) -> None:
        value = value.strip(" ：:·-|｜（）()《》")
        if re.search(r"[（(][^（）()]+$", value):
            value += "）" if "（" in value else ")"  # a closing bracket the strip took: '某某学报(社会科学版)'
        if re.search(r"《[^《》]+$", value):
            value += "》"  # '中央电视台某频道《新闻联播》'
        if re.match(r"[^《》]+》", value):
            value = "《" + value  # the opening bracket the strip took: '《当代陕西》—陕西网'
        if re.match(r"(?:记者|記者|通讯员|通訊員|特约记者|特約記者)(?:\s|[:：/／]|[\u4e00-\u9fff]{2,4}$)", value):
            # only reporters in the source's field ('来源：   记者 王某'): the writers, no outlet
            for name in _reporter_names(re.sub(r"[/／:：]", " ", value)):
                self.add_author(name)
            return
        roles = re.search(r"(?:(?<!\s)\s+|(?<=》))(?:记者|記者|通讯员|通訊員|作者|编辑|編輯)", value)
        if roles:
            # the reporters named after the outlet in the source's field ('来源:《某某》记者/王某 通讯员/李某 张某')
            if value[roles.start():].lstrip().startswith(("记者", "記者", "通讯员", "通訊員")):
                for name in _reporter_names(re.sub(r"[/／]", " ", value[roles.start():])):
                    self.add_author(name)
            value = value[: roles.start()].strip()
        writer = re.fullmatch(r"(?P<o>[^/／]{2,30}?)\s*[/／]\s*(?P<n>[\u4e00-\u9fff]{2,4})", value)
        if writer and is_person_name(writer["n"]) and not re.search(_OUTLET_END + "$", to_hans(writer["n"])):
            self.add_author(writer["n"])  # the outlet and its writer ('来源：某某中心站/王某')
            value = writer["o"].strip()
        # (the writer after a space: '来源：某某镇 王某某')
        writer = re.fullmatch(r"(?P<o>[^\s/／]{2,20})[ \u3000]+(?P<n>[\u4e00-\u9fff]{2,4})", value)
        if writer and is_person_name(writer["n"]) and not re.search(_OUTLET_END + "$", to_hans(writer["n"])) \
                and re.search(r"(?:镇|乡|街道|村|社区|委|办|局|中心|公司|学校|学院|大学|医院|党支部|" + _OUTLET_END[3:-1] + r")$",
                              to_hans(writer["o"])):
            self.add_author(writer["n"])
            value = writer["o"]
        # (a portal's '新闻来源: 某报/某网 于2020-07-13 9:54:15 提示:…': the source ends before '于' and its date)
        value = re.split(r"(?<!\s)\s+(?:于|於)(?:\s|$)", value)[0].strip()
        value = re.sub(r"(?<!\s)\s+(?:分享到|分享至|分享|打印|打印本页|打印本頁|收藏|关闭窗口|關閉窗口)[:：]?$", "", value)  # (a share or print label ending the line)
        value = re.split(r"(?<!\s)\s+(?:复制分享|複製分享|我要评论|我要評論|复制链接|複製鏈接)(?:\s|$)", value)[0]  # (or several: '某某日报   复制分享 我要评论')
        # (the next labels glued to it without a space: '来源：某某云 某某日报编辑：某某审核：某某')
        value = re.split(r"(?<=\S)(?:责任编辑|編輯|编辑|审核|審核|监审|終審|终审|作者|记者|記者|摄影|攝影|校对|校對)[:：]", value)[0]
        # (a link to the paper's e-edition glued after the outlet: '来源：某某网进入电子报')
        value = re.sub(r"(?<=\S)\s*(?:进入|進入)(?:电子报|電子報|电子版|電子版|数字报|數字報|论坛|論壇)$", "", value)
        counter = _GLUED_COUNTER.search(_simplified_aligned(value))
        if counter and counter.start() >= 2:
            value = value[: counter.start()].rstrip()  # (an empty counter's label glued after it: '某某区委宣传部浏览次数：')
        glued_date = _DATE.search(value)
        if glued_date and glued_date.start() >= 2:
            value = value[: glued_date.start()].strip()  # (the date glued after it: '某某镇2024-07-03 14:48:50')
        channel = re.fullmatch(rf"(?P<o>.{{2,12}}?(?:{_OUTLET_END}))[-－](?P<c>[\u4e00-\u9fff]{{1,3}})", value)
        if channel:
            value = channel["o"]  # (a dateline's outlet cut inside its channel's name: '某某在线-台' of '某某在线-台州频道')
        if re.search(r"bet(?:[a-z]{2,}|\d{2,})", value, re.I):
            return  # a betting site's brand a mirror wrote over the owner's name ('来源：某某betvictor1946')
        if not value or len(value) > 30 or _NOT_SOURCE.match(to_hans(value)) or re.match(r"(https?://|www\.)", value) \
                or re.fullmatch(r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:cn|com|net|org|gov|edu|hk|tw|info|cc)(?:/\S*)?", value, re.I):
            return  # (a bare web address, '来源：i.example.cn', names no outlet)
        if 2 <= len(value) <= 3 and is_person_name(value) and not re.search(_OUTLET_END + "$", to_hans(value)) \
                and not re.search(r"(?:镇|乡|村|县|区|市|局|委|办)$", to_hans(value)) and not person_like:  # ('来源：程集镇' is a town)
            self.person_like.append(value)
            return  # a person in the source field ('来源：' / '杨某某'): the writer, no outlet
        if _LOGIN_NAME.fullmatch(value):
            # a CMS account's login name ('来源：xianfeng 作者：xianfeng'): no outlet, and no author where it
            # fills the author field too (a forum's ID alone in it is the poster's, kept)
            self.logins.add(value)
            self.authors = [a for a in self.authors if a != value]
            return
        if self.title_hint and len(_han(value)) >= 4 and _han(self.title_hint).startswith(_han(value)) \
                and not re.match(r"[\d.\s•·]*《", self.title_hint) and not _ORG.search(to_hans(re.sub(r"[（()）]", "", value))) \
                and not re.search(r"(?:镇|乡|县|区|市|旗|街道)$", to_hans(value)) \
                and not (to_hans(self.title_hint).startswith(to_hans(value))
                         and to_hans(self.title_hint)[len(value):].lstrip()[:1] in (":", "：")):
            # (but the writer naming itself before the headline's colon is the source: '某某银行某某分行：众志成城…')
            # a template filled the field with the headline's first characters ('《某报》栏目|…' names the paper,
            # '某县人民政府办公室关于…' the office that issues it, '某某镇：…' the town that wrote it)
            return
        self.sources.append((rank, value))

    def add_author(self, name: str) -> None:
        name = name.strip(" •·")
        shot = re.fullmatch(r"(?P<n>[\u4e00-\u9fff]{2,4}?)\s?(?:摄影|攝影|摄|攝)", name)
        if shot and is_person_name(shot["n"]):
            name = shot["n"]  # the photographer's credit glued to the name ('…记者刘某某摄')
        reported = re.fullmatch(r"(?P<n>[\u4e00-\u9fff]{2,4}?)\s?(?:报道|報道)", name)
        if reported and is_person_name(reported["n"]):
            name = reported["n"]  # '报道' glued to the last reporter's name ('通讯员 某某某、吴某报道')
        if not name or name in self.authors or len(name) > 20 or re.search(r"[:：]", name):
            return  # (a field under a label the table does not know runs into the names: '责任辑：某某')
        titled = re.fullmatch(rf"(?P<o>[\u4e00-\u9fff·]{{2,12}}?{_OUTLET_END})(?:(?:暨|和|、)[\u4e00-\u9fff]{{2,16}}?)?(?:全媒体|融媒体|全媒|新媒体|见习|特约|首席)?(?:记者|通讯员)",
                              to_hans(name))
        if titled:  # the reporters' title with their outlet among the names ('文｜某某客户端暨某某全媒体记者 王某 李某')
            self.add_source(name[titled.start("o"): titled.end("o")], rank=3)
            return
        if to_hans(name) in ("文", "图", "摄", "图文", "文图", "摄影", "记者", "通讯员", "供图", "报道", "摄影报道", "图文报道",
                             "文字报道", "综合报道", "联合报道") \
                or re.fullmatch(r"(?:党员|干部|群众|志愿者|居民|村民|医生|护士|队员)\d*(?:名|人)?", to_hans(name)):
            # a role word split off '文/图 某某' or '通讯员 某 某 报道', not a name; nor the people of a unit
            # counted after it ('讲述人：某某临时党支部，党员7')
            return
        if to_hans(name) in ("佚名", "匿名", "未知", "不详", "无名", "小编", "消息", "本站", "本网", "原创") or _CMS_ACCOUNT.fullmatch(to_hans(name)) \
                or name.lower() in ("admin", "administrator", "root", "webmaster", "editor") or name in self.logins \
                or not re.search(r"[\u4e00-\u9fffA-Za-z0-9]", name):
            return  # no one named ('作者：佚名'), a site's own account ('Admin - admin 于…发表'), or a widget's sign
        if self.title_hint and len(_han(name)) >= 4 and _han(self.title_hint).startswith(_han(name)):
            return
        if re.search(r"娱乐|娛樂|投注|开户|開戶|http", name) or ("彩" in name and not is_person_name(name)):
            return  # a spam template's author field ('大发购彩中心'; 彩 is also a given name's: '李彩霞')
        if len(name) >= 3 and re.search(r"(?:党支部|党总支|党委|工委|委员会|办公室|中心|学校|中学|小学|医院|社区|街道|政府|实验室|工作室|编辑部"
                                        r"|[县区市州省](?:委|政府|政协|人大|纪委)办|政协办|人大办|[县区市]委宣传部|组织部"
                                        r"|局|厅|署|委|站|所|指挥部|大队|支队)$", to_hans(name)):
            # an organisation in the author field ('作者：党支部', '作者：某县应急局')
            self.credits.setdefault("作者单位", []).append(name)
            return
        if len(_han(name)) >= 4 and re.search(r"(?:网|網|平台|门户|門戶|资讯|資訊)$", name):
            return  # a site filling the author field ('作者:某某商务网'), not a person
        if len(_han(name)) == 3 and re.fullmatch(r"[\u4e00-\u9fff]{2}网", to_hans(name)) and not is_person_name(name[:2]):
            # an outlet after the writer in the author field, its '来源' label lost ('作者:邹某某 新华网责任编辑:…'):
            # the source, where nothing better names one
            self.add_source(name, rank=3)
            return
        self.authors.append(name)

    def add(self, role: str, value: str, rank: int = 1) -> None:
        value = value.strip()
        if not value or role.startswith("-") or role == "事件":
            return
        if role == "时间":
            if not _DATE.search(value) and len(value) <= 20 and re.fullmatch(rf"[\u4e00-\u9fff]{{2,20}}", value) \
                    and (_ORG.search(to_hans(value)) or re.search(_OUTLET_END + "$", to_hans(value)) or value.endswith("科")):
                # a publisher under a bare '发布：' ('发布：某某县委组织部', a hospital's section: '发布：宣传科')
                self.add_source(value, rank + 1)
                return
            self.add_date(value, rank)
            # an outlet after the date ('发布时间：2020-07-27 10:01:00 人民网-人民日报', its last
            # character maybe lost in a mirror's copy: '人民日□')
            date = _DATE.search(value)
            rest = re.sub(r"^\s*(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?\s*", "", value[date.end():]) if date else ""
            if 3 <= len(rest) <= 16 and " " not in rest and re.search(rf"(?:{_OUTLET_END}|[日晚]□)$", to_hans(rest)):
                self.add_source(rest, rank + 1)
            return
        if role == "成文日期":
            self.add_date(value, rank + 2)
            return
        date = _DATE.search(value)
        if date:
            # a date run into another field ('来源：旗帜网2021年10月21日16:45', '通讯员 陈佳 2020年7月15日')
            self.add_date(value, rank)
            if role == "来源" and value[: date.start()].strip():
                value = value[: date.start()].strip()  # what follows the date is the page's widgets ('评论 收藏'), not the outlet
            else:
                value = (value[: date.start()] + value[date.end():]).strip()
        if not value:
            return
        if role == "来源":
            # a blog template's '来源：发表于2021-07-24 12:40 被阅读0次' holds a date and a counter
            value = re.sub(r"^(?:发表于|發表於|发布于|發佈於)\s*", "", value)
            value = re.sub(r"被?(?:阅读|閱讀|浏览|瀏覽)\s*\d+\s*次?$", "", value).strip()
            # the page's links after the outlet ('来源: 某某新闻网 原文链接 评论7条')
            value = _SOURCE_WIDGETS.split(value, maxsplit=1)[0].strip()
            # (or a print button in brackets glued to it: '某某新闻网【打印本稿】')
            button = _PRINT_BUTTON.search(value)
            value = value[: button.start()].strip() if button else value
            # a day and a paper's section around its name ('首发：1月22日《某某电讯》草地周刊'): the paper
            quoted = re.fullmatch(r"(?:\d{1,2}月\d{1,2}日)?\s*《(?P<o>[^《》]{2,16})》\s*[\u4e00-\u9fff]{0,8}", value)
            if quoted:
                value = quoted["o"]
            # the writers after the outlet in the same field ('来源:南方网 王聪', '来源:某某日报 孙某某 蒋某')
            # (or joined by '、': '来源：新华网 王某某、李某某、冯某某')
            writer = re.fullmatch(r"(?P<o>[\u4e00-\u9fff·]{2,20}(?:[A-Za-z+]{2,8})?)(?P<n>\s+[\u4e00-\u9fff]{2,4}(?:(?:\s+|、)[\u4e00-\u9fff]{2,4}){0,4})", value)
            if writer and (_is_site(writer["o"]) or re.search(r"(?:融媒体中心|融媒中心|新闻中心|传媒中心|客户端|[Pp]lus|\+|APP|App|app)$", to_hans(writer["o"]))) and all(is_person_name(n) for n in split_names(writer["n"])):
                for name in split_names(writer["n"]):
                    self.add_author(name)
                value = writer["o"]
            if value:
                self.add_source(value, rank)
        elif role in AUTHOR_ROLES:
            # '河南某报记者董某某': the outlet, the role and the name run together
            nick = re.search(r"\s?[（(](?P<n>[^（）()]{1,20})[)）]?$", value)  # (the field's parser may strip the ')')
            if nick and len(value[: nick.start()].strip()) >= 2:
                # a forum's account and its nickname ('作者 someone (某某)'), or a writer and the unit in brackets
                if _ORG.search(to_hans(nick["n"])):
                    self.credits.setdefault("作者单位", []).append(nick["n"])
                value = value[: nick.start()].strip()
            # (the pictures' credit after the label '文': '文/图 某某晚报记者 某某')
            value = re.sub(r"^(?:图|圖)\s+(?=\S)", "", value)
            glued = _REPORTER_OF.match(to_hans(value))
            if glued:
                self.add_source(value[glued.start("o"): glued.end("o")], rank=3)
                value = value[glued.end():]
            # (a reporter's title between the names is no name: '记者 王某 特约记者 李某', '记者 王某 实习生 李某')
            # (a widget's words in an empty field: '作者：点击图片浏览下一页')
            names = [n for n in (_REPORTER_TITLE.sub("", n) for n in split_names(value)) if n and not _WIDGET_WORDS.search(n)]
            while names and names[-1] in _FONT_WIDGET:
                names.pop()  # a font-size widget after the field ('作者：佚名 - 小 + 大')
            # (a two-character name spaced out: '文 | 张 海')
            joined = _join_spaced_names(tuple(names))
            if len(joined) >= 3 and sum(is_person_name(n) for n in joined) * 2 < len(joined):
                return  # the page's keywords in the author field ('作者：接种,疫苗,党员,老年人'), no names
            for name in joined:
                self.add_author(name)
        else:
            if role == "供稿" and re.fullmatch(r"[\u4e00-\u9fff]{4,30}", value) and _ORG.search(to_hans(value)):
                # the unit that supplied the story ('（供稿：某某市某某镇某某社区）'): its source when the page names no other
                self.add_source(value, rank + 5)
            # (a widget's words after the names: '责任编辑：某某 某某 点击图片浏览下一页')
            names = [n for n in split_names(value) if not _WIDGET_WORDS.search(n)] if role != "作者单位" else [value]
            self.credits.setdefault(role, []).extend(names)

    def add_pairs(self, pairs: list[tuple[str, str]], rank: int = 1) -> None:
        event = any(role == "事件" for role, _ in pairs)
        for role, value in pairs:
            if event and role == "时间":
                continue  # '时间：… 地点：…' is the record of an event or a diary entry, not publication
            self.add(role, value, rank)

    def best_date(self) -> str | None:
        return min(self.dates)[1] if self.dates else None

    def best_source(self) -> str | None:
        return min(self.sources, key=lambda item: item[0])[1] if self.sources else None


def _split_run_in_label(lines: list[str], numbers: list[int | None]) -> None:
    """'时间:2022-05-25面对疫情…' -> a date line and the paragraph that ran into it (other labels may
    come first); likewise an outlet's byline with the story's first sentence run into it ('某某报 记者
    王某 李某 2020年7月8日，…')."""
    for index in range(min(len(lines), 12)):
        byline = _OUTLET_BYLINE_RUN.match(_simplified_aligned(lines[index]))
        team = _team_bylines(_simplified_aligned(lines[index])) if not byline else None
        if team and re.match(r"\s+\S", lines[index][team.end():]) and is_paragraph(lines[index][team.end():].strip()):
            byline = team  # (a team's bylines with the story run on after them)
        if byline and is_paragraph(lines[index][byline.end():]):
            lines[index: index + 1] = [lines[index][: byline.end()].rstrip(), lines[index][byline.end():].lstrip()]
            numbers[index: index + 1] = [numbers[index], numbers[index]]
            return
        # (an account's date stamp with its weekday between bullets, its greeting and the story glued on:
        # '2022.03.20•周日•嗨，我是某某君•今天，…')
        bulleted = re.match(r"(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}\s?[•·]\s?(?:周|星期)[一二三四五六日天]\s?[•·]\s?(?=\S)", lines[index])
        if bulleted and len(lines[index]) - bulleted.end() >= 20:
            lines[index: index + 1] = [lines[index][: bulleted.end()].rstrip(), lines[index][bulleted.end():]]
            numbers[index: index + 1] = [numbers[index], numbers[index]]
            return
        # (a blog's date stamp with its weekday, time and time zone, the story glued on: '2021-1月-11 周一 18:09 +08001月11日，…')
        stamp = re.match(_DATE.pattern + r"\s*(?:周[一二三四五六日天]\s*)?\d{1,2}:\d{2}(?::\d{2})?\s*[+-]\d{4}(?=\S)", to_hans(lines[index]))
        if stamp and is_paragraph(lines[index][stamp.end():]):
            lines[index: index + 1] = [lines[index][: stamp.end()], lines[index][stamp.end():]]
            numbers[index: index + 1] = [numbers[index], numbers[index]]
            return
        # (other labels may come first: '文章来源:某某中心 作者:某某 时间:2022-10-14 13:30:21“各位…')
        match = re.match(r"^(?:[^\s:：]{2,6}[:：][^:：]{1,40}?\s+(?=[^\s:：]{2,6}[:：])){0,4}(?:时间|時間|日期|发布时间|發佈時間|发布日期)\s*[:：]\s*"
                         + _DATE.pattern, to_hans(lines[index]))
        # (a sentence, not the counter and widgets after the date: '发布日期:2020-03-10浏览(10)人次 投稿收藏')
        if match and len(lines[index]) - match.end() >= 10 and re.match(r"[\u4e00-\u9fff“「]", lines[index][match.end():]) \
                and re.search(r"[，。,！？；]", lines[index][match.end(): match.end() + 60]):
            lines[index: index + 1] = [lines[index][: match.end()], lines[index][match.end():].strip()]
            numbers[index: index + 1] = [numbers[index], numbers[index]]
            return
        # (a source field with the story's dateline run on after its outlet: '消息来源:某某网 新华社某地8月1日电…')
        sourced = re.match(r"^(?:消息来源|新闻来源|来源|來源|稿源)\s*[:：]\s*[^\s:：]{2,16}\s+", lines[index])
        if sourced and _opens_with_dateline(lines[index][sourced.end():]) and len(lines[index]) - sourced.end() >= 20:
            lines[index: index + 1] = [lines[index][: sourced.end()].rstrip(), lines[index][sourced.end():]]
            numbers[index: index + 1] = [numbers[index], numbers[index]]
            return


_DATE_BADGE = re.compile(r"\s*(?:(?P<d>\d{1,2})\s+(?P<y>(?:19|20)\d{2})[-/.](?P<m>\d{1,2})|(?P<y2>(?:19|20)\d{2})[-/.](?P<m2>\d{1,2})\s+(?P<d2>\d{1,2}))\s*")
_DATE_PIECE = re.compile(r"[-/.·\s]*\d{1,4}(?:[-/.:：]\d{1,4}){0,2}[-/.·\s]*")


def _join_split_date(lines: list[str], numbers: list[int | None]) -> None:
    """A date a template prints over two or three short lines ('-2021-' / '10/24' / '03:03'):
    one line, so that it reads as the date line it is."""
    for index in range(min(len(lines), 12)):
        # (a date badge: the day in large type beside the year and month, '17 2022-06')
        badge = _DATE_BADGE.fullmatch(lines[index]) if len(lines[index]) <= 12 else None
        if badge and parse_date(joined := f"{badge['y'] or badge['y2']}-{badge['m'] or badge['m2']}-{badge['d'] or badge['d2']}"):
            lines[index] = joined
            return
        run = 0
        while index + run < len(lines) and run < 3 and len(lines[index + run]) <= 10 and _DATE_PIECE.fullmatch(lines[index + run]):
            run += 1
        if run < 2:
            continue
        pieces = [lines[index + k].strip(" -·") for k in range(run)]
        day_first = re.fullmatch(r"(?:0?[1-9]|[12]\d|3[01])", pieces[0]) and re.fullmatch(r"(?:19|20)\d{2}[-./](?:0?[1-9]|1[0-2])", pieces[1])
        if day_first:  # (the day over the year and month: '17' / '2022.03')
            pieces[:2] = [re.sub(r"[./]", "-", pieces[1]), pieces[0]]
        joined = "-".join(pieces[:2]) + (" " + pieces[2] if run == 3 else "")
        if not any(_DATE.search(x) for x in lines[index: index + run]) and _DATE.fullmatch(joined) and parse_date(joined):
            lines[index: index + run] = [joined]
            numbers[index: index + run] = [numbers[index]]
            return


def _fits_label(role: str, value: str) -> bool:
    """Whether a line can be the value of a label on the line above: a date for a time, an
    outlet, organisation or name for a source, names for the credits."""
    if role in ("时间", "成文日期"):
        return parse_date(value) is not None
    if role == "来源":
        simple = to_hans(value.strip())
        return len(simple) <= 16 and (bool(re.search(_OUTLET_END + "$", simple) or _ORG.search(simple)) or is_person_name(simple))
    if role.startswith("-") or role == "事件":
        return False
    names = split_names(value)
    return bool(names) and all(is_person_name(n) for n in names)


def _join_label_lines(lines: list[str], numbers: list[int | None]) -> None:
    """'来源：' on one line and its value on the next ('杨秀云'): one metadata line again. Only
    in the header (the first 12 lines), only for a bare label and a short value that is
    itself no label line or paragraph."""
    index = 0
    while index < min(len(lines), 12) - 1:
        match = re.fullmatch(rf"\s*(?P<label>{_LABEL_ALT})\s*[:：]\s*", _simplified_aligned(lines[index]))
        value = lines[index + 1]
        if match and len(value) <= 30 and parse_labelled(value) is None and not is_paragraph(value) \
                and _fits_label(LABELS[match["label"]], value):
            lines[index: index + 2] = [lines[index].rstrip() + " " + value.strip()]
            numbers[index: index + 2] = [numbers[index]]
        index += 1


# a dedication under a piece's lost headline: whom it is written to ('致某某社区志愿者', '献给…', '写给…')
_DEDICATION = re.compile(r"(?:致|献给|写给|谨以此文献给)(?=[\u4e00-\u9fff“「《])")
# a column's name of two to eight characters and a bar opening a line ('党旗飘扬|…', '战疫一线｜…')
_COLUMN_BAR = re.compile(r"[\u4e00-\u9fff]{2,8}\s?[|｜]\s?(?=[\u4e00-\u9fff“「\d])")


def _clause_headline(lines: list[str]) -> bool:
    """Whether the first line is a headline though commas or an exclamation run through it: short, no
    full stop or clause ending it, nothing that opens a story (a date, a time), and either a topic and a
    colon opening it over a long paragraph that does not repeat it ('某村“降级”记：从高风险到低风险，一个
    城中村的共同守护' / lead), or the story's dateline within the next two lines ('迎战“奥密克戎”，某某人不缺席'
    / a caption / '某某网1月11日天津讯 …'), or an exclamation or a question between its two parts
    ('她是灯塔，给我力量！探访某地抗洪一线的哨棚党支部')."""
    if len(lines) < 2:
        return False
    line, below = lines[0].strip(), lines[1].strip()
    # (a column's name and a bar before it, ending on an ellipsis or not: '党旗飘扬|这个群里，221人有个共同的名字……')
    if _COLUMN_BAR.match(line) and 10 <= len(line) <= 40 and not re.search(r"[。；;！？!?]", line) \
            and not _CLAUSE.search(line[-1]) and len(re.findall(r"[，,]", line)) <= 2 \
            and not _DATE.search(to_hans(line)) and not is_paragraph(below):
        return True
    if not (10 <= len(line) <= 40) or re.search(r"[。；;…]", line) or _CLAUSE.search(line[-1]) or line[-1] in "！？!?" \
            or len(re.findall(r"[，,]", line)) > 2 or re.match(r"\d|(?:今年|去年|近日|日前|连日来|目前|当前|疫情发生以来)", line) \
            or _DATE.search(to_hans(line)) or parse_labelled(line) is not None:
        return False
    exclaimed = re.fullmatch(r"[^！？!?]{4,24}[！？!?][^！？!?，,：:]{6,30}", line)
    if re.search(r"[!?！？]", line) and not exclaimed:
        return False
    topic = re.match(r"[^:：，,。]{3,16}[:：]", line)
    if topic and not re.search(r"(?:说|說|道|问|問|讲|講|表示|称|稱|指出|强调|強調)[:：]$", topic.group(0)) \
            and len(below) >= 60 and is_paragraph(below) and _han(line)[:8] not in _han(below):
        return True
    # (not a page title with its site's tail after a bar, over a numbered list: 'HEADLINE！…|某某' / '1. …')
    return bool(exclaimed) and not is_paragraph(below) and not re.search(r"[|｜_]", line) and not re.match(r"\d", below) \
        or any(_opens_with_dateline(x) for x in lines[1:3])


# a county's, town's or village's name of three characters or fewer as a headline's topic ('千阳县：')
_PLACE_TOPIC = re.compile(r"[\u4e00-\u9fff]{1,2}(?:县|区|市|镇|乡|村|州|旗)[：:]")


def _join_broken_headline(lines: list[str], numbers: list[int | None]) -> None:
    """A headline broken over two lines inside a quotation ('某某站“疫情期间' / '志愿有我”活动'):
    one line again. Only near the top, only when the first line leaves a quotation open that the
    second closes, and both are short and no sentence."""
    pairs = (("“", "”"), ("「", "」"), ("《", "》"))
    for index in range(min(len(lines), 6) - 1):
        first, second = lines[index].strip(), lines[index + 1].strip()
        if not (4 <= len(first) <= 40 and 2 <= len(second) <= 40 and len(first) + len(second) <= 64):
            continue
        if _SENTENCE_END.search(first) or is_paragraph(second) or parse_labelled(second) is not None:
            continue
        # (or broken after a colon at the top: '防控“新冠”疫情：' / '志愿服务的十个参考案例')
        colon = index <= 2 and first.endswith(("：", ":")) and (4 <= len(_han(first)) <= 16 or _PLACE_TOPIC.fullmatch(first)) and len(_han(second)) >= 4 \
            and not _CLAUSE.search(second) and not re.search(r"[:：]", second) and parse_labelled(first) is None \
            and not _TITLE_LABEL.match(to_hans(first)) and not re.search(r"(?:标题|題|题|目|栏|欄|分站|子站|频道|板块|版块)\s*[:：]$", to_hans(first)) \
            and _header_kind(second) == "text" and not is_person_name(second)  # (not a label: '本版文章标题：', '县区分站：')
        if colon or any(first.count(o) > first.count(c) and second.count(c) > second.count(o) for o, c in pairs):
            lines[index: index + 2] = [first + second]
            numbers[index: index + 2] = [numbers[index]]
            return


def _echoed(line: str, below: str) -> bool:
    """Whether most characters of a line recur, two or more together, in the paragraph below it: a headline over
    its lead ('某某社区党委吹响“集结号”，支部共筑社区防疫墙' over '…某某社区党委…织牢社区防疫墙。'), not
    the first half of a sentence, whose second half does not repeat it."""
    han, text = _han(line), _han(below)
    covered = set()  # the line's characters inside a pair of characters the paragraph has too
    for i in range(len(han) - 1):
        if han[i: i + 2] in text:
            covered.update((i, i + 1))
    return len(han) >= 8 and 2 * len(covered) >= len(han)


# words a sentence opens with, never a clause's continuation ('根据…', '近日…', '7月20日…')
_SENTENCE_OPENER = re.compile(r"(?:根据|根據|据悉|據悉|近日|日前|连日来|連日來|今年以来|今年以來|记者从|記者從|\d{1,2}月\d{1,2}日)")


def _join_hard_break(lines: list[str], numbers: list[int | None]) -> None:
    """The start of a sentence cut by a hard line break, above the rest of its paragraph
    ('为做好…工作，有效避免因人员聚集和流动可能' / '带来的传染风险，保障…'): one line again, so
    that it is neither taken for a headline nor split from its sentence. Only near the top, only
    for a line with a clause inside, no end, that is longer than a headline's clause (a colon alone
    divides a headline: '系列报道之三：助力家乡抗洪救灾')."""
    for index in range(min(len(lines), 8) - 1):
        line, below = lines[index].strip(), lines[index + 1].strip()
        clauses = _CLAUSE.split(line)
        if len(clauses) >= 2 and len(_han(clauses[0])) >= 6 and len(_han(line)) >= 20 and not _SENTENCE_END.search(line) \
                and re.search(r"[，,；;。]", line) \
                and not re.search(r"[\s|｜丨]", line) and len(below) >= 60 and is_paragraph(below) \
                and re.match(r"[\u4e00-\u9fff]", below) and parse_labelled(line) is None and not _DATE.search(line) \
                and not re.match(r"[【\[]", line) and not _opens_with_dateline(below) and not _CAPTION_CREDIT.search(line) \
                and not re.search(r"[。！？!?][”’」』]*\s*[（(][^（）()]{1,30}[)）]$", line) \
                and not any(len(_han(x)) >= 6 and _han(line).startswith(_han(x)) for x in lines[:index]) \
                and sum(_han(x) == _han(line) for x in lines) < 2 and not _echoed(line, below) \
                and not (index == 0 and _clause_headline(lines)) \
                and not (index == 1 and _SPACED_HEADLINE.fullmatch(lines[0].strip()) and len(_han(line)) <= 30) \
                and not (re.search(r"[\u4e00-\u9fff”」]$", line) and _SENTENCE_OPENER.match(below)):
            # (a '【column】' label, a repeat, a dateline below, words the paragraph below repeats, a topic and
            # its colon opening the first line, a line ending in a word over a paragraph that opens a sentence,
            # '…的夜，迎接晨曦到来' / '根据11月25日…': a headline; a short line under a headline of two spaced
            # phrases, '开设某某哨 织牢小区安全网' / '某某社区凝聚合力，守护居民平安过节': its deck)
            lines[index: index + 2] = [line + below]
            numbers[index: index + 2] = [numbers[index]]
            return


def _display_width(line: str) -> int:
    """Columns a line takes in a fixed-width text: two for a wide (CJK) character, one for others."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def _rejoin_wrapped(lines: list[str], numbers: list[int | None]) -> None:
    """A text wrapped at a fixed width (a plain-text copy broken every 40 or so characters,
    '…压力持续增大。为' / '扎实做好学校疫情防控工作，…'): the lines of each paragraph joined again,
    so that neither a headline nor a paragraph is taken from a piece of a sentence. The width is
    that of the widest lines when at least three lines that end in no sentence end are within a few
    columns of it (an unwrapped page has one or two lines near its widest); a line that reaches it
    and ends in no sentence end is joined to the next line of the same block."""
    if len(lines) < 4 or any(len(line.rstrip()) > 200 for line in lines):
        return  # (a line of more than 200 characters is wider than any wrap: no need to measure the others)
    widths = [_display_width(line.rstrip()) for line in lines]
    if max(widths) < 40:
        return
    width = max(widths)
    near = [i for i, w in enumerate(widths) if w >= width - 8 and not _SENTENCE_END.search(lines[i].rstrip())]
    long = [w for w in widths if w >= width / 2]
    if len(near) < 3 or width > 200 or 2 * sum(w >= width - 8 for w in long) < len(long):
        return  # (most long lines of a wrapped text reach the width; a list's lines or a page's paragraphs do not)
    index = 0
    tail, last = lines[0].rstrip(), numbers[0]  # the physical line the entry at index ends with, and its number
    while index + 1 < len(lines):
        below = lines[index + 1].strip()
        adjacent = last is not None and numbers[index + 1] is not None and numbers[index + 1] - last <= 1
        if adjacent and _display_width(tail) >= width - 8 and not _SENTENCE_END.search(tail) \
                and re.match(r"[\u4e00-\u9fff\d“「《（(]", below):
            tail, last = lines[index + 1].rstrip(), numbers[index + 1]
            lines[index: index + 2] = [lines[index].rstrip() + below]
            numbers[index: index + 2] = [numbers[index]]
            continue
        index += 1
        tail, last = lines[index].rstrip(), numbers[index]


def _glued_repeat(line: str) -> tuple[str, str, str] | None:
    """A converted document run into one line, its headline printed twice with nothing between
    ('某某筑牢疫情防控“红色防线”某某筑牢疫情防控红色防线新冠肺炎疫情发生以来，…'): the first copy is
    the headline, the second a line of its own (the repeat the header reads); the same words again
    (marks aside), then a paragraph."""
    positions = [i for i, char in enumerate(line[:200]) if "\u4e00" <= char <= "\u9fff"]
    han = "".join(line[i] for i in positions)
    for length in range(40, 5, -1):
        if len(han) >= 2 * length + 20 and han[:length] == han[length: 2 * length]:
            cut = positions[2 * length - 1] + 1
            cut += len(line[cut:]) - len(line[cut:].lstrip("”〞\"’」』 "))
            head, repeat, rest = line[: positions[length]].strip(), line[positions[length]: cut].strip(), line[cut:]
            if not _SENTENCE_END.search(head) and not re.search(r"[。；;：:（）()]", head) and is_paragraph(rest):
                return head, repeat, rest
            return None
    return None


def _head_split(line: str) -> tuple[str, ...] | None:
    """A page flattened to one line: 'HEADLINE first sentence of the story…'. The headline is
    the part before the first space when it is headline-shaped and a paragraph follows."""
    glued = _glued_repeat(line)
    if glued:
        return glued
    if _opens_with_dateline(line):
        return None  # (a group's outlets opening their dateline: '某某晚报 某某网 某某客户讯 某地…')
    head, sep, rest = BAR.sub("|", line).partition(" ")
    if not sep or not is_paragraph(rest):
        return None
    second, sep2, after = rest.partition(" ")
    if sep2 and 2 <= len(_han(second)) <= 12 and re.fullmatch(r"[\u4e00-\u9fff“”‘’「」\"!！?？]+", second) and is_paragraph(after) \
            and not is_paragraph(second):
        # (a headline with a space of its own, its second half short and bare: '某某学校：“疫”线有我 战“疫”无惧 一名党员…')
        head, rest = f"{head} {second}", after
    # (a unit's name and a colon may open it: '某某中心学校：…'; not a label: '来源：…')
    unit = re.match(r"([\u4e00-\u9fff]{2,12})[：:](?=\S)", head)
    bare = head[unit.end():] if unit and to_hans(unit[1]) not in LABELS and len(_han(head[unit.end():])) >= 4 else head
    han = _han(head)
    if not 6 <= len(han) <= 60 or re.search(r"[。；;：:（）()]", bare) or _SENTENCE_END.search(head):
        return None
    if re.search(r"(记者|讯|電|电|消息|报道|發|来源|时间)", to_hans(head)) or head.count("，") + head.count(",") > 1:
        return None
    return head, rest.strip()


def _search_keywords(title: str, elsewhere: list[str]) -> tuple[str, set[str]]:
    """A content farm puts the search keyword it targets before the headline, joined by a
    separator ('抗击疫情志愿者干什么_某某社区成立临时党支部'), and repeats it as image text in the
    article. A separated part of the headline that recurs as a line of its own, when another
    part is longer, is that keyword: it leaves the title (and its lines leave the text)."""
    # (or before it with a space, the keyword and the headline opening with the same words: '八百里洞庭成悬湖
    # 八百里洞庭“悬”头顶')
    spaced = re.match(r"(\S{4,14})[ \u3000]+([^\s|｜丨_-].{5,})$", title.strip())  # (not a bar: an outlet's name, see _OUTLET_COLON)
    if spaced and len(_han(spaced[1])) >= 4 and _han(spaced[1])[:4] == _han(spaced[2])[:4] and _han(spaced[1]) != _han(spaced[2]):
        title = spaced[2]
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title, set()
    lines = {_han(line) for line in elsewhere if len(line) <= 40}
    longest = max(len(_han(p)) for p in parts)
    keywords = {_han(p) for p in parts if len(_han(p)) >= 4 and _han(p) in lines and len(_han(p)) < longest}
    # (or a short first part the headline after it says again: '座山沟|志愿者…进座山沟做核酸检测', a place's name
    # a farm tags its copies with, not a column's)
    if len(parts) == 2 and 2 <= len(_han(parts[0])) <= 8 and _han(parts[0]) in _han(parts[1]) and len(_han(parts[1])) >= 8:
        keywords.add(_han(parts[0]))
    if not keywords:
        return title, set()
    return "|".join(p for p in parts if _han(p) not in keywords), keywords


def _glued_outlet(title: str, bylines: list[str], elsewhere: list[str], meta: _Builder) -> str:
    """A content farm glues the paper's name after the headline with nothing between
    ('某某洪水七日中国某某报' over '本报记者某某某晋中报道'): when the story is the paper's own (a
    '本报' byline at the top) and names the paper in title marks ('《中国某某报》记者…'), that
    name leaves the headline and is the source. (Both signs are needed: a headline may end with
    an outlet it is about, '某村事迹登上某某日报'.)"""
    if _SENTENCE_END.search(title[-1:]) or not any(line.lstrip().startswith(("本报", "本報")) for line in bylines + elsewhere[:3]):
        return title
    simple = _simplified_aligned(title)
    text = to_hans("\n".join(elsewhere))
    for start in range(max(len(simple) - 12, 4), len(simple) - 2):
        name = simple[start:]
        if re.fullmatch(rf"[\u4e00-\u9fff]{{3,12}}", name) and re.search(_OUTLET_END + "$", name) \
                and f"《{name}》" in text and len(_han(simple[:start])) >= 4:
            meta.add_source(title[start:], rank=2)
            return title[:start].rstrip()
    return title


# the site's owner in its copyright footer ('版权所有：某某 - 某某管理系统入口')
_COPYRIGHT_OWNER = re.compile(r"(?:版权所有|版權所有)\s{0,3}[:：©]?\s{0,3}(?P<o>[^\s|｜,，;；-]{4,20})")


def _owner_prefix(title: str, removed: list[str]) -> str:
    """A hijacked site glues its new owner's name before each headline with nothing between
    ('某某360游戏在线注册某某院区志愿者协助…', the footer reading '版权所有：某某360游戏在线注册'):
    the owner the copyright footer names, a game or gambling brand, leaves the headline."""
    for line in removed:
        owner = _COPYRIGHT_OWNER.search(line)
        if owner is None or not title.startswith(owner["o"]) or len(_han(title[len(owner["o"]):])) < 6:
            continue
        # (a site's own name opening its headline is the headline's: '某某中学党支部：…' on the school's
        # site; a hijacker's is a gambling or game brand, with digits or letters: '某某360游戏在线注册')
        name = to_hans(owner["o"])
        if re.search(r"[0-9A-Za-z]|游戏|注册|开户|下载", name) or any(w in name for w in default_boilerplate().spam_words):
            return title[len(owner["o"]):].lstrip(" ：:|｜-")
    return title


def _outlet_prefix(title: str) -> re.Match[str] | None:
    """The outlet tagged or named with a colon before a headline ('【某某报】…', '某某日报：…'), matched
    in Simplified with positions in the title as written ('中國青年報：…'); not a column named by its
    topic ('【抗疫新闻】', '抗疫新闻：'), which is part of the headline a reader quotes."""
    tag = _OUTLET_TAG.match(_simplified_aligned(title)) or _OUTLET_COLON.match(_simplified_aligned(title))
    if tag and _TOPIC_NEWS.fullmatch(to_hans(title[tag.start("o"): tag.end("o")])):
        return None
    return tag


def _clean_title(title: str, meta: _Builder) -> str | None:
    """Take site names, spam and board tags off a headline; an outlet tag becomes the source."""
    wrapped = re.fullmatch(r"\s*(['\"])(?P<t>[^'\"]{4,80})\1\s*", title)
    if wrapped:
        title = wrapped["t"]  # the page title a script printed in ASCII quotes ("'某某防洪大堤往事'")
    listed = re.match(r"\s*\d{1,2}\.\s+(?=\S)", title)
    if listed and len(_han(title[listed.end():])) >= 6:
        title = title[listed.end():]  # a list item's number a copy of the page's markup left before the headline ('1. 某某的背后')
    bracketed = re.fullmatch(r"\s*(?P<k>[^（()）]{2,12})[（(](?P<t>[^（()）]{10,80})[)）]\s*", title)
    if bracketed and _han(bracketed["k"]) and _han(bracketed["k"]) in _han(bracketed["t"]):
        title = bracketed["t"]  # a keyword page's title with the headline in brackets after it ('某某（某地“主播”某某：…）')
    thread = _THREAD_TITLE.fullmatch(title)
    if thread:
        # a forum thread's title line, its label and its poster ('主题：某某救灾现场：… -- poster8972')
        meta.add_author(thread["p"])
        title = thread["t"]
    related = re.search(r"(?:相关信息|相关新闻|相关阅读|相關信息|相關新聞)$", title)
    if related and len(_han(title[: related.start()])) >= 8:
        title = title[: related.start()].rstrip()  # a related-links label glued after the headline ('…“迷彩”线相关信息')
    tagged = _keyword_tail(title)
    if tagged is not None and len(_han(title[:tagged])) >= 8:
        title = title[:tagged].rstrip()  # the page's keywords glued after its title ('…防疫一线_某地-某县-礼包-')
    short = len(_han(title)) < 4  # a short headline chosen for standing above its date line
    # a spam mirror writes its slogans into the headline, glued with '_', '-' or brackets in place
    # of a name ('某某城_某某足球网-【投注平台】召开防控工作会议'): the longest piece without
    # spam words and not a site name is the headline
    spam_words = default_boilerplate().spam_words
    pieces = [p.strip() for p in re.split(r"[|｜_【】\[\]\-]", title) if p.strip()]
    if len(pieces) > 1 and any(w in to_hans(p) for p in pieces for w in spam_words):
        plain = [p for p in pieces if not any(w in to_hans(p) for w in spam_words) and not _SITE_NAME.search(to_hans(p))]
        best = max(plain, key=lambda p: len(_han(p)), default="")
        if len(_han(best)) >= 8:
            title = best
    tag = _outlet_prefix(title)
    column = _COLUMN_BEFORE_NAMED.match(title) if not tag else None
    if column and len(_han(title[column.end():])) >= 8 and _outlet_prefix(title[column.end():]):
        # a column's tag before an outlet's name and a colon ('【媒体关注】某某新闻：…'): the outlet is the source and
        # the headline what follows it; a column's tag before a place or a unit and its colon stays, as a reader
        # quotes it ('【战“疫”进行时】某某村：…')
        title = title[column.end():]
        tag = _outlet_prefix(title)
    if tag and len(_han(title[tag.end():])) >= 4:  # ('【某某报】夜探蓄洪区')
        # (a tag ending in '新闻' may be a column's, '【全景新闻】': the lead's dateline, when it names an
        # outlet, outranks it)
        column_like = to_hans(title[tag.start("o"): tag.end("o")]).endswith("新闻")
        meta.add_source(title[tag.start("o"): tag.end("o")], rank=4 if column_like else 2)
        title = title[tag.end():]
    news_tag = _NEWS_TAG.match(title)
    if news_tag and len(_han(title[news_tag.end():])) >= 8:
        # the lead's '某某网库讯：' copied into the headline by the portal: the outlet, not the headline's words
        meta.add_source(news_tag["o"], rank=4)
        title = title[news_tag.end():]
    title = _BOARD_TAG.sub("", title) if not title.startswith("【") or "】" in title[:8] else title
    # (or its local news column: '…党徽闪耀呼和浩特新闻'; the place's name of two to four characters)
    tail = re.search(r"(?P<p>[\u4e00-\u9fff]{2,4})(?:频道|頻道|新闻|新聞)$", title)
    place = next((size for size in (2, 3, 4) if tail and len(tail["p"]) >= size and gazetteer.default().lookup(to_hans(tail["p"][-size:]))), None)
    if place and len(_han(title[: tail.end("p") - place])) >= 8:
        title = title[: tail.end("p") - place].rstrip()  # a portal's regional channel glued after the headline ('…家” 四川频道')
        site = re.search(r"\s?[-_|｜—]\s?[\u4e00-\u9fff]{2,8}[网網]$", title)
        if site and len(_han(title[: site.start()])) >= 8:
            title = title[: site.start()].rstrip()  # (and the portal's name before it: '…守家园- 某某网内蒙古频道')
    place = re.match(r"【(?P<p>[\u4e00-\u9fff]{2,8})】\s*(?=\S)", title)
    if place and len(_han(title[place.end():])) >= 6 \
            and any(d.level in ("province", "city") for d in gazetteer.default().lookup(to_hans(place["p"]))):
        title = title[place.end():]  # a portal's region tag ('【四川】…'), not a column's name
    # a spam mirror glues the page's keyword tags after the headline ('HEADLINE|返乡|党支部书记|新冠肺炎'):
    # two or more short bare words at the end, after a long headline, are tags (one short part after
    # '|' may be a real headline split, and is left to the rules below)
    bars = [p.strip() for p in re.split(r"[|｜]", title)]
    tags = 0
    while tags < len(bars) - 1 and re.fullmatch(r"[\u4e00-\u9fff]{2,6}", bars[-1 - tags]):
        tags += 1
    if tags >= 2 and len(_han("".join(bars[: len(bars) - tags]))) >= 10:
        title = "|".join(bars[: len(bars) - tags])
    column = re.search(r"\s[|｜丨]\s*(?P<c>[\u4e00-\u9fff·•]{2,10})$", title)
    if column and len(_han(column["c"])) <= 8 and len(_han(title[: column.start()])) >= 12 \
            and re.search(r"[，,！!？?：:“”]", title[: column.start()]):
        # a column's name after a long headline, set off by a spaced bar ('…的“双龙城” | 草地·新闻地理'); a
        # column before the headline is part of what a reader quotes ('逝者|为抗洪…')
        title = title[: column.start()].rstrip()
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        def chrome(part: str) -> bool:
            simple = to_hans(part)
            if re.fullmatch(r"\s*第[0-9一二三四五六七八九十百]{1,4}(?:辑|期|集|篇|弹)\s*", simple):
                return False  # a series' issue ('… | 第18辑'): part of the headline
            return (len(_han(part)) <= 2 or bool(re.search(r"[A-Za-z]{3,}", part) and len(_han(part)) <= 8)
                    or bool(re.search(r"娱乐|投注|开户|彩票|人妻|无码|成人", simple))
                    or (bool(_SITE_NAME.search(simple)) and len(_han(part)) <= 12)
                    or (bool(re.search(_PORTAL_END + "$", simple)) and len(_han(part)) <= 6))  # (a portal's name: '…_东方资讯')
        kept = [p for p in parts if not chrome(p)]
        if kept and len(kept) < len(parts):
            title = "|".join(kept)
    title = title.strip(" |｜_-").lstrip("•·●▪■◆ ").strip()  # (a list bullet before the headline)
    title = re.sub(r"^\d{2}\.\d{2}\s+(?=\S)", "", title)  # a list's month.day before the headline ('02.03 某某：…')
    title = re.sub(r"^\d{1,2}\.\s+(?=\D)", "", title)  # a list's number before the headline ('2. 《某某晚报》…')
    # a microblog's topic tag before the headline ('#防控疫情我们在一起# 抗击疫情，某区在行动：…')
    title = re.sub(r"^#[^#\s]{2,20}#\s*(?=\S)", "", title)
    poster = re.search(r" (?P<who>[\u4e00-\u9fff]{2,4}) \d{1,2}月\d{1,2}日$", title)
    if poster and len(_han(title[: poster.start()])) >= 8:
        meta.add_author(poster["who"])  # the poster and the day glued after the headline ('HEADLINE 某某某 10月6日')
        title = title[: poster.start()].rstrip()
    if re.search(r"[)）]$", title) and not re.search(r"[(（]", title):
        title = title[:-1].rstrip()  # a closing bracket left of stripped junk, with no opening one
    # a mark of what the story carries ('（图）', '(组图)', '[视频]') is no part of the headline
    title = re.sub(r"[（(\[【](?:组图|組圖|图|圖|附图|附圖|图文|圖文|多图|多圖|视频|視頻|附视频|附視頻)[）)\]】]$", "", title).rstrip()
    number = re.search(r"[(（]\d{1,2}[)）]$", title)
    if number and title[number.start() - 1: number.start()].isspace():
        title = title[: number.start()].rstrip()  # a gallery's picture number ('… 防汛抗洪 (7)')
    series = re.search(r"[(（]([^()（）]{6,30})[)）]$", title)
    if series and len(_han(series.group(1))) >= 6 and len(_han(title[: series.start()])) >= 6:
        meta.series = series.group(1).strip()
        title = title[: series.start()].rstrip()  # a column or series name after the headline
    return title if len(_han(title)) >= (2 if short else 3) else None


def _run_together_list(line: str, headline: str) -> bool:
    """An e-paper's titles of the page run into one line, the headline among them
    ('某某防线编者按行踏春看茗归某某“疫”尽春来满谢桥短评：'): no sentence, and the headline's
    characters inside a line of at least six more."""
    head = _han(headline)
    if len(head) < 4 or head not in _han(line):
        return False
    if len(_han(line)) >= len(head) + 6 and not re.search(r"[。！？!?，,\s|｜丨\[\]【】_—-]", line.strip()):
        return True  # (not a headline with a tag or a column: '[某某] 标题')
    # (or set off by spaces when the list runs much longer than the headline, no sentence among them:
    # '某某报要闻 TITLE——DECK TITLE TITLE 图片新闻 TITLE')
    return len(_han(line)) >= len(head) + 20 and len(line.split()) >= 4 and not re.search(r"[。；;]", line)


def _other_ending(line: str, title: str) -> bool:
    """Whether a line that opens with the headline's first words goes on with words of its own: a
    photo caption ('我校青年志愿者清理街道垃圾和淤泥' under '我校青年志愿者积极参与抗洪救灾'), not the
    headline repeated or cut short (characters only)."""
    start = title.find(line[:6])
    shared = 0
    while shared < len(line) and start + shared < len(title) and line[shared] == title[start + shared]:
        shared += 1
    return shared < len(line) and len(line) - shared >= 6 and shared < 0.8 * len(line)


def _stray_full_stop(lines: list[str], index: int) -> bool:
    """A short line of one clause ending in '。' right above a publishing stamp with its time
    ('7901多万党员捐款82.6亿元。' / '2020-03-29 18:18热点新闻'): a headline a content farm's template
    closed with a full stop (a letter's or a notice's date under its last line has no time)."""
    line = lines[index]
    return 6 <= len(_han(line)) <= 30 and not re.search(r"[，,。；;！？!?：:]", line[:-1]) \
        and bool(re.search(r"(?:19|20)\d{2}\D{1,3}\d{1,2}\D{1,3}\d{1,2}\D{0,2}\s*\d{1,2}:\d{2}", lines[index + 1]))


# a news app's account and the column it files in ('某某桃源 • 【某某桃源】精选'): a rubric, no headline
_ACCOUNT_COLUMN = re.compile(r"(?:[^\s•·【】]{2,12}\s?[•·]\s?)?【[^【】]{2,12}】\s?(?:精选|推荐|专栏|原创|头条|热点|要闻)")


# a line of reporters' titles and names ('记者 王某 通讯员 李某'), a magazine's with its outlet before each title
# and where they filed from ('某某周末记者 王某 某某周末实习生 李某 张某发自广东广州')
_FILED_FROM = re.compile(r"\s?发自[\u4e00-\u9fff]{2,10}$")
_REPORTERS_HEAD = re.compile(r"\S{0,10}?(?:记者|通讯员)(?:\s*[/／])?\s*")
_REPORTER_TOKEN = re.compile(r"(?P<role>[\u4e00-\u9fff·]{0,10}?(?:通讯员|实习生|记者))?(?P<name>[\u4e00-\u9fff]{2,4})?")


def _is_reporters_line(simple: str) -> bool:
    """Whether a line is reporters' titles and names and nothing else (see _FILED_FROM). Read token
    by token: one pattern for the whole line, a repeat of optional titles and names, took exponential
    time on a line of short Chinese words that fails at its end."""
    filed = _FILED_FROM.search(simple)
    line = simple[: filed.start()] if filed else simple
    head = _REPORTERS_HEAD.match(line)
    if not head:
        return False
    tokens = _join_spaced_names(tuple(re.split(r"[\s、]+", line[head.end():])))  # ('本报记者 安 娜')
    if not re.fullmatch(r"[\u4e00-\u9fff]{2,4}", tokens[0]):
        return False
    for index, token in enumerate(tokens[1:], 1):
        match = _REPORTER_TOKEN.fullmatch(token)
        if not match or not match["name"] and (not match["role"] or index + 1 >= len(tokens)):
            return False  # (a title alone is followed by its names)
    return True


def filed_from(line: str) -> str | None:
    """Where a magazine's byline says its reporters filed from ('…记者 王某 发自广东广州' gives
    '广东广州'), or None: a place the story is set in, though the byline leaves the text."""
    match = _FILED_FROM.search(to_hans(line.strip()))
    return match.group(0).strip()[2:] if match else None


_BULLETED = re.compile(r"\s*[·•●■◆▪]\s*\S")


def _header_kind(line: str) -> str:
    """'date', 'meta', 'rubric' or 'text' for a line above the first paragraph."""
    if _DATE_LINE.fullmatch(line) or _DMY_LINE.fullmatch(line) or _EDITION_DATE.match(line):
        return "date"
    simple = to_hans(line)
    if _DIGEST_DATE.fullmatch(simple.strip()):
        return "date"  # a digest's name and its day ('某某镜像.新闻汇总 2020-08-01'): the day the page gives
    if _CAPTION_CREDIT.search(line) and not parse_labelled(line):
        return "text"  # a photo caption and its photographer ('…值守。某某网 某某摄'): no byline, no headline
    if _photo_credit(line):
        return "meta"  # a picture's credit alone ('某某报·某某网记者某某/摄'), its picture lost in the copy
    if _TW_BYLINE.fullmatch(simple) or _TAGS_OUTLET_DATE.fullmatch(simple) or _AFFILIATION.fullmatch(simple) or len(_paper_authors(line)) >= 2 \
            or _name_and_unit(line) or _unit_then_name(line) or _NAMELESS_BYLINE.fullmatch(simple.strip()) \
            or _OUTLET_NAMES_FILED.fullmatch(simple.strip()) or _MEDIA_GROUP_FILED.fullmatch(simple.strip()) \
            or _COMMENTATOR_BYLINE.fullmatch(simple.strip()) \
            or (_TRAILING_DATE_LABEL.search(simple) or _EMPTY_DATE_FIELD.search(simple)) and not _SENTENCE_END.search(simple) and len(line) <= 60:
        return "meta"  # (or a page's bar with a labelled date glued to its end: '首页某某频道更新时间：2024-05-08')
    if parse_labelled(line) is not None or _unlabelled_meta(line) is not None or _account_header(simple) or _HANDLE_STAMP.fullmatch(line) or _AT_HANDLE.fullmatch(line) or _POSTED.match(simple) or _POSTED_GLUED.match(simple) \
            or _EDIT_STAMP.match(simple) or (_RELATIVE_TIME.search(simple) and len(line) <= 40) or _PROFILE_STAMP.match(simple) \
            or _WECHAT_STAMP.fullmatch(simple):
        return "meta"
    team = _team_bylines(simple.strip())
    if team and team.end() == len(simple.strip()):
        return "meta"  # a team's bylines from several outlets
    agency = _AGENCY_NAMES.fullmatch(simple.strip())
    if agency and all(is_person_name(n) for n in split_names(agency["n"])):
        return "meta"  # a news agency and its reporters' names, no title between ('新华社某某、某某')
    if _REPORTING_TEAM.fullmatch(simple.strip()):
        return "meta"  # an outlet's reporting team under the headline ('某某日报武汉一线报道组')
    if _ISSUE.fullmatch(simple) or _MAGAZINE_ISSUE.fullmatch(simple):
        return "meta"  # a magazine and its issue ('大学生 2020年3期', '发于2021.1.25总第982期《某某周刊》')
    if _AUTHOR_POSITION.fullmatch(simple):
        return "meta"  # the author's position under the headline ('某省某某研究中心教授')
    boxed = _BOXED_BYLINE.fullmatch(_PADDED_NAME.sub(r"\1\2", simple))
    if boxed and all(is_person_name(n) for n in re.sub(r"^(?:本报)?(?:记者|通讯员)", "", boxed["n"]).split()):
        return "meta"  # an e-paper's boxed byline ('□某某某（72岁）')
    if _POSTER_STATUS.fullmatch(simple):
        return "meta"  # a forum poster's status and name above the profile ('在线某某山人')
    if len(line) <= 60 and _ORIGINAL_NOTE.fullmatch(simple.strip()):
        return "meta"
    if simple.startswith("本文") and len(line) <= 40 and _ORIGIN_NOTE.match(simple):
        return "meta"  # an origin note ('本文首发于某某周末 未经授权 不得转载')
    if re.fullmatch(r"[【\[（(][^【】\[\]()（）]{2,30}[】\]）)]", line) or (len(line) <= 30 and re.search(r"\s>$", line)) \
            or _EDITOR_NOTE.fullmatch(simple) or _ACCOUNT_COLUMN.fullmatch(simple.strip()):
        return "rubric"  # (or a link widget ending in an arrow: '某某区块链 该文章已上链 >'; or an editor's note in
        # brackets, '【本文来自《某某》评论区，标题为小编添加】')
    if re.fullmatch(rf"[\u4e00-\u9fff]{{2,8}}?(?:{_OUTLET_BARE_END}|新闻网)|新华社|中新社|中国新闻社|[\u4e00-\u9fff]{{2,6}}通讯社", simple.strip()) \
            or _CHANNEL_LINE.fullmatch(simple.strip()) or _SITE_AND_PAPER.fullmatch(simple.strip()) \
            or _OUTLET_LIST.fullmatch(simple.strip()) or LATIN_OUTLET.fullmatch(line.strip()):
        return "outlet"  # an outlet or account name on its own line ('红星新闻', '成都商报', '人民网-安徽频道'),
        # or a programme and its outlet's app ('某某现场、某某客户端'), or a news agency ('新华社')
    unit = re.fullmatch(r"(?:特约)?通讯员\s*(?:[:：]\s*)?(?P<u>[\u4e00-\u9fff]{2,20})", simple.strip())
    if unit and _ORG.search(unit["u"]):
        return "meta"  # a unit as the correspondent ('通讯员某某区融媒体中心')
    if len(_han(line)) <= 12 and _ORG.search(simple) and not _SENTENCE_END.search(line) and not _CLAUSE.search(line) \
            and not _SITE_NAME.search(simple) and not re.search(r"\d", line) and "的" not in simple:
        # (a number makes it a headline: '某县2600名 党员干部下沉社区'; so does '的', which no unit's name has:
        # '暴雨中的某村党支部')
        return "org"  # the author's organisation under the headline ('河南省直机关工委')
    names = [n for n in re.split(r"[、,，\s]+", line) if n]
    if len(names) >= 2 and re.fullmatch(r"\d{1,4}", names[-1]) and all(is_person_name(n) for n in names[:-1]):
        return "meta"  # reporters and a bare day code or counter after them ('某某 某某 1231', a TV script's byline)
    if len(names) >= 2 and all(is_person_name(n) for n in names) or (
            2 <= len(names) <= 5 and _ORG.search(to_hans(names[0])) and all(is_person_name(n) for n in names[1:])) or (
            len(names) == 2 and is_person_name(names[1]) and len(names[0]) <= 16 and re.fullmatch(r"[\u4e00-\u9fff]+", names[0])
            and re.search(r"(?:队员|党员|书记|主任|干部|老师|教师|队长|站长|所长|组长|委员|社工|网格员|志愿者)$", to_hans(names[0]))) or (
            len(names) == 2 and is_person_name(names[0]) and len(names[1]) <= 24 and _ORG.search(to_hans(names[1]))
            and re.fullmatch(r"[\u4e00-\u9fff]+", names[1])) or (
            len(names) == 2 and is_person_name(names[1]) and re.fullmatch(r"[\u4e00-\u9fff]{2,20}?(?:市|区|县|镇|乡|街道|村|社区|路|街|巷)", to_hans(names[0]))
            and len(_han(names[0])) >= 4):
        return "meta"  # '杨敏、吴丽萍', '某县司法局 沈某某', '某村驻村工作队员 张某', '黄某 某某大学某某学院', '某市某区某某路 王某某'
    if _PRINT_EDITION_IN.search(line):
        return "meta"
    if len(line) <= 80 and re.search(r"(?:大学|大學|学院|學院|党校|黨校|研究院|研究所)[^()（）。]{0,30}[\s,，]\d{6}\s*[)）]?$", line):
        return "meta"  # a paper's authors and their institute with its postcode ('某某,某某(某某大学 某学院,湖北 某市 435002)')  # '本报记者 张 洋 …《 人民日报 》( 2021年08月03日 第 19 版)'
    if re.fullmatch(r"[\u4e00-\u9fff](?:[ \u3000]+[\u4e00-\u9fff]){1,2}", line) and is_person_name(re.sub(r"[ \u3000]+", "", line)):
        return "meta"  # a byline spaced out for layout ('许 阳')
    if _filed_byline(simple):
        return "meta"  # '本报记者某某某晋中报道'
    if not is_paragraph(line) and len(line) <= 60 and (_OUTLET_BYLINE.match(simple) or _OUTLET_BYLINE.match(_PADDED_NAME.sub(r"\1\2", simple))):
        return "meta"  # '某某日报·某某客户端记者 李某 通讯员 王某' under the headline
    writer = _WRITER_OUTLET.fullmatch(simple)
    if writer and is_person_name(writer["n"]):
        return "meta"  # a writer and the outlet after a slash ('申华/大河网', a news app's credit)
    if is_person_name(line) and _lone_name(simple.strip().lstrip("•·-").strip()) or (len(line) <= 30 or _FILED_FROM.search(simple) or "实习生" in simple) \
            and _is_reporters_line(simple):
        return "meta"
    return "text"


# compound surnames, which a four-character name may open with ('欧阳某某')
_COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙", "宇文",
                      "司徒", "西门", "南宫", "独孤", "轩辕", "端木", "呼延", "申屠", "澹台")


def _lone_name(simple: str) -> bool:
    """A name alone on its line is a byline: two or three characters, or four that open with a compound surname or
    two surnames ('欧阳某某', '张王某某'); never a place and a word that happen to open with a surname ('郑州水灾')."""
    return len(simple) < 4 or simple.startswith(_COMPOUND_SURNAMES) or simple[1] in _SURNAMES


# a column named by its topic and '新闻' ('抗疫新闻', '防汛新闻', '图片新闻'), not an outlet
_TOPIC_NEWS = re.compile(r"(?:抗疫|战疫|防疫|防控|疫情|防汛|抗洪|救灾|抢险|图片|视频|本地|要闻|时政|社会|热点|今日|一线|基层|党建|综合|国内|国际|校园|院内|医院)新闻")
# a journal paper's institution line (a university, a school, an institute…) with its place and postcode,
# maybe in brackets ('（某某师范大学 历史文化学院，湖北 黄石 435002）')
_AFFILIATION = re.compile(r"(?=[^。！？]{0,40}(?:大学|学院|学校|研究|党校|中心|委|局|医院|所|部))"
                          r"\s*[（(]?[\u4e00-\u9fff][^。！？；;()（）]{3,60}?[，,\s]\s*\d{6}\s*[)）]?\s*")


# an author's name and, in brackets, the unit they write from, alone under the headline ('李某某（某某县委组织部）',
# '周某某（某某村）', '张某 王某（某某大学）'): a byline, not a headline
_NAME_AND_UNIT = re.compile(r"(?P<n>[\u4e00-\u9fff·]{2,4}(?:[\s、，,]+[\u4e00-\u9fff·]{2,4}){0,3})\s*[（(](?P<u>[\u4e00-\u9fff]{2,30}?"
                            r"(?:委|部|局|办|厅|院|会|中心|支部|总支|党委|工委|政府|街道|社区|公司|集团|大学|学院|学校|中学|小学|医院|所|站|队|村|镇|乡|县|市|区))[)）]")


# a byline of the author's unit with the name glued after it, alone under the headline ('某某区某某镇王某某')
# (the unit one to three places, each a name and its level, the first a county or above written in full: no
# headline's words before them, '春到某某村田头', nor a city's short name, '郑州水灾')
_UNIT_THEN_NAME = re.compile(r"(?P<u>[\u4e00-\u9fff]{2,5}?(?:省|市|县|区|旗|州)(?:[\u4e00-\u9fff]{1,5}?(?:市|县|区|镇|乡|街道|社区|村)){0,2}"
                             r"(?:党委|党工委|党支部|党总支|委员会|人民政府|政府)?)(?P<n>[\u4e00-\u9fff]{2,3})")
# what ends a person's word, not a name: a title, a kin term, a village's or a place's ending ('李大爷', '王家庄')
_NOT_A_NAME_END = ("大爷", "大妈", "大娘", "奶奶", "爷爷", "阿姨", "大哥", "大姐", "书记", "主任", "老师", "师傅", "同志",
                   "家", "庄", "村", "屯", "店", "集", "营", "寨", "湾", "桥", "街", "路", "组", "队", "站", "所")


# (or an office of those places and the writer's name, maybe a pen name, after a space: '某某省某某市某某县委组织部 梧桐')
_UNIT_SPACE_NAME = re.compile(r"(?P<u>[\u4e00-\u9fff]{1,5}?(?:省|市|县|区|旗|州)(?:[\u4e00-\u9fff]{1,5}?(?:市|县|区|镇|乡|街道))?[\u4e00-\u9fff]{0,10}?"
                              r"(?:组织部|宣传部|委|局|办|中心|支部|党委|党工委|政府|街道|社区|医院|学校))[ \u3000]+(?P<n>[\u4e00-\u9fff]{2,4})")


# an outlet's byline whose reporter's name the copy lost, alone under the headline ('南方+ 记者', '某某日报记者')
_NAMELESS_BYLINE = re.compile(rf"(?P<o>[\u4e00-\u9fff]{{2,10}}?(?:{_OUTLET_END}|\+|＋))\s?(?:全媒体|融媒体|全媒|新媒体)?(?:首席|特约)?(?:记者|通讯员)")


# an outlet, its reporters and where they filed from, set off by spaces ('某某监委网站 侯某 自黑龙江五常报道')
_OUTLET_NAMES_FILED = re.compile(rf"(?P<o>[\u4e00-\u9fff]{{2,14}}?(?:网站|{_OUTLET_END}))\s+(?P<n>[\u4e00-\u9fff]{{2,4}}(?:[ 、][\u4e00-\u9fff]{{2,4}}){{0,3}})"
                                 r"\s+发?自[\u4e00-\u9fff]{2,12}报道")


# (or a media group's reporter, the group named by '全媒体' or '融媒体' however it ends: '某某财经全媒体记者郑某 广州报道')
_MEDIA_GROUP_FILED = re.compile(r"(?P<o>[\u4e00-\u9fff]{2,10}?)(?:全媒体|融媒体)(?:首席|特约|见习|实习)?记者\s?"
                                r"(?P<n>[\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,3}?)\s(?:发自)?[\u4e00-\u9fff]{2,6}报道")


# (or an outlet's commentator, set off by dots: '··某某日报评论员 洪某某··')
_COMMENTATOR_BYLINE = re.compile(rf"[·•\s]*(?P<o>[\u4e00-\u9fff]{{2,12}}?{_OUTLET_END})(?:特约|本报)?评论员\s?(?P<n>[\u4e00-\u9fff]{{2,4}})[·•\s]*")


def _unit_then_name(line: str) -> tuple[str, str] | None:
    """A byline of the author's unit and the name glued after it ('某某区朝阳镇赫某某'), or set off by a space
    ('某某县委组织部 梧桐'), as (unit, name); else None."""
    simple = to_hans(line.strip())
    spaced = _UNIT_SPACE_NAME.fullmatch(simple)
    if spaced and not spaced["n"].endswith(_NOT_A_NAME_END):
        return spaced["u"], spaced["n"]
    match = _UNIT_THEN_NAME.fullmatch(simple)
    if not match or match["n"].endswith(_NOT_A_NAME_END) or not (is_credit_name(match["n"]) if len(match["n"]) == 3 else is_person_name(match["n"])):
        return None  # (a two-character name with a common surname only: '某州水灾' is no unit and name)
    return match["u"], match["n"]


def _name_and_unit(line: str) -> list[str]:
    """The names of a byline with its unit in brackets ('李某某（某某县委组织部）'), else []."""
    match = _NAME_AND_UNIT.fullmatch(to_hans(line.strip()))
    names = re.split(r"[\s、，,]+", match["n"]) if match else []
    return names if names and all(is_person_name(n) for n in names) else []


_BRACKETED_HEAD = re.compile(r"【[^【】:：。；;]{8,30}】")


def _paper_authors(line: str) -> list[str]:
    """A journal paper's authors on their own line, two-character names maybe spaced out ('张 森，蔡某某'):
    each a credit's name; else []."""
    names = [n for part in re.split(r"[，,、；;]", line.strip()) for n in _join_spaced_names(tuple(part.split()))]
    return names if 1 <= len(names) <= 6 and all(re.fullmatch(r"[\u4e00-\u9fff]{2,4}", n) and is_credit_name(to_hans(n)) for n in names) else []


# a public-information page's index number ('005252186/2021-00068', '11330100002489/2020-12345')
_DISCLOSURE_INDEX = re.compile(r"[0-9A-Za-z]{6,20}[/／-](?:19|20)\d{2}-\d{3,6}")
# an outlet as the poster before '发表于' in a portal's post header ('某某网 发表于:2023-08-08 赞一个(0) …')
_POSTER_OUTLET = re.compile(rf"\s*(?P<o>[\u4e00-\u9fff]{{2,12}}?(?:{_OUTLET_END}|{_PORTAL_END}))\s+(?:发表于|发布于)")
# a column's tag and a place's name with a colon before a headline printed again ('【某某战疫专栏】某某新区：')
_COLUMN_AND_PLACE = re.compile(r"\s*(?:【[^【】]{1,14}】\s*)?(?:[\u4e00-\u9fff]{1,6} ?[|｜丨]{1,2} ?)?(?:[\u4e00-\u9fff·]{2,8}[:：]\s*)?")


def _without_outlet_tag(title: str) -> str:
    """A headline without the outlet's tag or name and colon before it ('【某某报】…', '某某网：…')."""
    return _OUTLET_COLON.sub("", _OUTLET_TAG.sub("", title))


def _keyword_tail(title: str) -> int | None:
    """Where the page's keywords glued after a page title begin ('…防疫一线_喀什-疏附县-礼包-': the
    '_'), else None: two or more short words joined by '-' after the last '_'."""
    at = title.rfind("_")
    if at < 0 or not re.fullmatch(r"(?:[\u4e00-\u9fff]{1,8}-)+[\u4e00-\u9fff]{0,8}-?", title[at + 1:].strip()) \
            or len([w for w in title[at + 1:].split("-") if w.strip()]) < 2:
        return None
    return at


def _cut_han_tail(line: str, count: int) -> str:
    """``line`` without the last ``count`` Chinese characters and anything after the first of them."""
    at = len(line)
    while count > 0 and at > 0:
        at -= 1
        if "\u4e00" <= line[at] <= "\u9fff" or "\u3400" <= line[at] <= "\u4dbf":
            count -= 1
    return line[:at]


def _fuller_headline(header: list[str], kinds: list[str], head_index: int, cut_above: bool = False, epaper: bool = False) -> int:
    """The chosen line, or the line that holds the headline in full: a page repeats its headline
    under the date without the place (or the unit) before it ('长泰：他们筑起…' / date / '他们 筑起…'), and
    prints a quotation or slogan ending in '！' as a deck under it ('HEADLINE' / '我是党员，必须
    冲在最前线！' / date)."""
    chosen = _han(header[head_index])
    for index in range(head_index):
        # (a column's tag before a bar on the page's title line goes: '抗击疫情·防控 | 某村：HEADLINE')
        bar = next((at for at, c in enumerate(header[index][:16]) if c in "|｜丨"), None)
        column = bar is not None and 2 <= len(_han(header[index][:bar])) <= 8 and not re.search(r"[:：，。！？]", header[index][:bar])
        line = header[index][bar + 1:].strip() if column else header[index]
        han = _han(line)
        if kinds[index] == "text" and len(chosen) >= 6 and han.endswith(chosen) and len(chosen) < len(han) <= len(chosen) + 12 \
                and re.search(r"[:：丨|｜\s]", line) and not _READING_LABEL.match(to_hans(header[index])) \
                and not re.match(r"(?:Home|HOME|首页|首頁|当前位置|當前位置|您的位置|您现在的位置)", header[index]):
            header[index] = line
            return index
    for index in range(head_index + 1, min(head_index + 3, len(header))):
        # a collection's title above the article's own headline, which adds its subtitle after a
        # colon or a dash ('某某先进事迹材料' / '某某先进事迹材料：人民的利益第一')
        rest = _han(header[index])[len(chosen):] if _han(header[index]).startswith(chosen) else ""
        if kinds[index] == "text" and len(chosen) >= 6 and 4 <= len(rest) <= 30 \
                and re.match(r"\s*(?:[:：]|——)", header[index].strip()[len(header[head_index].strip()):]):
            return index
    tagged = _keyword_tail(header[head_index])
    if tagged is not None:
        # a page title cut short with the page's keywords glued on ('某某见闻：万名干部深入防疫一线_某地-某县-礼包-')
        # over the headline printed in full ('某某见闻：万名干部深入防疫一线保障民众生产生活')
        short = _han(_without_outlet_tag(header[head_index][:tagged]))
        for index in range(head_index + 1, min(head_index + 4, len(header))):
            rest = _han(header[index])[len(short):] if _han(header[index]).startswith(short) else ""
            if kinds[index] == "text" and len(short) >= 8 and 2 <= len(rest) <= 30 and not _SENTENCE_END.search(header[index]):
                return index
    for index in range(head_index + 1, min(head_index + 4, len(header) - 1)):
        # the page's title was the article's subtitle: the headline is printed in full further down,
        # over that subtitle ('某县…工作纪实' / date / '风雨之中党旗红' / '——某县…工作纪实')
        if kinds[index] == "text" and header[index + 1].lstrip().startswith(("——", "--")) and _han(header[index + 1]) == chosen \
                and 4 <= len(_han(header[index])) <= 30 and not is_paragraph(header[index]) and not _SITE_NAME.search(to_hans(header[index])):
            kinds[index + 1] = "subtitle"
            original = _TITLE_LABEL.match(to_hans(header[index]))
            if original and original["label"] in ("原标题", "原標題"):
                header[index] = header[index][original.start("t"):]  # (its label no part of it: '原标题：某某' / '——…综述')
            return index
    line = header[head_index].rstrip("”’」』)）")
    above = header[head_index - 1] if head_index > 0 else ""
    if head_index > 0 and kinds[head_index - 1] == "text" and above.strip().endswith(("——", "--")) \
            and 6 <= len(_han(above)) <= 30 and not _SENTENCE_END.search(above) and not re.search(r"[:：|｜丨]|[A-Za-z]{3,}", above) \
            and 4 <= len(_han(header[head_index])) and not header[head_index].lstrip().startswith(("——", "--")) \
            and (head_index == 1 or kinds[head_index - 2] in ("date", "meta", "rubric")) and not cut_above:
        # a kicker naming who acted and ending in a dash, over the quoted headline ('某某县某某小学党支部——' /
        # '“齐心协力，确保按时复课”'): the first part of a headline set in two lines, joined with its dash
        header[head_index - 1] = above.strip().rstrip("—-").rstrip() + "——" + header[head_index].strip()
        kinds[head_index] = "joined"
        return head_index - 1
    if head_index > 0 and kinds[head_index - 1] == "text" and 6 <= len(_han(above)) <= 24 \
            and (re.search(r"[\u4e00-\u9fff”」][，,、“「][\u4e00-\u9fff“「]|[\u4e00-\u9fff][“「]", above.strip())
                 or epaper and len(_han(above)) >= 8) \
            and not _SENTENCE_END.search(above) and not re.search(r"[。；;:：|｜丨《》]|——$|--$", above) \
            and not _KICKER_ACTOR.search(to_hans(above.strip())) \
            and not _SITE_NAME.search(to_hans(above)) and not _SLOGAN.fullmatch(above.strip()) \
            and not re.search(r"[A-Za-z]{3,}|\d", above) and 6 <= len(_han(header[head_index])) and _han(above) != _han(header[head_index]) \
            and (head_index == 1 or kinds[head_index - 2] in ("date", "meta", "rubric")
                 or kinds[head_index - 2] == "text" and _SITE_NAME.search(to_hans(header[head_index - 2]))) and not cut_above:
        # a kicker (引题) over the headline, a phrase of its own with a comma or quotes inside ('党群携手，万众一心战洪魔'
        # / 'HEADLINE', '“守门员”又当“网格员”' / 'HEADLINE'): the first line of a two-line headline, joined with '——'
        # (not a site's slogan above a login bar the cleaner took out: '最好看的新闻，最实用的信息' / '登录 注册'; on an
        # e-paper, whose headlines are set in two lines, a main title over its explanatory line needs no comma:
        # '坚守奉献筑起防疫铜墙铁壁' / '某市直机关1322名党员干部下沉社区…'; a kicker that names who acted or quotes a
        # document, '某某区党员志愿服务队' / '某某委员会印发《通知》', stays as text: see _is_kicker)
        header[head_index - 1] = above.strip() + "——" + header[head_index].strip()
        kinds[head_index] = "joined"
        return head_index - 1
    if line.endswith(("！", "!")) and kinds[head_index - 1 if head_index else 0] == "text" and head_index > 0 and not cut_above \
            and 8 <= len(_han(above)) <= 40 and not _CLAUSE.search(above) and not _SENTENCE_END.search(above) \
            and not _SITE_NAME.search(to_hans(above)) and not re.search(r"[A-Za-z]{3,}", above):
        kinds[head_index] = "subtitle"
        return head_index - 1
    return head_index


_DOCUMENT_HEAD = re.compile(r"^关于[^。！？]{4,60}的(?:紧急)?(?:通知|通告|公告|决定|意见|倡议书?|请示|批复|方案)$|^[^。！？]{2,40}(?:倡议书|公开信|一封信)$")


def _addressee(line: str, title: str) -> bool:
    """Whether the line is a document's salutation ('全县广大共产党员：' under '致全县广大共产党员的
    倡议书'), article text, though its words repeat the heading's."""
    return line.rstrip().endswith(("：", ":")) and bool(_DOCUMENT_HEAD.search(to_hans(title).strip()))


# an outlet's reporter credited for a photo at the end of a caption or alone ('…做准备。新华社记者 某某某摄')
_AGENCY_PHOTO = re.compile(rf"(?:^|[。！？”」）)]\s*)(?P<o>[\u4e00-\u9fff]{{1,10}}?(?:通讯社|新闻社|社|网|报|电视台))(?:特约)?记者\s?"
                           r"(?P<n>[\u4e00-\u9fff]{2,4}?)\s?(?:摄影|摄)[)）]?$")
# (or the agency alone in brackets after a caption: '…转移病患。(新华社)', '…（中新社发）')
_AGENCY_BRACKET = re.compile(r"[。！？”」]\s*[（(](?P<o>新华社|中新社|中国新闻社)(?:发|供图|传真)?[)）]$")
# a sentence, then its photographer's credit without brackets ('新闻发布会现场。某某网 某某摄')
# (or with the picture agency after a slash: '…物资。首席记者 某某 摄/视觉某某')
# (or the agency or site that issued the photo: '…防控。新华社发', '…防控。某某官网发')
# (or the role first with a slash: '…坍塌。摄影/某某', '…现场。图/某某')
_CAPTION_CREDIT = re.compile(r"[。！？][”’」』]*[ \u3000]*(?:[^。！？\s]{1,16}(?:[ \u3000][^。！？\s]{1,8}){0,2}[ \u3000]?(?:摄|攝|摄影|攝影|供图|供圖|(?<=[社网網])(?:发|發|图片|圖片))"
                             r"(?:[/／][\u4e00-\u9fff]{2,8})?(?:[（(][\u4e00-\u9fff]{2,8}[)）])?|(?:摄影|攝影|图|圖)[/／][\u4e00-\u9fff]{2,4}(?:[ 、][\u4e00-\u9fff]{2,4}){0,2})[ \u3000]*$")


# (or glued to a caption without a full stop: '…的镇村干部在码头巡视某某融媒记者 李某 摄')
_GLUED_PHOTO_CREDIT = re.compile(r"(?<=[\u4e00-\u9fff”」])[\u4e00-\u9fff]{0,8}(?:记者|通讯员)\s?[\u4e00-\u9fff]{2,4}\s?(?:摄影|摄)$")
# (or with the photographer in brackets: '航拍某某联圩开闸行洪。（李某 摄）')
_BRACKET_CAPTION = re.compile(r"[。！？][”’」』]*[ \u3000]*[（(][^（）()]{1,20}?(?:摄|攝|摄影|攝影|供图|供圖|图|圖)[)）][ \u3000]*$")


def _labelled_title(value: str) -> str:
    """A '标题：' field's headline without the byline a spun copy glued after it ('…同心守江堤 文图/记者 某某 通讯员')
    and without a quotation mark it opened and never closed ('“某某区…')."""
    value = re.split(r"(?<!\s)\s+(?:文图|图文|文|图|摄)\s*[/／|｜]|(?<!\s)\s+(?:本报)?(?:记者|通讯员|記者|通訊員)(?=[\s\u4e00-\u9fff])", value)[0].strip()
    if value.startswith(("“", "「")) and value.count(value[0]) > value.count("”" if value[0] == "“" else "」"):
        value = value[1:]
    return value


def _named_in_sentences(han: str, index: int, lines: list[str]) -> bool:
    """Whether every other occurrence of a line's characters is inside a sentence of the article
    ('…以来，某某村驻村工作队把抓好…' under the account name '某某村驻村工作队'): a name the story uses,
    not a headline it repeats (a print view, a dateline's '题：', an e-paper's list of titles)."""
    found = False
    for other, line in enumerate(lines):
        flat = _han(line)
        if other == index or han not in flat:
            continue
        found = True
        start = flat.find(han)
        # (a paragraph that opens with the line as its first sentence, '瑞丽面临第三次“封城”。7月7日0时起…'
        # under the section head '瑞丽面临第三次“封城”', uses it in a sentence too)
        end = next((i for i, c in enumerate(line.strip()) if c in "。！？!?"), -1)
        opens = start == 0 and len(flat) >= len(han) + 8 and len(han) <= end <= len(han) + 8
        if "。" not in line or start == 0 and not opens or start + len(han) == len(flat):
            return False
    return found


# a short label and its colon opening a line ('探访地点：')
_LINE_LABEL = re.compile(r"[^\s:：，。！？]{2,6}[:：]")


_TWO_PHRASE_HEAD = re.compile(r"(?P<a>[^，,。！？\s]{2,8})[，,](?P<b>[^，,。！？\s]{4,14})")


def _parallel_heads(line: str, body: list[str]) -> int:
    """How many short lines of the body have a two-phrase line's very shape: a phrase of as many
    characters, a comma, a phrase of about as many ('党员冲锋，筑牢防汛救灾坚实堤坝' for '闻“汛”而动，凝聚防汛救灾
    硬核力量')."""
    shape = _TWO_PHRASE_HEAD.fullmatch(line.strip())
    if not shape:
        return 0
    return sum(1 for x in body if not is_paragraph(x) and (m := _TWO_PHRASE_HEAD.fullmatch(x.strip()))
               and len(_han(m["a"])) == len(_han(shape["a"])) and abs(len(_han(m["b"])) - len(_han(shape["b"]))) <= 3)


def _section_heads(body: list[str]) -> bool:
    """Whether a story's body has at least one section head of its own: a short line of its own,
    no sentence ('为什么总是瑞丽？', '卫生系统的压力'), between paragraphs."""
    return any(4 <= len(_han(line)) <= 16 and not is_paragraph(line) and not line.rstrip().endswith(("。", "，", "；", "：", ":", ","))
               and _header_kind(line) == "text" and 0 < index < len(body) - 1 and is_paragraph(body[index + 1])
               for index, line in enumerate(body[:60]))


@functools.lru_cache(maxsize=4096)
def _dateline_alone(line: str) -> bool:
    """A dateline with nothing after it but its reporters in brackets ('新华社北京8月20日电', '中央社／ 台北7日電').
    Cached: every headline candidate's score asks it of each header line."""
    simple = to_hans(line.strip())
    for pattern in _DATELINES:
        dateline = pattern.match(simple)
        rest = simple[dateline.end():].strip() if dateline else None
        if rest == "" or rest and len(rest) <= 42 and rest[0] in "（(" and rest[-1] in ")）" \
                and not re.search(r"[()（）]", rest[1:-1]):
            return True
    return False


def _label_above(above: str, line: str) -> str | None:
    """The role of a label alone on the line above when ``line`` is shaped like its value ('来源:' / '某某日报',
    '地址：' / '某省某市某路78号'): the template put each in its own cell. None otherwise."""
    pairs = parse_labelled(above)
    if pairs and len(pairs) == 1 and not pairs[0][1].strip(" :：") and pairs[0][0] in _VALUE_BELOW_ROLES \
            and len(line.strip()) <= 30 and not re.search(r"[，。！？,!?；;]", line):
        return pairs[0][0]
    return None


# the fields of an e-paper's page-property comment left as text (Founder's enpproperty): its date, then the title, then
# the site and node numbers before the paper's name ('2021-07-26 某某印发《通知》 1 1 某某日报 content_51477.html …'),
# and the deck after the page number ('… content_51477.html 1 在防汛救灾中… /enpproperty-->')
_ENP_TITLE = re.compile(r"\s*(?:19|20)\d{2}-\d{1,2}-\d{1,2}\s+(?P<t>[^\s].{3,80}?)\s+\d{1,4}\s+\d{1,4}\s+[^\s]{2,20}\s+content_\w+\.html?\b"
                        r"(?:\s+\d{1,4}\s+(?P<d>[^\s/][^/]{3,80}?)\s*/enpproperty)?")


# a threaded forum's title line: its label, the title and the poster after ' -- ' ('主题：某某救灾现场：… -- poster8972')
_THREAD_TITLE = re.compile(r"\s*(?:主题|主題)\s*[:：]\s*(?P<t>\S.{3,80}?)\s+--\s+(?P<p>[\w\-.]{2,30})\s*")
# the page title of a model-essay site: what the piece is ('…抗洪救灾先进事迹材料', '…心得体会', '…发言稿')
_MATERIAL_HEAD = re.compile(r"(?:事迹材料|先进材料|典型材料|心得体会|发言稿|演讲稿|讲话稿|观后感|范文)$")


def _enp_title(removed: list[Removal]) -> tuple[str, str]:
    """The Han characters of the headline and of the deck an e-paper's page-property residue names ('' for none)."""
    for removal in removed:
        if "enpproperty" in removal.text:
            match = _ENP_TITLE.match(to_hans(removal.text))
            if match:
                return _han(match["t"]), _han(match["d"] or "")
    return "", ""

# a diary entry's head: its day, maybe its weekday, and the weather ('七月二十六日 星期一 晴', '2022年4月12日 晴转阴')
_DIARY_DAY = re.compile(r"\s*(?:(?:19|20)\d{2}年)?(?:\d{1,2}|[一二三四五六七八九十]{1,3})月(?:\d{1,2}|[一二三四五六七八九十]{1,3})日\s?"
                        r"(?:(?:星期|周)[一二三四五六日天]\s?)?(?:晴|阴|多云|小雨|中雨|大雨|暴雨|雷阵雨|阵雨|雨|小雪|大雪|雪)")
# an empty date field ending a template site's line of the uploader and its share button ('某某1860 分享 时间：')
_EMPTY_DATE_FIELD = re.compile(r"\S\s+(?:分享|上传|发布)\s+(?:时间|日期)[:：]\s*$")
# an outlet and its writers set off by a dot, before a labelled date ('某某县融媒体中心 · 王某 李某 | 发布时间…')
_OUTLET_TEAM = re.compile(rf"(?P<o>[\u4e00-\u9fff]{{2,16}}?(?:融媒体中心|{_OUTLET_END}))\s?[·•]\s?(?P<n>[\u4e00-\u9fff]{{2,4}}(?: [\u4e00-\u9fff]{{2,4}}){{0,5}})")
# a labelled date glued to the end of a line ('…突击队更新时间：2024-05-08')
_TRAILING_DATE_LABEL = re.compile(r"(?:更新|发布|发表|上传|录入|添加)?(?:时间|日期)[:：]?\s?(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s?\d{1,2}:\d{2}(?::\d{2})?)?\s*$")


def _title_score(index: int, lines: list[str], kinds: list[str], removed_text: str, everything: str,
                 all_lines: list[str]) -> float | None:
    line = lines[index]
    han = _han(line)
    # a headline of two or three characters counts only when exclaimed or asked ('致敬！'; a bare
    # '匿名', '莆币' above a forum's date line is the poster or a scrap) right above its dated
    # metadata line
    short = 2 <= len(han) < 4 and line.rstrip().endswith(("！", "!", "？", "?")) and index + 1 < len(lines) and kinds[index + 1] in ("date", "meta") \
        and bool(_DATE.search(to_hans(lines[index + 1]))) and not _SITE_NAME.search(to_hans(line)) and han not in removed_text
    # (or three characters right under an e-paper's page line, '00003版：某某专版' / '追风记')
    short = short or len(han) == 3 and han == line.strip() and index > 0 and bool(_EPAPER_PAGE.match(to_hans(lines[index - 1]))) \
        and not _SITE_NAME.search(to_hans(line))
    if not (4 <= len(han) <= 64 or short) or line.rstrip().rstrip("”’」』\"'").endswith((":", "：", "。", "，", ",", "、", "；", ";")) \
            or _TITLE_LABEL.match(to_hans(line)) or _SECTION_NUMBER.match(line) or _BULLET_INFO.match(line) \
            or re.search(r"[。！？][”’」』]*\s*[（(][^（）()]{1,30}[)）]$", line) or re.match(r"\s*(?:[▲△▼↑]|[●•◆■]\s?[/／]|图为|圖為)", line) \
            or _CAPTION_CREDIT.search(line) or _GLUED_PHOTO_CREDIT.search(to_hans(line.strip())):
        return None  # (a numbered section head, '一、…' / '（二）…' / '3、…', opens a report's body; a sentence and
        # its photo credit, '…的淤泥。（某某记者 某某/图）' or '…现场。某某网 某某摄', is a caption, as is a line opening
        # with '▲', '●/' or '图为')
    if line.lstrip().startswith(("——", "--")):
        return None  # a subtitle whose headline the copy lost ('——解密某某如何…'): no headline
    if re.search(r"[/／]\s?(?:照片|图片|圖片|摄影|攝影|图|圖)\s*$", line):
        return None  # a photo's caption ending in its marker ('某某在某医院/照片'): no headline
    if re.match(r"\s*(?:所属|工作|服务|所在)(?:单位|地点|岗位|时间)[:：]", to_hans(line)):
        return None  # a profile card's field ('服务地点：某某社区…', '所属单位：…'): no headline
    if _DIARY_DAY.match(to_hans(line)):
        return None  # a diary entry's day and weather ('七月二十六日 星期一 晴', '2022年4月12日 晴转阴 …'): no headline
    if _TRAILING_DATE_LABEL.search(to_hans(line)):
        return None  # a line that ends in a labelled date ('首页某某频道更新时间：2024-05-08'): a page's bar, no headline
    if _dateline_alone(line):
        return None  # a dateline alone on its line ('新华社北京8月20日电', '中央社／ 台北7日電'): the lead's first words
    twin = index + 1 < len(lines) and _han(lines[index + 1]) == han or index > 0 and _han(lines[index - 1]) == han
    if twin and len(han) <= 8 and any(kinds[j] == "text" and 8 <= len(_han(lines[j])) <= 40 and _han(lines[j]) != han
                                      and not _SENTENCE_END.search(lines[j]) and not _SITE_NAME.search(to_hans(lines[j]))
                                      and not re.search(r"[|｜>»]|\s\S+\s", lines[j]) for j in range(index)):
        return None  # a picture's alt text and its caption, one short line twice under the headline ('铜锣上阵' / '铜锣上阵')
    at_work = _PERSON_AT_WORK.fullmatch(to_hans(line).strip())
    if at_work and is_person_name(at_work["n"]):
        return None  # a photo's caption, someone at work ('张某某在村口巡视汛情', '王某（右）在堤上查看水情')
    if _EPAPER_MASTHEAD.search(to_hans(line).strip()) and len(han) <= 24 and not re.search(r"[，,：:“”「」！!？?]", line):
        return None  # an e-paper's masthead ('某某报数字报纸', '某某日报电子版')
    if index > 0 and kinds[index - 1] == "meta" and _label_above(lines[index - 1], line):
        return None  # the value under a label alone on its line ('地址：' / '某省某市某路78号')
    # (under the headline, such a line counts like its byline or date line)
    kinds = ["meta" if k == "text" and _dateline_alone(x) else k for k, x in zip(kinds, lines)]
    label = _LINE_LABEL.match(line.strip())
    if label and len({x.strip()[label.end():label.end() + 4] for x in all_lines
                      if x.lstrip().startswith(label[0]) and len(_han(x)) <= 24 and not is_paragraph(x)}) >= 2:
        # a label that opens several short lines of the page, each going on differently, heads a part of the
        # story ('探访地点：…'), not the story (a headline repeated by the page goes on the same way each time;
        # a dateline's '某某网讯：' opens the headline and the lead, a paragraph)
        return None
    below_line = all_lines[index + 1].lstrip() if index + 1 < len(all_lines) else ""
    speaker = re.match(r"([\u4e00-\u9fff]{2,3})[:：]", below_line)
    if speaker and line.lstrip().startswith(speaker[1]) and is_person_name(speaker[1]):
        return None  # a video's name-plate over its speaker's words ('王某某某某村党支部书记' / '王某某：我们村…')
    if any(_run_together_list(line, x) for x, k in zip(lines[index + 1: index + 8], kinds[index + 1: index + 8]) if k != "org"):
        return None  # an e-paper's titles of the page run into one line, a later line among them (not the
        # publisher under the date that the headline opens with: 'HEADLINE' / date / '某某学院')
    score = 0.0
    # a photo caption with its photographer's credit under the headline ('…现场。某某网 某某摄', '…行洪。（李某 摄）',
# an agency's picture, '…物资。某某社图片')
    # is passed over like a subtitle
    kinds = kinds[:index + 1] + ["rubric" if k == "text" and (_CAPTION_CREDIT.search(x) or _BRACKET_CAPTION.search(x)) else k
                                 for k, x in zip(kinds[index + 1:], lines[index + 1:])]
    after = [k for k in kinds[index + 1:] if k not in ("subtitle", "rubric")]
    # a scrap of one to three characters between the headline and its dated metadata line
    # (a forum's currency name '莆币' above '发表于 2020-2-22 …') does not count
    rest = [(k, x) for k, x in zip(kinds[index + 1:], lines[index + 1:]) if k not in ("subtitle", "rubric")]
    # (or a column's tag in a list bullet: '• 新闻')
    while len(rest) > 1 and rest[0][0] == "text" and re.fullmatch(r"(?:[\u4e00-\u9fff]{1,3}[.。…]*|[•·●▪■◆]\s*[\u4e00-\u9fff]{1,4})", rest[0][1].strip()):
        rest = rest[1:]
    if rest and rest[0][0] in ("date", "meta") and (_DATE.search(to_hans(rest[0][1])) or parse_labelled(rest[0][1])):
        after = [k for k, _ in rest]
    if after and (after[0] in ("date", "meta") or after[0] in ("org", "outlet") and len(after) > 1 and after[1] in ("date", "meta")):
        score += 3
    if index > 0 and kinds[index - 1] in ("date", "meta"):
        score += 1
    if index + 1 < len(lines) and kinds[index + 1] == "subtitle" and lines[index + 1].lstrip().startswith(("——", "--")) \
            and not _SENTENCE_END.search(line) and len(han) <= 40:
        score += 2  # right over its '——' deck ('青春心向党建功新时代' / '——青年代表讲述…的故事' / '编者按：')
    if index > 0 and _EPAPER_PAGE.match(to_hans(lines[index - 1])):
        score += 1  # right under an e-paper's page line ('00003版：某某专版')
    if index > 0 and kinds[index - 1] == "text" and lines[index - 1].rstrip().endswith(("——", "--")) \
            and 6 <= len(_han(lines[index - 1])) <= 40 \
            and not any(kinds[j] in ("date", "meta") and _DATE.search(to_hans(lines[j])) and kinds[j - 1] == "text"
                        and 4 <= len(_han(lines[j - 1])) <= 64 for j in range(1, index - 1)):
        # (not under a page's headline and its dated line: there a '某村党支部书记某某——' over a quote
        # opens one of the profiles in the story)
        score += 2  # under a kicker that hands over to it ('新安江大坝闭闸前后，记者亲历建德灾后重建——')
    below = all_lines[index + 1] if index + 1 < len(all_lines) else ""
    # (a picture's alt text and caption under it, one short line twice, do not count: '铜锣上阵' / '铜锣上阵')
    twins = len(lines) - index - 1 == 2 and _han(lines[index + 1]) == _han(lines[index + 2]) and len(_han(lines[index + 1])) <= 8
    if twins:
        below = all_lines[len(lines)] if len(lines) < len(all_lines) else ""
    if (index + 1 == len(lines) or twins) and below and _opens_with_dateline(below) \
            and not any(k == "text" and len(_han(x)) >= 8 and len(x.split()) < 4 for k, x in zip(kinds[:index], lines[:index])):
        # right above the lead that opens with a dateline ('某某网2月18日讯（记者 某某）…'), the only line
        # of its kind above it (under photo captions, the last caption is no headline)
        score += 3
    if index + 2 == len(lines) and kinds[index + 1] == "text" and re.search(r"[！？!?，,：:“”]", line) \
            and len(_han(lines[index + 1])) <= 12 and not re.search(r"[！？!?。，,…]$", lines[index + 1].rstrip("”’」』")) \
            and not any(k == "text" and len(_han(x)) >= 8 for k, x in zip(kinds[:index], lines[:index])) \
            and (_section_heads(all_lines[len(lines):])
                 or re.search(r"[\u4e00-\u9fff”」]{4}[：:][\u4e00-\u9fff“「]{4}", line) and len(_han(lines[index + 1])) <= 10
                 and not re.search(r"[^\u4e00-\u9fff\s]", lines[index + 1].strip())):
        # above the story's first section head ('第三次封城！为何总是瑞丽？' / '瑞丽面临第三次“封城”' / story with
        # more such heads): a headline's sentence punctuation, which a column's name never has (no line of
        # text above it, no fragment of a sentence under it: a lead broken into short lines is no headline);
        # or a headline of a topic and a colon over a short bare phrase, a section head where a page of a paginated
        # feature starts ('某某党员干部群像：你用担当抚平风浪' / '他们传递温暖的力量')
        score += 2
    if index == len(lines) - 1 or kinds[index + 1:] and all(k in ("date", "meta", "subtitle", "rubric") for k in kinds[index + 1:]) \
            or kinds[index + 1:] and all(k in ("date", "meta", "subtitle", "rubric", "org", "outlet") for k in kinds[index + 1:]) \
            and kinds[index + 1] in ("org", "outlet"):
        score += 1  # (or over the unit that wrote it alone on its line: 'HEADLINE' / '省某某办')
    elif kinds[index + 1:] and all(k in ("date", "meta", "subtitle", "rubric") or k == "text" and x.rstrip("”’」』)）").endswith("。")
                                   and len(_han(x)) <= 12 for k, x in zip(kinds[index + 1:], lines[index + 1:])):
        score += 1  # (only short sentences under it: a story opening on a one-sentence paragraph, '大雨倾盆。')
    if index == 0 and re.match(r"[\u4e00-\u9fff]{1,8}(?:县|区|市|镇|乡|村|街道|社区)[：:][^：:。！？]{4,}[！!]?$", line.strip()):
        score += 1.5  # a place and what it did, the first line on top ('千阳县：65支党员突击队坚守一线'), over a photo caption
    if index == 0 and index + 1 < len(lines) and kinds[index + 1] == "text" and _SPACED_HEADLINE.fullmatch(line.strip()) \
            and len(_han(lines[index + 1])) >= 8 and not any(_han(x) == han for x in lines[index + 1:]) \
            and not _SLOGAN.fullmatch(line.strip()) and line.count("就是") < 2:
        score += 1.5  # a headline of two spaced phrases on top, over its deck ('设立某某义站 织密家门口防护网' /
        # '某某社区凝聚合力，助力…'): not a slogan of two four-character words ('众志成城 抗击疫情')
    if len(han) >= 8 and everything.count(han) >= 2 and not _named_in_sentences(han, index, all_lines) \
            or len(han) >= 4 and sum(_han(x) == han for x in lines) >= 2:
        # the headline is repeated (a print view, a dateline '题：', a truncated copy, an e-paper's
        # list of the page's articles above the issue date and the headline under it)
        score += 2
    rubric = re.match(r"[【\[][^】\]]{1,12}[】\]]", line)
    if rubric and len(_han(line[rubric.end():])) >= 6 and not any(_han(x) == _han(line[rubric.end():]) for x in lines):
        # (not when the page also shows the headline without it: that one is the headline)
        score += 1  # a column label opening the line ('【疫情】村干部在…'): a headline's shape, not a sentence's
        if _BOARD_TAG.match(line) and line.startswith(("[", "［")):
            score += 2  # a forum's board tag ('[讨论]…'): a thread's title, above the poster's profile and counters
    if _DOCUMENT_HEAD.search(to_hans(line).strip()):
        score += 2  # an official document's heading ('关于…的通知', '…倡议书') over its addressee or its first paragraph
    if _THREAD_TITLE.fullmatch(to_hans(line)):
        score += 3  # a threaded forum's title line, its label and its poster ('主题：… -- poster')
    if re.search(r"[|｜丨]\s?第[0-9一二三四五六七八九十百]{1,4}(?:辑|輯|期|集|篇|弹|彈)\s*$", line):
        score += 2.5  # a series' headline with its issue after a bar ('…青年突击队 | 第18辑'), over an account's slogan
    if index == 0 and _MATERIAL_HEAD.search(to_hans(line).strip()) \
            and not any(_MATERIAL_HEAD.search(to_hans(x).strip()) for x in lines[1:]):
        score += 3.5  # a template site's page title naming the kind of piece ('某某先进事迹材料'), over the piece's own
        # title and '——' deck (not a column's name over the piece's title of the same kind: '教育范文心得体会' /
        # '抗洪抢险的心得体会')
    if len(han) <= 4 and not short:
        score -= 1  # four characters or fewer are a column's name more often than a headline ('政法文化')
    parts = line.split("——")
    if len(parts) == 2 and len(_han(parts[0])) >= 6 and len(_han(parts[1])) >= 6:
        score += 1.5  # a headline and its subtitle joined by '——' (a banner or a deck has no such part)
    simple = to_hans(line)
    # (a line with a comma, a colon or quotes is no site name, though it may end like one: '…，重整家园')
    site_like = bool(_SITE_NAME.search(simple)) and not re.search(r"[，,：:“”「」！!？?]", line)
    # (not a headline in quotes over its dated line that the breadcrumb's last step repeats: '某镇“红蓝护村”见成效')
    crumb_repeat = han in removed_text and not site_like and re.search(r"[“”「」！？]", line) and bool(after) and after[0] in ("date", "meta")
    if len(han) <= 12 and (site_like or han in removed_text and not crumb_repeat or simple.startswith("欢迎")) \
            and not (index + 1 < len(lines) and kinds[index + 1] == "subtitle" and lines[index + 1].lstrip().startswith(("——", "--"))):
        # (not over its own '——' subtitle: '众志成城 守护家园' / '——某某市党员干部防汛纪实' is a headline)
        score -= 4  # a site, forum or column name ('周口党建网', the breadcrumb's last step)
    if re.search(r"[A-Za-z]{3,}|\d{5,}", line) and len(han) < 8:
        score -= 3
    return score


def extract(cleaned: Cleaned) -> Extracted:
    lines = list(cleaned.lines)
    numbers: list[int | None] = list(cleaned.numbers) or [None] * len(lines)
    meta = _Builder()
    taken: list[Removal] = []
    # (an e-paper's page-property residue repeats the headline: it is no breadcrumb naming a column)
    # (nor does what the cleaner cut after the story: a forum archiver's '查看完整版本：HEADLINE' under the replies)
    removed_text = _han(" ".join(r.text for r in cleaned.removed if not re.search(r"content_\d+\.html?", r.text) and not r.why.startswith("tail:")))
    # the steps of the breadcrumb after its first ('首页 > 新闻 > 社会资讯'): the site's columns, which a dated line
    # may repeat beside its date ('社会资讯 2025-06-19 22:30:47'), never an outlet
    columns = {_han(step) for r in cleaned.removed if _CRUMB_START.match(to_hans(r.text.strip()))
               for step in re.split(r"»|>>|>|→|/", to_hans(r.text.strip()))[1:] if _han(step)}

    def take(index: int, why: str, text: str | None = None) -> None:
        taken.append(Removal(numbers[index] if index < len(numbers) else None, text or lines[index], why))

    _rejoin_wrapped(lines, numbers)
    _split_run_in_label(lines, numbers)
    _split_run_in_title(lines, numbers)
    _join_split_date(lines, numbers)
    _join_label_lines(lines, numbers)
    _join_broken_headline(lines, numbers)
    _join_hard_break(lines, numbers)
    # a header copied as a list ('- 某县党员捐款超过520万元' / '- www.example.cn 某某新闻网 2020年03月09日 09:32:16'):
    # the marks are the page's layout, not the headline's or the byline's
    marked = 0
    while marked < min(len(lines), 6) and _LIST_MARK.match(lines[marked]) and not is_paragraph(lines[marked]):
        marked += 1
    if marked >= 2:
        for index in range(marked):
            lines[index] = lines[index][_LIST_MARK.match(lines[index]).end():]
    for index in range(min(len(lines), 24)):
        # a list bullet before a byline that opens a body-only page ('○ 通讯员 某某', '□某某日报记者某某'):
        # the byline is metadata, not a headline
        bullet = _BULLET.match(lines[index])
        rest = lines[index][bullet.end():] if bullet else ""
        if index >= 6 and not re.match(r"(?:本报|本報)?(?:记者|記者|通讯员|通訊員|作者)", rest):
            continue  # (lower down, under an e-paper's chrome: '□ 作者 某某 某某' opening with its role)
        # (or the reporters' names alone after a newspaper's '■' under the headline: '■ 某某 某某')
        names = [n for n in re.split(r"[、,，\s]+", rest) if n]
        if bullet and (re.search(r"记者|記者|通讯员|通訊員|^作者", rest) or index > 0 and names and all(map(is_person_name, names))) \
                and not is_paragraph(rest) and _header_kind(rest) == "meta":
            lines[index] = rest
    # a forum thread's title: the line its '[复制链接]' button was cut from ('标题 [复制链接]'), or the
    # line right above the button alone on its line (a blank line between at most)
    thread_titles = {r.line for r in cleaned.removed if r.line is not None and r.text.strip() in _THREAD_TITLE_MARKS}

    def thread_title(index: int) -> bool:
        here, below = numbers[index], numbers[index + 1] if index + 1 < len(numbers) else None
        return here is not None and any(here == n or here < n <= here + 2 and (below is None or n < below) for n in thread_titles)

    # (a thread's title is no paragraph, though a comma runs through it: '[焦点话题] 某地暴雨，25人…')
    # (a short quoted cry over its '——' subtitle is a headline, though it has a comma: '“我是党员，我先上！”' /
    # '——党旗在某县抗疫一线飘扬')
    first = next((i for i, line in enumerate(lines) if is_paragraph(line) and not _metadata_block(line)
                  and not (i < 12 and len(line) <= 64 and thread_title(i)) and not (i == 0 and _clause_headline(lines))
                  # (nor an e-paper's titles of the page run into one line over the headline they list)
                  and not (i < 20 and any(_run_together_list(line, x) for x in lines[i + 1: i + 8]
                                          if 8 <= len(_han(x)) <= 40 and not is_paragraph(x)))
                  and not (i < 12 and len(line) <= 30 and i + 1 < len(lines) and lines[i + 1].lstrip().startswith(("——", "--"))
                           and len(lines[i + 1]) <= 40 and not is_paragraph(lines[i + 1]))), len(lines))
    # (or over an outlet's name and then the date: 'HEADLINE，…！' / '新华社' / '2023-02-27 10:02')
    while first < min(len(lines) - 1, 4) and len(lines[first]) <= 45 and (_header_kind(lines[first + 1]) in ("date", "meta") or (
            _header_kind(lines[first + 1]) == "outlet" and first + 2 < len(lines) and _header_kind(lines[first + 2]) in ("date", "meta"))) \
            and (not lines[first].endswith("。") or _stray_full_stop(lines, first)):
        if lines[first].endswith("。"):
            lines[first] = lines[first][:-1]
        first = next((i for i, line in enumerate(lines) if i > first + 1 and is_paragraph(line) and not _metadata_block(line)),
                     len(lines))
    if first == 0 and len(lines) > 3 and len(lines[0]) <= 120:
        # a mirror's teaser paragraph above the headline and its metadata lines ('…你知道…何以至此吗？' /
        # 'HEADLINE' / '本刊记者/某某' / '发于…《某某周刊》'): the header starts above the teaser
        heads = 1
        while heads < 3 and not is_paragraph(lines[heads]) and len(lines[heads]) <= 40 and _header_kind(lines[heads]) == "text":
            heads += 1
        metas = heads
        while metas < min(len(lines), heads + 4) and _header_kind(lines[metas]) in ("date", "meta") and not is_paragraph(lines[metas]):
            metas += 1
        if 1 < heads < metas < len(lines):
            first = metas
    near = [i for i in range(max(first - 3, 1), first) if _header_kind(lines[i]) in ("date", "meta")] if first > 12 else []
    if first > 12 and not (near and first <= 30 and _header_kind(lines[near[0] - 1]) == "text" and not is_paragraph(lines[near[0] - 1])):
        # no running text near the top (a poem, a list of short lines): the header ends after
        # its last metadata line (not when a headline and its metadata lines stand right above the
        # first paragraph, under an e-paper's long list of the page's articles)
        marks = [i for i, line in enumerate(lines[:12]) if _header_kind(line) in ("date", "meta")
                 or _TITLE_LABEL.match(to_hans(line))]
        first = marks[-1] + 1 if marks else min(first, 1)
        if marks and first + 1 < len(lines) and lines[first + 1].lstrip().startswith(("——", "--")) \
                and not is_paragraph(lines[first]) and not is_paragraph(lines[first + 1]):
            first += 2  # (and over a headline with its '——' subtitle printed under the metadata)
    header = lines[:first]
    title: str | None = None
    subtitle: str | None = None
    head_index: int | None = None
    moved_lead: tuple[list[str], list[int | None]] | None = None

    # A labelled headline ('标题：…', a dateline '…电 题：…') wins.
    labelled = None
    wired = False  # (the labelled headline is a wire dateline's '题：')
    for index, line in enumerate(lines):
        match = _TITLE_LABEL.match(to_hans(line))
        if match and re.sub(r"[ \u3000]", "", match["label"]) in ("标题", "题目", "查看完整版本", "本文标题", "文章标题"):
            labelled = labelled or _labelled_title(line[match.start("t"): match.end("t")])
        dateline = _DATELINE_TITLE.search(to_hans(line)) if index < first + 3 else None
        if dateline and labelled is None:
            labelled = line[dateline.start("t"): dateline.end("t")]
            wired = True
    if labelled is None:
        # a footer the cleaner cut ('本文标题：…' after '网友评论') names the headline: it counts
        # when a line above the first paragraph prints it
        for removal in cleaned.removed:
            match = _TITLE_LABEL.match(to_hans(removal.text))
            if match and match["label"] in ("本文标题", "文章标题", "标题") and len(_han(match["t"])) >= 4 \
                    and any(_han(line) == _han(match["t"]) for line in lines[:first]):
                labelled = next(line for line in lines[:first] if _han(line) == _han(match["t"]))
                break

    kinds = [_header_kind(line) for line in header]
    for index, line in enumerate(header):
        if line.startswith(("——", "—— ", "--")) and index > 0:
            kinds[index] = "subtitle"
        elif index > 0 and kinds[index - 1] in ("text", "subtitle", "meta") and re.fullmatch(r"[“「][^“”「」]{4,80}[。！？!?][”」]", line.strip()) \
                and not (index + 1 < len(header) and header[index + 1].lstrip().startswith(("——", "--"))):
            kinds[index] = "subtitle"  # a quoted sentence under the headline: a pull quote or deck
        elif 0 < index < len(header) - 1 and kinds[index - 1] == "text" and kinds[index + 1] in ("date", "meta") \
                and _SLOGAN.fullmatch(line.strip()) and len(_han(header[index - 1])) >= 8 and not _SLOGAN.fullmatch(header[index - 1].strip()):
            kinds[index] = "rubric"  # a banner's slogan between the headline and its byline ('抗击疫情 人人有责')
    posters: set[int] = set()
    list_items: set[int] = set()  # header lines that are items of an e-paper's list of the page's articles
    if _FORUM_SIGN.search(to_hans("\n".join(header[:3] + [r.text for r in cleaned.removed if r.line is not None and r.line <= 5]))):
        for index in range(1, len(header) - 1):
            # a thread's title, its poster's name (or user group) and the day it was posted, one a line ('HEADLINE' /
            # '一年级学生' / '2021/07/22 21:00:11'): the short line is the poster, not the headline
            line = header[index].strip()
            if kinds[index] == "text" and kinds[index - 1] == "text" and kinds[index + 1] == "date" \
                    and 2 <= len(line) <= 10 and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9_]+", line) \
                    and len(_han(header[index - 1])) >= 8 and not _SENTENCE_END.search(header[index - 1]):
                kinds[index] = "meta"  # (as a byline: the headline above it scores as one above its metadata)
                posters.add(index)
    # a public-information page's fields without their labels, one a line, under its index number
    # ('• 005252186/2021-00068' / '• 某某市水利局' / '• 河长制，巡河，河长' / '• 2021-08-21'): metadata
    disclosure: set[int] = set()
    opening = next((i for i, x in enumerate(header[:4]) if _DISCLOSURE_INDEX.fullmatch(x.strip(" •·"))), None)
    if opening is not None:
        disclosure.add(opening)
        for index in range(opening + 1, min(opening + 8, len(header))):
            field = header[index].strip(" •·")
            keywords = re.fullmatch(r"[\u4e00-\u9fff]{1,8}(?:[，,、；;]\s*[\u4e00-\u9fff]{1,8})+", field) \
                or re.fullmatch(r"[\u4e00-\u9fff]{2,8}", field) and index + 1 < len(header) and kinds[index + 1] in ("org", "date", "meta")
            if not (kinds[index] in ("org", "date", "meta") or keywords) or len(field) > 40 or _SENTENCE_END.search(field):
                break  # (the headline under the fields)
            disclosure.add(index)
        for index in disclosure:
            kinds[index] = "meta"
    everything = _han("\n".join(lines))
    if labelled is None:
        # a date line the cleaner cut as chrome (with a counter, a player label) right under a
        # line counts as that line's date line
        cut_dates = [r.line for r in cleaned.removed if r.line is not None and r.why.startswith("chrome") and len(r.text) <= 40
                     and (_DATE.search(to_hans(r.text)) or _REMOVED_HEAD_DATE.fullmatch(normalise_space(to_hans(r.text)))
                          or _OUTLET_BAR.match(_simplified_aligned(r.text.strip())))]

        def cut_date_below(index: int) -> bool:
            here, below = numbers[index], numbers[index + 1] if index + 1 < len(numbers) else None
            return here is not None and (index + 1 >= len(header) or kinds[index + 1] == "text") \
                and any(here < n and (below is None or n < below) for n in cut_dates)

        clause_head = _clause_headline(lines)  # (a first line with commas or an exclamation that is a headline)
        scored = [(score + (3 if cut_date_below(index) else 0) + (3 if thread_title(index) else 0)
                   + (2 if index == 0 and clause_head else 0)
                   # (a column's name and a bar before it weigh more: no lead opens so, '党旗飘扬|…')
                   + (1 if index == 0 and clause_head and _COLUMN_BAR.match(header[0].strip()) else 0), index)
                  for index in range(len(header)) if kinds[index] == "text"
                  for score in [_title_score(index, header, kinds, removed_text, everything, lines)] if score is not None]
        # an e-paper's page-property residue names the headline ('2021-07-26 HEADLINE 1 1 某某日报 content_1.html 1 deck
        # /enpproperty-->'): that line of the header is it, the deck beside it is not
        named, deck = _enp_title(cleaned.removed)
        if named:
            scored = [(score + 6 if _han(header[i]) == named else score, i) for score, i in scored]
            for i in range(1, len(header)):
                if deck and _han(header[i]) == deck and _han(header[i - 1]) == named and kinds[i] == "text":
                    kinds[i] = "subtitle"
        # two headline-shaped lines and nothing else above a lead that opens with a dateline ('HEADLINE' /
        # 'deck' / '本报讯 记者…'; or 'kicker' / 'HEADLINE'): the longer one is the headline, a deck or a
        # kicker being the shorter line beside it
        texts = [i for i in range(len(header)) if kinds[i] == "text"]
        if len(header) == 2 and len(texts) == 2 and first < len(lines) and _opens_with_dateline(lines[first]) \
                and all(6 <= len(_han(header[i])) <= 40 and not _SENTENCE_END.search(header[i]) for i in texts) \
                and len(_han(header[0])) != len(_han(header[1])) \
                and _han(header[0])[:6] not in _han(header[1]) and _han(header[1])[:6] not in _han(header[0]):  # (no repeat)
            longer = max(texts, key=lambda i: len(_han(header[i])))
            scored = [(score + 1.5 if i == longer else score, i) for score, i in scored]
        # a headline stands above its publication date: once a line right above the first date
        # scored as a headline, the lines under that date (photo captions, a gallery) weigh less
        first_date = next((i for i, k in enumerate(kinds) if k == "date" or k == "meta" and _DATE.search(to_hans(header[i]))
                           and re.search(r"(?:时间|日期|来源)\s*[:：]", to_hans(header[i]))), None)
        # (or its labelled date/source line: '发布时间:2023-08-18 09:46:00来源: 某报' under the headline, a kicker, a
        # quoted deck and '本报记者 某某' under it)
        if first_date and any(i == first_date - 1 and score >= 3 for score, i in scored):
            # (but for the headline that repeats an item of an e-paper's article list above the date)
            # (also when the cleaner cut that list as a menu: '“关爱”…' kept, '返乡防汛 保卫江洲' cut, then the date and
            # '返乡防汛 保卫江洲' again)
            listed = {r.line: _han(r.text) for r in cleaned.removed if r.line is not None and numbers[first_date] is not None
                      and r.line < numbers[first_date] and r.why.startswith("chrome") and len(_han(r.text)) >= 4}
            above = numbers[first_date - 1]
            relisted = {i for _, i in scored if i > first_date and _han(header[i]) in listed.values()}
            # (and the line above the date is then the list's item next to it, not the headline)
            neighbour = above is not None and any(listed.get(n) == _han(header[i]) for i in relisted for n in (above - 1, above + 1))
            if neighbour:
                list_items.add(first_date - 1)
            scored = [(score - 5 if neighbour and i == first_date - 1 else score + 5 if neighbour and i in relisted else
                       score - 2.5 if i > first_date and sum(_han(x) == _han(header[i]) for x in header[:i]) == 0 and i not in relisted
                       else score, i)
                      for score, i in scored]
        if scored:
            best_score, head_index = max(scored, key=lambda item: (item[0], item[1]))
            others = [i for i in range(len(header)) if i != head_index and kinds[i] == "text" and len(_han(header[i])) >= 8
                      and not _EPAPER_PAGE.match(to_hans(header[i])) and not _EPAPER_MASTHEAD.search(to_hans(header[i]).strip())
                      # (nor the headline printed again, maybe with its part's number: '…材料6篇' / '…材料篇1')
                      and _han(header[i])[:6] != _han(header[head_index])[:6]]
            exclaimed = header[head_index].rstrip("”’」』)）").endswith(("！", "!", "？", "?"))
            # (a slogan over a story broken into short lines; a thread titled like a slogan over its post is titled)
            # (or the first words of its opening sentence: '疫情发生以来' / '某某州党委组织部坚决贯彻落实' / …)
            slogan = bool(_SLOGAN.fullmatch(header[head_index].strip()) or re.search(r"(?:以来|之际|期间|之时|的时候)$", header[head_index].strip())) \
                and first < len(lines) and not is_paragraph(lines[first]) and len(lines[first]) <= 30
            # (or two long lines that describe a scene, the last of them above the lead: photo captions over a
            # story that lost its headline, '74岁的某村村民是一名老摆渡人，每天…' / '某江在某县境内一分为二，…';
            # not a page title that repeats the headline under it)
            captions = best_score <= 1 and head_index == len(header) - 1 and len(others) >= 1 \
                and all(len(_han(header[i])) >= 16 for i in others + [head_index]) and not any(kinds[i] != "text" for i in range(len(header))) \
                and not any(_han(header[head_index])[-6:] in _han(header[i]) or _han(header[i])[:6] in _han(header[head_index]) for i in others)
            if best_score < 1 or (best_score <= 1 and (len(others) >= 2 or exclaimed or slogan)) or captions:
                head_index = None  # a lead broken into short lines, not a headline (nor a slogan opening it: '疫情防控，人人有责')
            elif len(header) == 1 and _parallel_heads(header[0], lines[first:first + 80]) >= 2:
                # a copy that starts at its first section head, alone above the first paragraph with two or more
                # heads of its very shape further down ('闻“汛”而动，凝聚…力量' / … / '党员冲锋，筑牢…堤坝' / … /
                # '众志成城，提亮…底色'): the story's headline was lost
                head_index = None
        if head_index is None and header and kinds[0] == "rubric" and _BRACKETED_HEAD.fullmatch(header[0].strip()) \
                and len(_han(header[0])) >= 8 and not _EDITOR_NOTE.fullmatch(to_hans(header[0]).strip()) \
                and all(k != "text" for k in kinds[1:]):
            # a blog post or an account's article titled in lenticular brackets, first on the page with nothing
            # but its poster's handle under it ('【疫情面前·某村党员冲在先】' / '@某某有约'): the headline
            kinds[0] = "text"
            head_index = 0
        if head_index is None and not header and lines:
            split = _head_split(lines[0])
            if split:
                lines[0:1] = list(split)
                numbers[0:1] = [numbers[0]] * len(split)
                header, kinds, first, head_index = [split[0]], ["text"], 1, 0
        # (or the headline printed again under a lead paragraph, with its metadata lines: '仅有…' /
        # lead / '仅有…' / '来源：…' / date: the repeat and its metadata are the header)
        repeated_head = _han(header[head_index]) if head_index is not None and head_index == len(header) - 1 else None
        if (head_index is None or repeated_head) and header == lines[:first]:
            # a headline placed after a lead paragraph by a flattened layout: a short line right
            # before the metadata lines, within the first lines
            for index in range(first, min(first + 3, len(lines) - 1)):
                line = lines[index]
                if repeated_head and _han(line) != repeated_head:
                    continue
                if not is_paragraph(line) and 6 <= len(_han(line)) <= 64 and _header_kind(line) == "text" \
                        and _header_kind(lines[index + 1]) in ("date", "meta") and not _ORG.search(to_hans(line)):
                    # (an organisation over a date is a notice's signature: '某某市疫情防控工作指挥部' / date)
                    moved_lead = (lines[:index], numbers[:index])
                    if repeated_head:  # the headline's first print goes with its repeat
                        kept_lead = [(x, n) for x, n in zip(*moved_lead) if _han(x) != repeated_head]
                        taken.extend(Removal(n, x, "title (repeated)") for x, n in zip(*moved_lead) if _han(x) == repeated_head)
                        moved_lead = ([x for x, _ in kept_lead], [n for _, n in kept_lead])
                    lines[:] = lines[index:]
                    numbers[:] = numbers[index:]
                    first = next((i for i, x in enumerate(lines) if i > 0 and is_paragraph(x) and not _metadata_block(x)), len(lines))
                    header = lines[:first]
                    kinds = [_header_kind(x) for x in header]
                    head_index = 0
                    break
        if head_index is not None and head_index + 1 < len(header) and kinds[head_index + 1] == "text" \
                and _ORG.search(to_hans(header[head_index])) and not _CLAUSE.search(header[head_index] + header[head_index + 1]) \
                and len(_han(header[head_index + 1])) >= 6 and all(k != "text" for k in kinds[head_index + 2:]) \
                and _han(header[head_index + 1]) != _han(header[head_index]):
            # a headline broken over two lines: subject ('某大学某党支部') and predicate (not the headline printed twice)
            header[head_index] = header[head_index] + header[head_index + 1]
            kinds[head_index + 1] = "joined"
        if head_index is not None and head_index >= 2 and kinds[head_index - 1] in ("text", "org") \
                and kinds[head_index - 2] in ("date", "meta") and _ORG.search(to_hans(header[head_index - 1])) \
                and not _CLAUSE.search(header[head_index - 1] + header[head_index]) and len(_han(header[head_index - 1])) <= 30:
            # the same, when the predicate line scored higher: join the subject line above it
            header[head_index - 1] = header[head_index - 1] + header[head_index]
            kinds[head_index] = "joined"
            head_index -= 1
        if head_index is not None:
            cut = sorted(r.line for r in cleaned.removed if r.line is not None)
            # (whether the cleaner took a line out right above the headline: a kicker sits on the line above)
            cut_above = head_index > 0 and numbers[head_index - 1] is not None and numbers[head_index] is not None \
                and any(numbers[head_index - 1] < n < numbers[head_index] for n in cut)
            epaper = any(_EPAPER_CHROME.search(to_hans(r.text)) for r in cleaned.removed if r.why.startswith("chrome"))
            head_index = _fuller_headline(header, kinds, head_index, cut_above, epaper)
            title = header[head_index]
    else:
        title = labelled
        # the line that prints the labelled headline is the headline: lines above it are chrome
        head_index = next((i for i, line in enumerate(header) if kinds[i] == "text" and _han(line) == _han(labelled)), None)
        # the wire's headline after '题：' lacks the column the page put before it
        # ('某某全媒+丨HEADLINE' above '新华社…电 题：HEADLINE'): the page's own line wins
        for index, line in enumerate(header):
            parts = re.split(r"[丨|｜]", line)
            if kinds[index] == "text" and len(parts) == 2 and _han(parts[1]) == _han(labelled) and 2 <= len(_han(parts[0])) <= 8:
                title = line
                break
            # (or prints one part of it alone above the dateline, the deck a copy made its headline: '浙江党员干部…'
            # over '…电 题：关键时刻的担当——浙江党员干部…')
            pieces = labelled.split("——")
            if wired and kinds[index] == "text" and len(pieces) == 2 \
                    and _han(line) in (_han(pieces[0]), _han(pieces[1])) and len(_han(line)) >= 6:
                title = line
                head_index = index
                break
    original_title: str | None = None  # a '原标题：' line's headline
    spam_head = None
    if labelled is None and head_index is not None and any(w in to_hans(title or "") for w in default_boilerplate().injected_words):
        # a spam site's own page title over the copied story ('梦见筑坝挡水周公解梦'): no headline
        spam_head, head_index, title = head_index, None, None
    meta.title_hint = _without_outlet_tag(title or "")

    # The header zone: metadata lines go into metadata, the headline and its subtitle into the
    # title, site names and rubrics above the headline out; anything else stays as text.
    body: list[str] = []
    body_numbers: list[int | None] = []
    if moved_lead is not None:
        body += moved_lead[0]
        body_numbers += moved_lead[1]
    rubrics: set[str] = set()
    # an e-paper lists the page's articles (the current one first) above the issue date and
    # prints the headline again under it: the list is chrome
    listed_at = None if head_index is None else \
        next((i for i in range(head_index) if len(_han(header[i])) >= 4 and (_han(header[i]) == _han(header[head_index]) or _run_together_list(header[i], header[head_index]))), None)
    # (a bulleted list, the current article not first: the items above it too, and an item's second line)
    while listed_at and _BULLETED.match(header[listed_at]) and kinds[listed_at - 1] == "text" and not is_paragraph(header[listed_at - 1]) \
            and (_BULLETED.match(header[listed_at - 1]) or listed_at >= 2 and _BULLETED.match(header[listed_at - 2])):
        listed_at -= 1
        if not _BULLETED.match(header[listed_at]):
            listed_at -= 1  # (the item's first line, above its second)
    # (or a plain list, the current article not first: the short headlines above its copy are items too,
    # '老街区“老味”越来越足' / '进出某地需要哪些证明 相关部门一一作出回应' / HEADLINE / … / HEADLINE)
    while listed_at and head_index is not None and listed_at < head_index - 1 and kinds[listed_at - 1] == "text" \
            and not is_paragraph(header[listed_at - 1]) and 4 <= len(_han(header[listed_at - 1])) <= 30 \
            and not re.search(r"[。！？!?：:]", header[listed_at - 1]):
        listed_at -= 1
    # the headline's and its subtitle's characters: a line above or below that repeats one is the title again
    repeats: set[str] = set()
    repeated_at = -2  # where the headline was last printed again
    if head_index is not None:
        repeats.add(_han(header[head_index]))
        if head_index + 1 < len(header) and kinds[head_index + 1] == "subtitle":
            repeats.add(_han(header[head_index + 1]))
    for index, line in enumerate(header):
        simple = to_hans(line)
        kind = kinds[index]
        meta.line = numbers[index] if index < len(numbers) else None
        if index == head_index:
            take(index, "title")
            continue
        if _AFFILIATION.fullmatch(simple):
            meta.credits.setdefault("作者单位", []).append(line.strip())
            take(index, "metadata: the authors' institution and postcode (a journal paper)")
            continue
        unit_names = _name_and_unit(line)
        if unit_names:
            for name in unit_names:
                meta.add_author(name)
            meta.credits.setdefault("作者单位", []).append(_NAME_AND_UNIT.fullmatch(to_hans(line.strip()))["u"])
            take(index, "metadata: byline with the author's unit")
            continue
        empty_date = _EMPTY_DATE_FIELD.search(simple) if kind == "meta" else None
        glued_date = _TRAILING_DATE_LABEL.search(simple) if kind == "meta" and not empty_date else None
        if (empty_date or glued_date) and parse_labelled(line) is not None:
            empty_date = glued_date = None  # (a labelled line, read as such below)
        if empty_date:
            take(index, "metadata: an uploader's line with an empty date field")  # ('某某1860 分享 时间：')
            continue
        if glued_date and glued_date.start():
            # a page's bar with a labelled date glued to its end ('首页某某频道更新时间：2024-05-08'): the date's field
            meta.add_pairs(parse_labelled(simple[glued_date.start():]) or [("时间", glued_date.group(0))])
            # (or an outlet and its writers before it: '某某县融媒体中心 · 王某 李某 | 发布时间2021-07-27 10:04')
            team = _OUTLET_TEAM.fullmatch(simple[: glued_date.start()].strip(" |｜"))
            if team:
                meta.add_source(line.strip()[team.start("o"): team.end("o")], rank=2)
                for name in line.strip()[team.start("n"): team.end("n")].split():
                    meta.add_author(name)
            take(index, "metadata: a labelled date glued to the end of the page's bar")
            continue
        filed_by = _OUTLET_NAMES_FILED.fullmatch(simple.strip()) or _MEDIA_GROUP_FILED.fullmatch(simple.strip()) \
            or _COMMENTATOR_BYLINE.fullmatch(simple.strip())
        if filed_by and all(is_credit_name(n) for n in re.split(r"[ 、]", filed_by["n"])):
            if not re.fullmatch(r"本(?:报|网|台|刊)", filed_by["o"]):  # ('本报全媒体记者 某某': the paper's own)
                meta.add_source(line.strip()[: filed_by.end("o")], rank=2)
            for name in re.split(r"[ 、]", line.strip()[filed_by.start("n"): filed_by.end("n")]):
                meta.add_author(name)
            take(index, "metadata: byline with the outlet and where it was filed from")
            continue
        nameless = _NAMELESS_BYLINE.fullmatch(simple.strip())
        if nameless:
            meta.add_source(line.strip()[: nameless.end("o")], rank=2)
            take(index, "metadata: an outlet's byline that lost its reporter's name")
            continue
        unit_name = _unit_then_name(line)
        if unit_name:
            meta.add_author(unit_name[1])
            meta.credits.setdefault("作者单位", []).append(unit_name[0])
            take(index, "metadata: byline with the author's unit")
            continue
        paper_authors = _paper_authors(line) if index + 1 < len(header) and _AFFILIATION.fullmatch(to_hans(header[index + 1])) else []
        if paper_authors:
            for name in paper_authors:
                meta.add_author(name)
            take(index, "metadata: a journal paper's authors")
            continue
        if index in disclosure:
            field = line.strip(" •·")
            if _DATE.fullmatch(to_hans(field)):
                meta.add_date(field, rank=2)
            elif len(_han(field)) <= 16 and _ORG.search(to_hans(field)) and not re.search(r"[，,、]", field):
                meta.add_source(field, rank=4)  # the office that published it
            take(index, "metadata: a public-information page's fields (index number, office, keywords, dates)")
            continue
        if index == spam_head or index != head_index and kind == "text" and len(_han(line)) <= 30 \
                and any(w in simple for w in default_boilerplate().injected_words):
            # (also over a story whose headline a dateline's '题：' gives: '某某了周公解梦大全查询')
            take(index, "chrome: a spam site's own page title")
            continue
        if (index in list_items or listed_at is not None and listed_at < index < head_index) and index != head_index \
                and kind in ("text", "outlet") and _NAMED_OUTLET_LINE.fullmatch(simple.strip()) \
                and any(_han(x) == _han(header[head_index]) for x in header[:index]) if head_index is not None else False:
            # (an outlet's name alone between the headline's copies, a portal's credit: '新浪新闻 国内' / HEADLINE /
            # '新华网' / '关注' / HEADLINE): the source
            meta.add_source(line.strip(), rank=4)
            take(index, "metadata: the outlet's name between the headline's copies")
            continue
        if index in list_items and index != head_index:
            take(index, "chrome: the e-paper's list of the page's articles")
            continue
        if listed_at is not None and index == head_index - 1 and kind == "text" and _han(line) == _han(header[head_index]):
            take(index, "title (repeated)")  # the headline printed twice in a row, no list of articles
            continue
        if listed_at is not None and listed_at <= index < head_index and kind == "text":
            issue = re.search(r"(?:19|20)\d{2}年\d{1,2}月\d{1,2}日", simple) if len(_han(line)) <= 20 else None
            if issue:  # the page's label and its issue date among them ('A03 党建 2022年09月22日 星期四')
                meta.add_date(issue.group(0), rank=3)
                take(index, "metadata: the e-paper's issue date")
                continue
            take(index, "chrome: the e-paper's list of the page's articles")
            continue
        if kind == "joined":
            take(index, "title (second line)")
            continue
        if kind == "subtitle" and head_index is not None and index == head_index + 1 and len(_han(title or "")) >= 8 \
                and _han(title or "").startswith(_han(line)[:8]) and len(_han(line)) >= 8:
            # the headline again in dashes, a site's decoration ('HEADLINE(二)' / '----HEADLINE//----[ ]'): no subtitle;
            # printed in full there when the page title above was cut short ('…5名“白衣战士”火线' / '----…火线入党//----[ ]')
            full = line.strip().lstrip("-— ").rstrip("-—/ []")
            if _han(full).startswith(_han(title or "")) and 0 < len(_han(full)) - len(_han(title or "")) <= 12:
                title = full
            take(index, "title (repeated)")
            repeated_at = index
            continue
        if kind == "subtitle" and head_index is not None and (index == head_index + 1 or subtitle is None and (
                index == repeated_at + 1 or head_index < index <= head_index + 3
                and all(kinds[between] in ("date", "meta") for between in range(head_index + 1, index)))):
            # (under the headline, or under the headline printed again below the date: '标题' / date / '标题' / '——副题',
            # or under the headline's date line: '标题' / '发布：2016-07-06' / '-----副题')
            subtitle = line
            take(index, "subtitle")
            continue
        tail = _keyword_tail(line) if kind == "text" and head_index is not None and index < head_index else None
        cut_short = tail is not None and len(_han(line[:tail])) >= 8 \
            and _han(title or "").startswith(_han(_without_outlet_tag(line[:tail])))
        tagged_again = _COLUMN_AND_PLACE.match(line) if kind == "text" and head_index is not None else None
        # (the headline's main line, when its subtitle is on the same line: 'HEADLINE——副题' / '头版 || HEADLINE')
        tagged_again = bool(tagged_again and tagged_again.end() and len(_han(line[tagged_again.end():])) >= 6
                            and _han(line[tagged_again.end():]) in (_han(title or ""), _han((title or "").split("——")[0])))
        # (or a page title above it that ends with the headline after a kicker and a colon or a bar: '雄文！某某致敬
        # 某某党员干部：HEADLINE' over 'HEADLINE' / '——副题')
        kicked = kind == "text" and head_index is not None and index < head_index and len(_han(title or "")) >= 6 \
            and _han(line).endswith(_han(title or "")) and re.search(r"[:：|｜丨]\s*$", _cut_han_tail(line, len(_han(title or ""))))
        if kind == "text" and head_index is not None and len(_han(line)) >= 6 and not is_paragraph(line) \
                and (_han(line) in repeats or _han(title or "").endswith(_han(line)) or cut_short or tagged_again or kicked):
            # the headline printed twice (a page title over the article's own headline; the headline again
            # under the date without its place, '长泰：他们筑起…' / date / '他们 筑起…'), or its subtitle alone,
            # or the page title cut short with the page's keywords glued on ('某某见闻：…一线_某地-某县-礼包-'),
            # or the headline again with a column's tag and the place before it ('【某某战疫专栏】某某新区：HEADLINE')
            take(index, "title (repeated)")
            repeated_at = index
            continue
        match = _TITLE_LABEL.match(simple)
        if match:
            if match["label"].startswith("原"):
                original_title = line[match.start("t"): match.end("t")]
            if match["label"].startswith("原") and title is None:
                title = line[match.start("t"): match.end("t")]
                meta.title_hint = title
            take(index, "title (labelled)")
            continue
        if labelled and _han(line) == _han(labelled):
            take(index, "title (repeated)")
            continue
        stamp = _EDIT_STAMP.match(simple)
        if stamp:
            meta.add_author(line[stamp.start("who"): stamp.end("who")])
            take(index, "metadata: edit stamp", line[: stamp.end()])
            line, simple = line[stamp.end():].strip(), simple[stamp.end():].strip()
            if not line:
                continue
        if kind == "date" and meta.dates and head_index is not None and index > head_index \
                and re.search(r"(?:星期|礼拜)[一二三四五六日天]", simple):
            # a day with its weekday under the page's labelled date and byline ('发布时间:2020-03-17' /
            # '日记作者:…' / '2020年3月6日星期五'): a diary entry's heading, text, not the day it was published
            body.append(line)
            body_numbers.append(numbers[index])
            continue
        if kind == "date":
            # (the date a copy stamped before the page's first line weighs less than a date the page prints:
            # it may be the day of the copy)
            stamped = numbers[index] is not None and any(r.line == numbers[index] and r.why == DATE_STAMP for r in cleaned.removed)
            meta.add_date(line, rank=3 if stamped else 1)
            take(index, "metadata: date")
            below = header[index + 1] if index + 1 < len(header) and index + 1 != head_index else ""
            if len(below) <= 14 and _BARE_OUTLET_LINE.fullmatch(to_hans(below)) and not is_person_name(below):
                # a template's date with its outlet alone on the next line ('2020 / 01/26 / 18:16' over '某某广播电视台')
                meta.line = numbers[index + 1] if index + 1 < len(numbers) else None
                meta.add_source(below, rank=1)
                kinds[index + 1] = "taken-outlet"
            continue
        if kind == "taken-outlet":
            take(index, "metadata: the outlet under the date")
            continue
        edition = _PRINT_EDITION_IN.search(line)
        if edition:
            meta.add_source(edition["o"], rank=2)
            meta.add_date(edition["date"], rank=1)
            for name in _join_spaced_names(split_names(re.sub(r"^\S{0,6}?(?:记者|通讯员)|记者|通讯员", " ", line[: edition.start()]))):
                if is_person_name(name):
                    meta.add_author(name)
            take(index, "metadata: byline and print edition")
            continue
        posted = _POSTED.match(simple)
        if posted and _DATE.search(posted["rest"]) and len(posted["rest"]) <= 30:
            meta.add_author(line[posted.start("who"): posted.end("who")])
            meta.posters.add(line[posted.start("who"): posted.end("who")])
            meta.add_date(posted["rest"], rank=1)
            take(index, "metadata: poster and date")
            continue
        origin = _ORIGIN_NOTE.match(simple) if kind == "meta" and simple.startswith("本文") else None
        if origin:
            meta.add_source(line[origin.start("o"): origin.end("o")], rank=2)
            take(index, "metadata: origin note (来源)")
            continue
        original = _ORIGINAL_NOTE.fullmatch(simple.strip()) if kind == "meta" else None
        if original:
            offset = len(simple) - len(simple.lstrip())
            meta.add_source(line[offset + original.start("o"): offset + original.end("o")], rank=2)
            take(index, "metadata: the account's note that the piece is its own (来源)")
            continue
        if kind == "meta" and _AUTHOR_POSITION.fullmatch(simple):
            meta.credits.setdefault("作者单位", []).append(line)
            take(index, "metadata: the author's position")
            continue
        if kind == "meta" and _POSTER_STATUS.fullmatch(simple):
            take(index, "metadata: poster's status and name")
            continue
        profile = _PROFILE_STAMP.match(simple)
        if profile:
            meta.add_date(profile["rest"], rank=1)
            take(index, "metadata: poster's profile and date")
            continue
        glued_post = _POSTED_GLUED.match(simple)
        if glued_post:
            if is_person_name(glued_post["who"]):
                meta.add_author(line[: glued_post.end("who")])
            meta.add_date(glued_post["rest"], rank=1)
            take(index, "metadata: poster and date")
            continue
        photo = _photo_credit(line) if kind != "text" else None
        if photo:
            meta.credits.setdefault("摄影", []).extend(photo)
            # (the photographer's outlet names the source where nothing else does: '某某报·某某网记者某某/摄')
            aligned = _simplified_aligned(line)
            lead = len(aligned) - len(aligned.lstrip("（("))
            outlet = _REPORTER_OF.match(aligned[lead:])
            if outlet and not re.match(r"本(?:报|報|刊|台|网|網)", outlet["o"]):
                meta.add_source(line[lead + outlet.start("o"): lead + outlet.end("o")], rank=7)
            take(index, "metadata: photo credit")
            continue
        tagged = _TAGS_OUTLET_DATE.fullmatch(_simplified_aligned(line))
        if tagged:
            meta.add_date(tagged["d"], rank=1)
            if tagged["o"]:
                meta.add_source(line[tagged.start("o"): tagged.end("o")], rank=2)
            take(index, "metadata: keyword tags, outlet and date" if tagged["o"] else "metadata: keyword tags and date")
            continue
        taiwanese = _TW_BYLINE.fullmatch(_simplified_aligned(line))
        if taiwanese:
            if taiwanese["n"]:
                for name in re.split(r"[、，,\s]+", line[taiwanese.start("n"): taiwanese.end("n")]):
                    meta.add_author(name)
            take(index, "metadata: byline (記者…/…報導)")
            continue
        role = _label_above(header[index - 1], line) if index > 0 and kinds[index - 1] == "meta" else None
        if role and not _DATE.search(to_hans(line)) and parse_labelled(line) is None and taken and taken[-1].line == numbers[index - 1]:
            # a label alone on its line and its value on the next ('来源:' / '某某', '责编:' / '王某 李某')
            meta.add_pairs([(role, line.strip())])
            take(index, f"metadata: {role} (under its label)")
            continue
        pairs = parse_labelled(line)
        if pairs is not None and _is_event_record(header, index):
            body.append(line)  # '时间：… 地点：…': the record of an event or a diary entry is text
            body_numbers.append(numbers[index])
            continue
        if pairs is not None:
            meta.add_pairs(pairs)
            outlet_first = _OUTLET_BYLINE.match(simple) if re.search(r"[|｜丨]", line) else None
            if outlet_first and not any(role == "来源" for role, _ in pairs):
                # (the outlet before a bar and the reporters' labels: '某某日报客户端 | 记者 某某 通讯员 某某')
                meta.add_source(line[outlet_first.start("o"): outlet_first.end("o")], rank=2)
            take(index, "metadata: " + "、".join(dict.fromkeys(role for role, _ in pairs)))
            continue
        magazine = _MAGAZINE_ISSUE.fullmatch(simple)
        if magazine:
            meta.add_date(magazine["date"], 1)
            meta.add_source(line[magazine.start("o"): magazine.end("o")], rank=2)
            take(index, "metadata: magazine issue")
            continue
        issue = _ISSUE.fullmatch(simple)
        if issue:
            meta.add_source(line[issue.start("o"):issue.end("o")], rank=2)
            take(index, "metadata: periodical and issue")
            continue
        unlabelled = _unlabelled_meta(line)
        account = _account_header(simple) if unlabelled is None else None
        if account:
            meta.add_date(account["d"], rank=1)
            meta.add_author(line[account.start("who"): account.end("who")])
            meta.add_source(line[account.start("acc"): account.end("acc")], rank=2)
            take(index, "metadata: writer, account and date")
            continue
        if _take_wechat_stamp(line, meta):
            take(index, "metadata: account, date and the poster's province")
            continue
        at_handle = _AT_HANDLE.fullmatch(line)
        if at_handle:
            meta.add_author(at_handle["who"])
            take(index, "metadata: the poster's handle")
            continue
        handle = _HANDLE_STAMP.fullmatch(line)
        if handle:
            meta.add_date(handle["d"], rank=1)
            meta.add_author(handle["who"])
            take(index, "metadata: poster, date and views")
            continue
        if unlabelled is not None:
            if unlabelled[0]:
                meta.dates.append((1, unlabelled[0]))
            else:
                meta.refuse_dates(line)
            # '2020-07-16 20:58:24 新华网': the outlet beside the date, maybe glued to it ('某某报道2021-07-23 12:48')
            for token in _DATE.sub(" ", _unglue_counter(line)).split():
                if _han(to_hans(token)) in columns:
                    continue  # the column the breadcrumb names, not the outlet
                # (also a site named in full: '2020-03-12 19:34 某某监委网站 投稿 打印 收藏')
                if re.fullmatch(rf"(?:[\u4e00-\u9fff]{{1,10}}网[-－])?[\u4e00-\u9fff]{{2,12}}?(?:{_OUTLET_END}|{_PORTAL_END})|[\u4e00-\u9fff]{{2,12}}?网站", to_hans(token)) \
                        and (not is_person_name(token) or _is_site(token)):  # (a site and its paper: '红网-湖南日报')
                    meta.add_source(token, rank=1)
                elif account := _ACCOUNT_TOKEN.fullmatch(to_hans(token)):
                    meta.add_source(token[: account.end("o")], rank=1)  # the account that published it
                elif len(token) >= 5 and _outlet_token(token) and not _ORG.search(to_hans(token)):
                    meta.add_source(_outlet_token(token) or "", rank=1)  # '现代快报南京 2021-08-03': the outlet
                elif _PUBLISHER_OFFICE.fullmatch(to_hans(token)):
                    meta.add_source(token, rank=6)  # a portal's owner as publisher, below any labelled or dateline source ('2022-04-02 15:53:01 某某县人民政府')
                elif reporter := _OUTLET_REPORTER_TOKEN.fullmatch(to_hans(token)):
                    meta.add_source(token[: reporter.end("o")], rank=1)  # the outlet of the reporters' title ('某某新闻Knews记者 王某 李某')
                elif re.fullmatch(r"[iI][\u4e00-\u9fff]{2,4}", token) and _names_place(to_hans(token[1:])):
                    meta.add_source(token, rank=1)  # a city's news app, 'i' and the city ('i东莞 2021-06-21 19:19:31')
                elif not unlabelled[1] and _place_pair(to_hans(token)):
                    meta.add_source(token, rank=1)  # an account named by a city and its district ('上海普陀 2022-05-08')
            for name in unlabelled[1]:
                meta.add_author(name)
            take(index, "metadata: date and names")
            continue
        if _RELATIVE_TIME.search(simple) and len(line) <= 40:
            take(index, "chrome: uploader and relative time")
            continue
        bylines = _team_bylines(_simplified_aligned(line.strip())) if kind == "meta" and not pairs else None
        if bylines and bylines.end() == len(line.strip()):
            stripped = line.strip()
            for group in _GROUP_NAMES.finditer(_simplified_aligned(stripped), bylines.start("groups")):
                meta.add_source(stripped[group.start("o"): group.end("o")], rank=2)
                for name in stripped[group.start("n"): group.end("n")].split("、"):
                    if 2 <= len(name) <= 4:
                        meta.add_author(name)
            if bylines["team"]:
                meta.credits.setdefault("报道组", []).append(stripped[: bylines.end("team")].strip())
            take(index, "metadata: a team's bylines")
            continue
        team = _REPORTING_TEAM.fullmatch(_simplified_aligned(line.strip())) if kind == "meta" and not pairs else None
        if team:
            meta.add_source(line.strip()[team.start("o"): team.end("o")], rank=2)
            meta.credits.setdefault("报道组", []).append(line.strip())
            take(index, "metadata: the outlet's reporting team")
            continue
        writer = _WRITER_OUTLET.fullmatch(simple) if kind == "meta" and not pairs else None
        if writer and is_person_name(writer["n"]):
            meta.add_author(line[writer.start("n"): writer.end("n")])
            meta.add_source(line[writer.start("o"): writer.end("o")], rank=2)
            take(index, "metadata: writer and outlet")
            continue
        if kind == "meta" and not pairs and not _OUTLET_BYLINE.match(simple) \
                and _OUTLET_BYLINE.match(names_joined := _PADDED_NAME.sub(r"\1\2", simple)):
            line, simple = _PADDED_NAME.sub(r"\1\2", line), names_joined  # ('某某日报记者 邢 云 王某某'): the padded name joined
        outlet_byline = _OUTLET_BYLINE.match(simple) if kind == "meta" and not pairs else None
        if outlet_byline:
            meta.add_source(line[outlet_byline.start("o"): outlet_byline.end("o")], rank=2)
            correspondents, cut = _byline_parts(line, outlet_byline)
            for name in correspondents:
                meta.add_author(name)
            line, simple = line[cut:], simple[cut:]
        unpadded = _PADDED_NAME.sub(r"\1\2", simple) if kind == "meta" and not pairs else simple
        if unpadded != simple and (_BOXED_BYLINE.fullmatch(unpadded) or all(map(is_person_name, unpadded.split()))):
            # ('□曾 茂 某某某', a journal's '孙 璐' under its headline): the padded name joined
            line, simple = _PADDED_NAME.sub(r"\1\2", line), unpadded
        boxed = _BOXED_BYLINE.fullmatch(simple) if kind == "meta" and not pairs else None
        if boxed:  # ('□某某某（72岁）'): the names
            line, simple = line[boxed.start("n"): boxed.end("n")], simple[boxed.start("n"): boxed.end("n")]
        glued = _filed_byline(simple) if kind == "meta" and not pairs else None
        if glued:
            meta.add_author(glued)
            take(index, "metadata: byline")
            continue
        if kind in ("meta", "text") and not pairs and (head_index is not None and index < head_index or index == 0 and index != head_index
                                                        and len(header) > 1) and _is_place_label(line):
            # (or a forum board named by its place, first on the page: '香港' over the breadcrumb)
            take(index, "chrome: the site's place label above the headline")  # a local portal's city ('温州'), no byline
            continue
        agency = _AGENCY_NAMES.fullmatch(simple.strip()) if kind == "meta" and not pairs else None
        if agency:
            meta.add_source(agency["o"], rank=2)
            for name in split_names(agency["n"]):
                meta.add_author(name)
            take(index, "metadata: byline")
            continue
        if kind == "meta" and not pairs and (is_person_name(line) or re.search(r"记者|通讯员|、| ", simple)):
            reporter_of = _REPORTER_OF.match(simple)
            if reporter_of and not outlet_byline:
                meta.add_source(line[reporter_of.start("o"): reporter_of.end("o")], rank=2)
            filed = _FILED_FROM.search(simple)  # (where a magazine's reporters filed from: no name)
            names = split_names(re.sub(r"^\S{0,10}?(?=记者|記者)|\s\S{0,10}?(?=实习生|實習生)|(?:特约|特約|首席|实习|實習|见习|見習)?(?:记者|通讯员|記者|通訊員)[:：]?|实习生|實習生|[/／]", " ",
                                       line[: filed.start()] if filed else line))
            names = _join_spaced_names(names)  # (a paper's spaced name: '本报记者 安 娜')
            listed = _listed_names(names) if re.search(r"记者|通讯员", simple) else set()
            for name in names:
                if is_person_name(name) or name in listed:
                    meta.add_author(name)
                elif _ORG.search(to_hans(name)):
                    meta.credits.setdefault("作者单位", []).append(name)
            take(index, "metadata: byline")
            continue
        if kind == "text" and len(_han(line)) <= 10 and _SITE_NAME.search(simple) and index != head_index \
                and not is_paragraph(line) and (index == 0 or labelled is not None):
            take(index, "chrome: site name")
            continue
        if kind == "rubric" and head_index is not None and index == head_index + 1 and line[:1] in "（(" and meta.series is None:
            meta.series = line.strip("（）() ")
            take(index, "subtitle (series name)")
            continue
        if index in posters:
            meta.add_author(line.strip())
            meta.posters.add(line.strip())
            take(index, "metadata: the thread's poster")
            continue
        if kind == "rubric" and _EDITOR_NOTE.fullmatch(simple):
            take(index, "metadata: an editor's note on where the text comes from")
            continue
        bracketed = re.fullmatch(r"\s*[【\[](?P<o>[^【】\[\]]{2,12})[】\]]\s*", line) if kind == "rubric" else None
        if bracketed and head_index is not None and index == head_index + 1 \
                and re.fullmatch(rf"[\u4e00-\u9fff]{{2,10}}?(?:{_OUTLET_BARE_END}|网)", to_hans(bracketed["o"])) \
                and not _TOPIC_NEWS.fullmatch(to_hans(bracketed["o"])):
            meta.add_source(bracketed["o"], rank=3)  # an outlet's tag alone under the headline ('【某某网】')
            take(index, "metadata: outlet's tag under the headline")
            continue
        if kind == "rubric" and head_index is not None and index == len(header) - 1 and index > head_index + 1 \
                and re.fullmatch(r"\s*【[^【】]{2,12}[：:，,][^【】]{2,16}】\s*", line):
            body.append(line)  # the story's first section head in brackets, under the date line, over the
            body_numbers.append(numbers[index])  # first paragraph ('【党员志愿队：我报名，我参加】'): no column's name
            continue
        if kind == "rubric":
            take(index, "chrome: column rubric")
            rubrics.add(line)
            continue
        if kind == "text" and head_index is not None and index > head_index and re.fullmatch(r"[\u4e00-\u9fff]{1,3}[.。…]*", line) \
                and index + 1 < len(header) and kinds[index + 1] in ("date", "meta") and _DATE.search(to_hans(header[index + 1])):
            take(index, "chrome: scrap between the headline and its date")  # a forum's currency name ('莆币')
            continue
        if kind == "outlet" and index > 0 and kinds[index - 1] == "meta" and any(
                role == "来源" and not _DATE.sub("", value).strip(" :：") for role, value in parse_labelled(header[index - 1]) or ()):
            meta.add_source(line.strip(), rank=2)  # the outlet a template printed under its empty '来源：' field
            take(index, "metadata: outlet under an empty 来源 label")
            continue
        if kind == "outlet" and head_index is not None and (index == head_index + 1 or index > head_index
                                                            and all(k in ("date", "meta") for k in kinds[head_index + 1: index])):
            paper = re.search(r"《([^《》]{2,12})》$", line.strip()) if _SITE_AND_PAPER.fullmatch(simple.strip()) else None
            # (the paper a site carries it from: '某某网—《某某日报》'; a news site's own name under the headline yields
            # to a wire's dateline, '中国新闻网' over '中新社某地电')
            meta.add_source(paper[1] if paper else line.strip(), rank=4 if simple.strip().endswith("新闻网") else 1)
            take(index, "metadata: outlet under the headline")
            continue
        if kind == "org" and head_index is not None and index > head_index:
            meta.credits.setdefault("作者单位", []).append(line)
            if index == head_index + 1:
                meta.add_source(line.strip(), rank=9)  # (right under the headline it published: the source, where none is named)
            take(index, "metadata: author's organisation")
            continue
        labelled_at = next((i for i, x in enumerate(header) if _TITLE_LABEL.match(to_hans(x))), None)
        before_title = head_index is not None and index < head_index or labelled_at is not None and index < labelled_at
        if before_title and index > 0 and taken and taken[-1].why.startswith("chrome: site") and taken[-1].line == numbers[index - 1] \
                and len(_han(line)) <= 24 and not re.search(r"[，。！？：:、,!?]", line) and _SLOGAN_END.search(simple):
            take(index, "chrome: site slogan under the site name")  # ('某某首页' / '国家级信息服务平台' / HEADLINE)
            continue
        if before_title and (len(_han(line)) <= 12 and "《" not in line or _SITE_NAME.search(simple)) \
                and not (index + 1 == head_index and _is_kicker(line) and _KICKER_ACTOR.search(simple)) \
                and not (index + 1 == head_index and len(line.split()) >= 3 and all(re.fullmatch(r"[\u4e00-\u9fff]{3,6}", w) for w in line.split())):
            # (a kicker right above the headline naming who acted, '某某区党员志愿服务队' over '助力完成…',
            # is the first line of a two-line headline: it stays as text, see _is_kicker; so is a kicker
            # of three spaced phrases, '党员带头 依靠群众 齐抓齐防', which no column's name is)
            # (a line quoting a document's title, '中央组织部印发《通知》', is a kicker, not a column)
            dated = _DATE.search(simple)
            if dated and len(_han(line)) <= 12:
                meta.add_date(dated.group(0), rank=4)  # an app's channel and the story's day ('某某哈尔滨 2022-12-02')
                take(index, "metadata: date beside the site's name above the headline")
                continue
            take(index, "chrome: site or column name above the headline")
            continue
        if head_index is not None and index > head_index and title and _han(line) and _han(line) in _han(title) \
                and not _addressee(line, title):
            take(index, "title (repeated)")
            continue
        deck = _han(title.split("——")[-1]) if title and "——" in title else ""
        if deck and len(deck) >= 4 and line.lstrip().startswith(("——", "--")) and deck in _han(line) \
                and len(_han(line)) <= len(deck) + 12 and head_index is not None and index > head_index:
            if len(_han(line)) > len(deck):
                # (printed in full there: the fuller deck is the subtitle, '——某村…' over '——某县某镇某村…')
                title = title.rsplit("——", 1)[0] + "——" + line.strip().lstrip("—-").strip()
            take(index, "title (its subtitle repeated)")  # ('——某县某镇某村党总支部防灾素描' under the headline again)
            continue
        if title and len(_han(title)) >= 4 and _with_site_tails(line, title):
            take(index, "title (repeated with the site's name)")  # ('某某转移群众_每日快讯（日常热点指南）')
            continue
        if title and len(_han(title)) >= 4 and (_han(title) in _han(line)) and len(_han(line)) <= len(_han(title)) + 8 \
                and not _DATELINE_TITLE.search(simple):
            # (a wire dateline that repeats the headline after '题：' opens the story: it stays)
            take(index, "title (repeated)")
            continue
        account_title = _ACCOUNT_PAGE_TITLE.fullmatch(to_hans(line.strip())) if title and head_index is not None and index < head_index else None
        if account_title and _han(account_title["t"]) == _han(title):
            # the page's title: the account's tag, the writer and the headline with its genre ('【某某文学】某某：【HEADLINE】（散文）')
            meta.add_source(account_title["acc"], rank=4)
            if account_title["n"] and is_person_name(account_title["n"]):
                meta.add_author(account_title["n"])
            take(index, "title (the page's title with the account's tag and the writer)")
            continue
        if head_index is not None and index < head_index and len(_han(line)) <= 20 and not _is_kicker(line):
            take(index, "chrome: line above the headline")
            continue
        body.append(line)
        body_numbers.append(numbers[index])

    joined = _han(header[head_index - 1]) + _han(header[head_index]) if head_index else ""
    if title and head_index and head_index + 1 < len(header) and kinds[head_index + 1] in ("date", "meta") \
            and kinds[head_index - 1] == "text" and len(_han(header[head_index - 1])) >= 4 and title == header[head_index] \
            and any(_han(x).endswith(joined) and len(_han(x)) <= len(joined) + 3 for x in header[: head_index - 1]):
        # a headline in two lines over its metadata that the page title or the '原标题' above prints as one
        # ('为了让我们的城市不停摆汛情下的…', then '为了让我们的城市不停摆' / '汛情下的…' / '稿件来源…'): the
        # first line is the headline, the second its deck
        title, subtitle = header[head_index - 1].strip(), subtitle or header[head_index].strip()
        taken = [Removal(r.line, r.text, "title") if r.line == numbers[head_index - 1] else
                 Removal(r.line, r.text, "subtitle") if r.why == "title" else
                 Removal(r.line, r.text, "title (repeated)") if _han(r.text).endswith(joined) and r.why.startswith("chrome") else r
                 for r in taken]
    story = _han("\n".join(body + lines[first:])) if original_title and title else ""
    if story and len(_han(original_title)) >= 6 and len(story) >= 100 and _bigram_share(_han(title), story) < 0.1:
        # a hijacked page's own title over the copied story ('某某论坛_某某每期更新'), the story's headline kept only
        # as '原标题：…': the 原标题 is the headline
        taken = [Removal(r.line, r.text, "chrome: a page title the story never mentions (原标题 names the headline)")
                 if r.why == "title" else r for r in taken]
        title = original_title
    prints = sum(_han(x) == _han(title) for x in header) if title else 0
    if title and prints >= 3 and original_title is None and len(_han(title)) >= 8:
        # a hijacked page's own title printed three times over a story copied from elsewhere that shares hardly a
        # pair of its characters ('某某铁路项目开展反腐倡廉宣传教育月系列活动' ×3 over a flood story): no headline
        whole = _han("\n".join(body + lines[first:]))
        if len(whole) >= 300 and _bigram_share(_han(title), whole) < 0.1:
            taken = [Removal(r.line, r.text, "chrome: a page title the story never mentions (printed three times)")
                     if r.why.startswith("title") and _han(r.text) == _han(title) else r for r in taken]
            title, subtitle = None, None
    if title is None and labelled is None and original_title is None:
        # a page that prints no headline may end its breadcrumb with it ('首页 » 问答 » 常识 » 某某全体党员疫线出击', a
        # forum archiver's thread): a last crumb of headline length, no column's name
        for removal in cleaned.removed:
            crumbs = re.split(r"»|>>|>|→|/", to_hans(removal.text.strip())) if _CRUMB_START.match(to_hans(removal.text.strip())) else []
            last = crumbs[-1].strip() if len(crumbs) >= 3 else ""
            if 8 <= len(_han(last)) <= 40 and not _SENTENCE_END.search(last) and not _SITE_NAME.search(last) \
                    and not last.endswith(tuple(default_boilerplate().menu_endings)) and removal.line is not None \
                    and (not numbers or numbers[0] is None or removal.line <= numbers[0] + 6):
                at = len(removal.text.strip()) - len(last) if len(to_hans(removal.text.strip())) == len(removal.text.strip()) else None
                title = removal.text.strip()[at:] if at is not None else last
                taken.append(Removal(removal.line, title, "title (the last step of the breadcrumb)"))
                break
    if title and head_index is not None and any(role == "来源" and _han(value) == _han(title)
                                                for x in header for role, value in parse_labelled(x) or ()):
        # a template's keyword printed as the headline and again as the source ('某某彩票' over
        # '来源:某某彩票'): the site's name, no headline
        taken = [Removal(r.line, r.text, "chrome: site name (the same as the source field)") if r.why == "title" else r
                 for r in taken]
        title = None
    keywords: set[str] = set()
    if title:
        title, keywords = _search_keywords(title, body + lines[first:])
        title = _clean_title(title, meta)
    if title:
        title = _glued_outlet(title, [r.text for r in taken if r.why.startswith("metadata")], body + lines[first:], meta)
        title = _owner_prefix(title, [r.text for r in cleaned.removed])
    if subtitle:
        subtitle = subtitle.lstrip("—-").strip() or None
    subtitle = subtitle or meta.series
    if title and "——" in title and not title.startswith("——") and not subtitle:
        title, _, tail = title.partition("——")
        subtitle = tail.strip() or None
        title = title.strip()
    elif title and re.search(r"\s--(?=[\u4e00-\u9fff“「])", title) and not subtitle:
        # (a template's ASCII dashes after a space: '某某熠熠生辉 --某某检察院驻村工作队工作纪实')
        title, tail = re.split(r"\s--(?=[\u4e00-\u9fff“「])", title, maxsplit=1)
        subtitle = tail.strip() or None
        title = title.strip()

    body += lines[first:]
    body_numbers += numbers[first:]
    for index in range(min(len(body), 4)) if title and len(_han(title)) >= 8 else ():
        # the headline printed again behind a board's tag and a space ('家园 HEADLINE', a threaded forum's post)
        if re.match(r"\s*[^\s]{1,4}\s+\S", body[index]) and _han(body[index]).endswith(_han(title)) \
                and 0 < len(_han(body[index])) - len(_han(title)) <= 4:
            taken.append(Removal(body_numbers[index], body[index], "title (repeated behind a board's tag)"))
            del body[index]
            del body_numbers[index]
            break
    top = body[0].strip() if len(body) >= 2 else ""
    if title is None and labelled is None and not subtitle and top.startswith(("——", "--")) \
            and 6 <= len(_han(top)) <= 40 and not _SENTENCE_END.search(top) and not _DATE.search(top) \
            and not _DEDICATION.match(to_hans(top.lstrip("—- ").strip())):
        # (not a dedication, whom the piece is written to: '——致某某社区“最美志愿者”', '——献给…')
        # a headline's '——' deck alone at the top, the main line lost in the copy ('——解密某某市如何…'): the part
        # of the headline the page still shows, what a reader quotes as its headline
        title = top.lstrip("—- ").strip()
        taken.append(Removal(body_numbers[0], body[0], "title (a deck whose headline the copy lost)"))
        del body[0]
        del body_numbers[0]
    for index in range(len(body) - 1, -1, -1):
        if keywords and _han(body[index]) in keywords and not is_paragraph(body[index]):
            taken.append(Removal(body_numbers[index], body[index], "chrome: search keyword (the headline's prefix, repeated)"))
            del body[index]
            del body_numbers[index]
    # the page's tags above the story: a line of two to five short words, each of them a word of
    # the headline ('兰州榆中 党群组织' under '兰州榆中：充分发挥党群组织作用…')
    head_han = _han(title or "")
    for index in range(min(len(body), 4) - 1, -1, -1):
        if is_paragraph(body[index]):
            continue
        if head_han and _TAG_LINE.fullmatch(body[index].strip()) and all(w in head_han for w in body[index].split()):
            taken.append(Removal(body_numbers[index], body[index], "chrome: tags (words of the headline)"))
            del body[index]
            del body_numbers[index]

    # A content farm's copy of the headline in brackets glued before the lead's dateline ('【 某地：HEADLINE】某某网
    # 南京7月19日讯 …'): a repeat of the title, not the story's words.
    for index in range(min(len(body), 3)):
        glued_head = re.match(r"\s*【([^【】]{4,80})】\s*", body[index])
        inside = _han(glued_head[1]) if glued_head else ""
        if glued_head and title and len(inside) >= 4 and (inside in _han(title) or _han(title) in inside) \
                and len(body[index]) > glued_head.end() + 8:
            taken.append(Removal(body_numbers[index], glued_head[0].strip(), "title (repeated)"))
            body[index] = body[index][glued_head.end():]
            break
    # A wire page's headline (after its topic in brackets) run into the lead's dateline by a flattened copy
    # ('（抗击新冠肺炎）HEADLINE 中新网武汉2月20日电（…）…'): the headline repeated, the dateline opens the story.
    for index in range(min(len(body), 3)) if title else ():
        topic = _TOPIC_BEFORE_HEAD.match(body[index])
        rest = body[index][topic.end():]
        after = rest[len(title):]
        if rest.startswith(title) and after[:1].isspace() and _DATELINES[0].match(to_hans(after.lstrip())):
            taken.append(Removal(body_numbers[index], body[index][: len(body[index]) - len(after)].strip(), "title (repeated)"))
            body[index] = after.lstrip()
            break
    # Datelines at the start of the story name the outlet (the dateline itself stays in the text).
    dated = False
    for opening in body[:3] + [x for x in body[3:10] if _DATELINE_CREDITED.match(to_hans(x))]:
        # (an app's name before the outlet's dateline: '某某网客户端—某某网消息（通讯员 某某）'; after photo
        # captions, up to seven of them, a dateline with its reporters in brackets, '…讯（文/全媒体记者 某某 图/…）')
        app = _APP_PREFIX.match(to_hans(opening))
        line = opening[app.end():] if app else opening
        for pattern in _DATELINES:
            match = pattern.match(to_hans(line))
            if match:
                dated = True
                # (an outlet's name that runs on past its outlet word, up to the place: '红网时刻常德2月3日讯')
                place_dateline = _dateline_outlet(line) if match.start("o") == 0 else None
                end = place_dateline[1] if place_dateline and place_dateline[1] > match.end("o") else match.end("o")
                # (a site and its paper of one name, '某某网-某某报讯': the paper)
                site_paper = re.fullmatch(r"(?P<stem>[\u4e00-\u9fff]{2,6})网[-－](?P<paper>(?P=stem)[\u4e00-\u9fff]{0,2}报)", to_hans(line[match.start("o"): end]))
                start = match.start("o") + site_paper.start("paper") if site_paper else match.start("o")
                if not (match.re is _BARE_NAME_NEWS and gazetteer.default().lookup(to_hans(line[start: end]))):
                    meta.add_source(line[start: end], rank=3)  # (a place's name before '讯' names no outlet: '某市讯（…）')
                if match.groupdict().get("n") and is_person_name(match["n"]):
                    meta.add_author(line[match.start("n"): match.end("n")])
                if match.groupdict().get("d"):
                    meta.add_date(match["d"], rank=2)  # (the full date inside the bracketed dateline)
                # the reporters in brackets after the dateline ('…电（记者王某、李某）', '…讯(通讯员 王某 某报记者 李某 文/图)')
                reporters = _DATELINE_REPORTERS.match(to_hans(line), match.start("o"), match.end() + 40)
                at = body.index(opening) + 1
                moved = False
                if reporters is None and not to_hans(line)[match.end():].strip() and at < len(body):
                    # a dateline alone on its line, the reporters in brackets opening the next one
                    # ('某某网哈尔滨10月12日电' / '（记者 某某）一场突如其来的…')
                    line, moved = body[at], True
                    reporters = _DATELINE_REPORTERS.match(to_hans(line), 0, 80)
                    reporters = reporters if reporters and not to_hans(line)[: reporters.start("c")].strip(" （(") else None
                if reporters is None and not moved:
                    # the reporters' bare names in brackets right after the dateline ('…电（王某某）', '…讯（李某 张某）')
                    # (from the bracket the dateline's match may have taken: '本网讯（' / '陈思宇）')
                    reporters = _DATELINE_BARE_NAMES.match(to_hans(line), match.end() - to_hans(line)[: match.end()].endswith(("（", "(")))
                    reporters = reporters if reporters and all(is_credit_name(n) for n in split_names(reporters["c"])) else None
                if reporters is None and not moved:
                    reporters = _DATELINE_REPORTED.match(to_hans(line), match.end())
                if reporters:
                    # (positions in the Simplified line are the capture's: OpenCC maps character to character here)
                    for name in _reporter_names(line[reporters.start("c"): reporters.end("c")]):
                        meta.add_author(name)
                    # '本报9日讯（某某日报全媒体记者 王某）': the reporters' title names the paper
                    paper = _REPORTER_OUTLET.match(to_hans(line), reporters.start("c"))
                    if paper and _NOT_SOURCE.match(to_hans(line)[match.start("o"): match.end("o")]):
                        meta.add_source(line[paper.start("o"): paper.end("o")], rank=3)
                break
        else:
            # a wire dateline after a caption or a repeated headline glued before it on one line
            # ('…物资 某某 摄   (专题)标题 中新网武汉2月20日电 (…)'): after white space, near the start
            match = _DATELINE_INSIDE.search(to_hans(line[:160])) or _PLACE_OUTLET_REPORT.match(to_hans(line))
            if match and (match.re is _DATELINE_INSIDE or _names_place(match["o"])):
                meta.add_source(line[match.start("o"): match.end("o")], rank=3)
    # a byline glued to the story's first words by a mirror that dropped the white space
    # ('某某监委网站王某某通讯员吴某“零感染…'): the outlet, its reporter, '通讯员' and a name
    # the reporters in brackets opening the lead with no outlet before them ('（特约记者 某某 某某）疫情就是命令，…')
    opening = (_BRACKET_REPORTERS.match(to_hans(body[0])) or _BRACKET_WRITERS.match(to_hans(body[0]))) if body and not dated else None
    if opening:
        group = "n" if opening["n"] else "m"
        names = [n for n in _join_spaced_names(split_names(body[0][opening.start(group): opening.end(group)])) if is_person_name(n)]
        for name in names:
            meta.add_author(name)
    glued = _GLUED_BYLINE.match(to_hans(body[0])) if body and not dated else None
    if glued and is_person_name(glued["n"]) and is_person_name(glued["m"]):
        meta.add_source(body[0][glued.start("o"): glued.end("o")], rank=3)
        for group in ("n", "m"):
            meta.add_author(body[0][glued.start(group): glued.end(group)])
    # (a dateline whose outlet ends in no outlet word or that follows the photo captions opening the story)
    for line in body[3:8] if not dated else ():
        place_dateline = _dateline_outlet(line)
        if place_dateline:
            meta.add_source(line[place_dateline[0]: place_dateline[1]], rank=3)
            reporters = _DATELINE_REPORTERS.match(to_hans(line), 0, 80)
            if reporters:
                for name in _reporter_names(line[reporters.start("c"): reporters.end("c")]):
                    meta.add_author(name)
            break
    for index in range(min(3, len(body))):
        # a source label in brackets glued before the story's first words ('「本文来源：某某日报」某某客户端记者…')
        label = _BRACKET_SOURCE.match(_simplified_aligned(body[index]))
        if label and len(body[index]) > label.end():
            meta.add_source(body[index][label.start("o"): label.end("o")], rank=1)
            taken.append(Removal(body_numbers[index], body[index][: label.end()].strip(), "metadata: source in brackets before the story"))
            body[index] = body[index][label.end():]
            break
    for index in sorted(set(range(min(3, len(body)))) | set(range(max(0, len(body) - 3), len(body)))):
        line = body[index]
        match = _ORIGIN_NOTE.search(to_hans(line))
        if match:  # '本文来自微信公众号：某某杂志（ID：…），作者：某某、某某，编辑：某某'
            meta.add_source(line[match.start("o"): match.end("o")], rank=2)
            before = line[: match.start()].rstrip()
            if (not before or _SENTENCE_END.search(before)) and to_hans(line)[match.start():].startswith("本文"):
                # the note ends the line: it is metadata, the sentence before it stays
                taken.append(Removal(body_numbers[index], line[match.start():], "metadata: origin note (来源、作者)"))
                if before:
                    body[index] = before
                else:
                    del body[index]
                    del body_numbers[index]
            handle = re.match(r"[（(]ID[:：][A-Za-z0-9_-]{1,30}[)）]", line[match.end("o"):])
            if handle and not re.search(r"[\u4e00-\u9fff]", before):
                # '??来源丨某某号(ID:…)' glued before the story's first words: the credit is metadata
                cut = match.end("o") + handle.end()
                taken.append(Removal(body_numbers[index], line[:cut], "metadata: origin note (来源)"))
                body[index] = line[cut:].lstrip()
            author = _NOTE_AUTHORS.search(line[match.end("o"):])
            for name in split_names(author["names"]) if author else ():
                if is_person_name(name):
                    meta.add_author(name)
            break

    # the page's title (the headline and the site's name or slogan) printed again under the story
    # ('某某巡堤排险记-Good Luck To Yo')
    for index in range(len(body) - 1, max(-1, len(body) - 4), -1) if title and len(_han(title)) >= 4 else ():
        if _with_site_tails(body[index], title) and not _SENTENCE_END.search(body[index]):
            taken.append(Removal(body_numbers[index], body[index], "title (repeated with the site's name)"))
            del body[index]
            del body_numbers[index]

    # a gallery's picture titles: the headline with the picture's number ('HEADLINE(图) - 1',
    # '(聚焦疫情防控·图文互动)(2)HEADLINE'), chrome wherever they stand
    head = _han(title or "")
    for index in range(len(body) - 1, -1, -1) if len(head) >= 6 else ():
        line, han = body[index], _han(body[index])
        if head in han and len(line) <= len(title or "") + 24 and _PICTURE_INDEX.search(line) and not is_paragraph(line):
            rest = han.replace(head, "", 1)
            if to_hans(rest) in ("", "图", "组图") or (han.endswith(head) and len(rest) <= 14 and line.lstrip().startswith(("(", "（"))):
                taken.append(Removal(body_numbers[index], line, "chrome: a picture's title (the headline and its number)"))
                del body[index]
                del body_numbers[index]

    # Trailing zone: credit lines, print-edition lines, bracketed credits, '(outlet name)'.
    trailing_start = max(0, len(body) - 8)
    index = len(body) - 1
    printed_heads = [title] + [r.text for r in taken if r.why == "title"] if title else []
    while index >= trailing_start and body:
        line = body[index].strip()
        number = body_numbers[index]
        meta.line = number
        inner = line[1:-1].strip() if line[:1] in "（(" and line[-1:] in "）)" else None
        edition = _PRINT_EDITION.match(line)
        byline = _OUTLET_BYLINE.match(to_hans(line)) if not is_paragraph(line) and len(line) <= 60 else None
        pairs = None if is_paragraph(line) and len(line) > 60 else parse_labelled(inner if inner is not None else line)
        if pairs is not None and _is_event_record(body, index) and not all(role in AUTHOR_ROLES for role, _ in pairs):
            pairs = None  # (a diary's writer under its day and place is a byline still: '时间：…' / '地点：…' / '记录：某某')
        if byline and byline["pre"] and not all(is_person_name(n) for n in byline["pre"].split()):
            byline = None  # (not names before the outlet: a sentence's words)
        if byline and pairs is None:
            meta.add_source(line[byline.start("o"): byline.end("o")], rank=2)
            correspondents, cut = _byline_parts(line, byline)
            for name in correspondents:
                meta.add_author(name)
            for name in split_names(re.sub(r"(?:记者|記者|实习生|實習生|通讯员|通訊員)[:：]?", " ", line[cut:])):
                if is_person_name(name):
                    meta.add_author(name)
            taken.append(Removal(number, line, "metadata: byline with the outlet"))
        elif edition:
            meta.add_source(edition["o"], rank=2)
            meta.add_date(edition["date"], rank=1)
            taken.append(Removal(number, line, "metadata: print edition"))
        elif pairs is not None and (inner is not None or len(line) <= 60):
            for part in re.split(r"[；;]", inner if inner is not None else line):
                meta.add_pairs(parse_labelled(part.strip()) or [])
            taken.append(Removal(number, line, "metadata: " + "、".join(dict.fromkeys(role for role, _ in pairs))))
            below = body[index + 1].strip() if index + 1 < len(body) else ""
            if len(pairs) == 1 and not pairs[0][1].strip(" []【】") and (value_names := _bare_names(below)):
                # a label whose value the page broke onto the next line ('[責編：' / '某某' / ']')
                meta.line = body_numbers[index + 1]
                meta.add_pairs([(pairs[0][0], "、".join(value_names))])
                taken.append(Removal(body_numbers[index + 1], below, f"metadata: {pairs[0][0]} (the value under its label)"))
                del body[index + 1]
                del body_numbers[index + 1]
        elif line in rubrics:
            taken.append(Removal(number, line, "chrome: column rubric (repeated)"))
        elif index == len(body) - 1 and (_DATE_LINE.fullmatch(line) or _DMY_LINE.fullmatch(line)) and parse_date(line):
            # the date under a notice's signature ('某某镇人民政府' / '2020年2月11日')
            meta.add_date(line, rank=3)
            taken.append(Removal(number, line, "metadata: date under the signature"))
        elif index == len(body) - 1 and taken and taken[-1].why == "metadata: date under the signature" \
                and len(_han(line)) <= 20 and _ORG.search(to_hans(line)) and not is_paragraph(line):
            meta.credits.setdefault("作者单位", []).append(line)
            taken.append(Removal(number, line, "metadata: signature"))
        elif len(line) <= 24 and _PRODUCER.fullmatch(to_hans(line)):
            meta.credits.setdefault("供稿", []).append(line[: -2])  # an outlet's production credit ('某某日报新媒体出品')
            made = re.fullmatch(rf"\s*(?P<o>[\u4e00-\u9fff·]{{2,16}}?{_OUTLET_END})(?:新媒体|融媒体|全媒体|客户端|视频|新闻)?(?:中心|部)?出品\s*", to_hans(line))
            if made:
                meta.add_source(line.strip()[: len(made["o"])], rank=5)  # the outlet, when the page names no other
            taken.append(Removal(number, line, "metadata: producer credit"))
        elif index == len(body) - 1 and (photo := _photo_credit(line)):
            for name in photo:  # the photographer credited after the story is its author (a photo story)
                meta.add_author(name)
            taken.append(Removal(number, line, "metadata: photo credit after the story"))
        elif index == len(body) - 1 and index > 0 and (signed := _bare_names(line)) \
                and (is_paragraph(body[index - 1]) or _han(body[index - 1]) in {_han(head) for head in printed_heads}) \
                and not any(name[:2] in _han("".join(body[:index])) for name in signed) \
                and parse_labelled(body[index - 1].strip()) is None:
            # (under the last paragraph, or under the headline a caption printed again there; not a word the
            # story uses, a sentence cut short: '…救灾物资也来' / '洪水下')
            for name in signed:  # the writer's name alone under the story ('…打好疫情防控戰役。' / '某某某')
                meta.add_author(name)
            taken.append(Removal(number, line, "metadata: the writer's name after the story"))
        elif index == len(body) - 1 and len(line) <= 14 and _BARE_OUTLET_LINE.fullmatch(to_hans(line)):
            # an e-paper's or a site's name alone after the story ('…确保村民财产安全。' / '某某日报'): its
            # publisher, the source where nothing else names one
            meta.add_source(line, rank=7)
            taken.append(Removal(number, line, "metadata: the outlet's name after the story"))
        elif title and len(_han(line)) >= 6 and not is_paragraph(line) and not _addressee(line, title) \
                and not line.lstrip().startswith(("——", "--")) \
                and any(len(line) <= len(head) + 6 and _han(line)[:6] in _han(head) and not _other_ending(_han(line), _han(head))
                        for head in printed_heads):
            # (the headline as the page printed it counts too, with the search keyword the title lost: '【时刻|【让党旗…')
            taken.append(Removal(number, line, "title (truncated repeat)"))
        else:
            index -= 1
            continue
        del body[index]
        del body_numbers[index]
        index -= 1
    if body and len(body[-1]) > 60:
        credits = _GLUED_CREDITS.search(to_hans(body[-1]))
        pairs = parse_labelled(body[-1][credits.start("cut"):]) if credits else None
        if pairs:
            meta.line = body_numbers[-1]
            meta.add_pairs(pairs)
            taken.append(Removal(body_numbers[-1], body[-1][credits.start("cut"):], "metadata: credits after the last sentence"))
            body[-1] = body[-1][: credits.start("cut")].rstrip()
            kept_words = body[-1].rstrip("/／=*")
            if len(body[-1]) - len(kept_words) >= 6:  # (the divider over the credits goes with them)
                taken.append(Removal(body_numbers[-1], body[-1][len(kept_words):], "chrome: a divider over the credits"))
                body[-1] = kept_words.rstrip()
    if body:
        # a source glued to the last sentence ('…保障。来源今日聚蛟') or a bare outlet in brackets
        # after it ('…检测。（德化县委文明办）')
        glued = _GLUED_SOURCE.search(to_hans(body[-1]))
        bare = _BARE_OUTLET.search(body[-1])
        if glued or (bare and (_ORG.search(to_hans(bare["o"])) or re.search(_OUTLET_END + "$", to_hans(bare["o"])))):
            found = glued or bare
            meta.add_source(body[-1][found.start("o"): found.end("o")], rank=2)
            if found.re is _BARE_OUTLET and found["n"] and is_credit_name(found["n"]):
                meta.add_author(found["n"])
            taken.append(Removal(body_numbers[-1], body[-1][found.start("cut"):], "metadata: trailing source"))
            body[-1] = body[-1][: found.start("cut")].rstrip()
            if not body[-1]:
                body.pop()
                body_numbers.pop()
    # the editor's credit cut short at the end of a copy ('（责任'): a credit, not text
    if body and re.fullmatch(r"[（(]\s?(?:责任编辑|责任|责编|编辑)?[:：]?\s?", to_hans(body[-1].strip())):
        taken.append(Removal(body_numbers[-1], body[-1], "metadata: an editor's credit cut short"))
        del body[-1]
        del body_numbers[-1]
    # an outlet's editor in brackets after the last sentence ('…上门接种疫苗。（某某新闻编辑付某某）'): a credit
    if body:
        offset = max(0, len(body[-1]) - 40)
        tail_editor = _TRAILING_EDITOR.search(to_hans(body[-1][offset:]))
        if tail_editor and is_person_name(tail_editor["n"]):
            start = offset + tail_editor.start()
            meta.credits.setdefault("编辑", []).append(body[-1][offset + tail_editor.start("n"): offset + tail_editor.end("n")])
            taken.append(Removal(body_numbers[-1], body[-1][start:], "metadata: editor in brackets"))
            body[-1] = body[-1][:start].rstrip()
            if not body[-1]:
                del body[-1]
                del body_numbers[-1]
    # the editor's label glued to the name under the story ('编辑张某'), no colon to make it a field
    for index in range(len(body) - 1, max(-1, len(body) - 3), -1):
        editor = _GLUED_EDITOR.fullmatch(to_hans(body[index].strip()))
        if editor and is_person_name(editor["n"]):
            meta.credits.setdefault("编辑", []).append(body[index].strip()[editor.start("n"):])
            taken.append(Removal(body_numbers[index], body[index], "metadata: editor"))
            del body[index]
            del body_numbers[index]
            break
    if body:
        for index in range(len(body) - 1, max(-1, len(body) - 4), -1):
            line = body[index]
            offset = max(0, len(line) - 80)
            reporters = _TRAILING_REPORTERS.search(to_hans(line[offset:]))
            if reporters:  # '…坚守到底!”某某说。(中国教育报通讯员某某某)': the outlet of its reporters
                meta.add_source(line[offset + reporters.start("o"): offset + reporters.end("o")], rank=2)
                for name in _join_spaced_names(split_names(re.split(r"(?:责任编辑|编辑|责编)", reporters["names"])[0])):
                    if is_person_name(name):
                        meta.add_author(name)
                if reporters["editor"]:  # ('（某某台记者 某某）【编辑：某某】')
                    meta.credits.setdefault("编辑", []).append(line[offset + reporters.start("editor"): offset + reporters.end("editor")])
                taken.append(Removal(body_numbers[index], line[offset + reporters.start():], "metadata: trailing credit"))
                body[index] = line[: offset + reporters.start()].rstrip()
                if not body[index]:
                    del body[index]
                    del body_numbers[index]
                break
        match = _TRAILING_CREDIT.search(body[-1])
        if match:
            outlet, names = match["outlet"], split_names(match["names"])
            # (after an office and a colon, '（某某县某某镇：罗某某 但某某）', a name whose surname is also a
            # common word, 但, counts beside a known one)
            labelled = bool(re.search(r"[:：]", match.group())) and any(is_person_name(n) for n in names)
            if all(is_person_name(n) or "□" in n or (labelled and re.fullmatch(r"[\u4e00-\u9fff]{2,3}", n)) for n in names):
                if is_person_name(outlet) and not re.search(_OUTLET_END + "$", to_hans(outlet)) and not _ORG.search(to_hans(outlet)):
                    meta.add_author(outlet)  # two writers and no outlet ('（王某某 李某某）')
                elif re.search(r"(?:乡|镇|村|街道|社区|县委|区委|党委|党支部|党总支|政府|办事处|居委会|村委会|办|局|政协|人大)"
                               r"(?:通讯员|宣传员|发言人|信息员|联络员|宣传委员|网格员|报道员)?$", to_hans(outlet)):
                    # (or its correspondent or spokesperson, '（某某社区发言人 某某）')
                    meta.credits.setdefault("作者单位", []).append(outlet)  # the writer's township or office ('（某某乡 某某）'), no outlet
                elif re.fullmatch(r"(?:特约|特邀|本报|本网)?(?:通讯员|记者|撰稿人?|作者|文|图|摄影?|供稿|编辑|责编)", to_hans(outlet)):
                    pass  # a role, no outlet ('（特约通讯员：某某）'): the names are the writers
                elif re.search(r"(?<=[网報报台])(?:编辑|責編|责编|编审)$", to_hans(outlet)):
                    # the editor of the site that carries the story ('（某某网编辑 周某）'): a credit, no writer, no source
                    meta.credits.setdefault("编辑", []).extend(names)
                    names = ()
                else:
                    # (an outlet's name outranks a dateline; a body's abbreviation, '（连国资 某某）', does not)
                    meta.add_source(outlet, rank=1 if re.search(rf"(?:{_OUTLET_END}|网站|中心)$", to_hans(outlet)) else 4)
                for name in names:
                    meta.add_author(name)
                taken.append(Removal(body_numbers[-1], body[-1][match.start():], "metadata: trailing credit"))
                body[-1] = body[-1][: match.start()].rstrip()
                if not body[-1]:
                    body.pop()
                    body_numbers.pop()
        else:
            # the same credit ending an earlier paragraph, the outlet's reporter after the lead
            # ('…一直都在。（某某监委网站 张某某）' over captions and more pictures)
            for index in range(len(body) - 2, max(-1, len(body) - 5), -1):
                match = _TRAILING_CREDIT.search(body[index])
                if not match or not _SENTENCE_END.search(body[index][: match.start()]) \
                        or not re.search(rf"(?:{_OUTLET_END}|网站|網站)$", to_hans(match["outlet"])) \
                        or not all(is_person_name(n) for n in split_names(match["names"])):
                    continue
                meta.add_source(match["outlet"], rank=1)
                for name in split_names(match["names"]):
                    meta.add_author(name)
                taken.append(Removal(body_numbers[index], body[index][match.start():], "metadata: trailing credit"))
                body[index] = body[index][: match.start()].rstrip()
                break
        # a content farm's closing line: the headline again in corner brackets, then the outlets and their reporter
        # ('【HEADLINE】某某晨报、某某视频采访人员某某某', '记者' rewritten)
        farm = _FARM_CLOSING.fullmatch(to_hans(body[-1].strip())) if title and len(body) >= 2 else None
        if farm and _han(title) in _han(farm["t"]):
            stripped = body[-1].strip()
            meta.add_source(stripped[farm.start("o"): farm.end("o")], rank=2)
            for name in split_names(farm["n"]):
                if is_person_name(name):
                    meta.add_author(name)
            taken.append(Removal(body_numbers[-1], body[-1], "metadata: the headline again, its outlets and reporter"))
            body.pop()
            body_numbers.pop()
        # a dateline's words as the last line under the story ('某某在线讯 全媒体记者 胡 越'): the outlet and its reporters
        closing = _TRAILING_DATELINE.fullmatch(to_hans(body[-1].strip())) if len(body) >= 2 and len(body[-1]) <= 40 else None
        if closing:
            names = [n for n in _join_spaced_names(split_names(closing["names"])) if is_person_name(n)]
            if names:
                stripped = body[-1].strip()
                meta.add_source(stripped[closing.start("o"): closing.end("o")], rank=2)
                for name in names:
                    meta.add_author(name)
                taken.append(Removal(body_numbers[-1], body[-1], "metadata: dateline and reporters under the story"))
                body.pop()
                body_numbers.pop()
        # an e-paper's page footer under the story: the day and the paper
        footer = _EPAPER_FOOTER.fullmatch(to_hans(body[-1].strip())) if len(body) >= 2 and len(body[-1]) <= 200 else None
        if footer and not re.search(r"[。！？!?，,；;]", body[-1]):
            meta.add_date(footer["d"], rank=2)
            meta.add_source(body[-1].strip()[footer.start("o"): footer.end("o")], rank=5)
            taken.append(Removal(body_numbers[-1], body[-1], "metadata: the e-paper's page footer (day, paper)"))
            body.pop()
            body_numbers.pop()
        # the writer's unit and name, a colon between, on the last line under the story ('某某乡：李某')
        unit = _UNIT_WRITER.fullmatch(to_hans(body[-1].strip())) if len(body) >= 2 and len(body[-1].strip()) <= 24 else None
        if unit and is_person_name(unit["n"]) and is_paragraph(body[-2]):
            stripped = body[-1].strip()
            meta.add_author(stripped[unit.start("n"): unit.end("n")])
            meta.credits.setdefault("作者单位", []).append(stripped[: unit.end("o")])
            taken.append(Removal(body_numbers[-1], body[-1], "metadata: the writer's unit and name under the story"))
            body.pop()
            body_numbers.pop()
        # the writers' names alone on the last line under the story (an e-paper: '某某某 某某某')
        writers = body[-1].split() if len(body) >= 2 and len(body[-1]) <= 20 else []
        if 2 <= len(writers) <= 4 and all(is_person_name(w) and len(w) <= 3 for w in writers) and is_paragraph(body[-2]):
            for name in writers:
                meta.add_author(name)
            taken.append(Removal(body_numbers[-1], body[-1], "metadata: writers under the story"))
            body.pop()
            body_numbers.pop()
        # labelled credits run on after the last sentence of a flattened page ('…100余人次。 通讯员：某某某')
        run_on = _RUN_ON_CREDIT.search(body[-1]) if body else None
        if run_on and run_on.start() > 0:
            pairs = parse_labelled(run_on.group(0).strip(" |｜"))
            if pairs and all(role in AUTHOR_ROLES or role in ("编辑", "责任编辑", "审核") for role, _ in pairs):
                meta.add_pairs(pairs)
                taken.append(Removal(body_numbers[-1], body[-1][run_on.start():].strip(), "metadata: credits after the last sentence"))
                body[-1] = body[-1][: run_on.start()].rstrip()
        # a writer alone in brackets after the last sentence ('…阻击战。（某某某）'), or labelled credits
        # in brackets ('…慰问了防汛人员。（撰稿人：某某 审核人：某某）')
        if body:
            tail = _BRACKET_TAIL.search(body[-1])
            pairs = parse_labelled(tail["c"]) if tail else None
            if tail and is_credit_name(tail["c"]) and tail.start() > 0:
                meta.add_author(tail["c"])
            elif tail and pairs and _LABEL.match(_simplified_aligned(tail["c"])) and not any(r in ("-", "事件") for r, _ in pairs):
                # (an e-paper spaces out two-character names: '通讯员 杨 宾')
                meta.add_pairs([(r, "、".join(_join_spaced_names(split_names(v))) if r in AUTHOR_ROLES else v) for r, v in pairs])
            else:
                tail = None
            if tail:
                taken.append(Removal(body_numbers[-1], body[-1][tail.start():], "metadata: trailing credit"))
                body[-1] = body[-1][: tail.start()].rstrip()
                if not body[-1]:
                    body.pop()
                    body_numbers.pop()
        # the photographers' credit run on after the last sentence of a picture's caption (an e-paper's
        # photo page: '…协助小区开展封闭管理工作。 某某某 本报记者 某某 某某摄')
        photo = _run_on_photo(body[-1]) if body else None
        if photo:
            start, names = photo
            for name in names:
                meta.add_author(name)
            taken.append(Removal(body_numbers[-1], body[-1][start:].strip(), "metadata: photo credit after the caption"))
            body[-1] = body[-1][:start].rstrip()

    # With no date in the header, a date alone on a line above the first paragraph (an e-paper's
    # issue date under its page lists) is the date.
    if not meta.dates:
        for index, line in enumerate(body):
            if is_paragraph(line):
                break
            if _DATE_LINE.fullmatch(line) and parse_date(line):
                meta.line = body_numbers[index]
                meta.add_date(line, rank=4)
                taken.append(Removal(body_numbers[index], line, "metadata: date above the first paragraph"))
                del body[index]
                del body_numbers[index]
                break

    # With no date in the header, a line the cleaner took out as chrome above the first paragraph
    # may be the date (a date widget, a sidebar run that swallowed it): a line that is a date
    # and a time, nothing else.
    if not meta.dates:
        top = next((n for n in numbers[first:] if n is not None), None)
        # (or its value under the label, a profile's fields one a line: '- 注册时间' / '- 2009-5-12')
        member_labels = {r.line for r in cleaned.removed if r.line is not None and len(r.text) <= 12 and _MEMBER_DATE.search(to_hans(r.text))}
        for removal in cleaned.removed:
            if top is None or removal.line is None or removal.line >= top or not removal.why.startswith("chrome") \
                    or _MEMBER_DATE.search(to_hans(removal.text)) or removal.line - 1 in member_labels:
                continue  # (a forum member's sign-up or last login, '注册时间：2008-10-17', is no article's date)
            edition = _EDITION_DATE.match(removal.text)
            # (or a date with a view counter or the outlet beside it, a two-digit year with its
            # time, a compact '20200714' alone: '21-07-21 10:05 560次浏览', '… 08:59:30 某某社微博')
            beside = _REMOVED_HEAD_DATE.fullmatch(normalise_space(to_hans(removal.text))) if len(removal.text) <= 40 else None
            # (or a labelled date in a bar of widgets: '【信息时间：2021-08-12】【字号】【打印】【关闭】')
            in_bar = _LABELLED_DATE_IN.search(to_hans(removal.text)) if len(removal.text) <= 80 else None
            # (or an e-paper's location line naming the paper and the issue's day: '当前位置:某某日报 第2018-09-16期 第A2版:要闻')
            located = _EPAPER_LOCATION.match(to_hans(removal.text)) if len(removal.text) <= 80 else None
            if _DATE_LINE.fullmatch(removal.text) or _DMY_LINE.fullmatch(removal.text) or edition or beside or in_bar or located:
                meta.line = removal.line
                if located:
                    meta.add_date(located["d"], rank=5)
                    meta.add_source(located["o"], rank=6)
                elif in_bar:
                    meta.add_date(in_bar["d"], rank=5)
                    # (the poster an outlet, in a portal's post header: '某某网 发表于:2023-08-08 赞一个(0) 收藏 …')
                    poster = _POSTER_OUTLET.match(to_hans(removal.text))
                    if poster:
                        meta.add_source(removal.text[poster.start("o"): poster.end("o")], rank=6)
                elif beside:
                    day = beside["d8"] or beside["d"]
                    meta.add_date(("20" + day if beside["yy"] else day) if beside["d"] else
                                  f"{day[:4]}-{day[4:6]}-{day[6:]}", rank=5)
                    if beside["o"]:
                        meta.add_source(beside["o"], rank=6)
                else:
                    meta.add_date(edition.group(1) if edition else removal.text, rank=5)
                if meta.dates:
                    meta.warnings.append((removal.line, f"the date {meta.dates[-1][1]} was read from a line removed as page "
                                                        f"chrome ('{removal.text[:40]}'); check it is the article's date"))
                break

    # With no named outlet, a news agency's or paper's credit on a photo of the story names it ('…做准备。新华社记者
    # 某某某摄': a photo story, or a copy that kept only the pictures' credits).
    if not meta.sources:
        for line, number in zip(body, body_numbers):
            shot = _AGENCY_PHOTO.search(_simplified_aligned(line.strip())) or _AGENCY_BRACKET.search(_simplified_aligned(line.strip()))
            if shot and ("n" not in shot.groupdict() or is_person_name(shot["n"])):
                meta.line = number
                meta.add_source(line.strip()[shot.start("o"): shot.end("o")], rank=9)
                break
    # With no named outlet, the outlet beside the print buttons under the headline names it ('共产党员网 打印 纠错').
    if not meta.sources:
        for removal in cleaned.removed:
            bar = _OUTLET_BAR.match(_simplified_aligned(removal.text.strip())) if removal.why.startswith("chrome") else None
            if bar and removal.line is not None and removal.line <= (numbers[first] if first < len(numbers) and numbers[first] else removal.line):
                meta.line = removal.line
                meta.add_source(removal.text.strip()[bar.start("o"): bar.end("o")], rank=5)
                break
    # With no named outlet, the outlet that names itself with its address in the lead ('9月16日，某某新闻
    # (www.example.cn)记者从某区获悉…'): its own story
    # (or, further down the opening paragraphs, that goes on to say what it did: '连日来，某某新闻（www.example.cn）辗转于…';
    # never one the story cites, '据某某网（www.…）报道')
    if not meta.sources:
        for position, (line, number) in enumerate(zip(body[:6], body_numbers[:6])):
            named = _OUTLET_WITH_ADDRESS.search(_simplified_aligned(line))
            if not named:
                named = _OUTLET_ADDRESS_ACTS.search(_simplified_aligned(line))
            if named and (position < 3 or named.re is _OUTLET_ADDRESS_ACTS):
                meta.line = number
                meta.add_source(line[named.start("o"): named.end("o")], rank=8)
                break
    # With no named outlet, a notice that the story is an outlet's own work names it ('声明：某某市融媒体中心原创新闻，
    # 未经授权不得转载', cut as a footer notice).
    if not meta.sources:
        for removal in cleaned.removed:
            own = _ORIGINAL_WORK.search(_simplified_aligned(removal.text)) if len(removal.text) <= 80 else None
            if own:
                meta.line = removal.line
                meta.add_source(removal.text[own.start("o"): own.end("o")], rank=8)
                break
    # With no named outlet, the card of the platform account that posted the story names it ('郑州日报官方正观号',
    # '某某发布官方澎湃号', cut with the follow button under the story).
    if not meta.sources:
        for removal in cleaned.removed:
            card = _ACCOUNT_CARD.fullmatch(_simplified_aligned(removal.text.strip())) if removal.why.startswith("chrome") else None
            if card:
                meta.line = removal.line
                meta.add_source(removal.text.strip()[card.start("o"): card.end("o")], rank=8)
                break
    # With no named outlet, the site name in an ICP footer line names it.
    if not meta.sources:
        for removal in cleaned.removed:
            footer = re.search(r"([^\s|｜]{2,12})\s*[（(]\s*[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP", to_hans(removal.text))
            if footer:
                meta.add_source(footer.group(1), rank=9)
                break
            # (or a contributed piece's tag in the toolbar the cleaner cut: '某某网来稿')
            contributed = re.fullmatch(rf"\s*(?P<o>[\u4e00-\u9fff]{{2,12}}?{_OUTLET_END})(?:来稿|投稿)\s*", to_hans(removal.text))
            if contributed:
                meta.add_source(removal.text.strip()[: contributed.end("o") - contributed.start("o")], rank=9)
                break
            # (or an e-paper's page-property residue: '2021-08-06 1 1 某某日报 content_31090.html … /enpproperty-->')
            paper = re.search(r"(?:^|\s)(?P<o>[\u4e00-\u9fff]{2,10}报)\s+content_\w+\.html?\b.*enpproperty", to_hans(removal.text))
            if paper:
                meta.add_source(removal.text[paper.start("o"): paper.end("o")], rank=9)
                break

    # Metadata lines elsewhere in the body (a forum's printable view repeats them).
    kept: list[str] = []
    for position, (line, number) in enumerate(zip(body, body_numbers)):
        labelled_line = _TITLE_LABEL.match(to_hans(line))
        if labelled_line and re.sub(r"[ \u3000]", "", labelled_line["label"]) in ("标题", "题目", "查看完整版本", "本文标题", "文章标题") \
                and len(line) <= 90:
            taken.append(Removal(number, line, "title (labelled)"))
            continue
        # (in brackets too: '（原标题：某某）')
        bracketed = re.fullmatch(r"\s*[（(【\[](?P<in>(?:原标题|原標題)[ \u3000]*[:：][^()（）【】\[\]]+)[)）】\]]\s*", line)
        if bracketed:
            labelled_line = _TITLE_LABEL.match(to_hans(bracketed["in"]))
        if labelled_line and labelled_line["label"] == "原标题" and position >= len(body) - 4 \
                and 6 <= len(_han(labelled_line["t"])) <= 64:
            if not title:
                # a copy that lost its headline names it at the end ('原标题：某某全市开展核酸检测 新增六地…')
                start = bracketed.start("in") if bracketed else 0
                title = line[start + labelled_line.start("t"): start + labelled_line.end("t")].strip()
                taken.append(Removal(number, line, "title (原标题, the page shows no headline)"))
            else:
                # a repost's note of the headline it first ran under, after the story ('（原标题：某某）')
                taken.append(Removal(number, line, "metadata: the headline it first ran under (原标题)"))
            continue
        reprint = _REPRINT_NOTE.fullmatch(to_hans(line).strip()) if position >= len(body) - 6 else None
        if reprint:
            # a reprint statement at the end names the outlet ('声明：转载请注明来源于《某某日报》官方微信'): metadata
            meta.add_source(reprint["o"], rank=8)
            taken.append(Removal(number, line, "metadata: reprint statement (来源)"))
            continue
        writer = _UNIT_AND_NAME.fullmatch(to_hans(line.strip())) if len(line.strip()) <= 30 and position <= 4 else None
        label_above = writer is not None and any(
            r.line is not None and 0 < (number or 0) - r.line <= 2 and _EMPTY_WRITER_LABEL.fullmatch(to_hans(r.text.strip()))
            for r in taken)
        if writer and label_above and is_credit_name(writer["n"]):
            # the writer's unit and name under an empty label ('记录人：' / '某某街道退休党支部党员叶某某'): metadata
            name_at = writer.start("n")
            meta.add_author(line.strip()[name_at:])
            if writer["u"]:
                meta.credits.setdefault("作者单位", []).append(line.strip()[:name_at])
            taken.append(Removal(number, line, "metadata: the writer under an empty label"))
            continue
        if position <= 6 and _take_wechat_stamp(line, meta):
            # (after the opening paragraphs, as a mirror of the article copies it)
            taken.append(Removal(number, line, "metadata: account, date and the poster's province"))
            continue
        unprefixed = _GALLERY_PREFIX.sub("", line, count=1)
        if title and unprefixed != line and len(_han(title)) >= 6 and _han(unprefixed) == _han(title + (subtitle or "")):
            # the headline repeated over each picture of a gallery, behind its column and number
            # ('（防汛抗洪·图文互动）(1)HEADLINE——DECK'): chrome
            taken.append(Removal(number, line, "chrome: the headline repeated over a gallery's picture"))
            continue
        boxed = _BOXED_OUTLET_BYLINE.fullmatch(to_hans(line.strip())) if position <= 6 else None
        if boxed and all(is_credit_name(n) for n in boxed["n"].split()):
            # an e-paper's boxed byline with its outlet under the opening lines ('□某某新闻·某某报记者王某某文图')
            meta.add_source(line.strip()[boxed.start("o"): boxed.end("o")], rank=2)
            for name, written in zip(boxed["n"].split(), line.strip()[boxed.start("n"): boxed.end("n")].split()):
                meta.add_author(written)
            taken.append(Removal(number, line, "metadata: byline"))
            continue
        spaced = _SPACED_BYLINE.fullmatch(_simplified_aligned(line.strip())) if position <= 4 else None
        if spaced:
            # an outlet's reporters, their roles and names spaced out, under a photo's caption that opens the copy
            # ('某某时刻记者 张某 李某 实习记者 王某 通讯员 赵某 某地报道')
            if not re.fullmatch(r"本(?:报|网|台|刊)", spaced["o"]):  # ('本报记者 某某': the paper's own, no outlet named)
                meta.add_source(line.strip()[spaced.start("o"): spaced.end("o")], rank=2)
            for token, written in zip(spaced["rest"].split(), line.strip()[spaced.start("rest"):].split()):
                if is_person_name(token):
                    meta.add_author(written)  # (as the capture writes it)
            taken.append(Removal(number, line, "metadata: byline"))
            continue
        if line != title and (parse_labelled(line) is None or is_paragraph(line) and not _metadata_block(line)
                              or _is_event_record(body, position)):
            kept.append(line)
        else:
            near_pairs = parse_labelled(line) if line != title and position <= 6 and len(line.strip()) <= 40 else None
            if near_pairs and any(role in ("记者", "作者", "通讯员", "来源") for role, _ in near_pairs):
                # a byline among the opening paragraphs, under a photo's caption ('某某新闻记者 | 某某'): its names and outlet
                meta.add_pairs(near_pairs)
                outlet_first = _OUTLET_BYLINE.match(to_hans(line))
                if outlet_first:  # (the outlet before the bar: '某某日报客户端 | 记者 某某 通讯员 某某')
                    meta.add_source(line[outlet_first.start("o"): outlet_first.end("o")], rank=2)
            taken.append(Removal(number, line, "title (repeated)" if line == title else
                                 "metadata: " + "、".join(dict.fromkeys(role for role, _ in near_pairs)) if near_pairs else "metadata"))
            credit = _WRITTEN_BY.match(_simplified_aligned(line)) if line != title and position >= len(body) - 3 else None
            if credit:
                # the credits under the story with the writers' outlet ('文/某某日报·某某记者：某某 实习生 某某 通讯员 某某
                # 图/…'): the outlet is the source where nothing else names one, the names up to the picture's credit
                # the authors
                meta.add_source(line[credit.start("o"): credit.end("o")], rank=7)
                for token in re.split(r"\s+", line[credit.end():].strip()):
                    if re.search(r"[/／：:]", token):
                        break
                    if is_person_name(token):
                        meta.add_author(token)
            if line != title and not meta.dates and position < 30:
                # a post's date line under a poster's profile, past where the header was taken to end
                for role, value in parse_labelled(line) or ():
                    if role == "时间":
                        meta.add_date(value, rank=4)
    if not meta.sources and meta.person_like:
        # a source field that reads like a person's name is an outlet after all when the page names it as
        # one: its home page in a breadcrumb ('文明风首页 > …') or its dateline ('文明风9月22日讯')
        chrome_text = to_hans(" ".join(r.text for r in cleaned.removed))
        story = to_hans("\n".join(kept[:3]))
        where = chrome_text + "\n" + story
        for value in meta.person_like:
            simple = to_hans(value)
            at = where.find(simple)
            while at >= 0 and not _NAMED_OUTLET_AFTER.match(where, at + len(simple)):
                at = where.find(simple, at + 1)
            if at >= 0:
                meta.add_source(value, rank=3, person_like=True)
                break
    if title and meta.best_source() and _han(meta.best_source()) == _han(title):
        # a template that fills its source field with the headline ('来源:HEADLINE'): no outlet named
        meta.sources = [(rank, value) for rank, value in meta.sources if _han(value) != _han(title)]
    if meta.best_source() and any(name not in meta.posters for name in meta.authors):
        # a thread that reposts an outlet's story with its reporters' byline ('文/某某晚报记者某某'): they
        # wrote it, the poster only posted it
        meta.authors = [name for name in meta.authors if name not in meta.posters]
    credits = tuple(Credit(role, tuple(dict.fromkeys(names))) for role, names in meta.credits.items() if names)
    return Extracted(
        title=title or None, subtitle=subtitle or None, date=dates.parse_iso(meta.best_date() or ""), source=meta.best_source(),
        authors=tuple(meta.authors), credits=credits, paragraphs=tuple(kept), taken=tuple(taken),
        warnings=tuple(meta.warnings),
    )


def _metadata_block(line: str) -> bool:
    """A long line that is a block of labelled fields ('索引号：… 发布机构：… 发文日期：…'), or a team's
    bylines from several outlets (_TEAM_BYLINES)."""
    team = _team_bylines(to_hans(line.strip()))
    if team and team.end() == len(line.strip()):
        return True
    segments = [x for x in BAR.split(line) if x.strip()]
    if len(segments) >= 4 and all(re.match(r"\s*[\u4e00-\u9fff]{1,6}\s*[:：]", x) or _DATE.search(x) for x in segments):
        return True  # every '|'-separated segment a labelled field or the date ('2021-1-20 09:29| 编辑: 某某 | 查看: 10895| …')
    pairs = parse_labelled(line)
    if pairs and pairs[0][0] == "时间" and parse_date(pairs[0][1]) and not _SENTENCE_END.search(line):
        return True  # a dated line with an uploader, counters and a link ('日期:2024-10-01  caijiyuan  评论:0  移动:http://…')
    return bool(pairs) and len(pairs) >= 3 and sum(len(value) for _, value in pairs) >= len(line) * 0.4


def _is_event_record(lines: list[str], index: int) -> bool:
    """A labelled line in a block that records an event (时间/地点/天气/人物 labels)."""
    own = parse_labelled(lines[index]) or []
    if own and all(role in ("作者", "记者", "通讯员", "来源", "编辑", "责任编辑", "摄影") for role, _ in own):
        return False  # (a byline beside a diary's '地点：' line: '文/某某' / '219 地点：某某社区')
    for near in lines[max(0, index - 1): index + 2]:
        pairs = parse_labelled(near)
        if pairs and any(role == "事件" for role, _ in pairs):
            return True
    return False


# the end of a kicker that names who acted ('某某经开区党员志愿服务队', '某某村党支部'), not a column
_KICKER_ACTOR = re.compile(r"(?:服务队|突击队|先锋队|志愿队|工作队|党员|干部|志愿者|党支部|支部|党委|党组|小组)$")


def _bigram_share(han: str, text: str) -> float:
    """The share of a line's character pairs that occur in ``text`` (0 for a line of one character)."""
    pairs = [han[i: i + 2] for i in range(len(han) - 1)]
    return sum(pair in text for pair in pairs) / len(pairs) if pairs else 0.0


def _is_kicker(line: str) -> bool:
    """A kicker (引题) above the headline is article text: a phrase of some length, not a label."""
    return len(_han(line)) >= 8 and not _SITE_NAME.search(to_hans(line)) and not _EPAPER_MASTHEAD.search(to_hans(line).strip())
