"""A/R reports: aging for insurance and for patients (by payer, provider or guarantor) with the claims behind each
row, the day sheet, the key figures and the dashboard that charts them; every report as a table that exports to
CSV and PDF. The rules are in domain/reports.py; the queries in storage/reports_store.py.

Each report first brings the report projection up to date with the postings added since the last one (a short
write transaction; the first report on a database reads every posting once), then reads it. A report as of a
past day, when transactions have occurred since, reads the postings of that day and before instead (slower).

Who: reports need VIEW_ACCOUNTS. Reading a patient aging or the claims behind a row (patients' names and
balances) is recorded in the audit log as a view; saving a report (CSV or PDF) as an export, printing it as a
print.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from medbill_desktop.documents.report_pdf import render_report_pdf
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.exports import safe_cell
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.reports import (
    AGING_GROUPS,
    AgingBy,
    AgingItem,
    AgingKind,
    AgingReport,
    Buckets,
    DayActivity,
    Guarantor,
    Kpis,
    MoneyCategory,
    OpenItem,
    ReportTable,
    aging_items,
    buckets_of,
    build_aging,
    day_totals,
    denial_counts,
    plain,
    reason_counts,
)
from medbill_desktop.domain.roles import Permission
from medbill_desktop.domain.statements import guarantor_key
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.practice import load_practice
from medbill_desktop.storage import denials_store
from medbill_desktop.storage import reports_store as store

DEFAULT_PERIOD_DAYS = 90
TREND_MONTHS = 12
_PARTY = {p.value: p for p in Party}
_NO_CLAIM = ("", "", "")


# --- reading what is owed --------------------------------------------------------------------------------------
def refresh(ws: Workstation) -> int:
    """Bring the report projection up to date; returns how many postings it read."""
    with ws.write() as conn:
        return store.refresh(conn, ws.now_iso())


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _items(conn: Connection, patient: bool, as_of: date, past: bool, claims: bool = True) -> list[OpenItem]:
    rows = store.open_items_as_of(conn, patient, as_of, claims) if past else store.open_items(conn, patient, claims)
    days: dict[Any, date | None] = {}
    out = []
    for party, encounter_id, dos, provider_id, account, cents, lines, claim in rows:
        day = days.get(dos, date.min)
        if day is date.min:
            day = days[dos] = _day(dos)
        payer_id, claim_id, claim_number = claim.split("|") if claim else _NO_CLAIM
        out.append(OpenItem(_PARTY[party], encounter_id or "", day, cents, account or "", provider_id or "", lines,
                            payer_id, claim_id, claim_number))
    return out


def _name(last: str, first: str, middle: str = "", suffix: str = "") -> str:
    given = " ".join(x for x in (first, (middle or "")[:1]) if x)
    return f"{last}{' ' + suffix if suffix else ''}, {given}".strip().rstrip(",")


def _provider_labels(conn: Connection) -> dict[str, str]:
    out = {}
    for pid, (last, first, organization, credentials) in store.provider_names(conn).items():
        person = f"{last}, {first}" if last else organization
        out[pid] = f"{person}, {credentials}" if credentials and last else person
    return out


@dataclass(frozen=True)
class _People:
    guarantors: dict[str, Guarantor]  # patient account -> who its statement goes to
    names: dict[str, str]  # patient account -> "Last, First"
    members: dict[str, list[str]]  # guarantor key -> names of its patients


def _people(conn: Connection, accounts: Iterable[str], others: Iterable[str] = (), guarantors: bool = True
            ) -> _People:
    """Names, and who each account's statement goes to, by the statements' rule (services.statements): the key is
    domain.statements.guarantor_key; the account shown is the guarantor's own when the guarantor is a patient,
    else the lowest account number among the guarantor's patients with a balance or credit (`others`: accounts
    with only insurance balances, which count there too)."""
    wanted = set(accounts)
    owing = wanted | set(others)
    rows = store.patients_by_account(conn, list(owing))  # (the whole table when most accounts owe)
    by_id = {r[0]: r for r in rows}
    names: dict[str, str] = {}
    out: dict[str, Guarantor] = {}
    members: dict[str, list[str]] = {}
    lowest: dict[str, str] = {}  # a typed-in guarantor's key -> the lowest account of its patients who owe
    for pid, account, _last, _first, _middle, _suffix, g_id, g_last, g_first, g_zip in rows:
        if g_last and not g_id and account in owing:
            key = guarantor_key(pid, g_id, g_last, g_first, g_zip)
            if key not in lowest or account < lowest[key]:
                lowest[key] = account
    for r in rows:
        pid, account = r[0], r[1]
        if account not in wanted:
            continue
        names[account] = _name(r[2], r[3], r[4], r[5])
        if not guarantors:
            continue
        g_id, g_last = r[6], r[7]
        key = guarantor_key(pid, g_id, g_last, r[8], r[9])
        g = by_id.get(g_id) if g_id else None
        if g is not None:
            out[account] = Guarantor(key, _name(g[2], g[3], g[4], g[5]), g[1])
        elif g_last and not g_id:
            out[account] = Guarantor(key, f"{_name(g_last, r[8] or '')} (guarantor)", lowest[key])
        else:
            out[account] = Guarantor(key, names[account], account)
        members.setdefault(key, []).append(names[account])
    return _People(out, names, {k: v if len(v) == 1 else sorted(set(v)) for k, v in members.items()})


def _check(kind: AgingKind, by: AgingBy) -> None:
    if by not in AGING_GROUPS[kind]:
        allowed = " or ".join(b.value for b in AGING_GROUPS[kind])
        raise ServiceError(f"{kind.label} aging is grouped by {allowed}, not by {by.value}.", "by")


@dataclass(frozen=True)
class _Read:
    items: list[OpenItem]
    credits: dict[str, int]
    people: _People | None
    payers: dict[str, str]
    providers: dict[str, str]


def _read(ws: Workstation, kind: AgingKind, as_of: date, people: bool, claims: bool = True) -> _Read:
    refresh(ws)
    patient = kind is AgingKind.PATIENT
    with ws.read() as conn:
        store.snapshot(conn)
        past = store.dated_after(conn, as_of)
        items = _items(conn, patient, as_of, past, claims)
        credits = store.credits(conn, as_of if past else None) if patient else {}
        who = None
        if people:
            others = ({i.account_number for i in _items(conn, False, as_of, True, False)} if past
                      else store.insurance_accounts(conn)) if patient else set()
            who = _people(conn, {i.account_number for i in items} | set(credits), others, guarantors=patient)
        return _Read(items, credits, who, store.payer_names(conn), _provider_labels(conn))


def _audit_view(ws: Workstation, what: str, detail: dict[str, Any]) -> None:
    with ws.write() as conn:
        ws.audit(conn, AuditAction.VIEW, "report", what, detail)


def aging(ws: Workstation, kind: AgingKind | str = AgingKind.INSURANCE, by: AgingBy | str | None = None,
          as_of: date | None = None) -> AgingReport:
    """The aging of insurance or patient balances as of a day (today when None), grouped by payer, provider or
    guarantor (insurance: payer first; patient: guarantor first). A patient aging is recorded as a view."""
    ws.require(Permission.VIEW_ACCOUNTS)
    kind = AgingKind(kind)
    by = AgingBy(by) if by is not None else AGING_GROUPS[kind][0]
    _check(kind, by)
    as_of = as_of or ws.today()
    read = _read(ws, kind, as_of, people=kind is AgingKind.PATIENT, claims=by is AgingBy.PAYER)
    labels = read.payers if by is AgingBy.PAYER else read.providers
    report = build_aging(read.items, kind, by, as_of, labels=labels,
                         guarantors=read.people.guarantors if read.people else None, credits=read.credits,
                         members=read.people.members if read.people else None)
    if kind is AgingKind.PATIENT:
        _audit_view(ws, f"aging-patient-by-{by.value}",
                    {"as_of": as_of.isoformat(), "rows": len(report.rows), "total_cents": report.total})
    return report


def aging_claims(ws: Workstation, kind: AgingKind | str, by: AgingBy | str, key: str | None,
                 as_of: date | None = None) -> list[AgingItem]:
    """The claims (insurance) or visits (patient) behind one row of an aging report (every row when key is None),
    oldest first. Recorded in the audit log as a view (it names patients)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    kind, by = AgingKind(kind), AgingBy(by)
    _check(kind, by)
    as_of = as_of or ws.today()
    read = _read(ws, kind, as_of, people=True)
    assert read.people is not None
    items = aging_items(read.items, kind, by, key, as_of, guarantors=read.people.guarantors, credits=read.credits,
                        payer_names=read.payers, provider_names=read.providers, patient_names=read.people.names)
    _audit_view(ws, f"aging-{kind.value}-by-{by.value}",
                {"as_of": as_of.isoformat(), "row": key, "items": len(items),
                 "accounts": sorted({i.account_number for i in items})[:50]})
    return items


# --- key figures ---------------------------------------------------------------------------------------------------
def _kpis_in(ws: Workstation, conn: Connection, as_of: date, period_days: int) -> tuple[Kpis, dict[str, int]]:
    start = as_of - timedelta(days=period_days - 1)
    if store.dated_after(conn, as_of):
        owed = [(i.party is Party.PATIENT, i.date_of_service, i.cents)
                for patient in (False, True) for i in _items(conn, patient, as_of, True, False)]
    else:
        owed = [(patient, _day(day), cents) for patient, day, cents in store.receivables_by_day(conn)]
    money: dict[str, int] = {}
    for _day_text, category, cents in store.money_by_day(conn, start, as_of):
        money[category] = money.get(category, 0) + cents
    names = store.payer_names(conn)
    adjudicated = store.adjudications_by_payer(conn, start, as_of)
    by_payer = store.denials_by(conn, start, as_of, by_reason=False)
    by_reason = store.denials_by(conn, start, as_of, by_reason=True)
    words = denials_store.descriptions(conn, "carc", (code.split("-", 1)[-1] for code in by_reason))
    first, clean = store.first_pass(conn, start, as_of)
    total_adjudicated = sum(adjudicated.values())
    ins = buckets_of(((day, cents) for patient, day, cents in owed if not patient), as_of)
    pat = buckets_of(((day, cents) for patient, day, cents in owed if patient), as_of)
    kpis = Kpis(
        as_of=as_of, period_days=period_days, period_start=start, ar_cents=ins.total + pat.total,
        insurance_ar=ins, patient_ar=pat, charges_cents=money.get(MoneyCategory.CHARGES.value, 0),
        payments_cents=money.get(MoneyCategory.INSURANCE_PAYMENTS.value, 0)
        + money.get(MoneyCategory.PATIENT_PAYMENTS.value, 0),
        contractual_cents=money.get(MoneyCategory.CONTRACTUAL.value, 0), adjudicated=total_adjudicated,
        denied=sum(n for n, _cents in by_payer.values()), first_adjudicated=first, first_pass=clean,
        by_payer=denial_counts(adjudicated, by_payer, names),
        by_reason=reason_counts(by_reason, total_adjudicated,
                                {code: words.get(code.split("-", 1)[-1], "") for code in by_reason}))
    return kpis, money


def _period(period_days: int) -> int:
    if not 1 <= period_days <= 3660:
        raise ServiceError("The period is 1 to 3,660 days.", "period_days")
    return period_days


def kpis(ws: Workstation, as_of: date | None = None, period_days: int = DEFAULT_PERIOD_DAYS) -> Kpis:
    """Days in A/R, denial rate (all, per payer, per reason code), first-pass rate, net collection rate and the
    share of A/R over 90 days, for the `period_days` days up to `as_of` (today when None)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    as_of = as_of or ws.today()
    refresh(ws)
    with ws.read() as conn:
        store.snapshot(conn)
        return _kpis_in(ws, conn, as_of, _period(period_days))[0]


# --- the dashboard -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MonthTotals:
    month: date  # its first day
    charges: int
    payments: int  # insurance and patients
    adjustments: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    as_of: date
    kpis: Kpis
    insurance: AgingReport  # by payer
    patient: Buckets  # patient balances due (after credit), by age
    patient_credit: int  # credit left over on accounts
    months: tuple[MonthTotals, ...]  # oldest first, the as-of month last
    refreshed_at: str


def _months(conn: Connection, as_of: date, count: int) -> tuple[MonthTotals, ...]:
    year, month = as_of.year, as_of.month
    firsts = []
    for _ in range(count):
        firsts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    firsts.reverse()
    sums: dict[tuple[int, int], dict[str, int]] = {(d.year, d.month): {} for d in firsts}
    for day_text, category, cents in store.money_by_day(conn, firsts[0], as_of):
        key = (int(day_text[:4]), int(day_text[5:7]))
        row = sums.get(key)
        if row is not None:
            row[category] = row.get(category, 0) + cents
    return tuple(MonthTotals(d, s.get(MoneyCategory.CHARGES.value, 0),
                             s.get(MoneyCategory.INSURANCE_PAYMENTS.value, 0)
                             + s.get(MoneyCategory.PATIENT_PAYMENTS.value, 0),
                             s.get(MoneyCategory.ADJUSTMENTS.value, 0))
                 for d, s in ((d, sums[(d.year, d.month)]) for d in firsts))


def dashboard(ws: Workstation, as_of: date | None = None, period_days: int = DEFAULT_PERIOD_DAYS) -> Dashboard:
    """Everything the dashboard charts, read in one go: the key figures, insurance aging by payer, the patient
    balances due by age, and charges, payments and adjustments of the last twelve months."""
    ws.require(Permission.VIEW_ACCOUNTS)
    as_of = as_of or ws.today()
    refresh(ws)
    with ws.read() as conn:
        store.snapshot(conn)
        figures, _money = _kpis_in(ws, conn, as_of, _period(period_days))
        past = store.dated_after(conn, as_of)
        insurance = build_aging(_items(conn, False, as_of, past), AgingKind.INSURANCE, AgingBy.PAYER, as_of,
                                labels=store.payer_names(conn))
        credits = store.credits(conn, as_of if past else None)
        patient = build_aging(_items(conn, True, as_of, past, False), AgingKind.PATIENT, AgingBy.PROVIDER, as_of,
                              credits=credits)
        months = _months(conn, as_of, TREND_MONTHS)
    return Dashboard(as_of, figures, insurance, patient.totals, patient.credit, months, ws.now_iso())


# --- the day sheet -------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class DaySheet:
    start: date
    end: date
    rows: tuple[DayActivity, ...]  # by day, then user
    days: tuple[DayActivity, ...]  # one total per day

    @property
    def totals(self) -> DayActivity:
        return day_totals(self.rows, self.start)


def _utc(day: date) -> str:
    """Local midnight at the start of `day` as the ledger writes times (UTC, milliseconds, Z)."""
    local = datetime.combine(day, time.min).astimezone()
    return local.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _local_day(posted_at: str) -> date:
    return datetime.fromisoformat(posted_at.replace("Z", "+00:00")).astimezone().date()


def day_sheet(ws: Workstation, start: date | None = None, end: date | None = None) -> DaySheet:
    """Charges, payments, adjustments and refunds by the day they were posted (the workstation's local day) and
    by who posted them, for start..end (both included; today when None)."""
    ws.require(Permission.VIEW_ACCOUNTS)
    start = start or ws.today()
    end = end or start
    if end < start:
        raise ServiceError("The day sheet's last day is before its first.", "end")
    if (end - start).days > 370:
        raise ServiceError("A day sheet covers at most a year; choose a shorter span.", "end")
    with ws.read() as conn:
        store.snapshot(conn)
        rows = store.day_postings(conn, _utc(start), _utc(end + timedelta(days=1)))
        who = store.user_names(conn)
    days: dict[str, date] = {}
    sums: dict[tuple[date, str], list[int]] = {}
    entries: dict[tuple[date, str], set[str]] = {}
    for posted_at, actor, tx_id, kind, code, amount in rows:
        prefix = posted_at[:13]  # the hour: a day's times share a few
        day = days.get(prefix)
        if day is None:
            day = days[prefix] = _local_day(posted_at)
        key = (day, actor)
        s = sums.get(key)
        if s is None:
            s = sums[key] = [0, 0, 0, 0, 0]
            entries[key] = set()
        entries[key].add(tx_id)
        if kind == "gross_charges":
            s[0] -= amount
        elif kind == "payment_batch":
            s[2 if code.startswith("payment_batch:frontdesk:") else 1] += amount
        elif kind == "adjustment":
            s[3] += amount
        elif kind == "refunds_payable":
            s[4] -= amount
    out = [DayActivity(day, who.get(actor, "Command line" if actor == "cli" else actor), len(entries[(day, actor)]),
                       *sums[(day, actor)]) for day, actor in sums]
    out.sort(key=lambda r: (r.day, r.user.lower()))
    per_day: dict[date, list[DayActivity]] = {}
    for r in out:
        per_day.setdefault(r.day, []).append(r)
    totals = tuple(day_totals(rs, day, "All users") for day, rs in sorted(per_day.items()))
    return DaySheet(start, end, tuple(out), totals)


# --- exports -------------------------------------------------------------------------------------------------------
def practice_name(ws: Workstation) -> str:
    with ws.read() as conn:
        p = load_practice(conn)
    return p.name if p else ""


def csv_text(table: ReportTable) -> str:
    """The report as CSV: a header row, the rows, then the totals; amounts as 1234.56, rates as 0.1234, dates
    ISO. A report in sections (the key figures) starts each row with its section."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    sectioned = bool(table.sections)
    head = [c.title for c in table.columns]
    writer.writerow((["Section"] if sectioned else []) + head)
    starts = dict((first, heading) for heading, first in table.sections)
    section = ""
    for n, row in enumerate(table.rows):
        section = starts.get(n, section)
        cells = [safe_cell(plain(v, c.cell)) for v, c in zip(row, table.columns, strict=True)]
        writer.writerow(([section] if sectioned else []) + cells)
    if table.totals is not None:
        writer.writerow((["Total"] if sectioned else [])
                        + [plain(v, c.cell) for v, c in zip(table.totals, table.columns, strict=True)])
    return out.getvalue()


def _write_private(path: Path, data: bytes) -> Path:
    """Write a file only its owner can read (reports name patients)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.chmod(path, 0o600)
    return path


def _audit_file(ws: Workstation, action: str, table: ReportTable, what: str) -> None:
    with ws.write() as conn:
        ws.audit(conn, action, "report", table.file_stem, {"title": table.title, "rows": len(table.rows),
                                                             "as": what})


def save_csv(ws: Workstation, table: ReportTable, path: Path) -> Path:
    """Write the report as CSV (UTF-8 with a byte-order mark, which spreadsheets read as UTF-8); audited."""
    ws.require(Permission.VIEW_ACCOUNTS)
    written = _write_private(path, csv_text(table).encode("utf-8-sig"))
    _audit_file(ws, AuditAction.EXPORT, table, "csv")
    return written


def report_pdf(ws: Workstation, table: ReportTable, *, printing: bool = False) -> bytes:
    """The report as a PDF (letter, landscape when it is wide). Recorded as a print when `printing`."""
    ws.require(Permission.VIEW_ACCOUNTS)
    pdf = render_report_pdf(table, practice=practice_name(ws), generated=_generated(ws))
    if printing:
        _audit_file(ws, AuditAction.PRINT, table, "print")
    return pdf


def record_print(ws: Workstation, table: ReportTable, where: str = "") -> None:
    """The printer took the report (the GUI prints through Qt): recorded in the audit log as a print."""
    ws.require(Permission.VIEW_ACCOUNTS)
    _audit_file(ws, AuditAction.PRINT, table, f"print{' to ' + where if where else ''}")


def save_pdf(ws: Workstation, table: ReportTable, path: Path) -> Path:
    ws.require(Permission.VIEW_ACCOUNTS)
    written = _write_private(path, render_report_pdf(table, practice=practice_name(ws), generated=_generated(ws)))
    _audit_file(ws, AuditAction.EXPORT, table, "pdf")
    return written


def _generated(ws: Workstation) -> str:
    local = ws.now().astimezone()
    return f"Printed {local.month:02d}/{local.day:02d}/{local.year} {local.strftime('%I:%M %p').lstrip('0')} " \
           f"by {ws.signed_in().full_name}"


def export(ws: Workstation, table: ReportTable, path: Path) -> Path:
    """Save by the file's suffix: .csv or .pdf."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return save_csv(ws, table, path)
    if suffix == ".pdf":
        return save_pdf(ws, table, path)
    raise ServiceError(f"Save a report as .csv or .pdf, not {suffix or 'a file without a suffix'}.", "path")


__all__ = [
    "DEFAULT_PERIOD_DAYS", "Dashboard", "DaySheet", "MonthTotals", "aging", "aging_claims", "csv_text", "dashboard",
    "day_sheet", "export", "kpis", "practice_name", "record_print", "refresh", "report_pdf", "save_csv", "save_pdf",
]
