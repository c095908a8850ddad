"""The faster paths of the server's push and snapshot give what the plain ones gave: an entity's state written as
the fields that changed equals the state written whole, and a snapshot page (items written by PostgreSQL, field
seqs in Python) equals the page PostgreSQL built whole with jsonb_each."""

from __future__ import annotations

import json
from typing import Any

from psycopg.types.json import Jsonb
from server_support import ServerDb, change

from medbill_desktop.server import store

# The page as the server built it before (PostgreSQL: json_build_object and jsonb_each per row).
_REFERENCE_PAGE = (
    "SELECT coalesce(json_agg(json_build_object('entity', entity, 'entity_id', entity_id, 'data', data, "
    "'last_seq', last_seq, 'field_seq', (SELECT coalesce(jsonb_object_agg(f.key, f.value->0), '{}'::jsonb) "
    "FROM jsonb_each(field_seq) AS f)) ORDER BY entity, entity_id), '[]') FROM ("
    "SELECT * FROM entity_state WHERE practice_id = %s AND NOT deleted AND (entity, entity_id) > (%s, %s) "
    "ORDER BY entity, entity_id LIMIT %s) AS page")


def _device(db: ServerDb, name: str = "front desk") -> str:
    with db.connect() as conn:
        return store.enroll(conn, db.practice_id, db.code(), name)[0]


def _changes(*raw: dict[str, Any]) -> list[store.Change]:
    return [store.Change(c["change_id"], c["entity"], c["entity_id"], c["event"], c["data"], c["created_at"])
            for c in raw]


def _states(db: ServerDb) -> list[tuple[Any, ...]]:
    return db.rows("SELECT entity, entity_id, data, field_seq, deleted, last_seq FROM entity_state "
                   "ORDER BY entity, entity_id")


def test_states_written_field_by_field_equal_states_written_whole(server_db: ServerDb) -> None:
    """The same changes pushed one batch each (every state read back and written as its changed fields) and all
    in one batch (every state new: written whole) leave the same entity_state."""
    changes = [
        change("c1", entity_id="p1", event="patient.registered", last_name="Lee", first_name="Ann",
               address={"line1": "5 Oak Ave", "city": "Springfield"}),
        change("c2", entity_id="p1", home_phone="2175550199"),
        change("c3", entity_id="p1", address={"line1": "9 Elm St", "city": "Springfield"}),  # a whole field again
        change("c4", entity_id="p1", home_phone="2175550199", email="ann@example.org"),  # one of them the same
        change("c5", entity="coverage", entity_id="v1", event="coverage.saved", member_id="M1", rank="primary"),
        change("c6", entity="coverage", entity_id="v1", event="coverage.removed", member_id="M1"),
        change("c7", entity="coverage", entity_id="v1", event="coverage.saved", member_id="M2"),
        change("c8", entity="claim", entity_id="k1", event="claim.note_added", text="Called"),
        change("c9", entity="claim", entity_id="k1", event="claim.note_added", text="Called again"),
    ]
    device = _device(server_db)
    with server_db.connect() as conn:
        for n, c in enumerate(_changes(*changes), start=1):
            store.push(conn, server_db.practice_id, device, f"b{n}", n - 1, [c])
    one_by_one = _states(server_db)
    assert len(one_by_one) == 3

    with server_db.connect() as conn:  # the server as it was before these pushes
        conn.execute("TRUNCATE entity_state, change_log, applied_changes, push_receipts")
        conn.execute("UPDATE practice_clock SET last_seq = 0")
        store.push(conn, server_db.practice_id, device, "all-at-once", 0, _changes(*changes))
    assert _states(server_db) == one_by_one


def test_a_snapshot_page_equals_the_page_postgresql_built_whole(server_db: ServerDb) -> None:
    field_seqs: list[dict[str, Any]] = [
        {}, {"last_name": [3, "dev-1"]}, {"a": [1, "dev-1"], "b": [12, "dev-2"], "c": [7, "dev-1"]},
        {"status": [9, "dev-1", {"event": "claim.status_changed", "from": "ready", "to": "submitted"}],
         "note": [8, "dev-2"]},
        {'say "hi"': [4, "dev-1"]}, {"a[1, ": [5, "dev-1"]}, {"x\\": [6, "dev-1"]}, {"é": [2, "dev-1"]},
        {"odd": 5}, {"empty": []}, {"nested": {"k": [1, "d"]}}, {"a": [1, "dev[1]"]},
    ]
    with server_db.connect() as conn:
        for n, seqs in enumerate(field_seqs):
            data = {name: f"value {n}" for name in seqs} | {"n": n, "text": 'quote " and \\ and ünïcode'}
            conn.execute("INSERT INTO entity_state (practice_id, entity, entity_id, data, field_seq, deleted, "
                         "last_seq) VALUES (%s, %s, %s, %s, %s, false, %s)",
                         (server_db.practice_id, "patient" if n % 2 else "claim", f"e{n:02d}", Jsonb(data),
                          Jsonb(seqs), n + 1))
        conn.execute("INSERT INTO entity_state (practice_id, entity, entity_id, data, field_seq, deleted, last_seq) "
                     "VALUES (%s, 'patient', 'gone', '{}', '{}', true, 1)", (server_db.practice_id,))
        pages = []
        after = ("", "")
        while True:
            text = store.snapshot_json(conn, server_db.practice_id, *after, 5)
            page = json.loads(text)
            reference = conn.execute(_REFERENCE_PAGE, (server_db.practice_id, *after, 5)).fetchone()
            assert reference is not None
            assert page["items"] == reference[0]
            pages.append(page)
            if page["next"] is None:
                break
            after = (page["next"]["after_entity"], page["next"]["after_id"])
    assert [len(p["items"]) for p in pages] == [5, 5, 2]
    items = {i["entity_id"]: i for p in pages for i in p["items"]}
    assert "gone" not in items
    assert items["e03"]["field_seq"] == {"status": 9, "note": 8}
    assert items["e08"]["field_seq"] == {"odd": 5}  # (as PostgreSQL has it: a scalar's element 0 is itself)
