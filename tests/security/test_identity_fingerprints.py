"""Finding 1 (identity part): an analyst's draft check must find a source's recorded name.

Attacker: an analyst (who may not read identities) writes a victim description that
holds a source's real name and phone number, and checks it before publishing. Before
keyed fingerprints, the analyst's check skipped identities altogether.
"""

from __future__ import annotations

import pytest
from tests.security.conftest import as_user

from casework.errors import AccessDenied
from casework.model import SourceIdentity
from casework.publish.store_check import find_fingerprinted_identities


@pytest.fixture
def with_identities(desk: str) -> str:
    handler = as_user(desk, "hana")
    try:
        handler.add_source("SRC-01", SourceIdentity("SRC-01", "Ryu Song-hwan", "+82 10-4417-2290", "met in Yanji"))
        handler.add_source("SRC-02", SourceIdentity("SRC-02", "박영란", "kakao: greenbird73"))
        handler.add_source("SRC-03")
    finally:
        handler.close()
    return desk


def test_analyst_finds_a_source_name_they_cannot_read(with_identities: str) -> None:
    analyst = as_user(with_identities, "ana")
    try:
        with pytest.raises(AccessDenied):
            analyst.list_source_identities()
        prints = analyst.identity_fingerprints()
    finally:
        analyst.close()
    draft = (
        "The guard beat RYU SONG-HWAN in front of the others; call 010 4417 2290 for details. "
        "Later 박영란이 said that Song-hwan was moved. Contact greenbird73 on kakao."
    )
    spans = find_fingerprinted_identities(draft, prints)
    found = {(s.text, s.risk) for s in spans}
    assert ("RYU SONG-HWAN", "high") in found
    assert ("010 4417 2290", "high") in found
    assert ("박영란", "high") in found  # the particle 이 is not part of the name
    assert ("Song-hwan", "medium") in found  # the given name alone
    assert ("greenbird73", "high") in found  # a handle without its service
    assert all(draft[s.start : s.end] == s.text for s in spans)


def test_reader_can_check_too_and_nothing_is_listed(with_identities: str) -> None:
    reader = as_user(with_identities, "rae")
    try:
        prints = reader.identity_fingerprints()
    finally:
        reader.close()
    assert prints.lookup("ryu   song hwan") == "name"
    assert prints.lookup("Ryu") is None  # a family name alone is not looked for
    assert prints.lookup_number("+82-10-4417-2290") == "phone"
    assert "Ryu" not in repr(prints) and "4417" not in repr(prints)


def test_fingerprints_follow_identity_changes(with_identities: str) -> None:
    handler = as_user(with_identities, "hana")
    try:
        handler.set_source_identity(SourceIdentity("SRC-01", "Ryu Chol", None))
        prints = handler.identity_fingerprints()
    finally:
        handler.close()
    assert prints.lookup("Ryu Song-hwan") is None
    assert prints.lookup("Ryu Chol") == "name"
    assert prints.lookup_number("01044172290") is None


def test_the_table_holds_no_pseudonym_or_plain_phrase(with_identities: str) -> None:
    import sqlalchemy as sa

    from casework.store.engine import create_store_engine

    engine = create_store_engine(with_identities, must_exist=True)
    try:
        with engine.connect() as conn:
            rows = conn.execute(sa.text("SELECT * FROM identity_fingerprints")).all()
    finally:
        engine.dispose()
    assert rows and all(len(row[0]) == 32 for row in rows)
    flat = " ".join(str(value) for row in rows for value in row)
    assert "SRC-0" not in flat and "ryu" not in flat.lower() and "4417" not in flat
