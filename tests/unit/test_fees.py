"""Fee schedule and contracted allowed amounts: lookups fall back from the modifier to no modifier."""

from __future__ import annotations

import pytest

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.fees import (
    AllowedEntry,
    FeeEntry,
    allowed_for,
    charge_for,
    contracted_rates,
    fee_schedule,
    line_charge,
)

SCHEDULE = fee_schedule([
    FeeEntry("99213", 12500),
    FeeEntry("99214", 18500),
    FeeEntry("73562", 9500),  # knee X-ray, global
    FeeEntry("73562", 3000, "26"),  # professional component
    FeeEntry("73562", 6500, "tc"),  # technical component
    FeeEntry("j3301", 600),  # triamcinolone, per 10 mg
])
RATES = contracted_rates([
    AllowedEntry("payer-medicare", "99213", 9211),
    AllowedEntry("payer-medicare", "73562", 1402, "26"),
    AllowedEntry("payer-medicare", "73562", 3875),
    AllowedEntry("payer-keystone", "99213", 10400),
])


def test_charge_uses_the_modifier_entry_then_falls_back_to_no_modifier() -> None:
    assert charge_for(SCHEDULE, "73562", ("26",)) == 3000
    assert charge_for(SCHEDULE, "73562", ("TC",)) == 6500
    assert charge_for(SCHEDULE, "73562", ()) == 9500
    assert charge_for(SCHEDULE, "73562", ("RT",)) == 9500  # no price for RT: the plain price
    assert charge_for(SCHEDULE, "73562", ("RT", "26")) == 3000  # the first modifier with a price wins
    assert charge_for(SCHEDULE, "99214", ("25",)) == 18500
    assert charge_for(SCHEDULE, "J3301") == 600
    assert charge_for(SCHEDULE, "99215") is None


def test_line_charge_is_the_unit_charge_times_units() -> None:
    assert line_charge(SCHEDULE, "J3301", (), units=4) == 2400
    assert line_charge(SCHEDULE, "99205", (), units=1) is None


def test_allowed_amounts_are_per_payer_with_the_same_fallback() -> None:
    assert allowed_for(RATES, "payer-medicare", "73562", ("26",)) == 1402
    assert allowed_for(RATES, "payer-medicare", "73562", ("TC",)) == 3875
    assert allowed_for(RATES, "payer-keystone", "99213", ("25",)) == 10400
    assert allowed_for(RATES, "payer-keystone", "73562") is None
    assert allowed_for(RATES, "payer-other", "99213") is None


def test_duplicates_and_bad_entries_are_refused() -> None:
    with pytest.raises(DomainError) as err:
        fee_schedule([FeeEntry("99213", 12500), FeeEntry("99213 ", 13000)])
    assert err.value.message == "99213 is in the fee schedule twice ($125.00 and $130.00); keep one."
    with pytest.raises(DomainError, match="73562-26 has two allowed amounts for the same payer"):
        contracted_rates([AllowedEntry("p", "73562", 1, "26"), AllowedEntry("p", "73562", 2, "26")])
    with pytest.raises(DomainError, match="'9921' is not a CPT or HCPCS code") as err:
        fee_schedule([FeeEntry("9921", 100)])
    assert err.value.field == "procedure"
    with pytest.raises(DomainError, match="'2' is not a modifier"):
        fee_schedule([FeeEntry("99213", 100, "2")])
    with pytest.raises(DomainError, match=r"Fee for 99213-25: the amount must be more than \$0.00") as err:
        fee_schedule([FeeEntry("99213", 0, "25")])
    assert err.value.field == "charge_cents"
    with pytest.raises(DomainError, match="Choose the payer"):
        contracted_rates([AllowedEntry("", "99213", 100)])
    with pytest.raises(DomainError, match="Allowed amount for 99213"):
        contracted_rates([AllowedEntry("p", "99213", -5)])


def test_the_schedule_cannot_be_changed_behind_its_back() -> None:
    with pytest.raises(TypeError):
        SCHEDULE.entries[("99213", "")] = 1  # type: ignore[index]
