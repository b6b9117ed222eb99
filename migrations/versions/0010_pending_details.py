"""Referral answers in short first: the entry just answered can be asked for in full, and the
dangers of the question come first again

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-29 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('pending_choice', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('answered', sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column('dangers', sa.JSON(), nullable=False, server_default='[]'))


def downgrade() -> None:
    with op.batch_alter_table('pending_choice', schema=None) as batch_op:
        batch_op.drop_column('dangers')
        batch_op.drop_column('answered')
