"""People's names: what may be typed, and the comparison key used to find and match people."""

from __future__ import annotations

import re
import unicodedata

from medbill_desktop.domain.errors import DomainError

_PERSON_NAME = re.compile(r"^[^\W\d_]+(?:[ '.\-][^\W\d_]*)*$")


def validate_person_name(text: str, field: str, what: str, *, required: bool = True,
                         max_len: int = 35) -> str:
    """A part of a person's name with spaces collapsed: letters of any alphabet, spaces, hyphens,
    apostrophes and periods ("O'Brien", "García-López", "St. John")."""
    cleaned = " ".join(text.split())
    if not cleaned:
        if required:
            raise DomainError(f"Enter the {what}.", field)
        return ""
    if len(cleaned) > max_len:
        raise DomainError(f"The {what} is longer than {max_len} characters; shorten it.", field)
    if not _PERSON_NAME.match(cleaned):
        raise DomainError(
            f"'{cleaned}' can't be a {what}: use letters, spaces, hyphens, apostrophes and periods only.", field)
    return cleaned


def validate_middle_initial(text: str, field: str = "middle_initial") -> str:
    cleaned = text.strip().rstrip(".").upper()
    if cleaned and (len(cleaned) != 1 or not cleaned.isalpha()):
        raise DomainError(f"A middle initial is one letter, not '{text.strip()}'.", field)
    return cleaned


def name_key(text: str) -> str:
    """The comparison form of a name: accents dropped, case folded, only letters kept.
    "O'Brien", "o brien" and "OBRIEN" share the key 'obrien'; "García" matches "Garcia"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if ch.isalpha() and not unicodedata.combining(ch)).casefold()
