"""A choropleth of North Korea's provinces, drawn as plain SVG from packaged GeoJSON.

No map library and no tiles: the eleven Natural Earth polygons (public domain, see
``data/SOURCE.md``) are projected equirectangularly with the longitude scaled by
cos(mean latitude), which at 38-43 degrees north distorts less than the width of a
border line. Each province is one ``<path>`` with a ``<title>`` so a reader can
hover it; shading uses a few classes of one sequential colour scale with a legend.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from markupsafe import Markup, escape

# A sequential blue scale (ColorBrewer "Blues", 5 classes); no incidents is a neutral grey.
SCALE = ("#DEEBF7", "#9ECAE1", "#6BAED6", "#3182BD", "#08519C")
EMPTY = "#F2F2F2"
WIDTH = 520.0
PAD = 8.0


@dataclass(frozen=True)
class Province:
    """One map polygon: its gazetteer id, English name and rings of (lon, lat)."""

    province_id: str
    name: str
    rings: tuple[tuple[tuple[float, float], ...], ...]
    label_point: tuple[float, float]


@lru_cache(maxsize=1)
def load_provinces() -> tuple[Province, ...]:
    """The packaged first-level polygons, read once per process."""
    raw = resources.files("casework.report").joinpath("data/nk_admin1_naturalearth.geojson").read_text("utf-8")
    collection: dict[str, Any] = json.loads(raw)
    provinces = []
    for feature in collection["features"]:
        props, geometry = feature["properties"], feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        rings = tuple(tuple((float(x), float(y)) for x, y in ring) for polygon in polygons for ring in polygon)
        provinces.append(
            Province(props["id"], props["name_en"], rings, (float(props["label_lon"]), float(props["label_lat"])))
        )
    return tuple(provinces)


def class_breaks(maximum: int, classes: int = len(SCALE)) -> list[int]:
    """Upper bounds of equal-width classes over 1..maximum (fewer classes for small maxima)."""
    if maximum <= 0:
        return []
    classes = min(classes, maximum)
    return sorted({math.ceil(maximum * (i + 1) / classes) for i in range(classes)})


def _colour(count: int, breaks: list[int]) -> str:
    if count <= 0:
        return EMPTY
    for i, upper in enumerate(breaks):
        if count <= upper:
            return SCALE[i + len(SCALE) - len(breaks)]
    return SCALE[-1]


@dataclass(frozen=True)
class Projected:
    """The provinces as SVG path data in a fixed frame (computed once per process)."""

    height: float
    paths: tuple[tuple[Province, str, tuple[float, float]], ...]


@lru_cache(maxsize=1)
def projected_provinces() -> Projected:
    """Project every ring: equirectangular, longitude scaled by cos(mean latitude)."""
    provinces = load_provinces()
    lons = [x for p in provinces for ring in p.rings for x, _ in ring]
    lats = [y for p in provinces for ring in p.rings for _, y in ring]
    west, north = min(lons), max(lats)
    kx = math.cos(math.radians((min(lats) + north) / 2))
    scale = (WIDTH - 2 * PAD) / ((max(lons) - west) * kx)

    def project(lon: float, lat: float) -> tuple[float, float]:
        return PAD + (lon - west) * kx * scale, PAD + (north - lat) * scale

    paths = []
    for province in provinces:
        d = " ".join(
            "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in (project(lon, lat) for lon, lat in ring)) + " Z"
            for ring in province.rings
        )
        paths.append((province, d, project(*province.label_point)))
    return Projected((north - min(lats)) * scale + 2 * PAD, tuple(paths))


def province_map_svg(counts: Counter[str], *, title: str = "Incidents by province") -> Markup:
    """The map with each province shaded by its number of incidents, as an SVG element."""
    frame = projected_provinces()
    height = frame.height
    legend_w = 150.0
    breaks = class_breaks(max(counts.values(), default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="province-map" role="img" '
        f'viewBox="0 0 {WIDTH + legend_w:.0f} {height:.0f}" width="{WIDTH + legend_w:.0f}" height="{height:.0f}">',
        f"<title>{escape(title)}</title>",
    ]
    for province, d, _ in frame.paths:
        n = counts.get(province.name, 0)
        noun = "incident" if n == 1 else "incidents"
        parts.append(
            f'<path class="province" data-province="{escape(province.province_id)}" data-count="{n}" '
            f'd="{d}" fill="{_colour(n, breaks)}" stroke="#ffffff" stroke-width="1" fill-rule="evenodd">'
            f"<title>{escape(province.name)}: {n} {noun}</title></path>"
        )
    for province, _, (x, y) in frame.paths:
        n = counts.get(province.name, 0)
        fill = "#ffffff" if _colour(n, breaks) in SCALE[-2:] else "#222222"
        parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" font-size="11" font-weight="600" '
            f'fill="{fill}" pointer-events="none">{n}</text>'
        )
    parts.append(_legend(breaks, WIDTH + 10, height - 30 - 20 * (len(breaks) + 1)))
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - names are escaped; the rest is numbers we formatted


def _legend(breaks: list[int], x: float, y: float) -> str:
    rows = [("0", EMPTY)]
    lower = 1
    for i, upper in enumerate(breaks):
        text = str(upper) if upper == lower else f"{lower}\u2013{upper}"
        rows.append((text, SCALE[i + len(SCALE) - len(breaks)]))
        lower = upper + 1
    out = [f'<g class="legend" font-size="11" fill="#333333"><text x="{x:.0f}" y="{y - 8:.0f}">Incidents</text>']
    for i, (text, colour) in enumerate(rows):
        top = y + 20 * i
        out.append(
            f'<rect x="{x:.0f}" y="{top:.0f}" width="16" height="14" fill="{colour}" stroke="#bbbbbb" '
            f'stroke-width="0.5"/><text x="{x + 22:.0f}" y="{top + 11:.0f}">{text}</text>'
        )
    out.append("</g>")
    return "".join(out)
