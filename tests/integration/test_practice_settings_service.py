"""Practice settings and the practice record through the services: validation, audit, permissions."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace

import pytest

from medbill_desktop.domain.errors import DomainError, PermissionDenied
from medbill_desktop.domain.practice import Address, Practice
from medbill_desktop.domain.roles import Role
from medbill_desktop.domain.settings import PracticeSettings
from medbill_desktop.services import audit, settings
from medbill_desktop.services import practice as practice_service
from medbill_desktop.services.context import Actor, Workstation


def last_audit(ws: Workstation) -> tuple[str, str, dict[str, object]]:
    entry = audit.recent_entries(ws, limit=1)[0]
    return entry.action, entry.entity, json.loads(entry.detail)


def test_settings_start_at_the_defaults_and_changes_are_kept_and_audited(workstation: Workstation) -> None:
    assert settings.get_settings(workstation) == PracticeSettings()
    changed = replace(PracticeSettings(), idle_lock_minutes=5, max_failed_sign_ins=3)
    settings.save_settings(workstation, changed)
    assert settings.get_settings(workstation) == changed
    assert last_audit(workstation) == ("change", "settings", {"idle_lock_minutes": 5, "max_failed_sign_ins": 3})


@pytest.mark.parametrize(("field", "value"), [
    ("idle_lock_minutes", 0), ("max_failed_sign_ins", 100), ("lockout_minutes", -5), ("eligibility_max_age_days", 0),
])
def test_invalid_settings_are_refused_naming_the_field_and_nothing_changes(workstation: Workstation, field: str,
                                                                           value: int) -> None:
    before = last_audit(workstation)
    with pytest.raises(DomainError) as caught:
        settings.save_settings(workstation, replace(PracticeSettings(), **{field: value}))
    assert caught.value.field == field
    assert settings.get_settings(workstation) == PracticeSettings()
    assert last_audit(workstation) == before


def test_the_practice_is_saved_normalised(workstation: Workstation, practice: Practice) -> None:
    assert practice_service.get_practice(workstation) == replace(
        practice, tax_id="123456789", phone="2175550100")
    moved = replace(practice, address=Address("400 Oak Ave", "Springfield", "il", "62704-1234", line2="Suite 2"))
    practice_service.save_practice(workstation, moved)
    saved = practice_service.get_practice(workstation)
    assert saved is not None and saved.address == Address("400 Oak Ave", "Springfield", "IL", "627041234", "Suite 2")
    assert last_audit(workstation) == ("change", "practice",
                                       {"fields": ["address_line1", "address_line2", "zip_code"]})  # "il" is IL


def test_an_invalid_practice_names_the_field_and_is_not_saved(workstation: Workstation, practice: Practice) -> None:
    before = practice_service.get_practice(workstation)
    with pytest.raises(DomainError, match="should be 3") as caught:
        practice_service.save_practice(workstation, replace(practice, npi="1234567899"))
    assert caught.value.field == "npi"
    assert practice_service.get_practice(workstation) == before


def test_only_a_manager_edits_the_practice_and_its_settings(workstation: Workstation, practice: Practice,
                                                            sign_in_as: Callable[[Role], Actor]) -> None:
    sign_in_as(Role.BILLER)
    with pytest.raises(PermissionDenied, match="may not edit practice"):
        settings.save_settings(workstation, replace(PracticeSettings(), idle_lock_minutes=60))
    with pytest.raises(PermissionDenied, match="may not edit practice"):
        practice_service.save_practice(workstation, replace(practice, name="Someone Else's Clinic"))
    assert settings.get_settings(workstation) == PracticeSettings()
