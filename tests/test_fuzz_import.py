"""Fuzzed imports: hostile and damaged xlsx/ods/csv/xls inputs (made by tests/fuzz_inputs.py)
end as a correct import or exit 1 with a message — never a traceback, within the time limit,
and the database byte-identical when refused. Bounded examples keep the suite quick; the
larger run is benchmarks/bench_fuzz.py."""

from __future__ import annotations

import random
import shutil
import sqlite3
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import hostile_files as hostile
from tests.fuzz_inputs import EXTREME_VALUES, FAR_REFS, judge, make_input

TIME_LIMIT = 15.0  # seconds per input, generous for a loaded CI machine


def _check(path: Path, template: Path) -> None:
    db = path.parent / "ledger.sqlite"
    shutil.copyfile(template, db)
    outcome = judge(path, db)
    assert not outcome.crashed, outcome.stderr
    assert outcome.seconds < TIME_LIMIT
    if outcome.code == 1:
        assert outcome.db_unchanged and outcome.stderr.startswith("greenledger:")
    else:
        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert connection.execute("SELECT count(*) FROM project").fetchone()[0] >= 1


def _template(_template_databases) -> Path:
    return Path(_template_databases["empty"])


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(seed=st.integers(0, 2**32 - 1))
def test_mutated_files_never_crash(seed, _template_databases):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        _check(make_input(random.Random(seed), folder), _template(_template_databases))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    cells=st.lists(
        st.tuples(
            st.integers(3, 5),
            st.integers(0, 6),
            st.sampled_from(EXTREME_VALUES)
            | st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=40),
        ),
        min_size=1,
        max_size=4,
    ),
    far=st.none() | st.sampled_from(FAR_REFS),
)
def test_extreme_values_are_validation_errors_or_imports(cells, far, _template_databases):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        rows = hostile.ledger_rows(3)
        for row, col, value in cells:
            rows[row][col] = value
        path = hostile.write_xlsx(folder / "values.xlsx", rows)
        if far:
            hostile.add_cell(path, far)
        _check(path, _template(_template_databases))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.binary(max_size=2048), suffix=st.sampled_from([".xlsx", ".ods", ".xls", ".csv"]))
def test_arbitrary_bytes_under_any_name(data, suffix, _template_databases):
    folder = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        path = folder / f"bytes{suffix}"
        path.write_bytes(data)
        _check(path, _template(_template_databases))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_an_ods_made_here_imports_correctly(tmp_path, _template_databases):
    from tests.fuzz_inputs import write_ods

    path = write_ods(tmp_path / "ok.ods", hostile.ledger_rows(4))
    db = tmp_path / "ledger.sqlite"
    shutil.copyfile(_template(_template_databases), db)
    outcome = judge(path, db)
    assert outcome.code == 0, outcome.stderr
    with sqlite3.connect(db) as connection:
        assert (
            connection.execute("SELECT sum(planned_investment_wan) FROM project").fetchone()[0]
            == 41000
        )
