"""Helpers for the practice-server tests: a per-test database handle, the server in a thread or a child process,
and enrolled clients."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import uvicorn

from medbill_desktop.server import store
from medbill_desktop.server.app import create_app
from medbill_desktop.server.certs import CertPaths
from medbill_desktop.server.localpg import free_port
from medbill_desktop.server.settings import ServerSettings
from medbill_desktop.sync.client import ServerClient

HERE = Path(__file__).resolve().parent


@dataclass
class ServerDb:
    url: str
    practice_id: str

    def connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(self.url, autocommit=True)

    def settings(self) -> ServerSettings:
        return ServerSettings(self.url, self.practice_id)

    def code(self, hours: float = 24.0) -> str:
        with self.connect() as conn:
            return store.create_enroll_code(conn, self.practice_id, "test", hours)[0]

    def scalar(self, sql: str, *params: Any) -> Any:
        with self.connect() as conn:
            row = conn.execute(sql, params).fetchone()
            return row[0] if row else None

    def rows(self, sql: str, *params: Any) -> list[tuple[Any, ...]]:
        with self.connect() as conn:
            return conn.execute(sql, params).fetchall()


@dataclass
class LiveServer:
    url: str
    db: ServerDb
    certs: CertPaths

    def client(self, **options: Any) -> ServerClient:
        return ServerClient(self.url, self.certs.ca_cert, **options)

    def enrolled(self, name: str = "front desk", **options: Any) -> ServerClient:
        client = self.client(**options)
        client.enroll(self.db.code(), name)
        return client


@contextmanager
def start_live_server(server_db: ServerDb, certs: CertPaths) -> Iterator[LiveServer]:
    port = free_port()
    config = uvicorn.Config(create_app(server_db.settings()), host="127.0.0.1", port=port, log_level="warning",
                            ssl_certfile=str(certs.server_cert), ssl_keyfile=str(certs.server_key),
                            lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield LiveServer(f"https://127.0.0.1:{port}", server_db, certs)
    finally:
        server.should_exit = True
        thread.join(timeout=30)


class ChildServer:
    """The server in a child process (tests/server/server_child.py), which can be made to die right after a
    push commits and before the reply leaves."""

    def __init__(self, server_db: ServerDb, certs: CertPaths, port: int | None = None) -> None:
        self.db = server_db
        self.certs = certs
        self.port = port or free_port()
        self.url = f"https://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, die_after_pushes: int = 0) -> ChildServer:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, str(HERE / "server_child.py"), "--url", self.db.url, "--practice", self.db.practice_id,
             "--port", str(self.port), "--cert", str(self.certs.server_cert), "--key", str(self.certs.server_key),
             "--die-after-pushes", str(die_after_pushes)],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        assert self.process.stdout is not None
        while time.monotonic() < deadline:
            line = self.process.stdout.readline().decode(errors="replace")
            if "READY" in line:
                return self
            if not line and self.process.poll() is not None:
                break
        raise RuntimeError(f"the child server did not start (exit {self.process.poll()})")

    def wait_dead(self, timeout: float = 30) -> int:
        assert self.process is not None
        return self.process.wait(timeout)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def change(change_id: str, entity: str = "patient", entity_id: str = "p1", event: str = "patient.updated",
           **data: Any) -> dict[str, Any]:
    return {"change_id": change_id, "entity": entity, "entity_id": entity_id, "event": event,
            "data": data or {"note": change_id}, "created_at": "2026-11-02T15:00:00.000Z"}


def ledger_change(change_id: str, tx_id: str, cents: int = 12500, source_key: str | None = None,
                  line: str = "line-1", kind: str = "charge") -> dict[str, Any]:
    return {"change_id": change_id, "entity": "ledger_transaction", "entity_id": tx_id,
            "event": f"ledger.{kind}_posted", "created_at": "2026-11-02T15:00:00.000Z",
            "data": {"kind": kind, "occurred_on": "2026-11-02", "memo": "", "source_key": source_key,
                     "reverses": None, "postings": [
                         {"kind": "receivable", "ref": f"{line}:patient", "patient_account": "acct-1",
                          "amount_cents": cents},
                         {"kind": "gross_charges", "ref": "all", "patient_account": None, "amount_cents": -cents}]}}


def register_and_charge(ws: Any, last_name: str, cents: int, source_key: str | None = None) -> Any:
    """Real workstation activity through the services: a patient registered, a charge posted, and (with a
    source key) an insurance-style payment of part of it. Every step writes its outbox row."""
    from dataclasses import replace
    from datetime import date

    from medbill_desktop.domain import ledger as L
    from medbill_desktop.domain.patients import Patient
    from medbill_desktop.services import ledger, patients

    patient = patients.register_patient(ws, Patient(last_name, "Pat", date(1980, 5, 17)))
    line = f"line-{patient.id}"
    ledger.post(ws, L.charge(line, L.Party.PATIENT, patient.account_number, cents, ws.today()))
    patients.update_patient(ws, replace(patient, home_phone="(217) 555-0199"))
    if source_key is not None:
        target = L.receivable(line, L.Party.PATIENT, patient.account_number)
        ledger.post(ws, L.payment(f"batch-{source_key}", [(target, cents // 2)], ws.today(), source_key=source_key))
    return patient
