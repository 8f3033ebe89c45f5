"""Published reports: outlet sources, publication date, URL and the outlet a re-report credits.

A news outlet's article is a second kind of testimony. Its source is the outlet,
under a pseudonym created on first use (``sources.kind = 'outlet'``); the outlet's
name is sealed and found again through a keyed MAC, as testimony bytes are. A
report's publication date stays plain (it is public and orders reports); its URL
is sealed like every other field of the material the desk holds; ``depends_on``
names the outlet (a source pseudonym) a re-report credits, so corroboration counts
the origin once.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Plain ADD/DROP COLUMN, not batch mode: SQLite would copy and drop ``testimonies``,
    # which the foreign keys of ``mentions`` forbid.
    op.add_column("sources", sa.Column("kind", sa.String(16), nullable=False, server_default="person"))
    op.create_table(
        "outlets",
        sa.Column("pseudonym", sa.String(64), sa.ForeignKey("sources.pseudonym"), primary_key=True),
        sa.Column("name_mac", sa.String(64), nullable=False, unique=True),
        sa.Column("name_ct", sa.LargeBinary, nullable=False),
    )
    op.add_column("testimonies", sa.Column("published", sa.String(10), nullable=True))
    op.add_column("testimonies", sa.Column("url_ct", sa.LargeBinary, nullable=True))
    op.add_column("testimonies", sa.Column("depends_on", sa.String(64), nullable=True))


def downgrade() -> None:
    for column in ("depends_on", "url_ct", "published"):
        op.execute(f"ALTER TABLE testimonies DROP COLUMN {column}")
    op.drop_table("outlets")
    op.execute("ALTER TABLE sources DROP COLUMN kind")
