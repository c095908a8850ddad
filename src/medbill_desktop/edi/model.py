"""The plain input of an 837P batch, around the domain's `ClaimData` (one encounter, one coverage, with its
reference records): the clearinghouse settings (submitter, receiver, envelope ids), each claim's number and
extra facts, and for secondary/tertiary claims the other payers' adjudication (loops 2320/2330/2430)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from medbill_desktop.domain.claim_form import ClaimExtras
from medbill_desktop.domain.coverage import Coverage
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.reference import Payer, PlanType
from medbill_desktop.domain.scrubber import ClaimData

CAS_GROUPS = ("CO", "CR", "OA", "PI", "PR")

# SBR09 / claim filing indicator from the payer's plan type (overridable per claim: BL, HM, 12 ...).
FILING_INDICATORS: dict[PlanType, str] = {
    PlanType.MEDICARE: "MB", PlanType.MEDICAID: "MC", PlanType.TRICARE: "CH", PlanType.CHAMPVA: "VA",
    PlanType.GROUP_HEALTH_PLAN: "CI", PlanType.FECA_BLACK_LUNG: "OF", PlanType.OTHER: "11",
}
FILING_INDICATOR_CODES = frozenset({
    "11", "12", "13", "14", "15", "16", "17", "AM", "BL", "CH", "CI", "DS", "FI", "HM", "LM", "MA", "MB", "MC",
    "OF", "TV", "VA", "WC", "ZZ",
})


@dataclass(frozen=True, slots=True)
class Clearinghouse:
    """Where a batch goes: envelope ids, the submitter (1000A) and the receiver (1000B)."""

    receiver_name: str  # 1000B NM103
    receiver_id: str  # 1000B NM109 (ETIN of the receiver)
    submitter_name: str  # 1000A NM103, usually the practice
    submitter_id: str  # 1000A NM109 (the submitter's ETIN, given by the clearinghouse)
    contact_name: str  # 1000A PER02
    contact_phone: str = ""  # 10 digits; a phone or an email is required
    contact_email: str = ""
    isa_sender_qualifier: str = "ZZ"
    isa_sender_id: str = ""  # ISA06; defaults to submitter_id
    isa_receiver_qualifier: str = "ZZ"
    isa_receiver_id: str = ""  # ISA08; defaults to receiver_id
    gs_sender: str = ""  # GS02; defaults to the ISA sender id
    gs_receiver: str = ""  # GS03; defaults to the ISA receiver id
    repetition_separator: str = "^"


@dataclass(frozen=True, slots=True)
class Adjustment:
    """One CAS adjustment: group (CO contractual, PR patient responsibility, OA other, PI payer initiated,
    CR correction), claim adjustment reason code (e.g. 45, 1, 2, 3), amount, optional quantity."""

    group: str
    reason: str
    amount_cents: int
    quantity: Decimal | None = None

    def __post_init__(self) -> None:
        if self.group not in CAS_GROUPS:
            raise DomainError(f"'{self.group}' is not an adjustment group; use {', '.join(CAS_GROUPS)}.", "group")
        if not self.reason or len(self.reason) > 5:
            raise DomainError("An adjustment needs its reason code (1 to 5 characters).", "reason")


@dataclass(frozen=True, slots=True)
class LineAdjudication:
    """What another payer did with one service line (loop 2430)."""

    line_id: str  # the ServiceLine.id it belongs to
    paid_cents: int
    adjudicated_on: date
    adjustments: tuple[Adjustment, ...] = ()
    paid_units: Decimal | None = None  # None: the line's units
    procedure: str = ""  # when the payer adjudicated another code than billed; '' = the billed code
    modifiers: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class OtherPayer:
    """Another coverage of the patient (loops 2320/2330A/2330B) and, once it has adjudicated the claim,
    its payment and adjustments at claim level (2320 CAS/AMT*D) and per line (2430)."""

    coverage: Coverage
    payer: Payer
    paid_cents: int | None = None  # AMT*D; None: not (yet) adjudicated by this payer
    adjustments: tuple[Adjustment, ...] = ()  # claim-level CAS
    lines: tuple[LineAdjudication, ...] = ()
    adjudicated_on: date | None = None  # 2330B DTP*573 (claim-level adjudication date)
    payer_claim_number: str = ""  # 2330B REF*F8: that payer's claim control number
    filing_indicator: str = ""  # '' = from the plan type
    remaining_patient_liability_cents: int | None = None  # AMT*EAF


@dataclass(frozen=True, slots=True)
class ClaimExport:
    """One claim of a batch. `claim_number` is CLM01 (the patient control number, item 26)."""

    claim: ClaimData
    claim_number: str
    other_payers: tuple[OtherPayer, ...] = ()
    extras: ClaimExtras = field(default_factory=ClaimExtras)
    filing_indicator: str = ""  # SBR09 of 2000B; '' = from the payer's plan type
    medicare_secondary_type: str = "12"  # SBR05 when Medicare is not primary (12 working aged, 43 disabled ...)
    provider_signature_on_file: bool = True  # CLM06


def filing_indicator(plan_type: PlanType, override: str = "") -> str:
    code = override or FILING_INDICATORS[plan_type]
    if code not in FILING_INDICATOR_CODES:
        raise DomainError(f"'{code}' is not a claim filing indicator code.", "filing_indicator")
    return code
