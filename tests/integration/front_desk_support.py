"""Shared set-up for the front-desk and charge-entry tests: a slice of the real ICD-10-CM release (read once
per session), and a workstation with reference data a small practice would have entered.

A test module makes its own fixture from `make_desk` (importing fixtures trips the linter):

    @pytest.fixture
    def desk(workstation: Workstation) -> Desk:
        return make_desk(workstation)
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from medbill_desktop.codesets.icd10 import Icd10Data, read_icd10
from medbill_desktop.domain.coverage import Coverage
from medbill_desktop.domain.encounters import Encounter, ServiceLine
from medbill_desktop.domain.fees import FeeEntry
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.npi import npi_check_digit
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import Payer, PlanType, Provider, Submission
from medbill_desktop.services import codes, coverage, patients, reference_data
from medbill_desktop.services.context import Workstation

# Codes the tests use, and the headers above them (E11 and J06 are categories with codes below: not billable).
ICD10_CODES = ("E11", "E119", "E1165", "I10", "J06", "J069", "Z0000", "M5450", "E785", "R059", "K219", "F411",
               "N390", "Z23")


def valid_npi(first_nine: str) -> str:
    return first_nine + str(npi_check_digit(first_nine))


def wrong_npi(first_nine: str) -> str:
    return first_nine + str((npi_check_digit(first_nine) + 1) % 10)


@functools.cache
def icd10_slice() -> Icd10Data:
    """The installed release's rows for ICD10_CODES (reading the release takes seconds: once per session)."""
    data = read_icd10()
    rows = tuple(r for r in data.rows if r.code in ICD10_CODES)
    assert {r.code for r in rows} == set(ICD10_CODES)
    return Icd10Data(data.version + " (test slice)", data.groups, rows)


OFFICE = Address("12 Main St", "Springfield", "IL", "62701")


@dataclass
class Desk:
    """A workstation signed in as the manager, with providers, payers and a fee schedule."""

    ws: Workstation
    billing: Provider
    rendering: Provider
    medicare: Payer
    aetna: Payer
    fees: dict[str, int] = field(default_factory=dict)

    @property
    def today(self) -> date:
        return self.ws.today()

    def patient(self, last: str = "Smith", first: str = "John", dob: date = date(1960, 3, 7), **kw: object) -> Patient:
        values: dict[str, object] = {"sex": Sex.MALE, "address": Address("5 Oak Ave", "Springfield", "IL", "62704"),
                                     "home_phone": "(217) 555-0199", "release_signed_on": date(2026, 1, 5)}
        values.update(kw)
        return patients.register_patient(self.ws, Patient(last, first, dob, **values))  # type: ignore[arg-type]

    def insure(self, p: Patient, *payers: Payer, copay_cents: int = 2500) -> list[Coverage]:
        ranks = (Party.PRIMARY, Party.SECONDARY, Party.TERTIARY)
        return coverage.set_coverages(self.ws, p.id, [
            Coverage(p.id, payer.id, ranks[i], f"MBR{i}{p.account_number}", group_number="GRP1",
                     effective_from=date(2026, 1, 1), copay_cents=copay_cents if i == 0 else 0)
            for i, payer in enumerate(payers)])

    def encounter(self, p: Patient, lines: tuple[tuple[str, int], ...] = (("99213", 12500), ("36415", 1500)),
                  diagnoses: tuple[str, ...] = ("I10", "E119"), days_ago: int = 1, **kw: object) -> Encounter:
        values: dict[str, object] = {
            "rendering_provider_id": self.rendering.id, "billing_provider_id": self.billing.id,
            "place_of_service": "11", "diagnoses": diagnoses,
            "lines": tuple(ServiceLine(code, cents, pointers=(1,)) for code, cents in lines)}
        values.update(kw)
        return Encounter(p.id, self.today - timedelta(days=days_ago), **values)  # type: ignore[arg-type]


FEES = {"99202": 11000, "99213": 12500, "99214": 18000, "36415": 1500, "81002": 1200, "90686": 3500,
        "90471": 2500, "J1100": 900}


def make_desk(ws: Workstation) -> Desk:
    """The reference data a small practice would have entered, on a signed-in manager's workstation."""
    codes.load_icd10(ws, icd10_slice())
    billing = reference_data.save_provider(ws, Provider(
        npi=valid_npi("123456789"), taxonomy="207Q00000X", organization_name="Riverside Family Medicine PC",
        tax_id="12-3456789", address=OFFICE, renders=False, bills=True))
    rendering = reference_data.save_provider(ws, Provider(
        npi=valid_npi("198765432"), taxonomy="207Q00000X", last_name="Nguyen", first_name="Lan", credentials="MD"))
    medicare = reference_data.save_payer(ws, Payer(
        "Medicare Part B", PlanType.MEDICARE, Submission.PAPER,
        address=Address("PO Box 6475", "Indianapolis", "IN", "46206")))
    aetna = reference_data.save_payer(ws, Payer(
        "Aetna", PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC, edi_id="60054", timely_filing_days=180))
    for code, cents in FEES.items():
        reference_data.save_fee(ws, FeeEntry(code, cents))
    return Desk(ws, billing, rendering, medicare, aetna, dict(FEES))


def count(ws: Workstation, table: object) -> int:
    with ws.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]
