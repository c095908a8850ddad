"""Identity: time-ordered UUIDv7 keys and human numbers that cannot collide across offline workstations."""

from __future__ import annotations

import os
import re
import threading
import time
import uuid

_lock = threading.Lock()
_last_ms = 0
_counter = 0


def uuid7() -> uuid.UUID:
    """RFC 9562 UUIDv7: 48-bit Unix milliseconds, then a 12-bit counter so keys made in the same
    millisecond still sort in creation order, then 62 random bits."""
    global _last_ms, _counter
    with _lock:
        ms = time.time_ns() // 1_000_000
        if ms > _last_ms:
            _last_ms, _counter = ms, int.from_bytes(os.urandom(2), "big") & 0x3FF
        else:
            _counter += 1
            if _counter > 0xFFF:  # counter exhausted: borrow the next millisecond
                _last_ms, _counter = _last_ms + 1, 0
        ms, counter = _last_ms, _counter
    rand = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | counter << 64 | 0b10 << 62 | rand
    return uuid.UUID(int=value)


def new_id() -> str:
    """A new primary key as text (the column type in every table)."""
    return str(uuid7())


_PREFIX = re.compile(r"^[A-Z][A-Z0-9]{1,3}$")


def check_workstation_prefix(prefix: str) -> str:
    if not _PREFIX.match(prefix):
        raise ValueError(f"A workstation prefix is 2-4 capital letters or digits starting with a letter: {prefix!r}")
    return prefix


_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"  # no I or O: they read as 1 and 0 on paper


def random_workstation_prefix() -> str:
    """Until it is enrolled with the practice server, a workstation numbers with a random 3-letter prefix
    (13,824 choices); at enrolment the server gives it one of its own (assigned_workstation_prefix)."""
    raw = os.urandom(3)
    return "".join(_LETTERS[b % len(_LETTERS)] for b in raw)


def assigned_workstation_prefix(n: int) -> str:
    """The practice server's n-th workstation prefix (n from 1): two letters AA, AB ... ZZ (576 of them), then
    four letters AAAA, AAAB ... Never three letters, so never one a workstation chose at random before it was
    enrolled; letters only, so a number reads as prefix then digits (AB000042)."""
    if n < 1:
        raise ValueError("prefix numbers start at 1")
    size = len(_LETTERS)
    index, width = n - 1, 2
    if index >= size ** 2:
        index, width = index - size ** 2, 4
        if index >= size ** 4:
            raise ValueError(f"the practice has used all {size ** 2 + size ** 4} workstation prefixes")
    chars = []
    for _ in range(width):
        index, r = divmod(index, size)
        chars.append(_LETTERS[r])
    return "".join(reversed(chars))


def human_number(prefix: str, sequence: int, width: int = 6) -> str:
    """'KQD' + 42 -> 'KQD000042'. Unique across workstations because prefixes are."""
    check_workstation_prefix(prefix)
    if sequence < 1:
        raise ValueError("sequence numbers start at 1")
    return f"{prefix}{sequence:0{width}d}"
