"""Encounters: one visit's charges as entered on the charge-entry form, and the rules that keep a draft
consistent (diagnosis pointers always point at entered diagnoses). A finalized encounter is never edited.

Positions: `diagnoses[i]` and `lines[i]` are 0-based, as in the field paths; diagnosis pointers are
1-based (1 = A, the first diagnosis), as on the CMS-1500.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum

from medbill_desktop.domain.codes import (
    ITEM14_QUALIFIERS,
    ITEM15_QUALIFIERS,
    MAX_DIAGNOSES,
    MAX_MODIFIERS,
    NDC_UNITS,
    CodeCatalog,
    format_icd10,
    icd10_problem,
    is_modifier_shape,
    is_pos_shape,
    is_procedure_shape,
    ndc_quantity_problem,
    normalize_code,
    normalize_ndc,
    pointer_letter,
    validate_icd10_shape,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.patients import format_date

MAX_POINTERS = 4
MAX_UNITS = 999
LINES_PER_PAGE = 6
_PRIOR_AUTH = re.compile(r"^[0-9A-Z\-]{1,28}$")


class EncounterStatus(StrEnum):
    DRAFT = "draft"
    FINALIZED = "finalized"


@dataclass(frozen=True, slots=True)
class ClaimDate:
    """A dated fact with its CMS-1500 qualifier: item 14 (431 onset, 484 last menstrual period) or
    item 15 (454, 304, 453, 439, 455, 471, 090, 091, 444)."""

    qualifier: str
    on: date


@dataclass(frozen=True, slots=True)
class ServiceLine:
    procedure: str  # CPT or HCPCS, item 24D
    charge_cents: int  # the line's charge for all its units, item 24F
    modifiers: tuple[str, ...] = ()
    units: int = 1  # item 24G
    pointers: tuple[int, ...] = (1,)  # 1-based diagnosis positions, primary first (item 24E)
    from_date: date | None = None  # None: the encounter's date of service
    to_date: date | None = None
    ndc: str = ""  # 11 digits once normalised
    ndc_unit: str = ""  # F2, GR, ME, ML, UN
    ndc_quantity: Decimal | None = None
    id: str = field(default_factory=new_id)

    @property
    def code_with_modifiers(self) -> str:
        return "-".join((self.procedure, *self.modifiers))


@dataclass(frozen=True, slots=True)
class Encounter:
    patient_id: str
    date_of_service: date | None  # a draft may be saved before it is known; the scrubber requires it
    rendering_provider_id: str | None = None
    billing_provider_id: str | None = None
    facility_id: str | None = None
    place_of_service: str = ""  # item 24B, two digits
    referring_provider_id: str | None = None
    prior_authorization: str = ""  # item 23
    current_illness: ClaimDate | None = None  # item 14
    other_date: ClaimDate | None = None  # item 15
    diagnoses: tuple[str, ...] = ()  # ICD-10-CM without the dot, in claim order (A..L)
    lines: tuple[ServiceLine, ...] = ()
    status: EncounterStatus = EncounterStatus.DRAFT
    id: str = field(default_factory=new_id)

    @property
    def is_finalized(self) -> bool:
        return self.status is EncounterStatus.FINALIZED


# --- messages shared with the scrubber ---------------------------------------------------------------------

def future_date_message(what: str, day: date, today: date) -> str:
    return (f"The {what} {format_date(day)} is in the future (today is {format_date(today)}); "
            "services are billed after they happen.")


def missing_diagnosis_message(line_index: int, pointer: int, diagnosis_count: int) -> str:
    if diagnosis_count == 0:
        have = "no diagnoses are entered"
    elif diagnosis_count == 1:
        have = "only 1 diagnosis (A) is entered"
    else:
        have = f"only {diagnosis_count} diagnoses (A-{diagnosis_letter(diagnosis_count)}) are entered"
    return (f"Line {line_index + 1} points to diagnosis {diagnosis_letter(pointer)}, but {have}; fix the line's "
            "diagnosis pointers or add the diagnosis.")


def diagnosis_letter(pointer: int) -> str:
    """A-L for positions 1-12; the number itself for anything else (bad data must still be describable)."""
    return pointer_letter(pointer) if 1 <= pointer <= MAX_DIAGNOSES else str(pointer)


def line_label(line: ServiceLine, index: int) -> str:
    return f"line {index + 1} ({line.code_with_modifiers})"


# --- drafts only ----------------------------------------------------------------------------------------------

def ensure_draft(encounter: Encounter) -> None:
    if encounter.is_finalized:
        when = f" of {format_date(encounter.date_of_service)}" if encounter.date_of_service else ""
        raise DomainError(f"The encounter{when} is finalized and its charges are posted; it can't be edited. "
                          "Correct it with a reversal and a new encounter, or a corrected claim.", "status")


# --- validation --------------------------------------------------------------------------------------------------

def validate_line(line: ServiceLine, diagnosis_count: int, index: int = 0, *,
                  date_of_service: date | None = None, today: date | None = None) -> ServiceLine:
    """One service line, normalised; raises naming `lines[index].<field>`."""
    at = f"lines[{index}]"
    n = index + 1
    code = normalize_code(line.procedure)
    if not code:
        raise DomainError(f"Line {n}: enter the CPT or HCPCS code.", f"{at}.procedure")
    if not is_procedure_shape(code):
        raise DomainError(f"Line {n}: '{line.procedure.strip()}' is not a CPT or HCPCS code (5 characters, "
                          "such as 99213 or J3301).", f"{at}.procedure")
    modifiers = tuple(normalize_code(m) for m in line.modifiers if m.strip())
    if len(modifiers) > MAX_MODIFIERS:
        raise DomainError(f"Line {n} has {len(modifiers)} modifiers; a line holds at most {MAX_MODIFIERS}.",
                          f"{at}.modifiers")
    for m in modifiers:
        if not is_modifier_shape(m):
            raise DomainError(f"Line {n}: '{m}' is not a modifier (2 letters or digits, such as 25).",
                              f"{at}.modifiers")
    repeated = sorted({m for m in modifiers if modifiers.count(m) > 1})
    if repeated:
        raise DomainError(f"Line {n} repeats modifier {repeated[0]}; enter each modifier once.", f"{at}.modifiers")
    if isinstance(line.units, bool) or not isinstance(line.units, int) or not 1 <= line.units <= MAX_UNITS:
        raise DomainError(f"Line {n}: units are a whole number from 1 to {MAX_UNITS}.", f"{at}.units")
    if isinstance(line.charge_cents, bool) or not isinstance(line.charge_cents, int) or line.charge_cents <= 0:
        raise DomainError(f"Line {n}: the charge must be more than $0.00.", f"{at}.charge_cents")
    if not line.pointers:
        raise DomainError(f"Line {n} needs at least one diagnosis pointer (A for the first diagnosis).",
                          f"{at}.pointers")
    if len(line.pointers) > MAX_POINTERS:
        raise DomainError(f"Line {n} has {len(line.pointers)} diagnosis pointers; at most {MAX_POINTERS}.",
                          f"{at}.pointers")
    for p in line.pointers:
        if isinstance(p, bool) or not isinstance(p, int) or not 1 <= p <= diagnosis_count:
            raise DomainError(missing_diagnosis_message(index, p, diagnosis_count), f"{at}.pointers")
    if len(set(line.pointers)) != len(line.pointers):
        raise DomainError(f"Line {n} points to the same diagnosis twice.", f"{at}.pointers")
    start = line.from_date or date_of_service
    if line.to_date is not None and start is not None and line.to_date < start:
        raise DomainError(f"Line {n}: the 'to' date {format_date(line.to_date)} is before the 'from' date "
                          f"{format_date(start)}.", f"{at}.to_date")
    if today is not None:
        for name, day in (("from_date", line.from_date), ("to_date", line.to_date)):
            if day is not None and day > today:
                raise DomainError(f"Line {n}: " + future_date_message("date of service", day, today),
                                  f"{at}.{name}")
    ndc, unit, quantity = "", "", None
    if line.ndc.strip():
        ndc = normalize_ndc(line.ndc, f"{at}.ndc")
        unit = line.ndc_unit.strip().upper()
        if unit not in NDC_UNITS:
            raise DomainError(f"Line {n}: choose the NDC unit ({', '.join(NDC_UNITS)}).", f"{at}.ndc_unit")
        problem = ndc_quantity_problem(line.ndc_quantity)
        if problem:
            raise DomainError(f"Line {n}: {problem}", f"{at}.ndc_quantity")
        quantity = line.ndc_quantity
    elif line.ndc_unit.strip() or line.ndc_quantity is not None:
        raise DomainError(f"Line {n} has an NDC unit or quantity but no NDC; enter the NDC or clear them.",
                          f"{at}.ndc")
    return replace(line, procedure=code, modifiers=modifiers, ndc=ndc, ndc_unit=unit, ndc_quantity=quantity)


def _validate_claim_date(value: ClaimDate | None, qualifiers: dict[str, str], item: str, field_name: str,
                         dos: date | None, today: date) -> None:
    if value is None:
        return
    if value.qualifier not in qualifiers:
        choices = ", ".join(f"{k} ({v})" for k, v in qualifiers.items())
        raise DomainError(f"Item {item}: '{value.qualifier}' is not a qualifier for this date; use {choices}.",
                          field_name)
    if value.on > today:
        raise DomainError(f"Item {item}: " + future_date_message(qualifiers[value.qualifier].lower() + " date",
                                                                  value.on, today), field_name)
    if dos is not None and value.on > dos and value.qualifier not in ("091",):
        raise DomainError(f"Item {item}: the {qualifiers[value.qualifier].lower()} date {format_date(value.on)} "
                          f"is after the date of service {format_date(dos)}.", field_name)


def validate_encounter(encounter: Encounter, today: date) -> Encounter:
    """Everything typed on the charge-entry form, normalised; raises on the first field that is wrong.
    What may still be missing (providers, lines ...) is the scrubber's business, not this function's."""
    if not encounter.patient_id:
        raise DomainError("Choose the patient.", "patient_id")
    dos = encounter.date_of_service
    if dos is not None and dos > today:
        raise DomainError(future_date_message("date of service", dos, today), "date_of_service")
    pos = encounter.place_of_service.strip()
    if pos and not is_pos_shape(pos):
        raise DomainError(f"A place-of-service code has 2 digits, such as 11 for the office; not '{pos}'.",
                          "place_of_service")
    auth = encounter.prior_authorization.strip().upper()
    if auth and not _PRIOR_AUTH.match(auth):
        raise DomainError(prior_auth_message(encounter.prior_authorization), "prior_authorization")
    _validate_claim_date(encounter.current_illness, ITEM14_QUALIFIERS, "14", "current_illness", dos, today)
    _validate_claim_date(encounter.other_date, ITEM15_QUALIFIERS, "15", "other_date", dos, today)
    if len(encounter.diagnoses) > MAX_DIAGNOSES:
        raise DomainError(f"An encounter holds at most {MAX_DIAGNOSES} diagnoses.", f"diagnoses[{MAX_DIAGNOSES}]")
    diagnoses = tuple(validate_icd10_shape(d, f"diagnoses[{i}]") for i, d in enumerate(encounter.diagnoses))
    for i, code in enumerate(diagnoses):
        if code in diagnoses[:i]:
            raise DomainError(f"Diagnosis {format_icd10(code)} is entered twice; keep one.", f"diagnoses[{i}]")
    lines = tuple(validate_line(line, len(diagnoses), i, date_of_service=dos, today=today)
                  for i, line in enumerate(encounter.lines))
    return replace(encounter, place_of_service=pos, prior_authorization=auth, diagnoses=diagnoses, lines=lines)


def is_prior_auth_shape(text: str) -> bool:
    return bool(_PRIOR_AUTH.match(text))


def prior_auth_message(text: str) -> str:
    return (f"'{text.strip()}' is not a prior authorization number as the claim can carry it (item 23): up to "
            "28 letters, digits and hyphens, no spaces.")


def revise(stored: Encounter, revised: Encounter, today: date) -> Encounter:
    """Save a draft: refuses if the stored encounter is finalized, or if the revision changes its identity
    or status; returns the revision validated."""
    ensure_draft(stored)
    if revised.id != stored.id or revised.patient_id != stored.patient_id:
        raise DomainError("An encounter can't be moved to another patient; start a new encounter.", "patient_id")
    if revised.is_finalized:
        raise DomainError("Finalize an encounter with Finalize, which runs the scrubber first.", "status")
    return validate_encounter(revised, today)


# --- diagnoses ----------------------------------------------------------------------------------------------------

def _check_index(index: int, count: int, what: str, field_name: str) -> None:
    if not 0 <= index < count:
        raise DomainError(f"There is no {what} {index + 1}.", field_name)


def _diagnosis_code(encounter: Encounter, text: str, index: int, catalog: CodeCatalog | None) -> str:
    code = validate_icd10_shape(text, f"diagnoses[{index}]")
    if catalog is not None:
        problem = icd10_problem(catalog, code)
        if problem:
            raise DomainError(problem, f"diagnoses[{index}]")
    for i, existing in enumerate(encounter.diagnoses):
        if existing == code and i != index:
            raise DomainError(f"{format_icd10(code)} is already diagnosis {pointer_letter(i + 1)}.",
                              f"diagnoses[{index}]")
    return code


def add_diagnosis(encounter: Encounter, text: str, catalog: CodeCatalog | None = None) -> Encounter:
    """Append a diagnosis (the next letter). With a catalog, unknown and non-billable codes are refused."""
    ensure_draft(encounter)
    index = len(encounter.diagnoses)
    if index >= MAX_DIAGNOSES:
        raise DomainError(f"An encounter holds at most {MAX_DIAGNOSES} diagnoses (A-L).", f"diagnoses[{index}]")
    code = _diagnosis_code(encounter, text, index, catalog)
    return replace(encounter, diagnoses=(*encounter.diagnoses, code))


def replace_diagnosis(encounter: Encounter, index: int, text: str, catalog: CodeCatalog | None = None) -> Encounter:
    """Change the code in one position; lines pointing at that position keep pointing at it."""
    ensure_draft(encounter)
    _check_index(index, len(encounter.diagnoses), "diagnosis", f"diagnoses[{index}]")
    code = _diagnosis_code(encounter, text, index, catalog)
    diagnoses = list(encounter.diagnoses)
    diagnoses[index] = code
    return replace(encounter, diagnoses=tuple(diagnoses))


def _remap(encounter: Encounter, diagnoses: Sequence[str], mapping: dict[int, int]) -> Encounter:
    lines = tuple(replace(line, pointers=tuple(mapping[p] for p in line.pointers)) for line in encounter.lines)
    return replace(encounter, diagnoses=tuple(diagnoses), lines=lines)


def remove_diagnosis(encounter: Encounter, index: int) -> Encounter:
    """Remove a diagnosis; later ones move up a letter and the pointers follow them. Refused while a line
    points at it."""
    ensure_draft(encounter)
    _check_index(index, len(encounter.diagnoses), "diagnosis", f"diagnoses[{index}]")
    pointer = index + 1
    users = [line_label(line, i) for i, line in enumerate(encounter.lines) if pointer in line.pointers]
    if users:
        raise DomainError(
            f"Diagnosis {pointer_letter(pointer)} ({format_icd10(encounter.diagnoses[index])}) is used by "
            f"{', '.join(users)}; remove it from the line's pointers first.", f"diagnoses[{index}]")
    diagnoses = [d for i, d in enumerate(encounter.diagnoses) if i != index]
    mapping = {p: (p if p < pointer else p - 1) for p in range(1, len(encounter.diagnoses) + 1) if p != pointer}
    return _remap(encounter, diagnoses, mapping)


def move_diagnosis(encounter: Encounter, index: int, to_index: int) -> Encounter:
    """Reorder diagnoses (the first is the principal one); every line keeps pointing at the same codes."""
    ensure_draft(encounter)
    count = len(encounter.diagnoses)
    _check_index(index, count, "diagnosis", f"diagnoses[{index}]")
    _check_index(to_index, count, "diagnosis", f"diagnoses[{to_index}]")
    order = list(range(count))
    order.insert(to_index, order.pop(index))  # order[new position] = old position
    diagnoses = [encounter.diagnoses[old] for old in order]
    mapping = {old + 1: new + 1 for new, old in enumerate(order)}
    return _remap(encounter, diagnoses, mapping)


# --- lines ----------------------------------------------------------------------------------------------------------

def add_line(encounter: Encounter, line: ServiceLine, today: date) -> Encounter:
    ensure_draft(encounter)
    checked = validate_line(line, len(encounter.diagnoses), len(encounter.lines),
                            date_of_service=encounter.date_of_service, today=today)
    return replace(encounter, lines=(*encounter.lines, checked))


def replace_line(encounter: Encounter, index: int, line: ServiceLine, today: date) -> Encounter:
    ensure_draft(encounter)
    _check_index(index, len(encounter.lines), "line", f"lines[{index}]")
    checked = validate_line(line, len(encounter.diagnoses), index, date_of_service=encounter.date_of_service,
                            today=today)
    lines = list(encounter.lines)
    lines[index] = checked
    return replace(encounter, lines=tuple(lines))


def remove_line(encounter: Encounter, index: int) -> Encounter:
    ensure_draft(encounter)
    _check_index(index, len(encounter.lines), "line", f"lines[{index}]")
    return replace(encounter, lines=tuple(line for i, line in enumerate(encounter.lines) if i != index))


def line_dates(encounter: Encounter, line: ServiceLine) -> tuple[date | None, date | None]:
    """Item 24A from and to: the line's own dates, else the encounter's date of service."""
    start = line.from_date or encounter.date_of_service
    return start, line.to_date or start


def total_cents(lines: Sequence[ServiceLine]) -> int:
    """Item 28: the sum of the lines' charges."""
    return sum(line.charge_cents for line in lines)


# --- CMS-1500 pages -------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ClaimPage:
    """One CMS-1500 form of a claim: its own diagnoses (item 21), up to 6 lines whose pointers refer to
    this page's diagnoses, and its own total (item 28)."""

    number: int
    diagnoses: tuple[str, ...]
    lines: tuple[ServiceLine, ...]

    @property
    def total_cents(self) -> int:
        return total_cents(self.lines)


def claim_pages(diagnoses: Sequence[str], lines: Sequence[ServiceLine]) -> list[ClaimPage]:
    """Split a claim into CMS-1500 pages of at most 6 lines and 12 diagnoses. When all diagnoses fit on one
    form (always, for an encounter), every page repeats them and pointers are unchanged; otherwise each page
    carries the diagnoses its lines point to, in the original order, with pointers renumbered."""
    if not lines:
        return [ClaimPage(1, tuple(diagnoses[:MAX_DIAGNOSES]), ())]
    if len(diagnoses) <= MAX_DIAGNOSES:
        return [ClaimPage(n + 1, tuple(diagnoses), tuple(lines[i:i + LINES_PER_PAGE]))
                for n, i in enumerate(range(0, len(lines), LINES_PER_PAGE))]
    groups: list[list[ServiceLine]] = [[]]
    used: set[int] = set()
    for line in lines:
        wanted = used | set(line.pointers)
        if len(groups[-1]) == LINES_PER_PAGE or len(wanted) > MAX_DIAGNOSES:
            groups.append([])
            used, wanted = set(), set(line.pointers)
        groups[-1].append(line)
        used = wanted
    pages = []
    for n, group in enumerate(groups):
        positions = sorted({p for line in group for p in line.pointers})
        mapping = {old: new for new, old in enumerate(positions, start=1)}
        pages.append(ClaimPage(
            n + 1, tuple(diagnoses[p - 1] for p in positions),
            tuple(replace(line, pointers=tuple(mapping[p] for p in line.pointers)) for line in group)))
    return pages
