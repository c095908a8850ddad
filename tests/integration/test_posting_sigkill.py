"""SIGKILL in the middle of posting a 500-claim 835 of five checks: after the restart each check is fully
posted or not at all, the database opens cleanly and passes PRAGMA integrity_check, and importing the file
again posts exactly the checks that were missing.

The workstation (passphrase-derived key, so another process can open it) and its 500 submitted claims are
made here; `medbill era import` runs in a child process, and is killed with SIGKILL as soon as this process
sees the first check committed (polling the database), while the next check's transaction is open."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from era_support import Submitted, balance, batch_account_sums, clone_claims, remittance, submitted_claims
from front_desk_support import make_desk
from sqlalchemy import func, select

from medbill_desktop.domain.ledger import Party
from medbill_desktop.services import claims, era_import, setup, users
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import tables

PASSPHRASE = "sigkill test passphrase"
CHECKS, PER_CHECK = 5, 100
CLI = "import sys; from medbill_desktop.cli import main; sys.exit(main(sys.argv[1:]))"


def open_ws(path: Path) -> Workstation:
    ws = setup.open_workstation(path)
    users.sign_in(ws, "admin", "admin-pass-1")
    return ws


def test_sigkill_mid_posting_leaves_each_check_whole_or_absent(
        tmp_path: Path, practice: Any, clock: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDBILL_DB_PASSPHRASE", PASSPHRASE)
    db = tmp_path / "kill.db"
    ws = setup.create_workstation(db, practice, admin_username="admin", admin_full_name="Ada Admin",
                                  admin_password="admin-pass-1", clock=clock)
    users.sign_in(ws, "admin", "admin-pass-1")
    desk = make_desk(ws)
    templates = submitted_claims(desk, 6) + submitted_claims(desk, 4, secondary=True, last="Second")
    made = clone_claims(ws, templates, CHECKS * PER_CHECK)
    groups = [made[i * PER_CHECK:(i + 1) * PER_CHECK] for i in range(CHECKS)]
    text = remittance(groups, trace_prefix="KILL")
    path = tmp_path / "big.835"
    path.write_text(text)
    traces = [f"KILL{k:05d}" for k in range(1, CHECKS + 1)]
    ws.close()

    env = dict(os.environ, MEDBILL_DB_PASSPHRASE=PASSPHRASE)
    child = subprocess.Popen([sys.executable, "-c", CLI, "--db", str(db), "era", "import", str(path), "--json"],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # the watcher reads in autocommit (a service's read takes BEGIN IMMEDIATE, which would wait for the child's
    # write transactions and see the checks only once they are all posted)
    watcher = setup.open_workstation(db)
    raw = watcher.db.engine.raw_connection()
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and child.poll() is None:
            if raw.cursor().execute("SELECT count(*) FROM payment_batches").fetchone()[0] >= 1:
                child.send_signal(signal.SIGKILL)
                break
            time.sleep(0.005)
        child.wait(timeout=60)
        out, err = child.communicate()
    finally:
        raw.close()
        watcher.close()
    assert child.returncode == -signal.SIGKILL, (child.returncode, out[-2000:], err[-2000:])

    ws = open_ws(db)  # the database opens cleanly after the kill ...
    try:
        with ws.read() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar_one() == "ok"
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            batches = {b.reference: b for b in conn.execute(select(tables.payment_batches))}
            unbalanced = conn.execute(select(tables.ledger_postings.c.transaction_id)
                                      .group_by(tables.ledger_postings.c.transaction_id)
                                      .having(func.sum(tables.ledger_postings.c.amount_cents) != 0)).all()
            orphans = conn.execute(select(func.count()).select_from(tables.ledger_postings).where(
                tables.ledger_postings.c.transaction_id.not_in(select(tables.ledger_transactions.c.id)))).scalar_one()
        assert unbalanced == [] and orphans == 0
        # ... mid-posting: some checks were posted, not all
        assert 1 <= len(batches) < CHECKS, f"{len(batches)} checks posted before the kill"
        assert set(batches) <= set(traces)
        amounts = batch_account_sums(ws)
        assert all(amount == total for amount, total in amounts.values()), amounts
        for trace, group in zip(traces, groups, strict=True):
            check_whole_or_absent(ws, trace in batches, batches.get(trace), group)

        # importing the file again posts exactly what is missing
        result = era_import.import_835(ws, path)
        assert result.exceptions == ()
        assert sorted(s.trace for s in result.skipped_duplicates) == sorted(batches)
        assert sorted(p.trace for p in result.posted) == sorted(set(traces) - set(batches))
        amounts = batch_account_sums(ws)
        assert len(amounts) == CHECKS and all(amount == total for amount, total in amounts.values())
        for group in groups:
            check_whole_or_absent(ws, True, None, group)
    finally:
        ws.close()


def check_whole_or_absent(ws: Workstation, posted: bool, batch: Any, group: list[Submitted]) -> None:
    """Every claim of a posted check has its adjudication and is no longer submitted; no claim of a missing
    check has one, and what the payer owes on its lines is still the whole charge."""
    numbers = [c.number for c in group]
    with ws.read() as conn:
        ids = dict(conn.execute(select(tables.claims.c.claim_number, tables.claims.c.id)
                                .where(tables.claims.c.claim_number.in_(numbers))).all())
        adjudicated = set(conn.execute(select(tables.claim_adjudications.c.claim_id)
                                       .where(tables.claim_adjudications.c.claim_id.in_(list(ids.values()))))
                          .scalars())
        if batch is not None:
            in_batch = conn.execute(select(func.count()).select_from(tables.claim_adjudications)
                                    .where(tables.claim_adjudications.c.batch_id == batch.id)).scalar_one()
            assert in_batch == len(group)
    statuses = {c.claim_number: c.status.value for c in claims.list_claims(ws) if c.claim_number in ids}
    if posted:
        assert adjudicated == set(ids.values())
        assert all(s != "submitted" for s in statuses.values())
    else:
        assert adjudicated == set()
        assert set(statuses.values()) == {"submitted"}
        for c in group[:10]:
            assert [balance(ws, c, i, Party.PRIMARY) for i in range(len(c.lines))] == [x for _, x in c.lines]
