"""Incident history: every change of an incident id (created, changed, merged, split, retired).

Incident ids are cited outside the desk (reports, public datasets), so linkage keeps
them stable and records each change here: a merge names the incident that carries
on, a split names the incident it came from. The table holds ids, kinds, counts,
usernames and days only, nothing that quotes a testimony, so every column is plain
(the reasons are in docs/security.md); a cited id is resolved without any key.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incident_history",
        sa.Column("event_id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("incident_id", sa.String(48), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("other_id", sa.String(48), nullable=True),
        sa.Column("mentions", sa.Integer, nullable=True),
        sa.Column("via", sa.String(16), nullable=False),
        sa.Column("by_user", sa.String(64), nullable=False),
        sa.Column("on_day", sa.String(10), nullable=False),
    )
    op.create_index("ix_incident_history_incident_id", "incident_history", ["incident_id"])


def downgrade() -> None:
    op.drop_index("ix_incident_history_incident_id", table_name="incident_history")
    op.drop_table("incident_history")
