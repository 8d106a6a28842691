"""The undoable changes to a plan's sections the plan tree makes: add, delete, rename, move.

Each is one operation through services.plans. A deleted section comes back with a new id on
undo; commands made earlier follow that chain, so undo/redo across a delete stays correct.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication

from app.context import AppContext, Session
from app.operations import OpCommand
from services import plans as plan_service
from services.operations import Operation

# A section deleted and brought back by undo (or re-added by redo): old id → new id.
_replaced_sections: dict[int, int] = {}


def current_section_id(section_id: int) -> int:
    """The id the section has now, after any delete/undo round trips."""
    while section_id in _replaced_sections:
        section_id = _replaced_sections[section_id]
    return section_id


class SectionPresenceCommand(OpCommand):
    """Adds a section (`adds=True`) or deletes one; undo does the other."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        plan_id: int,
        name: str,
        position: int | None,
        section_id: int | None = None,
        *,
        adds: bool,
    ) -> None:
        super().__init__(ctx, text)
        self.plan_id, self.name, self.position = plan_id, name, position
        self.section_id, self.adds = section_id, adds

    def _create(self, session: Session) -> None:
        new = plan_service.add_section(session, self.plan_id, self.name, self.position).id
        if self.section_id is None:
            self.section_id = new
        elif new != current_section_id(self.section_id):
            _replaced_sections[current_section_id(self.section_id)] = new

    def _remove(self, session: Session) -> None:
        plan_service.delete_section(session, current_section_id(self.section_id))

    def forward(self, op: Operation) -> None:
        (self._create if self.adds else self._remove)(op.session)

    def backward(self, op: Operation) -> None:
        (self._remove if self.adds else self._create)(op.session)


class SectionEditCommand(OpCommand):
    """Renames or moves a section: `change(session, id, value)` returns the old value, which
    undo writes back the same way."""

    def __init__(
        self,
        ctx: AppContext,
        text: str,
        change: Callable[[Session, int, object], object],
        section_id: int,
        value: object,
    ) -> None:
        super().__init__(ctx, text)
        self.change, self.section_id, self.value = change, section_id, value
        self.old: object = None

    def forward(self, op: Operation) -> None:
        self.old = self.change(op.session, current_section_id(self.section_id), self.value)

    def backward(self, op: Operation) -> None:
        self.change(op.session, current_section_id(self.section_id), self.old)


def add_section_command(ctx: AppContext, plan_id: int, name: str, position: int | None):
    text = QCoreApplication.translate("PlanTree", "Add section “%1”").replace("%1", name)
    return SectionPresenceCommand(ctx, text, plan_id, name, position, adds=True)


def delete_section_command(
    ctx: AppContext, plan_id: int, section_id: int, name: str, position: int
) -> SectionPresenceCommand:
    text = QCoreApplication.translate("PlanTree", "Delete section “%1”").replace("%1", name)
    return SectionPresenceCommand(ctx, text, plan_id, name, position, section_id, adds=False)


def rename_section_command(ctx: AppContext, section_id: int, name: str) -> SectionEditCommand:
    text = QCoreApplication.translate("PlanTree", "Rename section to “%1”").replace("%1", name)
    return SectionEditCommand(ctx, text, plan_service.rename_section, section_id, name)


def move_section_command(ctx: AppContext, section_id: int, position: int) -> SectionEditCommand:
    text = QCoreApplication.translate("PlanTree", "Move section")
    return SectionEditCommand(ctx, text, plan_service.move_section, section_id, position)
