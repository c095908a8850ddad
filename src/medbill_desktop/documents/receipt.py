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
    visits_paid: tuple[tuple[date, int], ...] = ()  # (date of service, cents) of what was applied, oldest first


VISIT_ROWS = 5  # visits listed one by one; older ones are summed in one row so the page stays one page


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
        pdf.setFont("Helvetica", 9)
        for label, cents in _visit_rows(data.visits_paid):
            y -= 13
            pdf.drawString(MARGIN + 0.5 * inch, y, label)
            pdf.drawRightString(width - MARGIN - 1.2 * inch, y, format_cents(cents))
        pdf.setFont("Helvetica", 10)
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


def _visit_rows(visits: tuple[tuple[date, int], ...]) -> list[tuple[str, int]]:
    """'Visit of 10/13/2026' rows, newest last; beyond VISIT_ROWS the oldest are one 'N earlier visits' row."""
    if len(visits) <= VISIT_ROWS:
        return [(f"Visit of {format_date(day)}", cents) for day, cents in visits]
    older, newer = visits[:len(visits) - VISIT_ROWS + 1], visits[len(visits) - VISIT_ROWS + 1:]
    return [(f"{len(older)} earlier visits", sum(c for _, c in older)),
            *((f"Visit of {format_date(day)}", cents) for day, cents in newer)]
