"""The quick filter's trigram index (SQLite FTS5): same answers as a scan, kept in step."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from db import text_index
from models import Project
from services.ledger import delete_projects, insert_projects, restore_projects, set_fields
from services.query import ProjectFilter, filter_clauses, project_ids

WORDS = [
    "口袋公园",
    "公园",
    "园",
    "区住建局",
    "vocs",
    "VOCs",
    "VOCs 治理",
    "治理 公园",
    '"口袋',
    "无此词语",
]


def _ids(session, plan_id, word, *, indexed: bool):
    dialect = session.get_bind().dialect
    saved = text_index.available(dialect)
    setattr(dialect, text_index._FLAG, indexed)
    try:
        return list(project_ids(session, ProjectFilter(plan_id=plan_id, text=word)))
    finally:
        setattr(dialect, text_index._FLAG, saved)


def _integrity(session) -> None:
    """FTS5 compares its index with the project rows; raises if they disagree."""
    session.execute(text("INSERT INTO project_search(project_search) VALUES ('integrity-check')"))


def test_new_databases_have_the_index(engine):
    assert text_index.available(engine.dialect)


@pytest.mark.parametrize("word", WORDS)
def test_indexed_filter_finds_exactly_what_a_scan_finds(session, sample_plan, word):
    assert _ids(session, sample_plan.id, word, indexed=True) == _ids(
        session, sample_plan.id, word, indexed=False
    )


def test_filter_of_three_or_more_characters_asks_the_index(session, sample_plan):
    assert len(_ids(session, sample_plan.id, "口袋公园", indexed=True)) == 5
    statement = select(Project.id).where(*filter_clauses(ProjectFilter(text="口袋公园")))
    compiled = statement.compile(dialect=session.get_bind().dialect)
    params = tuple(compiled.params[name] for name in compiled.positiontup)
    plan = session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params).all()
    assert any("project_search VIRTUAL TABLE" in row[-1] for row in plan), plan
    # Two characters have no trigram: the filter scans instead of asking the index.
    two = select(Project.id).where(*filter_clauses(ProjectFilter(text="公园")))
    assert "project_search" not in str(two.compile(dialect=session.get_bind().dialect))


def test_edits_inserts_deletes_and_undo_keep_the_index_in_step(session, sample_plan):
    word = "湿地碳汇示范"
    section_id = session.scalar(select(Project.section_id).limit(1))
    [new_id] = insert_projects(session, section_id, None, [{"name": f"新建{word}工程"}])
    some_id = session.scalar(select(Project.id).where(Project.id != new_id).limit(1))
    set_fields(session, {some_id: {"content": f"含{word}内容"}})
    assert sorted(_ids(session, sample_plan.id, word, indexed=True)) == sorted([new_id, some_id])
    set_fields(session, {some_id: {"content": "改掉了"}})
    assert _ids(session, sample_plan.id, word, indexed=True) == [new_id]
    snapshot = delete_projects(session, [new_id])
    assert _ids(session, sample_plan.id, word, indexed=True) == []
    restore_projects(session, snapshot)
    assert _ids(session, sample_plan.id, word, indexed=True) == [new_id]
    _integrity(session)


def test_owner_edits_are_found_by_the_new_unit_name(session, sample_plan):
    project_id = session.scalar(select(Project.id).where(Project.name.like("%口袋公园%")).limit(1))
    before = _ids(session, sample_plan.id, "钟楼生态环境局", indexed=True)
    set_fields(session, {project_id: {"owners": [("钟楼生态环境局", "lead")]}})
    after = _ids(session, sample_plan.id, "钟楼生态环境局", indexed=True)
    assert project_id in after and project_id not in before
    assert after == _ids(session, sample_plan.id, "钟楼生态环境局", indexed=False)
    _integrity(session)


def test_a_big_first_import_indexes_its_rows_after_loading_them(session, monkeypatch):
    """The bulk path fills the index in one statement after the rows; the trigger is back."""
    from db import bulk
    from importers.plan_import import analyze, write_new_plan
    from services.sample import sample_workbook_path
    from services.tasks import TaskState

    trigger = "SELECT count(*) FROM sqlite_master WHERE name = 'project_search_insert'"
    monkeypatch.setattr(bulk, "MIN_ROWS", 10)  # the sample's 56 projects count as "big"
    report = write_new_plan(TaskState(), session, analyze(TaskState(), sample_workbook_path()))
    assert session.execute(text(trigger)).scalar() == 1
    _integrity(session)
    found = _ids(session, report.plan_id, "口袋公园", indexed=True)
    assert len(found) == 5 and found == _ids(session, report.plan_id, "口袋公园", indexed=False)
    # Rows written later go through the trigger again.
    section_id = session.scalar(select(Project.section_id).where(Project.plan_id == report.plan_id))
    [new_id] = insert_projects(session, section_id, None, [{"name": "新口袋公园工程"}])
    assert new_id in _ids(session, report.plan_id, "口袋公园", indexed=True)
    _integrity(session)


def test_an_import_into_a_ledger_holding_projects_is_found_by_the_index(session, sample_plan):
    """Smaller than the ledger, the load keeps the indexes; the text index still takes its
    rows in one statement after them, and nothing else: earlier rows keep their entries."""
    from importers.plan_import import analyze, write_new_plan
    from services.sample import sample_workbook_path
    from services.tasks import TaskState

    preview = analyze(TaskState(), sample_workbook_path())
    report = write_new_plan(TaskState(), session, preview, "第二个方案")
    _integrity(session)
    for plan_id in (sample_plan.id, report.plan_id):
        for word in ("口袋公园", "区住建局", "VOCs"):
            found = _ids(session, plan_id, word, indexed=True)
            assert found and found == _ids(session, plan_id, word, indexed=False)
    names = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'project_search%'"
    assert len(session.execute(text(names)).all()) == 3  # insert, update, delete: all back
