"""Payment batches and what payers decided (migration 0005): written once when a batch posts, in bulk; read
back for batch lists, batch detail, secondary claims and the account ledger. Only a batch's status, a claim
adjudication's `reversed_by` and a denial's status ever change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import ColumnElement, Connection, Row, Select, String, bindparam, func, select, type_coerce

from medbill_desktop.domain.adjudication import PostedAdjudication, PostedAdjustment, PostedLine
from medbill_desktop.storage import ledger_store
from medbill_desktop.storage.tables import (
    adjudication_adjustments,
    batch_transactions,
    claim_adjudications,
    claim_state_history,
    claims,
    denials,
    encounters,
    line_adjudications,
    patients,
    payers,
    payment_batches,
    provider_adjustments,
    remittance_files,
    service_lines,
)

_CHUNK = 5000


def _chunks(items: Sequence[str]) -> Iterator[list[str]]:
    items = list(items)
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


# --- claims to post to -------------------------------------------------------------------------------------------
def _claim_query() -> Select[Any]:
    return (select(claims.c.id, claims.c.claim_number, claims.c.encounter_id, claims.c.payer_id, claims.c.rank,
                   claims.c.status, payers.c.name.label("payer_name"), encounters.c.date_of_service,
                   encounters.c.patient_id, patients.c.account_number,
                   patients.c.last_name.label("patient_last_name"),
                   patients.c.first_name.label("patient_first_name"))
            .select_from(claims.join(payers, payers.c.id == claims.c.payer_id)
                         .join(encounters, encounters.c.id == claims.c.encounter_id)
                         .join(patients, patients.c.id == encounters.c.patient_id)))


def claims_by_id(conn: Connection, claim_ids: Iterable[str]) -> dict[str, Row[Any]]:
    out: dict[str, Row[Any]] = {}
    for part in _chunks(list(set(claim_ids))):
        out.update((r.id, r) for r in conn.execute(_claim_query().where(claims.c.id.in_(part))))
    return out


def find_claims(conn: Connection, statuses: Sequence[str], *, claim_number: str | None = None,
                last_key: str | None = None, first_key: str | None = None, on: date | None = None,
                payer_id: str | None = None, limit: int = 200) -> list[Row[Any]]:
    query = _claim_query().where(claims.c.status.in_(list(statuses)))
    if claim_number is not None:
        query = query.where(claims.c.claim_number == claim_number)
    if last_key:
        query = query.where(patients.c.last_key.startswith(last_key, autoescape=True))
    if first_key:
        query = query.where(patients.c.first_key.startswith(first_key, autoescape=True))
    if on is not None:
        query = query.where(encounters.c.date_of_service == on)
    if payer_id is not None:
        query = query.where(claims.c.payer_id == payer_id)
    return list(conn.execute(query.order_by(encounters.c.date_of_service.desc(), claims.c.claim_number)
                             .limit(limit)))


class ClaimToPost(NamedTuple):
    """What matching and posting need of a claim (a plain tuple: read once, its fields used many times)."""

    id: str
    claim_number: str
    encounter_id: str
    payer_id: str
    rank: str
    status: str
    payer_name: str
    account_number: str
    date_of_service: date | None


class LineToPost(NamedTuple):
    """What matching and posting need of a service line."""

    id: str
    encounter_id: str
    position: int
    procedure: str
    modifiers: tuple[str, ...]  # the ones it has, in order
    from_date: date | None
    charge_cents: int


class SiblingClaim(NamedTuple):
    """A claim of the same encounter (another payer's), with its payer's name."""

    id: str
    claim_number: str
    encounter_id: str
    rank: str
    status: str
    payer_id: str
    payer_name: str


def _day(text: str | None) -> date | None:
    """A date column read as the ISO text SQLite stores (thousands of rows: faster than the column type's own
    conversion)."""
    return date.fromisoformat(text) if text else None


_CLAIM_TO_POST = (select(claims.c.id, claims.c.claim_number, claims.c.encounter_id, claims.c.payer_id, claims.c.rank,
                         claims.c.status, payers.c.name, patients.c.account_number,
                         type_coerce(encounters.c.date_of_service, String))
                  .select_from(claims.join(payers, payers.c.id == claims.c.payer_id)
                               .join(encounters, encounters.c.id == claims.c.encounter_id)
                               .join(patients, patients.c.id == encounters.c.patient_id)))


def _claims_to_post(conn: Connection, column: ColumnElement[str], values: Iterable[str],
                    key: int) -> dict[str, ClaimToPost]:
    out: dict[str, ClaimToPost] = {}
    for part in _chunks(list(set(values))):
        for *fields, day in conn.execute(_CLAIM_TO_POST.where(column.in_(part))):
            out[fields[key]] = ClaimToPost(*fields, _day(day))
    return out


def claims_to_post(conn: Connection, claim_ids: Iterable[str]) -> dict[str, ClaimToPost]:
    """What posting needs of each claim, by claim id (the 10,000 claims of an 835 in two statements)."""
    return _claims_to_post(conn, claims.c.id, claim_ids, 0)


def claims_by_number(conn: Connection, claim_numbers: Iterable[str]) -> dict[str, ClaimToPost]:
    """The same by claim number (CLP01 of an 835)."""
    return _claims_to_post(conn, claims.c.claim_number, claim_numbers, 1)


_LINE_TO_POST = select(service_lines.c.id, service_lines.c.encounter_id, service_lines.c.position,
                       service_lines.c.procedure, service_lines.c.modifier_1, service_lines.c.modifier_2,
                       service_lines.c.modifier_3, service_lines.c.modifier_4,
                       type_coerce(service_lines.c.from_date, String), service_lines.c.charge_cents)


def lines_to_post(conn: Connection, encounter_ids: Iterable[str]) -> dict[str, list[LineToPost]]:
    """Service lines by encounter, in position order, as matching and posting need them."""
    out: dict[str, list[LineToPost]] = {}
    for part in _chunks(list(set(encounter_ids))):
        for id_, encounter_id, position, procedure, m1, m2, m3, m4, from_date, charge in conn.execute(
                _LINE_TO_POST.where(service_lines.c.encounter_id.in_(part))
                .order_by(service_lines.c.encounter_id, service_lines.c.position)):
            modifiers = tuple(m for m in (m1, m2, m3, m4) if m)
            out.setdefault(encounter_id, []).append(
                LineToPost(id_, encounter_id, position, procedure, modifiers, _day(from_date), charge))
    return out


def lines_of(conn: Connection, encounter_ids: Iterable[str]) -> dict[str, list[Row[Any]]]:
    """Service lines (every column) by encounter, in position order."""
    out: dict[str, list[Row[Any]]] = {}
    for part in _chunks(list(set(encounter_ids))):
        for r in conn.execute(select(service_lines).where(service_lines.c.encounter_id.in_(part))
                              .order_by(service_lines.c.encounter_id, service_lines.c.position)):
            out.setdefault(r.encounter_id, []).append(r)
    return out


_SIBLINGS = (select(claims.c.id, claims.c.claim_number, claims.c.encounter_id, claims.c.rank, claims.c.status,
                    claims.c.payer_id, payers.c.name)
             .join(payers, payers.c.id == claims.c.payer_id))


def claims_of_encounters(conn: Connection, encounter_ids: Iterable[str]) -> dict[str, list[SiblingClaim]]:
    """Every claim of these encounters (with its payer's name), by encounter."""
    out: dict[str, list[SiblingClaim]] = {}
    for part in _chunks(list(set(encounter_ids))):
        for r in conn.execute(_SIBLINGS.where(claims.c.encounter_id.in_(part))):
            out.setdefault(r[2], []).append(SiblingClaim(*r))
    return out


def set_claim_statuses(conn: Connection, changes: Sequence[tuple[str, str]]) -> None:
    """(claim id, new status) pairs, in one statement."""
    if changes:
        conn.exec_driver_sql("UPDATE claims SET status = ? WHERE id = ?",
                             [(status, cid) for cid, status in changes])  # type: ignore[arg-type]


def set_payer_references(conn: Connection, references: dict[str, str], *, at: str) -> None:
    """Record the payer's claim number (CLP07) on each claim's tracking row."""
    if not references:
        return
    have: set[str] = set()
    for part in _chunks(list(references)):
        have.update(str(x) for (x,) in conn.exec_driver_sql(
            f"SELECT claim_id FROM claim_tracking WHERE claim_id IN ({', '.join('?' * len(part))})", tuple(part)))
    ledger_store.insert_rows(conn, "claim_tracking", ("claim_id", "payer_claim_reference", "updated_at"),
                             [(cid, ref, at) for cid, ref in references.items() if cid not in have])
    old = [(ref, at, cid) for cid, ref in references.items() if cid in have]
    if old:
        conn.exec_driver_sql("UPDATE claim_tracking SET payer_claim_reference = ?, updated_at = ? WHERE claim_id = ?",
                             old)  # type: ignore[arg-type]


# --- batches -----------------------------------------------------------------------------------------------------
def batch_by_source_key(conn: Connection, source_key: str) -> Row[Any] | None:
    return conn.execute(select(payment_batches).where(payment_batches.c.source_key == source_key)).first()


def insert_batch(conn: Connection, **values: Any) -> None:
    conn.execute(payment_batches.insert().values(**values))


def insert_rows(conn: Connection, *, claim_rows: Sequence[dict[str, Any]] = (),
                line_rows: Sequence[dict[str, Any]] = (), adjustment_rows: Sequence[dict[str, Any]] = (),
                plb_rows: Sequence[dict[str, Any]] = (), transaction_rows: Sequence[dict[str, Any]] = (),
                denial_rows: Sequence[dict[str, Any]] = ()) -> None:
    """A batch's adjudications in bulk, parents first, straight through the driver: each list's rows have the
    same keys (column names) and values as SQLite stores them (dates as ISO text, booleans as 0/1)."""
    for table, rows in ((claim_adjudications, claim_rows), (line_adjudications, line_rows),
                        (adjudication_adjustments, adjustment_rows), (provider_adjustments, plb_rows),
                        (batch_transactions, transaction_rows), (denials, denial_rows)):
        if rows:
            columns = list(rows[0])
            ledger_store.insert_rows(conn, table.name, columns, [tuple(r[c] for c in columns) for r in rows])


def next_transaction_position(conn: Connection, batch_id: str) -> int:
    found = conn.execute(select(func.max(batch_transactions.c.position))
                         .where(batch_transactions.c.batch_id == batch_id)).scalar()
    return int(found or 0) + 1


def next_claim_position(conn: Connection, batch_id: str) -> int:
    found = conn.execute(select(func.max(claim_adjudications.c.position))
                         .where(claim_adjudications.c.batch_id == batch_id)).scalar()
    return int(found or 0) + 1


def get_batch(conn: Connection, batch_id: str) -> Row[Any] | None:
    return conn.execute(_batch_query().where(payment_batches.c.id == batch_id)).first()


def _batch_query() -> Select[Any]:
    applied = (select(func.coalesce(func.sum(claim_adjudications.c.paid_cents), 0))
               .where(claim_adjudications.c.batch_id == payment_batches.c.id).scalar_subquery())
    count = (select(func.count()).where(claim_adjudications.c.batch_id == payment_batches.c.id)
             .scalar_subquery())
    return (select(payment_batches, payers.c.name.label("payer_name"),
                   func.coalesce(remittance_files.c.file_name, "").label("file_name"),
                   applied.label("paid_to_claims"), count.label("claim_count"))
            .select_from(payment_batches.join(payers, payers.c.id == payment_batches.c.payer_id)
                         .outerjoin(remittance_files, remittance_files.c.id == payment_batches.c.remittance_file_id)))


def list_batches(conn: Connection, payer_id: str | None = None, since: date | None = None) -> list[Row[Any]]:
    query = _batch_query()
    if payer_id is not None:
        query = query.where(payment_batches.c.payer_id == payer_id)
    if since is not None:
        query = query.where(payment_batches.c.check_date >= since)
    return list(conn.execute(query.order_by(payment_batches.c.check_date.desc(),
                                            payment_batches.c.posted_at.desc())))


def batch_transaction_rows(conn: Connection, batch_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(batch_transactions).where(batch_transactions.c.batch_id == batch_id)
                             .order_by(batch_transactions.c.position)))


def claim_transaction_ids(conn: Connection, claim_adjudication_id: str) -> list[str]:
    return [str(x) for x in conn.execute(
        select(batch_transactions.c.transaction_id)
        .where(batch_transactions.c.claim_adjudication_id == claim_adjudication_id)
        .order_by(batch_transactions.c.position)).scalars()]


def provider_adjustments_of(conn: Connection, batch_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(provider_adjustments).where(provider_adjustments.c.batch_id == batch_id)
                             .order_by(provider_adjustments.c.id)))


def mark_batch_reversed(conn: Connection, batch_id: str, *, at: str, by: str, reason: str) -> None:
    conn.execute(payment_batches.update().where(payment_batches.c.id == batch_id)
                 .values(status="reversed", reversed_at=at, reversed_by=by, reversal_reason=reason))


def set_reversed_by(conn: Connection, claim_adjudication_id: str, reversed_by: str) -> None:
    conn.execute(claim_adjudications.update().where(claim_adjudications.c.id == claim_adjudication_id)
                 .values(reversed_by=reversed_by))


def reverse_open_denials(conn: Connection, claim_adjudication_ids: Sequence[str], *, at: str, by: str,
                         note: str) -> list[str]:
    """Open denials of these adjudications -> 'reversed'; their ids."""
    ids: list[str] = []
    for part in _chunks(claim_adjudication_ids):
        ids += [str(x) for x in conn.execute(select(denials.c.id).where(
            denials.c.claim_adjudication_id.in_(part), denials.c.status == "open")).scalars()]
    if ids:
        conn.execute(denials.update().where(denials.c.id == bindparam("did"))
                     .values(status="reversed", resolved_at=at, resolved_by=by, note=note),
                     [{"did": d} for d in ids])
    return ids


# --- adjudications as read back ----------------------------------------------------------------------------------
# Each loader runs three prepared statements with the same filter on claim_adjudications: the adjudications (with
# their batch), their lines and their adjustments. Built once: SQLAlchemy then reuses their compiled SQL.
_ADJUDICATIONS = (select(claim_adjudications, payment_batches.c.batch_number,
                         payment_batches.c.status.label("batch_status"), payment_batches.c.payer_id,
                         payers.c.name.label("payer_name"), payment_batches.c.check_date, payment_batches.c.reference,
                         payment_batches.c.posted_at.label("batch_posted_at"))
                  .select_from(claim_adjudications.join(payment_batches,
                                                        payment_batches.c.id == claim_adjudications.c.batch_id)
                               .join(payers, payers.c.id == payment_batches.c.payer_id)))
_LINES = (select(line_adjudications)
          .join(claim_adjudications, claim_adjudications.c.id == line_adjudications.c.claim_adjudication_id)
          .order_by(line_adjudications.c.id))
_ADJUSTMENTS = (select(adjudication_adjustments)
                .join(claim_adjudications, claim_adjudications.c.id == adjudication_adjustments.c.claim_adjudication_id)
                .order_by(adjudication_adjustments.c.id))


class _Loader(NamedTuple):
    adjudications: Select[Any]
    lines: Select[Any]
    adjustments: Select[Any]


def _loader(criterion: ColumnElement[bool], *order: ColumnElement[Any]) -> _Loader:
    return _Loader(_ADJUDICATIONS.where(criterion).order_by(*order), _LINES.where(criterion),
                   _ADJUSTMENTS.where(criterion))


_OLDEST_FIRST = (payment_batches.c.posted_at, claim_adjudications.c.position, claim_adjudications.c.id)
_BY_CLAIM = _loader(claim_adjudications.c.claim_id == bindparam("claim_id"), *_OLDEST_FIRST)
_BY_CLAIMS = _loader(claim_adjudications.c.claim_id.in_(bindparam("claim_ids", expanding=True)), *_OLDEST_FIRST)
_BY_BATCH = _loader(claim_adjudications.c.batch_id == bindparam("batch_id"), claim_adjudications.c.position)
_BY_ID = _loader(claim_adjudications.c.id == bindparam("id"))


def _load(conn: Connection, loader: _Loader, params: dict[str, Any]) -> list[PostedAdjudication]:
    rows = list(conn.execute(loader.adjudications, params))
    if not rows:
        return []
    lines: dict[str, list[Row[Any]]] = {}
    for line in conn.execute(loader.lines, params):
        lines.setdefault(line.claim_adjudication_id, []).append(line)
    adjustments: dict[str, list[Row[Any]]] = {}
    for a in conn.execute(loader.adjustments, params):
        adjustments.setdefault(a.line_adjudication_id or a.claim_adjudication_id, []).append(a)
    return [_adjudication(r, lines.get(r.id, ()), adjustments) for r in rows]


def _adjustments_of(rows: Iterable[Row[Any]]) -> tuple[PostedAdjustment, ...]:
    return tuple(PostedAdjustment(a.group_code, a.reason_code, int(a.amount_cents), a.quantity, bool(a.posted))
                 for a in rows)


def _adjudication(r: Row[Any], lines: Iterable[Row[Any]], adjustments: dict[str, list[Row[Any]]]) -> PostedAdjudication:
    return PostedAdjudication(
        id=r.id, batch_id=r.batch_id, batch_number=r.batch_number, batch_status=r.batch_status, payer_id=r.payer_id,
        payer_name=r.payer_name, check_date=r.check_date, reference=r.reference, claim_id=r.claim_id,
        position=int(r.position), status_code=r.status_code, payer_claim_reference=r.payer_claim_reference,
        billed=int(r.billed_cents), paid=int(r.paid_cents), patient_responsibility=int(r.patient_responsibility_cents),
        outcome=r.outcome, next_step=r.next_step, remarks=tuple(r.remarks.split()), reverses=r.reverses,
        reversed_by=r.reversed_by,
        lines=tuple(PostedLine(line.service_line_id, int(line.billed_cents),
                               None if line.allowed_cents is None else int(line.allowed_cents), int(line.paid_cents),
                               tuple(line.remarks.split()), _adjustments_of(adjustments.get(line.id, ())))
                    for line in lines),
        claim_adjustments=_adjustments_of(adjustments.get(r.id, ())))


def load_claim_adjudications(conn: Connection, claim_id: str) -> list[PostedAdjudication]:
    """Every adjudication recorded for a claim, oldest first (reversed ones and reversals included: see
    PostedAdjudication.in_effect)."""
    return _load(conn, _BY_CLAIM, {"claim_id": claim_id})


def load_claims_adjudications(conn: Connection, claim_ids: Iterable[str]) -> dict[str, list[PostedAdjudication]]:
    """load_claim_adjudications for many claims at once."""
    out: dict[str, list[PostedAdjudication]] = {}
    for part in _chunks(list(set(claim_ids))):  # a claim's adjudications are all in its part, oldest first
        for a in _load(conn, _BY_CLAIMS, {"claim_ids": part}):
            out.setdefault(a.claim_id, []).append(a)
    return out


def load_batch_adjudications(conn: Connection, batch_id: str) -> list[PostedAdjudication]:
    return _load(conn, _BY_BATCH, {"batch_id": batch_id})


def load_adjudication(conn: Connection, claim_adjudication_id: str) -> PostedAdjudication | None:
    found = _load(conn, _BY_ID, {"id": claim_adjudication_id})
    return found[0] if found else None


def insert_history(conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
    """Claim state history rows (id, claim_id, at, actor, from_status, to_status, note), in one statement."""
    if rows:
        columns = list(rows[0])
        ledger_store.insert_rows(conn, claim_state_history.name, columns, [tuple(r[c] for c in columns) for r in rows])
