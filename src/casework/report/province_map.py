"""A choropleth of North Korea's provinces, drawn as plain SVG from packaged GeoJSON.

No map library and no tiles: the eleven Natural Earth polygons (public domain, see
``data/SOURCE.md``) are projected equirectangularly with the longitude scaled by
cos(mean latitude), which at 38-43 degrees north distorts less than the width of a
border line. Each province is one ``<path>`` with a ``<title>`` so a reader can
hover it, and carries its name and count as text inside its shape so a printed map
reads without hovering. The label sits at the point of the province's largest ring
farthest from its border (Natural Earth's label point for North Pyongan lies in the
sea), and the count is drawn in whichever of ink or white contrasts more with the
province's shade (WCAG relative luminance). Shading uses a few classes of one
sequential colour scale with a legend.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import numpy as np
from markupsafe import Markup, escape

# A sequential blue scale (ColorBrewer "Blues"; the fourth class from its 7-class scale so that white
# counts on it reach WCAG AA contrast); no incidents is a neutral grey.
SCALE = ("#DEEBF7", "#9ECAE1", "#6BAED6", "#2171B5", "#08519C")
EMPTY = "#F2F2F2"
INK = "#1D2329"
WHITE = "#FFFFFF"
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
    """Project every ring: equirectangular, longitude scaled by cos(mean latitude); labels inside."""
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
        rings = [[project(lon, lat) for lon, lat in ring] for ring in province.rings]
        d = " ".join("M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in ring) + " Z" for ring in rings)
        paths.append((province, d, interior_point(max(rings, key=_ring_area))))
    return Projected((north - min(lats)) * scale + 2 * PAD, tuple(paths))


def _ring_area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def interior_point(ring: list[tuple[float, float]], steps: int = 48) -> tuple[float, float]:
    """The grid point inside ``ring`` farthest from its edges: where a label fits best.

    A coarse version of the "pole of inaccessibility" search (polylabel), vectorised with
    numpy over a ``steps`` x ``steps`` grid of the ring's bounding box; good to a grid cell,
    which is all a text label needs.
    """
    points = np.asarray(ring, dtype=float)
    (x0, y0), (x1, y1) = points.min(axis=0), points.max(axis=0)
    gx, gy = np.meshgrid(np.linspace(x0, x1, steps), np.linspace(y0, y1, steps))
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    a, b = points, np.roll(points, -1, axis=0)
    # Inside by ray casting: count edges crossed by a ray to the right of each grid point.
    ay, by_ = a[:, 1][None, :], b[:, 1][None, :]
    py = grid[:, 1][:, None]
    straddles = (ay > py) != (by_ > py)
    with np.errstate(divide="ignore", invalid="ignore"):
        cross_x = a[:, 0][None, :] + (py - ay) * (b[:, 0] - a[:, 0])[None, :] / (by_ - ay)
    inside = (straddles & (grid[:, 0][:, None] < cross_x)).sum(axis=1) % 2 == 1
    # Distance from each grid point to the nearest edge segment.
    edge = b - a
    length2 = np.maximum((edge**2).sum(axis=1), 1e-12)
    t = np.clip(((grid[:, None, :] - a[None, :, :]) * edge[None, :, :]).sum(axis=2) / length2, 0.0, 1.0)
    nearest = a[None, :, :] + t[:, :, None] * edge[None, :, :]
    distance = np.sqrt(((grid[:, None, :] - nearest) ** 2).sum(axis=2)).min(axis=1)
    distance[~inside] = -1.0
    best = int(distance.argmax())
    return float(grid[best, 0]), float(grid[best, 1])


def _luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a ``#RRGGBB`` colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    hi, lo = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def label_colour(fill: str) -> str:
    """Ink or white, whichever contrasts more with ``fill``."""
    return INK if contrast_ratio(INK, fill) >= contrast_ratio(WHITE, fill) else WHITE


def province_map_svg(
    counts: Counter[str], *, title: str = "Incidents by province", names: dict[str, str] | None = None
) -> Markup:
    """The map with each province shaded by its number of incidents, named and counted inside its shape.

    Args:
        counts: incidents per province, by the gazetteer's English name.
        title: the SVG's accessible title.
        names: the label to draw for each English name (e.g. Korean names); English where missing.
    """
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
        name = escape(names.get(province.name, province.name) if names else province.name)
        parts.append(
            f'<text class="province-name" x="{x:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="9.5" '
            f'fill="{INK}" stroke="{WHITE}" stroke-width="2.5" paint-order="stroke" stroke-linejoin="round" '
            f'pointer-events="none">{name}</text>'
            f'<text class="province-count" x="{x:.1f}" y="{y + 10:.1f}" text-anchor="middle" font-size="11" '
            f'font-weight="700" fill="{label_colour(_colour(n, breaks))}" pointer-events="none">{n}</text>'
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
