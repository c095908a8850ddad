"""Practice settings, user names and passwords, and the audit hash chain (no database)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from medbill_desktop.domain.audit import GENESIS, AuditEntry, canonical_detail, entry_hash, verify_chain
from medbill_desktop.domain.errors import DomainError
from medbill_desktop.domain.passwords import validate_password, validate_username
from medbill_desktop.domain.settings import PracticeSettings


@pytest.mark.parametrize(("field", "bad", "good"), [
    ("idle_lock_minutes", 0, 240),
    ("idle_lock_minutes", 241, 1),
    ("max_failed_sign_ins", 2, 3),
    ("max_failed_sign_ins", 21, 20),
    ("lockout_minutes", 0, 1440),
    ("lockout_minutes", 1441, 1),
    ("eligibility_max_age_days", 0, 365),
    ("eligibility_max_age_days", 366, 1),
])
def test_settings_ranges_name_their_field(field: str, bad: int, good: int) -> None:
    with pytest.raises(DomainError) as caught:
        replace(PracticeSettings(), **{field: bad}).validated()
    assert caught.value.field == field
    assert replace(PracticeSettings(), **{field: good}).validated()


def test_default_settings_are_valid() -> None:
    assert PracticeSettings().validated() == PracticeSettings()


@pytest.mark.parametrize(("typed", "stored"), [("Ada", "ada"), (" j.smith ", "j.smith"), ("b_2-x", "b_2-x")])
def test_usernames_are_cleaned(typed: str, stored: str) -> None:
    assert validate_username(typed) == stored


@pytest.mark.parametrize("name", ["a", "1abc", "ada lovelace", "ada@home", "x" * 33, ""])
def test_bad_usernames(name: str) -> None:
    with pytest.raises(DomainError, match="A user name is 2-32 characters") as caught:
        validate_username(name)
    assert caught.value.field == "username"


def test_password_rules() -> None:
    with pytest.raises(DomainError, match="at least 8 characters"):
        validate_password("short1")
    with pytest.raises(DomainError, match="cannot be the user name"):
        validate_password("BarbaraJ", "barbaraj")
    assert validate_password("long enough", "ada") == "long enough"


def chain(*details: dict[str, object]) -> list[AuditEntry]:
    entries, prev = [], GENESIS
    for seq, detail in enumerate(details, start=1):
        text = canonical_detail(detail)
        args = (seq, f"2026-11-02T15:00:0{seq}.000Z", "admin", "change", "user", "u1", text, prev)
        entries.append(AuditEntry(*args, entry_hash(*args)))
        prev = entries[-1].hash
    return entries


ENTRIES = chain({"op": "add"}, {"op": "role", "role": "biller"}, {"op": "disable"}, {"op": "enable"})


def test_an_intact_chain_verifies() -> None:
    assert verify_chain(ENTRIES) is None
    assert verify_chain([]) is None


def test_an_edited_entry_is_found() -> None:
    edited = [*ENTRIES]
    edited[2] = replace(edited[2], detail=canonical_detail({"op": "enable"}))
    found = verify_chain(edited)
    assert found is not None and found.seq == 3 and "changed" in found.reason


def test_a_removed_entry_is_found() -> None:
    found = verify_chain([e for e in ENTRIES if e.seq != 2])
    assert found is not None and found.seq == 3 and "2..2 are missing" in found.reason


def test_a_removed_first_entry_is_found() -> None:
    found = verify_chain(ENTRIES[1:])
    assert found is not None and found.seq == 2


def test_a_rewritten_tail_is_found() -> None:
    """Recomputing an edited entry's own hash does not help: the next one no longer follows it."""
    e = replace(ENTRIES[1], detail=canonical_detail({"op": "role", "role": "manager"}))
    e = replace(e, hash=entry_hash(e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.detail, e.prev_hash))
    found = verify_chain([ENTRIES[0], e, *ENTRIES[2:]])
    assert found is not None and found.seq == 3 and "does not follow" in found.reason
