"""Located import problems: which sheet, row and column, what value, and why.

One record type for errors (nothing gets written) and warnings (imported, but look at this),
shared by the CLI (stderr lines / JSON), the GUI (a sortable table, exportable to CSV) and TRACK's
importers. Never raise these: collect them, so the user sees every problem at once.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass

from services.errors import LedgerError

ERROR, WARNING = "error", "warning"


def column_letter(index: int) -> str:
    """0 → "A", 26 → "AA" (spreadsheet column names)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class ImportIssue:
    sheet: str
    row: int | None  # 1-based, as the spreadsheet shows it; None = the whole sheet/file
    column: str | None  # "F"
    header: str | None  # "计划投资(万元)"
    value: str | None
    reason: str
    severity: str = ERROR

    @classmethod
    def file(cls, name: str, reason: str) -> ImportIssue:
        return cls(name, None, None, None, None, reason)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def location(self) -> str:
        parts = [self.sheet]
        if self.row is not None:
            parts.append(f"第{self.row}行")
        if self.column:
            header = "".join((self.header or "").split())  # "计划投资\n(万元)" on one line
            parts.append(f"{self.column}列" + (f"({header})" if header else ""))
        return " ".join(parts)

    def __str__(self) -> str:
        value = f" “{self.value}”" if self.value not in (None, "") else ""
        return f"{self.location}{value}: {self.reason}"

    def to_dict(self) -> dict:
        return asdict(self)


ISSUE_CSV_HEADER = [
    "级别 severity",
    "工作表 sheet",
    "行 row",
    "列 column",
    "表头 header",
    "值 value",
    "原因 reason",
]


def issues_to_csv(issues: list[ImportIssue]) -> str:
    """The issue list as CSV text (the GUI's "export problems" button and the CLI both use it)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ISSUE_CSV_HEADER)
    for issue in issues:
        writer.writerow(
            [
                "错误" if issue.is_error else "警告",
                issue.sheet,
                "" if issue.row is None else issue.row,
                issue.column or "",
                issue.header or "",
                issue.value or "",
                issue.reason,
            ]
        )
    return out.getvalue()


class HasIssues:
    """What a read file found (`issues`), split into errors and warnings."""

    issues: list[ImportIssue]

    @property
    def errors(self) -> list[ImportIssue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[ImportIssue]:
        return [i for i in self.issues if not i.is_error]


class IssuesRefused(LedgerError):
    """A file was refused; `issues` are located; nothing was written."""

    def __init__(self, issues: list[ImportIssue]) -> None:
        self.issues = issues
        super().__init__(self.describe([i for i in issues if i.is_error]))

    @staticmethod
    def describe(errors: list[ImportIssue]) -> str:
        return f"{len(errors)} 处错误，未写入任何数据 (nothing written): " + "; ".join(
            str(i) for i in errors[:5]
        )
