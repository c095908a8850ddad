"""The sync client's transport: a push body with outbox payloads put in as they are stored is the JSON of the same
batch; snapshot pages asked for ahead in the background are the pages the server gives for each cursor."""

from __future__ import annotations

import json
from typing import Any

from server_support import LiveServer, change

from medbill_desktop.server import store
from medbill_desktop.sync.client import RawJson, push_body


def test_a_push_body_with_stored_payloads_is_the_json_of_the_batch() -> None:
    stored = json.dumps({"last_name": "Núñez", "address": {"line1": "5 Oak Ave"}, "n": [1, None, True]},
                        sort_keys=True)
    changes: list[dict[str, Any]] = [
        {"change_id": "c1", "entity": "patient", "entity_id": "p1", "event": "patient.registered",
         "created_at": "2026-11-02T15:00:00.000Z", "data": RawJson(stored)},
        {"change_id": "c2", "entity": "patient", "entity_id": "p1", "event": "patient.updated",
         "created_at": "2026-11-02T15:00:00.000Z", "data": {"email": "ann@example.org", "quote": 'a "b" \\ c'}},
        {"change_id": "c3", "data": {}}, {"change_id": "c4"}, {"data": RawJson("[]")},
    ]
    sent = json.loads(push_body("b-1", 7, changes))
    assert sent == {"batch_id": "b-1", "base_seq": 7, "changes": [
        {**changes[0], "data": json.loads(stored)}, changes[1], changes[2], changes[3], {"data": []}]}
    assert json.loads(push_body("b-2", 0, [])) == {"batch_id": "b-2", "base_seq": 0, "changes": []}


def _pages(client: Any, cursors: list[tuple[str, str]], limit: int) -> list[dict[str, Any]]:
    return [client.snapshot(*after, limit=limit) for after in cursors]


def test_snapshot_pages_asked_for_ahead_are_the_pages_of_each_cursor(live_server: LiveServer) -> None:
    with live_server.enrolled() as client:
        client.push("b1", 0, [change(f"c{i}", entity_id=f"p{i:02d}", n=i) for i in range(11)])
        walked = []
        after = ("", "")
        while True:  # each page's next page is asked for while this one is read
            page = client.snapshot(*after, limit=3)
            walked.append(page)
            if page["next"] is None:
                break
            after = (page["next"]["after_entity"], page["next"]["after_id"])
        # out of the walk's order: the page asked for ahead is not the one wanted, and is not used
        cursors = [("", ""), ("patient", "p05"), ("", ""), ("patient", "p05"), ("patient", "p09"), ("zzz", "")]
        jumping = _pages(client, cursors, 3) + _pages(client, [("", "")], 4)
    with live_server.db.connect() as conn:
        direct = [store.snapshot(conn, live_server.db.practice_id, *after, limit)
                  for after, limit in [*((c, 3) for c in cursors), (("", ""), 4)]]
        step = [store.snapshot(conn, live_server.db.practice_id, "", "", 3)]
        while step[-1]["next"] is not None:
            step.append(store.snapshot(conn, live_server.db.practice_id, step[-1]["next"]["after_entity"],
                                       step[-1]["next"]["after_id"], 3))
    assert [len(p["items"]) for p in walked] == [3, 3, 3, 2]
    assert walked == step
    assert jumping == direct
