"""The denials queue as the denials workspace reads and works it: denial rows with their claim, patient and
payer; the adjudication a denial came from (lines, CAS adjustments, remarks, the check); code descriptions;
and marking a denial worked (the only update a denial row takes)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Row, Select, and_, select

from medbill_desktop.storage.tables import (
    adjudication_adjustments,
    claim_adjudications,
    claim_tracking,
    claims,
    code_entries,
    denials,
    encounters,
    line_adjudications,
    patients,
    payers,
    payment_batches,
    service_lines,
)


def _query() -> Select[Any]:
    return (select(denials, claims.c.claim_number, claims.c.status.label("claim_status"), claims.c.rank,
                   claims.c.encounter_id, claims.c.coverage_id, payers.c.name.label("payer_name"),
                   encounters.c.patient_id, encounters.c.date_of_service, patients.c.account_number,
                   patients.c.last_name.label("patient_last_name"), patients.c.first_name.label("patient_first_name"),
                   claim_adjudications.c.payer_claim_reference.label("adjudication_reference"),
                   claim_tracking.c.payer_claim_reference.label("tracking_reference"),
                   payment_batches.c.batch_number, payment_batches.c.reference.label("check_reference"))
            .select_from(denials.join(claims, claims.c.id == denials.c.claim_id)
                         .join(payers, payers.c.id == denials.c.payer_id)
                         .join(encounters, encounters.c.id == claims.c.encounter_id)
                         .join(patients, patients.c.id == encounters.c.patient_id)
                         .join(claim_adjudications, claim_adjudications.c.id == denials.c.claim_adjudication_id)
                         .join(payment_batches, payment_batches.c.id == claim_adjudications.c.batch_id)
                         .outerjoin(claim_tracking, claim_tracking.c.claim_id == claims.c.id)))


def list_denials(conn: Connection, status: str | None) -> list[Row[Any]]:
    """Denials (of one status, or all), oldest first."""
    query = _query()
    if status is not None:
        query = query.where(denials.c.status == status)
    return list(conn.execute(query.order_by(denials.c.denied_on, claims.c.claim_number, denials.c.id)))


def get_denial(conn: Connection, denial_id: str) -> Row[Any] | None:
    return conn.execute(_query().where(denials.c.id == denial_id)).first()


def denials_of_claim(conn: Connection, claim_id: str) -> list[Row[Any]]:
    return list(conn.execute(_query().where(denials.c.claim_id == claim_id).order_by(denials.c.denied_on)))


def resolve(conn: Connection, denial_id: str, *, status: str, at: str, by: str, note: str) -> bool:
    """Mark an open denial worked; False when it is no longer open (someone else worked it first)."""
    result = conn.execute(denials.update().where(and_(denials.c.id == denial_id, denials.c.status == "open"))
                          .values(status=status, resolved_at=at, resolved_by=by, note=note))
    return bool(result.rowcount)


def adjudication(conn: Connection, claim_adjudication_id: str) -> Row[Any] | None:
    return conn.execute(
        select(claim_adjudications, payment_batches.c.batch_number,
               payment_batches.c.reference.label("check_reference"), payment_batches.c.check_date,
               payment_batches.c.kind.label("batch_kind"))
        .select_from(claim_adjudications.join(payment_batches,
                                              payment_batches.c.id == claim_adjudications.c.batch_id))
        .where(claim_adjudications.c.id == claim_adjudication_id)).first()


def adjudication_lines(conn: Connection, claim_adjudication_id: str) -> list[Row[Any]]:
    """The adjudicated lines with the service line's code, modifiers, units and dates, in line order."""
    return list(conn.execute(
        select(line_adjudications, service_lines.c.position, service_lines.c.procedure, service_lines.c.modifier_1,
               service_lines.c.modifier_2, service_lines.c.modifier_3, service_lines.c.modifier_4,
               service_lines.c.units, service_lines.c.from_date, service_lines.c.charge_cents)
        .select_from(line_adjudications.join(service_lines,
                                             service_lines.c.id == line_adjudications.c.service_line_id))
        .where(line_adjudications.c.claim_adjudication_id == claim_adjudication_id)
        .order_by(service_lines.c.position)))


def adjustments(conn: Connection, claim_adjudication_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(adjudication_adjustments)
                             .where(adjudication_adjustments.c.claim_adjudication_id == claim_adjudication_id)
                             .order_by(adjudication_adjustments.c.id)))


def descriptions(conn: Connection, set_name: str, codes: Iterable[str]) -> dict[str, str]:
    wanted = sorted({c for c in codes if c})
    if not wanted:
        return {}
    return {str(r.code): str(r.description) for r in conn.execute(
        select(code_entries.c.code, code_entries.c.description)
        .where(and_(code_entries.c.set_name == set_name, code_entries.c.code.in_(wanted))))}
