"""Reading and writing statement runs, payment plans, holds and collection flags; and the set-based balance
queries a statement run (and the A/R aging report) stands on: every receivable with a balance, with its line's
date of service, in one query over the whole ledger."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, and_, func, select

from medbill_desktop.storage.tables import (
    collection_accounts,
    ledger_transactions,
    patient_payments,
    patients,
    payment_plan_installments,
    payment_plans,
    statement_holds,
    statement_lines,
    statement_runs,
    statements,
)


def _raw(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """Plain tuples through the driver (the same connection, so the same transaction), without SQLAlchemy's
    per-row processing: these queries read the whole ledger."""
    driver = conn.connection.driver_connection
    assert driver is not None
    return list(driver.execute(sql, tuple(params)).fetchall())


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def as_date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# --- balances ----------------------------------------------------------------------------------------------------
# A receivable's code is 'receivable:<service line id>:<party>'; its line id runs to the next colon.
_LINE_ID = "substr(a.code, 12, instr(substr(a.code, 12), ':') - 1)"
_PARTY = "substr(a.code, 12 + instr(substr(a.code, 12), ':'))"


def receivable_balances(conn: Connection, as_of: date | None = None) -> list[tuple[Any, ...]]:
    """Every receivable with a balance: (patient account, service line id, party, balance cents, date of service
    as ISO text or None, encounter id or None, patient id or None). With `as_of`, only transactions that occurred
    on or before that day count (the plain sum is used when nothing is dated later, which is the usual case)."""
    if as_of is not None and not _dated_after(conn, as_of):
        as_of = None
    if as_of is None:
        sums = ("SELECT a.patient_account AS account, " + _LINE_ID + " AS line_id, " + _PARTY + " AS party, "
                "SUM(p.amount_cents) AS balance FROM ledger_accounts a "
                "JOIN ledger_postings p ON p.account_id = a.id WHERE a.kind = 'receivable' "
                "GROUP BY a.id HAVING SUM(p.amount_cents) <> 0")
        params: tuple[Any, ...] = ()
    else:
        sums = ("SELECT a.patient_account AS account, " + _LINE_ID + " AS line_id, " + _PARTY + " AS party, "
                "SUM(p.amount_cents) AS balance FROM ledger_accounts a "
                "JOIN ledger_postings p ON p.account_id = a.id "
                "JOIN ledger_transactions t ON t.id = p.transaction_id "
                "WHERE a.kind = 'receivable' AND t.occurred_on <= ? "
                "GROUP BY a.id HAVING SUM(p.amount_cents) <> 0")
        params = (as_of.isoformat(),)
    sql = ("WITH b AS (" + sums + ") SELECT b.account, b.line_id, b.party, b.balance, "
           "coalesce(l.from_date, e.date_of_service), e.id, e.patient_id FROM b "
           "LEFT JOIN service_lines l ON l.id = b.line_id LEFT JOIN encounters e ON e.id = l.encounter_id")
    return _raw(conn, sql, params)


def credit_balances(conn: Connection, as_of: date | None = None) -> dict[str, int]:
    """patient account -> unapplied credit held (a positive number) for every account that holds some."""
    if as_of is not None and not _dated_after(conn, as_of):
        as_of = None
    if as_of is None:
        rows = _raw(conn, "SELECT a.patient_account, -SUM(p.amount_cents) FROM ledger_accounts a "
                          "JOIN ledger_postings p ON p.account_id = a.id WHERE a.kind = 'patient_credit' "
                          "GROUP BY a.id HAVING SUM(p.amount_cents) <> 0")
    else:
        rows = _raw(conn, "SELECT a.patient_account, -SUM(p.amount_cents) FROM ledger_accounts a "
                          "JOIN ledger_postings p ON p.account_id = a.id "
                          "JOIN ledger_transactions t ON t.id = p.transaction_id "
                          "WHERE a.kind = 'patient_credit' AND t.occurred_on <= ? "
                          "GROUP BY a.id HAVING SUM(p.amount_cents) <> 0", (as_of.isoformat(),))
    return {str(account): int(cents) for account, cents in rows if account}


def _dated_after(conn: Connection, as_of: date) -> bool:
    return conn.execute(select(ledger_transactions.c.id).where(ledger_transactions.c.occurred_on > as_of)
                        .limit(1)).first() is not None


# --- patients and guarantors -------------------------------------------------------------------------------------
_PATIENT_COLUMNS: tuple[Any, ...] = (patients.c.id, patients.c.account_number, patients.c.last_name,
                    patients.c.first_name,
                    patients.c.middle_name, patients.c.suffix, patients.c.address_line1, patients.c.address_line2,
                    patients.c.city, patients.c.state, patients.c.zip_code, patients.c.home_phone,
                    patients.c.cell_phone, patients.c.work_phone, patients.c.date_of_birth,
                    patients.c.guarantor_last_name, patients.c.guarantor_first_name,
                    patients.c.guarantor_address_line1, patients.c.guarantor_address_line2, patients.c.guarantor_city,
                    patients.c.guarantor_state, patients.c.guarantor_zip_code, patients.c.guarantor_phone,
                    patients.c.guarantor_date_of_birth, patients.c.guarantor_patient_id)


def patients_by_account(conn: Connection, accounts: Sequence[str]) -> list[Row[Any]]:
    out: list[Row[Any]] = []
    for part in _chunks(list(accounts)):
        out.extend(conn.execute(select(*_PATIENT_COLUMNS).where(patients.c.account_number.in_(part))))
    return out


def patients_by_id(conn: Connection, ids: Sequence[str]) -> list[Row[Any]]:
    out: list[Row[Any]] = []
    for part in _chunks(list(ids)):
        out.extend(conn.execute(select(*_PATIENT_COLUMNS).where(patients.c.id.in_(part))))
    return out


def patient_by_account(conn: Connection, account: str) -> Row[Any] | None:
    return conn.execute(select(*_PATIENT_COLUMNS)
                        .where(patients.c.account_number == account.strip().upper())).first()


def patients_billed_to(conn: Connection, guarantor_patient_id: str) -> list[Row[Any]]:
    """The patient and the patients whose guarantor is that patient."""
    return list(conn.execute(select(*_PATIENT_COLUMNS).where(
        (patients.c.id == guarantor_patient_id) | (patients.c.guarantor_patient_id == guarantor_patient_id))))


def patients_with_guarantor_name(conn: Connection, last: str, first: str) -> list[Row[Any]]:
    """Candidates for a typed-in guarantor (the caller compares name keys and ZIP codes)."""
    return list(conn.execute(select(*_PATIENT_COLUMNS).where(
        func.lower(patients.c.guarantor_last_name) == last.lower(),
        func.lower(patients.c.guarantor_first_name) == first.lower(),
        patients.c.guarantor_patient_id.is_(None))))


# --- statements sent ---------------------------------------------------------------------------------------------
def last_statements(conn: Connection, keys: Sequence[str] | None = None) -> dict[str, tuple[date, int]]:
    """guarantor key -> (date of the last statement sent, how many were sent)."""
    query = select(statements.c.guarantor_key, func.max(statements.c.as_of), func.count()).group_by(
        statements.c.guarantor_key)
    out: dict[str, tuple[date, int]] = {}
    if keys is None:
        for key, last, n in conn.execute(query):
            out[str(key)] = (as_date(last) or date.min, int(n))
        return out
    for part in _chunks(list(keys)):
        for key, last, n in conn.execute(query.where(statements.c.guarantor_key.in_(part))):
            out[str(key)] = (as_date(last) or date.min, int(n))
    return out


def insert_run(conn: Connection, **values: Any) -> None:
    conn.execute(statement_runs.insert().values(**values))


def insert_statements(conn: Connection, rows: list[dict[str, Any]], lines: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), 2000):
        conn.execute(statements.insert(), rows[i:i + 2000])
    for i in range(0, len(lines), 5000):
        conn.execute(statement_lines.insert(), lines[i:i + 5000])


def list_runs(conn: Connection, limit: int = 200) -> list[Row[Any]]:
    return list(conn.execute(select(statement_runs).order_by(statement_runs.c.created_at.desc()).limit(limit)))


def get_run(conn: Connection, run_id: str) -> Row[Any] | None:
    return conn.execute(select(statement_runs).where(statement_runs.c.id == run_id)).first()


def statements_of_run(conn: Connection, run_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(statements).where(statements.c.run_id == run_id)
                             .order_by(statements.c.position)))


def statements_of_guarantor(conn: Connection, key: str) -> list[Row[Any]]:
    return list(conn.execute(select(statements, statement_runs.c.run_number, statement_runs.c.sent_via,
                                    statement_runs.c.created_by)
                             .join(statement_runs, statement_runs.c.id == statements.c.run_id)
                             .where(statements.c.guarantor_key == key)
                             .order_by(statements.c.as_of.desc(), statement_runs.c.created_at.desc())))


def get_statement(conn: Connection, statement_id: str) -> Row[Any] | None:
    return conn.execute(select(statements).where(statements.c.id == statement_id)).first()


# --- holds and collections ---------------------------------------------------------------------------------------
def active_holds(conn: Connection) -> list[Row[Any]]:
    return list(conn.execute(select(statement_holds).where(statement_holds.c.released_at.is_(None))
                             .order_by(statement_holds.c.created_at)))


def insert_hold(conn: Connection, **values: Any) -> None:
    conn.execute(statement_holds.insert().values(**values))


def release_holds(conn: Connection, key: str, at: str, by: str) -> int:
    done = conn.execute(statement_holds.update().where(
        statement_holds.c.guarantor_key == key, statement_holds.c.released_at.is_(None))
        .values(released_at=at, released_by=by))
    return int(done.rowcount or 0)


def active_collections(conn: Connection) -> list[Row[Any]]:
    return list(conn.execute(select(collection_accounts).where(collection_accounts.c.released_at.is_(None))
                             .order_by(collection_accounts.c.flagged_at, collection_accounts.c.id)))


def collection_of(conn: Connection, key: str) -> Row[Any] | None:
    found = collections_of(conn, key)
    return found[0] if found else None


def collections_of(conn: Connection, key: str) -> list[Row[Any]]:
    """The guarantor's open collections flags, oldest first (two when two workstations flagged it while apart)."""
    return list(conn.execute(select(collection_accounts).where(
        collection_accounts.c.guarantor_key == key, collection_accounts.c.released_at.is_(None))
        .order_by(collection_accounts.c.flagged_at, collection_accounts.c.id)))


def insert_collection(conn: Connection, **values: Any) -> None:
    conn.execute(collection_accounts.insert().values(**values))


def release_collection(conn: Connection, row_id: str, at: str, by: str, reason: str) -> None:
    conn.execute(collection_accounts.update().where(collection_accounts.c.id == row_id)
                 .values(released_at=at, released_by=by, release_reason=reason))


def mark_exported(conn: Connection, ids: Sequence[str], at: str, by: str) -> None:
    for part in _chunks(list(ids)):
        conn.execute(collection_accounts.update().where(
            collection_accounts.c.id.in_(part), collection_accounts.c.exported_at.is_(None))
            .values(exported_at=at, exported_by=by))


# --- payment plans -----------------------------------------------------------------------------------------------
def insert_plan(conn: Connection, plan: dict[str, Any], installments: list[dict[str, Any]]) -> None:
    conn.execute(payment_plans.insert().values(**plan))
    conn.execute(payment_plan_installments.insert(), installments)


def active_plans(conn: Connection, keys: Sequence[str] | None = None) -> list[Row[Any]]:
    query = select(payment_plans).where(payment_plans.c.status == "active")
    if keys is None:
        return list(conn.execute(query.order_by(payment_plans.c.created_at)))
    out: list[Row[Any]] = []
    for part in _chunks(list(keys)):
        out.extend(conn.execute(query.where(payment_plans.c.guarantor_key.in_(part))))
    return out


def plans_of(conn: Connection, key: str) -> list[Row[Any]]:
    return list(conn.execute(select(payment_plans).where(payment_plans.c.guarantor_key == key)
                             .order_by(payment_plans.c.created_at.desc())))


def get_plan(conn: Connection, plan_id: str) -> Row[Any] | None:
    return conn.execute(select(payment_plans).where(payment_plans.c.id == plan_id)).first()


def installments_of(conn: Connection, plan_ids: Sequence[str]) -> dict[str, list[Row[Any]]]:
    out: dict[str, list[Row[Any]]] = {}
    for part in _chunks(list(plan_ids)):
        for r in conn.execute(select(payment_plan_installments)
                              .where(payment_plan_installments.c.plan_id.in_(part))
                              .order_by(payment_plan_installments.c.plan_id, payment_plan_installments.c.number)):
            out.setdefault(str(r.plan_id), []).append(r)
    return out


def end_plan(conn: Connection, plan_id: str, status: str, at: str, by: str, reason: str) -> None:
    conn.execute(payment_plans.update().where(payment_plans.c.id == plan_id, payment_plans.c.status == "active")
                 .values(status=status, ended_at=at, ended_by=by, end_reason=reason))


def payments_of(conn: Connection, patient_ids: Sequence[str], since: date, until: date) -> list[tuple[Any, ...]]:
    """Front-desk payments by these patients received from `since` through `until` and not reversed by then:
    (patient_id, received_on as ISO text, amount_cents)."""
    out: list[tuple[Any, ...]] = []
    for part in _chunks(list(patient_ids)):
        rows = conn.execute(
            select(patient_payments.c.patient_id, patient_payments.c.received_on, patient_payments.c.amount_cents)
            .select_from(patient_payments.outerjoin(
                ledger_transactions, and_(ledger_transactions.c.reverses == patient_payments.c.transaction_id,
                                          ledger_transactions.c.occurred_on <= until)))
            .where(patient_payments.c.patient_id.in_(part), patient_payments.c.received_on >= since,
                   patient_payments.c.received_on <= until, ledger_transactions.c.id.is_(None)))
        out.extend(tuple(r) for r in rows)
    return out


def last_payments(conn: Connection, patient_ids: Sequence[str]) -> dict[str, tuple[date, int]]:
    """patient id -> (date, amount) of the latest front-desk payment."""
    out: dict[str, tuple[date, int]] = {}
    for part in _chunks(list(patient_ids)):
        for pid, day, cents in conn.execute(
                select(patient_payments.c.patient_id, patient_payments.c.received_on, patient_payments.c.amount_cents)
                .where(patient_payments.c.patient_id.in_(part))
                .order_by(patient_payments.c.received_on)):
            received = as_date(day)
            assert received is not None
            out[str(pid)] = (received, int(cents))
    return out


# --- account ledgers of many patients at once (services/statements.py builds them like services/account_ledger.py
# builds one: the same rows, read with a query per kind over all the patients instead of per patient) ----------
def _in(conn: Connection, sql: str, ids: Sequence[str]) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for part in _chunks(list(ids)):
        out.extend(_raw(conn, sql.format(ids=",".join("?" * len(part))), part))
    return out


def ledger_postings(conn: Connection, accounts: Sequence[str]) -> list[tuple[Any, ...]]:
    """Every posting to these patient accounts with its transaction: (patient account, tx_id, tx_kind,
    occurred_on, posted_at, memo, reverses, account_kind, account code, amount)."""
    return _in(conn, "SELECT a.patient_account, t.id, t.kind, t.occurred_on, t.posted_at, t.memo, t.reverses, a.kind, "
                     "a.code, p.amount_cents FROM ledger_accounts a JOIN ledger_postings p ON p.account_id = a.id "
                     "JOIN ledger_transactions t ON t.id = p.transaction_id WHERE a.patient_account IN ({ids})",
               accounts)


def ledger_lines(conn: Connection, patient_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(patient_id, line_id, encounter_id, position, procedure, modifier 1-4, charge_cents, date of service)."""
    return _in(conn, "SELECT e.patient_id, l.id, l.encounter_id, l.position, l.procedure, l.modifier_1, l.modifier_2, "
                     "l.modifier_3, l.modifier_4, l.charge_cents, coalesce(l.from_date, e.date_of_service) "
                     "FROM encounters e JOIN service_lines l ON l.encounter_id = e.id WHERE e.patient_id IN ({ids})",
               patient_ids)


def ledger_payers(conn: Connection, patient_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(patient_id, encounter_id, rank, payer name) of the patients' claims, oldest claim first."""
    rows = _in(conn, "SELECT e.patient_id, c.encounter_id, c.rank, y.name, c.created_at FROM claims c "
                     "JOIN payers y ON y.id = c.payer_id JOIN encounters e ON e.id = c.encounter_id "
                     "WHERE e.patient_id IN ({ids})", patient_ids)
    rows.sort(key=lambda r: r[4])
    return rows


def ledger_receipts(conn: Connection, patient_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(patient_id, transaction_id, receipt_number, method, reference) of the patients' front-desk payments."""
    return _in(conn, "SELECT patient_id, transaction_id, receipt_number, method, reference FROM patient_payments "
                     "WHERE patient_id IN ({ids})", patient_ids)


def ledger_refunds(conn: Connection, patient_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(patient_id, transaction_id, method, reference, reason) of the patients' refunds."""
    return _in(conn, "SELECT patient_id, transaction_id, method, reference, reason FROM patient_refunds "
                     "WHERE patient_id IN ({ids})", patient_ids)


def ledger_decisions(conn: Connection, patient_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """(patient_id, line adjudication id, claim_adjudication_id, service_line_id, billed, allowed, paid)."""
    return _in(conn, "SELECT e.patient_id, d.id, d.claim_adjudication_id, d.service_line_id, d.billed_cents, "
                     "d.allowed_cents, d.paid_cents FROM encounters e JOIN service_lines l ON l.encounter_id = e.id "
                     "JOIN line_adjudications d ON d.service_line_id = l.id WHERE e.patient_id IN ({ids})",
               patient_ids)
