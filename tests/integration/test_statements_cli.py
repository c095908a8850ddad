"""`medbill statements run` and `medbill statements history` as a user runs them: the JSON per statement
(guarantor account, amount due, aging buckets), the reasons for those not sent, the PDF written 0600, a dry run
that records nothing, the refusal without --out, and the history afterwards."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pdfplumber
import pytest
from account_support import Eob, eob, seen
from front_desk_support import make_desk
from statements_support import owe

from medbill_desktop.cli import main
from medbill_desktop.services import statements
from medbill_desktop.services.context import Workstation

AS_OF = "2026-11-02"  # the test clock's day (the command line runs on the real clock)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_run_from_the_command_line(workstation: Workstation, db_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    desk = make_desk(workstation)
    ann = desk.patient("Lee", "Ann")
    owe(desk, ann, 4000, days_ago=45)
    owe(desk, ann, 1000, days_ago=3)
    john = desk.patient("Smith", "John")
    desk.insure(john, desk.aetna, copay_cents=0)
    visit = seen(desk, john, days_ago=10)
    eob(desk, visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1000, 1000)])
    seen(desk, john, (("99214", 18000),), days_ago=2)  # pending with Aetna
    tiny = desk.patient("Bell", "Tia")
    owe(desk, tiny, 300)  # below the $5.00 minimum
    db = str(db_path)
    out_pdf = tmp_path / "statements.pdf"

    code, _out, err = run(capsys, "--db", db, "statements", "run", "--as-of", AS_OF)
    assert code == 2 and "--out FILE.pdf" in err

    code, out, _err = run(capsys, "--db", db, "statements", "run", "--as-of", AS_OF, "--dry-run", "--json")
    assert code == 0
    dry = json.loads(out)
    assert (dry["dry_run"], dry["run_number"], dry["pdf"], dry["statement_count"]) == (True, None, None, 2)
    assert statements.list_runs(workstation) == []

    code, out, _err = run(capsys, "--db", db, "statements", "run", "--as-of", AS_OF, "--out", str(out_pdf), "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["as_of"] == AS_OF and shown["pdf"] == str(out_pdf) and shown["run_number"]
    assert shown["statement_count"] == 2 and shown["total_due_cents"] == 6600
    by_account = {s["guarantor_account"]: s for s in shown["statements"]}
    assert by_account[ann.account_number]["amount_due_cents"] == 5000
    assert by_account[ann.account_number]["aging"] == {"current": 1000, "31_60": 4000, "61_90": 0, "91_120": 0,
                                                       "over_120": 0}
    smith = by_account[john.account_number]
    assert (smith["amount_due_cents"], smith["pending_insurance_cents"], smith["guarantor"]) == (
        1600, 18000, "John Smith")
    assert smith["aging"] == {"current": 1600, "31_60": 0, "61_90": 0, "91_120": 0, "over_120": 0}
    assert shown["skipped"] == [{"guarantor_account": tiny.account_number, "guarantor": "Tia Bell",
                                 "amount_due_cents": 300, "reason": "$3.00 is below the minimum of $5.00.",
                                 "skip": "below_minimum"}]
    # the amounts due are the accounts' patient balances
    balances = statements.patient_balances(workstation)
    for account, s in by_account.items():
        assert s["amount_due_cents"] == balances[account].amount_due_cents
    assert out_pdf.stat().st_mode & 0o777 == 0o600
    assert hashlib.sha256(out_pdf.read_bytes()).hexdigest() == shown["pdf_sha256"]
    with pdfplumber.open(out_pdf) as doc:
        texts = [page.extract_text() for page in doc.pages]
    firsts = [t for t in texts if "Amount enclosed" in t]  # each statement's first page has the remit stub
    assert len(firsts) == 2
    assert any(f"Account number {ann.account_number}" in t and "Amount due $50.00" in t for t in firsts)
    assert any(f"Account number {john.account_number}" in t and "Amount due $16.00" in t for t in firsts)

    # the same day again: everyone got one already
    code, out, _err = run(capsys, "--db", db, "statements", "run", "--as-of", AS_OF, "--out",
                          str(tmp_path / "again.pdf"))
    assert code == 0 and out.startswith("No statement is due on 11/02/2026") and not (tmp_path / "again.pdf").exists()
    assert "Last statement 11/02/2026, 0 days ago" in out

    code, out, _err = run(capsys, "--db", db, "statements", "history", ann.account_number, "--json")
    assert code == 0
    history = json.loads(out)
    assert history["guarantor_account"] == ann.account_number
    assert [(s["run_number"], s["amount_due_cents"], s["dunning"]) for s in history["statements"]] == [
        (shown["run_number"], 5000, "past_due")]
    code, out, _err = run(capsys, "--db", db, "statements", "history", ann.account_number)
    assert code == 0 and "11/02/2026" in out and "$50.00 due" in out

    code, _out, err = run(capsys, "--db", db, "statements", "history", "NOPE123")
    assert code == 1 and "No patient has account number 'NOPE123'" in err


def test_a_text_run_lists_the_statements_and_the_reasons(workstation: Workstation, db_path: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    desk = make_desk(workstation)
    owe(desk, desk.patient("Cruz", "Ed"), 2500, days_ago=100)
    code, out, _err = run(capsys, "--db", str(db_path), "statements", "run", "--as-of", AS_OF, "--out",
                          str(tmp_path / "s.pdf"))
    assert code == 0
    assert out.splitlines()[0].startswith("Statement run ") and "1 statement, $25.00 due" in out
    assert "Ed Cruz" in out and "$25.00" in out
