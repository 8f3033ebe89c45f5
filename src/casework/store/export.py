"""The non-sensitive view of a store, for internal exports (``casework export``).

What leaves: ids, pseudonyms, received months (not days), channel, language, list, version links, and
incidents with their grades. What never leaves: testimony text, filenames, content
hashes (a hash lets anyone confirm a guessed text), mentions (their evidence spans
quote the text) and identities. Public datasets go through the publish stage.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from casework.store import access
from casework.store.api import CaseStore, TestimonyInfo


def testimony_metadata(info: TestimonyInfo) -> dict[str, Any]:
    """A testimony's non-sensitive fields, the same in ``export`` and ``list --json``."""
    return {
        "testimony": info.testimony_id,
        "source": info.source,
        "received": info.received.isoformat() if info.received else None,
        "channel": info.channel,
        "language": info.language,
        "list": info.list_name,
        "version": info.version,
        "supersedes": info.supersedes,
        "published": info.published,
        "url": info.url,
        "depends_on": info.depends_on,
    }


def export_records(store: CaseStore) -> Iterator[dict[str, Any]]:
    """Testimony and incident records as plain dicts; the export is an audit event.

    Example:
        for record in export_records(store): print(json.dumps(record))
    """
    access.require(store.user, "export")
    store.audit("export", None)
    for info in store.list_testimonies():
        record = testimony_metadata(info)
        # a month, not the day: per-source days of contact, matched against call records, can identify a person
        record["received"] = info.received.isoformat()[:7] if info.received else None
        yield {"kind": "testimony", **record}
    for incident in store.list_incidents():
        yield {
            "kind": "incident",
            "incident": incident.incident_id,
            "mentions": list(incident.mentions),
            "grade": incident.grade,
            "sources": list(incident.sources),
            "independent_sources": incident.independent_sources,
            "first_hand": incident.first_hand,
            "flags": list(incident.flags),
        }
