"""Entries remember the page count of their PDF (Phụ lục VI field 10, PageAmount).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("register_entries") as table:
        table.add_column(sa.Column("page_amount", sa.Integer, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("register_entries") as table:
        table.drop_column("page_amount")
