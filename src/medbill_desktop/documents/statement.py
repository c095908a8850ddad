"""The patient statement: one per guarantor, US Letter, rendered from plain data (StatementData).

Page 1, top third: the remit stub ("detach and return with your payment"): the remit-to address and the
guarantor's address placed for a #10 double-window envelope, and on the right the statement date, account,
amount due, what to pay now (a payment plan's installment), "amount enclosed" and the card fields. Below the
tear line: the practice, the account summary (amount due, what is pending with insurance and is NOT due, credit),
the aging of the amount due, the message (dunning by age, or the payment plan's), the visits with a balance and
the itemised activity since the last statement. Long statements continue on further pages ("Page 2 of 3").

StatementData is also the snapshot kept with every statement sent (`to_json` / `from_json`): a reprint renders
the snapshot again and gives the same bytes (the canvas is invariant: no dates or ids of its own).

Envelope (#10, 4-1/8" x 9-1/2", double window). Window figures are given the envelope trade's way: flap on top,
height x width, then the distance from the envelope's left edge and from its bottom edge.
- Lower (delivery) window, the guarantor: 1-1/8" x 4-1/2", 7/8" from the left, 1/2" from the bottom - the
  standard #10 window (Los Angeles Envelope, "No.10 Standard Window Dimensions / Position",
  http://laenvelope.com/Dielines_Layouts/10_Diagonal_window_measurementsc.html; the same figures in
  businessenvelopes.com's "Window envelopes: the complete guide" and in the CSUS mail-services guidance quoted at
  http://answers.google.com/answers/threadview?id=712795).
- Upper (return) window, the remit-to address: 1" x 3-1/2", 7/8" from the left, 2-1/2" from the bottom. There is
  no single standard for the upper window ("there is no standard #10 envelope", tensionenvelope.com/blogs/
  how-big-number-10-envelope); these are common stock figures, and every maker keeps windows at least 1/2" from
  the folds (same source), which these do.
- The letter is folded in thirds (first fold 11/3" from the top) with the top panel facing the envelope's front,
  top edge up. The folded letter (8-1/2" x 3-2/3") can slide in the envelope: we allow it 1/4" either way of
  centre and up to 1/8" off the bottom, and keep 1/8" clear of every window edge at every position (the USPS
  clearance quoted by businessenvelopes.com). `safe_area` turns this into the rectangle of the page where an
  address is always readable through its window; tests/unit/test_statement_pdf.py measures the printed
  characters against the same figures with pdfplumber.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from io import BytesIO
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.rl_accel import escapePDF, unicode2T1
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.pdfgen.canvas import Canvas

from medbill_desktop.domain.money import format_cents

PAGE_W, PAGE_H = LETTER
FOLD_IN = 11 / 3  # the first fold, from the top of the page (inches)


# --- the envelope ------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Window:
    """An envelope window, flap on top: size and position in inches from the envelope's left and bottom."""

    name: str
    height: float
    width: float
    from_left: float
    from_bottom: float


LOWER_WINDOW = Window("guarantor", 1.125, 4.5, 0.875, 0.5)
UPPER_WINDOW = Window("remit-to", 1.0, 3.5, 0.875, 2.5)
ENVELOPE = (9.5, 4.125)  # width, height
PLAY_SIDEWAYS = 0.25  # the folded letter sits within this of centre, either way
PLAY_UP = 0.125  # and at most this far off the envelope's bottom
CLEARANCE = 0.125  # text keeps this far from every window edge


@dataclass(frozen=True, slots=True)
class Area:
    """A rectangle of the page in inches from its left and TOP edges."""

    left: float
    top: float
    right: float
    bottom: float


def safe_area(window: Window) -> Area:
    """Where on the page text is readable through `window` with the clearance kept, wherever the folded
    letter sits within its play."""
    centred = (ENVELOPE[0] - PAGE_W / inch) / 2  # the letter's left edge from the envelope's, when centred
    shifts = (centred - PLAY_SIDEWAYS, centred + PLAY_SIDEWAYS)
    lifts = (0.0, PLAY_UP)
    left = max(window.from_left - s for s in shifts) + CLEARANCE
    right = min(window.from_left + window.width - s for s in shifts) - CLEARANCE
    # the page's top edge is at FOLD_IN + lift above the envelope's bottom
    top = max(FOLD_IN + lift - window.from_bottom - window.height for lift in lifts) + CLEARANCE
    bottom = min(FOLD_IN + lift - window.from_bottom for lift in lifts) - CLEARANCE
    return Area(left, top, right, bottom)


def seen_area(window: Window) -> Area:
    """Every part of the page that can show through `window` (nothing but the address may be printed there)."""
    centred = (ENVELOPE[0] - PAGE_W / inch) / 2
    shifts = (centred - PLAY_SIDEWAYS, centred + PLAY_SIDEWAYS)
    return Area(min(window.from_left - s for s in shifts),
                FOLD_IN - window.from_bottom - window.height,
                max(window.from_left + window.width - s for s in shifts),
                FOLD_IN + PLAY_UP - window.from_bottom)


# --- the data ----------------------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class MailingAddress:
    name: str
    lines: tuple[str, ...]  # street line(s), then 'City, ST 12345-6789'


@dataclass(frozen=True, slots=True)
class ActivityLine:
    on: date
    patient: str
    description: str
    charge_cents: int = 0  # added to what is owed
    credit_cents: int = 0  # taken off what is owed (payments, write-offs), as a positive number


@dataclass(frozen=True, slots=True)
class VisitLine:
    date_of_service: date | None
    patient: str
    services: str
    charges_cents: int
    insurance_paid_cents: int
    adjusted_cents: int
    patient_paid_cents: int
    pending_cents: int  # still with insurance: not due
    patient_cents: int  # the patient's share


@dataclass(frozen=True, slots=True)
class PlanLine:
    plan_number: str
    installment_cents: int
    next_due_on: date | None
    next_due_cents: int
    past_due_cents: int
    missed: int
    remaining_cents: int


AGING_LABELS = ("Current", "31–60 days", "61–90 days", "91–120 days", "Over 120 days")


@dataclass(frozen=True, slots=True)
class StatementData:
    practice_name: str
    practice_lines: tuple[str, ...]  # the practice's address as printed
    practice_phone: str  # formatted; billing questions
    remit_to: MailingAddress
    guarantor: MailingAddress
    account_number: str  # the guarantor's account
    statement_date: date
    since: date | None  # activity after this day is itemised
    first_statement: bool
    patients: tuple[tuple[str, str], ...]  # (name, account number) of each patient on the statement
    activity: tuple[ActivityLine, ...]
    visits: tuple[VisitLine, ...]
    aging: tuple[int, int, int, int, int]  # the amount due by age
    patient_balance_cents: int  # the patient's share before credit
    credit_cents: int
    pending_insurance_cents: int
    amount_due_cents: int
    pay_now_cents: int  # what the stub asks for: the plan's installment (and anything past due), or all
    message: str
    plan: PlanLine | None = None
    cards: tuple[str, ...] = ("VISA", "MasterCard", "Discover", "AMEX")


# --- the snapshot ------------------------------------------------------------------------------------------------
def _day(text: Any) -> date | None:
    return date.fromisoformat(text) if text else None


def to_json(d: StatementData) -> dict[str, Any]:
    """A plain dict (JSON types only) that `from_json` turns back into the same StatementData."""
    def iso(day: date | None) -> str | None:
        return day.isoformat() if day is not None else None

    return {
        "practice_name": d.practice_name, "practice_lines": list(d.practice_lines),
        "practice_phone": d.practice_phone,
        "remit_to": {"name": d.remit_to.name, "lines": list(d.remit_to.lines)},
        "guarantor": {"name": d.guarantor.name, "lines": list(d.guarantor.lines)},
        "account_number": d.account_number, "statement_date": iso(d.statement_date), "since": iso(d.since),
        "first_statement": d.first_statement, "patients": [list(p) for p in d.patients],
        "activity": [{"on": iso(a.on), "patient": a.patient, "description": a.description,
                      "charge_cents": a.charge_cents, "credit_cents": a.credit_cents} for a in d.activity],
        "visits": [{"date_of_service": iso(v.date_of_service), "patient": v.patient, "services": v.services,
                    "charges_cents": v.charges_cents, "insurance_paid_cents": v.insurance_paid_cents,
                    "adjusted_cents": v.adjusted_cents, "patient_paid_cents": v.patient_paid_cents,
                    "pending_cents": v.pending_cents, "patient_cents": v.patient_cents} for v in d.visits],
        "aging": list(d.aging), "patient_balance_cents": d.patient_balance_cents, "credit_cents": d.credit_cents,
        "pending_insurance_cents": d.pending_insurance_cents, "amount_due_cents": d.amount_due_cents,
        "pay_now_cents": d.pay_now_cents, "message": d.message,
        "plan": None if d.plan is None else {
            "plan_number": d.plan.plan_number, "installment_cents": d.plan.installment_cents,
            "next_due_on": iso(d.plan.next_due_on), "next_due_cents": d.plan.next_due_cents,
            "past_due_cents": d.plan.past_due_cents, "missed": d.plan.missed,
            "remaining_cents": d.plan.remaining_cents},
        "cards": list(d.cards),
    }


def from_json(j: Mapping[str, Any]) -> StatementData:
    plan = j.get("plan")
    a = j["aging"]
    statement_date = _day(j["statement_date"])
    assert statement_date is not None
    return StatementData(
        practice_name=j["practice_name"], practice_lines=tuple(j["practice_lines"]),
        practice_phone=j["practice_phone"],
        remit_to=MailingAddress(j["remit_to"]["name"], tuple(j["remit_to"]["lines"])),
        guarantor=MailingAddress(j["guarantor"]["name"], tuple(j["guarantor"]["lines"])),
        account_number=j["account_number"], statement_date=statement_date, since=_day(j.get("since")),
        first_statement=bool(j["first_statement"]), patients=tuple((p[0], p[1]) for p in j["patients"]),
        activity=tuple(ActivityLine(_day(x["on"]) or statement_date, x["patient"], x["description"],
                                    x["charge_cents"], x["credit_cents"]) for x in j["activity"]),
        visits=tuple(VisitLine(_day(v["date_of_service"]), v["patient"], v["services"], v["charges_cents"],
                               v["insurance_paid_cents"], v["adjusted_cents"], v["patient_paid_cents"],
                               v["pending_cents"], v["patient_cents"]) for v in j["visits"]),
        aging=(a[0], a[1], a[2], a[3], a[4]), patient_balance_cents=j["patient_balance_cents"],
        credit_cents=j["credit_cents"], pending_insurance_cents=j["pending_insurance_cents"],
        amount_due_cents=j["amount_due_cents"], pay_now_cents=j["pay_now_cents"], message=j["message"],
        plan=None if not plan else PlanLine(
            plan["plan_number"], plan["installment_cents"], _day(plan["next_due_on"]), plan["next_due_cents"],
            plan["past_due_cents"], plan["missed"], plan["remaining_cents"]),
        cards=tuple(j.get("cards", ())),
    )


# --- drawing -----------------------------------------------------------------------------------------------------
INK = HexColor("#1d2430")
MUTED = HexColor("#5a6270")
RULE = HexColor("#9aa3af")
SHADE = HexColor("#eef2f7")
ACCENT = HexColor("#1f3a5f")
REGULAR, BOLD, ITALIC = "Helvetica", "Helvetica-Bold", "Helvetica-Oblique"
MARGIN = 0.5 * inch
BODY_TOP: float = FOLD_IN * inch + 0.28 * inch  # from the top of page 1: the body starts below the tear line
BOTTOM = 0.62 * inch  # above the footer


def _d(day: date | None) -> str:
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}" if day is not None else ""


def _m(cents: int) -> str:
    return format_cents(cents)


# Columns (x from the left margin in inches, width, header lines, right aligned)
_VISIT_COLS: tuple[tuple[float, float, str, bool], ...] = (
    (0.0, 0.72, "Visit", False), (0.72, 1.02, "Patient", False), (1.74, 1.06, "Services", False),
    (2.80, 0.72, "Charges", True), (3.52, 0.78, "Insurance\npaid", True), (4.30, 0.72, "Written\noff", True),
    (5.02, 0.70, "You\npaid", True), (5.72, 0.88, "Pending with\ninsurance", True), (6.60, 0.90, "Your\nshare", True),
)
_ACTIVITY_COLS: tuple[tuple[float, float, str, bool], ...] = (
    (0.0, 0.72, "Date", False), (0.72, 1.02, "Patient", False), (1.74, 4.06, "What happened", False),
    (5.80, 0.80, "Charges", True), (6.60, 0.90, "Payments,\ncredits", True),
)
# A statement for one patient has no patient column: the others widen into its room.
_VISIT_COLS_ONE = ((0.0, 0.72, "Visit", False), (0.72, 2.08, "Services", False), *_VISIT_COLS[3:])
_ACTIVITY_COLS_ONE = ((0.0, 0.72, "Date", False), (0.72, 5.08, "What happened", False), *_ACTIVITY_COLS[3:])
BODY_SIZE = 8.0
LEADING = 9.4


@dataclass
class _Row:
    """A table row measured for the page: its cells' wrapped lines and its height in points."""

    cells: list[list[str]]
    height: float
    shade: bool = False
    bold: bool = False


@functools.lru_cache(maxsize=65536)
def width(text: str, font: str, size: float) -> float:
    """A string's width in points (cached: statements repeat their words, amounts and dates)."""
    return float(stringWidth(text, font, size))


@functools.lru_cache(maxsize=64)
def _rgb(color: Color, op: str) -> str:
    """'r g b rg' (fill) or 'r g b RG' (stroke)."""
    return f"{color.red:.4g} {color.green:.4g} {color.blue:.4g} {op}"


@functools.lru_cache(maxsize=65536)
def _pdf_string(text: str, font: str) -> str | None:
    """`text` as a PDF string literal's content in the standard font's encoding, or None when it needs another
    font (a character WinAnsi does not have)."""
    f = getFont(font)
    parts = unicode2T1(text, [f, *f.substitutionFonts])
    if len(parts) != 1 or parts[0][0] is not f:
        return None if parts else ""
    return str(escapePDF(parts[0][1]))


def _wrap(text: str, width_in: float, font: str = REGULAR, size: float = BODY_SIZE) -> list[str]:
    """Greedy word wrap to `width_in` inches (less 4 points), a word too long for a line on a line of its own."""
    room = width_in * inch - 4
    space = width(" ", font, size)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in text.split():
        w = width(word, font, size)
        if line and used + space + w > room:
            lines.append(" ".join(line))
            line, used = [], 0.0
        used += (space if line else 0.0) + w
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines or [""]


def _rows(cols: Sequence[tuple[float, float, str, bool]], values: Sequence[Sequence[str]]) -> list[_Row]:
    rows = []
    for n, cells in enumerate(values):
        wrapped = [_wrap(text, col[1]) if not col[3] else [text] for col, text in zip(cols, cells, strict=True)]
        rows.append(_Row(wrapped, max(len(w) for w in wrapped) * LEADING + 3.5, shade=n % 2 == 1))
    return rows


class _Renderer:
    def __init__(self, pdf: Canvas, data: StatementData) -> None:
        self.pdf = pdf
        self.d = data
        self.page = 0
        self.pages = 1
        self.y = 0.0  # points from the top of the current page
        # The page is written as PDF operators directly: its boxes and rules first, then all its text in one
        # text object drawn over them when the page ends. Through reportlab's drawString/rect (an object and
        # several number formats per call) this was most of the time a 1,000-statement run took.
        self.words: list[str] = ["BT"]
        self._font: tuple[str, float] | None = None  # the text's font and colour now
        self._color: Color | None = None

    def new_page(self) -> None:
        self.words = ["BT"]
        self._font = None
        self._color = None

    def end_page(self) -> None:
        self.words.append("ET")
        self.pdf._code.append(" ".join(self.words))

    def _text_style(self, font: str, size: float, color: Color) -> None:
        if self._font != (font, size):
            self.words.append(f"{self.pdf._doc.getInternalFontName(font)} {size:g} Tf")
            self._font = (font, size)
        if self._color is not color:
            self.words.append(_rgb(color, "rg"))
            self._color = color

    def centred(self, x_pt: float, y_pt: float, s: str, font: str, size: float, color: Color = INK) -> None:
        self._text_style(font, size, color)
        self._out(x_pt - width(s, font, size) / 2, PAGE_H - y_pt, s, font, size)

    # --- primitives -------------------------------------------------------------------------------------------
    def text(self, x_in: float, y_pt: float, s: str, font: str = REGULAR, size: float = BODY_SIZE,
             color: Color = INK, right: bool = False) -> None:
        self._text_style(font, size, color)
        self._out(x_in * inch - (width(s, font, size) if right else 0.0), PAGE_H - y_pt, s, font, size)

    def _out(self, x: float, y: float, s: str, font: str, size: float) -> None:
        """Place `s` at (x, y); a string the standard font's encoding can't hold goes through reportlab's text
        object (which finds a font for the rest)."""
        encoded = _pdf_string(s, font)
        if encoded is not None:
            self.words.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm ({encoded}) Tj")
            return
        t = self.pdf.beginText(x, y)
        t.setFont(font, size)
        t.setFillColor(self._color or INK)
        t.textOut(s)
        code = t.getCode()
        self.words.append(code[2:-2].strip())  # without its own BT ... ET
        self._font = None  # it may have left another font set

    def rule(self, y_pt: float, x0_in: float = MARGIN / inch, x1_in: float = (PAGE_W - MARGIN) / inch,
             width: float = 0.5, color: Color = RULE, dash: tuple[float, ...] | None = None) -> None:
        y = PAGE_H - y_pt
        pattern = f"[{' '.join(f'{d:g}' for d in dash)}] 0 d " if dash else ""
        self.pdf._code.append(f"{width:g} w {_rgb(color, 'RG')} {pattern}{x0_in * inch:.2f} {y:.2f} m "
                              f"{x1_in * inch:.2f} {y:.2f} l S" + (" [] 0 d" if dash else ""))

    def box(self, x_in: float, top_pt: float, w_in: float, h_pt: float, fill: Color | None = None,
            stroke: Color | None = RULE, width: float = 0.6) -> None:
        parts = []
        if stroke is not None:
            parts.append(f"{width:g} w {_rgb(stroke, 'RG')}")
        if fill is not None:
            parts.append(_rgb(fill, "rg"))
        op = "B" if stroke is not None and fill is not None else ("f" if fill is not None else "S")
        parts.append(f"{x_in * inch:.2f} {PAGE_H - top_pt - h_pt:.2f} {w_in * inch:.2f} {h_pt:.2f} re {op}")
        self.pdf._code.append(" ".join(parts))

    def block(self, area: Area, name: str, lines: Sequence[str], size: float, leading: float,
              bold_name: bool = True) -> None:
        """An address inside `area`: the first line's ascender just below the area's top (a character's box is
        about 0.8 of the size above its baseline and 0.2 below); a line too wide for the area makes the whole
        block smaller, down to 6.5 points, and is then cut."""
        texts = [(line, BOLD if (n == 0 and bold_name) else REGULAR) for n, line in enumerate((name, *lines))]
        room = (area.right - area.left) * inch - 0.5  # half a point to spare for rounding
        widest = max(width(t, font, size) for t, font in texts)
        if widest > room:
            scale = max(room / widest, 6.5 / size)
            size, leading = size * scale, leading * scale
        y = area.top * inch + 0.85 * size
        for line, font in texts:
            while line and width(line, font, size) > room:
                line = line[:-1]
            self.text(area.left, y, line, font, size)
            y += leading

    # --- page 1: the remit stub ------------------------------------------------------------------------------
    def stub(self) -> None:
        d = self.d
        remit = safe_area(UPPER_WINDOW)
        self.block(remit, d.remit_to.name, d.remit_to.lines[:3], 9, 10.5)
        guarantor = safe_area(LOWER_WINDOW)
        self.block(guarantor, d.guarantor.name.upper(), d.guarantor.lines[:3], 10, 12, bold_name=False)
        # between the windows (hidden by the envelope): what the stub is
        self.text(0.75, 1.52 * inch, "Please detach and return the top portion with your payment.", ITALIC, 7.5,
                  MUTED)
        self.text(0.75, 1.52 * inch + 10, f"Make checks payable to {d.remit_to.name}.", ITALIC, 7.5, MUTED)
        if d.practice_phone:
            self.text(0.75, 1.52 * inch + 20, f"Questions about your bill? Call {d.practice_phone}.", ITALIC, 7.5,
                      MUTED)
        # the right column: never behind a window (they end at seen_area(...).right)
        x0, x1 = 5.2, 8.0
        self.text(x1, 0.42 * inch, "PATIENT STATEMENT", BOLD, 12, ACCENT, right=True)
        rows: list[tuple[str, str, bool]] = [
            ("Statement date", _d(d.statement_date), False), ("Account number", d.account_number, False),
            ("Amount due", _m(d.amount_due_cents), True)]
        if d.plan is not None and d.pay_now_cents != d.amount_due_cents:
            when = f" by {_d(d.plan.next_due_on)}" if d.plan.next_due_on else " now"
            rows.append((f"Plan installment due{when}", _m(d.pay_now_cents), True))
        y = 0.62 * inch
        for label, value, strong in rows:
            self.box(x0, y, x1 - x0, 15, fill=SHADE if strong else None)
            self.text(x0 + 0.06, y + 10.5, label, BOLD if strong else REGULAR, 8)
            self.text(x1 - 0.06, y + 10.5, value, BOLD, 9 if strong else 8, right=True)
            y += 15
        y += 6
        self.box(x0, y, x1 - x0, 22, stroke=INK, width=1)
        self.text(x0 + 0.06, y + 14, "Amount enclosed", BOLD, 8.5)
        self.text(x0 + 1.3, y + 14.5, "$", BOLD, 10)
        self.rule(y + 16, x0 + 1.42, x1 - 0.1, 0.6, INK)
        y += 32
        self.text(x0, y, "To pay by card, check one and fill in:", BOLD, 7.5)
        y += 11
        x = x0
        for card in d.cards:
            self.box(x, y - 7, 0.09, 6.5, stroke=INK, width=0.6)
            self.text(x + 0.13, y, card, REGULAR, 7)
            x += 0.13 + width(card, REGULAR, 7) / inch + 0.12
        for label in ("Card number", "Name on card"):
            y += 17
            self.text(x0, y, label, REGULAR, 7, MUTED)
            self.rule(y + 1, x0 + 0.78, x1, 0.5, INK)
        y += 17
        self.text(x0, y, "Expires", REGULAR, 7, MUTED)
        self.rule(y + 1, x0 + 0.42, x0 + 1.02, 0.5, INK)
        self.text(x0 + 1.1, y, "Signature", REGULAR, 7, MUTED)
        self.rule(y + 1, x0 + 1.58, x1, 0.5, INK)
        # the tear line, on the first fold
        fold = FOLD_IN * inch
        self.rule(fold, 0.25, (PAGE_W / inch) - 0.25, 0.6, MUTED, (3, 2))
        self.centred(PAGE_W / 2, fold + 8, "Detach here. Keep the lower portion for your records.", ITALIC, 6.5,
                     MUTED)

    # --- headers and footers ---------------------------------------------------------------------------------
    def header(self, first: bool) -> None:
        d = self.d
        left = MARGIN / inch
        right = (PAGE_W - MARGIN) / inch
        if first:
            y = BODY_TOP + 10
            self.text(left, y, d.practice_name, BOLD, 12, ACCENT)
            for line in (*d.practice_lines, f"Billing questions: {d.practice_phone}" if d.practice_phone else ""):
                if line:
                    y += 10.5
                    self.text(left, y, line, REGULAR, 8.5, MUTED)
            y2 = BODY_TOP + 10
            self.text(right, y2, f"Statement for {d.guarantor.name}", BOLD, 10, right=True)
            self.text(right, y2 + 11, f"Account {d.account_number} · {_d(d.statement_date)}", REGULAR, 8.5, MUTED,
                      right=True)
            who = ", ".join(f"{name} ({account})" for name, account in d.patients)
            lines = _wrap(f"Patient{'s' if len(d.patients) != 1 else ''}: {who}", 3.6, REGULAR, 8.5)
            for n, line in enumerate(lines[:3]):
                self.text(right, y2 + 22 + n * 10, line, REGULAR, 8.5, MUTED, right=True)
            self.y = max(y, y2 + 22 + (min(len(lines), 3) - 1) * 10) + 12
        else:
            self.y = MARGIN + 4
            self.text(left, self.y + 8, f"{d.practice_name} — statement for {d.guarantor.name}, account "
                                        f"{d.account_number}, {_d(d.statement_date)} (continued)", BOLD, 9, ACCENT)
            self.y += 22

    def footer(self) -> None:
        d = self.d
        y = PAGE_H - 0.45 * inch
        self.text(MARGIN / inch, y, f"Account {d.account_number} · statement of {_d(d.statement_date)}", REGULAR,
                  7, MUTED)
        self.text((PAGE_W - MARGIN) / inch, y, f"Page {self.page} of {self.pages}", REGULAR, 7, MUTED, right=True)

    # --- the summary (page 1) --------------------------------------------------------------------------------
    def summary(self) -> None:
        d = self.d
        left = MARGIN / inch
        top = self.y
        height = 58.0
        self.box(left, top, 2.55, height, fill=SHADE, stroke=ACCENT, width=1)
        self.text(left + 0.12, top + 16, "Amount due", BOLD, 10, ACCENT)
        self.text(left + 2.43, top + 18, _m(d.amount_due_cents), BOLD, 16, ACCENT, right=True)
        lines = [f"Pending with insurance (not due yet): {_m(d.pending_insurance_cents)}"]
        if d.credit_cents:
            lines.append(f"Credit on account (taken off): {_m(d.credit_cents)}")
        if d.plan is not None:
            lines.append(f"Payment plan {d.plan.plan_number}: {_m(d.plan.installment_cents)} a month")
        for n, line in enumerate(lines[:3]):
            self.text(left + 0.12, top + 33 + n * 10, line, REGULAR, 7.5)
        # aging of the amount due
        x = left + 2.7
        w = ((PAGE_W - MARGIN) / inch - x) / 5
        self.text(x, top + 8, "Amount due by the age of the visit", BOLD, 7.5, MUTED)
        for i, (label, cents) in enumerate(zip(AGING_LABELS, d.aging, strict=True)):
            bx = x + i * w
            self.box(bx, top + 14, w, 18, fill=SHADE)
            self.box(bx, top + 32, w, 20)
            self.centred((bx + w / 2) * inch, top + 26, label, BOLD, 7.5)
            self.centred((bx + w / 2) * inch, top + 46, _m(cents), BOLD if cents else REGULAR, 9)
        self.y = top + height + 10
        # the message
        message = d.message
        if d.plan is not None:
            message += " " + _plan_words(d.plan)
        lines = _wrap(message, 7.5 - 0.3, BOLD, 8.5)
        h = len(lines) * 11 + 10
        self.box(left, self.y, 7.5, h, fill=HexColor("#fff8e6"), stroke=HexColor("#d9b35f"), width=0.8)
        for n, line in enumerate(lines):
            self.text(left + 0.15, self.y + 14 + n * 11, line, BOLD, 8.5)
        self.y += h + 14

    # --- tables ----------------------------------------------------------------------------------------------
    def title(self, s: str, note: str = "") -> None:
        self.text(MARGIN / inch, self.y + 9, s, BOLD, 10, ACCENT)
        if note:
            x = MARGIN / inch + width(s, BOLD, 10) / inch + 0.1
            self.text(x, self.y + 9, note, ITALIC, 8, MUTED)
        self.y += 15

    def table_header(self, cols: Sequence[tuple[float, float, str, bool]]) -> None:
        left = MARGIN / inch
        self.box(left, self.y, 7.5, 20, fill=ACCENT, stroke=None)
        for x, w, head, right in cols:
            parts = head.split("\n")
            for n, part in enumerate(parts):
                yy = self.y + (13 if len(parts) == 1 else 8.5 + n * 8)
                if right:
                    self.text(left + x + w - 0.05, yy, part, BOLD, 7, white, right=True)
                else:
                    self.text(left + x + 0.05, yy, part, BOLD, 7, white)
        self.y += 20

    def row(self, cols: Sequence[tuple[float, float, str, bool]], r: _Row) -> None:
        left = MARGIN / inch
        if r.shade:
            self.box(left, self.y, 7.5, r.height, fill=SHADE, stroke=None)
        for (x, w, _head, right), lines in zip(cols, r.cells, strict=True):
            for n, line in enumerate(lines):
                yy = self.y + 2 + BODY_SIZE + n * LEADING
                if right:
                    self.text(left + x + w - 0.05, yy, line, BOLD if r.bold else REGULAR, BODY_SIZE, right=True)
                else:
                    self.text(left + x + 0.05, yy, line, BOLD if r.bold else REGULAR, BODY_SIZE)
        self.y += r.height

    def note(self, s: str) -> None:
        for line in _wrap(s, 7.5, ITALIC, 7.5):
            self.text(MARGIN / inch, self.y + 8, line, ITALIC, 7.5, MUTED)
            self.y += 9.5
        self.y += 6


def _plan_words(p: PlanLine) -> str:
    parts = []
    if p.next_due_on is not None and p.next_due_cents:
        parts.append(f"Next installment: {_m(p.next_due_cents)} due {_d(p.next_due_on)}.")
    if p.past_due_cents:
        parts.append(f"Past due on the plan: {_m(p.past_due_cents)}.")
    parts.append(f"Left to pay on the plan: {_m(p.remaining_cents)}.")
    return " ".join(parts)


def _one_patient(d: StatementData) -> bool:
    return len({v.patient for v in d.visits} | {a.patient for a in d.activity}) <= 1


def _visit_values(d: StatementData) -> list[list[str]]:
    one = _one_patient(d)
    return [[_d(v.date_of_service), *(() if one else (v.patient,)), v.services, _m(v.charges_cents),
             _m(v.insurance_paid_cents), _m(v.adjusted_cents), _m(v.patient_paid_cents), _m(v.pending_cents),
             _m(v.patient_cents)] for v in d.visits]


def _activity_values(d: StatementData) -> list[list[str]]:
    one = _one_patient(d)
    return [[_d(a.on), *(() if one else (a.patient,)), a.description, _m(a.charge_cents) if a.charge_cents else "",
             f"-{_m(a.credit_cents)}" if a.credit_cents else ""] for a in d.activity]


# A plan of the pages: each item draws itself and says how tall it is, so page counts are known before drawing.
_Item = tuple[float, Callable[[_Renderer], None]]


@dataclass(frozen=True)
class _Planned:
    height: float
    draw: Callable[[_Renderer], None]
    keep_with_next: bool = False  # a title or a table header never ends a page
    header: _Item | None = None  # a table row's header, drawn again at the top of a page the table continues on
    spacer: bool = False  # room between sections: dropped at the end of a page


def _plan(d: StatementData) -> list[list[_Item]]:
    """Split what follows the summary into pages."""
    items: list[_Planned] = []

    def section(title: str, note: str, cols: Sequence[tuple[float, float, str, bool]], rows: list[_Row],
                empty: str, total: _Row | None, tail: str) -> None:
        items.append(_Planned(15.0, lambda r: r.title(title, note), True))
        if not rows:
            items.append(_Planned(20.0, lambda r: r.note(empty)))
            return
        header: _Item = (20.0, lambda r: r.table_header(cols))
        items.append(_Planned(*header, True))
        for row in rows:
            def draw_row(r: _Renderer, row: _Row = row) -> None:
                r.row(cols, row)

            items.append(_Planned(row.height, draw_row, header=header))
        if total is not None:
            def draw_total(r: _Renderer, total: _Row = total) -> None:
                r.rule(r.y, width=0.8, color=INK)
                r.row(cols, total)

            items.append(_Planned(total.height, draw_total, header=header))
        if tail:
            lines = len(_wrap(tail, 7.5, ITALIC, 7.5))
            items.append(_Planned(lines * 9.5 + 6, lambda r: r.note(tail)))
        items.append(_Planned(10.0, lambda r: setattr(r, "y", r.y + 10), spacer=True))

    one = _one_patient(d)
    visit_cols, activity_cols = (_VISIT_COLS_ONE, _ACTIVITY_COLS_ONE) if one else (_VISIT_COLS, _ACTIVITY_COLS)
    visits = _rows(visit_cols, _visit_values(d))
    total = None
    if len(d.visits) > 1:
        sums = [[_m(sum(getattr(v, f) for v in d.visits))] for f in (
            "charges_cents", "insurance_paid_cents", "adjusted_cents", "patient_paid_cents", "pending_cents",
            "patient_cents")]
        total = _Row([["Total"], [""]] + ([] if one else [[""]]) + sums, LEADING + 6, bold=True)
    section("Visits with a balance", "", visit_cols, visits, "No visit has a balance.", total,
            "Pending with insurance: your insurance has not finished with these charges, so you do not owe them "
            "now. Your share: what insurance says is yours (copay, coinsurance, deductible) or did not cover.")
    since = (f"since your last statement ({_d(d.since)})" if not d.first_statement and d.since
             else "on the visits above")
    section("Account activity", since, activity_cols, _rows(activity_cols, _activity_values(d)),
            "Nothing has happened on the account since your last statement.", None, "")
    # paginate
    pages: list[list[_Item]] = [[]]
    used = 0.0
    room = PAGE_H - BOTTOM - _first_page_used(d)
    i = 0
    while i < len(items):
        group = [items[i]]
        while group[-1].keep_with_next and i + len(group) < len(items):
            group.append(items[i + len(group)])
        need = sum(p.height for p in group)
        if group[0].spacer and used + need > room:
            i += 1
            continue
        if used + need > room and pages[-1]:
            pages.append([])
            used = 0.0
            room = PAGE_H - BOTTOM - (MARGIN + 26)
            if group[0].header is not None:  # the table goes on: its header again
                pages[-1].append(group[0].header)
                used += group[0].header[0]
        pages[-1].extend((p.height, p.draw) for p in group)
        used += need
        i += len(group)
    return pages


def _first_page_used(d: StatementData) -> float:
    """Points from the top of page 1 to where the tables start (the header and the summary)."""
    lines = _wrap(f"Patient{'s' if len(d.patients) != 1 else ''}: " + ", ".join(
        f"{name} ({account})" for name, account in d.patients), 3.6, REGULAR, 8.5)
    practice = len([x for x in (*d.practice_lines, d.practice_phone) if x])
    header = max(BODY_TOP + 10 + practice * 10.5, BODY_TOP + 10 + 22 + (min(len(lines), 3) - 1) * 10) + 12
    message = d.message + (" " + _plan_words(d.plan) if d.plan is not None else "")
    return float(header + 58 + 10 + len(_wrap(message, 7.2, BOLD, 8.5)) * 11 + 10 + 14)


def _draw(pdf: Canvas, d: StatementData) -> None:
    pages = _plan(d)
    r = _Renderer(pdf, d)
    r.pages = len(pages)
    for n, items in enumerate(pages, start=1):
        r.page = n
        r.new_page()
        if n == 1:
            r.stub()
            r.header(first=True)
            r.summary()
        else:
            r.header(first=False)
        for _height, draw in items:
            draw(r)
        r.footer()
        r.end_page()
        pdf.showPage()


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed page streams without reportlab's ASCII85 layer (pure Python there, and most of the time a
    1,000-statement run spent rendering); only while our canvas is saved, then as before."""
    before = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = before


def _canvas(buffer: BytesIO, title: str, author: str) -> Canvas:
    pdf = Canvas(buffer, pagesize=LETTER, invariant=True, pageCompression=1)
    pdf.setTitle(title)
    pdf.setAuthor(author)
    pdf.setSubject("Patient statement")
    return pdf


def render_statement(data: StatementData) -> bytes:
    """One statement as a PDF (what a reprint makes from the snapshot)."""
    buffer = BytesIO()
    with _binary_streams():
        pdf = _canvas(buffer, f"Statement {data.account_number} {_d(data.statement_date)}", data.practice_name)
        _draw(pdf, data)
        pdf.save()
    return buffer.getvalue()


def render_statements(items: Sequence[StatementData], title: str = "Patient statements") -> bytes:
    """Many statements in one PDF, one after the other (each starts on a new page)."""
    buffer = BytesIO()
    with _binary_streams():
        pdf = _canvas(buffer, title, items[0].practice_name if items else "")
        for data in items:
            _draw(pdf, data)
        if not items:
            pdf.showPage()
        pdf.save()
    return buffer.getvalue()


def page_count(data: StatementData) -> int:
    return len(_plan(data))
