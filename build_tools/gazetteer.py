"""China's administrative divisions (province, prefecture, county) and name lookup.

The table is ``data/gazetteer.csv``, derived from the National Bureau of Statistics code table
(see scripts/derive_data.py). Names are full Simplified names; each division also answers to its
short form (无锡 for 无锡市, 锡山 for 锡山区, 广西 for 广西壮族自治区).
"""

from __future__ import annotations

import functools
import pathlib
import re
from dataclasses import dataclass

from build_tools.model import CaseError, Diagnostic

GAZETTEER = pathlib.Path(__file__).resolve().parent / "data" / "gazetteer.csv"
TOWNS = GAZETTEER.with_name("towns.csv")
LANDMARKS = GAZETTEER.with_name("landmarks.csv")
# A town's full name ends with one of these; only full names are looked for (short forms of
# town names are ordinary words far too often).
_TOWN_SUFFIX = re.compile(r"(镇|乡|街道|苏木|街道办事处|办事处)$")
_TOWN_END = re.compile(r"镇|乡|街道(?:办事处)?|苏木|办事处")

_ETHNIC = ("蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|"
           "东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|"
           "俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺")
_AUTONOMOUS = re.compile(rf"(?:(?:{_ETHNIC})族|哈萨克|蒙古|柯尔克孜)+自治(?:州|县|旗)$")
_PROVINCE_SUFFIX = re.compile(r"(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|省|市)$")
_CITY_SUFFIX = re.compile(r"(市|地区|盟)$")
_COUNTY_SUFFIX = re.compile(r"(自治县|自治旗|新区|林区|特区|区|县|市|旗)$")

# Full county names that are also ordinary words; they only count with their city named nearby.
GENERIC_NAMES = frozenset({"城区", "郊区", "矿区", "新区", "市中区", "开发区", "高新区", "市辖区", "城关区", "老城区", "新城区"})


# NBS rows that group counties without being a place of their own.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # "province" | "city" | "county"
    province: str  # code
    city: str | None  # code of the prefecture, None for province level and direct counties

    @property
    def short(self) -> str | None:
        if self.level == "province":
            short = _PROVINCE_SUFFIX.sub("", self.name)
        elif self.level == "city":
            short = _AUTONOMOUS.sub("", self.name)
            short = _CITY_SUFFIX.sub("", short) if short == self.name else short
        else:
            short = _AUTONOMOUS.sub("", self.name)
            short = _COUNTY_SUFFIX.sub("", short) if short == self.name else short
        if not short:
            # a county named after its people alone ('东乡族自治县'): articles write the people's name ('东乡县')
            short = re.sub(r"族自治(?:州|县|旗)$", "", self.name)
        return short if len(short) >= 2 and short != self.name else None


class Gazetteer:
    def __init__(self, divisions: list[Division], towns: dict[str, list[Division]] | None = None,
                 landmarks: dict[str, list[Division]] | None = None):
        self.by_code = {d.code: d for d in divisions}
        # town or street full name (or a landmark's name) -> the counties that have one of that name
        self.towns: dict[str, list[Division]] = {**(towns or {}), **(landmarks or {})}
        # landmarks have no suffix to be found by: one pattern of their names, longest first
        self.landmarks = re.compile("|".join(map(re.escape, sorted(landmarks, key=lambda n: (-len(n), n))))) \
            if landmarks else None
        self.landmark_names = frozenset(landmarks or ())  # names the table gives: two characters are enough
        self.full: dict[str, list[Division]] = {}
        self.short: dict[str, list[Division]] = {}
        for division in divisions:
            self.full.setdefault(division.name, []).append(division)
            if division.short:
                self.short.setdefault(division.short, []).append(division)
        # an autonomous county (banner) as articles write it, its short form and '县' ('旗'):
        # '大通回族土族自治县' -> '大通县', a full name unless another division has that name
        for division in divisions:
            tail = re.search(r"自治(县|旗)$", division.name)
            if tail and division.level == "county" and division.short and len(division.short) >= 2:
                alias = division.short + tail.group(1)
                if alias not in self.full or all(d.name != alias for d in self.full[alias]):
                    self.full.setdefault(alias, []).append(division)
        self.max_len = max(len(name) for name in self.full)
        # the first two characters of every name -> the lengths of the names that start with them,
        # longest first: the scan in classify looks only at positions where a name can start, and tries
        # only the lengths that can match there (a name of one character, none in the gazetteer, would be
        # a word more often than a place: not looked for)
        starts: dict[str, set[int]] = {}
        for name in list(self.full) + list(self.short):
            if len(name) >= 2:
                starts.setdefault(name[:2], set()).add(len(name))
        self.lengths_by_start = {start: tuple(sorted(n, reverse=True)) for start, n in starts.items()}
        # a character a name can start with, before one that can come second: where a name may start
        # (found by the regular expression engine, then checked against lengths_by_start)
        self.name_starts = re.compile("[{}](?=[{}])".format(re.escape("".join(sorted({s[0] for s in starts}))),
                                                          re.escape("".join(sorted({s[1] for s in starts})))))
        # towns are found from their suffix backwards (a suffix is rare in text, 30,000 names are many)
        self.town_lengths = tuple(sorted({len(name) for name in self.towns}, reverse=True))

    def town_starts(self, text: str) -> dict[int, str]:
        """Start position -> the longest town name that starts there and ends at a town suffix."""
        found: dict[int, str] = {}
        for match in _TOWN_END.finditer(text):
            # (a street's office, '某某街道办事处', names the street '某某街道')
            for end in sorted({match.end(), match.start() + 2 if match.group().startswith("街道") else match.end()}):
                for size in self.town_lengths:
                    start = end - size
                    if start >= 0 and text[start:end] in self.towns and len(found.get(start, "")) < size:
                        found[start] = text[start:end]
        for match in self.landmarks.finditer(text) if self.landmarks else ():
            if len(found.get(match.start(), "")) < len(match.group(0)):
                found[match.start()] = match.group(0)
        return found

    def names(self, division: Division) -> tuple[str | None, str | None, str | None]:
        """(province, city, county) full names for a division."""
        province = self.by_code[division.province].name
        city = self.by_code[division.city].name if division.city else None
        if division.level == "province":
            return province, None, None
        if division.level == "city":
            return province, division.name, None
        if city is None and division.name.endswith(("市", "林区")) and not province.endswith("市"):
            # a county-level city under the province itself (天门市, 济源市, 石河子市; and the forest district
            # 神农架林区) stands where a city stands, as readers and the province's own lists place it; a
            # municipality's districts stay counties
            return province, division.name, None
        return province, city, division.name

    def lookup(self, name: str) -> list[Division]:
        """Divisions a written name can mean: exact full name first, else short form."""
        return list(self.full.get(name) or self.short.get(name) or [])


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "city"
    return "county"


def load(path: pathlib.Path = GAZETTEER) -> Gazetteer:
    divisions: list[Division] = []
    codes: set[str] = set()
    rows = []
    for number, code, name in _code_name_rows(path, "the gazetteer", 6, "build_tools/data/gazetteer.csv"):
        if code in codes:
            raise CaseError(Diagnostic("error", str(path), number, f"code {code} appears twice", "remove the duplicate row"))
        codes.add(code)
        rows.append((number, code, name))
    placeholders = {code for _, code, name in rows if name in PLACEHOLDER_NAMES}
    codes -= placeholders
    for number, code, name in rows:
        if code in placeholders:
            continue
        level = _level(code)
        province = code[:2] + "0000"
        if province not in codes:
            raise CaseError(Diagnostic("error", str(path), number, f"{name} ({code}) has no province row {province}",
                                       "add the province or fix the code"))
        city = code[:4] + "00" if level == "county" else None
        if city is not None and city not in codes:
            city = None  # counties directly under a province or a municipality
        divisions.append(Division(code, name, level, province, city))
    if not divisions:
        raise CaseError(Diagnostic("error", str(path), None, "the gazetteer is empty", "restore it from git"))
    by_code = {d.code: d for d in divisions}
    towns, landmarks = path.with_name(TOWNS.name), path.with_name(LANDMARKS.name)
    return Gazetteer(divisions, load_towns(towns, by_code) if towns.exists() else {},
                     load_landmarks(landmarks, by_code) if landmarks.exists() else {})


def _code_name_rows(path: pathlib.Path, what: str, digits: int, restore: str):
    """(line number, code, name) of a 'code,name' table; comments and blank lines skipped; a
    broken table is an input error naming the file, the line and the fix."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(Diagnostic("error", str(path), None, f"cannot read {what}: {exc}", f"restore {restore} from git")) from None
    header_seen = False
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            if line.strip() != "code,name":
                raise CaseError(Diagnostic("error", str(path), number, f"{what} must start with the header 'code,name'",
                                           "restore the header line"))
            continue
        code, comma, name = line.partition(",")
        if not comma or "," in name or not (len(code) == digits and code.isascii() and code.isdigit()) or not name.strip():
            raise CaseError(Diagnostic("error", str(path), number, f"bad {what.removeprefix('the ')} row {line!r}",
                                       f"each row is a {digits}-digit code, a comma and a name"))
        yield number, code, name.strip()


def load_towns(path: pathlib.Path, counties: dict[str, Division]) -> dict[str, list[Division]]:
    """towns.csv: 9-digit code (county code + 3 digits), full name of a town, township or street."""
    towns: dict[str, list[Division]] = {}
    for _number, code, name in _code_name_rows(path, "the town table", 9, "build_tools/data/towns.csv"):
        county = counties.get(code[:6])
        if county is None or not _TOWN_SUFFIX.search(name) or len(name) < 3:
            continue
        for written in dict.fromkeys((name, _without_ethnic_names(name))):
            places = towns.setdefault(written, [])
            if county not in places:
                places.append(county)
    return towns


# The 55 ethnic groups' names (Simplified), as ethnic townships carry them: articles write
# 下帅壮族瑶族乡 as 下帅乡, 于家务回族乡 as 于家务乡.
ETHNIC_GROUPS = ("蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼",
                 "哈萨克", "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土",
                 "达斡尔", "仫佬", "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克",
                 "俄罗斯", "鄂温克", "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺")
_ETHNIC_TAIL = re.compile("(?:(?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)) + ")族)+(乡|镇)$")


def _without_ethnic_names(name: str) -> str:
    """An ethnic township's name as articles write it ('下帅壮族瑶族乡' -> '下帅乡'); other names unchanged.
    The shortened name keeps at least two characters before its suffix."""
    match = _ETHNIC_TAIL.search(name)
    if match is None or match.start() < 2:
        return name
    return name[:match.start()] + match.group(1)


def load_landmarks(path: pathlib.Path, divisions: dict[str, Division]) -> dict[str, list[Division]]:
    """landmarks.csv: 6-digit code of the county (or city) a landmark lies in, its name."""
    landmarks: dict[str, list[Division]] = {}
    for number, code, name in _code_name_rows(path, "the landmark table", 6, "build_tools/data/landmarks.csv"):
        division = divisions.get(code)
        if division is None:
            raise CaseError(Diagnostic("error", str(path), number, f"landmark {name}: no division has the code {code}",
                                       "give the 6-digit code of the county it lies in (build_tools/data/gazetteer.csv)"))
        if len(name) < 2:
            raise CaseError(Diagnostic("error", str(path), number, f"landmark {name!r} is too short to be told from a word",
                                       "give its name of two characters or more"))
        # an airport is also written with its formal name ('禄口机场', '禄口国际机场')
        for written in (name, name[:-2] + "国际机场") if name.endswith("机场") and not name.endswith("国际机场") else (name,):
            places = landmarks.setdefault(written, [])
            if division not in places:
                places.append(division)
    return landmarks


@functools.lru_cache(maxsize=None)
def default() -> Gazetteer:
    return load()
