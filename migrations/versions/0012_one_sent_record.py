"""One record of what was sent once: the weekly declaration prompts and reminders join the other
reminders in reminder_sent (reminder "declaration-prompt" or "declaration-reminder", occurrence
the week, target the promeneur)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-29 21:15:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute(
        'INSERT INTO reminder_sent (reminder, occurrence, "offset", target, sent_at, dropped) '
        "SELECT 'declaration-' || kind, week, '', user_id, sent_at, false "
        "FROM declaration_prompt"
    )
    op.drop_table('declaration_prompt')


def downgrade() -> None:
    op.create_table('declaration_prompt',
    sa.Column('user_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('week', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', 'week', 'kind')
    )
    op.execute(
        "INSERT INTO declaration_prompt (user_id, week, kind, sent_at) "
        "SELECT target, occurrence, substr(reminder, 13), sent_at FROM reminder_sent "
        "WHERE reminder LIKE 'declaration-%'"
    )
    op.execute("DELETE FROM reminder_sent WHERE reminder LIKE 'declaration-%'")
