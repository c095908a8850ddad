"""A claim's payment reversed on one workstation reaches the others through the practice server (a real
PostgreSQL on loopback): the reversal's ledger transactions, and the claim's status as the payment still standing
gives it (partially paid: the other check paid one line of two), on every desk and at the server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from front_desk_support import make_desk
from posting_support import adjudication, claim_status, denied_line, eob, line_balances, paid_line, submitted_claim
from server_support import LiveServer
from sync_support import Office, assert_converged

from medbill_desktop.domain.ledger import Party
from medbill_desktop.services import corrections, posting


@pytest.fixture
def office(live_server: LiveServer, tmp_path: Path, practice: Any) -> Iterator[Office]:
    made = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    yield made
    made.close()


def test_a_claim_payment_reversed_at_one_desk_leaves_the_claim_partially_paid_everywhere(
        office: Office, live_server: LiveServer) -> None:
    front, billing = office.workstation("front desk"), office.workstation("billing")
    desk = make_desk(front.ws)
    claim = submitted_claim(desk, "Nakamura", first="Yui")
    first = posting.post_batch(front.ws, eob(desk.aetna, "CHK7001", adjudication(
        claim, paid_line(claim, 1, paid=12500), denied_line(claim, 2))))
    posting.post_batch(front.ws, eob(desk.aetna, "CHK7002", adjudication(claim, paid_line(claim, 2, paid=1500)),
                                     check_date=date(2026, 11, 6)))
    front.sync()
    billing.sync()
    assert claim_status(billing.ws, claim.claim_number) == "paid"

    [one] = posting.batch_detail(billing.ws, first.batch_id).claims
    done = corrections.reverse_claim_adjudication(billing.ws, one.adjudication.id, "Line 1 keyed twice")
    assert done.claim_status == "partially_paid"
    billing.sync()
    front.sync()
    assert billing.review() == [] and front.review() == []
    for s in (front, billing):
        assert claim_status(s.ws, claim.claim_number) == "partially_paid", s.name
        assert line_balances(s.ws, claim, Party.PRIMARY) == [12500, 0], s.name
    assert_converged(live_server.db, [front, billing])
