"""Importing our own 835s (written out below as text) against claims submitted from a test workstation:
full payment, contractual plus deductible and coinsurance, denial, reversal and correction, PLB interest, a
check split over two files, duplicates; exceptions; bad files; every shared sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from claims_support import finalized_claim, pyx12_ok
from era_support import (
    Submitted,
    balance,
    batch_account_sums,
    header,
    interchange,
    row_counts,
    status_of,
    submitted_claims,
)
from front_desk_support import Desk, make_desk
from sqlalchemy import select

from medbill_desktop.domain.ledger import Party, receivable, transfer
from medbill_desktop.services import era_import, ledger
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import tables

SAMPLES = Path("/work/shared/samples/x12")


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def paid_in_full(c: Submitted, reference: str = "AET0001") -> str:
    """A CLP paying both lines of a claim (99213 $125.00, 36415 $15.00) in full."""
    return f"""
CLP*{c.number}*1*140*140**12*{reference}*11*1~
NM1*QC*1*PAYNE*PAT****MI*W000000001~
SVC*HC:99213*125*125**1~
DTM*472*{c.dos8}~
AMT*B6*125~
SVC*HC:36415*15*15**1~
DTM*472*{c.dos8}~
AMT*B6*15~
"""


# --- what is posted ---------------------------------------------------------------------------------------------
def test_full_payment(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("140.00", "EFT1001") + paid_in_full(a))
    assert pyx12_ok(text)[0]  # our 835s are valid 005010X221A1
    result = era_import.import_835(desk.ws, write(tmp_path, "full.835", text))
    assert result.exceptions == ()
    [check] = result.posted
    assert (check.trace, check.amount, [c.claim_number for c in check.claims]) == ("EFT1001", 14000, [a.number])
    assert check.claims[0].outcome == "paid"
    assert status_of(desk.ws, a.number) == "paid"
    assert [balance(desk.ws, a, i, Party.PRIMARY) for i in (0, 1)] == [0, 0]
    assert [balance(desk.ws, a, i, Party.PATIENT) for i in (0, 1)] == [0, 0]
    assert batch_account_sums(desk.ws) == {check.batch_number: (14000, 14000)}
    with desk.ws.read() as conn:
        f = conn.execute(select(tables.remittance_files)).one()
        b = conn.execute(select(tables.payment_batches)).one()
    assert (f.file_name, b.kind, b.reference, b.remittance_file_id, b.method) == ("full.835", "era", "EFT1001",
                                                                                 f.id, "eft")
    assert b.source_key == f"{desk.aetna.id}|EFT1001|{f.sha256}"


CONTRACTUAL = """
CLP*{a}*1*140*68*42*12*AET0002*11*1~
NM1*QC*1*PAYNE*PAT****MI*W000000001~
SVC*HC:99213*125*60**1~
DTM*472*{dos}~
CAS*CO*45*25~
CAS*PR*1*20**2*20~
AMT*B6*100~
SVC*HC:36415*15*8**1~
DTM*472*{dos}~
CAS*CO*45*5~
CAS*PR*2*2~
AMT*B6*10~
LQ*HE*N130~
"""


def test_contractual_deductible_and_coinsurance_move_to_the_patient(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("68.00", "EFT1002") + CONTRACTUAL.format(a=a.number, dos=a.dos8))
    assert pyx12_ok(text)[0]
    result = era_import.import_835(desk.ws, write(tmp_path, "contract.835", text))
    assert result.exceptions == () and len(result.posted) == 1
    assert status_of(desk.ws, a.number) == "paid"
    # CO-45 written off, PR-1 and PR-2 moved to the patient: 20 + 20 on 99213, 2 on 36415
    assert [balance(desk.ws, a, i, Party.PRIMARY) for i in (0, 1)] == [0, 0]
    assert [balance(desk.ws, a, i, Party.PATIENT) for i in (0, 1)] == [4000, 200]
    totals = ledger.all_balances(desk.ws)
    assert totals["adjustment:CO-45"] == 3000
    with desk.ws.read() as conn:
        lines = conn.execute(select(tables.line_adjudications).order_by(tables.line_adjudications.c.id)).all()
        adjustments = conn.execute(select(tables.adjudication_adjustments.c.group_code,
                                          tables.adjudication_adjustments.c.reason_code,
                                          tables.adjudication_adjustments.c.amount_cents,
                                          tables.adjudication_adjustments.c.posted)).all()
        claim = conn.execute(select(tables.claim_adjudications)).one()
    assert [(x.service_line_id, x.allowed_cents, x.paid_cents, x.remarks) for x in lines] == [
        (a.line_ids[0], 10000, 6000, ""), (a.line_ids[1], 1000, 800, "N130")]
    assert sorted(adjustments) == sorted([("CO", "45", 2500, True), ("PR", "1", 2000, False),
                                          ("PR", "2", 2000, False), ("CO", "45", 500, True),
                                          ("PR", "2", 200, False)])
    assert (claim.payer_claim_reference, claim.patient_responsibility_cents, claim.next_step) == ("AET0002", 4200,
                                                                                                 "patient")


def test_patient_share_moves_to_the_secondary_payer_whose_claim_becomes_ready(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1, secondary=True)
    text = interchange(header("68.00", "EFT1003") + CONTRACTUAL.format(a=a.number, dos=a.dos8))
    plan = era_import.plan_import(desk.ws, text, "secondary.835")
    [check] = plan.checks
    assert check.status == "ready" and check.batch is not None
    assert check.batch.claims[0].next_step.value == "next_payer"
    assert check.preview is not None and check.preview.readied_claims  # the Medicare claim would be ready
    result = era_import.import_835(desk.ws, write(tmp_path, "secondary.835", text))
    [posted] = result.posted
    assert posted.readied_claims == tuple(check.preview.readied_claims)
    assert status_of(desk.ws, posted.readied_claims[0]) == "ready"
    assert [balance(desk.ws, a, i, Party.SECONDARY) for i in (0, 1)] == [4000, 200]
    assert [balance(desk.ws, a, i, Party.PATIENT) for i in (0, 1)] == [0, 0]


DENIAL = """
CLP*{a}*4*140*0**12*AET0003*11*1~
NM1*QC*1*PAYNE*PAT****MI*W000000001~
MOA***MA130~
SVC*HC:99213*125*0**1~
DTM*472*{dos}~
CAS*CO*16*125~
LQ*HE*N290~
SVC*HC:36415*15*0**1~
DTM*472*{dos}~
CAS*CO*16*15~
"""


def test_denial_goes_to_the_denials_queue_and_the_balance_stays_with_the_payer(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("0", "CHK5001", method="NON") + DENIAL.format(a=a.number, dos=a.dos8))
    result = era_import.import_835(desk.ws, write(tmp_path, "denial.835", text))
    assert result.exceptions == ()
    [posted] = result.posted
    assert posted.denials == (a.number,) and posted.claims[0].outcome == "denied"
    assert status_of(desk.ws, a.number) == "denied"
    assert [balance(desk.ws, a, i, Party.PRIMARY) for i in (0, 1)] == [12500, 1500]
    with desk.ws.read() as conn:
        d = conn.execute(select(tables.denials)).one()
        posted_flags = conn.execute(select(tables.adjudication_adjustments.c.posted)).scalars().all()
    assert (d.group_code, d.reason_code, d.amount_cents, d.status) == ("CO", "16", 14000, "open")
    assert "MA130" in d.remarks and "N290" in d.remarks
    assert posted_flags == [False, False]  # a denied line's adjustments are recorded, not written off


def reversal_of(c: Submitted, reference: str) -> str:
    return f"""
CLP*{c.number}*22*-140*-140**12*{reference}*11*1~
NM1*QC*1*PAYNE*PAT****MI*W000000001~
SVC*HC:99213*-125*-125**1~
DTM*472*{c.dos8}~
SVC*HC:36415*-15*-15**1~
DTM*472*{c.dos8}~
"""


def test_reversal_and_correction(desk: Desk, tmp_path: Path) -> None:
    a, b = submitted_claims(desk, 2)
    first = era_import.import_835(desk.ws, write(tmp_path, "first.835", interchange(
        header("140.00", "EFT2001") + paid_in_full(a, "AET0100"))))
    [batch1] = first.posted
    # the payer takes back its payment of claim a and pays it again with $20.00 of coinsurance; claim b is paid
    # in the same EFT, which is therefore 140.00 - 140.00 + 120.00 = 120.00
    second_text = interchange(header("120.00", "EFT2002") + reversal_of(a, "AET0100") + f"""
CLP*{a.number}*1*140*120*20*12*AET0101*11*1~
SVC*HC:99213*125*105**1~
DTM*472*{a.dos8}~
CAS*PR*2*20~
SVC*HC:36415*15*15**1~
DTM*472*{a.dos8}~
""" + paid_in_full(b, "AET0102"))
    second = era_import.import_835(desk.ws, write(tmp_path, "second.835", second_text))
    assert second.exceptions == ()
    [batch2] = second.posted
    assert [(c.claim_number, c.outcome) for c in batch2.claims] == [(a.number, "reversal"), (a.number, "paid"),
                                                                    (b.number, "paid")]
    assert status_of(desk.ws, a.number) == "paid"
    assert [balance(desk.ws, a, i, Party.PRIMARY) for i in (0, 1)] == [0, 0]
    assert [balance(desk.ws, a, i, Party.PATIENT) for i in (0, 1)] == [2000, 0]
    # each batch's account still equals its check: the takeback moved 140.00 from the first to the second
    assert batch_account_sums(desk.ws) == {batch1.batch_number: (14000, 14000), batch2.batch_number: (12000, 12000)}
    with desk.ws.read() as conn:
        rows = conn.execute(select(tables.claim_adjudications).order_by(tables.claim_adjudications.c.id)).all()
    original, reversal, correction = [r for r in rows if r.claim_id == rows[0].claim_id]
    assert (reversal.status_code, reversal.reverses, original.reversed_by) == ("22", original.id, reversal.id)
    assert (correction.payer_claim_reference, correction.reverses, correction.reversed_by) == ("AET0101", None, None)


def test_a_reversal_of_a_payment_posted_by_an_earlier_check_of_the_same_file(desk: Desk, tmp_path: Path) -> None:
    a, b = submitted_claims(desk, 2)
    text = interchange(header("140.00", "EFT2201") + paid_in_full(a, "AET0200"),
                       header("140.00", "EFT2202") + reversal_of(a, "AET0200") + paid_in_full(a, "AET0201")
                       + paid_in_full(b, "AET0202"))
    result = era_import.import_835(desk.ws, write(tmp_path, "same-file.835", text))
    assert result.exceptions == () and [p.trace for p in result.posted] == ["EFT2201", "EFT2202"]
    assert [c.outcome for c in result.posted[1].claims] == ["reversal", "paid", "paid"]
    assert all(amount == total for amount, total in batch_account_sums(desk.ws).values())


def test_a_reversal_with_nothing_to_reverse_is_an_exception(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("0", "EFT2101", method="NON") + reversal_of(a, "AET0999") + f"""
CLP*{a.number}*1*140*140**12*AET1000*11*1~
SVC*HC:99213*125*125**1~
DTM*472*{a.dos8}~
SVC*HC:36415*15*15**1~
DTM*472*{a.dos8}~
""")
    plan = era_import.plan_import(desk.ws, text, "orphan.835")
    [check] = plan.checks
    assert check.status == "exceptions"
    assert any(e.claim_number == a.number and "no posted adjudication of the claim matches it" in e.reason
               for e in check.exceptions)


def test_plb_interest_adds_to_the_check(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("142.50", "EFT3001") + paid_in_full(a) + "PLB*1234567893*20261231*L6:INT2026*-2.50~")
    result = era_import.import_835(desk.ws, write(tmp_path, "interest.835", text))
    assert result.exceptions == ()
    [posted] = result.posted
    assert batch_account_sums(desk.ws) == {posted.batch_number: (14250, 14250)}
    assert ledger.all_balances(desk.ws)["adjustment:PLB-L6"] == -250
    with desk.ws.read() as conn:
        plb = conn.execute(select(tables.provider_adjustments)).one()
    assert (plb.reason_code, plb.reference, plb.amount_cents) == ("L6", "INT2026", -250)


def test_a_plb_return_takes_from_the_check_and_its_memo_says_what_it_is(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("135.00", "EFT3002") + paid_in_full(a) + "PLB*1234567893*20261231*72:RET88*5.00~")
    result = era_import.import_835(desk.ws, write(tmp_path, "return.835", text))
    assert result.exceptions == ()
    assert ledger.all_balances(desk.ws)["adjustment:PLB-72"] == 500
    with desk.ws.read() as conn:
        [memo] = conn.execute(select(tables.ledger_transactions.c.memo)
                              .where(tables.ledger_transactions.c.memo.like("%RET88%"))).scalars()
    assert memo.endswith(": authorized return RET88")


# --- duplicates and split checks --------------------------------------------------------------------------------
def test_the_same_file_twice_posts_nothing_the_second_time(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    path = write(tmp_path, "once.835", interchange(header("140.00", "EFT4001") + paid_in_full(a)))
    assert len(era_import.import_835(desk.ws, path).posted) == 1
    before = row_counts(desk.ws)
    again = era_import.import_835(desk.ws, path)
    assert again.posted == () and again.exceptions == ()
    [skipped] = again.skipped_duplicates
    assert skipped.trace == "EFT4001" and "already posted" in skipped.reason
    assert again.plan.imported_before is not None
    assert row_counts(desk.ws) == before


def test_the_same_check_in_another_file_posts_nothing(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    body = header("140.00", "EFT4002") + paid_in_full(a)
    first = era_import.import_835(desk.ws, write(tmp_path, "monday.835", interchange(body)))
    [batch] = first.posted
    before = row_counts(desk.ws)
    # the clearinghouse sends the check again in a new interchange (another ISA13): other bytes, same check
    again = era_import.import_835(desk.ws, write(tmp_path, "tuesday.835", interchange(body, control="000000902")))
    assert again.posted == () and again.exceptions == ()
    [skipped] = again.skipped_duplicates
    assert skipped.reason == (f"Check EFT4002 from Aetna was already posted as batch {batch.batch_number} "
                              "(file monday.835); nothing was posted again.")
    assert row_counts(desk.ws) == before


def test_a_check_split_over_two_files_posts_each_part_once(desk: Desk, tmp_path: Path) -> None:
    a, b = submitted_claims(desk, 2)
    part1 = write(tmp_path, "part1.835", interchange(header("140.00", "EFT5001") + paid_in_full(a, "AET51")))
    part2 = write(tmp_path, "part2.835", interchange(header("140.00", "EFT5001") + paid_in_full(b, "AET52"),
                                                     control="000000902"))
    assert len(era_import.import_835(desk.ws, part1).posted) == 1
    assert len(era_import.import_835(desk.ws, part2).posted) == 1
    assert status_of(desk.ws, a.number) == status_of(desk.ws, b.number) == "paid"
    with desk.ws.read() as conn:
        batches = conn.execute(select(tables.payment_batches)).all()
    assert [x.reference for x in batches] == ["EFT5001", "EFT5001"]
    assert len({x.source_key for x in batches}) == 2
    before = row_counts(desk.ws)
    for path in (part1, part2):
        again = era_import.import_835(desk.ws, path)
        assert again.posted == () and len(again.skipped_duplicates) == 1
    assert row_counts(desk.ws) == before


# --- exceptions -------------------------------------------------------------------------------------------------
def test_a_check_with_any_exception_posts_nothing_and_lists_every_exception(desk: Desk, tmp_path: Path) -> None:
    a, b, c, d = submitted_claims(desk, 4)
    never_sent = finalized_claim(desk, "Unsent")  # a draft claim
    text = interchange(
        header("140.00", "EFT6001") + paid_in_full(a),  # a good check: it posts
        header("570.00", "EFT6002") + paid_in_full(b) + f"""
CLP*NOSUCH01*1*125*125**12*X1*11*1~
SVC*HC:99213*125*125**1~
DTM*472*{b.dos8}~
CLP*{c.number}*1*140*140**12*X2*11*1~
SVC*HC:99214*125*125**1~
DTM*472*{c.dos8}~
SVC*HC:36415*15*15**1~
DTM*472*{c.dos8}~
CLP*{d.number}*1*140*130**12*X3*11*1~
SVC*HC:99213*125*115**1~
DTM*472*{d.dos8}~
SVC*HC:36415*15*15**1~
DTM*472*{d.dos8}~
CLP*{never_sent}*1*140*140**12*X4*11*1~
SVC*HC:99213*125*125**1~
DTM*472*{d.dos8}~
SVC*HC:36415*15*15**1~
DTM*472*{d.dos8}~
""")
    before_b = balance(desk.ws, b, 0, Party.PRIMARY)
    result = era_import.import_835(desk.ws, write(tmp_path, "mixed.835", text))
    assert [p.trace for p in result.posted] == ["EFT6001"]
    found: dict[str, list[str]] = {}
    for e in result.exceptions:
        assert e.check == "EFT6002"
        found.setdefault(e.claim_number, []).append(e.reason)
    assert found["NOSUCH01"] == ["There is no claim with this number."]
    assert found[c.number] == [f"Line 1 (99214 on {c.dos.isoformat()}) matches none of the claim's service lines."]
    assert found[d.number] == ["Line 1 (99213): charge 125.00 is not paid 115.00 plus adjustments 0.00.",
                               "Charge 140.00 is not paid 130.00 plus adjustments 0.00."]
    assert found[never_sent] == ["The claim is draft: it was never submitted to the payer."]
    assert found[""] == ["The check total $570.00 is not the claims' payments $675.00 less provider adjustments "
                         "$0.00."]
    assert b.number not in found
    # nothing of the second check was posted, not even the claim that had no exception
    assert status_of(desk.ws, b.number) == "submitted"
    assert balance(desk.ws, b, 0, Party.PRIMARY) == before_b
    assert result.check_status[f"{desk.aetna.id}|EFT6002|{result.plan.sha256}"] == "exceptions"
    assert not result.nothing_posted_because_of_errors


def test_an_already_posted_claim_in_a_new_check_is_an_exception(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    era_import.import_835(desk.ws, write(tmp_path, "a.835", interchange(header("140.00", "EFT7001")
                                                                       + paid_in_full(a, "AET71"))))
    plan = era_import.plan_import(desk.ws, interchange(header("140.00", "EFT7002") + paid_in_full(a, "AET72")),
                                  "b.835")
    [check] = plan.checks
    [exc] = check.exceptions
    assert exc.claim_number == a.number and exc.reason.startswith("It was already posted: batch ")


def test_unknown_payer_is_an_exception_for_the_whole_check(desk: Desk) -> None:
    [a] = submitted_claims(desk, 1)
    text = interchange(header("140.00", "EFT8001").replace("N1*PR*AETNA~", "N1*PR*ACME HEALTH*XV*99999~")
                       .replace("REF*2U*60054~\n", "")
                       + paid_in_full(a))
    [check] = era_import.plan_import(desk.ws, text, "acme.835").checks
    assert check.payer_id is None and check.batch is None
    [exc] = check.exceptions
    assert exc.claim_number == "" and "ACME HEALTH (payer id 99999) is not one of ours" in exc.reason


def test_payer_found_by_name_and_line_by_its_control_number(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    # no REF*2U and N1*PR without an id: found by name; the payer re-coded 36415 as 36416 but sent our REF*6R
    text = interchange(header("140.00", "EFT8002").replace("REF*2U*60054~\n", "") + f"""
CLP*{a.number}*1*140*140**12*AET81*11*1~
SVC*HC:99213*125*125**1~
DTM*472*{a.dos8}~
SVC*HC:36416*15*15**1~
DTM*472*{a.dos8}~
REF*6R*{a.line_ids[1]}~
""")
    result = era_import.import_835(desk.ws, write(tmp_path, "byname.835", text))
    assert result.exceptions == () and len(result.posted) == 1
    assert [balance(desk.ws, a, i, Party.PRIMARY) for i in (0, 1)] == [0, 0]


def test_dry_run_writes_nothing_and_shows_what_would_post(desk: Desk, tmp_path: Path) -> None:
    [a] = submitted_claims(desk, 1)
    path = write(tmp_path, "dry.835", interchange(header("68.00", "EFT9001") + CONTRACTUAL.format(a=a.number,
                                                                                                  dos=a.dos8)))
    before = row_counts(desk.ws)
    result = era_import.import_835(desk.ws, path, dry_run=True)
    assert result.dry_run and result.posted == () and result.exceptions == ()
    [check] = result.plan.checks
    assert check.preview is not None and check.preview.ok
    [effect] = check.preview.claims
    assert (effect.paid_cents, effect.written_down_cents, effect.moved_cents, effect.moved_to) == (6800, 3000, 4200,
                                                                                                 "patient")
    assert row_counts(desk.ws) == before
    assert len(era_import.import_835(desk.ws, path).posted) == 1  # and the real import posts it


# --- bad files --------------------------------------------------------------------------------------------------
def test_truncated_and_malformed_files_are_refused_with_the_segment_and_nothing_is_posted(
        desk: Desk, tmp_path: Path) -> None:
    a, b = submitted_claims(desk, 2)
    good = interchange(header("140.00", "EFT9101") + paid_in_full(a), header("140.00", "EFT9102") + paid_in_full(b))
    before = row_counts(desk.ws)
    truncated = good[:good.index("ST*835*0002")]  # cut in the middle: the first check is whole, the file is not
    with pytest.raises(ServiceError) as cut:
        era_import.import_835(desk.ws, write(tmp_path, "cut.835", truncated))
    assert "cut.835 can't be imported: Segment" in str(cut.value) and "Nothing was posted." in str(cut.value)
    assert "cut short" in str(cut.value) or "no SE" in str(cut.value) or "GE" in str(cut.value)
    malformed = good.replace(f"CLP*{b.number}*1*140*140", f"CLP*{b.number}*1*140*14O")
    with pytest.raises(ServiceError) as bad:
        era_import.import_835(desk.ws, write(tmp_path, "bad.835", malformed))
    lines = malformed.splitlines()
    number = next(i for i, line in enumerate(lines, 1) if line.startswith(f"CLP*{b.number}"))
    assert f"Segment {number}: CLP04 '14O' is not a number." in str(bad.value)
    assert row_counts(desk.ws) == before
    assert status_of(desk.ws, a.number) == "submitted"


def test_every_shared_sample_plans_without_crashing(desk: Desk) -> None:
    names = sorted({p.name for p in SAMPLES.glob("*.835")} | {p.name for p in SAMPLES.glob("edi835p__*.txt")}
                   | {"pyx12__835_mult_loops.txt"})
    assert len(names) == 9
    before = row_counts(desk.ws)
    for name in names:
        plan = era_import.plan_import(desk.ws, (SAMPLES / name).read_text(), name)
        assert plan.checks, name
        for check in plan.checks:
            # none of these payers or claims are ours: each check is an exception, never a crash
            assert check.status == "exceptions", (name, check)
            assert all(e.reason for e in check.exceptions)
    assert row_counts(desk.ws) == before


def test_a_sample_with_a_payer_of_ours_lists_each_claim_we_do_not_have(desk: Desk) -> None:
    from dataclasses import replace

    from medbill_desktop.services import reference_data

    reference_data.save_payer(desk.ws, replace(desk.medicare, edi_id="87726"))
    text = (SAMPLES / "edi835p__united_healthcare_legacy_sample.txt").read_text()
    [check] = era_import.plan_import(desk.ws, text, "uhc.txt").checks
    assert check.payer_id == desk.medicare.id
    assert {e.claim_number: e.reason for e in check.exceptions} == {
        n: "There is no claim with this number." for n in check.claim_numbers}


def test_a_refusal_of_the_posting_service_is_listed_and_that_check_posts_nothing(desk: Desk, tmp_path: Path) -> None:
    """Someone moved the 99213 balance to the patient by hand before the remittance came: the payer now owes
    nothing on that line, and the posting service refuses the check (the import lists why)."""
    a, b = submitted_claims(desk, 2)
    ledger.post(desk.ws, transfer(receivable(a.line_ids[0], Party.PRIMARY, a.account),
                                  receivable(a.line_ids[0], Party.PATIENT, a.account), 12500, desk.today))
    text = interchange(header("140.00", "EFT9201") + paid_in_full(b, "AET91"),
                       header("140.00", "EFT9202") + paid_in_full(a, "AET92"))
    before = row_counts(desk.ws)
    result = era_import.import_835(desk.ws, write(tmp_path, "moved.835", text))
    assert [p.trace for p in result.posted] == ["EFT9201"]
    [refused] = result.exceptions
    assert (refused.check, refused.claim_number) == ("EFT9202", a.number)
    assert "is more than what Aetna owes on the line ($0.00)" in refused.reason
    assert result.plan.checks[1].exceptions == (refused,)
    assert row_counts(desk.ws)["claim_adjudications"] == before["claim_adjudications"] + 1
    assert status_of(desk.ws, a.number) == "submitted"
