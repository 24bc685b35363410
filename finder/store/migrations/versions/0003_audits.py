"""Audits, their change history and comments.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _user_fk(name: str) -> sa.Column:
    return sa.Column(
        name, sa.Integer, sa.ForeignKey("users.id", ondelete="SET NULL"), nullable=True
    )


def upgrade() -> None:
    op.create_table(
        "audits",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "team_id",
            sa.Integer,
            sa.ForeignKey("teams.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        _user_fk("created_by"),
        _user_fk("updated_by"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_audits_team_id", "audits", ["team_id"])
    op.create_table(
        "audit_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "audit_id",
            sa.Integer,
            sa.ForeignKey("audits.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _user_fk("user_id"),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("rule_uid", sa.String(40), nullable=False),
        sa.Column("field", sa.String(60), nullable=False),
        sa.Column("old", sa.Text, nullable=False),
        sa.Column("new", sa.Text, nullable=False),
        sa.Column("why", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_events_audit_id", "audit_events", ["audit_id"])
    op.create_table(
        "audit_comments",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column(
            "audit_id",
            sa.Integer,
            sa.ForeignKey("audits.id", ondelete="CASCADE"),
            nullable=False,
        ),
        _user_fk("user_id"),
        sa.Column("rule_uid", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_audit_comments_audit_id", "audit_comments", ["audit_id"])


def downgrade() -> None:
    op.drop_table("audit_comments")
    op.drop_table("audit_events")
    op.drop_table("audits")
