"""Bounded reading: hostile workbooks are refused with a located message, quickly, and a
reader that dies or runs too long is a message too — the calling process lives on."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import pytest

from importers.bounds import ods_extents, xlsx_extents
from importers.reader import ReadError, read_file
from importers.reader_process import pack_rows, unpack_rows
from importers.safety import ImportLimits
from tests import hostile_files as hostile


def _refusal(path: Path, limits: ImportLimits | None = None) -> str:
    started = time.monotonic()
    with pytest.raises(ReadError) as caught:
        read_file(path, limits or ImportLimits())
    assert time.monotonic() - started < 10
    return str(caught.value)


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("XFD1048576", "16,384 列"),
        ("ZZZZZZ99999999", "99,999,999 行"),
        ("AMJ30000", "30,000,000 个单元格"),
    ],
)
def test_far_cell_is_refused_with_the_sheet_and_the_cell(tmp_path, ref, words):
    message = _refusal(hostile.far_cell_xlsx(tmp_path, ref))
    assert message.startswith("附件1")
    assert words in message and ref in message


def test_many_columns_are_refused(tmp_path):
    message = _refusal(hostile.wide_xlsx(tmp_path, columns=1100, rows=2))
    assert "1,100 列" in message and "上限 1,024" in message


def test_a_lying_dimension_element_does_not_matter(tmp_path):
    path = hostile.add_cell(
        hostile.write_xlsx(tmp_path / "d.xlsx"), "H5", dimension="A1:XFD1048576"
    )
    sheets = read_file(path)
    assert len(sheets[0].rows) == 6 and sheets[0].rows[4][7] == "1"


@pytest.mark.parametrize(
    ("maker", "words"),
    [
        (hostile.entity_xlsx, "DOCTYPE"),
        (hostile.zip_bomb_xlsx, "压缩炸弹"),
        (hostile.encrypted_flag_xlsx, "加密"),
        (hostile.damaged_member_xlsx, "损坏"),
    ],
)
def test_damaged_and_hostile_containers_are_messages(tmp_path, maker, words):
    assert words in _refusal(maker(tmp_path))


def test_truncated_workbook_is_a_message(tmp_path):
    assert "损坏" in _refusal(hostile.truncated(hostile.write_xlsx(tmp_path / "t.xlsx")))


def test_extent_counts_references_not_rows_in_order(tmp_path):
    path = hostile.add_cell(hostile.write_xlsx(tmp_path / "x.xlsx"), "AB77")
    (extent,) = xlsx_extents(path)
    assert (extent.sheet, extent.rows, extent.columns) == ("附件1", 77, 28)


def test_ods_extent_counts_repeats_without_expanding(tmp_path):
    path = tmp_path / "r.ods"
    content = (
        '<?xml version="1.0"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="S">'
        '<table:table-row><table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="5000000">'
        '<table:table-cell table:number-columns-repeated="3" office:value-type="float" '
        'office:value="2"/></table:table-row>'
        '<table:table-row table:number-rows-repeated="1048000"><table:table-cell/></table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
    (extent,) = ods_extents(path)
    assert (extent.rows, extent.columns) == (5_000_001, 3)
    assert "5,000,001 行" in _refusal(path)


def test_a_reader_out_of_memory_is_a_message_and_the_next_read_works(tmp_path):
    # 1,000,000 × 7 cells: calamine's grid alone needs more than 200 MB.
    big = hostile.far_cell_xlsx(tmp_path, "G1000000")
    message = _refusal(big, ImportLimits(max_reader_memory_bytes=200 * 1024 * 1024))
    assert "200 MB" in message and big.name in message
    assert len(read_file(hostile.write_xlsx(tmp_path / "ok.xlsx"))[0].rows) == 6


def test_a_reader_over_time_is_stopped(tmp_path):
    big = hostile.write_xlsx(tmp_path / "slow.xlsx", hostile.ledger_rows(20_000))
    message = _refusal(big, ImportLimits(max_read_seconds=0))
    assert "秒" in message


def test_cancel_stops_the_reader(tmp_path):
    from services.tasks import Cancelled

    big = hostile.write_xlsx(tmp_path / "c.xlsx", hostile.ledger_rows(20_000))
    with pytest.raises(Cancelled):
        read_file(big, ImportLimits(), should_stop=lambda: True)
    assert len(read_file(hostile.write_xlsx(tmp_path / "ok.xlsx"))[0].rows) == 6


def test_packing_keeps_every_cell_or_falls_back():
    rows = [["a", "", "多行\n文字"], ["1", "2", "3"]]
    assert unpack_rows(pack_rows(rows)) == rows
    assert pack_rows([["a\x1fb", "c"]]) is None
    assert pack_rows([["a"], ["b", "c"]]) is None
    assert unpack_rows(pack_rows([])) == []


def test_worker_reads_the_same_as_calamine_in_process(tmp_path):
    from importers.reader import read_workbook

    path = hostile.write_xlsx(tmp_path / "same.xlsx", hostile.ledger_rows(50))
    guarded, direct = read_file(path), read_workbook(path)
    assert [(s.name, s.rows, s.merges) for s in guarded] == [
        (s.name, s.rows, s.merges) for s in direct
    ]
