"""`medbill codes search QUERY [--set ...] [--limit N]` and
`medbill codes import (icd10 | hcpcs FILE | cpt FILE | carc FILE | rarc FILE)` and
`medbill codes add SET CODE DESCRIPTION` (a code the practice adds or rewords by hand)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from medbill_desktop.cli.common import CliContext, CliError, add_json, emit
from medbill_desktop.services import codes, practice_codes
from medbill_desktop.services.errors import USER_FACING

SETS = ("icd10", "hcpcs", "cpt", "pos", "modifier", "carc", "rarc", "group")
Command = Callable[[argparse.Namespace, CliContext], int]


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    c = sub.add_parser("codes", help="search and import code sets (ICD-10-CM, HCPCS, CPT, POS, modifiers, ...)")
    actions = c.add_subparsers(dest="codes_command", metavar="ACTION", required=True)

    p = actions.add_parser("search", help="search a code set by code prefix and/or words")
    p.add_argument("query", nargs="+", help='what to look for, e.g. E11.6 or "type 2 diab kidney"')
    p.add_argument("--set", dest="set_name", default="icd10", choices=SETS, help="code set (default icd10)")
    p.add_argument("--limit", type=int, default=20, help="most results to show (default 20)")
    add_json(p)
    p.set_defaults(run=_guard(cmd_search))

    imports = actions.add_parser("import", help="load ICD-10-CM, or import an official or licensed file")
    which = imports.add_subparsers(dest="codes_set", metavar="SET", required=True)
    p = which.add_parser("icd10", help="load the installed ICD-10-CM release (skipped when already loaded)")
    p.add_argument("--force", action="store_true", help="load it again even if it is current")
    add_json(p)
    p.set_defaults(run=_guard(cmd_import_icd10))
    for name, what in (("hcpcs", "CMS's quarterly HCPCS file (fixed-width text or CSV)"),
                       ("cpt", "the practice's licensed CPT file (CSV: code, description)"),
                       ("carc", "the official CARC list (CSV: code, description, start, stop)"),
                       ("rarc", "the official RARC list (CSV: code, description, start, stop)")):
        p = which.add_parser(name, help=what)
        p.add_argument("file", type=Path)
        add_json(p)
        p.set_defaults(run=_guard(cmd_import_file))

    p = actions.add_parser("add", help="add a code by hand, or reword one (CPT, HCPCS, modifiers, ...; "
                                       "not ICD-10-CM); it reaches the other workstations at the next sync")
    p.add_argument("set_name", metavar="SET", choices=[s for s in SETS if s != "icd10"])
    p.add_argument("code")
    p.add_argument("description", nargs="+")
    add_json(p)
    p.set_defaults(run=_guard(cmd_add))


def _guard(fn: Command) -> Command:
    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            return int(fn(args, ctx))
        except USER_FACING as exc:
            prefix = f"{args.file.name} " if isinstance(getattr(args, "file", None), Path) else ""
            raise CliError(f"{prefix}{exc}") from None
    return run


def cmd_search(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    if args.set_name == "icd10" and not codes.icd10_loaded(ws):
        raise CliError("ICD-10-CM is not loaded in this database yet: run 'medbill codes import icd10' first.")
    hits = codes.search(ws, " ".join(args.query), args.set_name, args.limit)
    width = max((len(h.display_code) for h in hits), default=0)
    lines = [f"{h.display_code:<{width}}  {h.description}{'' if h.billable else '  (not billable)'}"
             for h in hits] or ["No codes found."]
    emit(args, [asdict(h) for h in hits], lines)
    return 0


def cmd_import_icd10(args: argparse.Namespace, ctx: CliContext) -> int:
    result = codes.ensure_icd10_loaded(ctx.workstation(), force=args.force)
    data = asdict(result)
    if result.loaded:
        line = (f"Loaded {result.rows:,} ICD-10-CM codes ({result.billable:,} billable) from {result.version} "
                f"in {result.read_seconds + result.write_seconds:.1f} s.")
    else:
        line = f"ICD-10-CM is current: {result.rows:,} codes ({result.billable:,} billable), {result.version}."
    emit(args, data, [line])
    return 0


def cmd_import_file(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    path: Path = args.file
    if not path.is_file():
        raise CliError(f"There is no file {path}.")
    if args.codes_set == "hcpcs":
        counts = codes.import_hcpcs(ws, path)
    elif args.codes_set == "cpt":
        counts = codes.import_cpt(ws, path)
    else:
        counts = codes.import_remit_codes(ws, args.codes_set, path)
    parts = [f"{counts.added} added", f"{counts.updated} updated"]
    parts += [f"{n} {what}" for n, what in ((counts.removed, "removed"), (counts.skipped, "skipped"),
                                            (counts.terminated, "terminated")) if n]
    emit(args, {**asdict(counts), "file": str(path)},
         [f"{args.codes_set.upper()} from {path.name}: {', '.join(parts)}."])
    return 0


def cmd_add(args: argparse.Namespace, ctx: CliContext) -> int:
    entry = practice_codes.save_code(ctx.workstation(), args.set_name, args.code, " ".join(args.description))
    emit(args, asdict(entry), [f"{args.set_name.upper()} {entry.code}: {entry.description} (saved)."])
    return 0
