"""The CMS-1500 print grid: where every field of the form starts and how many characters it holds.

Read from the packaged copy of the reference grid (resources/cms1500/cms1500-grid.csv, 10 cpi / 6 lpi,
Courier 12 pt) plus resources/cms1500/extra-fields.csv (fields the reference layout does not print).
`ROWS` below names what each reference row becomes: one field, one field per column listed (checkbox
choices, sub-fields), one field spanning the columns listed (dates: 'MM DD CCYY' starts at the first
column and its spaces fall between the listed columns), or nothing, with the reason.

Geometry (points, US Letter 612 x 792):
    x(col)  = 20 + (col - 1) * 7.2          left edge of the character cell
    y(line) = 24 + (line - 1) * 12          from the top edge to the text baseline
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from medbill_desktop.domain.claim_form import FIELD_KEYS, nudge_key
from medbill_desktop.domain.encounters import LINES_PER_PAGE

PAGE_WIDTH = 612.0
PAGE_HEIGHT = 792.0
ORIGIN_X = 20.0
ORIGIN_Y = 24.0
PITCH = 7.2  # 10 characters per inch
LEADING = 12.0  # 6 lines per inch
FONT = "Courier"
FONT_SIZE = 12.0
POINTS_PER_HUNDREDTH = 0.72


def col_x(col: float) -> float:
    """Left edge of column `col` (1-based; fractions allowed), in points from the left edge of the page."""
    return ORIGIN_X + (col - 1) * PITCH


def line_top(line: float) -> float:
    """Baseline of text line `line` (1-based), in points from the top edge of the page."""
    return ORIGIN_Y + (line - 1) * LEADING


def baseline(line: float) -> float:
    """Baseline of text line `line` in PDF coordinates (points up from the bottom edge)."""
    return PAGE_HEIGHT - line_top(line)


@dataclass(frozen=True, slots=True)
class RowSpec:
    keys: tuple[str, ...] = ()  # '{k}' stands for the service line 1-6
    span: bool = False  # one field over all the columns listed
    width: int | None = None  # overrides the reference width
    skip: str = ""  # why the row prints nothing
    yields_to: str = ""  # a field on the same line that, when filled, cuts this one short


def _f(*keys: str, span: bool = False, width: int | None = None, yields_to: str = "") -> RowSpec:
    return RowSpec(keys, span, width, "", yields_to)


def _skip(reason: str) -> RowSpec:
    return RowSpec(skip=reason)


_RESERVED = "reserved for NUCC use: never printed"
_YES_NO = ("yes", "no")

ROWS: dict[tuple[str, str], RowSpec] = {
    ("carrier", "payer name"): _f("carrier.name"),
    ("carrier", "payer attn"): _f("carrier.attn"),
    ("carrier", "payer street"): _f("carrier.street"),
    ("carrier", "payer city/state/zip"): _f("carrier.city"),
    ("1", "insurance type X"): _f("1.medicare", "1.medicaid", "1.tricare", "1.champva", "1.group", "1.feca",
                                  "1.other"),
    ("1a", "insured ID"): _f("1a"),
    ("2", "patient name"): _f("2"),
    ("3", "patient DOB MM/DD/YYYY"): _f("3.dob", span=True),
    ("3", "patient sex X"): _f("3.m", "3.f"),
    ("4", "insured name"): _f("4"),
    ("5", "patient street"): _f("5.street"),
    ("6", "relationship X"): _f("6.self", "6.spouse", "6.child", "6.other"),
    ("7", "insured street"): _f("7.street"),
    ("5", "patient city"): _f("5.city"),
    ("5", "patient state"): _f("5.state"),
    ("7", "insured city"): _f("7.city"),
    ("7", "insured state"): _f("7.state"),
    ("5", "patient zip"): _f("5.zip"),
    ("5", "patient phone area/number"): _f("5.area", "5.phone"),
    ("7", "insured zip"): _f("7.zip"),
    ("7", "insured phone area/number"): _f("7.area", "7.phone"),
    ("8", "reserved for NUCC"): _skip(_RESERVED),
    ("9", "other insured name"): _f("9"),
    ("11", "insured policy group/FECA"): _f("11"),
    ("9a", "other insured policy/group"): _f("9a"),
    ("10a", "employment X"): _f("10a.yes", "10a.no"),
    ("11a", "insured DOB MM/DD/YYYY"): _f("11a.dob", span=True),
    ("11a", "insured sex X"): _f("11a.m", "11a.f"),
    ("9b", "reserved for NUCC"): _skip(_RESERVED),
    ("10b", "auto accident X"): _f("10b.yes", "10b.no"),
    ("10b", "auto accident state"): _f("10b.state"),
    # 02/12: Other Claim ID, printed as the qualifier Y4, a space (the form's dotted line) and the ID
    ("11b", "(OpenEMR: employer/school name)"): _f("11b"),
    ("9c", "reserved for NUCC"): _skip(_RESERVED),
    ("10c", "other accident X"): _f("10c.yes", "10c.no"),
    ("11c", "insurance plan/program name"): _f("11c"),
    ("9d", "other insurance plan name"): _f("9d"),
    ("10d", "claim codes"): _f("10d"),
    ("11d", "another health benefit plan X"): _f("11d.yes", "11d.no"),
    ("12", "patient signature"): _f("12"),
    ("13", "insured signature"): _f("13"),
    ("14", "date current illness MM/DD/YYYY"): _f("14.date", span=True),
    ("14", "qualifier"): _f("14.qual"),
    ("15", "qualifier"): _f("15.qual"),
    ("15", "other date MM/DD/YYYY"): _f("15.date", span=True),
    ("16", "unable to work FROM MM/DD/YYYY"): _f("16.from", span=True),
    ("16", "unable to work TO MM/DD/YYYY"): _f("16.to", span=True),
    ("17a", "other ID qualifier/ID"): _f("17a.qual", "17a.id"),
    ("17", "qualifier + name"): _f("17.qual", "17.name"),
    ("17b", "referring NPI"): _f("17b"),
    ("18", "hospitalization FROM MM/DD/YYYY"): _f("18.from", span=True),
    ("18", "hospitalization TO MM/DD/YYYY"): _f("18.to", span=True),
    ("19", "additional claim info"): _f("19"),
    ("20", "outside lab X"): _f("20.yes", "20.no"),
    ("20", "outside lab charges"): _f("20.charges"),
    ("21", "ICD indicator"): _f("21.ind"),
    ("21", "diagnoses A-D"): _f("21.a", "21.b", "21.c", "21.d"),
    ("21", "diagnoses E-H"): _f("21.e", "21.f", "21.g", "21.h"),
    ("21", "diagnoses I-L"): _f("21.i", "21.j", "21.k", "21.l"),
    ("22", "resubmission code"): _f("22.code"),
    ("22", "original ref no"): _f("22.ref"),
    ("23", "prior authorization"): _f("23"),
    ("24 shaded (k=1..6)", "line 41+2k = 43/45/47/49/51/53"): _skip("explains the shaded line numbers"),
    ("24 shaded", "NDC supplemental"): _f("24.{k}.supplemental", yields_to="24.{k}.note"),
    ("24 shaded", "note codes"): _f("24.{k}.note"),
    ("24I shaded", "ID qualifier"): _f("24.{k}.qual"),
    ("24J shaded", "other provider ID"): _f("24.{k}.other_id"),
    ("24 unshaded (k=1..6)", "line 42+2k = 44/46/48/50/52/54"): _skip("explains the service line numbers"),
    ("24A", "FROM MM DD YY"): _f("24.{k}.from", span=True),
    ("24A", "TO MM DD YY"): _f("24.{k}.to", span=True),
    ("24B", "place of service"): _f("24.{k}.pos"),
    ("24C", "EMG"): _skip("not in the reference layout: placed by extra-fields.csv"),
    ("24D", "CPT/HCPCS"): _f("24.{k}.cpt"),
    ("24D", "modifiers"): _f("24.{k}.modifiers"),
    ("24E", "diagnosis pointer"): _f("24.{k}.pointer"),
    ("24F", "charges"): _f("24.{k}.charges"),
    ("24G", "days/units"): _f("24.{k}.units"),
    ("24H", "EPSDT/family plan"): _f("24.{k}.family_plan"),  # the unshaded half; EPSDT is in the shaded half
    ("24J", "rendering NPI"): _f("24.{k}.npi"),
    ("25", "federal tax ID"): _f("25.tax_id"),
    ("25", "SSN|EIN X"): _f("25.ssn", "25.ein"),
    ("26", "patient account no"): _f("26"),
    ("27", "accept assignment X"): _f("27.yes", "27.no"),
    ("28", "total charge"): _f("28"),
    ("29", "amount paid"): _f("29"),
    ("30", "reserved for NUCC"): _skip(_RESERVED),
    ("33", "billing phone area"): _f("33.area"),
    # NUCC: no hyphen or space inside a phone number: the 7 digits print from column 70 on
    ("33", "billing phone prefix"): _f("33.phone", width=7),
    ("33", "billing phone '-'"): _skip("NUCC: no hyphen inside a phone number (the number is one field, 33.phone)"),
    ("33", "billing phone last4"): _skip("printed as part of 33.phone (columns 70-76)"),
    # items 32 and 33: the name and street lines take the width of their box (the reference's 25 cuts
    # addresses such as '418 MAPLE STREET SUITE 200'); 32 ends before the line at column 49, 33 at column 79
    ("32", "facility name"): _f("32.name", width=26),
    ("33", "billing provider name"): _f("33.name", width=29),
    ("32", "facility street"): _f("32.street", width=26),
    ("33", "billing provider street"): _f("33.street", width=29),
    ("31", "signature"): _f("31"),
    ("32", "facility city state zip"): _f("32.city"),
    ("33", "billing city state zip"): _f("33.city"),
    ("31", "date"): _f("31.date"),
    ("32a", "facility NPI"): _f("32a"),
    ("32b", "qualifier/other ID"): _f("32b.qual", "32b.id"),
    ("33a", "billing NPI"): _f("33a"),
    ("33b", "qualifier/other ID"): _f("33b.qual", "33b.id"),
}


@dataclass(frozen=True, slots=True)
class Slot:
    """One printed field: its text starts at (line, col) and holds `width` characters."""

    key: str  # the field key of domain.claim_form.printable ('24.3.charges')
    item: str  # the reference row's item ('24F')
    label: str  # the reference row's field description
    line: int
    col: int
    width: int
    check: bool  # a checkbox: prints X
    source: str  # 'grid' (the reference) or 'extra' (extra-fields.csv)
    yields_to: str = ""  # key of a field on the same line that cuts this one short when it has text

    @property
    def nudge_key(self) -> str:
        return nudge_key(self.key)

    @property
    def x(self) -> float:
        return col_x(self.col)

    @property
    def y(self) -> float:
        """The baseline in PDF coordinates."""
        return baseline(self.line)

    @property
    def end_col(self) -> int:
        """The last column the field may print in."""
        return self.col + self.width - 1


@dataclass(frozen=True, slots=True)
class GridRow:
    """One row of the reference CSV as read, with what it became."""

    item: str
    field: str
    line: str
    col: str
    width: str
    note: str
    keys: tuple[str, ...]  # the slots it produced (with '{k}' expanded)
    skipped: str  # why it prints nothing ('' when it produced slots)


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[GridRow, ...]
    slots: tuple[Slot, ...]
    by_key: Mapping[str, Slot]


def _lines(text: str) -> list[tuple[int, int | None]]:
    """'8' -> [(8, None)]; '41+2k' -> [(43, 1), ... (53, 6)]."""
    match = re.fullmatch(r"(\d+)\+2k", text.strip())
    if match:
        return [(int(match.group(1)) + 2 * k, k) for k in range(1, LINES_PER_PAGE + 1)]
    return [(int(text), None)]


def _ints(text: str, count: int) -> list[int]:
    """Columns '1|8|15' or '31/34/37'; widths '2/2/4', '8 each', '10 (14 for ZZ taxonomy)'."""
    text = text.strip()
    if "each" in text:
        return [int(text.split()[0])] * count
    parts = re.split(r"[|/]", text)
    if len(parts) == 1:
        return [int(re.match(r"\d+", text).group(0))] * count  # type: ignore[union-attr]
    return [int(p) for p in parts]


def _read(name: str) -> list[dict[str, str]]:
    text = (files("medbill_desktop.resources") / "cms1500" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def _expand(key: str, k: int | None) -> str:
    return key.replace("{k}", str(k)) if k is not None else key


@cache
def load_grid() -> Grid:
    """The grid as the program prints it. Fails loudly if the reference and `ROWS` disagree."""
    rows: list[GridRow] = []
    slots: list[Slot] = []
    for raw in _read("cms1500-grid.csv"):
        item, label = raw["item"].strip(), raw["field"].strip()
        spec = ROWS.get((item, label))
        if spec is None:
            raise LookupError(f"cms1500-grid.csv row {item!r} / {label!r} is not described in cms1500_grid.ROWS")
        if spec.skip:
            rows.append(GridRow(item, label, raw["line"], raw["col"], raw["width"], raw["note"], (), spec.skip))
            continue
        check = label.endswith(" X")
        cols = [int(c) for c in re.split(r"[|/]", raw["col"])]
        widths = [1] * len(cols) if check else _ints(raw["width"], len(cols))
        if spec.span:
            cols, widths = [cols[0]], [cols[-1] + widths[-1] - cols[0]]
        if spec.width is not None:
            widths = [spec.width] * len(cols)
        if len(spec.keys) != len(cols):
            raise LookupError(f"cms1500-grid.csv row {item!r} / {label!r} has {len(cols)} columns, "
                              f"ROWS names {len(spec.keys)} fields")
        made: list[str] = []
        for line, k in _lines(raw["line"]):
            for key, col, width in zip(spec.keys, cols, widths, strict=True):
                made.append(_expand(key, k))
                slots.append(Slot(_expand(key, k), item, label, line, col, width, check, "grid",
                                  _expand(spec.yields_to, k)))
        rows.append(GridRow(item, label, raw["line"], raw["col"], raw["width"], raw["note"], tuple(made), ""))
    for raw in _read("extra-fields.csv"):
        for line, k in _lines(raw["line"]):
            slots.append(Slot(_expand(raw["key"], k), raw["item"], raw["field"], line, int(raw["col"]),
                              int(raw["width"]), False, "extra"))
    by_key = {s.key: s for s in slots}
    if len(by_key) != len(slots):
        raise LookupError("the CMS-1500 grid places a field twice")
    if set(by_key) != FIELD_KEYS:
        missing = sorted(FIELD_KEYS - set(by_key))
        extra = sorted(set(by_key) - FIELD_KEYS)
        raise LookupError(f"the CMS-1500 grid and the form's fields disagree: unplaced {missing}, unknown {extra}")
    return Grid(tuple(rows), tuple(slots), by_key)
