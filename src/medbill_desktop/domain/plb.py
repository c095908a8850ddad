"""Provider-level adjustment (PLB) reason codes: money in a check that belongs to no claim.

On an 835 a PLB amount is positive when it takes money out of the check (an overpayment recovered, WO) and
negative when it adds to it (interest the payer owes, L6). On a paper EOB the biller types the amount as the EOB
shows it and the code says which way it goes: `adds_to_check` for codes that pay the provider (interest, bonus,
capitation, pass-through payments); every other code takes from the check. A minus sign turns that around (a
forwarding balance, FB, may go either way).

The codes are X12's list for PLB03-1 (835, 005010X221A1), plus the practice's own 'OVP' (payer overpayment) kept
from the paper EOB's on-account reasons.
"""

from __future__ import annotations

from dataclasses import dataclass

from medbill_desktop.domain.adjudication import ON_ACCOUNT_REASONS


@dataclass(frozen=True, slots=True)
class PlbReason:
    code: str
    description: str
    adds_to_check: bool  # an amount typed without a sign adds to the check (else: takes from it)


_REASONS = (
    ("L6", "Interest owed", True),
    ("WO", "Overpayment recovery", False),
    ("FB", "Forwarding balance", False),
    ("72", "Authorized return", False),
    ("CS", "Adjustment", False),
    ("50", "Late charge", False),
    ("51", "Interest penalty charge", False),
    ("90", "Early payment allowance", False),
    ("AH", "Origination fee", False),
    ("AM", "Applied to borrower's account", False),
    ("AP", "Acceleration of benefits", True),
    ("B2", "Rebate", False),
    ("B3", "Recovery allowance", True),
    ("BD", "Bad debt adjustment", False),
    ("BN", "Bonus", True),
    ("C5", "Temporary allowance", True),
    ("CR", "Capitation interest", True),
    ("CT", "Capitation payment", True),
    ("CV", "Capital passthru", True),
    ("CW", "Certified registered nurse anesthetist passthru", True),
    ("DM", "Direct medical education passthru", True),
    ("E3", "Withholding", False),
    ("FC", "Fund allocation", False),
    ("GO", "Graduate medical education passthru", True),
    ("HM", "Hemophilia clotting factor supplement", True),
    ("IP", "Incentive premium payment", True),
    ("IR", "Internal Revenue Service withholding", False),
    ("IS", "Interim settlement", False),
    ("J1", "Nonreimbursable", False),
    ("L3", "Penalty", False),
    ("LE", "Levy", False),
    ("LS", "Lump sum", True),
    ("OA", "Organ acquisition passthru", True),
    ("OB", "Offset for affiliated providers", False),
    ("PI", "Periodic interim payment", True),
    ("PL", "Payment final", False),
    ("RA", "Retro-activity adjustment", False),
    ("RE", "Return on equity", True),
    ("SL", "Student loan repayment", False),
    ("TL", "Third party liability", False),
    ("WU", "Unspecified recovery", False),
    ("ZZ", "Mutually defined", False),
    ("OVP", ON_ACCOUNT_REASONS.get("OVP", "payer overpayment").capitalize(), True),
)
PLB_REASONS: dict[str, PlbReason] = {code: PlbReason(code, words, adds) for code, words, adds in _REASONS}


def plb_reason(code: str) -> PlbReason | None:
    return PLB_REASONS.get(code.strip().upper())


def plb_words(code: str) -> str:
    """What a PLB or on-account reason code means, in lower case for a memo ('L6' -> 'interest',
    '72' -> 'authorized return'); an unknown code: 'provider-level adjustment'."""
    key = code.strip().upper()
    if key in ON_ACCOUNT_REASONS:
        return ON_ACCOUNT_REASONS[key]
    found = PLB_REASONS.get(key)
    return found.description[0].lower() + found.description[1:] if found else "provider-level adjustment"


def search_plb_reasons(text: str, limit: int = 15) -> list[PlbReason]:
    """Codes starting with what was typed first, then codes whose words start so ('int' -> L6, CR, 51)."""
    typed = text.strip().upper()
    if not typed:
        return list(PLB_REASONS.values())[:limit]
    words = typed.lower().split()
    by_code = [r for r in PLB_REASONS.values() if r.code.startswith(typed)]
    by_words = [r for r in PLB_REASONS.values() if r not in by_code
                and all(any(w.startswith(t) for w in r.description.lower().replace("'", " ").split()) for t in words)]
    return (by_code + by_words)[:limit]


def check_effect(code: str, typed_cents: int) -> int:
    """What a typed amount does to the check: positive adds to it, negative takes from it."""
    reason = plb_reason(code)
    adds = reason.adds_to_check if reason is not None else False
    return typed_cents if adds else -typed_cents
