"""The server's claim state machine over the wire (server.claim_status): status commands applied from the status
they were made from, the same command from two workstations applied once, others refused with the server's claim
state; money events never refused, their claim statuses moved or kept; and claims already on a server before it
checked statuses get theirs from the change log (migration s0002)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from server_support import LiveServer, change

from medbill_desktop.server import db
from medbill_desktop.server.localpg import LocalPostgres

_dbs = itertools.count(1)


def created(cid: str, claim_id: str, status: str = "draft") -> dict[str, Any]:
    return change(cid, entity="claim", entity_id=claim_id, event="claim.created", claim_number=f"C-{claim_id}",
                  status=status)


def move(cid: str, claim_id: str, action: str, before: str, to: str, **tracking: str) -> dict[str, Any]:
    return change(cid, entity="claim", entity_id=claim_id, event="claim.status_changed",
                  **{"claim_number": f"C-{claim_id}", "action": action, "from": before, "to": to, "note": "",
                     **tracking})


def batch_posted(cid: str, batch_id: str, number: str, statuses: list[list[str]]) -> dict[str, Any]:
    return change(cid, entity="payment_batch", entity_id=batch_id, event="payment.batch_posted",
                  batch_number=number, claim_status=statuses, transaction_fields=[], transactions=[])


def server_status(live_server: LiveServer, claim_id: str) -> str:
    return str(live_server.db.scalar("SELECT data->>'status' FROM entity_state WHERE entity = 'claim' AND "
                                     "entity_id = %s", claim_id))


def test_status_commands_are_checked_against_the_status_they_were_made_from(live_server: LiveServer) -> None:
    with live_server.enrolled("front desk") as a, live_server.enrolled("billing") as b:
        first = a.push("a1", 0, [created("c1", "k1"), move("c2", "k1", "mark_ready", "draft", "ready"),
                                 move("c3", "k1", "submit", "ready", "submitted")])
        assert [r["status"] for r in first["results"]] == ["applied"] * 3
        accepted = b.push("b1", 3, [move("c4", "k1", "accept", "submitted", "accepted")])["results"][0]
        assert (accepted["status"], accepted["seq"]) == ("applied", 4)

        # made on a claim the front desk still saw as submitted: refused, with the server's claim
        [stale] = a.push("a2", 3, [move("c5", "k1", "deny", "submitted", "denied")])["results"]
        assert (stale["status"], stale["seq"]) == ("rejected", None)
        assert stale["message"] == ("Claim C-k1 was already accepted at the server (acceptance, on workstation "
                                    "billing); your denial was not applied. This workstation shows the claim as "
                                    "accepted again: do it again if it still applies.")
        assert stale["server_claims"] == [{"claim_id": "k1", "claim_number": "C-k1", "status": "accepted"}]
        # pushed again (a lost reply, a new batch): the same answer and the server's claim as it is now
        [again] = a.push("a3", 3, [move("c5", "k1", "deny", "submitted", "denied"), change("c6")])["results"][:1]
        assert (again["status"], again["repeated"], again["server_claims"]) == ("rejected", True,
                                                                                stale["server_claims"])
        # a move the state machine does not have is refused whatever the server's status
        [odd] = a.push("a4", 4, [move("c7", "k1", "pay", "accepted", "closed")])["results"]
        assert odd["status"] == "rejected" and "not a move the claim's state machine allows" in odd["message"]

        # the same acceptance made on the front desk too: applied once, with the first one's seq
        [same] = a.push("a5", 4, [move("c8", "k1", "accept", "submitted", "accepted")])["results"]
        assert (same["status"], same["seq"], same["message"], same["server_claims"]) == ("applied", 4, "", [])

        # a void from accepted, then a replacement billing made from accepted: refused with the void's tracking
        assert a.push("a6", 4, [move("c9", "k1", "void", "accepted", "ready", frequency="8",
                                     original_reference="AET-1")])["results"][0]["status"] == "applied"
        [late] = b.push("b2", 4, [move("c10", "k1", "replace", "accepted", "ready", frequency="7",
                                       original_reference="AET-2")])["results"]
        assert late["status"] == "rejected" and "was already ready at the server (void, on workstation front desk)" \
            in late["message"]
        assert late["server_claims"] == [{"claim_id": "k1", "claim_number": "C-k1", "status": "ready",
                                          "frequency": "8", "original_reference": "AET-1"}]
    db_ = live_server.db
    assert [r[0] for r in db_.rows("SELECT change_id FROM change_log WHERE event = 'claim.status_changed' "
                                   "ORDER BY seq")] == ["c2", "c3", "c4", "c9"]
    assert server_status(live_server, "k1") == "ready"
    assert db_.rows("SELECT status, count(*) FROM applied_changes WHERE change_id LIKE 'c%%' GROUP BY status "
                    "ORDER BY status") == [("applied", 7), ("rejected", 3)]


def test_money_is_never_refused_and_moves_the_claim_only_where_the_state_machine_allows(
        live_server: LiveServer) -> None:
    with live_server.enrolled("front desk") as a, live_server.enrolled("billing") as b:
        a.push("a1", 0, [created("c1", "k1", "submitted"), created("c2", "k2", "submitted")])
        [paid] = b.push("b1", 2, [batch_posted("c3", "pb1", "B-0001", [["k1", "submitted", "paid"]])])["results"]
        assert paid["status"] == "applied" and server_status(live_server, "k1") == "paid"
        # reversed: the claim is reopened (paid -> accepted is in the table)
        b.push("b2", 3, [change("c4", entity="payment_batch", entity_id="pb1", event="payment.batch_reversed",
                                batch_number="B-0001", reason="wrong check", claims=[{"claim_id": "k1",
                                                                                      "to": "accepted"}],
                                transaction_fields=[], transactions=[])])
        assert server_status(live_server, "k1") == "accepted"
        a.push("a2", 4, [move("c5", "k1", "void", "accepted", "ready", frequency="8", original_reference="X1")])
        # a payment billing posted before it saw the void: posted, but the void stands
        [kept] = b.push("b3", 4, [batch_posted("c6", "pb2", "B-0002", [["k1", "accepted", "paid"],
                                                                       ["k2", "submitted", "partially_paid"]])
                                  ])["results"]
        assert (kept["status"], kept["message"], kept["server_claims"]) == ("applied", "", [])
    assert server_status(live_server, "k1") == "ready"
    assert server_status(live_server, "k2") == "partially_paid"  # a claim nobody else moved moves as posted
    [data] = [r[0] for r in live_server.db.rows("SELECT data FROM change_log WHERE change_id = 'c6'")]
    assert data["claim_status"] == [["k1", "accepted", "ready"], ["k2", "submitted", "partially_paid"]]
    [note] = data["claim_status_kept"]
    assert (note["claim_id"], note["claim_number"], note["wanted"], note["kept"]) == ("k1", "C-k1", "paid", "ready")
    assert note["message"] == ("Payment batch B-0002 was posted, but claim C-k1 was not marked paid: it was already "
                               "ready at the server (void, on workstation front desk) and stays ready. The money was "
                               "posted; look at the claim and decide what it needs.")
    # the snapshot sees the server's statuses too
    seqs = dict(live_server.db.rows("SELECT entity_id, (field_seq->'status'->>0)::bigint FROM entity_state "
                                    "WHERE entity = 'claim'"))
    assert seqs == {"k1": 5, "k2": 6}


def test_a_reversed_claim_payment_reopens_the_claim_where_the_state_machine_allows_it(live_server: LiveServer
                                                                                      ) -> None:
    def reversed_(cid: str, claim_id: str) -> dict[str, Any]:
        return change(cid, entity="claim_adjudication", entity_id=f"adj-{cid}", event="payment.claim_reversed",
                      reverses="adj-0", batch_id="pb1", claim_id=claim_id, transaction_fields=[], transactions=[])

    with live_server.enrolled() as a:
        a.push("a1", 0, [created("c1", "k1", "paid"), created("c2", "k2", "ready")])
        a.push("a2", 2, [reversed_("c3", "k1"), reversed_("c4", "k2")])
    assert (server_status(live_server, "k1"), server_status(live_server, "k2")) == ("accepted", "ready")


# --- a server that kept no claim statuses ------------------------------------------------------------------------

@pytest.fixture
def old_server_url(postgres: LocalPostgres) -> Iterator[str]:
    """A database at the first server migration, before the server kept claim statuses."""
    name = f"old{next(_dbs)}"
    with psycopg.connect(postgres.admin_url(), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    url = postgres.admin_url(name)
    db.migrate(url, "riverside", "s0001_server")
    yield url
    with psycopg.connect(postgres.admin_url(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_upgrade_gives_claims_on_the_server_their_status_from_the_change_log(old_server_url: str) -> None:
    log = [  # (seq, entity, entity id, event, data), as the workstations sent them before
        (1, "claim", "k1", "claim.created", {"claim_number": "C1", "status": "draft"}),
        (2, "claim", "k2", "claim.created", {"claim_number": "C2", "status": "submitted"}),
        (3, "claim", "k1", "claim.status_changed", {"action": "mark_ready", "from": "draft", "to": "ready"}),
        (4, "payment_batch", "pb1", "payment.batch_posted", {"batch_number": "B1", "claim_status": [
            ["k2", "submitted", "paid"]]}),
        (5, "claim_adjudication", "adj1", "payment.claim_reversed", {"claim_id": "k2"}),
    ]
    with psycopg.connect(old_server_url, autocommit=True) as conn:
        conn.execute("INSERT INTO devices (device_id, practice_id, name, token_hash) VALUES "
                     "('d1', 'riverside', 'front desk', 'h')")
        for seq, entity, entity_id, event, data in log:
            conn.execute("INSERT INTO change_log (practice_id, seq, change_id, origin_device, batch_id, entity, "
                         "entity_id, event, data, created_at) VALUES ('riverside', %s, %s, 'd1', 'b', %s, %s, %s, "
                         "%s, '')", (seq, f"c{seq}", entity, entity_id, event, psycopg.types.json.Jsonb(data)))
        for claim_id, data in (("k1", {"claim_number": "C1", "status": "draft", "to": "ready"}),
                               ("k2", {"claim_number": "C2", "status": "submitted"})):
            conn.execute("INSERT INTO entity_state (practice_id, entity, entity_id, data, field_seq, last_seq) "
                         "VALUES ('riverside', 'claim', %s, %s, '{}', 1)", (claim_id, psycopg.types.json.Jsonb(data)))
    db.migrate(old_server_url, "riverside")
    with psycopg.connect(old_server_url, autocommit=True) as conn:
        found = dict(conn.execute("SELECT entity_id, data->>'status' FROM entity_state WHERE entity = 'claim'"))
        k1 = conn.execute("SELECT field_seq->'status' FROM entity_state WHERE entity_id = 'k1'").fetchone()
    assert found == {"k1": "ready", "k2": "accepted"}  # k2: paid by the batch, reopened by the reversal
    assert k1 is not None and k1[0] == [3, "d1", {"event": "claim.status_changed", "action": "mark_ready",
                                                   "from": "draft"}]
