"""Creating and opening a workstation database."""

from __future__ import annotations

import os
import platform
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.ids import new_id, random_workstation_prefix
from medbill_desktop.domain.practice import Practice, validate_practice
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.settings import PracticeSettings
from medbill_desktop.services.context import Workstation, utc_now
from medbill_desktop.services.errors import UnlockError
from medbill_desktop.services.practice import write_practice
from medbill_desktop.services.settings import write_settings
from medbill_desktop.services.users import insert_user
from medbill_desktop.storage import keys
from medbill_desktop.storage.database import create_database, open_database
from medbill_desktop.storage.errors import StorageError
from medbill_desktop.storage.tables import workstation

PassphraseSource = Callable[[bool], str | None]
PASSPHRASE_ENV = keys.PASSPHRASE_ENV


def keyring_is_secure() -> bool:
    return keys.backend_is_secure()


def database_exists(path: Path) -> bool:
    return path.exists()


def needs_passphrase(path: Path) -> bool:
    """Whether opening (or creating) this database will ask for the practice passphrase."""
    info = keys.KeyInfo.load(path)
    if info is None:
        return not keys.backend_is_secure() or bool(os.environ.get(keys.PASSPHRASE_ENV))
    return info.source == "passphrase"


def create_workstation(path: Path, practice: Practice, *, admin_username: str, admin_full_name: str,
                       admin_password: str, ask: PassphraseSource | None = None,
                       settings: PracticeSettings | None = None,
                       clock: Callable[[], datetime] = utc_now) -> Workstation:
    """First run: the encrypted database, the practice, this workstation's number prefix, the first manager.
    Everything is validated before the database file is made."""
    validate_practice(practice)
    try:
        db = create_database(path, ask)
    except StorageError as exc:
        raise UnlockError(str(exc)) from None
    ws = Workstation(db, clock)
    try:
        with ws.write() as conn:
            conn.execute(workstation.insert().values(
                id=new_id(), prefix=random_workstation_prefix(), name=platform.node() or "workstation",
                created_at=ws.now_iso(),
            ))
            write_settings(conn, (settings or PracticeSettings()).validated())
            write_practice(ws, conn, practice)
            insert_user(ws, conn, admin_username, admin_full_name, Role.MANAGER, admin_password)
            ws.audit(conn, AuditAction.CHANGE, "workstation", "setup", {"op": "created"})
    except Exception:
        ws.close()
        for leftover in (path, keys.KeyInfo.path_for(path), path.with_name(path.name + "-wal"),
                         path.with_name(path.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise
    return ws


def open_workstation(path: Path, ask: PassphraseSource | None = None,
                     clock: Callable[[], datetime] = utc_now) -> Workstation:
    try:
        return Workstation(open_database(path, ask), clock)
    except StorageError as exc:
        raise UnlockError(str(exc)) from None
