"""The audit log keeps what came of each change: done, refused or failed

Revision ID: 0016
Revises: 0015
Create Date: 2026-11-30 07:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('audit_entry') as table:
        table.add_column(
            sa.Column(
                'outcome',
                sqlmodel.sql.sqltypes.AutoString(),
                nullable=False,
                server_default='fait',
            )
        )


def downgrade() -> None:
    with op.batch_alter_table('audit_entry') as table:
        table.drop_column('outcome')
