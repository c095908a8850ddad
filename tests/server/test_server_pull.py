"""Pull in server order with the high-water mark, snapshot pages, and ledger totals."""

from __future__ import annotations

from server_support import LiveServer, change, ledger_change


def test_pull_returns_changes_in_server_order_with_the_high_water_mark(live_server: LiveServer) -> None:
    with live_server.enrolled("a") as a, live_server.enrolled("b") as b:
        a.push("a1", 0, [change(f"a{i}", entity_id=f"p{i}") for i in range(3)])
        b.push("b1", 0, [change(f"b{i}", entity_id=f"q{i}") for i in range(4)])
        a.push("a2", 0, [change("a3", entity_id="p0", email="z@example.org")])
        everything = b.pull(0)
        assert [c["seq"] for c in everything["changes"]] == [1, 2, 3, 4, 5, 6, 7, 8]
        assert [c["change_id"] for c in everything["changes"]] == ["a0", "a1", "a2", "b0", "b1", "b2", "b3", "a3"]
        assert everything["high_water"] == 8 and everything["next"] == 8 and everything["more"] is False
        assert {c["origin_device"] for c in everything["changes"][:3]} == {a.device_id}
        assert everything["changes"][-1]["data"] == {"email": "z@example.org"}

        pages, since = [], 0
        while True:
            page = b.pull(since, limit=3)
            pages.append([c["seq"] for c in page["changes"]])
            assert page["high_water"] == 8
            since = page["next"]
            if not page["more"]:
                break
        assert pages == [[1, 2, 3], [4, 5, 6], [7, 8]]
        caught_up = b.pull(8)
        assert caught_up == {"changes": [], "high_water": 8, "next": 8, "more": False}


def test_snapshot_pages_through_the_current_state(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        client.push("b1", 0, [change(f"r{i}", event="patient.registered", entity_id=f"p{i}", last_name=f"N{i}")
                              for i in range(5)])
        client.push("b2", 5, [change("u1", entity_id="p2", last_name="Changed"),
                              change("cov", entity="coverage", entity_id="cv1", event="coverage.saved", payer="aetna"),
                              change("cov-x", entity="coverage", entity_id="cv1", event="coverage.removed",
                                     patient_id="p1"),
                              ledger_change("l1", "tx1")])
        items, after, tops = [], ("", ""), set()
        while True:
            page = client.snapshot(*after, limit=2)
            items += page["items"]
            tops.add(page["high_water"])
            if page["next"] is None:
                break
            after = (page["next"]["after_entity"], page["next"]["after_id"])
    assert tops == {9}
    assert [(i["entity"], i["entity_id"]) for i in items] == [
        ("ledger_transaction", "tx1"), *[("patient", f"p{i}") for i in range(5)]]  # the removed coverage is gone
    assert items[3]["data"] == {"last_name": "Changed"} and items[3]["last_seq"] == 6


def test_totals_are_computed_from_the_ledger_events(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        client.push("b1", 0, [ledger_change("l1", "tx1", 10000), ledger_change("l2", "tx2", 2500, line="line-2"),
                              change("c1")])
        totals = client.totals()
    assert totals == {"high_water": 3, "transactions": 2, "postings": 4, "accounts": {
        "gross_charges:all": {"postings": 2, "total_cents": -12500},
        "receivable:line-1:patient": {"postings": 1, "total_cents": 10000},
        "receivable:line-2:patient": {"postings": 1, "total_cents": 2500}}}
