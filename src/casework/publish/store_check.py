"""Checks against the store: pseudonyms, identities and verbatim testimony in a draft.

The caller passes only what the user may read (identities for admins and source
handlers), so this module never opens the store itself. Verbatim runs are found by
word n-gram overlap: a run of ``min_words`` or more consecutive words that also occurs
in a testimony is flagged, because the way a person speaks identifies them to those
who know them — and to whoever holds the recording.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from casework.model import SourceIdentity, Testimony
from casework.publish.assessment import IdentityCheck, RiskySpan
from casework.store.api import IdentityFingerprints

__all__ = [
    "MIN_SECRET_CHARS",
    "find_fingerprinted_identities",
    "find_identities",
    "find_pseudonyms",
    "find_verbatim",
    "identity_check_from",
    "secret_pattern",
    "secret_values",
]

_WORD = re.compile(r"[\w'’-]+")
_DIGITS = re.compile(r"\+?\d[\d\s().-]{5,}\d")


MIN_SECRET_CHARS = 3
"""Shorter values (an initial, a two-letter code) would match ordinary words everywhere."""


def secret_values(pseudonyms: Sequence[str], identities: Sequence[SourceIdentity] = ()) -> list[str]:
    """Every value that must never leave the desk: pseudonyms, real names and contacts.

    The one rule for what counts as a secret value (stripped, at least
    :data:`MIN_SECRET_CHARS` characters), shared by the draft check, the public
    report's guard and the public export's guard, so they can never disagree.
    """
    values = [p.strip() for p in pseudonyms if len(p.strip()) >= MIN_SECRET_CHARS]
    for identity in identities:
        values += [v.strip() for v in (identity.name, identity.contact) if v and len(v.strip()) >= MIN_SECRET_CHARS]
    return sorted(set(values), key=lambda v: (-len(v), v))


def secret_pattern(values: Sequence[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``values`` as a whole word (hyphens join words), any case."""
    if not values:
        return None
    alternatives = "|".join(re.escape(v) for v in sorted(set(values), key=lambda v: (-len(v), v)))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def find_pseudonyms(text: str, pseudonyms: Sequence[str]) -> list[RiskySpan]:
    """Every occurrence of a source pseudonym, as a whole word, any case."""
    pattern = secret_pattern(secret_values(pseudonyms))
    if pattern is None:
        return []
    return [
        RiskySpan(match.start(), match.end(), match.group(), "source_code", "high",
                  "a source pseudonym of this desk links the text to everything the source said", "")
        for match in pattern.finditer(text)
    ]


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def find_identities(text: str, identities: Sequence[SourceIdentity]) -> list[RiskySpan]:
    """Names and contact details from the identity compartment, wherever they appear.

    Phone numbers match on their digits (the last eight at least), so that spacing and
    country prefixes do not hide them.
    """
    out: list[RiskySpan] = []
    for identity in identities:
        for value, kind, why in (
            (identity.name, "other", "the real name of a source (identity compartment)"),
            (identity.contact, "contact_channel", "a contact detail of a source (identity compartment)"),
        ):
            pattern = secret_pattern(secret_values((), (SourceIdentity("", value),))) if value else None
            if pattern is None or not value:
                continue
            for match in pattern.finditer(text):
                out.append(RiskySpan(match.start(), match.end(), match.group(), kind, "high", why, ""))
            wanted = _digits(value)
            if len(wanted) >= 8:
                for match in _DIGITS.finditer(text):
                    found = _digits(match.group())
                    if len(found) >= 8 and (found.endswith(wanted[-8:]) or wanted.endswith(found[-8:])):
                        out.append(RiskySpan(match.start(), match.end(), match.group(), "contact_channel", "high",
                                             "a phone number of a source (identity compartment)", ""))
    return out


_PHRASE_WORDS = 6  # longest identity phrase looked for (a name of up to six words)
_JOINER = re.compile(r"^[ \t'’.@:/-]{1,3}$")  # what may stand between two words of one name
_HANGUL = re.compile(r"^[\uac00-\ud7a3]{2,}")
_FINGERPRINT_RISK = {
    "name": ("other", "high", "the real name of a source (identity fingerprint)"),
    "given_name": ("other", "medium", "the given name of a source (identity fingerprint)"),
    "contact": ("contact_channel", "high", "a contact detail of a source (identity fingerprint)"),
    "phone": ("contact_channel", "high", "a phone number of a source (identity fingerprint)"),
}


def find_fingerprinted_identities(text: str, fingerprints: IdentityFingerprints) -> list[RiskySpan]:
    """Names and contacts of sources in ``text``, found through keyed fingerprints.

    Works for every role: the store's :meth:`~casework.store.CaseStore.identity_fingerprints`
    answers "is this phrase a recorded identity phrase?" without revealing any identity.
    Every run of one to six adjacent words is tested, Korean words also without the
    particle that follows a name (김철수가, 김철수씨), and every phone-like digit run by
    its last eight digits.

    Example:
        spans = find_fingerprinted_identities(draft, store.identity_fingerprints())
    """
    if len(fingerprints) == 0:
        return []
    words = list(_WORD.finditer(text))
    out: list[RiskySpan] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, kind: str) -> None:
        if any(start < e and s < end for s, e in taken):
            return
        span_kind, risk, why = _FINGERPRINT_RISK[kind]
        taken.append((start, end))
        out.append(RiskySpan(start, end, text[start:end], span_kind, risk, why, ""))

    for match in _DIGITS.finditer(text):
        if fingerprints.lookup_number(match.group()):
            add(match.start(), match.end(), "phone")
    for i in range(len(words)):
        run = 1  # how many words from i on are joined closely enough to be one name
        while run < _PHRASE_WORDS and i + run < len(words):
            if not _JOINER.match(text[words[i + run - 1].end() : words[i + run].start()]):
                break
            run += 1
        for n in range(run, 0, -1):  # longest phrase first
            last = words[i + n - 1]
            start = words[i].start()
            kind = fingerprints.lookup(text[start : last.end()])
            end = last.end()
            if kind is None:
                hangul = _HANGUL.match(last.group())
                for length in range(len(last.group()) - 1, 1, -1) if hangul else ():
                    kind = fingerprints.lookup(text[start : last.start() + length])
                    if kind is not None:
                        end = last.start() + length
                        break
            if kind is not None:
                add(start, end, kind)
                break
    out.sort(key=lambda span: span.start)
    return out


def identity_check_from(
    identities: Sequence[SourceIdentity] = (), fingerprints: IdentityFingerprints | None = None
) -> IdentityCheck:
    """The identity test of a user as one call: readable identities and the store's keyed fingerprints.

    Every role holds the fingerprints (:meth:`~casework.store.CaseStore.identity_fingerprints`),
    so an analyst's text is tested against names and phones it cannot read; roles that may
    read the identity compartment are also tested against the values themselves.

    Example:
        >>> check = identity_check_from([SourceIdentity("SRC-01", name="Ri Zqx")])
        >>> [s.text for s in check("Ri Zqx was there")]
        ['Ri Zqx']
    """
    held = tuple(identities)

    def check(text: str) -> list[RiskySpan]:
        found = find_identities(text, held)
        if fingerprints is not None:
            found.extend(find_fingerprinted_identities(text, fingerprints))
        return found

    return check


def find_verbatim(
    text: str, testimonies: Sequence[Testimony], *, can_name_testimony: bool, min_words: int = 8
) -> list[RiskySpan]:
    """Runs of at least ``min_words`` words that also occur, in order, in a testimony.

    Example:
        >>> t = Testimony("T-0001", "SRC-01", "we could hear them shouting all night in the yard", "x")
        >>> [s.kind for s in find_verbatim("they said we could hear them shouting all night in the yard.", [t],
        ...                                 can_name_testimony=True)]
        ['verbatim_quote']
    """
    if not testimonies:
        return []  # nothing to compare with: skip building the draft's windows at all
    grams: dict[tuple[str, ...], str] = {}
    for testimony in testimonies:
        tokens = [w.lower() for w in _WORD.findall(testimony.text)]
        for i in range(len(tokens) - min_words + 1):
            grams.setdefault(tuple(tokens[i : i + min_words]), testimony.testimony_id)
    if not grams:
        return []
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    if len(words) < min_words:
        return []
    out: list[RiskySpan] = []
    i = 0
    while i <= len(words) - min_words:
        gram = tuple(w for _, _, w in words[i : i + min_words])
        if gram not in grams:
            i += 1
            continue
        source_id = grams[gram]
        j = i + 1
        while j <= len(words) - min_words and tuple(w for _, _, w in words[j : j + min_words]) in grams:
            j += 1
        start, end = words[i][0], words[j + min_words - 2][1]
        count = j - i + min_words - 1
        named = f"testimony {source_id}" if can_name_testimony else "a stored testimony"
        out.append(RiskySpan(start, end, text[start:end], "verbatim_quote", "high",
                             f"{count} words verbatim from {named}: the way a person speaks identifies them",
                             ""))
        i = j + min_words - 1
    return out
