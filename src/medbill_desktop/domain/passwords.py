"""Rules for user names and passwords (hashing lives in the services)."""

from __future__ import annotations

import re

from medbill_desktop.domain.errors import DomainError

MIN_PASSWORD = 8
_USERNAME = re.compile(r"^[a-z][a-z0-9._-]{1,31}$")


def validate_username(username: str) -> str:
    cleaned = username.strip().lower()
    if not _USERNAME.match(cleaned):
        raise DomainError(
            "A user name is 2-32 characters: letters, digits, '.', '_' or '-', starting with a letter.", "username"
        )
    return cleaned


def validate_password(password: str, username: str = "") -> str:
    if len(password) < MIN_PASSWORD:
        raise DomainError(f"A password needs at least {MIN_PASSWORD} characters.", "password")
    if username and password.lower() == username.lower():
        raise DomainError("The password cannot be the user name.", "password")
    return password
