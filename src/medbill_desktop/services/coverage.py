"""A patient's insurance: coverages in order (primary, secondary, tertiary), eligibility check records, and
the warnings shown at check-in when a check is missing, old or found the coverage inactive."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import date

from sqlalchemy import Connection

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.coverage import (
    INSURANCE_RANKS,
    Coverage,
    EligibilityCheck,
    eligibility_warning,
    validate_coverage,
    validate_coverage_ranks,
    validate_eligibility_check,
)
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.settings import load_settings
from medbill_desktop.storage import patients_store as store
from medbill_desktop.storage import reference_store


def _check_patient(conn: Connection, patient_id: str) -> None:
    if store.get_patient(conn, patient_id) is None:
        raise ServiceError("That patient no longer exists; search again.", "patient_id")


def write_coverages(ws: Workstation, conn: Connection, patient_id: str,
                    coverages: Sequence[Coverage]) -> list[Coverage]:
    _check_patient(conn, patient_id)
    today = ws.today()
    clean: list[Coverage] = []
    for i, c in enumerate(coverages):
        if c.patient_id != patient_id:
            raise DomainError("This coverage belongs to another patient.", f"coverages[{i}].patient_id")
        try:
            checked = validate_coverage(c, today)
        except DomainError as exc:
            raise DomainError(exc.message, f"coverages[{i}].{exc.field}" if exc.field else f"coverages[{i}]") \
                from None
        if reference_store.get_payer(conn, checked.payer_id) is None:
            raise DomainError("Choose the payer from the list of payers.", f"coverages[{i}].payer_id")
        owner = store.coverage_owner(conn, checked.id)
        if owner is not None and owner[0] != patient_id:
            raise DomainError("This coverage belongs to another patient.", f"coverages[{i}].id")
        clean.append(checked)
    validate_coverage_ranks(clean)
    at = ws.now_iso()
    kept = {c.id for c in clean}
    removed = [c.id for c in store.coverages_for(conn, patient_id) if c.id not in kept]
    store.remove_coverages(conn, removed, at)
    added = []
    for c in clean:
        before = store.get_coverage(conn, c.id)
        was_removed = before is not None and store.coverage_owner(conn, c.id) == (patient_id, True)
        if store.save_coverage(conn, c, at):
            added.append(c.id)
        changed = _changed_fields(before, c, was_removed)
        if changed:
            ws.emit(conn, "coverage.saved", "coverage", c.id, changed)
    for coverage_id in removed:
        ws.emit(conn, "coverage.removed", "coverage", coverage_id, {"patient_id": patient_id})
    ws.audit(conn, AuditAction.CHANGE, "patient", patient_id,
             {"op": "coverages", "added": added, "removed": removed, "kept": sorted(kept - set(added))})
    return store.coverages_for(conn, patient_id)


def _changed_fields(before: Coverage | None, after: Coverage, was_removed: bool) -> dict[str, object]:
    """What the outbox says about a saved coverage: all of it when it is new (or back after a removal), else only
    the fields that changed (the practice server merges field by field: a field this save did not touch must
    not overwrite another workstation's edit of it), with the patient always named. Empty: nothing changed."""
    new = asdict(after)
    if before is None or was_removed:
        return new
    old = asdict(before)
    changed = {k: v for k, v in new.items() if old[k] != v}
    return {"patient_id": after.patient_id, **changed} if changed else {}


def set_coverages(ws: Workstation, patient_id: str, coverages: Sequence[Coverage]) -> list[Coverage]:
    """Replace the patient's coverages with these (all of them, in any order): each is validated, their
    ranks are checked together over time (no two primaries at once, no secondary without a primary), and
    coverages left out are removed (kept on file for the claims and checks that name them). Returns the
    coverages as stored, primary first."""
    ws.require(Permission.REGISTER_PATIENTS)
    with ws.write() as conn:
        return write_coverages(ws, conn, patient_id, coverages)


def list_coverages(ws: Workstation, patient_id: str) -> list[Coverage]:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return store.coverages_for(conn, patient_id)


def write_eligibility_check(ws: Workstation, conn: Connection, check: EligibilityCheck) -> EligibilityCheck:
    actor = ws.signed_in()
    if not check.checked_by.strip():
        check = replace(check, checked_by=actor.full_name)
    clean = validate_eligibility_check(check, ws.today())
    owner = store.coverage_owner(conn, clean.coverage_id)
    if owner is None or owner[1]:
        raise DomainError("Choose one of the patient's current coverages.", "coverage_id")
    store.insert_check(conn, clean, ws.now_iso(), actor.username)
    ws.audit(conn, AuditAction.CHANGE, "patient", owner[0],
             {"op": "eligibility_check", "coverage_id": clean.coverage_id, "active": clean.active})
    ws.emit(conn, "eligibility.checked", "eligibility_check", clean.id, asdict(clean))
    return clean


def record_eligibility_check(ws: Workstation, check: EligibilityCheck) -> EligibilityCheck:
    """Record a check made by phone, on the payer's portal or electronically (who checked: the signed-in
    user's name when left empty)."""
    ws.require(Permission.REGISTER_PATIENTS)
    with ws.write() as conn:
        return write_eligibility_check(ws, conn, check)


def eligibility_checks(ws: Workstation, patient_id: str) -> list[EligibilityCheck]:
    """The checks of the patient's current coverages, newest first."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return store.checks_for(conn, [c.id for c in store.coverages_for(conn, patient_id)])


def warnings_in(conn: Connection, patient_id: str, today: date) -> list[str]:
    """What to tell the front desk about the patient's insurance today: for each coverage in effect, and for
    each rank with none in effect, its latest coverage (one that ended or hasn't started)."""
    coverages = store.coverages_for(conn, patient_id)
    checks = store.checks_for(conn, [c.id for c in coverages])
    max_age = load_settings(conn).eligibility_max_age_days
    shown: list[Coverage] = []
    for rank in INSURANCE_RANKS:
        of_rank = [c for c in coverages if c.rank is rank]
        active = [c for c in of_rank if c.active_on(today)]
        if active:
            shown += active
        elif of_rank:
            shown.append(max(of_rank, key=lambda c: (c.effective_to or date.max, c.effective_from or date.min)))
    found = (eligibility_warning(c, checks, today, max_age) for c in shown)
    return [w for w in found if w]


def eligibility_warnings(ws: Workstation, patient_id: str) -> list[str]:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        _check_patient(conn, patient_id)
        return warnings_in(conn, patient_id, ws.today())
