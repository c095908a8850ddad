"""Statement run benchmark: 1,000 statements in one run (target <= 10 s). Prints JSON.

On a real SQLCipher workstation in a temp folder (the key in an in-process keyring, never the machine's), with
the reference data of the tests (tests/integration/front_desk_support.make_desk):

  setup    template guarantors made through the services: self-pay patients with one to three visits of
           different ages (some with a partial payment at the desk), insured patients whose claims were answered
           by a paper EOB posted through services.posting (coinsurance or deductible left to the patient, a newer
           visit still pending with the payer), and families (two children, a parent typed in as guarantor).
           Each template is then copied, in one transaction per 500, into new patients with new names and
           account numbers: patient, coverage, encounters, lines, claims, every ledger transaction on the
           account (postings to the shared accounts too; no source keys), the batch links and the front-desk
           payments. Not timed (reported). --guarantors copies are made; --below-minimum more owe $3.00 (skipped
           by the $5.00 minimum: the run must look at them too).
  preview  services.statements.preview_run: balances of every account (one query), guarantors, rules, and each
           chosen guarantor's statement data (visits and activity from the account ledgers).
  pdf      services.statements.run_pdf: every statement in one PDF (reportlab).
  record   services.statements.record_run: the run, each statement with its snapshot and lines, an audit entry
           per statement, the outbox event.
  run      the sum of the three: what `medbill statements run` and the Statements workspace's Print do.
           Target: <= 10 s for 1,000 statements.
  cli      services.statements.run_statements on another day, once more, for comparison (one transaction,
           writes the file).
  balances services.statements.patient_balances alone (what the A/R aging report reuses).

    .venv/bin/python benchmarks/statements.py [--guarantors 1000] [--below-minimum 100] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.backend

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))  # the tests' set-up helpers build the data

from account_support import Eob, eob, seen  # noqa: E402
from front_desk_support import Desk, make_desk  # noqa: E402
from sqlalchemy import Connection, select  # noqa: E402

from medbill_desktop.domain.ids import human_number, new_id  # noqa: E402
from medbill_desktop.domain.names import name_key  # noqa: E402
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship  # noqa: E402
from medbill_desktop.domain.practice import Address, Practice  # noqa: E402
from medbill_desktop.services import patient_payments, setup, statements, users  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402
from medbill_desktop.storage import tables as t  # noqa: E402

TARGET_S = 10.0


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


def _workstation(folder: Path) -> Workstation:
    practice = Practice(name="Riverside Family Medicine", npi="1234567893", tax_id="12-3456789",
                        taxonomy="207Q00000X", address=Address("1200 Riverside Drive", "Springfield", "IL", "62701",
                                                               "Suite 210"),
                        phone="(217) 555-0100")
    ws = setup.create_workstation(folder / "bench.db", practice, admin_username="admin", admin_full_name="Ada Admin",
                                  admin_password="admin-pass-1")
    users.sign_in(ws, "admin", "admin-pass-1")
    return ws


# --- templates through the services ------------------------------------------------------------------------------
def _templates(desk: Desk) -> tuple[list[list[str]], list[str]]:
    """Groups of template patient ids (a group shares a guarantor), and the ids of small balances."""
    groups: list[list[str]] = []
    shapes = [  # self-pay: (days ago, cents) per visit, and a desk payment
        ([(12, 9500)], 0), ([(45, 12500), (8, 4500)], 2000), ([(75, 18000)], 0), ([(100, 6500), (40, 3000)], 0),
        ([(140, 22000), (95, 7000), (20, 5000)], 5000), ([(33, 15000)], 0)]
    for n, (visits, paid) in enumerate(shapes):
        p = desk.patient(f"Selfpay{chr(65 + n)}", "Pat")
        for days, cents in visits:
            seen(desk, p, (("99213", cents),), days_ago=days)
        if paid:
            patient_payments.take_payment(desk.ws, p.id, paid, "cash")
        groups.append([p.id])
    for n, (coins, deductible, days) in enumerate(((1600, 0, 50), (2400, 0, 20), (0, 6000, 95), (1200, 2000, 130))):
        p = desk.patient(f"Insured{chr(65 + n)}", "Lee")
        desk.insure(p, desk.aetna, copay_cents=0)
        visit = seen(desk, p, days_ago=days)
        eob(desk, visit, [Eob(12500, 8000, 8000 - coins - deductible, deductible=deductible, coinsurance=coins),
                          Eob(1500, 1000, 1000)], check=f"CHK{7000 + n}")
        seen(desk, p, (("99214", 18000),), days_ago=4)  # pending with Aetna
        groups.append([p.id])
    for n in range(2):
        kids = []
        for first, days in (("Mia", 25 + n * 40), ("Leo", 70)):
            kid = desk.patient(f"Family{chr(65 + n)}", first, guarantor=Guarantor(
                f"Family{chr(65 + n)}", "Ana", GuarantorRelationship.PARENT,
                Address("77 Elm St", "Springfield", "IL", "62704"), "(217) 555-0142"))
            seen(desk, kid, (("99213", 8000 + n * 1000),), days_ago=days)
            kids.append(kid.id)
        groups.append(kids)
    small = desk.patient("Small", "Sue")
    seen(desk, small, (("36415", 300),), days_ago=15)
    return groups, [small.id]


# --- copies ------------------------------------------------------------------------------------------------------
def _rows(conn: Connection, table: Any, column: Any, values: list[str]) -> list[dict[str, Any]]:
    return [dict(r._mapping) for r in conn.execute(select(table).where(column.in_(values)))] if values else []


class _Template:
    """Everything on one template patient's account, read once."""

    def __init__(self, conn: Connection, patient_id: str) -> None:
        self.patient = dict(conn.execute(select(t.patients).where(t.patients.c.id == patient_id)).one()._mapping)
        account = self.patient["account_number"]
        self.coverages = _rows(conn, t.coverages, t.coverages.c.patient_id, [patient_id])
        self.encounters = _rows(conn, t.encounters, t.encounters.c.patient_id, [patient_id])
        enc_ids = [e["id"] for e in self.encounters]
        self.diagnoses = _rows(conn, t.encounter_diagnoses, t.encounter_diagnoses.c.encounter_id, enc_ids)
        self.lines = _rows(conn, t.service_lines, t.service_lines.c.encounter_id, enc_ids)
        self.claims = _rows(conn, t.claims, t.claims.c.encounter_id, enc_ids)
        self.accounts = _rows(conn, t.ledger_accounts, t.ledger_accounts.c.patient_account, [account])
        account_ids = [a["id"] for a in self.accounts]
        tx_ids = sorted({r.transaction_id for r in conn.execute(
            select(t.ledger_postings.c.transaction_id).where(t.ledger_postings.c.account_id.in_(account_ids)))})
        self.transactions = _rows(conn, t.ledger_transactions, t.ledger_transactions.c.id, tx_ids)
        self.postings = _rows(conn, t.ledger_postings, t.ledger_postings.c.transaction_id, tx_ids)
        self.batch_links = _rows(conn, t.batch_transactions, t.batch_transactions.c.transaction_id, tx_ids)
        self.payments = _rows(conn, t.patient_payments, t.patient_payments.c.patient_id, [patient_id])


class _Copier:
    def __init__(self, conn: Connection, ws: Workstation) -> None:
        self.conn = conn
        self.at = ws.now_iso()
        self.prefix = str(conn.execute(select(t.workstation.c.prefix)).scalar_one())
        self.seq = {name: int(v) for name, v in conn.execute(select(t.counters.c.name, t.counters.c.next_value))}
        self.out: dict[str, list[dict[str, Any]]] = {k: [] for k in (
            "patients", "coverages", "encounters", "diagnoses", "lines", "claims", "accounts", "postings",
            "transactions", "batch_links", "payments")}

    def number(self, counter: str) -> str:
        n = self.seq.get(counter, 1)
        self.seq[counter] = n + 1
        return human_number(self.prefix, n)

    def copy(self, tpl: _Template, last: str, guarantor_last: str | None) -> None:
        ids: dict[str, str] = {}

        def new(old: str) -> str:
            ids.setdefault(old, new_id())
            return ids[old]

        old_account = tpl.patient["account_number"]
        account = self.number("account")
        p = {**tpl.patient, "id": new(tpl.patient["id"]), "account_number": account, "last_name": last,
             "last_key": name_key(last), "created_at": self.at, "updated_at": self.at}
        if guarantor_last is not None:
            p["guarantor_last_name"] = guarantor_last
        self.out["patients"].append(p)
        self.out["coverages"] += [{**c, "id": new(c["id"]), "patient_id": p["id"]} for c in tpl.coverages]
        self.out["encounters"] += [{**e, "id": new(e["id"]), "patient_id": p["id"], "status": "draft",
                                    "finalized_at": None, "finalized_by": None} for e in tpl.encounters]
        self.out["diagnoses"] += [{**d, "encounter_id": new(d["encounter_id"])} for d in tpl.diagnoses]
        self.out["lines"] += [{**x, "id": new(x["id"]), "encounter_id": new(x["encounter_id"])} for x in tpl.lines]
        self.out["claims"] += [{**c, "id": new(c["id"]), "claim_number": self.number("claim"),
                                "encounter_id": new(c["encounter_id"]), "coverage_id": new(c["coverage_id"])}
                               for c in tpl.claims]
        for a in tpl.accounts:
            kind, ref = a["code"].split(":", 1)
            if kind == "receivable":
                line, party = ref.rsplit(":", 1)
                ref = f"{new(line)}:{party}"
            else:
                ref = ref.replace(old_account, account)
            self.out["accounts"].append({**a, "id": new(a["id"]), "code": f"{kind}:{ref}", "patient_account": account})
        own = {a["id"] for a in tpl.accounts}
        self.out["postings"] += [{**x, "id": new_id(), "transaction_id": new(x["transaction_id"]),
                                  "account_id": new(x["account_id"]) if x["account_id"] in own else x["account_id"]}
                                 for x in tpl.postings]
        self.out["transactions"] += [{**x, "id": new(x["id"]), "source_key": None,
                                      "reverses": new(x["reverses"]) if x["reverses"] else None}
                                     for x in tpl.transactions]
        self.out["batch_links"] += [{**b, "transaction_id": new(b["transaction_id"])} for b in tpl.batch_links]
        self.out["payments"] += [{**x, "id": new(x["id"]), "receipt_number": self.number("receipt"),
                                  "transaction_id": new(x["transaction_id"]), "patient_id": p["id"],
                                  "encounter_id": new(x["encounter_id"]) if x["encounter_id"] else None}
                                 for x in tpl.payments]

    def flush(self) -> None:
        c = self.conn
        for table, key in ((t.patients, "patients"), (t.coverages, "coverages"), (t.encounters, "encounters"),
                           (t.encounter_diagnoses, "diagnoses"), (t.service_lines, "lines")):
            if self.out[key]:
                c.execute(table.insert(), self.out[key])
        encounter_ids = [e["id"] for e in self.out["encounters"]]
        for i in range(0, len(encounter_ids), 500):
            c.execute(t.encounters.update().where(t.encounters.c.id.in_(encounter_ids[i:i + 500]))
                      .values(status="finalized", finalized_at=self.at, finalized_by="admin"))
        for table, key in ((t.claims, "claims"), (t.ledger_accounts, "accounts"), (t.ledger_postings, "postings"),
                           (t.ledger_transactions, "transactions"), (t.batch_transactions, "batch_links"),
                           (t.patient_payments, "payments")):
            if self.out[key]:
                c.execute(table.insert(), self.out[key])
        for name, value in self.seq.items():
            c.execute(t.counters.update().where(t.counters.c.name == name).values(next_value=value))
        for k in self.out:
            self.out[k] = []


def _letters(n: int) -> str:
    out = ""
    while True:
        out = chr(65 + n % 26) + out
        n //= 26
        if not n:
            return out


def copy_guarantors(ws: Workstation, groups: list[list[str]], count: int, last: str = "Copy") -> None:
    """`count` new guarantors, each a copy of one template group in turn (with its patients)."""
    with ws.read() as conn:
        templates = [[_Template(conn, pid) for pid in group] for group in groups]
    for start in range(0, count, 500):
        with ws.write() as conn:
            copier = _Copier(conn, ws)
            for i in range(start, min(count, start + 500)):
                group = templates[i % len(templates)]
                surname = f"{last}{_letters(i)}"
                for tpl in group:
                    family = tpl.patient["guarantor_last_name"] is not None
                    copier.copy(tpl, surname, surname if family else None)
            copier.flush()


def _timed(fn: Any, *args: Any) -> tuple[Any, float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--guarantors", type=int, default=1000)
    parser.add_argument("--below-minimum", type=int, default=100)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args(argv)
    load_start = os.getloadavg()
    os.environ.pop("MEDBILL_DB_PASSPHRASE", None)
    keyring.set_keyring(_Keyring())
    report: dict[str, Any] = {"benchmark": "statements", "guarantors": args.guarantors}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = _workstation(folder)
        try:
            wall = time.perf_counter()
            desk = make_desk(ws)
            groups, small = _templates(desk)
            made = time.perf_counter()
            copy_guarantors(ws, groups, args.guarantors - len(groups))
            copy_guarantors(ws, [small], args.below_minimum - len(small), last="Tiny")
            with ws.read() as conn:
                postings = conn.execute(select(t.ledger_postings.c.id)).all()
                patients = conn.execute(select(t.patients.c.id)).all()
            report["setup"] = {"s": round(time.perf_counter() - wall, 1),
                               "copy_s": round(time.perf_counter() - made, 1), "templates": len(groups),
                               "patients": len(patients), "postings": len(postings)}

            balances, s, _cpu = _timed(statements.patient_balances, ws)
            report["balances"] = {"s": round(s, 3), "accounts": len(balances)}

            profiler = cProfile.Profile() if args.profile else None
            if profiler:
                profiler.enable()
            preview, preview_s, preview_cpu = _timed(statements.preview_run, ws)
            pdf, pdf_s, pdf_cpu = _timed(statements.run_pdf, preview)
            record, record_s, record_cpu = _timed(statements.record_run, ws, preview, pdf, "pdf", "run.pdf")
            if profiler:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
            total = preview_s + pdf_s + record_s
            skipped: dict[str, int] = {}
            for c in preview.candidates:
                if not c.selected:
                    key = c.decision.skip.value if c.decision.skip else "?"
                    skipped[key] = skipped.get(key, 0) + 1
            pages = pdf.count(b"/Type /Page\n") or pdf.count(b"/Type /Page")
            report["run"] = {
                "statements": record.statement_count, "candidates": len(preview.candidates), "skipped": skipped,
                "total_due_cents": record.total_due_cents, "pdf_bytes": len(pdf), "pdf_pages_approx": pages,
                "preview_s": round(preview_s, 2), "pdf_s": round(pdf_s, 2), "record_s": round(record_s, 2),
                "total_s": round(total, 2), "cpu_s": round(preview_cpu + pdf_cpu + record_cpu, 2),
                "target_s": TARGET_S, "met": total <= TARGET_S and record.statement_count >= args.guarantors}

            ws.clock = (lambda now: (lambda: now))(ws.now() + timedelta(days=35))  # the next cycle
            result, cli_s, _cpu = _timed(statements.run_statements, ws, None, folder / "cli.pdf", False)
            report["cli"] = {"statements": len(result.preview.statements), "s": round(cli_s, 2)}
        finally:
            ws.close()
    report["machine"] = {"python": platform.python_version(), "cpus": os.cpu_count(),
                         "load_before": [round(x, 2) for x in load_start],
                         "load_after": [round(x, 2) for x in os.getloadavg()]}
    print(json.dumps(report, indent=2))
    return 0 if report["run"]["met"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
