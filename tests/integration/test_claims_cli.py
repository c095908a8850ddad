"""`medbill claims ...` as a user runs it: JSON fields, files written, refusals and exit codes."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from claims_support import ack_999, finalized_claim, pyx12_ok
from front_desk_support import make_desk

from medbill_desktop.cli import main
from medbill_desktop.services import reference_data
from medbill_desktop.services.context import Workstation


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_render_export_and_import_999(workstation: Workstation, db_path: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    desk = make_desk(workstation)
    printed, exported = finalized_claim(desk, "Print"), finalized_claim(desk, "Export")
    db = str(db_path)
    code, out, _ = run(capsys, "--db", db, "claims", "list", "--status", "draft", "--json")
    assert code == 0
    listed = json.loads(out)
    assert [c["number"] for c in listed] == [printed, exported]
    first = listed[0]
    assert {k: first[k] for k in ("payer", "status", "charge_cents", "insurance_balance_cents",
                                  "patient_balance_cents")} == {
        "payer": "Aetna", "status": "draft", "charge_cents": 14000, "insurance_balance_cents": 14000,
        "patient_balance_cents": 0}
    assert [(x["code"], x["modifiers"], x["charge_cents"], x["balance_cents"]) for x in first["lines"]] == [
        ("99213", [], 12500, 12500), ("36415", [], 1500, 1500)]
    assert all(x["date_of_service"] == first["date_of_service"] for x in first["lines"])

    pdf = tmp_path / "out.pdf"
    code, out, _ = run(capsys, "--db", db, "claims", "render", "--claim", printed, "--out", str(pdf), "--form", "red")
    assert code == 0 and pdf.read_bytes().startswith(b"%PDF") and printed in out
    edi = tmp_path / "out.837"
    code, out, _ = run(capsys, "--db", db, "claims", "export-837", "--out", str(edi), "--claim", exported, "--json")
    assert code == 0
    sent = json.loads(out)
    assert sent["claims"] == [exported] and pyx12_ok(edi.read_text())[0]

    ack = tmp_path / "ack.999"
    ack.write_text(ack_999(sent["transaction_control"], sent["group_control"], accepted=False))
    code, out, _ = run(capsys, "--db", db, "claims", "import-999", str(ack), "--json")
    assert code == 0 and [r["number"] for r in json.loads(out)["rejected"]] == [exported]
    code, out, _ = run(capsys, "--db", db, "claims", "list", "--json")
    assert {c["number"]: c["status"] for c in json.loads(out)} == {printed: "submitted", exported: "rejected"}


def test_render_of_a_claim_failing_the_scrubber_exits_1_and_says_why(
        workstation: Workstation, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
        ) -> None:
    desk = make_desk(workstation)
    number = finalized_claim(desk, days_ago=30)
    # the command line runs on the real clock: make the limit pass whatever today is
    reference_data.save_payer(workstation, replace(desk.aetna, timely_filing_days=1))
    pdf = tmp_path / "late.pdf"
    code, out, err = run(capsys, "--db", str(db_path), "claims", "render", "--claim", number, "--out", str(pdf))
    assert (code, out) == (1, "") and not pdf.exists()
    assert err.startswith("medbill: 1 claim can't be printed: the scrubber found errors")
    assert f"Claim {number}:\n- The filing limit passed on" in err
    code, _, err = run(capsys, "--db", str(db_path), "claims", "render", "--status", "ready", "--out", str(pdf))
    assert (code, err) == (1, "medbill: There are no ready claims to print.\n")
