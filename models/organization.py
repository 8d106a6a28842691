"""Organizations (责任单位): departments, towns/streets, parks, enterprises, and groups.

One body has one row; its other spellings live in OrganizationAlias so that "资规分局" and
"钟楼自然资源和规划分局" resolve to the same unit. "各板块" is a group meaning all towns/streets.
"""

from __future__ import annotations

import enum

from sqlalchemy import CheckConstraint, Enum, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, Versioned


class OrgKind(enum.StrEnum):
    DEPARTMENT = "department"  # 部门 (区住建局)
    TOWN = "town"  # 镇
    STREET = "street"  # 街道
    PARK = "park"  # 园区 (经开区, 高新园)
    ENTERPRISE = "enterprise"  # 企业
    GROUP = "group"  # 各板块: all towns and streets
    OTHER = "other"


class Organization(Versioned, Base):
    __tablename__ = "organization"
    __table_args__ = (CheckConstraint("length(trim(name)) > 0", name="name_not_blank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(100))
    kind: Mapped[OrgKind] = mapped_column(
        Enum(OrgKind, native_enum=False, length=20, values_callable=lambda e: [m.value for m in e]),
        default=OrgKind.OTHER,
    )

    aliases: Mapped[list[OrganizationAlias]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class OrganizationAlias(Base):
    __tablename__ = "organization_alias"

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    # Stored normalized (see services.organizations.normalize_name) for exact look-ups.
    alias: Mapped[str] = mapped_column(String(200), unique=True)

    organization: Mapped[Organization] = relationship(back_populates="aliases")
