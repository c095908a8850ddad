"""`medbill statements run [--as-of DATE] [--dry-run] --out FILE.pdf [--json]`: a statement run - who gets a
statement (and why the others do not), the statements written to one PDF (0600) and the run recorded as sent;
with --dry-run nothing is recorded (the PDF is still written when --out is given, to look at).
`medbill statements history ACCOUNT [--json]`: the statements sent to the guarantor of a patient account."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from medbill_desktop.cli.common import CliContext, CliError, add_json, emit
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.patients import format_date
from medbill_desktop.services import statements
from medbill_desktop.services.errors import USER_FACING

Command = Callable[[argparse.Namespace, CliContext], int]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    s = sub.add_parser("statements", help="patient statements: runs and their history")
    actions = s.add_subparsers(dest="statements_command", metavar="ACTION", required=True)
    run = actions.add_parser("run", help="send statements to every guarantor the practice's rules choose")
    run.add_argument("--as-of", metavar="DATE", type=_date, default=None,
                     help="the statement date, YYYY-MM-DD (default: today)")
    run.add_argument("--dry-run", action="store_true", help="record nothing; show who would get a statement")
    run.add_argument("--out", metavar="FILE.pdf", type=Path, default=None,
                     help="where to write the statements (required unless --dry-run)")
    add_json(run)
    run.set_defaults(run=_guard(cmd_run))
    history = actions.add_parser("history", help="the statements sent to the guarantor of a patient account")
    history.add_argument("account", metavar="ACCOUNT", help="a patient's account number")
    add_json(history)
    history.set_defaults(run=_guard(cmd_history))


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date; use YYYY-MM-DD") from None


def _guard(fn: Command) -> Command:
    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            return int(fn(args, ctx))
        except USER_FACING as exc:
            raise CliError(str(exc)) from None
    return run


def _statement_json(c: statements.StatementCandidate) -> dict[str, Any]:
    g = c.guarantor
    return {"guarantor_account": g.account_number, "guarantor": g.name,
            "patients": [{"account": p.account_number, "name": p.name} for p in g.patients],
            "amount_due_cents": c.amount_due_cents, "pending_insurance_cents": c.pending_insurance_cents,
            "credit_cents": c.credit_cents, "pay_now_cents": c.pay_now_cents,
            "aging": statements.aging_json(c.due_aging.buckets),
            "last_statement": c.last_statement_on.isoformat() if c.last_statement_on else None}


def cmd_run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.out is None and not args.dry_run:
        raise CliError("say where to write the statements: --out FILE.pdf (or --dry-run)", 2)
    result = statements.run_statements(ctx.workstation(), args.as_of, args.out, args.dry_run)
    preview = result.preview
    chosen = preview.selected
    skipped = [c for c in preview.candidates if not c.selected or c.key not in preview.chosen]
    record = result.record
    data = {
        "as_of": preview.as_of.isoformat(), "dry_run": bool(args.dry_run),
        "run_number": record.run_number if record else None,
        "pdf": str(result.path) if result.path else None,
        "pdf_sha256": record.pdf_sha256 if record else None,
        "statement_count": len(chosen), "total_due_cents": preview.total_due_cents,
        "statements": [_statement_json(c) for c in chosen],
        "skipped": [{"guarantor_account": c.guarantor.account_number, "guarantor": c.guarantor.name,
                     "amount_due_cents": c.amount_due_cents, "reason": c.decision.reason,
                     "skip": c.decision.skip.value if c.decision.skip else None} for c in skipped],
    }
    if record is not None:
        head = (f"Statement run {record.run_number} of {format_date(preview.as_of)}: {len(chosen)} statement"
                f"{'s' if len(chosen) != 1 else ''}, {format_cents(preview.total_due_cents)} due, written to "
                f"{result.path} and recorded as sent.")
    elif chosen:
        head = (f"Dry run for {format_date(preview.as_of)}: {len(chosen)} statement{'s' if len(chosen) != 1 else ''}"
                f", {format_cents(preview.total_due_cents)} due; nothing recorded"
                + (f"; the PDF is in {result.path}." if result.path else "."))
    else:
        head = f"No statement is due on {format_date(preview.as_of)}; nothing was written or recorded."
    lines = [head]
    if chosen:
        lines += ["", f"{'Account':<12} {'Guarantor':<28} {'Due':>11} {'Current':>10} {'31-60':>10} {'61-90':>10} "
                      f"{'91-120':>10} {'Over 120':>10}"]
        for c in chosen:
            lines.append(f"{c.guarantor.account_number:<12} {c.guarantor.name[:28]:<28} "
                         f"{format_cents(c.amount_due_cents):>11} "
                         + " ".join(f"{format_cents(x):>10}" for x in c.due_aging.buckets))
    if skipped:
        lines += ["", "Not sent:"] + [f"  {c.guarantor.account_number:<12} {c.guarantor.name[:28]:<28} "
                                      f"{c.decision.reason}" for c in skipped]
    emit(args, data, lines)
    return 0


def cmd_history(args: argparse.Namespace, ctx: CliContext) -> int:
    g, sent = statements.statement_history(ctx.workstation(), args.account)
    data = {"guarantor_account": g.account_number, "guarantor": g.name,
            "patients": [{"account": p.account_number, "name": p.name} for p in g.patients],
            "statements": [{"run_number": s.run_number, "as_of": s.as_of.isoformat(),
                            "amount_due_cents": s.amount_due_cents, "pay_now_cents": s.pay_now_cents,
                            "pending_insurance_cents": s.pending_insurance_cents,
                            "aging": statements.aging_json(s.aging), "dunning": s.dunning_level.value}
                           for s in sent]}
    lines = [f"Statements to {g.name} (account {g.account_number}):"]
    lines += [f"  {format_date(s.as_of)}  run {s.run_number}  {format_cents(s.amount_due_cents):>11} due"
              for s in sent] or ["  none sent yet"]
    emit(args, data, lines)
    return 0
