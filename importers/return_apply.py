"""Applying collected returns: what the office approved, as one undoable operation.

All approved diffs of one round go in one operation (services.operations: run_op or a
one-call `writing`): a receipt per file (hash, rows changed,
cells refused and why), this period's progress reports through services.report_bulk (set_reports' bulk twin)
and — only where the office approved them — locked project cells through
services.ledger.set_fields. The result carries both inverses, so undo (and redo) is the same
two bulk calls again. When a lead and a cooperating unit report different values for one
project in the same batch, the lead unit's value is taken and the other is refused, located.
Headless: never import Qt here.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from importers.issues import ImportIssue
from importers.return_diff import CellChange, UnitDiff
from models import ReturnReceipt, ReturnRound
from services import ledger, writer
from services.errors import LedgerError
from services.ledger import ChangeSet
from services.operations import writing
from services.report_bulk import set_reports_fast


@dataclass
class AppliedReturns:
    """What one apply wrote, and how to take it back."""

    round_id: int
    period: str
    receipt_ids: list[int] = field(default_factory=list)
    report_changes: dict[int, dict] = field(default_factory=dict)
    ledger_changes: dict[int, dict] = field(default_factory=dict)
    report_inverse: dict[int, dict] = field(default_factory=dict)
    ledger_inverse: dict[int, dict] = field(default_factory=dict)
    change: ChangeSet = field(default_factory=ChangeSet)
    files: int = 0
    rows_changed: int = 0
    cells_changed: int = 0
    cells_refused: int = 0
    pending: int = 0


def _resolve_conflicts(diffs: list[UnitDiff]) -> None:
    """One value per project field: the lead unit's wins; the other cell is refused."""
    taken: dict[tuple[int, str], tuple[UnitDiff, CellChange]] = {}
    for diff in diffs:
        for change in list(diff.changes):
            key = (change.project_id, change.target)
            held = taken.get(key)
            if held is None:
                taken[key] = (diff, change)
                continue
            other_diff, other = held
            if other.value == change.value:
                continue
            lead_here = change.project_id in diff.lead_ids
            lead_there = change.project_id in other_diff.lead_ids
            if lead_here and not lead_there:  # the lead unit's value replaces the other one
                loser_diff, loser, winner = other_diff, other, diff
                taken[key] = (diff, change)
            else:
                loser_diff, loser, winner = diff, change, other_diff
            rule = "牵头单位优先" if lead_here != lead_there else "先收到的优先"
            loser_diff.changes.remove(loser)
            loser_diff.refused.append(
                ImportIssue(
                    loser_diff.file.sheet,
                    loser.row,
                    loser.column,
                    loser.header,
                    loser.new,
                    f"与{winner.unit}的填报“{_value_text(winner, key)}”不一致，以{winner.unit}为准"
                    f"（{rule}） (conflicts with another unit's return)",
                )
            )


def _value_text(diff: UnitDiff, key: tuple[int, str]) -> str:
    return next(c.new for c in diff.changes if (c.project_id, c.target) == key)


def _problems(diff: UnitDiff, accepted: bool) -> list[dict]:
    def entry(kind: str, issue: ImportIssue) -> dict:
        return {"kind": kind, **issue.to_dict(), "text": str(issue)}

    items = [entry("refused", i) for i in diff.refused]
    for change in diff.locked:
        items.append(
            {
                "kind": "locked",
                "sheet": diff.file.sheet,
                "row": change.row,
                "column": change.column,
                "header": change.header,
                "value": change.new,
                "old": change.old,
                "reason": "锁定单元格被改动，已审核写入"
                if accepted
                else "锁定单元格被改动，待办公室审核",
                "text": f"{diff.file.sheet} 第{change.row}行 {change.column}列({change.header}) "
                f"“{change.old}”→“{change.new}”",
            }
        )
    items += [entry("added", i) for i in diff.added]
    items += [entry("warning", i) for i in diff.warnings]
    return items


def apply_returns(
    session: Session,
    diffs: list[UnitDiff],
    *,
    accept_locked: Collection[int] = (),
    user: str | None = None,
) -> AppliedReturns:
    """Write every usable diff (of one round) in one transaction. `accept_locked` are the unit
    ids whose locked-cell changes the office approved; the others stay pending."""
    usable = [d for d in diffs if d.usable]
    if not usable:
        raise LedgerError("没有可导入的填报表 (no usable return)")
    rounds = {d.round_id for d in usable}
    if len(rounds) > 1:
        raise LedgerError("一次只能收取一个轮次的填报表 (one round at a time)")
    _resolve_conflicts(usable)
    round_id = usable[0].round_id
    if round_id is None:  # a usable diff has matched its round
        raise LedgerError("填报表未对应轮次 (the return matches no round)")
    applied = AppliedReturns(round_id, usable[0].period)
    receipts = []
    for diff in usable:
        accepted = diff.unit_id in accept_locked
        for change in diff.changes:
            applied.report_changes.setdefault(change.project_id, {})[change.target] = change.value
        if accepted:
            for change in diff.locked:
                applied.ledger_changes.setdefault(change.project_id, {})[change.target] = (
                    change.value
                )
        rows = {c.project_id for c in diff.changes} | (
            {c.project_id for c in diff.locked} if accepted else set()
        )
        cells = len(diff.changes) + (len(diff.locked) if accepted else 0)
        pending = (0 if accepted else len(diff.locked)) + len(diff.added)
        receipts.append(
            ReturnReceipt(
                round_id=diff.round_id,
                organization_id=diff.unit_id,
                file_name=diff.file.file_name,
                file_hash=diff.file.file_hash,
                rows_changed=len(rows),
                cells_changed=cells,
                cells_refused=len(diff.refused),
                pending=pending,
                problems=json.dumps(_problems(diff, accepted), ensure_ascii=False),
            )
        )
        applied.files += 1
        applied.rows_changed += len(rows)
        applied.cells_changed += cells
        applied.cells_refused += len(diff.refused)
        applied.pending += pending
    # One operation: the receipts, the approved project edits and the reports commit together
    # (or, on any refusal, none of them).
    with writing(session, user=user) as op:
        session.add_all(receipts)
        session.flush()
        applied.receipt_ids = [r.id for r in receipts]
        op.note("return_receipt", plan_ids=[_plan_of(session, applied.round_id)])
        _write(session, applied, applied.ledger_changes, applied.report_changes, user, forward=True)
    return applied


def _plan_of(session: Session, round_id: int) -> int:
    round_ = session.get(ReturnRound, round_id)
    if round_ is None:
        raise LedgerError(f"填报轮次不存在 (no such return round): {round_id}")
    return round_.plan_id


def _write(session, applied, ledger_changes, report_changes, user, *, forward: bool) -> None:
    change = ChangeSet()
    if ledger_changes:
        done = ledger.set_fields(session, ledger_changes, user=user)
        if forward:
            applied.ledger_inverse = done.inverse
        change.changed_ids |= done.changed_ids
        change.fields |= done.fields
        change.plan_ids |= done.plan_ids
        change.totals_touched |= done.totals_touched
    reports = set_reports_fast(session, applied.period, report_changes, user=user)
    if forward:
        applied.report_inverse = reports.inverse
    change.changed_ids |= reports.changed_ids
    change.fields |= reports.fields
    change.plan_ids |= reports.plan_ids
    applied.change = change


def undo_returns(
    session: Session, applied: AppliedReturns, *, user: str | None = None
) -> ChangeSet:
    """Take an apply back in one operation; its receipts are kept, marked undone."""
    return _switch(session, applied, user, undone=True)


def redo_returns(
    session: Session, applied: AppliedReturns, *, user: str | None = None
) -> ChangeSet:
    return _switch(session, applied, user, undone=False)


def _switch(session: Session, applied: AppliedReturns, user: str | None, *, undone: bool):
    """Undo (the inverse changes) or redo (the changes) an apply, its receipts marked so."""
    with writing(session, user=user) as op:
        marks = {receipt_id: {"undone": undone} for receipt_id in applied.receipt_ids}
        writer.update_rows(session, ReturnReceipt.__table__, marks)
        op.note("return_receipt", plan_ids=[_plan_of(session, applied.round_id)])
        if undone:
            ledger, reports = applied.ledger_inverse, applied.report_inverse
        else:
            ledger, reports = applied.ledger_changes, applied.report_changes
        _write(session, applied, ledger, reports, user, forward=not undone)
    return applied.change
