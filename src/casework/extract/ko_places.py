"""Places and organs in Korean text: the gazetteer, plus what Korean reporting adds.

The gazetteer finds full Korean names (회령시, 량강도) and organ names (보위부,
안전부). Korean reports also use bare short names (신의주, 평성, 혜산, 무산) that
the gazetteer accepts only in context, because many are ordinary words (연탄,
온천, 안주). Here a short name counts when Korean grammar marks it as a place: a
locative or genitive particle right after it ("평성에서", "신의주의") or a noun that
places things ("혜산 비행장", "온성 보위부", "만포 세관"). Foreign places (Chinese
border cities) and a few border crossings below the gazetteer's level (Namyang,
the Sino-Korean Friendship Bridge) are domain vocabulary kept here.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from dataclasses import dataclass

from casework.extract.ko_segments import chunks
from casework.gazetteer import load_gazetteer

__all__ = ["KoreanOrgan", "KoreanPlace", "find_korean_organs", "find_korean_places"]

_HANGUL_WORD = re.compile(r"[가-힣]{2,4}")
_HANGUL_RUN = re.compile(r"[가-힣]+")
# "혜산서": headlines drop 에 from 에서.
_PARTICLE = re.compile(r"(?:에서도|에서는|에서|서|에도|에는|에|으로|로|의|과|와|까지|부터)$")
# A place noun written onto the name ("혜산역", "무산광산에서", "청진시장"); not after an ordinary word.
_GLUED = re.compile(
    r"(?:역|항|역전|시장|장마당|세관|비행장|광산|교화소|구류장|지역|일대|시내|외곽|인근|근처)"
    r"(?:에서도|에서는|에서|서|에도|에는|에|으로|로|의|은|는|이|가)?"
)
# A name in a list of places ("청진, 회령, 무산 등"), or with its own count ("회령 3명, 무산 2명").
_LISTED = re.compile(r"\s?[,·ㆍ]\s?[가-힣]|\s등(?![가-힣])|\s\d{1,4}\s?여?\s?명")
_PLACE_NOUNS = frozenset(
    "소식통 시장 세관 비행장 보위부 안전부 보안서 보안국 주민 주민들 사람 사람들 시내 역 일대 지역 근처 쪽 외곽 교화소 "
    "구류장 다리 강가 국경 마을 읍 시당 군당 청년 여성 남성 장마당 공장 광산".split()
)
_NOT_PLACES = frozenset("남한 북한 한국 중국 조선 우리 이번 지난 이달".split())
_ORDINARY_WORDS = frozenset(
    "연탄 온천 안주 대동 신천 강남 고성 이천 영광 정주 낙원 락원 운전 증산 과일 세포 고산 고원 수동 신흥 "
    "평원 금강 천내 성천 보천 문덕 은덕 장풍 덕성 이원 회창 양덕 판교 법동 창도".split()
)
_FOREIGN = re.compile(
    r"(?:중국\s?)?(?P<city>연길|연변|도문|투먼|선양|심양|단동|단둥|장백|창바이|훈춘|용정|화룡|장춘|길림|지린|하얼빈|베이징|북경"
    r"|상하이|상해|칭다오|청도|대련|다롄|목단강|무단장|쿤밍|곤명|블라디보스토크|하바롭스크|옌지|옌볜|옌벤|룽징|허룽|창춘"
    r"|랴오닝|라오닝|요녕|지린성|길림성|헤이룽장|흑룡강|난닝|옌타이|시안)"
    r"|중국\s(?P<jian>집안|지안)|(?P<country>러시아|라오스|태국|몽골|베트남)(?=에서|에|으로|로)"
)
_FOREIGN_EN = {
    "연길": "Yanji",
    "연변": "Yanbian",
    "도문": "Tumen",
    "투먼": "Tumen",
    "선양": "Shenyang",
    "심양": "Shenyang",
    "단동": "Dandong",
    "단둥": "Dandong",
    "장백": "Changbai",
    "창바이": "Changbai",
    "훈춘": "Hunchun",
    "용정": "Longjing",
    "화룡": "Helong",
    "장춘": "Changchun",
    "길림": "Jilin",
    "지린": "Jilin",
    "하얼빈": "Harbin",
    "베이징": "Beijing",
    "북경": "Beijing",
    "상하이": "Shanghai",
    "상해": "Shanghai",
    "칭다오": "Qingdao",
    "청도": "Qingdao",
    "대련": "Dalian",
    "다롄": "Dalian",
    "목단강": "Mudanjiang",
    "무단장": "Mudanjiang",
    "쿤밍": "Kunming",
    "옌지": "Yanji",
    "옌볜": "Yanbian",
    "옌벤": "Yanbian",
    "룽징": "Longjing",
    "허룽": "Helong",
    "창춘": "Changchun",
    "랴오닝": "Liaoning",
    "라오닝": "Liaoning",
    "요녕": "Liaoning",
    "지린성": "Jilin",
    "길림성": "Jilin",
    "헤이룽장": "Heilongjiang",
    "흑룡강": "Heilongjiang",
    "난닝": "Nanning",
    "옌타이": "Yantai",
    "시안": "Xi'an",
    "곤명": "Kunming",
    "집안": "Ji'an",
    "지안": "Ji'an",
}
_RUSSIAN = frozenset({"블라디보스토크", "하바롭스크"})
_COUNTRY_EN = {"러시아": "Russia", "라오스": "Laos", "태국": "Thailand", "몽골": "Mongolia", "베트남": "Vietnam"}
_BORDER_SITES = (
    (re.compile(r"남양(?=[가-힣]{0,3}(?:\s|$|[,.]))"), "North Hamgyong", "Onsong", "Namyang"),
    (re.compile(r"조중\s?(?:우의|친선)\s?(?:교|다리)"), "North Pyongan", "Sinuiju", "Sino-Korean Friendship Bridge"),
)
_LOCAL_STATE_SECURITY = re.compile(r"(?:도|시|군)\s?$")
_EXTRA_ORGANS = (
    (re.compile(r"(?:도|시|군)?\s?보안국"), "Ministry of Social Security"),
    (re.compile(r"(?:공장|기업소|사업소|농장)(?:들)?(?:이|은|는|가|에서)(?=\s)"), "Workplace management"),
)


@dataclass(frozen=True)
class KoreanPlace:
    """A place found in Korean text; ``province`` None for places outside North Korea."""

    start: int
    end: int
    text: str
    province: str | None
    county_or_city: str | None
    site: str | None = None
    foreign: bool = False


@dataclass(frozen=True)
class KoreanOrgan:
    """An acting organ found in Korean text, with its canonical perpetrator name."""

    start: int
    end: int
    text: str
    perpetrator: str


@functools.lru_cache(maxsize=4096)
def _short_name(word: str) -> tuple[str, str | None] | None:
    if word in _NOT_PLACES:
        return None
    place = load_gazetteer().resolve_place(word)
    if place is None or place.province is None:
        return None
    return place.province, place.county_or_city


def _is_noun_word(word: str) -> bool:
    """A following word that names a thing (not a verb form), judged by its ending."""
    return len(word) >= 2 and _HANGUL_WORD.match(word) is not None and not word.endswith(("다", "고", "서", "며", "면"))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` overlaps one of the sorted, disjoint ``spans``."""
    i = bisect_right(spans, (start, end))
    return any(0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1] for j in (i - 1, i))


def _short_places(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[KoreanPlace]:
    out: list[KoreanPlace] = []
    for match in _HANGUL_WORD.finditer(text, start, end):
        if match.start() > 0 and "\uac00" <= text[match.start() - 1] <= "\ud7a3":
            continue
        if _overlaps(taken, match.start(), match.end()):
            continue
        word = match.group(0)
        found = _HANGUL_RUN.match(text, match.start(), min(end, match.start() + 12))
        run = found.group(0) if found else word
        for size in range(len(word), 1, -1):
            name, rest = word[:size], word[size:]
            resolved = _short_name(name)
            if resolved is None:
                continue
            glued = bool(rest) and name not in _ORDINARY_WORDS and _GLUED.fullmatch(run, size) is not None
            if rest and not _PARTICLE.fullmatch(rest) and not glued:
                continue
            listed = not rest and name not in _ORDINARY_WORDS and _LISTED.match(text, match.end()) is not None
            if not rest and not listed and text[match.end() : match.end() + 1] != " ":
                continue
            if not rest and not listed:
                following = text[match.end() + 1 : match.end() + 10].split(" ", 1)[0].rstrip(",.은는이가을를에의도서")
                if following not in _PLACE_NOUNS and (name in _ORDINARY_WORDS or not _is_noun_word(following)):
                    continue
            out.append(KoreanPlace(match.start(), match.start() + size, name, resolved[0], resolved[1]))
            break
    return out


def find_korean_places(text: str, start: int = 0, end: int | None = None) -> list[KoreanPlace]:
    """Places in ``text[start:end]``, North Korean and foreign, in order, without overlaps.

    The gazetteer sees the whole range at once, so that a short name is accepted
    when its full form appears elsewhere in the testimony.

    Example:
        >>> [p.county_or_city for p in find_korean_places("평성 옥전시장에서 단속됐다")]
        ['Pyongsong']
    """
    stop = len(text) if end is None else end
    found: list[KoreanPlace] = []
    for chunk_start, chunk_end in chunks(text, start, stop):
        found.extend(_places_in(text, chunk_start, chunk_end))
    return found


def _places_in(text: str, start: int, stop: int) -> list[KoreanPlace]:
    chunk = text[start:stop]
    found: list[KoreanPlace] = []
    for site_pattern, province, county, site in _BORDER_SITES:
        for match in site_pattern.finditer(text, start, stop):
            found.append(KoreanPlace(match.start(), match.end(), match.group(0), province, county, site))
    for match in _FOREIGN.finditer(text, start, stop):
        city = match.group("city") or match.group("jian")
        if city:
            country = "Russia" if city in _RUSSIAN else "China"
            site = f"{_FOREIGN_EN.get(city, city)}, {country}"
        else:
            site = _COUNTRY_EN[match.group("country")]
        found.append(KoreanPlace(match.start(), match.end(), match.group(0), None, None, site, foreign=True))
    taken = sorted((p.start, p.end) for p in found)
    gazetteer = load_gazetteer()
    for m in gazetteer.find_places(chunk):
        if not _overlaps(taken, start + m.start, start + m.end):
            found.append(KoreanPlace(start + m.start, start + m.end, m.text, m.province, m.county_or_city))
    for s in gazetteer.find_sites(chunk):
        if s.province is not None and not _overlaps(taken, start + s.start, start + s.end):
            found.append(KoreanPlace(start + s.start, start + s.end, s.text, s.province, s.county_or_city, s.name))
    found.sort(key=lambda p: p.start)
    kept: list[KoreanPlace] = []
    for place in found:
        if not kept or place.start >= kept[-1].end:
            kept.append(place)
    taken = [(p.start, p.end) for p in kept]
    kept.extend(_short_places(text, start, stop, taken))
    kept.sort(key=lambda p: p.start)
    return kept


def find_korean_organs(text: str, start: int = 0, end: int | None = None, year: int | None = None) -> list[KoreanOrgan]:
    """Organs that act in ``text[start:end]``, in order.

    One-syllable gazetteer names (당 for the party) are skipped: in running Korean
    they are parts of other words far more often than names. A provincial, city or
    county "보위국" is the local State Security bureau (the name since 2016), not the
    army's Military Security Command.
    """
    stop = len(text) if end is None else end
    out: list[KoreanOrgan] = []
    for chunk_start, chunk_end in chunks(text, start, stop):
        out.extend(_organs_in(text, chunk_start, chunk_end, year))
    return out


def _organs_in(text: str, start: int, stop: int, year: int | None) -> list[KoreanOrgan]:
    chunk = text[start:stop]
    out: list[KoreanOrgan] = []
    for m in load_gazetteer().find_organs(chunk, year):
        if m.perpetrator is None or len(m.text.strip()) < 2:
            continue
        perpetrator = m.perpetrator
        if m.text == "보위국" and _LOCAL_STATE_SECURITY.search(chunk, max(0, m.start - 3), m.start):
            perpetrator = "Ministry of State Security"
        out.append(KoreanOrgan(start + m.start, start + m.end, m.text, perpetrator))
    out.sort(key=lambda o: o.start)
    taken = [(o.start, o.end) for o in out]
    for pattern, perpetrator in _EXTRA_ORGANS:
        for match in pattern.finditer(text, start, stop):
            if not _overlaps(taken, match.start(), match.end()):
                out.append(KoreanOrgan(match.start(), match.end(), match.group(0), perpetrator))
    out.sort(key=lambda o: o.start)
    return out
