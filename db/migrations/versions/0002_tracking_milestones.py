"""tracking: project milestones and the latest-report index

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 18:05:00

Minimal on purpose: one new table (optional schedule points per project) and one composite
index that turns "each project's latest progress report up to a date" into an index walk.
"""

from alembic import op
import sqlalchemy as sa
import models.base


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('project_milestone',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('due', sa.Date(), nullable=False),
    sa.Column('pct', models.base.Money(), nullable=False),
    sa.CheckConstraint('pct BETWEEN 0 AND 10000', name=op.f('ck_project_milestone_pct_range')),
    sa.ForeignKeyConstraint(['project_id'], ['project.id'], name=op.f('fk_project_milestone_project_id_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project_milestone')),
    sa.UniqueConstraint('project_id', 'due', name=op.f('uq_project_milestone_project_id'))
    )
    with op.batch_alter_table('project_milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_milestone_project_id'), ['project_id'], unique=False)
    with op.batch_alter_table('progress_report', schema=None) as batch_op:
        batch_op.create_index('ix_progress_report_project_end', ['project_id', 'period_end'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('progress_report', schema=None) as batch_op:
        batch_op.drop_index('ix_progress_report_project_end')
    with op.batch_alter_table('project_milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_milestone_project_id'))
    op.drop_table('project_milestone')
