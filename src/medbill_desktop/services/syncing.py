"""Syncing with the practice server, as the GUI and the command line use it: enrol, sync now (the first time
with the server's snapshot), what the status bar shows, the conflict inbox (fields another workstation
overwrote: keep or restore) and the changes listed for review (duplicate remittances, changes this
workstation could not take).

The work is in sync.runner (the protocol) and services.sync_apply (this workstation's tables); this module
wires them together for a Workstation. Every call that talks to the server may take a few seconds or fail
with sync.client.SyncError (a ServiceError here, in words): the GUI runs it on its sync worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services import numbers, sync_apply
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import patients_store
from medbill_desktop.sync import protocol, runner, state
from medbill_desktop.sync.client import Offline, ServerClient, SyncError
from medbill_desktop.sync.runner import SyncReport

# A sync in the background gives up quickly when the server cannot be reached (the next one tries again).
BACKGROUND_OPTIONS: dict[str, Any] = {"timeout": 15.0, "retries": 1, "retry_pause": 0.5}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def applier(ws: Workstation) -> runner.Applier:
    """The applier of pulled changes for this workstation (knows its device id)."""
    def apply(conn: Connection, changes: list[dict[str, Any]]) -> None:
        config = state.server_config(conn)
        sync_apply.apply_changes(conn, changes, config.device_id if config else None)
    return apply


def snapshot_applier(conn: Connection, items: list[dict[str, Any]]) -> None:
    sync_apply.apply_snapshot(conn, items)


@contextmanager
def _talking() -> Iterator[None]:
    """Sync errors as ServiceErrors (what the GUI shows in words)."""
    try:
        yield
    except SyncError as exc:
        raise ServiceError(str(exc)) from exc


# --- enrolment and syncing ------------------------------------------------------------------------------------------

def enroll(ws: Workstation, server_url: str, code: str, ca_file: str | Path, device_name: str | None = None,
           client: ServerClient | None = None) -> state.ServerConfig:
    """Enrol this workstation with the practice server (a manager's one-time code); the next sync takes the
    server's snapshot first. Numbers made from now on carry the prefix the server gave this workstation (numbers
    already issued keep theirs)."""
    ws.require(Permission.EDIT_PRACTICE)

    def take_prefix(conn: Connection, reply: dict[str, Any]) -> None:
        prefix = str(reply.get("prefix") or "")
        if prefix:  # (a server that gives no prefixes: the workstation keeps its own)
            before = numbers.use_server_prefix(conn, prefix)
            ws.audit(conn, AuditAction.CHANGE, "workstation", "prefix",
                     {"op": "prefix_from_server", "from": before, "to": prefix, "device_id": reply.get("device_id")})

    with _talking():
        return runner.enroll(ws.db.engine, server_url, code, ca_file, device_name, client=client,
                             enrolled=take_prefix)


def sync_now(ws: Workstation, client: ServerClient | None = None, *, background: bool = False,
             batch_size: int = protocol.PUSH_BATCH_SIZE, page_size: int = protocol.PULL_PAGE_SIZE) -> SyncReport:
    """One sync: (the first time, the server's snapshot), push the outbox, pull and apply to the server's
    high-water mark, compare ledger totals. The attempt is recorded (the status bar's online/offline)."""
    ws.signed_in()
    engine = ws.db.engine
    try:
        own = client is None
        if client is None:
            client = runner.client_for(engine, **(BACKGROUND_OPTIONS if background else {}))
        try:
            report = runner.sync_once(engine, client, applier(ws), batch_size, page_size,
                                      snapshot_applier=snapshot_applier,
                                      corrections=sync_apply.apply_push_corrections,
                                      claims=sync_apply.restore_server_claims)
        finally:
            if own:
                client.close()
    except SyncError as exc:
        _attempted(ws, False, str(exc), offline=isinstance(exc, Offline))
        raise ServiceError(str(exc)) from exc
    _attempted(ws, True, "")
    return report


def _attempted(ws: Workstation, ok: bool, message: str, offline: bool = False) -> None:
    with ws.write() as conn:
        if state.server_config(conn) is not None:
            state.set_last_attempt(conn, {"at": _now(), "ok": ok, "offline": offline, "message": message})


# --- what the status bar shows -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class SyncStatus:
    enrolled: bool
    server: str  # the server's address, '' when not enrolled
    device_name: str
    online: bool | None  # the last attempt reached the server; None before any attempt
    message: str  # why the last attempt failed
    last_sync_at: str | None  # the last sync that finished (UTC ISO)
    totals_match: bool | None
    pending: int  # changes not sent yet
    review: int  # items listed for review
    last_attempt_at: str | None


def sync_status(ws: Workstation) -> SyncStatus:
    """Read from this workstation's database only (cheap; no network)."""
    ws.signed_in()
    with ws.read() as conn:
        config = state.server_config(conn)
        last = state.last_sync(conn) or {}
        attempt = state.last_attempt(conn) or {}
        return SyncStatus(
            enrolled=config is not None, server=config.url if config else "",
            device_name=config.device_name if config else "",
            online=bool(attempt["ok"]) if attempt else None, message=str(attempt.get("message", "")),
            last_sync_at=last.get("at"), totals_match=last.get("totals_match"), pending=state.pending_count(conn),
            review=len(state.review_items(conn)), last_attempt_at=attempt.get("at"))


# --- the conflict inbox ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Conflict:
    id: int
    entity: str  # patient | coverage
    entity_id: str
    what: str  # 'Smith, John (account KQD000012)' or 'coverage MBR123 of Smith, John'
    field: str
    field_label: str
    kept_value: Any  # the value that won (the server's and every workstation's now)
    overwritten_value: Any  # the value another workstation had set, which it replaced
    kept_text: str
    overwritten_text: str
    at: str


_FIELD_LABELS = {
    "home_phone": "Home phone", "cell_phone": "Cell phone", "work_phone": "Work phone", "email": "Email",
    "last_name": "Last name", "first_name": "First name", "middle_name": "Middle name", "suffix": "Suffix",
    "date_of_birth": "Date of birth", "sex": "Sex", "address": "Address", "guarantor": "Guarantor",
    "release_signed_on": "Release signed on", "member_id": "Member ID", "group_number": "Group number",
    "payer_id": "Payer", "rank": "Order (primary, secondary...)", "relationship": "Relationship to subscriber",
    "subscriber": "Subscriber", "effective_from": "Effective from", "effective_to": "Effective to",
    "copay_cents": "Copay", "plan_name": "Plan name", "benefits_assigned": "Benefits assigned",
}


def field_label(name: str) -> str:
    return _FIELD_LABELS.get(name, name.replace("_", " ").capitalize())


def value_text(name: str, value: Any) -> str:
    """A field's value as a person reads it."""
    if value is None or value == "":
        return "(empty)"
    if name.endswith("_cents") and isinstance(value, int):
        return f"${value / 100:,.2f}"
    if name.endswith("phone") and isinstance(value, str) and len(value) == 10 and value.isdigit():
        return f"({value[:3]}) {value[3:6]}-{value[6:]}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        if {"line1", "city", "state"} <= set(value):
            line2 = f", {value['line2']}" if value.get("line2") else ""
            return f"{value['line1']}{line2}, {value['city']}, {value['state']} {value.get('zip_code', '')}".strip()
        return ", ".join(f"{field_label(k)}: {value_text(k, v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


def _what(conn: Connection, entity: str, entity_id: str) -> str:
    if entity == "patient":
        p = patients_store.get_patient(conn, entity_id)
        return f"{p.display_name} (account {p.account_number})" if p else f"patient {entity_id}"
    if entity == "coverage":
        c = patients_store.get_coverage(conn, entity_id)
        if c is None:
            return f"coverage {entity_id}"
        p = patients_store.get_patient(conn, c.patient_id)
        return f"{c.rank.value} coverage {c.member_id} of {p.display_name if p else 'a patient'}"
    return f"{entity} {entity_id}"


def conflicts(ws: Workstation, client: ServerClient | None = None) -> list[Conflict]:
    """The open conflicts of the practice (from the server): fields one workstation set and another overwrote
    without having seen it."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with _talking(), _client(ws, client) as server:
        found = server.conflicts(open_only=True)
    with ws.read() as conn:
        return [Conflict(id=int(c["id"]), entity=c["entity"], entity_id=c["entity_id"],
                         what=_what(conn, c["entity"], c["entity_id"]), field=c["field"],
                         field_label=field_label(c["field"]), kept_value=c["kept_value"],
                         overwritten_value=c["overwritten_value"], kept_text=value_text(c["field"], c["kept_value"]),
                         overwritten_text=value_text(c["field"], c["overwritten_value"]), at=str(c["created_at"]))
                for c in found]


def resolve_conflict(ws: Workstation, conflict_id: int, resolution: str,
                     client: ServerClient | None = None) -> SyncReport:
    """Keep the value that won, or restore the overwritten one (the server records the restore as a new change
    every workstation pulls); then sync, so this workstation shows the result at once."""
    ws.require(Permission.REGISTER_PATIENTS)
    if resolution not in ("keep", "restore"):
        raise ServiceError("Choose keep or restore.", "resolution")
    with _talking(), _client(ws, client) as server:
        server.resolve_conflict(conflict_id, resolution)
        return sync_now(ws, server)


@contextmanager
def _client(ws: Workstation, client: ServerClient | None) -> Iterator[ServerClient]:
    if client is not None:
        yield client
        return
    made = runner.client_for(ws.db.engine)
    try:
        yield made
    finally:
        made.close()


# --- changes listed for review -----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ReviewItem:
    change_id: str
    kind: str  # 'Duplicate remittance', 'Refused by the server', 'Not applied here', 'Paid twice', ...
    what: str  # the change in words: 'Payment batch', 'Payment', 'Patient record' ...
    event: str
    entity: str
    entity_id: str
    message: str
    at: str


_EVENT_WORDS = {
    "payment.batch_posted": "Payment batch (EOB)", "payment.batch_reversed": "Payment batch reversed",
    "payment.claim_reversed": "Claim payment reversed", "patient.registered": "New patient",
    "patient.updated": "Patient record", "coverage.saved": "Insurance coverage", "coverage.removed":
    "Insurance coverage removed", "encounter.saved": "Visit", "encounter.finalized": "Visit finalized",
    "claim.created": "Claim", "claim.status_changed": "Claim status", "patient_payment.taken": "Payment at the desk",
    "patient_refund.made": "Refund", "user.added": "User", "eligibility.checked": "Eligibility check",
}


def event_words(event: str) -> str:
    if event in _EVENT_WORDS:
        return _EVENT_WORDS[event]
    if event.startswith("ledger.") and event.endswith("_posted"):
        return f"Ledger {event[len('ledger.'):-len('_posted')]}".replace("_", " ")
    return event.replace(".", " ").replace("_", " ").capitalize()


def review_items(ws: Workstation) -> list[ReviewItem]:
    """What the server refused from this workstation (a remittance another workstation had posted) and what
    this workstation could not take from the others, newest first."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        items = state.review_items(conn)
    out = []
    for i in items:
        if i.get("status") == protocol.DUPLICATE:
            kind = "Duplicate remittance" if "remittance" in str(i.get("message", "")) else "Duplicate"
        elif i.get("status") == protocol.CORRECTED:
            kind = "Paid twice"
        elif i.get("status") == protocol.MADE_TWICE:
            kind = "Made twice offline"
        elif i.get("status") == protocol.CLAIM_STATUS_KEPT:
            kind = "Claim status kept at the server"
        elif i.get("direction", "pushed") == "pushed":
            kind = "Refused by the server"
        else:
            kind = "Not applied here"
        event = str(i.get("event", ""))
        out.append(ReviewItem(str(i.get("change_id")), kind, event_words(event), event, str(i.get("entity", "")),
                              str(i.get("entity_id", "")), str(i.get("message", "")), str(i.get("at", ""))))
    return sorted(out, key=lambda r: r.at, reverse=True)


def dismiss_review_item(ws: Workstation, change_id: str) -> None:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.write() as conn:
        if not state.dismiss_review_item(conn, change_id):
            raise ServiceError("That item is no longer in the list.", "change_id")
        ws.audit(conn, AuditAction.CHANGE, "sync", change_id, {"op": "review_dismissed"})
