"""Errors the service layer raises: always located and always in words a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FieldError:
    """One refused value: which record, which field, what was given, and why."""

    record_id: int | None
    field: str
    value: object
    reason: str

    def __str__(self) -> str:
        where = f"#{self.record_id} " if self.record_id is not None else ""
        return f"{where}{self.field} = {self.value!r}: {self.reason}"


class LedgerError(Exception):
    """A write was refused; the database is unchanged."""


class ValidationError(LedgerError):
    def __init__(self, errors: list[FieldError]) -> None:
        self.errors = errors
        lines = "; ".join(str(e) for e in errors[:5])
        more = f" (+{len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} invalid value(s): {lines}{more}")


class StaleRowError(LedgerError):
    """A write based on a version of rows that another writer has changed since: refused,
    nothing written. `current` maps each such row id to its version now (0: deleted)."""

    def __init__(self, table: str, current: dict[int, int]) -> None:
        self.table = table
        self.current = current
        ids = "、".join(f"#{i}" for i in sorted(current)[:10])
        super().__init__(
            f"其他用户已先修改了这些记录，未保存 (changed by someone else since you read it, "
            f"not saved): {table} {ids}"
        )


class PermissionRefused(LedgerError):
    """The office server's permissions do not let this login make the change (nothing
    written): an editor writing outside its units' progress, a viewer writing at all."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"你的账号无权做此修改，未写入 (your role may not make this change): {detail}"
        )
