"""Front-desk benchmark: patient search as you type over 100,000 patients, and saving a 6-line encounter.

On a real SQLCipher workstation database in a temp folder (the key in an in-process keyring, never the
machine's): ICD-10-CM is loaded (services.codes.ensure_icd10_loaded), then --patients patients are
written straight into the patients and patient_phones tables in bulk (the rows services.patients would
write, without an audit row each: the search does not read those). Then:

  search   keystroke by keystroke through services.patients.search_patients(ws, text, limit=20), for
           --people randomly chosen patients: every prefix of the last name (from 1 letter), "last, f..."
           prefixes of the first name, the date of birth as MM/DD/YYYY, the account number's prefixes
           from 4 characters, and the phone number's digits from 3. Each call is timed (wall clock and
           this thread's CPU time); target p95 <= 20 ms.
  save     services.encounters.save_encounter(ws, e) for --saves new drafts of 6 lines and 4 diagnoses
           (each a transaction: validation, ICD-10-CM checks, the encounter row, diagnoses, lines,
           audit and outbox), and the same number of edits of a saved draft; target p95 <= 30 ms.

    .venv/bin/python benchmarks/front_desk.py [--patients 100000] [--people 200] [--saves 300]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import keyring
import keyring.backend

from medbill_desktop.domain.encounters import Encounter, ServiceLine
from medbill_desktop.domain.fees import FeeEntry
from medbill_desktop.domain.ids import human_number, new_id
from medbill_desktop.domain.npi import npi_check_digit
from medbill_desktop.domain.patients import Patient, Sex, format_date
from medbill_desktop.domain.practice import Address, Practice, format_phone
from medbill_desktop.services import codes, encounters, patients, reference_data, setup, users
from medbill_desktop.services.demo import CITIES, FEMALE, LAST, MALE, STREETS
from medbill_desktop.services.numbers import workstation_prefix
from medbill_desktop.storage import patients_store
from medbill_desktop.storage.tables import patient_phones
from medbill_desktop.storage.tables import patients as patients_table

SEARCH_TARGET_MS = 20.0
SAVE_TARGET_MS = 30.0


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


def _stats(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)

    def pct(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 3)

    return {"n": len(ordered), "p50": round(statistics.median(ordered), 3), "p95": pct(0.95), "p99": pct(0.99),
            "max": round(ordered[-1], 3)}


def _timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    wall, cpu = time.perf_counter(), time.thread_time()
    result = fn()
    return (time.perf_counter() - wall) * 1000, (time.thread_time() - cpu) * 1000, result


def _make_patients(ws: setup.Workstation, count: int, rng: random.Random) -> list[Patient]:
    with ws.read() as conn:
        prefix = workstation_prefix(conn)
    made: list[Patient] = []
    at = ws.now_iso()
    batch_rows: list[dict[str, Any]] = []
    phone_rows: list[dict[str, Any]] = []

    def flush() -> None:
        with ws.write() as conn:
            conn.execute(patients_table.insert(), batch_rows)
            if phone_rows:
                conn.execute(patient_phones.insert(), phone_rows)
        batch_rows.clear()
        phone_rows.clear()

    used_phones: set[str] = set()
    for i in range(count):
        sex = rng.choice((Sex.FEMALE, Sex.MALE))
        city, zip_code = rng.choice(CITIES)
        while True:
            phone = f"{rng.choice(('847', '224', '773', '312', '630', '708'))}{rng.randint(2000000, 9999999)}"
            if phone not in used_phones:
                used_phones.add(phone)
                break
        p = Patient(rng.choice(LAST), rng.choice(FEMALE if sex is Sex.FEMALE else MALE),
                    date(1930, 1, 1) + timedelta(days=rng.randint(0, 33000)), sex,
                    address=Address(f"{rng.randint(1, 9999)} {rng.choice(STREETS)}", city, "IL", zip_code),
                    cell_phone=phone, account_number=human_number(prefix, i + 1), id=new_id())
        made.append(p)
        batch_rows.append({"id": p.id, "created_at": at, **patients_store.patient_values(p, at)})
        phone_rows += [{"digits": k, "patient_id": p.id} for k in patients_store.phone_keys(p.phones)]
        if len(batch_rows) == 5000:
            flush()
    if batch_rows:
        flush()
    with ws.write() as conn:  # the counter services.numbers continues from
        conn.exec_driver_sql(f"INSERT OR REPLACE INTO counters (name, next_value) VALUES ('account', {count + 1})")
        conn.exec_driver_sql("ANALYZE")
    return made


def _queries(p: Patient) -> list[tuple[str, str]]:
    typed: list[tuple[str, str]] = []
    last = p.last_name
    typed += [("name", last[:n]) for n in range(1, len(last) + 1)]
    typed += [("name", f"{last}, {p.first_name[:n]}") for n in range(1, min(len(p.first_name), 4) + 1)]
    typed.append(("birth_date", format_date(p.date_of_birth)))  # type: ignore[arg-type]
    typed += [("account", p.account_number[:n]) for n in range(4, len(p.account_number) + 1)]
    phone = format_phone(p.cell_phone)
    digits_typed = [phone[:n] for n in range(1, len(phone) + 1) if sum(c.isdigit() for c in phone[:n]) >= 3]
    typed += [("phone", t) for t in dict.fromkeys(digits_typed)]
    return typed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--patients", type=int, default=100_000)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--saves", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    keyring.set_keyring(_Keyring())
    os.environ.pop(setup.PASSPHRASE_ENV, None)

    with tempfile.TemporaryDirectory() as folder:
        practice = Practice("Benchmark Family Medicine", "1234567893", "12-3456789", "207Q00000X",
                            Address("1 Main St", "Springfield", "IL", "62701"), "(217) 555-0100")
        ws = setup.create_workstation(Path(folder) / "bench.db", practice, admin_username="admin",
                                      admin_full_name="Bench Admin", admin_password="bench-pass-1",
                                      clock=lambda: datetime.now(UTC))
        users.sign_in(ws, "admin", "bench-pass-1")
        started = time.perf_counter()
        codes.ensure_icd10_loaded(ws)
        icd_seconds = time.perf_counter() - started
        started = time.perf_counter()
        made = _make_patients(ws, args.patients, rng)
        load_seconds = time.perf_counter() - started

        # --- search ---------------------------------------------------------------------------------------
        by_kind: dict[str, list[float]] = {}
        wall: list[float] = []
        cpu: list[float] = []
        found: dict[str, int] = {"birth_date": 0, "account": 0, "phone": 0}
        chosen = rng.sample(made, args.people)
        patients.search_patients(ws, "a")  # the first query of a process warms the connection
        for p in chosen:
            last_hits: dict[str, bool] = {}
            for kind, text in _queries(p):
                w, c, hits = _timed(lambda text=text: patients.search_patients(ws, text))
                wall.append(w)
                cpu.append(c)
                by_kind.setdefault(kind, []).append(w)
                last_hits[kind] = any(h.id == p.id for h in hits)
            for kind in found:  # the whole date, account number or phone number finds the person
                found[kind] += last_hits[kind]

        # --- saving a 6-line encounter -------------------------------------------------------------------------
        billing = reference_data.save_provider(ws, _provider("Benchmark Family Medicine PC", "155555555"))
        rendering = reference_data.save_provider(ws, _provider("", "166666666"))
        fees = {"99214": 19500, "36415": 1800, "85025": 2800, "80053": 4200, "93000": 6500, "81002": 1400}
        for code, cents in fees.items():
            reference_data.save_fee(ws, FeeEntry(code, cents))
        patient = patients.register_patient(ws, replace(made[0], id=new_id(), account_number=""))
        today = ws.today()

        def six_lines(day_offset: int) -> Encounter:
            return Encounter(patient.id, today - timedelta(days=1 + day_offset % 100),
                             rendering_provider_id=rendering.id, billing_provider_id=billing.id,
                             place_of_service="11", diagnoses=("I10", "E11.9", "E78.5", "K21.9"),
                             lines=tuple(ServiceLine(code, cents, pointers=(1, 2) if i == 0 else (i % 4 + 1,))
                                         for i, (code, cents) in enumerate(fees.items())))

        save_new: list[float] = []
        save_edit: list[float] = []
        for i in range(args.saves):
            w, _, saved = _timed(lambda i=i: encounters.save_encounter(ws, six_lines(i)))
            save_new.append(w)
            edited = replace(saved, prior_authorization=f"PA{i}",
                             lines=(replace(saved.lines[0], modifiers=("25",)), *saved.lines[1:]))
            w, _, _ = _timed(lambda edited=edited: encounters.save_encounter(ws, edited))
            save_edit.append(w)
        ws.close()

    search = _stats(wall)
    saving = _stats(save_new + save_edit)
    report = {
        "machine": {"python": platform.python_version(), "platform": platform.platform(),
                    "cpus": os.cpu_count(), "load_average": list(os.getloadavg())},
        "patients": args.patients,
        "setup_seconds": {"icd10_load": round(icd_seconds, 1), "patients_bulk_load": round(load_seconds, 1)},
        "search_ms": {"all": search, "cpu": _stats(cpu), **{k: _stats(v) for k, v in sorted(by_kind.items())}},
        "complete_query_found_the_patient": {k: f"{v}/{args.people}" for k, v in found.items()},
        "search_target_p95_ms": SEARCH_TARGET_MS,
        "search_target_met": search["p95"] <= SEARCH_TARGET_MS,
        "save_6_line_encounter_ms": {"all": saving, "new": _stats(save_new), "edit": _stats(save_edit)},
        "save_target_p95_ms": SAVE_TARGET_MS,
        "save_target_met": saving["p95"] <= SAVE_TARGET_MS,
    }
    json.dump(report, sys.stdout, indent=2)
    print()
    return 0


def _provider(organization: str, first_nine: str) -> Any:
    from medbill_desktop.domain.reference import Provider

    npi = first_nine + str(npi_check_digit(first_nine))
    if organization:
        return Provider(npi=npi, taxonomy="207Q00000X", organization_name=organization, tax_id="12-3456789",
                        address=Address("1 Main St", "Springfield", "IL", "62701"), renders=False, bills=True)
    return Provider(npi=npi, taxonomy="207Q00000X", last_name="Raman", first_name="Priya", credentials="MD")


if __name__ == "__main__":
    raise SystemExit(main())
