"""Read-only facts for the workstation's Home page: who, where, and a few counts. Changes nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.practice import Practice
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.practice import load_practice
from medbill_desktop.storage import audit_log, outbox
from medbill_desktop.storage.tables import audit_log as audit_table
from medbill_desktop.storage.tables import users, workstation


@dataclass(frozen=True, slots=True)
class Overview:
    practice: Practice | None
    workstation_name: str
    workstation_prefix: str
    active_users: int
    audit_entries: int
    pending_changes: int  # outbox events not yet sent to the practice server
    previous_sign_in: str | None  # ISO-8601 UTC of the signed-in user's sign-in before this one


def get_overview(ws: Workstation) -> Overview:
    """Any signed-in user may read these; no patient data is in them."""
    actor = ws.signed_in()
    with ws.read() as conn:
        station = conn.execute(select(workstation.c.name, workstation.c.prefix).limit(1)).first()
        active = int(conn.execute(
            select(func.count()).select_from(users).where(users.c.active.is_(True))
        ).scalar_one())
        sign_ins = conn.execute(
            select(audit_table.c.at)
            .where(audit_table.c.action == AuditAction.SIGN_IN.value, audit_table.c.actor == actor.username)
            .order_by(audit_table.c.seq.desc())
            .limit(2)
        ).scalars().all()
        return Overview(
            practice=load_practice(conn),
            workstation_name=station.name if station else "",
            workstation_prefix=station.prefix if station else "",
            active_users=active,
            audit_entries=audit_log.count(conn),
            pending_changes=outbox.pending_count(conn),
            previous_sign_in=str(sign_ins[1]) if len(sign_ins) > 1 else None,
        )
