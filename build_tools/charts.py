"""Charts and the province map as static inline SVG, written at build time.

Written by hand rather than with a plotting library: the site needs two shapes (bars and a
choropleth of 34 fixed paths) whose bytes must be the same on every build, whose colours must
follow the theme's light and dark palettes (CSS variables and ``currentColor``, not colours baked
in), and whose links must be real ``<a>`` elements; matplotlib or pygal would bring a large
dependency, fixed colours and ids, and metadata (dates, random ids) to strip out. No script and no
chart library is loaded when a page is read.

Every chart is a ``<figure>``: an ``<svg>`` with ``<title>`` and ``<desc>`` (named through
``aria-labelledby``) and, below it, the same figures as a table in a ``<details>`` element. Text
passed in is escaped here; callers pass it already in the page's script.
"""

from __future__ import annotations

import functools
import html
import json
import pathlib
from collections.abc import Sequence
from dataclasses import dataclass

MAP_FILE = pathlib.Path(__file__).parent / "data" / "china_provinces.json"


@dataclass(frozen=True)
class Bar:
    label: str  # in the page's script, not escaped
    count: int
    href: str | None = None  # a relative URL, or None


def _e(text: str) -> str:
    return html.escape(str(text), quote=True)


def _num(value: float) -> str:
    """A coordinate, rounded to 0.1 px and written without a trailing .0 (stable bytes)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _text_width(text: str, size: float) -> float:
    """Rough advance of a label: a CJK character is one em, anything else about half."""
    return sum(size if ord(ch) > 0x2E7F else size * 0.55 for ch in text)


def _table(caption: str, head: tuple[str, str], rows: Sequence[Bar], summary: str) -> str:
    def name(b: Bar) -> str:
        return f'<a href="{_e(b.href)}">{_e(b.label)}</a>' if b.href else _e(b.label)

    cells = "".join(f"<tr><td>{name(b)}</td><td>{b.count}</td></tr>" for b in rows)
    return (f'<details class="ca-chart__data"><summary>{_e(summary)}</summary>'
            f"<table><caption>{_e(caption)}</caption><thead><tr><th>{_e(head[0])}</th><th>{_e(head[1])}</th></tr></thead>"
            f"<tbody>{cells}</tbody></table></details>")


def _figure(ident: str, kind: str, svg: str, title: str, table: str) -> str:
    return f'<figure class="ca-chart ca-chart--{kind}" id="{ident}">{svg}<figcaption>{_e(title)}</figcaption>{table}</figure>'


def hbars(ident: str, title: str, desc: str, bars: Sequence[Bar], head: tuple[str, str], summary: str,
          unit: str) -> str:
    """Horizontal bars, one row per item (provinces, tags, outlets): labels read on a phone."""
    size, row, width = 14, 24, 400
    label_w = min(max((_text_width(b.label, size) for b in bars), default=0) + 8, 170)
    count_w = _text_width(str(max((b.count for b in bars), default=0)), size) + 10
    span = width - label_w - count_w
    top = max((b.count for b in bars), default=0) or 1
    height = row * len(bars) + 4
    parts = [f'<svg class="ca-chart__svg" viewBox="0 0 {width} {height}" role="img" aria-labelledby="{ident}-t {ident}-d" '
             f'font-size="{size}" fill="currentColor"><title id="{ident}-t">{_e(title)}</title><desc id="{ident}-d">{_e(desc)}</desc>']
    for i, b in enumerate(bars):
        y = 2 + i * row
        w = span * b.count / top
        label = b.label
        while _text_width(label, size) > label_w - 8 and len(label) > 1:  # keep the row on one line
            label = label[:-2] + "…"
        parts.append(f'<g class="ca-chart__row" data-label="{_e(b.label)}" data-count="{b.count}">'
                     f"<title>{_e(b.label)}：{b.count} {_e(unit)}</title>"
                     f'<text x="{_num(label_w - 8)}" y="{_num(y + row / 2 + size * 0.35)}" text-anchor="end">{_e(label)}</text>'
                     f'<rect class="ca-chart__bar" x="{_num(label_w)}" y="{y + 3}" width="{_num(max(w, 1))}" height="{row - 6}" rx="2"/>'
                     f'<text x="{_num(label_w + w + 4)}" y="{_num(y + row / 2 + size * 0.35)}">{b.count}</text></g>')
    parts.append("</svg>")
    return _figure(ident, "hbars", "".join(parts), title, _table(title, head, bars, summary))


def columns(ident: str, title: str, desc: str, bars: Sequence[Bar], head: tuple[str, str], summary: str,
            unit: str, ticks: Sequence[str]) -> str:
    """Vertical columns in time order (cases per month); ``ticks[i]`` is the axis label under
    column i ("" for none), e.g. the month number with the year under January. Columns with an
    ``href`` are links (named "label: n"), so the chart is a group, not an image."""
    size, width, plot_h, axis_h, left = 13, 400, 150, 36, 28
    n = max(len(bars), 1)
    step = (width - left - 4) / n
    top = max((b.count for b in bars), default=0) or 1
    height = plot_h + axis_h
    parts = [f'<svg class="ca-chart__svg" viewBox="0 0 {width} {height}" role="group" aria-labelledby="{ident}-t {ident}-d" '
             f'font-size="{size}" fill="currentColor"><title id="{ident}-t">{_e(title)}</title><desc id="{ident}-d">{_e(desc)}</desc>',
             f'<line class="ca-chart__axis" x1="{left}" y1="{plot_h}" x2="{width}" y2="{plot_h}"/>',
             f'<text x="{left - 4}" y="{size}" text-anchor="end">{top}</text>',
             f'<text x="{left - 4}" y="{plot_h}" text-anchor="end">0</text>']
    for i, b in enumerate(bars):
        x = left + 2 + i * step
        h = (plot_h - 6) * b.count / top
        rect = (f'<rect class="ca-chart__bar" x="{_num(x + step * 0.12)}" y="{_num(plot_h - h)}" '
                f'width="{_num(step * 0.76)}" height="{_num(h)}"/>')
        if b.href and b.count:
            rect = f'<a href="{_e(b.href)}" aria-label="{_e(b.label)}：{b.count} {_e(unit)}">{rect}</a>'
        parts.append(f'<g class="ca-chart__row" data-label="{_e(b.label)}" data-count="{b.count}">'
                     f"<title>{_e(b.label)}：{b.count} {_e(unit)}</title>{rect}</g>")
        tick = ticks[i] if i < len(ticks) else ""
        for line, text in enumerate(tick.split("\n") if tick else []):
            parts.append(f'<text x="{_num(x + step / 2)}" y="{plot_h + size + 3 + line * (size + 2)}" '
                         f'text-anchor="middle">{_e(text)}</text>')
    parts.append("</svg>")
    return _figure(ident, "columns", "".join(parts), title, _table(title, head, bars, summary))


@functools.lru_cache(maxsize=1)
def map_data() -> dict:
    """The province shapes (build_tools/data/china_provinces.json, from scripts/derive_map.py)."""
    return json.loads(MAP_FILE.read_text(encoding="utf-8"))


STEPS = 5  # shades of the map: none, then four steps up to the largest count


def shade(count: int, top: int) -> int:
    """The shade (0 = no case, 1..STEPS-1) of a province with ``count`` cases."""
    if count <= 0 or top <= 0:
        return 0
    return min(STEPS - 1, max(1, -(-count * (STEPS - 1) // top)))  # the largest count is the darkest


def province_map(ident: str, title: str, desc: str, provinces: dict[str, tuple[str, int, str | None]],
                 head: tuple[str, str], summary: str, unit: str, legend: str) -> str:
    """A map of the 34 provincial-level divisions; ``provinces`` maps a GB/T 2260 code to
    (name in the page's script, case count, relative URL of its region page or None). Each
    division with a page is a link named "name: n cases"; the others are drawn without one."""
    geo = map_data()
    width, height = geo["width"], geo["height"]
    top = max((count for _, count, _ in provinces.values()), default=0)
    parts = [f'<svg class="ca-chart__svg ca-map" viewBox="0 0 {width} {height}" role="group" '
             f'aria-labelledby="{ident}-t {ident}-d" font-size="14" fill="currentColor">'
             f'<title id="{ident}-t">{_e(title)}</title><desc id="{ident}-d">{_e(desc)}</desc>']
    for item in geo["provinces"]:
        name, count, href = provinces.get(item["code"], ("", 0, None))
        cls = f"ca-map__area ca-map__area--{shade(count, top)}"
        shape = f'<path class="{cls}" d="{item["d"]}"/>' if item["d"] else ""
        if item["small"]:  # Hong Kong and Macao: a dot one can see and click
            shape += f'<circle class="{cls}" cx="{item["cx"]}" cy="{item["cy"]}" r="5"/>'
        label = f"{_e(name)}：{count} {_e(unit)}"
        attrs = f'data-code="{item["code"]}" data-count="{count}"'
        if href:
            parts.append(f'<a class="ca-map__link" href="{_e(href)}" aria-label="{label}" {attrs}><title>{label}</title>{shape}</a>')
        else:
            parts.append(f'<g {attrs}><title>{label}</title>{shape}</g>')
    # the legend is HTML under the map (readable at any width): the shades and the counts they stand for
    keys = []
    for step in range(STEPS):
        counts = [c for c in range(1, top + 1) if shade(c, top) == step] if step else [0]
        if counts:
            text = str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"
            keys.append(f'<span class="ca-map__key"><svg viewBox="0 0 16 16" aria-hidden="true">'
                        f'<rect class="ca-map__area ca-map__area--{step}" width="16" height="16"/></svg>{text}</span>')
    key = f'<p class="ca-map__legend">{_e(legend)}{"".join(keys)}</p>'
    parts.append("</svg>")
    rows = sorted((Bar(name, count, href) for name, count, href in provinces.values() if count),
                  key=lambda b: (-b.count, b.label))
    return _figure(ident, "map", "".join(parts) + key, title, _table(title, head, rows, summary))
