"""The 837P writer: every interchange written here must pass pyx12's 005010X222A1 validation
(`x12n_document` returns True), and the content is checked segment by segment."""

from __future__ import annotations

import copy
import io
import logging
import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import pytest

pyx12_params = pytest.importorskip("pyx12.params")
x12n = pytest.importorskip("pyx12.x12n_document")

from medbill_desktop.domain.claim_form import build_dataclass  # noqa: E402
from medbill_desktop.domain.errors import DomainError  # noqa: E402
from medbill_desktop.edi.claim837 import amount, write_837p  # noqa: E402
from medbill_desktop.edi.model import ClaimExport, Clearinghouse  # noqa: E402
from medbill_desktop.edi.x12 import ControlNumbers, Segment, tokenize  # noqa: E402

NOW = datetime(2026, 11, 2, 14, 30, 5)
CLEARINGHOUSE = Clearinghouse(
    receiver_name="Acme Clearinghouse", receiver_id="ACMECH", submitter_name="Maple Family Practice",
    submitter_id="MAPLE01", contact_name="Dana Billing", contact_phone="(555) 201-3000",
    isa_sender_qualifier="ZZ", isa_sender_id="MAPLE01", isa_receiver_qualifier="ZZ", isa_receiver_id="ACMECH",
)
CONTROL = ControlNumbers(interchange=41, group=17, transaction=9)

# --- readable fixtures: a claim written out as data (ClaimExport's fields, nested) ---------------------------

MAPLE = {"npi": "1234567893", "taxonomy": "207Q00000X", "organization_name": "Maple Family Practice",
         "tax_id": "123456789", "tax_id_type": "EIN",
         "address": {"line1": "100 Main St.", "line2": "Suite 2", "city": "Springfield", "state": "IL",
                     "zip_code": "62701-1234"},
         "phone": "5552013000", "bills": True, "id": "prov-maple"}
DR_LEE = {"npi": "1987654328", "taxonomy": "207Q00000X", "last_name": "Lee", "first_name": "Ann",
          "middle_initial": "M", "credentials": "MD", "id": "prov-lee"}
AETNA = {"name": "Aetna", "plan_type": "group_health_plan", "submission": "electronic", "edi_id": "60054",
         "id": "payer-aetna"}
MEDICARE = {"name": "Medicare Part B Illinois", "plan_type": "medicare", "submission": "electronic",
            "edi_id": "00952", "id": "payer-mcr"}
PATIENT = {"last_name": "Smith", "first_name": "John", "middle_name": "Q", "date_of_birth": "1950-04-12",
           "sex": "M", "address": {"line1": "12 Oak Ave", "city": "Springfield", "state": "IL",
                                   "zip_code": "62704"},
           "home_phone": "5551112222", "release_signed_on": "2026-01-05", "account_number": "SMI1001",
           "id": "pat-1"}

SIMPLE: dict[str, Any] = {
    "claim_number": "C26-000101",
    "claim": {
        "patient": PATIENT,
        "coverage": {"patient_id": "pat-1", "payer_id": "payer-aetna", "rank": "primary",
                     "member_id": "W123456789", "group_number": "GRP-77", "plan_name": "Aetna Choice POS II",
                     "id": "cov-aetna"},
        "payer": AETNA,
        "billing_provider": MAPLE,
        "rendering_provider": DR_LEE,
        "encounter": {
            "patient_id": "pat-1", "date_of_service": "2026-10-20", "place_of_service": "11",
            "diagnoses": ["E119", "I10"],
            "current_illness": {"qualifier": "431", "on": "2026-10-01"},
            "lines": [
                {"procedure": "99214", "charge_cents": "145.50", "modifiers": ["25"], "pointers": [1, 2],
                 "id": "line-1"},
                {"procedure": "82947", "charge_cents": "18.00", "pointers": [1], "id": "line-2"},
            ],
            "status": "finalized",
        },
    },
}


def merged(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(dict(base))
    for key, value in changes.items():
        if isinstance(value, Mapping) and isinstance(out.get(key), Mapping):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def claim(data: Mapping[str, Any]) -> ClaimExport:
    export: ClaimExport = build_dataclass(ClaimExport, data)
    return export


def with_encounter(base: Mapping[str, Any], **encounter: Any) -> dict[str, Any]:
    return merged(base, {"claim": {"encounter": encounter}})


SEVEN_LINES = with_encounter(SIMPLE, lines=[
    {"procedure": code, "charge_cents": f"{20 + n}.25", "pointers": [1], "id": f"line-{n}",
     "from_date": f"2026-10-{10 + n}"}
    for n, code in enumerate(["99213", "36415", "80053", "85025", "81002", "93000", "71046", "G0439"], start=1)
])

TWELVE_DIAGNOSES = with_encounter(SIMPLE, diagnoses=[
    "E119", "I10", "E785", "M545", "J069", "R5383", "Z0000", "K219", "F419", "G4700", "N390", "L409",
], lines=[
    {"procedure": "99215", "charge_cents": "210.00", "pointers": [1, 2, 3, 4], "id": "line-1"},
    {"procedure": "99406", "charge_cents": "35.00", "pointers": [9, 10, 11, 12], "id": "line-2"},
])

REPLACEMENT = merged(SIMPLE, {"claim_number": "C26-000101R",
                              "claim": {"frequency": "7", "original_reference": "AET2026103100042"}})
VOID = merged(SIMPLE, {"claim": {"frequency": "8", "original_reference": "AET2026103100042"}})

NDC = with_encounter(SIMPLE, lines=[
    {"procedure": "96372", "charge_cents": "25.00", "pointers": [1], "id": "line-1"},
    {"procedure": "J1885", "charge_cents": "12.40", "units": 2, "pointers": [1], "id": "line-2",
     "ndc": "00409379601", "ndc_unit": "ML", "ndc_quantity": "2"},
    {"procedure": "J3301", "charge_cents": "9.75", "pointers": [1], "id": "line-3",
     "ndc": "00003029305", "ndc_unit": "ML", "ndc_quantity": "0.5"},
])

# Medicare (the patient's own) is primary; Aetna, through the spouse's employer, is secondary. The secondary
# claim goes to Aetna with Medicare's adjudication in 2320/2330/2430; a referring provider and an outside
# facility come along.
SECONDARY: dict[str, Any] = merged(SIMPLE, {
    "claim_number": "C26-000102",
    "claim": {
        "coverage": {"rank": "secondary", "relationship": "spouse", "member_id": "W987654321",
                     "subscriber": {"last_name": "Smith", "first_name": "Mary", "date_of_birth": "1952-08-30",
                                    "sex": "F", "address": {"line1": "12 Oak Ave", "city": "Springfield",
                                                            "state": "IL", "zip_code": "62704"}}},
        "prior_adjudications": ["primary"],
        "referring_provider": {"last_name": "Patel", "first_name": "Raj", "npi": "1456789019",
                               "qualifier": "DN", "id": "ref-patel"},
        "facility": {"name": "Maple Annex Clinic", "address": {"line1": "9 Elm St", "city": "Springfield",
                                                               "state": "IL", "zip_code": "62702"},
                     "npi": "1567890128", "id": "fac-annex"},
    },
    "other_payers": [{
        "coverage": {"patient_id": "pat-1", "payer_id": "payer-mcr", "rank": "primary",
                     "member_id": "1EG4TE5MK72", "id": "cov-mcr"},
        "payer": MEDICARE,
        "paid_cents": "98.40",
        "payer_claim_number": "MCR26300123",
        "lines": [
            {"line_id": "line-1", "paid_cents": "88.00", "adjudicated_on": "2026-10-30",
             "adjustments": [{"group": "CO", "reason": "45", "amount_cents": "35.50"},
                             {"group": "PR", "reason": "2", "amount_cents": "22.00"}]},
            {"line_id": "line-2", "paid_cents": "10.40", "adjudicated_on": "2026-10-30",
             "adjustments": [{"group": "CO", "reason": "45", "amount_cents": "5.00"},
                             {"group": "PR", "reason": "2", "amount_cents": "2.60"}]},
        ],
    }],
})


# --- helpers -------------------------------------------------------------------------------------------------

def pyx12_check(text: str) -> tuple[bool, str]:
    """pyx12's verdict and, when it fails, its error log and 999."""
    logger = logging.getLogger("pyx12")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setLevel(logging.ERROR)
    logger.addHandler(handler)
    try:
        fd_997 = io.StringIO()
        ok = x12n.x12n_document(param=pyx12_params.params(), src_file=io.StringIO(text), fd_997=fd_997,
                                fd_html=None, fd_xmldoc=None)
    finally:
        logger.removeHandler(handler)
    return bool(ok), stream.getvalue() + "\n" + fd_997.getvalue()


def export(*datas: Mapping[str, Any], control: ControlNumbers = CONTROL, usage: str = "T") -> str:
    text = write_837p([claim(d) for d in datas], control=control, clearinghouse=CLEARINGHOUSE, usage=usage,
                      now=NOW)
    ok, errors = pyx12_check(text)
    assert ok, f"pyx12 rejected the 837P:\n{errors}\n{text.replace('~', '~' + chr(10))}"
    return text


def segments(text: str) -> list[Segment]:
    return tokenize(text)[1]


def find(segs: list[Segment], seg_id: str, first: str | None = None) -> list[Segment]:
    return [s for s in segs if s.id == seg_id and (first is None or s.get(1) == first)]


# --- accepted by pyx12 ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [SIMPLE, SEVEN_LINES, TWELVE_DIAGNOSES, SECONDARY, REPLACEMENT, VOID, NDC],
                         ids=["simple", "seven-lines", "twelve-diagnoses", "secondary-cob", "replacement",
                              "void", "ndc"])
def test_each_kind_of_claim_is_accepted_by_pyx12(data: Mapping[str, Any]) -> None:
    export(data)


def test_a_batch_of_every_kind_is_one_accepted_interchange() -> None:
    text = export(SIMPLE, SEVEN_LINES, TWELVE_DIAGNOSES, SECONDARY, REPLACEMENT, VOID, NDC)
    segs = segments(text)
    assert len(find(segs, "CLM")) == 7
    assert len(find(segs, "ST")) == 1 and len(find(segs, "ISA")) == 1


def test_pyx12_catches_a_broken_file_so_the_check_is_real() -> None:
    text = write_837p([claim(SIMPLE)], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)
    broken = text.replace("SV1*HC:82947*18*UN*1", "SV1*HC:82947*18*XX*1")
    ok, errors = pyx12_check(broken)
    assert not ok and "SV1" in errors
    wrong_count = re.sub(r"SE\*\d+\*0009", "SE*3*0009", text)
    assert wrong_count != text
    assert not pyx12_check(wrong_count)[0]


# --- content -------------------------------------------------------------------------------------------------

def test_simple_claim_content() -> None:
    segs = segments(export(SIMPLE))
    (clm,) = find(segs, "CLM")
    assert clm.get(1) == "C26000101"  # item 26 without hyphens
    assert clm.get(2) == "163.5"  # 145.50 + 18.00
    assert clm.get(5) == "11:B:1"
    assert (clm.get(6), clm.get(7), clm.get(8), clm.get(9)) == ("Y", "A", "Y", "Y")
    (sbr,) = find(segs, "SBR")
    assert (sbr.get(1), sbr.get(2), sbr.get(3), sbr.get(9)) == ("P", "18", "GRP-77", "CI")
    assert [s.get(1) for s in find(segs, "NM1")] == ["41", "40", "85", "IL", "PR", "82"]
    assert find(segs, "NM1", "PR")[0].elements[-2:] == ("PI", "60054")
    assert find(segs, "NM1", "85")[0].get(3) == "MAPLE FAMILY PRACTICE"
    assert find(segs, "REF", "EI")[0].get(2) == "123456789"
    assert find(segs, "N4")[0].get(3) == "627011234"
    assert find(segs, "HI")[0].elements == ("ABK:E119", "ABF:I10")
    assert find(segs, "DTP", "431")[0].get(3) == "20261001"
    sv1 = find(segs, "SV1")
    assert sv1[0].elements == ("HC:99214:25", "145.5", "UN", "1", "", "", "1:2")
    assert sv1[1].elements == ("HC:82947", "18", "UN", "1", "", "", "1")
    assert [s.get(3) for s in find(segs, "DTP", "472")] == ["20261020", "20261020"]
    assert find(segs, "REF", "F8") == []
    assert find(segs, "DMG")[0].elements == ("D8", "19500412", "M")


def test_envelope_counts_and_control_numbers() -> None:
    text = export(SIMPLE, SECONDARY, control=ControlNumbers(interchange=1234, group=56, transaction=78))
    segs = segments(text)
    isa, gs, st = segs[0], segs[1], segs[2]
    assert len(text.split("~")[0]) == 105  # fixed-width ISA
    assert isa.get(13) == "000001234" and isa.get(15) == "T" and isa.get(11) == "^" and isa.get(16) == ":"
    assert (isa.get(6).strip(), isa.get(8).strip()) == ("MAPLE01", "ACMECH")
    assert gs.get(6) == "56" and gs.get(8) == "005010X222A1"
    assert st.elements == ("837", "0078", "005010X222A1")
    se = find(segs, "SE")[0]
    st_index, se_index = segs.index(st), segs.index(se)
    assert se.get(1) == str(se_index - st_index + 1) and se.get(2) == "0078"
    assert find(segs, "GE")[0].elements == ("1", "56")
    assert find(segs, "IEA")[0].elements == ("1", "000001234")


def test_control_numbers_increase_and_wrap() -> None:
    first = ControlNumbers(7, 8, 9)
    assert first.next() == ControlNumbers(8, 9, 10)
    assert ControlNumbers(999_999_999, 1, 999_999_999).next() == ControlNumbers(1, 2, 1)
    with pytest.raises(DomainError):
        ControlNumbers(0, 1, 1)
    a = segments(export(SIMPLE, control=first))
    b = segments(export(SIMPLE, control=first.next()))
    assert int(b[0].get(13)) == int(a[0].get(13)) + 1
    assert int(b[1].get(6)) == int(a[1].get(6)) + 1
    assert int(b[2].get(2)) == int(a[2].get(2)) + 1


def test_hl_structure_parents_and_child_codes() -> None:
    other_provider = merged(SIMPLE, {"claim_number": "C26-000200", "claim": {"billing_provider": {
        "npi": "1678901236", "tax_id": "987654321", "organization_name": "Maple Urgent Care", "id": "prov-uc"}}})
    segs = segments(export(SIMPLE, SECONDARY, other_provider))
    hls = [(s.get(1), s.get(2), s.get(3), s.get(4)) for s in find(segs, "HL")]
    assert hls == [
        ("1", "", "20", "1"),  # Maple Family Practice
        ("2", "1", "22", "0"),  # SIMPLE: the patient is the subscriber
        ("3", "1", "22", "1"),  # SECONDARY: the spouse is the subscriber ...
        ("4", "3", "23", "0"),  # ... and the patient a child level
        ("5", "", "20", "1"),  # Maple Urgent Care
        ("6", "5", "22", "0"),
    ]
    assert find(segs, "PAT")[0].elements == ("01",)
    assert [s.get(3) for s in find(segs, "NM1", "QC")] == ["SMITH"]


def test_secondary_claim_carries_the_primarys_adjudication() -> None:
    segs = segments(export(SECONDARY))
    sbrs = find(segs, "SBR")
    assert (sbrs[0].get(1), sbrs[0].get(2), sbrs[0].get(9)) == ("S", "", "CI")  # 2000B: Aetna, spouse's plan
    assert (sbrs[1].get(1), sbrs[1].get(2), sbrs[1].get(9)) == ("P", "18", "MB")  # 2320: Medicare, the patient
    assert find(segs, "AMT", "D")[0].get(2) == "98.4"
    assert find(segs, "OI")[0].elements == ("", "", "Y", "", "", "Y")
    assert find(segs, "NM1", "PR")[1].elements[-1] == "00952"
    assert find(segs, "REF", "F8")[0].get(2) == "MCR26300123"  # 2330B: Medicare's claim number
    svds = find(segs, "SVD")
    assert [s.elements for s in svds] == [("00952", "88", "HC:99214:25", "", "1"), ("00952", "10.4", "HC:82947",
                                                                                    "", "1")]
    cas = [s.elements for s in find(segs, "CAS")]
    assert cas == [("CO", "45", "35.5"), ("PR", "2", "22"), ("CO", "45", "5"), ("PR", "2", "2.6")]
    assert [s.get(3) for s in find(segs, "DTP", "573")] == ["20261030", "20261030"]
    assert find(segs, "NM1", "DN")[0].elements[-1] == "1456789019"
    assert find(segs, "NM1", "77")[0].get(3) == "MAPLE ANNEX CLINIC"


def test_claim_level_adjustments_go_in_2320() -> None:
    data = merged(SECONDARY, {})
    data["other_payers"][0]["lines"] = []
    data["other_payers"][0]["adjudicated_on"] = "2026-10-30"
    data["other_payers"][0]["adjustments"] = [
        {"group": "CO", "reason": "45", "amount_cents": "40.50"},
        {"group": "PR", "reason": "1", "amount_cents": "10.00"},
        {"group": "PR", "reason": "2", "amount_cents": "14.60"}]
    segs = segments(export(data))
    assert [s.elements for s in find(segs, "CAS")] == [("CO", "45", "40.5"), ("PR", "1", "10", "", "2", "14.6")]
    assert find(segs, "DTP", "573")[0].get(3) == "20261030"
    assert find(segs, "SVD") == []


def test_replacement_and_void_carry_the_payers_reference() -> None:
    for data, frequency in ((REPLACEMENT, "7"), (VOID, "8")):
        segs = segments(export(data))
        assert find(segs, "CLM")[0].get(5) == f"11:B:{frequency}"
        assert find(segs, "REF", "F8")[0].get(2) == "AET2026103100042"


def test_replacement_without_reference_is_refused() -> None:
    data = merged(REPLACEMENT, {"claim": {"original_reference": ""}})
    with pytest.raises(DomainError, match="claim number of the claim replaced"):
        write_837p([claim(data)], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)


def test_ndc_lines_write_lin_and_ctp() -> None:
    segs = segments(export(NDC))
    assert [s.elements for s in find(segs, "LIN")] == [("", "N4", "00409379601"), ("", "N4", "00003029305")]
    assert [s.elements for s in find(segs, "CTP")] == [("", "", "", "2", "ML"), ("", "", "", "0.5", "ML")]


def test_twelve_diagnoses_and_seven_lines() -> None:
    segs = segments(export(TWELVE_DIAGNOSES))
    hi = find(segs, "HI")[0].elements
    assert len(hi) == 12 and hi[0] == "ABK:E119" and hi[11] == "ABF:L409"
    assert find(segs, "SV1")[1].get(7) == "9:10:11:12"
    segs = segments(export(SEVEN_LINES))
    assert [s.get(1) for s in find(segs, "LX")] == [str(n) for n in range(1, 9)]
    assert find(segs, "CLM")[0].get(2) == amount(sum(2025 + 100 * n for n in range(1, 9)))
    assert find(segs, "DTP", "472")[7].get(3) == "20261018"


def test_text_is_cleaned_of_separators() -> None:
    data = merged(SIMPLE, {"claim": {"patient": {"last_name": "O'Brien*Smith~", "address": {
        "line1": "12 Oak Ave: Apt ^3"}}}})
    text = export(data)
    segs = segments(text)
    assert find(segs, "NM1", "IL")[0].get(3) == "OBRIEN SMITH"
    assert find(segs, "N3")[1].get(1) == "12 OAK AVE APT 3"


def test_repetition_separator_and_usage_are_configurable() -> None:
    from dataclasses import replace
    text = write_837p([claim(SIMPLE)], control=CONTROL, clearinghouse=replace(CLEARINGHOUSE,
                      repetition_separator="{"), usage="P", now=NOW)
    ok, errors = pyx12_check(text)
    assert ok, errors
    isa = segments(text)[0]
    assert isa.get(11) == "{" and isa.get(15) == "P"


def test_missing_facts_are_refused_with_the_claim_number() -> None:
    no_payer_id = merged(SIMPLE, {"claim": {"payer": {"edi_id": ""}}})
    with pytest.raises(DomainError, match="Claim C26-000101: the payer ID of Aetna is missing"):
        write_837p([claim(no_payer_id)], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)
    self_pay = merged(SIMPLE, {"claim": {"coverage": None, "payer": None}})
    with pytest.raises(DomainError, match="self-pay"):
        write_837p([claim(self_pay)], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)
    unbalanced = merged(SECONDARY, {})
    unbalanced["other_payers"][0]["lines"][1]["paid_cents"] = "11.40"
    with pytest.raises(DomainError, match="paid 11.4 and adjusted 7.6 on 82947, which does not add up to its "
                                          "charge of 18"):
        write_837p([claim(unbalanced)], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)
    with pytest.raises(DomainError, match="no claims"):
        write_837p([], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)


def test_amount_formatting() -> None:
    assert [amount(c) for c in (14550, 8000, 5, 10, 123456, -250)] == ["145.5", "80", "0.05", "0.1", "1234.56",
                                                                       "-2.5"]


def test_accident_ordering_and_supervising_providers_are_accepted() -> None:
    accident = merged(SIMPLE, {"extras": {"auto_accident": True, "auto_accident_state": "IL",
                                          "employment_related": True,
                                          "hospitalization": {"start": "2026-10-02", "end": "2026-10-04"}},
                               "claim": {"referring_provider": {"last_name": "Patel", "first_name": "Raj",
                                                                "npi": "1456789019", "qualifier": "DK"}}})
    segs = segments(export(accident))
    assert find(segs, "CLM")[0].get(11) == "EM:AA::IL"
    assert [s.get(1) for s in find(segs, "DTP")][:3] == ["431", "435", "096"]
    assert len(find(segs, "NM1", "DK")) == 2  # 2420E on each line
    supervised = merged(SIMPLE, {"claim": {"referring_provider": {"last_name": "Patel", "first_name": "Raj",
                                                                  "npi": "1456789019", "qualifier": "DQ"}}})
    assert find(segments(export(supervised)), "NM1", "DQ")[0].elements[-1] == "1456789019"


def test_claim_facts_go_in_2010ba_2010ca_and_2300() -> None:
    facts = {"other_claim_id": "SF-2026-417", "unable_to_work": {"start": "2026-10-20"},
             "hospitalization": {"start": "2026-10-20"}, "additional_info": "Passenger",
             "attachments": [{"report_type": "09", "transmission": "FX", "control_number": "ACN77120"},
                             {"report_type": "RR", "transmission": "AA"}]}
    segs = segments(export(merged(SIMPLE, {"extras": facts})))
    assert find(segs, "REF", "Y4")[0].get(2) == "SF-2026-417"
    assert segs.index(find(segs, "REF", "Y4")[0]) < segs.index(find(segs, "NM1", "PR")[0])  # in 2010BA
    assert find(segs, "DTP", "360")[0].get(3) == "20261020" and find(segs, "DTP", "096") == []
    assert [s.elements for s in find(segs, "PWK")] == [("09", "FX", "", "", "AC", "ACN77120"), ("RR", "AA")]
    assert segs.index(find(segs, "PWK")[1]) < segs.index(find(segs, "NTE")[0]) < segs.index(find(segs, "HI")[0])
    # the patient is not the subscriber: the property and casualty claim number goes with the patient (2010CA)
    segs = segments(export(merged(SECONDARY, {"extras": {**facts, "unable_to_work": {
        "start": "2026-10-20", "end": "2026-11-15"}}})))
    y4 = find(segs, "REF", "Y4")[0]
    assert segs.index(find(segs, "NM1", "QC")[0]) < segs.index(y4) < segs.index(find(segs, "CLM")[0])
    assert find(segs, "DTP", "314")[0].elements == ("314", "RD8", "20261020-20261115")


def test_a_batch_is_split_into_transaction_sets_of_at_most_5000_claims() -> None:
    from medbill_desktop.edi.claim837 import MAX_CLAIMS_PER_SET, controls_after, write_837p_sets

    others = [merged(SIMPLE, {"claim_number": f"C26-{n:06d}"}) for n in range(300, 305)]
    small = write_837p_sets([claim(d) for d in (SIMPLE, SECONDARY, *others)], control=CONTROL,
                            clearinghouse=CLEARINGHOUSE, usage="T", now=NOW, claims_per_set=3)
    ok, errors = pyx12_check(small.text)
    assert ok, errors
    segs = segments(small.text)
    assert [s.get(2) for s in find(segs, "ST")] == ["0009", "0010", "0011"]
    assert [s.get(2) for s in find(segs, "SE")] == ["0009", "0010", "0011"]
    assert [s.get(3) for s in find(segs, "BHT")] == ["41-9", "41-10", "41-11"]
    assert find(segs, "GE")[0].elements == ("3", "17") and len(find(segs, "ISA")) == 1
    assert [len(numbers) for _, numbers in small.sets] == [3, 3, 1]
    assert small.transaction_of("C26-000102") == "0009" and small.transaction_of("C26-000304") == "0011"
    assert small.next_control == ControlNumbers(42, 18, 12)
    # each set starts its hierarchy again with the billing provider
    assert [s.get(1) for s in find(segs, "HL") if s.get(3) == "20"] == ["1", "1", "1"]
    assert controls_after(ControlNumbers(999_999_999, 5, 999_999_998), 3) == ControlNumbers(1, 6, 2)

    many = [claim(merged(SIMPLE, {"claim_number": f"C{n:07d}"})) for n in range(MAX_CLAIMS_PER_SET + 1)]
    big = write_837p_sets(many, control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW)
    assert [(st02, len(numbers)) for st02, numbers in big.sets] == [("0009", 5000), ("0010", 1)]
    assert big.text.count("~ST*837*") == 2 and big.text.count("~CLM*") == MAX_CLAIMS_PER_SET + 1
    with pytest.raises(DomainError, match="1 to 5000 claims"):
        write_837p_sets(many[:1], control=CONTROL, clearinghouse=CLEARINGHOUSE, usage="T", now=NOW,
                        claims_per_set=5001)


@pytest.mark.parametrize("name", ["ims__837_5010__x12_valid_different_separators.txt",
                                  "ims__837_5010__x12_complex.txt", "lfh__837_005010X222A2__demo.cob.example4.837"])
def test_tokenizer_reads_real_files_with_their_own_separators(name: str) -> None:
    from pathlib import Path
    path = Path("/work/shared/samples/x12") / name
    if not path.exists():
        pytest.skip("shared samples not present")
    seps, segs = tokenize(path.read_text())
    assert segs[0].id == "ISA" and segs[-1].id == "IEA"
    assert len(find(segs, "CLM")) >= 1
    assert all(s.id.isalnum() for s in segs) and seps.element != seps.component
