"""What a payer decided about a claim (an EOB or an 835), as plain data, and the rules for reading it.

One `RemittanceBatch` is one check or EFT. It holds a `ClaimAdjudication` per claim it pays or denies,
and each of those a `LineAdjudication` per service line. Amounts are whole cents.

Reading the adjustments (group code + CARC, DESIGN §3):
- PR (patient responsibility: deductible 1, coinsurance 2, copay 3, ...) is not written off: it stays owed
  and moves to the next payer or to the patient.
- CO, OA and PI on a line the payer paid are write-downs (CO-45: the charge is above the contract), except
  CARC 23 (the impact of prior payers' adjudication): on a secondary's remittance it is what the primary
  already paid or wrote off, which is no longer this payer's balance, so it is recorded and not written off.
- A line with nothing paid, nothing on the patient and a CO/OA/PI adjustment is a denied line: its
  adjustments are recorded but not
  written off, so the balance stays with the payer until someone works the denial (resubmit, appeal,
  write off, move to patient).

Claim-level adjustments (CAS of the claim, not of a line) are about the claim as a whole. As in an 835 (each
line balances on its own: charge = paid + its adjustments; CLP04 = the lines' payments less the claim-level
adjustments), they come out of what the lines were paid: `ClaimAdjudication.paid` is the lines' payments less
the claim-level adjustments, and that is what the check pays for the claim. `claim_level_shares` places each
one on the claim's lines in line order -- a positive amount up to what is left of each line's payment, a
negative one (it adds to the payment) up to what is left of each line's own adjustments -- and from there it
reads as the line's own: CO/OA/PI written off (not CARC 23), PR moving on with the line's patient
responsibility. What can't be placed is a problem (`check_claim`). A claim that pays nothing, puts nothing on
the patient and has a CO/OA/PI claim-level adjustment is denied, as a line would be.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.money import format_cents

GROUP_CODES = ("CO", "OA", "PI", "PR")
# CLP02 claim status codes a remittance may carry.
PROCESSED_AS_PRIMARY = "1"
PROCESSED_AS_SECONDARY = "2"
PROCESSED_AS_TERTIARY = "3"
DENIED = "4"
REVERSAL = "22"
PRIOR_PAYER_IMPACT = "23"  # CARC 23: the impact of prior payers' adjudication
# Paper EOB remainders and PLB codes the biller can choose for money not applied to a claim.
ON_ACCOUNT_REASONS: dict[str, str] = {
    "L6": "interest",
    "WO": "overpayment recovery",
    "FB": "forwarding balance",
    "CS": "provider-level adjustment",
    "OVP": "payer overpayment",
}


class BatchKind(StrEnum):
    PAPER = "paper"  # keyed from a paper EOB
    ERA = "era"  # imported from an 835


class PaymentMethod(StrEnum):
    CHECK = "check"
    EFT = "eft"
    NONE = "none"  # nothing paid (BPR04 NON): a batch of denials or of zero-pay claims


class NextStep(StrEnum):
    """What happens to a claim's balance once the payer's adjudication is posted."""

    NEXT_PAYER = "next_payer"  # the remainder moves to the next coverage; its claim gets ready
    PATIENT = "patient"  # the remainder moves to the patient
    DENIALS = "denials"  # the claim goes to the denials queue; its balance stays with this payer
    KEEP = "keep"  # nothing moves (the payer will pay the rest, or a correction follows)


@dataclass(frozen=True, slots=True)
class CasAdjustment:
    group: str  # CO, OA, PI, PR
    reason: str  # CARC
    amount: int  # cents; negative writes the balance up
    quantity: str = ""

    def __post_init__(self) -> None:
        if self.group not in GROUP_CODES:
            raise DomainError(f"Adjustment group {self.group!r} is not one of {', '.join(GROUP_CODES)}.", "group")
        if not self.reason.strip():
            raise DomainError(f"The {self.group} adjustment of {format_cents(self.amount)} needs a reason code.",
                              "reason")

    @property
    def label(self) -> str:
        return f"{self.group}-{self.reason}"

    @property
    def written_off(self) -> bool:
        """Written off when its line is paid: CO/OA/PI, but not CARC 23 (prior payers); PR moves on."""
        return self.group != "PR" and self.reason != PRIOR_PAYER_IMPACT


@dataclass(frozen=True, slots=True)
class LineAdjudication:
    service_line_id: str
    billed: int
    paid: int
    allowed: int | None = None  # None: the payer did not say
    adjustments: tuple[CasAdjustment, ...] = ()
    remarks: tuple[str, ...] = ()  # RARC

    @property
    def patient_responsibility(self) -> int:
        return sum(a.amount for a in self.adjustments if a.group == "PR")

    @property
    def write_down(self) -> int:
        """CO/OA/PI adjustments (what is written off when the line was paid)."""
        return sum(a.amount for a in self.adjustments if a.group != "PR")

    @property
    def denied(self) -> bool:
        """Nothing paid and nothing owed by the patient: the payer refused the line (CO-45 with the whole
        allowed amount on the deductible is not a denial)."""
        return (self.paid == 0 and self.patient_responsibility == 0
                and any(a.group != "PR" and a.amount > 0 for a in self.adjustments))

    @property
    def unexplained(self) -> int:
        """Billed minus paid minus every adjustment: zero when the line adds up."""
        return self.billed - self.paid - sum(a.amount for a in self.adjustments)


@dataclass(frozen=True, slots=True)
class ClaimAdjudication:
    claim_id: str
    claim_number: str
    lines: tuple[LineAdjudication, ...]
    status_code: str = PROCESSED_AS_PRIMARY  # CLP02
    payer_claim_reference: str = ""  # CLP07
    claim_adjustments: tuple[CasAdjustment, ...] = ()  # claim-level CAS (see the module's docstring)
    remarks: tuple[str, ...] = ()  # MOA/MIA remark codes
    next_step: NextStep = NextStep.PATIENT

    @property
    def billed(self) -> int:
        return sum(line.billed for line in self.lines)

    @property
    def lines_paid(self) -> int:
        return sum(line.paid for line in self.lines)

    @property
    def claim_level(self) -> int:
        """What the claim-level adjustments take off the lines' payments (negative: they add to them)."""
        return sum(a.amount for a in self.claim_adjustments)

    @property
    def paid(self) -> int:
        """What the check pays for the claim (CLP04): the lines' payments less the claim-level adjustments."""
        return self.lines_paid - self.claim_level

    @property
    def patient_responsibility(self) -> int:
        """The lines' PR adjustments and the claim-level PR ones."""
        return (sum(line.patient_responsibility for line in self.lines)
                + sum(a.amount for a in self.claim_adjustments if a.group == "PR"))

    @property
    def is_reversal(self) -> bool:
        return self.status_code == REVERSAL

    @property
    def outcome(self) -> str:
        """paid, partially_paid or denied: the claim's state after this adjudication is posted."""
        denied = [line for line in self.lines if line.denied]
        if len(denied) == len(self.lines) or self.status_code == DENIED or self._denied_at_claim_level:
            return "denied"
        return "partially_paid" if denied else "paid"

    @property
    def _denied_at_claim_level(self) -> bool:
        """Nothing paid and nothing on the patient because of a CO/OA/PI claim-level adjustment."""
        return (self.paid == 0 and self.patient_responsibility == 0
                and any(a.group != "PR" and a.amount > 0 for a in self.claim_adjustments))


@dataclass(frozen=True, slots=True)
class ProviderAdjustment:
    """PLB: money in the check that belongs to no claim. Positive reduces the payment (a recovery);
    negative adds to it (interest, L6)."""

    reason: str
    reference: str
    amount: int


@dataclass(frozen=True, slots=True)
class RemittanceBatch:
    kind: BatchKind
    payer_id: str
    method: PaymentMethod
    reference: str  # check number or EFT trace (TRN02)
    check_date: date
    amount: int  # the check or EFT amount (BPR02)
    claims: tuple[ClaimAdjudication, ...] = ()
    provider_adjustments: tuple[ProviderAdjustment, ...] = ()
    deposit_date: date | None = None
    on_account: int = 0  # paper: a remainder put on account explicitly ...
    on_account_reason: str = ""  # ... with a reason (a key of ON_ACCOUNT_REASONS)
    file_name: str = ""
    id: str = field(default="")

    @property
    def applied(self) -> int:
        return sum(c.paid for c in self.claims)

    @property
    def left_to_apply(self) -> int:
        """What of the check is not yet accounted for: zero when the batch may post."""
        plb = sum(p.amount for p in self.provider_adjustments)
        return self.amount - self.applied + plb - self.on_account


def propose_adjustments(billed: int, allowed: int, paid: int, *, deductible: int = 0, coinsurance: int = 0,
                        copay: int = 0) -> tuple[CasAdjustment, ...]:
    """The adjustments a paper EOB line implies: CO-45 for billed above allowed, PR-1/2/3 for the patient's
    share, and PR-2 for any rest of the allowed amount the payer did not pay. The biller may override."""
    if min(billed, allowed, paid, deductible, coinsurance, copay) < 0:
        raise DomainError("Amounts on an EOB line are not negative; enter a takeback as a reversal.", "amount")
    if allowed > billed:
        raise DomainError(f"Allowed {format_cents(allowed)} is more than billed {format_cents(billed)}.", "allowed")
    if paid > allowed:
        raise DomainError(f"Paid {format_cents(paid)} is more than allowed {format_cents(allowed)}.", "paid")
    out: list[CasAdjustment] = []
    if billed > allowed:
        out.append(CasAdjustment("CO", "45", billed - allowed))
    named = (("1", deductible), ("2", coinsurance), ("3", copay))
    rest = allowed - paid - sum(amount for _, amount in named)
    if rest < 0:
        raise DomainError(f"Paid plus deductible, coinsurance and copay ({format_cents(allowed - rest)}) is more "
                          f"than allowed ({format_cents(allowed)}).", "paid")
    for code, amount in named:
        extra = rest if code == "2" else 0
        if amount + extra:
            out.append(CasAdjustment("PR", code, amount + extra))
    return tuple(out)


Shares = tuple[tuple[CasAdjustment, ...], ...]


def claim_level_shares(claim: ClaimAdjudication) -> tuple[Shares, tuple[CasAdjustment, ...]]:
    """Where the claim-level adjustments land: per line (in line order) the parts placed on it, each a
    CasAdjustment of the part's amount, and the parts that no line could take. A positive amount is placed
    in line order up to what is left of each line's payment; a negative one up to what is left of what each
    line's own adjustments take off its charge."""
    payment_left = [max(line.paid, 0) for line in claim.lines]
    adjusted_left = [max(line.billed - line.paid, 0) for line in claim.lines]
    placed: list[list[CasAdjustment]] = [[] for _ in claim.lines]
    unplaced: list[CasAdjustment] = []
    for a in claim.claim_adjustments:
        room = payment_left if a.amount > 0 else adjusted_left
        left = abs(a.amount)
        for i, free in enumerate(room):
            part = min(free, left)
            if part > 0:
                placed[i].append(replace(a, amount=part if a.amount > 0 else -part))
                room[i] -= part
                left -= part
        if left:
            unplaced.append(replace(a, amount=left if a.amount > 0 else -left))
    return tuple(tuple(parts) for parts in placed), tuple(unplaced)


def check_claim(claim: ClaimAdjudication) -> list[str]:
    """What does not add up on one claim, in plain words (empty: it adds up)."""
    problems: list[str] = []
    for n, line in enumerate(claim.lines, start=1):
        if line.paid < 0 and not claim.is_reversal:
            problems.append(f"Claim {claim.claim_number} line {n}: paid {format_cents(line.paid)} is negative.")
        if line.unexplained:
            problems.append(
                f"Claim {claim.claim_number} line {n}: billed {format_cents(line.billed)} minus paid "
                f"{format_cents(line.paid)} minus adjustments {format_cents(sum(a.amount for a in line.adjustments))}"
                f" leaves {format_cents(line.unexplained)} unexplained.")
    if claim.claim_adjustments and not claim.is_reversal:
        for a in claim_level_shares(claim)[1]:
            problems.append(_unplaced_words(claim.claim_number, a))
    return problems


def _unplaced_words(claim_number: str, part: CasAdjustment) -> str:
    if part.amount > 0:
        return (f"Claim {claim_number}: the claim-level adjustment {part.label} takes {format_cents(part.amount)} "
                "more than its lines were paid; it can't be written off against the lines.")
    return (f"Claim {claim_number}: the claim-level adjustment {part.label} adds {format_cents(-part.amount)} more "
            "to the payment than the lines' own adjustments leave room for; it can't be placed on the lines.")


def check_batch(batch: RemittanceBatch) -> list[str]:
    """Every reason the batch may not post yet, in plain words (empty: it may)."""
    problems: list[str] = []
    if batch.amount < 0:
        problems.append("The check amount is negative.")
    if not batch.reference.strip():
        problems.append("Enter the check or EFT trace number.")
    if not batch.claims and not batch.provider_adjustments and not batch.on_account:
        problems.append("The batch has no claims on it.")
    if batch.on_account and batch.on_account_reason not in ON_ACCOUNT_REASONS:
        problems.append("Say why money is put on account (interest, overpayment, provider-level adjustment).")
    seen: set[str] = set()
    for c in batch.claims:
        if not c.is_reversal:  # a reversal (CLP02 22) and the corrected claim come together, in either order
            if c.claim_id in seen:
                problems.append(f"Claim {c.claim_number} is on the batch twice.")
            seen.add(c.claim_id)
        problems.extend(check_claim(c))
    left = batch.left_to_apply
    if left:
        side = "left to apply" if left > 0 else "applied beyond the check amount"
        problems.append(f"{format_cents(abs(left))} {side}: the batch posts only when it balances, or when the "
                        "remainder is put on account with a reason.")
    return problems


# --- what was posted, as read back (secondary claims, the account ledger, the denials workspace) ----------
@dataclass(frozen=True, slots=True)
class PostedAdjustment:
    group: str
    reason: str
    amount: int
    quantity: str = ""
    posted: bool = False  # written off in the ledger (CO/OA/PI on a paid line); PR and denied lines: False

    @property
    def label(self) -> str:
        return f"{self.group}-{self.reason}"


@dataclass(frozen=True, slots=True)
class PostedLine:
    service_line_id: str
    billed: int
    allowed: int | None
    paid: int
    remarks: tuple[str, ...] = ()
    adjustments: tuple[PostedAdjustment, ...] = ()

    @property
    def patient_responsibility(self) -> int:
        return sum(a.amount for a in self.adjustments if a.group == "PR")

    @property
    def denied(self) -> bool:
        """As LineAdjudication.denied: nothing paid, nothing owed by the patient, the payer refused it."""
        return (self.paid == 0 and self.patient_responsibility == 0
                and any(a.group != "PR" and a.amount > 0 for a in self.adjustments))


@dataclass(frozen=True, slots=True)
class PostedAdjudication:
    """One claim adjudication as stored: what a payer decided about a claim in one batch."""

    id: str
    batch_id: str
    batch_number: str
    batch_status: str  # posted | reversed
    payer_id: str
    payer_name: str
    check_date: date
    reference: str  # check number or EFT trace
    claim_id: str
    position: int
    status_code: str  # CLP02
    payer_claim_reference: str  # CLP07
    billed: int
    paid: int
    patient_responsibility: int
    outcome: str  # paid | partially_paid | denied | reversal
    next_step: str
    remarks: tuple[str, ...]
    reverses: str | None
    reversed_by: str | None
    lines: tuple[PostedLine, ...] = ()
    claim_adjustments: tuple[PostedAdjustment, ...] = ()

    @property
    def in_effect(self) -> bool:
        """Posted and neither reversed nor itself a reversal: what the payer's decision currently is."""
        return (self.batch_status == "posted" and self.reversed_by is None and self.status_code != REVERSAL)

    def to_claim_adjudication(self, claim_number: str) -> ClaimAdjudication:
        return ClaimAdjudication(
            claim_id=self.claim_id, claim_number=claim_number, status_code=self.status_code,
            payer_claim_reference=self.payer_claim_reference, remarks=self.remarks, next_step=NextStep(self.next_step),
            claim_adjustments=tuple(CasAdjustment(a.group, a.reason, a.amount, a.quantity)
                                    for a in self.claim_adjustments),
            lines=tuple(LineAdjudication(
                service_line_id=line.service_line_id, billed=line.billed, paid=line.paid, allowed=line.allowed,
                adjustments=tuple(CasAdjustment(a.group, a.reason, a.amount, a.quantity) for a in line.adjustments),
                remarks=line.remarks) for line in self.lines))


def standing_outcome(adjudications: Iterable[PostedAdjudication], undone: Iterable[str]) -> str | None:
    """What the payer's decisions about a claim still say once those whose ids are `undone` are taken back:
    'paid' when every line the payer was billed for is paid (or owed by the patient) by a decision in effect,
    'partially_paid' when some are, 'denied' when none is; None when no decision stands (the claim reopens)."""
    gone = set(undone)
    decided = [a for a in adjudications if a.status_code != REVERSAL]
    standing = [a for a in decided if a.in_effect and a.id not in gone]
    if not standing:
        return None
    lines = {line.service_line_id for a in decided for line in a.lines}
    settled = {line.service_line_id for a in standing for line in a.lines if not line.denied}
    if settled >= lines:
        return "paid"
    return "partially_paid" if settled else "denied"


def remark_list(codes: Iterable[str]) -> str:
    return " ".join(c.strip().upper() for c in codes if c.strip())
