"""No lost update: two clerks edit the same cell; the second, based on the version both read,
is refused with a typed error and the first one's value stays (both backends)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from db import session_factory
from models import AuditEntry, Project
from services import ledger, writer
from services.errors import StaleRowError

pytestmark = pytest.mark.backends


def test_two_sessions_edit_the_same_cell_one_conflict_zero_lost(engine, sample_plan, backend):
    make = session_factory(engine)
    with make() as first, make() as second:
        pid = first.scalars(select(Project.id).order_by(Project.id)).first()
        # Both read the row: the same version.
        seen_first = writer.row_versions(first, Project.__table__, [pid])
        seen_second = writer.row_versions(second, Project.__table__, [pid])
        first.rollback()
        second.rollback()
        assert seen_first == seen_second

        ledger.set_fields(first, {pid: {"remarks": "甲：已开工"}}, expected_versions=seen_first)
        with pytest.raises(StaleRowError) as refused:
            ledger.set_fields(
                second, {pid: {"remarks": "乙：未开工"}}, expected_versions=seen_second
            )
        assert refused.value.current == {pid: seen_first[pid] + 1}
        assert "changed by someone else" in str(refused.value)

        # Based on what is there now, the second clerk's edit goes through.
        now = writer.row_versions(second, Project.__table__, [pid])
        second.rollback()
        ledger.set_fields(second, {pid: {"remarks": "乙：未开工"}}, expected_versions=now)

    with make() as check:
        assert check.get(Project, pid).remarks == "乙：未开工"
        assert check.get(Project, pid).row_version == seen_first[pid] + 2
        history = check.scalars(
            select(AuditEntry.new_value)
            .where(AuditEntry.entity_id == pid, AuditEntry.field == "remarks")
            .order_by(AuditEntry.id)
        ).all()
        assert history == ["甲：已开工", "乙：未开工"]  # both edits, none overwritten unseen


def test_a_refused_write_writes_nothing_of_the_whole_batch(session, sample_plan):
    ids = session.scalars(select(Project.id).order_by(Project.id).limit(2)).all()
    seen = writer.row_versions(session, Project.__table__, ids)
    ledger.set_fields(session, {ids[1]: {"remarks": "先改"}})  # someone else, meanwhile
    with pytest.raises(StaleRowError):
        ledger.set_fields(
            session,
            {ids[0]: {"remarks": "批量一"}, ids[1]: {"remarks": "批量二"}},
            expected_versions=seen,
        )
    session.expire_all()
    assert session.get(Project, ids[0]).remarks != "批量一"
    assert session.get(Project, ids[1]).remarks == "先改"
