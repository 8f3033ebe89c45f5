"""Searching a desk: read every record the user may see and index it in memory.

The index is a copy of the store's words, so it is built here, from an unlocked
store, into the caller's memory and handed back; nothing is written anywhere (see
:mod:`casework.search.index`). The web app keeps one per session; a script may build
one and query it.
"""

from __future__ import annotations

from casework.search import SearchIndex, TestimonyFacts, desk_records
from casework.store import CaseStore


def build_search_index(store: CaseStore) -> SearchIndex:
    """Every testimony (metadata), mention (with its evidence and review state) and incident, indexed.

    Testimony texts are not read (each read is audited one by one); a testimony is found
    by its metadata and by the evidence of its mentions.

    Example:
        index = build_search_index(store)
        index.search(SearchQuery(text="혜산 체포")).total
    """
    mentions = [(m.mention, m.status) for m in store.list_mentions()]
    testimonies = [
        TestimonyFacts(t.testimony_id, t.source, t.received, t.language, t.list_name, t.channel)
        for t in store.list_testimonies()
    ]
    return SearchIndex(desk_records(mentions, testimonies, store.list_incidents()))


def search_stamp(store: CaseStore) -> tuple[int, ...]:
    """Counts that move when the store changes (a cheap test of whether an index is stale)."""
    return (
        store.count_testimonies(),
        store.count_mentions(),
        store.count_mentions(status="suggested"),
        store.count_incidents(),
    )


def list_names(store: CaseStore) -> list[str]:
    """The documentation lists the store's testimonies belong to (a new one is made only on purpose)."""
    return sorted({t.list_name for t in store.list_testimonies() if t.list_name})


def vocabularies() -> dict[str, list[str]]:
    """Canonical names a person may pick when correcting a mention: provinces, counties and cities, sites, perpetrators.

    They come from the packaged gazetteer, so a correction uses the names that linkage compares.
    """
    from casework.gazetteer import PERPETRATORS, load_gazetteer

    gazetteer = load_gazetteer()
    return {
        "provinces": sorted(gazetteer.provinces()),
        "counties": gazetteer.county_names(),
        "sites": gazetteer.site_names(),
        "perpetrators": sorted(PERPETRATORS),
    }
