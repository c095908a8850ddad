"""CMS-1500 (02/12) claim forms as one PDF: a page per form page.

Two outputs:
- "red": the data only, for pre-printed red OCR forms (the form is never drawn: payers scan the red ink out);
- "full": the whole form drawn in red with the data, for plain paper and archive copies.

Every field prints in Courier 12 pt (10 cpi) at its grid position and is cut to the width the grid gives
it, so nothing runs into a neighbouring box. Speed: the positions are formatted once per PDF and each
page's text goes to the content stream as one text object (one `Tm`/`Tj` pair per field).

Calibration (see calibration.py): in "red" mode the profile's offsets and scale move all the data and its
nudges move single fields; in "full" mode the offsets and scale move the whole page (form and data
together) and nudges are not used, since the data is already in the boxes drawn with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import Literal

from reportlab.pdfgen.canvas import Canvas

from medbill_desktop.documents.calibration import (
    CalibrationProfile,
    page_matrix,
    page_text,
    placements,
    text_header,
)
from medbill_desktop.documents.cms1500_form import define_form
from medbill_desktop.documents.cms1500_grid import PAGE_HEIGHT, PAGE_WIDTH
from medbill_desktop.domain.claim_form import ClaimForm, paginate, printable

Mode = Literal["red", "full"]
MODES: tuple[Mode, ...] = ("red", "full")


def render_claims(forms: Sequence[ClaimForm], *, mode: Mode = "red",
                  profile: CalibrationProfile | None = None) -> bytes:
    """One PDF with a page per form page of every claim (a claim with more than 6 lines or 12 diagnoses
    takes several pages, each totalled on its own)."""
    if mode not in MODES:
        raise ValueError(f"mode is 'red' (data for pre-printed forms) or 'full' (the form drawn), not {mode!r}")
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=True)
    canvas.setTitle("CMS-1500 claim forms")
    canvas.setCreator("MedBill Desktop")
    header = text_header(canvas)
    places = placements(profile, nudges=mode == "red")
    matrix = page_matrix(profile)
    form_name = define_form(canvas) if mode == "full" else ""
    for form in forms:
        for page in paginate(form):
            code = page_text(printable(page), places, header)
            if matrix is not None:
                canvas.saveState()
                canvas.transform(*matrix)
            if form_name:
                canvas.doForm(form_name)
            canvas.addLiteral(code)
            if matrix is not None:
                canvas.restoreState()
            canvas.showPage()
    if not forms:
        canvas.showPage()  # a PDF needs a page; an empty batch gives one blank page
    canvas.save()
    return buffer.getvalue()
