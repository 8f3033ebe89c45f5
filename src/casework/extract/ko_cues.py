"""Korean cue words: what kind of incident a clause states, and how the source knows.

Each incident type is signalled by a small set of stems and nouns (체포/붙잡히/끌려가
for an arrest, 교화 N년/노동단련대 for a detention, 처형/총살 for an execution ...).
A cue carries a *priority* (when one clause has several, the most specific names the
incident: "동원에 끌려간다" is mobilisation, not arrest), whether it is *strong*
enough to stand on its own as a background modifier ("추방된 가족이 실려 왔다"), and
a *role* for cues whose meaning depends on the story around them:

- ``custody``: being held ("갇혀 있다"); after an arrest of the same people this is
  the arrest continuing, not a new detention.
- ``death``: a death ("숨졌다"); in custody it is ill-treatment, by gunfire an
  execution, otherwise not an incident by itself.
- ``beating``: "맞았다" is a beating only where people are held ("구류장에서 매일 맞았다").
- ``attendance``: people made to watch ("지켜봐야 했다", "동원돼"); part of an
  execution when one is told nearby.
- ``handover``: "넘겼다/넘겨졌다" is a forced repatriation only when Chinese police
  or 북송 are named; ``crossing``: "넘어왔다" likewise, anywhere in the testimony.

Markers of speculation, rumour and hearsay decide what is left out and the
source's relation. All patterns are fixed words with bounded gaps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "CUES",
    "CROWD",
    "CUSTODY_CONTEXT",
    "FIRST_PERSON",
    "GENERIC",
    "HEARSAY",
    "HEARSAY_FRAME",
    "OFFICIALS",
    "OFFENCE",
    "ORDER",
    "REPATRIATION_CONTEXT",
    "RUMOUR",
    "SAID_AFTER",
    "SPECULATION",
    "Cue",
    "find_cues",
]


@dataclass(frozen=True)
class Cue:
    """One cue pattern for an incident type."""

    type: str
    pattern: re.Pattern[str]
    priority: int
    strong: bool = False
    role: str = "event"


def _cue(type_: str, pattern: str, priority: int, strong: bool = False, role: str = "event") -> Cue:
    return Cue(type_, re.compile(pattern), priority, strong, role)


CUES: tuple[Cue, ...] = (
    _cue(
        "arrest",
        r"체포|붙잡[히혔힌혀]|잡혀\s?[가갔간와왔]|잡아\s?[가갔간]|잡아들|잡혔|잡힌|연행|끌려\s?[가갔간]|끌고\s?[가갔]"
        r"|데려\s?[가갔간]|붙들[려렸린]|구인[되됐돼]|구속[되됐돼]|적발[되됐돼당]|단속[되됐돼당]|단속에 걸"
        r"|들이닥|검거|압송",
        2,
        strong=True,
    ),
    _cue(
        "detention",
        r"갇혀|갇혔|갇힌|가두|가둔|가뒀|가둬|수감[되됐돼중]|수감시[키켰켜]|구금[되됐돼중]|구금시[키켰켜]|억류[되됐돼]|감금|구류[되됐돼중]|구류장에"
        r"|(?:조사|취조|심문)를\s?받|조사받|이송[되됐돼중]",
        2,
        role="custody",
    ),
    _cue(
        "detention",
        r"교화\s?\d{1,2}\s?년|교화형|노동교화|\d{1,2}\s?년\s?형|징역|복역|교화소[로에]\s?(?:가|갔|보내|끌려|수감)|단련대|관리소로|수용소로|격리[되됐돼시]"
        r"|[노로]동교양|로동교화|단련형|감화원|중형을|실형을|무기형|(?:감옥|집결소|교양소|관리소|수용소)(?:에|으로|로)\s?(?:보내|끌려|갔|가게|들어가|수감|갇)",
        3,
        strong=True,
    ),
    _cue(
        "execution",
        r"처형|총살|사살|교수형|사형[을이]? ?(?:집행|당|선고)|총을\s?(?:쏘|쐈|쏴)|총에 맞아\s?(?:숨|죽|사망)",
        5,
        strong=True,
    ),
    _cue("torture_or_ill_treatment", r"숨졌|숨진|숨지|죽었|사망[했하한]|목숨을 잃", 2, strong=True, role="death"),
    _cue(
        "torture_or_ill_treatment",
        r"(?<!포)고문(?!관|단)|구타|때리|때렸|때려|매질|폭행|(?:구둣|군홧|군화)?발로\s?(?:차|찼)|걷어차"
        r"|무릎을 꿇|벌로|벌을 세|성추행|성폭력"
        r"|세워\s?두|옷을\s?(?:다\s)?벗기|굶기|가혹\s?행위|강제\s?(?:낙태|유산)",
        4,
    ),
    _cue(
        "torture_or_ill_treatment",
        r"얻어맞|두들겨\s?맞|매를\s?맞|몰매|(?<!총에 )맞았|(?:심하게|마구|무자비하게)\s?맞"
        r"|(?<!총에 )맞아\s?(?:숨|죽|사망|병원|실려|다리|팔|갈비|뼈)",
        4,
        role="beating",
    ),
    _cue(
        "disappearance",
        r"사라졌|사라진|사라지|행방불명|행방을 알 수 없|실종|(?:종적|자취)을 감[추춘췄춰]|행방이 묘연|생사를 알 수 없",
        3,
        strong=True,
    ),
    _cue(
        "forced_repatriation",
        r"(?:북송|강제\s?송환)(?!\s?(?:대가|비용|반대|중단|문제|정책|위기|우려|가능성|저지))|송환[되됐돼]",
        5,
        strong=True,
    ),
    _cue("forced_repatriation", r"(?<!팔아)넘겨[졌지줬준]|(?<!팔아)넘겼|(?<!팔아)넘기[고었]", 4, role="handover"),
    _cue("forced_repatriation", r"넘어왔|넘어오[고는]", 3, role="crossing"),
    _cue(
        "forced_labour_or_mobilisation",
        r"지켜봐야|불려\s?나가|(?:참석|참가|관람|구경)(?:시키|시켜|시킨|하게|하도록|토록|해야)"
        r"|강제로\s?(?:참석|참가|관람|구경)",
        1,
        role="attendance",
    ),
    _cue(
        "forced_labour_or_mobilisation",
        r"동원|강제\s?노동|돌격대|건설장|공사장|복구 현장|농촌\s?지원|모내기 전투|부역"
        r"|(?:작업|노동|공사|건설|전투|지원)에\s?(?:강제로\s?)?(?:내몰|투입[되됐돼])|강제로\s?투입",
        3,
    ),
    _cue(
        "surveillance",
        r"(?<!수)감시|감청|위치 ?추적|추적기"
        r"|검열하|검열했|검열을\s?(?:하|받)|검사하|검사했|뒤지|뒤졌|수색|지켜보고|지켜봤|지켜보았|보고하라|보고하도록"
        r"|보고해야|탐지|도청|미행|지문|색출|적어\s?내|(?:누가|누구|무슨)[^.\"]{0,30}(?:적었|적어|적고|보고)",
        1,
    ),
    _cue(
        "extortion_or_bribery",
        r"뇌물|바치|바쳐|바쳤|상납|갈취|걷어\s?가|뜯어|충성자금|세외부담"
        r"|(?:돈|원|원씩|달러|위안|인민폐)(?:을|를|은|씩)?\s?(?:내|냈|주|줬|걷|뜯|요구)",
        3,
    ),
    # A trial, public or not ("재판은 지난달 문화회관에서 열렸다"); not a court (재판소) or its absence (재판 없이).
    _cue("other", r"공개\s?재판|인민\s?재판|공판|공개\s?비판|재판(?!소|\s?없이|\s?절차)", 1, role="trial"),
    _cue("extortion_or_bribery", r"빼앗|뺏|몰수[했하한해당되됐]|벌금을\s?(?:물|내|부과|매기)", 1),
    _cue("punishment_of_family", r"추방|연좌|쫓겨[나났]", 4, strong=True),
    _cue(
        "punishment_of_family",
        r"(?:부모|가족|자녀|형제|아내|남편|친척)(?:들)?(?:은|는|도|까지|이|가)?[^.\"]{0,20}"
        r"(?:자기비판|처벌[을받당]|해임|철직|출당|제명)",
        4,
    ),
    _cue(
        "other",
        r"봉쇄 때|봉쇄로|봉쇄[되됐돼]|(?:집|문) 밖에[^.\"]{0,12}(?:나가지 못|못 나가)|헐리|헐렸|철거[되됐돼하]"
        r"|총에 맞[았아](?!\s?(?:숨|죽|사망))",
        2,
    ),
)

SPECULATION = re.compile(
    r"것 같|듯하|듯이|짐작|추정|소문|가능성|위기|임박|예정|앞두고|우려|나돌|나도는"
    r"|말이 돈|말이 돌|것으로 안다|것으로 보인|것으로 보고|[할될갈을]지도? 모른다|지도 모른다|수도 있|아무리|않을까"
    r"|[할될갈]\s?것이|[할될] 것(?! 없이)|처벌할|하겠다|겠다며|라면|다면"
)
RUMOUR = re.compile(r"다는 말이 있|는 말이 있|다는 얘기가 있|다는 이야기가 있")
# What a clause ending in a single-quoted saying is: "'…추방한다'는 소문".
SAID_AFTER = re.compile(r"['’\"”]?\s?(?:는|라는|이라는|다는)\s?(?:소문|말이|얘기|이야기|설이|루머|주장)")
HEARSAY = re.compile(
    r"들었다|들었는데|들었고|들려줬|들려주었|전해 들|다고 한다|라고 한다|단다|했다고 했|다고 했다|말로는"
    r"|다는 것이다|라는 것이다"
)
FIRST_PERSON = re.compile(
    r"(?<![가-힣])(?:나는|내가|나도|저는|제가|저도|우리는|우리가|우리도|우리 |내 |제 )|직접 (?:봤|보았|목격)|목격했"
)
CUSTODY_CONTEXT = re.compile(r"구류장|교화소|단련대|관리소|수용소|감옥|집결소|구타|매질|고문|조사를 받|취조|갇혀")
# Officials who beat people in the street or at a checkpoint: a beating by them is ill-treatment too.
OFFICIALS = re.compile(r"보안원|보위원|안전원|경비대|경비병|규찰대|단속원|단속반|검열원|군인|경찰|공안")
HEARSAY_FRAME = re.compile(r"(?:에게서|한테서|에게|한테|로부터)\s?(?:들은|들었|전해 들)|들려준 (?:이야기|얘기)")
REPATRIATION_CONTEXT = re.compile(r"공안|중국 경찰|북송|송환")
# People made to watch: a crowd gathered, sent or made to look on.
CROWD = re.compile(
    r"지켜보는 가운데|(?:모인|모여든|운집한) 가운데"
    r"|지켜봐야|지켜보게|지켜보도록|참관(?:하게|시키|시켜|하도록|토록)|구경(?:하게|시키|시켜)"
    r"|집결시[키켜]"
    r"|모아\s?놓고|불러\s?모[아았]|불려\s?나[가갔와왔]|불러내|동원(?:돼|되|해|했|하|시켜|시키|된|한|됐)"
    r"|(?:참석|참가|관람)(?:시키|시켜|시킨|하게|하도록|토록|해야)|강제로\s?(?:참석|참가|관람|구경)"
)
# What follows a cue that names an offence, not what was done to someone: "살해한 혐의로", "폭행죄로".
# Also a cue a few words before the charge it belongs to: "주민을 때려 숨지게 했다는 이유로 총살됐다".
OFFENCE = re.compile(
    r"[가-힣]{0,3}\s?(?:혐의|죄[로를에가는]|죄명|죄목)"
    r"|[^\s.\"]{0,6}(?:\s[^\s.\"]{1,8}){0,2}?(?:다는|라는|[한은던])\s(?:이유|혐의|죄목|죄명|명목)으?로"
)
# What follows a cue that names an order, a rule or a warning, not an act: "체포하라는 지시를 내렸다",
# "교화소에 보낸다는 포고문이 붙었다", "처벌하도록 방침을 내렸다".
ORDER = re.compile(
    r"[^\s.\"]{0,6}(?:라는|라고|라며|도록|토록|다는)\s(?:[^\s.\"]{1,8}\s)?"
    r"(?:지시|명령|방침|포치|지침|포고|경고|엄포|법|규정|규칙)"
)
# Figures and rules, not incidents: "통계에 따르면", "…명으로 집계됐다", "…에 처할 방침이다".
GENERIC = re.compile(r"통계|집계[에되됐돼했하]|[할될]\s?방침|처벌\s?방침")


def find_cues(text: str, start: int, end: int) -> list[tuple[Cue, int, int]]:
    """Every cue in ``text[start:end]`` as (cue, start, end), in order of position."""
    found: list[tuple[Cue, int, int]] = []
    for cue in CUES:
        for match in cue.pattern.finditer(text, start, end):
            found.append((cue, match.start(), match.end()))
    found.sort(key=lambda item: (item[1], -item[0].priority))
    return found
