"""The built-in sample: the 2023 钟楼 plan (附件1 56 projects, 附件2 8 rectifications).

Shipped as data inside the package (resources/sample), loaded in one transaction.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from importlib import resources

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import (
    Indicator,
    IndicatorDirection,
    Organization,
    OrganizationAlias,
    OrgKind,
    OwnerRole,
    Plan,
    Project,
    ProjectOwner,
    Rectification,
    Section,
)
from services.errors import LedgerError
from services.ledger import owners_text
from services.operations import writing
from services.organizations import OrganizationResolver, normalize_name
from services.parsing import parse_period

SAMPLE_TITLE = "2023年钟楼区生态文明建设工作方案"


def sample_data() -> dict:
    text = resources.files("resources.sample").joinpath("zhonglou_2023.json").read_text("utf-8")
    return json.loads(text)


def sample_workbook_path():
    """The official-layout workbook the sample was typed from (for import demos and tests)."""
    return resources.files("resources.sample").joinpath("zhonglou-2023-projects.xlsx")


def load_sample(session: Session) -> Plan:
    data = sample_data()
    meta = data["plan"]
    if session.scalar(select(Plan.id).where(Plan.title == meta["title"])):
        raise LedgerError(f"示例方案已存在 (the sample plan is already loaded): {meta['title']}")
    with writing(session) as op:
        resolver = OrganizationResolver(session)
        _seed_organizations(session, resolver, data["organizations"])
        plan = Plan(
            title=meta["title"],
            region=meta["region"],
            year_start=meta["year_start"],
            year_end=meta["year_end"],
            doc_number=meta["doc_number"],
            issuer=meta["issuer"],
            issue_date=date.fromisoformat(meta["issue_date"]),
            notes=meta.get("table_title"),
            rectifications_title=data.get("rectifications_title"),
        )
        session.add(plan)
        session.flush()
        for section_position, section_data in enumerate(data["sections"]):
            section = Section(plan=plan, name=section_data["name"], position=section_position)
            session.add(section)
            session.flush()
            for position, row in enumerate(section_data["projects"]):
                _add_project(session, resolver, plan, section, position, row)
        for position, row in enumerate(data.get("rectifications", [])):
            item = Rectification(
                plan_id=plan.id,
                position=position,
                seq_label=row["seq_label"],
                category=row["category"],
                description=row["description"],
                towns_text="、".join(row["towns"]),
            )
            item.towns = list(dict.fromkeys(resolver.resolve(name) for name in row["towns"]))
            session.add(item)
        for position, row in enumerate(data.get("indicators", [])):
            session.add(
                Indicator(
                    plan_id=plan.id,
                    position=position,
                    name=row["name"],
                    unit=row["unit"],
                    direction=IndicatorDirection(row["direction"]),
                    target=Decimal(row["target"]),
                    notes=row.get("notes"),
                )
            )
        session.flush()
        for table in ("plan", "section", "project", "indicator", "key_task", "rectification"):
            op.note(table, plan_ids=[plan.id], rows=True, totals=True)
    return plan


def _seed_organizations(session: Session, resolver: OrganizationResolver, rows: list[dict]) -> None:
    for row in rows:
        org = resolver.find(row["name"])
        if org is None:
            org = Organization(
                name=row["name"], short_name=row.get("short_name"), kind=OrgKind(row["kind"])
            )
            session.add(org)
            resolver._by_key[normalize_name(org.name)] = org
        for alias in row["aliases"]:
            if resolver.find(alias) is None:
                org.aliases.append(OrganizationAlias(alias=normalize_name(alias)))
                resolver._by_key[normalize_name(alias)] = org


def _add_project(session, resolver, plan, section, position, row) -> None:
    period = parse_period(row["period"])
    amount = row["planned_investment_wan"]
    project = Project(
        plan_id=plan.id,
        section_id=section.id,
        position=position,
        seq_label=row["seq_label"],
        project_type=row["project_type"],
        name=row["name"],
        content=row["content"],
        quantity=row["quantity"],
        planned_investment_wan=None if amount is None else Decimal(amount),
        start_year=period.start_year,
        end_year=period.end_year,
    )
    specs = [
        (name, OwnerRole.LEAD if i == 0 else OwnerRole.COOPERATING)
        for i, name in enumerate(row["owners"])
    ]
    for i, (name, role) in enumerate(specs):
        project.owners.append(
            ProjectOwner(position=i, organization=resolver.resolve(name), role=role)
        )
    project.owners_text = owners_text(specs)
    session.add(project)
