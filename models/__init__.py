"""The ledger's data model (SQLAlchemy 2 typed declarative).

Plain Python: this package must never import Qt. Import the models from here.
"""

from models.audit import AuditEntry
from models.base import Base, DecimalText, Money
from models.organization import Organization, OrganizationAlias, OrgKind
from models.plan import Plan, Section
from models.project import ConstructionKind, OwnerRole, Project, ProjectOwner, ProjectStatus
from models.returns import ReturnReceipt, ReturnRound, ReturnSend
from models.tracking import (
    Indicator,
    IndicatorDirection,
    IndicatorValue,
    KeyTask,
    KeyTaskOwner,
    KeyTaskProject,
    ProgressReport,
    Rectification,
    RectificationStatus,
    RectificationTown,
)

__all__ = [
    "AuditEntry",
    "Base",
    "ConstructionKind",
    "DecimalText",
    "Indicator",
    "IndicatorDirection",
    "IndicatorValue",
    "KeyTask",
    "KeyTaskOwner",
    "KeyTaskProject",
    "Money",
    "OrgKind",
    "Organization",
    "OrganizationAlias",
    "OwnerRole",
    "Plan",
    "ProgressReport",
    "Project",
    "ProjectOwner",
    "ProjectStatus",
    "Rectification",
    "RectificationStatus",
    "RectificationTown",
    "ReturnReceipt",
    "ReturnRound",
    "ReturnSend",
    "Section",
]
