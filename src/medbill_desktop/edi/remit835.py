"""The 835 (005010X221A1) health care claim payment/advice reader.

`read_835(text)` returns one `Remittance` per ST/SE transaction set: the payment (BPR), its trace (TRN),
payer and payee, the claims (CLP with CAS, NM1, MIA/MOA, DTM, AMT, QTY) with their service lines (SVC with
DTM, CAS, REF*6R, AMT*B6, LQ*HE) and the provider-level adjustments (PLB). Money is whole cents read
through Decimal, never float. A file that is not a well-formed 835 raises `X12SyntaxError` naming the
segment number and the reason; amounts that do not add up are not errors but are listed by
`Remittance.balance_problems()`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from medbill_desktop.domain.money import round_cents
from medbill_desktop.edi.x12 import Segment, Separators, X12SyntaxError, tokenize

_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_MAX_NUMBER_LENGTH = 18  # X12 R and N elements are at most 18 characters
_PLAIN_AMOUNT = re.compile(r"^([+-]?)(\d{1,15})(?:\.(\d{0,2}))?$")


# --- the result ---------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Adjustment:
    """One CAS triplet: group code (CO, PR, OA, PI, CR), reason code (CARC), amount, optional quantity."""

    group: str
    reason: str
    amount_cents: int
    quantity: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Party:
    """An NM1: entity code, last or organisation name, first, middle, id qualifier and id."""

    entity: str
    last_name: str
    first_name: str = ""
    middle_name: str = ""
    id_qualifier: str = ""
    id: str = ""


@dataclass(frozen=True, slots=True)
class ServiceLine:
    qualifier: str  # SVC01-1 (HC, AD, NU, ...)
    code: str
    modifiers: tuple[str, ...]
    charge_cents: int
    paid_cents: int
    revenue_code: str = ""
    units: Decimal | None = None
    original: tuple[str, ...] = ()  # SVC06 components, when the payer adjudicated another code
    original_units: Decimal | None = None
    service_date: date | None = None  # DTM*472
    service_start: date | None = None  # DTM*150
    service_end: date | None = None  # DTM*151
    adjustments: tuple[Adjustment, ...] = ()
    control_number: str = ""  # REF*6R, the line item control number we sent
    allowed_cents: int | None = None  # AMT*B6
    amounts: tuple[tuple[str, int], ...] = ()
    remark_codes: tuple[str, ...] = ()  # LQ*HE
    references: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimPayment:
    patient_control_number: str  # CLP01
    status_code: str  # CLP02; 22 is a reversal of an earlier payment
    charge_cents: int
    paid_cents: int
    patient_responsibility_cents: int
    filing_indicator: str = ""
    payer_claim_control_number: str = ""
    facility_code: str = ""
    frequency_code: str = ""
    adjustments: tuple[Adjustment, ...] = ()
    patient: Party | None = None  # NM1*QC
    insured: Party | None = None  # NM1*IL
    rendering: Party | None = None  # NM1*82
    remark_codes: tuple[str, ...] = ()  # MIA / MOA
    statement_start: date | None = None  # DTM*232
    statement_end: date | None = None  # DTM*233
    amounts: tuple[tuple[str, int], ...] = ()
    quantities: tuple[tuple[str, Decimal], ...] = ()
    references: tuple[tuple[str, str], ...] = ()
    lines: tuple[ServiceLine, ...] = ()

    @property
    def is_reversal(self) -> bool:
        return self.status_code == "22"


@dataclass(frozen=True, slots=True)
class ProviderAdjustment:
    """One PLB reason/amount pair. A positive amount reduces the payment, a negative one (interest) adds."""

    provider_id: str
    fiscal_period_date: date | None
    reason_code: str  # e.g. L6 interest, WO overpayment recovery, FB forward balance
    reference: str
    amount_cents: int


@dataclass(frozen=True, slots=True)
class Remittance:
    control_number: str  # ST02
    handling_code: str  # BPR01
    total_paid_cents: int  # BPR02
    credit_debit: str  # BPR03
    payment_method: str  # BPR04: ACH, CHK, NON, FWT, BOP
    payment_date: date | None  # BPR16; None when absent or not a real date (see payment_date_text)
    trace_number: str  # TRN02: the check or EFT number
    trace_originator: str  # TRN03
    production_date: date | None  # DTM*405
    payer_name: str
    payer_id: str  # REF*2U, else N1*PR id
    payee_name: str
    payee_npi: str
    payee_tin: str
    payee_id_qualifier: str = ""
    payee_id: str = ""
    claims: tuple[ClaimPayment, ...] = ()
    provider_adjustments: tuple[ProviderAdjustment, ...] = ()
    payment_date_text: str = ""  # BPR16 as sent

    def balance_problems(self) -> list[str]:
        return balance_problems(self)


def balance_problems(remittance: Remittance) -> list[str]:
    """Amounts that do not add up, in words, each naming the claim (CLP01); empty when all balance."""
    problems: list[str] = []
    for claim in remittance.claims:
        problems.extend(claim_balance_problems(claim))
    paid = sum(c.paid_cents for c in remittance.claims)
    plb = sum(p.amount_cents for p in remittance.provider_adjustments)
    if remittance.total_paid_cents != paid - plb:
        problems.append(f"Payment {remittance.trace_number}: BPR total {_fmt(remittance.total_paid_cents)} is not "
                        f"claims paid {_fmt(paid)} less provider adjustments {_fmt(plb)}.")
    return problems


def claim_balance_problems(claim: ClaimPayment) -> list[str]:
    """What does not add up on one claim (its lines, then the claim), in words naming the claim (CLP01)."""
    problems: list[str] = []
    name = f"Claim {claim.patient_control_number}"
    line_adjustments = 0
    for i, line in enumerate(claim.lines, 1):
        adj = sum(a.amount_cents for a in line.adjustments)
        line_adjustments += adj
        if line.charge_cents != line.paid_cents + adj:
            problems.append(f"{name} line {i} ({line.code}): charge {_fmt(line.charge_cents)} is not paid "
                            f"{_fmt(line.paid_cents)} plus adjustments {_fmt(adj)}.")
    claim_adj = sum(a.amount_cents for a in claim.adjustments)
    total_adj = claim_adj + line_adjustments
    if claim.charge_cents != claim.paid_cents + total_adj:
        problems.append(f"{name}: charge {_fmt(claim.charge_cents)} is not paid {_fmt(claim.paid_cents)} "
                        f"plus adjustments {_fmt(total_adj)}.")
    return problems


def _fmt(cents: int) -> str:
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


# --- element readers ----------------------------------------------------------------------------------------------

def _number(seg: Segment, position: int) -> Decimal | None:
    raw = seg.get(position).strip()
    if not raw:
        return None
    if len(raw) > _MAX_NUMBER_LENGTH or not _NUMBER.match(raw):
        raise X12SyntaxError(f"{seg.id}{position:02d} '{raw[:20]}' is not a number.", seg.number)
    return Decimal(raw)


def _plain_cents(raw: str) -> int | None:
    """'125', '-12.5' or '80.00' as whole cents without Decimal (the common case); None for anything else."""
    whole, _, fraction = raw.partition(".")
    if whole.isdecimal() and len(whole) <= 15 and (fraction.isdecimal() and len(fraction) <= 2 or not fraction):
        return int(whole) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)  # the commonest: '80.00'
    plain = _PLAIN_AMOUNT.match(raw)
    if plain is None:
        return None
    sign, units, fraction = plain.groups()
    cents = int(units) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
    return -cents if sign == "-" else cents


def _cents(seg: Segment, position: int, required: bool = False) -> int | None:
    plain = _plain_cents(seg.get(position))
    if plain is not None:
        return plain
    value = _number(seg, position)
    if value is None:
        if required:
            raise X12SyntaxError(f"{seg.id}{position:02d} (an amount) is missing.", seg.number)
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2 and value != value.quantize(Decimal("0.01")):
        raise X12SyntaxError(f"{seg.id}{position:02d} '{seg.get(position).strip()}' has more than two decimal "
                             f"places.", seg.number)
    return round_cents(value)


def _amount(seg: Segment, position: int) -> int:
    plain = _plain_cents(seg.get(position))
    if plain is not None:
        return plain
    value = _cents(seg, position, required=True)
    assert value is not None
    return value


def _date(seg: Segment, position: int, strict: bool = True) -> date | None:
    """CCYYMMDD; a payer's impossible date raises, or reads as None when not strict (BPR16, kept as text)."""
    raw = seg.get(position).strip()
    if not raw:
        return None
    if not strict:
        try:
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:])) if len(raw) == 8 and raw.isdigit() else None
        except ValueError:
            return None
    if len(raw) != 8 or not raw.isdigit():
        raise X12SyntaxError(f"{seg.id}{position:02d} '{raw[:20]}' is not a date (CCYYMMDD).", seg.number)
    try:
        return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        raise X12SyntaxError(f"{seg.id}{position:02d} '{raw}' is not a real date.", seg.number) from None


def _composite(value: str, seps: Separators) -> list[str]:
    if seps.component in value:
        return value.split(seps.component)
    for alt in (":", ">"):  # some payers use another component separator than ISA16 says
        if alt in value:
            return value.split(alt)
    return [value]


def _party(seg: Segment) -> Party:
    return Party(seg.get(1), seg.get(3), seg.get(4), seg.get(5), seg.get(8), seg.get(9))


_CAS_LAST = 19  # CAS02-CAS19: at most six reason/amount/quantity triplets


def _adjustments(seg: Segment) -> list[Adjustment]:
    group = seg.get(1).strip()
    if not group:
        raise X12SyntaxError("CAS01 (the adjustment group code) is missing.", seg.number)
    out: list[Adjustment] = []
    last = min(len(seg.elements), _CAS_LAST)
    for start in range(2, last + 1, 3):  # only the triplets the segment has
        reason = seg.get(start).strip()
        if not reason:
            if seg.get(start + 1).strip():
                raise X12SyntaxError(f"CAS{start + 1:02d} has an amount without a reason code.", seg.number)
            continue
        amount = _amount(seg, start + 1)
        out.append(Adjustment(group, reason, amount, _number(seg, start + 2) if start + 2 <= last else None))
    if not out:
        raise X12SyntaxError("The CAS segment has no reason code and amount.", seg.number)
    return out


# --- builders -----------------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Line:
    qualifier: str
    code: str
    modifiers: tuple[str, ...]
    charge: int
    paid: int
    revenue_code: str
    units: Decimal | None
    original: tuple[str, ...]
    original_units: Decimal | None
    dates: dict[str, date | None] = field(default_factory=dict)
    adjustments: list[Adjustment] = field(default_factory=list)
    control_number: str = ""
    allowed: int | None = None
    amounts: list[tuple[str, int]] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)

    def freeze(self) -> ServiceLine:
        dates = self.dates
        return ServiceLine(self.qualifier, self.code, self.modifiers, self.charge, self.paid, self.revenue_code,
                           self.units, self.original, self.original_units, dates.get("472"),
                           dates.get("150"), dates.get("151"), tuple(self.adjustments),
                           self.control_number, self.allowed, tuple(self.amounts), tuple(self.remarks),
                           tuple(self.references))


@dataclass(slots=True)
class _Claim:
    clp: Segment
    charge: int  # CLP03
    paid: int  # CLP04
    patient_responsibility: int  # CLP05
    adjustments: list[Adjustment] = field(default_factory=list)
    parties: dict[str, Party] = field(default_factory=dict)
    remarks: list[str] = field(default_factory=list)
    dates: dict[str, date | None] = field(default_factory=dict)
    amounts: list[tuple[str, int]] = field(default_factory=list)
    quantities: list[tuple[str, Decimal]] = field(default_factory=list)
    references: list[tuple[str, str]] = field(default_factory=list)
    lines: list[_Line] = field(default_factory=list)

    def freeze(self) -> ClaimPayment:
        c = self.clp
        return ClaimPayment(c.get(1), c.get(2), self.charge, self.paid, self.patient_responsibility, c.get(6),
                            c.get(7), c.get(8), c.get(9), tuple(self.adjustments), self.parties.get("QC"),
                            self.parties.get("IL"), self.parties.get("82"), tuple(self.remarks),
                            self.dates.get("232"), self.dates.get("233"), tuple(self.amounts),
                            tuple(self.quantities), tuple(self.references), tuple(x.freeze() for x in self.lines))


@dataclass
class _Transaction:
    st: Segment
    bpr: Segment | None = None
    trn: Segment | None = None
    production_date: date | None = None
    payer_name: str = ""
    payer_id: str = ""
    payer_ref_id: str = ""
    payee_name: str = ""
    payee_qualifier: str = ""
    payee_id: str = ""
    payee_npi: str = ""
    payee_tin: str = ""
    n1: str = ""
    claims: list[_Claim] = field(default_factory=list)
    plb: list[ProviderAdjustment] = field(default_factory=list)

    def freeze(self, se: Segment) -> Remittance:
        if self.bpr is None:
            raise X12SyntaxError(f"Transaction {self.st.get(2)} has no BPR (payment) segment.", se.number)
        b = self.bpr
        trn = self.trn
        return Remittance(self.st.get(2), b.get(1), _amount(b, 2), b.get(3), b.get(4), _date(b, 16, strict=False),
                          trn.get(2) if trn else "", trn.get(3) if trn else "", self.production_date,
                          self.payer_name, self.payer_ref_id or self.payer_id, self.payee_name, self.payee_npi,
                          self.payee_tin, self.payee_qualifier, self.payee_id,
                          tuple(c.freeze() for c in self.claims), tuple(self.plb), b.get(16))


# --- the reader ---------------------------------------------------------------------------------------------------

class _Reader:
    """Reads the segments of one interchange in order. Each segment id has its handler (`_ENVELOPE` for
    ISA/IEA/GS/GE/ST/SE, `_BODY` for the segments inside a transaction set); the reader keeps where it is:
    the interchange, the group, the transaction set, the claim (CLP) and the service line (SVC)."""

    def __init__(self, seps: Separators) -> None:
        self.seps = seps
        self.result: list[Remittance] = []
        self.tx: _Transaction | None = None
        self.claim: _Claim | None = None
        self.line: _Line | None = None
        self.in_interchange = False
        self.group_sets: int | None = None

    def read(self, segments: list[Segment]) -> list[Remittance]:
        envelope, body = _ENVELOPE, _BODY
        for seg in segments:
            handler = envelope.get(seg.id)
            if handler is not None:
                handler(self, seg)
                continue
            if not self.in_interchange:
                raise X12SyntaxError(f"{seg.id} comes after the IEA, outside any interchange.", seg.number)
            tx = self.tx
            if tx is None:
                raise X12SyntaxError(f"{seg.id} is outside a transaction set (no ST before it).", seg.number)
            handler = body.get(seg.id)
            if handler is not None:
                handler(self, tx, seg)
        if self.tx is not None or self.in_interchange:
            raise X12SyntaxError("The file ends inside a transaction set; it may be cut short.", segments[-1].number)
        if not self.result:
            raise X12SyntaxError("The file holds no 835 transaction set.", segments[-1].number)
        return self.result

    # --- the envelope ---------------------------------------------------------------------------------------------
    def isa(self, seg: Segment) -> None:
        if self.in_interchange:
            raise X12SyntaxError("An ISA starts before the previous interchange ended (no IEA).", seg.number)
        self.in_interchange = True

    def iea(self, seg: Segment) -> None:
        self._inside_interchange(seg)
        if self.tx is not None:
            raise X12SyntaxError(f"Transaction {self.tx.st.get(2)} has no SE trailer; the file may be cut short.",
                                 seg.number)
        if self.group_sets is not None:
            raise X12SyntaxError("The functional group has no GE trailer.", seg.number)
        self.in_interchange = False

    def gs(self, seg: Segment) -> None:
        self._inside_interchange(seg)
        if self.tx is not None or self.group_sets is not None:
            raise X12SyntaxError("A GS starts before the previous group or transaction ended.", seg.number)
        self.group_sets = 0

    def ge(self, seg: Segment) -> None:
        self._inside_interchange(seg)
        if self.tx is not None:
            raise X12SyntaxError(f"Transaction {self.tx.st.get(2)} has no SE trailer before the GE.", seg.number)
        if self.group_sets is None:
            raise X12SyntaxError("A GE without a GS.", seg.number)
        if seg.get(1).strip() != str(self.group_sets):
            raise X12SyntaxError(f"GE01 says {seg.get(1)[:10]} transaction sets; the group holds {self.group_sets}.",
                                 seg.number)
        self.group_sets = None

    def st(self, seg: Segment) -> None:
        self._inside_interchange(seg)
        if self.group_sets is None:
            raise X12SyntaxError("An ST outside a functional group (no GS before it).", seg.number)
        if self.tx is not None:
            raise X12SyntaxError(f"Transaction {self.tx.st.get(2)} has no SE before the next ST.", seg.number)
        if seg.get(1) != "835":
            raise X12SyntaxError(f"This is a {seg.get(1)[:6]} transaction, not an 835 remittance.", seg.number)
        self.tx = _Transaction(seg)
        self.claim = self.line = None
        self.group_sets += 1

    def se(self, seg: Segment) -> None:
        self._inside_interchange(seg)
        tx = self.tx
        if tx is None:
            raise X12SyntaxError(f"{seg.id} is outside a transaction set (no ST before it).", seg.number)
        count = seg.number - tx.st.number + 1
        if seg.get(1).strip() != str(count):
            raise X12SyntaxError(f"SE01 says {seg.get(1)[:10]} segments; the transaction has {count}.", seg.number)
        if seg.get(2) != tx.st.get(2):
            raise X12SyntaxError(f"SE02 '{seg.get(2)[:12]}' does not match ST02 '{tx.st.get(2)[:12]}'.", seg.number)
        self.result.append(tx.freeze(seg))
        self.tx = None
        self.claim = self.line = None

    def _inside_interchange(self, seg: Segment) -> None:
        if not self.in_interchange:
            raise X12SyntaxError(f"{seg.id} comes after the IEA, outside any interchange.", seg.number)

    # --- the payment and its parties ------------------------------------------------------------------------------
    def bpr(self, tx: _Transaction, seg: Segment) -> None:
        if tx.bpr is not None or tx.n1:
            raise X12SyntaxError("A second or misplaced BPR segment.", seg.number)
        _amount(seg, 2)
        tx.bpr = seg

    def trn(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is None:
            tx.trn = seg

    def n1(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is not None:
            return
        q = seg.get(1)
        tx.n1 = q
        if q == "PR":
            tx.payer_name, tx.payer_id = seg.get(2), seg.get(4)
        elif q == "PE":
            tx.payee_name, tx.payee_qualifier, tx.payee_id = seg.get(2), seg.get(3), seg.get(4)
            if seg.get(3) == "XX":
                tx.payee_npi = seg.get(4)
            elif seg.get(3) == "FI":
                tx.payee_tin = seg.get(4)

    def header(self, tx: _Transaction, seg: Segment) -> None:
        """DTM*405 and the payer's and payee's REF; other header segments (CUR, N3, N4, PER, RDM, TS3, TS2 ...)
        are not needed for posting."""
        q = seg.get(1)
        if seg.id == "DTM" and q == "405":
            tx.production_date = _date(seg, 2)
        elif seg.id == "REF" and tx.n1 == "PR" and q == "2U":
            tx.payer_ref_id = seg.get(2)
        elif seg.id == "REF" and tx.n1 == "PE" and q == "TJ" and not tx.payee_tin:
            tx.payee_tin = seg.get(2)

    # --- claims and service lines ---------------------------------------------------------------------------------
    def clp(self, tx: _Transaction, seg: Segment) -> None:
        if tx.bpr is None:
            raise X12SyntaxError("A CLP before the BPR payment segment.", seg.number)
        if not seg.get(1).strip():
            raise X12SyntaxError("CLP01 (the patient control number) is missing.", seg.number)
        self.claim = _Claim(seg, _amount(seg, 3), _amount(seg, 4), _cents(seg, 5) or 0)
        tx.claims.append(self.claim)
        self.line = None

    def svc(self, tx: _Transaction, seg: Segment) -> None:
        claim = self.claim
        if claim is None:
            raise X12SyntaxError("An SVC service line before any CLP claim.", seg.number)
        parts = _composite(seg.get(1), self.seps)
        original = tuple(_composite(seg.get(6), self.seps)) if seg.get(6) else ()
        self.line = _Line(parts[0], parts[1] if len(parts) > 1 else "", tuple(p for p in parts[2:6] if p),
                          _amount(seg, 2), _amount(seg, 3), seg.get(4), _number(seg, 5), original, _number(seg, 7))
        claim.lines.append(self.line)

    def plb(self, tx: _Transaction, seg: Segment) -> None:
        self.claim = self.line = None
        provider, period = seg.get(1), _date(seg, 2)
        pairs = 0
        for start in range(3, 15, 2):
            code = seg.get(start)
            if not code.strip():
                continue
            parts = _composite(code, self.seps)
            tx.plb.append(ProviderAdjustment(provider, period, parts[0], parts[1] if len(parts) > 1 else "",
                                             _amount(seg, start + 1)))
            pairs += 1
        if not pairs:
            raise X12SyntaxError("The PLB segment has no adjustment reason and amount.", seg.number)

    def lx(self, tx: _Transaction, seg: Segment) -> None:
        self.claim = self.line = None

    def cas(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is not None:
            (self.line.adjustments if self.line is not None else self.claim.adjustments).extend(_adjustments(seg))

    def dtm(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is None:
            self.header(tx, seg)
        else:
            d = _date(seg, 2)
            (self.line.dates if self.line is not None else self.claim.dates)[seg.get(1)] = d

    def amt(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is None:
            return
        cents = _amount(seg, 2)
        q = seg.get(1)
        if self.line is not None:
            self.line.amounts.append((q, cents))
            if q == "B6":
                self.line.allowed = cents
        else:
            self.claim.amounts.append((q, cents))

    def qty(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is None:
            return
        value = _number(seg, 2)
        if value is not None:
            self.claim.quantities.append((seg.get(1), value))

    def ref(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is None:
            self.header(tx, seg)
        elif self.line is not None:
            self.line.references.append((seg.get(1), seg.get(2)))
            if seg.get(1) == "6R":
                self.line.control_number = seg.get(2)
        else:
            self.claim.references.append((seg.get(1), seg.get(2)))

    def lq(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is not None and self.line is not None and seg.get(1) == "HE" and seg.get(2):
            self.line.remarks.append(seg.get(2))

    def nm1(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is not None and self.line is None:
            self.claim.parties.setdefault(seg.get(1), _party(seg))

    def mia(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is not None and self.line is None:
            self.claim.remarks.extend(c for c in (seg.get(p) for p in (5, 20, 21, 22, 23)) if c)

    def moa(self, tx: _Transaction, seg: Segment) -> None:
        if self.claim is not None and self.line is None:
            self.claim.remarks.extend(c for c in (seg.get(p) for p in (3, 4, 5, 6, 7)) if c)


_ENVELOPE: dict[str, Callable[[_Reader, Segment], None]] = {
    "ISA": _Reader.isa, "IEA": _Reader.iea, "GS": _Reader.gs, "GE": _Reader.ge, "ST": _Reader.st, "SE": _Reader.se}
_BODY: dict[str, Callable[[_Reader, _Transaction, Segment], None]] = {
    "BPR": _Reader.bpr, "TRN": _Reader.trn, "N1": _Reader.n1, "CLP": _Reader.clp, "SVC": _Reader.svc,
    "PLB": _Reader.plb, "LX": _Reader.lx, "CAS": _Reader.cas, "DTM": _Reader.dtm, "AMT": _Reader.amt,
    "QTY": _Reader.qty, "REF": _Reader.ref, "LQ": _Reader.lq, "NM1": _Reader.nm1, "MIA": _Reader.mia,
    "MOA": _Reader.moa}


def read_835(text: str) -> list[Remittance]:
    """Every 835 transaction set in an interchange, in file order."""
    try:
        seps, segments = tokenize(text)
    except IndexError:  # x12.tokenize indexes an empty ISA16 when the ISA is mis-split (fuzz finding)
        raise X12SyntaxError("The ISA segment is malformed: ISA16 (the component separator) is missing.",
                             1) from None
    return _Reader(seps).read(segments)
