"""ProjectSource, the headless RecordSource behind the project grid, on the real sample."""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models import OwnerRole, Project, Section
from services import ledger
from services.errors import LedgerError, ValidationError
from services.query import ProjectFilter, Sort
from services.records import (
    ROLE_COLUMNS,
    ColumnKind,
    InsertPoint,
    MoveRun,
    MoveTarget,
    ProjectSource,
    RecordSource,
    register_project_column,
    unregister_project_column,
)

pytestmark = pytest.mark.backends


@pytest.fixture
def source():
    return ProjectSource()


def _order(session, section_id):
    return list(
        session.scalars(
            select(Project.id).where(Project.section_id == section_id).order_by(Project.position)
        )
    )


def _sections(session, plan):
    return list(
        session.scalars(select(Section.id).where(Section.plan_id == plan.id).order_by("position"))
    )


def test_is_a_record_source_with_official_columns(source):
    assert isinstance(source, RecordSource)
    keys = [c.key for c in source.columns()]
    assert keys[:3] == ["seq_label", "project_type", "name"]
    kinds = {c.key: c.kind for c in source.columns()}
    assert kinds["planned_investment_wan"] is ColumnKind.MONEY
    assert kinds["content"] is ColumnKind.MULTILINE
    name = next(c for c in source.columns() if c.key == "name")
    assert not name.nullable


def test_ids_sorted_in_sql_and_rows_display(session, sample_plan, source):
    flt = ProjectFilter(plan_id=sample_plan.id)
    ids = source.ids(session, flt, Sort("planned_investment_wan", descending=True))
    assert len(ids) == 56
    rows = source.rows(session, ids[:3])
    amounts = [source.value(r, "planned_investment_wan") for r in rows]
    assert amounts == sorted(amounts, reverse=True)
    top = rows[0]
    assert source.display(top, "planned_investment_wan") == f"{amounts[0]:,.2f}"
    assert "," not in source.edit_text(top, "planned_investment_wan")
    # Unset money shows "/" and reads back as not set.
    unset = source.ids(session, flt, Sort("planned_investment_wan"))[-1]
    row = source.rows(session, [unset])[0]
    if source.value(row, "planned_investment_wan") is None:
        assert source.display(row, "planned_investment_wan") == "/"
        text = source.edit_text(row, "planned_investment_wan")
        assert source.parse("planned_investment_wan", text) is None


def test_seq_label_sort_is_table_order(session, sample_plan, source):
    flt = ProjectFilter(plan_id=sample_plan.id)
    assert source.ids(session, flt, Sort("seq_label")) == source.ids(session, flt, None)


def test_edit_text_round_trips_through_parse(session, sample_plan, source):
    ids = source.ids(session, ProjectFilter(plan_id=sample_plan.id), None)
    for row in source.rows(session, ids):
        for column in source.columns():
            if column.key == "owners" or not column.editable:
                continue  # owners: names only, roles checked separately; extras are read-only
            text = source.edit_text(row, column.key)
            value = source.value(row, column.key)
            if column.key in ROLE_COLUMNS:  # names of one role: no ledger field of their own
                assert source.parse(column.key, text) == value
                continue
            assert source.parse(column.key, text) == ledger.coerce(column.key, value)


def test_parse_refuses_bad_values(source):
    with pytest.raises(ValueError, match="负"):
        source.parse("planned_investment_wan", "-5")
    with pytest.raises(ValueError, match="两位小数"):
        source.parse("planned_investment_wan", "1.234")
    with pytest.raises(ValueError):
        source.parse("quantity", "2.5")
    with pytest.raises(ValueError):
        source.parse("name", "  ")
    assert source.parse("period", "2022年-2024年").label == "2022-2024"
    assert source.parse("period", "2022—2024").label == "2022-2024"


def test_set_fields_and_unchanged_owner_roles_kept(session, sample_plan, source):
    pid = session.scalar(select(Project.id).where(Project.name == "储罐综合整治"))
    # Make the second unit a construction entity, then retype the same names as text.
    ledger.set_fields(
        session,
        {pid: {"owners": [("钟楼生态环境局", OwnerRole.LEAD), ("北港街道", "constructing")]}},
    )
    change = source.set_fields(
        session, {pid: {"owners": "钟楼生态环境局、北港街道", "quantity": "3"}}
    )
    assert change.fields == {"quantity"}
    project = session.get(Project, pid)
    session.refresh(project)
    assert ledger.owner_specs(project)[1] == ("北港街道", OwnerRole.CONSTRUCTING)
    with pytest.raises(ValidationError):
        source.set_fields(session, {pid: {"planned_investment_wan": "abc"}})


def test_insert_delete_restore(session, sample_plan, source):
    first_section = _sections(session, sample_plan)[0]
    before = _order(session, first_section)
    new_ids = source.insert(
        session,
        InsertPoint(anchor_id=before[1], after=True),
        [{"name": "新增项目", "quantity": "2"}],
    )
    order = _order(session, first_section)
    assert order[2] == new_ids[0]
    snapshot = source.delete(session, [before[0], new_ids[0]])
    assert _order(session, first_section) == [i for i in before if i != before[0]]
    source.restore(session, snapshot)
    assert _order(session, first_section) == order
    with pytest.raises(ValidationError):
        source.insert(session, InsertPoint(group_id=first_section), [{"quantity": "1"}])


def test_move_up_within_section_and_back(session, sample_plan, source):
    section = _sections(session, sample_plan)[2]
    before = _order(session, section)
    a, b, c = before[1], before[2], before[3]
    inverse = source.move(session, [MoveRun((b, c), MoveTarget(section, before_id=a))])
    moved = _order(session, section)
    assert moved[:4] == [before[0], b, c, a]
    source.move(session, inverse)
    assert _order(session, section) == before


def test_move_down_non_contiguous_and_back(session, sample_plan, source):
    section = _sections(session, sample_plan)[2]
    before = _order(session, section)
    picked = (before[0], before[3], before[5])
    inverse = source.move(session, [MoveRun(picked, MoveTarget(section, after_id=before[-1]))])
    assert _order(session, section)[-3:] == list(picked)
    source.move(session, inverse)
    assert _order(session, section) == before


def test_move_to_other_section_and_back(session, sample_plan, source):
    first, second = _sections(session, sample_plan)[:2]
    one, two = _order(session, first), _order(session, second)
    inverse = source.move(session, [MoveRun((one[0], one[-1]), MoveTarget(second))])
    assert _order(session, second) == [*two, one[0], one[-1]]
    assert session.get(Project, one[0]).section_id == second
    source.move(session, inverse)
    assert _order(session, first) == one
    assert _order(session, second) == two
    with pytest.raises(LedgerError):
        source.move(session, [MoveRun((one[0],), MoveTarget(first, before_id=one[0]))])


def test_registered_column_fetch_and_sort(session, sample_plan):
    calls = []

    def fetch(s, ids):
        calls.append(len(ids))
        rows = s.execute(select(Project.id, func.length(Project.name)).where(Project.id.in_(ids)))
        return dict(rows.all())

    register_project_column(
        "name_length", fetch, title="Name length", order_by=lambda: func.length(Project.name)
    )
    try:
        source = ProjectSource()
        column = source.columns()[-1]
        assert (column.key, column.editable, column.sortable) == ("name_length", False, True)
        ids = source.ids(session, ProjectFilter(plan_id=sample_plan.id), Sort("name_length"))
        rows = source.rows(session, ids)
        lengths = [source.value(r, "name_length") for r in rows]
        assert lengths == sorted(lengths) and calls == [56]
        assert source.display(rows[0], "name_length") == str(lengths[0])
        with pytest.raises(ValueError):
            source.parse("name_length", "3")
        with pytest.raises(ValueError):
            register_project_column("name", fetch)
    finally:
        unregister_project_column("name_length")
    assert "name_length" not in [c.key for c in ProjectSource().columns()]


def test_completions_use_aliases(session, sample_plan, source):
    assert "钟楼自然资源和规划分局" in source.completions(session, "owners", "资规")
    assert source.completions(session, "name", "资规") == []


def test_groups_are_sections_in_order(session, sample_plan, source):
    groups = source.groups(session, ProjectFilter(plan_id=sample_plan.id))
    assert len(groups) == 6 and groups[2][1] == "(三)深入打好碧水保卫战"
    totals = source.totals(session, ProjectFilter(plan_id=sample_plan.id))
    assert totals.planned_investment_wan == Decimal("67619.88")


@pytest.mark.parametrize("key", ["planned_investment_wan", "quantity", "owners", "name", "remarks"])
def test_single_column_sort_matches_sql_order_with_unset_last(session, sample_plan, source, key):
    flt = ProjectFilter(plan_id=sample_plan.id)
    from services import query

    ascending = source.ids(session, flt, Sort(key))
    assert ascending == query.project_ids(session, flt, Sort(key))
    descending = source.ids(session, flt, Sort(key, descending=True))
    values = [source.value(r, key) for r in source.rows(session, descending)]
    if key == "owners":
        values = [source.edit_text(r, key) for r in source.rows(session, descending)]
    set_values = [v for v in values if v is not None]
    assert values[: len(set_values)] == set_values  # unset ("/") last
    assert set_values == sorted(set_values, reverse=True)
    assert sorted(descending) == sorted(ascending)


def test_lead_and_cooperating_columns_read_and_write_the_owner_rows(session, sample_plan, source):
    keys = [c.key for c in source.columns()]
    assert keys[keys.index("owners") + 1 : keys.index("owners") + 3] == [
        "lead_units",
        "cooperating_units",
    ]
    pid = source.ids(session, ProjectFilter(plan_id=sample_plan.id), None)[0]
    row = source.rows(session, [pid])[0]
    assert source.display(row, "lead_units") == "区工信局"
    assert source.display(row, "cooperating_units") == "经开区"

    # A new lead; the old lead is dropped from that role, the cooperating unit kept.
    change = source.set_fields(session, {pid: {"lead_units": "区发改局"}})
    row = source.rows(session, [pid])[0]
    assert row.row.owners == [("区发改局", OwnerRole.LEAD), ("经开区", OwnerRole.COOPERATING)]
    # Naming the cooperating unit as a lead moves it (one role per unit and project).
    source.set_fields(session, {pid: {"cooperating_units": "区住建局、区发改局"}})
    row = source.rows(session, [pid])[0]
    assert source.display(row, "lead_units") == ""
    assert source.display(row, "cooperating_units") == "区住建局、区发改局"
    # The first change's inverse restores the original owners (undo replays it).
    source.set_fields(session, change.inverse)
    row = source.rows(session, [pid])[0]
    assert row.row.owners == [("区工信局", OwnerRole.LEAD), ("经开区", OwnerRole.COOPERATING)]
