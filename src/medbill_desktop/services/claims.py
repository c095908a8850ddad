"""The claim queue: list claims with their balances, move them through the lifecycle (domain.claims), print
them on CMS-1500 forms, export them as 837P, and read 999 acknowledgements.

Every call is one transaction. A claim leaves draft, is printed and is exported only when the scrubber finds
no errors; a refusal lists every claim refused and every error found, and changes nothing.

- Printing through a printer is two calls: `claim_forms_pdf` makes the forms and records nothing;
  `record_printed` records the submission once the printer took the job. `render_claims_pdf` makes, saves and
  records in one go (a PDF file, the command line).
- 837P exports hold at most 5000 claims per transaction set; a bigger batch is one interchange of several
  sets, each claim's submission recording its own ST02.
- Claim extras (items 10a-d, 11b, 16, 17a, 18, 19, 20, attachments) are stored per encounter and go on every
  claim of the encounter, on paper and in the 837P.
- Secondary and tertiary claims carry what the earlier payers decided, read from their posted adjudications
  in effect (`prior_payments`): items 9-9d/11d/29 on paper, loops 2320/2330B/2430 in the 837P.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import Connection, Row, select

from medbill_desktop.documents.cms1500 import render_claims
from medbill_desktop.domain.adjudication import PostedAdjustment
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.claim_form import (
    CalibrationProfile,
    ClaimExtras,
    ClaimForm,
    claim_form_from_claim,
    validate_calibration_profile,
    validate_claim_extras,
)
from medbill_desktop.domain.claims import Action, ClaimStatus, Facts, check_transition
from medbill_desktop.domain.coverage import Coverage
from medbill_desktop.domain.encounters import Encounter
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import Party, receivable
from medbill_desktop.domain.reference import Payer, Submission
from medbill_desktop.domain.roles import Permission
from medbill_desktop.domain.scrubber import ClaimData, ClaimFrequency, Finding, ScrubContext, errors, scrub
from medbill_desktop.edi.ack999 import read_999
from medbill_desktop.edi.claim837 import MAX_CLAIMS_PER_SET, write_837p_sets
from medbill_desktop.edi.model import Adjustment, ClaimExport, Clearinghouse, LineAdjudication, OtherPayer
from medbill_desktop.edi.x12 import ControlNumbers
from medbill_desktop.services.catalog import StoredCatalog, prepare
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.encounters import prepare_encounter
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import claims_store as store
from medbill_desktop.storage import (
    encounters_store,
    ledger_store,
    patients_store,
    reference_store,
    remittance_store,
)
from medbill_desktop.storage.files import atomic_write
from medbill_desktop.storage.tables import claim_submissions

FormKind = Literal["red", "full"]
PRIOR_RANKS: dict[Party, tuple[Party, ...]] = {Party.SECONDARY: (Party.PRIMARY,),
                                               Party.TERTIARY: (Party.PRIMARY, Party.SECONDARY)}


# --- what the queue shows ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ClaimLine:
    line_id: str
    code: str
    modifiers: tuple[str, ...]
    date_of_service: date | None
    units: int
    charge_cents: int
    balance_cents: int  # what the claim's payer still owes on the line
    patient_balance_cents: int


@dataclass(frozen=True, slots=True)
class ClaimSummary:
    id: str
    claim_number: str
    encounter_id: str
    patient_id: str
    patient_name: str
    payer_id: str
    payer_name: str
    rank: Party
    status: ClaimStatus
    frequency: ClaimFrequency
    original_reference: str
    payer_claim_reference: str
    follow_up_on: date | None
    date_of_service: date | None
    charge_cents: int
    insurance_balance_cents: int
    patient_balance_cents: int
    lines: tuple[ClaimLine, ...]


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    at: str
    actor: str
    from_status: str | None
    to_status: str
    note: str


@dataclass(frozen=True, slots=True)
class Note:
    at: str
    actor: str
    text: str


@dataclass(frozen=True, slots=True)
class SubmissionRecord:
    at: str
    actor: str
    channel: str
    batch_id: str
    file_name: str
    frequency: str
    transaction_control: str | None


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    claim: ClaimSummary
    findings: tuple[Finding, ...]
    history: tuple[HistoryEntry, ...]
    notes: tuple[Note, ...]
    submissions: tuple[SubmissionRecord, ...]
    extras: ClaimExtras = ClaimExtras()


def _summaries(conn: Connection, rows: Sequence[Row[Any]]) -> list[ClaimSummary]:
    lines_by_encounter: dict[str, list[Row[Any]]] = {}
    for line in store.lines_of(conn, (r.encounter_id for r in rows)):
        lines_by_encounter.setdefault(line.encounter_id, []).append(line)
    keys = []
    for r in rows:
        for line in lines_by_encounter.get(r.encounter_id, []):
            keys += [receivable(line.id, Party(r.rank), r.account_number),
                     receivable(line.id, Party.PATIENT, r.account_number)]
    balances = ledger_store.balances(conn, keys)
    out = []
    for r in rows:
        lines = []
        for line in lines_by_encounter.get(r.encounter_id, []):
            mods = tuple(m for m in (line.modifier_1, line.modifier_2, line.modifier_3, line.modifier_4) if m)
            lines.append(ClaimLine(
                line.id, line.procedure, mods, line.from_date or r.date_of_service, int(line.units),
                int(line.charge_cents), balances.get(receivable(line.id, Party(r.rank), r.account_number), 0),
                balances.get(receivable(line.id, Party.PATIENT, r.account_number), 0)))
        out.append(ClaimSummary(
            id=r.id, claim_number=r.claim_number, encounter_id=r.encounter_id, patient_id=r.patient_id,
            patient_name=f"{r.patient_last_name}, {r.patient_first_name}", payer_id=r.payer_id,
            payer_name=r.payer_name, rank=Party(r.rank), status=ClaimStatus(r.status),
            frequency=ClaimFrequency(r.frequency or "1"), original_reference=r.original_reference or "",
            payer_claim_reference=r.payer_claim_reference or "", follow_up_on=r.follow_up_on,
            date_of_service=r.date_of_service, charge_cents=sum(x.charge_cents for x in lines),
            insurance_balance_cents=sum(x.balance_cents for x in lines),
            patient_balance_cents=sum(x.patient_balance_cents for x in lines), lines=tuple(lines)))
    return out


def _status(status: str | ClaimStatus) -> ClaimStatus:
    try:
        return ClaimStatus(status)
    except ValueError:
        raise ServiceError(f"'{status}' is not a claim status; use one of "
                           f"{', '.join(s.value for s in ClaimStatus)}.", "status") from None


def list_claims(ws: Workstation, status: str | ClaimStatus | None = None) -> list[ClaimSummary]:
    """Claims by number (optionally only those in one state), each with its charge, what its payer and the
    patient still owe, and its lines."""
    ws.require(Permission.VIEW_ACCOUNTS)
    statuses = [_status(status).value] if status is not None else None
    with ws.read() as conn:
        return _summaries(conn, store.list_claims(conn, statuses))


def ready_claims(ws: Workstation) -> list[ClaimSummary]:
    return list_claims(ws, ClaimStatus.READY)


def _row(conn: Connection, claim_number: str) -> Row[Any]:
    row = store.get_claim(conn, claim_number.strip().upper())
    if row is None:
        raise ServiceError(f"There is no claim {claim_number}.", "claim_number")
    return row


# --- the claim's facts and the scrubber ----------------------------------------------------------------------
# --- what the earlier payers decided (secondary and tertiary claims) ------------------------------------------
@dataclass(frozen=True, slots=True)
class PriorPayment:
    """What an earlier payer of the encounter decided about its claim, from its posted adjudications that are
    in effect (not reversed). A payer that decides again (a denied claim reprocessed and paid) sends the whole
    line again, so for each line the latest adjudication that names it counts. Feeds items 9-9d/11d/29 and
    loops 2320/2330B/2430 of the next payer's claim."""

    rank: Party
    claim_number: str
    coverage_id: str
    payer_id: str
    payer_claim_reference: str  # CLP07 of the latest adjudication that gave one
    adjudicated_on: date  # the latest check date
    lines: Mapping[str, tuple[int, tuple[Adjustment, ...]]]  # service line id -> (paid, CAS adjustments)
    claim_adjustments: tuple[Adjustment, ...] = ()

    @property
    def paid_cents(self) -> int:
        """What the payer paid for the claim (CLP04): the lines' payments less its claim-level adjustments."""
        return sum(paid for paid, _ in self.lines.values()) - sum(a.amount_cents for a in self.claim_adjustments)

    @property
    def patient_responsibility_cents(self) -> int:
        return (sum(a.amount_cents for _, adjs in self.lines.values() for a in adjs if a.group == "PR")
                + sum(a.amount_cents for a in self.claim_adjustments if a.group == "PR"))


def _adjustments(posted: Sequence[PostedAdjustment]) -> tuple[Adjustment, ...]:
    return tuple(Adjustment(a.group, a.reason, a.amount, Decimal(a.quantity) if a.quantity else None)
                 for a in posted if a.amount)


def _prior_payments(conn: Connection, row: Row[Any]) -> list[PriorPayment]:
    """The earlier-ranked claims of the row's encounter that a payer has adjudicated, in rank order."""
    rank = Party(row.rank)
    if rank not in PRIOR_RANKS:
        return []
    out = []
    for sibling in encounters_store.claims_for_encounter(conn, row.encounter_id):
        if sibling.id == row.id or Party(sibling.rank) not in PRIOR_RANKS[rank]:
            continue
        found = [a for a in remittance_store.load_claim_adjudications(conn, sibling.id) if a.in_effect]
        if not found:
            continue
        latest: dict[str, tuple[int, tuple[Adjustment, ...]]] = {}
        for adjudication in found:  # oldest first: a later decision on a line replaces the earlier one
            for line in adjudication.lines:
                latest[line.service_line_id] = (line.paid, _adjustments(line.adjustments))
        with_claim_level = [a for a in found if a.claim_adjustments]
        references = [a.payer_claim_reference for a in found if a.payer_claim_reference]
        out.append(PriorPayment(
            rank=Party(sibling.rank), claim_number=sibling.claim_number, coverage_id=sibling.coverage_id,
            payer_id=sibling.payer_id, payer_claim_reference=references[-1] if references else "",
            adjudicated_on=max(a.check_date for a in found), lines=latest,
            claim_adjustments=_adjustments(with_claim_level[-1].claim_adjustments) if with_claim_level else ()))
    return out


def prior_payments(ws: Workstation, claim_number: str) -> list[PriorPayment]:
    """What the earlier payers of the claim's encounter decided (empty for a primary claim)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return _prior_payments(conn, _row(conn, claim_number))


def _claim_data(conn: Connection, row: Row[Any], frequency: ClaimFrequency | None = None,
                original_reference: str | None = None) -> ClaimData:
    base = prepare_encounter(conn, row.encounter_id).claims[0]
    coverage = patients_store.get_coverage(conn, row.coverage_id)
    payer = reference_store.get_payer(conn, row.payer_id)
    prior = tuple(p.rank for p in _prior_payments(conn, row))
    return replace(base, coverage=coverage, payer=payer,
                   accept_assignment=payer.accept_assignment if payer is not None else True,
                   frequency=frequency or ClaimFrequency(row.frequency or "1"),
                   original_reference=(original_reference if original_reference is not None
                                       else row.original_reference or ""),
                   prior_adjudications=prior)


def _findings(conn: Connection, row: Row[Any], today: date, frequency: ClaimFrequency | None = None,
              original_reference: str | None = None) -> list[Finding]:
    claim = _claim_data(conn, row, frequency, original_reference)
    return scrub(claim, ScrubContext(catalog=StoredCatalog(conn), today=today))


def scrub_claim(ws: Workstation, claim_number: str) -> list[Finding]:
    """The scrubber's findings for the claim as it would go out today; nothing is changed."""
    ws.require(Permission.VIEW_ACCOUNTS)
    prepare(ws)
    with ws.read() as conn:
        return _findings(conn, _row(conn, claim_number), ws.today())


def _refusal(what: str, failures: list[tuple[str, list[Finding]]]) -> ServiceError:
    n = len(failures)
    parts = [f"{n} claim{'s' if n != 1 else ''} can't be {what}: the scrubber found errors; nothing was {what}."]
    for number, errs in failures:
        parts.append(f"Claim {number}:")
        parts += [f"- {f.message}" for f in errs]
    return ServiceError("\n".join(parts), "scrubber")


def _check_clean(conn: Connection, rows: Sequence[Row[Any]], today: date, what: str) -> None:
    failures = []
    for r in rows:
        errs = errors(_findings(conn, r, today))
        if errs:
            failures.append((r.claim_number, errs))
    if failures:
        raise _refusal(what, failures)


# --- transitions ---------------------------------------------------------------------------------------------
def _move(ws: Workstation, conn: Connection, row: Row[Any], action: Action, facts: Facts, note: str = "",
          **tracking: Any) -> ClaimStatus:
    actor = ws.signed_in()
    status = ClaimStatus(row.status)
    t = check_transition(row.claim_number, status, action, actor.role, facts)
    at = ws.now_iso()
    store.set_status(conn, row.id, t.target.value)
    if t.frequency is not None:
        tracking["frequency"] = t.frequency.value
    if tracking:
        store.update_tracking(conn, row.id, at=at, **tracking)
    text = note or facts.reason
    encounters_store.insert_history(conn, claim_id=row.id, at=at, actor=actor.username, from_status=status.value,
                                    to_status=t.target.value, note=text)
    ws.audit(conn, AuditAction.CHANGE, "claim", row.id,
             {"op": action.value, "claim_number": row.claim_number, "from": status.value, "to": t.target.value,
              **({"note": text} if text else {})})
    ws.emit(conn, "claim.status_changed", "claim", row.id,
            {"claim_number": row.claim_number, "action": action.value, "from": status.value,
             "to": t.target.value, "note": text, **{k: str(v) for k, v in tracking.items()}})
    return t.target


def _scrub_facts(conn: Connection, row: Row[Any], today: date, reason: str, payer_reference: str,
                 frequency: ClaimFrequency | None = None, original_reference: str | None = None) -> Facts:
    found = errors(_findings(conn, row, today, frequency, original_reference))
    return Facts(scrub_errors=tuple(f.message for f in found), reason=reason, payer_reference=payer_reference)


def mark_ready(ws: Workstation, claim_numbers: Sequence[str]) -> list[ClaimSummary]:
    """Run the scrubber on each claim (draft, or rejected and fixed) and move them all to ready; if any has
    errors, none moves and the message lists every claim and every error."""
    ws.require(Permission.MANAGE_CLAIMS)
    prepare(ws)
    with ws.write() as conn:
        rows = [_row(conn, n) for n in claim_numbers]
        _check_clean(conn, rows, ws.today(), "marked ready")
        for r in rows:
            action = Action.RESUBMIT if r.status == ClaimStatus.REJECTED else Action.MARK_READY
            _move(ws, conn, r, action, Facts(), "The scrubber found no errors.")
        return _summaries(conn, store.list_claims(conn, numbers=[r.claim_number for r in rows]))


def transition(ws: Workstation, claim_number: str, action: Action | str, *, reason: str = "",
               payer_reference: str = "") -> ClaimSummary:
    """Any move of the table by hand: accept, reject (reason), pay, pay_partially, deny (reason), appeal
    (reason), close, resubmit, mark_ready, replace / void (use replace_claim / void_claim). Submitting is
    done by printing or exporting."""
    ws.require(Permission.MANAGE_CLAIMS)
    prepare(ws)
    with ws.write() as conn:
        return transition_in(ws, conn, claim_number, action, reason=reason, payer_reference=payer_reference)


def transition_in(ws: Workstation, conn: Connection, claim_number: str, action: Action | str, *, reason: str = "",
                  payer_reference: str = "", note: str = "") -> ClaimSummary:
    """`transition` inside a caller's transaction (payment posting moves claims as it posts). On accept, pay,
    pay_partially and deny a `payer_reference` is kept as the payer's number for the claim."""
    action = Action(action)
    row = _row(conn, claim_number)
    if action is Action.SUBMIT:
        raise ServiceError("A claim is submitted by printing it or exporting it as an 837P.", "action")
    facts = Facts(reason=reason, payer_reference=payer_reference)
    tracking: dict[str, Any] = {}
    if action in (Action.MARK_READY, Action.RESUBMIT, Action.REPLACE, Action.VOID):
        freq: ClaimFrequency | None = None
        reference: str | None = None
        if action in (Action.REPLACE, Action.VOID):
            check_transition(row.claim_number, ClaimStatus(row.status), action, ws.signed_in().role, facts)
            freq = ClaimFrequency.REPLACEMENT if action is Action.REPLACE else ClaimFrequency.VOID
            reference = payer_reference.strip().upper()
            tracking = {"original_reference": reference}
        facts = _scrub_facts(conn, row, ws.today(), reason, payer_reference, freq, reference)
    elif payer_reference.strip() and action in (Action.ACCEPT, Action.PAY, Action.PAY_PARTIALLY, Action.DENY):
        tracking = {"payer_claim_reference": payer_reference.strip().upper()}
    _move(ws, conn, row, action, facts, note, **tracking)
    return _summaries(conn, [_row(conn, claim_number)])[0]


def ready_if_clean_in(ws: Workstation, conn: Connection, claim_number: str, note: str) -> bool:
    """Move a draft claim to ready when the scrubber finds no errors (a secondary claim once the primary's
    adjudication is posted); False, and the claim stays a draft, when it finds some."""
    row = _row(conn, claim_number)
    if ClaimStatus(row.status) is not ClaimStatus.DRAFT:
        return False
    facts = _scrub_facts(conn, row, ws.today(), "", "")
    if facts.scrub_errors:
        return False
    _move(ws, conn, row, Action.MARK_READY, facts, note)
    return True


class _ScrubLookups:
    """What many claims' scrubs share inside one transaction: the code catalog's answers, payers, providers,
    facilities, referring providers and patients, each read once. `preload` reads the encounters (with their
    lines and diagnoses), patients, coverages and the earlier payers' decisions of many claims in a few bulk
    queries (500 at a time); a claim not preloaded is read on its own."""

    def __init__(self, conn: Connection, today: date) -> None:
        self.conn = conn
        self.context = ScrubContext(catalog=StoredCatalog(conn), today=today)
        self._cache: dict[tuple[str, str], Any] = {}
        self._encounters: dict[str, Encounter] = {}
        self._prior: dict[str, tuple[Party, ...]] = {}  # claim id -> prior_adjudications

    def preload(self, rows: Sequence[Row[Any]]) -> None:
        conn = self.conn
        self._encounters.update(encounters_store.load_encounters(conn, (r.encounter_id for r in rows)))
        patients = store.patients_by_id(conn, (e.patient_id for e in self._encounters.values()))
        self._cache.update((("patient", k), v) for k, v in patients.items())
        coverages = store.coverages_by_id(conn, (r.coverage_id for r in rows))
        self._cache.update((("coverage", r.coverage_id), coverages.get(r.coverage_id)) for r in rows
                           if r.coverage_id)
        # _prior_payments' ranks: the earlier-ranked claims of the encounter with a decision in effect
        later = [r for r in rows if Party(r.rank) in PRIOR_RANKS]
        siblings = encounters_store.claims_for_encounters(conn, (r.encounter_id for r in later))
        decided = store.claims_with_decision_in_effect(
            conn, (s.id for r in later for s in siblings.get(r.encounter_id, [])
                   if s.id != r.id and Party(s.rank) in PRIOR_RANKS[Party(r.rank)]))
        for r in rows:
            ranks = PRIOR_RANKS.get(Party(r.rank), ())
            self._prior[r.id] = tuple(Party(s.rank) for s in siblings.get(r.encounter_id, [])
                                      if s.id != r.id and Party(s.rank) in ranks and s.id in decided)

    def _get(self, kind: str, key: str | None, load: Any) -> Any:
        if not key:
            return None
        k = (kind, key)
        if k not in self._cache:
            self._cache[k] = load(self.conn, key)
        return self._cache[k]

    def claim_data(self, row: Row[Any]) -> ClaimData:
        """What `_claim_data` builds (prepare_encounter's first claim with the row's coverage and payer)."""
        e = self._encounters.get(row.encounter_id) or encounters_store.load_encounter(self.conn, row.encounter_id)
        if e is None:
            raise ServiceError("That encounter no longer exists.", "encounter_id")
        patient = self._get("patient", e.patient_id, patients_store.get_patient)
        assert patient is not None  # a foreign key
        payer = self._get("payer", row.payer_id, reference_store.get_payer)
        prior = self._prior.get(row.id)
        if prior is None:
            prior = tuple(p.rank for p in _prior_payments(self.conn, row))
        return ClaimData(
            encounter=e, patient=patient, coverage=self._get("coverage", row.coverage_id, patients_store.get_coverage),
            payer=payer, billing_provider=self._get("provider", e.billing_provider_id, reference_store.get_provider),
            rendering_provider=self._get("provider", e.rendering_provider_id, reference_store.get_provider),
            facility=self._get("facility", e.facility_id, reference_store.get_facility),
            referring_provider=self._get("referring", e.referring_provider_id, reference_store.get_referring),
            accept_assignment=payer.accept_assignment if payer is not None else True,
            frequency=ClaimFrequency(row.frequency or "1"), original_reference=row.original_reference or "",
            prior_adjudications=prior)

    def errors(self, row: Row[Any]) -> list[Finding]:
        return errors(scrub(self.claim_data(row), self.context))


def ready_if_clean_many_in(ws: Workstation, conn: Connection, claim_numbers: Sequence[str],
                           note: str | Mapping[str, str]) -> list[str]:
    """`ready_if_clean_in` for many claims at once (payment posting readies the next payers' claims of a
    batch): the scrubs share their lookups, the moves are written in bulk, one history row and one
    "claim.status_changed" outbox event per claim moved, and one audit row for the set. `note` is the history
    note, one for all or per claim number. Returns the claim numbers moved to ready, in the order given."""
    wanted = list(dict.fromkeys(n.strip().upper() for n in claim_numbers))
    if not wanted:
        return []
    found: dict[str, Row[Any]] = {}
    for start in range(0, len(wanted), 500):
        found.update((r.claim_number, r) for r in store.list_claims(conn, numbers=wanted[start:start + 500]))
    missing = [n for n in wanted if n not in found]
    if missing:
        raise ServiceError(f"There is no claim {missing[0]}.", "claim_number")
    actor = ws.signed_in()
    at = ws.now_iso()
    lookups = _ScrubLookups(conn, ws.today())
    lookups.preload([found[n] for n in wanted if found[n].status == ClaimStatus.DRAFT])
    moved: list[tuple[Row[Any], str, str, str]] = []  # row, from, to, note
    for number in wanted:
        row = found[number]
        status = ClaimStatus(row.status)
        if status is not ClaimStatus.DRAFT or lookups.errors(row):
            continue
        t = check_transition(row.claim_number, status, Action.MARK_READY, actor.role, Facts())
        text = note if isinstance(note, str) else note.get(number, "")
        if t.frequency is not None:
            store.update_tracking(conn, row.id, at=at, frequency=t.frequency.value)
        moved.append((row, status.value, t.target.value, text))
    if not moved:
        return []
    remittance_store.set_claim_statuses(conn, [(row.id, to) for row, _, to, _ in moved])
    remittance_store.insert_history(conn, [
        {"id": new_id(), "claim_id": row.id, "at": at, "actor": actor.username, "from_status": before,
         "to_status": to, "note": text} for row, before, to, text in moved])
    if len(moved) == 1:  # what _move records
        row, before, to, text = moved[0]
        ws.audit(conn, AuditAction.CHANGE, "claim", row.id,
                 {"op": Action.MARK_READY.value, "claim_number": row.claim_number, "from": before, "to": to,
                  **({"note": text} if text else {})})
    else:
        ws.audit(conn, AuditAction.CHANGE, "claim", ",".join(row.id for row, _, _, _ in moved),
                 {"op": Action.MARK_READY.value, "claims": [[row.claim_number, before, to, text]
                                                             for row, before, to, text in moved]})
    for row, before, to, text in moved:
        ws.emit(conn, "claim.status_changed", "claim", row.id,
                {"claim_number": row.claim_number, "action": Action.MARK_READY.value, "from": before, "to": to,
                 "note": text})
    return [row.claim_number for row, _, _, _ in moved]


def replace_claim(ws: Workstation, claim_number: str, payer_reference: str, reason: str = "") -> ClaimSummary:
    """Send the claim again as a replacement (frequency 7, item 22 with the payer's original reference);
    it goes back to ready once the scrubber passes."""
    return transition(ws, claim_number, Action.REPLACE, reason=reason, payer_reference=payer_reference)


def void_claim(ws: Workstation, claim_number: str, payer_reference: str, reason: str) -> ClaimSummary:
    """Send the claim again as a void (frequency 8) of the payer's original claim."""
    return transition(ws, claim_number, Action.VOID, reason=reason, payer_reference=payer_reference)


def add_note(ws: Workstation, claim_number: str, text: str) -> None:
    ws.require(Permission.MANAGE_CLAIMS)
    if not text.strip():
        raise ServiceError("Write the note first.", "text")
    with ws.write() as conn:
        row = _row(conn, claim_number)
        actor = ws.signed_in()
        store.add_note(conn, row.id, at=ws.now_iso(), actor=actor.username, text=text.strip())
        ws.audit(conn, AuditAction.CHANGE, "claim", row.id, {"op": "note", "claim_number": row.claim_number})
        ws.emit(conn, "claim.note_added", "claim", row.id, {"claim_number": row.claim_number, "text": text.strip()})


def set_follow_up(ws: Workstation, claim_number: str, on: date | None) -> None:
    ws.require(Permission.MANAGE_CLAIMS)
    with ws.write() as conn:
        row = _row(conn, claim_number)
        store.update_tracking(conn, row.id, at=ws.now_iso(), follow_up_on=on)
        ws.audit(conn, AuditAction.CHANGE, "claim", row.id,
                 {"op": "follow_up", "claim_number": row.claim_number, "on": on.isoformat() if on else None})
        ws.emit(conn, "claim.follow_up_set", "claim", row.id,
                {"claim_number": row.claim_number, "on": on.isoformat() if on else None})


def set_payer_reference(ws: Workstation, claim_number: str, reference: str) -> None:
    """The payer's own number for the claim (from its acknowledgement or remittance)."""
    ws.require(Permission.MANAGE_CLAIMS)
    with ws.write() as conn:
        row = _row(conn, claim_number)
        store.update_tracking(conn, row.id, at=ws.now_iso(), payer_claim_reference=reference.strip().upper())
        ws.audit(conn, AuditAction.CHANGE, "claim", row.id,
                 {"op": "payer_reference", "claim_number": row.claim_number, "reference": reference.strip()})
        ws.emit(conn, "claim.payer_reference_set", "claim", row.id,
                {"claim_number": row.claim_number, "reference": reference.strip().upper()})


def claim_detail(ws: Workstation, claim_number: str) -> ClaimDetail:
    ws.require(Permission.VIEW_ACCOUNTS)
    prepare(ws)
    with ws.read() as conn:
        row = _row(conn, claim_number)
        return ClaimDetail(
            claim=_summaries(conn, [row])[0], findings=tuple(_findings(conn, row, ws.today())),
            history=tuple(HistoryEntry(h.at, h.actor, h.from_status, h.to_status, h.note)
                          for h in encounters_store.claim_history(conn, row.id)),
            notes=tuple(Note(n.at, n.actor, n.text) for n in store.notes_for(conn, row.id)),
            submissions=tuple(SubmissionRecord(s.at, s.actor, s.channel, s.batch_id, s.file_name, s.frequency,
                                               s.transaction_control) for s in store.submissions_for(conn, row.id)),
            extras=store.get_extras(conn, row.encounter_id))


# --- claim extras: items 10a-d, 11b, 16, 17a, 18, 19, 20 and attachments -------------------------------------
def claim_extras(ws: Workstation, claim_number: str) -> ClaimExtras:
    """What the claim's encounter records beyond charge entry (the defaults when nothing is recorded)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return store.get_extras(conn, _row(conn, claim_number).encounter_id)


def save_claim_extras(ws: Workstation, claim_number: str, extras: ClaimExtras) -> ClaimExtras:
    """Record the claim-form facts of the claim's encounter; every claim of the encounter (primary and
    secondary) prints and sends them. A claim already sent keeps what it was sent with: replace it to send
    the change."""
    ws.require(Permission.MANAGE_CLAIMS)
    clean = validate_claim_extras(extras)
    with ws.write() as conn:
        row = _row(conn, claim_number)
        actor = ws.signed_in()
        store.save_extras(conn, row.encounter_id, clean, at=ws.now_iso(), actor=actor.username)
        ws.audit(conn, AuditAction.CHANGE, "claim", row.id, {"op": "extras", "claim_number": row.claim_number})
        ws.emit(conn, "claim.extras_saved", "encounter", row.encounter_id,
                {"claim_number": row.claim_number, **json.loads(json.dumps(asdict(clean), default=str))})
    return clean


# --- submitting: print and export ----------------------------------------------------------------------------
def _sendable(conn: Connection, claim_numbers: Sequence[str], what: str) -> list[Row[Any]]:
    if not claim_numbers:
        raise ServiceError(f"Choose the claims to be {what}.", "claims")
    rows = [_row(conn, n) for n in dict.fromkeys(n.strip().upper() for n in claim_numbers)]
    wrong = [r for r in rows if r.status not in (ClaimStatus.DRAFT, ClaimStatus.READY)]
    if wrong:
        listed = ", ".join(f"{r.claim_number} ({ClaimStatus(r.status).label})" for r in wrong)
        raise ServiceError(f"Only draft and ready claims are {what}; these are not: {listed}.", "claims")
    return rows


def _submit(ws: Workstation, conn: Connection, rows: Sequence[Row[Any]], channel: str, batch_id: str,
            file_name: str, control: ControlNumbers | None = None,
            transactions: Mapping[str, str] | None = None) -> None:
    """Record each claim's submission and move it to submitted (through ready when it is a draft).
    `transactions`: claim number -> the ST02 of the transaction set it went in (837P)."""
    actor = ws.signed_in()
    at = ws.now_iso()
    for r in rows:
        if r.status == ClaimStatus.DRAFT:
            _move(ws, conn, r, Action.MARK_READY, Facts(), "The scrubber found no errors.")
            fresh = store.get_claim_by_id(conn, r.id)
            assert fresh is not None
            r = fresh
        _move(ws, conn, r, Action.SUBMIT, Facts(submission=True),
              f"{'Printed' if channel == 'print' else 'Exported as 837P'}: {file_name}")
        st02 = (transactions or {}).get(r.claim_number) or (control.st02 if control else None)
        store.add_submission(conn, r.id, at=at, actor=actor.username, channel=channel, batch_id=batch_id,
                             file_name=file_name, frequency=r.frequency or "1",
                             interchange_control=control.isa13 if control else None,
                             group_control=control.gs06 if control else None,
                             transaction_control=st02 if control else None)
    _emit_submissions(ws, conn, rows, batch_id)


def _emit_submissions(ws: Workstation, conn: Connection, rows: Sequence[Row[Any]], batch_id: str) -> None:
    """One "claim.submitted" per claim sent, its submission record as stored (services/sync_apply_records.py
    applies it on the other workstations)."""
    numbers = {r.id: r.claim_number for r in rows}
    for s in conn.execute(select(claim_submissions).where(claim_submissions.c.batch_id == batch_id)):
        if s.claim_id in numbers:
            ws.emit(conn, "claim.submitted", "claim_submission", s.id,
                    {**{k: v for k, v in s._mapping.items() if k != "id"}, "claim_number": numbers[s.claim_id]})


def _other_coverage(conn: Connection, claim: ClaimData) -> tuple[Coverage | None, Payer | None]:
    """For items 9-9d / 11d and loop 2320: the patient's other coverage in effect (the primary for a
    secondary claim, the secondary for a primary claim)."""
    if claim.coverage is None or claim.encounter.date_of_service is None:
        return None, None
    others = [c for c in patients_store.coverages_for(conn, claim.patient.id)
              if c.id != claim.coverage.id and c.active_on(claim.encounter.date_of_service)]
    if not others:
        return None, None
    other = others[0]
    return other, reference_store.get_payer(conn, other.payer_id)


def _forms(conn: Connection, rows: Sequence[Row[Any]], signed_on: date) -> list[ClaimForm]:
    """The forms; a secondary or tertiary claim carries the primary as the other insurance (items 9, 9a, 9d,
    11d) and what the earlier payers paid on each line (item 29, per page)."""
    forms: list[ClaimForm] = []
    for r in rows:
        claim = _claim_data(conn, r)
        priors = _prior_payments(conn, r)
        other_coverage, other_payer = _other_coverage(conn, claim)
        paid_by_line: dict[str, int] | None = None
        if priors:
            first = priors[0]
            other_coverage = patients_store.get_coverage(conn, first.coverage_id) or other_coverage
            other_payer = reference_store.get_payer(conn, first.payer_id) or other_payer
            paid_by_line = {line.id: sum(p.lines.get(line.id, (0, ()))[0] for p in priors)
                            for line in claim.encounter.lines}
        forms.append(claim_form_from_claim(claim, claim_number=r.claim_number, signed_on=signed_on,
                                           other_coverage=other_coverage, other_payer=other_payer,
                                           paid_by_line=paid_by_line, extras=store.get_extras(conn, r.encounter_id)))
    return forms


@dataclass(frozen=True, slots=True)
class RenderResult:
    pdf: bytes
    claim_numbers: tuple[str, ...]
    batch_id: str
    form: str = "red"
    profile: str | None = None


def _profile(conn: Connection, profile: str | None) -> CalibrationProfile | None:
    if not profile:
        return None
    calibration = store.get_profile(conn, profile)
    if calibration is None:
        raise ServiceError(f"There is no printer calibration profile named '{profile}'.", "profile")
    return calibration


def _check_form(form: str) -> None:
    if form not in ("red", "full"):
        raise ServiceError("The form is 'red' (data for pre-printed forms) or 'full' (the form drawn).", "form")


def _record_print(ws: Workstation, conn: Connection, rows: Sequence[Row[Any]], batch_id: str, name: str, form: str,
                  profile: str | None) -> None:
    _submit(ws, conn, rows, "print", batch_id, name)
    ws.audit(conn, AuditAction.PRINT, "claim_batch", batch_id,
             {"claims": [r.claim_number for r in rows], "form": form, "profile": profile or "", "file": name})


def claim_forms_pdf(ws: Workstation, claim_numbers: Sequence[str], form: FormKind = "red",
                    profile: str | None = None) -> RenderResult:
    """The CMS-1500 forms of claims (draft or ready) to preview and print; nothing is recorded and no claim
    moves: call `record_printed` once the printer has taken the job. Refused, with every claim and error
    listed, when any claim fails the scrubber."""
    ws.require(Permission.MANAGE_CLAIMS)
    _check_form(form)
    prepare(ws)
    with ws.read() as conn:
        calibration = _profile(conn, profile)
        rows = _sendable(conn, claim_numbers, "printed")
        _check_clean(conn, rows, ws.today(), "printed")
        pdf = render_claims(_forms(conn, rows, ws.today()), mode=form, profile=calibration)
    return RenderResult(pdf, tuple(r.claim_number for r in rows), new_id(), form, profile)


def record_printed(ws: Workstation, result: RenderResult, printed_on: str) -> list[ClaimSummary]:
    """The printer took the job made by `claim_forms_pdf` (`printed_on`: the printer's name or the file it
    printed to): each claim gets a print submission and moves to submitted. Refused, and nothing recorded,
    when a claim has moved meanwhile (printed from another workstation) or now fails the scrubber."""
    ws.require(Permission.MANAGE_CLAIMS)
    prepare(ws)
    with ws.write() as conn:
        rows = _sendable(conn, result.claim_numbers, "printed")
        _check_clean(conn, rows, ws.today(), "printed")
        _record_print(ws, conn, rows, result.batch_id, printed_on.strip() or "printer", result.form, result.profile)
        return _summaries(conn, store.list_claims(conn, numbers=[r.claim_number for r in rows]))


def render_claims_pdf(ws: Workstation, claim_numbers: Sequence[str], form: FormKind = "red",
                      profile: str | None = None, out: Path | None = None) -> RenderResult:
    """Print claims (draft or ready) on CMS-1500 forms straight to a PDF file: "red" is the data for
    pre-printed forms, "full" draws the form too; `profile` names a stored printer calibration. Refused, with
    every claim and error listed, when any claim fails the scrubber; otherwise each claim gets a print
    submission and moves to submitted, and the PDF is written to `out` (mode 0600) when given, in the same
    transaction (a file that can't be written records nothing). To print through a printer, use
    `claim_forms_pdf` and `record_printed`."""
    ws.require(Permission.MANAGE_CLAIMS)
    _check_form(form)
    prepare(ws)
    with ws.write() as conn:
        calibration = _profile(conn, profile)
        rows = _sendable(conn, claim_numbers, "printed")
        _check_clean(conn, rows, ws.today(), "printed")
        pdf = render_claims(_forms(conn, rows, ws.today()), mode=form, profile=calibration)
        batch_id = new_id()
        name = out.name if out is not None else f"claims-{batch_id}.pdf"
        _record_print(ws, conn, rows, batch_id, name, form, profile)
        if out is not None:
            atomic_write(out, pdf)
        return RenderResult(pdf, tuple(r.claim_number for r in rows), batch_id, form, profile)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    claim_numbers: tuple[str, ...]
    interchange_control: str
    group_control: str
    transaction_control: str  # the first set's ST02
    batch_id: str
    transaction_sets: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (ST02, claim numbers) per set


def save_clearinghouse(ws: Workstation, clearinghouse: Clearinghouse, usage: str = "T") -> None:
    """The clearinghouse the 837P files go to; usage T (test) or P (production)."""
    ws.require(Permission.EDIT_PRACTICE)
    if usage not in ("T", "P"):
        raise ServiceError("Usage is T (test files) or P (production).", "usage")
    with ws.write() as conn:
        store.save_clearinghouse(conn, asdict(clearinghouse), usage, at=ws.now_iso())
        ws.audit(conn, AuditAction.CHANGE, "clearinghouse", "default",
                 {"receiver_id": clearinghouse.receiver_id, "usage": usage})
        ws.emit(conn, "clearinghouse.saved", "clearinghouse", "default", {**asdict(clearinghouse), "usage": usage})


def clearinghouse(ws: Workstation) -> tuple[Clearinghouse, str] | None:
    ws.signed_in()
    with ws.read() as conn:
        found = store.get_clearinghouse(conn)
    if found is None:
        return None
    names = {f.name for f in fields(Clearinghouse)}
    return Clearinghouse(**{k: v for k, v in found[0].items() if k in names}), found[1]


def next_control_numbers(ws: Workstation) -> ControlNumbers:
    ws.signed_in()
    with ws.read() as conn:
        stored = store.get_control_numbers(conn)
    return ControlNumbers(*stored) if stored else ControlNumbers()


def _other_payer(conn: Connection, prior: PriorPayment) -> OtherPayer | None:
    """Loop 2320/2330 for an earlier payer, with its payment and adjustments (2320 CAS/AMT, 2430 per line)."""
    coverage = patients_store.get_coverage(conn, prior.coverage_id)
    payer = reference_store.get_payer(conn, prior.payer_id)
    if coverage is None or payer is None:
        return None
    return OtherPayer(
        coverage, payer, paid_cents=prior.paid_cents, adjustments=prior.claim_adjustments,
        lines=tuple(LineAdjudication(line_id, cents, prior.adjudicated_on, adjustments)
                    for line_id, (cents, adjustments) in prior.lines.items()),
        adjudicated_on=prior.adjudicated_on, payer_claim_number=prior.payer_claim_reference,
        remaining_patient_liability_cents=prior.patient_responsibility_cents)


def _exports(conn: Connection, rows: Sequence[Row[Any]]) -> list[ClaimExport]:
    batch = []
    for r in rows:
        claim = _claim_data(conn, r)
        others: tuple[OtherPayer, ...] = ()
        other_coverage, other_payer = _other_coverage(conn, claim)
        priors = [o for o in (_other_payer(conn, p) for p in _prior_payments(conn, r)) if o is not None]
        if priors:
            others = tuple(priors)
        elif other_coverage is not None and other_payer is not None:
            others = (OtherPayer(other_coverage, other_payer),)
        batch.append(ClaimExport(claim=claim, claim_number=r.claim_number, other_payers=others,
                                 extras=store.get_extras(conn, r.encounter_id)))
    return batch


def export_837(ws: Workstation, claim_numbers: Sequence[str] | None, path: Path,
               claims_per_set: int = MAX_CLAIMS_PER_SET) -> ExportResult:
    """Write the claims (all ready electronic claims when none are named) as one 837P interchange to `path`
    (mode 0600), in transaction sets of at most `claims_per_set` claims. Refused, with every claim and error
    listed, when any fails the scrubber. Each claim gets an 837P submission recording ISA13, GS06 and the ST02
    of its own set, and moves to submitted; the control numbers move on."""
    ws.require(Permission.MANAGE_CLAIMS)
    prepare(ws)
    with ws.write() as conn:
        settings = store.get_clearinghouse(conn)
        if settings is None:
            raise ServiceError("Enter the clearinghouse settings before exporting 837P files.", "clearinghouse")
        names = {f.name for f in fields(Clearinghouse)}
        ch = Clearinghouse(**{k: v for k, v in settings[0].items() if k in names})
        if claim_numbers:
            rows = _sendable(conn, claim_numbers, "exported")
        else:
            rows = [r for r in store.list_claims(conn, [ClaimStatus.READY.value])]
        payers = reference_store.get_payers(conn, {r.payer_id for r in rows})
        paper = [r for r in rows if payers[r.payer_id].submission is Submission.PAPER]
        if claim_numbers and paper:
            listed = ", ".join(f"{r.claim_number} ({r.payer_name})" for r in paper)
            raise ServiceError(f"These claims go to payers that take paper claims; print them: {listed}.", "claims")
        rows = [r for r in rows if r not in paper]
        if not rows:
            raise ServiceError("There are no ready claims for payers that take electronic claims.", "claims")
        _check_clean(conn, rows, ws.today(), "exported")
        stored = store.get_control_numbers(conn)
        control = ControlNumbers(*stored) if stored else ControlNumbers()
        written = write_837p_sets(_exports(conn, rows), control=control, clearinghouse=ch, usage=settings[1],
                                  now=ws.now(), claims_per_set=claims_per_set)
        after = written.next_control
        store.set_control_numbers(conn, (after.interchange, after.group, after.transaction), at=ws.now_iso())
        batch_id = new_id()
        transactions = {number: st02 for st02, numbers in written.sets for number in numbers}
        _submit(ws, conn, rows, "837p", batch_id, path.name, control, transactions)
        ws.audit(conn, AuditAction.EXPORT, "claim_batch", batch_id,
                 {"claims": [r.claim_number for r in rows], "format": "837P", "file": path.name,
                  "isa13": control.isa13, "gs06": control.gs06, "st02": [st02 for st02, _ in written.sets]})
        atomic_write(path, written.text.encode("ascii"))
        return ExportResult(path, tuple(r.claim_number for r in rows), control.isa13, control.gs06, control.st02,
                            batch_id, written.sets)


# --- 999 acknowledgements ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AckImport:
    accepted: tuple[str, ...]  # claim numbers
    rejected: tuple[tuple[str, str], ...]  # claim number, why
    unmatched: tuple[str, ...]  # control numbers no export of ours used
    skipped: tuple[tuple[str, str], ...]  # claim number, why it was left as it is


def import_999(ws: Workstation, text: str) -> AckImport:
    """Mark the claims of each acknowledged transaction set (found by the ST02 and GS06 recorded at export)
    accepted or rejected; a rejection's note says why."""
    ws.require(Permission.MANAGE_CLAIMS)
    acks = read_999(text)
    accepted: list[str] = []
    rejected: list[tuple[str, str]] = []
    unmatched: list[str] = []
    skipped: list[tuple[str, str]] = []
    with ws.write() as conn:
        for ack in acks:
            subs = store.claims_sent_in(conn, ack.control_number, ack.group_control_number)
            if not subs:
                unmatched.append(ack.control_number or f"group {ack.group_control_number}")
                continue
            for sub in subs:
                row = store.get_claim_by_id(conn, sub.claim_id)
                assert row is not None  # a foreign key
                if row.status != ClaimStatus.SUBMITTED:
                    skipped.append((row.claim_number, f"it is {ClaimStatus(row.status).label}"))
                    continue
                if ack.accepted:
                    _move(ws, conn, row, Action.ACCEPT, Facts(), f"999: {ack.summary()}")
                    accepted.append(row.claim_number)
                else:
                    why = ack.summary()
                    _move(ws, conn, row, Action.REJECT, Facts(reason=f"999: {why}"))
                    rejected.append((row.claim_number, why))
        ws.audit(conn, AuditAction.CHANGE, "claim_batch", "999",
                 {"op": "import_999", "accepted": accepted, "rejected": [n for n, _ in rejected],
                  "unmatched": unmatched})
    return AckImport(tuple(accepted), tuple(rejected), tuple(unmatched), tuple(skipped))


# --- printer calibration profiles ----------------------------------------------------------------------------
def save_calibration_profile(ws: Workstation, profile: CalibrationProfile) -> CalibrationProfile:
    ws.require(Permission.MANAGE_CLAIMS)
    clean = validate_calibration_profile(profile)
    with ws.write() as conn:
        new = store.save_profile(conn, clean, at=ws.now_iso())
        ws.audit(conn, AuditAction.CHANGE, "calibration_profile", clean.name, {"op": "add" if new else "edit"})
        ws.emit(conn, "calibration_profile.saved", "calibration_profile", clean.name,
                json.loads(json.dumps(asdict(clean))))
    return clean


def calibration_profiles(ws: Workstation) -> list[CalibrationProfile]:
    ws.signed_in()
    with ws.read() as conn:
        return store.list_profiles(conn)

