"""Charge entry (biller): save an encounter as a draft, fill charges from the fee schedule, run the
scrubber on demand, and finalize: the charges go to the ledger and a draft claim is made per coverage.

A draft stays editable until it is finalized; a finalized encounter never changes (the database refuses
it too). Finalizing runs the scrubber for every claim the encounter makes; any error blocks it and nothing
is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.codes import icd10_problem
from medbill_desktop.domain.coverage import coverages_on
from medbill_desktop.domain.encounters import (
    Encounter,
    EncounterStatus,
    line_dates,
    revise,
    total_cents,
    validate_encounter,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.fees import FeeSchedule, fee_schedule, line_charge
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import Party, charge
from medbill_desktop.domain.roles import Permission
from medbill_desktop.domain.scrubber import ClaimData, Finding, ScrubContext, errors, scrub
from medbill_desktop.domain.scrubber import finalize as finalized_copy
from medbill_desktop.services.catalog import StoredCatalog, prepare
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.ledger import post_in
from medbill_desktop.services.numbers import next_number
from medbill_desktop.storage import encounters_store as store
from medbill_desktop.storage import patients_store, reference_store

CLAIM_DRAFT = "draft"


@dataclass(frozen=True, slots=True)
class EncounterSummary:
    id: str
    date_of_service: date | None
    status: EncounterStatus
    line_count: int
    total_cents: int


@dataclass(frozen=True, slots=True)
class ClaimInfo:
    id: str
    claim_number: str
    encounter_id: str
    coverage_id: str
    payer_id: str
    payer_name: str
    rank: Party
    status: str
    created_at: str


@dataclass(frozen=True, slots=True)
class FinalizeResult:
    encounter: Encounter
    charge_transaction_ids: tuple[str, ...]  # one per service line, in line order
    responsible: Party  # whose receivable the charges went to
    total_cents: int
    claims: tuple[ClaimInfo, ...]  # one per coverage in effect, primary first
    warnings: tuple[Finding, ...]  # the scrubber's warnings (they don't block)


class ScrubFailed(DomainError):
    """Finalizing was refused: the scrubber found errors. `findings` holds all of them (errors and warnings)
    with their field paths, for the form to list and jump to."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        errs = errors(findings)
        lines = "\n".join(f"- {f.message}" for f in errs)
        count = f"{len(errs)} error{'s' if len(errs) != 1 else ''}"
        super().__init__(f"The encounter can't be finalized: fix {count} first.\n{lines}",
                         errs[0].field if errs else None)
        self.findings = tuple(findings)


# --- saving drafts -----------------------------------------------------------------------------------------------
def _check_references(conn: Connection, e: Encounter, catalog: StoredCatalog) -> None:
    if patients_store.get_patient(conn, e.patient_id) is None:
        raise DomainError("Choose the patient.", "patient_id")
    if e.rendering_provider_id is not None:
        rendering = reference_store.get_provider(conn, e.rendering_provider_id)
        if rendering is None or not rendering.renders:
            raise DomainError("Choose the rendering provider from the list of providers who render services.",
                              "rendering_provider_id")
    if e.billing_provider_id is not None:
        billing = reference_store.get_provider(conn, e.billing_provider_id)
        if billing is None or not billing.bills:
            raise DomainError("Choose the billing provider from the list of providers who bill.",
                              "billing_provider_id")
    if e.facility_id is not None and reference_store.get_facility(conn, e.facility_id) is None:
        raise DomainError("Choose the service facility from the list of facilities.", "facility_id")
    if e.referring_provider_id is not None and reference_store.get_referring(conn, e.referring_provider_id) is None:
        raise DomainError("Choose the referring provider from the list.", "referring_provider_id")
    for i, code in enumerate(e.diagnoses):
        problem = icd10_problem(catalog, code)
        if problem:
            raise DomainError(problem, f"diagnoses[{i}]")


def write_encounter(ws: Workstation, conn: Connection, encounter: Encounter) -> Encounter:
    """Validate and save a draft inside the caller's transaction."""
    actor = ws.signed_in()
    today = ws.today()
    stored = store.load_encounter(conn, encounter.id)
    if stored is not None:
        clean = revise(stored, encounter, today)
    else:
        if encounter.is_finalized:
            raise DomainError("Finalize an encounter with Finalize, which runs the scrubber first.", "status")
        clean = validate_encounter(encounter, today)
    _check_references(conn, clean, StoredCatalog(conn))
    new = store.write_encounter(conn, clean, at=ws.now_iso(), by=actor.username)
    ws.audit(conn, AuditAction.CHANGE, "encounter", clean.id,
             {"op": "add" if new else "edit", "patient_id": clean.patient_id, "lines": len(clean.lines)})
    ws.emit(conn, "encounter.saved", "encounter", clean.id, asdict(clean))
    return clean


def save_encounter(ws: Workstation, encounter: Encounter) -> Encounter:
    """Save a draft (new or edited). Everything typed is checked: dates not in the future, diagnoses that
    exist and are billable, pointers that point at entered diagnoses, codes, units and charges; what may
    still be missing is the scrubber's to report."""
    ws.require(Permission.ENTER_CHARGES)
    with ws.write() as conn:
        return write_encounter(ws, conn, encounter)


def get_encounter(ws: Workstation, encounter_id: str) -> Encounter:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        found = store.load_encounter(conn, encounter_id)
    if found is None:
        raise ServiceError("That encounter no longer exists.", "encounter_id")
    return found


def summaries_in(conn: Connection, patient_id: str, status: EncounterStatus | None = None) -> list[EncounterSummary]:
    return [EncounterSummary(r.id, r.date_of_service, EncounterStatus(r.status), int(r.lines), int(r.total_cents))
            for r in store.summaries(conn, patient_id, status)]


def list_encounters(ws: Workstation, patient_id: str) -> list[EncounterSummary]:
    """The patient's encounters, newest first."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return summaries_in(conn, patient_id)


# --- the fee schedule ---------------------------------------------------------------------------------------------
def schedule_for(conn: Connection, code: str) -> FeeSchedule:
    return fee_schedule(reference_store.fees_for(conn, code.strip().upper()))


def charge_for(ws: Workstation, code: str, modifiers: Sequence[str] = (), units: int = 1) -> int | None:
    """The charge to fill into a service line: the fee schedule's per-unit charge (for the first of the
    modifiers that has its own price, else the plain code) times the units; None when there is no price."""
    ws.signed_in()
    with ws.read() as conn:
        return line_charge(schedule_for(conn, code), code, modifiers, units)


# --- the scrubber -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PreparedEncounter:
    encounter: Encounter
    account_number: str
    claims: tuple[ClaimData, ...]  # one per coverage in effect, primary first; one self-pay claim if none


def prepare_encounter(conn: Connection, encounter_id: str) -> PreparedEncounter:
    """The encounter with everything its claims need, one ClaimData per coverage in effect."""
    e = store.load_encounter(conn, encounter_id)
    if e is None:
        raise ServiceError("That encounter no longer exists.", "encounter_id")
    patient = patients_store.get_patient(conn, e.patient_id)
    assert patient is not None  # a foreign key
    coverages = coverages_on(patients_store.coverages_for(conn, e.patient_id), e.date_of_service) \
        if e.date_of_service else []
    payers = reference_store.get_payers(conn, (c.payer_id for c in coverages))
    billing = reference_store.get_provider(conn, e.billing_provider_id) if e.billing_provider_id else None
    rendering = reference_store.get_provider(conn, e.rendering_provider_id) if e.rendering_provider_id else None
    facility = reference_store.get_facility(conn, e.facility_id) if e.facility_id else None
    referring = reference_store.get_referring(conn, e.referring_provider_id) if e.referring_provider_id else None

    def claim(coverage_index: int | None) -> ClaimData:
        coverage = coverages[coverage_index] if coverage_index is not None else None
        payer = payers.get(coverage.payer_id) if coverage is not None else None
        return ClaimData(encounter=e, patient=patient, coverage=coverage, payer=payer, billing_provider=billing,
                         rendering_provider=rendering, facility=facility, referring_provider=referring,
                         accept_assignment=payer.accept_assignment if payer is not None else True)

    claims = tuple(claim(i) for i in range(len(coverages))) if coverages else (claim(None),)
    return PreparedEncounter(e, patient.account_number, claims)


def _scrub(conn: Connection, prepared: PreparedEncounter, today: date) -> list[Finding]:
    ctx = ScrubContext(catalog=StoredCatalog(conn), today=today)
    findings: list[Finding] = []
    for claim in prepared.claims:
        for f in scrub(claim, ctx):
            if f not in findings:
                findings.append(f)
    return findings


def scrub_encounter(ws: Workstation, encounter_id: str) -> list[Finding]:
    """The scrubber's findings for every claim the encounter would make (errors and warnings, each with the
    field to fix); nothing is changed."""
    ws.require(Permission.VIEW_ACCOUNTS)
    prepare(ws)
    with ws.read() as conn:
        return _scrub(conn, prepare_encounter(conn, encounter_id), ws.today())


# --- finalizing -----------------------------------------------------------------------------------------------------
def _claim_info(conn: Connection, row: Row[Any]) -> ClaimInfo:
    payer = reference_store.get_payer(conn, row.payer_id)
    return ClaimInfo(id=row.id, claim_number=row.claim_number, encounter_id=row.encounter_id,
                     coverage_id=row.coverage_id, payer_id=row.payer_id, payer_name=payer.name if payer else "",
                     rank=Party(row.rank), status=row.status, created_at=row.created_at)


def finalize_in(ws: Workstation, conn: Connection, encounter_id: str) -> FinalizeResult:
    """Finalize inside the caller's transaction (the shipped code lists must be loaded: catalog.prepare)."""
    actor = ws.signed_in()
    prepared = prepare_encounter(conn, encounter_id)
    e = prepared.encounter
    if e.is_finalized:
        raise DomainError("This encounter is already finalized.", "status")
    findings = _scrub(conn, prepared, ws.today())
    if errors(findings):
        raise ScrubFailed(findings)
    done = finalized_copy(e, findings)
    at = ws.now_iso()
    store.mark_finalized(conn, e.id, at=at, by=actor.username)
    insured = [c.coverage for c in prepared.claims if c.coverage is not None]
    responsible = Party.PRIMARY if insured else Party.PATIENT
    tx_ids: list[str] = []
    for line in e.lines:
        on = line_dates(e, line)[0]
        assert on is not None  # the scrubber requires the date of service
        tx = charge(line.id, responsible, prepared.account_number, line.charge_cents, on,
                    memo=f"{line.code_with_modifiers} x{line.units}")
        tx_ids.append(post_in(ws, conn, tx).id)
    for coverage in insured:
        store.insert_claim(conn, claim_id=new_id(), claim_number=next_number(conn, "claim"), encounter_id=e.id,
                           coverage_id=coverage.id, payer_id=coverage.payer_id, rank=coverage.rank.value,
                           status=CLAIM_DRAFT, at=at, actor=actor.username,
                           note="Made when the encounter was finalized.")
    claims = tuple(_claim_info(conn, r) for r in store.claims_for_encounter(conn, e.id))
    total = total_cents(e.lines)
    ws.audit(conn, AuditAction.CHANGE, "encounter", e.id,
             {"op": "finalize", "total_cents": total, "responsible": responsible.value,
              "claims": [c.claim_number for c in claims]})
    ws.emit(conn, "encounter.finalized", "encounter", e.id,
            {"patient_id": e.patient_id, "charge_transactions": tx_ids, "responsible": responsible.value,
             "total_cents": total})
    for c in claims:
        ws.emit(conn, "claim.created", "claim", c.id, {k: v for k, v in asdict(c).items() if k != "payer_name"})
    return FinalizeResult(done, tuple(tx_ids), responsible, total, claims,
                          tuple(f for f in findings if f not in errors(findings)))


def finalize_encounter(ws: Workstation, encounter_id: str) -> FinalizeResult:
    """Run the scrubber; on errors raise ScrubFailed (nothing written). Otherwise, in one transaction: mark
    the encounter finalized, post one charge per line to the first responsible party's receivable (the
    primary payer when the patient has coverage in effect on the date of service, else the patient), and
    make a draft claim per coverage in effect, primary first, each with its first history row."""
    ws.require(Permission.ENTER_CHARGES)
    prepare(ws)
    with ws.write() as conn:
        return finalize_in(ws, conn, encounter_id)


def encounter_claims(ws: Workstation, encounter_id: str) -> list[ClaimInfo]:
    """The claims made from an encounter, primary first."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return [_claim_info(conn, r) for r in store.claims_for_encounter(conn, encounter_id)]
