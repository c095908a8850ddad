"""Patient registration (front desk): register and update demographics and the guarantor, search as you
type, and the duplicate warning shown before a new patient is saved."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date

from sqlalchemy import Connection

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.names import name_key
from medbill_desktop.domain.patients import (
    DuplicateCandidate,
    Patient,
    QueryKind,
    duplicate_candidates,
    parse_patient_query,
    validate_patient,
)
from medbill_desktop.domain.practice import format_phone
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.numbers import next_number
from medbill_desktop.storage import patients_store as store

MAX_RESULTS = 100


@dataclass(frozen=True, slots=True)
class PatientHit:
    """One row of the search list."""

    id: str
    account_number: str
    display_name: str  # 'Smith, John A'
    date_of_birth: date | None
    phone: str  # formatted, '(217) 555-0100', or ''


def _hit(p: Patient) -> PatientHit:
    return PatientHit(p.id, p.account_number, p.display_name, p.date_of_birth,
                      format_phone(p.primary_phone) if p.primary_phone else "")


def _check_guarantor(conn: Connection, p: Patient) -> None:
    g = p.guarantor
    if g is None or g.patient_id is None:
        return
    if g.patient_id == p.id:
        raise DomainError("A patient who pays their own bills has no guarantor; clear the guarantor.",
                          "guarantor.patient_id")
    if store.get_patient(conn, g.patient_id) is None:
        raise DomainError("The guarantor chosen from the patient list no longer exists; choose again.",
                          "guarantor.patient_id")


def insert_patient(ws: Workstation, conn: Connection, patient: Patient) -> Patient:
    """Validate and register inside the caller's transaction; the account number is allocated here."""
    clean = validate_patient(patient, ws.today())
    if store.get_patient(conn, clean.id) is not None:
        raise ServiceError("This patient is already registered; save changes with update_patient.", "id")
    _check_guarantor(conn, clean)
    clean = replace(clean, account_number=next_number(conn, "account"))
    store.insert_patient(conn, clean, ws.now_iso())
    ws.audit(conn, AuditAction.CHANGE, "patient", clean.id, {"op": "register", "account": clean.account_number})
    ws.emit(conn, "patient.registered", "patient", clean.id, asdict(clean))
    return clean


def register_patient(ws: Workstation, patient: Patient) -> Patient:
    """A new patient with a new account number (check `find_duplicates` first and warn)."""
    ws.require(Permission.REGISTER_PATIENTS)
    with ws.write() as conn:
        return insert_patient(ws, conn, patient)


def update_patient(ws: Workstation, patient: Patient) -> Patient:
    """Save changed demographics; the account number never changes."""
    ws.require(Permission.REGISTER_PATIENTS)
    clean = validate_patient(patient, ws.today())
    with ws.write() as conn:
        stored = store.get_patient(conn, clean.id)
        if stored is None:
            raise ServiceError("This patient is not registered yet; register them first.", "id")
        _check_guarantor(conn, clean)
        clean = replace(clean, account_number=stored.account_number)
        store.update_patient(conn, clean, ws.now_iso())
        before, after = asdict(stored), asdict(clean)
        changed = sorted(k for k in after if before[k] != after[k])
        if changed:
            ws.audit(conn, AuditAction.CHANGE, "patient", clean.id, {"op": "edit", "fields": changed})
            ws.emit(conn, "patient.updated", "patient", clean.id, {k: after[k] for k in changed})
    return clean


def save_patient(ws: Workstation, patient: Patient) -> Patient:
    """Register when the id is new, else update."""
    with ws.read() as conn:
        known = store.get_patient(conn, patient.id) is not None
    return update_patient(ws, patient) if known else register_patient(ws, patient)


def get_patient(ws: Workstation, patient_id: str) -> Patient:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        found = store.get_patient(conn, patient_id)
    if found is None:
        raise ServiceError("That patient no longer exists; search again.", "patient_id")
    return found


def search_patients(ws: Workstation, text: str, limit: int = 20) -> list[PatientHit]:
    """What the search box finds as the user types: a name ('smi', 'smith, jo', 'john smith'), a date of
    birth (MM/DD/YYYY), an account number prefix, or phone digits (a prefix of the number, of its 7-digit
    local number, or of its last 4 digits). Nothing while a date or number is still being typed; a
    DomainError with the search help for text that is none of these."""
    ws.require(Permission.VIEW_ACCOUNTS)
    query = parse_patient_query(text)
    limit = max(1, min(int(limit), MAX_RESULTS))
    if query.kind in (QueryKind.EMPTY, QueryKind.INCOMPLETE):
        return []
    with ws.read() as conn:
        if query.kind is QueryKind.BIRTH_DATE:
            assert query.birth_date is not None
            found = store.search_by_birth_date(conn, query.birth_date, limit)
        elif query.kind is QueryKind.ACCOUNT:
            found = store.search_by_account(conn, query.account_number, limit)
        elif query.kind is QueryKind.PHONE:
            found = store.search_by_phone(conn, query.phone_digits, limit)
        else:
            found = _search_names(conn, query.last, query.first, query.either_order, text, limit)
    return [_hit(p) for p in found]


def _search_names(conn: Connection, last: str, first: str, either_order: bool, text: str,
                  limit: int) -> list[Patient]:
    found = store.search_by_name(conn, last, first, limit)
    if either_order:
        # "john smith" may be first-then-last or last-then-first; "van der" may be one last name
        found += store.search_by_name(conn, first, last, limit)
        joined = name_key(text)
        if joined:
            found += store.search_by_name(conn, joined, "", limit)
    unique: dict[str, Patient] = {}
    for p in found:
        unique.setdefault(p.id, p)
    ordered = sorted(unique.values(), key=lambda p: (name_key(p.last_name), name_key(p.first_name),
                                                      p.date_of_birth or date.min, p.id))
    return ordered[:limit]


def find_duplicates(ws: Workstation, patient: Patient) -> list[DuplicateCandidate]:
    """Registered patients who may be the person being registered (or edited), with the reasons in words."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        pool = store.duplicate_pool(conn, patient)
    return duplicate_candidates(patient, pool)
