"""Practice-wide settings that the services and the GUI read."""

from __future__ import annotations

from dataclasses import dataclass, fields

from medbill_desktop.domain.errors import DomainError


@dataclass(frozen=True, slots=True)
class PracticeSettings:
    idle_lock_minutes: int = 10
    max_failed_sign_ins: int = 5
    lockout_minutes: int = 15
    eligibility_max_age_days: int = 30

    def validated(self) -> PracticeSettings:
        if not 1 <= self.idle_lock_minutes <= 240:
            raise DomainError("Lock the screen after 1 to 240 idle minutes.", "idle_lock_minutes")
        if not 3 <= self.max_failed_sign_ins <= 20:
            raise DomainError("Allow 3 to 20 failed sign-ins before locking a user out.", "max_failed_sign_ins")
        if not 1 <= self.lockout_minutes <= 1440:
            raise DomainError("A lockout lasts 1 to 1440 minutes.", "lockout_minutes")
        if not 1 <= self.eligibility_max_age_days <= 365:
            raise DomainError("An eligibility check is current for 1 to 365 days.", "eligibility_max_age_days")
        return self

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))
