"""The National Provider Identifier check digit (Luhn over the prefix 80840 and the first 9 digits)."""

from __future__ import annotations

from medbill_desktop.domain.errors import DomainError


def luhn_check_digit(digits: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 0:  # the rightmost digit of the payload is doubled
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return (10 - total % 10) % 10


def npi_check_digit(first_nine: str) -> int:
    return luhn_check_digit("80840" + first_nine)


def is_valid_npi(npi: str) -> bool:
    return len(npi) == 10 and npi.isdigit() and npi_check_digit(npi[:9]) == int(npi[9])


def validate_npi(npi: str, field: str = "npi") -> str:
    """Return the NPI cleaned of spaces, or raise with a message that says what is wrong."""
    cleaned = npi.replace(" ", "").replace("-", "")
    if not cleaned:
        raise DomainError("Enter the 10-digit NPI.", field)
    if len(cleaned) != 10 or not cleaned.isdigit():
        raise DomainError(f"An NPI has exactly 10 digits; '{npi}' has {len(cleaned)} characters.", field)
    if not is_valid_npi(cleaned):
        expected = npi_check_digit(cleaned[:9])
        raise DomainError(
            f"NPI {cleaned} fails its check digit (the last digit should be {expected}); check for a typo.", field
        )
    return cleaned
