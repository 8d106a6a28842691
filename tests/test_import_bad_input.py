"""Importer, bad input: every test asserts the exact located error AND that the database is unchanged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from importers.plan_import import ImportFailed, analyze, import_file, write_new_plan
from importers.safety import ImportLimits
from services.sample import sample_workbook_path
from services.tasks import Cancelled, TaskState
from tests.import_helpers import HEADER, build_workbook, counts, digest, errors_of

pytestmark = pytest.mark.backends


# ---------------------------------------------------------------- bad input: located, nothing written


def _assert_untouched(session, db_target, before_counts, before_digest):
    assert counts(session) == before_counts
    session.get_bind().dispose()
    assert digest(db_target) == before_digest


@pytest.fixture
def loaded(session, sample_plan, db_target):
    session.commit()
    session.get_bind().dispose()
    return counts(session), digest(db_target)


def test_bad_values_are_all_reported_with_locations_and_nothing_is_written(
    tmp_path, session, db_target, loaded
):
    rows = [
        ["附件1"],
        HEADER,
        [1, "T", "负数", "c", 1, -5, "2023", "甲局"],
        [2, "T", "数量是文字", "c", "若干", 5, "2023", "甲局"],
        [3, "T", "年份颠倒", "c", 1, 5, "2024-2022", "甲局"],
        [4, "T", "好项目", "c", 1, 5, "2023", "甲局"],
        ["(二)新分区"],
        [1, "T", None, None, None, "7", "2023", "甲局"],  # no project above to continue
    ]
    path = build_workbook(tmp_path / "bad.xlsx", {"表": rows})
    with pytest.raises(ImportFailed) as info:
        import_file(TaskState(), session, path)
    got = [(i.sheet, i.row, i.column, i.header, i.value) for i in info.value.issues if i.is_error]
    assert got == [
        ("表", 3, "F", "计划投资\n(万元)", "-5"),
        ("表", 4, "E", "项目数量", "若干"),
        ("表", 5, "G", "建设期限", "2024-2022"),
        ("表", 8, "C", "工程项目名称", ""),
    ]
    reasons = [i.reason for i in info.value.issues]
    assert "负" in reasons[0] and "整数" in reasons[1] and "结束年份早于开始年份" in reasons[2]
    _assert_untouched(session, db_target, *loaded)


def test_start_after_end_in_separate_columns(tmp_path):
    rows = [["序号", "项目名称", "建设内容", "启动时间", "完成时间"], [1, "甲", "c", 2025, 2023]]
    preview = analyze(TaskState(), build_workbook(tmp_path / "t.xlsx", {"S": rows}))
    assert errors_of(preview) == [("S", 2, "E", "2023")]


def test_no_header_found(tmp_path, session, db_target, loaded):
    path = build_workbook(tmp_path / "x.xlsx", {"S": [["随便"], ["一些", "文字"]]})
    with pytest.raises(ImportFailed) as info:
        import_file(TaskState(), session, path)
    [error] = [i for i in info.value.issues if i.is_error]
    assert error.sheet == "x.xlsx" and error.row is None and "表头" in error.reason
    _assert_untouched(session, db_target, *loaded)


def _bad_file(tmp_path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("corrupt.xlsx", b"this is not a workbook at all", "损坏"),
        ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "密码"),
        ("broken.xlsx", b"PK\x03\x04garbage-garbage-garbage", "损坏"),
        ("empty.xlsx", b"", "空"),
        ("notes.docx", b"PK\x03\x04", "不支持"),
        ("fake.xls", b"<html>not xls</html>", "损坏"),
    ],
)
def test_unreadable_files_are_located_errors_not_tracebacks(
    tmp_path, session, db_target, loaded, name, data, words
):
    path = _bad_file(tmp_path, name, data)
    with pytest.raises(ImportFailed) as info:
        import_file(TaskState(), session, path)
    [error] = info.value.issues
    assert error.sheet == name and words in error.reason
    _assert_untouched(session, db_target, *loaded)


def test_size_limit_and_zip_bomb_and_doctype(tmp_path):
    good = build_workbook(
        tmp_path / "g.xlsx", {"S": [HEADER, [1, "T", "甲", "c", 1, 1, "2023", "甲局"]]}
    )
    small = ImportLimits(max_file_bytes=1000)
    [error] = analyze(TaskState(), good, limits=small).errors
    assert "过大" in error.reason
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (30 * 1024 * 1024))
    [error] = analyze(TaskState(), bomb).errors
    assert "压缩炸弹" in error.reason
    limited = ImportLimits(max_uncompressed_bytes=1024)
    [error] = analyze(TaskState(), good, limits=limited).errors
    assert "超过上限" in error.reason
    evil = tmp_path / "evil.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(evil, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            if item.filename.endswith("sheet1.xml"):
                body = data.split(b"?>", 1)[-1]
                data = b'<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>' + body
            dst.writestr(item, data)
    [error] = analyze(TaskState(), evil).errors
    assert "ENTITY" in error.reason


def test_cancel_during_write_leaves_nothing(session, loaded, db_target):
    preview = analyze(TaskState(), sample_workbook_path())
    state = TaskState()
    calls = []

    def on_progress(done, total, message):
        calls.append(done)
        if "writing" in message:
            state.cancel()

    state.on_progress = on_progress
    state.min_interval = 0
    with pytest.raises(Cancelled):
        write_new_plan(state, session, preview, "cancelled")
    assert calls
    _assert_untouched(session, db_target, *loaded)
