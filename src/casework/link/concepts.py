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
import unicodedata
from functools import lru_cache

__all__ = ["CONCEPTS", "concept_ids", "is_concept_word", "name_keys", "number_tokens"]

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
    "WOMEN": "women woman girl female 여성 여자 여인 처녀 주부",
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
    "SUPERSTITION": "fortune shaman superstiti 점쟁이 점술 점을 미신 무당",
    "OFFICIALS": "official cadre minister 간부 관료 고위 장관 일꾼",
    "DIPLOMACY": "envoy diplomat embassy ambassador summit negotiat interpret 외교 대사관 특사 정상회담 협상 통역",
    "CORRUPTION": "corrupt embezzl 부정부패 부패 횡령 비리",
    "ANTI_SOCIALIST": "anti-socialist reactionary 비사회주의 반사회주의 반동",
    "SPY": "spy spies espionage 간첩 첩자 스파이",
    "PARTY": "workers'_party party_member 노동당 당원",
    "UNITED_STATES": "united_states american washington 미국 워싱턴",
    "UNITED_NATIONS": "united_nations un= 유엔 국제연합",
    "JAPAN": "japan 일본",
    "COUNTERFEIT": "counterfeit forg 위조",
    "GOLD": "gold 금을 금광 금덩",
    "WEAPONS": "weapon rifle pistol ammunition 무기 총기 권총 탄약",
    "PROPAGANDA": "propaganda leaflet 삐라 전단 선전",
    "INTERNET": "internet computer 인터넷 컴퓨터",
    "PREGNANCY": "pregnan abortion 임신 낙태",
    "HUMAN_TRAFFICKING": "traffick sold_to 인신매매 팔려",
    "AGE_YOUNG": "teenage minor= 미성년",
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


# --- Numbers and names: evidence that crosses languages without a lexicon ---------------------------

_NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "두": 2, "세": 3, "네": 4, "다섯": 5, "여섯": 6, "일곱": 7, "여덟": 8, "아홉": 9, "열": 10, "스무": 20,
}  # fmt: skip
"""Number words in both languages (Korean native numerals only before a counter such as 명)."""

_NUMBER = re.compile(
    r"(?<![\d.,])(\d{1,3})(?!\d|[.,]\d)"
    r"|(?<![^\W\d_])([a-z]+)(?![^\W\d_])"
    r"|(?<![^\W\d_])(두|세|네|다섯|여섯|일곱|여덟|아홉|열|스무)\s?(?=명|사람|가족|차례|번|살|개월|년)",
    re.UNICODE,
)


def number_tokens(*texts: str | None) -> list[str]:
    """Numbers a text states, as ``#N`` tokens, the same in English and Korean.

    "18 years" and "18년", "two women" and "여성 두 명", "in her 20s" and "20대" give
    ``#18``, ``#2``, ``#20``. Four-digit numbers (years) are left out: the date
    comparison has them. ``one`` is left out too (an article more often than a count).
    """
    found: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for digits, word, native in _NUMBER.findall(text.lower()):
            value = int(digits) if digits else _NUMBER_WORDS.get(word or native)
            if value is not None and value > 1:
                found.setdefault(f"#{value}", None)
    return sorted(found)


_INITIALS = ["k", "k", "n", "t", "t", "l", "m", "p", "p", "s", "s", "", "c", "c", "c", "k", "t", "p", "h"]
_MEDIALS = ["a", "e", "ya", "ye", "o", "e", "yo", "ye", "o", "wa", "we", "e", "yo", "u", "o", "we", "wi", "yu", "u",
            "ui", "i"]  # fmt: skip
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
           "ng", "t", "t", "k", "t", "p", "t"]  # fmt: skip
_FOLDS = (
    ("tch", "c"), ("ch", "c"), ("j", "c"), ("sh", "s"), ("kh", "k"), ("th", "t"), ("ph", "p"),
    ("g", "k"), ("d", "t"), ("b", "p"), ("r", "l"), ("f", "p"), ("z", "c"), ("x", "ks"), ("q", "k"),
    ("eo", "o"), ("eu", "u"), ("oo", "u"), ("ee", "i"), ("ae", "e"), ("oe", "e"), ("wo", "o"), ("yi", "i"),
)  # fmt: skip
"""Spelling differences of the romanisation systems (McCune-Reischauer, Revised, ad hoc press
spellings) folded away: voiced and unvoiced consonants, aspiration, r/l, eo/ŏ/o, eu/ŭ/u; an r
before a consonant is silent (Park for 박)."""


def _folded_latin(word: str) -> str:
    plain = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(ch for ch in plain if "a" <= ch <= "z")
    plain = re.sub(r"r(?=[^aeiouwy]|$)", "", plain)  # Park for 박: an r before a consonant is not said
    for old, new in _FOLDS:
        plain = plain.replace(old, new)
    return re.sub(r"(.)\1+", r"\1", plain)


def _romanised(syllables: str) -> str:
    out = []
    for ch in syllables:
        code = ord(ch) - 0xAC00
        if not 0 <= code < 11172:
            return ""
        out.append(_INITIALS[code // 588] + _MEDIALS[(code % 588) // 28] + _FINALS[code % 28])
    return _folded_latin("".join(out))


_CAPITALISED_RUN = re.compile(r"(?:[A-Z][a-z]+(?:-[a-zA-Z]+)?)(?:\s+[A-Z][a-z]+(?:-[a-zA-Z]+)?){0,2}")
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]{2,}")
_MIN_NAME_KEY = 5
"""Shorter keys (kim, han, lee) are shared by too many people and words to say anything."""


def name_keys(*texts: str | None) -> list[str]:
    """People, places and units named in a text, as spelling-folded romanised keys (``~hyokcol``).

    English names are runs of capitalised words ("Kim Hyok Chol", "Hwang Min"), each
    run and its two-word parts joined; Korean words are romanised syllable by syllable,
    whole and without their last syllable (a particle: 황민이 -> hwangmin). Both sides
    are folded the same way, so 김혁철은 and "Kim Hyok-chol" share ``~kimhyokcol`` and
    하노이 and "Hanoi" share ``~hanoi``. Only meaningful across languages: within one
    language the words themselves are compared.
    """
    keys: dict[str, None] = {}

    def add(key: str) -> None:
        if len(key) >= _MIN_NAME_KEY:
            keys.setdefault("~" + key, None)

    for text in texts:
        if not text:
            continue
        for found in _CAPITALISED_RUN.finditer(text):
            words = [_folded_latin(w) for w in found.group().split()]
            before = text[: found.start()].rstrip()
            if len(words) == 1 and (not before or before[-1] in ".!?\"'“‘:|"):
                continue  # one capitalised word opening a sentence is no name
            add("".join(words))
            for i in range(len(words) - 1):
                add(words[i] + words[i + 1])
        for word in _HANGUL_WORD.findall(text):
            add(_romanised(word))
            if len(word) >= 3:
                add(_romanised(word[:-1]))
    return sorted(keys)
