"""The CMS-1500's printable values (domain.claim_form): NUCC formatting, pages and their totals, the builders,
and calibration profiles. FULL is a claim that fills every item of the form, written out as data; the
renderer's tests (test_cms1500.py) print it and measure where every field lands."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from medbill_desktop.domain.claim_form import (
    FIELD_KEYS,
    NUDGE_KEYS,
    Attachment,
    CalibrationProfile,
    ClaimExtras,
    ClaimForm,
    DateRange,
    FormLine,
    OtherId,
    PersonName,
    birth_date_text,
    capitals,
    claim_form_from_claim,
    claim_form_from_data,
    date_text,
    icd_text,
    money_text,
    name_text,
    ndc_text,
    nudge_key,
    paginate,
    person_text,
    phone_parts,
    printable,
    service_date_text,
    validate_calibration_profile,
    validate_claim_extras,
)
from medbill_desktop.domain.coverage import Coverage, Relationship, Subscriber
from medbill_desktop.domain.encounters import ClaimDate, Encounter, ServiceLine
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import (
    Payer,
    PlanType,
    Provider,
    ReferringProvider,
    ReferringQualifier,
    ServiceFacility,
)
from medbill_desktop.domain.scrubber import ClaimData, ClaimFrequency

NPI = "1234567893"


def _line(n: int, **more: Any) -> dict[str, Any]:
    """Service line n (1-6) with every field of item 24 filled, shaded line included."""
    return {
        "from_date": f"2026-11-0{n}", "to_date": f"2026-11-0{n + 1}", "procedure": ("99204", "97110", "J1885",
                                                                                     "72040", "20553", "96372")[n - 1],
        "modifiers": [["25"], ["GP", "59", "KX", "XU"], ["JW"], ["26", "LT"], ["RT"], ["59", "XS", "76"]][n - 1],
        "pointers": [[1, 2, 3, 4], [5, 6], [7], [8, 9], [10, 11, 12], [1, 5]][n - 1],
        "charge_cents": ["1234.50", "95.00", "18.25", "210.00", "300.00", "12345.67"][n - 1],
        "units": [1, 3, 4, 1, 2, 999][n - 1], "place_of_service": "11", "emergency": True, "epsdt": "NU",
        "family_plan": "N", "rendering_npi": NPI, "rendering_other_id": {"qualifier": "ZZ", "value": "207Q00000X"},
        "ndc": "00409487601", "ndc_unit": "ML", "ndc_quantity": ["2.5", "1", "10", "0.125", "250", "3"][n - 1],
        **more,
    }


FULL: dict[str, Any] = {
    "payer_name": "Aetna Better Health", "payer_attention": "Claims Dept.",
    "payer_address": {"line1": "PO Box 981106", "city": "El Paso", "state": "TX", "zip_code": "79998-1106"},
    "plan_type": "group_health_plan", "insured_id": "W123456789",
    "patient_name": {"last": "García-López", "first": "María", "middle": "Elena", "suffix": "Jr"},
    "patient_birth_date": "1984-03-07", "patient_sex": "F",
    "insured_name": {"last": "Lopez", "first": "Carlos", "middle": "A."},
    "patient_address": {"line1": "418 N. Maple St., #2", "city": "Evanston", "state": "IL",
                        "zip_code": "60201-3417"},
    "patient_phone": "(847) 555-0142", "relationship": "spouse",
    "insured_address": {"line1": "77 W. Lake Shore Dr.", "city": "Chicago", "state": "IL", "zip_code": "60611"},
    "insured_phone": "1-312-555-0199",
    "other_insured_name": {"last": "O'Neil", "first": "Sean", "middle": "P"},
    "other_insured_policy": "GRP-7781", "other_insured_plan": "Blue Cross & Blue Shield PPO",
    "employment_related": False, "auto_accident": True, "auto_accident_state": "il", "other_accident": False,
    "claim_codes": "AA", "insured_group": "55021", "insured_birth_date": "1980-11-30", "insured_sex": "M",
    "other_claim_id": "PRI556677", "insured_plan_name": "Aetna Choice POS II", "another_plan": True,
    "patient_signature": "Signature on file", "patient_signed_on": "2026-01-05",
    "insured_signature": "Signature on file",
    "current_illness": {"qualifier": "431", "on": "2026-10-28"}, "other_date": {"qualifier": "454", "on": "2026-10-30"},
    "unable_to_work": {"start": "2026-10-28", "end": "2026-11-09"},
    "referring_qualifier": "DN",
    "referring_name": {"last": "Okafor", "first": "Ngozi", "middle": "B", "credentials": "M.D."},
    "referring_other_id": {"qualifier": "0B", "value": "036112233"}, "referring_npi": NPI,
    "hospitalization": {"start": "2026-10-28", "end": "2026-10-31"},
    "additional_info": "Patient seen after MVA; X-rays on file.",
    "outside_lab": True, "outside_lab_charges_cents": "40.00",
    "diagnoses": ["S13.4XXA", "M54.2", "V43.52XA", "R51.9", "G44.309", "M79.1", "S16.1XXA", "R42", "Z04.1",
                  "M25.511", "M25.512", "S33.5XXA"],
    "resubmission_code": "7", "original_reference": "2026110045", "prior_authorization": "PA-2026-77812",
    "lines": [_line(1), _line(2, note="KX", ndc=""), _line(3), _line(4, note="GY", ndc_quantity="1"),
              _line(5), _line(6, note="ZZ1", ndc="")],
    "tax_id": "36-1234567", "tax_id_type": "EIN", "patient_account": "KQD-000123", "accept_assignment": True,
    "amount_paid_cents": "150.00", "physician_signature": "Signature on file", "physician_signed_on": "2026-11-10",
    "facility_name": "Maple Street Surgery Center",
    "facility_address": {"line1": "1200 Central Ave., Ste 4", "city": "Wilmette", "state": "IL",
                         "zip_code": "600913300"},
    "facility_npi": "1245319599", "facility_other_id": {"qualifier": "G2", "value": "FAC88123"},
    "billing_phone": "847.555.0100", "billing_name": "Maple Street Family Practice, P.C.",
    "billing_address": {"line1": "418 Maple Street", "line2": "Suite 200", "city": "Evanston", "state": "IL",
                        "zip_code": "60201-3417"},
    "billing_npi": "1679576722", "billing_other_id": {"qualifier": "ZZ", "value": "207Q00000X"},
}
# The same claim with every yes/no, sex and relationship the other way and the notes on the other lines, so
# that the two pages together print every field of the grid but the other plan types.
FLIPPED: dict[str, Any] = {
    **FULL, "plan_type": "medicare", "patient_sex": "M", "insured_sex": "F", "relationship": "self",
    "employment_related": True, "auto_accident": False, "other_accident": True, "another_plan": False,
    "outside_lab": False, "tax_id_type": "SSN", "tax_id": "078051120", "accept_assignment": False,
    "lines": [_line(1, note="KX"), _line(2), _line(3, note="GY"), _line(4), _line(5, note="ZZ1"), _line(6)],
}
OTHER_PLANS = ("medicaid", "tricare", "champva", "feca_black_lung", "other")
# relationship alternatives not in FULL/FLIPPED are printed by these small forms too
SMALL_FORMS: tuple[dict[str, Any], ...] = (
    {"plan_type": "medicaid", "relationship": "child"},
    {"plan_type": "tricare", "relationship": "other"},
    {"plan_type": "champva"}, {"plan_type": "feca_black_lung"}, {"plan_type": "other"},
)


def full_form() -> ClaimForm:
    return claim_form_from_data(FULL)


# --- NUCC formatting ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("typed", "printed"), [
    ("123 N. Main St., #101", "123 N MAIN ST 101"),
    ("O'Brien-Smith, M.D.", "OBRIEN-SMITH MD"),
    ("Smith & Jones", "SMITH AND JONES"),
    ("  São   Paulo / Ñandú ", "SAO PAULO NANDU"),
    ("Apt.#4 (rear)", "APT 4 REAR"),
    ("", ""),
])
def test_capitals_without_punctuation(typed: str, printed: str) -> None:
    assert capitals(typed) == printed


def test_names_keep_the_nucc_commas_and_nothing_else() -> None:
    assert name_text(PersonName("García-López", "María", "Elena", "Jr.")) == "GARCIA-LOPEZ JR, MARIA, E"
    assert name_text(PersonName("O'Neil", "Sean")) == "ONEIL, SEAN"
    assert person_text(PersonName("Okafor", "Ngozi", "B.", credentials="M.D.")) == "NGOZI B OKAFOR MD"


@pytest.mark.parametrize(("cents", "printed"), [
    (123450, " 1234 50"), (9500, "   95 00"), (5, "    0 05"), (0, "    0 00"), (9_999_999, "99999 99"),
])
def test_money_splits_at_the_dollars_cents_divider(cents: int, printed: str) -> None:
    text = money_text(cents)
    assert text == printed and len(text) == 8
    assert text[5] == " "  # the divider position: dollars in positions 1-5, cents in 7-8
    assert text == (f"{cents / 100:8.2f}").replace(".", " ")  # the %8.2f effect


def test_money_that_does_not_fit_or_is_negative_is_refused_not_cut() -> None:
    with pytest.raises(DomainError, match="too large for the form's amount boxes"):
        money_text(10_000_000)
    with pytest.raises(DomainError, match="negative"):
        money_text(-1)


def test_dates() -> None:
    day = date(2026, 3, 7)
    assert birth_date_text(date(1984, 3, 7)) == "03 07 1984"
    assert date_text(day, 8) == "03 07 2026" and date_text(day, 6) == "03 07 26"
    assert service_date_text(day, 8) == "03072026" and service_date_text(day, 6) == "03 07 26"
    assert date_text(None, 8) == "" and birth_date_text(None) == ""


def test_codes_phones_and_ndc() -> None:
    assert icd_text("S13.4XXA") == "S134XXA" and icd_text("r51.9") == "R519"
    assert phone_parts("(847) 555-0142") == ("847", "5550142")
    assert phone_parts("1-312-555-0199") == ("312", "5550199")
    assert phone_parts("555-0142") == ("", "5550142")
    line = FormLine(date(2026, 1, 2), "J1885", 100, ndc="00409487601", ndc_unit="ml", ndc_quantity=Decimal("2.500"))
    assert ndc_text(line) == "N400409487601   ML2.5"


def test_every_item_of_the_full_claim_prints_per_nucc() -> None:
    values = printable(paginate(full_form())[0])
    expected = {
        "carrier.name": "AETNA BETTER HEALTH", "carrier.attn": "CLAIMS DEPT", "carrier.street": "PO BOX 981106",
        "carrier.city": "EL PASO TX 799981106", "1.group": "X", "1a": "W123456789",
        "2": "GARCIA-LOPEZ JR, MARIA, E", "3.dob": "03 07 1984", "3.f": "X", "4": "LOPEZ, CARLOS, A",
        "5.street": "418 N MAPLE ST 2", "5.city": "EVANSTON", "5.state": "IL", "5.zip": "602013417",
        "5.area": "847", "5.phone": "5550142", "6.spouse": "X", "7.street": "77 W LAKE SHORE DR",
        "7.city": "CHICAGO", "7.state": "IL", "7.zip": "60611", "7.area": "312", "7.phone": "5550199",
        "9": "ONEIL, SEAN, P", "9a": "GRP-7781", "9d": "BLUE CROSS AND BLUE SHIELD PPO", "10a.no": "X",
        "10b.yes": "X", "10b.state": "IL", "10c.no": "X", "10d": "AA", "11": "55021", "11a.dob": "11 30 1980",
        "11a.m": "X", "11b": "Y4 PRI556677", "11c": "AETNA CHOICE POS II", "11d.yes": "X",
        "12": "SIGNATURE ON FILE", "12.date": "01 05 2026", "13": "SIGNATURE ON FILE",
        "14.date": "10 28 2026", "14.qual": "431", "15.qual": "454", "15.date": "10 30 2026",
        "16.from": "10 28 2026", "16.to": "11 09 2026", "17.qual": "DN", "17.name": "NGOZI B OKAFOR MD",
        "17a.qual": "0B", "17a.id": "036112233", "17b": NPI, "18.from": "10 28 2026", "18.to": "10 31 2026",
        "19": "PATIENT SEEN AFTER MVA X-RAYS ON FILE", "20.yes": "X", "20.charges": "   40 00", "21.ind": "0",
        "21.a": "S134XXA", "21.d": "R519", "21.l": "S335XXA", "22.code": "7", "22.ref": "2026110045",
        "23": "PA202677812", "25.tax_id": "361234567", "25.ein": "X", "26": "KQD000123", "27.yes": "X",
        "28": "14203 42", "29": "  150 00", "31": "SIGNATURE ON FILE", "31.date": "11 10 2026",
        "32.name": "MAPLE STREET SURGERY CENTER", "32.street": "1200 CENTRAL AVE STE 4",
        "32.city": "WILMETTE IL 600913300", "32a": "1245319599", "32b.qual": "G2", "32b.id": "FAC88123",
        "33.area": "847", "33.phone": "5550100", "33.name": "MAPLE STREET FAMILY PRACTICE PC",
        "33.street": "418 MAPLE STREET SUITE 200", "33.city": "EVANSTON IL 602013417", "33a": "1679576722",
        "33b.qual": "ZZ", "33b.id": "207Q00000X",
        "24.1.supplemental": "N400409487601   ML2.5", "24.1.epsdt": "NU", "24.1.qual": "ZZ",
        "24.1.other_id": "207Q00000X", "24.1.from": "11012026", "24.1.to": "11022026", "24.1.pos": "11",
        "24.1.emg": "Y", "24.1.cpt": "99204", "24.1.modifiers": "25", "24.1.pointer": "ABCD",
        "24.1.charges": " 1234 50", "24.1.units": "1", "24.1.family_plan": "N", "24.1.npi": NPI,
        "24.2.note": "KX", "24.2.modifiers": "GP 59 KX XU", "24.2.pointer": "EF", "24.4.supplemental":
        "N400409487601   ML1", "24.4.note": "GY", "24.6.charges": "12345 67", "24.6.units": "999",
    }
    for key, text in expected.items():
        assert values.get(key) == text, key
    assert "24.2.supplemental" not in values and "24.6.supplemental" not in values
    assert set(values) <= FIELD_KEYS
    # capitals and no punctuation: names keep their separating commas, IDs and addresses their hyphens, and an
    # NDC quantity its decimal point (NUCC: a fraction of a unit is written with the point)
    for key, text in values.items():
        assert text == text.upper(), key
        assert not set(text) & set("#/()&'$"), key
        if not key.endswith(".supplemental"):
            assert "." not in text, key
        if key not in ("2", "4", "9"):
            assert "," not in text, key


def test_the_other_checkboxes() -> None:
    values = printable(claim_form_from_data(FLIPPED))
    for key in ("1.medicare", "3.m", "6.self", "10a.yes", "10b.no", "10c.yes", "11a.f", "11d.no", "20.no",
                "25.ssn", "27.no"):
        assert values[key] == "X", key
    for key in ("1.group", "3.f", "10a.no", "10b.state", "20.yes", "20.charges", "25.ein", "27.yes"):
        assert key not in values, key
    blank = printable(ClaimForm(another_plan=None, accept_assignment=None, patient_sex=Sex.UNKNOWN))
    assert blank == {"10a.no": "X", "10b.no": "X", "10c.no": "X", "20.no": "X"}  # answered on every claim


def test_birth_dates_stay_8_digits_when_the_claim_uses_6_digit_dates() -> None:
    values = printable(paginate(replace(full_form(), date_digits=6))[0])
    assert values["3.dob"] == "03 07 1984" and values["11a.dob"] == "11 30 1980"
    assert values["24.1.from"] == "11 01 26" and values["14.date"] == "10 28 26" and values["31.date"] == "11 10 26"
    with pytest.raises(DomainError, match="6 or 8 digits"):
        ClaimForm(date_digits=7)


def test_service_dates_have_one_width_within_a_claim() -> None:
    for digits in (6, 8):
        values = printable(paginate(replace(full_form(), date_digits=digits))[0])
        widths = {len(values[k].replace(" ", "")) for k in values
                  if k.endswith((".from", ".to", ".date")) and k not in ("3.dob", "11a.dob")}
        assert widths == {digits}


def test_a_page_holds_six_lines_and_twelve_diagnoses() -> None:
    form = full_form()
    with pytest.raises(ValueError, match="paginate first"):
        printable(replace(form, lines=form.lines + form.lines[:1]))


# --- pages -------------------------------------------------------------------------------------------------------

def _long_claim(**changes: Any) -> ClaimForm:
    """14 lines, 13 diagnoses: lines 1-6 point at A-F, 7-12 at G-L, 13-14 at M (the 13th) and A."""
    diagnoses = tuple(f"M{n:02d}9" for n in range(1, 14))
    pointers = [(1 + i % 6,) for i in range(6)] + [(7 + i % 6,) for i in range(6)] + [(13,), (1,)]
    lines = tuple(FormLine(date(2026, 11, 2), "97110", 1000 * (i + 1), pointers=p) for i, p in enumerate(pointers))
    return replace(ClaimForm(diagnoses=diagnoses, lines=lines), **changes)


def test_fourteen_lines_and_thirteen_diagnoses_make_three_pages_each_totalled_on_its_own() -> None:
    form = _long_claim(amount_paid_cents=5000)
    pages = paginate(form)
    assert [len(p.lines) for p in pages] == [6, 6, 2]
    assert [(p.page, p.pages) for p in pages] == [(1, 3), (2, 3), (3, 3)]
    assert [printable(p)["28"] for p in pages] == ["  210 00", "  570 00", "  270 00"]
    assert sum(p.total_charge_cents for p in pages) == form.total_charge_cents == 105000
    assert all(len(page.diagnoses) <= 12 for page in pages)
    # pointers follow their codes: page 3 carries M139 and M019 only, lettered A and B
    assert pages[2].diagnoses == ("M019", "M139")
    assert [printable(pages[2])[f"24.{k}.pointer"] for k in (1, 2)] == ["B", "A"]
    # item 29: the claim's amount paid goes on the first page only
    assert [printable(p).get("29") for p in pages] == ["   50 00", None, None]


def test_pointers_keep_naming_the_same_diagnosis_on_every_page() -> None:
    form = _long_claim()
    pages = paginate(form)
    printed = [(page.diagnoses[p - 1]) for page in pages for line in page.lines for p in line.pointers]
    assert printed == [form.diagnoses[p - 1] for line in form.lines for p in line.pointers]


def test_amount_paid_per_line_is_totalled_per_page() -> None:
    form = _long_claim()
    form = replace(form, lines=tuple(replace(line, paid_cents=100 * (i + 1)) for i, line in enumerate(form.lines)))
    pages = paginate(form)
    assert [p.amount_paid_cents for p in pages] == [2100, 5700, 2700]
    assert [printable(p)["29"] for p in pages] == ["   21 00", "   57 00", "   27 00"]


def test_a_short_claim_is_one_page_and_diagnoses_no_line_points_to_are_kept() -> None:
    assert [p.page for p in paginate(full_form())] == [1]
    form = _long_claim(lines=())
    pages = paginate(replace(form, lines=(FormLine(date(2026, 1, 2), "99213", 100, pointers=(13,)),)))
    assert [len(p.diagnoses) for p in pages] == [12, 1]
    assert sorted(d for p in pages for d in p.diagnoses) == sorted(form.diagnoses)
    with pytest.raises(DomainError, match="points to diagnosis 14"):
        paginate(replace(form, lines=(FormLine(date(2026, 1, 2), "99213", 100, pointers=(14,)),)))


# --- builders ------------------------------------------------------------------------------------------------------

def test_the_data_builder_reads_plain_values() -> None:
    form = full_form()
    assert form.patient_birth_date == date(1984, 3, 7) and form.patient_sex is Sex.FEMALE
    assert form.plan_type is PlanType.GROUP_HEALTH_PLAN and form.relationship is Relationship.SPOUSE
    assert form.lines[0].charge_cents == 123450 and form.lines[0].ndc_quantity == Decimal("2.5")
    assert form.current_illness == ClaimDate("431", date(2026, 10, 28))
    assert form.unable_to_work == DateRange(date(2026, 10, 28), date(2026, 11, 9))
    assert form.referring_other_id == OtherId("0B", "036112233")
    with pytest.raises(DomainError, match="has no field 'patient_nmae'"):
        claim_form_from_data({"patient_nmae": {"last": "Smith"}})
    with pytest.raises(DomainError, match="not an other-ID qualifier"):
        claim_form_from_data({"billing_other_id": {"qualifier": "XX", "value": "1"}})


PATIENT = Patient(last_name="Lopez", first_name="Maria", middle_name="Elena", date_of_birth=date(1961, 4, 17),
                  sex=Sex.FEMALE, address=Address("118 Orchard Lane", "Harrisburg", "PA", "17102"),
                  home_phone="7175550142", release_signed_on=date(2026, 1, 5))
MEDICARE = Payer(name="Novitas Solutions", plan_type=PlanType.MEDICARE,
                 address=Address("PO Box 3702", "Mechanicsburg", "PA", "17055"))
SUPPLEMENT = Payer(name="Keystone Medigap", plan_type=PlanType.OTHER,
                   address=Address("PO Box 890", "Camp Hill", "PA", "17001"))
BILLING = Provider(organization_name="Riverside Family Medicine PC", npi="1245319599", taxonomy="207Q00000X",
                   tax_id="123456789", address=Address("400 Market Street", "Harrisburg", "PA", "17101"),
                   phone="7175550100", renders=False, bills=True)
RENDERING = Provider(first_name="Jane", middle_initial="Q", last_name="Smith", credentials="MD", npi=NPI,
                     taxonomy="207Q00000X")
LINES = (ServiceLine("99214", 18500, modifiers=("25",), pointers=(1, 2)),
         ServiceLine("J3301", 2400, units=4, pointers=(2,), ndc="00003029305", ndc_unit="ML",
                     ndc_quantity=Decimal("1"), to_date=date(2026, 10, 21)))
ENCOUNTER = Encounter(patient_id=PATIENT.id, date_of_service=date(2026, 10, 20), place_of_service="11",
                      prior_authorization="PA20261017", current_illness=ClaimDate("431", date(2026, 10, 1)),
                      diagnoses=("E119", "I10"), lines=LINES)
PRIMARY = Coverage(patient_id=PATIENT.id, payer_id=MEDICARE.id, rank=Party.PRIMARY, member_id="1EG4TE5MK73")
CLAIM = ClaimData(encounter=ENCOUNTER, patient=PATIENT, coverage=PRIMARY, payer=MEDICARE, billing_provider=BILLING,
                  rendering_provider=RENDERING,
                  referring_provider=ReferringProvider("Okafor", "Ngozi", "1679576722",
                                                       ReferringQualifier.ORDERING, credentials="MD"),
                  facility=ServiceFacility("Harrisburg ASC", Address("9 Front St", "Harrisburg", "PA", "17101"),
                                           npi="1245319599"))


def test_a_medicare_claim_from_the_claims_facts() -> None:
    form = claim_form_from_claim(CLAIM, claim_number="KQD000042", signed_on=date(2026, 10, 22))
    values = printable(paginate(form)[0])
    assert values["carrier.name"] == "NOVITAS SOLUTIONS" and values["carrier.city"] == "MECHANICSBURG PA 17055"
    assert values["1.medicare"] == "X" and values["1a"] == "1EG4TE5MK73"
    assert values["2"] == "LOPEZ, MARIA, E" and values["4"] == "LOPEZ, MARIA, E" and values["6.self"] == "X"
    assert values["11"] == "NONE"  # Medicare primary, nothing primary to Medicare
    assert "11d.yes" not in values and "11d.no" not in values and "9" not in values
    assert values["12"] == "SIGNATURE ON FILE" and values["12.date"] == "01 05 2026"
    assert values["13"] == "SIGNATURE ON FILE" and values["27.yes"] == "X"
    assert values["14.date"] == "10 01 2026" and values["14.qual"] == "431"
    assert (values["17.qual"], values["17.name"], values["17b"]) == ("DK", "NGOZI OKAFOR MD", "1679576722")
    assert (values["21.a"], values["21.b"], values["21.ind"]) == ("E119", "I10", "0")
    assert values["23"] == "PA20261017" and "22.code" not in values
    assert (values["24.1.from"], values["24.1.to"], values["24.2.to"]) == ("10202026", "10202026", "10212026")
    assert (values["24.1.pointer"], values["24.2.units"], values["24.2.npi"]) == ("AB", "4", NPI)
    assert values["24.2.supplemental"] == "N400003029305   ML1"
    assert values["25.tax_id"] == "123456789" and values["25.ein"] == "X" and values["26"] == "KQD000042"
    assert values["28"] == "  209 00" and "29" not in values
    assert values["31"] == "SIGNATURE ON FILE" and values["31.date"] == "10 22 2026"
    assert values["32.name"] == "HARRISBURG ASC" and values["32a"] == "1245319599"
    assert (values["33.name"], values["33a"], values["33.area"], values["33.phone"]) == (
        "RIVERSIDE FAMILY MEDICINE PC", "1245319599", "717", "5550100")
    assert "33b.qual" not in values and "24.1.qual" not in values  # taxonomy only for Medicaid


def test_a_secondary_claim_carries_the_primary_and_what_it_paid() -> None:
    spouse = Subscriber("Lopez", "Carlos", date(1959, 2, 1), Sex.MALE)
    secondary = Coverage(patient_id=PATIENT.id, payer_id=SUPPLEMENT.id, rank=Party.SECONDARY, member_id="KM77",
                         group_number="G-5", relationship=Relationship.SPOUSE, subscriber=spouse,
                         plan_name="Medigap Plan G")
    claim = replace(CLAIM, coverage=secondary, payer=SUPPLEMENT, frequency=ClaimFrequency.REPLACEMENT,
                    original_reference="99887766", prior_adjudications=(Party.PRIMARY,))
    paid = {LINES[0].id: 14800, LINES[1].id: 1920}
    form = claim_form_from_claim(claim, claim_number="KQD000043", signed_on=date(2026, 11, 20),
                                 other_coverage=PRIMARY, other_payer=MEDICARE, paid_by_line=paid,
                                 extras=ClaimExtras(auto_accident=True, auto_accident_state="PA"))
    values = printable(paginate(form)[0])
    assert values["1.other"] == "X" and values["4"] == "LOPEZ, CARLOS" and values["6.spouse"] == "X"
    assert values["11a.dob"] == "02 01 1959" and values["11a.m"] == "X" and values["11c"] == "MEDIGAP PLAN G"
    assert (values["9"], values["9a"], values["9d"], values["11d.yes"]) == (
        "LOPEZ, MARIA, E", "1EG4TE5MK73", "NOVITAS SOLUTIONS", "X")
    assert values["29"] == "  167 20"
    assert (values["22.code"], values["22.ref"]) == ("7", "99887766")
    assert values["10b.yes"] == "X" and values["10b.state"] == "PA"


def test_a_medicaid_claim_adds_the_taxonomy_and_self_pay_has_no_form() -> None:
    medicaid = replace(MEDICARE, name="PA Medical Assistance", plan_type=PlanType.MEDICAID)
    form = claim_form_from_claim(replace(CLAIM, payer=medicaid), claim_number="X1", signed_on=date(2026, 11, 1))
    values = printable(paginate(form)[0])
    assert (values["33b.qual"], values["33b.id"]) == ("ZZ", "207Q00000X")
    assert (values["24.1.qual"], values["24.1.other_id"]) == ("ZZ", "207Q00000X")
    assert "11" not in values  # "NONE" is Medicare's rule only
    with pytest.raises(DomainError, match="self-pay"):
        claim_form_from_claim(replace(CLAIM, coverage=None, payer=None), claim_number="X", signed_on=date.today())


def test_claim_extras_are_checked_and_item_19_carries_the_attachments() -> None:
    clean = validate_claim_extras(ClaimExtras(
        auto_accident=True, auto_accident_state=" pa ", claim_codes="w2", other_claim_id="sf 2026-417",
        additional_info="  Patient   was a passenger ", outside_lab=True, outside_lab_charges_cents=4250,
        attachments=(Attachment("09", "fx", "acn-77 120"), Attachment("rr", "AA", ""))))
    assert (clean.auto_accident_state, clean.claim_codes, clean.other_claim_id, clean.additional_info) == (
        "PA", "W2", "SF2026-417", "Patient was a passenger")
    assert clean.attachments == (Attachment("09", "FX", "ACN77120"), Attachment("RR", "AA", ""))
    assert clean.item19 == "PATIENT WAS A PASSENGER PWK09FXACN77120 PWKRRAA"
    # a state without an auto accident is dropped, not printed
    assert validate_claim_extras(ClaimExtras(auto_accident_state="PA")).auto_accident_state == ""
    form = claim_form_from_claim(CLAIM, claim_number="X1", signed_on=date(2026, 11, 1), extras=clean)
    values = printable(paginate(form)[0])
    assert values["19"] == "PATIENT WAS A PASSENGER PWK09FXACN77120 PWKRRAA"
    assert (values["10b.yes"], values["10b.state"], values["10d"], values["11b"]) == ("X", "PA", "W2",
                                                                                     "Y4 SF2026-417")
    assert (values["20.yes"], values["20.charges"]) == ("X", "   42 50")
    for extras, field, message in (
        (ClaimExtras(auto_accident=True, auto_accident_state="XX"), "auto_accident_state", "two-letter state"),
        (ClaimExtras(claim_codes="ABC"), "claim_codes", "one two-character claim code"),
        (ClaimExtras(other_claim_id="X" * 28), "other_claim_id", "at most 27"),
        (ClaimExtras(hospitalization=DateRange(date(2026, 3, 2), date(2026, 3, 1))), "hospitalization",
         "hospitalization dates .item 18. end before they start"),
        (ClaimExtras(additional_info="x" * 81), "additional_info", "at most 80"),
        (ClaimExtras(outside_lab=True, outside_lab_charges_cents=-1), "outside_lab_charges_cents", "zero or more"),
        (ClaimExtras(outside_lab_charges_cents=5), "outside_lab_charges_cents", "go with 'outside lab: yes'"),
        (ClaimExtras(attachments=(Attachment("09", "XX", "1"),)), "attachments[0].transmission",
         "not a way of sending it"),
        (ClaimExtras(attachments=(Attachment("09", "BM", " "),)), "attachments[0].control_number",
         "enter the control number"),
        (ClaimExtras(attachments=(Attachment("09", "AA"),) * 11), "attachments", "at most 10 attachments"),
    ):
        with pytest.raises(DomainError, match=message) as caught:
            validate_claim_extras(extras)
        assert caught.value.field == field


# --- calibration profiles -------------------------------------------------------------------------------------------

def test_nudge_keys_name_fields_and_item_24_columns() -> None:
    assert nudge_key("24.3.charges") == "24.charges" and nudge_key("21.a") == "21.a"
    assert {nudge_key(k) for k in FIELD_KEYS} == NUDGE_KEYS


def test_calibration_profiles_are_checked() -> None:
    good = validate_calibration_profile(CalibrationProfile("  Front  desk HP ", 12, -7, 0.985,
                                                           {"24.charges": (3, 0), "2": (0, -2)}))
    assert good == CalibrationProfile("Front desk HP", 12, -7, 0.985, {"24.charges": (3, 0), "2": (0, -2)})
    for profile, field, message in (
        (CalibrationProfile(""), "name", "Name the profile"),
        (CalibrationProfile("P", x_offset_hundredths_in=101), "x_offset_hundredths_in", "at most 100"),
        (CalibrationProfile("P", y_offset_hundredths_in=1.5), "y_offset_hundredths_in", "whole number"),  # type: ignore[arg-type]
        (CalibrationProfile("P", scale=1.2), "scale", "between 0.9 and 1.1"),
        (CalibrationProfile("P", nudges={"24.3.charges": (1, 0)}), "nudges.24.3.charges", "can be nudged"),
        (CalibrationProfile("P", nudges={"28": (0, 60)}), "nudges.28", "at most 50"),
    ):
        with pytest.raises(DomainError, match=message) as caught:
            validate_calibration_profile(profile)
        assert caught.value.field == field
    assert CalibrationProfile("P").is_identity and not good.is_identity
