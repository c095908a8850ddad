"""Reading the A/R reports: set-based queries over the report projection (report_balances, report_daily; see
storage/tables.py) and, for a date in the past, over the postings themselves.

The projection is brought up to date by `refresh` from the postings added since the last refresh: their rowid
only grows (postings are never deleted or updated), so "added since" is a range of rowids, a few milliseconds
for a day's work. When the posting at the stored mark is no longer the same posting (the rowids were renumbered,
as a restored backup may be), the projection is rebuilt from every posting.

Rows are read as plain tuples through the driver (the same connection, so the same transaction).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection

from medbill_desktop.domain.reports import MoneyCategory

# A receivable's code is 'receivable:<service line id>:<party>'; the line id runs to the next colon.
_LINE_ID = "substr(a.code, 12, instr(substr(a.code, 12), ':') - 1)"
_PARTY = "substr(a.code, 12 + instr(substr(a.code, 12), ':'))"
_FRONT_DESK = "payment_batch:frontdesk:%"
STATE = "ledger"


def _driver(conn: Connection) -> Any:
    driver = conn.connection.driver_connection
    assert driver is not None
    return driver


def _raw(conn: Connection, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    return list(_driver(conn).execute(sql, tuple(params)).fetchall())


def _one(conn: Connection, sql: str, params: Sequence[Any] = ()) -> Any:
    row = _driver(conn).execute(sql, tuple(params)).fetchone()
    return None if row is None else row[0]


def _exec(conn: Connection, sql: str, params: Sequence[Any] = ()) -> None:
    conn.exec_driver_sql(sql, tuple(params))


def snapshot(conn: Connection) -> None:
    """Begin the read transaction now (SQLAlchemy begins on its first statement; the raw reads here go straight to
    the driver), so that every query of one report reads the same state of the database."""
    conn.exec_driver_sql("SELECT 1")


# --- keeping the projection up to date ---------------------------------------------------------------------------
_BALANCES = (
    "INSERT INTO report_balances (account_id, kind, line_id, party, patient_account, balance_cents) "
    "SELECT p.account_id, a.kind, CASE WHEN a.kind = 'receivable' THEN " + _LINE_ID + " END, "
    "CASE WHEN a.kind = 'receivable' THEN " + _PARTY + " END, a.patient_account, SUM(p.amount_cents) "
    "FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
    "WHERE p.rowid > ? AND p.rowid <= ? AND a.kind IN ('receivable', 'patient_credit') "
    "GROUP BY p.account_id "
    "ON CONFLICT (account_id) DO UPDATE SET balance_cents = balance_cents + excluded.balance_cents")

# The visit facts of receivables that have none yet (new ones, or a line that arrived after its charge).
_PLACE = (
    "UPDATE report_balances SET encounter_id = f.encounter_id, date_of_service = f.dos, provider_id = f.provider "
    "FROM (SELECT b.account_id AS account_id, l.encounter_id AS encounter_id, "
    "coalesce(l.from_date, e.date_of_service) AS dos, e.rendering_provider_id AS provider "
    "FROM report_balances b JOIN service_lines l ON l.id = b.line_id JOIN encounters e ON e.id = l.encounter_id "
    "WHERE b.kind = 'receivable' AND b.encounter_id IS NULL) AS f "
    "WHERE report_balances.account_id = f.account_id")

# Money by the day it occurred: each category with the sign people read (charges and payments positive).
_DAILY = (
    "INSERT INTO report_daily (day, category, cents) "
    "SELECT t.occurred_on, CASE a.kind "
    f"WHEN 'gross_charges' THEN '{MoneyCategory.CHARGES.value}' "
    f"WHEN 'payment_batch' THEN CASE WHEN a.code LIKE '{_FRONT_DESK}' THEN '{MoneyCategory.PATIENT_PAYMENTS.value}' "
    f"ELSE '{MoneyCategory.INSURANCE_PAYMENTS.value}' END "
    f"WHEN 'adjustment' THEN '{MoneyCategory.ADJUSTMENTS.value}' "
    f"ELSE '{MoneyCategory.REFUNDS.value}' END AS category, "
    "SUM(CASE WHEN a.kind IN ('gross_charges', 'refunds_payable') THEN -p.amount_cents ELSE p.amount_cents END) "
    "FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
    "JOIN ledger_transactions t ON t.id = p.transaction_id "
    "WHERE p.rowid > ? AND p.rowid <= ? "
    "AND a.kind IN ('gross_charges', 'payment_batch', 'adjustment', 'refunds_payable') "
    "GROUP BY t.occurred_on, category "
    "ON CONFLICT (day, category) DO UPDATE SET cents = cents + excluded.cents")

# Contractual adjustments: CO write-offs that payers' remittances posted (the transaction, or the one it
# reverses, is one of a payment batch's).
_CONTRACTUAL = (
    "INSERT INTO report_daily (day, category, cents) "
    f"SELECT t.occurred_on, '{MoneyCategory.CONTRACTUAL.value}', SUM(p.amount_cents) "
    "FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
    "JOIN ledger_transactions t ON t.id = p.transaction_id "
    "WHERE p.rowid > ? AND p.rowid <= ? AND a.kind = 'adjustment' AND a.code LIKE 'adjustment:CO-%' "
    "AND EXISTS (SELECT 1 FROM batch_transactions bt WHERE bt.transaction_id = coalesce(t.reverses, t.id)) "
    "GROUP BY t.occurred_on "
    "ON CONFLICT (day, category) DO UPDATE SET cents = cents + excluded.cents")


def refresh(conn: Connection, at: str) -> int:
    """Fold the postings added since the last refresh into the projection (rebuilding it when the mark no longer
    holds). Returns how many postings were read. Run inside a write transaction."""
    top = int(_one(conn, "SELECT max(rowid) FROM ledger_postings") or 0)
    state = _raw(conn, "SELECT last_rowid, last_posting_id FROM report_state WHERE name = ?", (STATE,))
    mark = 0
    if state:
        last_rowid, last_id = int(state[0][0]), str(state[0][1])
        if last_rowid == 0 or (last_rowid <= top and _one(
                conn, "SELECT id FROM ledger_postings WHERE rowid = ?", (last_rowid,)) == last_id):
            mark = last_rowid
    if mark == 0:
        _exec(conn, "DELETE FROM report_balances")
        _exec(conn, "DELETE FROM report_daily")
    if top > mark:
        for sql in (_BALANCES, _DAILY, _CONTRACTUAL):
            _exec(conn, sql, (mark, top))
    if top > mark or mark == 0:
        _exec(conn, _PLACE)
    last_id = _one(conn, "SELECT id FROM ledger_postings WHERE rowid = ?", (top,)) if top else ""
    _exec(conn, "INSERT INTO report_state (name, last_rowid, last_posting_id, refreshed_at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET last_rowid = excluded.last_rowid, "
                "last_posting_id = excluded.last_posting_id, refreshed_at = excluded.refreshed_at",
          (STATE, top, last_id or "", at))
    return top - mark


def is_current(conn: Connection) -> bool:
    """Whether the projection holds every posting (nothing to refresh)."""
    top = int(_one(conn, "SELECT max(rowid) FROM ledger_postings") or 0)
    last = _one(conn, "SELECT last_rowid FROM report_state WHERE name = ?", (STATE,))
    return last is not None and int(last) == top


def dated_after(conn: Connection, day: date) -> bool:
    """Whether any transaction occurred after `day` (then a report as of that day reads the postings)."""
    return _one(conn, "SELECT 1 FROM ledger_transactions WHERE occurred_on > ? LIMIT 1", (day.isoformat(),)) \
        is not None


# --- open balances -----------------------------------------------------------------------------------------------
# What is owed by visit, party, date of service and provider, with the claim it is owed on: the claim to that
# party for the visit (insurance), or the visit's primary claim (patient), the latest when there are several. The
# claim is read from ix_claims_encounter_rank alone (one index search per visit), as 'payer id|claim id|number'.
_CLAIM = ("(SELECT c.payer_id || '|' || c.id || '|' || c.claim_number FROM claims c "
          "WHERE c.encounter_id = g.encounter_id AND c.rank = CASE g.party WHEN 'patient' THEN 'primary' "
          "ELSE g.party END ORDER BY c.created_at DESC, c.id DESC LIMIT 1)")
_OPEN_COLUMNS = "g.party, g.encounter_id, g.dos, g.provider_id, g.patient_account, g.cents, g.lines, "


def _columns(claims: bool) -> str:
    return _OPEN_COLUMNS + (_CLAIM if claims else "NULL")


def _parties(patient: bool) -> str:
    return "('patient')" if patient else "('primary', 'secondary', 'tertiary')"


def open_items(conn: Connection, patient: bool, claims: bool = True) -> list[tuple[Any, ...]]:
    """From the projection: (party, encounter_id, date_of_service ISO or None, provider_id, patient_account,
    cents, lines, 'payer id|claim id|claim number' or None) for the receivables with a balance, insurance or
    patient. Without `claims`, the claim is not looked up (None)."""
    return _raw(conn, "SELECT " + _columns(claims) + " FROM (SELECT party, encounter_id, date_of_service AS dos, "
                "provider_id, patient_account, SUM(balance_cents) AS cents, COUNT(*) AS lines "
                "FROM report_balances WHERE kind = 'receivable' AND party IN " + _parties(patient) +
                " AND balance_cents <> 0 GROUP BY party, encounter_id, date_of_service, provider_id, patient_account"
                ") g")


def open_items_as_of(conn: Connection, patient: bool, as_of: date, claims: bool = True) -> list[tuple[Any, ...]]:
    """The same as open_items, from the postings of the transactions that occurred on or before `as_of`."""
    return _raw(conn, "SELECT " + _columns(claims) + " FROM (SELECT s.party AS party, l.encounter_id AS encounter_id, "
                "coalesce(l.from_date, e.date_of_service) AS dos, e.rendering_provider_id AS provider_id, "
                "s.patient_account AS patient_account, SUM(s.cents) AS cents, COUNT(*) AS lines "
                "FROM (SELECT " + _LINE_ID + " AS line_id, " + _PARTY + " AS party, a.patient_account, "
                "SUM(p.amount_cents) AS cents FROM ledger_accounts a "
                "JOIN ledger_postings p ON p.account_id = a.id JOIN ledger_transactions t ON t.id = p.transaction_id "
                "WHERE a.kind = 'receivable' AND t.occurred_on <= ? GROUP BY a.id HAVING SUM(p.amount_cents) <> 0) s "
                "LEFT JOIN service_lines l ON l.id = s.line_id LEFT JOIN encounters e ON e.id = l.encounter_id "
                "WHERE s.party IN " + _parties(patient) + " GROUP BY 1, 2, 3, 4, 5) g",
                (as_of.isoformat(),))


def receivables_by_day(conn: Connection) -> list[tuple[bool, str | None, int]]:
    """(patient?, date of service ISO or None, cents) of every receivable with a balance, from the projection:
    what A/R by age needs without naming visits or claims."""
    return [(p == "patient", d, int(c)) for p, d, c in _raw(
        conn, "SELECT party, date_of_service, SUM(balance_cents) FROM report_balances "
              "WHERE kind = 'receivable' AND balance_cents <> 0 GROUP BY party, date_of_service")]


def insurance_accounts(conn: Connection) -> set[str]:
    """The patient accounts with a balance still with insurance (from the projection)."""
    return {str(a) for (a,) in _raw(conn, "SELECT DISTINCT patient_account FROM report_balances "
                                          "WHERE kind = 'receivable' AND party IN ('primary', 'secondary', "
                                          "'tertiary') AND balance_cents <> 0") if a}


def credits(conn: Connection, as_of: date | None = None) -> dict[str, int]:
    """patient account -> unapplied credit held (positive), from the projection or, with `as_of`, the postings."""
    if as_of is None:
        rows = _raw(conn, "SELECT patient_account, -SUM(balance_cents) FROM report_balances "
                          "WHERE kind = 'patient_credit' AND balance_cents <> 0 GROUP BY patient_account")
    else:
        rows = _raw(conn, "SELECT a.patient_account, -SUM(p.amount_cents) FROM ledger_accounts a "
                          "JOIN ledger_postings p ON p.account_id = a.id "
                          "JOIN ledger_transactions t ON t.id = p.transaction_id "
                          "WHERE a.kind = 'patient_credit' AND t.occurred_on <= ? "
                          "GROUP BY a.patient_account HAVING SUM(p.amount_cents) <> 0", (as_of.isoformat(),))
    return {str(account): int(cents) for account, cents in rows if account}


def projection_sums(conn: Connection) -> dict[str, int]:
    """account id -> balance as the projection holds it (for the check against the postings)."""
    return {str(a): int(c) for a, c in _raw(conn, "SELECT account_id, balance_cents FROM report_balances")}


def posting_sums(conn: Connection) -> dict[str, int]:
    """account id -> sum of its postings, for every receivable and patient credit account."""
    return {str(a): int(c) for a, c in _raw(
        conn, "SELECT p.account_id, SUM(p.amount_cents) FROM ledger_postings p "
              "JOIN ledger_accounts a ON a.id = p.account_id WHERE a.kind IN ('receivable', 'patient_credit') "
              "GROUP BY p.account_id")}


# --- names -------------------------------------------------------------------------------------------------------
def payer_names(conn: Connection) -> dict[str, str]:
    return {str(i): str(n) for i, n in _raw(conn, "SELECT id, name FROM payers")}


def provider_names(conn: Connection) -> dict[str, tuple[str, str, str, str]]:
    """provider id -> (last, first, organization, credentials)."""
    return {str(r[0]): (r[1] or "", r[2] or "", r[3] or "", r[4] or "") for r in _raw(
        conn, "SELECT id, last_name, first_name, organization_name, credentials FROM providers")}


_PATIENT_SQL = ("SELECT id, account_number, last_name, first_name, middle_name, suffix, guarantor_patient_id, "
                "guarantor_last_name, guarantor_first_name, guarantor_zip_code FROM patients")


def patients_by_account(conn: Connection, accounts: Sequence[str]) -> list[tuple[Any, ...]]:
    """(id, account_number, last, first, middle, suffix, guarantor_patient_id, guarantor last, first, zip) of
    these accounts and of the patients who are their guarantors."""
    wanted = sorted(set(accounts))
    if not wanted:
        return []
    if len(wanted) > 2000:  # most of the practice: one pass over the table
        rows = _raw(conn, _PATIENT_SQL)
    else:
        rows = []
        for i in range(0, len(wanted), 500):
            part = wanted[i:i + 500]
            rows += _raw(conn, _PATIENT_SQL + f" WHERE account_number IN ({','.join('?' * len(part))})", part)
        have = {r[0] for r in rows}
        more = sorted({r[6] for r in rows if r[6] and r[6] not in have})
        for i in range(0, len(more), 500):
            part = more[i:i + 500]
            rows += _raw(conn, _PATIENT_SQL + f" WHERE id IN ({','.join('?' * len(part))})", part)
    return rows


def patient_ids_billed_to(conn: Connection, patient_ids: Sequence[str]) -> list[tuple[Any, ...]]:
    """The patients whose guarantor is one of these patients (they share the guarantor's statement)."""
    rows: list[tuple[Any, ...]] = []
    for i in range(0, len(patient_ids), 500):
        part = list(patient_ids[i:i + 500])
        rows += _raw(conn, _PATIENT_SQL + f" WHERE guarantor_patient_id IN ({','.join('?' * len(part))})", part)
    return rows


def user_names(conn: Connection) -> dict[str, str]:
    return {str(u): str(n) for u, n in _raw(conn, "SELECT username, full_name FROM users")}


# --- money over a period -------------------------------------------------------------------------------------------
def money_by_day(conn: Connection, start: date, end: date) -> list[tuple[str, str, int]]:
    """(day ISO, category, cents) from the projection for start..end (both included)."""
    return [(str(d), str(c), int(v)) for d, c, v in _raw(
        conn, "SELECT day, category, cents FROM report_daily WHERE day BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()))]


def receivables_total(conn: Connection) -> int:
    return int(_one(conn, "SELECT coalesce(SUM(balance_cents), 0) FROM report_balances "
                          "WHERE kind = 'receivable' AND balance_cents <> 0") or 0)


# --- what payers decided --------------------------------------------------------------------------------------------
# Adjudications that stand: in a posted batch, not a reversal, not reversed since.
_STANDING = ("FROM claim_adjudications ca JOIN payment_batches b ON b.id = ca.batch_id "
             "WHERE b.status = 'posted' AND ca.outcome <> 'reversal' AND ca.reversed_by IS NULL ")


def adjudications_by_payer(conn: Connection, start: date, end: date) -> dict[str, int]:
    return {str(p): int(n) for p, n in _raw(
        conn, "SELECT b.payer_id, COUNT(*) " + _STANDING + "AND b.check_date BETWEEN ? AND ? GROUP BY b.payer_id",
        (start.isoformat(), end.isoformat()))}


def denials_by(conn: Connection, start: date, end: date, by_reason: bool) -> dict[str, tuple[int, int]]:
    """payer id, or 'CO-16', -> (adjudications with a denial, billed cents denied), for adjudications that stand
    with a check date in start..end."""
    key = "d.group_code || '-' || d.reason_code" if by_reason else "b.payer_id"
    return {str(k): (int(n), int(c or 0)) for k, n, c in _raw(
        conn, f"SELECT {key}, COUNT(DISTINCT ca.id), SUM(d.amount_cents) "
              "FROM denials d JOIN claim_adjudications ca ON ca.id = d.claim_adjudication_id "
              "JOIN payment_batches b ON b.id = ca.batch_id WHERE b.status = 'posted' AND ca.outcome <> 'reversal' "
              "AND ca.reversed_by IS NULL AND d.status <> 'reversed' AND b.check_date BETWEEN ? AND ? "
              f"GROUP BY {key}", (start.isoformat(), end.isoformat()))}


def first_pass(conn: Connection, start: date, end: date) -> tuple[int, int]:
    """(claims first adjudicated in start..end, of which paid in full at that first adjudication after one
    submission and no rejection)."""
    row = _driver(conn).execute(
        "WITH decided AS (SELECT DISTINCT ca.claim_id AS claim_id FROM payment_batches b "
        "JOIN claim_adjudications ca ON ca.batch_id = b.id WHERE b.check_date BETWEEN ? AND ?), "
        "firsts AS (SELECT ca.id AS adjudication_id, ca.claim_id AS claim_id, ca.outcome AS outcome, "
        "b.posted_at AS posted_at, b.check_date AS check_date, ROW_NUMBER() OVER (PARTITION BY ca.claim_id "
        "ORDER BY b.check_date, b.posted_at, ca.position) AS n " + _STANDING
        + "AND ca.claim_id IN (SELECT claim_id FROM decided)) "
        "SELECT COUNT(*), coalesce(SUM(f.outcome = 'paid' "
        "AND NOT EXISTS (SELECT 1 FROM denials d WHERE d.claim_id = f.claim_id "
        "AND d.claim_adjudication_id = f.adjudication_id AND d.status <> 'reversed') "
        "AND (SELECT COUNT(*) FROM claim_submissions s WHERE s.claim_id = f.claim_id AND s.at <= f.posted_at) <= 1 "
        "AND NOT EXISTS (SELECT 1 FROM claim_state_history h WHERE h.claim_id = f.claim_id "
        "AND h.to_status = 'rejected' AND h.at <= f.posted_at)), 0) "
        "FROM firsts f WHERE f.n = 1 AND f.check_date BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat(), start.isoformat(), end.isoformat())).fetchone()
    return int(row[0]), int(row[1])


# --- the day sheet -------------------------------------------------------------------------------------------------
def day_postings(conn: Connection, start_utc: str, end_utc: str) -> list[tuple[Any, ...]]:
    """For the transactions posted in [start_utc, end_utc): (posted_at, actor, transaction id, account kind,
    account code, amount) of their postings to the accounts a day sheet counts, and one row with kind NULL per
    transaction that has none of those."""
    return _raw(conn, "SELECT t.posted_at, t.actor, t.id, a.kind, a.code, p.amount_cents "
                      "FROM ledger_transactions t JOIN ledger_postings p ON p.transaction_id = t.id "
                      "JOIN ledger_accounts a ON a.id = p.account_id "
                      "WHERE t.posted_at >= ? AND t.posted_at < ? "
                      "AND a.kind IN ('gross_charges', 'payment_batch', 'adjustment', 'refunds_payable') "
                      "UNION ALL SELECT t.posted_at, t.actor, t.id, NULL, NULL, 0 FROM ledger_transactions t "
                      "WHERE t.posted_at >= ? AND t.posted_at < ?", (start_utc, end_utc, start_utc, end_utc))
