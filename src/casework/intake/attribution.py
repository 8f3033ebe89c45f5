"""Re-reports: which outlet a published report credits for its story.

Stories from inside North Korea travel: a Daily NK report is retold by Yonhap,
then by a dozen papers and content farms, each adding nothing but a credit
("Daily NK reported", "according to RFA", "데일리NK가 1일 보도했다", a wire credit
like "(Yonhap)" or "(서울=연합뉴스)"). Counted as sources, those retellings would
turn one anonymous claim into a "well-corroborated" finding. A report that credits
another outlet therefore depends on it, and corroboration counts the origin once.

Rules are general: a list of outlets (English and Korean names, acronyms only
where they are unambiguous) and the ways the genre attributes a story to one —
a verb of reporting next to the name, "according to", "told", "citing", a
wire credit or a repost line. A report that only names its own outlet ("a
source told Daily NK" in Daily NK) is no re-report. The credit found first in
the text most often is the story's origin: reports credit their main source again
and again and mention other outlets once, in passing. Picture credits and asides
("Meanwhile, RFA reported ...", "한편 ...") are skipped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["OUTLETS", "Attribution", "canonical_outlet", "credited_outlet", "credited_outlets"]

OUTLETS: dict[str, tuple[str, ...]] = {
    # Outlets that report from inside North Korea
    "Daily NK": ("Daily NK", "DailyNK", "dailynk.com", "데일리NK", "데일리엔케이", "데일리 NK"),
    "Radio Free Asia": ("Radio Free Asia", "RFA", "자유아시아방송", "자유아시아"),
    "Voice of America": ("Voice of America", "VOA", "미국의소리", "미국의 소리"),
    "Asia Press": ("Asia Press", "ASIAPRESS", "AsiaPress", "아시아프레스", "Rimjin-gang", "림진강"),
    "NK News": ("NK News", "NK Pro", "NK뉴스"),
    "Unification Media Group": ("Unification Media Group", "국민통일방송"),
    "Open Radio for North Korea": ("Open Radio for North Korea", "북한개혁방송"),
    "Free North Korea Radio": ("Free North Korea Radio", "자유북한방송"),
    "New Focus": ("New Focus International", "뉴포커스"),
    "Good Friends": ("Good Friends", "좋은벗들"),
    "NK Intellectuals Solidarity": ("NK Intellectuals Solidarity", "NK지식인연대"),
    # North Korean state media
    "KCNA": ("Korean Central News Agency", "KCNA", "조선중앙통신"),
    "Rodong Sinmun": ("Rodong Sinmun", "Rodong Shinmun", "노동신문"),
    "KCTV": ("Korean Central Television", "KCTV", "조선중앙TV", "조선중앙텔레비전"),
    # South Korean press and broadcasters
    "Yonhap": ("Yonhap", "연합뉴스"),
    "Chosun Ilbo": ("Chosun Ilbo", "Chosun", "조선일보"),
    "JoongAng Ilbo": ("JoongAng Ilbo", "Joongang Ilbo", "Korea JoongAng Daily", "JoongAng", "중앙일보"),
    "Dong-A Ilbo": ("Dong-A Ilbo", "Donga Ilbo", "동아일보"),
    "Hankyoreh": ("Hankyoreh", "한겨레"),
    "Kyunghyang Shinmun": ("Kyunghyang", "경향신문"),
    "Hankook Ilbo": ("Hankook Ilbo", "한국일보"),
    "Seoul Shinmun": ("Seoul Shinmun", "서울신문"),
    "Segye Ilbo": ("Segye Ilbo", "세계일보"),
    "Kukmin Ilbo": ("Kukmin Ilbo", "국민일보"),
    "Munhwa Ilbo": ("Munhwa Ilbo", "문화일보"),
    "Korea Herald": ("Korea Herald", "코리아헤럴드"),
    "Korea Times": ("Korea Times", "코리아타임스"),
    "News1": ("News1", "뉴스1"),
    "Newsis": ("Newsis", "뉴시스"),
    "KBS": ("KBS",),
    "MBC": ("MBC",),
    "SBS": ("SBS",),
    "YTN": ("YTN",),
    "JTBC": ("JTBC",),
    "MBN": ("MBN",),
    # Wires and foreign press
    "Reuters": ("Reuters", "로이터"),
    "Associated Press": ("Associated Press", "AP", "AP통신"),
    "AFP": ("Agence France-Presse", "AFP", "AFP통신"),
    "UPI": ("United Press International", "UPI"),
    "Xinhua": ("Xinhua", "신화통신", "신화사"),
    "Kyodo": ("Kyodo", "교도통신"),
    "NHK": ("NHK",),
    "Asahi Shimbun": ("Asahi Shimbun", "Asahi", "아사히신문"),
    "Yomiuri Shimbun": ("Yomiuri", "요미우리"),
    "Mainichi Shimbun": ("Mainichi", "마이니치"),
    "Sankei Shimbun": ("Sankei", "산케이"),
    "Global Times": ("Global Times", "환구시보"),
    "South China Morning Post": ("South China Morning Post", "SCMP"),
    "CNN": ("CNN",),
    "CNBC": ("CNBC",),
    "BBC": ("BBC",),
    "Bloomberg": ("Bloomberg", "블룸버그"),
    "New York Times": ("New York Times", "NYT", "뉴욕타임스"),
    "Washington Post": ("Washington Post", "워싱턴포스트"),
    "Wall Street Journal": ("Wall Street Journal", "WSJ", "월스트리트저널"),
    "The Guardian": ("The Guardian", "Guardian", "가디언"),
    "The Telegraph": ("The Telegraph", "Telegraph", "텔레그래프"),
    "Daily Mail": ("Daily Mail", "MailOnline", "데일리메일"),
    "The Mirror": ("Daily Mirror", "The Mirror", "Mirror", "미러"),
    "The Sun": ("The Sun",),
    "The Times": ("The Times",),
    "The Independent": ("The Independent",),
    "Sky News": ("Sky News",),
    "Fox News": ("Fox News", "폭스뉴스"),
    "NBC": ("NBC News", "NBC"),
    "CBS": ("CBS News", "CBS"),
    "ABC News": ("ABC News",),
    "Newsweek": ("Newsweek", "뉴스위크"),
    "38 North": ("38 North",),
}
"""Canonical outlet name -> names and spellings used for it in English and Korean text.

Acronyms (all capitals, at most five letters) match only in capitals and as whole
words, so "AP" is never the start of "April" and "RFA" never part of a word.
"""

_REPORT_VERBS = (
    r"report(?:s|ed)?|said|says|cited|quoted|quoting|wrote|writes|learned|has\s+learned|revealed|claimed|"
    r"noted|stated|announced|added|confirmed|first\s+reported|news\s+(?:service|agency)|korean\s+service|"
    r"korean\s+arm|correspondent"
)
_LEFT_EN = re.compile(
    r"(?:according\s+to|citing|cited\s+by|quoted\s+by|reported\s+by|reports?\s+(?:by|from|in)|told|tells|"
    r"speaking\s+to|spoke\s+to|talking\s+to|talked\s+to|interview\s+with|(?<![\w])via|source\s*:|from|courtesy\s+of)"
    r"\s+(?:(?:a|an|the)\s+)?(?:(?:recent|new|earlier|latest)\s+)?(?:reports?\s+(?:by|from|in)\s+)?(?:the\s+)?"
    r"(?:[A-Z][\w.-]*(?:'s|’s)\s+|(?:Seoul|Tokyo|U\.?S\.?|US|American|British|Japanese|Chinese|Korean|"
    r"South\s+Korean|Seoul-based|China's|Britain's|Japan's)\s+)?(?:(?:daily|newspaper|news\s+agency|broadcaster|"
    r"website|outlet|radio|media)\s+)?$",
    re.IGNORECASE,
)
_WIRE_LEFT = re.compile(
    r"(?:\(\s*|\[\s*(?:source\s*:\s*)?|\(\s*from\s+|[=/—–-]\s*|^\s*|\n\s*(?:by\s+[^\n/]{0,40}/\s*)?)$", re.I
)
_WIRE_RIGHT = re.compile(r"^\s*(?:\)|\]|news\b[^\n]{0,3}\)|,\s*[A-Z]{3,}|\s*[-—–]\s)")
_RIGHT_EN = re.compile(
    r"^(?:(?:'s|’s)\s+(?:\w+\s+){0,2}?)?(?:\s*\([^)]{1,20}\))?,?\s+(?:(?:\w+\s+){0,3}?)(?:" + _REPORT_VERBS + r")\b"
    r"|^\s+(?:report|story|article)\b",
    re.IGNORECASE,
)
_RIGHT_KO = re.compile(
    r"^(?:\s*\([^)]{1,20}\))?\s*(?:방송|통신|신문|측)?(?:이|가|은|는|의|에|에게|에서|와의|과의|와|과|도)?\s*"
    r"(?:[^\s.!?\n]+\s+){0,5}?[^\s.!?\n]*?(?:보도|전했|전한|밝혔|인용|따르면|통화|말했|알려|원문|전재|제공|기사|취재)"
)
_TOLD_KO = re.compile(r"^(?:\s*\([^)]{1,20}\))?\s*(?:에|에게|측에)\s*[\"“'‘]")
_ASIDE = re.compile(
    r"^\s*(?:한편|이와\s*별도로|meanwhile|separately|in\s+a\s+separate\s+report|earlier)\b", re.IGNORECASE
)
_CAPTION = re.compile(r"photo|pictured|image|screenshot|screengrab|footage|사진|캡처|화면", re.IGNORECASE)
_LEFT_KO = re.compile(r"(?:\[\s*|\(\s*[^()\s=]{1,6}\s*=\s*|출처\s*:?\s*|출처는\s*)$")
_NOT_OUTLET_BEFORE = re.compile(r"(?:South|North|southern|northern|puppet)\s*$", re.IGNORECASE)
_CUT = re.compile(r"\(([^)]*)\)|\[([^\]]*)\]")


def _fold(name: str) -> str:
    folded = unicodedata.normalize("NFKC", name).lower()
    return re.sub(r"[\s'’`.\-_]+", "", folded)


@dataclass(frozen=True)
class Attribution:
    """One credit of a story to an outlet: the outlet's canonical name and where the credit is."""

    outlet: str
    start: int
    end: int


def _alias_pattern(alias: str) -> str:
    escaped = re.escape(alias).replace(r"\ ", r"\s*")
    if re.fullmatch(r"[A-Z0-9]{2,5}", alias):
        return rf"(?-i:(?<![A-Za-z0-9]){escaped}(?![A-Za-z0-9]))"
    if alias.isascii():
        return rf"(?<![A-Za-z0-9]){escaped}(?![a-z0-9])"
    return escaped


@lru_cache(maxsize=1)
def _aliases() -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern over every name, longest first, and folded name -> canonical outlet."""
    canonical: dict[str, str] = {}
    names: list[str] = []
    for outlet, aliases in OUTLETS.items():
        for alias in (outlet, *aliases):
            if _fold(alias) not in canonical:
                canonical[_fold(alias)] = outlet
                names.append(alias)
    names.sort(key=len, reverse=True)
    pattern = re.compile("|".join(_alias_pattern(n) for n in names), re.IGNORECASE)
    return pattern, canonical


def canonical_outlet(name: str | None) -> str | None:
    """The canonical name of an outlet as a header gives it, or the name itself (trimmed) when unknown.

    Parenthesised notes ("The Guardian (DailyNK report)") are not the outlet's name.

    Example:
        >>> canonical_outlet("데일리NK")
        'Daily NK'
    """
    if not name or not name.strip():
        return None
    bare = _CUT.sub(" ", name).strip() or name.strip()
    pattern, canonical = _aliases()
    found = canonical.get(_fold(bare))
    if found:
        return found
    match = pattern.match(bare)
    if match and match.end() == len(bare.split("/")[0].rstrip()):
        return canonical.get(_fold(match.group(0)), bare)
    return bare


def credited_outlets(text: str, own_outlet: str | None = None) -> list[Attribution]:
    """Every credit in ``text`` of a story to an outlet other than ``own_outlet``, in text order.

    Args:
        text: the report's body.
        own_outlet: the outlet that published ``text`` (its credits to itself, as in
            "a source told Daily NK", are not re-reporting).

    Example:
        >>> [a.outlet for a in credited_outlets("Three were arrested, Daily NK reported.", "The Times")]
        ['Daily NK']
    """
    own = canonical_outlet(own_outlet)
    pattern, canonical = _aliases()
    found: list[Attribution] = []
    for match in pattern.finditer(text):
        outlet = canonical.get(_fold(match.group(0)))
        if outlet is None or outlet == own:
            continue
        start, end = match.span()
        left, right = text[max(0, start - 80) : start], text[end : end + 80]
        if _NOT_OUTLET_BEFORE.search(left) or _aside(text, start, end):
            continue
        if _credits(left, right, match.group(0)):
            found.append(Attribution(outlet, start, end))
    return found


def _aside(text: str, start: int, end: int) -> bool:
    """A picture credit ("Photo: KCNA") credits the picture; "Meanwhile, RFA reported" another story."""
    lo = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start))
    hi = min(i for i in (text.find("\n", end), text.find(". ", end), len(text)) if i >= 0)
    sentence = text[lo + 1 : hi]
    return bool(_CAPTION.search(sentence) or _ASIDE.match(sentence))


def _credits(left: str, right: str, name: str) -> bool:
    if name.isascii():
        return bool(
            _LEFT_EN.search(left)
            or _RIGHT_EN.match(right)
            or (_WIRE_LEFT.search(left) and _WIRE_RIGHT.match(right))
            or _LEFT_KO.search(left)
            or _RIGHT_KO.match(right)
            or _TOLD_KO.match(right)
        )
    return bool(
        _RIGHT_KO.match(right)
        or _TOLD_KO.match(right)
        or _LEFT_KO.search(left)
        or (_WIRE_LEFT.search(left) and _WIRE_RIGHT.match(right))
    )


def credited_outlet(text: str, own_outlet: str | None = None) -> str | None:
    """The outlet a report credits for its story (its origin), or None for an original report.

    The outlet credited most often; among equals, the one credited first. A re-report
    credits its origin again and again ("RFA reported", "a source told RFA", "the RFA
    report said") and other outlets once, in passing.
    """
    credits = credited_outlets(text, own_outlet)
    if not credits:
        return None
    counts: dict[str, int] = {}
    for credit in credits:
        counts[credit.outlet] = counts.get(credit.outlet, 0) + 1
    return max(counts, key=lambda outlet: counts[outlet])
