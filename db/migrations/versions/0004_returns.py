"""department return rounds

Revision ID: 0004_returns
Revises: 0003
Create Date: 2026-12-03 11:44:03

Three new tables, nothing else touched: a round per plan (name, period, deadline, requested
fields), the sheet sent to each unit (file hash, locked-content checksum) and every file
collected (hash, rows changed, cells refused and why, as JSON).
"""

from alembic import op
import sqlalchemy as sa


revision = '0004_returns'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('return_round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('fields', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['plan.id'], name=op.f('fk_return_round_plan_id_plan'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_round')),
    sa.UniqueConstraint('plan_id', 'name', name=op.f('uq_return_round_plan_id'))
    )
    with op.batch_alter_table('return_round', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_return_round_plan_id'), ['plan_id'], unique=False)

    op.create_table('return_receipt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('rows_changed', sa.Integer(), nullable=False),
    sa.Column('cells_changed', sa.Integer(), nullable=False),
    sa.Column('cells_refused', sa.Integer(), nullable=False),
    sa.Column('pending', sa.Integer(), nullable=False),
    sa.Column('problems', sa.Text(), nullable=False),
    sa.Column('undone', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_return_receipt_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['return_round.id'], name=op.f('fk_return_receipt_round_id_return_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_receipt'))
    )
    with op.batch_alter_table('return_receipt', schema=None) as batch_op:
        batch_op.create_index('ix_return_receipt_hash', ['round_id', 'file_hash'], unique=False)
        batch_op.create_index('ix_return_receipt_round_unit', ['round_id', 'organization_id'], unique=False)

    op.create_table('return_send',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('file_hash', sa.String(length=64), nullable=False),
    sa.Column('checksum', sa.String(length=64), nullable=False),
    sa.Column('projects', sa.Integer(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organization_id'], ['organization.id'], name=op.f('fk_return_send_organization_id_organization'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['round_id'], ['return_round.id'], name=op.f('fk_return_send_round_id_return_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_return_send')),
    sa.UniqueConstraint('round_id', 'organization_id', name=op.f('uq_return_send_round_id'))
    )


def downgrade() -> None:
    op.drop_table('return_send')
    with op.batch_alter_table('return_receipt', schema=None) as batch_op:
        batch_op.drop_index('ix_return_receipt_round_unit')
        batch_op.drop_index('ix_return_receipt_hash')

    op.drop_table('return_receipt')
    with op.batch_alter_table('return_round', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_return_round_plan_id'))

    op.drop_table('return_round')
