"""The tables, as SQLAlchemy Core objects used by queries (migrations create them).

Every column says what it is to someone who seizes the database: ``sealed(...)``
names the key that opens it, ``plain(...)`` gives the reason it must stay readable
without any key. ``python -m casework.store.plain_columns`` prints the table of plain
columns in docs/security.md from these reasons, and a test fails when a column has
neither. Rule: seal what no query needs; keep what a query needs at the coarsest
grain that serves (a month, a day), and say why.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

metadata = sa.MetaData()

META_TABLE = "casework_meta"


def plain(name: str, type_: Any, reason: str, *args: Any, **kwargs: Any) -> sa.Column[Any]:
    """A column readable without keys; ``reason`` goes into docs/security.md."""
    return sa.Column(name, type_, *args, info={"plain": reason}, **kwargs)


def sealed(name: str, key: str, *args: Any, **kwargs: Any) -> sa.Column[Any]:
    """A ciphertext (or keyed MAC) column; ``key`` names the key of docs/security.md that opens it."""
    return sa.Column(name, sa.LargeBinary if "type_" not in kwargs else kwargs.pop("type_"), *args,
                     info={"sealed": key}, **kwargs)


def today_iso() -> str:
    """Timestamps that stay plain are kept to the day: an exact time is a contact timeline."""
    return datetime.now(UTC).date().isoformat()


_ID = "an id: rows are found, joined and ordered by it"
_DAY = "a day (never a time): kept for housekeeping; the exact time, where one matters, is sealed"

casework_meta = sa.Table(
    META_TABLE,
    metadata,
    plain("key", sa.String(64), "store format, store id, key epoch, Argon2id cost: needed before unlocking",
          primary_key=True),
    plain("value", sa.Text, "(as key)", nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    plain("username", sa.String(64), "the login names the account to unlock", primary_key=True),
    plain("role", sa.String(32), "checked before unlocking; bound into the wrapped keys, so editing it fails",
          nullable=False),
    plain("kdf_ops", sa.Integer, "Argon2id cost, needed to derive the wrapping key", nullable=False),
    plain("kdf_mem", sa.BigInteger, "(as kdf_ops)", nullable=False),
    plain("salt", sa.LargeBinary, "Argon2id salt, needed to derive the wrapping key", nullable=False),
    plain("public_key", sa.LargeBinary, "X25519 public key: rekey seals new keys to it", nullable=False),
    sealed("personal_ct", "the account's passphrase", nullable=False),
    sealed("keys_ct", "the account's passphrase", nullable=True),
    sealed("pending_ct", "the account's personal key", nullable=True),
    sealed("totp_ct", "the account's personal key", nullable=True),
    plain("created_on", sa.String(10), _DAY, nullable=False),
)

sources = sa.Table(
    "sources",
    metadata,
    plain("pseudonym", sa.String(64), "pseudonyms are what analysts work with; not an identity", primary_key=True),
    plain("created_on", sa.String(10), _DAY, nullable=False),
    plain("kind", sa.String(16), "person or outlet: corroboration counts a re-reported story once",
          nullable=False, server_default="person"),
)

outlets = sa.Table(
    "outlets",
    metadata,
    plain("pseudonym", sa.String(64), "an outlet's pseudonym (OUT-001)", sa.ForeignKey("sources.pseudonym"),
          primary_key=True),
    sealed("name_mac", "text (keyed MAC: find an outlet by name)", type_=sa.String(64), nullable=False, unique=True),
    sealed("name_ct", "records", nullable=False),
)

source_identities = sa.Table(
    "source_identities",
    metadata,
    plain("pseudonym", sa.String(64), "joins the identity to its pseudonym", sa.ForeignKey("sources.pseudonym"),
          primary_key=True),
    sealed("identity_ct", "identity", nullable=False),
    plain("updated_on", sa.String(10), _DAY, nullable=False),
)

identity_fingerprints = sa.Table(
    "identity_fingerprints",
    metadata,
    sealed("fingerprint", "fingerprint (keyed MAC)", type_=sa.String(32), primary_key=True),
    plain("kind", sa.String(16), "whether a match is a name, a given name or a contact: sets the risk",
          nullable=False),
)

testimonies = sa.Table(
    "testimonies",
    metadata,
    plain("seq", sa.Integer, _ID, primary_key=True, autoincrement=False),
    plain("testimony_id", sa.String(32), _ID, nullable=False),  # always T-<seq>; looked up by seq
    sealed("content_mac", "text (keyed MAC, duplicate detection)", type_=sa.String(64), nullable=False, unique=True),
    sealed("sha256_ct", "text", nullable=False),
    sealed("raw_ct", "text", nullable=False),
    sealed("filename_ct", "text", nullable=True),
    sealed("original_ct", "text", nullable=True),  # a DOCX/PDF transcript's bytes as received
    sealed("meta_ct", "records", nullable=False),  # source, received day, channel, language, list, added at/by
    plain("received_month", sa.String(7), "period filters and counts by month (YYYY-MM), never the day",
          nullable=True),
    plain("version", sa.Integer, "versions of one testimony are listed in order", nullable=False),
    plain("supersedes", sa.String(32), "the correction chain: which version is current", nullable=True),
    plain("superseded_by", sa.String(32), "(as supersedes)", nullable=True),
    plain("mention_seq", sa.Integer, "mention ids are numbered per testimony and never reused", nullable=False),
    plain("published", sa.String(10), "a published report's date: public, orders reports", nullable=True),
    sealed("url_ct", "records", nullable=True),
    plain("depends_on", sa.String(64), "the outlet a re-report credits (an outlet pseudonym, not a person)",
          nullable=True),
)

mentions = sa.Table(
    "mentions",
    metadata,
    plain("mention_id", sa.String(48), _ID, primary_key=True),
    plain("testimony_id", sa.String(32), "a testimony's mentions are listed together", nullable=False, index=True),
    plain("testimony_seq", sa.Integer, "review queues are paged in testimony order",
          sa.ForeignKey("testimonies.seq"), nullable=False),
    plain("n", sa.Integer, "(as testimony_seq)", nullable=False),
    plain("status", sa.String(16), "review queues are listed and counted by status without decrypting",
          nullable=False),
    sealed("payload_ct", "records", nullable=False),
    sealed("evidence_ct", "text", nullable=True),  # evidence spans quote the testimony
    plain("updated_on", sa.String(10), _DAY, nullable=False),
    plain(
        "confidence",
        sa.Integer,
        "a 0-100 score of how much of the mention the extractor read from the text, made from which fields have "
        "evidence spans and whether the type cue is a weak one, never from a name, date or place: it says how "
        "complete a suggestion is, not who, where or when; the review queue sorts and pages by it without decrypting",
        nullable=True,
    ),
    sa.Index("ix_mentions_order", "testimony_seq", "n"),
    sa.Index("ix_mentions_status_order", "status", "testimony_seq", "n"),  # review queues and counts by status
    sa.Index("ix_mentions_status_confidence", "status", "confidence", "testimony_seq", "n"),  # sorted review queue
)

incidents = sa.Table(
    "incidents",
    metadata,
    plain("incident_id", sa.String(48), _ID, primary_key=True),
    plain("position", sa.Integer, "incidents are listed in a stable order", nullable=False),
    sealed("payload_ct", "records", nullable=False),
    sa.Index("ix_incidents_position", "position"),  # the incident list is paged in this order
)

link_decisions = sa.Table(
    "link_decisions",
    metadata,
    plain("mention_a", sa.String(48), _ID, primary_key=True),
    plain("mention_b", sa.String(48), _ID, primary_key=True),
    plain("decision", sa.String(16), "linkage reads confirmed and rejected pairs", nullable=False),
    plain("decided_by", sa.String(64), "accountability: who decided a link is part of the record", nullable=False),
    plain("decided_on", sa.String(10), _DAY, nullable=False),
)

incident_history = sa.Table(
    "incident_history",
    metadata,
    plain("event_id", sa.Integer, "events are listed in the order they happened", primary_key=True,
          autoincrement=False),
    plain("incident_id", sa.String(48), "an incident id is cited outside the desk; its history is looked up by it",
          nullable=False, index=True),
    plain("event", sa.String(16), "what happened to the id (created, changed, merged, split, retired): "
          "a cited id resolves through merges without decrypting anything", nullable=False),
    plain("other_id", sa.String(48), "the incident a merge went into or a split came from (public as superseded_by)",
          nullable=True),
    plain("mentions", sa.Integer, "how many mentions the incident held afterwards (a count, never which)",
          nullable=True),
    plain("via", sa.String(16), "whether a linkage run or a reviewer's decision made the change", nullable=False),
    plain("by_user", sa.String(64), "accountability: who ran the linkage or decided", nullable=False),
    plain("on_day", sa.String(10), _DAY, nullable=False),
)

settings = sa.Table(
    "settings",
    metadata,
    plain("key", sa.String(128), "settings are looked up by name", primary_key=True),
    sealed("value_ct", "records", nullable=False),
)

audit_events = sa.Table(
    "audit_events",
    metadata,
    plain("event_id", sa.Integer, "the chain is numbered without gaps", primary_key=True, autoincrement=False),
    plain("on_day", sa.String(10), "the day of the event, so the log can be read by period; the time is sealed",
          nullable=False),
    plain("username", sa.String(64), "who acted: the log must name them to anyone who verifies it", nullable=False),
    plain("action", sa.String(64), "what kind of event; verifying checks which roles may write which", nullable=False),
    plain("target", sa.String(128), "the id acted on (never content)", nullable=True),
    sealed("details", "audit (readers' events: a subkey of records)", type_=sa.Text, nullable=False),
    plain("prev_hash", sa.String(64), "the hash chain", nullable=False),
    plain("hash", sa.String(64), "the hash chain; an anchor is one of these", nullable=False),
    sealed("mac", "audit (keyed MAC over the hash)", type_=sa.String(64), nullable=False),
    plain("mac_key", sa.String(8), "which key made the MAC: audit, or the readers' subkey", nullable=False),
)

# Order matters for backup/restore: parents before children.
TABLES: tuple[sa.Table, ...] = (
    casework_meta,
    users,
    sources,
    outlets,
    source_identities,
    identity_fingerprints,
    testimonies,
    mentions,
    incidents,
    link_decisions,
    incident_history,
    settings,
    audit_events,
)
