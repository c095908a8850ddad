"""The patient account ledger: every charge, payment, adjustment, transfer, refund and reversal on a patient's
account with running balances per responsible party, aging, and a plain-words line per entry
(domain/account_ledger.py builds it). Read with a few set-based queries over the whole account; opening it is
recorded in the audit log as a view."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Connection, Row

from medbill_desktop.domain.account_ledger import (
    AccountLedger,
    LedgerPosting,
    LedgerTransaction,
    LineDecision,
    LineRef,
    Source,
    SourceKind,
    build_account_ledger,
    date_text,
)
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.ledger import AccountKind, Party, TxKind
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import account_ledger_store as store

METHOD_WORDS = {"cash": "in cash", "check": "by check no. {ref}", "card": "by card ending {ref}"}
METHOD_LABELS = {"cash": "Cash", "check": "Check no. {ref}", "card": "Card ending {ref}"}
BATCH_METHODS = {"check": "check", "eft": "EFT", "none": "no payment"}


def _name(r: Row[Any]) -> str:
    first = " ".join(x for x in (r.first_name, (r.middle_name or "")[:1]) if x)  # as Patient.display_name
    return f"{r.last_name}{' ' + r.suffix if r.suffix else ''}, {first}"


def _code(procedure: str, *modifiers: str) -> str:
    return "-".join((procedure, *(m for m in modifiers if m)))


def _lines(conn: Connection, patient_id: str) -> dict[str, LineRef]:
    days: dict[str | None, date | None] = {None: None}
    out: dict[str, LineRef] = {}
    for line_id, encounter_id, position, procedure, m1, m2, m3, m4, cents, day in store.lines(conn, patient_id):
        if day not in days:
            days[day] = date.fromisoformat(day)
        out[line_id] = LineRef(line_id, encounter_id, days[day], _code(procedure, m1, m2, m3, m4), cents, position)
    return out


_PARTY = {p.value: p for p in Party}


def _payers(conn: Connection, patient_id: str) -> dict[tuple[str, Party], str]:
    return {(r.encounter_id, _PARTY[r.rank]): r.name for r in store.claim_payers(conn, patient_id)}


def _sources(conn: Connection, patient_id: str, tx_ids: list[str]) -> dict[str, Source]:
    sources: dict[str, Source] = {}
    for r in store.receipts(conn, patient_id):
        ref = r.reference
        sources[r.transaction_id] = Source(
            SourceKind.RECEIPT, f"Receipt {r.receipt_number} · {METHOD_LABELS[r.method].format(ref=ref)}",
            method_text=METHOD_WORDS[r.method].format(ref=ref))
    for r in store.refunds(conn, patient_id):
        sources[r.transaction_id] = Source(
            SourceKind.REFUND, f"Refund · {METHOD_LABELS.get(r.method, r.method).format(ref=r.reference)}",
            method_text=METHOD_WORDS.get(r.method, "").format(ref=r.reference), reason=r.reason)
    batches = store.batch_sources(conn, [t for t in tx_ids if t not in sources])
    if batches:
        decisions = _decisions(conn, patient_id)
        labels: dict[str, str] = {}
        for tx_id, adjudication_id, number, payer_name, method, reference, check_date in batches:
            label = labels.get(number)
            if label is None:
                on = f" of {date_text(date.fromisoformat(check_date))}" if check_date else ""
                label = labels[number] = f"Batch {number} · {payer_name} {BATCH_METHODS.get(method, method)} " \
                                         f"{reference}{on}".strip()
            sources[tx_id] = Source(SourceKind.BATCH, label, payer_name=payer_name,
                                    decisions=decisions.get(adjudication_id, _NONE) if adjudication_id else _NONE)
    return sources


_NONE: dict[str, LineDecision] = {}


def _decisions(conn: Connection, patient_id: str) -> dict[str, dict[str, LineDecision]]:
    """claim adjudication id -> service line id -> what the payer decided about the line."""
    rows = store.line_decisions(conn, patient_id)
    adjustments: dict[str, list[tuple[str, str, int]]] = {}
    adjudication_ids = list({r[1] for r in rows})
    for line_adjudication_id, group, reason, amount, _id in store.decision_adjustments(conn, adjudication_ids):
        adjustments.setdefault(line_adjudication_id, []).append((group, reason, amount))
    out: dict[str, dict[str, LineDecision]] = {}
    for decision_id, adjudication_id, line_id, billed, allowed, paid in rows:
        out.setdefault(adjudication_id, {})[line_id] = LineDecision(
            billed, paid, allowed, tuple(adjustments.get(decision_id, ())))
    return out


_KINDS = {k.value: k for k in AccountKind}
_TX_KINDS = {k.value: k for k in TxKind}


def _transactions(conn: Connection, patient_id: str, account: str) -> list[LedgerTransaction]:
    grouped: dict[str, tuple[tuple[Any, ...], list[LedgerPosting]]] = {}
    accounts: dict[str, LedgerPosting] = {}  # account code -> a posting of 0 to it: its kind, party and line read once
    for row in store.postings(conn, account):
        entry = grouped.get(row[0])
        if entry is None:
            entry = grouped[row[0]] = (row, [])
        known = accounts.get(row[7])
        if known is None:
            known = accounts[row[7]] = LedgerPosting.of(_KINDS[row[6]], row[7].split(":", 1)[1], 0)
        entry[1].append(LedgerPosting(known.kind, known.ref, row[8], known.party, known.line_id))
    adjusted = [tx_id for tx_id, (row, _) in grouped.items() if row[1] == "adjustment"]
    for tx_id, code, amount in store.adjustment_postings(conn, adjusted):
        grouped[tx_id][1].append(LedgerPosting(AccountKind.ADJUSTMENT, code.split(":", 1)[1], amount))
    sources = _sources(conn, patient_id, [tx_id for tx_id, (row, _) in grouped.items() if row[1] != "charge"])
    days: dict[str, date] = {}
    out: list[LedgerTransaction] = []
    for tx_id, (row, postings) in grouped.items():
        on = days.get(row[2])
        if on is None:
            on = days[row[2]] = date.fromisoformat(row[2])
        out.append(LedgerTransaction(tx_id, _TX_KINDS[row[1]], on, row[3], row[4] or "", row[5], tuple(postings),
                                     sources.get(tx_id)))
    return out


def account_ledger_in(ws: Workstation, conn: Connection, account_number: str) -> AccountLedger:
    patient = store.patient_by_account(conn, account_number)
    if patient is None:
        raise ServiceError(f"No patient has account number {account_number.strip()!r}.", "account")
    account = patient.account_number
    return build_account_ledger(
        patient_id=patient.id, account_number=account, patient_name=_name(patient), as_of=ws.today(),
        transactions=_transactions(conn, patient.id, account), lines=_lines(conn, patient.id),
        payers=_payers(conn, patient.id))


def account_ledger(ws: Workstation, account_number: str) -> AccountLedger:
    """The patient's account ledger by account number. Recorded in the audit log as a view."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.write() as conn:
        ledger = account_ledger_in(ws, conn, account_number)
        ws.audit(conn, AuditAction.VIEW, "patient", ledger.patient_id,
                 {"what": "account ledger", "account": ledger.account_number, "entries": len(ledger.entries)})
    return ledger
