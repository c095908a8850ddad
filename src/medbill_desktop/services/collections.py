"""Collections: flag a guarantor's account for a collection agency (it then gets no statements), release it, and
export the flagged accounts as CSV for the agency (written 0600, atomically; each export is in the audit log).

Who may: a manager (Permission.WRITE_OFF): handing an account to an agency is the practice's decision, and the
export carries patients' names, addresses and balances out of the practice.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from medbill_desktop.domain.account_ledger import NO_AGING, Aging
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.exports import safe_cell
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.statements import GuarantorInfo, balances_in, guarantor_for_account
from medbill_desktop.storage import statements_store as store
from medbill_desktop.storage.files import atomic_write

COLLECTIONS_PERMISSION = Permission.WRITE_OFF
MAX_TEXT = 200

CSV_COLUMNS = (
    "guarantor_account", "guarantor_name", "address_line1", "address_line2", "city_state_zip", "phone",
    "patients", "amount_due", "current", "days_31_60", "days_61_90", "days_91_120", "over_120",
    "pending_insurance", "statements_sent", "last_statement", "last_payment_date", "last_payment_amount",
    "flagged_on", "reason", "agency",
)


@dataclass(frozen=True, slots=True)
class CollectionRow:
    record_id: str
    guarantor: GuarantorInfo
    reason: str
    agency: str
    flagged_on: date
    flagged_by: str
    balance_when_flagged_cents: int
    exported_at: str | None
    amount_due_cents: int  # now
    due_aging: Aging
    pending_insurance_cents: int
    statements_sent: int
    last_statement_on: date | None
    last_payment: tuple[date, int] | None


def _text(value: str, what: str, required: bool = True) -> str:
    clean = " ".join(value.split())
    if required and not clean:
        raise DomainError(f"Say {what}; it is kept with the account.", "reason")
    if len(clean) > MAX_TEXT:
        raise DomainError(f"Keep it to {MAX_TEXT} characters.", "reason" if required else "agency")
    return clean


def flag_for_collections(ws: Workstation, account_number: str, reason: str, agency: str = "") -> GuarantorInfo:
    """Put the guarantor of this account in collections: no more statements; on the agency's list."""
    actor = ws.require(COLLECTIONS_PERMISSION)
    why = _text(reason, "why the account goes to collections")
    who = _text(agency, "the agency", required=False)
    today = ws.today()
    with ws.write() as conn:
        g = guarantor_for_account(conn, account_number)
        if store.collection_of(conn, g.key) is not None:
            raise DomainError(f"{g.name} (account {g.account_number}) is already in collections.", "account")
        balances = balances_in(conn, today)
        due = sum(balances[p.account_number].amount_due_cents for p in g.patients if p.account_number in balances)
        if due <= 0:
            raise DomainError(f"{g.name} owes nothing now; there is nothing to collect.", "account")
        record_id = new_id()
        at = ws.now_iso()
        store.insert_collection(conn, id=record_id, guarantor_key=g.key, guarantor_account=g.account_number,
                                reason=why, flagged_on=today, flagged_at=at, flagged_by=actor.username,
                                balance_cents=due, agency=who)
        detail = {"op": "flag", "account": g.account_number, "reason": why, "agency": who, "balance_cents": due}
        ws.audit(conn, AuditAction.CHANGE, "collection_account", record_id, detail)
        ws.emit(conn, "collections.flagged", "collection_account", record_id, {
            "guarantor_key": g.key, **detail, "flagged_on": today.isoformat(), "flagged_at": at,
            "flagged_by": actor.username})
    return g


def release_from_collections(ws: Workstation, account_number: str, reason: str) -> GuarantorInfo:
    """Take the account back (paid, settled, flagged by mistake): statements may go again."""
    actor = ws.require(COLLECTIONS_PERMISSION)
    why = _text(reason, "why the account comes back from collections")
    with ws.write() as conn:
        g = guarantor_for_account(conn, account_number)
        rows = store.collections_of(conn, g.key)
        if not rows:
            raise DomainError(f"{g.name} (account {g.account_number}) is not in collections.", "account")
        at = ws.now_iso()
        for row in rows:  # (two when two workstations flagged the account while apart: both end)
            store.release_collection(conn, row.id, at, actor.username, why)
            ws.audit(conn, AuditAction.CHANGE, "collection_account", row.id,
                     {"op": "release", "account": g.account_number, "reason": why})
            ws.emit(conn, "collections.released", "collection_account", row.id,
                    {"guarantor_key": g.key, "account": g.account_number, "release_reason": why, "released_at": at,
                     "released_by": actor.username})  # (not "reason": the server merges it into the flag's fields)
    return g


def _rows(ws: Workstation, as_of: date) -> list[CollectionRow]:
    with ws.read() as conn:
        oldest: dict[str, Any] = {}  # one row per guarantor: the oldest flag (two workstations may each make one)
        for r in store.active_collections(conn):
            oldest.setdefault(r.guarantor_key, r)
        flagged = list(oldest.values())
        if not flagged:
            return []
        balances = balances_in(conn, as_of)
        last = store.last_statements(conn, [r.guarantor_key for r in flagged])
        out: list[CollectionRow] = []
        for r in flagged:
            g = guarantor_for_account(conn, r.guarantor_account)
            mine = [balances[p.account_number] for p in g.patients if p.account_number in balances]
            due = sum((b.due_aging for b in mine), NO_AGING)
            payments = store.last_payments(conn, [p.patient_id for p in g.patients])
            latest = max(payments.values(), default=None)
            sent = last.get(r.guarantor_key)
            out.append(CollectionRow(
                r.id, g, r.reason, r.agency, store.as_date(r.flagged_on) or as_of, r.flagged_by,
                int(r.balance_cents), r.exported_at, due.total, due, sum(b.insurance_cents for b in mine),
                sent[1] if sent else 0, sent[0] if sent else None, latest))
    return out


def list_collections(ws: Workstation, as_of: date | None = None) -> list[CollectionRow]:
    """The accounts in collections, each with what is owed now."""
    ws.require(Permission.VIEW_ACCOUNTS)
    return _rows(ws, as_of or ws.today())


def _d(day: date | None) -> str:
    return day.isoformat() if day is not None else ""


def _amount(cents: int) -> str:
    return format_cents(cents).replace("$", "").replace(",", "")


def collections_csv(rows: list[CollectionRow]) -> str:
    """The agency's list: one line per guarantor, amounts as plain decimals, dates as YYYY-MM-DD."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for r in rows:
        g = r.guarantor
        lines = g.address.lines if g.address is not None else ()
        street = lines[:-1]
        writer.writerow([safe_cell(cell) for cell in [
            g.account_number, g.name, street[0] if street else "", street[1] if len(street) > 1 else "",
            lines[-1] if lines else "", g.phone, "; ".join(f"{p.name} ({p.account_number})" for p in g.patients),
            _amount(r.amount_due_cents), *(_amount(c) for c in r.due_aging.buckets),
            _amount(r.pending_insurance_cents), r.statements_sent, _d(r.last_statement_on),
            _d(r.last_payment[0]) if r.last_payment else "", _amount(r.last_payment[1]) if r.last_payment else "",
            _d(r.flagged_on), r.reason, r.agency]])
    return buffer.getvalue()


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    count: int
    total_due_cents: int


def export_collections(ws: Workstation, path: Path, only_new: bool = False) -> ExportResult:
    """Write the accounts in collections (only those never exported, with `only_new`) as CSV for the agency."""
    actor = ws.require(COLLECTIONS_PERMISSION)
    rows = _rows(ws, ws.today())
    if only_new:
        rows = [r for r in rows if r.exported_at is None]
    if not rows:
        raise DomainError("No account to export: nothing is in collections"
                          + (" that was not exported before." if only_new else "."), "collections")
    text = collections_csv(rows)
    at = ws.now_iso()
    with ws.write() as conn:
        atomic_write(Path(path), text.encode("utf-8"))
        store.mark_exported(conn, [r.record_id for r in rows], at, actor.username)
        total = sum(r.amount_due_cents for r in rows)
        ws.audit(conn, AuditAction.EXPORT, "collection_accounts", Path(path).name,
                 {"accounts": [r.guarantor.account_number for r in rows], "total_due_cents": total})
        for r in rows:
            if r.exported_at is None:  # the first export of the account is what the other desks learn
                ws.emit(conn, "collections.exported", "collection_account", r.record_id, {
                    "guarantor_key": r.guarantor.key, "account": r.guarantor.account_number, "exported_at": at,
                    "exported_by": actor.username})
    return ExportResult(Path(path), len(rows), total)


__all__ = ["CSV_COLUMNS", "CollectionRow", "ExportResult", "collections_csv", "export_collections",
           "flag_for_collections", "list_collections", "release_from_collections"]
