"""Plans (工作方案 / 规划 / 行动计划) and their sections (重点任务 / 攻坚战 campaigns)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Timestamped, Versioned


class Plan(Timestamped, Versioned, Base):
    """A yearly work plan or a multi-year action plan; several live in one database."""

    __tablename__ = "plan"
    __table_args__ = (
        CheckConstraint("length(trim(title)) > 0", name="title_not_blank"),
        CheckConstraint("year_start BETWEEN 1990 AND 2100", name="year_start_range"),
        CheckConstraint(
            "year_end IS NULL OR year_end BETWEEN 1990 AND 2100", name="year_end_range"
        ),
        CheckConstraint("year_end IS NULL OR year_end >= year_start", name="year_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300), unique=True)
    region: Mapped[str | None] = mapped_column(String(100))
    year_start: Mapped[int] = mapped_column(Integer)
    year_end: Mapped[int | None] = mapped_column(Integer)
    doc_number: Mapped[str | None] = mapped_column(String(100))
    issuer: Mapped[str | None] = mapped_column(String(200))
    issue_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    # The 附件2 (rectification list) title as the office wrote it; None: "<title>问题排查汇总表".
    rectifications_title: Mapped[str | None] = mapped_column(Text)
    # Year rollover keeps the link to the edition a plan was started from.
    previous_plan_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id", ondelete="SET NULL"))

    sections: Mapped[list[Section]] = relationship(
        back_populates="plan", order_by="Section.position", cascade="all, delete-orphan"
    )

    @property
    def years_label(self) -> str:
        if self.year_end and self.year_end != self.year_start:
            return f"{self.year_start}-{self.year_end}"
        return str(self.year_start)


class Section(Versioned, Base):
    """A campaign row of the project table, e.g. "(三)深入打好碧水保卫战"."""

    __tablename__ = "section"
    __table_args__ = (
        UniqueConstraint("plan_id", "position"),
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))

    plan: Mapped[Plan] = relationship(back_populates="sections")
