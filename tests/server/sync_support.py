"""Helpers for the convergence tests: workstations of one practice (each its own encrypted database and clock),
enrolled with the server on loopback, and what "equal to the server" means, compared table by table.

    office = Practice(tmp_path, practice, live_server.url, ca, code)
    a = office.workstation("front desk")            # set up, signed in, enrolled
    desk = make_desk(a.ws); a.sync()                # reference data made on one workstation
    b = office.workstation("billing", days_ahead=3) # its clock three days ahead; the first sync takes the snapshot
    assert_converged(live_server.db, [a, b])
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from front_desk_support import Desk
from sqlalchemy import func, select

from medbill_desktop.domain.practice import Practice
from medbill_desktop.services import setup, syncing, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.sync_apply import as_json
from medbill_desktop.storage import patients_store
from medbill_desktop.storage.tables import (
    claims,
    coverages,
    encounters,
    ledger_transactions,
    patients,
)
from medbill_desktop.storage.tables import (
    users as users_table,
)
from medbill_desktop.sync import state
from medbill_desktop.sync.client import ServerClient
from medbill_desktop.sync.runner import SyncReport

PASSWORD = "admin-pass-1"


class MovableClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Station:
    """One workstation of the practice."""

    name: str
    ws: Workstation
    clock: MovableClock
    office: Office
    reports: list[SyncReport] = field(default_factory=list)

    def sync(self, client: ServerClient | None = None, **options: Any) -> SyncReport:
        report = syncing.sync_now(self.ws, client, **options)
        self.reports.append(report)
        return report

    def desk(self, desk: Desk) -> Desk:
        """Another workstation's Desk (its payers and providers), working on this workstation."""
        return Desk(self.ws, desk.billing, desk.rendering, desk.medicare, desk.aetna, dict(desk.fees))

    def review(self) -> list[dict[str, Any]]:
        with self.ws.read() as conn:
            return state.review_items(conn)


@dataclass
class Office:
    folder: Path
    practice: Practice
    url: str
    ca: Path
    code: Any  # () -> a fresh enrolment code
    start: datetime = datetime(2026, 11, 2, 15, 0, tzinfo=UTC)
    stations: list[Station] = field(default_factory=list)

    def workstation(self, name: str, days_ahead: float = 0, enroll: bool = True) -> Station:
        clock = MovableClock(self.start + timedelta(days=days_ahead))
        ws = setup.create_workstation(self.folder / f"{name.replace(' ', '-')}.db", self.practice,
                                      admin_username="admin", admin_full_name="Ada Admin", admin_password=PASSWORD,
                                      clock=clock)
        users.sign_in(ws, "admin", PASSWORD)
        station = Station(name, ws, clock, self)
        if enroll:
            syncing.enroll(ws, self.url, self.code(), self.ca, name)
        self.stations.append(station)
        return station

    def close(self) -> None:
        for s in self.stations:
            s.ws.close()


# --- what is compared ----------------------------------------------------------------------------------------------

def patients_of(ws: Workstation) -> dict[str, Any]:
    with ws.read() as conn:
        ids = conn.execute(select(patients.c.id)).scalars().all()
        return {pid: as_json(patients_store.get_patient(conn, pid)) for pid in ids}


def coverages_of(ws: Workstation) -> dict[str, Any]:
    with ws.read() as conn:
        rows = conn.execute(select(coverages)).all()
        return {r.id: {**as_json(patients_store.coverage_from(r)), "removed": r.removed_at is not None}
                for r in rows}


def claim_statuses(ws: Workstation) -> dict[str, str]:
    with ws.read() as conn:
        return {r.id: r.status for r in conn.execute(select(claims.c.id, claims.c.status))}


def encounter_statuses(ws: Workstation) -> dict[str, str]:
    with ws.read() as conn:
        return {r.id: r.status for r in conn.execute(select(encounters.c.id, encounters.c.status))}


def ledger_totals(ws: Workstation) -> dict[str, Any]:
    with ws.read() as conn:
        return state.ledger_totals(conn)


def source_keys(ws: Workstation) -> list[str]:
    with ws.read() as conn:
        return [str(k) for k in conn.execute(select(ledger_transactions.c.source_key)
                                             .where(ledger_transactions.c.source_key.is_not(None))).scalars()]


def count(ws: Workstation, table: Any) -> int:
    with ws.read() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def usernames(ws: Workstation) -> list[str]:
    with ws.read() as conn:
        return sorted(conn.execute(select(users_table.c.username)).scalars())


def server_entities(db: Any, entity: str) -> dict[str, dict[str, Any]]:
    """The server's merged state of every entity of a kind (not deleted)."""
    rows = db.rows("SELECT entity_id, data FROM entity_state WHERE entity = %s AND NOT deleted", entity)
    return {r[0]: r[1] for r in rows}


def server_totals(db: Any) -> dict[str, Any]:
    tx = db.scalar("SELECT count(*) FROM ledger_transactions")
    rows = db.rows("SELECT account_code, count(*), sum(amount_cents) FROM ledger_postings GROUP BY account_code")
    accounts = {r[0]: {"postings": int(r[1]), "total_cents": int(r[2])} for r in rows}
    return {"transactions": int(tx), "postings": sum(a["postings"] for a in accounts.values()), "accounts": accounts}


def server_claim_statuses(db: Any) -> dict[str, str]:
    """Each claim's status by the server's change log, in its order: the claim's own events and the payment
    batches that moved it."""
    status: dict[str, str] = {}
    for event, entity_id, data in db.rows("SELECT event, entity_id, data FROM change_log ORDER BY seq"):
        if event == "claim.created":
            status[entity_id] = data["status"]
        elif event == "claim.status_changed":
            status[entity_id] = data["to"]
        elif event == "payment.batch_posted":
            for claim_id, _before, after in data.get("claim_status") or []:
                status[claim_id] = after
        elif event == "payment.batch_reversed":
            for c in data.get("claims") or []:
                status[c["claim_id"]] = c["to"]
    return status


def _normal(value: Any) -> Any:
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def assert_converged(db: Any, stations: list[Station]) -> None:
    """Every workstation equals the server: patients and coverages field by field, claim statuses, ledger counts
    and totals per account; no transaction (source key) twice anywhere."""
    server_patients = {pid: _normal(d) for pid, d in server_entities(db, "patient").items()}
    server_coverages = server_entities(db, "coverage")
    totals = server_totals(db)
    statuses = server_claim_statuses(db)
    keys = [r[0] for r in db.rows("SELECT source_key FROM ledger_transactions WHERE source_key IS NOT NULL")]
    assert len(keys) == len(set(keys))
    assert db.scalar("SELECT count(*) - count(DISTINCT change_id) FROM change_log") == 0
    for s in stations:
        mine = patients_of(s.ws)
        assert set(mine) == set(server_patients), s.name
        for pid, fields in server_patients.items():
            assert {k: mine[pid].get(k) for k in fields if k != "id"} == \
                {k: v for k, v in fields.items() if k != "id"}, (s.name, pid)
        covs = coverages_of(s.ws)
        current = {cid for cid, c in covs.items() if not c["removed"]}
        assert current == set(server_coverages), s.name
        for cid, fields in server_coverages.items():
            assert {k: covs[cid].get(k) for k in fields if k != "id"} == \
                {k: v for k, v in _normal(fields).items() if k != "id"}, (s.name, cid)
        assert claim_statuses(s.ws) == statuses, s.name
        mine_totals = ledger_totals(s.ws)
        assert mine_totals == totals, (s.name, mine_totals, totals)
        mine_keys = source_keys(s.ws)
        assert not [k for k, n in Counter(mine_keys).items() if n > 1], s.name
        assert sorted(mine_keys) == sorted(keys), s.name
        assert s.reports[-1].totals_match, (s.name, s.reports[-1].differences)
        assert s.reports[-1].pending == 0, s.name
    first = stations[0]
    for s in stations[1:]:
        assert encounter_statuses(s.ws) == encounter_statuses(first.ws), s.name
