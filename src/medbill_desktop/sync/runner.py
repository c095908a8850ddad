"""One sync, as DESIGN §7 orders it: push everything in the outbox, pull to the server's high-water mark,
then compare ledger counts and totals per account with the server. Also enrolment.

Works on the workstation's SQLAlchemy engine and a ServerClient; no Qt (the GUI runs this through its op runner).
Pulled changes go to an `applier` inside the same SQLite transaction that moves the cursor, so a page is
either applied and remembered or neither.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from medbill_desktop.sync import protocol, state
from medbill_desktop.sync.client import ServerClient, SyncError

Applier = Callable[[Connection, list[dict[str, Any]]], None]
"""Applies pulled changes to this workstation's tables: all of them, in server order (this workstation's own come
back too, with its device id as `origin_device`: the applier decides what they change)."""

SnapshotApplier = Callable[[Connection, list[dict[str, Any]]], None]
"""Applies a snapshot's items ({entity, entity_id, data, last_seq, field_seq}) to a new workstation's tables."""

Enrolled = Callable[[Connection, dict[str, Any]], None]
"""Takes the server's enrolment reply (device_id, practice_id, prefix) in the transaction that records it."""

ClaimsRestorer = Callable[[Connection, list[dict[str, Any]]], Any]
"""Puts claims back to the server's state, as push replies carry it for claim status changes the server refused
(protocol.SERVER_CLAIMS_KEY; each item also has the change_id and the message), in the transaction that records
the push results."""

CorrectionsApplier = Callable[[Connection, list[dict[str, Any]]], Any]
"""Posts the corrections a push reply carries (a receivable this workstation's payment took below zero at the
server), in the transaction that records the push results. Each item is the pushed change (change_id, entity,
entity_id, event) with data {corrections: [...]}."""

# Set-up events of a workstation that joins a practice already on the server: the practice's record and settings
# are the server's, not what was typed at this workstation's first run.
JOINING_DROPS = ("practice.saved", "settings.changed")


def no_applier(conn: Connection, changes: list[dict[str, Any]]) -> None:
    """Pulled changes only move the cursor (the benchmark's pull; a server-only check)."""


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class SyncReport:
    pushed: int = 0
    applied: int = 0
    repeated: int = 0
    duplicates: list[dict[str, Any]] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    pulled: int = 0
    pulled_from_others: int = 0
    cursor: int = 0
    high_water: int = 0
    conflicts: int = 0
    totals_match: bool = False
    differences: list[str] = field(default_factory=list)
    pending: int = 0
    snapshot_items: int = 0
    corrections: int = 0  # corrections the server attached to this workstation's pushed changes
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def enroll(engine: Engine, server_url: str, code: str, ca_file: str | Path, device_name: str | None = None,
           client: ServerClient | None = None, enrolled: Enrolled | None = None) -> state.ServerConfig:
    """Enrol this workstation with a one-time code; the device token goes to the keyring. `enrolled` gets the
    server's reply in the transaction that records the enrolment (services.syncing takes the number prefix the
    server gave this workstation)."""
    name = device_name or socket.gethostname()
    own = client is None
    client = client or ServerClient(server_url, ca_file)
    try:
        reply = client.enroll(code, name)
    finally:
        if own:
            client.close()
    config = state.ServerConfig(url=server_url, ca_file=str(Path(ca_file).resolve()), device_id=reply["device_id"],
                                device_name=name, practice_id=reply["practice_id"], enrolled_at=_now())
    with engine.begin() as conn:
        state.save_server_config(conn, config)
        state.save_device_token(conn, config.device_id, reply["device_token"])
        if enrolled is not None:
            enrolled(conn, reply)
    return config


def client_for(engine: Engine, **options: Any) -> ServerClient:
    """A client for the server this workstation is enrolled with, holding its device credentials."""
    with engine.connect() as conn:
        config = state.server_config(conn)
        token = state.load_device_token(conn, config.device_id) if config else None
    if config is None:
        raise SyncError("This workstation is not enrolled with a practice server (medbill enroll).")
    if token is None:
        raise SyncError("This workstation's device token is missing from the keyring; enrol it again.")
    client = ServerClient(config.url, config.ca_file, **options)
    client.use_device(config.device_id, token)
    return client


def push_outbox(engine: Engine, client: ServerClient, device_id: str, report: SyncReport,
                batch_size: int = protocol.PUSH_BATCH_SIZE, corrections: CorrectionsApplier | None = None,
                claims: ClaimsRestorer | None = None) -> None:
    with engine.connect() as conn:
        base_seq = state.cursor(conn)
    after = 0
    while True:
        with engine.connect() as conn:
            rows = state.pending(conn, batch_size, after)
        if not rows:
            return
        after = rows[-1]["seq"]
        changes = [{k: v for k, v in row.items() if k != "seq"} for row in rows]
        ids = [c["change_id"] for c in changes]
        reply = client.push(protocol.batch_id_for(ids), base_seq, changes)
        by_id = {c["change_id"]: c for c in changes}
        finished = [r for r in reply.get("results", []) if r.get("change_id") in by_id
                    and r.get("status") in protocol.FINAL_STATUSES]
        review = []
        fixes = [{"change_id": r["change_id"], "entity": by_id[r["change_id"]]["entity"],
                  "entity_id": by_id[r["change_id"]]["entity_id"], "event": by_id[r["change_id"]]["event"],
                  "seq": r.get("seq"), "origin_device": device_id,
                  "data": {protocol.CORRECTIONS_KEY: r[protocol.CORRECTIONS_KEY]}}
                 for r in finished if r.get(protocol.CORRECTIONS_KEY)]
        report.corrections += sum(len(f["data"][protocol.CORRECTIONS_KEY]) for f in fixes)
        restore = [{**claim, "change_id": r["change_id"], "message": r.get("message", "")}
                   for r in finished for claim in r.get(protocol.SERVER_CLAIMS_KEY) or []]
        for r in finished:
            report.pushed += 1
            report.repeated += bool(r.get("repeated"))
            if r["status"] == protocol.APPLIED:
                report.applied += 1
                continue
            change = by_id[r["change_id"]]
            item = {"change_id": r["change_id"], "status": r["status"], "message": r.get("message", ""),
                    "duplicate_of": r.get("duplicate_of"), "entity": change["entity"],
                    "entity_id": change["entity_id"], "event": change["event"], "at": _now(),
                    "direction": "pushed"}
            (report.duplicates if r["status"] == protocol.DUPLICATE else report.rejected).append(item)
            review.append(item)
        report.conflicts += int(reply.get("conflicts", 0))
        with engine.begin() as conn:
            if fixes and corrections is not None:  # before anything is pulled: they raise what it will credit
                corrections(conn, fixes)
            if restore and claims is not None:  # claim status changes the server refused: its status again
                claims(conn, restore)
            marked = state.mark_sent(conn, [r["change_id"] for r in finished], _now())
            state.add_review_items(conn, review)
        if marked == 0:
            raise SyncError("The server's reply to a push named none of the changes sent; stopped so as not to "
                            "send them again and again.")


def pull_changes(engine: Engine, client: ServerClient, device_id: str, report: SyncReport, applier: Applier,
                 page_size: int = protocol.PULL_PAGE_SIZE) -> None:
    with engine.connect() as conn:
        since = state.cursor(conn)
    while True:
        page = client.pull(since, page_size)
        changes = page["changes"]
        expected = since + 1
        for change in changes:  # the server's sequence has no gaps: a gap means something is badly wrong
            if change["seq"] != expected:
                raise SyncError(f"The server sent change {change['seq']} where {expected} was expected; "
                                "nothing after it was applied.")
            expected += 1
        report.high_water = int(page["high_water"])
        if since > report.high_water:
            raise SyncError(f"This workstation has seen changes up to {since} but the server only has "
                            f"{report.high_water}: was the server restored from an older backup? Sync stopped.")
        others = [c for c in changes if c["origin_device"] != device_id]
        with engine.begin() as conn:
            if changes:
                applier(conn, changes)
            state.set_cursor(conn, int(page["next"]))
        report.pulled += len(changes)
        report.pulled_from_others += len(others)
        since = int(page["next"])
        report.cursor = since
        if not page["more"] or not changes:
            return


def load_snapshot(engine: Engine, client: ServerClient, applier: SnapshotApplier, report: SyncReport,
                  page_size: int = 5000) -> int:
    """A new workstation's first set-up: read the server's snapshot page by page, apply it in one transaction and
    set the cursor to the high-water mark the snapshot began at (pulling from there re-applies anything that
    changed while it was read; the appliers are idempotent). Returns the number of items."""
    items: list[dict[str, Any]] = []
    after = ("", "")
    high_water: int | None = None
    while True:
        page = client.snapshot(*after, limit=page_size)
        if high_water is None:
            high_water = int(page["high_water"])
        items.extend(page["items"])
        if page["next"] is None:
            break
        after = (page["next"]["after_entity"], page["next"]["after_id"])
    assert high_water is not None
    with engine.begin() as conn:
        if high_water > 0:  # joining a practice already on the server: its record and settings are the server's
            dropped = [r["change_id"] for r in state.pending(conn, 1_000_000) if r["event"] in JOINING_DROPS]
            state.mark_sent(conn, dropped, _now())
        applier(conn, items)
        state.set_cursor(conn, high_water)
        state.set_snapshot(conn, {"at": _now(), "high_water": high_water, "items": len(items)})
    report.snapshot_items = len(items)
    report.cursor = high_water
    return len(items)


def sync_once(engine: Engine, client: ServerClient | None = None, applier: Applier = no_applier,
              batch_size: int = protocol.PUSH_BATCH_SIZE, page_size: int = protocol.PULL_PAGE_SIZE,
              snapshot_applier: SnapshotApplier | None = None,
              corrections: CorrectionsApplier | None = None, claims: ClaimsRestorer | None = None) -> SyncReport:
    """Push, pull, compare totals; the report says what happened. The last sync is recorded in the database.
    With a `snapshot_applier`, a workstation that has never pulled takes the server's snapshot first; with
    `corrections`, the corrections a push reply carries are posted as the push results are recorded; with
    `claims`, claims whose status change the server refused are put back to the server's status."""
    started = time.perf_counter()
    with engine.connect() as conn:
        config = state.server_config(conn)
        first = state.cursor(conn) == 0 and state.snapshot_seq(conn) is None
    if config is None:
        raise SyncError("This workstation is not enrolled with a practice server (medbill enroll).")
    own = client is None
    client = client or client_for(engine)
    report = SyncReport()
    try:
        if first and snapshot_applier is not None:
            load_snapshot(engine, client, snapshot_applier, report)
        push_outbox(engine, client, config.device_id, report, batch_size, corrections, claims)
        pull_changes(engine, client, config.device_id, report, applier, page_size)
        for _ in range(3):  # others may push while we compare: catch up and compare again
            server = client.totals()
            if int(server["high_water"]) <= report.cursor:
                break
            pull_changes(engine, client, config.device_id, report, applier, page_size)
        with engine.connect() as conn:
            local = state.ledger_totals(conn)
            report.pending = state.pending_count(conn)
        report.differences = protocol.totals_differences(local, server)
        report.totals_match = not report.differences
    finally:
        if own:
            client.close()
    report.seconds = round(time.perf_counter() - started, 3)
    with engine.begin() as conn:
        state.set_last_sync(conn, {"at": _now(), "cursor": report.cursor, "high_water": report.high_water,
                                   "totals_match": report.totals_match, "pushed": report.pushed,
                                   "pulled": report.pulled, "differences": report.differences[:20]})
    return report
