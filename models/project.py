"""Engineering projects (工程项目) and their responsible units (责任部门/建设主体)."""

from __future__ import annotations

import enum
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Enum,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Money, Timestamped, Versioned
from models.organization import Organization


def _str_enum(cls: type[enum.Enum], length: int = 20) -> Enum:
    return Enum(
        cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )


class ProjectStatus(enum.StrEnum):
    PLANNED = "planned"  # 未开工
    IN_PROGRESS = "in_progress"  # 在建
    DONE = "done"  # 已建成
    SUSPENDED = "suspended"  # 暂停


class ConstructionKind(enum.StrEnum):
    NEW = "new"  # 新建
    CONTINUED = "continued"  # 续建 (carried over from last year's plan)


class OwnerRole(enum.StrEnum):
    LEAD = "lead"  # 牵头
    COOPERATING = "cooperating"  # 配合
    CONSTRUCTING = "constructing"  # 建设主体


class Project(Timestamped, Versioned, Base):
    __tablename__ = "project"
    __table_args__ = (
        CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),
        CheckConstraint(
            "planned_investment_wan IS NULL OR planned_investment_wan >= 0",
            name="investment_non_negative",
        ),
        CheckConstraint("quantity IS NULL OR quantity >= 0", name="quantity_non_negative"),
        CheckConstraint(
            "start_year IS NULL OR start_year BETWEEN 1990 AND 2100", name="start_year_range"
        ),
        CheckConstraint(
            "end_year IS NULL OR end_year BETWEEN 1990 AND 2100", name="end_year_range"
        ),
        CheckConstraint(
            "start_year IS NULL OR end_year IS NULL OR start_year <= end_year", name="period_order"
        ),
        # Table order is walked section by section along this covering index.
        Index("ix_project_section_order", "section_id", "position"),
        # One (plan, column) index per sortable column: a 1,000,000-row sort is an index walk
        # (~0.5 s) instead of a temp B-tree over the whole table (~6 s). Long texts are not indexed.
        Index("ix_project_plan_investment", "plan_id", "planned_investment_wan"),
        Index("ix_project_plan_name", "plan_id", "name"),
        Index("ix_project_plan_type", "plan_id", "project_type"),
        Index("ix_project_plan_owners", "plan_id", "owners_text"),
        Index("ix_project_plan_quantity", "plan_id", "quantity"),
        Index("ix_project_plan_period", "plan_id", "start_year", "end_year"),
        Index("ix_project_plan_status", "plan_id", "status"),
        Index("ix_project_plan_seq", "plan_id", "seq_label"),
        Index("ix_project_plan_kind", "plan_id", "construction_kind"),
        # Deleting a project nulls the carried_from_id of its successors: without this index
        # every delete scans the whole table (4.5 s for two rows at 1M).
        Index("ix_project_carried_from", "carried_from_id"),
        # The dashboard's project pass (services.aggregates.project_cube) groups a plan by
        # section × status × period summing investment: covering, it reads this index only
        # (~1 s at 1M) instead of every wide project row (~9 s).
        Index(
            "ix_project_plan_cube",
            "plan_id",
            "section_id",
            "status",
            "start_year",
            "end_year",
            "planned_investment_wan",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # plan_id duplicates section.plan_id on purpose: every grid query filters by plan first.
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"))
    section_id: Mapped[int] = mapped_column(ForeignKey("section.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    seq_label: Mapped[str | None] = mapped_column(String(20))  # 序号 as printed
    project_type: Mapped[str | None] = mapped_column(String(200))  # 项目类型
    name: Mapped[str] = mapped_column(String(300))  # 工程项目名称
    content: Mapped[str | None] = mapped_column(Text)  # 主要建设内容
    quantity: Mapped[int | None] = mapped_column(Integer)  # 项目数量
    planned_investment_wan: Mapped[Decimal | None] = mapped_column(
        Money
    )  # 计划投资(万元); None = "/"
    start_year: Mapped[int | None] = mapped_column(Integer)  # 建设期限
    end_year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[ProjectStatus] = mapped_column(
        _str_enum(ProjectStatus), default=ProjectStatus.PLANNED
    )
    construction_kind: Mapped[ConstructionKind] = mapped_column(
        _str_enum(ConstructionKind), default=ConstructionKind.NEW
    )
    remarks: Mapped[str | None] = mapped_column(Text)
    # "、"-joined owner names in role order; a sort/search key kept by services.ledger only.
    owners_text: Mapped[str] = mapped_column(Text, default="")
    # Year rollover: the project of last year's plan this one continues.
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("project.id", ondelete="SET NULL")
    )

    owners: Mapped[list[ProjectOwner]] = relationship(
        back_populates="project",
        order_by="ProjectOwner.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def period_label(self) -> str:
        if self.start_year is None and self.end_year is None:
            return ""
        if self.start_year == self.end_year or self.end_year is None:
            return str(self.start_year)
        if self.start_year is None:
            return str(self.end_year)
        return f"{self.start_year}-{self.end_year}"


class ProjectOwner(Base):
    """A responsible unit of a project, with its role and its place in the printed list.

    `plan_id`, `planned_investment_wan` and `is_first_lead` are DENORMALIZED copies kept by
    SQLite triggers (created in migration 0001; since 0003 a bulk importer of whole new projects
    writes them itself and the insert trigger stands aside): the dashboard's unit
    pass (services.aggregates.owner_cube: investment per unit × role, and per first-listed lead
    unit) must read a 1,000,000-project plan's 2.5M owner rows in about a second. Joining them
    to the wide project rows and finding each project's first lead with a correlated NOT EXISTS
    took 43-64 s; grouping `ix_project_owner_plan_cube` alone takes ~1 s. Triggers rather than
    service code keep every writer correct (ledger edits, bulk importers, rollover, undo of a
    delete, the benchmark generator): insert → copied from the project; the project's plan or
    investment changes → its owner rows follow; an owner row inserted, deleted or re-roled →
    its project's first lead recomputed. A migration that recreates project or project_owner
    (alembic batch mode) drops triggers and must create them again.
    """

    __tablename__ = "project_owner"
    __table_args__ = (
        Index("ix_project_owner_org", "organization_id", "project_id"),
        # owner_cube for a plan: a covering, already-grouped walk (no sort, no project rows).
        Index(
            "ix_project_owner_plan_cube",
            "plan_id",
            "organization_id",
            "role",
            "is_first_lead",
            "planned_investment_wan",
        ),
        # Small rows stored in primary-key order (project, position): a project's owners are
        # one B-tree seek away, which the dashboard's joins (sections, towns × 各板块) do
        # hundreds of thousands of times at 1M projects (~25 % faster than a rowid table).
        {"sqlite_with_rowid": False},
    )

    project_id: Mapped[int] = mapped_column(
        ForeignKey("project.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organization.id", ondelete="RESTRICT"))
    role: Mapped[OwnerRole] = mapped_column(_str_enum(OwnerRole), default=OwnerRole.COOPERATING)
    # Trigger-maintained copies (see the class docstring); read-only for Python code.
    plan_id: Mapped[int | None] = mapped_column(Integer)  # = project.plan_id
    planned_investment_wan: Mapped[Decimal | None] = mapped_column(Money)  # = the project's
    # 1 for the project's first-listed owner with role "lead" (the 牵头单位 the dashboard
    # counts a project under), else 0.
    is_first_lead: Mapped[bool | None] = mapped_column(Boolean)

    project: Mapped[Project] = relationship(back_populates="owners")
    organization: Mapped[Organization] = relationship(lazy="joined")
