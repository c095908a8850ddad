"""Set-up for the statement, payment plan and collections tests: patients who owe something, made through the
real services (finalized visits; self-pay visits post straight to the patient; insured ones are posted from a
paper EOB through the posting core).

    john = desk.patient("Smith", "John")
    owe(desk, john, 5000, days_ago=45)          # a self-pay visit of $50.00, 45 days before today
"""

from __future__ import annotations

from datetime import date

from account_support import Visit, seen
from front_desk_support import Desk

from medbill_desktop.domain.patients import Guarantor, GuarantorRelationship, Patient
from medbill_desktop.domain.practice import Address

PARENT_ADDRESS = Address("77 Elm St", "Springfield", "IL", "627041234", "Unit B")


def owe(desk: Desk, patient: Patient, cents: int, days_ago: int = 10, code: str = "99213") -> Visit:
    """A finalized self-pay visit with one line of `cents`: the patient owes it."""
    return seen(desk, patient, ((code, cents),), days_ago=days_ago)


def parent(relationship: GuarantorRelationship = GuarantorRelationship.PARENT, last: str = "Rivera",
           first: str = "Ana", patient_id: str | None = None) -> Guarantor:
    """A guarantor typed in by hand (not a patient of the practice)."""
    return Guarantor(last, first, relationship, PARENT_ADDRESS, "(217) 555-0142", date(1980, 4, 2), patient_id)
