"""The search index the Node tests run against: build_tools/searchindex.py over the fixture
archive (tests/fixtures/cases, through the pipeline) and a few made-up cases that each pin down
one rule, with Pagefind for the fragments, as a build writes it.

Usage: python tests/js/fixture.py FOLDER   (writes FOLDER/site/pagefind/... and FOLDER/records.json)

records.json lists every case's fields and facets (tags, province, source) in both scripts (what the tests compare the search with);
checks.json holds values computed here that the JavaScript must reproduce (postings file numbers).
"""

from __future__ import annotations

import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from build_tools import pipeline, searchindex  # noqa: E402
from build_tools.searchindex import Field, Record  # noqa: E402

CASES = ROOT / "tests" / "fixtures" / "cases"


def made_up() -> list[Record]:
    """Cases that each pin down one rule (their Traditional text is written by hand)."""

    def case(key, date, title, paragraphs, *meta):
        fields = [Field("t", *title), *meta, *(Field("p", s, t) for s, t in paragraphs)]
        return Record(key, f"cases/{key}/", date, tuple(fields))

    return [
        # markup in every field is text
        case("2020-05-01-hostile", "2020-05-01", ("<script>window.__pwned='title'</script>恶意标题",
                                                  "<script>window.__pwned='title'</script>惡意標題"),
             [("注入测试文章<img src=x onerror=\"window.__pwned='img'\"> &amp; 临时党支部",
               "注入測試文章<img src=x onerror=\"window.__pwned='img'\"> &amp; 臨時黨支部")],
             Field("o", "<b>网</b>", "<b>網</b>")),
        # a character the Simplified text keeps (乾 in 乾隆), beside the same character converted (干了)
        case("2020-06-01-qianlong", "2020-06-01", ("古桥的故事", "古橋的故事"),
             [("村里有一座乾隆年间的古桥。", "村裡有一座乾隆年間的古橋。"), ("衣服晒干了。", "衣服曬乾了。")]),
        # ASCII and full-width forms are folded, whitespace is ignored, astral characters are one
        case("2020-07-01-ascii", "2020-07-01", ("COVID-19 防控", "COVID-19 防控"),
             [("ＡＢＣ１２３ 和 covid-19 疫苗", "ＡＢＣ１２３ 和 covid-19 疫苗"), ("新干 县　委\t书记", "新干 縣　委\t書記"),
              ("\U00020000村的干部。", "\U00020000村的幹部。")]),
        # a Traditional text not aligned with its Simplified text (carried whole)
        case("2020-08-01-unaligned", "2020-08-01", ("头发的故事", "頭髮的故事"),
             [("她的头发白了。", "她的頭髮全都白了。")]),
        # relevance: the name in the title, as an author, in the text; an undated case last
        case("2019-01-01-title", "2019-01-01", ("王德明的一天", "王德明的一天"), [("记录。", "記錄。")]),
        case("2018-01-01-author", "2018-01-01", ("一篇报道", "一篇報道"), [("正文。", "正文。")],
             Field("a", "王德明", "王德明")),
        case("2021-12-01-text", "2021-12-01", ("另一篇报道", "另一篇報道"), [("采访了王德明同志。", "採訪了王德明同志。")]),
        case("undated-text", "", ("没有日期的报道", "沒有日期的報道"), [("王德明说。", "王德明說。")]),
    ]


def build(folder: pathlib.Path) -> None:
    archive = pipeline.load_archive(pipeline.case_files(CASES), display_root=ROOT)
    items = searchindex.records(archive.cases) + made_up()
    searchindex.index_archive(items, folder / "site", folder / "cache", shard_pages=4)
    out = [{"url": r.url, "date": r.date, "key": r.key,
            "fields": [[f.kind, f.hans, f.hant] + (list(f.role) if f.role else []) for f in r.fields],
            "facets": [list(f) for f in r.facets]}
           for r in searchindex.ordered(items)]
    (folder / "records.json").write_text(json.dumps(out, ensure_ascii=False, indent=0), encoding="utf-8")
    manifest = json.loads((folder / "site" / "pagefind" / searchindex.MANIFEST).read_text(encoding="utf-8"))
    buckets = manifest["search"]["buckets"]
    keys = [[kind, key] for kind, key in [(0, "党员"), (0, "ab"), (0, "\U00020000村"), (1, "王德明"), (1, "中国共产党新闻网")]]
    checks = {"buckets": [[kind, key, n, searchindex.bucket_of(kind, key, n)] for kind, key in keys for n in (1, 7, buckets, 4096)],
              "normal": [[text, searchindex.normal(text)] for text in ("ＡＢＣ１２３ 和\u3000Covid\u200b-19\t", "新干 县\u00a0委")]}
    (folder / "checks.json").write_text(json.dumps(checks, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(pathlib.Path(sys.argv[1]))
