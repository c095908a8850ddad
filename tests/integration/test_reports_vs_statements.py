"""The amounts due in a statement run equal the patient balances of the same accounts in `medbill reports aging`:
both read the patient's share only (insurance balances are pending), age it by date of service, take each
account's credit off its oldest balances, and group accounts by the statements' guarantor (a patient guarantor,
or a parent typed in by name). Compared through the two commands a user runs, and through the services."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from account_support import Eob, eob, seen
from front_desk_support import Desk, make_desk

from medbill_desktop.cli import main
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reports import AgingKind
from medbill_desktop.services import patient_payments, reports, statements
from medbill_desktop.services.context import Workstation

DAY = "2026-11-02"  # the test clock's day (the command line runs on the real clock)
TWO_LINES = (("99213", 12500), ("36415", 1500))
HOME = Address("5 Oak Ave", "Springfield", "IL", "62704")


def practice_with_every_kind_of_account(desk: Desk) -> None:
    ws = desk.ws
    john = desk.patient("Smith", "John")  # insured: his coinsurance is his; his son's visit goes on his statement
    desk.insure(john, desk.aetna, copay_cents=0)
    visit = seen(desk, john, TWO_LINES, days_ago=45)
    eob(desk, visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1500, 1500)])
    kid = desk.patient("Smith", "Kid", dob=date(2015, 5, 1), guarantor=Guarantor(
        "Smith", "John", GuarantorRelationship.PARENT, HOME, patient_id=john.id))
    seen(desk, kid, (("99213", 12500),), days_ago=35)
    parent = Guarantor("Lee", "Dana", GuarantorRelationship.PARENT, HOME)  # typed in: not a patient
    amy = desk.patient("Lee", "Amy", dob=date(2014, 2, 2), guarantor=parent)  # only a balance with insurance
    desk.insure(amy, desk.aetna, copay_cents=0)
    seen(desk, amy, TWO_LINES, days_ago=20)
    ben = desk.patient("Lee", "Ben", dob=date(2016, 3, 3), guarantor=parent)
    seen(desk, ben, TWO_LINES, days_ago=95)
    pat = desk.patient("Ahead", "Pat")  # $20 of credit against a $125 visit
    patient_payments.take_payment(ws, pat.id, 2000, "check", "1001")
    seen(desk, pat, (("99213", 12500),), days_ago=10)
    zoe = desk.patient("Ahead", "Zoe")  # more credit than she owes: nothing due
    patient_payments.take_payment(ws, zoe.id, 20000, "card", "4242")
    seen(desk, zoe, (("99213", 12500),), days_ago=5)
    sam = desk.patient("Self", "Sam")
    seen(desk, sam, TWO_LINES, days_ago=200)
    patient_payments.take_payment(ws, sam.id, 4000, "cash")
    mary = desk.patient("Jones", "Mary")  # everything still with insurance: nothing due
    desk.insure(mary, desk.aetna, copay_cents=0)
    seen(desk, mary, TWO_LINES, days_ago=100)


@pytest.fixture
def practice_data(workstation: Workstation) -> Workstation:
    practice_with_every_kind_of_account(make_desk(workstation))
    return workstation


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict:  # type: ignore[type-arg]
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def test_amounts_due_in_a_run_equal_the_patient_aging(practice_data: Workstation, db_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    run = run_json(capsys, "--db", db, "statements", "run", "--as-of", DAY, "--dry-run", "--json")
    aging = run_json(capsys, "--db", db, "reports", "aging", "--kind", "patient", "--as-of", DAY, "--json")
    rows = {r["account"]: r for r in aging["patient"]["rows"]}
    owed = [s for s in run["statements"] + run["skipped"] if s["amount_due_cents"]]
    assert len(run["statements"]) >= 3 and owed
    for s in owed:
        row = rows[s["guarantor_account"]]
        assert row["total"] == s["amount_due_cents"], (s["guarantor"], row)
        assert {k: v for k, v in row["buckets"].items() if k != "total"} == s["aging"], s["guarantor"]
    # every guarantor the aging says owes something is in the run, sent or skipped with its reason
    assert {a for a, r in rows.items() if r["total"]} == {s["guarantor_account"] for s in owed}
    assert sum(s["amount_due_cents"] for s in run["statements"]) == run["total_due_cents"]
    assert sum(s["amount_due_cents"] for s in owed) == aging["patient"]["total"]
    by_name = {s["guarantor"]: s for s in owed}
    lee = next(s for name, s in by_name.items() if "Lee" in name)
    assert lee["amount_due_cents"] == 14000  # Ben's visit; Amy's is pending with Aetna
    assert rows[lee["guarantor_account"]]["label"] == "Lee, Dana (guarantor)"
    john = rows[next(s for n, s in by_name.items() if "John" in n)["guarantor_account"]]
    assert john["total"] == 1600 + 12500 and john["label"] == "Smith, John"


def test_the_services_agree_account_by_account(practice_data: Workstation) -> None:
    as_of = date.fromisoformat(DAY)
    balances = statements.patient_balances(practice_data, as_of)
    report = reports.aging(practice_data, AgingKind.PATIENT, as_of=as_of)
    items = reports.aging_claims(practice_data, AgingKind.PATIENT, "guarantor", None, as_of)
    per_account: dict[str, int] = {}
    for item in items:
        per_account[item.account_number] = per_account.get(item.account_number, 0) + item.cents
    assert per_account == {a: b.amount_due_cents for a, b in balances.items() if b.amount_due_cents}
    assert report.total == sum(b.amount_due_cents for b in balances.values())
    left = sum(max(b.credit_cents - b.patient_cents, 0) for b in balances.values())
    assert report.credit == left == 20000 - 12500  # Zoe's credit beyond her visit
