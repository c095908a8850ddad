"""`medbill enroll --server URL --code CODE [--ca FILE] [--name NAME]`, `medbill sync [--json]` and
`medbill sync-review [--json] [--dismiss CHANGE_ID]`: enrol this workstation with the practice server, run one
sync (the first time the server's snapshot, then push the outbox, pull and apply, compare ledger totals), and
list what was turned down for review."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from medbill_desktop.cli.common import CliContext, CliError, add_json, emit
from medbill_desktop.services import numbers, syncing
from medbill_desktop.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("enroll", help="enrol this workstation with the practice server (a one-time code)")
    p.add_argument("--server", required=True, help="the server's address, https://HOST:PORT")
    p.add_argument("--code", required=True, help="the one-time code from medbill-server enroll-code")
    p.add_argument("--ca", default=None, help="the practice's ca.pem (default: ca.pem in the current folder)")
    p.add_argument("--name", default=None, help="this workstation's name on the server (default: the host name)")
    add_json(p)
    p.set_defaults(run=cmd_enroll)

    p = sub.add_parser("sync", help="sync with the practice server now: push, pull, compare ledger totals")
    add_json(p)
    p.set_defaults(run=cmd_sync)

    p = sub.add_parser("sync-review", help="what the server or this workstation turned down, for a person to look at")
    p.add_argument("--dismiss", default=None, metavar="CHANGE_ID", help="take one item off the list")
    add_json(p)
    p.set_defaults(run=cmd_review)


def cmd_enroll(args: argparse.Namespace, ctx: CliContext) -> int:
    ca = Path(args.ca or "ca.pem").expanduser()
    try:
        config = syncing.enroll(ctx.workstation(), args.server, args.code, ca, args.name)
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    prefix = numbers.current_prefix(ctx.workstation())
    emit(args, {"device_id": config.device_id, "server": config.url, "practice_id": config.practice_id,
                "prefix": prefix},
         [f"enrolled as {config.device_name} (device {config.device_id}) with {config.url}",
          f"numbers made here from now on start with {prefix} (given by the server)",
          "the device token is in the OS keyring; run `medbill sync` to sync"])
    return 0


def cmd_sync(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    try:
        report = syncing.sync_now(ws)
    except ServiceError as exc:
        raise CliError(str(exc)) from None
    review = [asdict(i) for i in syncing.review_items(ws)]
    lines = []
    if report.snapshot_items:
        lines.append(f"first set-up: {report.snapshot_items} record(s) from the server's snapshot")
    lines.append(f"pushed {report.pushed} change(s), pulled {report.pulled}; server at {report.high_water}, "
                 f"this workstation at {report.cursor}; {report.pending} still to send")
    lines += [f"not posted at the server: {d['message']}" for d in report.duplicates + report.rejected]
    lines += [f"to review: {i['message']}" for i in review if i["kind"] == "Not applied here"]
    lines.append("ledger totals match the server" if report.totals_match else "ledger totals differ from the server:")
    lines += [f"  {d}" for d in report.differences]
    emit(args, {**report.as_dict(), "review": review}, lines)
    return 0 if report.totals_match else 3


def cmd_review(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    if args.dismiss:
        try:
            syncing.dismiss_review_item(ws, args.dismiss)
        except ServiceError as exc:
            raise CliError(str(exc)) from None
    items = syncing.review_items(ws)
    emit(args, {"review": [asdict(i) for i in items]},
         [f"{i.at}  {i.kind}: {i.message} ({i.change_id})" for i in items] or ["nothing to review"])
    return 0
