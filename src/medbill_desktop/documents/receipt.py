"""The front-desk payment receipt: one half-letter page (5.5 x 8.5 in, landscape) rendered from plain data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from io import BytesIO

from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas

from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.patients import format_date

PAGE = (8.5 * inch, 5.5 * inch)
MARGIN = 0.6 * inch


@dataclass(frozen=True, slots=True)
class ReceiptData:
    practice_name: str
    practice_address: tuple[str, ...]  # lines as printed
    practice_phone: str  # formatted
    receipt_number: str
    received_on: date
    patient_name: str
    account_number: str
    method: str  # 'Cash', 'Check no. 1042', 'Card ending 4242'
    amount_cents: int
    applied_cents: int  # applied to charges
    credit_cents: int  # held as credit on the account
    received_by: str
    visit_date: date | None = None  # the visit the payment was taken for, if any


def render_receipt(data: ReceiptData) -> bytes:
    buffer = BytesIO()
    pdf = Canvas(buffer, pagesize=PAGE, invariant=True)
    pdf.setTitle(f"Receipt {data.receipt_number}")
    pdf.setAuthor(data.practice_name)
    width, height = PAGE
    y = height - MARGIN

    pdf.setFont("Helvetica-Bold", 14)
    pdf.drawString(MARGIN, y, data.practice_name)
    pdf.setFont("Helvetica", 9)
    for line in (*data.practice_address, data.practice_phone):
        if line:
            y -= 12
            pdf.drawString(MARGIN, y, line)
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawRightString(width - MARGIN, height - MARGIN, "PAYMENT RECEIPT")
    pdf.setFont("Helvetica", 10)
    pdf.drawRightString(width - MARGIN, height - MARGIN - 16, f"Receipt no. {data.receipt_number}")
    pdf.drawRightString(width - MARGIN, height - MARGIN - 30, f"Date: {format_date(data.received_on)}")

    y -= 24
    pdf.setLineWidth(0.5)
    pdf.line(MARGIN, y, width - MARGIN, y)

    rows: list[tuple[str, str]] = [
        ("Patient", data.patient_name),
        ("Account number", data.account_number),
        ("Payment method", data.method),
    ]
    if data.visit_date is not None:
        rows.append(("For the visit of", format_date(data.visit_date)))
    rows.append(("Received by", data.received_by))
    y -= 22
    for label, value in rows:
        pdf.setFont("Helvetica", 10)
        pdf.drawString(MARGIN, y, f"{label}:")
        pdf.setFont("Helvetica-Bold", 10)
        pdf.drawString(MARGIN + 1.6 * inch, y, value)
        y -= 16

    y -= 8
    pdf.setFont("Helvetica-Bold", 13)
    pdf.drawString(MARGIN, y, "Amount received")
    pdf.drawRightString(width - MARGIN, y, format_cents(data.amount_cents))
    pdf.setFont("Helvetica", 10)
    if data.applied_cents:
        y -= 18
        pdf.drawString(MARGIN + 0.25 * inch, y, "Applied to charges")
        pdf.drawRightString(width - MARGIN, y, format_cents(data.applied_cents))
    if data.credit_cents:
        y -= 18
        pdf.drawString(MARGIN + 0.25 * inch, y, "Held as credit on your account")
        pdf.drawRightString(width - MARGIN, y, format_cents(data.credit_cents))

    pdf.setFont("Helvetica-Oblique", 9)
    pdf.drawString(MARGIN, MARGIN, "Thank you. Keep this receipt for your records; credit on your account is "
                                   "applied to your share once insurance has paid.")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
