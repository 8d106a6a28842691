"""The field registry is the one source: every layer's view of a project field derives from it."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from exports.flat import FLAT_HEADERS
from exports.rows import ExportRow
from importers.plan_import import COMPARED as MERGE_COMPARED
from importers.projects import FIELD_LABELS, PROJECT_SCHEMA, ParsedProject
from services.fields import (
    CONSTRAINT_FIELDS,
    FIELDS,
    GRID_COLUMNS,
    VALUE_COLUMNS,
    ColumnKind,
    ProjectValues,
    field_text,
)
from services.parsing import Period
from services.plan_diff import COMPARED as EDITION_COMPARED
from services.query import SORT_COLUMNS, ProjectRow
from services.records import ProjectSource

EXAMPLES = {
    "seq_label": "3",
    "project_type": "水环境治理",
    "name": "北港河整治",
    "content": "清淤 2 公里\n护岸改造",
    "quantity": "12",
    "planned_investment_wan": "1234.50",
    "period": "2022-2024",
    "owners": "区住建局、北港街道",
    "status": "在建",
    "construction_kind": "续建",
    "remarks": "跨年度",
}


def test_every_field_has_an_example():
    assert set(EXAMPLES) == set(FIELDS)


@pytest.mark.parametrize("key", list(FIELDS))
def test_text_round_trips_through_the_field(key):
    field = FIELDS[key]
    value = field.parse(EXAMPLES[key])
    assert field.to_text(value) == EXAMPLES[key]
    assert field.parse(field.to_text(value)) == value


def test_choice_fields_read_labels_values_and_english_titles():
    status = FIELDS["status"]
    assert status.parse("已建成") == status.parse("done") == status.parse("Completed")
    with pytest.raises(ValueError, match="未开工"):
        status.parse("差不多")


def test_money_keeps_two_places_and_refuses_more():
    field = FIELDS["planned_investment_wan"]
    assert field.parse(Decimal("5")) == Decimal("5.00")
    with pytest.raises(ValueError):
        field.parse(Decimal("1.234"))


def test_rows_of_every_layer_extend_the_stored_values():
    for row in (ParsedProject, ExportRow, ProjectRow):
        assert issubclass(row, ProjectValues)
        names = [f.name for f in dataclasses.fields(row)]
        assert names[: len(VALUE_COLUMNS)] == list(VALUE_COLUMNS)


def test_grid_sort_import_and_export_cover_every_field():
    grid = [c.key for c in ProjectSource().columns()]
    assert [k for k in grid if k in FIELDS] == GRID_COLUMNS == list(FIELDS)
    assert set(SORT_COLUMNS) == set(FIELDS)
    assert [c.key for c in PROJECT_SCHEMA.columns[1:]] == [
        c.key for f in FIELDS.values() for c in f.imports
    ]
    for key, field in FIELDS.items():
        spec = next(c for c in PROJECT_SCHEMA.columns if c.key == key)
        assert spec.synonyms == field.synonyms
        assert FIELD_LABELS[key] == field.header
        if not field.many:
            assert field.header in FLAT_HEADERS
    assert {"牵头单位", "配合单位"} <= set(FLAT_HEADERS)


def test_comparisons_follow_the_registry_flags():
    assert "name" not in MERGE_COMPARED and "content" not in MERGE_COMPARED
    assert "seq_label" in MERGE_COMPARED and "seq_label" not in EDITION_COMPARED
    assert CONSTRAINT_FIELDS["period_order"] == "period"


def test_grid_kind_of_each_field_matches_its_parser():
    kinds = {k: f.kind for k, f in FIELDS.items()}
    assert kinds["planned_investment_wan"] is ColumnKind.MONEY
    assert kinds["period"] is ColumnKind.PERIOD
    assert FIELDS["period"].stored == ("start_year", "end_year")


def test_field_text_reads_a_row_as_the_grid_shows_it():
    row = ProjectRow(
        **dict.fromkeys(VALUE_COLUMNS),
        id=1,
        plan_id=1,
        section_id=1,
        position=0,
        owners_text="区住建局、北港街道",
    )
    row.name, row.start_year, row.end_year = "北港河整治", 2022, 2024
    assert field_text(row, "period") == Period(2022, 2024).label == "2022-2024"
    assert field_text(row, "owners") == "区住建局、北港街道"
    assert field_text(row, "planned_investment_wan") == "/"
