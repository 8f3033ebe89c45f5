"""Finding many names in text at once: folding and a trie-shaped regular expression.

Names of places and organs come in hundreds of spellings (Hoeryong, Hoeryŏng,
HOERYONG, P'yŏngyang, P’yongyang). Matching them one by one would be slow, and a
plain alternation of a thousand names makes the regex engine try every branch at
every position. Instead the names are folded (case and diacritics removed, one
character for one character so that offsets stay valid) and compiled into one
regular expression shaped like a prefix trie: at each position the engine follows
at most one path per character, so the work is bounded by the text length times the
length of the longest name, whatever the input. The pattern has no nested
quantifiers, hence no catastrophic backtracking.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = ["NameIndex", "RawMatch", "fold", "is_hangul"]

_HANGUL = re.compile("[\uac00-\ud7a3]")
# The left word boundary is checked after matching: a pattern that starts with its
# trie (not with a look-behind) lets the engine skip quickly to possible first letters.
_WORD_CHAR = re.compile(r"[a-z0-9]")
_APOSTROPHES = "'’‘ʼʻ`´"


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x41, 0x250):
        ch = chr(code)
        base = unicodedata.normalize("NFD", ch)[0].lower()
        if len(base) == 1 and base != ch:
            table[code] = base
    for ch in _APOSTROPHES:
        table[ord(ch)] = "'"
    for ch in "\u2010\u2011\u2012\u2013\u2014":
        table[ord(ch)] = "-"
    for ch in "\t\n\r\u00a0\u2009\u202f":
        table[ord(ch)] = " "
    return table


_FOLD = _build_fold_table()


def fold(text: str) -> str:
    """Lower-case, strip diacritics and unify apostrophes, keeping one character per character.

    Example:
        >>> fold("P’yŏngyang")
        "p'yongyang"
    """
    return text.translate(_FOLD)


def is_hangul(text: str) -> bool:
    """True when the text contains a Hangul syllable (Korean names need no word boundary)."""
    return any("\uac00" <= ch <= "\ud7a3" for ch in text)


def key_variants(name: str) -> set[str]:
    """The folded forms under which one written name is looked up.

    Apostrophes and hyphens are optional in practice (P'yŏngyang / Pyongyang,
    Jongo-ri / Jongori / Jongo ri), so each name yields the forms with and without them.
    """
    base = " ".join(fold(name).split())
    forms = {base}
    if "'" in base:
        forms.add(base.replace("'", ""))
    for form in list(forms):
        if "-" in form:
            forms.add(form.replace("-", " "))
            forms.add(form.replace("-", ""))
    return {f for f in forms if f}


@dataclass(frozen=True)
class RawMatch:
    """A name found in text: offsets into the original text and the folded key matched."""

    start: int
    end: int
    key: str


class _Node(dict[str, "_Node"]):
    terminal: bool = False


def _trie_pattern(keys: Iterable[str]) -> str:
    root = _Node()
    for key in keys:
        node = root
        for ch in key:
            node = node.setdefault(ch, _Node())
        node.terminal = True
    return _node_pattern(root)


def _node_pattern(node: _Node) -> str:
    # Collapse single-child chains into literals so that the pattern stays shallow.
    branches: list[str] = []
    for ch in sorted(node):
        child = node[ch]
        literal = ch
        while len(child) == 1 and not child.terminal:
            ((next_ch, next_child),) = child.items()
            literal += next_ch
            child = next_child
        rest = _node_pattern(child) if child else ""
        if rest and child.terminal:
            rest = f"(?:{rest})?"
        branches.append(re.escape(literal) + rest)
    if not branches:
        return ""
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


class NameIndex:
    """A set of names compiled for fast, longest-first, non-overlapping search.

    Latin names must stand as whole words; Hangul names need no boundary, because
    Korean attaches particles and suffixes directly (회령시에서, 도보위부).
    """

    def __init__(self, keys: Iterable[str]) -> None:
        # Two patterns, not one alternation: a pattern that starts with a plain trie lets
        # the regex engine skip ahead to possible first characters, which an
        # alternation of the two scripts would prevent (about seven times slower).
        latin = sorted({k for k in keys if k and not is_hangul(k)})
        hangul = sorted({k for k in keys if k and is_hangul(k)})
        self._regexes = [
            re.compile(pattern)
            for pattern in (
                _trie_pattern(latin) + r"(?![a-z0-9])" if latin else "",
                _trie_pattern(hangul) if hangul else "",
            )
            if pattern
        ]

    def finditer(self, text: str, folded: str | None = None) -> Iterator[RawMatch]:
        """Non-overlapping leftmost-longest matches; pass ``folded`` when already computed."""
        folded = fold(text) if folded is None else folded
        regexes = self._regexes if _HANGUL.search(folded) else self._regexes[:1]
        found = sorted(
            (
                RawMatch(m.start(), m.end(), m.group())
                for regex in regexes
                for m in regex.finditer(folded)
                if not (m.start() and _WORD_CHAR.match(folded, m.start() - 1) and _WORD_CHAR.match(folded, m.start()))
            ),
            key=lambda r: (r.start, -r.end),
        )
        last_end = -1
        for raw in found:
            if raw.start >= last_end:
                last_end = raw.end
                yield raw
