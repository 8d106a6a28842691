"""What a returned sheet would change: one diff per unit, every refusal located.

importers.return_sheets turns a file into a `ReturnFile` (plain cells, its hidden check data);
`diff_return` compares it with the database: the round and unit it belongs to, whether it is a
duplicate or someone else's sheet, each input cell parsed and compared with this period's
report, each locked cell checked against the row's hash (a change there is kept for the
office to approve, never applied silently), rows the unit added. Nothing is written here;
services.return_apply applies what the office approves. Headless: never import Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from sqlalchemy.orm import Session

from importers.issues import WARNING, ImportIssue
from models import ReturnRound
from services import progress, returns
from services.parsing import normalize_text, parse_money
from services.return_fields import (
    LOCKED_COLUMNS,
    RETURN_FIELDS,
    ROLE_TEXT,
    canonical,
    row_hash,
    sheet_checksum,
)

LOCKED_BY_KEY = {c.key: c for c in LOCKED_COLUMNS}


@dataclass
class ReturnRow:
    """One row of the returned sheet: cells by column key, as text."""

    row: int  # 1-based, as the spreadsheet shows it
    project_id: int | None
    locked: dict[str, str]
    inputs: dict[str, str]


@dataclass
class ReturnFile:
    """A returned file as read: its hidden check data, its columns and rows, or why not."""

    path: Path
    file_hash: str
    sheet: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    row_hashes: dict[int, str] = field(default_factory=dict)
    columns: dict[str, tuple[str, str]] = field(default_factory=dict)  # key → (letter, header)
    rows: list[ReturnRow] = field(default_factory=list)
    issues: list[ImportIssue] = field(default_factory=list)  # the file cannot be used at all

    @property
    def file_name(self) -> str:
        return self.path.name

    def where(self, row: int | None, key: str | None, value: object, reason: str, **kw):
        letter, header = self.columns.get(key, (None, None)) if key else (None, None)
        text = None if value in (None, "") else str(value)
        return ImportIssue(self.sheet or self.file_name, row, letter, header, text, reason, **kw)


@dataclass
class CellChange:
    """One cell the return changes: `key` is the sheet column, `target` the field written."""

    project_id: int
    project: str
    row: int
    column: str
    header: str
    key: str
    target: str
    old: str
    new: str
    value: object
    locked: bool = False

    def to_dict(self) -> dict:
        return {
            "project_id": self.project_id,
            "project": self.project,
            "row": self.row,
            "column": self.column,
            "header": self.header,
            "old": self.old,
            "new": self.new,
            "locked": self.locked,
        }


@dataclass
class UnitDiff:
    """One returned file against the database."""

    file: ReturnFile
    round_id: int | None = None
    round_name: str = ""
    period: str = ""
    unit_id: int | None = None
    unit: str = ""
    lead_ids: set[int] = field(default_factory=set)  # projects this unit leads
    changes: list[CellChange] = field(default_factory=list)  # input cells
    locked: list[CellChange] = field(default_factory=list)  # need the office's approval
    added: list[ImportIssue] = field(default_factory=list)  # rows without a project id
    refused: list[ImportIssue] = field(default_factory=list)
    warnings: list[ImportIssue] = field(default_factory=list)
    fatal: list[ImportIssue] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return not self.fatal

    @property
    def rows_changed(self) -> int:
        return len({c.project_id for c in self.changes})

    def summary(self) -> dict:
        return {
            "file": self.file.file_name,
            "hash": self.file.file_hash,
            "round": self.round_name,
            "unit": self.unit,
            "usable": self.usable,
            "rows_changed": self.rows_changed,
            "cells_changed": len(self.changes),
            "changes": [c.to_dict() for c in self.changes],
            "locked_changes": [c.to_dict() for c in self.locked],
            "added_rows": [str(i) for i in self.added],
            "refused": [str(i) for i in self.refused],
            "warnings": [str(i) for i in self.warnings],
            "errors": [str(i) for i in self.fatal],
        }


def diff_return(session: Session, rf: ReturnFile, round_name: str | None = None) -> UnitDiff:
    """Compare a returned file with the database; never writes."""
    diff = UnitDiff(rf)
    if rf.issues:
        diff.fatal = list(rf.issues)
        return diff
    round_ = _check_round(session, rf, diff, round_name)
    if round_ is None:
        return diff
    if not _check_unit(session, rf, diff, round_) or diff.unit_id is None:
        return diff
    sheet = returns.unit_sheets(session, round_, unit_ids=[diff.unit_id])
    current = {r.project_id: r for r in (sheet[0].rows if sheet else [])}
    seen: set[int] = set()
    asked = returns.round_fields(round_)
    for row in rf.rows:
        if row.project_id is None:
            if any(row.locked.values()) or any(row.inputs.values()):
                diff.added.append(_added_row(rf, row))
            continue
        if row.project_id not in rf.row_hashes:
            diff.refused.append(
                rf.where(
                    row.row,
                    "id",
                    row.project_id,
                    "项目编号不在本单位的填报表中（从别的表复制来的行？），未导入 "
                    "(project id not in this unit's sheet)",
                )
            )
            continue
        if row.project_id in seen:
            diff.refused.append(
                rf.where(
                    row.row, "id", row.project_id, "同一项目出现两次，只取第一行 (duplicate row)"
                )
            )
            continue
        seen.add(row.project_id)
        now = current.get(row.project_id)
        if now is None:
            diff.refused.append(
                rf.where(
                    row.row,
                    "name",
                    row.locked.get("name"),
                    "该项目已不在台账中或已不属于本单位 (project no longer in the ledger for this unit)",
                )
            )
            continue
        if now.locked.get("role") == ROLE_TEXT["lead"]:
            diff.lead_ids.add(row.project_id)
        _diff_locked(rf, diff, row, now)
        _diff_inputs(rf, diff, row, now, asked)
    missing = [pid for pid in rf.row_hashes if pid not in seen]
    if missing:
        diff.warnings.append(
            rf.where(
                None,
                None,
                None,
                f"{len(missing)} 个项目的行被删除，未填报 (rows deleted from the sheet)",
                severity=WARNING,
            )
        )
    return diff


def _check_round(
    session: Session, rf: ReturnFile, diff: UnitDiff, round_name: str | None
) -> ReturnRound | None:
    meta = rf.meta
    try:
        round_ = session.get(ReturnRound, int(meta.get("round_id", "")))
    except ValueError:
        round_ = None
    if (
        round_ is None
        or round_.name != meta.get("round")
        or str(round_.plan_id) != meta.get("plan_id")
    ):
        diff.fatal.append(
            rf.where(
                None,
                None,
                meta.get("round"),
                "这份填报表不是由本数据库分发的（轮次不存在） (not a round of this database)",
            )
        )
        return None
    diff.round_id, diff.round_name, diff.period = round_.id, round_.name, round_.period
    if round_name and normalize_text(round_name) != round_.name:
        diff.fatal.append(
            rf.where(
                None,
                None,
                round_.name,
                f"这是“{round_.name}”的填报表，不是正在收取的“{normalize_text(round_name)}” "
                "(sheet of another round)",
            )
        )
        return None
    newest = returns.find_round(session, round_.plan_id, None)
    if not round_name and newest is not None and newest.id != round_.id:
        diff.fatal.append(
            rf.where(
                None,
                None,
                round_.name,
                f"这是较早轮次“{round_.name}”的填报表，当前轮次是“{newest.name}”；"
                f"如确需补收，请指定 --round {round_.name} (sheet from an older round)",
            )
        )
        return None
    return round_


def _check_unit(session: Session, rf: ReturnFile, diff: UnitDiff, round_: ReturnRound) -> bool:
    meta = rf.meta
    sends = returns.sends_of(session, round_.id)
    try:
        unit_id = int(meta.get("unit_id", ""))
    except ValueError:
        unit_id = -1
    send = sends.get(unit_id)
    if send is None:
        diff.fatal.append(
            rf.where(
                None, None, meta.get("unit"), "本轮没有给这个单位发过填报表 (not sent to this unit)"
            )
        )
        return False
    diff.unit_id, diff.unit = unit_id, send.organization.name
    computed = sheet_checksum(round_.id, unit_id, list(rf.row_hashes.items()))
    if computed != meta.get("checksum"):
        diff.fatal.append(
            rf.where(
                None,
                None,
                None,
                "隐藏的核对信息被改动过，无法确认各行对应的项目 (hidden check data altered)",
            )
        )
        return False
    if computed != send.checksum:
        diff.warnings.append(
            rf.where(
                None,
                None,
                None,
                f"这份是较早发出的版本（本轮于 {send.sent_at:%Y-%m-%d %H:%M} 重新分发过），按项目编号核对 "
                "(an earlier copy of this round's sheet)",
                severity=WARNING,
            )
        )
    if rf.file_hash == send.file_hash:
        diff.warnings.append(
            rf.where(
                None,
                None,
                rf.file_name,
                "与发出的文件完全相同，单位没有填写任何内容 (returned unchanged)",
                severity=WARNING,
            )
        )
    other = _other_unit_in_name(
        rf.path.stem, diff.unit, [s.organization.name for s in sends.values()]
    )
    if other:
        diff.fatal.append(
            rf.where(
                None,
                None,
                rf.file_name,
                f"文件名是“{other}”的，内容却是“{diff.unit}”的填报表（改名或发错了？），未导入 "
                "(file named for another unit)",
            )
        )
        return False
    duplicate = returns.receipt_with_hash(session, round_.id, rf.file_hash)
    if duplicate is not None:
        diff.fatal.append(
            rf.where(
                None,
                None,
                rf.file_name,
                f"重复报送：与 {duplicate.received_at:%Y-%m-%d %H:%M} 收到的“{duplicate.file_name}”"
                "完全相同，不再重复写入 (duplicate return, already collected)",
            )
        )
        return False
    return True


def _other_unit_in_name(stem: str, own: str, names: list[str]) -> str | None:
    """Another unit's name in the file name (and not this unit's own, which may contain it)."""
    if own in stem:
        return None
    hits = [n for n in names if n != own and n in stem]
    return max(hits, key=len) if hits else None


def _added_row(rf: ReturnFile, row: ReturnRow) -> ImportIssue:
    text = "；".join(
        f"{key_header(rf, k)}：{v}" for k, v in {**row.locked, **row.inputs}.items() if v
    )
    return rf.where(
        row.row,
        None,
        text[:300],
        "新增的行（无项目编号），需办公室审核后在台账中新增 (added row, for the office to add)",
        severity=WARNING,
    )


def key_header(rf: ReturnFile, key: str) -> str:
    return rf.columns.get(key, ("", key))[1]


def _matched_id(row: ReturnRow) -> int:
    """The project id of a row diff_return matched (rows without one never get this far)."""
    if row.project_id is None:
        raise ValueError(f"第 {row.row} 行没有项目编号 (row {row.row} has no project id)")
    return row.project_id


def _diff_locked(rf: ReturnFile, diff: UnitDiff, row: ReturnRow, now) -> None:
    texts = [canonical(c, row.locked.get(c.key)) for c in LOCKED_COLUMNS]
    if row_hash(texts) == rf.row_hashes[_matched_id(row)]:
        return
    name = str(now.locked.get("name") or "")
    for column, text in zip(LOCKED_COLUMNS, texts, strict=True):
        if column.key not in rf.columns:
            continue  # a deleted column changes nothing
        old = canonical(column, now.locked.get(column.key))
        if text == old:
            continue
        if column.field is None:
            diff.refused.append(
                rf.where(
                    row.row,
                    column.key,
                    text,
                    f"锁定列“{column.header}”不能通过填报修改，原值“{old}”保留 (locked column)",
                )
            )
            continue
        value: object = text
        if column.money:
            try:
                value = parse_money(text)
            except ValueError as exc:
                diff.refused.append(rf.where(row.row, column.key, text, str(exc)))
                continue
        where = rf.columns[column.key]
        change = _cell_change(row, name, where, column.key, column.field, old, text, value)
        change.locked = True
        diff.locked.append(change)


def _cell_change(
    row: ReturnRow, name: str, where: tuple[str, str], key: str, target: str, old, new, value
) -> CellChange:
    """A change of the cell at `where` (column letter, header) of a project's row."""
    letter, header = where
    return CellChange(_matched_id(row), name, row.row, letter, header, key, target, old, new, value)


def _parse_input(kind: str, text: str) -> object:
    if kind == "money":
        return parse_money(text)
    if kind == "pct":
        return progress.parse_pct(text)
    if kind == "date":
        return progress.parse_date(text)
    if kind == "choice":
        return progress.REPORT_PARSERS["status"](text)
    return progress.REPORT_PARSERS["narrative"](text)


def _diff_inputs(rf: ReturnFile, diff: UnitDiff, row: ReturnRow, now, asked) -> None:
    values: dict[str, object] = {}
    for key in asked:
        text = row.inputs.get(key, "")
        if key not in rf.columns or not text.strip():
            continue  # a blank cell answers nothing; it never clears a reported value
        try:
            values[key] = _parse_input(RETURN_FIELDS[key].kind, text)
        except ValueError as exc:
            diff.refused.append(rf.where(row.row, key, text, str(exc)))
    _derive_cumulative(rf, diff, row, now, values)
    planned = now.locked.get("planned")
    completed = values.get("completed_investment_wan")
    if (
        completed is not None
        and planned is not None
        and completed > planned
        and not now.inputs.get("over_plan_confirmed")
    ):
        diff.refused.append(
            rf.where(
                row.row,
                "completed_investment_wan",
                row.inputs.get("completed_investment_wan") or f"{completed:.2f}",
                f"累计完成投资超过计划投资 {planned:.2f} 万元，请核实；确需超计划由办公室在进度表中确认 "
                "(completed exceeds planned)",
            )
        )
        values.pop("completed_investment_wan")
        values.pop("period_investment", None)
    name = str(now.locked.get("name") or "")
    for key, value in values.items():
        spec = RETURN_FIELDS[key]
        if spec.report_key is None:
            continue
        old = now.inputs.get(spec.report_key)
        if value is None or value == old:
            continue
        where = rf.columns.get(key, rf.columns.get("period_investment", ("", "")))
        old_text = progress.report_text(spec.report_key, old)
        new_text = progress.report_text(spec.report_key, value)
        diff.changes.append(
            _cell_change(row, name, where, key, spec.report_key, old_text, new_text, value)
        )


def _derive_cumulative(rf: ReturnFile, diff: UnitDiff, row: ReturnRow, now, values: dict) -> None:
    """本季完成投资 is not stored: last period's cumulative plus it is the cumulative figure."""
    quarter = values.get("period_investment")
    if quarter is None:
        return
    before = now.locked.get("previous") or Decimal("0.00")
    total = before + quarter
    given = values.get("completed_investment_wan")
    if given is None:
        values["completed_investment_wan"] = total
        return
    if given != total:
        diff.refused.append(
            rf.where(
                row.row,
                "period_investment",
                row.inputs.get("period_investment"),
                f"上期累计 {before:.2f} + 本季 {quarter:.2f} = {total:.2f} 万元，与累计完成投资 "
                f"{given:.2f} 不符，两格均未导入 (this quarter + last total ≠ cumulative)",
            )
        )
        values.pop("completed_investment_wan")
