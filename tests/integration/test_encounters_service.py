"""Charge entry through the services: drafts, bad input refused with nothing saved, the scrubber on demand,
and finalizing: ledger charges equal to the lines, draft claims per coverage in rank order, and a finalized
encounter that nothing can change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from front_desk_support import Desk, count, make_desk
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from medbill_desktop.domain.encounters import ClaimDate, Encounter, EncounterStatus, ServiceLine
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.ledger import Party, gross_charges, receivable
from medbill_desktop.domain.patients import Patient
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.scrubber import Severity
from medbill_desktop.services import coverage, encounters, ledger
from medbill_desktop.services.context import Actor, Workstation
from medbill_desktop.storage.tables import (
    audit_log,
    claim_state_history,
    claims,
    encounter_diagnoses,
    outbox,
    service_lines,
)
from medbill_desktop.storage.tables import encounters as encounters_table


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def _state(ws: Workstation) -> tuple[object, ...]:
    return (count(ws, encounters_table), count(ws, encounter_diagnoses), count(ws, service_lines), count(ws, claims),
            count(ws, claim_state_history), count(ws, audit_log), count(ws, outbox), ledger.totals(ws))


@pytest.fixture
def john(desk: Desk) -> Patient:
    return desk.patient()


def test_a_draft_is_saved_and_edited_until_finalized(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    draft = desk.encounter(john, prior_authorization="pa-123", current_illness=ClaimDate("431", date(2026, 10, 20)))
    saved = encounters.save_encounter(ws, draft)
    assert encounters.get_encounter(ws, draft.id) == saved
    assert saved.prior_authorization == "PA-123" and saved.status is EncounterStatus.DRAFT
    line = ServiceLine("j1100", 900 * 4, modifiers=("jw",), units=4, pointers=(2, 1), ndc="0009-0274-01",
                       ndc_unit="ml", ndc_quantity=Decimal("1.5"))
    edited = encounters.save_encounter(ws, replace(saved, diagnoses=("I10", "e11.9", "Z00.00"),
                                                   lines=(*saved.lines, line)))
    stored = encounters.get_encounter(ws, draft.id)
    assert stored == edited
    assert stored.diagnoses == ("I10", "E119", "Z0000")
    assert stored.lines[2].procedure == "J1100" and stored.lines[2].modifiers == ("JW",)
    assert (stored.lines[2].ndc, stored.lines[2].ndc_unit, stored.lines[2].ndc_quantity) == (
        "00009027401", "ML", Decimal("1.5"))
    assert stored.lines[2].pointers == (2, 1)
    assert [(s.line_count, s.total_cents) for s in encounters.list_encounters(ws, john.id)] == [(3, 17600)]


@pytest.mark.parametrize(("change", "message", "field"), [
    (lambda e: replace(e, diagnoses=("E11",)),
     "E11 (Type 2 diabetes mellitus) is a category heading, not a billable code; choose a more specific code "
     "under E11 (search 'E11').", "diagnoses[0]"),
    (lambda e: replace(e, diagnoses=("I10", "E11")),
     "E11 (Type 2 diabetes mellitus) is a category heading, not a billable code; choose a more specific code "
     "under E11 (search 'E11').", "diagnoses[1]"),
    (lambda e: replace(e, diagnoses=("I10",), lines=(ServiceLine("99213", 12500, pointers=(1, 2)),)),
     "Line 1 points to diagnosis B, but only 1 diagnosis (A) is entered; fix the line's diagnosis pointers or add "
     "the diagnosis.", "lines[0].pointers"),
    (lambda e: replace(e, date_of_service=date(2026, 11, 3)),
     "The date of service 11/03/2026 is in the future (today is 11/02/2026); services are billed after they "
     "happen.", "date_of_service"),
    (lambda e: replace(e, diagnoses=("E1199",)),
     "E11.99 is not in the ICD-10-CM code set; search by words to find the right code.", "diagnoses[0]"),
])
def test_bad_charge_entry_is_refused_with_its_message_and_nothing_is_saved(
        desk: Desk, john: Patient, change: Callable[[Encounter], Encounter], message: str, field: str) -> None:
    ws = desk.ws
    good = encounters.save_encounter(ws, desk.encounter(john))
    before = _state(ws)
    for attempt in (change(desk.encounter(john)), change(good)):  # a new draft, and an edit of a saved one
        with pytest.raises(DomainError) as refused:
            encounters.save_encounter(ws, attempt)
        assert (refused.value.message, refused.value.field) == (message, field)
    assert _state(ws) == before
    assert encounters.get_encounter(ws, good.id) == good


def test_references_must_exist_and_fit_their_role(desk: Desk, john: Patient) -> None:
    with pytest.raises(DomainError, match="providers who render") as refused:
        encounters.save_encounter(desk.ws, desk.encounter(john, rendering_provider_id=desk.billing.id))
    assert refused.value.field == "rendering_provider_id"
    with pytest.raises(DomainError, match="providers who bill"):
        encounters.save_encounter(desk.ws, desk.encounter(john, billing_provider_id=desk.rendering.id))
    with pytest.raises(DomainError, match="Choose the patient"):
        encounters.save_encounter(desk.ws, replace(desk.encounter(john), patient_id="nobody"))


def test_front_desk_cannot_enter_charges(desk: Desk, john: Patient, sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied, match="may not enter charges"):
        encounters.save_encounter(desk.ws, desk.encounter(john))
    sign_in_as(Role.BILLER)
    assert encounters.save_encounter(desk.ws, desk.encounter(john)).status is EncounterStatus.DRAFT


def test_scrub_on_demand_names_each_field(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    draft = encounters.save_encounter(ws, desk.encounter(
        john, rendering_provider_id=None, lines=(("99213", 12500), ("99499", 5000)),
        place_of_service="", diagnoses=("I10",)))
    draft = encounters.save_encounter(ws, replace(draft, lines=(
        replace(draft.lines[0], modifiers=("ZZ",)), draft.lines[1])))
    findings = encounters.scrub_encounter(ws, draft.id)
    got = {(f.rule, f.field, f.severity) for f in findings}
    assert ("required.rendering_provider", "rendering_provider_id", Severity.ERROR) in got
    assert ("pos.valid", "place_of_service", Severity.ERROR) in got
    assert ("modifiers.valid", "lines[0].modifiers", Severity.ERROR) in got
    assert ("procedure.known", "lines[1].procedure", Severity.WARNING) in got  # not in the fee schedule
    assert not any(f.rule == "procedure.known" and f.field == "lines[0].procedure" for f in findings)
    assert encounters.get_encounter(ws, draft.id).status is EncounterStatus.DRAFT


def test_scrubber_errors_block_finalizing_and_nothing_is_written(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    desk.insure(john, desk.medicare)
    draft = encounters.save_encounter(ws, desk.encounter(john, rendering_provider_id=None, place_of_service=""))
    before = _state(ws)
    with pytest.raises(encounters.ScrubFailed) as refused:
        encounters.finalize_encounter(ws, draft.id)
    message = refused.value.message
    assert message.startswith("The encounter can't be finalized: fix 2 errors first.\n")
    assert "- Choose the rendering provider (item 24J). Fix it on the charge-entry form." in message
    assert "- The place of service is missing (item 24B), e.g. 11 for the office." in message
    assert refused.value.field == "rendering_provider_id"
    assert {f.field for f in refused.value.findings if f.severity is Severity.ERROR} == {
        "rendering_provider_id", "place_of_service"}
    assert _state(ws) == before
    assert encounters.get_encounter(ws, draft.id).status is EncounterStatus.DRAFT


def test_finalize_posts_one_charge_per_line_and_a_draft_claim_per_coverage_in_order(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    primary, secondary = desk.insure(john, desk.medicare, desk.aetna)
    draft = encounters.save_encounter(ws, desk.encounter(
        john, lines=(("99214", 18000), ("36415", 1500), ("81002", 1200))))
    result = encounters.finalize_encounter(ws, draft.id)

    assert result.encounter.status is EncounterStatus.FINALIZED
    assert result.responsible is Party.PRIMARY and result.total_cents == 20700
    accounts = [receivable(line.id, Party.PRIMARY, john.account_number) for line in draft.lines]
    balances = ledger.balances(ws, [*accounts, gross_charges()])
    assert [balances[a] for a in accounts] == [18000, 1500, 1200]
    assert balances[gross_charges()] == -20700
    posted = [ledger.transaction(ws, tx_id) for tx_id in result.charge_transaction_ids]
    assert [(t.kind.value, t.occurred_on, t.memo) for t in posted if t] == [
        ("charge", draft.date_of_service, "99214 x1"), ("charge", draft.date_of_service, "36415 x1"),
        ("charge", draft.date_of_service, "81002 x1")]

    assert [(c.rank, c.coverage_id, c.payer_name, c.status) for c in result.claims] == [
        (Party.PRIMARY, primary.id, "Medicare Part B", "draft"), (Party.SECONDARY, secondary.id, "Aetna", "draft")]
    numbers = [c.claim_number for c in result.claims]
    assert numbers[0][-6:] == "000001" and numbers[1][-6:] == "000002"
    assert encounters.encounter_claims(ws, draft.id) == list(result.claims)
    with ws.read() as conn:
        history = conn.execute(select(claim_state_history.c.claim_id, claim_state_history.c.from_status,
                                      claim_state_history.c.to_status, claim_state_history.c.actor)).all()
    assert sorted(history) == sorted((c.id, None, "draft", "admin") for c in result.claims)
    # the secondary claim has no primary adjudication yet: a warning, not an error
    assert [f.rule for f in result.warnings] == ["secondary.prior_adjudication"]


def test_a_finalized_encounter_is_never_edited(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    desk.insure(john, desk.medicare)
    draft = encounters.save_encounter(ws, desk.encounter(john))
    assert len(encounters.finalize_encounter(ws, draft.id).claims) == 1
    before = _state(ws)
    with pytest.raises(DomainError, match="is finalized and its charges are posted; it can't be edited"):
        encounters.save_encounter(ws, replace(draft, prior_authorization="X1"))
    with pytest.raises(DomainError, match="already finalized"):
        encounters.finalize_encounter(ws, draft.id)
    for statement in ("UPDATE encounters SET place_of_service = '22'", "DELETE FROM service_lines",
                      "UPDATE service_lines SET charge_cents = 1", "DELETE FROM encounter_diagnoses",
                      "DELETE FROM encounters"):
        with pytest.raises(DBAPIError, match="a finalized encounter is never"), ws.db.engine.begin() as conn:
            conn.execute(text(statement))
    with pytest.raises(DBAPIError, match="the claim history is append-only"), ws.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM claim_state_history"))
    assert _state(ws) == before


def test_without_coverage_on_the_date_of_service_the_patient_is_responsible(desk: Desk, john: Patient) -> None:
    ws = desk.ws
    primary = desk.insure(john, desk.aetna)[0]
    coverage.set_coverages(ws, john.id, [replace(primary, effective_from=desk.today - timedelta(days=5))])
    draft = encounters.save_encounter(ws, desk.encounter(john, days_ago=10, lines=(("99202", 11000),)))
    result = encounters.finalize_encounter(ws, draft.id)
    assert result.responsible is Party.PATIENT and result.claims == ()
    account = receivable(draft.lines[0].id, Party.PATIENT, john.account_number)
    assert ledger.balances(ws, [account]) == {account: 11000}
    assert count(ws, claims) == 0
