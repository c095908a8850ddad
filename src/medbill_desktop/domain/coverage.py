"""Insurance coverage: the patient's policies in order (primary, secondary, tertiary), the subscriber,
and the eligibility checks made at the front desk."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from enum import StrEnum

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.ledger import Party
from medbill_desktop.domain.names import validate_person_name
from medbill_desktop.domain.patients import Patient, Sex, format_date, validate_birth_date
from medbill_desktop.domain.practice import Address, validate_address, validate_phone

INSURANCE_RANKS: tuple[Party, ...] = (Party.PRIMARY, Party.SECONDARY, Party.TERTIARY)
_MEMBER_ID = re.compile(r"^[0-9A-Z\-]{2,30}$")
_GROUP = re.compile(r"^[0-9A-Z\- ]{1,30}$")


class Relationship(StrEnum):
    """The patient's relationship to the insured (CMS-1500 item 6; 837P individual relationship code)."""

    SELF = "self"
    SPOUSE = "spouse"
    CHILD = "child"
    OTHER = "other"

    @property
    def x12_code(self) -> str:
        return {"self": "18", "spouse": "01", "child": "19", "other": "G8"}[self.value]


@dataclass(frozen=True, slots=True)
class Subscriber:
    """The insured (items 4, 7, 11a) when that is not the patient."""

    last_name: str
    first_name: str
    date_of_birth: date | None = None
    sex: Sex = Sex.UNKNOWN
    middle_name: str = ""
    address: Address | None = None
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Coverage:
    patient_id: str
    payer_id: str  # the Payer record's id
    rank: Party  # PRIMARY, SECONDARY or TERTIARY
    member_id: str  # item 1a
    group_number: str = ""  # item 11
    relationship: Relationship = Relationship.SELF
    subscriber: Subscriber | None = None  # required unless the relationship is self
    effective_from: date | None = None
    effective_to: date | None = None  # inclusive; None: open-ended
    copay_cents: int = 0
    plan_name: str = ""  # item 11c
    benefits_assigned: bool = True  # item 13: the insured authorises payment to the provider
    id: str = field(default_factory=new_id)

    def active_on(self, day: date) -> bool:
        return ((self.effective_from is None or self.effective_from <= day)
                and (self.effective_to is None or day <= self.effective_to))


def insured(coverage: Coverage, patient: Patient) -> Subscriber:
    """Who items 4, 7 and 11a describe: the subscriber, or the patient when the relationship is self."""
    if coverage.relationship is Relationship.SELF or coverage.subscriber is None:
        return Subscriber(patient.last_name, patient.first_name, patient.date_of_birth, patient.sex,
                          patient.middle_name, patient.address, patient.primary_phone)
    return coverage.subscriber


def validate_subscriber(s: Subscriber, today: date, prefix: str = "subscriber") -> Subscriber:
    return replace(
        s,
        last_name=validate_person_name(s.last_name, f"{prefix}.last_name", "subscriber's last name"),
        first_name=validate_person_name(s.first_name, f"{prefix}.first_name", "subscriber's first name"),
        middle_name=validate_person_name(s.middle_name, f"{prefix}.middle_name", "subscriber's middle name",
                                         required=False),
        date_of_birth=validate_birth_date(s.date_of_birth, today, f"{prefix}.date_of_birth", "subscriber's"),
        sex=Sex(s.sex),
        address=validate_address(s.address, f"{prefix}.address") if s.address is not None else None,
        phone=validate_phone(s.phone, f"{prefix}.phone") if s.phone.strip() else "",
    )


def validate_coverage(c: Coverage, today: date) -> Coverage:
    """One coverage on its own; `validate_coverage_ranks` checks a patient's coverages together."""
    if not c.payer_id:
        raise DomainError("Choose the payer.", "payer_id")
    rank = Party(c.rank)
    if rank not in INSURANCE_RANKS:
        raise DomainError("A coverage is primary, secondary or tertiary.", "rank")
    member_id = c.member_id.strip().upper().replace(" ", "")
    if not member_id:
        raise DomainError("Enter the member ID from the insurance card (item 1a).", "member_id")
    if not _MEMBER_ID.match(member_id):
        raise DomainError(f"'{c.member_id.strip()}' is not a member ID: 2 to 30 letters, digits or hyphens.",
                          "member_id")
    group = " ".join(c.group_number.upper().split())
    if group and not _GROUP.match(group):
        raise DomainError(f"'{c.group_number.strip()}' is not a group number: up to 30 letters, digits, hyphens.",
                          "group_number")
    relationship = Relationship(c.relationship)
    subscriber: Subscriber | None = None
    if relationship is Relationship.SELF:
        if c.subscriber is not None:
            raise DomainError("The patient is the subscriber (relationship self); clear the other subscriber's "
                              "details or change the relationship.", "relationship")
    elif c.subscriber is None:
        raise DomainError(f"The patient is the subscriber's {relationship.value}: enter the subscriber's name "
                          "and date of birth.", "subscriber.last_name")
    else:
        subscriber = validate_subscriber(c.subscriber, today)
    if c.effective_from and c.effective_to and c.effective_to < c.effective_from:
        raise DomainError(f"The coverage ends ({format_date(c.effective_to)}) before it starts "
                          f"({format_date(c.effective_from)}).", "effective_to")
    if isinstance(c.copay_cents, bool) or not isinstance(c.copay_cents, int) or c.copay_cents < 0:
        raise DomainError("The copay is $0.00 or more.", "copay_cents")
    return replace(c, rank=rank, member_id=member_id, group_number=group, relationship=relationship,
                   subscriber=subscriber, plan_name=" ".join(c.plan_name.split()))


def coverages_on(coverages: Iterable[Coverage], day: date) -> list[Coverage]:
    """The coverages in effect on a day, primary first."""
    return sorted((c for c in coverages if c.active_on(day)), key=lambda c: INSURANCE_RANKS.index(c.rank))


def validate_coverage_ranks(coverages: Sequence[Coverage]) -> None:
    """On every day, the coverages in effect hold distinct ranks with no gap: no secondary without a
    primary, no tertiary without a secondary. Raises naming the first coverage that breaks it."""
    points: set[date] = set()
    for c in coverages:
        points.add(c.effective_from or date.min)
        if c.effective_to is not None and c.effective_to < date.max:
            points.add(c.effective_to + timedelta(days=1))
    for day in sorted(points):
        active = [(i, c) for i, c in enumerate(coverages) if c.active_on(day)]
        held: dict[Party, int] = {}
        for i, c in active:
            if c.rank in held:
                other = coverages[held[c.rank]]
                raise DomainError(
                    f"Two {c.rank.value} coverages are in effect together{_on(day)} (member IDs {other.member_id} "
                    f"and {c.member_id}); end the older one or change one's rank.", f"coverages[{i}].rank")
            held[c.rank] = i
        for position, rank in enumerate(INSURANCE_RANKS[1:], start=1):
            if rank in held and INSURANCE_RANKS[position - 1] not in held:
                missing = INSURANCE_RANKS[position - 1].value
                raise DomainError(
                    f"There is a {rank.value} coverage (member ID {coverages[held[rank]].member_id}) but no "
                    f"{missing} coverage{_on(day)}; make it {missing} or add the {missing} coverage first.",
                    f"coverages[{held[rank]}].rank")


def _on(day: date) -> str:
    return "" if day == date.min else f" from {format_date(day)}"


# --- eligibility ---------------------------------------------------------------------------------------

class EligibilityMethod(StrEnum):
    PHONE = "phone"
    PORTAL = "portal"
    ELECTRONIC = "electronic"  # a 270/271 inquiry


@dataclass(frozen=True, slots=True)
class EligibilityCheck:
    coverage_id: str
    checked_on: date
    checked_by: str  # the user's name
    method: EligibilityMethod
    active: bool
    copay_cents: int | None = None
    deductible_remaining_cents: int | None = None
    out_of_pocket_remaining_cents: int | None = None
    reference_number: str = ""  # the call or transaction reference the payer gave
    note: str = ""
    id: str = field(default_factory=new_id)


def validate_eligibility_check(check: EligibilityCheck, today: date) -> EligibilityCheck:
    if not check.coverage_id:
        raise DomainError("Choose the coverage that was checked.", "coverage_id")
    if check.checked_on > today:
        raise DomainError("An eligibility check can't be dated in the future.", "checked_on")
    if not check.checked_by.strip():
        raise DomainError("Record who checked eligibility.", "checked_by")
    for name, label in (("copay_cents", "copay"), ("deductible_remaining_cents", "deductible remaining"),
                        ("out_of_pocket_remaining_cents", "out-of-pocket remaining")):
        value = getattr(check, name)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            raise DomainError(f"The {label} is $0.00 or more (leave it empty if the payer didn't say).", name)
    reference = check.reference_number.strip()
    if len(reference) > 50:
        raise DomainError("The reference number is longer than 50 characters.", "reference_number")
    if len(check.note) > 2000:
        raise DomainError("The note is longer than 2,000 characters.", "note")
    return replace(check, method=EligibilityMethod(check.method), checked_by=check.checked_by.strip(),
                   reference_number=reference, note=check.note.strip())


def latest_check(checks: Iterable[EligibilityCheck], coverage_id: str) -> EligibilityCheck | None:
    mine = [c for c in checks if c.coverage_id == coverage_id]
    return max(mine, key=lambda c: (c.checked_on, c.id)) if mine else None


def eligibility_warning(coverage: Coverage, checks: Iterable[EligibilityCheck], today: date,
                        max_age_days: int) -> str | None:
    """What to tell the front desk at check-in about this coverage; None when a recent check found it
    active. `max_age_days` is the practice setting `eligibility_max_age_days`."""
    what = f"The {coverage.rank.value} coverage (member ID {coverage.member_id})"
    if not coverage.active_on(today):
        if coverage.effective_to is not None and coverage.effective_to < today:
            return f"{what} ended on {format_date(coverage.effective_to)}; ask for the current insurance card."
        start = coverage.effective_from or today
        return f"{what} starts on {format_date(start)}, after today; check the dates on the card."
    last = latest_check(checks, coverage.id)
    if last is None:
        return f"{what} has never been checked for eligibility; check it before the visit."
    age = (today - last.checked_on).days
    if not last.active:
        return (f"{what} was found inactive on {format_date(last.checked_on)}; check again or ask for "
                "other insurance.")
    if age > max_age_days:
        return (f"{what} was last checked {age} days ago ({format_date(last.checked_on)}); the practice asks "
                f"for a check every {max_age_days} days.")
    return None
