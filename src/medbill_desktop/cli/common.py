"""What every command shares: the database path, opening the workstation, printing, errors."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from pathlib import Path
from typing import Any

import platformdirs

from medbill_desktop.services.context import COMMAND_LINE, Workstation
from medbill_desktop.services.errors import USER_FACING
from medbill_desktop.services.setup import open_workstation


class CliError(Exception):
    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.code = code


def default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("MedBill Desktop", "MedBill")) / "medbill.db"


def ask_passphrase(choosing: bool) -> str | None:
    """Prompt on a terminal; with no terminal there is nobody to ask."""
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass("Practice passphrase: ")
    if choosing and getpass.getpass("Repeat the passphrase: ") != first:
        raise CliError("The two passphrases differ; nothing was created.")
    return first


class CliContext:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self._ws: Workstation | None = None

    @property
    def db_path(self) -> Path:
        return Path(self.args.db).expanduser() if self.args.db else default_db_path()

    def workstation(self) -> Workstation:
        """The open database, acting as the command line (a manager: it holds the key)."""
        if self._ws is None:
            try:
                self._ws = open_workstation(self.db_path, ask_passphrase)
            except USER_FACING as exc:
                raise CliError(str(exc)) from None
            self._ws.actor = COMMAND_LINE
        return self._ws

    def adopt(self, ws: Workstation) -> Workstation:
        self._ws = ws
        ws.actor = COMMAND_LINE
        return ws

    def close(self) -> None:
        if self._ws is not None:
            self._ws.close()
            self._ws = None


def emit(args: argparse.Namespace, data: Any, lines: list[str]) -> None:
    if getattr(args, "json", False):
        print(json.dumps(data, indent=2, sort_keys=True, default=str))
    else:
        for line in lines:
            print(line)


def env_or_prompt(var: str, prompt: str, confirm: bool = False) -> str:
    value = os.environ.get(var)
    if value:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"{prompt} is needed: set {var} or run from a terminal.")
    first = getpass.getpass(f"{prompt}: ")
    if confirm and getpass.getpass("Repeat it: ") != first:
        raise CliError("The two entries differ; nothing was changed.")
    return first


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")
