"""The outgoing register: series counters and entries.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "register_series",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("body", sa.String(100), nullable=False),
        sa.Column("name", sa.String(50), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("last_number", sa.Integer, nullable=False),
        sa.UniqueConstraint("body", "name", "year", name="uq_register_series"),
    )
    op.create_table(
        "register_entries",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("series_id", sa.Integer, sa.ForeignKey("register_series.id"), nullable=False),
        sa.Column("body", sa.String(100), nullable=False),
        sa.Column("year", sa.Integer, nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("symbol", sa.String(60), nullable=False),
        sa.Column("kind", sa.String(60), nullable=False),
        sa.Column("type_name", sa.String(100), nullable=False),
        sa.Column("issued", sa.Date, nullable=False),
        sa.Column("organ_name", sa.Text, nullable=False),
        sa.Column("summary", sa.Text, nullable=False),
        sa.Column("signer_title", sa.Text, nullable=False),
        sa.Column("signer_name", sa.String(100), nullable=False),
        sa.Column("recipients", sa.Text, nullable=False),
        sa.Column("archive", sa.Text, nullable=False),
        sa.Column("search", sa.Text, nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("payload_sha256", sa.String(64), nullable=False),
        sa.Column("outputs", sa.Text, nullable=False),
        sa.Column("idempotency_key", sa.String(200), unique=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("void_reason", sa.Text),
        sa.Column("voided_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("series_id", "number", name="uq_register_entry_number"),
        sa.UniqueConstraint("body", "year", "number", "symbol", name="uq_register_entry_reference"),
    )
    op.create_index("ix_register_entries_year_body", "register_entries", ["year", "body"])


def downgrade() -> None:
    op.drop_index("ix_register_entries_year_body", "register_entries")
    op.drop_table("register_entries")
    op.drop_table("register_series")
