"""`medbill init | users | backup | restore | audit verify | demo`."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path

from medbill_desktop.cli.common import CliContext, CliError, add_json, ask_passphrase, emit, env_or_prompt
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import audit, demo, setup, users
from medbill_desktop.services.errors import USER_FACING

ADMIN_PASSWORD_ENV = "MEDBILL_ADMIN_PASSWORD"
USER_PASSWORD_ENV = "MEDBILL_USER_PASSWORD"
BACKUP_PASSPHRASE_ENV = "MEDBILL_BACKUP_PASSPHRASE"


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("init", help="create the workstation database: the practice and its first manager")
    for flag, help_text in (("--practice-name", "billing name"), ("--npi", "billing NPI"),
                            ("--tax-id", "EIN"), ("--taxonomy", "taxonomy code, e.g. 207Q00000X"),
                            ("--address1", "street"), ("--city", "city"), ("--state", "two letters"),
                            ("--zip", "ZIP code"), ("--phone", "phone"), ("--admin-user", "user name"),
                            ("--admin-name", "full name")):
        p.add_argument(flag, required=True, help=help_text)
    p.add_argument("--address2", default="")
    add_json(p)
    p.set_defaults(run=cmd_init)

    u = sub.add_parser("users", help="list, add, disable or enable users").add_subparsers(
        dest="users_command", metavar="ACTION", required=True)
    p = u.add_parser("list", help="list users")
    add_json(p)
    p.set_defaults(run=cmd_users_list)
    p = u.add_parser("add", help=f"add a user (password from {USER_PASSWORD_ENV} or a prompt)")
    p.add_argument("username")
    p.add_argument("--name", required=True, help="full name")
    p.add_argument("--role", required=True, choices=[r.value for r in Role])
    add_json(p)
    p.set_defaults(run=cmd_users_add)
    for action in ("disable", "enable"):
        p = u.add_parser(action, help=f"{action} a user")
        p.add_argument("username")
        add_json(p)
        p.set_defaults(run=cmd_users_set_active, active=action == "enable")

    p = sub.add_parser("backup", help=f"write an encrypted backup (passphrase from {BACKUP_PASSPHRASE_ENV})")
    p.add_argument("file", type=Path)
    p.add_argument("--verify", action="store_true", help="only verify an existing backup file")
    add_json(p)
    p.set_defaults(run=cmd_backup)

    p = sub.add_parser("restore", help="restore a backup into the workstation database (the old one is kept aside)")
    p.add_argument("file", type=Path)
    add_json(p)
    p.set_defaults(run=cmd_restore)

    a = sub.add_parser("audit", help="the audit log").add_subparsers(dest="audit_command", metavar="ACTION",
                                                                     required=True)
    p = a.add_parser("verify", help="check the hash chain; reports the first broken entry")
    add_json(p)
    p.set_defaults(run=cmd_audit_verify)

    p = sub.add_parser("demo", help="create a database with a demo practice (users manager, biller, frontdesk)")
    add_json(p)
    p.set_defaults(run=cmd_demo)


def _guard(fn):  # type: ignore[no-untyped-def]
    """Turn the services' user-facing errors into one line on stderr and exit code 1."""
    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            return int(fn(args, ctx))
        except USER_FACING as exc:
            where = f" ({exc.field})" if getattr(exc, "field", None) else ""
            raise CliError(f"{exc}{where}") from None
    return run


@_guard
def cmd_init(args: argparse.Namespace, ctx: CliContext) -> int:
    practice = Practice(
        name=args.practice_name, npi=args.npi, tax_id=args.tax_id, taxonomy=args.taxonomy, phone=args.phone,
        address=Address(args.address1, args.city, args.state, args.zip, args.address2),
    )
    password = env_or_prompt(ADMIN_PASSWORD_ENV, f"Password for {args.admin_user}", confirm=True)
    ws = ctx.adopt(setup.create_workstation(
        ctx.db_path, practice, admin_username=args.admin_user, admin_full_name=args.admin_name,
        admin_password=password, ask=ask_passphrase,
    ))
    emit(args, {"database": str(ws.path), "practice": practice.name, "admin": args.admin_user},
         [f"Created {ws.path} for {practice.name}; sign in as {args.admin_user}."])
    return 0


def _user_json(u: users.UserInfo) -> dict[str, object]:
    return {"username": u.username, "full_name": u.full_name, "role": u.role.value, "active": u.active,
            "locked_until": u.locked_until}


@_guard
def cmd_users_list(args: argparse.Namespace, ctx: CliContext) -> int:
    found = users.list_users(ctx.workstation())
    emit(args, [_user_json(u) for u in found],
         [f"{u.username:<16} {u.role.label:<11} {'active' if u.active else 'disabled':<9} {u.full_name}"
          for u in found])
    return 0


@_guard
def cmd_users_add(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    password = env_or_prompt(USER_PASSWORD_ENV, f"Password for {args.username}", confirm=True)
    u = users.add_user(ws, args.username, args.name, Role(args.role), password)
    emit(args, _user_json(u), [f"Added {u.username} ({u.role.label})."])
    return 0


@_guard
def cmd_users_set_active(args: argparse.Namespace, ctx: CliContext) -> int:
    u = users.set_active(ctx.workstation(), args.username, args.active)
    emit(args, _user_json(u), [f"{u.username} is now {'active' if u.active else 'disabled'}."])
    return 0


@_guard
def cmd_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    from medbill_desktop.services import backup

    if args.verify:
        report = backup.verify_backup(args.file, env_or_prompt(BACKUP_PASSPHRASE_ENV, "Backup passphrase"))
    else:
        passphrase = env_or_prompt(BACKUP_PASSPHRASE_ENV, "Backup passphrase", confirm=True)
        report = backup.create_backup(ctx.workstation(), args.file, passphrase)
    emit(args, asdict(report), [
        f"{'Verified' if args.verify else 'Wrote and verified'} {report.path}: {report.size_bytes:,} bytes, "
        f"{report.ledger_transactions} ledger transactions, {report.audit_entries} audit entries."])
    return 0


@_guard
def cmd_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from medbill_desktop.services import backup

    passphrase = env_or_prompt(BACKUP_PASSPHRASE_ENV, "Backup passphrase")
    report = backup.restore_backup(args.file, passphrase, ctx.db_path, ask=ask_passphrase)
    emit(args, asdict(report), [f"Restored {args.file} into {ctx.db_path}."])
    return 0


@_guard
def cmd_audit_verify(args: argparse.Namespace, ctx: CliContext) -> int:
    report = audit.verify_audit(ctx.workstation())
    emit(args, {"ok": report.ok, "entries": report.entries, "first_broken_seq": report.first_broken_seq,
                "reason": report.reason}, [report.message])
    return 0 if report.ok else 2


@_guard
def cmd_demo(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.adopt(demo.create_demo(ctx.db_path, ask=ask_passphrase))
    summary = demo.summary(ws)
    emit(args, summary, [f"Created the demo practice in {ws.path}.",
                         f"Sign in as manager, biller or frontdesk with the password {demo.DEMO_PASSWORD}."])
    return 0
