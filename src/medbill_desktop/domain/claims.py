"""The claim lifecycle (DESIGN §4) as one declared table of transitions.

    draft -> ready (the scrubber passed) -> submitted (printed or exported; each submission recorded)
    ready -> draft (unready: what it was built on changed, e.g. the primary's payment was reversed)
    submitted -> accepted | rejected (front-end rejection: fix it, then resubmit -> ready)
    submitted | accepted | appealed -> paid | partially_paid | denied (adjudicated, again after an appeal)
    partially_paid | denied -> paid, denied -> partially_paid (a further payment: the payer reprocessed it)
    partially_paid | denied -> appealed
    paid | partially_paid | denied -> closed
    paid | partially_paid | denied | appealed | closed -> accepted (reopened: the payment was reversed)
    submitted onwards -> ready as a replacement (frequency 7) or a void (frequency 8), with the payer's
    reference of the original claim (item 22 / CLM05-3); the corrected claim is then sent like any other.

Every transition names the permission whoever does it needs and what it requires; `check_transition` is the
one place that decides whether a claim may move.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.roles import Permission, Role, require
from medbill_desktop.domain.scrubber import ClaimFrequency


class ClaimStatus(StrEnum):
    DRAFT = "draft"
    READY = "ready"
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    PAID = "paid"
    PARTIALLY_PAID = "partially_paid"
    DENIED = "denied"
    APPEALED = "appealed"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class Action(StrEnum):
    MARK_READY = "mark_ready"
    SUBMIT = "submit"
    ACCEPT = "accept"
    REJECT = "reject"
    RESUBMIT = "resubmit"
    PAY = "pay"
    PAY_PARTIALLY = "pay_partially"
    DENY = "deny"
    APPEAL = "appeal"
    CLOSE = "close"
    REPLACE = "replace"
    VOID = "void"
    REOPEN = "reopen"
    UNREADY = "unready"


class Need(StrEnum):
    """What a transition requires besides the permission."""

    SCRUB_CLEAN = "the scrubber finds no errors"
    SUBMISSION = "a recorded submission (printed or exported)"
    REASON = "the reason, in words"
    PAYER_REFERENCE = "the payer's claim number of the original claim"


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    sources: frozenset[ClaimStatus]
    target: ClaimStatus
    permission: Permission
    needs: frozenset[Need]
    verb: str  # for messages: "mark ready", "record a rejection for" ...
    frequency: ClaimFrequency | None = None  # the claim's frequency after the transition (None: unchanged)


S = ClaimStatus
_ADJUDICATION_SOURCES = frozenset({S.SUBMITTED, S.ACCEPTED, S.APPEALED})
_FROM_SUBMITTED_ON = frozenset({S.SUBMITTED, S.ACCEPTED, S.PAID, S.PARTIALLY_PAID, S.DENIED, S.APPEALED,
                                S.CLOSED})
_CLAIMS = Permission.MANAGE_CLAIMS


def _t(action: Action, sources: set[ClaimStatus], target: ClaimStatus, needs: set[Need], verb: str,
       frequency: ClaimFrequency | None = None) -> Transition:
    return Transition(action, frozenset(sources), target, _CLAIMS, frozenset(needs), verb, frequency)


TRANSITIONS: tuple[Transition, ...] = (
    _t(Action.MARK_READY, {S.DRAFT}, S.READY, {Need.SCRUB_CLEAN}, "mark ready"),
    _t(Action.SUBMIT, {S.READY}, S.SUBMITTED, {Need.SCRUB_CLEAN, Need.SUBMISSION}, "submit"),
    _t(Action.ACCEPT, {S.SUBMITTED}, S.ACCEPTED, set(), "record the payer's acceptance of"),
    _t(Action.REJECT, {S.SUBMITTED}, S.REJECTED, {Need.REASON}, "record a rejection of"),
    _t(Action.RESUBMIT, {S.REJECTED}, S.READY, {Need.SCRUB_CLEAN}, "resubmit"),
    _t(Action.PAY, {*_ADJUDICATION_SOURCES, S.PARTIALLY_PAID, S.DENIED}, S.PAID, set(), "record payment in full of"),
    _t(Action.PAY_PARTIALLY, {*_ADJUDICATION_SOURCES, S.DENIED}, S.PARTIALLY_PAID, set(),
       "record a partial payment of"),
    _t(Action.DENY, set(_ADJUDICATION_SOURCES), S.DENIED, {Need.REASON}, "record a denial of"),
    _t(Action.APPEAL, {S.PARTIALLY_PAID, S.DENIED}, S.APPEALED, {Need.REASON}, "appeal"),
    _t(Action.CLOSE, {S.PAID, S.PARTIALLY_PAID, S.DENIED}, S.CLOSED, set(), "close"),
    _t(Action.REPLACE, set(_FROM_SUBMITTED_ON), S.READY, {Need.SCRUB_CLEAN, Need.PAYER_REFERENCE},
       "replace", ClaimFrequency.REPLACEMENT),
    _t(Action.VOID, set(_FROM_SUBMITTED_ON), S.READY, {Need.SCRUB_CLEAN, Need.PAYER_REFERENCE, Need.REASON},
       "void", ClaimFrequency.VOID),
    _t(Action.REOPEN, {S.PAID, S.PARTIALLY_PAID, S.DENIED, S.APPEALED, S.CLOSED}, S.ACCEPTED, {Need.REASON},
       "reopen"),
    _t(Action.UNREADY, {S.READY}, S.DRAFT, {Need.REASON}, "move back to draft"),
)
TRANSITIONS_BY_ACTION: dict[Action, Transition] = {t.action: t for t in TRANSITIONS}


def allowed_actions(status: ClaimStatus) -> list[Action]:
    """What can be done with a claim in this state, in table order."""
    return [t.action for t in TRANSITIONS if status in t.sources]


@dataclass(frozen=True, slots=True)
class Facts:
    """What the caller knows when asking for a transition."""

    scrub_errors: tuple[str, ...] = ()  # the scrubber's error messages (empty: clean)
    submission: bool = False  # a submission (print or 837P) is being recorded with the move
    reason: str = ""
    payer_reference: str = ""


def check_transition(claim_number: str, status: ClaimStatus, action: Action, role: Role,
                     facts: Facts = Facts()) -> Transition:
    """The transition, when this role may do it to a claim in this state with these facts; else DomainError
    (PermissionDenied for the role) saying why."""
    t = TRANSITIONS_BY_ACTION[Action(action)]
    require(role, t.permission)
    if status not in t.sources:
        can = ", ".join(a.value.replace("_", " ") for a in allowed_actions(status)) or "nothing more"
        raise DomainError(f"Claim {claim_number} is {status.label}: you can't {t.verb} it now "
                          f"(what can be done: {can}).", "status")
    if Need.REASON in t.needs and not facts.reason.strip():
        raise DomainError(f"Say why, to {t.verb} claim {claim_number}.", "reason")
    if Need.PAYER_REFERENCE in t.needs and not facts.payer_reference.strip():
        raise DomainError(f"To {t.verb} claim {claim_number}, enter the payer's claim number of the original "
                          "claim (item 22; it is on the payer's remittance or acknowledgement).", "payer_reference")
    if Need.SUBMISSION in t.needs and not facts.submission:
        raise DomainError(f"Claim {claim_number} is submitted by printing it or exporting it as an 837P.",
                          "submission")
    if Need.SCRUB_CLEAN in t.needs and facts.scrub_errors:
        raise DomainError(scrub_refusal(claim_number, facts.scrub_errors, t.verb), "scrubber")
    return t


def scrub_refusal(claim_number: str, messages: tuple[str, ...] | list[str], verb: str) -> str:
    n = len(messages)
    listed = "\n".join(f"- {m}" for m in messages)
    return (f"Claim {claim_number} can't {verb}: the scrubber found {n} error{'s' if n != 1 else ''}.\n"
            f"{listed}")
