"""Publication ids are never used twice.

A case's public address is its id: once a case is unpublished (or gets a new address
when its district's name is added or taken away) no later case may take that address.
PostgreSQL's sequence never hands an id out twice; SQLite reuses the highest id after a
delete unless the table is AUTOINCREMENT, so on SQLite the table is rebuilt that way
(rows and ids kept).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table(
        "publications",
        recreate="always",
        table_kwargs={"sqlite_autoincrement": True},
    ):
        pass


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    with op.batch_alter_table("publications", recreate="always"):
        pass
