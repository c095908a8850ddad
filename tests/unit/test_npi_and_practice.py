"""The NPI check digit and the practice record printed on every claim."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.npi import is_valid_npi, validate_npi
from medbill_desktop.domain.practice import Address, Practice, validate_practice

VALID_NPIS = ["1234567893", "1245319599", "1003000126", "1497758544", "1679576722", "1881697878"]


def luhn_ok(number: str) -> bool:
    """The textbook Luhn test over a whole number (check digit included)."""
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


@pytest.mark.parametrize("npi", VALID_NPIS)
def test_known_npis_are_valid(npi: str) -> None:
    assert luhn_ok("80840" + npi)  # the CMS rule, computed independently
    assert is_valid_npi(npi)
    assert validate_npi(npi) == npi


def test_spaces_and_dashes_are_cleaned() -> None:
    assert validate_npi(" 1234 567-893 ") == "1234567893"


def test_a_wrong_check_digit_says_what_it_should_be() -> None:
    with pytest.raises(DomainError) as caught:
        validate_npi("1234567890")
    assert "the last digit should be 3" in caught.value.message
    assert caught.value.field == "npi"


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_exactly_one_check_digit_fits_and_the_message_names_it(first_nine: str) -> None:
    fitting = [d for d in "0123456789" if is_valid_npi(first_nine + d)]
    assert len(fitting) == 1
    assert luhn_ok("80840" + first_nine + fitting[0])
    wrong = str((int(fitting[0]) + 1) % 10)
    with pytest.raises(DomainError, match=f"should be {fitting[0]}"):
        validate_npi(first_nine + wrong)


@pytest.mark.parametrize(("npi", "message"), [
    ("", "Enter the 10-digit NPI"),
    ("12345", "exactly 10 digits"),
    ("12345678AB", "exactly 10 digits"),
    ("12345678931", "exactly 10 digits"),
])
def test_npi_shape(npi: str, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        validate_npi(npi)


PRACTICE = Practice(
    name=" Riverside Family Medicine ", npi="1234567893", tax_id="12-3456789", taxonomy="207q00000x",
    address=Address("12 Main St", "Springfield", "il", "62701-1234"), phone="1 (217) 555-0100",
)


def test_a_valid_practice_is_normalised() -> None:
    clean = validate_practice(PRACTICE)
    assert (clean.name, clean.tax_id, clean.taxonomy, clean.phone) == (
        "Riverside Family Medicine", "123456789", "207Q00000X", "2175550100")
    assert (clean.address.state, clean.address.zip_code) == ("IL", "627011234")


def _with_address(**changes: str) -> Practice:
    return replace(PRACTICE, address=replace(PRACTICE.address, **changes))


@pytest.mark.parametrize(("practice", "field", "message"), [
    (replace(PRACTICE, name="  "), "name", "billing name"),
    (replace(PRACTICE, npi="1234567890"), "npi", "should be 3"),
    (replace(PRACTICE, tax_id="12-34567"), "tax_id", "9 digits"),
    (replace(PRACTICE, taxonomy="207Q0000"), "taxonomy", "taxonomy code"),
    (_with_address(line1=""), "address.line1", "street address"),
    (_with_address(city=" "), "address.city", "city"),
    (_with_address(state="XX"), "address.state", "state code"),
    (_with_address(zip_code="6270"), "address.zip", "ZIP"),
    (replace(PRACTICE, phone="555-0100"), "phone", "10 digits"),
], ids=lambda v: v if isinstance(v, str) else "")
def test_each_field_error_names_its_field(practice: Practice, field: str, message: str) -> None:
    with pytest.raises(DomainError, match=message) as caught:
        validate_practice(practice)
    assert caught.value.field == field
