"""The appeal letter of a denied claim: a US-letter page (or more, for a long argument) rendered from plain data.

Letterhead with the practice's NPI and tax ID, the payer's appeals address, a block of the claim's facts the
payer files an appeal by (patient, date of birth, member ID, our claim number, the payer's claim number, dates of
service), the service lines as billed and as adjudicated, the denial's reason and remark codes in words, the
biller's argument, and a signature block.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from medbill_desktop.domain.money import format_cents
from medbill_desktop.domain.patients import format_date

PAGE = LETTER
MARGIN = 0.85 * inch
INK = colors.HexColor("#1d2430")
ACCENT = colors.HexColor("#1f3a5f")
RULE = colors.HexColor("#9aa7b8")
SHADE = colors.HexColor("#eef2f7")


@dataclass(frozen=True, slots=True)
class AppealLine:
    """One service line as billed and as the payer decided it."""

    date_of_service: date | None
    code: str  # procedure with its modifiers: "99213-25"
    units: int
    charge_cents: int
    paid_cents: int = 0
    adjustments: str = ""  # as the remittance put them: "CO-16 $125.00"


@dataclass(frozen=True, slots=True)
class CodeText:
    """A reason or remark code with what it means: ("CO-16", "Claim is missing information...")."""

    code: str
    description: str


@dataclass(frozen=True, slots=True)
class AppealLetterData:
    practice_name: str
    practice_address: tuple[str, ...]  # lines as printed
    practice_phone: str  # formatted
    practice_npi: str
    practice_tax_id: str  # formatted: 12-3456789
    letter_date: date
    payer_name: str
    payer_address: tuple[str, ...]  # empty when the payer's address is not on file
    patient_name: str
    patient_dob: date | None
    member_id: str
    claim_number: str
    payer_claim_reference: str
    dates_of_service: tuple[date, ...]
    lines: tuple[AppealLine, ...]
    denial_reasons: tuple[CodeText, ...]  # group + CARC: "CO-16"
    remarks: tuple[CodeText, ...]  # RARC
    denied_on: date | None
    argument: str  # the biller's own words; blank lines separate paragraphs
    signer_name: str
    signer_title: str = "Billing office"
    group_number: str = ""
    rendering_provider: str = ""
    billed_cents: int | None = None  # None: the sum of the lines
    enclosures: tuple[str, ...] = ()

    @property
    def billed(self) -> int:
        return self.billed_cents if self.billed_cents is not None else sum(x.charge_cents for x in self.lines)


def _styles() -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=13.5, textColor=INK, spaceAfter=6)
    return {
        "body": body,
        "practice": ParagraphStyle("practice", parent=body, fontName="Helvetica-Bold", fontSize=15, leading=18,
                                   textColor=ACCENT, spaceAfter=2),
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "small_right": ParagraphStyle("small_right", parent=body, fontSize=9, leading=11.5, spaceAfter=0,
                                      alignment=TA_RIGHT),
        "heading": ParagraphStyle("heading", parent=body, fontName="Helvetica-Bold", fontSize=11, leading=14,
                                  textColor=ACCENT, spaceBefore=6, spaceAfter=3),
        "subject": ParagraphStyle("subject", parent=body, fontName="Helvetica-Bold", fontSize=12, leading=15,
                                  spaceBefore=4, spaceAfter=6),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=11.5, spaceAfter=0),
        "cell_bold": ParagraphStyle("cell_bold", parent=body, fontName="Helvetica-Bold", fontSize=9, leading=11.5,
                                    spaceAfter=0),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _dates(days: Sequence[date]) -> str:
    ordered = sorted(set(days))
    if not ordered:
        return "not on file"
    if len(ordered) == 1:
        return format_date(ordered[0])
    if len(ordered) <= 3:
        return ", ".join(format_date(d) for d in ordered)
    return f"{format_date(ordered[0])} to {format_date(ordered[-1])}"


def _paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside one are kept."""
    blocks: list[str] = []
    current: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if line.strip():
            current.append(line.strip())
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _letterhead(data: AppealLetterData, s: dict[str, ParagraphStyle], width: float) -> Table:
    left = [Paragraph(escape(data.practice_name), s["practice"])]
    left += [_p(line, s["small"]) for line in data.practice_address if line]
    if data.practice_phone:
        left.append(_p(f"Phone {data.practice_phone}", s["small"]))
    right = [_p(f"NPI {data.practice_npi}", s["small_right"]), _p(f"Tax ID {data.practice_tax_id}", s["small_right"])]
    table = Table([[left, right]], colWidths=[width * 0.62, width * 0.38])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("LINEBELOW", (0, 0), (-1, 0), 1.2, ACCENT), ("BOTTOMPADDING", (0, 0), (-1, 0), 8),
    ]))
    return table


def _facts(data: AppealLetterData, s: dict[str, ParagraphStyle], width: float) -> Table:
    def pair(label: str, value: str) -> list[Paragraph]:
        return [_p(label, s["cell"]), _p(value or "—", s["cell_bold"])]

    left = [("Patient", data.patient_name),
            ("Date of birth", format_date(data.patient_dob) if data.patient_dob else ""),
            ("Member ID", data.member_id)]
    if data.group_number:
        left.append(("Group number", data.group_number))
    right = [("Our claim number", data.claim_number),
             ("Your claim number", data.payer_claim_reference),
             ("Date(s) of service", _dates(data.dates_of_service)),
             ("Amount billed", format_cents(data.billed))]
    if data.denied_on is not None:
        right.append(("Denied on", format_date(data.denied_on)))
    if data.rendering_provider:
        left.append(("Rendering provider", data.rendering_provider))
    rows = []
    for i in range(max(len(left), len(right))):
        a = pair(*left[i]) if i < len(left) else ["", ""]
        b = pair(*right[i]) if i < len(right) else ["", ""]
        rows.append([*a, *b])
    w = width
    table = Table(rows, colWidths=[w * 0.19, w * 0.31, w * 0.2, w * 0.3])
    table.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), SHADE),
        ("BOX", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 6),
    ]))
    return table


def _lines_table(data: AppealLetterData, s: dict[str, ParagraphStyle], width: float) -> Table:
    header = [_p(h, s["cell_bold"]) for h in ("Date", "Code", "Units", "Billed", "Paid", "Adjustments")]
    rows: list[list[Any]] = [header]
    for line in data.lines:
        rows.append([_p(format_date(line.date_of_service) if line.date_of_service else "", s["cell"]),
                     _p(line.code, s["cell"]), _p(str(line.units), s["cell"]),
                     _p(format_cents(line.charge_cents), s["cell"]), _p(format_cents(line.paid_cents), s["cell"]),
                     _p(line.adjustments, s["cell"])])
    rows.append(["", _p("Total", s["cell_bold"]), "", _p(format_cents(data.billed), s["cell_bold"]),
                 _p(format_cents(sum(x.paid_cents for x in data.lines)), s["cell_bold"]), ""])
    w = width
    table = Table(rows, colWidths=[w * 0.14, w * 0.16, w * 0.08, w * 0.14, w * 0.13, w * 0.35], repeatRows=1)
    table.setStyle(TableStyle([
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEABOVE", (0, -1), (-1, -1), 0.6, RULE),
        ("ROWBACKGROUNDS", (0, 1), (-1, -2), [colors.white, SHADE]),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def _codes_table(codes: Sequence[CodeText], s: dict[str, ParagraphStyle], width: float) -> Table:
    rows = [[_p(c.code, s["cell_bold"]), _p(c.description or "(no description on file)", s["cell"])] for c in codes]
    table = Table(rows, colWidths=[width * 0.14, width * 0.86])
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ]))
    return table


def render_appeal_letter(data: AppealLetterData) -> bytes:
    buffer = BytesIO()
    width = PAGE[0] - 2 * MARGIN - 12  # the frame's own padding: 6 pt each side
    doc = SimpleDocTemplate(buffer, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=0.55 * inch,
                            bottomMargin=0.75 * inch, title=f"Appeal of claim {data.claim_number}",
                            author=data.practice_name, subject="Request for reconsideration", invariant=True)
    s = _styles()
    story: list[Any] = [_letterhead(data, s, width), Spacer(1, 10), _p(format_date(data.letter_date), s["body"])]

    to = [data.payer_name, "Attn: Appeals / Reconsideration", *data.payer_address]
    story.append(Paragraph("<br/>".join(escape(line) for line in to if line), s["body"]))
    story.append(_p(f"Re: Appeal of the denial of claim {data.claim_number}"
                    + (f" (your claim number {data.payer_claim_reference})" if data.payer_claim_reference else ""),
                    s["subject"]))
    story.append(_facts(data, s, width))
    story.append(Spacer(1, 10))

    story.append(_p("To the appeals reviewer:", s["body"]))
    reasons = ", ".join(c.code for c in data.denial_reasons) or "no reason code"
    when = f" on {format_date(data.denied_on)}" if data.denied_on else ""
    story.append(_p(f"We ask you to reconsider your decision{when} to deny payment of the services below for "
                    f"{data.patient_name} ({reasons}). We believe the claim should be paid, for the reasons "
                    "given below.", s["body"]))

    story.append(_p("Services billed", s["heading"]))
    story.append(_lines_table(data, s, width))

    codes: list[Any] = [_p("Your reason for the denial", s["heading"]), _codes_table(data.denial_reasons, s, width)]
    if data.remarks:
        codes += [Spacer(1, 4), _p("Remark codes on your remittance", s["cell_bold"]),
                  _codes_table(data.remarks, s, width)]
    story.append(KeepTogether(codes))

    story.append(_p("Why the claim should be paid", s["heading"]))
    for block in _paragraphs(data.argument) or ["(No argument was written.)"]:
        story.append(Paragraph(escape(block).replace("\n", "<br/>"), s["body"]))

    closing = [
        _p("Please reprocess the claim and send payment, or tell us in writing what else you need. "
           f"Questions about this appeal: call {data.practice_phone or 'our billing office'} and give claim number "
           f"{data.claim_number}.", s["body"]),
        _p("Sincerely,", s["body"]), Spacer(1, 20),
        Paragraph("<br/>".join(escape(x) for x in (data.signer_name, data.signer_title, data.practice_name) if x),
                  s["body"]),
    ]
    if data.enclosures:
        closing += [Spacer(1, 4), _p("Enclosures: " + "; ".join(data.enclosures), s["small"])]
    story.append(KeepTogether(closing))

    def footer(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.setFillColor(colors.HexColor("#5a6270"))
        canvas.drawString(MARGIN, 0.5 * inch, f"{data.practice_name} · appeal of claim {data.claim_number}")
        canvas.drawRightString(PAGE[0] - MARGIN, 0.5 * inch, f"Page {canvas.getPageNumber()}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
