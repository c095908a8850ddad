"""The server's SQL: enrolment, devices, push, pull, snapshot, totals and conflicts (PostgreSQL, psycopg 3).

Every function takes a connection in autocommit mode and opens its own transaction.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from medbill_desktop.server import security
from medbill_desktop.sync import protocol

Conn = psycopg.Connection[Any]


class Refused(Exception):
    """A request the server turns down, with the HTTP status and a message for people."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


# --- enrolment and devices ---------------------------------------------------------------------------------

def create_enroll_code(conn: Conn, practice_id: str, label: str = "", hours: float = 24.0) -> tuple[str, datetime]:
    code = security.new_enroll_code()
    expires = datetime.now(UTC) + timedelta(hours=hours)
    with conn.transaction():
        conn.execute("INSERT INTO enroll_codes (code_hash, practice_id, label, expires_at) VALUES (%s, %s, %s, %s)",
                     (security.hash_secret(code), practice_id, label, expires))
    return code, expires


def enroll(conn: Conn, practice_id: str, code: str, device_name: str) -> tuple[str, str]:
    """Use a one-time code: a new device id and device token (the token is shown this once)."""
    device_id = str(uuid.uuid4())
    token = security.new_device_token()
    with conn.transaction():
        row = conn.execute(
            "SELECT used_at, expires_at < now() FROM enroll_codes WHERE code_hash = %s AND practice_id = %s FOR UPDATE",
            (security.hash_secret(security.normalize_code(code)), practice_id)).fetchone()
        if row is None:
            raise Refused(403, "This enrolment code is not valid. Ask the practice administrator for a new one "
                               "(medbill-server enroll-code).")
        if row[0] is not None:
            raise Refused(403, "This enrolment code was already used; each code enrols one workstation. "
                               "Ask the practice administrator for a new one.")
        if row[1]:
            raise Refused(403, "This enrolment code has expired. Ask the practice administrator for a new one.")
        conn.execute("INSERT INTO devices (device_id, practice_id, name, token_hash) VALUES (%s, %s, %s, %s)",
                     (device_id, practice_id, device_name, security.hash_secret(token)))
        conn.execute("UPDATE enroll_codes SET used_at = now(), used_by = %s WHERE code_hash = %s",
                     (device_id, security.hash_secret(security.normalize_code(code))))
    return device_id, token


def revoked_message(device_id: str) -> str:
    return (f"This workstation (device {device_id}) was revoked by the practice administrator and may no longer "
            "sync. To sync again it must be enrolled again with a new code.")


def check_device_token(conn: Conn, practice_id: str, device_id: str, device_token: str) -> None:
    with conn.transaction():
        row = conn.execute("SELECT token_hash, revoked_at FROM devices WHERE device_id = %s AND practice_id = %s",
                           (device_id, practice_id)).fetchone()
        if row is None or not security.hmac_equal(row[0], security.hash_secret(device_token)):
            raise Refused(401, "Unknown workstation or wrong device token; enrol this workstation again.")
        if row[1] is not None:
            raise Refused(403, revoked_message(device_id))
        conn.execute("UPDATE devices SET last_seen_at = now() WHERE device_id = %s", (device_id,))


def check_device_active(conn: Conn, practice_id: str, device_id: str) -> None:
    row = conn.execute("SELECT revoked_at FROM devices WHERE device_id = %s AND practice_id = %s",
                       (device_id, practice_id)).fetchone()
    if row is None:
        raise Refused(401, "Unknown workstation; enrol it again.")
    if row[0] is not None:
        raise Refused(403, revoked_message(device_id))


def list_devices(conn: Conn, practice_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        "SELECT device_id, name, enrolled_at, last_seen_at, revoked_at, revoked_reason FROM devices "
        "WHERE practice_id = %s ORDER BY enrolled_at", (practice_id,)).fetchall()
    return [{"device_id": r[0], "name": r[1], "enrolled_at": r[2], "last_seen_at": r[3], "revoked_at": r[4],
             "revoked_reason": r[5]} for r in rows]


def revoke_device(conn: Conn, practice_id: str, device_id: str, reason: str = "") -> bool:
    """Revoke one device (by its id or a unique prefix of it). False when there is no such active device."""
    with conn.transaction():
        rows = conn.execute("SELECT device_id FROM devices WHERE practice_id = %s AND device_id LIKE %s",
                            (practice_id, device_id.replace("%", "").replace("_", r"\_") + "%")).fetchall()
        if len(rows) != 1:
            return False
        done = conn.execute("UPDATE devices SET revoked_at = now(), revoked_reason = %s "
                            "WHERE device_id = %s AND revoked_at IS NULL", (reason, rows[0][0]))
        return done.rowcount == 1


# --- push --------------------------------------------------------------------------------------------------

@dataclass
class Change:
    change_id: str
    entity: str
    entity_id: str
    event: str
    data: dict[str, Any]
    created_at: str


@dataclass
class _State:
    data: dict[str, Any]
    field_seq: dict[str, list[Any]]
    deleted: bool
    last_seq: int
    touched: bool = False


@dataclass
class _Writes:
    log: list[tuple[Any, ...]] = field(default_factory=list)
    applied: list[tuple[Any, ...]] = field(default_factory=list)
    ledger_tx: list[tuple[Any, ...]] = field(default_factory=list)
    ledger_postings: list[tuple[Any, ...]] = field(default_factory=list)
    conflicts: list[tuple[Any, ...]] = field(default_factory=list)


def _parse_ledger(change: Change) -> list[dict[str, Any]] | ValueError:
    try:
        return protocol.ledger_transactions(change.entity, change.entity_id, change.event, change.data)
    except ValueError as exc:
        return exc


def push(conn: Conn, practice_id: str, device_id: str, batch_id: str, base_seq: int,
         changes: list[Change]) -> dict[str, Any]:
    """Apply one batch in one transaction and return the reply (stored, so the same batch gets it again)."""
    with conn.transaction():
        row = conn.execute("UPDATE practice_clock SET last_seq = last_seq WHERE practice_id = %s RETURNING last_seq",
                           (practice_id,)).fetchone()
        if row is None:
            raise Refused(404, f"This server does not serve practice {practice_id!r}.")
        seq = int(row[0])
        receipt = conn.execute("SELECT device_id, reply FROM push_receipts WHERE practice_id = %s AND batch_id = %s",
                               (practice_id, batch_id)).fetchone()
        if receipt is not None:
            if receipt[0] != device_id:
                raise Refused(409, f"Batch id {batch_id} was already used by another workstation; "
                                   "use a new batch id.")
            stored: dict[str, Any] = receipt[1]
            return stored

        ids = list({c.change_id for c in changes})
        earlier = {r[0]: r[1:] for r in conn.execute(
            "SELECT a.change_id, a.status, a.seq, a.message, a.duplicate_of FROM applied_changes a "
            "JOIN unnest(%s::text[]) AS k(change_id) ON a.change_id = k.change_id WHERE a.practice_id = %s",
            (ids, practice_id))}
        fresh = [c for c in changes if c.change_id not in earlier]
        parsed = {c.change_id: _parse_ledger(c) for c in fresh if protocol.is_ledger_change(c.entity, c.event)}
        txs = [tx for found in parsed.values() if isinstance(found, list) for tx in found]
        keys = [tx["source_key"] for tx in txs if tx["source_key"]]
        posted_keys = {r[0]: r[1] for r in conn.execute(
            "SELECT t.source_key, t.tx_id FROM ledger_transactions t JOIN unnest(%s::text[]) AS k(source_key) "
            "ON t.source_key = k.source_key WHERE t.practice_id = %s", (keys, practice_id))} if keys else {}
        named = [tx["id"] for tx in txs] + [tx["reverses"] for tx in txs if tx["reverses"]]
        posted_tx = {r[0] for r in conn.execute(
            "SELECT t.tx_id FROM ledger_transactions t JOIN unnest(%s::text[]) AS k(tx_id) ON t.tx_id = k.tx_id "
            "WHERE t.practice_id = %s", (named, practice_id))} if txs else set()
        reversed_by = {r[0]: r[1] for r in conn.execute(
            "SELECT t.reverses, t.tx_id FROM ledger_transactions t JOIN unnest(%s::text[]) AS k(tx_id) "
            "ON t.reverses = k.tx_id WHERE t.practice_id = %s",
            ([tx["reverses"] for tx in txs if tx["reverses"]], practice_id))} if txs else {}
        ledger = _Ledger(posted_keys, posted_tx, reversed_by)
        states = _load_states(conn, practice_id, {(c.entity, c.entity_id) for c in fresh})

        writes = _Writes()
        results: list[dict[str, Any]] = []
        done: dict[str, dict[str, Any]] = {}
        for c in changes:
            if c.change_id in done:
                results.append(done[c.change_id])
                continue
            if c.change_id in earlier:
                status, old_seq, message, dup = earlier[c.change_id]
                result = {"change_id": c.change_id, "status": status, "seq": old_seq, "message": message,
                          "duplicate_of": dup, "repeated": True}
            elif c.change_id in parsed:
                result, seq = _apply_ledger(c, parsed[c.change_id], practice_id, device_id, batch_id, base_seq, seq,
                                            ledger, states, writes)
            else:
                seq += 1
                _apply_entity(c, practice_id, device_id, batch_id, base_seq, seq, states, writes)
                result = {"change_id": c.change_id, "status": protocol.APPLIED, "seq": seq, "message": "",
                          "duplicate_of": None, "repeated": False}
            done[c.change_id] = result
            results.append(result)

        _write(conn, practice_id, states, writes)
        conn.execute("UPDATE practice_clock SET last_seq = %s WHERE practice_id = %s", (seq, practice_id))
        reply = {"batch_id": batch_id, "results": results, "high_water": seq, "conflicts": len(writes.conflicts)}
        conn.execute("INSERT INTO push_receipts (practice_id, batch_id, device_id, reply) VALUES (%s, %s, %s, %s)",
                     (practice_id, batch_id, device_id, Jsonb(reply)))
        return reply


def _load_states(conn: Conn, practice_id: str, keys: set[tuple[str, str]]) -> dict[tuple[str, str], _State]:
    if not keys:
        return {}
    entities, entity_ids = zip(*keys, strict=True)
    rows = conn.execute(
        "SELECT s.entity, s.entity_id, s.data, s.field_seq, s.deleted, s.last_seq FROM entity_state s "
        "JOIN unnest(%s::text[], %s::text[]) AS k(entity, entity_id) "
        "ON s.entity = k.entity AND s.entity_id = k.entity_id WHERE s.practice_id = %s",
        (list(entities), list(entity_ids), practice_id)).fetchall()
    return {(r[0], r[1]): _State(r[2], r[3], r[4], r[5]) for r in rows}


def _log_row(c: Change, practice_id: str, device_id: str, batch_id: str, seq: int) -> tuple[Any, ...]:
    return (practice_id, seq, c.change_id, device_id, batch_id, c.entity, c.entity_id, c.event, Jsonb(c.data),
            c.created_at)


@dataclass
class _Ledger:
    """What the server's ledger already has of the transactions a push names (updated as the push goes)."""

    posted_keys: dict[str, str]  # source key -> the transaction posted with it
    posted_tx: set[str]
    reversed_by: dict[str, str]  # transaction -> the transaction that reversed it


def _apply_ledger(c: Change, found: list[dict[str, Any]] | ValueError, practice_id: str, device_id: str,
                  batch_id: str, base_seq: int, seq: int, ledger: _Ledger, states: dict[tuple[str, str], _State],
                  writes: _Writes) -> tuple[dict[str, Any], int]:
    """Post the change's ledger transactions, all of them or none: a transaction or a source key the server
    already has makes the whole change a duplicate (a remittance posted on two workstations), a reversal of a
    transaction the server does not have (or that was reversed already) refuses it."""
    def outcome(status: str, message: str, duplicate_of: str | None = None, at: int | None = None) -> dict[str, Any]:
        writes.applied.append((practice_id, c.change_id, device_id, batch_id, status, at, message, duplicate_of))
        return {"change_id": c.change_id, "status": status, "seq": at, "message": message,
                "duplicate_of": duplicate_of, "repeated": False}

    what = f"Ledger transaction {c.entity_id}" if protocol.is_single_ledger_change(c.entity, c.event) \
        else f"{c.event} {c.entity_id}"
    if isinstance(found, ValueError):
        return outcome(protocol.REJECTED, f"{what} was refused: {found}."), seq
    ids = {tx["id"] for tx in found}
    keys: set[str] = set()
    for tx in found:
        if tx["id"] in ledger.posted_tx:
            return outcome(protocol.DUPLICATE, f"{what}: transaction {tx['id']} was already posted at the server; "
                                               "it was not posted again.", tx["id"]), seq
        key = tx["source_key"]
        if key is not None and (key in ledger.posted_keys or key in keys):
            first = ledger.posted_keys.get(key, tx["id"])
            return outcome(protocol.DUPLICATE,
                           f"This remittance was already posted ({key}) by transaction {first}; {what} was not "
                           "posted again. Review it on this workstation.", first), seq
        if key is not None:
            keys.add(key)
        original = tx["reverses"]
        if original is not None:
            if original in ledger.reversed_by:
                first = ledger.reversed_by[original]
                return outcome(protocol.DUPLICATE, f"Transaction {original} was already reversed at the server (by "
                                                   f"{first}); {what} was not posted again.", first), seq
            if original not in ledger.posted_tx and original not in ids:
                return outcome(protocol.REJECTED, f"{what} reverses transaction {original}, which the server does "
                                                  "not have (it was not accepted there); it was not posted."), seq
    seq += 1
    single = protocol.is_single_ledger_change(c.entity, c.event)
    for tx in found:
        ledger.posted_tx.add(tx["id"])
        if tx["source_key"] is not None:
            ledger.posted_keys[tx["source_key"]] = tx["id"]
        if tx["reverses"] is not None:
            ledger.reversed_by[tx["reverses"]] = tx["id"]
        writes.ledger_tx.append((practice_id, tx["id"], seq, tx["kind"], tx["source_key"], tx["reverses"]))
        writes.ledger_postings.extend((practice_id, tx["id"], protocol.account_code(p["kind"], p["ref"]),
                                       p["patient_account"], p["amount_cents"]) for p in tx["postings"])
        if not single:  # each transaction of a batch is its own entity too, for snapshots
            data = {k: v for k, v in tx.items() if k != "id"}
            states[(protocol.LEDGER_ENTITY, tx["id"])] = _State(data, {}, False, seq, touched=True)
    _apply_entity(c, practice_id, device_id, batch_id, base_seq, seq, states, writes, record_outcome=False)
    return outcome(protocol.APPLIED, "", None, seq), seq


def _apply_entity(c: Change, practice_id: str, device_id: str, batch_id: str, base_seq: int, seq: int,
                  states: dict[tuple[str, str], _State], writes: _Writes, record_outcome: bool = True) -> None:
    """Append to the log and merge the event's fields into the entity's state; for patients and coverage a field
    another workstation set after this one last pulled (`base_seq`) is overwritten and becomes a conflict."""
    writes.log.append(_log_row(c, practice_id, device_id, batch_id, seq))
    if record_outcome:
        writes.applied.append((practice_id, c.change_id, device_id, batch_id, protocol.APPLIED, seq, "", None))
    state = states.get((c.entity, c.entity_id))
    if state is None:
        state = states[(c.entity, c.entity_id)] = _State({}, {}, False, seq)
    state.touched = True
    state.last_seq = seq
    if c.event.endswith(protocol.REMOVAL_SUFFIX):
        state.deleted = True
        return
    if not protocol.merges_fields(c.entity, c.event):
        return
    state.deleted = False
    merged = c.entity in protocol.MERGED_ENTITIES
    for name, value in c.data.items():
        present = name in state.data
        if present and state.data[name] == value:
            continue
        previous = state.field_seq.get(name)
        if merged and present and previous and previous[1] != device_id and int(previous[0]) > base_seq:
            writes.conflicts.append((practice_id, seq, c.entity, c.entity_id, name, Jsonb(value), device_id,
                                     Jsonb(state.data[name]), previous[1], int(previous[0])))
        state.data[name] = value
        state.field_seq[name] = [seq, device_id]


def _write(conn: Conn, practice_id: str, states: dict[tuple[str, str], _State], writes: _Writes) -> None:
    with conn.cursor() as cur:
        if writes.log:
            with cur.copy("COPY change_log (practice_id, seq, change_id, origin_device, batch_id, entity, entity_id, "
                          "event, data, created_at) FROM STDIN") as copy:
                for row in writes.log:
                    copy.write_row(row)
        if writes.applied:
            with cur.copy("COPY applied_changes (practice_id, change_id, device_id, batch_id, status, seq, message, "
                          "duplicate_of) FROM STDIN") as copy:
                for row in writes.applied:
                    copy.write_row(row)
        if writes.ledger_tx:
            with cur.copy("COPY ledger_transactions (practice_id, tx_id, seq, kind, source_key, reverses) "
                          "FROM STDIN") as copy:
                for row in writes.ledger_tx:
                    copy.write_row(row)
            with cur.copy("COPY ledger_postings (practice_id, tx_id, account_code, patient_account, amount_cents) "
                          "FROM STDIN") as copy:
                for row in writes.ledger_postings:
                    copy.write_row(row)
        touched = [(k, s) for k, s in states.items() if s.touched]
        if touched:
            cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_state (entity text, entity_id text, data jsonb, "
                        "field_seq jsonb, deleted boolean, last_seq bigint) ON COMMIT DELETE ROWS")
            with cur.copy("COPY incoming_state FROM STDIN") as copy:
                for (entity, entity_id), s in touched:
                    copy.write_row((entity, entity_id, Jsonb(s.data), Jsonb(s.field_seq), s.deleted, s.last_seq))
            cur.execute(
                "INSERT INTO entity_state (practice_id, entity, entity_id, data, field_seq, deleted, last_seq) "
                "SELECT %s, entity, entity_id, data, field_seq, deleted, last_seq FROM incoming_state "
                "ON CONFLICT (practice_id, entity, entity_id) DO UPDATE SET data = EXCLUDED.data, "
                "field_seq = EXCLUDED.field_seq, deleted = EXCLUDED.deleted, last_seq = EXCLUDED.last_seq",
                (practice_id,))
        if writes.conflicts:
            cur.executemany(
                "INSERT INTO conflicts (practice_id, seq, entity, entity_id, field, kept_value, kept_device, "
                "overwritten_value, overwritten_device, overwritten_seq) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                writes.conflicts)


# --- pull, snapshot, totals --------------------------------------------------------------------------------

def _read_only(conn: Conn) -> None:
    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")


def high_water(conn: Conn, practice_id: str) -> int:
    row = conn.execute("SELECT last_seq FROM practice_clock WHERE practice_id = %s", (practice_id,)).fetchone()
    if row is None:
        raise Refused(404, f"This server does not serve practice {practice_id!r}.")
    return int(row[0])


def pull(conn: Conn, practice_id: str, since: int, limit: int) -> dict[str, Any]:
    return json.loads(pull_json(conn, practice_id, since, limit))  # type: ignore[no-any-return]


def pull_json(conn: Conn, practice_id: str, since: int, limit: int) -> str:
    """The pull reply as JSON text, built by PostgreSQL (the change data is jsonb already: no round trip
    through Python objects)."""
    with conn.transaction():
        _read_only(conn)
        top = high_water(conn, practice_id)
        row = conn.execute(
            "SELECT count(*), max(seq), coalesce(json_agg(json_build_object('seq', seq, 'change_id', change_id, "
            "'origin_device', origin_device, 'entity', entity, 'entity_id', entity_id, 'event', event, "
            "'data', data, 'created_at', created_at) ORDER BY seq)::text, '[]') FROM ("
            "SELECT * FROM change_log WHERE practice_id = %s AND seq > %s ORDER BY seq LIMIT %s) AS page",
            (practice_id, since, limit)).fetchone()
    assert row is not None
    count, last, changes = int(row[0]), row[1], row[2]
    last = int(last) if last is not None else since
    more = "true" if count and last < top else "false"
    return f'{{"changes": {changes}, "high_water": {top}, "next": {last}, "more": {more}}}'


def snapshot(conn: Conn, practice_id: str, after_entity: str, after_id: str, limit: int) -> dict[str, Any]:
    return json.loads(snapshot_json(conn, practice_id, after_entity, after_id, limit))  # type: ignore[no-any-return]


def snapshot_json(conn: Conn, practice_id: str, after_entity: str, after_id: str, limit: int) -> str:
    """One snapshot page as JSON text built by PostgreSQL (as pull_json: a first set-up reads every entity of
    the practice, the data is jsonb already). field_seq gives each field the seq of the change that set it."""
    with conn.transaction():
        _read_only(conn)
        top = high_water(conn, practice_id)
        row = conn.execute(
            "SELECT count(*), coalesce(json_agg(json_build_object('entity', entity, 'entity_id', entity_id, "
            "'data', data, 'last_seq', last_seq, 'field_seq', (SELECT coalesce(jsonb_object_agg(f.key, f.value->0), "
            "'{}'::jsonb) FROM jsonb_each(field_seq) AS f)) ORDER BY entity, entity_id)::text, '[]'), "
            "(array_agg(entity ORDER BY entity DESC, entity_id DESC))[1], "
            "(array_agg(entity_id ORDER BY entity DESC, entity_id DESC))[1] FROM ("
            "SELECT * FROM entity_state WHERE practice_id = %s AND NOT deleted AND (entity, entity_id) > (%s, %s) "
            "ORDER BY entity, entity_id LIMIT %s) AS page",
            (practice_id, after_entity, after_id, limit)).fetchone()
    assert row is not None
    count, items, last_entity, last_id = int(row[0]), row[1], row[2], row[3]
    following = json.dumps({"after_entity": last_entity, "after_id": last_id}) if count == limit else "null"
    return f'{{"items": {items}, "high_water": {top}, "next": {following}}}'


def totals(conn: Conn, practice_id: str) -> dict[str, Any]:
    with conn.transaction():
        _read_only(conn)
        top = high_water(conn, practice_id)
        tx = conn.execute("SELECT count(*) FROM ledger_transactions WHERE practice_id = %s", (practice_id,)).fetchone()
        rows = conn.execute("SELECT account_code, count(*), sum(amount_cents) FROM ledger_postings "
                            "WHERE practice_id = %s GROUP BY account_code", (practice_id,)).fetchall()
    accounts = {r[0]: {"postings": int(r[1]), "total_cents": int(r[2])} for r in rows}
    return {"high_water": top, "transactions": int(tx[0]) if tx else 0,
            "postings": sum(a["postings"] for a in accounts.values()), "accounts": accounts}


# --- conflicts ---------------------------------------------------------------------------------------------

_CONFLICT_COLUMNS = ("id", "seq", "entity", "entity_id", "field", "kept_value", "kept_device", "overwritten_value",
                     "overwritten_device", "overwritten_seq", "created_at", "resolved_at", "resolution", "resolved_by")


def list_conflicts(conn: Conn, practice_id: str, open_only: bool = True) -> list[dict[str, Any]]:
    where = " AND resolved_at IS NULL" if open_only else ""
    rows = conn.execute(f"SELECT {', '.join(_CONFLICT_COLUMNS)} FROM conflicts WHERE practice_id = %s{where} "
                        "ORDER BY id", (practice_id,)).fetchall()
    return [dict(zip(_CONFLICT_COLUMNS, r, strict=True)) for r in rows]


def resolve_conflict(conn: Conn, practice_id: str, device_id: str, conflict_id: int, resolution: str) -> dict[str, Any]:
    """Keep the value that won, or restore the overwritten one (a new change every workstation pulls)."""
    with conn.transaction():
        row = conn.execute("UPDATE practice_clock SET last_seq = last_seq WHERE practice_id = %s RETURNING last_seq",
                           (practice_id,)).fetchone()
        if row is None:
            raise Refused(404, f"This server does not serve practice {practice_id!r}.")
        seq = int(row[0])
        found = conn.execute(f"SELECT {', '.join(_CONFLICT_COLUMNS)} FROM conflicts WHERE practice_id = %s AND id = %s",
                             (practice_id, conflict_id)).fetchone()
        if found is None:
            raise Refused(404, f"There is no conflict {conflict_id}.")
        conflict = dict(zip(_CONFLICT_COLUMNS, found, strict=True))
        if conflict["resolved_at"] is not None:
            raise Refused(409, f"Conflict {conflict_id} was already resolved ({conflict['resolution']}).")
        if resolution == "restore":
            seq += 1
            change = Change(change_id=f"restore-{conflict_id}", entity=conflict["entity"],
                            entity_id=conflict["entity_id"], event=f"{conflict['entity']}.conflict_restored",
                            data={conflict["field"]: conflict["overwritten_value"]},
                            created_at=datetime.now(UTC).isoformat(timespec="milliseconds"))
            states = _load_states(conn, practice_id, {(change.entity, change.entity_id)})
            writes = _Writes()
            _apply_entity(change, practice_id, device_id, "conflict-resolution", seq, seq, states, writes)
            _write(conn, practice_id, states, writes)
            conn.execute("UPDATE practice_clock SET last_seq = %s WHERE practice_id = %s", (seq, practice_id))
        conn.execute("UPDATE conflicts SET resolved_at = now(), resolution = %s, resolved_by = %s WHERE id = %s",
                     (resolution, device_id, conflict_id))
    return {"id": conflict_id, "resolution": resolution, "high_water": seq}
