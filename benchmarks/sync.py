"""Sync benchmark: `medbill-server serve` (its own process) on a throwaway PostgreSQL, over TLS on loopback, and
real encrypted workstation databases.

  push      --changes outbox rows on workstation A (10 % patients registered, 70 % edits of them, 20 % balanced
            charges to their accounts, written with storage.outbox.add as the services would) pushed by
            sync.runner.push_outbox in batches of 500; target <= 5 s for 10,000.
  pull      workstation B pulls the same --changes (sync.runner.pull_changes, the cursor stored per page) without
            applying them; target <= 1 s for 10,000. `pull_apply_seconds`: workstation C pulls them and applies
            them to its tables (services.sync_apply, one savepoint per change) - not a target, for reference.
  empty     a whole sync (services.syncing.sync_now: outbox query, pull, totals, comparison) with nothing to push
            or pull, median of --empty runs; target <= 200 ms.
  snapshot  --snapshot-rows patient rows (put straight into entity_state with SQL: how they got there does not
            matter here) read page by page through GET /v1/snapshot (`snapshot_seconds`), and a new workstation's
            whole first set-up: read and applied to its tables in one transaction (sync.runner.load_snapshot with
            services.sync_apply.apply_snapshot, `snapshot_apply_seconds`); target <= 30 s for 100,000.

The cluster runs with fsync off (it is thrown away); a practice's server would not, which costs pushes more.

    .venv/bin/python benchmarks/sync.py [--changes 10000] [--snapshot-rows 100000] [--empty 20]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backend
import psycopg
from sqlalchemy import func, select

from medbill_desktop.domain.patients import Patient
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.server import db, store
from medbill_desktop.server.certs import make_certs
from medbill_desktop.server.localpg import LocalPostgres, free_port
from medbill_desktop.services import setup, syncing, users
from medbill_desktop.services.sync_apply import as_json
from medbill_desktop.storage import outbox
from medbill_desktop.storage.tables import patients
from medbill_desktop.sync import runner, state
from medbill_desktop.sync.client import practice_ssl_context
from medbill_desktop.sync.runner import SyncReport

PRACTICE = "bench"


class _Keyring(keyring.backend.KeyringBackend):
    priority = 10  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


def _workstation(folder: Path, name: str) -> setup.Workstation:
    practice = Practice(name="Bench Clinic", npi="1234567893", tax_id="12-3456789", taxonomy="207Q00000X",
                        address=Address("12 Main St", "Springfield", "IL", "62701"), phone="(217) 555-0100")
    ws = setup.create_workstation(folder / f"{name}.db", practice, admin_username="admin",
                                  admin_full_name="Bench Admin", admin_password="bench-pass-1",
                                  clock=lambda: datetime.now(UTC))
    users.sign_in(ws, "admin", "bench-pass-1")
    return ws


def _fill_outbox(ws: setup.Workstation, count: int) -> None:
    at = ws.now_iso()
    people = max(1, count // 10)
    with ws.write() as conn:
        for i in range(count):
            if i < people:
                patient = Patient(f"Name{'abcdefghij'[i % 10]}", "Pat", date(1980, 5, 17), home_phone="(217) 555-0100",
                                  account_number=f"BEN{i:06d}", id=f"patient-{i:06d}",
                                  address=Address(f"{i} Main St", "Springfield", "IL", "62701"))
                outbox.add(conn, at=at, event="patient.registered", entity="patient", entity_id=patient.id,
                           payload=as_json(patient))
            elif i % 5 == 4:
                cents = 1000 + i
                outbox.add(conn, at=at, event="ledger.charge_posted", entity="ledger_transaction",
                           entity_id=f"tx-{i:06d}", payload={
                               "kind": "charge", "occurred_on": date(2026, 11, 2).isoformat(), "memo": "",
                               "source_key": None, "reverses": None, "postings": [
                                   {"kind": "receivable", "ref": f"line-{i}:patient",
                                    "patient_account": f"BEN{i % people:06d}", "amount_cents": cents},
                                   {"kind": "gross_charges", "ref": "all", "patient_account": None,
                                    "amount_cents": -cents}]})
            else:
                outbox.add(conn, at=at, event="patient.updated", entity="patient",
                           entity_id=f"patient-{i % people:06d}",
                           payload={"home_phone": f"217555{i % 10000:04d}", "email": f"p{i}@example.org"})


def _serve(database_url: str, certs_dir: Path) -> tuple[subprocess.Popen[bytes], str]:
    """`medbill-server serve` in its own process, as a practice would run it."""
    port = free_port()
    env = dict(os.environ, MEDBILL_SERVER_DATABASE_URL=database_url, MEDBILL_SERVER_PRACTICE_ID=PRACTICE)
    process = subprocess.Popen([sys.executable, "-m", "medbill_desktop.server.cli", "serve", "--certs", str(certs_dir),
                                "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"], env=env)
    url = f"https://127.0.0.1:{port}"
    context = practice_ssl_context(certs_dir / "ca.pem")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"{url}/v1/health", verify=context, timeout=2).raise_for_status()
            return process, url
        except httpx.HTTPError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("medbill-server serve did not start")


def _seed_snapshot(url: str, device_id: str, rows: int) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO entity_state (practice_id, entity, entity_id, data, field_seq, deleted, last_seq) "
            "SELECT %s, 'patient', 'snap-' || lpad(g::text, 7, '0'), "
            "jsonb_build_object('last_name', 'Name' || chr(65 + g %% 26), 'first_name', 'Pat', "
            "'home_phone', '2175550100', 'date_of_birth', '1980-05-17', 'sex', 'U', "
            "'account_number', 'SNP' || lpad(g::text, 7, '0'), 'address', jsonb_build_object('line1', g || ' Main St', "
            "'line2', '', 'city', 'Springfield', 'state', 'IL', 'zip_code', '62701')), "
            "jsonb_build_object('last_name', jsonb_build_array(1, %s::text)), false, 1 "
            "FROM generate_series(1, %s) AS g", (PRACTICE, device_id, rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--snapshot-rows", type=int, default=100_000)
    parser.add_argument("--empty", type=int, default=20)
    args = parser.parse_args()
    keyring.set_keyring(_Keyring())
    os.environ.pop("MEDBILL_DB_PASSPHRASE", None)
    results: dict[str, Any] = {"python": sys.version.split()[0], "machine": platform.machine(),
                               "cpus": os.cpu_count(), "changes": args.changes,
                               "load_average_at_start": round(os.getloadavg()[0], 2)}
    with tempfile.TemporaryDirectory(prefix="medbill-sync-bench-") as tmp, LocalPostgres() as pg:
        folder = Path(tmp)
        db.migrate(pg.url, PRACTICE)
        certs = make_certs(folder / "certs", "Bench Clinic", ["127.0.0.1"])
        server, url = _serve(pg.url, certs.ca_cert.parent)
        try:
            with psycopg.connect(pg.url, autocommit=True) as conn:
                codes = [store.create_enroll_code(conn, PRACTICE)[0] for _ in range(4)]
            a, b, c = _workstation(folder, "a"), _workstation(folder, "b"), _workstation(folder, "c")
            config_a = runner.enroll(a.db.engine, url, codes[0], certs.ca_cert, "A")
            config_b = runner.enroll(b.db.engine, url, codes[1], certs.ca_cert, "B")
            config_c = runner.enroll(c.db.engine, url, codes[2], certs.ca_cert, "C")
            for ws in (b, c):
                syncing.sync_now(ws)  # their own set-up events, out of the way
            _fill_outbox(a, args.changes)

            with runner.client_for(a.db.engine) as client:
                client.totals()  # the access token, and the TLS connection, before the clock starts
                report = SyncReport()
                started = time.perf_counter()
                runner.push_outbox(a.db.engine, client, config_a.device_id, report)
                results["push_seconds"] = round(time.perf_counter() - started, 3)
                results["pushed"] = report.pushed
                assert report.applied == report.pushed >= args.changes, report

            with runner.client_for(b.db.engine) as client:
                client.totals()
                report = SyncReport()
                started = time.perf_counter()
                runner.pull_changes(b.db.engine, client, config_b.device_id, report, runner.no_applier)
                results["pull_seconds"] = round(time.perf_counter() - started, 3)
                results["pulled"] = report.pulled

            with runner.client_for(c.db.engine) as client:
                client.totals()
                report = SyncReport()
                started = time.perf_counter()
                runner.pull_changes(c.db.engine, client, config_c.device_id, report, syncing.applier(c))
                results["pull_apply_seconds"] = round(time.perf_counter() - started, 3)
                with c.read() as conn:
                    results["pull_apply_not_applied"] = len(state.review_items(conn))

            with runner.client_for(a.db.engine) as client:
                syncing.sync_now(a, client)  # A catches up with the others' set-up events
                samples = []
                for _ in range(args.empty):
                    started = time.perf_counter()
                    nothing = syncing.sync_now(a, client)
                    samples.append(time.perf_counter() - started)
                    # (the totals differ: the ledger events were written to the outbox without ledger rows)
                    assert nothing.pushed == nothing.pulled == 0, nothing
                results["empty_sync_ms"] = {"median": round(statistics.median(samples) * 1000, 1),
                                            "max": round(max(samples) * 1000, 1)}

                if args.snapshot_rows:
                    _seed_snapshot(pg.url, config_a.device_id, args.snapshot_rows)
                    started = time.perf_counter()
                    count, after, pages = 0, ("", ""), 0
                    while True:
                        page = client.snapshot(*after, limit=5000)
                        count += len(page["items"])
                        pages += 1
                        if page["next"] is None:
                            break
                        after = (page["next"]["after_entity"], page["next"]["after_id"])
                    results["snapshot_seconds"] = round(time.perf_counter() - started, 3)
                    results["snapshot_rows"] = count
                    results["snapshot_pages"] = pages

                    d = _workstation(folder, "d")  # a new workstation's first set-up: read and apply
                    runner.enroll(d.db.engine, url, codes[3], certs.ca_cert, "D")
                    with runner.client_for(d.db.engine) as fresh:
                        fresh.totals()
                        started = time.perf_counter()
                        applied = runner.load_snapshot(d.db.engine, fresh, syncing.snapshot_applier, SyncReport())
                        results["snapshot_apply_seconds"] = round(time.perf_counter() - started, 3)
                    with d.read() as conn:
                        results["snapshot_applied_patients"] = int(conn.execute(
                            select(func.count()).select_from(patients)).scalar_one())
                        results["snapshot_not_applied"] = len(state.review_items(conn))
                    results["snapshot_items"] = applied
                    d.close()
            for ws in (a, b, c):
                ws.close()
        finally:
            server.terminate()
            server.wait(30)
    results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    results["targets"] = {"push_seconds": 5.0, "pull_seconds": 1.0, "empty_sync_ms": 200,
                          "snapshot_apply_seconds": 30.0}
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
