"""Patients: demographics, guarantor, duplicate detection at registration, and the parsing of what a
user types into the patient search box."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.names import name_key, validate_person_name
from medbill_desktop.domain.practice import Address, validate_address, validate_phone

MAX_AGE_YEARS = 125
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
SUFFIXES = ("JR", "SR", "II", "III", "IV", "V")


class Sex(StrEnum):
    """Item 3 (and 11a for the insured). U: not known; the paper boxes stay blank."""

    FEMALE = "F"
    MALE = "M"
    UNKNOWN = "U"


def format_date(d: date) -> str:
    """The US form people read: 03/07/1980."""
    return d.strftime("%m/%d/%Y")


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year - years, day=28)


def validate_birth_date(dob: date | None, today: date, field: str = "date_of_birth",
                        whose: str = "patient's") -> date:
    if dob is None:
        raise DomainError(f"Enter the {whose} date of birth.", field)
    if dob > today:
        raise DomainError(f"The {whose} date of birth {format_date(dob)} is in the future; check the year.", field)
    if dob < years_before(today, MAX_AGE_YEARS):
        raise DomainError(
            f"The {whose} date of birth {format_date(dob)} is more than {MAX_AGE_YEARS} years ago; "
            "check the year.", field)
    return dob


def _optional_phone(text: str, field: str) -> str:
    return validate_phone(text, field) if text.strip() else ""


class GuarantorRelationship(StrEnum):
    """The guarantor's relationship to the patient (a patient who pays their own bills has no guarantor)."""

    SPOUSE = "spouse"
    PARENT = "parent"
    GUARDIAN = "guardian"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Guarantor:
    """Another person responsible for the patient's bills; statements go to them."""

    last_name: str
    first_name: str
    relationship: GuarantorRelationship
    address: Address
    phone: str = ""
    date_of_birth: date | None = None
    patient_id: str | None = None  # when the guarantor is also a patient of the practice

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


def validate_guarantor(g: Guarantor, today: date, prefix: str = "guarantor") -> Guarantor:
    return replace(
        g,
        last_name=validate_person_name(g.last_name, f"{prefix}.last_name", "guarantor's last name"),
        first_name=validate_person_name(g.first_name, f"{prefix}.first_name", "guarantor's first name"),
        relationship=GuarantorRelationship(g.relationship),
        address=validate_address(g.address, f"{prefix}.address"),
        phone=_optional_phone(g.phone, f"{prefix}.phone"),
        date_of_birth=(validate_birth_date(g.date_of_birth, today, f"{prefix}.date_of_birth", "guarantor's")
                       if g.date_of_birth is not None else None),
    )


@dataclass(frozen=True, slots=True)
class Patient:
    last_name: str
    first_name: str
    date_of_birth: date | None = None
    sex: Sex = Sex.UNKNOWN
    middle_name: str = ""
    suffix: str = ""  # JR, SR, II, III, IV, V
    address: Address | None = None
    home_phone: str = ""
    cell_phone: str = ""
    work_phone: str = ""
    email: str = ""
    account_number: str = ""  # the human number, allocated by the service
    guarantor: Guarantor | None = None  # None: the patient is their own guarantor
    release_signed_on: date | None = None  # item 12: release of information signed and on file
    id: str = field(default_factory=new_id)

    @property
    def phones(self) -> tuple[str, ...]:
        return tuple(p for p in (self.cell_phone, self.home_phone, self.work_phone) if p)

    @property
    def primary_phone(self) -> str:
        """The number printed in item 5: home, else cell, else work."""
        return self.home_phone or self.cell_phone or self.work_phone

    @property
    def display_name(self) -> str:
        """'Smith, John A' as lists show it."""
        first = " ".join(p for p in (self.first_name, self.middle_name[:1]) if p)
        suffix = f" {self.suffix}" if self.suffix else ""
        return f"{self.last_name}{suffix}, {first}"


def validate_patient(p: Patient, today: date) -> Patient:
    """Registration rules: name and date of birth are required; everything typed is checked."""
    suffix = p.suffix.strip().upper().rstrip(".")
    if suffix and suffix not in SUFFIXES:
        raise DomainError(f"'{p.suffix}' is not a name suffix; use one of {', '.join(SUFFIXES)}.", "suffix")
    email = p.email.strip()
    if email and not _EMAIL.match(email):
        raise DomainError(f"'{email}' is not an email address.", "email")
    if p.release_signed_on is not None and p.release_signed_on > today:
        raise DomainError("The release of information can't be signed in the future.", "release_signed_on")
    return replace(
        p,
        last_name=validate_person_name(p.last_name, "last_name", "patient's last name"),
        first_name=validate_person_name(p.first_name, "first_name", "patient's first name"),
        middle_name=validate_person_name(p.middle_name, "middle_name", "patient's middle name", required=False),
        suffix=suffix,
        date_of_birth=validate_birth_date(p.date_of_birth, today),
        sex=Sex(p.sex),
        address=validate_address(p.address) if p.address is not None else None,
        home_phone=_optional_phone(p.home_phone, "home_phone"),
        cell_phone=_optional_phone(p.cell_phone, "cell_phone"),
        work_phone=_optional_phone(p.work_phone, "work_phone"),
        email=email,
        guarantor=validate_guarantor(p.guarantor, today) if p.guarantor is not None else None,
    )


# --- duplicates ----------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class DuplicateCandidate:
    patient: Patient
    reasons: tuple[str, ...]


def _one_edit_apart(a: str, b: str) -> bool:
    """At most one insertion, deletion, substitution or swap of neighbours."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diffs) == 1 or (
            len(diffs) == 2 and diffs[1] == diffs[0] + 1 and a[diffs[0]] == b[diffs[1]] and a[diffs[1]] == b[diffs[0]])
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def _similar_last_names(a: str, b: str) -> bool:
    """A typo (Smith / Smyth), or one name is part of the other (Garcia / Garcia-Lopez)."""
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    parts_a = {name_key(w) for w in re.split(r"[\s\-]+", a)} - {""}
    parts_b = {name_key(w) for w in re.split(r"[\s\-]+", b)} - {""}
    return _one_edit_apart(ka, kb) or bool(parts_a & parts_b) or ka in parts_b or kb in parts_a


def duplicate_reasons(new: Patient, existing: Patient) -> tuple[str, ...]:
    """Why `existing` may be the same person as `new`, in words for the warning; empty when nothing matches."""
    reasons: list[str] = []
    same_last = name_key(new.last_name) == name_key(existing.last_name) and bool(name_key(new.last_name))
    same_dob = new.date_of_birth is not None and new.date_of_birth == existing.date_of_birth
    if same_last and same_dob:
        reasons.append("same last name and date of birth")
    same_first = name_key(new.first_name) == name_key(existing.first_name) and bool(name_key(new.first_name))
    shared_phone = set(new.phones) & set(existing.phones)
    if same_last and same_first and shared_phone:
        reasons.append("same first and last name and phone number")
    initial_new, initial_old = name_key(new.first_name)[:1], name_key(existing.first_name)[:1]
    if (not same_last and same_dob and initial_new and initial_new == initial_old
            and _similar_last_names(new.last_name, existing.last_name)):
        reasons.append(f"similar last name ({new.last_name} / {existing.last_name}), same first initial and "
                       "date of birth")
    return tuple(reasons)


def duplicate_candidates(new: Patient, existing: Iterable[Patient]) -> list[DuplicateCandidate]:
    """Existing patients that may be the person being registered (the record itself is skipped)."""
    found: list[DuplicateCandidate] = []
    for other in existing:
        if other.id == new.id:
            continue
        reasons = duplicate_reasons(new, other)
        if reasons:
            found.append(DuplicateCandidate(other, reasons))
    return found


# --- the search box ------------------------------------------------------------------------------------

class QueryKind(StrEnum):
    EMPTY = "empty"
    INCOMPLETE = "incomplete"  # a date or number still being typed: wait for more
    NAME = "name"
    BIRTH_DATE = "birth_date"
    ACCOUNT = "account"
    PHONE = "phone"


@dataclass(frozen=True, slots=True)
class PatientQuery:
    """What the user asked for. Names are `name_key` prefixes; phone digits match anywhere in a number;
    account numbers match as a prefix."""

    kind: QueryKind
    last: str = ""
    first: str = ""
    either_order: bool = False  # "john smith": the words may be first-then-last or last-then-first
    birth_date: date | None = None
    account_number: str = ""
    phone_digits: str = ""


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_PARTIAL_DATE = re.compile(r"^(\d{1,2}/(\d{1,2}(/\d{0,3})?)?|\d{4}-(\d{1,2}(-\d?)?)?)$")
_ACCOUNT = re.compile(r"^[A-Za-z]{2,4}\d+$")
_PHONE_CHARS = re.compile(r"^[\d\s().+\-]+$")
MIN_PHONE_DIGITS = 3

SEARCH_HELP = "Search by name (last, first), date of birth (MM/DD/YYYY), account number or phone."


def _date_or_error(text: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DomainError(f"'{text}' is not a date; type a date of birth as MM/DD/YYYY.", "query") from None


def parse_patient_query(text: str) -> PatientQuery:
    """Turn what was typed into a structured query (pure parsing; the search runs elsewhere)."""
    typed = text.strip()
    if not typed:
        return PatientQuery(QueryKind.EMPTY)
    if m := _US_DATE.match(typed):
        return PatientQuery(QueryKind.BIRTH_DATE,
                            birth_date=_date_or_error(typed, int(m[3]), int(m[1]), int(m[2])))
    if m := _ISO_DATE.match(typed):
        return PatientQuery(QueryKind.BIRTH_DATE,
                            birth_date=_date_or_error(typed, int(m[1]), int(m[2]), int(m[3])))
    if _PARTIAL_DATE.match(typed) and ("/" in typed or "-" in typed):
        return PatientQuery(QueryKind.INCOMPLETE)
    if _ACCOUNT.match(typed):
        return PatientQuery(QueryKind.ACCOUNT, account_number=typed.upper())
    if _PHONE_CHARS.match(typed):
        d = "".join(ch for ch in typed if ch.isdigit())
        if len(d) == 11 and d.startswith("1"):
            d = d[1:]
        if len(d) < MIN_PHONE_DIGITS:
            return PatientQuery(QueryKind.INCOMPLETE)
        return PatientQuery(QueryKind.PHONE, phone_digits=d)
    if any(ch.isdigit() for ch in typed):
        raise DomainError(SEARCH_HELP, "query")
    if "," in typed:
        last, _, first = typed.partition(",")
        return PatientQuery(QueryKind.NAME, last=name_key(last), first=name_key(first))
    words = typed.split()
    if len(words) == 1:
        return PatientQuery(QueryKind.NAME, last=name_key(words[0]))
    return PatientQuery(QueryKind.NAME, last=name_key(" ".join(words[1:])), first=name_key(words[0]),
                        either_order=True)
