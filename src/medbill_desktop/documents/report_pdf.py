"""A report (domain.reports.ReportTable) as a PDF: US letter, landscape when the table is wide; the practice, the
title and what the report covers at the top of every page, the column headings repeated on each page, amounts
right-aligned, a totals row, the notes, and "Page n of N" with when and by whom it was printed at the foot."""

from __future__ import annotations

from io import BytesIO
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from medbill_desktop.domain.reports import Cell, ReportTable, shown

MARGIN = 0.5 * inch
TOP = 1.05 * inch  # room for the page header
INK = colors.HexColor("#1d2430")
ACCENT = colors.HexColor("#1f3a5f")
MUTED = colors.HexColor("#5a6270")
RULE = colors.HexColor("#9aa7b8")
SHADE = colors.HexColor("#eef2f7")
ZEBRA = colors.HexColor("#f7f9fb")
NUMERIC = (Cell.MONEY, Cell.COUNT, Cell.PERCENT, Cell.NUMBER)

_CELL = ParagraphStyle("cell", fontName="Helvetica", fontSize=8, leading=9.6, textColor=INK)
_CELL_RIGHT = ParagraphStyle("cellRight", parent=_CELL, alignment=TA_RIGHT)
_HEAD = ParagraphStyle("head", parent=_CELL, fontName="Helvetica-Bold", textColor=ACCENT)
_HEAD_RIGHT = ParagraphStyle("headRight", parent=_HEAD, alignment=TA_RIGHT)
_BOLD = ParagraphStyle("bold", parent=_CELL, fontName="Helvetica-Bold")
_BOLD_RIGHT = ParagraphStyle("boldRight", parent=_BOLD, alignment=TA_RIGHT)
_SECTION = ParagraphStyle("section", parent=_CELL, fontName="Helvetica-Bold", fontSize=9, textColor=ACCENT)
_NOTE = ParagraphStyle("note", parent=_CELL, fontSize=7.5, leading=9.5, textColor=MUTED)


def page_size(table: ReportTable) -> tuple[float, float]:
    """Landscape for a table of more than six columns or of much text."""
    wide = len(table.columns) > 6 or sum(c.width for c in table.columns) > 7.5
    return landscape(LETTER) if wide else LETTER


def _widths(table: ReportTable, usable: float) -> list[float]:
    total = sum(c.width for c in table.columns) or 1.0
    return [usable * c.width / total for c in table.columns]


def _row(values: tuple[Any, ...], table: ReportTable, bold: bool = False) -> list[Paragraph]:
    out = []
    for value, column in zip(values, table.columns, strict=True):
        right = column.cell in NUMERIC
        style = (_BOLD_RIGHT if right else _BOLD) if bold else (_CELL_RIGHT if right else _CELL)
        out.append(Paragraph(escape(shown(value, column.cell)), style))
    return out


class _Pages:
    """Draws the running header and the numbered footer once the page count is known."""

    def __init__(self, table: ReportTable, practice: str, generated: str) -> None:
        self.table = table
        self.practice = practice
        self.generated = generated

    def canvas(self, *args: Any, **kwargs: Any) -> Canvas:
        pages = self

        class NumberedCanvas(Canvas):
            def __init__(self, *a: Any, **kw: Any) -> None:
                super().__init__(*a, **kw)
                self._saved: list[dict[str, Any]] = []

            def showPage(self) -> None:  # noqa: N802 (reportlab's name)
                self._saved.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                count = len(self._saved)
                for state in self._saved:
                    self.__dict__.update(state)
                    pages.decorate(self, count)
                    super().showPage()
                super().save()

        return NumberedCanvas(*args, **kwargs)

    def decorate(self, c: Canvas, count: int) -> None:
        width, height = c._pagesize
        c.saveState()
        y = height - MARGIN
        if self.practice:
            c.setFont("Helvetica-Bold", 9)
            c.setFillColor(MUTED)
            c.drawString(MARGIN, y - 2, self.practice)
        c.setFont("Helvetica-Bold", 15)
        c.setFillColor(ACCENT)
        c.drawString(MARGIN, y - 20, self.table.title)
        c.setFont("Helvetica", 9)
        c.setFillColor(INK)
        c.drawString(MARGIN, y - 34, self.table.subtitle)
        c.setStrokeColor(RULE)
        c.setLineWidth(0.6)
        c.line(MARGIN, y - 42, width - MARGIN, y - 42)
        c.setFont("Helvetica", 7.5)
        c.setFillColor(MUTED)
        c.drawString(MARGIN, MARGIN * 0.6, self.generated)
        c.drawRightString(width - MARGIN, MARGIN * 0.6, f"Page {c.getPageNumber()} of {count}")
        c.restoreState()


def render_report_pdf(table: ReportTable, *, practice: str = "", generated: str = "") -> bytes:
    size = page_size(table)
    buf = BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=size, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
                            bottomMargin=MARGIN, title=table.title, author=practice or "MedBill Desktop",
                            subject=table.subtitle)
    usable = size[0] - 2 * MARGIN
    header = [Paragraph(escape(c.title), _HEAD_RIGHT if c.cell in NUMERIC else _HEAD) for c in table.columns]
    data: list[list[Any]] = [header]
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, ACCENT),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    starts = {first: heading for heading, first in table.sections}
    for n, row in enumerate(table.rows):
        if n in starts:
            style += [("SPAN", (0, len(data)), (-1, len(data))),
                      ("LINEBELOW", (0, len(data)), (-1, len(data)), 0.5, RULE)]
            data.append([Paragraph(escape(starts[n]), _SECTION)] + [""] * (len(table.columns) - 1))
        if n % 2:
            style.append(("BACKGROUND", (0, len(data)), (-1, len(data)), ZEBRA))
        data.append(_row(row, table))
    if not table.rows:
        style.append(("SPAN", (0, len(data)), (-1, len(data))))
        data.append([Paragraph("Nothing to report.", _CELL)] + [""] * (len(table.columns) - 1))
    if table.totals is not None:
        style += [("LINEABOVE", (0, len(data)), (-1, len(data)), 0.8, INK),
                  ("BACKGROUND", (0, len(data)), (-1, len(data)), SHADE)]
        data.append(_row(table.totals, table, bold=True))
    grid = Table(data, colWidths=_widths(table, usable), repeatRows=1, hAlign="LEFT")
    grid.setStyle(TableStyle(style))
    story: list[Any] = [grid]
    if table.notes:
        story.append(Spacer(1, 8))
        story += [Paragraph(escape(note), _NOTE) for note in table.notes]
    pages = _Pages(table, practice, generated)
    doc.build(story, canvasmaker=pages.canvas)
    return buf.getvalue()
