"""Writing and reading the ledger. Posted rows are only ever inserted (the triggers refuse the rest)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from itertools import chain
from typing import Any

from sqlalchemy import Connection, Row, func, select

from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import AccountKey, AccountKind, Posting, Transaction, TxKind
from medbill_desktop.storage.tables import ledger_accounts, ledger_postings, ledger_transactions, metadata


def account_id(conn: Connection, key: AccountKey) -> str:
    """The id of the account a key names, creating the account on first use."""
    found = conn.execute(select(ledger_accounts.c.id).where(ledger_accounts.c.code == key.code)).scalar()
    if found is not None:
        return str(found)
    new = new_id()
    conn.execute(ledger_accounts.insert().values(
        id=new, code=key.code, kind=key.kind.value, patient_account=key.patient_account,
    ))
    return new


_CHUNK = 5000  # bound parameters per IN list (SQLite allows 32766)


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def account_ids(conn: Connection, keys: Iterable[AccountKey]) -> dict[str, str]:
    """The ids of the accounts these keys name by account code, creating the missing ones (two statements per
    5,000 accounts, not one per account)."""
    return _account_ids(conn, {k.code: k for k in keys})


def _account_ids(conn: Connection, wanted: dict[str, AccountKey],
                 known: Mapping[str, str] | None = None) -> dict[str, str]:
    found: dict[str, str] = {code: known[code] for code in wanted if code in known} if known else {}
    for part in _chunks([code for code in wanted if code not in found]):
        found.update((str(code), str(id_)) for id_, code in conn.exec_driver_sql(
            f"SELECT id, code FROM ledger_accounts WHERE code IN ({', '.join('?' * len(part))})",
            tuple(part)).fetchall())
    missing = [(new_id(), code, str(key.kind), key.patient_account) for code, key in wanted.items()
               if code not in found]
    insert_rows(conn, "ledger_accounts", ("id", "code", "kind", "patient_account"), missing)
    found.update((code, id_) for id_, code, _, _ in missing)
    return found


def balances(conn: Connection, keys: Iterable[AccountKey]) -> dict[AccountKey, int]:
    return balances_and_ids(conn, keys)[0]


def balances_and_ids(conn: Connection, keys: Iterable[AccountKey]) -> tuple[dict[AccountKey, int], dict[str, str]]:
    """The balances of these accounts (those not made yet: none) and, by account code, the ids of those that
    exist (for insert_many's `account_ids`)."""
    wanted = {k.code: k for k in keys}
    out: dict[AccountKey, int] = {}
    ids: dict[str, str] = {}
    for part in _chunks(list(wanted)):
        rows = conn.exec_driver_sql(
            "SELECT ledger_accounts.code, ledger_accounts.id, coalesce(sum(ledger_postings.amount_cents), 0) "
            "FROM ledger_accounts LEFT OUTER JOIN ledger_postings ON ledger_postings.account_id = ledger_accounts.id "
            f"WHERE ledger_accounts.code IN ({', '.join('?' * len(part))}) GROUP BY ledger_accounts.code",
            tuple(part)).fetchall()  # one call to the driver, not one per row
        for code, id_, total in rows:
            out[wanted[code]] = int(total)
            ids[str(code)] = str(id_)
    return out, ids


def source_key_used(conn: Connection, source_key: str) -> bool:
    return conn.execute(
        select(ledger_transactions.c.id).where(ledger_transactions.c.source_key == source_key)
    ).first() is not None


def exists(conn: Connection, tx_id: str) -> bool:
    return conn.execute(select(ledger_transactions.c.id).where(ledger_transactions.c.id == tx_id)).first() is not None


def is_reversed(conn: Connection, tx_id: str) -> bool:
    return conn.execute(
        select(ledger_transactions.c.id).where(ledger_transactions.c.reverses == tx_id)
    ).first() is not None


def insert(conn: Connection, tx: Transaction, *, actor: str, posted_at: str) -> None:
    """Postings first, transaction row last: its insert trigger checks the whole transaction."""
    rows = [
        {"id": new_id(), "transaction_id": tx.id, "account_id": account_id(conn, p.account), "amount_cents": p.amount}
        for p in tx.postings
    ]
    conn.execute(ledger_postings.insert(), rows)
    conn.execute(ledger_transactions.insert().values(
        id=tx.id, kind=tx.kind.value, occurred_on=tx.occurred_on, posted_at=posted_at, actor=actor,
        memo=tx.memo, source_key=tx.source_key, reverses=tx.reverses,
    ))


_FEW_ROWS = 8  # fewer rows than this go in one executemany
_MULTI_ROW_PARAMETERS = 4000  # bound parameters per multi-row INSERT (SQLite allows 32766)


def insert_rows(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows straight through the driver (no per-row SQL building): the bulk path of payment
    posting. Values are what SQLite stores (dates as ISO text, booleans as 0/1)."""
    known = metadata.tables.get(table)
    if known is None or not set(columns) <= set(known.c.keys()):
        # names come from code or, for a synced payment batch, from another workstation: never SQL text
        raise ValueError(f"{table!r} has no columns {sorted(set(columns) - set(known.c.keys() if known else ()))}")
    if not rows:
        return
    head = f"INSERT INTO {table} ({', '.join(columns)}) VALUES "
    one = f"({', '.join('?' * len(columns))})"
    if len(rows) < _FEW_ROWS or any(len(row) != len(columns) for row in rows):  # (the driver says what is wrong)
        conn.exec_driver_sql(head + one, list(rows))  # type: ignore[arg-type]
        return
    # Many rows per statement: SQLite runs each statement of a table with row triggers (the ledger's) inside a
    # statement journal, so one statement per row paid for that journal every row. The rows, their order and
    # every trigger and constraint are the same (row triggers still fire for each row, as it is inserted).
    size = max(1, _MULTI_ROW_PARAMETERS // len(columns))
    full = head + ", ".join([one] * size)
    for start in range(0, len(rows), size):
        part = rows[start:start + size]
        values = tuple(chain.from_iterable(part))
        conn.exec_driver_sql(full if len(part) == size else head + ", ".join([one] * len(part)), values)


def child_id(parent_id: str, n: int) -> str:
    """The id of a parent's n-th child row (a transaction's postings): the parent's UUIDv7 with its last four hex
    digits replaced by n. Unique as long as the parents' ids are (their random bits before those digits), and
    the children sort in the order they were made."""
    return f"{parent_id[:-4]}{n:04x}"


_CHILD = tuple(f"{n:04x}" for n in range(256))  # child_id's last four digits, made once


def insert_many(conn: Connection, txs: Sequence[Transaction], *, actor: str, posted_at: str,
                account_ids: Mapping[str, str] | None = None) -> None:
    """Insert many transactions at once (payment posting): every posting first, then the transaction rows,
    whose insert triggers still check each transaction (balanced; no receivable below zero). The caller has
    validated them (domain.ledger) against the balances; source keys and reversals are unique in the schema.
    `account_ids`: ids of accounts by code that the caller read in this transaction (balances_and_ids); the
    others are looked up, and made when missing."""
    if not txs:
        return
    # The postings' accounts, told apart by object first (a plan reuses each line's key for its payment,
    # write-off and transfer): an AccountKey's hash is a Python-level call, id() is not. The objects stay
    # alive (txs holds them) while their id() is used.
    by_object: dict[int, AccountKey] = {}
    for tx in txs:
        for p in tx.postings:
            by_object.setdefault(id(p.account), p.account)
    code_of = {key: key.code for key in by_object.values()}
    ids = _account_ids(conn, {code: key for key, code in code_of.items()}, account_ids)
    id_of = {obj: ids[code_of[key]] for obj, key in by_object.items()}
    postings: list[tuple[str, str, str, int]] = []
    add = postings.append
    child = _CHILD
    for tx in txs:
        tx_id = tx.id
        prefix = tx_id[:-4]
        for n, p in enumerate(tx.postings, start=1):
            add((prefix + child[n] if n < 256 else child_id(tx_id, n), tx_id, id_of[id(p.account)], p.amount))
    insert_rows(conn, "ledger_postings", ("id", "transaction_id", "account_id", "amount_cents"), postings)
    days: dict[date, str] = {}
    rows = []
    for tx in txs:
        day = days.get(tx.occurred_on)
        if day is None:
            day = days[tx.occurred_on] = tx.occurred_on.isoformat()
        rows.append((tx.id, str(tx.kind), day, posted_at, actor, tx.memo, tx.source_key, tx.reverses))
    insert_rows(conn, "ledger_transactions",
                ("id", "kind", "occurred_on", "posted_at", "actor", "memo", "source_key", "reverses"), rows)


def used_source_keys(conn: Connection, keys: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for part in _chunks(list(set(keys))):
        out.update(str(k) for k in conn.execute(
            select(ledger_transactions.c.source_key).where(ledger_transactions.c.source_key.in_(part))).scalars())
    return out


def load_many(conn: Connection, tx_ids: Sequence[str]) -> dict[str, Transaction]:
    """Several transactions by id (a batch reversal)."""
    out: dict[str, Transaction] = {}
    rows: dict[str, Row[Any]] = {}
    for part in _chunks(list(tx_ids)):
        rows.update((r.id, r) for r in conn.execute(select(ledger_transactions).where(
            ledger_transactions.c.id.in_(part))))
    postings: dict[str, list[Posting]] = {}
    for part in _chunks(list(rows)):
        for tx_id, code, kind, patient, amount in conn.execute(
                select(ledger_postings.c.transaction_id, ledger_accounts.c.code, ledger_accounts.c.kind,
                       ledger_accounts.c.patient_account, ledger_postings.c.amount_cents)
                .join(ledger_accounts, ledger_accounts.c.id == ledger_postings.c.account_id)
                .where(ledger_postings.c.transaction_id.in_(part))
                .order_by(ledger_postings.c.id)):
            postings.setdefault(tx_id, []).append(
                Posting(AccountKey(AccountKind(kind), code.split(":", 1)[1], patient), amount))
    for tx_id, row in rows.items():
        out[tx_id] = Transaction(kind=TxKind(row.kind), occurred_on=_as_date(row.occurred_on), memo=row.memo,
                                 source_key=row.source_key, reverses=row.reverses, id=row.id,
                                 postings=tuple(postings.get(tx_id, ())))
    return out


def reversed_among(conn: Connection, tx_ids: Sequence[str]) -> set[str]:
    """Which of these transactions have been reversed."""
    out: set[str] = set()
    for part in _chunks(list(tx_ids)):
        out.update(str(x) for x in conn.execute(
            select(ledger_transactions.c.reverses).where(ledger_transactions.c.reverses.in_(part))).scalars())
    return out


def load(conn: Connection, tx_id: str) -> Transaction | None:
    row = conn.execute(select(ledger_transactions).where(ledger_transactions.c.id == tx_id)).first()
    if row is None:
        return None
    postings = conn.execute(
        select(ledger_accounts.c.code, ledger_accounts.c.kind, ledger_accounts.c.patient_account,
               ledger_postings.c.amount_cents)
        .join(ledger_accounts, ledger_accounts.c.id == ledger_postings.c.account_id)
        .where(ledger_postings.c.transaction_id == tx_id)
        .order_by(ledger_postings.c.id)  # UUIDv7: creation order
    )
    return Transaction(
        kind=TxKind(row.kind), occurred_on=_as_date(row.occurred_on), memo=row.memo, source_key=row.source_key,
        reverses=row.reverses, id=row.id,
        postings=tuple(
            Posting(AccountKey(AccountKind(kind), code.split(":", 1)[1], patient), amount)
            for code, kind, patient, amount in postings
        ),
    )


def _as_date(value: date | str) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def counts_and_totals(conn: Connection) -> tuple[int, int, int]:
    """(transactions, postings, sum of absolute posting amounts): compared with the server after sync."""
    tx = conn.execute(select(func.count()).select_from(ledger_transactions)).scalar_one()
    n, gross = conn.execute(
        select(func.count(), func.coalesce(func.sum(func.abs(ledger_postings.c.amount_cents)), 0))
    ).one()
    return int(tx), int(n), int(gross)
