"""Attendance confirmed by the coordination after each meeting, for participation rates

Revision ID: 0018
Revises: 0017
Create Date: 2026-11-30 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'meeting_presence',
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('occurrence', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('present', sa.Boolean(), nullable=False),
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('confirmed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('meeting_id', 'occurrence', 'user_id'),
    )
    with op.batch_alter_table('meeting_presence') as table:
        table.create_index(table.f('ix_meeting_presence_year'), ['year'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('meeting_presence') as table:
        table.drop_index(table.f('ix_meeting_presence_year'))
    op.drop_table('meeting_presence')
