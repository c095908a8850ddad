"""`medbill era import FILE [--dry-run] [--json]` as a biller runs it: JSON fields, plain text, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from era_support import Submitted, header, interchange, row_counts, status_of, submitted_claims
from front_desk_support import make_desk

from medbill_desktop.cli import main
from medbill_desktop.services.context import Workstation


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def paid(c: Submitted, reference: str) -> str:
    return f"""
CLP*{c.number}*1*140*110*30*12*{reference}*11*1~
SVC*HC:99213*125*95**1~
DTM*472*{c.dos8}~
CAS*PR*2*30~
SVC*HC:36415*15*15**1~
DTM*472*{c.dos8}~
"""


def test_import_json_dry_run_then_post_then_again(workstation: Workstation, db_path: Path, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    a, b = submitted_claims(make_desk(workstation), 2)
    path = tmp_path / "era.835"
    path.write_text(interchange(
        header("110.00", "EFT1") + paid(a, "P1"),
        header("110.00", "EFT2") + paid(b, "P2").replace("SVC*HC:36415", "SVC*HC:36416")))
    db = str(db_path)
    before = row_counts(workstation)

    code, out, _ = run(capsys, "--db", db, "era", "import", str(path), "--dry-run", "--json")
    assert code == 0
    dry = json.loads(out)
    assert dry["dry_run"] is True and dry["posted"] == [] and dry["skipped_duplicates"] == []
    assert dry["exceptions"] == [{"check": "EFT2", "claim_number": b.number,
                                  "reason": f"Line 2 (36416 on {b.dos.isoformat()}) matches none of the claim's "
                                            "service lines."}]
    first, second = dry["checks"]
    assert (first["check"], first["status"], first["amount_cents"], first["claims"]) == ("EFT1", "would_post", 11000,
                                                                                         [a.number])
    assert first["effects"][0]["moved_cents"] == 3000 and first["effects"][0]["moved_to"] == "patient"
    assert second["status"] == "exceptions"
    assert row_counts(workstation) == before

    code, out, _ = run(capsys, "--db", db, "era", "import", str(path), "--json")
    assert code == 0
    done = json.loads(out)
    [posted] = done["posted"]
    assert (posted["check"], posted["payer"], posted["amount_cents"]) == ("EFT1", "AETNA", 11000)
    assert posted["claims"] == [{"claim_number": a.number, "outcome": "paid", "next_step": "patient"}]
    assert [c["status"] for c in done["checks"]] == ["posted", "exceptions"]
    assert [x["claim_number"] for x in done["exceptions"]] == [b.number]
    assert status_of(workstation, a.number) == "paid" and status_of(workstation, b.number) == "submitted"

    code, out, _ = run(capsys, "--db", db, "era", "import", str(path))
    assert code == 1  # nothing could be posted: the one check not posted yet still has its exception
    lines = out.splitlines()
    assert lines[0] == ("Check EFT1 from AETNA, $110.00, 1 claim(s): skipped. Check EFT1 from Aetna in this file "
                        "was already posted; nothing was posted again.")
    assert lines[1] == "Check EFT2 from AETNA, $110.00, 1 claim(s): not posted; resolve these first:"
    assert lines[2] == f"  Claim {b.number}: Line 2 (36416 on {b.dos.isoformat()}) matches none of the claim's " \
                       "service lines."
    assert lines[3].startswith("This file was imported before (")


def test_nothing_posted_because_of_exceptions_exits_1(workstation: Workstation, db_path: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    [a] = submitted_claims(make_desk(workstation), 1)
    path = tmp_path / "bad-total.835"
    path.write_text(interchange(header("99.00", "EFT3") + paid(a, "P3")))
    code, out, _ = run(capsys, "--db", str(db_path), "era", "import", str(path), "--json")
    assert code == 1
    assert json.loads(out)["exceptions"] == [{
        "check": "EFT3", "claim_number": "",
        "reason": "The check total $99.00 is not the claims' payments $110.00 less provider adjustments $0.00."}]


def test_a_malformed_file_is_refused_with_its_segment(workstation: Workstation, db_path: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    [a] = submitted_claims(make_desk(workstation), 1)
    path = tmp_path / "short.835"
    text = interchange(header("110.00", "EFT4") + paid(a, "P4"))
    path.write_text(text[:text.index("SE*")])
    before = row_counts(workstation)
    code, out, err = run(capsys, "--db", str(db_path), "era", "import", str(path), "--json")
    assert (code, out) == (1, "")
    assert err.startswith("medbill: short.835 can't be imported: Segment ")
    assert err.rstrip().endswith("Nothing was posted.")
    assert row_counts(workstation) == before
    code, _, err = run(capsys, "--db", str(db_path), "era", "import", str(tmp_path / "missing.835"))
    assert code == 1 and "There is no file" in err
