"""The Caf's evaluation field by field: young people counted per age group (declarations made
before name their groups with no number, {"15-17 ans": null}, so nothing is lost and nothing is
invented), and the quarter's number of young friends or followers of the professional profile

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-30 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

declaration = sa.table(
    'declaration', sa.column('id', sa.Integer), sa.column('age_groups', sa.JSON)
)


def _rewrite(change: object) -> None:
    connection = op.get_bind()
    rows = connection.execute(sa.select(declaration.c.id, declaration.c.age_groups)).all()
    for row_id, groups in rows:
        new = change(groups)  # type: ignore[operator]
        if new is not None:
            connection.execute(
                declaration.update().where(declaration.c.id == row_id).values(age_groups=new)
            )


def upgrade() -> None:
    op.add_column('declaration', sa.Column('young_friends', sa.Integer(), nullable=True))
    _rewrite(lambda groups: dict.fromkeys(groups) if isinstance(groups, list) else None)


def downgrade() -> None:
    _rewrite(lambda groups: list(groups) if isinstance(groups, dict) else None)
    with op.batch_alter_table('declaration') as batch:
        batch.drop_column('young_friends')
