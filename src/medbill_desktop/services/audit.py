"""Reading and verifying the audit log; recording views of patient accounts."""

from __future__ import annotations

from dataclasses import dataclass

from medbill_desktop.domain.audit import AuditAction, AuditEntry, verify_chain
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import audit_log


@dataclass(frozen=True, slots=True)
class AuditReport:
    ok: bool
    entries: int
    first_broken_seq: int | None = None
    reason: str = ""

    @property
    def message(self) -> str:
        if self.ok:
            return f"The audit log is intact: {self.entries} entries, each chained to the one before."
        return f"The audit log was tampered with at entry {self.first_broken_seq}: {self.reason}."


def verify_audit(ws: Workstation) -> AuditReport:
    """Walks the whole chain; the command line runs it as the manager who holds the key."""
    with ws.read() as conn:
        found = verify_chain(audit_log.entries(conn))
        n = audit_log.count(conn)
    if found is None:
        return AuditReport(True, n)
    return AuditReport(False, n, found.seq, found.reason)


def recent_entries(ws: Workstation, limit: int = 200) -> list[AuditEntry]:
    ws.require(Permission.VIEW_AUDIT)
    with ws.read() as conn:
        return list(audit_log.entries(conn, limit=limit, newest_first=True))


def record(ws: Workstation, action: AuditAction, entity: str, entity_id: str,
           detail: dict[str, object] | None = None) -> None:
    """A print, export or view that changes nothing else still leaves its row."""
    ws.signed_in()
    with ws.write() as conn:
        ws.audit(conn, action, entity, entity_id, detail)
