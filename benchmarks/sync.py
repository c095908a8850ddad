"""Sync benchmark: `medbill-server serve` (its own process) on a throwaway PostgreSQL, over TLS on loopback, and
real encrypted workstation databases. Each phase is timed (wall) and its CPU time measured on each side: this
process (the workstation), the server process and PostgreSQL (the cluster's processes, from /proc).

  push      --changes outbox rows on workstation A (10 % patients registered, 70 % edits of them, 20 % balanced
            charges to their accounts, written with storage.outbox.add as the services would) pushed by
            sync.runner.push_outbox in batches of 500; target <= 5 s for 10,000.
  pull      workstation B pulls the same --changes (sync.runner.pull_changes, the cursor stored per page) without
            applying them; target <= 1 s for 10,000. `pull_apply_seconds`: workstation C pulls them and applies
            them to its tables (services.sync_apply, one savepoint per change) - not a target, for reference.
  empty     a whole sync (services.syncing.sync_now: outbox query, pull, totals, comparison) with nothing to push
            or pull, median of --empty runs; target <= 200 ms.
  snapshot  --snapshot-rows patient rows (put straight into entity_state with SQL, as a push of patient.registered
            leaves them) read page by page through GET /v1/snapshot (`snapshot_seconds`), and a new workstation's
            whole first set-up: read and applied to its tables in one transaction (sync.runner.load_snapshot with
            services.sync_apply.apply_snapshot, `snapshot_apply_seconds`); target <= 30 s for 100,000.
  practice  the same first set-up from a practice's snapshot of --practice-rows items of every kind: the demo
            practice (services.demo: 40 patients, 100 visits, claims, remittances, patient payments) made through
            the services and pushed to a server of its own, its history copied in entity_state with ids and
            numbers of its own until the snapshot is that big (`practice_snapshot_apply_seconds`; what went in
            in bulk and what through the appliers, by entity, under `practice_snapshot`).

The cluster runs with fsync off (it is thrown away); a practice's server would not, which costs pushes more.
Each figure is printed with its target on stderr; the JSON on stdout is what benchmarks/results keeps.

    .venv/bin/python benchmarks/sync.py [--changes 10000] [--snapshot-rows 100000] [--practice-rows 100000]
                                        [--empty 20] [--profile DIR] > results.json
"""
from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
import keyring
import keyring.backend
import psycopg
from psycopg.types.json import Jsonb
from sqlalchemy import func, select

from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.patients import Patient
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.server import db, store
from medbill_desktop.server.certs import make_certs
from medbill_desktop.server.localpg import LocalPostgres, free_port
from medbill_desktop.services import demo, setup, sync_apply, syncing, users
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
                           entity_id=new_id(), payload={  # (UUIDv7, as the ledger service names them)
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


def _serve(database_url: str, certs_dir: Path, practice: str = PRACTICE) -> tuple[subprocess.Popen[bytes], str]:
    """`medbill-server serve` in its own process, as a practice would run it."""
    port = free_port()
    env = dict(os.environ, MEDBILL_SERVER_DATABASE_URL=database_url, MEDBILL_SERVER_PRACTICE_ID=practice)
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


_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_of(pid: int, children: bool = False) -> float:
    """CPU seconds (user + system) of a process from /proc (with `children`: also of its children that ended)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    ticks = int(fields[11]) + int(fields[12]) + ((int(fields[13]) + int(fields[14])) if children else 0)
    return ticks / _TICKS


class Meter:
    """Wall time and CPU time of one phase, on each side: this process (the workstation), the server process,
    and the PostgreSQL cluster (the postmaster, its live backends and those that ended)."""

    def __init__(self, server_pid: int, pg_data: Path) -> None:
        self.server_pid = server_pid
        self.postmaster = int((pg_data / "postmaster.pid").read_text().split()[0])

    def _postgres_cpu(self) -> float:
        total = _cpu_of(self.postmaster, children=True)
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                except (OSError, IndexError, ValueError):
                    continue
                if parent == self.postmaster:
                    total += _cpu_of(int(entry.name))
        return total

    def _now(self) -> tuple[float, float, float, float]:
        return (time.perf_counter(), time.process_time(), _cpu_of(self.server_pid), self._postgres_cpu())

    def start(self) -> None:
        self._started = self._now()

    def stop(self) -> dict[str, float]:
        end = self._now()
        wall, ws, server, pg = (b - a for a, b in zip(self._started, end, strict=True))
        return {"wall_seconds": round(wall, 3), "workstation_cpu_seconds": round(ws, 3),
                "server_cpu_seconds": round(server, 3), "postgres_cpu_seconds": round(pg, 3)}


def _seed_snapshot(url: str, device_id: str, rows: int) -> None:
    """Patients as a push of patient.registered leaves them: every field set by that one change."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(
            "INSERT INTO entity_state (practice_id, entity, entity_id, data, field_seq, deleted, last_seq) "
            "SELECT %s, 'patient', 'snap-' || lpad(g::text, 7, '0'), data, "
            "(SELECT jsonb_object_agg(k, jsonb_build_array(1, %s::text)) FROM jsonb_object_keys(data) AS k), false, 1 "
            "FROM (SELECT g, jsonb_build_object('last_name', 'Name' || chr(65 + g %% 26), 'first_name', 'Pat', "
            "'home_phone', '2175550100', 'date_of_birth', '1980-05-17', 'sex', 'U', "
            "'account_number', 'SNP' || lpad(g::text, 7, '0'), 'address', jsonb_build_object('line1', g || ' Main St', "
            "'line2', '', 'city', 'Springfield', 'state', 'IL', 'zip_code', '62701')) AS data "
            "FROM generate_series(1, %s) AS g) AS seeded", (PRACTICE, device_id, rows))


# What a practice's snapshot holds once (its set-up and reference data); everything else is its history.
REFERENCE_KINDS = frozenset({"practice", "settings", "user", "payer", "provider", "referring_provider", "facility",
                             "fee_schedule", "fee", "allowed_amount", "clearinghouse", "calibration_profile", "codes"})
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def _copy_prefix(n: int) -> str:
    """A workstation number prefix of its own for each copy of the demo practice's history (QAA, QAB ...)."""
    return "Q" + chr(65 + n // 26 % 26) + chr(65 + n % 26)


def _own_keys(value: Any, prefix: str) -> Any:
    """Every source key made the copy's own (a remittance's: payer, check and date would be the same in each)."""
    if isinstance(value, dict):
        return {k: f"{v}~{prefix}" if k == "source_key" and isinstance(v, str) else _own_keys(v, prefix)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_own_keys(v, prefix) for v in value]
    return value


def _grow_practice(url: str, practice: str, rows: int) -> dict[str, int]:
    """Copies of the practice's history (every entity but its reference data) in entity_state, each with ids and
    human numbers of its own, until the snapshot has about `rows` items. Returns the items by entity.

    Copy n is the history again, later: its UUIDv7 ids n spans of the history's ids later (a practice's ids grow
    with time, and so the indexes they are in), its seqs n spans of the seqs later; other ids (derived ones) are
    new ids, the practice's numbers get a prefix of their own (QAA...) and remittances source keys of their own."""
    with psycopg.connect(url, autocommit=True) as conn:
        found = conn.execute("SELECT entity, entity_id, data, field_seq, last_seq FROM entity_state "
                             "WHERE practice_id = %s AND NOT deleted", (practice,)).fetchall()
        reference = [r for r in found if r[0] in REFERENCE_KINDS]
        history = [r for r in found if r[0] not in REFERENCE_KINDS]
        kept = {r[1] for r in reference} | {u for r in reference for u in _UUID.findall(json.dumps(r[2]))}
        account = next(r[2]["account_number"] for r in history if r[0] == "patient")
        number = re.compile(rf"\b{re.escape(account[:-6])}(\d{{6}})\b")
        texts = [(entity, json.dumps([entity_id, data, field_seq]), last_seq)
                 for entity, entity_id, data, field_seq, last_seq in history]
        stamps = [int(u[:8] + u[9:13], 16) for _, text, _ in texts for u in _UUID.findall(text) if u[14] == "7"]
        id_span = max(stamps, default=0) - min(stamps, default=0) + 1000  # milliseconds
        seq_span = store.high_water(conn, practice) + 1
        copies = max(0, -(-(rows - len(found)) // max(1, len(history))))
        with conn.cursor() as cur, cur.copy("COPY entity_state (practice_id, entity, entity_id, data, field_seq, "
                                            "deleted, last_seq) FROM STDIN") as copy:
            for n in range(1, copies + 1):
                ids: dict[str, str] = {}

                def new(match: re.Match[str], n: int = n, ids: dict[str, str] = ids) -> str:
                    old = match.group(0)
                    if old in kept:
                        return old
                    if old not in ids:
                        if old[14] == "7":
                            stamp = f"{int(old[:8] + old[9:13], 16) + n * id_span:012x}"
                            ids[old] = f"{stamp[:8]}-{stamp[8:]}{old[13:]}"
                        else:
                            ids[old] = str(uuid.uuid5(uuid.NAMESPACE_OID, f"{n}/{old}"))
                    return ids[old]
                prefix = _copy_prefix(n)
                for entity, text, last_seq in texts:
                    entity_id, data, field_seq = json.loads(number.sub(rf"{prefix}\1", _UUID.sub(new, text)))
                    field_seq = {k: [v[0] + n * seq_span, *v[1:]] for k, v in field_seq.items()}
                    copy.write_row((practice, entity, entity_id, Jsonb(_own_keys(data, prefix)), Jsonb(field_seq),
                                    False, last_seq + n * seq_span))
        conn.execute("UPDATE practice_clock SET last_seq = %s WHERE practice_id = %s",
                     ((copies + 1) * seq_span, practice))
        conn.execute("ANALYZE entity_state")
        return {r[0]: int(r[1]) for r in conn.execute(
            "SELECT entity, count(*) FROM entity_state WHERE practice_id = %s AND NOT deleted GROUP BY entity "
            "ORDER BY 2 DESC", (practice,))}


def _practice_snapshot(pg: LocalPostgres, folder: Path, certs: Any, rows: int, measure: Any) -> dict[str, Any]:
    """A new workstation's first set-up from a practice's snapshot of about `rows` items of every kind: the demo
    practice (services.demo, through the real services) pushed to a server of its own, its history copied."""
    practice = "mix"
    with psycopg.connect(pg.admin_url(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE mix")
    url = pg.admin_url("mix")
    db.migrate(url, practice)
    server, server_url = _serve(url, certs.ca_cert.parent, practice)
    out: dict[str, Any] = {}
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            codes = [store.create_enroll_code(conn, practice)[0] for _ in range(2)]
        started = time.perf_counter()
        source = demo.create_demo(folder / "demo.db", clock=lambda: datetime.now(UTC), patients=40, encounters=100)
        users.sign_in(source, "manager", demo.DEMO_PASSWORD)
        runner.enroll(source.db.engine, server_url, codes[0], certs.ca_cert, "demo")
        syncing.sync_now(source)
        source.close()
        out["kinds"] = _grow_practice(url, practice, rows)
        out["setup_seconds"] = round(time.perf_counter() - started, 1)
        fresh = _workstation(folder, "e")
        runner.enroll(fresh.db.engine, server_url, codes[1], certs.ca_cert, "E")
        reports: list[sync_apply.ApplyReport] = []
        with runner.client_for(fresh.db.engine) as client:
            client.totals()
            with measure("practice_snapshot_apply", Meter(server.pid, pg.data_dir)):
                out["items"] = runner.load_snapshot(
                    fresh.db.engine, client, lambda conn, items: reports.append(sync_apply.apply_snapshot(conn, items)),
                    SyncReport())
        out["in_bulk"] = reports[0].in_bulk
        out["through_the_appliers"] = out["items"] - sum(reports[0].in_bulk.values())
        with fresh.read() as conn:
            out["not_applied"] = len(state.review_items(conn))
        fresh.close()
    finally:
        server.terminate()
        server.wait(30)
    return out


def _summary(results: dict[str, Any]) -> str:
    """Each phase's wall time with its target (the issue's, for its sizes), and the CPU time on each side."""
    changes, rows = results["changes"], results.get("snapshot_items", 0)
    practice = results.get("practice_snapshot", {}).get("items", 0)
    targets = {"push": (f"push {changes:,} changes", 5.0), "pull": (f"pull {changes:,} changes", 1.0),
               "pull_apply": (f"pull {changes:,} changes and apply them", None),
               "empty": ("a sync with nothing to do (median)", 0.2),
               "snapshot_download": (f"first snapshot of {rows:,} patient rows: download only", None),
               "snapshot_apply": (f"first snapshot of {rows:,} patient rows: download and apply", 30.0),
               "practice_snapshot_apply": (f"first snapshot of a practice's {practice:,} rows of every kind", 30.0)}
    lines = []
    for name, figures in results["phases"].items():
        what, target = targets.get(name, (name.replace("_", " "), None))
        wall = results["empty_sync_ms"]["median"] / 1000 if name == "empty" else figures["wall_seconds"]
        verdict = "" if target is None else f"  target {target:g} s: {'met' if wall <= target else 'NOT MET'}"
        lines.append(f"{what:<62} {wall:7.3f} s{verdict}\n{'':<62} CPU: workstation "
                     f"{figures['workstation_cpu_seconds']:.2f} s, server {figures['server_cpu_seconds']:.2f} s, "
                     f"PostgreSQL {figures['postgres_cpu_seconds']:.2f} s (wall {figures['wall_seconds']:.2f} s)")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--changes", type=int, default=10_000)
    parser.add_argument("--snapshot-rows", type=int, default=100_000)
    parser.add_argument("--practice-rows", type=int, default=100_000)
    parser.add_argument("--empty", type=int, default=20)
    parser.add_argument("--profile", metavar="DIR", help="write a cProfile of the workstation side of each phase")
    args = parser.parse_args()
    keyring.set_keyring(_Keyring())
    os.environ.pop("MEDBILL_DB_PASSPHRASE", None)
    results: dict[str, Any] = {"python": sys.version.split()[0], "machine": platform.machine(),
                               "cpus": os.cpu_count(), "changes": args.changes,
                               "load_average_at_start": round(os.getloadavg()[0], 2)}
    phases: dict[str, dict[str, float]] = {}
    profiles = Path(args.profile) if args.profile else None

    @contextlib.contextmanager
    def measure(name: str, meter: Meter) -> Iterator[None]:
        profiler = cProfile.Profile() if profiles else None
        meter.start()
        if profiler:
            profiler.enable()
        try:
            yield
        finally:
            if profiler and profiles:
                profiler.disable()
                profiles.mkdir(parents=True, exist_ok=True)
                profiler.dump_stats(profiles / f"{name}.prof")
            phases[name] = meter.stop()

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
            meter = Meter(server.pid, pg.data_dir)

            def phase(name: str) -> Any:
                return measure(name, meter)

            with runner.client_for(a.db.engine) as client:
                client.totals()  # the access token, and the TLS connection, before the clock starts
                report = SyncReport()
                with phase("push"):
                    runner.push_outbox(a.db.engine, client, config_a.device_id, report)
                results["push_seconds"] = phases["push"]["wall_seconds"]
                results["pushed"] = report.pushed
                assert report.applied == report.pushed >= args.changes, report

            with runner.client_for(b.db.engine) as client:
                client.totals()
                report = SyncReport()
                with phase("pull"):
                    runner.pull_changes(b.db.engine, client, config_b.device_id, report, runner.no_applier)
                results["pull_seconds"] = phases["pull"]["wall_seconds"]
                results["pulled"] = report.pulled

            with runner.client_for(c.db.engine) as client:
                client.totals()
                report = SyncReport()
                with phase("pull_apply"):
                    runner.pull_changes(c.db.engine, client, config_c.device_id, report, syncing.applier(c))
                results["pull_apply_seconds"] = phases["pull_apply"]["wall_seconds"]
                with c.read() as conn:
                    results["pull_apply_not_applied"] = len(state.review_items(conn))

            with runner.client_for(a.db.engine) as client:
                syncing.sync_now(a, client)  # A catches up with the others' set-up events
                samples = []
                with phase("empty"):
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
                    count, after, pages = 0, ("", ""), 0
                    with phase("snapshot_download"):
                        while True:
                            page = client.snapshot(*after, limit=5000)
                            count += len(page["items"])
                            pages += 1
                            if page["next"] is None:
                                break
                            after = (page["next"]["after_entity"], page["next"]["after_id"])
                    results["snapshot_seconds"] = phases["snapshot_download"]["wall_seconds"]
                    results["snapshot_rows"] = count
                    results["snapshot_pages"] = pages

                    d = _workstation(folder, "d")  # a new workstation's first set-up: read and apply
                    runner.enroll(d.db.engine, url, codes[3], certs.ca_cert, "D")
                    with runner.client_for(d.db.engine) as fresh:
                        fresh.totals()
                        with phase("snapshot_apply"):
                            applied = runner.load_snapshot(d.db.engine, fresh, syncing.snapshot_applier,
                                                           SyncReport())
                        results["snapshot_apply_seconds"] = phases["snapshot_apply"]["wall_seconds"]
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
        if args.practice_rows:
            results["practice_snapshot"] = _practice_snapshot(pg, folder, certs, args.practice_rows, measure)
            results["practice_snapshot_apply_seconds"] = phases["practice_snapshot_apply"]["wall_seconds"]
    results["phases"] = phases
    results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    results["targets"] = {"push_seconds": 5.0, "pull_seconds": 1.0, "empty_sync_ms": 200,
                          "snapshot_apply_seconds": 30.0, "practice_snapshot_apply_seconds": 30.0}
    print(_summary(results), file=sys.stderr)
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
