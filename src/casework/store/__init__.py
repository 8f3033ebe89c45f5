"""The encrypted case store: the only package that touches disk or database.

Other stages import only the names below. Typical use::

    from casework.store import init_store, open_store
    init_store("desk.db", "admin", passphrase)
    store = open_store("desk.db", "admin", passphrase)
    store.add_source("SRC-01")
    result = store.add_testimony(raw_bytes, source="SRC-01", filename="t001.txt")

``allowed(user, action)`` answers the store's own role check without raising, so a
user interface can hide what the store would refuse.
"""

from casework.store.access import allowed
from casework.store.api import (
    FAST_TEST_KDF,
    AddResult,
    AuditEvent,
    AuditReport,
    CaseStore,
    IdentityFingerprints,
    IncidentEvent,
    KdfParams,
    LinkDecision,
    LinkDecisionRecord,
    MentionStatus,
    Outlet,
    StoredMention,
    TestimonyInfo,
    TestimonyInput,
    User,
)
from casework.store.backup import backup_store, restore_store
from casework.store.engine import require_store_file
from casework.store.export import export_records
from casework.store.lifecycle import init_store, open_store
from casework.store.wipe import wipe_store

__all__ = [
    "AddResult",
    "AuditEvent",
    "AuditReport",
    "CaseStore",
    "FAST_TEST_KDF",
    "IdentityFingerprints",
    "IncidentEvent",
    "KdfParams",
    "LinkDecision",
    "LinkDecisionRecord",
    "MentionStatus",
    "Outlet",
    "StoredMention",
    "TestimonyInfo",
    "TestimonyInput",
    "User",
    "allowed",
    "backup_store",
    "export_records",
    "init_store",
    "open_store",
    "require_store_file",
    "restore_store",
    "wipe_store",
]
