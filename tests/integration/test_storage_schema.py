"""What the database itself enforces, even against raw SQL that bypasses every service check; WAL and
foreign keys; and Alembic from the oldest migration to head."""

from __future__ import annotations

import secrets
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.exc import DBAPIError

from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import LedgerError, Party, charge, payment, receivable
from medbill_desktop.services import ledger
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import schema
from medbill_desktop.storage.engine import make_engine
from medbill_desktop.storage.tables import metadata

ON = date(2026, 11, 2)


def sql(ws: Workstation, statement: str, **params: object) -> object:
    with ws.db.engine.begin() as conn:
        return conn.execute(text(statement), params).scalar()


def raw_post(ws: Workstation, postings: list[tuple[str, str, int]], *, kind: str = "payment",
             source_key: str | None = None, tx_id: str | None = None) -> str:
    """Write a transaction with raw SQL (postings, then the transaction row), around every service check."""
    tx_id = tx_id or new_id()
    with ws.db.engine.begin() as conn:
        for code, account_kind, amount in postings:
            account = conn.execute(text("SELECT id FROM ledger_accounts WHERE code = :c"), {"c": code}).scalar()
            if account is None:
                account = new_id()
                conn.execute(text("INSERT INTO ledger_accounts (id, code, kind) VALUES (:i, :c, :k)"),
                             {"i": account, "c": code, "k": account_kind})
            conn.execute(text("INSERT INTO ledger_postings (id, transaction_id, account_id, amount_cents) "
                              "VALUES (:i, :t, :a, :m)"), {"i": new_id(), "t": tx_id, "a": account, "m": amount})
        conn.execute(text("INSERT INTO ledger_transactions (id, kind, occurred_on, posted_at, actor, memo, source_key)"
                          " VALUES (:i, :k, '2026-11-02', '2026-11-02T15:00:00.000Z', 'raw', '', :s)"),
                     {"i": tx_id, "k": kind, "s": source_key})
    return tx_id


LINE = "receivable:L1:primary"
CHARGED = [(LINE, "receivable", 10000), ("gross_charges:all", "gross_charges", -10000)]


@pytest.fixture
def charged(workstation: Workstation) -> Workstation:
    ledger.post(workstation, charge("L1", Party.PRIMARY, "ACC1", 10000, ON))
    return workstation


def test_wal_mode_and_foreign_keys_are_on(workstation: Workstation) -> None:
    with workstation.read() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    with pytest.raises(DBAPIError, match="FOREIGN KEY"):
        sql(workstation, "INSERT INTO ledger_postings (id, transaction_id, account_id, amount_cents) "
                         "VALUES ('p', 't', 'no-such-account', 5)")


@pytest.mark.parametrize(("statement", "message"), [
    ("UPDATE ledger_postings SET amount_cents = 1", "posted ledger entries are never edited"),
    ("DELETE FROM ledger_postings", "posted ledger entries are never deleted"),
    ("UPDATE ledger_transactions SET memo = 'changed'", "posted ledger transactions are never edited"),
    ("DELETE FROM ledger_transactions", "posted ledger transactions are never deleted"),
    ("UPDATE audit_log SET detail = '{}'", "the audit log is append-only"),
    ("DELETE FROM audit_log", "the audit log is append-only"),
])
def test_posted_rows_and_the_audit_log_are_append_only(charged: Workstation, statement: str, message: str) -> None:
    before = ledger.totals(charged), sql(charged, "SELECT group_concat(hash) FROM audit_log")
    with pytest.raises(DBAPIError, match=message):
        sql(charged, statement)
    assert (ledger.totals(charged), sql(charged, "SELECT group_concat(hash) FROM audit_log")) == before


def test_raw_sql_can_post_what_the_rules_allow(charged: Workstation) -> None:
    """The helper itself works, so the refusals below are the triggers' doing."""
    raw_post(charged, [(LINE, "receivable", -4000), ("payment_batch:B1", "payment_batch", 4000)])
    assert ledger.all_balances(charged)[LINE] == 6000


@pytest.mark.parametrize(("postings", "message"), [
    ([(LINE, "receivable", -4000), ("payment_batch:B1", "payment_batch", 3999)], "sum to zero"),
    ([("payment_batch:B1", "payment_batch", 4000)], "two or more postings"),
    ([(LINE, "receivable", -10001), ("payment_batch:B1", "payment_batch", 10001)], "cannot go below zero"),
    ([("receivable:L9:primary", "receivable", -100), ("payment_batch:B1", "payment_batch", 100)],
     "cannot go below zero"),
    ([(LINE, "receivable", 0), ("payment_batch:B1", "payment_batch", 0)], "CHECK constraint failed"),
])
def test_the_database_refuses_bad_transactions_written_with_raw_sql(charged: Workstation,
                                                                   postings: list[tuple[str, str, int]],
                                                                   message: str) -> None:
    before = ledger.totals(charged), ledger.all_balances(charged)
    with pytest.raises(DBAPIError, match=message):
        raw_post(charged, postings)
    assert (ledger.totals(charged), ledger.all_balances(charged)) == before


def test_a_posted_transaction_takes_no_more_postings(charged: Workstation) -> None:
    tx_id = raw_post(charged, [(LINE, "receivable", -100), ("payment_batch:B1", "payment_batch", 100)])
    account = sql(charged, "SELECT id FROM ledger_accounts WHERE code = :c", c=LINE)
    with pytest.raises(DBAPIError, match="cannot take more postings"):
        sql(charged, "INSERT INTO ledger_postings (id, transaction_id, account_id, amount_cents) "
                     "VALUES (:i, :t, :a, -1)", i=new_id(), t=tx_id, a=account)


def test_a_reversal_names_its_original_and_only_once(charged: Workstation) -> None:
    with pytest.raises(DBAPIError, match="CHECK constraint failed"):
        raw_post(charged, [(LINE, "receivable", -100), ("payment_batch:B1", "payment_batch", 100)],
                 kind="reversal")


def test_a_unique_source_key_refuses_a_double_posting(charged: Workstation) -> None:
    key = "payer:TRACE1:CLM1:1"
    raw_post(charged, [(LINE, "receivable", -1000), ("payment_batch:B1", "payment_batch", 1000)], source_key=key)
    with pytest.raises(DBAPIError, match="UNIQUE constraint failed: ledger_transactions.source_key"):
        raw_post(charged, [(LINE, "receivable", -1000), ("payment_batch:B2", "payment_batch", 1000)],
                 source_key=key)
    again = payment("B3", [(receivable("L1", Party.PRIMARY, "ACC1"), 1000)], ON, source_key=key)
    with pytest.raises(LedgerError, match="already posted"):
        ledger.post(charged, again)
    assert ledger.all_balances(charged)[LINE] == 9000


def test_a_database_made_by_the_oldest_migration_upgrades_to_head(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "old.db", secrets.token_bytes(32))
    try:
        assert schema.current_revision(engine) is None
        schema.upgrade(engine, "0001")
        assert schema.current_revision(engine) == "0001"
        schema.upgrade(engine)
        assert schema.current_revision(engine) == schema.head_revision()
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            triggers = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'")}
        assert set(metadata.tables) <= tables
        assert triggers >= {"ledger_postings_no_update", "ledger_postings_no_delete", "audit_log_no_update",
                            "ledger_transactions_balanced", "ledger_receivable_not_negative"}
    finally:
        engine.dispose()
