"""Claim-level CAS (adjustments of a claim as a whole, not of a line) are posted like a line's: they come out of
what the lines were paid (CLP04 = the lines' payments less the claim-level adjustments), CO/OA/PI are written off
against the claim's lines in line order, PR moves on with the patient's share, and what no line can take is a
problem naming the claim. Our own 835s are written out as text, paper EOBs as data."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from claims_support import pyx12_ok
from era_support import Submitted, balance, batch_account_sums, header, interchange, status_of, submitted_claims
from front_desk_support import Desk, make_desk
from posting_support import (
    adjudication,
    claim_status,
    eob,
    line_balances,
    next_claim_number,
    paid_line,
    row_counts,
    submitted_claim,
)
from sqlalchemy import select

from medbill_desktop.domain.adjudication import CasAdjustment, NextStep
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.reference import Submission
from medbill_desktop.services import claims, era_import, ledger, posting, reference_data
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage import tables


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def adjustment_rows(ws: Workstation, claim_level: bool) -> list[tuple[str, int, bool]]:
    """(label, cents, posted) of the recorded adjustments, claim-level or line ones."""
    t = tables.adjudication_adjustments
    level = t.c.line_adjudication_id.is_(None) if claim_level else t.c.line_adjudication_id.is_not(None)
    with ws.read() as conn:
        return [(f"{r.group_code}-{r.reason_code}", r.amount_cents, bool(r.posted))
                for r in conn.execute(select(t).where(level).order_by(t.c.id))]


def claim_row(ws: Workstation, claim_id: str) -> tuple[int, int, str]:
    """(paid, patient responsibility, outcome) as recorded for the claim."""
    t = tables.claim_adjudications
    with ws.read() as conn:
        r = conn.execute(select(t).where(t.c.claim_id == claim_id)).one()
    return r.paid_cents, r.patient_responsibility_cents, r.outcome


def claim_id(ws: Workstation, c: Submitted) -> str:
    with ws.read() as conn:
        return str(conn.execute(select(tables.claims.c.id).where(tables.claims.c.claim_number == c.number))
                   .scalar_one())


# --- 835s --------------------------------------------------------------------------------------------------------
# Claim a: 99213 $125.00 allowed $100.00 and paid $100.00 (CO-45 $25.00 on the line), 36415 paid in full; at claim
# level 2% sequestration (CO-253 $2.30) and a $10.00 deductible (PR-1). CLP04 = 115.00 - 12.30 = 102.70.
# Claim b: both lines paid in full on the lines, but a claim-level contractual of $130.00 leaves $10.00 paid.
TWO_CLAIMS = """
CLP*{a}*1*140*102.70*10*12*AET0501*11*1~
CAS*CO*253*2.30~
CAS*PR*1*10~
NM1*QC*1*PAYNE*PAT****MI*W000000001~
SVC*HC:99213*125*100**1~
DTM*472*{a_dos}~
CAS*CO*45*25~
AMT*B6*100~
SVC*HC:36415*15*15**1~
DTM*472*{a_dos}~
CLP*{b}*1*140*10**12*AET0502*11*1~
CAS*CO*45*130~
NM1*QC*1*PAYNE*PAT****MI*W000000002~
SVC*HC:99213*125*125**1~
DTM*472*{b_dos}~
SVC*HC:36415*15*15**1~
DTM*472*{b_dos}~
"""


def test_claim_level_cas_in_an_835_is_written_off_and_the_deductible_moves_to_the_patient(
        desk: Desk, tmp_path: Path) -> None:
    a, b = submitted_claims(desk, 2)
    text = interchange(header("112.70", "EFT5001") + TWO_CLAIMS.format(a=a.number, a_dos=a.dos8, b=b.number,
                                                                        b_dos=b.dos8))
    assert pyx12_ok(text)[0]  # claim and lines balance as 005010X221A1 wants
    path = tmp_path / "claim-level.835"
    path.write_text(text)

    dry = era_import.import_835(desk.ws, path, dry_run=True)
    assert dry.exceptions == ()
    [check] = dry.plan.checks
    assert check.preview is not None
    effects = {e.claim_number: e for e in check.preview.claims}
    assert (effects[a.number].paid_cents, effects[a.number].written_down_cents, effects[a.number].moved_cents) == (
        10270, 2730, 1000)
    assert (effects[b.number].paid_cents, effects[b.number].written_down_cents) == (1000, 13000)

    result = era_import.import_835(desk.ws, path)
    assert result.exceptions == ()
    [posted] = result.posted
    assert {c.claim_number: c.outcome for c in posted.claims} == {a.number: "paid", b.number: "paid"}
    # claim a: $2.30 and $10.00 come out of line 1's payment ($100.00 -> $87.70); CO-45 $25.00 and CO-253 $2.30
    # are written off on line 1 and the $10.00 deductible is the patient's
    assert [balance(desk.ws, a, i, Party.PRIMARY) for i in (0, 1)] == [0, 0]
    assert [balance(desk.ws, a, i, Party.PATIENT) for i in (0, 1)] == [1000, 0]
    # claim b: the $130.00 is placed in line order: all of line 1's $125.00, then $5.00 of line 2's $15.00
    assert [balance(desk.ws, b, i, Party.PRIMARY) for i in (0, 1)] == [0, 0]
    assert [balance(desk.ws, b, i, Party.PATIENT) for i in (0, 1)] == [0, 0]
    totals = ledger.all_balances(desk.ws)
    assert (totals["adjustment:CO-45"], totals["adjustment:CO-253"]) == (2500 + 13000, 230)
    assert "adjustment:PR-1" not in totals  # the patient's share is not written off
    assert batch_account_sums(desk.ws) == {posted.batch_number: (11270, 11270)}  # the batch balances
    assert claim_row(desk.ws, claim_id(desk.ws, a)) == (10270, 1000, "paid")
    assert claim_row(desk.ws, claim_id(desk.ws, b)) == (1000, 0, "paid")
    assert adjustment_rows(desk.ws, claim_level=True) == [("CO-253", 230, True), ("PR-1", 1000, False),
                                                          ("CO-45", 13000, True)]
    assert adjustment_rows(desk.ws, claim_level=False) == [("CO-45", 2500, True)]
    assert status_of(desk.ws, a.number) == "paid" and status_of(desk.ws, b.number) == "paid"


def test_a_claim_level_denial_is_recorded_not_written_off(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("0", "CHK5002", method="NON") + f"""
CLP*{a.number}*4*140*0**12*AET0503*11*1~
CAS*CO*16*140~
NM1*QC*1*PAYNE*PAT****MI*W000000001~
MOA***MA130~
SVC*HC:99213*125*125**1~
DTM*472*{a.dos8}~
SVC*HC:36415*15*15**1~
DTM*472*{a.dos8}~
""")
    assert pyx12_ok(text)[0]
    path = tmp_path / "denied.835"
    path.write_text(text)
    result = era_import.import_835(desk.ws, path)
    assert result.exceptions == ()
    [posted] = result.posted
    assert posted.denials == (a.number,) and posted.claims[0].outcome == "denied"
    assert status_of(desk.ws, a.number) == "denied"
    assert [balance(desk.ws, a, i, Party.PRIMARY) for i in (0, 1)] == [12500, 1500]  # stays with the payer
    assert "adjustment:CO-16" not in ledger.all_balances(desk.ws)
    assert adjustment_rows(desk.ws, claim_level=True) == [("CO-16", 14000, False)]
    with desk.ws.read() as conn:
        d = conn.execute(select(tables.denials)).one()
    assert (d.group_code, d.reason_code, d.amount_cents) == ("CO", "16", 14000)


def test_a_claim_level_amount_no_line_can_take_is_an_exception_naming_the_claim(desk: Desk, tmp_path: Path) -> None:
    a, b = submitted_claims(desk, 2)
    # claim a: the lines were paid $15.00 but the claim-level contractual is $20.00 (CLP04 -5.00)
    text = interchange(header("135.00", "EFT5003") + f"""
CLP*{a.number}*1*140*-5**12*AET0504*11*1~
CAS*CO*45*20~
NM1*QC*1*PAYNE*PAT****MI*W000000001~
SVC*HC:99213*125*0**1~
DTM*472*{a.dos8}~
CAS*CO*45*125~
SVC*HC:36415*15*15**1~
DTM*472*{a.dos8}~
CLP*{b.number}*1*140*140**12*AET0505*11*1~
NM1*QC*1*PAYNE*PAT****MI*W000000002~
SVC*HC:99213*125*125**1~
DTM*472*{b.dos8}~
SVC*HC:36415*15*15**1~
DTM*472*{b.dos8}~
""")
    path = tmp_path / "too-much.835"
    path.write_text(text)
    before = row_counts(desk.ws)
    result = era_import.import_835(desk.ws, path)
    assert result.posted == ()
    assert [(e.claim_number, e.reason) for e in result.exceptions if "claim-level" in e.reason] == [
        (a.number, f"Claim {a.number}: the claim-level adjustment CO-45 takes $5.00 more than its lines were paid; "
                   "it can't be written off against the lines.")]
    assert row_counts(desk.ws) == before  # nothing of the check was posted


# --- paper EOBs ----------------------------------------------------------------------------------------------------
def test_a_paper_eob_with_claim_level_coinsurance_moves_it_to_the_secondary(desk: Desk, tmp_path: Path) -> None:
    desk.medicare = reference_data.save_payer(desk.ws, replace(desk.medicare, edi_id="00952",
                                                               submission=Submission.ELECTRONIC))
    claim = submitted_claim(desk, "Okafor", desk.aetna, desk.medicare)
    secondary = next_claim_number(desk, claim)
    # the lines: 99213 allowed $100.00 paid $100.00 (CO-45 $25.00), 36415 paid $15.00; at claim level the payer
    # takes $20.00 of coinsurance (PR-2) and $2.00 of sequestration (CO-253): the check pays $93.00 for the claim
    c = adjudication(claim, paid_line(claim, 1, allowed=10000, paid=10000), paid_line(claim, 2, paid=1500),
                     next_step=NextStep.NEXT_PAYER)
    c = replace(c, claim_adjustments=(CasAdjustment("PR", "2", 2000), CasAdjustment("CO", "253", 200)))
    assert (c.paid, c.patient_responsibility) == (9300, 2000)
    batch = eob(desk.aetna, "CHK5004", c)
    assert batch.amount == 9300 and batch.left_to_apply == 0

    preview = posting.preview_batch(desk.ws, batch)
    assert preview.ok and preview.readied_claims == [secondary]
    [effect] = preview.claims
    assert (effect.paid_cents, effect.written_down_cents, effect.moved_cents) == (9300, 2700, 2000)

    posted = posting.post_batch(desk.ws, batch)
    assert posted.readied_claims == [secondary]
    assert line_balances(desk.ws, claim, Party.PRIMARY) == [0, 0]
    assert line_balances(desk.ws, claim, Party.SECONDARY) == [2000, 0]  # the claim-level PR, on line 1
    assert line_balances(desk.ws, claim, Party.PATIENT) == [0, 0]
    totals = ledger.all_balances(desk.ws)
    assert (totals["adjustment:CO-45"], totals["adjustment:CO-253"]) == (2500, 200)
    assert totals[f"payment_batch:{posted.batch_id}"] == 9300
    assert claim_status(desk.ws, claim.claim_number) == "paid"
    [recorded] = posting.claim_adjudications(desk.ws, claim.claim_id)
    assert (recorded.paid, recorded.patient_responsibility) == (9300, 2000)
    assert [(a.label, a.amount, a.posted) for a in recorded.claim_adjustments] == [
        ("PR-2", 2000, False), ("CO-253", 200, True)]
    # the secondary's 837P: Aetna paid $93.00 (AMT*D), its claim-level CAS in 2320, each line's payment in 2430
    claims.export_837(desk.ws, [secondary], tmp_path / "secondary.837")
    text = (tmp_path / "secondary.837").read_text()
    assert "AMT*D*93~" in text and "CAS*PR*2*20~" in text and "SVD*60054*100*HC:99213**1~" in text
    assert pyx12_ok(text)[0]


def test_a_negative_claim_level_adjustment_adds_to_the_payment(desk: Desk) -> None:
    claim = submitted_claim(desk, "Varga")
    # line 1 allowed $100.00 paid $100.00 (CO-45 $25.00); the payer then gives back $5.00 of its contractual at
    # claim level (CO-45 -$5.00): the check pays $120.00 for the claim and $20.00 is written off in all
    c = adjudication(claim, paid_line(claim, 1, allowed=10000, paid=10000), paid_line(claim, 2, paid=1500))
    c = replace(c, claim_adjustments=(CasAdjustment("CO", "45", -500),))
    posted = posting.post_batch(desk.ws, eob(desk.aetna, "CHK5005", c))
    assert line_balances(desk.ws, claim, Party.PRIMARY) == [0, 0]
    assert line_balances(desk.ws, claim, Party.PATIENT) == [0, 0]
    totals = ledger.all_balances(desk.ws)
    assert totals["adjustment:CO-45"] == 2000
    assert totals[f"payment_batch:{posted.batch_id}"] == 12000


def test_a_paper_claim_level_amount_that_cannot_be_placed_is_refused(desk: Desk) -> None:
    claim = submitted_claim(desk, "Lindqvist")
    c = adjudication(claim, paid_line(claim, 1, allowed=5000, paid=4000, coinsurance=1000),
                     paid_line(claim, 2, paid=1500))
    c = replace(c, claim_adjustments=(CasAdjustment("OA", "94", 6000),))
    batch = eob(desk.aetna, "CHK5006", c, amount=0)
    assert batch.left_to_apply == 500  # the claim pays -$5.00; the check can't take that either
    words = (f"Claim {claim.claim_number}: the claim-level adjustment OA-94 takes $5.00 more than its lines were "
             "paid; it can't be written off against the lines.")
    assert words in posting.preview_batch(desk.ws, batch).problems
    before = row_counts(desk.ws)
    with pytest.raises(DomainError) as refused:
        posting.post_batch(desk.ws, batch)
    assert words in str(refused.value)
    assert row_counts(desk.ws) == before
