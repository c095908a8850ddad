"""Writing and reading the ledger. Posted rows are only ever inserted (the triggers refuse the rest)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from datetime import date
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
    wanted = {k.code: k for k in keys}
    found: dict[str, str] = {}
    for part in _chunks(list(wanted)):
        found.update((str(code), str(id_)) for id_, code in conn.exec_driver_sql(
            f"SELECT id, code FROM ledger_accounts WHERE code IN ({', '.join('?' * len(part))})", tuple(part)))
    missing = [(new_id(), code, str(key.kind), key.patient_account) for code, key in wanted.items()
               if code not in found]
    insert_rows(conn, "ledger_accounts", ("id", "code", "kind", "patient_account"), missing)
    found.update((code, id_) for id_, code, _, _ in missing)
    return found


def balances(conn: Connection, keys: Iterable[AccountKey]) -> dict[AccountKey, int]:
    wanted = {k.code: k for k in keys}
    out: dict[AccountKey, int] = {}
    for part in _chunks(list(wanted)):
        rows = conn.execute(
            select(ledger_accounts.c.code, func.coalesce(func.sum(ledger_postings.c.amount_cents), 0))
            .select_from(ledger_accounts.outerjoin(ledger_postings,
                                                   ledger_postings.c.account_id == ledger_accounts.c.id))
            .where(ledger_accounts.c.code.in_(part))
            .group_by(ledger_accounts.c.code)
        )
        out.update((wanted[code], int(total)) for code, total in rows)
    return out


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


def insert_rows(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert many rows straight through the driver (no per-row SQL building): the bulk path of payment
    posting. Values are what SQLite stores (dates as ISO text, booleans as 0/1)."""
    known = metadata.tables.get(table)
    if known is None or not set(columns) <= set(known.c.keys()):
        # names come from code or, for a synced payment batch, from another workstation: never SQL text
        raise ValueError(f"{table!r} has no columns {sorted(set(columns) - set(known.c.keys() if known else ()))}")
    if rows:
        conn.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                             list(rows))  # type: ignore[arg-type]


def child_id(parent_id: str, n: int) -> str:
    """The id of a parent's n-th child row (a transaction's postings): the parent's UUIDv7 with its last four hex
    digits replaced by n. Unique as long as the parents' ids are (their random bits before those digits), and
    the children sort in the order they were made."""
    return f"{parent_id[:-4]}{n:04x}"


def insert_many(conn: Connection, txs: Sequence[Transaction], *, actor: str, posted_at: str) -> None:
    """Insert many transactions at once (payment posting): every posting first, then the transaction rows,
    whose insert triggers still check each transaction (balanced; no receivable below zero). The caller has
    validated them (domain.ledger) against the balances; source keys and reversals are unique in the schema."""
    if not txs:
        return
    accounts = {p.account: "" for tx in txs for p in tx.postings}
    codes = {key: key.code for key in accounts}
    ids = account_ids(conn, accounts)
    id_of = {key: ids[code] for key, code in codes.items()}
    insert_rows(conn, "ledger_postings", ("id", "transaction_id", "account_id", "amount_cents"), [
        (child_id(tx.id, n), tx.id, id_of[p.account], p.amount)
        for tx in txs for n, p in enumerate(tx.postings, start=1)])
    insert_rows(conn, "ledger_transactions",
                ("id", "kind", "occurred_on", "posted_at", "actor", "memo", "source_key", "reverses"), [
                    (tx.id, str(tx.kind), tx.occurred_on.isoformat(), posted_at, actor, tx.memo, tx.source_key,
                     tx.reverses) for tx in txs])


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
