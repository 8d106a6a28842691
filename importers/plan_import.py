"""Importing a workbook into the ledger: analyze first, then write all of it or nothing.

`analyze(state, path)` reads every sheet, finds project tables and rectification lists, parses
and validates every value and returns an `ImportPreview` (nothing written). Then either
`write_new_plan(state, session, preview, title)` creates a plan in ONE transaction with bulk
inserts (cancel or any error = rollback, nothing written), or `diff_plan(session, preview,
plan_id)` compares with an existing plan — projects matched by (section, name, content) — and
`apply_diff(session, diff)` writes the accepted new rows and changed fields as one step whose
`MergeResult` holds what undo needs. The reading and checking half is importers.plan_preview.
Never import Qt here.
"""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from decimal import Decimal
from operator import attrgetter
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from db.backups import automatic_backup
from db.bulk import begin_write
from importers.plan_preview import (
    ImportFailed,
    ImportPreview,
    SectionSummary,
    analyze,
    require_ok,
)
from importers.projects import PROJECT_SCHEMA, ParsedProject, ParsedRectification, normalized_key
from importers.safety import DEFAULT_LIMITS, ImportLimits
from models import (
    ConstructionKind,
    OwnerRole,
    Plan,
    ProjectStatus,
    Rectification,
    RectificationTown,
    Section,
)
from models.base import money_to_cents, utcnow
from services import writer
from services.errors import LedgerError
from services.fields import FIELDS, VALUE_COLUMNS
from services.ledger import (
    ChangeSet,
    audit_inserted,
    delete_projects,
    next_position,
    set_fields,
)
from services.operations import Operation, writing
from services.organizations import OrganizationResolver
from services.parsing import TEXT_LIMITS, Period, normalize_text
from services.query import ProjectRow, plan_rows
from services.tasks import TaskState, gc_paused

# The analysis half lives in importers.plan_preview; callers import both halves from here.
__all__ = [
    "ImportFailed",
    "ImportPreview",
    "ImportReport",
    "MergeResult",
    "PlanDiff",
    "SectionSummary",
    "analyze",
    "apply_diff",
    "diff_plan",
    "import_file",
    "require_ok",
    "undo_merge",
    "write_new_plan",
]

BATCH = 5000
_ROLE_TEXT = {role: role.value for role in OwnerRole}  # Enum.value is slow in a 300k-row loop
_LEAD = OwnerRole.LEAD
_STATUS_TEXT = {s: s.value for s in ProjectStatus} | {None: ProjectStatus.PLANNED.value}
_KIND_TEXT = {k: k.value for k in ConstructionKind} | {None: ConstructionKind.NEW.value}


# ---------------------------------------------------------------- a new plan, in bulk


@dataclass
class ImportReport:
    plan_id: int
    title: str
    projects: int
    sections: int
    rectifications: int
    planned_investment_wan: Decimal
    organizations_created: list[str]


def write_new_plan(
    state: TaskState,
    session: Session,
    preview: ImportPreview,
    title: str | None = None,
    *,
    backup: bool = True,
) -> ImportReport:
    """Create a plan holding everything in `preview`, in one transaction (all or nothing).

    `backup`: take the automatic pre-import backup first (callers that took it pass False)."""
    require_ok(preview)
    title = (title or preview.title).strip()
    if len(title) > TEXT_LIMITS["title"]:
        raise LedgerError(f"方案标题过长，上限 {TEXT_LIMITS['title']} 字 (plan title too long)")
    if session.scalar(select(Plan.id).where(Plan.title == title)):
        raise LedgerError(f"已有同名方案 (a plan with this title exists): {title}")
    total = len(preview.projects) + len(preview.rectifications)
    if backup:
        automatic_backup(session.get_bind(), "import")
    with gc_paused(), writing(session) as op:
        resolver = OrganizationResolver(session)
        plan = Plan(
            title=title, year_start=preview.year, year_end=preview.year, notes=preview.title
        )
        session.add(plan)
        session.flush()  # the first write takes SQLite's write lock: ids below stay ours
        section_ids: dict[str, int] = {}
        for position, summary in enumerate(preview.sections()):
            section = Section(plan_id=plan.id, name=summary.name, position=position)
            session.add(section)
            session.flush()
            section_ids[summary.name] = section.id
        org_ids, org_names = _resolve_orgs(
            session,
            resolver,
            [n for p in preview.projects for n, _ in p.owners]
            + [n for r in preview.rectifications for n in r.towns],
        )
        _insert_projects(
            state, session.connection(), preview.projects, plan.id, section_ids, org_ids, org_names
        )
        state.progress(len(preview.projects), total, "写入问题清单 (writing rectifications)")
        _write_rectifications(session, plan.id, preview.rectifications, org_ids)
        imported = f"{preview.path.name}: {len(preview.projects)} projects"
        line = writer.audit_line("import", "plan", plan.id, new=imported, user=op.author)
        writer.write_audit(session, [line])
        op.note("plan", plan_ids=[plan.id], rows=True)
        op.note("project", plan_ids=[plan.id], rows=True, totals=True)
        state.progress(total, total, "提交 (committing)")
        state.check()  # last chance: a cancel here still rolls everything back
    return ImportReport(
        plan_id=plan.id,
        title=title,
        projects=len(preview.projects),
        sections=len(section_ids),
        rectifications=len(preview.rectifications),
        planned_investment_wan=preview.total_wan,
        organizations_created=[o.name for o in resolver.created],
    )


def _insert_projects(
    state, connection, projects, plan_id, section_ids, org_ids, org_names, positions=None
) -> range:
    """All projects and owner rows through the row writer's bulk mode, BATCH rows per
    executemany, at the end of their sections; cancel stops between batches.

    (Building the next batch on a helper thread while SQLite stores this one was measured:
    no gain, binding the parameters holds the GIL.)
    """
    first_id = writer.next_id(connection, "project", count=len(projects))
    writer.insert_bulk(
        connection,
        _row_batches(projects, first_id, plan_id, section_ids, org_ids, org_names, positions or {}),
        incoming=len(projects),
        main=("project", _PROJECT_COLUMNS),
        dependent=("project_owner", _OWNER_COLUMNS),
        progress=lambda done: state.progress(done, len(projects), "写入项目 (writing projects)"),
        idle_trigger="trg_project_owner_insert",  # the rows bring its copies (_OWNER_COLUMNS)
    )
    return range(first_id, first_id + len(projects))


def _row_batches(
    projects: list[ParsedProject], next_id, plan_id, section_ids, org_ids, org_names, first
):
    """(project rows, owner rows) per BATCH projects, as the INSERTs below take them.

    Positions continue from `first` (section id → next free position; 0 if absent).
    """
    positions: dict[int, int] = defaultdict(int, first)
    stamp = utcnow().strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's SQLite DATETIME text
    for start in range(0, len(projects), BATCH):
        rows: list[tuple[object, ...]] = []
        owners: list[tuple[object, ...]] = []
        for p in projects[start : start + BATCH]:
            section_id = section_ids[p.section]
            position = positions[section_id]
            positions[section_id] += 1
            specs = _dedupe_owners(p.owners, org_ids)
            text = "、".join(org_names[org_ids[n]] for n, _ in specs)
            amount = p.planned_investment_wan
            cents = None if amount is None else money_to_cents(amount)  # Money's storage
            rows.append(_project_row(next_id, plan_id, section_id, position, p, cents, text, stamp))
            first_lead = next((i for i, (_n, r) in enumerate(specs) if r is _LEAD), -1)
            owners.extend(
                (next_id, i, org_ids[n], _ROLE_TEXT[r], plan_id, cents, i == first_lead)
                for i, (n, r) in enumerate(specs)
            )
            next_id += 1
        yield rows, owners


def _dedupe_owners(owners, org_ids: dict[str, int]) -> list[tuple[str, OwnerRole]]:
    """Two spellings of one unit ("住建局"/"区住建局") are one owner row (primary key safety)."""
    if len(owners) < 2:
        return owners
    seen, result = set(), []
    for name, role in owners:
        key = org_ids[name]
        if key not in seen:
            seen.add(key)
            result.append((name, role))
    return result


def _resolve_orgs(
    session: Session, resolver: OrganizationResolver, names: list[str]
) -> tuple[dict[str, int], dict[int, str]]:
    """Each distinct unit name resolved once (new units created in the same transaction):
    (name as written → organization id, id → the organization's own name)."""
    orgs = {name: resolver.resolve(name) for name in dict.fromkeys(names)}
    session.flush()
    return {name: org.id for name, org in orgs.items()}, {o.id: o.name for o in orgs.values()}


# The project's own columns come from the field registry, in ProjectValues' order.
_PROJECT_COLUMNS = (
    "id",
    "plan_id",
    "section_id",
    "position",
    *VALUE_COLUMNS,
    "owners_text",
    "created_at",
    "updated_at",
)
_VALUES_OF = attrgetter(*VALUE_COLUMNS)  # one C-level call per row for all the values
_MONEY_AT = VALUE_COLUMNS.index("planned_investment_wan")
_STATUS_AT = VALUE_COLUMNS.index("status")
_KIND_AT = VALUE_COLUMNS.index("construction_kind")
# All owner rows of a project at once, with the copies the insert trigger would otherwise
# look up (migration 0003): plan, investment and the first-lead mark.
_OWNER_COLUMNS = (
    "project_id",
    "position",
    "organization_id",
    "role",
    "plan_id",
    "planned_investment_wan",
    "is_first_lead",
)


def _project_row(
    pid: int,
    plan_id: int,
    section_id: int,
    position: int,
    p: ParsedProject,
    cents: int | None,
    owners: str,
    stamp: str,
) -> tuple:
    """A `_PROJECT_COLUMNS` row: money as stored hundredths, an unstated status or kind as the
    column's default."""
    values = list(_VALUES_OF(p))
    values[_MONEY_AT] = cents
    values[_STATUS_AT] = _STATUS_TEXT[values[_STATUS_AT]]
    values[_KIND_AT] = _KIND_TEXT[values[_KIND_AT]]
    return (pid, plan_id, section_id, position, *values, owners, stamp, stamp)


def _write_rectifications(session, plan_id: int, items: list[ParsedRectification], org_ids) -> None:
    start = session.scalar(
        select(func.max(Rectification.position)).where(Rectification.plan_id == plan_id)
    )
    start = 0 if start is None else start + 1
    for offset, item in enumerate(items):
        rect = Rectification(
            plan_id=plan_id,
            position=start + offset,
            seq_label=item.seq_label,
            category=item.category,
            description=item.description,
            towns_text="、".join(item.towns),
        )
        session.add(rect)
        session.flush()
        town_ids = list(dict.fromkeys(org_ids[n] for n in item.towns))
        if town_ids:
            session.execute(
                insert(RectificationTown.__table__),
                [{"rectification_id": rect.id, "organization_id": oid} for oid in town_ids],
            )


def import_file(
    state: TaskState,
    session: Session,
    path: Path | str,
    title: str | None = None,
    *,
    limits: ImportLimits = DEFAULT_LIMITS,
) -> ImportReport:
    """analyze + write_new_plan; raises ImportFailed (every located error) writing nothing."""
    preview = analyze(state, path, limits=limits)
    require_ok(preview)
    return write_new_plan(state, session, preview, title)


# ---------------------------------------------------------------- into an existing plan

# Name and content are the match key; every other field is compared when the file has a
# column for it (or for one of its parts: 启动时间 for 建设期限).
COMPARED = tuple(k for k, f in FIELDS.items() if f.merged)
_FIELD_COLUMNS = {k: tuple(c.key for c in FIELDS[k].imports) for k in COMPARED}


@dataclass
class ChangedProject:
    project_id: int
    name: str
    section: str
    changes: dict[str, tuple[object, object]]  # field → (old, new)
    source: ParsedProject


@dataclass
class PlanDiff:
    plan_id: int
    new: list[ParsedProject] = field(default_factory=list)
    changed: list[ChangedProject] = field(default_factory=list)
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # id, section, name
    unchanged: int = 0
    new_sections: list[str] = field(default_factory=list)
    # 附件2 items are not merged (they have no stable key); said so, never silently dropped.
    rectifications_skipped: int = 0


def _section_key(name: str) -> str:
    return "".join(normalize_text(name).split())


def diff_plan(
    session: Session, preview: ImportPreview, plan_id: int, state: TaskState | None = None
) -> PlanDiff:
    """What importing `preview` into an existing plan would add and change (nothing written)."""
    require_ok(preview)
    state = state or TaskState()
    diff = PlanDiff(plan_id, rectifications_skipped=len(preview.rectifications))
    with gc_paused():
        state.progress(0, len(preview.projects), "读取方案 (reading the plan)")
        section_names = dict(
            session.execute(
                select(Section.id, Section.name).where(Section.plan_id == plan_id)
            ).all()
        )
        sections = {_section_key(name) for name in section_names.values()}
        all_projects = plan_rows(session, plan_id)
        existing: dict[tuple, deque[ProjectRow]] = defaultdict(deque)
        for project in all_projects:
            key = normalized_key(section_names[project.section_id], project.name, project.content)
            existing[key].append(project)
        present = {k for b in preview.blocks if b.schema is PROJECT_SCHEMA for k in b.columns}
        fields = [f for f in COMPARED if any(c in present for c in _FIELD_COLUMNS[f])]
        owner_names = _OwnerNames(OrganizationResolver(session))
        matched: set[int] = set()
        for index, parsed in enumerate(preview.projects):
            if index % 5000 == 0:
                state.progress(index, len(preview.projects), "比对项目 (comparing projects)")
            section_key = _section_key(parsed.section)
            if section_key not in sections and parsed.section not in diff.new_sections:
                diff.new_sections.append(parsed.section)
            queue = existing.get(normalized_key(parsed.section, parsed.name, parsed.content))
            if not queue:
                diff.new.append(parsed)
                continue
            project = queue.popleft()
            matched.add(project.id)
            changes = {}
            for field_key in fields:
                old, new = _old_new(project, parsed, field_key, owner_names)
                if old != new:
                    changes[field_key] = (old, new)
            if changes:
                diff.changed.append(
                    ChangedProject(project.id, project.name, parsed.section, changes, parsed)
                )
            else:
                diff.unchanged += 1
        diff.missing = [
            (p.id, section_names[p.section_id], p.name) for p in all_projects if p.id not in matched
        ]
    return diff


class _OwnerNames:
    """A file's unit name → the stored organization's name (or the cleaned name if new), cached."""

    def __init__(self, resolver: OrganizationResolver) -> None:
        self.resolver = resolver
        self.cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        found = self.cache.get(name)
        if found is None:
            org = self.resolver.find(name)
            found = self.cache[name] = org.name if org else normalize_text(name)
        return found


def _old_new(project: ProjectRow, parsed: ParsedProject, key: str, owner_names) -> tuple:
    if key == "period":
        return Period(project.start_year, project.end_year), Period(
            parsed.start_year, parsed.end_year
        )
    if key == "owners":
        return project.owners, [(owner_names(name), role) for name, role in parsed.owners]
    new = getattr(parsed, key)
    if key in ("status", "construction_kind") and new is None:
        return getattr(project, key), getattr(project, key)
    return getattr(project, key), new


@dataclass
class MergeResult:
    """What `apply_diff` wrote, so that undo can take it back (and redo replay it)."""

    changeset: ChangeSet | None  # the field changes
    inserted_ids: list[int]
    new_section_ids: list[int]


def apply_diff(
    session: Session,
    diff: PlanDiff,
    *,
    accept_new: set[int] | None = None,
    accept_changed: set[int] | None = None,
    state: TaskState | None = None,
    backup: bool = True,
) -> MergeResult:
    """Write the accepted part of a diff (default: all). Indexes refer to diff.new / project ids.

    One transaction: the field changes (services.ledger.set_fields, audited), the new sections
    and the bulk-inserted new rows. Any error or a Cancel up to the commit writes nothing.
    """
    state = state or TaskState()
    new_rows = [p for i, p in enumerate(diff.new) if accept_new is None or i in accept_new]
    changes = {
        c.project_id: {k: new for k, (_old, new) in c.changes.items()}
        for c in diff.changed
        if accept_changed is None or c.project_id in accept_changed
    }
    if backup:
        automatic_backup(session.get_bind(), "merge")
    with gc_paused(), writing(session) as op:
        begin_write(session.connection())  # ids and positions read below stay ours
        state.check()
        changeset = set_fields(session, changes) if changes else None
        inserted, created = _insert_new_rows(state, op, diff.plan_id, new_rows)
        state.check()  # last chance: a cancel here still rolls everything back
    return MergeResult(changeset, inserted, created)


def _insert_new_rows(
    state: TaskState, op: Operation, plan_id: int, rows: list[ParsedProject]
) -> tuple[list[int], list[int]]:
    """New projects at the end of their sections (new sections at the end of the plan), in
    the caller's transaction. Returns the new project ids and the new section ids."""
    if not rows:
        return [], []
    session = op.session
    created: list[int] = []
    sections = {
        _section_key(s.name): s
        for s in session.scalars(select(Section).where(Section.plan_id == plan_id))
    }
    section_ids: dict[str, int] = {}
    positions: dict[int, int] = {}  # by section id: two spellings of one section share it
    last = max((s.position for s in sections.values()), default=-1)
    for name in dict.fromkeys(p.section for p in rows):
        section = sections.get(_section_key(name))
        if section is None:
            last += 1
            section = Section(plan_id=plan_id, name=name.strip(), position=last)
            session.add(section)
            session.flush()
            sections[_section_key(name)] = section
            created.append(section.id)
        section_ids[name] = section.id
        positions.setdefault(section.id, next_position(session, section.id))
    resolver = OrganizationResolver(session)
    org_ids, org_names = _resolve_orgs(session, resolver, [n for p in rows for n, _ in p.owners])
    ids = _insert_projects(
        state, session.connection(), rows, plan_id, section_ids, org_ids, org_names, positions
    )
    audit_inserted(session, ids, op.author)
    op.note("project", ids=ids, plan_ids=[plan_id], rows=True, totals=True)
    if created:
        op.note("section", plan_ids=[plan_id], rows=True)
    return list(ids), created


def undo_merge(session: Session, result: MergeResult) -> None:
    """Take a merge back: delete the inserted rows and sections, restore the old field values.

    One transaction: a failure half-way leaves the merge as it was."""
    from services.plans import delete_section

    with writing(session):
        if result.inserted_ids:
            delete_projects(session, result.inserted_ids)
        for section_id in result.new_section_ids:
            delete_section(session, section_id)
        if result.changeset:
            set_fields(session, result.changeset.inverse)
