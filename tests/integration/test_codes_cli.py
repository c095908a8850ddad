"""`medbill codes ...` as a user runs it: exit codes, messages and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medbill_desktop.cli import main
from medbill_desktop.codesets.icd10 import Icd10Data
from medbill_desktop.codesets.model import Icd10Group, Icd10Row
from medbill_desktop.services import codes
from medbill_desktop.services.context import Workstation


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_icd10_search_needs_the_code_set_loaded_then_import_loads_the_release(
        workstation: Workstation, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    code, out, err = run(capsys, "--db", db, "codes", "search", "E11", "--json")
    assert (code, out) == (1, "")
    assert err == "medbill: ICD-10-CM is not loaded in this database yet: run 'medbill codes import icd10' first.\n"

    # an older release in the database (two codes) ...
    old = Icd10Data("an older release", (Icd10Group("4", "chapter", "Endocrine", ""),),
                    (Icd10Row("E11", "E11", "Type 2 diabetes mellitus", False, "category", "4", "4", "4", 1),
                     Icd10Row("E119", "E11.9", "Type 2 diabetes mellitus without complications", True,
                              "subcategory", "E11", "4", "4", 0)))
    codes.load_icd10(workstation, old)
    code, out, _ = run(capsys, "--db", db, "codes", "search", "E11", "--json")
    assert code == 0
    assert json.loads(out) == [
        {"code": "E11", "display_code": "E11", "description": "Type 2 diabetes mellitus", "billable": False,
         "set_name": "icd10"},
        {"code": "E119", "display_code": "E11.9", "description": "Type 2 diabetes mellitus without complications",
         "billable": True, "set_name": "icd10"},
    ]

    # ... is replaced by the installed one, once
    code, out, _ = run(capsys, "--db", db, "codes", "import", "icd10", "--json")
    loaded = json.loads(out)
    assert code == 0 and loaded["loaded"] is True and loaded["rows"] > 98_000 and loaded["billable"] > 74_000
    code, out, _ = run(capsys, "--db", db, "codes", "import", "icd10")
    assert code == 0 and out.startswith("ICD-10-CM is current: ")

    code, out, _ = run(capsys, "--db", db, "codes", "search", "type", "2", "diab", "kidney", "--limit", "3")
    assert code == 0
    assert out.splitlines() == [
        "E11.22  Type 2 diabetes mellitus with diabetic chronic kidney disease",
        "E11.29  Type 2 diabetes mellitus with other diabetic kidney complication",
        "E11.2   Type 2 diabetes mellitus with kidney complications  (not billable)",
    ]


def test_cpt_import_and_search(workstation: Workstation, db_path: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    bad = tmp_path / "cpt-bad.csv"
    bad.write_text("code,description\n99213,Office visit low\n99214,\n")
    code, out, err = run(capsys, "--db", db, "codes", "import", "cpt", str(bad))
    assert (code, out) == (1, "")
    assert err == "medbill: cpt-bad.csv line 3: the description of 99214 is empty\n"

    good = tmp_path / "cpt.csv"
    good.write_text("code,description\n99213,Office visit low\n99214,Office visit moderate\n")
    code, out, _ = run(capsys, "--db", db, "codes", "import", "cpt", str(good), "--json")
    assert code == 0
    counts = json.loads(out)
    assert (counts["set_name"], counts["added"], counts["updated"], counts["removed"]) == ("cpt", 2, 0, 0)
    code, out, _ = run(capsys, "--db", db, "codes", "search", "9921", "--set", "cpt")
    assert (code, out) == (0, "99213  Office visit low\n99214  Office visit moderate\n")


def test_hcpcs_and_carc_imports_report_counts(workstation: Workstation, db_path: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    hcpcs = tmp_path / "hcpcs.csv"
    hcpcs.write_text("HCPC,LONG DESCRIPTION,TERM DT\nJ1100,Injection dexamethasone 1 mg,\n"
                     "J9999,Retired drug,20200131\n99213,Level I,\n")
    code, out, _ = run(capsys, "--db", db, "codes", "import", "hcpcs", str(hcpcs))
    assert (code, out) == (0, "HCPCS from hcpcs.csv: 1 added, 1 updated, 1 skipped, 1 terminated.\n")

    carc = tmp_path / "carc.csv"
    carc.write_text("45,Charge exceeds fee schedule\n")
    code, out, _ = run(capsys, "--db", db, "codes", "import", "carc", str(carc), "--json")
    assert code == 0 and json.loads(out)["updated"] == 1

    code, _, err = run(capsys, "--db", db, "codes", "import", "rarc", str(tmp_path / "missing.csv"))
    assert code == 1 and "There is no file" in err

    code, out, _ = run(capsys, "--db", db, "codes", "search", "left side", "--set", "modifier", "--json")
    assert code == 0 and [h["code"] for h in json.loads(out)] == ["LT"]


def test_a_code_added_by_hand_is_searchable_and_a_bad_one_is_refused(
        workstation: Workstation, db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(db_path)
    code, out, _ = run(capsys, "--db", db, "codes", "add", "hcpcs", "g9999", "Practice", "supply", "kit", "--json")
    assert code == 0 and json.loads(out)["code"] == "G9999"
    code, out, _ = run(capsys, "--db", db, "codes", "search", "supply kit", "--set", "hcpcs")
    assert code == 0 and "G9999  Practice supply kit" in out.splitlines()
    code, out, _ = run(capsys, "--db", db, "codes", "add", "hcpcs", "G9999", "Practice  supply kit, sterile")
    assert (code, out) == (0, "HCPCS G9999: Practice supply kit, sterile (saved).\n")

    code, out, err = run(capsys, "--db", db, "codes", "add", "hcpcs", "12", "Not a code")
    assert (code, out) == (1, "")
    assert err == "medbill: '12' is not a HCPCS Level II code.\n"
    with pytest.raises(SystemExit) as usage:
        main(["--db", db, "codes", "add", "icd10", "E11.9", "Diabetes"])
    assert usage.value.code == 2 and "invalid choice: 'icd10'" in capsys.readouterr().err
