"""The denials queue (issue 5, item 5): claims a payer refused, by reason code (CARC), payer and age, and the
four ways a biller works one.

Posting (services/posting.py) queues a `denials` row, status 'open', for a claim adjudication with denied lines;
the denied lines' balance stays with the payer. Each action here is one write transaction that does its work,
marks the denial worked (status, resolved_at/by, note), writes an audit row and an outbox event:

- correct and resubmit (`resubmit`): the claim goes back to ready as a replacement (frequency 7) of the payer's
  claim number from the adjudication (CLP07), once the scrubber passes -> 'resubmitted';
- appeal (`appeal`): the claim moves to appealed with the biller's argument, which goes into an appeal letter
  (PDF bytes returned, the print audited) -> 'appealed';
- write off (`write_off`, managers only: Permission.WRITE_OFF): the payer's remaining balance on each denied
  line is adjusted off to the denial's group code + CARC (CO-16 ...), memo "written off: <reason>"; the claim is
  closed -> 'written_off';
- move to patient (`move_to_patient`): the payer's remaining balance on every line of the claim moves to the
  patient's receivable (the patient now owes it); the claim is closed -> 'to_patient'.

Which lines: a write-off covers the lines the payer denied (nothing paid, nothing on the patient, a CO/OA/PI
adjustment), or every line when the payer denied the whole claim without line detail; a move to the patient
takes whatever the payer still owes on the claim. A claim is closed only when its state allows it (denied or
partially paid); a claim already closed stays closed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row

from medbill_desktop.documents.appeal_letter import AppealLetterData, AppealLine, CodeText, render_appeal_letter
from medbill_desktop.domain.adjudication import CasAdjustment, LineAdjudication
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.claims import Action, ClaimStatus
from medbill_desktop.domain.errors import PermissionDenied
from medbill_desktop.domain.ledger import Party, Transaction, adjustment, receivable, transfer
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.practice import Address, format_phone
from medbill_desktop.domain.roles import Permission, allows
from medbill_desktop.services import claims as claims_service
from medbill_desktop.services.catalog import prepare
from medbill_desktop.services.claims import HistoryEntry, Note
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.ledger import permission_for, post_in
from medbill_desktop.services.practice import load_practice
from medbill_desktop.storage import claims_store, encounters_store, ledger_store, patients_store, reference_store
from medbill_desktop.storage import denials_store as store

OPEN = "open"
STATUSES = ("open", "resubmitted", "appealed", "written_off", "to_patient", "reversed")
STATUS_WORDS = {"open": "Open", "resubmitted": "Resubmitted", "appealed": "Appealed", "written_off": "Written off",
                "to_patient": "Moved to patient", "reversed": "Reversed (batch taken back)"}
# Age since the denial (the check date): the buckets the queue counts by.
AGE_BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-30", 0, 30), ("31-60", 31, 60), ("61-90", 61, 90), ("90+", 91, None))
GROUP_WORDS = {"CO": "contractual obligation", "OA": "other adjustment", "PI": "payer-initiated reduction",
               "PR": "patient responsibility"}


def age_bucket(days: int) -> str:
    for key, low, high in AGE_BUCKETS:
        if days >= low and (high is None or days <= high):
            return key
    return AGE_BUCKETS[0][0]


# --- what the queue shows ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class CodeMeaning:
    code: str
    description: str  # "" when the code is not in the CARC/RARC lists held

    @property
    def text(self) -> str:
        return f"{self.code} {self.description}".strip()


@dataclass(frozen=True, slots=True)
class DenialRow:
    id: str
    claim_id: str
    claim_number: str
    claim_status: ClaimStatus
    claim_adjudication_id: str
    patient_id: str
    patient_name: str  # "Last, First"
    account_number: str
    payer_id: str
    payer_name: str
    party: Party  # the claim's rank: whose receivable holds the denied balance
    date_of_service: date | None
    group_code: str
    reason_code: str  # CARC
    reason_description: str
    remarks: tuple[CodeMeaning, ...]  # RARC
    amount_cents: int  # what the denied lines billed
    denied_on: date
    age_days: int
    status: str
    resolved_at: str | None
    resolved_by: str | None
    note: str
    payer_claim_reference: str  # the payer's claim number (CLP07), for a replacement or an appeal
    check_reference: str  # the check or EFT trace the denial came on
    batch_number: str

    @property
    def carc(self) -> str:
        return f"{self.group_code}-{self.reason_code}"

    @property
    def age_bucket(self) -> str:
        return age_bucket(self.age_days)

    @property
    def status_text(self) -> str:
        return STATUS_WORDS.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class Count:
    key: str  # "CO-16", a payer id, an age bucket
    label: str  # what to show: "CO-16 Claim is missing information…", "Aetna", "31-60 days"
    count: int
    amount_cents: int


@dataclass(frozen=True, slots=True)
class DenialQueue:
    rows: list[DenialRow]  # the denials matching every filter, oldest first
    by_reason: list[Count]  # each facet counts with the other filters applied, not its own
    by_payer: list[Count]
    by_age: list[Count]  # always the four buckets, in order
    total: int  # denials of the status, before the filters
    total_cents: int


def _remarks(text: str) -> list[str]:
    return [c for c in text.split() if c]


def _rows(conn: Connection, rows: Sequence[Row[Any]], today: date) -> list[DenialRow]:
    carcs = store.descriptions(conn, "carc", (r.reason_code for r in rows))
    rarcs = store.descriptions(conn, "rarc", (c for r in rows for c in _remarks(r.remarks)))
    out = []
    for r in rows:
        out.append(DenialRow(
            id=r.id, claim_id=r.claim_id, claim_number=r.claim_number, claim_status=ClaimStatus(r.claim_status),
            claim_adjudication_id=r.claim_adjudication_id, patient_id=r.patient_id,
            patient_name=f"{r.patient_last_name}, {r.patient_first_name}", account_number=r.account_number,
            payer_id=r.payer_id, payer_name=r.payer_name, party=Party(r.rank), date_of_service=r.date_of_service,
            group_code=r.group_code, reason_code=r.reason_code, reason_description=carcs.get(r.reason_code, ""),
            remarks=tuple(CodeMeaning(c, rarcs.get(c, "")) for c in _remarks(r.remarks)),
            amount_cents=int(r.amount_cents), denied_on=r.denied_on, age_days=max(0, (today - r.denied_on).days),
            status=r.status, resolved_at=r.resolved_at, resolved_by=r.resolved_by, note=r.note or "",
            payer_claim_reference=r.adjudication_reference or r.tracking_reference or "",
            check_reference=r.check_reference or "", batch_number=r.batch_number or ""))
    return out


def _status(status: str | None) -> str | None:
    if status is None or status == "all":
        return None
    if status not in STATUSES:
        raise ServiceError(f"'{status}' is not a denial status; use one of {', '.join(STATUSES)} or all.", "status")
    return status


def _counts(rows: Iterable[DenialRow], key: Any, label: Any) -> list[Count]:
    n: Counter[str] = Counter()
    cents: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for r in rows:
        k = key(r)
        n[k] += 1
        cents[k] += r.amount_cents
        labels[k] = label(r)
    return [Count(k, labels[k], n[k], cents[k]) for k in sorted(n, key=lambda k: (-n[k], labels[k].lower()))]


def list_denials(ws: Workstation, status: str | None = OPEN, payer_id: str | None = None,
                 reason_code: str | None = None, min_age_days: int | None = None,
                 age: str | None = None) -> DenialQueue:
    """The denials of one status ('open' to start; None or 'all' for every one), optionally of one payer, one
    reason ("CO-16" or just the CARC "16"), at least so many days old and in one age bucket ("31-60"), with
    counts by CARC, payer and age bucket."""
    ws.require(Permission.VIEW_ACCOUNTS)
    prepare(ws)  # the shipped CARC and RARC lists
    wanted = _status(status)
    if age is not None and age not in {key for key, _lo, _hi in AGE_BUCKETS}:
        raise ServiceError(f"'{age}' is not an age bucket; use one of "
                           f"{', '.join(key for key, _lo, _hi in AGE_BUCKETS)}.", "age")
    reason = (reason_code or "").strip().upper() or None
    with ws.read() as conn:
        everything = _rows(conn, store.list_denials(conn, wanted), ws.today())

    def by_payer(r: DenialRow) -> bool:
        return payer_id is None or r.payer_id == payer_id

    def by_reason(r: DenialRow) -> bool:
        return reason is None or reason in (r.carc, r.reason_code)

    def by_age(r: DenialRow) -> bool:
        return (not min_age_days or r.age_days >= min_age_days) and (age is None or r.age_bucket == age)

    rows = [r for r in everything if by_payer(r) and by_reason(r) and by_age(r)]
    reasons = _counts((r for r in everything if by_payer(r) and by_age(r)), lambda r: r.carc,
                      lambda r: f"{r.carc} {r.reason_description}".strip())
    payers = _counts((r for r in everything if by_reason(r) and by_age(r)), lambda r: r.payer_id,
                     lambda r: r.payer_name)
    aged = [r for r in everything if by_payer(r) and by_reason(r) and (not min_age_days or r.age_days >= min_age_days)]
    ages = [Count(key, f"{key} days", sum(1 for r in aged if r.age_bucket == key),
                  sum(r.amount_cents for r in aged if r.age_bucket == key)) for key, _lo, _hi in AGE_BUCKETS]
    return DenialQueue(rows, reasons, payers, ages, len(everything), sum(r.amount_cents for r in everything))


# --- one denial in detail ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AdjustmentText:
    group: str
    reason: str
    amount_cents: int
    description: str
    posted: bool  # written off when posted (CO/OA/PI on a paid line); a denied line's are only recorded

    @property
    def label(self) -> str:
        return f"{self.group}-{self.reason}"


@dataclass(frozen=True, slots=True)
class AdjudicatedLine:
    service_line_id: str
    position: int
    code: str  # procedure with modifiers: "99213-25"
    units: int
    date_of_service: date | None
    billed_cents: int
    allowed_cents: int | None
    paid_cents: int
    adjustments: tuple[AdjustmentText, ...]
    remarks: tuple[CodeMeaning, ...]
    denied: bool
    payer_balance_cents: int  # what the claim's payer still owes on the line now


@dataclass(frozen=True, slots=True)
class DenialDetail:
    denial: DenialRow
    check_date: date | None
    lines: tuple[AdjudicatedLine, ...]
    claim_adjustments: tuple[AdjustmentText, ...]  # claim-level CAS
    claim_remarks: tuple[CodeMeaning, ...]  # MOA/MIA remarks of the adjudication
    payer_balance_cents: int  # what the payer still owes on the whole claim
    patient_balance_cents: int
    history: tuple[HistoryEntry, ...]
    notes: tuple[Note, ...]
    can_write_off: bool  # whether the signed-in user may write off (the GUI hides the action otherwise)


def _row(conn: Connection, denial_id: str) -> Row[Any]:
    row = store.get_denial(conn, denial_id)
    if row is None:
        raise ServiceError("That denial is no longer in the queue.", "denial_id")
    return row


def _code(line: Row[Any]) -> str:
    mods = [m for m in (line.modifier_1, line.modifier_2, line.modifier_3, line.modifier_4) if m]
    return "-".join([line.procedure, *mods])


def _lines(conn: Connection, row: Row[Any]) -> tuple[list[AdjudicatedLine], list[AdjustmentText], list[CodeMeaning]]:
    adjudicated = store.adjudication_lines(conn, row.claim_adjudication_id)
    cas = store.adjustments(conn, row.claim_adjudication_id)
    adjudication = store.adjudication(conn, row.claim_adjudication_id)
    claim_remarks = _remarks(adjudication.remarks if adjudication is not None else "")
    whole_claim = adjudication is not None and adjudication.outcome == "denied"  # every line, as posting reads it
    carcs = store.descriptions(conn, "carc", (a.reason_code for a in cas))
    rarcs = store.descriptions(conn, "rarc", [*claim_remarks, *(c for x in adjudicated for c in _remarks(x.remarks))])
    party = Party(row.rank)
    keys = {x.service_line_id: receivable(x.service_line_id, party, row.account_number) for x in adjudicated}
    balances = ledger_store.balances(conn, keys.values())

    def text(a: Row[Any]) -> AdjustmentText:
        return AdjustmentText(a.group_code, a.reason_code, int(a.amount_cents), carcs.get(a.reason_code, ""),
                              bool(a.posted))

    lines = []
    for x in adjudicated:
        own = [a for a in cas if a.line_adjudication_id == x.id]
        domain_line = LineAdjudication(x.service_line_id, int(x.billed_cents), int(x.paid_cents), x.allowed_cents,
                                       tuple(CasAdjustment(a.group_code, a.reason_code, int(a.amount_cents))
                                             for a in own))
        lines.append(AdjudicatedLine(
            x.service_line_id, int(x.position), _code(x), int(x.units), x.from_date or row.date_of_service,
            int(x.billed_cents), None if x.allowed_cents is None else int(x.allowed_cents), int(x.paid_cents),
            tuple(text(a) for a in own), tuple(CodeMeaning(c, rarcs.get(c, "")) for c in _remarks(x.remarks)),
            domain_line.denied or whole_claim, balances.get(keys[x.service_line_id], 0)))
    claim_level = [text(a) for a in cas if a.line_adjudication_id is None]
    return lines, claim_level, [CodeMeaning(c, rarcs.get(c, "")) for c in claim_remarks]


def _claim_balances(conn: Connection, row: Row[Any]) -> dict[str, tuple[int, int]]:
    """service line id -> (what the claim's payer owes, what the patient owes), for every line of the claim."""
    lines = claims_store.lines_of(conn, [row.encounter_id])
    party = Party(row.rank)
    keys = [(line.id, receivable(line.id, party, row.account_number),
             receivable(line.id, Party.PATIENT, row.account_number)) for line in lines]
    found = ledger_store.balances(conn, [k for _, a, b in keys for k in (a, b)])
    return {line_id: (found.get(a, 0), found.get(b, 0)) for line_id, a, b in keys}


def denial_detail(ws: Workstation, denial_id: str) -> DenialDetail:
    """The denial with its claim's facts: the adjudicated lines with their CAS adjustments and remarks, what the
    payer and the patient still owe, the claim's history and notes."""
    actor = ws.require(Permission.VIEW_ACCOUNTS)
    prepare(ws)
    with ws.read() as conn:
        row = _row(conn, denial_id)
        denial = _rows(conn, [row], ws.today())[0]
        lines, claim_level, claim_remarks = _lines(conn, row)
        adjudication = store.adjudication(conn, row.claim_adjudication_id)
        balances = _claim_balances(conn, row)
        history = tuple(HistoryEntry(h.at, h.actor, h.from_status, h.to_status, h.note)
                        for h in encounters_store.claim_history(conn, row.claim_id))
        notes = tuple(Note(n.at, n.actor, n.text) for n in claims_store.notes_for(conn, row.claim_id))
    return DenialDetail(
        denial, adjudication.check_date if adjudication is not None else None, tuple(lines), tuple(claim_level),
        tuple(claim_remarks), sum(p for p, _ in balances.values()), sum(q for _, q in balances.values()),
        history, notes, allows(actor.role, Permission.WRITE_OFF))


# --- working a denial ----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClaimNow:
    """The claim after the action."""

    claim_number: str
    status: ClaimStatus
    payer_balance_cents: int
    patient_balance_cents: int


@dataclass(frozen=True, slots=True)
class DenialOutcome:
    denial: DenialRow  # as it is now (worked)
    claim: ClaimNow
    amount_cents: int  # written off or moved to the patient (0 for a resubmission or an appeal)
    transaction_ids: tuple[str, ...]
    message: str  # what happened, in plain words


@dataclass(frozen=True, slots=True)
class AppealOutcome:
    outcome: DenialOutcome
    pdf: bytes  # the appeal letter
    file_name: str


def _open(conn: Connection, denial_id: str) -> Row[Any]:
    row = _row(conn, denial_id)
    if row.status != OPEN:
        who = f" by {row.resolved_by}" if row.resolved_by else ""
        when = f" on {row.resolved_at[:10]}" if row.resolved_at else ""
        raise ServiceError(f"The denial of claim {row.claim_number} was already worked{who}{when} "
                           f"({STATUS_WORDS.get(row.status, row.status).lower()}); nothing was changed.", "status")
    return row


def _finish(ws: Workstation, conn: Connection, row: Row[Any], status: str, note: str,
            detail: dict[str, Any]) -> DenialRow:
    actor = ws.signed_in()
    at = ws.now_iso()
    if not store.resolve(conn, row.id, status=status, at=at, by=actor.username, note=note):
        raise ServiceError(f"The denial of claim {row.claim_number} was worked by someone else meanwhile; "
                           "nothing was changed.", "status")
    payload = {"claim_number": row.claim_number, "claim_id": row.claim_id, "status": status,
               "carc": f"{row.group_code}-{row.reason_code}", "note": note, **detail}
    ws.audit(conn, AuditAction.CHANGE, "denial", row.id, {"op": status, **payload})
    ws.emit(conn, f"denial.{status}", "denial", row.id, payload)
    return _rows(conn, [_row(conn, row.id)], ws.today())[0]


def _claim_status(conn: Connection, row: Row[Any]) -> ClaimStatus:
    claim = claims_store.get_claim(conn, row.claim_number)
    assert claim is not None  # a foreign key
    return ClaimStatus(claim.status)


def _claim_now(conn: Connection, row: Row[Any]) -> ClaimNow:
    balances = _claim_balances(conn, row)
    return ClaimNow(row.claim_number, _claim_status(conn, row), sum(p for p, _ in balances.values()),
                    sum(q for _, q in balances.values()))


def _close_claim(ws: Workstation, conn: Connection, row: Row[Any], note: str) -> None:
    """Close the claim, unless it is closed already."""
    if _claim_status(conn, row) is not ClaimStatus.CLOSED:
        claims_service.transition_in(ws, conn, row.claim_number, Action.CLOSE, note=note)


def resubmit(ws: Workstation, denial_id: str, note: str = "", payer_reference: str = "") -> DenialOutcome:
    """Correct and resubmit: the claim goes back to ready as a replacement (frequency 7) of the payer's claim
    number on the adjudication (or `payer_reference` when the payer gave none), once the scrubber passes."""
    ws.require(Permission.MANAGE_CLAIMS)
    prepare(ws)
    with ws.write() as conn:
        row = _open(conn, denial_id)
        reference = (payer_reference.strip() or row.adjudication_reference or row.tracking_reference or "").upper()
        if not reference:
            raise ServiceError(f"The payer sent no claim number for claim {row.claim_number}; enter the payer's "
                               "claim number of the original claim (on its remittance) to send a replacement.",
                               "payer_reference")
        carc = f"{row.group_code}-{row.reason_code}"
        why = note.strip() or f"Corrected after denial {carc}"
        claims_service.transition_in(ws, conn, row.claim_number, Action.REPLACE, reason=why,
                                     payer_reference=reference)
        denial = _finish(ws, conn, row, "resubmitted", why, {"payer_reference": reference})
        return DenialOutcome(denial, _claim_now(conn, row), 0, (),
                             f"Claim {row.claim_number} is ready to send again as a replacement of the payer's "
                             f"claim {reference}.")


def appeal(ws: Workstation, denial_id: str, argument: str) -> AppealOutcome:
    """Appeal: the claim moves to appealed with the biller's argument, and the appeal letter is made (its print
    audited). The argument is kept as the denial's note, so the letter can be printed again."""
    ws.require(Permission.MANAGE_CLAIMS)
    text = argument.strip()
    if len(text) < 10:
        raise ServiceError("Write why the claim should be paid: the argument goes into the appeal letter.",
                           "argument")
    prepare(ws)
    with ws.write() as conn:
        row = _open(conn, denial_id)
        carc = f"{row.group_code}-{row.reason_code}"
        first = " ".join(text.split())
        claims_service.transition_in(ws, conn, row.claim_number, Action.APPEAL,
                                     reason=f"Appeal of denial {carc}: {first[:160]}{'…' if len(first) > 160 else ''}")
        denial = _finish(ws, conn, row, "appealed", text, {})
        pdf = _letter(ws, conn, row, text)
        ws.audit(conn, AuditAction.PRINT, "claim", row.claim_id,
                 {"document": "appeal_letter", "claim_number": row.claim_number, "denial_id": row.id})
        outcome = DenialOutcome(denial, _claim_now(conn, row), 0, (),
                                f"Claim {row.claim_number} is appealed; the appeal letter is ready to print.")
    return AppealOutcome(outcome, pdf, f"appeal-{row.claim_number}.pdf")


def appeal_letter(ws: Workstation, denial_id: str, argument: str | None = None) -> bytes:
    """The appeal letter without changing anything: a draft with `argument`, or the letter of an appealed
    denial again (its argument is the denial's note, dated the day it was appealed). The print is audited."""
    ws.require(Permission.MANAGE_CLAIMS)
    prepare(ws)
    with ws.write() as conn:
        row = _row(conn, denial_id)
        again = argument is None and row.status == "appealed"
        text = (row.note if again else argument or "").strip()
        on = date.fromisoformat(row.resolved_at[:10]) if again and row.resolved_at else None
        pdf = _letter(ws, conn, row, text, on)
        ws.audit(conn, AuditAction.PRINT, "claim", row.claim_id,
                 {"document": "appeal_letter", "claim_number": row.claim_number, "denial_id": row.id,
                  "draft": not again})
    return pdf


def _lines_denied(conn: Connection, row: Row[Any]) -> list[str]:
    """The service lines the denial is about: the denied ones, or every line of the claim."""
    lines, _claim_level, _remarks_ = _lines(conn, row)
    denied = [x.service_line_id for x in lines if x.denied]
    return denied or list(_claim_balances(conn, row))


def write_off(ws: Workstation, denial_id: str, reason: str) -> DenialOutcome:
    """Managers only: adjust off what the payer still owes on the denied lines to the denial's group + CARC
    (memo "written off: <reason>"), and close the claim."""
    actor = ws.require(Permission.MANAGE_CLAIMS)
    if not allows(actor.role, Permission.WRITE_OFF):
        raise PermissionDenied(f"Only a manager may write off a denied balance; a {actor.role.label.lower()} may "
                               "resubmit, appeal or move it to the patient. Ask a manager to write it off.")
    why = " ".join(reason.split())
    if not why:
        raise ServiceError("Say why the balance is written off (it goes on the ledger entry).", "reason")
    prepare(ws)
    with ws.write() as conn:
        row = _open(conn, denial_id)
        party = Party(row.rank)
        balances = _claim_balances(conn, row)
        today = ws.today()
        txs: list[Transaction] = []
        for line_id in _lines_denied(conn, row):
            owed = balances.get(line_id, (0, 0))[0]
            if owed > 0:
                txs.append(adjustment(receivable(line_id, party, row.account_number), row.group_code or "CO",
                                      row.reason_code or "A1", owed, today, memo=f"written off: {why}",
                                      source_key=f"denial|{row.id}|{line_id}|write_off"))
        total = _post_all(ws, conn, row, txs, "write off")
        _close_claim(ws, conn, row, f"Denial {row.group_code}-{row.reason_code} written off: {why}")
        denial = _finish(ws, conn, row, "written_off", why,
                         {"amount_cents": total, "transactions": [t.id for t in txs]})
        return DenialOutcome(denial, _claim_now(conn, row), total, tuple(t.id for t in txs),
                             f"Wrote off {format_cents(total)} of claim {row.claim_number} "
                             f"({row.group_code}-{row.reason_code}); the claim is closed.")


def move_to_patient(ws: Workstation, denial_id: str, note: str = "") -> DenialOutcome:
    """Move what the payer still owes on the claim to the patient's receivable, and close the claim."""
    ws.require(Permission.MANAGE_CLAIMS)
    prepare(ws)
    with ws.write() as conn:
        row = _open(conn, denial_id)
        party = Party(row.rank)
        carc = f"{row.group_code}-{row.reason_code}"
        why = " ".join(note.split()) or f"Denied by {row.payer_name} ({carc}); the patient owes it."
        today = ws.today()
        txs: list[Transaction] = []
        for line_id, (owed, _patient) in _claim_balances(conn, row).items():
            if owed > 0:
                txs.append(transfer(receivable(line_id, party, row.account_number),
                                    receivable(line_id, Party.PATIENT, row.account_number), owed, today,
                                    memo=f"moved to patient: claim {row.claim_number}, denial {carc}"))
        total = _post_all(ws, conn, row, txs, "move to the patient")
        _close_claim(ws, conn, row, f"Denial {carc}: balance moved to the patient")
        denial = _finish(ws, conn, row, "to_patient", why,
                         {"amount_cents": total, "transactions": [t.id for t in txs]})
        return DenialOutcome(denial, _claim_now(conn, row), total, tuple(t.id for t in txs),
                             f"Moved {format_cents(total)} of claim {row.claim_number} to the patient "
                             f"({row.patient_last_name}, {row.patient_first_name}); the claim is closed.")


def _post_all(ws: Workstation, conn: Connection, row: Row[Any], txs: list[Transaction], what: str) -> int:
    if not txs:
        raise ServiceError(f"{row.payer_name} owes nothing more on claim {row.claim_number}: there is nothing "
                           f"to {what}. Resolve the denial another way (resubmit or appeal).", "amount")
    for tx in txs:
        ws.require(permission_for(tx))
        post_in(ws, conn, tx)
    return sum(p.amount for tx in txs for p in tx.postings if p.amount > 0)


# --- the appeal letter's facts ---------------------------------------------------------------------------------
def _address_lines(address: Address | None) -> tuple[str, ...]:
    if address is None:
        return ()
    z = address.zip_code
    zip_code = f"{z[:5]}-{z[5:]}" if len(z) == 9 else z
    return tuple(x for x in (address.line1, address.line2, f"{address.city}, {address.state} {zip_code}") if x)


def _tax_id(digits: str) -> str:
    return f"{digits[:2]}-{digits[2:]}" if len(digits) == 9 else digits


def _letter(ws: Workstation, conn: Connection, row: Row[Any], argument: str, on: date | None = None) -> bytes:
    """The appeal letter of the denial, dated `on` (today when not given)."""
    practice = load_practice(conn)
    if practice is None:
        raise ServiceError("Set up the practice first: its name and address head the appeal letter.")
    patient = patients_store.get_patient(conn, row.patient_id)
    coverage = patients_store.get_coverage(conn, row.coverage_id)
    payer = reference_store.get_payer(conn, row.payer_id)
    encounter = encounters_store.load_encounter(conn, row.encounter_id)
    rendering = (reference_store.get_provider(conn, encounter.rendering_provider_id)
                 if encounter is not None and encounter.rendering_provider_id else None)
    lines, claim_level, claim_remarks = _lines(conn, row)
    adjudication = store.adjudication(conn, row.claim_adjudication_id)
    if lines:
        letter_lines = tuple(AppealLine(x.date_of_service, x.code, x.units, x.billed_cents, x.paid_cents,
                                        ", ".join(f"{a.label} {format_cents(a.amount_cents)}" for a in x.adjustments))
                             for x in lines)
    else:
        letter_lines = tuple(AppealLine(line.from_date or row.date_of_service, _code(line), int(line.units),
                                        int(line.charge_cents))
                             for line in claims_store.lines_of(conn, [row.encounter_id]))
    denied_codes: list[AdjustmentText] = [a for x in lines if x.denied for a in x.adjustments if a.group != "PR"]
    denied_codes += [a for a in claim_level if a.group != "PR"]
    first = store.descriptions(conn, "carc", [row.reason_code]).get(row.reason_code, "")
    reasons: dict[str, str] = {f"{row.group_code}-{row.reason_code}": first}
    for a in denied_codes:
        reasons.setdefault(a.label, a.description)
    remark_codes = [*_remarks(row.remarks), *(m.code for m in claim_remarks),
                    *(m.code for x in lines for m in x.remarks)]
    rarcs = store.descriptions(conn, "rarc", remark_codes)
    actor = ws.signed_in()
    dates = tuple(sorted({x.date_of_service for x in letter_lines if x.date_of_service is not None}))
    return render_appeal_letter(AppealLetterData(
        practice_name=practice.name, practice_address=_address_lines(practice.address),
        practice_phone=format_phone(practice.phone), practice_npi=practice.npi,
        practice_tax_id=_tax_id(practice.tax_id), letter_date=on or ws.today(),
        payer_name=payer.name if payer is not None else row.payer_name,
        payer_address=_address_lines(payer.address if payer is not None else None),
        patient_name=(patient.display_name if patient is not None
                      else f"{row.patient_last_name}, {row.patient_first_name}"),
        patient_dob=patient.date_of_birth if patient is not None else None,
        member_id=coverage.member_id if coverage is not None else "",
        group_number=coverage.group_number if coverage is not None else "",
        claim_number=row.claim_number,
        payer_claim_reference=row.adjudication_reference or row.tracking_reference or "",
        dates_of_service=dates, lines=letter_lines,
        denial_reasons=tuple(CodeText(code, text or GROUP_WORDS.get(code[:2], ""))
                             for code, text in reasons.items()),
        remarks=tuple(CodeText(c, rarcs.get(c, "")) for c in dict.fromkeys(remark_codes)),
        denied_on=adjudication.check_date if adjudication is not None else row.denied_on,
        argument=argument, signer_name=actor.full_name, signer_title=f"{actor.role.label}, billing office",
        rendering_provider=rendering.display_name if rendering is not None else ""))


__all__ = ["AGE_BUCKETS", "STATUSES", "STATUS_WORDS", "AdjudicatedLine", "AdjustmentText", "AppealOutcome",
           "ClaimNow", "CodeMeaning", "Count", "DenialDetail", "DenialOutcome", "DenialQueue", "DenialRow",
           "age_bucket",
           "appeal", "appeal_letter", "denial_detail", "list_denials", "move_to_patient", "resubmit", "write_off"]
