"""Payment plans: split what a guarantor owes into monthly installments on a chosen day of the month. The
installments due appear on the guarantor's statements; the installments missed are flagged (a payment after the
due date still counts: domain/statements.py, `plan_standing`).

Who may: anyone who takes patient payments may set up or cancel a plan (the front desk agrees it with the
patient at the window); anyone who may view accounts may look at plans.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.roles import Permission
from medbill_desktop.domain.statements import (
    Installment,
    PlanStanding,
    PlanTerms,
    first_due_date,
    plan_standing,
    schedule,
    validate_terms,
)
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.numbers import next_number
from medbill_desktop.services.statements import GuarantorInfo, balances_in, guarantor_for_account
from medbill_desktop.storage import statements_store as store

PLAN_PERMISSION = Permission.TAKE_PATIENT_PAYMENTS
MAX_NOTE = 200


class InstallmentState:
    PAID = "paid"
    PART_PAID = "part paid"
    MISSED = "missed"
    DUE = "due"  # the next one to pay
    UPCOMING = "upcoming"


@dataclass(frozen=True, slots=True)
class InstallmentView:
    number: int
    due_on: date
    amount_cents: int
    covered_cents: int  # what the payments so far cover of it
    state: str  # InstallmentState


@dataclass(frozen=True, slots=True)
class PlanView:
    plan_id: str
    plan_number: str
    guarantor_key: str
    guarantor_account: str
    total_cents: int
    installment_cents: int
    day_of_month: int
    starts_on: date
    first_due_on: date
    status: str  # active | completed | cancelled
    note: str
    created_at: str
    created_by: str
    end_reason: str
    installments: tuple[InstallmentView, ...]
    standing: PlanStanding

    @property
    def status_text(self) -> str:
        if self.status == "active" and self.standing.complete:
            return "Paid in full"
        if self.status == "active" and self.standing.missed:
            n = len(self.standing.missed)
            return f"Behind: {n} installment{'s' if n != 1 else ''} missed"
        return {"active": "Up to date", "completed": "Completed", "cancelled": "Cancelled"}[self.status]


@dataclass(frozen=True, slots=True)
class PlanContext:
    """What the plan dialog needs: who is responsible, what they owe, and any plan they have."""

    guarantor: GuarantorInfo
    amount_due_cents: int  # the patient's share less credit, all the guarantor's patients
    pending_insurance_cents: int
    today: date
    active: PlanView | None


def _view(conn: Connection, r: Row[Any], g: GuarantorInfo, as_of: date) -> PlanView:
    starts = store.as_date(r.starts_on)
    assert starts is not None
    rows = store.installments_of(conn, [r.id]).get(r.id, [])
    plan = [Installment(int(i.number), store.as_date(i.due_on) or starts, int(i.amount_cents)) for i in rows]
    paid = sum(int(c) for _p, _d, c in store.payments_of(conn, [p.patient_id for p in g.patients], starts, as_of))
    standing = plan_standing(plan, paid, as_of)
    views = []
    left = paid
    for inst in plan:
        covered = min(left, inst.amount_cents)
        left -= covered
        if covered == inst.amount_cents:
            state = InstallmentState.PAID
        elif inst.due_on < as_of:
            state = InstallmentState.MISSED
        elif standing.next_due is not None and inst.number == standing.next_due.number:
            state = InstallmentState.DUE
        elif covered:
            state = InstallmentState.PART_PAID
        else:
            state = InstallmentState.UPCOMING
        views.append(InstallmentView(inst.number, inst.due_on, inst.amount_cents, covered, state))
    first_due = store.as_date(r.first_due_on)
    assert first_due is not None
    return PlanView(r.id, r.plan_number, r.guarantor_key, r.guarantor_account, int(r.total_cents),
                    int(r.installment_cents), int(r.day_of_month), starts, first_due, r.status, r.note, r.created_at,
                    r.created_by, r.end_reason, tuple(views), standing)


def _owed(conn: Connection, g: GuarantorInfo, as_of: date) -> tuple[int, int]:
    balances = balances_in(conn, as_of)
    mine = [balances[p.account_number] for p in g.patients if p.account_number in balances]
    return sum(b.amount_due_cents for b in mine), sum(b.insurance_cents for b in mine)


def _active(conn: Connection, g: GuarantorInfo, as_of: date) -> PlanView | None:
    rows = store.active_plans(conn, [g.key])
    return _view(conn, rows[0], g, as_of) if rows else None


def plan_context(ws: Workstation, account_number: str) -> PlanContext:
    """The guarantor of this account, what they owe and their active plan, if any."""
    ws.require(Permission.VIEW_ACCOUNTS)
    today = ws.today()
    with ws.read() as conn:
        g = guarantor_for_account(conn, account_number)
        due, pending = _owed(conn, g, today)
        return PlanContext(g, due, pending, today, _active(conn, g, today))


def proposed_schedule(total_cents: int, installment_cents: int, day_of_month: int, today: date,
                      first_due_on: date | None = None, owed_cents: int | None = None) -> tuple[Installment, ...]:
    """The installments a plan with these terms would have (what the dialog shows while it is filled in)."""
    first = first_due_on or first_due_date(today, day_of_month)
    terms = validate_terms(PlanTerms(total_cents, installment_cents, day_of_month, first, today),
                           total_cents if owed_cents is None else owed_cents)
    return schedule(terms)


def create_plan(ws: Workstation, account_number: str, total_cents: int, installment_cents: int, day_of_month: int,
                first_due_on: date | None = None, note: str = "") -> PlanView:
    """A plan for (part of) what the guarantor of this account owes. Payments from today count towards it."""
    actor = ws.require(PLAN_PERMISSION)
    today = ws.today()
    text = " ".join(note.split())
    if len(text) > MAX_NOTE:
        raise DomainError(f"Keep the note to {MAX_NOTE} characters.", "note")
    if not isinstance(day_of_month, int) or isinstance(day_of_month, bool) or not 1 <= day_of_month <= 28:
        raise DomainError("Choose a day of the month from 1 to 28 (every month has it).", "day_of_month")
    first = first_due_on or first_due_date(today, day_of_month)
    if first <= today:
        raise DomainError("The first installment is due after today.", "first_due_on")
    with ws.write() as conn:
        g = guarantor_for_account(conn, account_number)
        active = _active(conn, g, today)
        if active is not None and not active.standing.complete:
            raise DomainError(f"{g.name} already has payment plan {active.plan_number} "
                              f"({format_cents(active.standing.remaining_cents)} left); cancel it first.", "account")
        at = ws.now_iso()
        if active is not None:
            store.end_plan(conn, active.plan_id, "completed", at, actor.username, "paid in full")
        due, _pending = _owed(conn, g, today)
        if due <= 0:
            raise DomainError(f"{g.name} owes nothing now (what is pending with insurance is not due); there is "
                              "nothing to plan.", "total")
        terms = validate_terms(PlanTerms(total_cents, installment_cents, day_of_month, first, today), due)
        installments = schedule(terms)
        plan_id = new_id()
        number = next_number(conn, "payment_plan")
        store.insert_plan(conn, {
            "id": plan_id, "plan_number": number, "guarantor_key": g.key, "guarantor_account": g.account_number,
            "total_cents": terms.total_cents, "installment_cents": terms.installment_cents,
            "day_of_month": terms.day_of_month, "starts_on": today, "first_due_on": terms.first_due_on,
            "status": "active", "note": text, "created_at": at, "created_by": actor.username},
            [{"plan_id": plan_id, "number": i.number, "due_on": i.due_on, "amount_cents": i.amount_cents}
             for i in installments])
        detail = {"op": "create", "plan_number": number, "account": g.account_number,
                  "total_cents": terms.total_cents, "installment_cents": terms.installment_cents,
                  "day_of_month": terms.day_of_month, "first_due_on": terms.first_due_on.isoformat(),
                  "installments": len(installments)}
        ws.audit(conn, AuditAction.CHANGE, "payment_plan", plan_id, detail)
        # what another workstation needs to write the same rows (services.sync_apply_plans): the schedule as
        # [due on, cents] by number, and the plan this one completed (ended as paid in full), if any
        ws.emit(conn, "payment_plan.created", "payment_plan", plan_id, {
            "guarantor_key": g.key, **detail, "status": "active", "starts_on": today.isoformat(), "note": text,
            "created_at": at, "created_by": actor.username,
            "schedule": [[i.due_on.isoformat(), i.amount_cents] for i in installments],
            "completes": active.plan_id if active is not None else None})
        row = store.get_plan(conn, plan_id)
        assert row is not None
        return _view(conn, row, g, today)


def cancel_plan(ws: Workstation, plan_id: str, reason: str) -> None:
    actor = ws.require(PLAN_PERMISSION)
    why = " ".join(reason.split())
    if not why:
        raise DomainError("Say why the plan is cancelled; the reason is kept with it.", "reason")
    with ws.write() as conn:
        row = store.get_plan(conn, plan_id)
        if row is None:
            raise ServiceError("That payment plan no longer exists.", "plan")
        if row.status != "active":
            raise DomainError(f"Plan {row.plan_number} is already {row.status}.", "plan")
        at = ws.now_iso()
        store.end_plan(conn, plan_id, "cancelled", at, actor.username, why[:200])
        ws.audit(conn, AuditAction.CHANGE, "payment_plan", plan_id,
                 {"op": "cancel", "plan_number": row.plan_number, "reason": why})
        ws.emit(conn, "payment_plan.cancelled", "payment_plan", plan_id,
                {"guarantor_key": row.guarantor_key, "plan_number": row.plan_number, "reason": why,
                 "status": "cancelled", "ended_at": at, "ended_by": actor.username, "end_reason": why[:200]})


def plans_for(ws: Workstation, account_number: str) -> list[PlanView]:
    """Every plan of the guarantor of this account, newest first, each with where it stands today."""
    ws.require(Permission.VIEW_ACCOUNTS)
    today = ws.today()
    with ws.read() as conn:
        g = guarantor_for_account(conn, account_number)
        return [_view(conn, r, g, today) for r in store.plans_of(conn, g.key)]


@dataclass(frozen=True, slots=True)
class PlanRow:
    """An active plan in the list of plans, with its guarantor's name."""

    guarantor_name: str
    plan: PlanView


def active_plans(ws: Workstation, as_of: date | None = None, behind_only: bool = False) -> list[PlanRow]:
    """Every active plan with where it stands (the missed ones first when listing them all)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    day = as_of or ws.today()
    with ws.read() as conn:
        rows = store.active_plans(conn)
        out: list[PlanRow] = []
        for r in rows:
            g = guarantor_for_account(conn, r.guarantor_account)
            view = _view(conn, r, g, day)
            if behind_only and not view.standing.missed:
                continue
            out.append(PlanRow(g.name, view))
    out.sort(key=lambda p: (not p.plan.standing.missed, p.guarantor_name.split(" ")[-1].lower()))
    return out


__all__ = ["InstallmentState", "InstallmentView", "PlanContext", "PlanRow", "PlanView", "active_plans",
           "cancel_plan", "create_plan", "plan_context", "plans_for", "proposed_schedule"]
