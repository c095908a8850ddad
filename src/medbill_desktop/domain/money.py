"""Money as an integer number of cents, with one rounding rule and one formatter."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from medbill_desktop.domain.errors import DomainError

_CENT = Decimal("0.01")
_AMOUNT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")  # no exponents, underscores or signs inside brackets


def round_cents(amount: Decimal) -> int:
    """The one rounding rule: dollars as Decimal to whole cents, half to even."""
    return int((amount.quantize(_CENT, rounding=ROUND_HALF_EVEN) * 100).to_integral_value())


@dataclass(frozen=True, slots=True, order=True)
class Money:
    cents: int

    def __post_init__(self) -> None:
        if not isinstance(self.cents, int) or isinstance(self.cents, bool):
            raise TypeError(f"Money holds whole cents, not {type(self.cents).__name__}")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def parse(cls, text: str, field: str | None = None) -> Money:
        """Read what a user typed: '1,234.50', '$12', '-3.5', '(4.00)'. Never goes through float."""
        cleaned = text.strip().replace(",", "").replace("$", "").replace(" ", "")
        negative = cleaned.startswith("(") and cleaned.endswith(")")
        if negative:
            cleaned = cleaned[1:-1]
        if not cleaned:
            raise DomainError("Enter an amount, for example 120.00.", field)
        if not _AMOUNT.match(cleaned) or (negative and cleaned[0] in "+-"):
            raise DomainError(f"'{text.strip()}' is not an amount; use digits like 120.00.", field)
        value = Decimal(cleaned)
        try:
            exact = value == value.quantize(_CENT, rounding=ROUND_HALF_EVEN)
        except InvalidOperation:
            raise DomainError(f"'{text.strip()}' is too large an amount.", field) from None
        if not exact:
            raise DomainError(f"'{text.strip()}' has more than two decimal places.", field)
        cents = round_cents(value)
        return cls(-cents if negative else cents)

    @classmethod
    def from_decimal(cls, amount: Decimal) -> Money:
        return cls(round_cents(amount))

    def to_decimal(self) -> Decimal:
        return Decimal(self.cents) / 100

    def __add__(self, other: Money) -> Money:
        return Money(self.cents + other.cents)

    def __sub__(self, other: Money) -> Money:
        return Money(self.cents - other.cents)

    def __neg__(self) -> Money:
        return Money(-self.cents)

    def __bool__(self) -> bool:
        return self.cents != 0

    def times(self, factor: Decimal) -> Money:
        """Multiply by a rate (e.g. 0.20 coinsurance) with the one rounding rule."""
        return Money(round_cents(self.to_decimal() * factor))

    def format(self) -> str:
        return format_cents(self.cents)

    def __str__(self) -> str:
        return self.format()


def format_cents(cents: int) -> str:
    """The one formatter: -1234567 -> '-$12,345.67'."""
    sign = "-" if cents < 0 else ""
    dollars, rem = divmod(abs(cents), 100)
    return f"{sign}${dollars:,}.{rem:02d}"


def total(amounts: list[Money]) -> Money:
    return Money(sum(m.cents for m in amounts))
