"""Finding 6: TOTP secrets under the shared key, an uncounted fifth wrong code, lock-out, optional TOTP.

Attackers: an admin (or anyone with an admin's keys) reading another account's TOTP
secret from the database; someone who phished a passphrase guessing codes, then using
up the limit so the real user cannot log in; an admin account used without TOTP.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyotp
import pytest
import sqlalchemy as sa
from click.testing import CliRunner
from flask.testing import FlaskClient
from tests.web.desk import PASSPHRASES, csrf_token, login, seed_store

from casework.cli import main
from casework.store import FAST_TEST_KDF, KdfParams, crypto, init_store, open_store
from casework.store.engine import create_store_engine
from casework.store.keys import decode_keys, keys_where
from casework.web import create_app


def _enrol(path: str, user: str) -> str:
    store = open_store(path, user, PASSPHRASES[user])
    secret = pyotp.random_base32()
    store.set_totp_secret(secret)
    store.close()
    return secret


def _wrong(secret: str) -> str:
    return f"{(int(pyotp.TOTP(secret).now()) + 500_000) % 1_000_000:06d}"


def test_an_admin_with_the_database_cannot_read_another_accounts_totp(tmp_path: Path) -> None:
    path = str(tmp_path / "desk.db")
    seed_store(path)
    _enrol(path, "ana")
    engine = create_store_engine(path, must_exist=True)
    try:
        with engine.connect() as conn:
            query = "SELECT salt, kdf_ops, kdf_mem, keys_ct FROM users WHERE username='admin'"
            admin = conn.execute(sa.text(query)).one()
            (totp_ct,) = conn.execute(sa.text("SELECT totp_ct FROM users WHERE username='ana'")).one()
    finally:
        engine.dispose()
    wrapping = crypto.derive_key(PASSPHRASES["admin"], bytes(admin.salt), KdfParams(admin.kdf_ops, admin.kdf_mem))
    keys = decode_keys(crypto.unseal(wrapping, bytes(admin.keys_ct), keys_where("admin", "admin", 1)))
    for key in keys.values():
        for candidate in (key, crypto.subkey(key, "totp")):
            with pytest.raises(crypto.DecryptionFailed):
                crypto.unseal(candidate, bytes(totp_ct), "users/ana/totp")


def _fresh_client(path: str) -> FlaskClient:
    app = create_app(path, TESTING=True, SECRET_KEY="test-secret-key")
    return app.test_client()


def _code_attempt(client: FlaskClient, code: str, *, new_login: bool) -> int:
    if new_login:
        token = csrf_token(client)
        client.post("/login", data={"username": "ana", "passphrase": PASSPHRASES["ana"], "csrf_token": token})
    token = csrf_token(client, "/login/second-factor")
    return int(client.post("/login/second-factor", data={"code": code, "csrf_token": token}).status_code)


def test_every_wrong_code_counts_and_a_known_browser_is_not_locked_out(tmp_path: Path) -> None:
    path = str(tmp_path / "desk.db")
    seed_store(path)
    secret = _enrol(path, "ana")
    app = create_app(path, TESTING=True, SECRET_KEY="test-secret-key")
    real, attacker = app.test_client(), app.test_client()
    # the real user logged in from this browser before: it carries a device cookie
    assert _code_attempt(real, pyotp.TOTP(secret).now(), new_login=True) == 302
    real.post("/logout", data={"csrf_token": csrf_token(real, "/")})
    statuses = [_code_attempt(attacker, _wrong(secret), new_login=(n == 0)) for n in range(5)]
    assert statuses == [401, 401, 401, 401, 302]  # the fifth ends the pending login with a redirect ...
    assert _code_attempt(attacker, _wrong(secret), new_login=True) == 429  # ... and still counted
    assert _code_attempt(attacker, pyotp.TOTP(secret).now(), new_login=True) == 429  # nor can it try the right one
    # the real user, on their own browser, is not locked out by the attacker's failures
    next_step = pyotp.TOTP(secret).at(time.time() + 30)  # not the code used above (no replay)
    assert _code_attempt(real, next_step, new_login=True) == 302
    assert real.get("/").status_code == 200


def test_admins_must_enrol_before_anything_else_on_the_web(tmp_path: Path) -> None:
    path = str(tmp_path / "desk.db")
    init_store(path, "admin", PASSPHRASES["admin"], kdf=FAST_TEST_KDF, second_factor_roles=("admin", "source_handler"))
    client = _fresh_client(path)
    login(client, "admin")
    response = client.get("/incidents")
    assert response.status_code == 302 and response.headers["Location"].endswith("/account/second-factor")
    assert client.get("/account/second-factor").status_code == 200


def test_the_cli_requires_a_second_factor_of_admins_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = str(tmp_path / "desk.db")
    strong = "violet kettle marsh drift quay"
    init_store(path, "admin", strong, kdf=FAST_TEST_KDF, second_factor_roles=None)  # the default outside tests
    monkeypatch.delenv("CASEWORK_INSECURE_TESTING")
    store = open_store(path, "admin", strong)
    assert store.second_factor_required is False  # made under the test setting: no requirement recorded
    store.close()

    path = str(tmp_path / "strict.db")
    init_store(path, "admin", strong, kdf=KdfParams(2, 19 * 1024 * 1024))
    runner = CliRunner()

    def cw(*args: str, **env: str) -> tuple[int, str]:
        result = runner.invoke(main, ["--store", path, *args], env={"CASEWORK_PASSPHRASE": strong, **env})
        return result.exit_code, result.output

    code, out = cw("list")
    assert code == 2 and "needs a second factor" in out
    secret = pyotp.random_base32()
    code, out = cw("user", "totp", "enroll", "--secret", secret, CASEWORK_TOTP=pyotp.TOTP(secret).now())
    assert code == 0, out
    code, out = cw("list")
    assert code == 2 and "no second-factor code" in out
    assert cw("list", CASEWORK_TOTP=_wrong(secret))[0] == 2
    assert cw("list", CASEWORK_TOTP=pyotp.TOTP(secret).now())[0] == 0
