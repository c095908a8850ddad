"""Read-only views the front-desk and charge-entry screens load in one call each: a patient's file (patient,
coverages, eligibility checks, payers), the pick lists of the charge-entry form, an encounter with the
descriptions of its codes and its claims, the drafts waiting for charges, and the procedure search that
merges the fee schedule with the CPT and HCPCS code sets.

Nothing here writes; each function checks the same permission as the services it reads through.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from medbill_desktop.domain.codes import format_icd10, is_procedure_shape, normalize_code
from medbill_desktop.domain.coverage import Coverage, EligibilityCheck
from medbill_desktop.domain.encounters import Encounter, EncounterStatus
from medbill_desktop.domain.patients import Patient
from medbill_desktop.domain.reference import Payer, Provider, ReferringProvider, ServiceFacility
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services import codes, coverage, encounters, patients, reference_data
from medbill_desktop.services.codes import CodeHit
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.encounters import ClaimInfo
from medbill_desktop.storage.tables import encounters as encounters_table
from medbill_desktop.storage.tables import fee_schedule, service_lines
from medbill_desktop.storage.tables import patients as patients_table

MAX_OPEN = 500


# --- the front desk -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PatientFile:
    """What the front desk shows for the chosen patient (not the account summary, which is an audited view)."""

    patient: Patient
    coverages: tuple[Coverage, ...]  # primary first
    checks: tuple[EligibilityCheck, ...]  # newest first
    payers: dict[str, Payer] = field(default_factory=dict)  # every payer, by id (the coverage dialog picks)
    warnings: tuple[str, ...] = ()  # eligibility warnings for today

    def payer_name(self, payer_id: str) -> str:
        payer = self.payers.get(payer_id)
        return payer.name if payer is not None else "(payer removed)"

    def checks_of(self, coverage_id: str) -> list[EligibilityCheck]:
        return [c for c in self.checks if c.coverage_id == coverage_id]


def patient_file(ws: Workstation, patient_id: str) -> PatientFile:
    patient = patients.get_patient(ws, patient_id)
    return PatientFile(
        patient=patient,
        coverages=tuple(coverage.list_coverages(ws, patient_id)),
        checks=tuple(coverage.eligibility_checks(ws, patient_id)),
        payers={p.id: p for p in reference_data.list_payers(ws)},
        warnings=tuple(coverage.eligibility_warnings(ws, patient_id)),
    )


# --- charge entry ---------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class ChargeFormChoices:
    """The pick lists of the charge-entry form."""

    rendering: tuple[Provider, ...]
    billing: tuple[Provider, ...]
    facilities: tuple[ServiceFacility, ...]
    referring: tuple[ReferringProvider, ...]
    places_of_service: tuple[CodeHit, ...]


def charge_form_choices(ws: Workstation) -> ChargeFormChoices:
    ws.require(Permission.VIEW_ACCOUNTS)
    return ChargeFormChoices(
        rendering=tuple(reference_data.list_providers(ws, renders=True)),
        billing=tuple(reference_data.list_providers(ws, bills=True)),
        facilities=tuple(reference_data.list_facilities(ws)),
        referring=tuple(reference_data.list_referring_providers(ws)),
        places_of_service=tuple(codes.search(ws, "", "pos", codes.MAX_LIMIT)),
    )


@dataclass(frozen=True, slots=True)
class ProcedureHit:
    code: str
    description: str  # '' when the practice's fee schedule knows the code but no code set describes it
    charge_cents: int | None  # the fee schedule's per-unit charge without a modifier
    source: str  # 'fee schedule', 'CPT' or 'HCPCS'


def _fees_starting(ws: Workstation, prefix: str, limit: int) -> dict[str, int | None]:
    """The fee schedule's codes starting with `prefix`, each with its charge without a modifier (None when
    only modifier-specific prices exist)."""
    found: dict[str, int | None] = {}
    with ws.read() as conn:
        rows = conn.execute(select(fee_schedule.c.procedure, fee_schedule.c.modifier, fee_schedule.c.charge_cents)
                            .where(fee_schedule.c.procedure.startswith(prefix, autoescape=True))
                            .order_by(fee_schedule.c.procedure, fee_schedule.c.modifier).limit(limit * 4))
        for r in rows:
            code = str(r.procedure)
            found.setdefault(code, None)
            if not r.modifier:
                found[code] = int(r.charge_cents)
    return dict(list(found.items())[:limit])


def procedure_search(ws: Workstation, text: str, limit: int = 15) -> list[ProcedureHit]:
    """CPT/HCPCS codes for what was typed: the fee schedule's codes starting with it first (the practice's
    own codes, with their charge), then the CPT and HCPCS code sets by code prefix or words."""
    ws.require(Permission.VIEW_ACCOUNTS)
    typed = text.strip()
    if not typed:
        return []
    limit = max(1, min(int(limit), 50))
    prefix = normalize_code(typed)
    fees = _fees_starting(ws, prefix, limit) if prefix.isalnum() and len(prefix) <= 5 else {}
    described: dict[str, tuple[str, str]] = {}
    for set_name, label in (("cpt", "CPT"), ("hcpcs", "HCPCS")):
        for hit in codes.search(ws, typed, set_name, limit):
            described.setdefault(hit.code, (hit.description, label))
    for code in fees:
        if code not in described:
            for set_name, label in (("hcpcs", "HCPCS"), ("cpt", "CPT")):
                entry = codes.lookup(ws, set_name, code)
                if entry is not None:
                    described[code] = (entry.description, label)
                    break
    hits = [ProcedureHit(code, described.get(code, ("", ""))[0], cents, "fee schedule")
            for code, cents in fees.items()]
    hits += [ProcedureHit(code, desc, None, label) for code, (desc, label) in described.items() if code not in fees]
    return hits[:limit]


def procedure_description(ws: Workstation, code: str) -> str:
    """The code set's short description of a CPT/HCPCS code ('' when none describes it)."""
    ws.signed_in()
    bare = normalize_code(code)
    if not is_procedure_shape(bare):
        return ""
    for set_name in ("hcpcs", "cpt"):
        entry = codes.lookup(ws, set_name, bare)
        if entry is not None:
            return entry.description
    return ""


@dataclass(frozen=True, slots=True)
class DiagnosisInfo:
    code: str  # as stored, no dot
    display_code: str
    description: str  # '' when the code set has no such code
    billable: bool
    known: bool


def diagnosis_info(ws: Workstation, code: str) -> DiagnosisInfo:
    ws.signed_in()
    bare = normalize_code(code).replace(".", "")
    found = codes.icd10(ws, bare)
    if found is None:
        return DiagnosisInfo(bare, format_icd10(bare), "", False, False)
    return DiagnosisInfo(found.code, found.display_code, found.description, found.billable, True)


@dataclass(frozen=True, slots=True)
class EncounterFile:
    """An encounter with what the form shows next to its codes."""

    encounter: Encounter
    patient: Patient
    diagnoses: tuple[DiagnosisInfo, ...]  # in the encounter's order
    procedures: dict[str, str]  # code -> description ('' when none)
    claims: tuple[ClaimInfo, ...]


def encounter_file(ws: Workstation, encounter_id: str) -> EncounterFile:
    found = encounters.get_encounter(ws, encounter_id)
    return EncounterFile(
        encounter=found,
        patient=patients.get_patient(ws, found.patient_id),
        diagnoses=tuple(diagnosis_info(ws, code) for code in found.diagnoses),
        procedures={line.procedure: procedure_description(ws, line.procedure) for line in found.lines},
        claims=tuple(encounters.encounter_claims(ws, encounter_id)) if found.is_finalized else (),
    )


@dataclass(frozen=True, slots=True)
class OpenEncounter:
    """A draft encounter waiting for its charges (checked in, or saved and not finalized)."""

    id: str
    patient_id: str
    patient_name: str  # 'Smith, John'
    account_number: str
    date_of_service: date | None
    line_count: int
    total_cents: int


def _name(last: str, first: str, suffix: str) -> str:
    return f"{last}{' ' + suffix if suffix else ''}, {first}"


def open_encounters(ws: Workstation, limit: int = MAX_OPEN) -> list[OpenEncounter]:
    """Every draft encounter, oldest date of service first: the biller's work list."""
    ws.require(Permission.VIEW_ACCOUNTS)
    totals = (select(service_lines.c.encounter_id, func.count().label("lines"),
                     func.sum(service_lines.c.charge_cents).label("total_cents"))
              .group_by(service_lines.c.encounter_id).subquery())
    e, p = encounters_table, patients_table
    query = (select(e.c.id, e.c.patient_id, e.c.date_of_service, p.c.last_name, p.c.first_name, p.c.suffix,
                    p.c.account_number, func.coalesce(totals.c.lines, 0).label("lines"),
                    func.coalesce(totals.c.total_cents, 0).label("total_cents"))
             .select_from(e.join(p, p.c.id == e.c.patient_id).outerjoin(totals, totals.c.encounter_id == e.c.id))
             .where(e.c.status == EncounterStatus.DRAFT.value)
             .order_by(e.c.date_of_service, p.c.last_key, p.c.first_key, e.c.id)
             .limit(max(1, min(int(limit), MAX_OPEN))))
    with ws.read() as conn:
        rows = list(conn.execute(query))
    return [OpenEncounter(str(r.id), str(r.patient_id), _name(r.last_name, r.first_name, r.suffix),
                          str(r.account_number), r.date_of_service, int(r.lines), int(r.total_cents)) for r in rows]


def payers_by_id(ws: Workstation, payer_ids: Iterable[str] | None = None) -> dict[str, Payer]:
    wanted = set(payer_ids) if payer_ids is not None else None
    return {p.id: p for p in reference_data.list_payers(ws) if wanted is None or p.id in wanted}
