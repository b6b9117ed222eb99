"""Trainings followed outside the network's sessions, and training needs

Revision ID: 0020
Revises: 0019
Create Date: 2026-11-30 08:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'training_record',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_event_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('hours', sa.Float(), nullable=False),
        sa.Column('recorded_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('source_event_id'),
    )
    with op.batch_alter_table('training_record') as table:
        table.create_index(table.f('ix_training_record_user_id'), ['user_id'], unique=False)
    op.create_table(
        'training_need',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_event_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('topic', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('noted_by', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column('noted_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('source_event_id'),
    )
    with op.batch_alter_table('training_need') as table:
        table.create_index(table.f('ix_training_need_user_id'), ['user_id'], unique=False)


def downgrade() -> None:
    op.drop_table('training_need')
    op.drop_table('training_record')
