"""Rows of the packaged gazetteer CSVs as typed records.

The CSVs (``data/*.csv``, CC BY 4.0, see ``data/NOTICE.md``) are read once through
:mod:`importlib.resources`, so the gazetteer works from a wheel or a zip and never
touches the network.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from importlib import resources

__all__ = ["AdminUnit", "DetentionSite", "Organ", "read_admin_units", "read_detention_sites", "read_organs"]


@dataclass(frozen=True)
class AdminUnit:
    """A province, city, county or district of North Korea."""

    admin_id: str
    level: str
    parent_id: str | None
    name_en: str
    name_ko: str
    name_ko_short: str
    variants: tuple[str, ...]
    lat: float | None
    lon: float | None
    population: int | None


@dataclass(frozen=True)
class Organ:
    """A state, party, security or mass organ with its names over time."""

    organ_id: str
    name_en: str
    name_ko: str
    variants: tuple[str, ...]
    kind: str
    parent_id: str | None


@dataclass(frozen=True)
class DetentionSite:
    """A prison camp, prison, holding centre or a generic kind of facility."""

    site_id: str
    kind: str
    number: str | None
    name_en: str
    name_ko: str
    variants: tuple[str, ...]
    operator_id: str | None
    admin_id: str | None


def _rows(filename: str) -> list[dict[str, str]]:
    raw = resources.files("casework.gazetteer").joinpath("data", filename).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


def _split(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _float(value: str) -> float | None:
    return float(value) if value.strip() else None


def _int(value: str) -> int | None:
    return int(value) if value.strip() else None


def read_admin_units() -> list[AdminUnit]:
    """Every administrative unit in ``nk_admin.csv``."""
    return [
        AdminUnit(
            admin_id=r["id"],
            level=r["level"],
            parent_id=r["parent_id"] or None,
            name_en=r["name_en"],
            name_ko=r["name_ko"],
            name_ko_short=r["name_ko_short"],
            variants=_split(r["variants"]),
            lat=_float(r["lat"]),
            lon=_float(r["lon"]),
            population=_int(r["population"]),
        )
        for r in _rows("nk_admin.csv")
    ]


def read_organs() -> list[Organ]:
    """Every organ in ``nk_agencies.csv``."""
    return [
        Organ(
            organ_id=r["id"],
            name_en=r["name_en"],
            name_ko=r["name_ko"],
            variants=_split(r["variants"]),
            kind=r["kind"],
            parent_id=r["parent_id"] or None,
        )
        for r in _rows("nk_agencies.csv")
    ]


def read_detention_sites() -> list[DetentionSite]:
    """Every site in ``nk_detention_sites.csv``."""
    return [
        DetentionSite(
            site_id=r["id"],
            kind=r["type"],
            number=r["number"] or None,
            name_en=r["name_en"],
            name_ko=r["name_ko"],
            variants=_split(r["variants"]),
            operator_id=r["operator_id"] or None,
            admin_id=r["admin_id"] or None,
        )
        for r in _rows("nk_detention_sites.csv")
    ]
