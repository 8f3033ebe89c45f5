"""Charts as self-contained SVG, drawn with matplotlib.

The figures are built with :class:`matplotlib.figure.Figure` directly (no pyplot, no
global state), so the web app may draw reports from several threads. Text stays
text (``svg.fonttype = none``) so it is small, searchable and set in the reader's
system font; the SVG has no links, fonts or images to fetch.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date
from typing import Any

from matplotlib import rc_context
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from casework.model import GRADES, INCIDENT_TYPES

from .figures import label

# Okabe-Ito plus two greys: distinguishable with the common colour-vision deficiencies.
TYPE_COLOURS = dict(
    zip(
        INCIDENT_TYPES,
        (
            "#0072B2",
            "#56B4E9",
            "#999999",
            "#000000",
            "#D55E00",
            "#E69F00",
            "#009E73",
            "#CC79A7",
            "#F0E442",
            "#882255",
            "#CCCCCC",
        ),
        strict=True,
    )
)
GRADE_COLOURS = {
    "single-source": "#BDBDBD",
    "corroborated": "#6BAED6",
    "well-corroborated": "#08519C",
    "contested": "#D55E00",
}
_STYLE: Any = {
    "svg.fonttype": "none",
    "svg.hashsalt": "casework",
    "font.family": "sans-serif",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#888888",
    "axes.titlesize": 10,
    "xtick.color": "#444444",
    "ytick.color": "#444444",
}


def _svg(fig: Figure) -> str:
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    return strip_prolog(buffer.getvalue())


def strip_prolog(svg: str) -> str:
    """The ``<svg>`` element alone: no XML declaration, DOCTYPE, RDF metadata (they name URLs) or comments."""
    start = svg.find("<svg")
    body = svg[start:] if start >= 0 else svg
    body = re.sub(r"\s*<metadata>.*?</metadata>", "", body, flags=re.DOTALL)
    return re.sub(r"<!--.*?-->", "", body, flags=re.DOTALL)


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _stacked_bars(ax: Any, xs: list[Any], table: list[Counter[str]], width: float) -> None:
    """Bars stacked by incident type, in vocabulary order, with one legend entry per type drawn."""
    types = [t for t in INCIDENT_TYPES if any(counts[t] for counts in table)]
    bottom = [0] * len(xs)
    for incident_type in types:
        heights = [counts[incident_type] for counts in table]
        drawn = [i for i, h in enumerate(heights) if h]  # a zero-height bar is still a patch to draw
        ax.bar(
            [xs[i] for i in drawn],
            [heights[i] for i in drawn],
            width=width,
            bottom=[bottom[i] for i in drawn],
            color=TYPE_COLOURS[incident_type],
            label=label(incident_type),
        )
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", color="#E5E5E5", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)


def timeline_svg(by_month: dict[str, Counter[str]]) -> str:
    """Incidents per month, stacked by type; empty months are shown as gaps, not skipped."""
    months = _month_range(min(by_month), max(by_month))
    with rc_context(_STYLE):
        fig = Figure(figsize=(9.0, 3.4))
        ax = fig.add_subplot()
        xs: list[Any] = [date(int(m[:4]), int(m[5:7]), 15) for m in months]  # matplotlib converts dates itself
        _stacked_bars(ax, xs, [by_month.get(m, Counter()) for m in months], width=24)
        ax.set_ylabel("incidents per month")
        return _svg(fig)


def years_svg(by_year: dict[str, Counter[str]]) -> str:
    """Incidents per year, stacked by type: also those dated only to the year."""
    years = list(range(int(min(by_year)), int(max(by_year)) + 1))
    with rc_context(_STYLE):
        fig = Figure(figsize=(9.0, 2.6))
        ax = fig.add_subplot()
        _stacked_bars(ax, list(years), [by_year.get(str(y), Counter()) for y in years], width=0.7)
        ax.set_xticks(years, [str(y) for y in years])
        ax.set_ylabel("incidents per year")
        return _svg(fig)


def grades_svg(by_grade: Counter[str]) -> str:
    """How many incidents have each corroboration grade, strongest at the top."""
    grades = [g for g in reversed(GRADES) if g in by_grade]
    counts = [by_grade[g] for g in grades]
    with rc_context(_STYLE):
        fig = Figure(figsize=(4.2, 0.4 * len(grades) + 0.8))
        ax = fig.add_subplot()
        bars = ax.barh(grades, counts, color=[GRADE_COLOURS.get(g, "#999999") for g in grades], height=0.6)
        ax.bar_label(bars, padding=3, fontsize=9)
        ax.set_xlabel("incidents")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(0, max([*counts, 1]) * 1.15)
        ax.spines["left"].set_visible(False)
        ax.tick_params(axis="y", length=0)
        return _svg(fig)
