"""Attendance answered by a reaction keeps the reaction's event: removing it withdraws the answer

Revision ID: 0015
Revises: 0014
Create Date: 2026-11-30 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('meeting_attendance') as table:
        table.add_column(
            sa.Column('reaction_event_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('meeting_attendance') as table:
        table.drop_column('reaction_event_id')
