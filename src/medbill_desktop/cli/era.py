"""`medbill era import FILE [--dry-run] [--json]`: post an 835 remittance check by check.

JSON: {"file", "dry_run", "posted": [...], "skipped_duplicates": [...], "exceptions": [{"check",
"claim_number", "reason"}], "checks": [...]}. Exit status 0 when something posted (or would post, or every
check was already posted), 1 when nothing could be posted because of exceptions or the file was refused.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from medbill_desktop.cli.common import CliContext, CliError, add_json, emit
from medbill_desktop.domain.money import format_cents
from medbill_desktop.services import era_import
from medbill_desktop.services.errors import USER_FACING


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    e = sub.add_parser("era", help="import 835 electronic remittance advice (payments from payers)")
    actions = e.add_subparsers(dest="era_command", metavar="ACTION", required=True)
    p = actions.add_parser("import", help="post an 835 file, one check at a time; exceptions are listed")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="show what would be posted and every exception; "
                                                          "write nothing")
    add_json(p)
    p.set_defaults(run=cmd_import)


def _check_json(check: era_import.CheckPlan, status: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "check": check.trace, "payer": check.payer_name, "payer_edi_id": check.payer_edi_id,
        "amount_cents": check.amount, "method": check.method,
        "check_date": check.check_date.isoformat() if check.check_date else None,
        "claims": list(check.claim_numbers), "status": status,
    }
    if check.preview is not None:
        out["effects"] = [{"claim_number": c.claim_number, "outcome": c.outcome, "next_step": c.next_step.value,
                           "paid_cents": c.paid_cents, "written_down_cents": c.written_down_cents,
                           "moved_cents": c.moved_cents, "moved_to": c.moved_to, "denied_cents": c.denied_cents,
                           "summary": c.summary} for c in check.preview.claims]
    return out


def cmd_import(args: argparse.Namespace, ctx: CliContext) -> int:
    path: Path = args.file
    if not path.is_file():
        raise CliError(f"There is no file {path}.")
    try:
        result = era_import.import_835(ctx.workstation(), path, dry_run=args.dry_run)
    except USER_FACING as exc:
        raise CliError(str(exc)) from None
    plan = result.plan
    statuses = []
    for check in plan.checks:
        status = result.check_status.get(check.source_key or f"{check.position}|{check.trace}", check.status)
        if args.dry_run and status == "ready":
            status = "would_post"
        statuses.append(status)
    data = {
        "file": str(path), "dry_run": result.dry_run,
        "posted": [{"check": p.trace, "payer": p.payer_name, "amount_cents": p.amount, "batch_number": p.batch_number,
                    "claims": [{"claim_number": c.claim_number, "outcome": c.outcome, "next_step": c.next_step}
                               for c in p.claims],
                    "readied_claims": list(p.readied_claims), "denials": list(p.denials)} for p in result.posted],
        "skipped_duplicates": [{"check": s.trace, "payer": s.payer_name, "amount_cents": s.amount,
                                "reason": s.reason} for s in result.skipped_duplicates],
        "exceptions": [{"check": x.check, "claim_number": x.claim_number, "reason": x.reason}
                       for x in result.exceptions],
        "checks": [_check_json(c, s) for c, s in zip(plan.checks, statuses, strict=True)],
    }
    lines: list[str] = []
    for check, status in zip(plan.checks, statuses, strict=True):
        head = f"Check {check.trace or '(no trace)'} from {check.payer_name or '(no payer)'}, " \
               f"{format_cents(check.amount)}, {len(check.claim_numbers)} claim(s)"
        if status == "would_post":
            lines.append(f"{head}: would post.")
            if check.preview is not None:
                lines += [f"  {c.claim_number}: {c.summary}" for c in check.preview.claims]
        elif status == "posted":
            done = next(p for p in result.posted if p.position == check.position)
            lines.append(f"{head}: posted as batch {done.batch_number}.")
        elif status == "duplicate":
            lines.append(f"{head}: skipped. {check.duplicate}")
        else:
            lines.append(f"{head}: not posted{' (dry run)' if args.dry_run else ''}; resolve these first:")
            for x in (e for e in result.exceptions if e.check == check.trace):
                lines.append(f"  {'Claim ' + x.claim_number if x.claim_number else 'Check'}: {x.reason}")
    if plan.imported_before is not None and not result.posted:
        lines.append(f"This file was imported before ({plan.imported_before[0]} by {plan.imported_before[1]}).")
    emit(args, data, lines or ["The file holds no checks."])
    return 1 if result.nothing_posted_because_of_errors else 0
