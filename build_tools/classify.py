"""Classify stage: the region a case is about and the practices (tags) it shows.

Region: every gazetteer name in the title and text is a vote for its division and, through it,
for its city and province. The region goes down a level only while one child clearly dominates
and it is mentioned at least as often as its parent alone; national round-ups that spread over
many provinces get no region rather than the first one named. A name that means several places
(朝阳区, 鼓楼区) counts only where its city or province is named too; short forms of counties
(锡山) count only with such support, so ordinary words are not taken for places.

Tags: a controlled vocabulary (data/tags.yml); a tag is set when its signal words occur often
enough in the Simplified form of the text.
"""

from __future__ import annotations

import functools
import pathlib
import re
from collections import Counter
from dataclasses import dataclass

import yaml

from build_tools.gazetteer import GENERIC_NAMES, Division, Gazetteer
from build_tools.model import Region
from build_tools.rules import Vocabulary

DOMINANCE = 0.6
# a county, town or street named is where a story is set more surely than a province named alone
# (a province is also where relatives work, where an epidemic began): in the share of provinces,
# a county-level vote weighs this much more (the region stays null where no province dominates)
COUNTY_WEIGHT = 1.5
HEADLINE_WEIGHT = 2.0  # a place named in the headline (see _ballot)
LEAD_CHARS = 400  # characters: the opening where a round-up says it is one ('全省各地…')
HEADLINE_MAX = 64  # characters: a longer first line is a paragraph, not a headline
TOWN_CANDIDATES = 4  # counties sharing a town's name, at most, for the town to vouch for a county's short form (see _ballot)


@dataclass(frozen=True)
class _Words:
    """The word lists of data/region_words.yml (Simplified)."""

    travel_before: tuple[str, ...]
    travel_after: tuple[str, ...]
    context_before: tuple[str, ...]
    context_after: tuple[str, ...]
    epithets: tuple[str, ...]
    feature_after: tuple[str, ...]
    feature_exceptions: tuple[str, ...]
    outlet_after: tuple[str, ...]
    outlet_brand_before: tuple[str, ...]
    owner_labels: tuple[str, ...]
    owner_suffixes: tuple[str, ...]
    breadcrumb_labels: tuple[str, ...]
    national_seat: tuple[str, ...]
    national_agencies: tuple[str, ...]
    ordinary_short_forms: tuple[str, ...]
    proper_noun_after: tuple[str, ...]
    proper_noun_exceptions: tuple[str, ...]
    county_proper_noun_after: tuple[str, ...]
    province_organs: tuple[str, ...]
    province_bodies: tuple[str, ...]
    destination_before: tuple[str, ...]
    helper_after: tuple[str, ...]
    round_up_cues: tuple[str, ...]
    national_cues: tuple[str, ...]
    police_short_forms: tuple[str, ...]
    police_after: tuple[str, ...]
    repeated_short_form: int = 3
    national_cue_kinds: int = 3


@functools.lru_cache(maxsize=1)
def _words() -> _Words:
    data = yaml.safe_load((pathlib.Path(__file__).parent / "data" / "region_words.yml").read_text("utf-8"))
    # longest first, so that '主办单位' is read before '主办'
    lists = {key: tuple(sorted(map(str, data[key]), key=len, reverse=True))
             for key, field in _Words.__dataclass_fields__.items() if field.type != "int" and field.type is not int}
    return _Words(**lists, repeated_short_form=int(data.get("repeated_short_form", 3)),
                  national_cue_kinds=int(data.get("national_cue_kinds", 3)))


_DATELINE_DATE = re.compile(r"\d{1,2}月\d{1,2}日\s*(?:电|消息|讯|訊)")
_DATELINE_DAY = re.compile(r"\d{1,2}月\d{1,2}日")


def _weight(text: str, start: int, end: int) -> float:
    """1 for a place the story is set in; 0.25 for a place people came from or went to, the
    occasion, one item of a set, or the capital in a national agency's dateline
    (data/region_words.yml); 0 for a road or an embankment named after it, and for the first
    characters of a national outlet's name ('新华社' is no mention of a 新华区)."""
    words = _words()
    before, after = text[max(0, start - 4): start], text[end: end + 6]
    if after.startswith(words.feature_after) and not after.startswith(words.feature_exceptions):
        return 0.0
    if text[start:end] in words.police_short_forms and after.startswith(words.police_after):
        return 0.0  # the police ('公安干警', '公安局'), not the county of that name
    # the first characters of a national outlet's name ('新华社记者', '光明日报'), not a place
    if any(text.startswith(name, start) for name in _national_names()):
        return 0.0
    if text[start:end] in words.national_seat and text[max(0, start - 6): start].endswith(words.national_agencies) \
            and _DATELINE_DATE.match(text, end):
        return 0.25
    befores = [before] + [before[:-len(e)] for e in words.epithets if before.endswith(e)]
    if before.endswith("自") and not before.endswith(("来自", "从自")) and _SINCE.match(text, end):
        befores = [b[:-1] for b in befores]  # '自某县实行临时管控以来': since, not from
    travel = any(b.endswith(words.travel_before + words.context_before) for b in befores) \
        or after.startswith(words.travel_after + words.context_after + words.helper_after) or _travel_to_described(text, start) \
        or after.startswith("的") and text.startswith(("返乡", "返回", "回来"), end + 1)  # ('某地的返乡人员': people from there)
    return 0.25 if travel else 1.0


# what follows a place after '自' when it means 'since' ('自某县城东管理区实行临时管控以来'): '以来' closing the
# clause, with no travel word on the way
_SINCE = re.compile(r"[^，。；：！？,;:!?\s]{0,20}?以来")


_CLAUSE_END = re.compile(r"[，。；：、！？,.;:!?\s]")


def _travel_to_described(text: str, start: int) -> bool:
    """A place people went to, described before it is named ('他却去了最危险的武汉', '奔赴疫情最重
    的湖北'): a travel word of two characters or more, then a short phrase ending in 的."""
    if not text.startswith("的", start - 1):
        return False
    clause = text[max(0, start - 12): start - 1]
    cut = max((m.end() for m in _CLAUSE_END.finditer(clause)), default=0)
    clause = clause[cut:]
    return any(0 <= len(clause) - clause.rfind(word) - len(word) <= 7
               for word in _words().travel_before if len(word) >= 2 and word in clause)


def _mentions(text: str, gazetteer: Gazetteer, positions: list[int] | None = None) -> list[tuple[str, list[Division], bool]]:
    """(name, candidate divisions, is_full_name) for each place name found, longest match first."""
    found = []
    length = len(text)
    lengths = gazetteer.lengths_by_start
    towns = gazetteer.town_starts(text)
    # the positions where a name or a town can start, read left to right (a loop stepping through
    # the text in Python cost a tenth of the whole pipeline)
    starts = sorted({m.start() for m in gazetteer.name_starts.finditer(text) if text[m.start():m.start() + 2] in lengths}
                    .union(towns))
    index = 0
    for at in starts:
        if at < index:  # inside the name found before
            continue
        hit = None
        for size in lengths.get(text[at:at + 2], ()):
            if at + size > length:
                continue
            piece = text[at:at + size]
            if piece in gazetteer.full:
                hit = (piece, gazetteer.full[piece], True)
                break
            if piece in gazetteer.short:
                hit = (piece, gazetteer.short[piece], False)
                break
        town = towns.get(at)
        if town and (hit is None or len(town) > len(hit[0])):
            hit = (town, gazetteer.towns[town], True)  # a town or street: a mention of its county
        if hit:
            found.append(hit)
            if positions is not None:
                positions.append(at)
            index = at + len(hit[0])
    return found


@functools.lru_cache(maxsize=1)
def _national_names() -> tuple[str, ...]:
    """National outlets and agencies whose names begin with a place's name (data/national_outlets.txt,
    region_words.yml national_agencies)."""
    return tuple(dict.fromkeys(_national_outlets() + _words().national_agencies))


@functools.lru_cache(maxsize=1)
def _national_outlets() -> tuple[str, ...]:
    path = pathlib.Path(__file__).parent / "data" / "national_outlets.txt"
    return tuple(line.strip() for line in path.read_text("utf-8").splitlines() if line.strip() and not line.startswith("#"))


def _names_outlet(text: str, start: int, end: int) -> bool:
    """A place named as the home of a local outlet or party office ('天门日报社', '（天门网记者…）',
    '宿迁广播电视总台'): a short form followed by an outlet word (data/region_words.yml) counts
    without further support. National outlets whose names start with a place name are not local
    (data/national_outlets.txt)."""
    if not text.startswith(_words().outlet_after, end):
        return False
    return not any(text.startswith(name, start) for name in _national_outlets())


def _branded_outlet(source: str, start: int, end: int) -> bool:
    """An outlet's name that is a brand and a place's short form ('云上嘉鱼', '今日房县',
    data/region_words.yml outlet_brand_before), the place ending the name or followed by an
    outlet word ('今日某某报')."""
    return source[:start] in _words().outlet_brand_before \
        and (end == len(source) or source.startswith(_words().outlet_after, end))


def _drop_false_places(text: str, mentions: list, positions: list[int], weights: list[float], gazetteer: Gazetteer) -> None:
    """Give no weight to mentions that are not places here, wherever the name recurs:
    * a short form that is a person's given name (主任熊广西正在…, ，熊广西和村干部…): a surname
      before it and a name's edges around the two (build_tools/propernames.py's context rules);
    * a town that follows a county it does not belong to (桃源县青林乡, where the town table only
      knows a 青林乡 in another province): the text says where it is;
    * a town whose first character ends a word the character before it begins ('积极响应家乡政府号召':
      no 应家乡; pypinyin's phrase table is the word list), unless that character ends a division's
      name ('某县城关镇') or the town's own first two characters make a word."""
    from pypinyin.phrases_dict import phrases_dict  # (a word list of 47,000 entries, loaded with pypinyin anyway)

    from build_tools import propernames

    false: set[str] = set()
    for i, ((name, candidates, full), start) in enumerate(zip(mentions, positions)):
        end = start + len(name)
        if not full and start > 0 and propernames.is_name_at(text, start - 1, end):
            false.add(name)
        if full and start > 0 and name in gazetteer.towns and text[start - 1] not in "省市县区镇乡村州旗盟" \
                and text[start - 1: start + 1] in phrases_dict and name[:2] not in phrases_dict:
            false.add(name)
        if full and i and positions[i - 1] + len(mentions[i - 1][0]) == start and all(d.level == "county" for d in candidates):
            before = mentions[i - 1][1]
            if len(before) == 1 and before[0].level == "county" and before[0] not in candidates and name != mentions[i - 1][0] \
                    and name in gazetteer.towns:
                false.add(name)
    for i, (name, _, _) in enumerate(mentions):
        if name in false:
            weights[i] = 0.0
        start = positions[i]
        if len(name) == 2 and name[0] in _JOINING_CHARS and name[1] in "县区" and start > 0 \
                and "\u4e00" <= text[start - 1] <= "\u9fff" and text[start - 1] != "共" and text.startswith(_COUNTY_ORGANS, start + 2):
            # a joining word before a county's organ ('按照县委的部署和县纪委监委的要求': no 和县 there; '中共和县委' is), this
            # mention only: a story on 和县 names it elsewhere
            weights[i] = 0.0


_JOINING_CHARS = "和与及或并"
_COUNTY_ORGANS = ("委", "纪委", "政府", "人大", "政协", "直", "领导", "里", "级")
# a county's own bodies, right after its two-character full name ('凤县公安', '凤县县委', '凤县人民政府')
_OWN_ORGANS = ("公安", "县委", "县政府", "人民政府", "纪委", "人民法院", "法院", "人民检察院", "检察院", "人武部",
               "融媒体中心", "应急管理局", "卫健局", "教育局", "税务局", "供电公司", "委组织部",
               "应急局", "自然资源局", "水利局", "水务局", "民政局", "住建局", "农业农村局", "林业局", "财政局",
               "交通运输局", "市场监管局", "生态环境局", "卫生健康局", "疾控中心", "人民医院", "防汛抗旱指挥部", "防指")
_VILLAGE_TAIL = re.compile(r"[\u4e00-\u9fff]{0,3}?村(?!民|干部|级)")


# after a place: a school's name and what someone studied or graduated in there ('医科大学临床医学专业', '大学毕业')
_STUDIED_AT = re.compile(r"[\u4e00-\u9fff]{0,6}?(?:大学|学院)[\u4e00-\u9fff]{0,8}?(?:专业|毕业)")
# after a place: more places, then the whole country, in one list ('武汉，湖北，全国各地', '湖北、全国')
_WITH_THE_COUNTRY = re.compile(r"[、，,](?:[\u4e00-\u9fff]{2,5}[、，,]){0,2}(?:全国|全中国|全世界)")


def _weighted_mentions(text: str, gazetteer: Gazetteer) -> tuple[list, list[int], list[float]]:
    """The place names of a text, their positions and weights (_weight; 0 where not a place)."""
    positions: list[int] = []
    mentions = _mentions(text, gazetteer, positions)
    weights = [_weight(text, p, p + len(m[0])) for p, m in zip(positions, mentions)]
    for i in range(1, len(weights)):  # a chain of names ('灾区郑州新密市牛店镇') shares its head's context
        if positions[i] == positions[i - 1] + len(mentions[i - 1][0]):
            weights[i] = min(weights[i], weights[i - 1])
    # a name written again in the same sentence soon after it was named as where people came from or
    # went to shares that context ('该游客回到三亚后，在三亚被确诊')
    for i in range(1, len(weights)):
        for j in range(i - 1, -1, -1):
            if positions[i] - positions[j] > 16:
                break
            if mentions[j][0] == mentions[i][0] and 0 < weights[j] < weights[i] \
                    and not re.search(r"[。！？!?]", text[positions[j]: positions[i]]):
                weights[i] = weights[j]
                break
    # a list of names ending in '等' ('郑州、焦作、新乡、洛阳等地') shares its last name's context: the
    # places a disaster or a campaign spans, not where the story happens
    start = 0
    for i in range(1, len(weights) + 1):
        if i < len(weights) and text[positions[i - 1] + len(mentions[i - 1][0]): positions[i]] == "、":
            continue
        if i - start >= 2 and text.startswith("等", positions[i - 1] + len(mentions[i - 1][0])):
            # (three names or more are a set whatever follows, which weighs as one weak mention, not one per name:
            # '海南、青海、成都、西藏等疫情风险地区', '来自北京、上海、广东、江苏等地的医疗队' in a story on 武汉)
            for k in range(start, i):
                weights[k] = min(weights[k], weights[i - 1], 0.25 / (i - start) if i - start >= 3 else 1.0)
        elif i - start >= 2 and text.startswith(_words().helper_after, positions[i - 1] + len(mentions[i - 1][0])):
            # (a list of the places that send help: '辽宁省、宁夏回族自治区对口援助某市')
            for k in range(start, i):
                weights[k] = min(weights[k], 0.25)
        elif i - start >= 2 and text[max(0, positions[start] - 4): positions[start]].endswith(_words().travel_before):
            # (a list after a word of where people came from or went to, however it ends: '医疗队队员分别来自江西、
            # 浙江、山西省荣军医院': every name in it is where they came from)
            for k in range(start, i):
                weights[k] = min(weights[k], weights[start])
        start = i
    # a place in the name of a school someone studied at ('毕业于某某医科大学', '凭借天津医科大学临床医学专业背景'):
    # where that person came from
    for i, ((name, _, _), start) in enumerate(zip(mentions, positions)):
        if _STUDIED_AT.match(text, start + len(name)) or text.endswith(("毕业于", "就读于", "毕业", "考入"), 0, start):
            weights[i] = min(weights[i], 0.25)
    # names listed with the whole country after them ('此刻，武汉，湖北，全国各地的医务人员…'): the country's
    # parts, as one weak mention
    for i, ((name, _, _), start) in enumerate(zip(mentions, positions)):
        if _WITH_THE_COUNTRY.match(text, start + len(name)):
            weights[i] = min(weights[i], 0.25)
    # a province's, city's or county's short form inside a village's or a company's name ('台湾村社区' in
    # a Yantai district, '某某湖北公司', '海南村' and '城中村' in a Guangzhou district) names no place: it
    # counts nothing
    words = _words()
    for i, ((name, candidates, full), start) in enumerate(zip(mentions, positions)):
        if not full and candidates and all(d.level in ("province", "city", "county") for d in candidates):
            after = text[start + len(name): start + len(name) + 4]
            if after.startswith(words.proper_noun_after) and not after.startswith(words.proper_noun_exceptions):
                weights[i] = 0.0
            elif after.startswith(words.county_proper_noun_after) and all(d.level == "county" for d in candidates):
                weights[i] = 0.0  # (a residential compound named like a county elsewhere: '龙湾小区' in 天台)
    # a short form of any level right after a town and inside the village's name that follows it
    # ('松木塘镇龙山湾村': 龙山 is no 龙山县) names no place, there or wherever the village recurs
    villages = {name for (name, candidates, full), start in zip(mentions, positions)
                if not full and candidates and text.endswith(("镇", "乡"), 0, start)
                and _VILLAGE_TAIL.match(text, start + len(name), start + len(name) + 6)}
    for i, (name, _, _) in enumerate(mentions):
        if name in villages:
            weights[i] = 0.0
    # a name that is a province's short form and also a place elsewhere (河北: the province, or a district of
    # 天津), listed among provinces ('给北京、河北、天津3个省市划拨…'), is the province
    def lone_province(k: int) -> bool:
        return 0 <= k < len(mentions) and len(mentions[k][1]) == 1 and mentions[k][1][0].level == "province"
    for i, (name, candidates, full) in enumerate(mentions):
        provinces = [d for d in candidates if d.level == "province"]
        if len(candidates) > 1 and len(provinces) == 1 and any(
                lone_province(k) and text[min(positions[k] + len(mentions[k][0]), positions[i] + len(name)):
                                          max(positions[k], positions[i])] in _LIST_JOINS for k in (i - 1, i + 1)):
            mentions[i] = (name, provinces, full)
    # a name of several places followed at once by a place under one of them ('河北涿州': the province,
    # not 天津's 河北区) is that one
    for i in range(len(mentions) - 1):
        name, candidates, full = mentions[i]
        if len(candidates) > 1 and positions[i] + len(name) == positions[i + 1]:
            parents = [c for c in candidates if any(c.code in (d.province, d.city) for d in mentions[i + 1][1])]
            if len(parents) == 1:
                mentions[i] = (name, parents, full)
    _weigh_aid_team_homes(text, mentions, positions, weights, gazetteer)
    # a short form that is also an ordinary word, glued to the end of a longer word rather than after a place
    # ('沣东新城', '绿色通道'), is that word: no mention of 新城区 or 通道县
    ordinary = _words().ordinary_short_forms
    for i, (name, _candidates, full) in enumerate(mentions):
        if not full and name in ordinary and positions[i] and "\u4e00" <= text[positions[i] - 1] <= "\u9fff" \
                and not (i and positions[i - 1] + len(mentions[i - 1][0]) == positions[i]) \
                and text[positions[i] - 1] not in "省市县区州盟旗报社网台" and not _DATELINE_DAY.match(text, positions[i] + len(name)):
            # (not in a dateline: '本报长治2月18日讯')
            weights[i] = 0.0
    _drop_false_places(text, mentions, positions, weights, gazetteer)
    return mentions, positions, weights


_LIST_JOINS = ("、", "，", ",", "和", "与", "及")


# a story of a team sent to help elsewhere ('援鄂医疗队', '驰援武汉医疗队', '医疗队'), and where it went ('援鄂', '援汉',
# a place after '驰援', '支援', '奔赴', '抵达'…)
_AID_STORY = re.compile(r"援鄂|援汉|援沪|医疗队|医疗救治队|(?:驰援|支援|援助)[\u4e00-\u9fff]{2,6}?(?:工作队|突击队|救援队)")
_AID_DESTINATIONS = {"援鄂": "湖北", "援汉": "武汉", "援沪": "上海"}
_AID_VERBS = ("驰援", "支援", "援助", "奔赴", "前往", "抵达", "赶赴", "到达", "赴", "援")
# what follows the team's home in such a story: its hospital, its university, its batch ('某市第五中心医院',
# '某省首批援鄂医疗队', '某市第十二批', '某地医疗队')
_HOME_INSTITUTION = re.compile(r"(?:市|省)?(?:首批|派出|选派|组建|第[一二三四五六七八九十百\d]{1,3}批|[\u4e00-\u9fff]{0,8}?(?:医院|医科大学|大学|学院|医疗队|医疗救治队|卫健委|卫生健康委))")


def _weigh_aid_team_homes(text: str, mentions: list, positions: list[int], weights: list[float], gazetteer: Gazetteer) -> None:
    """In a story of a team sent to help elsewhere, the team's home named as the home of its hospital, its
    university, its batch or who sent it ('天津市第五中心医院', '吉林省第十二批', '吉林省派出', '宁夏医科大学总医院') is where
    the team came from (a tenth), not where the story is: the story is set where the team works ('援鄂', '驰援武汉',
    '抵达武汉')."""
    if not _AID_STORY.search(text):
        return
    provinces = {d.province for word, name in _AID_DESTINATIONS.items() if word in text for d in gazetteer.lookup(name)}
    for (name, candidates, _), start in zip(mentions, positions):
        if text[max(0, start - 3): start].endswith(_AID_VERBS):
            provinces |= {d.province for d in candidates}
    if not provinces:
        return
    for i, ((name, candidates, _), start) in enumerate(zip(mentions, positions)):
        if weights[i] >= 1.0 and candidates and all(d.province not in provinces for d in candidates) \
                and _HOME_INSTITUTION.match(text, start + len(name)):
            weights[i] = 0.1  # (less than a place people merely came from: every such mention names the team again)


def _provinces_named(mentions: list, weights: list[float]) -> set[str]:
    return {c[0].code for (_, c, _), w in zip(mentions, weights) if len(c) == 1 and c[0].level == "province" and w == 1.0}


# a paragraph of a round-up opening on the province it turns to ('在吉林，舒兰市…' / '在河北，…')
_OPENING_PLACE = re.compile(r"(?:^|\n)[ \t\u3000]*在$")


def _provinces_of_round_up(text: str, mentions: list, positions: list[int], weights: list[float]) -> set[str]:
    """The provinces a text names (_provinces_named), and those a paragraph opens on with a name a
    city shares ('在吉林，…': the province, the way a round-up goes from one to the next)."""
    named = _provinces_named(mentions, weights)
    for (name, candidates, _), p, w in zip(mentions, positions, weights):
        province = [c for c in candidates if c.level == "province"]
        if len(candidates) > 1 and len(province) == 1 and w == 1.0 and text[p + len(name): p + len(name) + 1] in "，," \
                and _OPENING_PLACE.search(text, max(0, p - 6), p):
            named.add(province[0].code)
    return named


# three or more provinces' one-character abbreviations run together ('皖赣湘鄂', '川渝黔', '京津冀'): the
# story spans them ('港澳台', '云贵' are left out: everyday words in a local story)
_ABBREVIATION_RUN = re.compile(r"[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔滇藏陕甘陇青宁新]{3,8}(?=[等各地一两三四五六七八九十省，、。\s]|$)")


# after such a run: the junction of the provinces where one place lies ('地处陕鄂渝三省（市）交界之处', '湘鄂赣三省交汇处')
_JUNCTION_AFTER = re.compile(r"[三四五]?省?(?:[（(]区?市?[)）])?(?:的)?(?:交界|交汇|交接|结合部|接合部|接壤|毗邻)")


def _abbreviated_provinces(text: str) -> int:
    """The most provinces a run of one-character abbreviations names ('皖赣湘鄂等省': 4); not a
    junction that places one county ('镇坪县处在陕鄂渝三省（市）交界之处')."""
    return max((len(set(m.group())) for m in _ABBREVIATION_RUN.finditer(text) if not _JUNCTION_AFTER.match(text, m.end())), default=0)


# after a list of provinces: the regions a disaster struck ('江西、湖南、湖北、广西等南方省份数十万军民…')
_STRUCK_AFTER = re.compile(r"等(?:南方|北方|多个|多|)(?:省份|省区|省市|地区|省|地)")


def _struck_provinces(text: str, mentions: list, positions: list[int]) -> int:
    """The most provinces a list joined by '、' and closed by '等…省份' names (4 in '江西、湖南、湖北、广西等南方省份'):
    the provinces a disaster or a campaign spans, the story theirs. Not a list of where people came from
    ('来自北京、上海、江西等全国各地的援鄂医疗队': a local story's helpers)."""
    best, run, origins = 0, [], False
    for i, ((name, candidates, _), start) in enumerate(zip(mentions, positions)):
        if not (len(candidates) == 1 and candidates[0].level == "province"):
            run = []
            continue
        if run and text[positions[i - 1] + len(mentions[i - 1][0]): start] == "、":
            run.append(i)
        else:
            run, origins = [i], text[max(0, start - 3): start].endswith(("来自", "从", "自"))
        if len(run) >= 3 and not origins and _STRUCK_AFTER.match(text, start + len(name)):
            best = max(best, len({mentions[k][1][0].code for k in run}))
    return best


def is_round_up(text: str, gazetteer: Gazetteer) -> bool:
    """A text that names three provinces or more where its story happens, or a national commentary
    (_national_commentary): a round-up, which has no region, whatever site carries it."""
    mentions, positions, weights = _weighted_mentions(text, gazetteer)
    return len(_provinces_of_round_up(text, mentions, positions, weights)) >= 3 or _abbreviated_provinces(text) >= 3 \
        or _struck_provinces(text, mentions, positions) >= 3 or _national_commentary(text, gazetteer)


# right after a place: one of its own party or government organs ('湖北省委要求', '某市政府'), which a
# local story cites and a national commentary does not
# (or its party committees and organisations at every level, '江苏各级党委'; or a place before the headline's colon,
# '江苏：各级党组织…', the story's place)
_LOCAL_ORGAN = re.compile(r"(?:省|市|县|区|州|盟|旗)?(?:委|政府|人大|政协|党委|纪委)|各级(?:党委|党组织|党政)|[：:]")
NATIONAL_COMMENTARY_PLACES = 3  # a commentary names at most this many places at full weight


def _national_commentary(text: str, gazetteer: Gazetteer) -> bool:
    """A commentary or a national story (several kinds of region_words.yml national_cues: '全国',
    '党中央', '中华民族', …) that names a place or two only as an example ('在武汉，3000多个社区…',
    a photo caption's '中国江苏南京市'): no county named, at most NATIONAL_COMMENTARY_PLACES places at
    full weight, none with its own party or government organ after it."""
    words = _words()
    if sum(cue in text for cue in words.national_cues) < words.national_cue_kinds:
        return False
    mentions, positions, mention_weights = _weighted_mentions(text, gazetteer)
    votes, weights, heads, _qualified, _echoes = _ballot(text, gazetteer)
    full = [(d, mentions[h][0], positions[h]) for d, w, h in zip(votes, weights, heads) if w >= 1.0]
    if not full or len(full) > NATIONAL_COMMENTARY_PLACES or any(d.level == "county" for d, _, _ in full):
        return False
    # (a place in the headline, the text's first line, is the story's, not an example: '某市受灾严重 援助来自全国各地')
    headline = text.find("\n")  # (-1 for a text of one line: no headline told apart)
    if any(p < headline and w >= 1.0 for p, w in zip(positions, mention_weights)):
        return False
    return not any(_LOCAL_ORGAN.match(text, p + len(name)) for _, name, p in full)


@functools.lru_cache(maxsize=1)
def _literary_names() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    data = yaml.safe_load((pathlib.Path(__file__).parent / "data" / "region_words.yml").read_text("utf-8"))
    names = {str(k): str(v) for key in ("literary_names", "service_names") for k, v in (data.get(key) or {}).items()}
    return (re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True)))) if names else None), names


def _literary_region(text: str, gazetteer: Gazetteer, outlet: str | None) -> Region:
    """A province or a city named only by its literary name or nickname ('三晋大地', '魔都', '羊城'), or by its
    health code or service app ('粤康码', '随申办'): one weak vote, that counts when the text's place names vote for no other province."""
    pattern, names = _literary_names()
    places = {names[m] for m in pattern.findall(text)} if pattern else set()
    if len(places) != 1:
        return Region()
    name = places.pop()
    division = next((d for d in gazetteer.by_code.values() if d.level in ("province", "city") and d.name == name), None)
    votes = _ballot(text, gazetteer, outlet)[0]
    if division is None or any(d.province != division.province for d in votes):
        return Region()
    return Region(*gazetteer.names(division))


# a blank a model essay leaves for the reader's own names and places ('__市', '____村')
_TEMPLATE_BLANK = re.compile(r"_{2,}|＿{2,}")
# the heading of a collection of several pieces ('2024抗洪抢险事迹材料6篇', '…心得体会范文五篇')
_COLLECTION_HEAD = re.compile(r"(?:材料|范文|心得体会|心得|事迹|发言稿|讲话稿|体会|感想|观后感)[^\n]{0,4}?(?:\d{1,2}|[两二三四五六七八九十]{1,2})篇(?:\s|$|[（(【])")


# a local outlet's own place ('我市', '本县'): a story that says so after a national scene is set there
_LOCAL_SELF = re.compile(r"我(?:市|县|区|旗|镇|乡)|本(?:市|县|区)")


def resolve_region(text: str, gazetteer: Gazetteer, outlet: str | None = None) -> Region:
    """Region of a Simplified text (_resolve_places); when its place names settle nothing, the
    province its literary name points to (_literary_region); none when its lead says it spans
    several provinces (round_up_cues in data/region_words.yml), it is a national commentary, or it is a
    model essay with its names blanked or a collection of several pieces."""
    lead = text[:LEAD_CHARS]
    cue_at = min((lead.index(cue) for cue in _words().round_up_cues if cue in lead), default=-1)
    if cue_at >= 0 and not _LOCAL_SELF.search(lead, cue_at):
        return Region()  # the lead says the story spans several provinces ('…持续影响多个省份'), whatever case it opens with
        # (not when it then turns to its own place: '全国多省份升级为中高风险地区……我市各镇…' is a local story)
    if _national_commentary(text, gazetteer):
        return Region()  # a national commentary that names a city only as an example
    if len(_TEMPLATE_BLANK.findall(text)) >= 3 or _COLLECTION_HEAD.search(text[:80].split("\n", 1)[0]):
        # a model essay whose names and places are blanked out ('__市', '__同志'), or a collection of several
        # ('…事迹材料6篇'): the places left are no one story's
        return Region()
    region = _resolve_places(text, gazetteer, outlet)
    if region.province or is_round_up(text, gazetteer):
        return region
    return _literary_region(text, gazetteer, outlet)


def _resolve_places(text: str, gazetteer: Gazetteer, outlet: str | None = None) -> Region:
    """Region of a Simplified text, or an empty Region when the text does not settle it.
    ``outlet`` (the case's source, Simplified): a local outlet's home supports the short forms of
    the places under it and counts as one mention of a city or county. When nothing else settles
    it, the county short forms the text repeats are the place: one county (瑞丽 nine times in a
    story on 瑞丽), or the districts of one city or municipality (崇明 twice and 虹口 in a
    Shanghai story) count together."""
    region = _resolve_region(text, gazetteer, outlet)
    if region.province or is_round_up(text, gazetteer):
        return region
    mentions, _positions, weights = _weighted_mentions(text, gazetteer)
    words = _words()
    short = [c[0] for (name, c, full), w in zip(mentions, weights)
             if len(c) == 1 and c[0].level == "county" and not full and w == 1.0 and name not in words.ordinary_short_forms]
    # the counties of one city, or of one municipality's province, form one group
    counts = Counter(d.city or d.province for d in short)
    repeated = [code for code, n in counts.items() if n >= words.repeated_short_form]
    short_codes = {d.code for d in short}
    others = sum(1 for (_, c, _), w in zip(mentions, weights)
                 if w == 1.0 and not (len(c) == 1 and c[0].code in short_codes and (c[0].city or c[0].province) in repeated))
    if len(repeated) != 1 or others >= counts[repeated[0]]:
        return region
    counties = {d.code for d in short if (d.city or d.province) == repeated[0]}
    division = gazetteer.by_code[counties.pop()] if len(counties) == 1 else gazetteer.by_code[repeated[0]]
    return Region(*gazetteer.names(division))


RARE_HEAD = 3.4  # log10 of a character's word count in data/charfreq.tsv: rarer than about the 2,500th character


def _rare_head(name: str) -> bool:
    """A two-character county's full name whose first character is rare ('歙县', '黟县', '莒县'): too
    rare to end the word before it, as the common ones do ('镇党委和县委' is no 和县)."""
    from build_tools import textstats

    return len(name) == 2 and textstats.frequencies().get(name[0], 0.0) < RARE_HEAD


@functools.lru_cache(maxsize=1)
def _province_organ() -> re.Pattern[str]:
    """What follows a province's name when it names one of the province's organs or bodies (region_words.yml
    province_organs right after it, province_bodies within a few characters: '河南省委', '江西农业大学')."""
    words = _words()
    return re.compile("|".join(map(re.escape, words.province_organs))
                      + r"|[\u4e00-\u9fff]{0,8}?(?:" + "|".join(map(re.escape, words.province_bodies)) + ")")


def _ballot(text: str, gazetteer: Gazetteer, outlet: str | None = None) -> tuple[list[Division], list[float], list[int], set[int], set[int]]:
    """The votes of a text's place names: (division, weight, mention index, qualified indexes, echo
    indexes: a town written right after its own county's name, '某县同大镇', an address that names one
    place twice); no votes for a round-up that names three provinces or more."""
    mentions, positions, weights = _weighted_mentions(text, gazetteer)
    # a place before a colon at the very start of the headline ('德化：…') is the story's place
    first_line_end = text.find("\n") if "\n" in text else len(text)
    headline_place = {i for i, p in enumerate(positions)
                      if p == 0 and text[len(mentions[i][0]):len(mentions[i][0]) + 1] in ":：" and len(mentions[i][0]) < first_line_end}
    if len(_provinces_of_round_up(text, mentions, positions, weights)) >= 3 or _abbreviated_provinces(text) >= 3 \
            or _struck_provinces(text, mentions, positions) >= 3:
        return [], [], [], set(), set()  # a round-up that names three provinces or more
    ordinary = _words().ordinary_short_forms
    # (a short form that is also an ordinary word supports nothing, itself included, unless a county
    # under it is named too: '新乡、卫辉的村子里')
    under = {c[0].city for (_, c, _) in mentions if len(c) == 1 and c[0].level == "county" and c[0].city}
    named = {c[0].code for (name, c, full), w in zip(mentions, weights) if len(c) == 1 and c[0].level != "county" and w == 1.0
             and (full or name not in ordinary or c[0].code in under)}
    # an unambiguous county written in full (泉港区) names its city and province too
    # (or a two-character one followed by one of its organs, '凤县公安', '凤县县委', '凤县人民政府': a county's
    # own body, not a word's end and the next word's start; not after a joining word, '部署和县纪委')
    counties = [(name, c) for (name, c, full), w, p in zip(mentions, weights, positions)
                if len(c) == 1 and c[0].level == "county" and full and (
                    len(name) >= 3 or name in gazetteer.landmark_names or _rare_head(name)
                    or name[0] not in _JOINING_CHARS and (p == 0 or not "\u4e00" <= text[p - 1] <= "\u9fff")
                    and text.startswith(_OWN_ORGANS, p + len(name)))
                and name not in GENERIC_NAMES and w == 1.0]
    named |= {c[0].city for _, c in counties if c[0].city}
    named_provinces = {gazetteer.by_code[c].province for c in named}
    named_provinces |= {c[0].province for _, c in counties}
    # a province written in full (江苏省): a city's bare short form from another province
    # (阳江 in '水阳江') needs the support its county short forms need
    full_provinces = {c[0].province for (name, c, full), w in zip(mentions, weights)
                      if len(c) == 1 and c[0].level == "province" and full and name == c[0].name and w == 1.0}
    provinces_named = _provinces_named(mentions, weights)
    # a town and its county's short form vouch for each other ('陶庄镇', a town of three counties, and '兴化'
    # named beside it; or a county's two-character full name, '黄金镇' and '忠县', which alone is too often
    # a word's end and the next word's start, '和县委'): a town of a handful of counties only, where a
    # coincidence is unlikely
    town_counties = {d.code for (name, c, full), w in zip(mentions, weights) if full and w and name in gazetteer.towns
                     and len(c) <= TOWN_CANDIDATES for d in c}
    # (the county's full name counts however it is named: '后港镇' and '来自沙洋县直…的党员')
    corroborated = town_counties & {c[0].code for (name, c, full), w in zip(mentions, weights)
                                    if len(c) == 1 and c[0].level == "county" and (not full and w == 1.0 or full and w)}
    # (two full names agree more surely than a short form: a town of a few more counties will do)
    corroborated |= {d.code for (name, c, full), w in zip(mentions, weights) if full and w and name in gazetteer.towns
                     and len(c) <= 2 * TOWN_CANDIDATES for d in c} & {c[0].code for (name, c, full), w in zip(mentions, weights)
                                                                    if len(c) == 1 and c[0].level == "county" and full and len(name) < 3 and w == 1.0}
    home = outlet_home(outlet, gazetteer)
    if home is not None:
        if home.level != "county":
            named.add(home.code)
        named_provinces.add(home.province)
    votes: list[Division] = []
    vote_weights: list[float] = []
    # a name followed at once by a place under it ('安徽宿松', '安徽省安庆市宿松县') qualifies that
    # place: it is not a mention of the province (or city) alone
    qualified: set[int] = set()
    heads: list[int] = []  # the mention index of each vote

    # a headline (a short first line without a full stop) names where the story is: its cities and
    # counties count twice ('南京市某某社区老党员的“特殊党费”' over a story that names 北京 as where a member is stuck)
    headline_end = first_line_end if first_line_end <= HEADLINE_MAX and "。" not in text[:first_line_end] and first_line_end < len(text) else 0

    def vote(division: Division, weight: float, index: int) -> None:
        votes.append(division)
        # (a province alone in the headline, '河南蓄洪区…', gets no more: it would outweigh the city the story names)
        vote_weights.append(weight * (HEADLINE_WEIGHT if 0 <= index < len(positions) and positions[index] < headline_end and weight == 1.0
                                      and division.level != "province" else 1.0))
        heads.append(index)

    for index, ((name, candidates, full), weight) in enumerate(zip(mentions, weights)):
        if index + 1 < len(mentions) and positions[index] + len(name) == positions[index + 1] \
                and any(c.code in (d.province, d.city) for c in candidates for d in mentions[index + 1][1]):
            qualified.add(index)
        elif any(c.level == "province" for c in candidates) and _province_organ().match(text, positions[index] + len(name)):
            # (an organ of the province, '河南省委常委', '河南省工程咨询中心', '江西农业大学', names who acted, not a story
            # that spans the province: it does not hold the story back from the city it names)
            qualified.add(index)
        if not weight:
            continue  # not a place here (a road's name, a person's given name)

        def supported(d: Division) -> bool:
            return (d.city in named) or (d.province in named_provinces and d.level != "province") or d.code in corroborated
        if not full and name in ordinary and index not in headline_place and any(d.level == "city" for d in candidates) \
                and not any(d.code in under for d in candidates) \
                and not (index and positions[index - 1] + len(mentions[index - 1][0]) == positions[index]
                         and any(c.code in (d.province, d.city) for c in mentions[index - 1][1] for d in candidates)) \
                and not _names_outlet(text, positions[index], positions[index] + len(name)) \
                and not _DATELINE_DAY.match(text, positions[index] + len(name)):
            # a short form that is also an ordinary word or part of one ('外来宾客', '长治久安', '新乡贤')
            # names the place only with its suffix, right after its own province ('山西长治', not
            # '上海市大同初级中学'), with a county under
            # it named, as a local outlet's home or in a dateline ('本报长治2月18日讯')
            continue
        if len(candidates) > 1:
            # same name, several places: the one under the place named right before it ('白河县
            # 宋家镇'); else prefer the higher level (吉林省 over 吉林市) unless the text names the
            # lower one's parent
            before = mentions[index - 1][1] if index and positions[index - 1] + len(mentions[index - 1][0]) == positions[index] else []
            chained = [d for d in candidates if len(before) == 1 and before[0].code in (d.code, d.city, d.province)]
            supported_ones = chained or [d for d in candidates if supported(d)]
            # a city and a county under it (南昌市, 南昌县): the city, whichever is meant
            cities = {d.code if d.level == "city" else d.city for d in supported_ones}
            if len(supported_ones) == 1:
                vote(supported_ones[0], weight, index)
            elif len(cities) == 1 and None not in cities:
                vote(gazetteer.by_code[cities.pop()], weight, index)
            elif not supported_ones and name not in gazetteer.towns:
                # (not a town of many counties, '桥头镇': the one city among them that has towns of its own
                # and no counties, 东莞, is no likelier than the rest)
                top = [d for d in candidates if d.level == "province"] or [d for d in candidates if d.level == "city"]
                if len(top) == 1:
                    vote(top[0], weight, index)
            continue
        division = candidates[0]
        if division.level == "city" and not full and full_provinces and division.province not in full_provinces \
                and division.province not in provinces_named and (home is None or home.province != division.province) \
                and not _names_outlet(text, positions[index], positions[index] + len(name)):
            continue
        if division.level == "county" and not full and name in ordinary and division.city not in named \
                and division.code not in corroborated and index not in headline_place \
                and not _names_outlet(text, positions[index], positions[index] + len(name)):
            continue  # (a county's short form that is an ordinary word or a wider area's name, '江汉油城', '江南水乡':
            # its province named is not enough, its city must be)
        if division.level == "county" and (not full or name in GENERIC_NAMES or (len(name) < 3 and name not in gazetteer.landmark_names)) \
                and not supported(division) \
                and index not in headline_place and not _names_outlet(text, positions[index], positions[index] + len(name)):
            continue
        vote(division, weight, index)
    if home is not None and home.level != "province":
        vote(home, 1.0, -1)
    echoes = {i for i in range(1, len(mentions)) if mentions[i][2] and mentions[i][0] in gazetteer.towns
              and positions[i - 1] + len(mentions[i - 1][0]) == positions[i] and len(mentions[i - 1][1]) == 1
              and mentions[i - 1][1][0].level == "county" and mentions[i - 1][1][0] in mentions[i][1]}
    return votes, vote_weights, heads, qualified, echoes


# three or more places joined by '、' and '等' with the word for several cities ('郑州、焦作、新乡、洛阳等多个城市')
_CITY_LIST = re.compile(r"(?:[\u4e00-\u9fff]{2,4}、){2,}[\u4e00-\u9fff]{2,4}等(?:多个|多座|十余个|数个)?(?:城市|地市|市州|地区)")


def _province_wide(lead: str, province: Division) -> bool:
    """A lead that speaks of the whole province ('浙江各地提前谋划', '全省各级党组织', '我省各地')."""
    names = "|".join(re.escape(n) for n in (province.name, province.short) if n)
    return bool(re.search(rf"(?:全省|我省|{names})(?:各地|各市|各级党组织|各级党委)", lead))


def _lists_city_among_others(lead: str, city: Division) -> bool:
    """A lead that lists the story's city among three or more of the province's cities and says there are
    more ('河南省郑州、焦作、新乡、洛阳等多个城市…'): a round-up of them (a list without the city is background,
    '石家庄、邢台、保定等多个地市发生洪涝灾害' over a story in another city)."""
    return any(name and name in listed.group(0) for listed in _CITY_LIST.finditer(lead) for name in (city.name, city.short))


def _only_destinations(text: str, gazetteer: Gazetteer, votes: list[Division], heads: list[int]) -> bool:
    """Whether every place a text's votes name is where people went to (data/region_words.yml
    destination_before right before each mention), all in one province: no place they came from,
    no place the story is set in. ``heads``: the mention each vote comes from."""
    mentions, positions, _ = _weighted_mentions(text, gazetteer)
    words = _words()

    def went_to(index: int) -> bool:  # (or a chain of names after such a word: '赶赴某县某镇')
        start = positions[index]
        return text[max(0, start - 4): start].endswith(words.destination_before) \
            or index > 0 and positions[index - 1] + len(mentions[index - 1][0]) == start and went_to(index - 1)

    return bool(votes) and len({d.province for d in votes}) == 1 and all(went_to(h) for h in heads)


def _resolve_region(text: str, gazetteer: Gazetteer, outlet: str | None = None) -> Region:
    votes, vote_weights, heads, qualified, echo_heads = _ballot(text, gazetteer, outlet)
    if not votes:
        return Region()

    if all(w < 1 for w in vote_weights) and not _only_destinations(text, gazetteer, votes, heads):
        return Region()  # only places people came from or went to
    if all(w < 1 for w in vote_weights):
        # (only where a team went, every time, and nothing else: the story follows it there, '市公安局…突击队
        # 迅速集结赶赴某县某镇支援抗洪…' / '分赴某镇各行政村…')
        vote_weights = [1.0] * len(votes)
    province_votes: Counter = Counter()
    for division, weight in zip(votes, vote_weights):
        province_votes[division.province] += weight * (COUNTY_WEIGHT if division.level == "county" else 1.0)
    province, count = province_votes.most_common(1)[0]
    if count / sum(province_votes.values()) < DOMINANCE:
        return Region()  # a round-up over several provinces
    in_province = [d for d in votes if d.province == province]
    names = gazetteer.names(gazetteer.by_code[province])

    city_votes: Counter = Counter()
    for division, weight in zip(votes, vote_weights):
        if division.province == province:
            city_votes[division.city or (division.code if division.level == "city" else None)] += weight
    city_votes.pop(None, 0)
    province_only = sum(w for d, w, h in zip(votes, vote_weights, heads)
                        if d.province == province and d.level == "province" and h not in qualified)
    if not city_votes:
        # counties directly under a province or a municipality (北京市朝阳区)
        county_votes = Counter(d.code for d in in_province if d.level == "county")
        mentions_of_province = sum(1 for d in in_province if d.level == "province")
        return _county_level(Region(names[0]), county_votes, mentions_of_province, gazetteer)
    # a county-level city under the province itself (天门市, 济源市) competes with the cities: a passing
    # '武汉' does not make a story of 天门's towns a story of 武汉
    for division, weight in zip(votes, vote_weights):
        if division.province == province and division.level == "county" and not division.city:
            city_votes[division.code] += weight
    city, city_count = city_votes.most_common(1)[0]
    if city_count / sum(city_votes.values()) < DOMINANCE or city_count < province_only:
        return Region(names[0])
    if len(city_votes) >= 3 and (_province_wide(text[:LEAD_CHARS], gazetteer.by_code[province])
                                 or _lists_city_among_others(text[:LEAD_CHARS], gazetteer.by_code[city])):
        return Region(names[0])  # a province's round-up: its lead says so ('浙江各地…') and it visits several cities
    if gazetteer.by_code[city].level == "county":
        return Region(*gazetteer.names(gazetteer.by_code[city]))
    region = Region(names[0], gazetteer.by_code[city].name)
    county_votes = Counter(d.code for d in in_province if d.level == "county" and d.city == city)
    city_only = sum(1 for d, h in zip(votes, heads) if d.code == city and h not in qualified)
    # a town written right after its own county ('某县同大镇', an address) is that mention again: it counts
    # against the city named alone, not again in the share of the counties (a walk-through of two counties
    # with two stops in one is no story of that one)
    echoes = Counter(d.code for d, h in zip(votes, heads) if d.level == "county" and d.city == city and h in echo_heads)
    return _county_level(region, county_votes, city_only, gazetteer, echoes)


def outlet_home(source: str | None, gazetteer: Gazetteer) -> Division | None:
    """The division a local outlet is named after ('嵊州新闻网', '宿迁广播电视总台', '中共某县委
    宣传部'): a single unambiguous division; a short form only where an outlet word follows it;
    never for the national outlets of data/national_outlets.txt."""
    if not source or source.startswith(_national_outlets()):
        return None
    brand = next((home for name, home in _outlet_brands().items() if source.startswith(name)), None)
    if brand is not None:
        return next((d for d in gazetteer.by_code.values() if d.level in ("province", "city") and d.name == brand), None)
    positions: list[int] = []
    places = {c[0] for (name, c, full), start in zip(_mentions(source, gazetteer, positions), positions)
              if len(c) == 1 and (full or _names_outlet(source, start, start + len(name))
                                  or _branded_outlet(source, start, start + len(name)))}
    # (a province's name that a city or district shares, before an outlet word: the province's own paper,
    # '河北日报', '吉林日报')
    places |= {d for (name, c, full), start in zip(_mentions(source, gazetteer, positions), positions)
               if len(c) > 1 and _names_outlet(source, start, start + len(name))
               for d in c if d.level == "province" and sum(x.level == "province" for x in c) == 1}
    return places.pop() if len(places) == 1 else None


@functools.lru_cache(maxsize=1)
def _outlet_brands() -> dict[str, str]:
    """Provincial outlets known by a brand without a place in it (region_words.yml outlet_brands)."""
    data = yaml.safe_load((pathlib.Path(__file__).parent / "data" / "region_words.yml").read_text("utf-8"))
    return {str(k): str(v) for k, v in (data.get("outlet_brands") or {}).items()}


def resolve_outlet(source: str | None, gazetteer: Gazetteer) -> Region:
    """The place in a local outlet's name, for a story that names no place."""
    division = outlet_home(source, gazetteer)
    if division is None:
        return Region()
    province, city, county = gazetteer.names(division)
    return Region(province, city, county)


def resolve_publisher(lines: list[str], gazetteer: Gazetteer) -> Region:
    """The place of a local outlet named in the header's metadata lines the extractor took out
    ('©原创 2020-02-07 15:13 某某县融媒体中心 阅读：358'), for a story that names no place and whose
    source names none: one division, named right before an outlet word, the same in every line."""
    homes = set()
    for line in lines:
        positions: list[int] = []
        for (name, candidates, _), start in zip(_mentions(line, gazetteer, positions), positions):
            if len(candidates) == 1 and _names_outlet(line, start, start + len(name)):
                homes.add(candidates[0])
    if len(homes) != 1:
        return Region()
    return Region(*gazetteer.names(homes.pop()))


# a crumb or owner name ends at a breadcrumb separator, a space or sentence punctuation
_OWNER_CUT = re.compile(r"\s*(?:>>|->|>|»|→|•|\||/)\s*|\s+|[！!。，,；;]")
_OWNER_PREFIX = ("中国共产党", "中共", "中国·", "中国")


def _place_menu_province(line: str, gazetteer: Gazetteer) -> Division | None:
    """The province of a regional site's menu of its cities ('广州 深圳 珠海 汕头 佛山 …', six or more
    space-separated names, each a city or county of that one province), else None."""
    names = line.split()
    if len(names) < 6 or len(line) > 400:
        return None
    provinces: set[str] = set()
    for name in names:
        places = [d for d in gazetteer.lookup(name) if d.level != "province"]
        if not places:
            return None
        provinces.update(d.province for d in places)
        if len(provinces) > 3:
            return None
    common = [p for p in provinces if all(any(d.province == p for d in gazetteer.lookup(n)) for n in names)]
    return gazetteer.by_code[common[0]] if len(common) == 1 else None


# the owner's postal address in the footer ('学校地址：池州市青阳县蓉城镇…  电话：…')
_OWNER_ADDRESS = re.compile(r"(?:地址|通讯地址|联系地址)\s?[:：]\s*")


def _address_places(address: str, gazetteer: Gazetteer) -> list[Division]:
    """The divisions an address opens with, named in full one after the other ('池州市青阳县' of
    '池州市青阳县蓉城镇庙前路432号'); a short or shared name ends the run."""
    places: list[Division] = []
    positions: list[int] = []
    expect = 0
    for (name, candidates, full), start in zip(_mentions(address, gazetteer, positions), positions):
        if places and len(candidates) > 1:  # (a name shared by several places, '城关区': the one under the place before it)
            candidates = [d for d in candidates if places[-1].code in (d.city, d.province)]
        if start != expect or not full or len(candidates) != 1 or candidates[0].level not in ("province", "city", "county"):
            break
        places.append(candidates[0])
        expect = start + len(name)
    return places


def site_owner(lines: list[str], gazetteer: Gazetteer) -> Division | None:
    """The division the site's owner is named after, from chrome lines that name the owner
    (data/region_words.yml owner_labels: a welcome banner, the footer's publisher, a breadcrumb's
    first crumb): the owner is a name ending in an organisation word ('常德市委党校门户网站',
    '中共天长市委组织部', '潍坊学院', '天津中医一附属医院') that starts with a place, or names a
    county or city in full; or the places the footer's postal address opens with (_address_places).
    One division (or one line of descent), else None."""
    words = _words()
    found: set[Division] = set()
    for line in lines:
        menu = _place_menu_province(line, gazetteer)
        if menu is not None:
            found.add(menu)
            continue
        address = _OWNER_ADDRESS.search(line)
        if address:  # (the same line may name the owner too: '主办单位：某某市委党校 地址：某某路1号')
            found.update(_address_places(line[address.end():address.end() + 40], gazetteer))
        label = next((lab for lab in words.owner_labels if lab in line), None)
        if label is None:
            continue
        rest = line[line.index(label) + len(label):][:200].lstrip(" :：·|　")  # an owner's name is short
        crumbs = [c for c in _OWNER_CUT.split(rest) if c and c not in ("首页", "网站首页", "主页", "返回首页")]
        before = line[: line.index(label)].split()
        if label == "版权所有" and before and not (crumbs and crumbs[0].endswith(words.owner_suffixes)):
            crumbs = [before[-1]]  # the owner written before the label ('某某中学 版权所有 All Rights Reserved')
        if not crumbs:
            continue
        if label in words.breadcrumb_labels:
            found.update(_crumb_places(crumbs, gazetteer))
        name = crumbs[0]
        for prefix in _OWNER_PREFIX:
            if name.startswith(prefix) and len(name) > len(prefix) + 1:
                name = name[len(prefix):]
                break
        if not name.endswith(words.owner_suffixes):
            continue
        positions: list[int] = []
        for (place, candidates, full), start in zip(_mentions(name, gazetteer, positions), positions):
            if not (start == 0 or (full and len(place) >= 3 and place not in GENERIC_NAMES)):
                continue
            top = candidates if len(candidates) == 1 else \
                [d for d in candidates if d.level == "province"] or [d for d in candidates if d.level == "city"]
            if len(top) == 1:
                found.add(top[0])
    if not found:
        return None
    deepest = max(found, key=lambda d: ("province", "city", "county").index(d.level))
    if all(d.code in (deepest.code, deepest.city, deepest.province) for d in found):
        return deepest
    return None


def _crumb_places(crumbs: list[str], gazetteer: Gazetteer) -> list[Division]:
    """The places a breadcrumb's later crumbs name ('当前位置：某站> 资讯> 嘉峪关>> 标题'): the
    sections of the site for those places."""
    places: list[Division] = []
    for crumb in crumbs[1:]:
        named = gazetteer.full.get(crumb) or [d for d in gazetteer.short.get(crumb, ()) if d.level != "county"]
        if len(named) == 1:
            places.append(named[0])
    return places


def deepen_by_section(region: Region, lines: list[str], gazetteer: Gazetteer) -> Region:
    """A region of a province alone (its outlet's home, the text naming no place) made the city or
    county the site files the story under, when a breadcrumb's crumb names one place of that province
    ('您的位置：首页 > 资讯频道 > 市州快报 > 陇南市')."""
    words = _words()
    found: set[Division] = set()
    for line in lines:
        label = next((lab for lab in words.breadcrumb_labels if lab in line), None)
        if label is None:
            continue
        rest = line[line.index(label) + len(label):][:200].lstrip(" :：·|　")
        found.update(_crumb_places([c for c in _OWNER_CUT.split(rest) if c], gazetteer))
    places = [d for d in found if d.level != "province"]
    if region.city or not region.province or len(places) != 1:
        return region
    names = gazetteer.names(places[0])
    return Region(*names) if names[0] == region.province else region


def resolve_site_owner(lines: list[str], gazetteer: Gazetteer) -> Region:
    """The place of the site's owner (site_owner), for a story whose text settles no region and
    is not a round-up (is_round_up: the caller checks)."""
    division = site_owner(lines, gazetteer)
    return Region(*gazetteer.names(division)) if division is not None else Region()


def _county_level(region: Region, county_votes: Counter, parent_only: int, gazetteer: Gazetteer,
                  echoes: Counter | None = None) -> Region:
    if not county_votes:
        return region
    county, count = county_votes.most_common(1)[0]
    share = county_votes - (echoes or Counter())
    if share[county] / max(sum(share.values()), 1) < DOMINANCE or count < parent_only:
        return region
    if region.city is None:  # (a county-level city under the province itself stands as a city: Gazetteer.names)
        return Region(*gazetteer.names(gazetteer.by_code[county]))
    return Region(region.province, region.city, gazetteer.by_code[county].name)


def resolve_curated(value, gazetteer: Gazetteer) -> tuple[Region | None, str | None]:
    """Region from front matter (a name or a mapping); (None, problem) when it is wrong."""
    from build_tools.script import to_hans

    if isinstance(value, str):
        value = to_hans(value)
        candidates = gazetteer.lookup(value)
        if not candidates:
            chain = _resolve_chain(value, gazetteer)
            if chain is not None:
                return chain, None
            return None, f"'{value}' is not a place in the gazetteer"
        if len(candidates) > 1:
            options = "、".join("".join(n for n in gazetteer.names(d) if n) for d in candidates[:5])
            return None, f"'{value}' is ambiguous ({options}); write the province and city too"
        return Region(*gazetteer.names(candidates[0])), None
    levels = [to_hans(v) if v else None for v in (value.get("province"), value.get("city"), value.get("county"))]
    deepest = next((name for name in reversed(levels) if name), None)
    if deepest is None:
        return None, "region needs at least a province"
    candidates = [d for d in gazetteer.lookup(deepest)
                  if all(want is None or want in (got, None) or gazetteer.lookup(want) and got in
                         {gazetteer.names(x)[i] for x in gazetteer.lookup(want)}
                         for i, (want, got) in enumerate(zip(levels, gazetteer.names(d))))]
    if len(candidates) != 1:
        return None, f"region {value} does not match exactly one place in the gazetteer"
    return Region(*gazetteer.names(candidates[0])), None


def _resolve_chain(value: str, gazetteer: Gazetteer) -> Region | None:
    """A place written as several names run together (浙江省温州市龙湾区, 温州龙湾): the deepest
    division whose province/city agree with every other name written."""
    mentions = _mentions(value, gazetteer)
    if len(mentions) < 2 or sum(len(name) for name, _, _ in mentions) != len(value):
        return None
    sets = [candidates for _, candidates, _ in mentions]
    deepest = [d for d in sets[-1]
               if all(any(other.code in (d.province, d.city, d.code) for other in group) for group in sets[:-1])]
    if len(deepest) != 1:
        return None
    return Region(*gazetteer.names(deepest[0]))


def resolve_tags(text: str, vocabulary: Vocabulary) -> tuple[str, ...]:
    """Tags whose signal words occur at least min_hits times in the Simplified text."""
    tags = []
    for tag in vocabulary.tags:
        hits = sum(text.count(word) for word in tag.signals)
        if hits >= tag.min_hits:
            tags.append(tag.name)
    return tuple(tags)
