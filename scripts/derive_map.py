"""Regenerate build_tools/data/china_provinces.json, the province map of the statistics page.

Source: ``map/json/china.json`` of the npm package ``echarts`` 4.9.0 (Apache License 2.0, (c) The
Apache Software Foundation): the 34 provincial-level divisions with their GB/T 2260 codes, in
ECharts' compressed GeoJSON ("UTF8Encoding"). ECharts 5 no longer ships the map, so the version is
pinned. The output keeps only what the site draws: for each division its 6-digit code and one SVG
path in a fixed 600-wide frame (equirectangular, longitudes scaled by cos 36 degrees), simplified
(Ramer-Douglas-Peucker, 0.6 px) and rounded to whole pixels, islands under 1.5 square pixels
dropped; about a third of the source's size. No package is needed at build time.

Usage:
  npm pack echarts@4.9.0 && tar xzf echarts-4.9.0.tgz package/map/json/china.json
  python scripts/derive_map.py package/map/json/china.json
"""

from __future__ import annotations

import json
import math
import pathlib
import sys

OUT = pathlib.Path(__file__).resolve().parent.parent / "build_tools" / "data" / "china_provinces.json"
WIDTH = 600
WEST, EAST, SOUTH, NORTH = 73.3, 135.2, 17.9, 53.7
KX = math.cos(math.radians(36))
SCALE = WIDTH / ((EAST - WEST) * KX)
HEIGHT = round((NORTH - SOUTH) * SCALE)
TOLERANCE = 0.6
MIN_AREA = 1.5


def decode_ring(encoded: str, offset: list[int], scale: float = 1024) -> list[tuple[float, float]]:
    """ECharts' compressed ring: zigzag-encoded deltas, two characters (x, y) a point, offset by 64."""
    x0, y0 = offset
    points = []
    for i in range(0, len(encoded), 2):
        dx, dy = ord(encoded[i]) - 64, ord(encoded[i + 1]) - 64
        x0 += (dx >> 1) ^ -(dx & 1)
        y0 += (dy >> 1) ^ -(dy & 1)
        points.append((x0 / scale, y0 / scale))
    return points


def project(lon: float, lat: float) -> tuple[float, float]:
    return (lon - WEST) * KX * SCALE, (NORTH - lat) * SCALE


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Ramer-Douglas-Peucker (iterative). Written here: shapely would be a large dependency for one
    function run by a maintainer."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        length = math.hypot(bx - ax, by - ay)
        far, index = 0.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = (abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length) if length else math.hypot(px - ax, py - ay)
            if d > far:
                far, index = d, i
        if far > tolerance and index > 0:
            keep[index] = True
            stack += [(a, index), (index, b)]
    return [p for p, k in zip(points, keep) if k]


def area(points: list[tuple[int, int]]) -> float:
    return abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))) / 2


def ring_path(points: list[tuple[int, int]]) -> str:
    """Relative SVG path commands (shortest text): M x y l dx dy ... z."""
    out = [f"M{points[0][0]} {points[0][1]}l"]
    deltas = []
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        deltas.append(f"{x2 - x1} {y2 - y1}")
    return out[0] + " ".join(deltas) + "z"


def main(source: str) -> None:
    data = json.loads(pathlib.Path(source).read_text(encoding="utf-8"))
    provinces = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        offsets = geometry["encodeOffsets"] if geometry["type"] == "MultiPolygon" else [geometry["encodeOffsets"]]
        rings = []
        for polygon, polygon_offsets in zip(polygons, offsets):
            for ring, offset in zip(polygon, polygon_offsets):
                projected = [project(lon, lat) for lon, lat in decode_ring(ring, offset)]
                points = [(round(x), round(y)) for x, y in simplify(projected, TOLERANCE)]
                points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if points and points[0] == points[-1]:
                    points = points[:-1]
                if len(points) >= 3:
                    rings.append(points)
        rings.sort(key=area, reverse=True)
        rings = rings[:1] + [ring for ring in rings[1:] if area(ring) >= MIN_AREA]
        cx, cy = project(*feature["properties"]["cp"])
        provinces.append({"code": feature["properties"]["id"], "d": "".join(ring_path(r) for r in rings),
                          "cx": round(cx), "cy": round(cy), "area": area(rings[0]) if rings else 0})
    provinces.sort(key=lambda p: p["code"])
    out = {"source": "map/json/china.json in the npm package echarts 4.9.0",
           "license": "Apache-2.0 (c) The Apache Software Foundation",
           "derived_by": "scripts/derive_map.py", "width": WIDTH, "height": HEIGHT,
           "provinces": [{k: p[k] for k in ("code", "cx", "cy", "d")} | {"small": p["area"] < 30} for p in provinces]}
    OUT.write_text(json.dumps(out, ensure_ascii=False, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(provinces)} divisions)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
