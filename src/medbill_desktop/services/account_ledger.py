"""The patient account ledger: every charge, payment, adjustment, transfer, refund and reversal on a patient's
account with running balances per responsible party, aging, and a plain-words line per entry
(domain/account_ledger.py builds it). Read with a few set-based queries over the whole account; opening it is
recorded in the audit log as a view."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection

from medbill_desktop.domain.account_ledger import (
    AccountLedger,
    LineDecision,
    LineRef,
    Source,
    SourceKind,
    date_text,
    ledger_from_rows,
)
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.bulk import collector_paused
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import account_ledger_store as store

METHOD_WORDS = {"cash": "in cash", "check": "by check no. {ref}", "card": "by card ending {ref}"}
METHOD_LABELS = {"cash": "Cash", "check": "Check no. {ref}", "card": "Card ending {ref}"}
BATCH_METHODS = {"check": "check", "eft": "EFT", "none": "no payment"}


def _name(r: Sequence[Any]) -> str:
    last, first_name, middle, suffix = r[2], r[3], r[4], r[5]
    first = " ".join(x for x in (first_name, (middle or "")[:1]) if x)  # as Patient.display_name
    return f"{last}{' ' + suffix if suffix else ''}, {first}"


def _code(procedure: str, *modifiers: str) -> str:
    return "-".join((procedure, *(m for m in modifiers if m)))


def _lines(conn: Connection, patient_id: str) -> dict[str, LineRef]:
    days: dict[str | None, date | None] = {None: None}
    out: dict[str, LineRef] = {}
    for line_id, encounter_id, position, procedure, m1, m2, m3, m4, cents, day in store.lines(conn, patient_id):
        if day not in days:
            days[day] = date.fromisoformat(day)
        code = procedure if not (m1 or m2 or m3 or m4) else _code(procedure, m1, m2, m3, m4)
        out[line_id] = LineRef(line_id, encounter_id, days[day], code, cents, position)
    return out


_PARTY = {p.value: p for p in Party}


def _payers(conn: Connection, patient_id: str) -> dict[tuple[str, Party], str]:
    return {(encounter_id, _PARTY[rank]): name for encounter_id, rank, name in store.payer_names(conn, patient_id)}


def _batch_label(number: str, payer_name: str, method: str, reference: str, check_date: str | None) -> str:
    on = f" of {date_text(date.fromisoformat(check_date))}" if check_date else ""
    return f"Batch {number} · {payer_name} {BATCH_METHODS.get(method, method)} {reference}{on}".strip()


class _Sources:
    """Where each transaction's money came from: the labels at once, the Source (with the payer's decisions
    about the lines) when an entry's words are first read."""

    def __init__(self, conn: Connection, patient_id: str, rows: list[tuple[Any, ...]]) -> None:
        self.sources: dict[str, Source] = {}
        self.labels: dict[str, str] = {}
        for tx_id, number, method, ref in store.receipt_rows(conn, patient_id):
            label = f"Receipt {number} · {METHOD_LABELS[method].format(ref=ref)}"
            self.labels[tx_id] = label
            self.sources[tx_id] = Source(SourceKind.RECEIPT, label, method_text=METHOD_WORDS[method].format(ref=ref))
        for tx_id, method, ref, reason in store.refund_rows(conn, patient_id):
            label = f"Refund · {METHOD_LABELS.get(method, method).format(ref=ref)}"
            self.labels[tx_id] = label
            self.sources[tx_id] = Source(SourceKind.REFUND, label,
                                         method_text=METHOD_WORDS.get(method, "").format(ref=ref), reason=reason)
        # tx id -> a row of each transaction a payment batch posted (its claim adjudication id and batch id)
        self.batched = {r[0]: r for r in rows if r[9] is not None}
        self.batches: dict[str, tuple[str, str]] = {}  # batch id -> (label, payer name)
        self.decision_rows: list[tuple[Any, ...]] = []
        self.decisions: dict[str, dict[str, LineDecision]] | None = None
        if self.batched:
            for batch_id, number, payer_name, method, reference, check_date in store.batch_rows(
                    conn, list({r[9] for r in self.batched.values()})):
                self.batches[batch_id] = (_batch_label(number, payer_name, method, reference, check_date), payer_name)
            labels = self.labels
            batches = self.batches
            for tx_id, r in self.batched.items():
                if tx_id not in labels:  # a receipt or refund is never a batch's; if it were, the receipt first
                    labels[tx_id] = batches[r[9]][0]
            self.decision_rows = store.decision_rows(conn, patient_id)

    def source(self, tx_id: str) -> Source | None:
        found = self.sources.get(tx_id)
        if found is not None or tx_id not in self.batched:
            return found
        row = self.batched[tx_id]
        adjudication_id = row[8]
        label, payer_name = self.batches[row[9]]
        if self.decisions is None:
            self.decisions = _decisions(self.decision_rows)
        found = self.sources[tx_id] = Source(
            SourceKind.BATCH, label, payer_name=payer_name,
            decisions=self.decisions.get(adjudication_id, _NONE) if adjudication_id else _NONE)
        return found


_NONE: dict[str, LineDecision] = {}


def _decisions(rows: list[tuple[Any, ...]]) -> dict[str, dict[str, LineDecision]]:
    """claim adjudication id -> service line id -> what the payer decided about the line (store.decision_rows),
    its adjustments in the order recorded."""
    made: dict[tuple[str, str], tuple[tuple[int, int, int | None], list[tuple[str, str, str, int]]]] = {}
    for adjudication_id, line_id, billed, allowed, paid, group, reason, amount, adjustment_id in rows:
        key = (adjudication_id, line_id)
        found = made.get(key)
        if found is None:
            found = made[key] = ((billed, paid, allowed), [])
        if adjustment_id is not None:
            found[1].append((adjustment_id, group, reason, amount))
    out: dict[str, dict[str, LineDecision]] = {}
    for (adjudication_id, line_id), ((billed, paid, allowed), adjustments) in made.items():
        adjustments.sort()
        out.setdefault(adjudication_id, {})[line_id] = LineDecision(
            billed, paid, allowed, tuple((group, reason, amount) for _, group, reason, amount in adjustments))
    return out


def account_ledger_in(ws: Workstation, conn: Connection, account_number: str) -> AccountLedger:
    """The ledger read with a few set-based queries over the whole account (never one per entry): its postings
    in ledger order with the batch of each, the lines, the payers, the receipts and refunds, what the payers
    decided and the adjustment codes; the entries are made straight from those rows
    (domain.account_ledger.ledger_from_rows)."""
    patient = store.patient_row(conn, account_number)
    if patient is None:
        raise ServiceError(f"No patient has account number {account_number.strip()!r}.", "account")
    patient_id, account = patient[0], patient[1]
    rows = store.ledger_rows(conn, account)
    sources = _Sources(conn, patient_id, rows)
    adjusted = list(dict.fromkeys(r[0] for r in rows if r[1] == "adjustment"))
    other: dict[str, list[tuple[str, int]]] = {}
    for tx_id, code, amount in store.adjustment_rows(conn, adjusted) if adjusted else ():
        other.setdefault(tx_id, []).append((code, amount))
    return ledger_from_rows(
        patient_id=patient_id, account_number=account, patient_name=_name(patient), as_of=ws.today(), rows=rows,
        lines=_lines(conn, patient_id), payers=_payers(conn, patient_id), labels=sources.labels,
        sources=sources.source, other_postings=other)


def account_ledger(ws: Workstation, account_number: str) -> AccountLedger:
    """The patient's account ledger by account number. Recorded in the audit log as a view.

    Opening an account of thousands of entries makes tens of thousands of short-lived tuples, none in a cycle;
    the cycle collector is paused meanwhile (in a workstation holding a large heap, a full collection it
    triggers took longer than the whole opening)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with collector_paused(), ws.write() as conn:
        ledger = account_ledger_in(ws, conn, account_number)
        ws.audit(conn, AuditAction.VIEW, "patient", ledger.patient_id,
                 {"what": "account ledger", "account": ledger.account_number, "entries": len(ledger.entries)})
    return ledger
