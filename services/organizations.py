"""Responsible units: name normalization, alias resolution, and creating new units.

"资规分局" and "钟楼自然资源和规划分局" are one body; "邹区镇" is "高新园(邹区镇)". Look-ups go
through one normalized key (NFKC: full-width brackets become half-width, spaces removed).
"""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Organization, OrganizationAlias, OrgKind
from services.parsing import normalize_text

GROUP_ALL_AREAS = "各板块"  # counts for every town and street

_KIND_RULES: list[tuple[str, OrgKind]] = [
    (r"^各板块$", OrgKind.GROUP),
    (r"街道$", OrgKind.STREET),
    (r"\((.*镇)\)$|镇$", OrgKind.TOWN),
    (r"(公司|厂|集团)$", OrgKind.ENTERPRISE),
    (r"(经开区|开发区|园区|高新区|园)$", OrgKind.PARK),
    (r"(局|分局|委|办|办公室|中心|部|所|站|队|院|政府)$", OrgKind.DEPARTMENT),
]


def normalize_name(name: str) -> str:
    """The look-up key of a unit name: NFKC folded, inner spaces removed."""
    return re.sub(r"\s+", "", normalize_text(name))


def guess_kind(name: str) -> OrgKind:
    key = normalize_name(name)
    for pattern, kind in _KIND_RULES:
        if re.search(pattern, key):
            return kind
    return OrgKind.OTHER


def is_area(org: Organization) -> bool:
    """Towns, streets and parks-with-a-town are the district's 板块."""
    return org.kind in (OrgKind.TOWN, OrgKind.STREET)


class OrganizationResolver:
    """Maps names to organizations within one session, creating missing ones on demand.

    Loads all names and aliases once, so an import of 100k rows does no per-row queries.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._by_key: dict[str, Organization] = {}
        self.created: list[Organization] = []
        for org in session.scalars(select(Organization)):
            self._by_key[normalize_name(org.name)] = org
            if org.short_name:
                self._by_key.setdefault(normalize_name(org.short_name), org)
        for alias in session.scalars(select(OrganizationAlias)):
            self._by_key.setdefault(alias.alias, alias.organization)

    def find(self, name: str) -> Organization | None:
        return self._by_key.get(normalize_name(name))

    def resolve(self, name: str) -> Organization:
        org = self.find(name)
        if org is None:
            clean = normalize_text(name)
            org = Organization(name=clean, kind=guess_kind(clean))
            self.session.add(org)
            self._by_key[normalize_name(clean)] = org
            self.created.append(org)
        return org

    def add_alias(self, org: Organization, alias: str) -> None:
        key = normalize_name(alias)
        if key in self._by_key:
            return
        org.aliases.append(OrganizationAlias(alias=key))
        self._by_key[key] = org


def search_organizations(session: Session, text: str, limit: int = 20) -> list[Organization]:
    """Completion for the owner picker: matches full name, short name or any alias."""
    key = f"%{normalize_name(text)}%"
    via_alias = select(OrganizationAlias.organization_id).where(OrganizationAlias.alias.like(key))
    query = (
        select(Organization)
        .where(
            Organization.name.like(key)
            | Organization.short_name.like(key)
            | Organization.id.in_(via_alias)
        )
        .order_by(Organization.name)
        .limit(limit)
    )
    return list(session.scalars(query))
