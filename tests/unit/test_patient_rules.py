"""Patient registration: demographics, guarantor, duplicate warnings and the search box."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.names import name_key
from medbill_desktop.domain.patients import (
    Guarantor,
    GuarantorRelationship,
    Patient,
    PatientQuery,
    QueryKind,
    Sex,
    duplicate_candidates,
    duplicate_reasons,
    parse_patient_query,
    validate_patient,
)
from medbill_desktop.domain.practice import Address

TODAY = date(2026, 11, 2)
HOME = Address("118 Orchard Lane", "Harrisburg", "pa", "17102")
MARIA = Patient(last_name=" Lopez ", first_name="Maria", middle_name="Elena", date_of_birth=date(1961, 4, 17),
                sex=Sex.FEMALE, address=HOME, home_phone="(717) 555-0142", cell_phone="1-717-555-0199",
                email="maria.lopez@example.org", suffix="jr.")


def refused(p: Patient) -> DomainError:
    with pytest.raises(DomainError) as err:
        validate_patient(p, TODAY)
    return err.value


def test_a_registration_is_normalised() -> None:
    p = validate_patient(MARIA, TODAY)
    assert (p.last_name, p.suffix, p.home_phone, p.cell_phone) == ("Lopez", "JR", "7175550142", "7175550199")
    assert p.address is not None and p.address.state == "PA"
    assert p.display_name == "Lopez JR, Maria E"
    assert p.phones == ("7175550199", "7175550142") and p.primary_phone == "7175550142"
    minimal = validate_patient(Patient("Nguyen", "An", date(2020, 2, 29)), TODAY)
    assert minimal.sex is Sex.UNKNOWN and minimal.address is None and minimal.guarantor is None


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"last_name": ""}, "last_name", "Enter the patient's last name."),
    ({"first_name": "M@ria"}, "first_name", "'M@ria' can't be a patient's first name"),
    ({"date_of_birth": None}, "date_of_birth", "Enter the patient's date of birth."),
    ({"date_of_birth": date(2026, 11, 3)}, "date_of_birth",
     "The patient's date of birth 11/03/2026 is in the future; check the year."),
    ({"date_of_birth": date(1901, 11, 1)}, "date_of_birth",
     "The patient's date of birth 11/01/1901 is more than 125 years ago; check the year."),
    ({"home_phone": "555-0142"}, "home_phone", "A phone number has 10 digits with the area code; '555-0142' has 7."),
    ({"cell_phone": "717 555 01999"}, "cell_phone", "A phone number has 10 digits"),
    ({"email": "maria@"}, "email", "'maria@' is not an email address."),
    ({"suffix": "Esq"}, "suffix", "'Esq' is not a name suffix"),
    ({"address": Address("118 Orchard Lane", "Harrisburg", "PA", "1710")}, "address.zip", "A ZIP code has 5 or 9"),
    ({"release_signed_on": date(2026, 11, 5)}, "release_signed_on", "can't be signed in the future"),
])
def test_bad_demographics_are_refused(change: dict[str, object], field: str, message: str) -> None:
    err = refused(replace(MARIA, **change))  # type: ignore[arg-type]
    assert err.field == field
    assert message in err.message


def test_the_oldest_birth_date_allowed_is_125_years_ago() -> None:
    assert validate_patient(replace(MARIA, date_of_birth=date(1901, 11, 2)), TODAY).date_of_birth == date(1901, 11, 2)


def test_a_guarantor_is_another_person_with_name_address_and_relationship() -> None:
    mother = Guarantor(" Lopez", "Maria", GuarantorRelationship.PARENT, HOME, phone="717-555-0142")
    child = Patient("Lopez", "Sofia", date(2015, 6, 1), Sex.FEMALE, guarantor=mother)
    ok = validate_patient(child, TODAY)
    assert ok.guarantor is not None
    assert (ok.guarantor.last_name, ok.guarantor.phone, ok.guarantor.display_name) == ("Lopez", "7175550142",
                                                                                      "Maria Lopez")
    err = refused(replace(child, guarantor=replace(mother, address=replace(HOME, city=""))))
    assert (err.field, err.message) == ("guarantor.address.city", "Enter the city.")
    assert refused(replace(child, guarantor=replace(mother, first_name=""))).field == "guarantor.first_name"


# --- duplicates --------------------------------------------------------------------------------------------

EXISTING = [
    Patient("Lopez", "Maria", date(1961, 4, 17), home_phone="7175550142", id="a"),
    Patient("López", "Marisol", date(1961, 4, 17), id="b"),  # same last name (accent) and birth date
    Patient("Lopez", "Maria", date(1990, 1, 1), cell_phone="7175550142", id="c"),  # same name and phone
    Patient("Lopes", "Mary", date(1961, 4, 17), id="d"),  # a typo in the last name
    Patient("Garcia-Lopez", "Miguel", date(1961, 4, 17), id="e"),  # hyphenated last name
    Patient("Lopez", "Maria", date(1985, 3, 3), id="f"),  # same name only: not a candidate
    Patient("Brown", "Maria", date(1961, 4, 17), id="g"),  # same first name and birth date only
]


def test_duplicate_candidates_say_why_they_match() -> None:
    new = Patient("LOPEZ", "maria", date(1961, 4, 17), cell_phone="7175550142")
    found = {c.patient.id: c.reasons for c in duplicate_candidates(new, EXISTING)}
    assert found == {
        "a": ("same last name and date of birth", "same first and last name and phone number"),
        "b": ("same last name and date of birth",),
        "c": ("same first and last name and phone number",),
        "d": ("similar last name (LOPEZ / Lopes), same first initial and date of birth",),
        "e": ("similar last name (LOPEZ / Garcia-Lopez), same first initial and date of birth",),
    }


def test_a_record_is_not_its_own_duplicate() -> None:
    assert duplicate_candidates(EXISTING[0], EXISTING[:1]) == []
    assert duplicate_reasons(Patient("Lopez", "Maria"), Patient("Lopez", "Maria")) == ()


def test_name_keys_ignore_case_accents_and_punctuation() -> None:
    assert name_key("O'Brien") == name_key("o brien") == name_key("OBRIEN") == "obrien"
    assert name_key("García-López") == "garcialopez"


# --- the search box ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "query"), [
    ("", PatientQuery(QueryKind.EMPTY)),
    ("smi", PatientQuery(QueryKind.NAME, last="smi")),
    ("O'Bri", PatientQuery(QueryKind.NAME, last="obri")),
    ("Smith, Jo", PatientQuery(QueryKind.NAME, last="smith", first="jo")),
    ("smith,", PatientQuery(QueryKind.NAME, last="smith")),
    ("John Smith", PatientQuery(QueryKind.NAME, last="smith", first="john", either_order=True)),
    ("maria de la cruz", PatientQuery(QueryKind.NAME, last="delacruz", first="maria", either_order=True)),
    ("04/17/1961", PatientQuery(QueryKind.BIRTH_DATE, birth_date=date(1961, 4, 17))),
    ("4/7/1961", PatientQuery(QueryKind.BIRTH_DATE, birth_date=date(1961, 4, 7))),
    ("1961-04-17", PatientQuery(QueryKind.BIRTH_DATE, birth_date=date(1961, 4, 17))),
    ("04/17/19", PatientQuery(QueryKind.INCOMPLETE)),
    ("04/", PatientQuery(QueryKind.INCOMPLETE)),
    ("1961-04", PatientQuery(QueryKind.INCOMPLETE)),
    ("kqd000042", PatientQuery(QueryKind.ACCOUNT, account_number="KQD000042")),
    ("KQD42", PatientQuery(QueryKind.ACCOUNT, account_number="KQD42")),
    ("(717) 555-0142", PatientQuery(QueryKind.PHONE, phone_digits="7175550142")),
    ("1 717 555 0142", PatientQuery(QueryKind.PHONE, phone_digits="7175550142")),
    ("0142", PatientQuery(QueryKind.PHONE, phone_digits="0142")),
    ("71", PatientQuery(QueryKind.INCOMPLETE)),
])
def test_what_is_typed_becomes_a_structured_query(typed: str, query: PatientQuery) -> None:
    assert parse_patient_query(typed) == query


@pytest.mark.parametrize(("typed", "message"), [
    ("02/30/1980", "'02/30/1980' is not a date; type a date of birth as MM/DD/YYYY."),
    ("1980-13-01", "'1980-13-01' is not a date"),
    ("smith 1980", "Search by name (last, first), date of birth (MM/DD/YYYY), account number or phone."),
])
def test_nonsense_in_the_search_box_is_explained(typed: str, message: str) -> None:
    with pytest.raises(DomainError) as err:
        parse_patient_query(typed)
    assert message in err.value.message and err.value.field == "query"
