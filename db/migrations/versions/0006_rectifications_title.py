"""the 附件2 title as the office wrote it

Revision ID: 0006_rectifications_title
Revises: 0005_text_search
Create Date: 2026-12-03 12:35:00

The rectification list (附件2 问题排查汇总表) has a title of its own, e.g.
"2023年钟楼区国家《长江经济带生态环境警示片》披露问题举一反三问题排查汇总表"; the official export
wrote a generic "<plan>问题排查汇总表" instead. NULL keeps that generic title.
"""

import sqlalchemy as sa
from alembic import op

revision = '0006_rectifications_title'
down_revision = '0005_text_search'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.add_column(sa.Column("rectifications_title", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("plan") as batch:
        batch.drop_column("rectifications_title")
