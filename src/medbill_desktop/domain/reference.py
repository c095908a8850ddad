"""Reference data a manager keeps: providers, referring providers, service facilities and payers.

Each `validate_*` returns the record with its fields normalised, or raises DomainError naming the field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum

from medbill_desktop.domain.codes import is_pos_shape
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.names import validate_middle_initial, validate_person_name
from medbill_desktop.domain.npi import validate_npi
from medbill_desktop.domain.practice import (
    Address,
    digits,
    validate_address,
    validate_phone,
    validate_tax_id,
    validate_taxonomy,
)

_CREDENTIALS = re.compile(r"^[A-Za-z.,\- ]{1,20}$")
_PAYER_ID = re.compile(r"^[0-9A-Z]{2,15}$")
MAX_TIMELY_FILING_DAYS = 1095


class TaxIdType(StrEnum):
    """Item 25: which box is checked."""

    EIN = "EIN"
    SSN = "SSN"


class ReferringQualifier(StrEnum):
    """Item 17 qualifier."""

    REFERRING = "DN"
    ORDERING = "DK"
    SUPERVISING = "DQ"

    @property
    def label(self) -> str:
        return {"DN": "Referring provider", "DK": "Ordering provider", "DQ": "Supervising provider"}[self.value]


class PlanType(StrEnum):
    """Item 1: the kind of insurance."""

    MEDICARE = "medicare"
    MEDICAID = "medicaid"
    TRICARE = "tricare"
    CHAMPVA = "champva"
    GROUP_HEALTH_PLAN = "group_health_plan"
    FECA_BLACK_LUNG = "feca_black_lung"
    OTHER = "other"

    @property
    def label(self) -> str:
        """As printed over the item 1 boxes."""
        return {
            "medicare": "Medicare", "medicaid": "Medicaid", "tricare": "TRICARE", "champva": "CHAMPVA",
            "group_health_plan": "Group Health Plan", "feca_black_lung": "FECA Blk Lung", "other": "Other",
        }[self.value]


class Submission(StrEnum):
    PAPER = "paper"
    ELECTRONIC = "electronic"


def validate_ssn(ssn: str, field: str = "tax_id") -> str:
    d = digits(ssn)
    if len(d) != 9:
        raise DomainError(f"A social security number has 9 digits, as in 123-45-6789; '{ssn}' has {len(d)}.",
                          field)
    if d.startswith(("000", "666", "9")) or d[3:5] == "00" or d[5:] == "0000":
        raise DomainError(f"{ssn} is not a valid social security number; check it.", field)
    return d


# --- providers -------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Provider:
    """A rendering provider (a person who performs services, item 24J) and/or a billing provider (the
    person or organization paid, items 25 and 33). A person has last and first names; an organization
    has an organization name and can only bill."""

    npi: str
    taxonomy: str
    last_name: str = ""
    first_name: str = ""
    middle_initial: str = ""
    organization_name: str = ""
    credentials: str = ""  # MD, DO, NP, PA-C ...
    tax_id: str = ""  # digits only once validated
    tax_id_type: TaxIdType = TaxIdType.EIN
    address: Address | None = None  # billing providers: item 33, a street address, not a PO box
    phone: str = ""
    renders: bool = True
    bills: bool = False
    active: bool = True
    id: str = field(default_factory=new_id)

    @property
    def is_organization(self) -> bool:
        return bool(self.organization_name)

    @property
    def display_name(self) -> str:
        """'Jane Q Smith, MD' or 'Riverside Family Medicine PC'."""
        if self.organization_name:
            return self.organization_name
        name = " ".join(p for p in (self.first_name, self.middle_initial, self.last_name) if p)
        return f"{name}, {self.credentials}" if self.credentials else name


def validate_provider(provider: Provider) -> Provider:
    org = " ".join(provider.organization_name.split())
    if org:
        if provider.last_name.strip() or provider.first_name.strip():
            raise DomainError("Enter either a person's name or an organization name, not both.",
                              "organization_name")
        if len(org) > 60:
            raise DomainError("The organization name is longer than 60 characters; shorten it.",
                              "organization_name")
        if provider.renders:
            raise DomainError("An organization can't be a rendering provider; only a person performs services.",
                              "renders")
        last = first = middle = ""
    else:
        last = validate_person_name(provider.last_name, "last_name", "provider's last name")
        first = validate_person_name(provider.first_name, "first_name", "provider's first name")
        middle = validate_middle_initial(provider.middle_initial, "middle_initial")
    if not (provider.renders or provider.bills):
        raise DomainError("A provider renders services, bills for them, or both; tick at least one.", "renders")
    credentials = " ".join(provider.credentials.split())
    if credentials and not _CREDENTIALS.match(credentials):
        raise DomainError(f"'{credentials}' doesn't look like credentials such as MD, DO or PA-C.", "credentials")
    tax_id = ""
    if provider.tax_id.strip():
        tax_id = (validate_tax_id(provider.tax_id) if provider.tax_id_type is TaxIdType.EIN
                  else validate_ssn(provider.tax_id))
    elif provider.bills:
        raise DomainError("A billing provider needs its tax ID (item 25): the EIN, or the SSN of a solo provider.",
                          "tax_id")
    address = validate_address(provider.address) if provider.address is not None else None
    if address is None and provider.bills:
        raise DomainError("A billing provider needs its street address (item 33).", "address.line1")
    return replace(
        provider,
        npi=validate_npi(provider.npi),
        taxonomy=validate_taxonomy(provider.taxonomy),
        last_name=last, first_name=first, middle_initial=middle, organization_name=org,
        credentials=credentials, tax_id=tax_id, address=address,
        phone=validate_phone(provider.phone) if provider.phone.strip() else "",
    )


@dataclass(frozen=True, slots=True)
class ReferringProvider:
    """Items 17 and 17b: who referred, ordered or supervised."""

    last_name: str
    first_name: str
    npi: str
    qualifier: ReferringQualifier = ReferringQualifier.REFERRING
    middle_initial: str = ""
    credentials: str = ""
    id: str = field(default_factory=new_id)

    @property
    def display_name(self) -> str:
        name = " ".join(p for p in (self.first_name, self.middle_initial, self.last_name) if p)
        return f"{name}, {self.credentials}" if self.credentials else name


def validate_referring_provider(ref: ReferringProvider) -> ReferringProvider:
    credentials = " ".join(ref.credentials.split())
    if credentials and not _CREDENTIALS.match(credentials):
        raise DomainError(f"'{credentials}' doesn't look like credentials such as MD, DO or PA-C.", "credentials")
    return replace(
        ref,
        last_name=validate_person_name(ref.last_name, "last_name", "referring provider's last name"),
        first_name=validate_person_name(ref.first_name, "first_name", "referring provider's first name"),
        middle_initial=validate_middle_initial(ref.middle_initial, "middle_initial"),
        npi=validate_npi(ref.npi),
        qualifier=ReferringQualifier(ref.qualifier),
        credentials=credentials,
    )


# --- facilities --------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ServiceFacility:
    """Item 32: where the services were performed, when that is not the billing provider's office."""

    name: str
    address: Address
    npi: str = ""  # item 32a, optional
    place_of_service: str = ""  # the default for encounters there, two digits
    id: str = field(default_factory=new_id)


def validate_pos_shape(code: str, field: str = "place_of_service") -> str:
    cleaned = code.strip()
    if not is_pos_shape(cleaned):
        raise DomainError(f"A place-of-service code has 2 digits, such as 11 for the office; not '{code}'.", field)
    return cleaned


def validate_facility(facility: ServiceFacility) -> ServiceFacility:
    name = " ".join(facility.name.split())
    if not name:
        raise DomainError("Enter the facility's name.", "name")
    if len(name) > 60:
        raise DomainError("The facility name is longer than 60 characters; shorten it.", "name")
    return replace(
        facility,
        name=name,
        address=validate_address(facility.address),
        npi=validate_npi(facility.npi) if facility.npi.strip() else "",
        place_of_service=validate_pos_shape(facility.place_of_service) if facility.place_of_service.strip()
        else "",
    )


# --- payers --------------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Payer:
    """An insurance company or program, with what the claim needs to reach it."""

    name: str
    plan_type: PlanType
    submission: Submission = Submission.PAPER
    edi_id: str = ""  # the payer ID clearinghouses use, e.g. 60054; required for electronic claims
    address: Address | None = None  # where paper claims go; required for paper claims
    timely_filing_days: int = 365
    requires_referring_provider: bool = False
    accept_assignment: bool = True  # item 27 default for this payer's claims
    phone: str = ""
    id: str = field(default_factory=new_id)


def validate_payer_edi_id(text: str, field: str = "edi_id") -> str:
    cleaned = text.strip().upper().replace(" ", "")
    if not _PAYER_ID.match(cleaned):
        raise DomainError(
            f"'{text.strip()}' is not a payer ID: 2 to 15 letters or digits (most are 5, like 60054).", field)
    return cleaned


def validate_payer(payer: Payer) -> Payer:
    name = " ".join(payer.name.split())
    if not name:
        raise DomainError("Enter the payer's name as it appears on claims.", "name")
    if len(name) > 60:
        raise DomainError("The payer name is longer than 60 characters; shorten it.", "name")
    submission = Submission(payer.submission)
    edi_id = ""
    if payer.edi_id.strip():
        edi_id = validate_payer_edi_id(payer.edi_id)
    elif submission is Submission.ELECTRONIC:
        raise DomainError("Electronic claims need the payer ID (ask the clearinghouse or the payer).", "edi_id")
    address = validate_address(payer.address) if payer.address is not None else None
    if address is None and submission is Submission.PAPER:
        raise DomainError("Paper claims need the payer's claim mailing address.", "address.line1")
    days = payer.timely_filing_days
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_TIMELY_FILING_DAYS:
        raise DomainError(
            f"Timely filing is a number of days from 1 to {MAX_TIMELY_FILING_DAYS} (often 90, 180 or 365).",
            "timely_filing_days")
    return replace(
        payer, name=name, plan_type=PlanType(payer.plan_type), submission=submission, edi_id=edi_id,
        address=address, phone=validate_phone(payer.phone) if payer.phone.strip() else "",
    )
