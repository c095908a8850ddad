"""The practice's fee schedule (what it charges per unit of a procedure) and the allowed amounts it has
contracted with each payer.

An entry is keyed by procedure code and at most one modifier: a pricing modifier such as 26
(professional component), TC (technical component) or 50 (bilateral) changes the price; an entry with no
modifier is the price for any other modifier. Lookups try the line's modifiers in order, then no modifier.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from medbill_desktop.domain.codes import is_modifier_shape, is_procedure_shape, normalize_code
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.money import format_cents

FeeKey = tuple[str, str]  # (procedure code, modifier or "")


@dataclass(frozen=True, slots=True)
class FeeEntry:
    procedure: str
    charge_cents: int  # per unit
    modifier: str = ""

    @property
    def key(self) -> FeeKey:
        return (self.procedure, self.modifier)


@dataclass(frozen=True, slots=True)
class AllowedEntry:
    """What one payer's contract allows for a procedure (per unit)."""

    payer_id: str
    procedure: str
    allowed_cents: int
    modifier: str = ""


def _check_code(procedure: str, modifier: str, where: str) -> tuple[str, str]:
    code, mod = normalize_code(procedure), normalize_code(modifier)
    if not is_procedure_shape(code):
        raise DomainError(f"{where}: '{procedure}' is not a CPT or HCPCS code (5 characters, e.g. 99213 or J3301).",
                          "procedure")
    if mod and not is_modifier_shape(mod):
        raise DomainError(f"{where}: '{modifier}' is not a modifier (2 letters or digits, e.g. 25).", "modifier")
    return code, mod


def _check_amount(cents: int, where: str, field: str) -> None:
    if isinstance(cents, bool) or not isinstance(cents, int) or cents <= 0:
        raise DomainError(f"{where}: the amount must be more than $0.00.", field)


def validate_fee_entry(entry: FeeEntry) -> FeeEntry:
    code, mod = _check_code(entry.procedure, entry.modifier, "Fee schedule")
    _check_amount(entry.charge_cents, f"Fee for {code}{'-' + mod if mod else ''}", "charge_cents")
    return FeeEntry(code, entry.charge_cents, mod)


def validate_allowed_entry(entry: AllowedEntry) -> AllowedEntry:
    if not entry.payer_id:
        raise DomainError("Choose the payer whose contract this is.", "payer_id")
    code, mod = _check_code(entry.procedure, entry.modifier, "Contracted amount")
    _check_amount(entry.allowed_cents, f"Allowed amount for {code}{'-' + mod if mod else ''}", "allowed_cents")
    return AllowedEntry(entry.payer_id, code, entry.allowed_cents, mod)


@dataclass(frozen=True, slots=True)
class FeeSchedule:
    """The practice's charges. Built from entries with `fee_schedule`, which refuses duplicates."""

    entries: Mapping[FeeKey, int] = field(default_factory=dict)
    name: str = "Standard"


def fee_schedule(entries: Iterable[FeeEntry], name: str = "Standard") -> FeeSchedule:
    table: dict[FeeKey, int] = {}
    for raw in entries:
        entry = validate_fee_entry(raw)
        if entry.key in table:
            shown = f"{entry.procedure}{'-' + entry.modifier if entry.modifier else ''}"
            raise DomainError(f"{shown} is in the fee schedule twice ({format_cents(table[entry.key])} and "
                              f"{format_cents(entry.charge_cents)}); keep one.", "procedure")
        table[entry.key] = entry.charge_cents
    return FeeSchedule(MappingProxyType(table), name)


@dataclass(frozen=True, slots=True)
class ContractedRates:
    """Allowed amounts per payer. Built with `contracted_rates`, which refuses duplicates."""

    entries: Mapping[tuple[str, str, str], int] = field(default_factory=dict)  # (payer_id, code, modifier)


def contracted_rates(entries: Iterable[AllowedEntry]) -> ContractedRates:
    table: dict[tuple[str, str, str], int] = {}
    for raw in entries:
        entry = validate_allowed_entry(raw)
        key = (entry.payer_id, entry.procedure, entry.modifier)
        if key in table:
            shown = f"{entry.procedure}{'-' + entry.modifier if entry.modifier else ''}"
            raise DomainError(f"{shown} has two allowed amounts for the same payer; keep one.", "procedure")
        table[key] = entry.allowed_cents
    return ContractedRates(MappingProxyType(table))


def _lookup(table: Mapping[FeeKey, int], code: str, modifiers: Sequence[str]) -> int | None:
    code = normalize_code(code)
    for mod in modifiers:
        found = table.get((code, normalize_code(mod)))
        if found is not None:
            return found
    return table.get((code, ""))


def charge_for(schedule: FeeSchedule, code: str, modifiers: Sequence[str] = ()) -> int | None:
    """The per-unit charge for a procedure: the entry for the first of the line's modifiers that has one,
    else the entry without a modifier; None when the schedule has no price for the code."""
    return _lookup(schedule.entries, code, modifiers)


def line_charge(schedule: FeeSchedule, code: str, modifiers: Sequence[str] = (), units: int = 1) -> int | None:
    """The charge to fill into a service line (item 24F): per-unit charge times units."""
    per_unit = charge_for(schedule, code, modifiers)
    return None if per_unit is None else per_unit * units


def allowed_for(rates: ContractedRates, payer_id: str, code: str, modifiers: Sequence[str] = ()) -> int | None:
    """The payer's contracted allowed amount per unit, with the same modifier fallback; None when the
    contract has no amount for the code."""
    code = normalize_code(code)
    for mod in modifiers:
        found = rates.entries.get((payer_id, code, normalize_code(mod)))
        if found is not None:
            return found
    return rates.entries.get((payer_id, code, ""))
