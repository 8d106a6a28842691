"""The responsibility decomposition table (工作任务责任分解表) → a plan's key tasks.

序号 | 工作内容 | 工作任务 | 牵头单位 | 配合单位, found anywhere in a sheet by the generic tolerant
reader (importers.table): a 工作内容 cell merged down over its tasks applies to each of them, a
campaign row ("(二)深入打好蓝天保卫战") is used when there is no 工作内容 column, and a task
written the plan's way — "…(钟楼生态环境局牵头,区发改局、工信局、住建局配合)" — gives its units
when the unit columns are missing or blank. Everything is checked before anything is written;
then all tasks are inserted in one audited transaction (undo: delete the returned ids).

Never write before the whole file has been checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from importers.issues import ERROR, HasIssues, ImportIssue, IssuesRefused
from importers.owner_cells import role_pairs
from importers.reader import ReadError, read_file
from importers.table import ColumnSpec, TableBlock, TableSchema, find_tables
from services.key_tasks import KEY_TASK_TABLE
from services.parsing import normalize_text, split_owner_names
from services.tasks import TaskState

KEY_TASK_SCHEMA = TableSchema(
    kind="key_tasks",
    columns=(
        ColumnSpec("seq_label", ("序号", "编号")),
        ColumnSpec("campaign", ("工作内容", "重点任务", "任务类别", "工作类别", "攻坚战")),
        ColumnSpec(
            "task",
            ("工作任务", "具体任务", "主要任务", "工作措施", "任务内容", "重点工作"),
            required=True,
        ),
        ColumnSpec("lead", ("牵头单位", "牵头部门", "责任单位", "牵头")),
        ColumnSpec("cooperating", ("配合单位", "配合部门", "协办单位", "配合")),
    ),
    record_key="task",
    min_matches=3,
)
# "(钟楼生态环境局牵头,区发改局、工信局、住建局配合)" at the end of a task.
_INLINE_UNITS = re.compile(
    r"[(（]([^()（）]*?)牵头(?:[,，;；]\s*([^()（）]*?)(?:等)?配合)?[)）]\s*[。.]?$"
)


@dataclass
class KeyTaskImport(HasIssues):
    path: Path
    rows: list[dict[str, object]] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)


class KeyTaskImportFailed(IssuesRefused):
    """The key-task table was refused; nothing was written."""


def split_inline_units(task: str) -> tuple[str, list[str], list[str]]:
    """The task text without its "(…牵头,…配合)" tail, and the lead and cooperating units."""
    text = normalize_text(task)
    match = _INLINE_UNITS.search(text)
    if not match:
        return task.strip(), [], []
    lead = split_owner_names(match.group(1))
    cooperating = split_owner_names(match.group(2) or "")
    return text[: match.start()].strip(), lead, cooperating


def _unit_names(cell: str) -> list[str]:
    """The units of a 牵头/配合 cell, role words people add ("区住建局（牵头）") taken off."""
    return [name for name, _role in role_pairs(cell)]


def analyze_key_tasks(state: TaskState | None, path: Path | str) -> KeyTaskImport:
    state = state or TaskState()
    path = Path(path)
    result = KeyTaskImport(path)
    try:
        grids = read_file(path)
    except ReadError as exc:
        result.issues.extend(exc.issues)
        return result
    blocks: list[TableBlock] = []
    for grid in grids:
        state.check()
        blocks.extend(find_tables(grid, [KEY_TASK_SCHEMA]))
    if not blocks:
        result.issues.append(
            ImportIssue.file(
                path.name,
                "没有找到责任分解表表头（应含 工作任务、牵头单位、配合单位）(no task table header)",
            )
        )
        return result
    for block in blocks:
        result.issues.extend(block.issues)
        for record in block.records:
            values = record.values
            task = values.get("task", "").strip()
            lead = _unit_names(values.get("lead", ""))
            cooperating = _unit_names(values.get("cooperating", ""))
            stripped, inline_lead, inline_cooperating = split_inline_units(task)
            if not lead and inline_lead:
                task, lead = stripped, inline_lead
                cooperating = cooperating or inline_cooperating
            if not lead:
                letter, header = block.locate("lead")
                result.issues.append(
                    ImportIssue(
                        block.sheet,
                        record.row,
                        letter,
                        header or "牵头单位",
                        values.get("lead", ""),
                        "缺少牵头单位 (no lead unit)",
                        ERROR,
                    )
                )
                continue
            result.rows.append(
                {
                    "seq_label": values.get("seq_label") or None,
                    "campaign": values.get("campaign") or record.section,
                    "task": task,
                    "lead": lead,
                    "cooperating": [c for c in cooperating if c not in lead],
                }
            )
    return result


def import_key_tasks(
    state: TaskState | None, session: Session, plan_id: int, path: Path | str
) -> tuple[KeyTaskImport, list[int]]:
    """Check the file, then append its tasks to the plan in one transaction. Returns the ids."""
    checked = analyze_key_tasks(state, path)
    if checked.errors:
        raise KeyTaskImportFailed(checked.issues)
    if not checked.rows:
        raise KeyTaskImportFailed(
            [ImportIssue.file(checked.path.name, "表中没有任务 (no tasks in the table)")]
        )
    ids = KEY_TASK_TABLE.insert_rows(session, plan_id, None, checked.rows)
    return checked, ids
