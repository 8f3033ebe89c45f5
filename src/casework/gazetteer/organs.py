"""State organs as perpetrators: the canonical names that mentions carry.

The agencies CSV lists organs and their sub-units (a county bowibu, a police
substation). A mention names the perpetrator at the level researchers compare
across sources, so every organ row maps to one canonical perpetrator (or to none,
for mass organisations that mobilise but are not reported as acting on victims).

A few actors that testimony names often are not state organs of North Korea
(Chinese public security, Russian authorities) or are roles rather than organs
(prison guards, factory managers); they are added here with their common English
and Korean names, as domain vocabulary, so that the gazetteer can name them too.
"""

from __future__ import annotations

from casework.gazetteer.records import Organ

__all__ = ["EXTRA_ORGANS", "EXTRA_VARIANTS", "PERPETRATORS", "perpetrator_of"]

STATE_SECURITY = "Ministry of State Security"
SOCIAL_SECURITY = "Ministry of Social Security"

PERPETRATORS: tuple[str, ...] = (
    STATE_SECURITY,
    SOCIAL_SECURITY,
    "Border guards",
    "Korean Workers' Party",
    "Socialist Patriotic Youth League",
    "Korean People's Army",
    "Non-socialist inspection group",
    "Chinese public security",
    "Russian authorities",
    "Prison authorities",
    "Court",
    "People's committee",
    "Prosecutor's office",
    "Military Security Command",
    "Workplace management",
    "Inminban head",
)

_BY_ORGAN: dict[str, str | None] = {
    "mss": STATE_SECURITY,
    "mss_provincial": STATE_SECURITY,
    "mss_bureau7": STATE_SECURITY,
    "mss_bureau27": STATE_SECURITY,
    "bureau10": None,
    "mos": SOCIAL_SECURITY,
    "mos_local": SOCIAL_SECURITY,
    "mos_bunjuso": SOCIAL_SECURITY,
    "mos_correctional": SOCIAL_SECURITY,
    "mobile_strike_force": SOCIAL_SECURITY,
    "msc": "Military Security Command",
    "kpa": "Korean People's Army",
    "kpa_gpb": "Korean People's Army",
    "rgb": "Korean People's Army",
    "border_guard": "Border guards",
    "wpk": "Korean Workers' Party",
    "wpk_cc": "Korean Workers' Party",
    "wpk_ogd": "Korean Workers' Party",
    "wpk_pad": "Korean Workers' Party",
    "wpk_discipline": "Korean Workers' Party",
    "wpk_provincial": "Korean Workers' Party",
    "youth_league": "Socialist Patriotic Youth League",
    "kyuchaldae": "Socialist Patriotic Youth League",
    "group_109": "Non-socialist inspection group",
    "grouppa_non_socialist": "Non-socialist inspection group",
    "anti_socialist_command": "Non-socialist inspection group",
    "prosecutors": "Prosecutor's office",
    "courts": "Court",
    "inminban": "Inminban head",
    "x_chinese_police": "Chinese public security",
    "x_russian_authorities": "Russian authorities",
    "x_prison_authorities": "Prison authorities",
    "x_peoples_committee": "People's committee",
    "x_workplace": "Workplace management",
}

EXTRA_ORGANS: tuple[Organ, ...] = (
    Organ(
        "x_chinese_police",
        "Chinese public security",
        "중국 공안",
        (
            "Chinese police",
            "Chinese public security",
            "Chinese public security bureau",
            "Chinese security police",
            "Chinese border police",
            "Chinese authorities",
            "Chinese side",
            "Chinese border guards",
            "gong'an",
            "gongan",
            "공안",
            "중국공안",
            "중국 공안",
            "중국 경찰",
            "변방대",
        ),
        "foreign police",
        None,
    ),
    Organ(
        "x_russian_authorities",
        "Russian authorities",
        "러시아 당국",
        ("Russian authorities", "Russian police", "Russian immigration", "러시아 당국", "러시아 경찰"),
        "foreign authorities",
        None,
    ),
    Organ(
        "x_prison_authorities",
        "Prison authorities",
        "교도관",
        (
            "prison guards",
            "prison guard",
            "prison authorities",
            "prison officials",
            "camp guards",
            "camp authorities",
            "guards at the prison",
            "guards",
            "the guards",
            "security chief",
            "교도관",
            "계호원",
            "교화소 간부",
        ),
        "prison staff",
        None,
    ),
    Organ(
        "x_peoples_committee",
        "People's committee",
        "인민위원회",
        (
            "people's committee",
            "city people's committee",
            "county people's committee",
            "city authorities",
            "local authorities",
            "인민위원회",
        ),
        "local government",
        None,
    ),
    Organ(
        "x_workplace",
        "Workplace management",
        "지배인",
        (
            "factory manager",
            "factory managers",
            "mine manager",
            "mine managers",
            "farm manager",
            "farm managers",
            "enterprise manager",
            "enterprise managers",
            "work unit manager",
            "mine management",
            "factory management",
            "farm management",
            "managers",
            "the management",
            "the farm management",
            "the enterprise",
            "head of the fishing station",
            "지배인",
            "기업소 간부",
            "작업반장",
            "농장 관리위원장",
        ),
        "workplace",
        None,
    ),
)

EXTRA_VARIANTS: dict[str, tuple[str, ...]] = {
    "mss": (
        "security police",
        "state security",
        "State Security agents",
        "state security officers",
        "bowiwon",
        "bowibu agents",
        "National Security Agency",
    ),
    "mos": (
        "MSS",
        "People's Security Bureau",
        "People's Security Department",
        "People's Security Station",
        "People's Safety Ministry",
        "police officers",
        "police officer",
        "policemen",
        "policeman",
        "Social Security",
        "안전원들",
        "보안원들",
    ),
    "wpk": (
        "party organization",
        "party organisation",
        "party officials",
        "party cadres",
        "party committee",
        "Workers' Party",
    ),
    "grouppa_non_socialist": ("inspection team", "non-socialist inspection team"),
    "border_guard": ("border soldiers", "border patrol", "coastguard", "coast guard", "coastguards", "국경경비대원"),
}


def perpetrator_of(organ_id: str) -> str | None:
    """The canonical perpetrator name an organ acts as, or None for mass organisations."""
    return _BY_ORGAN.get(organ_id)
