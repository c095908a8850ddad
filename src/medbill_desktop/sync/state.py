"""What the workstation keeps about sync, in its own encrypted database: the server it is enrolled with, the
pull cursor, the last sync and what the server turned down for review; the device token in the OS keyring.

All of it lives in the `settings` table under `sync.*` keys (PracticeSettings ignores keys it does not know).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any

import keyring
from keyring.errors import KeyringError
from sqlalchemy import Connection, func, select, update

from medbill_desktop.storage.keys import backend_is_secure
from medbill_desktop.storage.tables import ledger_accounts, ledger_postings, ledger_transactions, outbox, settings
from medbill_desktop.sync.client import RawJson

KEYRING_SERVICE = "MedBill Desktop sync"
SERVER_KEY = "sync.server"
CURSOR_KEY = "sync.cursor"
LAST_SYNC_KEY = "sync.last_sync"
REVIEW_KEY = "sync.review"
SNAPSHOT_KEY = "sync.snapshot"
ATTEMPT_KEY = "sync.last_attempt"
ALIASES_KEY = "sync.user_aliases"
ACCOUNT_ALIASES_KEY = "sync.account_aliases"
TOKEN_FALLBACK_KEY = "sync.device_token"  # only where the OS keyring is not secure; the database is encrypted


@dataclass(frozen=True)
class ServerConfig:
    url: str
    ca_file: str
    device_id: str
    device_name: str
    practice_id: str
    enrolled_at: str


def _get(conn: Connection, key: str) -> Any:
    row = conn.execute(select(settings.c.value).where(settings.c.key == key)).first()
    return json.loads(row[0]) if row else None


def _put(conn: Connection, key: str, value: Any) -> None:
    text = json.dumps(value, sort_keys=True)
    if conn.execute(update(settings).where(settings.c.key == key).values(value=text)).rowcount == 0:
        conn.execute(settings.insert().values(key=key, value=text))


def _delete(conn: Connection, key: str) -> None:
    conn.execute(settings.delete().where(settings.c.key == key))


def server_config(conn: Connection) -> ServerConfig | None:
    value = _get(conn, SERVER_KEY)
    return ServerConfig(**value) if value else None


def save_server_config(conn: Connection, config: ServerConfig) -> None:
    _put(conn, SERVER_KEY, asdict(config))
    _put(conn, CURSOR_KEY, 0)


def cursor(conn: Connection) -> int:
    return int(_get(conn, CURSOR_KEY) or 0)


def set_cursor(conn: Connection, seq: int) -> None:
    _put(conn, CURSOR_KEY, int(seq))


def last_sync(conn: Connection) -> dict[str, Any] | None:
    value: dict[str, Any] | None = _get(conn, LAST_SYNC_KEY)
    return value


def set_last_sync(conn: Connection, value: dict[str, Any]) -> None:
    _put(conn, LAST_SYNC_KEY, value)


def review_items(conn: Connection) -> list[dict[str, Any]]:
    """Changes the server did not accept (duplicate remittances, refusals), for a person to look at."""
    return list(_get(conn, REVIEW_KEY) or [])


def add_review_items(conn: Connection, items: list[dict[str, Any]]) -> None:
    """Add items (an item for a change already listed replaces it)."""
    if items:
        ids = {(i.get("change_id"), i.get("direction", "pushed")) for i in items}
        kept = [i for i in review_items(conn) if (i.get("change_id"), i.get("direction", "pushed")) not in ids]
        _put(conn, REVIEW_KEY, kept + items)


def dismiss_review_item(conn: Connection, change_id: str) -> bool:
    """A person looked at it: it leaves the list. False when it was not there."""
    items = review_items(conn)
    kept = [i for i in items if i.get("change_id") != change_id]
    _put(conn, REVIEW_KEY, kept)
    return len(kept) != len(items)


def snapshot_seq(conn: Connection) -> int | None:
    """The server's high-water mark when this workstation took its first snapshot (None: not taken)."""
    value = _get(conn, SNAPSHOT_KEY)
    return int(value["high_water"]) if value else None


def set_snapshot(conn: Connection, value: dict[str, Any]) -> None:
    _put(conn, SNAPSHOT_KEY, value)


def last_attempt(conn: Connection) -> dict[str, Any] | None:
    """The last time a sync was tried: {at, ok, message}."""
    value: dict[str, Any] | None = _get(conn, ATTEMPT_KEY)
    return value


def set_last_attempt(conn: Connection, value: dict[str, Any]) -> None:
    _put(conn, ATTEMPT_KEY, value)


def account_aliases(conn: Connection) -> dict[str, str]:
    """This workstation's ledger account code -> the server's, where a remittance was posted here and on another
    workstation (the server kept the other's: the same money in a batch account of another name)."""
    return dict(_get(conn, ACCOUNT_ALIASES_KEY) or {})


def add_account_alias(conn: Connection, ours: str, theirs: str) -> None:
    _put(conn, ACCOUNT_ALIASES_KEY, {**account_aliases(conn), ours: theirs})


def user_aliases(conn: Connection) -> dict[str, str]:
    """Another workstation's user id -> this workstation's user of the same name."""
    return dict(_get(conn, ALIASES_KEY) or {})


def add_user_alias(conn: Connection, their_id: str, our_id: str) -> None:
    _put(conn, ALIASES_KEY, {**user_aliases(conn), their_id: our_id})


# --- the device token ----------------------------------------------------------------------------------------

def save_device_token(conn: Connection, device_id: str, token: str) -> str:
    """Keep the token in the OS keyring, or (only where the keyring is not secure) in the encrypted database.
    Returns where it went."""
    if backend_is_secure():
        try:
            keyring.set_password(KEYRING_SERVICE, device_id, token)
            _delete(conn, TOKEN_FALLBACK_KEY)
            return "keyring"
        except KeyringError:
            pass
    _put(conn, TOKEN_FALLBACK_KEY, {"device_id": device_id, "token": token})
    return "database"


def load_device_token(conn: Connection, device_id: str) -> str | None:
    fallback = _get(conn, TOKEN_FALLBACK_KEY)
    if fallback and fallback.get("device_id") == device_id:
        return str(fallback["token"])
    try:
        return keyring.get_password(KEYRING_SERVICE, device_id)
    except KeyringError:
        return None


# --- the outbox ------------------------------------------------------------------------------------------------

def pending(conn: Connection, limit: int, after: int = 0) -> list[dict[str, Any]]:
    """Unsent outbox rows in the order they were written, after outbox seq `after` (walking by the primary key
    keeps each page cheap however long the outbox is). Each has its outbox `seq`, which is not sent, and its data
    as the outbox keeps it: JSON text (RawJson, which the client sends as it is; json.loads reads it)."""
    rows = conn.execute(select(outbox.c.seq, outbox.c.id, outbox.c.created_at, outbox.c.event, outbox.c.entity,
                               outbox.c.entity_id, outbox.c.payload)
                        .where(outbox.c.seq > after, outbox.c.sent_at.is_(None)).order_by(outbox.c.seq)
                        .limit(limit)).all()
    return [{"seq": seq, "change_id": change_id, "created_at": created_at, "event": event, "entity": entity,
             "entity_id": entity_id, "data": RawJson(payload)}
            for seq, change_id, created_at, event, entity, entity_id, payload in rows]


def pending_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(outbox).where(outbox.c.sent_at.is_(None))).scalar_one())


def mark_sent(conn: Connection, change_ids: list[str], at: str) -> int:
    done = 0
    for start in range(0, len(change_ids), 500):
        chunk = change_ids[start:start + 500]
        done += conn.execute(update(outbox).where(outbox.c.id.in_(chunk), outbox.c.sent_at.is_(None))
                             .values(sent_at=at)).rowcount
    return done


# --- ledger totals -------------------------------------------------------------------------------------------

def ledger_totals(conn: Connection) -> dict[str, Any]:
    """The same document GET /v1/totals returns, from this workstation's ledger (a remittance this workstation
    posted that the server had from another workstation counts under the server's name of its batch account)."""
    tx = int(conn.execute(select(func.count()).select_from(ledger_transactions)).scalar_one())
    rows = conn.execute(select(ledger_accounts.c.code, func.count(), func.sum(ledger_postings.c.amount_cents))
                        .select_from(ledger_postings.join(ledger_accounts,
                                                          ledger_accounts.c.id == ledger_postings.c.account_id))
                        .group_by(ledger_accounts.c.code)).all()
    aliases = account_aliases(conn)
    accounts: dict[str, dict[str, int]] = {}
    for code, n, total in rows:
        name = aliases.get(str(code), str(code))
        account = accounts.setdefault(name, {"postings": 0, "total_cents": 0})
        account["postings"] += int(n)
        account["total_cents"] += int(total)
    return {"transactions": tx, "postings": sum(a["postings"] for a in accounts.values()), "accounts": accounts}


