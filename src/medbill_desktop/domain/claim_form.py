"""What a CMS-1500 (02/12) claim form prints: `ClaimForm`, the NUCC formatting of every item, pagination,
the builders (from a claim's facts, or from plain data for tests) and printer calibration profiles.

Pure: no positions here. `printable(page)` gives, for one form page, the exact string of every field keyed
by the field keys the print grid (documents/cms1500_grid.py) places; the renderer only positions and clips.

NUCC rules applied (1500 Reference Instruction Manual, 02/12 form):
- capitals; no punctuation in addresses, IDs or money (periods, commas, '#' ... are removed; a hyphen is
  kept only inside names and street addresses; names keep the commas that separate last, first and middle);
  accented letters are printed without their accents (the OCR forms take plain capitals);
- money at the dollars/cents divider: `%8.2f` with the point replaced by a space (`" 1234 50"`);
- birth dates (items 3 and 11a) as 8 digits `MM DD CCYY`; every other date of one claim in the same width,
  `date_digits` 8 (`MM DD CCYY`; item 24A continuous `MMDDCCYY`) or 6 (`MM DD YY`, 24A too);
- item 21: ICD indicator 0 and the codes without their period, lettered A-L; 24E points with letters;
- item 24 shaded line: `N4` + the 11-digit NDC, 3 spaces, unit qualifier, quantity;
- phone numbers without hyphen or space; ZIP codes as 5 or 9 digits without hyphen; item 23 and item 26
  without hyphens or spaces; item 25 digits only.

Pages: a form holds 6 service lines and 12 diagnoses; `paginate` splits longer claims. Each page is a
complete claim form totalled on its own (item 28 = the sum of its own lines). Item 29 (amount paid):
when the lines carry the other payer's paid amount per line (`FormLine.paid_cents`, a secondary claim
built from the primary's adjudication), each page prints the sum paid on its own lines, so every page
balances on its own; otherwise the claim-level `amount_paid_cents` is printed on the first page only and
the continuation pages leave item 29 blank (the amount is never counted twice).
"""

from __future__ import annotations

import re
import types
import typing
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

from medbill_desktop.domain.codes import MAX_DIAGNOSES, POINTER_LETTERS
from medbill_desktop.domain.coverage import Coverage, Relationship, insured
from medbill_desktop.domain.encounters import LINES_PER_PAGE, ClaimDate, line_dates
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.money import Money
from medbill_desktop.domain.patients import Sex
from medbill_desktop.domain.practice import Address
from medbill_desktop.domain.reference import Payer, PlanType, Provider, TaxIdType
from medbill_desktop.domain.scrubber import ClaimData, ClaimFrequency, assignment_indicators

SIGNATURE_ON_FILE = "SIGNATURE ON FILE"
ICD10_INDICATOR = "0"
REFERRING_QUALIFIERS = ("DN", "DK", "DQ")  # item 17: referring, ordering, supervising
OTHER_ID_QUALIFIERS = ("0B", "1G", "G2", "LU", "N5", "SY", "X5", "ZZ")  # 17a, 24I, 32b, 33b
OTHER_CLAIM_ID_QUALIFIER = "Y4"  # item 11b
MAX_PRINTABLE_CENTS = 9_999_999  # 99999.99: the widest amount `%8.2f` fits in the form's 8 positions
CHECK = "X"

PLAN_KEYS: dict[PlanType, str] = {
    PlanType.MEDICARE: "1.medicare", PlanType.MEDICAID: "1.medicaid", PlanType.TRICARE: "1.tricare",
    PlanType.CHAMPVA: "1.champva", PlanType.GROUP_HEALTH_PLAN: "1.group", PlanType.FECA_BLACK_LUNG: "1.feca",
    PlanType.OTHER: "1.other",
}
RELATIONSHIP_KEYS: dict[Relationship, str] = {
    Relationship.SELF: "6.self", Relationship.SPOUSE: "6.spouse", Relationship.CHILD: "6.child",
    Relationship.OTHER: "6.other",
}


# --- the form's data -----------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PersonName:
    last: str
    first: str = ""
    middle: str = ""  # only the initial is printed
    suffix: str = ""  # JR, SR, III ...
    credentials: str = ""  # MD, DO, NP ... (item 17 and provider names)


@dataclass(frozen=True, slots=True)
class DateRange:
    """Items 16 and 18: from and (optional) to."""

    start: date
    end: date | None = None


@dataclass(frozen=True, slots=True)
class OtherId:
    """A qualified non-NPI identifier: items 17a, 24I/24J shaded, 32b and 33b."""

    qualifier: str
    value: str

    def __post_init__(self) -> None:
        if self.qualifier not in OTHER_ID_QUALIFIERS:
            raise DomainError(f"'{self.qualifier}' is not an other-ID qualifier; use one of "
                              f"{', '.join(OTHER_ID_QUALIFIERS)}.", "qualifier")


@dataclass(frozen=True, slots=True)
class FormLine:
    """One service line, item 24 (the unshaded line) with its shaded supplemental line."""

    from_date: date  # 24A
    procedure: str  # 24D CPT/HCPCS
    charge_cents: int  # 24F
    to_date: date | None = None  # 24A; None prints the from date again
    place_of_service: str = ""  # 24B
    emergency: bool = False  # 24C: "Y"
    modifiers: tuple[str, ...] = ()  # 24D, up to 4
    pointers: tuple[int, ...] = (1,)  # 24E, 1-based positions in `ClaimForm.diagnoses`, primary first
    units: int = 1  # 24G
    epsdt: str = ""  # 24H shaded: Y, N or an EPSDT reason code (AV, S2, ST, NU)
    family_plan: str = ""  # 24H unshaded: Y or N
    rendering_npi: str = ""  # 24J
    rendering_other_id: OtherId | None = None  # 24I/24J shaded
    ndc: str = ""  # 11 digits: the shaded line prints N4 + NDC + unit + quantity
    ndc_unit: str = ""  # F2, GR, ME, ML, UN
    ndc_quantity: Decimal | None = None
    note: str = ""  # short note code on the shaded line (column 25 of the grid)
    paid_cents: int | None = None  # what the other (prior) payer paid on this line: item 29 per page


@dataclass(frozen=True, slots=True)
class ClaimForm:
    """Everything one CMS-1500 prints, as facts (dates, cents, enums); `printable` formats them per NUCC.
    A claim with more than 6 lines or 12 diagnoses is one ClaimForm; `paginate` makes its pages."""

    # carrier block
    payer_name: str = ""
    payer_attention: str = ""
    payer_address: Address | None = None
    # items 1-8
    plan_type: PlanType | None = None  # 1
    insured_id: str = ""  # 1a
    patient_name: PersonName | None = None  # 2
    patient_birth_date: date | None = None  # 3
    patient_sex: Sex = Sex.UNKNOWN  # 3
    insured_name: PersonName | None = None  # 4
    patient_address: Address | None = None  # 5
    patient_phone: str = ""  # 5, 10 digits
    relationship: Relationship | None = None  # 6
    insured_address: Address | None = None  # 7
    insured_phone: str = ""  # 7
    # items 9-11: other insurance, condition, the insured's plan
    other_insured_name: PersonName | None = None  # 9
    other_insured_policy: str = ""  # 9a
    other_insured_plan: str = ""  # 9d
    employment_related: bool = False  # 10a
    auto_accident: bool = False  # 10b
    auto_accident_state: str = ""  # 10b
    other_accident: bool = False  # 10c
    claim_codes: str = ""  # 10d
    insured_group: str = ""  # 11
    insured_birth_date: date | None = None  # 11a
    insured_sex: Sex = Sex.UNKNOWN  # 11a
    other_claim_id: str = ""  # 11b, printed with qualifier Y4
    insured_plan_name: str = ""  # 11c
    another_plan: bool | None = None  # 11d; None leaves both boxes empty (Medicare)
    # items 12-23
    patient_signature: str = ""  # 12: SIGNATURE ON FILE
    patient_signed_on: date | None = None  # 12
    insured_signature: str = ""  # 13
    current_illness: ClaimDate | None = None  # 14: qualifier 431 or 484
    other_date: ClaimDate | None = None  # 15
    unable_to_work: DateRange | None = None  # 16
    referring_qualifier: str = ""  # 17: DN, DK, DQ
    referring_name: PersonName | None = None  # 17
    referring_other_id: OtherId | None = None  # 17a
    referring_npi: str = ""  # 17b
    hospitalization: DateRange | None = None  # 18
    additional_info: str = ""  # 19
    outside_lab: bool = False  # 20
    outside_lab_charges_cents: int | None = None  # 20
    icd_indicator: str = ICD10_INDICATOR  # 21
    diagnoses: tuple[str, ...] = ()  # 21, A-L on one page
    resubmission_code: str = ""  # 22: 7 replacement, 8 void
    original_reference: str = ""  # 22
    prior_authorization: str = ""  # 23
    lines: tuple[FormLine, ...] = ()  # 24
    # items 25-33
    tax_id: str = ""  # 25
    tax_id_type: TaxIdType = TaxIdType.EIN  # 25
    patient_account: str = ""  # 26: the claim number
    accept_assignment: bool | None = True  # 27
    amount_paid_cents: int | None = None  # 29 (see the module notes for pages)
    physician_signature: str = ""  # 31
    physician_signed_on: date | None = None  # 31
    facility_name: str = ""  # 32
    facility_address: Address | None = None  # 32
    facility_npi: str = ""  # 32a
    facility_other_id: OtherId | None = None  # 32b
    billing_phone: str = ""  # 33
    billing_name: str = ""  # 33
    billing_address: Address | None = None  # 33
    billing_npi: str = ""  # 33a
    billing_other_id: OtherId | None = None  # 33b
    # printing
    date_digits: int = 8  # 6 or 8: the width of every date but the birth dates, the same within a claim
    page: int = 1
    pages: int = 1

    def __post_init__(self) -> None:
        if self.date_digits not in (6, 8):
            raise DomainError("Dates print with 6 or 8 digits.", "date_digits")

    @property
    def total_charge_cents(self) -> int:
        """Item 28: this form's own lines."""
        return sum(line.charge_cents for line in self.lines)


# --- NUCC formatting -------------------------------------------------------------------------------------------------

_DROPPED = re.compile(r"['`.\u2019]")
_NOT_PRINTED = re.compile(r"[^A-Z0-9\- ]+")
_SPACES = re.compile(r"\s+")
_NOT_ALNUM = re.compile(r"[^A-Z0-9]+")


def capitals(text: str) -> str:
    """Capitals, letters without accents, no punctuation but the hyphen (periods and apostrophes dropped, other
    marks become spaces); '&' becomes AND; spaces collapsed.
    '123 N. Main St., #101' -> '123 N MAIN ST 101'; "O'Brien-Smith, M.D." -> 'OBRIEN-SMITH MD'."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = _DROPPED.sub("", text.upper().replace("&", " AND "))
    return _SPACES.sub(" ", _NOT_PRINTED.sub(" ", text)).strip()


def id_text(text: str) -> str:
    """An identifier as the card shows it, in capitals without spaces or punctuation but the hyphen (1a, 9a, 11)."""
    return capitals(text).replace(" ", "")


def compact_id(text: str) -> str:
    """Letters and digits only (items 23 and 26: no hyphens or spaces)."""
    return _NOT_ALNUM.sub("", capitals(text))


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


def name_text(name: PersonName | None) -> str:
    """Items 2, 4 and 9: 'LAST SUFFIX, FIRST, M' (NUCC: commas between the parts, no periods)."""
    if name is None:
        return ""
    last = " ".join(p for p in (capitals(name.last), capitals(name.suffix)) if p)
    middle = capitals(name.middle)[:1]
    return ", ".join(p for p in (last, capitals(name.first), middle) if p)


def person_text(name: PersonName | None) -> str:
    """Items 17 and 31, provider names: 'FIRST M LAST SUFFIX CREDENTIALS', no punctuation."""
    if name is None:
        return ""
    parts = (name.first, name.middle[:1], name.last, name.suffix, name.credentials)
    return " ".join(p for p in (capitals(part) for part in parts) if p)


def street_text(address: Address | None) -> str:
    if address is None:
        return ""
    return capitals(f"{address.line1} {address.line2}")


def zip_text(zip_code: str) -> str:
    """5 or 9 digits, no hyphen."""
    return digits(zip_code)


def city_line(address: Address | None) -> str:
    """Carrier block, items 32 and 33: 'CITY ST ZIP' (a space before the state, no comma)."""
    if address is None:
        return ""
    return " ".join(p for p in (capitals(address.city), capitals(address.state), zip_text(address.zip_code)) if p)


def phone_parts(phone: str) -> tuple[str, str]:
    """(area code, 7-digit number) without separators; an incomplete number prints as it is, without area."""
    d = digits(phone)
    if len(d) == 11 and d.startswith("1"):
        d = d[1:]
    return (d[:3], d[3:]) if len(d) == 10 else ("", d)


def money_text(cents: int) -> str:
    """The `%8.2f` effect with the point replaced by a space: 123450 -> ' 1234 50' (dollars right-aligned left
    of the form's divider, cents right of it). Amounts that don't fit the 8 positions are refused, never cut."""
    if isinstance(cents, bool) or not isinstance(cents, int):
        raise TypeError(f"money is whole cents, not {type(cents).__name__}")
    if cents < 0:
        raise DomainError(f"A claim form can't print a negative amount ({Money(cents)}).")
    if cents > MAX_PRINTABLE_CENTS:
        raise DomainError(f"{Money(cents)} is too large for the form's amount boxes (at most "
                          f"{Money(MAX_PRINTABLE_CENTS)}); split the claim or send it electronically.")
    dollars, rest = divmod(cents, 100)
    return f"{dollars:5d} {rest:02d}"


def birth_date_text(day: date | None) -> str:
    """Items 3 and 11a: always 8 digits, 'MM DD CCYY'."""
    return "" if day is None else f"{day.month:02d} {day.day:02d} {day.year:04d}"


def date_text(day: date | None, date_digits: int) -> str:
    """Items 12, 14, 15, 16, 18 and 31: 'MM DD CCYY' or 'MM DD YY' (the spaces fall on the form's separators)."""
    if day is None:
        return ""
    if date_digits == 8:
        return f"{day.month:02d} {day.day:02d} {day.year:04d}"
    return f"{day.month:02d} {day.day:02d} {day.year % 100:02d}"


def service_date_text(day: date | None, date_digits: int) -> str:
    """Item 24A: 8 digits continuous 'MMDDCCYY' (the 24A column holds 8 positions), or 'MM DD YY'."""
    if day is None:
        return ""
    if date_digits == 8:
        return f"{day.month:02d}{day.day:02d}{day.year:04d}"
    return f"{day.month:02d} {day.day:02d} {day.year % 100:02d}"


def icd_text(code: str) -> str:
    """Item 21: the ICD-10-CM code without its period."""
    return _NOT_ALNUM.sub("", code.upper())


def pointer_text(pointers: Iterable[int]) -> str:
    """Item 24E: letters, primary first ('ABD')."""
    out = []
    for p in pointers:
        if not 1 <= p <= MAX_DIAGNOSES:
            raise ValueError(f"diagnosis pointer {p} is not on this page (1 to {MAX_DIAGNOSES})")
        out.append(POINTER_LETTERS[p - 1])
    return "".join(out)


def quantity_text(quantity: Decimal) -> str:
    """An NDC quantity without exponent or trailing zeros: Decimal('2.500') -> '2.5'."""
    text = format(quantity, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def ndc_text(line: FormLine) -> str:
    """Item 24 shaded: 'N4' + 11-digit NDC + 3 spaces + unit qualifier + quantity ('N400409487601   ML2')."""
    if not line.ndc:
        return ""
    quantity = "" if line.ndc_quantity is None else quantity_text(line.ndc_quantity)
    return f"N4{digits(line.ndc)}   {line.ndc_unit.strip().upper()}{quantity}"


# --- the printable values of one page ---------------------------------------------------------------------------

LINE_FIELDS = ("supplemental", "note", "epsdt", "qual", "other_id",  # shaded line
               "from", "to", "pos", "emg", "cpt", "modifiers", "pointer", "charges", "units", "family_plan", "npi")
_FORM_FIELDS = (
    "carrier.name carrier.attn carrier.street carrier.city "
    "1.medicare 1.medicaid 1.tricare 1.champva 1.group 1.feca 1.other 1a 2 3.dob 3.m 3.f 4 "
    "5.street 5.city 5.state 5.zip 5.area 5.phone 6.self 6.spouse 6.child 6.other "
    "7.street 7.city 7.state 7.zip 7.area 7.phone 9 9a 9d "
    "10a.yes 10a.no 10b.yes 10b.no 10b.state 10c.yes 10c.no 10d "
    "11 11a.dob 11a.m 11a.f 11b 11c 11d.yes 11d.no 12 12.date 13 14.date 14.qual 15.qual 15.date 16.from 16.to "
    "17.qual 17.name 17a.qual 17a.id 17b 18.from 18.to 19 20.yes 20.no 20.charges 21.ind "
    "21.a 21.b 21.c 21.d 21.e 21.f 21.g 21.h 21.i 21.j 21.k 21.l 22.code 22.ref 23 "
    "25.tax_id 25.ssn 25.ein 26 27.yes 27.no 28 29 31 31.date 32.name 32.street 32.city 32a 32b.qual 32b.id "
    "33.area 33.phone 33.name 33.street 33.city 33a 33b.qual 33b.id"
).split()
FIELD_KEYS: frozenset[str] = frozenset(
    (*_FORM_FIELDS, *(f"24.{k}.{f}" for k in range(1, LINES_PER_PAGE + 1) for f in LINE_FIELDS)))
"""Every key `printable` can produce; the print grid places each of them."""
NUDGE_KEYS: frozenset[str] = frozenset((*_FORM_FIELDS, *(f"24.{f}" for f in LINE_FIELDS)))
"""What a calibration nudge can move: a field, or one column of item 24 on all six lines ('24.charges')."""


def nudge_key(key: str) -> str:
    """'24.3.charges' -> '24.charges'; any other key is its own nudge key."""
    if key.startswith("24."):
        _, _, rest = key[3:].partition(".")
        return f"24.{rest}"
    return key


def _put(out: dict[str, str], key: str, text: str) -> None:
    if text:
        out[key] = text


def _yes_no(out: dict[str, str], item: str, value: bool | None) -> None:
    if value is not None:
        out[f"{item}.yes" if value else f"{item}.no"] = CHECK


def _sex(out: dict[str, str], item: str, sex: Sex) -> None:
    if sex is Sex.MALE:
        out[f"{item}.m"] = CHECK
    elif sex is Sex.FEMALE:
        out[f"{item}.f"] = CHECK


def _address(out: dict[str, str], item: str, address: Address | None, phone: str) -> None:
    if address is not None:
        _put(out, f"{item}.street", street_text(address))
        _put(out, f"{item}.city", capitals(address.city))
        _put(out, f"{item}.state", capitals(address.state))
        _put(out, f"{item}.zip", zip_text(address.zip_code))
    area, number = phone_parts(phone)
    _put(out, f"{item}.area", area)
    _put(out, f"{item}.phone", number)


def _other_id(out: dict[str, str], item: str, other: OtherId | None, id_field: str = "id") -> None:
    if other is not None and other.value.strip():
        out[f"{item}.qual"] = other.qualifier
        out[f"{item}.{id_field}"] = id_text(other.value)


def _carrier(form: ClaimForm, out: dict[str, str]) -> None:
    """Name; then the attention line and the street lines, at most two lines (joined when three); city last."""
    _put(out, "carrier.name", capitals(form.payer_name))
    middle = [capitals(form.payer_attention)] if form.payer_attention.strip() else []
    if form.payer_address is not None:
        middle += [capitals(t) for t in (form.payer_address.line1, form.payer_address.line2) if t.strip()]
        _put(out, "carrier.city", city_line(form.payer_address))
    if len(middle) > 2:
        middle = [middle[0], " ".join(middle[1:])]
    if len(middle) == 1:
        middle = ["", middle[0]]
    if middle:
        _put(out, "carrier.attn", middle[0])
        _put(out, "carrier.street", middle[1])


def _line(out: dict[str, str], k: int, line: FormLine, date_digits: int) -> None:
    p = f"24.{k}."
    _put(out, p + "supplemental", ndc_text(line))
    _put(out, p + "note", capitals(line.note))
    _put(out, p + "epsdt", capitals(line.epsdt))
    if line.rendering_other_id is not None and line.rendering_other_id.value.strip():
        out[p + "qual"] = line.rendering_other_id.qualifier
        out[p + "other_id"] = id_text(line.rendering_other_id.value)
    out[p + "from"] = service_date_text(line.from_date, date_digits)
    out[p + "to"] = service_date_text(line.to_date or line.from_date, date_digits)
    _put(out, p + "pos", digits(line.place_of_service))
    if line.emergency:
        out[p + "emg"] = "Y"
    out[p + "cpt"] = capitals(line.procedure)
    _put(out, p + "modifiers", " ".join(capitals(m) for m in line.modifiers))
    _put(out, p + "pointer", pointer_text(line.pointers))
    out[p + "charges"] = money_text(line.charge_cents)
    out[p + "units"] = str(line.units)
    _put(out, p + "family_plan", capitals(line.family_plan))
    _put(out, p + "npi", digits(line.rendering_npi))


def printable(form: ClaimForm) -> dict[str, str]:
    """The exact text of every non-empty field of one form page, keyed by field key (see FIELD_KEYS).
    Refuses a form with more than 6 lines or 12 diagnoses: `paginate` it first."""
    if len(form.lines) > LINES_PER_PAGE or len(form.diagnoses) > MAX_DIAGNOSES:
        raise ValueError(f"a form page holds {LINES_PER_PAGE} lines and {MAX_DIAGNOSES} diagnoses; paginate first")
    dd = form.date_digits
    out: dict[str, str] = {}
    _carrier(form, out)
    if form.plan_type is not None:
        out[PLAN_KEYS[form.plan_type]] = CHECK
    _put(out, "1a", id_text(form.insured_id))
    _put(out, "2", name_text(form.patient_name))
    _put(out, "3.dob", birth_date_text(form.patient_birth_date))
    _sex(out, "3", form.patient_sex)
    _put(out, "4", name_text(form.insured_name))
    _address(out, "5", form.patient_address, form.patient_phone)
    if form.relationship is not None:
        out[RELATIONSHIP_KEYS[form.relationship]] = CHECK
    _address(out, "7", form.insured_address, form.insured_phone)
    _put(out, "9", name_text(form.other_insured_name))
    _put(out, "9a", id_text(form.other_insured_policy))
    _put(out, "9d", capitals(form.other_insured_plan))
    _yes_no(out, "10a", form.employment_related)
    _yes_no(out, "10b", form.auto_accident)
    _put(out, "10b.state", capitals(form.auto_accident_state) if form.auto_accident else "")
    _yes_no(out, "10c", form.other_accident)
    _put(out, "10d", compact_id(form.claim_codes))
    _put(out, "11", capitals(form.insured_group))
    _put(out, "11a.dob", birth_date_text(form.insured_birth_date))
    _sex(out, "11a", form.insured_sex)
    if form.other_claim_id.strip():
        out["11b"] = f"{OTHER_CLAIM_ID_QUALIFIER} {id_text(form.other_claim_id)}"
    _put(out, "11c", capitals(form.insured_plan_name))
    _yes_no(out, "11d", form.another_plan)
    _put(out, "12", capitals(form.patient_signature))
    _put(out, "12.date", date_text(form.patient_signed_on, dd))
    _put(out, "13", capitals(form.insured_signature))
    if form.current_illness is not None:
        out["14.date"] = date_text(form.current_illness.on, dd)
        out["14.qual"] = form.current_illness.qualifier
    if form.other_date is not None:
        out["15.qual"] = form.other_date.qualifier
        out["15.date"] = date_text(form.other_date.on, dd)
    for item, span in (("16", form.unable_to_work), ("18", form.hospitalization)):
        if span is not None:
            out[f"{item}.from"] = date_text(span.start, dd)
            _put(out, f"{item}.to", date_text(span.end, dd))
    if form.referring_name is not None:
        _put(out, "17.qual", form.referring_qualifier)
        _put(out, "17.name", person_text(form.referring_name))
    _other_id(out, "17a", form.referring_other_id)
    _put(out, "17b", digits(form.referring_npi))
    _put(out, "19", capitals(form.additional_info))
    _yes_no(out, "20", form.outside_lab)
    if form.outside_lab and form.outside_lab_charges_cents is not None:
        out["20.charges"] = money_text(form.outside_lab_charges_cents)
    if form.diagnoses:
        out["21.ind"] = form.icd_indicator
        for letter, code in zip("abcdefghijkl", form.diagnoses, strict=False):
            out[f"21.{letter}"] = icd_text(code)
    _put(out, "22.code", form.resubmission_code.strip())
    _put(out, "22.ref", id_text(form.original_reference))
    _put(out, "23", compact_id(form.prior_authorization))
    for k, line in enumerate(form.lines, start=1):
        _line(out, k, line, dd)
    _put(out, "25.tax_id", digits(form.tax_id))
    if form.tax_id:
        out["25.ssn" if form.tax_id_type is TaxIdType.SSN else "25.ein"] = CHECK
    _put(out, "26", compact_id(form.patient_account))
    _yes_no(out, "27", form.accept_assignment)
    if form.lines:
        out["28"] = money_text(form.total_charge_cents)
    if form.amount_paid_cents is not None:
        out["29"] = money_text(form.amount_paid_cents)
    _put(out, "31", capitals(form.physician_signature))
    _put(out, "31.date", date_text(form.physician_signed_on, dd))
    _put(out, "32.name", capitals(form.facility_name))
    _put(out, "32.street", street_text(form.facility_address))
    _put(out, "32.city", city_line(form.facility_address))
    _put(out, "32a", digits(form.facility_npi))
    _other_id(out, "32b", form.facility_other_id)
    area, number = phone_parts(form.billing_phone)
    _put(out, "33.area", area)
    _put(out, "33.phone", number)
    _put(out, "33.name", capitals(form.billing_name))
    _put(out, "33.street", street_text(form.billing_address))
    _put(out, "33.city", city_line(form.billing_address))
    _put(out, "33a", digits(form.billing_npi))
    _other_id(out, "33b", form.billing_other_id)
    return out


# --- pages ---------------------------------------------------------------------------------------------------------

def _line_groups(form: ClaimForm) -> list[tuple[list[FormLine], list[int]]]:
    """Lines per page and the (1-based, claim-wide) diagnosis positions each page carries."""
    count = len(form.diagnoses)
    for n, line in enumerate(form.lines, start=1):
        bad = [p for p in line.pointers if not 1 <= p <= count]
        if bad:
            raise DomainError(f"Line {n} points to diagnosis {bad[0]}, but the claim has {count}.", f"lines[{n - 1}]")
    if count <= MAX_DIAGNOSES:
        every = list(range(1, count + 1))
        chunks = [list(form.lines[i:i + LINES_PER_PAGE]) for i in range(0, len(form.lines), LINES_PER_PAGE)]
        return [(chunk, every) for chunk in chunks] or [([], every)]
    groups: list[tuple[list[FormLine], set[int]]] = []
    for line in form.lines:
        if groups:
            lines, used = groups[-1]
            wanted = used | set(line.pointers)
            if len(lines) < LINES_PER_PAGE and len(wanted) <= MAX_DIAGNOSES:
                lines.append(line)
                used |= wanted
                continue
        groups.append(([line], set(line.pointers)))
    pointed = {p for _, used in groups for p in used}
    spare = [p for p in range(1, count + 1) if p not in pointed]  # diagnoses no line points to: fill free room
    for _, used in groups:
        while spare and len(used) < MAX_DIAGNOSES:
            used.add(spare.pop(0))
    while spare:
        groups.append(([], set(spare[:MAX_DIAGNOSES])))
        spare = spare[MAX_DIAGNOSES:]
    return [(lines, sorted(used)) for lines, used in groups]


def paginate(form: ClaimForm) -> list[ClaimForm]:
    """The form pages of a claim: at most 6 lines and 12 diagnoses each; each page totals its own lines
    (item 28) and carries item 29 as the module notes say. Within a page, pointers are renumbered to that
    page's diagnoses when the claim has more than 12."""
    groups = _line_groups(form)
    per_line_paid = any(line.paid_cents is not None for line in form.lines)
    pages: list[ClaimForm] = []
    for number, (lines, positions) in enumerate(groups, start=1):
        renumber = {old: new for new, old in enumerate(positions, start=1)}
        page_lines = tuple(replace(line, pointers=tuple(renumber[p] for p in line.pointers)) for line in lines)
        if per_line_paid:
            paid: int | None = sum(line.paid_cents or 0 for line in lines)
        else:
            paid = form.amount_paid_cents if number == 1 else None
        pages.append(replace(form, lines=page_lines, diagnoses=tuple(form.diagnoses[p - 1] for p in positions),
                             amount_paid_cents=paid, page=number, pages=len(groups)))
    return pages


# --- building a form from a claim's facts -------------------------------------------------------------------------

# PWK01 report types a small practice sends (X12 code list 755), in words for the editor.
ATTACHMENT_REPORT_TYPES: dict[str, str] = {
    "03": "report justifying treatment beyond guidelines", "04": "drugs administered", "05": "treatment diagnosis",
    "06": "initial assessment", "07": "functional goals", "08": "plan of treatment", "09": "progress report",
    "10": "continued treatment", "11": "chemical analysis", "13": "certified test report",
    "15": "justification for admission", "21": "recovery plan", "A3": "allergies or sensitivities",
    "A4": "autopsy report", "AM": "ambulance certification", "AS": "admission summary", "B2": "prescription",
    "B3": "physician order", "B4": "referral form", "BR": "benchmark testing results", "BS": "baseline",
    "BT": "blanket test results", "CB": "chiropractic justification", "CK": "consent forms",
    "CT": "certification", "D2": "drug profile", "DA": "dental models",
    "DB": "durable medical equipment prescription", "DG": "diagnostic report", "DJ": "discharge monitoring report",
    "DS": "discharge summary", "EB": "explanation of benefits (another payer's)", "HC": "health certificate",
    "HR": "health clinic records", "I5": "immunization record", "IR": "state school immunization records",
    "LA": "laboratory results", "M1": "medical record attachment", "MT": "models", "NN": "nursing notes",
    "OB": "operative note", "OC": "oxygen content averaging report", "OD": "orders and treatments",
    "OE": "objective physical examination", "OX": "oxygen therapy certification", "OZ": "support data for claim",
    "P4": "pathology report", "P5": "patient medical history", "PE": "parenteral or enteral certification",
    "PN": "physical therapy notes", "PO": "prosthetics or orthotic certification", "PQ": "paramedical results",
    "PY": "physician's report", "PZ": "physical therapy certification", "RB": "radiology films",
    "RR": "radiology reports", "RT": "report of tests and analysis", "RX": "renewable oxygen content averaging report",
    "SG": "symptoms document", "V5": "death notification", "XP": "photographs",
}
# PWK02: how the attachment reaches the payer. AA needs no control number; the others do.
ATTACHMENT_TRANSMISSIONS: dict[str, str] = {
    "AA": "available on request at the practice", "BM": "by mail", "EL": "electronically only",
    "EM": "by email", "FT": "by file transfer", "FX": "by fax",
}
MAX_ATTACHMENTS = 10  # PWK repeats at most 10 times in loop 2300
MAX_ADDITIONAL_INFO = 80  # NTE02; item 19 prints the first 48 characters
ITEM_19_WIDTH = 48
US_STATES = frozenset(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK "
    "OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI AA AE AP".split())


@dataclass(frozen=True, slots=True)
class Attachment:
    """Paperwork sent with the claim (837P PWK; item 19 as PWK + type + transmission + control number):
    what it is (`report_type`, a key of ATTACHMENT_REPORT_TYPES), how it goes (`transmission`, a key of
    ATTACHMENT_TRANSMISSIONS) and the number written on it so the payer can match it (`control_number`)."""

    report_type: str
    transmission: str
    control_number: str = ""

    @property
    def item19(self) -> str:
        return f"PWK{self.report_type}{self.transmission}{compact_id(self.control_number)}"


@dataclass(frozen=True, slots=True)
class ClaimExtras:
    """Facts of a claim form that charge entry does not record: condition related to (10a-c), claim codes
    (10d), other claim ID (11b), dates of items 16 and 18, item 19, outside lab (20), 17a and attachments.
    Stored per encounter (every claim of the encounter carries them); `validate_claim_extras` checks them."""

    employment_related: bool = False
    auto_accident: bool = False
    auto_accident_state: str = ""
    other_accident: bool = False
    claim_codes: str = ""
    other_claim_id: str = ""
    unable_to_work: DateRange | None = None
    hospitalization: DateRange | None = None
    additional_info: str = ""
    outside_lab: bool = False
    outside_lab_charges_cents: int | None = None
    referring_other_id: OtherId | None = None
    payer_attention: str = ""
    attachments: tuple[Attachment, ...] = ()

    @property
    def item19(self) -> str:
        """Item 19: the additional information, then each attachment as PWK + type + transmission + number
        (NUCC), separated by spaces."""
        return " ".join(p for p in (capitals(self.additional_info), *(a.item19 for a in self.attachments)) if p)


def _check_range(span: DateRange | None, what: str, field_name: str) -> None:
    if span is not None and span.end is not None and span.end < span.start:
        raise DomainError(f"The {what} end before they start ({span.end.isoformat()} is before "
                          f"{span.start.isoformat()}).", field_name)


def validate_claim_extras(extras: ClaimExtras) -> ClaimExtras:
    """The extras as they are stored: text trimmed and in capitals where the form wants it; DomainError naming
    the field when something can't go on a claim."""
    state = extras.auto_accident_state.strip().upper()
    if extras.auto_accident:
        if state not in US_STATES:
            raise DomainError("Item 10b: enter the two-letter state where the auto accident happened.",
                              "auto_accident_state")
    else:
        state = ""
    codes = compact_id(extras.claim_codes)
    if len(codes) > 2:
        raise DomainError("Item 10d holds one two-character claim code.", "claim_codes")
    other_claim = id_text(extras.other_claim_id)
    if len(other_claim) > 27:
        raise DomainError("Item 11b (other claim ID) holds at most 27 characters.", "other_claim_id")
    _check_range(extras.unable_to_work, "dates unable to work (item 16)", "unable_to_work")
    _check_range(extras.hospitalization, "hospitalization dates (item 18)", "hospitalization")
    info = " ".join(extras.additional_info.split())
    if len(info) > MAX_ADDITIONAL_INFO:
        raise DomainError(f"Item 19 holds at most {MAX_ADDITIONAL_INFO} characters electronically "
                          f"({ITEM_19_WIDTH} print on the form); shorten it.", "additional_info")
    charges = extras.outside_lab_charges_cents
    if charges is not None:
        if isinstance(charges, bool) or not isinstance(charges, int) or charges < 0:
            raise DomainError("Item 20: the outside lab charges are an amount of zero or more.",
                              "outside_lab_charges_cents")
        if not extras.outside_lab:
            raise DomainError("Item 20: outside lab charges go with 'outside lab: yes'.", "outside_lab_charges_cents")
        if charges > MAX_PRINTABLE_CENTS:
            raise DomainError(f"Item 20: {Money(charges)} is too large for the form.", "outside_lab_charges_cents")
    if len(extras.attachments) > MAX_ATTACHMENTS:
        raise DomainError(f"A claim carries at most {MAX_ATTACHMENTS} attachments.", "attachments")
    attachments = []
    for n, a in enumerate(extras.attachments, start=1):
        kind, how = a.report_type.strip().upper(), a.transmission.strip().upper()
        number = compact_id(a.control_number)
        if kind not in ATTACHMENT_REPORT_TYPES:
            raise DomainError(f"Attachment {n}: '{a.report_type}' is not a report type code.",
                              f"attachments[{n - 1}].report_type")
        if how not in ATTACHMENT_TRANSMISSIONS:
            raise DomainError(f"Attachment {n}: '{a.transmission}' is not a way of sending it; use "
                              f"{', '.join(ATTACHMENT_TRANSMISSIONS)}.", f"attachments[{n - 1}].transmission")
        if how != "AA" and not number:
            raise DomainError(f"Attachment {n}: enter the control number written on the paperwork, so the payer "
                              "can match it to the claim.", f"attachments[{n - 1}].control_number")
        if len(number) > 50:
            raise DomainError(f"Attachment {n}: the control number holds at most 50 characters.",
                              f"attachments[{n - 1}].control_number")
        attachments.append(Attachment(kind, how, number))
    return replace(extras, auto_accident_state=state, claim_codes=codes, other_claim_id=other_claim,
                   additional_info=info, attachments=tuple(attachments))


def _provider_name(provider: Provider) -> str:
    if provider.organization_name:
        return provider.organization_name
    return person_text(PersonName(provider.last_name, provider.first_name, provider.middle_initial,
                                  credentials=provider.credentials))


def claim_form_from_claim(
    claim: ClaimData, *, claim_number: str, signed_on: date, other_coverage: Coverage | None = None,
    other_payer: Payer | None = None, paid_by_line: Mapping[str, int] | None = None,
    amount_paid_cents: int | None = None, extras: ClaimExtras = ClaimExtras(), date_digits: int = 8,
) -> ClaimForm:
    """The form of one claim (one encounter, one payer). `other_coverage`/`other_payer`: the patient's other
    insurance (items 9, 9a, 9d, 11d); for a secondary claim that is the primary, and `paid_by_line` (service
    line id -> cents) or `amount_paid_cents` what the primary paid (item 29). `signed_on` dates item 31."""
    coverage, payer, patient, encounter = claim.coverage, claim.payer, claim.patient, claim.encounter
    if coverage is None or payer is None:
        raise DomainError("A self-pay encounter has no claim form; choose the coverage to bill.", "coverage")
    if encounter.date_of_service is None:
        raise DomainError("The date of service is missing (item 24A).", "date_of_service")
    person = insured(coverage, patient)
    medicare = payer.plan_type is PlanType.MEDICARE
    medicaid = payer.plan_type is PlanType.MEDICAID
    marks = assignment_indicators(claim)
    rendering = claim.rendering_provider
    billing = claim.billing_provider
    paid = paid_by_line or {}
    lines = []
    for line in encounter.lines:
        start, end = line_dates(encounter, line)
        lines.append(FormLine(
            from_date=start or encounter.date_of_service, to_date=end, procedure=line.procedure,
            charge_cents=line.charge_cents, place_of_service=encounter.place_of_service, modifiers=line.modifiers,
            pointers=line.pointers, units=line.units, rendering_npi=rendering.npi if rendering else "",
            rendering_other_id=(OtherId("ZZ", rendering.taxonomy) if medicaid and rendering and rendering.taxonomy
                                else None),
            ndc=line.ndc, ndc_unit=line.ndc_unit, ndc_quantity=line.ndc_quantity,
            paid_cents=paid.get(line.id) if paid_by_line is not None else None))
    other = other_coverage is not None and other_payer is not None
    other_person = insured(other_coverage, patient) if other_coverage is not None else None
    referring = claim.referring_provider
    facility = claim.facility
    group = coverage.group_number
    if medicare and coverage.rank is Party.PRIMARY and not group and not other:
        group = "NONE"  # Medicare: no insurance primary to Medicare
    return ClaimForm(
        payer_name=payer.name, payer_attention=extras.payer_attention, payer_address=payer.address,
        plan_type=payer.plan_type, insured_id=coverage.member_id,
        patient_name=PersonName(patient.last_name, patient.first_name, patient.middle_name, patient.suffix),
        patient_birth_date=patient.date_of_birth, patient_sex=patient.sex,
        insured_name=PersonName(person.last_name, person.first_name, person.middle_name),
        patient_address=patient.address, patient_phone=patient.primary_phone, relationship=coverage.relationship,
        insured_address=person.address, insured_phone=person.phone,
        other_insured_name=(PersonName(other_person.last_name, other_person.first_name, other_person.middle_name)
                            if other and other_person is not None and not medicare else None),
        other_insured_policy=(other_coverage.group_number or other_coverage.member_id
                              if other and other_coverage is not None and not medicare else ""),
        other_insured_plan=(other_coverage.plan_name or other_payer.name
                            if other and other_coverage is not None and other_payer is not None and not medicare
                            else ""),
        employment_related=extras.employment_related, auto_accident=extras.auto_accident,
        auto_accident_state=extras.auto_accident_state, other_accident=extras.other_accident,
        claim_codes=extras.claim_codes, insured_group=group, insured_birth_date=person.date_of_birth,
        insured_sex=person.sex, other_claim_id=extras.other_claim_id, insured_plan_name=coverage.plan_name,
        another_plan=None if medicare else other,
        patient_signature=marks.item12, patient_signed_on=patient.release_signed_on if marks.item12 else None,
        insured_signature=marks.item13,
        current_illness=encounter.current_illness, other_date=encounter.other_date,
        unable_to_work=extras.unable_to_work,
        referring_qualifier=referring.qualifier.value if referring else "",
        referring_name=(PersonName(referring.last_name, referring.first_name, referring.middle_initial,
                                   credentials=referring.credentials) if referring else None),
        referring_other_id=extras.referring_other_id, referring_npi=referring.npi if referring else "",
        hospitalization=extras.hospitalization, additional_info=extras.item19,
        outside_lab=extras.outside_lab, outside_lab_charges_cents=extras.outside_lab_charges_cents,
        diagnoses=encounter.diagnoses,
        resubmission_code="" if claim.frequency is ClaimFrequency.ORIGINAL else claim.frequency.value,
        original_reference="" if claim.frequency is ClaimFrequency.ORIGINAL else claim.original_reference,
        prior_authorization=encounter.prior_authorization, lines=tuple(lines),
        tax_id=billing.tax_id if billing else "",
        tax_id_type=billing.tax_id_type if billing else TaxIdType.EIN,
        patient_account=claim_number, accept_assignment=marks.item27_yes, amount_paid_cents=amount_paid_cents,
        physician_signature=SIGNATURE_ON_FILE, physician_signed_on=signed_on,
        facility_name=facility.name if facility else "", facility_address=facility.address if facility else None,
        facility_npi=facility.npi if facility else "",
        billing_phone=billing.phone if billing else "", billing_name=_provider_name(billing) if billing else "",
        billing_address=billing.address if billing else None, billing_npi=billing.npi if billing else "",
        billing_other_id=(OtherId("ZZ", billing.taxonomy) if medicaid and billing and billing.taxonomy else None),
        date_digits=date_digits,
    )


# --- building a form from plain data (tests, fixtures, benchmarks) ------------------------------------------------

def _convert(tp: Any, value: Any, path: str) -> Any:
    """Turn plain data (dicts, lists, ISO dates, '123.45' for cents) into the annotated type."""
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            return None
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(inner, value, path)
    if origin is tuple:
        (inner, _) = typing.get_args(tp)
        return tuple(_convert(inner, v, f"{path}[{i}]") for i, v in enumerate(value))
    if tp is date:
        return value if isinstance(value, date) else date.fromisoformat(value)
    if tp is Decimal:
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if tp is int and path.endswith("_cents") and isinstance(value, str):
        return Money.parse(value, path).cents
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if isinstance(tp, type) and is_dataclass(tp) and isinstance(value, Mapping):
        return build_dataclass(tp, value, path)
    return value


def build_dataclass(cls: type[Any], data: Mapping[str, Any], path: str = "") -> Any:
    hints = typing.get_type_hints(cls)
    names = {f.name for f in fields(cls)}
    unknown = sorted(set(data) - names)
    if unknown:
        raise DomainError(f"{cls.__name__} has no field {unknown[0]!r}.", f"{path}{unknown[0]}")
    kwargs = {k: _convert(hints[k], v, f"{path}{k}") for k, v in data.items()}
    return cls(**kwargs)


def claim_form_from_data(data: Mapping[str, Any]) -> ClaimForm:
    """A form written out as data: ClaimForm's field names; nested dicts for names, addresses, lines and
    qualified dates; ISO dates; amounts either as cents or as a dollars string for any '..._cents' field.

        claim_form_from_data({"payer_name": "Aetna", "patient_name": {"last": "Smith", "first": "Ann"},
                              "lines": [{"from_date": "2026-03-02", "procedure": "99213",
                                         "charge_cents": "125.00"}]})
    """
    form: ClaimForm = build_dataclass(ClaimForm, data)
    return form


# --- printer calibration profiles ------------------------------------------------------------------------------

MAX_OFFSET_HUNDREDTHS = 100  # one inch either way
MAX_NUDGE_HUNDREDTHS = 50
SCALE_RANGE = (0.9, 1.1)


@dataclass(frozen=True, slots=True)
class CalibrationProfile:
    """How one printer (and tray) places a red form: the whole data moves by the offsets (hundredths of an
    inch; x positive to the right, y positive down the page, as on paper), is scaled about the page's
    top-left corner by `scale`, and single fields move further by their nudge (hundredths, same signs;
    keys from NUDGE_KEYS, '24.charges' moving item 24F on all six lines). 1/100 in = 0.72 pt."""

    name: str
    x_offset_hundredths_in: int = 0
    y_offset_hundredths_in: int = 0
    scale: float = 1.0
    nudges: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def is_identity(self) -> bool:
        return (not self.x_offset_hundredths_in and not self.y_offset_hundredths_in and self.scale == 1.0
                and not any(self.nudges.values()))


def _whole(value: object, what: str, limit: int, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError(f"The {what} is a whole number of hundredths of an inch.", field_name)
    if not -limit <= value <= limit:
        raise DomainError(f"The {what} is at most {limit} hundredths of an inch either way; {value} is too far. "
                          "Check the printer's paper guides first.", field_name)
    return value


def validate_calibration_profile(profile: CalibrationProfile) -> CalibrationProfile:
    name = " ".join(profile.name.split())
    if not name:
        raise DomainError("Name the profile, for example after the printer and tray.", "name")
    if len(name) > 60:
        raise DomainError("The profile name is longer than 60 characters; shorten it.", "name")
    x = _whole(profile.x_offset_hundredths_in, "left/right offset", MAX_OFFSET_HUNDREDTHS, "x_offset_hundredths_in")
    y = _whole(profile.y_offset_hundredths_in, "up/down offset", MAX_OFFSET_HUNDREDTHS, "y_offset_hundredths_in")
    low, high = SCALE_RANGE
    if isinstance(profile.scale, bool) or not isinstance(profile.scale, int | float) \
            or not low <= float(profile.scale) <= high:
        raise DomainError(f"The scale is between {low} and {high} (1.0 when the printer prints at full size).",
                          "scale")
    nudges: dict[str, tuple[int, int]] = {}
    for key, move in profile.nudges.items():
        if key not in NUDGE_KEYS:
            raise DomainError(f"'{key}' is not a field of the form that can be nudged.", f"nudges.{key}")
        dx, dy = move
        nudges[key] = (_whole(dx, "nudge", MAX_NUDGE_HUNDREDTHS, f"nudges.{key}"),
                       _whole(dy, "nudge", MAX_NUDGE_HUNDREDTHS, f"nudges.{key}"))
    return CalibrationProfile(name, x, y, float(profile.scale), nudges)
