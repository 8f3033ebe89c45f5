"""Keyed fingerprints of identity phrases, so every role can check drafts against identities.

The table holds a keyed MAC per identifying phrase (name, given name, phone digits,
contact) and its kind, and no pseudonym: see :mod:`casework.store.fingerprints`.
Existing identities get their fingerprints the next time a holder of the identity
key changes any identity (or runs ``casework rekey``).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "identity_fingerprints",
        sa.Column("fingerprint", sa.String(32), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("identity_fingerprints")
