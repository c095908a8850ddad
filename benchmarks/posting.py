"""Payment posting benchmark: read and post an 835 of 10,000 claims; pyx12 reading the same file; opening a
patient account with 2,000 entries. Prints JSON.

On a real SQLCipher workstation in a temp folder (the key in an in-process keyring, never the machine's),
with the reference data of the tests (tests/integration/front_desk_support.make_desk: providers, payers,
fees, an ICD-10-CM slice):

  setup    --templates claims are made through the services (patient, coverage, encounter, finalize, 837P
           export: submitted), --secondary-share of them with a secondary payer whose claim is readied when
           the primary's adjudication posts; then era_support.clone_claims copies them, in one transaction,
           into --claims submitted claims (the rows the services write: encounters, lines, charges in the
           ledger, claims, history, submissions). Not timed (reported).
  835      era_support.remittance writes one 835 of --checks checks over those claims: per ten claims, six paid
           at 80% of an allowed 80% (CO-45, PR-2), two paid in full, one denied (CO-16), one on the deductible
           (PR-1); $1.00 of PLB interest on the first check. Every check balances.
  read     edi.remit835.read_835(text) alone, for information.
  plan     services.era_import.plan_import(preview=False) alone, for information: reading, payer, claim and
           line matching, exceptions (what a dry run does before asking the posting service).
  import   services.era_import.import_835(ws, path): what `medbill era import FILE` does -- read the file,
           then per check, in its own write transaction, plan it and post it through
           services.posting.post_batch_in. Target: read + post <= 10 s.
  pyx12    pyx12.x12n_document.x12n_document on the same file (its full 005010X221A1 validation, 997
           written to memory, no HTML or XML), once, in the same run, for comparison.
  account  services.account_ledger.account_ledger(ws, account) for one patient whose account has at least
           --ledger-entries entries (its claims cloned and paid through an 835 like the one above), --repeat
           times after one warm-up; target p95 <= 50 ms (wall; CPU time reported beside it). The entries' words
           are made when first read: `with_first_screen_words` adds reading those of the 20 newest entries, what
           the ledger window shows when it opens.

With --profile, the import runs under cProfile and the 40 costliest functions (cumulative) are printed to
stderr (the phase figures then include the profiler's overhead).

    .venv/bin/python benchmarks/posting.py [--claims 10000] [--checks 10] [--templates 20]
        [--secondary-share 0.1] [--ledger-entries 2000] [--repeat 20] [--no-pyx12] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import logging
import math
import os
import platform
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import keyring
import keyring.backend
from sqlalchemy.engine.default import DefaultDialect

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "integration"))  # the tests' set-up helpers build the data

from era_support import Submitted, clone_claims, remittance, submitted_claims  # noqa: E402
from front_desk_support import make_desk  # noqa: E402

from medbill_desktop.domain.practice import Address, Practice  # noqa: E402
from medbill_desktop.edi import remit835  # noqa: E402
from medbill_desktop.services import account_ledger, era_import, posting, setup, users  # noqa: E402
from medbill_desktop.services import claims as claims_service  # noqa: E402
from medbill_desktop.services.context import Workstation  # noqa: E402
from medbill_desktop.storage import ledger_store  # noqa: E402

READ_POST_TARGET_S = 10.0
ACCOUNT_TARGET_MS = 50.0
SCREEN_ROWS = 20  # the entries the ledger window shows when it opens (the newest, each with its words)


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
                        taxonomy="207Q00000X", address=Address("12 Main St", "Springfield", "IL", "62701"),
                        phone="(217) 555-0100")
    ws = setup.create_workstation(folder / "bench.db", practice, admin_username="admin", admin_full_name="Ada Admin",
                                  admin_password="admin-pass-1")
    users.sign_in(ws, "admin", "admin-pass-1")
    return ws


def _groups(claims: list[Submitted], checks: int) -> list[list[Submitted]]:
    size = -(-len(claims) // checks)
    return [claims[i:i + size] for i in range(0, len(claims), size)]


class _Phases:
    """Wall and CPU time per phase of a run: chosen functions are wrapped while the run lasts; each phase gets
    the time spent in its functions less the time spent in the phases nested inside them."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._stack: list[list[float]] = []  # per open phase: [nested wall, nested cpu]
        self._undo: list[tuple[Any, str, Any]] = []

    def wrap(self, owner: Any, name: str, phase: str) -> None:
        original = getattr(owner, name)
        self.wall.setdefault(phase, 0.0)
        self.cpu.setdefault(phase, 0.0)

        def timed(*args: Any, **kwargs: Any) -> Any:
            self._stack.append([0.0, 0.0])
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return original(*args, **kwargs)
            finally:
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
                nested = self._stack.pop()
                self.wall[phase] += wall - nested[0]
                self.cpu[phase] += cpu - nested[1]
                if self._stack:
                    self._stack[-1][0] += wall
                    self._stack[-1][1] += cpu

        setattr(owner, name, timed)
        self._undo.append((owner, name, original))

    def restore(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()

    def report(self, wall: float, cpu: float) -> dict[str, dict[str, float]]:
        out = {phase: {"s": round(self.wall[phase], 3), "cpu_s": round(self.cpu[phase], 3)} for phase in self.wall}
        out["other"] = {"s": round(wall - sum(self.wall.values()), 3), "cpu_s": round(cpu - sum(self.cpu.values()), 3)}
        return out


def _import_phases() -> _Phases:
    phases = _Phases()
    phases.wrap(remit835, "read_835", "read")
    phases.wrap(era_import, "_known", "match")
    phases.wrap(era_import, "_plan_check", "match")
    phases.wrap(posting, "_plan", "plan")
    phases.wrap(ledger_store, "insert_many", "ledger")
    phases.wrap(posting, "_write", "rows")
    phases.wrap(claims_service, "ready_if_clean_many_in", "ready")
    phases.wrap(Workstation, "emit", "outbox")
    phases.wrap(Workstation, "audit", "audit")
    phases.wrap(DefaultDialect, "do_commit", "commit")
    return phases


def _pyx12(text: str) -> dict[str, Any]:
    import pyx12.params
    import pyx12.x12n_document

    logging.getLogger("pyx12").setLevel(logging.CRITICAL)
    fd_997 = io.StringIO()
    wall, cpu = time.perf_counter(), time.process_time()
    ok = pyx12.x12n_document.x12n_document(param=pyx12.params.params(), src_file=io.StringIO(text),
                                           fd_997=fd_997, fd_html=None, fd_xmldoc=None)
    return {"s": round(time.perf_counter() - wall, 3), "cpu_s": round(time.process_time() - cpu, 3),
            "valid": bool(ok)}


def _open_account_child(db: Path, account: str, secrets: Path, repeat: int) -> int:
    """`--open-account`: in a process of its own, as a workstation opens it (no import's heap around it), sign in
    and time opening the account `repeat` times after a warm-up; print the samples as JSON."""
    store = _Keyring()
    store.secrets = {tuple(k.split("\n", 1)): v for k, v in json.loads(secrets.read_text()).items()}  # type: ignore[misc]
    keyring.set_keyring(store)
    ws = setup.open_workstation(db)
    users.sign_in(ws, "admin", "admin-pass-1")
    account_ledger.account_ledger(ws, account)
    samples, cpu, screen = [], [], []
    for _ in range(repeat):
        wall, began = time.perf_counter(), time.process_time()
        opened = account_ledger.account_ledger(ws, account)
        samples.append((time.perf_counter() - wall) * 1000)
        cpu.append((time.process_time() - began) * 1000)
        _words = [e.words for e in opened.entries[-SCREEN_ROWS:]]
        screen.append((time.perf_counter() - wall) * 1000)
    ws.close()
    print(json.dumps({"entries": len(opened.entries), "samples": samples, "cpu": cpu, "screen": screen}))
    return 0


def _account(ws: Workstation, desk: Any, folder: Path, entries: int, repeat: int) -> dict[str, Any]:
    """One patient with enough paid claims that the account has at least `entries` entries; time opening it."""
    [template] = submitted_claims(desk, 1, last="Ledger")
    claims: list[Submitted] = [template]
    built = account_ledger.account_ledger(ws, template.account)
    n, step = 0, 50
    while len(built.entries) < entries:  # 50 paid claims first, then as many as the rest needs (just over)
        more = clone_claims(ws, [template], step)
        claims += more
        path = folder / f"ledger-{n}.835"
        path.write_text(remittance(_groups(more, 1), trace_prefix=f"LEDGER{n}X"))
        result = era_import.import_835(ws, path)
        assert not result.exceptions, result.exceptions[:3]
        n += 1
        before, built = len(built.entries), account_ledger.account_ledger(ws, template.account)
        per_claim = (len(built.entries) - before) / len(more)  # a charge per line, a payment, adjustments, ...
        step = max(1, math.ceil((entries - len(built.entries)) / per_claim))
    # opened in a process of its own, as a workstation opens it: this one holds the whole benchmark's heap (the
    # 835 as read, pyx12's maps), which only makes Python's cycle collector slower
    secrets = folder / "keyring.json"
    secrets.write_text(json.dumps({f"{k[0]}\n{k[1]}": v for k, v in keyring.get_keyring().secrets.items()}))
    child = subprocess.run([sys.executable, __file__, "--open-account", str(ws.db.path), template.account,
                            "--secrets", str(secrets), "--repeat", str(repeat)],
                           capture_output=True, text=True, check=True)
    secrets.unlink()
    measured = json.loads(child.stdout)
    samples, cpu, screen = measured["samples"], measured["cpu"], measured["screen"]
    opened_entries = measured["entries"]
    # what the ledger window shows first: the newest entries with their words (made when first read)

    def p95(values: list[float]) -> float:
        return round(sorted(values)[min(len(values) - 1, int(0.95 * len(values)))], 1)

    return {"account": template.account, "claims": len(claims), "entries": opened_entries, "process": "its own",
            "p50_ms": round(statistics.median(samples), 1), "p95_ms": p95(samples),
            "max_ms": round(max(samples), 1), "cpu_p50_ms": round(statistics.median(cpu), 1),
            "cpu_p95_ms": p95(cpu), "with_first_screen_words_p50_ms": round(statistics.median(screen), 1),
            "runs_ms": [round(s, 1) for s in samples],
            "target_ms": ACCOUNT_TARGET_MS, "met": p95(samples) <= ACCOUNT_TARGET_MS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--checks", type=int, default=10)
    parser.add_argument("--templates", type=int, default=20)
    parser.add_argument("--secondary-share", type=float, default=0.1)
    parser.add_argument("--ledger-entries", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--no-pyx12", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--open-account", nargs=2, metavar=("DB", "ACCOUNT"), help=argparse.SUPPRESS)
    parser.add_argument("--secrets", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.open_account:
        keyring.set_keyring(_Keyring())
        return _open_account_child(Path(args.open_account[0]), args.open_account[1], args.secrets, args.repeat)
    load_start = os.getloadavg()
    os.environ.pop("MEDBILL_DB_PASSPHRASE", None)
    keyring.set_keyring(_Keyring())
    report: dict[str, Any] = {"benchmark": "posting", "claims": args.claims, "checks": args.checks}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws = _workstation(folder)
        try:
            wall = time.perf_counter()
            desk = make_desk(ws)
            with_secondary = round(args.templates * args.secondary_share)
            templates = submitted_claims(desk, args.templates - with_secondary)
            if with_secondary:
                templates += submitted_claims(desk, with_secondary, secondary=True, last="Second")
            made_at = time.perf_counter()
            claims = clone_claims(ws, templates, args.claims)
            cloned = time.perf_counter() - made_at
            text = remittance(_groups(claims, args.checks))
            path = folder / "remit.835"
            path.write_text(text)
            report["setup"] = {"s": round(time.perf_counter() - wall, 1), "clone_s": round(cloned, 2),
                               "templates": len(templates), "with_secondary": with_secondary,
                               "file_bytes": len(text), "segments": text.count("~")}

            wall, cpu = time.perf_counter(), time.process_time()
            remittances = remit835.read_835(text)
            report["read_only"] = {"s": round(time.perf_counter() - wall, 3),
                                   "cpu_s": round(time.process_time() - cpu, 3)}
            assert sum(len(r.claims) for r in remittances) == args.claims

            wall, cpu = time.perf_counter(), time.process_time()
            dry = era_import.plan_import(ws, text, path.name, preview=False)
            report["plan_only"] = {"s": round(time.perf_counter() - wall, 3),
                                   "cpu_s": round(time.process_time() - cpu, 3)}
            assert not dry.exceptions, dry.exceptions[:5]

            profiler = cProfile.Profile() if args.profile else None
            if profiler:
                profiler.enable()
            phases = _import_phases()
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                result = era_import.import_835(ws, path)
            finally:
                total = time.perf_counter() - wall
                cpu_total = time.process_time() - cpu
                phases.restore()
            if profiler:
                profiler.disable()
                pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative").print_stats(40)
            assert not result.exceptions, result.exceptions[:5]
            assert len(result.posted) == args.checks
            report["import"] = {
                "total_s": round(total, 3), "cpu_s": round(cpu_total, 3), "claims_per_s": round(args.claims / total, 1),
                "readied_secondary_claims": sum(len(p.readied_claims) for p in result.posted),
                "denials": sum(len(p.denials) for p in result.posted),
                "target_s": READ_POST_TARGET_S, "met": total <= READ_POST_TARGET_S,
                "phases": phases.report(total, cpu_total)}
            if not args.no_pyx12:
                report["pyx12"] = _pyx12(text)
            report["account_ledger"] = _account(ws, desk, folder, args.ledger_entries, args.repeat)
        finally:
            ws.close()
    report["machine"] = {"python": platform.python_version(), "platform": platform.platform(),
                         "cpus": os.cpu_count(),
                         "load_average_1min": {"start": round(load_start[0], 2), "end": round(os.getloadavg()[0], 2)}}
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
