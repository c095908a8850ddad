"""Claim facts charge entry does not record (items 10a-d, 11b, 16, 17a, 18, 19, 20 and PWK attachments): stored
per encounter by migration 0006, checked on save, printed on the CMS-1500 and sent in the 837P; printing that
records the submission only once the job went out; exports split into several transaction sets."""

from __future__ import annotations

import io
import secrets
from datetime import date
from pathlib import Path

import pdfplumber
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from claims_support import ack_999, finalized_claim, pyx12_ok
from front_desk_support import Desk, make_desk

from medbill_desktop.domain.claim_form import Attachment, ClaimExtras, DateRange, OtherId
from medbill_desktop.domain.claims import Action, ClaimStatus
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.edi.x12 import ControlNumbers
from medbill_desktop.services import claims, encounters
from medbill_desktop.services.context import Workstation
from medbill_desktop.services.errors import ServiceError
from medbill_desktop.storage import schema
from medbill_desktop.storage.engine import make_engine
from medbill_desktop.storage.tables import metadata

ACCIDENT = ClaimExtras(
    auto_accident=True, auto_accident_state="il", other_claim_id="sf-2026-00417", employment_related=False,
    unable_to_work=DateRange(date(2026, 10, 20), date(2026, 11, 15)),
    hospitalization=DateRange(date(2026, 10, 20), date(2026, 10, 22)),
    additional_info="Patient was a passenger", outside_lab=True, outside_lab_charges_cents=4250,
    referring_other_id=OtherId("G2", "RP-5521"),
    attachments=(Attachment("09", "fx", "ACN-77120"), Attachment("RR", "AA")))


@pytest.fixture
def desk(workstation: Workstation) -> Desk:
    return make_desk(workstation)


def status(desk: Desk, number: str) -> ClaimStatus:
    return next(c.status for c in claims.list_claims(desk.ws) if c.claim_number == number)


def test_migration_0006_creates_what_tables_py_declares_and_goes_back(tmp_path: Path) -> None:
    engine = make_engine(tmp_path / "m.db", secrets.token_bytes(32))
    try:
        schema.upgrade(engine, "0005")
        schema.upgrade(engine)
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"render_as_batch": True}), metadata)
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert [d for d in diffs if "_fts" not in repr(d)] == []
        assert "claim_extras" in names
        from alembic import command

        cfg = schema.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0005")
        with engine.connect() as conn:
            names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "claim_extras" not in names and "claim_adjudications" in names
    finally:
        engine.dispose()


def test_extras_are_checked_stored_per_encounter_and_shown_in_the_detail(desk: Desk) -> None:
    ws = desk.ws
    p = desk.patient("Crash")
    desk.insure(p, desk.aetna, desk.medicare)
    e = encounters.save_encounter(ws, desk.encounter(p))
    primary, secondary = (c.claim_number for c in encounters.finalize_encounter(ws, e.id).claims)
    assert claims.claim_extras(ws, primary) == ClaimExtras()

    with pytest.raises(DomainError, match="two-letter state") as info:
        claims.save_claim_extras(ws, primary, ClaimExtras(auto_accident=True))
    assert info.value.field == "auto_accident_state"
    with pytest.raises(DomainError, match="end before they start"):
        claims.save_claim_extras(ws, primary, ClaimExtras(unable_to_work=DateRange(date(2026, 11, 2),
                                                                                    date(2026, 11, 1))))
    with pytest.raises(DomainError, match="go with 'outside lab: yes'"):
        claims.save_claim_extras(ws, primary, ClaimExtras(outside_lab_charges_cents=100))
    with pytest.raises(DomainError, match="Attachment 1: enter the control number"):
        claims.save_claim_extras(ws, primary, ClaimExtras(attachments=(Attachment("09", "FX"),)))
    with pytest.raises(DomainError, match="'ZZZ' is not a report type"):
        claims.save_claim_extras(ws, primary, ClaimExtras(attachments=(Attachment("ZZZ", "AA"),)))
    assert claims.claim_extras(ws, primary) == ClaimExtras()  # nothing was stored

    saved = claims.save_claim_extras(ws, primary, ACCIDENT)
    assert (saved.auto_accident_state, saved.other_claim_id, saved.attachments) == (
        "IL", "SF-2026-00417", (Attachment("09", "FX", "ACN77120"), Attachment("RR", "AA", "")))
    # the same facts for every claim of the encounter, read back as saved
    assert claims.claim_extras(ws, secondary) == saved == claims.claim_detail(ws, primary).extras
    claims.save_claim_extras(ws, secondary, ClaimExtras(employment_related=True))
    assert claims.claim_extras(ws, primary) == ClaimExtras(employment_related=True)


def words_at(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [w["text"] for w in doc.pages[0].extract_words(keep_blank_chars=True)]


def test_the_form_and_the_837p_carry_the_extras(desk: Desk, tmp_path: Path) -> None:
    ws = desk.ws
    number = finalized_claim(desk, "Crash")
    claims.save_claim_extras(ws, number, ACCIDENT)
    page = " | ".join(words_at(claims.claim_forms_pdf(ws, [number]).pdf))
    for text in ("Y4 SF-2026-00417", "10 20 2026", "11 15 2026", "10 22 2026", "G2", "RP-5521", "42 50",
                 "PATIENT WAS A PASSENGER PWK09FXACN77120 PWKRRAA"):
        assert text in page, text
    assert status(desk, number) is ClaimStatus.DRAFT  # making the forms moves nothing

    out = tmp_path / "a.837"
    claims.export_837(ws, [number], out)
    text = out.read_text()
    ok, log = pyx12_ok(text)
    assert ok, log
    for segment in ("*AA:::IL~", "REF*Y4*SF-2026-00417~", "DTP*314*RD8*20261020-20261115~", "DTP*435*D8*20261020~",
                    "DTP*096*D8*20261022~", "PWK*09*FX***AC*ACN77120~", "PWK*RR*AA~",
                    "NTE*ADD*PATIENT WAS A PASSENGER~"):
        assert segment in text, segment


def test_printing_records_the_submission_only_when_told_the_job_went_out(desk: Desk) -> None:
    ws = desk.ws
    number = finalized_claim(desk)
    claims.mark_ready(ws, [number])
    made = claims.claim_forms_pdf(ws, [number], "full")
    assert made.pdf.startswith(b"%PDF") and made.claim_numbers == (number,) and made.form == "full"
    assert status(desk, number) is ClaimStatus.READY and claims.claim_detail(ws, number).submissions == ()
    # the user cancelled: nothing to do, the claim is still ready; a new job is made later
    again = claims.claim_forms_pdf(ws, [number])
    assert again.batch_id != made.batch_id
    [summary] = claims.record_printed(ws, again, "printer Front HP")
    assert summary.status is ClaimStatus.SUBMITTED
    [sent] = claims.claim_detail(ws, number).submissions
    assert (sent.channel, sent.file_name) == ("print", "printer Front HP")
    with pytest.raises(ServiceError, match=f"Only draft and ready claims are printed; these are not: {number} "):
        claims.record_printed(ws, made, "printer Front HP")  # the stale job records nothing twice
    assert len(claims.claim_detail(ws, number).submissions) == 1


def test_a_claim_failing_the_scrubber_gets_no_forms(desk: Desk, clock) -> None:  # type: ignore[no-untyped-def]
    ws = desk.ws
    number = finalized_claim(desk, "Late")
    clock.advance(days=200)  # past Aetna's 180-day filing limit
    with pytest.raises(ServiceError, match="1 claim can't be printed: the scrubber found errors") as info:
        claims.claim_forms_pdf(ws, [number])
    assert f"Claim {number}:\n- The filing limit passed" in str(info.value)


def test_an_export_splits_into_transaction_sets_each_acknowledged_on_its_own(desk: Desk, tmp_path: Path) -> None:
    ws = desk.ws
    numbers = [finalized_claim(desk, name) for name in ("Ann", "Ben", "Cy", "Dee", "Eve")]
    claims.mark_ready(ws, numbers)
    result = claims.export_837(ws, None, tmp_path / "split.837", claims_per_set=2)
    text = (tmp_path / "split.837").read_text()
    ok, log = pyx12_ok(text)
    assert ok, log
    assert text.count("~ST*837*") == 3 and text.count("~GS*") == 1 and text.count("~ISA") == 0
    assert result.transaction_sets == (("0001", tuple(numbers[:2])), ("0002", tuple(numbers[2:4])),
                                       ("0003", tuple(numbers[4:])))
    recorded = {n: claims.claim_detail(ws, n).submissions[0].transaction_control for n in numbers}
    assert recorded == {numbers[0]: "0001", numbers[1]: "0001", numbers[2]: "0002", numbers[3]: "0002",
                        numbers[4]: "0003"}
    assert claims.next_control_numbers(ws) == ControlNumbers(2, 2, 4)  # ST02 moved on by three sets
    # a 999 for the second set accepts its two claims only
    ack = claims.import_999(ws, ack_999("0002", result.group_control, accepted=True))
    assert ack.accepted == tuple(numbers[2:4])
    assert [status(desk, n) for n in numbers] == [ClaimStatus.SUBMITTED] * 2 + [ClaimStatus.ACCEPTED] * 2 + [
        ClaimStatus.SUBMITTED]


def test_acceptance_and_adjudication_keep_the_payers_claim_number(desk: Desk, tmp_path: Path) -> None:
    ws = desk.ws
    number = finalized_claim(desk)
    claims.export_837(ws, [number], tmp_path / "x.837")
    claims.transition(ws, number, Action.ACCEPT, payer_reference="aet-2026-1101")
    summary = claims.transition(ws, number, Action.PAY_PARTIALLY)
    assert (summary.status, summary.payer_claim_reference) == (ClaimStatus.PARTIALLY_PAID, "AET-2026-1101")
