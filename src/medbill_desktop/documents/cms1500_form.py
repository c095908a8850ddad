"""The CMS-1500 (02/12) form itself, drawn for plain paper and archive copies (never on red OCR forms).

The boxes are laid out on the print grid: a box's horizontal lines fall 3 pt below the baseline of the
last text line it holds (`rule(n)`), its vertical lines between character columns, so every field of
cms1500_grid prints inside its box. Drawn once per PDF as a form XObject and placed on every page.
"""

from __future__ import annotations

from collections.abc import Iterable

from reportlab.lib.colors import Color
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from medbill_desktop.documents.cms1500_grid import PAGE_HEIGHT, PAGE_WIDTH, PITCH, col_x, line_top, load_grid

FORM_NAME = "cms1500-0212"
INK = Color(0.84, 0.11, 0.17)  # the form's red
SHADE = Color(1.0, 0.87, 0.87)  # its shaded fields
LABEL_FONT = "Helvetica"
BOLD_FONT = "Helvetica-Bold"
LABEL = 5.5  # point size of box labels
SMALL = 4.5  # sub-labels (MM DD YY, From/To ...)


def mid(col: float) -> float:
    """The middle of column `col`: where a box line between two fields runs."""
    return col_x(col) + PITCH / 2


def rule(line: int) -> float:
    """A box line just below text line `line`, from the top edge."""
    return line_top(line) + 3.0


LEFT = col_x(1) - 3.0
RIGHT = col_x(80) + 1.0
V_LEFT = mid(29)  # patient | condition column
V_RIGHT = mid(49)  # ... | insured column
TOP = rule(6)
BOTTOM = rule(61)
V_17 = col_x(29) - 0.5  # item 17 | 17a/17b
V_31 = mid(21)  # items 25/31 | 26/32
D_32, D_33 = mid(33), mid(60)  # 32a | 32b, 33a | 33b


def label_top(line: int) -> float:
    """Baseline of a box label in a box that starts below text line `line`."""
    return rule(line) + 6.2


# The four corners the alignment test page marks (x, from the top): the top-left corners of items 1a and
# 21, the bottom-right corner of 24J on service line 6 and the bottom-left corner of item 33.
CORNERS: dict[str, tuple[float, float]] = {
    "1a": (V_RIGHT, TOP),
    "21": (LEFT, rule(36)),
    "24J line 6": (RIGHT, rule(54)),
    "33": (V_RIGHT, BOTTOM),
}


class _Pen:
    """Drawing in top-down coordinates (points from the top edge), as the grid is written."""

    def __init__(self, canvas: Canvas) -> None:
        self.c = canvas

    def y(self, top: float) -> float:
        return PAGE_HEIGHT - top

    def hline(self, top: float, x0: float, x1: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.line(x0, self.y(top), x1, self.y(top))

    def vline(self, x: float, top0: float, top1: float, width: float = 0.5, dotted: bool = False) -> None:
        self.c.setLineWidth(width)
        if dotted:
            self.c.setDash(0.6, 1.2)
        self.c.line(x, self.y(top0), x, self.y(top1))
        if dotted:
            self.c.setDash()

    def fill(self, x0: float, top0: float, x1: float, top1: float) -> None:
        self.c.saveState()
        self.c.setFillColor(SHADE)
        self.c.rect(x0, self.y(top1), x1 - x0, top1 - top0, stroke=0, fill=1)
        self.c.restoreState()

    def box(self, x0: float, top0: float, x1: float, top1: float, width: float = 0.5) -> None:
        self.c.setLineWidth(width)
        self.c.rect(x0, self.y(top1), x1 - x0, top1 - top0, stroke=1, fill=0)

    def text(self, x: float, top: float, text: str, size: float = LABEL, bold: bool = False,
             align: str = "left", fit: float | None = None) -> None:
        """A label; with `fit`, made smaller until it is at most that wide."""
        font = BOLD_FONT if bold else LABEL_FONT
        if fit is not None:
            width = stringWidth(text, font, size)
            if width > fit:
                size = size * fit / width
        self.c.setFont(font, size)
        if align == "right":
            self.c.drawRightString(x, self.y(top), text)
        elif align == "center":
            self.c.drawCentredString(x, self.y(top), text)
        else:
            self.c.drawString(x, self.y(top), text)

    def lines(self, x: float, top: float, texts: Iterable[str], size: float = LABEL, step: float = 6.3,
              bold_first: bool = False) -> None:
        for i, text in enumerate(texts):
            self.text(x, top + i * step, text, size, bold=bold_first and i == 0)


def _check_box(pen: _Pen, line: int, col: int) -> None:
    pen.box(col_x(col) - 1.0, line_top(line) - 8.4, col_x(col) + PITCH + 1.0, line_top(line) + 1.6)


def _date_marks(pen: _Pen, line: int, col: int, mm_dd_yy: bool = True) -> None:
    """Dotted separators of a MM | DD | YY field starting at `col`, and the MM DD YY sub-labels above it."""
    for c in (col + 2, col + 5):
        pen.vline(mid(c), line_top(line) - 8.0, rule(line), dotted=True)
    if mm_dd_yy:
        for c, t in ((col, "MM"), (col + 3, "DD"), (col + 6, "YY")):
            pen.text(col_x(c) + PITCH, line_top(line) - 8.3, t, SMALL, align="center")


def _money_divider(pen: _Pen, line: int, col: int) -> None:
    """The dollars/cents divider of an 8-position amount starting at `col` (the space at col + 5)."""
    pen.vline(mid(col + 5), line_top(line) - 8.5, rule(line))


def _yes_no(pen: _Pen, line: int, yes: int, no: int) -> None:
    pen.text(col_x(yes) + PITCH + 2.0, line_top(line) - 0.5, "YES")
    pen.text(col_x(no) + PITCH + 2.0, line_top(line) - 0.5, "NO")


def _left_of(pen: _Pen, line: int, col: int, text: str, size: float = LABEL) -> None:
    pen.text(col_x(col) - 2.0, line_top(line) - 0.5, text, size, align="right")


def _header(pen: _Pen) -> None:
    pen.text(LEFT + 1.0, line_top(3) - 2.0, "1500", 20, bold=True)
    pen.text(LEFT + 1.0, line_top(4) + 4.0, "HEALTH INSURANCE CLAIM FORM", 11, bold=True)
    pen.text(LEFT + 1.0, line_top(5) + 1.5, "APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12", LABEL)
    for x0, tx in ((LEFT, LEFT + 10.5), (RIGHT - 8.5, RIGHT - 10.5)):
        pen.box(x0, rule(5) + 2.0, x0 + 8.5, TOP - 1.5)
        pen.text(tx, TOP - 3.5, "PICA", 6, bold=True, align="left" if x0 == LEFT else "right")
    # the margin: what each part of the form is
    c = pen.c
    c.setLineWidth(0.5)
    for text, top0, top1 in (("CARRIER", 18.0, TOP - 2.0), ("PATIENT AND INSURED INFORMATION", TOP + 2.0,
                             rule(29) - 2.0), ("PHYSICIAN OR SUPPLIER INFORMATION", rule(29) + 2.0, BOTTOM - 2.0)):
        c.line(RIGHT + 6.0, pen.y(top0), RIGHT + 6.0, pen.y(top1))
        c.line(RIGHT + 4.0, pen.y(top0), RIGHT + 8.0, pen.y(top0))
        c.line(RIGHT + 4.0, pen.y(top1), RIGHT + 8.0, pen.y(top1))
        c.saveState()
        c.translate(RIGHT + 15.0, pen.y((top0 + top1) / 2))
        c.rotate(90)
        c.setFont(BOLD_FONT, 6.5)
        c.drawCentredString(0, 0, text)
        c.restoreState()


def _patient_and_insured(pen: _Pen) -> None:
    full = (LEFT, RIGHT)
    for n in (8, 10, 12, 16, 26):
        pen.hline(rule(n), *full)
    for n in (14,):
        pen.hline(rule(n), LEFT, V_LEFT)
        pen.hline(rule(n), V_RIGHT, RIGHT)
    for n in (18, 20, 22, 24):
        pen.hline(rule(n), LEFT, V_LEFT)
        pen.hline(rule(n), V_RIGHT, RIGHT)
    pen.hline(rule(24), V_LEFT, V_RIGHT)
    pen.vline(V_RIGHT, TOP, rule(29))
    pen.vline(V_LEFT, rule(8), rule(26))

    # item 1 / 1a
    lt = label_top(6)
    plans = ((1, "1. MEDICARE", "(Medicare#)"), (8, "MEDICAID", "(Medicaid#)"), (15, "TRICARE", "(ID#/DoD#)"),
             (24, "CHAMPVA", "(Member ID#)"), (31, "GROUP HEALTH PLAN", "(ID#)"), (39, "FECA BLK LUNG", "(ID#)"),
             (45, "OTHER", "(ID#)"))
    for i, (col, label, sub) in enumerate(plans):
        x = LEFT + 1.5 if col == 1 else col_x(col) - 0.5
        end = col_x(plans[i + 1][0]) - 3.0 if i + 1 < len(plans) else V_RIGHT - 2.0
        pen.text(x, lt, label, fit=end - x)
        pen.text(col_x(col) + PITCH + 2.0, line_top(8) - 1.0, sub, SMALL + 0.5)
    pen.text(V_RIGHT + 1.5, lt, "1a. INSURED'S I.D. NUMBER")
    pen.text(RIGHT - 2.0, lt, "(For Program in Item 1)", LABEL, align="right")

    # items 2, 3, 4
    lt = label_top(8)
    pen.text(LEFT + 1.5, lt, "2. PATIENT'S NAME (Last Name, First Name, Middle Initial)")
    pen.text(V_LEFT + 1.5, lt, "3. PATIENT'S BIRTH DATE")
    pen.text(col_x(44), lt, "SEX")
    _date_marks(pen, 10, 31)
    _left_of(pen, 10, 42, "M")
    _left_of(pen, 10, 47, "F")
    pen.text(V_RIGHT + 1.5, lt, "4. INSURED'S NAME (Last Name, First Name, Middle Initial)")

    # items 5, 6, 7 and 8
    lt = label_top(10)
    pen.text(LEFT + 1.5, lt, "5. PATIENT'S ADDRESS (No., Street)")
    pen.text(V_LEFT + 1.5, lt, "6. PATIENT RELATIONSHIP TO INSURED")
    for col, text in ((33, "Self"), (38, "Spouse"), (42, "Child"), (47, "Other")):
        _left_of(pen, 12, col, text, 5.0)
    pen.text(V_RIGHT + 1.5, lt, "7. INSURED'S ADDRESS (No., Street)")
    lt = label_top(12)
    state_5, zip_5, state_7, zip_7 = mid(24), mid(12), mid(72), mid(61)
    pen.text(LEFT + 1.5, lt, "CITY")
    pen.text(state_5 + 1.5, lt, "STATE")
    pen.vline(state_5, rule(12), rule(14))
    pen.text(V_LEFT + 1.5, lt, "8. RESERVED FOR NUCC USE")
    pen.text(V_RIGHT + 1.5, lt, "CITY")
    pen.text(state_7 + 1.5, lt, "STATE")
    pen.vline(state_7, rule(12), rule(14))
    lt = label_top(14)
    for x0, zx, paren in ((LEFT, zip_5, 14), (V_RIGHT, zip_7, 64)):
        pen.text(x0 + 1.5, lt, "ZIP CODE")
        pen.text(zx + 1.5, lt, "TELEPHONE (Include Area Code)")
        pen.vline(zx, rule(14), rule(16))
        pen.text(col_x(paren) + 2.0, line_top(16), "(", 9)
        pen.text(col_x(paren + 4) + 2.0, line_top(16), ")", 9)

    # items 9, 10, 11
    pen.lines(LEFT + 1.5, label_top(16), ["9. OTHER INSURED'S NAME (Last name, First Name, Middle Initial)"])
    pen.text(LEFT + 1.5, label_top(18), "a. OTHER INSURED'S POLICY OR GROUP NUMBER")
    pen.text(LEFT + 1.5, label_top(20), "b. RESERVED FOR NUCC USE")
    pen.text(LEFT + 1.5, label_top(22), "c. RESERVED FOR NUCC USE")
    pen.text(LEFT + 1.5, label_top(24), "d. INSURANCE PLAN NAME OR PROGRAM NAME")
    pen.text(V_LEFT + 1.5, label_top(16), "10. IS PATIENT'S CONDITION RELATED TO:")
    pen.text(V_LEFT + 1.5, label_top(18), "a. EMPLOYMENT? (Current or Previous)")
    pen.text(V_LEFT + 1.5, label_top(20), "b. AUTO ACCIDENT?")
    pen.text(col_x(43), label_top(20), "PLACE (State)")
    pen.hline(line_top(22) + 1.5, col_x(45) - 1.0, col_x(47) + 1.0)
    pen.text(V_LEFT + 1.5, label_top(22), "c. OTHER ACCIDENT?")
    for line in (20, 22, 24):
        _yes_no(pen, line, 35, 41)
    pen.text(V_LEFT + 1.5, label_top(24), "10d. CLAIM CODES (Designated by NUCC)")
    pen.text(V_RIGHT + 1.5, label_top(16), "11. INSURED'S POLICY GROUP OR FECA NUMBER")
    pen.text(V_RIGHT + 1.5, label_top(18), "a. INSURED'S DATE OF BIRTH")
    pen.text(col_x(70), label_top(18), "SEX")
    _date_marks(pen, 20, 53)
    _left_of(pen, 20, 68, "M")
    _left_of(pen, 20, 75, "F")
    pen.text(V_RIGHT + 1.5, label_top(20), "b. OTHER CLAIM ID (Designated by NUCC)")
    pen.vline(mid(52), line_top(22) - 8.0, rule(22), dotted=True)
    pen.text(V_RIGHT + 1.5, label_top(22), "c. INSURANCE PLAN NAME OR PROGRAM NAME")
    pen.text(V_RIGHT + 1.5, label_top(24), "d. IS THERE ANOTHER HEALTH BENEFIT PLAN?")
    _yes_no(pen, 26, 52, 57)
    pen.text(col_x(61), line_top(26) - 0.5, "If yes, complete items 9, 9a, and 9d.", 5.0, bold=True)

    # items 12 and 13
    lt = label_top(26)
    pen.text((LEFT + V_RIGHT) / 2, lt, "READ BACK OF FORM BEFORE COMPLETING & SIGNING THIS FORM.", 6, bold=True,
             align="center")
    pen.lines(LEFT + 1.5, lt + 6.0, [
        "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE  I authorize the release of any medical or other information "
        "necessary",
        "to process this claim. I also request payment of government benefits either to myself or to the party who "
        "accepts assignment",
        "below.",
    ], 4.4, 5.2)
    pen.text(LEFT + 1.5, line_top(29) - 0.5, "SIGNED", LABEL)
    pen.hline(line_top(29) + 1.8, col_x(7), col_x(30))
    _left_of(pen, 29, 35, "DATE")
    pen.hline(line_top(29) + 1.8, col_x(35), col_x(46))
    pen.lines(V_RIGHT + 1.5, lt, [
        "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE I authorize",
        "payment of medical benefits to the undersigned physician or supplier for",
        "services described below.",
    ], 4.6, 5.8)
    pen.text(V_RIGHT + 1.5, line_top(29) - 0.5, "SIGNED", LABEL)
    pen.hline(line_top(29) + 1.8, col_x(55), RIGHT - 4.0)


def _physician_and_supplier(pen: _Pen) -> None:
    full = (LEFT, RIGHT)
    pen.hline(rule(29), *full, width=1.2)
    for n in (32, 34, 36, 40, 42, 54, 56):
        pen.hline(rule(n), *full)

    # items 14, 15, 16
    pen.vline(V_LEFT, rule(29), rule(32))
    pen.vline(V_RIGHT, rule(29), rule(36))
    lt = label_top(29)
    pen.lines(LEFT + 1.5, lt, ["14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)"])
    _date_marks(pen, 32, 2)
    _left_of(pen, 32, 16, "QUAL.", 5.0)
    pen.text(V_LEFT + 1.5, lt, "15. OTHER DATE")
    pen.text(col_x(31), line_top(31) - 1.0, "QUAL.", 5.0)
    pen.hline(line_top(32) + 1.5, col_x(31) - 1.0, col_x(34) + 1.0)
    _date_marks(pen, 32, 37)
    pen.text(V_RIGHT + 1.5, lt, "16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION")
    for line in (32, 34):
        _date_marks(pen, line, 54)
        _date_marks(pen, line, 68)
        _left_of(pen, line, 54, "FROM", 5.0)
        _left_of(pen, line, 68, "TO", 5.0)

    # items 17, 17a, 17b, 18
    lt = label_top(32)
    pen.text(LEFT + 1.5, lt, "17. NAME OF REFERRING PROVIDER OR OTHER SOURCE")
    pen.vline(mid(3), line_top(34) - 8.0, rule(34), dotted=True)
    pen.vline(V_17, rule(32), rule(34))
    pen.hline(rule(33), V_17, V_RIGHT)
    pen.text(V_17 + 0.6, line_top(33) - 1.0, "17a.", 3.6)
    pen.text(V_17 + 0.6, line_top(34) - 1.0, "17b.", 3.6)
    pen.text(col_x(30), line_top(34) - 0.5, "NPI", 5.0)
    for line in (33, 34):
        pen.vline(mid(32), line_top(line) - 8.0, rule(line), dotted=True)
    pen.text(V_RIGHT + 1.5, lt, "18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES")

    # items 19, 20
    lt = label_top(34)
    pen.text(LEFT + 1.5, lt, "19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)")
    lab = mid(60)
    pen.text(V_RIGHT + 1.5, lt, "20. OUTSIDE LAB?")
    pen.text(lab + 1.5, lt, "$ CHARGES")
    pen.vline(lab, rule(34), rule(36))
    _yes_no(pen, 36, 52, 57)
    _money_divider(pen, 36, 63)

    # items 21, 22, 23
    lt = label_top(36)
    pen.vline(V_RIGHT, rule(36), rule(40))
    pen.text(LEFT + 1.5, lt, "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)")
    _left_of(pen, 37, 42, "ICD Ind.", 5.0)
    _check_box(pen, 37, 42)
    for row, letters in enumerate(("ABCD", "EFGH", "IJKL")):
        line = 38 + row
        for letter, col in zip(letters, (3, 16, 29, 42), strict=True):
            pen.text(col_x(col - 2) + 1.0, line_top(line), f"{letter}.", 6)
            pen.hline(line_top(line) + 1.8, col_x(col) - 0.5, col_x(col + 8) - 1.5)
    ref = mid(60)
    pen.text(V_RIGHT + 1.5, lt, "22. RESUBMISSION CODE")
    pen.text(ref + 1.5, lt, "ORIGINAL REF. NO.")
    pen.vline(ref, line_top(37) - 1.0, rule(38))
    pen.hline(rule(38), V_RIGHT, RIGHT)
    pen.text(V_RIGHT + 1.5, label_top(38), "23. PRIOR AUTHORIZATION NUMBER")


# item 24's columns: x of the line, and whether it runs through the shaded half of each line
_D_FROM_TO = mid(9)
_COLUMNS_24 = (
    (mid(18), False), (mid(21), False), (mid(24), False), (mid(32), False), (mid(44), False), (mid(49), False),
    (mid(58), False), (mid(62), True), (col_x(65) - 0.3, True), (mid(67), True),
)
_DOTTED_24 = (mid(3), mid(6), mid(12), mid(15), mid(35), mid(38), mid(41))


def _service_lines(pen: _Pen) -> None:
    top, head = rule(40), rule(42)
    t1, t2, t3 = label_top(40), label_top(40) + 6.0, label_top(40) + 12.0
    for x, _ in _COLUMNS_24:
        if x != mid(32):  # CPT/HCPCS | MODIFIER splits only the lowest header line
            pen.vline(x, top, head)
    pen.vline(_D_FROM_TO, t2 + 1.5, head)
    for k in range(1, 7):
        shaded, unshaded, bottom = rule(40 + 2 * k), rule(41 + 2 * k), rule(42 + 2 * k)
        for x, through in _COLUMNS_24:
            pen.vline(x, shaded if through else unshaded, bottom)
        pen.vline(_D_FROM_TO, unshaded, bottom)
        for x in _DOTTED_24:
            pen.vline(x, unshaded + 1.0, bottom, dotted=True)
        pen.vline(mid(55), unshaded + 1.0, bottom)  # 24F dollars | cents
        pen.text(col_x(65) + 0.8, line_top(42 + 2 * k) - 0.5, "NPI", 5.0)
        pen.text(LEFT - 2.5, line_top(41 + 2 * k) + 4.0, str(k), 8, bold=True, align="right")
    pen.text(LEFT + 1.5, t1, "24. A.")
    pen.text(mid(9), t1, "DATE(S) OF SERVICE", SMALL + 0.5, align="center")
    pen.text(mid(4.5), t2, "From", SMALL, align="center")
    pen.text(mid(13.5), t2, "To", SMALL, align="center")
    for first in (1, 10):
        for dc, part in ((0, "MM"), (3, "DD"), (6, "YY")):
            pen.text(col_x(first + dc) + PITCH, t3, part, SMALL, align="center")
    bounds = {"B": (mid(18), mid(21)), "C": (mid(21), mid(24)), "E": (mid(44), mid(49)), "F": (mid(49), mid(58)),
              "G": (mid(58), mid(62)), "H": (mid(62), col_x(65) - 0.3), "I": (col_x(65) - 0.3, mid(67)),
              "J": (mid(67), RIGHT)}
    heads = {"B": ("B.", "PLACE OF", "SERVICE"), "C": ("C.", "", "EMG"), "E": ("E.", "DIAGNOSIS", "POINTER"),
             "F": ("F.", "", "$ CHARGES"), "G": ("G.", "DAYS OR", "UNITS"), "H": ("H.", "EPSDT", "Family Plan"),
             "I": ("I.", "ID.", "QUAL."), "J": ("J.", "RENDERING", "PROVIDER ID. #")}
    for key, rows in heads.items():
        x0, x1 = bounds[key]
        for row, (top, text) in enumerate(zip((t1, t2, t3), rows, strict=True)):
            if text:
                pen.text((x0 + x1) / 2, top, text, LABEL if row == 0 else SMALL, align="center", fit=x1 - x0 - 1.5)
    d_mid = (mid(24) + mid(44)) / 2
    pen.text(mid(24) + 1.5, t1, "D. PROCEDURES, SERVICES, OR SUPPLIES")
    pen.text(d_mid, t2, "(Explain Unusual Circumstances)", SMALL, align="center")
    pen.text((mid(24) + mid(32)) / 2, t3, "CPT/HCPCS", SMALL, align="center")
    pen.text((mid(32) + mid(44)) / 2, t3, "MODIFIER", SMALL, align="center")
    pen.vline(mid(32), t2 + 1.5, head)


def _totals_and_signatures(pen: _Pen) -> None:
    # items 25-30
    lt = label_top(54)
    d26, d29, d30 = col_x(38) - 2.0, mid(60), mid(70)
    for x in (V_31, d26, V_RIGHT, d29, d30):
        pen.vline(x, rule(54), rule(56))
    pen.text(LEFT + 1.5, lt, "25. FEDERAL TAX I.D. NUMBER")
    pen.text(col_x(17) + PITCH / 2, lt, "SSN", SMALL, align="center")
    pen.text(col_x(19) + PITCH / 2, lt, "EIN", SMALL, align="center")
    pen.text(V_31 + 1.5, lt, "26. PATIENT'S ACCOUNT NO.")
    pen.text(d26 + 1.5, lt, "27. ACCEPT ASSIGNMENT?")
    pen.text(d26 + 1.5, lt + 5.5, "(For govt. claims, see back)", SMALL)
    _yes_no(pen, 56, 38, 43)
    pen.text(V_RIGHT + 1.5, lt, "28. TOTAL CHARGE")
    pen.text(col_x(50) + 1.0, line_top(56) - 0.5, "$", 6)
    _money_divider(pen, 56, 52)
    pen.text(d29 + 1.5, lt, "29. AMOUNT PAID")
    pen.text(col_x(61) + 0.5, line_top(56) - 0.5, "$", 6)
    _money_divider(pen, 56, 62)
    pen.text(d30 + 1.5, lt, "30. Rsvd for NUCC Use")

    # items 31, 32, 33
    lt = label_top(56)
    pen.vline(V_31, rule(56), BOTTOM)
    pen.vline(V_RIGHT, rule(56), BOTTOM)
    pen.lines(LEFT + 1.5, lt, ["31. SIGNATURE OF PHYSICIAN OR SUPPLIER", "INCLUDING DEGREES OR CREDENTIALS",
                               "(I certify that the statements on the reverse", "apply to this bill and are made a "
                               "part thereof.)"], 4.3, 5.6)
    pen.text(LEFT + 1.5, line_top(61) - 0.5, "DATE", 5.0)
    pen.text(LEFT + 1.5, line_top(59) + 1.0, "SIGNED", 5.0)
    pen.text(V_31 + 1.5, lt, "32. SERVICE FACILITY LOCATION INFORMATION")
    pen.text(V_RIGHT + 1.5, lt, "33. BILLING PROVIDER INFO & PH #")
    pen.text(col_x(65) + 2.0, line_top(57), "(", 9)
    pen.text(col_x(69) + 2.0, line_top(57), ")", 9)
    pen.hline(rule(60), V_31, RIGHT)
    d32, d33 = D_32, D_33
    for x in (d32, d33):
        pen.vline(x, rule(60), BOTTOM)
    for x, t in ((V_31, "a."), (d32, "b."), (V_RIGHT, "a."), (d33, "b.")):
        pen.text(x + 0.6, rule(60) + 4.3, t, 3.8)
    pen.text(LEFT, BOTTOM + 8.5, "NUCC Instruction Manual available at: www.nucc.org", LABEL)
    pen.text((LEFT + RIGHT) / 2, BOTTOM + 8.5, "PLEASE PRINT OR TYPE", 7, bold=True, align="center")
    pen.text(RIGHT, BOTTOM + 8.5, "APPROVED OMB-0938-1197 FORM 1500 (02-12)", LABEL, align="right")


def _shades(pen: _Pen) -> None:
    """The shaded fields, drawn before any line so that no line is covered."""
    for k in range(1, 7):
        pen.fill(LEFT, rule(40 + 2 * k), RIGHT, rule(41 + 2 * k))  # 24 supplemental lines
    pen.fill(V_17, rule(32), V_RIGHT, rule(33))  # 17a
    pen.fill(D_32, rule(60), V_RIGHT, BOTTOM)  # 32b
    pen.fill(D_33, rule(60), RIGHT, BOTTOM)  # 33b


def draw_form(canvas: Canvas) -> None:
    """Every line, shade and label of the blank form, in the form's red."""
    pen = _Pen(canvas)
    canvas.saveState()
    canvas.setFillColor(INK)
    canvas.setStrokeColor(INK)
    _shades(pen)
    _header(pen)
    _patient_and_insured(pen)
    _physician_and_supplier(pen)
    _service_lines(pen)
    for slot in load_grid().slots:
        if slot.check:
            _check_box(pen, slot.line, slot.col)
    _totals_and_signatures(pen)
    pen.box(LEFT, TOP, RIGHT, BOTTOM, width=1.2)
    canvas.restoreState()


def define_form(canvas: Canvas) -> str:
    """Register the blank form as a form XObject of this PDF (once) and return its name for doForm."""
    canvas.beginForm(FORM_NAME, 0, 0, PAGE_WIDTH, PAGE_HEIGHT)
    draw_form(canvas)
    canvas.endForm()
    return FORM_NAME
