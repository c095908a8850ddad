"""Readying the next payers' claims of a posted batch together (claims.ready_if_clean_many_in): the same
claims become ready with the same history rows as one at a time; one audit row for the set, one outbox event
per claim."""

from __future__ import annotations

import json

import pytest
from front_desk_support import Desk, make_desk
from posting_support import adjudication, claim_status, eob, next_claim_number, paid_line, submitted_claim
from sqlalchemy import select

from medbill_desktop.domain.adjudication import NextStep
from medbill_desktop.services import claims, posting
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import tables


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def _rows(ws: Workstation, table: str) -> list[dict[str, object]]:
    with ws.read() as conn:
        return [dict(r._mapping) for r in conn.execute(select(tables.metadata.tables[table]))]


def test_one_batch_readies_every_secondary_claim_with_a_history_row_each(desk: Desk) -> None:
    firsts = [submitted_claim(desk, name, desk.aetna, desk.medicare) for name in ("Nowak", "Ortiz")]
    seconds = [next_claim_number(desk, c) for c in firsts]
    audit_before, outbox_before = len(_rows(desk.ws, "audit_log")), len(_rows(desk.ws, "outbox"))
    batch = eob(desk.aetna, "EFT4004", *(adjudication(
        c, paid_line(c, 1, allowed=10000, paid=8000, coinsurance=2000),
        paid_line(c, 2, allowed=1500, paid=1200, copay=300), next_step=NextStep.NEXT_PAYER) for c in firsts))

    posted = posting.post_batch(desk.ws, batch)

    assert posted.readied_claims == seconds
    assert [claim_status(desk.ws, n) for n in seconds] == ["ready", "ready"]
    for first, second in zip(firsts, seconds, strict=True):
        [entry] = [h for h in claims.claim_detail(desk.ws, second).history if h.to_status == "ready"]
        assert (entry.from_status, entry.actor) == ("draft", "admin")
        assert entry.note == (f"Claim {first.claim_number}'s adjudication by Aetna was posted "
                              f"(batch {posted.batch_number}).")
    # the batch's audit row and one for the claims readied; the batch's event and one per claim readied
    audit = _rows(desk.ws, "audit_log")[audit_before:]
    assert len(audit) == 2
    readied = json.loads(str(next(a for a in audit if a["entity"] == "claim")["detail"]))
    assert [c[0] for c in readied["claims"]] == seconds
    events = [e for e in _rows(desk.ws, "outbox")[outbox_before:] if e["event"] == "claim.status_changed"]
    assert sorted(json.loads(str(e["payload"]))["claim_number"] for e in events) == sorted(seconds)
    assert len(_rows(desk.ws, "outbox")) == outbox_before + 1 + len(seconds)


def test_a_claim_not_in_draft_or_with_errors_is_left_as_it_is(desk: Desk) -> None:
    first = submitted_claim(desk, "Nowak", desk.aetna, desk.medicare)
    with desk.ws.write() as conn:
        assert claims.ready_if_clean_many_in(desk.ws, conn, [first.claim_number], "x") == []  # submitted
        assert claims.ready_if_clean_many_in(desk.ws, conn, [], "x") == []
    assert claim_status(desk.ws, first.claim_number) == "submitted"
