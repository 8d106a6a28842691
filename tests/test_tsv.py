"""Excel/WPS clipboard TSV: exact format, lenient reading, and round trips."""

from hypothesis import given
from hypothesis import strategies as st

from services.tsv import format_html, format_tsv, parse_tsv, quote_cell, rectangular


def test_format_like_excel():
    rows = [["名称", "计划投资(万元)"], ["河道整治", "5698.85"], ["第一行\n第二行", 'say "hi"']]
    assert format_tsv(rows) == (
        '名称\t计划投资(万元)\r\n河道整治\t5698.85\r\n"第一行\n第二行"\t"say ""hi"""\r\n'
    )


def test_quote_only_when_needed():
    assert quote_cell("plain text 文本") == "plain text 文本"
    assert quote_cell("a\tb") == '"a\tb"'
    assert quote_cell("") == ""


def test_none_is_empty_cell():
    assert format_tsv([[None, "x"]]) == "\tx\r\n"


def test_parse_excel_clipboard():
    text = 'a\t"multi\r\nline"\tc\r\n1\t2\t3\r\n'
    assert parse_tsv(text) == [["a", "multi\r\nline", "c"], ["1", "2", "3"]]


def test_parse_lf_and_missing_final_newline():
    assert parse_tsv("a\tb\nc\td") == [["a", "b"], ["c", "d"]]
    assert parse_tsv("x") == [["x"]]
    assert parse_tsv("") == []


def test_lone_cr_ends_a_row():
    assert parse_tsv("a\rb\r") == [["a"], ["b"]]


def test_only_one_trailing_newline_is_dropped():
    assert parse_tsv("a\r\n\r\n") == [["a"], [""]]


def test_ragged_rows_and_padding():
    rows = parse_tsv("a\tb\tc\r\nd\r\n\te\r\n")
    assert rows == [["a", "b", "c"], ["d"], ["", "e"]]
    assert rectangular(rows) == [["a", "b", "c"], ["d", "", ""], ["", "e", ""]]


def test_empty_cells_kept():
    assert parse_tsv("\t\t\r\n") == [["", "", ""]]


def test_unclosed_quote_is_literal():
    assert parse_tsv('"abc\tdef\r\n') == [['"abc', "def"]]


def test_text_after_closing_quote_kept():
    assert parse_tsv('"a"b\tc') == [["ab", "c"]]


def test_quote_inside_unquoted_cell_is_literal():
    assert parse_tsv('5"\t6') == [['5"', "6"]]


def test_html_escapes():
    html = format_html([["<b>", "a\nb"]])
    assert "&lt;b&gt;" in html and "a<br>b" in html


cell = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)
row = st.lists(cell, min_size=1, max_size=5)


@given(st.lists(row, max_size=6))
def test_round_trip(rows):
    assert parse_tsv(format_tsv(rows)) == rows


@given(st.lists(row, max_size=6))
def test_round_trip_with_lf_endings(rows):
    assert parse_tsv(format_tsv(rows, line_end="\n")) == rows


@given(st.lists(st.lists(st.text('ab\t\n\r" ', max_size=6), min_size=1, max_size=4), max_size=5))
def test_round_trip_special_characters(rows):
    assert parse_tsv(format_tsv(rows)) == rows
