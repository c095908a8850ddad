"""Claim statuses checked by the server's state machine (server.claim_status), with workstations syncing through
the server on loopback and a real PostgreSQL: a payment against a void, a resubmission against a denial, the same
move made on two workstations. Whatever the order, every workstation ends equal to the server; a refused status
change puts the claim back on the workstation that made it (and only there is it listed for review); money is
always posted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from front_desk_support import icd10_slice, make_desk
from posting_support import adjudication, claim_status, eob, paid_line, submitted_claim
from server_support import LiveServer
from sqlalchemy import select
from sync_support import Office, Station, assert_converged

from medbill_desktop.services import claims, codes, posting, syncing
from medbill_desktop.storage.tables import claim_state_history, claim_tracking, payment_batches


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


def _two_desks(office: Office) -> tuple[Station, Station, Any, Any]:
    """The front desk with a claim sent to Aetna; billing, enrolled and synced, with the code sets loaded."""
    front = office.workstation("front desk")
    desk = make_desk(front.ws)
    claim = submitted_claim(desk, "Garcia")
    front.sync()
    billing = office.workstation("billing")
    billing.sync()
    codes.load_icd10(billing.ws, icd10_slice())  # (code sets are loaded on each workstation)
    assert claim_status(billing.ws, claim.claim_number) == "submitted"
    return front, billing, desk, claim


def _pay(front: Station, desk: Any, claim: Any) -> None:
    posting.post_batch(front.ws, eob(desk.aetna, "CHK7001", adjudication(
        claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600),
        paid_line(claim, 2, allowed=1500, paid=1500))))


def _tracking(s: Station, claim_id: str) -> tuple[str, str]:
    with s.ws.read() as conn:
        row = conn.execute(select(claim_tracking.c.frequency, claim_tracking.c.original_reference)
                           .where(claim_tracking.c.claim_id == claim_id)).first()
    return (row.frequency, row.original_reference) if row else ("1", "")


def _status_changes(live_server: LiveServer, claim_id: str) -> list[str]:
    return [r[0] for r in live_server.db.rows(
        "SELECT data->>'action' FROM change_log WHERE event = 'claim.status_changed' AND entity_id = %s ORDER BY seq",
        claim_id)]


def test_a_void_made_offline_after_the_claim_was_paid_elsewhere_is_refused_and_put_back(
        office: Office, live_server: LiveServer) -> None:
    front, billing, desk, claim = _two_desks(office)
    _pay(front, desk, claim)  # the front desk posts the payer's check ...
    claims.void_claim(billing.ws, claim.claim_number, "AET-991", "Billed to the wrong payer")  # ... billing voids
    assert (claim_status(billing.ws, claim.claim_number), _tracking(billing, claim.claim_id)) == ("ready",
                                                                                                  ("8", "AET-991"))
    front.sync()
    report = billing.sync()

    [refused] = report.rejected
    assert refused["event"] == "claim.status_changed"
    with front.ws.read() as conn:
        batch = conn.execute(select(payment_batches.c.batch_number)).scalar_one()
    assert refused["message"].startswith(
        f"Claim {claim.claim_number} was already paid at the server (batch {batch}, on workstation front desk); "
        "your void was not applied.")
    # billing shows the server's claim again: paid, an original claim (not a void), and the history says why
    assert claim_status(billing.ws, claim.claim_number) == "paid"
    assert _tracking(billing, claim.claim_id) == ("1", "")
    with billing.ws.read() as conn:
        last = conn.execute(select(claim_state_history.c.from_status, claim_state_history.c.to_status,
                                   claim_state_history.c.note)
                            .where(claim_state_history.c.claim_id == claim.claim_id)
                            .order_by(claim_state_history.c.at.desc())).first()
    assert last is not None and (last.from_status, last.to_status) == ("ready", "paid")
    assert last.note.startswith("Put back to the server's status: ")
    [item] = syncing.review_items(billing.ws)
    assert item.kind == "Refused by the server" and "your void was not applied" in item.message

    front.sync()
    assert _status_changes(live_server, claim.claim_id) == ["mark_ready", "submit"]  # the void never reached the log
    assert front.review() == []  # the other workstation never sees it
    assert_converged(live_server.db, [front, billing])
    assert billing.sync().pushed == 0  # nothing is sent again


def test_a_payment_posted_offline_on_a_claim_voided_elsewhere_is_posted_and_the_void_stands(
        office: Office, live_server: LiveServer) -> None:
    front, billing, desk, claim = _two_desks(office)
    _pay(front, desk, claim)
    claims.void_claim(billing.ws, claim.claim_number, "AET-991", "Billed to the wrong payer")
    billing.sync()  # the void arrives first
    report = front.sync()  # then the payment: never refused for the claim's status

    assert report.rejected == [] and report.duplicates == []
    assert claim_status(front.ws, claim.claim_number) == "ready"  # the server's status, on the posting workstation too
    assert _tracking(front, claim.claim_id) == ("8", "AET-991")
    [item] = syncing.review_items(front.ws)
    assert item.kind == "Claim status kept at the server" and item.event == "payment.batch_posted"
    assert f"claim {claim.claim_number} was not marked paid: it was already ready at the server (void, on " \
           "workstation billing) and stays ready. The money was posted" in item.message
    # the batch is logged with the server's status, and says what it kept
    [data] = [r[0] for r in live_server.db.rows("SELECT data FROM change_log WHERE event = 'payment.batch_posted'")]
    assert data["claim_status"] == [[claim.claim_id, "submitted", "ready"]]
    assert [(k["claim_id"], k["wanted"], k["kept"]) for k in data["claim_status_kept"]] == \
        [(claim.claim_id, "paid", "ready")]

    billing.sync()
    assert billing.review() == []
    assert claim_status(billing.ws, claim.claim_number) == "ready"
    assert_converged(live_server.db, [front, billing])  # the money is on every workstation and the server
    assert live_server.db.scalar("SELECT count(*) FROM ledger_transactions") > 0


@pytest.mark.parametrize("first", ["denial", "resubmission"])
def test_a_resubmission_against_a_denial_ends_the_same_everywhere_in_either_order(
        office: Office, live_server: LiveServer, first: str) -> None:
    front, billing, _desk, claim = _two_desks(office)
    # offline: the front desk records the payer's denial; billing records a front-end rejection and resubmits
    claims.transition(front.ws, claim.claim_number, "deny", reason="CO-50: not medically necessary")
    claims.transition(billing.ws, claim.claim_number, "reject", reason="277CA: invalid member id")
    claims.transition(billing.ws, claim.claim_number, "resubmit")
    order = (front, billing) if first == "denial" else (billing, front)
    order[0].sync()
    late = order[1].sync()
    expected = "denied" if first == "denial" else "ready"
    refused = [r["message"] for r in late.rejected]
    if first == "denial":
        assert len(refused) == 2  # the rejection, then the resubmission made on top of it
        assert refused[0].startswith(f"Claim {claim.claim_number} was already denied at the server (denial, on "
                                     "workstation front desk); your rejection was not applied.")
        assert "your resubmission was not applied" in refused[1]
    else:
        assert refused == [f"Claim {claim.claim_number} was already ready at the server (resubmission, on "
                           "workstation billing); your denial was not applied. This workstation shows the claim as "
                           "ready again: do it again if it still applies."]
    order[0].sync()
    for s in (front, billing):
        assert claim_status(s.ws, claim.claim_number) == expected, s.name
    assert order[0].review() == []
    assert len(order[1].review()) == len(refused)
    assert_converged(live_server.db, [front, billing])


def test_the_same_move_made_on_two_workstations_is_applied_once_without_an_error(office: Office,
                                                                                live_server: LiveServer) -> None:
    front, billing, _desk, claim = _two_desks(office)
    claims.transition(front.ws, claim.claim_number, "accept")  # both saw the payer's acknowledgement
    claims.transition(billing.ws, claim.claim_number, "accept")
    first = front.sync()
    second = billing.sync()
    assert second.rejected == [] and second.duplicates == []
    assert second.pushed == second.applied == 1
    assert _status_changes(live_server, claim.claim_id) == ["mark_ready", "submit", "accept"]  # applied once
    accepted = live_server.db.scalar("SELECT seq FROM change_log WHERE data->>'action' = 'accept'")
    unlogged = live_server.db.rows("SELECT status, seq FROM applied_changes a WHERE NOT EXISTS "
                                   "(SELECT 1 FROM change_log l WHERE l.change_id = a.change_id)")
    assert unlogged == [("applied", accepted)]  # billing's acceptance: applied, with the first one's seq
    front.sync()
    assert first.rejected == [] and front.review() == [] and billing.review() == []
    for s in (front, billing):
        assert claim_status(s.ws, claim.claim_number) == "accepted"
        with s.ws.read() as conn:  # one acceptance in each claim's history (its own), not two
            moves = conn.execute(select(claim_state_history.c.to_status).where(
                claim_state_history.c.claim_id == claim.claim_id)).scalars().all()
        assert moves.count("accepted") == 1, s.name
    assert_converged(live_server.db, [front, billing])
