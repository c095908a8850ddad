"""Encounters with their diagnoses and service lines, and the draft claims (with their state history)
made when an encounter is finalized."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Row, delete, func, select

from medbill_desktop.domain.encounters import ClaimDate, Encounter, EncounterStatus, ServiceLine
from medbill_desktop.domain.ids import new_id
from medbill_desktop.storage.tables import (
    claim_state_history,
    claims,
    encounter_diagnoses,
    encounters,
    service_lines,
)


def _encounter_values(e: Encounter, at: str) -> dict[str, Any]:
    return {
        "patient_id": e.patient_id, "date_of_service": e.date_of_service,
        "rendering_provider_id": e.rendering_provider_id, "billing_provider_id": e.billing_provider_id,
        "facility_id": e.facility_id, "place_of_service": e.place_of_service,
        "referring_provider_id": e.referring_provider_id, "prior_authorization": e.prior_authorization,
        "current_illness_qualifier": e.current_illness.qualifier if e.current_illness else None,
        "current_illness_on": e.current_illness.on if e.current_illness else None,
        "other_date_qualifier": e.other_date.qualifier if e.other_date else None,
        "other_date_on": e.other_date.on if e.other_date else None,
        "status": e.status.value, "updated_at": at,
    }


def _line_values(encounter_id: str, position: int, line: ServiceLine) -> dict[str, Any]:
    mods = (*line.modifiers, "", "", "", "")[:4]
    pointers: tuple[int | None, ...] = (*line.pointers, None, None, None, None)[:4]
    return {
        "id": line.id, "encounter_id": encounter_id, "position": position, "procedure": line.procedure,
        "modifier_1": mods[0], "modifier_2": mods[1], "modifier_3": mods[2], "modifier_4": mods[3],
        "units": line.units, "pointer_1": pointers[0], "pointer_2": pointers[1], "pointer_3": pointers[2],
        "pointer_4": pointers[3], "charge_cents": line.charge_cents, "from_date": line.from_date,
        "to_date": line.to_date, "ndc": line.ndc, "ndc_unit": line.ndc_unit,
        "ndc_quantity": str(line.ndc_quantity) if line.ndc_quantity is not None else None,
    }


def encounter_exists(conn: Connection, encounter_id: str) -> bool:
    return conn.execute(select(encounters.c.id).where(encounters.c.id == encounter_id)).first() is not None


def write_encounter(conn: Connection, e: Encounter, *, at: str, by: str) -> bool:
    """Insert or replace a draft with its diagnoses and lines; True when it is new."""
    values = _encounter_values(e, at)
    new = not encounter_exists(conn, e.id)
    if new:
        conn.execute(encounters.insert().values(id=e.id, created_at=at, created_by=by, **values))
    else:
        conn.execute(encounters.update().where(encounters.c.id == e.id).values(**values))
        conn.execute(delete(encounter_diagnoses).where(encounter_diagnoses.c.encounter_id == e.id))
        conn.execute(delete(service_lines).where(service_lines.c.encounter_id == e.id))
    if e.diagnoses:
        conn.execute(encounter_diagnoses.insert(), [
            {"encounter_id": e.id, "position": i, "code": code} for i, code in enumerate(e.diagnoses, start=1)])
    if e.lines:
        conn.execute(service_lines.insert(), [_line_values(e.id, i, line) for i, line in enumerate(e.lines, start=1)])
    return new


def mark_finalized(conn: Connection, encounter_id: str, *, at: str, by: str) -> None:
    conn.execute(encounters.update().where(encounters.c.id == encounter_id).values(
        status=EncounterStatus.FINALIZED.value, finalized_at=at, finalized_by=by, updated_at=at))


def _line_from(r: Row[Any]) -> ServiceLine:
    mods = tuple(m for m in (r.modifier_1, r.modifier_2, r.modifier_3, r.modifier_4) if m)
    pointers = tuple(int(p) for p in (r.pointer_1, r.pointer_2, r.pointer_3, r.pointer_4) if p is not None)
    return ServiceLine(procedure=r.procedure, charge_cents=int(r.charge_cents), modifiers=mods, units=int(r.units),
                       pointers=pointers, from_date=r.from_date, to_date=r.to_date, ndc=r.ndc, ndc_unit=r.ndc_unit,
                       ndc_quantity=Decimal(r.ndc_quantity) if r.ndc_quantity is not None else None, id=r.id)


def _encounter_from(r: Row[Any], diagnoses: Sequence[str], lines: Sequence[Row[Any]]) -> Encounter:
    return Encounter(
        patient_id=r.patient_id, date_of_service=r.date_of_service, rendering_provider_id=r.rendering_provider_id,
        billing_provider_id=r.billing_provider_id, facility_id=r.facility_id, place_of_service=r.place_of_service,
        referring_provider_id=r.referring_provider_id, prior_authorization=r.prior_authorization,
        current_illness=(ClaimDate(r.current_illness_qualifier, r.current_illness_on)
                         if r.current_illness_qualifier else None),
        other_date=ClaimDate(r.other_date_qualifier, r.other_date_on) if r.other_date_qualifier else None,
        diagnoses=tuple(str(d) for d in diagnoses), lines=tuple(_line_from(x) for x in lines),
        status=EncounterStatus(r.status), id=r.id,
    )


def load_encounter(conn: Connection, encounter_id: str) -> Encounter | None:
    r = conn.execute(select(encounters).where(encounters.c.id == encounter_id)).first()
    if r is None:
        return None
    diagnoses = conn.execute(select(encounter_diagnoses.c.code).where(encounter_diagnoses.c.encounter_id == r.id)
                             .order_by(encounter_diagnoses.c.position)).scalars().all()
    lines = conn.execute(select(service_lines).where(service_lines.c.encounter_id == r.id)
                         .order_by(service_lines.c.position))
    return _encounter_from(r, diagnoses, list(lines))


CHUNK = 500


def load_encounters(conn: Connection, encounter_ids: Iterable[str]) -> dict[str, Encounter]:
    """load_encounter for many encounters: three queries per 500; the ones that do not exist are left out."""
    out: dict[str, Encounter] = {}
    wanted = list(dict.fromkeys(encounter_ids))
    for start in range(0, len(wanted), CHUNK):
        part = wanted[start:start + CHUNK]
        rows = list(conn.execute(select(encounters).where(encounters.c.id.in_(part))))
        if not rows:
            continue
        diagnoses: dict[str, list[str]] = {}
        for d in conn.execute(select(encounter_diagnoses.c.encounter_id, encounter_diagnoses.c.code)
                              .where(encounter_diagnoses.c.encounter_id.in_(part))
                              .order_by(encounter_diagnoses.c.encounter_id, encounter_diagnoses.c.position)):
            diagnoses.setdefault(d.encounter_id, []).append(d.code)
        lines: dict[str, list[Row[Any]]] = {}
        for line in conn.execute(select(service_lines).where(service_lines.c.encounter_id.in_(part))
                                 .order_by(service_lines.c.encounter_id, service_lines.c.position)):
            lines.setdefault(line.encounter_id, []).append(line)
        for r in rows:
            out[r.id] = _encounter_from(r, diagnoses.get(r.id, []), lines.get(r.id, []))
    return out


def visit_dates_of_lines(conn: Connection, line_ids: list[str]) -> dict[str, date]:
    """Each service line's date of service (its encounter's)."""
    if not line_ids:
        return {}
    rows = conn.execute(select(service_lines.c.id, encounters.c.date_of_service)
                        .join(encounters, encounters.c.id == service_lines.c.encounter_id)
                        .where(service_lines.c.id.in_(line_ids)))
    return {r.id: r.date_of_service for r in rows}


def draft_on(conn: Connection, patient_id: str, day: date) -> str | None:
    """The patient's draft encounter for a day, if one is open."""
    found = conn.execute(select(encounters.c.id).where(
        encounters.c.patient_id == patient_id, encounters.c.date_of_service == day,
        encounters.c.status == EncounterStatus.DRAFT.value).order_by(encounters.c.id).limit(1)).scalar()
    return str(found) if found is not None else None


def summaries(conn: Connection, patient_id: str, status: EncounterStatus | None = None) -> list[Row[Any]]:
    """Per encounter: id, date_of_service, status, line count and total charge; newest first."""
    totals = (select(service_lines.c.encounter_id, func.count().label("lines"),
                     func.sum(service_lines.c.charge_cents).label("total_cents"))
              .group_by(service_lines.c.encounter_id).subquery())
    query = (select(encounters.c.id, encounters.c.date_of_service, encounters.c.status,
                    func.coalesce(totals.c.lines, 0).label("lines"),
                    func.coalesce(totals.c.total_cents, 0).label("total_cents"))
             .select_from(encounters.outerjoin(totals, totals.c.encounter_id == encounters.c.id))
             .where(encounters.c.patient_id == patient_id)
             .order_by(encounters.c.date_of_service.desc(), encounters.c.id.desc()))
    if status is not None:
        query = query.where(encounters.c.status == status.value)
    return list(conn.execute(query))


# --- claims -----------------------------------------------------------------------------------------------------
def insert_claim(conn: Connection, *, claim_id: str, claim_number: str, encounter_id: str, coverage_id: str,
                 payer_id: str, rank: str, status: str, at: str, actor: str, note: str) -> None:
    conn.execute(claims.insert().values(id=claim_id, claim_number=claim_number, encounter_id=encounter_id,
                                        coverage_id=coverage_id, payer_id=payer_id, rank=rank, status=status,
                                        created_at=at))
    insert_history(conn, claim_id=claim_id, at=at, actor=actor, from_status=None, to_status=status, note=note)


def insert_history(conn: Connection, *, claim_id: str, at: str, actor: str, from_status: str | None,
                   to_status: str, note: str) -> None:
    conn.execute(claim_state_history.insert().values(id=new_id(), claim_id=claim_id, at=at, actor=actor,
                                                     from_status=from_status, to_status=to_status, note=note))


_RANK = {"primary": 1, "secondary": 2, "tertiary": 3}


def claims_for_encounter(conn: Connection, encounter_id: str) -> list[Row[Any]]:
    rows = list(conn.execute(select(claims).where(claims.c.encounter_id == encounter_id)))
    return sorted(rows, key=lambda r: (_RANK.get(r.rank, 9), r.id))


def claims_for_encounters(conn: Connection, encounter_ids: Iterable[str]) -> dict[str, list[Row[Any]]]:
    """claims_for_encounter for many encounters (by encounter id, each in the same order)."""
    out: dict[str, list[Row[Any]]] = {}
    wanted = list(dict.fromkeys(encounter_ids))
    for start in range(0, len(wanted), CHUNK):
        for r in conn.execute(select(claims).where(claims.c.encounter_id.in_(wanted[start:start + CHUNK]))):
            out.setdefault(r.encounter_id, []).append(r)
    for rows in out.values():
        rows.sort(key=lambda r: (_RANK.get(r.rank, 9), r.id))
    return out


def claim_history(conn: Connection, claim_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(claim_state_history).where(claim_state_history.c.claim_id == claim_id)
                             .order_by(claim_state_history.c.at, claim_state_history.c.id)))
