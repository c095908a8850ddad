"""Importing an 835 remittance file: plan what it would post (a dry run), then post it check by check.

`plan_import(ws, text, file_name)` reads the file with `edi.remit835` (a truncated or malformed file is
refused with the segment number and the reason; nothing is read further and nothing is posted) and turns
each transaction set -- one check or EFT: BPR/TRN -- into a `RemittanceBatch` of kind ERA:

- the payer: the check's payer id (REF*2U, else N1*PR04) against `payers.edi_id`, else its N1*PR name
  against our payers' names; a payer we do not know is an exception for the whole check;
- each CLP by CLP01, our claim number (the patient control number we sent in CLM01); each SVC to one of
  the claim's service lines by procedure code, modifiers and date of service (the code the payer says we
  billed, SVC06, when it adjudicated another); when that finds no line, or more than one not yet taken,
  the REF*6R line item control number we send in the 837P (the service line's id) decides;
- per line its CAS adjustments, LQ*HE remarks and AMT*B6 allowed amount; per claim its claim-level CAS,
  the MIA/MOA remarks and CLP07 (the payer's claim number); the next step: DENIALS when every line is
  denied, else NEXT_PAYER when the encounter has a claim to a next-rank payer, else PATIENT;
- PLB reason/amount pairs as provider adjustments (L6 interest is a negative amount: it adds to the check).

Exceptions for the biller, each with the claim number (CLP01 as sent; '' for the whole check) and the
reason: a payer we do not know, a claim we do not have, a claim billed to another payer, a claim that was
never submitted, a claim whose adjudication is already posted, a line that matches none of the claim's
lines (or is charged differently), amounts that do not add up (`remit835.claim_balance_problems` and the
check total), and whatever `services.posting.preview_batch` refuses.

**A check posts only when all of it can be posted.** If any claim of a check has an exception, none of
that check is posted and every exception of it is listed; the other checks of the file post on their own.
There is no half check: the biller resolves the exceptions and imports the file again (the checks that
posted the first time are then skipped as already posted).

A CLP02=22 reversal takes back an earlier posting: it is matched to the claim's adjudication in effect
with the same CLP07 (or the only one in effect when CLP07 is empty or matches none) and goes into the
batch in file order; the corrected claim that follows it (CLP02 1, 2 or 3) is posted as usual.

`import_835(ws, path, dry_run=False)` (or `import_text`) plans and posts each check that has no exception in
its own write transaction (`services.posting.post_batch_in`), on the database as the checks before it in the
file left it, so a crash leaves each check fully posted or not at all.
Duplicates post nothing and say so:

- the source key of a check is `payer id|trace|file sha256`: the same file imported again finds every
  check's key used (a re-import after a crash or after fixing exceptions posts only what is missing);
- the same check (payer + trace) arriving in another file is recognised by its claims: when the claims
  (claim + CLP07 + CLP02) or, for a claim-less check, its PLB amounts were already posted under that payer
  and trace, the check is skipped as a duplicate; when some claims were and others were not, those claims
  are exceptions and the check does not post;
- a check split over two files (same payer and trace, each file holding other claims, each part balancing
  on its own: its BPR02 is the part's amount) posts each part once, as its own batch with the same
  reference, because the file sha256 is part of the source key and the parts share no claim.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, select

from medbill_desktop.domain.adjudication import (
    DENIED,
    REVERSAL,
    BatchKind,
    CasAdjustment,
    ClaimAdjudication,
    LineAdjudication,
    NextStep,
    PaymentMethod,
    PostedAdjudication,
    ProviderAdjustment,
    RemittanceBatch,
)
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.claims import ClaimStatus
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.reference import Payer
from medbill_desktop.domain.roles import Permission
from medbill_desktop.edi import remit835
from medbill_desktop.edi.remit835 import ClaimPayment, Remittance, ServiceLine
from medbill_desktop.services import catalog, posting
from medbill_desktop.services.bulk import collector_paused
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import reference_store, remittance_store
from medbill_desktop.storage.remittance_store import ClaimToPost, LineToPost, SiblingClaim
from medbill_desktop.storage.tables import (
    claim_adjudications,
    payment_batches,
    provider_adjustments,
    remittance_files,
)

_CHUNK = 5000
_NOT_SUBMITTED = (ClaimStatus.DRAFT, ClaimStatus.READY, ClaimStatus.REJECTED)
_ADJUDICATED = (ClaimStatus.PAID, ClaimStatus.PARTIALLY_PAID, ClaimStatus.DENIED, ClaimStatus.CLOSED)
_RANK_ORDER = (Party.PRIMARY, Party.SECONDARY, Party.TERTIARY)
_LATER_RANKS = {rank.value: tuple(r.value for r in _RANK_ORDER[i + 1:]) for i, rank in enumerate(_RANK_ORDER)}
_METHODS = {"ACH": PaymentMethod.EFT, "FWT": PaymentMethod.EFT, "BOP": PaymentMethod.EFT,
            "CHK": PaymentMethod.CHECK, "NON": PaymentMethod.NONE}
_CLAIM_IN_TEXT = re.compile(r"\b[Cc]laim ([A-Za-z0-9\-]+)")


# --- the plan -------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ImportException:
    """Something the biller must resolve before a check can post."""

    check: str  # the check or EFT trace (TRN02)
    claim_number: str  # CLP01 as the payer sent it; '' when it is about the whole check
    reason: str


@dataclass(frozen=True, slots=True)
class CheckPlan:
    """One check (one 835 transaction set) and what importing it would do."""

    position: int  # 1-based, in file order
    control_number: str  # ST02
    trace: str  # TRN02: the check number or EFT trace
    payer_name: str  # as the 835 names it (N1*PR)
    payer_edi_id: str  # REF*2U, else N1*PR04
    payer_id: str | None  # our payer, when found
    amount: int  # BPR02, cents
    method: str  # BPR04 as sent
    check_date: date | None
    claim_numbers: tuple[str, ...]  # CLP01 of each claim, in file order
    source_key: str
    batch: RemittanceBatch | None  # None when the check can't be built (an exception of its own)
    exceptions: tuple[ImportException, ...] = ()
    duplicate: str = ""  # why the check was already posted ('' when it was not)
    preview: posting.BatchPreview | None = None

    @property
    def status(self) -> str:
        """duplicate | exceptions | ready"""
        if self.duplicate:
            return "duplicate"
        return "exceptions" if self.exceptions else "ready"


@dataclass(frozen=True, slots=True)
class ImportPlan:
    file_name: str
    sha256: str
    checks: tuple[CheckPlan, ...]
    imported_before: tuple[str, str] | None = None  # (when, by whom) this very file was imported

    @property
    def exceptions(self) -> list[ImportException]:
        return [e for c in self.checks for e in c.exceptions]

    @property
    def ready(self) -> list[CheckPlan]:
        return [c for c in self.checks if c.status == "ready"]


@dataclass(frozen=True, slots=True)
class PostedCheck:
    position: int  # the check's place in the file (CheckPlan.position)
    trace: str
    payer_name: str
    amount: int
    batch_id: str
    batch_number: str
    claims: tuple[posting.PostedClaim, ...]
    readied_claims: tuple[str, ...]
    denials: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SkippedCheck:
    trace: str
    payer_name: str
    amount: int
    reason: str


@dataclass(frozen=True, slots=True)
class ImportResult:
    plan: ImportPlan
    dry_run: bool
    posted: tuple[PostedCheck, ...] = ()
    skipped_duplicates: tuple[SkippedCheck, ...] = ()
    exceptions: tuple[ImportException, ...] = ()
    check_status: dict[str, str] = field(default_factory=dict)  # source key -> posted | duplicate | exceptions

    @property
    def nothing_posted_because_of_errors(self) -> bool:
        """True when no check posted (or, in a dry run, would post) and at least one has exceptions."""
        if self.dry_run:
            return not self.plan.ready and bool(self.exceptions)
        return not self.posted and bool(self.exceptions)


# --- reading what we have -----------------------------------------------------------------------------------------
def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield list(items[start:start + _CHUNK])


def _name_key(name: str) -> str:
    return " ".join(re.sub(r"[^A-Z0-9 ]", " ", name.upper()).split())


def _find_payer(payers: Sequence[Payer], edi_id: str, name: str) -> Payer | None:
    wanted = edi_id.strip().upper()
    if wanted:
        by_id = [p for p in payers if p.edi_id.strip().upper() == wanted]
        if len(by_id) == 1:
            return by_id[0]
    key = _name_key(name)
    by_name = [p for p in payers if key and _name_key(p.name) == key]
    return by_name[0] if len(by_name) == 1 else None


@dataclass
class _Known:
    """What the database says about the claims of a file, read in bulk once."""

    payers: list[Payer]
    claims: dict[str, ClaimToPost]  # claim number -> claim
    lines: dict[str, list[LineToPost]]  # encounter id -> service lines
    siblings: dict[str, list[SiblingClaim]]  # encounter id -> its claims
    adjudications: dict[str, list[PostedAdjudication]]  # claim id -> adjudications, oldest first
    file: Row[Any] | None
    used_keys: set[str]


def _known(conn: Connection, remittances: Sequence[Remittance], sha: str, keys: Iterable[str]) -> _Known:
    numbers = {c.patient_control_number.strip().upper() for r in remittances for c in r.claims}
    found = remittance_store.claims_by_number(conn, numbers)
    encounter_ids = {r.encounter_id for r in found.values()}
    file = conn.execute(select(remittance_files).where(remittance_files.c.sha256 == sha)).first()
    wanted = sorted(set(keys))
    used: set[str] = set()
    for part in _chunks(wanted):
        used.update(str(k) for k in conn.execute(select(payment_batches.c.source_key)
                                                 .where(payment_batches.c.source_key.in_(part))).scalars())
    return _Known(
        payers=reference_store.list_payers(conn),
        claims=found,
        lines=remittance_store.lines_to_post(conn, encounter_ids),
        siblings=remittance_store.claims_of_encounters(conn, encounter_ids),
        adjudications=remittance_store.load_claims_adjudications(conn, [r.id for r in found.values()]),
        file=file,
        used_keys=used,
    )


@dataclass(frozen=True, slots=True)
class _Earlier:
    """A batch already posted under the same payer and trace (another file, or a part of a split check)."""

    batch_number: str
    file_name: str
    claims: frozenset[tuple[str, str, str]]  # (claim id, CLP07, CLP02)
    plb: tuple[tuple[str, int], ...]  # (reason, amount), sorted


def _earlier_batches(conn: Connection, payer_id: str, trace: str) -> list[_Earlier]:
    rows = list(conn.execute(
        select(payment_batches.c.id, payment_batches.c.batch_number,
               remittance_files.c.file_name)
        .select_from(payment_batches.outerjoin(remittance_files,
                                               remittance_files.c.id == payment_batches.c.remittance_file_id))
        .where(payment_batches.c.payer_id == payer_id, payment_batches.c.reference == trace,
               payment_batches.c.kind == BatchKind.ERA.value, payment_batches.c.status == "posted")))
    out = []
    for r in rows:
        claims = frozenset((a.claim_id, a.payer_claim_reference, a.status_code) for a in conn.execute(
            select(claim_adjudications.c.claim_id, claim_adjudications.c.payer_claim_reference,
                   claim_adjudications.c.status_code).where(claim_adjudications.c.batch_id == r.id)))
        plb = tuple(sorted((p.reason_code, int(p.amount_cents)) for p in conn.execute(
            select(provider_adjustments.c.reason_code, provider_adjustments.c.amount_cents)
            .where(provider_adjustments.c.batch_id == r.id))))
        out.append(_Earlier(r.batch_number, r.file_name or "", claims, plb))
    return out


# --- building one check -------------------------------------------------------------------------------------------
def _billed_code(svc: ServiceLine) -> tuple[str, tuple[str, ...]]:
    """The code and modifiers we billed: SVC06 when the payer adjudicated another code, else SVC01."""
    if len(svc.original) > 1 and svc.original[1]:
        return svc.original[1].strip().upper(), tuple(m.strip().upper() for m in svc.original[2:6] if m.strip())
    return svc.code.strip().upper(), tuple(m.strip().upper() for m in svc.modifiers)


def _line_date(svc: ServiceLine, claim: ClaimPayment) -> date | None:
    return svc.service_date or svc.service_start or claim.statement_start


def _describe(svc: ServiceLine, on: date | None) -> str:
    code, mods = _billed_code(svc)
    text = "-".join((code, *mods))
    return f"{text} on {on.isoformat()}" if on else text


def _match_lines(claim: ClaimPayment, row: ClaimToPost, ours: list[LineToPost],
                 problems: list[str]) -> list[LineToPost | None]:
    """Our service line for each SVC of the claim, or None (with the reason added to problems)."""
    taken: set[str] = set()
    by_id = {line.id: line for line in ours}
    # what an SVC is compared with: our code, modifiers (in any order) and date of service
    keyed = [((line.procedure.upper(), tuple(sorted(line.modifiers))), line.from_date or row.date_of_service, line)
             for line in ours]
    out: list[LineToPost | None] = []
    for n, svc in enumerate(claim.lines, 1):
        code, mods = _billed_code(svc)
        wanted = (code, tuple(sorted(mods)))
        on = _line_date(svc, claim)
        candidates = [line for key, day, line in keyed
                      if key == wanted and line.id not in taken and (on is None or day == on)]
        control = svc.control_number.strip()
        chosen: LineToPost | None = None
        if len(candidates) == 1:
            chosen = candidates[0]
        elif control in by_id and control not in taken:
            chosen = by_id[control]
        elif candidates:
            chosen = candidates[0]  # the same code twice on one day, no line control number: in line order
        if chosen is None:
            problems.append(f"Line {n} ({_describe(svc, on)}) matches none of the claim's service lines.")
        out.append(chosen)
        if chosen is not None:
            taken.add(chosen.id)
    return out


def _cas(adjustments: Iterable[remit835.Adjustment], where: str, problems: list[str]) -> tuple[CasAdjustment, ...]:
    out = []
    for a in adjustments:
        group = "OA" if a.group == "CR" else a.group  # CR (correction) is recorded with the other adjustments
        try:
            out.append(CasAdjustment(group, a.reason, a.amount_cents,
                                     "" if a.quantity is None else str(a.quantity)))
        except DomainError as exc:
            problems.append(f"{where}: {exc}")
    return tuple(out)


def _next_step(row: ClaimToPost, siblings: Sequence[SiblingClaim], claim: ClaimAdjudication) -> NextStep:
    """DENIALS when the claim is denied; NEXT_PAYER when the visit has a claim to a later payer; else PATIENT."""
    if claim.status_code == DENIED or (claim.lines and claim.outcome == "denied"):
        return NextStep.DENIALS
    later = _LATER_RANKS.get(row.rank, ())
    if any(s.rank in later for s in siblings):
        return NextStep.NEXT_PAYER
    return NextStep.PATIENT


def _earlier_adjudication(adjudications: Sequence[PostedAdjudication], reference: str,
                          payer_id: str) -> PostedAdjudication | None:
    in_effect = [a for a in adjudications if a.in_effect and a.payer_id == payer_id]
    same = [a for a in in_effect if reference and a.payer_claim_reference == reference]
    if same:
        return same[-1]
    return in_effect[-1] if len(in_effect) == 1 else None


def _claim_adjudication(claim: ClaimPayment, known: _Known, payer: Payer, taken_back: dict[str, str],
                        problems: list[str]) -> ClaimAdjudication | None:
    """One CLP as a ClaimAdjudication; problems (without the claim number: the caller adds it) when it
    can't be posted. `taken_back` (claim id -> adjudication id) collects the reversals of this check."""
    number = claim.patient_control_number.strip().upper()
    row = known.claims.get(number)
    if row is None:
        problems.append("There is no claim with this number.")
        return None
    _check_claim_state(claim, row, payer, known.adjudications.get(row.id, []), taken_back, problems)
    if not claim.lines:
        problems.append("The payer sent no service lines (SVC) for it; post it by hand from the paper EOB.")
        return None
    lines = _line_adjudications(claim, known.lines.get(row.encounter_id, []), row, problems)
    claim_level = _cas(claim.adjustments, "Claim-level adjustment", problems)
    remarks = tuple(r.strip().upper() for r in claim.remark_codes if r.strip())

    def adjudication(step: NextStep) -> ClaimAdjudication:
        return ClaimAdjudication(
            claim_id=row.id, claim_number=row.claim_number, lines=lines, status_code=claim.status_code,
            payer_claim_reference=claim.payer_claim_control_number.strip(), claim_adjustments=claim_level,
            remarks=remarks, next_step=step)

    as_read = adjudication(NextStep.KEEP)  # a reversal's next step; the others' depends on what it reads
    if claim.status_code == REVERSAL:
        return as_read
    return adjudication(_next_step(row, known.siblings.get(row.encounter_id, []), as_read))


def _check_claim_state(claim: ClaimPayment, row: ClaimToPost, payer: Payer, adjudications: list[PostedAdjudication],
                       taken_back: dict[str, str], problems: list[str]) -> None:
    """The claim is this payer's and was sent; a reversal matches a posted adjudication; anything else was
    not posted already."""
    status = ClaimStatus(row.status)
    if row.payer_id != payer.id:
        problems.append(f"The claim is billed to {row.payer_name}, not to {payer.name}.")
    if status in _NOT_SUBMITTED:
        what = "was rejected and not sent again" if status is ClaimStatus.REJECTED else f"is {status.label}"
        problems.append(f"The claim {what}: it was never submitted to the payer.")
    reference = claim.payer_claim_control_number.strip()
    if claim.status_code == REVERSAL:
        earlier = _earlier_adjudication(adjudications, reference, payer.id)
        if earlier is None or earlier.id in taken_back.values():
            problems.append(f"It is a reversal (CLP02 22) of payer claim {reference or '(no CLP07)'}, but no "
                            "posted adjudication of the claim matches it.")
        elif earlier.paid != -claim.paid_cents:
            problems.append(f"The reversal takes back {format_cents(-claim.paid_cents)} but "
                            f"{format_cents(earlier.paid)} was posted in batch {earlier.batch_number}.")
        else:
            taken_back[row.id] = earlier.id
        return
    posted = [a for a in adjudications if a.in_effect and a.id not in taken_back.values()]
    same = [a for a in posted if a.payer_claim_reference == reference and a.paid == claim.paid_cents
            and a.status_code == claim.status_code]
    if same or (posted and status in _ADJUDICATED and row.id not in taken_back):
        a = (same or posted)[-1]
        problems.append(f"It was already posted: batch {a.batch_number} (check {a.reference} of "
                        f"{a.check_date.isoformat()}) recorded its adjudication; a new one comes as a "
                        "reversal (CLP02 22) and a corrected claim.")


def _line_adjudications(claim: ClaimPayment, ours: list[LineToPost], row: ClaimToPost,
                        problems: list[str]) -> tuple[LineAdjudication, ...]:
    """Each SVC matched to our service line, with its CAS, remarks and allowed amount."""
    matched = _match_lines(claim, row, ours, problems)
    lines: list[LineAdjudication] = []
    sign = -1 if claim.status_code == REVERSAL else 1
    for n, (svc, line) in enumerate(zip(claim.lines, matched, strict=True), 1):
        if line is None:
            continue
        if sign * svc.charge_cents != line.charge_cents:
            problems.append(f"Line {n} ({_describe(svc, _line_date(svc, claim))}): the payer's charge "
                            f"{format_cents(svc.charge_cents)} is not our charge {format_cents(line.charge_cents)}.")
        lines.append(LineAdjudication(
            service_line_id=line.id, billed=svc.charge_cents, paid=svc.paid_cents, allowed=svc.allowed_cents,
            adjustments=_cas(svc.adjustments, f"Line {n}", problems),
            remarks=tuple(r.strip().upper() for r in svc.remark_codes if r.strip())))
    return tuple(lines)


def _check_key(payer_id: str, trace: str, sha: str) -> str:
    return f"{payer_id}|{trace}|{sha}"


def _plan_check(conn: Connection, position: int, r: Remittance, known: _Known, sha: str,
                file_name: str) -> CheckPlan:
    trace = r.trace_number.strip()
    payer = _find_payer(known.payers, r.payer_id, r.payer_name)
    check_date = r.payment_date or r.production_date
    base: dict[str, Any] = dict(
        position=position, control_number=r.control_number, trace=trace, payer_name=r.payer_name,
        payer_edi_id=r.payer_id, amount=r.total_paid_cents, method=r.payment_method, check_date=check_date,
        claim_numbers=tuple(c.patient_control_number for c in r.claims))

    def plan(**kw: Any) -> CheckPlan:
        return CheckPlan(**base, **kw)

    if payer is None:
        return plan(payer_id=None, source_key="", batch=None, exceptions=(ImportException(
            trace, "", f"The payer {r.payer_name or '(no name)'} (payer id {r.payer_id or 'none'}) is not one of "
                       "ours: enter it under Payers with that payer id, then import the file again."),))
    key = _check_key(payer.id, trace, sha)
    if key in known.used_keys:
        return plan(payer_id=payer.id, source_key=key, batch=None,
                    duplicate=f"Check {trace} from {payer.name} in this file was already posted; nothing was "
                              "posted again.")
    # the same check (payer + trace) posted from another file: by its claims, or its PLBs when it has none
    earlier = _earlier_batches(conn, payer.id, trace) if trace else []
    mine = {(row.id, c.payer_claim_control_number.strip(), c.status_code): c.patient_control_number
            for c in r.claims if (row := known.claims.get(c.patient_control_number.strip().upper())) is not None}
    overlap = {k: e for e in earlier for k in e.claims if k in mine}
    mine_plb = tuple(sorted((p.reason_code, p.amount_cents) for p in r.provider_adjustments))
    for e in earlier:
        if (r.claims and len(overlap) == len(r.claims)) or (not r.claims and e.plb == mine_plb):
            e = next(iter(overlap.values()), e)
            return plan(payer_id=payer.id, source_key=key, batch=None,
                        duplicate=f"Check {trace} from {payer.name} was already posted as batch {e.batch_number}"
                                  f"{f' (file {e.file_name})' if e.file_name else ''}; nothing was posted again.")
    exceptions: list[ImportException] = []

    def check_level(reason: str) -> None:
        exceptions.append(ImportException(trace, "", reason))

    if not trace:
        check_level("The check has no trace number (TRN02).")
    if r.credit_debit.strip().upper() == "D":
        check_level("It is a debit (BPR03 D: money the payer takes back); post it by hand.")
    method = _METHODS.get(r.payment_method.strip().upper())
    if method is None:
        check_level(f"BPR04 '{r.payment_method}' is not a payment method (ACH, CHK, NON, FWT, BOP).")
    if check_date is None:
        check_level("The check has no payment date (BPR16) or production date (DTM*405).")
    paid = sum(c.paid_cents for c in r.claims)
    plb_total = sum(p.amount_cents for p in r.provider_adjustments)
    if r.total_paid_cents != paid - plb_total:
        check_level(f"The check total {format_cents(r.total_paid_cents)} is not the claims' payments "
                    f"{format_cents(paid)} less provider adjustments {format_cents(plb_total)}.")
    adjudications: list[ClaimAdjudication] = []
    taken_back: dict[str, str] = {}
    twice = {k: e for k, e in overlap.items()}
    for claim in r.claims:
        problems = [_without_claim(p, claim.patient_control_number) for p in remit835.claim_balance_problems(claim)]
        row = known.claims.get(claim.patient_control_number.strip().upper())
        identity = (row.id if row is not None else "", claim.payer_claim_control_number.strip(), claim.status_code)
        if identity in twice:
            problems.append(f"It was already posted under check {trace} in batch {twice[identity].batch_number}.")
            built = None
        else:
            built = _claim_adjudication(claim, known, payer, taken_back, problems)
        exceptions += [ImportException(trace, claim.patient_control_number, p) for p in problems]
        if built is not None:
            adjudications.append(built)
    batch: RemittanceBatch | None = None
    if method is not None and check_date is not None:
        batch = RemittanceBatch(
            kind=BatchKind.ERA, payer_id=payer.id, method=method, reference=trace, check_date=check_date,
            amount=r.total_paid_cents, claims=tuple(adjudications),
            provider_adjustments=tuple(ProviderAdjustment(p.reason_code, p.reference, p.amount_cents)
                                       for p in r.provider_adjustments),
            file_name=file_name)
    return plan(payer_id=payer.id, source_key=key, batch=batch, exceptions=tuple(exceptions))


def _without_claim(problem: str, number: str) -> str:
    """'Claim X line 1 (99213): charge ...' -> 'Line 1 (99213): charge ...'; 'Claim X: charge' -> 'Charge'."""
    head = f"Claim {number}"
    if problem.startswith(head):
        problem = problem[len(head):].lstrip(": ")
    return problem[:1].upper() + problem[1:]


def _with_preview(ws: Workstation, check: CheckPlan) -> CheckPlan:
    """Ask the posting service what it would refuse (a dry run: it writes nothing)."""
    if check.status != "ready" or check.batch is None:
        return check
    preview = posting.preview_batch(ws, check.batch, source_key=check.source_key)
    extra = [ImportException(check.trace, _claim_named(p, check.claim_numbers), p) for p in preview.problems]
    return replace(check, preview=preview, exceptions=check.exceptions + tuple(extra))


def _claim_named(problem: str, numbers: Sequence[str]) -> str:
    found = _CLAIM_IN_TEXT.search(problem)
    if found is None:
        return ""
    wanted = found.group(1).upper()
    return next((n for n in numbers if n.strip().upper() == wanted), wanted)


def _read(text: str, file_name: str) -> list[Remittance]:
    try:
        return remit835.read_835(text)
    except DomainError as exc:
        raise ServiceError(f"{file_name} can't be imported: {exc} Nothing was posted.", "file") from None


def plan_import(ws: Workstation, text: str, file_name: str, *, preview: bool = True) -> ImportPlan:
    """What importing this 835 would post, check by check, with every exception; nothing is written.
    A truncated or malformed file raises ServiceError naming the segment number and the reason."""
    ws.require(Permission.POST_INSURANCE_PAYMENTS)
    with collector_paused():
        return _plan_import(ws, text, file_name, preview)


def _plan_import(ws: Workstation, text: str, file_name: str, preview: bool) -> ImportPlan:
    sha = _sha(text)
    remittances = _read(text, file_name)
    with ws.read() as conn:
        payers = reference_store.list_payers(conn)
        keys = []
        for r in remittances:
            p = _find_payer(payers, r.payer_id, r.payer_name)
            if p is not None:
                keys.append(_check_key(p.id, r.trace_number.strip(), sha))
        known = _known(conn, remittances, sha, keys)
        checks = [_plan_check(conn, i, r, known, sha, file_name) for i, r in enumerate(remittances, 1)]
    if preview:
        checks = [_with_preview(ws, c) for c in checks]
    before = (str(known.file.imported_at), str(known.file.imported_by)) if known.file is not None else None
    return ImportPlan(file_name, sha, tuple(checks), before)


# --- posting --------------------------------------------------------------------------------------------------------
def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogateescape")).hexdigest()


def _file_id(ws: Workstation, conn: Connection, sha: str, file_name: str, checks: int) -> str:
    found = conn.execute(select(remittance_files.c.id).where(remittance_files.c.sha256 == sha)).scalar()
    if found is not None:
        return str(found)
    file_id = new_id()
    row = {"sha256": sha, "file_name": file_name, "imported_at": ws.now_iso(), "imported_by": ws.signed_in().username}
    conn.execute(remittance_files.insert().values(id=file_id, **row))
    ws.audit(conn, AuditAction.CHANGE, "remittance_file", file_id,
             {"op": "import_835", "file": file_name, "sha256": sha, "checks": checks})
    # before the check's payment.batch_posted (same transaction, written first): the other workstations link it
    ws.emit(conn, "remittance.file_imported", "remittance_file", file_id, {**row, "checks": checks})
    return file_id


def import_text(ws: Workstation, text: str, file_name: str) -> ImportResult:
    """Post each check of an 835 that has no exception. Each check is planned and posted in its own write
    transaction, on the database as the checks before it left it (so a claim paid twice in one file, or a
    reversal of a payment an earlier check of the file posted, is judged on what is posted by then): the
    check posts whole or not at all, and a crash leaves every check fully posted or not posted."""
    ws.require(Permission.POST_INSURANCE_PAYMENTS)
    with collector_paused():
        return _import_text(ws, text, file_name)


def _import_text(ws: Workstation, text: str, file_name: str) -> ImportResult:
    sha = _sha(text)
    remittances = _read(text, file_name)
    catalog.prepare(ws)  # the next payer's claims are scrubbed when they become ready
    with ws.read() as conn:
        before = conn.execute(select(remittance_files).where(remittance_files.c.sha256 == sha)).first()
    checks: list[CheckPlan] = []
    posted: list[PostedCheck] = []
    skipped: list[SkippedCheck] = []
    exceptions: list[ImportException] = []
    status: dict[str, str] = {}
    for position, r in enumerate(remittances, 1):
        check: CheckPlan | None = None
        try:
            with ws.write() as conn:
                payer = _find_payer(reference_store.list_payers(conn), r.payer_id, r.payer_name)
                keys = [_check_key(payer.id, r.trace_number.strip(), sha)] if payer is not None else []
                known = _known(conn, [r], sha, keys)
                check = _plan_check(conn, position, r, known, sha, file_name)
                checks.append(check)
                label = check.source_key or f"{position}|{check.trace}"
                if check.duplicate:
                    skipped.append(SkippedCheck(check.trace, check.payer_name, check.amount, check.duplicate))
                    status[label] = "duplicate"
                    continue
                if check.exceptions or check.batch is None:
                    exceptions += check.exceptions
                    status[label] = "exceptions"
                    continue
                file_id = _file_id(ws, conn, sha, file_name, len(remittances))
                done = posting.post_batch_in(
                    ws, conn, check.batch, remittance_file_id=file_id, source_key=check.source_key,
                    known=posting.Known({row.id: row for row in known.claims.values()}, known.lines,
                                        known.siblings))
        except posting.AlreadyPosted as exc:
            assert check is not None
            skipped.append(SkippedCheck(check.trace, check.payer_name, check.amount, exc.message))
            status[check.source_key] = "duplicate"
            continue
        except DomainError as exc:
            if check is None:
                raise
            # refused by the posting service: nothing of this check was written (its transaction rolled back)
            listed = [line[2:].strip() for line in str(exc).splitlines() if line.startswith("- ")]
            refused = tuple(ImportException(check.trace, _claim_named(why, check.claim_numbers), why)
                            for why in listed or [str(exc)])
            checks[-1] = replace(check, exceptions=check.exceptions + refused)
            exceptions += refused
            status[check.source_key] = "exceptions"
            continue
        posted.append(PostedCheck(position, check.trace, check.payer_name, check.amount, done.batch_id,
                                  done.batch_number, tuple(done.claims), tuple(done.readied_claims),
                                  tuple(done.denials)))
        status[check.source_key] = "posted"
    previous = (str(before.imported_at), str(before.imported_by)) if before is not None else None
    plan = ImportPlan(file_name, sha, tuple(checks), previous)
    return ImportResult(plan, False, tuple(posted), tuple(skipped), tuple(exceptions), status)


def import_835(ws: Workstation, path: Path, dry_run: bool = False) -> ImportResult:
    """Read the 835 at `path` and post each check that has no exception, one write transaction per check
    (see the module's docstring for the rules: a check posts whole or not at all; duplicates post nothing).
    With dry_run, nothing is written and the result says what would be posted."""
    ws.require(Permission.POST_INSURANCE_PAYMENTS)
    if not path.is_file():
        raise ServiceError(f"There is no file {path}.", "file")
    raw = path.read_bytes()
    try:
        text = raw.decode("ascii")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    if not dry_run:
        return import_text(ws, text, path.name)
    plan = plan_import(ws, text, path.name)
    status = {c.source_key or f"{c.position}|{c.trace}": c.status for c in plan.checks}
    return ImportResult(
        plan, True, (),
        tuple(SkippedCheck(c.trace, c.payer_name, c.amount, c.duplicate) for c in plan.checks if c.duplicate),
        tuple(plan.exceptions), status)
