"""Envelope encryption and key derivation: the only module that imports crypto libraries.

Threat addressed: seizure of the database file (or a backup). Everything sensitive
is sealed with XChaCha20-Poly1305 (IETF AEAD, 24-byte random nonces, so random nonces
never collide in practice) under a random 32-byte key. Those keys are never stored in
the clear: each user's copy is wrapped under a key derived from that user's passphrase
with Argon2id, whose cost is stored next to the wrapped key so it can be raised later.

Every ciphertext is bound by its associated data to where it lives (table, row id,
column). Moving a ciphertext to another row, or swapping two rows' texts, makes it
fail to decrypt instead of silently showing the wrong testimony.

Misuse to avoid: never seal two different values with the same ``where`` label in
the hope of telling them apart later; never log or print :class:`Keyring` contents;
never reuse an encryption key directly as a MAC key (use :func:`subkey`).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

import nacl.exceptions
import nacl.public
import nacl.pwhash.argon2id
from nacl import bindings
from nacl._sodium import ffi as _ffi
from nacl._sodium import lib as _sodium
from nacl.public import PrivateKey, SealedBox

from casework.errors import StoreCorruptError
from casework.store.api import KdfParams

KEY_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_KEYBYTES
NONCE_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
TAG_BYTES = bindings.crypto_aead_xchacha20poly1305_ietf_ABYTES
SALT_BYTES = nacl.pwhash.argon2id.SALTBYTES
_FORMAT = b"\x01"  # leading version byte of every sealed value, so the scheme can change later


class DecryptionFailed(Exception):
    """A sealed value did not authenticate: wrong key, wrong place, or tampered bytes."""


# The store's keys, by what they open (docs/security.md, "Key hierarchy").
KEY_NAMES: tuple[str, ...] = ("text", "records", "identity", "fingerprint", "audit", "backup")


@dataclass(frozen=True, repr=False)
class Keyring:
    """The unwrapped keys of one unlocked session (only those the role holds); ``repr`` hides them."""

    keys: Mapping[str, bytes]
    personal: bytes | None = None  # the account's own X25519 private key (pending wraps, TOTP)

    def __repr__(self) -> str:
        return f"Keyring({', '.join(sorted(self.keys))})"

    def get(self, name: str) -> bytes | None:
        return self.keys.get(name)


def random_key() -> bytes:
    """A fresh random 32-byte key from the operating system's CSPRNG."""
    return secrets.token_bytes(KEY_BYTES)


def random_salt() -> bytes:
    return secrets.token_bytes(SALT_BYTES)


def derive_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    """Argon2id: the key that wraps a user's copy of the store keys."""
    return bytes(
        nacl.pwhash.argon2id.kdf(
            KEY_BYTES,
            passphrase.encode("utf-8"),
            salt,
            opslimit=params.ops,
            memlimit=params.mem_bytes,
        )
    )


def seal(key: bytes, plaintext: bytes, where: str) -> bytes:
    """Encrypt and authenticate ``plaintext``, bound to the label ``where``.

    libsodium's XChaCha20-Poly1305 is called through PyNaCl's own cffi handle rather
    than its ``bindings`` wrapper, which formats six error messages on every call and
    so cost more than sealing a whole testimony (bench/intake.py; a store seals five
    values per testimony). The checks that matter are kept: the key's length (libsodium
    reads 32 bytes from it) and bytes in; the output is the same bytes as before
    (tests/store/test_crypto.py opens each with the public wrapper).
    """
    if len(key) != KEY_BYTES or not isinstance(plaintext, bytes):
        raise TypeError("seal needs a 32-byte key and bytes")
    nonce = secrets.token_bytes(NONCE_BYTES)
    label = _FORMAT + where.encode()
    body = _ffi.new("unsigned char[]", len(plaintext) + TAG_BYTES)
    _sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(
        body, _ffi.NULL, plaintext, len(plaintext), label, len(label), _ffi.NULL, nonce, key
    )
    return b"".join((_FORMAT, nonce, _ffi.buffer(body)))


def unseal(key: bytes, sealed: bytes, where: str) -> bytes:
    """Decrypt a value sealed by :func:`seal` for the same ``where``; raise if it does not verify."""
    sealed = bytes(sealed)
    size = len(sealed) - 1 - NONCE_BYTES - TAG_BYTES
    if len(key) != KEY_BYTES or size < 0 or sealed[:1] != _FORMAT:
        raise DecryptionFailed(where)
    label = _FORMAT + where.encode()
    plain = _ffi.new("unsigned char[]", max(size, 1))
    status = _sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
        plain, _ffi.NULL, _ffi.NULL, sealed[1 + NONCE_BYTES :], len(sealed) - 1 - NONCE_BYTES,
        label, len(label), sealed[1 : 1 + NONCE_BYTES], key,
    )
    if status != 0:
        raise DecryptionFailed(where)
    return bytes(_ffi.buffer(plain, size))


def seal_text(key: bytes, text: str, where: str) -> bytes:
    return seal(key, text.encode("utf-8"), where)


def unseal_text(key: bytes, sealed: bytes, where: str) -> str:
    """Decrypt a stored text value; an integrity failure names the place, never the content."""
    try:
        return unseal(key, sealed, where).decode("utf-8")
    except (DecryptionFailed, UnicodeDecodeError):
        raise StoreCorruptError(f"{where} failed to decrypt (tampered or wrong key)") from None


def content_mac_key(text_key: bytes) -> bytes:
    """A subkey for duplicate detection, separate from the encryption key."""
    return hmac.new(text_key, b"casework/content-mac/v1", hashlib.sha256).digest()


def mac_hex(key: bytes, message: str) -> str:
    """HMAC-SHA-256 in hex (``hmac.digest``: OpenSSL's one-shot, no HMAC object per call)."""
    return hmac.digest(key, message.encode("utf-8"), "sha256").hex()


def public_key(private: bytes) -> bytes:
    """The X25519 public key of an account's private key."""
    return bytes(PrivateKey(private).public_key)


def seal_to(public: bytes, plaintext: bytes) -> bytes:
    """Anonymous public-key encryption (libsodium sealed box): only the private key opens it."""
    return bytes(SealedBox(nacl.public.PublicKey(public)).encrypt(plaintext))


def open_sealed(private: bytes, sealed: bytes) -> bytes:
    try:
        return bytes(SealedBox(PrivateKey(private)).decrypt(sealed))
    except nacl.exceptions.CryptoError:
        raise DecryptionFailed("sealed box") from None


def subkey(key: bytes, label: str) -> bytes:
    """A key for one purpose derived from another (HMAC-SHA-256 as a PRF), never the key itself."""
    return hmac.new(key, f"casework/{label}".encode(), hashlib.sha256).digest()


def content_mac(mac_key: bytes, raw: bytes) -> str:
    """Keyed fingerprint of a testimony's bytes.

    A plain SHA-256 column would let whoever seizes the database confirm a guessed
    testimony ("did they receive this text?"); a keyed MAC does not.
    """
    return hmac.digest(mac_key, raw, "sha256").hex()


def sha256_hex(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def dummy_salt(store_id: str, username: str) -> bytes:
    """A stable fake salt for unknown users, so a failed login costs the same either way."""
    return hashlib.blake2b(f"{store_id}\x00{username}".encode(), digest_size=SALT_BYTES).digest()


def equal_digests(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())
