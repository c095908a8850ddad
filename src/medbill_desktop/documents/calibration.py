"""Printer calibration for red CMS-1500 forms: how a profile moves the print, and the alignment test page.

A profile (domain.claim_form.CalibrationProfile: plain data, stored later with the workstation's
settings) holds an x and y offset in hundredths of an inch (x + right, y + down the page), an optional
scale about the page's top-left corner, and per-field nudges. 1/100 in = 0.72 pt.

The alignment test page is printed with the profile being tuned and held against a blank red form (or
printed on one): crosshairs mark four box corners of the form with scales to read how far off the print
is, every checkbox gets its X, several boxes get X's, and rulers along the top and left margins are
numbered in hundredths of an inch from the paper's edge. The page says how to read it and what to enter.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from io import BytesIO

from reportlab.lib.colors import black
from reportlab.pdfgen.canvas import Canvas

from medbill_desktop.documents import cms1500_form as form
from medbill_desktop.documents.cms1500_grid import (
    FONT,
    FONT_SIZE,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    POINTS_PER_HUNDREDTH,
    Slot,
    col_x,
    line_top,
    load_grid,
)
from medbill_desktop.domain.claim_form import (
    NUDGE_KEYS,
    CalibrationProfile,
    validate_calibration_profile,
)

__all__ = ["NUDGE_KEYS", "CalibrationProfile", "Placement", "alignment_test_page", "nudge_points", "page_matrix",
           "page_text", "placements", "text_header", "validate_calibration_profile"]

Matrix = tuple[float, float, float, float, float, float]


def page_matrix(profile: CalibrationProfile | None) -> Matrix | None:
    """The PDF transformation (a b c d e f) that applies the profile's scale (about the top-left corner of
    the page) and offsets; None when there is nothing to move."""
    if profile is None:
        return None
    s = float(profile.scale)
    dx = profile.x_offset_hundredths_in * POINTS_PER_HUNDREDTH
    dy = profile.y_offset_hundredths_in * POINTS_PER_HUNDREDTH
    if s == 1.0 and dx == 0 and dy == 0:
        return None
    return (s, 0.0, 0.0, s, dx, (1.0 - s) * PAGE_HEIGHT - dy)


def nudge_points(profile: CalibrationProfile | None, key: str) -> tuple[float, float]:
    """A field's nudge in PDF points (x right, y up)."""
    if profile is None:
        return 0.0, 0.0
    move = profile.nudges.get(key)
    if not move:
        return 0.0, 0.0
    return move[0] * POINTS_PER_HUNDREDTH, -move[1] * POINTS_PER_HUNDREDTH


# --- placing text -------------------------------------------------------------------------------------------------

_ESCAPE = str.maketrans({"\\": "\\\\", "(": "\\(", ")": "\\)"})


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one field's text goes on the page: its text matrix, and how many characters it may print."""

    x: float
    y: float
    width: int
    yields_to: str  # a field on the same line; when that one has text this one stops a column before it
    short_width: int
    tm: str  # '1 0 0 1 x y Tm ', the operator that places it


def placements(profile: CalibrationProfile | None = None, *, nudges: bool = True) -> dict[str, Placement]:
    """Every field's placement before the profile's page-wide offset and scale (those are applied to the
    whole page as one transformation); with `nudges`, each field moved by its own nudge."""
    grid = load_grid()
    out: dict[str, Placement] = {}
    for slot in grid.slots:
        dx, dy = nudge_points(profile, slot.nudge_key) if nudges else (0.0, 0.0)
        x, y = slot.x + dx, slot.y + dy
        short = slot.width
        if slot.yields_to:
            other: Slot = grid.by_key[slot.yields_to]
            short = min(slot.width, other.col - slot.col - 1)
        out[slot.key] = Placement(x, y, slot.width, slot.yields_to, short, f"1 0 0 1 {x:.2f} {y:.2f} Tm ")
    return out


def text_header(canvas: Canvas) -> str:
    """'BT ... /Fn 12 Tf ...': the start of a Courier 12 text object, with this PDF's name for the font."""
    text = canvas.beginText()
    text.setFont(FONT, FONT_SIZE)
    code: str = text.getCode()
    return code[: code.rindex("ET")]


def page_text(values: Mapping[str, str], places: Mapping[str, Placement], header: str) -> str:
    """The content-stream text object that prints one page's values at their places, each cut to fit."""
    parts = [header]
    append = parts.append
    for key, text in values.items():
        place = places[key]
        width = place.width
        if place.yields_to and values.get(place.yields_to):
            width = place.short_width
        if len(text) > width:
            text = text[:width]
        if not text.isascii():
            text = text.encode("ascii", "replace").decode("ascii")
        append(f"{place.tm}({text.translate(_ESCAPE)}) Tj")
    append("ET")
    return "\n".join(parts)


# --- the alignment test page -------------------------------------------------------------------------------------

H = POINTS_PER_HUNDREDTH
SCALE_REACH = 30  # hundredths either side of a crosshair
INSIDE = {"1a": (1, 1), "21": (1, 1), "24J line 6": (-1, -1), "33": (1, -1)}  # where each corner's box lies
NAME_AT = {"1a": (5.0, -12.0), "21": (5.0, -12.0), "24J line 6": (-5.0, 5.0), "33": (-22.0, -14.0)}
PRINTABLE_MARGIN = 13.0  # points from the paper's edge that most printers can't reach
XS_IN = ("1a", "2", "3.dob", "4", "5.street", "7.street", "11", "14.date", "17.name", "17b", "21.a", "21.b", "21.c",
         "21.d", "22.ref", "23", "24.1.from", "24.1.to", "24.1.pos", "24.1.cpt", "24.1.modifiers", "24.1.pointer",
         "24.1.charges", "24.1.units", "24.1.npi", "25.tax_id", "26", "28", "29", "31", "32.name", "33.name", "33a")
INSTRUCTIONS = (
    "HOW TO ALIGN YOUR PRINTER WITH THE RED CMS-1500 FORM",
    "1. Print this page on plain paper with the printer and tray you use for claims (actual size, no 'fit to page').",
    "2. Lay it on a blank red form, edges together, and hold both against a window or a lamp.",
    "3. Each crosshair (1a, 21, 24J line 6, 33) belongs on the corner of the red box it names. Where that box's",
    "    up-and-down red line crosses the level scale next to the crosshair, read X; where its level red line",
    "    crosses the upright scale, read Y. The scales count hundredths of an inch: + means the red line is right",
    "    of / below where this page put it.",
    "4. Add the readings (their average if they differ a little) to the profile's X and Y offsets printed above,",
    "    save the profile and print this page again. Done when every crosshair sits on its corner and every X",
    "    is inside its box.",
    "5. Readings that grow from top to bottom mean the printer scales the page: new scale = scale x",
    "    (1 + (Y at 33 - Y at 1a) / 917), since those crosshairs are 9.17 in apart",
    "    (across the page: 1 + (X at 24J - X at 21) / 796).",
    "6. Only one box off? Give that field a nudge in hundredths (+ right, + down) instead of moving everything.",
    "Margin rulers: hundredths of an inch from the paper's top and left edges. With a real ruler, the mark 100",
    "should be 1.00 in from the edge; if it is at 1.04 the printer shifts the page 4 right: enter -4 for X.",
)


def _crosshair(canvas: Canvas, name: str, x: float, top: float) -> None:
    """A crosshair on a box corner with two scales through it, in hundredths of an inch (+ right, + down): the
    level one reads X where the box's upright red line crosses it, the upright one reads Y where the box's level
    red line crosses it. Ticks and figures sit outside the box (where there is paper a printer reaches), the
    name inside it; the level scale stops where printers stop printing."""
    y = PAGE_HEIGHT - top
    right, down = INSIDE[name]
    reach = SCALE_REACH * H
    low = max(-SCALE_REACH, math.ceil((PRINTABLE_MARGIN - x) / H))
    high = min(SCALE_REACH, math.floor((PAGE_WIDTH - PRINTABLE_MARGIN - x) / H))
    side = -right if PRINTABLE_MARGIN + 16 < x - right * 16 < PAGE_WIDTH - PRINTABLE_MARGIN - 16 else right
    canvas.setLineWidth(0.35)
    canvas.circle(x, y, 2.2, stroke=1, fill=0)
    canvas.line(x + low * H, y, x + high * H, y)
    canvas.line(x, y - reach, x, y + reach)
    canvas.setFont("Helvetica", 4.2)
    for h in range(-SCALE_REACH, SCALE_REACH + 1):
        size = 3.2 if h % 10 == 0 else (2.2 if h % 5 == 0 else 1.3)
        if low <= h <= high:
            canvas.line(x + h * H, y, x + h * H, y + down * size)  # level scale: ticks outside the box
            if h % 10 == 0 and h:
                canvas.drawCentredString(x + h * H, y + 5.0 if down > 0 else y - 8.0, f"{h:+d}")
        canvas.line(x, y - h * H, x + side * size, y - h * H)  # upright scale: + is down the page
        if abs(h) in (20, 30):
            if side < 0:
                canvas.drawRightString(x - 4.0, y - h * H - 1.4, f"{h:+d}")
            else:
                canvas.drawString(x + 4.0, y - h * H - 1.4, f"{h:+d}")
    canvas.setFont("Helvetica-Bold", 7)
    dx, dy = NAME_AT[name]
    if dx > 0:
        canvas.drawString(x + dx, y + dy, name)
    else:
        canvas.drawRightString(x + dx, y + dy, name)


def _rulers(canvas: Canvas) -> None:
    """Ticks every 0.05 in along the top and left margins, numbered in hundredths of an inch from the paper's
    edge (left margin: not next to the crosshair at 21, whose scales are there)."""
    canvas.setLineWidth(0.35)
    canvas.setFont("Helvetica", 4.5)
    top_y = PAGE_HEIGHT - PRINTABLE_MARGIN - 1.0
    for h in range(25, int(PAGE_WIDTH / H) - 10, 5):
        x = h * H
        size = 6.0 if h % 50 == 0 else (4.0 if h % 25 == 0 else 2.0)
        canvas.line(x, top_y, x, top_y - size)
        if h % 50 == 0:
            canvas.drawCentredString(x, top_y - 11.0, str(h))
    left_x = PRINTABLE_MARGIN + 1.0
    busy = [top for name, (x, top) in form.CORNERS.items() if x < 60]
    for h in range(25, int(PAGE_HEIGHT / H) - 10, 5):
        if any(abs(h * H - top) < 36.0 for top in busy):
            continue
        y = PAGE_HEIGHT - h * H
        size = 6.0 if h % 50 == 0 else (4.0 if h % 25 == 0 else 2.0)
        canvas.line(left_x, y, left_x + size, y)
        if h % 100 == 0:
            canvas.saveState()
            canvas.translate(left_x + 10.0, y)
            canvas.rotate(90)
            canvas.drawCentredString(0, 0, str(h))
            canvas.restoreState()


def alignment_test_page(profile: CalibrationProfile | None = None) -> bytes:
    """A one-page PDF to hold against a red form, printed through `profile` (offsets, scale and nudges)."""
    shown = profile or CalibrationProfile("(no profile)")
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.setTitle(f"CMS-1500 alignment test: {shown.name}")
    canvas.setCreator("MedBill Desktop")
    matrix = page_matrix(profile)
    canvas.saveState()
    if matrix is not None:
        canvas.transform(*matrix)
    canvas.setStrokeColor(black)
    canvas.setFillColor(black)
    _rulers(canvas)
    canvas.setFont("Helvetica-Bold", 8)
    canvas.drawString(form.LEFT + 4.0, PAGE_HEIGHT - 40.0, "MEDBILL DESKTOP  CMS-1500 ALIGNMENT TEST")
    canvas.setFont("Helvetica", 6.5)
    nudges = ", ".join(f"{k} ({dx:+d}, {dy:+d})" for k, (dx, dy) in sorted(shown.nudges.items()) if dx or dy)
    canvas.drawString(form.LEFT + 4.0, PAGE_HEIGHT - 50.0,
                      f"Profile: {shown.name}   X offset {shown.x_offset_hundredths_in:+d}   Y offset "
                      f"{shown.y_offset_hundredths_in:+d} (hundredths of an inch)   scale {shown.scale:.3f}")
    canvas.drawString(form.LEFT + 4.0, PAGE_HEIGHT - 58.0, f"Nudges: {nudges or 'none'}")
    for name, (x, top) in form.CORNERS.items():
        _crosshair(canvas, name, x, top)
    grid = load_grid()
    values: dict[str, str] = {}
    for slot in grid.slots:
        if slot.check:
            values[slot.key] = "X"
        elif slot.key in XS_IN:
            values[slot.key] = "X" * slot.width
    canvas.addLiteral(page_text(values, placements(profile), text_header(canvas)))
    text = canvas.beginText(col_x(2), PAGE_HEIGHT - line_top(45) - 1.0)  # item 24, lines 2-6: nothing printed
    text.setLeading(7.3)
    for i, line in enumerate(INSTRUCTIONS):
        text.setFont("Helvetica-Bold" if i == 0 else "Helvetica", 6.6 if i == 0 else 6.2)
        text.textLine(line)
    canvas.drawText(text)
    canvas.restoreState()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()

