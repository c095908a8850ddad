"""Billing code shapes (ICD-10-CM, CPT/HCPCS, modifiers, place of service, NDC, CMS-1500 date qualifiers)
and `CodeCatalog`, the one question the domain asks the code-set tables.

Codes are stored the way the claim carries them: upper case, ICD-10-CM without its dot, NDC as 11 digits.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Protocol

from medbill_desktop.domain.errors import DomainError


class CodeCatalog(Protocol):
    """What the scrubber and charge entry need to know about codes; the code-set services implement it
    over their tables (the catalog holds one ICD-10-CM release, so "billable on the date of service" means
    billable in the loaded release)."""

    def icd10(self, code: str) -> tuple[bool, bool, str] | None:
        """For an ICD-10-CM code without its dot ('E119'): (exists, billable, description), or None when
        the code set has no such code."""
        ...

    def valid_pos(self, code: str) -> bool:
        """Whether a two-digit place-of-service code is in the POS code set."""
        ...

    def valid_modifier(self, code: str) -> bool:
        """Whether a two-character CPT/HCPCS modifier is known."""
        ...

    def procedure_known(self, code: str) -> bool:
        """Whether a CPT or HCPCS Level II code is in the loaded code sets."""
        ...


# --- ICD-10-CM ---------------------------------------------------------------------------------------

MAX_DIAGNOSES = 12
POINTER_LETTERS = "ABCDEFGHIJKL"
_ICD10 = re.compile(r"^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$")


def normalize_icd10(text: str) -> str:
    """What a user typed ('e11.9 ') as stored: 'E119'. Does not check the shape."""
    return text.strip().upper().replace(".", "").replace(" ", "")


def is_icd10_shape(code: str) -> bool:
    """A letter, a digit, a letter or digit, then up to 4 more (stored without the dot)."""
    return bool(_ICD10.match(code))


def format_icd10(code: str) -> str:
    """Stored 'E119' -> shown 'E11.9'; a 3-character category stays as it is."""
    return code if len(code) <= 3 else f"{code[:3]}.{code[3:]}"


def validate_icd10_shape(text: str, field: str = "diagnosis") -> str:
    code = normalize_icd10(text)
    if not code:
        raise DomainError("Enter an ICD-10-CM diagnosis code, for example E11.9.", field)
    if not is_icd10_shape(code):
        raise DomainError(
            f"'{text.strip()}' is not an ICD-10-CM code: a letter, a digit, then 1 to 5 letters or digits "
            "(for example E11.9).", field)
    return code


def icd10_problem(catalog: CodeCatalog, code: str) -> str | None:
    """Why a stored ICD-10-CM code can't go on a claim, in plain words; None when it can."""
    shown = format_icd10(code)
    if not is_icd10_shape(code):
        return (f"'{code}' is not an ICD-10-CM code: a letter, a digit, then 1 to 5 letters or digits "
                "(for example E11.9).")
    found = catalog.icd10(code)
    if found is None or not found[0]:
        return f"{shown} is not in the ICD-10-CM code set; search by words to find the right code."
    if not found[1]:
        return (f"{shown} ({found[2]}) is a category heading, not a billable code; choose a more specific "
                f"code under {shown} (search '{shown}').")
    return None


def pointer_letter(pointer: int) -> str:
    """Diagnosis pointer 1..12 as printed in item 24E: 'A'..'L'."""
    if not 1 <= pointer <= MAX_DIAGNOSES:
        raise ValueError(f"a diagnosis pointer is 1 to {MAX_DIAGNOSES}, not {pointer}")
    return POINTER_LETTERS[pointer - 1]


def pointer_letters(pointers: tuple[int, ...]) -> str:
    return "".join(pointer_letter(p) for p in pointers)


# --- procedures, modifiers, place of service ----------------------------------------------------------

# CPT category I (5 digits), II (4 digits + F), III (+ T), PLA (+ U), MAAA (+ M); HCPCS Level II A-V + 4 digits.
_PROCEDURE = re.compile(r"^(?:[0-9]{4}[0-9FMTU]|[A-V][0-9]{4})$")
_MODIFIER = re.compile(r"^[0-9A-Z]{2}$")
_POS = re.compile(r"^[0-9]{2}$")
MAX_MODIFIERS = 4


def normalize_code(text: str) -> str:
    return text.strip().upper()


def is_procedure_shape(code: str) -> bool:
    return bool(_PROCEDURE.match(code))


def is_modifier_shape(code: str) -> bool:
    return bool(_MODIFIER.match(code))


def is_pos_shape(code: str) -> bool:
    return bool(_POS.match(code))


# Places of service where the service happens in a facility whose name and address go in item 32.
FACILITY_POS = frozenset(
    "19 21 22 23 24 26 31 32 33 34 41 42 51 52 53 56 61 65".split()
)


# --- CMS-1500 date qualifiers (items 14 and 15) --------------------------------------------------------

ITEM14_QUALIFIERS: dict[str, str] = {
    "431": "Onset of current symptoms or illness",
    "484": "Last menstrual period",
}
ITEM15_QUALIFIERS: dict[str, str] = {
    "454": "Initial treatment",
    "304": "Latest visit or consultation",
    "453": "Acute manifestation of a chronic condition",
    "439": "Accident",
    "455": "Last X-ray",
    "471": "Prescription",
    "090": "Report start (assumed care)",
    "091": "Report end (relinquished care)",
    "444": "First visit or consultation",
}


# --- NDC -----------------------------------------------------------------------------------------------

NDC_UNITS: dict[str, str] = {
    "F2": "International unit",
    "GR": "Gram",
    "ME": "Milligram",
    "ML": "Milliliter",
    "UN": "Unit",
}
# 10-digit labeler-product-package forms and where the padding zero goes to make 5-4-2.
_NDC_PADDING: dict[tuple[int, ...], int | None] = {(4, 4, 2): 0, (5, 3, 2): 1, (5, 4, 1): 2, (5, 4, 2): None}


def normalize_ndc(text: str, field: str = "ndc") -> str:
    """'0003-0293-05' (4-4-2), '12345-678-90' (5-3-2), '12345-6789-0' (5-4-1) or 11 digits -> 11 digits
    in the 5-4-2 layout the claim carries. A 10-digit NDC without dashes is refused: where the zero goes
    depends on the dashes."""
    cleaned = text.strip().upper().replace(" ", "")
    if cleaned.startswith("N4"):
        cleaned = cleaned[2:]
    if not cleaned:
        raise DomainError("Enter the NDC from the drug's package, for example 0003-0293-05.", field)
    parts = cleaned.split("-")
    if len(parts) == 1:
        if cleaned.isdigit() and len(cleaned) == 11:
            return cleaned
        if cleaned.isdigit() and len(cleaned) == 10:
            raise DomainError(
                f"NDC {cleaned} has 10 digits; type it with the dashes printed on the package "
                "(4-4-2, 5-3-2 or 5-4-1) so it can be converted to 11 digits.", field)
        raise DomainError(f"'{text.strip()}' is not an NDC: 11 digits, or 10 digits with dashes.", field)
    shape = tuple(len(p) for p in parts)
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or shape not in _NDC_PADDING:
        raise DomainError(
            f"'{text.strip()}' is not an NDC: use the package's dashes, 4-4-2, 5-3-2, 5-4-1 or 5-4-2 digits.",
            field)
    pad = _NDC_PADDING[shape]
    if pad is not None:
        parts[pad] = "0" + parts[pad]
    return "".join(parts)


def format_ndc(ndc: str) -> str:
    """11 digits -> '00003-0293-05'."""
    return f"{ndc[:5]}-{ndc[5:9]}-{ndc[9:]}" if len(ndc) == 11 else ndc


def ndc_quantity_problem(quantity: Decimal | None) -> str | None:
    if quantity is None:
        return "Enter the NDC quantity (how much of the drug was given, in the NDC unit)."
    if not quantity.is_finite() or quantity <= 0:
        return "The NDC quantity must be more than 0."
    if quantity != quantity.quantize(Decimal("0.001")) or quantity >= Decimal("10000000"):
        return "The NDC quantity has at most 3 decimal places and fewer than 8 whole digits."
    return None
