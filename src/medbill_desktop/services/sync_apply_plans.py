"""Appliers for what the statements side of the practice keeps: payment plans, collection flags, statement holds
and statement runs (services.payment_plans, services.collections, services.statements).

Registered with services.sync_apply's `_applies` (sync_apply imports this module at its end), so each runs in
its own savepoint as the others do, for pulled changes and for a new workstation's snapshot. Each is idempotent:
applying a change again, or this workstation's own change coming back, changes nothing. Each entity's appliers
take the server's merged state too (a snapshot item is the fields of all of its events at once).

- "payment_plan.created", "payment_plan.cancelled" (entity "payment_plan"): the plan's row and its schedule
  ([due on, cents] by installment number), as written where it was made; a plan that completed the guarantor's
  earlier one (paid in full) ends that one too. A cancellation ends an active plan (its time, who, why).
- "collections.flagged", "collections.released", "collections.exported" (entity "collection_account"): the
  flag's row; its release; its first export for the agency (who and when; "only new" exports skip it after).
- "statements.held", "statements.released" (entity "statement_hold", one per hold): the hold's row (a new hold
  releases the guarantor's earlier one, at the same time, as it did where it was made); its release.
- "statement_run.sent" (entity "statement_run"): the run whole, its statements (with the snapshot each was
  rendered from, so a reprint here gives the same bytes) and their lines. Runs are never changed once written.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, select, update
from sqlalchemy.exc import IntegrityError

from medbill_desktop.services.sync_apply import SYNC_ACTOR, Change, NotApplied, _applies, _at, _Ctx, _review
from medbill_desktop.storage import statements_store as store
from medbill_desktop.storage.tables import (
    collection_accounts,
    payment_plans,
    statement_holds,
    statement_runs,
)
from medbill_desktop.sync import protocol

_ENDED = ("cancelled", "completed")


def _day(value: Any) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _required_day(value: Any, what: str) -> date:
    day = _day(value)
    if day is None:
        raise NotApplied(f"{what} came without its date.")
    return day


def _text(value: Any, default: str = "") -> str:
    return default if value is None else str(value)


# --- payment plans ------------------------------------------------------------------------------------------------

@_applies("payment_plan.created", "payment_plan.cancelled")
def _payment_plan(ctx: _Ctx, change: Change) -> None:
    plan_id, d = change["entity_id"], change["data"]
    number = _text(d.get("plan_number"), plan_id)
    row = store.get_plan(ctx.conn, plan_id)
    if row is None:
        if "total_cents" not in d or "schedule" not in d:
            raise NotApplied(f"Payment plan {number} is not on this workstation; its {change.get('event')} "
                             "was not recorded.")
        _insert_plan(ctx.conn, plan_id, number, d, change)
        if not ctx.snapshot and _text(d.get("status"), "active") == "active":
            _plan_made_twice(ctx, change, plan_id, number, d)
        return
    status = _text(d.get("status"))
    if status in _ENDED and row.status == "active":
        store.end_plan(ctx.conn, plan_id, status, _text(d.get("ended_at")) or _at(change),
                       _text(d.get("ended_by"), SYNC_ACTOR), _text(d.get("end_reason")))


def _plan_made_twice(ctx: _Ctx, change: Change, plan_id: str, number: str, d: dict[str, Any]) -> None:
    """Another active plan for the same guarantor (made on this workstation or pulled earlier, offline at the same
    time): both are kept, and a person is asked to cancel one."""
    p = payment_plans.c
    other = ctx.conn.execute(select(p.id, p.plan_number, p.created_by).where(
        p.guarantor_key == str(d["guarantor_key"]), p.status == "active", p.id != plan_id)
        .order_by(p.created_at)).first()
    if other is None:
        return
    _review(ctx, change, f"Account {_text(d.get('account'))} now has two active payment plans: {number} (made by "
                         f"{_text(d.get('created_by'), 'another workstation')} on another workstation) and "
                         f"{other.plan_number} (made by {other.created_by}). They were made while the workstations "
                         "were apart; keep the one the guarantor agreed to and cancel the other.",
            protocol.MADE_TWICE, str(other.id))


def _insert_plan(conn: Connection, plan_id: str, number: str, d: dict[str, Any], change: Change) -> None:
    created_at = _text(d.get("created_at")) or _at(change)
    created_by = _text(d.get("created_by"), SYNC_ACTOR)
    completes = d.get("completes")
    if completes:  # the guarantor's earlier plan, paid in full when this one was made
        store.end_plan(conn, str(completes), "completed", created_at, created_by, "paid in full")
    status = _text(d.get("status"), "active")
    ended = status in _ENDED
    installments = [{"plan_id": plan_id, "number": n, "due_on": _required_day(due, f"Installment {n} of plan {number}"),
                     "amount_cents": int(cents)} for n, (due, cents) in enumerate(d["schedule"], start=1)]
    if not installments:
        raise NotApplied(f"Payment plan {number} came without its installments.")
    try:
        store.insert_plan(conn, {
            "id": plan_id, "plan_number": number, "guarantor_key": str(d["guarantor_key"]),
            "guarantor_account": _text(d.get("account")), "total_cents": int(d["total_cents"]),
            "installment_cents": int(d["installment_cents"]), "day_of_month": int(d["day_of_month"]),
            "starts_on": _required_day(d.get("starts_on"), f"Payment plan {number}"),
            "first_due_on": _required_day(d.get("first_due_on"), f"Payment plan {number}"),
            "status": status, "note": _text(d.get("note")), "created_at": created_at, "created_by": created_by,
            "ended_at": d.get("ended_at") if ended else None, "ended_by": d.get("ended_by") if ended else None,
            "end_reason": _text(d.get("end_reason")) if ended else ""}, installments)
    except IntegrityError as exc:
        raise NotApplied(f"Payment plan {number} could not be recorded here: {str(exc.orig).splitlines()[0]}") \
            from None


# --- collections --------------------------------------------------------------------------------------------------

@_applies("collections.flagged", "collections.released", "collections.exported")
def _collection(ctx: _Ctx, change: Change) -> None:
    record_id, d = change["entity_id"], change["data"]
    c = collection_accounts.c
    row = ctx.conn.execute(select(c.id, c.released_at, c.exported_at).where(c.id == record_id)).first()
    released = "released_at" in d
    exported = bool(d.get("exported_at"))
    if row is None:
        if "flagged_at" not in d:
            what = "its export" if change.get("event") == "collections.exported" else "its release"
            raise NotApplied(f"Account {d.get('account', '')} was not flagged for collections on this workstation; "
                             f"{what} was not recorded.")
        ctx.conn.execute(collection_accounts.insert().values(
            id=record_id, guarantor_key=str(d["guarantor_key"]), guarantor_account=_text(d.get("account")),
            reason=_text(d.get("reason")), flagged_on=_required_day(d.get("flagged_on"), "A collections flag"),
            flagged_at=str(d["flagged_at"]), flagged_by=_text(d.get("flagged_by"), SYNC_ACTOR),
            balance_cents=int(d.get("balance_cents") or 0), agency=_text(d.get("agency")),
            released_at=d.get("released_at") if released else None,
            released_by=d.get("released_by") if released else None,
            release_reason=_text(d.get("release_reason")) if released else "",
            exported_at=str(d["exported_at"]) if exported else None,
            exported_by=_text(d.get("exported_by"), SYNC_ACTOR) if exported else None))
        if not released and not ctx.snapshot:
            _flag_made_twice(ctx, change, record_id, d)
        return
    if exported and row.exported_at is None:  # the first export stands (the same as mark_exported)
        ctx.conn.execute(update(collection_accounts).where(c.id == record_id, c.exported_at.is_(None))
                         .values(exported_at=str(d["exported_at"]), exported_by=_text(d.get("exported_by"),
                                                                                       SYNC_ACTOR)))
    if released and row.released_at is None:
        store.release_collection(ctx.conn, record_id, _text(d.get("released_at")) or _at(change),
                                 _text(d.get("released_by"), SYNC_ACTOR), _text(d.get("release_reason")))


def _flag_made_twice(ctx: _Ctx, change: Change, record_id: str, d: dict[str, Any]) -> None:
    """Another open collections flag for the same guarantor (flagged on two workstations while apart): both are
    kept, the account is listed (and exported) once with the older flag, and the desk is told."""
    c = collection_accounts.c
    other = ctx.conn.execute(select(c.id, c.flagged_by, c.agency).where(
        c.guarantor_key == str(d["guarantor_key"]), c.released_at.is_(None), c.id != record_id)
        .order_by(c.flagged_at)).first()
    if other is None:
        return
    _review(ctx, change, f"Account {_text(d.get('account'))} was flagged for collections on two workstations while "
                         f"they were apart (by {_text(d.get('flagged_by'), 'another workstation')} and by "
                         f"{other.flagged_by}); it is listed once, and the older flag stands. Release the account "
                         "and flag it again if the agency or the reason should be the other one.",
            protocol.MADE_TWICE, str(other.id))


# --- statement holds ----------------------------------------------------------------------------------------------

@_applies("statements.held", "statements.released")
def _hold(ctx: _Ctx, change: Change) -> None:
    hold_id, d = change["entity_id"], change["data"]
    h = statement_holds.c
    row = ctx.conn.execute(select(h.id, h.released_at).where(h.id == hold_id)).first()
    released = "released_at" in d
    if row is not None:
        if released and row.released_at is None:
            ctx.conn.execute(update(statement_holds).where(h.id == hold_id).values(
                released_at=_text(d.get("released_at")) or _at(change),
                released_by=_text(d.get("released_by"), SYNC_ACTOR)))
        return
    key = str(d.get("guarantor_key") or "")
    if "created_at" not in d:
        if change.get("event") == "statements.released" and key:  # (released by account: every hold of the key)
            at = _text(d.get("released_at")) or _at(change)
            ctx.conn.execute(update(statement_holds).where(
                h.guarantor_key == key, h.released_at.is_(None), h.created_at <= at).values(
                released_at=at, released_by=_text(d.get("released_by"), SYNC_ACTOR)))
            return
        raise NotApplied(f"The hold on statements to account {d.get('account', '')} is not on this workstation; "
                         "its release was not recorded.")
    created_at, created_by = str(d["created_at"]), _text(d.get("created_by"), SYNC_ACTOR)
    # one hold at a time: this one released the guarantor's earlier hold when it was made
    ctx.conn.execute(update(statement_holds).where(
        h.guarantor_key == key, h.released_at.is_(None), h.created_at <= created_at).values(
        released_at=created_at, released_by=created_by))
    ctx.conn.execute(statement_holds.insert().values(
        id=hold_id, guarantor_key=key, guarantor_account=_text(d.get("account")), reason=_text(d.get("reason")),
        hold_until=_day(d.get("until")), created_at=created_at, created_by=created_by,
        released_at=d.get("released_at") if released else None,
        released_by=d.get("released_by") if released else None))


# --- statement runs -----------------------------------------------------------------------------------------------

_STATEMENT_DAYS = ("as_of", "since")
_LINE_DAYS = ("on_date",)


def _rows(d: dict[str, Any], name: str, days: tuple[str, ...], extra: dict[str, Any]) -> list[dict[str, Any]]:
    columns = [str(k) for k in d.get(f"{name}_columns") or []]
    out: list[dict[str, Any]] = []
    for values in d.get(f"{name}_rows") or []:
        row = dict(zip(columns, values, strict=True))
        for k in days:
            if k in row:
                row[k] = _day(row[k])
        out.append({**row, **extra})
    return out


@_applies("statement_run.sent")
def _statement_run(ctx: _Ctx, change: Change) -> None:
    run_id, d = change["entity_id"], change["data"]
    if ctx.conn.execute(select(statement_runs.c.id).where(statement_runs.c.id == run_id)).first():
        return  # (a run is written once and never changed)
    number = _text(d.get("run_number"), run_id)
    if "pdf_sha256" not in d or "statement_rows" not in d:
        raise NotApplied(f"Statement run {number} came without its statements; it was not recorded here.")
    rows = _rows(d, "statement", _STATEMENT_DAYS, {"run_id": run_id})
    lines = _rows(d, "line", _LINE_DAYS, {})
    try:
        store.insert_run(ctx.conn, id=run_id, run_number=number, as_of=_required_day(d.get("as_of"),
                                                                                     f"Statement run {number}"),
                         created_at=_text(d.get("created_at")) or _at(change),
                         created_by=_text(d.get("created_by"), SYNC_ACTOR), sent_via=str(d["sent_via"]),
                         destination=_text(d.get("destination")),
                         minimum_balance_cents=int(d["minimum_balance_cents"]), days_between=int(d["days_between"]),
                         statement_count=int(d.get("statement_count") or len(rows)),
                         total_due_cents=int(d["total_due_cents"]), pdf_sha256=str(d["pdf_sha256"]))
        store.insert_statements(ctx.conn, rows, lines)
    except IntegrityError as exc:
        raise NotApplied(f"Statement run {number} could not be recorded here (a patient, visit or payment it "
                         f"names is not on this workstation?): {str(exc.orig).splitlines()[0]}") from None
