"""Shared set-up for payment-posting tests: claims that were sent to the payer, and paper EOBs written out as
readable data.

    claim = submitted_claim(desk, "Garcia")                     # Aetna primary, 99213 $125 + 36415 $15
    batch = eob(desk.aetna, "CHK1001",
                adjudication(claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600),
                             paid_line(claim, 2, allowed=1500, paid=1500)))
    posting.post_batch(desk.ws, batch)

A test module makes its own `desk` fixture from front_desk_support.make_desk.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from claims_support import CLEARINGHOUSE
from front_desk_support import Desk
from sqlalchemy import func, select

from medbill_desktop.domain.adjudication import (
    PROCESSED_AS_PRIMARY,
    REVERSAL,
    BatchKind,
    CasAdjustment,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    ProviderAdjustment,
    RemittanceBatch,
    propose_adjustments,
)
from medbill_desktop.domain.ledger import Party, receivable
from medbill_desktop.domain.reference import Payer
from medbill_desktop.services import claims, encounters, ledger, posting
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.posting import PostableClaim
from medbill_desktop.storage import tables

LINES = (("99213", 12500), ("36415", 1500))


def submitted_claim(desk: Desk, last: str = "Smith", *payers: Payer, first: str = "John",
                    lines: tuple[tuple[str, int], ...] = LINES, days_ago: int = 3) -> PostableClaim:
    """A new patient insured by `payers` (Aetna when none given; the first is primary), a finalized visit, and
    its primary claim printed (so submitted). Returns the primary claim as posting sees it."""
    p = desk.patient(last, first)
    desk.insure(p, *(payers or (desk.aetna,)))
    e = encounters.save_encounter(desk.ws, desk.encounter(p, lines=lines, days_ago=days_ago))
    result = encounters.finalize_encounter(desk.ws, e.id)
    claims.save_clearinghouse(desk.ws, CLEARINGHOUSE, "T")
    number = result.claims[0].claim_number
    claims.render_claims_pdf(desk.ws, [number])
    return posting.postable_claim(desk.ws, number)


def next_claim_number(desk: Desk, claim: PostableClaim) -> str:
    """The claim number of the encounter's secondary claim."""
    with desk.ws.read() as conn:
        encounter_id = conn.execute(select(tables.claims.c.encounter_id)
                                    .where(tables.claims.c.id == claim.claim_id)).scalar_one()
        return str(conn.execute(select(tables.claims.c.claim_number).where(
            tables.claims.c.encounter_id == encounter_id, tables.claims.c.rank == "secondary")).scalar_one())


def claim_status(ws: Workstation, claim_number: str) -> str:
    return posting.postable_claim(ws, claim_number).status.value


# --- EOB data ---------------------------------------------------------------------------------------------------
def paid_line(claim: PostableClaim, n: int, *, paid: int, allowed: int | None = None, deductible: int = 0,
              coinsurance: int = 0, copay: int = 0, remarks: tuple[str, ...] = ()) -> LineAdjudication:
    """Line n (1-based) of the claim as the EOB shows it; CO-45 and PR-1/2/3 proposed as the GUI does."""
    line = claim.lines[n - 1]
    allowed = line.charge_cents if allowed is None else allowed
    return LineAdjudication(line.service_line_id, line.charge_cents, paid, allowed,
                            propose_adjustments(line.charge_cents, allowed, paid, deductible=deductible,
                                                coinsurance=coinsurance, copay=copay), remarks)


def adjusted_line(claim: PostableClaim, n: int, *, paid: int, adjustments: Iterable[tuple[str, str, int]],
                  allowed: int | None = None, remarks: tuple[str, ...] = ()) -> LineAdjudication:
    """Line n with the adjustments given as (group, reason, cents)."""
    line = claim.lines[n - 1]
    return LineAdjudication(line.service_line_id, line.charge_cents, paid, allowed,
                            tuple(CasAdjustment(g, r, a) for g, r, a in adjustments), remarks)


def denied_line(claim: PostableClaim, n: int, group: str = "CO", reason: str = "16",
                remarks: tuple[str, ...] = ("N290",)) -> LineAdjudication:
    line = claim.lines[n - 1]
    return LineAdjudication(line.service_line_id, line.charge_cents, 0, 0,
                            (CasAdjustment(group, reason, line.charge_cents),), remarks)


def adjudication(claim: PostableClaim, *lines: LineAdjudication, next_step: NextStep = NextStep.PATIENT,
                 payer_reference: str = "", status_code: str = PROCESSED_AS_PRIMARY,
                 remarks: tuple[str, ...] = ()) -> ClaimAdjudication:
    return ClaimAdjudication(claim.claim_id, claim.claim_number, tuple(lines), status_code=status_code,
                             payer_claim_reference=payer_reference or f"PCN{claim.claim_number}",
                             remarks=remarks, next_step=next_step)


def reversal_of(original: ClaimAdjudication) -> ClaimAdjudication:
    """The payer taking back an earlier adjudication (CLP02=22): every amount negated."""
    return replace(original, status_code=REVERSAL, next_step=NextStep.KEEP, lines=tuple(
        replace(line, billed=-line.billed, paid=-line.paid, allowed=None if line.allowed is None else -line.allowed,
                adjustments=tuple(replace(a, amount=-a.amount) for a in line.adjustments))
        for line in original.lines))


def eob(payer: Payer, reference: str, *claims_: ClaimAdjudication, check_date: date = date(2026, 10, 30),
        amount: int | None = None, plb: tuple[ProviderAdjustment, ...] = (), on_account: int = 0,
        on_account_reason: str = "") -> RemittanceBatch:
    """A paper EOB (one check); `amount` defaults to what makes it balance."""
    if amount is None:
        amount = sum(c.paid for c in claims_) - sum(p.amount for p in plb) + on_account
    return RemittanceBatch(BatchKind.PAPER, payer.id, PaymentMethod.CHECK, reference, check_date, amount,
                           tuple(claims_), plb, on_account=on_account, on_account_reason=on_account_reason)


# --- looking at the ledger ---------------------------------------------------------------------------------------
def line_balances(ws: Workstation, claim: PostableClaim, party: Party) -> list[int]:
    """What `party` owes on each line of the claim's visit."""
    keys = [receivable(line.service_line_id, party, claim.account_number) for line in claim.lines]
    found = ledger.balances(ws, keys)
    return [found[k] for k in keys]


def row_counts(ws: Workstation) -> dict[str, int]:
    """Rows in every table posting writes to (to show a refusal wrote nothing)."""
    names = ("ledger_transactions", "ledger_postings", "ledger_accounts", "payment_batches", "claim_adjudications",
             "line_adjudications", "adjudication_adjustments", "provider_adjustments", "batch_transactions",
             "denials", "claim_state_history", "audit_log", "outbox", "counters")
    with ws.read() as conn:
        out = {n: int(conn.execute(select(func.count()).select_from(tables.metadata.tables[n])).scalar_one())
               for n in names}
        out["statuses"] = hash(tuple(conn.execute(select(tables.claims.c.status).order_by(tables.claims.c.id))
                                     .scalars()))
        return out
