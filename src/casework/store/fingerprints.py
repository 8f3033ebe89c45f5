"""Keyed fingerprints of identity words: test a draft's words against identities without reading them.

Why: an analyst (or a reader) may not read the identity compartment, yet a draft they
publish must not carry a source's recorded name or phone number. So whenever an
identity changes, a holder of the identity key writes a keyed fingerprint (BLAKE2b
MAC, 128 bits) of each identifying phrase: the whole name, the given name without
the family name, the last eight digits of a phone number, a non-numeric contact.
Every role holds the fingerprint key, so anyone who checks a draft can ask "is this
phrase one of the fingerprints?" phrase by phrase; nobody can list the phrases.

Limit (docs/security.md): whoever holds a passphrase of any role can confirm a
*guessed* name ("is Kim Chol-su a source of this desk?"). A name is a small space to
guess in; that is the price of letting every role check drafts. The table keeps no
pseudonym, so a confirmed guess does not say which source it is, and the table is
rebuilt as a whole (sorted) on every change, so row order says nothing either.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping

import sqlalchemy as sa

from casework.model import SourceIdentity

KINDS = ("name", "given_name", "contact", "phone")
_WORD = re.compile(r"\w+")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")
PHONE_DIGITS = 8  # the last eight digits identify a number whatever prefix or spacing is written
DIGEST_BYTES = 16
MAX_PHRASE_WORDS = 6


def phrase_tokens(text: str) -> list[str]:
    """Words of a phrase as fingerprinted: NFKC, case-folded, punctuation and spacing dropped."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def digits_of(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def fingerprint(key: bytes, kind_domain: str, phrase: str) -> str:
    """The keyed fingerprint of a normalised phrase; ``kind_domain`` is ``phrase`` or ``phone``."""
    mac = hashlib.blake2b(f"{kind_domain}\x00{phrase}".encode(), key=key, digest_size=DIGEST_BYTES)
    return mac.hexdigest()


def identity_phrases(identity: SourceIdentity) -> list[tuple[str, str, str]]:
    """(kind, domain, normalised phrase) for every identifying phrase of one identity."""
    out: list[tuple[str, str, str]] = []
    if identity.name:
        tokens = phrase_tokens(identity.name)
        if tokens and len("".join(tokens)) >= 2:
            out.append(("name", "phrase", " ".join(tokens)))
        given = _given_name(tokens)
        if given:
            out.append(("given_name", "phrase", given))
    if identity.contact:
        digits = digits_of(identity.contact)
        if len(digits) >= PHONE_DIGITS:
            out.append(("phone", "phone", digits[-PHONE_DIGITS:]))
        tokens = phrase_tokens(identity.contact)
        if tokens and len("".join(tokens)) >= 3 and not "".join(tokens).isdigit():
            out.append(("contact", "phrase", " ".join(tokens)))
        for token in tokens if len(tokens) > 1 else ():  # a handle is often written without its service
            if len(token) >= 5 and any(ch.isdigit() for ch in token) and not token.isdigit():
                out.append(("contact", "phrase", token))
    return out


def _given_name(tokens: list[str]) -> str | None:
    """The name without its family name, when what is left is distinctive enough to look for."""
    if len(tokens) == 1 and _HANGUL.match(tokens[0]) and len(tokens[0]) >= 3:
        return tokens[0][1:]  # 김철수 -> 철수: Korean family names are one syllable (a few are two)
    rest = tokens[1:]
    if len(rest) >= 2 or (len(rest) == 1 and len(rest[0]) >= 4):
        return " ".join(rest)
    return None


def build_rows(key: bytes, identities: Iterable[SourceIdentity]) -> list[dict[str, str]]:
    """The whole fingerprint table for these identities: deduplicated and sorted (order says nothing)."""
    found: dict[str, str] = {}
    for identity in identities:
        for kind, domain, phrase in identity_phrases(identity):
            found.setdefault(fingerprint(key, domain, phrase), kind)
    return [{"fingerprint": fp, "kind": found[fp]} for fp in sorted(found)]


class KeyedFingerprints:
    """The fingerprint set of a store and the key to test phrases against it.

    Implements :class:`casework.store.api.IdentityFingerprints`; ``repr`` hides the key.
    """

    def __init__(self, key: bytes, table: Mapping[str, str]) -> None:
        self._key = key
        self._table = dict(table)

    def __repr__(self) -> str:
        return f"<IdentityFingerprints {len(self._table)}>"

    def __len__(self) -> int:
        return len(self._table)

    def lookup(self, phrase: str) -> str | None:
        """The kind (``name``, ``given_name``, ``contact``) when ``phrase`` is an identity phrase, else ``None``."""
        if not self._table:
            return None
        tokens = phrase_tokens(phrase)
        if not tokens:
            return None
        return self._table.get(fingerprint(self._key, "phrase", " ".join(tokens)))

    def lookup_number(self, number: str) -> str | None:
        """``phone`` when the last eight digits of ``number`` are a recorded phone number, else ``None``."""
        digits = digits_of(number)
        if len(digits) < PHONE_DIGITS or not self._table:
            return None
        return self._table.get(fingerprint(self._key, "phone", digits[-PHONE_DIGITS:]))


def load(conn: sa.Connection, table: sa.Table, key: bytes) -> KeyedFingerprints:
    rows = conn.execute(sa.select(table.c.fingerprint, table.c.kind)).all()
    return KeyedFingerprints(key, {str(row.fingerprint): str(row.kind) for row in rows})
