"""The claim scrubber (DESIGN §4): the checks a claim must pass before it leaves "draft".

Each rule is a small function registered in `RULES`, the one table. A rule yields findings; each finding
names the field to fix (a path such as "lines[2].pointers", "diagnoses[0]" or "rendering_provider.npi",
0-based) and says in plain words what is wrong and where to fix it. Errors block finalizing; warnings
don't (`blocking`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

from medbill_desktop.domain.codes import (
    FACILITY_POS,
    ITEM14_QUALIFIERS,
    ITEM15_QUALIFIERS,
    MAX_DIAGNOSES,
    MAX_MODIFIERS,
    NDC_UNITS,
    CodeCatalog,
    format_icd10,
    icd10_problem,
    is_icd10_shape,
    is_modifier_shape,
    is_pos_shape,
    is_procedure_shape,
    ndc_quantity_problem,
)
from medbill_desktop.domain.coverage import INSURANCE_RANKS, Coverage, Relationship
from medbill_desktop.domain.encounters import (
    MAX_POINTERS,
    MAX_UNITS,
    Encounter,
    EncounterStatus,
    ServiceLine,
    diagnosis_letter,
    future_date_message,
    is_prior_auth_shape,
    line_dates,
    missing_diagnosis_message,
    prior_auth_message,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.npi import is_valid_npi, npi_check_digit
from medbill_desktop.domain.patients import Patient, Sex, format_date
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ServiceFacility,
    Submission,
)

# Where people fix things, as the messages say it.
IN_REGISTRATION = "Fix it in the patient's registration."
IN_COVERAGE = "Fix it in the patient's coverage."
IN_CHARGES = "Fix it on the charge-entry form."
IN_PROVIDERS = "Fix it in Reference data > Providers."
IN_PAYERS = "Fix it in Reference data > Payers."
IN_FACILITIES = "Fix it in Reference data > Facilities."
IN_REFERRING = "Fix it in Reference data > Referring providers."
ON_CLAIM = "Fix it on the claim."


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class ClaimFrequency(StrEnum):
    """Item 22 resubmission code / 837P CLM05-3."""

    ORIGINAL = "1"
    REPLACEMENT = "7"
    VOID = "8"


@dataclass(frozen=True, slots=True)
class Finding:
    severity: Severity
    rule: str
    field: str
    message: str


@dataclass(frozen=True, slots=True)
class ClaimData:
    """Everything one claim (one encounter, one coverage) is made of, with the reference records
    resolved. Without coverage and payer it is a self-pay encounter: the insurance rules don't run."""

    encounter: Encounter
    patient: Patient
    coverage: Coverage | None
    payer: Payer | None
    billing_provider: Provider | None
    rendering_provider: Provider | None
    facility: ServiceFacility | None = None
    referring_provider: ReferringProvider | None = None
    frequency: ClaimFrequency = ClaimFrequency.ORIGINAL
    original_reference: str = ""  # item 22: the payer's claim number of the claim replaced or voided
    accept_assignment: bool = True  # item 27; services fill it from Payer.accept_assignment
    prior_adjudications: tuple[Party, ...] = ()  # ranks whose adjudication of this encounter is recorded

    @property
    def is_self_pay(self) -> bool:
        return self.coverage is None and self.payer is None


@dataclass(frozen=True, slots=True)
class ScrubContext:
    catalog: CodeCatalog
    today: date
    timely_filing_warning_days: int = 30  # warn this many days before the payer's filing limit
    procedures_needing_referral: frozenset[str] = frozenset()  # e.g. consultations, per practice policy


@dataclass(frozen=True, slots=True)
class Issue:
    """What a rule reports; `scrub` adds the rule's id to make a Finding."""

    severity: Severity
    field: str
    message: str


def _error(field: str, message: str) -> Issue:
    return Issue(Severity.ERROR, field, message)


def _warning(field: str, message: str) -> Issue:
    return Issue(Severity.WARNING, field, message)


Check = Callable[[ClaimData, ScrubContext], Iterable[Issue]]


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    items: str  # the CMS-1500 items it concerns
    title: str
    check: Check
    insurance_only: bool = False  # skipped for self-pay encounters


def _lines(claim: ClaimData) -> Iterator[tuple[int, ServiceLine, str]]:
    for i, line in enumerate(claim.encounter.lines):
        yield i, line, f"Line {i + 1} ({line.code_with_modifiers or 'no code'})"


def _address_gap(address: Address | None) -> str | None:
    """The first missing part of an address as a field suffix, or None when it is complete."""
    if address is None:
        return ""
    for part, path in (("line1", ".line1"), ("city", ".city"), ("state", ".state"), ("zip_code", ".zip")):
        if not getattr(address, part).strip():
            return path  # the same paths practice.validate_address names
    return None


_PART_WORDS = {"": "address", ".line1": "street", ".city": "city", ".state": "state", ".zip": "ZIP code"}


# --- required fields ------------------------------------------------------------------------------

def check_patient_name(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if not claim.patient.last_name.strip():
        yield _error("patient.last_name", f"The patient's last name is missing (item 2). {IN_REGISTRATION}")
    if not claim.patient.first_name.strip():
        yield _error("patient.first_name", f"The patient's first name is missing (item 2). {IN_REGISTRATION}")


def check_patient_birth_date(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if claim.patient.date_of_birth is None:
        yield _error("patient.date_of_birth", f"The patient's date of birth is missing (item 3). {IN_REGISTRATION}")


def check_patient_sex(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if claim.patient.sex == Sex.UNKNOWN:
        yield _warning("patient.sex", "The patient's sex is not recorded, so item 3 stays blank; many payers "
                                      f"reject such claims. {IN_REGISTRATION}")


def check_patient_address(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    gap = _address_gap(claim.patient.address)
    if gap is not None:
        yield _error(f"patient.address{gap}",
                     f"The patient's {_PART_WORDS[gap]} is missing (item 5). {IN_REGISTRATION}")


def check_insured_id(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if claim.coverage is None:
        yield _error("coverage", f"No coverage is chosen for this claim. {IN_COVERAGE}")
    elif not claim.coverage.member_id.strip():
        yield _error("coverage.member_id",
                     f"The insured's member ID is missing (item 1a); copy it from the card. {IN_COVERAGE}")


def check_insured(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    c = claim.coverage
    if c is None or c.relationship == Relationship.SELF:
        return
    s = c.subscriber
    if s is None:
        yield _error("coverage.subscriber",
                     f"The patient is the insured's {c.relationship.value}, but the insured person is not entered "
                     f"(items 4, 7, 11a). {IN_COVERAGE}")
        return
    if not (s.last_name.strip() and s.first_name.strip()):
        yield _error("coverage.subscriber.last_name",
                     f"The insured's name is missing (item 4). {IN_COVERAGE}")
    if s.date_of_birth is None:
        yield _error("coverage.subscriber.date_of_birth",
                     f"The insured's date of birth is missing (item 11a). {IN_COVERAGE}")


def check_payer(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    payer = claim.payer
    if payer is None:
        yield _error("payer", f"The coverage has no payer. {IN_COVERAGE}")
        return
    if not payer.name.strip():
        yield _error("payer.name", f"The payer has no name (top of the form). {IN_PAYERS}")
    if payer.submission == Submission.PAPER:
        gap = _address_gap(payer.address)
        if gap is not None:
            yield _error(f"payer.address{gap}",
                         f"{payer.name} takes paper claims, but its claim mailing {_PART_WORDS[gap]} is missing. "
                         f"{IN_PAYERS}")
    elif not payer.edi_id.strip():
        yield _error("payer.edi_id", f"{payer.name} takes electronic claims, but its payer ID is missing. {IN_PAYERS}")


def check_date_of_service(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if claim.encounter.date_of_service is None:
        yield _error("date_of_service", f"The date of service is missing (item 24A). {IN_CHARGES}")


def check_has_lines(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if not claim.encounter.lines:
        yield _error("lines", f"There are no service lines; enter at least one procedure (item 24). {IN_CHARGES}")


def check_has_diagnoses(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if not claim.encounter.diagnoses:
        yield _error("diagnoses", f"There are no diagnoses; enter at least one ICD-10-CM code (item 21). {IN_CHARGES}")


def check_billing_provider(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    bp = claim.billing_provider
    if bp is None:
        yield _error("billing_provider_id", f"Choose the billing provider (item 33). {IN_CHARGES}")
        return
    who = bp.display_name or "The billing provider"
    if not bp.npi.strip():
        yield _error("billing_provider.npi", f"{who} has no NPI (item 33a). {IN_PROVIDERS}")
    if not bp.tax_id.strip():
        yield _error("billing_provider.tax_id", f"{who} has no tax ID (item 25). {IN_PROVIDERS}")
    gap = _address_gap(bp.address)
    if gap is not None:
        yield _error(f"billing_provider.address{gap}",
                     f"{who}'s {_PART_WORDS[gap]} is missing (item 33). {IN_PROVIDERS}")


def check_rendering_provider(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    rp = claim.rendering_provider
    if rp is None:
        yield _error("rendering_provider_id", f"Choose the rendering provider (item 24J). {IN_CHARGES}")
    elif not rp.npi.strip():
        yield _error("rendering_provider.npi", f"{rp.display_name} has no NPI (item 24J). {IN_PROVIDERS}")


def check_facility(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    pos = claim.encounter.place_of_service
    if claim.facility is None:
        if pos in FACILITY_POS:
            yield _error("facility_id", f"Place of service {pos} is a facility: choose where the service was "
                                        f"performed (item 32). {IN_CHARGES}")
        return
    if not claim.facility.name.strip():
        yield _error("facility.name", f"The service facility has no name (item 32). {IN_FACILITIES}")
    gap = _address_gap(claim.facility.address)
    if gap is not None:
        yield _error(f"facility.address{gap}",
                     f"{claim.facility.name}'s {_PART_WORDS[gap]} is missing (item 32). {IN_FACILITIES}")


# --- codes ----------------------------------------------------------------------------------------

def check_npis(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    parties: list[tuple[str, str, str, str]] = []
    if claim.billing_provider is not None:
        parties.append(("billing_provider", "billing provider", claim.billing_provider.npi, IN_PROVIDERS))
    if claim.rendering_provider is not None:
        parties.append(("rendering_provider", "rendering provider", claim.rendering_provider.npi, IN_PROVIDERS))
    if claim.referring_provider is not None:
        parties.append(("referring_provider", "referring provider", claim.referring_provider.npi, IN_REFERRING))
    if claim.facility is not None:
        parties.append(("facility", "service facility", claim.facility.npi, IN_FACILITIES))
    for path, who, npi, where in parties:
        npi = npi.strip()
        if not npi or is_valid_npi(npi):
            continue
        if len(npi) != 10 or not npi.isdigit():
            why = "an NPI has exactly 10 digits"
        else:
            why = f"it fails the check digit (the last digit should be {npi_check_digit(npi[:9])})"
        yield _error(f"{path}.npi", f"The {who}'s NPI {npi} is not valid: {why}; check for a typo. {where}")


def check_diagnosis_exists(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, code in enumerate(claim.encounter.diagnoses):
        found = ctx.catalog.icd10(code) if is_icd10_shape(code) else None
        if found is None or not found[0]:
            yield _error(f"diagnoses[{i}]",
                         f"Diagnosis {diagnosis_letter(i + 1)}: {icd10_problem(ctx.catalog, code)} {IN_CHARGES}")


def check_diagnosis_billable(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, code in enumerate(claim.encounter.diagnoses):
        found = ctx.catalog.icd10(code) if is_icd10_shape(code) else None
        if found is not None and found[0] and not found[1]:
            yield _error(f"diagnoses[{i}]",
                         f"Diagnosis {diagnosis_letter(i + 1)}: {icd10_problem(ctx.catalog, code)} {IN_CHARGES}")


def check_diagnosis_repeated(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for i, code in enumerate(claim.encounter.diagnoses):
        if code in seen:
            yield _error(f"diagnoses[{i}]", f"Diagnosis {diagnosis_letter(i + 1)} ({format_icd10(code)}) repeats "
                                            f"diagnosis {diagnosis_letter(seen[code] + 1)}; remove one and repoint "
                                            f"its lines. {IN_CHARGES}")
        else:
            seen[code] = i


def check_diagnosis_count(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    count = len(claim.encounter.diagnoses)
    if count > MAX_DIAGNOSES:
        yield _error(f"diagnoses[{MAX_DIAGNOSES}]", f"There are {count} diagnoses; a claim holds at most "
                                                    f"{MAX_DIAGNOSES} (A-L). Remove the extra ones. {IN_CHARGES}")


def check_first_pointer(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if not claim.encounter.diagnoses:
        return  # required.diagnoses says what to do first
    for i, line, label in _lines(claim):
        if not line.pointers:
            yield _error(f"lines[{i}].pointers", f"{label} has no diagnosis pointer; item 24E needs at least the "
                                                 f"primary one (A for the first diagnosis). {IN_CHARGES}")


def check_pointer_targets(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    count = len(claim.encounter.diagnoses)
    if count == 0:
        return  # required.diagnoses says what to do first
    for i, line, _label in _lines(claim):
        for p in line.pointers:
            if not 1 <= p <= count:
                yield _error(f"lines[{i}].pointers", f"{missing_diagnosis_message(i, p, count)} {IN_CHARGES}")
                break


def check_pointer_shape(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        if len(line.pointers) > MAX_POINTERS:
            yield _error(f"lines[{i}].pointers", f"{label} has {len(line.pointers)} diagnosis pointers; item 24E "
                                                 f"holds at most {MAX_POINTERS}. {IN_CHARGES}")
        elif len(set(line.pointers)) != len(line.pointers):
            yield _error(f"lines[{i}].pointers", f"{label} points to the same diagnosis twice. {IN_CHARGES}")


def check_procedure_format(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, _label in _lines(claim):
        if not is_procedure_shape(line.procedure):
            yield _error(f"lines[{i}].procedure", f"Line {i + 1}: '{line.procedure}' is not a CPT or HCPCS code "
                                                  f"(5 characters, such as 99213 or J3301). {IN_CHARGES}")


def check_procedure_known(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, _label in _lines(claim):
        if is_procedure_shape(line.procedure) and not ctx.catalog.procedure_known(line.procedure):
            yield _warning(f"lines[{i}].procedure",
                           f"Line {i + 1}: {line.procedure} is not in the loaded CPT/HCPCS code sets; check the code "
                           f"(or import the current code set). {IN_CHARGES}")


def check_modifiers_valid(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        for m in line.modifiers:
            if not is_modifier_shape(m) or not ctx.catalog.valid_modifier(m):
                yield _error(f"lines[{i}].modifiers", f"{label}: '{m}' is not a valid modifier. {IN_CHARGES}")


def check_modifiers_repeated(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        repeated = sorted({m for m in line.modifiers if line.modifiers.count(m) > 1})
        if repeated:
            yield _error(f"lines[{i}].modifiers",
                         f"{label} repeats modifier {repeated[0]}; enter each modifier once. {IN_CHARGES}")


def check_modifier_count(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        if len(line.modifiers) > MAX_MODIFIERS:
            yield _error(f"lines[{i}].modifiers", f"{label} has {len(line.modifiers)} modifiers; item 24D holds at "
                                                  f"most {MAX_MODIFIERS}. {IN_CHARGES}")


def check_units(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        if not 1 <= line.units <= MAX_UNITS:
            yield _error(f"lines[{i}].units", f"{label} has {line.units} units; enter a whole number from 1 to "
                                              f"{MAX_UNITS} (item 24G). {IN_CHARGES}")


def check_charge(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        if line.charge_cents <= 0:
            yield _error(f"lines[{i}].charge_cents",
                         f"{label} has no charge; enter an amount over $0.00 (item 24F). {IN_CHARGES}")


def check_place_of_service(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    pos = claim.encounter.place_of_service
    if not pos:
        yield _error("place_of_service", f"The place of service is missing (item 24B), e.g. 11 for the office. "
                                         f"{IN_CHARGES}")
    elif not is_pos_shape(pos) or not ctx.catalog.valid_pos(pos):
        yield _error("place_of_service", f"'{pos}' is not a place-of-service code (item 24B). {IN_CHARGES}")


def check_ndc(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        if not line.ndc:
            if line.ndc_unit or line.ndc_quantity is not None:
                yield _error(f"lines[{i}].ndc", f"{label} has an NDC unit or quantity but no NDC. {IN_CHARGES}")
            continue
        if len(line.ndc) != 11 or not line.ndc.isdigit():
            yield _error(f"lines[{i}].ndc", f"{label}: NDC '{line.ndc}' is not 11 digits in the 5-4-2 layout. "
                                            f"{IN_CHARGES}")
        elif line.ndc_unit not in NDC_UNITS:
            yield _error(f"lines[{i}].ndc_unit", f"{label}: the NDC unit must be one of {', '.join(NDC_UNITS)}. "
                                                 f"{IN_CHARGES}")
        elif problem := ndc_quantity_problem(line.ndc_quantity):
            yield _error(f"lines[{i}].ndc_quantity", f"{label}: {problem} {IN_CHARGES}")


def check_duplicate_lines(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    seen: dict[tuple[str, frozenset[str], date | None], int] = {}
    for i, line, label in _lines(claim):
        key = (line.procedure, frozenset(line.modifiers), line_dates(claim.encounter, line)[0])
        if key in seen:
            yield _warning(f"lines[{i}]", f"{label} repeats line {seen[key] + 1} (same code, modifiers and date); "
                                          "if the service was done twice, add units to one line or a modifier such "
                                          f"as 76, otherwise remove it. {IN_CHARGES}")
        else:
            seen[key] = i


# --- dates ----------------------------------------------------------------------------------------

def _service_dates(claim: ClaimData) -> list[tuple[str, date]]:
    dates: list[tuple[str, date]] = []
    if claim.encounter.date_of_service is not None:
        dates.append(("date_of_service", claim.encounter.date_of_service))
    for i, line in enumerate(claim.encounter.lines):
        if line.from_date is not None:
            dates.append((f"lines[{i}].from_date", line.from_date))
        if line.to_date is not None:
            dates.append((f"lines[{i}].to_date", line.to_date))
    return dates


def check_future_dates(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for path, day in _service_dates(claim):
        if day > ctx.today:
            yield _error(path, f"{future_date_message('date of service', day, ctx.today)} {IN_CHARGES}")


def check_line_dates(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    for i, line, label in _lines(claim):
        start, end = line_dates(claim.encounter, line)
        if start is not None and end is not None and end < start:
            yield _error(f"lines[{i}].to_date", f"{label}: the 'to' date {format_date(end)} is before the 'from' "
                                                f"date {format_date(start)} (item 24A). {IN_CHARGES}")


def check_claim_dates(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    dos = claim.encounter.date_of_service
    for path, item, value, qualifiers in (("current_illness", "14", claim.encounter.current_illness, ITEM14_QUALIFIERS),
                                          ("other_date", "15", claim.encounter.other_date, ITEM15_QUALIFIERS)):
        if value is None:
            continue
        if value.qualifier not in qualifiers:
            yield _error(path, f"Item {item}: '{value.qualifier}' is not a qualifier for this date; use one of "
                               f"{', '.join(qualifiers)}. {IN_CHARGES}")
        elif dos is not None and value.on > dos and value.qualifier != "091":
            yield _error(path, f"Item {item}: the {qualifiers[value.qualifier].lower()} date {format_date(value.on)} "
                               f"is after the date of service {format_date(dos)}. {IN_CHARGES}")


def check_timely_filing(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if claim.payer is None or claim.frequency == ClaimFrequency.VOID:
        return
    past = [day for _path, day in _service_dates(claim) if day <= ctx.today]
    if not past:
        return
    first = min(past)
    deadline = first + timedelta(days=claim.payer.timely_filing_days)
    left = (deadline - ctx.today).days
    limit = f"{claim.payer.name} accepts claims up to {claim.payer.timely_filing_days} days after the date of service"
    if left < 0:
        yield _error("date_of_service", f"The filing limit passed on {format_date(deadline)}: {limit}. If you have "
                                        "proof of timely filing, appeal instead of sending a new claim.")
    elif left <= ctx.timely_filing_warning_days:
        yield _warning("date_of_service", f"Only {left} day{'s' if left != 1 else ''} left to file: {limit}, until "
                                          f"{format_date(deadline)}. Send this claim first.")


# --- coverage -------------------------------------------------------------------------------------

def check_coverage_active(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    c = claim.coverage
    if c is None:
        return
    for _path, day in _service_dates(claim):
        if c.active_on(day):
            continue
        if c.effective_to is not None and day > c.effective_to:
            yield _error("coverage.effective_to",
                         f"The {c.rank.value} coverage ended on {format_date(c.effective_to)}, before the date of "
                         f"service {format_date(day)}; bill the coverage in effect then. {IN_COVERAGE}")
        else:
            start = c.effective_from or day
            yield _error("coverage.effective_from",
                         f"The {c.rank.value} coverage starts on {format_date(start)}, after the date of service "
                         f"{format_date(day)}; bill the coverage in effect then. {IN_COVERAGE}")
        return


def check_prior_adjudication(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    c = claim.coverage
    if c is None or c.rank not in INSURANCE_RANKS or c.rank == Party.PRIMARY:
        return
    needed = INSURANCE_RANKS[:INSURANCE_RANKS.index(c.rank)]
    missing = [r.value for r in needed if r not in claim.prior_adjudications]
    if missing:
        yield _warning("prior_adjudications",
                       f"This is a {c.rank.value} claim, but the {' and '.join(missing)} payer's adjudication is not "
                       "posted; the payer needs its paid amount and adjustments (items 9, 9a, 9d, 11d). Post that "
                       "EOB first.")


def check_referring_provider(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if claim.referring_provider is not None or claim.payer is None:
        return
    if claim.payer.requires_referring_provider:
        yield _warning("referring_provider_id", f"{claim.payer.name} requires the referring provider (items 17, "
                                                f"17b). {IN_CHARGES}")
        return
    needing = sorted({line.procedure for line in claim.encounter.lines} & ctx.procedures_needing_referral)
    if needing:
        yield _warning("referring_provider_id", f"{', '.join(needing)} needs a referring or ordering provider "
                                                f"(items 17, 17b). {IN_CHARGES}")


def check_prior_authorization(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    auth = claim.encounter.prior_authorization
    if auth and not is_prior_auth_shape(auth):
        yield _error("prior_authorization", f"{prior_auth_message(auth)} {IN_CHARGES}")


def check_resubmission(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    reference = claim.original_reference.strip()
    try:
        frequency = ClaimFrequency(claim.frequency)
    except ValueError:
        yield _error("frequency", f"'{claim.frequency}' is not a resubmission code; use 1 (original), 7 (replacement) "
                                  f"or 8 (void). {ON_CLAIM}")
        return
    if frequency is ClaimFrequency.ORIGINAL:
        if reference:
            yield _warning("original_reference", "An original claim carries no original reference number in "
                                                 f"item 22; clear it or mark the claim as a replacement. {ON_CLAIM}")
        return
    kind = "replacement (code 7)" if frequency is ClaimFrequency.REPLACEMENT else "void (code 8)"
    if not reference:
        yield _error("original_reference", f"A {kind} needs the payer's claim number of the original claim in "
                                           f"item 22 (from its EOB or remittance). {ON_CLAIM}")
    elif len(reference) > 50 or not reference.replace("-", "").isalnum():
        yield _error("original_reference", f"'{reference}' is not a payer claim number: letters and digits, up to "
                                           f"50. {ON_CLAIM}")


def check_assignment(claim: ClaimData, ctx: ScrubContext) -> Iterator[Issue]:
    if claim.coverage is None or claim.payer is None:
        return
    if claim.payer.plan_type == PlanType.MEDICAID and not claim.accept_assignment:
        yield _error("accept_assignment", f"Medicaid claims must accept assignment (item 27 YES). {ON_CLAIM}")
    elif claim.coverage.benefits_assigned and not claim.accept_assignment:
        yield _error("accept_assignment", "The insured assigned benefits to the provider (item 13), but the claim "
                                          "does not accept assignment (item 27 NO); the payer would pay the patient. "
                                          f"Accept assignment, or clear item 13 in the coverage. {ON_CLAIM}")
    elif claim.accept_assignment and not claim.coverage.benefits_assigned:
        yield _warning("coverage.benefits_assigned",
                       "The claim accepts assignment (item 27 YES), but the insured's authorisation to pay the "
                       f"provider is not on file (item 13); the payer may pay the patient. {IN_COVERAGE}")
    if claim.patient.release_signed_on is None:
        yield _warning("patient.release_signed_on",
                       "The patient's release of information is not on file (item 12); get it signed at the next "
                       f"visit. {IN_REGISTRATION}")


# --- the table ------------------------------------------------------------------------------------

RULES: tuple[Rule, ...] = (
    Rule("required.patient_name", "2", "Patient name", check_patient_name),
    Rule("required.patient_birth_date", "3", "Patient date of birth", check_patient_birth_date),
    Rule("required.patient_sex", "3", "Patient sex", check_patient_sex),
    Rule("required.patient_address", "5", "Patient address", check_patient_address),
    Rule("required.insured_id", "1a", "Insured's ID", check_insured_id, insurance_only=True),
    Rule("required.insured", "4, 7, 11a", "Insured person", check_insured, insurance_only=True),
    Rule("required.payer", "carrier block", "Payer", check_payer, insurance_only=True),
    Rule("required.date_of_service", "24A", "Date of service", check_date_of_service),
    Rule("required.lines", "24", "At least one service line", check_has_lines),
    Rule("required.diagnoses", "21", "At least one diagnosis", check_has_diagnoses),
    Rule("required.billing_provider", "25, 33, 33a", "Billing provider", check_billing_provider),
    Rule("required.rendering_provider", "24J", "Rendering provider", check_rendering_provider),
    Rule("required.facility", "32", "Service facility", check_facility),
    Rule("npi.check_digit", "17b, 24J, 32a, 33a", "NPI check digit", check_npis),
    Rule("diagnosis.exists", "21", "ICD-10-CM code exists", check_diagnosis_exists),
    Rule("diagnosis.billable", "21", "ICD-10-CM code is billable", check_diagnosis_billable),
    Rule("diagnosis.repeated", "21", "Each diagnosis once", check_diagnosis_repeated),
    Rule("diagnosis.count", "21", "At most 12 diagnoses", check_diagnosis_count),
    Rule("pointers.first", "24E", "Primary diagnosis pointer", check_first_pointer),
    Rule("pointers.target", "24E", "Pointers point at entered diagnoses", check_pointer_targets),
    Rule("pointers.shape", "24E", "At most 4 pointers, none repeated", check_pointer_shape),
    Rule("procedure.format", "24D", "Procedure code shape", check_procedure_format),
    Rule("procedure.known", "24D", "Procedure code in the code sets", check_procedure_known),
    Rule("modifiers.valid", "24D", "Modifiers are valid", check_modifiers_valid),
    Rule("modifiers.repeated", "24D", "Modifiers not repeated", check_modifiers_repeated),
    Rule("modifiers.count", "24D", "At most 4 modifiers", check_modifier_count),
    Rule("units.range", "24G", "Units 1-999", check_units),
    Rule("charge.positive", "24F", "Charge over $0.00", check_charge),
    Rule("pos.valid", "24B", "Place of service", check_place_of_service),
    Rule("ndc.format", "24 shaded", "NDC, unit and quantity", check_ndc),
    Rule("lines.duplicate", "24", "Duplicate lines", check_duplicate_lines),
    Rule("dos.future", "24A", "Date of service not in the future", check_future_dates),
    Rule("dos.line_range", "24A", "Line dates in order", check_line_dates),
    Rule("dates.items_14_15", "14, 15", "Illness and other dates", check_claim_dates),
    Rule("dos.timely_filing", "24A", "Timely filing", check_timely_filing, insurance_only=True),
    Rule("coverage.active", "1a", "Coverage active on the date of service", check_coverage_active,
         insurance_only=True),
    Rule("secondary.prior_adjudication", "9, 9a, 9d, 11d", "Secondary claim has the primary's adjudication",
         check_prior_adjudication, insurance_only=True),
    Rule("referring.required", "17, 17b", "Referring provider when needed", check_referring_provider,
         insurance_only=True),
    Rule("prior_auth.format", "23", "Prior authorization number", check_prior_authorization),
    Rule("resubmission.item22", "22", "Resubmission code and original reference", check_resubmission,
         insurance_only=True),
    Rule("assignment.flags", "12, 13, 27", "Signature and assignment flags", check_assignment,
         insurance_only=True),
)
RULES_BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def scrub(claim: ClaimData, context: ScrubContext, rules: Sequence[Rule] = RULES) -> list[Finding]:
    """Run every rule; findings come in table order, errors and warnings together."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.insurance_only and claim.is_self_pay:
            continue
        findings.extend(Finding(i.severity, rule.id, i.field, i.message) for i in rule.check(claim, context))
    return findings


def blocking(findings: Iterable[Finding]) -> bool:
    """True when any finding is an error: the claim can't leave draft and the encounter can't be finalized."""
    return any(f.severity is Severity.ERROR for f in findings)


def errors(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity is Severity.ERROR]


def finalize(encounter: Encounter, findings: Sequence[Finding]) -> Encounter:
    """The encounter, finalized; refused while the scrubber reports errors (run it for every claim the
    encounter makes, and pass all the findings)."""
    if encounter.is_finalized:
        raise DomainError("This encounter is already finalized.", "status")
    errs = errors(findings)
    if errs:
        more = f" (and {len(errs) - 1} more)" if len(errs) > 1 else ""
        raise DomainError(f"Fix the errors before finalizing{more}: {errs[0].message}", errs[0].field)
    return replace(encounter, status=EncounterStatus.FINALIZED)


# --- items 12, 13, 27: one source for paper and 837P ---------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class AssignmentIndicators:
    item12: str  # printed text, "SIGNATURE ON FILE" or blank
    item13: str
    item27_yes: bool
    clm07: str  # 837P provider accept assignment: A assigned, C not assigned
    clm08: str  # benefits assignment certification: Y or N
    clm09: str  # release of information: Y signed statement on file, I informed consent only


def assignment_indicators(claim: ClaimData) -> AssignmentIndicators:
    """What the paper form and the 837P both print for items 12, 13 and 27, from the same facts."""
    release = claim.patient.release_signed_on is not None
    assigned = claim.coverage is not None and claim.coverage.benefits_assigned
    return AssignmentIndicators(
        item12="SIGNATURE ON FILE" if release else "",
        item13="SIGNATURE ON FILE" if assigned else "",
        item27_yes=claim.accept_assignment,
        clm07="A" if claim.accept_assignment else "C",
        clm08="Y" if assigned else "N",
        clm09="Y" if release else "I",
    )
