"""The `medbill` command as a user runs it: exit codes, messages and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medbill_desktop.cli import main

INIT = ["init", "--practice-name", "Lakeside Pediatrics", "--npi", "1234567893", "--tax-id", "12-3456789",
        "--taxonomy", "208000000X", "--address1", "9 Shore Rd", "--city", "Duluth", "--state", "MN",
        "--zip", "55802", "--phone", "218-555-0199", "--admin-user", "boss", "--admin-name", "Pat Boss"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def initialised(db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Path:
    monkeypatch.setenv("MEDBILL_ADMIN_PASSWORD", "boss-pass-99")
    code, out, _ = run(capsys, "--db", str(db_path), *INIT)
    assert code == 0, out
    return db_path


def test_init_then_users_add_list_disable(initialised: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(initialised)
    monkeypatch.setenv("MEDBILL_USER_PASSWORD", "desk-pass-12")
    assert run(capsys, "--db", db, "users", "add", "dana", "--name", "Dana Front", "--role", "front_desk")[0] == 0
    code, out, _ = run(capsys, "--db", db, "users", "list", "--json")
    assert code == 0
    listed = {u["username"]: u for u in json.loads(out)}
    assert listed["boss"]["role"] == "manager"
    assert listed["dana"] == {"username": "dana", "full_name": "Dana Front", "role": "front_desk",
                              "active": True, "locked_until": None}
    assert run(capsys, "--db", db, "users", "disable", "dana")[0] == 0
    code, out, _ = run(capsys, "--db", db, "users", "list", "--json")
    assert {u["username"]: u["active"] for u in json.loads(out)} == {"boss": True, "dana": False}


def test_init_refuses_a_bad_npi_and_creates_nothing(db_path: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDBILL_ADMIN_PASSWORD", "boss-pass-99")
    argv = [a if a != "1234567893" else "1234567890" for a in INIT]
    code, _, err = run(capsys, "--db", str(db_path), *argv)
    assert code == 1
    assert "NPI 1234567890 fails its check digit (the last digit should be 3)" in err
    assert not db_path.exists()


def test_duplicate_user_is_refused_with_its_message(initialised: Path, capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDBILL_USER_PASSWORD", "desk-pass-12")
    code, _, err = run(capsys, "--db", str(initialised), "users", "add", "boss", "--name", "X Y", "--role", "biller")
    assert code == 1
    assert "There is already a user called boss. (username)" in err


def test_audit_verify_json_and_a_tampered_log(initialised: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(initialised), "audit", "verify", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["ok"] is True and report["entries"] >= 3

    from medbill_desktop.services.setup import open_workstation

    ws = open_workstation(initialised)
    with ws.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER audit_log_no_update")
        conn.exec_driver_sql("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2")
    ws.close()
    code, out, _ = run(capsys, "--db", str(initialised), "audit", "verify")
    assert code == 2
    assert out.strip() == "The audit log was tampered with at entry 2: its content was changed after it was written."


def test_missing_database_says_what_to_do(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "nope.db"), "users", "list")
    assert code == 1
    assert "There is no MedBill database at" in err and "medbill init" in err


def test_demo_creates_a_practice_users_can_sign_in_to(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(db_path), "demo", "--json")
    assert code == 0
    summary = json.loads(out)
    assert summary["practice"] == "Maple Street Family Practice"
    from medbill_desktop.services import setup, users

    ws = setup.open_workstation(db_path)
    try:
        assert users.sign_in(ws, "frontdesk", "medbill-demo").role.value == "front_desk"
    finally:
        ws.close()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == "medbill 0.1.0"
