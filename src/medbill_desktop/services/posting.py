"""Posting a payer's remittance (a paper EOB keyed by the biller, or one check of an 835) into the ledger.

This is the one path a `RemittanceBatch` takes to the database, all of it or nothing. See the payment-posting
contract in domain/adjudication.py and DESIGN §3. Per claim adjudication, with P the claim's party (its
coverage rank):

1. a payment transaction: the batch account -> P's receivable of each line (source key
   `batch source|claim number|CLP07`);
2. an adjustment transaction per line for its CO/OA/PI amounts (not CARC 23, what prior payers settled; a
   denied line's adjustments are recorded with posted=False, and its balance stays with P);
3. by the claim's NextStep: NEXT_PAYER moves what is left on each line that is not denied to the next
   rank's receivable and readies the encounter's next claim (when the scrubber passes); PATIENT moves it to
   the patient's receivable; DENIALS moves nothing and queues the claim in `denials`; KEEP moves nothing.
   A claim with denied lines is queued in `denials` whatever its next step.

The caller chooses the next step. `ClaimAdjudication.next_step` defaults to PATIENT; when the encounter has
a claim to the next payer (`PostableClaim.has_next_claim`), the GUI and the 835 importer propose NEXT_PAYER
and pass it explicitly: this service never swaps one for the other.

PLB amounts and a paper EOB's on-account remainder go between the batch account and the adjustment account
("PLB", code); the batch account (payment_batch:<batch id>) ends holding the check amount. Claims move through
domain.claims: pay, pay_partially or deny (its reason: the CARC's text) by the outcome; a claim adjudicated
before moves only where the table allows (a denied claim paid later becomes paid) and otherwise stays.
CLP02=22 claims take back the adjudication they reverse (its transactions reversed, newest first; the claim
reopened) before the batch's other claims post; the money of the earlier check is moved from this batch's
account to that one's, so each batch account still holds its own check.

Every ledger transaction is listed in batch_transactions in order; one audit row and one outbox event
("payment.batch_posted", carrying the batch's rows and transactions) per batch. For speed (an 835 of 10,000
claims), the balances of every account involved are read in one query, each transaction is checked by
domain.ledger against the running balances, and everything is inserted in bulk (the database's triggers still
check each transaction).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Row

from medbill_desktop.codesets.model import CodeSet
from medbill_desktop.domain.adjudication import (
    REVERSAL,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PostedAdjudication,
    ProviderAdjustment,
    RemittanceBatch,
    check_batch,
    claim_level_shares,
    remark_list,
    standing_outcome,
)
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.claims import Action, ClaimStatus, Facts, check_transition
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import (
    AccountKey,
    AccountKind,
    LedgerError,
    Party,
    Posting,
    Transaction,
    TxKind,
    adjustment_account,
    check_balances,
    payment_batch,
    receivable,
    reversal,
    validate_transaction,
)
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.names import name_key
from medbill_desktop.domain.plb import plb_words
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services import catalog, codes
from medbill_desktop.services import claims as claims_service
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.numbers import next_number
from medbill_desktop.storage import ledger_store, reference_store, remittance_store
from medbill_desktop.storage.ledger_store import child_id
from medbill_desktop.storage.remittance_store import ClaimToPost, LineToPost, SiblingClaim


# --- what the biller picks claims from ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PostableLine:
    service_line_id: str
    position: int
    procedure: str
    modifiers: tuple[str, ...]
    from_date: date | None
    units: int
    charge_cents: int
    balance_cents: int  # what this claim's payer still owes on the line (its receivable)


@dataclass(frozen=True, slots=True)
class PostableClaim:
    claim_id: str
    claim_number: str
    status: ClaimStatus
    payer_id: str
    payer_name: str
    party: Party  # the claim's rank: whose receivable a payment on it reduces
    patient_name: str  # "Last, First"
    account_number: str
    date_of_service: date | None
    lines: tuple[PostableLine, ...]
    next_payer_name: str | None  # the payer of the encounter's next-rank claim, if any
    has_next_claim: bool

    @property
    def balance_cents(self) -> int:
        return sum(line.balance_cents for line in self.lines)


# --- a dry run --------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClaimEffect:
    """What posting would do to one claim."""

    claim_number: str
    outcome: str  # paid | partially_paid | denied | reversal
    next_step: NextStep
    paid_cents: int
    written_down_cents: int  # CO/OA/PI written off
    moved_cents: int  # moved to the next payer or the patient
    moved_to: str  # the next payer's name, "patient", or ""
    denied_cents: int  # billed on denied lines (stays with this payer; queued in denials)
    status_after: str  # the claim's status once posted
    summary: str  # the effect in plain words


@dataclass(frozen=True, slots=True)
class BatchPreview:
    problems: list[str]  # every reason the batch would be refused, per claim and line, in plain words
    claims: list[ClaimEffect]
    readied_claims: list[str]  # next-payer claims that would become ready (exact when there are no problems)
    transactions: int  # ledger transactions that would be posted

    @property
    def ok(self) -> bool:
        return not self.problems


# --- a posted batch ----------------------------------------------------------------------------------------------
class PostedClaim(NamedTuple):
    claim_number: str
    outcome: str
    next_step: str


@dataclass(frozen=True, slots=True)
class PostedBatch:
    batch_id: str
    batch_number: str
    claims: list[PostedClaim]
    readied_claims: list[str]  # claim numbers moved to ready (the next payer's claims)
    denials: list[str]  # claim numbers queued in denials
    transactions: int  # ledger transactions posted


@dataclass(frozen=True, slots=True)
class BatchSummary:
    id: str
    batch_number: str
    kind: str  # paper | era
    payer_id: str
    payer_name: str
    method: str
    reference: str
    check_date: date
    deposit_date: date | None
    amount_cents: int
    paid_to_claims_cents: int
    claim_count: int
    status: str  # posted | reversed
    posted_at: str
    posted_by: str
    file_name: str


@dataclass(frozen=True, slots=True)
class BatchClaim:
    claim_number: str
    patient_name: str
    adjudication: PostedAdjudication


@dataclass(frozen=True, slots=True)
class BatchDetail:
    summary: BatchSummary
    claims: list[BatchClaim]
    provider_adjustments: list[ProviderAdjustment]
    on_account_cents: int
    on_account_reason: str
    reversed_at: str | None
    reversed_by: str | None
    reversal_reason: str
    transaction_ids: list[str]


class AlreadyPosted(DomainError):
    """The same check (or the same 835 check) was posted before; nothing was posted."""

    def __init__(self, message: str, batch_number: str) -> None:
        super().__init__(message, "reference")
        self.batch_number = batch_number


# Claims a payment may be posted to: sent, or adjudicated already (a second payment, a correction).
POSTABLE = (ClaimStatus.SUBMITTED, ClaimStatus.ACCEPTED, ClaimStatus.APPEALED, ClaimStatus.PAID,
            ClaimStatus.PARTIALLY_PAID, ClaimStatus.DENIED)
_NEXT_PARTY = {Party.PRIMARY: Party.SECONDARY, Party.SECONDARY: Party.TERTIARY}
_OUTCOME_ACTION = {"paid": Action.PAY, "partially_paid": Action.PAY_PARTIALLY, "denied": Action.DENY}


def batch_source_key(batch: RemittanceBatch) -> str:
    """The default source key of a batch: payer + check/trace number + check date (DESIGN §3)."""
    return f"{batch.payer_id}|{batch.reference.strip().upper()}|{batch.check_date.isoformat()}"


_FLOAT = 1 << 60
def _money(cents: int) -> str:
    return format_cents(cents)


# --- planning: everything posting would do, computed without writing ------------------------------------------------
@dataclass
class _LinePlan:
    n: int  # 1-based position on the remittance claim
    adjudication: LineAdjudication
    row: LineToPost | None
    denied: bool
    id: str
    key: AccountKey | None = None  # the claim's party's receivable of the line
    payment: int = 0  # what the check pays on the line: its payment less its share of claim-level adjustments
    written: dict[tuple[str, str], int] = field(default_factory=dict)  # written off, by (group, CARC)

    @property
    def label(self) -> str:
        if self.row is None:
            return f"line {self.n}"
        mods = "-".join(self.row.modifiers)
        return f"line {self.n} ({self.row.procedure}{'-' + mods if mods else ''})"


@dataclass
class _ClaimPlan:
    adjudication: ClaimAdjudication
    position: int
    row: ClaimToPost | None
    lines: list[_LinePlan]
    id: str
    txs: list[Transaction] = field(default_factory=list)
    tx_count: int = 0
    status_before: str = ""
    status_after: str = ""
    action: Action | None = None
    reason: str = ""
    written_down: int = 0
    moved: int = 0
    moved_to: str = ""
    denied_cents: int = 0
    denial: dict[str, Any] | None = None
    next_claim: SiblingClaim | None = None
    reverses: PostedAdjudication | None = None
    _outcome: str = ""

    @property
    def number(self) -> str:
        return self.row.claim_number if self.row is not None else self.adjudication.claim_number

    def tx_id(self) -> str:
        """The id of the claim's next ledger transaction, made from the claim adjudication's (UUIDv7) id: its
        hex digits -8:-4 count the transactions, so their postings (ledger_store.child_id) stay unique too."""
        self.tx_count += 1
        return f"{self.id[:-8]}{self.tx_count:04x}{self.id[-4:]}"

    @property
    def outcome(self) -> str:
        """paid | partially_paid | denied | reversal (read once: the plan asks often)."""
        if not self._outcome:
            self._outcome = "reversal" if self.adjudication.is_reversal else self.adjudication.outcome
        return self._outcome


@dataclass
class _Plan:
    batch: RemittanceBatch
    batch_id: str
    source_key: str
    payer_name: str
    problems: list[str]
    claims: list[_ClaimPlan]
    extra_txs: list[Transaction]  # PLB and on-account, after the claims
    account_ids: dict[str, str] = field(default_factory=dict)  # by code, the accounts the plan read (existing)

    def ordered(self) -> list[tuple[Transaction, str | None]]:
        """Every transaction in posting order with the claim adjudication it belongs to: CLP02=22 takebacks
        first (a corrected claim in the same check needs the balance back), the claims, then PLB."""
        out: list[tuple[Transaction, str | None]] = []
        for first in (True, False):
            for c in self.claims:
                if c.adjudication.is_reversal is first:
                    out += [(tx, c.id) for tx in c.txs]
        out += [(tx, None) for tx in self.extra_txs]
        return out


def _claim_plan(position: int, c: ClaimAdjudication, row: ClaimToPost | None,
                lines_by_encounter: dict[str, list[LineToPost]]) -> _ClaimPlan:
    """A claim adjudication with our claim and service lines found, and the party's receivable of each line."""
    by_id = {line.id: line for line in lines_by_encounter.get(row.encounter_id, [])} if row is not None else {}
    party = _party(row.rank) if row is not None else None
    pid = new_id()
    lines = []
    for n, la in enumerate(c.lines, start=1):
        ours = by_id.get(la.service_line_id)
        key = receivable(ours.id, party, row.account_number) if ours and row and party else None
        lines.append(_LinePlan(n, la, ours, False, child_id(pid, n), key))
    return _ClaimPlan(c, position, row, lines, pid)


_PARTIES = {party.value: party for party in Party}


def _party(rank: str) -> Party:
    """Party(rank), looked up (the enum's call is slow; anything unknown still raises)."""
    return _PARTIES.get(rank) or Party(rank)


def _mark_denied_lines(p: _ClaimPlan) -> None:
    """The denied lines; every line when the claim as a whole is denied."""
    denied = [line.adjudication.denied for line in p.lines]
    if p.outcome == "denied" and not any(denied):
        denied = [True] * len(p.lines)
    for line, is_denied in zip(p.lines, denied, strict=True):
        line.denied = is_denied


def _line_amounts(p: _ClaimPlan) -> None:
    """Per line, what the check pays on it and what is written off on it: its own CAS and its share of the
    claim-level ones (domain.adjudication.claim_level_shares). A denied line's adjustments are not written off."""
    c = p.adjudication
    shares = claim_level_shares(c)[0] if c.claim_adjustments else ((),) * len(p.lines)
    for line, share in zip(p.lines, shares, strict=True):
        line.payment = line.adjudication.paid - sum(a.amount for a in share)
        written: dict[tuple[str, str], int] = {}
        if not line.denied:
            for a in (*line.adjudication.adjustments, *share):
                if a.written_off:
                    written[(a.group, a.reason)] = written.get((a.group, a.reason), 0) + a.amount
        line.written = written


def _denial(p: _ClaimPlan) -> dict[str, Any]:
    """The denials-queue row of a claim with denied lines: the first CO/OA/PI reason, the remarks, the billed
    amount of the denied lines."""
    c = p.adjudication
    denied = [line for line in p.lines if line.denied]
    p.denied_cents = sum(line.adjudication.billed for line in denied)
    first = next((a for line in denied for a in line.adjudication.adjustments if a.group != "PR"),
                 None) or next((a for a in c.claim_adjustments if a.group != "PR"), None)
    remarks = remark_list(dict.fromkeys([*c.remarks, *(r for line in denied for r in line.adjudication.remarks)]))
    return {"group_code": first.group if first else "CO", "reason_code": first.reason if first else "",
            "remarks": remarks, "amount_cents": p.denied_cents}


_STATUSES = {s.value: s for s in ClaimStatus}


def _claim_status(value: str) -> ClaimStatus:
    """ClaimStatus(value), looked up (the enum's call is slow; anything unknown still raises)."""
    return _STATUSES.get(value) or ClaimStatus(value)


# domain.ledger's normal sides (check_balances): +1 never below zero, -1 never above
_SIGNS: dict[AccountKind, int] = {AccountKind.RECEIVABLE: 1, AccountKind.PAYMENT_BATCH: 1,
                                  AccountKind.PATIENT_CREDIT: -1, AccountKind.REFUNDS_PAYABLE: -1,
                                  AccountKind.GROSS_CHARGES: -1}
_RECEIVABLE, _BATCH, _ADJUSTMENT = AccountKind.RECEIVABLE, AccountKind.PAYMENT_BATCH, AccountKind.ADJUSTMENT


def _passes(balances: dict[AccountKey, int], tx: Transaction) -> bool:
    """The common case of `_Planner._apply` in one pass: when the transaction meets every rule of
    domain.ledger.validate_transaction and check_balances, apply it to the balances and say so. Anything else
    (or anything unusual) returns False with the balances untouched, and the domain's checks run for the
    message."""
    postings = tx.postings
    if len(postings) < 2 or (tx.kind is TxKind.REVERSAL) != (tx.reverses is not None):
        return False
    after: dict[AccountKey, int] = {}
    total = 0
    get = balances.get
    for p in postings:
        amount, account = p.amount, p.account
        if type(amount) is not int or not amount:
            return False
        new = get(account, 0) + amount
        kind = account.kind  # compared by identity first: an enum member's hash is a Python-level call
        if kind is _RECEIVABLE or kind is _BATCH:
            if new < 0:
                return False
        elif kind is not _ADJUSTMENT and new * _SIGNS.get(kind, 0) < 0:
            return False
        after[account] = new
        total += amount
    if total or len(after) != len(postings):  # unbalanced, or an account twice
        return False
    balances.update(after)
    return True


class _Planner:
    def __init__(self, ws: Workstation, conn: Connection, batch: RemittanceBatch, batch_id: str,
                 source_key: str) -> None:
        self.ws, self.conn, self.batch, self.batch_id, self.source_key = ws, conn, batch, batch_id, source_key
        self.problems: list[str] = []
        self.balances: dict[AccountKey, int] = {}
        self.status: dict[str, str] = {}  # claim id -> status as the plan moves it
        self.carc: dict[str, str] = {}
        self.on = batch.check_date
        self.account = payment_batch(batch_id)
        self._moves: dict[tuple[ClaimStatus, Action], ClaimStatus | None] = {}
        what = {"check": "check", "eft": "EFT", "none": "remittance"}[batch.method.value]
        self._check_words = f"{what} {batch.reference} of {_date(batch.check_date)}"
        self.known: Known | None = None
        self.account_ids: dict[str, str] = {}
        self._adjustment_keys: dict[tuple[str, str], AccountKey] = {}

    # --- loading -------------------------------------------------------------------------------------------------
    def plan(self) -> _Plan:
        batch, conn = self.batch, self.conn
        self.problems += check_batch(batch)
        payer = reference_store.get_payer(conn, batch.payer_id)
        payer_name = payer.name if payer is not None else "?"
        self.payer_name = payer_name
        if payer is None:
            self.problems.append("Choose the payer that sent the check.")
        used = remittance_store.batch_by_source_key(conn, self.source_key)
        if used is not None:
            raise AlreadyPosted(f"Check {batch.reference} from {payer_name} dated {_date(batch.check_date)} was "
                                f"already posted as batch {used.batch_number}; nothing was posted.",
                                used.batch_number)
        if self.known is not None:  # read by the caller in this same transaction
            rows = {cid: row for c in batch.claims if (row := self.known.claims.get(cid := c.claim_id)) is not None}
            lines_by_encounter = self.known.lines
        else:
            rows = remittance_store.claims_to_post(conn, (c.claim_id for c in batch.claims))
            lines_by_encounter = remittance_store.lines_to_post(conn, {r.encounter_id for r in rows.values()})
        self.status = {cid: r.status for cid, r in rows.items()}
        wants_next = {rows[c.claim_id].encounter_id for c in batch.claims
                      if c.claim_id in rows and c.next_step is NextStep.NEXT_PAYER}
        siblings = (self.known.siblings if self.known is not None
                    else remittance_store.claims_of_encounters(conn, wants_next))
        reversal_ids = [c.claim_id for c in batch.claims if c.is_reversal and c.claim_id in rows]
        prior = remittance_store.load_claims_adjudications(conn, reversal_ids) if reversal_ids else {}

        plans = [_claim_plan(position, c, rows.get(c.claim_id), lines_by_encounter)
                 for position, c in enumerate(batch.claims, start=1)]
        # the accounts whose balances matter, read in one query
        originals = self._reversal_targets(plans, prior)
        keys = {line.key for p in plans for line in p.lines if line.key is not None}
        for txs in originals.values():
            keys.update(post.account for tx in txs for post in tx.postings)
        keys.update(payment_batch(p.reverses.batch_id) for p in plans if p.reverses is not None)
        self.balances, self.account_ids = ledger_store.balances_and_ids(conn, keys)
        # The new batch's account may dip while planning (a takeback comes before the money that covers it): it
        # starts with a float that is taken off again for the check at the end.
        self.balances[self.account] = _FLOAT

        for p in plans:
            if p.adjudication.is_reversal:
                self._plan_reversal(p, originals.get(p.id, []))
        for p in plans:
            if not p.adjudication.is_reversal:
                self._plan_claim(p, siblings)
        extra = self._plan_provider_level()
        final = self.balances.get(self.account, 0) - _FLOAT
        if final < 0 and not self.problems:
            self.problems.append(f"The batch takes back {_money(-final)} more than the check brings in.")
        return _Plan(batch, self.batch_id, self.source_key, payer_name, self.problems, plans, extra, self.account_ids)

    # --- applying a transaction to the running balances ----------------------------------------------------------
    def _apply(self, tx: Transaction, where: str, line: _LinePlan | None = None) -> bool:
        """Validate the transaction (domain.ledger) against the running balances and apply it to them."""
        if _passes(self.balances, tx):
            return True
        try:
            validate_transaction(tx)
            self.balances.update(check_balances(self.balances, tx))
        except LedgerError as e:
            self.problems.append(f"{where}{' ' + line.label if line else ''}: {e.message}")
            return False
        return True

    # --- one claim -----------------------------------------------------------------------------------------------
    def _claim_problems(self, p: _ClaimPlan) -> bool:
        c, row = p.adjudication, p.row
        ok = True
        if row is None:
            self.problems.append(f"Claim {c.claim_number}: there is no such claim.")
            return False
        if row.payer_id != self.batch.payer_id:
            self.problems.append(f"Claim {row.claim_number} is billed to {row.payer_name}, not to "
                                 f"{self.payer_name}; post it with that payer's check.")
            ok = False
        status = _claim_status(self.status[row.id])
        if status not in POSTABLE:
            self.problems.append(f"Claim {row.claim_number} is {status.label}: a payment is posted only to a claim "
                                 "that was sent (submitted, accepted or appealed) or already adjudicated.")
            ok = False
        if not c.lines:
            self.problems.append(f"Claim {row.claim_number}: the remittance has no lines for it.")
            ok = False
        seen: set[str] = set()
        for line in p.lines:
            if line.row is None:
                self.problems.append(f"Claim {row.claim_number} {line.label}: that service line is not on this "
                                     "claim.")
                ok = False
            elif line.row.id in seen:
                self.problems.append(f"Claim {row.claim_number} {line.label}: the line is on the remittance twice.")
                ok = False
            seen.add(line.adjudication.service_line_id)
        return ok

    def _plan_claim(self, p: _ClaimPlan, siblings: dict[str, list[SiblingClaim]]) -> None:
        """Payment, write-offs, what is left moved on, the denial queue and the claim's status (module docstring)."""
        if not self._claim_problems(p):
            return
        row = p.row
        assert row is not None
        status = _claim_status(self.status[row.id])
        p.status_before = status.value
        where = f"Claim {row.claim_number}"
        _mark_denied_lines(p)
        _line_amounts(p)
        if not (self._lines_covered(p, row) and self._post_payment(p, row) and self._post_write_offs(p, row)
                and self._move_rest(p, row, siblings)):
            return
        if any(line.denied for line in p.lines):
            p.denial = _denial(p)
        self._move_status(p, row, status, where)

    def _lines_covered(self, p: _ClaimPlan, row: ClaimToPost) -> bool:
        """The payer's balance on each line covers what is paid and written off on it."""
        for line in p.lines:
            balance = self.balances.get(line.key, 0) if line.key is not None else 0
            total = sum(line.written.values())
            if line.payment + total > balance:
                self.problems.append(
                    f"Claim {row.claim_number} {line.label}: paid {_money(line.payment)} and written down "
                    f"{_money(total)} is more than what {row.payer_name} owes on the line ({_money(balance)}).")
                return False
        return True

    def _post_payment(self, p: _ClaimPlan, row: ClaimToPost) -> bool:
        """The batch account -> the party's receivable of each line (what domain.ledger.payment builds, with an
        id made from the claim adjudication's)."""
        applied = [(line.key, line.payment) for line in p.lines if line.payment and line.key is not None]
        total = sum(amount for _, amount in applied)
        if total <= 0:
            return True
        tx = Transaction(TxKind.PAYMENT, self.on,
                         (Posting(self.account, total), *[Posting(key, -amount) for key, amount in applied]),
                         f"{row.payer_name} {self.check_words}: claim {row.claim_number}",
                         f"{self.source_key}|{row.claim_number}|{p.adjudication.payer_claim_reference}",
                         id=p.tx_id())
        return self._add(p, tx, f"Claim {row.claim_number}")

    def _post_write_offs(self, p: _ClaimPlan, row: ClaimToPost) -> bool:
        """One adjustment transaction per line for what is written off on it (CO/OA/PI but CARC 23, its own and
        its share of the claim-level ones)."""
        for line in p.lines:
            if not line.written:  # nothing written off on the line (a denied line, or paid in full)
                continue
            total = sum(line.written.values())
            postings = [Posting(self._adjustment_key(g, r), amount) for (g, r), amount in line.written.items()
                        if amount]
            if total and line.key is not None:
                postings.append(Posting(line.key, -total))
            if len(postings) < 2:
                continue
            labels = ", ".join(f"{g}-{r} {_money(amount)}" for (g, r), amount in line.written.items() if amount)
            tx = Transaction(TxKind.ADJUSTMENT, self.on, tuple(postings),
                             memo=f"Claim {row.claim_number} line {line.n}: {labels}", id=p.tx_id())
            if not self._add(p, tx, f"Claim {row.claim_number}", line):
                return False
            p.written_down += total
        return True

    def _move_rest(self, p: _ClaimPlan, row: ClaimToPost, siblings: dict[str, list[SiblingClaim]]) -> bool:
        """What is left on each line that is not denied: to the next payer (NEXT_PAYER) or the patient (PATIENT)."""
        step = p.adjudication.next_step
        party = _party(row.rank)
        dest: Party | None = None
        if step is NextStep.NEXT_PAYER:
            dest = _NEXT_PARTY.get(party)
            nxt = [s for s in siblings.get(row.encounter_id, []) if dest is not None and s.rank == dest.value]
            if not nxt:
                self.problems.append(f"Claim {row.claim_number}: the visit has no claim to a next payer; move the "
                                     "balance to the patient instead.")
                return False
            p.next_claim = nxt[0]
            p.moved_to = nxt[0].payer_name
        elif step is NextStep.PATIENT:
            dest = Party.PATIENT
            p.moved_to = "patient"
        if dest is None:
            return True
        postings: list[Posting] = []
        for line in p.lines:
            left = self.balances.get(line.key, 0) if line.key is not None else 0
            if left > 0 and not line.denied and line.key is not None:
                postings += [Posting(receivable(line.adjudication.service_line_id, dest, row.account_number), left),
                             Posting(line.key, -left)]
                p.moved += left
        if postings:
            tx = Transaction(TxKind.TRANSFER, self.on, tuple(postings),
                             memo=f"Claim {row.claim_number}: {_money(p.moved)} left after {row.payer_name} moved "
                                  f"to {p.moved_to}", id=p.tx_id())
            if not self._add(p, tx, f"Claim {row.claim_number}"):
                return False
        if p.moved == 0:
            p.next_claim = None
        return True

    def _move_status(self, p: _ClaimPlan, row: ClaimToPost, status: ClaimStatus, where: str) -> None:
        p.status_after = status.value
        outcome = p.outcome
        if outcome == status.value:
            return
        action = _OUTCOME_ACTION[outcome]
        reason = self._denial_reason(p) if action is Action.DENY else ""
        try:
            target = self._transition(row.claim_number, status, action, reason)
        except PermissionDenied as e:
            self.problems.append(f"{where}: {e.message}")
            return
        if target is not None:
            p.action, p.reason, p.status_after = action, reason, target.value
            self.status[row.id] = target.value

    def _adjustment_key(self, group: str, reason: str) -> AccountKey:
        """adjustment_account(group, reason), made once per plan (the same key for every claim)."""
        key = self._adjustment_keys.get((group, reason))
        if key is None:
            key = self._adjustment_keys[(group, reason)] = adjustment_account(group, reason)
        return key

    def _add(self, p: _ClaimPlan, tx: Transaction, where: str, line: _LinePlan | None = None) -> bool:
        """Check the claim's transaction against the running balances and keep it."""
        if not self._apply(tx, where, line):
            return False
        p.txs.append(tx)
        return True

    def _transition(self, claim_number: str, status: ClaimStatus, action: Action, reason: str) -> ClaimStatus | None:
        """Where the claim goes (domain.claims decides; remembered per state and action), or None when the
        table has no such move (a paid claim stays paid when a later remittance denies a line)."""
        key = (status, action)
        if key not in self._moves:
            try:
                self._moves[key] = check_transition(claim_number, status, action, self.ws.signed_in().role,
                                                    Facts(reason=reason or "posted")).target
            except PermissionDenied:
                raise
            except DomainError:
                self._moves[key] = None
        return self._moves[key]

    @property
    def check_words(self) -> str:
        return self._check_words

    def _denial_reason(self, p: _ClaimPlan) -> str:
        d = p.denial or {}
        code = d.get("reason_code", "")
        label = f"{d.get('group_code', 'CO')}-{code}" if code else "denied"
        if code and code not in self.carc:
            entry = codes.entry_lookup(self.conn, CodeSet.CARC, code)
            self.carc[code] = entry.description if entry is not None else ""
        text = self.carc.get(code, "")
        return f"{label}: {text}" if text else f"Denied by the payer ({label})."

    # --- CLP02=22 ------------------------------------------------------------------------------------------------
    def _reversal_targets(self, plans: list[_ClaimPlan],
                          prior: dict[str, list[PostedAdjudication]]) -> dict[str, list[Transaction]]:
        """For each reversal claim, the adjudication it takes back and that adjudication's transactions that
        are not reversed yet (newest first)."""
        out: dict[str, list[Transaction]] = {}
        taken: set[str] = set()
        for p in plans:
            c = p.adjudication
            if not c.is_reversal or p.row is None:
                continue
            candidates = [a for a in prior.get(c.claim_id, []) if a.in_effect and a.payer_id == self.batch.payer_id
                          and a.id not in taken]
            best = ([a for a in candidates if a.payer_claim_reference == c.payer_claim_reference
                     and a.paid == -c.paid] or [a for a in candidates if a.paid == -c.paid] or candidates[-1:])
            if not best:
                self.problems.append(f"Claim {p.number}: the payer takes back {_money(-c.paid)} paid earlier, but "
                                     "no payment of this payer is posted on the claim.")
                continue
            p.reverses = best[-1]
            taken.add(best[-1].id)
            ids = remittance_store.claim_transaction_ids(self.conn, best[-1].id)
            done = ledger_store.reversed_among(self.conn, ids)
            loaded = ledger_store.load_many(self.conn, [i for i in ids if i not in done])
            out[p.id] = [loaded[i] for i in reversed(ids) if i in loaded and loaded[i].kind is not TxKind.REVERSAL]
        return out

    def _plan_reversal(self, p: _ClaimPlan, originals: list[Transaction]) -> None:
        if p.reverses is None or p.row is None:
            if p.row is None:
                self.problems.append(f"Claim {p.adjudication.claim_number}: there is no such claim.")
            return
        reason = (f"{self.payer_name} reversed its payment of claim {p.row.claim_number} "
                  f"({self.check_words})")
        p.status_before = self.status[p.row.id]
        paid = sum(tx.amount_of(payment_batch(p.reverses.batch_id)) for tx in originals)
        if paid > 0 and p.reverses.batch_id != self.batch_id:
            # the money came from an earlier check; this check is that much smaller: a transfer between the two
            # batch accounts keeps each equal to its check
            takeback = Transaction(TxKind.TRANSFER, self.on, (
                Posting(payment_batch(p.reverses.batch_id), paid), Posting(self.account, -paid)),
                memo=f"Claim {p.number}: {_money(paid)} taken back from batch {p.reverses.batch_number}")
            if not self._apply(takeback, f"Claim {p.number}"):
                return
            p.txs.append(takeback)
        for tx in originals:
            rev = reversal(tx, self.on, reason)
            if not self._check_reversal_balances(rev, f"Claim {p.row.claim_number}"):
                return
            self._apply(rev, f"Claim {p.row.claim_number}")
            p.txs.append(rev)
        status = ClaimStatus(p.status_before)
        p.status_after = status.value
        try:
            t = check_transition(p.row.claim_number, status, Action.REOPEN, self.ws.signed_in().role,
                                 Facts(reason=reason))
        except PermissionDenied as e:
            self.problems.append(f"Claim {p.row.claim_number}: {e.message}")
            return
        except DomainError:
            return
        p.action, p.reason, p.status_after = Action.REOPEN, reason, t.target.value
        self.status[p.row.id] = t.target.value

    def _check_reversal_balances(self, tx: Transaction, where: str) -> bool:
        for post in tx.postings:
            if post.account.kind is AccountKind.RECEIVABLE:
                now = self.balances.get(post.account, 0)
                if now + post.amount < 0:
                    party = post.account.party
                    who = "the patient" if party is Party.PATIENT else f"the {party.value if party else ''} payer"
                    self.problems.append(
                        f"{where}: {_money(-post.amount)} was moved to {who} and has been paid, adjusted or moved "
                        f"on since ({who}'s balance on the line is now {_money(now)}); reverse that posting first.")
                    return False
        return True

    # --- PLB and on account --------------------------------------------------------------------------------------
    def _plan_provider_level(self) -> list[Transaction]:
        out: list[Transaction] = []
        items = [(plb.reason, plb.reference, plb.amount) for plb in self.batch.provider_adjustments]
        if self.batch.on_account:
            items.append((self.batch.on_account_reason, "on account", -self.batch.on_account))
        for reason, reference, amount in items:
            if not amount:
                continue
            what = plb_words(reason)
            tx = Transaction(TxKind.ADJUSTMENT, self.on, (
                Posting(self.account, -amount), Posting(adjustment_account("PLB", reason), amount)),
                memo=f"{self.payer_name} {self.check_words}: {what} {reference}".strip())
            if self._apply(tx, f"Provider-level adjustment {reason}"):
                out.append(tx)
        return out


def _date(d: date) -> str:
    return d.strftime("%m/%d/%Y")


# --- writing ---------------------------------------------------------------------------------------------------------
def _refusal(plan: _Plan) -> DomainError:
    n = len(plan.problems)
    head = (f"Check {plan.batch.reference} from {plan.payer_name} can't be posted: {n} problem"
            f"{'s' if n != 1 else ''}; nothing was posted.")
    return DomainError("\n".join([head, *(f"- {m}" for m in plan.problems)]), "batch")


Rows = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]  # table: (columns, rows)
CLAIM_COLUMNS = ("id", "batch_id", "claim_id", "position", "status_code", "payer_claim_reference", "billed_cents",
                 "paid_cents", "patient_responsibility_cents", "outcome", "next_step", "remarks", "reverses")
LINE_COLUMNS = ("id", "claim_adjudication_id", "service_line_id", "billed_cents", "allowed_cents", "paid_cents",
                "remarks")
ADJUSTMENT_COLUMNS = ("id", "claim_adjudication_id", "line_adjudication_id", "group_code", "reason_code",
                      "amount_cents", "quantity", "posted")
DENIAL_COLUMNS = ("id", "claim_id", "claim_adjudication_id", "payer_id", "group_code", "reason_code", "remarks",
                  "amount_cents", "denied_on", "status", "note")
PLB_COLUMNS = ("id", "batch_id", "reason_code", "reference", "amount_cents")
BATCH_TX_COLUMNS = ("transaction_id", "batch_id", "claim_adjudication_id", "position")


def _adjudication_rows(plan: _Plan, ordered: list[tuple[Transaction, str | None]]) -> Rows:
    """What the batch records besides the ledger, as rows per table (parents first)."""
    claim_rows: list[tuple[Any, ...]] = []
    line_rows: list[tuple[Any, ...]] = []
    adjustment_rows: list[tuple[Any, ...]] = []
    denial_rows: list[tuple[Any, ...]] = []
    batch_id, denied_on = plan.batch_id, plan.batch.check_date.isoformat()
    keep = NextStep.KEEP.value
    for p in plan.claims:
        c = p.adjudication
        reversal = c.is_reversal
        prefix = p.id[:-4]  # the adjustment rows' ids: ledger_store.child_id(p.id, k)
        k = 0x8000  # adjustment rows: children of the claim adjudication after its lines
        claim_rows.append((p.id, batch_id, c.claim_id, p.position, c.status_code, c.payer_claim_reference,
                           c.billed, c.paid, c.patient_responsibility, p.outcome,
                           keep if reversal else c.next_step.value, remark_list(c.remarks) if c.remarks else "",
                           p.reverses.id if p.reverses else None))
        claim_level_posted = not reversal and any(not line.denied for line in p.lines)
        for a in c.claim_adjustments:
            k += 1
            adjustment_rows.append((f"{prefix}{k:04x}", p.id, None, a.group, a.reason, a.amount, a.quantity,
                                    int(claim_level_posted and a.written_off)))
        for line in p.lines:
            la = line.adjudication
            line_rows.append((line.id, p.id, la.service_line_id, la.billed, la.allowed, la.paid,
                              remark_list(la.remarks) if la.remarks else ""))
            posted = not line.denied and not reversal
            for a in la.adjustments:
                k += 1
                adjustment_rows.append((f"{prefix}{k:04x}", p.id, line.id, a.group, a.reason, a.amount, a.quantity,
                                        int(posted and a.written_off)))
        if p.denial is not None:
            d = p.denial
            denial_rows.append((new_id(), c.claim_id, p.id, plan.batch.payer_id, d["group_code"], d["reason_code"],
                                d["remarks"], d["amount_cents"], denied_on, "open", ""))
    return {
        "claim_adjudications": (CLAIM_COLUMNS, claim_rows),
        "line_adjudications": (LINE_COLUMNS, line_rows),
        "adjudication_adjustments": (ADJUSTMENT_COLUMNS, adjustment_rows),
        "provider_adjustments": (PLB_COLUMNS, [(new_id(), batch_id, x.reason, x.reference, x.amount)
                                               for x in plan.batch.provider_adjustments]),
        "batch_transactions": (BATCH_TX_COLUMNS, [(tx.id, batch_id, cid, n)
                                                  for n, (tx, cid) in enumerate(ordered, start=1)]),
        "denials": (DENIAL_COLUMNS, denial_rows),
    }


def _tx_payload(txs: Sequence[Transaction]) -> list[list[Any]]:
    """Per transaction: [id, kind, occurred_on, memo, source_key, reverses, [[account code, patient account,
    cents], ...]] (TX_PAYLOAD names the fields)."""
    # an account's code and patient account, by object (id() is cheap, an AccountKey's hash is not; txs keeps
    # every object alive meanwhile)
    accounts: dict[int, tuple[str, str | None]] = {}
    days: dict[date, str] = {}
    out = []
    for tx in txs:
        postings = []
        for p in tx.postings:
            account = accounts.get(id(p.account))
            if account is None:
                account = accounts[id(p.account)] = (p.account.code, p.account.patient_account)
            postings.append([account[0], account[1], p.amount])
        day = days.get(tx.occurred_on)
        if day is None:
            day = days[tx.occurred_on] = tx.occurred_on.isoformat()
        out.append([tx.id, str(tx.kind), day, tx.memo, tx.source_key, tx.reverses, postings])
    return out


TX_PAYLOAD = ["id", "kind", "occurred_on", "memo", "source_key", "reverses", "postings"]


def _write(ws: Workstation, conn: Connection, plan: _Plan, remittance_file_id: str | None) -> PostedBatch:
    actor = ws.signed_in()
    at = ws.now_iso()
    batch = plan.batch
    number = next_number(conn, "batch")
    remittance_store.insert_batch(
        conn, id=plan.batch_id, batch_number=number, kind=batch.kind.value, payer_id=batch.payer_id,
        method=batch.method.value, reference=batch.reference.strip(), check_date=batch.check_date,
        deposit_date=batch.deposit_date, amount_cents=batch.amount, on_account_cents=batch.on_account,
        on_account_reason=batch.on_account_reason, source_key=plan.source_key,
        remittance_file_id=remittance_file_id, status="posted", posted_at=at, posted_by=actor.username)
    ordered = plan.ordered()
    txs = [tx for tx, _ in ordered]
    ledger_store.insert_many(conn, txs, actor=actor.username, posted_at=at, account_ids=plan.account_ids)
    rows = _adjudication_rows(plan, ordered)
    for table, (columns, values) in rows.items():
        ledger_store.insert_rows(conn, table, columns, values)
    _finish_claims(ws, conn, plan.claims, at, number)
    for p in plan.claims:
        if p.reverses is not None:
            remittance_store.set_reversed_by(conn, p.reverses.id, p.id)
    reversed_ids = [p.reverses.id for p in plan.claims if p.reverses is not None]
    if reversed_ids:
        remittance_store.reverse_open_denials(conn, reversed_ids, at=at, by=actor.username,
                                              note=f"The payer reversed its decision (batch {number}).")
    notes: dict[str, str] = {}
    for p in plan.claims:  # the next payers' claims, readied together (the first note wins, as one at a time)
        if p.next_claim is not None and p.row is not None:
            notes.setdefault(p.next_claim.claim_number.strip().upper(),
                             f"Claim {p.number}'s adjudication by {p.row.payer_name} was posted (batch {number}).")
    readied = claims_service.ready_if_clean_many_in(ws, conn, list(notes), notes)
    denied = [p.number for p in plan.claims if p.denial is not None]
    ws.audit(conn, AuditAction.CHANGE, "payment_batch", plan.batch_id, {
        "op": "post", "batch_number": number, "payer_id": batch.payer_id, "reference": batch.reference,
        "check_date": batch.check_date.isoformat(), "amount_cents": batch.amount, "claims": len(plan.claims),
        "transactions": len(ordered), "status_changes": [[p.number, p.status_before, p.status_after]
                                                         for p in plan.claims if p.action is not None],
        "readied": readied, "denials": denied})
    ws.emit(conn, "payment.batch_posted", "payment_batch", plan.batch_id, {
        "batch_number": number, "kind": batch.kind.value, "payer_id": batch.payer_id, "method": batch.method.value,
        "reference": batch.reference, "check_date": batch.check_date.isoformat(),
        "deposit_date": batch.deposit_date.isoformat() if batch.deposit_date else None,
        "amount_cents": batch.amount, "on_account_cents": batch.on_account,
        "on_account_reason": batch.on_account_reason, "source_key": plan.source_key,
        "remittance_file_id": remittance_file_id, "posted_at": at, "posted_by": actor.username,
        "rows": {table: {"columns": list(columns), "rows": values} for table, (columns, values) in rows.items()},
        "claim_status": [[p.adjudication.claim_id, p.status_before, p.status_after] for p in plan.claims
                         if p.action is not None],
        "transaction_fields": TX_PAYLOAD, "transactions": _tx_payload(txs),
        "readied": readied})
    return PostedBatch(plan.batch_id, number,
                       [PostedClaim(p.number, p.outcome, NextStep.KEEP.value if p.adjudication.is_reversal
                                    else p.adjudication.next_step.value) for p in plan.claims],
                       readied, denied, len(ordered))


def _finish_claims(ws: Workstation, conn: Connection, plans: Sequence[_ClaimPlan], at: str, number: str) -> None:
    """Claim statuses, their history rows and the payer's claim numbers, in bulk."""
    actor = ws.signed_in()
    history: list[dict[str, Any]] = []
    final: dict[str, str] = {}
    for p in plans:
        if p.action is None or p.row is None:
            continue
        history.append({"id": child_id(p.id, 0xFFFF), "claim_id": p.row.id, "at": at, "actor": actor.username,
                        "from_status": p.status_before, "to_status": p.status_after,
                        "note": f"{p.reason} (batch {number})" if p.reason else f"Payment posted (batch {number})."})
        final[p.row.id] = p.status_after
    remittance_store.set_claim_statuses(conn, list(final.items()))
    remittance_store.insert_history(conn, history)
    references = {p.adjudication.claim_id: p.adjudication.payer_claim_reference for p in plans
                  if p.adjudication.payer_claim_reference and not p.adjudication.is_reversal and p.row is not None}
    remittance_store.set_payer_references(conn, references, at=at)


# --- the API -------------------------------------------------------------------------------------------------------
class Known(NamedTuple):
    """What a caller has read already, in the same transaction, of the claims it posts (the 835 importer reads
    them to match the file): the claims by id, the service lines and the claims of their encounters by
    encounter id (as remittance_store.claims_to_post, lines_to_post and claims_of_encounters read them; more
    claims and encounters than the batch has may be there)."""

    claims: dict[str, ClaimToPost]
    lines: dict[str, list[LineToPost]]
    siblings: dict[str, list[SiblingClaim]]


def _plan(ws: Workstation, conn: Connection, batch: RemittanceBatch, source_key: str | None,
          known: Known | None = None) -> _Plan:
    planner = _Planner(ws, conn, batch, batch.id or new_id(), source_key or batch_source_key(batch))
    planner.known = known
    return planner.plan()


def post_batch_in(ws: Workstation, conn: Connection, batch: RemittanceBatch, *, remittance_file_id: str | None = None,
                  source_key: str | None = None, known: Known | None = None) -> PostedBatch:
    """`post_batch` inside the caller's transaction (the 835 importer: once per check; call
    `catalog.prepare(ws)` before opening the transaction, as the next payer's claim is scrubbed). Refuses with
    a DomainError listing every problem, writing nothing, when check_batch finds problems, a claim can't be
    adjudicated now, a line is not on its claim or amounts exceed what the payer owes on a line; with
    AlreadyPosted when the source key was used. `source_key` defaults to `payer id|reference|check date`.
    CLP02=22 claims in the batch take back the earlier adjudication they reverse (found by claim, CLP07 and
    amount) before the batch's other claims post. `known`: the batch's claims and their lines as the caller
    read them in this transaction (see Known), not read again."""
    ws.require(Permission.POST_INSURANCE_PAYMENTS)
    plan = _plan(ws, conn, batch, source_key, known)
    if plan.problems:
        raise _refusal(plan)
    return _write(ws, conn, plan, remittance_file_id)


def post_batch(ws: Workstation, batch: RemittanceBatch) -> PostedBatch:
    """Post a batch in one transaction, all of it or nothing (POST_INSURANCE_PAYMENTS)."""
    ws.require(Permission.POST_INSURANCE_PAYMENTS)
    catalog.prepare(ws)
    with ws.write() as conn:
        return post_batch_in(ws, conn, batch)


class _TrialDone(Exception):
    def __init__(self, posted: PostedBatch) -> None:
        super().__init__("trial")
        self.posted = posted


def _effect(p: _ClaimPlan) -> ClaimEffect:
    c = p.adjudication
    if c.is_reversal:
        words = f"{_money(-c.paid)} paid earlier is taken back; the claim is reopened."
    else:
        parts = [f"{_money(c.paid)} paid"]
        if p.written_down:
            parts.append(f"{_money(p.written_down)} written down")
        if p.moved:
            parts.append(f"{_money(p.moved)} moved to {p.moved_to}")
        if p.denied_cents:
            parts.append(f"{_money(p.denied_cents)} denied (to the denials queue)")
        words = ", ".join(parts) + "."
    return ClaimEffect(p.number, p.outcome, NextStep.KEEP if c.is_reversal else c.next_step, c.paid,
                       p.written_down, p.moved, p.moved_to, p.denied_cents, p.status_after or p.status_before, words)


def preview_batch(ws: Workstation, batch: RemittanceBatch, *, source_key: str | None = None) -> BatchPreview:
    """A dry run: every problem and what posting would do to each claim; nothing is written. When there are no
    problems and a claim moves to a next payer, posting is tried in a transaction that is rolled back, so
    that `readied_claims` is exactly what posting would make ready."""
    ws.require(Permission.POST_INSURANCE_PAYMENTS)
    with ws.read() as conn:
        try:
            plan = _plan(ws, conn, batch, source_key)
        except AlreadyPosted as e:
            return BatchPreview([e.message], [], [], 0)
    effects = [_effect(p) for p in plan.claims]
    readied: list[str] = []
    candidates = [p.next_claim.claim_number for p in plan.claims if p.next_claim is not None]
    if not plan.problems and candidates:
        catalog.prepare(ws)
        try:
            with ws.write() as conn:
                raise _TrialDone(post_batch_in(ws, conn, batch, source_key=source_key))
        except _TrialDone as done:
            readied = done.posted.readied_claims
    return BatchPreview(plan.problems, effects, readied, len(plan.ordered()))


# --- reversing ---------------------------------------------------------------------------------------------------
def reverse_batch(ws: Workstation, batch_id: str, reason: str) -> None:
    """Reverse every ledger transaction of a posted batch, newest first; its claims are reopened (unless
    another batch's payment of the claim still stands: then the claim takes the status that payment gives it,
    see _restate), its open denials marked reversed, the batch marked
    reversed (REVERSE_TRANSACTIONS). A claim whose payment in this batch was reversed on its own already
    (reverse_claim_adjudication_in) is left as it is: the batch's other claims are reversed. Refused, with
    nothing written, when money has moved on since (for example the next payer already paid what was
    transferred to it) and when the batch holds the payer's reversal of an earlier check's payment (CLP02=22)."""
    actor = ws.require(Permission.REVERSE_TRANSACTIONS)
    if not reason.strip():
        raise DomainError("Say why the batch is reversed.", "reason")
    with ws.write() as conn:
        row = remittance_store.get_batch(conn, batch_id)
        if row is None:
            raise ServiceError("There is no such payment batch.", "batch_id")
        if row.status != "posted":
            raise DomainError(f"Batch {row.batch_number} was already reversed.", "batch_id")
        tx_rows = remittance_store.batch_transaction_rows(conn, batch_id)
        ids = [r.transaction_id for r in tx_rows]
        loaded = ledger_store.load_many(conn, ids)
        adjudications = remittance_store.load_batch_adjudications(conn, batch_id)
        numbers = {r.id: r.claim_number for r in remittance_store.claims_by_id(
            conn, (a.claim_id for a in adjudications)).values()}
        by_tx = {r.transaction_id: r.claim_adjudication_id for r in tx_rows}
        claim_of = {a.id: numbers.get(a.claim_id, "?") for a in adjudications}
        # A reversal row that takes back a payment of this same batch is a biller's reversal of one claim's
        # payment (reverse_claim_adjudication_in): that pair is settled already and is left alone, the rest of
        # the batch is reversed. One that takes back an earlier check's payment is the payer's (CLP02=22).
        ours = {a.id for a in adjudications}
        settled = {a.id for a in adjudications if a.reverses is not None and a.reverses in ours}
        takebacks = sorted({claim_of.get(by_tx.get(i) or "", "?") for i, tx in loaded.items()
                            if tx.kind is TxKind.REVERSAL and by_tx.get(i) not in settled})
        if takebacks:
            raise DomainError(f"Batch {row.batch_number} took back an earlier payment of claim"
                              f"{'s' if len(takebacks) > 1 else ''} {', '.join(takebacks)} (the payer's reversal of "
                              "an earlier check); a batch like that is not reversed as a whole: reverse its claims "
                              "one by one instead.", "batch_id")
        done = ledger_store.reversed_among(conn, ids)
        todo = [loaded[i] for i in reversed(ids) if i not in done and by_tx.get(i) not in settled]
        reason = reason.strip()
        on = ws.today()
        reversals = [reversal(tx, on, reason) for tx in todo]
        balances = ledger_store.balances(conn, {p.account for tx in reversals for p in tx.postings})
        problems: list[str] = []
        for tx in reversals:
            original = tx.reverses or ""
            where = f"Claim {claim_of[by_tx[original]]}" if by_tx.get(original) else f"Batch {row.batch_number}"
            for p in tx.postings:
                now = balances.get(p.account, 0)
                after = now + p.amount
                if p.account.kind is AccountKind.RECEIVABLE and after < 0:
                    party = p.account.party
                    who = "the patient" if party is Party.PATIENT else f"the {party.value if party else ''} payer"
                    problems.append(f"{where}: {_money(-p.amount)} was moved to {who} and has been paid, adjusted "
                                    f"or moved on since ({who}'s balance on the line is now {_money(now)}); reverse "
                                    "that posting first.")
                elif p.account.kind is AccountKind.PAYMENT_BATCH and after < 0:
                    problems.append(f"{where}: money of this batch was taken back by a later check; reverse that "
                                    "batch first.")
                balances[p.account] = after
        if problems:
            raise DomainError("\n".join([f"Batch {row.batch_number} can't be reversed; nothing was changed.",
                                         *(f"- {m}" for m in dict.fromkeys(problems))]), "batch_id")
        for tx in reversals:
            validate_transaction(tx)
        at = ws.now_iso()
        ledger_store.insert_many(conn, reversals, actor=actor.username, posted_at=at)
        start = remittance_store.next_transaction_position(conn, batch_id)
        remittance_store.insert_rows(conn, transaction_rows=[
            {"transaction_id": tx.id, "batch_id": batch_id, "claim_adjudication_id": by_tx.get(tx.reverses or ""),
             "position": start + n} for n, tx in enumerate(reversals)])
        # claims back to accepted (each once, whatever it went through), unless another check's adjudication of
        # the claim still stands
        claim_rows = remittance_store.claims_by_id(conn, {a.claim_id for a in adjudications})
        others = remittance_store.load_claims_adjudications(conn, claim_rows)
        history: list[dict[str, Any]] = []
        changes: list[tuple[str, str]] = []
        text = f"Payment batch {row.batch_number} reversed: {reason}"
        restate: list[tuple[str, ClaimStatus, str | None]] = []
        for cid, crow in claim_rows.items():
            if _payment_stands(others.get(cid, []), lambda a: a.batch_id == batch_id):
                mine = [a.id for a in others.get(cid, []) if a.batch_id == batch_id]
                restate.append((crow.claim_number, ClaimStatus(crow.status),
                                standing_outcome(others.get(cid, []), mine)))
                continue
            status = ClaimStatus(crow.status)
            try:
                t = check_transition(crow.claim_number, status, Action.REOPEN, actor.role, Facts(reason=text))
            except PermissionDenied:
                raise
            except DomainError:
                continue
            changes.append((cid, t.target.value))
            history.append({"id": new_id(), "claim_id": cid, "at": at, "actor": actor.username,
                            "from_status": status.value, "to_status": t.target.value, "note": text})
        remittance_store.set_claim_statuses(conn, changes)
        remittance_store.insert_history(conn, history)
        remittance_store.reverse_open_denials(conn, [a.id for a in adjudications], at=at, by=actor.username,
                                              note=text)
        remittance_store.mark_batch_reversed(conn, batch_id, at=at, by=actor.username, reason=reason)
        ws.audit(conn, AuditAction.CHANGE, "payment_batch", batch_id,
                 {"op": "reverse", "batch_number": row.batch_number, "reason": reason,
                  "transactions": len(reversals), "reopened": [claim_rows[c].claim_number for c, _ in changes]})
        ws.emit(conn, "payment.batch_reversed", "payment_batch", batch_id, {
            "batch_number": row.batch_number, "reason": reason,
            "claims": [{"claim_id": c, "to": s} for c, s in changes],
            "transaction_fields": TX_PAYLOAD, "transactions": _tx_payload(reversals)})
        for claim_number, status, outcome in restate:
            _restate(ws, conn, claim_number, status, outcome, text)


_OUTCOME_MOVES = {"paid": (Action.PAY, ClaimStatus.PAID),
                  "partially_paid": (Action.PAY_PARTIALLY, ClaimStatus.PARTIALLY_PAID),
                  "denied": (Action.DENY, ClaimStatus.DENIED)}
_RESTATED = frozenset({ClaimStatus.PAID, ClaimStatus.PARTIALLY_PAID, ClaimStatus.DENIED})


def _restate(ws: Workstation, conn: Connection, claim_number: str, status: ClaimStatus, outcome: str | None,
             note: str) -> ClaimStatus:
    """A payment of the claim was reversed while another of its payments stands: the claim takes the status
    the standing ones give it (domain.adjudication.standing_outcome: paid becomes partially paid when what is
    left pays only some lines), by reopening it and recording that outcome again (two declared moves, both in
    its history and sent to the other workstations as status changes). An appealed or closed claim keeps its
    status."""
    if outcome is None or status not in _RESTATED:
        return status
    action, target = _OUTCOME_MOVES[outcome]
    if target is status:
        return status
    claims_service.transition_in(ws, conn, claim_number, Action.REOPEN, reason=note, note=note)
    claims_service.transition_in(ws, conn, claim_number, action, reason=note, note=note)
    return target


def _payment_stands(adjudications: Sequence[PostedAdjudication],
                    undone: Callable[[PostedAdjudication], bool]) -> bool:
    """Whether a payment of the claim that is not being reversed (`undone`) is still in effect: then the
    claim is not reopened."""
    return any(a.in_effect and not undone(a) for a in adjudications)


@dataclass(frozen=True, slots=True)
class ClaimReversal:
    """What reversing one claim's payment did (reverse_claim_payment_in)."""

    id: str  # the reversal row recorded in the batch
    claim_status: str  # the claim's status afterwards
    reopened: bool  # False when another batch's payment of the claim still stands
    unreadied: list[str]  # next payers' claims moved back to draft (they were built on the reversed payment)
    to_check: list[str]  # "Check claim X: ..." for next payers' claims that were built on it but have moved on


def reverse_claim_adjudication_in(ws: Workstation, conn: Connection, claim_adjudication_id: str,
                                  batch_id_of_new_row: str, reason: str) -> str:
    """reverse_claim_payment_in, returning only the new reversal row's id."""
    return reverse_claim_payment_in(ws, conn, claim_adjudication_id, batch_id_of_new_row, reason).id


def reverse_claim_payment_in(ws: Workstation, conn: Connection, claim_adjudication_id: str,
                             batch_id_of_new_row: str, reason: str) -> ClaimReversal:
    """A biller's reversal of one claim's payment: reverse the ledger transactions of that claim
    adjudication (newest first), record a status 22 row in batch `batch_id_of_new_row` pointing at it
    (`reverses`), mark it `reversed_by` and mark its open denial reversed. The claim is reopened only when no
    other batch's payment of it remains in effect (the rule reverse_batch uses). When the payment had moved the
    balance on to the next payer, that payer's claim, if still ready (not sent), goes back to draft with a
    history note; if it was sent already (or another payment of this claim still stands) it is listed in
    `to_check`. post_batch_in does the payer's CLP02=22 reversals itself (and also keeps each batch account
    equal to its check); use this only for a reversal that is not part of a batch being posted."""
    actor = ws.require(Permission.POST_INSURANCE_PAYMENTS)
    old = remittance_store.load_adjudication(conn, claim_adjudication_id)
    if old is None:
        raise ServiceError("There is no such claim adjudication.", "claim_adjudication_id")
    if not old.in_effect:
        raise DomainError("That adjudication was already reversed; nothing was posted.", "claim_adjudication_id")
    batch_row = remittance_store.get_batch(conn, batch_id_of_new_row)
    if batch_row is None:
        raise ServiceError("There is no such payment batch.", "batch_id")
    claim_row = remittance_store.claims_by_id(conn, [old.claim_id])[old.claim_id]
    reason = reason.strip() or f"The payer reversed its payment of claim {claim_row.claim_number}."
    ids = remittance_store.claim_transaction_ids(conn, old.id)
    done = ledger_store.reversed_among(conn, ids)
    loaded = ledger_store.load_many(conn, [i for i in ids if i not in done])
    on = ws.today()
    reversals = [reversal(loaded[i], on, reason) for i in reversed(ids)
                 if i in loaded and loaded[i].kind is not TxKind.REVERSAL]
    balances = ledger_store.balances(conn, {p.account for tx in reversals for p in tx.postings})
    for tx in reversals:
        validate_transaction(tx)
        for p in tx.postings:
            if p.account.kind is AccountKind.RECEIVABLE and balances.get(p.account, 0) + p.amount < 0:
                raise DomainError(f"Claim {claim_row.claim_number}: {_money(-p.amount)} moved on from this payment "
                                  "has been paid, adjusted or moved since; reverse that posting first. Nothing was "
                                  "posted.", "claim_adjudication_id")
            balances[p.account] = balances.get(p.account, 0) + p.amount
    at = ws.now_iso()
    ledger_store.insert_many(conn, reversals, actor=actor.username, posted_at=at)
    new = new_id()
    remittance_store.insert_rows(conn, claim_rows=[{
        "id": new, "batch_id": batch_id_of_new_row, "claim_id": old.claim_id,
        "position": remittance_store.next_claim_position(conn, batch_id_of_new_row), "status_code": REVERSAL,
        "payer_claim_reference": old.payer_claim_reference, "billed_cents": -old.billed, "paid_cents": -old.paid,
        "patient_responsibility_cents": -old.patient_responsibility, "outcome": "reversal",
        "next_step": NextStep.KEEP.value, "remarks": "", "reverses": old.id, "reversed_by": None}])
    start = remittance_store.next_transaction_position(conn, batch_id_of_new_row)
    remittance_store.insert_rows(conn, transaction_rows=[
        {"transaction_id": tx.id, "batch_id": batch_id_of_new_row, "claim_adjudication_id": new, "position": start + n}
        for n, tx in enumerate(reversals)])
    remittance_store.set_reversed_by(conn, old.id, new)
    remittance_store.reverse_open_denials(conn, [old.id], at=at, by=actor.username, note=reason)
    status = ClaimStatus(claim_row.status)
    decisions = remittance_store.load_claim_adjudications(conn, old.claim_id)
    stands = _payment_stands(decisions, lambda a: a.id == old.id)
    reopened = False
    if stands:
        status = _restate(ws, conn, claim_row.claim_number, status, standing_outcome(decisions, [old.id]),
                          f"Payment of batch {batch_row.batch_number} reversed: {reason}")
    else:
        try:
            t = check_transition(claim_row.claim_number, status, Action.REOPEN, actor.role, Facts(reason=reason))
        except PermissionDenied:
            raise
        except DomainError:
            pass
        else:
            remittance_store.set_claim_statuses(conn, [(old.claim_id, t.target.value)])
            remittance_store.insert_history(conn, [{"id": new_id(), "claim_id": old.claim_id, "at": at,
                                                    "actor": actor.username, "from_status": status.value,
                                                    "to_status": t.target.value, "note": reason}])
            status, reopened = t.target, True
    unreadied, to_check = _unready_next_claims(ws, conn, claim_row, reversals, stands, batch_row.batch_number,
                                               reason)
    ws.audit(conn, AuditAction.CHANGE, "claim_adjudication", new,
             {"op": "reverse", "reverses": old.id, "claim_number": claim_row.claim_number, "reason": reason,
              "reopened": reopened, "unreadied": unreadied, "to_check": to_check})
    ws.emit(conn, "payment.claim_reversed", "claim_adjudication", new, {
        "reverses": old.id, "batch_id": batch_id_of_new_row, "claim_id": old.claim_id, "reopened": reopened,
        "transaction_fields": TX_PAYLOAD, "transactions": _tx_payload(reversals)})
    return ClaimReversal(new, status.value, reopened, unreadied, to_check)


def _unready_next_claims(ws: Workstation, conn: Connection, claim_row: Row[Any], reversals: Sequence[Transaction],
                         stands: bool, batch_number: str, reason: str) -> tuple[list[str], list[str]]:
    """The next payer's claim of the visit, when the reversed payment had moved a balance on to it: back to
    draft while it is ready (not sent; through the state machine, UNREADY), else listed to be checked.
    Returns (claims moved back to draft, "Check claim X" messages)."""
    party = Party(claim_row.rank)
    nxt = _NEXT_PARTY.get(party)
    moved = nxt is not None and any(p.account.kind is AccountKind.RECEIVABLE and p.account.party is nxt
                                    and p.amount < 0 for tx in reversals for p in tx.postings)
    if not moved or nxt is None:
        return [], []
    unreadied: list[str] = []
    to_check: list[str] = []
    siblings = remittance_store.claims_of_encounters(conn, [claim_row.encounter_id]).get(claim_row.encounter_id, [])
    note = (f"The {party.value} claim {claim_row.claim_number}'s payment it was built on was reversed "
            f"(batch {batch_number}): {reason.rstrip('.')}.")
    for s in siblings:
        if s.rank != nxt.value or ClaimStatus(s.status) is ClaimStatus.DRAFT:
            continue
        if ClaimStatus(s.status) is ClaimStatus.READY and not stands:
            try:
                claims_service.transition_in(ws, conn, s.claim_number, Action.UNREADY, reason=note)
            except DomainError:  # PermissionDenied included: the biller is told instead
                pass
            else:
                unreadied.append(s.claim_number)
                continue
        to_check.append(f"Check claim {s.claim_number} ({s.payer_name}, {ClaimStatus(s.status).label}): it was "
                        f"built on the reversed payment of claim {claim_row.claim_number}.")
    return unreadied, to_check


# --- reading ------------------------------------------------------------------------------------------------------
def _postable(conn: Connection, rows: Sequence[Row[Any]]) -> list[PostableClaim]:
    lines = remittance_store.lines_of(conn, (r.encounter_id for r in rows))
    siblings = remittance_store.claims_of_encounters(conn, (r.encounter_id for r in rows))
    keys = [receivable(line.id, Party(r.rank), r.account_number)
            for r in rows for line in lines.get(r.encounter_id, [])]
    balances = ledger_store.balances(conn, keys)
    out = []
    for r in rows:
        party = Party(r.rank)
        nxt_party = _NEXT_PARTY.get(party)
        nxt = [s for s in siblings.get(r.encounter_id, []) if nxt_party is not None and s.rank == nxt_party.value]
        out.append(PostableClaim(
            claim_id=r.id, claim_number=r.claim_number, status=ClaimStatus(r.status), payer_id=r.payer_id,
            payer_name=r.payer_name, party=party, patient_name=f"{r.patient_last_name}, {r.patient_first_name}",
            account_number=r.account_number, date_of_service=r.date_of_service,
            lines=tuple(PostableLine(
                line.id, int(line.position), line.procedure,
                tuple(m for m in (line.modifier_1, line.modifier_2, line.modifier_3, line.modifier_4) if m),
                line.from_date or r.date_of_service, int(line.units), int(line.charge_cents),
                balances.get(receivable(line.id, party, r.account_number), 0))
                for line in lines.get(r.encounter_id, [])),
            next_payer_name=nxt[0].payer_name if nxt else None, has_next_claim=bool(nxt)))
    return out


def _parse_day(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%m/%d/%Y", "%m/%d/%y", "%m-%d-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def find_claims_for_posting(ws: Workstation, text: str, payer_id: str | None = None) -> list[PostableClaim]:
    """Claims a payment may be posted to (submitted, accepted, appealed; also paid, partially paid and denied,
    for a second payment) by claim number, patient name ("Last", "Last, First") or date of service
    (YYYY-MM-DD or MM/DD/YYYY); optionally only one payer's. Newest visit first, at most 200."""
    ws.require(Permission.VIEW_ACCOUNTS)
    text = text.strip()
    statuses = [s.value for s in POSTABLE]
    with ws.read() as conn:
        rows: list[Row[Any]] = []
        if text:
            rows = remittance_store.find_claims(conn, statuses, claim_number=text.upper(), payer_id=payer_id)
        looks_like_number = any(ch.isdigit() for ch in text) and " " not in text and "," not in text
        if not rows:
            day = _parse_day(text) if text else None
            if day is None and looks_like_number:
                rows = []  # a claim number that is not (or not yet) open to posting
            elif day is not None:
                rows = remittance_store.find_claims(conn, statuses, on=day, payer_id=payer_id)
            elif text:
                last, _, first = text.partition(",")
                if not first and " " in last.strip():
                    last, _, first = last.strip().partition(" ")
                if name_key(last):
                    rows = remittance_store.find_claims(conn, statuses, last_key=name_key(last),
                                                        first_key=name_key(first) or None, payer_id=payer_id)
            else:
                rows = remittance_store.find_claims(conn, statuses, payer_id=payer_id)
        return _postable(conn, rows)


def postable_claim(ws: Workstation, claim_number: str) -> PostableClaim:
    """One claim (in any state) with its lines and what its payer owes on each; ServiceError if there is none."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        rows = remittance_store.find_claims(conn, [s.value for s in ClaimStatus],
                                            claim_number=claim_number.strip().upper())
        if not rows:
            raise ServiceError(f"There is no claim {claim_number}.", "claim_number")
        return _postable(conn, rows)[0]


def _patient_name(r: Row[Any]) -> str:
    return f"{r.patient_last_name}, {r.patient_first_name}"


def _summary(r: Row[Any]) -> BatchSummary:
    return BatchSummary(id=r.id, batch_number=r.batch_number, kind=r.kind, payer_id=r.payer_id,
                        payer_name=r.payer_name, method=r.method, reference=r.reference, check_date=r.check_date,
                        deposit_date=r.deposit_date, amount_cents=int(r.amount_cents),
                        paid_to_claims_cents=int(r.paid_to_claims), claim_count=int(r.claim_count), status=r.status,
                        posted_at=r.posted_at, posted_by=r.posted_by, file_name=r.file_name)


def list_batches(ws: Workstation, payer_id: str | None = None, since: date | None = None) -> list[BatchSummary]:
    """Posted (and reversed) batches, newest check first."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return [_summary(r) for r in remittance_store.list_batches(conn, payer_id, since)]


def batch_detail(ws: Workstation, batch_id: str) -> BatchDetail:
    """A batch with each claim's adjudication (lines, adjustments, remarks), its PLBs and its transactions."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        row = remittance_store.get_batch(conn, batch_id)
        if row is None:
            raise ServiceError("There is no such payment batch.", "batch_id")
        adjudications = remittance_store.load_batch_adjudications(conn, batch_id)
        claim_rows = remittance_store.claims_by_id(conn, (a.claim_id for a in adjudications))
        return BatchDetail(
            summary=_summary(row),
            claims=[BatchClaim(claim_rows[a.claim_id].claim_number, _patient_name(claim_rows[a.claim_id]), a)
                    for a in adjudications],
            provider_adjustments=[ProviderAdjustment(r.reason_code, r.reference, int(r.amount_cents))
                                  for r in remittance_store.provider_adjustments_of(conn, batch_id)],
            on_account_cents=int(row.on_account_cents), on_account_reason=row.on_account_reason,
            reversed_at=row.reversed_at, reversed_by=row.reversed_by, reversal_reason=row.reversal_reason,
            transaction_ids=[r.transaction_id for r in remittance_store.batch_transaction_rows(conn, batch_id)])


def claim_adjudications(ws: Workstation, claim_id: str) -> list[PostedAdjudication]:
    """Every adjudication recorded for a claim, oldest first, with the batch's payer and check date; use
    `.in_effect` for the ones that currently count (not reversed). Inside a connection:
    remittance_store.load_claim_adjudications(conn, claim_id)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return remittance_store.load_claim_adjudications(conn, claim_id)


__all__ = ["AlreadyPosted", "BatchClaim", "BatchDetail", "BatchPreview", "BatchSummary", "ClaimEffect",
           "PostableClaim", "PostableLine", "PostedBatch", "PostedClaim", "batch_detail", "batch_source_key",
           "claim_adjudications", "find_claims_for_posting", "list_batches", "post_batch", "post_batch_in",
           "postable_claim", "preview_batch", "reverse_batch", "reverse_claim_adjudication_in",
           "reverse_claim_payment_in", "ClaimReversal"]
