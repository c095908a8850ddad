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


def _cents(seg: Segment, position: int, required: bool = False) -> int | None:
    raw = seg.get(position)
    plain = _PLAIN_AMOUNT.match(raw)
    if plain is not None:  # the common case, '125' or '-12.5' or '80.00': whole cents without Decimal
        sign, units, fraction = plain.groups()
        cents = int(units) * 100 + (int(fraction.ljust(2, "0")) if fraction else 0)
        return -cents if sign == "-" else cents
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


def _adjustments(seg: Segment) -> list[Adjustment]:
    group = seg.get(1).strip()
    if not group:
        raise X12SyntaxError("CAS01 (the adjustment group code) is missing.", seg.number)
    out: list[Adjustment] = []
    for start in range(2, 20, 3):
        reason = seg.get(start).strip()
        if not reason:
            if seg.get(start + 1).strip():
                raise X12SyntaxError(f"CAS{start + 1:02d} has an amount without a reason code.", seg.number)
            continue
        out.append(Adjustment(group, reason, _amount(seg, start + 1), _number(seg, start + 2)))
    if not out:
        raise X12SyntaxError("The CAS segment has no reason code and amount.", seg.number)
    return out


# --- builders -----------------------------------------------------------------------------------------------------

@dataclass
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
        return ServiceLine(self.qualifier, self.code, self.modifiers, self.charge, self.paid, self.revenue_code,
                           self.units, self.original, self.original_units, self.dates.get("472"),
                           self.dates.get("150"), self.dates.get("151"), tuple(self.adjustments),
                           self.control_number, self.allowed, tuple(self.amounts), tuple(self.remarks),
                           tuple(self.references))


@dataclass
class _Claim:
    clp: Segment
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
        return ClaimPayment(c.get(1), c.get(2), _amount(c, 3), _amount(c, 4), _cents(c, 5) or 0, c.get(6), c.get(7),
                            c.get(8), c.get(9), tuple(self.adjustments), self.parties.get("QC"),
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

def read_835(text: str) -> list[Remittance]:
    """Every 835 transaction set in an interchange, in file order."""
    try:
        seps, segments = tokenize(text)
    except IndexError:  # x12.tokenize indexes an empty ISA16 when the ISA is mis-split (fuzz finding)
        raise X12SyntaxError("The ISA segment is malformed: ISA16 (the component separator) is missing.",
                             1) from None
    result: list[Remittance] = []
    tx: _Transaction | None = None
    claim: _Claim | None = None
    line: _Line | None = None
    in_interchange = False
    group_sets: int | None = None
    for seg in segments:
        sid = seg.id
        if sid == "ISA":
            if in_interchange:
                raise X12SyntaxError("An ISA starts before the previous interchange ended (no IEA).", seg.number)
            in_interchange = True
            continue
        if not in_interchange:
            raise X12SyntaxError(f"{sid} comes after the IEA, outside any interchange.", seg.number)
        if sid == "IEA":
            if tx is not None:
                raise X12SyntaxError(f"Transaction {tx.st.get(2)} has no SE trailer; the file may be cut short.",
                                     seg.number)
            if group_sets is not None:
                raise X12SyntaxError("The functional group has no GE trailer.", seg.number)
            in_interchange = False
            continue
        if sid == "GS":
            if tx is not None or group_sets is not None:
                raise X12SyntaxError("A GS starts before the previous group or transaction ended.", seg.number)
            group_sets = 0
            continue
        if sid == "GE":
            if tx is not None:
                raise X12SyntaxError(f"Transaction {tx.st.get(2)} has no SE trailer before the GE.", seg.number)
            if group_sets is None:
                raise X12SyntaxError("A GE without a GS.", seg.number)
            if seg.get(1).strip() != str(group_sets):
                raise X12SyntaxError(f"GE01 says {seg.get(1)[:10]} transaction sets; the group holds {group_sets}.",
                                     seg.number)
            group_sets = None
            continue
        if sid == "ST":
            if group_sets is None:
                raise X12SyntaxError("An ST outside a functional group (no GS before it).", seg.number)
            if tx is not None:
                raise X12SyntaxError(f"Transaction {tx.st.get(2)} has no SE before the next ST.", seg.number)
            if seg.get(1) != "835":
                raise X12SyntaxError(f"This is a {seg.get(1)[:6]} transaction, not an 835 remittance.", seg.number)
            tx = _Transaction(seg)
            claim = line = None
            group_sets += 1
            continue
        if tx is None:
            raise X12SyntaxError(f"{sid} is outside a transaction set (no ST before it).", seg.number)
        if sid == "SE":
            count = seg.number - tx.st.number + 1
            if seg.get(1).strip() != str(count):
                raise X12SyntaxError(f"SE01 says {seg.get(1)[:10]} segments; the transaction has {count}.",
                                     seg.number)
            if seg.get(2) != tx.st.get(2):
                raise X12SyntaxError(f"SE02 '{seg.get(2)[:12]}' does not match ST02 '{tx.st.get(2)[:12]}'.",
                                     seg.number)
            result.append(tx.freeze(seg))
            tx = None
            claim = line = None
            continue
        q = seg.get(1)
        if sid == "BPR":
            if tx.bpr is not None or tx.n1:
                raise X12SyntaxError("A second or misplaced BPR segment.", seg.number)
            _amount(seg, 2)
            tx.bpr = seg
        elif sid == "TRN" and claim is None:
            tx.trn = seg
        elif sid == "N1" and claim is None:
            tx.n1 = q
            if q == "PR":
                tx.payer_name, tx.payer_id = seg.get(2), seg.get(4)
            elif q == "PE":
                tx.payee_name, tx.payee_qualifier, tx.payee_id = seg.get(2), seg.get(3), seg.get(4)
                if seg.get(3) == "XX":
                    tx.payee_npi = seg.get(4)
                elif seg.get(3) == "FI":
                    tx.payee_tin = seg.get(4)
        elif sid == "CLP":
            if tx.bpr is None:
                raise X12SyntaxError("A CLP before the BPR payment segment.", seg.number)
            if not q.strip():
                raise X12SyntaxError("CLP01 (the patient control number) is missing.", seg.number)
            for pos in (3, 4):
                _amount(seg, pos)
            _cents(seg, 5)
            claim = _Claim(seg)
            tx.claims.append(claim)
            line = None
        elif sid == "SVC":
            if claim is None:
                raise X12SyntaxError("An SVC service line before any CLP claim.", seg.number)
            parts = _composite(q, seps)
            original = tuple(_composite(seg.get(6), seps)) if seg.get(6) else ()
            line = _Line(parts[0], parts[1] if len(parts) > 1 else "", tuple(p for p in parts[2:6] if p),
                         _amount(seg, 2), _amount(seg, 3), seg.get(4), _number(seg, 5), original,
                         _number(seg, 7))
            claim.lines.append(line)
        elif sid == "PLB":
            claim = line = None
            provider, period = q, _date(seg, 2)
            pairs = 0
            for start in range(3, 15, 2):
                code = seg.get(start)
                if not code.strip():
                    continue
                parts = _composite(code, seps)
                tx.plb.append(ProviderAdjustment(provider, period, parts[0], parts[1] if len(parts) > 1 else "",
                                                 _amount(seg, start + 1)))
                pairs += 1
            if not pairs:
                raise X12SyntaxError("The PLB segment has no adjustment reason and amount.", seg.number)
        elif sid == "LX":
            claim = line = None
        elif claim is None:
            if sid == "DTM" and q == "405":
                tx.production_date = _date(seg, 2)
            elif sid == "REF" and tx.n1 == "PR" and q == "2U":
                tx.payer_ref_id = seg.get(2)
            elif sid == "REF" and tx.n1 == "PE" and q == "TJ" and not tx.payee_tin:
                tx.payee_tin = seg.get(2)
            # other header segments (CUR, N3, N4, PER, RDM, TS3, TS2 ...) are not needed for posting
        elif sid == "CAS":
            (line.adjustments if line is not None else claim.adjustments).extend(_adjustments(seg))
        elif sid == "DTM":
            d = _date(seg, 2)
            (line.dates if line is not None else claim.dates)[q] = d
        elif sid == "AMT":
            cents = _amount(seg, 2)
            if line is not None:
                line.amounts.append((q, cents))
                if q == "B6":
                    line.allowed = cents
            else:
                claim.amounts.append((q, cents))
        elif sid == "QTY":
            value = _number(seg, 2)
            if value is not None:
                claim.quantities.append((q, value))
        elif sid == "REF":
            if line is not None:
                line.references.append((q, seg.get(2)))
                if q == "6R":
                    line.control_number = seg.get(2)
            else:
                claim.references.append((q, seg.get(2)))
        elif sid == "LQ" and line is not None:
            if q == "HE" and seg.get(2):
                line.remarks.append(seg.get(2))
        elif sid == "NM1" and line is None:
            claim.parties.setdefault(q, _party(seg))
        elif sid == "MIA" and line is None:
            claim.remarks.extend(c for c in (seg.get(p) for p in (5, 20, 21, 22, 23)) if c)
        elif sid == "MOA" and line is None:
            claim.remarks.extend(c for c in (seg.get(p) for p in (3, 4, 5, 6, 7)) if c)
    if tx is not None or in_interchange:
        raise X12SyntaxError("The file ends inside a transaction set; it may be cut short.", segments[-1].number)
    if not result:
        raise X12SyntaxError("The file holds no 835 transaction set.", segments[-1].number)
    return result
