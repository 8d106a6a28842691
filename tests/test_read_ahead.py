"""A workbook handed to the reader process ahead of time (the import command does, while it
is still starting up) is read once; reading another file then gives that file's cells, and a
hostile file sent ahead is still refused by the extent check."""

from __future__ import annotations

import pytest
import xlsxwriter

from importers.reader import ReadError, read_ahead, read_file
from importers.safety import ImportLimits
from tests import hostile_files as hostile


def _book(path, text: str):
    book = xlsxwriter.Workbook(str(path))
    book.add_worksheet("表").write(0, 0, text)
    book.close()
    return path


def test_the_file_read_ahead_is_the_file_read(tmp_path):
    first = _book(tmp_path / "a.xlsx", "甲")
    read_ahead(first)
    assert read_file(first)[0].rows == [["甲"]]
    assert read_file(first)[0].rows == [["甲"]]  # nothing left over for the next read


def test_another_file_than_the_one_read_ahead_gives_its_own_cells(tmp_path):
    read_ahead(_book(tmp_path / "a.xlsx", "甲"))
    other = _book(tmp_path / "b.xlsx", "乙")
    assert read_file(other)[0].rows == [["乙"]]


def test_a_hostile_file_read_ahead_is_still_refused(tmp_path):
    bomb = hostile.far_cell_xlsx(tmp_path, "XFD1048576")
    read_ahead(bomb)
    with pytest.raises(ReadError, match="16,384 列"):
        read_file(bomb, ImportLimits())
    assert read_file(_book(tmp_path / "c.xlsx", "丙"))[0].rows == [["丙"]]


@pytest.fixture
def small_chunks(monkeypatch):
    """A reader worker of its own that sends 40 cells at a time."""
    from importers import reader_process

    monkeypatch.setenv(reader_process.CHUNK_ENV, "40")
    reader_process._drop_worker()
    yield 40
    reader_process._drop_worker()  # the next test's worker sends the usual chunks


def test_a_sheet_sent_in_several_chunks_comes_back_whole_and_in_order(tmp_path, small_chunks):
    """The worker sends a big sheet in pieces; a piece holding the packing's separator goes
    as a pickle. Every row arrives, once, in its place, and the next sheet after it."""
    width = 10
    rows = small_chunks // width * 2 + 3  # two full pieces and a part
    path = tmp_path / "big.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("大")
    for r in range(rows):
        for c in range(width):
            sheet.write_string(r, c, f"{r}-{c}")
    sheet.write_string(rows - 1, 0, "分\x1f隔")  # only the last piece cannot be packed
    book.add_worksheet("小").write(0, 0, 1250.5)
    book.close()
    big, small = read_file(path)
    assert big.rows == [[f"{r}-{c}" for c in range(width)] for r in range(rows - 1)] + [
        ["分\x1f隔"] + [f"{rows - 1}-{c}" for c in range(1, width)]
    ]
    assert small.rows == [["1250.5"]]
