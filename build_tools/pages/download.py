"""The download page: the open dataset's files (build_tools/dataset.py) with their sizes, the
archive's licence, and what every field means, at ``data/`` beside the files themselves.

The files are published once, at the Simplified site's ``data/``; the Traditional page links
there. The links are raw HTML (MkDocs checks Markdown links against its pages, and the files
are written after the pages, by build_tools/outputs/dataset.py)."""

from __future__ import annotations

import html

from build_tools import dataset
from build_tools.model import HANS, Page
from build_tools.pages import Family
from build_tools.render import Renderer

INDEX = "data/index.md"

_FORMATS = {
    dataset.CSV: "CSV：逗号分隔，UTF-8 编码，首行为字段名，每篇案例一行（正文中的换行在引号内）",
    dataset.JSONL: "JSON Lines：UTF-8 编码，每行一个 JSON 对象，即一篇案例",
    dataset.PACKAGE: "Frictionless 数据包描述：字段类型与说明、许可、两个数据文件的大小和 SHA-256",
}


def size_text(size: int) -> str:
    """A file size as a reader reads it: 812 B, 35.4 KB, 1.2 MB (powers of 1000)."""
    if size < 1000:
        return f"{size} B"
    if size < 1000 ** 2:
        return f"{size / 1000:.1f} KB"
    return f"{size / 1000 ** 2:.1f} MB"


def file_href(name: str, lang: str) -> str:
    """A dataset file's address from the download page of a script's site."""
    return name if lang == HANS else f"../../{dataset.FOLDER}/{name}"


class DownloadPage(Family):
    name = "download"
    order = 80
    shows_text = True  # the data files' sizes
    index = INDEX
    nav = "数据下载"
    browse = "下载数据"

    def pages(self, r: Renderer, lang: str) -> list[Page]:
        t = lambda s: r.t(s, lang)  # noqa: E731
        data = dataset.Dataset(r.cases, r.site_name, r.license, r.directory_urls)
        sizes = data.sizes()
        title = t("数据下载")
        body = [f"# {title}", "",
                t(f"本站全部 {len(r.cases)} 篇案例的元数据和清理后的正文，作为开放数据提供下载：每篇案例一行，"
                  "简体、繁体两种字形并列。两个数据文件内容相同，格式不同。"), "",
                f"## {t('文件')}", "",
                f"| {t('文件')} | {t('格式')} | {t('大小')} |", "|---|---|---|"]
        for name in (dataset.CSV, dataset.JSONL, dataset.PACKAGE):
            download = "" if name == dataset.PACKAGE else " download"
            size = sizes[name]
            body.append(f'| <a class="ca-data-file" href="{html.escape(file_href(name, lang))}"{download}>{name}</a> '
                        f"| {t(_FORMATS[name])} | {size_text(size)}（{size:,} {t('字节')}） |")
        entry = dataset.license_entry(r.license)
        if entry["name"] == dataset.UNDECIDED:
            licence = t("尚未确定；datapackage.json 中暂为占位标识") + f" `{dataset.UNDECIDED}`" + t("。")
        else:
            named = html.escape(t(entry["title"]))
            if "path" in entry:
                named = f'<a href="{html.escape(entry["path"])}">{named}</a>'
            licence = f"{named}（`{html.escape(entry['name'])}`）"
        body += ["", f"## {t('许可')}", "", "- " + t("本数据集的许可：") + licence,
                 "- " + t("文章的著作权归原作者和原发布媒体所有；每篇案例的来源和原文网址见 source 与 url 字段。"),
                 "", f"## {t('字段说明')}", "",
                 t("两个数据文件的字段相同，按下表顺序排列。名称以 `_hans` 结尾的是简体，以 `_hant` 结尾的是繁体（本站繁体页面所用的同一转换）。"
                   "数组字段在 JSON Lines 中是 JSON 数组，在 CSV 中是同样的 JSON 数组文本。空值在 CSV 中为空字符串，在 JSON Lines 中为空字符串或空数组。"),
                 "", f"| {t('字段')} | {t('类型')} | {t('说明')} |", "|---|---|---|"]
        types = {"string": "文本", "date": "日期", "array": "数组"}
        for field in dataset.FIELDS:
            body.append(f'| <code class="ca-field">{field.name}</code> | {t(types[field.type])} | '
                        f"{html.escape(t(field.description))} |")
        body += ["", f"## {t('使用提示')}", "",
                 "- " + t("行按日期从早到晚排列，日期相同的按案例编号排列；同一份案例库每次生成的文件逐字节相同。"),
                 "- " + t("用 Excel 打开 CSV 时，请通过“数据 › 从文本/CSV”导入并选择 UTF-8 编码。"),
                 "- " + t("校验文件：") + "`frictionless validate datapackage.json`" + t("（Python 包 frictionless）。"),
                 ]
        description = t(f"{r.site_name}全部 {len(r.cases)} 篇案例的元数据与正文（简体、繁体），CSV 与 JSON Lines 格式。")
        return [r.page(self.index, lang, title, body, kind="download", description=description,
                       dataset_license=entry.get("path", ""),
                       dataset_files=[[name, file_href(name, lang), "text/csv" if name == dataset.CSV else
                                       "application/jsonl" if name == dataset.JSONL else "application/json"]
                                      for name in (dataset.CSV, dataset.JSONL, dataset.PACKAGE)])]
