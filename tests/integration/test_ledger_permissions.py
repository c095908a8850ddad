"""Who may move money between responsible parties: the services decide, not the GUI."""

from datetime import date

import pytest

from medbill_desktop.domain import ledger as L
from medbill_desktop.domain.errors import PermissionDenied
from medbill_desktop.domain.roles import Role
from medbill_desktop.services import ledger

DOS = date(2026, 10, 5)
PRIMARY = L.receivable("line-1", L.Party.PRIMARY, "acct-1")
PATIENT = L.receivable("line-1", L.Party.PATIENT, "acct-1")


def test_front_desk_cannot_move_an_insurance_balance_but_can_apply_patient_credit(workstation, sign_in_as) -> None:
    ledger.post(workstation, L.charge("line-1", L.Party.PRIMARY, "acct-1", 12000, DOS))
    ledger.post(workstation, L.transfer(PRIMARY, PATIENT, 2000, DOS, "coinsurance"))
    sign_in_as(Role.FRONT_DESK)
    before = ledger.totals(workstation)

    with pytest.raises(PermissionDenied, match="front desk user may not post insurance payments"):
        ledger.post(workstation, L.transfer(PRIMARY, PATIENT, 1000, DOS))
    assert ledger.totals(workstation) == before

    ledger.post(workstation, L.payment("drawer-1", [], DOS, to_credit=2000, credit_account="acct-1"))
    ledger.post(workstation, L.apply_credit("acct-1", PATIENT, 2000, DOS))
    assert ledger.balances(workstation, [PRIMARY, PATIENT, L.patient_credit("acct-1")]) == {
        PRIMARY: 10000, PATIENT: 0, L.patient_credit("acct-1"): 0,
    }
