"""Set-up for the 835 import tests: claims submitted to Aetna (electronic, payer id 60054) in a test
workstation, and our own 835s written out as text around them.

An 835 body is the segments between ST and SE, one per line, with the claim numbers and dates of service
as {placeholders} (claim numbers are made by the workstation, so the text is filled in per test):

    body = '''
    BPR*I*140.00*C*ACH*CCP*01*111000025*DA*123456*1512345678**01*222000111*DA*98765*20261105~
    TRN*1*EFT1001*1512345678~
    ...
    CLP*{a}*1*140*140**12*AET0001*11*1~
    SVC*HC:99213*125*125**1~
    DTM*472*{dos}~
    '''
    text = interchange(body.format(a=claim.number, dos=claim.dos8))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from claims_support import CLEARINGHOUSE
from front_desk_support import Desk
from sqlalchemy import func, select

from medbill_desktop.domain.ids import human_number, new_id
from medbill_desktop.domain.ledger import Party, receivable
from medbill_desktop.services import claims, encounters, reference_data
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import tables

ISA = "ISA*00*          *00*          *ZZ*AETNA          *ZZ*RIVER01        *261105*0915*^*00501*000000901*0*P*:~"


def interchange(*bodies: str, control: str = "000000901") -> str:
    """Wrap transaction bodies (the segments between ST and SE, one per line) in ISA/GS/ST/SE/GE/IEA."""
    out = [ISA.replace("000000901", control), "GS*HP*AETNA*RIVER01*20261105*0915*901*X*005010X221A1~"]
    for i, body in enumerate(bodies, 1):
        segs = [s.strip() for s in body.strip().splitlines() if s.strip()]
        out.append(f"ST*835*{i:04d}~")
        out.extend(segs)
        out.append(f"SE*{len(segs) + 2}*{i:04d}~")
    out += [f"GE*{len(bodies)}*901~", f"IEA*1*{control}~"]
    return "\n".join(out) + "\n"


def header(paid: str, trace: str, method: str = "ACH", pay_date: str = "20261105") -> str:
    """BPR/TRN/payer (Aetna, REF*2U 60054)/payee and the LX that opens the claims."""
    return (f"BPR*I*{paid}*C*{method}*CCP*01*111000025*DA*123456*1512345678**01*222000111*DA*98765*{pay_date}~\n"
            f"TRN*1*{trace}*1512345678~\n"
            "DTM*405*20261104~\n"
            "N1*PR*AETNA~\n"
            "N3*PO BOX 981106~\n"
            "N4*EL PASO*TX*799981106~\n"
            "REF*2U*60054~\n"
            "PER*BL*PROVIDER SERVICES*TE*8005551212~\n"
            "N1*PE*RIVERSIDE FAMILY MEDICINE PC*XX*1234567893~\n"
            "LX*1~\n")


@dataclass(frozen=True)
class Submitted:
    number: str  # the claim number (CLP01)
    dos: date
    line_ids: tuple[str, ...]
    account: str  # the patient's account number
    lines: tuple[tuple[str, int], ...] = (("99213", 12500), ("36415", 1500))  # code, charge

    @property
    def dos8(self) -> str:
        return self.dos.strftime("%Y%m%d")


def _letters(n: int) -> str:
    out = ""
    while True:
        out = chr(97 + n % 26) + out
        n //= 26
        if not n:
            return out


def submitted_claims(desk: Desk, count: int, *, lines: tuple[tuple[str, int], ...] = (("99213", 12500),
                                                                                       ("36415", 1500)),
                     secondary: bool = False, last: str = "Payne") -> list[Submitted]:
    """`count` new claims to Aetna (one patient each, with Medicare as secondary when asked), exported as one
    837P: they are submitted. The secondary claims stay drafts."""
    ws = desk.ws
    claims.save_clearinghouse(ws, CLEARINGHOUSE, "T")
    if secondary and not desk.medicare.edi_id:  # the 837P names the other payer by its payer id
        desk.medicare = reference_data.save_payer(ws, replace(desk.medicare, edi_id="00952"))
    made: list[Submitted] = []
    for n in range(count):
        p = desk.patient(f"{last}{_letters(n)}", first="Pat")
        desk.insure(p, desk.aetna, *((desk.medicare,) if secondary else ()))
        e = encounters.save_encounter(ws, desk.encounter(p, lines=lines))
        done = encounters.finalize_encounter(ws, e.id)
        primary = next(c for c in done.claims if c.rank is Party.PRIMARY)
        made.append(Submitted(primary.claim_number, e.date_of_service, tuple(line.id for line in e.lines),
                              p.account_number, lines))
    claims.export_837(ws, [m.number for m in made], Path(ws.path).parent / f"out-{made[0].number}.837")
    return made


def status_of(ws: Workstation, number: str) -> str:
    return next(c.status.value for c in claims.list_claims(ws) if c.claim_number == number)


def balance(ws: Workstation, claim: Submitted, line: int, party: Party) -> int:
    key = receivable(claim.line_ids[line], party, claim.account)
    with ws.read() as conn:
        return int(conn.execute(
            select(func.coalesce(func.sum(tables.ledger_postings.c.amount_cents), 0))
            .join(tables.ledger_accounts, tables.ledger_accounts.c.id == tables.ledger_postings.c.account_id)
            .where(tables.ledger_accounts.c.code == key.code)).scalar_one())


def row_counts(ws: Workstation) -> dict[str, int]:
    """Rows in every table payment posting writes to."""
    names = ("payment_batches", "remittance_files", "claim_adjudications", "line_adjudications",
             "adjudication_adjustments", "provider_adjustments", "batch_transactions", "denials",
             "ledger_transactions", "ledger_postings", "claim_state_history")
    with ws.read() as conn:
        return {n: int(conn.execute(select(func.count()).select_from(getattr(tables, n))).scalar_one())
                for n in names}


def batch_account_sums(ws: Workstation) -> dict[str, tuple[int, int]]:
    """Per posted batch: (its amount, the sum of its batch account's postings)."""
    with ws.read() as conn:
        out = {}
        for b in conn.execute(select(tables.payment_batches)):
            total = conn.execute(
                select(func.coalesce(func.sum(tables.ledger_postings.c.amount_cents), 0))
                .join(tables.ledger_accounts, tables.ledger_accounts.c.id == tables.ledger_postings.c.account_id)
                .where(tables.ledger_accounts.c.code == f"payment_batch:{b.id}")).scalar_one()
            out[b.batch_number] = (int(b.amount_cents), int(total))
        return out


# --- many claims fast: clones of claims made through the services ----------------------------------------------
def clone_claims(ws: Workstation, templates: Sequence[Submitted], count: int) -> list[Submitted]:
    """`count` more submitted claims, a transaction per 1,000, each a copy of one of the templates (in turn):
    a new finalized encounter of the same patient with the same diagnoses and lines, its charges posted to the
    primary payer's receivables, a claim per claim of the template's encounter (same coverage, payer, rank and
    status: the primary submitted, a secondary a draft) with its history row, and an 837P submission row. The
    rows are those the services write (not their audit and outbox rows); building 10,000 takes seconds."""
    made: list[Submitted] = []
    for start in range(0, count, 1000):
        made += _clone(ws, templates, min(1000, count - start), start)
    return made


def _clone(ws: Workstation, templates: Sequence[Submitted], count: int, offset: int) -> list[Submitted]:
    t = tables
    with ws.write() as conn:
        prefix = str(conn.execute(select(t.workstation.c.prefix)).scalar_one())
        seq = int(conn.execute(select(t.counters.c.next_value).where(t.counters.c.name == "claim")).scalar_one())
        gross = conn.execute(select(t.ledger_accounts.c.id).where(t.ledger_accounts.c.code == "gross_charges:all")
                             ).scalar_one()
        shapes = []
        for tpl in templates:
            claim = conn.execute(select(t.claims).where(t.claims.c.claim_number == tpl.number)).one()
            enc = conn.execute(select(t.encounters).where(t.encounters.c.id == claim.encounter_id)).one()
            shapes.append((
                tpl, dict(enc._mapping),
                [dict(r._mapping) for r in conn.execute(select(t.encounter_diagnoses).where(
                    t.encounter_diagnoses.c.encounter_id == enc.id))],
                [dict(r._mapping) for r in conn.execute(select(t.service_lines).where(
                    t.service_lines.c.encounter_id == enc.id).order_by(t.service_lines.c.position))],
                [dict(r._mapping) for r in conn.execute(select(t.claims).where(t.claims.c.encounter_id == enc.id))],
                conn.execute(select(t.claim_submissions).where(t.claim_submissions.c.claim_id == claim.id)).first()))
        rows: dict[str, list[dict[str, Any]]] = {k: [] for k in (
            "encounters", "diagnoses", "lines", "accounts", "postings", "transactions", "claims", "history",
            "submissions")}
        at = ws.now_iso()
        made: list[Submitted] = []
        for i in range(count):
            tpl, enc, diagnoses, lines, claims_of, submission = shapes[(offset + i) % len(shapes)]
            enc_id = new_id()
            rows["encounters"].append({**enc, "id": enc_id, "status": "draft", "finalized_at": None,
                                       "finalized_by": None})
            rows["diagnoses"] += [{**d, "encounter_id": enc_id} for d in diagnoses]
            line_ids = []
            for line in lines:
                line_id = new_id()
                line_ids.append(line_id)
                rows["lines"].append({**line, "id": line_id, "encounter_id": enc_id})
                account_id, tx_id = new_id(), new_id()
                rows["accounts"].append({"id": account_id, "code": f"receivable:{line_id}:primary",
                                         "kind": "receivable", "patient_account": tpl.account})
                rows["postings"] += [
                    {"id": new_id(), "transaction_id": tx_id, "account_id": account_id,
                     "amount_cents": line["charge_cents"]},
                    {"id": new_id(), "transaction_id": tx_id, "account_id": gross,
                     "amount_cents": -line["charge_cents"]}]
                rows["transactions"].append({"id": tx_id, "kind": "charge", "occurred_on": enc["date_of_service"],
                                             "posted_at": at, "actor": "admin", "memo": f"{line['procedure']} x1",
                                             "source_key": None, "reverses": None})
            number = ""
            for c in sorted(claims_of, key=lambda r: r["rank"] != "primary"):
                claim_id = new_id()
                claim_number = human_number(prefix, seq)
                seq += 1
                rows["claims"].append({**c, "id": claim_id, "claim_number": claim_number, "encounter_id": enc_id,
                                       "created_at": at})
                rows["history"].append({"id": new_id(), "claim_id": claim_id, "at": at, "actor": "admin",
                                        "from_status": None, "to_status": c["status"], "note": "Cloned for a test."})
                if c["rank"] == "primary":
                    number = claim_number
                    if submission is not None:
                        rows["submissions"].append({**dict(submission._mapping), "id": new_id(),
                                                    "claim_id": claim_id})
            made.append(Submitted(number, tpl.dos, tuple(line_ids), tpl.account, tpl.lines))
        for table, key in ((t.encounters, "encounters"), (t.encounter_diagnoses, "diagnoses"),
                           (t.service_lines, "lines")):
            for part in _parts(rows[key]):
                conn.execute(table.insert(), part)
        for part in _parts([r["id"] for r in rows["encounters"]]):
            conn.execute(t.encounters.update().where(t.encounters.c.id.in_(part))
                         .values(status="finalized", finalized_at=at, finalized_by="admin"))
        for table, key in ((t.ledger_accounts, "accounts"), (t.ledger_postings, "postings"),
                           (t.ledger_transactions, "transactions"), (t.claims, "claims"),
                           (t.claim_state_history, "history"), (t.claim_submissions, "submissions")):
            for part in _parts(rows[key]):
                conn.execute(table.insert(), part)
        conn.execute(t.counters.update().where(t.counters.c.name == "claim").values(next_value=seq))
    return made


def _parts(items: list[Any], size: int = 5000) -> list[list[Any]]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def remittance(claims_by_check: Sequence[Sequence[Submitted]], *, trace_prefix: str = "EFT") -> str:
    """An 835 with one check per group of claims. Claims are adjudicated in a cycle of ten: six paid at 80% of
    the allowed amount (allowed = 80% of the charge; CO-45 and PR-2 coinsurance), two paid in full, one
    denied (CO-16 with a remark) and one with the whole allowed amount on the deductible (PR-1). Each check
    balances; the first also carries $1.00 of interest (PLB L6)."""
    bodies = []
    n = 0
    for k, group in enumerate(claims_by_check, 1):
        segs: list[str] = []
        total = 0
        for c in group:
            kind = n % 10
            n += 1
            charge = sum(cents for _, cents in c.lines)
            paid_claim = patient = 0
            claim_segs: list[str] = []
            for code, cents in c.lines:
                allowed = cents * 8 // 10
                if kind < 6:
                    paid = allowed * 8 // 10
                    cas = [f"CAS*CO*45*{_d(cents - allowed)}", f"CAS*PR*2*{_d(allowed - paid)}"]
                    patient += allowed - paid
                elif kind < 8:
                    paid, allowed, cas = cents, cents, []
                elif kind == 8:
                    paid, cas = 0, [f"CAS*CO*16*{_d(cents)}"]
                else:
                    paid = 0
                    cas = [f"CAS*CO*45*{_d(cents - allowed)}", f"CAS*PR*1*{_d(allowed)}"]
                    patient += allowed
                paid_claim += paid
                claim_segs += [f"SVC*HC:{code}*{_d(cents)}*{_d(paid)}**1", f"DTM*472*{c.dos.strftime('%Y%m%d')}",
                               *cas]
                if kind != 8:
                    claim_segs.append(f"AMT*B6*{_d(allowed)}")
                else:
                    claim_segs.append("LQ*HE*N290")
            status = "4" if kind == 8 else "1"
            segs += [f"CLP*{c.number}*{status}*{_d(charge)}*{_d(paid_claim)}*{_d(patient) if patient else ''}*12*"
                     f"P{n:07d}*11*1", f"NM1*QC*1*PATIENT*PAT****MI*W{n:09d}", *claim_segs]
            total += paid_claim
        plb = ["PLB*1234567893*20261231*L6:INT*-1.00"] if k == 1 else []
        total += 100 if k == 1 else 0
        bodies.append(header(_d(total), f"{trace_prefix}{k:05d}", method="ACH" if total else "NON") + "\n".join(
            s + "~" for s in segs + plb))
    return interchange(*bodies)


def _d(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"
