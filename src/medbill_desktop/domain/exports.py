"""Rules for files the practice hands to other programs."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def safe_cell(value: object) -> str:
    """A CSV cell a spreadsheet will not run as a formula: text starting with = + - @ or a tab gets a leading
    apostrophe (a patient named "=HYPERLINK(...)" stays text); plain numbers such as -12.34 are left alone."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _NUMBER.match(text):
        return "'" + text
    return text
