"""Store format 2: keys by role, sealed metadata, keyed-MAC'd audit log.

* users: each account wraps only its role's keys (``keys_ct``, role bound into the
  associated data), has an X25519 key pair for rotation (``public_key``,
  ``personal_ct``, ``pending_ct``); ``created_on`` is a day.
* testimonies: source, received day, channel, language, list and who/when added are
  sealed together (``meta_ct``); only the received month stays plain.
* mentions: evidence spans sealed apart under the text key (``evidence_ct``).
* audit_events: a keyed MAC per event (``mac``, ``mac_key``), the day only (``on_day``);
  details are sealed.
* sources, identities, link decisions: days instead of microsecond times (sources keep
  0004's ``kind``; testimonies keep 0004's ``published``, ``url_ct``, ``depends_on``;
  ``outlets`` is recreated with them).

Format-1 stores hold a single data key that every role shared; that cannot be split
into per-role keys without every account's passphrase, so this migration refuses a
store that has accounts (no release ever shipped format 1; development stores are
recreated with ``casework init``). An empty database goes up and down freely.

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CHANGED = (
    "audit_events", "link_decisions", "mentions", "testimonies", "source_identities", "outlets", "sources", "users"
)


def _refuse_accounts() -> None:
    if op.get_bind().execute(sa.text("SELECT COUNT(*) FROM users")).scalar_one():
        from casework.errors import StoreError

        raise StoreError(
            "this store was made by a development version (store format 1, one key shared by every role) "
            "and cannot be converted in place; create a new store with casework init"
        )


def upgrade() -> None:
    _refuse_accounts()
    op.drop_index("ix_mentions_status_order", table_name="mentions")
    for table in _CHANGED:
        op.drop_table(table)
    op.create_table(
        "users",
        sa.Column("username", sa.String(64), primary_key=True),
        sa.Column("role", sa.String(32), nullable=False),
        sa.Column("kdf_ops", sa.Integer, nullable=False),
        sa.Column("kdf_mem", sa.BigInteger, nullable=False),
        sa.Column("salt", sa.LargeBinary, nullable=False),
        sa.Column("public_key", sa.LargeBinary, nullable=False),
        sa.Column("personal_ct", sa.LargeBinary, nullable=False),
        sa.Column("keys_ct", sa.LargeBinary, nullable=True),
        sa.Column("pending_ct", sa.LargeBinary, nullable=True),
        sa.Column("totp_ct", sa.LargeBinary, nullable=True),
        sa.Column("created_on", sa.String(10), nullable=False),
    )
    op.create_table(
        "sources",
        sa.Column("pseudonym", sa.String(64), primary_key=True),
        sa.Column("created_on", sa.String(10), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False, server_default="person"),
    )
    op.create_table(
        "outlets",
        sa.Column("pseudonym", sa.String(64), sa.ForeignKey("sources.pseudonym"), primary_key=True),
        sa.Column("name_mac", sa.String(64), nullable=False, unique=True),
        sa.Column("name_ct", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "source_identities",
        sa.Column("pseudonym", sa.String(64), sa.ForeignKey("sources.pseudonym"), primary_key=True),
        sa.Column("identity_ct", sa.LargeBinary, nullable=False),
        sa.Column("updated_on", sa.String(10), nullable=False),
    )
    op.create_table(
        "testimonies",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("testimony_id", sa.String(32), nullable=False),
        sa.Column("content_mac", sa.String(64), nullable=False, unique=True),
        sa.Column("sha256_ct", sa.LargeBinary, nullable=False),
        sa.Column("raw_ct", sa.LargeBinary, nullable=False),
        sa.Column("filename_ct", sa.LargeBinary, nullable=True),
        sa.Column("meta_ct", sa.LargeBinary, nullable=False),
        sa.Column("received_month", sa.String(7), nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("supersedes", sa.String(32), nullable=True),
        sa.Column("superseded_by", sa.String(32), nullable=True),
        sa.Column("mention_seq", sa.Integer, nullable=False),
        sa.Column("published", sa.String(10), nullable=True),
        sa.Column("url_ct", sa.LargeBinary, nullable=True),
        sa.Column("depends_on", sa.String(64), nullable=True),
    )
    op.create_table(
        "mentions",
        sa.Column("mention_id", sa.String(48), primary_key=True),
        sa.Column("testimony_id", sa.String(32), nullable=False),
        sa.Column("testimony_seq", sa.Integer, sa.ForeignKey("testimonies.seq"), nullable=False),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("payload_ct", sa.LargeBinary, nullable=False),
        sa.Column("evidence_ct", sa.LargeBinary, nullable=True),
        sa.Column("updated_on", sa.String(10), nullable=False),
    )
    op.create_index("ix_mentions_testimony_id", "mentions", ["testimony_id"])
    op.create_index("ix_mentions_order", "mentions", ["testimony_seq", "n"])
    op.create_index("ix_mentions_status_order", "mentions", ["status", "testimony_seq", "n"])
    op.create_table(
        "link_decisions",
        sa.Column("mention_a", sa.String(48), primary_key=True),
        sa.Column("mention_b", sa.String(48), primary_key=True),
        sa.Column("decision", sa.String(16), nullable=False),
        sa.Column("decided_by", sa.String(64), nullable=False),
        sa.Column("decided_on", sa.String(10), nullable=False),
    )
    op.create_table(
        "audit_events",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("on_day", sa.String(10), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("action", sa.String(64), nullable=False),
        sa.Column("target", sa.String(128), nullable=True),
        sa.Column("details", sa.Text, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("mac", sa.String(64), nullable=False),
        sa.Column("mac_key", sa.String(8), nullable=False),
    )


def downgrade() -> None:
    """Back to format 1's tables (empty: format-2 keys cannot be merged back into one shared key)."""
    _refuse_accounts()
    op.drop_index("ix_mentions_status_order", table_name="mentions")
    for table in _CHANGED:
        op.drop_table(table)
    from importlib import import_module

    first = import_module("casework.store.migrations.versions.0001_initial")
    for table in reversed(_CHANGED):
        if table != "outlets":  # 0004's, recreated by its own upgrade below
            first.create_one(table)
    op.create_index("ix_mentions_status_order", "mentions", ["status", "testimony_seq", "n"])
    import_module("casework.store.migrations.versions.0004_published_reports").upgrade()
