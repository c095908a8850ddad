"""Reference data: providers, referring providers, facilities and payers, each refused field by field."""

from __future__ import annotations

from dataclasses import replace

import pytest

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ReferringQualifier,
    ServiceFacility,
    Submission,
    TaxIdType,
    validate_facility,
    validate_payer,
    validate_provider,
    validate_referring_provider,
)

OFFICE = Address("400 Market Street", "Harrisburg", "pa", "17101-2204")
DOCTOR = Provider(first_name=" Jane ", middle_initial="q.", last_name="Smith", credentials="MD",
                  npi="1234 567 893", taxonomy="207q00000x")
GROUP = Provider(organization_name="Riverside  Family Medicine PC", npi="1245319599", taxonomy="207Q00000X",
                 tax_id="12-3456789", address=OFFICE, phone="(717) 555-0100", renders=False, bills=True)


def refused(record: object, validate: object) -> DomainError:
    with pytest.raises(DomainError) as err:
        validate(record)  # type: ignore[operator]
    return err.value


def test_a_rendering_doctor_is_normalised() -> None:
    doc = validate_provider(DOCTOR)
    assert (doc.first_name, doc.middle_initial, doc.npi, doc.taxonomy) == ("Jane", "Q", "1234567893", "207Q00000X")
    assert doc.display_name == "Jane Q Smith, MD"
    assert not doc.is_organization and doc.tax_id == ""  # a rendering-only provider needs no tax ID


def test_a_billing_group_is_normalised() -> None:
    group = validate_provider(GROUP)
    assert (group.organization_name, group.tax_id, group.phone) == ("Riverside Family Medicine PC", "123456789",
                                                                    "7175550100")
    assert group.address == Address("400 Market Street", "Harrisburg", "PA", "171012204")
    assert group.display_name == "Riverside Family Medicine PC"


def test_an_npi_with_a_wrong_check_digit_is_refused_with_its_message() -> None:
    err = refused(replace(DOCTOR, npi="1234567890"), validate_provider)
    assert err.field == "npi"
    assert err.message == "NPI 1234567890 fails its check digit (the last digit should be 3); check for a typo."
    assert refused(replace(DOCTOR, npi="12345"), validate_provider).message.startswith("An NPI has exactly 10 digits")


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"taxonomy": "207Q0000"}, "taxonomy", "is not a provider taxonomy code"),
    ({"last_name": ""}, "last_name", "Enter the provider's last name."),
    ({"first_name": "J4ne"}, "first_name", "'J4ne' can't be a provider's first name"),
    ({"middle_initial": "QR"}, "middle_initial", "A middle initial is one letter"),
    ({"credentials": "M.D.!"}, "credentials", "doesn't look like credentials"),
    ({"organization_name": "Smith Clinic"}, "organization_name", "either a person's name or an organization name"),
    ({"renders": False}, "renders", "tick at least one"),
    ({"bills": True}, "tax_id", "A billing provider needs its tax ID (item 25)"),
    ({"bills": True, "tax_id": "123456789"}, "address.line1", "A billing provider needs its street address (item 33)"),
    ({"tax_id": "12-34567"}, "tax_id", "A tax ID (EIN) has 9 digits"),
    ({"tax_id": "000-12-3456", "tax_id_type": TaxIdType.SSN}, "tax_id", "is not a valid social security number"),
    ({"tax_id": "123-45-678", "tax_id_type": TaxIdType.SSN}, "tax_id", "A social security number has 9 digits"),
    ({"phone": "555-0100"}, "phone", "A phone number has 10 digits"),
])
def test_bad_provider_fields_are_refused(change: dict[str, object], field: str, message: str) -> None:
    err = refused(replace(DOCTOR, **change), validate_provider)  # type: ignore[arg-type]
    assert err.field == field
    assert message in err.message


def test_an_organization_cannot_render() -> None:
    err = refused(replace(GROUP, renders=True), validate_provider)
    assert (err.field, err.message) == ("renders", "An organization can't be a rendering provider; only a person "
                                                   "performs services.")


def test_a_solo_provider_may_bill_under_an_ssn() -> None:
    solo = validate_provider(replace(DOCTOR, bills=True, tax_id="123-45-6789", tax_id_type=TaxIdType.SSN,
                                     address=OFFICE))
    assert solo.tax_id == "123456789" and solo.renders and solo.bills


def test_referring_providers() -> None:
    ref = validate_referring_provider(ReferringProvider(" Okafor", "Ngozi", "1679576722", ReferringQualifier("DK")))
    assert (ref.last_name, ref.qualifier, ref.qualifier.label) == ("Okafor", ReferringQualifier.ORDERING,
                                                                   "Ordering provider")
    assert refused(replace(ref, npi="1679576723"), validate_referring_provider).field == "npi"
    with pytest.raises(ValueError):
        validate_referring_provider(replace(ref, qualifier="DX"))  # type: ignore[arg-type]


def test_facilities() -> None:
    fac = ServiceFacility(" Harrisburg  General ", Address("1 Hospital Way", "Harrisburg", "PA", "17104"))
    ok = validate_facility(fac)
    assert (ok.name, ok.npi, ok.place_of_service) == ("Harrisburg General", "", "")
    assert validate_facility(replace(fac, npi="1300000019", place_of_service="22")).place_of_service == "22"
    assert refused(replace(fac, npi="1300000018"), validate_facility).field == "npi"
    err = refused(replace(fac, place_of_service="2"), validate_facility)
    assert (err.field, err.message) == ("place_of_service", "A place-of-service code has 2 digits, such as 11 for "
                                                            "the office; not '2'.")
    assert refused(replace(fac, address=Address("1 Hospital Way", "Harrisburg", "XX", "17104")),
                   validate_facility).field == "address.state"
    assert refused(replace(fac, name=" "), validate_facility).field == "name"


PAYER = Payer(name="Medicare Part B  (Novitas)", plan_type=PlanType.MEDICARE, submission=Submission.ELECTRONIC,
              edi_id="12502 ", timely_filing_days=365)


def test_payers() -> None:
    ok = validate_payer(PAYER)
    assert (ok.name, ok.edi_id, ok.plan_type.label) == ("Medicare Part B (Novitas)", "12502", "Medicare")
    assert [p.label for p in PlanType] == ["Medicare", "Medicaid", "TRICARE", "CHAMPVA", "Group Health Plan",
                                           "FECA Blk Lung", "Other"]
    paper = validate_payer(replace(PAYER, submission=Submission.PAPER, edi_id="",
                                   address=Address("PO Box 890", "Camp Hill", "PA", "17001")))
    assert paper.edi_id == ""


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"name": ""}, "name", "Enter the payer's name"),
    ({"edi_id": ""}, "edi_id", "Electronic claims need the payer ID"),
    ({"edi_id": "1"}, "edi_id", "is not a payer ID: 2 to 15 letters or digits"),
    ({"edi_id": "1234567890123456"}, "edi_id", "is not a payer ID"),
    ({"edi_id": "12-502"}, "edi_id", "is not a payer ID"),
    ({"submission": Submission.PAPER}, "address.line1", "Paper claims need the payer's claim mailing address."),
    ({"timely_filing_days": 0}, "timely_filing_days", "Timely filing is a number of days from 1 to 1095"),
    ({"timely_filing_days": 3650}, "timely_filing_days", "Timely filing is a number of days"),
])
def test_bad_payer_fields_are_refused(change: dict[str, object], field: str, message: str) -> None:
    err = refused(replace(PAYER, **change), validate_payer)  # type: ignore[arg-type]
    assert err.field == field
    assert message in err.message
