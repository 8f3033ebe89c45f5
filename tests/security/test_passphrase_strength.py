"""Finding 2: "12345678", "password" and eight spaces were accepted as passphrases.

Attacker: guesses a weak passphrase of any account. Checked with zxcvbn (>= 60 bits),
outside the test suite's insecure setting.
"""

from __future__ import annotations

import pytest

from casework.errors import InputError
from casework.store import FAST_TEST_KDF, init_store, open_store
from casework.store.policy import INSECURE_TESTING_ENV, KDF_FLOOR, check_passphrase


@pytest.mark.parametrize("weak", ["12345678", "password", " " * 8, "admin passphrase", "Kim Chol-su 1975"])
def test_weak_passphrases_are_refused(weak: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(INSECURE_TESTING_ENV)
    with pytest.raises(InputError, match="passphrase"):
        check_passphrase(weak)


def test_init_and_add_user_refuse_weak_and_accept_strong(store_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(INSECURE_TESTING_ENV)
    with pytest.raises(InputError, match="too easy to guess"):
        init_store(store_url, "admin", "password1", kdf=KDF_FLOOR)
    with pytest.raises(InputError, match="below the floor"):
        init_store(store_url, "admin", "violet kettle marsh drift quay", kdf=FAST_TEST_KDF)
    init_store(store_url, "admin", "violet kettle marsh drift quay", kdf=KDF_FLOOR, second_factor_roles=())
    admin = open_store(store_url, "admin", "violet kettle marsh drift quay")
    try:
        with pytest.raises(InputError, match="too easy to guess"):
            admin.add_user("rae", "12345678", "reader")
        admin.add_user("rae", "pebble lantern orbit sunlit cobalt", "reader")
    finally:
        admin.close()
