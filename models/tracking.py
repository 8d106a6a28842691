"""Year-round tracking: progress reports, indicators (工作目标), key tasks (重点任务) and
rectifications (问题整改). Plain data; the rules live in services/."""

from __future__ import annotations

import enum
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, DecimalText, Money, Versioned, utcnow
from models.organization import Organization
from models.project import OwnerRole, ProjectStatus, _str_enum


class ProgressReport(Versioned, Base):
    """One project's progress return for one period (quarter "2023Q2" or month "2023-05")."""

    __tablename__ = "progress_report"
    __table_args__ = (
        UniqueConstraint("project_id", "period"),
        # "Latest report per project up to a date" is a grouped max over this index (0002).
        Index("ix_progress_report_project_end", "project_id", "period_end"),
        # Stored in hundredths, so 100 % is 10000.
        CheckConstraint(
            "progress_pct IS NULL OR progress_pct BETWEEN 0 AND 10000", name="pct_range"
        ),
        CheckConstraint(
            "completed_investment_wan IS NULL OR completed_investment_wan >= 0",
            name="completed_non_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[str] = mapped_column(String(10))
    period_end: Mapped[date] = mapped_column(Date, index=True)
    # 完成比例 0..100: two exact places, stored like money.
    progress_pct: Mapped[Decimal | None] = mapped_column(Money)
    completed_investment_wan: Mapped[Decimal | None] = mapped_column(Money)  # 累计完成投资
    # Completed above planned investment must be confirmed explicitly.
    over_plan_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[ProjectStatus | None] = mapped_column(_str_enum(ProjectStatus))
    narrative: Mapped[str | None] = mapped_column(Text)  # 进展情况
    problems: Mapped[str | None] = mapped_column(Text)  # 存在问题
    next_steps: Mapped[str | None] = mapped_column(Text)  # 下步计划
    reporter: Mapped[str | None] = mapped_column(String(100))
    reported_on: Mapped[date | None] = mapped_column(Date)


class ProjectMilestone(Versioned, Base):
    """An optional schedule point of a project: by `due` it should be at `pct` % (0002).

    Without milestones the expected progress (序时进度) is linear over the construction period.
    """

    __tablename__ = "project_milestone"
    __table_args__ = (
        CheckConstraint("pct BETWEEN 0 AND 10000", name="pct_range"),
        UniqueConstraint("project_id", "due"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), index=True
    )
    due: Mapped[date] = mapped_column(Date)
    pct: Mapped[Decimal] = mapped_column(Money)  # percent points, two places, like progress_pct


class IndicatorDirection(enum.StrEnum):
    AT_MOST = "<="
    AT_LEAST = ">="
    EQUAL = "="


class Indicator(Versioned, Base):
    """A quantified goal of a plan, e.g. PM2.5 年均浓度 ≤ 31.5 微克/立方米."""

    __tablename__ = "indicator"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str | None] = mapped_column(String(50))
    direction: Mapped[IndicatorDirection] = mapped_column(_str_enum(IndicatorDirection, 2))
    target: Mapped[Decimal] = mapped_column(DecimalText)
    notes: Mapped[str | None] = mapped_column(Text)

    values: Mapped[list[IndicatorValue]] = relationship(
        back_populates="indicator", order_by="IndicatorValue.period", cascade="all, delete-orphan"
    )


class IndicatorValue(Versioned, Base):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id", ondelete="CASCADE"))
    period: Mapped[str] = mapped_column(String(10))
    actual: Mapped[Decimal] = mapped_column(DecimalText)
    notes: Mapped[str | None] = mapped_column(Text)

    indicator: Mapped[Indicator] = relationship(back_populates="values")


class KeyTask(Versioned, Base):
    """A row of the responsibility decomposition table (工作任务责任分解表)."""

    __tablename__ = "key_task"
    __table_args__ = (UniqueConstraint("plan_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    seq_label: Mapped[str | None] = mapped_column(String(20))
    campaign: Mapped[str | None] = mapped_column(String(200))  # 工作内容
    task: Mapped[str] = mapped_column(Text)  # 工作任务

    owners: Mapped[list[KeyTaskOwner]] = relationship(
        order_by="KeyTaskOwner.position", cascade="all, delete-orphan"
    )


class KeyTaskOwner(Base):
    __tablename__ = "key_task_owner"

    key_task_id: Mapped[int] = mapped_column(
        ForeignKey("key_task.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="RESTRICT"))
    role: Mapped[OwnerRole] = mapped_column(_str_enum(OwnerRole), default=OwnerRole.COOPERATING)

    organization: Mapped[Organization] = relationship(lazy="joined")


class KeyTaskProject(Base):
    """A project that implements a key task."""

    __tablename__ = "key_task_project"

    key_task_id: Mapped[int] = mapped_column(
        ForeignKey("key_task.id", ondelete="CASCADE"), primary_key=True
    )
    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )


class RectificationStatus(enum.StrEnum):
    OPEN = "open"  # 未整改
    IN_PROGRESS = "in_progress"  # 整改中
    CLOSED = "closed"  # 已销号


class Rectification(Versioned, Base):
    """An issue to rectify (附件2 问题排查汇总表), closed one by one (销号)."""

    __tablename__ = "rectification"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint("length(trim(description)) > 0", name="description_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    seq_label: Mapped[str | None] = mapped_column(String(20))
    category: Mapped[str | None] = mapped_column(Text)  # 问题类别
    description: Mapped[str] = mapped_column(Text)  # 内容描述
    towns_text: Mapped[str | None] = mapped_column(Text)  # 所属镇(街道), as printed
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RectificationStatus] = mapped_column(
        _str_enum(RectificationStatus), default=RectificationStatus.OPEN
    )
    closed_on: Mapped[date | None] = mapped_column(Date)
    evidence: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    towns: Mapped[list[Organization]] = relationship(secondary="rectification_town")


class RectificationTown(Base):
    __tablename__ = "rectification_town"

    rectification_id: Mapped[int] = mapped_column(
        ForeignKey("rectification.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="RESTRICT"), primary_key=True
    )
