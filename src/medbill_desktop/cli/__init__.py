"""The `medbill` command: composition root of the command line.

Each module here adds its sub-commands with `register(subparsers)`; a command is a function
`(args, ctx) -> int` that prints JSON with --json and plain lines otherwise.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from medbill_desktop import __version__
from medbill_desktop.cli import accounts, claims, codes, era, foundation, reports, statements, sync_commands
from medbill_desktop.cli.common import CliContext, CliError, default_db_path

MODULES = (foundation, codes, claims, era, accounts, statements, reports, sync_commands)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="medbill", description="MedBill Desktop from the command line.")
    parser.add_argument("--version", action="version", version=f"medbill {__version__}")
    parser.add_argument("--db", metavar="PATH", default=None,
                        help=f"the workstation database (default: {default_db_path()})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for module in MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    ctx = CliContext(args)
    try:
        return int(args.run(args, ctx))
    except CliError as exc:
        print(f"medbill: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    finally:
        ctx.close()


if __name__ == "__main__":
    sys.exit(main())
