"""Work the start-up screens hand to the op runner. These functions run on the database worker thread.

The services are imported inside the functions on purpose: at start-up the worker thread pays for
importing SQLAlchemy, Alembic and the rest while the GUI thread is busy starting Qt.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from medbill_desktop.domain.practice import Practice
    from medbill_desktop.domain.settings import PracticeSettings
    from medbill_desktop.services.context import Actor, Workstation


@dataclass(frozen=True)
class Probe:
    exists: bool
    needs_passphrase: bool


@dataclass(frozen=True)
class Opened:
    ws: Workstation
    practice_name: str


@dataclass(frozen=True)
class SignedIn:
    actor: Actor
    settings: PracticeSettings


@dataclass(frozen=True)
class Created:
    opened: Opened
    signed_in: SignedIn


def warm_up() -> None:
    """Import the services ahead of the first call (queued first thing at start-up)."""
    import medbill_desktop.services.overview  # noqa: F401
    import medbill_desktop.services.settings  # noqa: F401
    import medbill_desktop.services.setup  # noqa: F401
    import medbill_desktop.services.users  # noqa: F401


def probe(path: Path) -> Probe:
    """Quick (no SQLAlchemy): queued first at start-up, so the window can show the right page at once. An
    unreadable key information file is left for opening the database to report."""
    from medbill_desktop.services.database_probe import probe_database

    try:
        found = probe_database(path)
    except (OSError, ValueError, TypeError):
        return Probe(path.exists(), needs_passphrase=False)
    return Probe(found.exists, found.needs_passphrase)


def _passphrase_source(passphrase: str | None):  # type: ignore[no-untyped-def]
    if passphrase is None:
        return None
    return lambda _choosing: passphrase


def open_workstation(path: Path, passphrase: str | None = None) -> Opened:
    import medbill_desktop.services.overview  # noqa: F401 - the Home page needs it next
    from medbill_desktop.services import practice, setup

    ws = setup.open_workstation(path, _passphrase_source(passphrase))
    found = practice.get_practice(ws)
    return Opened(ws, found.name if found else "")


def sign_in(ws: Workstation, username: str, password: str) -> SignedIn:
    from medbill_desktop.services import settings, users

    actor = users.sign_in(ws, username, password)
    return SignedIn(actor, settings.get_settings(ws))


def open_and_sign_in(path: Path, username: str, password: str) -> Created:
    """The unattended start (--sign-in): open with the key at hand, then sign in."""
    opened = open_workstation(path)
    try:
        return Created(opened, sign_in(opened.ws, username, password))
    except Exception:
        opened.ws.close()
        raise


def create_and_sign_in(path: Path, practice: Practice, username: str, full_name: str, password: str,
                       passphrase: str | None) -> Created:
    from medbill_desktop.services import setup

    ws = setup.create_workstation(path, practice, admin_username=username, admin_full_name=full_name,
                                  admin_password=password, ask=_passphrase_source(passphrase))
    return Created(Opened(ws, practice.name.strip()), sign_in(ws, username, password))


def sign_out(ws: Workstation) -> str:
    """Sign the user out; returns the practice's name for the sign-in page that follows."""
    from medbill_desktop.services import practice, users

    users.sign_out(ws)
    found = practice.get_practice(ws)
    return found.name if found else ""


def close_workstation(ws: Workstation, sign_out: bool = True) -> None:
    from medbill_desktop.services import users

    try:
        if sign_out and ws.actor is not None:
            users.sign_out(ws)
    finally:
        ws.close()
