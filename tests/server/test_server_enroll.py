"""Enrolment with one-time codes, device and access tokens, revocation, and the devices commands."""

from __future__ import annotations

import json

import httpx
import pytest
from server_support import LiveServer, ServerDb, change

from medbill_desktop.server import cli, db, security
from medbill_desktop.sync.client import NotAuthorized, Revoked, ServerRefused, practice_ssl_context


def test_a_code_enrols_one_workstation_once(live_server: LiveServer) -> None:
    code = live_server.db.code()
    with live_server.client() as first:
        reply = first.enroll(code.lower().replace("-", " "), "front desk")  # typed loosely: still the code
        assert reply["practice_id"] == live_server.db.practice_id
        assert first.totals()["transactions"] == 0  # the new device can get an access token and use it
    with live_server.client() as second, pytest.raises(ServerRefused) as refused:
        second.enroll(code, "billing office")
    assert refused.value.status == 403
    assert "already used" in str(refused.value)
    devices = live_server.db.rows("SELECT device_id, name, token_hash FROM devices")
    assert [(d[0], d[1]) for d in devices] == [(reply["device_id"], "front desk")]
    assert devices[0][2] == security.hash_secret(reply["device_token"]) != reply["device_token"]
    assert live_server.db.scalar("SELECT used_by FROM enroll_codes") == reply["device_id"]


def test_expired_and_unknown_codes_are_refused(live_server: LiveServer) -> None:
    expired = live_server.db.code(hours=-1)
    with live_server.client() as client:
        with pytest.raises(ServerRefused, match="expired"):
            client.enroll(expired, "front desk")
        with pytest.raises(ServerRefused, match="not valid"):
            client.enroll("ABCD-EFGH-JKLM", "front desk")
    assert live_server.db.scalar("SELECT count(*) FROM devices") == 0


def test_wrong_device_token_and_forged_or_expired_access_tokens_are_refused(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        device_id = client.device_id
        assert device_id is not None
        client.use_device(device_id, "not-the-token")
        with pytest.raises(NotAuthorized, match="wrong device token"):
            client.totals()
    with live_server.db.connect() as conn:
        key = db.token_key(conn)
    expired, _ = security.issue_access_token(key, device_id, live_server.db.practice_id, 60, now=0)
    forged, _ = security.issue_access_token(b"x" * 32, device_id, live_server.db.practice_id, 600)
    with httpx.Client(verify=practice_ssl_context(live_server.certs.ca_cert), base_url=live_server.url) as http:
        for token, words in ((expired, "expired"), (forged, "signature"), ("garbage", "malformed")):
            r = http.get("/v1/totals", headers={"Authorization": f"Bearer {token}"})
            assert r.status_code == 401 and words in r.json()["detail"]
        r = http.get("/v1/pull")
        assert r.status_code == 401 and "access token is needed" in r.json()["detail"]


def test_a_revoked_device_is_refused_at_once_even_with_a_valid_access_token(live_server: LiveServer) -> None:
    with live_server.enrolled("front desk") as revoked, live_server.enrolled("billing") as other:
        revoked.push("b1", 0, [change("c1")])  # holds a fresh access token now
        device_id = revoked.device_id
        assert device_id is not None
        assert cli.main(["devices", "revoke", device_id[:8], "--reason", "stolen laptop",
                         "--database-url", live_server.db.url, "--practice-id", live_server.db.practice_id]) == 0
        with pytest.raises(Revoked, match="revoked by the practice administrator"):
            revoked.push("b2", 1, [change("c2")])
        with pytest.raises(Revoked):
            revoked.pull(0)
        revoked.forget_access_token()  # a new access token is refused too
        with pytest.raises(Revoked):
            revoked.totals()
        assert other.pull(0)["high_water"] == 1  # the others carry on
    assert live_server.db.scalar("SELECT count(*) FROM change_log") == 1
    assert live_server.db.scalar("SELECT revoked_reason FROM devices WHERE device_id = %s", device_id) == \
        "stolen laptop"


def test_devices_and_enroll_code_commands(server_db: ServerDb, capsys: pytest.CaptureFixture[str]) -> None:
    where = ["--database-url", server_db.url, "--practice-id", server_db.practice_id]
    assert cli.main(["enroll-code", "--json", "--label", "front desk", *where]) == 0
    code = json.loads(capsys.readouterr().out)["code"]
    assert len(code) == 14 and code.count("-") == 2
    assert server_db.scalar("SELECT label FROM enroll_codes WHERE code_hash = %s", security.hash_secret(code)) == \
        "front desk"
    assert cli.main(["devices", "list", *where]) == 0
    assert "no workstations enrolled" in capsys.readouterr().out
    assert cli.main(["devices", "revoke", "nobody", *where]) == 1
    assert "no single active device" in capsys.readouterr().err
