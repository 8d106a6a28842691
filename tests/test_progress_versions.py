"""Progress rows carry a version: a report or milestone save based on a stale row is refused,
also when two saves of the same row run at the same moment on a server (both backends)."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from db import session_factory
from models import Project
from services import schedule
from services.errors import StaleRowError
from services.operations import LocalContext, run_op
from services.progress_grid import ProgressSource

pytestmark = pytest.mark.backends

PERIOD = "2023Q3"


def _first_project(make) -> int:
    with make() as s:
        return s.scalars(select(Project.id).order_by(Project.id)).first()


def _seen(make, source, pid) -> dict[int, int]:
    with make() as s:
        return source.versions(s, [pid])


def test_each_kind_of_write_moves_the_row_on(engine, sample_plan):
    make, source = session_factory(engine), ProgressSource(PERIOD)
    pid = _first_project(make)
    start = _seen(make, source, pid)
    for change in (
        {"narrative": "新报表"},  # a first report
        {"narrative": "改报表"},  # an update of it
        {"milestones": "2023-12 100%"},  # milestones (replaced, not updated)
    ):
        before = _seen(make, source, pid)
        with make() as s:
            source.set_fields(s, {pid: change}, expected=before)
        assert _seen(make, source, pid) != before
    assert _seen(make, source, pid) != start
    with make() as s, pytest.raises(StaleRowError) as refused:
        source.set_fields(s, {pid: {"problems": "旧版本上的修改"}}, expected=start)
    assert pid in refused.value.current
    with make() as s:
        assert source.rows(s, [pid])[0].report.problems is None  # nothing written


@pytest.mark.backends("postgresql")
def test_two_saves_of_the_same_milestones_at_once_one_refused(engine, sample_plan):
    """The first save holds the row until it commits; the second waits, then finds it stale."""
    make, source = session_factory(engine), ProgressSource(PERIOD)
    pid = _first_project(make)
    seen = _seen(make, source, pid)
    first_wrote, release = threading.Event(), threading.Event()
    outcome: list[object] = []

    def first(op):
        source.set_fields(op.session, {pid: {"milestones": "2023-06 40%"}}, expected=seen)
        first_wrote.set()
        release.wait(10)

    def second():
        first_wrote.wait(10)
        try:
            run_op(
                LocalContext(make, "clerk_b"),
                lambda op: source.set_fields(
                    op.session, {pid: {"milestones": "2023-09 60%"}}, expected=seen
                ),
                label="b",
            )
            outcome.append("saved")
        except StaleRowError as exc:
            outcome.append(exc)

    other = threading.Thread(target=second)
    other.start()
    timer = threading.Timer(1.0, release.set)  # the second save is waiting by then
    timer.start()
    run_op(LocalContext(make, "clerk_a"), first, label="a")
    other.join(20)
    timer.cancel()
    [result] = outcome
    assert isinstance(result, StaleRowError)
    with make() as s:
        [(_due, pct)] = schedule.milestones_for(s, [pid])[pid]
        assert str(pct) == "40.00"  # the first save stays, the second did not overwrite it
