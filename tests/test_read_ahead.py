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
