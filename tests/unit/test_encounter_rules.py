"""Charge entry: diagnoses and their pointers, service lines, NDC forms, drafts vs finalized, CMS-1500 pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from medbill_desktop.domain.codes import format_icd10, format_ndc, normalize_ndc, pointer_letters
from medbill_desktop.domain.encounters import (
    ClaimDate,
    Encounter,
    EncounterStatus,
    ServiceLine,
    add_diagnosis,
    add_line,
    claim_pages,
    line_dates,
    move_diagnosis,
    remove_diagnosis,
    remove_line,
    replace_diagnosis,
    replace_line,
    revise,
    total_cents,
    validate_encounter,
)
from medbill_desktop.domain.errors import DomainError

TODAY = date(2026, 11, 2)
DOS = date(2026, 10, 20)


class Icd10Table:
    """Real ICD-10-CM codes: E11 is a category heading, the rest are billable."""

    CODES = {
        "E11": (True, False, "Type 2 diabetes mellitus"),
        "E119": (True, True, "Type 2 diabetes mellitus without complications"),
        "I10": (True, True, "Essential (primary) hypertension"),
        "Z0000": (True, True, "Encounter for general adult medical examination without abnormal findings"),
        "J069": (True, True, "Acute upper respiratory infection, unspecified"),
    }

    def icd10(self, code: str) -> tuple[bool, bool, str] | None:
        return self.CODES.get(code)

    def valid_pos(self, code: str) -> bool:
        return code == "11"

    def valid_modifier(self, code: str) -> bool:
        return code == "25"

    def procedure_known(self, code: str) -> bool:
        return code == "99213"


CATALOG = Icd10Table()


def draft(*diagnoses: str, lines: tuple[ServiceLine, ...] = ()) -> Encounter:
    return Encounter(patient_id="p-1", date_of_service=DOS, place_of_service="11", diagnoses=diagnoses, lines=lines)


def visit(code: str, *pointers: int, charge: int = 10000) -> ServiceLine:
    return ServiceLine(code, charge, pointers=pointers)


# --- diagnoses -------------------------------------------------------------------------------------------

def test_diagnoses_are_stored_without_the_dot_and_shown_with_it() -> None:
    enc = add_diagnosis(add_diagnosis(draft(), " e11.9 ", CATALOG), "I10", CATALOG)
    assert enc.diagnoses == ("E119", "I10")
    assert [format_icd10(d) for d in enc.diagnoses] == ["E11.9", "I10"]
    assert format_icd10("Z0000") == "Z00.00"


def test_a_category_header_is_refused_with_its_message() -> None:
    enc = draft("I10")
    with pytest.raises(DomainError) as err:
        add_diagnosis(enc, "E11", CATALOG)
    assert err.value.field == "diagnoses[1]"
    assert err.value.message == ("E11 (Type 2 diabetes mellitus) is a category heading, not a billable code; "
                                 "choose a more specific code under E11 (search 'E11').")
    assert enc.diagnoses == ("I10",)  # nothing changed


def test_unknown_malformed_repeated_and_thirteenth_diagnoses_are_refused() -> None:
    with pytest.raises(DomainError, match="E11.99 is not in the ICD-10-CM code set"):
        add_diagnosis(draft(), "E11.99", CATALOG)
    with pytest.raises(DomainError, match="'11.9' is not an ICD-10-CM code"):
        add_diagnosis(draft(), "11.9")
    with pytest.raises(DomainError, match=r"I10 is already diagnosis A\."):
        add_diagnosis(draft("I10"), "i10")
    twelve = draft(*[f"S{n:02d}0XXA" for n in range(12)])  # well-formed codes; no catalog asked
    with pytest.raises(DomainError, match="at most 12 diagnoses") as err:
        add_diagnosis(twelve, "I10")
    assert err.value.field == "diagnoses[12]"


def test_removing_a_diagnosis_a_line_points_to_is_refused_naming_the_line() -> None:
    enc = draft("E119", "I10", "J069", lines=(visit("99213", 1, 2), visit("36415", 2)))
    with pytest.raises(DomainError) as err:
        remove_diagnosis(enc, 1)
    assert err.value.field == "diagnoses[1]"
    assert err.value.message == ("Diagnosis B (I10) is used by line 1 (99213), line 2 (36415); remove it from the "
                                 "line's pointers first.")


def test_removing_an_unused_diagnosis_moves_later_pointers_up_a_letter() -> None:
    enc = draft("E119", "J069", "I10", lines=(visit("99213", 3, 1), visit("36415", 3)))
    after = remove_diagnosis(enc, 1)
    assert after.diagnoses == ("E119", "I10")
    assert [pointer_letters(line.pointers) for line in after.lines] == ["BA", "B"]


def test_moving_a_diagnosis_keeps_every_line_on_the_same_codes() -> None:
    enc = draft("E119", "I10", "J069", lines=(visit("99213", 1, 3), visit("36415", 2)))
    after = move_diagnosis(enc, 2, 0)
    assert after.diagnoses == ("J069", "E119", "I10")
    assert [line.pointers for line in after.lines] == [(2, 1), (3,)]


@given(st.integers(min_value=1, max_value=8), st.data())
def test_reordering_never_changes_what_a_line_points_at(count: int, data: st.DataObject) -> None:
    codes = [f"S{n:02d}0XXA" for n in range(count)]
    pointers = data.draw(st.lists(st.integers(1, count), min_size=1, max_size=min(4, count), unique=True))
    enc = draft(*codes, lines=(ServiceLine("99213", 100, pointers=tuple(pointers)),))
    src, dst = data.draw(st.integers(0, count - 1)), data.draw(st.integers(0, count - 1))
    after = move_diagnosis(enc, src, dst)
    assert sorted(after.diagnoses) == sorted(codes)
    assert [after.diagnoses[p - 1] for p in after.lines[0].pointers] == [codes[p - 1] for p in pointers]


def test_replacing_a_diagnosis_keeps_its_pointers() -> None:
    enc = draft("J069", "I10", lines=(visit("99213", 1),))
    after = replace_diagnosis(enc, 0, "E11.9", CATALOG)
    assert after.diagnoses == ("E119", "I10") and after.lines[0].pointers == (1,)
    with pytest.raises(DomainError, match="already diagnosis B"):
        replace_diagnosis(enc, 0, "I10")


# --- lines ------------------------------------------------------------------------------------------------

def test_a_pointer_to_a_missing_diagnosis_is_refused_with_its_message() -> None:
    enc = draft("E119", "I10")
    with pytest.raises(DomainError) as err:
        add_line(enc, visit("99213", 1, 3), TODAY)
    assert err.value.field == "lines[0].pointers"
    assert err.value.message == ("Line 1 points to diagnosis C, but only 2 diagnoses (A-B) are entered; fix the "
                                 "line's diagnosis pointers or add the diagnosis.")
    with pytest.raises(DomainError, match="but no diagnoses are entered"):
        add_line(draft(), visit("99213", 1), TODAY)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"procedure": "9921"}, "lines[0].procedure", "Line 1: '9921' is not a CPT or HCPCS code"),
    ({"procedure": " "}, "lines[0].procedure", "Line 1: enter the CPT or HCPCS code."),
    ({"units": 0}, "lines[0].units", "Line 1: units are a whole number from 1 to 999."),
    ({"units": 1000}, "lines[0].units", "Line 1: units are a whole number from 1 to 999."),
    ({"charge_cents": 0}, "lines[0].charge_cents", "Line 1: the charge must be more than $0.00."),
    ({"modifiers": ("25", "59", "76", "LT", "RT")}, "lines[0].modifiers", "Line 1 has 5 modifiers; a line holds at "
                                                                             "most 4."),
    ({"modifiers": ("25", "25")}, "lines[0].modifiers", "Line 1 repeats modifier 25; enter each modifier once."),
    ({"modifiers": ("2",)}, "lines[0].modifiers", "Line 1: '2' is not a modifier"),
    ({"pointers": ()}, "lines[0].pointers", "Line 1 needs at least one diagnosis pointer"),
    ({"pointers": (1, 1)}, "lines[0].pointers", "Line 1 points to the same diagnosis twice."),
    ({"to_date": date(2026, 10, 19)}, "lines[0].to_date", "Line 1: the 'to' date 10/19/2026 is before the 'from' "
                                                          "date 10/20/2026."),
    ({"from_date": date(2026, 11, 3)}, "lines[0].from_date", "Line 1: The date of service 11/03/2026 is in the "
                                                             "future"),
    ({"ndc": "0003-0293-05"}, "lines[0].ndc_unit", "Line 1: choose the NDC unit (F2, GR, ME, ML, UN)."),
    ({"ndc": "0003-0293-05", "ndc_unit": "ML"}, "lines[0].ndc_quantity", "Line 1: Enter the NDC quantity"),
    ({"ndc": "0003-0293-05", "ndc_unit": "ML", "ndc_quantity": Decimal("0.0005")}, "lines[0].ndc_quantity",
     "at most 3 decimal places"),
    ({"ndc_unit": "ML"}, "lines[0].ndc", "Line 1 has an NDC unit or quantity but no NDC"),
    ({"ndc": "0003029305", "ndc_unit": "ML", "ndc_quantity": Decimal(1)}, "lines[0].ndc",
     "NDC 0003029305 has 10 digits; type it with the dashes"),
])
def test_bad_lines_are_refused(change: dict[str, object], field: str, message: str) -> None:
    enc = draft("E119", "I10")
    with pytest.raises(DomainError) as err:
        add_line(enc, replace(visit("99213", 1), **change), TODAY)  # type: ignore[arg-type]
    assert err.value.field == field
    assert message in err.value.message
    assert enc.lines == ()


def test_lines_are_normalised_and_totalled() -> None:
    enc = draft("E119", "M170")
    enc = add_line(enc, ServiceLine(" 99214", 18500, modifiers=("25", " "), pointers=(1, 2)), TODAY)
    enc = add_line(enc, ServiceLine("j3301", 2400, units=4, pointers=(2,), ndc="N40003-0293-05", ndc_unit="ml",
                                    ndc_quantity=Decimal("1.5")), TODAY)
    assert enc.lines[0].procedure == "99214" and enc.lines[0].modifiers == ("25",)
    assert (enc.lines[1].procedure, enc.lines[1].ndc, enc.lines[1].ndc_unit) == ("J3301", "00003029305", "ML")
    assert total_cents(enc.lines) == 20900
    assert line_dates(enc, enc.lines[0]) == (DOS, DOS)
    enc = replace_line(enc, 1, replace(enc.lines[1], units=2, charge_cents=1200), TODAY)
    assert total_cents(enc.lines) == 19700
    enc = remove_line(enc, 0)
    assert [line.procedure for line in enc.lines] == ["J3301"]


@pytest.mark.parametrize(("typed", "stored"), [
    ("0003-0293-05", "00003029305"),  # 4-4-2
    ("12345-678-90", "12345067890"),  # 5-3-2
    ("12345-6789-0", "12345678900"),  # 5-4-1
    ("12345-6789-01", "12345678901"),  # 5-4-2
    ("12345678901", "12345678901"),
])
def test_ndc_forms_become_eleven_digits(typed: str, stored: str) -> None:
    assert normalize_ndc(typed) == stored
    assert format_ndc(stored) == f"{stored[:5]}-{stored[5:9]}-{stored[9:]}"


def test_bad_ndc_is_refused() -> None:
    with pytest.raises(DomainError, match="use the package's dashes"):
        normalize_ndc("123-45-6")


# --- the encounter as a whole -----------------------------------------------------------------------------

def test_a_future_date_of_service_is_refused_with_its_message() -> None:
    with pytest.raises(DomainError) as err:
        validate_encounter(replace(draft(), date_of_service=date(2026, 11, 9)), TODAY)
    assert err.value.field == "date_of_service"
    assert err.value.message == ("The date of service 11/09/2026 is in the future (today is 11/02/2026); services "
                                 "are billed after they happen.")


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"place_of_service": "1"}, "place_of_service", "A place-of-service code has 2 digits"),
    ({"prior_authorization": "PA 1"}, "prior_authorization", "up to 28 letters, digits and hyphens, no spaces"),
    ({"current_illness": ClaimDate("439", date(2026, 10, 1))}, "current_illness", "Item 14: '439' is not a qualifier"),
    ({"other_date": ClaimDate("431", date(2026, 10, 1))}, "other_date", "Item 15: '431' is not a qualifier"),
    ({"other_date": ClaimDate("439", date(2026, 10, 21))}, "other_date",
     "Item 15: the accident date 10/21/2026 is after the date of service 10/20/2026."),
    ({"diagnoses": ("I10", "I10")}, "diagnoses[1]", "Diagnosis I10 is entered twice; keep one."),
    ({"diagnoses": ("1I0",)}, "diagnoses[0]", "'1I0' is not an ICD-10-CM code"),
    ({"patient_id": ""}, "patient_id", "Choose the patient."),
])
def test_bad_encounter_fields_are_refused(change: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(DomainError) as err:
        validate_encounter(replace(draft(), **change), TODAY)  # type: ignore[arg-type]
    assert err.value.field == field
    assert message in err.value.message


def test_a_draft_may_be_saved_incomplete_and_is_normalised() -> None:
    typed = Encounter(patient_id="p-1", date_of_service=None, place_of_service=" 11 ", prior_authorization="pa-7",
                      other_date=ClaimDate("439", date(2026, 10, 1)), diagnoses=("e11.9",))
    saved = revise(typed, typed, TODAY)
    assert (saved.place_of_service, saved.prior_authorization, saved.diagnoses) == ("11", "PA-7", ("E119",))


def test_a_finalized_encounter_cannot_be_edited() -> None:
    done = replace(draft("E119", lines=(visit("99213", 1),)), status=EncounterStatus.FINALIZED)
    message = "The encounter of 10/20/2026 is finalized and its charges are posted; it can't be edited."
    for attempt in (lambda: add_diagnosis(done, "I10"), lambda: remove_diagnosis(done, 0),
                    lambda: move_diagnosis(done, 0, 0), lambda: replace_diagnosis(done, 0, "I10"),
                    lambda: add_line(done, visit("99213", 1), TODAY), lambda: remove_line(done, 0),
                    lambda: replace_line(done, 0, visit("99214", 1), TODAY), lambda: revise(done, done, TODAY)):
        with pytest.raises(DomainError) as err:
            attempt()
        assert err.value.message.startswith(message)
        assert err.value.field == "status"


def test_revise_keeps_the_patient_and_leaves_finalizing_to_finalize() -> None:
    stored = draft("E119")
    with pytest.raises(DomainError, match="can't be moved to another patient"):
        revise(stored, replace(stored, patient_id="p-2"), TODAY)
    with pytest.raises(DomainError, match="Finalize an encounter with Finalize"):
        revise(stored, replace(stored, status=EncounterStatus.FINALIZED), TODAY)


# --- CMS-1500 pages ---------------------------------------------------------------------------------------

def test_more_than_six_lines_continue_on_another_page_each_totalled() -> None:
    lines = tuple(visit("99213", 1 + n % 2, charge=1000 * (n + 1)) for n in range(8))
    pages = claim_pages(("E119", "I10"), lines)
    assert [len(p.lines) for p in pages] == [6, 2]
    assert [p.total_cents for p in pages] == [21000, 15000]
    assert all(p.diagnoses == ("E119", "I10") for p in pages)
    assert pages[1].lines[0].pointers == (1,)
    assert claim_pages(("I10",), ())[0].lines == ()


def test_more_than_twelve_diagnoses_split_so_each_page_points_at_its_own() -> None:
    codes = tuple(f"S{n:02d}0XXA" for n in range(16))
    lines = (ServiceLine("99213", 100, pointers=(1, 2, 3, 4)), ServiceLine("99213", 100, pointers=(5, 6, 7, 8)),
             ServiceLine("99213", 100, pointers=(9, 10, 11, 12)), ServiceLine("99213", 100, pointers=(13, 14, 1)),
             ServiceLine("99213", 100, pointers=(15, 16)))
    pages = claim_pages(codes, lines)
    assert [len(p.lines) for p in pages] == [3, 2]
    assert pages[1].diagnoses == (codes[0], codes[12], codes[13], codes[14], codes[15])
    assert [line.pointers for line in pages[1].lines] == [(2, 3, 1), (4, 5)]
    for page in pages:
        assert len(page.diagnoses) <= 12
        original = {id(line): line for line in lines}
        for new_line in page.lines:
            before = next(o for o in original.values() if o.id == new_line.id)
            assert [page.diagnoses[p - 1] for p in new_line.pointers] == [codes[p - 1] for p in before.pointers]
