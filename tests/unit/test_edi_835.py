"""The 835 reader: every shared sample, small remittances written by hand per 005010X221A1, bad input, fuzz."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from medbill_desktop.edi.remit835 import Adjustment, Remittance, read_835
from medbill_desktop.edi.x12 import X12SyntaxError

SAMPLES = Path("/work/shared/samples/x12")
ISA = "ISA*00*          *00*          *ZZ*BIGPAYER       *ZZ*MAPLE01        *261103*0915*^*00501*000000777*0*P*:~"


def interchange(*bodies: str) -> str:
    """Wrap transaction bodies (the segments between ST and SE, one per line) in ISA/GS/ST/SE/GE/IEA."""
    out = [ISA, "GS*HP*BIGPAYER*MAPLE01*20261103*0915*7*X*005010X221A1~"]
    for i, body in enumerate(bodies, 1):
        segs = [s.strip() for s in body.strip().splitlines() if s.strip()]
        out.append(f"ST*835*{i:04d}~")
        out.extend(segs)
        out.append(f"SE*{len(segs) + 2}*{i:04d}~")
    out += [f"GE*{len(bodies)}*7~", "IEA*1*000000777~"]
    return "\n".join(out) + "\n"


HEADER = """
BPR*I*{paid}*C*ACH*CCP*01*111000025*DA*123456*1512345678**01*222000111*DA*98765*20261105~
TRN*1*EFT20261105*1512345678~
DTM*405*20261104~
N1*PR*BIG PAYER INC~
REF*2U*60054~
N1*PE*MAPLE FAMILY PRACTICE*XX*1234567893~
REF*TJ*123456789~
LX*1~
"""


def one(body: str) -> Remittance:
    result = read_835(interchange(body))
    assert len(result) == 1
    return result[0]


# --- the shared samples ---------------------------------------------------------------------------------------

def sample(name: str) -> list[Remittance]:
    return read_835((SAMPLES / name).read_text())


def test_every_shared_835_sample_reads() -> None:
    names = sorted({p.name for p in SAMPLES.glob("lfh__835_*.835")} | {p.name for p in SAMPLES.glob("edi835p__*.txt")}
                   | {"pyx12__835_mult_loops.txt", "lfh__demo-file__demo.835"})
    assert len(names) == 9
    for name in names:
        assert sample(name), name


def test_managed_care_sample() -> None:
    [r] = sample("lfh__835_005010X221A1__managed-care.835")
    assert (r.total_paid_cents, r.payment_method, r.trace_number, r.payee_npi) == (94500, "ACH", "7170066655",
                                                                                   "5544667733")
    assert len(r.claims) == 2
    c = r.claims[0]
    assert (c.patient_control_number, c.charge_cents, c.paid_cents, c.patient_responsibility_cents) == \
        ("5554555444", 80000, 45000, 30000)
    assert c.adjustments == (Adjustment("CO", "A2", 5000),)
    assert c.lines[0].adjustments == (Adjustment("PR", "1", 30000),)
    assert c.lines[0].service_start == date(2002, 3, 1)
    assert r.payment_date is None and r.payment_date_text == "20002316"  # the sample's impossible date
    assert r.balance_problems() == []


def test_secondary_sample_multi_triplet_cas_and_other_component_separator() -> None:
    [r] = sample("lfh__835_005010X221A1__secondary-payment.835")
    assert len(r.claims) == 2 and r.claims[0].patient_control_number == "L0004828311"
    line = r.claims[1].lines[1]
    assert (line.code, line.modifiers, line.paid_cents, line.allowed_cents) == ("66543", ("26",), 28000, 50000)
    assert line.adjustments == (Adjustment("PR", "1", 15000), Adjustment("PR", "2", 7000), Adjustment("CO", "42", 8500))
    assert r.balance_problems() == []


def test_tertiary_and_cob_samples() -> None:
    [t] = sample("lfh__835_005010X221A1__tertiary-payment.835")
    assert t.claims[0].status_code == "3" and t.claims[0].paid_cents == 18750
    assert t.claims[0].lines[0].adjustments[0] == Adjustment("OA", "23", 157900)
    assert t.balance_problems()  # its SVC puts 24599.00 as the charge of a 1766.50 claim
    [c] = sample("lfh__835_005010X221A1__cob-contractural-adjustment.835")
    assert c.claims[0].patient_control_number == "0001000055" and c.total_paid_cents == 3400
    assert c.claims[0].lines[0].adjustments[1] == Adjustment("OA", "94", -900)
    assert c.claims[0].rendering is not None and c.claims[0].rendering.id == "34426"


@pytest.mark.parametrize("name", ["lfh__835_005010X221A1__medicare-part-a.835", "lfh__demo-file__demo.835"])
def test_medicare_part_a_samples(name: str) -> None:
    [r] = sample(name)
    assert (r.handling_code, r.total_paid_cents, r.payer_id, r.payment_date) == ("C", 15000000, "999",
                                                                               date(2002, 9, 13))
    assert [c.patient_control_number for c in r.claims] == ["666123", "777777"]
    assert r.claims[0].paid_cents == 13801840 and r.claims[0].adjustments == (Adjustment("CO", "45", 7334857),)
    assert r.claims[1].remark_codes == ("MA02",)
    [plb] = r.provider_adjustments
    assert (plb.reason_code, plb.reference, plb.amount_cents, plb.fiscal_period_date) == ("CV", "CP", -127,
                                                                                          date(2002, 12, 31))
    assert r.balance_problems() == []


def test_emedny_sample() -> None:
    [r] = sample("edi835p__emedny_sample.txt")
    assert len(r.claims) == 3 and r.total_paid_cents == 4575
    assert r.claims[0].paid_cents == 3425 and len(r.claims[0].lines) == 4
    assert r.claims[1].lines[0].adjustments == (Adjustment("CO", "29", 1200),)
    assert r.claims[2].lines[3].remark_codes == ("N206",)
    assert r.claims[0].lines[2].charge_cents == 550  # "5.5"
    assert r.balance_problems() == []


def test_united_healthcare_sample() -> None:
    [r] = sample("edi835p__united_healthcare_legacy_sample.txt")
    assert len(r.claims) == 2 and r.claims[0].patient_control_number == "001-18573-358"
    assert r.claims[1].paid_cents == 26107 and r.payer_id == "87726"
    assert r.claims[0].lines[0].control_number == "800941258001"
    assert r.claims[1].lines[2].adjustments[0] == Adjustment("PR", "2", 513)
    assert r.balance_problems() == []


def test_pyx12_denial_sample() -> None:
    [r] = sample("pyx12__835_mult_loops.txt")
    assert (r.payment_method, r.total_paid_cents) == ("NON", 0)
    [c] = r.claims
    assert (c.patient_control_number, c.status_code, c.paid_cents) == ("2005555A", "4", 0)
    assert c.lines[0].adjustments == (Adjustment("CO", "16", 50004),) and c.lines[0].remark_codes == ("N14",)


# --- our own remittances --------------------------------------------------------------------------------------

FULL_PAYMENT = HEADER.format(paid="120.00") + """
CLP*MAPLE-1001*1*120*120**12*PAYER0001*11*1~
NM1*QC*1*DOE*JANE****MI*W123456789~
SVC*HC:99213*120.00*120.00**1~
DTM*472*20261020~
REF*6R*1001-1~
AMT*B6*120.00~
"""


def test_full_payment() -> None:
    r = one(FULL_PAYMENT)
    assert (r.total_paid_cents, r.trace_number, r.trace_originator, r.production_date) == \
        (12000, "EFT20261105", "1512345678", date(2026, 11, 4))
    assert (r.payer_name, r.payer_id, r.payee_npi, r.payee_tin) == ("BIG PAYER INC", "60054", "1234567893",
                                                                    "123456789")
    [c] = r.claims
    assert (c.charge_cents, c.paid_cents, c.patient_responsibility_cents, c.frequency_code) == (12000, 12000, 0, "1")
    assert c.patient is not None and (c.patient.last_name, c.patient.id) == ("DOE", "W123456789")
    [line] = c.lines
    assert (line.qualifier, line.code, line.units, line.service_date, line.control_number) == \
        ("HC", "99213", 1, date(2026, 10, 20), "1001-1")
    assert r.balance_problems() == []


def test_contractual_deductible_and_coinsurance() -> None:
    r = one(HEADER.format(paid="64.00") + """
CLP*MAPLE-1002*1*145.5*64*36*12*PAYER0002*11*1~
NM1*QC*1*ROE*RICHARD****MI*W987654321~
SVC*HC:99214:25*145.5*64**1~
DTM*472*20261021~
CAS*CO*45*45.5~
CAS*PR*1*20**2*16~
AMT*B6*100~
""")
    [c] = r.claims
    assert (c.charge_cents, c.paid_cents, c.patient_responsibility_cents) == (14550, 6400, 3600)
    line = c.lines[0]
    assert line.modifiers == ("25",) and line.allowed_cents == 10000
    assert line.adjustments == (Adjustment("CO", "45", 4550), Adjustment("PR", "1", 2000), Adjustment("PR", "2", 1600))
    assert r.balance_problems() == []


def test_denial_with_remarks() -> None:
    r = one(HEADER.format(paid="0") + """
CLP*MAPLE-1003*4*80*0**12*PAYER0003*11*1~
MOA***MA130~
SVC*HC:99212*80*0**1~
DTM*472*20261022~
CAS*CO*16*80~
LQ*HE*M51~
""")
    [c] = r.claims
    assert c.status_code == "4" and c.lines[0].adjustments == (Adjustment("CO", "16", 8000),)
    assert c.remark_codes == ("MA130",) and c.lines[0].remark_codes == ("M51",)
    assert r.balance_problems() == []


def test_reversal_then_corrected_claim() -> None:
    r = one(HEADER.format(paid="10.00") + """
CLP*MAPLE-1004*22*-100*-80**12*PAYER0004*11*1~
SVC*HC:99213*-100*-80**-1~
DTM*472*20261001~
CAS*CO*45*-20~
CLP*MAPLE-1004*1*100*90**12*PAYER0005*11*1~
SVC*HC:99213*100*90**1~
DTM*472*20261001~
CAS*CO*45*10~
""")
    reversal, corrected = r.claims
    assert reversal.is_reversal and not corrected.is_reversal
    assert (reversal.charge_cents, reversal.paid_cents) == (-10000, -8000)
    assert reversal.patient_control_number == corrected.patient_control_number == "MAPLE-1004"
    assert corrected.paid_cents == 9000
    assert reversal.lines[0].adjustments == (Adjustment("CO", "45", -2000),)
    assert r.balance_problems() == []


def test_plb_interest_and_forward_balance() -> None:
    r = one(HEADER.format(paid="117.50") + """
CLP*MAPLE-1005*1*120*120**12*PAYER0006*11*1~
SVC*HC:99213*120*120**1~
PLB*1234567893*20261231*L6:INT2026*-2.50*FB:FWD1001*5~
""")
    interest, forward = r.provider_adjustments
    assert (interest.reason_code, interest.reference, interest.amount_cents) == ("L6", "INT2026", -250)
    assert (forward.reason_code, forward.reference, forward.amount_cents) == ("FB", "FWD1001", 500)
    assert forward.fiscal_period_date == date(2026, 12, 31)
    assert r.balance_problems() == []


def test_negative_bpr_and_two_transactions() -> None:
    second = HEADER.format(paid="-40") + """
CLP*MAPLE-1006*1*50*0**12*PAYER0007*11*1~
CAS*CO*45*50~
PLB*1234567893*20261231*WO:OVERPAID1*40~
"""
    first, other = read_835(interchange(FULL_PAYMENT, second))
    assert first.total_paid_cents == 12000 and other.total_paid_cents == -4000
    assert other.provider_adjustments[0].reason_code == "WO"
    assert other.balance_problems() == []


def test_balance_problems_on_an_unbalanced_file() -> None:
    r = one(HEADER.format(paid="99.00") + """
CLP*MAPLE-1007*1*145.5*64*36*12*PAYER0008~
SVC*HC:99214*145.5*64**1~
CAS*CO*45*40~
""")
    problems = r.balance_problems()
    assert any("MAPLE-1007" in p and "line 1" in p for p in problems)
    assert any("MAPLE-1007" in p and "line" not in p for p in problems)
    assert any("BPR total 99.00" in p for p in problems)


# --- bad input ------------------------------------------------------------------------------------------------

def test_truncated_file_names_the_segment() -> None:
    text = interchange(FULL_PAYMENT)
    cut = text[: text.index("SE*")]
    with pytest.raises(X12SyntaxError, match=r"Segment \d+") as info:
        read_835(cut)
    assert info.value.segment_number > 0


def test_missing_se_before_iea() -> None:
    lines = interchange(FULL_PAYMENT).splitlines()
    text = "\n".join(x for x in lines if not x.startswith(("SE*", "GE*")))
    with pytest.raises(X12SyntaxError, match="no SE") as info:
        read_835(text)
    assert info.value.segment_number == len(lines) - 2


@pytest.mark.parametrize("bad", ["12.345", "1O.00", "1e3", "", "--1"])
def test_malformed_amount_names_segment_and_element(bad: str) -> None:
    text = interchange(FULL_PAYMENT.replace("SVC*HC:99213*120.00*120.00", f"SVC*HC:99213*120.00*{bad}"))
    with pytest.raises(X12SyntaxError, match=r"Segment 14: SVC03") as info:
        read_835(text)
    assert info.value.segment_number == 14


def test_more_than_two_zero_decimals_is_still_cents() -> None:
    r = one(FULL_PAYMENT.replace("AMT*B6*120.00", "AMT*B6*120.000"))
    assert r.claims[0].lines[0].allowed_cents == 12000


@pytest.mark.parametrize(("mutate", "reason"), [
    (lambda t: t.replace("\nSE*", "\nSE*9"), "SE01"),
    (lambda t: t.replace("SVC*", "SVC*", 1).replace("CLP*MAPLE-1001", "REF*F8"), "SVC service line before any CLP"),
    (lambda t: t.replace("GE*1*7~", "CLP*X*1*1*1~\nGE*1*7~"), "outside a transaction"),
    (lambda t: t.replace("ST*835", "ST*837"), "not an 835"),
    (lambda t: t[t.index("GS*"):], "ISA"),
    (lambda t: t.replace("DTM*472*20261020", "DTM*472*20261340"), "DTM02"),
])
def test_structural_errors(mutate: object, reason: str) -> None:
    assert callable(mutate)
    with pytest.raises(X12SyntaxError, match=reason) as info:
        read_835(mutate(interchange(FULL_PAYMENT)))
    assert info.value.segment_number >= 1


# --- fuzz -----------------------------------------------------------------------------------------------------

BASE = interchange(HEADER.format(paid="64.00") + """
CLP*MAPLE-1002*1*145.5*64*36*12*PAYER0002*11*1~
CAS*CO*45*1~
NM1*QC*1*ROE*RICHARD****MI*W987654321~
MIA*0***1*MA01~
DTM*232*20261021~
QTY*CA*1~
SVC*HC:99214:25*145.5*64**1*HC:99215~
DTM*472*20261021~
CAS*PR*1*20**2*16~
LQ*HE*M51~
PLB*1234567893*20261231*L6:INT*-2.50~
""")
SEGMENTS = BASE.splitlines()

_edit = st.one_of(
    st.tuples(st.just("delete_segment"), st.integers(0, len(SEGMENTS) - 1), st.just("")),
    st.tuples(st.just("duplicate_segment"), st.integers(0, len(SEGMENTS) - 1), st.just("")),
    st.tuples(st.just("replace_segment"), st.integers(0, len(SEGMENTS) - 1),
              st.sampled_from(["CLP*A*22*-1*-1~", "SVC*HC:1*1*1~", "CAS*CO~", "PLB*1~", "SE*1*0001~", "ST*835*9~",
                               "IEA*1*1~", "ISA*1~", "LX*1~", "GS*HP~", "GE*0*7~", "BPR*I*x~"])),
    st.tuples(st.just("alter_char"), st.integers(0, len(BASE) - 1),
              st.sampled_from(list("*:~^>\n0.9-AZ "))),
    st.tuples(st.just("delete_char"), st.integers(0, len(BASE) - 1), st.just("")),
    st.tuples(st.just("insert_text"), st.integers(0, len(BASE) - 1), st.text(max_size=6)),
)


def _apply(edits: list[tuple[str, int, str]]) -> str:
    segs = list(SEGMENTS)
    text_edits = []
    for kind, pos, value in edits:
        if kind.endswith("_segment") and segs:
            i = pos % len(segs)
            if kind == "delete_segment":
                del segs[i]
            elif kind == "duplicate_segment":
                segs.insert(i, segs[i])
            else:
                segs[i] = value
        else:
            text_edits.append((kind, pos, value))
    text = "\n".join(segs)
    for kind, pos, value in text_edits:
        if not text:
            break
        i = pos % len(text)
        if kind == "alter_char":
            text = text[:i] + value + text[i + 1:]
        elif kind == "delete_char":
            text = text[:i] + text[i + 1:]
        else:
            text = text[:i] + value + text[i:]
    return text


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_edit, min_size=1, max_size=4))
def test_fuzz_reader_returns_or_raises_syntax_error(edits: list[tuple[str, int, str]]) -> None:
    text = _apply(edits)
    try:
        result = read_835(text)
    except X12SyntaxError as exc:
        assert str(exc)
        return
    for remittance in result:
        assert isinstance(remittance.balance_problems(), list)


def test_fuzz_base_is_valid() -> None:
    [r] = read_835(BASE)
    assert r.claims[0].remark_codes == ("MA01",)
    assert r.claims[0].lines[0].original == ("HC", "99215")
