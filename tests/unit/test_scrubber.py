"""The scrubber, rule by rule: one clean claim written out as data, and for every rule a copy that breaks
exactly that rule (dataclasses.replace), asserting the rule id, the field path and the message."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from medbill_desktop.domain.coverage import Coverage, Relationship, Subscriber, validate_coverage
from medbill_desktop.domain.encounters import ClaimDate, Encounter, EncounterStatus, ServiceLine, validate_encounter
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Patient, Sex, validate_patient
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ServiceFacility,
    Submission,
    validate_payer,
    validate_provider,
)
from medbill_desktop.domain.scrubber import (
    RULES,
    RULES_BY_ID,
    ClaimData,
    ClaimFrequency,
    Finding,
    ScrubContext,
    Severity,
    assignment_indicators,
    blocking,
    finalize,
    scrub,
)


class TableCatalog:
    """A few real codes, as the code-set tables would answer for them."""

    ICD10 = {
        "E11": (True, False, "Type 2 diabetes mellitus"),
        "E119": (True, True, "Type 2 diabetes mellitus without complications"),
        "I10": (True, True, "Essential (primary) hypertension"),
        "M170": (True, True, "Bilateral primary osteoarthritis of knee"),
        "Z0000": (True, True, "Encounter for general adult medical examination without abnormal findings"),
        "J06": (True, False, "Acute upper respiratory infections of multiple and unspecified sites"),
        "J069": (True, True, "Acute upper respiratory infection, unspecified"),
        "E785": (True, True, "Hyperlipidemia, unspecified"),
        "K219": (True, True, "Gastro-esophageal reflux disease without esophagitis"),
        "F419": (True, True, "Anxiety disorder, unspecified"),
        "J45909": (True, True, "Unspecified asthma, uncomplicated"),
        "N390": (True, True, "Urinary tract infection, site not specified"),
        "R519": (True, True, "Headache, unspecified"),
        "E039": (True, True, "Hypothyroidism, unspecified"),
        "G4700": (True, True, "Insomnia, unspecified"),
    }
    POS = {"02", "10", "11", "12", "21", "22", "23"}
    MODIFIERS = {"25", "26", "50", "59", "76", "95", "LT", "RT", "TC"}
    PROCEDURES = {"99203", "99213", "99214", "20610", "J3301", "36415", "85025"}

    def icd10(self, code: str) -> tuple[bool, bool, str] | None:
        return self.ICD10.get(code)

    def valid_pos(self, code: str) -> bool:
        return code in self.POS

    def valid_modifier(self, code: str) -> bool:
        return code in self.MODIFIERS

    def procedure_known(self, code: str) -> bool:
        return code in self.PROCEDURES


TODAY = date(2026, 11, 2)
CTX = ScrubContext(catalog=TableCatalog(), today=TODAY)

# --- the clean claim --------------------------------------------------------------------------------------

PATIENT = Patient(
    last_name="Lopez", first_name="Maria", middle_name="Elena", date_of_birth=date(1961, 4, 17), sex=Sex.FEMALE,
    address=Address("118 Orchard Lane", "Harrisburg", "PA", "17102"), home_phone="7175550142",
    account_number="KQD000042", release_signed_on=date(2026, 1, 5),
)
PAYER = Payer(
    name="Keystone Health Plan", plan_type=PlanType.GROUP_HEALTH_PLAN, submission=Submission.PAPER,
    address=Address("PO Box 890", "Camp Hill", "PA", "17001"), timely_filing_days=180,
)
COVERAGE = Coverage(
    patient_id=PATIENT.id, payer_id=PAYER.id, rank=Party.PRIMARY, member_id="KHP884213307",
    group_number="GRP1001", effective_from=date(2026, 1, 1), copay_cents=2500,
)
BILLING = Provider(
    organization_name="Riverside Family Medicine PC", npi="1245319599", taxonomy="207Q00000X",
    tax_id="123456789", address=Address("400 Market Street", "Harrisburg", "PA", "17101"), phone="7175550100",
    renders=False, bills=True,
)
RENDERING = Provider(first_name="Jane", middle_initial="Q", last_name="Smith", credentials="MD",
                     npi="1234567893", taxonomy="207Q00000X")
ENCOUNTER = Encounter(
    patient_id=PATIENT.id, date_of_service=date(2026, 10, 20), rendering_provider_id=RENDERING.id,
    billing_provider_id=BILLING.id, place_of_service="11", prior_authorization="PA20261017",
    current_illness=ClaimDate("431", date(2026, 10, 1)),
    diagnoses=("E119", "I10", "M170"),  # A, B, C
    lines=(
        ServiceLine("99214", 18500, modifiers=("25",), pointers=(1, 2)),
        ServiceLine("20610", 22000, modifiers=("RT",), pointers=(3,)),
        ServiceLine("J3301", 2400, units=4, pointers=(3,), ndc="00003029305", ndc_unit="ML",
                    ndc_quantity=Decimal("1")),
        ServiceLine("36415", 1500, pointers=(1,)),
    ),
)
CLEAN = ClaimData(
    encounter=ENCOUNTER, patient=PATIENT, coverage=COVERAGE, payer=PAYER,
    billing_provider=BILLING, rendering_provider=RENDERING,
)


def encounter(**changes: object) -> ClaimData:
    return replace(CLEAN, encounter=replace(ENCOUNTER, **changes))  # type: ignore[arg-type]


def line(index: int, **changes: object) -> ClaimData:
    lines = list(ENCOUNTER.lines)
    lines[index] = replace(lines[index], **changes)  # type: ignore[arg-type]
    return encounter(lines=tuple(lines))


def patient(**changes: object) -> ClaimData:
    return replace(CLEAN, patient=replace(PATIENT, **changes))  # type: ignore[arg-type]


def coverage(**changes: object) -> ClaimData:
    return replace(CLEAN, coverage=replace(COVERAGE, **changes))  # type: ignore[arg-type]


def payer(**changes: object) -> ClaimData:
    return replace(CLEAN, payer=replace(PAYER, **changes))  # type: ignore[arg-type]


def test_the_clean_claim_is_clean_and_its_records_pass_validation() -> None:
    assert scrub(CLEAN, CTX) == []
    assert validate_patient(PATIENT, TODAY) == PATIENT
    assert validate_payer(PAYER) == PAYER
    assert validate_coverage(COVERAGE, TODAY) == COVERAGE
    assert validate_provider(BILLING) == BILLING
    assert validate_provider(RENDERING) == RENDERING
    assert validate_encounter(ENCOUNTER, TODAY) == ENCOUNTER
    assert not blocking([])


# --- one case per rule -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    claim: ClaimData
    rule: str
    severity: Severity
    field: str
    message: str  # a part of the message that says what and where
    context: ScrubContext = CTX


E, W = Severity.ERROR, Severity.WARNING
MORE_CODES = ("E785", "K219", "F419", "J45909", "N390", "R519", "E039", "G4700")

CASES = [
    Case("no last name", patient(last_name=""), "required.patient_name", E, "patient.last_name",
         "The patient's last name is missing (item 2). Fix it in the patient's registration."),
    Case("no birth date", patient(date_of_birth=None), "required.patient_birth_date", E, "patient.date_of_birth",
         "The patient's date of birth is missing (item 3)."),
    Case("sex unknown", patient(sex=Sex.UNKNOWN), "required.patient_sex", W, "patient.sex",
         "The patient's sex is not recorded, so item 3 stays blank"),
    Case("no address", patient(address=None), "required.patient_address", E, "patient.address",
         "The patient's address is missing (item 5)."),
    Case("no ZIP", patient(address=Address("118 Orchard Lane", "Harrisburg", "PA", " ")), "required.patient_address",
         E, "patient.address.zip", "The patient's ZIP code is missing (item 5)."),
    Case("no city", patient(address=Address("118 Orchard Lane", "", "PA", "17102")), "required.patient_address", E,
         "patient.address.city", "The patient's city is missing (item 5)."),
    Case("no member id", coverage(member_id=""), "required.insured_id", E, "coverage.member_id",
         "The insured's member ID is missing (item 1a); copy it from the card. Fix it in the patient's coverage."),
    Case("payer but no coverage", replace(CLEAN, coverage=None), "required.insured_id", E, "coverage",
         "No coverage is chosen for this claim."),
    Case("child without subscriber", coverage(relationship=Relationship.CHILD), "required.insured", E,
         "coverage.subscriber", "The patient is the insured's child, but the insured person is not entered"),
    Case("subscriber without birth date",
         coverage(relationship=Relationship.SPOUSE, subscriber=Subscriber("Lopez", "Carlos", None, Sex.MALE)),
         "required.insured", E, "coverage.subscriber.date_of_birth",
         "The insured's date of birth is missing (item 11a)."),
    Case("paper payer without address", payer(address=None), "required.payer", E, "payer.address",
         "Keystone Health Plan takes paper claims, but its claim mailing address is missing. "
         "Fix it in Reference data > Payers."),
    Case("electronic payer without id", payer(submission=Submission.ELECTRONIC), "required.payer", E,
         "payer.edi_id", "Keystone Health Plan takes electronic claims, but its payer ID is missing."),
    Case("coverage but no payer", replace(CLEAN, payer=None), "required.payer", E, "payer",
         "The coverage has no payer."),
    Case("no date of service", encounter(date_of_service=None), "required.date_of_service", E, "date_of_service",
         "The date of service is missing (item 24A). Fix it on the charge-entry form."),
    Case("no lines", encounter(lines=()), "required.lines", E, "lines", "There are no service lines"),
    Case("no diagnoses", encounter(diagnoses=()), "required.diagnoses", E, "diagnoses",
         "There are no diagnoses; enter at least one ICD-10-CM code (item 21)."),
    Case("no billing provider", replace(CLEAN, billing_provider=None), "required.billing_provider", E,
         "billing_provider_id", "Choose the billing provider (item 33)."),
    Case("billing provider without tax id", replace(CLEAN, billing_provider=replace(BILLING, tax_id="")),
         "required.billing_provider", E, "billing_provider.tax_id",
         "Riverside Family Medicine PC has no tax ID (item 25). Fix it in Reference data > Providers."),
    Case("billing provider without NPI", replace(CLEAN, billing_provider=replace(BILLING, npi="")),
         "required.billing_provider", E, "billing_provider.npi", "Riverside Family Medicine PC has no NPI (item 33a)."),
    Case("billing provider without address", replace(CLEAN, billing_provider=replace(BILLING, address=None)),
         "required.billing_provider", E, "billing_provider.address",
         "Riverside Family Medicine PC's address is missing (item 33)."),
    Case("no rendering provider", replace(CLEAN, rendering_provider=None), "required.rendering_provider", E,
         "rendering_provider_id", "Choose the rendering provider (item 24J)."),
    Case("rendering provider without NPI", replace(CLEAN, rendering_provider=replace(RENDERING, npi="")),
         "required.rendering_provider", E, "rendering_provider.npi", "Jane Q Smith, MD has no NPI (item 24J)."),
    Case("hospital without facility", encounter(place_of_service="22"), "required.facility", E, "facility_id",
         "Place of service 22 is a facility: choose where the service was performed (item 32)."),
    Case("NPI check digit", replace(CLEAN, rendering_provider=replace(RENDERING, npi="1234567890")),
         "npi.check_digit", E, "rendering_provider.npi",
         "The rendering provider's NPI 1234567890 is not valid: it fails the check digit (the last digit should "
         "be 3); check for a typo. Fix it in Reference data > Providers."),
    Case("unknown diagnosis", encounter(diagnoses=("E119", "E1199", "M170")), "diagnosis.exists", E, "diagnoses[1]",
         "Diagnosis B: E11.99 is not in the ICD-10-CM code set; search by words to find the right code."),
    Case("category header", encounter(diagnoses=("E11", "I10", "M170")), "diagnosis.billable", E, "diagnoses[0]",
         "Diagnosis A: E11 (Type 2 diabetes mellitus) is a category heading, not a billable code; choose a more "
         "specific code under E11"),
    Case("diagnosis twice", encounter(diagnoses=("E119", "I10", "E119")), "diagnosis.repeated", E, "diagnoses[2]",
         "Diagnosis C (E11.9) repeats diagnosis A"),
    Case("thirteen diagnoses", encounter(diagnoses=(*ENCOUNTER.diagnoses, "Z0000", "J069", *MORE_CODES)),
         "diagnosis.count", E, "diagnoses[12]", "There are 13 diagnoses; a claim holds at most 12 (A-L)."),
    Case("no pointer", line(0, pointers=()), "pointers.first", E, "lines[0].pointers",
         "Line 1 (99214-25) has no diagnosis pointer; item 24E needs at least the primary one"),
    Case("pointer to missing diagnosis", line(1, pointers=(5,)), "pointers.target", E, "lines[1].pointers",
         "Line 2 points to diagnosis E, but only 3 diagnoses (A-C) are entered; fix the line's diagnosis pointers "
         "or add the diagnosis. Fix it on the charge-entry form."),
    Case("pointer twice", line(0, pointers=(1, 2, 1)), "pointers.shape", E, "lines[0].pointers",
         "Line 1 (99214-25) points to the same diagnosis twice."),
    Case("five pointers", encounter(
        diagnoses=("E119", "I10", "M170", "Z0000", "J069"),
        lines=(replace(ENCOUNTER.lines[0], pointers=(1, 2, 3, 4, 5)), *ENCOUNTER.lines[1:])),
        "pointers.shape", E, "lines[0].pointers",
        "Line 1 (99214-25) has 5 diagnosis pointers; item 24E holds at most 4."),
    Case("procedure shape", line(3, procedure="3641"), "procedure.format", E, "lines[3].procedure",
         "Line 4: '3641' is not a CPT or HCPCS code"),
    Case("procedure not loaded", line(3, procedure="36416"), "procedure.known", W, "lines[3].procedure",
         "Line 4: 36416 is not in the loaded CPT/HCPCS code sets"),
    Case("unknown modifier", line(1, modifiers=("RT", "Q9")), "modifiers.valid", E, "lines[1].modifiers",
         "Line 2 (20610-RT-Q9): 'Q9' is not a valid modifier."),
    Case("modifier twice", line(0, modifiers=("25", "25")), "modifiers.repeated", E, "lines[0].modifiers",
         "Line 1 (99214-25-25) repeats modifier 25; enter each modifier once."),
    Case("five modifiers", line(1, modifiers=("RT", "LT", "59", "76", "TC")), "modifiers.count", E,
         "lines[1].modifiers", "has 5 modifiers; item 24D holds at most 4."),
    Case("zero units", line(3, units=0), "units.range", E, "lines[3].units",
         "Line 4 (36415) has 0 units; enter a whole number from 1 to 999 (item 24G)."),
    Case("1000 units", line(3, units=1000), "units.range", E, "lines[3].units", "has 1000 units"),
    Case("no charge", line(3, charge_cents=0), "charge.positive", E, "lines[3].charge_cents",
         "Line 4 (36415) has no charge; enter an amount over $0.00 (item 24F)."),
    Case("no place of service", encounter(place_of_service=""), "pos.valid", E, "place_of_service",
         "The place of service is missing (item 24B)"),
    Case("unknown place of service", encounter(place_of_service="00"), "pos.valid", E, "place_of_service",
         "'00' is not a place-of-service code (item 24B)."),
    Case("NDC too short", line(2, ndc="0003029305"), "ndc.format", E, "lines[2].ndc",
         "Line 3 (J3301): NDC '0003029305' is not 11 digits in the 5-4-2 layout."),
    Case("NDC unit", line(2, ndc_unit="MG"), "ndc.format", E, "lines[2].ndc_unit",
         "the NDC unit must be one of F2, GR, ME, ML, UN"),
    Case("NDC quantity", line(2, ndc_quantity=None), "ndc.format", E, "lines[2].ndc_quantity",
         "Enter the NDC quantity"),
    Case("duplicate line", encounter(lines=(*ENCOUNTER.lines, ServiceLine("36415", 1500, pointers=(1,)))),
         "lines.duplicate", W, "lines[4]", "Line 5 (36415) repeats line 4 (same code, modifiers and date)"),
    Case("future date of service", encounter(date_of_service=TODAY + timedelta(days=1),
                                             current_illness=None),
         "dos.future", E, "date_of_service",
         "The date of service 11/03/2026 is in the future (today is 11/02/2026); services are billed after they "
         "happen."),
    Case("line date in future", line(3, from_date=TODAY + timedelta(days=3)), "dos.future", E,
         "lines[3].from_date", "The date of service 11/05/2026 is in the future"),
    Case("line to before from", line(1, to_date=date(2026, 10, 19)), "dos.line_range", E, "lines[1].to_date",
         "Line 2 (20610-RT): the 'to' date 10/19/2026 is before the 'from' date 10/20/2026 (item 24A)."),
    Case("item 14 qualifier", encounter(current_illness=ClaimDate("454", date(2026, 10, 1))), "dates.items_14_15",
         E, "current_illness", "Item 14: '454' is not a qualifier for this date; use one of 431, 484."),
    Case("onset after service", encounter(current_illness=ClaimDate("431", date(2026, 10, 25))),
         "dates.items_14_15", E, "current_illness",
         "Item 14: the onset of current symptoms or illness date 10/25/2026 is after the date of service 10/20/2026."),
    Case("filing limit near", encounter(date_of_service=date(2026, 5, 20), current_illness=None),
         "dos.timely_filing", W, "date_of_service",
         "Only 14 days left to file: Keystone Health Plan accepts claims up to 180 days after the date of service, "
         "until 11/16/2026."),
    Case("filing limit passed", encounter(date_of_service=date(2026, 4, 1), current_illness=None),
         "dos.timely_filing", E, "date_of_service", "The filing limit passed on 09/28/2026"),
    Case("coverage ended", coverage(effective_to=date(2026, 9, 30)), "coverage.active", E, "coverage.effective_to",
         "The primary coverage ended on 09/30/2026, before the date of service 10/20/2026"),
    Case("coverage not started", coverage(effective_from=date(2026, 10, 21)), "coverage.active", E,
         "coverage.effective_from", "The primary coverage starts on 10/21/2026, after the date of service 10/20/2026"),
    Case("secondary without primary EOB", coverage(rank=Party.SECONDARY), "secondary.prior_adjudication", W,
         "prior_adjudications", "This is a secondary claim, but the primary payer's adjudication is not posted"),
    Case("tertiary with only primary EOB", replace(coverage(rank=Party.TERTIARY), prior_adjudications=(Party.PRIMARY,)),
         "secondary.prior_adjudication", W, "prior_adjudications",
         "This is a tertiary claim, but the secondary payer's adjudication is not posted"),
    Case("payer needs referral", payer(requires_referring_provider=True), "referring.required", W,
         "referring_provider_id", "Keystone Health Plan requires the referring provider (items 17, 17b)."),
    Case("procedure needs referral", CLEAN, "referring.required", W, "referring_provider_id",
         "20610 needs a referring or ordering provider (items 17, 17b).",
         context=replace(CTX, procedures_needing_referral=frozenset({"20610"}))),
    Case("prior auth with a space", encounter(prior_authorization="PA 2026"), "prior_auth.format", E,
         "prior_authorization", "'PA 2026' is not a prior authorization number as the claim can carry it (item 23)"),
    Case("replacement without reference", replace(CLEAN, frequency=ClaimFrequency.REPLACEMENT),
         "resubmission.item22", E, "original_reference",
         "A replacement (code 7) needs the payer's claim number of the original claim in item 22"),
    Case("void without reference", replace(CLEAN, frequency=ClaimFrequency.VOID), "resubmission.item22", E,
         "original_reference", "A void (code 8) needs the payer's claim number"),
    Case("unknown frequency", replace(CLEAN, frequency="5"), "resubmission.item22", E, "frequency",
         "'5' is not a resubmission code; use 1 (original), 7 (replacement) or 8 (void)."),
    Case("original with reference", replace(CLEAN, original_reference="2026287001234"), "resubmission.item22", W,
         "original_reference", "An original claim carries no original reference number in item 22"),
    Case("assigned benefits, no assignment", replace(CLEAN, accept_assignment=False), "assignment.flags", E,
         "accept_assignment", "The insured assigned benefits to the provider (item 13), but the claim does not accept "
         "assignment (item 27 NO)"),
    Case("Medicaid must accept", replace(payer(plan_type=PlanType.MEDICAID), accept_assignment=False),
         "assignment.flags", E, "accept_assignment", "Medicaid claims must accept assignment (item 27 YES)."),
    Case("item 13 not on file", coverage(benefits_assigned=False), "assignment.flags", W,
         "coverage.benefits_assigned", "is not on file (item 13); the payer may pay the patient"),
    Case("item 12 not on file", patient(release_signed_on=None), "assignment.flags", W, "patient.release_signed_on",
         "The patient's release of information is not on file (item 12)"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_rule_finds_exactly_its_break(case: Case) -> None:
    findings = scrub(case.claim, case.context)
    assert [(f.rule, f.field, f.severity) for f in findings] == [(case.rule, case.field, case.severity)]
    assert case.message in findings[0].message


def test_every_rule_in_the_table_has_a_case() -> None:
    assert {c.rule for c in CASES} == set(RULES_BY_ID)
    assert len(RULES_BY_ID) == len(RULES)


def test_every_message_says_where_to_fix_it() -> None:
    for case in CASES:
        message = scrub(case.claim, case.context)[0].message
        assert message.endswith(".") and ("Fix it" in message or "EOB" in message or "claim" in message), message


# --- the bad input the issue names ------------------------------------------------------------------------

def test_npi_with_a_wrong_check_digit_is_refused_and_found() -> None:
    with pytest.raises(DomainError) as err:
        validate_provider(replace(RENDERING, npi="1234567894"))
    assert err.value.field == "npi"
    assert err.value.message == ("NPI 1234567894 fails its check digit (the last digit should be 3); "
                                 "check for a typo.")
    findings = scrub(replace(CLEAN, billing_provider=replace(BILLING, npi="1245319590")), CTX)
    assert findings == [Finding(E, "npi.check_digit", "billing_provider.npi",
                                "The billing provider's NPI 1245319590 is not valid: it fails the check digit (the "
                                "last digit should be 9); check for a typo. Fix it in Reference data > Providers.")]


def test_referring_and_facility_npis_are_checked_too() -> None:
    referring = ReferringProvider("Okafor", "Ngozi", "1679576721")
    facility = ServiceFacility("Harrisburg General", Address("1 Hospital Way", "Harrisburg", "PA", "17104"),
                               npi="130000001X")
    findings = scrub(replace(CLEAN, referring_provider=referring, facility=facility), CTX)
    assert [(f.rule, f.field) for f in findings] == [("npi.check_digit", "referring_provider.npi"),
                                                      ("npi.check_digit", "facility.npi")]
    assert "the last digit should be 2" in findings[0].message
    assert "an NPI has exactly 10 digits" in findings[1].message


def test_a_category_header_is_refused_and_found() -> None:
    findings = scrub(encounter(diagnoses=("E11", "I10", "M170")), CTX)
    assert [f.rule for f in findings] == ["diagnosis.billable"]
    assert blocking(findings)
    with pytest.raises(DomainError, match="finaliz"):
        finalize(ENCOUNTER, findings)


def test_a_pointer_to_a_missing_diagnosis_blocks_finalizing_and_names_the_field() -> None:
    broken = line(2, pointers=(3, 4))
    findings = scrub(broken, CTX)
    assert findings == [Finding(E, "pointers.target", "lines[2].pointers",
                                "Line 3 points to diagnosis D, but only 3 diagnoses (A-C) are entered; fix the "
                                "line's diagnosis pointers or add the diagnosis. Fix it on the charge-entry form.")]
    with pytest.raises(DomainError) as err:
        finalize(broken.encounter, findings)
    assert err.value.field == "lines[2].pointers"
    assert broken.encounter.status is EncounterStatus.DRAFT


def test_a_future_date_of_service_is_refused_and_found() -> None:
    tomorrow = TODAY + timedelta(days=1)
    with pytest.raises(DomainError) as err:
        validate_encounter(replace(ENCOUNTER, date_of_service=tomorrow, current_illness=None), TODAY)
    assert err.value.field == "date_of_service"
    assert "11/03/2026 is in the future" in err.value.message
    findings = scrub(encounter(date_of_service=tomorrow, current_illness=None), CTX)
    assert [(f.rule, f.field) for f in findings] == [("dos.future", "date_of_service")]


# --- finalizing, self-pay, items 12/13/27 ------------------------------------------------------------------

def test_warnings_do_not_block_finalizing_errors_do() -> None:
    warned = scrub(patient(sex=Sex.UNKNOWN), CTX)
    assert warned and not blocking(warned)
    done = finalize(ENCOUNTER, warned)
    assert done.status is EncounterStatus.FINALIZED and done.lines == ENCOUNTER.lines
    with pytest.raises(DomainError, match="already finalized"):
        finalize(done, [])
    two = scrub(replace(CLEAN, rendering_provider=None, billing_provider=None), CTX)
    with pytest.raises(DomainError) as err:
        finalize(ENCOUNTER, two)
    assert err.value.message.startswith("Fix the errors before finalizing (and 1 more): Choose the billing provider")


def test_a_self_pay_encounter_skips_the_insurance_rules() -> None:
    self_pay = replace(CLEAN, coverage=None, payer=None, accept_assignment=False)
    assert self_pay.is_self_pay
    assert scrub(self_pay, CTX) == []
    # the rules that are about the visit itself still run
    broken = replace(self_pay, encounter=replace(ENCOUNTER, diagnoses=("E11", "I10", "M170")))
    assert [f.rule for f in scrub(broken, CTX)] == ["diagnosis.billable"]


def test_paper_and_837p_assignment_come_from_the_same_facts() -> None:
    ind = assignment_indicators(CLEAN)
    assert (ind.item12, ind.item13, ind.item27_yes) == ("SIGNATURE ON FILE", "SIGNATURE ON FILE", True)
    assert (ind.clm07, ind.clm08, ind.clm09) == ("A", "Y", "Y")
    ind = assignment_indicators(replace(patient(release_signed_on=None), accept_assignment=False,
                                        coverage=replace(COVERAGE, benefits_assigned=False)))
    assert (ind.item12, ind.item13, ind.item27_yes) == ("", "", False)
    assert (ind.clm07, ind.clm08, ind.clm09) == ("C", "N", "I")


def test_findings_come_in_table_order_and_rule_ids_are_unique() -> None:
    order: Callable[[str], int] = [r.id for r in RULES].index
    messy = replace(encounter(place_of_service="", lines=(replace(ENCOUNTER.lines[0], units=0),)),
                    rendering_provider=None)
    found = [f.rule for f in scrub(messy, CTX)]
    assert found == sorted(found, key=order)
    assert set(found) == {"required.rendering_provider", "units.range", "pos.valid"}
