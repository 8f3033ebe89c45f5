"""The gazetteer: find places, organs and detention sites in text; resolve names.

Built once from the packaged CSVs (:func:`load_gazetteer` caches it). All finders
return offsets into the text as given, never into a normalised copy, so that their
spans can become evidence spans directly.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from casework.gazetteer.names import NameIndex, fold, is_hangul, key_variants
from casework.gazetteer.organs import EXTRA_ORGANS, EXTRA_VARIANTS, SOCIAL_SECURITY, STATE_SECURITY, perpetrator_of
from casework.gazetteer.records import (
    AdminUnit,
    DetentionSite,
    Organ,
    read_admin_units,
    read_detention_sites,
    read_organs,
)
from casework.model import Place

__all__ = ["Gazetteer", "OrganMatch", "PlaceMatch", "SiteMatch", "load_gazetteer"]

_KO_SUFFIXES = ("특별시", "직할시", "구역", "지구", "시", "군", "도", "구", "읍")
_EN_SUFFIXES = (" city", " county", "-si", "-gun", "-kun", "-shi")
_SOCIAL_CUES = re.compile(r"social security|people'?s security|police|anjeon|anjon|boanso", re.IGNORECASE)
_STATE_CUES = re.compile(r"state security|bowibu|security department|bowiwon|secret police", re.IGNORECASE)
_AMBIGUOUS_MSS = "mss_ambiguous"


@dataclass(frozen=True)
class PlaceMatch:
    """A place name found in text, resolved to its unit and province."""

    start: int
    end: int
    text: str
    admin_id: str
    level: str
    province: str | None
    county_or_city: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class OrganMatch:
    """An organ named in text; ``perpetrator`` is its canonical perpetrator name, if any."""

    start: int
    end: int
    text: str
    organ_id: str
    perpetrator: str | None


@dataclass(frozen=True)
class SiteMatch:
    """A detention site (or a kind of facility) named in text."""

    start: int
    end: int
    text: str
    site_id: str
    name: str
    province: str | None
    county_or_city: str | None
    perpetrator: str | None = None  # the canonical perpetrator of the organ that runs it


def mention_name(name_en: str) -> str:
    """The county or city name as mentions carry it (the corpus convention).

    The gazetteer's ``name_en`` qualifies the two Unsans with their province and writes
    the counties named after people in three words; mentions use "Unsan" and
    "Kimjongsuk", "Kimhyongjik", as the corpus gold and news indexes do.

    Example:
        >>> mention_name("Kim Jong-suk"), mention_name("Unsan (South Pyongan)"), mention_name("Sosong District")
        ('Kimjongsuk', 'Unsan', 'Sosong')
    """
    name = name_en.split(" (", 1)[0].removesuffix(" District")
    if name.startswith("Kim "):
        name = name.replace(" ", "").replace("-", "")
        name = name[0] + name[1:].lower()
    return name


class Gazetteer:
    """Places, organs and detention sites of North Korea, with every spelling we know.

    Example:
        >>> g = load_gazetteer()
        >>> g.resolve_place("Hoeryŏng")
        Place(province='North Hamgyong', county_or_city='Hoeryong', site=None)
    """

    def __init__(self, units: list[AdminUnit], organs: list[Organ], sites: list[DetentionSite]) -> None:
        self._units = {u.admin_id: u for u in units}
        self._organs = {o.organ_id: o for o in organs}
        self._sites = {s.site_id: s for s in sites}
        self._place_keys: dict[str, set[str]] = defaultdict(set)
        self._short_keys: dict[str, set[str]] = defaultdict(set)
        for unit in units:
            self._index_unit(unit)
        self._organ_keys: dict[str, set[str]] = defaultdict(set)
        for organ in organs:
            names = (organ.name_en, *organ.variants, *EXTRA_VARIANTS.get(organ.organ_id, ()))
            if " (" not in organ.name_ko:
                names = (*names, organ.name_ko)
            for name in names:
                for key in key_variants(name):
                    self._organ_keys[key].add(organ.organ_id)
        self._site_keys: dict[str, set[str]] = defaultdict(set)
        for site in sites:
            for name in (site.name_en, site.name_ko, *site.variants):
                for key in key_variants(name):
                    self._site_keys[key].add(site.site_id)
        self._place_index = NameIndex(self._place_keys)
        self._short_index = NameIndex(self._short_keys)
        self._organ_index = NameIndex(self._organ_keys)
        self._site_index = NameIndex(self._site_keys)

    def _index_unit(self, unit: AdminUnit) -> None:
        names: set[str] = {unit.name_en, unit.name_ko, *unit.variants}
        plain = unit.name_en.removesuffix(" District")
        names.add(plain)
        if unit.level == "province":
            names.update(f"{n} province" for n in (unit.name_en, *unit.variants) if not is_hangul(n))
        elif unit.level in ("city", "county", "district"):
            names.update(plain + suffix for suffix in _EN_SUFFIXES)
        for name in names:
            bare_korean = is_hangul(name) and not name.endswith(_KO_SUFFIXES) and len(name) <= 2
            for key in key_variants(name):
                (self._short_keys if bare_korean else self._place_keys)[key].add(unit.admin_id)
        if unit.name_ko_short and unit.name_ko_short != unit.name_ko:
            self._short_keys[fold(unit.name_ko_short)].add(unit.admin_id)
            self._place_keys[fold(unit.name_ko_short) + "읍"].add(unit.admin_id)

    # -- hierarchy -----------------------------------------------------------------

    def _first_level(self, unit: AdminUnit) -> AdminUnit:
        while unit.parent_id is not None:
            unit = self._units[unit.parent_id]
        return unit

    def _county_of(self, unit: AdminUnit) -> AdminUnit | None:
        """The county or city a unit belongs to (a ward of Chongjin belongs to Chongjin)."""
        if unit.parent_id is None:
            return unit if unit.level == "city" else None
        parent = self._units[unit.parent_id]
        if parent.parent_id is not None:
            return parent
        return unit

    def _place_of(self, unit: AdminUnit) -> tuple[str, str | None]:
        county = self._county_of(unit)
        return self._first_level(unit).name_en, mention_name(county.name_en) if county else None

    def _place_match(self, start: int, end: int, text: str, unit: AdminUnit) -> PlaceMatch:
        province, county = self._place_of(unit)
        return PlaceMatch(start, end, text[start:end], unit.admin_id, unit.level, province, county, unit.lat, unit.lon)

    # -- finders -------------------------------------------------------------------

    def find_places(self, text: str) -> list[PlaceMatch]:
        """Places named in the text, longest match first, without overlaps.

        Latin names must be capitalised whole words. A Korean short name (회령) counts
        only in context: right after a province name, or when the same unit is also
        named in full elsewhere in the text, because many short names are ordinary words.

        Example:
            >>> [m.county_or_city for m in load_gazetteer().find_places("arrested in Hoeryŏng City")]
            ['Hoeryong']
        """
        folded = fold(text)
        found: list[PlaceMatch] = []
        for raw in self._place_index.finditer(text, folded):
            if not is_hangul(raw.key) and not text[raw.start].isupper():
                continue
            unit = self._choose_unit(self._place_keys[raw.key], found, folded)
            if unit is not None:
                found.append(self._place_match(raw.start, raw.end, text, unit))
        named = {m.admin_id for m in found}
        taken = [(m.start, m.end) for m in found]
        for raw in self._short_index.finditer(text, folded):
            if any(s < raw.end and raw.start < e for s, e in taken):
                continue
            unit = self._short_in_context(raw.start, self._short_keys[raw.key], found, named, text)
            if unit is not None:
                found.append(self._place_match(raw.start, raw.end, text, unit))
                named.add(unit.admin_id)
        return sorted(found, key=lambda m: m.start)

    def _choose_unit(self, ids: set[str], context: list[PlaceMatch], folded: str) -> AdminUnit | None:
        if len(ids) == 1:
            return self._units[next(iter(ids))]
        provinces = {m.province for m in context}
        candidates = [self._units[i] for i in sorted(ids)]
        inside = [u for u in candidates if self._first_level(u).name_en in provinces]
        if len(inside) == 1:
            return inside[0]
        named = [u for u in candidates if fold(self._first_level(u).name_en) in folded]
        return named[0] if len(named) == 1 else None

    def _short_in_context(
        self, start: int, ids: set[str], found: list[PlaceMatch], named: set[str], text: str
    ) -> AdminUnit | None:
        before = text[max(0, start - 12) : start].rstrip()
        preceding = [m for m in found if m.end <= start and text[m.end : start].strip() == "" and m.level == "province"]
        for admin_id in sorted(ids):
            unit = self._units[admin_id]
            if admin_id in named:
                return unit
            province = self._first_level(unit).name_en
            if preceding and preceding[-1].province == province and before:
                return unit
        return None

    def find_organs(self, text: str, year: int | None = None) -> list[OrganMatch]:
        """Organs named in the text; a bare "MSS" is resolved from its surroundings.

        "MSS" means the Ministry of State Security in most English reporting, but
        since the 2020 renaming it also abbreviates the Ministry of Social Security.
        It is resolved by the other names used in the same text, then by ``year``
        (before 2020 it can only be State Security); otherwise the match has
        ``organ_id == "mss_ambiguous"`` and ``perpetrator`` None, for the caller to decide.

        Example:
            >>> [m.perpetrator for m in load_gazetteer().find_organs("the bowibu and the police")]
            ['Ministry of State Security', 'Ministry of Social Security']
        """
        folded = fold(text)
        out: list[OrganMatch] = []
        for raw in self._organ_index.finditer(text, folded):
            ids = self._organ_keys[raw.key]
            perpetrators = {perpetrator_of(i) for i in ids}
            if len(perpetrators) > 1 and perpetrators == {STATE_SECURITY, SOCIAL_SECURITY}:
                organ_id = self._resolve_mss(text, raw.start, year)
            else:
                organ_id = min(ids, key=lambda i: (len(i), i))
            out.append(OrganMatch(raw.start, raw.end, text[raw.start : raw.end], organ_id, perpetrator_of(organ_id)))
        return out

    @staticmethod
    def _resolve_mss(text: str, at: int, year: int | None) -> str:
        social = bool(_SOCIAL_CUES.search(text))
        state = bool(_STATE_CUES.search(text))
        if social and not state:
            return "mos"
        if state and not social:
            return "mss"
        if year is not None and year < 2020:
            return "mss"
        return _AMBIGUOUS_MSS

    def find_sites(self, text: str) -> list[SiteMatch]:
        """Detention sites and kinds of facility (kyohwaso No. 12, Jongo-ri, 집결소) in the text."""
        folded = fold(text)
        out: list[SiteMatch] = []
        for raw in self._site_index.finditer(text, folded):
            site = self._sites[min(self._site_keys[raw.key])]
            province: str | None = None
            county: str | None = None
            if site.admin_id and site.admin_id in self._units:
                province, county = self._place_of(self._units[site.admin_id])
            operator = perpetrator_of(site.operator_id) if site.operator_id else None
            out.append(
                SiteMatch(
                    raw.start,
                    raw.end,
                    text[raw.start : raw.end],
                    site.site_id,
                    site.name_en,
                    province,
                    county,
                    operator,
                )
            )
        return out

    # -- lookups -------------------------------------------------------------------

    def _unit_named(self, name: str, province: str | None = None) -> AdminUnit | None:
        """The one unit a spelling names (inside ``province`` when given), or None."""
        for key in key_variants(name.strip()):
            ids = self._place_keys.get(key) or self._short_keys.get(key)
            if ids and province is not None and len(ids) > 1:
                ids = {i for i in ids if self._first_level(self._units[i]).name_en == province}
            if ids and len(ids) == 1:
                return self._units[next(iter(ids))]
        return None

    def resolve_place(self, name: str) -> Place | None:
        """Any spelling of a unit -> its canonical Place (a county gives its province)."""
        unit = self._unit_named(name)
        if unit is None:
            return None
        province, county = self._place_of(unit)
        return Place(province=province, county_or_city=county)

    def province_of(self, name: str) -> str | None:
        """The canonical province of any spelling of a unit, or None if unknown."""
        unit = self._unit_named(name)
        return self._first_level(unit).name_en if unit else None

    def coordinates(self, province: str | None, county_or_city: str | None) -> tuple[float, float] | None:
        """The best known point: the county's if known inside the province, else the province's."""
        for name in (county_or_city, province):
            if not name:
                continue
            unit = self._unit_named(name, province)
            if unit is None or unit.lat is None or unit.lon is None:
                continue
            if province and self._first_level(unit).name_en != province:
                continue
            return unit.lat, unit.lon
        return None

    def population(self, name: str) -> int | None:
        """The 2008 census population where known (first-level units and cities)."""
        unit = self._unit_named(name)
        return unit.population if unit else None

    def provinces(self) -> list[str]:
        """The twelve first-level names, as mentions carry them."""
        return [u.name_en for u in self._units.values() if u.parent_id is None and u.level in ("province", "city")]

    def county_names(self) -> list[str]:
        """Every county and city below a province, as mentions carry them (for pick lists)."""
        return sorted({mention_name(u.name_en) for u in self._units.values() if u.parent_id is not None})

    def site_names(self) -> list[str]:
        """Every detention site's English name (for pick lists)."""
        return sorted({s.name_en for s in self._sites.values()})

    def organ_name(self, organ_id: str) -> str | None:
        """The English name of an organ id, or None."""
        organ = self._organs.get(organ_id)
        return organ.name_en if organ else None


@functools.cache
def load_gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process."""
    return Gazetteer(read_admin_units(), [*read_organs(), *EXTRA_ORGANS], read_detention_sites())
