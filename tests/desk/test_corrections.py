"""A correction supersedes: only the newest version is extracted, linked, counted and published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casework.desk import decide_link, extract_pending, extract_testimony, link_store, publish_dataset, review_mention
from casework.errors import InputError
from casework.store import FAST_TEST_KDF, init_store, open_store

PASSPHRASE = "corrections test passphrase"

# Invented accounts of one event, in the genre, by four people.
ACCOUNTS = [
    "received: 2024-05-02\nchannel: interview\n\n"
    "In March 2023 agents of the Ministry of State Security arrested three women at the market in Hyesan.\n",
    "received: 2024-05-09\nchannel: phone\n\n"
    "My aunt saw the State Security men arrest three women at the Hyesan market in March 2023.\n",
    "received: 2024-06-11\nchannel: interview\n\n"
    "Three traders were arrested by State Security in Hyesan in March 2023, at the market.\n",
    "received: 2024-06-20\nchannel: interview\n\n"
    "My sister told me that State Security agents arrested three women in Hyesan market in March 2023.\n",
]
CORRECTED = (
    "received: 2024-05-02\nchannel: interview\n\n"
    "In March 2023 agents of the Ministry of State Security arrested four women at the market in Hyesan.\n"
)


def test_publish_counts_distinct_current_testimonies(tmp_path: Path) -> None:
    url = str(tmp_path / "desk.db")
    init_store(url, "admin", PASSPHRASE, kdf=FAST_TEST_KDF)
    store = open_store(url, "admin", PASSPHRASE)
    try:
        for number, text in enumerate(ACCOUNTS, 1):
            store.add_source(f"SRC-{number:02d}")
            store.add_testimony(text.encode(), source=f"SRC-{number:02d}")
        extract_pending(store)
        link_store(store)
        old = [m.mention.mention_id for m in store.list_mentions(testimony_id="T-0001")]
        assert old
        new_id = store.correct_testimony("T-0001", CORRECTED.encode()).testimony_id
        assert {m.status for m in store.list_mentions(testimony_id="T-0001")} == {"retired"}  # kept, retired
        extract_pending(store)  # the correction; the old version is not extracted again
        assert [m.mention.mention_id for m in store.list_mentions(testimony_id="T-0001")] == old
        assert store.count_mentions(testimony_id=new_id) > 0
        with pytest.raises(InputError, match="corrected by"):
            extract_testimony(store, "T-0001")
        with pytest.raises(InputError, match="corrected"):
            decide_link(store, old[0], f"{new_id}-1", "confirm")
        with pytest.raises(InputError, match="corrected"):
            review_mention(store, old[0], "accepted")
        link_store(store)
        linked = {m for i in store.list_incidents() for m in i.mentions}
        assert not any(m.startswith("T-0001-") for m in linked)
        current = {t.testimony_id for t in store.list_testimonies() if t.superseded_by is None}
        assert current == {"T-0002", "T-0003", "T-0004", new_id}
        assert {m.rsplit("-", 1)[0] for m in linked} == {t for t in current if store.count_mentions(testimony_id=t)}
        publish_dataset(store, tmp_path / "public", precision="year")
        records = json.loads((tmp_path / "public" / "incidents.json").read_text())["incidents"]
        per_testimony = {t: store.count_mentions(testimony_id=t) for t in current}
        assert sum(r["mentions"] for r in records) == sum(per_testimony.values())
        if all(n == 1 for n in per_testimony.values()):
            assert sum(r["mentions"] for r in records) == len(current) == 4
    finally:
        store.close()
