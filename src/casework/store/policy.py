"""Security rules that code enforces, whatever a database or a caller asks: one place for each.

* **KDF floor.** Argon2id costs below :data:`KDF_FLOOR` (OWASP's minimum for Argon2id:
  19 MiB, two passes) are refused when given, and raised to the floor when read from
  the database, so that someone who can write the database cannot weaken the wrapping
  of passphrases set from then on.
* **Passphrase strength.** At least :data:`MIN_PASSPHRASE_BITS` bits as estimated by
  zxcvbn (dictionary words, names, keyboard patterns, dates and repeats count for
  little), never fewer than 8 characters.
* **Second factor.** Admins and source handlers need TOTP by default
  (:data:`SECOND_FACTOR_ROLES`).

``CASEWORK_INSECURE_TESTING=1`` is for the test suite only: it allows the deliberately
weak :data:`casework.store.api.FAST_TEST_KDF`, keeps only the 8-character rule and
makes new stores require no second factor, so that hundreds of throwaway stores stay
fast. A real desk never sets it.
"""

from __future__ import annotations

import math
import os

from casework.errors import InputError
from casework.store.api import KdfParams

INSECURE_TESTING_ENV = "CASEWORK_INSECURE_TESTING"
KDF_FLOOR = KdfParams(ops=2, mem_bytes=19 * 1024 * 1024)
MIN_PASSPHRASE_CHARS = 8
MIN_PASSPHRASE_BITS = 60
SECOND_FACTOR_ROLES: tuple[str, ...] = ("admin", "source_handler")


def insecure_testing() -> bool:
    """True only inside the test suite (``CASEWORK_INSECURE_TESTING=1``)."""
    return os.environ.get(INSECURE_TESTING_ENV, "") not in ("", "0")


def passphrase_bits(passphrase: str, user_inputs: tuple[str, ...] = ()) -> float:
    """log2 of zxcvbn's estimate of the guesses needed (only the first 100 characters are scored)."""
    from zxcvbn import zxcvbn

    result = zxcvbn(passphrase[:100], user_inputs=list(user_inputs))
    return math.log2(max(float(result["guesses"]), 1.0))


def check_passphrase(passphrase: str, *, user_inputs: tuple[str, ...] = ()) -> None:
    """Refuse a passphrase that is short or guessable; the message says what to do, never the passphrase."""
    if not isinstance(passphrase, str) or len(passphrase) < MIN_PASSPHRASE_CHARS:
        raise InputError(f"passphrase: at least {MIN_PASSPHRASE_CHARS} characters")
    if insecure_testing():
        return
    bits = passphrase_bits(passphrase, user_inputs)
    if bits < MIN_PASSPHRASE_BITS:
        raise InputError(
            f"passphrase: too easy to guess (about {bits:.0f} bits, at least {MIN_PASSPHRASE_BITS} needed); "
            "use five or more random words"
        )


def check_kdf(params: KdfParams) -> KdfParams:
    """Refuse an Argon2id cost below the floor (given by a person or a caller)."""
    if not insecure_testing() and (params.ops < KDF_FLOOR.ops or params.mem_bytes < KDF_FLOOR.mem_bytes):
        raise InputError(
            f"key derivation cost below the floor (at least {KDF_FLOOR.ops} passes "
            f"and {KDF_FLOOR.mem_bytes // 1024} KiB of memory)"
        )
    return params


def wrapping_kdf(stored: KdfParams) -> KdfParams:
    """The cost to wrap with, from what the database says: never below the floor."""
    if insecure_testing():
        return stored
    return KdfParams(max(stored.ops, KDF_FLOOR.ops), max(stored.mem_bytes, KDF_FLOOR.mem_bytes))


def default_second_factor_roles() -> tuple[str, ...]:
    return () if insecure_testing() else SECOND_FACTOR_ROLES
