"""Testimony originals: the bytes of a DOCX or PDF transcript as received, sealed beside its text.

A transcript received as a document is stored as its text (what extraction reads and
evidence points into) and, in this new nullable column, the document's own bytes,
sealed with the same key as the text, so the chain of custody starts at the file the
researcher was given. Plain-text testimony leaves it empty.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A plain ADD COLUMN (nullable): SQLite and PostgreSQL both do it in place, without copying a
    # table that mentions point to.
    op.add_column("testimonies", sa.Column("original_ct", sa.LargeBinary, nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE testimonies DROP COLUMN original_ct")
