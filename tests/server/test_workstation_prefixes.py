"""Workstation number prefixes given by the practice server at enrolment: each its own, never given twice, shown by
`medbill-server devices list`; the workstation numbers with it from then on and numbers already issued keep
theirs."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from server_support import LiveServer
from sqlalchemy import select
from sync_support import Office, patients_of

from medbill_desktop.domain.patients import Patient, Sex
from medbill_desktop.server import cli
from medbill_desktop.services import numbers, patients, syncing
from medbill_desktop.storage.tables import audit_log


def test_each_enrolment_gets_the_next_prefix_never_given_twice(live_server: LiveServer,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    with live_server.client() as a, live_server.client() as b:
        first = a.enroll(live_server.db.code(), "front desk")
        second = b.enroll(live_server.db.code(), "billing")
    assert (first["prefix"], second["prefix"]) == ("AA", "AB")
    where = ["--database-url", live_server.db.url, "--practice-id", live_server.db.practice_id]
    assert cli.main(["devices", "revoke", second["device_id"], *where]) == 0
    with live_server.client() as c:
        third = c.enroll(live_server.db.code(), "billing (new laptop)")
    assert third["prefix"] == "AC"  # a revoked workstation's prefix is not given again
    capsys.readouterr()
    assert cli.main(["devices", "list", *where]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == ["AA", "AB", "AC"]
    assert "front desk" in lines[0] and "REVOKED" in lines[1]
    assert cli.main(["devices", "list", "--json", *where]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(d["name"], d["prefix"]) for d in listed] == [("front desk", "AA"), ("billing", "AB"),
                                                          ("billing (new laptop)", "AC")]
    with pytest.raises(Exception, match="never updated or deleted"):
        live_server.db.scalar("DELETE FROM workstation_prefixes WHERE prefix = 'AB' RETURNING prefix")


def test_numbers_made_after_enrolment_carry_the_servers_prefix(live_server: LiveServer, tmp_path: Path,
                                                                practice: Any) -> None:
    office = Office(tmp_path, practice, live_server.url, live_server.certs.ca_cert, live_server.db.code)
    try:
        front = office.workstation("front desk", enroll=False)
        before = patients.register_patient(front.ws, Patient("Early", "Eve", date(1980, 1, 2), Sex.FEMALE))
        with front.ws.read() as conn:
            random_prefix = numbers.workstation_prefix(conn)
        assert len(random_prefix) == 3 and before.account_number.startswith(random_prefix)

        syncing.enroll(front.ws, live_server.url, live_server.db.code(), live_server.certs.ca_cert, "front desk")
        billing = office.workstation("billing")  # enrolled too
        after = patients.register_patient(front.ws, Patient("Late", "Lou", date(1981, 3, 4), Sex.MALE))
        other = patients.register_patient(billing.ws, Patient("Other", "Oz", date(1982, 5, 6), Sex.MALE))

        assert after.account_number.startswith("AA") and after.account_number[2:].isdigit()
        assert other.account_number.startswith("AB")
        assert patients.get_patient(front.ws, before.id).account_number == before.account_number  # kept
        with front.ws.read() as conn:
            assert numbers.workstation_prefix(conn) == "AA"
            detail = conn.execute(select(audit_log.c.detail).where(audit_log.c.entity == "workstation",
                                                                   audit_log.c.entity_id == "prefix")).scalar_one()
        assert json.loads(detail) | {"device_id": None} == {"op": "prefix_from_server", "from": random_prefix,
                                                            "to": "AA", "device_id": None}
        front.sync()
        billing.sync()
        assert {p["account_number"] for p in patients_of(billing.ws).values()} == {
            before.account_number, after.account_number, other.account_number}
    finally:
        office.close()
