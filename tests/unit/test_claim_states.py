"""The claim lifecycle table, transition by transition: allowed from its sources, refused from every other
state, refused for a role without the permission, and refused when what it requires is missing."""

from __future__ import annotations

import pytest

from medbill_desktop.domain.claims import (
    TRANSITIONS,
    Action,
    ClaimStatus,
    Facts,
    Need,
    allowed_actions,
    check_transition,
)
from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.scrubber import ClaimFrequency

S = ClaimStatus
FULL = Facts(submission=True, reason="payer asked", payer_reference="PAYER123")

EXPECTED = {  # action: (sources, target)
    Action.MARK_READY: ({S.DRAFT}, S.READY),
    Action.SUBMIT: ({S.READY}, S.SUBMITTED),
    Action.ACCEPT: ({S.SUBMITTED}, S.ACCEPTED),
    Action.REJECT: ({S.SUBMITTED}, S.REJECTED),
    Action.RESUBMIT: ({S.REJECTED}, S.READY),
    Action.PAY: ({S.SUBMITTED, S.ACCEPTED, S.APPEALED, S.PARTIALLY_PAID, S.DENIED}, S.PAID),
    Action.PAY_PARTIALLY: ({S.SUBMITTED, S.ACCEPTED, S.APPEALED, S.DENIED}, S.PARTIALLY_PAID),
    Action.DENY: ({S.SUBMITTED, S.ACCEPTED, S.APPEALED}, S.DENIED),
    Action.APPEAL: ({S.PARTIALLY_PAID, S.DENIED}, S.APPEALED),
    Action.CLOSE: ({S.PAID, S.PARTIALLY_PAID, S.DENIED}, S.CLOSED),
    Action.REPLACE: ({S.SUBMITTED, S.ACCEPTED, S.PAID, S.PARTIALLY_PAID, S.DENIED, S.APPEALED, S.CLOSED}, S.READY),
    Action.VOID: ({S.SUBMITTED, S.ACCEPTED, S.PAID, S.PARTIALLY_PAID, S.DENIED, S.APPEALED, S.CLOSED}, S.READY),
    Action.REOPEN: ({S.PAID, S.PARTIALLY_PAID, S.DENIED, S.APPEALED, S.CLOSED}, S.ACCEPTED),
    Action.UNREADY: ({S.READY}, S.DRAFT),
}


def test_the_table_declares_each_action_once_with_the_expected_moves() -> None:
    assert [t.action for t in TRANSITIONS] == list(EXPECTED)
    for t in TRANSITIONS:
        assert (set(t.sources), t.target) == EXPECTED[t.action], t.action


@pytest.mark.parametrize("action", list(EXPECTED))
def test_allowed_from_each_source_for_a_biller(action: Action) -> None:
    sources, target = EXPECTED[action]
    for source in sources:
        t = check_transition("C1", source, action, Role.BILLER, FULL)
        assert t.target is target
        assert action in allowed_actions(source)


@pytest.mark.parametrize("action", list(EXPECTED))
def test_refused_from_every_other_state(action: Action) -> None:
    sources, _ = EXPECTED[action]
    for status in set(ClaimStatus) - sources:
        with pytest.raises(DomainError, match=f"Claim C1 is {status.label}: you can't") as info:
            check_transition("C1", status, action, Role.MANAGER, FULL)
        assert info.value.field == "status"


@pytest.mark.parametrize("action", list(EXPECTED))
def test_refused_for_the_front_desk(action: Action) -> None:
    source = sorted(EXPECTED[action][0])[0]
    with pytest.raises(PermissionDenied, match="front desk user may not manage claims"):
        check_transition("C1", source, action, Role.FRONT_DESK, FULL)


@pytest.mark.parametrize("action", [t.action for t in TRANSITIONS if t.needs])
def test_refused_when_a_requirement_is_missing(action: Action) -> None:
    t = next(t for t in TRANSITIONS if t.action is action)
    source = sorted(t.sources)[0]
    for need in t.needs:
        facts = Facts(submission=need is not Need.SUBMISSION, reason="" if need is Need.REASON else "why",
                      payer_reference="" if need is Need.PAYER_REFERENCE else "REF1",
                      scrub_errors=("The patient's date of birth is missing (item 3).",)
                      if need is Need.SCRUB_CLEAN else ())
        with pytest.raises(DomainError) as info:
            check_transition("C7", source, action, Role.BILLER, facts)
        assert "C7" in str(info.value)
        if need is Need.SCRUB_CLEAN:
            assert "the scrubber found 1 error" in str(info.value)
            assert "- The patient's date of birth is missing (item 3)." in str(info.value)


def test_replace_and_void_set_the_frequency_and_need_the_payer_reference() -> None:
    replace = check_transition("C1", S.PAID, Action.REPLACE, Role.BILLER, Facts(payer_reference="R9"))
    void = check_transition("C1", S.ACCEPTED, Action.VOID, Role.BILLER, Facts(payer_reference="R9", reason="dup"))
    assert (replace.frequency, void.frequency) == (ClaimFrequency.REPLACEMENT, ClaimFrequency.VOID)
    with pytest.raises(DomainError, match="payer's claim number of the original claim"):
        check_transition("C1", S.PAID, Action.REPLACE, Role.BILLER, Facts())


def test_draft_and_ready_claims_cannot_be_voided_or_replaced() -> None:
    for status in (S.DRAFT, S.READY, S.REJECTED):
        assert Action.VOID not in allowed_actions(status) and Action.REPLACE not in allowed_actions(status)
