"""A small bilingual concept lexicon: evidence words in English and Korean as shared concept ids.

A Korean and an English account of one arrest share no words, but both speak of
a phone, of South Korea, of a broker. Mapping the field's everyday vocabulary
(general words of North Korean testimony, not phrases of any one account) to
concept ids gives linkage a text comparison that works across languages, and
within a language it makes "phone", "mobile" and "handset" one thing.

Matching is by word start: an English entry is a stem ("smuggl" matches
smuggling, smuggler), a Korean entry a stem that particles and endings follow
(중국 matches 중국에서, 중국으로). Entries ending in ``=`` must end the word;
entries with an underscore span two words. Short or ambiguous Korean stems are
spelled with their particle (강을, 강가) so that 강제 ("forced") is not a river.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["CONCEPTS", "concept_ids", "is_concept_word"]

CONCEPTS: dict[str, str] = {
    "PHONE": "phone cellphone mobile handset smartphone calls= text_messag "
    "휴대폰 휴대전화 손전화 전화 핸드폰 통화 문자",
    "SOUTH_KOREA": "south_kore seoul 한국 남한 남조선 남쪽 서울",
    "CHINA": "china chinese dandong yanji 중국 단둥 단동 연길",
    "RUSSIA": "russia 러시아 로씨야",
    "DRUGS": "drugs= methamphetamine meth= narcotic crystal ice= opium 마약 빙두 필로폰 아편",
    "SMUGGLING": "smuggl 밀수",
    "RELIGION": "bible church christian pray missionar religio god= 성경 교회 기독 기도 선교 종교 하나님",
    "BROKER": "broker middleman 브로커 중개",
    "WOMEN": "women woman girl 여성 여자 여인 처녀",
    "MEN": "men= man= male 남성 남자",
    "YOUTH": "young youth teen 청년 청소년 젊은",
    "CHILDREN": "child kid= kids= orphan 아이 어린이 자녀 꽃제비",
    "STUDENTS": "student pupil school universit 학생 학교 대학",
    "SOLDIERS": "soldier army military troops 군인 군대 병사 부대",
    "GUARDS": "guard 경비 초소 보초",
    "FOREIGN_MEDIA": "tv= television drama usb video film movie dvd radio song= songs= k-pop "
    "드라마 영상 영화 알판 노래 라디오 텔레비 녹화물",
    "MONEY": "money yuan dollar cash remit bribe paid= paying fine= fined 돈 위안 달러 송금 현금 뇌물 벌금",
    "BORDER": "border frontier 국경",
    "CROSSING": "cross ford 건너 도강 넘어",
    "RIVER": "river yalu tumen riverside riverbank 압록 두만 강을 강가 강변 강에 강물 강둑 강기슭",
    "BRIDGE": "bridge 철교 대교 다리를 다리에서 다리로",
    "MARKET": "market jangmadang 장마당 시장",
    "TRADE": "trader trading selling sold= sell= sells= goods 장사 팔았 팔던 팔다 팔고 판매 물건",
    "FAMILY": "famil relative parent mother father brother sister wife husband son= sons= daughter "
    "가족 부모 어머니 아버지 엄마 아빠 형제 동생 언니 오빠 누나 남편 아내 아들 딸",
    "NEIGHBOUR": "neighbo 이웃",
    "DEFECTION": "defect escap flee fled= 탈북 도주 도망 탈출",
    "SEXUAL_VIOLENCE": "rape sexual 성폭행 강간 성추행",
    "INFORMER": "inform snitch denounc 밀고 신고 고발",
    "CONFISCATION": "confiscat seized seize= 빼앗 몰수 압수",
    "FOOD": "rice corn= maize food grain hunger starv 쌀 식량 옥수수 강냉이 굶",
    "EPIDEMIC": "covid quarantin fever lockdown epidemic 코로나 격리 봉쇄 전염",
    "FACTORY": "factory factories 공장 기업소",
    "FARM": "farm 농장 농촌",
    "MINE": "mining coal mines= 탄광 광산 석탄",
    "CONSTRUCTION": "construct building_site 건설 공사",
    "FISHING": "fisher fishing boat 어민 어부 어선 고기잡이 배를",
    "METAL": "copper metal scrap 구리 파철 금속",
    "VEHICLE": "bus= buses truck lorry vehicle 버스 트럭 차량 화물차",
    "TRAIN": "train= trains= railway station 열차 기차 역전 역에서",
    "NIGHT": "night midnight dawn 밤 새벽 한밤",
    "HOSPITAL": "hospital clinic 병원 진료소",
    "MEDICINE": "medicine medical 약품 의약",
    "CUSTOMS": "customs 세관",
}
"""Concept id -> word starts in English and Korean, separated by spaces (see the module docstring)."""


_WORD_START = r"(?<![^\W\d_])"


def _alternatives(stems: list[str]) -> str:
    return "|".join(s.replace("_", r"\s+").replace("=", r"\b") for s in stems)


def _pattern(stems: list[str]) -> re.Pattern[str]:
    return re.compile(_WORD_START + "(?:" + _alternatives(stems) + ")", re.UNICODE)


_PATTERNS = {concept: _pattern(stems.split()) for concept, stems in CONCEPTS.items()}
_ONE_WORD = {concept: _pattern([s for s in stems.split() if "_" not in s]) for concept, stems in CONCEPTS.items()}
_ANY_CONCEPT = re.compile(
    _WORD_START + "(?=" + _alternatives([s for stems in CONCEPTS.values() for s in stems.split()]) + ")", re.UNICODE
)
"""Where any concept's word starts: one pass over the text instead of one per concept (six
times faster at linkage scale); only there are the concepts' own patterns tried."""


def _by_first_letter() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for concept, stems in CONCEPTS.items():
        for first in dict.fromkeys(stem[0] for stem in stems.split()):
            found.setdefault(first, []).append(concept)
    return found


_BY_FIRST_LETTER = _by_first_letter()
"""First letter of a stem -> the concepts with a stem starting with it: the only patterns that
can match where that letter begins a word (two or three instead of forty-four)."""


def concept_ids(*texts: str | None) -> list[str]:
    """The concepts the texts speak of, sorted (the same in both languages)."""
    joined = " ".join(t for t in texts if t).lower()
    if not joined:
        return []
    found: set[str] = set()
    for start in _ANY_CONCEPT.finditer(joined):
        at = start.start()
        for concept in _BY_FIRST_LETTER.get(joined[at], ()):
            if concept not in found and _PATTERNS[concept].match(joined, at):
                found.add(concept)
    return sorted(found)


@lru_cache(maxsize=262144)
def is_concept_word(word: str) -> bool:
    """Whether one word (lower case) maps to a concept; such words are compared as concepts, not as words."""
    return any(pattern.match(word) for pattern in _ONE_WORD.values())
