"""Department return rounds (填报): what was sent to each unit and what came back.

A round (e.g. 2023年第一季度) belongs to one plan and asks for some progress fields of one
reporting period by a deadline. Each responsible unit gets one sheet (a `ReturnSend`, with the
sent file's hash); every file collected for the round is a `ReturnReceipt` with its hash, the
rows it changed and the cells that were refused and why. Plain data; the rules live in
services/returns.py.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow
from models.organization import Organization


class ReturnRound(Base):
    __tablename__ = "return_round"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))  # 2023年第一季度
    period: Mapped[str] = mapped_column(String(10))  # services.progress period label: 2023Q1
    deadline: Mapped[date | None] = mapped_column(Date)
    fields: Mapped[str] = mapped_column(Text)  # requested field keys, comma-separated
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    sends: Mapped[list[ReturnSend]] = relationship(
        back_populates="round", cascade="all, delete-orphan", passive_deletes=True
    )


class ReturnSend(Base):
    """The sheet one unit was sent in a round (sent again = this row updated)."""

    __tablename__ = "return_send"
    __table_args__ = (UniqueConstraint("round_id", "organization_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("return_round.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(300))
    file_hash: Mapped[str] = mapped_column(String(64))  # sha256 of the file as written
    checksum: Mapped[str] = mapped_column(String(64))  # of the locked content (hidden sheet)
    projects: Mapped[int] = mapped_column(Integer)
    sent_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    round: Mapped[ReturnRound] = relationship(back_populates="sends")
    organization: Mapped[Organization] = relationship(lazy="joined")


class ReturnReceipt(Base):
    """One file collected for a unit of a round. `problems` is JSON: the refused cells, the
    locked-cell changes and added rows, each located (sheet, row, column, value, reason), so
    nothing a unit sent back is lost even when it was not applied."""

    __tablename__ = "return_receipt"
    __table_args__ = (
        Index("ix_return_receipt_round_unit", "round_id", "organization_id"),
        Index("ix_return_receipt_hash", "round_id", "file_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("return_round.id", ondelete="CASCADE"))
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="CASCADE"))
    file_name: Mapped[str] = mapped_column(String(300))
    file_hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    rows_changed: Mapped[int] = mapped_column(Integer, default=0)
    cells_changed: Mapped[int] = mapped_column(Integer, default=0)
    cells_refused: Mapped[int] = mapped_column(Integer, default=0)
    pending: Mapped[int] = mapped_column(Integer, default=0)  # locked changes / rows not approved
    problems: Mapped[str] = mapped_column(Text, default="[]")
    undone: Mapped[bool] = mapped_column(default=False)  # its changes were undone

    organization: Mapped[Organization] = relationship(lazy="joined")
