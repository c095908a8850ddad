"""`medbill accounts show ACCOUNT [--json]`: a patient's account ledger, every entry with its running balances
per responsible party and its plain-words line, the balances and the aging."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from medbill_desktop.cli.common import CliContext, CliError, add_json, emit
from medbill_desktop.domain.account_ledger import AGING_BUCKETS, PARTIES, AccountLedger, Aging, LedgerEntry
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.patients import format_date
from medbill_desktop.services import account_ledger
from medbill_desktop.services.errors import USER_FACING

Command = Callable[[argparse.Namespace, CliContext], int]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    a = sub.add_parser("accounts", help="patient accounts: the ledger with running balances and aging")
    actions = a.add_subparsers(dest="accounts_command", metavar="ACTION", required=True)
    p = actions.add_parser("show", help="a patient's account ledger (recorded in the audit log as a view)")
    p.add_argument("account", metavar="ACCOUNT", help="the patient's account number")
    add_json(p)
    p.set_defaults(run=_guard(cmd_show))


def _guard(fn: Command) -> Command:
    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            return int(fn(args, ctx))
        except USER_FACING as exc:
            raise CliError(str(exc)) from None
    return run


def _aging_json(a: Aging) -> dict[str, int]:
    return {**{key: cents for (key, _label, _first, _last), cents in zip(AGING_BUCKETS, a.buckets, strict=True)},
            "total": a.total}


def _entry_json(e: LedgerEntry) -> dict[str, Any]:
    return {
        "date": e.on.isoformat(), "kind": e.kind.value, "transaction_id": e.transaction_id,
        "visit": None if e.line is None else {
            "encounter_id": e.line.encounter_id,
            "date_of_service": e.line.date_of_service.isoformat() if e.line.date_of_service else None,
            "code": e.line.code, "service_line_id": e.line.line_id},
        "amounts": {p.value: e.change_of(p) for p in PARTIES} | {"credit": e.credit_change},
        "balances": {p.value: e.balance_of(p) for p in PARTIES} | {"credit": e.credit, "total": e.total},
        "source": e.source, "words": e.words, "reverses": e.reverses, "reversed_by": e.reversed_by,
    }


def ledger_json(led: AccountLedger) -> dict[str, Any]:
    return {
        "account": led.account_number, "patient": led.patient_name, "as_of": led.as_of.isoformat(),
        "entries": [_entry_json(e) for e in led.entries],
        "balances": {p.value: led.balance_of(p) for p in PARTIES} | {
            "insurance": led.insurance_due, "credit": led.credit, "total": led.total, "refunded": led.refunded},
        "aging": {"insurance": _aging_json(led.insurance_aging), "patient": _aging_json(led.patient_aging),
                  "by_party": {p.value: _aging_json(led.aging_of(p)) for p in PARTIES}},
    }


def ledger_lines(led: AccountLedger) -> list[str]:
    parties = led.parties_used
    out = [f"Account {led.account_number} — {led.patient_name} — as of {format_date(led.as_of)}", ""]
    head = f"{'Date':<10}  {'Entry':<17}  {'Visit':<10}  {'Code':<8}" + "".join(
        f"  {p.value.capitalize():>11}" for p in parties) + f"  {'Credit':>10}  {'Total':>11}  What happened"
    out += [head, "-" * len(head)]
    for e in led.entries:
        visit = format_date(e.line.date_of_service) if e.line and e.line.date_of_service else ""
        out.append(f"{format_date(e.on):<10}  {e.label:<17}  {visit:<10}  {e.line.code if e.line else '':<8}"
                   + "".join(f"  {format_cents(e.balance_of(p)):>11}" for p in parties)
                   + f"  {format_cents(e.credit):>10}  {format_cents(e.total):>11}  {e.words}")
    if not led.entries:
        out.append("No entries yet.")
    out += ["", "Balances: " + ", ".join(f"{p.value} {format_cents(led.balance_of(p))}" for p in parties)
            + f", credit held {format_cents(led.credit)}, total {format_cents(led.total)}"]
    labels = "  ".join(f"{label:>13}" for _key, label, _first, _last in AGING_BUCKETS)
    out += ["", f"Aging{'':<11}{labels}  {'Total':>11}"]
    for name, aging in (("Insurance", led.insurance_aging), ("Patient", led.patient_aging)):
        out.append(f"{name:<16}" + "  ".join(f"{format_cents(c):>13}" for c in aging.buckets)
                   + f"  {format_cents(aging.total):>11}")
    return out


def cmd_show(args: argparse.Namespace, ctx: CliContext) -> int:
    led = account_ledger.account_ledger(ctx.workstation(), args.account)
    emit(args, ledger_json(led), ledger_lines(led))
    return 0
