"""Patient registration, search as you type, the duplicate warning, coverages in rank order and eligibility
warnings, through the services on a real SQLCipher database."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

import pytest
from front_desk_support import Desk, count, make_desk

from medbill_desktop.domain.coverage import Coverage, EligibilityCheck, EligibilityMethod, Relationship, Subscriber
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import SEARCH_HELP, Guarantor, GuarantorRelationship, Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.settings import PracticeSettings
from medbill_desktop.services import coverage, patients, settings
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.services.errors import NotSignedIn
from medbill_desktop.services.numbers import workstation_prefix
from medbill_desktop.storage.tables import audit_log, coverages, eligibility_checks, patient_phones
from medbill_desktop.storage.tables import patients as patients_table

HOME = Address("5 Oak Ave", "Springfield", "IL", "62704")


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def names(hits: list[patients.PatientHit]) -> list[str]:
    return [h.display_name for h in hits]


@pytest.fixture
def people(desk: Desk) -> dict[str, Patient]:
    return {
        "john": desk.patient("Smith", "John", date(1960, 3, 7), home_phone="(217) 555-0199", middle_name="Allen"),
        "jane": desk.patient("Smith", "Jane", date(1962, 8, 1), home_phone="", cell_phone="312-555-0142"),
        "smythe": desk.patient("Smythe", "Karl", date(1990, 1, 2), home_phone="(217) 555-0123"),
        "garcia": desk.patient("García-López", "María", date(1985, 12, 24), home_phone="",
                               work_phone="(773) 555-0177"),
        "obrien": desk.patient("O'Brien", "Sean", date(1960, 3, 7), home_phone=""),
    }


def test_registration_allocates_the_next_account_number_with_the_workstation_prefix(
        desk: Desk, people: dict[str, Patient]) -> None:
    with desk.ws.read() as conn:
        prefix = workstation_prefix(conn)
    assert [p.account_number for p in people.values()] == [f"{prefix}{n:06d}" for n in range(1, 6)]
    stored = patients.get_patient(desk.ws, people["garcia"].id)
    assert stored == people["garcia"]
    assert stored.last_name == "García-López" and stored.work_phone == "7735550177"


def test_search_by_name_prefix(desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    assert names(patients.search_patients(ws, "smi")) == ["Smith, Jane", "Smith, John A"]
    assert names(patients.search_patients(ws, "SM")) == ["Smith, Jane", "Smith, John A", "Smythe, Karl"]
    assert names(patients.search_patients(ws, "smith, jo")) == ["Smith, John A"]
    assert names(patients.search_patients(ws, "john smith")) == ["Smith, John A"]
    assert names(patients.search_patients(ws, "smith john")) == ["Smith, John A"]
    assert names(patients.search_patients(ws, "garcia")) == ["García-López, María"]  # accents don't matter
    assert names(patients.search_patients(ws, "obri")) == ["O'Brien, Sean"]
    assert names(patients.search_patients(ws, "o'b")) == ["O'Brien, Sean"]
    assert names(patients.search_patients(ws, "sm", limit=2)) == ["Smith, Jane", "Smith, John A"]
    assert patients.search_patients(ws, "zz") == []


def test_search_by_birth_date_account_and_phone(desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    assert names(patients.search_patients(ws, "03/07/1960")) == ["O'Brien, Sean", "Smith, John A"]
    assert names(patients.search_patients(ws, "1960-03-07")) == ["O'Brien, Sean", "Smith, John A"]
    garcia = people["garcia"].account_number
    assert names(patients.search_patients(ws, garcia.lower())) == ["García-López, María"]
    assert len(patients.search_patients(ws, garcia[:-1])) == 5  # a prefix of every account number here
    hit = patients.search_patients(ws, "(773) 555-0177")[0]
    assert (hit.display_name, hit.account_number, hit.date_of_birth, hit.phone) == (
        "García-López, María", garcia, date(1985, 12, 24), "(773) 555-0177")
    assert names(patients.search_patients(ws, "312555")) == ["Smith, Jane"]  # area code first
    assert names(patients.search_patients(ws, "555-0142")) == ["Smith, Jane"]  # the local number
    assert names(patients.search_patients(ws, "0199")) == ["Smith, John A"]  # the last four digits
    assert names(patients.search_patients(ws, "1 217 555 0123")) == ["Smythe, Karl"]


def test_search_waits_for_more_and_explains_what_it_takes(desk: Desk, people: dict[str, Patient]) -> None:
    for typing in ("", "  ", "03/", "03/07/19", "21"):
        assert patients.search_patients(desk.ws, typing) == []
    with pytest.raises(DomainError) as refused:
        patients.search_patients(desk.ws, "smith 1960")
    assert refused.value.message == SEARCH_HELP


def test_an_edit_keeps_the_account_number_and_reindexes_the_phones(desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    john = people["john"]
    edited = patients.update_patient(ws, replace(john, home_phone="", cell_phone="(630) 555-0111",
                                                 account_number="HACKED1"))
    assert edited.account_number == john.account_number
    assert patients.search_patients(ws, "0199") == []
    assert names(patients.search_patients(ws, "630555")) == ["Smith, John A"]
    assert patients.get_patient(ws, john.id).cell_phone == "6305550111"


def test_bad_demographics_are_refused_and_nothing_is_saved(desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    before = count(ws, patients_table), count(ws, patient_phones), count(ws, audit_log)
    tomorrow = desk.today + timedelta(days=1)
    with pytest.raises(DomainError, match="date of birth .* is in the future") as refused:
        patients.register_patient(ws, Patient("Doe", "Jane", tomorrow))
    assert refused.value.field == "date_of_birth"
    with pytest.raises(DomainError, match="phone number has 10 digits"):
        patients.register_patient(ws, Patient("Doe", "Jane", date(1990, 1, 1), home_phone="555-0100"))
    with pytest.raises(DomainError, match="can't be a patient's last name"):
        patients.update_patient(ws, replace(people["john"], last_name="Sm1th"))
    assert (count(ws, patients_table), count(ws, patient_phones), count(ws, audit_log)) == before
    assert patients.get_patient(ws, people["john"].id).last_name == "Smith"


def test_a_guarantor_is_kept_with_the_patient(desk: Desk, people: dict[str, Patient]) -> None:
    mom = people["jane"]
    child = desk.patient("Smith", "Lily", date(2015, 6, 1), guarantor=Guarantor(
        "Smith", "Jane", GuarantorRelationship.PARENT, HOME, phone="312-555-0142", patient_id=mom.id))
    stored = patients.get_patient(desk.ws, child.id)
    assert stored.guarantor is not None
    assert (stored.guarantor.display_name, stored.guarantor.patient_id, stored.guarantor.phone) == (
        "Jane Smith", mom.id, "3125550142")
    with pytest.raises(DomainError, match="has no guarantor"):
        patients.update_patient(desk.ws, replace(stored, guarantor=replace(stored.guarantor, patient_id=child.id)))


def test_duplicate_warning_before_registering(desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    same = patients.find_duplicates(ws, Patient("SMITH", "Johnny", date(1960, 3, 7)))
    assert [(c.patient.display_name, c.reasons) for c in same] == [
        ("Smith, John A", ("same last name and date of birth",))]
    typo = patients.find_duplicates(ws, Patient("Smyth", "Karl", date(1990, 1, 2)))
    assert [(c.patient.id, c.reasons) for c in typo] == [
        (people["smythe"].id, ("similar last name (Smyth / Smythe), same first initial and date of birth",))]
    phone = patients.find_duplicates(ws, Patient("Smith", "Jane", date(1962, 8, 2), cell_phone="3125550142"))
    assert [(c.patient.id, c.reasons) for c in phone] == [
        (people["jane"].id, ("same first and last name and phone number",))]
    assert patients.find_duplicates(ws, Patient("Smith", "Jane", date(1970, 1, 1))) == []
    assert patients.find_duplicates(ws, people["john"]) == []  # the record itself is not its own duplicate


def test_front_desk_registers_but_cannot_edit_reference_data(desk: Desk, sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.FRONT_DESK)
    p = patients.register_patient(desk.ws, Patient("Lee", "Ann", date(2000, 2, 2)))
    assert patients.search_patients(desk.ws, "lee")[0].id == p.id


# --- coverages --------------------------------------------------------------------------------------------------------
def test_coverages_in_rank_order_with_a_subscriber(desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    jane = people["jane"]
    spouse = Subscriber("Smith", "John", date(1960, 3, 7), Sex.MALE)
    stored = coverage.set_coverages(ws, jane.id, [
        Coverage(jane.id, desk.medicare.id, Party.SECONDARY, "1eg4-te5-mk72", effective_from=date(2026, 1, 1)),
        Coverage(jane.id, desk.aetna.id, Party.PRIMARY, "W123456789", group_number="g-100",
                 relationship=Relationship.SPOUSE, subscriber=spouse, copay_cents=3000),
    ])
    assert [(c.rank, c.member_id, c.group_number) for c in stored] == [
        (Party.PRIMARY, "W123456789", "G-100"), (Party.SECONDARY, "1EG4-TE5-MK72", "")]
    assert stored[0].subscriber == spouse and stored[0].copay_cents == 3000
    assert coverage.list_coverages(ws, jane.id) == stored


def test_coverage_ranks_are_checked_together_and_nothing_changes_when_refused(
        desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    john = people["john"]
    primary = desk.insure(john, desk.medicare)[0]
    before = count(ws, coverages), coverage.list_coverages(ws, john.id)
    with pytest.raises(DomainError, match="Two primary coverages are in effect together") as refused:
        coverage.set_coverages(ws, john.id, [primary, Coverage(john.id, desk.aetna.id, Party.PRIMARY, "A1")])
    assert refused.value.field == "coverages[1].rank"
    with pytest.raises(DomainError, match="secondary coverage .* but no primary coverage"):
        coverage.set_coverages(ws, john.id, [Coverage(john.id, desk.aetna.id, Party.SECONDARY, "A1")])
    with pytest.raises(DomainError, match="Enter the member ID") as refused:
        coverage.set_coverages(ws, john.id, [replace(primary, member_id=" ")])
    assert refused.value.field == "coverages[0].member_id"
    with pytest.raises(DomainError, match="Choose the payer from the list") as refused:
        coverage.set_coverages(ws, john.id, [replace(primary, payer_id="nope")])
    assert (count(ws, coverages), coverage.list_coverages(ws, john.id)) == before
    # a new primary from a date on, the old one ending the day before: allowed
    ended = replace(primary, effective_to=date(2026, 6, 30))
    new = Coverage(john.id, desk.aetna.id, Party.PRIMARY, "A1", effective_from=date(2026, 7, 1))
    assert [c.member_id for c in coverage.set_coverages(ws, john.id, [ended, new])] == [primary.member_id, "A1"]


def test_a_coverage_left_out_is_removed_but_kept_on_file(desk: Desk, people: dict[str, Patient]) -> None:
    ws = desk.ws
    john = people["john"]
    primary, secondary = desk.insure(john, desk.medicare, desk.aetna)
    assert coverage.set_coverages(ws, john.id, [primary]) == [primary]
    assert count(ws, coverages) == 2  # the removed one stays for the claims and checks that name it
    with pytest.raises(DomainError, match="current coverages"):
        coverage.record_eligibility_check(ws, EligibilityCheck(secondary.id, desk.today, "", EligibilityMethod.PHONE,
                                                               True))


# --- eligibility ------------------------------------------------------------------------------------------------------
def test_eligibility_warning_follows_the_age_of_the_last_check(desk: Desk, people: dict[str, Patient], clock) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    john = people["john"]
    primary = desk.insure(john, desk.medicare)[0]
    member = primary.member_id
    assert coverage.eligibility_warnings(ws, john.id) == [
        f"The primary coverage (member ID {member}) has never been checked for eligibility; check it before the "
        "visit."]
    check = coverage.record_eligibility_check(ws, EligibilityCheck(
        primary.id, desk.today - timedelta(days=10), "", EligibilityMethod.PORTAL, True, copay_cents=2500,
        deductible_remaining_cents=50000, reference_number=" REF-1 "))
    assert (check.checked_by, check.reference_number) == ("Ada Admin", "REF-1")
    assert coverage.eligibility_warnings(ws, john.id) == []
    clock.advance(days=25)  # the check is now 35 days old; the practice asks for one every 30
    checked = (desk.today - timedelta(days=35)).strftime("%m/%d/%Y")
    assert coverage.eligibility_warnings(ws, john.id) == [
        f"The primary coverage (member ID {member}) was last checked 35 days ago ({checked}); the practice asks "
        "for a check every 30 days."]
    settings.save_settings(ws, PracticeSettings(eligibility_max_age_days=60))
    assert coverage.eligibility_warnings(ws, john.id) == []
    coverage.record_eligibility_check(ws, EligibilityCheck(primary.id, desk.today, "Frank", EligibilityMethod.PHONE,
                                                           False, note="Terminated per rep"))
    assert coverage.eligibility_warnings(ws, john.id) == [
        f"The primary coverage (member ID {member}) was found inactive on {desk.today.strftime('%m/%d/%Y')}; "
        "check again or ask for other insurance."]
    assert [c.checked_by for c in coverage.eligibility_checks(ws, john.id)] == ["Frank", "Ada Admin"]


def test_an_eligibility_check_in_the_future_is_refused(desk: Desk, people: dict[str, Patient]) -> None:
    primary = desk.insure(people["john"], desk.medicare)[0]
    with pytest.raises(DomainError, match="can't be dated in the future"):
        coverage.record_eligibility_check(desk.ws, EligibilityCheck(
            primary.id, desk.today + timedelta(days=1), "Ann", EligibilityMethod.PHONE, True))
    assert count(desk.ws, eligibility_checks) == 0


def test_reading_accounts_needs_a_signed_in_user(desk: Desk, people: dict[str, Patient]) -> None:
    desk.ws.actor = None
    with pytest.raises(NotSignedIn):
        patients.search_patients(desk.ws, "smith")
    with pytest.raises(NotSignedIn):
        coverage.list_coverages(desk.ws, people["john"].id)
