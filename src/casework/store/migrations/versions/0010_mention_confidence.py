"""Mention confidence: a plain 0-100 score per mention, and an index to page the review queue by it.

The score says how much of a suggested mention the extractor read from the text
(:mod:`casework.extract.confidence`); the review queue can be sorted by it. Mentions
stored before this revision have none (NULL): their payload is sealed, so the migration
cannot compute it; the desk scores them the first time a reviewer sorts by confidence.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

INDEX = "ix_mentions_status_confidence"


def upgrade() -> None:
    # Plain ADD/DROP COLUMN, not batch mode (SQLite would copy the table; see 0004).
    op.add_column("mentions", sa.Column("confidence", sa.Integer, nullable=True))
    op.create_index(INDEX, "mentions", ["status", "confidence", "testimony_seq", "n"])


def downgrade() -> None:
    op.drop_index(INDEX, table_name="mentions")
    op.execute("ALTER TABLE mentions DROP COLUMN confidence")
