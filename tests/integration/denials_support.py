"""Denials made the way they happen: a claim is sent, then a payer's paper EOB is posted through
services.posting that denies it (whole, or one line of it). Shared by the denials service and GUI tests.

    number = sent_claim(desk, "Smith")
    deny(desk, number, ("CO", "16"), remarks=("N290",), reference="PCN-1", check_date=...)
"""

from __future__ import annotations

from datetime import date, timedelta

from claims_support import finalized_claim
from front_desk_support import Desk

from medbill_desktop.domain.adjudication import (
    DENIED,
    BatchKind,
    CasAdjustment,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    RemittanceBatch,
    propose_adjustments,
)
from medbill_desktop.domain.reference import Payer
from medbill_desktop.services import claims, encounters, posting
from medbill_desktop.services.denials import DenialRow, list_denials

_checks = iter(range(5001, 99999))


def sent_claim(desk: Desk, last: str = "Smith", lines: tuple[tuple[str, int], ...] = (
        ("99213", 12500), ("36415", 1500)), days_ago: int = 1, payer: Payer | None = None) -> str:
    """A claim to Aetna (or `payer`), printed: submitted and waiting for the payer."""
    if payer is None:
        number = finalized_claim(desk, last, lines, days_ago)
    else:
        p = desk.patient(last)
        desk.insure(p, payer)
        e = encounters.save_encounter(desk.ws, desk.encounter(p, lines=lines, days_ago=days_ago))
        number = encounters.finalize_encounter(desk.ws, e.id).claims[0].claim_number
    claims.render_claims_pdf(desk.ws, [number])
    return number


def deny(desk: Desk, number: str, carc: tuple[str, str] = ("CO", "16"), remarks: tuple[str, ...] = ("N290",),
         reference: str = "PCN-0001", check_date: date | None = None, only_line: int | None = None,
         next_step: NextStep = NextStep.PATIENT) -> str:
    """Post a paper EOB denying the claim (every line, or only line `only_line`, the others paid at the
    contracted 80% with 20% coinsurance); returns the denial's id."""
    ws = desk.ws
    claim = posting.postable_claim(ws, number)
    group, reason = carc
    lines = []
    for i, line in enumerate(claim.lines, start=1):
        if only_line is None or i == only_line:
            lines.append(LineAdjudication(line.service_line_id, line.charge_cents, 0,
                                          adjustments=(CasAdjustment(group, reason, line.charge_cents),),
                                          remarks=remarks if only_line is not None else ()))
        else:
            allowed = line.charge_cents * 8 // 10
            paid = allowed * 8 // 10
            lines.append(LineAdjudication(line.service_line_id, line.charge_cents, paid, allowed,
                                          propose_adjustments(line.charge_cents, allowed, paid,
                                                              coinsurance=allowed - paid)))
    whole = only_line is None
    adjudication = ClaimAdjudication(
        claim.claim_id, number, tuple(lines), status_code=DENIED if whole else "1", payer_claim_reference=reference,
        remarks=remarks if whole else (), next_step=NextStep.DENIALS if whole else next_step)
    paid = sum(x.paid for x in lines)
    batch = RemittanceBatch(BatchKind.PAPER, claim.payer_id, PaymentMethod.CHECK if paid else PaymentMethod.NONE,
                            f"EOB{next(_checks)}", check_date or ws.today() - timedelta(days=3), paid,
                            claims=(adjudication,))
    posted = posting.post_batch(ws, batch)
    assert number in posted.denials, posted
    return next(r.id for r in list_denials(ws).rows if r.claim_number == number)


def pay_in_full(desk: Desk, number: str, reference: str = "PCN-0001") -> None:
    """A later check: the payer reprocessed the claim and paid every line in full."""
    ws = desk.ws
    claim = posting.postable_claim(ws, number)
    lines = tuple(LineAdjudication(x.service_line_id, x.charge_cents, x.balance_cents, x.charge_cents)
                  for x in claim.lines)
    amount = sum(x.paid for x in lines)
    posting.post_batch(ws, RemittanceBatch(
        BatchKind.PAPER, claim.payer_id, PaymentMethod.CHECK, f"EOB{next(_checks)}", ws.today(), amount,
        claims=(ClaimAdjudication(claim.claim_id, number, lines, payer_claim_reference=reference,
                                  next_step=NextStep.KEEP),)))


def open_row(desk: Desk, denial_id: str) -> DenialRow:
    return next(r for r in list_denials(desk.ws, "all").rows if r.id == denial_id)
