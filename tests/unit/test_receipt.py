"""The receipt renderer on its own: plain data in, a one-page PDF whose text carries every fact out."""

from __future__ import annotations

import io
from datetime import date

import pdfplumber

from medbill_desktop.documents.receipt import PAGE, ReceiptData, render_receipt

DATA = ReceiptData(
    practice_name="Maple Street Family Practice", practice_address=("418 Maple Street", "Suite 200",
                                                                    "Evanston, IL 60201-3417"),
    practice_phone="(847) 555-0142", receipt_number="KQD000007", received_on=date(2026, 11, 2),
    patient_name="García-López, María", account_number="KQD000123", method="Check no. 1042",
    amount_cents=12345, applied_cents=0, credit_cents=12345, received_by="Frank Delgado",
    visit_date=date(2026, 11, 2))


def _text(pdf: bytes) -> tuple[str, tuple[float, float]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        page = doc.pages[0]
        return page.extract_text(), (float(page.width), float(page.height))


def test_the_receipt_carries_every_fact() -> None:
    text, size = _text(render_receipt(DATA))
    assert size == PAGE
    for expected in ("Maple Street Family Practice", "418 Maple Street", "Evanston, IL 60201-3417", "(847) 555-0142",
                     "PAYMENT RECEIPT", "Receipt no. KQD000007", "Date: 11/02/2026", "Patient: García-López, María",
                     "Account number: KQD000123", "Payment method: Check no. 1042",
                     "For the visit of: 11/02/2026", "Received by: Frank Delgado", "Amount received $123.45",
                     "Held as credit on your account $123.45"):
        assert expected in text, expected
    assert "Applied to charges" not in text


def test_applied_and_credit_parts_are_shown_when_there_are_both() -> None:
    from dataclasses import replace

    text, _ = _text(render_receipt(replace(DATA, applied_cents=10000, credit_cents=2345, visit_date=None)))
    assert "Applied to charges $100.00" in text
    assert "Held as credit on your account $23.45" in text
    assert "For the visit of" not in text


def test_the_same_data_renders_the_same_bytes() -> None:
    assert render_receipt(DATA) == render_receipt(DATA)


def test_each_visit_paid_is_listed_under_the_applied_amount() -> None:
    from dataclasses import replace

    visits = ((date(2026, 9, 14), 14000), (date(2026, 10, 13), 1000))
    text, _ = _text(render_receipt(replace(DATA, applied_cents=15000, credit_cents=0, visit_date=None,
                                           visits_paid=visits)))
    assert "Applied to charges $150.00\nVisit of 09/14/2026 $140.00\nVisit of 10/13/2026 $10.00" in text


def test_many_visits_keep_the_receipt_to_one_page() -> None:
    from dataclasses import replace

    visits = tuple((date(2026, m, 2), 1000 * m) for m in range(1, 10))  # nine visits, $10 to $90
    text, _ = _text(render_receipt(replace(DATA, applied_cents=45000, credit_cents=0, visits_paid=visits)))
    assert "5 earlier visits $150.00" in text  # January to May
    assert "Visit of 06/02/2026 $60.00" in text and "Visit of 09/02/2026 $90.00" in text
    assert "Visit of 05/02/2026" not in text
