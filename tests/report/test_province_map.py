"""The province map: every province named and counted inside its own shape, legibly."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from casework.report.province_map import SCALE, contrast_ratio, label_colour, projected_provinces, province_map_svg


def _inside(x: float, y: float, path: str) -> bool:
    """Even-odd ray casting over every ring of an SVG path of M/L/Z commands."""
    crossings = 0
    for ring in path.split("Z"):
        points = [tuple(map(float, p.split(","))) for p in re.findall(r"-?[\d.]+,-?[\d.]+", ring)]
        for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
            if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
                crossings += 1
    return crossings % 2 == 1


def test_every_label_point_is_inside_its_province() -> None:
    frame = projected_provinces()
    assert len(frame.paths) == 11
    for province, d, (x, y) in frame.paths:
        assert _inside(x, y, d), f"{province.name}'s label point is outside its shape"


def test_north_pyongan_count_is_inside_and_legible() -> None:
    """Natural Earth's label point for North Pyongan lies in the sea: the count was drawn in white on white."""
    frame = {p.name: (d, xy) for p, d, xy in projected_provinces().paths}
    d, (x, y) = frame["North Pyongan"]
    assert _inside(x, y, d)
    svg = province_map_svg(Counter({"North Pyongan": 40, "Ryanggang": 1}))
    count = re.search(r'<text class="province-count" x="([\d.]+)" y="([\d.]+)"[^>]*fill="(#\w+)"[^>]*>40</text>', svg)
    assert count is not None
    fill = re.search(r'data-province="KP-03" data-count="40" d="[^"]*" fill="(#\w+)"', svg)
    assert fill is not None
    assert contrast_ratio(count.group(3), fill.group(1)) >= 4.5


def test_names_are_drawn_and_may_be_korean() -> None:
    svg = province_map_svg(Counter({"Rason": 2}), names={"Rason": "라선", "North Hamgyong": "함경북도"})
    assert svg.count('class="province-name"') == 11
    assert ">라선</text>" in svg and ">함경북도</text>" in svg and ">Chagang</text>" in svg


def test_label_colour_always_reaches_aa_contrast() -> None:
    for fill in (*SCALE, "#F2F2F2"):
        assert contrast_ratio(label_colour(fill), fill) >= 4.5, fill
    assert np.isclose(contrast_ratio("#000000", "#FFFFFF"), 21.0)
