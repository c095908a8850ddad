"""Reports benchmark: the A/R aging report over a database with 1,000,000 ledger postings (target <= 1 s), and,
for information, the KPIs, the day sheet and the dashboard over the same database. Prints JSON.

The database is a real SQLCipher workstation in a temp folder (the key in an in-process keyring, never the
machine's). Reference data goes through the services (6 payers, 4 rendering providers, a billing provider);
the bulk is written straight into the tables, the way tests/integration/era_support.clone_claims does, with
the ledger's own bulk path (storage.ledger_store.insert_many: the balance and no-negative-receivable
triggers still check every transaction). Not timed (reported as `build_s`):

  patients     --patients, one in six with a secondary payer, one in five self-pay, one in ten a child
               whose guarantor is a parent (another patient)
  encounters   until the ledger holds --postings postings: one to three lines each, dates of service spread
               over the last 400 days (more of them recent), one of the rendering providers
  claims       a claim per coverage (primary, and secondary), a submission row for each claim sent
  adjudication most claims are decided by their primary payer 2 to 6 weeks after the visit (a few linger) on
               checks of up to 40 claims: 92% paid (payment, CO-45 write-down, coinsurance moved to the patient
               or to the secondary, which mostly pays it), 8% denied (a denials row, the balance kept with the
               payer; older ones mostly paid on appeal or written off); patients pay their share over the
               following weeks at the front desk, a few only half; self-pay visits likewise
  posted       every transaction on the day it happened, by one of three users (the day sheet's view)
  result       1,000,872 postings, 454,440 transactions, 303,383 accounts, 768 MB (the defaults)

Timed, --repeat times each after one warm-up on the same connection pool (median, p95 and every run):

  aging        services.reports.aging(ws, kind, by) for insurance by payer, insurance by provider, patient by
               guarantor; `cold` is the first insurance-by-payer run on a freshly opened workstation (every page
               read from the file, decrypted and its HMAC checked). Target: warm p95 <= 1 s.
  drill-down   the claims behind the largest payer's row
  kpi, day sheet, dashboard: for information

    .venv/bin/python benchmarks/reports.py [--postings 1000000] [--patients 20000] [--repeat 7] [--keep DIR]

With --keep DIR the database is built once into DIR and reused by later runs with the same DIR.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.backend

from medbill_desktop.domain.ids import human_number, new_id
from medbill_desktop.domain.ledger import (
    Party,
    Transaction,
    adjustment,
    charge,
    payment,
    receivable,
    transfer,
)
from medbill_desktop.domain.npi import npi_check_digit
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.domain.reference import Payer, PlanType, Provider, Submission
from medbill_desktop.domain.reports import AgingBy, AgingKind
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import reference_data, reports, setup, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import ledger_store

AGING_TARGET_S = 1.0
PASSWORD = "admin-pass-1"
PASSPHRASE = "reports benchmark only"  # the key is derived from it, so --keep can reopen the database
ENTERED_BY = ("admin", "biller", "frontdesk")


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


def _npi(first_nine: str) -> str:
    return first_nine + str(npi_check_digit(first_nine))


PAYERS = (("Medicare Part B", PlanType.MEDICARE, 0.30), ("Blue Cross Blue Shield of Illinois",
          PlanType.GROUP_HEALTH_PLAN, 0.25), ("Aetna", PlanType.GROUP_HEALTH_PLAN, 0.18),
          ("UnitedHealthcare", PlanType.GROUP_HEALTH_PLAN, 0.14), ("Illinois Medicaid", PlanType.MEDICAID, 0.08),
          ("Cigna", PlanType.GROUP_HEALTH_PLAN, 0.05))
PROVIDERS = (("Nguyen", "Lan"), ("Okafor", "Chidi"), ("Rossi", "Elena"), ("Patel", "Ravi"))
LINES = (("99213", 13500), ("99214", 19500), ("36415", 1800), ("81002", 1400), ("85025", 2800), ("93000", 6500),
         ("99396", 23000), ("90471", 2800))
CARCS = (("CO", "16"), ("CO", "50"), ("CO", "197"), ("CO", "29"), ("OA", "18"), ("CO", "204"))


def _workstation(path: Path) -> Workstation:
    practice = Practice(name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789",
                        taxonomy="207Q00000X", address=Address("12 Main St", "Springfield", "IL", "62701"),
                        phone="(217) 555-0100")
    ws = setup.create_workstation(path, practice, admin_username="admin", admin_full_name="Ada Admin",
                                  admin_password=PASSWORD)
    users.sign_in(ws, "admin", PASSWORD)
    users.add_user(ws, "biller", "Bianca Ortiz", Role.BILLER, "biller-pass-1")
    users.add_user(ws, "frontdesk", "Frank Delgado", Role.FRONT_DESK, "front-desk-1")
    return ws


def _open(path: Path) -> Workstation:
    ws = setup.open_workstation(path)
    users.sign_in(ws, "admin", PASSWORD)
    return ws


class _Builder:
    """Writes the bulk rows, a transaction per chunk of encounters."""

    def __init__(self, ws: Workstation, rng: random.Random, today: date) -> None:
        self.ws = ws
        self.rng = rng
        self.today = today
        self.at = ws.now_iso()
        office = Address("12 Main St", "Springfield", "IL", "62701")
        self.billing = reference_data.save_provider(ws, Provider(
            npi=_npi("123456789"), taxonomy="207Q00000X", organization_name="Riverside Family Medicine PC",
            tax_id="12-3456789", address=office, renders=False, bills=True)).id
        self.providers = [reference_data.save_provider(ws, Provider(
            npi=_npi(f"19876543{i}"), taxonomy="207Q00000X", last_name=last, first_name=first,
            credentials="MD")).id for i, (last, first) in enumerate(PROVIDERS)]
        self.payers = [reference_data.save_payer(ws, Payer(
            name, plan, Submission.PAPER, address=Address("PO Box 6475", "Indianapolis", "IN", "46206"))).id
            for name, plan, _share in PAYERS]
        self.payer_weights = [share for _n, _p, share in PAYERS]
        with ws.read() as conn:
            self.prefix = str(conn.exec_driver_sql("SELECT prefix FROM workstation").scalar_one())
        self.claim_seq = 1
        self.batch_seq = 1
        self.receipt_seq = 1
        self.postings = 0
        self.patients: list[tuple[str, str, list[tuple[str, str]]]] = []  # id, account, [(coverage id, payer)]

    # --- people --------------------------------------------------------------------------------------------
    def make_patients(self, count: int) -> None:
        rows, coverages = [], []
        for n in range(count):
            pid, account = new_id(), human_number(self.prefix, n + 1, 7)
            last, first = f"Patient{n:06d}", "Pat"
            guarantor = self.patients[self.rng.randrange(len(self.patients))][0] if n > 10 and \
                self.rng.random() < 0.1 else None
            rows.append((pid, account, last, first, last.lower(), first.lower(),
                         date(1940 + n % 70, 1 + n % 12, 1 + n % 28).isoformat(), "F" if n % 2 else "M",
                         guarantor, "child" if guarantor else None, "Parent" if guarantor else None,
                         "Guarantor" if guarantor else None, self.at, self.at))
            covered: list[tuple[str, str]] = []
            if self.rng.random() >= 0.2:
                ranks = ("primary", "secondary") if self.rng.random() < 1 / 6 else ("primary",)
                chosen = set()
                for rank in ranks:
                    payer = self.rng.choices(self.payers, self.payer_weights)[0]
                    while payer in chosen:
                        payer = self.rng.choice(self.payers)
                    chosen.add(payer)
                    cid = new_id()
                    coverages.append((cid, pid, payer, rank, f"M{n:09d}{rank[0]}", "self", self.at))
                    covered.append((cid, payer))
            self.patients.append((pid, account, covered))
        with self.ws.write() as conn:
            ledger_store.insert_rows(conn, "patients", (
                "id", "account_number", "last_name", "first_name", "last_key", "first_key", "date_of_birth", "sex",
                "guarantor_patient_id", "guarantor_relationship", "guarantor_last_name", "guarantor_first_name",
                "created_at", "updated_at"), rows)
            ledger_store.insert_rows(conn, "coverages", (
                "id", "patient_id", "payer_id", "rank", "member_id", "relationship", "updated_at"), coverages)

    # --- visits, claims, payments ----------------------------------------------------------------------------
    def build(self, target_postings: int, chunk: int = 2000) -> None:
        while self.postings < target_postings:
            self._chunk(chunk)

    def _dos(self) -> date:
        days = int(self.rng.expovariate(1 / 90))
        return self.today - timedelta(days=min(days, 400))

    def _chunk(self, count: int) -> None:
        rng, at = self.rng, self.at
        t: dict[str, list[tuple[Any, ...]]] = {k: [] for k in (
            "encounters", "lines", "claims", "history", "submissions", "batches", "adjudications", "denials",
            "batch_tx", "payments")}
        txs: list[Transaction] = []
        checks: dict[tuple[str, date], list[Any]] = {}  # (payer, check date) -> [batch id, claims, txs...]
        front_desk: list[tuple[str, str, list[tuple[str, int]], date]] = []  # patient, account, lines, day
        for _ in range(count):
            pid, account, covered = self.patients[rng.randrange(len(self.patients))]
            dos = self._dos()
            eid = new_id()
            provider = self.providers[rng.randrange(len(self.providers))]
            t["encounters"].append((eid, pid, dos.isoformat(), provider, self.billing, "11", "draft", at, "admin",
                                    at))
            lines = []
            for position, (code, cents) in enumerate(rng.sample(LINES, rng.choice((1, 2, 2, 3))), start=1):
                lid = new_id()
                t["lines"].append((lid, eid, position, code, 1, 1, cents))
                lines.append((lid, cents))
            party = Party.PRIMARY if covered else Party.PATIENT
            for lid, cents in lines:
                txs.append(charge(lid, party, account, cents, dos, memo="bench"))
            claim_ids = []
            for (_cid, payer), rank in zip(covered, ("primary", "secondary"), strict=False):
                claim_id = new_id()
                age = (self.today - dos).days
                sent = rank == "primary" and age > 2
                status = "submitted" if sent else ("ready" if rank == "primary" else "draft")
                claim_ids.append((claim_id, payer, rank, status))
                t["history"].append((new_id(), claim_id, at, "admin", None, "draft", ""))
                if sent:
                    t["submissions"].append((new_id(), claim_id, at, "admin", "print", f"sub-{dos.isoformat()}"))
            if not covered:  # self-pay: most pay within a few weeks
                if rng.random() < 1 - math.exp(-(self.today - dos).days / 30):
                    front_desk.append((pid, account, lines, dos + timedelta(days=rng.randint(0, 30))))
                continue
            primary_claim, primary_payer, _rank, _status = claim_ids[0]
            age = (self.today - dos).days
            outcome = "unpaid"  # most claims are decided 2 to 6 weeks after the visit; a few linger
            if age > 14 and rng.random() < min(0.995, 1 - math.exp(-(age - 14) / 20)):
                outcome = "denied" if rng.random() < 0.08 else "paid"
                if outcome == "denied" and age > 75:  # worked since: paid on appeal, written off, or still open
                    roll = rng.random()
                    outcome = "paid" if roll < 0.7 else "written_off" if roll < 0.9 else "denied"
            statuses = {c[0]: c[3] for c in claim_ids}
            if outcome != "unpaid":
                check_date = min(dos + timedelta(days=rng.randint(14, 40)), self.today)
                key = (primary_payer, check_date)
                batch = checks.get(key)
                if batch is None or len(batch[1]) >= 40:
                    batch = checks[key] = [new_id(), [], [], 0, primary_payer, check_date]
                    t["batches"].append(batch)
                batch_id = batch[0]
                adj_id = new_id()
                billed = sum(c for _l, c in lines)
                if outcome == "paid":
                    paid_lines, patient_share = [], 0
                    write_downs, moves, shares = [], [], []
                    for lid, cents in lines:
                        allowed = cents * 7 // 10
                        paid = allowed * 8 // 10
                        share = allowed - paid
                        paid_lines.append((receivable(lid, Party.PRIMARY, account), paid))
                        write_downs.append(adjustment(receivable(lid, Party.PRIMARY, account), "CO", "45",
                                                      cents - allowed, check_date, memo="bench"))
                        nxt = Party.SECONDARY if len(covered) > 1 else Party.PATIENT
                        moves.append(transfer(receivable(lid, Party.PRIMARY, account), receivable(lid, nxt, account),
                                              share, check_date, memo="bench"))
                        patient_share += share
                        shares.append((lid, share))
                    pay = payment(batch_id, paid_lines, check_date, memo="bench",
                                  source_key=f"bench|{batch_id}|{primary_claim}")
                    batch[3] += sum(a for _k, a in paid_lines)
                    claim_txs = [pay, *write_downs, *moves]
                    t["adjudications"].append((adj_id, batch_id, primary_claim, len(batch[1]), "1", billed,
                                               sum(a for _k, a in paid_lines), patient_share, "paid",
                                               "next_payer" if len(covered) > 1 else "patient"))
                    statuses[primary_claim] = "paid"
                    if len(covered) > 1:
                        sec_claim, sec_payer, _r, _s = claim_ids[1]
                        if age > 45 and rng.random() < 0.8:
                            sec_date = min(check_date + timedelta(days=rng.randint(10, 25)), self.today)
                            sec_batch_id = new_id()
                            sec_pay = payment(sec_batch_id, [(receivable(lid, Party.SECONDARY, account),
                                                              cents * 7 // 10 - cents * 7 // 10 * 8 // 10)
                                                             for lid, cents in lines], sec_date, memo="bench",
                                              source_key=f"bench|{sec_batch_id}|{sec_claim}")
                            txs.append(sec_pay)
                            sec_adj = new_id()
                            amount = sec_pay.postings[0].amount
                            t["batches"].append([sec_batch_id, [sec_claim], [(sec_pay.id, sec_adj, 0)], amount,
                                                 sec_payer, sec_date])
                            t["adjudications"].append((sec_adj, sec_batch_id, sec_claim, 0, "2", billed, amount, 0,
                                                       "paid", "patient"))
                            statuses[sec_claim] = "paid"
                        else:
                            statuses[sec_claim] = "submitted"
                            t["submissions"].append((new_id(), sec_claim, at, "admin", "print", "sub-sec"))
                    elif rng.random() < 1 - math.exp(-(self.today - check_date).days / 40):
                        half = rng.random() < 0.15
                        paid_shares = [(lid, share // 2 if half else share) for lid, share in shares]
                        front_desk.append((pid, account, paid_shares, check_date + timedelta(days=rng.randint(5, 40))))
                else:
                    carc = rng.choice(CARCS)
                    claim_txs = []
                    t["adjudications"].append((adj_id, batch_id, primary_claim, len(batch[1]), "4", billed, 0, 0,
                                               "denied", "denials"))
                    written_off = outcome == "written_off"
                    t["denials"].append((new_id(), primary_claim, adj_id, primary_payer, carc[0], carc[1], billed,
                                         check_date.isoformat(), "written_off" if written_off else "open"))
                    statuses[primary_claim] = "closed" if written_off else "denied"
                    if written_off:  # a manager's write-off, not the payer's: not in the batch
                        txs.extend(adjustment(receivable(lid, Party.PRIMARY, account), carc[0], carc[1], cents,
                                              min(check_date + timedelta(days=60), self.today), memo="bench")
                                   for lid, cents in lines)
                batch[1].append(primary_claim)
                for n, tx in enumerate(claim_txs):
                    batch[2].append((tx.id, adj_id, n))
                txs.extend(claim_txs)
            for claim_id, payer, rank, _status in claim_ids:
                cid = next(c for c, p in covered if p == payer)
                t["claims"].append((claim_id, eid, cid, payer, rank, statuses[claim_id]))
        # patient payments at the front desk, one drawer per day
        for pid, account, paid, on in front_desk:
            on = min(on, self.today)
            applied = [(receivable(line, Party.PATIENT, account), cents) for line, cents in paid if cents]
            if not applied:
                continue
            cents = sum(c for _k, c in applied)
            tx = payment(f"frontdesk:{self.prefix}:{on.isoformat()}", applied, on, memo="bench",
                         source_key=f"frontdesk:{new_id()}")
            txs.append(tx)
            t["payments"].append((new_id(), human_number(self.prefix, self.receipt_seq, 7), tx.id, pid,
                                  f"frontdesk:{self.prefix}:{on.isoformat()}", "cash", cents, cents, 0,
                                  on.isoformat(), at, "Ada Admin"))
            self.receipt_seq += 1
        self._write(t, txs)

    def _write(self, t: dict[str, list[Any]], txs: list[Transaction]) -> None:
        at = self.at
        batches = []
        for batch_id, _claims, claim_txs, amount, payer, check_date in t["batches"]:
            number = human_number(self.prefix, self.batch_seq)
            self.batch_seq += 1
            batches.append((batch_id, number, "paper", payer, "check" if amount else "none", f"CHK{self.batch_seq}",
                            check_date.isoformat(), amount, f"bench|{batch_id}", "posted", at, "admin"))
            for position, (tx_id, adj_id, _n) in enumerate(claim_txs):
                t["batch_tx"].append((tx_id, batch_id, adj_id, position))
        claims = []
        for claim_id, eid, cid, payer, rank, status in t["claims"]:
            claims.append((claim_id, human_number(self.prefix, self.claim_seq), eid, cid, payer, rank, status, at))
            self.claim_seq += 1
        with self.ws.write() as conn:
            put = ledger_store.insert_rows
            put(conn, "encounters", ("id", "patient_id", "date_of_service", "rendering_provider_id",
                                     "billing_provider_id", "place_of_service", "status", "created_at", "created_by",
                                     "updated_at"), t["encounters"])
            put(conn, "service_lines", ("id", "encounter_id", "position", "procedure", "units", "pointer_1",
                                        "charge_cents"), t["lines"])
            conn.exec_driver_sql(
                "UPDATE encounters SET status = 'finalized', finalized_at = ?, finalized_by = 'admin' "
                "WHERE status = 'draft'", (at,))
            put(conn, "claims", ("id", "claim_number", "encounter_id", "coverage_id", "payer_id", "rank", "status",
                                 "created_at"), claims)
            put(conn, "claim_state_history", ("id", "claim_id", "at", "actor", "from_status", "to_status", "note"),
                t["history"])
            put(conn, "claim_submissions", ("id", "claim_id", "at", "actor", "channel", "batch_id"),
                t["submissions"])
            put(conn, "payment_batches", ("id", "batch_number", "kind", "payer_id", "method", "reference",
                                          "check_date", "amount_cents", "source_key", "status", "posted_at",
                                          "posted_by"), batches)
            put(conn, "claim_adjudications", ("id", "batch_id", "claim_id", "position", "status_code",
                                              "billed_cents", "paid_cents", "patient_responsibility_cents", "outcome",
                                              "next_step"), t["adjudications"])
            put(conn, "denials", ("id", "claim_id", "claim_adjudication_id", "payer_id", "group_code", "reason_code",
                                  "amount_cents", "denied_on", "status"), t["denials"])
            by_day: dict[date, list[Transaction]] = {}
            for tx in txs:  # entered on the day they happened (the day sheet counts by the day posted)
                by_day.setdefault(tx.occurred_on, []).append(tx)
            for day, group in sorted(by_day.items()):
                ledger_store.insert_many(conn, group, actor=ENTERED_BY[day.toordinal() % len(ENTERED_BY)],
                                         posted_at=f"{day.isoformat()}T16:{day.toordinal() % 60:02d}:00.000Z")
            put(conn, "batch_transactions", ("transaction_id", "batch_id", "claim_adjudication_id", "position"),
                t["batch_tx"])
            put(conn, "patient_payments", ("id", "receipt_number", "transaction_id", "patient_id", "batch", "method",
                                           "amount_cents", "applied_cents", "credit_cents", "received_on",
                                           "received_at", "received_by"), t["payments"])
        self.postings += sum(len(tx.postings) for tx in txs)


def build(path: Path, postings: int, patients: int, seed: int) -> dict[str, Any]:
    wall = time.perf_counter()
    ws = _workstation(path)
    try:
        builder = _Builder(ws, random.Random(seed), ws.today())
        builder.make_patients(patients)
        builder.build(postings)
        with ws.read() as conn:
            counts = {name: int(conn.exec_driver_sql(f"SELECT count(*) FROM {name}").scalar_one()) for name in (
                "ledger_postings", "ledger_transactions", "ledger_accounts", "encounters", "service_lines",
                "claims", "payment_batches", "claim_adjudications", "denials", "patients")}
    finally:
        ws.close()
    return {"build_s": round(time.perf_counter() - wall, 1), "rows": counts,
            "file_mb": round(path.stat().st_size / 1e6, 1)}



# --- timing --------------------------------------------------------------------------------------------------------
def _stats(samples: list[float]) -> dict[str, Any]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return {"median_s": round(statistics.median(samples), 3), "p95_s": round(p95, 3),
            "runs_s": [round(x, 3) for x in samples]}


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def _repeat(fn: Callable[[], Any], repeat: int) -> dict[str, Any]:
    fn()  # warm-up
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu, _result = _timed(fn)
        walls.append(wall)
        cpus.append(cpu)
    return {**_stats(walls), "cpu_median_s": round(statistics.median(cpus), 3)}


def _more_postings(ws: Workstation, count: int) -> int:
    """`count` new charges (two postings each) on new lines of an existing encounter's patient: what a day of
    charge entry adds between two reports."""
    today = ws.today()
    with ws.read() as conn:
        account = str(conn.exec_driver_sql("SELECT account_number FROM patients LIMIT 1").scalar_one())
    txs = [charge(new_id(), Party.PATIENT, account, 1000, today, memo="bench") for _ in range(count)]
    with ws.write() as conn:
        ledger_store.insert_many(conn, txs, actor="admin", posted_at=ws.now_iso())
    return 2 * count


def measure(path: Path, repeat: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    ws = _open(path)
    try:
        wall, cpu, read = _timed(lambda: reports.refresh(ws))
        out["projection"] = {"postings_read": read, "s": round(wall, 2), "cpu_s": round(cpu, 2),
                             "what": "bring the report projection up to date (all postings when it is new)"}
    finally:
        ws.close()
    ws = _open(path)  # new connections: nothing decrypted yet
    try:
        wall, cpu, report = _timed(lambda: reports.aging(ws, AgingKind.INSURANCE, AgingBy.PAYER))
        out["aging_cold"] = {"s": round(wall, 3), "cpu_s": round(cpu, 3),
                             "what": "insurance by payer, first report on a freshly opened workstation"}
        out["open_items"] = {"insurance_claims": report.claims, "insurance_cents": report.total}
        aging: dict[str, Any] = {}
        for kind, by in ((AgingKind.INSURANCE, AgingBy.PAYER), (AgingKind.INSURANCE, AgingBy.PROVIDER),
                         (AgingKind.PATIENT, AgingBy.GUARANTOR), (AgingKind.PATIENT, AgingBy.PROVIDER)):
            aging[f"{kind.value}_by_{by.value}"] = _repeat(
                lambda kind=kind, by=by: reports.aging(ws, kind, by), repeat)  # type: ignore[misc]
        patient = reports.aging(ws, AgingKind.PATIENT, AgingBy.GUARANTOR)
        out["open_items"] |= {"patient_visits": patient.claims, "patient_cents": patient.total,
                              "guarantors": len(patient.rows)}
        out["aging"] = aging
        key = report.rows[0].key
        out["drill_down"] = _repeat(lambda: reports.aging_claims(ws, AgingKind.INSURANCE, AgingBy.PAYER, key),
                                    max(3, repeat // 2)) | {
            "claims": len(reports.aging_claims(ws, AgingKind.INSURANCE, AgingBy.PAYER, key))}
        added = _more_postings(ws, 500)
        wall, cpu, _r = _timed(lambda: reports.aging(ws, AgingKind.INSURANCE, AgingBy.PAYER))
        out["aging_after_new_postings"] = {"new_postings": added, "s": round(wall, 3), "cpu_s": round(cpu, 3)}
        out["kpi"] = _repeat(lambda: reports.kpis(ws), max(3, repeat // 2))
        out["dashboard"] = _repeat(lambda: reports.dashboard(ws), max(3, repeat // 2))
        sheet = reports.day_sheet(ws)
        out["day_sheet_today"] = _repeat(lambda: reports.day_sheet(ws), max(3, repeat // 2)) | {
            "entries": sheet.totals.transactions}
        week = ws.today() - timedelta(days=6)
        out["day_sheet_week"] = _repeat(lambda: reports.day_sheet(ws, week, ws.today()), max(3, repeat // 2))
        k = reports.kpis(ws)
        out["figures"] = {"days_in_ar": round(k.days_in_ar or 0, 1), "denial_rate": round(k.denial_rate or 0, 4),
                          "first_pass_rate": round(k.first_pass_rate or 0, 4),
                          "net_collection_rate": round(k.net_collection_rate or 0, 4),
                          "ar_over_90_share": round(k.share_over_90 or 0, 4)}
    finally:
        ws.close()
    best = out["aging"]["insurance_by_payer"]
    out["target"] = {"aging_s": AGING_TARGET_S, "insurance_by_payer_p95_s": best["p95_s"],
                     "met": best["p95_s"] <= AGING_TARGET_S,
                     "patient_by_guarantor_p95_s": out["aging"]["patient_by_guarantor"]["p95_s"]}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--patients", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, metavar="DIR", help="build the database here once and reuse it")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    keyring.set_keyring(_Keyring())
    os.environ["MEDBILL_DB_PASSPHRASE"] = PASSPHRASE
    result: dict[str, Any] = {"benchmark": "reports", "postings_wanted": args.postings, "patients": args.patients}
    with tempfile.TemporaryDirectory(prefix="medbill-reports-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "bench.db"
        if not path.exists():
            result["build"] = build(path, args.postings, args.patients, args.seed)
        else:
            result["build"] = {"reused": str(path)}
        result |= measure(path, args.repeat)
    result["machine"] = {"python": platform.python_version(), "platform": platform.platform(),
                         "cpus": os.cpu_count(),
                         "load_average_1min": {"start": round(load_start[0], 2), "end": round(os.getloadavg()[0], 2)}}
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
