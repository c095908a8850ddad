"""Secondary claims built from the primary's posted adjudication: once the primary payer's EOB is posted, the
secondary claim's CMS-1500 carries the primary as the other insurance (items 9, 9a, 9d, 11d) and what it paid
(item 29, per page) on the grid, and its 837P carries loops 2320/2330B with CAS, AMT*D and AMT*EAF and, per
line, 2430 SVD/CAS/DTP*573, accepted by pyx12. A reversed primary payment takes them away again."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from claims_support import pyx12_ok
from front_desk_support import Desk, make_desk
from posting_support import adjudication, denied_line, eob, next_claim_number, paid_line, submitted_claim

from medbill_desktop.documents.cms1500_grid import PITCH, load_grid
from medbill_desktop.domain.adjudication import NextStep
from medbill_desktop.domain.claims import ClaimStatus
from medbill_desktop.domain.scrubber import Severity
from medbill_desktop.edi.x12 import tokenize
from medbill_desktop.services import claims, posting, reference_data
from medbill_desktop.services.context import Workstation

GRID = load_grid()


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    d = make_desk(workstation)
    # Medicare takes paper claims, but the secondary 837P names it by its payer ID in loop 2330B
    d.medicare = reference_data.save_payer(workstation, replace(d.medicare, edi_id="00952"))
    return d


def status(ws: Workstation, number: str) -> ClaimStatus:
    return next(c.status for c in claims.list_claims(ws) if c.claim_number == number)


def post_primary(desk: Desk, last: str = "Garcia") -> tuple[Any, str]:
    """Medicare primary (paid 64.00 and 9.60 after CO-45 and coinsurance), Aetna secondary."""
    claim = submitted_claim(desk, last, desk.medicare, desk.aetna)
    batch = eob(desk.medicare, "CHK5001", adjudication(
        claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600),
        paid_line(claim, 2, allowed=1200, paid=960, coinsurance=240),
        next_step=NextStep.NEXT_PAYER, payer_reference="MCR26300123"), check_date=date(2026, 10, 30))
    posting.post_batch(desk.ws, batch)
    return claim, next_claim_number(desk, claim)


def field_text(chars: list[dict[str, Any]], key: str) -> tuple[str, float | None]:
    """The Courier text on the field's grid line within its columns, and where its first character starts."""
    slot = GRID.by_key[key]
    got = sorted((c for c in chars if c["fontname"] == "Courier" and abs(c["matrix"][5] - slot.y) <= 1.0
                  and slot.x - 1.0 <= c["matrix"][4] < slot.x + slot.width * PITCH - 0.5),
                 key=lambda c: c["matrix"][4])
    return "".join(c["text"] for c in got), (got[0]["matrix"][4] if got else None)


def test_before_the_primary_is_posted_the_secondary_waits_with_a_warning(desk: Desk) -> None:
    claim = submitted_claim(desk, "Early", desk.medicare, desk.aetna)
    secondary = next_claim_number(desk, claim)
    warnings = [f for f in claims.scrub_claim(desk.ws, secondary) if f.rule == "secondary.prior_adjudication"]
    assert [f.severity for f in warnings] == [Severity.WARNING]
    assert claims.prior_payments(desk.ws, secondary) == []


def test_the_secondary_form_carries_the_primary_and_what_it_paid_on_the_grid(desk: Desk) -> None:
    ws = desk.ws
    primary, secondary = post_primary(desk)
    assert status(ws, secondary) is ClaimStatus.READY  # posting moved the next payer's claim on
    assert not [f for f in claims.scrub_claim(ws, secondary) if f.rule == "secondary.prior_adjudication"]
    [prior] = claims.prior_payments(ws, secondary)
    assert (prior.claim_number, prior.paid_cents, prior.payer_claim_reference, prior.adjudicated_on) == (
        primary.claim_number, 7360, "MCR26300123", date(2026, 10, 30))
    assert prior.patient_responsibility_cents == 1840

    made = claims.claim_forms_pdf(ws, [secondary], "red")
    with pdfplumber.open(io.BytesIO(made.pdf)) as doc:
        chars = list(doc.pages[0].chars)
    expected = {"9": "GARCIA, JOHN", "9a": "GRP1", "9d": "MEDICARE PART B", "11d.yes": "X", "29": "   73 60",
                "28": "  140 00", "1a": f"MBR1{primary.account_number}"}
    for key, text in expected.items():
        got, x = field_text(chars, key)
        assert got == text, key
        assert x is not None and abs(x - GRID.by_key[key].x) <= 1.0, key
    assert field_text(chars, "11d.no")[0] == ""
    assert status(ws, secondary) is ClaimStatus.READY  # making the forms records nothing


def test_a_secondary_on_two_pages_prints_each_pages_own_paid_amount(desk: Desk) -> None:
    ws = desk.ws
    lines = (("99213", 12500), ("36415", 1500), ("81002", 1200), ("90686", 3500), ("90471", 2500), ("99214", 18000),
             ("J1100", 900))
    claim = submitted_claim(desk, "Long", desk.medicare, desk.aetna, lines=lines)
    paid = [paid_line(claim, n, allowed=cents, paid=cents * 8 // 10, coinsurance=cents - cents * 8 // 10)
            for n, (_, cents) in enumerate(lines, start=1)]
    posting.post_batch(ws, eob(desk.medicare, "CHK5002", adjudication(claim, *paid, next_step=NextStep.NEXT_PAYER)))
    secondary = next_claim_number(desk, claim)
    with pdfplumber.open(io.BytesIO(claims.claim_forms_pdf(ws, [secondary], "red").pdf)) as doc:
        pages = [list(page.chars) for page in doc.pages]
    # each page: its own lines' charges (28) and what Medicare paid on them (29, 80%)
    assert [field_text(chars, "28")[0] for chars in pages] == ["  392 00", "    9 00"]
    assert [field_text(chars, "29")[0] for chars in pages] == ["  313 60", "    7 20"]


def test_the_secondary_837p_carries_2320_and_2430_from_the_posted_eob(desk: Desk, tmp_path: Path) -> None:
    ws = desk.ws
    primary, secondary = post_primary(desk)
    out = tmp_path / "secondary.837"
    claims.export_837(ws, [secondary], out)
    text = out.read_text()
    ok, log = pyx12_ok(text)
    assert ok, log
    segs = tokenize(text)[1]
    ids = [s.id for s in segs]
    sbr = [s for s in segs if s.id == "SBR"]
    assert [(s.get(1), s.get(9)) for s in sbr] == [("S", "CI"), ("P", "MB")]  # 2000B Aetna, 2320 Medicare
    at = segs.index(sbr[1])
    loop_2320 = segs[at:ids.index("LX")]
    assert [s.elements for s in loop_2320 if s.id == "AMT"] == [("D", "73.6"), ("EAF", "18.4")]
    assert [s.elements for s in loop_2320 if s.id == "REF"] == [("F8", "MCR26300123")]
    assert [s.elements for s in loop_2320 if s.id == "NM1"][-1][-2:] == ("PI", "00952")
    lines = segs[ids.index("LX"):]
    assert [s.elements for s in lines if s.id == "SVD"] == [("00952", "64", "HC:99213", "", "1"),
                                                            ("00952", "9.6", "HC:36415", "", "1")]
    assert [s.elements for s in lines if s.id == "CAS"] == [("CO", "45", "45"), ("PR", "2", "16"),
                                                            ("CO", "45", "3"), ("PR", "2", "2.4")]
    assert [s.elements for s in lines if s.id == "DTP" and s.get(1) == "573"] == [("573", "D8", "20261030")] * 2


def test_a_denial_reprocessed_and_paid_counts_as_paid_until_the_payment_is_reversed(desk: Desk,
                                                                                    tmp_path: Path) -> None:
    ws = desk.ws
    claim = submitted_claim(desk, "Again", desk.medicare, desk.aetna)
    denial = adjudication(claim, denied_line(claim, 1), denied_line(claim, 2), next_step=NextStep.DENIALS,
                          payer_reference="MCR1")
    posting.post_batch(ws, eob(desk.medicare, "CHK6001", denial))
    secondary = next_claim_number(desk, claim)
    [prior] = claims.prior_payments(ws, secondary)
    assert (prior.paid_cents, prior.payer_claim_reference) == (0, "MCR1")
    assert [[(a.group, a.reason, a.amount_cents) for a in adjs] for _, adjs in prior.lines.values()] == [
        [("CO", "16", 12500)], [("CO", "16", 1500)]]

    # the payer reprocessed the claim and paid it: each line's latest decision counts
    paid = adjudication(claim, paid_line(claim, 1, allowed=8000, paid=6400, coinsurance=1600),
                        paid_line(claim, 2, allowed=1200, paid=960, coinsurance=240),
                        next_step=NextStep.NEXT_PAYER, payer_reference="MCR2")
    posted = posting.post_batch(ws, eob(desk.medicare, "CHK6002", paid, check_date=date(2026, 11, 6)))
    [prior] = claims.prior_payments(ws, secondary)
    assert (prior.paid_cents, prior.payer_claim_reference, prior.adjudicated_on) == (7360, "MCR2",
                                                                                    date(2026, 11, 6))
    assert [[(a.group, a.reason, a.amount_cents) for a in adjs] for _, adjs in prior.lines.values()] == [
        [("CO", "45", 4500), ("PR", "2", 1600)], [("CO", "45", 300), ("PR", "2", 240)]]
    assert status(ws, secondary) is ClaimStatus.READY
    out = tmp_path / "again.837"
    claims.export_837(ws, [secondary], out)
    text = out.read_text()
    ok, log = pyx12_ok(text)
    assert ok, log
    assert "AMT*D*73.6~" in text and "CAS*CO*16" not in text

    # the payment is taken back: the denial is what the payer decided again
    posting.reverse_batch(ws, posted.batch_id, "posted to the wrong claim")
    [prior] = claims.prior_payments(ws, secondary)
    assert (prior.paid_cents, prior.payer_claim_reference) == (0, "MCR1")
