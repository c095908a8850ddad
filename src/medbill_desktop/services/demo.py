"""The demo practice: a database a new user can open and click through.

Besides the practice and its users it holds providers, a facility, six payers, a fee schedule, 200
patients (some with secondary coverage, children with a parent as guarantor and subscriber) and 500
finalized encounters over the last 120 days, with copays taken at check-in and a claim per coverage. Primary
claims are sent week by week (837P, or printed for the paper payer), and the payers' checks are posted for
about two thirds of them (services.posting), with contractual write-downs, patient shares, some denials, and
secondary claims made ready when the primary's share moves on.
Everything goes through the real services (validation, permissions, ledger, audit, outbox); names and
visits come from a seeded random generator, so every demo has the same people and visits.

The visits are made in date order with the workstation's clock set to each visit's day, so that check-ins,
copays, eligibility checks and postings carry the day they happened; the clock is restored at the end.
"""

from __future__ import annotations

import random
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from medbill_desktop.domain.adjudication import (
    BatchKind,
    CasAdjustment,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    RemittanceBatch,
    propose_adjustments,
)
from medbill_desktop.domain.coverage import Coverage, EligibilityCheck, EligibilityMethod, Relationship, Subscriber
from medbill_desktop.domain.encounters import Encounter, ServiceLine
from medbill_desktop.domain.fees import AllowedEntry, FeeEntry
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.npi import npi_check_digit
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship, Patient, Sex
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ServiceFacility,
    Submission,
)
from medbill_desktop.domain.roles import Permission, Role
from medbill_desktop.edi.model import Clearinghouse
from medbill_desktop.services import catalog, codes, ledger, posting, reference_data
from medbill_desktop.services import claims as claims_service
from medbill_desktop.services.checkin import check_in_in, take_payment_in
from medbill_desktop.services.context import Actor, Workstation, utc_now
from medbill_desktop.services.coverage import write_coverages, write_eligibility_check
from medbill_desktop.services.encounters import finalize_in, write_encounter
from medbill_desktop.services.patients import insert_patient
from medbill_desktop.services.practice import get_practice
from medbill_desktop.services.setup import PassphraseSource, create_workstation
from medbill_desktop.services.users import insert_user
from medbill_desktop.storage.tables import claims, coverages, encounters, patients, payers, providers, users

DEMO_PASSWORD = "medbill-demo"
DEMO_PRACTICE = Practice(
    name="Maple Street Family Practice",
    npi="1881234565",
    tax_id="36-4728103",
    taxonomy="207Q00000X",
    address=Address("418 Maple Street", "Evanston", "IL", "602013417", "Suite 200"),
    phone="(847) 555-0142",
)
DEMO_USERS = (
    ("biller", "Bianca Ortiz", Role.BILLER),
    ("frontdesk", "Frank Delgado", Role.FRONT_DESK),
)
SEED = 20261102
DEMO_PATIENTS = 200
DEMO_ENCOUNTERS = 500
DEMO_DAYS = 120


def create_demo(path: Path, ask: PassphraseSource | None = None,
                clock: Callable[[], datetime] = utc_now, *, patients: int = DEMO_PATIENTS,
                encounters: int = DEMO_ENCOUNTERS, seed: int = SEED) -> Workstation:
    ws = create_workstation(path, DEMO_PRACTICE, admin_username="manager", admin_full_name="Morgan Lee",
                            admin_password=DEMO_PASSWORD, ask=ask, clock=clock)
    with ws.write() as conn:
        for username, name, role in DEMO_USERS:
            insert_user(ws, conn, username, name, role, DEMO_PASSWORD)
    _Builder(ws, random.Random(seed)).build(patients, encounters)
    return ws


def summary(ws: Workstation) -> dict[str, Any]:
    practice = get_practice(ws)
    totals = ledger.totals(ws)
    with ws.read() as conn:
        def n(table: Any, *where: Any) -> int:
            return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

        counts = {
            "providers": n(providers), "payers": n(payers), "patients": n(patients),
            "encounters": n(encounters), "finalized_encounters": n(encounters, encounters.c.status == "finalized"),
            "claims": n(claims),
        }
    return {
        "database": str(ws.path),
        "practice": practice.name if practice else None,
        "users": ["manager"] + [u for u, _, _ in DEMO_USERS],
        "password": DEMO_PASSWORD,
        "ledger_transactions": totals.transactions,
        **counts,
    }


# --- the people and places ---------------------------------------------------------------------------------------
FEMALE = ("Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Margaret Sandra "
          "Ashley Emily Donna Michelle Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon Cynthia Kathleen "
          "Amy Angela Anna Brenda Emma Olivia Sophia Isabella Mia Ava Grace Chloe María Lucía Mei Aisha Fatima "
          "Priya Hannah Zoe Nora").split()
MALE = ("James Robert John Michael David William Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony "
        "Mark Donald Steven Paul Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan "
        "Jacob Gary Nicholas Eric Jonathan Liam Noah Ethan Lucas Mateo José Luis Wei Omar Ahmed Raj Samuel Henry "
        "Owen Caleb").split()
LAST = ("Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez Wilson "
        "Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark Ramirez Lewis "
        "Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams Nelson Baker Hall "
        "Rivera Campbell Mitchell Carter Roberts Kowalski Nowak Schmidt Murphy O'Brien O'Connor Kim Patel Shah "
        "Cohen Goldberg Rossi Bianchi Olsen Johansson Novak Horvat Murray Sullivan McCarthy Dubois García-López "
        "St. John Van der Berg Okafor Mensah Tanaka Chen Wang Singh").split(" ")
STREETS = ("Maple St", "Oak Ave", "Elm St", "Chicago Ave", "Ridge Ave", "Sheridan Rd", "Main St", "Church St",
           "Davis St", "Dempster St", "Central St", "Green Bay Rd", "Lake Ave", "Asbury Ave", "Hinman Ave",
           "Judson Ave", "Forest Ave", "Greenwood St", "Crain St", "Lee St", "Howard St", "Touhy Ave",
           "Devon Ave", "Pratt Blvd", "Lincoln Ave", "Waukegan Rd", "Golf Rd", "Harms Rd", "Crawford Ave",
           "Gross Point Rd")
CITIES = (("Evanston", "60201"), ("Evanston", "60202"), ("Skokie", "60076"), ("Skokie", "60077"),
          ("Wilmette", "60091"), ("Chicago", "60626"), ("Chicago", "60645"), ("Chicago", "60660"),
          ("Glenview", "60025"), ("Niles", "60714"), ("Morton Grove", "60053"), ("Lincolnwood", "60712"))
AREA_CODES = ("847", "224", "773", "312")

# (code, per-unit charge in cents)
FEE_SCHEDULE = (
    ("99202", 11000), ("99203", 16500), ("99204", 24500), ("99205", 31500),
    ("99211", 4500), ("99212", 9000), ("99213", 13500), ("99214", 19500), ("99215", 27000),
    ("99385", 24000), ("99386", 26000), ("99387", 28500), ("99395", 21500), ("99396", 23000), ("99397", 25000),
    ("36415", 1800), ("81002", 1400), ("85025", 2800), ("80053", 4200), ("87880", 3200), ("93000", 6500),
    ("96372", 4000), ("90471", 2800), ("90686", 3900), ("J1100", 1000), ("G0008", 3000), ("G0439", 22000),
)
DEMO_CLEARINGHOUSE = Clearinghouse(
    receiver_name="Acme Clearinghouse", receiver_id="ACMECH", submitter_name=DEMO_PRACTICE.name,
    submitter_id="MAPLE01", contact_name="Bianca Ortiz", contact_phone="(847) 555-0142")
# Why a payer refused a whole claim: group, CARC, remark (RARC)
DENIAL_REASONS = (("CO", "16", "N290"), ("CO", "197", "N54"), ("CO", "50", "N115"), ("CO", "29", "N211"),
                  ("CO", "27", "N30"))
# Medicare's allowed amounts for a few codes (per unit)
MEDICARE_ALLOWED = (("99213", 9211), ("99214", 13003), ("36415", 300), ("93000", 1672), ("G0439", 13342))

CHRONIC = ("I10", "E119", "E785", "K219", "F411")
ACUTE = ("J069", "M5450", "R059", "N390")


def _npi(first_nine: str) -> str:
    return first_nine + str(npi_check_digit(first_nine))


@dataclass
class _Person:
    patient: Patient
    coverages: list[Coverage]
    age: int
    visits: int = 0


class _Builder:
    def __init__(self, ws: Workstation, rng: random.Random) -> None:
        self.ws = ws
        self.rng = rng
        self.real_clock = ws.clock
        self.today = ws.today()
        self.now = ws.now()

    # --- who and when --------------------------------------------------------------------------------------------
    def actor(self, username: str) -> Actor:
        with self.ws.read() as conn:
            row = conn.execute(select(users).where(users.c.username == username)).one()
        return Actor(row.id, row.username, row.full_name, Role(row.role))

    def at(self, day: date, minutes: int) -> None:
        """Set the workstation's clock to a moment of a past day (14:00 UTC is morning in the US)."""
        moment = datetime.combine(day, time(14, 0), UTC) + timedelta(minutes=minutes)
        self.ws.clock = lambda: moment

    def build(self, patient_count: int, encounter_count: int) -> None:
        try:
            self.manager = self.actor("manager")
            self.front = self.actor("frontdesk")
            self.biller = self.actor("biller")
            self.ws.actor = self.manager
            codes.ensure_icd10_loaded(self.ws)
            catalog.prepare(self.ws)
            start = self.today - timedelta(days=DEMO_DAYS + 10)
            self.at(start, 0)
            self.reference_data()
            people = [self.register(i, start) for i in range(patient_count)]
            self.visits(people, encounter_count)
            self.claims_and_payments()
        finally:
            self.ws.clock = self.real_clock
            self.ws.actor = None

    # --- reference data -------------------------------------------------------------------------------------------
    def reference_data(self) -> None:
        ws = self.ws
        office = DEMO_PRACTICE.address
        self.billing = reference_data.save_provider(ws, Provider(
            npi=DEMO_PRACTICE.npi, taxonomy="207Q00000X", organization_name=DEMO_PRACTICE.name,
            tax_id=DEMO_PRACTICE.tax_id, address=office, phone=DEMO_PRACTICE.phone, renders=False, bills=True))
        self.rendering = [
            reference_data.save_provider(ws, Provider(npi=_npi("154321098"), taxonomy="207Q00000X", last_name="Raman",
                                                      first_name="Priya", middle_initial="K", credentials="MD")),
            reference_data.save_provider(ws, Provider(npi=_npi("167812345"), taxonomy="207R00000X",
                                                      last_name="Becker", first_name="Thomas", credentials="DO")),
        ]
        reference_data.save_referring_provider(ws, ReferringProvider("Okonkwo", "Adaeze", _npi("132109876"),
                                                                     credentials="MD"))
        self.facility = reference_data.save_facility(ws, ServiceFacility(
            "Lakeshore Outpatient Center", Address("2650 Ridge Ave", "Evanston", "IL", "60201"),
            npi=_npi("176543210"), place_of_service="22"))
        medicare = reference_data.save_payer(ws, Payer(
            "Medicare Part B", PlanType.MEDICARE, Submission.ELECTRONIC, edi_id="06102",
            address=Address("PO Box 6475", "Indianapolis", "IN", "46206"), timely_filing_days=365,
            phone="(877) 908-8431"))
        medicaid = reference_data.save_payer(ws, Payer(
            "Illinois Medicaid", PlanType.MEDICAID, Submission.PAPER,
            address=Address("PO Box 19105", "Springfield", "IL", "62794"), timely_filing_days=180))
        commercial = [reference_data.save_payer(ws, Payer(name, PlanType.GROUP_HEALTH_PLAN, Submission.ELECTRONIC,
                                                          edi_id=edi, timely_filing_days=days))
                      for name, edi, days in (("Blue Cross Blue Shield of Illinois", "00621", 180),
                                              ("Aetna", "60054", 180), ("UnitedHealthcare", "87726", 180),
                                              ("Cigna", "62308", 180))]
        self.medicare, self.medicaid, self.commercial = medicare, medicaid, commercial
        reference_data.replace_fee_schedule(ws, [FeeEntry(code, cents) for code, cents in FEE_SCHEDULE])
        self.fees = dict(FEE_SCHEDULE)
        for code, cents in MEDICARE_ALLOWED:
            reference_data.save_allowed_amount(ws, AllowedEntry(medicare.id, code, cents))

    # --- patients ----------------------------------------------------------------------------------------------------
    def _address(self) -> Address:
        city, zip_code = self.rng.choice(CITIES)
        return Address(f"{self.rng.randint(100, 2999)} {self.rng.choice(STREETS)}", city, "IL", zip_code,
                       self.rng.choice(("", "", "", "", f"Apt {self.rng.randint(1, 30)}")))

    def _phone(self) -> str:
        return f"({self.rng.choice(AREA_CODES)}) 555-01{self.rng.randint(0, 99):02d}"

    def _dob(self, age: int) -> date:
        return self.today - timedelta(days=age * 365 + self.rng.randint(0, 364))

    def _copay(self) -> int:
        return self.rng.choice((2000, 2500, 3000, 3500, 4000, 5000))

    def register(self, index: int, start: date) -> _Person:
        rng, ws = self.rng, self.ws
        self.at(start, 5 * index)
        roll = rng.random()
        age = rng.randint(2, 17) if roll < 0.15 else rng.randint(66, 92) if roll < 0.4 else rng.randint(18, 64)
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        first = rng.choice(FEMALE if sex is Sex.FEMALE else MALE)
        last = rng.choice(LAST)
        address = self._address()
        phone = self._phone()
        guarantor = None
        parent: Subscriber | None = None
        if age < 18:
            parent_sex = rng.choice((Sex.FEMALE, Sex.MALE))
            parent_first = rng.choice(FEMALE if parent_sex is Sex.FEMALE else MALE)
            parent_dob = self._dob(age + rng.randint(22, 40))
            guarantor = Guarantor(last, parent_first, GuarantorRelationship.PARENT, address, phone, parent_dob)
            parent = Subscriber(last, parent_first, parent_dob, parent_sex, address=address)
        draft = Patient(last, first, self._dob(age), sex, middle_name=rng.choice(("", "", "A", "Lee", "Marie", "J")),
                        address=address, home_phone=phone if rng.random() < 0.5 else "",
                        cell_phone=self._phone() if rng.random() < 0.8 or age < 18 else phone,
                        email=f"{first.lower()}.{len(last)}{index}@example.com" if rng.random() < 0.6 else "",
                        guarantor=guarantor, release_signed_on=start)
        if not draft.home_phone and not draft.cell_phone:
            draft = replace(draft, home_phone=phone)
        ws.actor = self.front
        ws.require(Permission.REGISTER_PATIENTS)
        with ws.write() as conn:
            patient = insert_patient(ws, conn, draft)
            wanted = self._coverages(patient, age, parent, start)
            stored = write_coverages(ws, conn, patient.id, wanted) if wanted else []
            for c in stored:
                if rng.random() < 0.5:  # a check at registration; visits check again
                    write_eligibility_check(ws, conn, EligibilityCheck(
                        c.id, start, self.front.full_name, EligibilityMethod.PORTAL, True, copay_cents=c.copay_cents,
                        deductible_remaining_cents=rng.choice((0, 25000, 50000, 150000)),
                        reference_number=f"EV{rng.randint(100000, 999999)}"))
        return _Person(patient, stored, age)

    def _mbi(self) -> str:
        """A Medicare Beneficiary Identifier's shape: 11 characters, no S, L, O, I, B or Z."""
        letters = "ACDEFGHJKMNPQRTUVWXY"
        both = letters + "0123456789"
        shape = (("123456789"), letters, both, "0123456789", letters, both, "0123456789", letters, letters,
                 "0123456789", "0123456789")
        return "".join(self.rng.choice(chars) for chars in shape)

    def _coverages(self, p: Patient, age: int, parent: Subscriber | None, start: date) -> list[Coverage]:
        rng = self.rng

        def member(prefix: str) -> str:
            return f"{prefix}{rng.randint(10**8, 10**9 - 1)}"

        since = date(start.year - rng.randint(0, 4), 1, 1)
        roll = rng.random()
        if age >= 65:
            medicare = Coverage(p.id, self.medicare.id, Party.PRIMARY, self._mbi(), effective_from=since,
                                plan_name="Medicare Part B")
            if roll < 0.45:
                gap = rng.choice(self.commercial)
                return [medicare, Coverage(p.id, gap.id, Party.SECONDARY, member("MS"), group_number="MEDSUPP",
                                           effective_from=since, plan_name="Medicare Supplement Plan G")]
            return [medicare]
        if roll < 0.12:
            return [Coverage(p.id, self.medicaid.id, Party.PRIMARY, member("IL"), effective_from=since)]
        if roll < 0.22:
            return []  # self-pay
        payer = rng.choice(self.commercial)
        relationship, subscriber = (Relationship.CHILD, parent) if parent is not None else (Relationship.SELF, None)
        primary = Coverage(p.id, payer.id, Party.PRIMARY, member("W"), group_number=f"G{rng.randint(1000, 99999)}",
                           relationship=relationship, subscriber=subscriber, effective_from=since,
                           copay_cents=self._copay(),
                           plan_name=rng.choice(("PPO", "HMO", "Choice Plus", "Open Access")))
        if roll < 0.37 and age >= 18:  # covered again by a spouse's plan
            other = rng.choice([c for c in self.commercial if c.id != payer.id])
            spouse = Subscriber(p.last_name, self.rng.choice(MALE if p.sex is Sex.FEMALE else FEMALE),
                                self._dob(age + rng.randint(-5, 5)), Sex.MALE if p.sex is Sex.FEMALE else Sex.FEMALE,
                                address=p.address)
            return [primary, Coverage(p.id, other.id, Party.SECONDARY, member("S"),
                                      group_number=f"G{rng.randint(1000, 99999)}", relationship=Relationship.SPOUSE,
                                      subscriber=spouse, effective_from=since)]
        return [primary]

    # --- visits -------------------------------------------------------------------------------------------------------
    def visits(self, people: list[_Person], count: int) -> None:
        rng = self.rng
        days = [self.today - timedelta(days=d) for d in range(1, DEMO_DAYS + 1)]
        weekdays = [d for d in days if d.weekday() < 5]
        planned: set[tuple[int, date]] = set()
        while len(planned) < count:
            planned.add((rng.randrange(len(people)), rng.choice(weekdays)))
        order = sorted(planned, key=lambda v: (v[1], v[0]))
        for minutes, (who, day) in enumerate(order):
            self.at(day, (minutes * 7) % 420)
            self.visit(people[who], day)
        # a few patients checked in today: their encounters are still open
        for person in rng.sample(people, 4):
            self.at(self.today, rng.randint(0, 120))
            self.ws.actor = self.front
            with self.ws.write() as conn:
                check_in_in(self.ws, conn, person.patient.id, self.today)

    def visit(self, person: _Person, day: date) -> None:
        rng, ws = self.rng, self.ws
        p = person.patient
        ws.actor = self.front
        ws.require(Permission.REGISTER_PATIENTS)
        ws.require(Permission.TAKE_PATIENT_PAYMENTS)
        with ws.write() as conn:
            visit = check_in_in(ws, conn, p.id, day)
            for c in person.coverages:
                if c.active_on(day) and rng.random() < 0.6:
                    how = rng.choice((EligibilityMethod.PORTAL, EligibilityMethod.PHONE))
                    write_eligibility_check(ws, conn, EligibilityCheck(
                        c.id, day, self.front.full_name, how, True, copay_cents=c.copay_cents,
                        reference_number=f"EV{rng.randint(100000, 999999)}"))
            if visit.copay_cents and rng.random() < 0.85:
                method = rng.choice(("cash", "check", "card", "card"))
                reference = {"cash": "", "check": str(rng.randint(1001, 9999)),
                             "card": f"{rng.randint(0, 9999):04d}"}[method]
                take_payment_in(ws, conn, p.id, visit.copay_cents, method, reference, visit.encounter_id)
            ws.actor = self.biller
            ws.require(Permission.ENTER_CHARGES)
            charges = write_encounter(ws, conn, self._charges(person, visit.encounter_id, day))
            finalize_in(ws, conn, charges.id)
        person.visits += 1

    def _charges(self, person: _Person, encounter_id: str, day: date) -> Encounter:
        rng = self.rng
        medicare = any(c.payer_id == self.medicare.id for c in person.coverages)
        roll = rng.random()
        lines: list[tuple[str, int, tuple[str, ...]]] = []  # (code, pointer, modifiers)
        flu_season = day.month in (9, 10, 11, 12, 1, 2, 3)
        if medicare and roll < 0.12:
            diagnoses = ["Z0000", *rng.sample(CHRONIC, rng.randint(0, 2))]
            lines.append(("G0439", 1, ()))
        elif roll < 0.3:
            diagnoses = ["Z0000", *rng.sample(CHRONIC, rng.randint(0, 1))]
            established = person.visits > 0 or rng.random() < 0.7
            band = 0 if person.age < 40 else 1 if person.age < 65 else 2
            lines.append((("99395", "99396", "99397")[band] if established else ("99385", "99386", "99387")[band],
                          1, ()))
            if person.age >= 18:
                lines += [("36415", 1, ()), ("80053", 1, ())]
        else:
            chronic = rng.random() < 0.6
            diagnoses = rng.sample(CHRONIC, rng.randint(1, 3)) if chronic else \
                [rng.choice(ACUTE), *rng.sample(CHRONIC, rng.randint(0, 2))]
            em = rng.choice(("99212", "99213", "99213", "99214", "99214", "99215")) if person.visits or \
                rng.random() < 0.7 else rng.choice(("99202", "99203", "99204"))
            lines.append((em, 1, ()))
            first = diagnoses[0]
            if first == "N390":
                lines.append(("81002", 1, ()))
            elif first == "J069":
                lines.append(("87880", 1, ()))
            elif first == "M5450" and rng.random() < 0.5:
                lines += [("96372", 1, ()), ("J1100", 1, ())]
                lines[0] = (em, 1, ("25",))
            elif first == "R059" and rng.random() < 0.4:
                lines.append(("93000", 1, ()))
            elif first in ("E119", "E785") and rng.random() < 0.6:
                lines += [("36415", 1, ()), ("85025", 1, ())]
        if flu_season and len(lines) < 4 and rng.random() < 0.3 and len(diagnoses) < 3:
            diagnoses.append("Z23")
            lines += [("90686", len(diagnoses), ()), ("G0008" if medicare else "90471", len(diagnoses), ())]
        lines = lines[:4]
        service_lines = []
        for code, pointer, modifiers in lines:
            units = 4 if code == "J1100" else 1
            pointers = tuple(range(1, min(len(diagnoses), 4) + 1)) if pointer == 1 and code[:2] in ("99", "G0") \
                else (pointer,)
            service_lines.append(ServiceLine(code, self.fees[code] * units, modifiers=modifiers, units=units,
                                             pointers=pointers))
        at_facility = rng.random() < 0.08
        return Encounter(
            person.patient.id, day, rendering_provider_id=rng.choice(self.rendering).id,
            billing_provider_id=self.billing.id, facility_id=self.facility.id if at_facility else None,
            place_of_service="22" if at_facility else "11", diagnoses=tuple(diagnoses),
            lines=tuple(service_lines), id=encounter_id)

    # --- claims sent and paid -----------------------------------------------------------------------------------------
    def claims_and_payments(self) -> None:
        """Every Monday the primary claims of the week before are sent (the last two weeks' are still drafts for
        the biller to send); each payer's check comes some weeks later (Medicare sooner, Medicaid later) and is
        posted, unless the payer has not answered yet. A separate seeded generator keeps the rest of the demo as
        it was before payments existed."""
        rng = random.Random(SEED + 5)
        ws = self.ws
        ws.actor = self.manager
        claims_service.save_clearinghouse(ws, DEMO_CLEARINGHOUSE, "T")
        ws.actor = self.biller
        with ws.read() as conn:
            rows = conn.execute(
                select(claims.c.claim_number, claims.c.payer_id, claims.c.encounter_id, encounters.c.date_of_service)
                .join(encounters, encounters.c.id == claims.c.encounter_id)
                .where(claims.c.rank == "primary").order_by(encounters.c.date_of_service, claims.c.claim_number)).all()
            secondaries = set(conn.execute(select(claims.c.encounter_id).where(claims.c.rank == "secondary"))
                              .scalars())
            paper = set(conn.execute(select(payers.c.id).where(payers.c.submission == "paper")).scalars())
        sent: dict[date, list[Any]] = {}
        for r in rows:
            monday = r.date_of_service + timedelta(days=7 - r.date_of_service.weekday())
            if monday <= self.today - timedelta(days=14):  # the last two weeks' claims wait to be sent
                sent.setdefault(monday, []).append(r)
        checks: dict[tuple[date, str], list[Any]] = {}
        with tempfile.TemporaryDirectory() as folder:
            for monday, week in sorted(sent.items()):
                self.at(monday, 60)
                electronic = [r.claim_number for r in week if r.payer_id not in paper]
                if electronic:
                    claims_service.export_837(ws, electronic, Path(folder) / f"claims-{monday.isoformat()}.837")
                printed = [r.claim_number for r in week if r.payer_id in paper]
                if printed:
                    claims_service.render_claims_pdf(ws, printed)
                for r in week:
                    lag = 18 if r.payer_id == self.medicare.id else 39 if r.payer_id == self.medicaid.id else 25
                    if rng.random() < 0.08:
                        continue  # no answer yet
                    checks.setdefault((monday + timedelta(days=lag), r.payer_id), []).append(r)
        for n, ((day, payer_id), paid) in enumerate(sorted(checks.items())):
            if day >= self.today:
                continue
            self.at(day, 90 + n % 60)
            adjudications = [self._adjudicate(rng, posting.postable_claim(ws, r.claim_number),
                                              r.encounter_id in secondaries) for r in paid]
            method = PaymentMethod.EFT if payer_id != self.medicaid.id else PaymentMethod.CHECK
            reference = f"{'EFT' if method is PaymentMethod.EFT else ''}{rng.randint(10**6, 10**7 - 1)}"
            amount = sum(a.paid for a in adjudications)
            kind = BatchKind.ERA if method is PaymentMethod.EFT else BatchKind.PAPER
            posting.post_batch(ws, RemittanceBatch(
                kind, payer_id, method if amount else PaymentMethod.NONE, reference, day, amount,
                tuple(adjudications), deposit_date=day + timedelta(days=1)))

    def _adjudicate(self, rng: random.Random, claim: posting.PostableClaim, has_secondary: bool) -> ClaimAdjudication:
        """What the payer decided: allowed amounts by payer, the patient's share, and a few denials."""
        roll = rng.random()
        if roll < 0.07:  # the whole claim denied
            group, reason, remark = rng.choice(DENIAL_REASONS)
            return ClaimAdjudication(claim.claim_id, claim.claim_number, tuple(
                LineAdjudication(line.service_line_id, line.balance_cents, 0, 0,
                                 (CasAdjustment(group, reason, line.balance_cents),), (remark,))
                for line in claim.lines), payer_claim_reference=f"{rng.randint(10**9, 10**10 - 1)}",
                next_step=NextStep.DENIALS)
        medicare = claim.payer_id == self.medicare.id
        medicaid = claim.payer_id == self.medicaid.id
        copay = self._copay_of(claim) if not (medicare or medicaid) else 0
        deductible = rng.random() < 0.15 and not medicaid
        lines = []
        for i, line in enumerate(claim.lines):
            billed = line.balance_cents
            if i > 0 and roll > 0.97:  # a bundled line denied; the rest is paid
                lines.append(LineAdjudication(line.service_line_id, billed, 0, 0,
                                              (CasAdjustment("CO", "97", billed),), ("M15",)))
                continue
            if medicare:
                per_unit = dict(MEDICARE_ALLOWED).get(line.procedure)
                allowed = min(billed, per_unit * line.units if per_unit else billed * 58 // 100)
            else:
                allowed = billed * (52 if medicaid else 68 + sum(map(ord, claim.payer_name)) % 12) // 100
            share_copay = min(copay, allowed) if i == 0 else 0
            share_deductible = min(allowed - share_copay, rng.choice((2500, 5000, 10000))) if deductible and i == 0 \
                else 0
            rest = allowed - share_copay - share_deductible
            coinsurance = rest * 20 // 100 if medicare else 0
            paid = rest - coinsurance
            lines.append(LineAdjudication(line.service_line_id, billed, paid, allowed, propose_adjustments(
                billed, allowed, paid, deductible=share_deductible, coinsurance=coinsurance, copay=share_copay),
                ("MA01",) if medicare and has_secondary else ()))
        step = NextStep.NEXT_PAYER if has_secondary else NextStep.PATIENT
        if any(line.denied for line in lines):
            step = NextStep.PATIENT if not has_secondary else step
        return ClaimAdjudication(claim.claim_id, claim.claim_number, tuple(lines),
                                 payer_claim_reference=f"{rng.randint(10**9, 10**10 - 1)}", next_step=step)

    def _copay_of(self, claim: posting.PostableClaim) -> int:
        with self.ws.read() as conn:
            found = conn.execute(select(coverages.c.copay_cents).join(claims, claims.c.coverage_id == coverages.c.id)
                                 .where(claims.c.id == claim.claim_id)).scalar()
        return int(found or 0)
