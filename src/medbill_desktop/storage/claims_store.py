"""Claims after they are made: their status, tracking facts (frequency, item 22 reference, the payer's
reference, follow-up date), notes, submissions; printer calibration profiles; the clearinghouse settings
and the X12 control numbers."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Connection, Row, select

from medbill_desktop.domain.adjudication import REVERSAL
from medbill_desktop.domain.claim_form import Attachment, CalibrationProfile, ClaimExtras, DateRange, OtherId
from medbill_desktop.domain.coverage import Coverage
from medbill_desktop.domain.ids import new_id
from medbill_desktop.domain.patients import Patient
from medbill_desktop.storage.patients_store import coverage_from, patient_from
from medbill_desktop.storage.tables import (
    calibration_profiles,
    claim_adjudications,
    claim_extras,
    claim_notes,
    claim_submissions,
    claim_tracking,
    claims,
    clearinghouse_settings,
    coverages,
    encounters,
    patients,
    payers,
    payment_batches,
    service_lines,
    x12_control_numbers,
)


def _claim_query():  # type: ignore[no-untyped-def]
    return (select(claims, payers.c.name.label("payer_name"), encounters.c.patient_id,
                   encounters.c.date_of_service, patients.c.account_number,
                   patients.c.last_name.label("patient_last_name"),
                   patients.c.first_name.label("patient_first_name"),
                   claim_tracking.c.frequency, claim_tracking.c.original_reference,
                   claim_tracking.c.payer_claim_reference, claim_tracking.c.follow_up_on)
            .select_from(claims.join(payers, payers.c.id == claims.c.payer_id)
                         .join(encounters, encounters.c.id == claims.c.encounter_id)
                         .join(patients, patients.c.id == encounters.c.patient_id)
                         .outerjoin(claim_tracking, claim_tracking.c.claim_id == claims.c.id)))


def list_claims(conn: Connection, statuses: Sequence[str] | None = None,
                numbers: Sequence[str] | None = None) -> list[Row[Any]]:
    """Claims with their payer's name, patient and tracking facts, by claim number."""
    query = _claim_query()
    if statuses:
        query = query.where(claims.c.status.in_(list(statuses)))
    if numbers is not None:
        query = query.where(claims.c.claim_number.in_(list(numbers)))
    return list(conn.execute(query.order_by(claims.c.claim_number)))


def get_claim(conn: Connection, claim_number: str) -> Row[Any] | None:
    return conn.execute(_claim_query().where(claims.c.claim_number == claim_number)).first()


def get_claim_by_id(conn: Connection, claim_id: str) -> Row[Any] | None:
    return conn.execute(_claim_query().where(claims.c.id == claim_id)).first()


def set_status(conn: Connection, claim_id: str, status: str) -> None:
    conn.execute(claims.update().where(claims.c.id == claim_id).values(status=status))


def update_tracking(conn: Connection, claim_id: str, *, at: str, **values: Any) -> None:
    """Set some of frequency, original_reference, payer_claim_reference, follow_up_on."""
    exists = conn.execute(select(claim_tracking.c.claim_id).where(claim_tracking.c.claim_id == claim_id)).first()
    if exists is None:
        conn.execute(claim_tracking.insert().values(claim_id=claim_id, updated_at=at, **values))
    else:
        conn.execute(claim_tracking.update().where(claim_tracking.c.claim_id == claim_id)
                     .values(updated_at=at, **values))


def lines_of(conn: Connection, encounter_ids: Iterable[str]) -> list[Row[Any]]:
    ids = list(set(encounter_ids))
    if not ids:
        return []
    return list(conn.execute(select(service_lines).where(service_lines.c.encounter_id.in_(ids))
                             .order_by(service_lines.c.encounter_id, service_lines.c.position)))


# --- notes ---------------------------------------------------------------------------------------------------
def add_note(conn: Connection, claim_id: str, *, at: str, actor: str, text: str) -> str:
    note_id = new_id()
    conn.execute(claim_notes.insert().values(id=note_id, claim_id=claim_id, at=at, actor=actor, text=text))
    return note_id


def notes_for(conn: Connection, claim_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(claim_notes).where(claim_notes.c.claim_id == claim_id)
                             .order_by(claim_notes.c.at, claim_notes.c.id)))


# --- submissions ---------------------------------------------------------------------------------------------
def add_submission(conn: Connection, claim_id: str, *, at: str, actor: str, channel: str, batch_id: str,
                   file_name: str, frequency: str, interchange_control: str | None = None,
                   group_control: str | None = None, transaction_control: str | None = None) -> None:
    conn.execute(claim_submissions.insert().values(
        id=new_id(), claim_id=claim_id, at=at, actor=actor, channel=channel, batch_id=batch_id,
        file_name=file_name, frequency=frequency, interchange_control=interchange_control,
        group_control=group_control, transaction_control=transaction_control))


def submissions_for(conn: Connection, claim_id: str) -> list[Row[Any]]:
    return list(conn.execute(select(claim_submissions).where(claim_submissions.c.claim_id == claim_id)
                             .order_by(claim_submissions.c.at, claim_submissions.c.id)))


def claims_sent_in(conn: Connection, transaction_control: str, group_control: str) -> list[Row[Any]]:
    """The claims of the latest 837P transaction set with this ST02 (and GS06, when given; with no ST02,
    every set of the group)."""
    query = select(claim_submissions).where(claim_submissions.c.channel == "837p")
    if transaction_control:
        query = query.where(claim_submissions.c.transaction_control == transaction_control)
    if group_control:
        query = query.where(claim_submissions.c.group_control == group_control)
    rows = list(conn.execute(query.order_by(claim_submissions.c.at.desc(), claim_submissions.c.id.desc())))
    if not rows:
        return []
    latest = rows[0].batch_id
    return [r for r in reversed(rows) if r.batch_id == latest]  # in the order they were sent


# --- calibration profiles ------------------------------------------------------------------------------------
def _profile(r: Row[Any]) -> CalibrationProfile:
    nudges = {k: (int(v[0]), int(v[1])) for k, v in json.loads(r.nudges).items()}
    return CalibrationProfile(r.name, int(r.x_offset_hundredths_in), int(r.y_offset_hundredths_in),
                              float(r.scale), nudges)


def save_profile(conn: Connection, profile: CalibrationProfile, *, at: str) -> bool:
    """Insert or update the profile of that name; True when it is new."""
    values = {"x_offset_hundredths_in": profile.x_offset_hundredths_in,
              "y_offset_hundredths_in": profile.y_offset_hundredths_in, "scale": profile.scale,
              "nudges": json.dumps({k: list(v) for k, v in profile.nudges.items()}, sort_keys=True),
              "updated_at": at}
    found = conn.execute(select(calibration_profiles.c.id)
                         .where(calibration_profiles.c.name == profile.name)).scalar()
    if found is None:
        conn.execute(calibration_profiles.insert().values(id=new_id(), name=profile.name, **values))
        return True
    conn.execute(calibration_profiles.update().where(calibration_profiles.c.id == found).values(**values))
    return False


def get_profile(conn: Connection, name: str) -> CalibrationProfile | None:
    r = conn.execute(select(calibration_profiles).where(calibration_profiles.c.name == name)).first()
    return _profile(r) if r is not None else None


def list_profiles(conn: Connection) -> list[CalibrationProfile]:
    return [_profile(r) for r in conn.execute(select(calibration_profiles).order_by(calibration_profiles.c.name))]


# --- clearinghouse and control numbers -----------------------------------------------------------------------
def get_clearinghouse(conn: Connection) -> tuple[dict[str, Any], str] | None:
    r = conn.execute(select(clearinghouse_settings).where(clearinghouse_settings.c.id == "default")).first()
    return (json.loads(r.settings), str(r.usage)) if r is not None else None


def save_clearinghouse(conn: Connection, settings: dict[str, Any], usage: str, *, at: str) -> None:
    text = json.dumps(settings, sort_keys=True)
    if get_clearinghouse(conn) is None:
        conn.execute(clearinghouse_settings.insert().values(id="default", settings=text, usage=usage, updated_at=at))
    else:
        conn.execute(clearinghouse_settings.update().where(clearinghouse_settings.c.id == "default")
                     .values(settings=text, usage=usage, updated_at=at))


def get_control_numbers(conn: Connection, name: str = "837p") -> tuple[int, int, int] | None:
    r = conn.execute(select(x12_control_numbers).where(x12_control_numbers.c.name == name)).first()
    return (int(r.interchange), int(r.grp), int(r.transaction)) if r is not None else None


def set_control_numbers(conn: Connection, numbers: tuple[int, int, int], *, at: str, name: str = "837p") -> None:
    interchange, grp, transaction = numbers
    if get_control_numbers(conn, name) is None:
        conn.execute(x12_control_numbers.insert().values(name=name, interchange=interchange, grp=grp,
                                                         transaction=transaction, updated_at=at))
    else:
        conn.execute(x12_control_numbers.update().where(x12_control_numbers.c.name == name)
                     .values(interchange=interchange, grp=grp, transaction=transaction, updated_at=at))


def follow_ups_due(conn: Connection, on_or_before: date) -> list[str]:
    return [str(x) for x in conn.execute(select(claims.c.claim_number).select_from(
        claims.join(claim_tracking, claim_tracking.c.claim_id == claims.c.id))
        .where(claim_tracking.c.follow_up_on <= on_or_before).order_by(claims.c.claim_number)).scalars()]


# --- claim extras (items 10a-d, 11b, 16, 17a, 18, 19, 20, attachments) ----------------------------------------
def _range(start: date | None, end: date | None) -> DateRange | None:
    return DateRange(start, end) if start is not None else None


def get_extras(conn: Connection, encounter_id: str) -> ClaimExtras:
    """The encounter's claim extras; the defaults (nothing related, no dates) when none are recorded."""
    r = conn.execute(select(claim_extras).where(claim_extras.c.encounter_id == encounter_id)).first()
    if r is None:
        return ClaimExtras()
    return ClaimExtras(
        employment_related=bool(r.employment_related), auto_accident=bool(r.auto_accident),
        auto_accident_state=r.auto_accident_state, other_accident=bool(r.other_accident),
        claim_codes=r.claim_codes, other_claim_id=r.other_claim_id,
        unable_to_work=_range(r.unable_to_work_from, r.unable_to_work_to),
        hospitalization=_range(r.hospitalized_from, r.hospitalized_to), additional_info=r.additional_info,
        outside_lab=bool(r.outside_lab), outside_lab_charges_cents=r.outside_lab_charges_cents,
        referring_other_id=(OtherId(r.referring_other_qualifier, r.referring_other_id)
                            if r.referring_other_qualifier and r.referring_other_id else None),
        attachments=tuple(Attachment(str(a["report_type"]), str(a["transmission"]), str(a.get("control_number", "")))
                          for a in json.loads(r.attachments)))


def save_extras(conn: Connection, encounter_id: str, extras: ClaimExtras, *, at: str, actor: str) -> None:
    values = {
        "employment_related": extras.employment_related, "auto_accident": extras.auto_accident,
        "auto_accident_state": extras.auto_accident_state, "other_accident": extras.other_accident,
        "claim_codes": extras.claim_codes, "other_claim_id": extras.other_claim_id,
        "unable_to_work_from": extras.unable_to_work.start if extras.unable_to_work else None,
        "unable_to_work_to": extras.unable_to_work.end if extras.unable_to_work else None,
        "hospitalized_from": extras.hospitalization.start if extras.hospitalization else None,
        "hospitalized_to": extras.hospitalization.end if extras.hospitalization else None,
        "additional_info": extras.additional_info, "outside_lab": extras.outside_lab,
        "outside_lab_charges_cents": extras.outside_lab_charges_cents,
        "referring_other_qualifier": extras.referring_other_id.qualifier if extras.referring_other_id else "",
        "referring_other_id": extras.referring_other_id.value if extras.referring_other_id else "",
        "attachments": json.dumps([{"report_type": a.report_type, "transmission": a.transmission,
                                    "control_number": a.control_number} for a in extras.attachments]),
        "updated_at": at, "updated_by": actor,
    }
    found = conn.execute(select(claim_extras.c.encounter_id).where(claim_extras.c.encounter_id == encounter_id))
    if found.first() is None:
        conn.execute(claim_extras.insert().values(encounter_id=encounter_id, **values))
    else:
        conn.execute(claim_extras.update().where(claim_extras.c.encounter_id == encounter_id).values(**values))


# --- what scrubbing many claims reads, in bulk (services.claims.ready_if_clean_many_in) --------------------------
CHUNK = 500


def _parts(ids: Iterable[str]) -> Iterator[list[str]]:
    wanted = list(dict.fromkeys(i for i in ids if i))
    for start in range(0, len(wanted), CHUNK):
        yield wanted[start:start + CHUNK]


def patients_by_id(conn: Connection, patient_ids: Iterable[str]) -> dict[str, Patient]:
    """patients_store.get_patient for many patients (the missing ones left out)."""
    out: dict[str, Patient] = {}
    for part in _parts(patient_ids):
        out.update((r.id, patient_from(r)) for r in conn.execute(select(patients).where(patients.c.id.in_(part))))
    return out


def coverages_by_id(conn: Connection, coverage_ids: Iterable[str]) -> dict[str, Coverage]:
    """patients_store.get_coverage for many coverages (the missing ones left out)."""
    out: dict[str, Coverage] = {}
    for part in _parts(coverage_ids):
        out.update((r.id, coverage_from(r)) for r in conn.execute(select(coverages).where(coverages.c.id.in_(part))))
    return out


def claims_with_decision_in_effect(conn: Connection, claim_ids: Iterable[str]) -> set[str]:
    """The claims among these with an adjudication in effect (PostedAdjudication.in_effect: its batch posted,
    not reversed, not itself a reversal)."""
    out: set[str] = set()
    for part in _parts(claim_ids):
        out.update(str(r[0]) for r in conn.execute(
            select(claim_adjudications.c.claim_id).distinct()
            .join(payment_batches, payment_batches.c.id == claim_adjudications.c.batch_id)
            .where(claim_adjudications.c.claim_id.in_(part), payment_batches.c.status == "posted",
                   claim_adjudications.c.reversed_by.is_(None), claim_adjudications.c.status_code != REVERSAL)))
    return out
