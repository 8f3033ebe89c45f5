"""The tables, as SQLAlchemy Core objects used by queries (migrations create them).

Plaintext columns are the ones the desk must sort, join or filter on without
unlocking anything and that say nothing about who spoke: ids, dates, channel,
language, list name, review status, version links, audit chain fields. Every
``*_ct`` column is a ciphertext from :mod:`casework.store.crypto`.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

META_TABLE = "casework_meta"

casework_meta = sa.Table(
    META_TABLE,
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("role", sa.String(32), nullable=False),
    sa.Column("kdf_ops", sa.Integer, nullable=False),
    sa.Column("kdf_mem", sa.BigInteger, nullable=False),
    sa.Column("salt", sa.LargeBinary, nullable=False),
    sa.Column("data_key_ct", sa.LargeBinary, nullable=False),
    sa.Column("identity_key_ct", sa.LargeBinary, nullable=True),
    sa.Column("totp_ct", sa.LargeBinary, nullable=True),
    sa.Column("created_at", sa.String(40), nullable=False),
)

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("pseudonym", sa.String(64), primary_key=True),
    sa.Column("created_at", sa.String(40), nullable=False),
    # "person" (testimony under a pseudonym) or "outlet" (published reports; not secret)
    sa.Column("kind", sa.String(16), nullable=False, server_default="person"),
)

outlets = sa.Table(
    "outlets",
    metadata,
    sa.Column("pseudonym", sa.String(64), sa.ForeignKey("sources.pseudonym"), primary_key=True),
    sa.Column("name_mac", sa.String(64), nullable=False, unique=True),  # keyed MAC: find an outlet by name
    sa.Column("name_ct", sa.LargeBinary, nullable=False),
)

source_identities = sa.Table(
    "source_identities",
    metadata,
    sa.Column("pseudonym", sa.String(64), sa.ForeignKey("sources.pseudonym"), primary_key=True),
    sa.Column("identity_ct", sa.LargeBinary, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
)

identity_fingerprints = sa.Table(
    "identity_fingerprints",
    metadata,
    sa.Column("fingerprint", sa.String(32), primary_key=True),  # keyed MAC of one identity phrase
    sa.Column("kind", sa.String(16), nullable=False),
)

testimonies = sa.Table(
    "testimonies",
    metadata,
    sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("testimony_id", sa.String(32), nullable=False),  # always T-<seq>; looked up by seq
    sa.Column("source", sa.String(64), sa.ForeignKey("sources.pseudonym"), nullable=False),
    sa.Column("content_mac", sa.String(64), nullable=False, unique=True),
    sa.Column("sha256_ct", sa.LargeBinary, nullable=False),
    sa.Column("raw_ct", sa.LargeBinary, nullable=False),
    sa.Column("filename_ct", sa.LargeBinary, nullable=True),
    sa.Column("received", sa.Date, nullable=True),
    sa.Column("channel", sa.String(32), nullable=True),
    sa.Column("language", sa.String(8), nullable=True),
    sa.Column("list_name", sa.String(128), nullable=True),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("supersedes", sa.String(32), nullable=True),
    sa.Column("superseded_by", sa.String(32), nullable=True),
    sa.Column("mention_seq", sa.Integer, nullable=False),
    sa.Column("added_at", sa.String(40), nullable=False),
    sa.Column("added_by", sa.String(64), nullable=False),
    # published reports only: publication date (public), sealed URL, the outlet a re-report credits
    sa.Column("published", sa.String(10), nullable=True),
    sa.Column("url_ct", sa.LargeBinary, nullable=True),
    sa.Column("depends_on", sa.String(64), nullable=True),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("mention_id", sa.String(48), primary_key=True),
    sa.Column("testimony_id", sa.String(32), nullable=False, index=True),
    sa.Column("testimony_seq", sa.Integer, sa.ForeignKey("testimonies.seq"), nullable=False),
    sa.Column("n", sa.Integer, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("payload_ct", sa.LargeBinary, nullable=False),
    sa.Column("updated_at", sa.String(40), nullable=False),
    sa.Index("ix_mentions_order", "testimony_seq", "n"),
    sa.Index("ix_mentions_status_order", "status", "testimony_seq", "n"),  # review queues and counts by status
)

incidents = sa.Table(
    "incidents",
    metadata,
    sa.Column("incident_id", sa.String(48), primary_key=True),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("payload_ct", sa.LargeBinary, nullable=False),
)

link_decisions = sa.Table(
    "link_decisions",
    metadata,
    sa.Column("mention_a", sa.String(48), primary_key=True),
    sa.Column("mention_b", sa.String(48), primary_key=True),
    sa.Column("decision", sa.String(16), nullable=False),
    sa.Column("decided_by", sa.String(64), nullable=False),
    sa.Column("decided_at", sa.String(40), nullable=False),
)

settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.String(128), primary_key=True),
    sa.Column("value_ct", sa.LargeBinary, nullable=False),
)

audit_events = sa.Table(
    "audit_events",
    metadata,
    sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("at", sa.String(40), nullable=False),
    sa.Column("username", sa.String(64), nullable=False),
    sa.Column("action", sa.String(64), nullable=False),
    sa.Column("target", sa.String(128), nullable=True),
    sa.Column("details", sa.Text, nullable=False),
    sa.Column("prev_hash", sa.String(64), nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
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
    settings,
    audit_events,
)
