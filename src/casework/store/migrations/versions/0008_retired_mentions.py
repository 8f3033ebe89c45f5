"""Retired mentions: a corrected testimony's earlier versions no longer count.

Only the newest version of a testimony is extracted, linked, counted and published.
From now on a correction sets the old version's mentions to ``retired`` as it is
stored; this revision does the same for corrections made before, so that a store
corrected under an older Casework stops counting both versions. The mentions stay,
with their payload, for the audit trail. No column changes (``status`` is plain text).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "UPDATE mentions SET status = 'retired' WHERE testimony_id IN "
        "(SELECT testimony_id FROM testimonies WHERE superseded_by IS NOT NULL)"
    )


def downgrade() -> None:
    # Older Casework knows no 'retired'; 'rejected' is the status it leaves out of linkage.
    op.execute("UPDATE mentions SET status = 'rejected' WHERE status = 'retired'")
