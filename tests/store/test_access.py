"""Roles are enforced by the library, and keys follow roles (tests per role)."""

from __future__ import annotations

import pytest

from casework.errors import AccessDenied, AuthError, InputError
from casework.model import SourceIdentity
from casework.store import CaseStore, KdfParams, open_store


@pytest.fixture
def desk(admin_store: CaseStore) -> CaseStore:
    admin_store.add_source("SRC-07", SourceIdentity("SRC-07", "a real name", "a phone number", "met in 2019"))
    admin_store.add_testimony(b"testimony words", source="SRC-07")
    for name, role in (("ana", "analyst"), ("hana", "source_handler"), ("rita", "reader")):
        admin_store.add_user(name, f"{name} passphrase", role)
    return admin_store


def _as(store: CaseStore, name: str) -> CaseStore:
    return open_store(store.url, name, f"{name} passphrase")


def test_analyst_cannot_read_a_source_identity(desk: CaseStore) -> None:
    analyst = _as(desk, "ana")
    assert [s.pseudonym for s in analyst.list_sources()] == ["SRC-07"]
    with pytest.raises(AccessDenied, match="identity.read"):
        analyst.get_source_identity("SRC-07")
    with pytest.raises(AccessDenied):
        analyst.list_source_identities()
    assert analyst.get_testimony("T-0001").text == "testimony words"
    analyst.close()


def test_source_handler_reads_identities(desk: CaseStore) -> None:
    handler = _as(desk, "hana")
    assert handler.get_source_identity("SRC-07").name == "a real name"
    handler.add_source("SRC-08", SourceIdentity("SRC-08", name="another"))
    assert [i.pseudonym for i in handler.list_source_identities()] == ["SRC-07", "SRC-08"]
    with pytest.raises(AccessDenied):
        handler.save_mentions("T-0001", [])
    handler.close()


def test_reader_cannot_add_testimony_or_read_text(desk: CaseStore) -> None:
    reader = _as(desk, "rita")
    assert [t.testimony_id for t in reader.list_testimonies()] == ["T-0001"]
    with pytest.raises(AccessDenied, match="testimony.add"):
        reader.add_testimony(b"new words", source="SRC-07")
    with pytest.raises(AccessDenied):
        reader.get_testimony("T-0001")
    with pytest.raises(AccessDenied):
        reader.get_source_identity("SRC-07")
    assert reader.list_incidents() == []
    reader.close()


def test_only_admins_manage_users(desk: CaseStore) -> None:
    analyst = _as(desk, "ana")
    with pytest.raises(AccessDenied):
        analyst.add_user("eve", "eve passphrase", "admin")
    with pytest.raises(AccessDenied):
        analyst.audit_events()
    assert analyst.verify_audit().ok
    assert {u.role for u in desk.list_users()} == {"admin", "analyst", "source_handler", "reader"}
    analyst.close()


def test_wrong_passphrase_and_unknown_user_fail_alike(desk: CaseStore) -> None:
    messages = []
    for name, passphrase in (("ana", "not her passphrase"), ("nobody-here", "ana passphrase")):
        with pytest.raises(AuthError) as err:
            open_store(desk.url, name, passphrase)
        messages.append(str(err.value))
    assert messages == ["wrong username or passphrase"] * 2


def test_unknown_user_costs_the_same_key_derivation(desk: CaseStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """Same Argon2id work whether or not the account exists, so timing does not tell."""
    from casework.store import crypto

    calls: list[tuple[int, int]] = []
    real = crypto.derive_key

    def counting(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
        calls.append((params.ops, params.mem_bytes))
        return bytes(real(passphrase, salt, params))

    monkeypatch.setattr(crypto, "derive_key", counting)
    for name in ("ana", "nobody-here"):
        with pytest.raises(AuthError):
            open_store(desk.url, name, "not the passphrase")
    assert len(calls) == 2 and calls[0] == calls[1]


def test_passphrase_change_reset_and_removal(desk: CaseStore) -> None:
    analyst = _as(desk, "ana")
    analyst.change_passphrase("a brand new passphrase")
    analyst.close()
    with pytest.raises(AuthError):
        _as(desk, "ana")
    again = open_store(desk.url, "ana", "a brand new passphrase")
    assert again.get_testimony("T-0001").text == "testimony words"
    with pytest.raises(AccessDenied):
        again.set_user_passphrase("hana", "taken over passphrase")
    again.close()
    desk.set_user_passphrase("hana", "reset by the admin")
    handler = open_store(desk.url, "hana", "reset by the admin")
    assert handler.get_source_identity("SRC-07").name == "a real name"  # still holds the identity key
    handler.close()
    desk.remove_user("rita")
    with pytest.raises(AuthError):
        _as(desk, "rita")
    with pytest.raises(InputError):
        desk.remove_user("admin")


@pytest.mark.parametrize("name", ["ana", "hana", "rita"])
def test_allowed_predicts_what_the_store_refuses(desk: CaseStore, name: str) -> None:
    from casework.store import allowed

    store = _as(desk, name)
    try:
        predicted = allowed(store.user, "testimony.add")
        try:
            store.add_testimony(f"words from {name}".encode(), source="SRC-07")
            refused = False
        except AccessDenied:
            refused = True
        assert refused is not predicted
    finally:
        store.close()
