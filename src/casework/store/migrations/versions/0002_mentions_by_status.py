"""Mentions by review status: an index on (status, testimony_seq, n).

The review queue and its counters filter mentions by status and page them in
testimony order. Without this index both scan every mention (the web app measured
about 42 ms per count at 100,000 mentions); with it a count reads one index range
and a page is read in order, without a sort. Only plaintext columns are indexed.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEX = "ix_mentions_status_order"


def upgrade() -> None:
    op.create_index(INDEX, "mentions", ["status", "testimony_seq", "n"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="mentions")
