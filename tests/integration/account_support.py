"""Set-up for the patient payment and account ledger tests: finalized visits whose claims were sent, and paper
EOBs posted against them through the posting core (services.posting), the way a biller keys them.

    visit = seen(desk, john, (("99213", 12500), ("36415", 1500)), days_ago=60)   # finalized and submitted
    eob(desk, visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1000, 1000)], check="889123")
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from front_desk_support import Desk

from medbill_desktop.domain.adjudication import (
    BatchKind,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    RemittanceBatch,
    propose_adjustments,
)
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.patients import Patient
from medbill_desktop.services import claims, encounters, posting
from medbill_desktop.services.encounters import FinalizeResult


@dataclass(frozen=True)
class Visit:
    encounter_id: str
    date_of_service: date
    line_ids: tuple[str, ...]
    claims: dict[Party, str]  # rank -> claim number

    def claim(self, party: Party = Party.PRIMARY) -> str:
        return self.claims[party]


def seen(desk: Desk, patient: Patient, lines: tuple[tuple[str, int], ...] = (("99213", 12500), ("36415", 1500)),
         days_ago: int = 30, submit: bool = True) -> Visit:
    """A finalized visit; its primary claim (when the patient is insured) printed: submitted."""
    ws = desk.ws
    e = encounters.save_encounter(ws, desk.encounter(patient, lines=lines, days_ago=days_ago))
    done: FinalizeResult = encounters.finalize_encounter(ws, e.id)
    by_rank = {c.rank: c.claim_number for c in done.claims}
    if submit and Party.PRIMARY in by_rank:
        claims.render_claims_pdf(ws, [by_rank[Party.PRIMARY]], "red")  # printed: submitted
    assert e.date_of_service is not None
    return Visit(e.id, e.date_of_service, tuple(line.id for line in e.lines), by_rank)


@dataclass(frozen=True)
class Eob:
    """One EOB line as printed: billed, allowed, paid and the patient's share."""

    billed: int
    allowed: int
    paid: int
    deductible: int = 0
    coinsurance: int = 0
    copay: int = 0


def eob(desk: Desk, visit: Visit, lines: list[Eob], *, check: str = "889123", on: date | None = None,
        party: Party = Party.PRIMARY, next_step: NextStep = NextStep.PATIENT) -> posting.PostedBatch:
    """Post one paper EOB (one check paying this one claim) as the biller would key it."""
    claim = posting.postable_claim(desk.ws, visit.claim(party))
    adjudicated = tuple(
        LineAdjudication(line_id, e.billed, e.paid, e.allowed,
                         propose_adjustments(e.billed, e.allowed, e.paid, deductible=e.deductible,
                                             coinsurance=e.coinsurance, copay=e.copay))
        for line_id, e in zip(visit.line_ids, lines, strict=True))
    paid = sum(e.paid for e in lines)
    batch = RemittanceBatch(
        BatchKind.PAPER, claim.payer_id, PaymentMethod.CHECK, check, on or desk.today, paid,
        claims=(ClaimAdjudication(claim.claim_id, claim.claim_number, adjudicated, next_step=next_step),))
    return posting.post_batch(desk.ws, batch)
