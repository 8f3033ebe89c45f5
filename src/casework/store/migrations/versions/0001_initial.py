"""The first schema: sources, identities, versioned testimonies, mentions, incidents, users, audit.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


_TABLES: dict[str, Callable[[], None]] = {}


def _table(name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    def register(create: Callable[[], None]) -> Callable[[], None]:
        _TABLES[name] = create
        return create

    return register


@_table("casework_meta")
def _create_casework_meta() -> None:
    op.create_table(
        "casework_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


@_table("users")
def _create_users() -> None:
    op.create_table(
        "users",
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


@_table("sources")
def _create_sources() -> None:
    op.create_table(
        "sources",
        sa.Column("pseudonym", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.String(40), nullable=False),
    )


@_table("source_identities")
def _create_source_identities() -> None:
    op.create_table(
        "source_identities",
        sa.Column("pseudonym", sa.String(64), sa.ForeignKey("sources.pseudonym"), primary_key=True),
        sa.Column("identity_ct", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )


@_table("testimonies")
def _create_testimonies() -> None:
    op.create_table(
        "testimonies",
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
    )


@_table("mentions")
def _create_mentions() -> None:
    op.create_table(
        "mentions",
        sa.Column("mention_id", sa.String(48), primary_key=True),
        sa.Column("testimony_id", sa.String(32), nullable=False),
        sa.Column("testimony_seq", sa.Integer, sa.ForeignKey("testimonies.seq"), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload_ct", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_mentions_testimony_id", "mentions", ["testimony_id"])
    op.create_index("ix_mentions_order", "mentions", ["testimony_seq", "n"])


@_table("incidents")
def _create_incidents() -> None:
    op.create_table(
        "incidents",
        sa.Column("incident_id", sa.String(48), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("payload_ct", sa.LargeBinary, nullable=False),
    )


@_table("link_decisions")
def _create_link_decisions() -> None:
    op.create_table(
        "link_decisions",
        sa.Column("mention_a", sa.String(48), primary_key=True),
        sa.Column("mention_b", sa.String(48), primary_key=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("decided_at", sa.String(40), nullable=False),
    )


@_table("settings")
def _create_settings() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(128), primary_key=True),
        sa.Column("value_ct", sa.LargeBinary, nullable=False),
    )


@_table("audit_events")
def _create_audit_events() -> None:
    op.create_table(
        "audit_events",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(128), nullable=True),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )


def create_one(name: str) -> None:
    """Create one table as this revision made it (0004's downgrade rebuilds them empty)."""
    _TABLES[name]()


def upgrade() -> None:
    for name in _TABLES:
        create_one(name)


def downgrade() -> None:
    for table in (
        "audit_events",
        "settings",
        "link_decisions",
        "incidents",
        "mentions",
        "testimonies",
        "source_identities",
        "sources",
        "users",
        "casework_meta",
    ):
        op.drop_table(table)
