"""The handle every service takes: the open database, who is signed in, and the clock.

A service is one transaction: check the permission, validate, write, audit, add to the outbox, return.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from medbill_desktop.domain.roles import Permission, Role, require
from medbill_desktop.services.errors import NotSignedIn
from medbill_desktop.storage import audit_log, outbox
from medbill_desktop.storage.database import Database
from medbill_desktop.storage.engine import READ_ONLY


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: str
    username: str
    full_name: str
    role: Role

    @property
    def label(self) -> str:
        return self.username


# The command line runs with the key to the database in hand, which is a manager's power already.
COMMAND_LINE = Actor("cli", "cli", "Command line", Role.MANAGER)


def utc_now() -> datetime:
    return datetime.now(UTC)


class Workstation:
    def __init__(self, db: Database, clock: Callable[[], datetime] = utc_now) -> None:
        self.db = db
        self.clock = clock
        self.actor: Actor | None = None

    @property
    def path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    # --- who -----------------------------------------------------------------------------------
    def signed_in(self) -> Actor:
        if self.actor is None:
            raise NotSignedIn()
        return self.actor

    def require(self, permission: Permission) -> Actor:
        actor = self.signed_in()
        require(actor.role, permission)
        return actor

    # --- when ----------------------------------------------------------------------------------
    def now(self) -> datetime:
        return self.clock()

    def now_iso(self) -> str:
        return self.clock().astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")

    def today(self) -> date:
        return self.clock().astimezone().date()

    # --- transactions --------------------------------------------------------------------------
    @contextmanager
    def write(self) -> Iterator[Connection]:
        with self.db.engine.begin() as conn:
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.db.engine.connect().execution_options(**{READ_ONLY: True}) as conn:
            yield conn

    def audit(self, conn: Connection, action: str, entity: str, entity_id: str,
              detail: dict[str, Any] | None = None, actor: str | None = None) -> None:
        who = actor or (self.actor.username if self.actor else "system")
        audit_log.append(conn, at=self.now_iso(), actor=who, action=action, entity=entity,
                         entity_id=entity_id, detail=detail)

    def emit(self, conn: Connection, event: str, entity: str, entity_id: str, payload: dict[str, Any]) -> None:
        outbox.add(conn, at=self.now_iso(), event=event, entity=entity, entity_id=entity_id, payload=payload)
