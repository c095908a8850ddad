"""The appeal letter renderer on its own: plain data in, a letter whose text carries the claim's facts out."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import date

import pdfplumber

from medbill_desktop.documents.appeal_letter import (
    PAGE,
    AppealLetterData,
    AppealLine,
    CodeText,
    render_appeal_letter,
)

DATA = AppealLetterData(
    practice_name="Maple Street Family Practice",
    practice_address=("418 Maple Street", "Suite 200", "Evanston, IL 60201-3417"),
    practice_phone="(847) 555-0142", practice_npi="1234567893", practice_tax_id="12-3456789",
    letter_date=date(2026, 11, 2),
    payer_name="Medicare Part B", payer_address=("PO Box 6475", "Indianapolis, IN 46206"),
    patient_name="García-López, María", patient_dob=date(1958, 4, 9), member_id="1EG4TE5MK73",
    group_number="GRP1",
    claim_number="KQD000042", payer_claim_reference="PCN-2026-77810",
    dates_of_service=(date(2026, 10, 1),),
    lines=(AppealLine(date(2026, 10, 1), "99214-25", 1, 18000, 0, "CO-50 $180.00"),
           AppealLine(date(2026, 10, 1), "36415", 1, 1500, 0, "CO-50 $15.00")),
    denial_reasons=(CodeText("CO-50", "Not considered medically necessary by the payer"),),
    remarks=(CodeText("N115", "This decision was based on a local coverage determination"),),
    denied_on=date(2026, 10, 20),
    argument="The visit treated a hypertensive urgency documented in the enclosed notes.\n\n"
             "Blood pressure was 190/120 at check-in; the LCD lists this diagnosis as covered.",
    signer_name="Betty Biller", signer_title="Biller",
    enclosures=("office notes of 10/01/2026",),
)


def _pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert all((float(p.width), float(p.height)) == PAGE for p in doc.pages)
        return [p.extract_text() for p in doc.pages]


def test_the_letter_carries_the_claims_facts() -> None:
    pages = _pages(render_appeal_letter(DATA))
    assert len(pages) == 1
    text = pages[0]
    for expected in (
            "Maple Street Family Practice", "418 Maple Street", "Evanston, IL 60201-3417", "(847) 555-0142",
            "NPI 1234567893", "Tax ID 12-3456789", "11/02/2026",
            "Medicare Part B", "PO Box 6475", "Indianapolis, IN 46206", "Attn: Appeals",
            "Re: Appeal of the denial of claim KQD000042 (your claim number PCN-2026-77810)",
            "Patient García-López, María", "Date of birth 04/09/1958", "Member ID 1EG4TE5MK73", "Group number GRP1",
            "Our claim number KQD000042", "Your claim number PCN-2026-77810", "Date(s) of service 10/01/2026",
            "Amount billed $195.00", "Denied on 10/20/2026",
            "99214-25", "$180.00", "36415", "$15.00", "CO-50 $180.00",
            "CO-50 Not considered medically necessary by the payer",
            "N115 This decision was based on a local coverage determination",
            "hypertensive urgency", "190/120 at check-in",
            "Sincerely,", "Betty Biller", "Biller", "Enclosures: office notes of 10/01/2026",
            "appeal of claim KQD000042", "Page 1"):
        assert expected in text, expected


def test_the_letter_tells_what_is_not_on_file() -> None:
    bare = replace(DATA, payer_address=(), payer_claim_reference="", remarks=(), patient_dob=None, denied_on=None,
                   enclosures=(), group_number="")
    text = _pages(render_appeal_letter(bare))[0]
    assert "your claim number" not in text
    assert "Remark codes" not in text
    assert "Your claim number —" in text
    assert "Date of birth —" in text
    assert "Denied on" not in text
    assert "Enclosures" not in text


def test_a_long_argument_flows_onto_more_pages_and_several_dates_are_a_range() -> None:
    long = replace(DATA, argument="\n\n".join(f"Paragraph {n}: " + "the record shows the service was needed. " * 12
                                              for n in range(1, 16)),
                   dates_of_service=(date(2026, 10, 1), date(2026, 10, 8), date(2026, 10, 15), date(2026, 10, 22)))
    pages = _pages(render_appeal_letter(long))
    assert len(pages) >= 2
    assert "Date(s) of service 10/01/2026 to 10/22/2026" in pages[0]
    assert "Paragraph 15:" in "".join(pages)
    assert "Sincerely," in pages[-1] and "Page 2" in pages[1]


def test_markup_in_the_argument_is_printed_as_typed() -> None:
    text = _pages(render_appeal_letter(replace(DATA, argument="Units <b>2</b> & modifier 59 were correct.")))[0]
    assert "Units <b>2</b> & modifier 59 were correct." in text
