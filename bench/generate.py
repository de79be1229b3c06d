"""Grow a deterministic synthetic archive of N cases from the shipped seed cases.

Each case mixes paragraphs of the seeds (cleaned), moved to a random county of the gazetteer,
dated across 2020-2021, credited to one of many outlets, and captured the way real pages are:
half in Traditional script (some with inserted pinyin), with header lines in the seeds' shapes,
site chrome, forum counters, footers, HTML residue and trailing credits. Same N and seed, same
bytes. Nothing generated is committed.

Usage: python bench/generate.py --cases 1000 --out /tmp/bench-archive [--seed 1]
"""

from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pypinyin import Style, pinyin  # noqa: E402

from build_tools import dedupe, gazetteer, pipeline  # noqa: E402
from build_tools.script import to_hans, to_hant  # noqa: E402

OUTLETS = ["人民网", "新华网", "中国网", "央广网", "光明网", "中国共产党新闻网", "旗帜网", "共产党员网", "中国组织人事报",
           "党建网", "求是网", "中国青年网", "大众网", "荆楚网", "红网", "东方网", "浙江在线", "四川在线", "南方网", "北青网",
           "新浪新闻", "澎湃新闻", "中国日报网", "环球网", "中国新闻网", "经济日报", "法治日报", "工人日报", "农民日报",
           "河南日报", "广安日报", "温州日报", "无锡日报", "西宁晚报", "湖北日报", "湖南日报", "江西日报", "安徽日报"]
PHRASES = ["党员冲在抗疫第一线", "临时党支部筑起战斗堡垒", "党建引领联防联控", "下沉社区守护万家", "精准服务复工复产",
           "火线入党彰显初心", "党员突击队逆行出征", "防汛救灾党旗飘扬", "以组织力凝聚战疫力", "网格化管理织密防线",
           "关爱激励一线干部", "线上组织生活不断线", "两新组织党组织显担当", "志愿服务暖人心", "机关党员双报到"]
SEED_PLACES = {"无锡": "city", "广安": "city", "温州": "city", "西宁": "city", "郑州": "city", "锡山": "county",
               "梁溪": "county", "惠山": "county", "新吴": "county", "龙湾": "county", "江苏": "province",
               "四川": "province", "浙江": "province", "青海": "province", "河南": "province", "湖北": "province",
               "武汉": "city", "云南": "province", "昆明": "city", "贵州": "province", "江西": "province"}
CHROME = ["分享到：", "打印 纠错", "微信扫一扫", "文字缩放：【大】【中】【小】", "收听本文", "阅读次数：{n}",
          "点击次数:{n}", "您现在的位置：首页 > 党建 > 正文", "{site}>>党建动态>>正文", "请输入验证码",
          "留言与评论(共有 {n} 条评论)", "相关文章", "上一篇：关于做好疫情防控工作的通知", "<p class=\"ql-block\">", "</p>",
          "![]() |", "责任编辑：{name}"]
FOOTERS = ["{site} ( 京ICP备{n}号-1 )", "Copyright © 2020 {site} 版权所有", "京公网安备 {n}号", "Powered by Discuz! X3.4"]
FORUM = ["找回密码", "注册", "搜索", "查看: {n}|回复: {m}", "[复制链接]", "发表于 {date} 09:15 | 只看该作者 |阅读模式"]
NAMES = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄强", "周婷", "吴刚", "徐丽", "孙浩"]


def seed_paragraphs() -> list[str]:
    archive = pipeline.load_archive(pipeline.case_files(ROOT / "cases"))
    return [to_hans(p) for case in archive.cases for p in case.paragraphs if len(p) >= 30 and "□" not in p]


def insert_pinyin(text: str, rnd: random.Random, share: float) -> str:
    out = []
    for char in text:
        out.append(char)
        if "\u4e00" <= char <= "\u9fff" and rnd.random() < share:
            reading = pinyin(char, style=Style.TONE)[0][0]
            out.append(f"({reading})")
    return "".join(out)


def make_case(index: int, seed: int, pool: list[str], counties: list, gaz, taken: set, texts) -> tuple[str, str]:
    rnd = random.Random(seed * 1_000_003 + index)
    county = rnd.choice(counties)
    province, city, county_name = gaz.names(county)
    short = {"province": gaz.by_code[county.province].short or province, "city": (gaz.lookup(city)[0].short if city else None) or city or province,
             "county": county.short or county_name}
    while True:  # the same title on the same day would be (rightly) refused as a duplicate
        date = dt.date(2020, 1, 1) + dt.timedelta(days=rnd.randrange(731))
        title = f"{short['county']}：{rnd.choice(PHRASES)}"
        if (title, date) not in taken:
            taken.add((title, date))
            break
    outlet = rnd.choice(OUTLETS)
    paragraphs = [f"{date.year}年以来，{province}{city or ''}{county_name}各级党组织和广大党员坚持党建引领，"
                  f"截至{date.month}月{date.day}日，全{short['county']}共组建{rnd.randint(3, 300)}支党员突击队，"
                  f"{rnd.randint(50, 20000)}名党员下沉一线，{short['county']}群众安全感明显增强。"]
    while True:  # distinct articles: a draw too close to an earlier case is drawn again
        body = []
        for _ in range(rnd.randint(5, 30)):
            paragraph = rnd.choice(pool)
            for name, level in SEED_PLACES.items():
                paragraph = paragraph.replace(name, short[level] or name)
            body.append(paragraph)
        sketch = dedupe.sketch(tuple(paragraphs + body))
        if texts.find(sketch) is None:
            texts.add(str(index), sketch)
            paragraphs += body
            break
    paragraphs.insert(rnd.randint(1, len(paragraphs)), f"{short['city']}{short['county']}的做法得到群众肯定。")

    style = rnd.randrange(4)
    stamp = f"{date.isoformat()} {rnd.randint(8, 20):02d}:{rnd.randint(0, 59):02d}:00"
    header = [
        [f"来源：{outlet} 时间：{stamp} 编辑：{rnd.choice(NAMES)}"],
        [f"时间：{date.isoformat()}", f"来源：{outlet}", "分享到："],
        [f"来源：{outlet}{date.year}年{date.month}月{date.day}日{rnd.randint(8, 20)}:{rnd.randint(10, 59)}", "文字缩放："],
        [f"发表于 {date.year}-{date.month}-{date.day} 09:15 | 显示全部楼层 |阅读模式 | 来自{short['province']}"],
    ][style]
    lines = []
    fmt = dict(n=rnd.randint(100, 99999), m=rnd.randint(0, 99), site=outlet, name=rnd.choice(NAMES), date=date.isoformat())
    if style == 3:
        lines += [f.format(**fmt) for f in FORUM[:5]]
    else:
        lines.append(f"{outlet} 党建动态 正文" if rnd.random() < 0.3 else rnd.choice(CHROME[6:9]).format(**fmt))
    lines += [title] + header
    for paragraph in paragraphs:
        lines.append(paragraph)
        if rnd.random() < 0.08:
            lines.append(rnd.choice(CHROME).format(**fmt))
    if rnd.random() < 0.5:
        lines[-1] += f"（{rnd.choice(OUTLETS[27:])} {rnd.choice(NAMES)}）"
    else:
        lines.append(f"（编辑：{rnd.choice(NAMES)} 审核：{rnd.choice(NAMES)}）")
    lines += [rnd.choice(FOOTERS).format(**fmt)]
    text = "\n".join(lines) + "\n"
    if rnd.random() < 0.5:
        text = to_hant(text)
        if rnd.random() < 0.4:
            text = insert_pinyin(text, rnd, share=rnd.choice([0.1, 0.5, 1.0]))
    return f"{date.isoformat()}-bench-{index:05d}.txt", text


def generate(n: int, out: pathlib.Path, seed: int = 1) -> int:
    gaz = gazetteer.default()
    counties = sorted((d for d in gaz.by_code.values() if d.level == "county" and d.city and len(d.name) >= 3
                       and len(gaz.lookup(d.name)) == 1), key=lambda d: d.code)
    pool = seed_paragraphs()
    cases = out / "cases"
    cases.mkdir(parents=True, exist_ok=True)
    taken: set = set()
    texts = dedupe.Index()
    for index in range(n):
        name, text = make_case(index, seed, pool, counties, gaz, taken, texts)
        (cases / name).write_text(text, encoding="utf-8")
    return n


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, required=True)
    parser.add_argument("--out", type=pathlib.Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    count = generate(args.cases, args.out, args.seed)
    print(f"generated {count} cases in {args.out / 'cases'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
