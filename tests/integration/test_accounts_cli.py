"""`medbill accounts show ACCOUNT [--json]` as a user runs it: the entries with their party amounts, running
balances and words, the balances and the aging; an unknown account exits 1 and says so."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from account_support import Eob, eob, seen
from front_desk_support import make_desk

from medbill_desktop.cli import main
from medbill_desktop.domain.account_ledger import AGING_BUCKETS, bucket_index
from medbill_desktop.services import patient_payments
from medbill_desktop.services.context import Workstation


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_show_an_account_as_json_and_as_text(workstation: Workstation, db_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    desk = make_desk(workstation)
    john = desk.patient()
    desk.insure(john, desk.aetna, copay_cents=0)
    visit = seen(desk, john, days_ago=45)
    eob(desk, visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1000, 1000)])
    patient_payments.take_payment(workstation, john.id, 1000, "check", "1042")
    db = str(db_path)

    code, out, _ = run(capsys, "--db", db, "accounts", "show", john.account_number.lower(), "--json")
    assert code == 0
    shown = json.loads(out)
    assert (shown["account"], shown["patient"]) == (john.account_number, "Smith, John")
    entries = shown["entries"]
    assert [(e["kind"], e["visit"]["code"]) for e in entries] == [
        ("charge", "99213"), ("charge", "36415"), ("payment", "99213"), ("payment", "36415"),
        ("adjustment", "99213"), ("adjustment", "36415"), ("transfer", "99213"), ("payment", "99213")]
    first, last = entries[0], entries[-1]
    assert first["date"] == visit.date_of_service.isoformat() == first["visit"]["date_of_service"]
    assert first["amounts"] == {"primary": 12500, "secondary": 0, "tertiary": 0, "patient": 0, "credit": 0}
    assert entries[2]["words"].startswith("Your insurance (Aetna) allowed $80.00 of the $125.00 charge")
    assert entries[2]["source"].startswith("Batch ") and "Aetna check 889123" in entries[2]["source"]
    assert last["amounts"]["patient"] == -1000 and last["balances"] == {
        "primary": 0, "secondary": 0, "tertiary": 0, "patient": 600, "credit": 0, "total": 600}
    assert last["words"] == (f"You paid $10.00 by check no. 1042 toward the "
                             f"{visit.date_of_service.strftime('%m/%d/%Y')} visit (99213).")
    assert shown["balances"] == {"primary": 0, "secondary": 0, "tertiary": 0, "patient": 600, "insurance": 0,
                                 "credit": 0, "total": 600, "refunded": 0}
    # the command line runs on the real clock: the visit's age is counted from today
    age = (date.today() - visit.date_of_service).days
    bucket = AGING_BUCKETS[bucket_index(age)][0]
    assert shown["as_of"] == date.today().isoformat()
    assert shown["aging"]["patient"] == {"current": 0, "31_60": 0, "61_90": 0, "91_120": 0, "over_120": 0,
                                         "total": 600} | {bucket: 600}
    assert shown["aging"]["insurance"]["total"] == 0

    code, out, _ = run(capsys, "--db", db, "accounts", "show", john.account_number)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"Account {john.account_number} — Smith, John — as of {date.today().strftime('%m/%d/%Y')}"
    assert "Primary" in lines[2] and "Patient" in lines[2] and "Secondary" not in lines[2]
    assert any("$64.00; $16.00 is your coinsurance." in line for line in lines)
    assert any(line.startswith("Patient") and line.rstrip().endswith("$6.00") for line in lines)
    assert "Balances: primary $0.00, patient $6.00, credit held $0.00, total $6.00" in out


def test_an_unknown_account_exits_1(workstation: Workstation, db_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(db_path), "accounts", "show", "ZZZ999999", "--json")
    assert code == 1 and out == ""
    assert "No patient has account number 'ZZZ999999'" in err
