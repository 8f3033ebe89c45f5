"""How many people match all the details a draft gives about one source.

The estimate starts from the population of the most specific place the draft ties to
the source (2008 census figures from the gazetteer; counties, which the census
tables we have do not give, get an even share of their province's non-city
population), keeps the adults, then multiplies by the share of people who fit each
detail (``BASE_RATES``) or caps the count at the size of a small group the detail
names (``GROUP_CAPS``: one workplace, one stairwell). Details are treated as
independent and each factor is used once per source. The assumptions and where each
rate comes from are in ``docs/publication.md``; the numbers are orders of magnitude,
meant to show an editor that "a 47-year-old fish trader in Hoeryong with a son in
Seoul" is a handful of women, not to be quoted.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass

from casework.gazetteer import PlaceMatch, load_gazetteer
from casework.gazetteer.records import read_admin_units

__all__ = ["ADULT_SHARE", "BASE_RATES", "GROUP_CAPS", "NATIONAL_POPULATION", "Estimate", "estimate_anonymity_set"]

NATIONAL_POPULATION = 24_052_231  # 2008 census total
ADULT_SHARE = 0.77  # 2008 census: about 23 % were under 15
BORDER_PROVINCES = frozenset({"North Hamgyong", "Ryanggang"})

#: factor -> (share of people who fit, what it means)
BASE_RATES: dict[str, tuple[float, str]] = {
    "sex": (0.5, "one sex"),
    "age_year": (0.02, "one year of age among adults"),
    "age_band": (0.15, "one ten-year age band"),
    "occupation": (0.05, "one occupation"),
    "rare_trade": (0.002, "a rare trade"),
    "family": (0.5, "a named kind of relative"),
    "family_abroad": (0.005, "a relative in South Korea or abroad (outside the north-east border provinces)"),
    "role": (0.01, "a post one in a hundred adults holds (e.g. inminban head)"),
    "position": (0.05, "a recorded place at an event"),
    "device": (0.1, "a smuggled phone or foreign app"),
    "contact_date": (0.1, "a day-precision date of a call or summons"),
    "routine": (0.05, "a stated routine"),
    "departure": (0.0002, "leaving the country in a stated year"),
    "trait": (0.01, "a visible physical trait"),
}
BORDER_FAMILY_ABROAD = 0.05
#: factor -> (largest number of people the detail leaves, what it means)
GROUP_CAPS: dict[str, tuple[int, str]] = {
    "workplace": (300, "the staff of one workplace"),
    "micro_place": (30, "the households of one building, stairwell or a few houses"),
    "neighbourhood": (5000, "one neighbourhood (dong) or village (ri)"),
    "unique": (1, "the only person in that role at that event"),
    "rare_event": (10, "the few people who left that way that year"),
    "case_file": (30, "the people in one case file"),
    "family_in_event": (100, "the relatives of the few people the story is about"),
}


@dataclass(frozen=True)
class Estimate:
    """The anonymity set of one source and the lines that explain it."""

    size: int
    lines: tuple[str, ...]


@functools.cache
def _populations() -> dict[str, tuple[int, str, str]]:
    """admin_id -> (population, how it was obtained, display name)."""
    units = read_admin_units()
    by_id = {u.admin_id: u for u in units}
    out: dict[str, tuple[int, str, str]] = {}
    for unit in units:
        if unit.population:
            out[unit.admin_id] = (unit.population, "2008 census", unit.name_en)
    for province in (u for u in units if u.parent_id is None and u.population):
        children = [u for u in units if u.parent_id == province.admin_id]
        counted = sum(u.population or 0 for u in children)
        counties = [u for u in children if not u.population and u.level == "county"]
        if counties and province.population:
            share = max(province.population - counted, 0) // len(counties)
            for county in counties:
                out[county.admin_id] = (share, f"estimated: {province.name_en}'s non-city population / "
                                        f"{len(counties)} counties", county.name_en)
    for unit in units:
        if unit.admin_id in out or unit.parent_id is None:
            continue
        parent = by_id.get(unit.parent_id)
        if parent is not None and parent.admin_id in out:
            siblings = [u for u in units if u.parent_id == parent.admin_id]
            out[unit.admin_id] = (out[parent.admin_id][0] // max(len(siblings), 1),
                                  f"estimated: {parent.name_en} / {len(siblings)} units", unit.name_en)
    return out


_LEVEL_ORDER = {"district": 0, "county": 1, "city": 1, "other": 1, "province": 2}


@functools.lru_cache(maxsize=64)
def places_in(text: str) -> tuple[PlaceMatch, ...]:
    """Places the gazetteer finds in ``text``; the check asks about the same sentences several times per draft."""
    return tuple(load_gazetteer().find_places(text))


def place_population(texts: Iterable[str]) -> tuple[int, str, str | None, str | None]:
    """The most specific populated place named in ``texts``: (population, explanation, name, province)."""
    populations = _populations()
    best: tuple[int, int, str, str, str | None] | None = None
    for text in texts:
        for match in places_in(text):
            known = populations.get(match.admin_id)
            if known is None:
                continue
            rank = _LEVEL_ORDER.get(match.level, 2)
            if best is None or rank < best[0]:
                best = (rank, known[0], f"{known[2]} ({known[1]}: {known[0]:,})", known[2], match.province)
    if best is None:
        return NATIONAL_POPULATION, f"North Korea (2008 census: {NATIONAL_POPULATION:,})", None, None
    return best[1], best[2], best[3], best[4]


def estimate_anonymity_set(factors: Iterable[str], place_texts: Iterable[str], female: bool | None) -> Estimate:
    """Population of the source's place x adult share x the share each detail keeps, capped by small groups.

    Example:
        >>> estimate_anonymity_set(["age_year", "occupation"], ["in Hoeryong"], True).size
        59
    """
    population, place_line, _, province = place_population(place_texts)
    size = population * ADULT_SHARE
    lines = [f"{place_line}; adults (~{ADULT_SHARE:.0%}) -> {size:,.0f}"]
    used = set(factors)
    caps = sorted((GROUP_CAPS[f] for f in used if f in GROUP_CAPS), key=lambda c: c[0])
    if caps and caps[0][0] < size:
        size = float(caps[0][0])
        lines.append(f"at most {caps[0][0]:,}: {caps[0][1]}")
    if female is not None:
        size *= BASE_RATES["sex"][0]
        lines.append(f"x {BASE_RATES['sex'][0]:g} {'women' if female else 'men'}")
    for factor in sorted(used):
        if factor not in BASE_RATES:
            continue
        rate, meaning = BASE_RATES[factor]
        if factor == "family_abroad" and province in BORDER_PROVINCES:
            rate, meaning = BORDER_FAMILY_ABROAD, "a relative in South Korea (north-east border provinces)"
        size *= rate
        lines.append(f"x {rate:g} {meaning}")
    result = max(1, round(size))
    lines.append(f"≈ {result:,} {'person matches' if result == 1 else 'people match'} all these details together")
    return Estimate(result, tuple(lines))
