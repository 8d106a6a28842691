"""Parsing what people type and paste: money, quantities, periods, owner lists."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.parsing import (
    format_money,
    format_yi,
    parse_money,
    parse_period,
    parse_quantity,
    parse_year,
    split_owner_names,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5,698.85", Decimal("5698.85")),
        ("１２００", Decimal("1200.00")),
        (1250.03, Decimal("1250.03")),
        (700, Decimal("700.00")),
        ("  36 ", Decimal("36.00")),
        ("3630万元", Decimal("3630.00")),
        ("3630万", Decimal("3630.00")),
        # A unit written in the cell is converted to 万元, never dropped (3亿元 is not 3 万元).
        ("3亿元", Decimal("30000.00")),
        ("1.25亿", Decimal("12500.00")),
        ("500元", Decimal("0.05")),
        ("5,000,000元", Decimal("500.00")),
        ("800千元", Decimal("80.00")),
    ],
)
def test_money_accepts_what_spreadsheets_hold(text, expected):
    assert parse_money(text) == expected


def test_a_cells_own_unit_wins_over_the_tables():
    assert parse_money("5000000", scale=Decimal("0.0001")) == Decimal("500.00")  # a 元 table
    assert parse_money("300万元", scale=Decimal("0.0001")) == Decimal("300.00")


@pytest.mark.parametrize("text", ["/", "—", "——", "-", "无", "", None])
def test_money_not_set_markers(text):
    assert parse_money(text) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [("-5", "负"), ("abc", "不是金额"), ("1.234", "两位小数"), ("nan", "不是金额")],
)
def test_money_refuses_with_reason(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_money(text)


def test_money_converts_units():
    assert parse_money("1234567", scale=Decimal("0.0001")) == Decimal("123.46")
    assert parse_money("6.7", scale=Decimal(10000)) == Decimal("67000.00")


@given(st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False))
def test_money_text_round_trip(amount):
    assert parse_money(format_money(amount)) == amount


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2023", 2023, 2023),
        (2023, 2023, 2023),
        ("2022-2024", 2022, 2024),
        ("2022—2024", 2022, 2024),
        ("2022～2024", 2022, 2024),
        ("2022年-2024年", 2022, 2024),
        ("2018~2020", 2018, 2020),
        ("２０２１－２０２５", 2021, 2025),
        # Months as people write them are dropped: the ledger plans by year.
        ("2023年3月-2024年12月", 2023, 2024),
        ("2023.3-2024.12", 2023, 2024),
        ("2023.03~2024.06", 2023, 2024),
        ("2023/3-2024/6", 2023, 2024),
        (2023.1, 2023, 2023),  # a cell typed 2023.10 that Excel keeps as a number
    ],
)
def test_period_forms(text, start, end):
    period = parse_period(text)
    assert (period.start_year, period.end_year) == (start, end)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("2024-2022", "早于"), ("1850", "1990"), ("明年", "建设期限"), ("2023.13", "建设期限")],
)
def test_period_refused(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_period(text)


@given(st.integers(1990, 2100), st.integers(0, 10))
def test_period_label_round_trip(start, length):
    end = min(start + length, 2100)
    period = parse_period(f"{start}-{end}")
    assert parse_period(period.label) == period


def test_year_cells():
    assert parse_year("2023.3") == parse_year("2023年3月") == parse_year("2023/12") == 2023
    assert parse_year("2023年") == 2023
    assert parse_year("——") is None
    assert parse_year(2024.0) == 2024


def test_quantity():
    assert parse_quantity("18") == 18
    assert parse_quantity(382.0) == 382
    assert parse_quantity("/") is None
    for bad in ("1.5", "-3", "几个"):
        with pytest.raises(ValueError):
            parse_quantity(bad)


def test_owner_lists_split_and_unify_brackets():
    text = "钟楼生态环境局、\n高新园（邹区镇），北港街道;新闸街道/ 五星街道"
    assert split_owner_names(text) == [
        "钟楼生态环境局",
        "高新园(邹区镇)",
        "北港街道",
        "新闸街道",
        "五星街道",
    ]


def test_money_display():
    assert format_money(Decimal("67619.88")) == "67,619.88"
    assert format_yi(Decimal("67619.88")) == "6.76"
    assert format_money(None) == "/"
