"""A seeded desk for web tests: accounts per role, testimonies, mentions, an incident; client helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from flask.testing import FlaskClient

from casework.model import EvidenceSpan, Incident, Mention, Place, Victims
from casework.store import FAST_TEST_KDF, init_store, open_store

PASSPHRASES = {
    "admin": "admin-passphrase",
    "ana": "analyst-passphrase",
    "sam": "handler-passphrase",
    "rita": "reader-passphrase",
}
ROLE_USERS = {"admin": "admin", "analyst": "ana", "source_handler": "sam", "reader": "rita"}

TESTIMONY = (
    "received: 2024-03-02\nchannel: phone\n\n"
    "In March 2023 three women were arrested in Hyesan by the Ministry of State Security.\n"
)
SECOND = "channel: interview\n\nMy neighbour said that in March 2023 the MSS arrested three women in Hyesan.\n"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@dataclass
class Clock:
    """Monotonic seconds that only move when a test says so."""

    now: float = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def _span(text: str, phrase: str, field: str) -> EvidenceSpan:
    start = text.index(phrase)
    return EvidenceSpan(field, start, start + len(phrase), phrase)


def seed_store(url: str) -> dict[str, str]:
    """A store with four accounts, two sources, two testimonies, mentions and one incident."""
    init_store(url, "admin", PASSPHRASES["admin"], kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASES["admin"])
    try:
        store.add_user("ana", PASSPHRASES["ana"], "analyst")
        store.add_user("sam", PASSPHRASES["sam"], "source_handler")
        store.add_user("rita", PASSPHRASES["rita"], "reader")
        store.add_source("SRC-01")
        store.add_source("SRC-02")
        first = store.add_testimony(TESTIMONY.encode(), source="SRC-01", filename="t1.txt").testimony_id
        second = store.add_testimony(SECOND.encode(), source="SRC-02", filename="t2.txt").testimony_id
        mention = Mention(
            type="arrest",
            date="2023-03",
            date_text="March 2023",
            date_precision="month",
            place=Place("Ryanggang", "Hyesan", None),
            perpetrator="Ministry of State Security",
            victims=Victims(3, "three", "women"),
            relation="first-hand",
            evidence=(
                _span(TESTIMONY, "March 2023", "date"),
                _span(TESTIMONY, "Hyesan", "place"),
                _span(TESTIMONY, "arrested", "type"),
            ),
        )
        (m1,) = store.save_mentions(first, [mention])
        other = Mention(type="arrest", date="2023-03", evidence=(_span(SECOND, "arrested", "type"),))
        (m2,) = store.save_mentions(second, [other])
        store.save_incidents(
            [Incident("I-0001", (m1, m2), grade="corroborated", sources=("SRC-01", "SRC-02"), independent_sources=2)]
        )
    finally:
        store.close()
    return {"testimony": first, "second": second, "mention": m1, "other_mention": m2, "incident": "I-0001"}


def csrf_token(client: FlaskClient, path: str = "/login") -> str:
    """The CSRF token as a page renders it (so tests send forms the way a browser does)."""
    html = client.get(path).get_data(as_text=True)
    match = CSRF.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client: FlaskClient, username: str, passphrase: str | None = None) -> None:
    response = client.post(
        "/login",
        data={
            "username": username,
            "passphrase": passphrase or PASSPHRASES[username],
            "csrf_token": csrf_token(client),
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)[-500:]


def post(client: FlaskClient, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
    """POST with a fresh CSRF token taken from the front page, as a browser form would send it."""
    body = dict(data or {})
    body.setdefault("csrf_token", csrf_token(client, "/"))
    return client.post(path, data=body, **kwargs)
