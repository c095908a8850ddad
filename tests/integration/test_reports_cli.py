"""`medbill reports aging|kpi|daysheet` as a user runs them: JSON with integer cents and ISO dates, the claims
behind each row, text for people, --out as CSV or PDF, and plain errors."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from account_support import Eob, eob, seen
from denials_support import deny, sent_claim
from front_desk_support import Desk, make_desk

from medbill_desktop.cli import main
from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship
from medbill_desktop.domain.practice import Address
from medbill_desktop.services import patient_payments
from medbill_desktop.services.context import Workstation

TWO_LINES = (("99213", 12500), ("36415", 1500))
DAY = "2026-11-02"  # the test clock's day: the command line runs on the real clock, so reports name the day


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


class Data:
    def __init__(self, desk: Desk) -> None:
        ws = desk.ws
        self.john = desk.patient("Smith", "John")
        desk.insure(self.john, desk.aetna, copay_cents=0)
        self.john_visit = seen(desk, self.john, TWO_LINES, days_ago=45)
        eob(desk, self.john_visit, [Eob(12500, 8000, 6400, coinsurance=1600), Eob(1500, 1500, 1500)])
        self.kid = desk.patient("Smith", "Kid", dob=date(2015, 5, 1), guarantor=Guarantor(
            "Smith", "John", GuarantorRelationship.PARENT, Address("5 Oak Ave", "Springfield", "IL", "62704"),
            patient_id=self.john.id))
        seen(desk, self.kid, (("99213", 12500),), days_ago=35)
        self.mary = desk.patient("Jones", "Mary")
        desk.insure(self.mary, desk.aetna, copay_cents=0)
        self.mary_visit = seen(desk, self.mary, TWO_LINES, days_ago=100)
        self.sam = desk.patient("Self", "Sam")
        seen(desk, self.sam, TWO_LINES, days_ago=200)
        patient_payments.take_payment(ws, self.sam.id, 4000, "cash")
        self.denied = sent_claim(desk, "Denied", days_ago=40)
        deny(desk, self.denied, ("CO", "16"), check_date=desk.today - timedelta(days=3))


@pytest.fixture
def data(workstation: Workstation) -> Data:
    return Data(make_desk(workstation))


def test_aging_as_json(data: Data, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "aging", "--as-of", DAY, "--json")
    assert code == 0
    shown = json.loads(out)
    assert shown["as_of"] == DAY
    insurance = shown["insurance"]
    assert insurance["by"] == "payer" and insurance["total"] == 28000 and insurance["claims"] == 2
    assert [(r["label"], r["buckets"], r["claims"]) for r in insurance["rows"]] == [
        ("Aetna", {"current": 0, "31_60": 14000, "61_90": 0, "91_120": 14000, "over_120": 0, "total": 28000}, 2)]
    assert insurance["totals"] == insurance["rows"][0]["buckets"]
    patient = shown["patient"]
    assert patient["by"] == "guarantor" and patient["total"] == 24100 and patient["credit"] == 0
    rows = {r["label"]: r for r in patient["rows"]}
    assert rows["Smith, John"]["account"] == data.john.account_number
    assert rows["Smith, John"]["buckets"]["31_60"] == 14100 and rows["Smith, John"]["visits"] == 2
    assert rows["Smith, John"]["patients"] == "Smith, John, Smith, Kid"
    assert rows["Self, Sam"]["buckets"]["over_120"] == 10000


def test_aging_with_the_claims_behind_each_row(data: Data, db_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "aging", "--kind", "insurance", "--as-of", DAY,
                       "--claims", "--json")
    assert code == 0
    [aetna] = json.loads(out)["insurance"]["rows"]
    assert [(i["claim"], i["patient"], i["age_days"], i["balance"], i["bucket"]) for i in aetna["items"]] == [
        (data.mary_visit.claim(), "Jones, Mary", 100, 14000, "91–120 days"),
        (data.denied, "Denied, John", 40, 14000, "31–60 days")]
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "aging", "--by", "provider", "--as-of", DAY,
                       "--json")
    shown = json.loads(out)
    assert shown["insurance"]["rows"][0]["label"] == "Nguyen, Lan, MD"
    assert shown["patient"]["by"] == "provider"


def test_aging_as_text_and_saved(data: Data, db_path: Path, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "patient.csv"
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "aging", "--kind", "patient", "--as-of", DAY,
                       "--out", str(target))
    assert code == 0
    assert out.startswith("Patient A/R aging by guarantor — as of 11/02/2026")
    assert "Smith, John" in out and "$241.00" in out and f"Saved {target}" in out
    table = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert table[0][:3] == ["Guarantor", "Account", "Current"] and table[-1][0] == "Total"
    code, _, err = run(capsys, "--db", str(db_path), "reports", "aging", "--out", str(tmp_path / "both.pdf"))
    assert code == 1 and "one --kind" in err
    code, _, err = run(capsys, "--db", str(db_path), "reports", "aging", "--kind", "insurance", "--out",
                       str(tmp_path / "aging.txt"))
    assert code == 1 and ".csv or .pdf" in err
    code, _, err = run(capsys, "--db", str(db_path), "reports", "aging", "--kind", "patient", "--by", "payer")
    assert code == 1 and "grouped by guarantor or provider" in err


def test_kpi_as_json_and_pdf(data: Data, db_path: Path, tmp_path: Path,
                             capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "kpi", "--as-of", DAY, "--json")
    assert code == 0
    k = json.loads(out)
    assert k["period"] == {"start": "2026-08-05", "end": DAY, "days": 90}
    assert (k["denial_rate"], k["first_pass_rate"], k["adjudicated"], k["denied"]) == (0.5, 0.5, 2, 1)
    # charged in the period: John 140, his son 125, the denied visit 140 (Mary's and Sam's visits are older)
    assert k["charges"] == 14000 + 12500 + 14000 and k["payments"] == 7900 + 4000
    assert k["contractual_adjustments"] == 4500
    assert k["net_collection_rate"] == round(11900 / (40500 - 4500), 4)
    assert k["ar"]["total"] == 28000 + 1600 + 12500 + 10000
    assert k["days_in_ar"] == round(52100 / (40500 / 90), 1)
    assert k["ar_over_90_share"] == round((14000 + 10000) / 52100, 4)
    assert [(c["key"], c["denied"], c["rate"]) for c in k["denials_by_reason"]] == [("CO-16", 1, 0.5)]
    assert [(c["label"], c["adjudicated"]) for c in k["denials_by_payer"]] == [("Aetna", 2)]
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "kpi", "--as-of", DAY, "--days", "30", "--out",
                       str(tmp_path / "kpi.pdf"))
    assert code == 0 and "Key figures 10/04/2026 to 11/02/2026 (30 days)" in out
    assert "Days in A/R               —" in out  # nothing was charged in those 30 days
    assert (tmp_path / "kpi.pdf").read_bytes().startswith(b"%PDF")
    code, _, err = run(capsys, "--db", str(db_path), "reports", "kpi", "--days", "0")
    assert code == 1 and "1 to 3,660 days" in err


def test_day_sheet(data: Data, db_path: Path, workstation: Workstation,
                   capsys: pytest.CaptureFixture[str]) -> None:
    day = workstation.today().isoformat()  # the local day of the test clock's time
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "daysheet", "--from", day, "--json")
    assert code == 0
    sheet = json.loads(out)
    assert [(r["day"], r["user"]) for r in sheet["rows"]] == [(day, "Ada Admin")]
    assert sheet["totals"]["charges"] == 14000 * 4 + 12500  # entered today, whatever the date of service
    assert (sheet["totals"]["insurance_payments"], sheet["totals"]["patient_payments"]) == (7900, 4000)
    code, out, _ = run(capsys, "--db", str(db_path), "reports", "daysheet", "--from", "2020-01-01", "--to",
                       "2020-01-31")
    assert code == 0 and out.startswith("Day sheet 01/01/2020 to 01/31/2020")


def test_bad_dates_are_refused_by_the_parser(db_path: Path, workstation: Workstation,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["--db", str(db_path), "reports", "aging", "--as-of", "11/02/2026"])
    assert stopped.value.code == 2
    assert "write it as YYYY-MM-DD" in capsys.readouterr().err
