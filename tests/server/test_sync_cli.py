"""`medbill enroll` and `medbill sync --json` against the server on loopback."""

from __future__ import annotations

import json

import pytest
from server_support import LiveServer, register_and_charge

from medbill_desktop.cli import main
from medbill_desktop.services.context import Workstation


def test_enroll_then_sync_from_the_command_line(live_server: LiveServer, workstation: Workstation,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = ["--db", str(workstation.path)]
    register_and_charge(workstation, "Adams", 9900, source_key="ERA|1")
    assert main([*db, "enroll", "--server", live_server.url, "--code", live_server.db.code(),
                 "--ca", str(live_server.certs.ca_cert), "--name", "front desk", "--json"]) == 0
    enrolled = json.loads(capsys.readouterr().out)
    assert enrolled["practice_id"] == live_server.db.practice_id
    assert enrolled["prefix"] == "AA"  # the practice's first enrolment

    assert main([*db, "sync", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["pushed"] == report["high_water"] > 4 and report["totals_match"] is True
    assert live_server.db.scalar("SELECT count(*) FROM devices WHERE device_id = %s", enrolled["device_id"]) == 1

    assert main([*db, "sync"]) == 0
    assert "ledger totals match the server" in capsys.readouterr().out


def test_a_second_enrolment_with_a_used_code_fails_plainly(live_server: LiveServer, workstation: Workstation,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    code = live_server.db.code()
    args = ["--db", str(workstation.path), "enroll", "--server", live_server.url, "--code", code,
            "--ca", str(live_server.certs.ca_cert)]
    assert main(args) == 0
    capsys.readouterr()
    assert main(args) == 1
    assert "already used" in capsys.readouterr().err
