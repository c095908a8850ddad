"""`medbill claims list [--status S] --json`, `medbill claims render (--claim N ... | --status ready) --out F.pdf
[--form red|full] [--profile NAME]`, `medbill claims export-837 --out FILE [--claim N ...]`,
`medbill claims import-999 FILE`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from medbill_desktop.cli.common import CliContext, CliError, add_json, emit
from medbill_desktop.domain.money import format_cents
from medbill_desktop.services import claims
from medbill_desktop.services.errors import USER_FACING

Command = Callable[[argparse.Namespace, CliContext], int]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("claims", help="list, print and export claims; read 999 acknowledgements")
    actions = c.add_subparsers(dest="claims_command", metavar="ACTION", required=True)

    p = actions.add_parser("list", help="claims with their charges and balances")
    p.add_argument("--status", default=None, help="only claims in this state (draft, ready, submitted, ...)")
    add_json(p)
    p.set_defaults(run=_guard(cmd_list))

    p = actions.add_parser("render", help="print claims on CMS-1500 forms into a PDF (they become submitted)")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--claim", action="append", metavar="NUMBER", help="a claim number (repeat for more)")
    which.add_argument("--status", choices=("ready",), help="every ready claim")
    p.add_argument("--out", type=Path, required=True, help="the PDF to write")
    p.add_argument("--form", choices=("red", "full"), default="red",
                   help="red: data for pre-printed forms (default); full: the form drawn too")
    p.add_argument("--profile", default=None, help="a printer calibration profile's name")
    add_json(p)
    p.set_defaults(run=_guard(cmd_render))

    p = actions.add_parser("export-837", help="write claims as an 837P file (they become submitted)")
    p.add_argument("--out", type=Path, required=True, help="the file to write")
    p.add_argument("--claim", action="append", metavar="NUMBER",
                   help="a claim number (repeat for more; default: every ready electronic claim)")
    add_json(p)
    p.set_defaults(run=_guard(cmd_export))

    p = actions.add_parser("import-999", help="read a 999 acknowledgement: claims become accepted or rejected")
    p.add_argument("file", type=Path)
    add_json(p)
    p.set_defaults(run=_guard(cmd_import_999))


def _guard(fn: Command) -> Command:
    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            return int(fn(args, ctx))
        except USER_FACING as exc:
            raise CliError(str(exc)) from None
    return run


def _claim_json(c: claims.ClaimSummary) -> dict[str, Any]:
    return {
        "number": c.claim_number, "payer": c.payer_name, "status": c.status.value, "rank": c.rank.value,
        "patient": c.patient_name, "frequency": c.frequency.value,
        "date_of_service": c.date_of_service.isoformat() if c.date_of_service else None,
        "charge_cents": c.charge_cents, "insurance_balance_cents": c.insurance_balance_cents,
        "patient_balance_cents": c.patient_balance_cents,
        "lines": [{"code": x.code, "modifiers": list(x.modifiers),
                   "date_of_service": x.date_of_service.isoformat() if x.date_of_service else None,
                   "units": x.units, "charge_cents": x.charge_cents, "balance_cents": x.balance_cents}
                  for x in c.lines],
    }


def cmd_list(args: argparse.Namespace, ctx: CliContext) -> int:
    found = claims.list_claims(ctx.workstation(), args.status)
    lines = [f"{c.claim_number}  {c.status.label:<14}  {c.payer_name:<24}  {format_cents(c.charge_cents):>10}  "
             f"ins {format_cents(c.insurance_balance_cents):>10}  pat {format_cents(c.patient_balance_cents):>10}"
             for c in found] or ["No claims."]
    emit(args, [_claim_json(c) for c in found], lines)
    return 0


def cmd_render(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    numbers = args.claim or [c.claim_number for c in claims.ready_claims(ws)]
    if not numbers:
        raise CliError("There are no ready claims to print.")
    result = claims.render_claims_pdf(ws, numbers, form=args.form, profile=args.profile, out=args.out)
    emit(args, {"file": str(args.out), "claims": list(result.claim_numbers), "batch_id": result.batch_id},
         [f"Printed {len(result.claim_numbers)} claim(s) to {args.out}: {', '.join(result.claim_numbers)}."])
    return 0


def cmd_export(args: argparse.Namespace, ctx: CliContext) -> int:
    result = claims.export_837(ctx.workstation(), args.claim, args.out)
    emit(args, {"file": str(result.path), "claims": list(result.claim_numbers),
                "interchange_control": result.interchange_control, "group_control": result.group_control,
                "transaction_control": result.transaction_control},
         [f"Exported {len(result.claim_numbers)} claim(s) to {result.path} (ISA13 {result.interchange_control}, "
          f"ST02 {result.transaction_control}): {', '.join(result.claim_numbers)}."])
    return 0


def cmd_import_999(args: argparse.Namespace, ctx: CliContext) -> int:
    path: Path = args.file
    if not path.is_file():
        raise CliError(f"There is no file {path}.")
    result = claims.import_999(ctx.workstation(), path.read_text(encoding="ascii", errors="replace"))
    lines = [f"Accepted: {n}" for n in result.accepted] + [f"Rejected: {n}: {why}" for n, why in result.rejected]
    lines += [f"No export of ours has control number {n}." for n in result.unmatched]
    lines += [f"Left as it is: {n} ({why})" for n, why in result.skipped]
    emit(args, {"accepted": list(result.accepted),
                "rejected": [{"number": n, "reason": why} for n, why in result.rejected],
                "unmatched": list(result.unmatched),
                "skipped": [{"number": n, "reason": why} for n, why in result.skipped]}, lines or ["Nothing to do."])
    return 0
