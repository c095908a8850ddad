"""`medbill demo`'s practice, made once for this module through the real services: reference data, 200
patients, 500 finalized encounters over 120 days, their ledger charges, their claims (most sent) and the payers'
checks posted for about two thirds of them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import keyring
import keyring.backend
import pytest
from sqlalchemy import func, select

from medbill_desktop.domain.coverage import coverages_on
from medbill_desktop.domain.npi import is_valid_npi
from medbill_desktop.domain.reference import PlanType
from medbill_desktop.services import audit, demo, ledger, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import encounters_store, patients_store, reference_store
from medbill_desktop.storage.tables import (
    claim_state_history,
    claims,
    coverages,
    denials,
    eligibility_checks,
    encounter_diagnoses,
    encounters,
    ledger_accounts,
    ledger_postings,
    ledger_transactions,
    patient_payments,
    payment_batches,
    service_lines,
)

NOW = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
TODAY = date(2026, 11, 2)


class _ModuleKeyring(keyring.backend.KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Workstation]:
    previous = keyring.get_keyring()
    keyring.set_keyring(_ModuleKeyring())
    try:
        ws = demo.create_demo(tmp_path_factory.mktemp("demo") / "demo.db", clock=lambda: NOW)
    finally:
        keyring.set_keyring(previous)
    yield ws
    ws.close()


def scalar(ws: Workstation, query: object) -> int:
    with ws.read() as conn:
        return int(conn.execute(query).scalar_one() or 0)  # type: ignore[call-overload]


def test_the_summary_counts_what_was_made(made: Workstation) -> None:
    s = demo.summary(made)
    assert (s["practice"], s["users"], s["password"]) == ("Maple Street Family Practice",
                                                           ["manager", "biller", "frontdesk"], "medbill-demo")
    assert (s["providers"], s["payers"], s["patients"]) == (3, 6, 200)
    assert (s["finalized_encounters"], s["encounters"]) == (500, 504)  # 4 patients checked in today
    assert s["claims"] == scalar(made, select(func.count()).select_from(claims)) > 500
    assert s["ledger_transactions"] == ledger.totals(made).transactions


def test_the_workstation_is_handed_back_signed_out_on_its_own_clock(made: Workstation) -> None:
    assert made.actor is None and made.now() == NOW
    assert users.sign_in(made, "frontdesk", demo.DEMO_PASSWORD).role.value == "front_desk"
    assert audit.verify_audit(made).ok


def test_reference_data(made: Workstation) -> None:
    with made.read() as conn:
        providers = reference_store.list_providers(conn)
        payers = reference_store.list_payers(conn)
        fees = reference_store.list_fees(conn)
        facilities = reference_store.list_facilities(conn)
    assert all(is_valid_npi(p.npi) for p in providers)
    assert sorted((p.renders, p.bills) for p in providers) == [(False, True), (True, False), (True, False)]
    assert sorted(p.plan_type for p in payers) == sorted(
        [PlanType.MEDICARE, PlanType.MEDICAID] + [PlanType.GROUP_HEALTH_PLAN] * 4)
    codes = {f.procedure for f in fees}
    assert len(fees) >= 25
    assert {"99202", "99213", "99215", "99396", "36415", "81002", "90471", "90686", "93000", "87880", "96372",
            "J1100", "G0439"} <= codes
    assert [f.place_of_service for f in facilities] == ["22"]


def test_patients_have_coverages_some_with_a_secondary_and_eligibility_checks(made: Workstation) -> None:
    secondaries = scalar(made, select(func.count()).select_from(coverages).where(coverages.c.rank == "secondary"))
    primaries = scalar(made, select(func.count()).select_from(coverages).where(coverages.c.rank == "primary"))
    assert 20 <= secondaries < primaries < 200
    assert scalar(made, select(func.count()).select_from(eligibility_checks)) > 200
    with made.read() as conn:
        hits = patients_store.search_by_name(conn, "smith", "", 50)
    assert all(p.last_name == "Smith" for p in hits)


def test_encounters_are_finalized_over_the_last_120_days(made: Workstation) -> None:
    with made.read() as conn:
        dos = encounters.c.date_of_service
        first, last = conn.execute(select(func.min(dos), func.max(dos)).where(encounters.c.status == "finalized")).one()
        diagnoses = conn.execute(select(encounter_diagnoses.c.encounter_id, func.count())
                                 .group_by(encounter_diagnoses.c.encounter_id)).all()
        lines = conn.execute(select(service_lines.c.encounter_id, func.count()).group_by(service_lines.c.encounter_id)
                             ).all()
    assert TODAY - timedelta(days=120) <= first and last < TODAY
    assert {n for _, n in diagnoses} == {1, 2, 3} and len(diagnoses) == 500
    assert {n for _, n in lines} == {1, 2, 3, 4} and len(lines) == 500


def test_charges_on_the_ledger_equal_the_finalized_lines(made: Workstation) -> None:
    lines_total = scalar(made, select(func.sum(service_lines.c.charge_cents))
                         .join(encounters, encounters.c.id == service_lines.c.encounter_id)
                         .where(encounters.c.status == "finalized"))
    receivables = scalar(made, select(func.sum(ledger_postings.c.amount_cents))
                         .join(ledger_accounts, ledger_accounts.c.id == ledger_postings.c.account_id)
                         .join(ledger_transactions, ledger_transactions.c.id == ledger_postings.c.transaction_id)
                         .where(ledger_accounts.c.kind == "receivable", ledger_transactions.c.kind == "charge"))
    assert lines_total == receivables > 0
    copays = scalar(made, select(func.sum(patient_payments.c.amount_cents)))
    credit = -scalar(made, select(func.sum(ledger_postings.c.amount_cents))
                     .join(ledger_accounts, ledger_accounts.c.id == ledger_postings.c.account_id)
                     .where(ledger_accounts.c.kind == "patient_credit"))
    assert copays == credit > 0


def test_one_draft_claim_per_coverage_in_effect_with_its_history(made: Workstation) -> None:
    with made.read() as conn:
        finalized = conn.execute(select(encounters.c.id).where(encounters.c.status == "finalized")).scalars().all()
        expected = 0
        for encounter_id in finalized[:120]:
            e = encounters_store.load_encounter(conn, encounter_id)
            assert e is not None and e.date_of_service is not None
            in_effect = coverages_on(patients_store.coverages_for(conn, e.patient_id), e.date_of_service)
            made_claims = encounters_store.claims_for_encounter(conn, encounter_id)
            assert [(c.coverage_id, c.rank) for c in made_claims] == [(c.id, c.rank.value) for c in in_effect]
            expected += len(in_effect)
        assert expected > 100
        made_rows = conn.execute(select(func.count()).select_from(claim_state_history)
                                 .where(claim_state_history.c.from_status.is_(None))).scalar_one()
        assert made_rows == conn.execute(select(func.count()).select_from(claims)).scalar_one()


def test_claims_were_sent_and_two_thirds_of_them_paid_with_some_denials(made: Workstation) -> None:
    with made.read() as conn:
        by_status = dict(conn.execute(select(claims.c.status, func.count()).where(claims.c.rank == "primary")
                                      .group_by(claims.c.status)).all())
        batches = conn.execute(select(payment_batches.c.id, payment_batches.c.amount_cents)).all()
    ready_secondaries = scalar(made, select(func.count()).select_from(claims).where(
        claims.c.rank == "secondary", claims.c.status == "ready"))
    open_denials = scalar(made, select(func.count()).select_from(denials).where(denials.c.status == "open"))
    answered = by_status.get("paid", 0) + by_status.get("partially_paid", 0) + by_status.get("denied", 0)
    assert 0.6 < answered / sum(by_status.values()) < 0.75
    assert by_status["submitted"] > 30 and by_status["draft"] > 30  # waiting for the payer; not sent yet
    assert by_status["denied"] >= 10 and open_denials >= by_status["denied"]
    assert ready_secondaries > 20
    balances = ledger.all_balances(made)
    assert all(balances[f"payment_batch:{batch_id}"] == amount for batch_id, amount in batches)
    assert min(v for k, v in balances.items() if k.startswith("receivable:")) >= 0
    assert balances["adjustment:CO-45"] > 0
