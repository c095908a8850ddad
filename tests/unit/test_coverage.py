"""Coverage: one policy's fields, ranks across a patient's policies over time, and eligibility checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from medbill_desktop.domain.coverage import (
    Coverage,
    EligibilityCheck,
    EligibilityMethod,
    Relationship,
    Subscriber,
    coverages_on,
    eligibility_warning,
    insured,
    latest_check,
    validate_coverage,
    validate_coverage_ranks,
    validate_eligibility_check,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.domain.practice import Address

TODAY = date(2026, 11, 2)
SOFIA = Patient("Lopez", "Sofia", date(2015, 6, 1), Sex.FEMALE, address=Address("118 Orchard Lane", "Harrisburg",
                                                                                "PA", "17102"), id="sofia")
FATHER = Subscriber("Lopez", "Carlos", date(1983, 9, 12), Sex.MALE)
PRIMARY = Coverage("sofia", "payer-keystone", Party.PRIMARY, "KHP8842-13307", group_number="GRP 1001",
                   relationship=Relationship.CHILD, subscriber=FATHER, effective_from=date(2026, 1, 1),
                   copay_cents=2500, id="cov-1")
SECONDARY = Coverage("sofia", "payer-medicaid", Party.SECONDARY, "MA100200300", effective_from=date(2026, 3, 1),
                     id="cov-2")


def refused(c: Coverage) -> DomainError:
    with pytest.raises(DomainError) as err:
        validate_coverage(c, TODAY)
    return err.value


def test_a_coverage_is_normalised() -> None:
    c = validate_coverage(replace(PRIMARY, member_id="khp 8842-13307", group_number=" grp  1001 "), TODAY)
    assert (c.member_id, c.group_number) == ("KHP8842-13307", "GRP 1001")
    assert validate_coverage(PRIMARY, TODAY) == PRIMARY
    assert c.relationship.x12_code == "19"
    assert [r.x12_code for r in Relationship] == ["18", "01", "19", "G8"]
    assert insured(c, SOFIA) == FATHER
    me = insured(SECONDARY, SOFIA)
    assert (me.last_name, me.first_name, me.date_of_birth, me.address) == ("Lopez", "Sofia", date(2015, 6, 1),
                                                                           SOFIA.address)


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"member_id": " "}, "member_id", "Enter the member ID from the insurance card (item 1a)."),
    ({"member_id": "KHP#1"}, "member_id", "'KHP#1' is not a member ID"),
    ({"group_number": "GRP/1"}, "group_number", "is not a group number"),
    ({"payer_id": ""}, "payer_id", "Choose the payer."),
    ({"rank": Party.PATIENT}, "rank", "A coverage is primary, secondary or tertiary."),
    ({"subscriber": None}, "subscriber.last_name",
     "The patient is the subscriber's child: enter the subscriber's name and date of birth."),
    ({"relationship": Relationship.SELF}, "relationship", "The patient is the subscriber (relationship self)"),
    ({"subscriber": replace(FATHER, date_of_birth=None)}, "subscriber.date_of_birth",
     "Enter the subscriber's date of birth."),
    ({"subscriber": replace(FATHER, first_name="")}, "subscriber.first_name", "Enter the subscriber's first name."),
    ({"effective_to": date(2025, 12, 31)}, "effective_to",
     "The coverage ends (12/31/2025) before it starts (01/01/2026)."),
    ({"copay_cents": -100}, "copay_cents", "The copay is $0.00 or more."),
])
def test_bad_coverage_fields_are_refused(change: dict[str, object], field: str, message: str) -> None:
    err = refused(replace(PRIMARY, **change))  # type: ignore[arg-type]
    assert err.field == field
    assert message in err.message


def test_active_on_includes_both_ends() -> None:
    c = replace(PRIMARY, effective_to=date(2026, 12, 31))
    assert c.active_on(date(2026, 1, 1)) and c.active_on(date(2026, 12, 31))
    assert not c.active_on(date(2025, 12, 31)) and not c.active_on(date(2027, 1, 1))
    assert replace(c, effective_from=None, effective_to=None).active_on(date(1999, 1, 1))


def test_coverages_in_effect_come_primary_first() -> None:
    assert [c.id for c in coverages_on([SECONDARY, PRIMARY], date(2026, 6, 1))] == ["cov-1", "cov-2"]
    assert [c.id for c in coverages_on([SECONDARY, PRIMARY], date(2026, 2, 1))] == ["cov-1"]


def test_ranks_are_unique_and_contiguous_on_every_day() -> None:
    validate_coverage_ranks([PRIMARY, SECONDARY])
    # a new primary after the old one ended is fine
    old = replace(PRIMARY, id="old", member_id="OLD1", effective_from=date(2024, 1, 1), effective_to=date(2025, 12, 31))
    validate_coverage_ranks([old, PRIMARY, SECONDARY])
    with pytest.raises(DomainError) as err:
        validate_coverage_ranks([PRIMARY, replace(PRIMARY, id="x", member_id="ZZ9", effective_from=date(2026, 5, 1))])
    assert err.value.field == "coverages[1].rank"
    assert err.value.message == ("Two primary coverages are in effect together from 05/01/2026 (member IDs "
                                 "KHP8842-13307 and ZZ9); end the older one or change one's rank.")


def test_no_secondary_without_a_primary() -> None:
    with pytest.raises(DomainError) as err:
        validate_coverage_ranks([SECONDARY])
    assert err.value.field == "coverages[0].rank"
    assert err.value.message == ("There is a secondary coverage (member ID MA100200300) but no primary coverage from "
                                 "03/01/2026; make it primary or add the primary coverage first.")
    # the primary ends while the secondary goes on
    ended = replace(PRIMARY, effective_to=date(2026, 8, 31))
    with pytest.raises(DomainError, match="but no primary coverage from 09/01/2026"):
        validate_coverage_ranks([ended, SECONDARY])
    tertiary = Coverage("sofia", "payer-x", Party.TERTIARY, "T1", id="cov-3")
    with pytest.raises(DomainError, match="There is a tertiary coverage .* but no secondary coverage;") as err:
        validate_coverage_ranks([replace(PRIMARY, effective_from=None), tertiary])
    assert err.value.field == "coverages[1].rank"


# --- eligibility -----------------------------------------------------------------------------------------

CHECK = EligibilityCheck("cov-1", date(2026, 10, 20), " frontdesk1 ", EligibilityMethod.PORTAL, True,
                         copay_cents=2500, deductible_remaining_cents=35000, out_of_pocket_remaining_cents=120000,
                         reference_number=" REF-88213 ", note="Verified on payer portal. ")


def test_an_eligibility_check_is_recorded() -> None:
    ok = validate_eligibility_check(CHECK, TODAY)
    assert (ok.checked_by, ok.reference_number, ok.note) == ("frontdesk1", "REF-88213", "Verified on payer portal.")


@pytest.mark.parametrize(("change", "field", "message"), [
    ({"checked_on": date(2026, 11, 3)}, "checked_on", "can't be dated in the future"),
    ({"checked_by": " "}, "checked_by", "Record who checked eligibility."),
    ({"deductible_remaining_cents": -1}, "deductible_remaining_cents", "The deductible remaining is $0.00 or more"),
    ({"reference_number": "R" * 51}, "reference_number", "longer than 50 characters"),
    ({"coverage_id": ""}, "coverage_id", "Choose the coverage"),
])
def test_bad_eligibility_checks_are_refused(change: dict[str, object], field: str, message: str) -> None:
    with pytest.raises(DomainError) as err:
        validate_eligibility_check(replace(CHECK, **change), TODAY)  # type: ignore[arg-type]
    assert err.value.field == field
    assert message in err.value.message


def test_check_in_warns_when_the_last_check_is_too_old_missing_or_inactive() -> None:
    assert eligibility_warning(PRIMARY, [CHECK], TODAY, max_age_days=30) is None
    assert eligibility_warning(PRIMARY, [CHECK], TODAY, max_age_days=7) == (
        "The primary coverage (member ID KHP8842-13307) was last checked 13 days ago (10/20/2026); the practice "
        "asks for a check every 7 days.")
    assert eligibility_warning(PRIMARY, [], TODAY, 30) == (
        "The primary coverage (member ID KHP8842-13307) has never been checked for eligibility; check it before "
        "the visit.")
    inactive = replace(CHECK, id="later", checked_on=date(2026, 11, 1), active=False)
    assert latest_check([CHECK, inactive], "cov-1") == inactive
    assert eligibility_warning(PRIMARY, [CHECK, inactive], TODAY, 30) == (
        "The primary coverage (member ID KHP8842-13307) was found inactive on 11/01/2026; check again or ask for "
        "other insurance.")
    other_coverage = replace(CHECK, coverage_id="cov-2")
    assert "never been checked" in (eligibility_warning(PRIMARY, [other_coverage], TODAY, 30) or "")


def test_check_in_warns_about_coverage_dates() -> None:
    ended = replace(PRIMARY, effective_to=date(2026, 10, 31))
    assert eligibility_warning(ended, [CHECK], TODAY, 30) == (
        "The primary coverage (member ID KHP8842-13307) ended on 10/31/2026; ask for the current insurance card.")
    future = replace(PRIMARY, effective_from=date(2026, 12, 1))
    assert "starts on 12/01/2026, after today" in (eligibility_warning(future, [CHECK], TODAY, 30) or "")
