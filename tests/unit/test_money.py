"""Money: what a user types becomes whole cents exactly, one rounding rule, one way of showing it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.money import Money, format_cents, round_cents, total

TYPED = [
    ("1,234.50", 123450),
    ("$12", 1200),
    ("(4.00)", -400),
    ("-3.5", -350),
    (" $0.07 ", 7),
    ("$1,000,000", 100_000_000),
    ("0.29", 29),  # float(0.29) * 100 is 28.999999999999996
    ("4.35", 435),  # float(4.35) * 100 is 434.99999999999994
    (".50", 50),
    ("+5", 500),
]


@pytest.mark.parametrize(("text", "cents"), TYPED)
def test_parse_reads_what_people_type(text: str, cents: int) -> None:
    assert Money.parse(text) == Money(cents)


REFUSED = [
    ("12.345", "more than two decimal places"),
    ("1.005", "more than two decimal places"),
    ("abc", "is not an amount"),
    ("", "Enter an amount"),
    ("$", "Enter an amount"),
    ("1e3", "is not an amount"),
    ("1_000", "is not an amount"),
    ("NaN", "is not an amount"),
    ("Infinity", "is not an amount"),
    ("(-4.00)", "is not an amount"),
    ("9" * 30, "too large"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_parse_refuses_what_is_not_an_amount(text: str, message: str) -> None:
    with pytest.raises(DomainError, match=message) as caught:
        Money.parse(text, field="copay")
    assert caught.value.field == "copay"


def test_money_holds_whole_cents_never_a_float() -> None:
    for bad in (1.5, True, Decimal("1.50"), "150"):
        with pytest.raises(TypeError):
            Money(bad)  # type: ignore[arg-type]
    assert isinstance(Money.parse("19.99").cents, int)


@pytest.mark.parametrize(("dollars", "cents"), [
    ("0.125", 12), ("0.135", 14), ("0.145", 14), ("2.675", 268), ("1.005", 100),
    ("-0.125", -12), ("-0.135", -14), ("10", 1000), ("0.001", 0),
])
def test_round_cents_rounds_half_to_even(dollars: str, cents: int) -> None:
    assert round_cents(Decimal(dollars)) == cents


@pytest.mark.parametrize(("cents", "rate", "expected"), [
    (1001, "0.5", 500),  # 5.005 -> 5.00
    (1003, "0.5", 502),  # 5.015 -> 5.02
    (12345, "0.20", 2469),  # 20% coinsurance of 123.45 = 24.69
    (-1001, "0.5", -500),
    (9999, "1", 9999),
])
def test_times_uses_the_same_rounding(cents: int, rate: str, expected: int) -> None:
    assert Money(cents).times(Decimal(rate)) == Money(expected)


@pytest.mark.parametrize(("cents", "shown"), [
    (0, "$0.00"), (5, "$0.05"), (-5, "-$0.05"), (120, "$1.20"), (100_000, "$1,000.00"),
    (-100_000, "-$1,000.00"), (123_456_789, "$1,234,567.89"), (-123_456_789, "-$1,234,567.89"),
])
def test_format_cents(cents: int, shown: str) -> None:
    assert format_cents(cents) == shown
    assert str(Money(cents)) == shown


@given(st.integers(min_value=-10**13, max_value=10**13))
def test_what_is_shown_reads_back_as_the_same_amount(cents: int) -> None:
    assert Money.parse(format_cents(cents)) == Money(cents)


def test_arithmetic_stays_in_cents() -> None:
    a, b = Money.parse("0.10"), Money.parse("0.20")
    assert a + b == Money.parse("0.30")
    assert b - a - a == Money.zero()
    assert -a == Money(-10)
    assert total([a, b, Money(70)]) == Money(100)
    assert not Money.zero() and Money(1)
