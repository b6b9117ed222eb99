"""The rooms that are someone's direct messages with the bot: created by the bot, or to which
they invited it as a direct message; personal data goes only there

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-29 20:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'direct_room',
        sa.Column('room_id', sa.String(), nullable=False),
        sa.Column('user_id', sa.String(), nullable=False),
        sa.Column('recorded_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('room_id'),
    )
    with op.batch_alter_table('direct_room', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_direct_room_user_id'), ['user_id'], unique=False)
    # The rooms an earlier version already used as someone's direct message; being private still
    # needs them encrypted with only the two of them in (checked at each use).
    op.execute(
        "INSERT INTO direct_room (room_id, user_id, recorded_at) "
        "SELECT dm_room_id, MIN(user_id), CURRENT_TIMESTAMP FROM declaration_preference "
        "WHERE dm_room_id IS NOT NULL AND dm_room_id <> '' GROUP BY dm_room_id"
    )


def downgrade() -> None:
    with op.batch_alter_table('direct_room', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_direct_room_user_id'))
    op.drop_table('direct_room')
