"""The claim queue against a real workstation: balances, the lifecycle with its history, printing and 837P
export refused for claims that fail the scrubber, control numbers that move on, and 999 import."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from claims_support import ack_999, finalized_claim, pyx12_ok
from front_desk_support import Desk, make_desk
from sqlalchemy import select

from medbill_desktop.domain.audit import AuditAction
from medbill_desktop.domain.claim_form import CalibrationProfile
from medbill_desktop.domain.claims import Action, ClaimStatus
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.scrubber import ClaimFrequency
from medbill_desktop.services import claims
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage.tables import audit_log, claim_submissions


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def status(desk: Desk, number: str) -> ClaimStatus:
    return next(c.status for c in claims.list_claims(desk.ws) if c.claim_number == number)


def test_list_shows_charges_and_balances_per_claim_and_line(desk: Desk) -> None:
    number = finalized_claim(desk)
    (c,) = claims.list_claims(desk.ws, "draft")
    assert (c.claim_number, c.payer_name, c.status) == (number, "Aetna", ClaimStatus.DRAFT)
    assert (c.charge_cents, c.insurance_balance_cents, c.patient_balance_cents) == (14000, 14000, 0)
    assert [(x.code, x.charge_cents, x.balance_cents, x.date_of_service) for x in c.lines] == [
        ("99213", 12500, 12500, c.date_of_service), ("36415", 1500, 1500, c.date_of_service)]
    assert claims.list_claims(desk.ws, "ready") == []
    with pytest.raises(ServiceError, match="'lost' is not a claim status"):
        claims.list_claims(desk.ws, "lost")


def test_print_moves_the_claim_to_submitted_records_it_and_writes_a_private_pdf(desk: Desk, tmp_path: Path) -> None:
    number = finalized_claim(desk)
    claims.mark_ready(desk.ws, [number])
    assert status(desk, number) is ClaimStatus.READY
    claims.save_calibration_profile(desk.ws, CalibrationProfile("Front desk HP", 5, -3, 1.0, {"24.charges": (2, 0)}))
    out = tmp_path / "claims.pdf"
    result = claims.render_claims_pdf(desk.ws, [number], form="full", profile="Front desk HP", out=out)
    assert result.claim_numbers == (number,)
    assert out.read_bytes() == result.pdf and result.pdf.startswith(b"%PDF")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert status(desk, number) is ClaimStatus.SUBMITTED
    detail = claims.claim_detail(desk.ws, number)
    assert [(h.from_status, h.to_status) for h in detail.history] == [
        (None, "draft"), ("draft", "ready"), ("ready", "submitted")]
    assert [(s.channel, s.file_name) for s in detail.submissions] == [("print", "claims.pdf")]
    with desk.ws.read() as conn:
        actions = conn.execute(select(audit_log.c.action).where(audit_log.c.entity == "claim_batch")).scalars().all()
    assert list(actions) == [AuditAction.PRINT.value]
    # a submitted claim is not printed again as if it were new
    with pytest.raises(ServiceError, match=f"Only draft and ready claims are printed; these are not: {number} "):
        claims.render_claims_pdf(desk.ws, [number])
    with pytest.raises(ServiceError, match="no printer calibration profile named 'Nope'"):
        claims.render_claims_pdf(desk.ws, [number], profile="Nope")


def test_a_claim_that_fails_the_scrubber_is_neither_printed_nor_exported(desk: Desk, clock, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = finalized_claim(desk, "Good")
    claims.mark_ready(desk.ws, [good])
    clock.advance(days=200)  # past Aetna's 180-day filing limit
    late = finalized_claim(desk, "Late")  # same date of service, days_ago=1 from the new today: fine
    assert status(desk, late) is ClaimStatus.DRAFT
    out = tmp_path / "x.pdf"
    with pytest.raises(ServiceError) as info:
        claims.render_claims_pdf(desk.ws, [late, good], out=out)
    message = str(info.value)
    assert message.startswith("1 claim can't be printed: the scrubber found errors; nothing was printed.")
    assert f"Claim {good}:\n- The filing limit passed on" in message
    assert late not in message
    assert not out.exists()
    with pytest.raises(ServiceError, match=f"(?s)Claim {good}:\n- The filing limit passed"):
        claims.export_837(desk.ws, [good], tmp_path / "x.837")
    assert not (tmp_path / "x.837").exists()
    assert (status(desk, good), status(desk, late)) == (ClaimStatus.READY, ClaimStatus.DRAFT)
    with desk.ws.read() as conn:
        assert conn.execute(select(claim_submissions)).first() is None
    with pytest.raises(ServiceError, match="can't be marked ready"):
        claims.mark_ready(desk.ws, [good, late])


def test_export_passes_pyx12_control_numbers_increase_and_a_999_accepts_or_rejects(
        desk: Desk, tmp_path: Path) -> None:
    first, second = finalized_claim(desk, "Alpha"), finalized_claim(desk, "Beta")
    one = claims.export_837(desk.ws, [first], tmp_path / "one.837")
    text = (tmp_path / "one.837").read_text()
    ok, log = pyx12_ok(text)
    assert ok, log
    assert stat.S_IMODE((tmp_path / "one.837").stat().st_mode) == 0o600
    assert f"CLM*{first}*140*" in text
    claims.mark_ready(desk.ws, [second])
    two = claims.export_837(desk.ws, None, tmp_path / "two.837")  # every ready electronic claim
    assert two.claim_numbers == (second,)
    assert (int(one.interchange_control), int(one.transaction_control)) == (1, 1)
    assert (int(two.interchange_control), int(two.transaction_control)) == (2, 2)
    assert (status(desk, first), status(desk, second)) == (ClaimStatus.SUBMITTED, ClaimStatus.SUBMITTED)

    result = claims.import_999(desk.ws, ack_999(one.transaction_control, one.group_control, accepted=True))
    assert result.accepted == (first,) and result.rejected == ()
    result = claims.import_999(desk.ws, ack_999(two.transaction_control, two.group_control, accepted=False))
    assert [n for n, _ in result.rejected] == [second]
    assert (status(desk, first), status(desk, second)) == (ClaimStatus.ACCEPTED, ClaimStatus.REJECTED)
    history = claims.claim_detail(desk.ws, second).history
    assert history[-1].to_status == "rejected" and history[-1].note.startswith("999: Transaction set 0002: rejected")
    assert claims.import_999(desk.ws, ack_999("0099", "99", accepted=True)).unmatched == ("0099",)

    # fix and resubmit, then the payer's way to paid, appeal, close
    claims.mark_ready(desk.ws, [second])
    assert status(desk, second) is ClaimStatus.READY
    claims.transition(desk.ws, first, Action.DENY, reason="CO-16 missing information")
    claims.transition(desk.ws, first, Action.APPEAL, reason="records attached")
    claims.transition(desk.ws, first, Action.PAY)
    claims.transition(desk.ws, first, Action.CLOSE)
    assert status(desk, first) is ClaimStatus.CLOSED
    with pytest.raises(DomainError, match=f"Claim {second} is ready: you can't record a rejection of it now"):
        claims.transition(desk.ws, second, Action.REJECT, reason="x")


def test_replace_and_void_carry_the_payer_reference_into_the_837(desk: Desk, tmp_path: Path) -> None:
    number = finalized_claim(desk)
    claims.export_837(desk.ws, [number], tmp_path / "a.837")
    with pytest.raises(DomainError, match="payer's claim number of the original claim"):
        claims.replace_claim(desk.ws, number, "")
    c = claims.replace_claim(desk.ws, number, "PAY123456", "corrected units")
    assert (c.status, c.frequency, c.original_reference) == (ClaimStatus.READY, ClaimFrequency.REPLACEMENT,
                                                             "PAY123456")
    claims.export_837(desk.ws, [number], tmp_path / "b.837")
    text = (tmp_path / "b.837").read_text()
    assert pyx12_ok(text)[0]
    assert "REF*F8*PAY123456~" in text and ":7*" in text
    c = claims.void_claim(desk.ws, number, "PAY123456", "billed the wrong patient")
    assert c.frequency is ClaimFrequency.VOID
    claims.export_837(desk.ws, [number], tmp_path / "c.837")
    text = (tmp_path / "c.837").read_text()
    assert pyx12_ok(text)[0] and ":8*" in text


def test_notes_follow_up_and_permissions(desk: Desk, sign_in_as) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from medbill_desktop.domain.errors import PermissionDenied
    from medbill_desktop.domain.roles import Role

    number = finalized_claim(desk)
    claims.add_note(desk.ws, number, "Called Aetna, 30 days.")
    claims.set_follow_up(desk.ws, number, date(2026, 12, 1))
    detail = claims.claim_detail(desk.ws, number)
    assert [n.text for n in detail.notes] == ["Called Aetna, 30 days."]
    assert detail.claim.follow_up_on == date(2026, 12, 1)
    sign_in_as(Role.FRONT_DESK)
    with pytest.raises(PermissionDenied):
        claims.mark_ready(desk.ws, [number])
