"""Corrections of insurance postings one claim at a time (issue 5, item 3: reverse a posted transaction with a
reason, or a whole batch; never edit).

A whole batch is reversed by services.posting.reverse_batch. Here: one claim's payment out of a posted batch
(a paper EOB or an 835 check), for example a payment keyed against the wrong claim: every ledger transaction
the batch posted for that claim (the payment, its adjustments, the transfer to the patient or to the next
payer) is reversed, newest first, with the reason; the claim is reopened (unless another batch's payment of it
still stands: then it takes the status that payment gives it, partially paid when it paid only some lines); its
open denial closed; the next payer's claim built on the payment goes back to draft while
it is not sent (else it is listed to be checked). Nothing is
edited or deleted: the reversal is recorded in the same batch as a reversal row pointing at the adjudication
(services.posting.reverse_claim_adjudication_in does that part), and the batch's money it frees stays in the
batch.

Refused, with nothing written, when money has moved on since: what was transferred to the patient or to the
next payer has been paid, adjusted or moved again (reverse that first); when the batch was reversed; when the
claim's payment was reversed already; and for the payer's own reversal of an earlier payment (CLP02=22).

Who: REVERSE_TRANSACTIONS (a biller or a manager), checked here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection

from medbill_desktop.domain.adjudication import REVERSAL, PostedAdjudication
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import AccountKind, Party, TxKind, reversal
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services import posting
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import account_ledger_store, ledger_store, remittance_store

MAX_REASON = 200


@dataclass(frozen=True, slots=True)
class ClaimPayment:
    """One claim's adjudication in a posted batch, as the corrections screen shows it before reversing."""

    claim_adjudication_id: str
    claim_id: str
    claim_number: str
    patient_name: str
    account_number: str
    batch_id: str
    batch_number: str
    payer_name: str
    reference: str  # check number or EFT trace
    check_date: date
    outcome: str  # paid | partially_paid | denied | reversal
    billed: int
    paid: int
    patient_responsibility: int
    transactions: int  # ledger transactions a reversal would undo
    problem: str  # why it cannot be reversed ('' when it can)

    @property
    def reversible(self) -> bool:
        return not self.problem


@dataclass(frozen=True, slots=True)
class ClaimPaymentReversal:
    claim_number: str
    batch_number: str
    reversal_id: str  # the reversal row (claim_adjudications) recorded in the batch
    transactions: int  # ledger transactions reversed
    claim_status: str  # the claim's status afterwards
    unreadied: tuple[str, ...] = ()  # next payers' claims moved back to draft (built on the reversed payment)
    to_check: tuple[str, ...] = ()  # "Check claim X: it was built on the reversed payment ..." messages


def _who(party: Party | None) -> str:
    if party is Party.PATIENT:
        return "the patient"
    return f"the {party.value} payer" if party is not None else "another party"


def _problem(ws: Workstation, conn: Connection, a: PostedAdjudication, claim_number: str) -> tuple[str, int]:
    """(why the claim's payment cannot be reversed or '', how many ledger transactions a reversal undoes)."""
    if a.status_code == REVERSAL or a.outcome == "reversal":
        return (f"This is {a.payer_name}'s own reversal of an earlier payment of claim {claim_number}; it cannot "
                "be reversed. Post the payment again instead."), 0
    if a.batch_status != "posted":
        return f"Batch {a.batch_number} was reversed; claim {claim_number}'s payment was reversed with it.", 0
    if a.reversed_by is not None:
        return f"Claim {claim_number}'s payment in batch {a.batch_number} was reversed already.", 0
    ids = remittance_store.claim_transaction_ids(conn, a.id)
    done = ledger_store.reversed_among(conn, ids)
    loaded = ledger_store.load_many(conn, [i for i in ids if i not in done])
    on = ws.today()
    undo = [reversal(loaded[i], on, "check") for i in reversed(ids)
            if i in loaded and loaded[i].kind is not TxKind.REVERSAL]
    balances = ledger_store.balances(conn, {p.account for tx in undo for p in tx.postings})
    problems: list[str] = []
    for tx in undo:
        for p in tx.postings:
            now = balances.get(p.account, 0)
            if p.account.kind is AccountKind.RECEIVABLE and now + p.amount < 0:
                who = _who(p.account.party)
                problems.append(f"{format_cents(-p.amount)} of it was moved to {who}, and {who} owes only "
                                f"{format_cents(now)} on that line now: it has been paid, adjusted or moved on "
                                "since. Reverse that first.")
            balances[p.account] = now + p.amount
    if problems:
        return "\n".join([f"Claim {claim_number}'s payment can't be reversed; nothing was changed.",
                          *(f"- {m}" for m in dict.fromkeys(problems))]), len(undo)
    return "", len(undo)


def _claim_payment(ws: Workstation, conn: Connection, claim_adjudication_id: str) -> ClaimPayment:
    a = remittance_store.load_adjudication(conn, claim_adjudication_id)
    if a is None:
        raise ServiceError("There is no such claim payment.", "claim_adjudication_id")
    claim = remittance_store.claims_by_id(conn, [a.claim_id])[a.claim_id]
    problem, count = _problem(ws, conn, a, claim.claim_number)
    return ClaimPayment(
        claim_adjudication_id=a.id, claim_id=a.claim_id, claim_number=claim.claim_number,
        patient_name=f"{claim.patient_last_name}, {claim.patient_first_name}", account_number=claim.account_number,
        batch_id=a.batch_id, batch_number=a.batch_number, payer_name=a.payer_name, reference=a.reference,
        check_date=a.check_date, outcome=a.outcome, billed=a.billed, paid=a.paid,
        patient_responsibility=a.patient_responsibility, transactions=count, problem=problem)


def claim_payment(ws: Workstation, claim_adjudication_id: str) -> ClaimPayment:
    """A claim's payment in a batch with whether it can be reversed now (and why not)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return _claim_payment(ws, conn, claim_adjudication_id)


def claim_payment_of_transaction(ws: Workstation, transaction_id: str) -> ClaimPayment:
    """The claim payment a ledger transaction belongs to (an insurance payment, adjustment or transfer a batch
    posted for a claim), as claim_payment. Refused for a transaction no claim's payment posted."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        found = account_ledger_store.batch_of_transaction(conn, transaction_id)
        if found is None:
            raise ServiceError("That entry was not posted from an insurance payment; it is not reversed here.",
                               "transaction_id")
        batch_number, claim_adjudication_id = found
        if claim_adjudication_id is None:
            raise DomainError(f"That entry belongs to batch {batch_number} as a whole, not to one claim; reverse the "
                              "batch from Payments › Posted batches.", "transaction_id")
        return _claim_payment(ws, conn, claim_adjudication_id)


def reverse_claim_adjudication(ws: Workstation, claim_adjudication_id: str, reason: str) -> ClaimPaymentReversal:
    """Reverse one claim's payment of a posted batch (REVERSE_TRANSACTIONS): its ledger transactions, newest
    first, with `reason`; the claim reopened; its open denial closed; a reversal row recorded in the same batch.
    One write transaction; refused with nothing written when money has moved on since (see the module)."""
    ws.require(Permission.REVERSE_TRANSACTIONS)
    reason = " ".join(reason.split())
    if not reason:
        raise DomainError("Say why the claim's payment is reversed; the reason is kept with the reversal.", "reason")
    if len(reason) > MAX_REASON:
        raise DomainError(f"Keep the reason to {MAX_REASON} characters.", "reason")
    with ws.write() as conn:
        found = _claim_payment(ws, conn, claim_adjudication_id)
        if found.problem:
            raise DomainError(found.problem, "claim_adjudication_id")
        done = posting.reverse_claim_payment_in(ws, conn, claim_adjudication_id, found.batch_id, reason)
    return ClaimPaymentReversal(found.claim_number, found.batch_number, done.id, found.transactions,
                                done.claim_status, tuple(done.unreadied), tuple(done.to_check))


__all__ = ["MAX_REASON", "ClaimPayment", "ClaimPaymentReversal", "claim_payment", "claim_payment_of_transaction",
           "reverse_claim_adjudication"]
