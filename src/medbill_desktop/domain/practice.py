"""The practice: the billing provider printed on every claim and statement."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.npi import validate_npi

US_STATES = frozenset("""
    AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC
    ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR VI GU AS MP
""".split())
_TAXONOMY = re.compile(r"^[0-9]{3}[0-9A-Z]{6}X$")


@dataclass(frozen=True, slots=True)
class Address:
    line1: str
    city: str
    state: str
    zip_code: str
    line2: str = ""


@dataclass(frozen=True, slots=True)
class Practice:
    name: str
    npi: str
    tax_id: str
    taxonomy: str
    address: Address
    phone: str


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def validate_tax_id(tax_id: str, field: str = "tax_id") -> str:
    d = digits(tax_id)
    if len(d) != 9:
        raise DomainError(f"A tax ID (EIN) has 9 digits, as in 12-3456789; '{tax_id}' has {len(d)}.", field)
    return d


def validate_taxonomy(code: str, field: str = "taxonomy") -> str:
    cleaned = code.strip().upper()
    if not _TAXONOMY.match(cleaned):
        raise DomainError(
            f"'{code}' is not a provider taxonomy code; it has 10 characters ending in X, e.g. 207Q00000X.", field
        )
    return cleaned


def validate_phone(phone: str, field: str = "phone") -> str:
    d = digits(phone)
    if len(d) == 11 and d.startswith("1"):
        d = d[1:]
    if len(d) != 10:
        raise DomainError(f"A phone number has 10 digits with the area code; '{phone}' has {len(d)}.", field)
    return d


def format_phone(d: str) -> str:
    return f"({d[:3]}) {d[3:6]}-{d[6:]}" if len(d) == 10 else d


def validate_address(address: Address, prefix: str = "address") -> Address:
    if not address.line1.strip():
        raise DomainError("Enter the street address.", f"{prefix}.line1")
    if not address.city.strip():
        raise DomainError("Enter the city.", f"{prefix}.city")
    state = address.state.strip().upper()
    if state not in US_STATES:
        raise DomainError(f"'{address.state}' is not a US state code; use two letters such as NY.", f"{prefix}.state")
    zip_digits = digits(address.zip_code)
    if len(zip_digits) not in (5, 9):
        raise DomainError(f"A ZIP code has 5 or 9 digits; '{address.zip_code}' has {len(zip_digits)}.", f"{prefix}.zip")
    return Address(
        line1=address.line1.strip(), line2=address.line2.strip(), city=address.city.strip(),
        state=state, zip_code=zip_digits,
    )


def validate_practice(practice: Practice) -> Practice:
    """Return the practice with its fields normalised, or raise naming the first field that is wrong."""
    name = practice.name.strip()
    if not name:
        raise DomainError("Enter the practice's billing name as the payers know it.", "name")
    return replace(
        practice,
        name=name,
        npi=validate_npi(practice.npi),
        tax_id=validate_tax_id(practice.tax_id),
        taxonomy=validate_taxonomy(practice.taxonomy),
        address=validate_address(practice.address),
        phone=validate_phone(practice.phone),
    )
