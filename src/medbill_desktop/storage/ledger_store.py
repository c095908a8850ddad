"""Writing and reading the ledger. Posted rows are only ever inserted (the triggers refuse the rest)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Connection, func, select

from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import AccountKey, AccountKind, Posting, Transaction, TxKind
from medbill_desktop.storage.tables import ledger_accounts, ledger_postings, ledger_transactions


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


def balances(conn: Connection, keys: Iterable[AccountKey]) -> dict[AccountKey, int]:
    wanted = {k.code: k for k in keys}
    if not wanted:
        return {}
    rows = conn.execute(
        select(ledger_accounts.c.code, func.coalesce(func.sum(ledger_postings.c.amount_cents), 0))
        .select_from(ledger_accounts.outerjoin(ledger_postings, ledger_postings.c.account_id == ledger_accounts.c.id))
        .where(ledger_accounts.c.code.in_(list(wanted)))
        .group_by(ledger_accounts.c.code)
    )
    return {wanted[code]: int(total) for code, total in rows}


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
