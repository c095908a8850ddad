"""`medbill reports ...`: the A/R reports from the command line.

    medbill reports aging [--kind insurance|patient] [--by payer|provider|guarantor] [--as-of DATE] [--claims]
                          [--json] [--out FILE.csv|FILE.pdf]
    medbill reports kpi [--as-of DATE] [--days 90] [--json] [--out FILE.csv|FILE.pdf]
    medbill reports daysheet [--from DATE] [--to DATE] [--json] [--out FILE.csv|FILE.pdf]

`aging` without --kind shows both insurance (by payer) and patient (by guarantor) aging; --claims adds the claims
or visits behind each row. Amounts in JSON are integer cents; dates ISO (YYYY-MM-DD); rates 0..1 or null.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from medbill_desktop.cli.common import CliContext, CliError, add_json, emit
from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.reports import (
    AGING_GROUPS,
    BUCKET_LABELS,
    AgingBy,
    AgingItem,
    AgingKind,
    AgingReport,
    Buckets,
    DenialCount,
    Kpis,
    aging_table,
    date_words,
    day_sheet_table,
    kpi_table,
)
from medbill_desktop.services import reports
from medbill_desktop.services.errors import USER_FACING

Command = Callable[[argparse.Namespace, CliContext], int]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD") from None


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    r = sub.add_parser("reports", help="A/R aging, key figures and the day sheet")
    actions = r.add_subparsers(dest="reports_command", metavar="REPORT", required=True)

    a = actions.add_parser("aging", help="A/R aging of insurance and patient balances")
    a.add_argument("--kind", choices=[k.value for k in AgingKind], help="insurance or patient (default: both)")
    a.add_argument("--by", choices=[b.value for b in AgingBy],
                   help="group by payer or provider (insurance), guarantor or provider (patient)")
    a.add_argument("--as-of", type=_date, metavar="DATE", help="age balances as of this day (default: today)")
    a.add_argument("--claims", action="store_true", help="list the claims (or visits) behind each row")
    a.add_argument("--out", type=Path, metavar="FILE", help="also save the report as .csv or .pdf (one --kind)")
    add_json(a)
    a.set_defaults(run=_guard(cmd_aging))

    k = actions.add_parser("kpi", help="days in A/R, denial rates, first-pass rate, net collection rate, A/R > 90")
    k.add_argument("--as-of", type=_date, metavar="DATE", help="the period's last day (default: today)")
    k.add_argument("--days", type=int, default=reports.DEFAULT_PERIOD_DAYS, help="the period in days (default 90)")
    k.add_argument("--out", type=Path, metavar="FILE", help="also save the figures as .csv or .pdf")
    add_json(k)
    k.set_defaults(run=_guard(cmd_kpi))

    d = actions.add_parser("daysheet", help="charges, payments and adjustments by day posted and user")
    d.add_argument("--from", dest="start", type=_date, metavar="DATE", help="first day (default: today)")
    d.add_argument("--to", dest="end", type=_date, metavar="DATE", help="last day (default: the first)")
    d.add_argument("--out", type=Path, metavar="FILE", help="also save the day sheet as .csv or .pdf")
    add_json(d)
    d.set_defaults(run=_guard(cmd_daysheet))


def _guard(fn: Command) -> Command:
    def run(args: argparse.Namespace, ctx: CliContext) -> int:
        try:
            return int(fn(args, ctx))
        except USER_FACING as exc:
            raise CliError(str(exc)) from None
    return run


# --- aging ---------------------------------------------------------------------------------------------------------
def _buckets(b: Buckets) -> dict[str, int]:
    return b.as_dict()


def _item_json(i: AgingItem) -> dict[str, Any]:
    return {"claim": i.claim_number or None, "claim_id": i.claim_id or None, "encounter_id": i.encounter_id or None,
            "account": i.account_number, "patient": i.patient_name, "payer": i.payer_name or None,
            "provider": i.provider_name or None, "party": i.party.value,
            "date_of_service": i.date_of_service.isoformat() if i.date_of_service else None,
            "age_days": i.age_days, "bucket": i.bucket_label, "balance": i.cents, "lines": i.lines}


def aging_json(report: AgingReport, items: dict[str, list[AgingItem]] | None = None) -> dict[str, Any]:
    patient = report.kind is AgingKind.PATIENT
    rows = []
    for r in report.rows:
        row: dict[str, Any] = {"key": r.key, "label": r.label, "buckets": _buckets(r.buckets), "total": r.total,
                               ("visits" if patient else "claims"): r.claims}
        if patient and report.by is AgingBy.GUARANTOR:
            row |= {"account": r.account or None, "credit": r.credit, "patients": r.detail}
        if items is not None:
            row["items"] = [_item_json(i) for i in items.get(r.key, [])]
        rows.append(row)
    out: dict[str, Any] = {"by": report.by.value, "rows": rows, "totals": _buckets(report.totals),
                           "total": report.total, ("visits" if patient else "claims"): report.claims}
    if patient:
        out["credit"] = report.credit
    return out


def _aging_lines(report: AgingReport, items: dict[str, list[AgingItem]] | None) -> list[str]:
    width = max([len(r.label) for r in report.rows] + [len(report.by.label), 5])
    width = min(width, 40)
    head = f"{report.by.label:<{width}}" + "".join(f"  {label:>13}" for label in BUCKET_LABELS) + f"  {'Total':>13}"
    out = [f"{report.kind.label} A/R aging by {report.by.label.lower()} — as of {date_words(report.as_of)}", "",
           head, "-" * len(head)]
    for r in report.rows:
        out.append(f"{r.label[:width]:<{width}}" + "".join(f"  {format_cents(c):>13}" for c in r.buckets.cents)
                   + f"  {format_cents(r.total):>13}")
        for i in (items or {}).get(r.key, []):
            out.append(f"    {i.claim_number or '(no claim)':<12} {i.patient_name[:24]:<24} "
                       f"{i.date_of_service.isoformat() if i.date_of_service else '':<10} {i.age_days:>4} d "
                       f"{format_cents(i.cents):>12}")
    if not report.rows:
        out.append("Nothing owed.")
    out += ["-" * len(head), f"{'Total':<{width}}" + "".join(f"  {format_cents(c):>13}" for c in report.totals.cents)
            + f"  {format_cents(report.total):>13}"]
    if report.kind is AgingKind.PATIENT:
        out.append(f"Credit left over on accounts: {format_cents(report.credit)}")
    return out


def cmd_aging(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    kinds = [AgingKind(args.kind)] if args.kind else list(AgingKind)
    if args.by and not args.kind:
        kinds = [k for k in AgingKind if AgingBy(args.by) in AGING_GROUPS[k]]
    if args.out and len(kinds) != 1:
        raise CliError("Saving a report (--out) takes one --kind: insurance or patient.")
    data: dict[str, Any] = {}
    lines: list[str] = []
    for kind in kinds:
        by = AgingBy(args.by) if args.by else AGING_GROUPS[kind][0]
        report = reports.aging(ws, kind, by, args.as_of)
        items = None
        if args.claims:
            items = {}
            for item in reports.aging_claims(ws, kind, by, None, report.as_of):
                items.setdefault(item.group, []).append(item)
        data["as_of"] = report.as_of.isoformat()
        data[kind.value] = aging_json(report, items)
        lines += [*(_aging_lines(report, items)), ""]
        if args.out:
            saved = reports.export(ws, aging_table(report), args.out)
            lines.append(f"Saved {saved}")
            data["saved"] = str(saved)
    emit(args, data, lines)
    return 0


# --- key figures ---------------------------------------------------------------------------------------------------
def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _count_json(c: DenialCount) -> dict[str, Any]:
    return {"key": c.key, "label": c.label, "adjudicated": c.adjudicated, "denied": c.denied,
            "denied_billed": c.denied_cents, "rate": _rate(c.rate)}


def kpi_json(k: Kpis) -> dict[str, Any]:
    return {
        "as_of": k.as_of.isoformat(), "period": {"start": k.period_start.isoformat(), "end": k.as_of.isoformat(),
                                                 "days": k.period_days},
        "days_in_ar": None if k.days_in_ar is None else round(k.days_in_ar, 1),
        "denial_rate": _rate(k.denial_rate), "first_pass_rate": _rate(k.first_pass_rate),
        "net_collection_rate": _rate(k.net_collection_rate), "ar_over_90_share": _rate(k.share_over_90),
        "ar": {"total": k.ar_cents, "insurance": _buckets(k.insurance_ar), "patient": _buckets(k.patient_ar)},
        "charges": k.charges_cents, "payments": k.payments_cents, "contractual_adjustments": k.contractual_cents,
        "adjudicated": k.adjudicated, "denied": k.denied, "first_adjudicated": k.first_adjudicated,
        "first_pass": k.first_pass,
        "denials_by_payer": [_count_json(c) for c in k.by_payer],
        "denials_by_reason": [_count_json(c) for c in k.by_reason],
    }


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def cmd_kpi(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    k = reports.kpis(ws, args.as_of, args.days)
    dar = k.days_in_ar
    lines = [f"Key figures {date_words(k.period_start)} to {date_words(k.as_of)} ({k.period_days} days)", "",
             f"Days in A/R               {'—' if dar is None else f'{dar:.1f}'}",
             f"Denial rate               {_pct(k.denial_rate)}  ({k.denied} of {k.adjudicated} adjudicated)",
             f"First-pass rate           {_pct(k.first_pass_rate)}  ({k.first_pass} of {k.first_adjudicated})",
             f"Net collection rate       {_pct(k.net_collection_rate)}",
             f"A/R over 90 days          {_pct(k.share_over_90)}  of {format_cents(k.ar_cents)}"]
    if k.by_payer:
        lines += ["", "Denial rate by payer:"] + [f"  {c.label[:34]:<34} {_pct(c.rate):>7}  ({c.denied} of "
                                                 f"{c.adjudicated})" for c in k.by_payer]
    if k.by_reason:
        lines += ["", "Denials by reason:"] + [f"  {c.key:<8} {_pct(c.rate):>7}  {c.denied:>5}  {c.label[:60]}"
                                              for c in k.by_reason]
    data = kpi_json(k)
    if args.out:
        saved = reports.export(ws, kpi_table(k), args.out)
        lines.append(f"Saved {saved}")
        data["saved"] = str(saved)
    emit(args, data, lines)
    return 0


# --- the day sheet -------------------------------------------------------------------------------------------------
def cmd_daysheet(args: argparse.Namespace, ctx: CliContext) -> int:
    ws = ctx.workstation()
    sheet = reports.day_sheet(ws, args.start, args.end)
    rows = [{"day": r.day.isoformat(), "user": r.user, "entries": r.transactions, "charges": r.charges,
             "insurance_payments": r.insurance_payments, "patient_payments": r.patient_payments,
             "adjustments": r.adjustments, "refunds": r.refunds} for r in sheet.rows]
    t = sheet.totals
    data: dict[str, Any] = {
        "from": sheet.start.isoformat(), "to": sheet.end.isoformat(), "rows": rows,
        "totals": {"entries": t.transactions, "charges": t.charges, "insurance_payments": t.insurance_payments,
                   "patient_payments": t.patient_payments, "adjustments": t.adjustments, "refunds": t.refunds}}
    head = f"{'Day':<10}  {'User':<22}  {'Entries':>7}  {'Charges':>12}  {'Ins. paid':>12}  {'Pt. paid':>12}  " \
           f"{'Adjusted':>12}  {'Refunds':>10}"
    lines = [f"Day sheet {date_words(sheet.start)} to {date_words(sheet.end)}", "", head, "-" * len(head)]
    for r in [*sheet.rows, t]:
        day = "" if r is t else r.day.isoformat()
        lines.append(f"{day:<10}  {r.user[:22]:<22}  {r.transactions:>7}  {format_cents(r.charges):>12}  "
                     f"{format_cents(r.insurance_payments):>12}  {format_cents(r.patient_payments):>12}  "
                     f"{format_cents(r.adjustments):>12}  {format_cents(r.refunds):>10}")
    if args.out:
        saved = reports.export(ws, day_sheet_table(sheet.rows, sheet.start, sheet.end), args.out)
        lines.append(f"Saved {saved}")
        data["saved"] = str(saved)
    emit(args, data, lines)
    return 0
