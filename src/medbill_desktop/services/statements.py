"""Patient statements: what each account owes by age (`patient_balances`, which the A/R aging report reuses), who
gets a statement in a run and why not (`preview_run`), the PDF, recording what was sent (`record_run`),
statement history per guarantor and reprints, and the practice's statement settings.

A run, as the biller does it: preview (nothing is written), print through Qt or save the PDF, and only then
record the run: each statement with the data it was rendered from (its snapshot) and its lines, the guarantors'
"last statement" moves to the run's date, one audit entry for the print job naming every account on it, and one
business event for the run. A
cancelled print records nothing. `run_statements` is the command line's one-step form (preview, write the
file, record), with `dry_run` writing nothing but the file.

The rules (who, aging, what is due, dunning, plans) are in domain/statements.py; their boundaries are tested
there. Amounts per account come from one query over the whole ledger (storage/statements_store.py); the
itemised activity and the visits come from each chosen patient's account ledger (services/account_ledger.py),
so a statement says what the ledger screen says, in the same words.

Who may: previewing and running statements, holds: billers and managers (STATEMENT_PERMISSION); reading
balances and history: anyone who may view accounts; the statement settings: who may edit the practice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Row, select

from medbill_desktop.documents.statement import (
    ActivityLine,
    MailingAddress,
    PlanLine,
    StatementData,
    VisitLine,
    from_json,
    render_statement,
    render_statements,
    to_json,
)
from medbill_desktop.domain.account_ledger import (
    AGING_BUCKETS,
    NO_AGING,
    AccountLedger,
    Aging,
    LedgerPosting,
    LedgerTransaction,
    LineDecision,
    LineRef,
    Source,
    SourceKind,
    bucket_index,
    build_account_ledger,
    date_text,
)
from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import AccountKind, Party, TxKind
from medbill_desktop.domain.patients import format_date
from medbill_desktop.domain.practice import format_phone
from medbill_desktop.domain.roles import Permission
from medbill_desktop.domain.statements import (
    Candidate,
    Decision,
    DunningLevel,
    Hold,
    Installment,
    PlanStanding,
    StatementSettings,
    apply_credit_oldest_first,
    decide,
    dunning_level,
    dunning_message,
    guarantor_key,
    plan_standing,
    since_date,
    visit_summaries,
)
from medbill_desktop.services.account_ledger import BATCH_METHODS, METHOD_LABELS, METHOD_WORDS
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.services.numbers import next_number
from medbill_desktop.services.practice import load_practice
from medbill_desktop.storage import account_ledger_store as ledger_store
from medbill_desktop.storage import statements_store as store
from medbill_desktop.storage.files import atomic_write
from medbill_desktop.storage.tables import settings as settings_table

STATEMENT_PERMISSION = Permission.MANAGE_CLAIMS  # billers and managers: the biller's work (DESIGN §9)
SETTINGS_KEY = "statement_settings"
AGING_KEYS = tuple(key for key, _label, _first, _last in AGING_BUCKETS)


# --- settings --------------------------------------------------------------------------------------------------------
def load_statement_settings(conn: Connection) -> StatementSettings:
    value = conn.execute(select(settings_table.c.value).where(settings_table.c.key == SETTINGS_KEY)).scalar()
    if value is None:
        return StatementSettings()
    data = json.loads(value)
    return StatementSettings.from_json(data) if isinstance(data, dict) else StatementSettings()


def get_statement_settings(ws: Workstation) -> StatementSettings:
    with ws.read() as conn:
        return load_statement_settings(conn)


def save_statement_settings(ws: Workstation, values: StatementSettings) -> StatementSettings:
    ws.require(Permission.EDIT_PRACTICE)
    clean = values.validated()
    with ws.write() as conn:
        before = load_statement_settings(conn).to_json()
        after = clean.to_json()
        row = {"key": SETTINGS_KEY, "value": json.dumps(after, sort_keys=True)}
        if conn.execute(select(settings_table.c.key).where(settings_table.c.key == SETTINGS_KEY)).first():
            conn.execute(settings_table.update().where(settings_table.c.key == SETTINGS_KEY).values(row))
        else:
            conn.execute(settings_table.insert().values(row))
        changed = {k: v for k, v in after.items() if before.get(k) != v}
        if changed:
            ws.audit(conn, AuditAction.CHANGE, "settings", SETTINGS_KEY, changed)
            ws.emit(conn, "settings.changed", "settings", SETTINGS_KEY, changed)
    return clean


# --- balances: what each account owes, by age ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PatientBalance:
    """One patient account as of a day. `amount_due_cents` is what a statement asks for: the patient's share
    less unapplied credit (never below zero); what is still with insurance is never due."""

    account_number: str
    patient_id: str | None
    patient_aging: Aging  # the patient's share by the age of its visits, before credit
    insurance_aging: Aging  # pending with insurance, by age
    insurance_by_party: tuple[int, int, int]  # primary, secondary, tertiary
    credit_cents: int
    due_aging: Aging  # the patient's share less credit, taken off the oldest first

    @property
    def patient_cents(self) -> int:
        return self.patient_aging.total

    @property
    def insurance_cents(self) -> int:
        return self.insurance_aging.total

    @property
    def amount_due_cents(self) -> int:
        return self.due_aging.total


def _age(day: str | None, as_of: date, cache: dict[str | None, int]) -> int:
    index = cache.get(day)
    if index is None:
        index = cache[day] = bucket_index((as_of - date.fromisoformat(day)).days) if day else 0
    return index


def balances_in(conn: Connection, as_of: date) -> dict[str, PatientBalance]:
    """Every patient account with a receivable balance or credit, as of `as_of` (set-based: one pass over the
    ledger's receivables)."""
    patient_sums: dict[str, list[int]] = {}
    insurance_sums: dict[str, list[int]] = {}
    by_party: dict[str, list[int]] = {}
    patient_ids: dict[str, str] = {}
    ages: dict[str | None, int] = {}
    for account, _line, party, cents, day, _encounter, patient_id in store.receivable_balances(conn, as_of):
        if not account:
            continue
        index = _age(day, as_of, ages)
        if patient_id:
            patient_ids[account] = patient_id
        if party == "patient":
            patient_sums.setdefault(account, [0, 0, 0, 0, 0])[index] += cents
        else:
            insurance_sums.setdefault(account, [0, 0, 0, 0, 0])[index] += cents
            parts = by_party.setdefault(account, [0, 0, 0])
            parts[("primary", "secondary", "tertiary").index(party) if party in ("primary", "secondary",
                                                                                 "tertiary") else 0] += cents
    credits = store.credit_balances(conn, as_of)
    out: dict[str, PatientBalance] = {}
    for account in set(patient_sums) | set(insurance_sums) | set(credits):
        p = patient_sums.get(account, [0, 0, 0, 0, 0])
        i = insurance_sums.get(account, [0, 0, 0, 0, 0])
        patient_aging = Aging((p[0], p[1], p[2], p[3], p[4]))
        parties = by_party.get(account, [0, 0, 0])
        credit = credits.get(account, 0)
        out[account] = PatientBalance(account, patient_ids.get(account), patient_aging,
                                      Aging((i[0], i[1], i[2], i[3], i[4])), (parties[0], parties[1], parties[2]),
                                      credit, apply_credit_oldest_first(patient_aging, credit))
    return out


def patient_balances(ws: Workstation, as_of: date | None = None) -> dict[str, PatientBalance]:
    """account number -> PatientBalance for every account with a balance or credit, as of `as_of` (today when
    not given). The amounts a statement run asks for are these accounts' `amount_due_cents`, summed per
    guarantor."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return balances_in(conn, as_of or ws.today())


# --- guarantors ------------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PatientRef:
    patient_id: str
    account_number: str
    name: str  # 'Maria Garcia'


@dataclass(frozen=True, slots=True)
class GuarantorInfo:
    key: str
    account_number: str  # the guarantor's own account, or the lowest account number of the patients billed
    name: str  # 'Maria L Garcia'
    address: MailingAddress | None
    phone: str
    patients: tuple[PatientRef, ...]  # the patients whose balances this guarantor's statements carry


def _person(first: str, middle: str, last: str, suffix: str = "") -> str:
    return " ".join(x for x in (first, (middle or "")[:1], last, suffix) if x)


def _city_line(city: str, state: str, zip_code: str) -> str:
    z = zip_code or ""
    return f"{city}, {state} {z[:5]}{'-' + z[5:] if len(z) == 9 else ''}"


def _patient_address(r: Row[Any]) -> MailingAddress | None:
    if not r.address_line1:
        return None
    lines = [r.address_line1] + ([r.address_line2] if r.address_line2 else []) + [
        _city_line(r.city, r.state, r.zip_code)]
    return MailingAddress(_person(r.first_name, r.middle_name, r.last_name, r.suffix), tuple(lines))


def _guarantor_address(r: Row[Any]) -> MailingAddress | None:
    name = _person(r.guarantor_first_name or "", "", r.guarantor_last_name or "")
    if not r.guarantor_address_line1:
        return None
    lines = [r.guarantor_address_line1] + ([r.guarantor_address_line2] if r.guarantor_address_line2 else []) + [
        _city_line(r.guarantor_city or "", r.guarantor_state or "", r.guarantor_zip_code or "")]
    return MailingAddress(name, tuple(lines))


def key_of(r: Row[Any]) -> str:
    return guarantor_key(r.id, r.guarantor_patient_id, r.guarantor_last_name, r.guarantor_first_name,
                         r.guarantor_zip_code)


def _ref(r: Row[Any]) -> PatientRef:
    return PatientRef(r.id, r.account_number, _person(r.first_name, "", r.last_name, r.suffix))


def _phone(r: Row[Any]) -> str:
    digits = r.home_phone or r.cell_phone or r.work_phone or ""
    return format_phone(digits) if digits else ""


def guarantors_in(conn: Connection, accounts: Iterable[str]) -> dict[str, GuarantorInfo]:
    """The guarantors of these patient accounts (key -> info), each listing which of the accounts it carries."""
    rows = store.patients_by_account(conn, sorted(set(accounts)))
    groups: dict[str, list[Row[Any]]] = {}
    for r in rows:
        groups.setdefault(key_of(r), []).append(r)
    by_id = {r.id: r for r in rows}
    missing = [k.split(":", 1)[1] for k in groups if k.startswith("patient:") and k.split(":", 1)[1] not in by_id]
    for r in store.patients_by_id(conn, missing):
        by_id[r.id] = r
    out: dict[str, GuarantorInfo] = {}
    for key, members in groups.items():
        members.sort(key=lambda r: r.account_number)
        refs = tuple(_ref(r) for r in members)
        if key.startswith("patient:"):
            g = by_id.get(key.split(":", 1)[1])
            if g is None:  # pragma: no cover - a foreign key
                continue
            out[key] = GuarantorInfo(key, g.account_number, _person(g.first_name, g.middle_name, g.last_name,
                                                                    g.suffix),
                                     _patient_address(g), _phone(g), refs)
        else:
            first = members[0]
            address = next((a for a in (_guarantor_address(r) for r in members) if a is not None), None)
            phone = next((format_phone(r.guarantor_phone) for r in members if r.guarantor_phone), "")
            out[key] = GuarantorInfo(key, first.account_number,
                                     _person(first.guarantor_first_name or "", "", first.guarantor_last_name or ""),
                                     address, phone, refs)
    return out


def guarantor_for_account(conn: Connection, account_number: str) -> GuarantorInfo:
    """The guarantor of a patient account, with every patient whose statements go to them."""
    row = store.patient_by_account(conn, account_number)
    if row is None:
        raise ServiceError(f"No patient has account number {account_number.strip()!r}.", "account")
    key = key_of(row)
    if key.startswith("patient:"):
        members = store.patients_billed_to(conn, key.split(":", 1)[1])
    else:
        members = [r for r in store.patients_with_guarantor_name(conn, row.guarantor_last_name,
                                                                  row.guarantor_first_name or "")
                   if key_of(r) == key] or [row]
    found = guarantors_in(conn, [r.account_number for r in members])
    info = found.get(key)
    if info is None:  # pragma: no cover - the patient is one of the members
        raise ServiceError(f"Account {account_number} has no guarantor on file.", "account")
    return info


# --- standing of holds, collections and plans ------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PlanInfo:
    plan_id: str
    plan_number: str
    installment_cents: int
    day_of_month: int
    standing: PlanStanding


def holds_in(conn: Connection) -> dict[str, Hold]:
    out: dict[str, Hold] = {}
    for r in store.active_holds(conn):
        out[str(r.guarantor_key)] = Hold(r.reason, store.as_date(r.hold_until))
    return out


def plans_in(conn: Connection, guarantors: Mapping[str, GuarantorInfo], as_of: date) -> dict[str, PlanInfo]:
    """The active plan of each of these guarantors that has one, with where it stands on `as_of`."""
    plans = store.active_plans(conn, list(guarantors))
    if not plans:
        return {}
    installments = store.installments_of(conn, [p.id for p in plans])
    out: dict[str, PlanInfo] = {}
    for p in plans:
        g = guarantors.get(p.guarantor_key)
        if g is None:
            continue
        starts = store.as_date(p.starts_on)
        assert starts is not None
        paid = sum(int(cents) for _pid, _day, cents in store.payments_of(
            conn, [x.patient_id for x in g.patients], starts, as_of))
        schedule = [Installment(int(i.number), store.as_date(i.due_on) or starts, int(i.amount_cents))
                    for i in installments.get(p.id, [])]
        out[str(p.guarantor_key)] = PlanInfo(p.id, p.plan_number, int(p.installment_cents), int(p.day_of_month),
                                             plan_standing(schedule, paid, as_of))
    return out


# --- who gets a statement --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class StatementCandidate:
    """A guarantor with something due, and whether the run sends them a statement."""

    guarantor: GuarantorInfo
    patient_cents: int  # the patient's share before credit
    credit_cents: int
    pending_insurance_cents: int
    due_aging: Aging
    last_statement_on: date | None
    statements_sent: int
    hold: Hold | None
    in_collections: bool
    plan: PlanInfo | None
    decision: Decision

    @property
    def key(self) -> str:
        return self.guarantor.key

    @property
    def amount_due_cents(self) -> int:
        return self.due_aging.total

    @property
    def selected(self) -> bool:
        return self.decision.selected

    @property
    def pay_now_cents(self) -> int:
        if self.plan is not None and not self.plan.standing.complete:
            return min(self.plan.standing.pay_now_cents, self.amount_due_cents)
        return self.amount_due_cents


@dataclass(frozen=True, slots=True)
class RunPreview:
    """What a run dated `as_of` would send; nothing is written until `record_run`."""

    as_of: date
    settings: StatementSettings
    candidates: tuple[StatementCandidate, ...]  # everyone with something due, chosen or not, by last name
    statements: tuple[StatementData, ...]  # of the chosen, in the order of `chosen`
    chosen: tuple[str, ...]  # guarantor keys
    lines: tuple[tuple[dict[str, Any], ...], ...] = field(default=(), repr=False)  # statement_lines rows per statement

    @property
    def selected(self) -> list[StatementCandidate]:
        by_key = {c.key: c for c in self.candidates}
        return [by_key[k] for k in self.chosen]

    @property
    def total_due_cents(self) -> int:
        return sum(s.amount_due_cents for s in self.statements)


def _candidates(conn: Connection, as_of: date, settings: StatementSettings,
                balances: Mapping[str, PatientBalance]) -> list[StatementCandidate]:
    # every account of a guarantor with a balance or credit counts (pending insurance, credit); a guarantor is a
    # candidate when something is due from their patients (a share their credit covers is not)
    guarantors = {key: g for key, g in guarantors_in(conn, balances).items()
                  if any(p.account_number in balances and balances[p.account_number].amount_due_cents > 0
                         for p in g.patients)}
    last = store.last_statements(conn, list(guarantors))
    holds = holds_in(conn)
    collections = {str(r.guarantor_key) for r in store.active_collections(conn)}
    plans = plans_in(conn, guarantors, as_of)
    out: list[StatementCandidate] = []
    for key, g in guarantors.items():
        accounts = [balances[p.account_number] for p in g.patients if p.account_number in balances]
        due = sum((b.due_aging for b in accounts), NO_AGING)
        patient = sum(b.patient_cents for b in accounts)
        credit = sum(b.credit_cents for b in accounts)
        pending = sum(b.insurance_cents for b in accounts)
        last_on, sent = last.get(key, (None, 0))
        hold = holds.get(key)
        decision = decide(Candidate(due.total, last_on, hold, key in collections, g.address is not None),
                          settings, as_of)
        out.append(StatementCandidate(g, patient, credit, pending, due, last_on, sent, hold, key in collections,
                                      plans.get(key), decision))
    out.sort(key=lambda c: (c.guarantor.name.split(" ")[-1].lower(), c.guarantor.name.lower(), c.key))
    return out


# --- account ledgers of many patients ------------------------------------------------------------------------------
_PARTY_BY = {p.value: p for p in Party}
_KIND_BY = {k.value: k for k in AccountKind}
_TX_BY = {k.value: k for k in TxKind}
_NO_DECISIONS: dict[str, LineDecision] = {}


def account_ledgers_in(conn: Connection, patients: Sequence[PatientRef], as_of: date) -> dict[str, AccountLedger]:
    """patient id -> the patient's account ledger, for many patients with a query per kind of row: the same
    ledger services.account_ledger.account_ledger_in builds for one (same entries, sources and words; the
    statement tests check it), without its queries per patient (a run of 1,000 statements reads 1,000 ledgers)."""
    if not patients:
        return {}
    by_account = {p.account_number: p for p in patients}
    ids = [p.patient_id for p in patients]
    grouped: dict[str, dict[str, tuple[tuple[Any, ...], list[LedgerPosting]]]] = {}
    known: dict[str, LedgerPosting] = {}  # account code -> a posting of 0 to it: kind, party and line read once
    for row in store.ledger_postings(conn, list(by_account)):
        txs = grouped.setdefault(row[0], {})
        entry = txs.get(row[1])
        if entry is None:
            entry = txs[row[1]] = (row, [])
        k = known.get(row[8])
        if k is None:
            k = known[row[8]] = LedgerPosting.of(_KIND_BY[row[7]], row[8].split(":", 1)[1], 0)
        entry[1].append(LedgerPosting(k.kind, k.ref, row[9], k.party, k.line_id))
    adjusted = [tx for txs in grouped.values() for tx, (row, _) in txs.items() if row[2] == "adjustment"]
    extra: dict[str, list[LedgerPosting]] = {}
    for tx_id, code, amount in ledger_store.adjustment_postings(conn, adjusted):
        extra.setdefault(tx_id, []).append(LedgerPosting(AccountKind.ADJUSTMENT, code.split(":", 1)[1], amount))
    sources = _bulk_sources(conn, ids, [tx for txs in grouped.values() for tx, (row, _) in txs.items()
                                        if row[2] != "charge"])
    lines: dict[str, dict[str, LineRef]] = {}
    days: dict[str | None, date | None] = {None: None}
    for pid, line_id, encounter_id, position, procedure, m1, m2, m3, m4, cents, day in store.ledger_lines(conn, ids):
        if day not in days:
            days[day] = date.fromisoformat(day)
        code = "-".join(x for x in (procedure, m1, m2, m3, m4) if x)
        lines.setdefault(pid, {})[line_id] = LineRef(line_id, encounter_id, days[day], code, cents, position)
    payers: dict[str, dict[tuple[str, Party], str]] = {}
    for pid, encounter_id, rank, name, _at in store.ledger_payers(conn, ids):
        payers.setdefault(pid, {})[(encounter_id, _PARTY_BY[rank])] = name
    out: dict[str, AccountLedger] = {}
    for account, p in by_account.items():
        transactions = []
        for tx_id, (row, postings) in grouped.get(account, {}).items():
            on = date.fromisoformat(row[3])
            transactions.append(LedgerTransaction(tx_id, _TX_BY[row[2]], on, row[4], row[5] or "", row[6],
                                                  tuple(postings + extra.get(tx_id, [])), sources.get(tx_id)))
        out[p.patient_id] = build_account_ledger(
            patient_id=p.patient_id, account_number=account, patient_name=p.name, as_of=as_of,
            transactions=transactions, lines=lines.get(p.patient_id, {}), payers=payers.get(p.patient_id, {}))
    return out


def _bulk_sources(conn: Connection, patient_ids: Sequence[str], tx_ids: Sequence[str]) -> dict[str, Source]:
    """As services.account_ledger._sources, for many patients."""
    out: dict[str, Source] = {}
    for _pid, tx_id, number, method, ref in store.ledger_receipts(conn, patient_ids):
        out[tx_id] = Source(SourceKind.RECEIPT, f"Receipt {number} · {METHOD_LABELS[method].format(ref=ref)}",
                            method_text=METHOD_WORDS[method].format(ref=ref))
    for _pid, tx_id, method, ref, reason in store.ledger_refunds(conn, patient_ids):
        out[tx_id] = Source(SourceKind.REFUND, f"Refund · {METHOD_LABELS.get(method, method).format(ref=ref)}",
                            method_text=METHOD_WORDS.get(method, "").format(ref=ref), reason=reason)
    batches = ledger_store.batch_sources(conn, [t for t in tx_ids if t not in out])
    if not batches:
        return out
    decisions = _bulk_decisions(conn, patient_ids)
    labels: dict[str, str] = {}
    for tx_id, adjudication_id, number, payer_name, method, reference, check_date in batches:
        label = labels.get(number)
        if label is None:
            on = f" of {date_text(date.fromisoformat(check_date))}" if check_date else ""
            label = labels[number] = (f"Batch {number} · {payer_name} {BATCH_METHODS.get(method, method)} "
                                      f"{reference}{on}").strip()
        out[tx_id] = Source(SourceKind.BATCH, label, payer_name=payer_name,
                            decisions=decisions.get(adjudication_id, _NO_DECISIONS) if adjudication_id
                            else _NO_DECISIONS)
    return out


def _bulk_decisions(conn: Connection, patient_ids: Sequence[str]) -> dict[str, dict[str, LineDecision]]:
    """As services.account_ledger._decisions, for many patients."""
    rows = store.ledger_decisions(conn, patient_ids)
    adjustments: dict[str, list[tuple[str, str, int]]] = {}
    for line_adjudication_id, group, reason, amount, _id in ledger_store.decision_adjustments(
            conn, list({r[2] for r in rows})):
        adjustments.setdefault(line_adjudication_id, []).append((group, reason, amount))
    out: dict[str, dict[str, LineDecision]] = {}
    for _pid, decision_id, adjudication_id, line_id, billed, allowed, paid in rows:
        found = adjustments.get(decision_id, [])
        out.setdefault(adjudication_id, {})[line_id] = LineDecision(billed, paid, allowed, tuple(found))
    return out


# --- building one statement ------------------------------------------------------------------------------------------
def _practice_parts(conn: Connection, settings: StatementSettings) -> tuple[str, tuple[str, ...], str,
                                                                            MailingAddress]:
    practice = load_practice(conn)
    if practice is None:
        raise ServiceError("Set up the practice first: its name and address head every statement.")
    a = practice.address
    lines = tuple(x for x in (a.line1 + (f", {a.line2}" if a.line2 else ""),
                              _city_line(a.city, a.state, a.zip_code)) if x)
    phone = format_phone(settings.billing_phone or practice.phone)
    r = settings.remit_to or a
    remit = MailingAddress(settings.remit_to_name or practice.name,
                           tuple([r.line1] + ([r.line2] if r.line2 else []) + [_city_line(r.city, r.state,
                                                                                            r.zip_code)]))
    return practice.name, lines, phone, remit


def _plan_line(plan: PlanInfo | None) -> PlanLine | None:
    if plan is None or plan.standing.complete:
        return None
    s = plan.standing
    return PlanLine(plan.plan_number, plan.installment_cents, s.next_due.due_on if s.next_due else None,
                    s.next_due_cents, s.past_due_cents, len(s.missed), s.remaining_cents)


def _statement(c: StatementCandidate, as_of: date, practice: tuple[str, tuple[str, ...], str, MailingAddress],
               ledgers: Sequence[tuple[PatientRef, AccountLedger]],
               cards: tuple[str, ...]) -> tuple[StatementData, list[dict[str, Any]]]:
    """The statement of one guarantor from its patients' ledgers, and its statement_lines rows (without
    statement ids)."""
    g = c.guarantor
    visits: list[tuple[PatientRef, Any]] = []
    for p, led in ledgers:
        visits.extend((p, v) for v in visit_summaries(led.entries, as_of))
    visits.sort(key=lambda pv: (pv[1].date_of_service or date.max, pv[0].name, pv[1].encounter_id))
    since = since_date(c.last_statement_on, [v.date_of_service for _p, v in visits])
    activity: list[tuple[PatientRef, Any]] = []
    for p, led in ledgers:
        activity.extend((p, e) for e in led.entries if (since is None or e.on > since) and e.on <= as_of)
    activity.sort(key=lambda pe: (pe[1].on, pe[0].name))
    lines: list[dict[str, Any]] = []
    activity_lines = []
    for p, e in activity:
        change = e.total_change
        activity_lines.append(ActivityLine(e.on, p.name, e.words, max(change, 0), max(-change, 0)))
        lines.append({"kind": "activity", "on_date": e.on, "patient_id": p.patient_id,
                      "encounter_id": e.line.encounter_id if e.line else None, "transaction_id": e.transaction_id,
                      "description": e.words, "charge_cents": max(change, 0), "credit_cents": max(-change, 0)})
    visit_lines = []
    for p, v in visits:
        services = ", ".join(v.codes)
        visit_lines.append(VisitLine(v.date_of_service, p.name, services, v.charges, v.insurance_paid, v.adjusted,
                                     v.patient_paid, v.pending_insurance, v.patient_share))
        lines.append({"kind": "visit", "on_date": v.date_of_service, "patient_id": p.patient_id,
                      "encounter_id": v.encounter_id, "transaction_id": None, "description": services,
                      "charge_cents": v.charges, "credit_cents": v.insurance_paid + v.adjusted + v.patient_paid,
                      "pending_cents": v.pending_insurance, "patient_cents": v.patient_share})
    level = dunning_level(c.due_aging, c.statements_sent)
    standing = c.plan.standing if c.plan is not None else None
    name, practice_lines, phone, remit = practice
    assert g.address is not None  # decide() refuses a guarantor without one
    data = StatementData(
        practice_name=name, practice_lines=practice_lines, practice_phone=phone, remit_to=remit,
        guarantor=g.address, account_number=g.account_number, statement_date=as_of, since=since,
        first_statement=c.last_statement_on is None,
        patients=tuple((p.name, p.account_number) for p, _led in ledgers),
        activity=tuple(activity_lines), visits=tuple(visit_lines), aging=c.due_aging.buckets,
        patient_balance_cents=c.patient_cents, credit_cents=c.credit_cents,
        pending_insurance_cents=c.pending_insurance_cents, amount_due_cents=c.amount_due_cents,
        pay_now_cents=c.pay_now_cents, message=dunning_message(level, standing), plan=_plan_line(c.plan),
        cards=cards)
    return data, lines


def preview_in(ws: Workstation, conn: Connection, as_of: date, exclude: Iterable[str] = (),
               only: Iterable[str] | None = None) -> RunPreview:
    settings = load_statement_settings(conn)
    balances = balances_in(conn, as_of)
    candidates = _candidates(conn, as_of, settings, balances)
    skip = set(exclude)
    wanted = set(only) if only is not None else None
    chosen = [c for c in candidates if c.selected and c.key not in skip and (wanted is None or c.key in wanted)]
    practice = _practice_parts(conn, settings) if chosen else ("", (), "", MailingAddress("", ()))
    on_statements = [p for c in chosen for p in c.guarantor.patients if p.account_number in balances]
    ledgers = account_ledgers_in(conn, on_statements, as_of)
    built = [_statement(c, as_of, practice, [(p, ledgers[p.patient_id]) for p in c.guarantor.patients
                                             if p.patient_id in ledgers], settings.cards) for c in chosen]
    return RunPreview(as_of, settings, tuple(candidates), tuple(d for d, _ in built), tuple(c.key for c in chosen),
                      tuple(tuple(lines) for _, lines in built))


def preview_run(ws: Workstation, as_of: date | None = None, exclude: Iterable[str] = (),
                only: Iterable[str] | None = None) -> RunPreview:
    """Who would get a statement dated `as_of` (today when not given), who would not and why, and each chosen
    guarantor's statement. `exclude` leaves guarantors out by key; `only` keeps just these. Writes nothing but
    one audit entry (the preview shows patients' balances)."""
    ws.require(STATEMENT_PERMISSION)
    day = as_of or ws.today()
    with ws.write() as conn:
        preview = preview_in(ws, conn, day, exclude, only)
        ws.audit(conn, AuditAction.VIEW, "statement_run", "preview",
                 {"as_of": day.isoformat(), "candidates": len(preview.candidates),
                  "chosen": len(preview.chosen)})
    return preview


def run_pdf(preview: RunPreview) -> bytes:
    """The run's statements as one PDF (what is printed or saved)."""
    if not preview.statements:
        raise ServiceError("No statement is due in this run: nobody meets the rules (see each account's reason).")
    return render_statements(preview.statements, f"Patient statements of {format_date(preview.as_of)}")


# --- recording what was sent -----------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RunRecord:
    run_id: str
    run_number: str
    as_of: date
    statement_count: int
    total_due_cents: int
    pdf_sha256: str
    sent_via: str
    destination: str


SENT_VIA = ("print", "pdf", "cli")


def _snapshot(data: StatementData) -> str:
    return json.dumps(to_json(data), sort_keys=True, separators=(",", ":"))


def _table(name: str, rows: list[dict[str, Any]], leave_out: tuple[str, ...]) -> dict[str, Any]:
    """Rows of one table as {<name>_columns: [...], <name>_rows: [[...], ...]} (dates as ISO text)."""
    columns = [k for k in rows[0] if k not in leave_out] if rows else []
    return {f"{name}_columns": columns,
            f"{name}_rows": [[v.isoformat() if isinstance(v, date) else v for v in (r.get(k) for k in columns)]
                             for r in rows]}


def record_run_in(ws: Workstation, conn: Connection, preview: RunPreview, pdf: bytes, sent_via: str,
                  destination: str = "") -> RunRecord:
    if sent_via not in SENT_VIA:
        raise ServiceError(f"A run is sent by print, pdf or cli, not {sent_via!r}.")
    if not preview.statements:
        raise ServiceError("There is no statement in this run to record.")
    actor = ws.signed_in()
    at = ws.now_iso()
    run_id = new_id()
    number = next_number(conn, "statement_run")
    digest = hashlib.sha256(pdf).hexdigest()
    total = preview.total_due_cents
    store.insert_run(conn, id=run_id, run_number=number, as_of=preview.as_of, created_at=at,
                     created_by=actor.username, sent_via=sent_via, destination=destination[:200],
                     minimum_balance_cents=preview.settings.minimum_balance_cents,
                     days_between=preview.settings.days_between, statement_count=len(preview.statements),
                     total_due_cents=total, pdf_sha256=digest)
    by_key = {c.key: c for c in preview.candidates}
    rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    for position, (key, data) in enumerate(zip(preview.chosen, preview.statements, strict=True), start=1):
        c = by_key[key]
        statement_id = new_id()
        snapshot = _snapshot(data)
        a = data.aging
        rows.append({"id": statement_id, "run_id": run_id, "position": position, "guarantor_key": key,
                     "guarantor_account": data.account_number, "guarantor_name": c.guarantor.name,
                     "as_of": preview.as_of, "since": data.since, "amount_due_cents": data.amount_due_cents,
                     "pending_insurance_cents": data.pending_insurance_cents, "credit_cents": data.credit_cents,
                     "aged_current_cents": a[0], "aged_31_60_cents": a[1], "aged_61_90_cents": a[2],
                     "aged_91_120_cents": a[3], "aged_over_120_cents": a[4], "pay_now_cents": data.pay_now_cents,
                     "dunning_level": dunning_level(c.due_aging, c.statements_sent).value, "snapshot": snapshot,
                     "snapshot_sha256": hashlib.sha256(snapshot.encode()).hexdigest()})
        lines = preview.lines[position - 1] if position - 1 < len(preview.lines) else ()
        for n, line in enumerate(lines, start=1):
            line_rows.append({"pending_cents": 0, "patient_cents": 0, **line, "id": new_id(),
                              "statement_id": statement_id, "position": n})
    store.insert_statements(conn, rows, line_rows)
    # one entry for the print job (or the file), naming every account it carried
    ws.audit(conn, AuditAction.PRINT if sent_via == "print" else AuditAction.EXPORT, "statement_run", run_id,
             {"run": number, "as_of": preview.as_of.isoformat(), "sent_via": sent_via, "destination": destination,
              "statements": len(rows), "accounts": [r["guarantor_account"] for r in rows]})
    # the run whole, as stored (services.sync_apply_plans writes the same rows on the other workstations, so a
    # reprint there is byte-identical): the statements and their lines as columns and rows, dates as ISO text
    ws.emit(conn, "statement_run.sent", "statement_run", run_id, {
        "run_number": number, "as_of": preview.as_of.isoformat(), "sent_via": sent_via, "created_at": at,
        "created_by": actor.username, "destination": destination[:200],
        "minimum_balance_cents": preview.settings.minimum_balance_cents,
        "days_between": preview.settings.days_between, "statement_count": len(rows), "total_due_cents": total,
        "pdf_sha256": digest,
        "statements": [{"guarantor_key": r["guarantor_key"], "account": r["guarantor_account"],
                        "amount_due_cents": r["amount_due_cents"]} for r in rows],
        **_table("statement", rows, ("run_id",)), **_table("line", line_rows, ())})
    return RunRecord(run_id, number, preview.as_of, len(rows), total, digest, sent_via, destination)


def record_run(ws: Workstation, preview: RunPreview, pdf: bytes, sent_via: str, destination: str = "") -> RunRecord:
    """The run was printed (or saved): record each statement as sent, with its snapshot. `pdf` is what went out
    (its sha256 is kept; a reprint of the run gives the same bytes)."""
    ws.require(STATEMENT_PERMISSION)
    with ws.write() as conn:
        return record_run_in(ws, conn, preview, pdf, sent_via, destination)


def save_run(ws: Workstation, preview: RunPreview, path: Path) -> RunRecord:
    """Save the run's PDF to `path` (0600, atomically) and record it as sent, in one go: a file that can't be
    written records nothing."""
    ws.require(STATEMENT_PERMISSION)
    pdf = run_pdf(preview)
    with ws.write() as conn:
        record = record_run_in(ws, conn, preview, pdf, "pdf", Path(path).name)
        atomic_write(Path(path), pdf)
    return record


@dataclass(frozen=True, slots=True)
class RunResult:
    preview: RunPreview
    record: RunRecord | None  # None for a dry run
    path: Path | None


def run_statements(ws: Workstation, as_of: date | None = None, out: Path | None = None,
                   dry_run: bool = False) -> RunResult:
    """The command line's run: choose, render, write the PDF to `out` (0600, atomically) and record the run as
    sent. A dry run records nothing (the PDF is still written when `out` is given, to look at). When nobody is
    due a statement, nothing is written or recorded (`record` and `path` are None)."""
    ws.require(STATEMENT_PERMISSION)
    day = as_of or ws.today()
    if out is None and not dry_run:
        raise ServiceError("Say where to save the statements (--out FILE.pdf): a run is recorded as sent once "
                           "its PDF exists.", "out")
    if dry_run:
        preview = preview_run(ws, day)
        if out is not None and preview.statements:
            atomic_write(out, run_pdf(preview))
        return RunResult(preview, None, out if out is not None and preview.statements else None)
    assert out is not None
    with ws.write() as conn:
        preview = preview_in(ws, conn, day)
        if not preview.statements:  # nobody is due: nothing to write or record
            ws.audit(conn, AuditAction.VIEW, "statement_run", "preview",
                     {"as_of": day.isoformat(), "candidates": len(preview.candidates), "chosen": 0})
            return RunResult(preview, None, None)
        pdf = run_pdf(preview)
        record = record_run_in(ws, conn, preview, pdf, "cli", out.name)
        atomic_write(out, pdf)  # inside the transaction: a file that can't be written records nothing
    return RunResult(preview, record, out)


# --- history and reprints --------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RunSummary:
    run_id: str
    run_number: str
    as_of: date
    created_at: str
    created_by: str
    sent_via: str
    destination: str
    statement_count: int
    total_due_cents: int


@dataclass(frozen=True, slots=True)
class SentStatement:
    statement_id: str
    run_id: str
    run_number: str
    guarantor_key: str
    guarantor_account: str
    guarantor_name: str
    as_of: date
    amount_due_cents: int
    pending_insurance_cents: int
    pay_now_cents: int
    aging: tuple[int, int, int, int, int]
    dunning_level: DunningLevel


def _run_summary(r: Row[Any]) -> RunSummary:
    return RunSummary(r.id, r.run_number, store.as_date(r.as_of) or date.min, r.created_at, r.created_by,
                      r.sent_via, r.destination, int(r.statement_count), int(r.total_due_cents))


def _sent(r: Row[Any], run_number: str) -> SentStatement:
    return SentStatement(r.id, r.run_id, run_number, r.guarantor_key, r.guarantor_account, r.guarantor_name,
                         store.as_date(r.as_of) or date.min, int(r.amount_due_cents),
                         int(r.pending_insurance_cents), int(r.pay_now_cents),
                         (int(r.aged_current_cents), int(r.aged_31_60_cents), int(r.aged_61_90_cents),
                          int(r.aged_91_120_cents), int(r.aged_over_120_cents)), DunningLevel(r.dunning_level))


def list_runs(ws: Workstation) -> list[RunSummary]:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return [_run_summary(r) for r in store.list_runs(conn)]


def run_statements_list(ws: Workstation, run_id: str) -> list[SentStatement]:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        run = store.get_run(conn, run_id)
        if run is None:
            raise ServiceError("That statement run no longer exists.", "run")
        return [_sent(r, run.run_number) for r in store.statements_of_run(conn, run_id)]


def statement_history(ws: Workstation, account_number: str) -> tuple[GuarantorInfo, list[SentStatement]]:
    """The statements sent to the guarantor of a patient account, newest first."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        g = guarantor_for_account(conn, account_number)
        return g, [_sent(r, r.run_number) for r in store.statements_of_guarantor(conn, g.key)]


def reprint_statement(ws: Workstation, statement_id: str) -> bytes:
    """The statement exactly as it was sent (rendered again from its snapshot); recorded as a print."""
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.write() as conn:
        row = store.get_statement(conn, statement_id)
        if row is None:
            raise ServiceError("That statement no longer exists.", "statement")
        data = from_json(json.loads(row.snapshot))
        ws.audit(conn, AuditAction.PRINT, "statement", statement_id,
                 {"what": "reprint", "account": row.guarantor_account})
    return render_statement(data)


def reprint_run(ws: Workstation, run_id: str) -> bytes:
    """Every statement of a run as sent, in one PDF: the same bytes as the run's (its sha256 matches)."""
    ws.require(STATEMENT_PERMISSION)
    with ws.write() as conn:
        run = store.get_run(conn, run_id)
        if run is None:
            raise ServiceError("That statement run no longer exists.", "run")
        rows = store.statements_of_run(conn, run_id)
        data = [from_json(json.loads(r.snapshot)) for r in rows]
        ws.audit(conn, AuditAction.PRINT, "statement_run", run_id,
                 {"what": "reprint", "run": run.run_number, "statements": len(rows)})
    return render_statements(data, f"Patient statements of {format_date(store.as_date(run.as_of) or date.min)}")


def run_sha256(ws: Workstation, run_id: str) -> str:
    with ws.read() as conn:
        run = store.get_run(conn, run_id)
        if run is None:
            raise ServiceError("That statement run no longer exists.", "run")
        return str(run.pdf_sha256)


def statement_pdf(ws: Workstation, preview: RunPreview, key: str) -> bytes:
    """One chosen guarantor's statement from a preview (to look at before the run is printed)."""
    ws.require(STATEMENT_PERMISSION)
    for k, data in zip(preview.chosen, preview.statements, strict=True):
        if k == key:
            return render_statement(data)
    raise DomainError("That guarantor gets no statement in this run.", "guarantor")


# --- holds -----------------------------------------------------------------------------------------------------------
MAX_REASON = 200


def _reason(text: str, what: str) -> str:
    why = " ".join(text.split())
    if not why:
        raise DomainError(f"Say why the account is {what}; the reason is kept with it.", "reason")
    if len(why) > MAX_REASON:
        raise DomainError(f"Keep the reason to {MAX_REASON} characters.", "reason")
    return why


def hold_statements(ws: Workstation, account_number: str, reason: str, until: date | None = None) -> GuarantorInfo:
    """Keep statements from going to the guarantor of this account, until a day or until released."""
    ws.require(STATEMENT_PERMISSION)
    why = _reason(reason, "on hold")
    if until is not None and until <= ws.today():
        raise DomainError("A hold lasts until a day after today; leave the day empty to hold until released.",
                          "until")
    with ws.write() as conn:
        g = guarantor_for_account(conn, account_number)
        at, by = ws.now_iso(), ws.signed_in().username
        store.release_holds(conn, g.key, at, by)  # one hold at a time
        hold_id = new_id()
        store.insert_hold(conn, id=hold_id, guarantor_key=g.key, guarantor_account=g.account_number, reason=why,
                          hold_until=until, created_at=at, created_by=by)
        detail = {"op": "hold", "account": g.account_number, "reason": why,
                  "until": until.isoformat() if until else None}
        ws.audit(conn, AuditAction.CHANGE, "statement_hold", hold_id, detail)
        ws.emit(conn, "statements.held", "statement_hold", hold_id,
                {"guarantor_key": g.key, **detail, "created_at": at, "created_by": by})
    return g


def release_hold(ws: Workstation, account_number: str) -> GuarantorInfo:
    ws.require(STATEMENT_PERMISSION)
    with ws.write() as conn:
        g = guarantor_for_account(conn, account_number)
        held = [h.id for h in store.active_holds(conn) if h.guarantor_key == g.key]
        at, by = ws.now_iso(), ws.signed_in().username
        if not store.release_holds(conn, g.key, at, by):
            raise DomainError(f"Statements to {g.name} (account {g.account_number}) are not on hold.", "account")
        ws.audit(conn, AuditAction.CHANGE, "statement_hold", g.key, {"op": "release", "account": g.account_number})
        for hold_id in held:  # (each hold is its own entity at the server: its release is one of its fields)
            ws.emit(conn, "statements.released", "statement_hold", hold_id,
                    {"guarantor_key": g.key, "account": g.account_number, "released_at": at, "released_by": by})
    return g


@dataclass(frozen=True, slots=True)
class HoldRecord:
    guarantor_key: str
    guarantor_account: str
    reason: str
    until: date | None
    created_at: str
    created_by: str


def list_holds(ws: Workstation) -> list[HoldRecord]:
    ws.require(Permission.VIEW_ACCOUNTS)
    with ws.read() as conn:
        return [HoldRecord(r.guarantor_key, r.guarantor_account, r.reason, store.as_date(r.hold_until),
                           r.created_at, r.created_by) for r in store.active_holds(conn)]


def aging_json(buckets: Sequence[int]) -> dict[str, int]:
    """{'current': .., '31_60': .., '61_90': .., '91_120': .., 'over_120': ..}"""
    return dict(zip(AGING_KEYS, buckets, strict=True))


__all__ = [
    "GuarantorInfo", "HoldRecord", "PatientBalance", "PatientRef", "PlanInfo", "RunPreview", "RunRecord",
    "RunResult", "RunSummary", "SentStatement", "StatementCandidate", "aging_json", "balances_in",
    "get_statement_settings", "guarantor_for_account", "hold_statements", "list_holds", "list_runs",
    "patient_balances", "preview_run", "record_run", "release_hold", "reprint_run", "reprint_statement",
    "run_pdf", "run_statements", "run_statements_list", "save_run", "save_statement_settings", "statement_history",
    "statement_pdf",
]
