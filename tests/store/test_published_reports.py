"""Published reports as testimony: outlet sources, publication date, sealed URL, re-reports (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command

from casework.errors import InputError
from casework.model import Mention
from casework.store import FAST_TEST_KDF, CaseStore, init_store, open_store
from casework.store.engine import _alembic_config, create_store_engine
from casework.store.schema import TABLES

from .test_leaks import hits

MARKER = "QXZV-url-marker-7d2e"

ORIGINAL = (
    "url: https://example.org/2021/07/hoeryong-arrest\noutlet: Daily NK\npublished: 2021-07-20\nlanguage: en\n\n"
    "A source in North Hamgyong told Daily NK that security agents arrested a broker in Hoeryong last week."
)
RE_REPORT = (
    "outlet: Example Post\npublished: 2021-07-22\n\n"
    "Security agents arrested a money broker in Hoeryong last week, Daily NK reported on Tuesday."
)


def test_a_report_is_sourced_to_its_outlet_created_on_first_use(admin_store: CaseStore) -> None:
    first = admin_store.add_testimony(ORIGINAL.encode(), filename="original.txt")
    second = admin_store.add_testimony(b"outlet: DailyNK\npublished: 2021-08\n\nAnother story.", filename="b.txt")
    infos = {i.testimony_id: i for i in admin_store.list_testimonies()}
    assert infos[first.testimony_id].source == infos[second.testimony_id].source == "OUT-001"
    assert infos[first.testimony_id].published == "2021-07-20"
    assert infos[first.testimony_id].url == "https://example.org/2021/07/hoeryong-arrest"
    assert infos[first.testimony_id].depends_on is None
    assert [(o.pseudonym, o.name) for o in admin_store.list_outlets()] == [("OUT-001", "Daily NK")]
    assert admin_store.outlet_pseudonyms() == frozenset({"OUT-001"})
    testimony = admin_store.get_testimony(first.testimony_id)
    assert testimony.published == "2021-07-20" and testimony.text == ORIGINAL


def test_a_re_report_depends_on_the_outlet_it_credits(admin_store: CaseStore) -> None:
    added = admin_store.add_testimony(RE_REPORT.encode(), filename="repost.txt")
    info = admin_store.list_testimonies()[0]
    outlets = {o.name: o.pseudonym for o in admin_store.list_outlets()}
    assert info.source == outlets["Example Post"] and info.depends_on == outlets["Daily NK"]
    (mention_id,) = admin_store.save_mentions(added.testimony_id, [Mention("arrest", "2021-07")])
    assert admin_store.get_mention(mention_id).mention.depends_on == outlets["Daily NK"]


def test_options_win_over_the_header_and_a_person_source_is_refused(admin_store: CaseStore) -> None:
    added = admin_store.add_testimony(
        b"Agents arrested three traders.", outlet="Radio Free Asia", published="2020-06", url="https://example.org/x"
    )
    info = admin_store.list_testimonies()[0]
    assert (info.testimony_id, info.published, info.url) == (added.testimony_id, "2020-06", "https://example.org/x")
    admin_store.add_source("SRC-01")
    with pytest.raises(InputError, match="a published report's source is its outlet"):
        admin_store.add_testimony(b"Other text.", source="SRC-01", outlet="RFA")
    with pytest.raises(InputError, match="needs its outlet"):
        admin_store.add_testimony(b"Third text.", source="SRC-01", published="2020-06")
    with pytest.raises(InputError, match="field 'url'"):
        admin_store.add_testimony(b"Fourth text.", outlet="RFA", url="not an address")
    with pytest.raises(InputError, match="field 'published'"):
        admin_store.add_testimony(b"Fifth text.", outlet="RFA", published="2999-01")
    with pytest.raises(InputError, match="field 'source': none given"):
        admin_store.add_testimony(b"Sixth text.")


def test_url_and_outlet_name_are_sealed(store_url: str) -> None:
    init_store(store_url, "admin", "admin passphrase", kdf=FAST_TEST_KDF)
    store = open_store(store_url, "admin", "admin passphrase")
    store.add_testimony(b"Some report text.", outlet=f"Outlet {MARKER}", url=f"https://example.org/{MARKER}")
    assert store.list_testimonies()[0].url == f"https://example.org/{MARKER}"
    store.close()
    engine = create_store_engine(store_url, must_exist=True)
    try:
        with engine.connect() as conn:
            for table in TABLES:
                for row in conn.execute(sa.select(table)):
                    for value in row:
                        blob = value if isinstance(value, bytes) else str(value).encode("utf-8")
                        assert not hits(blob, MARKER), f"marker in {table.name}"
    finally:
        engine.dispose()


def test_migration_0004_goes_up_and_down_with_data(store_url: str) -> None:
    """Rows made before 0004 stay and become person sources; going down drops only 0004's parts.

    (Stores of format 2, from 0005 on, cannot go below 0005 with accounts in them, so the
    rows are written as 0003 laid them out, without accounts.)
    """
    engine = create_store_engine(store_url, must_exist=False)
    try:
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0003")
            conn.execute(sa.text("INSERT INTO sources (pseudonym, created_at) VALUES ('SRC-01', '2024-01-01')"))
            conn.execute(
                sa.text(
                    "INSERT INTO testimonies (seq, testimony_id, source, content_mac, sha256_ct, raw_ct, version, "
                    "mention_seq, added_at, added_by) VALUES (1, 'T-0001', 'SRC-01', 'm', :b, :b, 1, 0, 'x', 'a')"
                ),
                {"b": b"sealed"},
            )
        with engine.begin() as conn:
            command.upgrade(_alembic_config(conn), "0004")
        with engine.connect() as conn:
            assert dict(conn.execute(sa.text("SELECT pseudonym, kind FROM sources")).all()) == {"SRC-01": "person"}
            assert "outlets" in sa.inspect(conn).get_table_names()
        with engine.begin() as conn:
            command.downgrade(_alembic_config(conn), "0003")
        with engine.connect() as conn:
            assert "outlets" not in sa.inspect(conn).get_table_names()
            assert not {"published", "url_ct", "depends_on"} & {
                c["name"] for c in sa.inspect(conn).get_columns("testimonies")
            }
            assert conn.execute(sa.text("SELECT count(*) FROM testimonies")).scalar_one() == 1
    finally:
        engine.dispose()
