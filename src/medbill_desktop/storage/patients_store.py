"""Patients, their phone search keys, coverages and eligibility checks: rows <-> domain records, and the
indexed queries behind the patient search box and the duplicate warning."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, case, delete, or_, select

from medbill_desktop.domain.coverage import (
    Coverage,
    EligibilityCheck,
    EligibilityMethod,
    Relationship,
    Subscriber,
)
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.names import name_key
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship, Patient, Sex
from medbill_desktop.storage.reference_store import address_columns, address_from
from medbill_desktop.storage.tables import coverages, eligibility_checks, patient_phones, patients


def prefix_upper_bound(prefix: str) -> str:
    """The smallest text greater than every text starting with `prefix` (SQLite compares text by its
    UTF-8 bytes, which sort as the code points do)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _starts_with(column: Any, prefix: str) -> ColumnElement[bool]:
    """A prefix condition an index can answer with a range scan (LIKE 'x%' can't, on these columns)."""
    cond: ColumnElement[bool] = (column >= prefix) & (column < prefix_upper_bound(prefix))
    return cond


# --- patients ----------------------------------------------------------------------------------------------
def patient_values(p: Patient, at: str) -> dict[str, Any]:
    g = p.guarantor
    values: dict[str, Any] = {
        "account_number": p.account_number, "last_name": p.last_name, "first_name": p.first_name,
        "middle_name": p.middle_name, "suffix": p.suffix, "last_key": name_key(p.last_name),
        "first_key": name_key(p.first_name), "date_of_birth": p.date_of_birth, "sex": p.sex.value,
        **address_columns(p.address), "home_phone": p.home_phone, "cell_phone": p.cell_phone,
        "work_phone": p.work_phone, "email": p.email, "release_signed_on": p.release_signed_on,
        "guarantor_last_name": g.last_name if g else None, "guarantor_first_name": g.first_name if g else None,
        "guarantor_relationship": g.relationship.value if g else None,
        **address_columns(g.address if g else None, "guarantor"),
        "guarantor_phone": g.phone if g else None, "guarantor_date_of_birth": g.date_of_birth if g else None,
        "guarantor_patient_id": g.patient_id if g else None, "updated_at": at,
    }
    return values


def patient_from(r: Row[Any]) -> Patient:
    guarantor = None
    if r.guarantor_last_name is not None:
        g_address = address_from(r, "guarantor")
        assert g_address is not None  # a guarantor is always saved with an address
        guarantor = Guarantor(last_name=r.guarantor_last_name, first_name=r.guarantor_first_name,
                              relationship=GuarantorRelationship(r.guarantor_relationship), address=g_address,
                              phone=r.guarantor_phone or "", date_of_birth=r.guarantor_date_of_birth,
                              patient_id=r.guarantor_patient_id)
    return Patient(last_name=r.last_name, first_name=r.first_name, date_of_birth=r.date_of_birth,
                   sex=Sex(r.sex), middle_name=r.middle_name, suffix=r.suffix, address=address_from(r),
                   home_phone=r.home_phone, cell_phone=r.cell_phone, work_phone=r.work_phone, email=r.email,
                   account_number=r.account_number, guarantor=guarantor, release_signed_on=r.release_signed_on,
                   id=r.id)


def phone_keys(phones: Iterable[str]) -> set[str]:
    """The search keys of 10-digit numbers: the number, its local 7 digits and its last 4."""
    keys: set[str] = set()
    for number in phones:
        if len(number) == 10:
            keys.update((number, number[3:], number[6:]))
    return keys


def insert_patient(conn: Connection, p: Patient, at: str) -> None:
    conn.execute(patients.insert().values(id=p.id, created_at=at, **patient_values(p, at)))
    _write_phones(conn, p)


def update_patient(conn: Connection, p: Patient, at: str) -> None:
    values = patient_values(p, at)
    conn.execute(patients.update().where(patients.c.id == p.id).values(**values))
    conn.execute(delete(patient_phones).where(patient_phones.c.patient_id == p.id))
    _write_phones(conn, p)


def _write_phones(conn: Connection, p: Patient) -> None:
    keys = phone_keys(p.phones)
    if keys:
        conn.execute(patient_phones.insert(), [{"digits": k, "patient_id": p.id} for k in sorted(keys)])


def get_patient(conn: Connection, patient_id: str) -> Patient | None:
    row = conn.execute(select(patients).where(patients.c.id == patient_id)).first()
    return patient_from(row) if row else None


def patient_account(conn: Connection, patient_id: str) -> str | None:
    found = conn.execute(select(patients.c.account_number).where(patients.c.id == patient_id)).scalar()
    return str(found) if found is not None else None


_NAME_ORDER = (patients.c.last_key, patients.c.first_key, patients.c.date_of_birth)


def search_by_name(conn: Connection, last: str, first: str, limit: int) -> list[Patient]:
    """Last-name key prefix, then first-name key prefix. With a last name this walks ix_patients_name
    (last_key, first_key, date_of_birth) in the list's order from the prefix on and stops at the limit,
    testing the first name on the index entries; the first-name test is written so that SQLite can't pick
    ix_patients_first_key instead (that would fetch and sort every patient with the first name). A first
    name alone ("', jo") uses ix_patients_first_key."""
    if not last and not first:
        return []
    conds: list[ColumnElement[bool]] = []
    if last:
        conds.append(_starts_with(patients.c.last_key, last))
        if first:
            conds.append(_starts_with(patients.c.first_key.concat(""), first))
    else:
        conds.append(_starts_with(patients.c.first_key, first))
    rows = conn.execute(select(patients).where(*conds).order_by(*_NAME_ORDER).limit(limit))
    return [patient_from(r) for r in rows]


def search_by_birth_date(conn: Connection, dob: date, limit: int) -> list[Patient]:
    rows = conn.execute(select(patients).where(patients.c.date_of_birth == dob).order_by(*_NAME_ORDER).limit(limit))
    return [patient_from(r) for r in rows]


def search_by_account(conn: Connection, prefix: str, limit: int) -> list[Patient]:
    rows = conn.execute(select(patients).where(_starts_with(patients.c.account_number, prefix))
                        .order_by(patients.c.account_number).limit(limit))
    return [patient_from(r) for r in rows]


def search_by_phone(conn: Connection, digits: str, limit: int) -> list[Patient]:
    ids = conn.execute(select(patient_phones.c.patient_id).distinct()
                       .where(_starts_with(patient_phones.c.digits, digits)).limit(limit)).scalars().all()
    if not ids:
        return []
    rows = conn.execute(select(patients).where(patients.c.id.in_(ids)).order_by(*_NAME_ORDER))
    return [patient_from(r) for r in rows]


def duplicate_pool(conn: Connection, p: Patient, limit: int = 500) -> list[Patient]:
    """Everyone who could be a duplicate by the domain's rules: the same date of birth (same or similar
    last name), or the same first and last name (shared phone). Both branches use an index."""
    conds = [(patients.c.last_key == name_key(p.last_name)) & (patients.c.first_key == name_key(p.first_name))]
    if p.date_of_birth is not None:
        conds.append(patients.c.date_of_birth == p.date_of_birth)
    rows = conn.execute(select(patients).where(or_(*conds), patients.c.id != p.id).limit(limit))
    return [patient_from(r) for r in rows]


# --- coverages ------------------------------------------------------------------------------------------------
_RANK_ORDER = case({"primary": 1, "secondary": 2, "tertiary": 3}, value=coverages.c.rank)


def coverage_values(c: Coverage, at: str) -> dict[str, Any]:
    s = c.subscriber
    return {
        "patient_id": c.patient_id, "payer_id": c.payer_id, "rank": c.rank.value, "member_id": c.member_id,
        "group_number": c.group_number, "relationship": c.relationship.value,
        "subscriber_last_name": s.last_name if s else None, "subscriber_first_name": s.first_name if s else None,
        "subscriber_middle_name": s.middle_name if s else None,
        "subscriber_date_of_birth": s.date_of_birth if s else None,
        "subscriber_sex": s.sex.value if s else None, **address_columns(s.address if s else None, "subscriber"),
        "subscriber_phone": s.phone if s else None, "effective_from": c.effective_from,
        "effective_to": c.effective_to, "copay_cents": c.copay_cents, "plan_name": c.plan_name,
        "benefits_assigned": c.benefits_assigned, "removed_at": None, "updated_at": at,
    }


def coverage_from(r: Row[Any]) -> Coverage:
    subscriber = None
    if r.subscriber_last_name is not None:
        subscriber = Subscriber(last_name=r.subscriber_last_name, first_name=r.subscriber_first_name,
                                date_of_birth=r.subscriber_date_of_birth, sex=Sex(r.subscriber_sex or "U"),
                                middle_name=r.subscriber_middle_name or "", address=address_from(r, "subscriber"),
                                phone=r.subscriber_phone or "")
    return Coverage(patient_id=r.patient_id, payer_id=r.payer_id, rank=Party(r.rank), member_id=r.member_id,
                    group_number=r.group_number, relationship=Relationship(r.relationship), subscriber=subscriber,
                    effective_from=r.effective_from, effective_to=r.effective_to, copay_cents=int(r.copay_cents),
                    plan_name=r.plan_name, benefits_assigned=bool(r.benefits_assigned), id=r.id)


def coverages_for(conn: Connection, patient_id: str) -> list[Coverage]:
    """The patient's current coverages (not removed), primary first."""
    rows = conn.execute(select(coverages).where(coverages.c.patient_id == patient_id, coverages.c.removed_at.is_(None))
                        .order_by(_RANK_ORDER, coverages.c.effective_from))
    return [coverage_from(r) for r in rows]


def get_coverage(conn: Connection, coverage_id: str) -> Coverage | None:
    row = conn.execute(select(coverages).where(coverages.c.id == coverage_id)).first()
    return coverage_from(row) if row else None


def coverage_owner(conn: Connection, coverage_id: str) -> tuple[str, bool] | None:
    """(patient id, removed) of a coverage."""
    row = conn.execute(select(coverages.c.patient_id, coverages.c.removed_at)
                       .where(coverages.c.id == coverage_id)).first()
    return (str(row.patient_id), row.removed_at is not None) if row else None


def save_coverage(conn: Connection, c: Coverage, at: str) -> bool:
    values = coverage_values(c, at)
    if conn.execute(select(coverages.c.id).where(coverages.c.id == c.id)).first() is not None:
        conn.execute(coverages.update().where(coverages.c.id == c.id).values(**values))
        return False
    conn.execute(coverages.insert().values(id=c.id, **values))
    return True


def remove_coverages(conn: Connection, coverage_ids: Sequence[str], at: str) -> None:
    if coverage_ids:
        conn.execute(coverages.update().where(coverages.c.id.in_(list(coverage_ids)))
                     .values(removed_at=at, updated_at=at))


# --- eligibility checks ------------------------------------------------------------------------------------------
def check_values(check: EligibilityCheck, at: str, by: str) -> dict[str, Any]:
    return {"id": check.id, "coverage_id": check.coverage_id, "checked_on": check.checked_on,
            "checked_by": check.checked_by, "method": check.method.value, "active": check.active,
            "copay_cents": check.copay_cents, "deductible_remaining_cents": check.deductible_remaining_cents,
            "out_of_pocket_remaining_cents": check.out_of_pocket_remaining_cents,
            "reference_number": check.reference_number, "note": check.note, "recorded_at": at, "recorded_by": by}


def insert_check(conn: Connection, check: EligibilityCheck, at: str, by: str) -> None:
    conn.execute(eligibility_checks.insert().values(**check_values(check, at, by)))


def checks_for(conn: Connection, coverage_ids: Sequence[str]) -> list[EligibilityCheck]:
    """Newest first."""
    if not coverage_ids:
        return []
    t = eligibility_checks
    rows = conn.execute(select(t).where(t.c.coverage_id.in_(list(coverage_ids)))
                        .order_by(t.c.checked_on.desc(), t.c.id.desc()))
    return [EligibilityCheck(coverage_id=r.coverage_id, checked_on=r.checked_on, checked_by=r.checked_by,
                             method=EligibilityMethod(r.method), active=bool(r.active), copay_cents=r.copay_cents,
                             deductible_remaining_cents=r.deductible_remaining_cents,
                             out_of_pocket_remaining_cents=r.out_of_pocket_remaining_cents,
                             reference_number=r.reference_number, note=r.note, id=r.id) for r in rows]
