"""The sealing façade: round trips, and refusal of anything moved, altered or under the wrong key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casework.errors import StoreCorruptError
from casework.store import FAST_TEST_KDF, crypto

KEY = bytes(range(32))


@given(st.binary(max_size=2048), st.text(min_size=1, max_size=40))
def test_seal_round_trips_and_is_bound_to_its_place(plaintext: bytes, where: str) -> None:
    sealed = crypto.seal(KEY, plaintext, where)
    assert crypto.unseal(KEY, sealed, where) == plaintext
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unseal(KEY, sealed, where + "/elsewhere")
    with pytest.raises(crypto.DecryptionFailed):
        crypto.unseal(bytes(32), sealed, where)


def test_every_flipped_bit_is_detected() -> None:
    sealed = crypto.seal(KEY, b"testimony", "testimonies/T-0001/raw")
    for index in range(len(sealed)):
        altered = bytearray(sealed)
        altered[index] ^= 0x01
        with pytest.raises(crypto.DecryptionFailed):
            crypto.unseal(KEY, bytes(altered), "testimonies/T-0001/raw")


def test_nonces_are_fresh_and_text_errors_name_the_place() -> None:
    assert crypto.seal(KEY, b"same", "x") != crypto.seal(KEY, b"same", "x")
    with pytest.raises(StoreCorruptError, match="^mentions/T-0001-1/payload failed to decrypt"):
        crypto.unseal_text(KEY, b"\x01" + bytes(60), "mentions/T-0001-1/payload")


def test_key_derivation_depends_on_salt_and_passphrase() -> None:
    salt = bytes(16)
    a = crypto.derive_key("a passphrase", salt, FAST_TEST_KDF)
    assert a == crypto.derive_key("a passphrase", salt, FAST_TEST_KDF)
    assert a != crypto.derive_key("a passphrasf", salt, FAST_TEST_KDF)
    assert a != crypto.derive_key("a passphrase", bytes(15) + b"\x01", FAST_TEST_KDF)
    assert len(a) == 32 and a.hex() not in repr(crypto.Keyring({"text": a}))


def test_content_mac_is_keyed() -> None:
    first = crypto.content_mac(crypto.content_mac_key(KEY), b"text")
    assert first == crypto.content_mac(crypto.content_mac_key(KEY), b"text")
    assert first != crypto.content_mac(crypto.content_mac_key(bytes(32)), b"text")
    assert first != crypto.sha256_hex(b"text")
