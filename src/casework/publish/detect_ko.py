"""Find risky details in a Korean draft (소식통 reporting style).

Korean reporting names its speaker as 소식통 (a source), 탈북민 or 본인/자신, and
attaches the speaker's details to that noun ("회령시 역전동에 사는 50대 여성 소식통").
The cues here are the Korean forms of the English ones: residence below county level
(…동/…리에 사는), an age band joined to the source noun, the day of the source's own
summons, the phone and weekday of the calls, and a relative of the source (자신의 외조카).
They count only in sentences that name a single source, so that "40대 여성 상인이
숨졌다" (the victim) is not flagged.
"""

from __future__ import annotations

import re

from casework.publish.cues_en import FICTION, Cue
from casework.publish.detect_en import Finding
from casework.publish.sentences import split_sentences, trim_span

__all__ = ["KIN", "detect_korean"]

KIN = (
    r"(?:외조카|조카|아들|딸|언니|누나|오빠|형님|형|남동생|여동생|동생|아버지|어머니|부모"
    r"|남편|아내|삼촌|이모|고모|사촌|가족|친척|손자|손녀)"
)
_SINGLE_SOURCE = re.compile(
    r"(?<!복수의 )(?<!두 )(?<!세 )(?:소식통|탈북민|제보자|취재원|정보원|증언자|본인|자신)(?!들)"
    # "취재에 응한 주민", "본지와 통화한 여성": the person who spoke to the desk.
    r"|(?:취재|인터뷰)에\s*응한\s+(?:\S+\s+){0,2}?\S*(?:주민|여성|남성|상인|노동자|농민|노인|청년|사람)(?!들)"
    r"|(?:본지|기자|취재진|우리)(?:와|에게|에)\s+(?:\S+\s+)?(?:연락|통화|제보|소식을\s+전)\S*\s+(?:\S+\s+)?"
    r"(?:주민|여성|남성|상인|노동자|농민|사람)(?!들)"
)
# "그는", "그녀의", "이 여성은": a sentence that goes on about the person just named.
_PRONOUN_START = re.compile(r"\s*(?:그는|그녀는|그도|그녀도|그의|그녀의|이\s+(?:여성|남성|주민|사람)[은는도이가])")
_NEW_PERSON = re.compile(r"또\s*다른|다른\s+소식통|두\s*번째")


def _cue(name: str, kind: str, risk: str, why: str, factor: str | None) -> Cue:
    return Cue(name, kind, risk, "segment", re.compile(""), why, factor)


_RESIDENCE = _cue(
    "ko_residence", "small_place", "high", "동·리 단위 거주지는 주민 수천 명 이하로 좁혀진다", "neighbourhood"
)
_AGE = _cue(
    "ko_age", "age", "medium", "나이대와 성별이 거주지와 합쳐지면 대상이 크게 줄어든다", "age_band"
)
_DATE = _cue(
    "ko_date", "exact_date", "high", "본인이 겪은 일의 날짜는 기관 기록과 바로 대조된다", "contact_date"
)
_CONTACT = _cue(
    "ko_contact", "contact_channel", "high", "통화 기기와 정기적인 통화 시간은 전파 탐지에 쓰인다", "device"
)
_FAMILY = _cue(
    "ko_family", "family_relation", "high", "사건 관련자와의 친척 관계로 소식통이 특정된다", "family"
)
_WORKPLACE = _cue(
    "ko_workplace", "workplace", "high", "한 일터에서 몇 년째 일하는 사람은 동료와 단골이 모두 안다", "workplace"
)
_UNIQUE = _cue(
    "ko_unique", "unique_event_role", "high", "한 사람만 맡는 역할이나 행동은 그 사람을 가리킨다", "unique"
)

_TRAIT = _cue(
    "ko_trait", "physical_trait", "high", "눈에 띄는 신체 특징은 주변 사람 누구나 알아본다", "trait"
)
_OCCUPATION = _cue(
    "ko_occupation", "occupation", "medium", "소식통의 직업은 도 단위에서도 대상을 수십 분의 일로 줄인다", "occupation"
)
_TRIP = _cue(
    "ko_trip", "other", "medium", "소식통 본인의 최근 이동은 여행증명서·출장 기록과 대조된다", "routine"
)
_VANTAGE = _cue(
    "ko_vantage", "unique_event_role", "medium", "바로 옆에서 본 사람은 몇 명뿐이다", "position"
)
# A sentence that opens with the source's relative ("딸은 ...") continues the sentences about the source.
_RELATIVE_TOPIC = re.compile(rf"\s*(?:(?:그녀?|자신|본인)의\s+)?{KIN}(?:은|는|이|가|도)\s")

_PATTERNS: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    (_RESIDENCE, re.compile(
        r"(?:\S+(?:시|군|구역)\s+)?\S+(?:동|리)에\s+(?:사는|살고\s+있는|거주하는)(?:\s+\d0대)?(?:\s+(?:여성|남성|주민|노인|청년))?"
        r"|같은\s+(?:아파트|동네|마을|인민반|골목|건물)")),
    (_AGE, re.compile(
        r"\d0대(?:\s*(?:초반|중반|후반))?(?:\s+(?:여성|남성))?(?=\s*소식통)|\d{1,2}\s*(?:살|세)(?!\s*(?:미만|이상|이하|초과|까지|부터))(?:\s+(?:여성|남성))?"
        r"|(?:스물|서른|마흔|쉰|예순|일흔|여든)(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉)?\s*살(?:\s+(?:여성|남성))?"
        # "올해 마흔셋", "나이는 52세" (but "올해 1월" is a date)
        r"|(?:올해|나이는|나이가)\s*(?:\d{1,2}(?!\s*(?:월|일|년|분기|차|번|명|개|%|\d))|(?:스물|서른|마흔|쉰|예순|일흔|여든)"
        r"(?:하나|둘|셋|넷|다섯|여섯|일곱|여덟|아홉)?)(?:\s*(?:살|세))?(?:이다|이며|이고)?"
        # "환갑을 넘긴", "칠순을 앞둔": an age told by its milestone; "50대 초반의 여성으로": an age band as predicate.
        r"|(?:환갑|회갑|칠순|고희|팔순)을?\s*(?:넘긴|앞둔|지난|맞은|넘었|앞두)\S*"
        r"|\d0대\s*(?:초반|중반|후반)?의?\s+(?:여성|남성)(?=으로|이며|이고|이다|인)")),
    (_WORKPLACE, re.compile(
        r"(?:\S+\s+)?\S+에서\s+(?:\S+(?:으로|로)\s+)?(?:일하는|근무하는|장사하는|일한다|근무한다|일하고|근무하고|일하며)"
        r"(?:\s+(?:\S+\s+)?소식통)?")),
    # "10년 넘게 같은 세관 앞에서 짐을 날라 왔다": years in one job at one place.
    (_WORKPLACE, re.compile(
        r"(?:\d+|수십|십여|여러)\s*년(?:째|\s*넘게|\s*동안|\s*이상|\s*가까이|간)\s+[^.,]{0,40}?"
        r"(?:왔다|온다|온|있다|한다|했다|일했다|해\s*왔다)")),
    (_RESIDENCE, re.compile(
        r"\S+(?:동|리)\s+(?:\S+\s+){0,3}?\S*(?:아파트|마을|주택|집|\d+층)\S*\s+(?:\S+\s+){0,3}?"
        r"(?:산다|살고|살며|거주한다|거주하며)")),
    (_WORKPLACE, re.compile(
        r"(?:\S+에서\s+)?(?:\S+\s+){0,3}?\S*(?:매대|가게|매장|작업반|직장|공장|광산|기업소|병원|학교|식당)\S*\s+"
        r"(?:\S+\s+){0,2}?(?:\d+년째|\d+년\s*동안|오래)\s*\S*(?:일해|지켜|운영해|근무해|팔아)\s*온")),
    (_DATE, re.compile(
        r"(?:(?:본인|자신)[도이가은는]?\s+)?(?:지난달|지난\s*\d{1,2}월|\d{1,2}월)\s*\d{1,2}일"
        r"[^.\"”]*?다(?=고|\.|\s|$)")),
    (_CONTACT, re.compile(
        r"(?:중국\s*)?(?:손전화|휴대폰|핸드폰|전화기?)로\s+(?:연락|(?:우리|본사|기자|취재진)(?:와|에게|에)\s*(?:통화|연락|전화))"
        r"|위챗|WeChat|카카오톡|매주\s+\S요일"
        r"|(?:손전화|휴대폰|핸드폰|전화기?)(?:로|으로)\s+(?:\S+\s+){0,3}?(?:연락|통화|알려|전해|전했|제보)"
        r"|(?:새벽|밤늦게|한밤중에?|자정)\s*(?:\d{1,2}시\S*)?\s+(?:\S+\s+){0,3}?(?:연락|통화|전화)")),
    (_FAMILY, re.compile(rf"(?:자신|본인|소식통|제보자|취재원|그녀?)의\s+{KIN}|^\s*{KIN}(?=(?:은|는|이|가|도)\s)")),
    (_TRAIT, re.compile(
        r"(?:\S+\s+){0,2}?\S*(?:흉터|화상\s*자국|문신|사마귀|반점|의족|의수|목발|지팡이)\S*(?:\s+(?:있|없|짚|남아)\S*)?"
        r"|(?:다리|팔|손가락|한쪽\s*눈|눈)(?:를|을|이)\s*(?:절|잃|다쳐|다친|못\s*쓰)\S*")),
    (_UNIQUE, re.compile(r"유일한|유일하게|혼자만|단\s+한\s+명|인민반장")),
    # "대학생 소식통", "무역일꾼 출신 소식통": the source's trade, joined to the source noun.
    (_OCCUPATION, re.compile(
        r"(?:대학생|학생|교원|교사|교수|의사|간호사|운전수|운전사|상인|장사꾼|밀수꾼|노동자|농장원|군인|간부|무역일꾼|무역업자"
        r"|보안원|보위원|연구사|기술자|여맹원|당원)\s*(?:출신의?\s*)?(?:소식통|제보자|취재원|정보원)(?!들)")),
    # "본지 통신원이 지난달 혜산에 다녀왔다": a reporter's own trip.
    (_TRIP, re.compile(
        r"(?:통신원|취재기자|특파원|기자|취재협력자)(?:가|는|이|은)?\s+(?:\S+\s+){0,4}?\S+(?:에|을|를)\s+"
        r"(?:다녀왔|다녀온|방문했|방문한|잠입했|잠입한|들어갔|머물)")),
    # "최근 평양에 다녀온 소식통", "중국에 나온 무역일꾼 소식통": the source's own trip.
    (_TRIP, re.compile(
        r"\S+(?:에|을|를)\s+(?:\S+\s+)?(?:다녀온|다녀간|방문한|갔다\s*온|나온|나와\s*있는|출장\s*온|출장을\s*온|들어온)\s+"
        r"(?:\S+\s+){0,2}?(?:소식통|제보자|취재원|정보원)(?!들)")),
    (_VANTAGE, re.compile(r"(?:자기|자신의|본인의|제)\s+\S+\s+바로\s+(?:옆|앞|뒤|맞은편)[^.]*?(?:봤|보았|목격했)다")),
)
_SENTENCE_WIDE = {"ko_contact", "ko_unique"}
# A phone the victims were caught using is the story, not the source's channel to us.
_CAUGHT = re.compile(r"단속|적발|체포|붙잡|잡혔|잡힌|걸려|걸린|혐의|처벌|검열|감청|탐지|회수|압수|끌려")
_TO_US = re.compile(r"본지|본사|기자|취재진|데일리\s*NK|데일리엔케이|자유아시아방송|RFA|우리\s*(?:방송|신문)")


def detect_korean(text: str) -> list[Finding]:
    """Korean cues in sentences that name a single source.

    Example:
        >>> [f.cue.kind for f in detect_korean("회령시 역전동에 사는 50대 여성 소식통은 말했다.")]
        ['small_place', 'age']
    """
    out: list[Finding] = []
    chain = -1
    previous_about_source = False
    for sentence in split_sentences(text):
        if sentence.heading:
            continue
        words = text[sentence.start : sentence.end]
        about_source = _SINGLE_SOURCE.search(words) is not None
        continues = previous_about_source and (
            _PRONOUN_START.match(words) is not None or _RELATIVE_TOPIC.match(words) is not None
        )
        previous_about_source = about_source or continues
        if not previous_about_source:
            continue
        if chain < 0 or _NEW_PERSON.search(words):
            chain += 1
        fiction = FICTION.search(words) is not None
        for cue, pattern in _PATTERNS:
            if fiction and cue.name == "ko_family":
                continue  # a drama's plot: its families are characters
            for match in pattern.finditer(words):
                if cue.name == "ko_contact" and _victims_phone(words, match, text[sentence.end : sentence.end + 40]):
                    continue
                start, end = sentence.start + match.start(), sentence.start + match.end()
                if cue.name in _SENTENCE_WIDE:
                    start, end = trim_span(text, sentence.start, sentence.end)
                elif cue.name == "ko_family" and _RELATIVE_TOPIC.match(words) and match.start() == 0:
                    start, end = trim_span(text, sentence.start, sentence.end)
                elif cue.name == "ko_family":
                    topic = max(words.rfind("은 ", 0, match.start()), words.rfind("는 ", 0, match.start()))
                    start = sentence.start + (topic + 2 if topic >= 0 else 0)
                out.append(Finding(start, end, cue, chain))
    return out


def _victims_phone(words: str, match: re.Match[str], following: str) -> bool:
    """Whether a phone call in a sentence about arrests is what the victims were caught doing.

    "휴대전화로 한국과 통화하다 적발된 주민" is the charge; "중국 손전화로 본지에 알려왔다" is
    the source's channel. A call counts as the source's when it is addressed to the desk.
    ``following`` is the text just after the sentence: a connective "…통화하다 적발된" can
    end a sentence for the splitter.
    """
    around = words[max(0, match.start() - 12) : match.end() + 12]
    caught = _CAUGHT.search(words) is not None or _CAUGHT.search(following) is not None
    return caught and _TO_US.search(around) is None
