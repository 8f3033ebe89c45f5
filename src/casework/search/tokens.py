"""Words of English and Korean text as search terms, the same way for records and queries.

English is lower-cased words and numbers. Korean is agglutinative: ``혜산시에서`` must be
found by ``혜산``, so each Hangul word is split by kiwipiepy into morphemes and its
content morphemes (nouns, verb and adjective stems, roots, foreign words, numbers) are
kept, together with the word itself. Words repeat a great deal in a desk's records, so
each distinct Hangul word is analysed once per process (an LRU memo), and the words not
yet seen are sent to Kiwi in one batch.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

_WORD = re.compile(r"[0-9A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z]+)?|[\uAC00-\uD7A3]+")
_HANGUL = re.compile(r"[\uAC00-\uD7A3]")
# Kiwi's tags of morphemes that carry meaning (nouns, numerals, stems, roots, foreign words).
_CONTENT_TAGS = ("NNG", "NNP", "NR", "SN", "SL", "XR", "VV", "VA", "SH")
_MEMO_LIMIT = 200_000

_kiwi_lock = threading.Lock()
_memo: dict[str, tuple[str, ...]] = {}


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi

    return Kiwi()


def _analyse(words: list[str]) -> None:
    """Fill the memo for ``words`` (Hangul words not yet seen) with one batched Kiwi call."""
    kiwi = _kiwi()
    with _kiwi_lock:
        results = kiwi.tokenize(words) if len(words) > 1 else [kiwi.tokenize(words[0])]
        for word, morphemes in zip(words, results, strict=True):
            kept = {m.form for m in morphemes if m.tag.split("-")[0] in _CONTENT_TAGS and len(m.form) > 0}
            kept.add(word)
            if len(_memo) >= _MEMO_LIMIT:
                _memo.clear()
            _memo[word] = tuple(sorted(kept))


def terms(text: str) -> list[str]:
    """The search terms of one text, in order of appearance (repeats kept).

    Example:
        >>> terms("Arrests in Hyesan, 2023")
        ['arrests', 'in', 'hyesan', '2023']
    """
    return terms_of_many([text])[0]


def terms_of_many(texts: Iterable[str]) -> list[list[str]]:
    """:func:`terms` of many texts, with one Kiwi batch for all their new Hangul words."""
    split = [_WORD.findall(text) for text in texts]
    new = sorted({w for words in split for w in words if _HANGUL.match(w) and w not in _memo})
    for start in range(0, len(new), 20_000):
        _analyse(new[start : start + 20_000])
    out: list[list[str]] = []
    for words in split:
        found: list[str] = []
        for word in words:
            if _HANGUL.match(word):
                found.extend(_memo.get(word) or (word,))
            else:
                found.append(word.lower().replace("’", "'"))
        out.append(found)
    return out
