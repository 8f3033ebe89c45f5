"""Who an English sentence says an incident befell, by name, to keep apart incidents of one kind.

A report of a purge tells several executions ("Vice Premier Kim Yong Jin was executed
... Ri Yong Jin was executed after ..."): the same kind, often no date or place to tell
them apart, but different people. Korean names in English are written surname first
("Kim Hyok Chol", "Jang Song-thaek"), the surname from a short, well-known list; a
report may also give only a surname ("a woman surnamed Han", "Mr Ri"). The country's
leaders are named constantly as actors, never as victims, and are left out.

Names are keys for comparison only (folded, hyphens and spaces dropped): they never
reach the mention or any output.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Named", "find_people", "victim_of"]

_SURNAMES = (
    "Kim|Ri|Rhee|Lee|Yi|Pak|Park|Choe|Choi|Chong|Jong|Jung|Jeong|Kang|Cho|Jo|Yun|Yoon|Jang|Chang|Han|Sin|Shin|"
    "Hwang|Hyon|Hyun|Pyon|Byun|Ryu|Yu|Kwon|Kwak|Song|Son|An|Ahn|Hong|Mun|Moon|Yang|Paek|Baek|Nam|Ko|Go|So|Seo|"
    "Jon|Jeon|Chon|Rim|Lim|Im|Ju|Ha|Ro|Roh|No|Noh|Min|Chin|Jin|Pae|Bae|Ho|Heo|Cha|Ku|Gu|Um|Eom|Won|Chae|Kil|"
    "Gil|Ma|Pyo|Pang|Bang|Sung|Seong|Tak|Thak|Ok|Ri|Kye|Ki|Chu|Do|To|Sok|Seok|Ryom|Yom"
)
# "Kim Hyok Chol", "Jang Song-thaek", "Ri Yong-jin": a surname and a given name of one or two syllables.
_FULL = re.compile(rf"\b(?=[A-Z])(?:{_SURNAMES})\s+[A-Z][a-z]+(?:-[a-z]+|\s+[A-Z][a-z]+)?\b")
# "Mr Ri", "a man surnamed Han", "identified by her family name of Kim", "known as Huisun".
_SHORT = re.compile(
    rf"\b(?=[Msfk])(?:(?:Mr|Mrs|Ms|Miss)\.?\s+|surnamed\s+|family\s+name\s+(?:of\s+)?|known\s+(?:only\s+)?as\s+)"
    rf"(?:{_SURNAMES}|[A-Z][a-z]+)\b"
)
_LEADERS = frozenset(
    {"kimjongun", "kimjongil", "kimilsung", "kimyojong", "moonjaein", "yoonsukyeol", "leejaemyung", "parkgeunhye",
     "leemyungbak", "kimdaejung", "rohmoohyun", "kimjuae"}
)  # fmt: skip
_TITLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss)\.?\s+|^surnamed\s+|^family\s+name\s+(?:of\s+)?|^known\s+(?:only\s+)?as\s+")


# "Kim said that police arrested ...": the named person is the speaker ("are said to have been" is not).
_SPEAKER_BETWEEN = re.compile(r";|\b(?:said|told|says|tells)\b(?!\s+to\b)")


@dataclass(frozen=True)
class Named:
    """A person's name in the text: its span and its comparison key (surname, or whole name)."""

    start: int
    end: int
    key: str


def _key(name: str) -> str:
    return re.sub(r"[^a-z]", "", _TITLE.sub("", name).lower())


def find_people(text: str, start: int = 0, end: int | None = None) -> list[Named]:
    """Names of people in ``text[start:end]`` other than the leaders, in order.

    Example:
        >>> [n.key for n in find_people("Kim Jong Un had Jang Song-thaek and Mr Ri executed.")]
        ['jangsongthaek', 'ri']
    """
    end = len(text) if end is None else end
    found = [Named(m.start(), m.end(), _key(m.group())) for m in _FULL.finditer(text, start, end)]
    taken = [(n.start, n.end) for n in found]
    for m in _SHORT.finditer(text, start, end):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            found.append(Named(m.start(), m.end(), _key(m.group())))
    return sorted((n for n in found if n.key not in _LEADERS), key=lambda n: n.start)


def victim_of(people: list[Named], cue_start: int, cue_end: int, frame_start: int, text: str) -> frozenset[str]:
    """The person a cue is about: named just after it ("executed Kim Hyok Chol"), else the
    first named before it in the sentence it is told in (the subject: "Kim Song Hye, who worked
    with Kim Hyok Chol, was sent to a camp"), else nobody."""
    after = [n for n in people if cue_end <= n.start <= cue_end + 12]
    if after:
        return frozenset({after[0].key})
    before = [n for n in people if frame_start <= n.start and n.end <= cue_start]
    if not before:
        return frozenset()
    first = before[0]
    if _SPEAKER_BETWEEN.search(text, first.end, cue_start):
        return frozenset()
    return frozenset({first.key})
