"""The sealing façade: round trips, and refusal of anything moved, altered or under the wrong key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nacl import bindings

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


@given(st.binary(max_size=4096), st.text(max_size=40))
def test_sealed_values_are_the_libsodium_construction(plaintext: bytes, where: str) -> None:
    """seal/unseal call libsodium directly: what they write opens with PyNaCl's public wrapper, and back."""
    label = b"\x01" + where.encode()
    sealed = crypto.seal(KEY, plaintext, where)
    assert sealed[:1] == b"\x01" and len(sealed) == 1 + crypto.NONCE_BYTES + len(plaintext) + crypto.TAG_BYTES
    nonce, body = sealed[1 : 1 + crypto.NONCE_BYTES], sealed[1 + crypto.NONCE_BYTES :]
    assert bindings.crypto_aead_xchacha20poly1305_ietf_decrypt(body, label, nonce, KEY) == plaintext
    theirs = b"\x01" + nonce + bindings.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, label, nonce, KEY)
    assert crypto.unseal(KEY, memoryview(theirs), where) == plaintext


def test_wrong_key_sizes_and_short_values_are_refused() -> None:
    with pytest.raises(TypeError):
        crypto.seal(KEY[:16], b"text", "x")
    with pytest.raises(TypeError):
        crypto.seal(KEY, "text", "x")  # type: ignore[arg-type]
    sealed = crypto.seal(KEY, b"", "x")
    assert crypto.unseal(KEY, sealed, "x") == b""
    for bad_key, value in ((KEY[:16], sealed), (KEY, sealed[:-1]), (KEY, b"")):
        with pytest.raises(crypto.DecryptionFailed):
            crypto.unseal(bad_key, value, "x")


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
