"""The server's SQL: enrolment, devices, push, pull, snapshot, totals and conflicts (PostgreSQL, psycopg 3).

Every function takes a connection in autocommit mode and opens its own transaction.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from medbill_desktop.domain.ids import assigned_workstation_prefix
from medbill_desktop.server import claim_status, security
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


def enroll(conn: Conn, practice_id: str, code: str, device_name: str) -> tuple[str, str, str]:
    """Use a one-time code: a new device id, its device token (shown this once) and the number prefix the
    workstation uses from now on (the practice's next free one)."""
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
        prefix = _assign_prefix(conn, practice_id, device_id)
    return device_id, token, prefix


def _assign_prefix(conn: Conn, practice_id: str, device_id: str) -> str:
    """The practice's next free workstation number prefix (AA, AB ...), the device's for good: prefixes are
    never changed or given twice (workstation_prefixes refuses updates and deletes). Enrolments of one practice
    take them one after another (a transaction lock per practice)."""
    conn.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (f"medbill-prefix:{practice_id}",))
    row = conn.execute("SELECT coalesce(max(n), 0) FROM workstation_prefixes WHERE practice_id = %s",
                       (practice_id,)).fetchone()
    n = (int(row[0]) if row else 0) + 1
    prefix = assigned_workstation_prefix(n)
    conn.execute("INSERT INTO workstation_prefixes (practice_id, n, prefix, device_id) VALUES (%s, %s, %s, %s)",
                 (practice_id, n, prefix, device_id))
    return prefix


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
    """The practice's workstations, with the number prefix the server gave each ('' for one enrolled before
    the server gave prefixes)."""
    rows = conn.execute(
        "SELECT d.device_id, d.name, d.enrolled_at, d.last_seen_at, d.revoked_at, d.revoked_reason, "
        "coalesce(p.prefix, '') FROM devices d LEFT JOIN workstation_prefixes p ON p.device_id = d.device_id "
        "WHERE d.practice_id = %s ORDER BY d.enrolled_at", (practice_id,)).fetchall()
    return [{"device_id": r[0], "name": r[1], "enrolled_at": r[2], "last_seen_at": r[3], "revoked_at": r[4],
             "revoked_reason": r[5], "prefix": r[6]} for r in rows]


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
    """An entity's state during a push. Its fields are set by assigning them (data[name] = value), never by
    changing a value in place: _write sends only the fields that differ from `loaded`."""

    data: dict[str, Any]
    field_seq: dict[str, list[Any]]
    deleted: bool
    last_seq: int
    touched: bool = False
    loaded: tuple[dict[str, Any], dict[str, list[Any]]] | None = None  # data and field_seq as read (copies)


@dataclass
class _Writes:
    log: list[tuple[Any, ...]] = field(default_factory=list)
    applied: list[tuple[Any, ...]] = field(default_factory=list)
    ledger_tx: list[tuple[Any, ...]] = field(default_factory=list)
    ledger_postings: list[tuple[Any, ...]] = field(default_factory=list)
    conflicts: list[tuple[Any, ...]] = field(default_factory=list)
    names: claim_status.Names = str  # workstation names by device id, for messages (push reads them from devices)


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
        ledger = _Ledger(posted_keys, posted_tx, reversed_by, _receivable_balances(conn, practice_id, txs))
        fixes = _earlier_corrections(conn, practice_id, [c.change_id for c in changes if c.change_id in earlier
                                                         and protocol.is_ledger_change(c.entity, c.event)])
        states = _load_states(conn, practice_id, {(c.entity, c.entity_id) for c in fresh}
                              | claim_status.claim_keys(changes))

        writes = _Writes(names=claim_status.DeviceNames(conn, practice_id))
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
                if c.change_id in fixes:  # the corrections it was given then, again
                    result[protocol.CORRECTIONS_KEY] = fixes[c.change_id]
                claim_status.repeated(result, c, states)  # a refused claim command: the server's claim again
            elif c.change_id in parsed:
                result, seq = _apply_ledger(c, parsed[c.change_id], practice_id, device_id, batch_id, base_seq, seq,
                                            ledger, states, writes)
            elif (verdict := claim_status.judge(c, states, writes.names)) is not None:
                # a claim status command the state machine does not allow from the server's status (not logged)
                writes.applied.append((practice_id, c.change_id, device_id, batch_id, verdict["status"],
                                       verdict["seq"], verdict["message"], None))
                result = {"change_id": c.change_id, "duplicate_of": None, "repeated": False, **verdict}
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
    return {(r[0], r[1]): _State(r[2], r[3], r[4], r[5], loaded=(dict(r[2]), dict(r[3]))) for r in rows}


def _log_row(c: Change, practice_id: str, device_id: str, batch_id: str, seq: int) -> tuple[Any, ...]:
    return (practice_id, seq, c.change_id, device_id, batch_id, c.entity, c.entity_id, c.event, Jsonb(c.data),
            c.created_at)


@dataclass
class _Ledger:
    """What the server's ledger already has of the transactions a push names (updated as the push goes)."""

    posted_keys: dict[str, str]  # source key -> the transaction posted with it
    posted_tx: set[str]
    reversed_by: dict[str, str]  # transaction -> the transaction that reversed it
    # receivable account code -> its balance at the server, for every receivable the push credits
    balances: dict[str, int] = field(default_factory=dict)


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

    if protocol.CORRECTIONS_KEY in c.data:  # only the server attaches corrections
        c = replace(c, data={k: v for k, v in c.data.items() if k != protocol.CORRECTIONS_KEY})
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
    fix = _correction(c, found, ledger.balances)
    if fix is not None:
        _post_correction(fix, practice_id, seq, ledger, states, writes)
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
    result = outcome(protocol.APPLIED, "", None, seq)
    if fix is not None:  # pulled with the change, and told to the workstation that pushed it
        writes.log[-1] = _log_row(replace(c, data={**c.data, protocol.CORRECTIONS_KEY: [fix]}), practice_id,
                                  device_id, batch_id, seq)
        result[protocol.CORRECTIONS_KEY] = [fix]
    return result, seq


# --- corrections: a receivable paid twice ----------------------------------------------------------------------

def _receivable_balances(conn: Conn, practice_id: str, txs: list[dict[str, Any]]) -> dict[str, int]:
    """The server's balance of every receivable one of these transactions credits (0 for one it has no postings
    of). Receivables a push only debits (charges) cannot go below zero, and are not read."""
    codes = sorted({protocol.account_code(p["kind"], p["ref"]) for tx in txs for p in tx["postings"]
                    if p["kind"] == protocol.RECEIVABLE_KIND and p["amount_cents"] < 0})
    if not codes:
        return {}
    found = dict.fromkeys(codes, 0)
    found.update((r[0], int(r[1])) for r in conn.execute(
        "SELECT p.account_code, sum(p.amount_cents) FROM ledger_postings p JOIN unnest(%s::text[]) AS k(code) "
        "ON p.account_code = k.code WHERE p.practice_id = %s GROUP BY p.account_code", (codes, practice_id)))
    return found


def _earlier_corrections(conn: Conn, practice_id: str, change_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """The corrections the server attached to changes it accepted before (a change pushed again gets them
    again)."""
    if not change_ids:
        return {}
    return {r[0]: r[1] for r in conn.execute(
        "SELECT l.change_id, l.data -> %s::text FROM change_log l JOIN unnest(%s::text[]) AS k(change_id) "
        "ON l.change_id = k.change_id WHERE l.practice_id = %s AND l.data ? %s::text",
        (protocol.CORRECTIONS_KEY, change_ids, practice_id, protocol.CORRECTIONS_KEY))}


def _correction(c: Change, found: list[dict[str, Any]], balances: dict[str, int]) -> dict[str, Any] | None:
    """Move the change's transactions through the server's receivable balances (the accounts of `balances`);
    for each receivable the change as a whole would take below zero, the overflow, as one correction
    transaction (None when there is none). The balances are left where the change and its correction put them."""
    moved: dict[str, int] = {}
    named: dict[str, tuple[str, str | None]] = {}
    for tx in found:
        for p in tx["postings"]:
            code = protocol.account_code(p["kind"], p["ref"])
            if code in balances:
                moved[code] = moved.get(code, 0) + p["amount_cents"]
                named[code] = (p["ref"], p["patient_account"])
    overflows: list[tuple[str, str, int]] = []
    for code, amount in moved.items():
        balances[code] += amount
        ref, patient_account = named[code]
        over = min(-balances[code], -amount)
        if over > 0 and patient_account:  # (a receivable names its patient account; one that does not is left)
            overflows.append((ref, patient_account, over))
            balances[code] += over
    if not overflows:
        return None
    over_refs = {ref for ref, _, _ in overflows}
    first = next((tx for tx in found if any(p["kind"] == protocol.RECEIVABLE_KIND and p["ref"] in over_refs
                                            and p["amount_cents"] < 0 for p in tx["postings"])), found[0])
    return protocol.correction(c.change_id, first["id"], first["occurred_on"], overflows)


def _post_correction(fix: dict[str, Any], practice_id: str, seq: int, ledger: _Ledger,
                     states: dict[tuple[str, str], _State], writes: _Writes) -> None:
    """The correction stored like any transaction (the totals count it), at the seq of the change it corrects,
    and its own ledger entity for snapshots (named `corrects`: a new workstation applies it just before)."""
    ledger.posted_tx.add(fix["id"])
    writes.ledger_tx.append((practice_id, fix["id"], seq, fix["kind"], None, None))
    writes.ledger_postings.extend((practice_id, fix["id"], protocol.account_code(p["kind"], p["ref"]),
                                   p["patient_account"], p["amount_cents"]) for p in fix["postings"])
    states[(protocol.LEDGER_ENTITY, fix["id"])] = _State({k: v for k, v in fix.items() if k != "id"}, {}, False, seq,
                                                         touched=True)


def _apply_entity(c: Change, practice_id: str, device_id: str, batch_id: str, base_seq: int, seq: int,
                  states: dict[tuple[str, str], _State], writes: _Writes, record_outcome: bool = True) -> None:
    """Append to the log and merge the event's fields into the entity's state; for patients and coverage a field
    another workstation set after this one last pulled (`base_seq`) is overwritten and becomes a conflict.
    Claims: the server keeps each claim's status (server.claim_status); a money event moves the claims it names
    where the state machine allows it, and is logged with the server's status of the others (its data is
    replaced by what is logged)."""
    if c.event in claim_status.MONEY_EVENTS:
        c.data = claim_status.settle_money(c, seq, device_id, states, writes.names)
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
    if c.entity == claim_status.CLAIM:
        claim_status.track(c, state, seq, device_id)


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
            # a state read from entity_state gets only its fields that changed (most changes set one or two of an
            # entity's fields: jsonb || puts them in); a new one, or one with a field gone, is written whole
            cur.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_states (entity text, entity_id text, data jsonb, "
                        "field_seq jsonb, deleted boolean, last_seq bigint, whole boolean) ON COMMIT DELETE ROWS")
            with cur.copy("COPY incoming_states FROM STDIN") as copy:
                for (entity, entity_id), s in touched:
                    data = field_seq = None
                    if s.loaded is not None:
                        data, field_seq = _changed(s.data, s.loaded[0]), _changed(s.field_seq, s.loaded[1])
                    whole = data is None or field_seq is None
                    copy.write_row((entity, entity_id, Jsonb(s.data if whole else data),
                                    Jsonb(s.field_seq if whole else field_seq), s.deleted, s.last_seq, whole))
            cur.execute(
                "UPDATE entity_state s SET data = s.data || i.data, field_seq = s.field_seq || i.field_seq, "
                "deleted = i.deleted, last_seq = i.last_seq FROM incoming_states i "
                "WHERE NOT i.whole AND s.practice_id = %s AND s.entity = i.entity AND s.entity_id = i.entity_id",
                (practice_id,))
            cur.execute(
                "INSERT INTO entity_state (practice_id, entity, entity_id, data, field_seq, deleted, last_seq) "
                "SELECT %s, entity, entity_id, data, field_seq, deleted, last_seq FROM incoming_states WHERE whole "
                "ON CONFLICT (practice_id, entity, entity_id) DO UPDATE SET data = EXCLUDED.data, "
                "field_seq = EXCLUDED.field_seq, deleted = EXCLUDED.deleted, last_seq = EXCLUDED.last_seq",
                (practice_id,))
        if writes.conflicts:
            cur.executemany(
                "INSERT INTO conflicts (practice_id, seq, entity, entity_id, field, kept_value, kept_device, "
                "overwritten_value, overwritten_device, overwritten_seq) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                writes.conflicts)


def _changed(now: dict[str, Any], before: dict[str, Any]) -> dict[str, Any] | None:
    """The fields of `now` that are new or differ from `before`; None when one of `before` is gone."""
    if not before.keys() <= now.keys():
        return None
    return {name: value for name, value in now.items() if name not in before or before[name] != value}


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
    """One snapshot page as JSON text (a first set-up reads every entity of the practice): PostgreSQL writes each
    item's text but its field_seq, the data is jsonb already; field_seq gives each field the seq of the change
    that set it (_field_seqs, in Python: PostgreSQL's jsonb_each per row cost more than the rest of the page).
    The page walks the primary key in order (a sort is never cheaper, however old the statistics)."""
    with conn.transaction():
        _read_only(conn)
        conn.execute("SET LOCAL enable_sort = off")
        top = high_water(conn, practice_id)
        rows = conn.execute(
            "SELECT entity, entity_id, '{\"entity\": ' || to_json(entity)::text || ', \"entity_id\": ' "
            "|| to_json(entity_id)::text || ', \"data\": ' || data::text || ', \"last_seq\": ' || last_seq "
            "|| ', \"field_seq\": ', field_seq::text FROM entity_state "
            "WHERE practice_id = %s AND NOT deleted AND (entity, entity_id) > (%s, %s) "
            "ORDER BY entity, entity_id LIMIT %s",
            (practice_id, after_entity, after_id, limit)).fetchall()
    items = ", ".join([f"{item}{_field_seqs(seqs)}}}" for _, _, item, seqs in rows])
    following = json.dumps({"after_entity": rows[-1][0], "after_id": rows[-1][1]}) \
        if rows and len(rows) == limit else "null"
    return f'{{"items": [{items}], "high_water": {top}, "next": {following}}}'


_SEQ_PAIR = re.compile(r'\[(\d+), "[^"\[\]]*"\]')


def _first_group(match: re.Match[str]) -> str:
    return match.group(1)


def _field_seqs(text: str) -> str:
    """entity_state.field_seq's text ({field: [seq, device, ...]}) as {field: seq}. Most values are
    [seq, "device id"] pairs. In jsonb's text with no escapes, '": ' ends each key and nothing else, and each
    pair holds one "[": when there are as many pairs as keys and as "[", every value is a pair and a regular
    expression replaces them. Anything else is parsed."""
    if "\\" not in text:
        reduced, pairs = _SEQ_PAIR.subn(_first_group, text)
        if pairs == text.count("[") == text.count('": '):
            return reduced
    return json.dumps({k: _first(v) for k, v in json.loads(text).items()})


def _first(value: Any) -> Any:
    """What PostgreSQL's `value -> 0` gives: an array's first element, a scalar itself, NULL of an object."""
    if isinstance(value, list):
        return value[0] if value else None
    return None if isinstance(value, dict) else value


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
