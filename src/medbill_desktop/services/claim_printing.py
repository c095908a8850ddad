"""Read-only helpers for the Claims workspace: the printer-alignment test page for a calibration profile, and
the facts the claim queue filters on that the claim summaries do not carry (the rendering provider and when
each claim was last sent). Nothing here changes the database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select

from medbill_desktop.documents.calibration import alignment_test_page as _alignment_test_page
from medbill_desktop.domain.claim_form import CalibrationProfile, validate_calibration_profile
from medbill_desktop.domain.roles import Permission
from medbill_desktop.services.context import Workstation
from medbill_desktop.storage.tables import claim_submissions, claims, encounters, providers


def alignment_test_page(ws: Workstation, profile: CalibrationProfile | None = None) -> bytes:
    """The one-page PDF to hold against a red CMS-1500 form, printed through `profile` (checked first)."""
    ws.require(Permission.MANAGE_CLAIMS)
    return _alignment_test_page(validate_calibration_profile(profile) if profile is not None else None)


@dataclass(frozen=True, slots=True)
class QueueFacts:
    claim_number: str
    provider_id: str | None
    provider_name: str
    last_sent_on: date | None  # the day of the latest print or 837P export (None: never sent)


def _day(at: str | None) -> date | None:
    if not at:
        return None
    try:
        return datetime.fromisoformat(at.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _provider_name(organization: str | None, first: str | None, last: str | None, credentials: str | None) -> str:
    if organization:
        return organization
    name = " ".join(p for p in (first, last) if p)
    return f"{name}, {credentials}" if credentials and name else name


def queue_facts(ws: Workstation) -> dict[str, QueueFacts]:
    """Per claim number: its rendering provider and the day it was last sent."""
    ws.require(Permission.VIEW_ACCOUNTS)
    last_sent = (select(claim_submissions.c.claim_id, func.max(claim_submissions.c.at).label("at"))
                 .group_by(claim_submissions.c.claim_id).subquery())
    query = (select(claims.c.claim_number, encounters.c.rendering_provider_id, providers.c.organization_name,
                    providers.c.first_name, providers.c.last_name, providers.c.credentials, last_sent.c.at)
             .select_from(claims.join(encounters, encounters.c.id == claims.c.encounter_id)
                          .outerjoin(providers, providers.c.id == encounters.c.rendering_provider_id)
                          .outerjoin(last_sent, last_sent.c.claim_id == claims.c.id)))
    with ws.read() as conn:
        rows = list(conn.execute(query))
    return {r.claim_number: QueueFacts(r.claim_number, r.rendering_provider_id,
                                       _provider_name(r.organization_name, r.first_name, r.last_name,
                                                      r.credentials),
                                       _day(r.at))
            for r in rows}
